"""``Adafactor`` (Shazeer and Stern, 2018), as ``torch.optim.Adafactor``: Adam's second moment kept as a
row and a column average for matrices (memory grows with rows + columns, not rows × columns)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from .. import messages
from .._info import finfo
from .._views import write
from ..tensor import Tensor
from ._kernels import add, lerp, scalar
from .optimizer import Optimizer, count_step, new_step, zeros_like


def _norm(values: np.ndarray, axis: int | None = None) -> np.ndarray:
    """The 2-norm (over ``axis``, kept), in the values' dtype."""
    total = np.sum(np.square(values), axis=axis, keepdims=axis is not None, dtype=np.float64)
    return np.sqrt(total).astype(values.dtype)


class Adafactor(Optimizer, torch_module="torch.optim"):
    r"""Adafactor, as ``torch.optim.Adafactor``.

    For each parameter ``p`` with gradient ``g``, at step ``t``::

        β₂ₜ = 1 − t^beta2_decay,  ρₜ = min(lr, 1/√t),  α = max(eps2, RMS(p)) · ρₜ
        p = p · (1 − lr · weight_decay)
        matrices: R = lerp(R, mean over columns of g², 1 − β₂ₜ), C likewise over rows,
                  V = R C / mean(R)            (a rank-one estimate of E[g²])
        vectors:  V = lerp(V, g², 1 − β₂ₜ)
        u = g / √max(V, eps1²),  p = p − α / max(1, RMS(u)/d) · u

    Parameters
    ----------
    params : iterable of Tensor or of dict
        The tensors to optimize, or parameter groups.
    lr : float
        The learning rate (an upper bound of the relative step ρₜ).
    beta2_decay : float
        The exponent (≤ 0) of the second moment's decay: 1 − β₂ₜ = t^beta2_decay.
    eps : (float or None, float)
        eps1 bounds V below (None: the dtype's machine epsilon); eps2 bounds the parameter's RMS below.
    d : float
        The clipping threshold of the update's RMS (≥ 1).
    weight_decay : float
        Decoupled weight decay, as in AdamW.
    foreach, maximize
        ``maximize`` climbs the objective; ``foreach`` is kept in the groups as PyTorch prints it.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> w = torch.tensor([[1.0, -2.0], [0.5, 3.0]], requires_grad=True)
    >>> optimizer = torch.optim.Adafactor([w], lr=0.1)
    >>> (w * w).sum().backward()
    >>> optimizer.step()
    >>> w.shape, optimizer.state[w]["row_var"].shape, optimizer.state[w]["col_var"].shape
    (torch.Size([2, 2]), torch.Size([2, 1]), torch.Size([1, 2]))
    """

    _since_old_releases = {"foreach": None}
    _counts = ("step",)

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-2,
        beta2_decay: float = -0.8,
        eps: tuple[float | None, float] = (None, 1e-3),
        d: float = 1.0,
        weight_decay: float = 0.0,
        *,
        foreach: bool | None = None,
        maximize: bool = False,
    ) -> None:
        for ok, name, value in (
            (0.0 <= lr, "Learning rate should be >= 0 but is", lr),
            (0.0 >= beta2_decay, "beta2_decay should be <= 0 but is", beta2_decay),
            (eps[0] is None or 0.0 <= eps[0], "epsilon1 should be >= 0 but is", eps[0]),
            (0.0 <= eps[1], "epsilon2 should be >= 0 but is", eps[1]),
            (1.0 <= d, "Clipping threshold d should be >= 1 but is", d),
            (0.0 <= weight_decay, "weight_decay should be >= 0 but is", weight_decay),
        ):
            if not ok:
                raise messages.error("optim_adafactor_setting", what=name, value=value)
        defaults = {
            "lr": lr,
            "beta2_decay": beta2_decay,
            "eps": eps,
            "d": d,
            "weight_decay": weight_decay,
            "foreach": foreach,
            "maximize": maximize,
        }
        super().__init__(params, defaults)

    def step(self, closure: Any = None) -> Any:
        """One Adafactor step for every parameter with a gradient (PyTorch's single-tensor algorithm)."""
        loss = None
        if closure is not None:
            from .._grad_mode import enable_grad  # (closures compute a loss with gradients)

            with enable_grad():
                loss = closure()
        for group in self.param_groups:
            eps1 = group["eps"][0]
            for param in group["params"]:
                if param.grad is None:
                    continue
                if eps1 is None:  # (the first parameter's dtype decides, as in PyTorch's loop)
                    eps1 = finfo(param.dtype).eps
                self._adafactor_update(param, param.grad._array, group, eps1)
        return loss

    def _adafactor_update(self, param: Tensor, grad: np.ndarray, group: dict[str, Any], eps1: float) -> None:
        state = self.state[param]
        if not state:
            state["step"] = new_step()
            if grad.ndim > 1:
                state["row_var"] = Tensor._wrap(np.zeros((*grad.shape[:-1], 1), grad.dtype))
                state["col_var"] = Tensor._wrap(np.zeros((*grad.shape[:-2], 1, grad.shape[-1]), grad.dtype))
            else:
                state["variance"] = zeros_like(param)
        if group["maximize"]:
            grad = -grad
        step = count_step(state["step"])
        lr = group["lr"]
        one_minus_beta2 = step ** group["beta2_decay"]
        rho = min(lr, 1 / (step**0.5))
        alpha = max(group["eps"][1], float(_norm(param._array)) / (param._array.size**0.5)) * rho
        if group["weight_decay"] != 0:
            write(param, param._array * scalar(1 - lr * group["weight_decay"], param._array))
        if grad.ndim > 1:
            row_var, col_var = state["row_var"], state["col_var"]
            row_mean = np.square(_norm(grad, -1)) / scalar(grad.shape[-1], grad)
            write(row_var, lerp(row_var._array, row_mean, one_minus_beta2))
            col_mean = np.square(_norm(grad, -2)) / scalar(grad.shape[-2], grad)
            write(col_var, lerp(col_var._array, col_mean, one_minus_beta2))
            estimate = row_var._array @ col_var._array
            estimate = estimate / np.maximum(row_var._array.mean(axis=-2, keepdims=True), scalar(eps1, grad))
        else:
            variance = state["variance"]
            write(variance, lerp(variance._array, grad * grad, one_minus_beta2))
            estimate = variance._array.copy()
        update = (1 / np.sqrt(np.maximum(estimate, scalar(eps1 * eps1, grad)))).astype(grad.dtype) * grad
        denominator = max(1.0, float(_norm(update)) / ((update.size**0.5) * group["d"]))
        write(param, add(param._array, update, -alpha / denominator))
