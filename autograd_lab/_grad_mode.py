"""Grad mode: whether operations on tensors that require grad record a graph.

``no_grad`` turns recording off (for weight updates and evaluation),
``enable_grad`` turns it back on inside such a block, and
``set_grad_enabled(mode)`` does either.  Each works as a plain call (only
``set_grad_enabled``), a ``with`` block or a decorator, as in PyTorch.
The mode is per thread, also as in PyTorch.
"""

from __future__ import annotations

import functools
import weakref
from _thread import _local as thread_local  # threading.local, without importing threading (1 ms)
from collections.abc import Callable
from typing import Any

from . import messages
from ._classname import PyTorchName

_CO_GENERATOR = 0x20  # inspect.CO_GENERATOR: a function with yield (without importing inspect, 5 ms)


class _GradMode(thread_local):
    # Thread-local: `no_grad` in one thread must not switch off recording in another.
    enabled = True
    inference = False  # inside inference_mode: no graph, and new tensors are inference tensors
    # Forward-mode AD: True while dual tensors exist. Ops then ask `forward_ad_module` (autograd.forward_ad,
    # set when a level is entered: the core does not import it) for their results' tangents.
    forward_ad = False
    forward_ad_module: Any = None
    # How many torch.func transforms (grad, vjp, jvp, vmap ...) are running their function now:
    # backward() is refused inside one, as PyTorch refuses it (func sets it; the core only reads it).
    transforms = 0


_grad_mode = _GradMode()


def is_grad_enabled() -> bool:
    """Whether operations on tensors that require grad record a graph now.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> with torch.no_grad():
    ...     torch.is_grad_enabled()
    False
    """
    return _grad_mode.enabled


class _GradModeSwitch(metaclass=PyTorchName):
    """Set the grad mode inside a ``with`` block or a decorated function, then restore it."""

    def __init__(self, mode: bool) -> None:
        self.mode = bool(mode)
        self._saved: list[bool] = []

    def __enter__(self) -> None:
        self._saved.append(_grad_mode.enabled)
        _grad_mode.enabled = self.mode

    def __exit__(self, *exc_info: object) -> None:
        _grad_mode.enabled = self._saved.pop()

    def clone(self) -> _GradModeSwitch:
        return type(self)()

    def __call__(self, function: Callable) -> Callable:
        switch = self
        if getattr(getattr(function, "__code__", None), "co_flags", 0) & _CO_GENERATOR:
            return _each_step_switched(function, switch)

        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with switch.clone():
                return function(*args, **kwargs)

        return wrapper


def _each_step_switched(function: Callable, switch: _GradModeSwitch) -> Callable:
    """A decorated generator function: each step of the generator runs with the mode switched, and the code
    that takes its values runs without (as PyTorch's ``_wrap_generator``: ``@no_grad()`` on a function that
    yields batches)."""

    @functools.wraps(function)
    def generator(*args: Any, **kwargs: Any) -> Any:
        steps = function(*args, **kwargs)
        try:
            with switch.clone():
                value = steps.send(None)
            while True:
                try:
                    sent = yield value
                except GeneratorExit:
                    with switch.clone():
                        steps.close()
                    raise
                except BaseException as error:
                    with switch.clone():
                        value = steps.throw(error)
                else:
                    with switch.clone():
                        value = steps.send(sent)
        except StopIteration as end:
            return end.value

    return generator


def _switch_or_decorated(cls: type, orig_func: Callable | None = None) -> Any:
    """``no_grad()`` makes the switch; ``@no_grad`` without parentheses decorates at once, as PyTorch 2's
    ``_NoParamDecoratorContextManager`` does."""
    return object.__new__(cls) if orig_func is None else cls()(orig_func)


class set_grad_enabled(_GradModeSwitch, torch_module="torch.autograd.grad_mode"):
    """Turn graph recording on or off: a plain call, a context manager or a decorator.

    Parameters
    ----------
    mode : bool
        ``True`` records graphs, ``False`` does not.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor([1.0], requires_grad=True)
    >>> with torch.set_grad_enabled(False):
    ...     (x * 2).requires_grad
    False
    >>> torch.is_grad_enabled()
    True
    """

    def __init__(self, mode: bool = True) -> None:
        if type(mode) is not bool:  # (set_grad_enabled("no") would turn recording on)
            raise messages.error("grad_enabled_not_bool", type_name=messages.type_name(mode))
        super().__init__(mode)
        # As in PyTorch, the call itself switches the mode (torch.set_grad_enabled(False)
        # on its own line turns recording off); `with` and decorators put it back.
        self._previous = _grad_mode.enabled
        _grad_mode.enabled = self.mode

    def __enter__(self) -> None:
        self._saved.append(self._previous)  # the mode from before the call
        _grad_mode.enabled = self.mode

    def clone(self) -> set_grad_enabled:
        return set_grad_enabled(self.mode)

    def __call__(self, function: Callable) -> Callable:
        _grad_mode.enabled = self._previous  # a decorator switches only while the function runs
        return super().__call__(function)

    def __repr__(self) -> str:
        return f"torch.autograd.grad_mode.set_grad_enabled(mode={self.mode})"


