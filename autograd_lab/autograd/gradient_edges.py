"""``torch.autograd.graph``'s ``GradientEdge``, ``get_gradient_edge`` and ``increment_version``.

A gradient edge is where the gradient of a tensor enters the graph: its
``grad_fn``, or the ``AccumulateGrad`` node of a leaf. ``autograd.grad`` and
``backward(inputs=...)`` take one in place of a tensor. Loaded on first
use, through ``autograd.graph``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from .. import messages
from ..tensor import Tensor
from . import engine


class GradientEdge(NamedTuple):
    """Where a gradient enters the graph: ``node`` and which of its outputs (``output_nr``).

    ``ownership_token`` keeps the graph alive where ``node`` would not
    (PyTorch's Python nodes); it is always ``None`` here.
    """

    node: Any
    output_nr: int
    ownership_token: Any = None


engine.lend(gradient_edge_type=GradientEdge)  # backward(inputs=...) and autograd.grad take it for a tensor


def get_gradient_edge(tensor: Tensor) -> GradientEdge:
    """Where the gradient of ``tensor`` is computed: ``autograd.grad(loss, edge)`` is ``autograd.grad(loss, tensor)``.

    Parameters
    ----------
    tensor : Tensor
        A tensor that requires grad.

    Returns
    -------
    GradientEdge
        Its ``grad_fn`` (or a leaf's ``AccumulateGrad`` node) and output number.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> a = torch.tensor([1.0, 2.0], requires_grad=True)
    >>> b = a * 2
    >>> loss = (b * b).sum()
    >>> edge = torch.autograd.graph.get_gradient_edge(b)
    >>> edge.node.name(), edge.output_nr
    ('MulBackward0', 0)
    >>> torch.autograd.grad(loss, edge)
    (tensor([4., 8.]),)
    >>> torch.autograd.graph.get_gradient_edge(a).node.name()
    'torch::autograd::AccumulateGrad'
    """
    if not tensor.requires_grad:
        raise messages.error("gradient_edge_no_grad")
    info = tensor._view
    return GradientEdge(engine.gradient_edge(tensor), info.output_nr if info is not None else 0)


def increment_version(tensor: Tensor | Iterable[Tensor]) -> None:
    """Count an in-place change autograd could not see, so that backward() refuses stale saved values.

    For memory changed behind autograd's back (through ``.numpy()``, say):
    a node that saved the tensor then raises PyTorch's "modified by an
    inplace operation" error instead of using the changed values. Counting
    a change twice does no harm.

    Parameters
    ----------
    tensor : Tensor or iterable of Tensor
        The tensor, or tensors, changed.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> a = torch.tensor([1.0, 2.0], requires_grad=True)
    >>> b = a * 1
    >>> c = b * b
    >>> b._version
    0
    >>> torch.autograd.graph.increment_version(b)
    >>> b._version
    1
    """
    for each in (tensor,) if isinstance(tensor, Tensor) else tensor:
        each._version_counter.bump()
