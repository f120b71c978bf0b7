"""GraphModel -> DOT source, with every label escaped.

Labels are Graphviz's HTML-like labels: every piece of text that comes from
the user (variable names, values) goes through :func:`escape`, so a name
like ``<script>`` or one holding quotes, braces or backslashes shows as
literal text in DOT, in SVG and in a browser.  Everything else in the
source (ids, colours, numbers) is ours.

A node's box: its title (``y = MulBackward0 (×)``), a detail line if any,
then its value and its gradient side by side: small values in full, large
ones as their shape over a heat map each, with the colour scale under each
map.  The parts that change while the step-through widget moves (the
gradient, "saved values freed", each edge's gradient) carry ids, so that
one layout can serve every step (``frames.py``).
"""

from __future__ import annotations

import html
import math
import re
import weakref
from collections.abc import Iterable

import numpy as np

from ..messages import say
from . import values as V
from .model import CONSTANT, GROUP, LEAF, MODULE, OP, DrawEdge, DrawNode, GraphModel, module_label

# Fill and border colours of each kind of node; the legend uses the same table.
STYLES = {
    LEAF: ("#d8f0d2", "#3b7d32"),
    CONSTANT: ("#eeeeee", "#8a8a8a"),
    OP: ("#dce8f7", "#3d6da8"),
    "output": ("#fde3c8", "#c26a12"),
    "current": ("#fff29a", "#d62728"),
    GROUP: ("#e6e0f3", "#6a5a9c"),
    MODULE: ("#efe6f7", "#8e6bb0"),  # a module drawn as one node
    "ghost": ("#fafafa", "#9a9a9a"),  # the far side of a cut: not in this graph
    "reference": ("#ffffff", "#8a8a8a"),  # the legend's swatch; a copy takes its input's colours
}
MODULE_COLOUR = "#8e6bb0"
CUT_COLOUR = "#c0392b"
MARK_COLOUR = "#a04000"  # detail lines that explain (a view made again, a changed saved value)
# The legend: (what is present in the picture, how its swatch looks, the words that explain it).
LEGEND = (
    (LEAF, "box", lambda: say("legend_leaf")),
    (CONSTANT, "box", lambda: say("legend_constant")),
    (OP, "box", lambda: say("legend_op")),
    ("output", "box", lambda: say("legend_output")),
    (GROUP, "box", lambda: say("legend_group")),
    (MODULE, "box", lambda: say("legend_module_node")),
    ("boxed", "module", lambda: say("legend_module")),
    ("freed", "dashed", lambda: say("legend_freed")),
    ("current", "box", lambda: say("legend_current")),
    ("reference", "dashed", lambda: say("legend_reference")),
    ("ghost", "dashed", lambda: say("legend_ghost")),
    ("cut", "cut", lambda: say("legend_cut")),
    ("copy_slices", "text", lambda: say("legend_copy_slices")),
    ("as_strided", "text", lambda: say("legend_as_strided")),
    ("version", "text", lambda: say("legend_version")),
    ("heat", "heat", lambda: say("legend_heat")),
    ("repeats", "text", lambda: say("legend_repeats")),
    ("numbers", "text", lambda: say("legend_numbers")),
)
# Up to this many nodes, edge labels take part in the layout (see to_dot).
LABELLED_EDGES_UP_TO = 30
# An input used more than this many columns after its first use is drawn again there.
REFERENCE_REACH = 2
_ARROWS = {"LR": "←", "RL": "→", "TB": "↑", "BT": "↓"}
VALUE_FONT = "Courier"
GRAD_COLOUR = "#b03a2e"
# Point sizes: the smallest text of any picture is SMALL_FONT (fitting keeps it >= 9 CSS px).
TITLE_FONT, VALUE_SIZE, SMALL_FONT = 11, 10, 9
HEAT_CELL = 7  # points a side of one heat-map cell (a 1-D strip's are taller)


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


