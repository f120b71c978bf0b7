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

from .. import _views, creation, messages
from .._dtype import default_float, from_numpy_dtype
from .._dtype import dtype as dtype_class
from .._grad_mode import _grad_mode, is_grad_enabled
from .._memory_format import contiguous_format, is_laid_out, laid_out, preserve_format, row_major
from .._storage import TypedStorage, UntypedStorage, memory_root, storage, untyped_storage
from ..autograd.engine import PlacedGrad, accumulator_of, made_whole
from ..messages import errors
from ..tensor import INFERENCE, Tensor, as_index, normalize_dim
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


def _resolve_shape(shape: Sequence[Any], numel: int, function: str) -> tuple[int, ...]:
    if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
        shape = shape[0]
    shape = creation.whole_sizes(function, shape)
    # PyTorch's infer_size: at most one -1, no other negative size, then the -1 is what fits
    for index, n in enumerate(shape):
        if n < -1:
            raise messages.error("shape_dimension_negative", n=n, index=index, shape=errors.shape_text(shape))
    if shape.count(-1) > 1:
        raise messages.error("shape_infer_twice")
    known = math.prod(n for n in shape if n != -1)
    if -1 in shape and (known == numel == 0 or (known and numel % known == 0)):
        if known == 0:
            raise messages.error("shape_infer_ambiguous", shape=errors.shape_text(shape))
        shape = tuple(numel // known if n == -1 else n for n in shape)
    if math.prod(shape) != numel or -1 in shape:
        raise errors.invalid_shape(shape, numel)
    return shape


@export
def reshape(input: Tensor, *dims: Any, shape: Any = None) -> Tensor:
    """The same elements in a new shape (``-1``: the size that fits), given as numbers or as ``shape``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.arange(6).reshape(2, 3)
    tensor([[0, 1, 2],
            [3, 4, 5]])
    >>> torch.reshape(torch.arange(6), shape=(3, 2)).shape
    torch.Size([3, 2])
    """
    return _reshaped(input, _resolve_shape(dims if shape is None else (shape,), values_of(input).size, "reshape"))


def view(input: Tensor, *shape: Any, size: Any = None) -> Tensor:
    """Like :func:`reshape`, but never copies: raises when the layout does not allow it (``size``: PyTorch's
    keyword for the shape).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(6).view(-1, 3).shape
    torch.Size([2, 3])
    """
    if len(shape) == 1 and isinstance(shape[0], dtype_class):
        return _view_as_dtype(input, shape[0])
    if not shape and size is None:  # (x.view(): PyTorch's parser finds no form that takes nothing)
        raise messages.error("view_no_arguments")
    return view_op(input, shape=_resolve_shape(shape if size is None else (size,), input._array.size, "view"))


def _view_as_dtype(input: Tensor, to: Any) -> Tensor:
    """``x.view(torch.int32)``: the same bytes read as another dtype (a view, outside the graph, as in PyTorch).

    With another element size, the last dimension must be laid out contiguously and hold whole elements of
    the new type; its length changes by the ratio of the sizes.
    """
    array = input._own()
    wanted = to.numpy
    if wanted.itemsize != array.dtype.itemsize:
        names = (from_numpy_dtype(array.dtype).legacy_type, to.legacy_type)
        old, new = (name.removeprefix("torch.").removesuffix("Tensor") for name in names)
        if array.ndim == 0:
            raise messages.error("view_dtype_0d", old=old, new=new)
        if array.strides[-1] != array.itemsize and array.shape[-1] != 1:
            raise messages.error("view_dtype_stride", old=old, new=new, stride=array.strides[-1] // array.itemsize)
        if wanted.itemsize > array.dtype.itemsize and (array.shape[-1] * array.itemsize) % wanted.itemsize:
            raise messages.error(
                "view_dtype_divisible", old=old, new=new, ratio=wanted.itemsize // array.itemsize, size=array.shape[-1]
            )
    alias = Tensor._wrap(array.view(wanted))
    alias._version_counter = input._version_counter  # (the same memory: in-place changes show in both)
    return alias


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
def _transposed_back(grad: Any) -> Any:
    """The gradient transposed back.  One that is the transpose of a whole array (mm's gradient for
    ``w.t()``, computed laid out as ``w``, as PyTorch computes it) gives that array, so that ``w``
    stores it as its ``.grad`` without a copy."""
    if type(grad) is np.ndarray and grad.ndim == 2 and grad.base is not None:
        base = grad.base
        if (
            base.shape == grad.shape[::-1]
            and base.strides == grad.strides[::-1]
            and base.__array_interface__["data"][0] == grad.__array_interface__["data"][0]
        ):
            return base
    return t(grad)


t_op = defop("t", "TBackward0", "ᵀ", lambda a: a.T, view=True,
             a=rule("transposes: the gradient is transposed back", _transposed_back))
permute_op = defop("permute", "PermuteBackward0", "permute", lambda a, dims: np.transpose(a, dims), view=True,
                   a=rule("reorders axes: the gradient's axes are put back",
                          lambda grad, dims: permute(grad, tuple(np.argsort(dims)))))


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
def permute(input: Tensor, *order: Any, dims: Any = None) -> Tensor:
    """Reorder the dimensions (given one by one, or as ``dims``, PyTorch's keyword).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2, 3, 4).permute(2, 0, 1).shape
    torch.Size([4, 2, 3])
    >>> torch.permute(torch.zeros(2, 3), dims=(1, 0)).shape
    torch.Size([3, 2])
    """
    dims = order if dims is None else (*order, dims)
    if not dims:  # (x.permute(): PyTorch's parser misses the dims, even a 0-d tensor's, which are ())
        said = 'permute() missing 1 required positional arguments: "dims"'
        raise messages.error("arguments_count", sentence=said, where="torch.permute")
    if len(dims) == 1 and isinstance(dims[0], (tuple, list)):
        dims = dims[0]
    ndim = np.ndim(input)
    if len(dims) != ndim:
        raise errors.permute_mismatch(ndim, len(dims))
    dims = tuple(normalize_dim(d, ndim) for d in _dims_list(dims, "permute"))
    if len(set(dims)) != ndim:
        raise messages.error("permute_duplicate_dims")
    return permute_op(input, dims=dims)


def _matrix_transpose(input: Tensor) -> Tensor:
    # PyTorch's .T reverses all dimensions (a PermuteBackward0 node), and warns once unless there are two.
    ndim = input._array.ndim
    if ndim == 0:
        messages.warn_once("transpose_0d", stacklevel=None)
    elif ndim != 2:
        messages.warn_once("transpose_all_dims", stacklevel=None)
    return permute_op(input, dims=tuple(reversed(range(ndim))))


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
squeeze_dims_op = defop("squeeze_dims", "SqueezeBackward2", "squeeze",
                        lambda a, dims: np.squeeze(a, tuple(d for d in dims if a.shape[d] == 1)), view=True,
                        a=rule("drops axes of size 1: the gradient gets them back",
                               lambda grad, a_shape, dims: unsqueeze_to(grad, a_shape, dims)))
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
def squeeze(input: Tensor, dim: int | Sequence[int] | None = None) -> Tensor:
    """Remove dimensions of size 1 (all of them, only ``dim``, or those in a tuple ``dim``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2, 1).squeeze().shape
    torch.Size([2])
    """
    if dim is None:
        return squeeze_op(input)
    if isinstance(dim, (tuple, list)):  # several dimensions (PyTorch 2.0)
        return squeeze_dims_op(input, dims=_squeezed_dims(dim, np.ndim(input)))
    return squeeze_dim_op(input, dim=normalize_dim(dim, np.ndim(input)))


def _squeezed_dims(dims: Sequence[int], ndim: int) -> tuple[int, ...]:
    """``dims`` as non-negative dimensions, each once (a 0-d tensor has none to squeeze)."""
    found = tuple(normalize_dim(d, ndim) for d in dims) if ndim else ()
    for position, d in enumerate(found):
        if d in found[:position]:
            raise messages.error("squeeze_repeated_dim", dim=d)
    return found


def _expand_forward(a: np.ndarray, shape: tuple) -> np.ndarray:
    """``a`` repeated along dimensions of size 1 without copying: zero strides, as PyTorch's expand.

    It stays writable, as in PyTorch: ``fill_`` and ``zero_`` may write into
    it, while other in-place ops refuse (``_views.write``).  One constructor
    call for a contiguous ``a`` (every sum's backward expands one):
    np.broadcast_to spends about 8 µs on an iterator.
    """
    if not a.ndim:  # a 0-d array (every whole sum's backward): the one value everywhere
        return np.ndarray(shape, a.dtype, a, 0, (0,) * len(shape))
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
def expand(input: Tensor, *sizes: Any, size: Any = None, implicit: bool = False) -> Tensor:
    """Repeat along dimensions of size 1 without copying (``-1`` keeps a size; ``size``: PyTorch's keyword
    for the sizes; ``implicit``: PyTorch's mark of an expand it made itself, with no effect).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([[1.0], [2.0]]).expand(2, 3)
    tensor([[1., 1., 1.],
            [2., 2., 2.]])
    """
    if size is not None:
        sizes = (size,)
    if len(sizes) == 1 and isinstance(sizes[0], (tuple, list)):
        sizes = sizes[0]
    shape = np.shape(input)
    extra = len(sizes) - len(shape)
    if extra < 0:
        raise errors.expand_too_few_sizes(input.dtype.legacy_type, shape, tuple(sizes))
    sizes = creation.whole_sizes("expand", sizes)
    target = tuple(shape[i - extra] if n == -1 and i >= extra else n for i, n in enumerate(sizes))
    for i, n in reversed(list(enumerate(shape))):  # PyTorch names the last mismatch (and the sizes as given)
        if n != 1 and n != target[extra + i]:
            raise errors.expand_mismatch(target[extra + i], n, extra + i, tuple(sizes), shape)
    if -1 in sizes[:extra]:  # (-1 keeps a size: a new leading dimension has none to keep)
        raise messages.error("expand_leading_minus_one", dim=sizes[:extra].index(-1))
    if any(n < 0 for n in target):  # (another negative size: PyTorch's count of elements overflows)
        raise messages.error("expand_negative_size")
    return expand_op(input, shape=target)  # (a view even to the same shape: ExpandBackward0, as PyTorch's)


def expand_as(input: Tensor, other: Tensor) -> Tensor:
    """Expand to ``other``'s shape."""
    return expand(input, other._array.shape)


# -- indexing -----------------------------------------------------------------


def _put_into_zeros(grad: np.ndarray, shape: tuple, key: Any) -> np.ndarray:
    """Zeros of ``shape`` with ``grad`` at ``key``: a select's or a slice's place (ints and slices, so each
    position is read once and an assignment does; np.add.at would be many times slower)."""
    out = np.zeros(shape, dtype=grad.dtype)
    out[key] = grad
    return out


def _scattered(op: Any, grad: Any, shape: tuple, key: Any) -> Any:
    """A select's or a slice's backward: zeros of ``shape`` with ``grad`` at ``key``.  In a backward pass
    that is not recorded, the engine's :class:`PlacedGrad` (it adds the part alone into a sum); recorded
    (create_graph), ``op``'s node."""
    if type(grad) is np.ndarray:
        return PlacedGrad(grad, shape, key)
    return op(grad, shape=shape, key=key)


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
                         lambda grad, a_shape, key: _scattered(select_backward, grad, a_shape, key)))
slice_op = defop("slice", "SliceBackward0", "[a:b]", lambda a, key: a[key], view=True,
                 a=rule("∂(a[i:j])/∂a = 1 on the slice, 0 elsewhere",
                        lambda grad, a_shape, key: _scattered(slice_backward, grad, a_shape, key)))
def _index_forward(a: np.ndarray, key: tuple) -> np.ndarray:
    try:
        return a[key]
    except IndexError as error:
        if "could not be broadcast" not in str(error):
            raise
        shapes = ", ".join(str(list(np.shape(k))) for k in key if not isinstance(k, slice) and k is not None)
        raise messages.error("index_broadcast", shapes=shapes) from None


