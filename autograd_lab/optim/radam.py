"""``RAdam``: Adam whose adaptive step is switched on gradually, as the variance estimate becomes reliable."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np

from .._views import write
from ..tensor import Tensor
from ._kernels import add, addcmul, lerp, scalar, sqrt
from .adamax import check_adam_settings
from .optimizer import Optimizer, count_step, new_step, zeros_like


def decay_weights(param: Tensor, grad: np.ndarray, group: dict[str, Any]) -> np.ndarray:
    """Weight decay as Adam-like optimizers do it: shrink ``p`` (decoupled) or add ``weight_decay * p`` to ``g``."""
    weight_decay = group["weight_decay"]
    if weight_decay == 0:
        return grad
    if group["decoupled_weight_decay"]:
        write(param, param._array * scalar(1 - group["lr"] * weight_decay, grad))
        return grad
    return add(grad, param._array, weight_decay)


def update_moments(state: dict[str, Any], grad: np.ndarray, beta1: float, beta2: float) -> None:
    """Adam's running averages: ``m += (1 - beta1)(g - m)``, ``v = beta2 v + (1 - beta2) g²``."""
    exp_avg, exp_avg_sq = state["exp_avg"], state["exp_avg_sq"]
    write(exp_avg, lerp(exp_avg._array, grad, 1 - beta1))
    write(exp_avg_sq, addcmul(exp_avg_sq._array * scalar(beta2, grad), grad, grad, 1 - beta2))


class RAdam(Optimizer, torch_module="torch.optim.radam"):
    r"""RAdam (rectified Adam), as ``torch.optim.RAdam``.

    For each parameter ``p`` with gradient ``g``, at step ``t``::

        g = -g                                        if maximize
        weight decay as in Adam (decoupled_weight_decay: as in AdamW)
        m, v as in Adam                               state[p]["exp_avg"], ["exp_avg_sq"]
        rho_inf = 2 / (1 - beta2) - 1
        rho_t = rho_inf - 2 t beta2**t / (1 - beta2**t)
        p = p - lr * m / (1 - beta1**t) * sqrt(1 - beta2**t) / (sqrt(v) + eps) * r    if rho_t > 5
        p = p - lr * m / (1 - beta1**t)                                                 otherwise

    with ``r = sqrt((rho_t - 4)(rho_t - 2) rho_inf / ((rho_inf - 4)(rho_inf - 2) rho_t))``,
    the scalars in Python floats and the rest in the parameter's dtype, in
    PyTorch's order and rounding (the square root aside: see :class:`Adam`).

    Parameters
    ----------
    params : iterable of Tensor or of dict
        The tensors to optimize, or parameter groups.
    lr : float
        The learning rate.
    betas : (float, float)
        The decay rates of the two running averages.
    eps : float
        Added to the denominator, so it is never 0.
    weight_decay : float
        L2 penalty (or, with ``decoupled_weight_decay``, the parameter's shrinking).
    decoupled_weight_decay : bool
        Decay the parameter directly, as AdamW does.
    foreach, maximize, capturable, differentiable
        ``maximize`` climbs the objective; the others are kept in the groups as PyTorch prints them.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> w = torch.tensor([1.0, -2.0], requires_grad=True)
    >>> optimizer = torch.optim.RAdam([w], lr=0.1)
    >>> (w * w).sum().backward()
    >>> optimizer.step()               # early steps are plain momentum: lr * m / (1 - beta1)
    >>> w
    tensor([ 0.8000, -1.6000], requires_grad=True)
    """

    _since_old_releases = {
        "foreach": None, "maximize": False, "differentiable": False, "decoupled_weight_decay": False,
        "capturable": False,
    }  # fmt: skip
    _counts = ("step",)

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0,
        decoupled_weight_decay: bool = False,
        *,
        foreach: bool | None = None,
        maximize: bool = False,
        capturable: bool = False,
        differentiable: bool = False,
    ) -> None:
        check_adam_settings(lr, eps, betas, weight_decay)
        defaults = {
            "lr": lr,
            "betas": betas,
            "eps": eps,
            "weight_decay": weight_decay,
            "maximize": maximize,
            "foreach": foreach,
            "capturable": capturable,
            "decoupled_weight_decay": decoupled_weight_decay,
            "differentiable": differentiable,
        }
        super().__init__(params, defaults)

    def _update(self, param: Tensor, grad: np.ndarray, group: dict[str, Any]) -> None:
        state = self.state[param]
        if not state:
            state.update(step=new_step(), exp_avg=zeros_like(param), exp_avg_sq=zeros_like(param))
        if group["maximize"]:
            grad = -grad
        step = count_step(state["step"])
        grad = decay_weights(param, grad, group)
        beta1, beta2 = group["betas"]
        update_moments(state, grad, beta1, beta2)
        lr = group["lr"]
        bias_correction1 = 1 - beta1**step
        bias_correction2 = 1 - beta2**step
        corrected = state["exp_avg"]._array / scalar(bias_correction1, grad)
        rho_inf = 2 / (1 - beta2) - 1
        rho_t = rho_inf - 2 * step * (beta2**step) / bias_correction2
        if rho_t > 5.0:
            rect = math.sqrt((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t))
            root = sqrt(state["exp_avg_sq"]._array) + scalar(group["eps"], grad)
            adaptive = scalar(bias_correction2**0.5, grad) / root
            update = corrected * scalar(lr, grad) * adaptive * scalar(rect, grad)
        else:
            update = corrected * scalar(lr, grad)
        write(param, add(param._array, update, -1.0))
