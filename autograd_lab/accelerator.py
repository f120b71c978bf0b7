"""``torch.accelerator``: the device-neutral way lessons ask for a GPU, answered as on a CPU-only machine.

PyTorch's tutorials now pick their device with::

    device = torch.accelerator.current_accelerator().type if torch.accelerator.is_available() else "cpu"

autograd_lab computes with NumPy on the CPU, so there is no accelerator:
``is_available()`` is ``False``, ``current_accelerator()`` is ``None`` and
``device_count()`` is 0, as PyTorch answers without CUDA, MPS or XPU; what
needs an accelerator raises PyTorch's error.

Examples
--------
>>> import autograd_lab as torch
>>> torch.accelerator.is_available()
False
>>> print(torch.accelerator.current_accelerator())
None
>>> torch.accelerator.device_count()
0
"""

from __future__ import annotations

from typing import Any

from . import messages
from ._device import device

__all__ = [
    "is_available", "current_accelerator", "device_count", "current_device_index", "set_device_index", "synchronize",
]  # fmt: skip


def is_available() -> bool:
    """Whether an accelerator (a GPU) can be used: never here."""
    return False


def current_accelerator(check_available: bool = False) -> device | None:
    """The accelerator's device type, as ``torch.device("cuda")`` would be: ``None``, since there is none."""
    return None


def device_count() -> int:
    """How many accelerator devices there are: 0."""
    return 0


def current_device_index() -> int:
    """The accelerator device in use: raises, as PyTorch does without one."""
    raise messages.error("accelerator_none")


def set_device_index(device: Any) -> None:
    """Choose an accelerator device: raises, as PyTorch does without one."""
    raise messages.error("accelerator_none")


def synchronize(device: Any = None) -> None:
    """Wait for the accelerator: raises, as PyTorch does without one."""
    raise messages.error("accelerator_none")