def spaced(text: str) -> str:
    """``text`` with its spaces as Graphviz keeps them and measures them right.

    Graphviz writes the second and later spaces of a run as ``&#160;``, so a
    browser keeps them; it would drop a line's first space, so a line that
    starts with spaces starts with one ``&#160;``.  Only one: Graphviz's own
    font metrics count the bytes of a character, and ``&#160;`` takes two.
    """
    rest = text.lstrip(" ")
    indent = len(text) - len(rest)
    return ("&#160;" + " " * (indent - 1) if indent else "") + rest


def _bold(text: str) -> str:
    """Bold text, and room for it after it: Graphviz's own metrics measure bold as regular, 5% narrower."""
    room = round(len(text) / 10)  # a space is about half an average character
    return f"<B>{escape(text)}</B>" + (" " * room if room else "")


def _text_lines(
    lines: Iterable[str], face: str | None = None, colour: str | None = None, size: int = 0, pad: int = 0
) -> str:
    """Lines as one left-aligned block; spaces kept, so columns of numbers line up.

    ``pad``: each line takes at least this many characters (room for numbers that change).
    """
    body = '<BR ALIGN="LEFT"/>'.join(spaced(escape(line.ljust(pad))) for line in lines)
    body += '<BR ALIGN="LEFT"/>'
    attributes = (
        (f' FACE="{face}"' if face else "")
        + (f' COLOR="{colour}"' if colour else "")
        + (f' POINT-SIZE="{size}"' if size else "")
    )
    return f"<FONT{attributes}>{body}</FONT>" if attributes else body


def _small(text: str, colour: str | None = None) -> str:
    colour_attribute = f' COLOR="{colour}"' if colour else ""
    return f'<FONT POINT-SIZE="{SMALL_FONT}"{colour_attribute}>{escape(text)}</FONT>'


def _row(content: str, align: str = "LEFT", span: int = 2, extra: str = "") -> str:
    return f'<TR><TD COLSPAN="{span}" ALIGN="{align}" BALIGN="LEFT"{extra}>{content}</TD></TR>'


def _tagged(node: DrawNode, part: str) -> str:
    """Attributes naming a part of a label in the SVG (``<g id="a_n3_grad">``): see frames.py.

    Graphviz 2.x writes that group only for a cell with a link; the link goes nowhere.
    """
    return f' ID="{node.id}_{part}" HREF="#" TOOLTIP="{part}"'


# -- heat maps ------------------------------------------------------------------------------


# While to_dot() writes a source to be laid out, each heat map is one empty cell of its size,
# filled with a colour of its own (its key here); after the layout, paint_heat_maps() draws
# the map's cells into that rectangle of the SVG.  dot lays out one cell instead of up to
# 128 (on a 50-op graph of 4 x 4 values, a third of its time).
_placeholders: dict[str, tuple[list[list[str]], tuple[int, int]]] | None = None
PLACEHOLDER = "#fd{:04x}"


def _heat_table(cells: np.ndarray) -> str:
    height = HEAT_CELL if len(cells) > 1 else HEAT_CELL + 4  # a 1-D strip: one taller row
    colours = V.heat_colours(cells)
    rows = "".join(
        "<TR>"
        + "".join(
            f'<TD BGCOLOR="{colour}" WIDTH="{HEAT_CELL}" HEIGHT="{height}" FIXEDSIZE="TRUE"></TD>'
            for colour in row
        )
        + "</TR>"
        for row in colours
    )
    return f'<TABLE BORDER="1" COLOR="{HEAT_BORDER}" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">{rows}</TABLE>'


HEAT_BORDER = "#b0b0b0"
_PLACED = re.compile(r'<polygon fill="(#fd[0-9a-f]{4})" stroke="[^"]*" points="([^"]*)"/>')


