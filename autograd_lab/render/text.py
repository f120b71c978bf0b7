"""GraphModel -> an indented text tree, the same graph in words.

This is the picture's ``text/plain`` form: the lessons' nbval checks
compare it, so it holds no addresses and no timings, only names, ops,
values and gradients.  Each output is a root; under each node come its
inputs.  A node reached a second time is not repeated, only named.
"""

from __future__ import annotations

from collections import defaultdict

from ..messages import say
from . import values as V
from .model import CONSTANT, GROUP, LEAF, DrawEdge, DrawNode, GraphModel


def _describe(node: DrawNode, show_values: bool, show_grads: bool) -> str:
    if node.kind == CONSTANT and not node.title:  # an unnamed constant is its value
        value = node.value
        text = repr(value) if not hasattr(value, "shape") else V.describe_one_line(value)
        return f"{text}  {say('constant')}"
    parts = [node.title]
    if node.kind == GROUP:
        parts[0] = f"[{parts[0]}]"
    elif node.symbol:
        parts[0] += f" ({node.symbol})"
    if node.kind == LEAF:
        parts.append(say("leaf"))
    elif node.kind == CONSTANT:
        parts.append(say("constant"))
    if node.detail:
        parts.append(node.detail)
    if show_values and node.value is not None:
        value = node.value
        parts.append(
            say("value") + " " + (repr(value) if not hasattr(value, "shape") else V.describe_one_line(value))
        )
    if show_grads and node.grad is not None:
        parts.append(say("grad") + " " + V.describe_one_line(node.grad))
    if node.freed:
        parts.append(say("saved_freed"))
    if node.current:
        parts.append("◀ " + say("current_step"))
    return "  ".join(parts)


def to_text(model: GraphModel, *, show_values: bool = True, show_grads: bool = True, note: str = "") -> str:
    """The tree, one line per node, inputs indented under their consumer."""
    inputs: dict[DrawNode, list[DrawEdge]] = defaultdict(list)
    for edge in model.edges:
        inputs[edge.target].append(edge)
    roots = [node for node in model.nodes if node.output] or model.nodes[-1:]
    lines = [note] if note else []
    shown: set[DrawNode] = set()
    # (node, edge it was reached by, prefix of its line, prefix of its inputs' lines)
    stack: list[tuple[DrawNode, DrawEdge | None, str, str]] = [
        (root, None, "", "") for root in reversed(roots)
    ]
    while stack:
        node, edge, prefix, child_prefix = stack.pop()
        text = (
            _describe(node, show_values, show_grads)
            if node not in shown
            else f"{node.title or 'constant'} (shown above)"
        )
        if edge is not None and edge.count > 1:
            text += f"  ×{edge.count} edges"
        if edge is not None and show_grads and edge.grad is not None:
            text += f"  ← {V.describe_one_line(edge.grad, V.EDGE_ELEMENTS, statistics_too=False)}"
        lines.append(prefix + V.visible(text))  # a newline in a name stays on this line
        if node in shown:
            continue
        shown.add(node)
        children = inputs[node]
        for index in reversed(range(len(children))):
            last = index == len(children) - 1
            stack.append(
                (
                    children[index].source,
                    children[index],
                    child_prefix + ("└─ " if last else "├─ "),
                    child_prefix + ("   " if last else "│  "),
                )
            )
    return "\n".join(lines)
