"""The recorded graph as PyTorch exposes it: ``Node`` (a grad_fn), listeners and saved-tensor hooks.

The names a lesson rarely needs load on first use (``register_multi_grad_hook``,
``allow_mutation_on_saved_tensors``, ``get_gradient_edge`` ...: see ``_LOADED_ON_USE``),
so that ``import autograd_lab`` does not pay for them.
"""

from __future__ import annotations

import abc
import importlib
from typing import Any

from . import engine
from .engine import (
    AccumulateGrad,
    add_backward_listener,
    remove_backward_listener,
    trace_backward,
)
from .engine import gradient_edge as gradient_edge
from .saved import disable_saved_tensors_hooks, save_on_cpu, saved_tensors_hooks


class Node(abc.ABC):  # noqa: B024 - PyTorch's abstract class, for isinstance: no node is made from it
    """What every node of the graph is an instance of: each ``grad_fn``, and a leaf's ``AccumulateGrad``.

    The nodes are made by the engine (``autograd.engine.Node`` and
    ``AccumulateGrad``); this class, as PyTorch's, only answers ``isinstance``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> a = torch.tensor([0.0, 0.0, 0.0], requires_grad=True)
    >>> b = a.clone()
    >>> isinstance(b.grad_fn, torch.autograd.graph.Node), b.grad_fn.name()
    (True, 'CloneBackward0')
    >>> isinstance(b.grad_fn.next_functions[0][0], torch.autograd.graph.Node)
    True
    """


Node.register(engine.Node)
Node.register(AccumulateGrad)

# name -> the module of autograd_lab.autograd that defines it, imported when the name is first read
_LOADED_ON_USE = {
    "register_multi_grad_hook": "multi_grad_hook",
    "allow_mutation_on_saved_tensors": "mutation_on_saved",
    "GradientEdge": "gradient_edges",
    "get_gradient_edge": "gradient_edges",
    "increment_version": "gradient_edges",
}

__all__ = [
    "Node",
    "AccumulateGrad",
    "gradient_edge",
    "add_backward_listener",
    "remove_backward_listener",
    "trace_backward",
    "saved_tensors_hooks",
    "save_on_cpu",
    "disable_saved_tensors_hooks",
    *_LOADED_ON_USE,
]


def __getattr__(name: str) -> Any:
    """A name of ``_LOADED_ON_USE``, from its module (then kept here: the next read is a plain one)."""
    module_name = _LOADED_ON_USE.get(name)
    if module_name is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__package__}.{module_name}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LOADED_ON_USE})