# (row_major: PyTorch's advanced indexing makes a new tensor laid out row by row; NumPy keeps the indexed
# dimension's place in memory, so x[:, [2, 0]] came out column by column, and .view(-1) of it failed)
index_op = defop("index", "IndexBackward0", "[idx]", row_major(_index_forward),
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


_INDEX_DTYPES = frozenset(np.dtype(t) for t in (np.int64, np.int32, np.uint8, np.bool_))
"""The dtypes of a tensor PyTorch takes as an index: long, int, byte (a mask, deprecated) and bool."""
_PLAIN_INDEX_DTYPES = _INDEX_DTYPES - {np.dtype(np.uint8)}


def _tensor_indices_checked(key: tuple) -> tuple:
    """``key`` with each uint8 tensor read as PyTorch reads it, as a mask (True where not 0, with its
    deprecation warning unless 0-d), and a tensor of another dtype PyTorch refuses (int8, float ...) refused."""
    for item in key:
        if isinstance(item, Tensor) and item._array.dtype not in _PLAIN_INDEX_DTYPES:
            break
    else:
        return key  # (the usual case: nothing to convert)
    checked = []
    for item in key:
        if isinstance(item, Tensor) and item._array.dtype not in _INDEX_DTYPES:
            raise messages.error("index_dtype")
        if isinstance(item, Tensor) and item._array.dtype == np.uint8:
            if item._array.ndim:
                messages.warn("index_uint8_deprecated")
            item = Tensor._wrap(item._array != 0)
        checked.append(item)
    return tuple(checked)


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


def _select(input: Tensor, dim: int, index: int, position: int | None = None) -> Tensor:
    """``input`` at ``index`` along ``dim``; out of bounds, PyTorch names the index's ``position`` in
    the key (``x[1, 5]``: dimension 1) where there is one, else ``dim``."""
    if input._array.ndim == 0:
        raise messages.error("index_0d")
    index = _check_bounds(int(index), dim if position is None else position, input._array.shape[dim])
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

    for position, item in enumerate(key):
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
            result = _select(result, dim, int(item), position)
        elif isinstance(item, slice):
            result = _slice(result, dim, item, skip_whole=True)
            dim += 1
        elif isinstance(item, (Tensor, list, tuple, range, np.ndarray)):
            record(_check_index(result, dim, _index_array(item), reported()))
        elif isinstance(item, str):  # (a sequence to PyTorch: of characters, which make no tensor)
            raise errors.invalid_data_type("str")
        else:
            raise messages.error("index_type", type_name=messages.type_name(item))  # x[1.0]
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
    if type(key) is list or creation._other_sequence(type(key)):  # (a random_split Subset: a sequence too)
        key = _sequence_as_tuple(key)
    if input._array.ndim == 0 and _is_integer(key):
        raise messages.error("index_0d")
    sliced, indices = _apply_slicing(input, _tensor_indices_checked(key if isinstance(key, tuple) else (key,)))
    if indices:
        return index_op(sliced, key=_numpy_key(indices))
    return alias_op(input) if sliced is input else sliced


def _sequence_as_tuple(key: Any) -> list | tuple:
    """A list index (or another sequence: items ``key[0], key[1] ...``) read as PyTorch (after NumPy's old rule)
    reads it: as a tuple, one index per dimension, if it holds a slice, ``None``, ``...``, a tensor or a
    sequence (with PyTorch's deprecation warning)."""
    if type(key) is not list:
        key = [key[i] for i in range(len(key))]
    if len(key) >= 32:
        return key
    for item in key:
        if item is None or item is Ellipsis or isinstance(item, (slice, Tensor, list, tuple, np.ndarray)):
            messages.warn("index_sequence_as_tuple")  # (the user's line)
            return tuple(key)
    return key


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
    index = as_index(index)
    if not isinstance(index, (int, np.integer)) or isinstance(index, bool):
        raise messages.error("count_not_int", function="select", name="index", position=2, type_name=type(index).__name__)
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
    return slice_op(input, key=_narrowed(input, dim, start, length, copy=False))


def _narrowed(input: Tensor, dim: int, start: int, length: int, copy: bool) -> tuple:
    """The key of ``narrow``/``narrow_copy``, after PyTorch's checks (``narrow_copy`` checks a negative
    length with the end, as its kernel does)."""
    if not input._array.ndim:
        raise messages.error("narrow_0_dim")
    dim = normalize_dim(dim, input._array.ndim)
    size = input._array.shape[dim]
    if length < 0 and not copy:
        raise messages.error("narrow_negative_length")
    if not -size <= start <= size:
        raise messages.error("narrow_start_out_of_range", size=size, start=start)
    start = start + size if start < 0 else start
    if length < 0 or start + length > size:
        raise messages.error("narrow_too_long", start=start, length=length, size=size)
    return (slice(None),) * dim + (slice(start, start + length),)


# split, chunk and unbind return views that may not be changed in place while
# autograd records (see _views.mark_multi_output); each output has its own node here.
unbind_op = defop("unbind", "UnbindBackward0", "unbind", lambda a, key: a[key + (Ellipsis,)], view=True,
                  a=rule("∂(a[i])/∂a = 1 at i, 0 elsewhere",
                         lambda grad, a_shape, key: _scattered(select_backward, grad, a_shape, key)))
split_op = defop("split", "SplitBackward0", "split", lambda a, key: a[key], view=True,
                 a=rule("∂(piece)/∂a = 1 on the piece, 0 elsewhere",
                        lambda grad, a_shape, key: _scattered(slice_backward, grad, a_shape, key)))
split_with_sizes_op = defop("split_with_sizes", "SplitWithSizesBackward0", "split", lambda a, key: a[key],
                            view=True,
                            a=rule("∂(piece)/∂a = 1 on the piece, 0 elsewhere",
                                   lambda grad, a_shape, key: _scattered(slice_backward, grad, a_shape, key)))


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


@export
def split(tensor: Tensor, split_size_or_sections: int | Sequence[int], dim: int = 0) -> tuple[Tensor, ...]:
    """Pieces of ``split_size`` along ``dim`` (the last may be smaller), or of the sizes listed.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.arange(5).split(2)
    (tensor([0, 1]), tensor([2, 3]), tensor([4]))
    """
    dim = normalize_dim(as_index(dim), tensor._array.ndim)
    length = tensor._array.shape[dim]
    split_size_or_sections = as_index(split_size_or_sections)
    if isinstance(split_size_or_sections, (int, np.integer)):
        size = int(split_size_or_sections)
        if size < 0:
            raise messages.error("split_negative_size", size=size)
        sizes = [min(size, length - start) for start in range(0, length, size)] if size else [0]
        return _pieces(tensor, sizes or [0], dim, split_op)
    sizes = [int(n) for n in split_size_or_sections]
    if sum(sizes) != length:
        raise messages.error("split_sizes", sizes=sizes, dim=dim, length=length)
    return _pieces(tensor, sizes, dim, split_with_sizes_op)


def _split_method(self: Tensor, split_size: int | Sequence[int], dim: int = 0) -> tuple[Tensor, ...]:
    """``x.split(split_size, dim=0)``: :func:`split`, whose parameter the method names ``split_size``."""
    return split(self, split_size, dim)


methods({"split": _split_method})


@export(method=True)
def chunk(input: Tensor, chunks: int, dim: int = 0) -> tuple[Tensor, ...]:
    """At most ``chunks`` pieces of equal size along ``dim`` (the last may be smaller).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.arange(6).chunk(3)
    (tensor([0, 1]), tensor([2, 3]), tensor([4, 5]))
    """
    chunks = as_index(chunks)
    length = input._array.shape[normalize_dim(as_index(dim), input._array.ndim)]
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
    positions = _index_array(index)
    if isinstance(index, Tensor) and positions.dtype not in (np.int64, np.int32):
        raise messages.error("index_select_index_dtype")
    if positions.ndim > 1:
        raise messages.error("index_select_index_vector")
    positions = _check_index(input, dim, positions.reshape(-1))
    return index_select_op(input, dim=dim, picks=positions)


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
        grad = made_whole(op.input_grad(0, grad, _StepNode(shape, params), {}, arrays))
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


def copy_like(like: Tensor, src: Tensor) -> Tensor:
    """``torch.empty_like(like).copy_(src)``: ``src``'s values in a new tensor, recorded as CopyBackwards."""
    return copy_op(Tensor._wrap(np.empty_like(like._array)), src)


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
    return Tensor._wrap(np.asarray(creation.number_into(value, like._array.dtype), dtype=like._array.dtype))


def _check_fits(value: Tensor, shape: tuple) -> None:
    """PyTorch's error for a value that does not broadcast to the positions it is written to."""
    if value._array.size != 1 and value._array.shape != shape:
        try:
            np.broadcast_shapes(value._array.shape, shape)
        except ValueError:
            raise errors.expand_mismatch(
                shape[-1] if shape else 1, value._array.shape[-1], len(shape) - 1, shape, value._array.shape
            ) from None


def copy_(self: Tensor, src: Any, non_blocking: bool = False) -> Tensor:
    """Copy ``src`` into this tensor (broadcast to its shape, converted to its dtype; ``non_blocking``:
    nothing to wait for on the CPU).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2, 2).copy_(torch.tensor([1.0, 2.0]))
    tensor([[1., 2.],
            [1., 2.]])
    """
    src = _as_value(src, self)
    shape, src_shape = self._array.shape, src._array.shape
    if src_shape != shape:  # src must broadcast to this tensor's shape, as TensorIterator checks it
        try:
            broadcast = np.broadcast_shapes(src_shape, shape)
        except ValueError:
            raise errors.broadcast_shapes(shape, src_shape) from None
        if broadcast != shape:  # (it broadcasts, but to a bigger shape: PyTorch's in-place error)
            raise messages.error("copy_inplace_shape", shape=list(shape), broadcast=list(broadcast))
    return _views.run_inplace(self, copy_op, src)


def _copy_to(target: Tensor, value: Tensor) -> None:
    """PyTorch's copy_to: ``copy_`` for a value of the same shape, ``fill_`` for one number, else
    ``copy_`` of the value without its leading dimensions of size 1."""
    if value._array.shape == target._array.shape:
        copy_(target, value)
    elif value._array.ndim == 0:
        _views.run_inplace(target, fill_tensor_op, value)
    else:
        copy_(target, _without_leading_ones(value))


def _without_leading_ones(value: Tensor) -> Tensor:
    """PyTorch's slicePrefix1sSize: t[key] = v first drops v's leading dimensions of size 1."""
    shape = value._array.shape
    ones = next((i for i, n in enumerate(shape) if n != 1), len(shape))
    return reshape(value, shape[ones:]) if ones else value


def _check_writes(value: Tensor, shape: tuple) -> None:
    """PyTorch's errors for t[key] = v: v is expanded to the shape of the positions written."""
    if value._array.ndim > len(shape):
        raise errors.expand_too_few_sizes(value.dtype.legacy_type, value._array.shape, shape)
    _check_fits(value, shape)


def _check_index_put(value: Tensor, shape: tuple) -> None:
    """PyTorch's error for t[indices] = v when v does not broadcast to the shape of t[indices]."""
    try:
        fits = np.broadcast_shapes(value._array.shape, shape) == shape
    except ValueError:
        fits = False
    if not fits:
        raise messages.error("index_put_shape", values=list(value._array.shape), target=list(shape))


def _is_scalar_bool(k: Any) -> bool:
    """True, False or a 0-d bool tensor: PyTorch's basic index that adds a dimension of 1 or 0."""
    return isinstance(k, (bool, np.bool_)) or (isinstance(k, Tensor) and k._array.shape == () and k._array.dtype == np.bool_)


def _is_basic(k: Any) -> bool:
    """An index PyTorch applies as a view (a number, a slice, None, ...), not as an index tensor."""
    return k is None or k is Ellipsis or isinstance(k, (int, slice, np.integer))


def setitem(target: Tensor, key: Any, value: Any) -> None:
    """``target[key] = value``: PyTorch's set_item, an in-place write into a view or the tensor.

    The basic part of the index makes a view (as reading does), and the value
    is copied into it in place, so the base records a ``CopySlices``.  A
    tensor index writes with ``index_put_`` (``IndexPutBackward0``).
    """
    if isinstance(value, (np.ndarray, np.generic)) and not isinstance(value, (int, float, np.integer)):
        # (PyTorch reads a NumPy float64 as a Python float and an integer type as an index; not the others)
        raise messages.error("setitem_numpy", name=type(value).__name__, tensor_type=target.type())
    if isinstance(value, (list, tuple)):
        raise messages.error("setitem_sequence", kind=type(value).__name__, tensor_type=target.type())
    value = _as_value(value, target)
    if isinstance(key, bool) and not key:
        return  # t[False] = v writes nothing
    if isinstance(key, Tensor) and key._array.dtype == np.uint8 and value._array.ndim == 0:
        # one mask and one value: PyTorch's masked_fill_, which takes no uint8 mask
        raise messages.error("masked_fill_mask_dtype", dtype="unsigned char")
    if type(key) is list or creation._other_sequence(type(key)):  # (a random_split Subset: a sequence too)
        key = _sequence_as_tuple(key)
    if isinstance(key, slice) or not isinstance(key, tuple):
        key = (key,)
    key = _tensor_indices_checked(key)
    if _written_back_into_itself(target, key, value):
        target._version_counter.bump()  # (copy_ of the values onto themselves: only the change is counted)
        return
    sliced, indices = _apply_slicing(target, key)
    if not indices:
        _check_writes(_without_leading_ones(value), sliced._array.shape)
        _copy_to(sliced, value)
        return
    value = _without_leading_ones(value)
    numpy_key = _numpy_key(indices)
    _check_index_put(value, np.empty(sliced._array.shape, dtype=bool)[numpy_key].shape)
    one_mask = len(indices) == 1 and indices[0].dtype == np.bool_
    scalar_bools = all(_is_scalar_bool(k) for k in key if _is_scalar_bool(k) or not _is_basic(k))  # (t[True])
    if value._array.dtype != sliced._array.dtype and not (one_mask and value._array.size == 1 or scalar_bools):
        # PyTorch's index_put_ takes the source's dtype as it is, except for one value through
        # one mask (masked_fill_, which converts it); a basic index copies, and converts (above)
        raise messages.error(
            "index_put_dtype",
            self_type=errors.scalar_type_name(sliced._array.dtype),
            source_type=errors.scalar_type_name(value._array.dtype),
        )
    if _views.overlaps(sliced._array):
        # PyTorch writes a number through one mask with masked_fill_, and says so
        if one_mask and value._array.ndim == 0:
            messages.warn("fill_on_expanded", name="masked_fill_")
        else:
            messages.warn("index_put_on_expanded")
    _views.run_inplace(sliced, index_put_op, value, key=numpy_key, allow_overlap=True, only=numpy_key)


def _written_back_into_itself(target: Tensor, key: tuple, value: Any) -> bool:
    """``counts[i, j] += 1`` (makemore's bigram counts): Python reads ``counts[i, j]``, adds into that view
    in place, then sets ``counts[i, j]`` to the view itself.  With no gradient about, PyTorch's ``copy_``
    of the view onto its own memory changes no value and counts one change; this is that case, found
    without making the view again (half of the line's time)."""
    if type(value) is not Tensor or value._view is None or _grad_mode.forward_ad:
        return False
    array, values = target._array, value._array
    if type(array) is not np.ndarray or len(key) > array.ndim or any(type(k) is not int for k in key):
        return False
    counter = target._version_counter
    if counter is INFERENCE or value._version_counter is not counter or target.requires_grad or value.requires_grad:
        return False  # (an inference tensor, refused outside inference_mode; or a gradient to record)
    try:
        place = array[(*key, ...)]
    except IndexError:
        return False  # (the usual path raises PyTorch's error)
    return (
        place.__array_interface__["data"][0] == values.__array_interface__["data"][0]
        and place.shape == values.shape
        and place.strides == values.strides
        and place.dtype == values.dtype
    )


# -- joining ----------------------------------------------------------------------


def _skipped_by_cat(shape: tuple) -> bool:
    """PyTorch's cat skips an empty 1-D tensor, whatever the others' shapes (``torch.FloatTensor()``, the old
    way to start a result grown in a loop)."""
    return shape == (0,)


def _cat_forward(*arrays: np.ndarray, dim: int) -> np.ndarray:
    kept = [a for a in arrays if not _skipped_by_cat(a.shape)]
    if len(kept) == len(arrays):
        return np.concatenate(arrays, axis=dim)
    return np.concatenate(kept or arrays[:1], axis=dim).astype(np.result_type(*arrays), copy=False)


def _cat_piece(grad: Tensor, index: int, shapes: tuple, dim: int) -> Tensor:
    """∂(cat)/∂(piece i): the part of the gradient that piece i occupies (none for a skipped one)."""
    if _skipped_by_cat(shapes[index]) and len(np.shape(grad)) != 1:
        return grad.reshape(-1)[:0]
    start = sum(s[dim] for s in shapes[:index] if not _skipped_by_cat(s) or len(np.shape(grad)) == 1)
    key = (slice(None),) * dim + (slice(start, start + shapes[index][dim]),)
    return slice_op(grad, key=key)


cat_op = defop("cat", "CatBackward0", "cat", row_major(_cat_forward),
               variadic=True, promotes=True,
               a=rule("∂(cat)/∂(piece i) = 1 on its part", _cat_piece))
stack_op = defop("stack", "StackBackward0", "stack", row_major(lambda *arrays, dim: np.stack(arrays, axis=dim)),
                 variadic=True, promotes=True,
                 a=rule("∂(stack)/∂(piece i) = 1 on its slice",
                        lambda grad, index, dim: select_op(grad, key=(slice(None),) * dim + (index,))))


def _only_tensors(tensors: Sequence[Tensor], name: str) -> list[Tensor]:
    """The tensors to join, as a list, after PyTorch's check that each is one."""
    tensors = list(tensors)
    for i, item in enumerate(tensors):
        if not isinstance(item, Tensor):
            raise messages.error("join_not_tensor", index=i, type_name=messages.type_name(item), name=name)
    return tensors


@export
def cat(tensors: Sequence[Tensor], dim: int = 0) -> Tensor:
    """Join tensors along an existing dimension.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.cat([torch.zeros(1, 2), torch.ones(1, 2)]).shape
    torch.Size([2, 2])
    """
    tensors = _only_tensors(tensors, "cat")
    if not tensors:
        raise messages.error("cat_empty")
    for i, item in enumerate(tensors):
        if item._array.ndim == 0:
            raise messages.error("cat_zero_dim", index=i)
    joined = [t for t in tensors if not _skipped_by_cat(t._array.shape)] or tensors
    dim = normalize_dim(dim, joined[0]._array.ndim)
    first = joined[0]._array.shape
    for i, t_ in enumerate(tensors):
        if t_ is joined[0] or (_skipped_by_cat(t_._array.shape) and joined is not tensors):
            continue
        if t_._array.ndim != len(first):  # (a row of a batch joined without its unsqueeze)
            raise messages.error("cat_ndim_mismatch", first=len(first), other=t_._array.ndim)
        for d, (n, m) in enumerate(zip(first, t_._array.shape, strict=False)):
            if d != dim and n != m:
                raise errors.cat_mismatch(dim, n, m, i)
    return cat_op(*tensors, dim=dim)


export(cat, name="concat")  # PyTorch's two other names for cat
export(cat, name="concatenate")


@export
def stack(tensors: Sequence[Tensor], dim: int = 0) -> Tensor:
    """Join tensors of one shape along a new dimension.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.stack([torch.zeros(2), torch.ones(2)]).shape
    torch.Size([2, 2])
    """
    tensors = _only_tensors(tensors, "stack")
    if not tensors:
        raise messages.error("stack_list_empty", name="stack")
    for i, t_ in enumerate(tensors[1:], start=1):
        if t_._array.shape != tensors[0]._array.shape:
            raise errors.stack_mismatch(tensors[0]._array.shape, t_._array.shape, i)
    return stack_op(*tensors, dim=normalize_dim(dim, tensors[0]._array.ndim + 1))


methods({
    "reshape": reshape, "view": view, "flatten": flatten, "transpose": transpose, "t": t,
    "permute": permute, "unsqueeze": unsqueeze, "squeeze": squeeze, "expand": expand,
    "expand_as": expand_as, "__getitem__": getitem, "__setitem__": setitem, "copy_": copy_,
    "T": property(_matrix_transpose),
})


def _matrices_transposed(self: Tensor, name: str) -> Tensor:
    """``x.mT`` and ``x.mH`` (the same for real tensors): each matrix of a batch transposed."""
    if self._array.ndim == 0:  # (deprecated in PyTorch: the identity)
        messages.warn_once("matrix_attribute_0d", stacklevel=4, name=name)
        return self
    if self._array.ndim < 2:
        raise messages.error("matrix_attribute_batches", name=name, ndim=self._array.ndim)
    return transpose(self, -2, -1)


def _matrix_adjoint(self: Tensor) -> Tensor:
    """``x.H``: a matrix's conjugate transpose, which for real numbers is its transpose."""
    if self._array.ndim < 2:
        raise messages.error("matrix_attribute_2d", ndim=self._array.ndim)
    if self._array.ndim > 2:
        raise messages.error("matrix_attribute_2d_batch", ndim=self._array.ndim)
    return transpose(self, 0, 1)


@export(method=True)
def adjoint(input: Tensor) -> Tensor:
    """The conjugate transpose of each matrix (``x.mH``); for real numbers, the transpose.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.adjoint(torch.zeros(2, 3)).shape
    torch.Size([3, 2])
    """
    return transpose(input, -2, -1)


@export(method=True)
def conj(input: Tensor) -> Tensor:
    """The complex conjugate: a real tensor itself (autograd_lab's tensors are real).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor([1.0, -2.0])
    >>> torch.conj(x) is x, x.conj_physical()
    (True, tensor([ 1., -2.]))
    """
    return input


@export
def real(input: Tensor) -> Tensor:
    """The real part: a real tensor itself (also ``x.real``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor([1.0, -2.0])
    >>> torch.real(x) is x, x.real is x
    (True, True)
    """
    return input


@export
def imag(input: Tensor) -> Tensor:
    """The imaginary part, which a real tensor does not have: PyTorch's RuntimeError (also ``x.imag``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.imag(torch.tensor([1.0]))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    RuntimeError: imag is not implemented for tensors with non-complex dtypes...
    """
    raise messages.error("imag_of_real")


def _set_real(self: Tensor, value: Any) -> None:
    """``x.real = value``: ``x.copy_(value)`` for a real tensor (a tensor, or a number made one), as PyTorch's
    setter copies into the real part; a complex number does not fit a real dtype."""
    if isinstance(value, (complex, np.complexfloating)):
        raise messages.error("data_value_overflow", dtype=errors.c_type_name(self._array.dtype))
    if not isinstance(value, (Tensor, bool, int, float, np.integer)):  # (np.float32 is no float to PyTorch's parser)
        raise messages.error("setitem_sequence", kind=messages.type_name(value), tensor_type=self.dtype.legacy_type)
    self.copy_(value if isinstance(value, Tensor) else creation.scalar_tensor(value, dtype=self.dtype))


def _angle(a: np.ndarray) -> np.ndarray:
    """π where a < 0, else 0, and NaN where a is NaN: the argument of a real number, as PyTorch's kernel gives
    it (integers: in the default float dtype)."""
    if a.dtype.kind != "f":
        a = a.astype(default_float().numpy)
    number = a.dtype.type
    return np.where(np.isnan(a), a, np.where(a < 0, number(math.pi), number(0)))


angle = defop("angle", "AngleBackward0", "∠", _angle, public=True, method=True,
              a=rule("∂angle(a)/∂a = 0 for real a", _zeros_like_grad))  # fmt: skip


methods({
    "real": property(real, _set_real), "imag": property(imag, lambda self, value: imag(self)),
    "mT": property(lambda self: _matrices_transposed(self, "mT")),
    "mH": property(lambda self: _matrices_transposed(self, "mH")),
    "H": property(_matrix_adjoint),
    "conj_physical": conj, "resolve_conj": conj, "resolve_neg": conj,
})


# -- repeating, flipping, rolling (branch breadth_b) ---------------------------------------------------


def _dims_list(dims: tuple, function: str, argument: str = "dims") -> tuple:
    """Dimensions given as ``f(0, 1)`` or ``f((0, 1))`` / ``f([0, 1])``, as a tuple of ints (a 0-d integer
    tensor counts as its number; a float is refused in PyTorch's words, where ``int()`` would cut it)."""
    if len(dims) == 1 and isinstance(dims[0], (tuple, list)):
        dims = dims[0]
    return creation.whole_sizes(function, dims, argument)


def _sum_dims(grad: Any, dims: tuple) -> Any:
    from .reduction import sum_dim_op  # reduction builds on this module

    return sum_dim_op(grad, dim=dims, keepdim=False)


def _repeat_back(grad: Any, a_shape: tuple, repeats: tuple) -> Any:
    """∂(a repeated)/∂a = the sum of the gradient over every copy, as PyTorch's repeat_backward computes it.

    New leading dims are summed one by one; then each repeated dim is split
    into (copies, size) and the copies summed in one go.
    """
    lead = len(repeats) - len(a_shape)
    for _ in range(lead):
        grad = _sum_dims(grad, (0,))
    split, copies = [], []
    for count, size in zip(repeats[lead:], a_shape, strict=True):
        if count != 1:
            split.append(count)
            copies.append(len(split) - 1)
        split.append(size)
    return _sum_dims(reshape(grad, tuple(split)), tuple(copies)) if copies else grad


repeat_op = defop("repeat", "RepeatBackward0", "repeat", lambda a, repeats: np.tile(a, repeats),
                  a=rule("∂(a repeated)/∂a = Σ over the copies", _repeat_back))


def repeat(input: Tensor, *sizes: Any, repeats: Any = None) -> Tensor:
    """The tensor repeated ``sizes[i]`` times along each dimension (a copy; new leading dims if more sizes;
    ``repeats``: PyTorch's keyword for the sizes).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([1, 2]).repeat(2, 2)
    tensor([[1, 2, 1, 2],
            [1, 2, 1, 2]])
    """
    given = sizes if repeats is None else (repeats,)
    repeats = creation.whole_sizes("repeat", given[0] if len(given) == 1 and isinstance(given[0], (tuple, list)) else given, "repeats")
    shape = input._array.shape
    if len(repeats) < len(shape):
        raise messages.error("repeat_too_few")
    result = tuple(r * n for r, n in zip(repeats, (1,) * (len(repeats) - len(shape)) + shape, strict=True))
    if any(n < 0 for n in result):
        raise errors.negative_dimension(result)
    return repeat_op(input, repeats=repeats)


@export(method=True)
def tile(input: Tensor, dims: Any) -> Tensor:
    """``repeat``, with ones put in front of ``dims`` when it has fewer entries than the tensor has dimensions.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([[1, 2]]).tile((2,))
    tensor([[1, 2, 1, 2]])
    """
    repeats = _dims_list((dims,), "tile")
    return repeat(input, (1,) * (input._array.ndim - len(repeats)) + repeats)


@export(method=True)
def repeat_interleave(
    input: Tensor, repeats: Any = None, dim: int | None = None, *, output_size: int | None = None
) -> Tensor:
    """Each element (or slice along ``dim``) repeated ``repeats`` times in a row, unlike ``repeat``.

    ``torch.repeat_interleave(counts)`` alone gives ``0`` counts[0] times, ``1`` counts[1] times ...

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([1, 2]).repeat_interleave(2)
    tensor([1, 1, 2, 2])
    >>> torch.tensor([[1, 2], [3, 4]]).repeat_interleave(torch.tensor([1, 2]), dim=0)
    tensor([[1, 2],
            [3, 4],
            [3, 4]])
    """
    if repeats is None:  # the counts alone
        counts = input._array.reshape(-1)
        if counts.size and counts.min() < 0:
            raise messages.error("repeat_interleave_negative_tensor")
        return Tensor._wrap(np.repeat(np.arange(counts.size, dtype=np.int64), counts))
    if dim is None:
        input, dim = flatten(input), 0
    dim = normalize_dim(dim, input._array.ndim)
    shape = input._array.shape
    if isinstance(repeats, (int, np.integer)):
        if repeats < 0:
            raise messages.error("repeat_interleave_negative")
        # As PyTorch: unsqueeze, expand, copy, and a view with the two dims merged.
        spread = expand_op(unsqueeze_op(input, dim=dim + 1), shape=shape[: dim + 1] + (int(repeats),) + shape[dim + 1 :])
        return reshape(clone(spread), shape[:dim] + (shape[dim] * int(repeats),) + shape[dim + 1 :])
    counts = _index_array(repeats).reshape(-1)
    if counts.size == 1:
        counts = np.repeat(counts, shape[dim])
    if counts.size != shape[dim]:
        raise messages.error("repeat_interleave_size", count=counts.size, dim=dim, size=shape[dim])
    if counts.size and counts.min() < 0:
        raise messages.error("repeat_interleave_negative_tensor")
    return index_select_op(input, dim=dim, picks=np.repeat(np.arange(shape[dim]), counts))


def _distinct_dims(dims: tuple, ndim: int) -> tuple:
    dims = tuple(normalize_dim(d, ndim) for d in dims)
    for d in dims:
        if dims.count(d) > 1:
            raise messages.error("flip_repeated_dim", dim=d)
    return dims


flip_op = defop("flip", "FlipBackward0", "flip", lambda a, dims: np.flip(a, dims).copy() if a.ndim else a.copy(),
                a=rule("reverses the order along dims: the gradient is reversed back",
                       lambda grad, dims: flip_op(grad, dims=dims)))


@export(method=True)
def flip(input: Tensor, *dims: Any, **named: Any) -> Tensor:
    """The elements in reverse order along ``dims`` (a copy, not a view).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([[1, 2], [3, 4]]).flip(1)
    tensor([[2, 1],
            [4, 3]])
    """
    dims = dims or ((named.pop("dims"),) if "dims" in named else ())  # flip(x, dims=...) too
    for name in named:  # (flip(x, [0], out=r) as PyTorch refuses it: out was silently left empty)
        raise messages.error("unexpected_keyword", function="flip", name=name)
    if not dims:
        raise messages.error("flip_no_dims")
    return flip_op(input, dims=_distinct_dims(_dims_list(dims, "flip"), input._array.ndim))


@export(method=True)
def fliplr(input: Tensor) -> Tensor:
    """Reverse the columns (dimension 1).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([[1, 2], [3, 4]]).fliplr()
    tensor([[2, 1],
            [4, 3]])
    """
    if input._array.ndim < 2:
        raise messages.error("flip_too_few_dims", least=2)
    return flip_op(input, dims=(1,))


@export(method=True)
def flipud(input: Tensor) -> Tensor:
    """Reverse the rows (dimension 0).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([[1, 2], [3, 4]]).flipud()
    tensor([[3, 4],
            [1, 2]])
    """
    if input._array.ndim < 1:
        raise messages.error("flip_too_few_dims", least=1)
    return flip_op(input, dims=(0,))


def _negated(shifts: Any) -> Any:
    return -shifts if isinstance(shifts, int) else tuple(-s for s in shifts)


roll_op = defop("roll", "RollBackward0", "roll", lambda a, shifts, dims: np.roll(a, shifts, axis=dims),
                a=rule("shifts elements cyclically: the gradient is shifted back",
                       lambda grad, shifts, dims: roll_op(grad, shifts=_negated(shifts), dims=dims)))


@export(method=True)
def roll(input: Tensor, shifts: Any, dims: Any = None) -> Tensor:
    """Shift the elements cyclically by ``shifts`` along ``dims`` (of the flattened tensor if None).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([1, 2, 3, 4]).roll(1)
    tensor([4, 1, 2, 3])
    """
    shift_list = _dims_list((shifts,), "roll", "shifts")
    dim_list = () if dims is None else _dims_list((dims,), "roll")
    if dims is None and len(shift_list) == 1:
        return roll_op(input, shifts=shift_list[0], dims=None)
    if len(shift_list) != len(dim_list):
        raise messages.error("roll_mismatch", shifts=len(shift_list), dims=len(dim_list))
    ndim = input._array.ndim
    return roll_op(input, shifts=shift_list, dims=tuple(normalize_dim(d, ndim) for d in dim_list))


def _rot90_forward(a: np.ndarray, k: int, dims: tuple) -> np.ndarray:
    """``k`` quarter turns as PyTorch makes them (``k`` in 0..3): a flip (a copy laid out as ``a``), then, for an odd
    ``k``, a transpose of that copy, so the result is laid out as PyTorch's (``.view`` fails on it there too)."""
    dim0, dim1 = dims
    if k == 0:
        return a.copy(order="C")
    flipped = np.flip(a, (dim0, dim1) if k == 2 else dim1 if k == 1 else dim0).copy(order="K")
    return flipped if k == 2 else np.swapaxes(flipped, dim0, dim1)


rot90_op = defop("rot90", "Rot90Backward0", "rot90", _rot90_forward,
                 a=rule("turns by k quarter turns: the gradient is turned back",
                        lambda grad, k, dims: rot90_op(grad, k=-k % 4, dims=dims)))


@export(method=True)
def rot90(input: Tensor, k: int = 1, dims: Sequence[int] = (0, 1)) -> Tensor:
    """Turn by ``k`` quarter turns in the plane of ``dims``, from the first towards the second.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([[1, 2], [3, 4]]).rot90()
    tensor([[2, 4],
            [1, 3]])
    """
    dims = tuple(dims)
    ndim = input._array.ndim
    if len(dims) != 2:
        raise messages.error("rot90_dims_count", count=len(dims))
    if ndim < 2:
        raise messages.error("rot90_too_few_dims", ndim=ndim)
    dim0, dim1 = (normalize_dim(d, ndim) for d in dims)
    if dim0 == dim1:
        raise messages.error("rot90_same_dims", dim0=dim0, dim1=dim1)
    return rot90_op(input, k=int(k) % 4, dims=(dim0, dim1))


# -- triangles and diagonals (branch breadth_b) ----------------------------------------------------------


tril_op = defop("tril", "TrilBackward0", "tril", lambda a, diagonal: np.tril(a, diagonal),
                a=rule("keeps the lower triangle: so does the gradient", lambda grad, diagonal: tril_op(grad, diagonal=diagonal)))
triu_op = defop("triu", "TriuBackward0", "triu", lambda a, diagonal: np.triu(a, diagonal),
                a=rule("keeps the upper triangle: so does the gradient", lambda grad, diagonal: triu_op(grad, diagonal=diagonal)))


def _triangle(input: Tensor, op: Any, diagonal: int) -> Tensor:
    if input._array.ndim < 2:
        raise messages.error("triangle_too_few_dims", name=op.name)
    diagonal = as_index(diagonal)
    if not isinstance(diagonal, (int, np.integer)) or isinstance(diagonal, bool):
        raise messages.error("triangle_diagonal_type", name=op.name, type_name=type(diagonal).__name__)
    return op(input, diagonal=int(diagonal))


@export(method=True)
def tril(input: Tensor, diagonal: int = 0) -> Tensor:
    """The lower triangle of the last two dims (on and below ``diagonal``); zeros above.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.ones(3, 3).tril()
    tensor([[1., 0., 0.],
            [1., 1., 0.],
            [1., 1., 1.]])
    """
    return _triangle(input, tril_op, diagonal)


@export(method=True)
def triu(input: Tensor, diagonal: int = 0) -> Tensor:
    """The upper triangle of the last two dims (on and above ``diagonal``); zeros below.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.ones(3, 3).triu(1)
    tensor([[0., 1., 1.],
            [0., 0., 1.],
            [0., 0., 0.]])
    """
    return _triangle(input, triu_op, diagonal)


def _triangle_indices(lower: bool, row: int, col: int, offset: int, dtype: Any) -> Tensor:
    rows, cols = (np.tril_indices if lower else np.triu_indices)(row, offset, col)
    return Tensor._wrap(np.stack([rows, cols]).astype(dtype.numpy if dtype is not None else np.int64))


@export
def tril_indices(row: int, col: int, offset: int = 0, *, dtype: Any = None, device: Any = None) -> Tensor:
    """The positions (row indices, then column indices) of the lower triangle of a ``row`` × ``col`` matrix.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tril_indices(3, 3)
    tensor([[0, 1, 1, 2, 2, 2],
            [0, 0, 1, 0, 1, 2]])
    """
    return _triangle_indices(True, row, col, offset, dtype)


@export
def triu_indices(row: int, col: int, offset: int = 0, *, dtype: Any = None, device: Any = None) -> Tensor:
    """The positions (row indices, then column indices) of the upper triangle of a ``row`` × ``col`` matrix.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.triu_indices(3, 3, 1)
    tensor([[0, 0, 1],
            [1, 2, 2]])
    """
    return _triangle_indices(False, row, col, offset, dtype)


def _diagonal_forward(a: np.ndarray, offset: int, dim1: int, dim2: int) -> np.ndarray:
    """The diagonal as a writable view (NumPy's np.diagonal is read-only): ``dim1`` and ``dim2`` go, it comes last."""
    corner = [slice(None)] * a.ndim
    corner[dim2 if offset >= 0 else dim1] = slice(abs(offset), None)
    start = a[tuple(corner)]
    layout = np.diagonal(start, 0, dim1, dim2)
    return np.lib.stride_tricks.as_strided(start, layout.shape, layout.strides, writeable=start.flags.writeable)


def _diagonal_backward_forward(g: np.ndarray, shape: tuple, offset: int, dim1: int, dim2: int) -> np.ndarray:
    out = np.zeros(shape, dtype=g.dtype)
    _diagonal_forward(out, offset, dim1, dim2)[...] = g
    return out


def _embed_shape(a_shape: tuple, offset: int, dim1: int, dim2: int) -> tuple:
    """diag_embed's result: a's other dims in order, and the diagonal's two dims at dim1 and dim2."""
    shape = list(a_shape[:-1])
    for d in sorted((dim1, dim2)):
        shape.insert(d, (a_shape[-1] if a_shape else 1) + abs(offset))
    return tuple(shape)


def _diag_embed_forward(a: np.ndarray, offset: int, dim1: int, dim2: int) -> np.ndarray:
    return _diagonal_backward_forward(a, _embed_shape(a.shape, offset, dim1, dim2), offset, dim1, dim2)


_ON_DIAGONAL = rule("∂(diagonal of a)/∂a = 1 on the diagonal, 0 elsewhere",
                    lambda grad, a_shape, offset, dim1, dim2: diagonal_backward_op(grad, shape=a_shape, offset=offset, dim1=dim1, dim2=dim2))
diagonal_op = defop("diagonal", "DiagonalBackward0", "diag", _diagonal_forward, view=True, a=_ON_DIAGONAL)
diagonal_copy_op = defop("diagonal_copy", "DiagonalBackward0_copy", "diag",
                         lambda a, offset, dim1, dim2: _diagonal_forward(a, offset, dim1, dim2).copy(), a=_ON_DIAGONAL)
diagonal_backward_op = defop(  # the backward of diagonal, recorded (create_graph)
    "diagonal_backward", "DiagonalBackwardBackward0", "diag", _diagonal_backward_forward,
    a=rule("∂(g put on a diagonal of zeros)/∂g = the diagonal",
           lambda grad, offset, dim1, dim2: diagonal_op(grad, offset=offset, dim1=dim1, dim2=dim2)),
)
diag_embed_op = defop("diag_embed", "DiagEmbedBackward0", "diag", _diag_embed_forward,
                      a=rule("∂(a put on a diagonal of zeros)/∂a = the diagonal",
                             lambda grad, offset, dim1, dim2: diagonal_op(grad, offset=offset, dim1=dim1, dim2=dim2)))


def _diagonal_dims(ndim: int, dim1: int, dim2: int) -> tuple[int, int]:
    dim1, dim2 = normalize_dim(dim1, ndim), normalize_dim(dim2, ndim)
    if dim1 == dim2:
        raise messages.error("diagonal_same_dims", dim1=dim1, dim2=dim2)
    return dim1, dim2


@export(method=True)
def diagonal(input: Tensor, offset: int = 0, dim1: int = 0, dim2: int = 1) -> Tensor:
    """The diagonal of the plane of ``dim1`` and ``dim2`` (above it for ``offset`` > 0): a view.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.arange(9).view(3, 3).diagonal()
    tensor([0, 4, 8])
    """
    dim1, dim2 = _diagonal_dims(input._array.ndim, dim1, dim2)
    return diagonal_op(input, offset=int(offset), dim1=dim1, dim2=dim2)


@export(method=True)
def diag_embed(input: Tensor, offset: int = 0, dim1: int = -2, dim2: int = -1) -> Tensor:
    """Matrices (in ``dim1``, ``dim2``) with the last dimension of ``input`` on their diagonal, zeros elsewhere.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([[1, 2]]).diag_embed()
    tensor([[[1, 0],
             [0, 2]]])
    """
    dim1, dim2 = _diagonal_dims(input._array.ndim + 1, dim1, dim2)
    return diag_embed_op(input, offset=int(offset), dim1=dim1, dim2=dim2)


@export(method=True)
def diag(input: Tensor, diagonal: int = 0) -> Tensor:
    """A vector put on the diagonal of a square matrix, or a matrix's diagonal as a vector (a copy).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.diag(torch.tensor([1, 2]))
    tensor([[1, 0],
            [0, 2]])
    >>> torch.tensor([[1, 2], [3, 4]]).diag()
    tensor([1, 4])
    """
    ndim = input._array.ndim
    if ndim == 1:
        return diag_embed_op(input, offset=int(diagonal), dim1=0, dim2=1)
    if ndim == 2:
        return diagonal_copy_op(input, offset=int(diagonal), dim1=0, dim2=1)
    raise messages.error("diag_dims", ndim=ndim)


def _trace_back(grad: Any, a_shape: tuple) -> Any:
    """∂(trace a)/∂a = 1 on the main diagonal, 0 elsewhere: the gradient put at every (columns + 1)-th place."""
    rows, columns = a_shape
    length = min(rows, columns)
    places = (np.arange(length) * (columns + 1),)
    flat = index_put_zeros(np.zeros(rows * columns, dtype=values_of(grad).dtype), expand_op(grad, shape=(length,)), key=places)
    return reshape(flat, a_shape)


trace_op = defop("trace", "TraceBackward0", "tr", lambda a: np.trace(a).astype(a.dtype if a.dtype.kind == "f" else np.int64),
                 a=rule("∂(Σ aᵢᵢ)/∂a = 1 on the diagonal", _trace_back))


@export(method=True)
def trace(input: Tensor) -> Tensor:
    """The sum of the main diagonal of a matrix.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([[1.0, 2.0], [3.0, 4.0]]).trace()
    tensor(5.)
    """
    if input._array.ndim != 2:
        raise messages.error("trace_not_matrix", ndim=input._array.ndim)
    if input._array.dtype == np.bool_:
        raise messages.error("trace_bool")
    return trace_op(input)


def _tril_(self: Tensor, diagonal: int = 0) -> Tensor:
    """In-place version of ``tril``: zeros above the diagonal, in this tensor."""
    return _views.run_inplace(self, _triangle, tril_op, diagonal)


def _triu_(self: Tensor, diagonal: int = 0) -> Tensor:
    """In-place version of ``triu``: zeros below the diagonal, in this tensor."""
    return _views.run_inplace(self, _triangle, triu_op, diagonal)


methods({"repeat": repeat, "tril_": _tril_, "triu_": _triu_})


# -- memory layout: contiguous, strides, unfold, t_ (branch breadth_b) ------------------------------------


def _contiguous_forward(a: np.ndarray, fmt: Any = contiguous_format) -> np.ndarray:
    return laid_out(a, fmt)


contiguous_op = defop("contiguous", "CloneBackward0", "copy", _contiguous_forward,  # a copy in row-major order
                      a=rule("∂(copy of a)/∂a = 1", lambda grad: grad))  # (or another memory format)


def contiguous(self: Tensor, *, memory_format: Any = None) -> Tensor:
    """This tensor if its elements lie in row-major order in memory, else a copy that does (``CloneBackward0``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.zeros(2, 3)
    >>> x.contiguous() is x, x.t().is_contiguous(), x.t().contiguous().is_contiguous()
    (True, False, True)
    """
    if memory_format is None or memory_format is contiguous_format:
        return self if self._array.flags.c_contiguous else contiguous_op(self)
    if memory_format is preserve_format or is_laid_out(self._array, memory_format):
        return self
    return contiguous_op(self, fmt=memory_format)


def is_contiguous(self: Tensor, memory_format: Any = None) -> bool:
    """Whether the elements lie in row-major order in memory, without gaps (a transpose's do not).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.zeros(2, 3)
    >>> x.is_contiguous(), x.t().is_contiguous(), x[:, 1:].is_contiguous()
    (True, False, False)
    """
    if memory_format is None or memory_format is contiguous_format:
        return bool(self._array.flags.c_contiguous)
    return is_laid_out(self._array, memory_format)


def stride(self: Tensor, dim: int | None = None) -> tuple[int, ...] | int:
    """How many elements apart in memory the neighbours along each dimension are.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.zeros(2, 3)
    >>> x.stride(), x.t().stride(), x.stride(0)
    ((3, 1), (1, 3), 3)
    """
    array = self._array
    if array.size:
        steps = tuple(s // array.itemsize for s in array.strides)
    else:  # NumPy gives an empty array any strides; PyTorch row-major ones, counting a size 0 as 1
        steps = tuple(math.prod(max(n, 1) for n in array.shape[d + 1 :]) for d in range(array.ndim))
    return steps if dim is None else steps[normalize_dim(dim, len(steps))]


def storage_offset(self: Tensor) -> int:
    """How many elements into its memory this tensor's first element lies (a slice's may not be the first).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2, 3)[1].storage_offset()
    3
    """
    address = self._array.__array_interface__["data"][0]
    start = memory_root(self._array).__array_interface__["data"][0]
    return (address - start) // self._array.itemsize


def set_(
    self: Tensor,
    source: Tensor | TypedStorage | UntypedStorage | None = None,
    storage_offset: int = 0,
    size: Sequence[int] | None = None,
    stride: Sequence[int] | None = None,
) -> Tensor:
    """Make this tensor look into ``source``'s memory (a tensor's, or a storage's from ``storage_offset``, with
    ``size`` and ``stride`` in elements), or into none (``set_()``: empty); an in-place change.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> t, u = torch.zeros(2), torch.arange(3.0)
    >>> _ = t.set_(u)
    >>> u[0] = 5.0
    >>> t
    tensor([5., 1., 2.])
    """
    kind = self._array.dtype
    if isinstance(source, Tensor) and source._array.dtype != kind:
        raise messages.error(
            "set_dtype", source=errors.c_type_name(source._array.dtype), target=errors.c_type_name(kind)
        )
    requires_grad = _grad_mode.enabled and (self.requires_grad or (isinstance(source, Tensor) and source.requires_grad))
    _views.check_inplace(self, requires_grad)
    if requires_grad:
        raise messages.error("set_not_differentiable")  # (PyTorch's backward through it raises this)
    if source is None:
        array = np.empty(0, kind)
    elif isinstance(source, Tensor) and size is None:
        array = source._array.view()  # the same memory, seen as the source sees it
    else:
        flat = memory_root(source._array).ravel(order="K") if isinstance(source, Tensor) else source._flat
        flat = flat.view(kind) if flat.dtype != kind else flat
        shape = (flat.size - storage_offset,) if size is None else tuple(size)
        strides = None if stride is None else tuple(step * kind.itemsize for step in stride)  # (None: row by row)
        array = np.lib.stride_tricks.as_strided(flat[storage_offset:], shape, strides)
    self._array = array
    self._view = None  # (its own memory now, though shared: no longer a view of its old base)
    self._version_counter.bump()
    return self


def element_size(self: Tensor) -> int:
    """The size of one element in bytes (4 for float32, 8 for int64).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2).element_size(), torch.zeros(2, dtype=torch.int64).element_size()
    (4, 8)
    """
    return self._array.itemsize


def nelement(self: Tensor) -> int:
    """The number of elements (``numel()``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2, 3).nelement()
    6
    """
    return self._array.size


def _unfold_forward(a: np.ndarray, dim: int, size: int, step: int) -> np.ndarray:
    """Windows of ``size`` every ``step`` along ``dim``: a view, the window as a new last dimension."""
    if a.ndim == 0:
        return a.reshape(1)
    count = (a.shape[dim] - size) // step + 1
    shape = a.shape[:dim] + (count,) + a.shape[dim + 1 :] + (size,)
    strides = a.strides[:dim] + (a.strides[dim] * step,) + a.strides[dim + 1 :] + (a.strides[dim],)
    return np.lib.stride_tricks.as_strided(a, shape, strides, writeable=a.flags.writeable)


def _unfold_backward_forward(g: np.ndarray, shape: tuple, dim: int, size: int, step: int) -> np.ndarray:
    """Each window's gradient added back where the window was read (windows that overlap add up)."""
    out = np.zeros(shape, dtype=g.dtype)
    if not shape:
        return g.reshape(())
    count = g.shape[dim]
    for k in range(size):  # the k-th element of every window: one strided slice, no position twice
        out[(slice(None),) * dim + (slice(k, k + step * (count - 1) + 1, step),)] += g[..., k]
    return out


unfold_op = defop("unfold_windows", "UnfoldBackward0", "unfold", _unfold_forward, view=True,
                  a=rule("∂(windows of a)/∂a = each window's gradient added back where it was read",
                         lambda grad, a_shape, dim, size, step: unfold_backward_op(grad, shape=a_shape, dim=dim, size=size, step=step)))
unfold_backward_op = defop(  # the backward of unfold, recorded (create_graph)
    "unfold_windows_backward", "UnfoldBackwardBackward0", "unfold", _unfold_backward_forward,
    a=rule("∂(windows added back)/∂g = the windows again",
           lambda grad, dim, size, step: unfold_op(grad, dim=dim, size=size, step=step)),
)


def unfold(self: Tensor, dimension: int, size: int, step: int) -> Tensor:
    """Every window of ``size`` elements along ``dimension``, ``step`` apart, as a new last dimension: a view.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.arange(5.0).unfold(0, 2, 1)
    tensor([[0., 1.],
            [1., 2.],
            [2., 3.],
            [3., 4.]])
    """
    ndim = self._array.ndim
    dim = normalize_dim(dimension, ndim)
    length = self._array.shape[dim] if ndim else 1
    if size < 0:
        raise messages.error("unfold_negative_size", size=size)
    if size > length:
        raise messages.error("unfold_too_large", dim=dim, length=length, size=size)
    if step <= 0:
        raise messages.error("unfold_step", step=step)
    return unfold_op(self, dim=dim, size=int(size), step=int(step))


t_inplace_op = defop("t_", "TBackward1", "ᵀ", lambda a: a.T,
                     a=rule("transposes: the gradient is transposed back", lambda grad: t(grad)))


def t_(self: Tensor) -> Tensor:
    """Transpose this matrix in place (its memory stays; its shape and strides swap).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([[1, 2]]).t_()
    tensor([[1],
            [2]])
    """
    if self._array.ndim > 2:
        raise messages.error("t_inplace_dims", ndim=self._array.ndim)
    return _view_in_place(self, t_inplace_op, t_op, {})


def _view_in_place(self: Tensor, recorded: Any, view_op: Any, params: dict) -> Tensor:
    """``t_``, ``unsqueeze_``, ``squeeze_``: the tensor becomes ``view_op(self, **params)`` (same memory).

    Recorded, its node is ``recorded``'s (PyTorch's in-place node name), made
    from the tensor's history so far; a view stays a view, one step further
    from its base.
    """
    _views.check_inplace(self, self.requires_grad)
    if self.requires_grad and is_grad_enabled():
        self._grad_fn = recorded(self, **params)._grad_fn
    shape = self._array.shape
    self._array = view_op.forward(self._array, **params)
    self._version_counter.bump()
    if _grad_mode.forward_ad:  # the tangent changes shape with it
        _grad_mode.forward_ad_module.reshaped_in_place(self, view_op, params)
    info = self._view
    if info is not None:  # a view stays one: one more step from its base, and its node is current
        info.steps = (*info.steps, (view_op, params, shape))
        info.node_version = self._version_counter.value
    return self


# -- unsqueeze_ and squeeze_ (branch s5_en) -------------------------------------------------------------------


def _squeeze_dims(a: np.ndarray, dims: tuple) -> np.ndarray:
    """``a`` without those of ``dims`` that have size 1."""
    return np.squeeze(a, tuple(d for d in dims if a.shape[d] == 1))


def _unsqueeze_dims_rule(grad: Any, a_shape: tuple, dims: tuple) -> Any:
    """The axes of size 1 among ``dims`` put back."""
    return unsqueeze_to(grad, a_shape, dims)


unsqueeze_inplace_op = defop("unsqueeze_", "UnsqueezeBackward1", "unsqueeze", lambda a, dim: np.expand_dims(a, dim),
                             a=rule("adds an axis of size 1: the gradient drops it",
                                    lambda grad, dim: squeeze_dim_op(grad, dim=dim)))
squeeze_all_inplace_op = defop("squeeze_all_", "SqueezeBackward3", "squeeze", lambda a: np.squeeze(a),
                               a=rule("drops axes of size 1: the gradient gets them back",
                                      lambda grad, a_shape: unsqueeze_to(grad, a_shape)))
squeeze_dim_inplace_op = defop("squeeze_dim_", "SqueezeBackward4", "squeeze", _squeeze_dims,
                               a=rule("drops an axis of size 1: the gradient gets it back", _unsqueeze_dims_rule))
squeeze_dims_inplace_op = defop("squeeze_dims_", "SqueezeBackward5", "squeeze", _squeeze_dims,
                                a=rule("drops axes of size 1: the gradient gets them back", _unsqueeze_dims_rule))


def unsqueeze_(self: Tensor, dim: int) -> Tensor:
    """Insert a dimension of size 1 at ``dim``, in place (the memory stays; the shape changes).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.zeros(3, 2)
    >>> x.unsqueeze_(0).shape, x.shape
    (torch.Size([1, 3, 2]), torch.Size([1, 3, 2]))
    """
    params = {"dim": normalize_dim(dim, self._array.ndim + 1)}
    return _view_in_place(self, unsqueeze_inplace_op, unsqueeze_op, params)


def squeeze_(self: Tensor, dim: int | Sequence[int] | None = None) -> Tensor:
    """Remove dimensions of size 1 (all, ``dim``, or those in a tuple ``dim``) in place.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.zeros(1, 3, 1)
    >>> x.squeeze_(0).shape, x.squeeze_().shape
    (torch.Size([3, 1]), torch.Size([3]))
    """
    if dim is None:
        return _view_in_place(self, squeeze_all_inplace_op, squeeze_op, {})
    ndim = self._array.ndim
    if isinstance(dim, int):
        params = {"dims": (normalize_dim(dim, ndim),) if ndim else ()}
        return _view_in_place(self, squeeze_dim_inplace_op, squeeze_inplace_op, params)
    params = {"dims": _squeezed_dims(dim, ndim)}
    return _view_in_place(self, squeeze_dims_inplace_op, squeeze_inplace_op, params)


# -- transpose_ (branch s11_packed: nn.utils.rnn.unpad_sequence transposes its input in place, as PyTorch's does) --


transpose_inplace_op = defop("transpose_", "TransposeBackward1", "ᵀ",
                             lambda a, dim0, dim1: np.swapaxes(a, dim0, dim1) if a.ndim else a.view(),
                             a=rule("swaps two axes: the gradient swaps them back",
                                    lambda grad, dim0, dim1: transpose(grad, dim0, dim1)))


def transpose_(self: Tensor, dim0: int, dim1: int) -> Tensor:
    """Swap dimensions ``dim0`` and ``dim1`` in place (the memory stays; the shape and strides swap).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.zeros(3, 2)
    >>> x.transpose_(0, 1).shape, x.shape
    (torch.Size([2, 3]), torch.Size([2, 3]))
    """
    ndim = self._array.ndim
    params = {"dim0": normalize_dim(dim0, ndim), "dim1": normalize_dim(dim1, ndim)}
    return _view_in_place(self, transpose_inplace_op, transpose_op, params)


methods({
    "contiguous": contiguous, "is_contiguous": is_contiguous, "stride": stride, "storage_offset": storage_offset, "storage": storage,
    "untyped_storage": untyped_storage, "set_": set_,
    "element_size": element_size, "nelement": nelement, "unfold": unfold, "t_": t_,
    "unsqueeze_": unsqueeze_, "squeeze_": squeeze_, "transpose_": transpose_,
})


# -- grids, blocks, moving dims (branch breadth_b) ---------------------------------------------------------


def _tensor_list(tensors: tuple) -> list:
    """Tensors given as ``f(a, b)`` or ``f([a, b])``."""
    return list(tensors[0]) if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)) else list(tensors)