def paint_heat_maps(svg: str, maps: dict[str, tuple[list[list[str]], tuple[int, int]]]) -> str:
    """The SVG with each heat map's cells drawn where dot kept room for it (its cell's top left)."""
    if not maps:
        return svg

    def cells(match: re.Match) -> str:
        found = maps.get(match[1])
        if found is None:
            return match[0]
        colours, (width, height) = found
        points = [tuple(float(v) for v in point.split(",")) for point in match[2].split()]
        left, top = min(x for x, _ in points), min(y for _, y in points)
        across, down = width / len(colours[0]), height / len(colours)
        rects = "".join(
            f'<rect x="{left + c * across:.1f}" y="{top + r * down:.1f}" width="{across:g}" height="{down:g}" '
            f'fill="{colour}"/>'
            for r, row in enumerate(colours)
            for c, colour in enumerate(row)
        )
        frame = f'<rect x="{left:.1f}" y="{top:.1f}" width="{width:g}" height="{height:g}" fill="none" stroke="{HEAT_BORDER}"/>'
        return f'<g shape-rendering="crispEdges">{rects}{frame}</g>'

    return _PLACED.sub(cells, svg)


def _scale_text(cells: np.ndarray, scale: float) -> str:
    """Which colour is which number: ■ -2  □ 0  ■ 2, each square in its colour."""
    parts = []

    def swatch(colour: str, text: str, glyph: str = "■") -> str:
        return f'<FONT COLOR="{colour}">{glyph}</FONT> {escape(text)}'

    negative, positive, missing = V.signs(cells)
    if negative:
        parts.append(swatch(V.heat_colour(-1.0), V.number(-scale)))
    parts.append(swatch("#808080", "0", "□"))
    if positive:
        parts.append(swatch(V.heat_colour(1.0), V.number(scale)))
    if missing:
        parts.append(swatch(V.NAN_COLOUR, "nan"))
    return f'<FONT POINT-SIZE="{SMALL_FONT}">' + "  ".join(parts) + "</FONT>"


def _swatch(colour: str) -> str:
    return (
        f'<TD BGCOLOR="{colour}" BORDER="1" COLOR="{HEAT_BORDER}" WIDTH="8" HEIGHT="8" FIXEDSIZE="TRUE"></TD>'
    )


def _side(
    value: object, colour: str | None, caption: str, shape: str | None, pad: int = 0
) -> list[str] | str:
    """One side of a node, a value or a gradient: its text, or [caption, heat map, scale] cells' contents.

    ``shape`` is the shape line written over both sides, if any: not repeated here.
    A heat map's contents are ``("MAP", attributes)``: the cell itself is its
    placeholder (see :func:`_heat_cell`).
    """
    heat = V.heat_map(value) if hasattr(value, "shape") else None
    if heat is None:
        lines = V.node_lines(value)
        if shape is not None and lines[0].startswith(shape):
            lines = [lines[0][len(shape) :].strip(), *lines[1:]]
        if shape is not None:  # beside a heat map: caption, text, no scale
            return [
                _small(caption, colour) if caption else "",
                _text_lines(lines, VALUE_FONT, colour, VALUE_SIZE),
                "",
            ]
        if caption:
            lines = [f"{caption} {lines[0]}", *(" " * (len(caption) + 1) + line for line in lines[1:])]
            return _text_lines(lines, VALUE_FONT, colour, VALUE_SIZE, pad + len(caption) + 1)
        return _text_lines(lines, VALUE_FONT, colour, VALUE_SIZE, pad)
    cells, scale = heat
    return [_small(caption, colour) if caption else "", _heat_cell(cells), _scale_text(cells, scale)]


def _heat_cell(cells: np.ndarray) -> str:
    """The attributes and contents of a heat map's cell: one placeholder, or a table of every cell."""
    height = HEAT_CELL if len(cells) > 1 else HEAT_CELL + 4  # a 1-D strip: one taller row
    if _placeholders is not None:
        key = PLACEHOLDER.format(len(_placeholders) + 1)
        size = (HEAT_CELL * len(cells[0]), height * len(cells))
        _placeholders[key] = (V.heat_colours(cells), size)
        return f'\0 BGCOLOR="{key}" WIDTH="{size[0]}" HEIGHT="{size[1]}" FIXEDSIZE="TRUE">'
    return f">{_heat_table(cells)}"


