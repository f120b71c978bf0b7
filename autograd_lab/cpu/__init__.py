"""``torch.cpu``: the one device autograd_lab computes on.

Examples
--------
>>> import autograd_lab as torch
>>> torch.cpu.is_available(), torch.cpu.device_count(), torch.cpu.current_device()
(True, 1, 'cpu')
"""

from __future__ import annotations

__all__ = ["is_available", "is_initialized", "synchronize", "current_device", "set_device", "device_count"]


def is_available() -> bool:
    """Whether the CPU can be used: always."""
    return True


def is_initialized() -> bool:
    """Whether the CPU is ready: always."""
    return True


def device_count() -> int:
    """How many CPU devices there are: 1 (all its cores are one device)."""
    return 1


def current_device() -> str:
    """The CPU device's name: ``'cpu'``."""
    return "cpu"


def set_device(device: object) -> None:
    """Choose the CPU device: there is only one, so nothing changes (as in PyTorch)."""


def synchronize(device: object = None) -> None:
    """Wait for the CPU's work: it is done when each call returns, so nothing waits."""


def __getattr__(name: str) -> object:
    """``torch.cpu.amp`` loads on first use."""
    if name == "amp":
        import importlib

        return importlib.import_module(".amp", __name__)
    raise AttributeError(f"module 'autograd_lab.cpu' has no attribute {name!r}")
