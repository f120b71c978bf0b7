"""Operations that move elements around: views, indexing, joining.

Views (reshape, transpose, a slice ...) share memory and the version counter
with their base, as in PyTorch.  Every derivative here only moves the
gradient back to where its element came from.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from .. import _errors
from ..tensor import Tensor, _normalize_dim
from ._core import defop, rule, values_of
from .elementwise import clone, mul

# -- views --------------------------------------------------------------------


def _reshape_forward(a: np.ndarray, shape: tuple) -> np.ndarray:
    return a.reshape(shape)


def _view_forward(a: np.ndarray, shape: tuple) -> np.ndarray:
    view = a.view()
    try:
        view.shape = shape  # NumPy refuses when this would need a copy
    except AttributeError:
        raise _errors.view_not_contiguous() from None
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
        raise _errors.invalid_shape(shape, numel)
    return shape


def reshape(input: Tensor, *shape: Any) -> Tensor:
    """The same elements in a new shape (``-1``: the size that fits).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.arange(6).reshape(2, 3)
    tensor([[0, 1, 2],
            [3, 4, 5]])
    """
    target = _resolve_shape(shape, values_of(input).size)
    if target == np.shape(input) and isinstance(input, Tensor) and not input._requires_grad:
        return input
    return _reshaped(input, target)


def view(input: Tensor, *shape: Any) -> Tensor:
    """Like :func:`reshape`, but never copies: raises when the layout does not allow it.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(6).view(-1, 3).shape
    torch.Size([2, 3])
    """
    return view_op(input, shape=_resolve_shape(shape, input._array.size))


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
    start = _normalize_dim(start_dim, len(shape))
    end = _normalize_dim(end_dim, len(shape))
    if start == end:  # nothing to merge: the tensor itself, as in PyTorch
        return input
    merged = math.prod(shape[start : end + 1])
    return _reshaped(input, shape[:start] + (merged,) + shape[end + 1 :])


transpose_op = defop("transpose", "TransposeBackward0", "ᵀ",
                     lambda a, dim0, dim1: np.swapaxes(a, dim0, dim1), view=True,
                     a=rule("swaps two axes: the gradient swaps them back",
                            lambda grad, dim0, dim1: transpose(grad, dim0, dim1)))
t_op = defop("t", "TBackward0", "ᵀ", lambda a: a.T, view=True,
             a=rule("transposes: the gradient is transposed back", lambda grad: t(grad)))
permute_op = defop("permute", "PermuteBackward0", "permute", lambda a, dims: np.transpose(a, dims), view=True,
                   a=rule("reorders axes: the gradient's axes are put back",
                          lambda grad, dims: permute(grad, *np.argsort(dims))))


def transpose(input: Tensor, dim0: int, dim1: int) -> Tensor:
    """Swap two dimensions.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2, 3).transpose(0, 1).shape
    torch.Size([3, 2])
    """
    ndim = np.ndim(input)
    return transpose_op(input, dim0=_normalize_dim(dim0, ndim), dim1=_normalize_dim(dim1, ndim))


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
        raise _errors.t_too_many_dims(np.ndim(input))
    return t_op(input)


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
        raise _errors.permute_mismatch(ndim, len(dims))
    return permute_op(input, dims=tuple(_normalize_dim(int(d), ndim) for d in dims))


def _matrix_transpose(input: Tensor) -> Tensor:
    # PyTorch's .T reverses all dimensions (a PermuteBackward0 node).
    return permute_op(input, dims=tuple(reversed(range(input._array.ndim))))


unsqueeze_op = defop("unsqueeze", "UnsqueezeBackward0", "unsqueeze",
                     lambda a, dim: np.expand_dims(a, dim), view=True,
                     a=rule("adds an axis of size 1: the gradient drops it",
                            lambda grad, a_shape: reshape(grad, a_shape)))
squeeze_op = defop("squeeze", "SqueezeBackward0", "squeeze", lambda a: np.squeeze(a), view=True,
                   a=rule("drops axes of size 1: the gradient gets them back",
                          lambda grad, a_shape: reshape(grad, a_shape)))
squeeze_inplace_op = defop(  # PyTorch's squeeze_(dims), which matmul uses for a vector @ a matrix
    "squeeze_", "SqueezeBackward4", "squeeze",
    lambda a, dims: np.squeeze(a, tuple(d for d in dims if a.shape[d] == 1)), view=True,
    a=rule("drops axes of size 1: the gradient gets them back", lambda grad, a_shape: reshape(grad, a_shape)),
)
squeeze_dim_op = defop("squeeze_dim", "SqueezeBackward1", "squeeze",
                       lambda a, dim: np.squeeze(a, dim) if a.ndim and a.shape[dim] == 1 else a.view(), view=True,
                       a=rule("drops an axis of size 1: the gradient gets it back",
                              lambda grad, a_shape: reshape(grad, a_shape)))


def unsqueeze(input: Tensor, dim: int) -> Tensor:
    """Insert a dimension of size 1 at ``dim``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(3).unsqueeze(0).shape
    torch.Size([1, 3])
    """
    return unsqueeze_op(input, dim=_normalize_dim(dim, np.ndim(input) + 1))


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
    return squeeze_dim_op(input, dim=_normalize_dim(dim, np.ndim(input)))


def _expand_forward(a: np.ndarray, shape: tuple) -> np.ndarray:
    """``np.broadcast_to(a, shape)``: a read-only view repeating ``a`` with zero strides.

    broadcast_to spends about 8 µs setting up an iterator; for a contiguous
    ``a`` (every sum's backward expands one) the view is one constructor call.
    """
    lead = len(shape) - a.ndim
    if lead < 0 or not a.flags.c_contiguous:
        return np.broadcast_to(a, shape)
    strides = [0] * lead
    for n, size, stride in zip(shape[lead:], a.shape, a.strides, strict=True):
        if size == n:
            strides.append(stride)
        elif size == 1:
            strides.append(0)
        else:
            return np.broadcast_to(a, shape)  # raises NumPy's error, which apply translates
    view = np.ndarray(shape, a.dtype, a, 0, tuple(strides))
    view.flags.writeable = False
    return view


expand_op = defop("expand", "ExpandBackward0", "expand", _expand_forward, view=True,
                  a=rule("copies along new axes: the gradient sums over them",
                         lambda grad, a_shape: _sum_back(grad, a_shape)))


def _sum_back(grad: Tensor, shape: tuple) -> Tensor:
    """Sum the gradient over the copies expand made."""
    from .reduction import sum_to_size  # reduction builds on this module

    return sum_to_size(grad, shape)


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
    for i, n in enumerate(shape):
        if n != 1 and n != target[extra + i]:
            raise _errors.expand_mismatch(target[extra + i], n, extra + i, target, shape)
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


def _as_index(item: Any) -> Any:
    if isinstance(item, Tensor):
        return item._array
    if isinstance(item, list):
        return np.asarray([_as_index(i) for i in item])
    return item


def _is_basic(item: Any) -> bool:
    return item is None or item is Ellipsis or isinstance(item, (int, np.integer, slice))


def _check_bounds(index: int, dim: int, size: int) -> int:
    if not -size <= index < size:
        raise _errors.index_out_of_bounds(index, dim, size)
    return index % size


def _whole(item: slice, size: int) -> bool:
    """Whether PyTorch skips this slice: from 0 (not -size), to the end or past it, by 1."""
    return (item.start or 0) == 0 and (item.stop is None or item.stop >= size) and (item.step or 1) == 1


def getitem(input: Tensor, key: Any) -> Tensor:
    """``input[key]``, recorded as PyTorch records it.

    Basic indexing is a chain of views, one node per index, as in PyTorch:
    ``m[0, 0]`` is two ``SelectBackward0`` nodes.  Boolean masks and integer
    arrays make one ``IndexBackward0`` node (a copy, not a view).  As in
    PyTorch, a slice of a whole dimension inside a tuple (``m[:, 0:n]``)
    records nothing, and a tuple that records nothing (``m[...]``,
    ``m[:, :]``) makes an ``AliasBackward0`` view; ``m[:]`` is a slice.
    """
    single_slice = isinstance(key, slice)
    key = key if isinstance(key, tuple) else (key,)
    key = tuple(_as_index(k) for k in key)
    if not all(_is_basic(k) for k in key):
        return _advanced_index(input, key)
    fixed = sum(1 for k in key if k is not None and k is not Ellipsis)
    if fixed > input._array.ndim:
        raise IndexError(
            f"too many indices for tensor of dimension {input._array.ndim} "
            "Hint: give at most one index per dimension."
        )
    if Ellipsis in key:
        at = key.index(Ellipsis)
        key = key[:at] + (slice(None),) * (input._array.ndim - fixed) + key[at + 1 :]
    result, dim = input, 0
    path = []  # the same indexing as plain NumPy keys, for writing through the view later
    for item in key:
        if item is None:
            result = unsqueeze_op(result, dim=dim)
            path.append((slice(None),) * dim + (None,))
            dim += 1
        elif isinstance(item, slice):
            if item.step is not None and item.step <= 0:
                raise ValueError("step must be greater than zero Hint: to reverse a tensor use torch.flip.")
            size = result._array.shape[dim]
            if single_slice or not _whole(item, size):
                prefix = (slice(None),) * dim
                result = slice_op(result, key=prefix + (item,))
                path.append(prefix + (item,))
            dim += 1
        else:
            size = result._array.shape[dim]
            index = _check_bounds(int(item), dim, size)
            result = select_op(result, key=(slice(None),) * dim + (index,))
            path.append((slice(None),) * dim + (index,))
    if result is input:
        result = alias_op(input)
    if input._base is None:
        result._view_path = ViewPath(path)
    elif input._view_path is not None:
        result._view_path = ViewPath(input._view_path + tuple(path))
    return result


class ViewPath(tuple):
    """The NumPy keys that lead from a base to its view, applied one after another."""

    __slots__ = ()


def _assign_region(array: np.ndarray, key: Any, value: Any) -> None:
    """``array[key] = value``, where ``key`` may be a :class:`ViewPath`."""
    if isinstance(key, ViewPath):
        *leading, key = key or ((Ellipsis,),)
        for step in leading:
            array = array[step]
    array[key] = value


def _read_region(grad: Any, key: Any) -> Any:
    """``grad[key]`` recorded as indexing (a path is read step by step)."""
    if isinstance(key, ViewPath):
        for step in key:
            grad = index_op(grad, key=step)
        return grad
    return index_op(grad, key=key)


def write_through_view(view: Tensor, result: Tensor) -> Tensor:
    """An in-place change of ``view``: its base records a CopySlices node, the view reads it back."""
    base = view._base
    path = view._view_path
    base._inplace(copy_slices_op(base._history_alias(), result, key=path))
    view.grad_fn = _read_region(base, path).grad_fn  # PyTorch calls this node AsStridedBackward0
    view._requires_grad = True
    return view


def _advanced_index(input: Tensor, key: tuple) -> Tensor:
    dim = 0
    for item in key:
        if isinstance(item, np.ndarray) and item.dtype == np.bool_:
            shape = input._array.shape[dim : dim + item.ndim]
            if item.shape != shape:
                raise _errors.mask_shape_mismatch(item.shape, input._array.shape, dim)
            dim += item.ndim
        elif isinstance(item, np.ndarray):
            if item.size and (item.max() >= input._array.shape[dim] or item.min() < -input._array.shape[dim]):
                bad = item.max() if item.max() >= input._array.shape[dim] else item.min()
                raise _errors.index_out_of_bounds(int(bad), dim, input._array.shape[dim])
            dim += 1
        elif item is not None:
            dim += 1
    return index_op(input, key=key)


# -- writing into a tensor: t[key] = value ---------------------------------------


def _zero_at(grad: Tensor, key: Any) -> Tensor:
    """∂/∂(old t) of t[key] = v: 1 where t was kept, 0 where v overwrote it."""
    kept = np.ones(grad.shape, dtype=bool)
    _assign_region(kept, key, False)
    return mul(grad, kept)


def _read_at(grad: Tensor, key: Any, b_shape: tuple) -> Tensor:
    """∂/∂v of t[key] = v: the gradient of the positions v was written to."""
    piece = _read_region(grad, key)
    if np.ndim(piece) < len(b_shape):
        piece = reshape(piece, (1,) * (len(b_shape) - np.ndim(piece)) + tuple(np.shape(piece)))
    return piece


def _copy_slices_forward(a: np.ndarray, b: Any, key: Any) -> np.ndarray:
    out = a.copy()
    _assign_region(out, key, b)
    return out


copy_slices_op = defop(
    "copy_slices", "CopySlices", "t[i] = v", _copy_slices_forward,
    a=rule("∂t/∂(old t) = 1 where kept, 0 where overwritten", lambda grad, key: _zero_at(grad, key)),
    b=rule("∂t/∂v = 1 where v was written", lambda grad, key, b_shape: _read_at(grad, key, b_shape)),
)
index_put_op = defop(  # t[mask] = v or t[[0, 2]] = v: PyTorch's index_put_
    "index_put", "IndexPutBackward0", "t[idx] = v", _copy_slices_forward,
    a=rule("∂t/∂(old t) = 1 where kept, 0 where overwritten", lambda grad, key: _zero_at(grad, key)),
    b=rule("∂t/∂v = 1 where v was written", lambda grad, key, b_shape: _read_at(grad, key, b_shape)),
)
# t[:] = v writes every element: PyTorch fills (v a number) or copies (v a tensor) instead.
fill_op = defop(
    "fill", "FillBackward3", "t[:] = v", lambda a, b: np.full_like(a, b),
    a=rule("∂t/∂(old t) = 0: every element is overwritten", lambda grad: grad * 0),
    b=rule("∂t/∂v = 1 at every element (summed to v's shape)", lambda grad: grad),
)
copy_op = defop(
    "copy", "CopyBackwards", "t[:] = v", lambda a, b: np.broadcast_to(b, a.shape).astype(a.dtype),
    a=rule("∂t/∂(old t) = 0: every element is overwritten", lambda grad: grad * 0),
    b=rule("∂t/∂v = 1 where v was copied to (summed to v's shape)", lambda grad: grad),
)


def _writes_all(shape: tuple, key: tuple) -> bool:
    """Whether ``key`` is whole slices and ``...`` only, so that t[key] is all of t."""
    if not all(isinstance(k, slice) or k is Ellipsis for k in key):
        return False
    slices = [k for k in key if k is not Ellipsis]
    if Ellipsis in key:
        at = key.index(Ellipsis)
        slices = list(key[:at]) + [slice(None)] * (len(shape) - len(slices)) + list(key[at + 1 :])
    return all(_whole(k, n) for k, n in zip(slices, shape, strict=False))


def _setitem_key(target: Tensor, key: Any) -> Any:
    key = key if isinstance(key, tuple) else (key,)
    key = tuple(_as_index(k) for k in key)
    fixed = sum(1 for k in key if k is not None and k is not Ellipsis)
    if fixed > target._array.ndim:
        raise IndexError(
            f"too many indices for tensor of dimension {target._array.ndim} "
            "Hint: give at most one index per dimension."
        )
    dim = 0
    for item in key:
        if isinstance(item, (int, np.integer)) and not isinstance(item, bool):
            _check_bounds(int(item), dim, target._array.shape[dim])
        if item is not None and item is not Ellipsis:
            dim += 1
    return key


def copy_slices(target: Tensor, key: Any, value: Any) -> None:
    """``target[key] = value``: write in place, and record a CopySlices node if needed."""
    key = _setitem_key(target, key)
    if isinstance(value, Tensor):
        slot = np.empty(target._array.shape, dtype=bool)[key].shape
        if value._array.size != 1 and value._array.shape != slot:
            try:
                np.broadcast_shapes(value._array.shape, slot)
            except ValueError:
                raise _errors.expand_mismatch(
                    slot[-1] if slot else 1, value._array.shape[-1], len(slot) - 1, slot, value._array.shape
                ) from None
    needs_graph = target._requires_grad or (isinstance(value, Tensor) and value._requires_grad)
    from ..tensor import is_grad_enabled

    if needs_graph and is_grad_enabled():
        alias = target._history_alias()
        if _writes_all(target._array.shape, key):
            shape = np.shape(value._array if isinstance(value, Tensor) else value)
            fill = shape == () and target._array.shape != ()  # else the shapes match: a copy
            result = fill_op(alias, value) if fill else copy_op(alias, value)
        elif all(_is_basic(k) for k in key):
            result = copy_slices_op(alias, value, key=key)
        else:
            result = index_put_op(alias, value, key=key)
        target._inplace(result)
        return
    target._own()[key] = value._array if isinstance(value, Tensor) else value
    target._version.value += 1


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


def cat(tensors: Sequence[Tensor], dim: int = 0) -> Tensor:
    """Join tensors along an existing dimension.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.cat([torch.zeros(1, 2), torch.ones(1, 2)]).shape
    torch.Size([2, 2])
    """
    tensors = list(tensors)
    dim = _normalize_dim(dim, tensors[0]._array.ndim)
    first = tensors[0]._array.shape
    for i, t_ in enumerate(tensors[1:], start=1):
        for d, (n, m) in enumerate(zip(first, t_._array.shape, strict=False)):
            if d != dim and n != m:
                raise _errors.cat_mismatch(dim, n, m, i)
    return cat_op(*tensors, dim=dim)


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
            raise _errors.stack_mismatch(tensors[0]._array.shape, t_._array.shape, i)
    return stack_op(*tensors, dim=_normalize_dim(dim, tensors[0]._array.ndim + 1))


METHODS = {
    "reshape": reshape, "view": view, "flatten": flatten, "transpose": transpose, "t": t,
    "permute": permute, "unsqueeze": unsqueeze, "squeeze": squeeze, "expand": expand,
    "expand_as": expand_as, "__getitem__": getitem,
    "T": property(_matrix_transpose), "mT": property(lambda self: transpose(self, -2, -1)),
}
