"""``torch.autograd.Function``: an operation whose derivative you write yourself.

Subclass it with a ``forward(ctx, *inputs)`` and a ``backward(ctx, grad)``,
and call ``YourFunction.apply(...)``.  Each subclass becomes one row like
those of the op table (not added to it): a variadic op whose single rule
calls your ``backward`` once per node and hands each input its share.  So
the engine, the pictures and ``gradcheck`` treat it like any other op,
which is what lets ``gradcheck`` catch a wrong ``backward``.
"""

from __future__ import annotations

from typing import Any

from .. import messages
from .._grad_mode import is_grad_enabled, no_grad
from ..ops._core import OpDef, _record, rule
from ..tensor import Tensor


class FunctionCtx:
    """What ``forward`` leaves for ``backward``: ``save_for_backward`` and ``saved_tensors``."""

    def __init__(self) -> None:
        self.saved_tensors: tuple = ()
        self.inputs = 0  # how many inputs forward took: backward returns that many gradients
        self._grads: tuple = ()
        self._answered: Any = None  # the gradient _grads answer (one backward call per node run)

    def save_for_backward(self, *tensors: Tensor) -> None:
        self.saved_tensors = tensors


def _check_backward_result(function: type, result: tuple, inputs: int) -> None:
    """PyTorch's two complaints about what a hand-written backward returns."""
    if len(result) != inputs:
        raise messages.error("function_wrong_count", name=function.__name__, expected=inputs, got=len(result))
    for item in result:
        if item is not None and not isinstance(item, Tensor):
            raise messages.error("function_not_tensor", type_name=type(item).__name__)


def _share(function: type, grad: Any, index: int, ctx: FunctionCtx) -> Any:
    """Input ``index``'s part of what ``backward`` returns, computing it once per node."""
    if ctx._answered is not grad:
        arrays = not isinstance(grad, Tensor)
        result = function.backward(ctx, Tensor._wrap(grad) if arrays else grad)
        result = result if isinstance(result, tuple) else (result,)
        _check_backward_result(function, result, ctx.inputs)
        # As views: they may be the user's memory, and .grad keeps only arrays
        # the engine made without copying them.
        ctx._grads = tuple(g._array.view() if arrays and isinstance(g, Tensor) else g for g in result)
        ctx._answered = grad
    return ctx._grads[index]


class Function:
    """Base class of an operation with a hand-written derivative.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> class Square(torch.autograd.Function):
    ...     @staticmethod
    ...     def forward(ctx, x):
    ...         ctx.save_for_backward(x)
    ...         return x * x
    ...
    ...     @staticmethod
    ...     def backward(ctx, grad):
    ...         (x,) = ctx.saved_tensors
    ...         return 2 * x * grad
    >>> x = torch.tensor(3.0, requires_grad=True)
    >>> y = Square.apply(x)
    >>> y
    tensor(9., grad_fn=<SquareBackward>)
    >>> y.backward()
    >>> x.grad
    tensor(6.)
    """

    _op: OpDef | None = None

    @staticmethod
    def forward(ctx: FunctionCtx, *args: Any) -> Tensor:
        raise messages.error("function_no_forward")

    @staticmethod
    def backward(ctx: FunctionCtx, *grad_outputs: Any) -> Any:
        raise messages.error("function_no_backward")

    @classmethod
    def _op_for(cls) -> OpDef:
        if cls.__dict__.get("_op") is None:
            formula = f"∂/∂input i: what {cls.__name__}.backward returns at position i"
            cls._op = OpDef(
                cls.__name__.lower(),
                f"{cls.__name__}Backward",
                cls.__name__,
                cls.forward,
                {"inputs": rule(formula, lambda grad, index, ctx: _share(cls, grad, index, ctx))},
                variadic=True,
            )
        return cls._op

    @classmethod
    def apply(cls, *args: Any) -> Tensor:
        """Run ``forward`` and, if an input requires grad, record a node that will call ``backward``."""
        ctx = FunctionCtx()
        ctx.inputs = len(args)
        with no_grad():
            result = cls.forward(ctx, *args)
        if not isinstance(result, Tensor):
            raise TypeError(f"{cls.__name__}.forward must return a tensor, not {type(result).__name__}")
        needs_grad = any(isinstance(a, Tensor) and a.requires_grad for a in args)
        if needs_grad and is_grad_enabled():
            result = Tensor._wrap(result._own())  # a fresh output, not an input returned as is
            _record(cls._op_for(), args, {"ctx": ctx}, result)
        return result
