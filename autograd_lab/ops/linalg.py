"""Matrix products: ``@``, ``matmul``, ``mm``, and the pieces PyTorch splits them into."""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np

from .. import messages
from .._dtype import from_numpy_dtype
from ..messages import errors
from ..tensor import Tensor, normalize_dim
from ._core import defop, export, methods, rule
from .elementwise import mul
from .norms import _vector_norm_forward, _vector_norm_rule
from .reduction import sum
from .shape import (
    expand,
    flatten,
    permute,
    reshape,
    squeeze_inplace_op,
    t_op,
    transpose,
    unsafe_view,
    unsqueeze,
)

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


def _matmul_method(self: Tensor, other: Any) -> Any:
    if not isinstance(other, (Tensor, np.ndarray)):
        return NotImplemented  # x @ 2: Python's own TypeError, as PyTorch gives
    return matmul(self, other)


def _rmatmul(self: Tensor, other: Any) -> Any:
    if not isinstance(other, Tensor):
        return NotImplemented
    return matmul(other, self)


def _bmm_method(self: Tensor, mat2: Tensor) -> Tensor:
    if self._array.ndim != 3 or mat2._array.ndim != 3:
        raise messages.error("bmm_not_3d", da=self._array.ndim, db=mat2._array.ndim)
    return bmm(self, mat2)


methods({
    "__matmul__": _matmul_method, "__rmatmul__": _rmatmul, "matmul": matmul, "mm": mm,
    "dot": dot, "mv": mv, "bmm": _bmm_method,
})
export(mm)
export(mv)
export(dot)
export(bmm)
export(addmm)


# -- breadth C: products built as PyTorch builds them, and products with their own node ---------------


@export(method=True)
def outer(input: Tensor, vec2: Tensor) -> Tensor:
    """The outer product of two vectors: ``input[i] * vec2[j]`` (PyTorch: a column times a row).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.outer(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 10.0, 100.0]))
    tensor([[  1.,  10., 100.],
            [  2.,  20., 200.]])
    """
    for name, vector in (("self", input), ("vec2", vec2)):
        if vector._array.ndim != 1:
            raise messages.error("outer_not_1d", which=name, ndim=vector._array.ndim)
    return mul(reshape(input, input._array.shape[0], 1), vec2)


@export(method=True)
def tensordot(a: Tensor, b: Tensor, dims: Any = 2) -> Tensor:
    """Sum of products over ``dims``: the last ``dims`` of ``a`` with the first of ``b``, or two lists of dims.

    Computed as PyTorch computes it: both permuted and reshaped into matrices, one ``mm``
    (``dot`` when nothing is left over), and the result reshaped.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensordot(torch.ones(2, 3), torch.ones(3, 4), dims=1)
    tensor([[3., 3., 3., 3.],
            [3., 3., 3., 3.]])
    """
    if isinstance(dims, int):
        if dims < 0:
            raise messages.error("tensordot_negative_dims", dims=dims)
        dims_a, dims_b = list(range(a._array.ndim - dims, a._array.ndim)), list(range(dims))
    else:
        dims_a, dims_b = ([d] if isinstance(d, int) else list(d) for d in dims)
    return _tensordot(a, b, dims_a, dims_b)