def _shape_line(node: DrawNode, show_values: bool, show_grads: bool) -> str | None:
    """The shape written once over both heat maps (``[200, 16]``), when either side is one."""
    shown = [
        v for v in (node.value if show_values else None, node.grad if show_grads else None) if v is not None
    ]
    for value in shown:
        if hasattr(value, "shape") and V.heat_map(value) is not None:
            return V.node_lines(value)[0]
    return None


# -- nodes --------------------------------------------------------------------------------------


def node_label(node: DrawNode, show_values: bool, show_grads: bool, pad: int = 0) -> str:
    """The node's HTML-like label: title, detail, value and gradient side by side, notes."""
    rows = []
    title = node.title
    if title:
        rows.append(_row(_bold(title), "CENTER"))
    if node.detail:
        colour = MARK_COLOUR if node.marks & {"as_strided", "version"} else None
        rows.append(_row(_small(node.detail, colour), "CENTER"))
    # An unnamed constant is its value: shown even with show_values=False.
    value = node.value if (show_values or not title) else None
    grad = node.grad if show_grads and not node.ghost else None
    if value is not None or grad is not None:
        shape = _shape_line(node, value is not None, grad is not None)
        if shape is not None:
            rows.append(_row(_text_lines([shape], VALUE_FONT, size=VALUE_SIZE), "CENTER"))
        sides = []  # (contents, attributes of its cells)
        if value is not None:
            caption = say("value") if heat_caption(value, grad) else ""
            sides.append((_side(value, None, caption, shape, pad), ""))
        if grad is not None:
            sides.append((_side(grad, GRAD_COLOUR, say("grad"), shape, pad), "grad"))
        rows += _side_rows(node, sides)
    if node.freed:
        rows.append(_row(_small(say("saved_freed"), "#666666"), "CENTER", extra=_tagged(node, "freed")))
    rows = rows or [_row(" ")]  # Graphviz rejects an empty table
    return '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">' + "".join(rows) + "</TABLE>"


def _side_rows(node: DrawNode, sides: list[tuple[list[str] | str, str]]) -> list[str]:
    """Value and gradient side by side: one row of text, or three (caption, heat map, scale).

    The gradient's cells carry ids (``n3_grad``, ``n3_grad2``...) so that the
    step-through widget can leave them out until the gradient arrives.
    """
    span = ' COLSPAN="2"' if len(sides) == 1 else ""
    if not any(isinstance(contents, list) for contents, _ in sides):
        cells = "".join(
            f'<TD ALIGN="LEFT" VALIGN="TOP" BALIGN="LEFT"{span}{_tagged(node, part) if part else ""}>{contents}</TD>'
            for contents, part in sides
        )
        return [f"<TR>{cells}</TR>"]
    rows = []
    for line in range(3):
        cells = []
        for contents, part in sides:
            piece = contents[line] if isinstance(contents, list) else (contents if line == 1 else "")
            tag = _tagged(node, part + (str(line) if line else "")) if part and piece else ""
            start = f'<TD ALIGN="LEFT" VALIGN="TOP" BALIGN="LEFT"{span}{tag}'
            if piece.startswith("\0"):  # a heat map's placeholder: the cell is the map
                cells.append(start + piece[1:] + "</TD>")
            elif piece.startswith(">"):
                cells.append(start + piece + "</TD>")
            else:
                cells.append(f"{start}>{piece}</TD>")
        rows.append("<TR>" + "".join(cells) + "</TR>")
    return rows


def heat_caption(value: object, grad: object) -> bool:
    """A value gets the caption "value" when a heat map is beside it (with the gradient's)."""
    return grad is not None and any(hasattr(v, "shape") and V.heat_map(v) is not None for v in (value, grad))


