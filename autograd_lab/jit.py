"""``torch.jit``: ``script`` and ``trace`` give back the model itself, run eagerly (no TorchScript here).

Examples
--------
>>> import autograd_lab as torch
>>> torch.jit.ignore(len) is len  # the decorators leave a function as it is
True
"""

from __future__ import annotations

import warnings
from typing import Any

from . import messages

__all__ = ["script", "trace", "save", "load", "ignore", "unused"]

_warned: set[str] = set()


def _as_it_is(obj: Any, function: str) -> Any:
    if function not in _warned:
        _warned.add(function)
        warnings.warn(messages.text("jit_runs_eagerly", function=function), UserWarning, stacklevel=3)
    return obj


def script(obj: Any, *args: Any, **kwargs: Any) -> Any:
    """``torch.jit.script``: the module or function itself, run eagerly (one warning says so).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     double = torch.jit.script(lambda x: 2 * x)
    >>> double(torch.tensor(1.0))
    tensor(2.)
    """
    return _as_it_is(obj, "script")


def trace(func: Any, example_inputs: Any = None, *args: Any, **kwargs: Any) -> Any:
    """``torch.jit.trace``: the module or function itself, run eagerly (one warning says so); nothing is traced.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> import warnings
    >>> model = torch.nn.Linear(2, 1)
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     traced = torch.jit.trace(model, torch.ones(1, 2))
    >>> traced is model
    True
    """
    return _as_it_is(func, "trace")


def ignore(function: Any = None, **kwargs: Any) -> Any:
    """``@torch.jit.ignore``: the function as it is.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.jit.ignore(len) is len
    True
    """
    return function if function is not None else (lambda f: f)


unused = ignore


def save(m: Any, f: Any, *args: Any, **kwargs: Any) -> None:
    """``torch.jit.save``: not available (no TorchScript); the error says how to save weights instead.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.jit.save(None, "model.pt")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    NotImplementedError: torch.jit.save: autograd_lab has no TorchScript.
    """
    raise messages.error("jit_save_unsupported", function="save")


def load(f: Any, *args: Any, **kwargs: Any) -> Any:
    """``torch.jit.load``: not available (no TorchScript); the error says how to load weights instead.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.jit.load("model.pt")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    NotImplementedError: torch.jit.load: autograd_lab has no TorchScript.
    """
    raise messages.error("jit_save_unsupported", function="load")
