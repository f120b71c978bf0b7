"""``ASGD``: averaged stochastic gradient descent, SGD with a decaying rate and a running average of the weights."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from .._dtype import get_default_dtype
from .._views import write
from ..tensor import Tensor
from ._kernels import add, addcmul, scalar, sqrt
from .optimizer import Optimizer, check_not_negative, count_step, new_step, zeros_like


def _scalar_state(value: float) -> Tensor:
    """A 0-d state tensor in the default dtype, as ``torch.as_tensor(value)`` makes it."""
    return Tensor._wrap(np.array(value, dtype=get_default_dtype().numpy))


def _eta_from_step_tensor(lr: float, lambd: float, alpha: float, step: Tensor) -> np.generic:
    """``lr / (1 + lambd * lr * step) ** alpha`` as PyTorch's tensor ops compute it in the step's dtype.

    ``lr / x`` is ``x.reciprocal() * lr`` in PyTorch.
    """
    count = step._array[()]
    number = count.dtype.type
    base = number(1) + number(lambd * lr) * count
    return (number(1) / _scalar_power(base, alpha)) * number(lr)


def _scalar_power(base: np.generic, exponent: float) -> np.generic:
    """``x ** exponent`` for a 0-d tensor, as PyTorch's scalar kernel computes it.

    The common powers are products, square roots and quotients; any other
    power is taken in double precision and rounded once to the dtype
    (NumPy's float32 power, scalar or vectorized, can differ in the last bit).
    """
    number = type(base)
    special = {
        0.5: lambda: sqrt(base),  # PyTorch: MKL's square root, see _kernels
        2: lambda: base * base,
        3: lambda: base * base * base,
        -0.5: lambda: number(1) / sqrt(base),
        -1: lambda: number(1) / base,
        -2: lambda: number(1) / (base * base),
    }
    if exponent in special:
        return special[exponent]()
    return number(float(base) ** exponent)


class ASGD(Optimizer, torch_module="torch.optim.asgd"):
    r"""Averaged SGD, as ``torch.optim.ASGD``.

    For each parameter ``p`` with gradient ``g``, at step ``t``, with the
    rate ``eta`` (``state[p]["eta"]``, ``lr`` at first) and the averaging
    weight ``mu`` (``state[p]["mu"]``, 1 at first)::

        g = -g                                       if maximize
        g = g + weight_decay * p                     if weight_decay
        p = p * (1 - lambd * eta)                    decay
        p = p - eta * g                              the SGD step
        ax = ax + mu * (p - ax)                      state[p]["ax"], the average (ax = p while mu is 1)
        eta = lr / (1 + lambd * lr * t) ** alpha
        mu = 1 / max(1, t - t0)                      averaging starts after t0 steps

    ``eta`` and ``mu`` are 0-d tensors in the default dtype, the rest is in
    the parameter's dtype, rounded as PyTorch rounds it: the numbers are
    PyTorch's bit for bit.  The average ``ax`` is only kept in the state:
    copy it into the parameters yourself to use it.

    Parameters
    ----------
    params : iterable of Tensor or of dict
        The tensors to optimize, or parameter groups.
    lr : float
        The learning rate.
    lambd : float
        The decay term.
    alpha : float
        The power in eta's decay.
    t0 : float
        The step after which the averaging starts.
    weight_decay : float
        L2 penalty: adds ``weight_decay * p`` to the gradient.
    foreach, maximize, differentiable, capturable
        ``maximize`` climbs the objective; ``foreach=True`` takes the step as
        PyTorch's multi-tensor kernels take it (``p - eta * (g + lambd * p)``,
        other last bits than the single-tensor step that ``foreach=None`` runs
        on the CPU); the others are kept in the groups as PyTorch prints them.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> w = torch.tensor([1.0, -2.0], requires_grad=True)
    >>> optimizer = torch.optim.ASGD([w], lr=0.1)
    >>> (w * w).sum().backward()
    >>> optimizer.step()               # w * (1 - 1e-4 * 0.1) - 0.1 * 2w
    >>> w
    tensor([ 0.8000, -1.6000], requires_grad=True)
    >>> optimizer.state[w]["ax"]       # the average: the weights themselves, until step t0
    tensor([ 0.8000, -1.6000])
    """

    _since_old_releases = {"foreach": None, "maximize": False, "differentiable": False, "capturable": False}
    _counts = ("step", "eta", "mu")

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-2,
        lambd: float = 1e-4,
        alpha: float = 0.75,
        t0: float = 1e6,
        weight_decay: float = 0,
        foreach: bool | None = None,
        maximize: bool = False,
        differentiable: bool = False,
        capturable: bool = False,
    ) -> None:
        check_not_negative(lr, "learning rate")
        check_not_negative(weight_decay, "weight_decay value")
        defaults = {
            "lr": lr,
            "lambd": lambd,
            "alpha": alpha,
            "t0": t0,
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
            state.update(
                step=new_step(), eta=_scalar_state(group["lr"]), mu=_scalar_state(1.0), ax=zeros_like(param)
            )
        if group["maximize"]:
            grad = -grad
        eta_tensor, mu_tensor, ax = state["eta"], state["mu"], state["ax"]
        step = count_step(state["step"])
        if group["weight_decay"] != 0:
            grad = add(grad, param._array, group["weight_decay"])

        lr, lambd = group["lr"], group["lambd"]
        dtype = param._array.dtype
        eta, mu = eta_tensor._array.astype(dtype), mu_tensor._array.astype(dtype)
        if group["foreach"]:
            # PyTorch's multi-tensor kernels (what foreach=True runs): the decay folded into the gradient,
            # the average always updated, each in one fused step.
            write(param, addcmul(param._array, add(grad, param._array, lambd), eta, -1))
            write(ax, addcmul(ax._array, param._array - ax._array, mu))
        else:
            write(param, param._array * scalar(1 - lambd * float(eta), grad))
            write(param, add(param._array, grad, -float(eta)))
            if float(mu) != 1:
                write(ax, ax._array + (param._array - ax._array) * mu)
            else:
                write(ax, param._array)

        # as PyTorch: a Python float, made a tensor of the default dtype, copied into the state; the
        # multi-tensor kernels compute eta from the step tensor instead, in its dtype
        if group["foreach"]:
            write(eta_tensor, np.asarray(_eta_from_step_tensor(lr, lambd, group["alpha"], state["step"])))
        else:
            write(eta_tensor, _scalar_state(lr / ((1 + lambd * lr * step) ** group["alpha"]))._array)
        write(mu_tensor, _scalar_state(1 / max(1, step - group["t0"]))._array)
