"""Session 13's pooling layers and fixes, each case run in autograd_lab and in PyTorch.

``MaxUnpool3d``, ``LPPool1d/2d/3d`` and ``FractionalMaxPool2d/3d`` with their
``F`` functions: the same shapes, values, indices, node names (LP pooling's
whole chain of them) and gradients, the same windows after the same
``manual_seed``, the examples of PyTorch's documentation, and PyTorch's
errors.  Then PyTorch's errors for activations and dropout of integers and the
``padding='same'`` warning of ``F.conv1d``/``F.conv2d``.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np
import pytest
from twins import assert_same, both, numbers, outcome

torch_ref = pytest.importorskip("torch")

import autograd_lab as lab  # noqa: E402


def distinct(m: ModuleType, shape: tuple, dtype: str = "float32") -> Any:
    """Values that differ (no ties for a maximum), some negative, requiring grad."""
    values = (
        np.random.default_rng(11).permutation(int(np.prod(shape))).reshape(shape) / 10.0 - 2.05
    )  # (none 0: |x| and x^p have no derivative there)
    return m.tensor(values.astype(dtype), requires_grad=True)


def node_names(node: Any) -> list[str]:
    """The names of the graph's nodes, depth first from ``node``."""
    if node is None:
        return []
    names = [type(node).__name__ if not hasattr(node, "name") else node.name()]
    for parent, _ in node.next_functions:
        names += node_names(parent)
    return names


def pooled(m: ModuleType, code: str, shape: tuple, dtype: str = "float32") -> dict:
    """``code`` (of ``m``, ``F`` and ``x``) run, then backward of a weighted sum: everything to compare."""
    x = distinct(m, shape, dtype)
    out = eval(code, {"m": m, "F": m.nn.functional, "x": x})  # noqa: S307 - the table below
    values, indices = out if isinstance(out, tuple) else (out, None)
    (values * values.detach().cos()).sum().backward()
    found = {"values": numbers(values), "nodes": node_names(values.grad_fn), "grad": numbers(x.grad)}
    if indices is not None:
        found["indices"] = numbers(indices)
    return found