@export
def meshgrid(*tensors: Tensor, indexing: str | None = None) -> tuple[Tensor, ...]:
    """Coordinate grids from 1-D tensors: each repeated along the other tensors' dimensions (views).

    ``indexing="ij"``: the first tensor runs along dimension 0 (rows);
    ``"xy"``: along dimension 1 (columns), as in NumPy and Matplotlib.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> rows, cols = torch.meshgrid(torch.tensor([1, 2]), torch.tensor([7, 8, 9]), indexing="ij")
    >>> rows
    tensor([[1, 1, 1],
            [2, 2, 2]])
    >>> cols
    tensor([[7, 8, 9],
            [7, 8, 9]])
    """
    tensors = _tensor_list(tensors)
    if indexing is None:
        warnings.warn(messages.text("meshgrid_indexing_missing"), UserWarning, stacklevel=2)
        indexing = "ij"
    if indexing not in ("ij", "xy"):
        raise messages.error("meshgrid_indexing", indexing=indexing)
    for tensor in tensors:
        if tensor._array.ndim > 1:
            raise messages.error("meshgrid_dims", tensor=repr(tensor))
        if tensor._array.dtype != tensors[0]._array.dtype:
            raise messages.error("meshgrid_dtypes")
    swap = indexing == "xy" and len(tensors) >= 2  # PyTorch: "ij" of the first two swapped, then swapped back
    if swap:
        tensors[0], tensors[1] = tensors[1], tensors[0]
    shape = tuple(tensor._array.size for tensor in tensors)
    grids = []
    for i, tensor in enumerate(tensors):
        line = reshape(tensor, tuple(-1 if d == i else 1 for d in range(len(shape))))
        grids.append(expand_op(line, shape=shape))
    if swap:
        grids[0], grids[1] = grids[1], grids[0]
    return tuple(grids)


