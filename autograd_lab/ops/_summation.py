"""PyTorch's order of adding in a floating-point sum, so that sums match it to the last bit.

A float32 sum rounds after every addition, so its last bits depend on the
order of the additions.  NumPy adds pairwise, in blocks whose size depends
on the CPU's SIMD width; PyTorch's CPU kernel (``cascade_sum`` in
aten/src/ATen/native/cpu/SumKernel.cpp) adds in another fixed order.  The
difference shows where a lesson prints a sum that should be 0 (``0.`` in
PyTorch, ``-2.3e-09`` with NumPy's order) and grows in training loops.

``_pytorch_sum`` adds in PyTorch's order with NumPy elementwise additions on
reshaped arrays, so the result is the same on every CPU.  It follows
PyTorch 2.13's CPU kernel run on one thread (or on tensors of fewer than
32768 elements, PyTorch's grain size for splitting a reduction between
threads), as built for x86-64's DEFAULT and AVX2 capabilities, whose
vectors hold 32 bytes; on AVX-512 machines PyTorch dispatches sums to that
same AVX2 kernel (``REGISTER_DISPATCH`` registers no AVX-512 one), so the
order is the same there too.  (ARM builds were not checked.)

The order, from SumKernel.cpp and TensorIterator.cpp:

- TensorIterator sorts the dimensions: reduced ones first (by the input's
  strides, smallest first), then the kept ones (last first), and merges
  neighbours that are contiguous with each other (``reorder_dimensions``,
  ``coalesce_dimensions``).  Its loop hands the kernel two dimensions at a
  time; further dimensions are an outer loop whose results are added
  (``+=``) into the output in turn.
- A run of elements is added by ``multi_row_sum``: running sums of 16 rows
  (``level_step``), whose sums are added in groups of 16, and so on over
  four levels, then the levels are added together.  ``row_sum`` first splits
  a run into 4 interleaved runs (the ``ilp_factor``).
- A contiguous reduced dimension of at least one vector is added as vectors
  of 32 bytes (8 float32 lanes), then the leftover elements, then the lanes
  (``vectorized_inner_sum``); a reduction across a contiguous kept dimension
  adds 4 vectors of columns at a time (``vectorized_outer_sum``).
- float16 is added in float32 and rounded to float16 when stored.
"""

from __future__ import annotations

import functools
import math
from typing import NamedTuple

import numpy as np

_VECTOR_BYTES = 32
"""Bytes in PyTorch's ``Vectorized<T>`` on the DEFAULT and AVX2 builds (8 float32, 4 float64)."""

_ILP = 4
"""``row_sum``'s ``ilp_factor``, and ``multi_row_sum``'s rows (``nrows``) in the outer sums."""

_LEVELS = 4
"""``multi_row_sum``'s ``num_levels``."""

_ACCUMULATE = {np.dtype(np.float16): np.dtype(np.float32)}
"""PyTorch's ``acc_type``: what each dtype is added in, when not in itself."""

_ORDERED = (np.dtype(np.float16), np.dtype(np.float32), np.dtype(np.float64))


def _pytorch_sum(a: np.ndarray, dim: tuple | None = None, keepdim: bool = False) -> np.ndarray:
    """``a.sum(dim, keepdim)`` added in the order of PyTorch's CPU ``cascade_sum`` (SumKernel.cpp).

    Floating dtypes only change; others (exact sums) go to NumPy as they are.
    """
    if type(a) is not np.ndarray:  # a number, or a list (a module's sum(...) shadows the builtin)
        a = np.asarray(a)
    if a.dtype not in _ORDERED or a.size == 0:
        return np.add.reduce(a, axis=dim, keepdims=keepdim)
    if a.ndim == 1 and a.size < _ILP and not keepdim:  # the tiny sum (row_sum's leftovers): in turn
        total = _ACCUMULATE.get(a.dtype, a.dtype).type(0)
        for i in range(a.size):
            total = total + a[i]
        return total.astype(a.dtype) if a.dtype in _ACCUMULATE else total
    if any(s < 0 for s in a.strides):  # PyTorch has no negative strides (flip copies)
        a = np.ascontiguousarray(a)
    total = _laid_out_sum(a, tuple(range(a.ndim)) if dim is None else tuple(dim), keepdim)
    # a new tensor of PyTorch's is laid out row by row (so reshaping it later is a view, as there)
    return total if total.flags.c_contiguous else np.ascontiguousarray(total)


class _Layout(NamedTuple):
    """How TensorIterator lays out one sum (worked out once per shape, strides and dims)."""

    out_shape: tuple
    sizes: tuple  # the input's dimensions longer than 1
    kind: str  # "sum"; "none": nothing to add (0 + each); "float32": float16 added in a float32 copy
    order: tuple = ()  # the transposition of ``sizes`` that puts the iterator's slowest dimension first
    grid: tuple = ()  # the iterator's dimensions (merged), slowest first
    strides: tuple = ()  # the input's strides, in elements, of the iterator's first two dimensions
    fold: tuple = ()  # the transposition of the kernel's results: outer reduced dimensions first, then kept
    fold_shape: tuple = ()  # [-1] + the kept dimensions


