"""How an operation is declared, and what running one records.

An operation is declared once, with ``defop``: its forward (a NumPy
function), its PyTorch node name, and one derivative rule per input,
written like PyTorch's derivatives.yaml::

    mul = defop("mul", "MulBackward0", "×", np.multiply,
                opmath=True,
                a=rule("∂(a·b)/∂a = b", lambda grad, b: grad * b),
                b=rule("∂(a·b)/∂b = a", lambda grad, a: grad * a))

A rule's parameters after ``grad`` name what it needs: an input of the
forward (``a``, ``b``), the result (``out``), a keyword argument of the
forward (``dim``), an input's shape (``a_shape``), or for ops taking a list,
the input's position (``index``) and all shapes (``shapes``).  The node saves
exactly the inputs its rules name, like PyTorch, so an op whose rules need
no values (``add``) can run backward twice and one that does (``mul``)
cannot.  Rules work on NumPy arrays and on tensors alike: the backward pass
gives them arrays (fast), or, with ``create_graph=True``, tensors, so that
the backward pass is itself recorded and can be differentiated again.
Broadcasting is undone by the engine, in one place, never in a rule.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from .. import _numpy_warnings, _views, messages
from .._device import carry_meta, meta_state
from .._dtype import default_float
from .._grad_mode import _grad_mode, made_without_grad, remember_cut
from .._written import define
from ..autograd.engine import Node, _lent, accumulator_of, raw_saved_attribute, saved_attribute
from ..messages import errors
from ..tensor import INFERENCE, Tensor

OPS: dict[str, OpDef] = {}
"""Every declared operation by name: the table tests and pictures iterate over."""

PUBLIC: dict[str, Any] = {}
"""What ``autograd_lab`` exports from the op table: ``torch.exp``, ``torch.sum`` ..."""

METHODS: dict[str, Any] = {}
"""Tensor's methods from the op table: ``x.exp()``, ``x + y`` (``__add__``) ..."""


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

    def __repr__(self) -> str:
        return f"rule({self.formula!r})"


def _in_opmath_rule(rule_: Rule) -> Rule:
    """An opmath op's rule whose float16 gradient is computed in float32 and rounded once at the end, as
    PyTorch's backward kernels compute it (``(x / 0.3).sum().backward()`` in float16)."""
    function = rule_.function

    def in_opmath(grad: Any, *args: Any) -> Any:
        if type(grad) is not np.ndarray or grad.dtype != _FLOAT16:
            return function(grad, *args)
        wide = [a.astype(np.float32) if type(a) is np.ndarray and a.dtype == _FLOAT16 else a for a in args]
        result = function(grad.astype(np.float32), *wide)
        return (
            result.astype(_FLOAT16) if type(result) is np.ndarray and result.dtype == np.float32 else result
        )

    wrapped = object.__new__(Rule)  # (the same formula and needs: the wrapper's own names say nothing)
    wrapped.formula, wrapped.function, wrapped.needs = rule_.formula, in_opmath, rule_.needs
    return wrapped


def rule(formula: str, function: Callable) -> Rule:
    """Declare a derivative rule: ``formula`` says it in maths, ``function`` computes it."""
    return Rule(formula, function)


def values_of(x: Any) -> Any:
    """The NumPy values of a tensor; arrays and numbers as they are."""
    return x._array if isinstance(x, Tensor) else x


NOT_DIFFERENTIABLE = None  # an input that takes no gradient (a mask, an index)

# Where a rule's argument comes from (see OpDef._plan).
_SAVED, _OUT, _PARAM, _SHAPE, _INDEX, _SHAPES = range(6)


