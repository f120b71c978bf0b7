"""PyTorch's order of adding in a floating-point sum, so that sums match it to the last bit.

A float32 sum rounds after every addition, so its last bits depend on the
order of the additions.  NumPy adds pairwise, in blocks whose size depends
on the CPU's SIMD width; PyTorch's CPU kernel (``cascade_sum`` in
aten/src/ATen/native/cpu/SumKernel.cpp) adds in another fixed order.  The
difference shows where a lesson prints a sum that should be 0 (``0.`` in
PyTorch, ``-2.3e-09`` with NumPy's order) and grows in training loops.

``_pytorch_sum`` adds in PyTorch's order with NumPy elementwise additions on
reshaped arrays, so the result is the same on every CPU.  It follows
PyTorch 2.13's CPU kernel, as built for x86-64's DEFAULT and AVX2 capabilities, whose
vectors hold 32 bytes; on AVX-512 machines PyTorch dispatches sums to that
same AVX2 kernel (``REGISTER_DISPATCH`` registers no AVX-512 one), so the
order is the same there too.  (ARM builds were not checked.)

The order, from SumKernel.cpp, TensorIterator.cpp and TensorIteratorReduce.cpp:

- A sum of everything (one result) of at least 32768 elements (PyTorch's
  grain size), on more than one thread (``torch.get_num_threads()``: one
  per physical core unless set), is split into as many runs as threads,
  each at least 32768 long (``parallel_for``): each run is added in the
  order below and rounded to the result's dtype, then the runs' sums are
  added (``two_pass_reduction``).  This is followed for a dense tensor, whose
  iterator is one run of memory, and for a tensor with gaps (a channel of a
  batch, ``y[:, c]``) where the runs are whole slices along its slowest
  axis; other runs are added as on one thread.

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

How: ``_plan`` works the layout out once per shape, strides, dtype and dims.
Every kernel call then adds along axis 0 of an array laid out row by row,
each column one sum, with ``np.add.reduce`` (row after row there) and
elementwise additions; where the call covers a C-contiguous input in one go
(the sums over the rows or columns of a matrix, or over all of a contiguous
array) that array is the input itself, or its transpose (``_block_sum``).
Each kind of sum of up to 2¹⁶ elements is then written out once, as the
straight-line NumPy calls it makes (``_written_out``), so that later calls
skip the Python that chose them.
"""

from __future__ import annotations

import collections
import functools
import math
import re
from collections.abc import Callable
from typing import Any

import numpy as np

from .. import _cpu
from .._memory_format import dense as _dense
from .._memory_format import is_dense
from .._written import define

_VECTOR_BYTES = 32
"""Bytes in PyTorch's ``Vectorized<T>`` on the DEFAULT and AVX2 builds (8 float32, 4 float64)."""

_ILP = 4
"""``row_sum``'s ``ilp_factor``, and ``multi_row_sum``'s rows (``nrows``) in the outer sums."""

_LEVELS = 4
"""``multi_row_sum``'s ``num_levels``."""

_ACCUMULATE = {np.dtype(np.float16): np.dtype(np.float32)}
"""PyTorch's ``acc_type``: what each dtype is added in, when not in itself."""

_ZEROS = {np.dtype(t): np.dtype(t).type(0) for t in (np.float16, np.float32, np.float64)}
"""The dtypes added in PyTorch's order, each with its 0 (to add to a scalar)."""

_ZERO_ARRAYS = {dtype: np.zeros((), dtype) for dtype in _ZEROS}
"""Their 0 as a 0-d array, which NumPy adds to an array faster than a number."""


def _pytorch_sum(a: np.ndarray, dim: tuple | None = None, keepdim: bool = False) -> np.ndarray:
    """``a.sum(dim, keepdim)`` added in the order of PyTorch's CPU ``cascade_sum`` (SumKernel.cpp).

    Floating dtypes only change; others (exact sums) go to NumPy as they are.
    ``dim`` is None or a sorted tuple of non-negative dimensions.
    """
    if type(a) is not np.ndarray:  # a number, or a list (a module's sum(...) shadows the builtin)
        a = np.asanyarray(a)
    if a.dtype not in _ZEROS or a.size == 0:
        return np.add.reduce(a, axis=dim, keepdims=keepdim)
    if a.ndim == 1 and a.size < _ILP and not keepdim:  # the tiny sum (row_sum's leftovers): in turn
        return _tiny_sum(a)
    if a.dtype == np.float16:  # beyond float16's range: inf, without NumPy's warning (PyTorch gives none)
        with np.errstate(over="ignore"):
            return _sum_in_order(a, dim, keepdim)
    return _sum_in_order(a, dim, keepdim)


