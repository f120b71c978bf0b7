"""What ``Module.register_full_backward_hook`` needs, as in PyTorch's ``torch/utils/hooks.py``.

The module's tensor inputs and outputs each pass through an identity
``autograd.Function`` (recorded as ``BackwardHookFunctionBackward``, as in
PyTorch): the node on the outputs catches the gradients arriving at the
module (``grad_output``), the node on the inputs the gradients leaving it
(``grad_input``); then the user's hooks run with both and may replace
``grad_input``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ... import messages
from ..._grad_mode import is_grad_enabled
from ...autograd.function import Function
from ...creation import zeros
from ...tensor import Tensor


class BackwardHookFunction(Function):
    """The identity; its node is where a module's backward hooks listen."""

    @staticmethod
    def forward(ctx: Any, *args: Tensor) -> tuple[Tensor, ...]:
        ctx.mark_non_differentiable(*[arg for arg in args if not arg.requires_grad])
        return args

    @staticmethod
    def backward(ctx: Any, *args: Tensor) -> tuple[Tensor, ...]:
        return args


def _function_node(node: Any) -> Any:
    """The identity Function's node: ``node`` itself, or, for one of several outputs, the node that output
    hands its gradient to, whose hooks see every input's gradient (see ``autograd.function``)."""
    return node.params["ctx"]._node() if "output_nr" in node.params else node


def _pack_with_none(indices: list[int], values: tuple, size: int) -> tuple:
    packed: list[Any] = [None] * size
    for index, value in zip(indices, values, strict=False):
        packed[index] = value
    return tuple(packed)


class BackwardHook:
    """One call's backward hooks: set up on the inputs before ``forward`` and on the outputs after it."""

    def __init__(self, module: Any, user_hooks: list[Callable], user_pre_hooks: list[Callable]) -> None:
        self.module = module
        self.user_hooks = user_hooks
        self.user_pre_hooks = user_pre_hooks
        self.grad_outputs: tuple | None = None
        self.n_outputs = -1
        self.output_tensors_index: list[int] | None = None
        self.n_inputs = -1
        self.input_tensors_index: list[int] | None = None
        self.constant_inputs: list = []  # (shape, dtype) of each tensor input that takes no gradient

    def _apply_on_tensors(self, fn: Callable, args: tuple) -> tuple[tuple, list[int] | None]:
        indices = [i for i, arg in enumerate(args) if isinstance(arg, Tensor)]
        tensors = [args[i] for i in indices]
        if not (any(t.requires_grad for t in tensors) and is_grad_enabled()):
            return args, None
        new_tensors = BackwardHookFunction.apply(*tensors)
        if not isinstance(new_tensors, tuple):
            new_tensors = (new_tensors,)
        nodes = [t.grad_fn for t in new_tensors if t.grad_fn is not None]
        fn(_function_node(nodes[0]))
        replaced = list(args)
        for index, value in zip(indices, new_tensors, strict=True):
            replaced[index] = value
        return tuple(replaced), indices

    def _user_hook(self, grad_input: tuple, _: tuple) -> tuple | None:
        if self.grad_outputs is None:  # the gradient reached the inputs without passing the outputs
            return None
        # (an input that takes no gradient gets the identity's zeros, as PyTorch's hooks see it)
        grad_input = tuple(
            zeros(shape[0], dtype=shape[1]) if g is None and shape is not None else g
            for g, shape in zip(grad_input, self.constant_inputs, strict=False)
        )
        result = _pack_with_none(self.input_tensors_index, grad_input, self.n_inputs)
        for hook in self.user_hooks:
            out = hook(self.module, result, self.grad_outputs)
            if out is None:
                continue
            if len(out) != len(result):
                raise messages.error("nn_backward_hook_count", got=len(out), expected=len(result))
            result = out
        self.grad_outputs = None
        return tuple(
            None if constant is not None else result[i]  # (no edge to send a gradient along)
            for i, constant in zip(self.input_tensors_index, self.constant_inputs, strict=True)
        )

    def setup_input_hook(self, args: tuple) -> tuple:
        """Pass the tensor inputs through the hook node; its hook calls the user's hooks."""
        result, indices = self._apply_on_tensors(lambda node: node.register_hook(self._user_hook), args)
        tensors = [arg for arg in args if isinstance(arg, Tensor)]
        self.constant_inputs = [None if t.requires_grad else (t.shape, t.dtype) for t in tensors]
        self.n_inputs = len(args)
        self.input_tensors_index = indices
        return result

    def _output_hook(self, _: tuple, grad_output: tuple) -> tuple | None:
        self.grad_outputs = _pack_with_none(self.output_tensors_index, grad_output, self.n_outputs)
        for pre_hook in self.user_pre_hooks:
            replaced = pre_hook(self.module, self.grad_outputs)
            if replaced is None:
                continue
            if len(replaced) != len(self.grad_outputs):
                raise messages.error(
                    "nn_backward_pre_hook_count", got=len(replaced), expected=len(self.grad_outputs)
                )
            self.grad_outputs = replaced
        local_grad_outputs = self.grad_outputs
        if self.input_tensors_index is None:
            messages.warn("nn_backward_hook_no_input_grad")  # (at the lesson's backward() line, as PyTorch's)
            grad_inputs = _pack_with_none([], (), self.n_inputs)
            for hook in self.user_hooks:
                out = hook(self.module, grad_inputs, self.grad_outputs)
                if out is not None and not (isinstance(out, tuple) and all(g is None for g in out)):
                    raise messages.error("nn_backward_hook_no_input_return")
            self.grad_outputs = None
        if local_grad_outputs is None:
            return None
        return tuple(local_grad_outputs[i] for i in self.output_tensors_index)

    def _register_output_hook(self, node: Any) -> None:
        """The output hook on the identity's node: after it runs, or, when the identity has several
        outputs, before its Function's node runs, with the gradients its per-output nodes brought."""
        calls = node.params["ctx"]._calls
        if calls.single is not None:
            node.register_hook(self._output_hook)
            return

        def before(_: tuple) -> None:
            arrived = tuple(calls.arrived.get(k) for k in range(len(calls.outputs)))
            replaced = self._output_hook((), arrived)
            if replaced is not None:
                calls.arrived = {k: g for k, g in enumerate(replaced) if g is not None}

        node.register_prehook(before)

    def setup_output_hook(self, output: Any) -> Any:
        """Pass the tensor outputs through the hook node; its hook records the gradients arriving."""
        single = not isinstance(output, tuple)
        outputs = (output,) if single else output
        result, indices = self._apply_on_tensors(self._register_output_hook, outputs)
        self.n_outputs = len(outputs)
        self.output_tensors_index = indices
        return result[0] if single else result