class OpDef:
    """One row of the op table (see the module docstring)."""

    __slots__ = (
        "name",
        "node_name",
        "symbol",
        "forward",
        "rules",
        "variadic",
        "view",
        "promotes",
        "opmath",
        "_node_class",
        "_saved_names",
        "input_names",
        "differentiable",
        "_shape_positions",
        "_record_plan",
        "_rule_plans",
        "_saved_rule_names",
        "_all_needs",
        "saved_strides",
        "_needs_without",
        "_ufunc_inputs",
    )

    def __init__(
        self,
        name: str,
        node_name: str,
        symbol: str,
        forward: Callable,
        rules: dict[str, Rule | None],
        variadic: bool = False,  # the forward takes any number of tensors
        view: bool = False,  # the result shares the input's memory
        promotes: bool = False,  # int and float inputs give a default-dtype (float32) result, as in PyTorch
        opmath: bool = False,  # float16 computed in float32, rounded once (see _in_opmath)
    ) -> None:
        self.name = name
        self.node_name = node_name  # PyTorch's name of the node: "MulBackward0"
        self.symbol = symbol
        self.forward = forward
        self.rules = rules
        self.variadic = variadic
        self.view = view
        self.promotes = promotes
        self.opmath = opmath
        # A NumPy ufunc's inputs: it would take one more array as its output (torch.floor(x, y) writing into y)
        self._ufunc_inputs = forward.nin if isinstance(forward, np.ufunc) else None
        self._node_class: type | None = None  # made on first use (see node_class)
        self._saved_names: set[str] = set()  # the node class's _saved_<name> properties, to add or added
        self.input_names = tuple(rules) if not variadic else ()
        self.differentiable = tuple(i for i, r in enumerate(rules.values()) if r is not NOT_DIFFERENTIABLE)
        # node.input_shapes lists the differentiable inputs' shapes, in order
        self._shape_positions = {
            f"{self.input_names[i]}_shape": position
            for position, i in enumerate(self.differentiable)
            if not variadic
        }
        self._rule_plans: list | None = None  # worked out on first use (see _plan_rules)
        # (position, "<name>_strides") of the inputs whose strides the node keeps as params of that name
        # (mm's rules lay a gradient out as its factor, as PyTorch's keep mat2_sym_strides)
        self.saved_strides: tuple = ()
        # what the node saves when the inputs marked True take no gradient (see _record)
        self._needs_without: dict[int, tuple] = {}  # by which inputs take no gradient, bit k for input k
        # PyTorch's names for what a node saves (grad_fn._saved_self ...) -> this op's rule names
        self.saved_rule_names = {"self": "a", "other": "b", "result": "out"}

    @property
    def node_class(self) -> type:
        """The Node subclass of this op, named as PyTorch names it: ``type(y.grad_fn).__name__``.

        Made when first asked for, with its ``_saved_<name>`` properties: made
        for all ~300 ops, they were a third of ``import autograd_lab``.
        """
        if self._node_class is None:
            # (in "builtins", so that type(y.grad_fn) prints <class 'MulBackward0'> as in PyTorch)
            name = self.node_name or self.name
            namespace = {"__slots__": (), "__module__": "builtins"}
            if (
                "::" in name
            ):  # (a C++ node of PyTorch's, "torch::autograd::NotImplemented": the class is its last word)
                namespace["name"] = lambda node, full=name: full
                name = name.rsplit("::", 1)[1]
            if not self.variadic:
                namespace["_backward"] = compile_backward(self)
            self._node_class = type(name, (Node,), namespace)
            self._add_saved_attributes()
        return self._node_class

    @node_class.setter
    def node_class(self, node_class: type) -> None:
        self._node_class = node_class  # an op whose node is a class of its own (CopySlices)

    @property
    def saved_rule_names(self) -> dict[str, str]:
        """PyTorch's names for what this op's node saves (``_saved_self``) -> the rules' names (``a``)."""
        return self._saved_rule_names

    @saved_rule_names.setter
    def saved_rule_names(self, names: dict[str, str]) -> None:
        self._saved_rule_names = names
        self._saved_names.update(names)
        if self._node_class is not None:
            self._add_saved_attributes()

    def _add_saved_attributes(self) -> None:
        """Give the node class a ``_saved_<name>`` property for each name its node may have saved.

        The names: PyTorch's (``self``, ``other``, ``result``, ``mat2`` ...), the inputs',
        and every name a rule or the forward takes (a parameter such as ``exponent``).
        """
        names = self._saved_names  # (with the names of every saved_rule_names and rule it had)
        names.update(self._saved_rule_names, self.input_names, ("result",))
        for rule_ in self.rules.values():
            if rule_ is not NOT_DIFFERENTIABLE:
                names.update(rule_.needs)
        code = getattr(self.forward, "__code__", None)
        if code is not None:
            names.update(code.co_varnames[: code.co_argcount + code.co_kwonlyargcount])
        node_class = self._node_class
        for name in names:
            if f"_saved_{name}" not in node_class.__dict__:  # (each setattr on a class costs)
                setattr(node_class, f"_saved_{name}", saved_attribute(name))
                setattr(node_class, f"_raw_saved_{name}", raw_saved_attribute(name))

    def replace_rule(self, input_name: str, new_rule: Rule) -> Rule:
        """Put ``new_rule`` in place of an input's rule (tests use it); returns the old one."""
        old = self.rules[input_name]
        self.rules[input_name] = new_rule
        self._plan_rules()
        if self._node_class is not None and not self.variadic:
            self._node_class._backward = compile_backward(self)
        if old is not NOT_DIFFERENTIABLE:
            self._saved_names.update(old.needs)
        if self._node_class is not None:
            self._add_saved_attributes()
        return old

    def _plan_rules(self) -> None:
        # For each differentiable input: its position, and what its rule needs
        # saved, as (name, position of that input, or -1 for the output).
        # Worked out when the op is first recorded: for all ~300 ops, a tenth of the import.
        positions = {name: i for i, name in enumerate(self.input_names)}
        positions["out"] = -1
        self._record_plan = [
            (i, tuple((n, positions[n]) for n in self.rules[self.input_names[i]].needs if n in positions))
            for i in self.differentiable
            if not self.variadic
        ]
        self._rule_plans = [
            (_in_opmath_rule(r) if self.opmath else r, self._plan(r)) for _, r in self.differentiable_rules
        ]
        # What the node saves when every input takes a gradient (or there is one input): each
        # name once, in the order of the inputs
        needed = (need for _, needs in self._record_plan for need in needs)
        self._all_needs = tuple(dict.fromkeys(needed))

    def __repr__(self) -> str:
        return f"<op {self.name} ({self.node_name})>"

    @property
    def __doc__(self) -> str:  # type: ignore[override]
        """What ``help(torch.exp)`` shows: the op, its node and its derivative rules."""
        if not self.node_name:
            return f"``{self.name}``: computed with NumPy; its result has no gradient."
        rules = "\n".join(f"    {r.formula}" for _, r in self.differentiable_rules)
        return f"``{self.name}``, recorded as ``{self.node_name}``. Derivative rules:\n\n{rules}\n"

    def __call__(self, *inputs: Any, **params: Any) -> Tensor | np.ndarray:
        if (
            "out" in params
        ):  # (out= is taken by the functions PyTorch takes it for: see _out.py; not by NumPy's ufuncs)
            raise messages.error("unexpected_keyword", function=self.name, name="out")
        if self._ufunc_inputs is not None and len(inputs) > self._ufunc_inputs:  # (nor by position)
            said = counted_sentence(self.name, self._ufunc_inputs, len(inputs))
            raise messages.error("arguments_count", sentence=said, where=f"torch.{self.name}")
        for x in inputs:
            if isinstance(x, Tensor):
                return apply(self, inputs, params)
        if not inputs and "input" in params:  # PyTorch's keywords: torch.mul(input=x, other=y)
            named = [params.pop(name) for name in ("input", "other") if name in params]
            return self(*named, **params)
        # Plain arrays in, plain array out: how rules compute in a backward
        # pass that is not itself recorded (no create_graph), at NumPy's speed.
        return self.forward(*inputs, **params)

    @property
    def differentiable_rules(self) -> list[tuple[str, Rule]]:
        return [(n, r) for n, r in self.rules.items() if r is not NOT_DIFFERENTIABLE]

    def input_grad(self, position: int, grad: Any, node: Node, saved: dict, arrays: bool) -> Any:
        """Apply the rule for the input at ``position`` (among differentiable inputs).

        With ``arrays``, saved tensors are passed as their NumPy arrays, so the
        rule computes plain arrays; otherwise it computes (and records) tensors.
        """
        if self._rule_plans is None:
            self._plan_rules()
        rule_, plan = self._rule_plans[0 if self.variadic else position]
        if not plan:
            return rule_.function(grad)  # add, sub, neg: the gradient alone
        args = [grad]
        for kind, key in plan:
            if kind == _SAVED:
                value = saved[key]
                args.append(value._array if arrays and isinstance(value, Tensor) else value)
            elif kind == _OUT:
                args.append(saved["out"]._array if arrays else _output_of(node, saved["out"]))
            elif kind == _PARAM:
                args.append(node.params[key])
            elif kind == _SHAPE:
                args.append(node.input_shapes[key])
            elif kind == _INDEX:
                args.append(position)
            else:
                args.append(node.input_shapes)
        return rule_.function(*args)

    def _plan(self, rule_: Rule) -> tuple:
        """Where each argument of a rule comes from, worked out once per op."""
        plan = []
        for name in rule_.needs:
            if name == "out":
                plan.append((_OUT, None))
            elif name in self.input_names:
                plan.append((_SAVED, name))
            elif name in self._shape_positions:
                plan.append((_SHAPE, self._shape_positions[name]))
            elif name == "index":
                plan.append((_INDEX, None))
            elif name == "shapes":
                plan.append((_SHAPES, None))
            else:
                plan.append((_PARAM, name))  # a keyword argument of the forward
        return tuple(plan)


