"""``Adagrad``: each weight's step shrinks with the sum of its squared gradients."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from .._views import write
from ..tensor import Tensor
from ._kernels import add, addcdiv, addcmul, scalar, sqrt
from .optimizer import Optimizer, check_not_negative, count_step, new_step


class Adagrad(Optimizer, torch_module="torch.optim.adagrad"):
    r"""Adagrad, as ``torch.optim.Adagrad``.

    For each parameter ``p`` with gradient ``g``, at step ``t``::

        g = -g                                        if maximize
        g = g + weight_decay * p                      if weight_decay
        s = s + g * g                                 state[p]["sum"]
        p = p - lr / (1 + (t - 1) * lr_decay) * g / (sqrt(s) + eps)

    in the parameter's dtype, in PyTorch's order and rounding (the square
    root aside: see :class:`Adam`).  As in PyTorch, every parameter's state
    exists from the start, the sums filled with ``initial_accumulator_value``.

    Parameters
    ----------
    params : iterable of Tensor or of dict
        The tensors to optimize, or parameter groups.
    lr : float
        The learning rate.
    lr_decay : float
        How fast the learning rate decays with the steps.
    weight_decay : float
        L2 penalty: adds ``weight_decay * p`` to the gradient.
    initial_accumulator_value : float
        What the sums of squares start from.
    eps : float
        Added to the denominator, so it is never 0.
    foreach, maximize, differentiable, fused
        ``maximize`` climbs the objective; the others are kept in the groups as PyTorch prints them.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> w = torch.tensor([1.0, -2.0], requires_grad=True)
    >>> optimizer = torch.optim.Adagrad([w], lr=0.5)
    >>> (w * w).sum().backward()
    >>> optimizer.step()               # the first step is lr * g / |g| = 0.5 a weight
    >>> w
    tensor([ 0.5000, -1.5000], requires_grad=True)
    """

    _since_old_releases = {"foreach": None, "maximize": False, "differentiable": False, "fused": None}
    _counts = ("step",)

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-2,
        lr_decay: float = 0,
        weight_decay: float = 0,
        initial_accumulator_value: float = 0,
        eps: float = 1e-10,
        foreach: bool | None = None,
        *,
        maximize: bool = False,
        differentiable: bool = False,
        fused: bool | None = None,
    ) -> None:
        check_not_negative(lr, "learning rate")
        check_not_negative(lr_decay, "lr_decay value")
        check_not_negative(weight_decay, "weight_decay value")
        check_not_negative(initial_accumulator_value, "initial_accumulator_value value")
        check_not_negative(eps, "epsilon value")
        defaults = {
            "lr": lr,
            "lr_decay": lr_decay,
            "eps": eps,
            "weight_decay": weight_decay,
            "initial_accumulator_value": initial_accumulator_value,
            "foreach": foreach,
            "maximize": maximize,
            "differentiable": differentiable,
            "fused": fused,
        }
        super().__init__(params, defaults)
        for group in self.param_groups:
            for param in group["params"]:
                self._start(param, initial_accumulator_value)

    def _start(self, param: Tensor, initial_accumulator_value: float) -> dict[str, Any]:
        state = self.state[param]
        state["step"] = new_step()
        state["sum"] = Tensor._wrap(np.full_like(param._array, initial_accumulator_value))
        return state

    def _update(self, param: Tensor, grad: np.ndarray, group: dict[str, Any]) -> None:
        state = self.state[param]
        if not state:  # a parameter added later (add_param_group) starts from the defaults, as in PyTorch
            state = self._start(param, self.defaults["initial_accumulator_value"])
        step = count_step(state["step"])
        if group["maximize"]:
            grad = -grad
        if group["weight_decay"] != 0:
            grad = add(grad, param._array, group["weight_decay"])
        lr = group["lr"] / (1 + (step - 1) * group["lr_decay"])
        total = state["sum"]
        write(total, addcmul(total._array, grad, grad, 1))
        root = sqrt(total._array)
        write(param, addcdiv(param._array, grad, root + scalar(group["eps"], root), -lr))
