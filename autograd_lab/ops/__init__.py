"""The op table: every operation with its derivative rules, and Tensor's methods.

Importing this package fills ``OPS`` (see ``_core.py`` for how an op is
declared) and attaches each module's ``METHODS`` to ``Tensor``, so that an op
is declared in exactly one place.
"""

from __future__ import annotations

from ..tensor import Tensor
from . import elementwise, inplace, linalg, reduction, shape
from ._core import OPS, OpDef, Rule, apply, defop, rule
from .elementwise import (
    abs,
    add,
    allclose,
    clamp,
    clone,
    cos,
    div,
    eq,
    exp,
    ge,
    gt,
    le,
    log,
    lt,
    mul,
    ne,
    neg,
    pow,
    reciprocal,
    relu,
    sigmoid,
    sign,
    sin,
    sqrt,
    sub,
    tanh,
    where,
)
from .linalg import addmm, bmm, dot, matmul, mm, mv
from .reduction import (
    argmax,
    log_softmax,
    max,
    mean,
    min,
    return_types,
    softmax,
    sum,
    sum_to_size,
)
from .shape import (
    cat,
    copy_slices,
    expand,
    flatten,
    permute,
    reshape,
    squeeze,
    stack,
    t,
    transpose,
    unsqueeze,
    view,
)


def _as_method(function: object) -> object:
    # An OpDef is a callable object, not a function, so it would not bind `self`.
    if not isinstance(function, OpDef):
        return function

    def method(self: Tensor, *args: object, **params: object) -> Tensor:
        return function(self, *args, **params)

    method.__name__ = function.name
    method.__doc__ = f"``{function.name}`` of this tensor (see autograd_lab.{function.name})."
    return method


for _module in (elementwise, shape, reduction, linalg, inplace):
    for _name, _method in _module.METHODS.items():
        setattr(Tensor, _name, _as_method(_method))

__all__ = [
    "OPS", "OpDef", "Rule", "apply", "defop", "rule",
    "abs", "add", "allclose", "addmm", "bmm", "reciprocal", "argmax", "cat", "clamp", "clone", "copy_slices", "cos", "div",
    "dot", "eq", "exp", "expand", "flatten", "ge", "gt", "le", "log", "log_softmax", "lt",
    "matmul", "max", "mean", "min", "mm", "mul", "mv", "ne", "neg", "permute", "pow", "relu",
    "reshape", "return_types", "sigmoid", "sign", "sin", "softmax", "sqrt", "squeeze", "stack",
    "sub", "sum", "sum_to_size", "t", "tanh", "transpose", "unsqueeze", "view", "where",
]
