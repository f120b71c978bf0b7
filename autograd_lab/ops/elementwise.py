"""Element-by-element operations: arithmetic, functions of one number, comparisons.

Each ``defop`` is one row of the op table: forward, PyTorch's node name, a
symbol for the pictures, and one derivative rule per input.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import messages
from ..tensor import Tensor
from ._core import NOT_DIFFERENTIABLE, apply, defop, defop_nograd, export, methods, rule, values_of

# -- arithmetic ---------------------------------------------------------------

add = defop(
    "add", "AddBackward0", "+", np.add, promotes=True,
    a=rule("∂(a+b)/∂a = 1", lambda grad: grad),
    b=rule("∂(a+b)/∂b = 1", lambda grad: grad),
)
sub = defop(
    "sub", "SubBackward0", "−", np.subtract, promotes=True,
    a=rule("∂(a−b)/∂a = 1", lambda grad: grad),
    b=rule("∂(a−b)/∂b = −1", lambda grad: -grad),
)
rsub = defop(
    "rsub", "RsubBackward1", "−", lambda a, other: np.subtract(other, a), promotes=True,
    a=rule("∂(c−a)/∂a = −1", lambda grad: -grad),
)
mul = defop(
    "mul", "MulBackward0", "×", np.multiply, public=True, promotes=True,
    a=rule("∂(a·b)/∂a = b", lambda grad, b: grad * b),
    b=rule("∂(a·b)/∂b = a", lambda grad, a: grad * a),
)
div = defop(
    "div", "DivBackward0", "÷", np.true_divide, public=True, promotes=True,
    a=rule("∂(a/b)/∂a = 1/b", lambda grad, b: grad / b),
    b=rule("∂(a/b)/∂b = −a/b²", lambda grad, a, b: -grad * ((a / b) / b)),  # PyTorch's order: no b² to underflow
)
div_scalar = defop(  # a tensor divided by a number inside PyTorch's C++ (mean's backward, cross_entropy)
    "div_scalar", "DivBackward1", "÷", lambda a, other: np.true_divide(a, other).astype(a.dtype, copy=False),
    a=rule("∂(a/c)/∂a = 1/c", lambda grad, other: div_scalar(grad, other=other)),
)
reciprocal = defop(
    "reciprocal", "ReciprocalBackward0", "1/·", lambda a: np.true_divide(1, a), promotes=True, public=True,
    a=rule("∂(1/a)/∂a = −1/a²", lambda grad, out: -grad * (out * out)),
)
neg = defop(
    "neg", "NegBackward0", "−", np.negative, public=True,
    a=rule("∂(−a)/∂a = −1", lambda grad: -grad),
)


def _pow_scalar_rule(grad: Tensor, a: Tensor, exponent: float) -> Tensor:
    """∂(aⁿ)/∂a = n·aⁿ⁻¹ (and 0 for n = 0, where aⁿ⁻¹ may not exist)."""
    if exponent == 0:
        return grad * 0
    return grad * (exponent * a ** (exponent - 1))


def _pow_exponent_rule(grad: Tensor, a: Any, b: Any, out: Tensor) -> Tensor:
    """∂(aᵇ)/∂b = aᵇ·ln a, taken as 0 where a = 0 and b ≥ 0 (as PyTorch does; −∞ for b < 0)."""
    if not isinstance(a, (Tensor, np.ndarray)):
        if a != 0:
            return grad * out * float(np.log(a))
        return grad * where(values_of(b) >= 0, 0.0, out * float("-inf"))
    return grad * where((values_of(a) == 0) & (values_of(b) >= 0), 0.0, out * log(a))


def _pow_base_rule(grad: Tensor, a: Tensor, b: Tensor) -> Tensor:
    """∂(aᵇ)/∂a = b·aᵇ⁻¹, taken as 0 where b = 0 (as PyTorch does)."""
    return where(values_of(b) == 0, 0.0, grad * b * a ** (b - 1))


def _pow_forward(a: np.ndarray, exponent: float) -> np.ndarray:
    """``a ** exponent`` as PyTorch's CPU kernel computes the common powers.

    x² is x·x, x³ is x·x·x, x⁻¹ is 1/x, x⁻² is 1/(x·x), x^-0.5 is 1/√x:
    the same bits as PyTorch on every CPU, where np.power's last bits vary
    with the SIMD path.  Other exponents go through np.power.
    """
    if isinstance(a, np.ndarray) and a.dtype.kind == "f":
        if exponent == 2:
            return a * a
        if exponent == 3:
            return a * a * a
        if exponent == -1:
            return np.true_divide(1, a)
        if exponent == -2:
            return np.true_divide(1, a * a)
        if exponent == -0.5:
            return np.true_divide(1, np.sqrt(a))
    return np.power(a, exponent)


pow_scalar = defop(
    "pow", "PowBackward0", "^", _pow_forward, promotes=True,
    a=rule("∂(aⁿ)/∂a = n·aⁿ⁻¹", _pow_scalar_rule),
)
pow_tensor = defop(
    "pow_tensor", "PowBackward1", "^", np.power, promotes=True,
    a=rule("∂(aᵇ)/∂a = b·aᵇ⁻¹", _pow_base_rule),
    b=rule("∂(aᵇ)/∂b = aᵇ·ln a", lambda grad, a, b, out: _pow_exponent_rule(grad, a, b, out)),
)
rpow = defop(
    "rpow", "PowBackward2", "^", lambda b, base: np.power(base, b), promotes=True,
    b=rule("∂(cᵇ)/∂b = cᵇ·ln c", lambda grad, b, base, out: _pow_exponent_rule(grad, base, b, out)),
)


def _scaled(other: Any, alpha: float) -> Any:
    """``alpha * other``: PyTorch's ``alpha=`` of add and sub (recorded as a product here)."""
    return other if alpha == 1 else other * alpha


