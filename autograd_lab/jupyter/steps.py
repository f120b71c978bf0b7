"""A backward pass, recorded step by step so that it can be replayed.

This is the step-through widget's model and holds no widget: it runs
``output.backward()`` under :class:`~autograd_lab.autograd.graph.trace_backward`,
which records each node the engine processes, in the engine's own order,
with the gradient that arrived and what it sent to each input.  From those
records it works out, for any step, which nodes are done (for the
picture) and what happened at that step, in words (for the panel beside it).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import messages
from ..autograd.graph import AccumulateGrad, trace_backward
from ..render import values as V
from ..render.model import Names
from ..tensor import Tensor

# True while a widget runs a backward pass of its own: the auto-display hook
# stays quiet then (the widget shows that pass itself).
recording = False


class widget_backward:
    """Within this block, backward() calls belong to a widget and draw no picture of their own."""

    def __enter__(self) -> None:
        global recording
        self._outer, recording = recording, True

    def __exit__(self, *exc_info: object) -> None:
        global recording
        recording = self._outer


def _text(value: Any) -> str:
    return V.describe_one_line(value)


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

    # -- words -----------------------------------------------------------------------

    def _name_of(self, node: Any) -> str:
        if type(node) is AccumulateGrad:
            return self.names.by_tensor.get(id(node.variable), "a leaf")
        name = self.names.by_node.get(id(node))
        title = type(node).__name__
        return f"{name} = {title}" if name else title

    def _describe(self, record: dict) -> Step:
        node = record["node"]
        step = Step(node, self._name_of(node), record["grad"], record["input_grads"])
        if type(node) is AccumulateGrad:
            grad = node.variable.grad  # each leaf is processed once: this is its .grad after the step
            step.leaf_grad = None if grad is None else grad.numpy().copy()
            return step
        rules = node.op.differentiable_rules
        for index, (child, _) in enumerate(node.next_functions):
            sent = step.input_grads[index] if step.input_grads else None
            if child is None or sent is None:
                continue
            input_name, rule = rules[0] if node.op.variadic else rules[index]
            step.sends.append(
                (child, f"{self._name_of(child)} (input {input_name} of the rule)", rule.formula, sent)
            )
        return step

    def _explain_sums(self) -> None:
        """Record, at each step, what its node had received from each consumer."""
        received: dict = {}
        for step in self.steps:
            step.received = list(received.get(step.node, []))
            for child, _, _, sent in step.sends:
                received.setdefault(child, []).append(np.asarray(sent))
                step.running.append(sum(received[child][1:], received[child][0].copy()))


class Step:
    """One node processed by the backward pass."""

    __slots__ = ("node", "title", "grad", "input_grads", "sends", "received", "running", "leaf_grad")

    def __init__(self, node: Any, title: str, grad: Any, input_grads: tuple | None) -> None:
        self.node = node
        self.title = title
        self.grad = grad
        self.input_grads = input_grads
        self.sends: list[tuple] = []  # (child, its title, rule formula, gradient sent)
        self.received: list = []  # what each consumer sent here, in order
        self.running: list = []  # per send: what that input has received in all, so far
        self.leaf_grad: Any = None  # a leaf's .grad after this step

    @property
    def is_leaf(self) -> bool:
        return type(self.node) is AccumulateGrad

    def lines(self) -> list[str]:
        """What happens at this step, in words and symbols."""
        if self.is_leaf:
            lines = [f"{self.title} is a leaf: the gradient that reached it is {_text(self.grad)}."]
            if len(self.received) > 1:
                parts = " + ".join(_text(g) for g in self.received)
                lines.append(
                    f"It came along {len(self.received)} paths, and they add up: {parts} = {_text(self.grad)}."
                )
            lines.append(f"backward() adds it into {self.title}.grad, which is now {_text(self.leaf_grad)}.")
            return lines
        lines = [f"{self.title}: the gradient arriving at its output is {_text(self.grad)}."]
        if len(self.received) > 1:
            parts = " + ".join(_text(g) for g in self.received)
            lines.append(
                f"It has {len(self.received)} consumers, so their gradients add up: {parts} = {_text(self.grad)}."
            )
        elif not self.received:
            lines.append("It is where backward() starts: the gradient of the output with respect to itself.")
        lines.append("Chain rule: each input gets the incoming gradient times the local derivative.")
        for (_, title, formula, sent), total in zip(self.sends, self.running, strict=True):
            lines.append(f"  to {title}:  {formula},  so it sends {_text(sent)}")
            if not np.array_equal(total, np.asarray(sent)):
                lines.append(f"     (it has now received {_text(total)} in all, from its consumers so far)")
        return lines