@functools.lru_cache(maxsize=1024)
def _layout(shape: tuple, strides: tuple, dtype: np.dtype, reduced: tuple, keepdim: bool) -> _Layout:
    out_shape = tuple(1 if i in reduced else n for i, n in enumerate(shape))
    if not keepdim:
        out_shape = tuple(n for i, n in enumerate(shape) if i not in reduced)
    axes = [i for i, n in enumerate(shape) if n > 1]
    sizes = tuple(shape[i] for i in axes)
    in_strides = [strides[i] // dtype.itemsize for i in axes]
    is_reduced = [i in reduced for i in axes]
    out_strides, step = [], 1  # the output is contiguous in the kept dimensions
    for n, r in zip(reversed(sizes), reversed(is_reduced), strict=True):
        out_strides.append(0 if r else step)
        step *= 1 if r else n
    out_strides.reverse()
    dims = _iterator_dims(sizes, in_strides, out_strides)  # fastest first: ([axis positions], size, stride)
    if not dims or not is_reduced[dims[0][0][0]]:
        return _Layout(out_shape, sizes, "none")
    if dtype in _ACCUMULATE and len(dims) > 1 and is_reduced[dims[1][0][0]] and not _dense(sizes, in_strides):
        # sum_out adds float16 in a float32 copy here (should_use_acc_buffer), which is contiguous
        # unless the input is dense (empty_like keeps only a dense tensor's strides)
        return _Layout(out_shape, sizes, "float32")
    order = tuple(p for group, _, _ in reversed(dims) for p in reversed(group))
    if len(dims) == 1:
        dims.append(([], 1, 0))
    # The other dimensions are the outer loop: each result is added into the output in turn.
    outer = dims[1:]
    kept = [i for i, (group, _, _) in enumerate(outer) if group and not is_reduced[group[0]]]
    rest = [i for i in range(len(outer)) if i not in kept][::-1]  # the first one changes fastest
    return _Layout(
        out_shape, sizes, "sum", order, tuple(n for _, n, _ in reversed(dims)), (dims[0][2], dims[1][2]),
        tuple(rest + kept), (-1, *(outer[i][1] for i in kept)),
    )  # fmt: skip


def _laid_out_sum(a: np.ndarray, reduced: tuple, keepdim: bool) -> np.ndarray:
    """The sum over ``reduced``, added as TensorIterator lays it out."""
    layout = _layout(a.shape, a.strides, a.dtype, reduced, keepdim)
    acc = _ACCUMULATE.get(a.dtype, a.dtype)
    values = a.reshape(layout.sizes) if len(layout.sizes) != a.ndim else a
    if layout.kind == "none":  # 0 + each element
        return (values.astype(acc) + acc.type(0)).astype(a.dtype).reshape(layout.out_shape)
    if layout.kind == "float32":
        return _laid_out_sum(np.ascontiguousarray(a, acc), reduced, keepdim).astype(a.dtype)
    # The iterator's dimensions as axes, fastest first: axis 0 is added up.
    grid = values.transpose(layout.order).reshape(layout.grid).astype(acc, copy=False).T
    if grid.ndim == 1:
        grid = grid[:, np.newaxis]
    columns = _kernel(grid, *layout.strides, a.dtype)  # one value per index of the other dimensions
    columns = columns.transpose(layout.fold).reshape(layout.fold_shape)
    # float16 is rounded once: with two reduced dimensions in the loop, sum_out adds in a float32
    # buffer (should_use_acc_buffer, PyTorch issue 83149); with one, there is one value to store.
    total = _in_turn(columns) + acc.type(0)  # + 0: PyTorch's output starts at 0, so never -0
    return np.asarray(total.T.astype(a.dtype, copy=False)).reshape(layout.out_shape)


def _dense(sizes: list, strides: list) -> bool:
    """Whether the elements fill a block of memory, each once (PyTorch's ``is_non_overlapping_and_dense``)."""
    expected = 1
    for stride, n in sorted(zip(strides, sizes, strict=True)):
        if stride != expected:
            return False
        expected *= n
    return True


def _iterator_dims(sizes: list, in_strides: list, out_strides: list) -> list:
    """TensorIterator's dimensions for a reduction, fastest first: ``(axes, size, input stride)``.

    ``reorder_dimensions`` (an insertion sort whose comparison may say
    "either"), then ``coalesce_dimensions``.
    """

    def should_swap(d0: int, d1: int) -> int:
        if (out_strides[d0] == 0) != (out_strides[d1] == 0):
            return 1 if out_strides[d1] == 0 else -1
        for strides in (out_strides, in_strides):
            s0, s1 = strides[d0], strides[d1]
            if s0 == 0 or s1 == 0:
                continue
            if s0 != s1:
                return -1 if s0 < s1 else 1
            if sizes[d0] > sizes[d1]:
                return 1
        return 0

    perm = list(range(len(sizes)))[::-1]
    for i in range(1, len(perm)):
        d1 = i
        for d0 in range(i - 1, -1, -1):
            comparison = should_swap(perm[d0], perm[d1])
            if comparison > 0:
                perm[d0], perm[d1] = perm[d1], perm[d0]
                d1 = d0
            elif comparison < 0:
                break
    dims: list = []
    for p in perm:
        if dims:
            group, n, stride = dims[-1]
            if n * stride == in_strides[p] and n * out_strides[group[0]] == out_strides[p]:
                dims[-1] = (group + [p], n * sizes[p], stride)
                continue
        dims.append(([p], sizes[p], in_strides[p]))
    return dims


def _kernel(grid: np.ndarray, stride0: int, stride1: int, dtype: np.dtype) -> np.ndarray:
    """``cascade_sum``'s choice for one call of the loop: axis 0 is added up, axis 1 (``size1``) is
    what each sum is stored to; any further axes are further calls."""
    size0, size1 = grid.shape[:2]
    vector = _VECTOR_BYTES // dtype.itemsize  # Vectorized<scalar_t>::size()
    lanes = _VECTOR_BYTES // grid.itemsize  # Vectorized<acc_t>::size()
    if stride0 == 1 and size0 >= vector:  # vectorized_inner_sum
        count = size0 // vector
        vectors = grid[: count * vector].reshape((count, vector) + grid.shape[1:])
        if vector != lanes:  # float16: a vector's two halves added into float32 lanes (load_to_float)
            vectors = vectors[:, :lanes] + vectors[:, lanes:]
        return _in_turn(np.concatenate([grid[count * vector :], _row_sum(vectors)]))
    if stride1 == 1 and size1 >= vector:  # vectorized_outer_sum: 4 vectors of columns at a time
        split = size1 // (_ILP * lanes) * _ILP * lanes
    elif stride0 < stride1:  # scalar_inner_sum
        split = 0
    else:  # scalar_outer_sum: 4 columns at a time
        split = size1 // _ILP * _ILP
    if split == size1:
        return _cascade(grid)
    if split == 0:
        return _row_sum(grid)
    return np.concatenate([_cascade(grid[:, :split]), _row_sum(grid[:, split:])])


_ACCUMULATE_BELOW = 64
"""Sums in turn of rows with fewer elements than this are one ``np.add.accumulate`` (a reduction
of such thin rows could be laid out along the summed axis, where NumPy adds pairwise)."""


def _in_turn(x: np.ndarray, axis: int = 0) -> np.ndarray:
    """``((x₀ + x₁) + x₂) + …`` along ``axis`` (0 if empty): elementwise additions, one order only."""
    count = x.shape[axis]
    first, last = (0, -1) if axis == 0 else ((slice(None),) * axis + (0,), (slice(None),) * axis + (-1,))
    if count <= 1:
        return x[first] if count else np.zeros(x.shape[:axis] + x.shape[axis + 1 :], x.dtype)
    if math.prod(x.shape[axis + 1 :]) < _ACCUMULATE_BELOW:  # a running sum has only this order too
        return np.add.accumulate(x, axis=axis)[last]
    # NumPy reduces a C-contiguous array along an axis that is not the innermost one row after
    # row (``out += x[i]``, elementwise): it adds pairwise only along the innermost axis.
    return np.add.reduce(np.ascontiguousarray(x), axis=axis)


def _in_groups(x: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """The sums in turn of each full group of ``size`` rows, and of the rows left over."""
    full = x.shape[0] // size * size
    groups = x[:full].reshape((full // size, size) + x.shape[1:])
    return _in_turn(groups, axis=1), _in_turn(x[full:])


def _cascade(x: np.ndarray) -> np.ndarray:
    """``multi_row_sum`` along axis 0: runs of ``level_step`` rows, their sums in groups, four levels."""
    n = x.shape[0]
    ceil_log2 = 1 if n <= 2 else (n - 1).bit_length()  # utils::CeilLog2
    level_step = 1 << max(4, ceil_log2 // _LEVELS)
    if n < level_step:
        return _in_turn(x)
    level, total = _in_groups(x, level_step)
    for _ in range(_LEVELS - 2):  # levels 1 and 2 pass each full group on to the next level
        if not len(level):
            return total
        level, leftover = _in_groups(level, level_step)
        total = total + leftover
    return total + _in_turn(level)


def _row_sum(x: np.ndarray) -> np.ndarray:
    """``row_sum`` along axis 0: 4 interleaved runs, the leftover rows into the first, then the 4."""
    full = x.shape[0] // _ILP * _ILP
    if full == 0:
        return _in_turn(x)
    runs = _cascade(x[:full].reshape((full // _ILP, _ILP) + x.shape[1:]))
    first = _in_turn(np.concatenate([runs[:1], x[full:]])) if full < x.shape[0] else runs[0]
    return ((first + runs[1]) + runs[2]) + runs[3]
