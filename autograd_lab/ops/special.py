"""The special functions of ``torch.special`` the rest of the table lacks (branch s10_special).

Differentiable ones have PyTorch's node names and derivatives.yaml's rules
(``SpecialErfcxBackward0``, ``I0Backward0`` ...); where PyTorch has no
derivative (``zeta`` and the incomplete gamma functions in their first
argument) the rule raises its NotImplementedError, at backward as PyTorch
does.  The Bessel functions, Airy's Ai and the orthogonal polynomials
give values only: PyTorch records no graph for them either.  The numbers
come from ``_special_kernels.py``; ``autograd_lab.special`` is the module
lessons import.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from .. import _views, messages
from ..messages import errors
from ..tensor import Tensor
from . import _special_kernels as kernels
from ._core import defop, defop_nograd, export, methods, rule, values_of
from .elementwise import _in_input_dtype, digamma, exp, lgamma, log, reciprocal, sgn, where

_TWO_OVER_SQRT_PI = 2 / math.sqrt(math.pi)
_SQRT_2PI = math.sqrt(2 * math.pi)


def _not_implemented(name: str) -> Callable:
    """A rule for an input PyTorch cannot differentiate: backward() raises its NotImplementedError."""

    def refuse(grad: Any) -> Any:
        raise messages.error("special_derivative_not_implemented", name=name)

    return refuse


def _float_dtype(*values: Any) -> np.dtype:
    """The dtype two inputs compute in, PyTorch's: the float dtype of the tensors with dimensions, else
    of the 0-d ones; float64 for integers and numbers alone (PyTorch's promotion then makes that the
    default float32, see ops/_core.py)."""
    arrays = [v for v in values if isinstance(v, np.ndarray)]
    for group in ([a.dtype for a in arrays if a.ndim], [a.dtype for a in arrays if not a.ndim]):
        floats = [d for d in group if d.kind == "f"]
        if floats:
            return np.result_type(*floats)
    return np.dtype(np.float64)


def _type_names(*values: Any) -> str:
    """Python's names of the arguments' types, as PyTorch's argument parser lists them: "float, int"."""
    return ", ".join(type(v).__name__ for v in values)


def _binary(function: Callable) -> Callable:
    """A float64 kernel of two inputs, its result in their common float dtype."""

    def forward(a: Any, b: Any) -> np.ndarray:
        dtype = _float_dtype(a, b)
        with np.errstate(all="ignore"):
            values = function(np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64))
        return np.asarray(values, dtype=np.float64).astype(dtype, copy=False)

    return forward


# -- the error function's relatives ----------------------------------------------------------------------------

erfc = defop(
    "erfc",
    "ErfcBackward0",
    "erfc",
    _in_input_dtype(kernels.erfc64),
    public=True,
    method=True,
    a=rule("∂erfc(a)/∂a = −2/√π · e^(−a²)", lambda grad, a: -_TWO_OVER_SQRT_PI * exp(-(a * a)) * grad),
)
erfcx = defop(
    "special_erfcx",
    "SpecialErfcxBackward0",
    "erfcx",
    _in_input_dtype(kernels.erfcx64),
    a=rule(
        "∂erfcx(a)/∂a = 2a·erfcx(a) − 2/√π", lambda grad, a, out: (2.0 * a * out - _TWO_OVER_SQRT_PI) * grad
    ),
)
ndtri = defop(
    "special_ndtri",
    "SpecialNdtriBackward0",
    "Φ⁻¹",
    _in_input_dtype(kernels.ndtri64),
    a=rule("∂Φ⁻¹(a)/∂a = √(2π)·e^(Φ⁻¹(a)²/2)", lambda grad, out: grad * _SQRT_2PI * exp(out * out / 2)),
)
log_ndtr = defop(
    "special_log_ndtr",
    "SpecialLogNdtrBackward0",
    "log Φ",
    _in_input_dtype(kernels.log_ndtr64),
    a=rule(
        "∂log Φ(a)/∂a = e^(−a²/2 − log Φ(a))/√(2π)",
        lambda grad, a, out: grad / _SQRT_2PI * exp(-(out + a * a / 2)),
    ),
)


