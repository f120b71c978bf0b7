"""How an operation is declared, and what running one records.

An operation is declared once, with ``defop``: its forward (a NumPy
function), its PyTorch node name, and one derivative rule per input,
written like PyTorch's derivatives.yaml::

    mul = defop("mul", "MulBackward0", "×", np.multiply,
                a=rule("∂(a·b)/∂a = b", lambda grad, b: grad * b),
                b=rule("∂(a·b)/∂b = a", lambda grad, a: grad * a))

A rule's parameters after ``grad`` name what it needs: an input of the
forward (``a``, ``b``), the result (``out``), a keyword argument of the
forward (``dim``), an input's shape (``a_shape``), or for ops taking a list,
the input's position (``index``) and all shapes (``shapes``).  The node saves
exactly the inputs its rules name, like PyTorch, so an op whose rules need
no values (``add``) can run backward twice and one that does (``mul``)
cannot.  Rules compute with tensors, so with ``create_graph=True`` the
backward pass is itself recorded; broadcasting is undone by the engine, in
one place, never in a rule.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .. import _errors
from ..tensor import Node, Tensor, _grad_mode, gradient_edge

OPS: dict[str, OpDef] = {}
"""Every declared operation by name: the table tests and pictures iterate over."""

_INPUTS = "abc"  # positional inputs are called a, b, c in rules


class Rule:
    """One input's derivative: its formula in words and the function computing it."""

    __slots__ = ("formula", "function", "needs")

    def __init__(self, formula: str, function: Callable) -> None:
        self.formula = formula
        self.function = function
        # What the rule needs: its parameter names after `grad` (no `inspect`:
        # it would add tens of milliseconds to `import autograd_lab`).
        code = function.__code__
        self.needs = code.co_varnames[1 : code.co_argcount]

    def __call__(self, *args: Any) -> Any:
        return self.function(*args)

    def __repr__(self) -> str:
        return f"rule({self.formula!r})"


def rule(formula: str, function: Callable) -> Rule:
    """Declare a derivative rule: ``formula`` says it in maths, ``function`` computes it."""
    return Rule(formula, function)


NOT_DIFFERENTIABLE = None  # an input that takes no gradient (a mask, an index)


class OpDef:
    """One row of the op table (see the module docstring)."""

    def __init__(
        self,
        name: str,
        grad_fn: str,
        symbol: str,
        forward: Callable,
        rules: dict[str, Rule | None],
        variadic: bool = False,  # the forward takes any number of tensors
        view: bool = False,  # the result shares the input's memory
        promotes: bool = False,  # int and float inputs give a float32 result, as in PyTorch
    ) -> None:
        self.name = name
        self.grad_fn = grad_fn
        self.symbol = symbol
        self.forward = forward
        self.rules = rules
        self.variadic = variadic
        self.view = view
        self.promotes = promotes
        # A Node subclass per op, named as PyTorch names it: type(y.grad_fn).__name__
        self.node_class = type(grad_fn or name, (Node,), {"__slots__": ()})
        self.input_names = tuple(rules) if not variadic else ()
        self.differentiable = tuple(i for i, r in enumerate(rules.values()) if r is not NOT_DIFFERENTIABLE)
        # node.input_shapes lists the differentiable inputs' shapes, in order
        self._shape_positions = {
            f"{self.input_names[i]}_shape": position
            for position, i in enumerate(self.differentiable)
            if not variadic
        }
        inputs = set(self.input_names) | {"out"}
        self._saved_names = {
            name: tuple(n for n in r.needs if n in inputs)
            for name, r in rules.items()
            if r is not NOT_DIFFERENTIABLE
        }

    def __repr__(self) -> str:
        return f"<op {self.name} ({self.grad_fn})>"

    def __call__(self, *inputs: Any, **params: Any) -> Tensor:
        return apply(self, inputs, params)

    @property
    def differentiable_rules(self) -> list[tuple[str, Rule]]:
        return [(n, r) for n, r in self.rules.items() if r is not NOT_DIFFERENTIABLE]

    def input_grad(self, position: int, grad: Tensor, node: Node, saved: dict) -> Tensor:
        """Apply the rule for the input at ``position`` (among differentiable inputs)."""
        if self.variadic:
            function = next(iter(self.rules.values()))
            index = position
        else:
            index = self.differentiable[position]
            function = self.rules[self.input_names[index]]
        args = []
        for name in function.needs:
            if name in saved:
                args.append(saved[name])
            elif name in node.params:
                args.append(node.params[name])
            elif name == "index":
                args.append(index)
            elif name == "shapes":
                args.append(node.input_shapes)
            elif name in self._shape_positions:
                args.append(node.input_shapes[self._shape_positions[name]])
            else:  # pragma: no cover - a mistake in the table, caught by the tests
                raise KeyError(f"rule of {self.name} needs unknown {name!r}")
        return function(grad, *args)


