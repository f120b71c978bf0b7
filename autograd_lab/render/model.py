"""The recorded graph as something to draw: nodes, edges and their names.

:func:`build` walks back from the output tensors through ``grad_fn`` and
``next_functions``, as the backward pass does, and returns a
:class:`GraphModel`: one node per operation, per leaf tensor and per
constant input, and one edge per input, pointing forwards (input to
consumer).  The DOT writer and the text tree both read this model; neither
touches the engine.

Besides the graph itself, the model says what a picture must explain: the
modules whose ``forward`` made each node (``DrawNode.scope``), a cut where
``detach()`` or ``no_grad`` took a tensor out of the graph (``DrawEdge.cut``), a view's
node made again after an in-place change, a ``CopySlices`` and the op it
wrapped, and a saved value changed in place since it was saved
(``DrawNode.marks``, read by the legend).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .._grad_mode import cut_by_no_grad
from ..autograd.engine import LEAF_SEQUENCE, AccumulateGrad, Node, made_whole
from ..messages import say
from ..tensor import Tensor
from . import values as V

LEAF, OP, CONSTANT, GROUP, MODULE = "leaf", "op", "constant", "group", "module"
DETACH, NO_GRAD = "detach()", "no_grad()"  # what cut an edge (DrawEdge.cut): code, the same in every language

# IPython's own names for past inputs and outputs; never a student's variable.
_SKIPPED_NAMES = frozenset({"In", "Out", "exit", "quit", "get_ipython"})
_MAX_LISTED = 10_000  # items of a list looked into for names: params[0], params[1], ...


class DrawNode:
    """One box of the picture: a leaf, an operation, a constant, or a condensed group."""

    __slots__ = (
        "kind",
        "name",
        "op",
        "symbol",
        "value",
        "grad",
        "output",
        "freed",
        "current",
        "ghost",
        "detail",
        "marks",
        "scope",
        "count",
        "contents",
        "order",
        "id",
        "source",
    )

    def __init__(self, kind: str, order: tuple, source: Any = None) -> None:
        self.kind = kind
        self.order = order  # sorts nodes in creation order, so ids are stable
        self.source = source  # the engine's Node / AccumulateGrad, if any
        self.name: str | None = None  # the student's variable name
        self.op = ""  # grad_fn name, e.g. "AddBackward0"
        self.symbol = ""  # maths glyph, e.g. "+"; for a CopySlices, what it wrapped and where
        self.value: Any = None
        self.grad: Any = None  # .grad of a leaf; the gradient that flowed, for an op
        self.output = False
        self.freed = False  # saved values freed by a backward without retain_graph
        self.current = False  # the step-through widget's current node
        self.ghost = False  # not in this graph: the far side of a cut (what was detached)
        self.detail = ""  # a line under the title: e.g. where a stale view was made again from
        self.marks: frozenset[str] = frozenset()  # legend entries this node explains
        self.scope: tuple = ()  # ((name, module), ...): the modules whose forward made it
        self.count = 1  # how many nodes a condensed group stands for
        self.contents: dict[str, int] | None = None  # a group's nodes by op (or kind)
        self.id = ""

    @property
    def title(self) -> str:
        """The node's first line: ``x``, ``y = MulBackward0 (×)``, ``AddBackward0 (+)``."""
        if self.kind in (LEAF, CONSTANT):
            return self.name or ""
        if self.kind == GROUP:
            return f"{self.op} ×{self.count}"
        if self.kind == MODULE:
            return self.op  # fc1: Linear(2 → 16)
        title = f"{self.op} ({self.symbol})" if self.symbol else self.op
        return f"{self.name} = {title}" if self.name else title

    def __repr__(self) -> str:
        return f"<DrawNode {self.id} {self.kind} {self.title!r}>"


