"""Factories for the ops the Chinese textbooks' lessons needed (branch s5_zh): ``grid_sample``, and its
3-d form for volumes (session 16).

Registered into ``factories.FACTORIES`` on import (the last lines of
tests/factories.py import this module), so that tests/test_gradients.py
and tests/test_against_torch.py check every op here against finite
differences and against PyTorch.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from factories import Case, array, factory, floats
from hypothesis import strategies as st


def _grid_coordinate(pixel: float, size: int, align_corners: bool) -> float:
    """The grid value in [−1, 1] coordinates that lands on ``pixel`` (the inverse of grid_sample's unnormalize)."""
    return 2 * pixel / (size - 1) - 1 if align_corners else (2 * pixel + 1) / size - 1


@factory("grid_sample")
def _grid_sample(draw: Any, op: str) -> Case:
    """Points whose pixel coordinates lie 0.2 to 0.4 away from whole pixels (and from the borders' kinks)."""
    return _grid_sample_case(draw, op, dims=2)


@factory("grid_sample_3d")
def _grid_sample_3d(draw: Any, op: str) -> Case:
    """A volume sampled between its eight voxels (trilinear), points as in the 2-d factory."""
    return _grid_sample_case(draw, op, dims=3)


def _grid_sample_case(draw: Any, op: str, dims: int) -> Case:
    n, c = draw(st.tuples(st.integers(1, 3), st.integers(1, 3 if dims == 2 else 2)))
    spatial = draw(st.tuples(*(st.integers(2, 4 if dims == 2 else 3),) * dims))
    out = draw(st.tuples(*(st.integers(1, 3 if dims == 2 else 2),) * dims))
    mode = draw(st.sampled_from(["bilinear", "nearest"]))
    padding = draw(st.sampled_from(["zeros", "border", "reflection"]))
    align = draw(st.booleans())
    count = n * int(np.prod(out)) * dims
    whole = draw(st.lists(st.integers(-1, 4), min_size=count, max_size=count))
    fraction = draw(st.lists(st.sampled_from([0.2, 0.3, 0.7, 0.8]), min_size=count, max_size=count))
    sizes = list(reversed(spatial)) * (count // dims)  # x runs along the last axis
    grid = np.array(
        [_grid_coordinate(w + f, s, align) for w, f, s in zip(whole, fraction, sizes, strict=True)]
    ).reshape(n, *out, dims)
    code = f"F.grid_sample(x, g, mode={mode!r}, padding_mode={padding!r}, align_corners={align})"
    return Case(op, code, {"x": array(draw, (n, c, *spatial), floats(-2.0, 2.0)), "g": grid})