def compile_backward(op: OpDef) -> Callable:
    """``Node._backward`` written out for one op: its rules called directly, their arguments fetched.

    The engine's ``Node._backward`` is the definition: for each input, it asks
    the op table's ``input_grad`` to walk the rule's plan and gather its
    arguments.  Doing that walk on every call was a fifth of a tiny op's
    backward pass, so each op's node class gets the same steps as
    straight-line code, made once from the op's plans (as PyTorch generates
    its C++ backward functions from derivatives.yaml).  Ops with any number
    of inputs, and nodes with their own class, keep ``Node._backward``.

    For ``mul``, whose rule for ``a`` takes ``(grad, b)``, the first input's
    step reads (``_lent.sum_to_size`` undoes broadcasting)::

        child = edges[0][0]
        if child is None or (useful is not None and child not in useful):
            g0 = None
        else:
            g0 = rule0(grad, (v._array if isinstance(v := saved['b'], Tensor) else v)) if arrays else rule0(grad, saved['b'])
            if g0 is grad and arrays:
                g0 = grad.view()
            if g0 is not None and g0.shape != shapes[0]:
                g0 = _lent.sum_to_size(g0, shapes[0])
    """
    if op._rule_plans is None:
        op._plan_rules()
    rules = {}
    needs_saved = any(kind in (_SAVED, _OUT) for _, plan in op._rule_plans for kind, _ in plan)
    lines = [
        "def _backward(self, grad, arrays, useful, destination):",
        "    shapes = self.input_shapes",
        "    edges = self.next_functions",
    ]
    if needs_saved:  # (an op whose rules read nothing saved saves nothing: there is nothing to check)
        lines += [
            "    saved = self.saved",
            "    if saved is None:",
            "        saved = self._check_saved()  # raises if backward() already freed them",
            "    else:",
            "        for name, version in self.saved_versions:",
            "            if saved[name]._version_counter.value != version:",
            "                saved = self._check_saved()  # raises PyTorch's error",
        ]
    for index, (rule_, plan) in enumerate(op._rule_plans):
        rules[f"rule{index}"] = rule_.function
        from_arrays, from_tensors = ["grad"], ["grad"]
        for kind, key in plan:
            if kind == _SAVED:
                from_arrays.append(f"(v._array if isinstance(v := saved[{key!r}], Tensor) else v)")
                from_tensors.append(f"saved[{key!r}]")
            elif kind == _OUT:
                from_arrays.append("saved['out']._array")
                from_tensors.append("_output_of(self, saved['out'])")
            else:
                value = {_PARAM: f"self.params[{key!r}]", _SHAPE: f"shapes[{key}]", _INDEX: str(index)}
                from_arrays.append(value.get(kind, "shapes"))
                from_tensors.append(value.get(kind, "shapes"))
        call_arrays, call_tensors = (
            f"rule{index}({', '.join(args)})" for args in (from_arrays, from_tensors)
        )
        call = call_arrays if call_arrays == call_tensors else f"{call_arrays} if arrays else {call_tensors}"
        lines += [
            f"    child = edges[{index}][0]",
            "    if child is None or (useful is not None and child not in useful):",
            f"        g{index} = None",
            "    else:",
            f"        g{index} = {call}",
            f"        if g{index} is grad and arrays:",
            f"            g{index} = grad.view()",
            f"        if g{index} is not None and g{index}.shape != shapes[{index}]:",
            f"            g{index} = _lent.sum_to_size(g{index}, shapes[{index}])",
        ]
    grads = "".join(f"g{index}, " for index in range(len(op._rule_plans)))
    lines += [
        f"    grads = ({grads})",
        "    self.input_grads = grads if arrays else tuple(None if g is None else g._array for g in grads)",
        "    return grads",
    ]
    source = "\n".join(lines) + "\n"
    namespace = {"Tensor": Tensor, "_output_of": _output_of, "_lent": _lent, **rules}
    function = define(source, f"<backward of {op.name}>", namespace, "_backward")  # tracebacks show it
    function.__qualname__ = f"{op.node_name or op.name}._backward"
    function.__doc__ = Node._backward.__doc__
    return function