class DrawEdge:
    """An input going into its consumer; ``grad`` is what backward sent back along it.

    A ``cut`` edge is one backward() does not follow, and ``cut`` says what
    cut it (``DETACH`` or ``NO_GRAD``): from a tensor to what ``detach()``
    made of it, or to what an op computed from it under ``no_grad`` (and
    from its inputs, to a tensor drawn only as the far side of such a cut).
    """

    __slots__ = ("source", "target", "grad", "count", "cut")

    def __init__(
        self, source: DrawNode, target: DrawNode, grad: Any = None, count: int = 1, cut: str = ""
    ) -> None:
        self.source = source
        self.target = target
        self.grad = grad
        self.count = count
        self.cut = cut


class GraphModel:
    """Nodes in creation order and edges in the forward direction."""

    def __init__(self, nodes: list[DrawNode], edges: list[DrawEdge], total: int) -> None:
        self.nodes = nodes
        self.edges = edges
        self.total = total  # nodes before any condensation
        self.number()
        # Worked out once, on first use: a model is not changed once built.
        self._links: tuple[dict, dict] | None = None
        self._columns: dict[DrawNode, int] | None = None
        self._repeatable: set[DrawNode] | None = None
        self._module_order: list[tuple[DrawNode, DrawNode]] | None = None

    def number(self) -> None:
        """Give the nodes their ids, ``n1``, ``n2``... in order (a node shared with another model gets this one's)."""
        for number, node in enumerate(self.nodes, 1):
            node.id = f"n{number}"

    @property
    def condensed(self) -> bool:
        return len(self.nodes) < self.total

    def columns(self) -> dict[DrawNode, int]:
        """Each node's column in a layered layout, close to where ``dot`` puts it.

        Every edge goes to a later column.  An operation comes after its
        latest input (the longest path from the inputs), then as late as its
        first consumer allows.
        """
        if self._columns is not None:
            return self._columns
        inputs, consumers = self.links()
        order = self.module_order()
        if order:  # a module's parameters come after the module's input, as dot draws them
            inputs = {node: list(found) for node, found in inputs.items()}
            consumers = {node: list(found) for node, found in consumers.items()}
            for before, after in order:
                inputs[after].append(before)
                consumers[before].append(after)
        waiting = {node: len(sources) for node, sources in inputs.items()}
        column = dict.fromkeys(self.nodes, 0)
        ready = [node for node, count in waiting.items() if count == 0]
        while ready:  # Kahn's algorithm: a node is placed once all its inputs are
            node = ready.pop()
            for consumer in consumers[node]:
                column[consumer] = max(column[consumer], column[node] + 1)
                waiting[consumer] -= 1
                if waiting[consumer] == 0:
                    ready.append(consumer)
        # Then, latest first, move each node up to just before its first consumer:
        # dot keeps edges short, so an input computed early (x * w fed to the
        # 20th add of a sum) is drawn next to where it is used.
        for node in sorted(column, key=column.__getitem__, reverse=True):
            if consumers[node]:
                column[node] = min(column[consumer] for consumer in consumers[node]) - 1
        self._columns = column
        return column

    def links(self) -> tuple[dict[DrawNode, list[DrawNode]], dict[DrawNode, list[DrawNode]]]:
        """Each node's inputs and each node's consumers, in edge order."""
        if self._links is None:
            inputs: dict[DrawNode, list[DrawNode]] = {node: [] for node in self.nodes}
            consumers: dict[DrawNode, list[DrawNode]] = {node: [] for node in self.nodes}
            for edge in self.edges:
                inputs[edge.target].append(edge.source)
                consumers[edge.source].append(edge.target)
            self._links = inputs, consumers
        return self._links

    def module_order(self) -> list[tuple[DrawNode, DrawNode]]:
        """Pairs ``(computed, parameter)``: a module's input computed outside it, and a leaf inside it.

        Each module's box is drawn after what feeds it: its parameters (the
        nodes inside with no inputs) come after the input computed outside
        it, as ``dot`` draws them given an invisible edge for each pair.
        Without it, ``dot`` puts a layer's weights level with the layer
        before, and the boxes, which cannot overlap, side by side: a
        three-layer network twice as wide.  A pair that would close a
        circle (a module called twice, fed by its own output) is left out.
        """
        if self._module_order is not None:
            return self._module_order
        self._module_order = []
        if not any(node.scope for node in self.nodes):
            return self._module_order
        inputs, consumers = self.links()
        members: dict[int, set[DrawNode]] = {}
        for node in self.nodes:
            for _, module in node.scope:
                members.setdefault(id(module), set()).add(node)
        reach: dict[DrawNode, set[DrawNode]] = {}
        for inside in members.values():
            entries = [node for node in self.nodes if node in inside and not inputs[node]]
            fed_by = {
                edge.source
                for edge in self.edges
                if edge.target in inside
                and edge.source not in inside
                and inputs[edge.source]
                and not edge.cut
            }
            for source in sorted(fed_by, key=lambda node: node.order):
                for entry in entries:
                    if entry not in reach:
                        reach[entry] = _descendants(entry, consumers)
                    if source not in reach[entry]:
                        self._module_order.append((source, entry))
        return self._module_order

    def repeatable(self) -> set[DrawNode]:
        """Nodes that may be drawn again next to a far consumer.

        Leaves and constants, and what is computed from them alone (a
        weight's transpose, ``2 * w``): inputs of the computation, whose
        copies hide no step of it.
        """
        if self._repeatable is None:
            inputs = self.links()[0]
            sources = {node for node, found in inputs.items() if not found}
            computed = {node for node, found in inputs.items() if found and sources.issuperset(found)}
            self._repeatable = sources | computed
        return self._repeatable

    def hidden_nodes(self) -> int:
        """How many invisible nodes dot adds to route the edges between operations.

        An edge spanning k columns is laid out as a chain of k - 1 of them, and
        dot's time grows faster than their number: on a 50-op graph 880 of
        them cost ~0.1 s, on an 80-op one 2,300 cost ~0.8 s.  Edges out of a
        repeatable node do not count: the DOT writer draws it again next to
        each far consumer (see ``dot.reference_edges``).
        """
        repeatable, columns = self.repeatable(), self.columns()
        return sum(
            max(0, columns[edge.target] - columns[edge.source] - 1)
            for edge in self.edges
            if edge.source not in repeatable
        )

    def kinds(self) -> set[str]:
        """The styles and marks present, for the legend."""
        present = {node.kind for node in self.nodes}
        for node in self.nodes:
            present.update(node.marks)
            for flag in ("output", "freed", "current", "ghost"):
                if getattr(node, flag):
                    present.add(flag)
            if node.scope:
                present.add("boxed")  # in a module's box
        if any(edge.cut for edge in self.edges):
            present.add("cut")
        return present


