"""``autograd.grad``: gradients returned instead of accumulated into ``.grad``."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .. import messages
from ..messages import errors
from ..tensor import Tensor
from .engine import Capture, gradient_edge, roots_and_grads, run_backward


def grad(
    outputs: Tensor | Sequence[Tensor],
    inputs: Tensor | Sequence[Tensor],
    grad_outputs: Tensor | Sequence[Tensor | None] | None = None,
    retain_graph: bool | None = None,
    create_graph: bool = False,
    allow_unused: bool = False,
) -> tuple[Tensor | None, ...]:
    """The gradients of ``outputs`` with respect to ``inputs``, as a tuple.

    Unlike ``backward()``, nothing is added to ``.grad``.  With
    ``create_graph=True`` the result is itself differentiable, which gives
    second derivatives.

    Parameters
    ----------
    outputs : Tensor or sequence of Tensor
        What to differentiate.
    inputs : Tensor or sequence of Tensor
        With respect to what.
    grad_outputs : Tensor or sequence, optional
        The weights of the outputs' elements (needed for non-scalar outputs).
    retain_graph : bool, optional
        Keep saved values for another pass; defaults to ``create_graph``.
    create_graph : bool
        Record this computation, for higher-order derivatives.
    allow_unused : bool
        Return ``None`` for an input the outputs do not depend on, instead of raising.

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
    outputs = (outputs,) if isinstance(outputs, Tensor) else tuple(outputs)
    inputs = (inputs,) if isinstance(inputs, Tensor) else tuple(inputs)
    if not inputs:
        raise messages.error("grad_no_inputs")
    if isinstance(grad_outputs, Tensor):
        grad_outputs = (grad_outputs,)
    roots, root_grads = roots_and_grads(outputs, grad_outputs, create_graph)
    edges = []
    for tensor in inputs:
        if not tensor._requires_grad:
            raise errors.grad_input_no_grad()
        edges.append(gradient_edge(tensor))
    capture = Capture(edges, create_graph)
    run_backward(
        roots,
        root_grads,
        capture,
        retain_graph=create_graph if retain_graph is None else retain_graph,
        create_graph=create_graph,
    )
    results = []
    for index, edge in enumerate(edges):
        found = capture.found[edge]
        if found is None and not allow_unused:
            raise errors.grad_not_used(index)
        if found is not None and not create_graph:
            found = Tensor._wrap(np.asarray(found))
        results.append(found)
    return tuple(results)
