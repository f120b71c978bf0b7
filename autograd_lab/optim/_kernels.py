"""PyTorch's CPU arithmetic for the optimizer updates, rounding for rounding.

An optimizer step is a handful of element-wise kernels (``add(alpha=)``,
``addcmul``, ``addcdiv``, ``lerp``, ``sqrt``).  PyTorch's C++ kernels are
compiled so that ``a * b + c`` is often one *fused* multiply-add, rounded
once; NumPy has no such instruction, so :func:`fma` computes it exactly.
Each function here is the kernel PyTorch runs, in the array's own dtype, with
a Python number first converted to that dtype (``x * 0.9`` is
``x * float32(0.9)``).  With them, SGD's numbers equal PyTorch's bit for bit.

One kernel cannot be copied: PyTorch's ``sqrt`` on CPU calls Intel MKL, which
is not always correctly rounded; about 0.65% of float32 square roots come
out one unit in the last place below ``np.sqrt``'s.  Adam, RMSprop and
Adagrad therefore agree with PyTorch to about one part in 10⁷, not always
to the last bit.

Examples
--------
>>> import numpy as np
>>> from autograd_lab.optim._kernels import add
>>> add(np.float32([1.0]), np.float32([3.0]), alpha=-0.5)   # 1 + (-0.5) * 3, rounded once
array([-0.5], dtype=float32)
"""

from __future__ import annotations

import numpy as np

from .._fused import fma


def scalar(value: float, like: np.ndarray) -> np.generic:
    """A Python number in the array's dtype, as PyTorch converts it before a kernel (``x / 0.9``)."""
    return like.dtype.type(value)


def add(x: np.ndarray, other: np.ndarray, alpha: float = 1) -> np.ndarray:
    """``torch.add(x, other, alpha=alpha)``: ``x + alpha * other``, one rounding."""
    return fma(other, scalar(alpha, x), x)


def addcmul(x: np.ndarray, tensor1: np.ndarray, tensor2: np.ndarray, value: float = 1) -> np.ndarray:
    """``torch.addcmul``: ``x + value * tensor1 * tensor2``; ``value * tensor1`` is rounded first."""
    return fma(scalar(value, x) * tensor1, tensor2, x)


def addcdiv(x: np.ndarray, tensor1: np.ndarray, tensor2: np.ndarray, value: float = 1) -> np.ndarray:
    """``torch.addcdiv``: ``x + (value * tensor1) / tensor2``, each step rounded (no fused step)."""
    return x + (scalar(value, x) * tensor1) / tensor2


def lerp(x: np.ndarray, end: np.ndarray, weight: float) -> np.ndarray:
    """``torch.lerp(x, end, weight)``: ``x + weight * (end - x)``, from the nearer end."""
    weight = scalar(weight, x)
    difference = end - x
    if abs(weight) < 0.5:
        return fma(np.broadcast_to(weight, x.shape), difference, x)
    return fma(np.broadcast_to(weight - 1, x.shape), difference, end)


def sqrt(x: np.ndarray) -> np.ndarray:
    """``torch.sqrt``, correctly rounded (PyTorch's MKL is one ulp lower for ~0.65% of inputs)."""
    return np.sqrt(x)
