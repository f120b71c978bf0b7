"""``torch.xpu`` (Intel GPUs) on a machine without one: what device-choosing code asks.

As :mod:`autograd_lab.cuda`: ``is_available()`` is ``False`` and ``device_count()`` is 0,
so ``elif torch.xpu.is_available():`` picks the CPU, as in PyTorch's CPU build.

Examples
--------
>>> import autograd_lab as torch
>>> torch.xpu.is_available(), torch.xpu.device_count()
(False, 0)
"""

from __future__ import annotations

__all__ = ["is_available", "device_count", "is_initialized", "manual_seed", "manual_seed_all", "empty_cache"]


def is_available() -> bool:
    """Whether an XPU can be used: never here."""
    return False


def device_count() -> int:
    """How many XPUs there are: 0."""
    return 0


def is_initialized() -> bool:
    """Whether the XPU runtime was started: never here."""
    return False


def manual_seed(seed: int) -> None:
    """Seed the XPUs' generators: there are none, so nothing happens (as in PyTorch)."""


def manual_seed_all(seed: int) -> None:
    """Seed every XPU's generator: there are none, so nothing happens (as in PyTorch)."""


def empty_cache() -> None:
    """Free cached XPU memory: there is none."""