def _entr64(x: np.ndarray) -> np.ndarray:
    """−x·ln x for x > 0, 0 at 0, −inf below, NaN for NaN."""
    with np.errstate(all="ignore"):
        values = -x * np.log(x)
    values = np.where(x == 0, 0.0, np.where(x < 0, -np.inf, values))
    return np.where(np.isnan(x), x, values)


entr = defop(
    "special_entr",
    "SpecialEntrBackward0",
    "−x ln x",
    _in_input_dtype(_entr64),
    a=rule("∂(−a ln a)/∂a = −(1 + ln a)", lambda grad, a: grad * (-(1 + log(a)))),
)


# -- modified Bessel functions of the first kind -----------------------------------------------------------------


def _tiny_guarded(a: Any) -> tuple[Any, Any]:
    """(a with values within one epsilon of 0 replaced by epsilon, the mask of the others): PyTorch's
    i1_backward, whose formula divides by a, and takes the limit ½ there instead."""
    values = values_of(a)
    eps = float(np.finfo(values.dtype).eps)
    not_tiny = np.abs(values) > eps
    return where(not_tiny, a, eps), not_tiny


def _i1_rule(grad: Any, a: Any, out: Any) -> Any:
    """∂I₁(a)/∂a = I₀(a) − I₁(a)/a, ½ at a = 0."""
    safe, not_tiny = _tiny_guarded(a)
    return grad * where(not_tiny, i0(safe) - out * reciprocal(safe), 0.5)


def _i1e_rule(grad: Any, a: Any, out: Any) -> Any:
    """∂(e^(−|a|) I₁(a))/∂a = e^(−|a|) I₀(a) − out·(sgn a + 1/a), ½ at a = 0."""
    safe, not_tiny = _tiny_guarded(a)
    return grad * where(not_tiny, i0e(safe) - out * (sgn(safe) + reciprocal(safe)), 0.5)


i0 = defop(
    "i0",
    "I0Backward0",
    "I₀",
    _in_input_dtype(kernels.i0_64),
    public=True,
    method=True,
    a=rule("∂I₀(a)/∂a = I₁(a)", lambda grad, a: grad * i1(a)),
)
i0e = defop(
    "special_i0e",
    "SpecialI0EBackward0",
    "e^(−|a|) I₀",
    _in_input_dtype(kernels.i0e64),
    a=rule(
        "∂(e^(−|a|) I₀(a))/∂a = e^(−|a|) I₁(a) − sgn(a)·out",
        lambda grad, a, out: grad * (i1e(a) - sgn(a) * out),
    ),
)
i1 = defop(
    "special_i1",
    "SpecialI1Backward0",
    "I₁",
    _in_input_dtype(kernels.i1_64),
    a=rule("∂I₁(a)/∂a = I₀(a) − I₁(a)/a", _i1_rule),
)
i1e = defop(
    "special_i1e",
    "SpecialI1EBackward0",
    "e^(−|a|) I₁",
    _in_input_dtype(kernels.i1e64),
    a=rule("∂(e^(−|a|) I₁(a))/∂a = e^(−|a|) I₀(a) − out·(sgn a + 1/a)", _i1e_rule),
)


# -- xlog1py ---------------------------------------------------------------------------------------------------


