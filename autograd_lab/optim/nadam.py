"""``NAdam``: Adam with Nesterov momentum (a look-ahead on the running average)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from .._dtype import get_default_dtype
from .._views import write
from ..tensor import Tensor
from ._kernels import addcdiv, scalar, sqrt
from .adamax import check_adam_settings
from .optimizer import Optimizer, check_not_negative, count_step, new_step, zeros_like
from .radam import decay_weights, update_moments


class NAdam(Optimizer, torch_module="torch.optim.nadam"):
    r"""NAdam, as ``torch.optim.NAdam``.

    For each parameter ``p`` with gradient ``g``, at step ``t``::

        g = -g                                        if maximize
        weight decay as in Adam (decoupled_weight_decay: as in AdamW)
        mu_t = beta1 * (1 - 0.5 * 0.96**(t * momentum_decay))
        P = P * mu_t                                  state[p]["mu_product"]
        m, v as in Adam                               state[p]["exp_avg"], ["exp_avg_sq"]
        d = sqrt(v / (1 - beta2**t)) + eps
        p = p - lr (1 - mu_t) / (1 - P) * g / d - lr mu_(t+1) / (1 - P mu_(t+1)) * m / d

    with the scalars in Python floats (``mu_product`` a 0-d tensor of the
    default dtype, as in PyTorch) and the rest in the parameter's dtype, in
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
    momentum_decay : float
        How fast the momentum factor mu_t approaches beta1.
    decoupled_weight_decay : bool
        Decay the parameter directly, as AdamW does.
    foreach, maximize, capturable, differentiable
        ``maximize`` climbs the objective; the others are kept in the groups as PyTorch prints them.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> w = torch.tensor([1.0, -2.0], requires_grad=True)
    >>> optimizer = torch.optim.NAdam([w], lr=0.1)
    >>> (w * w).sum().backward()
    >>> optimizer.step()
    >>> w
    tensor([ 0.8944, -1.8944], requires_grad=True)
    """

    _since_old_releases = {
        "maximize": False, "foreach": None, "capturable": False, "differentiable": False,
        "decoupled_weight_decay": False,
    }  # fmt: skip
    _counts = ("step", "mu_product")

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 2e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0,
        momentum_decay: float = 4e-3,
        decoupled_weight_decay: bool = False,
        *,
        foreach: bool | None = None,
        maximize: bool = False,
        capturable: bool = False,
        differentiable: bool = False,
    ) -> None:
        check_adam_settings(lr, eps, betas, weight_decay)
        check_not_negative(momentum_decay, "momentum_decay value")
        defaults = {
            "lr": lr,
            "betas": betas,
            "eps": eps,
            "weight_decay": weight_decay,
            "momentum_decay": momentum_decay,
            "decoupled_weight_decay": decoupled_weight_decay,
            "maximize": maximize,
            "foreach": foreach,
            "capturable": capturable,
            "differentiable": differentiable,
        }
        super().__init__(params, defaults)

    def _update(self, param: Tensor, grad: np.ndarray, group: dict[str, Any]) -> None:
        state = self.state[param]
        if not state:
            mu_product = Tensor._wrap(np.ones((), dtype=get_default_dtype().numpy))
            state.update(
                step=new_step(),
                mu_product=mu_product,
                exp_avg=zeros_like(param),
                exp_avg_sq=zeros_like(param),
            )
        if group["maximize"]:
            grad = -grad
        step = count_step(state["step"])
        lr, (beta1, beta2), decay = group["lr"], group["betas"], group["momentum_decay"]
        bias_correction2 = 1 - beta2**step
        grad = decay_weights(param, grad, group)
        mu = beta1 * (1.0 - 0.5 * (0.96 ** (step * decay)))
        mu_next = beta1 * (1.0 - 0.5 * (0.96 ** ((step + 1) * decay)))
        product = state["mu_product"]
        write(product, product._array * scalar(mu, product._array))
        update_moments(state, grad, beta1, beta2)
        exp_avg_sq = state["exp_avg_sq"]._array
        denom = sqrt(exp_avg_sq / scalar(bias_correction2, grad)) + scalar(group["eps"], grad)
        mu_product = float(product._array)
        mu_product_next = mu_product * mu_next
        value = param._array
        value = addcdiv(value, grad, denom, -lr * (1.0 - mu) / (1.0 - mu_product))
        value = addcdiv(value, state["exp_avg"]._array, denom, (-lr * mu_next) / (1.0 - mu_product_next))
        write(param, value)
