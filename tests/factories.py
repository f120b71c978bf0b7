"""Hypothesis strategies for a valid call of every differentiable op in ``OPS``.

``FACTORIES[name]`` draws a :class:`Case` for the op called ``name``: a line
of Python in PyTorch's API (``"m.sum(x, dim=(0, 2), keepdim=True)"``) and
float64 arrays for its inputs, with shapes from 0-d to 3-d (sides 1 to 4) and
values inside the op's smooth domain (``log`` of positive numbers, no ties
for ``max``, nothing within 0.05 of a kink).  The same case runs in
autograd_lab and in PyTorch: ``m`` is the module, ``F`` its
``nn.functional``.  Every input becomes a tensor that requires grad;
anything else (a mask, class labels, an index) is a literal in the code.

A factory is registered for the op names it can produce calls of, and its
strategy function gets the name, so ``@factory("sum", "sum_dim")`` draws
``x.sum()`` for one and ``x.sum(dim=1)`` for the other.

``programs()`` draws chains of 2 to 6 ops (a :class:`Program`, used like a
case): each step is drawn to fit the shape and the values of the one before.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import autograd_lab as lab  # registers every op, nn.functional's too

# -- what a factory produces ------------------------------------------------------


def setitem(x: Any, key: Any, value: Any) -> Any:
    """``y = x.clone(); y[key] = value``: an in-place write that leaves ``x`` alone."""
    y = x.clone()
    y[key] = value
    return y


def index_grad(m: Any, g: Any, shape: tuple, key: Any) -> Any:
    """The gradient of ``x[key]`` for ``x`` of ``shape``, recorded: ``g`` scattered into zeros."""
    x = m.zeros(shape, dtype=g.dtype, requires_grad=True)
    return m.autograd.grad(x[key], x, g, create_graph=True)[0]


def stale_view(x: Any, make_view: Callable[[Any], Any]) -> Any:
    """A view of ``x * 1.0`` whose base then changes in place: its node is made again (AsStridedBackward0)."""
    y = x * 1.0
    view = make_view(y)
    y.mul_(2.0)
    return view


def written_grad(m: Any, g: Any, key: Any) -> Any:
    """The gradient of ``x`` through ``x[key] = ...``, recorded: CopySlices' rule in a create_graph pass."""
    x = m.zeros(g.shape, dtype=g.dtype, requires_grad=True)
    y = x * 1.0
    y[key] = 0.5
    return m.autograd.grad(y, x, g, create_graph=True)[0]


def activation_grad(m: Any, function: Any, g: Any, y: Any) -> Any:
    """``function``'s gradient at ``y`` applied to ``g``, recorded (relu's ``threshold_backward``, leaky_relu's
    ``leaky_relu_backward`` ...); ``y`` made a leaf that requires grad where it is a plain tensor (finite
    differences evaluate the case without gradients)."""
    if not y.requires_grad:
        y = y.detach().requires_grad_()
    return m.autograd.grad(function(y), y, g, create_graph=True)[0]


HELPERS = {
    "np": np,
    "activation_grad": activation_grad,
    "setitem": setitem,
    "index_grad": index_grad,
    "stale_view": stale_view,
    "written_grad": written_grad,
}


@dataclass(frozen=True)
class Case:
    """One call: ``code`` evaluated with ``m``, ``F`` and the inputs bound to their names."""

    op: str  # the op (a key of OPS) the call must record
    code: str
    inputs: dict[str, np.ndarray]
    eps: float = 1e-6  # finite-difference step
    atol: float = 1e-7  # absolute tolerance of the finite-difference comparison
    float32_atol: float = 1e-6  # absolute tolerance against PyTorch in float32 (LAPACK builds differ more)
    _compiled: Any = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_compiled", compile(self.code, f"<{self.op} case>", "eval"))

    def __call__(self, m: Any, *tensors: Any) -> Any:
        """Run the call in module ``m`` (autograd_lab or torch) on ``tensors``, one per input."""
        scope = {"m": m, "F": m.nn.functional, **HELPERS, **dict(zip(self.inputs, tensors, strict=True))}
        return eval(self._compiled, scope)  # noqa: S307 - our own code strings

    def __repr__(self) -> str:
        arrays = ", ".join(f"{k}=np.array({v.tolist()!r})" for k, v in self.inputs.items())
        return f"Case({self.op!r}, {self.code!r}, {arrays})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # how hypothesis shows a case
        printer.text(repr(self))


FACTORIES: dict[str, st.SearchStrategy[Case]] = {}
"""Op name -> a strategy drawing calls of that op."""


def factory(*names: str) -> Callable[[Callable], Callable]:
    """Register a ``@st.composite``-style function ``(draw, op)`` for the ops ``names``.

    An op has one factory: registering a name twice is an error, not a silent replacement.
    """

    def register(function: Callable) -> Callable:
        for name in names:
            if name in FACTORIES:
                raise ValueError(f"a factory for {name!r} is already registered")
            FACTORIES[name] = st.composite(function)(name)
        return function

    return register


# -- values ------------------------------------------------------------------------


def floats(lo: float, hi: float) -> st.SearchStrategy[float]:
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False, allow_subnormal=False)


def signed(lo: float = 0.1, hi: float = 2.0) -> st.SearchStrategy[float]:
    """A number with ``lo <= |v| <= hi``: away from the kink at 0."""
    return st.one_of(floats(lo, hi), floats(-hi, -lo))


def away_from(points: tuple[float, ...], lo: float = -2.0, hi: float = 2.0, margin: float = 0.05) -> Any:
    """A number in ``[lo, hi]`` at least ``margin`` from each of ``points``."""
    edges = sorted(points)
    pieces = [
        (a + margin, b - margin) for a, b in zip([lo - margin, *edges], [*edges, hi + margin], strict=True)
    ]
    return st.one_of([floats(a, b) for a, b in pieces if a < b])


SMOOTH = floats(-2.0, 2.0)
POSITIVE = floats(0.2, 3.0)
NONZERO = signed(0.3, 2.0)


def shapes(min_dims: int = 0, max_dims: int = 3) -> st.SearchStrategy[tuple[int, ...]]:
    return hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=1, max_side=4)


def array(draw: Any, shape: tuple[int, ...], elements: Any = SMOOTH) -> np.ndarray:
    return draw(hnp.arrays(np.float64, shape, elements=elements))


def distinct(draw: Any, shape: tuple[int, ...]) -> np.ndarray:
    """Values with no two closer than 0.2: max and min have no ties."""
    n = math.prod(shape)
    order = np.array(draw(st.permutations(range(n))), dtype=np.float64)
    jitter = array(draw, (n,), floats(0.0, 0.05))
    return ((order - n / 2) * 0.25 + jitter).reshape(shape)


def literal(values: np.ndarray) -> str:
    """``m.tensor([...])`` holding ``values`` (a mask, labels, indices)."""
    return f"m.tensor({values.tolist()!r})"


def dim_of(draw: Any, ndim: int) -> int:
    """A valid dim, negative or not (a 0-d tensor takes 0 and -1)."""
    top = max(ndim, 1)
    return draw(st.integers(-top, top - 1))


def one_of(draw: Any, *options: str) -> str:
    return draw(st.sampled_from(options))


# -- arithmetic ----------------------------------------------------------------------

SCALARS = st.sampled_from([2.0, -0.5, 1.5, 3.0])


@factory("add", "sub", "mul", "div")
def _arithmetic(draw: Any, op: str) -> Case:
    sign = {"add": "+", "sub": "-", "mul": "*", "div": "/"}[op]
    (sx, sy) = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3, max_side=4)).input_shapes
    x = array(draw, sx)
    y = array(draw, sy, NONZERO if op == "div" else SMOOTH)
    c = draw(SCALARS)
    forms = [f"x {sign} y", f"x.{op}(y)", f"m.{op}(x, y)", f"y {sign} {c}"]
    if op in ("add", "mul"):
        forms.append(f"{c} {sign} y")
    code = one_of(draw, *forms)
    inputs = {"x": x, "y": y} if "x" in code else {"y": y}
    return Case(op, code, inputs)


@factory("reciprocal")
def _reciprocal(draw: Any, op: str) -> Case:  # c / x is c · (1/x), as in PyTorch
    code = one_of(draw, "x.reciprocal()", f"{draw(SCALARS)} / x", "1 / x")
    return Case(op, code, {"x": array(draw, draw(shapes()), NONZERO)})


@factory("rsub")
def _rsub(draw: Any, op: str) -> Case:
    return Case(op, f"{draw(SCALARS)} - x", {"x": array(draw, draw(shapes()))})


