"""Factories for the ops session 11's lessons needed: ``affine_grid_generator``.

Registered into ``factories.FACTORIES`` on import (the last lines of
tests/factories.py import this module), so that tests/test_gradients.py
and tests/test_against_torch.py check every op here against finite
differences and against PyTorch.
"""

from __future__ import annotations

from typing import Any

from factories import Case, array, factory, floats
from hypothesis import strategies as st


@factory("affine_grid_generator")
def _affine_grid(draw: Any, op: str) -> Case:
    """2-d maps (N, 2, 3) for (N, C, H, W) outputs, or 3-d maps (N, 3, 4) for volumes."""
    volume = draw(st.booleans())
    k = 3 if volume else 2
    n = draw(st.integers(1, 3))
    align = draw(st.booleans())
    spatial = tuple(
        draw(st.integers(2 if align else 1, 4)) for _ in range(k)
    )  # (1 with align: PyTorch warns)
    size = (n, draw(st.integers(1, 2)), *spatial)
    code = f"F.affine_grid(theta, {size}, align_corners={align})"
    return Case(op, code, {"theta": array(draw, (n, k, k + 1), floats(-2.0, 2.0))})
