"""Element-by-element operations: arithmetic, functions of one number, comparisons.

Each ``defop`` is one row of the op table: forward, PyTorch's node name, a
symbol for the pictures, and one derivative rule per input.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import _views, messages
from .._dtype import casts_to, default_float
from .._fused import fma32, fma64
from .._grad_mode import _grad_mode
from .._memory_format import laid_out
from ..messages import errors
from ..tensor import INFERENCE, Tensor
from ._core import (
    NOT_DIFFERENTIABLE,
    OpDef,
    apply,
    by_keyword,
    defop,
    defop_nograd,
    export,
    keyword_names,
    methods,
    not_implemented,
    rule,
    values_of,
)

# -- arithmetic ---------------------------------------------------------------

_BOOL = np.dtype(np.bool_)


def _is_bool(value: Any) -> bool:
    """Whether an operand is a bool array or a Python bool (PyTorch wraps it as a bool tensor)."""
    return type(value) is bool or getattr(value, "dtype", None) is _BOOL


def _refuse_bool_subtraction(a: Any, b: Any) -> None:
    """PyTorch's sub_check: a bool operand of ``-`` is refused (a mask is flipped with ``~``)."""
    if _is_bool(a) and _is_bool(b):
        raise messages.error("bool_subtraction_both")
    if _is_bool(a) or _is_bool(b):
        raise messages.error("bool_subtraction")


def _subtract(a: Any, b: Any) -> np.ndarray:
    """a − b (an array and an array or a number, either side), bool operands refused as PyTorch refuses them."""
    _refuse_bool_subtraction(a, b)
    return np.subtract(a, b)


def _negative(a: np.ndarray) -> np.ndarray:
    """−a; PyTorch refuses a bool tensor."""
    if a.dtype is _BOOL:
        raise messages.error("bool_negation")
    return np.negative(a)


def _absolute(a: np.ndarray) -> np.ndarray:
    """|a|; PyTorch has no abs kernel for bool."""
    if getattr(a, "dtype", None) is _BOOL:  # (rules take numbers too)
        raise messages.error("abs_bool")
    return np.abs(a)


add = defop(
    "add", "AddBackward0", "+", np.add, promotes=True,
    a=rule("∂(a+b)/∂a = 1", lambda grad: grad),
    b=rule("∂(a+b)/∂b = 1", lambda grad: grad),
)
sub = defop(
    "sub", "SubBackward0", "−", _subtract, promotes=True,
    a=rule("∂(a−b)/∂a = 1", lambda grad: grad),
    b=rule("∂(a−b)/∂b = −1", lambda grad: -grad),
)
rsub = defop(
    "rsub", "RsubBackward1", "−", lambda a, other: _subtract(other, a), promotes=True,
    a=rule("∂(c−a)/∂a = −1", lambda grad: -grad),
)
mul = defop(
    "mul", "MulBackward0", "×", np.multiply, public=True, promotes=True,
    opmath=True,
    a=rule("∂(a·b)/∂a = b", lambda grad, b: grad * b),
    b=rule("∂(a·b)/∂b = a", lambda grad, a: grad * a),
)
div = defop(
    "div", "DivBackward0", "÷", np.true_divide, promotes=True,
    opmath=True,
    a=rule("∂(a/b)/∂a = 1/b", lambda grad, b: grad / b),
    b=rule("∂(a/b)/∂b = −a/b²", lambda grad, a, b: -grad * ((a / b) / b)),  # PyTorch's order: no b² to underflow
)
div_scalar = defop(  # a tensor divided by a number inside PyTorch's C++ (mean's backward, cross_entropy)
    "div_scalar", "DivBackward1", "÷", lambda a, other: np.true_divide(a, other).astype(a.dtype, copy=False),
    opmath=True,
    a=rule("∂(a/c)/∂a = 1/c", lambda grad, other: div_scalar(grad, other=other)),
)
reciprocal = defop(
    "reciprocal", "ReciprocalBackward0", "1/·", lambda a: np.true_divide(1, a), promotes=True, public=True,
    a=rule("∂(1/a)/∂a = −1/a²", lambda grad, out: -grad * (out * out)),
)
neg = defop(
    "neg", "NegBackward0", "−", _negative, public=True,
    a=rule("∂(−a)/∂a = −1", lambda grad: -grad),
)


def _pow_scalar_rule(grad: Tensor, a: Tensor, exponent: float) -> Tensor:
    """∂(aⁿ)/∂a = n·aⁿ⁻¹ (and 0 for n = 0, where aⁿ⁻¹ may not exist)."""
    if exponent == 0:
        return grad * 0
    # (pow_scalar, not **: in a backward pass that is not recorded `a` is an array, and NumPy's ** rounds
    # x⁻² and x² otherwise than PyTorch's kernel, which _pow_forward follows)
    return grad * (exponent * pow_scalar(a, exponent=exponent - 1))


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

    x² is x·x, x³ is x·x·x, x⁻¹ is 1/x, x⁻² is 1/(x·x), x^0.5 is √x, x^-0.5 is
    1/√x: the same bits as PyTorch on every CPU, where np.power's last bits
    vary with the SIMD path.  Other powers of float32 (and float16) values are
    computed in float64 and rounded once, as PyTorch's vectorised pow nearly
    always rounds them (its bits for about 99% of values, NumPy's float32
    ``power`` for 80%).
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
        if exponent == 0.5:
            return np.sqrt(a)
        if exponent == -0.5:
            return np.true_divide(1, np.sqrt(a))
        if a.dtype in _ROUNDED_ONCE and isinstance(exponent, (int, float)):
            with np.errstate(over="ignore", under="ignore", invalid="ignore"):  # (inf, 0 and nan, as PyTorch)
                return np.power(a, exponent, dtype=np.float64).astype(a.dtype)
    if isinstance(exponent, int) and exponent < 0 and np.asarray(a).dtype.kind in "iu":
        raise messages.error("integer_negative_power")
    return _power(a, exponent)


def _power(base: Any, exponent: Any, order: str = "K") -> np.ndarray:
    """``base ** exponent`` elementwise (laid out in ``order``, NumPy's); for integers, PyTorch's ``powi``:
    a negative exponent gives 0, or ±1 for a base of ±1 (NumPy refuses it)."""
    base_values, exponent_values = np.asarray(base), np.asarray(exponent)
    if base_values.dtype.kind not in "iu" or exponent_values.dtype.kind not in "iu":
        return np.power(base, exponent, order=order)
    negative = exponent_values < 0
    if not negative.any():
        return np.power(base, exponent, order=order)
    powers = np.power(base_values, np.where(negative, 0, exponent_values))
    odd = exponent_values % 2 == 1
    beyond_one = np.where(base_values == 1, 1, np.where(base_values == -1, np.where(odd, -1, 1), 0))
    return np.where(negative, beyond_one, powers).astype(powers.dtype)


pow_scalar = defop(
    "pow", "PowBackward0", "^", _pow_forward, promotes=True,
    a=rule("∂(aⁿ)/∂a = n·aⁿ⁻¹", _pow_scalar_rule),
)
pow_tensor = defop(
    "pow_tensor", "PowBackward1", "^", _power, promotes=True,
    a=rule("∂(aᵇ)/∂a = b·aᵇ⁻¹", _pow_base_rule),
    b=rule("∂(aᵇ)/∂b = aᵇ·ln a", lambda grad, a, b, out: _pow_exponent_rule(grad, a, b, out)),
)
pow_tensor.saved_rule_names = {"self": "a", "exponent": "b", "result": "out"}
rpow = defop(
    "rpow", "PowBackward2", "^", lambda b, base: _power(base, b, order="C"), promotes=True,  # contiguous, as PyTorch makes it
    b=rule("∂(cᵇ)/∂b = cᵇ·ln c", lambda grad, b, base, out: _pow_exponent_rule(grad, base, b, out)),
)


# PyTorch's deprecated overloads that put the number first, what they stand for: x.add_(2, y) is
# x.add_(y, alpha=2), torch.addcmul(x, 0.5, a, b) is torch.addcmul(x, a, b, value=0.5) (old lessons write them).
_NUMBER_FIRST = {
    "add": ("alpha", ("other",)), "sub": ("alpha", ("other",)),
    "addcmul": ("value", ("tensor1", "tensor2")), "addcdiv": ("value", ("tensor1", "tensor2")),
}


OPERANDS = (Tensor, bool, int, float, complex, np.generic, np.ndarray)
"""What an operator takes as the other operand: PyTorch's take a tensor or a number.

A NumPy array is taken too: PyTorch leaves ``x + array`` to NumPy's reflected operator (a float64
result from a float64 array, an error for an ``x`` that requires grad), but the op table's own
rules multiply recorded tensors by arrays (a loss's ``weight``) in a ``create_graph`` pass."""


_NUMBERS_OR_TENSORS = (Tensor, bool, int, float, complex, np.generic)
"""What a method takes as ``other`` (``x.add_(y)``): a NumPy array is refused there, as PyTorch refuses it."""


def check_other(function: str, other: Any, position: int | None) -> None:
    """PyTorch's TypeError for an ``other`` that is neither a tensor nor a number: ``w.data.sub_(w.grad)``
    before any backward() (``w.grad`` is None), ``x.mul_('a')``.  ``position`` None: given by keyword."""
    if not isinstance(other, _NUMBERS_OR_TENSORS):
        where = "" if position is None else f" (position {position})"
        raise messages.error("other_not_operand", function=function, position=where, type_name=messages.type_name(other))


def _old_overload(function: Any, name: str, method: bool) -> Any:
    """``function`` that also takes PyTorch's deprecated number-first form, with PyTorch's warning (once)."""
    number, tensors = _NUMBER_FIRST[name.rstrip("_")]
    tensor_params = ", ".join(f"Tensor {t}" for t in tensors)
    old, new = f"Number {number}, {tensor_params}", f"{tensor_params}, *, Number {number} = 1"
    if not method:
        old, new = f"Tensor input, {old}, *, Tensor out = None", f"Tensor input, {new}, Tensor out = None"

    def overloaded(input: Tensor, *args: Any, **kwargs: Any) -> Tensor:
        if tensors == ("other",) and (args or "other" in kwargs):  # (add, sub: checked before anything else)
            check_other(name, args[0] if args else kwargs["other"], None if not args else 1 if method else 2)
        if (
            len(args) == len(tensors) + 1
            and isinstance(args[0], (int, float))
            and not isinstance(args[0], bool)
            and all(isinstance(a, Tensor) for a in args[1:])
        ):
            messages.warn_once("deprecated_number_first", stacklevel=None, name=name, old=old, new=new)
            return function(input, *args[1:], **{number: args[0]}, **kwargs)
        return function(input, *args, **kwargs)

    overloaded.__name__, overloaded.__doc__, overloaded.__wrapped__ = name, function.__doc__, function
    return overloaded


def _named(function: Any, name: str) -> Any:
    function.__name__ = name
    return function


def _scaled(other: Any, alpha: float) -> Any:
    """``alpha * other``: PyTorch's ``alpha=`` of add and sub (recorded as a product here)."""
    return other if alpha == 1 else other * alpha


def add_with_alpha(input: Tensor, other: Any, *, alpha: float = 1) -> Tensor:
    """``input + alpha * other`` (``out=``: see autograd_lab._out).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.add(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 1.0]), alpha=10)
    tensor([11., 12.])
    >>> result = torch.empty(2)
    >>> torch.add(torch.tensor([1.0, 2.0]), 1, out=result) is result
    True
    """
    return add(input, _scaled(other, alpha))


def sub_with_alpha(input: Tensor, other: Any, *, alpha: float = 1) -> Tensor:
    """``input - alpha * other``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.sub(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 1.0]), alpha=0.5)
    tensor([0.5000, 1.5000])
    """
    _refuse_bool_subtraction(values_of(input), values_of(other))  # (before alpha scales a bool into numbers)
    return sub(input, _scaled(other, alpha))


export(_old_overload(add_with_alpha, "add", method=False), name="add")
export(_old_overload(sub_with_alpha, "sub", method=False), name="sub")


def _remainder(a: Any, b: Any) -> np.ndarray:
    """a mod b with the divisor's sign, as PyTorch's kernel: fmod, then + b where the signs differ
    (so −2 mod 2 is −0, where NumPy's mod gives 0)."""
    mod = np.fmod(a, b)
    return np.where((mod != 0) & ((np.asarray(b) < 0) != (mod < 0)), mod + b, mod)


