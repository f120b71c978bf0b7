"""PyTorch's order of adding in a small float32 matrix product, so that it matches to the last bit.

PyTorch's CPU build multiplies matrices with Intel MKL.  For a product
``A @ B`` of float32 matrices with at least two columns, MKL's kernel keeps
one running sum per element of the result and adds ``a[i, k] * b[k, j]``
into it for ``k = 0, 1, 2 ...`` in turn, each with a fused multiply-add
(one rounding per step), as long as ``k`` stays within one block of MKL's
(more than 384).  NumPy's BLAS (OpenBLAS) adds in other orders for some
shapes, so its last bits differ, and a lesson's training loop can make that
visible.  For a matrix times one column, MKL's kernel takes the rows four at
a time with fused multiply-adds and the rows left over with separate
multiplications and additions; that much is followed here for one or two
terms (``k`` of 1 or 2: the features of a linear regression).

Only the layouts checked against PyTorch are followed: at least two rows
in ``a`` (MKL multiplies a single row with another kernel); ``b`` laid out
row by row; or ``b`` transposed, as in ``nn.Linear``'s ``x @ w.T``, with
``a`` laid out row by row, where MKL picks its kernel by size: the same
running sums when there are 16 rows or 16 columns, or 8 rows and 4 columns
(with two rows: up to 32 terms);
for up to 10 rows, 3 columns and 4 terms, two running sums (the even and
the odd terms, each product rounded before it is added) added at the end;
other small sizes go to NumPy's BLAS.  When ``b`` is a single column, ``a``
must be laid out row by row too.  (``addmm`` with one term adds the product
to the bias in one fused step: see ``linalg._addmm_forward``.)

``_pytorch_mm`` follows these orders with NumPy elementwise operations (a
fused multiply-add is a product, exact in float64, plus the running sum,
rounded to float32: the same result except in very rare ties), so the
result is the same on every CPU.  The orders are MKL's on an Intel CPU with
AVX-512; on an AMD CPU, MKL takes other kernels (without fused
multiply-adds), and PyTorch's own last bits differ from these.  Bigger products, where MKL splits the sum
into blocks whose order is not followed here, and products too big for the
emulation to be quick (one pass over the result per term), are left to
NumPy's BLAS.
"""

from __future__ import annotations

from _thread import _local as thread_local  # threading.local, without importing threading

import numpy as np

_FLOAT32 = np.dtype(np.float32)


class _InVmap(thread_local):
    rows = 1


in_vmap = _InVmap()
"""How many rows PyTorch's batched product would have for each row multiplied here (``func.vmap`` sets it).

``vmap`` runs its function once per slice, where PyTorch runs it once on the whole batch: a
one-row product here is a row of PyTorch's product of ``rows`` rows, so it takes that product's
kernel (and its order of adding), and ``vmap(f)(x)`` gives ``f(x)``'s bits.
"""

MAX_TERMS = 64
"""Products with more terms per element than this go to NumPy's BLAS (each term is a pass here)."""

MAX_WORK = 2**18
"""So do products of more multiply-adds than this (rows × terms × columns).

The emulation takes about a hundred times BLAS's time: 1.2 ms against 0.01 ms
for (256 × 64) @ (64 × 10), and 59 ms against 0.4 ms for the weight gradient
of PyTorch's quickstart (784 × 64) @ (64 × 512), which training would pay
at every step.  The small products a lesson prints stay PyTorch's to the bit.
"""


def _pytorch_mm(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a @ b`` for 2-D arrays, added as PyTorch's MKL adds a small float32 product."""
    terms, columns = b.shape
    if a.dtype != _FLOAT32 or terms == 0 or terms > MAX_TERMS or a.shape[0] == 0 or columns == 0:
        return a @ b
    if a.shape[0] * terms * columns > MAX_WORK:
        return a @ b
    rows = a.shape[0] if a.shape[0] != 1 else in_vmap.rows  # (one row of a batch: the batch's kernel)
    rows_in_order = a.strides[1] == a.itemsize or terms == 1  # a laid out row by row, as made
    if columns >= 2 and rows >= 2:  # (one row: another kernel)
        if b.strides[1] == b.itemsize:
            return _fused_in_turn(a, b)
        if b.strides[0] == b.itemsize and rows_in_order:  # x @ w.T, as in nn.Linear
            if (rows >= 16 or columns >= 16 or (rows >= 8 and columns >= 4)) and (rows > 2 or terms <= 32):
                return _fused_in_turn(a, b)
            if rows <= 10 and columns <= 3 and terms <= 4:
                return _two_sums_in_turn(a, b)
    if columns == 1 and terms <= 2 and rows_in_order and a.shape[0] >= 2:
        four = a.shape[0] // 4 * 4  # rows taken four at a time: fused; the rest: multiply, then add
        return np.concatenate([_fused_in_turn(a[:four], b), _unfused_in_turn(a[four:], b)])
    return a @ b


def _fused_in_turn(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Σₖ a[:, k] b[k, :] with one running sum per element and a fused multiply-add per term."""
    total = np.multiply(a[:, :1], b[:1, :], order="C")  # the first product, rounded; row by row, as PyTorch's
    wide_a, wide_b = a.astype(np.float64), b.astype(np.float64)
    step = np.empty(total.shape, np.float64)
    for k in range(1, b.shape[0]):
        np.multiply(wide_a[:, k : k + 1], wide_b[k : k + 1, :], out=step)  # exact in float64
        step += total
        np.copyto(total, step, casting="same_kind")  # one rounding to float32, as the fused step
    return total


def _two_sums_in_turn(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Σₖ a[:, k] b[k, :] as MKL's kernel for tiny ``x @ w.T`` adds it: the even terms and the odd
    terms in two running sums, each product rounded before it is added, then the two sums added."""
    even, odd = _unfused_in_turn(a[:, ::2], b[::2]), _unfused_in_turn(a[:, 1::2], b[1::2])
    return even + odd


def _unfused_in_turn(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Σₖ a[:, k] b[k, :] with each product rounded before it is added."""
    total = np.multiply(a[:, :1], b[:1, :], order="C")
    for k in range(1, b.shape[0]):
        total = total + a[:, k : k + 1] * b[k : k + 1, :]
    return total