def _xlog1py64(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a·log(1 + b), 0 where a = 0, NaN where b is NaN."""
    values = a * np.log1p(b)
    return np.where(np.isnan(b), np.nan, np.where(a == 0, 0.0, values))


_xlog1py_forward = _binary(_xlog1py64)


def _xlog1py_self_rule(grad: Any, a: Any, b: Any) -> Any:
    """∂(a log(1 + b))/∂a = log(1 + b), 0 where a = 0 and b ≤ −1."""
    zero = (values_of(a) == 0) & (values_of(b) <= -1)
    return where(zero, 0.0, xlog1py_tensor(grad, b))


xlog1py_tensor = defop(
    "special_xlog1py",
    "SpecialXlog1PyBackward0",
    "x·log(1+y)",
    _xlog1py_forward,
    promotes=True,
    a=rule("∂(a log(1 + b))/∂a = log(1 + b)", _xlog1py_self_rule),
    b=rule("∂(a log(1 + b))/∂b = a/(1 + b)", lambda grad, a, b: grad * a / (b + 1)),
)
xlog1py_scalar_self = defop(
    "special_xlog1py_scalar_self",
    "SpecialXlog1PyBackward1",
    "x·log(1+y)",
    lambda b, scalar: _xlog1py_forward(scalar, b),
    promotes=True,
    b=rule("∂(c log(1 + b))/∂b = c/(1 + b)", lambda grad, b, scalar: grad * scalar / (b + 1)),
)
xlog1py_scalar_other = defop(
    "special_xlog1py_scalar_other",
    "SpecialXlog1PyBackward2",
    "x·log(1+y)",
    lambda a, other: _xlog1py_forward(a, other),
    promotes=True,
    a=rule("∂(a log(1 + c))/∂a = log(1 + c)", lambda grad, a, other: _xlog1py_self_rule(grad, a, other)),
)
xlog1py_tensor.saved_rule_names = {"self": "a", "other": "b"}
xlog1py_scalar_self.saved_rule_names = {"other": "b"}
xlog1py_scalar_other.saved_rule_names = {"self": "a"}


def xlog1py(input: Any, other: Any) -> Tensor:
    """``input * log1p(other)``, taken as 0 where ``input`` is 0.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.special.xlog1py(torch.tensor([0.0, 2.0]), torch.tensor([-1.0, 1.0]))
    tensor([0.0000, 1.3863])
    """
    if not isinstance(input, Tensor):
        if not isinstance(other, Tensor):
            raise messages.error(
                "special_two_numbers", name="special_xlog1py", types=_type_names(input, other)
            )
        return xlog1py_scalar_self(other, scalar=input)
    if not isinstance(other, Tensor):
        return xlog1py_scalar_other(input, other=other)
    return xlog1py_tensor(input, other)


# -- Hurwitz zeta and the incomplete gamma functions ------------------------------------------------------------

_zeta_each = np.frompyfunc(kernels.zeta_of, 2, 1)
_zeta_forward = _binary(_zeta_each)


def _zeta_other_rule(grad: Any, a: Any, b: Any) -> Any:
    """∂ζ(a, b)/∂b = −a·ζ(a + 1, b)."""
    return grad * -a * zeta_tensor(a + 1.0, b)


zeta_tensor = defop(
    "special_zeta",
    "SpecialZetaBackward0",
    "ζ",
    _zeta_forward,
    promotes=True,
    a=rule("∂ζ(a, b)/∂a: not implemented, as in PyTorch", _not_implemented("zeta")),
    b=rule("∂ζ(a, b)/∂b = −a·ζ(a + 1, b)", _zeta_other_rule),
)
zeta_scalar_self = defop(
    "special_zeta_scalar_self",
    "SpecialZetaBackward1",
    "ζ",
    lambda b, scalar: _zeta_forward(scalar, b),
    promotes=True,
    b=rule(
        "∂ζ(c, b)/∂b = −c·ζ(c + 1, b)",
        lambda grad, b, scalar: grad * -scalar * zeta_scalar_self(b, scalar=scalar + 1.0),
    ),
)
zeta_scalar_other = defop(
    "special_zeta_scalar_other",
    "SpecialZetaBackward2",
    "ζ",
    lambda a, other: _zeta_forward(a, other),
    promotes=True,
    a=rule("∂ζ(a, c)/∂a: not implemented, as in PyTorch", _not_implemented("zeta")),
)
zeta_tensor.saved_rule_names = {"self": "a", "other": "b"}
zeta_scalar_self.saved_rule_names = {"other": "b"}
zeta_scalar_other.saved_rule_names = {"self": "a"}


def zeta(input: Any, other: Any) -> Tensor:
    """The Hurwitz zeta function ζ(x, q) = Σₖ (k + q)^(−x); ``zeta(x, 1)`` is Riemann's ζ(x).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.special.zeta(torch.tensor([2.0, 4.0]), 1.0)
    tensor([1.6449, 1.0823])
    """
    if not isinstance(input, Tensor):
        if not isinstance(other, Tensor):
            raise messages.error("special_two_numbers", name="special_zeta", types=_type_names(input, other))
        return zeta_scalar_self(other, scalar=input)
    if not isinstance(other, Tensor):
        return zeta_scalar_other(input, other=other)
    return zeta_tensor(input, other)


def _igamma_forward(upper: bool) -> Callable:
    each = np.frompyfunc(lambda a, x: kernels.igamma_of(a, x, upper), 2, 1)
    name = "igammac_cpu" if upper else "igamma_cpu"

    def forward(a: np.ndarray, x: np.ndarray) -> np.ndarray:
        for values in (a, x):
            if np.asarray(values).dtype.kind != "f":
                dtype_name = errors.scalar_type_name(np.result_type(a, x))
                raise messages.error("special_not_implemented_for", kernel=name, dtype_name=dtype_name)
        return _binary(each)(a, x)

    return forward


def _igamma_other_rule(grad: Any, a: Any, b: Any) -> Any:
    """∂P(a, x)/∂x = x^(a−1) e^(−x)/Γ(a)."""
    return grad * exp((a - 1) * log(b) - b - lgamma(a))


igamma = defop(
    "igamma",
    "IgammaBackward0",
    "P",
    _igamma_forward(False),
    promotes=True,
    public=True,
    method=True,
    a=rule("∂P(a, x)/∂a: not implemented, as in PyTorch", _not_implemented("igamma: input")),
    b=rule("∂P(a, x)/∂x = x^(a−1) e^(−x)/Γ(a)", _igamma_other_rule),
)
igammac = defop(
    "igammac",
    "IgammacBackward0",
    "Q",
    _igamma_forward(True),
    promotes=True,
    public=True,
    method=True,
    a=rule("∂Q(a, x)/∂a: not implemented, as in PyTorch", _not_implemented("igammac: input")),
    b=rule(
        "∂Q(a, x)/∂x = −x^(a−1) e^(−x)/Γ(a)", lambda grad, a, b: -grad * exp((a - 1) * log(b) - b - lgamma(a))
    ),
)
igamma.saved_rule_names = {"self": "a", "other": "b"}
igammac.saved_rule_names = {"self": "a", "other": "b"}


# -- the multivariate log-gamma ---------------------------------------------------------------------------------


def _mvlgamma_offsets(p: int, dtype: np.dtype) -> np.ndarray:
    """−(p−1)/2, ..., −½, 0: PyTorch's arange(−p/2 + ½, ½, ½)."""
    return np.arange(-p / 2 + 0.5, 0.5, 0.5).astype(dtype)


def _mvlgamma_forward(a: np.ndarray, p: int) -> np.ndarray:
    """Σⱼ log Γ(a − j/2) + p(p − 1)/4 · log π."""
    dtype = a.dtype if a.dtype.kind == "f" else np.dtype(np.float32)
    args = a.astype(dtype)[..., None] + _mvlgamma_offsets(p, dtype)
    return (lgamma(args).sum(-1) + p * (p - 1) * math.log(math.pi) * 0.25).astype(dtype, copy=False)


def _mvlgamma_rule(grad: Any, a: Any, p: int) -> Any:
    """∂/∂a = Σⱼ ψ(a − j/2)."""
    offsets = _mvlgamma_offsets(p, values_of(a).dtype)
    args = a.unsqueeze(-1) + Tensor._wrap(offsets) if isinstance(a, Tensor) else a[..., None] + offsets
    return grad * digamma(args).sum(-1)


mvlgamma_op = defop(
    "mvlgamma",
    "MvlgammaBackward0",
    "log Γₚ",
    _mvlgamma_forward,
    a=rule("∂ log Γₚ(a)/∂a = Σⱼ ψ(a − j/2)", _mvlgamma_rule),
)


def checked_mvlgamma(input: Tensor, p: int, name: str, position: int) -> Tensor:
    """``mvlgamma`` after PyTorch's checks of ``p``, named in the error as the caller is (``name``, ``position``)."""
    if isinstance(p, bool) or not isinstance(p, int | np.integer):
        raise messages.error("special_p_int", name=name, position=position, type_name=type(p).__name__)
    if p < 1:
        raise messages.error("special_mvlgamma_p")
    return mvlgamma_op(input, p=int(p))


@export
def mvlgamma(input: Tensor, p: int) -> Tensor:
    """The multivariate log-gamma function of dimension ``p``, elementwise.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.mvlgamma(torch.tensor([2.0, 3.0]), 2)
    tensor([0.4516, 1.5502])
    """
    return checked_mvlgamma(input, p, "mvlgamma", 2)


methods(
    {
        "mvlgamma": lambda self, p: checked_mvlgamma(self, p, "mvlgamma", 1),
        "erfc_": lambda self: _views.run_inplace(self, erfc),
        "i0_": lambda self: _views.run_inplace(self, i0),
        "igamma_": lambda self, other: _views.run_inplace(self, igamma, other),
        "igammac_": lambda self, other: _views.run_inplace(self, igammac, other),
        "mvlgamma_": lambda self, p: _views.run_inplace(self, mvlgamma, p),
    }
)


# -- values only: Bessel functions, Airy's Ai, orthogonal polynomials -------------------------------------------

bessel_j0 = defop_nograd("special_bessel_j0", _in_input_dtype(kernels.j0_64))
bessel_j1 = defop_nograd("special_bessel_j1", _in_input_dtype(kernels.j1_64))
bessel_y0 = defop_nograd("special_bessel_y0", _in_input_dtype(kernels.y0_64))
bessel_y1 = defop_nograd("special_bessel_y1", _in_input_dtype(kernels.y1_64))
modified_bessel_i0 = defop_nograd("special_modified_bessel_i0", _in_input_dtype(kernels.i0_64))
modified_bessel_i1 = defop_nograd("special_modified_bessel_i1", _in_input_dtype(kernels.i1_64))
modified_bessel_k0 = defop_nograd("special_modified_bessel_k0", _in_input_dtype(kernels.k0_64))
modified_bessel_k1 = defop_nograd("special_modified_bessel_k1", _in_input_dtype(kernels.k1_64))
scaled_modified_bessel_k0 = defop_nograd("special_scaled_modified_bessel_k0", _in_input_dtype(kernels.k0e64))
scaled_modified_bessel_k1 = defop_nograd("special_scaled_modified_bessel_k1", _in_input_dtype(kernels.k1e64))
spherical_bessel_j0 = defop_nograd("special_spherical_bessel_j0", _in_input_dtype(kernels.spherical_j0_64))
airy_ai = defop_nograd("special_airy_ai", _in_input_dtype(kernels.airy_ai64))

POLYNOMIALS = (
    "chebyshev_polynomial_t",
    "chebyshev_polynomial_u",
    "chebyshev_polynomial_v",
    "chebyshev_polynomial_w",
    "shifted_chebyshev_polynomial_t",
    "shifted_chebyshev_polynomial_u",
    "shifted_chebyshev_polynomial_v",
    "shifted_chebyshev_polynomial_w",
    "hermite_polynomial_h",
    "hermite_polynomial_he",
    "laguerre_polynomial_l",
    "legendre_polynomial_p",
)


def _polynomial_forward(kind: str) -> Callable:
    def forward(x: Any, n: Any) -> np.ndarray:
        dtype = _float_dtype(x, n)  # (PyTorch casts both to the common dtype, then n to a whole number)
        return kernels.polynomial(kind, np.asarray(x, dtype=dtype), np.asarray(n, dtype=dtype))

    return forward


POLYNOMIAL_OPS = {
    kind: defop_nograd(f"special_{kind}", _polynomial_forward(kind), promotes=True) for kind in POLYNOMIALS
}
