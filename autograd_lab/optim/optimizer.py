"""``Optimizer``: what every optimizer shares, as ``torch.optim.Optimizer`` has it.

An optimizer holds **parameter groups**: a list of dicts, each with its
``"params"`` and its own settings (``lr``, ``momentum`` ...), the optimizer's
defaults filling in what a group does not say.  ``step()`` changes every
parameter that has a ``.grad``, in place and outside autograd, by the rule
each optimizer gives in its ``_update``; what a rule carries from one step to
the next (a momentum buffer, running averages, the step count) lives in
``optimizer.state[param]``.  ``state_dict()`` writes both down with the
parameters numbered in order, as PyTorch does, so ``load_state_dict()`` can
restore them into another optimizer over other tensors.
"""

from __future__ import annotations

import copy
import functools
import warnings
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable
from itertools import chain
from typing import Any

import numpy as np

from .. import messages
from .._classname import PyTorchName
from .._dtype import get_default_dtype
from .._grad_mode import enable_grad, no_grad
from .._views import write
from ..nn.modules.module import RemovableHandle
from ..tensor import Tensor


class _RequiredParameter:
    """A setting without a default: each parameter group must give it."""

    def __repr__(self) -> str:
        return "<required parameter>"


required = _RequiredParameter()


def typename(value: Any) -> str:
    """``torch.typename``: ``'torch.FloatTensor'`` for a tensor, else the type's dotted name."""
    if isinstance(value, Tensor):
        return value.type()
    module = getattr(value, "__module__", "") or ""
    qualname = getattr(value, "__qualname__", None) or getattr(value, "__name__", None)
    if qualname is None:
        module, qualname = type(value).__module__ or "", type(value).__qualname__
    return qualname if module in ("", "builtins") else f"{module}.{qualname}"


_global_step_pre_hooks: OrderedDict[int, Callable] = OrderedDict()
_global_step_post_hooks: OrderedDict[int, Callable] = OrderedDict()


def register_optimizer_step_pre_hook(hook: Callable) -> RemovableHandle:
    """Call ``hook(optimizer, args, kwargs)`` before every optimizer's ``step`` (it may return new args and kwargs).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.optim.optimizer import register_optimizer_step_pre_hook
    >>> handle = register_optimizer_step_pre_hook(lambda o, args, kwargs: None)
    >>> handle.remove()
    """
    return _handle(_global_step_pre_hooks, hook)


def register_optimizer_step_post_hook(hook: Callable) -> RemovableHandle:
    """Call ``hook(optimizer, args, kwargs)`` after every optimizer's ``step``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.optim.optimizer import register_optimizer_step_post_hook
    >>> handle = register_optimizer_step_post_hook(lambda o, args, kwargs: None)
    >>> handle.remove()
    """
    return _handle(_global_step_post_hooks, hook)


def _handle(hooks: OrderedDict, hook: Callable, prepend: bool = False) -> RemovableHandle:
    """Add ``hook`` to ``hooks`` (first with ``prepend``); the handle's ``remove()`` takes it out."""
    handle = RemovableHandle(hooks)
    hooks[handle.id] = hook
    if prepend:
        hooks.move_to_end(handle.id, last=False)
    return handle


def _hooks_of_initialised(optimizer: Any, name: str) -> OrderedDict:
    """The hooks ``state_dict`` and ``load_state_dict`` run first: PyTorch's ``__init__`` makes them, so an
    optimizer whose ``__init__`` never ran (The Annotated Transformer's ``DummyOptimizer``) fails there."""
    if "defaults" not in optimizer.__dict__ and name not in optimizer.__dict__:
        raise messages.error("optimizer_not_initialised", class_name=type(optimizer).__name__, name=name)
    return _instance_hooks(optimizer, name)


def _instance_hooks(optimizer: Any, name: str) -> OrderedDict:
    """An optimizer's hooks of one kind (made when first asked: a subclass may not call ``__init__`` first)."""
    hooks = optimizer.__dict__.get(name)
    if hooks is None:
        hooks = optimizer.__dict__[name] = OrderedDict()
    return hooks


