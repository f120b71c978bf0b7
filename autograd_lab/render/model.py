"""The recorded graph as something to draw: nodes, edges and their names.

:func:`build` walks back from the output tensors through ``grad_fn`` and
``next_functions``, as the backward pass does, and returns a
:class:`GraphModel`: one node per operation, per leaf tensor and per
constant input, and one edge per input, pointing forwards (input to
consumer).  The DOT writer and the text tree both read this model; neither
touches the engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..autograd.engine import LEAF_SEQUENCE, AccumulateGrad, Node
from ..tensor import Tensor

LEAF, OP, CONSTANT, GROUP = "leaf", "op", "constant", "group"

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
        "detail",
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
        self.symbol = ""  # maths glyph, e.g. "+"
        self.value: Any = None
        self.grad: Any = None  # .grad of a leaf; the gradient that flowed, for an op
        self.output = False
        self.freed = False  # saved values freed by a backward without retain_graph
        self.current = False  # the step-through widget's current node
        self.detail = ""  # e.g. the slice a CopySlices wrote
        self.count = 1  # how many nodes a condensed group stands for
        self.contents: dict[str, int] | None = None  # a group's nodes by op (or kind)
        self.id = ""

    @property
    def title(self) -> str:
        """The node's first line: ``x``, ``y = MulBackward0``, ``MulBackward0``."""
        if self.kind in (LEAF, CONSTANT):
            return self.name or ""
        if self.kind == GROUP:
            return f"{self.op} ×{self.count}"
        return f"{self.name} = {self.op}" if self.name else self.op

    def __repr__(self) -> str:
        return f"<DrawNode {self.id} {self.kind} {self.title!r}>"


class DrawEdge:
    """An input going into its consumer; ``grad`` is what backward sent back along it."""

    __slots__ = ("source", "target", "grad", "count")

    def __init__(self, source: DrawNode, target: DrawNode, grad: Any = None, count: int = 1) -> None:
        self.source = source
        self.target = target
        self.grad = grad
        self.count = count


class GraphModel:
    """Nodes in creation order and edges in the forward direction."""

    def __init__(self, nodes: list[DrawNode], edges: list[DrawEdge], total: int) -> None:
        self.nodes = nodes
        self.edges = edges
        self.total = total  # nodes before any condensation
        for number, node in enumerate(nodes, 1):
            node.id = f"n{number}"
        # Worked out once, on first use: a model is not changed once built.
        self._links: tuple[dict, dict] | None = None
        self._columns: dict[DrawNode, int] | None = None
        self._repeatable: set[DrawNode] | None = None

    @property
    def condensed(self) -> bool:
        return len(self.nodes) < self.total

    @property
    def has_grads(self) -> bool:
        return any(node.grad is not None for node in self.nodes)

    def columns(self) -> dict[DrawNode, int]:
        """Each node's column in a layered layout, close to where ``dot`` puts it.

        Every edge goes to a later column.  An operation comes after its
        latest input (the longest path from the inputs), then as late as its
        first consumer allows.
        """
        if self._columns is not None:
            return self._columns
        inputs, consumers = self.links()
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
        """The styles present, for the legend."""
        present = {node.kind for node in self.nodes}
        for flag in ("output", "freed", "current"):
            if any(getattr(node, flag) for node in self.nodes):
                present.add(flag)
        return present


# -- names from the caller's namespace -----------------------------------------------


class Names:
    """The variable names of tensors, found in namespaces (locals, then globals).

    A tensor is found by identity: a leaf by the tensor itself, an
    intermediate result by its ``grad_fn`` (a node outlives nothing else that
    names it), a constant by its array.  The first name found wins.
    """

    def __init__(self, namespaces: Iterable[Mapping[str, Any]] = ()) -> None:
        self.by_tensor: dict[int, str] = {}
        self.by_node: dict[int, str] = {}
        self.by_array: dict[int, str] = {}
        self._alive: list = []  # keep what the ids refer to alive while drawing
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

    def _add(self, name: str, tensor: Tensor) -> None:
        self._alive.append(tensor)
        self.by_tensor.setdefault(id(tensor), name)
        self.by_array.setdefault(id(tensor._array), name)
        if tensor.grad_fn is not None:
            self._alive.append(tensor.grad_fn)
            self.by_node.setdefault(id(tensor.grad_fn), name)


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
            box = DrawNode(OP, (node.sequence_nr, 1), node)
            box.op = type(node).__name__  # "CopySlices", not its C++ name()
            box.symbol = node.op.symbol
            box.name = names.by_node.get(id(node))
            box.value = node.value
            box.grad = node.grad if progress is None else progress.get(node, (None,))[0]
            box.freed = node.saved_freed and (progress is None or node in progress)
            box.detail = _node_detail(node)
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
                edges.append(DrawEdge(visit(child), consumer, sent[index] if sent else None))
            elif constants is not None and constants[index] is not None:
                edges.append(DrawEdge(_constant_box(drawn, node, index, constants[index], names), consumer))
    for box in outputs:
        box.output = True
    if current is not None and current in drawn:
        drawn[current].current = True
    nodes = sorted(drawn.values(), key=lambda box: box.order)
    _name_unnamed_leaves(nodes)
    edges.sort(key=lambda edge: (edge.target.order, edge.source.order))
    return GraphModel(nodes, edges, total=len(nodes))


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


def _name_unnamed_leaves(nodes: list[DrawNode]) -> None:
    """A short fallback label for a leaf the namespace does not name."""
    number = 0
    for box in nodes:
        if box.kind == LEAF and box.name is None:
            number += 1
            box.name = f"leaf {number}"


def _node_detail(node: Node) -> str:
    """What a node writes under its name: where a CopySlices or an index_put wrote."""
    if not node.params or node.op is None:
        return ""
    if node.op.name == "copy_slices":
        fn = node.params["fn"]
        inner = f"[{_format_index(fn.params['key'])}]" if fn.op.name == "index_put" else ""
        return f"wrote {format_view(node.params['steps'])}{inner}"
    if node.op.name == "index_put":
        return f"wrote {format_key(node.params['key'])}"
    return ""


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