@export
def cartesian_prod(*tensors: Tensor) -> Tensor:
    """Every combination of one element from each 1-D tensor, one combination per row.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.cartesian_prod(torch.tensor([1, 2]), torch.tensor([3, 4]))
    tensor([[1, 3],
            [1, 4],
            [2, 3],
            [2, 4]])
    """
    for tensor in tensors:
        if tensor._array.ndim != 1:
            raise messages.error("cartesian_prod_dims", shape=list(tensor._array.shape))
    if len(tensors) == 1:
        return tensors[0]
    return stack([flatten(grid) for grid in meshgrid(*tensors, indexing="ij")], dim=1)


def _as_block(shape: tuple) -> tuple:
    """A block's shape in block_diag: a number is 1×1, a vector one row."""
    return (1,) * (2 - len(shape)) + tuple(shape)


def _block_diag_forward(*arrays: np.ndarray) -> np.ndarray:
    blocks = [a.reshape(_as_block(a.shape)) for a in arrays]
    out = np.zeros((sum(b.shape[0] for b in blocks), sum(b.shape[1] for b in blocks)), np.result_type(*arrays))
    row = col = 0
    for b in blocks:
        out[row : row + b.shape[0], col : col + b.shape[1]] = b
        row, col = row + b.shape[0], col + b.shape[1]
    return out