@export(name="add")
def add_with_alpha(input: Tensor, other: Any, *, alpha: float = 1) -> Tensor:
    """``input + alpha * other``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.add(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 1.0]), alpha=10)
    tensor([11., 12.])
    """
    return add(input, _scaled(other, alpha))


@export(name="sub")
def sub_with_alpha(input: Tensor, other: Any, *, alpha: float = 1) -> Tensor:
    """``input - alpha * other``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.sub(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 1.0]), alpha=0.5)
    tensor([0.5000, 1.5000])
    """
    return sub(input, _scaled(other, alpha))


remainder_scalar = defop(
    "remainder", "RemainderBackward0", "mod", lambda a, other: np.mod(a, other), promotes=True,
    a=rule("∂(a mod c)/∂a = 1", lambda grad: grad),
)
remainder_tensor = defop(
    "remainder_tensor", "RemainderBackward1", "mod", np.mod, promotes=True,
    a=rule("∂(a mod b)/∂a = 1", lambda grad: grad),
    b=rule("∂(a mod b)/∂b = −⌊a/b⌋", lambda grad, a, b: -grad * floor(a / b)),
)
fmod_scalar = defop(
    "fmod", "FmodBackward0", "fmod", lambda a, other: np.fmod(a, other), promotes=True,
    a=rule("∂fmod(a, c)/∂a = 1", lambda grad: grad),
)
fmod_tensor = defop(
    "fmod_tensor", "FmodBackward1", "fmod", np.fmod, promotes=True,
    a=rule("∂fmod(a, b)/∂a = 1", lambda grad: grad),
    b=rule("∂fmod(a, b)/∂b = −trunc(a/b)", lambda grad, a, b: -grad * trunc(a / b)),
)


@export(method=True)
def remainder(input: Tensor, other: Any) -> Tensor:
    """The remainder of ``input / other``, with the sign of ``other`` (Python's ``%``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([-3.0, 3.0]) % 2
    tensor([1., 1.])
    """
    if isinstance(other, Tensor):
        return remainder_tensor(input, other)
    return remainder_scalar(input, other=other)