def _tensordot(a: Tensor, b: Tensor, dims_a: list, dims_b: list) -> Tensor:
    """PyTorch's tensordot: permute, reshape into matrices, multiply, reshape (ATen's native/Linear.cpp)."""
    if len(dims_a) != len(dims_b):
        raise messages.error("tensordot_dims_length")
    if a._array.dtype != b._array.dtype:
        raise messages.error("tensordot_dtype")
    given = list(zip(dims_a, dims_b, strict=True))  # as the student wrote them, for the error
    dims_a = [d % max(a._array.ndim, 1) for d in dims_a]
    dims_b = [d % max(b._array.ndim, 1) for d in dims_b]
    contracted = 1
    for (da, db), (named_a, named_b) in zip(zip(dims_a, dims_b, strict=True), given, strict=True):
        sa, sb = a._array.shape[da], b._array.shape[db]
        if sa != sb and 1 not in (sa, sb):
            raise messages.error("tensordot_sizes", sa=sa, da=named_a, sb=sb, db=named_b)
        if sb == 1:
            a = sum(a, da, keepdim=True)
        elif sa == 1:
            b = sum(b, db, keepdim=True)
        else:
            contracted *= sa
    free_a = [i for i in range(a._array.ndim) if i not in dims_a]
    free_b = [i for i in range(b._array.ndim) if i not in dims_b]
    sizes = [a._array.shape[i] for i in free_a] + [b._array.shape[i] for i in free_b]
    left = permute(a, *free_a, *dims_a)
    right = permute(b, *dims_b, *free_b)
    if not free_a and not free_b:
        product = dot(flatten(left), flatten(right))
    else:
        rows, columns = math.prod(sizes[: len(free_a)]), math.prod(sizes[len(free_a) :])
        product = mm(reshape(left, rows, contracted), reshape(right, contracted, columns))
    return reshape(product, *sizes) if sizes else reshape(product, ())


@export(method=True)
def inner(input: Tensor, other: Tensor) -> Tensor:
    """Sum of products over the last dimension of both (for vectors, their dot product).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.inner(torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0]))
    tensor(11.)
    """
    if input._array.ndim == 0 or other._array.ndim == 0:
        return mul(input, other)
    if input._array.shape[-1] != other._array.shape[-1]:
        raise messages.error("inner_sizes", a=list(input._array.shape), b=list(other._array.shape))
    return _tensordot(input, other, [-1], [-1])


@export(method=True)
def kron(input: Tensor, other: Tensor) -> Tensor:
    """The Kronecker product: each element of ``input`` times the whole of ``other``, in blocks.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.kron(torch.tensor([1.0, 10.0]), torch.tensor([1.0, 2.0]))
    tensor([ 1.,  2., 10., 20.])
    """
    ndim = max(input._array.ndim, other._array.ndim)
    a_shape = (1,) * (ndim - input._array.ndim) + input._array.shape
    b_shape = (1,) * (ndim - other._array.ndim) + other._array.shape
    interleaved_a = tuple(n for size in a_shape for n in (size, 1))
    interleaved_b = tuple(n for size in b_shape for n in (1, size))
    product = mul(unsafe_view(input, shape=interleaved_a), unsafe_view(other, shape=interleaved_b))
    return unsafe_view(product, shape=tuple(x * y for x, y in zip(a_shape, b_shape, strict=True)))


def _cross_forward(a: np.ndarray, b: np.ndarray, dim: int) -> np.ndarray:
    a, b = np.broadcast_arrays(a, b)
    return np.cross(a, b, axisa=dim, axisb=dim, axisc=dim)


linalg_cross = defop(
    "linalg_cross", "LinalgCrossBackward0", "×", _cross_forward, promotes=True,
    a=rule("∂(a × b)/∂a: g ↦ b × g", lambda grad, b, dim: linalg_cross(b, grad, dim=dim)),
    b=rule("∂(a × b)/∂b: g ↦ g × a", lambda grad, a, dim: linalg_cross(grad, a, dim=dim)),
)


def _cross_checked(input: Tensor, other: Tensor, dim: int) -> Tensor:
    if input._array.ndim != other._array.ndim:
        raise messages.error("cross_ndim")
    shape = np.broadcast_shapes(input._array.shape, other._array.shape)
    dim = normalize_dim(dim, len(shape))
    if shape[dim] != 3:
        raise messages.error("cross_size", dim=dim, a=input._array.shape[dim], b=other._array.shape[dim])
    return linalg_cross(input, other, dim=dim)


