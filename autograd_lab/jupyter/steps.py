"""A backward pass, recorded step by step so that it can be replayed.

This is the step-through widget's model and holds no widget: it runs
``output.backward()`` under :class:`~autograd_lab.autograd.graph.trace_backward`,
which records each node the engine processes, in the engine's own order,
with the gradient that arrived and what it sent to each input.  From those
records it works out, for any step, which nodes are done (for the
picture) and what happened at that step, in words and in numbers (for the
panel beside it): each input's own rule, and its arithmetic with the
numbers of this pass, ``14 × x (= 2) → 28``.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from .. import messages
from ..autograd.graph import AccumulateGrad, trace_backward
from ..messages import say
from ..render import values as V
from ..render.model import Names, module_label, module_level, parameters_of
from ..tensor import Tensor

# True while a widget runs a backward pass of its own: the auto-display hook
# stays quiet then (the widget shows that pass itself).
recording = False

BY = ("node", "module")
_NUMBER = re.compile(r"^[−-]?\d+(\.\d+)?$")


class widget_backward:
    """Within this block, backward() calls belong to a widget and draw no picture of their own."""

    def __enter__(self) -> None:
        global recording
        self._outer, recording = recording, True

    def __exit__(self, *exc_info: object) -> None:
        global recording
        recording = self._outer


def _text(value: Any) -> str:
    """A value or gradient in the panel: in full when small, else shape and norm."""
    return V.edge_text(value)


class BackwardSteps:
    """The steps of ``output.backward(gradient)``, in the engine's order.

    Running it is running the backward pass: leaves' ``.grad`` change as
    ``backward()`` would change them, and the graph's saved values are freed.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor(3.0, requires_grad=True)
    >>> y = x * x + x
    >>> steps = BackwardSteps(y, names={"x": x, "y": y})
    >>> [step.title for step in steps.steps]
    ['y = AddBackward0', 'MulBackward0', 'x']
    >>> print(steps.steps[1].lines()[-2])
        1 × x (= 3) → 3
    >>> steps.steps[-1].grad, x.grad
    (array(7., dtype=float32), tensor(7.))
    """

    def __init__(
        self, output: Tensor, gradient: Tensor | None = None, names: dict | Names | None = None
    ) -> None:
        if not isinstance(output, Tensor):
            raise messages.error("step_not_tensor", type_name=type(output).__name__)
        if output.grad_fn is None:
            raise messages.error("step_no_graph")
        self.output = output
        self.names = names if isinstance(names, Names) else Names([names] if names is not None else [])
        with widget_backward(), trace_backward() as records:
            output.backward(gradient)
        self.steps = [self._describe(record) for record in records]
        self._explain_sums()

    def __len__(self) -> int:
        return len(self.steps)

    def progress(self, k: int) -> dict:
        """The nodes done after ``k`` steps: node -> (grad, input_grads), for the picture."""
        return {step.node: (step.grad, step.input_grads) for step in self.steps[:k]}

    def groups(self, by: str = "node") -> list[list[Step]]:
        """The steps one click apart: each node, or each module's nodes together (``by="module"``).

        A module's steps are the engine's steps, in order, whose node its
        ``forward`` made; a leaf that is one of its parameters joins it.
        """
        if by not in BY:
            raise ValueError(f"by must be one of {', '.join(BY)}, not {by!r}")
        if by == "node":
            return [[step] for step in self.steps]
        level = module_level(step.node.scope for step in self.steps if not step.is_leaf)
        groups: list[list[Step]] = []
        owner: list[Any] = []  # the module of each group, or None
        for step in self.steps:
            module = _module_at(step, level)
            if step.is_leaf and groups and owner[-1] is not None:
                if any(p is step.node.variable for _, p in parameters_of(owner[-1][1])):
                    groups[-1].append(step)
                    continue
            if module is not None and groups and owner[-1] is not None and owner[-1][1] is module[1]:
                groups[-1].append(step)
                continue
            groups.append([step])
            owner.append(module)
        return groups

    # -- words -----------------------------------------------------------------------

    def _name_of(self, node: Any) -> str:
        if type(node) is AccumulateGrad:
            return self.names.by_tensor.get(id(node.variable), say("a_leaf"))
        name = self.names.by_node.get(id(node))
        title = type(node).__name__
        return f"{name} = {title}" if name else title

    def _short_name(self, node: Any, constant: Any) -> str:
        """What a rule's letter stands for here: the input's name, or the constant's value."""
        if node is None:
            return V.tree_text(constant) if constant is not None else "?"
        if type(node) is AccumulateGrad:
            return self.names.by_tensor.get(id(node.variable), say("a_leaf"))
        return self.names.by_node.get(id(node)) or type(node).__name__

    def _describe(self, record: dict) -> Step:
        node = record["node"]
        step = Step(node, self._name_of(node), record["grad"], record["input_grads"])
        if type(node) is AccumulateGrad:
            grad = node.variable.grad  # each leaf is processed once: this is its .grad after the step
            step.leaf_grad = None if grad is None else grad.numpy().copy()
            return step
        rules = node.op.differentiable_rules
        letters = [name for name, _ in rules] if not node.op.variadic else []
        constants = node.constants or (None,) * len(node.next_functions)
        meaning = {
            letter: self._short_name(child, constants[index] if index < len(constants) else None)
            for index, (letter, (child, _)) in enumerate(zip(letters, node.next_functions, strict=False))
        }
        for index, (child, _) in enumerate(node.next_functions):
            sent = step.input_grads[index] if step.input_grads else None
            if child is None or sent is None:
                continue
            input_name, rule = rules[0] if node.op.variadic else rules[index]
            arithmetic = _arithmetic(rule.formula, meaning, step.grad, sent)
            step.sends.append(Send(child, self._name_of(child), input_name, rule.formula, arithmetic, sent))
        return step

    def _explain_sums(self) -> None:
        """Record, at each step, what its node had received from each consumer."""
        received: dict = {}
        for step in self.steps:
            step.received = list(received.get(step.node, []))
            for send in step.sends:
                received.setdefault(send.child, []).append(np.asarray(send.sent))
                step.running.append(sum(received[send.child][1:], received[send.child][0].copy()))


