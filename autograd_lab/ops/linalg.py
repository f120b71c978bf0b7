"""Matrix products: ``@``, ``matmul``, ``mm``, and the pieces PyTorch splits them into."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import _views, messages
from .._dtype import from_numpy_dtype
from ..messages import errors
from ..messages.errors import scalar_type_name
from ..tensor import Tensor, normalize_dim
from ._core import apply, defop, export, methods, rule, values_of
from ._product_order import _pytorch_mm
from .elementwise import clone, mul, sign, where
from .norms import _vector_norm_forward, _vector_norm_rule
from .reduction import return_types, sum
from .shape import (
    diagonal,
    expand,
    flatten,
    index_op,
    index_put_zeros,
    movedim,
    permute,
    reshape,
    t_op,
    transpose,
    unsafe_view,
    unsqueeze,
    view,
)

_FLOAT32 = np.dtype(np.float32)


def _mm_forward(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    for name, m in (("self", a), ("mat2", b)):
        if m.ndim != 2:
            raise messages.error("mm_not_matrix", which=name, ndim=m.ndim)
    if a.dtype != b.dtype:
        raise messages.error("mm_dtype", a=errors.c_type_name(a.dtype), b=errors.c_type_name(b.dtype))
    if a.shape[-1] != b.shape[0]:
        raise errors.matmul_mismatch(a.shape, b.shape)
    return _pytorch_mm(a, b)


def _mv_forward(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    if a.ndim != 2 or b.ndim != 1:
        raise messages.error("mv_shapes", da=a.ndim, db=b.ndim)
    if a.dtype != b.dtype:
        raise messages.error("mv_dtype", a=_dtype_word(a.dtype), b=_dtype_word(b.dtype))
    if a.shape[-1] != b.shape[0]:
        raise messages.error("mv_mismatch", rows=a.shape[0], columns=a.shape[1], size=b.shape[0])
    return a @ b


def _dtype_word(np_dtype: np.dtype) -> str:
    return from_numpy_dtype(np_dtype).legacy_type.removeprefix("torch.").removesuffix("Tensor")


def _batched_forward(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    if a.dtype != b.dtype:
        raise messages.error("bmm_dtype", a=_dtype_word(a.dtype), b=_dtype_word(b.dtype))
    if a.ndim == b.ndim == 3 and (a.shape[-1] != b.shape[-2] or a.shape[0] != b.shape[0]):  # (bmm: no broadcasting)
        raise messages.error(
            "bmm_batch2_size", batch=a.shape[0], terms=a.shape[-1], got_batch=b.shape[0], got_terms=b.shape[1]
        )
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


def _scaled_sum(a: np.ndarray, product: np.ndarray, beta: float, alpha: float) -> np.ndarray:
    """β·a + α·product, in the product's dtype; β = 0 ignores ``a`` (its nan and inf too), as PyTorch does."""
    scaled = product * product.dtype.type(alpha)
    return scaled + np.zeros_like(a, dtype=product.dtype) if beta == 0 else a * a.dtype.type(beta) + scaled


def _matrix_t(matrix: Tensor | np.ndarray) -> Tensor | np.ndarray:
    """A matrix's transpose (a view), without t()'s checks: rules know it is 2-D.

    In a backward pass that is not recorded the matrix is a NumPy array, and
    ``.T`` is all there is to do.
    """
    return matrix.T if type(matrix) is np.ndarray else t_op(matrix)


def _column_major(shape: tuple, strides: tuple) -> bool:
    """Whether a matrix is laid out column by column (``w.t()`` of a row-major ``w``), as PyTorch tests it."""
    return strides[0] == 1 and strides[1] == shape[0]


def _product(a: Any, b: Any) -> Any:
    """``a @ b`` in a rule: arrays (a backward pass that is not recorded) go straight to the kernel, as
    their shapes and dtypes fit by construction; tensors (create_graph) to ``mm``, which records it."""
    if type(a) is np.ndarray and type(b) is np.ndarray:
        return _pytorch_mm(a, b)
    return mm(a, b)


def _first_factor_grad(grad: Any, second: Any, shape: tuple, strides: tuple) -> Any:
    """G Bᵀ, laid out as A: for an A stored column by column, (B Gᵀ)ᵀ, as PyTorch's mm_mat1_backward."""
    if _column_major(shape, strides):  # (with create_graph too: the gradient's layout, and its graph, as PyTorch's)
        return _matrix_t(_product(second, _matrix_t(grad)))
    return _product(grad, _matrix_t(second))


def _second_factor_grad(grad: Any, first: Any, shape: tuple, strides: tuple) -> Any:
    """Aᵀ G, laid out as B: for a B stored column by column (``x @ w.t()``, nn.Linear's product), (Gᵀ A)ᵀ,
    as PyTorch's mm_mat2_backward, so that ``w``'s gradient arrives laid out as ``w`` (no copy)."""
    if _column_major(shape, strides):  # (with create_graph too: the gradient's layout, and its graph, as PyTorch's)
        return _matrix_t(_product(_matrix_t(grad), first))
    return _product(_matrix_t(first), grad)


