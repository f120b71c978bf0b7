"""The recorded graph as PyTorch exposes it: ``Node`` (a grad_fn), listeners and saved-tensor hooks."""

from __future__ import annotations

from .engine import (
    AccumulateGrad,
    Node,
    add_backward_listener,
    gradient_edge,
    remove_backward_listener,
    trace_backward,
)
from .saved import save_on_cpu, saved_tensors_hooks

__all__ = [
    "Node",
    "AccumulateGrad",
    "gradient_edge",
    "add_backward_listener",
    "remove_backward_listener",
    "trace_backward",
    "saved_tensors_hooks",
    "save_on_cpu",
]
