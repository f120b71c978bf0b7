"""GraphModel -> DOT source, with every label escaped.

Labels are Graphviz's HTML-like labels: every piece of text that comes from
the user (variable names, values) goes through :func:`escape`, so a name
like ``<script>`` or one holding quotes, braces or backslashes shows as
literal text in DOT, in SVG and in a browser.  Everything else in the
source (ids, colours, numbers) is ours.
"""

from __future__ import annotations

import html

from . import values as V
from .model import CONSTANT, GROUP, LEAF, OP, DrawEdge, DrawNode, GraphModel

# Fill and border colours of each kind of node; the legend uses the same table.
STYLES = {
    LEAF: ("#d8f0d2", "#3b7d32"),
    CONSTANT: ("#eeeeee", "#8a8a8a"),
    OP: ("#dce8f7", "#3d6da8"),
    "output": ("#fde3c8", "#c26a12"),
    "current": ("#fff29a", "#d62728"),
    GROUP: ("#e6e0f3", "#6a5a9c"),
    "reference": ("#ffffff", "#8a8a8a"),  # the legend's swatch; a copy takes its input's colours
}
LEGEND = (
    (LEAF, "leaf (requires grad)"),
    (CONSTANT, "constant"),
    (OP, "operation"),
    ("output", "output"),
    (GROUP, "condensed group"),
    ("freed", "saved values freed"),
    ("current", "current step"),
    ("reference", "the same input again, near its use"),
)
# Up to this many nodes, edge labels take part in the layout (see to_dot).
LABELLED_EDGES_UP_TO = 30
# An input used more than this many columns after its first use is drawn again there.
REFERENCE_REACH = 2
_ARROWS = {"LR": "←", "RL": "→", "TB": "↑", "BT": "↓"}
VALUE_FONT = "Courier"
GRAD_COLOUR = "#b03a2e"


def escape(text: str) -> str:
    r"""Text made safe for an HTML-like label: markup escaped, control characters shown.

    Graphviz reads backslash escapes even in HTML-like labels (``\N`` is the
    node's id, ``\\`` one backslash), so each backslash is doubled.

    >>> escape('<script>alert("1")</script>')
    '&lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt;'
    >>> print(escape("a\nb"), escape(r"C:\New"))
    a\\nb C:\\New
    """
    return html.escape(V.visible(text), quote=True).replace("\\", "\\\\")


def _text_lines(lines: list[str], face: str | None = None, colour: str | None = None) -> str:
    """Lines as one left-aligned block; spaces kept, so PyTorch's columns line up."""
    body = '<BR ALIGN="LEFT"/>'.join(escape(line).replace(" ", "&#160;") for line in lines)
    body += '<BR ALIGN="LEFT"/>'
    if face or colour:
        attributes = (f' FACE="{face}"' if face else "") + (f' COLOR="{colour}"' if colour else "")
        body = f"<FONT{attributes}>{body}</FONT>"
    return body


def _row(content: str, align: str = "LEFT") -> str:
    return f'<TR><TD ALIGN="{align}" BALIGN="LEFT">{content}</TD></TR>'


def _heat_rows(blocks: list[list[float]]) -> str:
    cells = "".join(
        "<TR>"
        + "".join(
            f'<TD BGCOLOR="{V.heat_colour(x)}" WIDTH="6" HEIGHT="6" FIXEDSIZE="TRUE"></TD>' for x in row
        )
        + "</TR>"
        for row in blocks
    )
    size = f'WIDTH="{6 * len(blocks[0])}" HEIGHT="{6 * len(blocks)}" FIXEDSIZE="TRUE"'
    table = f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0" {size}>{cells}</TABLE>'
    return f'<TR><TD ALIGN="LEFT">{table}</TD></TR>'


def value_lines(value: object) -> list[str]:
    """A value's lines on a node (a Python number as Python writes it)."""
    if not hasattr(value, "shape"):
        return [repr(value)]
    return V.describe(value)