@factory("neg")
def _neg(draw: Any, op: str) -> Case:
    return Case(op, one_of(draw, "-x", "m.neg(x)", "x.neg()"), {"x": array(draw, draw(shapes()))})


@factory("pow")
def _pow(draw: Any, op: str) -> Case:
    p = draw(st.sampled_from([2, 3, -1, 0, 1, 0.5, 1.5, -0.5, 2.5]))
    base = NONZERO if isinstance(p, int) else POSITIVE
    code = one_of(draw, f"x ** {p}", f"m.pow(x, {p})", f"x.pow({p})")
    return Case(op, code, {"x": array(draw, draw(shapes()), base)})


@factory("pow_tensor")
def _pow_tensor(draw: Any, op: str) -> Case:
    (sx, sy) = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3, max_side=4)).input_shapes
    code = one_of(draw, "x ** y", "m.pow(x, y)", "x.pow(y)")
    # Not y = 0 exactly: there PyTorch's ∂/∂x is a constant 0, so its second derivative differs.
    return Case(op, code, {"x": array(draw, sx, POSITIVE), "y": array(draw, sy, away_from((0.0,)))})


@factory("rpow")
def _rpow(draw: Any, op: str) -> Case:
    c = draw(st.sampled_from([2.0, 0.5, 3.0]))
    code = one_of(draw, f"{c} ** x", f"m.pow({c}, x)")
    return Case(op, code, {"x": array(draw, draw(shapes()))})


# -- functions of one number -----------------------------------------------------------

UNARY = {  # op: (domain, spellings)
    "exp": (SMOOTH, ("m.exp(x)", "x.exp()")),
    "log": (POSITIVE, ("m.log(x)", "x.log()")),
    "sqrt": (POSITIVE, ("m.sqrt(x)", "x.sqrt()")),
    "sign": (NONZERO, ("m.sign(x)", "x.sign()")),
    "angle": (NONZERO, ("m.angle(x)", "x.angle()")),
    "abs": (NONZERO, ("m.abs(x)", "x.abs()", "abs(x)")),
    "sin": (floats(-3.0, 3.0), ("m.sin(x)", "x.sin()")),
    "cos": (floats(-3.0, 3.0), ("m.cos(x)", "x.cos()")),
    "tanh": (floats(-3.0, 3.0), ("m.tanh(x)", "x.tanh()", "F.tanh(x)")),
    "sigmoid": (floats(-3.0, 3.0), ("m.sigmoid(x)", "x.sigmoid()", "F.sigmoid(x)")),
    "relu": (NONZERO, ("m.relu(x)", "x.relu()", "F.relu(x)")),
    "clone": (SMOOTH, ("m.clone(x)", "x.clone()")),
    "expm1": (SMOOTH, ("m.expm1(x)", "x.expm1()")),
    "log1p": (POSITIVE, ("m.log1p(x)", "x.log1p()")),
    "log2": (POSITIVE, ("m.log2(x)", "x.log2()")),
    "log10": (POSITIVE, ("m.log10(x)", "x.log10()")),
    "exp2": (SMOOTH, ("m.exp2(x)", "x.exp2()")),
    "rsqrt": (POSITIVE, ("m.rsqrt(x)", "x.rsqrt()")),
    "tan": (floats(-1.2, 1.2), ("m.tan(x)", "x.tan()")),
    "atan": (SMOOTH, ("m.atan(x)", "x.atan()", "m.arctan(x)")),
    "asin": (floats(-0.9, 0.9), ("m.asin(x)", "x.asin()", "m.arcsin(x)")),
    "acos": (floats(-0.9, 0.9), ("m.acos(x)", "x.acos()", "m.arccos(x)")),
    "sinh": (SMOOTH, ("m.sinh(x)", "x.sinh()")),
    "cosh": (SMOOTH, ("m.cosh(x)", "x.cosh()")),
    "asinh": (SMOOTH, ("m.asinh(x)", "x.asinh()", "m.arcsinh(x)")),
    "acosh": (floats(1.1, 3.0), ("m.acosh(x)", "x.acosh()", "m.arccosh(x)")),
    "atanh": (floats(-0.9, 0.9), ("m.atanh(x)", "x.atanh()", "m.arctanh(x)")),
    # steps: away from the jumps, where the derivative is 0
    "floor": (away_from((-2.0, -1.0, 0.0, 1.0, 2.0)), ("m.floor(x)", "x.floor()")),
    "ceil": (away_from((-2.0, -1.0, 0.0, 1.0, 2.0)), ("m.ceil(x)", "x.ceil()")),
    "trunc": (away_from((-2.0, -1.0, 0.0, 1.0, 2.0)), ("m.trunc(x)", "x.trunc()")),
    "frac": (away_from((-2.0, -1.0, 0.0, 1.0, 2.0)), ("m.frac(x)", "x.frac()")),
    "round": (away_from((-1.5, -0.5, 0.5, 1.5)), ("m.round(x)", "x.round()")),
}


@factory(*UNARY)
def _unary(draw: Any, op: str) -> Case:
    domain, forms = UNARY[op]
    return Case(op, one_of(draw, *forms), {"x": array(draw, draw(shapes()), domain)})


@factory("clamp")
def _clamp(draw: Any, op: str) -> Case:
    lo = draw(st.sampled_from([None, -0.5, 0.0]))
    hi = draw(st.sampled_from([None, 0.5, 1.0] if lo is not None else [0.5, 1.0]))
    x = array(draw, draw(shapes()), away_from(tuple(b for b in (lo, hi) if b is not None)))
    if lo is None:
        forms = (f"m.clamp(x, max={hi})", f"x.clamp(max={hi})", f"x.clip(max={hi})")
    elif hi is None:
        forms = (f"m.clamp(x, {lo})", f"x.clamp(min={lo})", f"m.clip(x, min={lo})")
    else:
        forms = (f"m.clamp(x, {lo}, {hi})", f"x.clamp({lo}, {hi})", f"x.clip({lo}, {hi})")
    return Case(op, one_of(draw, *forms), {"x": x})


@factory("zero", "fill", "fill_tensor")
def _fill(draw: Any, op: str) -> Case:
    # In place on a computed tensor: the node replaces its history (x * 1.0 keeps x a leaf).
    shape = draw(shapes(1, 3))
    x = array(draw, shape)
    if op == "zero":
        return Case(op, "(x * 1.0).zero_()", {"x": x})
    if op == "fill":
        return Case(op, "(x * 1.0).fill_(0.5)", {"x": x})
    # fill_ with a 0-d tensor; t[...] = number and t[:] = number fill with one too
    every = one_of(draw, "...", ":", f"0:{shape[0]}", f":{shape[0] + 1}")
    if draw(st.booleans()):
        return Case(op, f"setitem(x, np.s_[{every}], 0.5)", {"x": x})
    code = one_of(draw, "(x * 1.0).fill_(v)", f"setitem(x, np.s_[{every}], v)")
    return Case(op, code, {"x": x, "v": array(draw, ())})


@factory("remainder", "remainder_tensor", "fmod", "fmod_tensor")
def _remainder(draw: Any, op: str) -> Case:
    # away from the jumps: a/b never near a whole number
    shape = draw(shapes())
    quotient = array(draw, shape, away_from((-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0), -3.5, 3.5, 0.1))
    name = op.removesuffix("_tensor")
    if op.endswith("_tensor"):
        b = array(draw, shape, signed(0.5, 2.0))
        spelled = "x % y" if name == "remainder" else f"m.{name}(x, y)"
        return Case(op, one_of(draw, spelled, f"x.{name}(y)"), {"x": np.asarray(quotient * b), "y": b})
    spelled = "x % 0.7" if name == "remainder" else f"m.{name}(x, 0.7)"
    return Case(op, one_of(draw, spelled, f"x.{name}(0.7)"), {"x": np.asarray(quotient * 0.7)})


@factory("maximum", "minimum")
def _maximum(draw: Any, op: str) -> Case:
    # No ties (the rule halves the gradient there, where the derivative does not exist).
    sx, sy = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3, max_side=4)).input_shapes
    x = distinct(draw, sx)
    y = np.asarray(distinct(draw, sy) + 0.1)  # 0.1 apart from x's grid: never equal
    other = "max" if op == "maximum" else "min"
    code = one_of(draw, f"m.{op}(x, y)", f"x.{op}(y)", f"m.{other}(x, y)")
    return Case(op, code, {"x": x, "y": y})


