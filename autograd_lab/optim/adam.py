"""``Adam`` and ``AdamW``: running averages of the gradient and of its square."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from .. import messages
from .._views import write
from ..tensor import Tensor
from ._kernels import add, addcdiv, addcmul, lerp, scalar, sqrt
from .optimizer import Optimizer, check_not_negative, count_step, new_step, zeros_like


class Adam(Optimizer, torch_module="torch.optim.adam"):
    r"""Adam, as ``torch.optim.Adam``.

    For each parameter ``p`` with gradient ``g``, at step ``t`` (counted in
    ``state[p]["step"]``)::

        g = -g                                        if maximize
        p = p * (1 - lr * weight_decay)               if weight_decay, decoupled (AdamW)
        g = g + weight_decay * p                      if weight_decay, otherwise
        m = m + (1 - beta1) * (g - m)                 state[p]["exp_avg"]
        v = beta2 * v + (1 - beta2) * g * g           state[p]["exp_avg_sq"]
        v_max = max(v_max, v); use v_max for v        if amsgrad
        p = p - lr / (1 - beta1**t) * m / (sqrt(v) / sqrt(1 - beta2**t) + eps)

    with the bias corrections in Python floats and the rest in the
    parameter's dtype, in PyTorch's order and rounding.  PyTorch's ``sqrt``
    is Intel MKL's, one unit in the last place lower than the correctly
    rounded ``np.sqrt`` for ~0.65% of inputs: the values agree with
    PyTorch's to about 1e-7 relative, most of them to the last bit.

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
        L2 penalty (added to the gradient; AdamW decays the parameter instead).
    amsgrad : bool
        Use the largest second moment seen so far (AMSGrad).
    maximize : bool
        Climb the objective instead of descending it.
    foreach, capturable, differentiable, fused, decoupled_weight_decay
        Kept in the groups as PyTorch prints them; ``decoupled_weight_decay=True`` is AdamW.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> w = torch.tensor([1.0, -2.0], requires_grad=True)
    >>> optimizer = torch.optim.Adam([w], lr=0.1)
    >>> (w * w).sum().backward()
    >>> optimizer.step()               # the first step moves each weight by about lr
    >>> w
    tensor([ 0.9000, -1.9000], requires_grad=True)
    """

    _since_old_releases = {
        "amsgrad": False, "maximize": False, "foreach": None, "capturable": False, "differentiable": False,
        "decoupled_weight_decay": False, "fused": None,
    }  # fmt: skip
    _counts = ("step",)

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0,
        amsgrad: bool = False,
        *,
        foreach: bool | None = None,
        maximize: bool = False,
        capturable: bool = False,
        differentiable: bool = False,
        fused: bool | None = None,
        decoupled_weight_decay: bool = False,
    ) -> None:
        check_not_negative(lr, "learning rate")
        check_not_negative(eps, "epsilon value")
        for index, beta in enumerate(betas):
            if not 0.0 <= beta < 1.0:
                raise messages.error("optim_invalid_beta", index=index, value=beta)
        check_not_negative(weight_decay, "weight_decay value")
        if not all(isinstance(beta, float) for beta in betas):
            raise messages.error("optim_betas_type")
        defaults = {
            "lr": lr,
            "betas": tuple(betas),
            "eps": eps,
            "weight_decay": weight_decay,
            "amsgrad": amsgrad,
            "maximize": maximize,
            "foreach": foreach,
            "capturable": capturable,
            "differentiable": differentiable,
            "fused": fused,
            "decoupled_weight_decay": decoupled_weight_decay,
        }
        super().__init__(params, defaults)

    def _update(self, param: Tensor, grad: np.ndarray, group: dict[str, Any]) -> None:
        state = self.state[param]
        if not state:
            state.update(step=new_step(), exp_avg=zeros_like(param), exp_avg_sq=zeros_like(param))
            if group["amsgrad"]:
                state["max_exp_avg_sq"] = zeros_like(param)
        if group["maximize"]:
            grad = -grad
        step = count_step(state["step"])
        lr, weight_decay, (beta1, beta2) = group["lr"], group["weight_decay"], group["betas"]
        if weight_decay != 0:
            if group["decoupled_weight_decay"]:
                write(param, param._array * scalar(1 - lr * weight_decay, grad))
            else:
                grad = add(grad, param._array, weight_decay)

        exp_avg, exp_avg_sq = state["exp_avg"], state["exp_avg_sq"]
        write(exp_avg, lerp(exp_avg._array, grad, 1 - beta1))
        write(exp_avg_sq, addcmul(exp_avg_sq._array * scalar(beta2, grad), grad, grad, 1 - beta2))

        step_size = lr / (1 - beta1**step)
        bias_correction2_sqrt = (1 - beta2**step) ** 0.5
        second_moment = exp_avg_sq
        if group["amsgrad"]:
            second_moment = state["max_exp_avg_sq"]
            write(second_moment, np.maximum(second_moment._array, exp_avg_sq._array))
        root = sqrt(second_moment._array)
        denominator = root / scalar(bias_correction2_sqrt, root) + scalar(group["eps"], root)
        write(param, addcdiv(param._array, exp_avg._array, denominator, -step_size))


class AdamW(Adam, torch_module="torch.optim.adamw"):
    r"""AdamW, as ``torch.optim.AdamW``: Adam whose weight decay shrinks the parameters directly.

    Each step first multiplies the parameter by ``1 - lr * weight_decay``,
    then takes Adam's step (see :class:`Adam`); ``weight_decay`` defaults to
    0.01.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> w = torch.tensor([1.0, -2.0], requires_grad=True)
    >>> optimizer = torch.optim.AdamW([w], lr=0.1, weight_decay=0.5)
    >>> (w * w).sum().backward()
    >>> optimizer.step()               # w * (1 - 0.05), then Adam's step of about lr
    >>> w
    tensor([ 0.8500, -1.8000], requires_grad=True)
    """

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 1e-2,
        amsgrad: bool = False,
        *,
        maximize: bool = False,
        foreach: bool | None = None,
        capturable: bool = False,
        differentiable: bool = False,
        fused: bool | None = None,
    ) -> None:
        super().__init__(
            params,
            lr,
            betas,
            eps,
            weight_decay,
            amsgrad,
            foreach=foreach,
            maximize=maximize,
            capturable=capturable,
            differentiable=differentiable,
            fused=fused,
            decoupled_weight_decay=True,
        )

    def __setstate__(self, state: dict[str, Any]) -> None:
        super().__setstate__(state)
        for group in self.param_groups:  # (PyTorch's AdamW: whatever the checkpoint says)
            group["decoupled_weight_decay"] = True