def _descendants(node: DrawNode, consumers: Mapping[DrawNode, list[DrawNode]]) -> set[DrawNode]:
    """Every node computed from ``node``."""
    found: set[DrawNode] = set()
    stack = [node]
    while stack:
        for consumer in consumers[stack.pop()]:
            if consumer not in found:
                found.add(consumer)
                stack.append(consumer)
    return found


# -- names from the caller's namespace -----------------------------------------------


class Names:
    """The variable names of tensors, found in namespaces (locals, then globals).

    A tensor is found by identity: a leaf by the tensor itself, an
    intermediate result by its ``grad_fn`` (a node outlives nothing else that
    names it), a constant by its array.  The first name found wins, except
    that a module (anything with ``named_parameters()``) names its parameters by
    their path: ``fc1.weight``.

    A tensor that requires grad does not name the constants sharing its
    memory (``y.detach()`` is not ``y``): those are remembered apart, as the
    far side of a cut (``detached_from``).
    """

    def __init__(self, namespaces: Iterable[Mapping[str, Any]] = ()) -> None:
        self.by_tensor: dict[int, str] = {}
        self.by_node: dict[int, str] = {}
        self.by_array: dict[int, str] = {}
        self.detached_from: dict[int, tuple[str, Tensor]] = {}  # array -> a named tensor with a graph
        self._alive: list = []  # keep what the ids refer to alive while drawing
        modules = []
        for namespace in namespaces:
            for name, value in list(namespace.items()):
                if not isinstance(name, str) or name.startswith("_") or name in _SKIPPED_NAMES:
                    continue
                if isinstance(value, Tensor):
                    self._add(name, value)
                elif isinstance(value, (list, tuple)) and len(value) <= _MAX_LISTED:
                    for index, item in enumerate(value):
                        if isinstance(item, Tensor):
                            self._add(f"{name}[{index}]", item)
                elif not isinstance(value, type) and callable(getattr(value, "named_parameters", None)):
                    modules.append((name, value))
        # A parameter is named by its path, even when a variable holds it too: its module's box
        # says where it is, and a loop's `for name, p in model.named_parameters()` leaves `p`
        # on the last one.  The first module found names it.
        paths: dict[int, str] = {}
        for name, module in modules:
            for path, parameter in parameters_of(module):
                if id(parameter) not in paths:
                    paths[id(parameter)] = path if "." in path else f"{name}.{path}"
                    self.by_tensor.pop(id(parameter), None)
                    if self.detached_from.get(id(parameter._array), (None, None))[1] is parameter:
                        del self.detached_from[id(parameter._array)]
                    self._add(paths[id(parameter)], parameter)

    def _add(self, name: str, tensor: Tensor) -> None:
        self._alive.append(tensor)
        self.by_tensor.setdefault(id(tensor), name)
        if tensor._requires_grad:
            self.detached_from.setdefault(id(tensor._array), (name, tensor))
        else:
            self.by_array.setdefault(id(tensor._array), name)
        if tensor.grad_fn is not None:
            self._alive.append(tensor.grad_fn)
            self.by_node.setdefault(id(tensor.grad_fn), name)