@factory("where")
def _where(draw: Any, op: str) -> Case:
    sc, sx, sy = draw(hnp.mutually_broadcastable_shapes(num_shapes=3, max_dims=3, max_side=4)).input_shapes
    cond = literal(draw(hnp.arrays(np.bool_, sc)))
    form = one_of(draw, "both", "scalar other", "scalar input")
    if form == "scalar other":
        return Case(op, f"m.where({cond}, x, 0.0)", {"x": array(draw, sx)})
    if form == "scalar input":
        return Case(op, f"m.where({cond}, 1.5, y)", {"y": array(draw, sy)})
    return Case(op, f"m.where({cond}, x, y)", {"x": array(draw, sx), "y": array(draw, sy)})


@factory("to_copy")
def _to_copy(draw: Any, op: str) -> Case:
    # To the other float type (float64 -> float32 here).  The op is linear, so a
    # large step is exact and steps over float32's rounding of the result.
    code = one_of(
        draw,
        "x.to(m.float32 if x.dtype == m.float64 else m.float64)",
        "x.float() if x.dtype == m.float64 else x.double()",
    )
    return Case(op, code, {"x": array(draw, draw(shapes()))}, eps=1.0, atol=1e-6)


# -- views and shapes ------------------------------------------------------------------


def _factorization(draw: Any, n: int) -> tuple[int, ...]:
    """A random shape with ``n`` elements and at most 3 dims."""
    dims = []
    rest = n
    for _ in range(draw(st.integers(0, 2))):
        divisors = [d for d in range(1, rest + 1) if rest % d == 0]
        d = draw(st.sampled_from(divisors))
        dims.append(d)
        rest //= d
    dims.append(rest)
    return tuple(draw(st.permutations(dims)))


@factory("reshape", "view")
def _reshape(draw: Any, op: str) -> Case:
    shape = draw(shapes())
    target = _factorization(draw, math.prod(shape))
    if draw(st.booleans()):
        unknown = draw(st.integers(0, len(target) - 1))
        target = tuple(-1 if i == unknown else n for i, n in enumerate(target))
    spelled = ", ".join(map(str, target))
    forms = [f"x.{op}({spelled})", f"x.{op}(({spelled},))"]
    if op == "reshape":
        forms.append(f"m.reshape(x, ({spelled},))")
        if len(shape) >= 2:
            start = draw(st.integers(0, len(shape) - 2))
            end = draw(st.integers(start + 1, len(shape) - 1))
            forms += [f"x.flatten({start}, {end})", f"m.flatten(x, {start})", "x.flatten()"]
    return Case(op, one_of(draw, *forms), {"x": array(draw, shape)})


def _two_big_sides(draw: Any) -> tuple[tuple[int, ...], int, int]:
    """A 2-d or 3-d shape and two of its dims, both of size 2 or more."""
    shape = list(draw(shapes(2)))
    d0, d1 = draw(st.lists(st.integers(0, len(shape) - 1), min_size=2, max_size=2, unique=True))
    shape[d0], shape[d1] = max(shape[d0], 2), max(shape[d1], 2)
    return tuple(shape), d0, d1


@factory("reshape_alias")
def _reshape_alias(draw: Any, op: str) -> Case:
    # A transposed tensor is not contiguous; reshaped where strides allow, it is an alias.
    shape, d0, d1 = _two_big_sides(draw)
    swapped = list(shape)
    swapped[d0], swapped[d1] = shape[d1], shape[d0]
    at = draw(st.integers(0, len(swapped)))
    target = swapped[:at] + [1] * draw(st.integers(0, 1)) + swapped[at:]
    spelled = ", ".join(map(str, target))
    code = one_of(
        draw,
        f"x.transpose({d0}, {d1}).reshape({spelled})",
        f"m.reshape(x.transpose({d0}, {d1}), ({spelled},))",
    )
    return Case(op, code, {"x": array(draw, shape)})


@factory("transpose")
def _transpose(draw: Any, op: str) -> Case:
    shape = draw(shapes(1))
    d0, d1 = dim_of(draw, len(shape)), dim_of(draw, len(shape))
    forms = [f"x.transpose({d0}, {d1})", f"m.transpose(x, {d0}, {d1})"]
    if len(shape) >= 2:
        forms.append("x.mT")
    return Case(op, one_of(draw, *forms), {"x": array(draw, shape)})


@factory("t")
def _t(draw: Any, op: str) -> Case:
    return Case(op, one_of(draw, "x.t()", "m.t(x)"), {"x": array(draw, draw(shapes(0, 2)))})


@factory("permute")
def _permute(draw: Any, op: str) -> Case:
    shape = draw(shapes(1))
    dims = draw(st.permutations(range(len(shape))))
    dims = [d - len(shape) if draw(st.booleans()) else d for d in dims]
    spelled = ", ".join(map(str, dims))
    forms = [f"x.permute({spelled})", f"x.permute(({spelled},))", f"m.permute(x, ({spelled},))"]
    if len(shape) == 2:
        forms.append("x.T")
    return Case(op, one_of(draw, *forms), {"x": array(draw, shape)})


@factory("unsqueeze")
def _unsqueeze(draw: Any, op: str) -> Case:
    shape = draw(shapes())
    d = draw(st.integers(-len(shape) - 1, len(shape)))
    forms = [f"x.unsqueeze({d})", f"m.unsqueeze(x, {d})", "x[None]"]
    if shape:
        forms += ["x[:, None]", "x[..., None]"]
    return Case(op, one_of(draw, *forms), {"x": array(draw, shape)})


def _with_ones(draw: Any) -> tuple[int, ...]:
    """A shape with some sides 1 (for squeeze and expand)."""
    shape = draw(shapes())
    return tuple(1 if draw(st.booleans()) else n for n in shape)


@factory("squeeze", "squeeze_dim")
def _squeeze(draw: Any, op: str) -> Case:
    shape = _with_ones(draw)
    if op == "squeeze":
        return Case(op, one_of(draw, "x.squeeze()", "m.squeeze(x)"), {"x": array(draw, shape)})
    d = dim_of(draw, len(shape))
    return Case(op, one_of(draw, f"x.squeeze({d})", f"m.squeeze(x, {d})"), {"x": array(draw, shape)})


@factory("squeeze_dims")
def _squeeze_dims(draw: Any, op: str) -> Case:
    shape = _with_ones(draw)
    dims = draw(st.lists(st.integers(0, max(len(shape), 1) - 1), max_size=3, unique=True))
    return Case(
        op,
        one_of(draw, f"x.squeeze({tuple(dims)})", f"m.squeeze(x, {list(dims)})"),
        {"x": array(draw, shape)},
    )


@factory("expand")
def _expand(draw: Any, op: str) -> Case:
    shape = _with_ones(draw)
    lead = tuple(draw(st.lists(st.integers(1, 3), max_size=3 - len(shape))))
    sides = tuple(draw(st.integers(1, 4)) if n == 1 else n for n in shape)
    if lead + sides == shape:  # nothing to expand yet
        if 1 in shape:
            sides = tuple(2 if i == shape.index(1) else n for i, n in enumerate(sides))
        elif len(shape) < 3:
            lead = (2,)
        else:
            shape = (1, *shape[1:])
    target = lead + sides
    keep = [
        i >= len(lead) and shape[i - len(lead)] == n and draw(st.booleans()) for i, n in enumerate(target)
    ]
    spelled = ", ".join("-1" if k else str(n) for k, n in zip(keep, target, strict=True))
    forms = (f"x.expand({spelled})", f"x.expand(({spelled},))", f"x.expand_as(m.zeros({target}))")
    return Case(op, one_of(draw, *forms), {"x": array(draw, shape)})


# -- indexing -------------------------------------------------------------------------


def _basic_key(draw: Any, shape: tuple[int, ...], want: str) -> tuple[str, tuple]:
    """A basic index (ints and slices) into ``shape``, with at least one ``want`` in it.

    A ``want`` slice never covers its whole dimension: in a tuple PyTorch skips
    such a slice, and ``t[0:] = v`` is a fill or a copy, not CopySlices.
    """
    count = draw(st.integers(1, len(shape)))
    must = draw(st.integers(0, count - 1))
    texts, objects = [], []
    for i in range(count):
        kind = want if i == must else draw(st.sampled_from(["int", "slice", "all"]))
        n = shape[i]
        if kind == "int":
            k = draw(st.integers(-n, n - 1))
            texts.append(str(k))
            objects.append(k)
        elif kind == "slice":
            start = draw(st.one_of(st.none(), st.integers(-n, n)))
            stop = draw(st.one_of(st.none(), st.integers(-n, n)))
            step = draw(st.sampled_from([None, None, 1, 2, 3]))
            if (start or 0) == 0 and (stop is None or stop >= n) and (step or 1) == 1:
                start = 1  # not the whole dimension: [1:n], or empty for n = 1
            text = ":".join("" if v is None else str(v) for v in (start, stop))
            texts.append(text if step is None else f"{text}:{step}")
            objects.append(slice(start, stop, step))
        else:
            texts.append(":")
            objects.append(slice(None))
    return ", ".join(texts), tuple(objects)


