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
from factories import Case, array, factory, floats, shapes
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