POOLINGS = {
    # fractional max pooling: windows from the seeded draw, or from the samples given
    "fractional 2d, seeded": ("F.fractional_max_pool2d(x, 2, output_size=3)", (2, 3, 7, 6)),
    "fractional 2d, indices": (
        "F.fractional_max_pool2d(x, (2, 3), (4, 3), return_indices=True)",
        (2, 3, 9, 7),
    ),
    "fractional 2d, with_indices": (
        "F.fractional_max_pool2d_with_indices(x, 3, output_size=(5, 4))",
        (1, 2, 11, 9),
    ),
    "fractional 2d, ratio": ("F.fractional_max_pool2d(x, 2, output_ratio=(0.5, 0.7))", (2, 2, 10, 9)),
    "fractional 2d, one image": ("F.fractional_max_pool2d(x, 2, 3, return_indices=True)", (3, 6, 6)),
    "fractional 2d, float64": (
        "F.fractional_max_pool2d(x, 2, 4, return_indices=True)",
        (2, 2, 9, 8),
        "float64",
    ),
    "fractional 2d, samples": (
        "F.fractional_max_pool2d(x, 2, (3, 4), _random_samples=m.tensor([[[0.1, 0.9], [0.5, 0.0]]]))",
        (1, 2, 7, 8),
    ),
    "fractional 2d, one window a side": (
        "F.fractional_max_pool2d(x, 2, 1, return_indices=True)",
        (1, 2, 5, 5),
    ),
    "FractionalMaxPool2d": (
        "m.nn.FractionalMaxPool2d(3, output_ratio=0.5, return_indices=True)(x)",
        (2, 3, 12, 10),
    ),
    "fractional 3d, seeded": ("F.fractional_max_pool3d(x, 2, output_size=(2, 3, 3))", (2, 2, 5, 6, 7)),
    "fractional 3d, indices": (
        "F.fractional_max_pool3d(x, (1, 2, 3), (3, 2, 2), return_indices=True)",
        (1, 2, 5, 5, 6),
    ),
    "fractional 3d, ratio": ("F.fractional_max_pool3d(x, 2, output_ratio=0.5)", (2, 1, 8, 6, 7)),
    "fractional 3d, one volume": ("F.fractional_max_pool3d(x, 2, 2, return_indices=True)", (2, 5, 5, 5)),
    "fractional 3d, float64": (
        "F.fractional_max_pool3d(x, 2, 3, return_indices=True)",
        (1, 2, 7, 6, 6),
        "float64",
    ),
    "fractional 3d, samples": (
        "F.fractional_max_pool3d(x, 2, 2, _random_samples=m.tensor([[[0.3, 0.7, 0.99]], [[0.0, 0.5, 0.25]]]))",
        (2, 1, 5, 6, 7),
    ),
    "FractionalMaxPool3d": (
        "m.nn.FractionalMaxPool3d((2, 2, 1), (3, 2, 4), return_indices=True)(x)",
        (1, 2, 6, 5, 6),
    ),
    # power-average pooling: PyTorch's composition, node for node
    "lp 1d": ("F.lp_pool1d(x, 2, 3, stride=2)", (2, 3, 9)),
    "lp 1d, p = 1.5, ceil_mode": ("F.lp_pool1d(x.abs(), 1.5, 2, ceil_mode=True)", (2, 2, 7)),
    "lp 1d, p = inf": ("F.lp_pool1d(x, float('inf'), 2)", (1, 2, 6)),
    "lp 2d, p = -inf": ("F.lp_pool2d(x, -float('inf'), 2, 1)", (1, 2, 4, 5)),
    "lp 2d": ("F.lp_pool2d(x, 2, (2, 3), stride=(1, 2))", (2, 2, 5, 7)),
    "lp 2d, p = 3": ("F.lp_pool2d(x, 3, 2)", (1, 3, 4, 6)),
    "LPPool2d, p = 1.2": ("m.nn.LPPool2d(1.2, (3, 2), stride=(2, 1))(x.abs())", (2, 2, 7, 5)),
    "lp 3d": ("F.lp_pool3d(x, 2, 2)", (1, 2, 4, 4, 6)),
    "LPPool3d, ceil_mode": ("m.nn.LPPool3d(2, (2, 1, 2), ceil_mode=True)(x)", (1, 2, 5, 3, 5)),
    "LPPool1d": ("m.nn.LPPool1d(2, 2)(x)", (3, 8)),
    # unpooling of volumes
    "max_unpool3d": ("F.max_unpool3d(*F.max_pool3d(x, 2, return_indices=True), 2)", (2, 2, 4, 4, 6)),
    "max_unpool3d, output_size": (
        "F.max_unpool3d(*F.max_pool3d(x, 3, 2, 1, return_indices=True), 3, 2, 1, output_size=(5, 6, 7))",
        (1, 2, 5, 6, 7),
    ),
    "MaxUnpool3d, one volume": (
        "m.nn.MaxUnpool3d((2, 1, 3))(*m.nn.MaxPool3d((2, 1, 3), return_indices=True)(x))",
        (2, 4, 3, 6),
    ),
}


@pytest.mark.parametrize("case", POOLINGS.values(), ids=POOLINGS.keys())
def test_poolings_as_in_pytorch(case: tuple) -> None:
    """Values, indices, the nodes of the graph and the gradient; seeded windows are PyTorch's."""
    code, shape, *dtype = case
    ours, theirs = both(lambda m: pooled(m, code, shape, *dtype))
    powers = "lp_pool" in code or "LPPool" in code  # (x^p and its root in float32 round differently)
    assert_same(ours, theirs, rtol=1e-4 if powers else 1e-5, atol=1e-5 if powers else 1e-6)


def test_fractional_windows_are_pytorchs_in_float32_arithmetic() -> None:
    """Many planes, long sides, samples near the points where float32's rounding moves a window."""

    def run(m: ModuleType) -> dict:
        x = distinct(m, (4, 8, 37, 29))
        samples = m.rand(4, 8, 2)
        out, indices = m.nn.functional.fractional_max_pool2d_with_indices(
            x, 3, (17, 13), _random_samples=samples
        )
        return {"indices": numbers(indices), "values": numbers(out)}

    ours, theirs = both(run)
    assert_same(ours, theirs)


