"""Factories for the ops of branch s12_nn3d: ``rrelu_with_noise_`` (``F.rrelu(inplace=True)``) and
``avg_pool3d``, ``adaptive_avg_pool3d`` and ``adaptive_max_pool3d`` (their ``F`` functions).

Registered into ``factories.FACTORIES`` on import (the last lines of
tests/factories.py import this module), so that tests/test_gradients.py
and tests/test_against_torch.py check every op here against finite
differences and against PyTorch.
"""

from __future__ import annotations

from typing import Any

from factories import NONZERO, Case, array, distinct, factory, one_of, shapes
from hypothesis import strategies as st


@factory("rrelu_with_noise_")
def _rrelu_inplace(draw: Any, op: str) -> Case:
    """Away from 0 (the kink); training draws its slopes after the same seed each time it runs."""
    code = one_of(
        draw,
        "F.rrelu(x * 1.0, inplace=True)",
        "F.rrelu(x * 1.0, 0.1, 0.3, False, True)",
        "(m.manual_seed(0), F.rrelu(x * 1.0, 0.1, 0.3, True, True))[1]",
        "(m.manual_seed(2), F.rrelu(x * 1.0, training=True, inplace=True))[1]",
    )
    return Case(op, code, {"x": array(draw, draw(shapes()), NONZERO)})


@factory("avg_pool3d")
def _avg_pool3d(draw: Any, op: str) -> Case:
    """Small volumes, windows that fit, some padded, strided, ceil_mode, count_include_pad or divisor_override."""
    size = tuple(draw(st.integers(1, 3)) for _ in range(3))
    kernel = tuple(draw(st.integers(1, side)) for side in size)
    padding = tuple(draw(st.integers(0, k // 2)) for k in kernel)
    stride = draw(st.sampled_from(["None", "1", "2", "(1, 2, 1)"]))
    options = one_of(draw, "", ", count_include_pad=False", ", divisor_override=3")
    ceil = draw(st.booleans())
    shape = draw(st.sampled_from([(draw(st.integers(1, 2)), 2, *size), (2, *size)]))
    code = f"F.avg_pool3d(x, {kernel}, {stride}, {padding}, {ceil}{options})"
    return Case(op, code, {"x": array(draw, shape)})


@factory("adaptive_avg_pool3d", "adaptive_max_pool3d")
def _adaptive_pool3d(draw: Any, op: str) -> Case:
    """Windows that overlap or not (outputs smaller, equal or larger than the sides); distinct values for max."""
    size = tuple(draw(st.integers(1, 4)) for _ in range(3))
    out = tuple(draw(st.integers(1, 3)) for _ in range(3))
    if out == (1, 1, 1):
        out = (1, 2, 1)  # (1, 1, 1) is PyTorch's mean, another row
    wanted = repr(out)
    if (out[0], out[2]) != (1, 1):  # (1, None, 1) of a side of 1 would be (1, 1, 1)
        wanted = one_of(draw, wanted, f"({out[0]}, None, {out[2]})")
    shape = draw(st.sampled_from([(draw(st.integers(1, 2)), 2, *size), (2, *size)]))
    code = f"F.{op}(x, {wanted})"
    if op == "adaptive_max_pool3d" and draw(st.booleans()):
        code = f"F.adaptive_max_pool3d(x, {wanted}, return_indices=True)[0]"
    x = distinct(draw, shape) if op == "adaptive_max_pool3d" else array(draw, shape)
    return Case(op, code, {"x": x})
