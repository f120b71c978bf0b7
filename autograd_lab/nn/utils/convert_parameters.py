"""``parameters_to_vector`` and ``vector_to_parameters``: all parameters as one flat vector, and back."""

from __future__ import annotations

from collections.abc import Iterable

from ... import messages
from ...ops.shape import cat
from ...tensor import Tensor
from ..modules.module import typename


def parameters_to_vector(parameters: Iterable[Tensor]) -> Tensor:
    """Every parameter flattened and joined into one vector (recorded: gradients flow back).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.nn.utils.parameters_to_vector([torch.ones(2, 2), torch.zeros(1)])
    tensor([1., 1., 1., 1., 0.])
    """
    return cat([p.view(-1) for p in parameters])


def vector_to_parameters(vec: Tensor, parameters: Iterable[Tensor]) -> None:
    """Copy consecutive slices of ``vec`` into the parameters (their ``.data``), in order.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> a, b = torch.zeros(2), torch.zeros(1)
    >>> torch.nn.utils.vector_to_parameters(torch.tensor([1.0, 2.0, 3.0]), [a, b])
    >>> a, b
    (tensor([1., 2.]), tensor([3.]))
    """
    if not isinstance(vec, Tensor):
        raise messages.error("vector_to_parameters_type", type_name=typename(vec))
    start = 0
    for parameter in parameters:
        count = parameter.numel()
        parameter.data = vec[start : start + count].view(parameter.shape).data
        start += count