def _module_at(step: Step, level: int) -> tuple | None:
    scope = getattr(step.node, "scope", ()) or ()
    return scope[level] if len(scope) > level else None


def _arithmetic(formula: str, meaning: dict[str, str], grad: Any, sent: Any) -> str:
    """The rule with this pass's numbers: incoming gradient × local derivative → what is sent.

    The local derivative is read off the numbers (sent / incoming) where the
    rule is elementwise; a derivative that is one letter of the rule is
    written with the name of what that letter stands for: ``14 × x (= 2) → 28``.
    """
    derivative = formula.split(" = ", 1)[1].strip() if " = " in formula else ""
    incoming, out = np.asarray(grad), np.asarray(sent)
    if not derivative or incoming.shape != out.shape or incoming.size == 0 or not np.all(incoming != 0):
        return say("step_sends", sent=_text(sent))
    if _NUMBER.match(derivative):
        return f"{_text(grad)} × {derivative} → {_text(sent)}"
    with np.errstate(all="ignore"):
        local = out.astype(np.float64) / incoming.astype(np.float64)
    named, value = meaning.get(derivative, derivative), _text(local)
    factor = named if named == value else f"{named} (= {value})"  # a constant is its own value
    return f"{_text(grad)} × {factor} → {_text(sent)}"


class Send:
    """What one step sent to one input: by which rule, with which numbers."""

    __slots__ = ("child", "title", "input_name", "formula", "arithmetic", "sent")

    def __init__(
        self, child: Any, title: str, input_name: str, formula: str, arithmetic: str, sent: Any
    ) -> None:
        self.child = child
        self.title = title
        self.input_name = input_name
        self.formula = formula
        self.arithmetic = arithmetic
        self.sent = sent


class Step:
    """One node processed by the backward pass."""

    __slots__ = ("node", "title", "grad", "input_grads", "sends", "received", "running", "leaf_grad")

    def __init__(self, node: Any, title: str, grad: Any, input_grads: tuple | None) -> None:
        self.node = node
        self.title = title
        self.grad = grad
        self.input_grads = input_grads
        self.sends: list[Send] = []  # one per input that got a gradient
        self.received: list = []  # what each consumer sent here, in order
        self.running: list = []  # per send: what that input has received in all, so far
        self.leaf_grad: Any = None  # a leaf's .grad after this step

    @property
    def is_leaf(self) -> bool:
        return type(self.node) is AccumulateGrad

    @property
    def module(self) -> str:
        """The module whose forward made this node (``fc1: Linear(2 → 16)``), if any."""
        scope = getattr(self.node, "scope", ()) or ()
        if not scope:
            return ""
        return module_label(".".join(name for name, _ in scope if name), scope[-1][1])

    def lines(self) -> list[str]:
        """What happens at this step, in words and numbers."""
        grad = _text(self.grad)
        if len(self.received) > 1:
            parts = " + ".join(_text(g) for g in self.received)
        if self.is_leaf:
            lines = [say("step_leaf", title=self.title, grad=grad)]
            if len(self.received) > 1:
                lines.append(say("step_leaf_paths", count=len(self.received), parts=parts, grad=grad))
            lines.append(say("step_leaf_adds", title=self.title, total=_text(self.leaf_grad)))
            return lines
        lines = [say("step_arrives", title=self.title, grad=grad)]
        if len(self.received) > 1:
            lines.append(say("step_consumers", count=len(self.received), parts=parts, grad=grad))
        elif not self.received:
            lines.append(say("step_start"))
        lines.append(say("step_chain"))
        for send, total in zip(self.sends, self.running, strict=True):
            lines.append(say("step_send", title=send.title, input=send.input_name, formula=send.formula))
            lines.append(f"    {send.arithmetic}")
            if not np.array_equal(total, np.asarray(send.sent)):
                lines.append(say("step_running", total=_text(total)))
        return lines
