"""Convolutions of stride 1 by shifted products (session 21: a DenseNet block of d2l's took 12x PyTorch's time,
most of it copying every window).  The results are held against float64 within float32's rounding bound,
and a lesson-sized convolution keeps unfold's products."""

from __future__ import annotations

import numpy as np
import pytest

import autograd_lab as lab
from autograd_lab.ops import nn as ops_nn

torch = pytest.importorskip("torch")

# (batch, in channels, height, width, out channels, kernel, padding, dilation): each big enough for the
# shifted products; more output channels than input ones and fewer (the forward and the input gradient
# choose their products by that), 1x1 and rectangular kernels, dilation, uneven padding through "same".
SHAPES = [
    (64, 112, 12, 12, 32, 3, 1, 1),  # d2l's DenseNet: few new channels from many
    (16, 64, 16, 16, 64, 3, 1, 1),  # ResNet's 3x3 layers
    (64, 3, 32, 32, 64, 3, 1, 1),  # a first layer on RGB images
    (64, 128, 16, 16, 256, (1, 3), (0, 1), 1),  # a 1x3 kernel (a 1x1 one keeps unfold: it copies nothing)
    (20, 30, 20, 20, 40, (3, 2), (1, 2), (2, 1)),
    (20, 24, 15, 15, 40, 4, "same", 1),
]


def _convolve(m, x: np.ndarray, w: np.ndarray, b: np.ndarray, g: np.ndarray, padding, dilation) -> list:
    xs, ws, bs = (m.tensor(v, requires_grad=True) for v in (x, w, b))
    y = m.nn.functional.conv2d(xs, ws, bs, padding=padding, dilation=dilation)
    y.backward(m.tensor(g))
    return [t.detach().numpy() for t in (y, xs.grad, ws.grad, bs.grad)]


@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_shifted_products_give_the_convolution_and_its_gradients(shape: tuple) -> None:
    n, c, h, w_, o, k, padding, dilation = shape
    kernel = k if isinstance(k, tuple) else (k, k)
    rng = np.random.default_rng(0)
    x = rng.standard_normal((n, c, h, w_)).astype(np.float32)
    w = rng.standard_normal((o, c, *kernel)).astype(np.float32)
    b = rng.standard_normal(o).astype(np.float32)
    window = ops_nn.Window(
        kernel, (1, 1), (dilation,) * 2 if isinstance(dilation, int) else dilation, ((0, 0),) * 2
    )
    if padding != "same":  # (the window's padding does not change whether the products are shifted ones)
        assert ops_nn._shifted(x.shape, x.dtype, w.dtype, window, 1)
    with torch.no_grad():
        y_shape = torch.nn.functional.conv2d(
            torch.from_numpy(x), torch.from_numpy(w), padding=padding, dilation=dilation
        ).shape
    g = rng.standard_normal(tuple(y_shape)).astype(np.float32)
    ours = _convolve(lab, x, w, b, g, padding, dilation)
    exact = [
        v.astype(np.float64)
        for v in _convolve(torch, *(v.astype(np.float64) for v in (x, w, b, g)), padding, dilation)
    ]
    # float32's bound for sums of products: a multiple of the float32 step times the sum of |terms|
    bounds = _convolve(torch, *(np.abs(v).astype(np.float64) for v in (x, w, b, g)), padding, dilation)
    terms = [c * np.prod(kernel), o * np.prod(kernel), n * np.prod(y_shape[2:]), n * np.prod(y_shape[2:])]
    for name, found, expected, bound, count in zip(
        ("y", "x.grad", "w.grad", "b.grad"), ours, exact, bounds, terms, strict=True
    ):
        assert found.shape == expected.shape and found.dtype == np.float32, name
        error = np.abs(found - expected)
        allowed = 2 * count * 2.0**-24 * bound + 1e-30
        assert (error <= allowed).all(), f"{name}: worst {np.max(error / allowed):.2f} of the bound"
        # and much nearer than the bound: a misplaced window would be far off
        assert np.max(error) <= 1e-5 * np.max(np.abs(expected)), name


def test_a_lesson_sized_convolution_keeps_unfolds_products() -> None:
    """A printed example (2 images of 6x5, 3x3 kernel) adds in unfold's order, as before, nearer PyTorch's."""
    x, w = np.zeros((2, 2, 6, 5), np.float32), np.zeros((3, 2, 3, 3), np.float32)
    window = ops_nn.Window((3, 3), (1, 1), (1, 1), ((1, 1), (1, 1)))
    assert not ops_nn._shifted(x.shape, x.dtype, w.dtype, window, 1)


@pytest.mark.parametrize(
    ("stride", "groups", "dtype", "kernel"),
    [
        ((2, 2), 1, np.float32, 3),
        ((1, 1), 2, np.float32, 3),
        ((1, 1), 1, np.float16, 3),
        ((1, 1), 1, np.float32, 1),
    ],
)
def test_strides_groups_half_precision_and_1x1_keep_unfold(
    stride: tuple, groups: int, dtype: type, kernel: int
) -> None:
    x, w = np.zeros((64, 64, 16, 16), dtype), np.zeros((64, 64 // groups, kernel, kernel), dtype)
    window = ops_nn.Window((kernel, kernel), stride, (1, 1), ((kernel // 2,) * 2,) * 2)
    assert not ops_nn._shifted(x.shape, x.dtype, w.dtype, window, groups)
    if (stride, groups, dtype) == ((1, 1), 1, np.float32):
        assert ops_nn._shifted(x.shape, x.dtype, x.dtype, window._replace(kernel=(3, 3)), groups)