@export(method=True)
def fmod(input: Tensor, other: Any) -> Tensor:
    """The remainder of ``input / other``, with the sign of ``input`` (C's ``fmod``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.fmod(torch.tensor([-3.0, 3.0]), 2)
    tensor([-1.,  1.])
    """
    if isinstance(other, Tensor):
        return fmod_tensor(input, other)
    return fmod_scalar(input, other=other)


@export(method=True)
def square(input: Tensor) -> Tensor:
    """Each element squared: ``input ** 2`` (recorded as PowBackward0, as in PyTorch).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.square(torch.tensor([1.0, -3.0]))
    tensor([1., 9.])
    """
    return pow(input, 2)


@export
def pow(input: Tensor, exponent: Any) -> Tensor:
    """``input`` to the power ``exponent`` (either may be a tensor).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.pow(torch.tensor([2.0, 3.0]), 2)
    tensor([4., 9.])
    """
    if not isinstance(input, Tensor):
        return rpow(exponent, base=input)
    if isinstance(exponent, Tensor):
        return pow_tensor(input, exponent)
    return pow_scalar(input, exponent=exponent)


# -- functions of one number ----------------------------------------------------

exp = defop("exp", "ExpBackward0", "exp", np.exp, public=True, promotes=True,
            a=rule("∂(eᵃ)/∂a = eᵃ", lambda grad, out: grad * out))
log = defop("log", "LogBackward0", "log", np.log, public=True, promotes=True,
            a=rule("∂(ln a)/∂a = 1/a", lambda grad, a: grad / a))
sqrt = defop("sqrt", "SqrtBackward0", "√", np.sqrt, public=True, promotes=True,
             a=rule("∂(√a)/∂a = 1/(2√a)", lambda grad, out: grad / (2 * out)))
sign = defop("sign", "SignBackward0", "sign", lambda a: np.where(np.isnan(a), 0, np.sign(a)).astype(a.dtype), public=True,
             a=rule("∂(sign a)/∂a = 0", lambda grad: grad * 0))
abs = defop("abs", "AbsBackward0", "|·|", np.abs, public=True,  # noqa: A001 - PyTorch's name
            a=rule("∂|a|/∂a = sign(a)", lambda grad, a: grad * sign(a)))
sin = defop("sin", "SinBackward0", "sin", np.sin, public=True, promotes=True,
            a=rule("∂(sin a)/∂a = cos a", lambda grad, a: grad * cos(a)))
cos = defop("cos", "CosBackward0", "cos", np.cos, public=True, promotes=True,
            a=rule("∂(cos a)/∂a = −sin a", lambda grad, a: -grad * sin(a)))
tanh = defop("tanh", "TanhBackward0", "tanh", np.tanh, public=True, promotes=True,
             a=rule("∂(tanh a)/∂a = 1 − tanh²a", lambda grad, out: grad * (1 - out * out)))
expm1 = defop("expm1", "Expm1Backward0", "eᵃ−1", np.expm1, public=True, method=True, promotes=True,
              a=rule("∂(eᵃ − 1)/∂a = eᵃ", lambda grad, out: grad * (out + 1)))
log1p = defop("log1p", "Log1PBackward0", "ln(1+a)", np.log1p, public=True, method=True, promotes=True,
              a=rule("∂ln(1 + a)/∂a = 1/(1 + a)", lambda grad, a: grad / (a + 1)))
log2 = defop("log2", "Log2Backward0", "log₂", np.log2, public=True, method=True, promotes=True,
             a=rule("∂(log₂ a)/∂a = 1/(a ln 2)", lambda grad, a: grad / (a * _LN2)))
log10 = defop("log10", "Log10Backward0", "log₁₀", np.log10, public=True, method=True, promotes=True,
              a=rule("∂(log₁₀ a)/∂a = 1/(a ln 10)", lambda grad, a: grad / (a * _LN10)))
exp2 = defop("exp2", "Exp2Backward0", "2ᵃ", np.exp2, public=True, method=True, promotes=True,
             a=rule("∂(2ᵃ)/∂a = 2ᵃ ln 2", lambda grad, out: grad * (out * _LN2)))
