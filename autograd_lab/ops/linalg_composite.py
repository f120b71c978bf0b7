"""Linear algebra built from the table's ops: ``torch.linalg``'s composites and PyTorch's older names.

Each function here is a few of the table's differentiable ops (so each records
PyTorch's nodes and needs no derivative rule of its own), or a decomposition
with the status PyTorch's ``*_ex`` functions add:

- ``torch.linalg``: ``vecdot``, ``vander``, ``cond``, ``tensorinv``,
  ``tensorsolve``, ``matmul``, ``diagonal``, ``inv_ex``, ``cholesky_ex``,
  ``solve_ex``;
- ``torch``: ``cholesky``, ``qr`` and ``triangular_solve`` (deprecated in
  PyTorch, with its warning), ``cholesky_solve``, ``cholesky_inverse``,
  ``pinverse``, ``fix``, ``resolve_neg``, ``resolve_conj``, ``conj_physical``.

Examples
--------
>>> import autograd_lab as torch
>>> torch.linalg.vander(torch.tensor([1.0, 2.0, 3.0]))
tensor([[1., 1., 1.],
        [1., 2., 4.],
        [1., 3., 9.]])
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import creation, messages
from ..tensor import Tensor
from ._core import export, methods
from .elementwise import trunc
from .linalg import (
    LinAlgError,
    _failing_minor,
    _zero_pivot,
    cholesky,
    linalg_inv_function,
    matmul,
    pinv,
    qr,
    solve,
    solve_triangular,
    svdvals,
)
from .norms import matrix_norm
from .reduction import cumprod, return_types, sum
from .shape import cat, conj, diagonal, expand, moveaxis, narrow, reshape, squeeze, unsqueeze

_RESULT_FIELDS = {
    "qr": "Q R",
    "triangular_solve": "solution cloned_coefficient",
    "linalg_inv_ex": "inverse info",
    "linalg_cholesky_ex": "L info",
    "linalg_solve_ex": "result info",
}


def named_result(name: str, fields: str) -> type:
    """``torch.return_types.<name>`` with ``fields`` (space-separated), made when first needed (making a
    named tuple costs the import time)."""
    kind = getattr(return_types, name, None)
    if kind is None:
        return_types.declare(name, fields=tuple(fields.split()))
        kind = getattr(return_types, name)
    return kind


def _result(name: str) -> type:
    return named_result(name, _RESULT_FIELDS[name])


# -- torch.linalg ------------------------------------------------------------------------------------------


def vecdot(x: Tensor, y: Tensor, *, dim: int = -1) -> Tensor:
    """The dot product of vectors along ``dim`` (batched): ``(x * y).sum(dim)`` for real numbers.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.vecdot(torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0]))
    tensor(11.)
    """
    return sum(x * y, dim)


def vander(x: Tensor, *, N: int | None = None) -> Tensor:  # noqa: N803 - PyTorch's argument name
    """The Vandermonde matrix: column ``j`` holds ``x ** j`` (``N`` columns, ``len(x)`` by default).

    Built as PyTorch builds it: a column of ones, then the running products of ``x``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.vander(torch.tensor([2, 3]), N=3)
    tensor([[1, 2, 4],
            [1, 3, 9]])
    """
    count = x.shape[-1] if N is None else N
    if count < 1:
        raise messages.error("vander_columns")
    ones = creation.ones(*x.shape, 1, dtype=x.dtype)
    if count == 1:
        return ones
    powers = cumprod(expand(unsqueeze(x, -1), (*x.shape, count - 1)), -1)
    return cat([ones, powers], -1)


def cond(A: Tensor, p: Any = None) -> Tensor:  # noqa: N803 - PyTorch's argument name
    """The condition number of a matrix: how much solving with it can magnify an error.

    ``p`` None or 2 is the ratio of the largest singular value to the smallest (-2: its inverse);
    other norms (``'fro'``, ``'nuc'``, 1, -1, inf, -inf) give ``norm(A) · norm(inv(A))``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.cond(torch.tensor([[2.0, 0.0], [0.0, 0.5]]))
    tensor(4.)
    """
    if p is None or p in (2, -2):  # (as PyTorch: the first and last singular values kept as length-1 slices)
        values = svdvals(A)
        largest, smallest = narrow(values, -1, 0, 1), narrow(values, -1, -1, 1)
        return squeeze(smallest / largest if p == -2 else largest / smallest, -1)
    return matrix_norm(A, p) * matrix_norm(linalg_inv_function(A), p)


def tensorinv(A: Tensor, ind: int = 2) -> Tensor:  # noqa: N803 - PyTorch's argument name
    """The inverse of ``A`` for :func:`torch.tensordot` over ``ind`` dimensions (its first ``ind`` and the rest,
    each as one axis of a square matrix).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.tensorinv(torch.eye(6).reshape(2, 3, 6), ind=2).shape
    torch.Size([6, 2, 3])
    """
    rows, columns = A.shape[:ind], A.shape[ind:]
    if math.prod(rows) != math.prod(columns):
        raise messages.error("tensorinv_shape", columns=math.prod(columns), rows=math.prod(rows))
    matrix = reshape(A, (math.prod(rows), math.prod(columns)))
    return reshape(linalg_inv_function(matrix), (*columns, *rows))


def tensorsolve(A: Tensor, B: Tensor, dims: Any = None) -> Tensor:  # noqa: N803 - PyTorch's argument names
    """The ``X`` with ``tensordot(A, X, X.ndim) == B``: ``A``'s dimensions after ``B``'s are ``X``'s shape.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.tensorsolve(2 * torch.eye(6).reshape(2, 3, 6), torch.ones(2, 3)).shape
    torch.Size([6])
    """
    if dims is not None:
        A = moveaxis(A, dims, tuple(range(A.dim() - len(dims), A.dim())))  # noqa: N806
    unknowns = A.shape[B.dim() :]
    matrix = reshape(A, (B.numel(), math.prod(unknowns)))
    return reshape(solve(matrix, reshape(B, (B.numel(),))), tuple(unknowns))


def linalg_matmul(input: Tensor, other: Tensor) -> Tensor:
    """``torch.linalg.matmul``: :func:`torch.matmul`."""
    return matmul(input, other)


def linalg_diagonal(A: Tensor, *, offset: int = 0, dim1: int = -2, dim2: int = -1) -> Tensor:  # noqa: N803
    """``torch.linalg.diagonal``: the diagonal of each matrix (the last two dimensions by default)."""
    return diagonal(A, offset, dim1, dim2)


def _info(a: np.ndarray, fails: Any) -> np.ndarray:
    """LAPACK's ``info`` for each matrix of a batch: 0 where the decomposition succeeds, else ``fails``' index."""
    matrices = a.reshape(-1, *a.shape[-2:])
    return np.array([fails(matrix) for matrix in matrices], np.int32).reshape(a.shape[:-2])


def _with_info(compute: Any, A: Tensor, fails: Any, check_errors: bool, kind: type) -> Any:  # noqa: N803
    """``compute()`` and its status; a failure gives NaN in place of the result unless ``check_errors``.

    (PyTorch's result where LAPACK failed holds LAPACK's partial work; it is not to be used.)
    """
    try:
        return kind(compute(), Tensor._wrap(np.zeros(A.shape[:-2], np.int32)))
    except LinAlgError:
        if check_errors:
            raise
    info = _info(A.detach().numpy(), fails)
    with_nan = A.detach() * float("nan")
    return kind(with_nan, Tensor._wrap(info))


def inv_ex(A: Tensor, *, check_errors: bool = False) -> Any:  # noqa: N803 - PyTorch's argument name
    """:func:`torch.linalg.inv` and its status ``info`` (0: inverted; k: U's k-th pivot is 0, singular).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.inv_ex(torch.eye(2)).info
    tensor(0, dtype=torch.int32)
    """
    return _with_info(lambda: linalg_inv_function(A), A, _zero_pivot, check_errors, _result("linalg_inv_ex"))


def cholesky_ex(A: Tensor, *, upper: bool = False, check_errors: bool = False) -> Any:  # noqa: N803
    """:func:`torch.linalg.cholesky` and its status ``info`` (0: done; k: the k-th leading minor is not positive definite).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.cholesky_ex(torch.tensor([[4.0, 2.0], [2.0, 3.0]])).info
    tensor(0, dtype=torch.int32)
    """
    return _with_info(
        lambda: cholesky(A, upper=upper), A, _failing_minor, check_errors, _result("linalg_cholesky_ex")
    )


def solve_ex(A: Tensor, B: Tensor, *, left: bool = True, check_errors: bool = False) -> Any:  # noqa: N803
    """:func:`torch.linalg.solve` and its status ``info`` (0: solved; k: U's k-th pivot is 0, singular).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.solve_ex(torch.eye(2) * 2, torch.ones(2)).result
    tensor([0.5000, 0.5000])
    """
    found = _with_info(
        lambda: solve(A, B, left=left), A, _zero_pivot, check_errors, _result("linalg_solve_ex")
    )
    if found.info.numpy().any() and found.result.shape != B.shape:
        return _result("linalg_solve_ex")(B.detach() * float("nan"), found.info)
    return found


# -- PyTorch's older names -------------------------------------------------------------------------------------


@export(method=True, name="cholesky")
def cholesky_deprecated(input: Tensor, upper: bool = False) -> Tensor:
    """``torch.cholesky`` (deprecated in PyTorch): :func:`torch.linalg.cholesky`, transposed when ``upper``.

    Examples
    --------
    >>> import warnings
    >>> import autograd_lab as torch
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     torch.cholesky(torch.tensor([[4.0, 2.0], [2.0, 3.0]]))
    tensor([[2.0000, 0.0000],
            [1.0000, 1.4142]])
    """
    messages.warn_once("cholesky_deprecated")
    return cholesky(input, upper=upper)


@export(method=True, name="qr")
def qr_deprecated(input: Tensor, some: bool = True) -> Any:
    """``torch.qr`` (deprecated in PyTorch): :func:`torch.linalg.qr`, ``'reduced'`` if ``some`` else ``'complete'``.

    Examples
    --------
    >>> import warnings
    >>> import autograd_lab as torch
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     torch.qr(torch.eye(2)).R
    tensor([[1., 0.],
            [0., 1.]])
    """
    messages.warn_once("qr_deprecated")
    return _result("qr")(*qr(input, "reduced" if some else "complete"))


@export(method=True)
def triangular_solve(
    input: Tensor,
    A: Tensor,  # noqa: N803 - PyTorch's argument name
    upper: bool = True,
    transpose: bool = False,
    unitriangular: bool = False,  # noqa: N803
) -> Any:
    """``torch.triangular_solve(B, A)`` (deprecated in PyTorch): the solution of ``A X = B`` (``Aᵀ X = B`` with
    ``transpose``) for a triangular ``A``, and a copy of ``A``.

    Examples
    --------
    >>> import warnings
    >>> import autograd_lab as torch
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     torch.triangular_solve(torch.ones(2, 1), torch.tensor([[2.0, 1.0], [0.0, 4.0]])).solution
    tensor([[0.3750],
            [0.2500]])
    """
    messages.warn_once("triangular_solve_deprecated")
    coefficients = A.mT if transpose else A
    solution = solve_triangular(coefficients, input, upper=upper != transpose, unitriangular=unitriangular)
    return _result("triangular_solve")(solution, A.clone())


@export(method=True)
def cholesky_solve(input: Tensor, input2: Tensor, upper: bool = False) -> Tensor:
    """The solution ``X`` of ``A X = B`` from ``A``'s Cholesky factor (``input2``: L, or U if ``upper``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> L = torch.linalg.cholesky(torch.tensor([[4.0, 2.0], [2.0, 3.0]]))
    >>> torch.cholesky_solve(torch.ones(2, 1), L)
    tensor([[0.1250],
            [0.2500]])
    """
    lower = input2.mT if upper else input2
    halfway = solve_triangular(lower, input, upper=False)
    return solve_triangular(lower.mT, halfway, upper=True)


@export(method=True)
def cholesky_inverse(input: Tensor, upper: bool = False) -> Tensor:
    """The inverse of ``A`` from its Cholesky factor (``input``: L, or U if ``upper``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.cholesky_inverse(torch.linalg.cholesky(torch.tensor([[4.0, 2.0], [2.0, 3.0]])))
    tensor([[ 0.3750, -0.2500],
            [-0.2500,  0.5000]])
    """
    identity = creation.eye(input.shape[-1], dtype=input.dtype).expand(input.shape)
    return cholesky_solve(identity, input, upper)


@export(method=True)
def pinverse(input: Tensor, rcond: float = 1e-15) -> Tensor:
    """:func:`torch.linalg.pinv` with PyTorch's older name; ``rcond`` is its ``rtol``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.pinverse(torch.tensor([[2.0, 0.0], [0.0, 4.0]]))
    tensor([[0.5000, 0.0000],
            [0.0000, 0.2500]])
    """
    return pinv(input, rtol=rcond)


@export(method=True)
def fix(input: Tensor) -> Tensor:
    """:func:`torch.trunc`: each number rounded toward zero.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.fix(torch.tensor([-1.5, 2.7]))
    tensor([-1.,  2.])
    """
    return trunc(input)


for _public in ("resolve_neg", "resolve_conj", "conj_physical"):  # (a real tensor is its own conjugate)
    export(conj, name=_public)
methods({"fix_": lambda self: self.trunc_()})