def _block_back(grad: Any, index: int, shapes: tuple) -> Any:
    """∂(block_diag)/∂(block i): the gradient on block i's place."""
    blocks = [_as_block(s) for s in shapes]
    row, col = sum(b[0] for b in blocks[:index]), sum(b[1] for b in blocks[:index])
    height, width = blocks[index]
    piece = slice_op(grad, key=(slice(row, row + height), slice(col, col + width)))
    return reshape(piece, shapes[index])


block_diag_op = defop("block_diag", "BlockDiagBackward0", "blocks", _block_diag_forward, variadic=True, promotes=True,
                      a=rule("∂(block_diag)/∂(block i) = 1 on its block", _block_back))


@export
def block_diag(*tensors: Tensor) -> Tensor:
    """The tensors as blocks down the diagonal of one matrix, zeros elsewhere (a vector is a row).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.block_diag(torch.tensor([[1, 2]]), torch.tensor(3))
    tensor([[1, 2, 0],
            [0, 0, 3]])
    """
    for index, tensor in enumerate(tensors):
        if tensor._array.ndim > 2:
            raise messages.error("block_diag_dims", index=index, ndim=tensor._array.ndim)
    if not tensors:
        return Tensor._wrap(np.zeros((1, 0), dtype=default_float().numpy))
    return block_diag_op(*tensors)


