"""``out=``: write a function's result into a tensor the caller already has (``torch.add(x, y, out=r)``).

PyTorch's rules, for the functions that lessons call with ``out=``: the
result is computed, then written into ``out`` (resized first if its shape
differs, with PyTorch's warning when it had elements, factories silently); the result must cast
to ``out``'s dtype (matrix products want the same dtype); ``out=`` refuses
autograd; the function returns ``out`` itself.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np

from . import _views, messages
from ._grad_mode import _grad_mode, no_grad
from .messages import errors
from .tensor import Tensor

# Functions whose result is cast to out's dtype as an in-place op would be.
CASTING = (
    "add", "sub", "mul", "div", "pow", "exp", "log", "sqrt", "abs", "sin", "cos", "tanh", "sigmoid", "mean",
    "cat", "stack", "maximum", "minimum", "neg", "floor", "ceil", "round", "clamp", "where", "trunc", "angle",
)  # fmt: skip
# Comparisons and logic: a result that takes no gradient, so out= is allowed whatever requires grad.
UNRECORDED = ("eq", "ne", "lt", "le", "gt", "ge", "logical_and", "logical_or", "logical_xor", "logical_not")
# Sums and products: computed in out's dtype (``torch.sum(x, 0, out=long_tensor)``).
IN_OUT_DTYPE = ("sum", "prod", "cumsum", "cumprod")
# Values and indices: out is a pair of tensors, and the result is named ``<function>_out``.
PAIRS = ("max", "min", "sort", "topk", "kthvalue", "median", "mode")
# Matrix products: out must have the result's dtype.
SAME_DTYPE = ("matmul", "mm", "bmm", "argmax", "argmin", "tril", "triu")
# Factories: they make out's dtype (PyTorch names them aten::rand in the autograd error).
FACTORIES = (
    "rand", "randn", "zeros", "ones", "empty", "full", "eye", "arange", "range", "linspace", "logspace", "randint",
    "randperm",
)  # fmt: skip

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
            messages.warn("out_resized", shape=list(out._array.shape), wanted=list(result._array.shape))
        out._array = np.empty(result._array.shape, out._array.dtype)
        out._copy_on_write = False
    return _views.write(out, result._array)


def _accepting_out(function: Callable[..., Tensor], name: str, kind: str) -> Callable[..., Tensor]:
    """``function`` with PyTorch's ``out=`` keyword (``kind``: casting, same_dtype or factory)."""

    @functools.wraps(function)
    def with_out(*args: Any, out: Any = None, **kwargs: Any) -> Any:
        if out is None:
            return function(*args, **kwargs)
        if kind == "factory" and kwargs.get("dtype") not in (None, out.dtype):
            raise messages.error(
                "out_factory_dtype",
                dtype=errors.scalar_type_name(kwargs["dtype"]),
                out=errors.scalar_type_name(out.dtype),
            )
        if kind in ("factory", "in_out_dtype"):
            kwargs.setdefault("dtype", out.dtype)
        outs = tuple(out) if kind == "pair" and not isinstance(out, Tensor) else (out,)
        tensors = [a for a in (*args, *kwargs.values(), *outs) if isinstance(a, Tensor)]
        if kind != "unrecorded" and _grad_mode.enabled and any(t.requires_grad for t in tensors):
            raise messages.error("out_requires_grad", function=f"aten::{name}" if kind == "factory" else name)
        with no_grad():
            result = function(*args, **kwargs)
        if kind == "pair" and isinstance(result, Tensor):  # (torch.max(x, out=r): the one value of all)
            return _write_out(result, out, "casting")
        if kind == "pair":  # (values, indices): each written into its own tensor
            _write_out(result[0], outs[0], "casting")
            _write_out(result[1], outs[1], "casting")
            return _pair_result(name)(*outs)
        if name in _SPACED and out._array.size == result._array.size:  # (out keeps its shape, as there)
            result = Tensor._wrap(result._array.reshape(out._array.shape))
        elif name in _RANGES and out._array.size not in (0, result._array.size):
            messages.warn("out_range_resized", shape=list(out._array.shape), size=out._array.size,
                          computed=result._array.size, wanted=tuple(result._array.shape))  # fmt: skip
            out.resize_(0)  # (said once: the resize below is then silent, as in PyTorch)
        return _write_out(result, out, kind)

    return with_out


_SPACED = ("arange", "range", "linspace", "logspace")
"""Factories that write into out as it is when it has their number of elements, whatever its shape."""

_RANGES = ("arange",)
"""The factory that says, in words of its own, that out= had another number of elements (RangeFactories.cpp)."""


@functools.cache
def _pair_result(name: str) -> type:
    """``torch.return_types.max_out`` ...: the named pair a function with out= returns."""
    from .ops.reduction import _return_type, return_types

    return _return_type(f"{name}_out", getattr(return_types, name)._fields)


def with_out_keyword(namespace: dict[str, Any]) -> dict[str, Any]:
    """The functions of ``namespace`` that PyTorch lets lessons call with ``out=``, wrapped to accept it
    (those of them it holds: the functions of an op module loaded on first use come later)."""
    kinds = {**dict.fromkeys(CASTING, "casting"), **dict.fromkeys(SAME_DTYPE, "same_dtype")}
    kinds.update(dict.fromkeys(FACTORIES, "factory"))
    kinds.update(dict.fromkeys(UNRECORDED, "unrecorded"))
    kinds.update(dict.fromkeys(IN_OUT_DTYPE, "in_out_dtype"))
    kinds.update(dict.fromkeys(PAIRS, "pair"))
    return {
        name: _accepting_out(namespace[name], name, kind) for name, kind in kinds.items() if name in namespace
    }
