"""A fused multiply-add, ``a * b + c`` rounded once, as PyTorch's compiled C++ kernels often compute it.

NumPy has no such instruction.  The random draws (``_random``), ``linspace``, the
optimizers' kernels (``optim._kernels``), batch norm's and tanh's backward use
:func:`fma` (or :func:`fma32` and :func:`fma64` directly) where PyTorch's compiler
fuses a multiply and an add, so that their numbers equal PyTorch's bit for bit.

Examples
--------
>>> import numpy as np
>>> from autograd_lab._fused import fma
>>> fma(np.float32([3.0]), np.float32(-0.5), np.float32([1.0]))   # 3 · (-0.5) + 1, rounded once
array([-0.5], dtype=float32)
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

_PIECE = 32768
"""Values computed per pass in big arrays: the float64 temporaries of :func:`fma32` (256 KB each) stay in
the CPU's cache, which makes an optimizer step over big weights, or ``torch.randn(10**7)``, about three
times faster than one pass over all of it, and a model's initialisation does not hold gigabytes of
temporaries at once."""


def fma(a: np.ndarray, b: np.ndarray | np.generic, c: np.ndarray) -> np.ndarray:
    """``a * b + c`` rounded once, in ``a``'s dtype (float32 or float64): a fused multiply-add."""
    if np.ndim(b) == 0 and (b == 1 or b == -1) and np.shape(c) == np.shape(a):
        # (a product by ±1 is exact, so the sum is the only rounding: SGD's dampening of 0, alpha=1)
        return c + a if b == 1 else c - a
    if a.dtype == np.float32:
        return fma32(a, b, c)
    return fma64(a, b, c)


def fma32(a: Any, b: Any, c: Any) -> np.ndarray:
    """``a * b + c`` for float32 values (broadcast together), rounded once to float32.

    A piece at a time along the first axis when the inputs have one shape (see :data:`_PIECE`).
    """
    shape = np.shape(a)
    if np.size(a) <= _PIECE or any(np.ndim(x) and np.shape(x) != shape for x in (b, c)):
        return _fma32_at_once(a, b, c)
    out = np.empty(shape, np.float32)
    rows = max(1, _PIECE // max(1, math.prod(shape[1:])))
    for start in range(0, shape[0], rows):
        part = slice(start, start + rows)
        out[part] = _fma32_at_once(a[part], b[part] if np.ndim(b) else b, c[part] if np.ndim(c) else c)
    return out


def _fma32_at_once(a: Any, b: Any, c: Any) -> np.ndarray:
    # The float32 product is exact in float64 (24 + 24 bits), so float64 rounds the sum once and
    # rounding that to float32 rounds it a second time.  Twice differs from once only where the
    # float64 sum sits exactly halfway between two float32 numbers (its 29 low significand bits
    # are 1 and 28 zeros) or among float32's subnormals: those few places are done again exactly.
    total = np.multiply(a, b, dtype=np.float64, order="C")  # (cast as it multiplies: no float64 copy first)
    addend = np.asarray(c, dtype=np.float64)  # (cast first: adding float32 to float64 in place is slower)
    if np.broadcast_shapes(total.shape, addend.shape) == total.shape:
        total += addend
    else:
        total = np.ascontiguousarray(total + addend)
    rounded = total.astype(np.float32)
    bits = total.reshape(-1).view(np.uint64)
    suspect = np.bitwise_and(bits, np.uint64(2**29 - 1)) == np.uint64(2**28)
    # |rounded| ≤ 2**-125 holds wherever 0 < |total| < 2**-125 (rounding keeps the order): one float32
    # comparison finds them, with the zeros, which are taken out below (a zero sum rounds exactly).
    suspect |= np.abs(rounded.reshape(-1)) <= np.float32(2.0**-125)
    places = np.flatnonzero(suspect)
    if places.size:
        places = places[bits[places] << np.uint64(1) != 0]  # (not ±0)

        def at_places(x: np.ndarray | np.generic) -> np.ndarray:
            return np.broadcast_to(x, total.shape).reshape(-1)[places].astype(np.float64)

        rounded.reshape(-1)[places] = _round_sum_once(at_places(a) * at_places(b), at_places(c))
    return rounded


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


def fma64(a: Any, b: Any, c: Any) -> np.ndarray:
    """``a * b + c`` in float64 (broadcast together), rounded once but for astronomically rare ties:
    Dekker's exact product and Knuth's TwoSum."""
    a, b, c = (np.asarray(x, np.float64) for x in (a, b, c))
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