def _saved_output(result: Tensor) -> Tensor:
    """What a node keeps of its own output: the values and the version counter.

    Not the output tensor itself: that one points to the node (grad_fn), and
    the node pointing back would make a cycle that only the garbage collector
    frees.  PyTorch's SavedVariable avoids it the same way.
    """
    kept = Tensor._wrap(result._array)
    kept._version_counter = result._version_counter
    return kept


def _output_of(node: Node, kept: Tensor) -> Tensor:
    """The output as a tensor of the graph again, for a recorded (create_graph) backward."""
    out = Tensor._wrap(kept._array, requires_grad=True)
    out._grad_fn = node
    out._version_counter = kept._version_counter
    return out


def defop(
    name: str,
    node_name: str,
    symbol: str,
    forward: Callable,
    *,
    variadic: bool = False,
    view: bool = False,
    promotes: bool = False,
    opmath: bool = False,
    public: bool = False,
    method: bool = False,
    **rules: Rule | None,
) -> OpDef:
    """Declare an operation: forward, PyTorch node name, maths symbol, and one rule per input.

    ``public=True`` exports it as ``autograd_lab.<name>`` and ``method=True``
    as ``Tensor.<name>``; an op used only through a wrapper function (such as
    ``sum``, which picks ``sum_op`` or ``sum_dim_op``) exports the wrapper
    with :func:`export` instead.  ``opmath=True``: float16 is computed in
    float32 and rounded once, as PyTorch's CPU kernels do (``x * 0.1``, softmax).
    """
    if name in OPS:
        raise ValueError(f"an op named {name!r} is already in the table ({OPS[name]!r})")
    op = OpDef(name, node_name, symbol, forward, rules, variadic, view, promotes, opmath)
    OPS[name] = op
    if public:
        export(op, name=name)
    if method:
        methods({name: op})
    return op


def not_implemented(name: str) -> Rule:
    """The rule of an input PyTorch records a node for but cannot differentiate (its ``NotImplemented`` node):
    backward raises there, rather than taking the result for a constant."""

    def refuse(grad: Any) -> Any:
        raise messages.error("derivative_not_implemented", name=name)

    return rule(f"none: PyTorch has no derivative of aten::{name}", refuse)


def defop_nograd(name: str, forward: Callable, *, promotes: bool = False, public: bool = False) -> OpDef:
    """Declare an operation with no derivative (comparisons, logical ops)."""
    return defop(name, "", "", forward, promotes=promotes, public=public)


def export(function: Any = None, *, name: str | None = None, method: bool | str = False) -> Any:
    """Export a function as ``autograd_lab.<name>`` (and, with ``method``, as a Tensor method).

    Used as a decorator (``@export`` or ``@export(method=True)``) on the
    functions that wrap ops; ``method="clip"`` gives the method another name.
    """

    def register(f: Any) -> Any:
        public_name = name or getattr(f, "name", None) or f.__name__
        if public_name in PUBLIC:
            raise ValueError(f"autograd_lab.{public_name} is exported twice")
        PUBLIC[public_name] = f
        if method:
            methods({public_name if method is True else method: f})
        return f

    return register if function is None else register(function)


