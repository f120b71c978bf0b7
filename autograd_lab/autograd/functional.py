"""Whole-function derivatives: ``jacobian``, ``hessian``, ``vjp``, as in ``torch.autograd.functional``."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .._grad_mode import enable_grad
from ..ops.shape import reshape, stack
from ..tensor import Tensor
from .grad import grad

__all__ = ["jacobian", "hessian", "vjp"]


def _prepared(inputs: Tensor | tuple[Tensor, ...]) -> tuple[tuple[Tensor, ...], bool]:
    single = isinstance(inputs, Tensor)
    tensors = (inputs,) if single else tuple(inputs)
    return tuple(t.detach().requires_grad_(True) for t in tensors), single


def vjp(
    func: Callable[..., Tensor], inputs: Tensor | tuple[Tensor, ...], v: Tensor | None = None
) -> tuple[Tensor, Tensor | tuple[Tensor, ...]]:
    """The output of ``func(inputs)`` and the vector-Jacobian product ``vᵀ J``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> out, g = torch.autograd.functional.vjp(lambda x: x ** 2, torch.tensor([1.0, 2.0]), torch.ones(2))
    >>> g
    tensor([2., 4.])
    """
    tensors, single = _prepared(inputs)
    with enable_grad():
        output = func(*tensors)
        grads = grad(output, tensors, v, allow_unused=True)
    grads = tuple(
        g if g is not None else Tensor._wrap(np.zeros_like(t._array))
        for g, t in zip(grads, tensors, strict=False)
    )
    return output.detach(), grads[0] if single else grads


def jacobian(
    func: Callable[..., Tensor], inputs: Tensor | tuple[Tensor, ...], create_graph: bool = False
) -> Tensor | tuple[Tensor, ...]:
    """The Jacobian of ``func`` at ``inputs``: one backward pass per output element.

    Row ``i`` is the gradient of output element ``i`` (shape: output shape +
    input shape), which is how the seed lesson builds it by hand.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> def k(x):
    ...     return torch.stack([x[0] ** 2 + 3 * x[1], x[1] ** 2 + 2 * x[0]])
    >>> torch.autograd.functional.jacobian(k, torch.tensor([2.0, 3.0]))
    tensor([[4., 3.],
            [2., 6.]])
    """
    tensors, single = _prepared(inputs)
    with enable_grad():
        output = func(*tensors)
        flat_out = output.reshape(-1)
        rows: list[list[np.ndarray]] = [[] for _ in tensors]
        for i in range(flat_out.shape[0]):
            grads = grad(
                flat_out[i], tensors, retain_graph=True, create_graph=create_graph, allow_unused=True
            )
            for j, (g, t) in enumerate(zip(grads, tensors, strict=False)):
                rows[j].append(g if g is not None else Tensor._wrap(np.zeros_like(t._array)))
    results = tuple(
        reshape(stack(r), tuple(output.shape) + tuple(t.shape))
        if r
        else Tensor._wrap(np.zeros(tuple(output.shape) + tuple(t.shape), dtype=t._array.dtype))
        for r, t in zip(rows, tensors, strict=False)
    )
    if not create_graph:
        results = tuple(r.detach() for r in results)
    return results[0] if single else results


def hessian(func: Callable[..., Tensor], inputs: Tensor) -> Tensor:
    """The matrix of second derivatives of a scalar function: the Jacobian of its gradient.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.autograd.functional.hessian(lambda x: (x ** 3).sum(), torch.tensor([1.0, 2.0]))
    tensor([[ 6.,  0.],
            [ 0., 12.]])
    """

    def gradient(x: Tensor) -> Tensor:
        (g,) = grad(func(x), x, create_graph=True)
        return g

    return jacobian(gradient, inputs)
