"""Learning-rate schedules, as ``torch.optim.lr_scheduler``.

A scheduler changes each parameter group's ``lr`` once per ``step()``
(usually once per epoch, after ``optimizer.step()``).  As in PyTorch, most
schedules multiply the *current* lr (StepLR gives 0.3, 0.03, 0.003,
0.00030000000000000003, not ``0.3 * 0.1**3``), so the printed learning
rates are PyTorch's to the last digit.

Examples
--------
>>> import autograd_lab as torch
>>> w = torch.zeros(1, requires_grad=True)
>>> optimizer = torch.optim.SGD([w], lr=0.1)
>>> scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=2, gamma=0.5)
>>> lrs = []
>>> for epoch in range(5):
...     optimizer.step()
...     scheduler.step()
...     lrs.append(scheduler.get_last_lr()[0])
>>> lrs
[0.1, 0.05, 0.05, 0.025, 0.025]
"""

from __future__ import annotations

import functools
import math
import types
import warnings
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from .. import messages
from .._classname import PyTorchName, object_repr
from .optimizer import Optimizer


class LRScheduler(metaclass=PyTorchName, torch_module="torch.optim.lr_scheduler"):
    """Base class of the schedules: ``step()``, ``get_last_lr()``, ``state_dict()``.

    A schedule says, in :meth:`get_lr`, each group's next learning rate;
    ``step()`` counts the epoch (``last_epoch``) and sets them.

    Parameters
    ----------
    optimizer : Optimizer
        The optimizer whose learning rates change.
    last_epoch : int
        ``-1`` to start; another value resumes a schedule (the groups must
        then hold their ``initial_lr``).
    """

    _get_lr_called_within_step: bool = False
    _is_initial: bool = False
    __repr__ = object_repr  # <torch.optim.lr_scheduler.StepLR object at 0x...>, as printed by a lesson

    def __init__(self, optimizer: Optimizer, last_epoch: int = -1) -> None:
        if not isinstance(optimizer, Optimizer):
            raise messages.error("scheduler_not_optimizer", name=type(optimizer).__name__)
        self.optimizer = optimizer
        for index, group in enumerate(optimizer.param_groups):
            if last_epoch == -1:
                group.setdefault("initial_lr", group["lr"])
            elif "initial_lr" not in group:
                raise messages.error("scheduler_no_initial_lr", index=index)
        self.base_lrs: list[float] = [group["initial_lr"] for group in optimizer.param_groups]
        self.last_epoch = last_epoch
        _notice_optimizer_steps(optimizer)
        self._initial_step()

    def state_dict(self) -> dict[str, Any]:
        """Everything the scheduler holds but the optimizer, as a dict.

        Examples
        --------
        >>> import autograd_lab as torch
        >>> optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
        >>> torch.optim.lr_scheduler.StepLR(optimizer, step_size=3).state_dict()["last_epoch"]
        0
        """
        return {key: value for key, value in self.__dict__.items() if key != "optimizer"}

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        """Restore what :meth:`state_dict` wrote."""
        self.__dict__.update(state_dict)

    def get_last_lr(self) -> list[float]:
        """The learning rate of each parameter group, as the last ``step()`` set it."""
        return self._last_lr

    def get_lr(self) -> list[float]:
        """Each group's learning rate for the epoch ``step()`` has just counted (use :meth:`get_last_lr`)."""
        if not self._get_lr_called_within_step:
            warnings.warn(messages.text("scheduler_get_lr"), UserWarning, stacklevel=2)
        return self._next_lrs()

    def _next_lrs(self) -> list[float]:
        raise messages.error("scheduler_no_get_lr", name=type(self).__name__)

    def _current_lrs(self) -> list[float]:
        return [group["lr"] for group in self.optimizer.param_groups]

    def step(self, epoch: int | None = None) -> None:
        """Count an epoch and set the learning rates for the next one (call it after ``optimizer.step()``)."""
        if self._step_count == 1 and not getattr(self.optimizer, "_opt_called", False):
            warnings.warn(messages.text("scheduler_before_optimizer"), UserWarning, stacklevel=2)
        self._step_count += 1
        if epoch is not None:
            warnings.warn(messages.text("scheduler_epoch_deprecated"), UserWarning, stacklevel=2)
        self._update_lr(epoch)

    def _initial_step(self) -> None:
        """The step made at construction: the first epoch's learning rates (SequentialLR calls it again)."""
        self._step_count = 0
        self._is_initial = True
        try:
            self.step()
        finally:
            self._is_initial = False

    def _update_lr(self, epoch: int | None = None) -> None:
        """Count the epoch (or set it) and set each group's learning rate for it."""
        self._get_lr_called_within_step = True
        try:
            if epoch is None:
                self.last_epoch += 1
                values = self.get_lr()
            else:
                self.last_epoch = epoch
                closed_form = getattr(self, "_get_closed_form_lr", None)
                values = closed_form() if closed_form is not None else self.get_lr()
        finally:
            self._get_lr_called_within_step = False
        for group, lr in zip(self.optimizer.param_groups, values, strict=True):
            group["lr"] = lr
        self._last_lr: list[float] = self._current_lrs()


class _LRScheduler(LRScheduler, torch_module="torch.optim.lr_scheduler"):
    """``LRScheduler``'s old name, which older code subclasses for a schedule of its own (define ``get_lr``)."""


def _notice_optimizer_steps(optimizer: Optimizer) -> None:
    """Wrap ``optimizer.step`` so the scheduler can tell it ran (PyTorch warns when it did not)."""
    step = optimizer.step
    if hasattr(step, "_wrapped_by_lr_sched"):
        return
    function = step.__func__

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        optimizer._opt_called = True
        return function(optimizer, *args, **kwargs)

    wrapper._wrapped_by_lr_sched = True
    optimizer.step = wrapper


