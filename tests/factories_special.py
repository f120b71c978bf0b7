"""Hypothesis factories for the ops of ``torch.special`` (branch s10_special).

Registered into ``factories.FACTORIES`` by the import at the end of
``tests/factories.py``; each draws a call in PyTorch's API (see that module).
An argument PyTorch cannot differentiate (zeta's and gammainc's first) is a
literal, a tensor that does not require grad.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from factories import POSITIVE, SMOOTH, Case, array, away_from, factory, floats, literal, one_of, shapes
from hypothesis import strategies as st

# Ops whose every derivative PyTorch leaves unimplemented (zeta(x, number): backward raises PyTorch's
# NotImplementedError, which tests/test_special_against_torch.py checks).  They record a node, but have no
# gradient to test: the gradient tests leave them out.
# (asinh_, acosh_, atanh_: PyTorch's AsinhBackward1 ... refuse, as ours do; so does scatter(..., reduce=)'s node,
# and the NotImplemented nodes of floor_divide, a number % a tensor and heaviside: tests/test_s22_against_torch.py)
NO_DERIVATIVE_IN_TORCH = frozenset(
    {
        "special_zeta_scalar_other",
        "asinh_",
        "acosh_",
        "atanh_",
        "scatter_old_reduce",
        "floor_divide",
        "rremainder",
        "heaviside",
    }
)


@factory("erfc", "i0")
def _erfc_i0(draw: Any, op: str) -> Case:
    values = (
        SMOOTH if op == "erfc" else floats(-10.0, 10.0)
    )  # i0: both of its Chebyshev series (|x| ≤ 8, beyond)
    x = array(draw, draw(shapes()), values)
    forms = (f"m.{op}(x)", f"x.{op}()", f"x.clone().{op}_()", f"m.special.{op}(x)")
    # (I₀(10) is 2816: finite differences of a sum holding it resolve a neighbour's gradient to 10⁻⁷ only)
    return Case(op, one_of(draw, *forms), {"x": x}, atol=1e-7 if op == "erfc" else 1e-6)


# The domain of each one-argument function of torch.special: inside its smooth part, and across its
# branches (erfcx's and log_ndtr's formulas change sides at 0 and −1; i1's series at |x| = 8).
ONE_ARGUMENT = {
    "special_erfcx": ("erfcx", floats(-2.0, 3.0)),
    "special_ndtri": ("ndtri", floats(0.02, 0.98)),
    "special_log_ndtr": ("log_ndtr", floats(-4.0, 3.0)),
    "special_entr": ("entr", POSITIVE),
    "special_i0e": ("i0e", away_from((0.0,), -10.0, 10.0)),  # e^(−|x|) has a kink at 0
    # (i1's derivative is I₀(x) − I₁(x)/x: near 0 its own derivative cancels to rounding noise, another in PyTorch)
    "special_i1": ("i1", away_from((0.0,), -10.0, 10.0)),
    "special_i1e": ("i1e", away_from((0.0,), -10.0, 10.0)),
}


@factory(*ONE_ARGUMENT)
def _one_argument(draw: Any, op: str) -> Case:
    name, values = ONE_ARGUMENT[op]
    x = array(draw, draw(shapes()), values)
    return Case(op, f"m.special.{name}(x)", {"x": x}, atol=1e-6 if op == "special_i1" else 1e-7)


@factory("special_xlog1py", "special_xlog1py_scalar_self", "special_xlog1py_scalar_other")
def _xlog1py(draw: Any, op: str) -> Case:
    shape = draw(shapes())
    x = array(draw, shape)
    y = array(draw, shape, floats(-0.8, 2.0))
    if op == "special_xlog1py_scalar_self":
        return Case(op, one_of(draw, "m.special.xlog1py(2.0, y)", "m.special.xlog1py(-0.5, y)"), {"y": y})
    if op == "special_xlog1py_scalar_other":
        return Case(op, one_of(draw, "m.special.xlog1py(x, 0.5)", "m.special.xlog1py(x, -0.25)"), {"x": x})
    return Case(op, "m.special.xlog1py(x, y)", {"x": x, "y": y})


def constant(values: Any, like: str) -> str:
    """A tensor of ``values`` that takes no gradient, in the dtype of the input ``like`` (so that what
    PyTorch computes from it, lgamma(a) in gammainc's derivative, is computed in the case's dtype)."""
    return f"{literal(values)[:-1]}, dtype={like}.dtype)"


@factory("special_zeta", "special_zeta_scalar_self")
def _zeta(draw: Any, op: str) -> Case:
    shape = draw(shapes())
    q = array(draw, shape, floats(0.3, 4.0))
    if op == "special_zeta_scalar_self":
        return Case(op, one_of(draw, "m.special.zeta(2.0, q)", "m.special.zeta(3.5, q)"), {"q": q})
    s = constant(array(draw, shape, floats(1.5, 5.0)), "q")  # no derivative in s, in PyTorch as here
    return Case(op, f"m.special.zeta({s}, q)", {"q": q})


@factory("igamma", "igammac")
def _incomplete_gamma(draw: Any, op: str) -> Case:
    shape = draw(shapes())
    a = constant(array(draw, shape, floats(0.5, 6.0)), "x")  # no derivative in a, in PyTorch as here
    x = array(draw, shape, floats(0.2, 8.0))
    special = "gammainc" if op == "igamma" else "gammaincc"
    forms = (f"m.{op}({a}, x)", f"m.special.{special}({a}, x)")
    return Case(op, one_of(draw, *forms), {"x": x})


@factory("mvlgamma")
def _mvlgamma(draw: Any, op: str) -> Case:
    p = draw(st.integers(1, 3))
    # every lgamma argument x − j/2 at least 0.7: away from the poles, and from 0.5, where PyTorch's
    # trigamma (in the second derivative) switches formulas
    x = array(draw, draw(shapes()), floats((p - 1) / 2 + 0.7, 6.0))
    forms = (
        f"m.mvlgamma(x, {p})",
        f"x.mvlgamma({p})",
        f"m.special.multigammaln(x, {p})",
        f"x.clone().mvlgamma_({p})",
    )
    return Case(op, one_of(draw, *forms), {"x": x})


@factory("round_decimals")
def _round(draw: Any, op: str) -> Case:
    decimals = draw(st.sampled_from([0, 1, -1]))
    # 0.2 of a step from a multiple of the step 10^−d, so 0.3 of one from a rounding boundary
    x = np.asarray(
        np.round(array(draw, draw(shapes()), floats(-30.0, 30.0)), decimals) + 0.2 * 10.0**-decimals
    )
    forms = (
        f"m.special.round(x, decimals={decimals})",
        f"m.round(x, decimals={decimals})",
        f"x.round(decimals={decimals})",
    )
    if not decimals:
        forms += ("m.special.round(x)",)
    return Case(op, one_of(draw, *forms), {"x": x})