mm = defop(
    "mm", "MmBackward0", "@", _mm_forward,
    a=rule("∂(AB)/∂A = G Bᵀ", lambda grad, b, a_shape, a_strides: _first_factor_grad(grad, b, a_shape, a_strides)),
    b=rule("∂(AB)/∂B = Aᵀ G", lambda grad, a, b_shape, b_strides: _second_factor_grad(grad, a, b_shape, b_strides)),
)
mm.saved_strides = ((0, "a_strides"), (1, "b_strides"))
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
def _check_addmm_dtypes(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> None:
    """addmm's dtype checks, in PyTorch's order: the added tensor (a Linear layer's bias), then the matrices."""
    if a.dtype != c.dtype:
        raise messages.error("addmm_dtype", a=scalar_type_name(a.dtype), b=scalar_type_name(c.dtype))
    if b.dtype != c.dtype:
        raise messages.error("addmm_mat_dtype", a=scalar_type_name(b.dtype), b=scalar_type_name(c.dtype))


def _addmm_forward(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    _check_addmm_dtypes(a, b, c)
    product = _mm_forward(b, c)
    if b.shape[1] == 1 and product.dtype == _FLOAT32 and a.dtype == _FLOAT32 and min(product.shape) >= 2:
        # One term per element: MKL adds the product to the bias in one fused multiply-add (one
        # rounding), as in nn.Linear(1, n).  The product is exact in float64.
        return (b.astype(np.float64) * c.astype(np.float64) + a).astype(_FLOAT32)
    return product + a


addmm = defop(
    "addmm", "AddmmBackward0", "+@",
    _addmm_forward,
    opmath=True,
    a=rule("∂(a + BC)/∂a = 1", lambda grad: grad),
    b=rule("∂(a + BC)/∂B = G Cᵀ", lambda grad, c, b_shape, b_strides: _first_factor_grad(grad, c, b_shape, b_strides)),
    c=rule("∂(a + BC)/∂C = Bᵀ G", lambda grad, b, c_shape, c_strides: _second_factor_grad(grad, b, c_shape, c_strides)),
)
addmm.saved_strides = ((1, "b_strides"), (2, "c_strides"))

# PyTorch's names for what these nodes save (grad_fn._saved_mat2 ...)
bmm.saved_rule_names = {"self": "a", "mat2": "b"}
mm.saved_rule_names = {"self": "a", "mat2": "b", "self_sym_strides": "a_strides", "mat2_sym_strides": "b_strides"}
mv.saved_rule_names = {"self": "a", "vec": "b"}
dot.saved_rule_names = {"self": "a", "tensor": "b"}
addmm.saved_rule_names = {"mat1": "b", "mat2": "c", "mat1_sym_strides": "b_strides", "mat2_sym_strides": "c_strides"}
# torch.addmm(input, mat1, mat2, beta=, alpha=) with factors other than 1: the same node, its factors saved.
addmm_scaled = defop(
    "addmm_scaled", "AddmmBackward0", "+@",
    lambda a, b, c, beta, alpha: _check_addmm_dtypes(a, b, c) or _scaled_sum(a, _mm_forward(b, c), beta, alpha),
    a=rule("∂(βa + αBC)/∂a = β", lambda grad, beta: grad * beta),
    b=rule("∂(βa + αBC)/∂B = α G Cᵀ", lambda grad, c, alpha: mm(grad, _matrix_t(c)) * alpha),
    c=rule("∂(βa + αBC)/∂C = α Bᵀ G", lambda grad, b, alpha: mm(_matrix_t(b), grad) * alpha),
)
addmm_scaled.saved_rule_names = {"mat1": "b", "mat2": "c", "alpha": "alpha", "beta": "beta"}


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
        return mm(unsqueeze(input, 0), other).squeeze_(0)  # (in place: the result is no view, as PyTorch's)
    if _should_fold(input, other):
        return _folded_matmul(input, other)
    batch_a, batch_b = input._array.shape[:-2], other._array.shape[:-2]
    try:
        batch = np.broadcast_shapes(batch_a, batch_b)
    except ValueError:
        raise errors.broadcast_shapes(batch_a, batch_b) from None
    return _batched_matmul(input, other, batch)


def _batched_matmul(input: Tensor, other: Tensor, batch: tuple) -> Tensor:
    """PyTorch's general ``matmul``: both expanded to the common batch, viewed as 3-d, one ``bmm``, then an
    ``_unsafe_view`` to the result's shape (a vector's axis dropped)."""
    da, db = input._array.ndim, other._array.ndim
    count = math.prod(batch)
    n = input._array.shape[-2] if da > 1 else 1
    terms = input._array.shape[-1]
    a = reshape(expand(input, (*batch, n, terms)), (count, n, terms))
    if db == 1:
        b = unsqueeze(reshape(expand(other, (*batch, terms)), (count, terms)), 2)
    else:
        b = reshape(expand(other, (*batch, *other._array.shape[-2:])), (count, *other._array.shape[-2:]))
    shape = (*batch, *((n,) if da > 1 else ()), *((other._array.shape[-1],) if db > 1 else ()))
    return unsafe_view(bmm(a, b), shape=shape)


def _should_fold(input: Tensor, other: Tensor) -> bool:
    """PyTorch's ``should_fold``: a batch times a matrix or a vector is one product of all the batch's rows
    (``mm``/``mv``), where the rows can be viewed as one matrix without a copy, or the smaller operand
    requires grad (its gradient is then one product, not a batch of them summed)."""
    larger_first = input._array.ndim >= other._array.ndim
    big = input._array if larger_first else np.swapaxes(other._array, -1, -2)
    small = other if larger_first else input
    if not (big.ndim >= 3 and small._array.ndim <= 2):
        return False
    if small.requires_grad:
        return True
    if input._array.ndim == 2:  # (folding would need the product transposed and copied)
        return False
    if big.size == 0:
        return True
    shape, strides = big.shape, big.strides
    return all(strides[i] == strides[i + 1] * shape[i + 1] for i in range(big.ndim - 1))


def _folded_matmul(input: Tensor, other: Tensor) -> Tensor:
    """A batch's rows as one matrix, times the matrix or vector: PyTorch's folded ``matmul``."""
    transposed = other._array.ndim > input._array.ndim  # (a matrix or vector @ a batch: (Bᵀ Aᵀ)ᵀ)
    big = transpose(other, -1, -2) if transposed else input
    small = (t_op(input) if input._array.ndim == 2 else input) if transposed else other
    shape = big._array.shape[:-1]
    rows = reshape(big, (math.prod(shape), big._array.shape[-1]))
    if small._array.ndim == 1:
        return unsafe_view(mv(rows, small), shape=shape)
    out = unsafe_view(mm(rows, small), shape=(*shape, small._array.shape[1]))
    return transpose(out, -1, -2).contiguous() if transposed else out


def _matmul_method(self: Tensor, other: Any) -> Any:
    if isinstance(other, Tensor) and self._array.ndim == 2 and other._array.ndim == 2:
        return apply(mm, (self, other))  # (matmul's usual case, straight to its op: on every layer)
    if not isinstance(other, (Tensor, np.ndarray)):
        return NotImplemented  # x @ 2: Python's own TypeError, as PyTorch gives
    return matmul(self, other)


def _rmatmul(self: Tensor, other: Any) -> Any:
    if not isinstance(other, Tensor):
        return NotImplemented
    return matmul(other, self)


@export(name="bmm", method=True)
def bmm_checked(input: Tensor, mat2: Tensor) -> Tensor:
    """Matrix products of two batches of matrices, (B, n, m) @ (B, m, p): each must be 3-D.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.bmm(torch.ones(2, 1, 3), torch.ones(2, 3, 1)).shape
    torch.Size([2, 1, 1])
    """
    for which, matrices in (("batch1", input), ("batch2", mat2)):
        if values_of(matrices).ndim != 3:
            raise messages.error("bmm_not_3d", which=which, da=values_of(input).ndim, db=values_of(mat2).ndim)
    return bmm(input, mat2)


@export(name="addmm", method=True)
def addmm_function(
    input: Tensor, mat1: Tensor, mat2: Tensor, *, beta: float = 1, alpha: float = 1
) -> Tensor:
    """``beta * input + alpha * (mat1 @ mat2)``, ``input`` broadcast to the product's shape (one node, AddmmBackward0).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.addmm(torch.ones(3), torch.ones(2, 2), torch.ones(2, 3), alpha=2)
    tensor([[5., 5., 5.],
            [5., 5., 5.]])
    """
    for name, matrix in (("mat1", mat1), ("mat2", mat2)):
        if matrix._array.ndim != 2:
            raise messages.error("addmm_not_matrix", which=name, ndim=matrix._array.ndim)
    if mat1._array.shape[1] != mat2._array.shape[0]:
        raise errors.matmul_mismatch(mat1._array.shape, mat2._array.shape)
    expand(input, (mat1._array.shape[0], mat2._array.shape[1]))  # PyTorch's error if it does not broadcast
    if beta == 1 and alpha == 1:
        return addmm(input, mat1, mat2)
    return addmm_scaled(input, mat1, mat2, beta=beta, alpha=alpha)


methods({
    "__matmul__": _matmul_method, "__rmatmul__": _rmatmul, "matmul": matmul, "mm": mm,
    "dot": dot, "mv": mv,
})
export(mm)
export(mv)
export(dot)


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
        dims_a, dims_b = list(range(-dims, 0)), list(range(dims))  # (as PyTorch counts them: -1 in its errors)
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
    left = permute(a, (*free_a, *dims_a))  # (one tuple: a 0-d operand's dims are ())
    right = permute(b, (*dims_b, *free_b))
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
        messages.warn("cross_without_dim")
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
    b=rule("∂‖a − b‖ₚ/∂b = −∂‖a − b‖ₚ/∂a", lambda grad, a, b, out, p: _negated(_dist_rule(grad, a, b, out, p))),
)


def _negated(grad: Any) -> Any:
    """``-grad``; for p = 0 there is none, and PyTorch's formula negates an undefined tensor, which raises."""
    if grad is None:
        raise messages.error("undefined_tensor_negated")
    return -grad


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


# -- breadth C: the decompositions of a matrix (torch.linalg) -----------------------------------------


def _mT(x: Any) -> Any:
    """The transpose of the last two dimensions (``x.mT``), of an array or a tensor."""
    return np.swapaxes(x, -1, -2) if type(x) is np.ndarray else transpose(x, -2, -1)


def _as_matrices(x: Any) -> Any:
    """``x[..., None, None]``: a number per matrix, to scale a batch of matrices."""
    return x[..., None, None] if type(x) is np.ndarray else unsqueeze(unsqueeze(x, -1), -1)


def _square_matrices(a: np.ndarray, function: str) -> None:
    """PyTorch's checks before a decomposition: a batch of square float matrices."""
    if a.ndim < 2:
        raise messages.error("linalg_not_matrix", function=function, ndim=a.ndim)
    if a.shape[-1] != a.shape[-2]:
        raise messages.error("linalg_not_square", function=function, rows=a.shape[-2], columns=a.shape[-1])
    if a.dtype.kind != "f":
        raise messages.error("linalg_dtype", function=function, dtype=_dtype_word(a.dtype))


class LinAlgError(RuntimeError):
    """What a failed decomposition raises (a singular matrix ...): ``torch.linalg.LinAlgError``."""


LinAlgError.__name__ = LinAlgError.__qualname__ = "_LinAlgError"  # as PyTorch's class calls itself


def _first_failure(a: np.ndarray, fails: Any) -> tuple[str, int]:
    """PyTorch's words for where a batch fails: "(Batch element k): " (none for one matrix), and ``fails``' index."""
    matrices = a.reshape(-1, *a.shape[-2:])
    for k, matrix in enumerate(matrices):
        index = fails(matrix)
        if index:
            return (f"(Batch element {k}): " if a.ndim > 2 else ""), index
    return "", 0


def _zero_pivot(matrix: np.ndarray) -> int:
    """LAPACK getrf's info: the first (1-based) zero on U's diagonal of an LU with partial pivoting, or 0."""
    u = matrix.astype(np.float64, copy=True)
    n = u.shape[0]
    for k in range(n):
        pivot = k + int(np.argmax(np.abs(u[k:, k])))
        if u[pivot, k] == 0:
            return k + 1
        u[[k, pivot]] = u[[pivot, k]]
        u[k + 1 :] -= np.outer(u[k + 1 :, k] / u[k, k], u[k])
    return 0


def _inv_forward(a: np.ndarray) -> np.ndarray:
    _square_matrices(a, "linalg.inv")
    try:
        return np.linalg.inv(a)
    except np.linalg.LinAlgError:
        batch, index = _first_failure(a, _zero_pivot)
        raise messages.error("linalg_singular", LinAlgError, function="linalg.inv", batch=batch, index=index) from None


def _det_forward(a: np.ndarray) -> np.ndarray:
    _square_matrices(a, "linalg.det")
    return np.linalg.det(a)


def _slogdet(a: np.ndarray) -> Any:
    _square_matrices(a, "linalg.slogdet")
    return np.linalg.slogdet(a)


linalg_inv = defop(
    "linalg_inv", "LinalgInvExBackward0", "A⁻¹", _inv_forward,
    a=rule("∂(A⁻¹) = −A⁻¹ (∂A) A⁻¹: G ↦ −A⁻ᵀ G A⁻ᵀ", lambda grad, out: -(_mT(out) @ (grad @ _mT(out)))),
)
linalg_det = defop(
    "linalg_det", "LinalgDetBackward0", "det", _det_forward,
    a=rule("∂det A/∂A = det A · A⁻ᵀ", lambda grad, a, out: _as_matrices(grad * out) * _mT(linalg_inv(a))),
)
slogdet_sign = defop(  # the sign is a step: its derivative is 0
    "slogdet_sign", "LinalgSlogdetBackward0", "sgn det", lambda a: _slogdet(a)[0],
    a=rule("∂ sgn(det A)/∂A = 0 (no gradient at all, as in PyTorch)", lambda grad: None),
)
slogdet_logabsdet = defop(
    "slogdet_logabsdet", "LinalgSlogdetBackward0", "ln|det|", lambda a: _slogdet(a)[1],
    a=rule("∂ln|det A|/∂A = A⁻ᵀ", lambda grad, a: _as_matrices(grad) * _mT(linalg_inv(a))),
)


def _solve_is_vector(a_shape: tuple, b_shape: tuple) -> bool:
    """PyTorch's rule: ``B`` is a (batch of) vector(s) if 1-D, or if its shape is ``A``'s without the last dim."""
    return len(b_shape) == 1 or (len(b_shape) == len(a_shape) - 1 and b_shape == a_shape[:-1])


def _solve_forward(a: np.ndarray, b: np.ndarray, left: bool) -> np.ndarray:
    _square_matrices(a, "linalg.solve")
    if a.dtype != b.dtype:
        raise messages.error("linalg_solve_dtype", a=_dtype_word(a.dtype), b=_dtype_word(b.dtype))
    if not left:  # X A = B is Aᵀ Xᵀ = Bᵀ
        if b.ndim == 1:
            raise messages.error("linalg_solve_shapes", equation="XA", n=a.shape[-1], rows=b.shape[0], columns=1)
        if _solve_is_vector(a.shape, b.shape):
            raise messages.error("linalg_solve_right_vector")
        return np.swapaxes(_solve_forward(np.swapaxes(a, -1, -2), np.swapaxes(b, -1, -2), True), -1, -2)
    vector = _solve_is_vector(a.shape, b.shape)
    if b.ndim == 0 or b.shape[-1 if vector else -2] != a.shape[-1]:
        rows, columns = (b.shape[-1], 1) if vector else b.shape[-2:]
        raise messages.error("linalg_solve_shapes", equation="AX", n=a.shape[-1], rows=rows, columns=columns)
    try:
        x = np.linalg.solve(a, b[..., None] if vector else b)
    except np.linalg.LinAlgError:
        batch, _ = _first_failure(a, _zero_pivot)
        raise messages.error("linalg_solve_singular", LinAlgError, batch=batch) from None
    return x[..., 0] if vector else x


def _solve_b_rule(grad: Any, a: Any, left: bool) -> Any:
    """∂X/∂B for A X = B: G ↦ A⁻ᵀ G (for X A = B: G ↦ G A⁻ᵀ)."""
    return linalg_solve(_mT(a), grad, left=left)


def _solve_a_rule(grad: Any, a: Any, b: Any, out: Any, left: bool) -> Any:
    """∂X/∂A for A X = B: G ↦ −(A⁻ᵀ G) Xᵀ (for X A = B: G ↦ −Xᵀ (G A⁻ᵀ))."""
    grad_b = _solve_b_rule(grad, a, left)
    if not left:
        return -(_mT(out) @ grad_b)
    if _solve_is_vector(np.shape(a), np.shape(b)):
        if type(out) is np.ndarray:
            return -(grad_b[..., :, None] * out[..., None, :])
        return -(unsqueeze(grad_b, -1) * unsqueeze(out, -2))
    return -(grad_b @ _mT(out))


linalg_solve = defop(
    "linalg_solve", "LinalgSolveExBackward0", "A⁻¹B", _solve_forward,
    a=rule("∂(A⁻¹B)/∂A: G ↦ −A⁻ᵀ G Xᵀ", _solve_a_rule),
    b=rule("∂(A⁻¹B)/∂B: G ↦ A⁻ᵀ G", _solve_b_rule),
)
linalg_solve.saved_rule_names = {"A": "a", "result": "out"}


def _substitute(a: np.ndarray, b: np.ndarray, upper: bool, unitriangular: bool) -> np.ndarray:
    """A X = B for triangular A, row after row (forward substitution, or back substitution if ``upper``)."""
    shape = np.broadcast_shapes(a.shape[:-2], b.shape[:-2])
    a = np.broadcast_to(a, (*shape, *a.shape[-2:]))
    x = np.array(np.broadcast_to(b, (*shape, *b.shape[-2:])), dtype=np.result_type(a, b))
    n = a.shape[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        for i in reversed(range(n)) if upper else range(n):
            done = slice(i + 1, n) if upper else slice(0, i)
            row = x[..., i, :] - np.einsum("...j,...jk->...k", a[..., i, done], x[..., done, :])
            x[..., i, :] = row if unitriangular else row / a[..., i, i, None]
    return x


def _solve_triangular_forward(
    a: np.ndarray, b: np.ndarray, upper: bool, left: bool, unitriangular: bool
) -> np.ndarray:
    name = "linalg.solve_triangular"
    if b.ndim < 2:
        raise messages.error("linalg_solve_triangular_b_dims")
    _square_matrices(a, name)
    rows, columns = b.shape[-2:]
    if (rows if left else columns) != a.shape[-1]:
        equation = "AX" if left else "XA"
        raise messages.error(
            "linalg_solve_triangular_shapes", equation=equation, n=a.shape[-1], rows=rows, columns=columns
        )
    if left:
        return _substitute(a, b, upper, unitriangular)
    return np.swapaxes(_substitute(np.swapaxes(a, -1, -2), np.swapaxes(b, -1, -2), not upper, unitriangular), -1, -2)


def _solve_triangular_b_rule(grad: Any, a: Any, upper: bool, left: bool, unitriangular: bool) -> Any:
    """∂X/∂B for A X = B: G ↦ A⁻ᵀ G, itself a triangular solve (with Aᵀ, of the other triangle)."""
    return linalg_solve_triangular(_mT(a), grad, upper=not upper, left=left, unitriangular=unitriangular)


def _solve_triangular_a_rule(grad: Any, a: Any, out: Any, upper: bool, left: bool, unitriangular: bool) -> Any:
    """∂X/∂A for A X = B: G ↦ −(A⁻ᵀ G) Xᵀ (X A = B: −Xᵀ (G A⁻ᵀ)), kept to A's triangle (less its unit diagonal)."""
    grad_b = _solve_triangular_b_rule(grad, a, upper, left, unitriangular)
    grad_a = -(grad_b @ _mT(out)) if left else -(_mT(out) @ grad_b)
    size = np.shape(grad_a)[-1]
    ones = np.ones((size, size), dtype=bool)
    keep = np.triu(ones, int(unitriangular)) if upper else np.tril(ones, -int(unitriangular))
    return grad_a * keep


linalg_solve_triangular = defop(
    "linalg_solve_triangular", "LinalgSolveTriangularBackward0", "T⁻¹B", _solve_triangular_forward,
    a=rule("∂X/∂A: G ↦ −(A⁻ᵀ G) Xᵀ, on A's triangle", _solve_triangular_a_rule),
    b=rule("∂X/∂B: G ↦ A⁻ᵀ G (a triangular solve with Aᵀ)", _solve_triangular_b_rule),
)
linalg_solve_triangular.saved_rule_names = {"self": "a", "result": "out"}


def _cholesky_forward(a: np.ndarray, upper: bool) -> np.ndarray:
    _square_matrices(a, "linalg.cholesky")
    try:
        lower = np.linalg.cholesky(a)
    except np.linalg.LinAlgError:
        batch, order = _first_failure(a, _failing_minor)
        raise messages.error("linalg_cholesky_not_positive", LinAlgError, batch=batch, order=order) from None
    return np.swapaxes(lower, -1, -2) if upper else lower


def _failing_minor(matrix: np.ndarray) -> int:
    """The order of the first leading minor that is not positive-definite (PyTorch names it), or 0."""
    for order in range(1, matrix.shape[-1] + 1):
        try:
            np.linalg.cholesky(matrix[:order, :order])
        except np.linalg.LinAlgError:
            return order
    return 0


def _lower_triangle(x: Any) -> Any:
    """``x.tril()``: the elements on and below the diagonal (the others 0), recorded as a product with a mask."""
    return x * np.tril(np.ones(np.shape(x)[-2:], dtype=bool))


def _cholesky_rule(grad: Any, out: Any, upper: bool) -> Any:
    """PyTorch's cholesky_backward: Φ(Lᵀ G) with Φ = tril with half the diagonal, symmetrised, then L⁻ᵀ · L⁻¹."""
    lower, grad_lower = (_mT(out), _mT(grad)) if upper else (out, grad)
    grad_a = _lower_triangle(_mT(lower) @ grad_lower)
    grad_a = 0.5 * (grad_a + _mT(grad_a - grad_a * np.eye(np.shape(grad_a)[-1], dtype=bool)))
    grad_a = linalg_solve(_mT(lower), grad_a, left=True)  # L⁻ᵀ G
    return linalg_solve(lower, grad_a, left=False)  # (L⁻ᵀ G) L⁻¹


linalg_cholesky = defop(
    "linalg_cholesky", "LinalgCholeskyExBackward0", "chol", _cholesky_forward,
    a=rule("∂A ↦ L Φ(L⁻¹ ∂A L⁻ᵀ): G ↦ L⁻ᵀ Φ(Lᵀ G) L⁻¹ (symmetrised)", _cholesky_rule),
)


def _eigh(a: np.ndarray, UPLO: str) -> Any:  # noqa: N803 - PyTorch's argument name
    _square_matrices(a, "linalg.eigh")
    if UPLO not in ("L", "U"):
        raise messages.error("linalg_eigh_uplo", uplo=UPLO)
    return np.linalg.eigh(a, UPLO=UPLO)


def _eigenvector_rule(grad: Any, a: Any, UPLO: str) -> Any:  # noqa: N803 - PyTorch's argument name
    """PyTorch's linalg_eig_backward (Hermitian), for the eigenvectors: V ((VᵀG − GᵀV)/2 ÷ (λⱼ − λᵢ)) Vᵀ."""
    values, vectors = linalg_eigvalsh_op(a, UPLO=UPLO), eigh_vectors(a, UPLO=UPLO)
    projected = _mT(vectors) @ grad
    gaps = unsqueeze(values, -2) - unsqueeze(values, -1) if type(values) is not np.ndarray else (
        values[..., None, :] - values[..., :, None]
    )
    diagonal = np.eye(np.shape(projected)[-1], dtype=bool)
    off_diagonal = where(diagonal, 0.0, 0.5 * (projected - _mT(projected)) / where(diagonal, 1.0, gaps))
    return vectors @ (off_diagonal @ _mT(vectors))


linalg_eigvalsh_op = defop(
    "linalg_eigh_values", "LinalgEighBackward0", "λ", lambda a, UPLO: _eigh(a, UPLO)[0],  # noqa: N803 - PyTorch's argument name
    a=rule("∂λᵢ/∂A = vᵢ vᵢᵀ: G ↦ V diag(g) Vᵀ",
           lambda grad, a, UPLO: _eigh_values_rule(grad, eigh_vectors(a, UPLO=UPLO))),  # noqa: N803 - PyTorch's argument name
)
eigh_vectors = defop(
    "linalg_eigh_vectors", "LinalgEighBackward0", "V", lambda a, UPLO: _eigh(a, UPLO)[1],  # noqa: N803 - PyTorch's argument name
    a=rule("∂V: G ↦ V (skew(VᵀG) ÷ (λⱼ − λᵢ)) Vᵀ", _eigenvector_rule),
)


def _eigh_values_rule(grad: Any, vectors: Any) -> Any:
    """V diag(g) Vᵀ, as (V · g) Vᵀ."""
    scaled = vectors * (grad[..., None, :] if type(grad) is np.ndarray else unsqueeze(grad, -2))
    return scaled @ _mT(vectors)


def _svd(a: np.ndarray, function: str) -> Any:
    if a.ndim < 2:
        raise messages.error("linalg_not_matrix", function=function, ndim=a.ndim)
    if a.dtype.kind != "f":
        raise messages.error("linalg_dtype", function=function, dtype=_dtype_word(a.dtype))
    return np.linalg.svd(a, full_matrices=False)




for _name, _fields in (
    ("slogdet", "sign logabsdet"),
    ("linalg_slogdet", "sign logabsdet"),
    ("linalg_eigh", "eigenvalues eigenvectors"),
    ("linalg_svd", "U S Vh"),
    ("svd", "U S V"),
    ("linalg_qr", "Q R"),
    ("linalg_lstsq", "solution residuals rank singular_values"),
):
    return_types.declare(_name, fields=tuple(_fields.split()))


def linalg_inv_function(A: Tensor) -> Tensor:  # noqa: N803 - PyTorch's argument name
    """The inverse of a square matrix (or of each in a batch): ``A @ inv(A)`` is the identity.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.inv(torch.tensor([[2.0, 0.0], [0.0, 4.0]]))
    tensor([[0.5000, 0.0000],
            [0.0000, 0.2500]])
    """
    return linalg_inv(A)


def linalg_det_function(A: Tensor) -> Tensor:  # noqa: N803 - PyTorch's argument name
    """The determinant of a square matrix (or of each in a batch).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.det(torch.tensor([[2.0, 1.0], [1.0, 3.0]]))
    tensor(5.)
    """
    return linalg_det(A)


def _slogdet_pair(A: Tensor, kind: type) -> Any:  # noqa: N803 - PyTorch's argument name
    return kind(slogdet_sign(A), slogdet_logabsdet(A))


@export(method=True)
def slogdet(input: Tensor) -> Any:
    """The sign and the log of the absolute value of the determinant (no overflow for big matrices).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.slogdet(torch.tensor([[-2.0, 0.0], [0.0, 1.0]])).sign
    tensor(-1.)
    """
    return _slogdet_pair(input, return_types.slogdet)


@export(method=True)
def inverse(input: Tensor) -> Tensor:
    """``torch.inverse``: :func:`torch.linalg.inv` under its older name (whose argument is ``input``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.inverse(input=torch.tensor([[2.0, 0.0], [0.0, 4.0]]))
    tensor([[0.5000, 0.0000],
            [0.0000, 0.2500]])
    """
    return linalg_inv(input)


@export(method=True)
def det(input: Tensor) -> Tensor:
    """``torch.det``: :func:`torch.linalg.det` under its older name (whose argument is ``input``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.det(input=torch.tensor([[2.0, 1.0], [1.0, 3.0]]))
    tensor(5.)
    """
    return linalg_det(input)


def linalg_slogdet(A: Tensor) -> Any:  # noqa: N803 - PyTorch's argument name
    """``torch.linalg.slogdet``: the sign and log|det| of a square matrix.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.slogdet(torch.eye(2) * 3).logabsdet
    tensor(2.1972)
    """
    return _slogdet_pair(A, return_types.linalg_slogdet)


@export(method=True)
def logdet(input: Tensor) -> Tensor:
    """The log of the determinant: nan where it is negative, -inf where it is 0.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.logdet(torch.eye(2) * 2)
    tensor(1.3863)
    """
    sign, logabsdet = slogdet_sign(input), slogdet_logabsdet(input)
    return where(sign._array == -1, np.asarray(np.nan, dtype=logabsdet._array.dtype), logabsdet)


def solve(A: Tensor, B: Tensor, *, left: bool = True) -> Tensor:  # noqa: N803 - PyTorch's argument name
    """``X`` with ``A @ X = B`` (``left=False``: ``X @ A = B``), without forming the inverse.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.solve(torch.tensor([[2.0, 0.0], [0.0, 4.0]]), torch.tensor([2.0, 2.0]))
    tensor([1.0000, 0.5000])
    """
    return linalg_solve(A, B, left=left)


def solve_triangular(
    A: Tensor,  # noqa: N803 - PyTorch's argument name
    B: Tensor,  # noqa: N803
    *,
    upper: bool,
    left: bool = True,
    unitriangular: bool = False,
) -> Tensor:
    """The solution ``X`` of ``A @ X = B`` (``X @ A = B`` if ``left=False``) for a triangular ``A``.

    Only ``A``'s lower triangle is read (its upper one if ``upper=True``; not its diagonal
    either if ``unitriangular=True``, which takes it as 1s).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> A = torch.tensor([[2.0, 0.0], [1.0, 1.0]])
    >>> torch.linalg.solve_triangular(A, torch.tensor([[2.0], [3.0]]), upper=False)
    tensor([[1.],
            [2.]])
    """
    return linalg_solve_triangular(A, B, upper=upper, left=left, unitriangular=unitriangular)


def cholesky(A: Tensor, *, upper: bool = False) -> Tensor:  # noqa: N803 - PyTorch's argument name
    """The Cholesky factor ``L`` of a symmetric positive-definite matrix: ``A = L @ L.mT``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.cholesky(torch.tensor([[4.0, 2.0], [2.0, 2.0]]))
    tensor([[2., 0.],
            [1., 1.]])
    """
    return linalg_cholesky(A, upper=upper)


def eigh(A: Tensor, UPLO: str = "L") -> Any:  # noqa: N803 - PyTorch's argument name
    """Eigenvalues (ascending) and eigenvectors of a symmetric matrix, read from its lower (``UPLO='L'``) triangle.

    The eigenvectors' signs depend on the LAPACK build, in PyTorch as here.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.eigh(torch.tensor([[2.0, 0.0], [0.0, 1.0]])).eigenvalues
    tensor([1., 2.])
    """
    return return_types.linalg_eigh(linalg_eigvalsh_op(A, UPLO=UPLO), eigh_vectors(A, UPLO=UPLO))


def eigvalsh(A: Tensor, UPLO: str = "L") -> Tensor:  # noqa: N803 - PyTorch's argument name
    """The eigenvalues (ascending) of a symmetric matrix.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.eigvalsh(torch.tensor([[2.0, 1.0], [1.0, 2.0]]))
    tensor([1., 3.])
    """
    return linalg_eigvalsh_op(A, UPLO=UPLO)


def _values(array: np.ndarray, like: np.ndarray) -> Tensor:
    """A result without a gradient, in the input's dtype."""
    return Tensor._wrap(np.ascontiguousarray(array, dtype=like.dtype))


def svd(A: Tensor, full_matrices: bool = True) -> Any:  # noqa: N803 - PyTorch's argument name
    """``A = U @ diag(S) @ Vh``: singular values (descending) and singular vectors (values only, no gradient).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.svd(torch.tensor([[3.0, 0.0], [0.0, -2.0]])).S
    tensor([3., 2.])
    """
    a = A._array
    _svd_checks(a, "linalg.svd")
    u, s, vh = np.linalg.svd(a, full_matrices=full_matrices)
    return return_types.linalg_svd(_values(u, a), _values(s, a), _values(vh, a))


@export(name="svd", method=True)
def svd_old(input: Tensor, some: bool = True, compute_uv: bool = True) -> Any:
    """``torch.svd``: ``U``, ``S`` and ``V`` (not ``Vh``) with ``input = U @ diag(S) @ V.mT`` (values only).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.svd(torch.tensor([[3.0, 0.0], [0.0, -2.0]])).S
    tensor([3., 2.])
    """
    u, s, vh = svd(input, full_matrices=not some)
    if not compute_uv:
        u, vh = u * 0, vh * 0
    return return_types.svd(u, s, _values(np.swapaxes(vh._array, -1, -2), vh._array))


def _svdvals_forward(a: np.ndarray) -> np.ndarray:
    _svd_checks(a, "linalg.svd")
    return np.linalg.svd(a, compute_uv=False).astype(a.dtype)


def _svdvals_grad(grad: Any, a: Any, out: Any) -> Any:
    """U diag(g) Vᵀ, from A's singular vectors (computed again: the forward keeps the values only).

    Recorded (create_graph), the same gradient in ops that differentiate again: A V diag(g/σ) Vᵀ with V
    the eigenvectors of AᵀA (ascending, so g/σ reversed), or U diag(g/σ) Uᵀ A from AAᵀ for a wide A.
    """
    if type(grad) is np.ndarray:
        array = values_of(a)
        u, _, vh = np.linalg.svd(array, full_matrices=False)
        return (u.astype(array.dtype) * grad[..., None, :]) @ vh.astype(array.dtype)
    scale = unsqueeze((grad / out).flip(-1), -2)
    if a.shape[-2] >= a.shape[-1]:
        vectors = eigh_vectors(matmul(_mT(a), a), UPLO="L")
        return matmul(a, matmul(vectors * scale, _mT(vectors)))
    vectors = eigh_vectors(matmul(a, _mT(a)), UPLO="L")
    return matmul(matmul(vectors * scale, _mT(vectors)), a)


linalg_svdvals = defop(
    "linalg_svdvals", "LinalgSvdBackward0", "σ", _svdvals_forward,
    a=rule("∂σᵢ = uᵢᵀ (∂A) vᵢ: G ↦ U diag(g) Vᵀ", _svdvals_grad),
)


def svdvals(A: Tensor) -> Tensor:  # noqa: N803 - PyTorch's argument name
    """The singular values of a matrix, largest first.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.svdvals(torch.tensor([[0.0, 2.0], [1.0, 0.0]]))
    tensor([2., 1.])
    """
    return linalg_svdvals(A)


def _svd_checks(a: np.ndarray, function: str) -> None:
    if a.ndim < 2:
        raise messages.error("linalg_not_matrix", function=function, ndim=a.ndim)
    if a.dtype.kind != "f":
        raise messages.error("linalg_dtype", function=function, dtype=_dtype_word(a.dtype))


def qr(A: Tensor, mode: str = "reduced") -> Any:  # noqa: N803 - PyTorch's argument name
    """``A = Q @ R`` with orthonormal columns in ``Q`` and ``R`` upper triangular (values only, no gradient).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.qr(torch.tensor([[2.0, 0.0], [0.0, 3.0]])).R.abs()
    tensor([[2., 0.],
            [0., 3.]])
    """
    a = A._array
    _svd_checks(a, "linalg.qr")
    if mode not in ("reduced", "complete", "r"):
        raise messages.error("linalg_qr_mode", mode=mode)
    q, r = np.linalg.qr(a, mode="complete" if mode == "complete" else "reduced")
    q = q if mode != "r" else np.zeros((0,), a.dtype)
    return return_types.linalg_qr(_values(q, a), _values(r, a))


@export(method=True)
def matrix_power(input: Tensor, n: int) -> Tensor:
    """``input`` multiplied by itself ``n`` times (``n < 0``: powers of the inverse), by PyTorch's repeated squaring.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.matrix_power(torch.tensor([[1.0, 1.0], [0.0, 1.0]]), 3)
    tensor([[1., 3.],
            [0., 1.]])
    """
    a = input._array
    if a.ndim < 2 or a.shape[-1] != a.shape[-2]:
        _square_matrices(a, "linalg.matrix_power")
    if n == 0:
        return Tensor._wrap(np.broadcast_to(np.eye(a.shape[-1], dtype=a.dtype), a.shape).copy())
    if n == 1:
        return clone(input)
    matrix = linalg_inv(input) if n < 0 else input
    n = -n if n < 0 else n
    if n == 1:
        return matrix
    if n == 2:
        return matmul(matrix, matrix)
    if n == 3:
        return matmul(matmul(matrix, matrix), matrix)
    result = square = None
    while n > 0:  # the binary digits of n, lowest first
        bit, n = n % 2, n // 2
        square = matrix if square is None else matmul(square, square)
        if bit:
            result = square if result is None else matmul(result, square)
    return result


def matrix_rank(A: Tensor, *, atol: float | None = None, rtol: float | None = None, hermitian: bool = False) -> Tensor:  # noqa: N803 - PyTorch's argument name
    """How many singular values of ``A`` are above the tolerance (by default ``σ_max · max(m, n) · eps``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.matrix_rank(torch.tensor([[1.0, 2.0], [2.0, 4.0]]))
    tensor(1)
    """
    a = A._array
    _svd_checks(a, "linalg.matrix_rank")
    if hermitian:  # (PyTorch's eigh refuses a matrix that is not square)
        _square_matrices(a, "linalg.eigh")
    values = np.abs(np.linalg.eigvalsh(a)) if hermitian else np.linalg.svd(a, compute_uv=False)
    if rtol is None:
        rtol = 0.0 if atol is not None and atol > 0 else np.finfo(a.dtype).eps * max(a.shape[-2:])
    largest = values.max(axis=-1, keepdims=True) if values.shape[-1] else np.zeros(values.shape[:-1] + (1,))
    tolerance = np.maximum(atol or 0.0, rtol * largest)
    return Tensor._wrap(np.asarray(np.count_nonzero(values > tolerance, axis=-1), dtype=np.int64))


def pinv(A: Tensor, *, atol: float | None = None, rtol: float | None = None, hermitian: bool = False) -> Tensor:  # noqa: N803 - PyTorch's argument name
    """The Moore–Penrose pseudo-inverse (values only, no gradient): ``A @ pinv(A) @ A = A``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.pinv(torch.tensor([[2.0, 0.0], [0.0, 0.0]]))
    tensor([[0.5000, 0.0000],
            [0.0000, 0.0000]])
    """
    a = A._array
    _svd_checks(a, "linalg.pinv")
    if hermitian:  # (PyTorch's eigh refuses a matrix that is not square)
        _square_matrices(a, "linalg.eigh")
    if rtol is None:
        rtol = 0.0 if atol is not None and atol > 0 else np.finfo(a.dtype).eps * max(a.shape[-2:])
    u, s, vh = np.linalg.svd(a, full_matrices=False)
    largest = s.max(axis=-1, keepdims=True) if s.shape[-1] else s
    keep = s > np.maximum(atol or 0.0, rtol * largest)
    inverse_s = np.where(keep, 1 / np.where(keep, s, 1), 0)
    return _values(np.swapaxes(vh, -1, -2) @ (inverse_s[..., :, None] * np.swapaxes(u, -1, -2)), a)


def lstsq(A: Tensor, B: Tensor, rcond: float | None = None, *, driver: str | None = None) -> Any:  # noqa: N803 - PyTorch's argument name
    """The least-squares solution ``X`` of ``A @ X ≈ B`` (values only, no gradient), as PyTorch's CPU default ``gelsy``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.lstsq(torch.tensor([[1.0, 0.0], [0.0, 2.0], [0.0, 0.0]]), torch.tensor([1.0, 4.0, 5.0])).solution
    tensor([1., 2.])
    """
    a, b = A._array, B._array
    _svd_checks(a, "linalg.lstsq")
    driver = "gelsy" if driver is None else driver
    if driver not in ("gels", "gelsy", "gelsd", "gelss"):
        raise messages.error("lstsq_driver")
    vector = b.ndim == a.ndim - 1
    matrix_b = b[..., None] if vector else b
    rank = matrix_rank(A, rtol=rcond)
    rows, columns = a.shape[-2:]
    full_rank = bool(np.all(rank._array == columns))
    if driver in ("gels", "gelsy") and rows >= columns and full_rank and a.size:
        # As PyTorch's QR drivers, in the input's dtype: R⁻¹ Qᵀ B (an SVD's pseudo-inverse in float32 can
        # land on exact integers where PyTorch's float32 QR does not, and print as 2. for 2.0000)
        q, r = np.linalg.qr(a)
        solution = np.linalg.solve(r, np.swapaxes(q, -1, -2) @ matrix_b).astype(a.dtype, copy=False)
    else:
        solution = pinv(A, rtol=rcond)._array @ matrix_b
    empty = np.zeros((0,), a.dtype)
    residuals = empty
    # PyTorch's drivers: gelsy gives no residuals; gelsd and gelss only where every matrix has full rank;
    # gels no rank; only the SVD drivers (gelsd, gelss) give the singular values.
    if rows > columns and driver != "gelsy" and (driver == "gels" or full_rank):
        residuals = (np.square(a @ solution - matrix_b)).sum(axis=-2).astype(a.dtype)
        residuals = residuals[..., 0] if vector else residuals
    singular_values = np.linalg.svd(a, compute_uv=False) if driver in ("gelsd", "gelss") else empty
    if driver == "gels":
        rank = Tensor._wrap(np.zeros((0,), np.int64))
    return return_types.linalg_lstsq(
        _values(solution[..., 0] if vector else solution, a),
        _values(residuals, a),
        rank,
        _values(singular_values.astype(a.dtype), a),
    )


# -- breadth C: einsum, built from permute, unsqueeze, sum, mul and bmm as ATen's einsum builds it ---------

_ELLIPSIS = 52  # the subscripts: A-Z are 0-25, a-z 26-51, as in ATen


def _subscript(label: str) -> int:
    return ord(label) - ord("A") if label.isupper() else ord(label) - ord("a") + 26


def _parse_operands(lhs: str, count: int) -> list[list[int]]:
    """Each operand's subscripts (``_ELLIPSIS`` for ``...``), with PyTorch's checks."""
    labels: list[list[int]] = [[]]
    i = 0
    while i < len(lhs):
        char = lhs[i]
        if char == ",":
            labels.append([])
            if len(labels) > count:  # more groups than tensors
                raise messages.error("einsum_operand_count", which="fewer")
        elif char == ".":
            if lhs[i : i + 3] != "..." or _ELLIPSIS in labels[-1]:
                raise messages.error("einsum_bad_ellipsis", operand=len(labels) - 1)
            labels[-1].append(_ELLIPSIS)
            i += 2
        elif char != " ":
            if not ("a" <= char <= "z" or "A" <= char <= "Z"):
                raise messages.error("einsum_bad_subscript", index=i)
            labels[-1].append(_subscript(char))
        i += 1
    if len(labels) < count:  # more tensors than groups
        raise messages.error("einsum_operand_count", which="more")
    return labels


def _sublist_equation(arguments: tuple) -> tuple[str, tuple]:
    """``einsum(a, [0, 1], b, [1, 2], [0, 2])`` as ``("AB,BC->AC", (a, b))``: 0-25 are A-Z, 26-51 a-z, ``...``
    stays, as PyTorch spells sublists."""

    def letters(sublist: Any) -> str:
        return "".join("..." if n is Ellipsis else chr(ord("A") + n) if n < 26 else chr(ord("a") + n - 26) for n in sublist)

    pairs = arguments if len(arguments) % 2 == 0 else arguments[:-1]
    operands, sublists = pairs[0::2], pairs[1::2]
    equation = ",".join(letters(sublist) for sublist in sublists)
    if len(arguments) % 2:
        equation += "->" + letters(arguments[-1])
    return equation, tuple(operands)


@export
def einsum(equation: str, *operands: Any) -> Tensor:
    """Sums of products named by subscripts: ``einsum("ij,jk->ik", a, b)`` is ``a @ b``.

    Computed as PyTorch computes it (ATen's einsum): every operand permuted
    (and unsqueezed) to one order of subscripts, then multiplied pairwise,
    left to right, through ``bmm``, so the graph has PyTorch's nodes.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> a = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    >>> torch.einsum("ij,jk->ik", a, a)
    tensor([[ 7., 10.],
            [15., 22.]])
    >>> torch.einsum("ij->j", a)
    tensor([4., 6.])
    """
    if not isinstance(equation, str):  # einsum(a, [0, 1], b, [1, 2], [0, 2]): PyTorch's sublist form
        equation, operands = _sublist_equation((equation, *operands))
    if len(operands) == 1 and isinstance(operands[0], (list, tuple)):
        operands = tuple(operands[0])
    if not operands:
        raise messages.error("einsum_no_operands")
    lhs, arrow, rhs = equation.partition("->")
    labels = _parse_operands(lhs, len(operands))
    counts = [0] * _ELLIPSIS
    ellipsis_dims = 0
    for k, (operand, subscripts) in enumerate(zip(operands, labels, strict=True)):
        named = len([s for s in subscripts if s != _ELLIPSIS])
        ndim = operand._array.ndim
        if _ELLIPSIS in subscripts:
            ellipsis_dims = max(ellipsis_dims, ndim - named)
            if named > ndim:
                raise messages.error("einsum_too_many_subscripts", named=named, ndim=ndim, operand=k)
        elif named != ndim:
            raise messages.error("einsum_subscript_count", named=named, ndim=ndim, operand=k)
        for s in subscripts:
            if s != _ELLIPSIS:
                counts[s] += 1
    position = [-1] * _ELLIPSIS  # each subscript's place in the common order
    place = 0
    ellipsis_at = 0
    ellipsis_in_output = False
    if not arrow:  # implicit output: the ellipsis, then the subscripts seen once, in order
        place, ellipsis_in_output = ellipsis_dims, True
        for s in range(_ELLIPSIS):
            if counts[s] == 1:
                position[s], place = place, place + 1
    else:
        i = 0
        while i < len(rhs):
            char = rhs[i]
            if char == ".":
                if rhs[i : i + 3] != "..." or ellipsis_in_output:
                    raise messages.error("einsum_bad_output_ellipsis")
                ellipsis_at, place, ellipsis_in_output = place, place + ellipsis_dims, True
                i += 2
            elif char != " ":
                if not ("a" <= char <= "z" or "A" <= char <= "Z"):
                    raise messages.error("einsum_bad_subscript", index=len(lhs) + 2 + i)
                s = _subscript(char)
                if counts[s] == 0 or position[s] != -1:
                    reason = "appears more than once in the output" if position[s] != -1 else (
                        "does not appear in the equation for any input operand"
                    )
                    raise messages.error("einsum_bad_output", label=char, reason=reason)
                position[s], place = place, place + 1
            i += 1
    output_dims = place
    if not ellipsis_in_output:
        ellipsis_at, place = place, place + ellipsis_dims
    for s in range(_ELLIPSIS):
        if counts[s] > 0 and position[s] == -1:
            position[s], place = place, place + 1
    sizes = [1] * _ELLIPSIS
    ellipsis_sizes = [1] * ellipsis_dims
    dim_counts = [0] * place
    aligned = []
    for k, (operand, subscripts) in enumerate(zip(operands, labels, strict=True)):
        permutation = [-1] * place
        dim = 0
        for s in subscripts:
            if s == _ELLIPSIS:
                covered = operands[k]._array.ndim - (len(subscripts) - 1)  # (before any diagonal, as PyTorch)
                for j in range(ellipsis_dims - covered, ellipsis_dims):
                    size = operand._array.shape[dim]
                    if size != 1:
                        if ellipsis_sizes[j] not in (1, size):
                            raise messages.error("einsum_ellipsis_sizes", dim=dim, operand=k, size=size,
                                                 seen=ellipsis_sizes[j])
                        ellipsis_sizes[j] = size
                        dim_counts[ellipsis_at + j] += 1
                    permutation[ellipsis_at + j] = dim
                    dim += 1
            elif permutation[position[s]] == -1:
                size = operand._array.shape[dim]
                if size != 1:
                    if sizes[s] not in (1, size):
                        raise messages.error("einsum_sizes", label=_label(s), size=size, operand=k, seen=sizes[s])
                    sizes[s] = size
                    dim_counts[position[s]] += 1
                permutation[position[s]] = dim
                dim += 1
            else:  # a repeated subscript: the diagonal, in the first one's place (as PyTorch takes it)
                previous = permutation[position[s]]
                size, seen = operand._array.shape[dim], operand._array.shape[previous]
                if size != seen:
                    raise messages.error("einsum_repeated_sizes", label=_label(s), operand=k, size=size, seen=seen)
                operand = movedim(diagonal(operand, 0, previous, dim), -1, previous)
        for p, value in enumerate(permutation):
            if value == -1:
                operand = unsqueeze(operand, dim)
                permutation[p] = dim
                dim += 1
        aligned.append(permute(operand, tuple(permutation)))
    while len(aligned) > 1:
        a, b = aligned.pop(0), aligned.pop(0)
        sum_dims, a_dims, b_dims = [], [], []
        for dim in range(output_dims, place):
            a_size, b_size = a._array.shape[dim], b._array.shape[dim]
            if a_size != 1 and b_size != 1:
                dim_counts[dim] -= 1
                if dim_counts[dim] == 1:
                    sum_dims.append(dim)
                    dim_counts[dim] = 0
            elif dim_counts[dim] == 1:
                if a_size != 1:
                    a_dims.append(dim)
                    dim_counts[dim] = 0
                elif b_size != 1:
                    b_dims.append(dim)
                    dim_counts[dim] = 0
        if a_dims:
            a = sum(a, tuple(a_dims), keepdim=True)
        if b_dims:
            b = sum(b, tuple(b_dims), keepdim=True)
        aligned.insert(0, _sumproduct_pair(a, b, sum_dims))
    result = aligned[0]
    if place > output_dims:
        if len(operands) > 1:
            return view(result, tuple(result._array.shape[:output_dims]))
        return sum(result, tuple(range(output_dims, place)))
    return result


def _label(subscript: int) -> str:
    return chr(subscript + ord("A")) if subscript < 26 else chr(subscript - 26 + ord("a"))


def _sumproduct_pair(left: Tensor, right: Tensor, sum_dims: list) -> Tensor:
    """``(left * right).sum(sum_dims, keepdim=True)`` through one ``bmm``, as ATen's sumproduct_pair."""
    if not sum_dims:
        return mul(left, right)
    both, left_only, right_only = [], [], []
    both_size = left_size = right_size = summed_size = 1
    for i in range(left._array.ndim):
        sl, sr = left._array.shape[i] != 1, right._array.shape[i] != 1
        if i in sum_dims:
            if sl and sr:
                summed_size *= left._array.shape[i]
            elif sl:
                left = sum(left, i, keepdim=True)
            elif sr:
                right = sum(right, i, keepdim=True)
        elif sl and sr:
            both.append(i)
            both_size *= left._array.shape[i]
        elif sl:
            left_only.append(i)
            left_size *= left._array.shape[i]
        else:
            right_only.append(i)
            right_size *= right._array.shape[i]
    out_size = [left._array.shape[d] for d in both + left_only] + [1] * len(sum_dims)
    out_size += [right._array.shape[d] for d in right_only]
    order = both + left_only + sum_dims + right_only
    back = [order.index(d) for d in range(len(order))]
    left = reshape(permute(left, tuple(order)), both_size, left_size, summed_size)
    right = reshape(permute(right, tuple(both + sum_dims + right_only + left_only)), both_size, summed_size, right_size)
    return permute(view(bmm(left, right), tuple(out_size)), tuple(back))


# -- cdist (branch s5_en) ------------------------------------------------------------------------------------

_CDIST_MODES = {"use_mm_for_euclid_dist_if_necessary": 0, "use_mm_for_euclid_dist": 1, "donot_use_mm_for_euclid_dist": 2}


def _cdist_forward(a: np.ndarray, b: np.ndarray, p: float) -> np.ndarray:
    """‖a_i − b_j‖_p for every row i of ``a`` and j of ``b`` (batch dimensions broadcast)."""
    d = np.abs(a[..., :, None, :] - b[..., None, :, :])
    if p == 0:
        return (d != 0).sum(-1).astype(d.dtype)
    if p == 1:
        return d.sum(-1)
    if p == 2:
        return np.sqrt((d * d).sum(-1))
    if math.isinf(p):
        return d.max(-1, initial=0)
    return (d**p).sum(-1) ** (1 / p)


def _cdist_terms(grad: Any, a: Any, b: Any, p: float, out: Any) -> Any:
    """∂‖a_i − b_j‖_p/∂a_i times grad_ij, for every i, j (shape (..., P, R, M)): PyTorch's _cdist_backward."""
    return _distance_slopes(unsqueeze(a, -2) - unsqueeze(b, -3), unsqueeze(grad, -1), unsqueeze(out, -1), p)


def _distance_slopes(diff: Any, g: Any, dist: Any, p: float) -> Any:
    """∂‖d‖_p/∂d times ``g``, for differences ``d`` (along the last axis) whose norms are ``dist``."""
    if p == 0:
        return diff * 0
    if p == 1:
        return g * sign(diff)
    if math.isinf(p):
        return g * sign(diff) * (abs(diff) == dist)
    at_zero = dist == 0
    safe = where(at_zero, 1.0, dist)
    if p == 2:
        return where(at_zero, 0.0, g / safe) * diff
    if p < 1:  # |d|^(p-1) is infinite at d = 0: PyTorch gives 0 there
        at_zero = at_zero | (diff == 0)
        diff = where(diff == 0, 1.0, diff)
    return where(at_zero, 0.0, g * sign(diff) * abs(diff) ** (p - 1) / safe ** (p - 1))


cdist_op = defop(
    "cdist", "CdistBackward0", "cdist", _cdist_forward,
    a=rule("∂‖aᵢ − bⱼ‖_p/∂aᵢ = sign(d)|d|^(p−1)/‖d‖^(p−1), summed over j",
           lambda grad, a, b, p, out: sum(_cdist_terms(grad, a, b, p, out), -2)),
    b=rule("∂‖aᵢ − bⱼ‖_p/∂bⱼ = −sign(d)|d|^(p−1)/‖d‖^(p−1), summed over i",
           lambda grad, a, b, p, out: -sum(_cdist_terms(grad, a, b, p, out), -3)),
)


def _euclidean_dist_forward(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """PyTorch's _euclidean_dist: √(|a|² − 2 a·b + |b|²) as one product of padded matrices, clamped at 1e-30."""
    a_norm = (a * a).sum(-1, keepdims=True)
    b_norm = (b * b).sum(-1, keepdims=True)
    a_ = np.concatenate([a * a.dtype.type(-2), a_norm, np.ones_like(a_norm)], -1)
    b_ = np.concatenate([b, np.ones_like(b_norm), b_norm], -1)
    return np.sqrt(np.maximum(np.matmul(a_, np.swapaxes(b_, -1, -2)), a.dtype.type(1e-30)))


def _any_matmul(x: Any, y: Any) -> Any:
    """``x @ y`` for arrays (a backward pass that is not recorded) and tensors alike."""
    return np.matmul(x, y) if type(x) is np.ndarray else matmul(x, y)


def _euclidean_ratio(grad: Any, out: Any) -> Any:
    """grad / distance, 0 where the distance is 0 (PyTorch's subgradient)."""
    at_zero = out == 0
    return where(at_zero, 0.0, grad / where(at_zero, 1.0, out))


euclidean_dist_op = defop(
    "euclidean_dist", "EuclideanDistBackward0", "dist", _euclidean_dist_forward,
    a=rule("∂‖aᵢ − bⱼ‖/∂aᵢ = (aᵢ − bⱼ)/‖aᵢ − bⱼ‖: a·Σⱼr − r b with r = g/dist",
           lambda grad, a, b, out: a * sum(_euclidean_ratio(grad, out), -1, keepdim=True)
           - _any_matmul(_euclidean_ratio(grad, out), b)),
    b=rule("∂‖aᵢ − bⱼ‖/∂bⱼ = (bⱼ − aᵢ)/‖aᵢ − bⱼ‖: b·Σᵢr − rᵀ a with r = g/dist",
           lambda grad, a, b, out: b * unsqueeze(sum(_euclidean_ratio(grad, out), -2), -1)
           - _any_matmul(transpose(_euclidean_ratio(grad, out), -1, -2), a)),
)


@export
def cdist(
    x1: Tensor, x2: Tensor, p: float = 2.0, compute_mode: str = "use_mm_for_euclid_dist_if_necessary"
) -> Tensor:
    """The p-norm distance between each row of ``x1`` and each row of ``x2`` (batches broadcast).

    For p = 2 with more than 25 rows on a side (or ``compute_mode="use_mm_for_euclid_dist"``)
    PyTorch computes it as a matrix product, √(|a|² − 2 a·b + |b|²): so do we, with its node.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.cdist(torch.tensor([[0.0, 0.0], [1.0, 1.0]]), torch.tensor([[3.0, 4.0]]))
    tensor([[5.0000],
            [3.6056]])
    """
    if compute_mode not in _CDIST_MODES:
        raise messages.error("cdist_mode", mode=compute_mode)
    for name, x in (("X1", x1), ("X2", x2)):
        if x._array.ndim < 2:
            raise messages.error("cdist_dims", name=name, ndim=x._array.ndim)
        if x._array.dtype.kind != "f":
            raise messages.error("cdist_dtype", name=name, dtype=scalar_type_name(x._array.dtype))
    (r1, c1), (r2, c2) = x1._array.shape[-2:], x2._array.shape[-2:]
    if c1 != c2:
        raise messages.error("cdist_columns", c1=c1, c2=c2)
    if p < 0:
        raise messages.error("cdist_negative_p")
    try:
        batch = np.broadcast_shapes(x1._array.shape[:-2], x2._array.shape[:-2])
    except ValueError:
        raise errors.broadcast_shapes(x1._array.shape[:-2], x2._array.shape[:-2]) from None
    mode = _CDIST_MODES[compute_mode]
    if not (x1._array.size and x2._array.size and p == 2 and (mode == 1 or (mode == 0 and (r1 > 25 or r2 > 25)))):
        return cdist_op(x1, x2, p=float(p))
    if math.prod(batch) != 1:  # PyTorch's cdist_impl: the batches expanded and made one dimension
        x1 = reshape(expand(x1, (*batch, r1, c1)), (-1, r1, c1))
        x2 = reshape(expand(x2, (*batch, r2, c2)), (-1, r2, c2))
    return view(euclidean_dist_op(x1, x2), (*batch, r1, r2))


# -- pdist, vdot, multi_dot and chain_matmul (branch s12_fn) ------------------------------------------------------


def _pdist_forward(a: np.ndarray, p: float) -> np.ndarray:
    """‖a_i − a_j‖_p for every pair of rows i < j, in that order (row 0 with 1, 2 ...; then row 1 with 2 ...)."""
    rows, columns = np.triu_indices(a.shape[0], 1)
    return _cdist_forward(a, a, p)[rows, columns]


def _pdist_rule(grad: Any, a: Any, p: float, out: Any) -> Any:
    """Each pair's slope (cdist's), added to its first row and taken from its second."""
    shape = np.shape(values_of(a))
    first, second = np.triu_indices(shape[0], 1)
    diff = index_op(a, key=(first,)) - index_op(a, key=(second,))
    slopes = _distance_slopes(diff, unsqueeze(grad, -1), unsqueeze(out, -1), p)
    zeros = np.zeros(shape, dtype=values_of(grad).dtype)
    return index_put_zeros(zeros, slopes, key=(first,)) - index_put_zeros(zeros, slopes, key=(second,))


pdist_op = defop(
    "pdist", "PdistBackward0", "pdist", _pdist_forward,
    a=rule("∂‖aᵢ − aⱼ‖_p/∂aᵢ = sign(d)|d|^(p−1)/‖d‖^(p−1), for each pair it is in", _pdist_rule),
)  # fmt: skip


@export
def pdist(input: Tensor, p: float = 2) -> Tensor:
    """The ``p``-norm distance between every pair of rows of ``input`` (N, M): N·(N−1)/2 distances.

    The pairs come in the order of the upper triangle of ``torch.cdist(input, input)``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.pdist(torch.tensor([[0.0, 0.0], [3.0, 4.0], [6.0, 8.0]]))
    tensor([ 5., 10.,  5.])
    """
    if input._array.ndim != 2:
        raise messages.error("pdist_dims", ndim=input._array.ndim)
    if input._array.dtype.kind != "f":
        raise messages.error("pdist_dtype")
    if p < 0:
        raise messages.error("pdist_negative_p")
    return pdist_op(input, p=float(p))


vdot_op = defop(
    "vdot", "VdotBackward0", "·", _dot_forward,
    a=rule("∂(u·v)/∂u = v (real numbers: no conjugate)", lambda grad, b: grad * b),
    b=rule("∂(u·v)/∂v = u", lambda grad, a: grad * a),
)  # fmt: skip
vdot_op.saved_rule_names = {"self": "a", "other": "b"}


@export(method=True)
def vdot(input: Tensor, other: Tensor) -> Tensor:
    """The dot product of two vectors, the first conjugated: :func:`dot` for the real numbers here.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.vdot(torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0]))
    tensor(11.)
    """
    return vdot_op(input, other)


def _chain_order(shapes: list[tuple[int, int]]) -> Any:
    """The cheapest way to multiply matrices of these shapes: PyTorch's ``matrix_chain_order``
    (CLRS 15.2), as nested pairs of positions."""
    n = len(shapes)
    sizes = [rows for rows, _ in shapes] + [shapes[-1][1]]
    cost = [[0] * n for _ in range(n)]
    split = [[0] * n for _ in range(n)]
    for length in range(1, n):
        for i in range(n - length):
            j = i + length
            cost[i][j] = math.inf
            for k in range(i, j):
                q = cost[i][k] + cost[k + 1][j] + sizes[i] * sizes[k + 1] * sizes[j + 1]
                if q < cost[i][j]:
                    cost[i][j], split[i][j] = q, k

    def nested(i: int, j: int) -> Any:
        return i if i == j else (nested(i, split[i][j]), nested(split[i][j] + 1, j))

    return nested(0, n - 1)


def multi_dot(tensors: list[Tensor], *, out: Tensor | None = None) -> Tensor:
    """The product of two or more matrices, in the order that costs the fewest multiplications.

    The first may be a vector (a row) and the last a vector (a column). As
    PyTorch's: two matrices are one ``mm``, three compare the two orders, more
    follow the matrix-chain algorithm; the result is then viewed to its shape.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.multi_dot([torch.ones(3), torch.ones(3, 2), torch.ones(2)])
    tensor(6.)
    """
    count = len(tensors)
    if count < 2:
        raise messages.error("multi_dot_count", count=count)
    matrices, shape = list(tensors), []
    for position, which, axis in ((0, "first", 0), (count - 1, "last", -1)):
        ndim = tensors[position]._array.ndim
        if ndim == 1:
            matrices[position] = unsqueeze(tensors[position], axis)
        elif ndim == 2:
            shape.append(tensors[position]._array.shape[1 if position else 0])
        else:
            raise messages.error("multi_dot_end_dims", which=which, ndim=ndim)
    for index in range(1, count - 1):
        if tensors[index]._array.ndim != 2:
            raise messages.error("multi_dot_middle_dims", index=index, ndim=tensors[index]._array.ndim)
    first = matrices[0]._array.dtype
    for index in range(1, count):
        if matrices[index]._array.dtype != first:
            raise messages.error(
                "multi_dot_dtypes",
                first=errors.c_type_name(first),
                index=index,
                other=errors.c_type_name(matrices[index]._array.dtype),
            )
        if matrices[index - 1]._array.shape[-1] != matrices[index]._array.shape[0]:
            raise messages.error(
                "multi_dot_shapes",
                left=index - 1,
                right=index,
                left_shape=list(tensors[index - 1]._array.shape),
                right_shape=list(tensors[index]._array.shape),
            )
    if count == 3:  # PyTorch compares the two orders directly: (AB)C, or A(BC) when it is cheaper
        a, b, c, d = (*(m._array.shape[0] for m in matrices), matrices[2]._array.shape[1])
        order = (0, (1, 2)) if (a * c) * (b + d) > (b * d) * (a + c) else ((0, 1), 2)
    else:
        order = _chain_order([m._array.shape for m in matrices])

    def product(node: Any) -> Tensor:
        return matrices[node] if isinstance(node, int) else mm(product(node[0]), product(node[1]))

    result = view(product(order), tuple(shape))
    if out is not None:
        from .._out import _write_out

        return _write_out(result, out, "same_dtype")
    return result


@export
def chain_matmul(*matrices: Tensor, out: Tensor | None = None) -> Tensor:
    """The product of the matrices given, deprecated in PyTorch for :func:`torch.linalg.multi_dot` (it warns once).

    One matrix is returned as a copy; more are multiplied by ``multi_dot``.

    Examples
    --------
    >>> import warnings
    >>> import autograd_lab as torch
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     torch.chain_matmul(torch.ones(2, 3), torch.ones(3, 4), torch.ones(4, 1))
    tensor([[12.],
            [12.]])
    """
    messages.warn_once("chain_matmul_deprecated")
    for matrix in matrices:
        if matrix._array.ndim != 2:
            raise messages.error("chain_matmul_dims", ndim=matrix._array.ndim)
    if not matrices:
        raise messages.error("chain_matmul_empty")
    if len(matrices) == 1:
        return clone(matrices[0])
    return multi_dot(list(matrices), out=out)


@export(name="matrix_rank")
def removed_matrix_rank(input: Tensor, tol: float | None = None, symmetric: bool = False, *, out: Any = None) -> Any:
    """``torch.matrix_rank``: removed from PyTorch (in 1.9); it raises PyTorch's error, naming its replacement.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.matrix_rank(torch.eye(3))
    tensor(3)
    """
    raise messages.error("matrix_rank_removed")


@export(name="solve")
def removed_solve(input: Tensor, A: Tensor, *, out: Any = None) -> Any:  # noqa: N803 - PyTorch's argument name
    """``torch.solve``: removed from PyTorch (in 1.9); it raises PyTorch's error, naming its replacement.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.solve(torch.eye(2) * 2, torch.ones(2))  # A x = b, the matrix first
    tensor([0.5000, 0.5000])
    """
    raise messages.error("solve_removed")


@export(name="eig")
def removed_eig(input: Tensor, eigenvectors: bool = False, *, out: Any = None) -> Any:
    """``torch.eig``: removed from PyTorch (in 1.9); it raises PyTorch's error, naming its replacement.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.eig(torch.eye(2))  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    RuntimeError: This function was deprecated since version 1.9 and is now removed.
    """
    raise messages.error("eig_removed")


@export(name="symeig")
def removed_symeig(input: Tensor, eigenvectors: bool = False, upper: bool = True, *, out: Any = None) -> Any:
    """``torch.symeig``: removed from PyTorch (in 1.9); it raises PyTorch's error, naming its replacement.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linalg.eigvalsh(torch.tensor([[2.0, 0.0], [0.0, 1.0]]))
    tensor([1., 2.])
    """
    raise messages.error("symeig_removed")


@export(name="lstsq")
def removed_lstsq(input: Tensor, A: Tensor, *, out: Any = None) -> Any:  # noqa: N803 - PyTorch's argument name
    """``torch.lstsq``: removed from PyTorch (in 1.9); it raises PyTorch's error, naming its replacement.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.lstsq(torch.ones(2, 1), torch.eye(2))  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    RuntimeError: This function was deprecated since version 1.9 and is now removed.
    """
    raise messages.error("lstsq_removed")


# -- addr (branch s12_methods) ---------------------------------------------------------------------------

def _outer_scaled(a: np.ndarray, b: np.ndarray, c: np.ndarray, beta: Any, alpha: Any) -> np.ndarray:
    """β·a + α·(b ⊗ c), a broadcast to the outer product's shape."""
    product = np.multiply.outer(b, c)
    if a.dtype.kind in "iub" and product.dtype.kind in "iub":
        return (np.zeros_like(product) if beta == 0 else a * beta) + product * alpha
    return np.broadcast_to(_scaled_sum(a.astype(product.dtype, copy=False), product, beta, alpha), product.shape)


addr_op = defop(
    "addr", "AddrBackward0", "+⊗", _outer_scaled, promotes=True,
    a=rule("∂(βa + α u⊗v)/∂a = β", lambda grad, beta: grad * beta if beta != 1 else grad),
    b=rule("∂(βa + α u⊗v)/∂u = α G v", lambda grad, c, alpha: mv(grad, c) * alpha if alpha != 1 else mv(grad, c)),
    c=rule("∂(βa + α u⊗v)/∂v = α Gᵀ u",
           lambda grad, b, alpha: mv(_matrix_t(grad), b) * alpha if alpha != 1 else mv(_matrix_t(grad), b)),
)
addr_op.saved_rule_names = {"vec1": "b", "vec2": "c", "alpha": "alpha", "beta": "beta"}


@export(method=True)
def addr(input: Tensor, vec1: Tensor, vec2: Tensor, *, beta: Any = 1, alpha: Any = 1) -> Tensor:
    """``beta * input + alpha * outer(vec1, vec2)``, ``input`` broadcast to the outer product's shape.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.addr(torch.ones(2, 2), torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0]), alpha=2)
    tensor([[ 7.,  9.],
            [13., 17.]])
    """
    for name, vector in (("vec1", vec1), ("vec2", vec2)):
        if vector._array.ndim != 1:
            raise messages.error("addr_not_1d", which=name, ndim=vector._array.ndim)
    integers = all(t._array.dtype.kind in "iub" for t in (input, vec1, vec2))
    if integers and any(isinstance(factor, float) for factor in (beta, alpha)):
        raise messages.error("addr_integral_factor", which="beta" if isinstance(beta, float) else "alpha")
    expand(input, (vec1._array.shape[0], vec2._array.shape[0]))  # PyTorch's error if it does not broadcast
    return addr_op(input, vec1, vec2, beta=beta, alpha=alpha)


def _addr_in_place(self: Tensor, vec1: Tensor, vec2: Tensor, *, beta: Any = 1, alpha: Any = 1) -> Tensor:
    """``x.addr_(vec1, vec2)``: :func:`addr` written into ``x``."""
    return _views.run_inplace(self, addr, vec1, vec2, beta=beta, alpha=alpha)


methods({"addr_": _addr_in_place})


# -- the deprecated number-first forms of addmm & co.: torch.addmm(beta, M, alpha, m1, m2), M.addmm_(beta, m1, m2) ----

BETA_FIRST = {
    "addmm": ("mat1", "mat2"), "addmv": ("mat", "vec"), "baddbmm": ("batch1", "batch2"), "addbmm": ("batch1", "batch2"),
    "addr": ("vec1", "vec2"),
}  # fmt: skip
"""The functions (and their methods, and in place) PyTorch 2.13 still takes with ``beta`` (then ``alpha``) first."""

_WITH_OUT_DTYPE = ("addmm", "baddbmm")
"""Those whose function has a second form today, with ``out_dtype``: PyTorch's warning lists both."""


def beta_first(function: Any, name: str, method: bool) -> Any:
    """``function`` (the function ``torch.<name>``, or the method ``x.<name>`` with ``method``) that also takes the
    deprecated forms with numbers first, giving PyTorch's warning once."""
    mats = BETA_FIRST[name.rstrip("_")]

    def overloaded(*args: Any, **kwargs: Any) -> Any:
        start = 1 if method else 2  # (after beta, and for the function the input)
        if len(args) < start + 2 or not _plain_number(args[0 if not method else 1]):
            if not method and args and not isinstance(args[0], Tensor):  # (torch.addmm(1, M, m1): PyTorch's words)
                raise messages.error("input_not_tensor", function=name, argument="input", type_name=messages.type_name(args[0]))
            return function(*args, **kwargs)
        beta, input = (args[1], args[0]) if method else (args[0], args[1])
        rest = args[start + 1 :] if method else args[start:]
        if len(rest) == 3 and _plain_number(rest[0]):
            alpha, factors = rest[0], rest[1:]
        elif len(rest) == 2:
            alpha, factors = None, rest
        else:
            return function(*args, **kwargs)
        if not isinstance(input, Tensor) or not all(isinstance(f, Tensor) for f in factors):
            return function(*args, **kwargs)
        messages.warn_once("deprecated_number_first", stacklevel=None, name=name, **_old_and_new(name, mats, method, alpha))
        return function(input, *factors, beta=beta, alpha=1 if alpha is None else alpha, **kwargs)

    overloaded.__name__, overloaded.__doc__, overloaded.__wrapped__ = name, function.__doc__, function
    return overloaded


def _plain_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _old_and_new(name: str, mats: tuple, method: bool, alpha: Any) -> dict:
    """The signatures PyTorch's warning quotes: the form used, and today's."""
    factors = ", ".join(f"Tensor {m}" for m in mats)
    numbers = "Number beta, Number alpha" if alpha is not None else "Number beta"
    if method:
        return {"old": f"{numbers}, {factors}", "new": f"{factors}, *, Number beta = 1, Number alpha = 1"}
    old = f"Number beta, Tensor input, {'Number alpha, ' if alpha is not None else ''}{factors}, *, Tensor out = None"
    new = f"Tensor input, {factors}, *, Number beta = 1, Number alpha = 1, Tensor out = None"
    if name in _WITH_OUT_DTYPE:  # (the template closes the last signature's parenthesis)
        new += f")\n\t{name}(Tensor input, {factors}, torch.dtype out_dtype, *, Number beta = 1, Number alpha = 1, Tensor out = None"
    return {"old": old, "new": new}