def _with_step_hooks(step: Callable) -> Callable:
    """``step`` between the step hooks, as PyTorch wraps every optimizer's step: the global pre-hooks, then the
    optimizer's own; after the step, its own post-hooks, then the global ones."""

    @functools.wraps(step)
    def hooked(*args: Any, **kwargs: Any) -> Any:
        optimizer = args[0]
        for hook in (
            *_global_step_pre_hooks.values(),
            *_instance_hooks(optimizer, "_optimizer_step_pre_hooks").values(),
        ):
            result = hook(optimizer, args, kwargs)
            if result is not None:
                if not (isinstance(result, tuple) and len(result) == 2):
                    named = f"<function {type(optimizer).__name__}.step at {hex(id(step))}>"  # (as PyTorch names it)
                    raise messages.error("optim_pre_hook_result", hook=named, result=result)
                args, kwargs = result
        out = step(*args, **kwargs)
        for hook in (
            *_instance_hooks(optimizer, "_optimizer_step_post_hooks").values(),
            *_global_step_post_hooks.values(),
        ):
            hook(optimizer, args, kwargs)
        return out

    hooked._with_step_hooks = True
    return hooked


def _as_after_pytorchs_first_optimizer() -> None:
    """Warnings already shown once show once more after the first optimizer is made, as in PyTorch.

    PyTorch's first optimizer imports ``torch._dynamo`` and SymPy, which adds a warnings filter; changing
    the filters makes Python forget which warnings it has shown, so a lesson sees, say, DataLoader's
    ``pin_memory`` warning again at its next DataLoader.  The same forgetting, done once, keeps a lesson's
    warnings as often as PyTorch prints them.
    """
    global _first_optimizer_made
    if _first_optimizer_made:
        return
    _first_optimizer_made = True
    forget = getattr(warnings, "_filters_mutated", None) or getattr(
        warnings, "_filters_mutated_lock_held", None
    )
    if forget is not None:  # (CPython's own: what every change of the filters calls)
        forget()


_first_optimizer_made = False


