"""Weight normalisation's op, ``torch._weight_norm(v, g, dim)``: ``w = g · v / ‖v‖``, the norm over all dims but ``dim``.

When ``dim`` is the first or the last dimension PyTorch computes it in one
fused kernel whose node is ``WeightNormInterfaceBackward0``, declared here;
for any other ``dim`` (``-1`` meaning the whole tensor) it is the plain
``v * (g / norm_except_dim(v, 2, dim))``, recorded as those ops.

The first derivatives are exact.  The second ones are PyTorch's: it
differentiates its backward formula with the norms as constants, so they
are not the true second derivatives (``gradgradcheck`` fails on PyTorch's
own ``_weight_norm``), and neither are these.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..tensor import Tensor, normalize_dim
from ._core import defop, export, rule
from .norms import vector_norm
from .reduction import sum
from .shape import transpose, view


def _other_axes(ndim: int, dim: int) -> tuple[int, ...]:
    return tuple(axis for axis in range(ndim) if axis != dim)


def _sum_except(x: Any, dim: int) -> Any:
    """The sum over every dimension but ``dim``, kept for broadcasting (of an array or a tensor)."""
    axes = _other_axes(np.ndim(x), dim)
    if type(x) is np.ndarray:
        return np.sum(x, axis=axes, keepdims=True)
    return sum(x, dim=axes, keepdim=True) if axes else x


def _norm(v: Any, dim: int) -> Any:
    """‖v‖ over every dimension but ``dim``; of a tensor, detached: PyTorch's second derivative of
    weight norm (``_weight_norm_differentiable_backward``) holds the saved norms constant."""
    if type(v) is np.ndarray:
        return np.sqrt(_sum_except(v * v, dim))
    v = v.detach()
    return _sum_except(v * v, dim).sqrt()


def _weight_norm_forward(v: np.ndarray, g: np.ndarray, dim: int) -> np.ndarray:
    return v * (g / _norm(v, dim))


def _v_rule(grad: Any, v: Any, g: Any, dim: int) -> Any:
    """∂w/∂v: G ↦ (g/‖v‖) (G − v · Σ(G v)/‖v‖²), the sums over every dim but ``dim``."""
    norm = _norm(v, dim)
    return (g / norm) * (grad - v * (_sum_except(grad * v, dim) / (norm * norm)))


def _g_rule(grad: Any, v: Any, dim: int) -> Any:
    """∂w/∂g: G ↦ Σ(G v)/‖v‖ (the engine sums what g was broadcast over)."""
    return _sum_except(grad * v, dim) / _norm(v, dim)


weight_norm_interface = defop(
    "weight_norm_interface", "WeightNormInterfaceBackward0", "g·v/‖v‖", _weight_norm_forward,
    v=rule("∂(g v/‖v‖)/∂v: G ↦ (g/‖v‖)(G − v Σ(Gv)/‖v‖²)", _v_rule),
    g=rule("∂(g v/‖v‖)/∂g: G ↦ Σ(Gv)/‖v‖", _g_rule),
)  # fmt: skip


@export
def norm_except_dim(v: Tensor, pow: float = 2, dim: int = 0) -> Tensor:
    """The ``pow``-norm of each slice along ``dim``, shaped to broadcast against ``v``; ``dim=-1``: the whole tensor.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.norm_except_dim(torch.tensor([[3.0, 4.0], [6.0, 8.0]]), 2, 0)
    tensor([[ 5.],
            [10.]])
    """
    if dim == -1:
        return vector_norm(v, pow)
    ndim = v.dim()
    if dim == 0:
        flat = view(v.contiguous(), (v.shape[0], -1))
        return view(vector_norm(flat, pow, 1), (v.shape[0],) + (1,) * (ndim - 1))
    if dim == ndim - 1:
        flat = view(v.contiguous(), (-1, v.shape[-1]))
        return view(vector_norm(flat, pow, 0), (1,) * (ndim - 1) + (v.shape[-1],))
    return transpose(norm_except_dim(transpose(v, 0, dim), pow, 0), 0, dim)


@export
def _weight_norm(v: Tensor, g: Tensor, dim: int = 0) -> Tensor:
    """``g * v / ‖v‖``, the norm over every dimension but ``dim`` (``-1``: the whole tensor).

    What ``nn.utils.weight_norm`` and ``nn.utils.parametrizations.weight_norm`` compute.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> v = torch.tensor([[3.0, 4.0], [0.0, 2.0]], requires_grad=True)
    >>> torch._weight_norm(v, torch.tensor([[10.0], [1.0]]), 0)
    tensor([[6., 8.],
            [0., 1.]], grad_fn=<WeightNormInterfaceBackward0>)
    """
    if dim == 0 or dim == v.dim() - 1:  # PyTorch's fused kernel
        return weight_norm_interface(v.contiguous(), g.contiguous(), dim=normalize_dim(dim, v.dim()))
    return v * (g / norm_except_dim(v, 2, dim))