def _colours(node: DrawNode) -> tuple[str, str, str]:
    """Fill, border and pen width: the current step, then output, then the kind of node."""
    if node.current:
        kind = "current"
    elif node.output:
        kind = "output"
    elif node.ghost:
        kind = "ghost"
    elif node.kind == GROUP and node.op in (LEAF, CONSTANT):
        kind = node.op
    else:
        kind = node.kind
    fill, border = STYLES[kind]
    return fill, border, "3" if node.current else "2" if node.output else "1"


def _node_style(node: DrawNode) -> str:
    fill, border, width = _colours(node)
    style = "rounded,filled" + (",dashed" if node.freed or node.ghost else "")
    if node.kind == GROUP:
        style += ",bold"
    return f'style="{style}" fillcolor="{fill}" color="{border}" penwidth={width}'


# -- edges --------------------------------------------------------------------------------------


def _edge_label(edge: DrawEdge, arrow: str, show_grads: bool, pad: int = 0, repeats: bool = False) -> str:
    """An edge's label: a cut's reason, how many times the input was used, and its gradient unless ``repeats``."""
    if edge.cut:
        if edge.target.ghost:
            return ""
        return f'<FONT COLOR="{CUT_COLOUR}">{escape(say("cut_label", how=edge.cut))}</FONT>'
    parts = []
    if edge.count > 1:
        parts.append(f"×{edge.count}")
    if show_grads and edge.grad is not None and not repeats:
        text = f"{arrow} {V.edge_text(edge.grad)}".ljust(pad + 2)
        parts.append(f'<FONT FACE="{VALUE_FONT}" COLOR="{GRAD_COLOUR}">{spaced(escape(text))}</FONT>')
    return " ".join(parts)


def _edge_style(edge: DrawEdge) -> str:
    if not edge.cut:
        return ""
    if edge.target.ghost:
        return ' style=dotted color="#9a9a9a"'
    return f' style=dashed color="{CUT_COLOUR}" fontcolor="{CUT_COLOUR}"'


def repeating_edges(model: GraphModel, show_grads: bool) -> set[DrawEdge]:
    """Edges whose gradient is their source's whole gradient, written in its box: no number on them.

    Only in a graph of more than ``LABELLED_EDGES_UP_TO`` nodes: a small one,
    where a student follows the chain rule edge by edge, has a number on
    every edge.  In a large one, most edges are the only way out of a value:
    their numbers repeat the boxes', crowd the picture, and take ``dot``
    longer to place than the rest of the layout.  The edges out of a value
    used more than once keep theirs: they are what its gradient adds up.
    """
    if not show_grads or len(model.nodes) <= LABELLED_EDGES_UP_TO:
        return set()
    found = _repeating.get(model)  # (fitting asks again for each way it estimates)
    if found is None:
        outgoing: dict[DrawNode, int] = {}
        for edge in model.edges:
            outgoing[edge.source] = outgoing.get(edge.source, 0) + 1
        found = _repeating[model] = {
            edge
            for edge in model.edges
            if outgoing[edge.source] == 1 and not edge.cut and V.same_values(edge.grad, edge.source.grad)
        }
    return found


_repeating: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # a model -> its repeating edges


def reference_edges(model: GraphModel) -> set[DrawEdge]:
    """Edges from an input (``GraphModel.repeatable``) to a consumer far after its first one.

    A weight used at every step of an unrolled loop would otherwise send an
    edge across the whole picture to each use, and dot lays out each such
    edge as a chain of invisible nodes, one per column crossed: on a 120-op
    loop, 10,700 of them and 4.5 s of layout.  These edges start instead
    from a small copy of the input's name, drawn next to the consumer.  A
    graph of up to ``LABELLED_EDGES_UP_TO`` nodes is quick to lay out whole.
    """
    if len(model.nodes) <= LABELLED_EDGES_UP_TO:
        return set()  # a small graph: every edge drawn whole (x twice in eight boxes puzzles more)
    repeatable, columns = model.repeatable(), model.columns()
    return {
        edge
        for edge in model.edges
        if not edge.cut
        and edge.source in repeatable
        and columns[edge.target] - columns[edge.source] > REFERENCE_REACH
    }


