"""The order in which sum and mean add (ops/_summation.py): PyTorch's, checked two ways.

1. Against ``reference_sum`` below: a plain-Python transcription of PyTorch
   2.13's CPU algorithm, loop by loop and one addition at a time
   (TensorIterator's ``reorder_dimensions``, ``coalesce_dimensions`` and
   serial loop; SumKernel.cpp's ``cascade_sum``, ``multi_row_sum``,
   ``row_sum``, ``vectorized_inner_sum``, ``vectorized_outer_sum``, with
   32-byte vectors).  Both add IEEE numbers in a fixed order, so they agree
   to the bit on every machine; NumPy's own sum (pairwise) does not.
2. Against torch itself, bit for bit, where torch runs that kernel: x86-64
   with the DEFAULT, AVX2 or AVX512 capability (AVX-512 dispatches sums to
   the AVX2 kernel); skipped elsewhere.  Every tensor has fewer than 32768
   elements, PyTorch's grain size, so torch adds on one thread whatever its
   thread count.
"""

from __future__ import annotations

import itertools
import platform

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import autograd_lab as lab
from autograd_lab.ops._summation import (
    _WRITE_OUT_MAX,
    _cascade,
    _layout,
    _plan,
    _pytorch_sum,
    _row_sum,
    _written_out,
)

VECTOR_BYTES = 32


# -- the reference: PyTorch's loops, transcribed ---------------------------------------------------


def ceil_log2(x: int) -> int:
    """``utils::CeilLog2``."""
    return 1 if x <= 2 else (x - 1).bit_length()


