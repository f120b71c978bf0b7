"""Hypothesis factories for index_fill, index_copy, index_put and put (branch more_g).

Registered into ``factories.FACTORIES`` (factories.py imports this module at
its end), so tests/test_gradients.py and tests/test_against_torch.py check
each op against finite differences and against PyTorch.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from factories import Case, array, dim_of, distinct, factory, literal, one_of, shapes
from hypothesis import strategies as st


def _picks(draw: Any, size: int, unique: bool) -> list[int]:
    """Positions along a dimension of ``size``; ``unique``: none named twice (a write, not an add)."""
    if unique:
        return draw(st.lists(st.integers(0, size - 1), min_size=1, max_size=size, unique=True))
    return draw(st.lists(st.integers(-size, size - 1), min_size=1, max_size=4))


@factory("index_fill", "index_fill_tensor", "index_copy")
def _index_fill(draw: Any, op: str) -> Case:
    shape = draw(shapes(1))
    d = dim_of(draw, len(shape))
    picks = _picks(draw, shape[d], unique=op == "index_copy")
    if op == "index_fill_tensor":  # PyTorch's backward for the value fails on a negative index (index_select)
        picks = [p % shape[d] for p in picks]
    index = f"m.tensor({picks})"
    x = array(draw, shape)
    if op == "index_fill":
        code = one_of(draw, f"x.index_fill({d}, {index}, -1.5)", f"(x * 1.0).index_fill_({d}, {index}, 2.0)")
        return Case(op, code, {"x": x})
    if op == "index_fill_tensor":
        code = one_of(draw, f"m.index_fill(x, {d}, {index}, v)", f"(x * 1.0).index_fill_({d}, {index}, v)")
        return Case(op, code, {"x": x, "v": array(draw, ())})
    source_shape = tuple(len(picks) if i == d % len(shape) else n for i, n in enumerate(shape))
    code = one_of(draw, f"x.index_copy({d}, {index}, s)", f"(x * 1.0).index_copy_({d}, {index}, s)")
    return Case(op, code, {"x": x, "s": array(draw, source_shape)})


@factory("index_put_accumulate", "put_write")
def _index_put(draw: Any, op: str) -> Case:
    shape = draw(shapes(1))
    x = array(draw, shape)
    if op == "put_write":
        n = int(np.prod(shape))
        picks = np.array(_picks(draw, n, unique=True)) - draw(st.sampled_from([0, n]))  # negative ones too
        code = one_of(
            draw, f"x.put(m.tensor({picks.tolist()}), s)", f"(x * 1.0).put_(m.tensor({picks.tolist()}), s)"
        )
        return Case(op, code, {"x": x, "s": array(draw, picks.shape)})
    rows = np.array(_picks(draw, shape[0], unique=False))
    values_shape = draw(st.sampled_from([(), rows.shape + shape[1:], shape[1:]]))
    key = f"({literal(rows)},)"
    code = one_of(
        draw,
        f"x.index_put({key}, v, accumulate=True)",
        f"m.index_put_(x * 1.0, {key}, v, accumulate=True)",
    )
    return Case(op, code, {"x": x, "v": array(draw, values_shape)})


@factory("cummax", "cummin", "logcumsumexp")
def _running(draw: Any, op: str) -> Case:
    shape = draw(shapes(0))
    d = dim_of(draw, len(shape)) if shape else draw(st.sampled_from([0, -1]))
    if op == "logcumsumexp":
        code = one_of(draw, f"m.logcumsumexp(x, {d})", f"x.logcumsumexp(dim={d})")
        return Case(op, code, {"x": array(draw, shape)})
    # distinct values: at a tie the running extreme jumps, and finite differences would see the jump
    code = one_of(draw, f"m.{op}(x, {d}).values", f"x.{op}(dim={d})[0]", f"m.{op}(x, dim={d})[0] * 2.0")
    return Case(op, code, {"x": distinct(draw, shape)})


@factory("mul_scalar")
def _mul_scalar(draw: Any, op: str) -> Case:
    shape = draw(shapes(1))
    d = dim_of(draw, len(shape))
    dx = draw(st.sampled_from([1.0, 0.5, -2.0]))
    code = one_of(draw, f"m.trapezoid(y, dx={dx}, dim={d})", f"m.cumulative_trapezoid(y, dx={dx}, dim={d})")
    return Case(op, code, {"y": array(draw, shape)})
