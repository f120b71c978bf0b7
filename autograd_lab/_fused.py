"""A fused multiply-add, ``a * b + c`` rounded once, as PyTorch's compiled C++ kernels often compute it.

NumPy has no such instruction.  The optimizers' kernels (``optim._kernels``) and
batch norm's (``ops.nn``) use :func:`fma` where PyTorch's compiler fuses a
multiply and an add, so that their numbers equal PyTorch's bit for bit.

Examples
--------
>>> import numpy as np
>>> from autograd_lab._fused import fma
>>> fma(np.float32([3.0]), np.float32(-0.5), np.float32([1.0]))   # 3 · (-0.5) + 1, rounded once
array([-0.5], dtype=float32)
"""

from __future__ import annotations

import math

import numpy as np

from ._random import _PIECE


def fma(a: np.ndarray, b: np.ndarray | np.generic, c: np.ndarray) -> np.ndarray:
    """``a * b + c`` rounded once, in ``a``'s dtype (float32 or float64): a fused multiply-add."""
    if a.dtype == np.float32:
        return _fma32(a, b, c)
    return _fma64(a, b, c)


def _fma32(a: np.ndarray, b: np.ndarray | np.generic, c: np.ndarray) -> np.ndarray:
    """:func:`fma` in float32, a piece at a time along the first axis (see ``_random._PIECE``): the float64
    temporaries stay in the CPU's cache, which makes an optimizer step over big weights about three times faster."""
    shape = np.shape(a)
    if a.size <= _PIECE or any(np.ndim(x) and np.shape(x) != shape for x in (b, c)):
        return _fma32_at_once(a, b, c)
    out = np.empty(shape, np.float32)
    rows = max(1, _PIECE // max(1, math.prod(shape[1:])))
    for start in range(0, shape[0], rows):
        part = slice(start, start + rows)
        out[part] = _fma32_at_once(a[part], b[part] if np.ndim(b) else b, c[part] if np.ndim(c) else c)
    return out


def _fma32_at_once(a: np.ndarray, b: np.ndarray | np.generic, c: np.ndarray) -> np.ndarray:
    # The float32 product is exact in float64 (24 + 24 bits), so float64 rounds the sum once and
    # rounding that to float32 rounds it a second time.  Twice differs from once only where the
    # float64 sum sits exactly halfway between two float32 numbers (its 29 low significand bits
    # are 1 and 28 zeros) or among float32's subnormals: those few places are done again exactly.
    # (``a`` has the result's shape.)
    total = np.array(a, dtype=np.float64, order="C")
    total *= b
    total += c
    rounded = total.astype(np.float32)
    bits = total.reshape(-1).view(np.uint64)
    suspect = np.bitwise_and(bits, np.uint64(2**29 - 1)) == np.uint64(2**28)
    magnitude = np.bitwise_and(bits, np.uint64(2**63 - 1))
    magnitude -= np.uint64(1)  # so that one comparison keeps 0 < |total| < 2**-125 (0 wraps around)
    suspect |= magnitude < np.uint64(_TINY_BITS - 1)
    places = np.flatnonzero(suspect)
    if places.size:

        def at_places(x: np.ndarray | np.generic) -> np.ndarray:
            return np.broadcast_to(x, total.shape).reshape(-1)[places].astype(np.float64)

        rounded.reshape(-1)[places] = _round_sum_once(at_places(a) * at_places(b), at_places(c))
    return rounded


_TINY_BITS = int(np.float64(2.0**-125).view(np.uint64))  # below it float32 is (nearly) subnormal


def _round_sum_once(product: np.ndarray, addend: np.ndarray) -> np.ndarray:
    """float32(product + addend) with one rounding, for float64 inputs (product exact)."""
    total = product + addend
    with np.errstate(invalid="ignore", over="ignore"):
        share = total - product
        lost = (product - (total - share)) + (addend - share)  # TwoSum: what float64 rounded away
        rounded = total.astype(np.float32)
        toward_total = np.where(total > rounded, np.float32(np.inf), np.float32(-np.inf))
        neighbour = np.nextafter(rounded, toward_total)  # the other float32 around the float64 sum
        halfway = total == (rounded.astype(np.float64) + neighbour.astype(np.float64)) / 2
    broken = halfway & (lost != 0) & np.isfinite(lost)
    nudged = np.nextafter(total, np.where(lost > 0, np.inf, -np.inf))  # the side the exact sum is on
    return np.where(broken, nudged.astype(np.float32), rounded)


def _fma64(a: np.ndarray, b: np.ndarray | np.generic, c: np.ndarray) -> np.ndarray:
    # Dekker's exact product and Knuth's TwoSum: correctly rounded but for astronomically rare ties.
    a = np.asarray(a, np.float64)
    b = np.broadcast_to(np.asarray(b, np.float64), a.shape)
    c = np.asarray(c, np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        product = a * b
        a_high, a_low = _split(a)
        b_high, b_low = _split(b)
        product_error = ((a_high * b_high - product) + a_high * b_low + a_low * b_high) + a_low * b_low
        total = product + c
        share = total - product
        sum_error = (product - (total - share)) + (c - share)
        result = total + (sum_error + product_error)
    return np.where(np.isfinite(result), result, product + c)


def _split(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``x`` as a high and a low half of 26 bits each (Veltkamp's split)."""
    scaled = 134217729.0 * x  # 2**27 + 1
    high = scaled - (scaled - x)
    return high, x - high