def _advanced_key(draw: Any, shape: tuple[int, ...], unique: bool = False) -> tuple[str, tuple]:
    """An index with a list of ints or a boolean mask in it (a copy, not a view)."""
    lead = draw(st.integers(0, len(shape) - 1))
    texts, objects = [":"] * lead, [slice(None)] * lead
    if draw(st.booleans()):
        k = draw(st.integers(1, len(shape) - lead))
        mask = draw(hnp.arrays(np.bool_, shape[lead : lead + k]))
        texts.append(literal(mask))
        objects.append(mask)
    else:
        n = shape[lead]
        positions = st.lists(st.integers(0, n - 1), min_size=1, max_size=5, unique=unique)
        picks = np.array([p - n if draw(st.booleans()) else p for p in draw(positions)])
        texts.append(literal(picks))
        objects.append(picks)
    return ", ".join(texts), tuple(objects)


@factory("select", "slice", "index", "alias")
def _getitem(draw: Any, op: str) -> Case:
    shape = draw(shapes(0 if op == "alias" else 1))
    x = {"x": array(draw, shape)}
    if op == "index":
        text, _ = _advanced_key(draw, shape)
        return Case(op, f"x[{text}]", x)
    if op == "alias":  # a tuple of whole slices: nothing to record but a new view
        forms = ["x[...]"]
        if shape:
            forms += [f"x[{', '.join([':'] * len(shape))},]", "x[..., :]", f"x[..., 0:{shape[-1]}]"]
        return Case(op, one_of(draw, *forms), x)
    text, _ = _basic_key(draw, shape, {"select": "int", "slice": "slice"}[op])
    forms = [f"x[{text}]"]
    if op == "select" and "," not in text:
        forms.append(f"x[..., {text}]" if len(shape) == 1 else f"x[{text}, ...]")
    if op == "slice":
        forms.append("x[:]")  # one slice alone is always recorded
    return Case(op, one_of(draw, *forms), x)


@factory("index_put_zeros", "select_backward", "slice_backward")
def _index_backward(draw: Any, op: str) -> Case:
    # The backward of x[key], recorded with create_graph: g put into zeros.
    shape = draw(shapes(1))
    if op == "index_put_zeros":
        text, key = _advanced_key(draw, shape)
    else:
        text, key = _basic_key(draw, shape, op.removesuffix("_backward").replace("select", "int"))
    slot = np.empty(shape)[key].shape
    return Case(op, f"index_grad(m, g, {shape}, np.s_[{text}])", {"g": array(draw, slot)})