def parameters_of(module: Any, recurse: bool = True) -> list[tuple[str, Tensor]]:
    """``module.named_parameters()`` as a list of our tensors; empty if it cannot be read.

    Duck-typed: any object with ``named_parameters()`` (an ``nn.Module``, or
    a stand-in).  ``recurse=False``: its own parameters only, not its children's.
    """
    try:
        found = [(path, p) for path, p in module.named_parameters() if isinstance(p, Tensor)]
    except Exception:  # noqa: BLE001 - a stranger's object in the namespace: it names nothing
        return []
    return found if recurse else [(path, p) for path, p in found if "." not in path]


def module_label(name: str, module: Any) -> str:
    """A module's box label: ``fc1: Linear(784 → 128)``, ``block: Sequential``.

    >>> class Linear:
    ...     in_features, out_features = 784, 128
    >>> module_label("fc1", Linear())
    'fc1: Linear(784 → 128)'
    """
    kind = type(module).__name__
    inside = ""
    if isinstance(getattr(module, "in_features", None), int) and isinstance(
        getattr(module, "out_features", None), int
    ):
        inside = f"{module.in_features} → {module.out_features}"
    elif callable(getattr(module, "extra_repr", None)):
        try:
            inside = str(module.extra_repr())
        except Exception:  # noqa: BLE001 - a label is never worth an error
            inside = ""
    text = f"{kind}({V.visible(inside)})" if inside else kind
    return f"{V.visible(name)}: {text}" if name else text


def module_level(scopes: Iterable[tuple]) -> int:
    """How deep the modules shown as units are: below the outer modules every scope shares.

    A model called as ``model(x)`` holds every node in its scope; its parts
    (``fc1``, ``fc2``) are the units a picture of one node per module, or a
    step-through by module, shows, with the model's own operations (a tanh
    between them) beside them.
    """
    scoped = [scope for scope in scopes if scope]
    level = 0
    while (
        scoped
        and all(len(scope) > level for scope in scoped)
        and len({id(scope[level][1]) for scope in scoped}) == 1
        and any(len(scope) > level + 1 for scope in scoped)
    ):
        level += 1
    return level


# -- walking the graph ---------------------------------------------------------------