remainder_scalar = defop(
    "remainder", "RemainderBackward0", "mod", lambda a, other: _remainder(a, other), promotes=True,
    a=rule("∂(a mod c)/∂a = 1", lambda grad: grad),
)
remainder_tensor = defop(
    "remainder_tensor", "RemainderBackward1", "mod", _remainder, promotes=True,
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
    if isinstance(exponent, np.ndarray) and exponent.ndim:  # (x ** array: elementwise, as NumPy would)
        return pow_tensor(input, Tensor._wrap(exponent))
    return pow_scalar(input, exponent=exponent)


# -- functions of one number ----------------------------------------------------


_ROUNDED_ONCE = (np.dtype(np.float32), np.dtype(np.float16))


def _rounded_once(function: Any) -> Any:
    """``function`` of a float32 (or float16) array computed in float64 and rounded once.

    PyTorch's vectorised exp, log, tanh, sin ... (SLEEF) are within one unit
    in the last place and mostly correctly rounded; NumPy's float32 versions
    are less exact, and their last bits change with the CPU's SIMD path.
    Rounding the float64 value once gives the correctly rounded result
    nearly always, on every CPU, and PyTorch's bits for about 99% of inputs
    (NumPy's own float32 ``exp`` gives them for 60%).
    """

    def forward(a: Any) -> Any:
        if getattr(a, "dtype", None) in _ROUNDED_ONCE:
            with np.errstate(over="ignore", under="ignore"):  # beyond float32: inf or 0, as in PyTorch
                return function(a, dtype=np.float64).astype(a.dtype)
        return function(a)

    forward.__name__ = function.__name__
    return forward


_exp_rounded = _rounded_once(np.exp)


exp = defop("exp", "ExpBackward0", "exp", _exp_rounded, public=True, promotes=True,
            a=rule("∂(eᵃ)/∂a = eᵃ", lambda grad, out: grad * out))
_log_rounded = _rounded_once(np.log)
log = defop("log", "LogBackward0", "log", _log_rounded, public=True, promotes=True,
            a=rule("∂(ln a)/∂a = 1/a", lambda grad, a: grad / a))
sqrt = defop("sqrt", "SqrtBackward0", "√", np.sqrt, public=True, promotes=True,
             a=rule("∂(√a)/∂a = 1/(2√a)", lambda grad, out: grad / (2 * out)))
sign = defop("sign", "SignBackward0", "sign", lambda a: np.where(np.isnan(a), 0, np.sign(a)).astype(a.dtype), public=True,
             a=rule("∂(sign a)/∂a = 0", lambda grad: grad * 0))
abs = defop("abs", "AbsBackward0", "|·|", _absolute, public=True,  # noqa: A001 - PyTorch's name
            a=rule("∂|a|/∂a = sign(a)", lambda grad, a: grad * sign(a)))
sin = defop("sin", "SinBackward0", "sin", _rounded_once(np.sin), public=True, promotes=True,
            a=rule("∂(sin a)/∂a = cos a", lambda grad, a: grad * cos(a)))
cos = defop("cos", "CosBackward0", "cos", _rounded_once(np.cos), public=True, promotes=True,
            a=rule("∂(cos a)/∂a = −sin a", lambda grad, a: -grad * sin(a)))
def _one_minus_square(out: Any) -> Any:
    """1 − y², as PyTorch's tanh backward kernel computes it: one fused multiply-add, one rounding
    (so ``x.grad == (1 - y**2) * g`` is False there, and in Karpathy's "backprop ninja" lesson too)."""
    fused = _FUSED.get(out.dtype) if type(out) is np.ndarray else None
    return 1 - out * out if fused is None else fused(-out, out, 1)


_FUSED = {np.dtype(np.float32): fma32, np.dtype(np.float64): fma64}

_tanh_rounded = _rounded_once(np.tanh)
tanh = defop("tanh", "TanhBackward0", "tanh", _tanh_rounded, public=True, promotes=True,
             a=rule("∂(tanh a)/∂a = 1 − tanh²a", lambda grad, out: backward_op(tanh_backward, grad, out)))
expm1 = defop("expm1", "Expm1Backward0", "eᵃ−1", _rounded_once(np.expm1), public=True, method=True, promotes=True,
              a=rule("∂(eᵃ − 1)/∂a = eᵃ", lambda grad, out: grad * (out + 1)))
_log1p_rounded = _rounded_once(np.log1p)
log1p = defop("log1p", "Log1PBackward0", "ln(1+a)", _log1p_rounded, public=True, method=True, promotes=True,
              a=rule("∂ln(1 + a)/∂a = 1/(1 + a)", lambda grad, a: grad / (a + 1)))
log2 = defop("log2", "Log2Backward0", "log₂", _rounded_once(np.log2), public=True, method=True, promotes=True,
             a=rule("∂(log₂ a)/∂a = 1/(a ln 2)", lambda grad, a: grad / (a * _LN2)))
log10 = defop("log10", "Log10Backward0", "log₁₀", _rounded_once(np.log10), public=True, method=True, promotes=True,
              a=rule("∂(log₁₀ a)/∂a = 1/(a ln 10)", lambda grad, a: grad / (a * _LN10)))
exp2 = defop("exp2", "Exp2Backward0", "2ᵃ", np.exp2, public=True, method=True, promotes=True,
             a=rule("∂(2ᵃ)/∂a = 2ᵃ ln 2", lambda grad, out: grad * (out * _LN2)))
rsqrt = defop("rsqrt", "RsqrtBackward0", "1/√", lambda a: np.true_divide(1, np.sqrt(a)), public=True,
              method=True, promotes=True,
              a=rule("∂(a^(−½))/∂a = −½·a^(−3/2)",  # (PyTorch's formula: −0.5·grad·result³, result³ = r·r·r)
                     lambda grad, out: -0.5 * grad * pow_scalar(out, exponent=3)))
tan = defop("tan", "TanBackward0", "tan", _rounded_once(np.tan), public=True, method=True, promotes=True,
            a=rule("∂(tan a)/∂a = 1 + tan²a", lambda grad, out: grad * (1 + out * out)))
atan = defop("atan", "AtanBackward0", "atan", _rounded_once(np.arctan), public=True, method=True, promotes=True,
             a=rule("∂(atan a)/∂a = 1/(1 + a²)", lambda grad, a: grad / (a * a + 1)))
asin = defop("asin", "AsinBackward0", "asin", _rounded_once(np.arcsin), public=True, method=True, promotes=True,
             a=rule("∂(asin a)/∂a = 1/√(1 − a²)", lambda grad, a: grad / sqrt(1 - a * a)))
acos = defop("acos", "AcosBackward0", "acos", _rounded_once(np.arccos), public=True, method=True, promotes=True,
             a=rule("∂(acos a)/∂a = −1/√(1 − a²)", lambda grad, a: -grad / sqrt(1 - a * a)))
sinh = defop("sinh", "SinhBackward0", "sinh", _rounded_once(np.sinh), public=True, method=True, promotes=True,
             a=rule("∂(sinh a)/∂a = cosh a", lambda grad, a: grad * cosh(a)))
cosh = defop("cosh", "CoshBackward0", "cosh", _rounded_once(np.cosh), public=True, method=True, promotes=True,
             a=rule("∂(cosh a)/∂a = sinh a", lambda grad, a: grad * sinh(a)))
# (the rules as PyTorch's derivatives.yaml rounds them: grad · rsqrt(a² ± 1), grad · 1 / (1 − a²))
asinh = defop("asinh", "AsinhBackward0", "asinh", _rounded_once(np.arcsinh), public=True, method=True, promotes=True,
              a=rule("∂(asinh a)/∂a = 1/√(a² + 1)", lambda grad, a: grad * rsqrt(a * a + 1)))
acosh = defop("acosh", "AcoshBackward0", "acosh", _rounded_once(np.arccosh), public=True, method=True, promotes=True,
              a=rule("∂(acosh a)/∂a = 1/√(a² − 1)", lambda grad, a: grad * rsqrt(a * a - 1)))
atanh = defop("atanh", "AtanhBackward0", "atanh", _rounded_once(np.arctanh), public=True, method=True, promotes=True,
              a=rule("∂(atanh a)/∂a = 1/(1 − a²)", lambda grad, a: grad / (1 - a * a)))
# Steps: flat almost everywhere, so their derivative is taken as 0, as in PyTorch.
floor = defop("floor", "FloorBackward0", "⌊·⌋", np.floor, public=True, method=True,
              a=rule("∂⌊a⌋/∂a = 0", lambda grad: grad * 0))
ceil = defop("ceil", "CeilBackward0", "⌈·⌉", np.ceil, public=True, method=True,
             a=rule("∂⌈a⌉/∂a = 0", lambda grad: grad * 0))
round_op = defop("round", "RoundBackward0", "round", np.round,
                 a=rule("∂round(a)/∂a = 0", lambda grad: grad * 0))
trunc = defop("trunc", "TruncBackward0", "trunc", np.trunc, public=True, method=True,
              a=rule("∂trunc(a)/∂a = 0", lambda grad: grad * 0))
frac = defop("frac", "FracBackward0", "frac", lambda a: a - np.trunc(a), public=True, method=True,
             a=rule("∂(a − trunc a)/∂a = 1", lambda grad: grad))

_LN2 = float(np.log(2.0))
_LN10 = float(np.log(10.0))


def _kernel_sigmoid(a: np.ndarray) -> np.ndarray:
    """1/(1 + exp(−a)), each step rounded to the dtype, as PyTorch's kernels write σ (sigmoid, SiLU, Mish)."""
    one = a.dtype.type(1)
    with np.errstate(over="ignore"):
        return one / (one + _exp_rounded(-a))


def _sigmoid_forward(a: np.ndarray) -> np.ndarray:
    if a.dtype.kind in "biu":  # (bool and integers: σ of the default float dtype, as PyTorch promotes them)
        a = a.astype(default_float().numpy)
    if a.dtype in _ROUNDED_ONCE:  # PyTorch's kernel, in float32 (float16 too, rounded at the end)
        return _kernel_sigmoid(a.astype(np.float32)).astype(a.dtype)
    # 1/(1+e^-a) overflows for very negative a; this form does not.
    e = np.exp(-np.abs(a))
    return np.where(a >= 0, 1 / (1 + e), e / (1 + e)).astype(np.result_type(a, np.float32))


sigmoid = defop("sigmoid", "SigmoidBackward0", "σ", _sigmoid_forward, public=True, promotes=True,
                a=rule("∂σ(a)/∂a = σ(a)(1 − σ(a))", lambda grad, out: backward_op(sigmoid_backward, grad, out)))


# -- activations' backward passes as ops of their own, where PyTorch records them so (create_graph) ------------
# (PyTorch's ...BackwardBackward0 nodes, named so in the pictures: linear in the gradient ``a``.)


def backward_op(op: OpDef, grad: Any, x: Any, **params: Any) -> Any:
    """``op`` (an activation's backward op) on ``grad`` and the saved ``x``: its NumPy forward in a plain
    backward pass, recorded as a node in a create_graph one."""
    return op.forward(grad, x, **params) if type(grad) is np.ndarray else op(grad, x, **params)


sigmoid_backward = defop(
    "sigmoid_backward", "SigmoidBackwardBackward0", "σ′", lambda a, b: a * (1 - b) * b,  # (PyTorch's order)
    a=rule("∂(g·(1 − y)·y)/∂g = (1 − y)·y", lambda grad, b: backward_op(sigmoid_backward, grad, b)),
    b=rule("∂(g·(1 − y)·y)/∂y = g·(1 − 2y)", lambda grad, a, b: grad * a * (-2 * b + 1)),
)  # fmt: skip
sigmoid_backward.saved_rule_names = {"grad_output": "a", "output": "b"}
tanh_backward = defop(
    "tanh_backward", "TanhBackwardBackward0", "tanh′", lambda a, b: a * _one_minus_square(b),
    a=rule("∂(g·(1 − y²))/∂g = 1 − y²", lambda grad, b: backward_op(tanh_backward, grad, b)),
    b=rule("∂(g·(1 − y²))/∂y = −2·y·g", lambda grad, a, b: grad * (-2 * b * a)),
)  # fmt: skip
tanh_backward.saved_rule_names = {"grad_output": "a", "output": "b"}


def _zero_where(mask: np.ndarray, grad: Any) -> Any:
    """``grad`` with 0 where ``mask`` holds: PyTorch's ``threshold_backward`` writes +0 there.

    ``grad * ~mask`` would give -0 under a negative gradient, and NaN under a
    NaN one; clearing the bits gives +0 and keeps every other value as it is.
    """
    if type(grad) is not np.ndarray or grad.dtype.kind != "f":
        return grad * ~mask  # a recorded backward (create_graph): an op of the graph
    keep = mask.astype(np.dtype(f"i{grad.itemsize}"))
    keep -= 1  # all bits set where the gradient passes, none where it is cleared
    # Into keep (unless a 0-d mask made it a scalar): a second new array of the gradient's size
    # cost 6-15 µs in bench_core's MLP step.
    into = keep if type(keep) is np.ndarray else None
    return np.bitwise_and(grad.view(keep.dtype), keep, out=into).view(grad.dtype)


def _relu_rule(grad: Any, out: Any) -> Any:
    """``grad`` where relu's output is positive, else 0: PyTorch's ``threshold_backward(grad, out, 0)``, a node
    of its own when the backward pass is recorded (so a second derivative through relu is 0, not missing)."""
    if type(grad) is np.ndarray:
        return _zero_where(out <= 0, grad)
    return threshold_backward(grad, out)


def _zeros_for(grad: Any) -> Any:
    """Zeros of ``grad``'s shape and dtype: a tensor in a recorded backward pass, else an array."""
    zeros = np.zeros_like(values_of(grad))
    return Tensor._wrap(zeros) if isinstance(grad, Tensor) else zeros


threshold_backward = defop(
    "threshold_backward", "ThresholdBackwardBackward0", "[>0]", lambda a, b: _zero_where(np.asarray(b) <= 0, a),
    a=rule("∂(a·[b > 0])/∂a = [b > 0]", lambda grad, b: _relu_rule(grad, b)),
    b=rule("∂(a·[b > 0])/∂b = 0", lambda grad, b: _zeros_for(b)),
)
threshold_backward.saved_rule_names = {"grad_output": "a", "self": "b"}
# (0 first: relu(-0.) is -0., as PyTorch's max keeps it; NumPy gives its first argument for equal zeros)
relu = defop("relu", "ReluBackward0", "relu", lambda a: np.maximum(0, a), public=True,
             a=rule("∂relu(a)/∂a = 0 if a ≤ 0 else 1", _relu_rule))


def clamped(a: np.ndarray, min: float | None, max: float | None) -> np.ndarray:
    """min(max(a, min), max), as PyTorch's clamp: NaN stays NaN, and -0. stays -0. at a bound of 0 (NumPy's
    ``clip`` gives +0.; its ``maximum`` keeps its second argument of two equal zeros)."""
    out = a if min is None else np.maximum(min, a)
    out = out if max is None else np.minimum(max, out)
    return a.copy() if out is a else np.asarray(out, dtype=a.dtype)  # (never the input itself)


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
    lambda a, min, max: clamped(a, min, max),
    a=rule("∂clamp(a)/∂a = 1 if min ≤ a ≤ max else 0",
           lambda grad, a, min, max: grad * _clamp_mask(a, min, max)),
)


