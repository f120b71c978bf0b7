"""``torch.backends.mkldnn``: the switch for PyTorch's oneDNN kernels on the CPU; it changes nothing here.

PyTorch's CPU build has oneDNN (``is_available()`` is True), and lessons turn it off around a block
(``with torch.backends.mkldnn.flags(enabled=False):``) to compare kernels or to get the plain ATen
path; autograd_lab keeps computing as before (float32 ``gelu`` stays oneDNN's numbers).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

enabled = True
deterministic = False
allow_tf32 = True


def is_available() -> bool:
    """Whether PyTorch was built with oneDNN: True, as its CPU wheels are.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.backends.mkldnn.is_available()
    True
    """
    return True


def set_flags(
    _enabled: bool | None = None,
    _deterministic: bool | None = None,
    _allow_tf32: bool | None = None,
    _fp32_precision: str = "none",
) -> tuple[bool, bool, bool]:
    """Set the switches (None leaves one as it is); return the ones before.  (TF32 is a GPU's format: kept,
    unused.)"""
    global enabled, deterministic, allow_tf32
    before = (enabled, deterministic, allow_tf32)
    if _enabled is not None:
        enabled = _enabled
    if _deterministic is not None:
        deterministic = _deterministic
    if _allow_tf32 is not None:
        allow_tf32 = _allow_tf32
    return before


@contextlib.contextmanager
def flags(
    enabled: bool = False, deterministic: bool = False, allow_tf32: bool = True, fp32_precision: str = "none"
) -> Iterator[None]:
    """The switches set inside a ``with`` block, and put back after it.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> with torch.backends.mkldnn.flags(enabled=False):
    ...     print(torch.backends.mkldnn.enabled)
    False
    >>> torch.backends.mkldnn.enabled
    True
    """
    before = set_flags(enabled, deterministic, allow_tf32, fp32_precision)
    try:
        yield
    finally:
        set_flags(*before)
