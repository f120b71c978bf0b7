"""Pictures that fit the output area they are shown in.

A notebook's output area is about 820 CSS pixels wide.  A picture wider
than that is shrunk by the browser (the ``<img>`` has ``max-width: 100%``),
and shrinking is fine down to the point where its smallest text (9 pt,
12 px) would read smaller than 9 px: that is a picture at most
:func:`budget` points wide.  A picture wider than the budget is drawn
another way (:class:`Ladder`), each narrower than the one before:

1. its values compact: a value of more than a few numbers is its shape
   and a heat map, not a column of numbers;
2. the other direction: top to bottom, for long chains and networks;
3. each module as one node;
4. condensed (:func:`~autograd_lab.render.condense.condense` with fewer
   nodes), only a graph of ``CONDENSE_FROM`` nodes or more, and never with
   ``max_nodes=None``.

An estimate from the model (:func:`estimate`) picks the first way expected
to fit before any layout, so most pictures are laid out once; one that
comes out too wide is laid out again the next ways, at most ``MAX_LAYOUTS``
times in all.

The text tree never depends on this: it is the same on every machine.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from . import values as V
from .condense import condense
from .dot import LABELLED_EDGES_UP_TO, SMALL_FONT, TITLE_FONT, VALUE_SIZE, repeating_edges
from .model import GraphModel

DEFAULT_WIDTH = 820  # CSS px: JupyterLab 4's output area at 1280 px with the file browser open is 828
SMALLEST_READABLE_PX = 9
PX_PER_PT = 4 / 3
# Rough widths of one character, in points (Helvetica and Courier at the label sizes).
_TITLE_CHAR = 0.58 * TITLE_FONT
_VALUE_CHAR = 0.6 * VALUE_SIZE
_SMALL_CHAR = 0.55 * SMALL_FONT
_EDGE_CHAR = 0.6 * SMALL_FONT  # an edge's gradient, in Courier
_NODESEP, _RANKSEP_LR, _RANKSEP_TB = 18, 36, 25
_CLUSTER_MARGIN = 8  # dot's margin inside a module's box
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


def edge_label_width(edge: Any, show_grads: bool, repeats: bool = False) -> float:
    """An estimate of an edge's label, in points: the gradient it carried (Courier) unless it ``repeats`` its source's, a count, a cut."""
    width = 0.0
    if edge.cut:
        return 0.0 if edge.target.ghost else 32 * _SMALL_CHAR
    if edge.count > 1:
        width += (len(str(edge.count)) + 2) * _SMALL_CHAR
    if show_grads and edge.grad is not None and not repeats:
        width += (len(V.edge_text(edge.grad)) + 2) * _EDGE_CHAR
    return width


def estimate(
    model: GraphModel, show_values: bool, show_grads: bool, widths: dict | None = None
) -> dict[str, float]:
    """Estimated widths, in points, of the picture laid out left to right and top to bottom.

    A layered layout: each column (``GraphModel.columns``) is one rank.  Left
    to right, the widest box of each column plus the room for the edge
    labels into it; top to bottom, the widest rank, counting the edge
    labels between ranks (which ``dot`` lays out as nodes of their own in
    a small graph) and the margins of the module boxes around them.
    ``widths``: node -> width of its box, filled in and re-used by the next
    estimate with the same values shown.
    """
    columns = model.columns()
    widths = {} if widths is None else widths
    by_column: dict[int, list[float]] = {}
    depth: dict[int, int] = {}  # module boxes around a column's nodes, at most
    for node in model.nodes:
        column = columns[node]
        width = widths.get(node)
        if width is None:
            width = widths[node] = node_size(node, show_values, show_grads)[0]
        by_column.setdefault(column, []).append(width)
        depth[column] = max(depth.get(column, 0), len(node.scope))
    labelled = len(model.nodes) <= LABELLED_EDGES_UP_TO  # else labels are placed after the layout
    labels: dict[int, list[float]] = {}
    repeating = repeating_edges(model, show_grads)
    for edge in model.edges:
        width = edge_label_width(edge, show_grads, edge in repeating)
        if width:
            labels.setdefault(columns[edge.target], []).append(width)
    lr = 0.0
    for column, boxes in by_column.items():
        lr += max(boxes) + 2 * _CLUSTER_MARGIN * depth[column]
        into = max(labels.get(column, [0.0]))
        lr += (_RANKSEP_LR + into if labelled else _RANKSEP_LR + into / 2) if column else 0.0
    tb = 0.0
    for column, boxes in by_column.items():
        rank = sum(boxes) + _NODESEP * (len(boxes) - 1)
        between = sum(labels.get(column, [])) + _NODESEP * len(labels.get(column, [])) if labelled else 0.0
        tb = max(tb, rank + 2 * _CLUSTER_MARGIN * depth[column], between)
    return {"LR": lr, "TB": tb}


# -- the ladder: the ways to draw a graph, in the order fitting tries them ------------------

CONDENSE_FROM = 40  # fitting condenses no graph of fewer nodes: a small one is drawn whole
MIN_FITTED_NODES = 8  # and condenses no further than this
MAX_LAYOUTS = 4  # layouts one picture may take while fitting


class Rung(NamedTuple):
    """One way to draw a graph: which model (boxes, modules as nodes, condensed), direction, compact values."""

    model: GraphModel
    direction: str
    compact: bool


class Ladder:
    """The ways to draw a graph, each narrower than the one before, tried in this order.

    1. As it is: values written in full where small, left to right (with
       ``direction="auto"``).
    2. Its values compact: a value of more than a few numbers is its shape
       and a heat map (``values.compact_values``).
    3. The other direction (top to bottom), values in full, then compact.
    4. Each module as one node (when its nodes are boxed by module).
    5. Condensed, harder at each rung: only a graph of ``CONDENSE_FROM``
       nodes or more, and never when ``max_nodes`` is None.

    Each rung comes with an estimate of its width, from the model alone
    (:func:`estimate`): the first rung expected to fit is laid out first.
    """

    def __init__(
        self,
        model: GraphModel,
        direction: str,
        max_nodes: int | None,
        module_nodes: Callable[[], GraphModel | None],
        show_values: bool,
        show_grads: bool,
    ) -> None:
        self.show = (show_values, show_grads)
        self._rungs: list[Rung] = []
        self._estimates: dict[int, float] = {}
        self._widths: dict[bool, dict] = {False: {}, True: {}}  # compact -> node -> box width
        self._coming = self._ways(model, direction, max_nodes, module_nodes)

    @staticmethod
    def _ways(
        model: GraphModel,
        direction: str,
        max_nodes: int | None,
        module_nodes: Callable[[], GraphModel | None],
    ) -> Iterator[Rung]:
        directions = ("LR", "TB") if direction == "auto" else (direction,)
        compacts = (False, True) if V.compacting_changes(model.nodes) else (False,)
        for way in directions:
            for compact in compacts:
                yield Rung(model, way, compact)
        smallest = model
        if any(node.scope for node in model.nodes):
            modules = module_nodes()
            if modules is not None and modules is not model:
                smallest = condense(modules, max_nodes) if max_nodes is not None else modules
                for way in directions:
                    yield Rung(smallest, way, True)
        if max_nodes is None or model.total < CONDENSE_FROM:
            return
        turned = directions[-1]
        while len(smallest.nodes) > MIN_FITTED_NODES:
            before = len(smallest.nodes)
            smallest = condense(smallest, max(MIN_FITTED_NODES, before // 2))
            if len(smallest.nodes) >= before:
                return  # nothing more to merge
            yield Rung(smallest, turned, True)

    def rung(self, index: int) -> Rung | None:
        """The ``index``-th way (0: as it is), or None past the last."""
        while len(self._rungs) <= index:
            found = next(self._coming, None)
            if found is None:
                return None
            self._rungs.append(found)
        return self._rungs[index]

    def estimate(self, index: int) -> float:
        """The estimated width of the ``index``-th way, in points."""
        if index not in self._estimates:
            rung = self._rungs[index]
            with V.compact_values(rung.compact):
                across = "LR" if rung.direction in ("LR", "RL") else "TB"
                widths = self._widths[rung.compact]
                self._estimates[index] = estimate(rung.model, *self.show, widths)[across]
        return self._estimates[index]

    def width(self, rung: Rung) -> float:
        """The estimated width of ``rung``, one of this ladder's ways."""
        return self.estimate(self._rungs.index(rung))

    def first(self, limit: float) -> Rung:
        """The first way expected to fit ``limit`` points; if none is, the narrowest expected."""
        best, best_width, index = 0, float("inf"), 0
        if limit == float("inf"):
            return self.rung(0)
        while self.rung(index) is not None:
            width = self.estimate(index)
            if width <= limit:
                return self._rungs[index]
            if width < best_width:
                best, best_width = index, width
            index += 1
        return self._rungs[best]

    def after(self, rung: Rung) -> Iterator[tuple[Rung, float]]:
        """The ways after ``rung``, each with its estimated width."""
        index = self._rungs.index(rung) + 1
        while self.rung(index) is not None:
            yield self._rungs[index], self.estimate(index)
            index += 1
