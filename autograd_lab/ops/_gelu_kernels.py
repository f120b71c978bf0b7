"""GELU (the erf form) in float32 as PyTorch 2.13's CPU build computes it, so that it prints the same digits.

PyTorch hands a contiguous float32 tensor of two or more elements to oneDNN
(``gelu_out_cpu`` and ``gelu_backward_out_cpu`` in ATen's Activation.cpp,
when ``use_mkldnn`` holds), whose AVX-512 kernel
(``jit_uni_eltwise_injector.cpp``) does not compute erf(x/√2) from erf's
definition: it evaluates one of 23 polynomials of degree 5 in |x|, picked
by |x|'s exponent and top mantissa bits, and for |x| past about 5.54 takes
erf as exactly ±1.  So ``gelu(-3.)`` is -0.0040502 there (-0.0040497
exactly), and ``gelu(-5.)`` is -1.19e-06 (-1.43e-06 exactly).  Its backward
uses Abramowitz and Stegun's erf (7.1.26) with oneDNN's own exp.

Any other float32 tensor (one element, or not contiguous) goes to ATen's
formula, ``(x·0.5)·(1 + erf(x·√½))`` in float32, with the C library's
``erff``; here erf is correctly rounded to float32, which the C library's
is for about 98% of inputs (glibc 2.41's is for all).  Where ATen works on a
non-contiguous tensor it takes 32 elements at a time with another erf of
its own; that is not followed here.

The constants are oneDNN's (v3.12, Apache 2.0), written as the bits of the float32
numbers its source lists; the steps are those of its AVX-512 code, each float32 operation
rounded as the instruction rounds it (a fused multiply-add once).  On a machine without
AVX-512, PyTorch itself takes another oneDNN kernel, and its last bits differ from these.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from .._fused import fma32
from .elementwise import _erf_each

_F32 = np.float32


def _floats(bits: tuple[int, ...]) -> np.ndarray:
    return np.array(bits, dtype=np.uint32).view(_F32)


# -- forward: gelu_erf_minimax_approx_compute_vector_fwd ----------------------------------------------------

_ERF_BOUND = 0x40B15CEE
"""gelu_erf_rbound (≈ 5.5426): past it, erf(x/√2) is ±1."""

_INDEX_BIAS = 0xC21FFFFF
"""gelu_erf_idx_bias: added to |x|'s bits, then shifted right by 21, it numbers the polynomials from 1."""

