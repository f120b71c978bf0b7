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

import base64
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
    The places that change from step to step are found once, and each is
    given a fixed width in bytes (spaces after a shape's attributes, spaces
    where a part is left out): a step's picture is the layout with some of
    those places overwritten, the same length.  So its base64 (what the
    widget shows, an ``<img>``'s data) is the layout's, encoded once, with
    only the few groups of three bytes around each change encoded again.
    """

    def __init__(
        self,
        svg: str,
        parts: dict[str, object],
        edges: dict[str, object],
        freed: frozenset[str] = frozenset(),
    ) -> None:
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
        # Each place as wide as the widest text that goes there, in bytes of UTF-8.
        widths: dict[tuple[int, int], int] = {}
        for start, end, _, _, instead in changes:
            here = max(len(svg[start:end].encode()), len(instead.encode()))
            widths[start, end] = max(widths.get((start, end), 0), here)
        pieces, position, offset = [], 0, 0
        placed: dict[tuple[int, int], int] = {}  # a place -> its first byte in the padded layout
        for (start, end), width in sorted(widths.items()):
            gap, original = svg[position:start].encode(), svg[start:end].encode()
            offset += len(gap)
            placed[start, end] = offset
            pieces += [gap, original.ljust(width)]
            offset += width
            position = end
        pieces.append(svg[position:].encode())
        self.data = b"".join(pieces)
        self.svg = self.data.decode()  # the layout itself: every gradient shown, no step current
        self._base64 = base64.b64encode(self.data).decode("ascii")
        self._alone: dict[tuple[int, bytes], str] = {}  # an edit with no other in its groups, encoded
        self._changes = sorted(
            (
                (placed[start, end], kind, node, instead.encode().ljust(widths[start, end]))
                for start, end, kind, node, instead in changes
            ),
            key=lambda change: (change[0], change[1] != "current"),
        )

    def _edits(self, done: set, current: Iterable) -> list[tuple[int, bytes]]:
        """Where the picture after the steps in ``done`` differs from the layout, and what it holds there."""
        current = set(current)
        edits: list[tuple[int, bytes]] = []
        for start, kind, node, instead in self._changes:
            if edits and edits[-1][0] == start:
                continue  # the same place, already changed (the current step's colours)
            if (node in current) if kind == "current" else (node not in done):
                edits.append((start, instead))
        return edits

    def frame(self, done: set, current: Iterable = ()) -> str:
        """The picture after the steps whose engine nodes are in ``done``; those in ``current`` highlighted."""
        data = bytearray(self.data)
        for start, instead in self._edits(done, current):
            data[start : start + len(instead)] = instead
        return data.decode()

    def frame_base64(self, done: set, current: Iterable = ()) -> str:
        """``frame(done, current)`` in base64, encoding again only the groups of 3 bytes it changes."""
        pieces, done_to = [], 0  # bytes encoded so far (a multiple of 3, or the end)
        block: list | None = None  # [first byte, end, edits]: whole groups of three bytes, changed
        for start, instead in self._edits(done, current):
            first, end = start // 3 * 3, min(-(-(start + len(instead)) // 3) * 3, len(self.data))
            if block is not None and first < block[1]:  # shares a group with the change before it
                block[1] = max(block[1], end)
                block[2].append((start, instead))
                continue
            if block is not None:
                pieces += self._encoded(block, done_to)
                done_to = block[1]
            block = [first, end, [(start, instead)]]
        if block is not None:
            pieces += self._encoded(block, done_to)
            done_to = block[1]
        if done_to < len(self.data):
            pieces.append(self._base64[done_to // 3 * 4 :])
        return "".join(pieces)

    def _encoded(self, block: list, done_to: int) -> list[str]:
        """The layout's base64 up to ``block``, then the block's bytes with its edits, encoded."""
        first, end, edits = block
        if len(edits) == 1:
            key = (edits[0][0], edits[0][1])
            chunk = self._alone.get(key)
            if chunk is None:
                chunk = self._alone[key] = self._encode(first, end, edits)
        else:
            chunk = self._encode(first, end, edits)
        return [self._base64[done_to // 3 * 4 : first // 3 * 4], chunk]

    def _encode(self, first: int, end: int, edits: list) -> str:
        data = bytearray(self.data[first:end])
        for start, instead in edits:
            data[start - first : start - first + len(instead)] = instead
        return base64.b64encode(data).decode("ascii")


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