@factory("unbind", "split", "split_with_sizes")
def _pieces(draw: Any, op: str) -> Case:
    # One of the views split, chunk and unbind return (each has its own node here).
    shape = draw(shapes(1))
    d = dim_of(draw, len(shape))
    n = shape[d]
    if op == "unbind":
        i = draw(st.integers(0, n - 1))
        code = one_of(draw, f"x.unbind({d})[{i}]", f"m.unbind(x, dim={d})[{i}]")
    elif op == "split":
        size = draw(st.integers(1, n))
        i = draw(st.integers(0, -(-n // size) - 1))
        code = one_of(draw, f"x.split({size}, {d})[{i}]", f"m.split(x, {size}, dim={d})[{i}]")
        if n % size == 0:
            code = one_of(draw, code, f"x.chunk({n // size}, {d})[{i}]")
    else:
        cuts = sorted(draw(st.sets(st.integers(1, n - 1), max_size=2))) if n > 1 else []
        sizes = [b - a for a, b in zip([0, *cuts], [*cuts, n], strict=True)]
        i = draw(st.integers(0, len(sizes) - 1))
        code = f"x.split({sizes}, {d})[{i}]"
    return Case(op, code, {"x": array(draw, shape)})


@factory("index_select")
def _index_select(draw: Any, op: str) -> Case:
    shape = draw(shapes(1))
    d = dim_of(draw, len(shape))
    picks = draw(st.lists(st.integers(0, shape[d] - 1), min_size=1, max_size=4))  # repeats too
    code = one_of(
        draw, f"x.index_select({d}, m.tensor({picks}))", f"m.index_select(x, {d}, m.tensor({picks}))"
    )
    return Case(op, code, {"x": array(draw, shape)})


@factory("as_strided")
def _stale_view(draw: Any, op: str) -> Case:
    shape = draw(shapes(1))
    text, _ = _basic_key(draw, shape, draw(st.sampled_from(["int", "slice"])))
    views = [f"y[{text}]", "y.unsqueeze(0)", "y.reshape(-1)", f"y[{text}].unsqueeze(-1)"]
    if len(shape) >= 2:
        swapped = (shape[1], shape[0], *shape[2:])
        swapped_text, _ = _basic_key(draw, swapped, draw(st.sampled_from(["int", "slice"])))
        views += ["y.transpose(0, 1)", f"y.transpose(0, 1)[{swapped_text}]"]
        views.append(f"y.permute({tuple(reversed(range(len(shape))))})")
    return Case(op, f"stale_view(x, lambda y: {one_of(draw, *views)})", {"x": array(draw, shape)})


@factory("view_scatter")
def _written_grad(draw: Any, op: str) -> Case:
    shape = draw(shapes(1))
    text, key = _basic_key(draw, shape, draw(st.sampled_from(["int", "slice"])))
    return Case(op, f"written_grad(m, g, np.s_[{text}])", {"g": array(draw, shape)})


@factory("copy_slices", "index_put", "copy")
def _setitem(draw: Any, op: str) -> Case:
    shape = draw(shapes(1))
    x = array(draw, shape)
    if op == "copy_slices":
        text, key = _basic_key(draw, shape, draw(st.sampled_from(["int", "slice"])))
    elif op == "index_put":
        text, key = _advanced_key(draw, shape, unique=True)  # no position written twice
    else:  # every element written
        text = one_of(draw, "...", *([":", f"0:{shape[0]}", f":{shape[0] + 1}"] if shape else []))
        key = ...
    slot = np.empty(shape)[key].shape
    if op != "copy" and draw(st.booleans()):
        if draw(st.booleans()):
            return Case(op, f"setitem(x, np.s_[{text}], 0.5)", {"x": x})
        value = ()
    else:
        value = slot[len(slot) - draw(st.integers(1 if op == "copy" else 0, len(slot))) :]
    v = array(draw, value)
    code = f"setitem(x, np.s_[{text}], v)"
    return Case(op, code, {"x": x, "v": v} if draw(st.booleans()) else {"v": v, "x": x})


# -- joining -----------------------------------------------------------------------------


@factory("cat")
def _cat(draw: Any, op: str) -> Case:
    shape = draw(shapes(1))
    d = dim_of(draw, len(shape))
    count = draw(st.integers(1, 3))
    inputs = {}
    for i in range(count):
        piece = list(shape)
        piece[d] = draw(st.integers(1, 3))
        inputs[f"x{i}"] = array(draw, tuple(piece))
    names = ", ".join(inputs)
    code = one_of(draw, f"m.cat([{names}], {d})", f"m.cat(({names},), dim={d})")
    return Case(op, code, inputs)


@factory("stack")
def _stack(draw: Any, op: str) -> Case:
    shape = draw(shapes())
    d = draw(st.integers(-len(shape) - 1, len(shape)))
    inputs = {f"x{i}": array(draw, shape) for i in range(draw(st.integers(1, 3)))}
    names = ", ".join(inputs)
    code = one_of(draw, f"m.stack([{names}], {d})", f"m.stack(({names},), dim={d})")
    return Case(op, code, inputs)


# -- matrix products -----------------------------------------------------------------------

SIDE = st.integers(1, 4)


@factory("mm", "mv", "dot", "bmm", "addmm", "unsafe_view")
def _matmul(draw: Any, op: str) -> Case:
    b, n, k, p = (draw(SIDE) for _ in range(4))
    if op == "unsafe_view" and draw(st.booleans()):  # a reshape that must copy: clone, then view
        shape, d0, d1 = _two_big_sides(draw)
        code = one_of(draw, f"x.transpose({d0}, {d1}).reshape(-1)", f"x.transpose({d0}, {d1}).flatten()")
        return Case(op, code, {"x": array(draw, shape)})
    if op == "unsafe_view":  # a batch @ a batch, a matrix or a vector (not a matrix @ a batch)
        sx, sy = draw(
            st.sampled_from(
                [((b, n, k), (b, k, p)), ((b, n, k), (k, p)), ((b, n, k), (k,)), ((k,), (b, k, p))]
            )
        )
        return Case(op, one_of(draw, "x @ y", "m.matmul(x, y)"), {"x": array(draw, sx), "y": array(draw, sy)})
    if op == "mm":
        form = one_of(draw, "x @ y", "m.mm(x, y)", "x.mm(y)", "m.matmul(x, y)", "linear")
        if form == "linear":
            return Case(op, "F.linear(x, w)", {"x": array(draw, (n, k)), "w": array(draw, (p, k))})
        return Case(op, form, {"x": array(draw, (n, k)), "y": array(draw, (k, p))})
    if op == "mv":
        code = one_of(draw, "x @ y", "m.mv(x, y)", "x.mv(y)", "m.matmul(x, y)")
        return Case(op, code, {"x": array(draw, (n, k)), "y": array(draw, (k,))})
    if op == "dot":
        code = one_of(draw, "x @ y", "m.dot(x, y)", "x.dot(y)", "m.matmul(x, y)")
        return Case(op, code, {"x": array(draw, (k,)), "y": array(draw, (k,))})
    if op == "bmm":
        code = one_of(draw, "x.bmm(y)", "x @ y", "x.matmul(y)")
        return Case(op, code, {"x": array(draw, (b, n, k)), "y": array(draw, (b, k, p))})
    bias = draw(st.sampled_from([(p,), (1,), ()]))
    inputs = {"x": array(draw, (n, k)), "w": array(draw, (p, k)), "b": array(draw, bias)}
    return Case(op, "F.linear(x, w, b)", inputs)


# -- reductions ------------------------------------------------------------------------------


def _dims_text(draw: Any, ndim: int) -> str:
    """One dim, or a tuple of distinct dims."""
    if ndim <= 1 or draw(st.booleans()):
        return str(dim_of(draw, ndim))
    chosen = draw(st.lists(st.integers(0, ndim - 1), min_size=1, max_size=ndim, unique=True))
    return "(" + ", ".join(str(d - ndim if draw(st.booleans()) else d) for d in chosen) + ",)"


@factory("sum", "sum_dim", "mean", "mean_dim")
def _reduce(draw: Any, op: str) -> Case:
    name = op.removesuffix("_dim")
    shape = draw(shapes())
    x = array(draw, shape)
    if op == name:
        forms = [f"x.{name}()", f"m.{name}(x)"] + (["x.sum_to_size(())"] if op == "sum" and shape else [])
        return Case(op, one_of(draw, *forms), {"x": x})
    dims = _dims_text(draw, len(shape))
    keep = draw(st.booleans())
    forms = [f"x.{name}({dims})", f"x.{name}(dim={dims}, keepdim={keep})", f"m.{name}(x, {dims}, {keep})"]
    if op == "sum_dim" and shape:
        target = tuple(1 if draw(st.booleans()) else n for n in shape)
        target = target[draw(st.integers(0, len(target))) :]
        if target not in (shape, ()):
            forms.append(f"x.sum_to_size({target})")
    return Case(op, one_of(draw, *forms), {"x": x})


@factory("max", "min", "max_dim", "min_dim")
def _extreme(draw: Any, op: str) -> Case:
    name = op.removesuffix("_dim")
    shape = draw(shapes())
    x = distinct(draw, shape)
    if op == name:
        return Case(op, one_of(draw, f"x.{name}()", f"m.{name}(x)"), {"x": x})
    d = dim_of(draw, len(shape))
    keep = draw(st.booleans())
    forms = (
        f"m.{name}(x, {d}).values",
        f"x.{name}(dim={d}, keepdim={keep})[0]",
        f"m.{name}(x, {d}, {keep}).values",
    )
    return Case(op, one_of(draw, *forms), {"x": x})


@factory("softmax", "log_softmax")
def _softmax(draw: Any, op: str) -> Case:
    shape = draw(shapes())
    d = dim_of(draw, len(shape))
    forms = (f"m.{op}(x, {d})", f"x.{op}({d})", f"F.{op}(x, dim={d})")
    return Case(op, one_of(draw, *forms), {"x": array(draw, shape, floats(-3.0, 3.0))})


# -- losses --------------------------------------------------------------------------------------

REDUCTIONS = st.sampled_from(["mean", "sum", "none"])


@factory("mse_loss")
def _mse_loss(draw: Any, op: str) -> Case:
    # Also broadcast shapes: the mean divides by the broadcast size (issue 14).
    if draw(st.booleans()):
        sx, sy = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3, max_side=3)).input_shapes
    else:
        sx = sy = draw(shapes())
    reduction = draw(REDUCTIONS)
    x, y = array(draw, sx), array(draw, sy)
    if draw(st.booleans()):
        target = f"m.tensor(np.array({y.tolist()!r}), dtype=x.dtype)"
        return Case(op, f"F.mse_loss(x, {target}, reduction={reduction!r})", {"x": x})
    return Case(op, f"F.mse_loss(x, y, reduction={reduction!r})", {"x": x, "y": y})


@factory("smooth_l1_loss", "huber_loss")
def _robust_loss(draw: Any, op: str) -> Case:
    # Differences on both sides of the threshold; none within 0.05 of it (the slope jumps there).
    shape = draw(shapes())
    reduction = draw(REDUCTIONS)
    width = draw(st.sampled_from([0.5, 1.0, 2.0]))
    x = array(draw, shape)
    y = np.asarray(x - array(draw, shape, away_from((-width, width), lo=-3.0, hi=3.0)))
    keyword = "beta" if op == "smooth_l1_loss" else "delta"
    if draw(st.booleans()):
        return Case(op, f"F.{op}(x, y, reduction={reduction!r}, {keyword}={width})", {"x": x, "y": y})
    target = f"m.tensor(np.array({y.tolist()!r}), dtype=x.dtype)"
    return Case(op, f"F.{op}(x, {target}, reduction={reduction!r}, {keyword}={width})", {"x": x})


def _class_options(draw: Any, classes: int, labels: np.ndarray) -> tuple[str, np.ndarray]:
    """Optional class weights and ignore_index (some label ignored), as keyword arguments."""
    options = ""
    if draw(st.booleans()):
        weights = np.round(np.array(draw(st.lists(floats(0.2, 2.0), min_size=classes, max_size=classes))), 2)
        options += f", weight=m.tensor({weights.tolist()!r}, dtype=x.dtype)"
    if labels.size > 1 and draw(st.booleans()):
        labels = labels.copy()
        labels.flat[draw(st.integers(0, labels.size - 1))] = -1
        options += ", ignore_index=-1"
    return options, labels


@factory("nll_loss")
def _nll_loss(draw: Any, op: str) -> Case:
    classes = draw(st.integers(1, 4))
    batch = draw(st.one_of(st.none(), st.integers(1, 4)))
    shape = (classes,) if batch is None else (batch, classes)
    labels = draw(
        hnp.arrays(np.int64, () if batch is None else (batch,), elements=st.integers(0, classes - 1))
    )
    reduction = draw(REDUCTIONS)
    options, labels = _class_options(draw, classes, labels) if batch is not None else ("", labels)
    loss = one_of(draw, "F.nll_loss", "F.cross_entropy")
    if loss == "F.cross_entropy" and draw(st.booleans()):
        options += ", label_smoothing=0.2"
    code = f"{loss}(x, {literal(labels)}, reduction={reduction!r}{options})"
    return Case(op, code, {"x": array(draw, shape)})


# -- nn: layers and losses (autograd_lab/ops/nn.py) -------------------------------------------------


@factory("nll_loss2d")
def _nll_loss2d(draw: Any, op: str) -> Case:
    # Scores (N, C, H, W), or (N, C, d) which PyTorch views as (N, C, 1, d).
    classes, batch = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    spatial = tuple(draw(st.lists(st.integers(1, 3), min_size=1, max_size=2)))
    labels = draw(hnp.arrays(np.int64, (batch, *spatial), elements=st.integers(0, classes - 1)))
    options, labels = _class_options(draw, classes, labels)
    loss = one_of(draw, "F.nll_loss", "F.cross_entropy")
    code = f"{loss}(x, {literal(labels)}, reduction={draw(REDUCTIONS)!r}{options})"
    return Case(op, code, {"x": array(draw, (batch, classes, *spatial))})


@factory("div_scalar")
def _div_scalar(draw: Any, op: str) -> Case:
    # Cross-entropy against class probabilities divides its sum by the number of rows (DivBackward1).
    shape = draw(st.sampled_from([(3,), (2, 3), (2, 3, 2)]))
    smoothing = one_of(draw, "", ", label_smoothing=0.1")
    code = f"F.cross_entropy(x, y.softmax({0 if len(shape) == 1 else 1}){smoothing})"
    return Case(op, code, {"x": array(draw, shape), "y": array(draw, shape)})


@factory("erf")
def _erf(draw: Any, op: str) -> Case:
    return Case(op, one_of(draw, "m.erf(x)", "x.erf()"), {"x": array(draw, draw(shapes()))})


@factory("gelu")
def _gelu(draw: Any, op: str) -> Case:
    code = one_of(draw, "F.gelu(x)", "F.gelu(x, approximate='tanh')", "F.gelu(x, approximate='none')")
    return Case(op, code, {"x": array(draw, draw(shapes()), floats(-3.0, 3.0))})


@factory("leaky_relu")
def _leaky_relu(draw: Any, op: str) -> Case:
    code = one_of(draw, "F.leaky_relu(x)", "F.leaky_relu(x, 0.2)", "F.leaky_relu(x, negative_slope=-0.5)")
    return Case(op, code, {"x": array(draw, draw(shapes()), NONZERO)})


def _weight_option(draw: Any, shape: tuple, name: str = "weight") -> str:
    """An optional per-element weight, broadcast from the last dimension."""
    if not shape or not draw(st.booleans()):
        return ""
    values = np.round(np.array(draw(st.lists(floats(0.2, 2.0), min_size=shape[-1], max_size=shape[-1]))), 2)
    return f", {name}=m.tensor({values.tolist()!r}, dtype=x.dtype)"


@factory("binary_cross_entropy")
def _binary_cross_entropy(draw: Any, op: str) -> Case:
    shape = draw(shapes())
    # (targets inside [0, 1] by more than a finite difference's step: outside it, PyTorch refuses them)
    x, y = array(draw, shape, floats(0.05, 0.95)), array(draw, shape, floats(0.01, 0.99))
    code = f"F.binary_cross_entropy(x, y, reduction={draw(REDUCTIONS)!r}{_weight_option(draw, shape)})"
    return Case(op, code, {"x": x, "y": y})


_ACTIVATION_OF = {
    "threshold_backward": "m.relu", "sigmoid_backward": "m.sigmoid", "tanh_backward": "m.tanh", "gelu_backward": "F.gelu",
}  # fmt: skip


@factory(*_ACTIVATION_OF)
def _activation_backward(draw: Any, op: str) -> Case:
    """An activation's recorded backward (a second derivative's first step): relu's passes ``g`` where its
    output is positive, σ's and tanh's multiply it by their slope."""
    shape = draw(shapes())
    g, y = array(draw, shape), array(draw, shape, NONZERO)
    return Case(op, f"activation_grad(m, {_ACTIVATION_OF[op]}, g, y)", {"g": g, "y": y})


@factory("binary_cross_entropy_with_logits")
def _binary_cross_entropy_with_logits(draw: Any, op: str) -> Case:
    shape = draw(shapes())
    x, y = array(draw, shape), array(draw, shape, floats(0.0, 1.0))
    options = _weight_option(draw, shape) + _weight_option(draw, shape, "pos_weight")
    code = f"F.binary_cross_entropy_with_logits(x, y, reduction={draw(REDUCTIONS)!r}{options})"
    return Case(op, code, {"x": x, "y": y})


def _window_options(draw: Any, size: tuple[int, int], dilation: bool = True) -> tuple[int, str]:
    """A kernel size that fits ``size`` and keyword arguments for stride, padding and dilation."""
    kernel = draw(st.integers(1, min(size)))
    options = ""
    if draw(st.booleans()):
        options += f", stride={draw(st.integers(1, 2))}"
    if kernel > 1 and draw(st.booleans()):
        options += f", padding={draw(st.integers(0, kernel // 2))}"
    if dilation and kernel > 1 and (kernel - 1) * 2 + 1 <= min(size) and draw(st.booleans()):
        options += ", dilation=2"
    return kernel, options


@factory("unfold", "fold")
def _unfold(draw: Any, op: str) -> Case:
    n, c = draw(st.integers(1, 2)), draw(st.integers(1, 2))
    size = (draw(st.integers(1, 4)), draw(st.integers(1, 4)))
    kernel, options = _window_options(draw, size)
    if op == "unfold":
        return Case(op, f"F.unfold(x, {kernel}{options})", {"x": array(draw, (n, c, *size))})
    # columns of the shape unfold gives, folded back into images of `size`
    columns = Case(op, f"F.unfold(x, {kernel}{options})", {"x": np.zeros((n, c, *size))})
    shape = tuple(columns(lab, lab.zeros(n, c, *size)).shape)
    return Case(op, f"F.fold(x, {size}, {kernel}{options})", {"x": array(draw, shape)})


@factory("conv2d")
def _conv2d(draw: Any, op: str) -> Case:
    groups = draw(st.sampled_from([1, 1, 2]))
    n, c, out = draw(st.integers(1, 2)), groups * draw(st.integers(1, 2)), groups * draw(st.integers(1, 2))
    size = (draw(st.integers(1, 4)), draw(st.integers(1, 4)))
    kernel, options = _window_options(draw, size)
    if "stride" not in options and draw(st.booleans()):
        options = one_of(draw, ", padding='same'", ", padding='valid'") + (
            ", dilation=2" if "dilation" in options else ""
        )
    inputs = {
        "x": array(draw, (n, c, *size)),
        "w": array(draw, (out, c // groups, kernel, draw(st.integers(1, kernel)))),
    }
    if draw(st.booleans()):
        inputs["b"] = array(draw, (out,))
    bias = ", b" if "b" in inputs else ""
    spelled = one_of(
        draw,
        f"F.conv2d(x, w{bias}{options}, groups={groups})",
        f"F.conv2d(x[0], w{bias}{options}, groups={groups})",
    )
    return Case(op, spelled, inputs)


@factory("max_pool2d", "avg_pool2d")
def _pool2d(draw: Any, op: str) -> Case:
    n, c = draw(st.integers(1, 2)), draw(st.integers(1, 2))
    size = (draw(st.integers(1, 4)), draw(st.integers(1, 4)))
    kernel, options = _window_options(draw, size, dilation=op == "max_pool2d")
    if draw(st.booleans()):
        options += ", ceil_mode=True"
    if op == "avg_pool2d" and draw(st.booleans()):
        options += one_of(draw, ", count_include_pad=False", ", divisor_override=3")
    shape = draw(st.sampled_from([(n, c, *size), (c, *size)]))
    code = f"F.{op}(x, {kernel}{options})"
    if op == "max_pool2d" and draw(st.booleans()):
        code = f"F.max_pool2d(x, {kernel}{options}, return_indices=True)[0]"
    return Case(op, code, {"x": distinct(draw, shape) if op == "max_pool2d" else array(draw, shape)})


@factory("adaptive_avg_pool2d")
def _adaptive_avg_pool2d(draw: Any, op: str) -> Case:
    # Outputs smaller and larger than the input (overlapping windows), None keeping a side; not (1, 1)
    # here, which PyTorch computes as a mean (tests/test_nn_functional.py checks that one).
    size = (draw(st.integers(1, 5)), draw(st.integers(1, 5)))
    out = draw(st.tuples(st.sampled_from([None, 1, 2, 3, 4]), st.integers(2, 4)))
    shape = draw(st.sampled_from([(draw(st.integers(1, 2)), 2, *size), (2, *size)]))
    spelled = one_of(draw, f"F.adaptive_avg_pool2d(x, {out})", f"m.nn.AdaptiveAvgPool2d({out})(x)")
    return Case(op, spelled, {"x": array(draw, shape)})


@factory("batch_norm")
def _batch_norm(draw: Any, op: str) -> Case:
    c = draw(st.integers(1, 3))
    shape = draw(st.sampled_from([(3, c), (2, c, 2), (2, c, 2, 2)]))
    inputs = {"x": distinct(draw, shape)}
    training = draw(st.booleans())
    # A weight always: PyTorch's second derivative fails without one (tests/test_nn_functional.py tries none).
    inputs["w"] = array(draw, (c,))
    if draw(st.booleans()):
        inputs["b"] = array(draw, (c,))
    weight = "w"
    bias = "b" if "b" in inputs else "None"
    if training:
        stats = (
            "None, None"
            if draw(st.booleans())
            else "m.zeros(x.shape[1], dtype=x.dtype), m.ones(x.shape[1], dtype=x.dtype)"
        )
        return Case(op, f"F.batch_norm(x, {stats}, {weight}, {bias}, training=True)", inputs)
    mean = literal(np.linspace(-0.5, 0.5, c))
    var = literal(np.linspace(0.5, 1.5, c))
    code = f"F.batch_norm(x, {mean}.to(x.dtype), {var}.to(x.dtype), {weight}, {bias}, eps=0.01)"
    return Case(op, code, inputs)


# -- random programs: chains of ops ---------------------------------------------------------------


@dataclass(frozen=True)
class Program:
    """Lines ``h = ...`` run in order from ``h = x``: a chain of ops, used like a Case."""

    lines: tuple[str, ...]
    inputs: dict[str, np.ndarray]
    eps: float = 1e-6
    atol: float = 1e-6
    float32_atol: float = 1e-6
    op: str = "program"
    _compiled: Any = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        source = "\n".join(["h = x", *(f"h = {line}" for line in self.lines)])
        object.__setattr__(self, "_compiled", compile(source, "<program>", "exec"))

    def __call__(self, m: Any, x: Any) -> Any:
        scope = {"m": m, "F": m.nn.functional, **HELPERS, "x": x}
        exec(self._compiled, scope)  # noqa: S102 - our own code
        return scope["h"]

    @property
    def code(self) -> str:
        return "; ".join(self.lines)

    def __str__(self) -> str:
        return f"Program({self.code!r}, x=np.array({self.inputs['x'].tolist()!r}))"

    __repr__ = __str__

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))


def _gaps_ok(h: np.ndarray, dim: int | None) -> bool:
    """No two values closer than 1e-3 along ``dim`` (so max and min have no ties)."""
    values = np.sort(h.reshape(-1) if dim is None else np.moveaxis(h, dim, -1), axis=-1)
    return values.shape[-1] < 2 or float(np.min(np.diff(values, axis=-1))) > 1e-3


def _steps(draw: Any, h: np.ndarray, x_shape: tuple) -> list[str]:
    """The steps that can follow a current value ``h`` (shape-compatible, in a smooth domain)."""
    s, nd, bound = h.shape, h.ndim, float(np.max(np.abs(h), initial=0.0))
    ints = st.integers
    d = draw(ints(-max(nd, 1), max(nd, 1) - 1))
    steps = [
        "h.sin()", "h.cos()", "h.tanh()", "h.sigmoid()", "-h", "1.5 - h", "h * 0.5", "h.clone()",
        "(h * h + 1).log()", "(h * h + 1).sqrt()", "h / (h * h + 1)", "h.sigmoid() ** 1.5",
        "2.0 ** h.tanh()", f"h.softmax({d})", f"h.log_softmax({d})",
        f"h.mean({d}, keepdim=True)", "h.mean()", "F.mse_loss(h, h.tanh())",
    ]  # fmt: skip
    if bound <= 2:
        steps += ["h * h", "h ** 3", f"h.sum({d})", f"h * h.sum({d}, keepdim=True)", "h.exp()", "h.sum()"]
    if np.min(np.abs(h), initial=1.0) > 0.05:
        steps += ["h.relu()", "h.abs()"]
    if np.min(np.abs(h), initial=1.0) > 0.3:
        steps.append("1 / h")
    if np.min(np.abs(np.abs(h) - 0.5), initial=1.0) > 0.05:
        steps.append("h.clamp(-0.5, 0.5)")
    if _gaps_ok(h, d if nd else None):
        steps += [f"m.max(h, {d}).values", f"h.min(dim={d}, keepdim=True)[0]"]
    if _gaps_ok(h, None):
        steps += ["h.max()", "m.min(h)"]
    try:
        np.broadcast_shapes(s, x_shape)
        k = x_shape[-1] if x_shape else 0
        mask_text = literal(
            np.array(draw(st.lists(st.booleans(), min_size=k, max_size=k)) if k else draw(st.booleans()))
        )
        steps += ["h + x", "h * x", "x - h", f"m.where({mask_text}, h, x)", "h / (x * x + 1)"]
    except ValueError:
        pass
    if nd < 3:
        steps += [
            f"h.unsqueeze({draw(ints(-nd - 1, nd))})",
            f"m.stack([h, h * 2], {draw(ints(-nd - 1, nd))})",
        ]
        steps.append(f"h.expand({', '.join(map(str, (2, *s)))})")
    if 1 in s:
        steps += ["h.squeeze()", f"h.squeeze({s.index(1)})"]
    if nd <= 2:
        steps.append("h.t()")
    if nd >= 1:
        n = s[0]
        i = draw(ints(-n, n - 1))
        a = draw(ints(0, n - 1))
        picks = draw(st.lists(ints(-n, n - 1), min_size=1, max_size=5))
        steps += [
            f"h[{i}]", f"h[{a}:]", "h[::2]", f"h[{literal(np.array(picks))}]", "h.flatten()",
            f"m.cat([h, h.sin()], {draw(ints(-nd, nd - 1))})", f"h.permute({', '.join(map(str, draw(st.permutations(range(nd)))))})",
            f"setitem(h, np.s_[{i}], h[{a}].tanh())", f"setitem(h, np.s_[{a}:], 0.5)",
            f"h.reshape({', '.join(map(str, reversed(s)))})",
        ]  # fmt: skip
        mask = draw(st.lists(st.booleans(), min_size=n, max_size=n).filter(any))
        steps.append(f"h[{literal(np.array(mask))}]")
    if nd >= 2:
        steps += [f"h.transpose({draw(ints(0, nd - 1))}, {draw(ints(-nd, -1))})", "h.mT"]
        if bound <= 2:
            steps += ["h @ h.mT", "h.mT @ h"]
    if nd == 2 and bound <= 2:
        steps += [
            "h @ h[0]",
            f"F.linear(h, m.tensor(np.array({np.linspace(-1, 1, s[1] * 2).reshape(2, s[1]).tolist()}), dtype=h.dtype), h[0, :1])",
        ]
        labels = np.array(draw(st.lists(ints(0, s[1] - 1), min_size=s[0], max_size=s[0])))
        steps.append(f"F.cross_entropy(h, {literal(labels)})")
    if nd == 1 and bound <= 2:
        steps.append("h @ h")
    return steps


@st.composite
def programs(draw: Any) -> Program:
    """A chain of 2 to 6 ops from ``h = x``, each drawn to fit the value before it."""
    x = array(draw, draw(shapes()), floats(-1.0, 1.0))
    lines: list[str] = []
    h = x
    for _ in range(draw(st.integers(2, 6))):
        line = draw(st.sampled_from(_steps(draw, h, x.shape)))
        lines.append(line)
        h = Program(tuple(lines), {"x": x})(lab, lab.tensor(x)).numpy()
        if h.size == 0:
            break
        if np.max(np.abs(h)) > 20:
            lines.append("h.tanh()")
            h = np.tanh(h)
    return Program(tuple(lines), {"x": x})


SEEDS = st.integers(0, 2**32 - 1)


def checked(max_examples: int) -> settings:
    """Hypothesis settings for the op tests: no deadline, no example database on disk."""
    return settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


# -- random graphs with branches, for the order of the backward pass ------------------------

GRAPH_STEPS = {  # each step: how many earlier values it takes (a, b, c, d; all of shape (2,)), and its code
    "add": (2, "m.add(a, b)"),
    "mul": (2, "m.mul(a, b)"),
    "sub": (2, "m.sub(a, b)"),
    "sin": (1, "m.sin(a)"),
    "tanh": (1, "m.tanh(a)"),
    # One node with three or four inputs: several leaves may be complete at once.
    "stack3": (3, "m.stack([a, b, c]).sum(0)"),
    "stack4": (4, "m.stack([a, b, c, d]).sum(0)"),
}


@dataclass(frozen=True)
class Graph:
    """``leaves`` leaves, then ``steps`` (a step name and the earlier values it uses); ``roots`` to differentiate."""

    leaves: int
    steps: tuple[tuple[str, tuple[int, ...]], ...]
    roots: tuple[int, ...]


@st.composite
def graphs(draw: Any) -> Graph:
    """1-5 leaves, 1-9 steps each on earlier values (reused freely), and 1-3 roots among all the values."""
    leaves = draw(st.integers(1, 5))
    steps = []
    for i in range(draw(st.integers(1, 9))):
        name = draw(st.sampled_from(sorted(GRAPH_STEPS)))
        arity = GRAPH_STEPS[name][0]
        steps.append((name, tuple(draw(st.integers(0, leaves + i - 1)) for _ in range(arity))))
    roots = draw(st.lists(st.integers(0, leaves + len(steps) - 1), min_size=1, max_size=3))  # may repeat
    return Graph(leaves, tuple(steps), tuple(roots))


def build_graph(m: Any, graph: Graph) -> tuple[list[Any], dict]:
    """The graph's values in module ``m``, and a name for each operation's node, the same in any module.

    An operation's node is named ("op", step, its class name); see node_name for leaves.
    """
    values = [
        m.tensor([0.5 + i, -0.25 * i], dtype=m.float64, requires_grad=True) for i in range(graph.leaves)
    ]
    names: dict = {}
    for step, (name, args) in enumerate(graph.steps):
        scope = {"m": m, **dict(zip("abcd", (values[i] for i in args), strict=False))}
        values.append(eval(GRAPH_STEPS[name][1], scope))  # noqa: S307 - our own code
        stack = [values[-1].grad_fn]
        while stack:  # name the nodes this step added
            node = stack.pop()
            if node is None or node in names:
                continue
            if getattr(node, "variable", None) is not None:
                continue  # a leaf's
            names[node] = ("op", step, type(node).__name__)
            stack.extend(child for child, _ in node.next_functions)
    return values, names


def node_name(node: Any, values: list[Any], names: dict) -> tuple:
    """A node's name from build_graph; a leaf's node is ("leaf", the leaf's index)."""
    variable = getattr(node, "variable", None)
    if variable is None:
        return names[node]
    return ("leaf", next(i for i, v in enumerate(values) if v is variable))


# -- norms and random draws (ops/norms.py, ops/sampling.py) -----------------------------------


def magnitudes(draw: Any, shape: tuple[int, ...]) -> np.ndarray:
    """Values at least 0.2 from 0 (the kink of |x|), with no two equal in size (no ties for inf-norms)."""
    sizes = distinct(draw, shape)
    sizes = 0.2 + sizes - sizes.min() if sizes.size else sizes
    signs = draw(hnp.arrays(np.bool_, shape))
    return np.where(signs, sizes, -sizes)


# Not ord=0: it counts nonzero elements and sends no gradient at all (tests/test_norms.py checks it).
NORM_ORDERS = st.sampled_from(["2", "1", "m.inf", "-m.inf", "3", "1.5", "0.5", "-1"])


@factory("linalg_vector_norm")
def _vector_norm(draw: Any, op: str) -> Case:
    shape = draw(shapes())
    x = magnitudes(draw, shape)
    p = draw(NORM_ORDERS)
    if draw(st.booleans()):  # over every element
        forms = ["x.norm()", "m.norm(x)", f"x.norm({p})", f"m.norm(x, p={p})", "x.norm('fro')",
                 "m.linalg.norm(x)", f"m.linalg.vector_norm(x, {p})"]  # fmt: skip
        if len(shape) in (1, 2):
            forms.append(f"m.linalg.norm(x, {p})" if len(shape) == 1 else "m.linalg.norm(x, 'fro')")
        if len(shape) >= 2:
            forms.append("m.linalg.matrix_norm(x)")
        return Case(op, one_of(draw, *forms), {"x": x})
    dims = _dims_text(draw, len(shape))
    keep = draw(st.booleans())
    forms = [f"x.norm({p}, dim={dims}, keepdim={keep})", f"m.norm(x, {p}, {dims}, {keep})",
             f"m.linalg.vector_norm(x, {p}, {dims}, {keep})"]  # fmt: skip
    if dims.count(",") <= 2:  # at most two dims: p='fro' is the 2-norm (with more, a matrix norm's error)
        forms.append(f"x.norm(dim={dims})")
    if len(shape) and "," not in dims:
        forms.append(f"m.linalg.norm(x, {p}, {dims}, keepdim={keep})")
    return Case(op, one_of(draw, *forms), {"x": x})


SEEDED = "generator=m.Generator().manual_seed({})"  # a fresh generator each call: the same draws every time


def seeded(draw: Any) -> str:
    return SEEDED.format(draw(st.integers(0, 2**32)))


@factory("uniform_", "normal_", "bernoulli_", "random_range_", "random_to_", "random_", "exponential_")
def _random_fill(draw: Any, op: str) -> Case:
    # In place on a computed tensor (x * 1.0 keeps x a leaf): the draw's node replaces its history,
    # and its derivative is 0.  A seeded generator makes every call give the same numbers.
    shape = draw(shapes(0, 3))
    arguments = {
        "uniform_": one_of(draw, "", "-1.0, 2.0", "0.5, 0.75"),
        "normal_": one_of(draw, "", "0.5, 2.0", "std=0.1"),
        "bernoulli_": one_of(draw, "", "0.3", "p=0.9"),
        "random_range_": one_of(draw, "-3, 7", "0, 2**20"),
        "random_to_": one_of(draw, "5", "to=100"),
        "random_": "",
        "exponential_": one_of(draw, "", "2.0", "lambd=0.5"),
    }[op]
    call = f"{arguments}, {seeded(draw)}" if arguments else seeded(draw)
    method = "random_" if op.startswith("random") else op
    return Case(op, f"(x * 1.0).{method}({call})", {"x": array(draw, shape)})


PROBABILITIES = floats(0.1, 0.9)


@factory("bernoulli", "bernoulli_tensor_")
def _bernoulli(draw: Any, op: str) -> Case:
    if op == "bernoulli":
        p = array(draw, draw(shapes()), PROBABILITIES)
        code = one_of(draw, f"m.bernoulli(p, {seeded(draw)})", f"p.bernoulli({seeded(draw)})")
        return Case(op, code, {"p": p})
    sx, sp = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3, max_side=4)).input_shapes
    shape = np.broadcast_shapes(sx, sp)  # x must hold p's shape: bernoulli_ expands p, never x
    inputs = {"x": array(draw, shape), "p": array(draw, sp, PROBABILITIES)}
    return Case(op, f"(x * 1.0).bernoulli_(p, {seeded(draw)})", inputs)


