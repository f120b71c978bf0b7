"""The LU factorization ``A = P L U`` with partial pivoting, and the functions built on it.

``torch.linalg.lu_factor`` / ``lu_factor_ex`` (L and U packed in one matrix, and
LAPACK's 1-based row swaps, ``pivots``), ``torch.linalg.lu`` (P, L and U),
``torch.lu_unpack``, ``torch.linalg.lu_solve``, and PyTorch's older names
``torch.lu`` and ``torch.lu_solve`` (deprecated there, with its warnings).

The factorization is LAPACK's ``getrf``, column by column: the largest
element of the column (the first, on a tie) is swapped up to the diagonal,
the column below is multiplied by the pivot's reciprocal, and the rest of the
matrix is updated.  The gradient is PyTorch's ``linalg_lu_backward``, written
with the table's ops (triangular solves, products, triangles), so that
``create_graph`` differentiates it again.  For ``A = P L U``,

    ∂A = P L⁻ᴴ (tril₋₁(Lᴴ ∂L) + triu(∂U Uᴴ)) U⁻ᴴ

and a wide or tall ``A`` carries the extra block of U or L through as well.

Examples
--------
>>> import autograd_lab as torch
>>> P, L, U = torch.linalg.lu(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
>>> L
tensor([[1.0000, 0.0000],
        [0.3333, 1.0000]])
>>> U
tensor([[3.0000, 4.0000],
        [0.0000, 0.6667]])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import messages
from ..messages.errors import scalar_type_name
from ..tensor import Tensor
from ._core import defop, export, rule, values_of
from .linalg import _dtype_word, _mT, _square_matrices, linalg_solve_triangular
from .linalg_composite import named_result
from .shape import cat_op, narrow, tril_op, triu_op

_FIELDS = {
    "linalg_lu_factor": "LU pivots",
    "linalg_lu_factor_ex": "LU pivots info",
    "linalg_lu": "P L U",
    "lu_unpack": "P L U",
}


def _result(name: str) -> type:
    """``torch.return_types.<name>``, made when first needed."""
    return named_result(name, _FIELDS[name])


# -- the factorization, on arrays --------------------------------------------------------------------------


def _factor(a: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """LAPACK getrf on each matrix of ``a`` (..., m, n): L and U packed, the 1-based pivots, and ``info``
    (the first zero on U's diagonal, 1-based; 0 if none)."""
    *batch, m, n = a.shape
    lu = a.reshape(-1, m, n).copy()
    count, k_max = lu.shape[0], min(m, n)
    pivots = np.empty((count, k_max), np.int32)
    info = np.zeros(count, np.int32)
    matrices = np.arange(count)
    for k in range(k_max):
        pivot_rows = k + np.argmax(np.abs(lu[:, k:, k]), axis=1)  # (the first of equals, as idamax)
        pivots[:, k] = pivot_rows + 1
        swapped = lu[matrices, pivot_rows].copy()
        lu[matrices, pivot_rows] = lu[:, k]
        lu[:, k] = swapped
        pivot = lu[:, k, k]
        zero = pivot == 0
        info[(info == 0) & zero] = k + 1
        # A zero pivot's column is zero below it too: nothing to scale, nothing to eliminate.
        reciprocal = np.where(zero, 0, 1 / np.where(zero, 1, pivot)).astype(lu.dtype)
        lu[:, k + 1 :, k] *= reciprocal[:, None]
        lu[:, k + 1 :, k + 1 :] -= lu[:, k + 1 :, k, None] * lu[:, k, None, k + 1 :]
    shape = tuple(batch)
    return lu.reshape(a.shape), pivots.reshape((*shape, k_max)), info.reshape(shape)


def _permutation(pivots: np.ndarray, rows: int, dtype: np.dtype) -> np.ndarray:
    """P of ``A = P L U`` from LAPACK's row swaps: row i of PᵀA is row perm[i] of A."""
    count = int(np.prod(pivots.shape[:-1], dtype=np.int64))
    perm = np.tile(np.arange(rows), (count, 1))
    swaps = pivots.reshape(count, -1) - 1
    matrices = np.arange(count)
    for k in range(swaps.shape[1]):
        here = perm[:, k].copy()
        perm[:, k] = perm[matrices, swaps[:, k]]
        perm[matrices, swaps[:, k]] = here
    p = np.zeros((count, rows, rows), dtype)
    p[matrices[:, None], perm, np.arange(rows)] = 1
    return p.reshape((*pivots.shape[:-1], rows, rows))


def _strict_lower(x: Any) -> Any:
    """The strict lower triangle of a packed LU (or of its gradient), k = min(m, n) columns."""
    k = min(np.shape(values_of(x))[-2:])
    strict = tril_op(x, diagonal=-1)
    return _columns(strict, 0, k)


def _upper_triangle(x: Any) -> Any:
    """The upper triangle of a packed LU (or of its gradient), k = min(m, n) rows."""
    k = min(np.shape(values_of(x))[-2:])
    return _rows(triu_op(x, diagonal=0), 0, k)


def _lower(lu: Any) -> Any:
    """L of a packed LU: its strict lower triangle, 1s on the diagonal."""
    m, n = np.shape(values_of(lu))[-2:]
    return _strict_lower(lu) + np.eye(m, min(m, n), dtype=np.asarray(values_of(lu)).dtype)


_upper = _upper_triangle  # (U of a packed LU is its upper triangle)


# -- the derivative ------------------------------------------------------------------------------------------


def _lu_grad(grad_l: Any, grad_u: Any, p: np.ndarray, lower: Any, upper: Any) -> Any:
    """PyTorch's linalg_lu_backward: ∂A from ∂L and ∂U (either may be None) of ``A = P L U``."""
    m, k, n = np.shape(values_of(lower))[-2], np.shape(values_of(lower))[-1], np.shape(values_of(upper))[-1]
    grad_l = np.zeros_like(values_of(lower)) if grad_l is None else grad_l
    grad_u = np.zeros_like(values_of(upper)) if grad_u is None else grad_u
    if m == n:
        phi = tril_op(_times(_mT(lower), grad_l), diagonal=-1) + triu_op(
            _times(grad_u, _mT(upper)), diagonal=0
        )
        return _times(p, _inverse_sides(phi, lower, upper))
    if m < n:  # wide: U = [U₁ U₂]; U₂'s gradient goes straight through L
        upper_1, upper_2 = _columns(upper, 0, k), _columns(upper, k, n - k)
        grad_u1, grad_u2 = _columns(grad_u, 0, k), _columns(grad_u, k, n - k)
        phi = tril_op(_times(_mT(lower), grad_l) - _times(grad_u2, _mT(upper_2)), diagonal=-1)
        phi = phi + triu_op(_times(grad_u1, _mT(upper_1)), diagonal=0)
        first = _inverse_sides(phi, lower, upper_1)
        second = linalg_solve_triangular(_mT(lower), grad_u2, upper=True, left=True, unitriangular=True)
        return _times(p, cat_op(first, second, dim=len(np.shape(values_of(upper))) - 1))
    # tall: L = [L₁; L₂]; L₂'s gradient goes straight through U
    lower_1, lower_2 = _rows(lower, 0, k), _rows(lower, k, m - k)
    grad_l1, grad_l2 = _rows(grad_l, 0, k), _rows(grad_l, k, m - k)
    phi = tril_op(_times(_mT(lower_1), grad_l1), diagonal=-1)
    phi = phi + triu_op(_times(grad_u, _mT(upper)) - _times(_mT(lower_2), grad_l2), diagonal=0)
    first = _inverse_sides(phi, lower_1, upper)
    second = linalg_solve_triangular(_mT(upper), grad_l2, upper=False, left=False, unitriangular=False)
    return _times(p, cat_op(first, second, dim=len(np.shape(values_of(lower))) - 2))


def _times(x: Any, y: Any) -> Any:
    """``x @ y`` of arrays or tensors (a constant array, such as P, beside a tensor is made one)."""
    if type(x) is np.ndarray and type(y) is np.ndarray:
        return x @ y
    return (Tensor._wrap(x) if type(x) is np.ndarray else x) @ (
        Tensor._wrap(y) if type(y) is np.ndarray else y
    )


def _inverse_sides(phi: Any, lower: Any, upper: Any) -> Any:
    """L⁻ᴴ φ U⁻ᴴ, as two triangular solves."""
    right = linalg_solve_triangular(_mT(upper), phi, upper=False, left=False, unitriangular=False)
    return linalg_solve_triangular(_mT(lower), right, upper=True, left=True, unitriangular=True)


def _columns(x: Any, start: int, length: int) -> Any:
    return x[..., start : start + length] if type(x) is np.ndarray else narrow(x, -1, start, length)


def _rows(x: Any, start: int, length: int) -> Any:
    return x[..., start : start + length, :] if type(x) is np.ndarray else narrow(x, -2, start, length)


def _factors(a: Any) -> tuple[np.ndarray, Any, Any]:
    """P (a constant), L and U of ``a``: recorded ops when ``a`` is a tensor (create_graph), else arrays."""
    lu, pivots, _ = _factor(values_of(a))
    p = _permutation(pivots, np.shape(values_of(a))[-2], lu.dtype)
    if type(a) is np.ndarray:
        return p, _lower(lu), _upper(lu)
    return p, lu_lower(a), lu_upper(a)


def _packed_rule(grad: Any, a: Any) -> Any:
    """∂A from the packed LU's gradient: its strict lower triangle is ∂L's, its upper triangle ∂U's."""
    p, lower, upper = _factors(a)
    return _lu_grad(_strict_lower(grad), _upper_triangle(grad), p, lower, upper)


lu_packed = defop(
    "lu_packed", "LinalgLuFactorExBackward0", "LU", lambda a: _factor(a)[0],
    a=rule("∂A = P L⁻ᴴ (tril₋₁(Lᴴ ∂L) + triu(∂U Uᴴ)) U⁻ᴴ, ∂L and ∂U the packed gradient's triangles", _packed_rule),
)  # fmt: skip
lu_lower = defop(
    "lu_lower", "LinalgLuBackward0", "L", lambda a: _lower(_factor(a)[0]),
    a=rule("∂A = P L⁻ᴴ tril₋₁(Lᴴ ∂L) U⁻ᴴ", lambda grad, a: _lu_grad(grad, None, *_factors(a))),
)  # fmt: skip
lu_upper = defop(
    "lu_upper", "LinalgLuBackward0", "U", lambda a: _upper(_factor(a)[0]),
    a=rule("∂A = P L⁻ᴴ triu(∂U Uᴴ) U⁻ᴴ", lambda grad, a: _lu_grad(None, grad, *_factors(a))),
)  # fmt: skip


def _pad_columns(grad: Any, columns: int) -> Any:
    """``grad`` with zero columns added on the right, to ``columns`` in all."""
    shape = np.shape(values_of(grad))
    if shape[-1] == columns:
        return grad
    zeros = np.zeros((*shape[:-1], columns - shape[-1]), np.asarray(values_of(grad)).dtype)
    return cat_op(grad, zeros, dim=len(shape) - 1)


def _pad_rows(grad: Any, rows: int) -> Any:
    """``grad`` with zero rows added below, to ``rows`` in all."""
    shape = np.shape(values_of(grad))
    if shape[-2] == rows:
        return grad
    zeros = np.zeros((*shape[:-2], rows - shape[-2], shape[-1]), np.asarray(values_of(grad)).dtype)
    return cat_op(grad, zeros, dim=len(shape) - 2)


unpack_lower = defop(
    "lu_unpack_lower", "LuUnpackBackward0", "L", _lower,
    lu=rule("∂LU = tril₋₁(∂L)", lambda grad, lu: _pad_columns(tril_op(grad, diagonal=-1), np.shape(values_of(lu))[-1])),
)  # fmt: skip
unpack_upper = defop(
    "lu_unpack_upper", "LuUnpackBackward0", "U", _upper,
    lu=rule("∂LU = triu(∂U)", lambda grad, lu: _pad_rows(triu_op(grad, diagonal=0), np.shape(values_of(lu))[-2])),
)  # fmt: skip


def _solve_forward(
    lu: np.ndarray, b: np.ndarray, pivots: np.ndarray, left: bool, adjoint: bool
) -> np.ndarray:
    """X of A X = B (X A = B if not ``left``; Aᴴ for A if ``adjoint``), A = P L U: two triangular solves."""
    p = _permutation(pivots, lu.shape[-1], lu.dtype)
    lower, upper = _lower(lu), _upper(lu)
    if left and not adjoint:  # L U X = Pᵀ B
        y = linalg_solve_triangular(lower, _mT(p) @ b, upper=False, left=True, unitriangular=True)
        return linalg_solve_triangular(upper, y, upper=True, left=True, unitriangular=False)
    if left:  # Uᴴ Lᴴ Pᵀ X = B
        y = linalg_solve_triangular(_mT(upper), b, upper=False, left=True, unitriangular=False)
        return p @ linalg_solve_triangular(_mT(lower), y, upper=True, left=True, unitriangular=True)
    if not adjoint:  # X P L U = B
        y = linalg_solve_triangular(upper, b, upper=True, left=False, unitriangular=False)
        return linalg_solve_triangular(lower, y, upper=False, left=False, unitriangular=True) @ _mT(p)
    # X Uᴴ Lᴴ Pᵀ = B
    y = linalg_solve_triangular(_mT(lower), b @ p, upper=True, left=False, unitriangular=True)
    return linalg_solve_triangular(_mT(upper), y, upper=False, left=False, unitriangular=False)


def _solve_b_rule(grad: Any, lu: Any, pivots: np.ndarray, left: bool, adjoint: bool) -> Any:
    """∂X/∂B: G ↦ the same solve with A's adjoint (A⁻ᴴ G, or G A⁻ᴴ)."""
    return lu_solve_op(lu, grad, pivots=pivots, left=left, adjoint=not adjoint)


def _solve_lu_rule(grad: Any, lu: Any, out: Any, pivots: np.ndarray, left: bool, adjoint: bool) -> Any:
    """∂X/∂LU: A's gradient (−B̄ Xᴴ, −X B̄ᴴ, −Xᴴ B̄ or −B̄ᴴ X, B̄ being B's), then its share in L and U."""
    grad_b = _solve_b_rule(grad, lu, pivots, left, adjoint)
    if left:
        grad_a = -(_times(grad_b, _mT(out)) if not adjoint else _times(out, _mT(grad_b)))
    else:
        grad_a = -(_times(_mT(out), grad_b) if not adjoint else _times(_mT(grad_b), out))
    p = _permutation(pivots, np.shape(values_of(lu))[-1], np.asarray(values_of(lu)).dtype)
    lower, upper = unpack_lower(lu), unpack_upper(lu)
    swapped = _times(_mT(p), grad_a)  # Pᵀ ∂A: A = P L U, so ∂L = tril₋₁(Pᵀ∂A Uᴴ) and ∂U = triu(Lᴴ Pᵀ∂A)
    return tril_op(_times(swapped, _mT(upper)), diagonal=-1) + triu_op(
        _times(_mT(lower), swapped), diagonal=0
    )


lu_solve_op = defop(
    "lu_solve", "LinalgLuSolveBackward0", "LU⁻¹B", _solve_forward,
    lu=rule("∂X/∂LU: ∂A = −B̄ Xᴴ (B̄ = A⁻ᴴ Ḡ), then ∂L = tril₋₁(Pᵀ∂A Uᴴ), ∂U = triu(Lᴴ Pᵀ∂A)", _solve_lu_rule),
    b=rule("∂X/∂B: G ↦ A⁻ᴴ G, the same solve with A's adjoint", _solve_b_rule),
)  # fmt: skip


# -- the functions ---------------------------------------------------------------------------------------------


def _checked(a: Tensor, function: str, pivot: bool) -> None:
    """PyTorch's checks before a factorization: a batch of float matrices, and pivoting."""
    if a._array.ndim < 2:
        raise messages.error("lu_not_matrix", function=function, shape=list(a._array.shape))
    if a._array.dtype.kind != "f":
        raise messages.error("lu_dtype", dtype=_dtype_word(a._array.dtype))
    if not pivot:
        raise messages.error("lu_no_pivot")


def lu_factor_ex(A: Tensor, *, pivot: bool = True, check_errors: bool = False) -> Any:  # noqa: N803
    """The LU factorization with partial pivoting, packed, and its status ``info`` (0: U has no zero pivot).

    Returns ``(LU, pivots, info)``: L below the diagonal (its 1s left out), U on and above it, and
    LAPACK's 1-based row swaps (row k was swapped with row ``pivots[k]``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.lu_factor_ex(torch.tensor([[1.0, 2.0], [2.0, 4.0]])).info
    tensor(2, dtype=torch.int32)
    """
    _checked(A, "torch.lu_factor", pivot)
    _, pivots, info = _factor(A._array)
    if check_errors and info.any():
        raise _singular("torch.linalg.lu_factor_ex", info)
    return _result("linalg_lu_factor_ex")(lu_packed(A), Tensor._wrap(pivots), Tensor._wrap(info))


def _singular(function: str, info: np.ndarray) -> Exception:
    flat = info.reshape(-1)
    first = int(np.flatnonzero(flat)[0])
    batch = f"(Batch element {first}): " if info.ndim else ""
    return messages.error("lu_singular", function=function, batch=batch, k=int(flat[first]))


def lu_factor(A: Tensor, *, pivot: bool = True) -> Any:  # noqa: N803 - PyTorch's argument name
    """The LU factorization with partial pivoting, packed: ``(LU, pivots)``; a singular ``A`` is refused.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> LU, pivots = torch.linalg.lu_factor(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
    >>> LU, pivots
    (tensor([[3.0000, 4.0000],
            [0.3333, 0.6667]]), tensor([2, 2], dtype=torch.int32))
    """
    _checked(A, "torch.lu_factor", pivot)
    _, pivots, info = _factor(A._array)
    if info.any():
        raise _singular("torch.linalg.lu_factor", info)
    return _result("linalg_lu_factor")(lu_packed(A), Tensor._wrap(pivots))


def lu(A: Tensor, *, pivot: bool = True) -> Any:  # noqa: N803 - PyTorch's argument name
    """``A = P L U``: a permutation P, L lower triangular with 1s on its diagonal, U upper triangular.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> P, L, U = torch.linalg.lu(torch.tensor([[0.0, 1.0], [1.0, 0.0]]))
    >>> P
    tensor([[0., 1.],
            [1., 0.]])
    """
    _checked(A, "linalg.lu", pivot)
    _, pivots, _ = _factor(A._array)
    p = _permutation(pivots, A._array.shape[-2], A._array.dtype)
    return _result("linalg_lu")(Tensor._wrap(p), lu_lower(A), lu_upper(A))


def lu_unpack(
    LU_data: Tensor,  # noqa: N803 - PyTorch's argument names
    LU_pivots: Tensor,  # noqa: N803
    unpack_data: bool = True,
    unpack_pivots: bool = True,
) -> Any:
    """P, L and U from :func:`torch.linalg.lu_factor`'s packed ``LU`` and ``pivots``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> LU, pivots = torch.linalg.lu_factor(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
    >>> torch.lu_unpack(LU, pivots).P
    tensor([[0., 1.],
            [1., 0.]])
    """
    if LU_pivots._array.dtype != np.int32:
        raise messages.error("lu_unpack_pivots_dtype")
    rows = LU_data._array.shape[-2]
    empty = Tensor._wrap(np.zeros(0, LU_data._array.dtype))
    p = Tensor._wrap(_permutation(LU_pivots._array, rows, LU_data._array.dtype)) if unpack_pivots else empty
    if not unpack_data:
        return _result("lu_unpack")(p, empty, empty)
    return _result("lu_unpack")(p, unpack_lower(LU_data), unpack_upper(LU_data))


def lu_solve(LU: Tensor, pivots: Tensor, B: Tensor, *, left: bool = True, adjoint: bool = False) -> Tensor:  # noqa: N803
    """The solution ``X`` of ``A X = B`` (``X A = B`` if not ``left``; ``Aᴴ`` for ``A`` if ``adjoint``) from
    :func:`torch.linalg.lu_factor`'s ``LU`` and ``pivots``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> A = torch.tensor([[2.0, 1.0], [1.0, 3.0]])
    >>> LU, pivots = torch.linalg.lu_factor(A)
    >>> torch.linalg.lu_solve(LU, pivots, torch.tensor([[3.0], [4.0]]))
    tensor([[1.],
            [1.]])
    """
    _square_matrices(LU._array, "torch.linalg.lu_solve")
    if B._array.ndim < 2:
        raise messages.error("lu_solve_b_dims")
    n = LU._array.shape[-1]
    if B._array.shape[-2 if left else -1] != n:
        shape_b = "x".join(map(str, B._array.shape[-2:]))
        raise messages.error("lu_solve_shapes", equation="AX = B" if left else "XA = B", n=n, shape_b=shape_b)
    if B._array.dtype != LU._array.dtype:
        raise messages.error(
            "lu_solve_dtype", lu=scalar_type_name(LU._array.dtype), b=scalar_type_name(B._array.dtype)
        )
    return lu_solve_op(LU, B, pivots=pivots._array, left=left, adjoint=adjoint)


# -- PyTorch's older names -------------------------------------------------------------------------------------


@export(method=True, name="lu")
def lu_deprecated(A: Tensor, pivot: bool = True, get_infos: bool = False) -> tuple:  # noqa: N803
    """``torch.lu`` (deprecated in PyTorch): :func:`torch.linalg.lu_factor_ex`'s ``(LU, pivots)``, with
    ``info`` too if ``get_infos``; a singular matrix is not refused.

    Examples
    --------
    >>> import warnings
    >>> import autograd_lab as torch
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     torch.lu(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))[1]
    tensor([2, 2], dtype=torch.int32)
    """
    messages.warn_once("lu_deprecated")
    found = lu_factor_ex(A, pivot=pivot)  # (never refusing a singular matrix, as PyTorch's)
    return named_result("_lu_with_info", "LU pivots info")(*found) if get_infos else (found.LU, found.pivots)


@export(method=True, name="lu_solve")
def lu_solve_deprecated(b: Tensor, LU_data: Tensor, LU_pivots: Tensor) -> Tensor:  # noqa: N803
    """``torch.lu_solve(b, LU_data, LU_pivots)`` (deprecated in PyTorch): :func:`torch.linalg.lu_solve`
    with its arguments the other way round.

    Examples
    --------
    >>> import warnings
    >>> import autograd_lab as torch
    >>> LU, pivots = torch.linalg.lu_factor(torch.tensor([[2.0, 1.0], [1.0, 3.0]]))
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     torch.lu_solve(torch.tensor([[3.0], [4.0]]), LU, pivots)
    tensor([[1.],
            [1.]])
    """
    messages.warn_once("lu_solve_deprecated")
    return lu_solve(LU_data, LU_pivots, b)


export(lu_unpack, name="lu_unpack")
