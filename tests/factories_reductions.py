"""Hypothesis factories for the reductions, running sums and sorting ops of branch breadth_a.

Registered into ``factories.FACTORIES`` by the import at the end of
``tests/factories.py``; each draws a call in PyTorch's API (see that module).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from factories import NONZERO, Case, array, dim_of, distinct, factory, floats, literal, one_of, shapes
from hypothesis import strategies as st

# -- helpers -------------------------------------------------------------------------------------


def reduced_dims(draw: Any, shape: tuple[int, ...]) -> tuple[str, int]:
    """A ``dim`` argument (one dim, or a tuple of distinct dims, negative or not) and how many elements it covers."""
    ndim = len(shape)
    if ndim <= 1 or draw(st.booleans()):
        d = dim_of(draw, ndim)
        return str(d), shape[d] if ndim else 1
    chosen = draw(st.lists(st.integers(0, ndim - 1), min_size=1, max_size=ndim, unique=True))
    text = "(" + ", ".join(str(d - ndim if draw(st.booleans()) else d) for d in chosen) + ",)"
    return text, math.prod(shape[d] for d in chosen)


def with_zeros(draw: Any, shape: tuple[int, ...]) -> np.ndarray:
    """Values away from 0, but sometimes exact zeros too (products are smooth through 0)."""
    values = array(draw, shape, NONZERO)
    if values.size and draw(st.booleans()):
        zeros = np.array(draw(st.lists(st.booleans(), min_size=values.size, max_size=values.size)))
        values = np.where(zeros.reshape(shape), 0.0, values)
    return values


# -- sum and mean with dtype= -----------------------------------------------------------------------


@factory("sum_in_dtype", "sum_dim_in_dtype", "mean_in_dtype", "mean_dim_in_dtype")
def _in_dtype(draw: Any, op: str) -> Case:
    name = "sum" if op.startswith("sum") else "mean"
    shape = draw(shapes())
    x = array(draw, shape)
    if "dim" not in op:
        return Case(op, one_of(draw, f"x.{name}(dtype=m.float64)", f"m.{name}(x, dtype=m.float64)"), {"x": x})
    dims, _ = reduced_dims(draw, shape)
    keep = draw(st.booleans())
    forms = (f"x.{name}({dims}, dtype=m.float64)", f"m.{name}(x, {dims}, {keep}, dtype=m.float64)")
    return Case(op, one_of(draw, *forms), {"x": x})


# -- var, std, std_mean, var_mean ----------------------------------------------------------------

SPREAD_PARTS = {
    "var": ("var", ""),
    "std": ("std", ""),
    "std_mean_std": ("std_mean", "[0]"),
    "std_mean_mean": ("std_mean", "[1]"),
    "var_mean_var": ("var_mean", "[0]"),
    "var_mean_mean": ("var_mean", "[1]"),
}


@factory(*SPREAD_PARTS)
def _spread(draw: Any, op: str) -> Case:
    name, part = SPREAD_PARTS[op]
    shape = draw(shapes(min_dims=1).filter(lambda s: math.prod(s) >= 2))
    x = distinct(draw, shape)  # no two values alike: the spread is never near 0
    method = name in ("var", "std")
    dims, count = reduced_dims(draw, shape)
    if count < 2 or draw(st.booleans()):  # all elements (a spread of one element is 0: a kink)
        correction = draw(st.sampled_from(["", "unbiased=False", "correction=0", "correction=1", "False"]))
        if (not correction or correction.startswith("correction")) and draw(st.booleans()):
            correction = ", ".join(a for a in (correction, "keepdim=True") if a)  # PyTorch: keepdim only so
        args = correction
        forms = [f"m.{name}(x{', ' + args if args else ''}){part}"]
        if method:
            forms.append(f"x.{name}({args}){part}")
        return Case(op, one_of(draw, *forms), {"x": x})
    keep = draw(st.booleans())
    options = ["", "correction=0", "correction=1", "unbiased=True", "unbiased=False"]
    correction = draw(st.sampled_from(options))
    extra = f", {correction}" if correction else ""
    forms = [f"m.{name}(x, {dims}{extra}, keepdim={keep}){part}", f"m.{name}(x, dim={dims}{extra}){part}"]
    if method:
        forms.append(f"x.{name}({dims}{extra}, keepdim={keep})")
    if correction.startswith("unbiased") and method:
        forms.append(f"x.{name}({dims}, {correction.split('=')[1]}, {keep})")  # the old positional form
    return Case(op, one_of(draw, *forms), {"x": x})


# -- prod, cumsum, cumprod ------------------------------------------------------------------------


@factory("prod", "prod_dim")
def _prod(draw: Any, op: str) -> Case:
    shape = draw(shapes())
    x = with_zeros(draw, shape)
    if op == "prod":
        return Case(op, one_of(draw, "x.prod()", "m.prod(x)"), {"x": x})
    d = dim_of(draw, len(shape))
    keep = draw(st.booleans())
    return Case(
        op,
        one_of(draw, f"x.prod({d})", f"m.prod(x, {d}, {keep})", f"x.prod(dim={d}, keepdim={keep})"),
        {"x": x},
    )


@factory("cumsum", "cumprod")
def _cumulative(draw: Any, op: str) -> Case:
    shape = draw(shapes())
    x = with_zeros(draw, shape) if op == "cumprod" else array(draw, shape)
    d = dim_of(draw, len(shape))
    return Case(op, one_of(draw, f"x.{op}({d})", f"m.{op}(x, dim={d})"), {"x": x})


# -- logsumexp, amax, amin, aminmax ---------------------------------------------------------------


@factory("logsumexp")
def _logsumexp(draw: Any, op: str) -> Case:
    shape = draw(shapes())
    dims, _ = reduced_dims(draw, shape)
    keep = draw(st.booleans())
    forms = (
        f"m.logsumexp(x, {dims})",
        f"x.logsumexp({dims}, keepdim={keep})",
        f"m.logsumexp(x, dim={dims}, keepdim={keep})",
    )
    return Case(op, one_of(draw, *forms), {"x": array(draw, shape, floats(-3.0, 3.0))})


@factory("amax", "amin", "aminmax_min", "aminmax_max")
def _amax(draw: Any, op: str) -> Case:
    shape = draw(shapes())
    x = distinct(draw, shape)  # no ties: finite differences see one maximum
    keep = draw(st.booleans())
    if op.startswith("aminmax"):
        part = ".min" if op == "aminmax_min" else ".max"
        d = dim_of(draw, len(shape))
        forms = (
            f"m.aminmax(x){part}",
            f"x.aminmax(dim={d}){part}",
            f"m.aminmax(x, dim={d}, keepdim={keep}){part}",
        )
        return Case(op, one_of(draw, *forms), {"x": x})
    if draw(st.booleans()):
        return Case(op, one_of(draw, f"x.{op}()", f"m.{op}(x)"), {"x": x})
    dims, _ = reduced_dims(draw, shape)
    return Case(
        op,
        one_of(draw, f"x.{op}({dims})", f"m.{op}(x, {dims}, {keep})", f"x.{op}(dim={dims}, keepdim={keep})"),
        {"x": x},
    )


# -- NaN: nansum, nan_to_num ------------------------------------------------------------------------


def nan_mask(draw: Any, shape: tuple[int, ...]) -> str:
    """A literal bool mask: where it is False the op sees NaN or inf instead of x."""
    n = math.prod(shape)
    return literal(np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n))).reshape(shape))


@factory("nansum")
def _nansum(draw: Any, op: str) -> Case:
    shape = draw(shapes())
    x = array(draw, shape)
    masked = f"m.where({nan_mask(draw, shape)}, x, float('nan'))"
    if draw(st.booleans()):
        return Case(op, one_of(draw, f"m.nansum({masked})", "x.nansum()"), {"x": x})
    dims, _ = reduced_dims(draw, shape)
    keep = draw(st.booleans())
    return Case(op, one_of(draw, f"m.nansum({masked}, {dims}, {keep})", f"x.nansum(dim={dims})"), {"x": x})


@factory("nan_to_num")
def _nan_to_num(draw: Any, op: str) -> Case:
    shape = draw(shapes())
    x = array(draw, shape)
    special = draw(st.sampled_from(["float('nan')", "float('inf')", "-float('inf')"]))
    masked = f"m.where({nan_mask(draw, shape)}, x, {special})"
    forms = [
        f"m.nan_to_num({masked}, 0.5, 2.0, -2.0)",
        f"{masked}.nan_to_num(posinf=1.5, neginf=-1.5)",
        "x.nan_to_num()",
    ]
    if special == "float('nan')":  # inf would become the largest float: finite differences overflow
        forms.append(f"m.nan_to_num({masked})")
    return Case(op, one_of(draw, *forms), {"x": x})


# -- sort, topk, median, kthvalue, mode -------------------------------------------------------------


@factory("sort", "sort_stable", "topk")
def _sorting(draw: Any, op: str) -> Case:
    shape = draw(shapes())
    x = distinct(draw, shape)  # no ties: finite differences see one order
    d = dim_of(draw, len(shape))
    down = draw(st.booleans())
    if op == "sort":
        forms = [f"x.sort({d}, {down}).values", f"m.sort(x, dim={d}, descending={down})[0]"]
        if d in (0, -len(shape)) or not shape:
            forms.append("m.msort(x)" if shape else "x.sort().values")
        return Case(op, one_of(draw, *forms), {"x": x})
    if op == "sort_stable":
        return Case(op, f"m.sort(x, stable=True, dim={d}, descending={down}).values", {"x": x})
    size = shape[d] if shape else 1
    k = draw(st.integers(0 if shape else 1, size))
    forms = (f"x.topk({k}, {d}).values", f"m.topk(x, {k}, dim={d}, largest={down})[0]")
    return Case(op, one_of(draw, *forms), {"x": x})


@factory("median", "median_dim", "kthvalue", "mode")
def _order_statistic(draw: Any, op: str) -> Case:
    shape = draw(shapes())
    d = dim_of(draw, len(shape))
    keep = draw(st.booleans())
    x = distinct(draw, shape)  # no ties (for mode: every value once, so the mode is the smallest)
    if op == "mode":
        return Case(op, one_of(draw, f"x.mode({d}).values", f"m.mode(x, {d}, {keep})[0]"), {"x": x})
    if op == "median":
        return Case(op, one_of(draw, "x.median()", "m.median(x)"), {"x": x})
    if op == "median_dim":
        return Case(
            op, one_of(draw, f"x.median({d}).values", f"m.median(x, dim={d}, keepdim={keep})[0]"), {"x": x}
        )
    k = draw(st.integers(1, shape[d] if shape else 1))
    return Case(
        op, one_of(draw, f"x.kthvalue({k}, {d}).values", f"m.kthvalue(x, {k}, {d}, {keep})[0]"), {"x": x}
    )


# -- quantile and nanquantile -------------------------------------------------------------------------


@factory("quantile_gather", "quantile_lerp", "squeeze_")
def _quantile(draw: Any, op: str) -> Case:
    # (squeeze_: quantile's last step, as PyTorch's; matmul's vector @ matrix now squeezes by the method)
    shape = draw(shapes())
    x = distinct(draw, shape)  # no ties: the sorted order stays put under finite differences
    name = draw(st.sampled_from(["quantile", "nanquantile"]))
    modes = ["linear", "midpoint"] + (["lower", "higher", "nearest"] if op == "quantile_gather" else [])
    mode = draw(st.sampled_from(modes))
    if draw(st.booleans()):
        q = str(draw(st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.8, 1.0])))
    else:
        q = f"m.tensor({draw(st.lists(floats(0.0, 1.0), min_size=1, max_size=3))!r}, dtype=x.dtype)"
    options = [f"interpolation={mode!r}"]
    if draw(st.booleans()):
        options.insert(0, f"dim={dim_of(draw, len(shape))}")
        options.insert(1, f"keepdim={draw(st.booleans())}")
    args = ", ".join(options)
    return Case(op, one_of(draw, f"m.{name}(x, {q}, {args})", f"x.{name}({q}, {args})"), {"x": x})
