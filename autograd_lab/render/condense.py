"""Make a big graph small enough to read and to lay out quickly.

Three steps, each only if the graph is still too big (see ``_too_big``):

1. **Long chains** (three or more operations, each feeding only the next)
   become one group node, ``chain ×37``, listing the operations inside.
2. **Repeated structure**: nodes that compute the same thing from inputs
   of the same shape of graph (the 64 neurons of a layer unrolled on
   scalars, each ``tanh`` of a sum of products) become one group per
   position in that structure: ``MulBackward0 ×512``, ``TanhBackward0 ×64``.
   Two such nodes are found by a signature: the op and the signatures of
   its inputs (a Merkle hash, computed inputs first).
3. If that is still too many, the nodes in the same column (the longest
   path from the inputs) that do the same thing become one group; then
   neighbouring columns are merged, two at a time, then four, ..., each
   band's operations into one group that lists them.  Every edge goes to a
   later column, so the groups never feed each other in a circle.

Outputs, the current step, and nodes that stay alone keep their values.
Edges between groups are merged, with a count.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict

from .model import CONSTANT, GROUP, LEAF, MODULE, DrawEdge, DrawNode, GraphModel, module_label, module_level

_MIN_CHAIN = 3
_MIXED = "operations"  # a group of different operations (it lists them)


# Invisible nodes dot may add per drawn node (see GraphModel.hidden_nodes): at
# the default max_nodes, 1,500 of them lay out in about 0.2 s.
HIDDEN_PER_NODE = 10


def _too_big(model: GraphModel, max_nodes: int) -> bool:
    """Too many nodes, or edges so long that dot would be slow to lay them out."""
    return len(model.nodes) > max_nodes or model.hidden_nodes() > HIDDEN_PER_NODE * max_nodes


def condense(model: GraphModel, max_nodes: int) -> GraphModel:
    """A smaller model with at most about ``max_nodes`` nodes (``model`` itself if it fits).

    Edges count too: a condensed graph keeps no more edges than ``max_nodes``,
    because crossing edges, more than nodes, are what make a layout slow; and
    so do long edges, which dot lays out as chains of invisible nodes.
    """

    def fits(candidate: GraphModel) -> bool:
        return len(candidate.edges) <= max_nodes and not _too_big(candidate, max_nodes)

    if not _too_big(model, max_nodes):
        return model
    for step in (_collapse_chains, _group_by_structure):
        model = step(model)
        if fits(model):
            return model
    columns = model.columns()
    band = 1
    while True:
        grouped = _group_by_depth(model, columns, band)
        if fits(grouped) or band > len(model.nodes):
            return grouped
        band *= 2


def _kept(node: DrawNode) -> bool:
    """Nodes that always stay themselves."""
    return node.output or node.current or node.kind == MODULE


def _group(members: list[DrawNode], op: str) -> DrawNode:
    first = min(members, key=lambda node: node.order)
    group = DrawNode(GROUP, first.order)
    group.count = sum(node.count for node in members)
    group.freed = all(node.freed for node in members)
    counts: Counter[str] = Counter()
    for node in members:  # a member may be a group already: count what it stands for
        counts.update(node.contents or {node.op or node.kind: node.count})
    group.contents = dict(counts)
    group.op = next(iter(counts)) if op == _MIXED and len(counts) == 1 else op
    if len(counts) > 1 or op == "chain":
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        group.detail = ", ".join(f"{name} ×{n}" for name, n in ranked)
    return group


def _rebuild(model: GraphModel, group_of: dict[DrawNode, DrawNode]) -> GraphModel:
    """Replace each node by its group and merge the edges that become parallel."""
    nodes = sorted(set(group_of.values()), key=lambda node: node.order)
    merged: dict[tuple[DrawNode, DrawNode], DrawEdge] = {}
    for edge in model.edges:
        source, target = group_of[edge.source], group_of[edge.target]
        if source is target:
            continue  # inside a group
        key = (source, target)
        if key in merged:
            merged[key].count += edge.count
            merged[key].grad = None  # many gradients: none of them speaks for the group
            if merged[key].cut != edge.cut:
                merged[key].cut = ""  # followed by backward() along one of them at least
        else:
            merged[key] = DrawEdge(source, target, edge.grad, edge.count, edge.cut)
    edges = sorted(merged.values(), key=lambda edge: (edge.target.order, edge.source.order))
    return GraphModel(nodes, edges, total=model.total)


def _collapse_chains(model: GraphModel) -> GraphModel:
    inputs: dict[DrawNode, list[DrawNode]] = defaultdict(list)
    consumers: dict[DrawNode, list[DrawNode]] = defaultdict(list)
    for edge in model.edges:
        # Constants and leaves are side inputs: a chain runs through the ops
        # (x, w and b fed to every step of an unrolled loop do not break it).
        if edge.source.kind not in (CONSTANT, LEAF):
            inputs[edge.target].append(edge.source)
        consumers[edge.source].append(edge.target)

    def links(node: DrawNode) -> bool:
        """A node in the middle of a chain: one input, one consumer, nothing special."""
        return (
            node.kind not in (LEAF, CONSTANT)
            and not _kept(node)
            and len(inputs[node]) <= 1
            and len(consumers[node]) == 1
        )

    group_of: dict[DrawNode, DrawNode] = {}
    for node in model.nodes:
        if node in group_of or not links(node):
            continue
        # Walk to the chain's first node, then collect it forwards.
        start = node
        while inputs[start] and links(inputs[start][0]) and inputs[start][0] not in group_of:
            start = inputs[start][0]
        chain = [start]
        while links(consumers[chain[-1]][0]) and consumers[chain[-1]][0] not in group_of:
            chain.append(consumers[chain[-1]][0])
            if chain[-1] is start:
                break
        if len(chain) < _MIN_CHAIN:
            for member in chain:
                group_of[member] = member
            continue
        group = _group(chain, "chain")
        for member in chain:
            group_of[member] = group
    for node in model.nodes:
        group_of.setdefault(node, node)
    # A constant feeding only a collapsed node disappears into it.
    for edge in model.edges:
        source, target = edge.source, group_of[edge.target]
        if source.kind == CONSTANT and target.kind == GROUP and len(consumers[source]) == 1:
            group_of[source] = target
    return _rebuild(model, group_of)


def _group_by_structure(model: GraphModel) -> GraphModel:
    inputs = model.links()[0]
    signature_ids: dict[tuple, int] = {}
    signature_of: dict[DrawNode, int] = {}
    members: dict[int, list[DrawNode]] = defaultdict(list)
    for node in model.nodes:  # creation order: every input comes before its consumer
        kind = node.op if node.kind not in (LEAF, CONSTANT) else node.kind
        children = tuple(sorted(signature_of.get(source, -1) for source in inputs[node]))
        signature = signature_ids.setdefault((kind, children), len(signature_ids))
        signature_of[node] = signature
        members[signature].append(node)
    group_of: dict[DrawNode, DrawNode] = {}
    for nodes in members.values():
        kept = [node for node in nodes if _kept(node)]
        rest = [node for node in nodes if not _kept(node)]
        for node in kept:
            group_of[node] = node
        if len(rest) == 1:
            group_of[rest[0]] = rest[0]
        elif rest:
            kind = rest[0].op if rest[0].kind not in (LEAF, CONSTANT) else rest[0].kind
            group = _group(rest, kind)
            for node in rest:
                group_of[node] = group
    return _rebuild(model, group_of)


def _group_by_depth(model: GraphModel, column: dict[DrawNode, int], band: int) -> GraphModel:
    # Columns, not distances from the output: every edge goes to a later
    # column, so groups of one column never feed each other in a circle.
    # Across a band of columns, two ops could (x: add, then mul, then add):
    # a band's operations become one group, which lists them.  A node kept
    # alone (an output, the current step) splits the band it falls in, or
    # the group would feed it and be fed by it.
    kept_columns = sorted({column[node] for node in model.nodes if _kept(node)})
    buckets: dict[tuple, list[DrawNode]] = defaultdict(list)
    for node in model.nodes:
        if _kept(node):
            continue
        kind = node.op if node.kind not in (LEAF, CONSTANT) else node.kind
        if band > 1 and kind not in (LEAF, CONSTANT):  # leaves have no inputs: never in a circle
            kind = _MIXED
        col = column[node]
        buckets[(col // band, bisect.bisect_left(kept_columns, col), kind)].append(node)
    group_of: dict[DrawNode, DrawNode] = {}
    for (*_, kind), members in buckets.items():
        if len(members) == 1:
            group_of[members[0]] = members[0]
            continue
        group = _group(members, kind)
        for member in members:
            group_of[member] = group
    for node in model.nodes:
        group_of.setdefault(node, node)
    return _rebuild(model, group_of)


# -- modules drawn as single nodes ------------------------------------------------------------


def arrange_modules(model: GraphModel, style: str) -> GraphModel:
    """``"box"``: as it is (dot.py boxes each module); ``"none"``: no boxes; ``"node"``: a node per module.

    A module's node shows what the module returned: the value and gradient
    of its last operation, the one whose result leaves the module.
    """
    if style == "box" or not any(node.scope for node in model.nodes):
        return model
    if style == "none":
        for node in model.nodes:
            node.scope = ()
        return model
    level = module_level(node.scope for node in model.nodes)
    members: dict[tuple, list[DrawNode]] = defaultdict(list)
    for node in model.nodes:
        if len(node.scope) > level and not node.current:
            members[tuple(id(module) for _, module in node.scope[: level + 1])].append(node)
    consumers = model.links()[1]
    group_of: dict[DrawNode, DrawNode] = {}
    for inside in members.values():
        first = inside[0]
        group = _group(inside, "module")
        group.kind = MODULE
        name = ".".join(name for name, _ in first.scope[: level + 1] if name)
        group.op = module_label(name, first.scope[level][1])
        group.scope = first.scope[:level]
        ops = [node for node in inside if node.kind not in (LEAF, CONSTANT)]
        group.detail = " → ".join(node.op for node in sorted(ops, key=lambda node: node.order))
        members_set = set(inside)
        leaving = [node for node in ops if any(c not in members_set for c in consumers[node])] or ops[-1:]
        if leaving:
            last = max(leaving, key=lambda node: node.order)
            group.value, group.grad, group.output = last.value, last.grad, any(n.output for n in inside)
        for node in inside:
            group_of[node] = group
    for node in model.nodes:
        group_of.setdefault(node, node)
    arranged = _rebuild(model, group_of)
    arranged.total = len(arranged.nodes)  # drawn as asked, not condensed: no note
    return arranged
