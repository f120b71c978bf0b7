"""Factories for branch s12_methods's ops: the in-place comparisons (``x.eq_(y)`` ...).

Registered into ``factories.FACTORIES`` on import (the last lines of
tests/factories.py import this module), so that tests/test_gradients.py
and tests/test_against_torch.py check every op here against finite
differences and against PyTorch.  (``asinh_``, ``acosh_``, ``atanh_``, whose
backward PyTorch refuses, are in ``factories_special.NO_DERIVATIVE_IN_TORCH``.)
"""

from __future__ import annotations

from typing import Any

import numpy as np
from factories import Case, array, away_from, distinct, factory, floats, literal, one_of, shapes, signed
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

_COMPARISONS = ("eq", "ne", "lt", "le", "gt", "ge")
_ALIASES = {"gt": "greater", "ge": "greater_equal", "lt": "less", "le": "less_equal", "ne": "not_equal"}


@factory(*(f"{name}_" for name in _COMPARISONS), *(f"{name}_tensor_" for name in _COMPARISONS))
def _comparison_in_place(draw: Any, op: str) -> Case:
    """``(x * 1.0).eq_(c)`` or ``(x * 1.0).eq_(y)``: 1 and 0 written into x, the gradient 0 everywhere.

    x on a grid of quarters, y and c between its points: no pair is within a finite-difference step of a tie,
    where the result jumps (ties themselves: tests/test_s12_methods_against_torch.py).
    """
    name = op.split("_")[0]
    method = draw(st.sampled_from([name, _ALIASES[name]])) if name in _ALIASES else name
    quarters = floats(-2.0, 2.0).map(lambda v: round(v * 4) / 4)
    if op.endswith("_tensor_"):
        # y broadcasts to x's shape (the result is written into x)
        sx, sy = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3, max_side=3)).input_shapes
        sx = tuple(np.broadcast_shapes(sx, sy))
        x, y = array(draw, sx, quarters), array(draw, sy, quarters.map(lambda v: v + 0.125))
        return Case(op, f"(x * 1.0).{method}_(y)", {"x": x, "y": y})
    x = array(draw, draw(shapes()), quarters)
    c = draw(st.sampled_from([0.625, -0.375, 1.125]))
    return Case(op, f"(x * 1.0).{method}_({c})", {"x": x})


SIDE = st.integers(1, 4)


@factory("addr")
def _outer_products(draw: Any, op: str) -> Case:
    n, k = draw(SIDE), draw(SIDE)
    shape = draw(st.sampled_from([(n, k), (k,), (1, k), ()]))  # input broadcast to the outer product's shape
    factors = one_of(draw, "", ", beta=2.0", ", alpha=-0.5", ", beta=0.5, alpha=3")
    code = one_of(draw, f"m.addr(a, u, v{factors})", f"a.addr(u, v{factors})")
    return Case(op, code, {"a": array(draw, shape), "u": array(draw, (n,)), "v": array(draw, (k,))})


@factory("ldexp", "logaddexp2", "nextafter", "frexp")
def _binary_floats(draw: Any, op: str) -> Case:
    sx, sy = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3, max_side=4)).input_shapes
    if op == "ldexp":
        # integer exponents (no gradient), as lessons give them; not negative: PyTorch's backward computes 2ᵇ
        # as an integer, 0 for b < 0 (tests/test_s12_methods_against_torch.py holds that against PyTorch)
        exponents = literal(draw(hnp.arrays(np.int64, sy, elements=st.integers(0, 3))))
        if draw(st.booleans()):
            return Case(
                op, one_of(draw, f"m.ldexp(x, {exponents})", f"x.ldexp({exponents})"), {"x": array(draw, sx)}
            )
        return Case(op, "m.ldexp(x, y)", {"x": array(draw, sx), "y": array(draw, sy)})
    if op == "frexp":  # the mantissa (away from powers of two, where the exponent steps)
        values = away_from((-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0), -3.0, 3.0)
        code = one_of(draw, "m.frexp(x).mantissa", "x.frexp()[0]")
        return Case(op, code, {"x": array(draw, sx, values)})
    if op == "nextafter":  # x and y apart: the result's derivative is 1 in x, 0 in y
        x = array(draw, sx, floats(-2.0, 2.0).map(lambda v: round(v * 4) / 4))
        y = array(draw, sy, floats(-2.0, 2.0).map(lambda v: round(v * 4) / 4 + 0.125))
        return Case(op, one_of(draw, "m.nextafter(x, y)", "x.nextafter(y)"), {"x": x, "y": y})
    code = one_of(draw, "m.logaddexp2(x, y)", "x.logaddexp2(y)", "m.logaddexp2(input=x, other=y)")
    return Case(op, code, {"x": array(draw, sx), "y": array(draw, sy)})


@factory("slice_scatter", "select_scatter", "diagonal_scatter", "narrow_copy")
def _scatters(draw: Any, op: str) -> Case:
    shape = draw(shapes(2, 3))
    x = array(draw, shape)
    dim = draw(st.integers(0, len(shape) - 1))
    size = shape[dim]
    if op == "narrow_copy":
        start = draw(st.integers(0, size - 1))
        length = draw(st.integers(1, size - start))
        return Case(
            op,
            one_of(
                draw,
                f"m.narrow_copy(x, {dim}, {start}, {length})",
                f"x.narrow_copy({dim}, {start}, {length})",
            ),
            {"x": x},
        )
    if op == "select_scatter":
        index = draw(st.integers(-size, size - 1))
        src = array(draw, shape[:dim] + shape[dim + 1 :])
        return Case(op, f"m.select_scatter(x, s, {dim}, {index})", {"x": x, "s": src})
    if op == "slice_scatter":
        start, step = draw(st.integers(0, size - 1)), draw(st.integers(1, 2))
        count = len(range(start, size, step))
        src = array(draw, shape[:dim] + (count,) + shape[dim + 1 :])
        return Case(op, f"x.slice_scatter(s, dim={dim}, start={start}, step={step})", {"x": x, "s": src})
    offset = draw(st.integers(-1, 1))
    rows, columns = shape[0], shape[1]
    length = max(0, min(rows + min(offset, 0), columns - max(offset, 0)))
    src = array(draw, shape[2:] + (length,))
    return Case(op, f"m.diagonal_scatter(x, s, {offset})", {"x": x, "s": src})


