"""One layout, many pictures: the step-through widget's steps and ``interact``'s slider moves.

Laying a graph out is what takes the time (the ``dot`` program).  Two
widgets show the same graph again and again with small changes, and need
no new layout for them:

- :class:`StepFrames`: the step-through widget.  The graph is laid out once
  as it is after the whole backward pass; the picture of step *k* is that
  SVG with the gradients not computed yet taken out (the parts ``dot.py``
  tagged with ids: ``n3_grad``, ``n3_freed``, and each edge's label) and
  the current node coloured as such.  Every node keeps its place.
- :func:`retext`: ``interact``.  The numbers change, the graph does not:
  the new DOT source differs from the old one only in the text between
  its tags, and each text is put in place of the old one in the SVG.
  Anything else (a new node, a line more) returns ``None``: lay it out.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from .dot import STYLES

_TEXT_RUN = re.compile(r">([^<>]+)<")
_NODE_LINE = re.compile(r'^\s+(n\d+(?:_at\d+)?) \[id="[^"]*" label=<(.*)> ', re.M)
_EDGE_LINE = re.compile(r'^  \S+ -> \S+ \[id="(e\d+)".*?label=<(.*)>\];$', re.M)
_SVG_TEXT = re.compile(r"(<text\b[^>]*>)(.*?)(</text>)", re.S)
_RUN_OF_SPACES = re.compile(r"(?<= ) ")  # written as Graphviz writes them, so that a browser keeps them


_PART = re.compile(r'<g id="[^"]*?_a_(n\d+)_(?:grad\d?|freed)">.*?</g>\n?', re.S)
_EDGE = re.compile(r'<g id="[^"]*?_(e\d+)" class="edge">.*?</g>', re.S)
_TEXT = re.compile(r"<text\b.*?</text>\n?", re.S)
_SHAPE = re.compile(
    r'<g id="[^"]*?_(n\d+)(?:_at\d+)?" class="node">\n<title>[^<]*</title>\n<(?:path|polygon) ([^>]*?)/?>',
    re.S,
)


def _current_colours(attributes: str) -> str:
    """A node's shape attributes, coloured as the current step."""
    fill, border = STYLES["current"]
    attributes = re.sub(r'\bfill="[^"]*"', f'fill="{fill}"', attributes)
    attributes = re.sub(r'\bstroke="[^"]*"', f'stroke="{border}"', attributes)
    return re.sub(r'\s*stroke-width="[^"]*"', "", attributes) + ' stroke-width="3"'


class StepFrames:
    """The pictures of a backward pass step by step, from one layout of its end.

    ``svg`` is the layout of the graph after the whole pass; ``parts`` maps
    each node id to the engine node it shows, and ``edges`` each edge id to
    the engine node of its consumer (whose step sends the gradient along it).
    The places that change from step to step are found once; a step's
    picture is the SVG copied with those places left out or recoloured.
    """

    def __init__(
        self,
        svg: str,
        parts: dict[str, object],
        edges: dict[str, object],
        freed: frozenset[str] = frozenset(),
    ) -> None:
        self.svg = svg
        self.parts = parts
        self.edges = edges
        # (start, end, kind, engine node, what goes there instead): "hide" until the node's step,
        # "current" at it, "undashed" before it (a node whose saved values its step will free).
        changes = []
        for match in _PART.finditer(svg):
            if match[1] in parts:
                changes.append((match.start(), match.end(), "hide", parts[match[1]], ""))
        for match in _EDGE.finditer(svg):
            if match[1] in edges:
                for text in _TEXT.finditer(svg, match.start(), match.end()):
                    changes.append((text.start(), text.end(), "hide", edges[match[1]], ""))
        for match in _SHAPE.finditer(svg):
            if match[1] in parts:
                start, end = match.span(2)
                changes.append((start, end, "current", parts[match[1]], _current_colours(match[2])))
                if match[1] in freed:
                    solid = re.sub(r'\s*stroke-dasharray="[^"]*"', "", match[2])
                    changes.append((start, end, "undashed", parts[match[1]], solid))
        self._changes = sorted(changes, key=lambda change: (change[0], change[2] != "current"))

    def frame(self, done: set, current: Iterable = ()) -> str:
        """The picture after the steps whose engine nodes are in ``done``; those in ``current`` highlighted."""
        current = set(current)
        pieces, position = [], 0
        for start, end, kind, node, instead in self._changes:
            if start < position:
                continue  # the same place, already changed (the current step's colours)
            wanted = node in current if kind == "current" else node not in done
            if wanted:
                pieces += [self.svg[position:start], instead]
                position = end
        pieces.append(self.svg[position:])
        return "".join(pieces)


def _runs(label: str) -> list[str]:
    return [run for run in _TEXT_RUN.findall(f">{label}<") if run]


def _labels(source: str) -> dict[str, list[str]]:
    """Each node's and edge's text runs, in the order Graphviz writes them."""
    found = {match[1]: _runs(match[2]) for match in _NODE_LINE.finditer(source)}
    found.update({match[1]: _runs(match[2]) for match in _EDGE_LINE.finditer(source)})
    return found


def retext(svg: str, old_source: str, new_source: str) -> str | None:
    """``svg`` (laid out from ``old_source``) with the texts of ``new_source``; None if more changed."""
    if _TEXT_RUN.sub("><", old_source) != _TEXT_RUN.sub("><", new_source):
        return None
    old, new = _labels(old_source), _labels(new_source)
    if old.keys() != new.keys():
        return None
    for group_id, runs in new.items():
        if runs == old[group_id]:
            continue
        if len(runs) != len(old[group_id]) or any(
            len(html.unescape(run)) > len(html.unescape(before))
            for run, before in zip(runs, old[group_id], strict=True)
        ):
            return None  # a longer text may not fit its box: lay it out
        found = _group_with_parts(svg, group_id)
        if found is None:
            return None
        start, end = found
        block = svg[start:end]
        texts = list(_SVG_TEXT.finditer(block))
        if len(texts) != len(runs):
            return None
        pieces, last = [], 0
        for match, run in zip(texts, runs, strict=True):
            pieces += [block[last : match.start(2)], _RUN_OF_SPACES.sub("&#160;", run.replace("\\\\", "\\"))]
            last = match.end(2)
        svg = svg[:start] + "".join(pieces) + block[last:] + svg[end:]
    return svg


def _group_with_parts(svg: str, group_id: str) -> tuple[int, int] | None:
    """Where a node's or an edge's group is: up to the next node or edge (it may hold tagged parts)."""
    start = re.search(rf'<g id="[^"]*?_{re.escape(group_id)}" class="(?:node|edge)">', svg)
    if start is None:
        return None
    following = re.compile(r'<g id="[^"]*" class="(?:node|edge|cluster)">|</svg>').search(svg, start.end())
    return start.start(), following.start() if following else len(svg)
