"""``torch.special``: the error function and its relatives, gamma and Bessel functions, polynomials.

The functions PyTorch 2.13's ``torch.special`` holds, by its names.  Many
are the ops ``autograd_lab`` already has under another name, and record
the same nodes as PyTorch: ``expit`` is ``sigmoid`` (``SigmoidBackward0``),
``gammaln`` is ``lgamma``, ``psi`` is ``digamma``, ``multigammaln`` is
``mvlgamma``, ``gammainc``/``gammaincc`` are ``igamma``/``igammac``.  The
others are rows of ``ops/special.py``: ``erfcx``, ``ndtri``, ``log_ndtr``,
``i0e``, ``i1``, ``i1e``, ``entr``, ``xlog1py``, ``zeta`` have PyTorch's
derivatives (``zeta`` and ``gammainc`` in their first argument none, as in
PyTorch); ``ndtr`` is PyTorch's composite ``(1 + erf(x/√2))·½``.  The
Bessel functions, Airy's ``airy_ai`` and the orthogonal polynomials give
values only, as PyTorch's do.

Examples
--------
>>> import autograd_lab as torch
>>> x = torch.tensor([0.0, 1.0], requires_grad=True)
>>> torch.special.expit(x)
tensor([0.5000, 0.7311], grad_fn=<SigmoidBackward0>)
>>> torch.special.ndtr(torch.tensor([0.0, 1.96]))
tensor([0.5000, 0.9750])
>>> torch.special.erfcx(torch.tensor([0.0, 30.0]))
tensor([1.0000, 0.0188])
"""

from __future__ import annotations

import math as _math
from typing import Any

from . import messages as _messages
from .ops import PUBLIC as _PUBLIC
from .ops import load as _load_ops
from .ops import special as _ops
from .ops.elementwise import erf as _erf_op
from .ops.elementwise import round_decimals as _round_decimals
from .ops.nn import add_scalar as _add_scalar
from .ops.sorting import mul_scalar as _mul_scalar
from .tensor import Tensor

_load_ops("special")  # (torch.erfc and torch.i0 finished, as torch.special gives them)
digamma = psi = _PUBLIC["digamma"]
erf = _PUBLIC["erf"]
erfc = _PUBLIC["erfc"]
erfinv = _PUBLIC["erfinv"]
exp2 = _PUBLIC["exp2"]
expit = _PUBLIC["sigmoid"]
expm1 = _PUBLIC["expm1"]
gammaln = _PUBLIC["lgamma"]
i0 = _PUBLIC["i0"]
log1p = _PUBLIC["log1p"]
logit = _PUBLIC["logit"]
logsumexp = _PUBLIC["logsumexp"]
polygamma = _PUBLIC["polygamma"]
sinc = _PUBLIC["sinc"]
xlogy = _PUBLIC["xlogy"]
erfcx = _ops.erfcx
ndtri = _ops.ndtri
log_ndtr = _ops.log_ndtr
entr = _ops.entr
i0e = _ops.i0e
i1 = _ops.i1
i1e = _ops.i1e
xlog1py = _ops.xlog1py
zeta = _ops.zeta
bessel_j0 = _ops.bessel_j0
bessel_j1 = _ops.bessel_j1
bessel_y0 = _ops.bessel_y0
bessel_y1 = _ops.bessel_y1
modified_bessel_i0 = _ops.modified_bessel_i0
modified_bessel_i1 = _ops.modified_bessel_i1
modified_bessel_k0 = _ops.modified_bessel_k0
modified_bessel_k1 = _ops.modified_bessel_k1
scaled_modified_bessel_k0 = _ops.scaled_modified_bessel_k0
scaled_modified_bessel_k1 = _ops.scaled_modified_bessel_k1
spherical_bessel_j0 = _ops.spherical_bessel_j0
airy_ai = _ops.airy_ai


def gammainc(input: Tensor, other: Tensor) -> Tensor:
    """The regularized lower incomplete gamma function P(a, x) (``torch.igamma``).

    Differentiable in ``other`` only: PyTorch has no derivative in ``input``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.special.gammainc(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 1.0]))
    tensor([0.6321, 0.2642])
    """
    _tensor_argument("special_gammainc", "input", 1, input)
    _tensor_argument("special_gammainc", "other", 2, other)
    return _ops.igamma(input, other)


def gammaincc(input: Tensor, other: Tensor) -> Tensor:
    """The regularized upper incomplete gamma function Q(a, x) = 1 − P(a, x) (``torch.igammac``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.special.gammaincc(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 1.0]))
    tensor([0.3679, 0.7358])
    """
    _tensor_argument("special_gammaincc", "input", 1, input)
    _tensor_argument("special_gammaincc", "other", 2, other)
    return _ops.igammac(input, other)


def _tensor_argument(function: str, name: str, position: int, value: Any) -> None:
    if not isinstance(value, Tensor):
        raise _messages.error(
            "special_not_tensor",
            function=function,
            name=name,
            position=position,
            type_name=type(value).__name__,
        )


def multigammaln(input: Tensor, p: int) -> Tensor:
    """The multivariate log-gamma function of dimension ``p`` (``torch.mvlgamma``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.special.multigammaln(torch.tensor([1.5, 2.0]), 2)
    tensor([0.4516, 0.4516])
    """
    return _ops.checked_mvlgamma(input, p, "special_multigammaln", 2)


_SQRT_HALF = _math.sqrt(0.5)


