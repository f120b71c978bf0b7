"""Matrix products: ``@``, ``matmul``, ``mm``, and the pieces PyTorch splits them into."""

from __future__ import annotations

import math

import numpy as np

from .. import messages
from .._dtype import from_numpy_dtype
from ..messages import errors
from ..tensor import Tensor
from ._core import defop, export, methods, rule
from .elementwise import mul
from .shape import squeeze_inplace_op, t_op, transpose, unsafe_view, unsqueeze

# C++'s names of the dtypes, as PyTorch's matrix products name them in their errors
_C_TYPE = {"float32": "float", "float64": "double", "int64": "long int", "int32": "int", "bool": "bool"}


def _mm_forward(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    for name, m in (("self", a), ("mat2", b)):
        if m.ndim != 2:
            raise messages.error("mm_not_matrix", which=name, ndim=m.ndim)
    if a.dtype != b.dtype:
        raise messages.error("mm_dtype", a=_C_TYPE.get(a.dtype.name, a.dtype.name), b=_C_TYPE.get(b.dtype.name, b.dtype.name))
    if a.shape[-1] != b.shape[0]:
        raise errors.matmul_mismatch(a.shape, b.shape)
    return a @ b


def _mv_forward(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    if a.ndim != 2 or b.ndim != 1:
        raise messages.error("mv_shapes", da=a.ndim, db=b.ndim)
    if a.dtype != b.dtype:
        raise messages.error("mv_dtype", a=_dtype_word(a.dtype), b=_dtype_word(b.dtype))
    if a.shape[-1] != b.shape[0]:
        raise errors.matmul_mismatch(a.shape, b.shape)
    return a @ b


def _dtype_word(np_dtype: np.dtype) -> str:
    return from_numpy_dtype(np_dtype).legacy_type.removeprefix("torch.").removesuffix("Tensor")


def _batched_forward(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    if a.dtype != b.dtype:
        raise messages.error("bmm_dtype", a=_dtype_word(a.dtype), b=_dtype_word(b.dtype))
    if a.shape[-1] != b.shape[-2]:
        # PyTorch folds the batch into rows before multiplying, and names those shapes.
        rows = math.prod(a.shape[:-1])
        raise errors.matmul_mismatch((rows, a.shape[-1]), b.shape[-2:])
    return a @ b


def _dot_forward(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    if a.ndim != 1 or b.ndim != 1:
        raise messages.error("dot_not_1d", da=a.ndim, db=b.ndim)
    if a.dtype != b.dtype:
        raise messages.error("dot_dtype", a=_dtype_word(a.dtype), b=_dtype_word(b.dtype))
    if a.shape != b.shape:
        raise errors.dot_mismatch(a.shape[0], b.shape[0])
    return np.dot(a, b)


def _matrix_t(matrix: Tensor | np.ndarray) -> Tensor | np.ndarray:
    """A matrix's transpose (a view), without t()'s checks: rules know it is 2-D.

    In a backward pass that is not recorded the matrix is a NumPy array, and
    ``.T`` is all there is to do.
    """
    return matrix.T if type(matrix) is np.ndarray else t_op(matrix)


mm = defop(
    "mm", "MmBackward0", "@", _mm_forward,
    a=rule("∂(AB)/∂A = G Bᵀ", lambda grad, b: mm(grad, _matrix_t(b))),
    b=rule("∂(AB)/∂B = Aᵀ G", lambda grad, a: mm(_matrix_t(a), grad)),
)
mv = defop(
    "mv", "MvBackward0", "@", _mv_forward,
    a=rule("∂(Av)/∂A = g vᵀ", lambda grad, b: mul(unsqueeze(grad, 1), b)),
    b=rule("∂(Av)/∂v = Aᵀ g", lambda grad, a: mv(_matrix_t(a), grad)),
)
dot = defop(
    "dot", "DotBackward0", "·", _dot_forward,
    a=rule("∂(u·v)/∂u = v", lambda grad, b: grad * b),
    b=rule("∂(u·v)/∂v = u", lambda grad, a: grad * a),
)
bmm = defop(
    "bmm", "BmmBackward0", "@", _batched_forward,
    a=rule("∂(AB)/∂A = G Bᵀ", lambda grad, b: bmm(grad, transpose(b, -2, -1))),
    b=rule("∂(AB)/∂B = Aᵀ G", lambda grad, a: bmm(transpose(a, -2, -1), grad)),
)
addmm = defop(
    "addmm", "AddmmBackward0", "+@",
    lambda a, b, c: _mm_forward(b, c) + a,
    a=rule("∂(a + BC)/∂a = 1", lambda grad: grad),
    b=rule("∂(a + BC)/∂B = G Cᵀ", lambda grad, c: mm(grad, _matrix_t(c))),
    c=rule("∂(a + BC)/∂C = Bᵀ G", lambda grad, b: mm(_matrix_t(b), grad)),
)

# PyTorch's names for what these nodes save (grad_fn._saved_mat2 ...)
mm.saved_rule_names = bmm.saved_rule_names = {"self": "a", "mat2": "b"}
mv.saved_rule_names = {"self": "a", "vec": "b"}
dot.saved_rule_names = {"self": "a", "tensor": "b"}
addmm.saved_rule_names = {"mat1": "b", "mat2": "c"}


@export
def matmul(input: Tensor, other: Tensor) -> Tensor:
    """The matrix product, as ``@``: vectors, matrices, and batches of matrices.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> a = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    >>> torch.matmul(a, torch.tensor([1.0, 1.0]))
    tensor([3., 7.])
    """
    if isinstance(other, np.ndarray):  # NumPy computes it, and the result comes back as a tensor
        return Tensor._wrap(np.asarray(np.matmul(input.numpy(), other)))
    da, db = input._array.ndim, other._array.ndim
    if da == 0 or db == 0:
        raise messages.error("matmul_0d", da=da, db=db)
    if da == 2 and db == 2:
        return mm(input, other)
    if da == 2 and db == 1:
        return mv(input, other)
    if da == 1 and db == 1:
        return dot(input, other)
    if da == 1 and db == 2:
        return squeeze_inplace_op(mm(unsqueeze(input, 0), other), dims=(0,))
    # Batches: vectors become matrices for the product, then lose that axis again
    # (PyTorch's last step is an _unsafe_view to the result's shape).
    a = unsqueeze(input, 0) if da == 1 else input
    b = unsqueeze(other, -1) if db == 1 else other
    out = bmm(a, b)
    shape = out._array.shape
    if db == 1:
        shape = shape[:-1]
    if da == 1:
        shape = shape[:-2] + shape[-1:]
    return unsafe_view(out, shape=shape)


def _rmatmul(self: Tensor, other: Tensor) -> Tensor:
    return matmul(other, self)


def _bmm_method(self: Tensor, mat2: Tensor) -> Tensor:
    if self._array.ndim != 3 or mat2._array.ndim != 3:
        raise messages.error("bmm_not_3d", da=self._array.ndim, db=mat2._array.ndim)
    return bmm(self, mat2)


methods({
    "__matmul__": matmul, "__rmatmul__": _rmatmul, "matmul": matmul, "mm": mm,
    "dot": dot, "mv": mv, "bmm": _bmm_method,
})
export(mm)
export(mv)
export(dot)
export(bmm)
export(addmm)
