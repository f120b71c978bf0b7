"""``autograd.grad``: gradients returned instead of accumulated into ``.grad``."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .. import messages
from ..creation import zeros_like
from ..messages import errors
from ..ops.shape import stack
from ..tensor import Tensor
from .engine import Capture, gradient_edge, is_gradient_edge, roots_and_grads, run_backward


def grad(
    outputs: Tensor | Sequence[Tensor],
    inputs: Tensor | Sequence[Tensor] | dict,
    grad_outputs: Tensor | Sequence[Tensor | None] | None = None,
    retain_graph: bool | None = None,
    create_graph: bool = False,
    only_inputs: bool = True,
    allow_unused: bool | None = None,
    is_grads_batched: bool = False,
    materialize_grads: bool = False,
) -> tuple[Tensor | None, ...] | dict:
    """The gradients of ``outputs`` with respect to ``inputs``, as a tuple.

    Unlike ``backward()``, nothing is added to ``.grad``.  With
    ``create_graph=True`` the result is itself differentiable, which gives
    second derivatives.

    Parameters
    ----------
    outputs : Tensor or sequence of Tensor
        What to differentiate.
    inputs : Tensor, sequence of Tensor, or dict of Tensor
        With respect to what (a dict gives a dict of gradients, by the same keys).
    grad_outputs : Tensor or sequence, optional
        The weights of the outputs' elements (needed for non-scalar outputs).
    retain_graph : bool, optional
        Keep saved values for another pass; defaults to ``create_graph``.
    create_graph : bool
        Record this computation, for higher-order derivatives.
    only_inputs : bool
        Deprecated and ignored (always True), as in PyTorch.
    allow_unused : bool, optional
        Return ``None`` for an input the outputs do not depend on, instead of
        raising; defaults to ``materialize_grads``.
    is_grads_batched : bool
        The first dimension of each ``grad_outputs`` is a batch: one gradient
        per entry, stacked (PyTorch vectorises it; here it is one pass each).
    materialize_grads : bool
        Zeros instead of ``None`` for an input the outputs do not depend on.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor(3.0, requires_grad=True)
    >>> y = x ** 3
    >>> (dy,) = torch.autograd.grad(y, x, create_graph=True)
    >>> dy
    tensor(27., grad_fn=<MulBackward0>)
    >>> torch.autograd.grad(dy, x)
    (tensor(18.),)
    """
    if materialize_grads and allow_unused is False:
        raise messages.error("grad_materialize_unused")
    if allow_unused is None:
        allow_unused = materialize_grads
    keys = list(inputs) if type(inputs) is dict else None
    inputs = tuple(inputs.values()) if keys is not None else inputs
    outputs = (outputs,) if isinstance(outputs, Tensor) else tuple(outputs)
    inputs = (inputs,) if isinstance(inputs, Tensor) or is_gradient_edge(inputs) else tuple(inputs)
    if not inputs:
        raise messages.error("grad_no_inputs")
    if not only_inputs:
        warnings.warn(messages.text("grad_only_inputs"), FutureWarning, stacklevel=2)
    if isinstance(grad_outputs, Tensor):
        grad_outputs = (grad_outputs,)
    if retain_graph is None:
        retain_graph = create_graph
    run = functools.partial(_one_pass, outputs, inputs, create_graph=create_graph, allow_unused=allow_unused)
    results = (
        _batched(run, grad_outputs, retain_graph) if is_grads_batched else run(grad_outputs, retain_graph)
    )
    if materialize_grads:
        results = tuple(
            found if found is not None else zeros_like(tensor, requires_grad=create_graph)
            for found, tensor in zip(results, inputs, strict=True)
        )
    return dict(zip(keys, results, strict=True)) if keys is not None else results


def _one_pass(
    outputs: tuple,
    inputs: tuple,
    grad_outputs: Any,
    retain_graph: bool,
    *,
    create_graph: bool,
    allow_unused: bool,
) -> tuple[Tensor | None, ...]:
    """One backward pass from ``outputs``, capturing the gradients that reach ``inputs``."""
    roots, root_grads = roots_and_grads(outputs, grad_outputs, create_graph)
    edges = []
    for tensor in inputs:
        if is_gradient_edge(tensor):  # autograd.graph.get_gradient_edge(t): where t's gradient arrives
            edges.append(tensor.node)
            continue
        if not isinstance(tensor, Tensor):
            raise messages.error("grad_input_type", type_name=messages.type_name(tensor))
        if not tensor._requires_grad:
            raise errors.grad_input_no_grad()
        edges.append(gradient_edge(tensor))
    capture = Capture(edges, create_graph)
    run_backward(roots, root_grads, capture, retain_graph=retain_graph, create_graph=create_graph)
    results = []
    for index, edge in enumerate(edges):
        found = capture.found[edge]
        if found is None and not allow_unused:
            raise errors.grad_not_used(index)
        if found is not None and not create_graph:
            found = Tensor._wrap(np.asarray(found))
        results.append(found)
    return tuple(results)


def _batched(run: Callable, grad_outputs: Any, retain_graph: bool) -> tuple[Tensor | None, ...]:
    """``is_grads_batched``: a pass per entry of the grad_outputs' first dimension, the gradients stacked."""
    batch = len(grad_outputs[0])
    passes = []
    for index in range(batch):
        weights = tuple(None if g is None else g[index] for g in grad_outputs)
        last = index == batch - 1
        passes.append(run(weights, retain_graph or not last))  # (the graph is kept for the passes after)
    return tuple(None if found[0] is None else stack(list(found)) for found in zip(*passes, strict=True))
