"""Session 12's 3-d layers and the random activations, each case run in autograd_lab and in PyTorch.

``Conv3d``, ``ConvTranspose3d`` and their lazy forms, 3-d pooling, ``BatchNorm3d``,
``Dropout3d``, ``RReLU``, ``AlphaDropout`` and ``FeatureAlphaDropout``: the
same code under both libraries gives the same shapes, values, gradients,
seeded weights and random draws, printed forms, node names, and (for inputs
of the wrong rank) PyTorch's exception type and first sentence; our errors
add a hint.  Skipped where PyTorch is not installed.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

torch_ref = pytest.importorskip("torch")

import autograd_lab as lab  # noqa: E402


def plain(value: Any) -> Any:
    """Tensors as (dtype, shape, values); sizes, tuples and lists taken apart; anything else as it is."""
    if isinstance(value, (lab.Tensor, torch_ref.Tensor)):
        return ("tensor", str(value.dtype).split(".")[-1], tuple(value.shape), value.detach().numpy().copy())
    if isinstance(value, (tuple, list)):
        return [plain(item) for item in value]
    return value


def assert_same(ours: Any, theirs: Any, atol: float = 1e-5) -> None:
    """Equal structure, dtypes, shapes, exact strings; values within ``atol`` (sums run in different orders)."""
    assert_plain_same(plain(ours), plain(theirs), atol)


def assert_plain_same(ours: Any, theirs: Any, atol: float) -> None:
    if isinstance(ours, list):
        assert isinstance(theirs, list) and len(ours) == len(theirs), (ours, theirs)
        for mine, yours in zip(ours, theirs, strict=True):
            assert_plain_same(mine, yours, atol)
    elif isinstance(ours, tuple) and ours and ours[0] == "tensor":
        assert ours[:3] == theirs[:3], (ours[:3], theirs[:3])
        np.testing.assert_allclose(ours[3], theirs[3], rtol=1e-5, atol=atol)
    else:
        assert ours == theirs


def run_both(code: Callable[[Any], Any], atol: float = 1e-5) -> None:
    """``code(m)`` under autograd_lab and under PyTorch gives the same."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert_same(code(lab), code(torch_ref), atol)


def failure(code: Callable[[Any], Any], m: Any) -> str:
    """The exception's type and first sentence (our hint cut off)."""
    with pytest.raises(Exception) as caught, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        code(m)
    text = str(caught.value)
    if m is lab:
        assert " Hint: " in text, f"our error has no hint: {text}"
    return f"{type(caught.value).__name__}: {text.split(' Hint: ')[0]}"


def assert_fails_alike(code: Callable[[Any], Any]) -> None:
    assert failure(code, lab) == failure(code, torch_ref)


def volumes(m: Any, shape: tuple = (2, 2, 3, 4, 5)) -> Any:
    """A batch of volumes whose values differ (no ties for a maximum), requiring grad."""
    values = np.random.default_rng(7).permutation(int(np.prod(shape))).reshape(shape) / 10.0 - 3.0
    return m.tensor(values.astype(np.float32), requires_grad=True)


def forward_and_backward(module: Any, x: Any, **kwargs: Any) -> list:
    """The output, its node, and the gradients of x and of each parameter after a weighted sum."""
    y = module(x, **kwargs)
    weights = y.detach().clone().cos()
    (y * weights).sum().backward()
    return [repr(module), y, y.grad_fn.name(), x.grad, *(p.grad for p in module.parameters())]


# -- Conv3d, ConvTranspose3d and their lazy forms ------------------------------------------------------------------

CONVOLUTIONS = {
    "Conv3d": lambda m: m.nn.Conv3d(2, 4, 3),
    "Conv3d, padded, strided, grouped": lambda m: m.nn.Conv3d(
        2, 4, (3, 2, 2), (1, 2, 1), padding=1, groups=2
    ),
    "Conv3d, dilated, no bias": lambda m: m.nn.Conv3d(2, 3, 2, dilation=(1, 2, 2), bias=False),
    "Conv3d, padding='same'": lambda m: m.nn.Conv3d(2, 3, (3, 1, 3), padding="same"),
    "ConvTranspose3d": lambda m: m.nn.ConvTranspose3d(2, 3, 3),
    "ConvTranspose3d, strided": lambda m: m.nn.ConvTranspose3d(
        2, 4, 3, stride=2, padding=1, output_padding=1
    ),
    "ConvTranspose3d, grouped, dilated": lambda m: m.nn.ConvTranspose3d(
        2, 4, 2, groups=2, dilation=2, bias=False
    ),
}


@pytest.mark.parametrize("make", CONVOLUTIONS.values(), ids=CONVOLUTIONS.keys())
def test_3d_convolutions_as_in_pytorch(make: Callable[[Any], Any]) -> None:
    """Seeded weights bit for bit, then the same output, node and gradients."""

    def run(m: Any) -> list:
        m.manual_seed(3)
        module = make(m)
        return [module.weight, module.bias, *forward_and_backward(module, volumes(m))]

    ours, theirs = run(lab), run(torch_ref)
    assert np.array_equal(ours[0].detach().numpy(), theirs[0].detach().numpy())
    assert_same(ours, theirs, atol=1e-4)


def test_a_single_volume_and_output_size_as_in_pytorch() -> None:
    def run(m: Any) -> list:
        m.manual_seed(0)
        up = m.nn.ConvTranspose3d(2, 3, 3, stride=(2, 2, 3), padding=1)
        x = volumes(m, (2, 3, 4, 5))
        return [up(x), up(x, output_size=[6, 8, 14]).shape, up(x, output_size=(3, 5, 7, 15)).shape]

    run_both(run)


@pytest.mark.parametrize("lazy", ["LazyConv3d", "LazyConvTranspose3d"])
def test_lazy_3d_convolutions_as_in_pytorch(lazy: str) -> None:
    def run(m: Any) -> list:
        module = getattr(m.nn, lazy)(4, 2, padding=1)
        before = repr(module)
        m.manual_seed(5)
        y = module(volumes(m))
        return [before, repr(module), type(module).__name__, module.weight, module.bias, y]

    run_both(run)


WRONG_CONVOLUTIONS = {
    "Conv3d of an image": lambda m: m.nn.Conv3d(2, 4, 3)(m.ones(2, 2, 5, 5)),
    "Conv3d of a 6-d tensor": lambda m: m.nn.Conv3d(2, 4, 1)(m.ones(1, 2, 2, 2, 2, 2)),
    "Conv3d of too few channels": lambda m: m.nn.Conv3d(3, 4, 1)(m.ones(1, 2, 2, 2, 2)),
    "ConvTranspose3d of an image": lambda m: m.nn.ConvTranspose3d(2, 4, 3)(m.ones(1, 2, 5, 5)),
    "ConvTranspose3d, output_size out of range": (
        lambda m: m.nn.ConvTranspose3d(2, 4, 3, stride=2)(m.ones(1, 2, 2, 2, 2), output_size=[9, 9, 9])
    ),
    "LazyConv3d of an image": lambda m: m.nn.LazyConv3d(4, 3)(m.ones(2, 5, 5)),
    "groups that do not divide": lambda m: m.nn.Conv3d(3, 4, 1, groups=2),
}


@pytest.mark.parametrize("code", WRONG_CONVOLUTIONS.values(), ids=WRONG_CONVOLUTIONS.keys())
def test_3d_convolution_errors_as_in_pytorch(code: Callable[[Any], Any]) -> None:
    assert_fails_alike(code)