@export
def clamp(input: Tensor, min: Any = None, max: Any = None) -> Tensor:
    """Clip every element into ``[min, max]`` (numbers, or tensors broadcast against ``input``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.clamp(torch.tensor([-1.0, 0.5, 2.0]), 0, 1)
    tensor([0.0000, 0.5000, 1.0000])
    """
    if min is None and max is None:
        raise messages.error("clamp_no_bounds")
    if isinstance(min, Tensor) or isinstance(max, Tensor):  # bounds element by element
        if not all(bound is None or isinstance(bound, Tensor) for bound in (min, max)):
            raise messages.error("clamp_mixed_bounds", given=_argument_types((input, min, max)))
        return clamp_tensor_op(input, min, max)
    return clamp_op(_float_for_float_bounds(input, min, max), min=min, max=max)


def _clamp_between(a: np.ndarray, b: np.ndarray | None, c: np.ndarray | None) -> np.ndarray:
    lower = a if b is None else np.maximum(a, b)
    return lower if c is None else np.minimum(lower, c)


def _inside(a: Any, b: Any, c: Any) -> np.ndarray:
    """Where ``a`` lies within its bounds (a missing bound holds everywhere)."""
    a = values_of(a)
    above = True if b is None else a >= values_of(b)
    return above & (True if c is None else a <= values_of(c))


def _min_binds(a: Any, b: Any, c: Any) -> np.ndarray:
    """Where the lower bound is the result: ``a`` below it, and it below the upper bound."""
    below = values_of(a) < values_of(b)
    return below if c is None else below & (values_of(b) < values_of(c))


def _max_binds(a: Any, b: Any, c: Any) -> np.ndarray:
    """Where the upper bound is the result: ``a`` above it, or it below the lower bound."""
    above = values_of(a) > values_of(c)
    return above if b is None else above | (values_of(c) < values_of(b))


clamp_tensor_op = defop(  # torch.clamp(x, min=tensor, max=tensor): ATen's clamp.Tensor
    "clamp_tensor", "ClampBackward0", "clamp", _clamp_between, promotes=True,
    a=rule("∂clamp(a, lo, hi)/∂a = 1 within the bounds", lambda grad, a, b, c: where(_inside(a, b, c), grad, 0.0)),
    b=rule("∂clamp(a, lo, hi)/∂lo = 1 where lo is taken", lambda grad, a, b, c: where(_min_binds(a, b, c), grad, 0.0)),
    c=rule("∂clamp(a, lo, hi)/∂hi = 1 where hi is taken", lambda grad, a, b, c: where(_max_binds(a, b, c), grad, 0.0)),
)


def _argument_types(arguments: tuple) -> str:
    """PyTorch's list of argument types in an invalid-combination error: ``Tensor, Tensor, float``."""
    return ", ".join("Tensor" if isinstance(x, Tensor) else type(x).__name__ for x in arguments if x is not None)


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
    if isinstance(condition, Tensor) and condition._array.dtype != np.bool_:
        condition = _bool_condition(condition)
    return where_op(condition, input, other)


def _bool_condition(condition: Tensor) -> Tensor:
    """A uint8 condition read as True where not 0, with PyTorch's deprecation warning; another dtype refused."""
    if condition._array.dtype != np.uint8:
        raise messages.error("where_condition_dtype", dtype=errors.scalar_type_name(condition._array.dtype))
    messages.warn("where_uint8_condition")
    return Tensor._wrap(condition._array != 0)


def _pick(grad: Tensor, a: Tensor, b: Tensor, loses: Any) -> Tensor:
    """PyTorch's rule for max(a, b) and min(a, b): the gradient where a input wins, half on a tie."""
    x, y = values_of(a), values_of(b)
    return where(loses(x, y), 0.0, where(x == y, grad / 2, grad))


maximum = defop(
    "maximum", "MaximumBackward0", "max", np.maximum, promotes=True,
    a=rule("∂max(a, b)/∂a = 1 where a > b, ½ where a = b", lambda grad, a, b: _pick(grad, a, b, np.less)),
    b=rule("∂max(a, b)/∂b = 1 where b > a, ½ where a = b", lambda grad, a, b: _pick(grad, a, b, np.greater)),
)
minimum = defop(
    "minimum", "MinimumBackward0", "min", np.minimum, promotes=True,
    a=rule("∂min(a, b)/∂a = 1 where a < b, ½ where a = b", lambda grad, a, b: _pick(grad, a, b, np.greater)),
    b=rule("∂min(a, b)/∂b = 1 where b < a, ½ where a = b", lambda grad, a, b: _pick(grad, a, b, np.less)),
)


def _of_two_tensors(op: OpDef) -> None:
    """Export ``op`` (maximum, minimum) as PyTorch's function and method, which take a tensor ``other``
    and refuse a number (``x.maximum(0.0)``) with its TypeError; the argument's position counts ``input``
    in the function, not in the method."""

    def checked(input: Tensor, other: Any, position: int) -> Tensor:
        if not isinstance(other, Tensor):
            raise messages.error(
                "elementwise_other_not_tensor", function=op.name, position=position, type_name=type(other).__name__
            )
        return op(input, other)

    def function(input: Tensor, other: Tensor) -> Tensor:
        return checked(input, other, 2)

    def method(self: Tensor, other: Tensor) -> Tensor:
        return checked(self, other, 1)

    function.__name__ = method.__name__ = op.name
    function.__doc__ = method.__doc__ = op.__doc__
    export(function, name=op.name)
    methods({op.name: method})


_of_two_tensors(maximum)
_of_two_tensors(minimum)

# (memory_format=: its layout; by keyword only, as in PyTorch: x.clone(1) is a TypeError)
clone = defop("clone", "CloneBackward0", "copy", lambda a, *, memory_format=None: laid_out(a, memory_format),
              public=True, a=rule("∂a/∂a = 1", lambda grad: grad))

# -- comparisons and logic: results are bool, with no gradient -----------------------

eq = defop_nograd("eq", np.equal, public=True)
ne = defop_nograd("ne", np.not_equal, public=True)
lt = defop_nograd("lt", np.less, public=True)
le = defop_nograd("le", np.less_equal, public=True)
gt = defop_nograd("gt", np.greater, public=True)
ge = defop_nograd("ge", np.greater_equal, public=True)


def _close_arrays(
    function: str, input: Tensor, other: Tensor, rtol: float, atol: float, equal_nan: bool
) -> np.ndarray:
    """``|input - other| <= atol + rtol * |other|`` elementwise, both checked to be tensors."""
    for position, (name, value) in enumerate((("input", input), ("other", other)), 1):
        if not isinstance(value, Tensor):
            type_name = type(value).__name__
            raise messages.error(
                "compare_not_tensor", function=function, name=name, position=position, type_name=type_name
            )
    return np.isclose(input._array, other._array, rtol=rtol, atol=atol, equal_nan=equal_nan)


@export(method=True)
def isclose(
    input: Tensor, other: Tensor, rtol: float = 1e-05, atol: float = 1e-08, equal_nan: bool = False
) -> Tensor:
    """Where ``input`` is close to ``other``: ``|input - other| <= atol + rtol * |other|``, as a bool tensor.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.isclose(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.1]))
    tensor([ True, False])
    """
    return Tensor._wrap(np.asarray(_close_arrays("isclose", input, other, rtol, atol, equal_nan)))


@export(method=True)
def allclose(
    input: Tensor, other: Tensor, rtol: float = 1e-05, atol: float = 1e-08, equal_nan: bool = False
) -> bool:
    """Whether every element of ``input`` is close to ``other``: ``|input - other| <= atol + rtol * |other|``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.allclose(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.0 + 1e-7]))
    True
    >>> torch.allclose(torch.tensor([1.0]), torch.tensor([1.1]))
    False
    """
    return bool(_close_arrays("allclose", input, other, rtol, atol, equal_nan).all())


logical_and = defop_nograd("logical_and", np.logical_and, public=True)
logical_or = defop_nograd("logical_or", np.logical_or, public=True)
logical_not = defop_nograd("logical_not", np.logical_not, public=True)
def _bits_result_type(*inputs: Any) -> np.dtype:
    """The result's dtype as PyTorch promotes: a float tensor's dtype wins over integers (int64 and float32 give
    float32), and a Python float with integer tensors gives the default float."""
    kind = np.result_type(*inputs)
    if kind.kind == "f":
        floats = [x.dtype for x in inputs if isinstance(x, np.ndarray) and x.dtype.kind == "f"]
        return np.result_type(*floats) if floats else default_float().numpy
    return kind


def _on_bits(function: Any, name: str, instead: str) -> Any:
    """``function`` of integers or bools; PyTorch's error for floats (its kernel has none for them)."""

    def check(*inputs: Any) -> None:
        kind = _bits_result_type(*inputs)
        if kind.kind in "fc":
            raise messages.error("bitwise_float", name=name, dtype=errors.scalar_type_name(kind), instead=instead)

    if getattr(function, "nin", 2) == 1:

        def forward(a: Any) -> np.ndarray:
            check(a)
            return function(a)

    else:

        def forward(a: Any, b: Any) -> np.ndarray:  # (two parameters: keyword_names counts them)
            check(a, b)
            return function(a, b)

    forward.__name__ = name
    return forward


bitwise_and = defop_nograd("bitwise_and", _on_bits(np.bitwise_and, "bitwise_and", "logical_and"), public=True)
bitwise_or = defop_nograd("bitwise_or", _on_bits(np.bitwise_or, "bitwise_or", "logical_or"), public=True)
bitwise_not = defop_nograd("bitwise_not", _on_bits(np.invert, "bitwise_not", "logical_not"), public=True)


