"""``torch.distributed``: training across processes and machines is not part of autograd_lab.

What course code asks before it decides to use it answers as PyTorch's CPU build answers without a
process group: ``is_available()`` is True, ``is_initialized()`` False, and ``get_rank()`` and the
collectives raise PyTorch's ``ValueError``. ``rpc.RRef`` exists, so that ``isinstance(x, RRef)``
checks (Raschka's helper functions make them on every batch) are False. ``init_process_group``
raises: a lesson runs in one process here.

Examples
--------
>>> import autograd_lab as torch
>>> torch.distributed.is_available(), torch.distributed.is_initialized()
(True, False)
"""

from __future__ import annotations

from typing import Any

from .. import messages
from . import rpc

__all__ = [
    "is_available", "is_initialized", "is_nccl_available", "is_gloo_available", "is_mpi_available",
    "get_rank", "get_world_size", "barrier", "all_reduce", "broadcast", "init_process_group",
    "destroy_process_group", "rpc",
]  # fmt: skip


def is_available() -> bool:
    """Whether PyTorch was built with distributed support (its CPU build is)."""
    return True


def is_initialized() -> bool:
    """Whether a process group was set up: never, here."""
    return False


def is_nccl_available() -> bool:
    return False


def is_gloo_available() -> bool:
    return True


def is_mpi_available() -> bool:
    return False


def _not_initialized(*args: Any, **kwargs: Any) -> Any:
    raise messages.error("distributed_not_initialized")


get_rank = get_world_size = barrier = all_reduce = broadcast = _not_initialized


def destroy_process_group(group: Any = None) -> None:
    """Raises PyTorch's ``AssertionError``: there is no process group to destroy."""
    raise messages.error("distributed_destroy_none")


def init_process_group(*args: Any, **kwargs: Any) -> None:
    """Raises: autograd_lab trains in one process (PyTorch would start a process group)."""
    raise messages.error("distributed_not_here")
