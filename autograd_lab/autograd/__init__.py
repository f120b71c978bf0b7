"""``autograd_lab.autograd``: PyTorch's ``torch.autograd`` names.

``Variable`` is kept for old code (like the seed lesson): it returns a plain
tensor, as PyTorch has done since 0.4.
"""

from __future__ import annotations

from typing import Any

from .. import creation, messages
from .._classname import PyTorchName
from .._grad_mode import enable_grad, inference_mode, no_grad, set_grad_enabled
from ..messages import errors
from ..tensor import Tensor
from . import (
    engine,  # noqa: F401 - first: the op table, imported by .function, builds on it
    saved,  # noqa: F401 - lends the engine what hooks on saved tensors need
)
from .anomaly_mode import detect_anomaly, set_detect_anomaly
from .engine import backward
from .function import Function, FunctionCtx
from .grad import grad
from .gradcheck import GradcheckError, gradcheck, gradgradcheck

__all__ = [
    "Variable",
    "variable",
    "Function",
    "FunctionCtx",
    "backward",
    "grad",
    "functional",
    "forward_ad",
    "profiler",
    "gradcheck",
    "gradgradcheck",
    "GradcheckError",
    "no_grad",
    "enable_grad",
    "set_grad_enabled",
    "inference_mode",
    "graph",
    "detect_anomaly",
    "set_detect_anomaly",
]


_LAZY_MODULES = frozenset({"functional", "graph", "profiler", "forward_ad"})
"""Loaded on first use (``torch.autograd.functional.jacobian``): ``import autograd_lab`` does not pay for them."""


def __getattr__(name: str) -> Any:
    if name in _LAZY_MODULES:
        import importlib

        return importlib.import_module(f".{name}", __name__)  # (the import also sets it here)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY_MODULES})


def variable(*args: Any, **kwargs: Any) -> None:
    """Old PyTorch's way to make a tensor, removed: raises, as PyTorch does."""
    raise messages.error("autograd_variable_removed")


class _VariableMeta(PyTorchName):
    """``Variable``'s type: every tensor is a Variable (``isinstance(h, Variable)``, as old code asks)."""

    def __instancecheck__(cls, instance: Any) -> bool:  # noqa: N805 - a metaclass
        return isinstance(instance, Tensor)


class Variable(metaclass=_VariableMeta, torch_module="torch.autograd.variable"):
    """Old PyTorch's wrapper: a tensor sharing ``data``'s memory (a plain tensor, as since PyTorch 0.4).

    Parameters
    ----------
    data : Tensor
        The values.
    requires_grad : bool
        Whether to record operations on the result for ``backward()``.
    volatile : bool, optional
        Removed in PyTorch 0.4: warns, and has no effect (``torch.no_grad()`` replaces it).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.autograd import Variable
    >>> Variable(torch.Tensor([2]), requires_grad=True)
    tensor([2.], requires_grad=True)
    >>> isinstance(torch.ones(1), Variable)
    True
    """

    def __new__(cls, data: Tensor | None = None, requires_grad: bool = False, volatile: Any = None) -> Tensor:
        if data is None:
            data = creation.empty(0)
        elif not isinstance(data, Tensor):
            raise messages.error("variable_data_not_tensor", type_name=type(data).__name__)
        if volatile:
            messages.warn("volatile_removed")
            if requires_grad:
                raise messages.error("variable_volatile_and_grad")
        result = data.detach()
        if requires_grad:
            if not result.is_floating_point():  # (the constructor's wording, not requires_grad_'s)
                raise errors.requires_grad_not_float()
            result.requires_grad_(True)
        return result