def _invert(self: Tensor) -> Tensor:
    """``~x``: for integers and bools only (``torch.bitwise_not`` of floats says "not implemented")."""
    if self._array.dtype.kind not in "biu":
        raise messages.error("invert_float")
    return bitwise_not(self)


def _binary(op: Any) -> Any:
    # Operators call apply directly: `a * b` is the hottest path there is.
    method = lambda self, other: apply(op, (self, other))  # noqa: E731
    method.binary_op = op  # (the operators' own check, ops.OPERANDS, calls apply itself)
    method.__name__ = method.__qualname__ = op.name  # (Python's errors name it: "mul() got an unexpected ...")
    return method


def checking_other(method: Any) -> Any:
    """An in-place method ``x.<name>(other)`` that checks ``other`` first (before the in-place checks, as PyTorch)."""

    def checked(self: Tensor, *args: Any, **kwargs: Any) -> Tensor:
        if args or "other" in kwargs:
            check_other(method.__name__, args[0] if args else kwargs["other"], 1 if args else None)
        return method(self, *args, **kwargs)

    checked.__name__ = checked.__qualname__ = method.__name__
    checked.__doc__ = method.__doc__
    return checked


def _checked_binary(op: Any) -> Any:
    """The method ``x.<op>(other)``: the operator's, with PyTorch's TypeError for an ``other`` it cannot take."""

    def method(self: Tensor, other: Any) -> Tensor:
        check_other(op.name, other, 1)
        return apply(op, (self, other))

    method.__name__ = method.__qualname__ = op.name
    return method


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
    "__add__": _binary(add), "__radd__": _binary(add), "add": _old_overload(add_with_alpha, "add", method=True),
    "__sub__": _binary(sub), "__rsub__": _rsub, "sub": _old_overload(sub_with_alpha, "sub", method=True),
    "__mul__": _binary(mul), "__rmul__": _binary(mul), "mul": _checked_binary(mul),
    "__truediv__": _binary(div), "__rtruediv__": _rdiv, "reciprocal": reciprocal,
    "__pow__": _pow_method, "__rpow__": _rpow, "pow": _pow_method,
    "__neg__": neg, "neg": neg, "__mod__": remainder,
    "arctan": atan, "arcsin": asin, "arccos": acos, "arctanh": atanh, "arcsinh": asinh, "arccosh": acosh,
    "exp": exp, "log": log, "sqrt": sqrt, "abs": abs, "__abs__": abs, "sign": sign,
    "sin": sin, "cos": cos, "tanh": tanh, "sigmoid": sigmoid, "relu": relu,
    "clamp": _clamp_method, "clip": _clamp_method, "clone": clone,
    "__eq__": _binary(eq), "__ne__": _binary(ne), "__lt__": _binary(lt),
    "__le__": _binary(le), "__gt__": _binary(gt), "__ge__": _binary(ge),
    "eq": _binary(eq), "ne": _binary(ne), "lt": _binary(lt), "le": _binary(le),
    "gt": _binary(gt), "ge": _binary(ge),
    "__and__": _binary(bitwise_and), "__or__": _binary(bitwise_or), "__invert__": _invert,
    "logical_and": _binary(logical_and), "logical_or": _binary(logical_or),
    "logical_not": logical_not,
})
export(clamp, name="clip")
export(atan, name="arctan")
export(asin, name="arcsin")
export(acos, name="arccos")
export(asinh, name="arcsinh")
export(acosh, name="arccosh")
export(atanh, name="arctanh")


# -- breadth C: //, rounding division, lerp, atan2, hypot, logaddexp, xlogy, sinc, angles ----------


def _integer_quotient_check(a: Any, b: Any) -> None:
    """PyTorch's CPU kernels refuse an integer division by zero (floats give ±inf or nan)."""
    if np.result_type(a, b).kind in "iub" and np.any(np.asarray(b) == 0):
        raise messages.error("integer_division_by_zero")


def _floor_divide_forward(a: Any, b: Any) -> np.ndarray:
    _integer_quotient_check(a, b)
    return np.floor_divide(a, b)


def _trunc_divide_forward(a: Any, b: Any) -> np.ndarray:
    _integer_quotient_check(a, b)
    if np.result_type(a, b).kind in "iub":
        quotient = np.floor_divide(a, b)
        return quotient + ((np.remainder(a, b) != 0) & ((np.asarray(a) < 0) != (np.asarray(b) < 0)))
    return np.trunc(np.true_divide(a, b))


def _div_mode_forward(a: Any, b: Any, rounding_mode: str) -> np.ndarray:
    return (_floor_divide_forward if rounding_mode == "floor" else _trunc_divide_forward)(a, b)


# PyTorch records a node it cannot differentiate ("NotImplemented") for floor_divide and a number % a
# tensor: backward through them raises, where a constant would have hidden the mistake.
_NOT_IMPLEMENTED = "torch::autograd::NotImplemented"
floor_divide_op = defop("floor_divide", _NOT_IMPLEMENTED, "//", _floor_divide_forward, promotes=True, opmath=True,
                        a=not_implemented("floor_divide"), b=not_implemented("floor_divide"))
rremainder_op = defop("rremainder", _NOT_IMPLEMENTED, "%", lambda a, other: np.mod(other, a), promotes=True,
                      a=not_implemented("remainder"))
div_mode = defop(
    "div_mode", "DivBackward2", "÷", _div_mode_forward, promotes=True,
    opmath=True,
    a=rule("∂⌊a/b⌉/∂a = 0", lambda grad: grad * 0),
    b=rule("∂⌊a/b⌉/∂b = 0", lambda grad: grad * 0),
)


@export(name="div", method=True)
def div_rounding(input: Any, other: Any, *, rounding_mode: str | None = None) -> Tensor:
    """``input / other``; ``rounding_mode='floor'`` or ``'trunc'`` rounds the quotient (and its gradient is 0).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.div(torch.tensor([7.0, -7.0]), 2)
    tensor([ 3.5000, -3.5000])
    >>> torch.div(torch.tensor([7, -7]), 2, rounding_mode="trunc")
    tensor([ 3, -3])
    """
    if rounding_mode is None:
        return div(input, other)
    if rounding_mode not in ("floor", "trunc"):
        raise messages.error("div_rounding_mode", mode=rounding_mode)
    return div_mode(input, other, rounding_mode=rounding_mode)


@export(method=True)
def floor_divide(input: Any, other: Any) -> Tensor:
    """``input // other``: the quotient rounded down, as Python's ``//``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.floor_divide(torch.tensor([7, -7]), 2)
    tensor([ 3, -4])
    >>> torch.tensor([7.5, -7.5]) // 2
    tensor([ 3., -4.])
    """
    return floor_divide_op(input, other)


def _rfloordiv(self: Tensor, other: Any) -> Tensor:
    return floor_divide_op(other, self)


def _lerp_forward(a: np.ndarray, b: np.ndarray, weight: Any) -> np.ndarray:
    """PyTorch's CPU formula: from the nearer end, so that weight 1 gives ``end`` exactly."""
    if a.dtype != np.asarray(b).dtype:
        raise messages.error("lerp_dtype", what="end", expected=_type_word(a), got=_type_word(b))
    difference = b - a
    near_start = np.abs(weight) < 0.5
    return np.where(near_start, a + weight * difference, b - difference * (1 - weight)).astype(a.dtype, copy=False)


def _type_word(array: Any) -> str:
    """PyTorch's word for a dtype in its dtype errors: float, double, long ..."""
    return {"float32": "float", "float64": "double", "int64": "long", "int32": "int"}.get(
        np.asarray(array).dtype.name, np.asarray(array).dtype.name
    )


lerp_scalar = defop(
    "lerp", "LerpBackward0", "lerp", _lerp_forward,
    opmath=True,
    a=rule("∂(a + w(b − a))/∂a = 1 − w", lambda grad, weight: grad * (1 - weight)),
    b=rule("∂(a + w(b − a))/∂b = w", lambda grad, weight: grad * weight),
)
lerp_tensor = defop(
    "lerp_tensor", "LerpBackward1", "lerp", _lerp_forward,
    opmath=True,
    a=rule("∂(a + w(b − a))/∂a = 1 − w", lambda grad, weight: grad * (1 - weight)),
    b=rule("∂(a + w(b − a))/∂b = w", lambda grad, weight: grad * weight),
    weight=rule("∂(a + w(b − a))/∂w = b − a", lambda grad, a, b: grad * (b - a)),
)
lerp_scalar.saved_rule_names = {"weight": "weight"}
lerp_tensor.saved_rule_names = {"self": "a", "end": "b", "weight": "weight"}


@export(method=True)
def lerp(input: Tensor, end: Tensor, weight: Any) -> Tensor:
    """Linear interpolation: ``input + weight * (end - input)``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.lerp(torch.tensor([0.0, 10.0]), torch.tensor([10.0, 20.0]), 0.25)
    tensor([ 2.5000, 12.5000])
    """
    if isinstance(weight, Tensor):
        return lerp_tensor(input, end, weight)
    return lerp_scalar(input, end, weight=weight)


def _atan2_denominator_inverse(a: Any, b: Any) -> Any:
    """1/(a² + b²), the factor both of atan2's derivatives share."""
    return reciprocal(a * a + b * b)


def _atan2_forward(a: Any, b: Any) -> Any:
    """atan2 of float32 (or float16) values computed in float64 and rounded once, as PyTorch's nearly always is."""
    kind = np.result_type(a, b)
    if kind in _ROUNDED_ONCE:
        return np.arctan2(a, b, dtype=np.float64).astype(kind)
    return np.arctan2(a, b)


atan2 = defop(
    "atan2", "Atan2Backward0", "atan2", _atan2_forward, public=True, method=True, promotes=True,
    a=rule("∂atan2(a, b)/∂a = b/(a² + b²)", lambda grad, a, b: grad * b * _atan2_denominator_inverse(a, b)),
    b=rule("∂atan2(a, b)/∂b = −a/(a² + b²)", lambda grad, a, b: grad * -a * _atan2_denominator_inverse(a, b)),
)
hypot = defop(
    "hypot", "HypotBackward0", "hypot", np.hypot, public=True, method=True, promotes=True,
    a=rule("∂√(a² + b²)/∂a = a/√(a² + b²)", lambda grad, a, out: grad * a / out),
    b=rule("∂√(a² + b²)/∂b = b/√(a² + b²)", lambda grad, b, out: grad * b / out),
)


