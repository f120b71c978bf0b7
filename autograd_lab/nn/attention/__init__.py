"""``torch.nn.attention``: which kernel ``F.scaled_dot_product_attention`` may use (``sdpa_kernel``).

On the CPU PyTorch has two: its flash kernel (one node,
``ScaledDotProductFlashAttentionForCpuBackward0``, when the inputs allow it)
and the math kernel (matmul, softmax, matmul).  ``with
sdpa_kernel(SDPBackend.MATH):`` allows only the second; both give the same
values, and the recorded graph shows which one ran.
"""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Iterable, Iterator

__all__ = ["SDPBackend", "sdpa_kernel"]


class SDPBackend(enum.Enum):
    """The kernels of ``scaled_dot_product_attention``, by PyTorch's names and numbers."""

    ERROR = -1
    MATH = 0
    FLASH_ATTENTION = 1
    EFFICIENT_ATTENTION = 2
    CUDNN_ATTENTION = 3
    OVERRIDEABLE = 4


_allowed: frozenset | None = None  # None: every kernel allowed


def allowed_backends() -> frozenset | None:
    """The kernels the innermost ``sdpa_kernel`` block allows (None outside any)."""
    return _allowed


@contextlib.contextmanager
def sdpa_kernel(backends: SDPBackend | Iterable[SDPBackend], set_priority: bool = False) -> Iterator[None]:
    """Inside the block, ``F.scaled_dot_product_attention`` may use only these kernels.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.nn.attention import SDPBackend, sdpa_kernel
    >>> q = torch.rand(1, 2, 3, 4, requires_grad=True)
    >>> with sdpa_kernel(SDPBackend.MATH):
    ...     torch.nn.functional.scaled_dot_product_attention(q, q, q).grad_fn.name()
    'UnsafeViewBackward0'
    """
    global _allowed
    before = _allowed
    _allowed = frozenset([backends] if isinstance(backends, SDPBackend) else backends)
    try:
        yield
    finally:
        _allowed = before