def _spine(model: GraphModel) -> set[DrawNode]:
    """The longest path back from the last output: dot keeps it on one straight line.

    The path goes through what is computed from computed values (the data
    through a network), before the inputs and what is made of them alone (a
    layer's weights and their transpose).
    """
    columns, inputs_only = model.columns(), model.repeatable()

    def rank(node: DrawNode) -> tuple[bool, int]:  # the computation's path before a layer's weights
        return node not in inputs_only, columns[node]

    latest_input: dict[DrawNode, DrawNode] = {}
    for edge in model.edges:
        latest = latest_input.get(edge.target)
        if not edge.cut and (latest is None or rank(edge.source) > rank(latest)):
            latest_input[edge.target] = edge.source
    outputs = [node for node in model.nodes if node.output] or model.nodes[-1:]
    node = max(outputs, key=lambda candidate: columns[candidate], default=None)
    spine = set()
    while node is not None and node not in spine:
        spine.add(node)
        node = latest_input.get(node)
    return spine


def _reference_node(source: DrawNode, copy_id: str) -> str:
    """The label and style of an input drawn again: its name, or its value in one line."""
    text = source.title or V.edge_text(source.value)
    fill, border, width = _colours(source)  # a copy of the current step is highlighted too
    return (
        f'[id="{copy_id}" label=<<B>{escape(text)}</B>> style="rounded,filled,dashed" fillcolor="{fill}" '
        f'color="{border}" penwidth={width} fontsize=10]'
    )


# -- the legend and the note ------------------------------------------------------------------


def present_in(
    model: GraphModel, show_values: bool, show_grads: bool, references: bool, repeats: bool = False
) -> set[str]:
    """Everything the legend may have to explain in this picture."""
    present = model.kinds() | ({"reference"} if references else set()) | ({"repeats"} if repeats else set())
    values = [node.value for node in model.nodes if show_values and node.value is not None]
    values += [node.grad for node in model.nodes if show_grads and node.grad is not None]
    arrays = [value for value in values if hasattr(value, "shape")]
    if any(V.heat_map(value) is not None for value in arrays):
        present.add("heat")
    if any(value.dtype.kind == "f" for value in arrays):
        present.add("numbers")
    return present


def _legend_items(present: set[str]) -> list[tuple[str, str, str]]:
    """How each style the picture uses looks, its swatch (a table cell) and its words."""
    items = []
    for kind, look, words in LEGEND:
        if kind not in present:
            continue
        fill, border = STYLES.get(kind, STYLES[OP])
        fixed = 'WIDTH="14" HEIGHT="10" FIXEDSIZE="TRUE"'  # a wider column does not stretch it
        if look == "module":
            swatch = f'<TD BORDER="1" COLOR="{MODULE_COLOUR}" STYLE="dashed" {fixed}></TD>'
        elif look == "cut":
            swatch = f'<TD WIDTH="14"><FONT POINT-SIZE="{SMALL_FONT}" COLOR="{CUT_COLOUR}">- -▸</FONT></TD>'
        elif look == "heat":
            swatch = (
                f'<TD WIDTH="14"><TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>{_swatch(V.heat_colour(-1.0))}'
                f"{_swatch(V.heat_colour(0.0))}{_swatch(V.heat_colour(1.0))}</TR></TABLE></TD>"
            )
        elif look == "text":
            swatch = '<TD WIDTH="14"></TD>'
        else:
            line = "dashed" if look == "dashed" else "rounded"
            swatch = f'<TD BGCOLOR="{fill}" COLOR="{border}" BORDER="1" STYLE="{line}" {fixed}></TD>'
        items.append((look, swatch, words().format(dtype=V.USUAL_DTYPE)))
    return items


