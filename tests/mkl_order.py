"""Holding small float32 products against PyTorch's, on whatever CPU the tests run.

PyTorch's x86-64 build multiplies with Intel MKL, whose order of adding a
small product depends on the CPU: ``autograd_lab.ops._product_order`` follows
MKL's kernels on an Intel CPU with AVX-512, and follows them on every CPU, so
autograd_lab's results do not change from machine to machine.  On such an
Intel CPU the tests hold its bits against PyTorch's; elsewhere (an AMD CPU,
where MKL adds without fused multiply-adds) PyTorch's own last bits differ,
and they hold the two within the rounding of a float32 sum.
"""

from __future__ import annotations

import platform
from types import ModuleType

import numpy as np

from autograd_lab import _cpu


def pytorch_adds_as_followed(torch: ModuleType) -> bool:
    """Whether this machine's PyTorch adds small float32 products in the order autograd_lab follows."""
    return (
        platform.machine() in ("x86_64", "AMD64")
        and torch.backends.mkl.is_available()
        and _cpu.vendor() == "GenuineIntel"
        and "avx512f" in _cpu.flags()
    )


def product_rounding(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """How far two orders of adding the float32 product ``a @ b`` can be apart, per element.

    Each order is within γₖ Σ|a||b| of the exact sum (k terms, u = 2⁻²⁴,
    γₖ = ku / (1 - ku)), fused multiply-adds or not, so two orders are within
    twice that.
    """
    terms = a.shape[-1]
    u = 2.0**-24
    gamma = terms * u / (1 - terms * u)
    return 2 * gamma * (np.abs(a.astype(np.float64)) @ np.abs(b.astype(np.float64)))


def assert_pytorchs_product(
    torch: ModuleType, ours: np.ndarray, theirs: np.ndarray, bound: np.ndarray
) -> None:
    """``ours`` is PyTorch's result to the bit where PyTorch adds as followed, else within ``bound``."""
    assert ours.dtype == theirs.dtype and ours.shape == theirs.shape
    if pytorch_adds_as_followed(torch):
        np.testing.assert_array_equal(ours, theirs)
    else:
        difference = np.abs(ours.astype(np.float64) - theirs.astype(np.float64))
        assert np.all(difference <= bound), f"{difference.max()} beyond the rounding of a float32 sum"