# gelu_erf_minimax_polynomial: row k holds the coefficient of |x|ᵏ of each of the 25 pieces (23 used:
# piece 23 is the constant 1, piece 24 the identity, which carries NaN through).
_MINIMAX_BITS = (
    (0xA6F2CB94, 0x32827792, 0x3381CC0C, 0x34523D4A, 0x351AC44D, 0x35F36D88, 0x36EE8229, 0x37B8A3BB,
     0x3867A213, 0x3940033B, 0x3A2A5A1D, 0x3AE35863, 0x3B7828F2, 0x3C08B14B, 0x3C515ED3, 0xBB503236,
     0xBD8D8E5E, 0xBE8ABCD9, 0xBF0C19A2, 0xBECCB328, 0x3E176CED, 0x3F470D99, 0x3F7ABB28, 0x3F800000, 0),
    (0x3F4C422A, 0x3F4C421F, 0x3F4C4207, 0x3F4C41CB, 0x3F4C413B, 0x3F4C3FAD, 0x3F4C3A2F, 0x3F4C2D40,
     0x3F4C146A, 0x3F4BC341, 0x3F4AD08C, 0x3F48F8CF, 0x3F45FAC7, 0x3F404E07, 0x3F3B980F, 0x3F48DFF3,
     0x3F78B21B, 0x3FBB0704, 0x40019C32, 0x3FE536D6, 0x3F81331E, 0x3E6C8684, 0x3C98F936, 0, 0x3F800000),
    (0xB62173F4, 0x3735E4CF, 0x37F2FF89, 0x388C23BE, 0x3917535C, 0x39AB2AB0, 0x3A60FADB, 0x3AF9B960,
     0x3B6E5491, 0x3C0A4EC5, 0x3CA5AA8C, 0x3D2138D9, 0x3D8737D4, 0x3DDFB660, 0x3E0F27AB, 0x3D94004B,
     0xBE0EFDEB, 0xBF1D96C3, 0xBF89DB58, 0xBF6D9897, 0xBEF69FB8, 0xBDC4F8A8, 0xBBDE6422, 0, 0),
    (0xBE081A19, 0xBE084570, 0xBE08639B, 0xBE089837, 0xBE08F409, 0xBE09AB95, 0xBE0B66D0, 0xBE0E400A,
     0xBE124DF8, 0xBE1BDE02, 0xBE2F19C9, 0xBE4931BF, 0xBE685FBC, 0xBE89C95F, 0xBE96CBCA, 0xBE8044AA,
     0xBE0550F2, 0x3DCFD6A1, 0x3E94C826, 0x3E79345F, 0x3DECEC91, 0x3CA46568, 0x3AA1E00A, 0, 0),
    (0xBA3D61DB, 0x39F097A3, 0x3A5845DC, 0x3AB1FA35, 0x3B0CEFB8, 0x3B653AB6, 0x3BCAE527, 0x3C221712,
     0x3C6C5840, 0x3CC0A703, 0x3D1DCC19, 0x3D63656D, 0x3D955907, 0x3DBF9910, 0x3DD53F69, 0x3DB7DCEF,
     0x3D639EBE, 0xBA6EDE48, 0xBD22BE69, 0xBD041CF1, 0xBC64F5AB, 0xBB097A32, 0xB8EBF380, 0, 0),
    (0x3CB7D80C, 0x3C9B6050, 0x3C978D11, 0x3C92E850, 0x3C8D058B, 0x3C848454, 0x3C6CD623, 0x3C4C824B,
     0x3C2A7935, 0x3BE0B390, 0x3B0651AC, 0xBB232F53, 0xBBD42FA0, 0xBC2C5366, 0xBC492C9E, 0xBC2A7AA6,
     0xBBD55D04, 0xBA823A76, 0x3B102AA8, 0x3AE25A7E, 0x3A31F792, 0x38B84375, 0x3689BB5A, 0, 0),
)  # fmt: skip


@functools.cache
def _minimax() -> np.ndarray:
    return _floats(sum(_MINIMAX_BITS, ())).reshape(6, 25)


def _erf_by_pieces(x: np.ndarray) -> np.ndarray:
    """erf(x/√2) as oneDNN's gelu computes it: a polynomial in |x| by Horner's rule, fused steps."""
    bits = x.view(np.int32)
    magnitude = (bits & 0x7FFFFFFF).view(_F32)
    # (|x|'s bits + the bias, wrapping as 32-bit integers, then an arithmetic shift)
    piece = ((magnitude.view(np.uint32) + np.uint32(_INDEX_BIAS)).view(np.int32) >> 21).clip(1, 24)
    piece[magnitude > _floats((_ERF_BOUND,))[0]] = 23  # (NaN compares false: it keeps the identity)
    piece = piece.astype(np.intp)  # (take with NumPy's own index type: several times faster than [piece])
    table = _minimax()
    erf = table[5].take(piece)
    for degree in range(4, -1, -1):
        erf = fma32(erf, magnitude, table[degree].take(piece))
    return (erf.view(np.int32) ^ (bits & np.int32(-(2**31)))).view(_F32)  # (x's sign)


def gelu_onednn(x: np.ndarray) -> np.ndarray:
    """(x·(1 + erf(x/√2)))·0.5 for float32 ``x``, each step rounded as oneDNN's AVX-512 kernel rounds it
    (gelu(±inf) is NaN there: the identity piece multiplies inf by 0)."""
    with np.errstate(invalid="ignore", over="ignore"):
        return (x * (_erf_by_pieces(x) + _F32(1))) * _F32(0.5)


# -- backward: gelu_erf_compute_vector_bwd, with exp_compute_vector_fwd ---------------------------------------

