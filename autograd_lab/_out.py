"""``out=``: write a function's result into a tensor the caller already has (``torch.add(x, y, out=r)``).

PyTorch's rules, for the functions that lessons call with ``out=``: the
result is computed, then written into ``out`` (resized first if its shape
differs, with PyTorch's warning when it had elements, factories silently); the result must cast
to ``out``'s dtype (matrix products want the same dtype); ``out=`` refuses
autograd; the function returns ``out`` itself.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from . import _views, messages
from ._grad_mode import _grad_mode, no_grad
from .tensor import Tensor

# Functions whose result is cast to out's dtype as an in-place op would be.
CASTING = ("add", "sub", "mul", "div", "pow", "exp", "log", "sqrt", "abs", "sin", "cos", "tanh", "sigmoid")
# Matrix products: out must have the result's dtype.
SAME_DTYPE = ("matmul", "mm", "bmm")
# Factories: they make out's dtype (PyTorch names them aten::rand in the autograd error).
FACTORIES = ("rand", "randn", "zeros", "ones")

_CPP_TYPE_NAMES = {
    "float32": "float", "float64": "double", "float16": "c10::Half", "int64": "long int", "int32": "int",
    "int16": "short int", "int8": "signed char", "uint8": "unsigned char", "bool": "bool",
}  # fmt: skip


def _write_out(result: Tensor, out: Tensor, kind: str) -> Tensor:
    """Put ``result``'s values into ``out`` (resizing it as PyTorch does: factories without a warning); return it."""
    if kind == "same_dtype" and result._array.dtype != out._array.dtype:
        raise messages.error(
            "out_dtype",
            expected=_CPP_TYPE_NAMES.get(result._array.dtype.name, result._array.dtype.name),
            got=_CPP_TYPE_NAMES.get(out._array.dtype.name, out._array.dtype.name),
        )
    if out._array.shape != result._array.shape:
        if out._array.size and kind != "factory":
            warnings.warn(
                messages.text("out_resized", shape=list(out._array.shape), wanted=list(result._array.shape)),
                UserWarning,
                stacklevel=3,
            )
        out._array = np.empty(result._array.shape, out._array.dtype)
        out._copy_on_write = False
    return _views.write(out, result._array)


def _accepting_out(function: Callable[..., Tensor], name: str, kind: str) -> Callable[..., Tensor]:
    """``function`` with PyTorch's ``out=`` keyword (``kind``: casting, same_dtype or factory)."""

    @functools.wraps(function)
    def with_out(*args: Any, out: Tensor | None = None, **kwargs: Any) -> Tensor:
        if out is None:
            return function(*args, **kwargs)
        if kind == "factory":
            kwargs.setdefault("dtype", out.dtype)
        tensors = [a for a in (*args, *kwargs.values(), out) if isinstance(a, Tensor)]
        if _grad_mode.enabled and any(t.requires_grad for t in tensors):
            raise messages.error("out_requires_grad", function=f"aten::{name}" if kind == "factory" else name)
        with no_grad():
            result = function(*args, **kwargs)
        return _write_out(result, out, kind)

    return with_out


def with_out_keyword(namespace: dict[str, Any]) -> dict[str, Any]:
    """The functions of ``namespace`` that PyTorch lets lessons call with ``out=``, wrapped to accept it."""
    kinds = {**dict.fromkeys(CASTING, "casting"), **dict.fromkeys(SAME_DTYPE, "same_dtype")}
    kinds.update(dict.fromkeys(FACTORIES, "factory"))
    return {name: _accepting_out(namespace[name], name, kind) for name, kind in kinds.items()}
