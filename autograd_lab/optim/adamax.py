"""``Adamax``: Adam with the infinity norm (a running maximum of |g|) in place of the root mean square."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from .. import messages
from .._views import write
from ..tensor import Tensor
from ._kernels import add, addcdiv, lerp, scalar
from .optimizer import Optimizer, check_not_negative, count_step, new_step, zeros_like


def check_adam_settings(lr: float, eps: float, betas: tuple[float, float], weight_decay: float) -> None:
    """PyTorch's checks of an Adam-like optimizer's settings, in its order (``Invalid ...: value``)."""
    check_not_negative(lr, "learning rate")
    check_not_negative(eps, "epsilon value")
    for index, beta in enumerate(betas):
        if not 0.0 <= beta < 1.0:
            raise messages.error("optim_invalid_beta", index=index, value=beta)
    check_not_negative(weight_decay, "weight_decay value")


class Adamax(Optimizer, torch_module="torch.optim.adamax"):
    r"""Adamax, as ``torch.optim.Adamax``.

    For each parameter ``p`` with gradient ``g``, at step ``t``::

        g = -g                                        if maximize
        g = g + weight_decay * p                      if weight_decay
        m = m + (1 - beta1) * (g - m)                 state[p]["exp_avg"]
        u = max(beta2 * u, |g| + eps)                 state[p]["exp_inf"]
        p = p - lr / (1 - beta1**t) * m / u

    in the parameter's dtype, in PyTorch's order and rounding.

    Parameters
    ----------
    params : iterable of Tensor or of dict
        The tensors to optimize, or parameter groups.
    lr : float
        The learning rate.
    betas : (float, float)
        The decay rates of the running average and of the running maximum.
    eps : float
        Added to |g|, so the denominator is never 0.
    weight_decay : float
        L2 penalty: adds ``weight_decay * p`` to the gradient.
    foreach, maximize, differentiable, capturable
        ``maximize`` climbs the objective; the others are kept in the groups as PyTorch prints them.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> w = torch.tensor([1.0, -2.0], requires_grad=True)
    >>> optimizer = torch.optim.Adamax([w], lr=0.1)
    >>> (w * w).sum().backward()
    >>> optimizer.step()               # the first step moves each weight by lr
    >>> w
    tensor([ 0.9000, -1.9000], requires_grad=True)
    """

    _since_old_releases = {"foreach": None, "maximize": False, "differentiable": False, "capturable": False}
    _counts = ("step",)

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 2e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0,
        foreach: bool | None = None,
        *,
        maximize: bool = False,
        differentiable: bool = False,
        capturable: bool = False,
    ) -> None:
        check_adam_settings(lr, eps, betas, weight_decay)
        defaults = {
            "lr": lr,
            "betas": betas,
            "eps": eps,
            "weight_decay": weight_decay,
            "foreach": foreach,
            "maximize": maximize,
            "differentiable": differentiable,
            "capturable": capturable,
        }
        super().__init__(params, defaults)

    def _update(self, param: Tensor, grad: np.ndarray, group: dict[str, Any]) -> None:
        state = self.state[param]
        if not state:
            state.update(step=new_step(), exp_avg=zeros_like(param), exp_inf=zeros_like(param))
        if group["maximize"]:
            grad = -grad
        step = count_step(state["step"])
        if group["weight_decay"] != 0:
            grad = add(grad, param._array, group["weight_decay"])
        beta1, beta2 = group["betas"]
        exp_avg, exp_inf = state["exp_avg"], state["exp_inf"]
        write(exp_avg, lerp(exp_avg._array, grad, 1 - beta1))
        write(
            exp_inf,
            np.maximum(exp_inf._array * scalar(beta2, grad), np.abs(grad) + scalar(group["eps"], grad)),
        )
        step_size = group["lr"] / (1 - beta1**step)
        write(param, addcdiv(param._array, exp_avg._array, exp_inf._array, -step_size))
