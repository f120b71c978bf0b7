"""The order in which PyTorch's unstable CPU sort and its top k leave equal values: libstdc++'s ``std::sort``,
``std::partial_sort`` and ``std::nth_element``.

``torch.sort`` and ``argsort`` (``stable=False``, the default) sort the pairs
(value, index) of each row with ``std::sort``, comparing the values only.  Up to
16 elements that is an insertion sort, which keeps equal values in order; above
16 it is an introsort (quicksort with a median-of-three pivot, a heap sort when
the recursion gets too deep, then one insertion pass), which moves equal values
around.  Where a row has equal values, the indices PyTorch returns, and what
depends on them (``pack_padded_sequence(enforce_sorted=False)`` orders its
sequences with them), follow those moves.  This module replays them.

``torch.topk`` selects with ``std::partial_sort`` when k is small beside the row (k·64 ≤ n: a heap of the
first k, then each later value that beats its top swapped in, then the heap sorted), else with
``std::nth_element`` (an introselect: quickselect partitions, an insertion sort of the last few) followed,
when ``sorted``, by ``std::sort`` of the first k − 1.  Equal values, and the order of an unsorted top k,
follow those moves too.

The steps are those of GCC's ``bits/stl_algo.h`` and ``bits/stl_heap.h``, on a
Python list; ``less(x, y)`` is PyTorch's comparator (NaN counts as the largest
value).  A row without equal values has one sorted order, which NumPy's stable
sort finds much faster, so only rows with equal values come here:
``sort_order`` and ``topk_indices`` sort whole arrays with NumPy and replay
just those rows (``torch.sort``, ``topk``, and ``multinomial``, which takes
the top k of its weights over random draws).

Examples
--------
>>> from autograd_lab.ops._introsort import unstable_order
>>> unstable_order([k % 2 for k in range(17)], descending=False)[:9]
[8, 16, 14, 12, 10, 0, 6, 4, 2]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

INSERTION_SORTED = 16
"""libstdc++'s _S_threshold: runs this short are left to the final insertion sort, which keeps equal values
in order (so rows up to this long have NumPy's stable order)."""


def _comparator(descending: bool) -> Callable[[Any, Any], bool]:
    """PyTorch's comparator of (value, index) pairs, comparing the values only; NaN counts as the largest."""
    if descending:

        def less(p: Any, q: Any) -> bool:  # PyTorch's KeyValueCompDesc: NaN first, then larger first
            x, y = p[0], q[0]
            return (x != x and y == y) or x > y

    else:

        def less(p: Any, q: Any) -> bool:  # KeyValueCompAsc: NaN last
            x, y = p[0], q[0]
            return (x == x and y != y) or x < y

    return less


def unstable_order(keys: list, descending: bool) -> list[int]:
    """The indices of ``keys`` in the order ``std::sort`` with PyTorch's comparator leaves them."""
    pairs = [(key, index) for index, key in enumerate(keys)]
    _sort(pairs, 0, len(pairs), _comparator(descending))
    return [index for _, index in pairs]


def topk_order(keys: list, k: int, largest: bool, sorted: bool) -> list[int]:  # noqa: A002 - PyTorch's name
    """The indices of the ``k`` values PyTorch's CPU ``topk`` picks from ``keys``, in the order it returns them.

    >>> topk_order([0.0] * 10, 3, largest=True, sorted=True)
    [8, 6, 7]
    """
    pairs = [(key, index) for index, key in enumerate(keys)]
    less = _comparator(largest)
    n = len(pairs)
    if k == 0:
        return []
    if k * 64 <= n:  # std::partial_sort
        _heap_select(pairs, 0, k, n, less)
        pairs[:k] = _sorted_heap(pairs[:k], less)
    else:
        _nth_element(pairs, k - 1, less)
        if sorted:
            _sort(pairs, 0, k - 1, less)
    return [index for _, index in pairs[:k]]


# -- whole arrays: NumPy's stable order, replayed where PyTorch's differs ----------------------------------


def sort_order(a: np.ndarray, dim: int, descending: bool, stable: bool = True) -> np.ndarray:
    """Indices that sort ``a`` along ``dim``; NaN counts as the largest.  Stably (equal values keep their order),
    or, with ``stable=False``, equal values where PyTorch's ``std::sort`` leaves them (see above)."""
    if not descending:
        order = np.argsort(a, axis=dim, kind="stable")
    else:
        backwards = np.flip(a, axis=dim)  # a stable ascending sort of the reversed row, reversed again
        order = a.shape[dim] - 1 - np.flip(np.argsort(backwards, axis=dim, kind="stable"), axis=dim)
    if stable or a.shape[dim] > _REPLAYED_UP_TO or _radix_sorted(a, descending):
        return order
    if a.shape[dim] <= INSERTION_SORTED:
        return order
    rows, ordered = np.moveaxis(a, dim, -1), np.moveaxis(order, dim, -1)  # (views: written through)
    tied = _tied_rows(rows, ordered)
    for row in np.ndindex(tied.shape):  # (() for a single row)
        if tied[row]:
            ordered[row] = unstable_order(rows[row].tolist(), descending)
    return order


def _tied_rows(rows: np.ndarray, ordered: np.ndarray) -> np.ndarray:
    """Which rows (the last axis) hold equal values, NaNs counting as equal to one another (as the comparator
    takes them); ``ordered`` sorts each row."""
    in_order = np.take_along_axis(rows, ordered, axis=-1)
    tied = (in_order[..., 1:] == in_order[..., :-1]).any(axis=-1)
    if in_order.dtype.kind == "f":
        tied |= np.isnan(in_order).sum(axis=-1) > 1
    return tied


def _replay_topk(
    a: np.ndarray, dim: int, k: int, largest: bool, ordered_k: bool, order: np.ndarray, indices: np.ndarray
) -> None:
    """Put into ``indices`` the picks of PyTorch's ``topk`` (``_introsort.topk_order``) for the rows where they
    differ from the first k of a stable sort: rows with equal values, and an unsorted top k (``ordered_k``
    False) that ``std::nth_element`` leaves in an order of its own (k·64 > n)."""
    n = a.shape[dim]
    if n > _REPLAYED_UP_TO or k == 0:
        return
    rows, ordered = np.moveaxis(a, dim, -1), np.moveaxis(order, dim, -1)
    picked = np.moveaxis(indices, dim, -1)  # (a view: written through)
    if not ordered_k and k * 64 > n and k > 1:
        replay = np.ones(rows.shape[:-1], dtype=bool)
    else:
        replay = _tied_rows(rows, ordered)
    if not replay.any():
        return
    for row in np.ndindex(replay.shape):  # (() for a single row)
        if replay[row]:
            picked[row] = topk_order(rows[row].tolist(), k, largest, ordered_k)


_REPLAYED_UP_TO = 1 << 15
"""Longer rows keep NumPy's stable order (replaying them in Python would take seconds); PyTorch itself
sorts a long row of integers with a stable radix sort from 32768 elements on."""


def _radix_sorted(a: np.ndarray, descending: bool) -> bool:
    """Whether PyTorch sorts ``a`` with fbgemm's radix sort, which is stable: a long row of integers, ascending."""
    return a.ndim == 1 and a.dtype.kind in "iu" and not descending and a.size >= 32768


def topk_indices(a: np.ndarray, k: int, dim: int, largest: bool = True, ordered_k: bool = True) -> np.ndarray:
    """Where PyTorch's ``topk`` finds the ``k`` largest (smallest) values along ``dim`` of ``a`` (ties included)."""
    order = sort_order(a, dim, descending=largest)
    indices = np.take(order, np.arange(k), axis=dim).astype(np.int64)
    _replay_topk(a, dim, k, largest, ordered_k, order, indices)
    return indices


def _nth_element(a: list, nth: int, less: Callable) -> None:
    """libstdc++'s ``__introselect``: a[nth] is the value a sort would put there, smaller ones before it."""
    first, last = 0, len(a)
    if nth == last:
        return
    depth = 2 * ((last - first).bit_length() - 1)
    while last - first > 3:
        if depth == 0:
            _heap_select(a, first, nth + 1, last, less)
            a[first], a[nth] = a[nth], a[first]  # the heap's top is the nth value
            return
        depth -= 1
        mid = first + (last - first) // 2
        _median_to_first(a, first, first + 1, mid, last - 1, less)
        cut = _unguarded_partition(a, first + 1, last, first, less)
        if cut <= nth:
            first = cut
        else:
            last = cut
    _insertion_sort(a, first, last, less)


def _heap_select(a: list, first: int, middle: int, last: int, less: Callable) -> None:
    """libstdc++'s ``__heap_select``: a heap of a[first:middle], then each later value less than its top
    swapped in (the top popped to where that value was)."""
    heap = a[first:middle]
    length = len(heap)
    for parent in range((length - 2) // 2, -1, -1):  # __make_heap
        _adjust_heap(heap, parent, length, heap[parent], less)
    for i in range(middle, last):
        if less(a[i], heap[0]):  # __pop_heap(first, middle, i)
            value = a[i]
            a[i] = heap[0]
            _adjust_heap(heap, 0, length, value, less)
    a[first:middle] = heap


def _sorted_heap(heap: list, less: Callable) -> list:
    """libstdc++'s ``__sort_heap``: the heap popped from the back, each top to the end."""
    for end in range(len(heap) - 1, 0, -1):
        value = heap[end]
        heap[end] = heap[0]
        _adjust_heap(heap, 0, end, value, less)
    return heap


def _sort(a: list, first: int, last: int, less: Callable[[Any, Any], bool]) -> None:
    """libstdc++'s ``std::sort`` of a[first:last]."""
    n = last - first
    if n < 2:
        return
    _introsort_loop(a, first, last, 2 * (n.bit_length() - 1), less)  # depth limit 2·⌊log₂ n⌋
    if n > INSERTION_SORTED:
        _insertion_sort(a, first, first + INSERTION_SORTED, less)
        for i in range(first + INSERTION_SORTED, last):
            _unguarded_linear_insert(a, i, less)
    else:
        _insertion_sort(a, first, last, less)


def _introsort_loop(a: list, first: int, last: int, depth: int, less: Callable) -> None:
    while last - first > INSERTION_SORTED:
        if depth == 0:
            _heap_sort(a, first, last, less)
            return
        depth -= 1
        mid = first + (last - first) // 2
        _median_to_first(a, first, first + 1, mid, last - 1, less)
        cut = _unguarded_partition(a, first + 1, last, first, less)
        _introsort_loop(a, cut, last, depth, less)
        last = cut


def _median_to_first(a: list, result: int, x: int, y: int, z: int, less: Callable) -> None:
    """Swap the median of a[x], a[y], a[z] into a[result] (the pivot)."""
    if less(a[x], a[y]):
        if less(a[y], a[z]):
            pick = y
        elif less(a[x], a[z]):
            pick = z
        else:
            pick = x
    elif less(a[x], a[z]):
        pick = x
    elif less(a[y], a[z]):
        pick = z
    else:
        pick = y
    a[result], a[pick] = a[pick], a[result]


def _unguarded_partition(a: list, first: int, last: int, pivot: int, less: Callable) -> int:
    while True:
        while less(a[first], a[pivot]):
            first += 1
        last -= 1
        while less(a[pivot], a[last]):
            last -= 1
        if not first < last:
            return first
        a[first], a[last] = a[last], a[first]
        first += 1


def _insertion_sort(a: list, first: int, last: int, less: Callable) -> None:
    for i in range(first + 1, last):
        if less(a[i], a[first]):
            value = a[i]
            a[first + 1 : i + 1] = a[first:i]
            a[first] = value
        else:
            _unguarded_linear_insert(a, i, less)


def _unguarded_linear_insert(a: list, last: int, less: Callable) -> None:
    value = a[last]
    while less(value, a[last - 1]):
        a[last] = a[last - 1]
        last -= 1
    a[last] = value


def _heap_sort(a: list, first: int, last: int, less: Callable) -> None:
    """``std::partial_sort(first, last, last)``: make a heap, then pop it from the back."""
    _heap_select(a, first, last, last, less)
    a[first:last] = _sorted_heap(a[first:last], less)


def _adjust_heap(heap: list, hole: int, length: int, value: Any, less: Callable) -> None:
    top = child = hole
    while child < (length - 1) // 2:
        child = 2 * (child + 1)
        if less(heap[child], heap[child - 1]):
            child -= 1
        heap[hole] = heap[child]
        hole = child
    if length % 2 == 0 and child == (length - 2) // 2:
        child = 2 * (child + 1)
        heap[hole] = heap[child - 1]
        hole = child - 1
    parent = (hole - 1) // 2
    while hole > top and less(heap[parent], value):
        heap[hole] = heap[parent]
        hole = parent
        parent = (hole - 1) // 2
    heap[hole] = value
