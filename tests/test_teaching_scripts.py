"""What short d2l / tutorial scripts use beyond the measured lessons: ``gather``, gradient clipping.

Each piece runs in autograd_lab and in PyTorch: values, gradients, node
names and errors must agree.
"""

from __future__ import annotations

from types import ModuleType

import numpy as np
import pytest
from twins import raises_like_torch

import autograd_lab as lab

torch = pytest.importorskip("torch")


def test_cross_entropy_from_scratch_with_gather_matches_pytorch() -> None:
    rng = np.random.default_rng(0)
    scores, labels = rng.standard_normal((6, 4)).astype(np.float32), rng.integers(0, 4, 6)
    results = []
    for m in (lab, torch):
        x = m.tensor(scores, requires_grad=True)
        y = m.tensor(labels)
        picked = m.softmax(x, 1).gather(1, y.view(-1, 1)).squeeze(1)
        loss = -picked.log().mean()
        loss.backward()
        results.append((type(picked.grad_fn).__name__, loss.item(), x.grad.numpy()))
    (node_a, loss_a, grad_a), (node_b, loss_b, grad_b) = results
    assert node_a == node_b == "SqueezeBackward1"
    np.testing.assert_allclose(loss_a, loss_b, rtol=1e-6)
    np.testing.assert_allclose(grad_a, grad_b, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize(
    "code",
    [
        "m.gather(m.rand(3, 4), 1, m.tensor([[0], [5], [1]]))",
        "m.gather(m.rand(3, 4), 1, m.tensor([[-1], [0], [0]]))",
        "m.gather(m.rand(3, 4), 1, m.tensor([0, 1]))",
        "m.gather(m.rand(3, 4), 1, m.tensor([[0.0]]))",
        "m.gather(m.rand(3, 4), 0, m.tensor([[0, 1, 2, 3, 0]]))",
    ],
)
def test_gather_errors_match_pytorch(code: str) -> None:
    raises_like_torch(lambda m: eval(code, {"m": m}), torch)  # noqa: S307 - our own code


def clipped(m: ModuleType, how: str) -> tuple:
    """Two parameters with known gradients, clipped by ``how``; the result and the gradients after."""
    w, b = m.nn.Parameter(m.zeros(2, 3)), m.nn.Parameter(m.zeros(3))
    w.grad = m.tensor([[3.0, -4.0, 0.5], [0.0, 1.0, -2.0]])
    b.grad = m.tensor([0.25, -0.5, 6.0])
    result = eval(how, {"m": m, "params": [w, b], "w": w})  # noqa: S307 - our own code
    result = None if result is None else result.numpy()
    return result, w.grad.numpy(), b.grad.numpy()


@pytest.mark.parametrize(
    "how",
    [
        "m.nn.utils.clip_grad_norm_(params, max_norm=1.0)",
        "m.nn.utils.clip_grad_norm_(params, 100.0)",
        "m.nn.utils.clip_grad_norm_(params, 2.0, norm_type='inf')",
        "m.nn.utils.clip_grad_norm_(params, 0.5, norm_type=1)",
        "m.nn.utils.clip_grad_norm_(w, 1.0)",
        "m.nn.utils.clip_grad_value_(params, clip_value=0.75)",
    ],
)
def test_gradient_clipping_matches_pytorch(how: str) -> None:
    for ours, theirs in zip(clipped(lab, how), clipped(torch, how), strict=True):
        if theirs is None:
            assert ours is None
        else:
            np.testing.assert_allclose(ours, theirs, rtol=1e-6)


def test_clipping_a_nonfinite_norm_raises_as_pytorch() -> None:
    def clip(m: ModuleType) -> None:
        w = m.nn.Parameter(m.zeros(2))
        w.grad = m.tensor([float("nan"), 1.0])
        m.nn.utils.clip_grad_norm_([w], 1.0, error_if_nonfinite=True)

    raises_like_torch(clip, torch)
    assert lab.nn.utils.clip_grad_norm_([lab.nn.Parameter(lab.ones(2))], 1.0).item() == 0.0


@pytest.mark.parametrize(
    "program",
    [
        "t = x * 1; t[0] = w * 2; y = (t * 30).exp()",  # CopySlices around copy_ (the view fuzzer's find)
        "t = x * 1; t.copy_(w.expand(3)); y = (t * 40).exp()",
        "t = x * 1; t[0:1] = w * 2; y = (t * 30).exp()",  # a 0-d value: fill_ (FillBackward3)
        "t = x * 1; t[0:2].fill_(3.0); y = (t * 40).exp()",
        "t = x * 1; t[1:].zero_(); y = (t * 90).exp() + w",
    ],
)
def test_an_overwritten_value_gets_zero_gradient_even_next_to_inf(program: str) -> None:
    """copy_'s gradient for what it overwrites is PyTorch's zeros, not grad * 0 (nan where grad is inf)."""
    results = []
    for m in (lab, torch):
        x = m.tensor([0.5, -1.0, 2.0], requires_grad=True)
        w = m.tensor(1.5, requires_grad=True)
        scope = {"x": x, "w": w}
        with np.errstate(over="ignore"):
            exec(program, scope)  # noqa: S102 - our own code
            scope["y"].sum().backward()
        results.append((x.grad.numpy(), None if w.grad is None else w.grad.item()))
    (ours, ours_w), (theirs, theirs_w) = results
    np.testing.assert_allclose(ours, theirs, rtol=1e-6)  # nan where PyTorch has 0 fails here
    assert ours_w == theirs_w


def test_an_empty_expand_can_be_written_in_place_as_in_pytorch() -> None:
    """expand(2, 0) has a 0 stride but no element: PyTorch writes it (the view fuzzer's find)."""
    results = []
    for m in (lab, torch):
        t = m.ones(1, 4)[1:, 0].unsqueeze(0).expand(2, 0)
        t.data.mul_(2.0)
        t.mul_(2.0)
        results.append(tuple(t.shape))
    assert results[0] == results[1] == (2, 0)