def node_label(node: DrawNode, show_values: bool, show_grads: bool) -> str:
    rows = []
    title = escape(node.title)
    if node.kind == OP and node.symbol:
        title = f"<B>{title}</B>&#160;&#160;{escape(node.symbol)}"
    elif title:
        title = f"<B>{title}</B>"
    if title:
        rows.append(_row(title, "CENTER"))
    if node.detail:
        rows.append(_row(f'<FONT POINT-SIZE="9">{escape(node.detail)}</FONT>', "CENTER"))
    # An unnamed constant is its value: shown even with show_values=False.
    if (show_values or not title) and node.value is not None:
        rows.append(_row(_text_lines(value_lines(node.value), VALUE_FONT)))
        blocks = V.heat_map(node.value)
        if blocks is not None:
            rows.append(_heat_rows(blocks))
    if show_grads and node.grad is not None:
        lines = V.describe(node.grad)
        lines[0] = "grad " + lines[0]
        lines[1:] = ["     " + line for line in lines[1:]]
        rows.append(_row(_text_lines(lines, VALUE_FONT, GRAD_COLOUR)))
    if node.freed:
        rows.append(_row('<FONT POINT-SIZE="9" COLOR="#666666">saved values freed</FONT>', "CENTER"))
    rows = rows or [_row(" ")]  # Graphviz rejects an empty table
    return '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">' + "".join(rows) + "</TABLE>"


def _colours(node: DrawNode) -> tuple[str, str, str]:
    """Fill, border and pen width: the current step, then output, then the kind of node."""
    if node.current:
        kind = "current"
    elif node.output:
        kind = "output"
    elif node.kind == GROUP and node.op in (LEAF, CONSTANT):
        kind = node.op
    else:
        kind = node.kind
    fill, border = STYLES[kind]
    return fill, border, "3" if node.current else "2" if node.output else "1"


def _node_style(node: DrawNode) -> str:
    fill, border, width = _colours(node)
    style = "rounded,filled" + (",dashed" if node.freed else "")
    if node.kind == GROUP:
        style += ",bold"
    return f'style="{style}" fillcolor="{fill}" color="{border}" penwidth={width}'


def _edge_label(edge: DrawEdge, arrow: str, show_grads: bool) -> str:
    parts = []
    if edge.count > 1:
        parts.append(f"×{edge.count}")
    if show_grads and edge.grad is not None:
        text = f"{arrow} {V.describe_one_line(edge.grad, V.EDGE_ELEMENTS, statistics_too=False)}"
        parts.append(
            f'<FONT FACE="{VALUE_FONT}" COLOR="{GRAD_COLOUR}">{escape(text).replace(" ", "&#160;")}</FONT>'
        )
    return " ".join(parts)


def reference_edges(model: GraphModel) -> set[DrawEdge]:
    """Edges from an input (``GraphModel.repeatable``) to a consumer far after its first one.

    A weight used at every step of an unrolled loop would otherwise send an
    edge across the whole picture to each use, and dot lays out each such
    edge as a chain of invisible nodes, one per column crossed: on a 120-op
    loop, 10,700 of them and 4.5 s of layout.  These edges start instead
    from a small copy of the input's name, drawn next to the consumer.
    """
    repeatable, columns = model.repeatable(), model.columns()
    return {
        edge
        for edge in model.edges
        if edge.source in repeatable and columns[edge.target] - columns[edge.source] > REFERENCE_REACH
    }


def _spine(model: GraphModel) -> set[DrawNode]:
    """The longest path back from the last output: dot keeps it on one straight line."""
    columns = model.columns()
    latest_input: dict[DrawNode, DrawNode] = {}
    for edge in model.edges:
        latest = latest_input.get(edge.target)
        if latest is None or columns[edge.source] > columns[latest]:
            latest_input[edge.target] = edge.source
    outputs = [node for node in model.nodes if node.output] or model.nodes[-1:]
    node = max(outputs, key=lambda candidate: columns[candidate], default=None)
    spine = set()
    while node is not None and node not in spine:
        spine.add(node)
        node = latest_input.get(node)
    return spine