def _as_dims(dims: Any) -> tuple:
    dims = as_index(dims)
    return (int(dims),) if isinstance(dims, (int, np.integer)) else tuple(int(d) for d in dims)


@export(method=True)
def movedim(input: Tensor, source: Any, destination: Any) -> Tensor:
    """Move dimensions ``source`` to positions ``destination``; the others keep their order (a view).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2, 3, 4).movedim(0, -1).shape
    torch.Size([3, 4, 2])
    """
    ndim = input._array.ndim
    sources, destinations = _as_dims(source), _as_dims(destination)
    if len(sources) != len(destinations):
        raise messages.error("movedim_count", source=list(sources), destination=list(destinations))
    sources = tuple(normalize_dim(d, ndim) for d in sources)
    destinations = tuple(normalize_dim(d, ndim) for d in destinations)
    for which, dims in (("source", sources), ("destination", destinations)):
        if len(set(dims)) != len(dims):
            raise messages.error("movedim_repeated", which=which, dims=list(dims))
    rest = iter(d for d in range(ndim) if d not in sources)
    placed = dict(zip(destinations, sources, strict=True))
    return permute_op(input, dims=tuple(placed[d] if d in placed else next(rest) for d in range(ndim)))


@export(method=True)
def moveaxis(input: Tensor, source: Any, destination: Any) -> Tensor:
    """NumPy's name for :func:`movedim`.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2, 3).moveaxis(1, 0).shape
    torch.Size([3, 2])
    """
    return movedim(input, source, destination)


@export(method=True)
def swapaxes(input: Tensor, axis0: int, axis1: int) -> Tensor:
    """NumPy's name for :func:`transpose`.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2, 3).swapaxes(0, 1).shape
    torch.Size([3, 2])
    """
    return transpose(input, axis0, axis1)


@export(method=True)
def swapdims(input: Tensor, dim0: int, dim1: int) -> Tensor:
    """Another name for :func:`transpose`.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2, 3).swapdims(0, 1).shape
    torch.Size([3, 2])
    """
    return transpose(input, dim0, dim1)