class Optimizer(metaclass=PyTorchName, torch_module="torch.optim.optimizer"):
    """Base class of the optimizers: parameter groups, state, ``step`` and ``zero_grad``.

    Parameters
    ----------
    params : iterable of Tensor or of dict
        The tensors to optimize, or parameter groups: dicts with ``"params"``
        and any settings of their own.
    defaults : dict
        Each setting's value for the groups that do not give it.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> w = torch.tensor([1.0, 2.0], requires_grad=True)
    >>> b = torch.tensor([0.5], requires_grad=True)
    >>> optimizer = torch.optim.SGD([{"params": [w]}, {"params": [b], "lr": 0.5}], lr=0.1)
    >>> [group["lr"] for group in optimizer.param_groups]
    [0.1, 0.5]
    """

    # The hooks' types, as PyTorch names them on the class: hook(optimizer, args, kwargs)
    OptimizerPreHook = Callable[..., Any]
    OptimizerPostHook = Callable[..., None]

    @staticmethod
    def profile_hook_step(func: Callable) -> Callable:
        """``func`` (a ``step``) between the step hooks, as every optimizer's ``step`` is wrapped."""
        return _with_step_hooks(func)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        step = cls.__dict__.get("step")
        if step is not None and not hasattr(step, "_with_step_hooks"):  # (a lesson's own optimizer too)
            cls.step = _with_step_hooks(step)

    _since_old_releases: dict[str, Any] = {}
    """The group settings PyTorch added after 1.x, each with the value its ``__setstate__`` gives a group of an
    old checkpoint (each optimizer lists its own)."""
    _counts: tuple[str, ...] = ()
    """Per-parameter state an old checkpoint kept as a number, a 0-d tensor now (``step``)."""

    def __init__(self, params: Iterable[Any], defaults: dict[str, Any]) -> None:
        self.defaults = defaults
        if isinstance(params, Tensor):
            raise messages.error("optim_params_tensor", type_name=typename(params))
        self.state: defaultdict[Tensor, dict[str, Any]] = defaultdict(dict)
        self.param_groups: list[dict[str, Any]] = []
        param_groups = list(params)
        if not param_groups:
            raise messages.error("optim_empty")
        if not isinstance(param_groups[0], dict):
            param_groups = [{"params": param_groups}]
        for param_group in param_groups:
            self.add_param_group(param_group)
        _as_after_pytorchs_first_optimizer()

    def __getstate__(self) -> dict[str, Any]:
        return {"defaults": self.defaults, "state": self.state, "param_groups": self.param_groups}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.defaults.setdefault("differentiable", False)
        # A checkpoint of an older PyTorch (load_state_dict, or a pickled optimizer): what it lacks gets
        # the values PyTorch's __setstate__ gives, and counts it kept as numbers become tensors.
        for group in self.param_groups:
            for key, value in self._since_old_releases.items():
                group.setdefault(key, value)
            for param in group["params"]:
                param_state = self.state.get(param)
                for key in self._counts if param_state else ():
                    if key in param_state and not isinstance(param_state[key], Tensor):
                        param_state[key] = Tensor._wrap(
                            np.array(float(param_state[key]), get_default_dtype().numpy)
                        )

    def __repr__(self) -> str:
        text = type(self).__name__ + " ("
        for index, group in enumerate(self.param_groups):
            text += f"\nParameter Group {index}\n"
            for key in sorted(group):
                if key != "params":
                    text += f"    {key}: {group[key]}\n"
        return text + ")"

    # -- parameter groups ---------------------------------------------------------------
    def add_param_group(self, param_group: dict[str, Any]) -> None:
        """Add a group of parameters with settings of its own (the rest from the defaults).

        Examples
        --------
        >>> import autograd_lab as torch
        >>> w = torch.ones(2, requires_grad=True)
        >>> optimizer = torch.optim.SGD([w], lr=0.1)
        >>> optimizer.add_param_group({"params": [torch.zeros(1, requires_grad=True)], "lr": 0.01})
        >>> len(optimizer.param_groups), optimizer.param_groups[1]["momentum"]
        (2, 0)
        """
        if not isinstance(param_group, dict):
            raise messages.error("optim_group_not_dict", type_name=type(param_group))
        params = param_group["params"]
        if isinstance(params, Tensor):
            params = [params]
        elif isinstance(params, set):
            raise messages.error("optim_params_set")
        params = list(params)
        named = [entry for entry in params if isinstance(entry, tuple)]
        param_group["params"] = [entry[1] if isinstance(entry, tuple) else entry for entry in params]
        if named:
            if len(named) != len(param_group["params"]):
                raise messages.error("optim_names_partial")
            param_group["param_names"] = [name for name, _ in named]

        for param in param_group["params"]:
            if not isinstance(param, Tensor):
                raise messages.error("optim_not_tensor", type_name=typename(param))
            if not self.defaults.get("differentiable", None) and not (param.is_leaf or param._retains_grad):
                raise messages.error("optim_non_leaf")

        for name, default in self.defaults.items():
            if default is required and name not in param_group:
                raise messages.error("optim_required", name=name)
            param_group.setdefault(name, default)

        params = param_group["params"]
        if len(params) != len(set(params)):
            messages.warn("optim_duplicate_params")

        taken: set[Tensor] = set()
        for group in self.param_groups:
            taken.update(group["params"])
            if ("param_names" in param_group) != ("param_names" in group):
                which = "with names" if "param_names" in param_group else "without names"
                raise messages.error("optim_names_mixed", which=which)
        if not taken.isdisjoint(params):
            raise messages.error("optim_param_in_two_groups")
        self.param_groups.append(param_group)

    # -- the step -----------------------------------------------------------------------
    def zero_grad(self, set_to_none: bool = True) -> None:
        """Forget the gradients: ``.grad = None`` (or, with ``set_to_none=False``, fill them with 0).

        Examples
        --------
        >>> import autograd_lab as torch
        >>> w = torch.ones(2, requires_grad=True)
        >>> optimizer = torch.optim.SGD([w], lr=0.1)
        >>> (w * w).sum().backward()
        >>> optimizer.zero_grad()
        >>> print(w.grad)
        None
        """
        for group in self.param_groups:
            for param in group["params"]:
                grad = param.grad
                if grad is None:
                    continue
                if set_to_none:
                    param.grad = None
                    continue
                if grad.grad_fn is not None:
                    grad = param.grad = grad.detach()  # PyTorch detaches it in place (detach_)
                else:
                    grad.requires_grad_(False)
                grad.zero_()

    def step(self, closure: Callable[[], Any] | None = None) -> Any:
        """Change each parameter that has a gradient by one step of the optimizer's rule.

        Parameters
        ----------
        closure : callable, optional
            Computes the loss again (and its gradients); called first, with
            gradients recorded, and its result returned.

        Returns
        -------
        The closure's loss, or ``None``.

        Examples
        --------
        >>> import autograd_lab as torch
        >>> w = torch.tensor([1.0, -2.0], requires_grad=True)
        >>> optimizer = torch.optim.SGD([w], lr=0.1)
        >>> (w * w).sum().backward()       # grad = 2w = [2, -4]
        >>> optimizer.step()               # w - 0.1 * grad
        >>> w
        tensor([ 0.8000, -1.6000], requires_grad=True)
        """
        loss = None
        if closure is not None:
            with enable_grad():
                loss = closure()
        with no_grad():
            for group in self.param_groups:
                for param in group["params"]:
                    if param.grad is not None:
                        self._update(param, param.grad._array, group)
        return loss

    def register_step_pre_hook(self, hook: Callable) -> RemovableHandle:
        """Call ``hook(optimizer, args, kwargs)`` before each ``step``; it may return ``(new_args, new_kwargs)``.

        Examples
        --------
        >>> import autograd_lab as torch
        >>> w = torch.ones(1, requires_grad=True)
        >>> optimizer = torch.optim.SGD([w], lr=0.1)
        >>> handle = optimizer.register_step_pre_hook(lambda o, args, kwargs: print("stepping"))
        >>> optimizer.step()
        stepping
        """
        return _handle(_instance_hooks(self, "_optimizer_step_pre_hooks"), hook)

    def register_step_post_hook(self, hook: Callable) -> RemovableHandle:
        """Call ``hook(optimizer, args, kwargs)`` after each ``step``.

        Examples
        --------
        >>> import autograd_lab as torch
        >>> w = torch.ones(1, requires_grad=True)
        >>> optimizer = torch.optim.SGD([w], lr=0.1)
        >>> handle = optimizer.register_step_post_hook(lambda o, args, kwargs: print("stepped"))
        >>> optimizer.step()
        stepped
        """
        return _handle(_instance_hooks(self, "_optimizer_step_post_hooks"), hook)

    def register_state_dict_pre_hook(self, hook: Callable, prepend: bool = False) -> RemovableHandle:
        """Call ``hook(optimizer)`` before :meth:`state_dict` writes the state down."""
        return _handle(_instance_hooks(self, "_optimizer_state_dict_pre_hooks"), hook, prepend)

    def register_state_dict_post_hook(self, hook: Callable, prepend: bool = False) -> RemovableHandle:
        """Call ``hook(optimizer, state_dict)`` on what :meth:`state_dict` wrote; a dict it returns is used instead."""
        return _handle(_instance_hooks(self, "_optimizer_state_dict_post_hooks"), hook, prepend)

    def register_load_state_dict_pre_hook(self, hook: Callable, prepend: bool = False) -> RemovableHandle:
        """Call ``hook(optimizer, state_dict)`` before :meth:`load_state_dict`; a dict it returns is loaded instead."""
        return _handle(_instance_hooks(self, "_optimizer_load_state_dict_pre_hooks"), hook, prepend)

    def register_load_state_dict_post_hook(self, hook: Callable, prepend: bool = False) -> RemovableHandle:
        """Call ``hook(optimizer)`` after :meth:`load_state_dict` restored the state."""
        return _handle(_instance_hooks(self, "_optimizer_load_state_dict_post_hooks"), hook, prepend)

    def _update(self, param: Tensor, grad: np.ndarray, group: dict[str, Any]) -> None:
        """One step of the rule for one parameter (its gradient ``grad``, its group's settings)."""
        raise NotImplementedError

    # -- saving and restoring -----------------------------------------------------------
    def state_dict(self) -> dict[str, Any]:
        """The state and the groups' settings, with each parameter replaced by its number.

        Parameters are numbered in order across the groups; ``state`` holds an
        entry only for those that have been stepped.  The state's tensors are
        the optimizer's own, not copies, as in PyTorch.

        Examples
        --------
        >>> import autograd_lab as torch
        >>> w = torch.ones(2, requires_grad=True)
        >>> optimizer = torch.optim.SGD([w], lr=0.1, momentum=0.9)
        >>> w.sum().backward()
        >>> optimizer.step()
        >>> optimizer.state_dict()["state"]
        {0: {'momentum_buffer': tensor([1., 1.])}}
        """
        for hook in tuple(_hooks_of_initialised(self, "_optimizer_state_dict_pre_hooks").values()):
            hook(self)
        numbers: dict[int, int] = {}
        start = 0

        def pack(group: dict[str, Any]) -> dict[str, Any]:
            nonlocal start
            packed = {key: value for key, value in group.items() if key != "params"}
            for index, param in enumerate(group["params"], start):
                numbers.setdefault(id(param), index)
            packed["params"] = [numbers[id(param)] for param in group["params"]]
            start += len(packed["params"])
            return packed

        param_groups = [pack(group) for group in self.param_groups]
        state = {
            (numbers[id(key)] if isinstance(key, Tensor) else key): value for key, value in self.state.items()
        }
        written = {"state": state, "param_groups": param_groups}
        for hook in tuple(_instance_hooks(self, "_optimizer_state_dict_post_hooks").values()):
            changed = hook(self, written)
            written = written if changed is None else changed
        return written

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        """Restore what :meth:`state_dict` wrote, onto this optimizer's own parameters (in order).

        Examples
        --------
        >>> import autograd_lab as torch
        >>> w = torch.ones(2, requires_grad=True)
        >>> saved = torch.optim.SGD([w], lr=0.5).state_dict()
        >>> optimizer = torch.optim.SGD([w], lr=0.1)
        >>> optimizer.load_state_dict(saved)
        >>> optimizer.param_groups[0]["lr"]
        0.5
        """
        for hook in tuple(_hooks_of_initialised(self, "_optimizer_load_state_dict_pre_hooks").values()):
            changed = hook(self, state_dict)
            state_dict = state_dict if changed is None else changed
        state_dict = state_dict.copy()
        groups = self.param_groups
        saved_groups = copy.deepcopy(state_dict["param_groups"])
        if len(groups) != len(saved_groups):
            raise messages.error("optim_load_group_count")
        if any(len(g["params"]) != len(s["params"]) for g, s in zip(groups, saved_groups, strict=True)):
            raise messages.error("optim_load_group_size")
        by_number = dict(
            zip(
                chain.from_iterable(g["params"] for g in saved_groups),
                chain.from_iterable(g["params"] for g in groups),
                strict=True,
            )
        )
        state: defaultdict[Any, dict[str, Any]] = defaultdict(dict)
        for key, value in state_dict["state"].items():
            if key in by_number:
                param = by_number[key]
                state[param] = _cast_state(param, value)
            else:
                state[key] = value

        for group, saved in zip(groups, saved_groups, strict=True):
            saved["params"] = group["params"]
            if "param_names" in group and "param_names" not in saved:
                saved["param_names"] = group["param_names"]
        self.__setstate__({"state": state, "param_groups": saved_groups})
        for hook in tuple(_instance_hooks(self, "_optimizer_load_state_dict_post_hooks").values()):
            hook(self)