def keyword_names(op: OpDef) -> tuple[str, ...]:
    """PyTorch's keyword names of an op's tensor inputs, in order: ``("input", "other")``, ``("input", "mat2")``.

    The first input is ``input``; the others are named as the op's node names
    what it saves (PyTorch's schema names: ``mat2`` for mm, ``tensor`` for dot),
    else ``other``; an op without rules (a comparison) counts its forward's inputs.
    """
    names = op.input_names
    if not names:
        count = getattr(op.forward, "nin", None)  # a NumPy ufunc: np.equal
        code = getattr(op.forward, "__code__", None)
        names = ("a", "b", "c")[:count] if count else code.co_varnames[: code.co_argcount] if code else ()
    pytorch = {rule_name: name for name, rule_name in op.saved_rule_names.items() if name != "result"}
    return tuple("input" if i == 0 else pytorch.get(name, name) for i, name in enumerate(names))


def by_keyword(function: Callable, names: tuple[str, ...]) -> Callable:
    """``function`` that also takes its inputs by PyTorch's keyword names: ``torch.dot(a, tensor=b)``.

    The names an input left out by position are moved into their places;
    other keywords go through as they are.  (``OpDef.__call__`` maps only
    ``input=``/``other=`` with no input by position: it is every op's hot path.)
    """

    def with_keywords(*inputs: Any, **params: Any) -> Any:
        if params:
            rest = names[len(inputs) :]
            if any(name in params for name in rest):
                inputs = (*inputs, *(params.pop(name) for name in rest if name in params))
        return function(*inputs, **params)

    with_keywords.__name__ = with_keywords.__qualname__ = getattr(function, "name", None) or function.__name__
    with_keywords.__doc__ = function.__doc__
    with_keywords.__wrapped__ = function
    return with_keywords


def methods(table: dict[str, Any]) -> None:
    """Add Tensor methods (operators such as ``__add__`` too); a name may be given once only."""
    for name, function in table.items():
        if name in METHODS:
            raise ValueError(f"Tensor.{name} is defined twice")
        METHODS[name] = function


_FLOAT64 = np.dtype(np.float64)


_NO_PARAMS: dict = {}


def apply(op: OpDef, inputs: tuple, params: dict = _NO_PARAMS) -> Tensor:
    """Run ``op`` forward on ``inputs`` and, if gradients are needed, record a node."""
    if op.view and inputs[0]._copy_on_write:
        inputs[0]._own()  # a view shares the memory: it must be the tensor's own first
    arrays = []
    needs_grad = False
    views = False
    subclass = None  # a Tensor subclass of the user's among the inputs: the result is one too
    for x in inputs:
        if type(x) is Tensor or isinstance(x, Tensor):
            if type(x) is not Tensor and _keeps_its_class(type(x)):
                subclass = type(x)
            arrays.append(x._array)
            if x._requires_grad:
                needs_grad = True
            if x._view is not None:
                views = True
                if x.requires_grad:  # (a view of a tensor that requires grad, made before it did)
                    needs_grad = True
        elif isinstance(x, np.generic):
            arrays.append(x.item())  # a NumPy scalar counts as a Python number, as in PyTorch
        else:
            arrays.append(x)
    filters = warnings.filters  # (_numpy_warnings.still_first, inlined: on every op)
    if not filters or filters[0] is not _numpy_warnings._ignoring.filter:
        _numpy_warnings.put_back(filters)
    if views and needs_grad and op.differentiable and _grad_mode.enabled:
        # PyTorch looks at its inputs' history before it runs the kernel: a view that may
        # not be used any more is refused before, say, a shape that cannot work.
        for x in inputs:
            if isinstance(x, Tensor) and x._view is not None:
                x._view.grad_fn_of(x)
    try:
        # (no **params when there are none: unpacking an empty dict costs a little on every op)
        out = op.forward(*arrays, **params) if params else op.forward(*arrays)
    except ValueError as error:
        if "broadcast" in str(error):
            shapes = [np.shape(a) for a in arrays]
            raise errors.broadcast_shapes(shapes[0], shapes[-1]) from None
        raise
    except OverflowError:
        # int32 tensor + 2**40: PyTorch casts the number to the tensor's integer dtype, wrapping around
        wrapped = _ints_wrapped(arrays)
        if wrapped is None:
            raise
        out = op.forward(*wrapped, **params) if params else op.forward(*wrapped)
    except TypeError as error:  # torch.relu(x, inplace=True): named as PyTorch names it, not by our forward
        keyword = _unexpected_keyword(op, error)
        if keyword is not None:
            raise messages.error("unexpected_keyword", function=op.name, name=keyword) from None
        if error.__traceback__.tb_next is None:  # (the call of the forward itself: torch.exp(x, 2))
            code = getattr(op.forward, "__code__", None)
            renamed = dict(zip(code.co_varnames, keyword_names(op), strict=False)) if code else None
            said = pytorch_arity(str(error), op.name, renamed=renamed)
            if said is not None:
                raise messages.error("arguments_count", sentence=said, where=f"torch.{op.name}") from None
        raise
    if type(out) is not np.ndarray:
        out = np.asanyarray(out)  # (a NumPy scalar; "any": a meta array stays one)
    if meta_state.seen and type(out) is np.ndarray:  # (an op on a meta tensor gives one, whatever NumPy did)
        out = carry_meta(inputs, out)
    dtype = out.dtype
    # (`is not`: NumPy's dtypes are shared objects, and _checked_dtype compares again with `!=`)
    if dtype not in _PLAIN_DTYPES or (
        op.promotes
        and len(arrays) > 1
        and (
            getattr(arrays[0], "dtype", dtype) is not dtype or getattr(arrays[1], "dtype", dtype) is not dtype
        )
    ):
        out = _checked_dtype(op, inputs, arrays, params, out)
    result = Tensor._wrap(out)
    if op.view:
        _views.make_view(result, inputs[0], op, params)
    if _grad_mode.enabled and not _grad_mode.inference:  # (enable_grad inside inference_mode records nothing)
        if needs_grad and op.differentiable and result._version_counter is not INFERENCE:
            _record(op, inputs, params, result)  # (a view of an inference tensor is not recorded)
    elif _grad_mode.inference and not op.view:
        # Made in inference_mode: an inference tensor.  A view shares its input's counter instead,
        # so a view of a normal tensor stays normal and a view of an inference tensor is one too.
        result._version_counter = INFERENCE
    elif op.differentiable and (needs_grad or made_without_grad):
        # No node, though an input requires grad (or was computed from one): a cut the pictures draw
        remember_cut(out, op.name, inputs)
    if _grad_mode.forward_ad:  # dual tensors about (autograd.forward_ad): the result's tangent too
        _grad_mode.forward_ad_module.tangent_of_result(op, inputs, params, result)
    if subclass is not None:  # (PyTorch's default __torch_function__: the result as_subclass(cls))
        result = result.as_subclass(subclass)
    return result


