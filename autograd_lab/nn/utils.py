"""``torch.nn.utils``: clipping gradients before an optimizer step (``clip_grad_norm_``, ``clip_grad_value_``).

Both change the ``.grad`` of the parameters in place, outside autograd, as
PyTorch's do, so they go between ``loss.backward()`` and ``optimizer.step()``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from .. import _views, messages
from .._grad_mode import no_grad
from ..tensor import Tensor

__all__ = ["clip_grad_norm_", "clip_grad_value_"]


def _gradients(parameters: Tensor | Iterable[Tensor]) -> list[Tensor]:
    if isinstance(parameters, Tensor):
        parameters = [parameters]
    return [p.grad for p in parameters if p.grad is not None]


def _norm(values: np.ndarray, norm_type: float) -> np.ndarray:
    """The ``norm_type`` norm of all the values, in their dtype (∞: the largest absolute value)."""
    flat = np.abs(values.reshape(-1))
    if math.isinf(norm_type):
        return flat.max(initial=0) if norm_type > 0 else flat.min(initial=np.inf)
    return np.sum(flat**norm_type) ** (1 / norm_type) if norm_type != 2 else np.sqrt(np.sum(flat * flat))


def clip_grad_norm_(
    parameters: Tensor | Iterable[Tensor],
    max_norm: float,
    norm_type: float | str = 2.0,
    error_if_nonfinite: bool = False,
    foreach: bool | None = None,
) -> Tensor:
    """Scale all the gradients down together so that their joint norm is at most ``max_norm``.

    The joint norm is the norm of the gradients' norms (all of them as one
    vector); each gradient is multiplied by ``max_norm / (norm + 1e-6)`` when
    that is below 1. Returns the norm before clipping.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> w = torch.nn.Parameter(torch.zeros(3))
    >>> w.grad = torch.tensor([3.0, 4.0, 0.0])
    >>> torch.nn.utils.clip_grad_norm_([w], max_norm=1.0)
    tensor(5.)
    >>> w.grad
    tensor([0.6000, 0.8000, 0.0000])
    """
    grads = _gradients(parameters)
    norm_type = float(norm_type)
    if not grads:
        return Tensor._wrap(np.zeros((), np.float32))
    norms = np.stack([_norm(g._array, norm_type) for g in grads])
    total = _norm(norms, norm_type).astype(grads[0]._array.dtype)
    if error_if_nonfinite and not np.isfinite(total):
        raise messages.error("clip_grad_nonfinite", norm_type=norm_type)
    scale = min(max_norm / (total + 1e-6), 1.0)
    with no_grad():
        for g in grads:
            _views.write(g, (g._array * np.asarray(scale, g._array.dtype)).astype(g._array.dtype))
    return Tensor._wrap(np.asarray(total))


def clip_grad_value_(
    parameters: Tensor | Iterable[Tensor], clip_value: float, foreach: bool | None = None
) -> None:
    """Clamp every element of every gradient into ``[-clip_value, clip_value]``, in place.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> w = torch.nn.Parameter(torch.zeros(2))
    >>> w.grad = torch.tensor([0.5, -3.0])
    >>> torch.nn.utils.clip_grad_value_(w, 1.0)
    >>> w.grad
    tensor([ 0.5000, -1.0000])
    """
    with no_grad():
        for g in _gradients(parameters):
            _views.write(g, np.clip(g._array, -clip_value, clip_value).astype(g._array.dtype))
