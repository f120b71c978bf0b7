"""Vector norms: ``x.norm()``, ``torch.norm``, ``torch.linalg.norm`` and ``torch.linalg.vector_norm``.

Every spelling of a vector norm is one PyTorch op, ``linalg_vector_norm``,
recorded as ``LinalgVectorNormBackward0``; so is the Frobenius norm of a
matrix, which is the 2-norm of its elements.  The sums add up in PyTorch's
order (for ``ord=2`` over a contiguous last dimension: eight float32 lanes,
or four float64 ones, then the leftovers), so the values are PyTorch's bit
for bit there.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from .. import _views, messages
from .._dtype import dtype as dtype_class
from .._memory_format import row_major
from ..messages import errors
from ..tensor import Tensor, normalize_dim
from ._core import defop, export, methods, rule, values_of
from .elementwise import abs, logical_or, ne, reciprocal, sign, where
from .reduction import _dims, _kept_shape, sum
from .shape import reshape_op

# -- forward ---------------------------------------------------------------------------------


@row_major  # (a new tensor laid out row by row, as PyTorch's, whatever the order the sums were taken in)
def _vector_norm_forward(a: np.ndarray, ord: float, dim: tuple | None, keepdim: bool) -> np.ndarray:
    dims = tuple(range(a.ndim)) if dim is None else dim
    if ord in (math.inf, -math.inf):
        if a.size == 0:
            raise messages.error("norm_empty_inf")
        extreme = np.max if ord > 0 else np.min
        result = extreme(np.abs(a), axis=dims, keepdims=True)
    elif ord == 0:
        result = np.add.reduce(a != 0, axis=dims, keepdims=True, dtype=a.dtype)
    else:
        rows = _rows_in_memory_order(a, dims)
        inner = _reduces_innermost(a, dims)
        if ord == 2:
            result = np.sqrt(_sum_of_squares(rows) if inner else _sequential_sum(rows * rows))
        elif ord == 1:
            result = _sequential_sum(np.abs(rows))
        else:
            result = _sequential_sum(np.abs(rows) ** a.dtype.type(ord)) ** a.dtype.type(1 / ord)
        result = np.asarray(result, dtype=a.dtype).reshape(_kept_shape(a.shape, dims))
    return result if keepdim else result.reshape([n for i, n in enumerate(a.shape) if i not in dims])


def _rows_in_memory_order(a: np.ndarray, dims: tuple) -> np.ndarray:
    """``a`` as rows to reduce: the kept dimensions first, then the reduced ones in memory order."""
    reduced = sorted(dims, key=lambda axis: -abs(a.strides[axis]))  # outermost first
    moved = np.moveaxis(a, reduced, range(a.ndim - len(reduced), a.ndim))
    return moved.reshape(moved.shape[: a.ndim - len(reduced)] + (-1,))


def _reduces_innermost(a: np.ndarray, dims: tuple) -> bool:
    """Whether the reduced dimensions are the innermost in memory (PyTorch then reduces each row in lanes)."""
    if not dims or a.size == 0:
        return True
    by_stride = sorted((i for i in range(a.ndim) if a.shape[i] != 1), key=lambda axis: abs(a.strides[axis]))
    reduced = [axis for axis in dims if a.shape[axis] != 1]
    return sorted(by_stride[: len(reduced)]) == sorted(reduced) and (
        not reduced or abs(a.strides[by_stride[0]]) == a.itemsize
    )


def _sequential_sum(terms: np.ndarray) -> np.ndarray:
    """Each row summed one term after another, in the dtype (``cumsum`` does not pair terms up)."""
    if terms.shape[-1] == 0:
        return np.zeros(terms.shape[:-1], terms.dtype)
    return np.cumsum(terms, axis=-1, dtype=terms.dtype)[..., -1]


def _sum_of_squares(rows: np.ndarray) -> np.ndarray:
    """Σ x² of each row as PyTorch's vectorized ``norm`` kernel adds it up.

    Lanes of one 256-bit register (8 float32 or 4 float64) each add every
    8th (4th) square; the lanes are added in order; of the leftover
    elements, whole groups of four add their rounded squares, the last
    ones one fused multiply-add each.
    """
    from .._fused import fma32, fma64

    kind = rows.dtype.type
    lanes = 32 // rows.dtype.itemsize
    count = rows.shape[-1]
    whole = count - count % lanes
    squares = rows * rows
    total = np.zeros(rows.shape[:-1], rows.dtype)
    if whole:
        blocks = squares[..., :whole].reshape(rows.shape[:-1] + (whole // lanes, lanes))
        lane_sums = np.cumsum(blocks, axis=-2, dtype=rows.dtype)[..., -1, :]
        total = lane_sums[..., 0]
        for lane in range(1, lanes):
            total = total + lane_sums[..., lane]
    grouped = whole + (count - whole) // 4 * 4
    for i in range(whole, grouped):
        total = total + squares[..., i]
    fma = fma32 if kind is np.float32 else fma64
    for i in range(grouped, count):
        total = fma(rows[..., i], rows[..., i], total).astype(kind)
    return total


# -- backward ---------------------------------------------------------------------------------


def _divide_or_zero(x: Any, y: Any) -> Any:
    """``x / y``, and 0 where ``y`` is 0 (PyTorch's ``masked_fill_(norm == 0, 0)``)."""
    zero = y == 0
    return where(zero, 0.0, x / where(zero, 1.0, y))


def _vector_norm_rule(grad: Any, a: Any, out: Any, ord: float, dim: tuple | None, keepdim: bool) -> Any:
    """∂‖a‖ₚ/∂aᵢ = sgn(aᵢ)·|aᵢ|ᵖ⁻¹ / ‖a‖ₚᵖ⁻¹ (p = 2: aᵢ/‖a‖; 0 where ‖a‖ = 0), as PyTorch's norm_backward."""
    if ord == 0:
        return None  # a count of nonzero elements: PyTorch sends no gradient at all (x.grad stays None)
    shape = np.shape(a)
    if not keepdim and shape:
        kept = _kept_shape(shape, dim)
        grad, out = reshape_op(grad, shape=kept), reshape_op(out, shape=kept)
    if ord == 1:
        return sign(a) * grad
    if ord == 2:
        return grad * _divide_or_zero(a, out)
    if ord in (math.inf, -math.inf):
        size = abs(a)
        hits = logical_or(size == out, ne(size, size))  # the elements that are the max (or NaN)
        return sign(a) * ((grad / sum(hits, dim=dim, keepdim=True)) * hits)
    if ord < 1:
        zero = a == 0
        scaled = where(zero, 0.0, sign(a) * where(zero, 1.0, abs(a)) ** (ord - 1))
        return scaled * grad * out ** (1 - ord)
    scaled = sign(a) * abs(a) ** (ord - 1) if ord < 2 else a * abs(a) ** (ord - 2)
    return scaled * _divide_or_zero(grad, out ** (ord - 1))


vector_norm_op = defop(
    "linalg_vector_norm", "LinalgVectorNormBackward0", "‖·‖", _vector_norm_forward,
    a=rule("∂‖a‖ₚ/∂aᵢ = sgn(aᵢ)·|aᵢ|ᵖ⁻¹ / ‖a‖ₚᵖ⁻¹", _vector_norm_rule),
)  # fmt: skip


# -- the spellings -----------------------------------------------------------------------------


def vector_norm(
    x: Tensor,
    ord: float = 2,
    dim: int | Sequence[int] | None = None,
    keepdim: bool = False,
    *,
    dtype: dtype_class | None = None,
) -> Tensor:
    """The ``ord``-norm of ``x``'s elements (all, or along ``dim``): ``(Σ |xᵢ|^ord)^(1/ord)``.

    ``ord`` may be any number: 2 (the length of a vector, the default), 1
    (sum of absolute values), ``inf`` (largest absolute value), ``-inf``
    (smallest), 0 (how many are not zero).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.vector_norm(torch.tensor([3.0, -4.0]))
    tensor(5.)
    >>> torch.linalg.vector_norm(torch.tensor([3.0, -4.0]), ord=1)
    tensor(7.)
    """
    if isinstance(ord, str):
        raise errors.vector_norm_string_ord(ord)
    if x._array.dtype.kind != "f":
        raise errors.norm_not_float(x._array.dtype)
    if dtype is not None:
        x = x.to(dtype)
    return vector_norm_op(
        x, ord=float(ord), dim=_dims(dim, x._array.ndim, "linalg_vector_norm"), keepdim=keepdim
    )


_MATRIX_ORDERS = ("fro", "nuc", 1, -1, 2, -2, math.inf, -math.inf)


def matrix_norm(
    A: Tensor,  # noqa: N803 - PyTorch's name
    ord: str | float = "fro",
    dim: tuple[int, int] = (-2, -1),
    keepdim: bool = False,
    *,
    dtype: dtype_class | None = None,
) -> Tensor:
    """A norm of the matrices in the last two dimensions (or ``dim``): Frobenius by default.

    ``ord`` 1 and -1 give the largest and smallest column sum of ``|a|``, inf
    and -inf the row sums, as PyTorch computes them; 2, -2 and ``"nuc"`` the
    largest singular value, the smallest, and their sum.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.matrix_norm(torch.tensor([[1.0, 2.0], [2.0, 4.0]]))
    tensor(5.)
    >>> torch.linalg.matrix_norm(torch.tensor([[1.0, -2.0], [3.0, 4.0]]), ord=1)
    tensor(6.)
    """
    if ord not in _MATRIX_ORDERS:
        raise messages.error("matrix_norm_order", ord=ord)
    _check_matrix_norm(A, tuple(dim))
    if ord == "fro":
        return vector_norm(A, 2, dim, keepdim, dtype=dtype)
    if ord in ("nuc", 2, -2):  # from the singular values, as PyTorch: their sum, largest or smallest
        return _singular_value_norm(A, ord, [d % A._array.ndim for d in dim], keepdim, dtype)
    # ±1: the largest (smallest) column sum of |a|; ±inf: row sum, as on the transpose (PyTorch's order)
    dims = [d % A._array.ndim for d in dim]
    if abs(ord) == math.inf:
        dims.reverse()
    if not keepdim and dims[0] < dims[1]:  # (the first reduction removes a dimension before the second)
        dims[1] -= 1
    sums = vector_norm(A, 1, dims[0], keepdim, dtype=dtype)
    return sums.amax(dims[1], keepdim) if ord > 0 else sums.amin(dims[1], keepdim)


def _singular_value_norm(A: Tensor, ord: Any, dims: list, keepdim: bool, dtype: Any) -> Tensor:  # noqa: N803
    """The 2-norm (largest singular value), -2 (smallest) or nuclear norm (their sum) of the matrices in ``dims``."""
    ndim = A._array.ndim
    order = [d for d in range(ndim) if d not in dims] + dims  # the matrices' dimensions moved last
    moved = A.permute(tuple(order)) if order != list(range(ndim)) else A
    values = _lent.svdvals(moved if dtype is None else moved.to(dtype))
    result = values.sum(-1) if ord == "nuc" else values.amax(-1) if ord == 2 else values.amin(-1)
    for d in sorted(dims) if keepdim else ():
        result = result.unsqueeze(d)
    return result


class _Lent:
    """What ``autograd_lab.ops`` lends this module: the singular values (``ops.linalg`` imports norms)."""

    svdvals: Any = None


_lent = _Lent()


def lend(**ops: Any) -> None:
    """Called once by ``autograd_lab.ops``: the ops the matrix norms need."""
    for name, op in ops.items():
        setattr(_lent, name, op)


def _check_matrix_norm(A: Tensor, dims: tuple) -> None:  # noqa: N803 - PyTorch's name
    """PyTorch's checks of a matrix norm's input and dims, in PyTorch's order."""
    if A._array.ndim < 2:
        raise messages.error("matrix_norm_not_matrix")
    if A._array.dtype.kind != "f":
        raise errors.norm_not_float(A._array.dtype, "linalg.matrix_norm")
    if len(dims) != 2:
        raise messages.error("matrix_norm_dim_pair", dims=" ".join(str(d) for d in dims))
    first, second = (normalize_dim(d, A._array.ndim) for d in dims)
    if first == second:
        raise messages.error("matrix_norm_same_dims", first=first, second=second)


def linalg_norm(
    A: Tensor,  # noqa: N803 - PyTorch's name
    ord: str | float | None = None,
    dim: int | Sequence[int] | None = None,
    keepdim: bool = False,
    *,
    dtype: dtype_class | None = None,
) -> Tensor:
    """``torch.linalg.norm``: a vector norm, or with two dims (or a 2-D input and an ``ord``) a matrix norm.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.norm(torch.tensor([[3.0, 4.0], [0.0, 0.0]]))
    tensor(5.)
    """
    if dim is not None:
        dims = (dim,) if isinstance(dim, (int, np.integer)) else tuple(dim)
        if len(dims) == 1:
            return vector_norm(A, 2 if ord is None else ord, dims, keepdim, dtype=dtype)
        if len(dims) != 2:
            raise messages.error("linalg_norm_dims", dims=list(dims))
        return matrix_norm(A, "fro" if ord is None else ord, dims, keepdim, dtype=dtype)
    if ord is None:
        return vector_norm(A, 2, None, keepdim, dtype=dtype)
    if A._array.ndim not in (1, 2):
        raise messages.error("norm_ord_needs_dim", ndim=A._array.ndim)
    if A._array.ndim == 1:
        return vector_norm(A, ord, None, keepdim, dtype=dtype)
    return matrix_norm(A, ord, (-2, -1), keepdim, dtype=dtype)


@export(method=True)
def norm(
    input: Tensor,
    p: str | float | None = "fro",
    dim: int | Sequence[int] | None = None,
    keepdim: bool = False,
    dtype: dtype_class | None = None,
) -> Tensor:
    """The ``p``-norm of ``input``'s elements (all of them, or along ``dim``): 2 by default.

    ``p="fro"`` is the 2-norm of the elements; see :func:`linalg.vector_norm`
    for the numbers ``p`` may be.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor([[3.0, -4.0], [1.0, 2.0]], requires_grad=True)
    >>> x.norm(dim=1)
    tensor([5.0000, 2.2361], grad_fn=<LinalgVectorNormBackward0>)
    >>> torch.norm(x, p=1)
    tensor(10., grad_fn=<LinalgVectorNormBackward0>)
    """
    if isinstance(p, str):
        if p == "fro" and (dim is None or isinstance(dim, (int, np.integer)) or len(dim) <= 2):
            return vector_norm(input, 2, dim, keepdim, dtype=dtype)
        return matrix_norm(
            input, p, tuple(range(input._array.ndim)) if dim is None else dim, keepdim, dtype=dtype
        )
    return vector_norm(input, 2.0 if p is None else p, dim, keepdim, dtype=dtype)


# -- renorm (branch s12_methods) -------------------------------------------------------------------------------


def _others(ndim: int, dim: int) -> tuple:
    """Every dimension but ``dim``: renorm's sub-tensors are the slices along ``dim``."""
    return tuple(d for d in range(ndim) if d != dim)


def _renorm_forward(a: np.ndarray, p: float, dim: int, maxnorm: float) -> np.ndarray:
    """Each slice along ``dim`` whose p-norm is over ``maxnorm`` scaled down to it (by maxnorm/(norm + 1e-7)),
    the norm in float64 as PyTorch's CPU kernel takes it."""
    norm = _vector_norm_forward(a.astype(np.float64), p, _others(a.ndim, dim), True)
    with np.errstate(divide="ignore"):
        factor = np.where(norm > maxnorm, maxnorm / (norm + 1e-7), 1.0)
    return a * factor.astype(a.dtype)


def _renorm_rule(grad: Any, a: Any, p: float, dim: int, maxnorm: float) -> Any:
    """PyTorch's renorm_backward: with f = maxnorm/(‖a‖ + 1e-7), the scaled slices take f·g − f/(‖a‖ + 1e-7) ·
    ∂‖a‖ᵀ(a·g); the others pass g."""
    dims = _others(np.ndim(a), dim)
    norm = vector_norm_op(a, ord=p, dim=dims, keepdim=True)
    along_norm = _vector_norm_rule(sum(a * grad, dim=dims, keepdim=True), a, norm, p, dims, True)
    inverse = reciprocal(norm + 1e-7)
    factor = inverse * maxnorm
    return where(values_of(norm) > maxnorm, factor * grad - (factor * inverse) * along_norm, grad)


renorm_op = defop(
    "renorm", "RenormBackward0", "renorm", _renorm_forward,
    a=rule("∂(a·f)/∂a, f = maxnorm/‖a‖ where ‖a‖ > maxnorm (f depends on a)", _renorm_rule),
)  # fmt: skip


@export(method=True)
def renorm(input: Tensor, p: float, dim: int, maxnorm: float) -> Tensor:
    """Each slice of ``input`` along ``dim`` whose ``p``-norm is over ``maxnorm``, scaled down to ``maxnorm``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.renorm(torch.tensor([[3.0, 4.0], [0.3, 0.4]]), 2, 0, 1.0)
    tensor([[0.6000, 0.8000],
            [0.3000, 0.4000]])
    """
    if input._array.ndim < 2:
        raise messages.error("renorm_dims", ndim=input._array.ndim)
    if p <= 0:
        raise messages.error("renorm_norm")
    if maxnorm < 0:
        raise messages.error("renorm_maxnorm", maxnorm=f"{maxnorm:g}")  # (C++'s -1, not Python's -1.0)
    if input._array.dtype.kind != "f":
        raise errors.norm_not_float(input._array.dtype)
    return renorm_op(input, p=p, dim=normalize_dim(dim, input._array.ndim), maxnorm=maxnorm)


def _renorm_in_place(self: Tensor, p: float, dim: int, maxnorm: float) -> Tensor:
    """``x.renorm_(p, dim, maxnorm)``: :func:`renorm` written into ``x``."""
    return _views.run_inplace(self, renorm, p, dim, maxnorm)


methods({"renorm_": _renorm_in_place})