@export(method=True)
def cross(input: Tensor, other: Tensor, dim: int | None = None) -> Tensor:
    """The cross product of 3-vectors along ``dim`` (without it: the first dimension of size 3, with a warning).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.cross(torch.tensor([1.0, 0.0, 0.0]), torch.tensor([0.0, 1.0, 0.0]), dim=0)
    tensor([0., 0., 1.])
    """
    if dim is None:
        warnings.warn(messages.text("cross_without_dim"), UserWarning, stacklevel=2)
        shape = np.broadcast_shapes(input._array.shape, other._array.shape)
        dim = next((i for i, n in enumerate(shape) if n == 3), -1)
    return _cross_checked(input, other, dim)


def linalg_cross_function(input: Tensor, other: Tensor, *, dim: int = -1) -> Tensor:
    """``torch.linalg.cross``: the cross product of 3-vectors along ``dim`` (the last by default).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.cross(torch.tensor([0.0, 1.0, 0.0]), torch.tensor([0.0, 0.0, 1.0]))
    tensor([1., 0., 0.])
    """
    return _cross_checked(input, other, dim)


def _scaled_grad(grad: Any, factor: float) -> Any:
    """``grad * factor``, and ``grad`` itself for a factor of 1 (PyTorch's maybe_multiply)."""
    return grad if factor == 1 else grad * factor


def _addmv_forward(a: np.ndarray, b: np.ndarray, c: np.ndarray, beta: float, alpha: float) -> np.ndarray:
    product = _mv_forward(b, c)
    return (product if alpha == 1 else alpha * product) + (0 if beta == 0 else (a if beta == 1 else beta * a))


def _baddbmm_forward(a: np.ndarray, b: np.ndarray, c: np.ndarray, beta: float, alpha: float) -> np.ndarray:
    for name, m in (("batch1", b), ("batch2", c)):
        if m.ndim != 3:
            raise messages.error("baddbmm_not_3d", which=name, ndim=m.ndim)
    product = _batched_forward(b, c)
    return (product if alpha == 1 else alpha * product) + (0 if beta == 0 else (a if beta == 1 else beta * a))


def _addbmm_forward(a: np.ndarray, b: np.ndarray, c: np.ndarray, beta: float, alpha: float) -> np.ndarray:
    return _baddbmm_forward(np.zeros((), b.dtype), b, c, 0, alpha).sum(axis=0) + (
        0 if beta == 0 else (a if beta == 1 else beta * a)
    )


def _batch_of(grad: Any, batches: int) -> Any:
    """``grad`` repeated along a new first dimension (addbmm's sum over the batch, undone)."""
    shape = (batches, *grad.shape)
    return np.broadcast_to(grad, shape) if type(grad) is np.ndarray else expand(unsqueeze(grad, 0), *shape)


addmv = defop(
    "addmv", "AddmvBackward0", "+@", _addmv_forward,
    a=rule("∂(βa + α Mv)/∂a = β", lambda grad, beta: _scaled_grad(grad, beta)),
    b=rule("∂(βa + α Mv)/∂M = α g vᵀ", lambda grad, c, alpha: _scaled_grad(mul(unsqueeze(grad, 1), c), alpha)),
    c=rule("∂(βa + α Mv)/∂v = α Mᵀ g", lambda grad, b, alpha: _scaled_grad(mv(_matrix_t(b), grad), alpha)),
)
baddbmm = defop(
    "baddbmm", "BaddbmmBackward0", "+@", _baddbmm_forward,
    a=rule("∂(βa + α AB)/∂a = β", lambda grad, beta: _scaled_grad(grad, beta)),
    b=rule("∂(βa + α AB)/∂A = α G Bᵀ", lambda grad, c, alpha: _scaled_grad(bmm(grad, transpose(c, 1, 2)), alpha)),
    c=rule("∂(βa + α AB)/∂B = α Aᵀ G", lambda grad, b, alpha: _scaled_grad(bmm(transpose(b, 1, 2), grad), alpha)),
)
addbmm = defop(
    "addbmm", "AddbmmBackward0", "+Σ@", _addbmm_forward,
    a=rule("∂(βa + α Σₖ AₖBₖ)/∂a = β", lambda grad, beta: _scaled_grad(grad, beta)),
    b=rule("∂(βa + α Σₖ AₖBₖ)/∂Aₖ = α G Bₖᵀ",
           lambda grad, c, alpha: _scaled_grad(bmm(_batch_of(grad, c.shape[0]), transpose(c, 1, 2)), alpha)),
    c=rule("∂(βa + α Σₖ AₖBₖ)/∂Bₖ = α Aₖᵀ G",
           lambda grad, b, alpha: _scaled_grad(bmm(transpose(b, 1, 2), _batch_of(grad, b.shape[0])), alpha)),
)
addmv.saved_rule_names = {"mat": "b", "vec": "c"}
baddbmm.saved_rule_names = addbmm.saved_rule_names = {"batch1": "b", "batch2": "c"}


