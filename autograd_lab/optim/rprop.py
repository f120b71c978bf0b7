"""``Rprop``: resilient backpropagation, a step size per weight that grows while the gradient keeps its sign."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from .. import messages
from .._views import write
from ..tensor import Tensor
from ._kernels import addcmul, scalar
from .optimizer import Optimizer, check_not_negative, count_step, new_step, zeros_like


class Rprop(Optimizer, torch_module="torch.optim.rprop"):
    r"""Rprop, as ``torch.optim.Rprop``: only the sign of the gradient is used.

    Each weight ``p`` has a step size ``s`` of its own (``state[p]["step_size"]``,
    ``lr`` at first) and remembers its last gradient ``g_prev``
    (``state[p]["prev"]``).  With the new gradient ``g``, elementwise::

        g = -g                                       if maximize
        s = min(s * etaplus, step_size_max)          where g * g_prev > 0 (same sign: speed up)
        s = max(s * etaminus, step_size_min); g = 0  where g * g_prev < 0 (overshot: slow down, wait)
        s = s                                        where g * g_prev == 0
        p = p - sign(g) * s
        g_prev = g

    in the parameter's dtype, as PyTorch computes it, so the numbers are
    PyTorch's bit for bit.

    Parameters
    ----------
    params : iterable of Tensor or of dict
        The tensors to optimize, or parameter groups.
    lr : float
        The first step size of every weight.
    etas : (float, float)
        ``(etaminus, etaplus)``: how much a step size shrinks, and grows
        (``0 < etaminus < 1 < etaplus``).
    step_sizes : (float, float)
        The smallest and the largest step size allowed.
    capturable, foreach, maximize, differentiable
        ``maximize`` climbs the objective; the others are kept in the groups as PyTorch prints them.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> w = torch.tensor([1.0, -2.0], requires_grad=True)
    >>> optimizer = torch.optim.Rprop([w], lr=0.1)
    >>> for _ in range(3):
    ...     optimizer.zero_grad()
    ...     (w * w).sum().backward()
    ...     optimizer.step()       # steps of 0.1, then 0.12, then 0.144: the sign never changed
    >>> w
    tensor([ 0.6360, -1.6360], requires_grad=True)
    """

    _since_old_releases = {"foreach": None, "maximize": False, "differentiable": False, "capturable": False}
    _counts = ("step",)

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-2,
        etas: tuple[float, float] = (0.5, 1.2),
        step_sizes: tuple[float, float] = (1e-6, 50),
        *,
        capturable: bool = False,
        foreach: bool | None = None,
        maximize: bool = False,
        differentiable: bool = False,
    ) -> None:
        check_not_negative(lr, "learning rate")
        if not 0.0 < etas[0] < 1.0 < etas[1]:
            raise messages.error("optim_invalid_etas", minus=etas[0], plus=etas[1])
        defaults = {
            "lr": lr,
            "etas": etas,
            "step_sizes": step_sizes,
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
                step=new_step(),
                prev=zeros_like(param),
                step_size=Tensor._wrap(np.full_like(grad, group["lr"])),
            )
        if group["maximize"]:
            grad = -grad
        count_step(state["step"])
        etaminus, etaplus = group["etas"]
        smallest, largest = group["step_sizes"]
        prev, step_size = state["prev"], state["step_size"]

        # The sign of g * g_prev, then replaced by the factor each step size is multiplied by.
        factor = np.array(np.sign(grad * prev._array))  # an array, also for a 0-d parameter
        factor[factor > 0] = etaplus
        factor[factor < 0] = etaminus
        factor[factor == 0] = 1
        grown = step_size._array * factor
        write(step_size, np.minimum(np.maximum(grown, scalar(smallest, grown)), scalar(largest, grown)))

        grad = np.array(grad)  # a copy: the gradient itself is left as it is
        grad[factor == scalar(etaminus, factor)] = 0
        write(param, addcmul(param._array, np.sign(grad), step_size._array, -1))
        write(prev, grad)