def ndtr(input: Tensor) -> Tensor:
    """Φ(x), the standard normal distribution function, as PyTorch computes it: ``(1 + erf(x/√2))·½``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.special.ndtr(torch.tensor([-1.0, 0.0, 1.0]))
    tensor([0.1587, 0.5000, 0.8413])
    """
    if not input.is_floating_point():
        input = input.float()
    return _mul_scalar(_add_scalar(_erf_op(_mul_scalar(input, other=_SQRT_HALF)), other=1), other=0.5)


def round(input: Tensor, *, decimals: int = 0) -> Tensor:  # noqa: A001 - PyTorch's name
    """``input`` rounded half to even, to ``decimals`` places; recorded as ``RoundBackward1`` (zero gradient).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.special.round(torch.tensor([1.25, 2.5, 3.5]))
    tensor([1., 2., 4.])
    >>> torch.special.round(torch.tensor([1.26]), decimals=1)
    tensor([1.3000])
    """
    return _round_decimals(input, decimals=decimals)


def softmax(input: Tensor, dim: int | None = None, *, dtype: Any = None) -> Tensor:
    """``torch.softmax`` along ``dim``; with ``dtype``, the input is cast to it first.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.special.softmax(torch.tensor([0.0, 1.0]), 0)
    tensor([0.2689, 0.7311])
    """
    if dim is None:
        raise _messages.error("special_missing_dim", name="special_softmax")
    return _PUBLIC["softmax"](input if dtype is None else input.to(dtype), dim)


def log_softmax(input: Tensor, dim: int | None = None, *, dtype: Any = None) -> Tensor:
    """``torch.log_softmax`` along ``dim``; with ``dtype``, the input is cast to it first.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.special.log_softmax(torch.tensor([0.0, 1.0]), 0)
    tensor([-1.3133, -0.3133])
    """
    if dim is None:
        raise _messages.error("special_missing_dim", name="special_log_softmax")
    return _PUBLIC["log_softmax"](input if dtype is None else input.to(dtype), dim)


def _polynomial(kind: str) -> Any:
    op = _ops.POLYNOMIAL_OPS[kind]

    def polynomial(input: Any, n: Any) -> Tensor:
        if not isinstance(input, Tensor) and not isinstance(n, Tensor):
            raise _messages.error("special_two_numbers", name=f"special_{kind}", types=_type_names(input, n))
        return op(input, n)

    polynomial.__name__ = polynomial.__qualname__ = kind
    polynomial.__doc__ = f"""The polynomial ``{kind}`` of degree ``n`` at ``input`` (values only, as in PyTorch).

    ``n`` is truncated to a whole number; a negative degree gives 0.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.special.{kind}(torch.tensor([0.5]), 2).shape
    torch.Size([1])
    """
    return polynomial


def _type_names(*values: Any) -> str:
    return ", ".join(type(v).__name__ for v in values)


chebyshev_polynomial_t = _polynomial("chebyshev_polynomial_t")
chebyshev_polynomial_u = _polynomial("chebyshev_polynomial_u")
chebyshev_polynomial_v = _polynomial("chebyshev_polynomial_v")
chebyshev_polynomial_w = _polynomial("chebyshev_polynomial_w")
shifted_chebyshev_polynomial_t = _polynomial("shifted_chebyshev_polynomial_t")
shifted_chebyshev_polynomial_u = _polynomial("shifted_chebyshev_polynomial_u")
shifted_chebyshev_polynomial_v = _polynomial("shifted_chebyshev_polynomial_v")
shifted_chebyshev_polynomial_w = _polynomial("shifted_chebyshev_polynomial_w")
hermite_polynomial_h = _polynomial("hermite_polynomial_h")
hermite_polynomial_he = _polynomial("hermite_polynomial_he")
laguerre_polynomial_l = _polynomial("laguerre_polynomial_l")
legendre_polynomial_p = _polynomial("legendre_polynomial_p")

__all__ = [
    "airy_ai", "bessel_j0", "bessel_j1", "bessel_y0", "bessel_y1", "chebyshev_polynomial_t",
    "chebyshev_polynomial_u", "chebyshev_polynomial_v", "chebyshev_polynomial_w", "digamma", "entr", "erf",
    "erfc", "erfcx", "erfinv", "exp2", "expit", "expm1", "gammainc", "gammaincc", "gammaln",
    "hermite_polynomial_h", "hermite_polynomial_he", "i0", "i0e", "i1", "i1e", "laguerre_polynomial_l",
    "legendre_polynomial_p", "log1p", "log_ndtr", "log_softmax", "logit", "logsumexp", "modified_bessel_i0",
    "modified_bessel_i1", "modified_bessel_k0", "modified_bessel_k1", "multigammaln", "ndtr", "ndtri",
    "polygamma", "psi", "round", "shifted_chebyshev_polynomial_t", "shifted_chebyshev_polynomial_u",
    "shifted_chebyshev_polynomial_v", "shifted_chebyshev_polynomial_w", "scaled_modified_bessel_k0",
    "scaled_modified_bessel_k1", "sinc", "softmax", "spherical_bessel_j0", "xlog1py", "xlogy", "zeta",
]  # fmt: skip


def __getattr__(name: str) -> Any:
    # PyTorch's AttributeError, naming the module as lessons import it
    raise _messages.error("special_no_attribute", name=name)


def __dir__() -> list[str]:
    # the functions, as dir(torch.special) lists them (without this module's helpers)
    return sorted({*__all__, "Tensor", *(name for name in globals() if name.startswith("__"))})