def test_ties_and_nan_are_picked_as_in_pytorch() -> None:
    def run(m: ModuleType) -> dict:
        x = m.tensor([[[[1.0, 1.0, 0.0], [1.0, float("nan"), 2.0], [float("nan"), 2.0, 2.0]]]])
        samples = m.tensor([[[0.2, 0.6]]])
        out, indices = m.nn.functional.fractional_max_pool2d(x, 2, 2, None, True, samples)
        return {"values": numbers(out), "indices": numbers(indices)}

    ours, theirs = both(run)
    assert_same(ours, theirs)


DOC_EXAMPLES = [  # PyTorch's documentation's examples (a smaller batch where ours would take long)
    "m.nn.FractionalMaxPool2d(3, output_size=(13, 12))(m.randn(20, 16, 50, 32)).shape",
    "m.nn.FractionalMaxPool2d(3, output_ratio=(0.5, 0.5))(m.randn(20, 16, 50, 32)).shape",
    "m.nn.FractionalMaxPool3d(3, output_size=(13, 12, 11))(m.randn(2, 16, 50, 32, 16)).shape",
    "m.nn.FractionalMaxPool3d(3, output_ratio=(0.5, 0.5, 0.5))(m.randn(2, 16, 50, 32, 16)).shape",
    "m.nn.functional.fractional_max_pool2d(m.randn(20, 16, 50, 32), 3, output_size=(13, 12)).shape",
    "m.nn.functional.fractional_max_pool3d(m.randn(2, 16, 50, 32, 16), 3, output_ratio=(0.5, 0.5, 0.5)).shape",
    "m.nn.LPPool1d(2, 3, stride=2)(m.randn(20, 16, 50)).shape",
    "m.nn.LPPool2d(2, 3, stride=2)(m.randn(20, 16, 50, 32)).shape",
    "m.nn.LPPool2d(1.2, (3, 2), stride=(2, 1))(m.randn(20, 16, 50, 32)).shape",
    "m.nn.LPPool3d(2, 3, stride=2)(m.randn(2, 16, 50, 44, 31)).shape",
    "m.nn.LPPool3d(1.2, (3, 2, 2), stride=(2, 1, 2))(m.randn(2, 16, 50, 44, 31)).shape",
    "m.nn.MaxUnpool3d(3, stride=2)(*m.nn.MaxPool3d(3, stride=2, return_indices=True)(m.randn(2, 16, 51, 33, 15))).size()",
    "[m.nn.MaxUnpool3d(3, stride=2), m.nn.LPPool1d(2, 3, stride=2), m.nn.LPPool3d(1.2, (3, 2, 2), stride=(2, 1, 2))]",
    "[m.nn.FractionalMaxPool2d(3, output_size=(13, 12)), m.nn.FractionalMaxPool3d(3, output_ratio=0.5)]",
    "dict(m.nn.FractionalMaxPool2d(2, 3, _random_samples=m.ones(1, 1, 2) / 2).named_buffers())",
    "[type(m.nn.LPPool2d(2, 2)), type(m.nn.FractionalMaxPool3d(2, 2)), type(m.nn.MaxUnpool3d(2))]",
]


@pytest.mark.parametrize("code", DOC_EXAMPLES)
def test_documentation_examples_as_in_pytorch(code: str) -> None:
    assert outcome(lab, code) == outcome(torch_ref, code)