def _ints_wrapped(arrays: list) -> list | None:
    """``arrays`` with each Python int wrapped into the first integer array's dtype (two's complement), as
    PyTorch converts a number for an integer kernel; None if there is no such pair."""
    integers = next((a.dtype for a in arrays if isinstance(a, np.ndarray) and a.dtype.kind in "iu"), None)
    if integers is None or not any(type(a) is int for a in arrays):
        return None
    bits = 8 * integers.itemsize
    signed = integers.kind == "i"

    def wrapped(value: int) -> int:
        value %= 1 << bits
        return value - (1 << bits) if signed and value >= 1 << (bits - 1) else value

    return [integers.type(wrapped(a)) if type(a) is int else a for a in arrays]


_KEEPS_CLASS: dict[type, bool] = {}


def _keeps_its_class(cls: type) -> bool:
    """Whether ops on a ``cls`` tensor give ``cls`` tensors: a subclass of the user's, as PyTorch's
    ``__torch_function__`` keeps it; not ``nn.Parameter`` (or a subclass of it), which PyTorch turns off."""
    keeps = _KEEPS_CLASS.get(cls)
    if keeps is None:
        keeps = _KEEPS_CLASS[cls] = not any(
            c is not Tensor and "_torch_name" in c.__dict__ for c in cls.__mro__
        )
    return keeps


_ARITY = re.compile(
    r"^(?P<callee>[\w.<>]+)\(\) (?:takes (?:from (?P<least>\d+) to )?(?P<most>\d+) positional arguments? but "
    r"(?P<given>\d+) (?:was|were) given|missing (?P<missing>\d+) required positional arguments?: "
    r"(?P<names>'\w+'(?:(?:, |,? and )'\w+')*))$"
)
"""Python's TypeError for a call with too many or too few arguments (the forms ``pytorch_arity`` reads)."""


def pytorch_arity(said: str, name: str, *, method: bool = False, no_arguments: bool = False,
                  renamed: dict[str, str] | None = None, python: bool = False) -> str | None:  # fmt: skip
    """Python's TypeError ``said`` for a call of ``name`` with the wrong number of arguments, as PyTorch
    words it; None for another TypeError.

    PyTorch counts a method's arguments without the tensor (``x.transpose(1, 2, 0)``: "takes 2 positional
    arguments but 3 were given", where Python counts 3 and 4), and a method of no arguments says so
    (``no_arguments``: "TensorBase.t() takes no arguments (1 given)").  ``renamed``: PyTorch's names of
    the arguments Python names as the callee does (``b`` of a forward is ``other``).  A method PyTorch writes
    in Python (``python``) keeps Python's words, as ``Tensor.<name>()``.

    >>> pytorch_arity("transpose() missing 1 required positional argument: 'dim1'", "transpose", method=True)
    'transpose() missing 1 required positional arguments: "dim1"'
    """
    found = _ARITY.match(said)
    if found is None:
        return None
    if python:
        return f"Tensor.{name}(){said[len(found['callee']) + 2 :]}"
    if found["missing"] is not None:  # (in PyTorch's words, plural and all: its formatter's)
        missing = int(found["missing"])
        quoted = [(renamed or {}).get(n, n) for n in re.findall(r"'(\w+)'", found["names"])]
        listed = ", ".join(f'"{n}"' for n in quoted)
        return (
            f"{name}() missing {missing} required positional argument{'s' if missing == 1 else ''}: {listed}"
        )
    less = 1 if method else 0  # (the tensor, which PyTorch does not count for a method)
    most, given = int(found["most"]) - less, int(found["given"]) - less
    if method and no_arguments:
        return f"TensorBase.{name}() takes no arguments ({given} given)"
    least = None if found["least"] is None else int(found["least"]) - less
    return counted_sentence(name, most, given, least)