Optimizer.step = _with_step_hooks(Optimizer.step)  # (the subclasses' own steps are wrapped as they are made)


def _cast_state(param: Tensor, value: Any, key: Any = None) -> Any:
    """A saved state value for ``param``: its tensors in the parameter's dtype (``step`` kept as is)."""
    if isinstance(value, Tensor):
        return value if key == "step" or not param.is_floating_point() else value.to(param.dtype)
    if isinstance(value, dict):
        return {k: _cast_state(param, v, k) for k, v in value.items()}
    if isinstance(value, Iterable) and not isinstance(value, str):
        return type(value)(_cast_state(param, v) for v in value)
    return value


# -- what the optimizers' rules share --------------------------------------------------


def new_step() -> Tensor:
    """A fresh step count: ``tensor(0.)``, in the default dtype, as PyTorch keeps it."""
    return Tensor._wrap(np.zeros((), dtype=get_default_dtype().numpy))


def count_step(step: Tensor) -> float:
    """``step += 1`` in place, and the new count as a Python float (``step.item()``)."""
    write(step, step._array + step._array.dtype.type(1))
    return float(step._array)


def zeros_like(param: Tensor) -> Tensor:
    """A state tensor of zeros shaped like ``param`` (not tracked by autograd)."""
    return Tensor._wrap(np.zeros_like(param._array))


def check_not_negative(value: float, what: str) -> None:
    """PyTorch's ``Invalid <what>: <value>`` for a setting below zero."""
    if not 0.0 <= value:
        raise messages.error("optim_invalid_value", what=what, value=value)


__all__ = ["Optimizer", "required"]