_LN_FLT_MAX, _LN_FLT_MIN, _LOG2_E, _LN_2 = _floats((0x42B17218, 0xC2AEAC50, 0x3FB8AA3B, 0x3F317218))
_EXP_POLYNOMIAL = _floats((0x3F7FFFFB, 0x3EFFFEE3, 0x3E2AAD40, 0x3D2B9D0D, 0x3C07CFCE))  # of r¹ ... r⁵
_AS_P, _ONE_OVER_SQRT_2, _ONE_OVER_SQRT_PI = _floats((0x3EA7BA05, 0x3F3504F3, 0x3F106EBA))
_AS_POLYNOMIAL = _floats((0x3E827906, 0xBE91A98E, 0x3FB5F0E3, 0xBFBA00E3, 0x3F87DC22))  # A&S's a₁ ... a₅


def _exp_onednn(x: np.ndarray) -> np.ndarray:
    """eˣ as oneDNN's kernels compute it: x = n·ln 2 + r, a polynomial of degree 5 in r, times 2ⁿ (as 2ⁿ⁻¹·2)."""
    underflows = x < _LN_FLT_MIN
    x = np.maximum(np.minimum(x, _LN_FLT_MAX), _LN_FLT_MIN)
    n = np.floor(x * _LOG2_E + _F32(0.5))  # (a product, then a sum: two roundings)
    r = fma32(-n, _LN_2, x)
    scale = ((n.astype(np.int32) - 1 + 127) << 23).view(_F32)  # 2ⁿ⁻¹ from its exponent bits
    scale[underflows] = 0
    total = np.full(x.shape, _EXP_POLYNOMIAL[4])
    for coefficient in (*_EXP_POLYNOMIAL[3::-1], _F32(1)):
        total = fma32(total, r, coefficient)
    return total * scale * _F32(2)


def gelu_backward_onednn(grad: np.ndarray, x: np.ndarray) -> np.ndarray:
    """grad·(Φ(x) + x·φ(x)) for float32 arrays, as oneDNN's backward kernel rounds it (A&S's erf)."""
    with np.errstate(invalid="ignore", over="ignore"):
        r = x * _ONE_OVER_SQRT_2
        q = _exp_onednn(-(r * r))
        density = (r * _ONE_OVER_SQRT_PI) * q  # x·φ(x)
        w = _F32(1) / fma32(_AS_P, np.abs(r), _F32(1))
        series = np.full(x.shape, _AS_POLYNOMIAL[4])
        for coefficient in _AS_POLYNOMIAL[3::-1]:
            series = fma32(series, w, coefficient)
        erf = fma32(-q * w, series, _F32(1))
        erf = (erf.view(np.int32) ^ (r.view(np.int32) & np.int32(-(2**31)))).view(_F32)
        return fma32(erf, _F32(0.5), density + _F32(0.5)) * grad


# -- ATen's scalar formulas (one element, or a tensor not laid out in one run) --------------------------------

_SQRT_HALF = _F32(math.sqrt(0.5))
_HALF_SQRT_2_OVER_PI = _F32(2 / math.sqrt(math.pi) * math.sqrt(0.5) * 0.5)  # ATen's kBeta: 1/√(2π)


def _erf32(x: np.ndarray) -> np.ndarray:
    return np.asarray(_erf_each(x.astype(np.float64)), np.float64).astype(_F32)


def gelu_aten(x: np.ndarray) -> np.ndarray:
    """ATen's ``scalar_gelu``: (x·0.5)·(1 + erf(x·√½)), each step in float32."""
    with np.errstate(invalid="ignore", over="ignore"):
        return (x * _F32(0.5)) * (_F32(1) + _erf32(x * _SQRT_HALF))


def gelu_backward_aten(grad: np.ndarray, x: np.ndarray) -> np.ndarray:
    """ATen's scalar gelu backward: grad·(0.5·(1 + erf(x·√½)) + x·(kBeta·e^(−x²/2))), each step in float32."""
    with np.errstate(invalid="ignore", over="ignore", under="ignore"):
        cdf = _F32(0.5) * (_F32(1) + _erf32(x * _SQRT_HALF))
        exponent = (x * x) * _F32(-0.5)
        pdf = _HALF_SQRT_2_OVER_PI * np.exp(exponent.astype(np.float64)).astype(_F32)
        return grad * (cdf + x * pdf)