def counted_sentence(name: str, most: int, given: int, least: int | None = None) -> str:
    """The TypeError's sentence for ``given`` positional arguments where ``name`` takes ``least`` to ``most``."""
    was = "was" if given == 1 else "were"
    if least is not None:
        return f"{name}() takes from {least} to {most} positional arguments but {given} {was} given"
    return f"{name}() takes {most} positional argument{'' if most == 1 else 's'} but {given} {was} given"


def _unexpected_keyword(op: OpDef, error: TypeError) -> str | None:
    """The keyword ``op``'s forward was called with and does not take, if that is what ``error`` says."""
    said = str(error)
    start = f"{getattr(op.forward, '__qualname__', None)}() got an unexpected keyword argument '"
    return said[len(start) : -1] if said.startswith(start) and said.endswith("'") else None


# Result dtypes that need no second look (the float64 result of a promoting op may, see _checked_dtype).
_PLAIN_DTYPES = frozenset(  # (not float16: see _in_opmath)
    np.dtype(t) for t in (np.float32, np.int8, np.uint8, np.int16, np.int32, np.int64, np.bool_)
)


# PyTorch's kernels that refuse the unsigned types of limited support (uint16, uint32, uint64), by op
_UNSIGNED_REFUSED = {"add": "add_stub", "sub": "add_stub", "rsub": "add_stub", "neg": "neg_cpu", "pow": "pow",
                     "floor_divide": "div_floor_cpu", "remainder": "remainder_cpu"}  # fmt: skip


def _checked_dtype(op: OpDef, inputs: tuple, arrays: list, params: dict, out: np.ndarray) -> np.ndarray:
    """PyTorch's dtype for a result: complex is refused, and a promoting op follows PyTorch's promotion."""
    if out.dtype.kind == "c":
        raise messages.error("complex_unsupported")
    if out.dtype.kind == "u" and out.dtype.itemsize > 1 and op.name in _UNSIGNED_REFUSED:
        kernel = _UNSIGNED_REFUSED[op.name]
        raise messages.error("unsigned_kernel", kernel=kernel, type_name=errors.scalar_type_name(out.dtype))
    if (
        op.promotes
        and len(arrays) > 1
        and any(getattr(a, "dtype", out.dtype) != out.dtype for a in arrays[:2])
    ):
        out = _with_pytorch_promotion(op, inputs, arrays, params, out)
    if op.promotes and out.dtype == _FLOAT64 and not _has_float64_tensor(inputs):
        out = out.astype(default_float().numpy, copy=False)  # PyTorch's default float dtype: float32
    if out.dtype == _FLOAT16 and op.opmath:
        out = _in_opmath(op, arrays, params)
    return out


_FLOAT16 = np.dtype(np.float16)


def _in_opmath(op: OpDef, arrays: list, params: dict) -> np.ndarray:
    """A float16 result computed again as PyTorch's CPU kernels compute it: in float32 (their "opmath"
    type), a Python number included, and rounded to float16 once at the end.

    NumPy rounds the number in ``x * 0.1`` to float16 first, and a forward of several steps (softmax,
    silu, layer_norm) rounds after each; the printed digits then differ from PyTorch's.
    """
    scalar_kept = 1 if op.name in _ORIGINAL_SCALAR else None
    wide = [_opmath_operand(a, i == scalar_kept) for i, a in enumerate(arrays)]
    out = op.forward(*wide, **params) if params else op.forward(*wide)
    return np.asarray(out).astype(_FLOAT16)


_ORIGINAL_SCALAR = frozenset({"mul", "div", "div_mode", "floor_divide"})
"""Ops whose float16 kernel reads a 0-d tensor second operand at its own precision (``original_scalar_value``)."""


def _opmath_operand(a: Any, scalar_kept: bool) -> Any:
    """An input as PyTorch's float16 kernel reads it: a tensor cast to float16 (the common dtype), then to
    float32; a Python number in float32 from its value, and so a 0-d tensor where the kernel keeps it."""
    if type(a) is not np.ndarray or a.dtype.kind not in "biuf":
        return a
    if a.ndim == 0 and scalar_kept:
        return a.astype(np.float32)
    return (a if a.dtype == _FLOAT16 else a.astype(_FLOAT16)).astype(np.float32)


_CATEGORY = {"b": 0, "u": 1, "i": 1, "f": 2, "c": 3}  # bool < integer < floating < complex


def _pytorch_result_dtype(inputs: tuple) -> np.dtype | None:
    """PyTorch's type promotion, where it differs from NumPy's: a 0-d tensor counts like a number.

    Tensors with dimensions decide the type; a 0-d tensor (or a Python
    number) changes it only if it is of a higher category (an int tensor
    times a 0-d float tensor gives that float type; a float32 tensor times a
    0-d float64 tensor stays float32).
    """
    dimensioned = [x._array.dtype for x in inputs if isinstance(x, Tensor) and x._array.ndim]
    zero_dim = [x._array.dtype for x in inputs if isinstance(x, Tensor) and not x._array.ndim]
    result = _promoted(dimensioned) if dimensioned else None
    if zero_dim:
        candidate = _promoted(zero_dim)
        if result is None or _CATEGORY[candidate.kind] > _CATEGORY[result.kind]:
            result = candidate
    return result


