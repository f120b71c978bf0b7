"""The recorded graph as PyTorch exposes it: ``Node`` (a grad_fn) and listeners."""

from __future__ import annotations

from .engine import (
    AccumulateGrad,
    Node,
    add_backward_listener,
    gradient_edge,
    remove_backward_listener,
    trace_backward,
)

__all__ = [
    "Node",
    "AccumulateGrad",
    "gradient_edge",
    "add_backward_listener",
    "remove_backward_listener",
    "trace_backward",
]