@factory("nanmedian", "nanmedian_dim")
def _nanmedian(draw: Any, op: str) -> Case:
    """Distinct values (no ties), some NaN written in by the code (a NaN input breaks finite differences)."""
    shape = draw(shapes(1, 3))
    x = distinct(draw, shape)
    dim = draw(st.integers(-len(shape), len(shape) - 1))
    # one NaN where the values it is among are more than it (all NaN: a NaN result, no finite difference)
    among = x.size if op == "nanmedian" else shape[dim]
    nan_at = draw(st.integers(0, x.size)) if among > 1 else x.size  # (x.size: no NaN)
    masked = f"m.where(m.arange({x.size}).reshape({shape}) == {nan_at}, float('nan'), x)"
    if op == "nanmedian":
        return Case(op, one_of(draw, f"m.nanmedian({masked})", f"({masked}).nanmedian()"), {"x": x})
    keepdim = draw(st.booleans())
    return Case(op, f"m.nanmedian({masked}, {dim}, keepdim={keepdim}).values", {"x": x})


@factory("renorm")
def _renorm(draw: Any, op: str) -> Case:
    """maxnorm in a gap between the slices' norms (at a norm the result has a kink), p of 1, 2 or 3."""
    shape = draw(shapes(2, 3))
    x = array(draw, shape, signed(0.1, 2.0))  # (no zero: |a| has a kink there for p = 1)
    dim = draw(st.integers(-len(shape), len(shape) - 1))
    p = draw(st.sampled_from([1, 2, 3]))
    others = tuple(d for d in range(len(shape)) if d != dim % len(shape))
    norms = np.sort((np.abs(x) ** p).sum(axis=others) ** (1 / p))
    edges = np.concatenate(([0.0], norms, [norms[-1] + 1.0]))
    gaps = [(a + b) / 2 for a, b in zip(edges[:-1], edges[1:], strict=True) if b - a > 0.2]
    maxnorm = round(draw(st.sampled_from(gaps)), 3)
    code = one_of(
        draw,
        f"m.renorm(x, {p}, {dim}, {maxnorm})",
        f"x.renorm({p}, {dim}, {maxnorm})",
        f"(x * 1.0).renorm_({p}, {dim}, {maxnorm})",
    )
    return Case(op, code, {"x": x})


@factory("scatter_reduce")
def _scatter_reduce(draw: Any, op: str) -> Case:
    """src the shape of the index; distinct values for amax/amin (no ties), none near 0 for prod."""
    shape = draw(shapes(1, 3))
    dim = draw(st.integers(0, len(shape) - 1))
    index_shape = tuple(draw(st.integers(1, n)) for n in shape)
    picks = draw(hnp.arrays(np.int64, index_shape, elements=st.integers(0, shape[dim] - 1)))
    reduce = draw(st.sampled_from(["sum", "prod", "mean", "amax", "amin"]))
    include_self = draw(st.booleans())
    if reduce in ("amax", "amin"):
        values = distinct(draw, (int(np.prod(shape)) + int(np.prod(index_shape)),)).reshape(-1)
        x, s = (
            values[: int(np.prod(shape))].reshape(shape),
            values[int(np.prod(shape)) :].reshape(index_shape),
        )
    else:
        elements = signed(0.5, 1.5) if reduce == "prod" else floats(-2.0, 2.0)
        x, s = array(draw, shape, elements), array(draw, index_shape, elements)
    code = one_of(
        draw,
        f"x.scatter_reduce({dim}, {literal(picks)}, s, {reduce!r}, include_self={include_self})",
        f"m.scatter_reduce(x, {dim}, {literal(picks)}, s, reduce={reduce!r}, include_self={include_self})",
    )
    return Case(op, code, {"x": x, "s": s})


@factory("index_reduce")
def _index_reduce(draw: Any, op: str) -> Case:
    """source's slices along dim reduced into input's; the values as scatter_reduce's factory draws them."""
    shape = draw(shapes(1, 3))
    dim = draw(st.integers(0, len(shape) - 1))
    count = draw(st.integers(1, 4))
    source_shape = shape[:dim] + (count,) + shape[dim + 1 :]
    index = draw(hnp.arrays(np.int64, (count,), elements=st.integers(0, shape[dim] - 1)))
    reduce = draw(st.sampled_from(["prod", "mean", "amax", "amin"]))
    include_self = draw(st.booleans())
    if reduce in ("amax", "amin"):
        values = distinct(draw, (int(np.prod(shape)) + int(np.prod(source_shape)),)).reshape(-1)
        x, s = (
            values[: int(np.prod(shape))].reshape(shape),
            values[int(np.prod(shape)) :].reshape(source_shape),
        )
    else:
        elements = signed(0.5, 1.5) if reduce == "prod" else floats(-2.0, 2.0)
        x, s = array(draw, shape, elements), array(draw, source_shape, elements)
    code = f"x.index_reduce({dim}, {literal(index)}, s, {reduce!r}, include_self={include_self})"
    return Case(op, code, {"x": x, "s": s})
