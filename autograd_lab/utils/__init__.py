"""``autograd_lab.utils``: ``torch.utils``: ``data`` (datasets and loaders), ``benchmark`` (timers),
``checkpoint`` (activation checkpointing), ``hooks`` (the handles hooks return), and the switches
``backcompat`` and ``deterministic``."""

from __future__ import annotations

import copyreg
import weakref

from .. import messages
from ..tensor import Tensor
from . import backcompat, data, deterministic, hooks

__all__ = ["data", "benchmark", "checkpoint", "backcompat", "deterministic", "hooks", "swap_tensors"]


def swap_tensors(t1: Tensor, t2: Tensor) -> None:
    """Swap what two tensors hold: afterwards ``t1`` is what ``t2`` was, and the other way round.

    Each Python object keeps its identity (whoever holds ``t1`` now sees the
    other values, dtype, grad and history), which is how a module can change
    its parameters without an optimizer losing them.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> t1, t2 = torch.arange(2), torch.arange(3)
    >>> torch.utils.swap_tensors(t1, t2)
    >>> t1, t2
    (tensor([0, 1, 2]), tensor([0, 1]))
    """
    for name, tensor in (("t1", t1), ("t2", t2)):
        if weakref.getweakrefs(tensor):
            raise messages.error("swap_tensors_weakref", name=name)
    if set(copyreg._slotnames(type(t1))) != set(copyreg._slotnames(type(t2))):
        raise messages.error("swap_tensors_slots")
    t1.__class__, t2.__class__ = type(t2), type(t1)
    for slot in Tensor.__slots__:
        if slot != "__weakref__":
            first = getattr(t1, slot)
            setattr(t1, slot, getattr(t2, slot))
            setattr(t2, slot, first)


def __getattr__(name: str) -> object:
    if name in ("benchmark", "checkpoint"):  # loaded on first use (torch.utils.benchmark.Timer ...)
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'autograd_lab.utils' has no attribute {name!r}")