def _logaddexp_forward(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """ln(eᵃ + eᵇ) as PyTorch computes it: max + log1p(e^(−|a − b|)), and ±∞ where a = b = ±∞."""
    both_infinite = np.isinf(a) & (a == b)
    with np.errstate(invalid="ignore"):
        general = np.maximum(a, b) + np.log1p(np.exp(-np.abs(a - b)))
    return np.where(both_infinite, a, general)


logaddexp = defop(
    "logaddexp", "LogaddexpBackward0", "logaddexp", _logaddexp_forward, public=True, method=True, promotes=True,
    a=rule("∂ln(eᵃ + eᵇ)/∂a = 1/(1 + e^(b − a))", lambda grad, a, b: grad / (exp(b - a) + 1)),
    b=rule("∂ln(eᵃ + eᵇ)/∂b = 1/(1 + e^(a − b))", lambda grad, a, b: grad / (exp(a - b) + 1)),
)


def _xlogy_forward(a: Any, b: Any) -> np.ndarray:
    """a·ln b, and 0 where a = 0 (unless b is nan)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        product = np.multiply(a, np.log(b))
    return np.where((np.asarray(a) == 0) & ~np.isnan(b), 0, product).astype(product.dtype, copy=False)


def _xlogy_self_rule(grad: Any, a: Any, b: Any) -> Any:
    """∂(a ln b)/∂a = ln b (PyTorch's xlogy(grad, b)), and 0 where a = 0 and b ≤ 0."""
    with np.errstate(invalid="ignore"):
        no_log = (values_of(a) == 0) & (values_of(b) <= 0)
    return where(no_log, 0.0, xlogy_tensor(grad, b)) if no_log.any() else xlogy_tensor(grad, b)


xlogy_tensor = defop(
    "xlogy", "XlogyBackward0", "x·log y", _xlogy_forward, promotes=True,
    a=rule("∂(a ln b)/∂a = ln b (0 where a = 0 and b ≤ 0)", _xlogy_self_rule),
    b=rule("∂(a ln b)/∂b = a/b", lambda grad, a, b: grad * a / b),
)
xlogy_scalar_self = defop(
    "xlogy_scalar_self", "XlogyBackward1", "x·log y", lambda b, scalar: _xlogy_forward(scalar, b), promotes=True,
    b=rule("∂(c ln b)/∂b = c/b", lambda grad, b, scalar: grad * scalar / b),
)
xlogy_scalar_other = defop(
    "xlogy_scalar_other", "XlogyBackward2", "x·log y", lambda a, other: _xlogy_forward(a, other), promotes=True,
    a=rule("∂(a ln c)/∂a = ln c (0 where a = 0)", lambda grad, a, other: _xlogy_self_rule(grad, a, other)),
)
xlogy_tensor.saved_rule_names = {"self": "a", "other": "b"}
xlogy_scalar_self.saved_rule_names = {"other": "b"}
xlogy_scalar_other.saved_rule_names = {"self": "a"}


@export(method=True)
def xlogy(input: Any, other: Any) -> Tensor:
    """``input * log(other)``, taken as 0 where ``input`` is 0 (entropy terms 0·log 0).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.xlogy(torch.tensor([0.0, 2.0]), torch.tensor([0.0, 1.0]))
    tensor([0., 0.])
    """
    if not isinstance(input, Tensor):
        return xlogy_scalar_self(other, scalar=input)
    if not isinstance(other, Tensor):
        return xlogy_scalar_other(input, other=other)
    return xlogy_tensor(input, other)


def _heaviside_forward(a: np.ndarray, values: np.ndarray) -> np.ndarray:
    if a.dtype != values.dtype:
        raise messages.error("heaviside_dtypes")
    return np.where(a == 0, values, a > 0).astype(a.dtype, copy=False)


heaviside = defop("heaviside", _NOT_IMPLEMENTED, "H", _heaviside_forward, public=True,
                  a=not_implemented("heaviside"), b=not_implemented("heaviside"))
heaviside.saved_rule_names = {"values": "b"}  # (torch.heaviside(x, values=v))


def _sinc_forward(a: np.ndarray) -> np.ndarray:
    """sin(πa)/(πa), and 1 at a = 0."""
    scaled = a * np.pi
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(a == 0, 1.0, np.sin(scaled) / scaled).astype(scaled.dtype, copy=False)


def _sinc_rule(grad: Any, a: Any) -> Any:
    """∂sinc(a)/∂a = (πa cos πa − sin πa)/(πa²), and 0 at a = 0."""
    scaled = a * np.pi
    squared = a * a * np.pi
    with np.errstate(invalid="ignore", divide="ignore"):
        slope = grad * ((scaled * cos(scaled) - sin(scaled)) / squared)  # (PyTorch divides, then multiplies by grad)
    return where(values_of(squared) == 0, 0.0, slope)


sinc = defop("sinc", "SincBackward0", "sinc", _sinc_forward, public=True, method=True, promotes=True,
             a=rule("∂(sin πa/πa)/∂a = (πa cos πa − sin πa)/(πa²)", _sinc_rule))
_RADIANS_PER_DEGREE = np.pi / 180
_DEGREES_PER_RADIAN = 180 / np.pi
deg2rad = defop("deg2rad", "Deg2RadBackward0", "°→rad", lambda a: a * _RADIANS_PER_DEGREE, public=True, method=True,
                promotes=True, a=rule("∂(πa/180)/∂a = π/180", lambda grad: grad * _RADIANS_PER_DEGREE))
rad2deg = defop("rad2deg", "Rad2DegBackward0", "rad→°", lambda a: a * _DEGREES_PER_RADIAN, public=True, method=True,
                promotes=True, a=rule("∂(180a/π)/∂a = 180/π", lambda grad: grad * _DEGREES_PER_RADIAN))


def _rmod(self: Tensor, other: Any) -> Tensor:
    return rremainder_op(self, other=other)


methods({
    "__floordiv__": floor_divide, "__rfloordiv__": _rfloordiv, "__rmod__": _rmod,
    "arctan2": atan2,
})
export(atan2, name="arctan2")


# -- view_as, reshape_as, type_as: another tensor's shape or dtype (branch more_f) -------------------------


def _like(function: str, other: Any) -> Tensor:
    """``other`` if it is a tensor; PyTorch's TypeError otherwise."""
    if not isinstance(other, Tensor):
        raise messages.error("like_other_not_tensor", function=function, type_name=messages.type_name(other))
    return other


def _view_as(self: Tensor, other: Tensor) -> Tensor:
    return self.view(_like("view_as", other).shape)


def _reshape_as(self: Tensor, other: Tensor) -> Tensor:
    return self.reshape(_like("reshape_as", other).shape)


def _type_as(self: Tensor, other: Tensor) -> Tensor:
    return self.to(_like("type_as", other).dtype)


methods({"view_as": _view_as, "reshape_as": _reshape_as, "type_as": _type_as})


# -- clamp_min, clamp_max: one bound, a number or a tensor (branch more_f) -----------------------------------


def _float_for_float_bounds(input: Tensor, *bounds: Any) -> Tensor:
    """An integer tensor as float32 when a bound is a float: PyTorch's type promotion for a number bound."""
    integers = isinstance(input, Tensor) and input._array.dtype.kind in "iub"
    if integers and any(isinstance(bound, float) for bound in bounds):
        return input.float()
    return input


clamp_min_op = defop(  # also F.normalize's and the margin losses' max(·, eps)
    "clamp_min", "ClampMinBackward0", "max(a, min)",
    lambda a, min: np.maximum(a, min).astype(a.dtype, copy=False),
    a=rule("∂max(a, m)/∂a = 1 if a ≥ m else 0", lambda grad, a, min: where(values_of(a) >= min, grad, 0.0)),
)
clamp_max_op = defop(
    "clamp_max", "ClampMaxBackward0", "min(a, max)",
    lambda a, max: np.minimum(a, max).astype(a.dtype, copy=False),
    a=rule("∂min(a, m)/∂a = 1 if a ≤ m else 0", lambda grad, a, max: where(values_of(a) <= max, grad, 0.0)),
)
clamp_min_tensor = defop(
    "clamp_min_tensor", "ClampMinBackward1", "max(a, min)", np.maximum, promotes=True,
    a=rule("∂max(a, m)/∂a = 1 if a ≥ m else 0", lambda grad, a, b: where(values_of(a) >= values_of(b), grad, 0.0)),
    b=rule("∂max(a, m)/∂m = 1 if a < m else 0", lambda grad, a, b: where(values_of(a) < values_of(b), grad, 0.0)),
)
clamp_max_tensor = defop(
    "clamp_max_tensor", "ClampMaxBackward1", "min(a, max)", np.minimum, promotes=True,
    a=rule("∂min(a, m)/∂a = 1 if a ≤ m else 0", lambda grad, a, b: where(values_of(a) <= values_of(b), grad, 0.0)),
    b=rule("∂min(a, m)/∂m = 1 if a > m else 0", lambda grad, a, b: where(values_of(a) > values_of(b), grad, 0.0)),
)


@export(method=True)
def clamp_min(input: Tensor, min: Any) -> Tensor:
    """Every element at least ``min`` (a number, or a tensor broadcast against ``input``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.clamp_min(torch.tensor([-1.0, 0.5, 2.0]), 0)
    tensor([0.0000, 0.5000, 2.0000])
    >>> torch.tensor([1, 5]).clamp_min(torch.tensor([2, 3]))
    tensor([2, 5])
    """
    if isinstance(min, Tensor):
        return clamp_min_tensor(input, min)
    return clamp_min_op(_float_for_float_bounds(input, min), min=min)


@export(method=True)
def clamp_max(input: Tensor, max: Any) -> Tensor:
    """Every element at most ``max`` (a number, or a tensor broadcast against ``input``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.clamp_max(torch.tensor([-1.0, 0.5, 2.0]), 1)
    tensor([-1.0000,  0.5000,  1.0000])
    """
    if isinstance(max, Tensor):
        return clamp_max_tensor(input, max)
    return clamp_max_op(_float_for_float_bounds(input, max), max=max)


def _bound_in_place(self: Tensor, clamp_one_side: Any, bound: Any) -> Tensor:
    """``clamp_min_``/``clamp_max_``, with PyTorch's error where a float bound would make an integer tensor float."""
    integers = self._array.dtype.kind in "iub"
    float_bound = isinstance(bound, float) or (isinstance(bound, Tensor) and bound._array.dtype.kind == "f")
    if integers and float_bound:
        long = "Long" if isinstance(bound, Tensor) else "long int"  # PyTorch's two spellings
        raise messages.error("clamp_cast", target="bool" if self._array.dtype == np.bool_ else long)
    return _views.run_inplace(self, clamp_one_side, bound)


def _clamp_min_in_place(self: Tensor, min: Any) -> Tensor:
    return _bound_in_place(self, clamp_min, min)


def _clamp_max_in_place(self: Tensor, max: Any) -> Tensor:
    return _bound_in_place(self, clamp_max, max)


methods({"clamp_min_": _clamp_min_in_place, "clamp_max_": _clamp_max_in_place})


# -- PyTorch's aliases: the same node as the op they name (branch more_f) ------------------------------------

rsub_tensor = defop(
    "rsub_tensor", "RsubBackward0", "−", lambda a, b: _subtract(b, a), promotes=True,
    a=rule("∂(b−a)/∂a = −1", lambda grad: -grad),
    b=rule("∂(b−a)/∂b = 1", lambda grad: grad),
)


@export(name="rsub")
def rsub_with_alpha(input: Tensor, other: Any, *, alpha: float = 1) -> Tensor:
    """``other - alpha * input``: subtraction with the sides swapped.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.rsub(torch.tensor([1.0, 2.0]), torch.tensor([5.0, 5.0]))
    tensor([4., 3.])
    >>> torch.rsub(torch.tensor([1.0, 2.0]), 1)
    tensor([ 0., -1.])
    """
    _refuse_bool_subtraction(values_of(input), values_of(other))  # (before alpha scales a bool into numbers)
    scaled = _scaled(input, alpha)
    return rsub_tensor(scaled, other) if isinstance(other, Tensor) else rsub(scaled, other=other)


@export(method=True)
def true_divide(input: Tensor, other: Any) -> Tensor:
    """``input / other``, always a true (not rounded) division: :func:`div` without a rounding mode.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.true_divide(torch.tensor([1, 3]), 2)
    tensor([0.5000, 1.5000])
    """
    return div_rounding(input, other)


@export(method=True)
def positive(input: Tensor) -> Tensor:
    """``+input``: the tensor itself (no node is recorded), as in PyTorch.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor([1.0, -2.0])
    >>> torch.positive(x) is x
    True
    """
    if input._array.dtype == np.bool_:
        raise messages.error("positive_bool")
    return input


for _alias, _op in {
    "absolute": abs, "negative": neg, "subtract": sub_with_alpha, "multiply": mul, "divide": div_rounding,
}.items():
    export(_op, name=_alias, method=True)


def _same_in_place(name: str, *fixed: Any) -> Any:
    """An in-place alias (``x.negative_()`` ...) that runs ``x.<name>(*fixed, ...)``, the method it stands for."""

    def in_place(self: Tensor, *args: Any, **kwargs: Any) -> Tensor:
        return getattr(self, name)(*fixed, *args, **kwargs)

    in_place.__name__ = name
    return in_place


def _divide_in_place(self: Tensor, other: Any, *, rounding_mode: str | None = None) -> Tensor:
    check_other("div_", other, 1)
    return _views.run_inplace(self, div_rounding, other, rounding_mode=rounding_mode)


methods({
    "absolute_": _same_in_place("abs_"), "negative_": _same_in_place("neg_"),
    "subtract_": _same_in_place("sub_"), "multiply_": _same_in_place("mul_"),
    "divide_": _divide_in_place, "true_divide_": _same_in_place("div_"),
    "clip_": _same_in_place("clamp_"), "square_": _same_in_place("pow_", 2),
})


# -- sgn, signbit, float_power, logit, addcmul/addcdiv, xor, fmax/fmin, copysign (branch more_f) --------------

sgn = defop(
    "sgn", "SgnBackward0", "sgn", lambda a: np.where(np.isnan(a), 0, np.sign(a)).astype(a.dtype), public=True,
    method=True,
    a=rule("∂sgn(a)/∂a = 0 for real a", lambda grad: grad * 0),
)
signbit = defop_nograd("signbit", lambda a: np.signbit(a), public=True)
logical_xor = defop_nograd("logical_xor", np.logical_xor, public=True)


bitwise_xor = defop_nograd("bitwise_xor", _on_bits(np.bitwise_xor, "bitwise_xor", "logical_xor"), public=True)


def _fmax_keeps(a: Any, b: Any) -> np.ndarray:
    """Where fmax(a, b) is a: a ≥ b, or b is NaN (and ties go to a, as in PyTorch)."""
    return (values_of(a) >= values_of(b)) | np.isnan(values_of(b))


def _fmin_keeps(a: Any, b: Any) -> np.ndarray:
    """Where fmin(a, b) is a: a ≤ b, or b is NaN (and ties go to a, as in PyTorch)."""
    return (values_of(a) <= values_of(b)) | np.isnan(values_of(b))


fmax_op = defop(
    "fmax", "FmaxBackward0", "fmax", np.fmax, promotes=True,
    a=rule("∂fmax(a, b)/∂a = 1 where a ≥ b or b is NaN", lambda grad, a, b: where(_fmax_keeps(a, b), grad, 0.0)),
    b=rule("∂fmax(a, b)/∂b = 1 elsewhere", lambda grad, a, b: where(_fmax_keeps(a, b), 0.0, grad)),
)
fmin_op = defop(
    "fmin", "FminBackward0", "fmin", np.fmin, promotes=True,
    a=rule("∂fmin(a, b)/∂a = 1 where a ≤ b or b is NaN", lambda grad, a, b: where(_fmin_keeps(a, b), grad, 0.0)),
    b=rule("∂fmin(a, b)/∂b = 1 elsewhere", lambda grad, a, b: where(_fmin_keeps(a, b), 0.0, grad)),
)


def _other_tensor(function: str, other: Any) -> Tensor:
    """``other`` if it is a tensor; PyTorch's TypeError for a number (fmax and fmin take tensors only)."""
    if not isinstance(other, Tensor):
        raise messages.error("compare_not_tensor", function=function, name="other", position=2,
                             type_name=messages.type_name(other))
    return other


@export(method=True)
def fmax(input: Tensor, other: Tensor) -> Tensor:
    """The larger of each pair, ignoring NaN (NaN only where both are NaN).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.fmax(torch.tensor([1.0, float("nan")]), torch.tensor([0.0, 2.0]))
    tensor([1., 2.])
    """
    return fmax_op(input, _other_tensor("fmax", other))


@export(method=True)
def fmin(input: Tensor, other: Tensor) -> Tensor:
    """The smaller of each pair, ignoring NaN (NaN only where both are NaN).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.fmin(torch.tensor([1.0, float("nan")]), torch.tensor([0.0, 2.0]))
    tensor([0., 2.])
    """
    return fmin_op(input, _other_tensor("fmin", other))


def _copysign_rule(grad: Any, a: Any, out: Any) -> Any:
    """∂copysign(a, b)/∂a = out/a (±1), and 0 at a = 0 (PyTorch's copysign_tensor_self_backward)."""
    return grad * where(values_of(a) == 0, 0.0, out / a)


def _float_result(forward: Any) -> Any:
    """``forward`` computing in float32 where NumPy would give integers (copysign of ints is float in PyTorch)."""
    return lambda a, *rest, **params: forward(a if a.dtype.kind == "f" else a.astype(np.float32), *rest, **params)


copysign_tensor = defop(
    "copysign", "CopysignBackward0", "copysign", _float_result(np.copysign), promotes=True,
    a=rule("∂copysign(a, b)/∂a = sgn(a)·sgn(b), 0 at a = 0", _copysign_rule),
    b=rule("∂copysign(a, b)/∂b = 0", lambda grad: grad * 0),
)
copysign_scalar = defop(
    "copysign_scalar", "CopysignBackward1", "copysign",
    _float_result(lambda a, other: np.copysign(a, other).astype(a.dtype, copy=False)),
    a=rule("∂copysign(a, c)/∂a = sgn(a)·sgn(c), 0 at a = 0", _copysign_rule),
)


@export(method=True)
def copysign(input: Tensor, other: Any) -> Tensor:
    """``|input|`` with the sign of ``other`` (a tensor or a number; -0.0 counts as negative).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.copysign(torch.tensor([1.5, -2.0]), torch.tensor([-1.0, 1.0]))
    tensor([-1.5000,  2.0000])
    """
    return copysign_tensor(input, other) if isinstance(other, Tensor) else copysign_scalar(input, other=other)


def _logit_forward(a: np.ndarray, eps: float | None) -> np.ndarray:
    a = a if eps is None else np.clip(a, eps, 1 - eps)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log(a / (1 - a))


def _logit_rule(grad: Any, a: Any, eps: float | None) -> Any:
    """∂logit(a)/∂a = 1/(a(1 − a)); outside [eps, 1 − eps] 0 (NaN outside [0, 1] without eps), as PyTorch."""
    values = values_of(a)
    low, high = (0.0, 1.0) if eps is None else (eps, 1 - eps)
    outside = (values < low) | (values > high)
    return where(outside, np.nan if eps is None else 0.0, grad / (a * (1 - a)))


logit_op = defop(
    "logit", "LogitBackward0", "logit", _logit_forward, promotes=True,
    a=rule("∂logit(a)/∂a = 1/(a(1 − a))", _logit_rule),
)


@export(method=True)
def logit(input: Tensor, eps: float | None = None) -> Tensor:
    """The inverse of the sigmoid, ``log(p / (1 − p))``; with ``eps``, p is first clamped to ``[eps, 1 − eps]``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.logit(torch.tensor([0.5, 0.9]))
    tensor([0.0000, 2.1972])
    """
    return logit_op(input, eps=eps)


@export(method=True)
def float_power(input: Any, exponent: Any) -> Tensor:
    """``input ** exponent`` computed in float64, the result float64 too.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.float_power(torch.tensor([2, 3]), 2)
    tensor([4., 9.], dtype=torch.float64)
    """
    as_double = [x.double() if isinstance(x, Tensor) else x for x in (input, exponent)]
    return pow(*as_double)


def _float_power_in_place(self: Tensor, exponent: Any) -> Tensor:
    if self._array.dtype != np.float64:
        raise messages.error("float_power_inplace_dtype", dtype=errors.scalar_type_name(self._array.dtype))
    return _views.run_inplace(self, float_power, exponent)


addcmul_op = defop(
    "addcmul", "AddcmulBackward0", "a + v·b·c", lambda a, b, c, value: a + value * b * c, promotes=True,
    opmath=True,
    a=rule("∂(a + v·b·c)/∂a = 1", lambda grad: grad),
    b=rule("∂(a + v·b·c)/∂b = v·c", lambda grad, c, value: grad * c * value),
    c=rule("∂(a + v·b·c)/∂c = v·b", lambda grad, b, value: grad * b * value),
)
addcdiv_op = defop(
    "addcdiv", "AddcdivBackward0", "a + v·b/c", lambda a, b, c, value: a + value * b / c, promotes=True,
    opmath=True,
    a=rule("∂(a + v·b/c)/∂a = 1", lambda grad: grad),
    b=rule("∂(a + v·b/c)/∂b = v/c", lambda grad, c, value: grad * value / c),
    c=rule("∂(a + v·b/c)/∂c = −v·b/c²", lambda grad, b, c, value: -grad * value * b / (c * c)),
)


def addcmul(input: Tensor, tensor1: Tensor, tensor2: Tensor, *, value: float = 1) -> Tensor:
    """``input + value * tensor1 * tensor2`` (as in Adam's running averages).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.addcmul(torch.tensor([1.0, 1.0]), torch.tensor([2.0, 3.0]), torch.tensor([4.0, 5.0]), value=0.5)
    tensor([5.0000, 8.5000])
    """
    return addcmul_op(input, tensor1, tensor2, value=value)


def addcdiv(input: Tensor, tensor1: Tensor, tensor2: Tensor, *, value: float = 1) -> Tensor:
    """``input + value * tensor1 / tensor2`` (as in Adam's update).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.addcdiv(torch.tensor([1.0, 1.0]), torch.tensor([2.0, 3.0]), torch.tensor([4.0, 5.0]), value=2)
    tensor([2.0000, 2.2000])
    """
    if all(isinstance(t, Tensor) and t._array.dtype.kind in "iub" for t in (tensor1, tensor2)):
        raise messages.error("addcdiv_integers")
    return addcdiv_op(input, tensor1, tensor2, value=value)


methods({
    "signbit": signbit, "logical_xor": _binary(logical_xor), "bitwise_xor": _binary(bitwise_xor),
    "__xor__": _binary(bitwise_xor),
    "sgn_": lambda self: _views.run_inplace(self, sgn), "float_power_": _float_power_in_place,
    "logit_": lambda self, eps=None: _views.run_inplace(self, logit, eps),
    "addcmul_": _old_overload(_named(lambda self, tensor1, tensor2, *, value=1: _views.run_inplace(
        self, addcmul, tensor1, tensor2, value=value), "addcmul_"), "addcmul_", method=True),
    "addcdiv_": _old_overload(_named(lambda self, tensor1, tensor2, *, value=1: _views.run_inplace(
        self, addcdiv, tensor1, tensor2, value=value), "addcdiv_"), "addcdiv_", method=True),
    "addcmul": _old_overload(addcmul, "addcmul", method=True),
    "addcdiv": _old_overload(addcdiv, "addcdiv", method=True),
})
export(_old_overload(addcmul, "addcmul", method=False), name="addcmul")
export(_old_overload(addcdiv, "addcdiv", method=False), name="addcdiv")


# -- lgamma, digamma (no SciPy: math.lgamma, and PyTorch's own series for ψ and ψ′) (branch more_f) ------------


def _lgamma_of(value: float) -> float:
    """log|Γ(value)|; +inf at the poles 0, −1, −2 ... (where math.lgamma raises), as PyTorch."""
    try:
        return math.lgamma(value)
    except ValueError:
        return math.inf


_lgamma_each = np.frompyfunc(_lgamma_of, 1, 1)

_PSI_10 = 2.25175258906672110764  # ψ(10)
_PSI_SERIES = (  # ψ(x) ≈ log x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ), k = 7..1 (Cephes/PyTorch's coefficients)
    8.33333333333333333333e-2, -2.10927960927960927961e-2, 7.57575757575757575758e-3,
    -4.16666666666666666667e-3, 3.96825396825396825397e-3, -8.33333333333333333333e-3,
    8.33333333333333333333e-2,
)


def _digamma64(x: np.ndarray) -> np.ndarray:
    """ψ(x) in float64 as PyTorch's calc_digamma: reflection below 0, recurrence up to 10, then the series."""
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        negative = x < 0
        y = np.where(negative, 1 - x, x)
        result = np.where(negative, -np.pi / np.tan(np.pi * np.modf(x)[0]), 0.0)
        for _ in range(10):  # ψ(y) = ψ(y + 1) − 1/y, until y ≥ 10
            below = y < 10
            result = result - np.where(below, 1 / np.where(below, y, 1.0), 0.0)
            y = np.where(below, y + 1, y)
        z = 1 / (y * y)
        polynomial = np.zeros_like(y)
        for coefficient in _PSI_SERIES:  # Horner, the highest power first
            polynomial = polynomial * z + coefficient
        series = np.where(y == 10, _PSI_10, np.log(y) - 0.5 / y - z * polynomial)
        result = result + series
    result = np.where(negative & (x == np.trunc(x)), np.nan, result)  # the poles −1, −2 ...
    return np.where(x == 0, np.copysign(np.inf, -x), result)


def _trigamma64(x: np.ndarray) -> np.ndarray:
    """ψ′(x) in float64 as PyTorch's calc_trigamma (digamma's derivative): reflection, 6 steps, then the series."""
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        reflect = x < 0.5
        sign = np.where(reflect, -1.0, 1.0)
        result = np.where(reflect, -(np.pi * np.pi) / np.sin(np.pi * x) ** 2, 0.0)
        x = np.where(reflect, 1 - x, x)
        for _ in range(6):
            result = result + 1 / (x * x)
            x = x + 1
        ixx = 1 / (x * x)
        result = result + (1 + 1 / (2 * x) + ixx * (1 / 6 - ixx * (1 / 30 - ixx * (1 / 42)))) / x
    return sign * result


def _in_input_dtype(function: Any) -> Any:
    """A float64 special function computed for ``a`` and given back in a's float dtype (float32 for integers)."""
    return _float_result(lambda a: np.asarray(function(a), dtype=np.float64).astype(a.dtype, copy=False))


lgamma = defop(
    "lgamma", "LgammaBackward0", "log Γ", _in_input_dtype(lambda a: _lgamma_each(a.astype(np.float64))),
    public=True, method=True,
    a=rule("∂ log Γ(a)/∂a = ψ(a)", lambda grad, a: grad * digamma(a)),
)
digamma = defop(
    "digamma", "DigammaBackward0", "ψ", _in_input_dtype(_digamma64), public=True, method=True,
    a=rule("∂ψ(a)/∂a = ψ′(a)", lambda grad, a: grad * polygamma_op(a, n=1)),
)

_BERNOULLI = (1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6, -3617 / 510)  # B₂, B₄ ... B₁₆


def _polygamma64(x: np.ndarray, n: int) -> np.ndarray:
    """ψ⁽ⁿ⁾(x) in float64: PyTorch's digamma and trigamma for n = 0, 1; else recurrence up to 20, then the series."""
    if n <= 1:
        return _trigamma64(x) if n == 1 else _digamma64(x)
    x = np.asarray(x, dtype=np.float64)
    sign = (-1.0) ** (n + 1)
    result = np.zeros_like(x)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        below = np.isfinite(x) & (x < 20)
        while below.any():  # ψ⁽ⁿ⁾(x) = ψ⁽ⁿ⁾(x + 1) + (−1)ⁿ⁺¹ n!/xⁿ⁺¹
            result = result + np.where(below, sign * math.factorial(n) / np.where(below, x, 1.0) ** (n + 1), 0.0)
            x = np.where(below, x + 1, x)
            below = np.isfinite(x) & (x < 20)
        series = math.factorial(n - 1) / x**n + math.factorial(n) / (2 * x ** (n + 1))
        for k, bernoulli in enumerate(_BERNOULLI, start=1):
            series = series + bernoulli * math.factorial(2 * k + n - 1) / math.factorial(2 * k) / x ** (2 * k + n)
    return result + sign * series


polygamma_op = defop(
    "polygamma", "PolygammaBackward0", "ψ⁽ⁿ⁾", lambda a, n: _in_input_dtype(lambda v: _polygamma64(v, n))(a),
    a=rule("∂ψ⁽ⁿ⁾(a)/∂a = ψ⁽ⁿ⁺¹⁾(a)", lambda grad, a, n: grad * polygamma_op(a, n=n + 1)),
)


@export
def polygamma(n: int, input: Tensor) -> Tensor:
    """The n-th derivative of the digamma function ψ (``polygamma(0, x)`` is ``digamma(x)``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.polygamma(1, torch.tensor([1.0, 2.0]))
    tensor([1.6449, 0.6449])
    """
    if n < 0:
        raise messages.error("polygamma_negative_n")
    return polygamma_op(input, n=n)


# -- erf and erfinv --------------------------------------------------------------------------------------------------------

# erf(x) in float64 for whole arrays: the piecewise rational approximations of Sun's fdlibm (the algorithm
# of the C library's erf, which math.erf calls), written with NumPy, so that a million values take milliseconds
# instead of a Python call each.  Coefficients in ascending powers.
_ERX = 8.45062911510467529297e-01
_EFX = 1.28379167095512586316e-01
_ERF_SMALL_P = (1.28379167095512558561e-01, -3.25042107247001499370e-01, -2.84817495755985104766e-02,
                -5.77027029648944159157e-03, -2.37630166566501626084e-05)
_ERF_SMALL_Q = (1.0, 3.97917223959155352819e-01, 6.50222499887672944485e-02, 5.08130628187576562776e-03,
                1.32494738004321644526e-04, -3.96022827877536812320e-06)
_ERF_NEAR_ONE_P = (-2.36211856075265944077e-03, 4.14856118683748331666e-01, -3.72207876035701323847e-01,
                   3.18346619901161753674e-01, -1.10894694282396677476e-01, 3.54783043256182359371e-02,
                   -2.16637559486879084300e-03)
_ERF_NEAR_ONE_Q = (1.0, 1.06420880400844228286e-01, 5.40397917702171048937e-01, 7.18286544141962662868e-02,
                   1.26171219808761642112e-01, 1.36370839120290507362e-02, 1.19844998467991074170e-02)
_ERFC_MID_R = (-9.86494403484714822705e-03, -6.93858572707181764372e-01, -1.05586262253232909814e+01,
               -6.23753324503260060396e+01, -1.62396669462573470355e+02, -1.84605092906711035994e+02,
               -8.12874355063065934246e+01, -9.81432934416914548592e+00)
_ERFC_MID_S = (1.0, 1.96512716674392571292e+01, 1.37657754143519042600e+02, 4.34565877475229228821e+02,
               6.45387271733267880336e+02, 4.29008140027567833386e+02, 1.08635005541779435134e+02,
               6.57024977031928170135e+00, -6.04244152148580987438e-02)
_ERFC_FAR_R = (-9.86494292470009928597e-03, -7.99283237680523006574e-01, -1.77579549177547519889e+01,
               -1.60636384855821916062e+02, -6.37566443368389627722e+02, -1.02509513161107724954e+03,
               -4.83519191608651397019e+02)
_ERFC_FAR_S = (1.0, 3.03380607434824582924e+01, 3.25792512996573918826e+02, 1.53672958608443695994e+03,
               3.19985821950859553908e+03, 2.55305040643316442583e+03, 4.74528541206955367215e+02,
               -2.24409524465858183362e+01)


def _polynomial(coefficients: tuple[float, ...], z: np.ndarray) -> np.ndarray:
    """Σ cₖ zᵏ by Horner's rule, from the highest power down."""
    total = np.full_like(z, coefficients[-1])
    for coefficient in coefficients[-2::-1]:
        total *= z  # (in place: the same roundings, without a new array per step)
        total += coefficient
    return total


def _erf64(values: Any) -> np.ndarray:
    """erf in float64, element by element as the C library computes it (fdlibm's four ranges of |x|).

    A piece at a time (:data:`_ERF_PIECE`), so that the passes over it stay in the CPU's cache: every
    element takes the formula of small |x| (most of a network's activations), then those beyond it are
    computed again by the formula of their range.
    """
    x = np.asarray(values, dtype=np.float64)
    flat, out = x.reshape(-1), np.empty(x.size, np.float64)
    with np.errstate(all="ignore"):
        for start in range(0, flat.size, _ERF_PIECE):
            _erf64_piece(flat[start : start + _ERF_PIECE], out[start : start + _ERF_PIECE])
    return out.reshape(x.shape)


_ERF_PIECE = 1 << 15
"""Elements of erf computed at a time: a piece's float64 temporaries (256 KB each) stay in the cache
(GELU over a ViT block's 8.5 million activations: 1.2 s in one piece, 0.2 s in pieces)."""


def _erf64_piece(flat: np.ndarray, out: np.ndarray) -> None:
    """:func:`_erf64` of one piece, written into ``out``."""
    a = np.abs(flat)
    z = flat * flat
    np.multiply(flat, _polynomial(_ERF_SMALL_P, z) / _polynomial(_ERF_SMALL_Q, z), out=out)
    out += flat  # (|x| < 0.84375's formula, on every element: the others are written again below)
    tiny = np.flatnonzero(a < 2.0**-28)
    out[tiny] = flat[tiny] + _EFX * flat[tiny]
    beyond = np.flatnonzero(~(a < 0.84375))  # (NaN too)
    if not beyond.size:
        return
    flat, a, part = flat[beyond], a[beyond], np.empty(beyond.size, np.float64)
    pick = np.flatnonzero(a < 1.25)
    s = a[pick] - 1
    part[pick] = np.copysign(_ERX + _polynomial(_ERF_NEAR_ONE_P, s) / _polynomial(_ERF_NEAR_ONE_Q, s), flat[pick])
    for low, high, r, q in ((1.25, 1 / 0.35, _ERFC_MID_R, _ERFC_MID_S), (1 / 0.35, 6.0, _ERFC_FAR_R, _ERFC_FAR_S)):
        pick = np.flatnonzero((a >= low) & (a < high))
        v = a[pick]
        w = 1 / (v * v)
        head = (v.view(np.uint64) & np.uint64(0xFFFFFFFF00000000)).view(np.float64)  # |x| to 32 bits
        tail = np.exp(-head * head - 0.5625) * np.exp((head - v) * (head + v) + _polynomial(r, w) / _polynomial(q, w)) / v
        part[pick] = np.copysign(1 - tail, flat[pick])
    pick = np.flatnonzero(~(a < 6.0))  # |x| ≥ 6 (and NaN): ±1, NaN kept
    part[pick] = np.where(np.isnan(flat[pick]), flat[pick], np.copysign(1.0, flat[pick]))
    out[beyond] = part


_erf_each = _erf64
_ERFINV_CENTRE = (2.81022636e-08, 3.43273939e-07, -3.5233877e-06, -4.39150654e-06, 0.00021858087,
                  -0.00125372503, -0.00417768164, 0.246640727, 1.50140941)
_ERFINV_TAIL = (-0.000200214257, 0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773,
                -0.0076224613, 0.00943887047, 1.00167406, 2.83297682)


def _horner(coefficients: tuple[float, ...], w: np.ndarray) -> np.ndarray:
    result = np.zeros_like(w)
    for coefficient in coefficients:
        result = result * w + coefficient
    return result


def _erfinv64(y: np.ndarray) -> np.ndarray:
    """erf⁻¹(y) in float64: Giles's approximation, then Newton steps on math.erf; ±inf at ±1, NaN beyond."""
    y = np.asarray(y, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        w = -np.log((1 - y) * (1 + y))
        x = y * np.where(w < 5, _horner(_ERFINV_CENTRE, w - 2.5), _horner(_ERFINV_TAIL, np.sqrt(w) - 3))
        inside = np.abs(y) < 1
        for _ in range(3):  # x ← x − (erf x − y)/erf′(x)
            error = np.asarray(_erf_each(np.where(inside, x, 0.0)), dtype=np.float64) - np.where(inside, y, 0.0)
            x = np.where(inside, x - error / (2 / math.sqrt(math.pi) * np.exp(-x * x)), x)
    x = np.where(np.abs(y) == 1, np.copysign(np.inf, y), x)
    return np.where(np.abs(y) > 1, np.nan, x)


erf = defop(
    "erf", "ErfBackward0", "erf", _in_input_dtype(_erf_each), public=True, method=True,
    a=rule("∂erf(a)/∂a = 2/√π · e^(−a²)", lambda grad, a: grad * ((2 / math.sqrt(math.pi)) * exp(-(a * a)))),
)
erfinv = defop(
    "erfinv", "ErfinvBackward0", "erf⁻¹", _in_input_dtype(_erfinv64), public=True, method=True,
    a=rule("∂erf⁻¹(a)/∂a = (√π/2)·e^(erf⁻¹(a)²)", lambda grad, out: grad * (math.sqrt(math.pi) / 2) * exp(out * out)),
)


def _polygamma_method(self: Tensor, n: int) -> Tensor:
    return polygamma(n, self)


methods({
    "lgamma_": lambda self: _views.run_inplace(self, lgamma), "digamma_": lambda self: _views.run_inplace(self, digamma),
    "polygamma": _polygamma_method, "erfinv_": lambda self: _views.run_inplace(self, erfinv),
})


# -- round(x, decimals=d): PyTorch's other round, RoundBackward1 ----------------------------------------------


def _round_forward(a: np.ndarray, decimals: int) -> np.ndarray:
    """a rounded half to even at ``decimals`` places (negative: to tens, hundreds ...), in a's dtype."""
    if decimals == 0:
        return np.round(a)
    if a.dtype.kind != "f":
        return np.round(a, decimals)
    scale = a.dtype.type(10.0 ** abs(decimals))
    if decimals > 0:  # PyTorch's kernel: nearbyint(a·10ᵈ)/10ᵈ
        return np.rint(a * scale) / scale
    return np.rint(a / scale) * scale


round_decimals = defop(
    "round_decimals",
    "RoundBackward1",
    "round",
    _round_forward,
    a=rule("∂round(a, d)/∂a = 0", lambda grad: grad * 0),
)


@export(method=True)
def round(input: Tensor, *, decimals: int | None = None) -> Tensor:  # noqa: A001 - PyTorch's name
    """Round half to even; with ``decimals``, to that many places (negative: tens, hundreds ...).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.round(torch.tensor([0.5, 1.5, 2.4]))
    tensor([0., 2., 2.])
    >>> torch.tensor([1.26, 13.0]).round(decimals=1)
    tensor([ 1.3000, 13.0000])
    """
    if decimals is None:
        return round_op(input)
    return round_decimals(input, decimals=decimals)



# -- shifts, comparison aliases, in-place comparisons and bit operations (branch s12_methods) --------------


def _shift(left: bool) -> Any:
    """``a << b`` or ``a >> b`` as PyTorch's CPU kernel: a shift by a negative count or by the width of the
    type or more gives 0 (left) or the sign (right), where C leaves it undefined."""

    def shift(a: Any, b: Any) -> np.ndarray:
        kind = np.result_type(a, b)
        a, b = np.asarray(a).astype(kind, copy=False), np.asarray(b).astype(kind, copy=False)
        width = kind.itemsize * 8
        outside = (b < 0) | (b >= width)
        count = np.where(outside, 0, b).astype(kind, copy=False)
        if left:
            return np.where(outside, 0, np.left_shift(a, count)).astype(kind, copy=False)
        sign = np.right_shift(a, width - 1) if kind.kind == "i" else np.zeros_like(a)
        return np.where(outside, sign, np.right_shift(a, count)).astype(kind, copy=False)

    shift.nin = 2  # (for _on_bits: two inputs)
    return shift


bitwise_left_shift = defop_nograd(
    "bitwise_left_shift", _on_bits(_shift(left=True), "lshift", "multiplication by 2**n"), promotes=True,
)
bitwise_right_shift = defop_nograd(
    "bitwise_right_shift", _on_bits(_shift(left=False), "rshift", "floor division by 2**n"), promotes=True,
)


def _number_first(op: Any) -> Any:
    """``op`` taking a number as its first input too (``torch.bitwise_left_shift(2, x)``): made a 0-d tensor
    of the other input's dtype, as PyTorch wraps it."""

    def function(input: Any, other: Any) -> Tensor:
        if not isinstance(input, Tensor) and isinstance(other, Tensor):
            input = Tensor._wrap(np.asarray(input, dtype=np.result_type(other._array, input)))
        return op(input, other)

    function.__name__ = op.name
    function.__doc__ = op.__doc__
    return function


export(_number_first(bitwise_left_shift), name="bitwise_left_shift")
export(_number_first(bitwise_right_shift), name="bitwise_right_shift")


def _reflected(op: Any) -> Any:
    """``number <op> tensor`` (``1 << x``, ``3 & x``): the number first, as the operator reads."""
    function = _number_first(op)
    return lambda self, other: function(other, self)


_COMPARISONS = {  # PyTorch's name: (our op, node prefix, NumPy's comparison, the sign the pictures show)
    "eq": (eq, "Eq", np.equal, "="), "ne": (ne, "Ne", np.not_equal, "≠"), "lt": (lt, "Lt", np.less, "<"),
    "le": (le, "Le", np.less_equal, "≤"), "gt": (gt, "Gt", np.greater, ">"), "ge": (ge, "Ge", np.greater_equal, "≥"),
}
_COMPARISON_ALIASES = {"greater": "gt", "greater_equal": "ge", "less": "lt", "less_equal": "le", "not_equal": "ne"}


def _compared_in_dtype(compare: Any) -> tuple[Any, Any]:
    """``compare(a, b)`` written as a's dtype (1 and 0), what ``x.eq_(y)`` leaves in ``x``: the forwards for
    a number (a keyword, ``other``) and for a tensor (an input, ``b``)."""

    def with_tensor(a: np.ndarray, b: Any) -> np.ndarray:
        return compare(a, b).astype(a.dtype, copy=False)

    def with_number(a: np.ndarray, other: Any) -> np.ndarray:
        return with_tensor(a, other)

    return with_number, with_tensor


def _comparison_in_place(name: str, node: str, compare: Any, sign: str) -> Any:
    """``x.eq_(y)`` ...: PyTorch records EqBackward0 (a number) or EqBackward1 (a tensor), whose gradient is 0."""
    number_forward, tensor_forward = _compared_in_dtype(compare)
    with_number = defop(
        f"{name}_", f"{node}Backward0", sign, number_forward,
        a=rule(f"∂[a {sign} c]/∂a = 0", lambda grad: grad * 0),
    )
    with_tensor = defop(
        f"{name}_tensor_", f"{node}Backward1", sign, tensor_forward,
        a=rule(f"∂[a {sign} b]/∂a = 0", lambda grad: grad * 0),
        b=rule(f"∂[a {sign} b]/∂b = 0", lambda grad: grad * 0),
    )

    def in_place(self: Tensor, other: Any) -> Tensor:
        if isinstance(other, Tensor):
            return _views.run_inplace(self, with_tensor, other)
        return _views.run_inplace(self, with_number, other=other)

    in_place.__name__ = f"{name}_"
    return in_place


_in_place_comparisons = {name: _comparison_in_place(name, *rest) for name, (_, *rest) in _COMPARISONS.items()}
methods({f"{name}_": method for name, method in _in_place_comparisons.items()})
methods({f"{alias}_": _in_place_comparisons[name] for alias, name in _COMPARISON_ALIASES.items()})
methods({alias: _binary(_COMPARISONS[name][0]) for alias, name in _COMPARISON_ALIASES.items()})
for _alias, _name in _COMPARISON_ALIASES.items():
    export(_COMPARISONS[_name][0], name=_alias)


def _written_back(function: Any, name: str, on_bits: bool = False) -> Any:
    """``x.name(...)``: ``function(x, ...)`` written into ``x`` (in its dtype), its version counted.

    ``on_bits``: PyTorch's error comes first where the promoted dtype cannot be
    written into ``x`` (``x &= 1.5`` for integers), before the kernel's for floats.
    """

    if isinstance(function, OpDef):  # (x.gcd_(other=y): PyTorch's names of the other inputs)
        function = by_keyword(function, keyword_names(function))

    def in_place(self: Tensor, *args: Any, **kwargs: Any) -> Tensor:
        if on_bits:
            kind = _bits_result_type(self._array, *(values_of(a) for a in (*args, *kwargs.values())))
            if not casts_to(kind, self._array.dtype):
                raise errors.inplace_cast(kind, self._array.dtype)
        return _views.run_inplace(self, function, *args, **kwargs)

    in_place.__name__ = name
    in_place.__doc__ = f"In-place version of ``{name.rstrip('_')}``: changes this tensor and returns it."
    return in_place


def _truth_written(function: Any, name: str) -> Any:
    """``x.logical_and_(y)`` ...: the truth values written into ``x`` (1 and 0 in its dtype), its version
    counted.  PyTorch has no derivative for them and records nothing: ``x`` keeps its history, and a leaf
    that requires grad is not refused."""

    def in_place(self: Tensor, *args: Any, **kwargs: Any) -> Tensor:
        if self._version_counter is INFERENCE and not _grad_mode.inference:
            raise messages.error("inference_inplace")
        others = (*args, *(kwargs.pop(n) for n in ("other",) if n in kwargs))  # (x.logical_and_(other=y))
        return _views.write(self, function(self._array, *(values_of(a) for a in others), **kwargs))

    in_place.__name__ = name
    in_place.__doc__ = f"In-place version of ``{name.rstrip('_')}``: changes this tensor and returns it."
    return in_place


def _where_method(self: Tensor, condition: Tensor, other: Any) -> Tensor:
    """``x.where(condition, y)``: ``torch.where(condition, x, y)``."""
    return where(condition, self, other)


_BIT_OPS = {
    "bitwise_and": bitwise_and, "bitwise_or": bitwise_or, "bitwise_xor": bitwise_xor,
    "bitwise_left_shift": _number_first(bitwise_left_shift), "bitwise_right_shift": _number_first(bitwise_right_shift),
}
methods({name: _binary(op) if isinstance(op, OpDef) else op for name, op in _BIT_OPS.items() if name != "bitwise_xor"})
methods({f"{name}_": _written_back(op, f"{name}_", on_bits=True) for name, op in _BIT_OPS.items()})
methods({
    "bitwise_not": bitwise_not, "bitwise_not_": _written_back(bitwise_not, "bitwise_not_", on_bits=True),
    "__lshift__": _BIT_OPS["bitwise_left_shift"], "__rshift__": _BIT_OPS["bitwise_right_shift"],
    "__rlshift__": _reflected(bitwise_left_shift), "__rrshift__": _reflected(bitwise_right_shift),
    "__rand__": _binary(bitwise_and), "__ror__": _binary(bitwise_or), "__rxor__": _binary(bitwise_xor),
    "__iand__": _written_back(bitwise_and, "__iand__", on_bits=True), "__ior__": _written_back(bitwise_or, "__ior__", on_bits=True),
    "__ixor__": _written_back(bitwise_xor, "__ixor__", on_bits=True),
    "__ilshift__": _written_back(_BIT_OPS["bitwise_left_shift"], "__ilshift__", on_bits=True),
    "__irshift__": _written_back(_BIT_OPS["bitwise_right_shift"], "__irshift__", on_bits=True),
    "logical_and_": _truth_written(logical_and, "logical_and_"), "logical_or_": _truth_written(logical_or, "logical_or_"),
    "logical_xor_": _truth_written(logical_xor, "logical_xor_"), "logical_not_": _truth_written(logical_not, "logical_not_"),
    "where": _where_method,
})


# -- gcd, lcm, ldexp, logaddexp2, nextafter, heaviside as a method (branch s12_methods) ----------------------

gcd = defop_nograd("gcd", _on_bits(np.gcd, "gcd", "integers (x.long())"), public=True)
lcm = defop_nograd("lcm", _on_bits(np.lcm, "lcm", "integers (x.long())"), public=True)


def _ldexp_forward(a: Any, b: Any) -> np.ndarray:
    """``a · 2ᵇ``, as PyTorch's ``input * pow(2, other)`` (exact for whole b; integers give floats)."""
    return np.multiply(a, np.exp2(b))


def _powers_of_two(b: Any, like: Any) -> Any:
    """2ᵇ in the gradient's dtype: for integer b (which takes no gradient) as PyTorch's backward computes it,
    an integer power, so 0 for a negative b; for float b, recorded."""
    exponents = values_of(b)
    if exponents.dtype.kind != "f":
        powers = np.ldexp(np.ones(np.shape(exponents), values_of(like).dtype), np.maximum(exponents, 0).astype(np.int32))
        return np.where(exponents < 0, 0, powers).astype(values_of(like).dtype, copy=False)
    return exp2(b)


ldexp = defop(
    "ldexp", "LdexpBackward0", "a·2ᵇ", _ldexp_forward, public=True, method=True, promotes=True,
    a=rule("∂(a·2ᵇ)/∂a = 2ᵇ", lambda grad, b: grad * _powers_of_two(b, grad)),
    b=rule("∂(a·2ᵇ)/∂b = a·2ᵇ·ln 2", lambda grad, a, b: grad * a * _powers_of_two(b, grad) * _LN2),
)


def _logaddexp2_forward(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """log₂(2ᵃ + 2ᵇ) as PyTorch computes it: max + log₂(1 + 2^(−|a − b|)), and ±∞ where a = b = ±∞."""
    if np.result_type(a, b).kind != "f":
        raise messages.error("activation_not_floating", kernel="logaddexp2_cpu", dtype_name=errors.scalar_type_name(np.result_type(a, b)))
    both_infinite = np.isinf(a) & (a == b)
    with np.errstate(invalid="ignore"):
        general = np.maximum(a, b) + np.log1p(np.exp2(-np.abs(a - b))) / _LN2
    return np.where(both_infinite, a, general)


logaddexp2 = defop(
    "logaddexp2", "Logaddexp2Backward0", "logaddexp2", _logaddexp2_forward, public=True, method=True, promotes=True,
    a=rule("∂log₂(2ᵃ + 2ᵇ)/∂a = 1/(1 + 2^(b − a))", lambda grad, a, b: grad / (exp2(b - a) + 1)),
    b=rule("∂log₂(2ᵃ + 2ᵇ)/∂b = 1/(1 + 2^(a − b))", lambda grad, a, b: grad / (exp2(a - b) + 1)),
)
nextafter = defop(
    "nextafter", "NextafterBackward0", "nextafter", np.nextafter, public=True, method=True, promotes=True,
    a=rule("∂nextafter(a, b)/∂a = 1 where a ≠ b, else 0", lambda grad, a, b: grad * (values_of(a) != values_of(b))),
    b=rule("∂nextafter(a, b)/∂b = 0", lambda grad: grad * 0),
)

methods({
    "heaviside": heaviside, "heaviside_": _written_back(heaviside, "heaviside_"),
    "gcd": _binary(gcd), "lcm": _binary(lcm),
    "gcd_": _written_back(gcd, "gcd_", on_bits=True), "lcm_": _written_back(lcm, "lcm_", on_bits=True),
    "ldexp_": _written_back(ldexp, "ldexp_"), "nextafter_": _written_back(nextafter, "nextafter_"),
})