@export(name="addmv", method=True)
def addmv_function(input: Tensor, mat: Tensor, vec: Tensor, *, beta: float = 1, alpha: float = 1) -> Tensor:
    """``beta * input + alpha * (mat @ vec)``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.addmv(torch.tensor([1.0, 1.0]), torch.eye(2), torch.tensor([2.0, 3.0]), alpha=2)
    tensor([5., 7.])
    """
    return addmv(input, mat, vec, beta=beta, alpha=alpha)


@export(name="baddbmm", method=True)
def baddbmm_function(input: Tensor, batch1: Tensor, batch2: Tensor, *, beta: float = 1, alpha: float = 1) -> Tensor:
    """``beta * input + alpha * (batch1 @ batch2)``, one matrix product per batch.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.baddbmm(torch.zeros(1, 2, 2), torch.ones(1, 2, 3), torch.ones(1, 3, 2))
    tensor([[[3., 3.],
             [3., 3.]]])
    """
    return baddbmm(input, batch1, batch2, beta=beta, alpha=alpha)


@export(name="addbmm", method=True)
def addbmm_function(input: Tensor, batch1: Tensor, batch2: Tensor, *, beta: float = 1, alpha: float = 1) -> Tensor:
    """``beta * input + alpha * Σₖ batch1[k] @ batch2[k]``: the batch's matrix products added up.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.addbmm(torch.zeros(2, 2), torch.ones(3, 2, 1), torch.ones(3, 1, 2))
    tensor([[3., 3.],
            [3., 3.]])
    """
    return addbmm(input, batch1, batch2, beta=beta, alpha=alpha)


def _dist_forward(a: np.ndarray, b: np.ndarray, p: float) -> np.ndarray:
    difference = np.subtract(a, b).reshape(-1)
    return _vector_norm_forward(difference, float(p), None, False)


def _dist_rule(grad: Any, a: Any, b: Any, out: Any, p: float) -> Any:
    """∂‖a − b‖ₚ/∂a = PyTorch's norm_backward of a − b (p = 2: (a − b)/‖a − b‖, 0 where it is 0)."""
    difference = a - b
    return _vector_norm_rule(grad, difference, out, float(p), None, False)


dist_op = defop(
    "dist", "DistBackward0", "‖a−b‖", _dist_forward, promotes=True,
    a=rule("∂‖a − b‖ₚ/∂a = sgn(a − b)|a − b|ᵖ⁻¹/‖a − b‖ₚᵖ⁻¹", _dist_rule),
    b=rule("∂‖a − b‖ₚ/∂b = −∂‖a − b‖ₚ/∂a", lambda grad, a, b, out, p: -_dist_rule(grad, a, b, out, p)),
)


@export(method=True)
def dist(input: Tensor, other: Tensor, p: float = 2) -> Tensor:
    """The p-norm of ``input - other`` (broadcast), over all elements.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.dist(torch.tensor([0.0, 0.0]), torch.tensor([3.0, 4.0]))
    tensor(5.)
    """
    return dist_op(input, other, p=p)


export(outer, name="ger", method="ger")