def build(
    roots: Sequence[Tensor], names: Names, current: Any = None, progress: Mapping | None = None
) -> GraphModel:
    """The graph that produced ``roots``, with values, gradients and names.

    ``progress`` shows a backward pass part way through (the step-through
    widget): it maps each node already processed to ``(grad, input_grads)``;
    the other nodes show no gradient yet.
    """
    drawn: dict[Any, DrawNode] = {}  # engine node (or constant's key) -> its box
    edges: list[DrawEdge] = []
    stack: list[Node] = []

    def leaf_box(tensor: Tensor, order: tuple, source: Any = None) -> DrawNode:
        box = DrawNode(LEAF if tensor._requires_grad else CONSTANT, order, source)
        box.name = names.by_tensor.get(id(tensor))
        box.value = tensor._array
        box.grad = tensor._grad._array if tensor._grad is not None else None
        return box

    def visit(node: Any) -> DrawNode:
        box = drawn.get(node)
        if box is not None:
            return box
        if type(node) is AccumulateGrad:
            box = leaf_box(node.variable, (node.sequence_nr - LEAF_SEQUENCE, 1), node)
            if progress is not None:
                box.grad = progress[node][0] if node in progress else None
        else:
            box = op_box(node, names)
            box.grad = node.grad if progress is None else progress.get(node, (None,))[0]
            box.freed = node.saved_freed and (progress is None or node in progress)
            stack.append(node)
        drawn[node] = box
        return box

    outputs = []
    for position, tensor in enumerate(roots):
        node = tensor.grad_fn
        if node is None:
            accumulator = tensor._accumulator() if tensor._accumulator is not None else None
            key = accumulator if accumulator is not None else ("root", id(tensor))
            box = drawn.get(key) or leaf_box(tensor, (-len(roots) + position, 0), accumulator)
            drawn[key] = box
        else:
            box = visit(node)
        outputs.append(box)
    while stack:
        node = stack.pop()
        consumer = drawn[node]
        sent = node.input_grads if progress is None else progress.get(node, (None, None))[1]
        constants = node.constants
        for index, (child, _) in enumerate(node.next_functions):
            if child is not None:
                grad = made_whole(sent[index]) if sent else None  # (a select's PlacedGrad: made whole)
                edges.append(DrawEdge(visit(child), consumer, grad))
            elif constants is not None and constants[index] is not None:
                edges.append(DrawEdge(_constant_box(drawn, node, index, constants[index], names), consumer))
    for box in outputs:
        box.output = True
    if current is not None and current in drawn:
        drawn[current].current = True
    _cut_detached(drawn, edges, names)
    nodes = sorted(drawn.values(), key=lambda box: box.order)
    _name_unnamed_leaves(nodes)
    _place_parameters(nodes, edges)
    edges.sort(key=lambda edge: (edge.target.order, edge.source.order))
    return GraphModel(nodes, edges, total=len(nodes))


def op_box(node: Node, names: Names, order: tuple | None = None) -> DrawNode:
    """The box of an operation: its name, op, value, module, and what it explains."""
    box = DrawNode(OP, order or (node.sequence_nr, 1), node)
    box.op = type(node).__name__  # "CopySlices", not its C++ name()
    op = node.op
    box.symbol = op.symbol if op is not None else ""
    box.name = names.by_node.get(id(node))
    box.value = node.value
    box.scope = getattr(node, "scope", ()) or ()
    marks = set()
    if op is not None and op.name == "copy_slices":
        fn = node.params["fn"]
        inner = f"[{_format_index(fn.params['key'])}]" if fn.op.name == "index_put" else ""
        where = f"{box.name or ''}{format_view(node.params['steps'])}{inner}"
        box.symbol = say("copy_slices_symbol", op=type(fn).__name__, where=where)
        marks.add("copy_slices")
    elif op is not None and op.name == "as_strided":
        box.detail = say("as_strided_detail", view=format_view(node.params["steps"]))
        marks.add("as_strided")
    elif op is not None and op.name == "index_put":
        box.detail = say("wrote", where=format_key(node.params["key"]))
    changed = _changed_saved(node)
    if changed:
        box.detail = "; ".join(filter(None, [box.detail, changed]))
        marks.add("version")
    box.marks = frozenset(marks)
    return box


