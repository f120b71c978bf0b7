"""Factories for the ops of branch s13_fn: ``max_unpool3d`` and ``fractional_max_pool2d``/``3d``.

Registered into ``factories.FACTORIES`` on import (the last lines of
tests/factories.py import this module), so that tests/test_gradients.py and
tests/test_against_torch.py check them against finite differences and against
PyTorch.  (LP pooling is a composition of ops already in the table.)
"""

from __future__ import annotations

from typing import Any

import numpy as np
from factories import Case, array, distinct, factory, one_of
from factories_s10_pool import _positions
from hypothesis import strategies as st


@factory("max_unpool3d")
def _max_unpool3d(draw: Any, op: str) -> Case:
    """Indices as max pooling gives them: different positions in each volume, one of the sizes it could pool."""
    n, c = draw(st.integers(1, 2)), draw(st.integers(1, 2))
    depth, height, width = draw(st.integers(1, 2)), draw(st.integers(1, 2)), draw(st.integers(1, 2))
    extra = draw(st.integers(0, 1))  # output_size one larger than the default on the last side
    size = (2 * depth, 2 * height, 2 * width + extra)
    count, volume = depth * height * width, size[0] * size[1] * size[2]
    picks = np.array(_positions(draw, n * c, count, volume)).reshape(n, c, depth, height, width)
    batched = draw(st.booleans())
    x, picks = (
        (array(draw, (n, c, depth, height, width)), picks)
        if batched
        else (array(draw, (c, depth, height, width)), picks[0])
    )
    code = one_of(
        draw,
        f"F.max_unpool3d(x, m.tensor({picks.tolist()}), 2, output_size={size})",
        f"m.nn.MaxUnpool3d(2)(x, m.tensor({picks.tolist()}), output_size={list(size)})",
    )
    return Case(op, code, {"x": x})


@factory("fractional_max_pool2d", "fractional_max_pool3d")
def _fractional_max_pool(draw: Any, op: str) -> Case:
    """Distinct values (no ties); windows placed by given samples or by the seeded draw PyTorch makes."""
    dims = 2 if op == "fractional_max_pool2d" else 3
    kernel = tuple(draw(st.integers(1, 2)) for _ in range(dims))
    out = tuple(draw(st.integers(1, 3)) for _ in range(dims))
    # the 2-d kernel lets windows reach the last element, the 3-d one stops one short of it
    size = tuple(o + k - 1 + (dims == 3) + draw(st.integers(0, 2)) for o, k in zip(out, kernel, strict=True))
    n, c = draw(st.integers(1, 2)), draw(st.integers(1, 2))
    batched = draw(st.booleans())
    shape = (n, c, *size) if batched else (c, *size)
    function = f"F.{op}"
    if draw(st.booleans()):
        samples = np.round(array(draw, (n, c, dims), st.floats(0.0, 0.99)), 2)
        options = f", _random_samples=m.tensor({samples.tolist()}, dtype=x.dtype)"
        code = f"{function}(x, {kernel}, {out}{options})"
    else:
        code = one_of(
            draw,
            f"(m.manual_seed(3), {function}(x, {kernel}, output_size={out}))[1]",
            f"(m.manual_seed(4), {function}(x, {kernel}, {out}, return_indices=True))[1][0]",
            f"(m.manual_seed(5), m.nn.{'FractionalMaxPool2d' if dims == 2 else 'FractionalMaxPool3d'}"
            f"({kernel}, {out})(x))[1]",
        )
    return Case(op, code, {"x": distinct(draw, shape)})