@export(method=True)
def unflatten(input: Tensor, dim: int, sizes: Sequence[int]) -> Tensor:
    """Split dimension ``dim`` into several of ``sizes`` (one may be -1): a view.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2, 6).unflatten(1, (2, 3)).shape
    torch.Size([2, 2, 3])
    """
    shape = input._array.shape
    dim = normalize_dim(dim, len(shape))
    sizes = [int(n) for n in sizes]
    if not sizes:
        raise messages.error("unflatten_empty")
    known = math.prod(n for n in sizes if n != -1)
    if sizes.count(-1) == 1 and known and shape[dim] % known == 0:
        sizes = [shape[dim] // known if n == -1 else n for n in sizes]
    if math.prod(sizes) != shape[dim] or any(n < 0 for n in sizes):
        raise messages.error("unflatten_sizes", sizes=sizes, dim=dim, size=shape[dim])
    return view_op(input, shape=shape[:dim] + tuple(sizes) + shape[dim + 1 :])


# -- new tensors like this one (branch breadth_b) ---------------------------------------------------------


def _new(self: Tensor, make: Any, size: tuple, dtype: Any, requires_grad: bool, **kwargs: Any) -> Tensor:
    """A new tensor from ``make`` (zeros, ones ...), with this tensor's dtype unless ``dtype`` says otherwise."""
    return getattr(creation, make)(*size, dtype=dtype or self.dtype, requires_grad=requires_grad, **kwargs)


def new_zeros(
    self: Tensor, *dims: Any, size: Any = None, dtype: Any = None, device: Any = None, requires_grad: bool = False
) -> Tensor:
    """Zeros of ``size``, with this tensor's dtype (and device).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([1, 2]).new_zeros(2, 2)
    tensor([[0, 0],
            [0, 0]])
    """
    return _new(self, "zeros", dims if size is None else (size,), dtype, requires_grad, device=device)


def new_ones(
    self: Tensor, *dims: Any, size: Any = None, dtype: Any = None, device: Any = None, requires_grad: bool = False
) -> Tensor:
    """Ones of ``size``, with this tensor's dtype (and device).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(1, dtype=torch.float64).new_ones(2)
    tensor([1., 1.], dtype=torch.float64)
    """
    return _new(self, "ones", dims if size is None else (size,), dtype, requires_grad, device=device)


def new_empty(
    self: Tensor, *dims: Any, size: Any = None, dtype: Any = None, device: Any = None, requires_grad: bool = False
) -> Tensor:
    """A tensor of ``size`` with this tensor's dtype (zeros here, for reproducibility).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(1).new_empty(2, 3).shape
    torch.Size([2, 3])
    """
    return _new(self, "empty", dims if size is None else (size,), dtype, requires_grad, device=device)


def new_full(
    self: Tensor, size: Sequence[int], fill_value: Any, *, dtype: Any = None, device: Any = None, requires_grad: bool = False
) -> Tensor:
    """``fill_value`` in a tensor of ``size``, with this tensor's dtype (and device).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([1, 2]).new_full((3,), 7)
    tensor([7, 7, 7])
    """
    if not isinstance(size, (tuple, list)):
        raise messages.error("new_full_size", type_name=type(size).__name__)
    return _new(self, "full", (tuple(size), fill_value), dtype, requires_grad, device=device)


def new_tensor(self: Tensor, data: Any, dtype: Any = None, device: Any = None, requires_grad: bool = False) -> Tensor:
    """A copy of ``data`` as a tensor with this tensor's dtype (and device), unless ``dtype`` says otherwise.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(1).new_tensor([1, 2])
    tensor([1., 2.])
    """
    if isinstance(data, Tensor):
        messages.warn("new_tensor_from_tensor")
        data = data._array
    return _new(self, "tensor", (data,), dtype, requires_grad, device=device)


def new(self: Tensor, *args: Any) -> Tensor:
    """PyTorch's legacy ``x.new(...)``: ``torch.Tensor(...)`` with this tensor's dtype.

    Numbers give a shape (zeros here, for reproducibility; PyTorch leaves them
    uninitialised), a list gives the values, nothing gives an empty tensor.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([1, 2]).new([3.7, 4])
    tensor([3, 4])
    >>> torch.zeros(1, dtype=torch.float64).new(2, 3).shape
    torch.Size([2, 3])
    """
    return creation.new_tensor(creation.legacy_array(args, self.dtype))


methods({
    "new_zeros": new_zeros, "new_ones": new_ones, "new_empty": new_empty, "new_full": new_full,
    "new_tensor": new_tensor, "new": new,
})


# -- broadcasting, stacking and splitting helpers (branch more_g) ------------------------------------


@export
def broadcast_shapes(*shapes: Any) -> Any:
    """The shape that tensors of these shapes broadcast to (a number is a 1-d shape).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.broadcast_shapes((3,), (2, 1))
    torch.Size([2, 3])
    """
    from .._dtype import Size

    result: list[int] = []
    for index, shape in enumerate(shapes):
        shape = (int(shape),) if isinstance(shape, (int, np.integer)) else tuple(int(n) for n in shape)
        result = [1] * (len(shape) - len(result)) + result
        for back, n in enumerate(reversed(shape), start=1):
            if n != 1 and result[-back] not in (1, n):
                raise messages.error(
                    "broadcast_shapes_mismatch",
                    size=n,
                    dim=-back,
                    index=index,
                    shape=shape,
                    expected=list(result),
                )
            result[-back] = n if n != 1 else result[-back]
    return Size(result)


@export
def broadcast_to(input: Tensor, size: Sequence[int]) -> Tensor:
    """``input`` expanded to ``size`` (``-1`` keeps a size): a view, as ``expand``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.broadcast_to(torch.tensor([1, 2]), (2, 2))
    tensor([[1, 2],
            [1, 2]])
    """
    return expand(input, tuple(size))


def _broadcast_to_method(self: Tensor, *size: Any) -> Tensor:
    """``x.broadcast_to(2, 3)`` or ``x.broadcast_to((2, 3))``."""
    return broadcast_to(self, size[0] if len(size) == 1 and isinstance(size[0], (tuple, list)) else size)


methods({"broadcast_to": _broadcast_to_method})


@export
def broadcast_tensors(*tensors: Tensor) -> tuple[Tensor, ...]:
    """The tensors expanded to their common shape (a tensor already of that shape is returned as it is).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.broadcast_tensors(torch.tensor([1, 2]), torch.tensor([[0], [1]]))[1]
    tensor([[0, 0],
            [1, 1]])
    """
    shape: tuple = ()
    for t_ in tensors:
        try:
            shape = np.broadcast_shapes(shape, t_._array.shape)
        except ValueError:
            raise errors.broadcast_shapes(shape, t_._array.shape) from None
    return tuple(t_ if t_._array.shape == shape else expand_op(t_, shape=shape) for t_ in tensors)


def _atleast(tensors: tuple, promote: Any) -> Any:
    """``promote`` applied to one tensor, or to each of several (given apart or as one list)."""
    if len(tensors) == 1 and isinstance(tensors[0], Tensor):
        return promote(tensors[0])
    items = tensors[0] if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)) else tensors
    for item in items:
        if not isinstance(item, Tensor):
            raise messages.error(
                "atleast_not_tensor", name=promote.__name__[1:], type_name=messages.type_name(item)
            )
    return tuple(promote(item) for item in items)


def _atleast_1d(t_: Tensor) -> Tensor:
    return reshape_op(t_, shape=(1,)) if t_._array.ndim == 0 else t_


def _atleast_2d(t_: Tensor) -> Tensor:
    ndim = t_._array.ndim
    return reshape_op(t_, shape=(1, 1)) if ndim == 0 else unsqueeze_op(t_, dim=0) if ndim == 1 else t_


def _atleast_3d(t_: Tensor) -> Tensor:
    ndim = t_._array.ndim
    if ndim == 0:
        return reshape_op(t_, shape=(1, 1, 1))
    if ndim == 1:
        return unsqueeze_op(unsqueeze_op(t_, dim=0), dim=2)
    return unsqueeze_op(t_, dim=2) if ndim == 2 else t_


@export
def atleast_1d(*tensors: Any) -> Any:
    """Each tensor with at least one dimension (a 0-d tensor becomes shape ``(1,)``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.atleast_1d(torch.tensor(1.0))
    tensor([1.])
    """
    return _atleast(tensors, _atleast_1d)


@export
def atleast_2d(*tensors: Any) -> Any:
    """Each tensor with at least two dimensions (a vector becomes one row).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.atleast_2d(torch.tensor([1, 2]))
    tensor([[1, 2]])
    """
    return _atleast(tensors, _atleast_2d)


@export
def atleast_3d(*tensors: Any) -> Any:
    """Each tensor with at least three dimensions (a vector of n becomes shape ``(1, n, 1)``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.atleast_3d(torch.tensor([1, 2])).shape
    torch.Size([1, 2, 1])
    """
    return _atleast(tensors, _atleast_3d)


def _stacked(name: str, tensors: Sequence[Tensor], promote: Any, dim: Any) -> Tensor:
    """cat of the promoted tensors along ``dim`` (a function of the first promoted tensor's ndim)."""
    if isinstance(tensors, Tensor):
        raise messages.error("stack_list_not_tensor", name=name)
    if not len(tensors):
        raise messages.error("stack_list_empty", name=name)
    tensors = _only_tensors(tensors, name)
    promoted = _atleast(tuple(tensors), promote) if len(tensors) > 1 else (promote(tensors[0]),)
    return cat(promoted, dim(promoted[0]._array.ndim))


@export
def hstack(tensors: Sequence[Tensor]) -> Tensor:
    """Join side by side: along dimension 0 for vectors, 1 otherwise.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.hstack([torch.tensor([1, 2]), torch.tensor([3])])
    tensor([1, 2, 3])
    """
    return _stacked("hstack", tensors, _atleast_1d, lambda ndim: 0 if ndim == 1 else 1)


@export
def vstack(tensors: Sequence[Tensor]) -> Tensor:
    """Join one under another: vectors become rows, then joined along dimension 0.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.vstack([torch.tensor([1, 2]), torch.tensor([3, 4])])
    tensor([[1, 2],
            [3, 4]])
    """
    return _stacked("vstack", tensors, _atleast_2d, lambda ndim: 0)


@export
def row_stack(tensors: Sequence[Tensor]) -> Tensor:
    """Another name of ``vstack``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.row_stack([torch.tensor([1, 2]), torch.tensor([3, 4])]).shape
    torch.Size([2, 2])
    """
    return _stacked("vstack", tensors, _atleast_2d, lambda ndim: 0)


@export
def dstack(tensors: Sequence[Tensor]) -> Tensor:
    """Join in depth: each tensor made at least 3-d, then joined along dimension 2.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.dstack([torch.tensor([1, 2]), torch.tensor([3, 4])])
    tensor([[[1, 3],
             [2, 4]]])
    """
    return _stacked("dstack", tensors, _atleast_3d, lambda ndim: 2)


def _as_column(t_: Tensor) -> Tensor:
    return reshape_op(t_, shape=(t_._array.size, 1)) if t_._array.ndim <= 1 else t_


@export
def column_stack(tensors: Sequence[Tensor]) -> Tensor:
    """Join as columns: vectors (and numbers) become columns, then joined along dimension 1.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.column_stack([torch.tensor([1, 2]), torch.tensor([3, 4])])
    tensor([[1, 3],
            [2, 4]])
    """
    return _stacked("column_stack", tensors, _as_column, lambda ndim: 1)