rsqrt = defop("rsqrt", "RsqrtBackward0", "1/√", lambda a: np.true_divide(1, np.sqrt(a)), public=True,
              method=True, promotes=True,
              a=rule("∂(a^(−½))/∂a = −½·a^(−3/2)", lambda grad, out: -0.5 * grad * out * out * out))
tan = defop("tan", "TanBackward0", "tan", np.tan, public=True, method=True, promotes=True,
            a=rule("∂(tan a)/∂a = 1 + tan²a", lambda grad, out: grad * (1 + out * out)))
atan = defop("atan", "AtanBackward0", "atan", np.arctan, public=True, method=True, promotes=True,
             a=rule("∂(atan a)/∂a = 1/(1 + a²)", lambda grad, a: grad / (a * a + 1)))
asin = defop("asin", "AsinBackward0", "asin", np.arcsin, public=True, method=True, promotes=True,
             a=rule("∂(asin a)/∂a = 1/√(1 − a²)", lambda grad, a: grad / sqrt(1 - a * a)))
acos = defop("acos", "AcosBackward0", "acos", np.arccos, public=True, method=True, promotes=True,
             a=rule("∂(acos a)/∂a = −1/√(1 − a²)", lambda grad, a: -grad / sqrt(1 - a * a)))
sinh = defop("sinh", "SinhBackward0", "sinh", np.sinh, public=True, method=True, promotes=True,
             a=rule("∂(sinh a)/∂a = cosh a", lambda grad, a: grad * cosh(a)))
cosh = defop("cosh", "CoshBackward0", "cosh", np.cosh, public=True, method=True, promotes=True,
             a=rule("∂(cosh a)/∂a = sinh a", lambda grad, a: grad * sinh(a)))
# Steps: flat almost everywhere, so their derivative is taken as 0, as in PyTorch.
floor = defop("floor", "FloorBackward0", "⌊·⌋", np.floor, public=True, method=True,
              a=rule("∂⌊a⌋/∂a = 0", lambda grad: grad * 0))
ceil = defop("ceil", "CeilBackward0", "⌈·⌉", np.ceil, public=True, method=True,
             a=rule("∂⌈a⌉/∂a = 0", lambda grad: grad * 0))
round = defop("round", "RoundBackward0", "round", np.round, public=True, method=True,  # noqa: A001
              a=rule("∂round(a)/∂a = 0", lambda grad: grad * 0))
trunc = defop("trunc", "TruncBackward0", "trunc", np.trunc, public=True, method=True,
              a=rule("∂trunc(a)/∂a = 0", lambda grad: grad * 0))
frac = defop("frac", "FracBackward0", "frac", lambda a: a - np.trunc(a), public=True, method=True,
             a=rule("∂(a − trunc a)/∂a = 1", lambda grad: grad))

_LN2 = float(np.log(2.0))
_LN10 = float(np.log(10.0))


def _sigmoid_forward(a: np.ndarray) -> np.ndarray:
    # 1/(1+e^-a) overflows for very negative a; this form does not.
    e = np.exp(-np.abs(a))
    return np.where(a >= 0, 1 / (1 + e), e / (1 + e)).astype(np.result_type(a, np.float32))


sigmoid = defop("sigmoid", "SigmoidBackward0", "σ", _sigmoid_forward, public=True, promotes=True,
                a=rule("∂σ(a)/∂a = σ(a)(1 − σ(a))", lambda grad, out: grad * out * (1 - out)))
relu = defop("relu", "ReluBackward0", "relu", lambda a: np.maximum(a, 0), public=True,
             a=rule("∂relu(a)/∂a = 0 if a ≤ 0 else 1", lambda grad, out: grad * ~(values_of(out) <= 0)))