@factory("poisson")
def _poisson(draw: Any, op: str) -> Case:
    # PyTorch defines the derivative as 0, though the counts move with the rate: the rate reaches the op
    # multiplied by 0, so that finite differences see no move either (as for the normal draws below).
    rate = draw(st.sampled_from(["0.5", "3.0", "12.0"]))  # (below 10 and from 10 on: the two samplers)
    code = f"m.poisson(x * 0.0 + {rate}, {seeded(draw)})"
    return Case(op, code, {"x": array(draw, draw(shapes()))})


@factory("normal_mean", "normal_std", "normal_both")
def _normal(draw: Any, op: str) -> Case:
    # PyTorch defines these derivatives as 0, though the draws move with mean and std; finite
    # differences would see that move, so here the inputs reach the op multiplied by 0.
    # tests/test_random.py holds the zero rules against PyTorch's directly.
    generator = seeded(draw)
    if op == "normal_mean":
        return Case(op, f"m.normal(mean * 0.0, 2.0, {generator})", {"mean": array(draw, draw(shapes()))})
    if op == "normal_std":
        return Case(op, f"m.normal(0.5, std * 0.0 + 1.5, {generator})", {"std": array(draw, draw(shapes()))})
    sm, ss = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3, max_side=4)).input_shapes
    inputs = {"mean": array(draw, sm), "std": array(draw, ss)}
    return Case(op, f"m.normal(mean * 0.0, std * 0.0 + 1.5, {generator})", inputs)


import factories_linalg  # noqa: E402, F401
import factories_losses  # noqa: E402, F401
import factories_more_f  # noqa: E402, F401
import factories_more_g  # noqa: E402, F401
import factories_nn_more  # noqa: E402, F401
import factories_nn_seq  # noqa: E402, F401
import factories_reductions  # noqa: E402, F401
import factories_s5_en  # noqa: E402, F401
import factories_s5_zh  # noqa: E402, F401
import factories_s10_norms  # noqa: E402, F401
import factories_s10_param  # noqa: E402, F401
import factories_s10_pool  # noqa: E402, F401
import factories_s11  # noqa: E402, F401
import factories_s11_packed  # noqa: E402, F401
import factories_s12  # noqa: E402, F401
import factories_s12_methods  # noqa: E402, F401
import factories_s12_nn3d  # noqa: E402, F401
import factories_s13_fn  # noqa: E402, F401
import factories_shape  # noqa: E402, F401
import factories_special  # noqa: E402, F401