@export(method=True)
def tensor_split(input: Tensor, indices_or_sections: Any, dim: int = 0) -> tuple[Tensor, ...]:
    """Views of ``input`` cut into ``sections`` nearly equal pieces, or cut before each of ``indices``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor_split(torch.arange(5), 2)
    (tensor([0, 1, 2]), tensor([3, 4]))
    >>> torch.arange(5).tensor_split([1, 4])
    (tensor([0]), tensor([1, 2, 3]), tensor([4]))
    """
    _require_tensor("tensor_split", input)
    if input._array.ndim == 0:
        raise messages.error("tensor_split_0d", ndim=0)
    dim = normalize_dim(dim, input._array.ndim)
    length = input._array.shape[dim]
    cuts = values_of(indices_or_sections)
    if isinstance(cuts, (float, np.floating)):
        raise messages.error("tensor_split_argument", type_name=type(cuts).__name__)
    if isinstance(cuts, (int, np.integer)) or (isinstance(cuts, np.ndarray) and cuts.ndim == 0):
        sections = int(cuts)
        if sections <= 0:
            raise messages.error("tensor_split_sections", sections=sections)
        sizes = [length // sections + (i < length % sections) for i in range(sections)]
        cuts = np.cumsum(sizes)[:-1]
    bounds = [0, *(int(c) for c in np.ravel(cuts)), None]
    prefix = (slice(None),) * dim
    return tuple(
        slice_op(input, key=prefix + (slice(a, b),)) for a, b in zip(bounds, bounds[1:], strict=False)
    )


def _require_tensor(function: str, input: Any) -> None:
    if not isinstance(input, Tensor):
        raise messages.error("input_not_tensor", function=function, type_name=messages.type_name(input))


def _directional_split(name: str, input: Tensor, indices_or_sections: Any, dim: int, least: int) -> tuple:
    _require_tensor(name, input)
    ndim = input._array.ndim
    if ndim < least:
        raise messages.error("directional_split_ndim", name=name, least=least, ndim=ndim)
    if isinstance(indices_or_sections, (int, np.integer)):
        size = input._array.shape[dim]
        if indices_or_sections == 0 or size % indices_or_sections:
            raise messages.error(
                "directional_split_divisible", name=name, dim=dim, size=size, sections=indices_or_sections
            )
    return tensor_split(input, indices_or_sections, dim)


@export(method=True)
def hsplit(input: Tensor, indices_or_sections: Any) -> tuple[Tensor, ...]:
    """``tensor_split`` along dimension 1 (0 for a vector); a number of sections must divide evenly.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.hsplit(torch.arange(4), 2)
    (tensor([0, 1]), tensor([2, 3]))
    """
    dim = 0 if np.ndim(input) == 1 else 1
    return _directional_split("hsplit", input, indices_or_sections, dim, 1)


@export(method=True)
def vsplit(input: Tensor, indices_or_sections: Any) -> tuple[Tensor, ...]:
    """``tensor_split`` along dimension 0 of a tensor of at least 2 dimensions.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.vsplit(torch.arange(4).view(2, 2), 2)
    (tensor([[0, 1]]), tensor([[2, 3]]))
    """
    return _directional_split("vsplit", input, indices_or_sections, 0, 2)


@export(method=True)
def dsplit(input: Tensor, indices_or_sections: Any) -> tuple[Tensor, ...]:
    """``tensor_split`` along dimension 2 of a tensor of at least 3 dimensions.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.dsplit(torch.arange(4).view(1, 2, 2), 2)[0].shape
    torch.Size([1, 2, 1])
    """
    return _directional_split("dsplit", input, indices_or_sections, 2, 3)


@export(method=True)
def ravel(input: Tensor) -> Tensor:
    """All elements in one dimension: a view when ``input`` is contiguous, else a contiguous copy.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([[1, 2], [3, 4]]).ravel()
    tensor([1, 2, 3, 4])
    """
    _require_tensor("ravel", input)
    return reshape_op(contiguous(input), shape=(input._array.size,))


# -- sizes, flags and addresses: nbytes, itemsize, is_signed, is_nonzero ... (branch s12_methods) ------------


def _nbytes(self: Tensor) -> int:
    """The bytes the elements take: ``numel() * itemsize`` (a view's own elements, not its base's).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2, 3).nbytes, torch.zeros(2, 3)[:, :2].nbytes
    (24, 16)
    """
    return self._array.size * self._array.itemsize


def _itemsize(self: Tensor) -> int:
    """The size of one element in bytes: :meth:`element_size` as a property (NumPy's name).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2).itemsize, torch.zeros(2, dtype=torch.int16).itemsize
    (4, 2)
    """
    return self._array.itemsize


def ndimension(self: Tensor) -> int:
    """The number of dimensions: ``dim()`` under its older name.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2, 3).ndimension()
    2
    """
    return self._array.ndim


def _is_cpu(self: Tensor) -> bool:
    """Whether the tensor's values are in the CPU's memory: every tensor but a ``meta`` one (which has none).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2).is_cpu, torch.zeros(2, device="meta").is_cpu
    (True, False)
    """
    return not self.is_meta


def data_ptr(self: Tensor) -> int:
    """The address of the first element in memory (0 for a ``meta`` tensor): views of one tensor share
    memory, so ``x[1:].data_ptr() - x.data_ptr()`` is one element's size.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.zeros(2, 3)
    >>> x[1].data_ptr() - x.data_ptr(), x.view(6).data_ptr() == x.data_ptr()
    (12, True)
    """
    if self.is_meta:
        return 0
    return self._array.__array_interface__["data"][0]


def is_signed(input: Tensor) -> bool:
    """Whether the dtype has a sign: floats and signed integers; not bool or uint8.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2).is_signed(), torch.zeros(2, dtype=torch.uint8).is_signed()
    (True, False)
    """
    return input._array.dtype.kind in "fic"


def is_complex(input: Tensor) -> bool:
    """Whether the dtype is complex: never here (autograd_lab has no complex dtypes).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2).is_complex()
    False
    """
    return input._array.dtype.kind == "c"


def is_nonzero(input: Tensor) -> bool:
    """Whether the tensor's one element is not 0 (PyTorch's error for no element or several).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([0.0]).is_nonzero(), torch.tensor(2).is_nonzero()
    (False, True)
    """
    return bool(input)


def is_same_size(input: Tensor, other: Tensor) -> bool:
    """Whether ``other`` has the same shape.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2, 3).is_same_size(torch.ones(2, 3))
    True
    """
    if not isinstance(other, Tensor):
        raise messages.error(
            "compare_not_tensor", function="is_same_size", name="other", position=1, type_name=messages.type_name(other)
        )
    return input._array.shape == other._array.shape


methods({
    "nbytes": property(_nbytes), "itemsize": property(_itemsize), "ndimension": ndimension,
    "is_cpu": property(_is_cpu), "data_ptr": data_ptr, "is_signed": is_signed, "is_complex": is_complex,
    "is_nonzero": is_nonzero, "is_same_size": is_same_size,
})


# -- narrow_copy, split_with_sizes, diagflat, new_empty_strided, the *_scatter ops (branch s12_methods) --------

narrow_copy_op = defop(
    "narrow_copy", "NarrowCopyBackward0", "[a:b]", lambda a, key: a[key].copy(),
    a=rule("∂(a[i:j])/∂a = 1 on the slice, 0 elsewhere",
           lambda grad, a_shape, key: _scattered(slice_backward, grad, a_shape, key)),
)  # fmt: skip


@export(method=True)
def narrow_copy(input: Tensor, dim: int, start: int, length: int) -> Tensor:
    """:func:`narrow` as a new tensor (a copy, not a view).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.narrow_copy(torch.arange(6).view(2, 3), 1, 1, 2)
    tensor([[1, 2],
            [4, 5]])
    """
    return narrow_copy_op(input, key=_narrowed(input, dim, start, length, copy=True))


@export(method=True)
def split_with_sizes(input: Tensor, split_sizes: Sequence[int], dim: int = 0) -> tuple[Tensor, ...]:
    """Pieces of the sizes listed along ``dim`` (:func:`split` with a list).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.arange(5).split_with_sizes([2, 3])
    (tensor([0, 1]), tensor([2, 3, 4]))
    """
    return split(input, list(split_sizes), dim)


@export(method=True)
def diagflat(input: Tensor, offset: int = 0) -> Tensor:
    """A square matrix with the flattened ``input`` on its diagonal (above it for ``offset`` > 0), zeros elsewhere.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.diagflat(torch.tensor([[1, 2]]), 1)
    tensor([[0, 1, 0],
            [0, 0, 2],
            [0, 0, 0]])
    """
    return diag_embed(reshape(input, -1), offset)


def new_empty_strided(
    self: Tensor,
    size: Sequence[int],
    stride: Sequence[int],
    dtype: Any = None,
    device: Any = None,
    requires_grad: bool = False,
) -> Tensor:
    """A tensor of ``size`` laid out with ``stride`` in new memory, this tensor's dtype unless ``dtype``
    says otherwise (zeros here, for reproducibility).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(1).new_empty_strided((2, 3), (1, 2)).stride()
    (1, 2)
    """
    made = creation.zeros(1, dtype=dtype or self.dtype, device=device)
    array = made._array
    extent = 1 + sum((n - 1) * s for n, s in zip(size, stride, strict=True)) if all(size) else 0
    memory = np.zeros(extent, array.dtype)
    strided = np.lib.stride_tricks.as_strided(memory, tuple(size), tuple(s * array.itemsize for s in stride))
    made._array = strided if type(array) is np.ndarray else strided.view(type(array))
    return made.requires_grad_(requires_grad)


def _scattered_into(a: np.ndarray, b: np.ndarray, key: Any) -> np.ndarray:
    """A copy of ``a`` with ``b`` written at ``key`` (in a's dtype)."""
    out = a.copy()
    out[key] = b
    return out


def _diagonal_scattered_into(a: np.ndarray, b: np.ndarray, offset: int, dim1: int, dim2: int) -> np.ndarray:
    out = a.copy()
    _diagonal_forward(out, offset, dim1, dim2)[...] = b
    return out


def _zeros_at(grad: Any, key: Any) -> Any:
    """The gradient with 0 at ``key``: the elements a scatter wrote over (recorded when grad is a tensor)."""
    at = values_of(grad)[key]
    return slice_scatter_op(grad, np.zeros(np.shape(at), values_of(grad).dtype), key=key)


slice_scatter_op = defop(
    "slice_scatter", "SliceScatterBackward0", "scatter", _scattered_into,
    a=rule("∂/∂a = 1 outside the slice, 0 on it", _zeros_at),
    b=rule("∂/∂src = the gradient on the slice", lambda grad, key: slice_op(grad, key=key)),
)
select_scatter_op = defop(
    "select_scatter", "SelectScatterBackward0", "scatter", _scattered_into,
    a=rule("∂/∂a = 1 outside the index, 0 at it", _zeros_at),
    b=rule("∂/∂src = the gradient at the index", lambda grad, key: select_op(grad, key=key)),
)
diagonal_scatter_op = defop(
    "diagonal_scatter", "DiagonalScatterBackward0", "scatter", _diagonal_scattered_into,
    a=rule("∂/∂a = 1 off the diagonal, 0 on it",
           lambda grad, offset, dim1, dim2: diagonal_scatter_op(
               grad, np.zeros(np.shape(_diagonal_forward(values_of(grad), offset, dim1, dim2)), values_of(grad).dtype),
               offset=offset, dim1=dim1, dim2=dim2)),
    b=rule("∂/∂src = the gradient's diagonal",
           lambda grad, offset, dim1, dim2: diagonal_op(grad, offset=offset, dim1=dim1, dim2=dim2)),
)  # fmt: skip
for _op in (slice_scatter_op, select_scatter_op, diagonal_scatter_op):
    _op.saved_rule_names = {"self": "a", "src": "b"}


def _scatter_src(src: Any, slot: np.ndarray) -> Any:
    """PyTorch's error where ``src`` has not the shape of the part it is written into."""
    if not isinstance(src, Tensor):
        raise messages.error("input_not_tensor", function="scatter", type_name=messages.type_name(src))
    if src._array.shape != slot.shape:
        raise messages.error("scatter_src_size", src=list(src._array.shape), slot=list(slot.shape))
    return src


@export(method=True)
def slice_scatter(
    input: Tensor, src: Tensor, dim: int = 0, start: int | None = None, end: int | None = None, step: int = 1
) -> Tensor:
    """A copy of ``input`` with ``src`` written into the slice ``start:end:step`` of ``dim``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.slice_scatter(torch.zeros(2, 3), torch.ones(2, 1), dim=1, start=2)
    tensor([[0., 0., 1.],
            [0., 0., 1.]])
    """
    dim = normalize_dim(dim, input._array.ndim)
    key = (slice(None),) * dim + (slice(start, end, step),)
    return slice_scatter_op(input, _scatter_src(src, input._array[key]), key=key)


@export(method=True)
def select_scatter(input: Tensor, src: Tensor, dim: int, index: int) -> Tensor:
    """A copy of ``input`` with ``src`` written at ``index`` of ``dim`` (where ``select`` reads).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.select_scatter(torch.zeros(2, 2), torch.ones(2), 0, 0)
    tensor([[1., 1.],
            [0., 0.]])
    """
    dim = normalize_dim(dim, input._array.ndim)
    key = (slice(None),) * dim + (_check_bounds(int(index), dim, input._array.shape[dim]),)
    return select_scatter_op(input, _scatter_src(src, input._array[key]), key=key)


@export(method=True)
def diagonal_scatter(input: Tensor, src: Tensor, offset: int = 0, dim1: int = 0, dim2: int = 1) -> Tensor:
    """A copy of ``input`` with ``src`` written on the diagonal where :func:`diagonal` reads.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.diagonal_scatter(torch.zeros(2, 3), torch.ones(2), 1)
    tensor([[0., 1., 0.],
            [0., 0., 1.]])
    """
    dim1, dim2 = _diagonal_dims(input._array.ndim, dim1, dim2)
    slot = _diagonal_forward(input._array, int(offset), dim1, dim2)
    return diagonal_scatter_op(input, _scatter_src(src, slot), offset=int(offset), dim1=dim1, dim2=dim2)


methods({"new_empty_strided": new_empty_strided})