def _one_per_group(optimizer: Optimizer, lr_lambda: Any) -> list:
    """One function per parameter group: the one given for all, or the list given."""
    groups = len(optimizer.param_groups)
    if not isinstance(lr_lambda, (list, tuple)):
        return [lr_lambda] * groups
    if len(lr_lambda) != groups:
        raise messages.error("scheduler_lambda_count", expected=groups, got=len(lr_lambda))
    return list(lr_lambda)


class LambdaLR(LRScheduler, torch_module="torch.optim.lr_scheduler"):
    """The initial lr times ``lr_lambda(epoch)`` (one function, or one per group).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=1.0)
    >>> scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda epoch: 0.5**epoch)
    >>> optimizer.step(); scheduler.step(); scheduler.get_last_lr()
    [0.5]
    """

    def __init__(
        self,
        optimizer: Optimizer,
        lr_lambda: Callable[[int], float] | list[Callable[[int], float]],
        last_epoch: int = -1,
    ) -> None:
        self.optimizer = optimizer
        self.lr_lambdas = _one_per_group(optimizer, lr_lambda)
        super().__init__(optimizer, last_epoch)

    def state_dict(self) -> dict[str, Any]:
        """As :meth:`LRScheduler.state_dict`; a plain function is saved as ``None``, an object by its ``__dict__``."""
        state = {key: value for key, value in self.__dict__.items() if key not in ("optimizer", "lr_lambdas")}
        state["lr_lambdas"] = [
            None if isinstance(function, types.FunctionType) else function.__dict__.copy()
            for function in self.lr_lambdas
        ]
        return state

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        """Restore what :meth:`state_dict` wrote (objects' attributes included)."""
        saved = dict(state_dict)
        lr_lambdas = saved.pop("lr_lambdas")
        self.__dict__.update(saved)
        for function, attributes in zip(self.lr_lambdas, lr_lambdas, strict=False):
            if attributes is not None:
                function.__dict__.update(attributes)

    def _next_lrs(self) -> list[float]:
        return [
            base * function(self.last_epoch)
            for function, base in zip(self.lr_lambdas, self.base_lrs, strict=True)
        ]


class MultiplicativeLR(LRScheduler, torch_module="torch.optim.lr_scheduler"):
    """Multiply the current lr by ``lr_lambda(epoch)`` every epoch (one function, or one per group).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=1.0)
    >>> scheduler = torch.optim.lr_scheduler.MultiplicativeLR(optimizer, lambda epoch: 0.5)
    >>> optimizer.step(); scheduler.step(); optimizer.step(); scheduler.step()
    >>> scheduler.get_last_lr()
    [0.25]
    """

    def __init__(
        self,
        optimizer: Optimizer,
        lr_lambda: Callable[[int], float] | list[Callable[[int], float]],
        last_epoch: int = -1,
    ) -> None:
        self.optimizer = optimizer
        self.lr_lambdas = _one_per_group(optimizer, lr_lambda)
        super().__init__(optimizer, last_epoch)

    state_dict = LambdaLR.state_dict
    load_state_dict = LambdaLR.load_state_dict

    def _next_lrs(self) -> list[float]:
        if self._is_initial:
            return self._current_lrs()
        return [
            lr * function(self.last_epoch)
            for function, lr in zip(self.lr_lambdas, self._current_lrs(), strict=True)
        ]


