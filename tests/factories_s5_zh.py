"""Factories for the ops the Chinese textbooks' lessons needed (branch s5_zh): ``grid_sample``.

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
    n, c, height, width = draw(st.tuples(*(st.integers(1, 3),) * 2, st.integers(2, 4), st.integers(2, 4)))
    out_h, out_w = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    mode = draw(st.sampled_from(["bilinear", "nearest"]))
    padding = draw(st.sampled_from(["zeros", "border", "reflection"]))
    align = draw(st.booleans())
    whole = draw(st.lists(st.integers(-1, 4), min_size=n * out_h * out_w * 2, max_size=n * out_h * out_w * 2))
    fraction = draw(st.lists(st.sampled_from([0.2, 0.3, 0.7, 0.8]), min_size=len(whole), max_size=len(whole)))
    sizes = [width, height] * (len(whole) // 2)
    grid = np.array(
        [_grid_coordinate(w + f, s, align) for w, f, s in zip(whole, fraction, sizes, strict=True)]
    ).reshape(n, out_h, out_w, 2)
    code = f"F.grid_sample(x, g, mode={mode!r}, padding_mode={padding!r}, align_corners={align})"
    return Case(op, code, {"x": array(draw, (n, c, height, width), floats(-2.0, 2.0)), "g": grid})
