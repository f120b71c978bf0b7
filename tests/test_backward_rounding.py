"""Gradients that PyTorch's kernels round in a particular way, compared bit for bit (signs of zero too)."""

from __future__ import annotations

import numpy as np
import pytest

import autograd_lab as lab

torch = pytest.importorskip("torch")


def _identical(ours: np.ndarray, theirs: np.ndarray) -> bool:
    """Equal values, NaN where NaN, and the same sign on every zero."""
    return np.array_equal(ours, theirs, equal_nan=True) and np.array_equal(
        np.signbit(ours), np.signbit(theirs)
    )


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("seed", range(12))
def test_mse_loss_and_its_gradients_round_as_pytorch(reduction: str, seed: int) -> None:
    # PyTorch's backward kernel computes (norm · (a − b)) · grad, norm = 2/n rounded to float32
    rng = np.random.default_rng(seed)
    shape = tuple(int(n) for n in rng.integers(1, 40, size=rng.integers(1, 3)))
    a, b = (rng.standard_normal(shape).astype(np.float32) for _ in range(2))
    upstream = (rng.standard_normal(() if reduction != "none" else shape) * 3).astype(np.float32)
    results = []
    for library in (lab, torch):
        x, y = library.tensor(a, requires_grad=True), library.tensor(b, requires_grad=True)
        loss = library.nn.functional.mse_loss(x, y, reduction=reduction)
        loss.backward(library.tensor(upstream))
        results.append([loss.detach().numpy(), x.grad.numpy(), y.grad.numpy()])
    for ours, theirs in zip(*results, strict=True):
        assert _identical(ours, theirs)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_relu_gradient_is_plus_zero_where_cut_and_keeps_nan(dtype: type) -> None:
    # threshold_backward writes 0 where the output is ≤ 0, whatever arrives there (negative, NaN)
    values = np.array([-1.0, 2.0, 0.0, np.nan, 3.0, -0.5], dtype)
    upstream = np.array([-1.0, -1.0, -2.0, 5.0, np.nan, np.nan], dtype)
    grads = []
    for library in (lab, torch):
        x = library.tensor(values, requires_grad=True)
        x.relu().backward(library.tensor(upstream))
        grads.append(x.grad.numpy())
    assert _identical(*grads)
    assert not np.signbit(grads[0][0])  # +0, not -0: the case a multiplication by a mask gets wrong


@pytest.mark.parametrize("batch", [1, 2, 15, 16, 17, 33, 255, 256, 257, 600])
@pytest.mark.parametrize("variant", ["plain", "weighted", "ignored", "weighted and ignored", "sum"])
def test_nll_loss_adds_and_divides_as_pytorch_kernel(batch: int, variant: str) -> None:
    # nll_loss_out_frame: an 8-level cascade of 16 over the counted samples, then / the total weight
    rng = np.random.default_rng(batch)
    classes = 7
    scores = np.log(rng.uniform(0.01, 1.0, (batch, classes))).astype(np.float32)
    targets = rng.integers(0, classes, batch)
    kwargs: dict = {"reduction": "sum" if variant == "sum" else "mean"}
    if "ignored" in variant:
        targets[rng.random(batch) < 0.3] = -100
        targets[0] = 3  # at least one counted
    weight = rng.uniform(0.1, 3.0, classes).astype(np.float32)
    upstream = np.float32(rng.standard_normal() * 2)
    results = []
    for library in (lab, torch):
        x = library.tensor(scores, requires_grad=True)
        if "weighted" in variant:
            kwargs["weight"] = library.tensor(weight)
        loss = library.nn.functional.nll_loss(x, library.tensor(targets), **kwargs)
        loss.backward(library.tensor(upstream))
        results.append([loss.detach().numpy(), x.grad.numpy()])
    for ours, theirs in zip(*results, strict=True):
        assert _identical(ours, theirs)


def test_nll_loss_of_one_sample_without_a_batch() -> None:
    scores = np.log(np.array([0.2, 0.5, 0.3], np.float32))
    results = []
    for library in (lab, torch):
        x = library.tensor(scores, requires_grad=True)
        loss = library.nn.functional.nll_loss(x, library.tensor(1))
        loss.backward(library.tensor(np.float32(0.7)))
        results.append([loss.detach().numpy(), x.grad.numpy()])
    for ours, theirs in zip(*results, strict=True):
        assert _identical(ours, theirs)


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("seed", range(6))
def test_binary_cross_entropy_input_gradient_rounds_as_pytorch(
    reduction: str, weighted: bool, seed: int
) -> None:
    # binary_cross_entropy_backward: grad · (p − t) / max(p(1 − p), 1e-12), then · weight, then / n
    rng = np.random.default_rng(seed)
    shape = (int(rng.integers(1, 20)), int(rng.integers(1, 12)))
    probabilities = rng.uniform(0.02, 0.98, shape).astype(np.float32)
    targets = rng.uniform(0, 1, shape).astype(np.float32)
    weight = rng.uniform(0.5, 2.0, shape).astype(np.float32)
    upstream = (rng.standard_normal(() if reduction != "none" else shape) * 2).astype(np.float32)
    grads = []
    for library in (lab, torch):
        x = library.tensor(probabilities, requires_grad=True)
        kwargs = {"weight": library.tensor(weight)} if weighted else {}
        loss = library.nn.functional.binary_cross_entropy(
            x, library.tensor(targets), reduction=reduction, **kwargs
        )
        loss.backward(library.tensor(upstream))
        grads.append(x.grad.numpy())
    assert _identical(*grads)


