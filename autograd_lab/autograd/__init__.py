"""``autograd_lab.autograd``: PyTorch's ``torch.autograd`` names.

``Variable`` is kept for old code (like the seed lesson): it returns a plain
tensor, as PyTorch has done since 0.4.
"""

from __future__ import annotations

from typing import Any

from .._grad_mode import enable_grad, inference_mode, no_grad, set_grad_enabled
from ..messages import errors
from ..tensor import Tensor
from . import (
    engine,  # noqa: F401 - first: the op table, imported by .function, builds on it
    forward_ad,
    saved,  # noqa: F401 - lends the engine what hooks on saved tensors need
)
from .anomaly_mode import detect_anomaly, set_detect_anomaly
from .engine import backward
from .function import Function, FunctionCtx
from .grad import grad
from .gradcheck import GradcheckError, gradcheck, gradgradcheck

__all__ = [
    "Variable",
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


_LAZY_MODULES = frozenset({"functional", "graph", "profiler"})
"""Loaded on first use (``torch.autograd.functional.jacobian``): ``import autograd_lab`` does not pay for them."""


def __getattr__(name: str) -> Any:
    if name in _LAZY_MODULES:
        import importlib

        return importlib.import_module(f".{name}", __name__)  # (the import also sets it here)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY_MODULES})


def Variable(data: Tensor, requires_grad: bool = False, volatile: Any = None) -> Tensor:  # noqa: N802
    """Old PyTorch's wrapper: a tensor sharing ``data``'s memory.

    Parameters
    ----------
    data : Tensor
        The values.
    requires_grad : bool
        Whether to record operations on the result for ``backward()``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.autograd import Variable
    >>> Variable(torch.Tensor([2]), requires_grad=True)
    tensor([2.], requires_grad=True)
    """
    result = data.detach()
    if requires_grad:
        if not result.is_floating_point():  # (the constructor's wording, not requires_grad_'s)
            raise errors.requires_grad_not_float()
        result.requires_grad_(True)
    return result
