"""``torch.linalg``: norms, products and the decompositions of a matrix.

``torch.linalg.norm`` and ``vector_norm`` are the op table's vector norm
(``ops/norms.py``, recorded as ``LinalgVectorNormBackward0``);
``matrix_norm`` computes the Frobenius norm.  The decompositions are in
``ops/linalg.py``: ``inv``, ``det``, ``slogdet``, ``solve``, ``solve_triangular``, ``cholesky``,
``eigh``, ``svdvals`` and the LU factorization (``ops/lu.py``) record PyTorch's nodes with its
derivative rules; ``svd``,
``qr``, ``pinv`` and ``lstsq`` give values only.  Eigenvectors and singular
vectors are unique only up to sign, and the sign depends on the LAPACK
build, in PyTorch as here: compare ``V @ diag(L) @ V.mT`` with ``A``, not
``V`` itself.

Examples
--------
>>> import autograd_lab as torch
>>> torch.linalg.norm(torch.tensor([3.0, 4.0]))
tensor(5.)
>>> torch.linalg.det(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
tensor(-2.)
"""

from __future__ import annotations

from .ops.linalg import (
    LinAlgError,
    cholesky,
    eigh,
    eigvalsh,
    lstsq,
    matrix_power,
    matrix_rank,
    multi_dot,
    pinv,
    qr,
    solve,
    solve_triangular,
    svd,
    svdvals,
)
from .ops.linalg import linalg_cross_function as cross
from .ops.linalg import linalg_det_function as det
from .ops.linalg import linalg_inv_function as inv
from .ops.linalg import linalg_slogdet as slogdet
from .ops.linalg_composite import cholesky_ex, cond, inv_ex, solve_ex, tensorinv, tensorsolve, vander, vecdot
from .ops.linalg_composite import linalg_diagonal as diagonal
from .ops.linalg_composite import linalg_matmul as matmul
from .ops.lu import lu, lu_factor, lu_factor_ex, lu_solve
from .ops.matrix_functions import matrix_exp
from .ops.norms import linalg_norm as norm
from .ops.norms import matrix_norm, vector_norm

__all__ = [
    "norm", "vector_norm", "matrix_norm", "cross", "inv", "det", "slogdet", "solve", "solve_triangular", "cholesky", "eigh",
    "eigvalsh", "svd", "svdvals", "qr", "matrix_power", "matrix_rank", "pinv", "lstsq", "LinAlgError",
    "matrix_exp", "multi_dot", "vecdot", "vander", "cond", "tensorinv", "tensorsolve", "matmul", "diagonal",
    "inv_ex", "cholesky_ex", "solve_ex", "lu", "lu_factor", "lu_factor_ex", "lu_solve",
]  # fmt: skip


def __getattr__(name: str) -> object:
    if name in ("eig", "eigvals"):  # (complex eigenvalues: what is here instead, with a hint)
        from . import messages

        raise messages.error("eig_not_here", name=name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
