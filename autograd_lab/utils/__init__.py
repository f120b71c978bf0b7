"""``autograd_lab.utils``: ``torch.utils``: ``data`` (datasets and loaders) and ``benchmark`` (timers)."""

from __future__ import annotations

from . import data

__all__ = ["data", "benchmark"]


def __getattr__(name: str) -> object:
    if name == "benchmark":  # loaded on first use (torch.utils.benchmark.Timer)
        import importlib

        return importlib.import_module(".benchmark", __name__)
    raise AttributeError(f"module 'autograd_lab.utils' has no attribute {name!r}")