def _changed_saved(node: Node) -> str:
    """Why backward() will fail here: a value this node saved was changed in place since."""
    saved = node.saved
    if not saved:
        return ""
    for name, version in node.saved_versions:
        counter = getattr(saved.get(name), "_version_counter", None)
        if counter is not None and counter.value != version:
            return say("version_changed", name=name, saved=version, now=counter.value)
    return ""


def _constant_box(drawn: dict, consumer: Node, index: int, value: Any, names: Names) -> DrawNode:
    # One box per constant array (the same data fed to two ops is one input);
    # a Python number gets a box of its own at each use.
    key = ("constant", id(value)) if hasattr(value, "shape") else ("constant", id(consumer), index)
    order = (consumer.sequence_nr, 0, index)
    box = drawn.get(key)
    if box is None:
        box = DrawNode(CONSTANT, order)
        box.value = value
        box.name = names.by_array.get(id(value)) if hasattr(value, "shape") else None
        drawn[key] = box
    elif order < box.order:
        box.order = order  # placed before its first consumer, wherever the walk met it
    return box


def _cut_detached(drawn: dict, edges: list[DrawEdge], names: Names) -> None:
    """A constant sharing memory with a tensor that has a graph was detached from it: draw the cut.

    The tensor it came from is its box in this graph, if there is one, or
    else a ghost of it (dashed, no gradient: this backward never reaches it),
    joined by dashed edges to those of its inputs that are drawn.
    """
    constants = [box for box in drawn.values() if box.kind == CONSTANT and hasattr(box.value, "shape")]
    if not constants:
        return
    by_value = {
        id(box.value): box for box in drawn.values() if box.kind != CONSTANT and box.value is not None
    }
    for box in constants:
        origin = by_value.get(id(box.value))
        found = names.detached_from.get(id(box.value))
        if origin is None and found is not None:
            origin = _ghost(drawn, edges, names, *found, before=box)
        if origin is None:
            _cut_by_no_grad(drawn, edges, names, box)
            continue
        if origin is box:
            continue
        if box.name is None:
            box.name = f"{origin.name or origin.op}.detach()"  # code, the same in every language
        edges.append(DrawEdge(origin, box, cut=DETACH))


def _cut_by_no_grad(drawn: dict, edges: list[DrawEdge], names: Names, box: DrawNode) -> None:
    """A constant computed under no_grad from tensors that require grad: cut edges from those tensors."""
    found = cut_by_no_grad(box.value)
    if found is None:
        return
    op_name, sources = found
    box.detail = say("no_grad_detail", op=op_name)
    for tensor in sources:
        node = tensor.grad_fn
        if node is None and tensor._accumulator is not None:
            node = tensor._accumulator()
        origin = drawn.get(node) if node is not None else None
        if origin is None:
            name = names.by_tensor.get(id(tensor)) or (names.by_node.get(id(node)) if node else None)
            origin = _ghost(drawn, edges, names, name, tensor, before=box)
        edges.append(DrawEdge(origin, box, cut=NO_GRAD))


def _ghost(
    drawn: dict, edges: list[DrawEdge], names: Names, name: str, tensor: Tensor, before: DrawNode
) -> DrawNode:
    key = ("ghost", id(tensor))
    if key in drawn:
        return drawn[key]
    node = tensor.grad_fn
    order = (before.order[0], -1)
    if node is None:  # a leaf this graph does not use otherwise
        box = DrawNode(LEAF, order)
        box.name, box.value = name, tensor._array
    else:
        box = op_box(node, names, order)
        box.name = name
        for child, _ in node.next_functions:
            if child in drawn:
                edges.append(DrawEdge(drawn[child], box, cut=DETACH))
    box.ghost = True
    drawn[key] = box
    return box


