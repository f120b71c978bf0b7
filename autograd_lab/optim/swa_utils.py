"""``torch.optim.swa_utils``: averages of a model's weights over training (SWA and EMA), as PyTorch's.

Stochastic weight averaging keeps the running mean of the weights a model
passes through late in training; an exponential moving average keeps
``decay · average + (1 − decay) · weights``.  ``AveragedModel`` holds the
average in a copy of the model, ``SWALR`` anneals the learning rate to a
constant for the averaging phase, and ``update_bn`` recomputes batch norm's
running statistics for the averaged weights.

Examples
--------
>>> import autograd_lab as torch
>>> from autograd_lab.optim.swa_utils import AveragedModel
>>> model = torch.nn.Linear(1, 1, bias=False)
>>> swa = AveragedModel(model)
>>> for value in (1.0, 2.0, 6.0):
...     with torch.no_grad():
...         _ = model.weight.fill_(value)
...     swa.update_parameters(model)
>>> swa.module.weight, swa.n_averaged
(Parameter containing:
tensor([[3.]], requires_grad=True), tensor(3))
"""

from __future__ import annotations

import copy
import itertools
import math
from collections.abc import Callable, Iterable
from typing import Any

from .. import messages
from .._grad_mode import no_grad
from ..creation import tensor
from ..nn.modules.batchnorm import _BatchNorm
from ..nn.modules.module import Module
from ..tensor import Tensor
from .lr_scheduler import LRScheduler, _per_group
from .optimizer import Optimizer

__all__ = [
    "AveragedModel", "SWALR", "update_bn", "get_ema_avg_fn", "get_swa_avg_fn", "get_ema_multi_avg_fn",
    "get_swa_multi_avg_fn",
]  # fmt: skip


def _check_decay(decay: float) -> None:
    if decay < 0.0 or decay > 1.0:
        raise messages.error("ema_decay_range", decay=decay)


def get_ema_avg_fn(decay: float = 0.999) -> Callable[[Tensor, Tensor, Any], Tensor]:
    """The exponential moving average of one parameter: ``decay · average + (1 − decay) · current``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.optim.swa_utils import get_ema_avg_fn
    >>> get_ema_avg_fn(0.5)(torch.tensor([0.0]), torch.tensor([2.0]), 1)
    tensor([1.])
    """
    _check_decay(decay)

    def ema_update(ema_param: Tensor, current_param: Tensor, num_averaged: Any) -> Tensor:
        with no_grad():
            return decay * ema_param + (1 - decay) * current_param

    return ema_update


def get_swa_avg_fn() -> Callable[[Tensor, Tensor, Any], Tensor]:
    """The running mean of one parameter: ``average + (current − average) / (n + 1)``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.optim.swa_utils import get_swa_avg_fn
    >>> get_swa_avg_fn()(torch.tensor([1.0]), torch.tensor([4.0]), 2)
    tensor([2.])
    """

    def swa_update(averaged_param: Tensor, current_param: Tensor, num_averaged: Any) -> Tensor:
        with no_grad():
            return averaged_param + (current_param - averaged_param) / (num_averaged + 1)

    return swa_update


def get_ema_multi_avg_fn(decay: float = 0.999) -> Callable[[list, list, Any], None]:
    """:func:`get_ema_avg_fn` for lists of parameters, written in place (a lerp towards the current weights).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.optim.swa_utils import get_ema_multi_avg_fn
    >>> average = [torch.tensor([0.0])]
    >>> get_ema_multi_avg_fn(0.75)(average, [torch.tensor([4.0])], 1)
    >>> average
    [tensor([1.])]
    """
    _check_decay(decay)

    def ema_update(ema_param_list: list, current_param_list: list, _: Any) -> None:
        with no_grad():
            for ema, current in zip(ema_param_list, current_param_list, strict=True):
                if ema.is_floating_point():
                    ema.lerp_(current, 1 - decay)
                else:
                    ema.copy_(ema * decay + current * (1 - decay))

    return ema_update