LEGEND_GAP = 12  # points between two entries of a legend's row
LEGEND_WIDTH = 420  # the legend's width when the picture's is not known
SHORT_ENTRY = 150  # points: a legend entry this wide or less shares its row with others


def _graph_label(note: str, present: set[str], legend: bool, width: float) -> str:
    """The note (a condensed graph says so) and the legend, as the graph's own label.

    The styles' entries (a swatch and a few words) stand side by side, as
    many to a row as fit ``width`` points, the picture's estimated width, in
    aligned columns and rows as even as can be; the longer explanations
    (heat maps, numbers, marks) take a row each.  A wide, short picture gets a legend of two or three rows,
    not a column as tall as the graph.  A graph label takes no part in the
    layout; a legend node did, and cost dot about 15 ms on a 50-op graph.
    """
    items = _legend_items(present) if legend else []
    short = [(swatch, text) for look, swatch, text in items if look not in ("text", "heat")]
    short = [(swatch, text) for swatch, text in short if V.text_width(text, SMALL_FONT) <= SHORT_ENTRY]
    long = [(swatch, text) for _, swatch, text in items if (swatch, text) not in short]
    entry = max((V.text_width(text, SMALL_FONT) for _, text in short), default=0.0) + 18 + LEGEND_GAP
    # As many to a row as the width holds, the rows evened out (3 + 2, not 4 + 1), but at least as
    # many as make a row as wide as the longest explanation: a narrower grid would be stretched
    # (Graphviz spreads a spanning cell's extra width over the columns it spans).
    longest = max((V.text_width(text, SMALL_FONT) + 18 for _, text in long), default=0.0)
    across = max(1, min(len(short), int(width // entry)))
    across = math.ceil(len(short) / math.ceil(len(short) / across)) if short else 1
    across = max(across, min(len(short), math.ceil((longest + LEGEND_GAP) / entry)))
    span = 3 * across - 1  # a swatch, its words, a gap; no gap after the last
    rows = [f'<TR><TD COLSPAN="{span}" ALIGN="LEFT">{_small(note)}</TD></TR>'] if note else []
    gap = f'<TD WIDTH="{LEGEND_GAP}"></TD>'
    for first in range(0, len(short), across):
        entries = [
            f'{swatch}<TD ALIGN="LEFT">{_small(text)}</TD>' for swatch, text in short[first : first + across]
        ]
        rows.append(f"<TR>{gap.join(entries)}</TR>")
    for swatch, text in long:
        rows.append(f'<TR>{swatch}<TD COLSPAN="{max(1, span - 1)}" ALIGN="LEFT">{_small(text)}</TD></TR>')
    if not rows:
        return ""
    table = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1" CELLPADDING="1">' + "".join(rows) + "</TABLE>"
    return f"  label=<{table}>; labelloc=t; labeljust=l;"


# -- module boxes -------------------------------------------------------------------------------


def _clusters(model: GraphModel, node_lines: dict[DrawNode, str]) -> list[str]:
    """Node lines, each inside the boxes of the modules that made it (nested, outermost first)."""
    tree: dict = {}  # module id -> (label, nodes, subtree)
    top: list[str] = []
    for node in model.nodes:
        if not node.scope:
            top.append(node_lines[node])
            continue
        level = tree
        for name, module in node.scope:
            entry = level.setdefault(id(module), (module_label(name, module), [], {}))
            level = entry[2]
            last = entry
        last[1].append(node_lines[node])
    counter = iter(range(1, 1 << 30))

    def write(level: dict, indent: str) -> list[str]:
        lines = []
        for label, members, inner in level.values():
            lines.append(f"{indent}subgraph cluster_m{next(counter)} {{")
            lines.append(
                f'{indent}  label=<{escape(label)}>; style="rounded,dashed"; color="{MODULE_COLOUR}"; '
                f'fontcolor="{MODULE_COLOUR}"; fontsize=10; labeljust=l;'
            )
            lines += [f"  {indent}{line.lstrip()}" for line in members]
            lines += write(inner, indent + "  ")
            lines.append(f"{indent}}}")
        return lines

    return top + write(tree, "  ")


# -- the whole graph --------------------------------------------------------------------------


def to_dot(
    model: GraphModel,
    *,
    show_values: bool = True,
    show_grads: bool = True,
    direction: str = "LR",
    legend: bool = True,
    note: str = "",
    legend_extra: frozenset[str] = frozenset(),
    pad: int = 0,
    heat_maps: dict[str, list[list[str]]] | None = None,
    legend_width: float = LEGEND_WIDTH,
) -> str:
    """The DOT source of ``model``: nodes in creation order, edges forwards.

    ``legend_extra``: what the legend explains though no node shows it yet
    (the current step, for a layout every step of the widget re-uses).
    ``pad``: values take at least this many characters, so that the layout
    keeps room for numbers that change (``interact``, see ``frames.retext``).
    ``heat_maps``: a dict to collect the heat maps in, each written as one
    placeholder cell (see :func:`paint_heat_maps`); without it, every cell
    is in the source, which then draws the whole picture by itself.
    ``legend_width``: how wide the legend's rows may be, in points.
    """
    global _placeholders
    outer, _placeholders = _placeholders, heat_maps
    try:
        return _to_dot(
            model, show_values, show_grads, direction, legend, note, legend_extra, pad, legend_width
        )
    finally:
        _placeholders = outer


def _to_dot(
    model: GraphModel,
    show_values: bool,
    show_grads: bool,
    direction: str,
    legend: bool,
    note: str,
    legend_extra: frozenset[str],
    pad: int,
    legend_width: float,
) -> str:
    ranksep = 0.5 if direction in ("LR", "RL") else 0.35
    lines = [
        "digraph autograd {",
        f'  graph [rankdir={direction} bgcolor="white" nodesep=0.25 ranksep={ranksep} newrank=true forcelabels=true '
        f'fontname="Helvetica" fontsize={SMALL_FONT}];',
        f'  node [shape=box fontname="Helvetica" fontsize={TITLE_FONT} margin="0.06,0.03"];',
        f'  edge [fontname="Helvetica" fontsize={SMALL_FONT} arrowsize=0.7 color="#555555"];',
    ]
    references = reference_edges(model)
    repeating = repeating_edges(model, show_grads)
    present = present_in(model, show_values, show_grads, bool(references), bool(repeating)) | legend_extra
    label = _graph_label(note, present, legend, legend_width)
    if label:
        lines.append(label)
    # With inputs drawn again beside their uses, the picture is a long line of
    # operations; without a hint dot lets it drift down a step at each copy.
    spine = _spine(model)
    node_lines = {}
    for node in model.nodes:
        label = node_label(node, show_values, show_grads, pad)
        straight = ' group="spine"' if node in spine else ""
        node_lines[node] = f'  {node.id} [id="{node.id}" label=<{label}> {_node_style(node)}{straight}];'
    lines += _clusters(model, node_lines)
    lines += [f"  {before.id} -> {after.id} [style=invis];" for before, after in model.module_order()]
    arrow = _ARROWS[direction]
    # A small graph lays its edge labels out with the edges, so none overlaps a
    # box. In a bigger one that doubles dot's work (each label is a node of its
    # own: 4x slower on a 50-op graph), so the labels are placed afterwards.
    kind = "label" if len(model.nodes) <= LABELLED_EDGES_UP_TO else "xlabel"
    for number, edge in enumerate(model.edges, 1):
        label = _edge_label(edge, arrow, show_grads, pad, edge in repeating)
        attributes = f' [id="e{number}"{_edge_style(edge)}' + (f" {kind}=<{label}>" if label else "") + "]"
        source = edge.source.id
        if edge in references:
            source = f"{edge.source.id}_at{number}"
            lines.append(f"  {source} {_reference_node(edge.source, source)};")
        lines.append(f"  {source} -> {edge.target.id}{attributes};")
    lines.append("}")
    return "\n".join(lines) + "\n"
