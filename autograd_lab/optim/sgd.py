"""``SGD``: stochastic gradient descent, with momentum, Nesterov and weight decay."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from .. import messages
from .._views import write
from ..tensor import Tensor
from ._kernels import add, scalar
from .optimizer import Optimizer, check_not_negative


class SGD(Optimizer, torch_module="torch.optim.sgd"):
    r"""Stochastic gradient descent, as ``torch.optim.SGD``.

    For each parameter ``p`` with gradient ``g``, one step is::

        g = -g                                      if maximize
        g = g + weight_decay * p                    if weight_decay
        b = g  (first step),  momentum * b + (1 - dampening) * g  (later)   if momentum
        g = g + momentum * b  if nesterov,  else  b                          if momentum
        p = p - lr * g

    in the parameter's dtype, rounded as PyTorch's CPU kernels round
    (``x + a * y`` is one fused multiply-add), so the numbers are PyTorch's
    bit for bit.  The momentum buffer ``b`` is ``state[p]["momentum_buffer"]``.

    Parameters
    ----------
    params : iterable of Tensor or of dict
        The tensors to optimize, or parameter groups (dicts with ``"params"``
        and settings of their own).
    lr : float
        The learning rate.
    momentum, dampening : float
        The momentum factor, and how much of each new gradient it damps.
    weight_decay : float
        L2 penalty: adds ``weight_decay * p`` to the gradient.
    nesterov : bool
        Nesterov momentum (needs a momentum and no dampening).
    maximize : bool
        Climb the objective instead of descending it.
    foreach, differentiable, fused
        Accepted and kept in the groups, as PyTorch prints them; the step is the same.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> w = torch.tensor([1.0, -2.0], requires_grad=True)
    >>> optimizer = torch.optim.SGD([w], lr=0.1, momentum=0.9)
    >>> for _ in range(2):
    ...     optimizer.zero_grad()
    ...     loss = (w * w).sum()
    ...     loss.backward()
    ...     optimizer.step()
    >>> w
    tensor([ 0.4600, -0.9200], requires_grad=True)
    """

    _since_old_releases = {
        "nesterov": False,
        "maximize": False,
        "foreach": None,
        "differentiable": False,
        "fused": False,
    }

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-3,
        momentum: float = 0,
        dampening: float = 0,
        weight_decay: float = 0,
        nesterov: bool = False,
        *,
        maximize: bool = False,
        foreach: bool | None = None,
        differentiable: bool = False,
        fused: bool | None = None,
    ) -> None:
        check_not_negative(lr, "learning rate")
        check_not_negative(momentum, "momentum value")
        check_not_negative(weight_decay, "weight_decay value")
        defaults = {
            "lr": lr,
            "momentum": momentum,
            "dampening": dampening,
            "weight_decay": weight_decay,
            "nesterov": nesterov,
            "maximize": maximize,
            "foreach": foreach,
            "differentiable": differentiable,
            "fused": fused,
        }
        if nesterov and (momentum <= 0 or dampening != 0):
            raise messages.error("optim_nesterov")
        super().__init__(params, defaults)

    def _update(self, param: Tensor, grad: np.ndarray, group: dict[str, Any]) -> None:
        if group["maximize"]:
            grad = -grad
        if group["weight_decay"] != 0:
            grad = add(grad, param._array, group["weight_decay"])
        momentum = group["momentum"]
        if momentum != 0:
            state = self.state[param]
            buffer = state.get("momentum_buffer")
            if buffer is None:
                buffer = state["momentum_buffer"] = Tensor._wrap(np.array(grad))  # a copy, 0-d stays an array
            else:
                decayed = buffer._array * scalar(momentum, grad)
                write(buffer, add(decayed, grad, 1 - group["dampening"]))
            grad = add(grad, buffer._array, momentum) if group["nesterov"] else buffer._array
        write(param, add(param._array, grad, -group["lr"]))