def _name_unnamed_leaves(nodes: list[DrawNode]) -> None:
    """A short fallback label for a leaf the namespace does not name."""
    number = 0
    for box in nodes:
        if box.kind == LEAF and box.name is None:
            number += 1
            box.name = say("leaf_number", number=number)


def _place_parameters(nodes: list[DrawNode], edges: list[DrawEdge]) -> None:
    """A module's own parameters go into its box: the consumer's scope, down to that module."""
    if not any(node.scope for node in nodes):
        return
    own: dict[int, set[int]] = {}  # module -> ids of its own parameters

    def owns(module: Any, tensor: Any) -> bool:
        if id(module) not in own:
            own[id(module)] = {id(p) for _, p in parameters_of(module, recurse=False)}
        return id(tensor) in own[id(module)]

    for edge in edges:
        leaf, consumer = edge.source, edge.target
        if leaf.kind != LEAF or leaf.scope or not consumer.scope or type(leaf.source) is not AccumulateGrad:
            continue
        tensor = leaf.source.variable
        for depth in range(len(consumer.scope), 0, -1):
            if owns(consumer.scope[depth - 1][1], tensor):
                leaf.scope = consumer.scope[:depth]
                break


def format_key(key: Any) -> str:
    """An index as Python writes it: ``[0, 1:3]``, ``[::2]``, ``[mask]``."""
    return f"[{_format_index(key)}]"


_METHOD_OF_VIEW = {
    "transpose": lambda p: f".transpose({p['dim0']}, {p['dim1']})",
    "t": lambda p: ".t()",
    "permute": lambda p: f".permute{tuple(p['dims'])}",
    "squeeze": lambda p: ".squeeze()",
    "squeeze_dim": lambda p: f".squeeze({p['dim']})",
    "expand": lambda p: f".expand{tuple(p['shape'])}",
}


def format_view(steps: tuple) -> str:
    """How a view was made from its base, as Python writes it: ``[0, 1:3]``, ``.t()[1]``."""
    text = ""
    bracket: list[str] | None = None  # the index being written, one item per position
    dims: list[int] = []  # for each dimension of the view so far: its position in the bracket
    for op, params, shape in steps:
        name = op.name
        if name == "alias":
            continue
        if name in ("select", "slice", "unsqueeze"):
            if bracket is None:
                bracket, dims = [":"] * len(shape), list(range(len(shape)))
            if name == "unsqueeze":
                d = params["dim"]
                at = dims[d] if d < len(dims) else len(bracket)
                bracket.insert(at, "None")
                dims = [p + 1 if p >= at else p for p in dims]
                dims.insert(d, at)
                continue
            key = params["key"]
            d = len(key) - 1
            bracket[dims[d]] = _format_index(key[-1])
            if name == "select":
                dims.pop(d)
            continue
        text += _close(bracket)
        bracket = None
        view = _METHOD_OF_VIEW.get(name)
        text += view(params) if view else f".view{tuple(params.get('shape', ()))}"
    return text + _close(bracket)


def _close(bracket: list[str] | None) -> str:
    if bracket is None:
        return ""
    while len(bracket) > 1 and bracket[-1] == ":":
        bracket.pop()  # trailing whole dimensions go without saying: [0] not [0, :]
    return f"[{', '.join(bracket)}]"


def _format_index(key: Any) -> str:
    items = key if isinstance(key, tuple) else (key,)
    parts = []
    for item in items:
        if isinstance(item, slice):
            text = f"{'' if item.start is None else item.start}:{'' if item.stop is None else item.stop}"
            parts.append(text + (f":{item.step}" if item.step is not None else ""))
        elif item is None:
            parts.append("None")
        elif item is Ellipsis:
            parts.append("...")
        elif hasattr(item, "dtype") and item.dtype == bool:
            parts.append("mask")
        elif hasattr(item, "tolist"):
            parts.append(str(item.tolist()))
        else:
            parts.append(str(item))
    return ", ".join(parts)
