"""GraphModel -> an indented text tree, the same graph in words.

This is the picture's ``text/plain`` form: the lessons' nbval checks
compare it, so it holds no addresses and no timings, only names, ops,
values and gradients, with the pictures' number rules (four significant
figures, ``values.py``).  Each output is a root; under each node come its
inputs.  A node reached a second time is not repeated, only named.  Where
a node belongs to another module than the line above it, the line ends
with that module (``▸ fc1: Linear(2 → 16)``), as the picture boxes it.

The text grows linearly with the graph: below ``MAX_DEPTH`` levels the
indentation stops growing and each line says its depth instead.
"""

from __future__ import annotations

from collections import defaultdict

from ..messages import say
from . import values as V
from .model import CONSTANT, GROUP, LEAF, DrawEdge, DrawNode, GraphModel, module_label

MAX_DEPTH = 24  # levels of indentation; deeper lines say their depth


def _value(value: object) -> str:
    return V.tree_text(value)


def _describe(node: DrawNode, show_values: bool, show_grads: bool) -> str:
    if node.kind == CONSTANT and not node.title:  # an unnamed constant is its value
        return f"{_value(node.value)}  {say('constant')}"
    parts = [node.title]
    if node.kind == GROUP:
        parts[0] = f"[{parts[0]}]"
    if node.kind == LEAF:
        parts.append(say("leaf"))
    elif node.kind == CONSTANT:
        parts.append(say("constant"))
    if node.ghost:
        parts.append(say("ghost"))
    if node.detail:
        parts.append(node.detail)
    if show_values and node.value is not None:
        parts.append(f"{say('value')} {_value(node.value)}")
    if show_grads and node.grad is not None and not node.ghost:
        parts.append(f"{say('grad')} {_value(node.grad)}")
    if node.freed:
        parts.append(say("saved_freed"))
    if node.current:
        parts.append("◀ " + say("current_step"))
    return "  ".join(parts)


def module_path(node: DrawNode) -> str:
    """``block.fc1: Linear(2 → 16)``: the innermost module of a node, named by its path."""
    if not node.scope:
        return ""
    path = ".".join(name for name, _ in node.scope if name)
    return module_label(path, node.scope[-1][1])


def _edge_text(edge: DrawEdge | None, show_grads: bool) -> str:
    if edge is None:
        return ""
    if edge.cut:
        return "" if edge.target.ghost else f"  ✂ {say('cut_label', how=edge.cut)}"
    text = f"  {say('edges_count', count=edge.count)}" if edge.count > 1 else ""
    if show_grads and edge.grad is not None:
        text += f"  ← {V.edge_text(edge.grad)}"
    return text


def to_text(model: GraphModel, *, show_values: bool = True, show_grads: bool = True, note: str = "") -> str:
    """The tree, one line per node, inputs indented under their consumer."""
    inputs: dict[DrawNode, list[DrawEdge]] = defaultdict(list)
    for edge in model.edges:
        inputs[edge.target].append(edge)
    roots = [node for node in model.nodes if node.output] or model.nodes[-1:]
    lines = [note] if note else []
    shown: set[DrawNode] = set()
    # (node, edge it was reached by, its consumer's module, prefix of its line, of its inputs', depth)
    stack: list[tuple] = [(root, None, "", "", "", 0) for root in reversed(roots)]
    while stack:
        node, edge, outer, prefix, child_prefix, depth = stack.pop()
        if node in shown:
            text = say("shown_above", name=node.name or node.title or say("constant"))
        else:
            text = _describe(node, show_values, show_grads)
        module = module_path(node)
        if module and module != outer and node not in shown:
            text += f"  ▸ {module}"
        text += _edge_text(edge, show_grads)
        if depth > MAX_DEPTH:
            text = f"⟨{say('depth', depth=depth)}⟩ {text}"
        lines.append(prefix + V.visible(text))  # a newline in a name stays on this line
        if node in shown:
            continue
        shown.add(node)
        children = inputs[node]
        deeper = depth < MAX_DEPTH  # past it, the indentation stops growing
        for index in reversed(range(len(children))):
            last = index == len(children) - 1
            stack.append(
                (
                    children[index].source,
                    children[index],
                    module,
                    child_prefix + ("└─ " if last else "├─ "),
                    child_prefix + ("   " if last else "│  ") if deeper else child_prefix,
                    depth + 1,
                )
            )
    return "\n".join(lines)
