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
    code = one_of(draw, "m.vdot(x, y)", "x.vdot(y)")
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