class StepLR(LRScheduler, torch_module="torch.optim.lr_scheduler"):
    """Multiply the lr by ``gamma`` every ``step_size`` epochs.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.3)
    >>> scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.1)
    >>> for epoch in range(3):
    ...     optimizer.step()
    ...     scheduler.step()
    >>> scheduler.get_last_lr()            # multiplied three times, as PyTorch does
    [0.00030000000000000003]
    """

    def __init__(
        self, optimizer: Optimizer, step_size: int, gamma: float = 0.1, last_epoch: int = -1
    ) -> None:
        self.step_size = step_size
        self.gamma = gamma
        super().__init__(optimizer, last_epoch)

    def _next_lrs(self) -> list[float]:
        if self.last_epoch == 0 or self.last_epoch % self.step_size != 0:
            return self._current_lrs()
        return [lr * self.gamma for lr in self._current_lrs()]

    def _get_closed_form_lr(self) -> list[float]:
        return [base * self.gamma ** (self.last_epoch // self.step_size) for base in self.base_lrs]


class MultiStepLR(LRScheduler, torch_module="torch.optim.lr_scheduler"):
    """Multiply the lr by ``gamma`` at each epoch listed in ``milestones``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=1.0)
    >>> scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=[1, 3], gamma=0.5)
    >>> lrs = []
    >>> for epoch in range(4):
    ...     optimizer.step()
    ...     scheduler.step()
    ...     lrs.append(scheduler.get_last_lr()[0])
    >>> lrs
    [0.5, 0.5, 0.25, 0.25]
    """

    def __init__(
        self, optimizer: Optimizer, milestones: Iterable[int], gamma: float = 0.1, last_epoch: int = -1
    ) -> None:
        self.milestones = Counter(milestones)
        self.gamma = gamma
        super().__init__(optimizer, last_epoch)

    def _next_lrs(self) -> list[float]:
        if self.last_epoch not in self.milestones:
            return self._current_lrs()
        return [lr * self.gamma ** self.milestones[self.last_epoch] for lr in self._current_lrs()]

    def _get_closed_form_lr(self) -> list[float]:
        milestones = sorted(self.milestones.elements())
        return [base * self.gamma ** bisect_right(milestones, self.last_epoch) for base in self.base_lrs]


class ExponentialLR(LRScheduler, torch_module="torch.optim.lr_scheduler"):
    """Multiply the lr by ``gamma`` every epoch.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=1.0)
    >>> scheduler = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=0.9)
    >>> optimizer.step(); scheduler.step(); optimizer.step(); scheduler.step()
    >>> scheduler.get_last_lr()
    [0.81]
    """

    def __init__(self, optimizer: Optimizer, gamma: float, last_epoch: int = -1) -> None:
        self.gamma = gamma
        super().__init__(optimizer, last_epoch)

    def _next_lrs(self) -> list[float]:
        if self._is_initial:
            return self._current_lrs()
        return [lr * self.gamma for lr in self._current_lrs()]

    def _get_closed_form_lr(self) -> list[float]:
        return [base * self.gamma**self.last_epoch for base in self.base_lrs]


class CosineAnnealingLR(LRScheduler, torch_module="torch.optim.lr_scheduler"):
    r"""Lower the lr along half a cosine, from the initial lr to ``eta_min`` over ``T_max`` epochs.

    ``lr = eta_min + (initial_lr - eta_min) * (1 + cos(pi * epoch / T_max)) / 2``,
    reached step by step as PyTorch computes it (each new lr from the last).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=1.0)
    >>> scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=2)
    >>> optimizer.step(); scheduler.step(); scheduler.get_last_lr()
    [0.5]
    """

    def __init__(self, optimizer: Optimizer, T_max: int, eta_min: float = 0.0, last_epoch: int = -1) -> None:  # noqa: N803
        self.T_max = T_max
        self.eta_min = eta_min
        super().__init__(optimizer, last_epoch)

    def _next_lrs(self) -> list[float]:
        epoch, period, low = self.last_epoch, self.T_max, self.eta_min
        if self._is_initial:
            return self._current_lrs()
        if self._step_count == 1 and epoch > 0:
            return [
                low + (base - low) * (1 + math.cos(epoch * math.pi / period)) / 2 for base in self.base_lrs
            ]
        if (epoch - 1 - period) % (2 * period) == 0:
            return [
                lr + (base - low) * (1 - math.cos(math.pi / period)) / 2
                for base, lr in zip(self.base_lrs, self._current_lrs(), strict=True)
            ]
        ratio = (1 + math.cos(math.pi * epoch / period)) / (1 + math.cos(math.pi * (epoch - 1) / period))
        return [ratio * (lr - low) + low for lr in self._current_lrs()]

    def _get_closed_form_lr(self) -> list[float]:
        cosine = 1 + math.cos(math.pi * self.last_epoch / self.T_max)
        return [self.eta_min + (base - self.eta_min) * cosine / 2 for base in self.base_lrs]


__all__ = ["LRScheduler", "LambdaLR", "StepLR", "MultiStepLR", "ExponentialLR", "CosineAnnealingLR"]


# -- more schedules (branch nn_e) ------------------------------------------------------------------------------


class ConstantLR(LRScheduler, torch_module="torch.optim.lr_scheduler"):
    """Multiply the lr by ``factor`` for the first ``total_iters`` epochs, then give it back.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.6)
    >>> scheduler = torch.optim.lr_scheduler.ConstantLR(optimizer, factor=0.5, total_iters=2)
    >>> lrs = [scheduler.get_last_lr()[0]]
    >>> for epoch in range(3):
    ...     optimizer.step()
    ...     scheduler.step()
    ...     lrs.append(scheduler.get_last_lr()[0])
    >>> lrs
    [0.3, 0.3, 0.6, 0.6]
    """

    def __init__(
        self, optimizer: Optimizer, factor: float = 1.0 / 3, total_iters: int = 5, last_epoch: int = -1
    ) -> None:
        if factor > 1.0 or factor < 0:
            raise messages.error("scheduler_constant_factor")
        self.factor = factor
        self.total_iters = total_iters
        super().__init__(optimizer, last_epoch)

    def _next_lrs(self) -> list[float]:
        if self.last_epoch == 0:
            return [lr * self.factor for lr in self._current_lrs()]
        if self.last_epoch != self.total_iters:
            return self._current_lrs()
        return [lr * (1.0 / self.factor) for lr in self._current_lrs()]

    def _get_closed_form_lr(self) -> list[float]:
        after = self.last_epoch >= self.total_iters
        return [base * (self.factor + after * (1 - self.factor)) for base in self.base_lrs]


class PolynomialLR(LRScheduler, torch_module="torch.optim.lr_scheduler"):
    """Lower the lr to 0 over ``total_iters`` epochs along ``(1 - epoch / total_iters) ** power``.

    Reached step by step as PyTorch computes it (each new lr from the last).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=1.0)
    >>> scheduler = torch.optim.lr_scheduler.PolynomialLR(optimizer, total_iters=4, power=1.0)
    >>> lrs = []
    >>> for epoch in range(5):
    ...     optimizer.step()
    ...     scheduler.step()
    ...     lrs.append(scheduler.get_last_lr()[0])
    >>> lrs
    [0.75, 0.5, 0.25, 0.0, 0.0]
    """

    def __init__(
        self, optimizer: Optimizer, total_iters: int = 5, power: float = 1.0, last_epoch: int = -1
    ) -> None:
        self.total_iters = total_iters
        self.power = power
        super().__init__(optimizer, last_epoch)

    def _next_lrs(self) -> list[float]:
        if self._is_initial or self.last_epoch > self.total_iters:
            return self._current_lrs()
        left, before = (
            1.0 - self.last_epoch / self.total_iters,
            1.0 - (self.last_epoch - 1) / self.total_iters,
        )
        return [lr * (left / before) ** self.power for lr in self._current_lrs()]

    def _get_closed_form_lr(self) -> list[float]:
        left = 1.0 - min(self.total_iters, self.last_epoch) / self.total_iters
        return [base * left**self.power for base in self.base_lrs]


class LinearLR(LRScheduler, torch_module="torch.optim.lr_scheduler"):
    """Multiply the initial lr by a factor going linearly from ``start_factor`` to ``end_factor`` over ``total_iters`` epochs.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=1.0)
    >>> scheduler = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.5, total_iters=2)
    >>> lrs = [scheduler.get_last_lr()[0]]
    >>> for epoch in range(3):
    ...     optimizer.step()
    ...     scheduler.step()
    ...     lrs.append(scheduler.get_last_lr()[0])
    >>> lrs
    [0.5, 0.75, 1.0, 1.0]
    """

    def __init__(
        self,
        optimizer: Optimizer,
        start_factor: float = 1.0 / 3,
        end_factor: float = 1.0,
        total_iters: int = 5,
        last_epoch: int = -1,
    ) -> None:
        if start_factor > 1.0 or start_factor <= 0:
            raise messages.error("scheduler_linear_start_factor")
        if end_factor > 1.0 or end_factor < 0:
            raise messages.error("scheduler_linear_end_factor")
        self.start_factor = start_factor
        self.end_factor = end_factor
        self.total_iters = total_iters
        super().__init__(optimizer, last_epoch)

    def _next_lrs(self) -> list[float]:
        if self.last_epoch == 0:
            return [lr * self.start_factor for lr in self._current_lrs()]
        if self._is_initial or self.last_epoch > self.total_iters:
            return self._current_lrs()
        change = self.end_factor - self.start_factor
        ratio = 1.0 + change / (self.total_iters * self.start_factor + (self.last_epoch - 1) * change)
        return [lr * ratio for lr in self._current_lrs()]

    def _get_closed_form_lr(self) -> list[float]:
        change = self.end_factor - self.start_factor
        return [
            base * (self.start_factor + change * min(self.total_iters, self.last_epoch) / self.total_iters)
            for base in self.base_lrs
        ]


class CosineAnnealingWarmRestarts(LRScheduler, torch_module="torch.optim.lr_scheduler"):
    r"""Half a cosine from the initial lr down to ``eta_min`` over ``T_0`` epochs, then again (each period ``T_mult`` times longer).

    ``lr = eta_min + (initial_lr - eta_min) * (1 + cos(pi * T_cur / T_i)) / 2``,
    ``T_cur`` the epochs since the last restart and ``T_i`` the current
    period.  ``step()`` may also be given a fractional epoch, as in PyTorch.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=1.0)
    >>> scheduler = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(optimizer, T_0=2)
    >>> lrs = []
    >>> for epoch in range(4):
    ...     optimizer.step()
    ...     scheduler.step()
    ...     lrs.append(round(scheduler.get_last_lr()[0], 4))
    >>> lrs
    [0.5, 1.0, 0.5, 1.0]
    """

    def __init__(
        self,
        optimizer: Optimizer,
        T_0: int,  # noqa: N803
        T_mult: int = 1,  # noqa: N803
        eta_min: float = 0.0,
        last_epoch: int = -1,
    ) -> None:
        if T_0 <= 0 or not isinstance(T_0, int):
            raise messages.error("scheduler_positive_integer", name="T_0", value=T_0)
        if T_mult < 1 or not isinstance(T_mult, int):
            raise messages.error("scheduler_t_mult", value=T_mult)
        if not isinstance(eta_min, (float, int)):
            raise messages.error("scheduler_eta_min", value=eta_min, kind=type(eta_min))
        self.T_0 = T_0
        self.T_i = T_0
        self.T_mult = T_mult
        self.eta_min = eta_min
        self.T_cur = last_epoch
        super().__init__(optimizer, last_epoch)

    def _next_lrs(self) -> list[float]:
        cosine = 1 + math.cos(math.pi * self.T_cur / self.T_i)
        return [self.eta_min + (base - self.eta_min) * cosine / 2 for base in self.base_lrs]

    def step(self, epoch: float | None = None) -> None:
        """Count an epoch (or go to ``epoch``, which may be fractional) and set the learning rates."""
        if epoch is None and self.last_epoch < 0:
            epoch = 0
        if epoch is None:
            epoch = self.last_epoch + 1
            self.T_cur = self.T_cur + 1
            if self.T_cur >= self.T_i:
                self.T_cur = self.T_cur % self.T_i
                self.T_i = self.T_i * self.T_mult
        elif epoch < 0:
            raise messages.error("scheduler_negative_epoch", epoch=epoch)
        elif epoch >= self.T_0:
            if self.T_mult == 1:
                self.T_cur = epoch % self.T_0
            else:
                n = int(math.log((epoch / self.T_0 * (self.T_mult - 1) + 1), self.T_mult))
                self.T_cur = epoch - self.T_0 * (self.T_mult**n - 1) / (self.T_mult - 1)
                self.T_i = self.T_0 * self.T_mult**n
        else:
            self.T_i = self.T_0
            self.T_cur = epoch
        self.last_epoch = math.floor(epoch)
        self._get_lr_called_within_step = True
        try:
            values = self.get_lr()
        finally:
            self._get_lr_called_within_step = False
        for group, lr in zip(self.optimizer.param_groups, values, strict=True):
            group["lr"] = lr
        self._last_lr = self._current_lrs()


def _per_group(name: str, optimizer: Optimizer, value: Any) -> list[Any]:
    """One value per parameter group: a list of them as given (of the right length), or one repeated."""
    groups = len(optimizer.param_groups)
    if isinstance(value, (list, tuple)):
        if len(value) != groups:
            raise messages.error("scheduler_value_count", name=name, count=len(value), groups=groups)
        return list(value)
    return [value] * groups


class OneCycleLR(LRScheduler, torch_module="torch.optim.lr_scheduler"):
    """The 1cycle policy: the lr rises from ``max_lr / div_factor`` to ``max_lr``, then falls far below it.

    Call ``step()`` after every batch (``total_steps`` times, or ``epochs *
    steps_per_epoch``).  With ``cycle_momentum`` the momentum (or Adam's
    beta1) moves the other way, between ``max_momentum`` and ``base_momentum``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1, momentum=0.9)
    >>> scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=1.0, total_steps=4, anneal_strategy="linear")
    >>> lrs = [scheduler.get_last_lr()[0]]
    >>> for batch in range(3):
    ...     optimizer.step()
    ...     scheduler.step()
    ...     lrs.append(round(scheduler.get_last_lr()[0], 4))
    >>> lrs
    [0.04, 0.7143, 0.3571, 0.0]
    """

    def __init__(
        self,
        optimizer: Optimizer,
        max_lr: float | list[float],
        total_steps: int | None = None,
        epochs: int | None = None,
        steps_per_epoch: int | None = None,
        pct_start: float = 0.3,
        anneal_strategy: str = "cos",
        cycle_momentum: bool = True,
        base_momentum: float | list[float] = 0.85,
        max_momentum: float | list[float] = 0.95,
        div_factor: float = 25.0,
        final_div_factor: float = 1e4,
        three_phase: bool = False,
        last_epoch: int = -1,
    ) -> None:
        if not isinstance(optimizer, Optimizer):
            raise messages.error("scheduler_not_optimizer", name=type(optimizer).__name__)
        self.optimizer = optimizer
        if total_steps is not None:
            if total_steps <= 0 or not isinstance(total_steps, int):
                raise messages.error("scheduler_positive_integer", name="total_steps", value=total_steps)
            self.total_steps = total_steps
        elif epochs is not None and steps_per_epoch is not None:
            for name, value in (("epochs", epochs), ("steps_per_epoch", steps_per_epoch)):
                if not isinstance(value, int) or value <= 0:
                    raise messages.error("scheduler_positive_integer", name=name, value=value)
            self.total_steps = epochs * steps_per_epoch
        else:
            raise messages.error("scheduler_one_cycle_steps")
        phases = [
            (
                float(pct_start * self.total_steps) - 1,
                "initial_lr",
                "max_lr",
                "max_momentum",
                "base_momentum",
            ),
            (self.total_steps - 1, "max_lr", "min_lr", "base_momentum", "max_momentum"),
        ]
        if three_phase:
            phases = [
                phases[0],
                (
                    float(2 * pct_start * self.total_steps) - 2,
                    "max_lr",
                    "initial_lr",
                    "base_momentum",
                    "max_momentum",
                ),
                (self.total_steps - 1, "initial_lr", "min_lr", "max_momentum", "max_momentum"),
            ]
        self._schedule_phases = [
            dict(
                zip(("end_step", "start_lr", "end_lr", "start_momentum", "end_momentum"), phase, strict=True)
            )
            for phase in phases
        ]
        if pct_start < 0 or pct_start > 1 or not isinstance(pct_start, float):
            raise messages.error("scheduler_pct_start", value=pct_start)
        if anneal_strategy not in ("cos", "linear"):
            raise messages.error("scheduler_anneal_strategy", value=anneal_strategy)
        self._anneal_func_type = anneal_strategy
        max_lrs = _per_group("max_lr", optimizer, max_lr)
        if last_epoch == -1:
            for top, group in zip(max_lrs, optimizer.param_groups, strict=True):
                group["initial_lr"] = top / div_factor
                group["max_lr"] = top
                group["min_lr"] = group["initial_lr"] / final_div_factor
        self.cycle_momentum = cycle_momentum
        if cycle_momentum:
            if "momentum" not in optimizer.defaults and "betas" not in optimizer.defaults:
                raise messages.error("scheduler_cycle_momentum")
            self.use_beta1 = "betas" in optimizer.defaults
            max_momentums = _per_group("max_momentum", optimizer, max_momentum)
            base_momentums = _per_group("base_momentum", optimizer, base_momentum)
            if last_epoch == -1:
                for top, base, group in zip(
                    max_momentums, base_momentums, optimizer.param_groups, strict=True
                ):
                    self._set_momentum(group, top)
                    group["max_momentum"] = top
                    group["base_momentum"] = base
        super().__init__(optimizer, last_epoch)

    def _set_momentum(self, group: dict[str, Any], value: float) -> None:
        if self.use_beta1:
            group["betas"] = (value, *group["betas"][1:])
        else:
            group["momentum"] = value

    def _anneal(self, start: float, end: float, pct: float) -> float:
        """Cosine (``end + (start − end)/2 · (1 + cos πp)``) or linear (``start + (end − start) p``) from start to end."""
        if self._anneal_func_type == "cos":
            return end + (start - end) / 2.0 * (math.cos(math.pi * pct) + 1)
        return (end - start) * pct + start

    def _next_lrs(self) -> list[float]:
        step = self.last_epoch
        if step > self.total_steps:
            raise messages.error("scheduler_one_cycle_too_many", step=step, total=self.total_steps)
        lrs = []
        for group in self.optimizer.param_groups:
            start_step = 0.0
            for index, phase in enumerate(self._schedule_phases):
                end_step = phase["end_step"]
                if step <= end_step or index == len(self._schedule_phases) - 1:
                    pct = (step - start_step) / (end_step - start_step)
                    lrs.append(self._anneal(group[phase["start_lr"]], group[phase["end_lr"]], pct))
                    if self.cycle_momentum:
                        momentum = self._anneal(
                            group[phase["start_momentum"]], group[phase["end_momentum"]], pct
                        )
                        self._set_momentum(group, momentum)
                    break
                start_step = phase["end_step"]
        return lrs


class ReduceLROnPlateau(LRScheduler, torch_module="torch.optim.lr_scheduler"):
    """Multiply the lr by ``factor`` when a metric has stopped improving for ``patience`` epochs.

    Call ``scheduler.step(metric)`` once an epoch with the value watched
    (a validation loss with ``mode='min'``, an accuracy with ``'max'``); an
    improvement must beat the best so far by ``threshold`` (relative, or
    absolute with ``threshold_mode='abs'``); after a cut, ``cooldown`` epochs
    pass before counting again; the lr never goes below ``min_lr``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=1.0)
    >>> scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, factor=0.5, patience=1)
    >>> lrs = []
    >>> for loss in [3.0, 2.0, 2.0, 2.0, 2.0, 2.0]:
    ...     scheduler.step(loss)
    ...     lrs.append(scheduler.get_last_lr()[0])
    >>> lrs
    [1.0, 1.0, 1.0, 0.5, 0.5, 0.25]
    """

    def __init__(
        self,
        optimizer: Optimizer,
        mode: str = "min",
        factor: float = 0.1,
        patience: int = 10,
        threshold: float = 1e-4,
        threshold_mode: str = "rel",
        cooldown: int = 0,
        min_lr: list[float] | float = 0,
        eps: float = 1e-8,
    ) -> None:
        if factor >= 1.0:
            raise messages.error("scheduler_plateau_factor")
        self.factor = factor
        if not isinstance(optimizer, Optimizer):
            raise messages.error("scheduler_not_optimizer", name=type(optimizer).__name__)
        self.optimizer = optimizer
        if isinstance(min_lr, (list, tuple)):
            if len(min_lr) != len(optimizer.param_groups):
                raise messages.error(
                    "scheduler_min_lrs", expected=len(optimizer.param_groups), got=len(min_lr)
                )
            self.default_min_lr = None
            self.min_lrs = list(min_lr)
        else:
            self.default_min_lr = min_lr
            self.min_lrs = [min_lr] * len(optimizer.param_groups)
        self.patience = patience
        self.cooldown = cooldown
        self.eps = eps
        self.last_epoch = 0
        self._last_lr = self._current_lrs()
        self._init_is_better(mode, threshold, threshold_mode)
        self._reset()

    def _reset(self) -> None:
        self.best = self.mode_worse
        self.cooldown_counter = 0
        self.num_bad_epochs = 0

    def step(self, metrics: Any, epoch: int | None = None) -> None:  # type: ignore[override]
        """Tell the scheduler this epoch's value of the watched metric; it cuts the lr after ``patience`` bad epochs."""
        current = float(metrics)
        if epoch is None:
            epoch = self.last_epoch + 1
        else:
            warnings.warn(messages.text("scheduler_epoch_deprecated"), UserWarning, stacklevel=2)
        self.last_epoch = epoch
        if self._is_better(current, self.best):
            self.best = current
            self.num_bad_epochs = 0
        else:
            self.num_bad_epochs += 1
        if self.in_cooldown:
            self.cooldown_counter -= 1
            self.num_bad_epochs = 0
        if self.num_bad_epochs > self.patience:
            self._reduce_lr()
            self.cooldown_counter = self.cooldown
            self.num_bad_epochs = 0
        self._last_lr = self._current_lrs()

    def _reduce_lr(self) -> None:
        if len(self.optimizer.param_groups) != len(self.min_lrs):
            if self.default_min_lr is None:
                raise messages.error(
                    "scheduler_plateau_groups",
                    groups=len(self.optimizer.param_groups),
                    before=len(self.min_lrs),
                )
            self.min_lrs = [self.default_min_lr] * len(self.optimizer.param_groups)
        for group, min_lr in zip(self.optimizer.param_groups, self.min_lrs, strict=True):
            old_lr = float(group["lr"])
            new_lr = max(old_lr * self.factor, min_lr)
            if old_lr - new_lr > self.eps:
                group["lr"] = new_lr

    @property
    def in_cooldown(self) -> bool:
        """Whether the epochs after a cut are still passing (bad epochs are not counted then)."""
        return self.cooldown_counter > 0

    def _is_better(self, a: float, best: float) -> bool:
        if self.mode == "min" and self.threshold_mode == "rel":
            return a < best * (1.0 - self.threshold)
        if self.mode == "min":
            return a < best - self.threshold
        if self.threshold_mode == "rel":
            return a > best * (self.threshold + 1.0)
        return a > best + self.threshold

    def _init_is_better(self, mode: str, threshold: float, threshold_mode: str) -> None:
        if mode not in {"min", "max"}:
            raise messages.error("scheduler_plateau_mode", what="mode", mode=mode)
        if threshold_mode not in {"rel", "abs"}:
            raise messages.error("scheduler_plateau_mode", what="threshold mode", mode=threshold_mode)
        self.mode_worse = math.inf if mode == "min" else -math.inf
        self.mode = mode
        self.threshold = threshold
        self.threshold_mode = threshold_mode

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        """Restore what :meth:`state_dict` wrote."""
        self.__dict__.update(state_dict)
        self._init_is_better(self.mode, self.threshold, self.threshold_mode)


__all__ += ["LinearLR", "CosineAnnealingWarmRestarts", "OneCycleLR", "ReduceLROnPlateau"]


def _check_schedulers(kind: str, optimizer: Optimizer, schedulers: Any) -> None:
    """What SequentialLR and ChainedScheduler ask of the schedules they combine, in PyTorch's order."""
    if len(schedulers) < 1:
        raise messages.error("scheduler_none_given", kind=kind)
    for index, scheduler in enumerate(schedulers):
        if not hasattr(scheduler, "optimizer"):
            raise messages.error("scheduler_without_optimizer", kind=kind, index=index)
        if isinstance(scheduler, ReduceLROnPlateau):
            raise messages.error("scheduler_plateau_combined", kind=kind, index=index)
        if optimizer != scheduler.optimizer:
            raise messages.error(
                "scheduler_other_optimizer", kind=kind, name=type(scheduler).__name__, index=index,
                theirs=scheduler.optimizer, ours=type(optimizer).__name__,
            )  # fmt: skip


def _combined_state(scheduler: Any) -> dict[str, Any]:
    """``state_dict()`` of a schedule made of schedules: its own state, and each one's."""
    state = {
        key: value for key, value in scheduler.__dict__.items() if key not in ("optimizer", "_schedulers")
    }
    state["_schedulers"] = [each.state_dict() for each in scheduler._schedulers]
    return state


def _load_combined_state(scheduler: Any, state_dict: dict[str, Any]) -> None:
    saved = dict(state_dict)
    schedulers = saved.pop("_schedulers")
    scheduler.__dict__.update(saved)
    for each, state in zip(scheduler._schedulers, schedulers, strict=False):
        each.load_state_dict(state)


class SequentialLR(LRScheduler, torch_module="torch.optim.lr_scheduler"):
    """One schedule after another: ``schedulers[i]`` from epoch ``milestones[i - 1]`` on (a warm-up, then a decay).

    Each schedule starts again from the optimizer's initial lr at its
    milestone, as in PyTorch.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.optim import lr_scheduler
    >>> optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=1.0)
    >>> warm_up = lr_scheduler.LinearLR(optimizer, start_factor=0.5, total_iters=2)
    >>> decay = lr_scheduler.ExponentialLR(optimizer, gamma=0.5)
    >>> scheduler = lr_scheduler.SequentialLR(optimizer, [warm_up, decay], milestones=[2])
    >>> lrs = [scheduler.get_last_lr()[0]]
    >>> for epoch in range(4):
    ...     optimizer.step()
    ...     scheduler.step()
    ...     lrs.append(scheduler.get_last_lr()[0])
    >>> lrs
    [0.5, 0.75, 1.0, 0.5, 0.25]
    """

    def __init__(
        self, optimizer: Optimizer, schedulers: list[LRScheduler], milestones: list[int], last_epoch: int = -1
    ) -> None:
        _check_schedulers(type(self).__name__, optimizer, schedulers)
        if len(milestones) != len(schedulers) - 1:
            raise messages.error(
                "scheduler_milestone_count", schedulers=len(schedulers), milestones=len(milestones)
            )
        self._schedulers = schedulers
        self._milestones = milestones
        self.last_epoch = last_epoch + 1
        self.optimizer = optimizer
        for group in optimizer.param_groups:  # undo what making the schedules did
            group["lr"] = group["initial_lr"]
        self._undo_one_epoch(self)
        first = self._schedulers[bisect_right(self._milestones, 0)]
        first._initial_step()
        self._last_lr = first.get_last_lr()

    def _undo_one_epoch(self, scheduler: Any) -> None:
        """PyTorch's ``recursive_undo``: every schedule inside goes back one epoch (its initial step is made again)."""
        if hasattr(scheduler, "_schedulers"):
            for each in scheduler._schedulers:
                self._undo_one_epoch(each)
        elif hasattr(scheduler, "last_epoch"):
            scheduler.last_epoch -= 1

    def step(self) -> None:  # type: ignore[override]
        """The next epoch of the schedule in use; at a milestone, the next schedule starts."""
        self.last_epoch += 1
        index = bisect_right(self._milestones, self.last_epoch)
        scheduler = self._schedulers[index]
        if index > 0 and self._milestones[index - 1] == self.last_epoch:
            scheduler._update_lr(0)
        else:
            scheduler.step()
        self._last_lr = scheduler.get_last_lr()

    state_dict = _combined_state
    load_state_dict = _load_combined_state


class ChainedScheduler(LRScheduler, torch_module="torch.optim.lr_scheduler"):
    """Several schedules at once: each ``step()`` steps every one of them, in order.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.optim import lr_scheduler
    >>> optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=1.0)
    >>> scheduler = lr_scheduler.ChainedScheduler([
    ...     lr_scheduler.ConstantLR(optimizer, factor=0.5, total_iters=2),
    ...     lr_scheduler.ExponentialLR(optimizer, gamma=0.5),
    ... ])
    >>> lrs = [scheduler.get_last_lr()[0]]
    >>> for epoch in range(3):
    ...     optimizer.step()
    ...     scheduler.step()
    ...     lrs.append(scheduler.get_last_lr()[0])
    >>> lrs
    [0.5, 0.25, 0.25, 0.125]
    """

    def __init__(self, schedulers: Any, optimizer: Optimizer | None = None) -> None:
        if len(schedulers) < 1:
            raise messages.error("scheduler_none_chained", kind=type(self).__name__)
        optimizer = optimizer or schedulers[0].optimizer
        _check_schedulers(type(self).__name__, optimizer, schedulers)
        self._schedulers = schedulers
        self.optimizer = optimizer
        self._last_lr = [group["lr"] for group in self._schedulers[-1].optimizer.param_groups]

    def step(self) -> None:  # type: ignore[override]
        """Step every schedule, in order."""
        for scheduler in self._schedulers:
            scheduler.step()
        self._last_lr = [group["lr"] for group in self._schedulers[-1].optimizer.param_groups]

    state_dict = _combined_state
    load_state_dict = _load_combined_state


__all__ += ["MultiplicativeLR", "ConstantLR", "PolynomialLR", "SequentialLR", "ChainedScheduler"]


# -- CyclicLR (branch s10_optim) ------------------------------------------------------------------------------


class CyclicLR(LRScheduler, torch_module="torch.optim.lr_scheduler"):
    """The lr goes up and down between ``base_lr`` and ``max_lr`` in cycles (Smith's cyclical learning rates).

    Call ``step()`` after every batch.  A cycle is ``step_size_up`` steps up
    and ``step_size_down`` (``step_size_up`` by default) steps down; the
    height of each cycle is scaled by ``mode``:

    - ``'triangular'``: the same height every cycle;
    - ``'triangular2'``: half the height each new cycle;
    - ``'exp_range'``: the height times ``gamma ** step``;

    or by ``scale_fn(x)``, with ``x`` the cycle (``scale_mode='cycle'``) or
    the step (``'iterations'``).  With ``cycle_momentum`` the momentum (or
    Adam's beta1) moves the other way, between ``max_momentum`` and
    ``base_momentum``.  Every number is computed as PyTorch computes it.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1, momentum=0.9)
    >>> scheduler = torch.optim.lr_scheduler.CyclicLR(optimizer, base_lr=0.1, max_lr=0.5, step_size_up=2)
    >>> lrs = [scheduler.get_last_lr()[0]]
    >>> for batch in range(5):
    ...     optimizer.step()
    ...     scheduler.step()
    ...     lrs.append(round(scheduler.get_last_lr()[0], 4))
    >>> lrs
    [0.1, 0.3, 0.5, 0.3, 0.1, 0.3]
    >>> round(optimizer.param_groups[0]["momentum"], 4)   # low while the lr is high
    0.85
    """

    def __init__(
        self,
        optimizer: Optimizer,
        base_lr: float | list[float],
        max_lr: float | list[float],
        step_size_up: int = 2000,
        step_size_down: int | None = None,
        mode: str = "triangular",
        gamma: float = 1.0,
        scale_fn: Callable[[float], float] | None = None,
        scale_mode: str = "cycle",
        cycle_momentum: bool = True,
        base_momentum: float = 0.8,
        max_momentum: float = 0.9,
        last_epoch: int = -1,
    ) -> None:
        if not isinstance(optimizer, Optimizer):
            raise messages.error("scheduler_not_optimizer", name=type(optimizer).__name__)
        self.optimizer = optimizer
        base_lrs = _per_group("base_lr", optimizer, base_lr)
        if last_epoch == -1:
            for lr, group in zip(base_lrs, optimizer.param_groups, strict=True):
                group["lr"] = lr
        self.max_lrs = _per_group("max_lr", optimizer, max_lr)

        up = float(step_size_up)
        down = float(step_size_down) if step_size_down is not None else up
        self.total_size = up + down
        self.step_ratio = up / self.total_size
        if mode not in ("triangular", "triangular2", "exp_range") and scale_fn is None:
            raise messages.error("scheduler_cyclic_mode")
        self.mode = mode
        self.gamma = gamma
        self._scale_fn_custom = scale_fn
        self.scale_mode = scale_mode
        self._init_scale_fn()

        self.cycle_momentum = cycle_momentum
        if cycle_momentum:
            if "momentum" not in optimizer.defaults and "betas" not in optimizer.defaults:
                raise messages.error("scheduler_cycle_momentum")
            self.use_beta1 = "betas" in self.optimizer.defaults
            self.base_momentums = _per_group("base_momentum", optimizer, base_momentum)
            self.max_momentums = _per_group("max_momentum", optimizer, max_momentum)
            if last_epoch == -1:
                for top, base, group in zip(
                    self.max_momentums, self.base_momentums, optimizer.param_groups, strict=True
                ):
                    self._set_momentum(group, top)
                    group["max_momentum"] = top
                    group["base_momentum"] = base
        super().__init__(optimizer, last_epoch)
        self.base_lrs = base_lrs

    def _set_momentum(self, group: dict[str, Any], value: float) -> None:
        if self.use_beta1:
            group["betas"] = (value, *group["betas"][1:])
        else:
            group["momentum"] = value

    def _init_scale_fn(self) -> None:
        """The scaling of ``mode`` (unless a ``scale_fn`` was given), and the scale mode that goes with it."""
        if self._scale_fn_custom is not None:
            return
        if self.mode == "triangular":
            self._scale_fn_ref = self._triangular_scale_fn
            self.scale_mode = "cycle"
        elif self.mode == "triangular2":
            self._scale_fn_ref = self._triangular2_scale_fn
            self.scale_mode = "cycle"
        elif self.mode == "exp_range":
            self._scale_fn_ref = functools.partial(self._exp_range_scale_fn, self.gamma)
            self.scale_mode = "iterations"

    def scale_fn(self, x: float) -> float:
        """How high the cycle goes at ``x`` (the cycle, or the step), as a fraction of ``max_lr - base_lr``."""
        if self._scale_fn_custom is not None:
            return self._scale_fn_custom(x)
        return self._scale_fn_ref(x)

    @staticmethod
    def _triangular_scale_fn(x: float) -> float:
        return 1.0

    @staticmethod
    def _triangular2_scale_fn(x: float) -> float:
        return 1 / (2.0 ** (x - 1))

    @staticmethod
    def _exp_range_scale_fn(gamma: float, x: float) -> float:
        return gamma**x

    def _next_lrs(self) -> list[float]:
        cycle = math.floor(1 + self.last_epoch / self.total_size)
        x = 1.0 + self.last_epoch / self.total_size - cycle  # how far into the cycle, 0 to 1
        if x <= self.step_ratio:
            scale_factor = x / self.step_ratio
        else:
            scale_factor = (x - 1) / (self.step_ratio - 1)
        at = cycle if self.scale_mode == "cycle" else self.last_epoch

        lrs = []
        for base_lr, max_lr in zip(self.base_lrs, self.max_lrs, strict=True):
            base_height = (max_lr - base_lr) * scale_factor
            lrs.append(base_lr + base_height * self.scale_fn(at))
        if self.cycle_momentum:
            momentums = []
            for base_momentum, max_momentum in zip(self.base_momentums, self.max_momentums, strict=True):
                base_height = (max_momentum - base_momentum) * scale_factor
                momentums.append(max_momentum - base_height * self.scale_fn(at))
            for group, momentum in zip(self.optimizer.param_groups, momentums, strict=True):
                self._set_momentum(group, momentum)
        return lrs

    def state_dict(self) -> dict[str, Any]:
        """As :meth:`LRScheduler.state_dict`, without the scaling function (an object's ``__dict__`` is kept)."""
        state = super().state_dict()
        state.pop("_scale_fn_ref", None)
        function = state.pop("_scale_fn_custom")
        state["_scale_fn_custom"] = None
        if function is not None and not isinstance(function, types.FunctionType):
            state["_scale_fn_custom"] = function.__dict__.copy()
        return state

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        """Restore what :meth:`state_dict` wrote (a ``scale_fn`` object's attributes included)."""
        function = state_dict.pop("_scale_fn_custom")
        super().load_state_dict(state_dict)
        if function is not None:
            self._scale_fn_custom.__dict__.update(function)
        self._init_scale_fn()


__all__ += ["CyclicLR"]
