"""Which entries PyTorch's CPU ``topk`` picks from a 1-D tensor when values tie at the cut.

Pruning zeroes the entries ``topk`` picks.  When the values are distinct at
the cut (the ``k``-th and the ``k+1``-th best differ) the picked set is
fixed by the values alone, and NumPy finds it.  When they tie (the zeros of
a tensor pruned and made permanent with ``remove()``, pruned again), which
of the tied entries PyTorch picks depends on its kernel: it keeps
``(value, index)`` pairs and runs ``std::partial_sort`` (when ``64 k <= n``)
or ``std::nth_element`` on them, comparing values only.  This module replays
those two algorithms as GCC's libstdc++ (which PyTorch's Linux wheels are
built with) writes them, step for step, so that the same entries are pruned.

Examples
--------
>>> import numpy as np
>>> picked(np.zeros(5, dtype=np.float32), 2, largest=False).tolist()  # torch.topk's indices: [2, 4]
[2, 4]
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["picked"]


def picked(values: np.ndarray, k: int, largest: bool) -> np.ndarray:
    """The indices (as a set, in no particular order) ``torch.topk(values, k, largest=largest)`` returns.

    Examples
    --------
    >>> import numpy as np
    >>> sorted(picked(np.array([3.0, 1.0, 2.0]), 2, largest=True).tolist())
    [0, 2]
    """
    values = np.asarray(values).reshape(-1)
    n = values.size
    if k == 0:
        return np.zeros(0, dtype=np.int64)
    has_nan = values.dtype.kind == "f" and bool(np.isnan(values).any())
    if not has_nan:
        keys = -values.astype(np.float64) if largest else values.astype(np.float64)
        if k == n:
            return np.arange(n, dtype=np.int64)
        cut = np.partition(keys, (k - 1, k))
        if cut[k - 1] != cut[k]:  # no tie at the cut: the set is the values' own
            return np.sort(np.argpartition(keys, k - 1)[:k]).astype(np.int64)
        order_keys: list = keys.tolist()
    else:
        # PyTorch's comparison puts NaN first when largest, last otherwise
        nan_rank = 0 if largest else 2
        order_keys = [
            (nan_rank, 0.0) if math.isnan(v) else (1, -v if largest else v) for v in values.tolist()
        ]
    indices = list(range(n))
    if k * 64 <= n:
        _heap_select(order_keys, indices, 0, k, n)
    else:
        _introselect(order_keys, indices, 0, k - 1, n, 2 * (n.bit_length() - 1))
    return np.asarray(indices[:k], dtype=np.int64)


# -- libstdc++'s algorithms on parallel lists of keys and indices; "less" is keys[a] < keys[b] ----------------


def _swap(keys: list, indices: list, a: int, b: int) -> None:
    keys[a], keys[b] = keys[b], keys[a]
    indices[a], indices[b] = indices[b], indices[a]


def _push_heap(keys: list, indices: list, first: int, hole: int, top: int, key: object, index: int) -> None:
    parent = (hole - 1) // 2
    while hole > top and keys[first + parent] < key:
        keys[first + hole] = keys[first + parent]
        indices[first + hole] = indices[first + parent]
        hole = parent
        parent = (hole - 1) // 2
    keys[first + hole] = key
    indices[first + hole] = index


def _adjust_heap(
    keys: list, indices: list, first: int, hole: int, length: int, key: object, index: int
) -> None:
    top = hole
    child = hole
    while child < (length - 1) // 2:
        child = 2 * (child + 1)
        if keys[first + child] < keys[first + child - 1]:
            child -= 1
        keys[first + hole] = keys[first + child]
        indices[first + hole] = indices[first + child]
        hole = child
    if length % 2 == 0 and child == (length - 2) // 2:
        child = 2 * (child + 1)
        keys[first + hole] = keys[first + child - 1]
        indices[first + hole] = indices[first + child - 1]
        hole = child - 1
    _push_heap(keys, indices, first, hole, top, key, index)


def _make_heap(keys: list, indices: list, first: int, last: int) -> None:
    length = last - first
    if length < 2:
        return
    parent = (length - 2) // 2
    while True:
        _adjust_heap(keys, indices, first, parent, length, keys[first + parent], indices[first + parent])
        if parent == 0:
            return
        parent -= 1


def _heap_select(keys: list, indices: list, first: int, middle: int, last: int) -> None:
    """``std::__heap_select``: the ``middle - first`` least elements end up in ``[first, middle)``."""
    _make_heap(keys, indices, first, middle)
    for i in range(middle, last):
        if keys[i] < keys[first]:
            key, index = keys[i], indices[i]  # std::__pop_heap(first, middle, i)
            keys[i], indices[i] = keys[first], indices[first]
            _adjust_heap(keys, indices, first, 0, middle - first, key, index)


def _move_median_to_first(keys: list, indices: list, result: int, a: int, b: int, c: int) -> None:
    if keys[a] < keys[b]:
        if keys[b] < keys[c]:
            _swap(keys, indices, result, b)
        elif keys[a] < keys[c]:
            _swap(keys, indices, result, c)
        else:
            _swap(keys, indices, result, a)
    elif keys[a] < keys[c]:
        _swap(keys, indices, result, a)
    elif keys[b] < keys[c]:
        _swap(keys, indices, result, c)
    else:
        _swap(keys, indices, result, b)


def _unguarded_partition(keys: list, indices: list, first: int, last: int, pivot: int) -> int:
    while True:
        while keys[first] < keys[pivot]:
            first += 1
        last -= 1
        while keys[pivot] < keys[last]:
            last -= 1
        if not first < last:
            return first
        _swap(keys, indices, first, last)
        first += 1


def _insertion_sort(keys: list, indices: list, first: int, last: int) -> None:
    if first == last:
        return
    for i in range(first + 1, last):
        key, index = keys[i], indices[i]
        if key < keys[first]:
            keys[first + 1 : i + 1] = keys[first:i]
            indices[first + 1 : i + 1] = indices[first:i]
            keys[first], indices[first] = key, index
        else:  # std::__unguarded_linear_insert
            j = i
            while key < keys[j - 1]:
                keys[j], indices[j] = keys[j - 1], indices[j - 1]
                j -= 1
            keys[j], indices[j] = key, index


def _introselect(keys: list, indices: list, first: int, nth: int, last: int, depth_limit: int) -> None:
    """``std::__introselect``: ``std::nth_element`` with the ``nth`` least element at ``nth``."""
    while last - first > 3:
        if depth_limit == 0:
            _heap_select(keys, indices, first, nth + 1, last)
            _swap(keys, indices, first, nth)
            return
        depth_limit -= 1
        mid = first + (last - first) // 2
        _move_median_to_first(keys, indices, first, first + 1, mid, last - 1)
        cut = _unguarded_partition(keys, indices, first + 1, last, first)
        if cut <= nth:
            first = cut
        else:
            last = cut
    _insertion_sort(keys, indices, first, last)