def _reference_node(source: DrawNode) -> str:
    """The label and style of an input drawn again: its name, or its value in one line."""
    text = source.title or V.describe_one_line(source.value, V.EDGE_ELEMENTS, statistics_too=False)
    fill, border, width = _colours(source)  # a copy of the current step is highlighted too
    return (
        f'[label=<<B>{escape(text)}</B>> style="rounded,filled,dashed" fillcolor="{fill}" '
        f'color="{border}" penwidth={width} fontsize=10]'
    )


def _legend_rows(model: GraphModel, references: bool = False) -> list[str]:
    """A swatch of each style the picture uses, one table row each."""
    present = model.kinds() | ({"reference"} if references else set())
    rows = []
    for kind, text in LEGEND:
        if kind not in present:
            continue
        fill, border = STYLES.get(kind, STYLES[OP])
        line = "dashed" if kind in ("freed", "reference") else "rounded"
        swatch = f'<TD BGCOLOR="{fill}" COLOR="{border}" BORDER="1" WIDTH="14" STYLE="{line}"></TD>'
        rows.append(f'<TR>{swatch}<TD ALIGN="LEFT"><FONT POINT-SIZE="9">{text}</FONT></TD></TR>')
    return rows


def _graph_label(model: GraphModel, note: str, legend: bool, references: bool = False) -> str:
    """The note (a condensed graph says so) and the legend, as the graph's own label.

    A graph label takes no part in the layout; a legend node did, and cost
    dot about 15 ms on a 50-op graph.
    """
    rows = [f'<TR><TD COLSPAN="2" ALIGN="LEFT">{escape(note)}</TD></TR>'] if note else []
    rows += _legend_rows(model, references) if legend else []
    if not rows:
        return ""
    table = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="1">' + "".join(rows) + "</TABLE>"
    return f"  label=<{table}>; labelloc=t; labeljust=l;"


def to_dot(
    model: GraphModel,
    *,
    show_values: bool = True,
    show_grads: bool = True,
    direction: str = "LR",
    legend: bool = True,
    note: str = "",
) -> str:
    """The DOT source of ``model``: nodes in creation order, edges forwards."""
    lines = [
        "digraph autograd {",
        f'  graph [rankdir={direction} bgcolor="white" nodesep=0.25 ranksep=0.5 forcelabels=true fontname="Helvetica" fontsize=10];',
        '  node [shape=box fontname="Helvetica" fontsize=11 margin="0.08,0.04"];',
        '  edge [fontname="Helvetica" fontsize=9 arrowsize=0.7 color="#555555"];',
    ]
    references = reference_edges(model)
    label = _graph_label(model, note, legend, bool(references))
    if label:
        lines.append(label)
    # With inputs drawn again beside their uses, the picture is a long line of
    # operations; without a hint dot lets it drift down a step at each copy.
    spine = _spine(model) if references else set()
    for node in model.nodes:
        label = node_label(node, show_values, show_grads)
        straight = ' group="spine"' if node in spine else ""
        lines.append(f"  {node.id} [label=<{label}> {_node_style(node)}{straight}];")
    arrow = _ARROWS[direction]
    # A small graph lays its edge labels out with the edges, so none overlaps a
    # box. In a bigger one that doubles dot's work (each label is a node of its
    # own: 4x slower on a 50-op graph), so the labels are placed afterwards.
    kind = "label" if len(model.nodes) <= LABELLED_EDGES_UP_TO else "xlabel"
    for number, edge in enumerate(model.edges, 1):
        label = _edge_label(edge, arrow, show_grads)
        attributes = f" [{kind}=<{label}>]" if label else ""
        source = edge.source.id
        if edge in references:
            source = f"{edge.source.id}_at{number}"
            lines.append(f"  {source} {_reference_node(edge.source)};")
        lines.append(f"  {source} -> {edge.target.id}{attributes};")
    lines.append("}")
    return "\n".join(lines) + "\n"
