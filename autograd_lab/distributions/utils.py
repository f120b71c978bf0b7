"""``torch.distributions.utils``: the helpers distributions share (PyTorch's names).

Examples
--------
>>> import autograd_lab as torch
>>> from autograd_lab.distributions.utils import clamp_probs, probs_to_logits
>>> clamp_probs(torch.tensor([0.0, 0.5, 1.0]))
tensor([1.1921e-07, 5.0000e-01, 1.0000e+00])
>>> probs_to_logits(torch.tensor([0.25, 0.5]), is_binary=True)
tensor([-1.0986,  0.0000])
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np

from .._dtype import default_float
from .._grad_mode import enable_grad
from .._info import finfo
from ..tensor import Tensor

__all__ = [
    "broadcast_all",
    "clamp_probs",
    "euler_constant",
    "lazy_property",
    "logits_to_probs",
    "probs_to_logits",
]

euler_constant = 0.57721566490153286060  # Euler-Mascheroni constant


def broadcast_all(*values: Any) -> tuple[Tensor, ...]:
    """Parameters as tensors of one shape: numbers become tensors of the tensors' dtype (or the default)."""
    tensors = [v for v in values if isinstance(v, Tensor)]
    dtype = tensors[0]._array.dtype if tensors else default_float().numpy
    as_tensors = [v if isinstance(v, Tensor) else Tensor._wrap(np.asarray(v, dtype=dtype)) for v in values]
    shape = np.broadcast_shapes(*(t._array.shape for t in as_tensors))
    return tuple(t if t._array.shape == shape else t.expand(shape) for t in as_tensors)


def sum_rightmost(value: Tensor, dims: int) -> Tensor:
    """``value`` summed over its last ``dims`` dimensions (PyTorch's ``_sum_rightmost``)."""
    if dims == 0:
        return value
    return value.reshape(*value.shape[: value.dim() - dims], -1).sum(-1)


def _sum_rightmost(value: Tensor, dim: int) -> Tensor:
    return sum_rightmost(value, dim)


def clamp_probs(probs: Tensor) -> Tensor:
    """Probabilities kept inside [eps, 1 − eps], eps the dtype's machine epsilon."""
    eps = finfo(probs.dtype).eps
    return probs.clamp(min=eps, max=1 - eps)


def logits_to_probs(logits: Tensor, is_binary: bool = False) -> Tensor:
    """σ(logits) if ``is_binary``, else a softmax over the last dimension."""
    if is_binary:
        return logits.sigmoid()
    return logits.softmax(dim=-1)


def probs_to_logits(probs: Tensor, is_binary: bool = False) -> Tensor:
    """ln p − ln(1 − p) if ``is_binary``, else ln p (p clamped first)."""
    clamped = clamp_probs(probs)
    if is_binary:
        return clamped.log() - (-clamped).log1p()
    return clamped.log()


class lazy_property:  # noqa: N801 - PyTorch's name
    """A property computed on first use (with gradients recorded even under ``no_grad``), then kept on the instance."""

    def __init__(self, wrapped: Callable[[Any], Any]) -> None:
        self.wrapped = wrapped
        functools.update_wrapper(self, wrapped)  # type: ignore[arg-type]

    def __get__(self, instance: Any, owner: Any = None) -> Any:
        if instance is None:
            return self
        with enable_grad():
            value = self.wrapped(instance)
        setattr(instance, self.wrapped.__name__, value)
        return value
