"""Operations that move elements around: views, indexing, joining.

Views (reshape, transpose, a slice ...) share memory and the version counter
with their base, as in PyTorch.  Every derivative here only moves the
gradient back to where its element came from.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

from .. import _views, messages
from ..autograd.engine import accumulator_of
from ..messages import errors
from ..tensor import Tensor, normalize_dim
from ._core import defop, export, methods, rule, values_of
from .elementwise import clone

# -- views --------------------------------------------------------------------


def _reshape_forward(a: np.ndarray, shape: tuple) -> np.ndarray:
    return a.reshape(shape)


def _view_forward(a: np.ndarray, shape: tuple) -> np.ndarray:
    view = a.view()
    try:
        view.shape = shape  # NumPy refuses when this would need a copy
    except AttributeError:
        raise errors.view_not_contiguous() from None
    return view


reshape_op = defop("reshape", "ViewBackward0", "reshape", _reshape_forward, view=True,
                   a=rule("moves elements: the gradient moves back", lambda grad, a_shape: reshape(grad, a_shape)))
view_op = defop("view", "ViewBackward0", "view", _view_forward, view=True,
                a=rule("moves elements: the gradient moves back", lambda grad, a_shape: reshape(grad, a_shape)))
# Reshaping a tensor that is not contiguous (a transpose, a slice): PyTorch makes a view with
# other strides when it can, and otherwise copies (clone) and reshapes the copy (_unsafe_view).
reshape_alias_op = defop("reshape_alias", "ReshapeAliasBackward0", "reshape", _view_forward, view=True,
                         a=rule("moves elements: the gradient moves back",
                                lambda grad, a_shape: reshape(grad, a_shape)))
unsafe_view = defop("unsafe_view", "UnsafeViewBackward0", "reshape", _reshape_forward,
                    a=rule("moves elements: the gradient moves back", lambda grad, a_shape: reshape(grad, a_shape)))


def _reshaped(input: Tensor, shape: tuple[int, ...]) -> Tensor:
    """``input`` in ``shape``, recorded as PyTorch records a reshape (see above)."""
    array = values_of(input)
    if not isinstance(input, Tensor) or array.flags.c_contiguous:
        return reshape_op(input, shape=shape)
    try:
        array.view().shape = shape  # NumPy refuses when this would need a copy
    except AttributeError:
        return unsafe_view(clone(input), shape=shape)
    return reshape_alias_op(input, shape=shape)


def _resolve_shape(shape: Sequence[Any], numel: int) -> tuple[int, ...]:
    if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
        shape = shape[0]
    shape = tuple(int(n) for n in shape)
    known = math.prod(n for n in shape if n != -1)
    if shape.count(-1) == 1 and known and numel % known == 0:
        shape = tuple(numel // known if n == -1 else n for n in shape)
    if math.prod(shape) != numel or any(n < 0 for n in shape):
        raise errors.invalid_shape(shape, numel)
    return shape


@export
def reshape(input: Tensor, *shape: Any) -> Tensor:
    """The same elements in a new shape (``-1``: the size that fits).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.arange(6).reshape(2, 3)
    tensor([[0, 1, 2],
            [3, 4, 5]])
    """
    return _reshaped(input, _resolve_shape(shape, values_of(input).size))


def view(input: Tensor, *shape: Any) -> Tensor:
    """Like :func:`reshape`, but never copies: raises when the layout does not allow it.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(6).view(-1, 3).shape
    torch.Size([2, 3])
    """
    return view_op(input, shape=_resolve_shape(shape, input._array.size))


@export
def flatten(input: Tensor, start_dim: int = 0, end_dim: int = -1) -> Tensor:
    """Merge dimensions ``start_dim`` to ``end_dim`` into one.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2, 3, 4).flatten(1).shape
    torch.Size([2, 12])
    """
    shape = input._array.shape
    if not shape:
        return _reshaped(input, (1,))
    start = normalize_dim(start_dim, len(shape))
    end = normalize_dim(end_dim, len(shape))
    if start == end:  # nothing to merge: the tensor itself, as in PyTorch
        return input
    merged = math.prod(shape[start : end + 1])
    return _reshaped(input, shape[:start] + (merged,) + shape[end + 1 :])


transpose_op = defop("transpose", "TransposeBackward0", "ᵀ",
                     lambda a, dim0, dim1: np.swapaxes(a, dim0, dim1) if a.ndim else a.view(), view=True,
                     a=rule("swaps two axes: the gradient swaps them back",
                            lambda grad, dim0, dim1: transpose(grad, dim0, dim1)))
t_op = defop("t", "TBackward0", "ᵀ", lambda a: a.T, view=True,
             a=rule("transposes: the gradient is transposed back", lambda grad: t(grad)))
permute_op = defop("permute", "PermuteBackward0", "permute", lambda a, dims: np.transpose(a, dims), view=True,
                   a=rule("reorders axes: the gradient's axes are put back",
                          lambda grad, dims: permute(grad, *np.argsort(dims))))


@export
def transpose(input: Tensor, dim0: int, dim1: int) -> Tensor:
    """Swap two dimensions.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2, 3).transpose(0, 1).shape
    torch.Size([3, 2])
    """
    ndim = np.ndim(input)
    return transpose_op(input, dim0=normalize_dim(dim0, ndim), dim1=normalize_dim(dim1, ndim))


@export
def t(input: Tensor) -> Tensor:
    """Transpose a matrix (a vector stays as it is).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([[1.0, 2.0]]).t()
    tensor([[1.],
            [2.]])
    """
    if np.ndim(input) > 2:
        raise errors.t_too_many_dims(np.ndim(input))
    return t_op(input)


@export
def permute(input: Tensor, *dims: Any) -> Tensor:
    """Reorder the dimensions.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2, 3, 4).permute(2, 0, 1).shape
    torch.Size([4, 2, 3])
    """
    if len(dims) == 1 and isinstance(dims[0], (tuple, list)):
        dims = dims[0]
    ndim = np.ndim(input)
    if len(dims) != ndim:
        raise errors.permute_mismatch(ndim, len(dims))
    return permute_op(input, dims=tuple(normalize_dim(int(d), ndim) for d in dims))


def _matrix_transpose(input: Tensor) -> Tensor:
    # PyTorch's .T reverses all dimensions (a PermuteBackward0 node).
    return permute_op(input, dims=tuple(reversed(range(input._array.ndim))))


def unsqueeze_to(grad: Any, shape: tuple, dims: Sequence[int] | None = None) -> Any:
    """Put back the axes of size 1 among ``dims`` (all of ``shape``'s by default) that a squeeze dropped.

    Recorded as PyTorch records it, one unsqueeze per axis (its ``unsqueeze_to``
    and ``unsqueeze_multiple``), so a double backward has PyTorch's nodes; plain
    arrays (a backward pass that is not recorded) are reshaped at once.
    """
    if type(grad) is np.ndarray:
        return grad.reshape(shape)
    for d in sorted(d % len(shape) for d in (range(len(shape)) if dims is None else dims)):
        if shape[d] == 1:
            grad = unsqueeze_op(grad, dim=d)
    return grad


unsqueeze_op = defop("unsqueeze", "UnsqueezeBackward0", "unsqueeze",
                     lambda a, dim: np.expand_dims(a, dim), view=True,
                     a=rule("adds an axis of size 1: the gradient drops it",
                            lambda grad, dim: squeeze_dim_op(grad, dim=dim)))
squeeze_op = defop("squeeze", "SqueezeBackward0", "squeeze", lambda a: np.squeeze(a), view=True,
                   a=rule("drops axes of size 1: the gradient gets them back",
                          lambda grad, a_shape: unsqueeze_to(grad, a_shape)))
squeeze_inplace_op = defop(  # PyTorch's squeeze_(dims), which matmul uses for a vector @ a matrix
    "squeeze_", "SqueezeBackward4", "squeeze",
    lambda a, dims: np.squeeze(a, tuple(d for d in dims if a.shape[d] == 1)), view=True,
    a=rule("drops axes of size 1: the gradient gets them back",
           lambda grad, a_shape, dims: unsqueeze_to(grad, a_shape, dims)),
)
squeeze_dim_op = defop("squeeze_dim", "SqueezeBackward1", "squeeze",
                       lambda a, dim: np.squeeze(a, dim) if a.ndim and a.shape[dim] == 1 else a.view(), view=True,
                       a=rule("drops an axis of size 1: the gradient gets it back",
                              lambda grad, a_shape, dim: unsqueeze_to(grad, a_shape, (dim,) if a_shape else ())))


@export
def unsqueeze(input: Tensor, dim: int) -> Tensor:
    """Insert a dimension of size 1 at ``dim``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(3).unsqueeze(0).shape
    torch.Size([1, 3])
    """
    return unsqueeze_op(input, dim=normalize_dim(dim, np.ndim(input) + 1))


@export
def squeeze(input: Tensor, dim: int | None = None) -> Tensor:
    """Remove dimensions of size 1 (all of them, or only ``dim``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2, 1).squeeze().shape
    torch.Size([2])
    """
    if dim is None:
        return squeeze_op(input)
    return squeeze_dim_op(input, dim=normalize_dim(dim, np.ndim(input)))


def _expand_forward(a: np.ndarray, shape: tuple) -> np.ndarray:
    """``a`` repeated along dimensions of size 1 without copying: zero strides, as PyTorch's expand.

    It stays writable, as in PyTorch: ``fill_`` and ``zero_`` may write into
    it, while other in-place ops refuse (``_views.write``).  One constructor
    call for a contiguous ``a`` (every sum's backward expands one):
    np.broadcast_to spends about 8 µs on an iterator.
    """
    lead = len(shape) - a.ndim
    if lead < 0:
        return np.broadcast_to(a, shape)  # raises NumPy's error, which apply translates
    strides = [0] * lead
    for n, size, stride in zip(shape[lead:], a.shape, a.strides, strict=True):
        if size == n:
            strides.append(stride)
        elif size == 1:
            strides.append(0)
        else:
            return np.broadcast_to(a, shape)  # raises NumPy's error, which apply translates
    if a.flags.c_contiguous:
        return np.ndarray(shape, a.dtype, a, 0, tuple(strides))
    return np.lib.stride_tricks.as_strided(a, shape, tuple(strides), writeable=a.flags.writeable)


expand_op = defop("expand", "ExpandBackward0", "expand", _expand_forward, view=True,
                  a=rule("copies along new axes: the gradient sums over them",
                         lambda grad, a_shape: _sum_back(grad, a_shape)))


def _sum_back(grad: Tensor, shape: tuple) -> Tensor:
    """Sum the gradient over the copies expand made."""
    from .reduction import sum_to_size  # reduction builds on this module

    return sum_to_size(grad, shape)


@export
def expand(input: Tensor, *sizes: Any) -> Tensor:
    """Repeat along dimensions of size 1 without copying (``-1`` keeps a size).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([[1.0], [2.0]]).expand(2, 3)
    tensor([[1., 1., 1.],
            [2., 2., 2.]])
    """
    if len(sizes) == 1 and isinstance(sizes[0], (tuple, list)):
        sizes = sizes[0]
    shape = np.shape(input)
    extra = len(sizes) - len(shape)
    target = tuple(
        shape[i - extra] if n == -1 else int(n) for i, n in enumerate(sizes)
    )
    for i, n in reversed(list(enumerate(shape))):  # PyTorch names the last mismatch
        if n != 1 and n != target[extra + i]:
            raise errors.expand_mismatch(target[extra + i], n, extra + i, target, shape)
    if target == shape:
        return input
    return expand_op(input, shape=target)


def expand_as(input: Tensor, other: Tensor) -> Tensor:
    """Expand to ``other``'s shape."""
    return expand(input, other._array.shape)


# -- indexing -----------------------------------------------------------------


def _put_into_zeros(grad: np.ndarray, shape: tuple, key: Any) -> np.ndarray:
    out = np.zeros(shape, dtype=grad.dtype)
    np.add.at(out, key, grad)  # add, so a position read twice gets both gradients
    return out


def _add_at(a: np.ndarray, b: np.ndarray, key: Any) -> np.ndarray:
    out = a.copy()
    np.add.at(out, key, b)
    return out


def _index_backward(grad: Tensor, a_shape: tuple, key: Any) -> Tensor:
    """∂(a[idx])/∂a: zeros, with the gradient added at each index read (twice if read twice)."""
    return index_put_zeros(np.zeros(a_shape, dtype=values_of(grad).dtype), grad, key=key)


# The backward of reading a[key] puts the gradient back into zeros.  Recorded
# (create_graph=True), it is one of these nodes, named as PyTorch names them.
index_put_zeros = defop(  # PyTorch's zeros.index_put_(idx, g, accumulate=True)
    "index_put_zeros", "IndexPutImplBackward0", "scatter", _add_at,
    a=rule("∂(a + scatter b)/∂a = 1", lambda grad: grad),
    b=rule("∂(a + scatter b)/∂b = read back at key", lambda grad, key: index_op(grad, key=key)),
)
select_backward = defop(
    "select_backward", "SelectBackwardBackward0", "scatter", _put_into_zeros,
    a=rule("∂(scatter g)/∂g = read back at i", lambda grad, key: select_op(grad, key=key)),
)
slice_backward = defop(
    "slice_backward", "SliceBackwardBackward0", "scatter", _put_into_zeros,
    a=rule("∂(scatter g)/∂g = read back on the slice", lambda grad, key: slice_op(grad, key=key)),
)
select_op = defop("select", "SelectBackward0", "[i]", lambda a, key: a[key + (Ellipsis,)], view=True,
                  a=rule("∂(a[i])/∂a = 1 at i, 0 elsewhere",
                         lambda grad, a_shape, key: select_backward(grad, shape=a_shape, key=key)))
slice_op = defop("slice", "SliceBackward0", "[a:b]", lambda a, key: a[key], view=True,
                 a=rule("∂(a[i:j])/∂a = 1 on the slice, 0 elsewhere",
                        lambda grad, a_shape, key: slice_backward(grad, shape=a_shape, key=key)))
index_op = defop("index", "IndexBackward0", "[idx]", lambda a, key: a[key],
                 a=rule("∂(a[idx])/∂a = 1 at each index read", _index_backward))
alias_op = defop("alias", "AliasBackward0", "alias", lambda a: a.view(), view=True,
                 a=rule("the same elements: the gradient passes", lambda grad: grad))


def _is_integer(item: Any) -> bool:
    """An index that selects one position: an int, or a 0-d integer tensor (not a bool)."""
    if isinstance(item, bool):
        return False
    if isinstance(item, (int, np.integer)):
        return True
    return isinstance(item, Tensor) and item._array.ndim == 0 and item._array.dtype.kind in "iu"


def _index_array(item: Any) -> np.ndarray:
    """A tensor, list or array used as an index, as a NumPy array of integers or bools."""
    if isinstance(item, Tensor):
        return item._array
    if isinstance(item, (list, tuple)):
        return np.asarray([_index_array(i) if isinstance(i, (Tensor, list, tuple)) else i for i in item])
    return np.asarray(item)


def _specified_dims(key: tuple) -> int:
    """How many of the tensor's dimensions ``key`` uses up (a mask uses as many as it has)."""
    count = 0
    for item in key:
        if item is None or item is Ellipsis or isinstance(item, bool):
            continue
        if isinstance(item, (Tensor, np.ndarray)) and values_of(item).dtype == np.bool_:
            count += values_of(item).ndim
        else:
            count += 1
    return count


def _check_bounds(index: int, dim: int, size: int) -> int:
    if not -size <= index < size:
        raise errors.index_out_of_bounds(index, dim, size)
    return index % size


def _whole(item: slice, size: int) -> bool:
    """Whether PyTorch skips this slice: from 0 (not -size), to the end or past it, by 1."""
    return (item.start or 0) == 0 and (item.stop is None or item.stop >= size) and (item.step or 1) == 1


def _select(input: Tensor, dim: int, index: int) -> Tensor:
    if input._array.ndim == 0:
        raise messages.error("index_0d")
    index = _check_bounds(int(index), dim, input._array.shape[dim])
    return select_op(input, key=(slice(None),) * dim + (index,))


def _slice(input: Tensor, dim: int, item: slice, skip_whole: bool) -> Tensor:
    if item.step is not None and item.step <= 0:
        raise messages.error("slice_step")
    if skip_whole and _whole(item, input._array.shape[dim]):
        return input  # PyTorch records nothing for a whole dimension inside a longer index
    return slice_op(input, key=(slice(None),) * dim + (item,))


def _apply_slicing(input: Tensor, key: tuple) -> tuple[Tensor, list]:
    """PyTorch's applySlicing: the basic part of ``key`` as views, and the tensor indices left over.

    Integers select (a ``SelectBackward0`` view each), slices slice, ``None``
    adds a dimension, ``...`` skips dimensions.  Tensors, lists and masks are
    collected by the dimension they index, for one indexing op afterwards.
    """
    ndim = input._array.ndim
    specified = _specified_dims(key)
    if specified > ndim:
        raise messages.error("too_many_indices", ndim=ndim)
    result, dim = input, 0
    indices: list = []  # by dimension: an index array, or None for a dimension kept whole

    def record(index: np.ndarray) -> None:
        nonlocal dim
        indices.extend([None] * (dim + 1 - len(indices)))
        indices[dim] = index
        dim += 1

    def reported() -> int:
        # PyTorch moves the tensor indices to the front before checking them: the k-th is "dimension k"
        return sum(index.ndim if index.dtype == np.bool_ else 1 for index in indices if index is not None)

    for item in key:
        if item is Ellipsis:
            dim += ndim - specified
        elif item is None:
            result = unsqueeze_op(result, dim=dim)
            dim += 1
        elif isinstance(item, bool) or (isinstance(item, Tensor) and item._array.shape == () and item._array.dtype == np.bool_):
            # x[True] adds a dimension of size 1, x[False] one of size 0, as in PyTorch
            result = unsqueeze_op(result, dim=dim)
            record(np.zeros(1 if bool(item) else 0, dtype=np.int64))
        elif _is_integer(item):
            result = _select(result, dim, int(item))
        elif isinstance(item, slice):
            result = _slice(result, dim, item, skip_whole=True)
            dim += 1
        else:
            record(_check_index(result, dim, _index_array(item), reported()))
    return result, indices


def _check_index(input: Tensor, dim: int, index: np.ndarray, reported: int | None = None) -> np.ndarray:
    """PyTorch's errors for a mask of the wrong shape or an index out of range (at dimension ``reported``)."""
    reported = dim if reported is None else reported
    shape = input._array.shape
    if index.dtype == np.bool_:
        if index.shape != shape[dim : dim + index.ndim]:
            raise errors.mask_shape_mismatch(index.shape, shape, dim)
    elif index.size:
        if index.dtype.kind not in "iu":
            raise messages.error("index_dtype")
        if index.max() >= shape[dim] or index.min() < -shape[dim]:
            bad = index.max() if index.max() >= shape[dim] else index.min()
            raise errors.index_out_of_bounds(int(bad), reported, shape[dim])
    return index


def _numpy_key(indices: list) -> tuple:
    return tuple(slice(None) if index is None else index for index in indices)


def getitem(input: Tensor, key: Any) -> Tensor:
    """``input[key]``, recorded as PyTorch records it.

    Basic indexing is a chain of views, one node per index, as in PyTorch:
    ``m[0, 0]`` is two ``SelectBackward0`` nodes.  Tensors, lists and boolean
    masks then make one ``IndexBackward0`` node (a copy, not a view).  A
    slice of a whole dimension inside a tuple (``m[:, 0:n]``) records
    nothing, and a tuple that records nothing (``m[...]``, ``m[:, :]``)
    makes an ``AliasBackward0`` view; ``m[:]`` alone is a slice.
    """
    if isinstance(key, slice):
        return _slice(input, 0, key, skip_whole=False)  # one slice alone is always recorded
    if input._array.ndim == 0 and _is_integer(key):
        raise messages.error("index_0d")
    sliced, indices = _apply_slicing(input, key if isinstance(key, tuple) else (key,))
    if indices:
        return index_op(sliced, key=_numpy_key(indices))
    return alias_op(input) if sliced is input else sliced


# -- select, narrow, and views that come several at a time -------------------------


@export(method=True)
def select(input: Tensor, dim: int, index: int) -> Tensor:
    """The slice at ``index`` along ``dim``, without that dimension (``x.select(0, i)`` is ``x[i]``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([[1.0, 2.0], [3.0, 4.0]]).select(1, 0)
    tensor([1., 3.])
    """
    return _select(input, normalize_dim(dim, input._array.ndim), index)


@export(method=True)
def narrow(input: Tensor, dim: int, start: int, length: int) -> Tensor:
    """``length`` elements along ``dim`` from ``start``: a view (``x.narrow(0, 1, 2)`` is ``x[1:3]``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.arange(5).narrow(0, 1, 3)
    tensor([1, 2, 3])
    """
    dim = normalize_dim(dim, input._array.ndim)
    start = start + input._array.shape[dim] if start < 0 else start
    return slice_op(input, key=(slice(None),) * dim + (slice(start, start + length),))


# split, chunk and unbind return views that may not be changed in place while
# autograd records (see _views.mark_multi_output); each output has its own node here.
unbind_op = defop("unbind", "UnbindBackward0", "unbind", lambda a, key: a[key + (Ellipsis,)], view=True,
                  a=rule("∂(a[i])/∂a = 1 at i, 0 elsewhere",
                         lambda grad, a_shape, key: select_backward(grad, shape=a_shape, key=key)))
split_op = defop("split", "SplitBackward0", "split", lambda a, key: a[key], view=True,
                 a=rule("∂(piece)/∂a = 1 on the piece, 0 elsewhere",
                        lambda grad, a_shape, key: slice_backward(grad, shape=a_shape, key=key)))
split_with_sizes_op = defop("split_with_sizes", "SplitWithSizesBackward0", "split", lambda a, key: a[key],
                            view=True,
                            a=rule("∂(piece)/∂a = 1 on the piece, 0 elsewhere",
                                   lambda grad, a_shape, key: slice_backward(grad, shape=a_shape, key=key)))


@export(method=True)
def unbind(input: Tensor, dim: int = 0) -> tuple[Tensor, ...]:
    """Every slice along ``dim``, as a tuple of views.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([[1.0, 2.0], [3.0, 4.0]]).unbind(1)
    (tensor([1., 3.]), tensor([2., 4.]))
    """
    dim = normalize_dim(dim, input._array.ndim)
    prefix = (slice(None),) * dim
    views = [unbind_op(input, key=prefix + (i,)) for i in range(input._array.shape[dim])]
    return tuple(_views.mark_multi_output(views))


def _pieces(input: Tensor, sizes: list[int], dim: int, op: Any) -> tuple[Tensor, ...]:
    prefix, start, views = (slice(None),) * dim, 0, []
    for size in sizes:
        views.append(op(input, key=prefix + (slice(start, start + size),)))
        start += size
    return tuple(_views.mark_multi_output(views))


@export(method=True)
def split(tensor: Tensor, split_size_or_sections: int | Sequence[int], dim: int = 0) -> tuple[Tensor, ...]:
    """Pieces of ``split_size`` along ``dim`` (the last may be smaller), or of the sizes listed.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.arange(5).split(2)
    (tensor([0, 1]), tensor([2, 3]), tensor([4]))
    """
    dim = normalize_dim(dim, tensor._array.ndim)
    length = tensor._array.shape[dim]
    if isinstance(split_size_or_sections, (int, np.integer)):
        size = int(split_size_or_sections)
        sizes = [min(size, length - start) for start in range(0, length, size)] if size else [0]
        return _pieces(tensor, sizes or [0], dim, split_op)
    sizes = [int(n) for n in split_size_or_sections]
    if sum(sizes) != length:
        raise messages.error("split_sizes", sizes=sizes, dim=dim, length=length)
    return _pieces(tensor, sizes, dim, split_with_sizes_op)


@export(method=True)
def chunk(input: Tensor, chunks: int, dim: int = 0) -> tuple[Tensor, ...]:
    """At most ``chunks`` pieces of equal size along ``dim`` (the last may be smaller).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.arange(6).chunk(3)
    (tensor([0, 1]), tensor([2, 3]), tensor([4, 5]))
    """
    length = input._array.shape[normalize_dim(dim, input._array.ndim)]
    return split(input, max(1, -(-length // chunks)), dim)


def _index_add_into_zeros(grad: Any, a_shape: tuple, dim: int, picks: np.ndarray) -> Any:
    """∂(a.index_select(dim, i))/∂a: the gradient added back at each index read (twice if read twice)."""
    key = (slice(None),) * dim + (picks,)
    return index_put_zeros(np.zeros(a_shape, dtype=values_of(grad).dtype), grad, key=key)


index_select_op = defop(
    "index_select", "IndexSelectBackward0", "select", lambda a, dim, picks: np.take(a, picks, axis=dim),
    a=rule("∂(a[i])/∂a = 1 at each index read", _index_add_into_zeros),
)


@export(method=True)
def index_select(input: Tensor, dim: int, index: Tensor) -> Tensor:
    """The slices at ``index`` (a 1-D integer tensor) along ``dim``, copied.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.arange(4.0).index_select(0, torch.tensor([0, 2]))
    tensor([0., 2.])
    """
    dim = normalize_dim(dim, input._array.ndim)
    positions = _check_index(input, dim, _index_array(index).reshape(-1))
    return index_select_op(input, dim=dim, picks=positions)


def _gather_key(index: np.ndarray, dim: int) -> tuple:
    """The advanced-indexing key of ``gather``: ``index`` along ``dim``, each other axis its own position."""
    grids = np.indices(index.shape, sparse=True)
    return tuple(index if axis == dim else grid for axis, grid in enumerate(grids))


gather_op = defop(
    "gather", "GatherBackward0", "gather", lambda a, key: a[key],
    a=rule("∂ out[i]/∂a = 1 where index i reads, added up", _index_backward),
)


@export(method=True)
def gather(input: Tensor, dim: int, index: Tensor, *, sparse_grad: bool = False) -> Tensor:
    """``out[i][j] = input[i][index[i][j]]`` for ``dim=1``: one value read per entry of ``index``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> probabilities = torch.tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]])
    >>> torch.gather(probabilities, 1, torch.tensor([[0], [2]]))
    tensor([[0.1000],
            [0.5000]])
    """
    positions, shape = _index_array(index), input._array.shape
    dim = normalize_dim(dim, len(shape))
    if positions.dtype.kind not in "iu":
        raise messages.error("gather_index_dtype")
    if positions.ndim != len(shape):
        raise messages.error("gather_index_ndim")
    for axis, (wanted, size) in enumerate(zip(positions.shape, shape, strict=True)):
        if axis != dim and wanted > size:
            raise messages.error(
                "gather_index_size", axis=axis, dim=dim, index=list(positions.shape), shape=list(shape)
            )
    if positions.size and (positions.min() < 0 or positions.max() >= shape[dim]):
        bad = positions.min() if positions.min() < 0 else positions.max()
        raise errors.index_out_of_bounds(int(bad), dim, shape[dim], cls=RuntimeError)
    return gather_op(input, key=_gather_key(positions.astype(np.int64), dim))


# -- views made again, and written through ---------------------------------------


class _StepNode:
    """What a view op's rule reads from a node, for a view step replayed without one."""

    __slots__ = ("input_shapes", "params")

    def __init__(self, shape: tuple, params: dict) -> None:
        self.input_shapes = (shape,)
        self.params = params


def _view_grad_to_base(grad: Any, steps: tuple) -> Any:
    """The gradient of a view, sent back to its base through each view step's own rule."""
    arrays = not isinstance(grad, Tensor)
    for op, params, shape in reversed(steps):
        grad = op.input_grad(0, grad, _StepNode(shape, params), {}, arrays)
    return grad


as_strided_op = defop(
    "as_strided", "AsStridedBackward0", "view", lambda a, steps: _views.replay(a, steps), view=True,
    a=rule("∂(view of a)/∂a = 1 where the view reads a, 0 elsewhere",
           lambda grad, steps: _view_grad_to_base(grad, steps)),
)


def _as_strided_node(info: _views.ViewInfo, view: Tensor) -> Any:
    """The node a stale view gets: PyTorch's AsStridedBackward0, reading the base as it is now."""
    base = info.base
    edge = base._grad_fn if base._grad_fn is not None else accumulator_of(base) if base._requires_grad else None
    return as_strided_op.node_class(
        as_strided_op, ((edge, 0),), (base._array.shape,), None, (), {"steps": info.steps}, view._array
    )


def _view_scatter_forward(a: np.ndarray, b: Any, steps: tuple) -> np.ndarray:
    out = np.empty_like(a)
    out[...] = a
    region = _views.replay(out, steps)
    _views.check_no_overlap(region)
    region[...] = b
    return out


view_scatter_op = defop(  # CopySlices' rule, recorded (create_graph): PyTorch records a CopySlices too
    "view_scatter", "CopySlices", "scatter", _view_scatter_forward,
    a=rule("∂/∂a = 1 outside the view, 0 inside", lambda grad, steps: view_scatter_op(grad, 0.0, steps=steps)),
    b=rule("∂/∂b = 1 inside the view", lambda grad, steps: _views.replay(grad, steps)),
)
copy_slices_op = defop(  # made by _views.CopySlices.around, never called: its node runs its own rule
    "copy_slices", "CopySlices", "t[i] = v", _view_scatter_forward, variadic=True,
    a=rule("∂/∂(old base) = grad outside the view, the in-place op's gradient inside; its other inputs get "
           "what the op sends them", lambda grad: grad),
)
copy_slices_op.node_class = _views.CopySlices
view_scatter_op.node_class = type(
    "CopySlices", (view_scatter_op.node_class,), {"__slots__": (), "name": _views.CopySlices.name, "__module__": "builtins"}
)


# -- writing into a tensor: t[key] = value ---------------------------------------

index_put_op = defop(  # t[mask] = v or t[[0, 2]] = v: PyTorch's index_put_
    "index_put", "IndexPutBackward0", "t[idx] = v",
    lambda a, b, key: _assign(a.copy(), key, b),
    a=rule("∂t/∂(old t) = 1 where kept, 0 where overwritten", lambda grad, key: index_put_op(grad, 0.0, key=key)),
    b=rule("∂t/∂v = 1 where v was written", lambda grad, key, b_shape: _read_at(grad, key, b_shape)),
)
def _zeros_like_grad(grad: Any) -> Any:
    """PyTorch's ``zeros_like(grad)``: zero even where ``grad`` is inf or nan (``grad * 0`` would be nan).

    Recorded (``create_graph=True``), it stays ``grad * 0``, so that the gradient keeps its graph.
    """
    return np.zeros_like(grad) if isinstance(grad, np.ndarray) else grad * 0


fill_tensor_op = defop(  # x.fill_(v) with a 0-d tensor v, and t[...] = number
    "fill_tensor", "FillBackward3", "fill", lambda a, b: np.full_like(a, b),
    a=rule("∂(fill with v)/∂a = 0", _zeros_like_grad),
    b=rule("∂(fill with v)/∂v = Σ grad", lambda grad: _sum_back(grad, ())),
)
copy_op = defop(
    "copy", "CopyBackwards", "t[:] = v", lambda a, b: np.broadcast_to(b, a.shape).astype(a.dtype),
    a=rule("∂t/∂(old t) = 0: every element is overwritten", _zeros_like_grad),
    b=rule("∂t/∂v = 1 where v was copied to (summed to v's shape)", lambda grad: grad),
)


def _assign(array: np.ndarray, key: Any, value: Any) -> np.ndarray:
    array[key] = value
    return array


def _read_at(grad: Tensor, key: Any, b_shape: tuple) -> Tensor:
    """∂/∂v of t[key] = v: the gradient of the positions v was written to."""
    piece = index_op(grad, key=key)
    if np.ndim(piece) < len(b_shape):
        piece = reshape(piece, (1,) * (len(b_shape) - np.ndim(piece)) + tuple(np.shape(piece)))
    return piece


def _as_value(value: Any, like: Tensor) -> Tensor:
    if isinstance(value, Tensor):
        return value
    return Tensor._wrap(np.asarray(value, dtype=like._array.dtype))


def _check_fits(value: Tensor, shape: tuple) -> None:
    """PyTorch's error for a value that does not broadcast to the positions it is written to."""
    if value._array.size != 1 and value._array.shape != shape:
        try:
            np.broadcast_shapes(value._array.shape, shape)
        except ValueError:
            raise errors.expand_mismatch(
                shape[-1] if shape else 1, value._array.shape[-1], len(shape) - 1, shape, value._array.shape
            ) from None


def copy_(self: Tensor, src: Any) -> Tensor:
    """Copy ``src`` into this tensor (broadcast to its shape, converted to its dtype).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2, 2).copy_(torch.tensor([1.0, 2.0]))
    tensor([[1., 2.],
            [1., 2.]])
    """
    src = _as_value(src, self)
    _check_fits(src, self._array.shape)
    return _views.run_inplace(self, copy_op, src)


def _copy_to(target: Tensor, value: Tensor) -> None:
    """PyTorch's copy_to: ``copy_`` for a value of the same shape, ``fill_`` for one number."""
    if value._array.shape != target._array.shape and value._array.ndim == 0:
        _views.run_inplace(target, fill_tensor_op, value)
    else:
        copy_(target, value)


def setitem(target: Tensor, key: Any, value: Any) -> None:
    """``target[key] = value``: PyTorch's set_item, an in-place write into a view or the tensor.

    The basic part of the index makes a view (as reading does), and the value
    is copied into it in place, so the base records a ``CopySlices``.  A
    tensor index writes with ``index_put_`` (``IndexPutBackward0``).
    """
    value = _as_value(value, target)
    if isinstance(key, bool) and not key:
        return  # t[False] = v writes nothing
    if isinstance(key, slice) or not isinstance(key, tuple):
        key = (key,)
    sliced, indices = _apply_slicing(target, key)
    if not indices:
        _check_fits(value, sliced._array.shape)
        _copy_to(sliced, value)
        return
    numpy_key = _numpy_key(indices)
    _check_fits(value, np.empty(sliced._array.shape, dtype=bool)[numpy_key].shape)
    if _views.overlaps(sliced._array):
        # PyTorch writes a number through one mask with masked_fill_, and says so
        if len(indices) == 1 and indices[0].dtype == np.bool_ and value._array.ndim == 0:
            warning = messages.text("masked_fill_on_expanded")
        else:
            warning = messages.text("index_put_on_expanded")
        warnings.warn(warning, UserWarning, stacklevel=3)
    _views.run_inplace(sliced, index_put_op, value, key=numpy_key, allow_overlap=True, only=numpy_key)


# -- joining ----------------------------------------------------------------------


def _cat_piece(grad: Tensor, index: int, shapes: tuple, dim: int) -> Tensor:
    """∂(cat)/∂(piece i): the part of the gradient that piece i occupies."""
    start = sum(s[dim] for s in shapes[:index])
    key = (slice(None),) * dim + (slice(start, start + shapes[index][dim]),)
    return slice_op(grad, key=key)


cat_op = defop("cat", "CatBackward0", "cat", lambda *arrays, dim: np.concatenate(arrays, axis=dim),
               variadic=True, promotes=True,
               a=rule("∂(cat)/∂(piece i) = 1 on its part", _cat_piece))
stack_op = defop("stack", "StackBackward0", "stack", lambda *arrays, dim: np.stack(arrays, axis=dim),
                 variadic=True, promotes=True,
                 a=rule("∂(stack)/∂(piece i) = 1 on its slice",
                        lambda grad, index, dim: select_op(grad, key=(slice(None),) * dim + (index,))))


@export
def cat(tensors: Sequence[Tensor], dim: int = 0) -> Tensor:
    """Join tensors along an existing dimension.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.cat([torch.zeros(1, 2), torch.ones(1, 2)]).shape
    torch.Size([2, 2])
    """
    tensors = list(tensors)
    if not tensors:
        raise messages.error("cat_empty")
    for i, item in enumerate(tensors):
        if not isinstance(item, Tensor):
            raise messages.error("cat_not_tensor", index=i, type_name=type(item).__name__)
    dim = normalize_dim(dim, tensors[0]._array.ndim)
    first = tensors[0]._array.shape
    for i, t_ in enumerate(tensors[1:], start=1):
        for d, (n, m) in enumerate(zip(first, t_._array.shape, strict=False)):
            if d != dim and n != m:
                raise errors.cat_mismatch(dim, n, m, i)
    return cat_op(*tensors, dim=dim)


@export
def stack(tensors: Sequence[Tensor], dim: int = 0) -> Tensor:
    """Join tensors of one shape along a new dimension.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.stack([torch.zeros(2), torch.ones(2)]).shape
    torch.Size([2, 2])
    """
    tensors = list(tensors)
    for i, t_ in enumerate(tensors[1:], start=1):
        if t_._array.shape != tensors[0]._array.shape:
            raise errors.stack_mismatch(tensors[0]._array.shape, t_._array.shape, i)
    return stack_op(*tensors, dim=normalize_dim(dim, tensors[0]._array.ndim + 1))


methods({
    "reshape": reshape, "view": view, "flatten": flatten, "transpose": transpose, "t": t,
    "permute": permute, "unsqueeze": unsqueeze, "squeeze": squeeze, "expand": expand,
    "expand_as": expand_as, "__getitem__": getitem, "__setitem__": setitem, "copy_": copy_,
    "T": property(_matrix_transpose), "mT": property(lambda self: transpose(self, -2, -1)),
})