class no_grad(_GradModeSwitch, torch_module="torch.autograd.grad_mode"):
    """Do not record a graph: for updates of weights and for evaluation.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> w = torch.tensor([1.0], requires_grad=True)
    >>> with torch.no_grad():
    ...     y = w * 2
    >>> y.requires_grad
    False
    """

    __new__ = _switch_or_decorated

    def __init__(self) -> None:
        super().__init__(False)


class enable_grad(_GradModeSwitch, torch_module="torch.autograd.grad_mode"):
    """Record a graph again, inside a ``no_grad`` block.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor([1.0], requires_grad=True)
    >>> with torch.no_grad():
    ...     with torch.enable_grad():
    ...         (x * 2).requires_grad
    True
    """

    __new__ = _switch_or_decorated

    def __init__(self) -> None:
        super().__init__(True)


class inference_mode(_GradModeSwitch, torch_module="torch.autograd.grad_mode"):
    """Like ``no_grad``, and the tensors made inside are inference tensors, which autograd refuses later.

    Parameters
    ----------
    mode : bool
        ``False`` turns inference mode off inside the block.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> with torch.inference_mode():
    ...     y = torch.ones(2) * 2
    >>> y.is_inference(), y.requires_grad
    (True, False)
    """

    def __new__(cls, mode: Any = True) -> Any:
        # @torch.inference_mode without parentheses: the decorator itself, as PyTorch's
        return object.__new__(cls) if mode is None or isinstance(mode, bool) else cls()(mode)

    def __init__(self, mode: bool = True) -> None:
        super().__init__(not mode)
        self.inference = bool(mode)
        self._saved_inference: list[bool] = []

    def __enter__(self) -> None:
        super().__enter__()
        self._saved_inference.append(_grad_mode.inference)
        _grad_mode.inference = self.inference
        if not self.inference:
            _grad_mode.enabled = (
                True  # inference_mode(False) turns grad mode on, as PyTorch's (even in no_grad)
            )

    def __exit__(self, *exc_info: object) -> None:
        _grad_mode.inference = self._saved_inference.pop()
        super().__exit__(*exc_info)

    def clone(self) -> inference_mode:
        return inference_mode(self.inference)


def is_inference_mode_enabled() -> bool:
    """Whether code runs inside ``inference_mode()`` now.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.is_inference_mode_enabled()
    False
    """
    return _grad_mode.inference


# -- what no_grad cut off, for the pictures --------------------------------------------------
# A result computed under no_grad from tensors that require grad has no node: the graph it later
# enters sees it as a constant.  The pictures draw where it came from as a cut, so this remembers,
# by the result's array, the op and (weakly) those tensors, also through a chain of such ops
# (`(h + w).sum()`); an entry goes when its array goes.

made_without_grad: dict[int, tuple] = {}  # id(array) -> (weakref to the array, op name, {id: weakref})


def remember_cut(array: Any, op_name: str, inputs: tuple) -> None:
    """``array`` was computed by ``op_name`` under no_grad from ``inputs``: remember those needing grad."""
    # The sources: {id(weak reference): weak reference}, each tensor once (Python keeps one plain weak
    # reference per object).  A recurrent layer's state under no_grad comes from the same weights at every
    # step, so an op usually finds all its sources among its input's, and shares that dict (never changed
    # once stored) instead of copying it.
    sources: dict | None = None
    more: list = []  # sources not (yet) known to be in ``sources``
    for x in inputs:
        if not hasattr(x, "_array"):
            continue  # a number
        if x.requires_grad:
            while x._view is not None and x._grad_fn is None:  # (W.t() of a weight: W, which outlives it)
                x = x._view.base
            more.append(weakref.ref(x))
            continue
        entry = made_without_grad.get(id(x._array))
        if entry is None or entry[0]() is not x._array:
            continue
        found = entry[2]
        if sources is None or (found is not sources and sources.keys() <= found.keys()):
            sources = found  # (a layer's state brings its weights and the layer below's: the larger one)
        elif found is not sources and not found.keys() <= sources.keys():
            more.extend(found.values())
    if sources is None and not more:
        return
    new = [ref for ref in more if sources is None or id(ref) not in sources]
    if new:  # (only those still alive: a list that only grew would slow every op)
        sources = {
            key: ref
            for key, ref in (*(sources or {}).items(), *((id(r), r) for r in new))
            if ref() is not None
        }
    key = id(array)

    def forget(ref: weakref.ref, key: int = key) -> None:
        if made_without_grad.get(key, (None,))[0] is ref:
            del made_without_grad[key]

    made_without_grad[key] = (weakref.ref(array, forget), op_name, sources)


def cut_by_no_grad(array: Any) -> tuple[str, list] | None:
    """The op and the tensors (still alive) that ``array`` was computed from under no_grad, if it was."""
    entry = made_without_grad.get(id(array))
    if entry is None or entry[0]() is not array:
        return None
    return entry[1], [t for t in (ref() for ref in entry[2].values()) if t is not None]