def get_swa_multi_avg_fn() -> Callable[[list, list, Any], None]:
    """:func:`get_swa_avg_fn` for lists of parameters, written in place (a lerp by ``1 / (n + 1)``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.optim.swa_utils import get_swa_multi_avg_fn
    >>> average = [torch.tensor([1.0])]
    >>> get_swa_multi_avg_fn()(average, [torch.tensor([4.0])], 2)
    >>> average
    [tensor([2.])]
    """

    def swa_update(averaged_param_list: list, current_param_list: list, num_averaged: Any) -> None:
        with no_grad():
            for averaged, current in zip(averaged_param_list, current_param_list, strict=True):
                if averaged.is_floating_point():
                    averaged.lerp_(current, float(1 / (num_averaged + 1)))
                else:
                    averaged.add_((current - averaged) / (num_averaged + 1))

    return swa_update


class AveragedModel(Module, torch_module="torch.optim.swa_utils"):
    """A copy of ``model`` holding the average of its weights (SWA by default; EMA with ``multi_avg_fn``).

    Call :meth:`update_parameters` after the steps to average; the copy's
    ``forward`` is the model's.  ``n_averaged`` counts the updates.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.optim.swa_utils import AveragedModel, get_ema_multi_avg_fn
    >>> model = torch.nn.Linear(2, 1)
    >>> ema = AveragedModel(model, multi_avg_fn=get_ema_multi_avg_fn(0.9))
    >>> ema.update_parameters(model)
    >>> ema(torch.zeros(1, 2)).shape
    torch.Size([1, 1])
    """

    def __init__(
        self,
        model: Module,
        device: Any = None,
        avg_fn: Callable | None = None,
        multi_avg_fn: Callable | None = None,
        use_buffers: bool = False,
    ) -> None:
        super().__init__()
        if avg_fn is not None and multi_avg_fn is not None:
            raise messages.error("averaged_model_two_fns")
        self.module = copy.deepcopy(model)
        if device is not None:
            self.module = self.module.to(device)
        self.register_buffer("n_averaged", tensor(0))
        self.avg_fn = avg_fn
        self.multi_avg_fn = multi_avg_fn
        self.use_buffers = use_buffers

    def forward(self, *args: Any, **kwargs: Any) -> Any:
        return self.module(*args, **kwargs)

    def update_parameters(self, model: Module) -> None:
        """Average ``model``'s current weights in (the first update copies them), as PyTorch's does."""
        if self.use_buffers:
            own = list(itertools.chain(self.module.parameters(), self.module.buffers()))
            theirs = list(itertools.chain(model.parameters(), model.buffers()))
        else:
            own, theirs = list(self.parameters()), list(model.parameters())
        averaged = [p.detach() for p in own]
        current = [p.detach() for p in theirs[: len(own)]]
        first = int(self.n_averaged) == 0
        if first:
            for mine, new in zip(averaged, current, strict=False):
                mine.copy_(new)
        elif self.avg_fn is not None:
            for mine, new in zip(averaged, current, strict=True):
                mine.copy_(self.avg_fn(mine, new, self.n_averaged))
        elif self.multi_avg_fn is not None:
            self.multi_avg_fn(averaged, current, self.n_averaged)
        else:  # PyTorch's default on the CPU: the running mean, one parameter at a time
            running_mean = get_swa_avg_fn()
            for mine, new in zip(averaged, current, strict=True):
                mine.copy_(running_mean(mine, new, self.n_averaged))
        if not self.use_buffers:  # the buffers (batch norm's statistics) follow the model's
            for mine, new in zip(self.module.buffers(), model.buffers(), strict=True):
                mine.detach().copy_(new.detach())
        self.n_averaged += 1