def _promoted(dtypes: list) -> np.dtype:
    """PyTorch's promote_types over ``dtypes``: the highest category decides (float32 and int64 give
    float32, where NumPy gives float64); within it, the wider type."""
    top = max(_CATEGORY[d.kind] for d in dtypes)
    return np.result_type(*[d for d in dtypes if _CATEGORY[d.kind] == top])


def _with_pytorch_promotion(
    op: OpDef, inputs: tuple, arrays: list, params: dict, out: np.ndarray
) -> np.ndarray:
    """PyTorch's result type, if NumPy's differs: the forward again on tensors cast to it, or, where
    only an integer tensor widened NumPy's float result, that result rounded once to it."""
    wanted = _pytorch_result_dtype(inputs)
    if wanted is None or wanted == out.dtype or out.dtype.kind == "b":
        return out
    if out.dtype.kind == "f" and wanted.kind == "f":
        floats = [
            a.dtype
            for x, a in zip(inputs, arrays, strict=True)
            if isinstance(x, Tensor) and a.dtype.kind == "f"
        ]
        if all(d.itemsize <= wanted.itemsize for d in floats):
            return out.astype(wanted)  # (float32 · int64: computed in float64, rounded once, as before)
    cast = [a.astype(wanted) if isinstance(x, Tensor) else a for x, a in zip(inputs, arrays, strict=True)]
    return np.asarray(op.forward(*cast, **params))


def _has_float64_tensor(inputs: tuple) -> bool:
    return any(isinstance(x, Tensor) and x._array.dtype == _FLOAT64 for x in inputs)


def _record(op: OpDef, inputs: tuple, params: dict, result: Tensor) -> None:
    """Attach a node to ``result``: the edges back, and what the rules need saved."""
    edges = []
    shapes = []
    constants = None  # inputs that take no gradient, kept for the pictures
    without = 0  # which of them: bit k for the k-th
    if op._rule_plans is None:
        op._plan_rules()
    plan = op._record_plan if not op.variadic else [(i, ()) for i in range(len(inputs))]
    for position, _ in plan:
        x = inputs[position]
        if isinstance(x, Tensor):
            # engine.gradient_edge(x), inlined: this is the hottest path
            edge = x._grad_fn if x._view is None else x.grad_fn
            if edge is None and x._requires_grad:
                accumulator = x._accumulator  # (a weak reference, alive while a node points to it)
                edge = accumulator() if accumulator is not None else None
                if edge is None:
                    edge = accumulator_of(x)
            shapes.append(x._array.shape)
        else:
            edge = None
            shapes.append(())
        if edge is None:
            if constants is None:
                constants = [None] * len(plan)
            constants[len(edges)] = x._array if isinstance(x, Tensor) else x
            without |= 1 << len(edges)
        edges.append((edge, 0))
    # Save what the rules of the inputs that take a gradient need; an op with one
    # input saves it anyway (PyTorch's generated code does the same).
    if not without or len(plan) == 1:
        needs = op._all_needs
    else:  # (worked out once for each set of inputs without an edge: x @ w1, where x takes no gradient)
        needs = op._needs_without.get(without)
        if needs is None:
            needs = op._needs_without[without] = _needs_with_gradient(op, plan, edges)
    saved = None
    versions = []  # each saved tensor's version now, checked again at backward
    if needs:
        saved = {}
        for name, index in needs:
            value = _saved_output(result) if index < 0 else inputs[index]
            saved[name] = value
            if isinstance(value, Tensor):
                try:
                    versions.append((name, value._version_counter.value))
                except RuntimeError:  # only an inference tensor has no version to read
                    raise messages.error("inference_saved") from None
    if op.saved_strides:
        params = {**params}
        for i, key in op.saved_strides:
            array = inputs[i]._array
            if array.ndim == 2:  # (a matrix, as mm's factors are: on every product, so written out)
                size = array.itemsize
                rows, columns = array.strides
                params[key] = (rows // size, columns // size)
            else:
                params[key] = _element_strides(inputs[i])
    node = result._grad_fn = (op._node_class or op.node_class)(
        op, tuple(edges), tuple(shapes), saved, tuple(versions), params, result._array
    )
    if constants is not None:
        node.constants = tuple(constants)
    result._requires_grad = True


def _element_strides(x: Any) -> tuple:
    """A tensor's strides in elements, as PyTorch's ``stride()``."""
    size = x._array.itemsize
    return tuple([step // size for step in x._array.strides])


def _needs_with_gradient(op: OpDef, plan: list, edges: list) -> tuple:
    """What the rules of the inputs with an edge need saved, each name once, and the result if any
    rule reads it: PyTorch leaves out an input no needed gradient reads, never its result."""
    needed = dict.fromkeys(
        need for (_, needs), (edge, _) in zip(plan, edges, strict=True) if edge is not None for need in needs
    )
    needed.update((need, None) for need in op._all_needs if need[1] < 0)  # (the result's index is -1)
    return tuple(needed)
