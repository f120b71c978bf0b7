"""Pictures that fit the output area they are shown in.

A notebook's output area is about 900 CSS pixels wide.  A picture wider
than that is shrunk by the browser (the ``<img>`` has ``max-width: 100%``),
and shrinking is fine down to the point where its smallest text (9 pt,
12 px) would read smaller than 9 px: that is a picture at most
:func:`budget` points wide.  A picture wider than the budget is laid out
again to fit it:

1. the direction: left to right when the graph is short enough, top to
   bottom when it is a long chain (an estimate from the model picks one
   before any layout, so most pictures are laid out once);
2. then condensed harder (:func:`~autograd_lab.render.condense.condense`
   with fewer nodes), until it fits or nothing more can be merged.

The text tree never depends on this: it is the same on every machine.
"""

from __future__ import annotations

import re
from typing import Any

from . import values as V
from .dot import SMALL_FONT, TITLE_FONT, VALUE_SIZE
from .model import GraphModel

DEFAULT_WIDTH = 900  # CSS px: JupyterLab's output area at 1280 px with the file browser open is ~850
SMALLEST_READABLE_PX = 9
PX_PER_PT = 4 / 3
# Rough widths of one character, in points (Helvetica and Courier at the label sizes).
_TITLE_CHAR = 0.58 * TITLE_FONT
_VALUE_CHAR = 0.6 * VALUE_SIZE
_SMALL_CHAR = 0.55 * SMALL_FONT
_NODESEP, _RANKSEP_LR, _RANKSEP_TB = 18, 36, 25
_SIZE = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')


def budget(width_px: float) -> float:
    """The widest picture, in points, whose 9 pt text stays >= 9 px when shrunk into ``width_px``."""
    return width_px * SMALL_FONT * PX_PER_PT / SMALLEST_READABLE_PX / PX_PER_PT


def svg_size(svg: str) -> tuple[float, float]:
    """``(width, height)`` in points, from Graphviz's ``<svg width="..pt" height="..pt"``."""
    match = _SIZE.search(svg[:2000])
    return (float(match[1]), float(match[2])) if match else (0.0, 0.0)


def _side(value: Any, caption: int) -> tuple[float, float]:
    """Width and height of one side of a node (the value, or the gradient)."""
    heat = V.heat_map(value) if hasattr(value, "shape") else None
    if heat is not None:
        cells, _ = heat
        width = max(len(cells[0]) * 7 + 4, 3 * 8 + 3 * 6 * _SMALL_CHAR)
        return width, len(cells) * 7 + 30
    lines = V.node_lines(value)
    return (max(len(line) for line in lines) + caption) * _VALUE_CHAR, len(lines) * 12


def node_size(node: Any, show_values: bool, show_grads: bool) -> tuple[float, float]:
    """An estimate of a node's box in points: roughly what dot will make of its label."""
    width = len(node.title) * _TITLE_CHAR
    height = 20.0
    if node.detail:
        width = max(width, len(node.detail) * _SMALL_CHAR)
        height += 12
    sides = []
    if (show_values or not node.title) and node.value is not None:
        sides.append(_side(node.value, 0))
    if show_grads and node.grad is not None:
        sides.append(_side(node.grad, 5))
    if sides:
        width = max(width, sum(w for w, _ in sides) + 6 * (len(sides) - 1))
        height += max(h for _, h in sides)
    return width + 14, height


def estimate(model: GraphModel, show_values: bool, show_grads: bool) -> dict[str, float]:
    """Estimated widths, in points, of the picture laid out left to right and top to bottom."""
    columns = model.columns()
    sizes = {node: node_size(node, show_values, show_grads) for node in model.nodes}
    by_column: dict[int, list] = {}
    for node, column in columns.items():
        by_column.setdefault(column, []).append(sizes[node])
    edge_room = 40 if show_grads and any(edge.grad is not None for edge in model.edges) else 0
    lr = sum(max(w for w, _ in boxes) for boxes in by_column.values())
    lr += (_RANKSEP_LR + edge_room) * (len(by_column) - 1)
    tb = max(sum(w for w, _ in boxes) + _NODESEP * (len(boxes) - 1) for boxes in by_column.values())
    return {"LR": lr, "TB": tb}


def choose_direction(model: GraphModel, width_pt: float, show_values: bool, show_grads: bool) -> str:
    """Left to right if it fits, else top to bottom (unless that is wider still)."""
    if not model.nodes:
        return "LR"
    widths = estimate(model, show_values, show_grads)
    if widths["LR"] <= width_pt or widths["LR"] <= widths["TB"]:
        return "LR"
    return "TB"
