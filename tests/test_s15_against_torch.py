"""Session 15's fixes, each held against PyTorch.

- Batch norm's backward pass in training is PyTorch's CPU kernel: two sums per channel
  (Σg and Σ(x − μ)g) and one pass over the batch, from the statistics the forward pass
  saved, instead of the statistics worked out again with six more sums.  A batch of
  rows (BatchNorm1d on (N, C)) gets PyTorch's gradients bit for bit; a batch of images
  differs from PyTorch only where its planes' float sums round (PyTorch adds each plane
  in float32 vectors, here in double).
"""

from __future__ import annotations

import numpy as np
import pytest

import autograd_lab as lab
from autograd_lab.ops import nn as nn_ops

torch = pytest.importorskip("torch")


def _batch_norm_grads(m, x: np.ndarray, g: np.ndarray, affine: bool) -> list[np.ndarray]:
    """The input's, weight's and bias's gradients of a BatchNorm layer in training, under ``m``."""
    m.manual_seed(0)
    layer = (m.nn.BatchNorm2d if x.ndim == 4 else m.nn.BatchNorm1d)(x.shape[1], affine=affine)
    if x.dtype == np.float64:
        layer = layer.double()
    if affine:
        rng = np.random.default_rng(1)
        with m.no_grad():
            layer.weight.copy_(m.tensor(rng.standard_normal(x.shape[1]).astype(x.dtype)))
            layer.bias.copy_(m.tensor(rng.standard_normal(x.shape[1]).astype(x.dtype)))
    inputs = m.tensor(x, requires_grad=True)
    layer(inputs).backward(m.tensor(g))
    found = [inputs.grad.numpy()]
    return found + ([layer.weight.grad.numpy(), layer.bias.grad.numpy()] if affine else [])


def _batch(shape: tuple, dtype: str = "float32", seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return (rng.standard_normal(shape) * 3 + 1).astype(dtype), rng.standard_normal(shape).astype(dtype)


@pytest.mark.parametrize("shape", [(64, 20), (256, 120), (7, 5), (64, 12), (33, 40), (2, 3, 1, 1)], ids=str)
@pytest.mark.parametrize("affine", [True, False], ids=["affine", "plain"])
def test_batch_norm_of_rows_has_pytorchs_gradients_bit_for_bit(shape: tuple, affine: bool) -> None:
    """Σg row after row, Σ(x − μ)g fused, and (g − Σg/N) − (x − μ)k fused in the full vectors of 8."""
    if not torch.backends.mkl.is_available():
        pytest.skip("the order followed is that of PyTorch's x86-64 build")
    x, g = _batch(shape)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # (the kernel splits the rows between threads)
    try:
        ours, theirs = _batch_norm_grads(lab, x, g, affine), _batch_norm_grads(torch, x, g, affine)
    finally:
        torch.set_num_threads(threads)
    for found, expected in zip(ours, theirs, strict=True):
        assert found.dtype == expected.dtype
        assert found.tobytes() == expected.tobytes()


@pytest.mark.parametrize("shape", [(32, 16, 32, 32), (8, 3, 5, 5), (4, 6, 10)], ids=str)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_batch_norm_of_images_has_pytorchs_gradients(shape: tuple, dtype: str) -> None:
    x, g = _batch(shape, dtype)
    ours, theirs = _batch_norm_grads(lab, x, g, True), _batch_norm_grads(torch, x, g, True)
    tolerance = 1e-5 if dtype == "float32" else 1e-12
    for found, expected in zip(ours, theirs, strict=True):
        assert found.dtype == expected.dtype
        np.testing.assert_allclose(found, expected, rtol=tolerance, atol=tolerance * np.abs(expected).max())


def test_batch_norm_backward_takes_the_kernels_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """A plain backward pass in training adds two sums per channel, not the statistics again."""
    calls = []
    real = nn_ops._kernel_input_grad
    monkeypatch.setattr(nn_ops, "_kernel_input_grad", lambda *args: calls.append(1) or real(*args))
    x, g = _batch((4, 3, 5, 5))
    _batch_norm_grads(lab, x, g, True)
    assert calls == [1]


def test_batch_norm_double_backward_still_differentiates_its_statistics() -> None:
    """create_graph records the rule in tensor ops (the kernel's path is for plain arrays only)."""
    x, _ = _batch((6, 3, 4, 4), "float64")
    outs = []
    for m in (lab, torch):
        layer = m.nn.BatchNorm2d(3).double()
        inputs = m.tensor(x, requires_grad=True)
        (grad,) = m.autograd.grad((layer(inputs) ** 3).sum(), inputs, create_graph=True)
        (second,) = m.autograd.grad((grad * grad).sum(), inputs)
        outs.append(second.detach().numpy())
    np.testing.assert_allclose(outs[0], outs[1], rtol=1e-9, atol=1e-9)
