"""``RMSprop``: divide the gradient by a running root mean square of it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from .._views import write
from ..tensor import Tensor
from ._kernels import add, addcdiv, addcmul, lerp, scalar, sqrt
from .optimizer import Optimizer, check_not_negative, count_step, new_step, zeros_like


class RMSprop(Optimizer, torch_module="torch.optim.rmsprop"):
    r"""RMSprop, as ``torch.optim.RMSprop``.

    For each parameter ``p`` with gradient ``g``::

        g = -g                                        if maximize
        g = g + weight_decay * p                      if weight_decay
        v = alpha * v + (1 - alpha) * g * g           state[p]["square_avg"]
        a = a + (1 - alpha) * (g - a)                 state[p]["grad_avg"], if centered
        r = sqrt(v - a * a)  if centered,  else  sqrt(v);   r = r + eps
        b = momentum * b + g / r;  p = p - lr * b     state[p]["momentum_buffer"], if momentum
        p = p - lr * g / r                            otherwise

    in the parameter's dtype, in PyTorch's order and rounding (the square
    root aside: see :class:`Adam`).

    Parameters
    ----------
    params : iterable of Tensor or of dict
        The tensors to optimize, or parameter groups.
    lr : float
        The learning rate.
    alpha : float
        The decay rate of the running averages.
    eps : float
        Added to the denominator, so it is never 0.
    weight_decay : float
        L2 penalty: adds ``weight_decay * p`` to the gradient.
    momentum : float
        The momentum factor.
    centered : bool
        Divide by the running variance of the gradient instead of its mean square.
    capturable, foreach, maximize, differentiable
        ``maximize`` climbs the objective; the others are kept in the groups as PyTorch prints them.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> w = torch.tensor([1.0, -2.0], requires_grad=True)
    >>> optimizer = torch.optim.RMSprop([w], lr=0.01)
    >>> (w * w).sum().backward()
    >>> optimizer.step()               # the first step is lr / sqrt(1 - alpha) = 0.1 a weight
    >>> w
    tensor([ 0.9000, -1.9000], requires_grad=True)
    """

    _since_old_releases = {
        "momentum": 0, "centered": False, "foreach": None, "maximize": False, "differentiable": False,
        "capturable": False,
    }  # fmt: skip
    _counts = ("step",)

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-2,
        alpha: float = 0.99,
        eps: float = 1e-8,
        weight_decay: float = 0,
        momentum: float = 0,
        centered: bool = False,
        capturable: bool = False,
        foreach: bool | None = None,
        maximize: bool = False,
        differentiable: bool = False,
    ) -> None:
        check_not_negative(lr, "learning rate")
        check_not_negative(eps, "epsilon value")
        check_not_negative(momentum, "momentum value")
        check_not_negative(weight_decay, "weight_decay value")
        check_not_negative(alpha, "alpha value")
        defaults = {
            "lr": lr,
            "momentum": momentum,
            "alpha": alpha,
            "eps": eps,
            "centered": centered,
            "weight_decay": weight_decay,
            "capturable": capturable,
            "foreach": foreach,
            "maximize": maximize,
            "differentiable": differentiable,
        }
        super().__init__(params, defaults)

    def _update(self, param: Tensor, grad: np.ndarray, group: dict[str, Any]) -> None:
        state = self.state[param]
        momentum, alpha = group["momentum"], group["alpha"]
        if not state:
            state.update(step=new_step(), square_avg=zeros_like(param))
            if momentum > 0:
                state["momentum_buffer"] = zeros_like(param)
            if group["centered"]:
                state["grad_avg"] = zeros_like(param)
        if group["maximize"]:
            grad = -grad
        count_step(state["step"])
        if group["weight_decay"] != 0:
            grad = add(grad, param._array, group["weight_decay"])

        square_avg = state["square_avg"]
        write(square_avg, addcmul(square_avg._array * scalar(alpha, grad), grad, grad, 1 - alpha))
        if group["centered"]:
            grad_avg = state["grad_avg"]
            write(grad_avg, lerp(grad_avg._array, grad, 1 - alpha))
            root = sqrt(addcmul(square_avg._array, grad_avg._array, grad_avg._array, -1))
        else:
            root = sqrt(square_avg._array)
        root = root + scalar(group["eps"], root)

        if momentum > 0:
            buffer = state["momentum_buffer"]
            write(buffer, addcdiv(buffer._array * scalar(momentum, grad), grad, root, 1))
            write(param, add(param._array, buffer._array, -group["lr"]))
        else:
            write(param, addcdiv(param._array, grad, root, -group["lr"]))
