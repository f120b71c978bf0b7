"""``torch.mps`` (Apple's GPU) on a machine without one: what device-choosing code asks.

``is_available()`` is ``False`` and ``device_count()`` is 0, so
``elif torch.mps.is_available():`` picks the CPU, as in PyTorch's build without
Metal; ``manual_seed`` does nothing, and what needs the GPU raises PyTorch's
``RuntimeError``.

Examples
--------
>>> import autograd_lab as torch
>>> torch.mps.is_available(), torch.mps.device_count()
(False, 0)
"""

from __future__ import annotations

from typing import Any

from . import messages
from .cuda import device_count, is_available

__all__ = [
    "is_available", "device_count", "manual_seed", "seed", "synchronize", "empty_cache", "get_rng_state",
    "set_rng_state", "current_allocated_memory", "driver_allocated_memory", "recommended_max_memory",
]  # fmt: skip


def manual_seed(seed: int) -> None:
    """Seed the Apple GPU's generator: there is none, so nothing happens (as in PyTorch)."""


def _needs_metal(function: str) -> Any:
    def raises(*args: Any, **kwargs: Any) -> Any:
        raise messages.error("mps_not_here", function=function)

    raises.__doc__ = f"Needs Apple's GPU: raises PyTorch's RuntimeError (``{function}()``)."
    return raises


seed = get_rng_state = _needs_metal("getDefaultGenerator")
set_rng_state = _needs_metal("getDefaultGenerator")
synchronize = _needs_metal("deviceSynchronize")
empty_cache = _needs_metal("emptyCache")
current_allocated_memory = _needs_metal("getCurrentAllocatedMemory")
driver_allocated_memory = _needs_metal("getDriverAllocatedMemory")
recommended_max_memory = _needs_metal("getRecommendedMaxMemory")
