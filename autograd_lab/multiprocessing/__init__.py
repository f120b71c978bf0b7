"""``torch.multiprocessing``: Python's ``multiprocessing``, as PyTorch re-exports it.

PyTorch adds ways of sharing tensors' memory between processes; here every tensor is a NumPy
array, which ``multiprocessing`` pickles as it is, so the sharing strategy is only recorded.

Examples
--------
>>> import autograd_lab as torch
>>> sorted(torch.multiprocessing.get_all_sharing_strategies())
['file_descriptor', 'file_system']
"""

from __future__ import annotations

import multiprocessing
import sys
from multiprocessing import *  # noqa: F403 - PyTorch's module is Python's, plus the sharing strategies

__all__ = ["set_sharing_strategy", "get_sharing_strategy", "get_all_sharing_strategies", "spawn"]
__all__ += multiprocessing.__all__  # type: ignore[attr-defined]

_STRATEGIES = {"file_descriptor", "file_system"} if sys.platform != "darwin" else {"file_system"}
_strategy = "file_descriptor" if sys.platform != "darwin" else "file_system"


def set_sharing_strategy(new_strategy: str) -> None:
    """Choose how tensors would be shared between processes (one of :func:`get_all_sharing_strategies`)."""
    global _strategy
    if new_strategy not in _STRATEGIES:
        raise AssertionError(f"invalid sharing strategy {new_strategy!r}")
    _strategy = new_strategy


def get_sharing_strategy() -> str:
    """The current sharing strategy."""
    return _strategy


def get_all_sharing_strategies() -> set[str]:
    """The sharing strategies this system supports."""
    return set(_STRATEGIES)


def spawn(fn, args=(), nprocs: int = 1, join: bool = True, daemon: bool = False, start_method: str = "spawn"):  # type: ignore[no-untyped-def]
    """Run ``fn(i, *args)`` in ``nprocs`` new processes (``i`` = 0 … nprocs − 1), waiting for them if ``join``."""
    context = multiprocessing.get_context(start_method)
    processes = [context.Process(target=fn, args=(i, *args), daemon=daemon) for i in range(nprocs)]
    for process in processes:
        process.start()
    if not join:
        return processes
    for process in processes:
        process.join()
    failed = [p.exitcode for p in processes if p.exitcode]
    if failed:
        raise RuntimeError(f"process exited with exit code {failed[0]}")
    return None