def _clamp_mask(a: Tensor, min: float | None, max: float | None) -> np.ndarray:
    """1 where min ≤ a ≤ max (the gradient passes), 0 where a was clipped."""
    values = values_of(a)
    inside = np.ones(np.shape(values), dtype=bool)
    if min is not None:
        inside &= values >= min
    if max is not None:
        inside &= values <= max
    return inside


clamp_op = defop(
    "clamp", "ClampBackward1", "clamp",
    lambda a, min, max: np.clip(a, min, max).astype(a.dtype, copy=False),
    a=rule("∂clamp(a)/∂a = 1 if min ≤ a ≤ max else 0",
           lambda grad, a, min, max: grad * _clamp_mask(a, min, max)),
)


@export
def clamp(input: Tensor, min: float | None = None, max: float | None = None) -> Tensor:
    """Clip every element into ``[min, max]``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.clamp(torch.tensor([-1.0, 0.5, 2.0]), 0, 1)
    tensor([0.0000, 0.5000, 1.0000])
    """
    if min is None and max is None:
        raise messages.error("clamp_no_bounds")
    integers = isinstance(input, Tensor) and input._array.dtype.kind in "iub"
    if integers and any(isinstance(bound, float) for bound in (min, max)):
        input = input.float()  # float bounds give a float result, as PyTorch's type promotion does
    return clamp_op(input, min=min, max=max)


where_op = defop(
    "where", "WhereBackward0", "where", np.where, promotes=True,
    a=NOT_DIFFERENTIABLE,
    b=rule("∂where(c, b, d)/∂b = 1 where c", lambda grad, a: where(a, grad, 0.0)),
    c=rule("∂where(c, b, d)/∂d = 1 where not c", lambda grad, a: where(a, 0.0, grad)),
)


@export
def where(condition: Tensor, input: Any = None, other: Any = None) -> Tensor | tuple[Tensor, ...]:
    """Pick from ``input`` where ``condition`` holds, else from ``other``.

    With the condition alone, the positions where it holds, one tensor per
    dimension (``torch.nonzero(condition, as_tuple=True)``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor([-1.0, 2.0])
    >>> torch.where(x > 0, x, 0.0)
    tensor([0., 2.])
    >>> torch.where(x > 0)
    (tensor([1]),)
    """
    if input is None and other is None:  # the positions where the condition holds: nonzero(as_tuple=True)
        return tuple(Tensor._wrap(p.astype(np.int64)) for p in np.nonzero(np.atleast_1d(values_of(condition))))
    return where_op(condition, input, other)


def _pick(grad: Tensor, a: Tensor, b: Tensor, loses: Any) -> Tensor:
    """PyTorch's rule for max(a, b) and min(a, b): the gradient where a input wins, half on a tie."""
    x, y = values_of(a), values_of(b)
    return where(loses(x, y), 0.0, where(x == y, grad / 2, grad))


maximum = defop(
    "maximum", "MaximumBackward0", "max", np.maximum, public=True, method=True, promotes=True,
    a=rule("∂max(a, b)/∂a = 1 where a > b, ½ where a = b", lambda grad, a, b: _pick(grad, a, b, np.less)),
    b=rule("∂max(a, b)/∂b = 1 where b > a, ½ where a = b", lambda grad, a, b: _pick(grad, a, b, np.greater)),
)
minimum = defop(
    "minimum", "MinimumBackward0", "min", np.minimum, public=True, method=True, promotes=True,
    a=rule("∂min(a, b)/∂a = 1 where a < b, ½ where a = b", lambda grad, a, b: _pick(grad, a, b, np.greater)),
    b=rule("∂min(a, b)/∂b = 1 where b < a, ½ where a = b", lambda grad, a, b: _pick(grad, a, b, np.less)),
)

clone = defop("clone", "CloneBackward0", "copy", np.copy, public=True,
              a=rule("∂a/∂a = 1", lambda grad: grad))

# -- comparisons and logic: results are bool, with no gradient -----------------------

eq = defop_nograd("eq", np.equal, public=True)
ne = defop_nograd("ne", np.not_equal, public=True)
lt = defop_nograd("lt", np.less, public=True)
le = defop_nograd("le", np.less_equal, public=True)
gt = defop_nograd("gt", np.greater, public=True)
ge = defop_nograd("ge", np.greater_equal, public=True)