def defop(
    name: str,
    grad_fn: str,
    symbol: str,
    forward: Callable,
    *,
    variadic: bool = False,
    view: bool = False,
    promotes: bool = False,
    **rules: Rule | None,
) -> OpDef:
    """Declare an operation: forward, PyTorch node name, and one rule per input."""
    op = OpDef(name, grad_fn, symbol, forward, rules, variadic, view, promotes)
    OPS[name] = op
    return op


def defop_nograd(name: str, forward: Callable, *, promotes: bool = False) -> OpDef:
    """Declare an operation with no derivative (comparisons, logical ops)."""
    return defop(name, "", "", forward, promotes=promotes)


_FLOAT64 = np.dtype(np.float64)


def apply(op: OpDef, inputs: tuple, params: dict) -> Tensor:
    """Run ``op`` forward on ``inputs`` and, if gradients are needed, record a node."""
    arrays = []
    needs_grad = False
    for x in inputs:
        if isinstance(x, Tensor):
            arrays.append(x._array)
            needs_grad = needs_grad or x._requires_grad
        else:
            arrays.append(x.item() if isinstance(x, np.generic) else x)
    try:
        out = op.forward(*arrays, **params)
    except ValueError as error:
        if "broadcast" in str(error):
            shapes = [np.shape(a) for a in arrays]
            raise _errors.broadcast_shapes(shapes[0], shapes[-1]) from None
        raise
    if not isinstance(out, np.ndarray):
        out = np.asarray(out)
    if op.promotes and out.dtype == _FLOAT64 and not _has_float64_tensor(inputs):
        out = out.astype(np.float32)  # PyTorch's default float dtype is float32
    result = Tensor._wrap(out)
    if op.view:
        base = inputs[0]
        result._version = base._version  # views share the counter with their base
        result._base = base._base if base._base is not None else base
    if needs_grad and _grad_mode.enabled and op.differentiable:
        _record(op, inputs, params, result)
    return result


def _has_float64_tensor(inputs: tuple) -> bool:
    return any(isinstance(x, Tensor) and x._array.dtype == _FLOAT64 for x in inputs)


def _record(op: OpDef, inputs: tuple, params: dict, result: Tensor) -> None:
    """Attach a node to ``result``: the edges back, and what the rules need saved."""
    if op.variadic:
        positions = range(len(inputs))
        names = ()
    else:
        positions = op.differentiable
        names = op.input_names
    edges = []
    shapes = []
    saved: dict = {}
    for position in positions:
        x = inputs[position]
        edge = gradient_edge(x) if isinstance(x, Tensor) else None
        edges.append((edge, 0))
        shapes.append(x._array.shape if isinstance(x, Tensor) else ())
        if edge is not None and names:
            for needed in op._saved_names[names[position]]:
                if needed not in saved:
                    saved[needed] = result if needed == "out" else inputs[names.index(needed)]
    node = op.node_class(op, tuple(edges), saved or None, params)
    node.input_shapes = tuple(shapes)
    if saved:
        node.saved_versions = tuple((n, t._version.value) for n, t in saved.items() if isinstance(t, Tensor))
    node.value = result._array
    result.grad_fn = node
    result._requires_grad = True