@pytest.mark.parametrize("mode", ["replicate", "reflect"])
@pytest.mark.parametrize("dims", [1, 2, 3])
@pytest.mark.parametrize("seed", range(4))
def test_padding_adds_its_gradient_back_in_pytorchs_order(mode: str, dims: int, seed: int) -> None:
    # cpu_padding_backward: each padded position in row-major order, added into zeros one at a time
    rng = np.random.default_rng(seed)
    size = tuple(int(n) for n in rng.integers(2, 5, size=dims))
    # reflect: each pad smaller than its dimension, and not negative (PyTorch's gradient is then garbage)
    low, high = (0, 2) if mode == "reflect" else (-1, 4)
    pad = tuple(int(p) for p in rng.integers(low, high, size=2 * dims))
    values = rng.standard_normal((2, 3, *size)).astype(np.float32)
    shape = lab.nn.functional.pad(lab.tensor(values), pad, mode=mode).shape
    upstream = (rng.standard_normal(tuple(shape)) * 3).astype(np.float32)
    grads = []
    for library in (lab, torch):
        x = library.tensor(values, requires_grad=True)
        library.nn.functional.pad(x, pad, mode=mode).backward(library.tensor(upstream))
        grads.append(x.grad.numpy())
    assert _identical(*grads)


@pytest.mark.parametrize("loss", ["smooth_l1_loss", "huber_loss"])
@pytest.mark.parametrize("width", [1.0, 0.5, 2.0])  # beta or delta: PyTorch's default, and powers of 2
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("seed", range(4))
def test_smooth_l1_and_huber_gradients_round_as_pytorch(
    loss: str, width: float, reduction: str, seed: int
) -> None:
    # The vectorised backward kernels: (clamp(x/β, −1, 1) · norm) · grad and (clamp(x, −δ, δ) · norm) · grad,
    # norm = 1/n rounded to float32.  (Other widths differ in the kernel's scalar tail, whose
    # length depends on the CPU's vector width: not followed.)
    rng = np.random.default_rng(seed)
    shape = tuple(int(n) for n in rng.integers(1, 40, size=rng.integers(1, 3)))
    a, b = (rng.standard_normal(shape).astype(np.float32) * 2 for _ in range(2))
    upstream = (rng.standard_normal(() if reduction != "none" else shape) * 3).astype(np.float32)
    keyword = "beta" if loss == "smooth_l1_loss" else "delta"
    results = []
    for library in (lab, torch):
        x, y = library.tensor(a, requires_grad=True), library.tensor(b, requires_grad=True)
        value = getattr(library.nn.functional, loss)(x, y, reduction=reduction, **{keyword: width})
        value.backward(library.tensor(upstream))
        results.append([x.grad.numpy(), y.grad.numpy()])
    for ours, theirs in zip(*results, strict=True):
        assert _identical(ours, theirs)


@pytest.mark.parametrize("variant", ["plain", "weighted", "pos_weight", "both"])
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("seed", range(4))
def test_binary_cross_entropy_with_logits_gradients_round_as_pytorch(
    variant: str, reduction: str, seed: int
) -> None:
    # binary_cross_entropy_with_logits_backward: slope · grad, · weight, then / n; the slope with a
    # positive weight w₊ is (w₊t + 1 − t)·σ(z) − w₊t.  PyTorch's vectorised σ and log σ are not
    # correctly rounded, so the gradients are compared where both libraries' σ (and, for the
    # target's with w₊, log σ) agree.
    rng = np.random.default_rng(seed)
    shape = (int(rng.integers(1, 30)), 3)
    z = (rng.standard_normal(shape) * 3).astype(np.float32)
    t = rng.uniform(0, 1, shape).astype(np.float32)
    kwargs: dict = {"reduction": reduction}
    weight = rng.uniform(0.5, 2, 3).astype(np.float32) if variant in ("weighted", "both") else None
    pos_weight = rng.uniform(0.5, 3, 3).astype(np.float32) if variant in ("pos_weight", "both") else None
    upstream = (rng.standard_normal(() if reduction != "none" else shape) * 3).astype(np.float32)
    results = []
    for library in (lab, torch):
        x, y = library.tensor(z, requires_grad=True), library.tensor(t, requires_grad=True)
        if weight is not None:
            kwargs["weight"] = library.tensor(weight)
        if pos_weight is not None:
            kwargs["pos_weight"] = library.tensor(pos_weight)
        library.nn.functional.binary_cross_entropy_with_logits(x, y, **kwargs).backward(
            library.tensor(upstream)
        )
        logsig = library.nn.functional.logsigmoid
        values = [library.tensor(v) for v in (z, -z)]
        agree = [library.sigmoid(values[0]).numpy(), logsig(values[0]).numpy(), logsig(values[1]).numpy()]
        results.append((x.grad.numpy(), y.grad.numpy(), agree))
    (ours_x, ours_y, ours_f), (their_x, their_y, their_f) = results
    same_sigmoid = ours_f[0] == their_f[0]
    same_logs = (
        (ours_f[1] == their_f[1]) & (ours_f[2] == their_f[2])
        if pos_weight is not None
        else same_sigmoid | True
    )
    assert same_sigmoid.mean() > 0.8  # most σ agree: the comparison covers most elements
    assert _identical(ours_x[same_sigmoid], their_x[same_sigmoid])
    assert same_logs.any() and _identical(ours_y[same_logs], their_y[same_logs])
