"""Losses and layers as functions: ``mse_loss``, ``cross_entropy``, ``linear``."""

from __future__ import annotations

import numpy as np

from .. import messages
from ..messages import errors
from ..ops._core import NOT_DIFFERENTIABLE, defop, rule, values_of
from ..ops.elementwise import relu as _relu
from ..ops.elementwise import sigmoid as _sigmoid
from ..ops.elementwise import tanh as _tanh
from ..ops.linalg import addmm, matmul
from ..ops.reduction import _mean_forward, log_softmax, softmax
from ..ops.shape import t, unsqueeze
from ..tensor import Tensor

__all__ = ["mse_loss", "cross_entropy", "nll_loss", "linear", "relu", "sigmoid", "tanh", "softmax", "log_softmax"]

relu, sigmoid, tanh = _relu, _sigmoid, _tanh


def _reduce(values: np.ndarray, reduction: str) -> np.ndarray:
    if reduction == "mean":
        return _mean_forward(values, None, False)
    if reduction == "sum":
        return np.sum(values)
    if reduction == "none":
        return values
    raise messages.error("invalid_reduction", reduction=reduction)


def _mse_rule(grad: Tensor, a: Tensor, b: Tensor, reduction: str) -> Tensor:
    """∂/∂a of mean((a − b)²) = 2(a − b)/n."""
    scale = 2 / values_of(a).size if reduction == "mean" else 2
    return grad * scale * (a - b)


mse_loss_op = defop(
    "mse_loss", "MseLossBackward0", "MSE",
    lambda a, b, reduction: _reduce(np.square(a - b), reduction),
    a=rule("∂ mean((a−b)²)/∂a = 2(a−b)/n", _mse_rule),
    b=rule("∂ mean((a−b)²)/∂b = −2(a−b)/n", lambda grad, a, b, reduction: -_mse_rule(grad, a, b, reduction)),
)


def mse_loss(input: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:
    """Mean squared error: the mean of ``(input - target) ** 2``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.mse_loss(torch.tensor([1.0, 3.0]), torch.tensor([0.0, 0.0]))
    tensor(5.)
    """
    if input._array.shape != target._array.shape:
        try:
            np.broadcast_shapes(input._array.shape, target._array.shape)
        except ValueError:
            raise errors.broadcast_shapes(input._array.shape, target._array.shape) from None
    return mse_loss_op(input, target, reduction=reduction)


def _picked(shape: tuple, target: np.ndarray) -> np.ndarray:
    """One-hot mask of the target class in each row."""
    mask = np.zeros(shape, dtype=bool)
    if len(shape) == 1:
        mask[target] = True
    else:
        mask[np.arange(shape[0]), target] = True
    return mask


def _nll_forward(a: np.ndarray, b: np.ndarray, reduction: str) -> np.ndarray:
    picked = -a[_picked(a.shape, b)]
    return _reduce(picked if a.ndim > 1 else picked.reshape(()), reduction)  # one row: 0-d


def _nll_rule(grad: Tensor, a_shape: tuple, b: Tensor, reduction: str) -> Tensor:
    """∂(−mean a[i, yᵢ])/∂a = −1/N at each row's target, 0 elsewhere."""
    rows = a_shape[0] if len(a_shape) > 1 and reduction == "mean" else 1
    weights = (_picked(a_shape, values_of(b)) * (-1 / rows)).astype(values_of(grad).dtype)
    if reduction == "none" and len(a_shape) > 1:
        grad = unsqueeze(grad, 1)
    return grad * weights


nll_loss_op = defop(
    "nll_loss", "NllLossBackward0", "NLL", _nll_forward,
    a=rule("∂(−mean aᵢ,yᵢ)/∂a = −1/N at the targets", _nll_rule),
    b=NOT_DIFFERENTIABLE,
)


def nll_loss(input: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:
    """Negative log likelihood: minus the mean of each row's entry at its target class.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.nll_loss(torch.tensor([[-1.0, -2.0]]), torch.tensor([1]))
    tensor(2.)
    """
    classes = input._array.shape[-1]
    labels = target._array
    if labels.size and (labels.max() >= classes or labels.min() < 0):
        bad = labels.max() if labels.max() >= classes else labels.min()
        raise errors.target_out_of_bounds(int(bad))
    return nll_loss_op(input, target, reduction=reduction)


def cross_entropy(input: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:
    """Cross-entropy of class scores ``input`` (N, C) against class labels ``target`` (N,).

    It is ``nll_loss(log_softmax(input, 1), target)``, as in PyTorch.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.cross_entropy(torch.tensor([[0.0, 0.0]]), torch.tensor([0]))
    tensor(0.6931)
    """
    return nll_loss(log_softmax(input, dim=1 if input._array.ndim > 1 else 0), target, reduction)


def linear(input: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    """``input @ weight.T + bias``: a fully connected layer.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import autograd_lab.nn.functional as F
    >>> F.linear(torch.ones(1, 2), torch.ones(3, 2), torch.zeros(3))
    tensor([[2., 2., 2.]])
    """
    if input._array.ndim == 2 and bias is not None:
        return addmm(bias, input, t(weight))
    out = matmul(input, t(weight))
    return out + bias if bias is not None else out


_ = softmax  # re-exported for F.softmax