def update_bn(loader: Iterable[Any], model: Module, device: Any = None) -> None:
    """Recompute every batch norm's running statistics over ``loader``, as a plain average (momentum None).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.optim.swa_utils import update_bn
    >>> model = torch.nn.BatchNorm1d(1)
    >>> update_bn([torch.tensor([[1.0], [3.0]]), torch.tensor([[5.0], [7.0]])], model)
    >>> model.running_mean
    tensor([4.])
    """
    momenta = {}
    for module in model.modules():
        if isinstance(module, _BatchNorm):
            module.reset_running_stats()
            momenta[module] = module.momentum
    if not momenta:
        return
    was_training = model.training
    model.train()
    for module in momenta:
        module.momentum = None
    with no_grad():
        for batch in loader:
            if isinstance(batch, (list, tuple)):
                batch = batch[0]
            if device is not None:
                batch = batch.to(device)
            model(batch)
    for module, momentum in momenta.items():
        module.momentum = momentum
    model.train(was_training)


class SWALR(LRScheduler, torch_module="torch.optim.swa_utils"):
    """Anneal each group's learning rate to ``swa_lr`` over ``anneal_epochs`` epochs, then hold it.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.optim.swa_utils import SWALR
    >>> optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=1.0)
    >>> scheduler = SWALR(optimizer, swa_lr=0.1, anneal_epochs=2, anneal_strategy="linear")
    >>> for _ in range(3):
    ...     optimizer.step()
    ...     scheduler.step()
    ...     print(scheduler.get_last_lr())
    [0.55]
    [0.1]
    [0.1]
    """

    def __init__(
        self,
        optimizer: Optimizer,
        swa_lr: float | list[float],
        anneal_epochs: int = 10,
        anneal_strategy: str = "cos",
        last_epoch: int = -1,
    ) -> None:
        for value, group in zip(_per_group("swa_lr", optimizer, swa_lr), optimizer.param_groups, strict=True):
            group["swa_lr"] = value
        if anneal_strategy not in ("cos", "linear"):
            raise messages.error("swalr_strategy", strategy=anneal_strategy)
        self._set_anneal_func(anneal_strategy)
        if not isinstance(anneal_epochs, int) or anneal_epochs < 0:
            raise messages.error("swalr_epochs", epochs=anneal_epochs)
        self.anneal_epochs = anneal_epochs
        super().__init__(optimizer, last_epoch)

    @staticmethod
    def _linear_anneal(t: float) -> float:
        return t

    @staticmethod
    def _cosine_anneal(t: float) -> float:
        return (1 - math.cos(math.pi * t)) / 2

    @staticmethod
    def _get_initial_lr(lr: float, swa_lr: float, alpha: float) -> float:
        return swa_lr if alpha == 1 else (lr - alpha * swa_lr) / (1 - alpha)

    def _set_anneal_func(self, anneal_strategy: str) -> None:
        self._anneal_strategy = anneal_strategy
        self.anneal_func = self._cosine_anneal if anneal_strategy == "cos" else self._linear_anneal

    def _next_lrs(self) -> list[float]:
        step = self._step_count - 1
        if self.anneal_epochs == 0:
            step = max(1, step)
        prev_alpha = self.anneal_func(max(0, min(1, (step - 1) / max(1, self.anneal_epochs))))
        prev_lrs = [
            self._get_initial_lr(group["lr"], group["swa_lr"], prev_alpha)
            for group in self.optimizer.param_groups
        ]
        alpha = self.anneal_func(max(0, min(1, step / max(1, self.anneal_epochs))))
        return [
            group["swa_lr"] * alpha + lr * (1 - alpha)
            for group, lr in zip(self.optimizer.param_groups, prev_lrs, strict=True)
        ]

    def state_dict(self) -> dict[str, Any]:
        """Everything the scheduler holds but the optimizer and the annealing function."""
        return {key: value for key, value in self.__dict__.items() if key not in ("optimizer", "anneal_func")}

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        """Restore what :meth:`state_dict` wrote."""
        self.__dict__.update(state_dict)
        self._set_anneal_func(self._anneal_strategy)
