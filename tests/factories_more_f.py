"""Hypothesis factories for the ops of branch more_f: clamp_min/clamp_max with one bound.

Registered into ``factories.FACTORIES`` by the import at the end of
``tests/factories.py``; each draws a call in PyTorch's API (see that module).
(``clamp_min``'s own factory, through F.normalize, is in ``factories_nn_more.py``.)
"""

from __future__ import annotations

from typing import Any

import numpy as np
from factories import NONZERO, Case, array, away_from, factory, one_of, shapes
from hypothesis import strategies as st


@factory("clamp_max")
def _clamp_max(draw: Any, op: str) -> Case:
    bound = draw(st.sampled_from([-0.5, 0.0, 1.0]))
    x = array(draw, draw(shapes()), away_from((bound,)))
    forms = (f"m.clamp_max(x, {bound})", f"x.clamp_max({bound})", f"x.clone().clamp_max_({bound})")
    return Case(op, one_of(draw, *forms), {"x": x})


@factory("clamp_min_tensor", "clamp_max_tensor")
def _clamp_tensor(draw: Any, op: str) -> Case:
    shape = draw(shapes())
    x = array(draw, shape)
    bound = np.asarray(x + array(draw, shape, NONZERO))  # never a tie, where the gradient switches sides
    name = op.removesuffix("_tensor")
    forms = (f"m.{name}(x, b)", f"x.{name}(b)", f"x.clone().{name}_(b)")
    return Case(op, one_of(draw, *forms), {"x": x, "b": bound})


@factory("clamp_tensor")
def _clamp_between_tensors(draw: Any, op: str) -> Case:
    shape = draw(shapes())
    x = array(draw, shape)
    low, high = (np.asarray(x + array(draw, shape, NONZERO)) for _ in range(2))  # never a tie with x
    lo, hi = np.minimum(low, high), np.maximum(low, high) + 0.5
    hi = np.where(
        np.abs(hi - x) < 0.1, hi + 0.25, hi
    )  # (x never at a bound, where the gradient switches sides)
    inputs = {"x": x, "lo": np.asarray(lo), "hi": np.asarray(hi)}
    forms = (
        "m.clamp(x, lo, hi)",
        "x.clamp(lo, hi)",
        "m.clamp(x, min=lo, max=hi)",
        "x.clamp(min=lo) * hi.sum()",
    )
    return Case(op, one_of(draw, *forms), inputs)


@factory("rsub_tensor")
def _rsub_tensor(draw: Any, op: str) -> Case:
    sx, sy = draw(st.sampled_from([((2, 3), (2, 3)), ((2, 3), (3,)), ((), (2,)), ((1, 3), (2, 1))]))
    return Case(op, "m.rsub(x, y)", {"x": array(draw, sx), "y": array(draw, sy)})


@factory("sgn")
def _sgn(draw: Any, op: str) -> Case:
    return Case(
        op,
        one_of(draw, "m.sgn(x)", "x.sgn()", "x.clone().sgn_()"),
        {"x": array(draw, draw(shapes()), NONZERO)},
    )


@factory("fmax", "fmin")
def _fmax_fmin(draw: Any, op: str) -> Case:
    shape = draw(shapes())
    x = array(draw, shape)
    other = np.asarray(x + array(draw, shape, NONZERO))  # never a tie
    return Case(op, one_of(draw, f"m.{op}(x, y)", f"x.{op}(y)"), {"x": x, "y": other})


@factory("copysign", "copysign_scalar")
def _copysign(draw: Any, op: str) -> Case:
    shape = draw(shapes())
    x = array(draw, shape, NONZERO)  # copysign has a kink at 0
    if op == "copysign_scalar":
        return Case(op, one_of(draw, "m.copysign(x, -1.5)", "x.copysign(2)"), {"x": x})
    return Case(
        op, one_of(draw, "m.copysign(x, y)", "x.copysign(y)"), {"x": x, "y": array(draw, shape, NONZERO)}
    )


@factory("logit")
def _logit(draw: Any, op: str) -> Case:
    x = array(draw, draw(shapes()), st.floats(0.05, 0.95))
    eps = draw(st.sampled_from([None, 0.01]))  # eps below every value: no clamping, no kink nearby
    return Case(op, one_of(draw, f"m.logit(x, {eps})", f"x.logit(eps={eps})", "x.logit()"), {"x": x})


@factory("addcmul", "addcdiv")
def _addc(draw: Any, op: str) -> Case:
    sa, sb, sc = draw(st.sampled_from([((2, 3), (2, 3), (2, 3)), ((3,), (2, 3), (2, 1)), ((), (2,), (2,))]))
    value = draw(st.sampled_from([1, 0.5, -2.0]))
    inputs = {"a": array(draw, sa), "b": array(draw, sb), "c": array(draw, sc, NONZERO)}
    forms = (f"m.{op}(a, b, c, value={value})", f"a.{op}(b, c, value={value})", f"m.{op}(a, b, c)")
    return Case(op, one_of(draw, *forms), inputs)


@factory("lgamma", "digamma")
def _gamma_functions(draw: Any, op: str) -> Case:
    # positive values, and negative ones between the poles −1, −2 ... (0.2 away from each); away from 0.5,
    # where PyTorch's trigamma (the second derivative) switches to its reflection formula, as ours does
    values = st.one_of(away_from((0.5,), 0.2, 6.0), st.floats(-2.8, -2.2), st.floats(-0.8, -0.2))
    x = array(draw, draw(shapes()), values)
    return Case(op, one_of(draw, f"m.{op}(x)", f"x.{op}()", f"x.clone().{op}_()"), {"x": x})


@factory("polygamma")
def _polygamma(draw: Any, op: str) -> Case:
    # 0.5: see _gamma_functions. Between the poles −2 and −1, 0.3 away from each: 0.2 away,
    # polygamma(3, x) reaches 6·10⁴, and the finite differences of a sum that holds such a
    # value cannot resolve a neighbour's gradient of 10⁻² (the sum's rounding alone is 4·10⁻⁶)
    values = st.one_of(away_from((0.5,), 0.3, 6.0), st.floats(-1.7, -1.3))
    n = draw(st.sampled_from([0, 1, 2, 3]))
    return Case(
        op,
        one_of(draw, f"m.polygamma({n}, x)", f"x.polygamma({n})"),
        {"x": array(draw, draw(shapes()), values)},
    )


@factory("erfinv")
def _erfinv(draw: Any, op: str) -> Case:
    x = array(draw, draw(shapes()), st.floats(-0.9, 0.9))
    return Case(op, one_of(draw, "m.erfinv(x)", "x.erfinv()", "x.clone().erfinv_()"), {"x": x})
