"""Sorting and order statistics (sort, topk, median, kthvalue, mode), and counting values (unique, bincount ...).

The ops that pick elements record the indices they picked; their gradient
goes back to exactly those positions (PyTorch's
``value_selecting_reduction_backward``).  Among equal values PyTorch's
choice of index follows its own selection algorithm; here a stable sort
decides, which for sort, argsort and mode is PyTorch's choice too.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import creation, messages
from .._memory_format import is_dense, row_major
from ..messages import errors
from ..tensor import Tensor, normalize_dim
from ._core import NOT_DIFFERENTIABLE, defop, export, rule, values_of
from ._introsort import sort_order, topk_indices
from .elementwise import div_scalar
from .reduction import _spread_evenly, _take_at, _to_argmax, return_types
from .shape import _index_backward, reshape, squeeze_inplace_op, transpose, unsqueeze

return_types.declare("sort", "topk", "median", "kthvalue", "mode")


def _where_picked(indices: np.ndarray, dim: int) -> tuple:
    """The NumPy index reading ``a`` at ``indices`` along ``dim`` (and every position along the other dims)."""
    ndim = indices.ndim
    return tuple(
        indices if i == dim else np.arange(n).reshape([-1 if j == i else 1 for j in range(ndim)])
        for i, n in enumerate(indices.shape)
    )


def _put_back(grad: Any, a_shape: tuple, dim: int, indices: np.ndarray) -> Any:
    """∂(a picked at indices along dim)/∂a: each gradient put back where its value came from, 0 elsewhere."""
    if not a_shape:
        return grad
    return _index_backward(grad, a_shape, _where_picked(indices, dim))


def _take_along(a: np.ndarray, dim: int, indices: np.ndarray) -> np.ndarray:
    return np.take_along_axis(a, indices, axis=dim) if a.ndim else a.copy()


def _laid_out_as_input(values: np.ndarray, a: np.ndarray) -> np.ndarray:
    """``values`` (of ``a``'s shape) laid out as ``a`` is, where ``a`` is dense: PyTorch's sort writes into
    ``empty_like(a)`` (a transposed input gives transposed results, and ``.view`` of them fails there too)."""
    if a.flags.c_contiguous or a.ndim < 2 or not is_dense(a):
        return values
    out = np.empty_like(a, dtype=values.dtype)  # (NumPy's "K" order: a's layout)
    out[...] = values
    return out


def _sorted_values(a: np.ndarray, dim: int, indices: np.ndarray) -> np.ndarray:
    return _laid_out_as_input(_take_along(a, dim, indices), a)


sort_op = defop(
    "sort",
    "SortBackward0",
    "sort",
    _sorted_values,
    a=rule("∂(sorted a)ⱼ/∂aᵢ = 1 where element i went to place j", _put_back),
)
sort_stable_op = defop(  # sort(..., stable=...): PyTorch's sort.stable overload
    "sort_stable",
    "SortBackward1",
    "sort",
    _sorted_values,
    a=rule("∂(sorted a)ⱼ/∂aᵢ = 1 where element i went to place j", _put_back),
)
topk_op = defop(
    "topk",
    "TopkBackward0",
    "top k",
    _take_along,
    a=rule("∂(top k of a)ⱼ/∂aᵢ = 1 where element i is the j-th picked", _put_back),
)
median_op = defop(
    "median",
    "MedianBackward0",
    "median",
    lambda a, index: a.reshape(-1)[index],
    a=rule("∂(median a)/∂aᵢ = 1/k for the k elements equal to the median", _spread_evenly),
)
median_dim_op = defop(
    "median_dim",
    "MedianBackward1",
    "median",
    _take_at,
    a=rule("∂(median along dim)/∂aᵢ = 1 at the index picked", _to_argmax),
)
kthvalue_op = defop(
    "kthvalue",
    "KthvalueBackward0",
    "k-th",
    _take_at,
    a=rule("∂(k-th smallest)/∂aᵢ = 1 at the index picked", _to_argmax),
)
mode_op = defop(
    "mode",
    "ModeBackward0",
    "mode",
    _take_at,
    a=rule("∂(mode along dim)/∂aᵢ = 1 at the index picked", _to_argmax),
)


def _dim_of(input: Tensor, dim: int) -> int:
    return normalize_dim(dim, input._array.ndim)  # a 0-d tensor takes 0 and -1


def _rows_or_scalar(input: Tensor, dim: int, picked: Any) -> np.ndarray:
    """Indices: ``picked`` (a function of the array and dim) along ``dim``, or 0 for a 0-d tensor."""
    if not input._array.ndim:
        return np.zeros((), dtype=np.int64)
    return picked(input._array, dim).astype(np.int64)


@export(method=True)
def sort(input: Tensor, dim: int = -1, descending: bool = False, *, stable: bool | None = None) -> Any:
    """The values sorted along ``dim``, and where each came from: ``(values, indices)``.

    Equal values keep their order with ``stable=True``; otherwise they are where
    PyTorch's unstable sort leaves them (in order up to 16 values); NaN sorts as
    the largest value.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.sort(torch.tensor([3.0, 1.0, 2.0]), descending=True)
    torch.return_types.sort(
    values=tensor([3., 2., 1.]),
    indices=tensor([0, 2, 1]))
    """
    dim = _dim_of(input, dim)
    indices = _rows_or_scalar(input, dim, lambda a, d: sort_order(a, d, descending, stable=bool(stable)))
    op = sort_op if stable is None else sort_stable_op  # PyTorch's sort.stable overload: SortBackward1
    values = op(input, dim=dim, indices=indices)
    return return_types.sort(values, Tensor._wrap(_laid_out_as_input(indices, input._array)))


@export(method=True)
def argsort(input: Tensor, dim: int = -1, descending: bool = False, *, stable: bool = False) -> Tensor:
    """The indices that sort ``input`` along ``dim`` (``sort(...).indices``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([3.0, 1.0, 2.0]).argsort()
    tensor([1, 2, 0])
    """
    dim = _dim_of(input, dim)
    indices = _rows_or_scalar(input, dim, lambda a, d: sort_order(a, d, descending, stable=stable))
    return Tensor._wrap(_laid_out_as_input(indices, input._array))


@export(method=True)
def msort(input: Tensor) -> Tensor:
    """``input`` sorted along its first dimension (``sort(input, dim=0).values``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.msort(torch.tensor([[2.0, 1.0], [1.0, 3.0]]))
    tensor([[1., 1.],
            [2., 3.]])
    """
    return sort(input, dim=0).values


@export(method=True)
def topk(input: Tensor, k: int, dim: int = -1, largest: bool = True, sorted: bool = True) -> Any:  # noqa: A002
    """The ``k`` largest (or, with ``largest=False``, smallest) values along ``dim``, and their indices.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([1.0, 5.0, 3.0, 4.0]).topk(2)
    torch.return_types.topk(
    values=tensor([5., 4.]),
    indices=tensor([1, 3]))
    """
    dim = _dim_of(input, dim)
    size = input._array.shape[dim] if input._array.ndim else 1
    if not 0 <= k <= size:
        raise messages.error("topk_k_out_of_range")
    if not input._array.ndim:
        indices = np.zeros((), dtype=np.int64)
    else:
        indices = topk_indices(input._array, k, dim, largest, sorted)
    return return_types.topk(topk_op(input, dim=dim, indices=indices), Tensor._wrap(indices))


# -- one value per row: median, kthvalue, mode ------------------------------------------------


def _check_rows(input: Tensor, dim: int, op: str) -> None:
    if input._array.ndim and input._array.shape[dim] == 0:
        raise messages.error("empty_reduction_dim", op=op, dim=dim)


def _picked(op: Any, kind: type, input: Tensor, dim: int, keepdim: bool, indices: np.ndarray) -> Any:
    """``op``'s values at ``indices`` (kept along ``dim``) and the indices, as PyTorch's named tuple ``kind``."""
    dims = (dim,) if input._array.ndim else ()
    values = op(input, dim=dims, keepdim=keepdim, indices=indices)
    shown = indices if keepdim or not dims else np.squeeze(indices, dim)
    return kind(values, Tensor._wrap(shown))


def _kth_indices(a: np.ndarray, dim: int, k: int) -> np.ndarray:
    """Where the k-th smallest value (0-based) of each row is, kept as a dimension of size 1."""
    return np.take(sort_order(a, dim, descending=False), [k], axis=dim)


def _median_indices(a: np.ndarray, dim: int) -> np.ndarray:
    """The lower median's index in each row; a row with a NaN gives its first NaN, as PyTorch."""
    lower = _kth_indices(a, dim, (a.shape[dim] - 1) // 2)
    nans = np.isnan(a) if a.dtype.kind == "f" else np.zeros(a.shape, dtype=bool)
    first_nan = np.expand_dims(np.argmax(nans, axis=dim), dim)
    return np.where(np.expand_dims(nans.any(axis=dim), dim), first_nan, lower)


@export(method=True)
def median(input: Tensor, dim: int | None = None, keepdim: bool = False) -> Any:
    """The median (the lower of the two middle values for an even count); along ``dim``, with indices.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.median(torch.tensor([4.0, 1.0, 3.0, 2.0]))
    tensor(2.)
    >>> torch.tensor([[4.0, 1.0, 3.0]]).median(dim=1)
    torch.return_types.median(
    values=tensor([3.]),
    indices=tensor([2]))
    """
    if dim is None:
        flat = input._array.reshape(-1)
        if not flat.size:
            return Tensor._wrap(np.array(np.nan, dtype=input._array.dtype))
        index = int(_median_indices(flat, 0)[0])
        return median_op(input, index=index)
    dim = _dim_of(input, dim)
    _check_rows(input, dim, "median")
    indices = _rows_or_scalar(input, dim, _median_indices)
    return _picked(median_dim_op, return_types.median, input, dim, keepdim, indices)


@export(method=True)
def kthvalue(input: Tensor, k: int, dim: int = -1, keepdim: bool = False) -> Any:
    """The ``k``-th smallest value along ``dim`` (``k`` counts from 1), and its index.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.kthvalue(torch.tensor([4.0, 1.0, 3.0]), 2)
    torch.return_types.kthvalue(
    values=tensor(3.),
    indices=tensor(2))
    """
    dim = _dim_of(input, dim)
    _check_rows(input, dim, "kthvalue")
    size = input._array.shape[dim] if input._array.ndim else 1
    if not 1 <= k <= size:
        raise messages.error("kthvalue_k_out_of_range", dim=dim)
    indices = _rows_or_scalar(input, dim, lambda a, d: _kth_indices(a, d, k - 1))
    return _picked(kthvalue_op, return_types.kthvalue, input, dim, keepdim, indices)


def _mode_indices(a: np.ndarray, dim: int) -> np.ndarray:
    """Per row: the last index of the most frequent value (the smallest such value on a tie of counts)."""
    rows = np.moveaxis(a, dim, -1).reshape(-1, a.shape[dim])
    picked = np.empty(len(rows), dtype=np.int64)
    for r, row in enumerate(rows):
        values, counts = np.unique(row, return_counts=True)
        value = values[np.argmax(counts)]  # argmax: the first, i.e. smallest, value with the top count
        picked[r] = np.flatnonzero(row == value)[-1]
    shape = np.moveaxis(a, dim, -1).shape[:-1] + (1,)
    return np.moveaxis(picked.reshape(shape), -1, dim)


@export(method=True)
def mode(input: Tensor, dim: int = -1, keepdim: bool = False) -> Any:
    """The most frequent value along ``dim`` (the smallest, if several are), and its last index.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([2, 1, 2, 1, 3]).mode()
    torch.return_types.mode(
    values=tensor(1),
    indices=tensor(3))
    """
    dim = _dim_of(input, dim)
    _check_rows(input, dim, "mode")
    indices = _rows_or_scalar(input, dim, _mode_indices)
    return _picked(mode_op, return_types.mode, input, dim, keepdim, indices)


# -- counting values: unique, bincount, histc, searchsorted, bucketize ---------------------------


@export(method=True)
def unique(
    input: Tensor,
    sorted: bool = True,  # noqa: A002
    return_inverse: bool = False,
    return_counts: bool = False,
    dim: int | None = None,
) -> Any:
    """The distinct values (or rows along ``dim``), sorted; and, if asked, where each element went and the counts.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.unique(torch.tensor([3, 1, 3, 2]), return_counts=True)
    (tensor([1, 2, 3]), tensor([1, 1, 2]))
    """
    array = input._array
    axis = None if dim is None else normalize_dim(dim, array.ndim)
    values, inverse, counts = np.unique(
        array,
        return_inverse=True,
        return_counts=True,
        axis=axis,
        equal_nan=False,  # each NaN apart, as PyTorch
    )
    results = [Tensor._wrap(values)]
    if return_inverse:
        results.append(Tensor._wrap(inverse.reshape(array.shape if axis is None else -1).astype(np.int64)))
    if return_counts:
        results.append(Tensor._wrap(counts.astype(np.int64)))
    return results[0] if len(results) == 1 else tuple(results)


@export(method=True)
def bincount(input: Tensor, weights: Tensor | None = None, minlength: int = 0) -> Tensor:
    """How often each of 0, 1, 2 ... occurs in a 1-d tensor of non-negative integers (or the sum of ``weights``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.bincount(torch.tensor([0, 1, 1, 3]))
    tensor([1, 2, 0, 1])
    """
    array = input._array
    if array.dtype.kind == "f":
        raise messages.error(
            "not_implemented_for", kernel="bincount_cpu", dtype_name=errors.scalar_type_name(array.dtype)
        )
    if array.ndim != 1 or (array.size and array.min() < 0):
        raise messages.error("bincount_not_1d_int")
    if weights is None:
        return Tensor._wrap(np.bincount(array, minlength=minlength).astype(np.int64))
    w = values_of(weights)
    kind = (
        np.float32 if w.dtype == np.float32 else np.float64
    )  # PyTorch: float weights keep float32, others double
    return Tensor._wrap(np.bincount(array, weights=w, minlength=minlength).astype(kind))


@export(method=True)
def histc(input: Tensor, bins: int = 100, min: float = 0, max: float = 0) -> Tensor:  # noqa: A002
    """A histogram: ``bins`` equal bins between ``min`` and ``max`` (the data's own range when both are 0).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.histc(torch.tensor([1.0, 2.0, 1.0]), bins=4, min=0, max=3)
    tensor([0., 2., 1., 0.])
    """
    array = input._array
    if array.dtype.kind != "f":
        raise messages.error(
            "not_implemented_for", kernel="histogram_cpu", dtype_name=errors.scalar_type_name(array.dtype)
        )
    low, high = float(min), float(max)
    if low == high and array.size:
        low, high = float(array.min()), float(array.max())
    if low == high:
        low, high = low - 1, high + 1
    if low > high:
        raise messages.error("histc_min_above_max")
    inside = array[(array >= low) & (array <= high)]
    # PyTorch's bin: ⌊(x − min)·bins/(max − min)⌋, in the input's dtype, the top edge in the last bin
    scale = array.dtype.type(bins) / (array.dtype.type(high) - array.dtype.type(low))
    places = np.minimum(((inside - array.dtype.type(low)) * scale).astype(np.int64), bins - 1)
    return Tensor._wrap(np.bincount(places, minlength=bins).astype(array.dtype))


return_types.declare("histogram", fields=("hist", "bin_edges"))


@export(method=True)
def histogram(
    input: Tensor,
    bins: int | Tensor = 100,
    *,
    range: tuple[float, float] | None = None,  # noqa: A002 - PyTorch's name
    weight: Tensor | None = None,
    density: bool = False,
) -> Any:
    """Count the elements in each bin: ``bins`` equal bins over ``range`` (the data's own by default), or
    the bins between the edges a tensor ``bins`` gives; ``weight`` counts each element with its weight,
    ``density`` scales the counts so that they integrate to 1.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.histogram(torch.tensor([0.0, 1.0, 1.0, 2.0]), bins=2)
    torch.return_types.histogram(
    hist=tensor([1., 3.]),
    bin_edges=tensor([0., 1., 2.]))
    """
    array = input._array
    if array.dtype.kind != "f":
        raise messages.error(
            "not_implemented_for", kernel="histogramdd", dtype_name=errors.scalar_type_name(array.dtype)
        )
    if isinstance(bins, Tensor):
        edges = bins._array.astype(array.dtype)
    else:
        if bins <= 0:
            raise messages.error("histogram_bins", bins=bins)
        low, high = range if range is not None else (array.min(), array.max()) if array.size else (0.0, 1.0)
        if low > high:
            raise messages.error("histogram_range", low=low, high=high)
        if low == high:  # (PyTorch widens an empty span to a unit one)
            low, high = low - 0.5, high + 0.5
        edges = creation._linspace_values(float(low), float(high), int(bins) + 1, array.dtype)
    values = array.ravel()
    counted = (values >= edges[0]) & (values <= edges[-1])
    # each value's bin: the last edge at or below it (the top edge belongs to the last bin)
    place = np.minimum(np.searchsorted(edges, values[counted], side="right") - 1, len(edges) - 2)
    weights = None if weight is None else weight._array.ravel()[counted]
    hist = np.bincount(place, weights=weights, minlength=len(edges) - 1).astype(array.dtype)
    if density:
        hist = hist / hist.sum(dtype=array.dtype) / np.diff(edges)
    return return_types.histogram(Tensor._wrap(hist), Tensor._wrap(np.array(edges)))


@export
def searchsorted(
    sorted_sequence: Tensor,
    input: Any,
    *,
    out_int32: bool = False,
    right: bool = False,
    side: str | None = None,
    sorter: Tensor | None = None,
) -> Tensor:
    """Where each value of ``input`` would go in ``sorted_sequence`` (along its last dimension) to keep it sorted.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.searchsorted(torch.tensor([1, 3, 5, 7]), torch.tensor([3, 6]))
    tensor([1, 3])
    >>> torch.searchsorted(torch.tensor([1, 3, 5, 7]), torch.tensor([3, 6]), right=True)
    tensor([2, 3])
    """
    sequence = values_of(sorted_sequence)
    if sorter is not None:
        sequence = np.take_along_axis(sequence, values_of(sorter), axis=-1)
    side = side or ("right" if right else "left")
    values = np.asarray(values_of(input))
    if sequence.ndim <= 1:
        found = np.searchsorted(sequence, values, side=side)
    else:
        if sequence.shape[:-1] != values.shape[:-1]:
            raise messages.error(
                "searchsorted_leading_dims", boundaries=list(sequence.shape), values=list(values.shape)
            )
        rows_in, rows_out = sequence.reshape(-1, sequence.shape[-1]), values.reshape(-1, values.shape[-1])
        found = np.stack([np.searchsorted(s, v, side=side) for s, v in zip(rows_in, rows_out, strict=True)])
        found = found.reshape(values.shape)
    return Tensor._wrap(np.asarray(found, dtype=np.int32 if out_int32 else np.int64))


@export
def bucketize(input: Any, boundaries: Tensor, *, out_int32: bool = False, right: bool = False) -> Tensor:
    """The bucket of each value: its place among the sorted 1-d ``boundaries`` (``right`` says which side a tie goes).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.bucketize(torch.tensor([0.5, 2.0, 9.0]), torch.tensor([1.0, 2.0, 5.0]))
    tensor([0, 1, 3])
    """
    if values_of(boundaries).ndim != 1:
        raise messages.error("bucketize_boundaries_1d", ndim=values_of(boundaries).ndim)
    return searchsorted(boundaries, input, out_int32=out_int32, right=right)


# -- quantile and nanquantile --------------------------------------------------------------------
# PyTorch computes them from its own ops (Sorting.cpp, quantile_compute): sort, view, gather the
# values below and above each rank, lerp between them, squeeze.  The same steps here make the same
# nodes: SortBackward0, ViewBackward0, GatherBackward0, LerpBackward1, SqueezeBackward4.


def _lerp_forward(start: np.ndarray, end: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """PyTorch's lerp: start + w·(end − start) for w < ½, else end − (end − start)·(1 − w) (exact at both ends)."""
    return np.where(weight < 0.5, start + weight * (end - start), end - (end - start) * (1 - weight))


def _gather_back(grad: Any, a_shape: tuple, indices: np.ndarray) -> Any:
    """∂(a gathered at indices along the last dim)/∂a: the gradient added back at each index read."""
    return _index_backward(grad, a_shape, _where_picked(indices, len(a_shape) - 1))


quantile_gather_op = defop(
    "quantile_gather",
    "GatherBackward0",
    "gather",
    lambda a, indices: np.take_along_axis(a, indices, axis=-1),
    a=rule("∂(a gathered at i)/∂aⱼ = 1 for each i = j", _gather_back),
)
quantile_lerp_op = defop(
    "quantile_lerp",
    "LerpBackward1",
    "lerp",
    _lerp_forward,
    start=rule("∂lerp(s, e, w)/∂s = 1 − w", lambda grad, weight: grad * (1 - weight)),
    end=rule("∂lerp(s, e, w)/∂e = w", lambda grad, weight: grad * weight),
    weight=NOT_DIFFERENTIABLE,
)

_INTERPOLATIONS = ("linear", "lower", "higher", "midpoint", "nearest")


def _check_quantile(input: Tensor, q: Any, interpolation: str) -> np.ndarray:
    """The checks PyTorch makes, in its order; returns q as a 1-d array in the input's dtype."""
    array = input._array
    if array.dtype.kind != "f":
        raise messages.error("quantile_not_float", name="quantile")
    if not array.size:
        raise messages.error("quantile_empty", name="quantile")
    if isinstance(q, Tensor):
        if q._array.ndim > 1:
            raise messages.error("quantile_q_dims", name="quantile")
        if q._array.dtype != array.dtype:
            raise messages.error("quantile_q_dtype", name="quantile")
    if interpolation not in _INTERPOLATIONS:
        raise messages.error("quantile_interpolation", name="quantile", interpolation=interpolation)
    qs = np.asarray(values_of(q), dtype=array.dtype).reshape(-1)
    if ((qs < 0) | (qs > 1)).any():
        if not isinstance(q, Tensor):
            raise messages.error("quantile_q_range", name="quantile", q=q)
        raise messages.error("quantile_q_tensor_range", name="quantile")
    return qs


def _sorted_rows(input: Tensor, dim: int | None, keepdim: bool) -> tuple[Tensor, list[int]]:
    """The values sorted along the last dimension (the reduced one moved there), and the result's shape."""
    ndim = input._array.ndim
    if dim is None:
        return sort(reshape(input, -1)).values, [1] * ndim if keepdim else []
    dim = normalize_dim(dim, ndim) if ndim else 0
    shape = list(input._array.shape)
    out_shape = [n if i != dim else 1 for i, n in enumerate(shape) if keepdim or i != dim]
    if dim == ndim - 1 or not ndim:
        return sort(input).values, out_shape
    return sort(transpose(unsqueeze(input, -1), dim, -1)).values, out_shape


def _quantile(
    input: Tensor, q: Any, dim: int | None, keepdim: bool, interpolation: str, ignore_nan: bool
) -> Tensor:
    qs = _check_quantile(input, q, interpolation)
    ordered, out_shape = _sorted_rows(input, dim, keepdim)
    n = ordered._array.shape[-1] if ordered._array.ndim else 1
    ordered = reshape(ordered, *out_shape, n)  # PyTorch's view to (*, n): ViewBackward0
    values = ordered._array
    dtype = values.dtype.type
    if ignore_nan:  # ranks among the values that are not NaN (all NaN: rank 0, and the result NaN)
        counted = np.logical_not(np.isnan(values)).sum(axis=-1, keepdims=True).astype(values.dtype)
        ranks = qs * (counted - 1)
        ranks = np.where(ranks < 0, dtype(0), ranks)
    else:  # a row with a NaN takes the last rank: its NaN
        ranks = np.broadcast_to(qs * dtype(n - 1), np.broadcast_shapes(qs.shape, values.shape[:-1] + (1,)))
        ranks = np.where(np.isnan(values).any(axis=-1, keepdims=True), dtype(n - 1), ranks)
    ranks = {"lower": np.floor, "higher": np.ceil, "nearest": np.round}.get(interpolation, np.asarray)(ranks)
    below = ranks.astype(np.int64)
    result = quantile_gather_op(ordered, indices=below)
    if interpolation in ("linear", "midpoint"):
        weights = (
            np.full_like(ranks, 0.5) if interpolation == "midpoint" else (ranks - below).astype(ranks.dtype)
        )
        above = quantile_gather_op(ordered, indices=np.ceil(ranks).astype(np.int64))
        result = quantile_lerp_op(result, above, weights)
    if isinstance(q, Tensor) and q._array.ndim:  # the quantiles moved to the first dimension
        result = transpose(unsqueeze(result, 0), 0, -1)
    return squeeze_inplace_op(result, dims=(result._array.ndim - 1,))


@export(method=True)
def quantile(
    input: Tensor, q: Any, dim: int | None = None, keepdim: bool = False, *, interpolation: str = "linear"
) -> Tensor:
    """The ``q``-th quantiles (``q`` a number or 1-d tensor in [0, 1]), interpolating linearly by default.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.quantile(torch.tensor([1.0, 2.0, 4.0, 8.0]), 0.5)
    tensor(3.)
    >>> torch.tensor([[1.0, 2.0, 4.0]]).quantile(torch.tensor([0.25, 1.0]), dim=1)
    tensor([[1.5000],
            [4.0000]])
    """
    return _quantile(input, q, dim, keepdim, interpolation, ignore_nan=False)


@export(method=True)
def nanquantile(
    input: Tensor, q: Any, dim: int | None = None, keepdim: bool = False, *, interpolation: str = "linear"
) -> Tensor:
    """:func:`quantile` of the values that are not NaN (NaN only where a row has nothing else).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.nanquantile(torch.tensor([1.0, float("nan"), 3.0]), 0.5)
    tensor(2.)
    """
    return _quantile(input, q, dim, keepdim, interpolation, ignore_nan=True)


# -- running maximum and minimum, logcumsumexp (branch more_g) ------------------------------------

return_types.declare("cummax", "cummin")


def _running_extreme_indices(a: np.ndarray, dim: int, largest: bool) -> np.ndarray:
    """Where the running maximum (minimum) of ``a`` along ``dim`` is: the latest among equals, a NaN once met.

    PyTorch's rule: element i takes over when it is NaN, or when the running
    value is not NaN and ``a[i] >= running`` (``<=`` for the minimum).
    """
    moved = np.moveaxis(a, dim, 0)
    indices = np.zeros(moved.shape, dtype=np.int64)
    if not moved.shape[0]:
        return np.moveaxis(indices, 0, dim)
    best, where = moved[0].copy(), np.zeros(moved.shape[1:], dtype=np.int64)
    indices[0] = where
    for i in range(1, moved.shape[0]):
        x = moved[i]
        beats = x >= best if largest else x <= best
        if moved.dtype.kind == "f":
            beats = np.isnan(x) | (~np.isnan(best) & beats)
        best, where = np.where(beats, x, best), np.where(beats, i, where)
        indices[i] = where
    return np.moveaxis(indices, 0, dim).copy(order="C")  # (row by row, as PyTorch's new tensors)


def _running_extreme_rule(grad: Any, a_shape: tuple, dim: int, indices: np.ndarray) -> Any:
    """∂(running max)_j/∂aᵢ = 1 where i is the index picked for j: the gradient added back there."""
    from .indexing import scatter_add_op  # indexing builds on reduction and shape, as this module does

    if not a_shape:
        return grad
    return scatter_add_op(np.zeros(a_shape, dtype=values_of(grad).dtype), grad, dim=dim, picks=indices)


def _values_at(a: np.ndarray, dim: int, indices: np.ndarray) -> np.ndarray:
    return np.take_along_axis(a, indices, axis=dim) if a.ndim else a.copy()


cummax_op = defop(
    "cummax",
    "CummaxBackward0",
    "cummax",
    row_major(_values_at),
    a=rule("∂(running max)_j/∂aᵢ = 1 where i is the index picked for j", _running_extreme_rule),
)
cummin_op = defop(
    "cummin",
    "CumminBackward0",
    "cummin",
    row_major(_values_at),
    a=rule("∂(running min)_j/∂aᵢ = 1 where i is the index picked for j", _running_extreme_rule),
)


def _running_extreme(input: Tensor, dim: int, largest: bool) -> Any:
    dim = normalize_dim(dim, input._array.ndim)
    if input._array.ndim:
        indices = _running_extreme_indices(input._array, dim, largest)
    else:
        indices = np.zeros((), dtype=np.int64)
    op, kind = (cummax_op, return_types.cummax) if largest else (cummin_op, return_types.cummin)
    return kind(op(input, dim=dim, indices=indices), Tensor._wrap(indices))


@export(method=True)
def cummax(input: Tensor, dim: int) -> Any:
    """The running maximum along ``dim`` and where it is (the latest index among equal values).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.cummax(torch.tensor([1.0, 3.0, 2.0, 3.0]), dim=0)
    torch.return_types.cummax(
    values=tensor([1., 3., 3., 3.]),
    indices=tensor([0, 1, 1, 3]))
    """
    return _running_extreme(input, dim, largest=True)


@export(method=True)
def cummin(input: Tensor, dim: int) -> Any:
    """The running minimum along ``dim`` and where it is (the latest index among equal values).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([2.0, 1.0, 3.0]).cummin(0)
    torch.return_types.cummin(
    values=tensor([2., 1., 1.]),
    indices=tensor([0, 1, 1]))
    """
    return _running_extreme(input, dim, largest=False)


def _reverse_logcumsumexp(x: Any, dim: int) -> Any:
    from .reduction import _flip

    return _flip(logcumsumexp_op(_flip(x, dim), dim=dim), dim)


def _logcumsumexp_rule(grad: Any, a: Any, out: Any, dim: int) -> Any:
    """∂(log Σ_{l≤j} exp a_l)/∂aᵢ = Σ_{j≥i} gⱼ·exp(aᵢ − outⱼ), summed in log space by sign (PyTorch's rule)."""
    from .elementwise import abs, exp, log, where

    if not np.ndim(grad) or not np.size(values_of(grad)):
        return grad
    lowest = np.finfo(values_of(grad).dtype).min
    with np.errstate(divide="ignore", over="ignore"):  # log 0 = -inf and lowest - 1 = -inf, as in PyTorch
        log_abs = log(abs(grad))
        positive = where(values_of(grad) > 0, log_abs, lowest)
        negative = where(values_of(grad) < 0, log_abs, lowest)
        return exp(_reverse_logcumsumexp(positive - out, dim) + a) - exp(
            _reverse_logcumsumexp(negative - out, dim) + a
        )


logcumsumexp_op = defop(
    "logcumsumexp",
    "LogcumsumexpBackward0",
    "logcumsumexp",
    row_major(lambda a, dim: np.logaddexp.accumulate(a, axis=dim) if a.ndim else a.copy()),
    a=rule("∂(log Σ_{l≤j} exp a_l)/∂aᵢ = Σ_{j≥i} gⱼ·exp(aᵢ − outⱼ)", _logcumsumexp_rule),
)


@export(method=True)
def logcumsumexp(input: Tensor, dim: int) -> Tensor:
    """Running ``log(exp(x_0) + ... + exp(x_j))`` along ``dim``, computed without overflow.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.logcumsumexp(torch.tensor([0.0, 0.0, 0.0]), dim=0)
    tensor([0.0000, 0.6931, 1.0986])
    """
    if input._array.dtype.kind not in "fc":
        raise messages.error(
            "logcumsumexp_not_floating", dtype_name=errors.scalar_type_name(input._array.dtype)
        )
    return logcumsumexp_op(input, dim=normalize_dim(dim, input._array.ndim))


# -- covariance, correlation, integration, Vandermonde matrices (branch more_g) --------------------
# Composites: each records the nodes PyTorch's composite records (aten's Correlation.cpp,
# Integration.cpp and vander), so the graph a student draws is PyTorch's.


mul_scalar = defop(  # a tensor times a number inside PyTorch's C++ (trapezoid's composites): MulBackward1
    "mul_scalar",
    "MulBackward1",
    "×",
    lambda a, other: np.multiply(a, other).astype(a.dtype, copy=False),
    a=rule("∂(a·c)/∂a = c", lambda grad, other: mul_scalar(grad, other=other)),
)


def _check_weights(weights: Tensor, name: str, observations: int, integral: bool) -> None:
    array = weights._array
    if array.ndim > 1:
        raise messages.error("cov_weights_ndim", name=name, ndim=array.ndim)
    if array.size != observations:
        raise messages.error("cov_weights_numel", name=name, numel=array.size, observations=observations)
    if integral and array.dtype.kind not in "iu":
        raise messages.error(
            "cov_weights_dtype", name=name, kind="integral", dtype=errors.scalar_type_name(array.dtype)
        )
    if not integral and array.dtype.kind != "f":
        raise messages.error(
            "cov_weights_dtype", name=name, kind="floating point", dtype=errors.scalar_type_name(array.dtype)
        )
    if array.size and array.min() < 0:
        raise messages.error("cov_weights_negative", name=name)


@export(method=True)
def cov(
    input: Tensor, *, correction: int = 1, fweights: Tensor | None = None, aweights: Tensor | None = None
) -> Tensor:
    """The covariance matrix of the variables in the rows of ``input`` (observations in the columns).

    ``correction=1`` divides by N - 1 (Bessel), 0 by N; ``fweights`` repeat
    observations, ``aweights`` weigh them.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.cov(torch.tensor([[0.0, 1.0, 2.0], [2.0, 1.0, 0.0]]))
    tensor([[ 1., -1.],
            [-1.,  1.]])
    """

    if input._array.ndim > 2:
        raise messages.error("cov_ndim", ndim=input._array.ndim)
    x = reshape(input, (1, -1)) if input._array.ndim < 2 else input
    observations = x._array.shape[1]
    weights = None
    if fweights is not None:
        _check_weights(fweights, "fweights", observations, integral=True)
        weights = fweights
    if aweights is not None:
        _check_weights(aweights, "aweights", observations, integral=False)
        weights = aweights if weights is None else weights * aweights
    if weights is None:
        weight_sum: Any = Tensor._wrap(np.array(observations, dtype=np.int64))
        norm_factor = weight_sum - correction
    else:
        weight_sum = weights.sum()
        if correction == 0:
            norm_factor = weight_sum
        elif aweights is None:
            norm_factor = weight_sum - correction
        else:
            norm_factor = weight_sum - correction * (weights * aweights).sum() / weight_sum
    if bool((norm_factor._array <= 0).all()):
        messages.warn("cov_degrees_of_freedom")
        norm_factor = Tensor._wrap(np.zeros_like(norm_factor._array))
    with np.errstate(
        divide="ignore", invalid="ignore"
    ):  # no observations, or dof <= 0: inf and nan, as in PyTorch
        mean = (x if weights is None else x * weights).sum(1) / weight_sum
        centred = x - mean.unsqueeze(1)
        return (centred.mm((centred if weights is None else centred * weights).t()) / norm_factor).squeeze()


@export(method=True)
def corrcoef(input: Tensor) -> Tensor:
    """Pearson correlation coefficients of the variables in the rows of ``input``, clipped to [-1, 1].

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.corrcoef(torch.tensor([[0.0, 1.0, 2.0], [2.0, 1.0, 0.0]]))
    tensor([[ 1., -1.],
            [-1.,  1.]])
    """
    c = cov(input)
    if not c._array.ndim:
        return c / c
    stddev = c.diagonal().sqrt()
    c = c / stddev.view(-1, 1)
    c = c / stddev.view(1, -1)
    return c.clip(-1, 1)


def _spacing(y: Tensor, x: Tensor, dim: int, name: str) -> Tensor:
    """The gaps x[i+1] - x[i] along ``dim``, shaped to multiply y's trapezoids (PyTorch's trapezoid checks)."""
    n = y._array.shape[dim]
    if x._array.ndim == 1:
        if x._array.shape[0] != n:
            raise messages.error("trapezoid_x_size", name=name)
        x = x.view(tuple(n if d == dim else 1 for d in range(y._array.ndim)))
    size = x._array.shape[dim]
    return x.narrow(dim, 1, size - 1) - x.narrow(dim, 0, size - 1)


def _trapezoid_args(y: Tensor, x: Any, dx: Any, dim: int, name: str) -> tuple[Tensor, int, float]:
    """y as a float tensor (an integer one takes no gradient: nothing recorded), dim, and dx as a number."""
    from .._dtype import default_float

    if x is not None and dx is not None:
        raise messages.error("trapezoid_x_and_dx", name=name)
    if y._array.dtype.kind != "f":
        y = y.to(default_float())
    return y, normalize_dim(dim, y._array.ndim), 1.0 if dx is None else float(values_of(dx))


@export
def trapezoid(y: Tensor, x: Tensor | None = None, *, dx: Any = None, dim: int = -1) -> Tensor:
    """The integral of ``y`` along ``dim`` by the trapezoidal rule, at points ``x`` or spaced ``dx`` apart.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.trapezoid(torch.tensor([1.0, 2.0, 4.0]))
    tensor(4.5000)
    >>> torch.trapezoid(torch.tensor([1.0, 2.0, 4.0]), torch.tensor([0.0, 1.0, 3.0]))
    tensor(7.5000)
    """
    y, dim, dx = _trapezoid_args(y, x, dx, dim, "trapezoid")
    n = y._array.shape[dim]
    if n == 0:
        return mul_scalar(y.sum(dim), other=0.0)
    if x is None:
        ends = mul_scalar(y.select(dim, 0) + y.select(dim, -1), other=0.5)
        return mul_scalar(y.sum(dim) - ends, other=dx)
    gaps = _spacing(y, x, dim, "trapezoid")
    return div_scalar((gaps * (y.narrow(dim, 1, n - 1) + y.narrow(dim, 0, n - 1))).sum(dim), other=2.0)


@export
def trapz(y: Tensor, x: Tensor | None = None, *, dx: Any = None, dim: int = -1) -> Tensor:
    """Another name of ``trapezoid``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.trapz(torch.tensor([1.0, 1.0, 1.0]), dx=2)
    tensor(4.)
    """
    _trapezoid_args(y, x, dx, dim, "trapz")
    return trapezoid(y, x, dx=dx, dim=dim)


@export
def cumulative_trapezoid(y: Tensor, x: Tensor | None = None, *, dx: Any = None, dim: int = -1) -> Tensor:
    """The running integral of ``y`` along ``dim`` by the trapezoidal rule (one element fewer than ``y``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.cumulative_trapezoid(torch.tensor([1.0, 2.0, 4.0]))
    tensor([1.5000, 4.5000])
    """
    y, dim, dx = _trapezoid_args(y, x, dx, dim, "cumulative_trapezoid")
    n = y._array.shape[dim]
    pairs = y.narrow(dim, 0, max(n - 1, 0)) + y.narrow(dim, min(1, n), max(n - 1, 0))
    if x is None:
        return mul_scalar(pairs, other=dx / 2.0).cumsum(dim)
    return div_scalar((_spacing(y, x, dim, "cumulative_trapezoid") * pairs).cumsum(dim), other=2.0)


@export
def vander(x: Tensor, N: int | None = None, increasing: bool = False) -> Tensor:  # noqa: N803 - PyTorch's name
    """The Vandermonde matrix of ``x``: its columns are powers of ``x`` (decreasing, unless ``increasing``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.vander(torch.tensor([1, 2, 3]))
    tensor([[1, 1, 1],
            [4, 2, 1],
            [9, 3, 1]])
    """
    from .. import creation
    from .shape import flip

    if x._array.ndim != 1:
        raise messages.error("vander_ndim")
    n = x._array.shape[0] if N is None else int(N)
    if n < 0:
        raise messages.error("vander_negative")
    kept = (
        x._array.dtype.kind in "fc"
    )  # PyTorch promotes with int64: floats stay, integers and bools become int64
    result = creation.empty(
        x._array.shape[0], n, dtype=x.dtype if kept else Tensor._wrap(np.zeros(0, np.int64)).dtype
    )
    if n > 0:
        result.fill_(1)
        if n > 1:
            result[:, 1:].copy_(x.unsqueeze(1))
            result[:, 1:].copy_(result[:, 1:].cumprod(1))
    return result if increasing else flip(result, 1)


# -- unique_consecutive (branch s12_methods) -----------------------------------------------------------------


@export(method=True)
def unique_consecutive(
    input: Tensor, return_inverse: bool = False, return_counts: bool = False, dim: int | None = None
) -> Any:
    """Each run of equal values (or rows along ``dim``) once, in order; and, if asked, each element's run and
    the runs' lengths (``uniq`` in a shell).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.unique_consecutive(torch.tensor([1, 1, 2, 2, 3, 1]), return_counts=True)
    (tensor([1, 2, 3, 1]), tensor([2, 2, 1, 1]))
    """
    array = input._array
    source, axis = (array.reshape(-1), 0) if dim is None else (array, normalize_dim(dim, array.ndim))
    inner = math.prod(source.shape) // source.shape[axis] if source.shape[axis] else 0
    rows = np.moveaxis(source, axis, 0).reshape(source.shape[axis], inner)  # one row per position along axis
    changes = (rows[1:] != rows[:-1]).any(axis=1)
    starts = np.flatnonzero(np.concatenate(([True], changes))) if len(rows) else np.zeros(0, dtype=np.int64)
    results = [Tensor._wrap(np.take(source, starts, axis=axis))]
    if return_inverse:
        run_of_each = np.cumsum(np.concatenate(([0], changes))) if len(rows) else np.zeros(0, dtype=np.int64)
        results.append(Tensor._wrap(run_of_each.astype(np.int64).reshape(array.shape if dim is None else -1)))
    if return_counts:
        results.append(Tensor._wrap(np.diff(np.append(starts, len(rows))).astype(np.int64)))
    return results[0] if len(results) == 1 else tuple(results)


# -- nanmedian (branch s12_methods) ----------------------------------------------------------------------------

return_types.declare("nanmedian")
nanmedian_op = defop(
    "nanmedian",
    "NanmedianBackward0",
    "median",
    lambda a, index: a.reshape(-1)[index],
    a=rule("∂(median a)/∂aᵢ = 1/k for the k elements equal to the median", _spread_evenly),
)
nanmedian_dim_op = defop(
    "nanmedian_dim",
    "NanmedianBackward1",
    "median",
    _take_at,
    a=rule("∂(median along dim)/∂aᵢ = 1 at the index picked", _to_argmax),
)


def _nanmedian_indices(a: np.ndarray, dim: int) -> np.ndarray:
    """The lower median's index in each row among the values that are not NaN (a row of NaN: its first)."""
    counts = (
        (~np.isnan(a)).sum(axis=dim, keepdims=True)
        if a.dtype.kind == "f"
        else np.full_like(np.take(a, [0], axis=dim), a.shape[dim], dtype=np.int64)
    )
    middle = np.maximum((counts - 1) // 2, 0)
    return np.take_along_axis(sort_order(a, dim, descending=False), middle, axis=dim)


@export(method=True)
def nanmedian(input: Tensor, dim: int | None = None, keepdim: bool = False) -> Any:
    """:func:`median` of the values that are not NaN (NaN only where all are); along ``dim``, with indices.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.nanmedian(torch.tensor([float("nan"), 2.0, 1.0, 5.0]))
    tensor(2.)
    """
    if dim is None:
        flat = input._array.reshape(-1)
        if not flat.size:
            return Tensor._wrap(np.array(np.nan, dtype=input._array.dtype))
        return nanmedian_op(input, index=int(_nanmedian_indices(flat, 0)[0]))
    dim = _dim_of(input, dim)
    _check_rows(input, dim, "median")  # (PyTorch names median in the error)
    indices = _rows_or_scalar(input, dim, _nanmedian_indices)
    return _picked(nanmedian_dim_op, return_types.nanmedian, input, dim, keepdim, indices)


# -- isin (branch s12_fn) ----------------------------------------------------------------------------------------


@export
def isin(
    elements: Tensor | float,
    test_elements: Tensor | float,
    *,
    assume_unique: bool = False,
    invert: bool = False,
) -> Tensor:
    """Whether each of ``elements`` is among ``test_elements`` (either may be a number): a bool tensor.

    NaN is never found, as NaN equals nothing; ``invert=True`` asks whether
    each is *not* among them.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.isin(torch.tensor([1, 2, 3]), torch.tensor([2, 5]))
    tensor([False,  True, False])
    """
    if not isinstance(elements, Tensor) and not isinstance(test_elements, Tensor):
        names = f"{type(elements).__name__}, {type(test_elements).__name__}"
        raise messages.error("special_two_numbers", name="isin", types=names)
    arrays = [values_of(x) if isinstance(x, Tensor) else np.asarray(x) for x in (elements, test_elements)]
    if any(array.dtype == np.bool_ for array in arrays):
        raise messages.error("isin_bool")
    return Tensor._wrap(np.asarray(np.isin(arrays[0], arrays[1], invert=invert)))