ERRORS = [
    # F.fractional_max_pool2d/3d: nn.functional's own checks, then ATen's in its order
    "m.nn.functional.fractional_max_pool2d(m.ones(1, 2, 5, 5), 2)",
    "m.nn.functional.fractional_max_pool3d(m.ones(1, 2, 5, 5, 5), 2)",
    "m.nn.functional.fractional_max_pool2d(m.ones(1, 2, 5, 5), 2, output_ratio=(0.5, 0.5, 0.5))",
    "m.nn.functional.fractional_max_pool2d(m.ones(1, 2, 5, 5), 2, output_ratio=0.5)",
    "m.nn.functional.fractional_max_pool2d(m.ones(5, 5), 2, output_size=2)",
    "m.nn.functional.fractional_max_pool2d(m.ones(1, 2, 5, 5), (2, 2, 2), output_size=2)",
    "m.nn.functional.fractional_max_pool2d(m.ones(1, 2, 5, 5), 2, output_size=(2, 2, 2))",
    "m.nn.functional.fractional_max_pool3d(m.ones(1, 2, 5, 5, 5), (2, 2), output_size=2)",
    "m.nn.functional.fractional_max_pool3d(m.ones(1, 2, 5, 5, 5), 2, output_size=(2, 2))",
    "m.nn.functional.fractional_max_pool2d(m.ones(1, 1, 2, 5, 6), 2, 2, _random_samples=m.rand(1, 1, 2))",
    "m.nn.functional.fractional_max_pool3d(m.ones(1, 1, 1, 2, 5, 6), 2, 2, _random_samples=m.rand(1, 1, 3))",
    "m.nn.functional.fractional_max_pool2d(m.ones(1, 0, 5, 5), 2, 2)",
    "m.nn.functional.fractional_max_pool3d(m.ones(1, 0, 5, 5, 5), 2, 2)",
    "m.nn.functional.fractional_max_pool2d(m.ones(1, 2, 5, 5), 2, output_size=5)",
    "m.nn.functional.fractional_max_pool2d(m.ones(1, 2, 5, 5), 2, output_size=(4, 5))",
    "m.nn.functional.fractional_max_pool3d(m.ones(1, 2, 4, 6, 6), 2, output_size=3)",
    "m.nn.functional.fractional_max_pool3d(m.ones(1, 2, 6, 6, 6), 2, output_size=(2, 5, 5))",
    "m.nn.functional.fractional_max_pool3d(m.ones(1, 2, 6, 6, 6), 2, output_size=(2, 2, 5))",
    "m.nn.functional.fractional_max_pool2d(m.ones(1, 2, 5, 5), 2, 2, _random_samples=m.rand(2, 2))",
    "m.nn.functional.fractional_max_pool2d(m.ones(1, 2, 5, 5), 2, 2, _random_samples=m.rand(1, 2, 2).double())",
    "m.nn.functional.fractional_max_pool2d(m.ones(1, 2, 5, 5), 2, 2, _random_samples=m.rand(1, 2, 3))",
    "m.nn.functional.fractional_max_pool3d(m.ones(1, 2, 5, 5, 5), 2, 2, _random_samples=m.rand(1, 2, 2))",
    "m.nn.functional.fractional_max_pool2d(m.ones(1, 2, 5, 5), 2, 2, _random_samples=m.rand(1, 3, 2))",
    "m.nn.functional.fractional_max_pool2d(m.ones(2, 2, 5, 5), 2, 2, _random_samples=m.rand(1, 2, 2))",
    "m.nn.functional.fractional_max_pool2d(m.ones(1, 2, 5, 5), 2, (-1, 2))",
    "m.nn.functional.fractional_max_pool3d(m.ones(1, 2, 5, 5, 5), 2, (2, -1, 2))",
    "m.nn.functional.fractional_max_pool2d(m.ones(1, 2, 5, 5).long(), 2, 2)",
    "m.nn.functional.fractional_max_pool2d(m.ones(1, 2, 5, 5).long(), 2, 2, _random_samples=m.ones(1, 2, 2).long())",
    "m.nn.functional.fractional_max_pool3d(m.ones(1, 2, 5, 5, 5).long(), 2, 2, _random_samples=m.ones(1, 2, 3).long())",
    "m.nn.functional.fractional_max_pool2d(m.ones(0, 2, 5, 5), 2, 3)",
    "m.nn.functional.fractional_max_pool3d(m.ones(1, 2, 5, 6, 6), 2, (0, 2, 2))",
    # FractionalMaxPool2d/3d's own checks
    "m.nn.FractionalMaxPool2d(2)",
    "m.nn.FractionalMaxPool3d(2)",
    "m.nn.FractionalMaxPool2d(2, 3, 0.5)",
    "m.nn.FractionalMaxPool2d(2, output_ratio=1.5)",
    "m.nn.FractionalMaxPool3d(2, output_ratio=(0.5, 1, 0.5))",
    "m.nn.FractionalMaxPool3d(0, 3)",
    "m.nn.FractionalMaxPool3d((2, 0, 2), 3)",
    # max_unpool3d
    "m.nn.functional.max_unpool3d(m.ones(1, 2, 2, 2, 2), m.zeros(1, 2, 2, 2, 2).int(), 2)",
    "m.nn.functional.max_unpool3d(m.ones(2, 2, 2), m.zeros(2, 2, 2).long(), 2)",
    "m.nn.functional.max_unpool3d(m.ones(1, 2, 2, 2, 2), m.zeros(1, 2, 2, 2, 2).long(), (2, 2))",
    "m.nn.functional.max_unpool3d(m.ones(1, 2, 2, 2, 2), m.zeros(1, 2, 2, 2, 2).long(), 2, stride=(2, 2))",
    "m.nn.functional.max_unpool3d(m.ones(1, 2, 2, 2, 2), m.zeros(1, 1, 2, 2, 2).long(), 2)",
    "m.nn.functional.max_unpool3d(m.ones(1, 0, 2, 2, 2), m.zeros(1, 0, 2, 2, 2).long(), 2)",
    "m.nn.functional.max_unpool3d(m.ones(1, 2, 2, 2, 2), m.zeros(1, 2, 2, 2, 2).long(), 2, stride=(0, 2, 2))",
    "m.nn.functional.max_unpool3d(m.ones(1, 2, 2, 2, 2).long(), m.zeros(1, 2, 2, 2, 2).long(), 2)",
    "m.nn.functional.max_unpool3d(m.ones(1, 2, 2, 2, 2), m.full((1, 2, 2, 2, 2), 64).long(), 2)",
    "m.nn.functional.max_unpool3d(m.ones(1, 2, 2, 2, 2), m.full((1, 2, 2, 2, 2), -3).long(), 2)",
    "m.nn.functional.max_unpool3d(m.ones(1, 2, 2, 2, 2), m.zeros(1, 2, 2, 2, 2).long(), 2, output_size=(7, 4, 4))",
    "m.nn.functional.max_unpool3d(m.ones(1, 2, 2, 2, 2), m.zeros(1, 2, 2, 2, 2).long(), 2, output_size=(4, 4))",
    "m.nn.functional.max_unpool3d(m.ones(1, 2, 2, 2, 2), m.zeros(1, 2, 2, 2, 2).long(), 2, padding=3)",
    "m.nn.functional.max_unpool3d(m.ones(0, 2, 2, 2, 2), m.zeros(0, 2, 2, 2, 2).long(), 2).shape",
    # activations and dropout of integers, PyTorch's errors
    "m.nn.functional.selu(m.ones(3).long())",
    "m.nn.functional.selu(m.ones(3).int(), inplace=True)",
    "m.selu(m.ones(3).long())",
    "m.nn.functional.elu(m.ones(3).bool())",
    "m.nn.functional.celu(m.ones(3).long())",
    "m.nn.functional.dropout(m.ones(3).long())",
    "m.nn.functional.dropout(m.ones(3).int(), inplace=True)",
    "m.nn.functional.dropout(m.ones(3).bool())",
    "m.nn.functional.dropout(m.ones(3).long(), training=False)",
    "m.nn.functional.dropout(m.ones(3).long(), p=1.0)",
    "m.dropout(m.ones(3).long(), 0.5, True)",
    "m.nn.functional.dropout1d(m.ones(1, 3).long())",
    "m.nn.functional.alpha_dropout(m.ones(3).long(), training=True)",
    "m.nn.functional.rrelu(m.ones(3).long())",
    "m.nn.functional.rrelu(m.ones(3).long(), inplace=True)",
    "m.nn.functional.rrelu(m.ones(3).bool(), training=True)",
    "m.rrelu(m.ones(3).long())",
]


@pytest.mark.parametrize("code", ERRORS)
def test_errors_as_in_pytorch(code: str) -> None:
    assert outcome(lab, code) == outcome(torch_ref, code)


SAME_PADDING = [
    "m.nn.functional.conv1d(m.ones(1, 1, 5), m.ones(1, 1, 2), padding='same').shape",
    "m.nn.functional.conv2d(m.ones(1, 1, 5, 5), m.ones(1, 1, 2, 3), padding='same').shape",
    "m.nn.functional.conv2d(m.ones(1, 1, 5, 5), m.ones(1, 1, 2, 2), padding='same', dilation=2).shape",
    "m.nn.functional.conv1d(m.ones(1, 1, 5), m.ones(1, 1, 3), padding='same').shape",
    "m.nn.Conv2d(1, 1, 4, padding='same')(m.ones(1, 1, 6, 6)).shape",
]


@pytest.mark.parametrize("code", SAME_PADDING)
def test_same_padding_warning_as_in_pytorch(code: str) -> None:
    """PyTorch warns once per process; both are asked to warn every time."""
    assert outcome(lab, code, warn_always=True) == outcome(torch_ref, code, warn_always=True)