def _sum_in_order(a: np.ndarray, dim: Any, keepdim: bool) -> np.ndarray:
    if dim is not None and type(dim) is not tuple:  # (a list, or one dimension: the plan's key is a tuple)
        dim = (dim,) if isinstance(dim, int) else tuple(dim)
    # (one result: every dimension of more than one element is reduced. PyTorch splits more results
    # between its threads, not the sums)
    if a.size >= _GRAIN and (dim is None or math.prod([a.shape[i] for i in dim]) == a.size):
        runs = _runs_between_threads(a, _cpu.intraop_threads()) if _cpu.intraop_threads() > 1 else None
        if runs is not None:
            return _two_pass_sum(a, runs, dim, keepdim, _cpu.intraop_threads())
    return _plan(a.shape, a.strides, a.dtype, dim, keepdim)(a)


_GRAIN = 32768
"""PyTorch's ``at::internal::GRAIN_SIZE``: a reduction of fewer elements runs on one thread."""


def _runs_between_threads(a: np.ndarray, threads: int) -> list | None:
    """The runs of ``a`` PyTorch's threads add, in a sum of it to one element, where the split is
    followed here (``two_pass_reduction``): runs of the iterator's elements (``parallel_for``) that are
    runs of memory (a dense array) or whole slices along the slowest axis."""
    used = min(threads, -(-a.size // _GRAIN))
    run = -(-a.size // used)
    if is_dense(a):
        flat = a.ravel(order="K")  # (a dense array's memory order: TensorIterator's)
        return [flat[start : start + run] for start in range(0, flat.size, run)]
    if any(stride < 0 for stride in a.strides):
        return None
    axis = max((i for i, n in enumerate(a.shape) if n != 1), key=lambda i: a.strides[i])  # (the outermost)
    inner = a.size // a.shape[axis]
    if run % inner:
        return None  # (a run that ends inside a slice: not followed, added as on one thread)
    rows = run // inner
    return [
        a[(slice(None),) * axis + (slice(start, start + rows),)] for start in range(0, a.shape[axis], rows)
    ]


def _two_pass_sum(a: np.ndarray, runs: list, dim: tuple | None, keepdim: bool, threads: int) -> np.ndarray:
    """PyTorch's ``two_pass_reduction``: each thread's run added as on one thread, into a buffer of
    the result's dtype (the rows of threads that had no run stay 0), then the buffer added.

    The one result has the sum's shape: the dimensions not reduced (all of size 1) stay, as a
    (64, 1, 28, 28) batch summed over (0, 2, 3) gives shape (1,)."""
    buffer = np.zeros(threads, a.dtype)
    for thread, piece in enumerate(runs):
        buffer[thread] = _plan(piece.shape, piece.strides, piece.dtype, None, False)(piece)
    total = _pytorch_sum(buffer)
    if dim is None and not keepdim:
        return total
    reduced = range(a.ndim) if dim is None else dim
    if keepdim:
        return np.reshape(total, (1,) * a.ndim)
    return np.reshape(total, tuple(n for i, n in enumerate(a.shape) if i not in reduced))


def _tiny_sum(a: np.ndarray) -> np.generic:
    """Fewer than 4 elements: ``((0 + a₀) + a₁) + a₂``, one scalar at a time."""
    values = a.astype(np.float32) if a.dtype == np.float16 else a
    total = values[0]
    for i in range(1, a.size):
        total = total + values[i]
    total = total + _ZEROS[values.dtype]  # 0 + a₀ is a₀, but never -0
    return total.astype(a.dtype) if a.dtype == np.float16 else total


@functools.lru_cache(maxsize=1024)
def _plan(shape: tuple, strides: tuple, dtype: np.dtype, dim: tuple | None, keepdim: bool) -> Callable:
    """The function that adds one kind of sum (chosen once per shape, strides, dtype and dims).

    A fast path where TensorIterator hands the kernel a C-contiguous block in one call, whose
    results are the output in order (the common sums: over the rows or the columns of a matrix,
    over all of a contiguous array); else the general one.  Either is then written out as the
    NumPy steps it takes for this kind of sum (``_written_out``).
    """
    if any(s < 0 for s in strides):  # PyTorch has no negative strides (flip copies)
        return functools.partial(_copied_sum, dim, keepdim)
    layout = _layout(shape, strides, dtype, tuple(range(len(shape))) if dim is None else dim, keepdim)
    function = functools.partial(_laid_out_sum, layout, dim, keepdim)
    if layout.kind == "sum" and len(layout.grid) == 2 and _c_contiguous(shape, strides, dtype.itemsize):
        size1, size0 = layout.grid
        stride0, stride1 = layout.strides
        if size1 == math.prod(layout.out_shape):  # (not both of the call's dimensions reduced)
            if stride0 == 1 and size1 == 1:  # all of it: one column
                function = functools.partial(_block_sum, (size0, 1), True, layout)
            elif stride0 == 1 and stride1 == size0:  # each row of the block added up
                function = functools.partial(_block_sum, (size1, size0), False, layout)
            elif stride0 == size1 and stride1 == 1:  # the rows of the block added up
                function = functools.partial(_block_sum, (size0, size1), True, layout)
    if layout.kind != "sum" or math.prod(shape) > _WRITE_OUT_MAX:
        return function
    laid_out = "" if _c_contiguous(shape, strides, dtype.itemsize) else f" with strides {strides}"
    title = f"<sum of {dtype} {shape}{laid_out} over {dim}{', keepdim' if keepdim else ''}>"
    return _written_out(function, shape, strides, dtype, title)


def _block_sum(shape: tuple, rows: bool, layout: _Layout, a: np.ndarray) -> np.ndarray:
    """One call of the kernel on ``a`` seen as a C-contiguous block of ``shape``: its rows added
    up (``rows``), or the elements of each row (added as the rows of the block's transpose)."""
    acc = _ACCUMULATE.get(a.dtype, a.dtype)
    if not rows and math.prod(shape) > _WRITE_OUT_MAX and shape[1] >= _VECTOR_BYTES // a.dtype.itemsize:
        total = _inner_sums_in_pieces(a.reshape(shape), a.dtype, acc) + _ZERO_ARRAYS[acc]
        return total.astype(a.dtype, copy=False).reshape(layout.out_shape)
    grid = a.reshape(shape) if rows else a.reshape(shape).T
    if acc != a.dtype:
        grid = grid.astype(acc, order="C")
    elif not rows:
        grid = grid.astype(acc, order="C", copy=False)  # (np.ascontiguousarray; see _Noted)
    total = _kernel(grid, *layout.strides, a.dtype) + _ZERO_ARRAYS[acc]  # the output starts at 0: never -0
    return total.astype(a.dtype, copy=False).reshape(layout.out_shape)


def _copied_sum(dim: tuple | None, keepdim: bool, a: np.ndarray) -> np.ndarray:
    """The sum of a copy laid out row by row."""
    return _pytorch_sum(np.ascontiguousarray(a), dim, keepdim)


def _c_contiguous(shape: tuple, strides: tuple, itemsize: int) -> bool:
    """Whether the elements are laid out row by row (as NumPy's ``flags.c_contiguous``)."""
    expected = itemsize
    for n, stride in zip(reversed(shape), reversed(strides), strict=True):
        if n != 1 and stride != expected:
            return False
        expected *= n
    return True


# How TensorIterator lays out one sum (worked out once per shape, strides and dims):
# - out_shape: the result's shape;
# - sizes: the input's dimensions longer than 1;
# - kind: "sum"; "none": nothing to add (0 + each); "float32": float16 added in a float32 copy;
# - order: the transposition of ``sizes`` that puts the iterator's slowest dimension first;
# - grid: the iterator's dimensions (merged), slowest first;
# - strides: the input's strides, in elements, of the iterator's first two dimensions;
# - fold: the transposition of the kernel's results: outer reduced dimensions first, then kept;
# - fold_shape: [-1] + the kept dimensions.
# (collections' named tuple: a class of typing.NamedTuple costs twice as much of the import)
_Layout = collections.namedtuple(
    "_Layout", "out_shape sizes kind order grid strides fold fold_shape", defaults=((),) * 5
)


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


def _laid_out_sum(layout: _Layout, dim: tuple | None, keepdim: bool, a: np.ndarray) -> np.ndarray:
    """The sum, added as TensorIterator lays it out (the general path)."""
    acc = _ACCUMULATE.get(a.dtype, a.dtype)
    values = a.reshape(layout.sizes) if len(layout.sizes) != a.ndim else a
    if layout.kind == "none":  # 0 + each element
        return (values.astype(acc) + acc.type(0)).astype(a.dtype).reshape(layout.out_shape)
    if layout.kind == "float32":
        return _pytorch_sum(np.ascontiguousarray(a, acc), dim, keepdim).astype(a.dtype)
    blocks = values.transpose(layout.order).reshape(layout.grid)  # the iterator's dimensions, slowest first
    vector = _VECTOR_BYTES // a.dtype.itemsize
    if (
        layout.strides[0] == 1
        and len(layout.grid) > 1
        and math.prod(layout.grid) > _WRITE_OUT_MAX
        and layout.grid[-1] >= vector
    ):
        columns = _inner_sums_in_pieces(blocks, a.dtype, acc)
    else:
        # The iterator's dimensions as axes, fastest first: axis 0 is added up.
        grid = blocks.T.astype(acc, order="C", copy=False)
        if grid.ndim == 1:
            grid = grid[:, np.newaxis]
        columns = _kernel(grid, *layout.strides, a.dtype)  # one value per index of the other dimensions
    columns = columns.transpose(layout.fold).reshape(layout.fold_shape).astype(acc, order="C", copy=False)
    # float16 is rounded once: with two reduced dimensions in the loop, sum_out adds in a float32
    # buffer (should_use_acc_buffer, PyTorch issue 83149); with one, there is one value to store.
    total = _in_turn(columns.reshape(len(columns), -1)).reshape(columns.shape[1:])
    total = total + _ZERO_ARRAYS[acc]  # + 0: PyTorch's output starts at 0, so never -0
    # ([...]: an array, where NumPy's arithmetic on 0-d arrays gave a scalar)
    total = total.T.astype(a.dtype, copy=False)[...].reshape(layout.out_shape)
    # a new tensor of PyTorch's is laid out row by row (so reshaping it later is a view, as there)
    return total if total.flags.c_contiguous else total.copy()


_PIECE_BYTES = 1 << 18
"""How much of a big input ``_inner_sums_in_pieces`` turns around at a time (it stays in the caches)."""


def _inner_sums_in_pieces(blocks: np.ndarray, dtype: np.dtype, acc: np.dtype) -> np.ndarray:
    """``_kernel``'s sums of contiguous runs of at least a vector (the last axis of ``blocks``), piece by piece.

    ``vectorized_inner_sum`` adds each run vector by vector: its lanes, each a running sum (in ``_row_sum``'s
    order) over the run's vectors, then the leftovers and the lanes in turn.  The kernel adds along
    axis 0, so the vectors are turned into rows: whole vectors moved at a time (a vector is 32
    bytes), not numbers one by one (turning a (256, 1024) input around number by number took 0.8 ms
    against PyTorch's 14 µs for the whole sum).  Each run is a sum of its own, so pieces of a few runs
    give the same bits, and a piece stays in the caches.
    """
    size0 = blocks.shape[-1]
    runs = blocks.reshape(-1, size0)  # (a copy if the other dimensions do not merge: row by row, quick)
    vector = _VECTOR_BYTES // dtype.itemsize  # Vectorized<scalar_t>::size()
    lanes = _VECTOR_BYTES // acc.itemsize  # Vectorized<acc_t>::size()
    count = size0 // vector  # whole vectors in a run
    full = count * vector
    step = max(1, _PIECE_BYTES // (size0 * runs.itemsize))
    sums = []
    for start in range(0, len(runs), step):
        piece = runs[start : start + step]
        n = len(piece)
        # (vectors, runs, vector): row k holds the k-th vector of every run
        rows = piece[:, :full].reshape(n, count, vector).transpose(1, 0, 2).astype(acc, order="C")
        if vector != lanes:  # float16: a vector's two halves added into float32 lanes (load_to_float)
            halves = rows.reshape(count, n, 2, lanes)
            rows = halves[:, :, 0] + halves[:, :, 1]
        # (lanes, runs), row by row: along a contiguous axis NumPy would add 8 or more numbers pairwise
        lane_sums = _row_sum(rows.reshape(count, -1)).reshape(n, lanes).T.astype(acc, order="C")
        if full < size0:
            lane_sums = np.concatenate((piece[:, full:].T.astype(acc, order="C"), lane_sums))
        sums.append(_in_turn(lane_sums))
    return np.concatenate(sums).reshape(blocks.shape[:-1]).T


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


# -- the kernel ------------------------------------------------------------------------------------
#
# Every sum below runs along axis 0 of an array laid out row by row (C-contiguous, or a slice of
# one): np.add.reduce along an axis that is not the innermost one adds row after row
# (``out += x[i]``, elementwise); NumPy adds pairwise only along the innermost axis, so a column
# (one element per row) is added by np.add.accumulate instead.  The sum of no rows is None, not
# zeros: 0 + x is x (but -0), and the caller's final + 0 makes a -0 +0, as PyTorch's output,
# filled with 0 first, does.


def _kernel(grid: np.ndarray, stride0: int, stride1: int, dtype: np.dtype) -> np.ndarray:
    """``cascade_sum``'s choice for one call of the loop: axis 0 of the C-contiguous ``grid`` is
    added up, axis 1 (``size1``) is what each sum is stored to; any further axes are further calls."""
    size0, size1 = grid.shape[:2]
    columns = grid if grid.ndim == 2 else grid.reshape(size0, -1)  # one sum a column
    vector = _VECTOR_BYTES // dtype.itemsize  # Vectorized<scalar_t>::size()
    lanes = _VECTOR_BYTES // grid.itemsize  # Vectorized<acc_t>::size()
    if stride0 == 1 and size0 >= vector:  # vectorized_inner_sum: vectors, then leftovers, then lanes
        full = size0 // vector * vector
        vectors = columns[:full].reshape(full // vector, -1)  # a row: one vector of each column
        if vector != lanes:  # float16: a vector's two halves added into float32 lanes (load_to_float)
            halves = vectors.reshape(full // vector, 2, -1)
            vectors = halves[:, 0] + halves[:, 1]
        lane_sums = _row_sum(vectors).reshape(lanes, -1)
        if full < size0:
            lane_sums = np.concatenate((columns[full:], lane_sums))
        total = _in_turn(lane_sums)
    else:
        split = _outer_split(size1, stride0, stride1, vector, lanes)
        if split == size1:
            total = _cascade(columns)
        elif split == 0:
            total = _row_sum(columns)
        else:  # (reshaping a slice of a grid with further axes copies it, row by row)
            first, rest = grid[:, :split].reshape(size0, -1), grid[:, split:].reshape(size0, -1)
            total = np.concatenate((_cascade(first), _row_sum(rest)))
    return total if grid.ndim == 2 else total.reshape(grid.shape[1:])


def _outer_split(size1: int, stride0: int, stride1: int, vector: int, lanes: int) -> int:
    """How many of the columns ``multi_row_sum`` adds together; ``row_sum`` adds each of the others."""
    if stride1 == 1 and size1 >= vector:  # vectorized_outer_sum: 4 vectors of columns at a time
        return size1 // (_ILP * lanes) * _ILP * lanes
    if stride0 < stride1:  # scalar_inner_sum
        return 0
    return size1 // _ILP * _ILP  # scalar_outer_sum: 4 columns at a time


def _in_turn(x: np.ndarray) -> np.ndarray:
    """``((x₀ + x₁) + x₂) + …`` along axis 0 of (n ≥ 1, w): elementwise additions, one order only."""
    count = len(x)
    if count > 3:
        if x.shape[1] > 1:
            return np.add.reduce(x, axis=0)  # row after row
        return np.add.accumulate(x, axis=0)[-1]  # a column: a running sum has only this order too
    total = x[0]
    for i in range(1, count):
        total = total + x[i]
    return total


def _group_sums(x: np.ndarray, size: int, full: int) -> np.ndarray:
    """The sums in turn of each group of ``size`` rows in the first ``full`` rows of (n, w)."""
    groups = (x[:full] if full < len(x) else x).reshape(full // size, size, x.shape[1])
    if x.shape[1] > 1:
        return np.add.reduce(groups, axis=1)  # row after row
    return np.add.accumulate(groups, axis=1)[:, -1]


@functools.lru_cache(maxsize=256)
def _level_step(n: int) -> int:
    """``multi_row_sum``'s ``level_step`` for ``n`` rows: 16, or more past 2¹⁹ rows."""
    ceil_log2 = 1 if n <= 2 else (n - 1).bit_length()  # utils::CeilLog2
    return 1 << max(4, ceil_log2 // _LEVELS)


def _cascade(x: np.ndarray) -> np.ndarray:
    """``multi_row_sum`` along axis 0 of (n, w): runs of ``level_step`` rows, their sums in groups,
    four levels.

    At each of the first three levels, the rows after the last full group go to that level's sum
    and the groups' sums on to the next level; the four levels' sums are then added in turn.
    """
    step = _level_step(len(x))
    total = None
    for _ in range(_LEVELS - 1):
        full = len(x) // step * step
        if full < len(x):
            leftover = _in_turn(x[full:])
            total = leftover if total is None else total + leftover
        if full == 0:
            return total
        if full == step:  # one group: its sum is the next level's only row, which goes to that level's sum
            group = _in_turn(x[:full])
            return group if total is None else total + group
        x = _group_sums(x, step, full)
    last = _in_turn(x)
    return last if total is None else total + last


def _row_sum(x: np.ndarray) -> np.ndarray:
    """``row_sum`` along axis 0 of (n, w): 4 interleaved runs, the leftover rows into the first,
    then the 4."""
    full = len(x) // _ILP * _ILP
    if full == 0:
        return _in_turn(x)
    runs = _cascade(x[:full].reshape(full // _ILP, -1)).reshape(_ILP, -1)
    if full == len(x):
        return _in_turn(runs)  # ((run₀ + run₁) + run₂) + run₃
    first = runs[0]
    for i in range(full, len(x)):
        first = first + x[i]
    return ((first + runs[1]) + runs[2]) + runs[3]


# -- each kind of sum written out once -------------------------------------------------------------
#
# Which additions a sum makes depends on its shape, strides, dtype and dims, never on its values.
# The functions above choose their steps afresh on every call, and for sums of a few thousand
# elements the choosing (Python) cost about as much as the adding (NumPy).  So _plan runs them once,
# on a stand-in array that notes each NumPy step done with it (_Noted), and writes those steps out
# as one straight-line function: the same NumPy calls on the same shapes, in the same order,
# without the choosing.  The three sums of bench_core's MLP step (a 256x128 and a 256x10 bias
# gradient, the mean of 256x10 squared errors) went from 15.0, 7.1 and 8.5 µs to 12.5, 5.5 and
# 7.2 µs (NumPy's own sums, in another order: 8.5, 5.0 and 1.4 µs).  The functions above stay the
# definition; test_summation_order holds the written-out steps to them, bit for bit.

_WRITE_OUT_MAX = 1 << 16
"""Sums of more elements than this run the functions above as they are (the choosing is a small part)."""


def _read_steps(lines: list, result: str) -> tuple[list, str]:
    """The noted ``lines`` whose value is read, by a later one or as the ``result``, their values numbered
    again in order (v0, v1 ...); and the result's new name."""
    read = {result}
    kept = []
    for line in reversed(lines):
        name, expression = line.strip().split(" = ", 1)
        if name in read:
            kept.append((name, expression))
            read.update(_VALUE_NAME.findall(expression))
    kept.reverse()
    names = {name: f"v{number}" for number, (name, _) in enumerate(kept)}
    renamed = [
        f"    {names[name]} = " + _VALUE_NAME.sub(lambda found: names[found.group()], expression)
        for name, expression in kept
    ]
    return renamed, names.get(result, result)


_VALUE_NAME = re.compile(r"\bv\d+\b")  # a noted value's name in a line


class _UnnotedStepError(TypeError):
    """A step a ``_Noted`` array cannot write down: the sum keeps the functions above."""


class _Noted:
    """A NumPy array that notes, as a line of Python, each step done with it.

    The steps run on the real array too, so each ``_Noted`` holds the value
    the functions above would have; what they read to choose their steps
    (shape, dtype, strides) is read from it.  Only the steps they use are
    known: a method, slicing, ``+``, and NumPy's ufuncs and dispatched
    functions (``np.add.reduce``, ``np.concatenate``).  ``np.asarray`` and
    ``np.ascontiguousarray`` do not dispatch, so the functions above use
    ``astype(order="C", copy=False)`` and ``[...]`` for them.
    """

    __slots__ = ("value", "name", "lines", "constants", "reshaped_from")

    def __init__(self, value: np.ndarray, name: str, lines: list, constants: dict) -> None:
        self.value, self.name, self.lines, self.constants = value, name, lines, constants
        self.reshaped_from: _Noted | None = None  # a C-contiguous array this one is a reshape of

    shape = property(lambda self: self.value.shape)
    ndim = property(lambda self: self.value.ndim)
    dtype = property(lambda self: self.value.dtype)
    itemsize = property(lambda self: self.value.itemsize)
    strides = property(lambda self: self.value.strides)
    flags = property(lambda self: self.value.flags)

    def __len__(self) -> int:
        return len(self.value)

    def _step(self, value: Any, expression: str) -> _Noted:
        if _same_view(value, self.value):  # (a[:n] of n rows, a.reshape(a.shape) ...: no step)
            return self
        name = f"v{len(self.lines)}"
        self.lines.append(f"    {name} = {expression}")
        return _Noted(value, name, self.lines, self.constants)

    def _source(self, x: Any) -> str:
        """``x`` as Python source in the written-out function."""
        if type(x) is _Noted:
            return x.name
        if type(x) is tuple:
            return "(" + ", ".join(map(self._source, x)) + ("," if len(x) == 1 else "") + ")"
        if type(x) is slice:
            bounds = [self._source(b) if b is not None else "" for b in (x.start, x.stop, x.step)]
            return ":".join(bounds[:2] if x.step is None else bounds)
        if x is None or x is Ellipsis or type(x) in (bool, int, str):
            return repr(x) if x is not Ellipsis else "..."
        if isinstance(x, np.integer):
            return repr(int(x))
        if isinstance(x, np.dtype):
            name = f"{x.name}_"
        elif type(x) is np.ndarray and x.shape == () and x == 0:
            name = f"zero_{x.dtype.name}"
        else:
            raise _UnnotedStepError(f"a constant {x!r}")
        self.constants[name] = x
        return name

    def _call(self, head: str, args: tuple, kwargs: dict) -> str:
        words = [self._source(a) for a in args] + [f"{k}={self._source(v)}" for k, v in kwargs.items()]
        return f"{head}({', '.join(words)})"

    def __getitem__(self, key: Any) -> _Noted:
        items = key if type(key) is tuple else (key,)
        return self._step(self.value[key], f"{self.name}[{', '.join(map(self._source, items))}]")

    def reshape(self, *shape: Any) -> _Noted:
        value = self.value.reshape(*shape)
        # A reshape of a reshape of a C-contiguous array is one reshape of it (the same view):
        # one NumPy call, not a chain (the steps of the chain nothing else reads are left out).
        source = self.reshaped_from
        if source is None and self.value.flags.c_contiguous:
            source = self
        start = self if source is None else source  # (not `or`: a _Noted has a length)
        noted = self._step(value, f"{start.name}.reshape({value.shape!r})")  # (-1 worked out)
        if noted is not self:
            noted.reshaped_from = source
        return noted

    def transpose(self, *axes: Any) -> _Noted:
        return self._step(self.value.transpose(*axes), self._call(f"{self.name}.transpose", axes, {}))

    @property
    def T(self) -> _Noted:
        return self._step(self.value.T, f"{self.name}.T")

    def astype(self, *args: Any, **kwargs: Any) -> _Noted:
        return self._step(self.value.astype(*args, **kwargs), self._call(f"{self.name}.astype", args, kwargs))

    def copy(self) -> _Noted:
        return self._step(self.value.copy(), f"{self.name}.copy()")

    def __add__(self, other: Any) -> _Noted:
        return self._step(self.value + _value(other), f"{self.name} + {self._source(other)}")

    def __radd__(self, other: Any) -> _Noted:
        return self._step(_value(other) + self.value, f"{self._source(other)} + {self.name}")

    def __array_ufunc__(self, ufunc: np.ufunc, method: str, *inputs: Any, **kwargs: Any) -> _Noted:
        if ufunc is not np.add or method not in ("__call__", "reduce", "accumulate"):
            raise _UnnotedStepError(f"np.{ufunc.__name__}.{method}")
        value = getattr(ufunc, method)(*map(_value, inputs), **kwargs)
        head = "np.add" if method == "__call__" else f"np.add.{method}"
        return self._step(value, self._call(head, inputs, kwargs))

    def __array_function__(self, function: Callable, types: tuple, args: tuple, kwargs: dict) -> _Noted:
        if function is not np.concatenate:
            raise _UnnotedStepError(f"np.{function.__name__}")
        value = function(*map(_value, args), **kwargs)
        return self._step(value, self._call("np.concatenate", args, kwargs))


def _same_view(a: Any, b: Any) -> bool:
    """Whether ``a`` reads the very elements ``b`` does, in the same layout (so one can stand for the other)."""
    if a is b:
        return True
    if type(a) is not np.ndarray or type(b) is not np.ndarray:
        return False
    layout = (a.shape, a.strides, a.dtype, a.__array_interface__["data"][0])
    return layout == (b.shape, b.strides, b.dtype, b.__array_interface__["data"][0])


def _value(x: Any) -> Any:
    """The real array behind ``x`` (and behind each member of a tuple)."""
    if type(x) is _Noted:
        return x.value
    return tuple(map(_value, x)) if type(x) is tuple else x


def _written_out(function: Callable, shape: tuple, strides: tuple, dtype: np.dtype, title: str) -> Callable:
    """``function`` (a sum's steps for arrays of this layout) as straight-line NumPy calls.

    Run once on an array of the layout with distinct values, and checked
    against ``function`` on it, bit for bit; ``function`` itself where a step
    cannot be written down.  The rows of a 256x10 float32 matrix (a bias
    gradient over a batch of 256) are added in ``row_sum``'s order: four
    interleaved runs of 64 rows, each in 4 blocks of 16, the blocks' sums
    added, then the four runs; the output starts at 0:

    >>> import linecache
    >>> bias_grad = _pytorch_sum(np.ones((256, 10), np.float32), (0,))
    >>> print("".join(linecache.getlines("<sum of float32 (256, 10) over (0,)>")), end="")
    def _sum(a):
        v0 = a.reshape((4, 16, 40))
        v1 = np.add.reduce(v0, axis=1)
        v2 = np.add.reduce(v1, axis=0)
        v3 = v2.reshape((4, 10))
        v4 = np.add.reduce(v3, axis=0)
        v5 = v4 + zero_float32
        return v5
    """
    extent = sum((n - 1) * s for n, s in zip(shape, strides, strict=True)) // dtype.itemsize + 1
    values = (np.arange(extent) % 251 + 1) / 512  # distinct; a sum of 2¹⁶ fits float16
    example = np.lib.stride_tricks.as_strided(values.astype(dtype), shape, strides)
    lines: list = []
    constants: dict = {}
    try:
        result = function(_Noted(example, "a", lines, constants))
    except _UnnotedStepError:
        return function
    if type(result) is not _Noted:
        return function
    steps, returned = _read_steps(lines, result.name)
    source = "\n".join(["def _sum(a):", *steps, f"    return {returned}"]) + "\n"
    written = define(source, title, {"np": np, **constants}, "_sum")  # tracebacks show its lines
    expected, found = function(example), written(example)
    same = np.shape(found) == np.shape(expected) and type(found) is type(expected)
    if not same or np.asarray(found).tobytes() != np.asarray(expected).tobytes():
        return function
    written.__wrapped__ = function  # (what it was written from)
    return written
