"""Factories for the ops session 12's top-level functions added: ``pdist``, ``vdot``, ``rrelu_with_noise``
(``torch.rrelu``), ``fill_scalar`` and ``fill_value`` (``torch.fill``).

Registered into ``factories.FACTORIES`` on import (the last lines of
tests/factories.py import this module), so that tests/test_gradients.py
and tests/test_against_torch.py check every op here against finite
differences and against PyTorch.
"""

from __future__ import annotations

from typing import Any

from factories import NONZERO, Case, array, distinct, factory, one_of, shapes
from hypothesis import strategies as st


@factory("pdist")
def _pdist(draw: Any, op: str) -> Case:
    """Rows of distinct values: no pair at distance 0, no coordinate difference 0, no tie for the largest."""
    p = draw(st.sampled_from([0.0, 0.5, 1.0, 1.5, 2.0, 3.0, float("inf")]))
    columns = 1 if p == float("inf") else draw(st.integers(1, 3))
    points = distinct(draw, (draw(st.integers(2, 5)), columns))
    return Case(op, f"m.pdist(x, {p!r})".replace("inf", "float('inf')"), {"x": points})


@factory("vdot")
def _vdot(draw: Any, op: str) -> Case:
    k = draw(st.integers(1, 4))
    code = one_of(draw, "m.vdot(x, y)", "x.vdot(y)", "x.vdot(other=y)")
    return Case(op, code, {"x": array(draw, (k,)), "y": array(draw, (k,))})


@factory("rrelu_with_noise")
def _rrelu(draw: Any, op: str) -> Case:
    """Away from 0 (the kink); training draws its slopes after the same seed each time it runs."""
    x = array(draw, draw(shapes()), NONZERO)
    code = one_of(
        draw,
        "m.rrelu(x)",
        "m.rrelu(x, 0.1, 0.3)",
        "(m.manual_seed(0), m.rrelu(x, 0.1, 0.3, True))[1]",
        "(m.manual_seed(1), m.rrelu(x, training=True))[1]",
    )
    return Case(op, code, {"x": x})


@factory("fill_scalar", "fill_value")
def _fill(draw: Any, op: str) -> Case:
    x = array(draw, draw(shapes()))
    if op == "fill_scalar":
        return Case(op, one_of(draw, "m.fill(x, 0.5)", "m.fill(x, -2)"), {"x": x})
    return Case(op, "m.fill(x, v)", {"x": x, "v": array(draw, ())})


def _volume(draw: Any) -> tuple[int, int, int]:
    return tuple(draw(st.integers(1, 3)) for _ in range(3))


@factory("conv3d")
def _conv3d(draw: Any, op: str) -> Case:
    """Small volumes (the finite differences run the convolution twice per element)."""
    groups = draw(st.sampled_from([1, 1, 2]))
    n, c, out = draw(st.integers(1, 2)), groups * draw(st.integers(1, 2)), groups * draw(st.integers(1, 2))
    size = _volume(draw)
    kernel = tuple(draw(st.integers(1, side)) for side in size)
    options = f", {draw(st.integers(1, 2))}"  # stride
    options += f", {tuple(draw(st.integers(0, k // 2)) for k in kernel)}"  # padding
    options += f", {2 if max(kernel) == 1 else 1}"  # dilation 2 for a kernel of ones (it still fits)
    inputs = {
        "x": array(draw, draw(st.sampled_from([(n, c, *size), (c, *size)]))),
        "w": array(draw, (out, c // groups, *kernel)),
    }
    bias = "b" if draw(st.booleans()) else "None"
    if bias == "b":
        inputs["b"] = array(draw, (out,))
    return Case(op, f"m.conv3d(x, w, {bias}{options}, {groups})", inputs)


@factory("conv_transpose3d")
def _conv_transpose3d(draw: Any, op: str) -> Case:
    groups = draw(st.sampled_from([1, 1, 2]))
    n, c, out = draw(st.integers(1, 2)), groups * draw(st.integers(1, 2)), groups * draw(st.integers(1, 2))
    size = tuple(draw(st.integers(1, 2)) for _ in range(3))
    kernel = tuple(draw(st.integers(1, 2)) for _ in range(3))
    stride, dilation = draw(st.integers(1, 2)), draw(st.integers(1, 2))
    extra = draw(st.integers(0, stride - 1))
    inputs = {
        "x": array(draw, draw(st.sampled_from([(n, c, *size), (c, *size)]))),
        "w": array(draw, (c, out // groups, *kernel)),
    }
    bias = "b" if draw(st.booleans()) else "None"
    if bias == "b":
        inputs["b"] = array(draw, (out,))
    # (float32: the bias gradient adds up to 128 numbers in PyTorch's slow_conv_transpose3d order, not ours;
    # where they nearly cancel, the sums differ by more than 1e-6, e.g. 0.0240661 against 0.0240646)
    code = f"m.conv_transpose3d(x, w, {bias}, {stride}, 0, {extra}, {groups}, {dilation})"
    return Case(op, code, inputs, float32_atol=1e-5)


@factory("max_pool3d")
def _max_pool3d(draw: Any, op: str) -> Case:
    """Distinct values: no ties for a window's maximum."""
    size = _volume(draw)
    kernel = tuple(draw(st.integers(1, side)) for side in size)
    padding = tuple(draw(st.integers(0, k // 2)) for k in kernel)
    stride = draw(st.sampled_from(["()", "1", "2"]))
    ceil = draw(st.booleans())
    shape = draw(st.sampled_from([(draw(st.integers(1, 2)), 2, *size), (2, *size)]))
    return Case(
        op, f"m.max_pool3d(x, {kernel}, {stride}, {padding}, 1, {ceil})", {"x": distinct(draw, shape)}
    )
