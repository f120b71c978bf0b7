"""Reading and writing elements at positions given by a tensor: gather, scatter, masks, take.

``gather`` reads ``input`` at the positions an index tensor names along one
dimension; ``scatter`` writes there, ``scatter_add`` adds there.  Their
derivatives are each other: the gradient of a read is added back where it
was read from, the gradient of a write is read back from where it was
written.  Masks (``masked_fill``, ``masked_select``) and ``nonzero`` pick
elements by a boolean tensor.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from .. import _views, messages
from .._memory_format import row_major
from ..creation import number_into
from ..messages import errors
from ..tensor import Tensor, normalize_dim
from ._core import Rule, defop, export, methods, rule, values_of
from .elementwise import where
from .reduction import sum_op, sum_to_size
from .shape import (
    _add_at,
    _index_array,
    _read_at,
    cat_op,
    expand,
    expand_op,
    index_put_op,
    index_select_op,
    meshgrid,
    reshape,
    stack,
)

# -- gather, scatter, scatter_add ------------------------------------------------------


def _key_along(index: np.ndarray, dim: int) -> tuple:
    """The NumPy index reading ``a[i][j][index[i][j][k]]`` (for dim 2): ``index`` at ``dim``, positions elsewhere."""
    return tuple(
        index if d == dim else np.arange(n).reshape([-1 if e == d else 1 for e in range(index.ndim)])
        for d, n in enumerate(index.shape)
    )


def _gather_forward(a: np.ndarray, dim: int, picks: np.ndarray) -> np.ndarray:
    if a.ndim == 0:
        return a.copy()
    return a[_key_along(picks, dim)]


def _part(src: Any, shape: tuple) -> Any:
    """The part of ``src`` that scatter uses: its corner of ``shape`` (the index's shape)."""
    return src[tuple(slice(0, n) for n in shape)] if np.ndim(src) else src


def _scatter_forward(a: np.ndarray, src: Any, dim: int, picks: np.ndarray) -> np.ndarray:
    out = a.copy()
    if a.ndim == 0:
        out[...] = src if np.ndim(src) == 0 else src.reshape(())
        return out
    out[_key_along(picks, dim)] = _part(src, picks.shape) if isinstance(src, np.ndarray) else src
    return out


def _scatter_value_forward(a: np.ndarray, dim: int, picks: np.ndarray, value: Any) -> np.ndarray:
    return _scatter_forward(a, np.asarray(value).astype(a.dtype), dim, picks)


def _scatter_add_forward(a: np.ndarray, src: np.ndarray, dim: int, picks: np.ndarray) -> np.ndarray:
    out = a.copy()
    if a.ndim == 0:
        return out + src.reshape(())
    np.add.at(out, _key_along(picks, dim), _part(src, picks.shape))
    return out


def _added_back(grad: Any, a_shape: tuple, dim: int, picks: np.ndarray) -> Any:
    """∂(gather)/∂a: zeros of a's shape, the gradient added where each element was read (twice if read twice)."""
    return scatter_add_op(np.zeros(a_shape, dtype=values_of(grad).dtype), grad, dim=dim, picks=picks)


gather_op = defop(
    "gather",
    "GatherBackward0",
    "gather",
    _gather_forward,
    a=rule("∂(a[index])/∂a = 1 at each position read", _added_back),
)
# Rules the scatter ops share: where the op wrote, the old value's gradient is 0; what was
# written or added gets the gradient read back from where it went.
_UNWRITTEN = rule(
    "∂(scatter)/∂a = 1 where not written, 0 where written",
    lambda grad, dim, picks: scatter_value_op(grad, dim=dim, picks=picks, value=0),
)


def _read_back(node_name: str) -> Rule:
    """The rule for src: the gradient read back where src went (PyTorch's error if src is larger than the index)."""

    def src_rule(grad: Any, dim: int, picks: np.ndarray, b_shape: tuple) -> Any:
        if picks.shape != b_shape:
            raise messages.error(
                "scatter_src_gradient", node=node_name, got=list(picks.shape), expected=list(b_shape)
            )
        return gather_op(grad, dim=dim, picks=picks)

    return rule("∂(scatter src)/∂src = the gradient read back where src went", src_rule)


scatter_value_op = defop("scatter_value", "ScatterBackward1", "scatter", _scatter_value_forward, a=_UNWRITTEN)
scatter_op = defop(
    "scatter", "ScatterBackward0", "scatter", _scatter_forward, a=_UNWRITTEN, b=_read_back("ScatterBackward0")
)
scatter_add_op = defop(
    "scatter_add",
    "ScatterAddBackward0",
    "scatter+",
    _scatter_add_forward,
    a=rule("∂(a + scatter src)/∂a = 1", lambda grad: grad),
    b=_read_back("ScatterAddBackward0"),
)


def _checked_index(input: Tensor, dim: int, index: Any, name: str, src: Any = None) -> tuple[int, np.ndarray]:
    """PyTorch's checks of gather's and scatter's index: its dtype, dimensions, sizes and values."""
    array = _index_array(index)
    if array.dtype.kind not in "iu":
        raise messages.error("gather_index_dtype", name=name)
    shape = input._array.shape
    dim = normalize_dim(dim, len(shape))
    if array.ndim != len(shape) and (array.ndim > 1 or len(shape) > 1):
        # (PyTorch's words: gather's argument is "input", scatter's "self")
        raise messages.error("gather_index_ndim", which="input" if name == "gather" else "self")
    array = array.reshape(shape) if not shape else array.reshape(array.shape or (1,))
    src_shape = values_of(src).shape if isinstance(src, Tensor) else None
    if (
        src_shape is not None and src_shape and len(src_shape) < array.ndim
    ):  # (src.size(d) for each of index's d)
        raise errors.dim_out_of_range(len(src_shape), len(src_shape))
    for d, n in enumerate(array.shape if shape else ()):
        if d != dim and n > shape[d]:
            if src_shape is None:
                raise messages.error(
                    "gather_index_size", dim=d, index=list(array.shape), shape=list(shape), along=dim
                )
            raise messages.error(
                "scatter_index_size",
                index=list(array.shape),
                shape=list(shape),
                along=dim,
                src=list(src_shape),
            )
    if src_shape is not None and any(n > m for n, m in zip(array.shape, src_shape, strict=False)):
        raise messages.error(
            "scatter_index_size", index=list(array.shape), shape=list(shape), along=dim, src=list(src_shape)
        )
    size = shape[dim] if shape else 1
    if array.size and (array.min() < 0 or array.max() >= size):
        bad = int(
            array.flat[np.flatnonzero((array < 0) | (array >= size))[0]]
        )  # (the first, as PyTorch's loop)
        raise messages.error(
            "index_out_of_bounds", cls=RuntimeError, index=bad, dim=dim, size=size, low=-size, high=size - 1
        )
    return dim, array.astype(np.int64, copy=False) if shape else array.reshape(())


@export(method=True)
def gather(input: Tensor, dim: int, index: Tensor, *, sparse_grad: bool = False) -> Tensor:
    """The elements of ``input`` at ``index`` along ``dim``: ``out[i][j] = input[index[i][j]][j]`` for dim 0.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> scores = torch.tensor([[0.1, 0.9], [0.8, 0.2]])
    >>> scores.gather(1, torch.tensor([[1], [0]]))
    tensor([[0.9000],
            [0.8000]])
    """
    dim, index = _checked_index(input, dim, index, "gather")
    return gather_op(input, dim=dim, picks=index)


def _same_dtype(input: Tensor, src: Tensor, name: str) -> None:
    if src._array.dtype != input._array.dtype:
        raise messages.error("scatter_src_dtype", name=name)


def _scattered(
    input: Tensor, dim: int, index: Tensor, src: Any, name: str, adds: bool, reduce: str | None = None
) -> Tensor:
    if reduce is not None:
        return _scattered_reducing(input, dim, index, src, name, reduce)
    if adds and not isinstance(src, Tensor):
        raise messages.error("scatter_add_src_type", name=name, type_name=messages.type_name(src))
    dim, index = _checked_index(input, dim, index, name.rstrip("_"), src if isinstance(src, Tensor) else None)
    if not isinstance(src, Tensor):
        return scatter_value_op(input, dim=dim, picks=index, value=src)
    _same_dtype(input, src, name.rstrip("_"))
    return (scatter_add_op if adds else scatter_op)(input, src, dim=dim, picks=index)


@export(method=True)
def scatter(
    input: Tensor, dim: int, index: Tensor, src: Any = None, *, value: Any = None, reduce: str | None = None
) -> Tensor:
    """A copy of ``input`` with ``src`` (a tensor or a number) written at ``index`` along ``dim``.

    For dim 0: ``out[index[i][j]][j] = src[i][j]``.  ``reduce="add"`` or ``"multiply"`` (PyTorch's older
    form of :func:`scatter_reduce`) combines instead of writing; PyTorch has no gradient for it.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2, 3).scatter(0, torch.tensor([[1, 0, 1]]), 5.0)
    tensor([[0., 5., 0.],
            [5., 0., 5.]])
    """
    return _scattered(input, dim, index, value if src is None else src, "scatter", adds=False, reduce=reduce)


@export(method=True)
def scatter_add(input: Tensor, dim: int, index: Tensor, src: Tensor) -> Tensor:
    """A copy of ``input`` with ``src`` added at ``index`` along ``dim`` (positions named twice get both).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(3).scatter_add(0, torch.tensor([0, 2, 0]), torch.tensor([1.0, 2.0, 3.0]))
    tensor([4., 0., 2.])
    """
    return _scattered(input, dim, index, src, "scatter_add", adds=True)


def _scatter_(
    self: Tensor, dim: int, index: Tensor, src: Any = None, *, value: Any = None, reduce: str | None = None
) -> Tensor:
    """In-place version of ``scatter``: writes into this tensor and returns it."""
    return _views.run_inplace(
        self, _scattered, dim, index, value if src is None else src, "scatter_", False, reduce=reduce
    )


def _scatter_add_(self: Tensor, dim: int, index: Tensor, src: Tensor) -> Tensor:
    """In-place version of ``scatter_add``: adds into this tensor and returns it."""
    return _views.run_inplace(self, _scattered, dim, index, src, "scatter_add_", True)


# -- index_add ------------------------------------------------------------------------------


def _index_add_forward(a: np.ndarray, b: np.ndarray, dim: int, picks: np.ndarray, alpha: Any) -> np.ndarray:
    out = a.copy()
    np.add.at(out, (slice(None),) * dim + (picks,), b if alpha == 1 else b * alpha)
    return out


index_add_op = defop(
    "index_add",
    "IndexAddBackward0",
    "index+",
    _index_add_forward,
    a=rule("∂(a + α·source at index)/∂a = 1", lambda grad: grad),
    b=rule(
        "∂(a + α·source at index)/∂source = α · the gradient read back at index",
        lambda grad, dim, picks, alpha: _times(index_select_op(grad, dim=dim, picks=picks), alpha),
    ),
)


def _times(grad: Any, alpha: Any) -> Any:
    return grad if alpha == 1 else grad * alpha


def _index_added(input: Tensor, dim: int, index: Tensor, source: Tensor, alpha: Any = 1) -> Tensor:
    shape = input._array.shape
    dim = normalize_dim(dim, len(shape))
    positions = _index_array(index).reshape(-1)
    if positions.dtype.kind not in "iu":
        raise messages.error("index_add_index_dtype", dtype=errors.scalar_type_name(positions.dtype))
    if source._array.dtype != input._array.dtype:
        raise messages.error(
            "index_add_source_dtype",
            self_type=errors.scalar_type_name(input._array.dtype),
            source_type=errors.scalar_type_name(source._array.dtype),
        )
    source_shape = source._array.shape
    if len(source_shape) != len(shape) or any(
        n != m for d, (n, m) in enumerate(zip(shape, source_shape, strict=True)) if d != dim
    ):
        raise messages.error("index_add_source_shape", shape=list(shape), source=list(source_shape))
    if source_shape and source_shape[dim] != positions.size:
        raise messages.error("index_add_count", count=positions.size, size=source_shape[dim], dim=dim)
    size = shape[dim] if shape else 1
    if positions.size and (positions.min() < 0 or positions.max() >= size):
        bad = int(positions.min() if positions.min() < 0 else positions.max())
        raise messages.error(
            "index_out_of_bounds", cls=RuntimeError, index=bad, dim=dim, size=size, low=-size, high=size - 1
        )
    return index_add_op(input, source, dim=dim, picks=positions.astype(np.int64), alpha=alpha)


@export(method=True)
def index_add(input: Tensor, dim: int, index: Tensor, source: Tensor, *, alpha: Any = 1) -> Tensor:
    """A copy of ``input`` with ``alpha * source`` added at the slices ``index`` names along ``dim``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(3, 2).index_add(0, torch.tensor([0, 0]), torch.ones(2, 2))
    tensor([[2., 2.],
            [0., 0.],
            [0., 0.]])
    """
    return _index_added(input, dim, index, source, alpha)


def _index_add_(self: Tensor, dim: int, index: Tensor, source: Tensor, *, alpha: Any = 1) -> Tensor:
    """In-place version of ``index_add``: adds into this tensor and returns it."""
    return _views.run_inplace(self, _index_added, dim, index, source, alpha)


# -- masks ----------------------------------------------------------------------------------


@row_major
def _masked_fill_forward(a: np.ndarray, mask: np.ndarray, value: Any) -> np.ndarray:
    return np.where(mask, np.asarray(number_into(value, a.dtype)).astype(a.dtype), a)


def _masked_fill_tensor_forward(a: np.ndarray, b: np.ndarray, mask: np.ndarray) -> np.ndarray:
    return _masked_fill_forward(a, mask, b)


_UNFILLED = rule(
    "∂(masked_fill)/∂a = 1 where the mask is False, 0 where it is True",
    lambda grad, mask: masked_fill_op(grad, mask=mask, value=0),
)
masked_fill_op = defop("masked_fill", "MaskedFillBackward0", "fill", _masked_fill_forward, a=_UNFILLED)
masked_fill_tensor_op = defop(
    "masked_fill_tensor",
    "MaskedFillBackward1",
    "fill",
    _masked_fill_tensor_forward,
    a=_UNFILLED,
    b=rule(
        "∂(masked_fill)/∂value = Σ of the gradient where the mask is True",
        lambda grad, mask: sum_op(where(mask, grad, 0.0), dim=None, keepdim=False),
    ),
)


def _mask_of(mask: Any, selects: bool = False) -> np.ndarray:
    """The mask as a bool array; PyTorch's error (masked_fill's, or masked_select's) for any other dtype."""
    array = _index_array(mask)
    if array.dtype != np.bool_:
        if selects:
            raise messages.error("masked_select_mask_dtype")
        raise messages.error("masked_fill_mask_dtype", dtype=errors.c_type_name(array.dtype))
    return array


def _masked_filled(input: Tensor, mask: Tensor, value: Any) -> Tensor:
    mask_array = _mask_of(mask)
    shape = _broadcast(mask_array.shape, input._array.shape)
    if shape != input._array.shape:
        input = expand(input, shape)
    if isinstance(value, Tensor):
        if value._array.ndim:
            raise messages.error("masked_fill_value_ndim", ndim=value._array.ndim)
        return masked_fill_tensor_op(input, value, mask=mask_array)
    return masked_fill_op(input, mask=mask_array, value=value)


@export(method=True)
def masked_fill(input: Tensor, mask: Tensor, value: Any) -> Tensor:
    """A copy of ``input`` with ``value`` where ``mask`` (a bool tensor that broadcasts) is True.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> scores = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    >>> scores.masked_fill(torch.tensor([[False, True], [False, False]]), float("-inf"))
    tensor([[1., -inf],
            [3., 4.]])
    """
    return _masked_filled(input, mask, value)


def _masked_fill_(self: Tensor, mask: Tensor, value: Any) -> Tensor:
    """In-place version of ``masked_fill``: fills this tensor and returns it."""
    mask_array = _mask_of(mask)
    shape = _broadcast(mask_array.shape, self._array.shape)
    if shape != self._array.shape:  # the mask broadcasts to the tensor, never the other way
        raise messages.error(
            "masked_fill_inplace_shape", shape=list(self._array.shape), broadcast=list(shape)
        )
    only = None  # (an expand: PyTorch writes the masked elements alone, and warns)
    if _views.overlaps(self._array):
        messages.warn("fill_on_expanded", name="masked_fill_")
        only = np.broadcast_to(mask_array, shape)
    return _views.run_inplace(
        self, _masked_filled, mask_array, value, allow_overlap=only is not None, only=only
    )


def _broadcast(shape_a: tuple, shape_b: tuple) -> tuple:
    """The shape both broadcast to, or PyTorch's error naming the dimension that does not fit."""
    try:
        return np.broadcast_shapes(shape_a, shape_b)
    except ValueError:
        raise errors.broadcast_shapes(shape_a, shape_b) from None


def _select_back(grad: Any, a_shape: tuple, mask: np.ndarray) -> Any:
    """∂(a[mask])/∂a: zeros with the gradient put back where the mask is True (summed over broadcasting)."""
    spread = masked_scatter_op(np.zeros(mask.shape, dtype=values_of(grad).dtype), grad, mask=mask)
    return sum_to_size(spread, a_shape) if mask.shape != a_shape else spread


def _source_back(grad: Any, mask: np.ndarray, b_shape: tuple) -> Any:
    """∂(masked_scatter)/∂source: the gradient where the mask is True, then zeros for the elements not used."""
    picked = masked_select_op(grad, mask=mask)
    if np.shape(picked) == b_shape:
        return picked
    unused = math.prod(b_shape) - np.size(values_of(picked))
    if unused:
        picked = cat_op(picked, np.zeros(unused, dtype=values_of(grad).dtype), dim=0)
    return reshape(picked, b_shape)


def _masked_scatter_forward(a: np.ndarray, b: np.ndarray, mask: np.ndarray) -> np.ndarray:
    out = a.copy()
    out[mask] = b.reshape(-1)[: int(mask.sum())]
    return out


masked_scatter_op = defop(  # PyTorch's zeros.masked_scatter_(mask, g): masked_select's backward, recorded
    "masked_scatter",
    "MaskedScatterBackward0",
    "scatter",
    _masked_scatter_forward,
    a=_UNFILLED,
    b=rule("∂(b put where the mask is True)/∂b = read back there, 0 for b's unused rest", _source_back),
)


masked_select_op = defop(
    "masked_select",
    "MaskedSelectBackward0",
    "[mask]",
    lambda a, mask: np.broadcast_to(a, mask.shape)[mask],
    a=rule("∂(a[mask])/∂a = 1 where the mask is True", _select_back),
)


@export(method=True)
def masked_select(input: Tensor, mask: Tensor) -> Tensor:
    """The elements of ``input`` where ``mask`` is True, as a 1-D tensor (both broadcast).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor([[1.0, -2.0], [-3.0, 4.0]])
    >>> x.masked_select(x > 0)
    tensor([1., 4.])
    """
    mask_array = _mask_of(mask, selects=True)
    shape = _broadcast(mask_array.shape, input._array.shape)
    return masked_select_op(input, mask=np.broadcast_to(mask_array, shape))


def _masked_scattered(input: Tensor, mask: Any, source: Tensor) -> Tensor:
    mask_array = _index_array(mask)
    if mask_array.dtype != np.bool_:
        raise messages.error("masked_scatter_mask_dtype", dtype=errors.scalar_type_name(mask_array.dtype))
    if not isinstance(source, Tensor):
        raise messages.error("masked_scatter_source_type", type_name=messages.type_name(source))
    if source._array.dtype != input._array.dtype:
        raise messages.error(
            "masked_scatter_dtypes",
            self_type=errors.scalar_type_name(input._array.dtype),
            source_type=errors.scalar_type_name(source._array.dtype),
        )
    shape = _broadcast(mask_array.shape, input._array.shape)
    if shape != input._array.shape:
        input = expand(input, shape)
    mask_array = np.broadcast_to(mask_array, shape)
    if source._array.size < int(mask_array.sum()):
        raise messages.error("masked_scatter_source_size")
    return masked_scatter_op(input, source, mask=np.array(mask_array))


@export(method=True)
def masked_scatter(input: Tensor, mask: Tensor, source: Tensor) -> Tensor:
    """A copy of ``input`` with the elements of ``source``, in order, written where ``mask`` is True.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2, 2).masked_scatter(torch.tensor([[True, False], [True, True]]), torch.tensor([1.0, 2.0, 3.0]))
    tensor([[1., 0.],
            [2., 3.]])
    """
    return _masked_scattered(input, mask, source)


def _masked_scatter_(self: Tensor, mask: Tensor, source: Tensor) -> Tensor:
    """In-place version of ``masked_scatter``: writes into this tensor and returns it."""
    mask_array = _index_array(mask)
    shape = _broadcast(mask_array.shape, self._array.shape)
    if shape != self._array.shape:  # the mask broadcasts to the tensor, never the other way
        raise errors.broadcast_shapes(mask_array.shape, self._array.shape)
    return _views.run_inplace(self, _masked_scattered, mask_array, source)


# -- positions: nonzero, take, take_along_dim ---------------------------------------------------


@export(method=True)
def nonzero(input: Tensor, *, as_tuple: bool = False) -> Tensor | tuple[Tensor, ...]:
    """The positions of the elements that are not zero: one row each, or (``as_tuple``) one tensor per dim.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor([[0, 1], [2, 0]])
    >>> x.nonzero()
    tensor([[0, 1],
            [1, 0]])
    >>> torch.nonzero(x, as_tuple=True)
    (tensor([0, 1]), tensor([1, 0]))
    """
    if as_tuple:
        return where(input)  # PyTorch's where(condition) alone
    return Tensor._wrap(np.argwhere(values_of(input)).astype(np.int64))


@export(method=True)
def argwhere(input: Tensor) -> Tensor:
    """The positions of the elements that are not zero, one row each (``nonzero()``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.argwhere(torch.tensor([0.0, 3.0, 1.0]))
    tensor([[1],
            [2]])
    """
    return nonzero(input)


def _put_forward(a: np.ndarray, b: np.ndarray, picks: np.ndarray) -> np.ndarray:
    out = a.copy()
    np.add.at(out.reshape(-1), picks.reshape(-1), b.reshape(-1))  # a position read twice gets both gradients
    return out


put_op = defop(  # PyTorch's zeros.put_(index, g, accumulate=True): take's backward, recorded
    "put",
    "PutBackward0",
    "put",
    _put_forward,
    a=rule("∂(a + b added at flat positions)/∂a = 1", lambda grad: grad),
    b=rule(
        "∂(a + b added at flat positions)/∂b = read back there",
        lambda grad, picks: take_op(grad, picks=picks),
    ),
)


take_op = defop(
    "take",
    "TakeBackward0",
    "take",
    lambda a, picks: a.reshape(-1)[picks],
    a=rule(
        "∂(a.flatten()[index])/∂a = 1 at each position read",
        lambda grad, a_shape, picks: put_op(
            np.zeros(a_shape, dtype=values_of(grad).dtype), grad, picks=picks
        ),
    ),
)


@export(method=True)
def take(input: Tensor, index: Tensor) -> Tensor:
    """The elements of ``input`` read as if it were 1-D, at ``index`` (the result has index's shape).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([[1.0, 2.0], [3.0, 4.0]]).take(torch.tensor([0, 3]))
    tensor([1., 4.])
    """
    positions = _index_array(index)
    if positions.dtype.kind not in "iu":
        raise messages.error("take_index_dtype", dtype=errors.scalar_type_name(positions.dtype))
    count = input._array.size
    if positions.size and (positions.min() < -count or positions.max() >= count):
        bad = int(positions.min() if positions.min() < -count else positions.max())
        raise messages.error("take_out_of_range", index=bad, count=count, last=count - 1)
    return take_op(input, picks=positions.astype(np.int64) % max(count, 1))


@export(method=True)
def take_along_dim(input: Tensor, indices: Tensor, dim: int | None = None) -> Tensor:
    """``gather`` with broadcasting: the values at ``indices`` along ``dim`` (of the flattened input if None).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor([[10.0, 30.0, 20.0], [60.0, 40.0, 50.0]])
    >>> x.take_along_dim(x.argmax(dim=1, keepdim=True), dim=1)
    tensor([[30.],
            [60.]])
    """
    positions = _index_array(indices)
    if dim is None:
        return gather(reshape(input, -1), 0, Tensor._wrap(positions.reshape(-1)))
    shape = input._array.shape
    if positions.ndim != len(shape):
        raise messages.error("take_along_dim_ndim", ndim=len(shape), index_ndim=positions.ndim)
    dim = normalize_dim(dim, len(shape))
    common = _broadcast(
        tuple(1 if d == dim else n for d, n in enumerate(shape)),
        tuple(1 if d == dim else n for d, n in enumerate(positions.shape)),
    )
    input = expand_op(input, shape=tuple(shape[d] if d == dim else n for d, n in enumerate(common)))
    positions = np.broadcast_to(
        positions, tuple(positions.shape[d] if d == dim else n for d, n in enumerate(common))
    )
    return gather(input, dim, Tensor._wrap(np.array(positions)))


# -- index_fill, index_copy, index_put, put, fill_diagonal_ (branch more_g) ----------------------


def _along(dim: int, picks: np.ndarray) -> tuple:
    return (slice(None),) * dim + (picks,)


def _written(a: np.ndarray, key: Any, value: Any) -> np.ndarray:
    out = a.copy()
    out[key] = value
    return out


def _unfilled(grad: Any, dim: int, picks: np.ndarray) -> Any:
    """PyTorch's ``grad.index_fill(dim, index, 0)``: the gradient, zero on the slices overwritten."""
    return index_fill_op(grad, dim=dim, picks=picks, value=0)


_KEPT_OUTSIDE_INDEX = rule("∂(a written at index)/∂a = 1 where kept, 0 where written", _unfilled)

index_fill_op = defop(
    "index_fill",
    "IndexFillBackward0",
    "fill",
    lambda a, dim, picks, value: _written(a, _along(dim, picks), value),
    a=_KEPT_OUTSIDE_INDEX,
)
index_fill_tensor_op = defop(
    "index_fill_tensor",
    "IndexFillBackward1",
    "fill",
    lambda a, b, dim, picks: _written(a, _along(dim, picks), b),
    a=_KEPT_OUTSIDE_INDEX,
    b=rule(
        "∂(a filled with v at index)/∂v = Σ grad over the filled slices (each named once)",
        lambda grad, dim, picks: sum_op(
            index_select_op(grad, dim=dim, picks=np.unique(picks)), dim=None, keepdim=False
        ),
    ),
)
index_copy_op = defop(
    "index_copy",
    "IndexCopyBackward0",
    "copy",
    lambda a, b, dim, picks: _written(a, _along(dim, picks), b),
    a=_KEPT_OUTSIDE_INDEX,
    b=rule(
        "∂(a with source copied at index)/∂source = the gradient read back at index",
        lambda grad, dim, picks: index_select_op(grad, dim=dim, picks=picks),
    ),
)


def _index_positions(input: Tensor, dim: int, index: Any, name: str) -> tuple[int, np.ndarray]:
    """index_fill's and index_copy's checks of the index: int64, a vector or a number, in range."""
    positions = _index_array(index)
    if positions.dtype != np.int64:
        raise messages.error("index_fill_index_dtype", name=name)
    if positions.ndim > 1:
        raise messages.error("index_fill_index_ndim")
    shape = input._array.shape
    dim = normalize_dim(dim, len(shape))
    size = shape[dim] if shape else 1
    positions = positions.reshape(-1)
    if positions.size and (positions.min() < -size or positions.max() >= size):
        bad = int(positions.min() if positions.min() < -size else positions.max())
        raise messages.error("index_out_of_bounds", index=bad, dim=dim, size=size, low=-size, high=size - 1)
    return dim, positions % max(size, 1)


def _index_filled(input: Tensor, dim: int, index: Tensor, value: Any) -> Tensor:
    dim, picks = _index_positions(input, dim, index, "index_fill_")
    if not isinstance(value, Tensor):
        return index_fill_op(input, dim=dim, picks=picks, value=value)
    if value._array.ndim:
        raise messages.error("index_fill_value_ndim", ndim=value._array.ndim)
    return index_fill_tensor_op(input, value, dim=dim, picks=picks)


@export(method=True)
def index_fill(input: Tensor, dim: int, index: Tensor, value: Any) -> Tensor:
    """A copy of ``input`` with ``value`` (a number or a 0-d tensor) in the slices ``index`` names along ``dim``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2, 3).index_fill(1, torch.tensor([0, 2]), -1.0)
    tensor([[-1.,  0., -1.],
            [-1.,  0., -1.]])
    """
    return _index_filled(input, dim, index, value)


def _index_fill_(self: Tensor, dim: int, index: Tensor, value: Any) -> Tensor:
    """In-place version of ``index_fill``: fills this tensor and returns it."""
    only = None  # (an expand: PyTorch writes the chosen slices alone, and warns)
    if _views.overlaps(self._array):
        dim, picks = _index_positions(self, dim, index, "index_fill_")
        messages.warn("fill_on_expanded", name="index_fill_")
        chosen = np.zeros(self._array.shape[dim], dtype=bool)
        chosen[picks] = True
        only = np.broadcast_to(
            np.expand_dims(chosen, tuple(range(1, self._array.ndim - dim))), self._array.shape
        )
    return _views.run_inplace(
        self, _index_filled, dim, index, value, allow_overlap=only is not None, only=only
    )


def _index_copied(input: Tensor, dim: int, index: Tensor, source: Tensor) -> Tensor:
    dim, picks = _index_positions(input, dim, index, "index_copy_")
    if source._array.dtype != input._array.dtype:
        raise messages.error(
            "index_copy_source_dtype",
            self_type=errors.scalar_type_name(input._array.dtype),
            source_type=errors.scalar_type_name(source._array.dtype),
        )
    along = source._array.shape[dim] if source._array.ndim else 1
    if along != picks.size:
        raise messages.error("index_copy_count", count=picks.size, size=along)
    return index_copy_op(input, source, dim=dim, picks=picks)


@export(method=True)
def index_copy(input: Tensor, dim: int, index: Tensor, source: Tensor) -> Tensor:
    """A copy of ``input`` with the slices of ``source`` written at the slices ``index`` names along ``dim``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(3, 2).index_copy(0, torch.tensor([2, 0]), torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
    tensor([[3., 4.],
            [0., 0.],
            [1., 2.]])
    """
    return _index_copied(input, dim, index, source)


def _index_copy_(self: Tensor, dim: int, index: Tensor, source: Tensor) -> Tensor:
    """In-place version of ``index_copy``: copies into this tensor and returns it."""
    return _views.run_inplace(self, _index_copied, dim, index, source)


index_put_accumulate_op = defop(
    "index_put_accumulate",
    "IndexPutBackward0",
    "t[idx] += v",
    lambda a, b, key: _add_at(a, b, key),
    a=rule("∂(a + v added at indices)/∂a = 1", lambda grad: grad),
    b=rule(
        "∂(a + v added at indices)/∂v = the gradient read back there",
        lambda grad, key, b_shape: _read_at(grad, key, b_shape),
    ),
)


def _index_put_key(input: Tensor, indices: Any) -> tuple:
    """The NumPy key of index_put's tuple of index tensors, checked as PyTorch checks them."""
    key = tuple(_index_array(item) for item in indices)
    shape = input._array.shape
    for dim, (positions, size) in enumerate(zip(key, shape, strict=False)):
        if (
            positions.dtype.kind in "iu"
            and positions.size
            and (positions.min() < -size or positions.max() >= size)
        ):
            bad = int(positions.min() if positions.min() < -size else positions.max())
            raise messages.error(
                "index_out_of_bounds", index=bad, dim=dim, size=size, low=-size, high=size - 1
            )
    return key


def _index_put(input: Tensor, indices: Any, values: Tensor, accumulate: bool = False) -> Tensor:
    key = _index_put_key(input, indices)
    if values._array.dtype != input._array.dtype:
        raise messages.error(
            "index_put_dtype",
            self_type=errors.scalar_type_name(input._array.dtype),
            source_type=errors.scalar_type_name(values._array.dtype),
        )
    target = np.empty(input._array.shape, dtype=bool)[key].shape
    try:
        np.broadcast_shapes(values._array.shape, target)
    except ValueError:
        raise messages.error(
            "index_put_shape", values=list(values._array.shape), target=list(target)
        ) from None
    return (index_put_accumulate_op if accumulate else index_put_op)(input, values, key=key)


@export(method=True)
def index_put(input: Tensor, indices: Any, values: Tensor, accumulate: bool = False) -> Tensor:
    """A copy of ``input`` with ``values`` written (or, with ``accumulate``, added) at ``input[indices]``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.zeros(2, 2)
    >>> x.index_put((torch.tensor([0, 0]), torch.tensor([1, 1])), torch.tensor([1.0, 2.0]), accumulate=True)
    tensor([[0., 3.],
            [0., 0.]])
    """
    return _index_put(input, indices, values, accumulate)


@export
def index_put_(input: Tensor, indices: Any, values: Tensor, accumulate: bool = False) -> Tensor:
    """In-place version of ``index_put``: writes into ``input`` and returns it.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(3).index_put_((torch.tensor([1]),), torch.tensor(5.0))
    tensor([0., 5., 0.])
    """
    return _views.run_inplace(input, _index_put, indices, values, accumulate, allow_overlap=True)


def _put_write_forward(a: np.ndarray, b: np.ndarray, picks: np.ndarray) -> np.ndarray:
    out = a.copy()
    out.reshape(-1)[picks.reshape(-1)] = b.reshape(-1)
    return out


put_write_op = defop(
    "put_write",
    "PutBackward0",
    "put",
    _put_write_forward,
    a=rule(
        "∂(a with b written at flat positions)/∂a = 1 where kept, 0 where written",
        lambda grad, picks: put_write_op(
            grad, np.zeros(picks.shape, dtype=values_of(grad).dtype), picks=picks
        ),
    ),
    b=rule(
        "∂(a with b written at flat positions)/∂b = read back there",
        lambda grad, picks, b_shape: reshape(take_op(grad, picks=picks), b_shape),
    ),
)


def _put(input: Tensor, index: Tensor, source: Tensor, accumulate: bool = False) -> Tensor:
    positions = _index_array(index)
    if positions.dtype != np.int64:
        raise messages.error("put_index_dtype", dtype=errors.scalar_type_name(positions.dtype))
    if positions.size != source._array.size:
        raise messages.error("put_count", source=source._array.size, index=positions.size)
    count = input._array.size
    if positions.size and (positions.min() < -count or positions.max() >= count):
        bad = int(positions.min() if positions.min() < -count else positions.max())
        raise messages.error("take_out_of_range", index=bad, count=count, last=count - 1)
    picks = positions % max(count, 1)
    return (put_op if accumulate else put_write_op)(input, source, picks=picks)


@export(method=True)
def put(input: Tensor, index: Tensor, source: Tensor, accumulate: bool = False) -> Tensor:
    """A copy of ``input`` with ``source`` written (or added) at ``index``, reading ``input`` as if it were 1-D.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2, 2).put(torch.tensor([0, 3]), torch.tensor([1.0, 2.0]))
    tensor([[1., 0.],
            [0., 2.]])
    """
    return _put(input, index, source, accumulate)


def _put_(self: Tensor, index: Tensor, source: Tensor, accumulate: bool = False) -> Tensor:
    """In-place version of ``put``: writes into this tensor and returns it."""
    return _views.run_inplace(self, _put, index, source, accumulate)


def _fill_diagonal_(self: Tensor, fill_value: Any, wrap: bool = False) -> Tensor:
    """Fill the main diagonal in place (all dimensions equal, or a matrix; ``wrap``: again below a tall one).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(2, 3).fill_diagonal_(1.0)
    tensor([[1., 0., 0.],
            [0., 1., 0.]])
    """
    shape = self._array.shape
    if len(shape) < 2:
        raise messages.error("fill_diagonal_ndim")
    if len(shape) > 2 and len(set(shape)) > 1:
        raise messages.error("fill_diagonal_lengths")
    if len(shape) == 2 and not (wrap and shape[0] > shape[1] + 1):
        self.diagonal().fill_(fill_value)
        return self
    step = sum(math.prod(shape[d + 1 :]) for d in range(len(shape)))
    end = None if wrap and len(shape) == 2 else min(shape) * step
    if self._array.flags.c_contiguous:
        reshape(self, -1)[:end:step].fill_(fill_value)  # a view of the diagonal, as PyTorch's as_strided
        return self
    # a transposed or sliced tensor: no flat view of it, so write at the diagonal's positions
    positions = np.unravel_index(np.arange(self._array.size)[:end:step], shape)
    value = Tensor._wrap(np.asarray(values_of(fill_value), dtype=self._array.dtype))
    return index_put_(self, tuple(Tensor._wrap(p.astype(np.int64)) for p in positions), value)


methods(
    {
        "scatter_": _scatter_,
        "scatter_add_": _scatter_add_,
        "index_add_": _index_add_,
        "masked_fill_": _masked_fill_,
        "masked_scatter_": _masked_scatter_,
        "index_fill_": _index_fill_,
        "index_copy_": _index_copy_,
        "index_put_": index_put_,
        "put_": _put_,
        "fill_diagonal_": _fill_diagonal_,
    }
)


# -- scatter_reduce (branch s12_methods) -----------------------------------------------------------------------

_REDUCTIONS = {"sum": np.add, "prod": np.multiply, "mean": np.add, "amax": np.maximum, "amin": np.minimum}
_REDUCE_ALIASES = {"max": "amax", "min": "amin"}  # (PyTorch takes them too)


def _written_mask(shape: tuple, dim: int, picks: np.ndarray) -> np.ndarray:
    """Where the index writes: True at each position some element of src goes to."""
    mask = np.zeros(shape, dtype=bool)
    if len(shape):
        mask[_key_along(picks, dim)] = True
    return mask


def _counts(a: np.ndarray, dim: int, picks: np.ndarray, include_self: bool) -> np.ndarray:
    """How many values each position's mean is of (input's own if included, plus the src elements it gets)."""
    counts = np.full(a.shape, 1 if include_self else 0, dtype=np.int64)
    np.add.at(counts, _key_along(picks, dim), 1)
    return counts


def _scatter_reduce_forward(
    a: np.ndarray, src: np.ndarray, dim: int, picks: np.ndarray, reduce: str, include_self: bool
) -> np.ndarray:
    """``a`` with ``src``'s elements reduced into the positions ``picks`` names along ``dim``."""
    reduce = _REDUCE_ALIASES.get(reduce, reduce)
    function = _REDUCTIONS[reduce]
    out = a.copy()
    if not include_self:  # the written positions start from the reduction's identity
        identity = {"sum": 0, "mean": 0, "prod": 1}.get(reduce)
        if identity is None:  # amax, amin: the first value written replaces it
            kind = np.finfo if a.dtype.kind == "f" else np.iinfo
            identity = -np.inf if reduce == "amax" else np.inf
            if a.dtype.kind != "f":
                identity = kind(a.dtype).min if reduce == "amax" else kind(a.dtype).max
        out[_written_mask(a.shape, dim, picks)] = identity
    function.at(out, _key_along(picks, dim), _part(src, picks.shape))
    if reduce == "mean":
        counts = np.maximum(_counts(a, dim, picks, include_self), 1)
        out = out // counts if a.dtype.kind in "iub" else (out / counts).astype(a.dtype, copy=False)
    return out


def _scatter_reduce_rules(
    grad: Any, a: Any, b: Any, out: Any, dim: int, picks: np.ndarray, reduce: str, include_self: bool
) -> tuple[Any, Any]:
    """PyTorch's scatter_reduce_backward: the gradients of input and src."""
    if reduce in _REDUCE_ALIASES:  # (PyTorch's forward takes "max" and "min"; its backward does not)
        raise messages.error("scatter_reduce_backward_kind", reduce=reduce)
    written = _written_mask(np.shape(values_of(a)), dim, picks)
    if reduce == "sum":
        grad_a, grad_b = grad, gather_op(grad, dim=dim, picks=picks)
    elif reduce == "mean":
        counts = np.maximum(_counts(values_of(a), dim, picks, include_self), 1).astype(values_of(grad).dtype)
        grad_a = grad / counts
        grad_b = gather_op(grad_a, dim=dim, picks=picks)
    elif reduce in ("amax", "amin"):  # shared evenly among the values equal to the result
        a_is_result = (values_of(a) == values_of(out)).astype(values_of(grad).dtype)
        b_is_result = _part(values_of(b), picks.shape) == _gather_forward(values_of(out), dim, picks)
        b_is_result = b_is_result.astype(values_of(grad).dtype)
        shared = grad / _scatter_add_forward(a_is_result, b_is_result, dim, picks)
        grad_a, grad_b = shared * a_is_result, gather_op(shared, dim=dim, picks=picks) * b_is_result
    else:  # prod: the product of the others, with zeros handled apart (as PyTorch)
        values = values_of(a)
        a_nonzero = where(values == 0, 1.0, a)
        grad_a = (
            grad
            * scatter_reduce_op(a_nonzero, b, dim=dim, picks=picks, reduce=reduce, include_self=include_self)
            / a_nonzero
        )
        source = _part(values_of(b), picks.shape)
        b_zero = source == 0
        zeros_at = _gather_forward(
            _scatter_add_forward(
                np.zeros(values.shape, values.dtype), b_zero.astype(values.dtype), dim, picks
            ),
            dim,
            picks,
        )
        single_zero = b_zero & (zeros_at == 1)
        b_unzeroed = where(single_zero, 1.0, b)
        without_it = scatter_reduce_op(
            a, b_unzeroed, dim=dim, picks=picks, reduce=reduce, include_self=include_self
        )
        grad_b = where(
            single_zero,
            gather_op(grad * without_it, dim=dim, picks=picks),
            gather_op(grad * out, dim=dim, picks=picks) / where(b_zero, 1.0, b),
        )
    if not include_self:
        grad_a = where(written, 0.0, grad_a)
    return grad_a, grad_b


# (the rules index_reduce shares: it is a scatter_reduce whose index names whole slices)
_REDUCED_INPUT = rule(
    "∂(a reduced with src at index)/∂a (sum: 1; mean: 1/count; amax/amin: shared among the maxima; prod: "
    "the product of the others)",
    lambda grad, a, b, out, dim, picks, reduce, include_self: _scatter_reduce_rules(
        grad, a, b, out, dim, picks, reduce, include_self
    )[0],
)
_REDUCED_SOURCE = rule(
    "∂(a reduced with src at index)/∂src, read back where src went",
    lambda grad, a, b, out, dim, picks, reduce, include_self: _scatter_reduce_rules(
        grad, a, b, out, dim, picks, reduce, include_self
    )[1],
)
scatter_reduce_op = defop(
    "scatter_reduce",
    "ScatterReduceBackward0",
    "scatter",
    _scatter_reduce_forward,
    a=_REDUCED_INPUT,
    b=_REDUCED_SOURCE,
)
index_reduce_op = defop(
    "index_reduce",
    "IndexReduceBackward0",
    "index",
    _scatter_reduce_forward,
    a=_REDUCED_INPUT,
    b=_REDUCED_SOURCE,
)
index_reduce_op.saved_rule_names = {"self": "a", "source": "b", "result": "out"}
scatter_reduce_op.saved_rule_names = {"self": "a", "src": "b", "result": "out"}


@export(method=True)
def scatter_reduce(
    input: Tensor, dim: int, index: Tensor, src: Tensor, reduce: str, *, include_self: bool = True
) -> Tensor:
    """A copy of ``input`` with each element of ``src`` reduced (``"sum"``, ``"prod"``, ``"mean"``, ``"amax"``,
    ``"amin"``) into the position ``index`` names along ``dim``; ``include_self=False`` leaves input's own
    values at those positions out.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(3).scatter_reduce(0, torch.tensor([0, 2, 0]), torch.tensor([1.0, 2.0, 3.0]), "amax")
    tensor([3., 0., 2.])
    """
    if _REDUCE_ALIASES.get(reduce, reduce) not in _REDUCTIONS:
        raise messages.error("scatter_reduce_kind", reduce=reduce)
    dim, index = _checked_index(input, dim, index, "scatter_reduce", src)
    _same_dtype(input, src, "scatter")
    return scatter_reduce_op(input, src, dim=dim, picks=index, reduce=reduce, include_self=include_self)


def _scatter_reduce_(
    self: Tensor, dim: int, index: Tensor, src: Tensor, reduce: str, *, include_self: bool = True
) -> Tensor:
    """In-place version of ``scatter_reduce``: reduces into this tensor and returns it."""
    return _views.run_inplace(self, scatter_reduce, dim, index, src, reduce, include_self=include_self)


methods({"scatter_reduce_": _scatter_reduce_})


def _slices_as_elements(index: Tensor, dim: int, shape: tuple) -> np.ndarray:
    """index_reduce's index (one entry per slice of source along dim) as scatter_reduce's (one per element)."""
    along = [1] * len(shape)
    if shape:
        along[dim] = -1
    return np.broadcast_to(index._array.astype(np.int64).reshape(along), shape).copy()


@export(method=True)
def index_reduce(
    input: Tensor, dim: int, index: Tensor, source: Tensor, reduce: str, *, include_self: bool = True
) -> Tensor:
    """A copy of ``input`` with each slice ``source.select(dim, i)`` reduced (``"prod"``, ``"mean"``, ``"amax"``,
    ``"amin"``) into the slice ``index[i]`` of ``input`` (PyTorch calls it beta and warns once).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     torch.ones(2, 2).index_reduce(0, torch.tensor([1, 1]), torch.tensor([[2.0, 3.0], [4.0, 5.0]]), "prod")
    tensor([[ 1.,  1.],
            [ 8., 15.]])
    """
    messages.warn_once("index_reduce_beta")
    if reduce not in ("prod", "mean", "amax", "amin"):
        raise messages.error("index_reduce_kind", reduce=reduce)
    ndim = input._array.ndim
    dim = normalize_dim(dim, ndim)
    count = source._array.shape[dim] if source._array.ndim else 1
    if index._array.size != count:
        raise messages.error("index_reduce_count", indices=index._array.size, size=count, dim=dim)
    size = input._array.shape[dim] if ndim else 1
    if index._array.size and (index._array.min() < 0 or index._array.max() >= size):  # (no negative index)
        raise messages.error("index_reduce_out_of_range")
    _same_dtype(input, source, "index_reduce")
    picks = _slices_as_elements(index, dim, source._array.shape)
    return index_reduce_op(input, source, dim=dim, picks=picks, reduce=reduce, include_self=include_self)


def _index_reduce_(
    self: Tensor, dim: int, index: Tensor, source: Tensor, reduce: str, *, include_self: bool = True
) -> Tensor:
    """In-place version of ``index_reduce``: reduces into this tensor and returns it."""
    return _views.run_inplace(self, index_reduce, dim, index, source, reduce, include_self=include_self)


methods({"index_reduce_": _index_reduce_})


# -- scatter(..., reduce="add" | "multiply"): PyTorch's older reductions, with no derivative (branch s12_methods) --

_OLD_REDUCTIONS = {"add": "sum", "multiply": "prod"}


def _no_derivative(grad: Any, name: str) -> Any:
    raise messages.error("scatter_old_reduce_derivative", name=name)


scatter_old_reduce_op = defop(
    "scatter_old_reduce", "NotImplemented", "scatter",
    lambda a, b, dim, picks, reduce, name: _scatter_reduce_forward(a, b, dim, picks, reduce, True),
    a=rule("no derivative (PyTorch has none)", _no_derivative),
    b=rule("no derivative (PyTorch has none)", _no_derivative),
)  # fmt: skip


def _scattered_reducing(input: Tensor, dim: int, index: Tensor, src: Any, name: str, reduce: str) -> Tensor:
    """``scatter(..., reduce=)``: src's elements (or the number, once per index entry) added or multiplied in."""
    if reduce not in _OLD_REDUCTIONS:
        raise messages.error("scatter_old_reduce_kind")
    tensor_src = isinstance(src, Tensor)
    dim, picks = _checked_index(input, dim, index, name.rstrip("_"), src if tensor_src else None)
    if tensor_src:
        messages.warn_once("scatter_reduce_deprecated")
        _same_dtype(input, src, name.rstrip("_"))
    else:
        src = np.full(picks.shape, src, dtype=input._array.dtype)  # (a constant: no gradient)
    return scatter_old_reduce_op(
        input, src, dim=dim, picks=picks, reduce=_OLD_REDUCTIONS[reduce], name=f"aten::{name}"
    )


# -- combinations and unravel_index (branch s12_fn) ------------------------------------------------------------


@export
def combinations(input: Tensor, r: int = 2, with_replacement: bool = False) -> Tensor:
    """Every choice of ``r`` elements of the vector ``input`` (in order of position), one per row.

    As PyTorch computes it: an r-dimensional ``meshgrid`` of the vector, each
    grid read where its positions rise (``i < j < ...``, or ``≤`` with
    replacement) by ``masked_select``, and the columns stacked.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.combinations(torch.tensor([1, 2, 3]))
    tensor([[1, 2],
            [1, 3],
            [2, 3]])
    """
    if input._array.ndim != 1:
        raise messages.error("combinations_not_1d", shape=list(input._array.shape))
    if r < 0:
        raise messages.error("combinations_negative", r=r)
    if r == 0:
        return Tensor._wrap(np.empty(0, input._array.dtype))
    positions = np.meshgrid(*[np.arange(input._array.size)] * r, indexing="ij")
    rising = np.less_equal if with_replacement else np.less
    mask = np.ones(positions[0].shape, bool)
    for earlier, later in zip(positions, positions[1:], strict=False):
        mask &= rising(earlier, later)
    mask_tensor = Tensor._wrap(mask)
    return stack([masked_select(grid, mask_tensor) for grid in meshgrid(*[input] * r, indexing="ij")], dim=1)


@export
def unravel_index(indices: Tensor, shape: int | Sequence[int]) -> tuple[Tensor, ...]:
    """The coordinates, one tensor per dimension, of flat ``indices`` into a tensor of ``shape`` (row by row).

    As PyTorch's: ``indices // strides % shape``, so an index past the end (or
    negative) wraps around instead of failing.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.unravel_index(torch.tensor([5, 7]), (3, 4))
    (tensor([1, 1]), tensor([1, 3]))
    """
    if not isinstance(indices, Tensor) or indices._array.dtype.kind not in "iu":
        dtype = indices.dtype if isinstance(indices, Tensor) else type(indices).__name__
        raise messages.error("unravel_index_dtype", dtype=dtype)
    if isinstance(shape, int):
        shape = (shape,)
    elif not isinstance(shape, Sequence):
        raise messages.error("unravel_index_shape_type", type_name=type(shape))
    for size in shape:
        if not isinstance(size, int):
            raise messages.error("unravel_index_shape_item", type_name=type(size))
    shape = tuple(shape)
    if any(size < 0 for size in shape):
        raise messages.error("unravel_index_negative", shape=shape)
    strides = np.cumprod((*shape[1:], 1)[::-1])[::-1].astype(np.int64)
    with np.errstate(divide="ignore"):
        coordinates = np.floor_divide(indices._array.astype(np.int64)[..., None], strides) % np.array(
            shape, np.int64
        )
    return tuple(Tensor._wrap(coordinates[..., axis]) for axis in range(len(shape)))