def multi_row_sum(load, nrows: int, size: int, zero):
    """``multi_row_sum``: ``load(i, k)`` is row ``i``, column ``k``."""
    num_levels = 4
    level_power = max(4, ceil_log2(size) // num_levels)
    level_step = 1 << level_power
    level_mask = level_step - 1
    acc = [[zero] * nrows for _ in range(num_levels)]
    i = 0
    while i + level_step <= size:
        for _ in range(level_step):
            for k in range(nrows):
                acc[0][k] = acc[0][k] + load(i, k)
            i += 1
        for j in range(1, num_levels):
            for k in range(nrows):
                acc[j][k] = acc[j][k] + acc[j - 1][k]
                acc[j - 1][k] = zero
            if i & (level_mask << (j * level_power)):
                break
    while i < size:
        for k in range(nrows):
            acc[0][k] = acc[0][k] + load(i, k)
        i += 1
    for j in range(1, num_levels):
        for k in range(nrows):
            acc[0][k] = acc[0][k] + acc[j][k]
    return acc[0]


def row_sum(load, size: int, zero):
    """``row_sum``: ``load(i)`` is element ``i``; ilp_factor 4."""
    ilp = 4
    size_ilp = size // ilp
    partial = multi_row_sum(lambda i, k: load(i * ilp + k), ilp, size_ilp, zero)
    for i in range(size_ilp * ilp, size):
        partial[0] = partial[0] + load(i)
    for k in range(1, ilp):
        partial[0] = partial[0] + partial[k]
    return partial[0]


def cascade_loop(x, out, in_ptr, out_ptr, strides, size0, size1, scalar, acc) -> None:
    """``cascade_sum``'s loop body: ``strides`` = (out0, in0, out1, in1), in elements."""
    in_strides = [strides[1], strides[3]]
    out_strides = [strides[0], strides[2]]
    if out_strides[0] != 0 and out_strides[1] == 0:
        in_strides.reverse()
        out_strides.reverse()
        size0, size1 = size1, size0
    if out_strides[0] != 0 and out_strides[1] != 0:  # not a reduction: out = out + in
        for j in range(size1):
            for i in range(size0):
                o = out_ptr + i * out_strides[0] + j * out_strides[1]
                out[o] = scalar(acc(out[o]) + acc(x[in_ptr + i * in_strides[0] + j * in_strides[1]]))
        return
    out_stride = out_strides[1]
    vec = VECTOR_BYTES // np.dtype(scalar).itemsize
    lanes = VECTOR_BYTES // np.dtype(acc).itemsize
    zero, zero_vec = acc(0), np.zeros(lanes, acc)

    def load(index: int) -> object:
        return acc(x[index])

    def store(j: int, value) -> None:
        o = out_ptr + j * out_stride
        out[o] = scalar(acc(out[o]) + value)

    def load_lanes(start: int, stride: int) -> np.ndarray:  # OuterSumCastLoadPolicy
        return np.array([x[start + k * stride] for k in range(lanes)]).astype(acc)

    if in_strides[0] == 1 and size0 >= vec:  # vectorized_inner_sum
        vec_size = size0 // vec
        for j in range(size1):
            row = in_ptr + j * in_strides[1]

            def load_vector(v: int, row: int = row) -> np.ndarray:
                values = np.array([acc(x[row + v * vec + e]) for e in range(vec)])
                if vec == lanes:
                    return values
                # float16 (InnerSumCastLoadPolicy for reduced floating types): load_to_float
                # converts the vector into two float32 vectors, its first and second half; their sum
                return values[:lanes] + values[lanes:]

            vec_acc = row_sum(load_vector, vec_size, zero_vec)
            final = zero
            for k in range(vec_size * vec, size0):
                final = final + load(row + k)
            for k in range(lanes):
                final = final + vec_acc[k]
            store(j, final)
    elif in_strides[1] == 1 and size1 >= vec:  # vectorized_outer_sum
        j = 0
        while j + 4 * lanes <= size1:
            sums = multi_row_sum(
                lambda i, k, j=j: load_lanes(in_ptr + j + k * lanes + i * in_strides[0], 1),
                4,
                size0,
                zero_vec,
            )
            for k in range(4):
                for lane in range(lanes):
                    store(j + k * lanes + lane, sums[k][lane])
            j += 4 * lanes
        while j + lanes <= size1:
            sums = row_sum(lambda i, j=j: load_lanes(in_ptr + j + i * in_strides[0], 1), size0, zero_vec)
            for lane in range(lanes):
                store(j + lane, sums[lane])
            j += lanes
        for column in range(j, size1):
            store(column, row_sum(lambda i, c=column: load(in_ptr + c + i * in_strides[0]), size0, zero))
    elif in_strides[0] < in_strides[1]:  # scalar_inner_sum
        for j in range(size1):
            store(
                j, row_sum(lambda i, j=j: load(in_ptr + j * in_strides[1] + i * in_strides[0]), size0, zero)
            )
    else:  # scalar_outer_sum
        j = 0
        while j + 3 < size1:
            sums = multi_row_sum(
                lambda i, k, j=j: load(in_ptr + (j + k) * in_strides[1] + i * in_strides[0]), 4, size0, zero
            )
            for k in range(4):
                store(j + k, sums[k])
            j += 4
        for column in range(j, size1):
            store(
                column,
                row_sum(
                    lambda i, c=column: load(in_ptr + c * in_strides[1] + i * in_strides[0]), size0, zero
                ),
            )


def dense(view: np.ndarray) -> bool:
    """PyTorch's ``is_non_overlapping_and_dense``: the dimensions, sorted by stride, are contiguous."""
    expected = view.itemsize
    for stride, n in sorted((s, n) for s, n in zip(view.strides, view.shape, strict=True) if n > 1):
        if stride != expected:
            return False
        expected *= n
    return True


def reference_sum(view: np.ndarray, dims: tuple | None) -> np.ndarray:
    """``view.sum(dims, keepdim=True)`` as PyTorch computes it, one addition at a time.

    ``view`` is read through its strides, as PyTorch would read a tensor with them.
    """
    scalar = view.dtype.type
    acc = np.float32 if scalar is np.float16 else scalar
    itemsize = view.itemsize
    base = view.base if view.base is not None else view
    while base.base is not None:
        base = base.base
    x = base.ravel(order="K")  # the memory, in order (a view: every base here is one block)
    origin = (view.__array_interface__["data"][0] - base.__array_interface__["data"][0]) // itemsize
    ndim = view.ndim
    reduced = set(range(ndim)) if dims is None else set(dims)
    shape = list(view.shape) or [1]
    in_strides = [s // itemsize for s in view.strides] or [0]
    out_shape = [1 if d in reduced else n for d, n in enumerate(shape)]
    contiguous = [int(np.prod(out_shape[d + 1 :])) for d in range(len(shape))]
    # compute_strides: an operand broadcast along a dimension gets stride 0 there
    out_strides = [0 if out_shape[d] == 1 and shape[d] != 1 else contiguous[d] for d in range(len(shape))]
    n = len(shape)
    if n > 1:  # reorder_dimensions
        perm = list(range(n))[::-1]

        def should_swap(d0: int, d1: int) -> int:
            for is_output, strides in ((True, out_strides), (False, in_strides)):
                s0, s1 = strides[d0], strides[d1]
                if is_output and (s0 == 0) != (s1 == 0):
                    return 1 if s1 == 0 else -1
                if s0 == 0 or s1 == 0:
                    continue
                if s0 < s1:
                    return -1
                if s0 > s1:
                    return 1
                if shape[d0] > shape[d1]:
                    return 1
            return 0

        for i in range(1, n):
            d1 = i
            for d0 in range(i - 1, -1, -1):
                comparison = should_swap(perm[d0], perm[d1])
                if comparison > 0:
                    perm[d0], perm[d1] = perm[d1], perm[d0]
                    d1 = d0
                elif comparison < 0:
                    break
        shape = [shape[p] for p in perm]
        in_strides = [in_strides[p] for p in perm]
        out_strides = [out_strides[p] for p in perm]
        prev = 0  # coalesce_dimensions
        for d in range(1, n):
            if (
                shape[prev] == 1
                or shape[d] == 1
                or all(shape[prev] * s[prev] == s[d] for s in (in_strides, out_strides))
            ):
                if shape[prev] == 1:
                    in_strides[prev], out_strides[prev] = in_strides[d], out_strides[d]
                shape[prev] *= shape[d]
            else:
                prev += 1
                shape[prev], in_strides[prev], out_strides[prev] = shape[d], in_strides[d], out_strides[d]
        del shape[prev + 1 :], in_strides[prev + 1 :], out_strides[prev + 1 :]
    if scalar is np.float16 and len(shape) > 1 and out_strides[0] == out_strides[1] == 0:
        # sum_out's should_use_acc_buffer: sum a float32 copy (self.to(Float): empty_like keeps the
        # strides of a dense tensor, else is contiguous), then copy the result into float16
        as_float = view.astype(np.float32) if dense(view) else np.ascontiguousarray(view, np.float32)
        return reference_sum(as_float, dims).astype(np.float16)
    out = np.zeros(int(np.prod(out_shape)), view.dtype)  # cascade_sum: output.fill_(0)
    padded_out, padded_in = out_strides + [0], in_strides + [0]
    strides = (padded_out[0], padded_in[0], padded_out[1], padded_in[1])
    sizes1 = shape[1] if len(shape) > 1 else 1
    for outer in itertools.product(*[range(k) for k in reversed(shape[2:])]):  # serial_for_each
        index = outer[::-1]  # dimension 2 changes fastest
        in_ptr = origin + sum(i * s for i, s in zip(index, in_strides[2:], strict=True))
        out_ptr = sum(i * s for i, s in zip(index, out_strides[2:], strict=True))
        cascade_loop(x, out, in_ptr, out_ptr, strides, shape[0], sizes1, scalar, acc)
    return out.reshape(out_shape)


# -- the cases -------------------------------------------------------------------------------------


def values(shape: tuple, dtype: type = np.float32, seed: int = 0) -> np.ndarray:
    """Signed values of many magnitudes, so that the order of adding shows in the last bits."""
    rng = np.random.default_rng(seed)
    return (rng.standard_normal(shape) * 10.0 ** rng.uniform(-3, 3, shape)).astype(dtype)


def view_of(kind: str, shape: tuple, dtype: type) -> np.ndarray:
    """A contiguous array, a transposed or a strided view, or one broadcast along its first dimension."""
    if kind == "contiguous":
        return values(shape, dtype)
    if kind == "transposed":
        return values(shape[::-1], dtype).T
    if kind == "strided":
        return values(tuple(2 * n for n in shape), dtype)[tuple(slice(None, None, 2) for _ in shape)]
    return np.broadcast_to(values((1,) + shape[1:], dtype), shape)  # "broadcast"


# Sizes on both sides of the blocks: 4 (ilp), 8 (a float32 vector), 16 (level_step), 32 (4 vectors),
# 64 (16 rows of 4), 128 (16 rows of a vector), 256 (16 blocks of 16), 512 and 2048 (their vectors).
ROWS = (1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257, 511, 513, 2049)
SHAPES = [(n,) for n in ROWS] + [
    (4, 8), (8, 4), (1, 64), (64, 1), (3, 40), (40, 3), (64, 33), (33, 64), (256, 10), (10, 256),
    (129, 31), (31, 129), (17, 257), (5, 6, 7), (16, 2, 33), (3, 40, 9), (2, 1, 65), (4, 3, 2, 5),
]  # fmt: skip


def dims_of(ndim: int) -> list:
    """Every way to reduce: all dimensions (None), each one, and for 3-d and more, two of them."""
    pairs = [(0, ndim - 1), (0, 1)] if ndim >= 3 else []
    return [None] + [(d,) for d in range(ndim)] + pairs


CASES = [
    pytest.param(shape, kind, dims, dtype, id=f"{dtype.__name__}-{kind}-{'x'.join(map(str, shape))}-{dims}")
    for shape in SHAPES
    for dims in dims_of(len(shape))
    for kind, dtype in (("contiguous", np.float32), ("transposed", np.float32), ("strided", np.float64),
                        ("broadcast", np.float32), ("contiguous", np.float16), ("transposed", np.float16),
                        ("strided", np.float16))
    if not (kind == "broadcast" and len(shape) < 2)
]  # fmt: skip


def same_bits(got: np.ndarray, want: np.ndarray) -> bool:
    got, want = np.asarray(got), np.asarray(want)
    return got.dtype == want.dtype and got.shape == want.shape and got.tobytes() == want.tobytes()


@pytest.mark.parametrize(("shape", "kind", "dims", "dtype"), CASES)
def test_sum_adds_in_pytorchs_order(shape: tuple, kind: str, dims: tuple | None, dtype: type) -> None:
    view = view_of(kind, shape, dtype)
    want = reference_sum(view, dims)
    assert same_bits(_pytorch_sum(view, dims, keepdim=True), want)
    if kind == "contiguous":  # through the public function too
        got = lab.tensor(view).sum() if dims is None else lab.tensor(view).sum(dims, keepdim=True)
        assert same_bits(got.numpy().reshape(want.shape), want)


@pytest.mark.parametrize(
    "rows", [15, 16, 17, 255, 256, 257, 4095, 4096, 4097, 65535, 65536, 65537, (1 << 20) + 3]
)
def test_cascade_over_every_level(rows: int) -> None:
    """``multi_row_sum``'s levels of 16 pass on at 16, 256 and 4096 rows; past 2¹⁹ rows they grow to 32."""
    x = values((rows, 1))
    want = multi_row_sum(lambda i, k: x[i, k], 1, rows, np.float32(0))[0]
    assert same_bits(_cascade(x)[0], want)
    if rows < 70000:
        assert same_bits(_row_sum(x)[0], row_sum(lambda i: x[i, 0], rows, np.float32(0)))


def test_the_reference_reads_a_view_through_its_strides() -> None:
    """The reference's own check: with one addition in each sum, it gives back the elements, by index."""
    view = values((6, 8)).T[::2]
    assert np.array_equal(reference_sum(view[:, :1], (1,))[:, 0], view[:, 0])
    assert reference_sum(np.array([-0.0], np.float32), None).tobytes() == np.float32(0).tobytes()


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
@pytest.mark.parametrize("dims", [None, (0,), (1,)])
def test_mean_is_the_sum_over_the_count(dims: tuple | None, dtype: type) -> None:
    """PyTorch's ``mean_out`` on the CPU: sum, then divide; float16 summed and divided in float32."""
    x = values((33, 20), dtype)
    acc = np.float32 if dtype is np.float16 else dtype
    total = reference_sum(x.astype(acc), dims)
    count = x.size if dims is None else x.shape[dims[0]]
    mean = (total / count).astype(dtype)
    want = mean.reshape(()) if dims is None else mean.squeeze(dims)
    got = lab.tensor(x).mean() if dims is None else lab.tensor(x).mean(dims)
    assert same_bits(got.numpy(), want)


def test_a_broadcast_bias_gradient_is_the_sum_over_the_batch() -> None:
    """The engine undoes a broadcast with the same sum: a bias's gradient over a batch of 64."""
    grad = values((64, 10), seed=1)
    b = lab.zeros(10, requires_grad=True)
    (lab.tensor(values((64, 10))) + b).backward(lab.tensor(grad))
    assert same_bits(b.grad.numpy(), reference_sum(grad, (0,)).reshape(10))


# -- against torch -----------------------------------------------------------------------------------


EMULATED_CAPABILITIES = ("DEFAULT", "AVX2", "AVX512")


def _torch_with_emulated_kernel():
    """torch, if its sum kernel is the one emulated (32-byte vectors), else skip."""
    torch = pytest.importorskip("torch")
    capability = torch.backends.cpu.get_cpu_capability()
    if platform.machine().lower() not in ("x86_64", "amd64") or capability not in EMULATED_CAPABILITIES:
        pytest.skip(f"torch's sum kernel here ({platform.machine()}, {capability}) is not the one emulated")
    return torch


TORCH_SHAPES = [(n,) for n in ROWS + (4100, 30000)] + [
    (4, 8), (37, 5), (64, 33), (256, 10), (256, 128), (10, 256), (129, 31), (5, 6, 7), (16, 33, 7), (3, 40, 9, 2),
]  # fmt: skip


@pytest.mark.parametrize("dtype", ["float32", "float64", "float16"])
@pytest.mark.parametrize("shape", TORCH_SHAPES, ids=lambda s: "x".join(map(str, s)))
def test_sum_and_mean_match_torch_bit_for_bit(shape: tuple, dtype: str) -> None:
    torch = _torch_with_emulated_kernel()
    x = values(shape, getattr(np, dtype))
    ours, theirs = lab.tensor(x), torch.tensor(x)
    for dims in dims_of(len(shape)):
        for op in ("sum", "mean"):
            for keepdim in (False, True) if dims else (False,):
                args = (dims, keepdim) if dims else ()
                got = getattr(ours, op)(*args).numpy()
                want = getattr(theirs, op)(*args).numpy()
                assert same_bits(got, want), (op, dims, keepdim)
    if len(shape) == 2:  # a transposed view is read through its strides, as torch reads it
        for dims in dims_of(2):
            args = (dims,) if dims else ()
            assert same_bits(ours.t().sum(*args).numpy(), theirs.t().sum(*args).numpy()), dims


@pytest.mark.parametrize("dtype", ["float32", "float64", "float16"])
@pytest.mark.parametrize("shape", [(100,), (37, 5), (256, 10)], ids=lambda s: "x".join(map(str, s)))
def test_nansum_and_nanmean_match_torch_bit_for_bit(shape: tuple, dtype: str) -> None:
    """nansum is the same cascade_sum, each NaN read as 0."""
    torch = _torch_with_emulated_kernel()
    x = values(shape, getattr(np, dtype))
    x[np.random.default_rng(1).random(shape) < 0.2] = np.nan
    for op in ("nansum", "nanmean"):
        for args in [()] + [(d,) for d in range(len(shape))]:
            got = getattr(lab, op)(lab.tensor(x), *args).numpy()
            assert same_bits(got, getattr(torch, op)(torch.tensor(x), *args).numpy()), (op, args)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("shape", [(7,), (100,), (33, 20), (5, 6, 7)], ids=lambda s: "x".join(map(str, s)))
def test_var_and_std_of_all_elements_match_torch_bit_for_bit(shape: tuple, dtype: str) -> None:
    """std_var_all_cpu: the mean (our sum), then the squared deviations added in turn in float64."""
    torch = _torch_with_emulated_kernel()
    x = values(shape, getattr(np, dtype)) + 3
    ours, theirs = lab.tensor(x), torch.tensor(x)
    if len(shape) == 2:  # memory order, whatever the view
        ours, theirs = ours.t(), theirs.t()
    for op in ("var", "std"):
        for correction in (0, 1):
            got = getattr(ours, op)(correction=correction).numpy()
            assert same_bits(got, getattr(theirs, op)(correction=correction).numpy()), (op, correction)
    if len(shape) > 1:
        dims = tuple(range(len(shape)))
        assert same_bits(ours.var(dims, keepdim=True).numpy(), theirs.var(dims, keepdim=True).numpy())


@pytest.mark.parametrize("batch", [3, 16, 64, 256])
def test_gradients_and_losses_match_torch_bit_for_bit(batch: int) -> None:
    """A bias's gradient over a batch (the broadcast undone), and the mean of MSE and L1 losses."""
    torch = _torch_with_emulated_kernel()
    x, y, grad = values((batch, 40)), values((batch, 40), seed=1), values((batch, 40), seed=2)
    ours, theirs = {}, {}
    for m, t in ((lab, ours), (torch, theirs)):  # a bias, and one broadcast along a dimension of size 1
        t["b"], t["c"] = m.zeros(40, requires_grad=True), m.zeros(1, 40, requires_grad=True)
        (m.tensor(x) + t["b"] + t["c"]).backward(m.tensor(grad))
    assert same_bits(ours["b"].grad.numpy(), theirs["b"].grad.numpy())
    assert same_bits(ours["c"].grad.numpy(), theirs["c"].grad.numpy())
    for loss in ("mse_loss", "l1_loss"):
        for reduction in ("mean", "sum"):
            got = getattr(lab.nn.functional, loss)(lab.tensor(x), lab.tensor(y), reduction=reduction).numpy()
            want = getattr(torch.nn.functional, loss)(torch.tensor(x), torch.tensor(y), reduction=reduction)
            assert same_bits(got, want.numpy()), (loss, reduction)


# -- the fast paths: one call of the kernel on a C-contiguous block ---------------------------------

# rows added up (vectorized_outer_sum / scalar_outer_sum), each row added up (vectorized_inner_sum
# on the block's transpose), all of a contiguous array (one column); the sizes on both sides of the
# levels of 16, 256 and 4096 rows, of a vector and of 4 vectors of columns.
BLOCK_CASES = [
    *[((rows, columns), (0,)) for rows in (15, 16, 17, 255, 256, 257) for columns in (2, 3, 10, 32, 40)],
    *[((rows, 3), (0,)) for rows in (4095, 4096, 4097)],
    *[((rows, size), (1,)) for rows in (2, 5) for size in (8, 15, 16, 17, 255, 256, 257)],
    *[((size,), None) for size in (15, 16, 17, 255, 256, 257, 4095, 4096, 4097)],
    ((4, 3, 8), (0, 1)), ((4, 3, 8), (2,)), ((3, 40), None),
]  # fmt: skip


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
@pytest.mark.parametrize(("shape", "dims"), BLOCK_CASES, ids=str)
def test_block_sums_add_in_pytorchs_order(shape: tuple, dims: tuple | None, dtype: type) -> None:
    """Each fast path against the reference, with and without keepdim, and on a strided view too."""
    from autograd_lab.ops._summation import _block_sum, _plan

    x = values(shape, dtype)
    assert _plan(x.shape, x.strides, x.dtype, dims, False).__wrapped__.func is _block_sum
    want = reference_sum(x, dims)
    assert same_bits(_pytorch_sum(x, dims, keepdim=True), want)
    assert same_bits(_pytorch_sum(x, dims), want.reshape(_pytorch_sum(x, dims).shape))
    assert _pytorch_sum(x, dims).shape == np.add.reduce(x, axis=dims).shape
    strided = view_of("strided", shape, dtype)  # the general path, same sums
    assert same_bits(_pytorch_sum(strided, dims, keepdim=True), reference_sum(strided, dims))


@pytest.mark.parametrize(
    ("shape", "dims"), [((256, 10), (0,)), ((32, 16), (1,)), ((2560,), None), ((5, 17), (1,))]
)
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_block_sums_of_negative_zeros_are_positive_zeros(
    shape: tuple, dims: tuple | None, dtype: type
) -> None:
    """Parts of no rows are skipped, not added as 0: the final + 0 still turns -0 into +0."""
    x = np.full(shape, -0.0, dtype)
    got = _pytorch_sum(x, dims)
    assert same_bits(got.reshape(-1), reference_sum(x, dims).reshape(-1))
    assert not np.signbit(got).any()


@pytest.mark.parametrize("rows", [4, 16, 17, 256, 4097])
@pytest.mark.parametrize("width", [2, 3, 8, 128])
def test_numpy_reduces_a_non_innermost_axis_row_after_row(rows: int, width: int) -> None:
    """What the helpers rest on: np.add.reduce along axis 0 (or 1 of 3) of a C-contiguous array adds
    ``out += x[i]`` in turn, as a running sum does, when each row has two elements or more."""
    x = values((rows, width))
    assert same_bits(np.add.reduce(x, axis=0), np.add.accumulate(x, axis=0)[-1])
    if width > 2:  # a slice of columns (one column would be summed along the innermost axis)
        assert same_bits(np.add.reduce(x[:, 1:], axis=0), np.add.accumulate(x[:, 1:], axis=0)[-1])
    groups = values((3, rows, width))
    assert same_bits(np.add.reduce(groups, axis=1), np.add.accumulate(groups, axis=1)[:, -1])


@pytest.mark.parametrize("dtype", ["float32", "float64", "float16"])
@pytest.mark.parametrize(
    ("shape", "dims"),
    [((4097, 40), (0,)), ((257, 128), (0,)), ((40, 4097), (1,)), ((8191,), None), ((256, 10), None)],
    ids=str,
)
def test_block_sums_match_torch_bit_for_bit(shape: tuple, dims: tuple | None, dtype: str) -> None:
    torch = _torch_with_emulated_kernel()
    x = values(shape, getattr(np, dtype))
    for keepdim in (False, True):
        want = torch.tensor(x).sum(dims, keepdim) if dims else torch.tensor(x).sum()
        got = _pytorch_sum(x, dims, keepdim) if dims else _pytorch_sum(x)
        assert same_bits(got, want.numpy()), keepdim


def test_dims_may_come_as_a_list_or_one_int() -> None:
    values = np.arange(24, dtype=np.float32).reshape(4, 6) / 7
    expected = _pytorch_sum(values, (0,))
    assert np.array_equal(_pytorch_sum(values, [0]), expected)
    assert np.array_equal(_pytorch_sum(values, 0), expected)


# -- each kind of sum written out once (_written_out) ----------------------------------------------


@pytest.mark.parametrize(("shape", "kind", "dims", "dtype"), CASES)
def test_each_sum_is_written_out_as_the_steps_it_takes(
    shape: tuple, kind: str, dims: tuple | None, dtype: type
) -> None:
    """The written-out steps give what the functions they were noted from give, to the bit; and every
    sum with something to add is written out, so the tests above check the written-out steps."""
    view = view_of(kind, shape, dtype)
    reduced = tuple(range(view.ndim)) if dims is None else dims
    for keepdim in (False, True):
        plan = _plan(view.shape, view.strides, view.dtype, dims, keepdim)
        adds = _layout(view.shape, view.strides, view.dtype, reduced, keepdim).kind == "sum"
        assert hasattr(plan, "__wrapped__") == adds
        if adds:
            got, want = plan(view), plan.__wrapped__(view)
            assert type(got) is type(want)
            assert same_bits(got, want)


def test_big_sums_run_the_functions_as_they_are() -> None:
    x = values((_WRITE_OUT_MAX + 1,))
    assert not hasattr(_plan(x.shape, x.strides, x.dtype, None, False), "__wrapped__")
    assert same_bits(_pytorch_sum(x).reshape(1), reference_sum(x, None))


def test_a_step_that_cannot_be_noted_keeps_the_function() -> None:
    """np.multiply is not among the steps a _Noted array writes down: the function is kept as it is."""
    x = values((40, 3))

    def doubled_sum(a: np.ndarray) -> np.ndarray:
        return np.add.reduce(np.multiply(a, 2), axis=0)

    assert _written_out(doubled_sum, x.shape, x.strides, x.dtype, "<doubled>") is doubled_sum


def test_the_users_errstate_applies_to_the_users_values() -> None:
    """Writing the steps out warns of nothing; the written-out steps warn as NumPy does."""
    x = np.full((200, 257), 300, np.float16)  # each row's sum, 77100, is past float16's largest
    with np.errstate(all="raise"):
        plan = _plan(x.shape, x.strides, x.dtype, (1,), False)
        assert hasattr(plan, "__wrapped__")
        assert same_bits(plan(np.ones_like(x)), np.full(200, 257, np.float16))
        with pytest.raises(FloatingPointError, match="overflow"):
            plan(x)


def test_a_traceback_shows_the_written_out_line() -> None:
    x = values((64, 40))
    plan = _plan(x.shape, x.strides, x.dtype, (0,), False)
    with pytest.raises(ValueError) as caught:
        plan(x[:, :39])  # the wrong shape for these steps
    where = caught.traceback[-1]
    assert str(where.path) == "<sum of float32 (64, 40) over (0,)>"
    assert "reshape" in str(where.statement)


@st.composite
def laid_out_arrays(draw: st.DrawFn) -> tuple[np.ndarray, tuple | None, bool]:
    """An array of up to 4 dimensions laid out in any of the ways a tensor can be, dims and keepdim."""
    shape = tuple(draw(st.lists(st.integers(1, 40), min_size=1, max_size=4)))
    dtype = draw(st.sampled_from([np.float16, np.float32, np.float64]))
    kind = draw(st.sampled_from(["contiguous", "transposed", "strided", "broadcast", "permuted"]))
    if kind == "permuted":
        order = draw(st.permutations(range(len(shape))))
        array = values(tuple(shape[i] for i in np.argsort(order)), dtype).transpose(order)
    else:
        array = view_of(kind, shape, dtype)
    dims = draw(
        st.none() | st.sets(st.integers(0, len(shape) - 1), min_size=1).map(lambda d: tuple(sorted(d)))
    )
    return array, dims, draw(st.booleans())


@given(laid_out_arrays())
@settings(max_examples=300, deadline=None)
def test_written_out_sums_match_the_functions_they_were_written_from(case: tuple) -> None:
    array, dims, keepdim = case
    plan = _plan(array.shape, array.strides, array.dtype, dims, keepdim)
    reduced = tuple(range(array.ndim)) if dims is None else dims
    adds = _layout(array.shape, array.strides, array.dtype, reduced, keepdim).kind == "sum"
    assert hasattr(plan, "__wrapped__") == (adds and array.size <= _WRITE_OUT_MAX)
    if hasattr(plan, "__wrapped__"):
        with np.errstate(over="ignore"):  # (float16 sums of large values)
            got, want = plan(array), plan.__wrapped__(array)
        assert type(got) is type(want)
        assert np.asarray(got).flags.c_contiguous == np.asarray(want).flags.c_contiguous
        assert same_bits(got, want)


@pytest.mark.parametrize("dtype", ["float32", "float64", "float16"])
@pytest.mark.parametrize(
    ("shape", "dims"),
    [((40, 16, 16, 16), (0, 2, 3)), ((40, 16, 16, 16), (2, 3)), ((3, 30001), (1,)), ((7, 9, 1100), (0, 2))],
    ids=str,
)
def test_big_sums_of_runs_added_in_pieces_match_torch_bit_for_bit(
    shape: tuple, dims: tuple, dtype: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A BatchNorm2d's per-channel sums: contiguous runs, too big to turn around at once."""
    from autograd_lab.ops import _summation

    torch = _torch_with_emulated_kernel()
    pieces = []
    original = _summation._inner_sums_in_pieces
    monkeypatch.setattr(_summation, "_inner_sums_in_pieces", lambda *a: pieces.append(1) or original(*a))
    monkeypatch.setattr(_summation, "_PIECE_BYTES", 1 << 12)  # many pieces, some of one run
    _summation._plan.cache_clear()
    x = values(shape, getattr(np, dtype))
    got = _pytorch_sum(x, dims)
    _summation._plan.cache_clear()
    assert pieces, "the sum was not added in pieces"
    assert same_bits(got, torch.tensor(x).sum(dims).numpy())
