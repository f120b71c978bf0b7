"""``torch.xpu`` (Intel GPUs) on a machine without one: what device-choosing code asks.

The same answers as :mod:`autograd_lab.cuda` gives, from the same functions: ``is_available()`` is
``False`` and ``device_count()`` is 0, so ``elif torch.xpu.is_available():`` picks the CPU, as in
PyTorch's CPU build; seeding is accepted and does nothing.

Examples
--------
>>> import autograd_lab as torch
>>> torch.xpu.is_available(), torch.xpu.device_count()
(False, 0)
"""

from __future__ import annotations

from .cuda import device_count, empty_cache, is_available, is_initialized, manual_seed, manual_seed_all

__all__ = ["is_available", "device_count", "is_initialized", "manual_seed", "manual_seed_all", "empty_cache"]
