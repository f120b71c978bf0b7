"""``autograd_lab.utils``: ``torch.utils``: ``data`` (datasets and loaders), ``benchmark`` (timers) and
``checkpoint`` (activation checkpointing)."""

from __future__ import annotations

from . import data

__all__ = ["data", "benchmark", "checkpoint"]


def __getattr__(name: str) -> object:
    if name in ("benchmark", "checkpoint"):  # loaded on first use (torch.utils.benchmark.Timer ...)
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'autograd_lab.utils' has no attribute {name!r}")