@export
def allclose(input: Tensor, other: Tensor, rtol: float = 1e-05, atol: float = 1e-08, equal_nan: bool = False) -> bool:
    """Whether every element of ``input`` is close to ``other``: ``|input - other| <= atol + rtol * |other|``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.allclose(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.0 + 1e-7]))
    True
    >>> torch.allclose(torch.tensor([1.0]), torch.tensor([1.1]))
    False
    """
    for position, (name, value) in enumerate((("input", input), ("other", other)), 1):
        if not isinstance(value, Tensor):
            raise messages.error("allclose_not_tensor", name=name, position=position, type_name=type(value).__name__)
    return bool(np.allclose(input._array, other._array, rtol=rtol, atol=atol, equal_nan=equal_nan))


logical_and = defop_nograd("logical_and", np.logical_and, public=True)
logical_or = defop_nograd("logical_or", np.logical_or, public=True)
logical_not = defop_nograd("logical_not", np.logical_not, public=True)
bitwise_and = defop_nograd("bitwise_and", np.bitwise_and, public=True)
bitwise_or = defop_nograd("bitwise_or", np.bitwise_or, public=True)
bitwise_not = defop_nograd("bitwise_not", np.invert, public=True)


def _binary(op: Any) -> Any:
    # Operators call apply directly: `a * b` is the hottest path there is.
    return lambda self, other: apply(op, (self, other))


def _rdiv(self: Tensor, other: Any) -> Tensor:
    # other / self is other · (1/self) in PyTorch: a MulBackward0 after a ReciprocalBackward0.
    return mul(reciprocal(self), other)


def _rsub(self: Tensor, other: Any) -> Tensor:
    return rsub(self, other=other)


def _pow_method(self: Tensor, exponent: Any) -> Tensor:
    return pow(self, exponent)


def _rpow(self: Tensor, base: Any) -> Tensor:
    return rpow(self, base=base)


def _clamp_method(self: Tensor, min: float | None = None, max: float | None = None) -> Tensor:
    return clamp(self, min, max)


methods({
    # 2 + t and 2 * t are t + 2 and t * 2 in PyTorch: the tensor is the first input.
    "__add__": _binary(add), "__radd__": _binary(add), "add": add_with_alpha,
    "__sub__": _binary(sub), "__rsub__": _rsub, "sub": sub_with_alpha,
    "__mul__": _binary(mul), "__rmul__": _binary(mul), "mul": _binary(mul),
    "__truediv__": _binary(div), "__rtruediv__": _rdiv, "div": _binary(div), "reciprocal": reciprocal,
    "__pow__": _pow_method, "__rpow__": _rpow, "pow": _pow_method,
    "__neg__": neg, "neg": neg, "__mod__": remainder,
    "arctan": atan, "arcsin": asin, "arccos": acos,
    "exp": exp, "log": log, "sqrt": sqrt, "abs": abs, "__abs__": abs, "sign": sign,
    "sin": sin, "cos": cos, "tanh": tanh, "sigmoid": sigmoid, "relu": relu,
    "clamp": _clamp_method, "clip": _clamp_method, "clone": clone,
    "__eq__": _binary(eq), "__ne__": _binary(ne), "__lt__": _binary(lt),
    "__le__": _binary(le), "__gt__": _binary(gt), "__ge__": _binary(ge),
    "eq": _binary(eq), "ne": _binary(ne), "lt": _binary(lt), "le": _binary(le),
    "gt": _binary(gt), "ge": _binary(ge),
    "__and__": _binary(bitwise_and), "__or__": _binary(bitwise_or), "__invert__": bitwise_not,
    "logical_and": _binary(logical_and), "logical_or": _binary(logical_or),
    "logical_not": logical_not,
})
export(clamp, name="clip")
export(atan, name="arctan")
export(asin, name="arcsin")
export(acos, name="arccos")
