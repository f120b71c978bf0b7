"""``Adadelta``: steps scaled by running averages of squared gradients and of squared steps."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from .. import messages
from .._views import write
from ..tensor import Tensor
from ._kernels import add, addcmul, scalar, sqrt
from .optimizer import Optimizer, check_not_negative, count_step, new_step, zeros_like


class Adadelta(Optimizer, torch_module="torch.optim.adadelta"):
    r"""Adadelta, as ``torch.optim.Adadelta``.

    For each parameter ``p`` with gradient ``g``::

        g = -g                                        if maximize
        g = g + weight_decay * p                      if weight_decay
        v = rho * v + (1 - rho) * g * g               state[p]["square_avg"]
        d = sqrt(u + eps) / sqrt(v + eps) * g         the step
        u = rho * u + (1 - rho) * d * d               state[p]["acc_delta"]
        p = p - lr * d

    in the parameter's dtype, in PyTorch's order and rounding (the square
    root aside: see :class:`Adam`).

    Parameters
    ----------
    params : iterable of Tensor or of dict
        The tensors to optimize, or parameter groups.
    lr : float
        Scales the step (1.0 by default: Adadelta sets its own step sizes).
    rho : float
        The decay rate of the running averages, from 0 to 1.
    eps : float
        Added inside the square roots, so they are never 0.
    weight_decay : float
        L2 penalty: adds ``weight_decay * p`` to the gradient.
    foreach, capturable, maximize, differentiable
        ``maximize`` climbs the objective; the others are kept in the groups as PyTorch prints them.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> w = torch.tensor([1.0, -2.0], requires_grad=True)
    >>> optimizer = torch.optim.Adadelta([w])
    >>> (w * w).sum().backward()
    >>> optimizer.step()               # the first steps are tiny: sqrt(eps) / sqrt(0.1 g² + eps) * g
    >>> w
    tensor([ 0.9968, -1.9968], requires_grad=True)
    """

    _since_old_releases = {"foreach": None, "maximize": False, "differentiable": False, "capturable": False}
    _counts = ("step",)

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1.0,
        rho: float = 0.9,
        eps: float = 1e-6,
        weight_decay: float = 0,
        foreach: bool | None = None,
        *,
        capturable: bool = False,
        maximize: bool = False,
        differentiable: bool = False,
    ) -> None:
        check_not_negative(lr, "learning rate")
        if not 0.0 <= rho <= 1.0:
            raise messages.error("optim_invalid_value", what="rho value", value=rho)
        check_not_negative(eps, "epsilon value")
        check_not_negative(weight_decay, "weight_decay value")
        defaults = {
            "lr": lr,
            "rho": rho,
            "eps": eps,
            "weight_decay": weight_decay,
            "maximize": maximize,
            "capturable": capturable,
            "foreach": foreach,
            "differentiable": differentiable,
        }
        super().__init__(params, defaults)

    def _update(self, param: Tensor, grad: np.ndarray, group: dict[str, Any]) -> None:
        state = self.state[param]
        if not state:
            state.update(step=new_step(), square_avg=zeros_like(param), acc_delta=zeros_like(param))
        count_step(state["step"])
        if group["maximize"]:
            grad = -grad
        if group["weight_decay"] != 0:
            grad = add(grad, param._array, group["weight_decay"])
        rho, eps = group["rho"], group["eps"]
        square_avg, acc_delta = state["square_avg"], state["acc_delta"]
        write(square_avg, addcmul(square_avg._array * scalar(rho, grad), grad, grad, 1 - rho))
        std = sqrt(square_avg._array + scalar(eps, grad))
        delta = sqrt(acc_delta._array + scalar(eps, grad)) / std * grad
        write(acc_delta, addcmul(acc_delta._array * scalar(rho, grad), delta, delta, 1 - rho))
        write(param, add(param._array, delta, -group["lr"]))
