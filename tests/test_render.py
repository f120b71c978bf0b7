"""``autograd_lab.draw()``: pictures of the computation graph (issue 3).

What is checked, layer by layer:

- the DOT source: nodes, edges (input -> consumer), labels, styles, legend;
- the text tree (``text/plain``), compared with trees worked out by hand;
- names from the caller's namespace, list items, ``names=``, the "leaf N" fallback;
- values (PyTorch's print, or a summary and a heat map), gradients after backward;
- determinism (in one process and in fresh interpreters), escaping of every label;
- the engines: both real ones, none, and fakes that crash, hang or print garbage;
- condensation of big graphs, odd values, ``save()``, and bad arguments.

Tests that lay out a picture skip when no Graphviz engine is installed.
"""

from __future__ import annotations

import html
import json
import math
import os
import random
import re
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

import autograd_lab as torch
from autograd_lab.autograd.engine import AccumulateGrad
from autograd_lab.render import Graph, RenderError, engines, find_engine
from autograd_lab.render.dot import STYLES

ROOT = Path(__file__).resolve().parents[1]
SVG = "{http://www.w3.org/2000/svg}"

needs_engine = pytest.mark.skipif(find_engine() is None, reason="no Graphviz engine (dot or graphviz-pure)")
ENGINES = [
    pytest.param(
        "dot", marks=pytest.mark.skipif(find_engine("dot") is None, reason="no system Graphviz dot")
    ),
    pytest.param(
        "graphviz-pure",
        marks=pytest.mark.skipif(find_engine("graphviz-pure") is None, reason="graphviz-pure not installed"),
    ),
]

# Fill colour -> kind of node, to read a node's style back from the DOT source.
FILL_KIND = {fill: kind for kind, (fill, _) in STYLES.items()}


# -- reading the DOT source back ---------------------------------------------------

NODE_RE = re.compile(
    r'^\s+(n\d+) \[id="n\d+" label=<(.*)> (style="[^"]*" fillcolor="[^"]*" color="[^"]*" penwidth=\d+)'
    r'( group="spine")?\];$'
)
# An input drawn again next to a far consumer: n3_at17 is node n3, for edge 17.
REFERENCE_RE = re.compile(
    r'^  ((n\d+)_at\d+) \[id="n\d+_at\d+" label=<<B>(.*)</B>> style="rounded,filled,dashed" .*\];$'
)
# An edge's grad may be its label or its xlabel (placed after layout): either is fine.
EDGE_RE = re.compile(
    r'^  (n\d+(?:_at\d+)?) -> (n\d+) \[id="e\d+"( style=\w+ color="[^"]*"(?: fontcolor="[^"]*")?)?'
    r"(?: x?label=<(.*)>)?\];$"
)
CLUSTER_RE = re.compile(r"^\s+subgraph (cluster_m\d+) \{$")
# A module's input before its parameters (GraphModel.module_order): an invisible edge.
ORDER_RE = re.compile(r"^  (n\d+) -> (n\d+) \[style=invis\];$")
CLUSTER_LABEL_RE = re.compile(r'^\s+label=<(.*)>; style="rounded,dashed"; .*$')
ATTR_RE = re.compile(r'(\w+)=("[^"]*"|\S+)')
HEADER = ("digraph autograd {", "  graph [", "  node [", "  edge [")


def _markup_text(markup: str) -> str:
    """The text of an HTML-like label fragment: tags dropped, entities decoded, BR as newline."""
    markup = re.sub(r"<BR[^>]*/>", "&#10;", markup)
    element = ET.fromstring(f"<L>{markup}</L>")  # also proves the label is well-formed
    return "".join(element.itertext()).replace("\xa0", " ")


class DotNode:
    def __init__(self, node_id: str, label: str, attributes: str, clusters: tuple = ()) -> None:
        self.id = node_id
        self.raw = label
        label = re.sub(r"</B> +", "</B>", label)  # the room left after a bold title (dot._bold)
        table = ET.fromstring(re.sub(r"<BR[^>]*/>", "&#10;", label))
        # A row is a cell holding text: not a heat-map cell, not a cell holding a table.
        self.rows = [
            "".join(td.itertext()).replace("\xa0", " ").rstrip("\n")
            for td in table.iter("TD")
            if "BGCOLOR" not in td.attrib and td.find("TABLE") is None and "".join(td.itertext()).strip()
        ]
        self.heat = re.findall(r'<TD BGCOLOR="(#[0-9a-fA-F]{6})" WIDTH="7"', label)
        self.attrs = {key: value.strip('"') for key, value in ATTR_RE.findall(attributes)}
        self.clusters = clusters  # the module boxes it is in, outermost first

    @property
    def title(self) -> str:
        return self.rows[0]

    @property
    def kind(self) -> str:
        return FILL_KIND[self.attrs["fillcolor"]]

    @property
    def grad_rows(self) -> list[str]:
        return [row for row in self.rows if row.startswith("grad ")]

    def __repr__(self) -> str:
        return f"<DotNode {self.id} {self.rows}>"


class Dot:
    """Nodes, edges, legend, note and module boxes of a DOT source written by ``to_dot``; every line accounted for."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.nodes: dict[str, DotNode] = {}
        # Edges name their real source; those drawn from a reference are also listed there.
        self.edges: list[tuple[str, str, str | None]] = []
        self.cuts: list[tuple[str, str, str | None]] = []  # dashed edges backward() does not follow
        self.references: dict[str, str] = {}  # reference id -> the node it repeats
        self.reference_titles: dict[str, str] = {}
        self.reference_edges: list[tuple[str, str]] = []
        self.spine: set[str] = set()
        self.legend: list[str] | None = None
        self.legend_rows: list[list[str]] = []  # the legend's entries, row by row
        self.note: str | None = None
        self.clusters: dict[str, str] = {}  # cluster id -> its label
        self.order: list[tuple[str, str]] = []  # invisible edges: a module's input, then its parameters
        lines = source.splitlines()
        assert lines[0] == HEADER[0] and lines[-1] == "}", source
        open_clusters: list[str] = []
        for line in lines[1:-1]:
            if match := NODE_RE.match(line):
                self.nodes[match[1]] = DotNode(match[1], match[2], match[3], tuple(open_clusters))
                if match[4]:
                    self.spine.add(match[1])
            elif match := REFERENCE_RE.match(line):
                self.references[match[1]] = match[2]
                self.reference_titles[match[1]] = _markup_text(match[3])
            elif match := EDGE_RE.match(line):
                source = self.references.get(match[1], match[1])
                if source != match[1]:
                    self.reference_edges.append((source, match[2]))
                edge = (source, match[2], _markup_text(match[4]) if match[4] else None)
                (self.cuts if match[3] else self.edges).append(edge)
            elif match := ORDER_RE.match(line):
                self.order.append((match[1], match[2]))
            elif match := CLUSTER_RE.match(line):
                open_clusters.append(match[1])
            elif match := CLUSTER_LABEL_RE.match(line):
                self.clusters[open_clusters[-1]] = _markup_text(match[1])
            elif line.strip() == "}":
                open_clusters.pop()
            elif line.startswith("  label=<"):
                # The graph's label: a table, the note (if any) in its first row, a cell alone,
                # then the legend's rows: swatches (cells WIDTH="14") and their words.
                rows = ET.fromstring(re.match(r"  label=<(.*)>; labelloc", line)[1]).findall("TR")
                if rows and len(rows[0]) == 1:
                    self.note = "".join(rows[0][0].itertext())
                    rows = rows[1:]
                self.legend_rows = [
                    [
                        text
                        for td in row
                        if td.get("WIDTH") is None and (text := "".join(td.itertext()).strip())
                    ]
                    for row in rows
                ]
                self.legend = [entry for row in self.legend_rows for entry in row] or None
            else:
                assert line.startswith(HEADER[1:]), f"unexpected DOT line: {line!r}"
        assert not open_clusters
        for source_id, target_id, _ in self.edges + self.cuts:
            assert source_id in self.nodes and target_id in self.nodes

    def by_title(self, title: str) -> DotNode:
        found = [node for node in self.nodes.values() if node.title == title]
        assert len(found) == 1, (title, found)
        return found[0]

    def edge(self, source: DotNode, target: DotNode) -> list[str | None]:
        """Labels of the edges source -> target (a list: an input can feed an op twice)."""
        return [label for s, t, label in self.edges if (s, t) == (source.id, target.id)]


def svg_texts(svg: str) -> list[str]:
    """The text elements of an SVG (parsed as XML), spaces normalised."""
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return ["".join(t.itertext()).replace("\xa0", " ") for t in root.iter(f"{SVG}text")]


def embedded_svg(markup: str) -> str:
    """The SVG inside the ``<img src="data:image/svg+xml;base64,...">`` of a picture's HTML."""
    import base64

    match = re.fullmatch(
        r'<img src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)" alt="[^"<>]*" style="max-width:100%;height:auto">',
        markup,
    )
    assert match, markup[:200]
    return base64.b64decode(match[1]).decode("utf-8")


def svg_edge_titles(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [g.find(f"{SVG}title").text for g in root.iter(f"{SVG}g") if g.get("class") == "edge"]


# -- the running example: z = (x + 2) ** 2 + 3 --------------------------------------


def z_graph():
    x = torch.tensor([2.0], requires_grad=True)
    z = (x + 2) ** 2 + 3
    return x, z


def test_small_graph_nodes_edges_and_labels_before_backward():
    x, z = z_graph()
    dot = Dot(torch.draw(z).to_dot())
    # x, the constant 2, x + 2, (x + 2) ** 2, the constant 3, z: the exponent is no input.
    assert len(dot.nodes) == 6 and len(dot.edges) == 5
    leaf = dot.by_title("x")
    add = dot.by_title("AddBackward0 (+)")
    pow_ = dot.by_title("PowBackward0 (^)")
    out = dot.by_title("z = AddBackward0 (+)")
    two, three = dot.by_title("2"), dot.by_title("3")
    assert leaf.rows == ["x", "[2]"]
    assert add.rows[1:] == ["[4]"]
    assert pow_.rows[1:] == ["[16]"]
    assert out.rows[1:] == ["[19]"]
    assert two.rows == ["2"] and three.rows == ["3"]
    assert (leaf.kind, two.kind, three.kind, add.kind, pow_.kind) == (
        "leaf",
        "constant",
        "constant",
        "op",
        "op",
    )
    assert out.kind == "output"
    # Forward edges, input -> consumer, and no gradients before backward.
    expected = {(leaf, add), (two, add), (add, pow_), (pow_, out), (three, out)}
    assert {(dot.nodes[s], dot.nodes[t]) for s, t, _ in dot.edges} == expected
    assert all(label is None for _, _, label in dot.edges)
    assert not any(node.grad_rows for node in dot.nodes.values())
    assert "saved values freed" not in dot.source and "dashed" not in dot.source


def test_small_graph_grads_after_backward():
    x, z = z_graph()
    z.backward()
    dot = Dot(torch.draw(z).to_dot())
    assert len(dot.nodes) == 6 and len(dot.edges) == 5
    leaf, add = dot.by_title("x"), dot.by_title("AddBackward0 (+)")
    pow_, out = dot.by_title("PowBackward0 (^)"), dot.by_title("z = AddBackward0 (+)")
    two, three = dot.by_title("2"), dot.by_title("3")
    # dz/dz = 1; dz/d(pow) = 1; d(pow)/d(add) = 2 * 4 = 8; d(add)/dx = 1.
    assert out.grad_rows == ["grad [1]"]
    assert pow_.grad_rows == ["grad [1]"]
    assert add.grad_rows == ["grad [8]"]
    assert leaf.grad_rows == ["grad [8]"]
    assert x.grad.tolist() == [8.0]
    assert two.grad_rows == [] and three.grad_rows == []
    # Each edge carries what backward sent back along it; constants get nothing.
    assert dot.edge(leaf, add) == ["← [8]"]
    assert dot.edge(add, pow_) == ["← [8]"]
    assert dot.edge(pow_, out) == ["← [1]"]
    assert dot.edge(two, add) == [None] and dot.edge(three, out) == [None]
    # pow saved its input, freed by backward; the additions saved nothing.
    assert "saved values freed" in pow_.rows and "dashed" in pow_.attrs["style"]
    assert all("saved values freed" not in n.rows for n in (add, out, leaf))


def test_show_values_and_show_grads_switch_rows_off():
    x, z = z_graph()
    z.backward()
    dot = Dot(torch.draw(z, show_values=False, show_grads=False).to_dot())
    assert dot.by_title("x").rows == ["x"]
    assert dot.by_title("z = AddBackward0 (+)").rows == ["z = AddBackward0 (+)"]
    assert all(label is None for _, _, label in dot.edges)
    dot = Dot(torch.draw(z, show_values=True, show_grads=False).to_dot())
    assert dot.by_title("x").rows == ["x", "[2]"]


def test_text_tree_before_and_after_backward():
    x, z = z_graph()
    before = torch.draw(z)
    # Worked out by hand: each output is a root, inputs indented under their
    # consumer in argument order; z = pow + 3, pow = add ** 2, add = x + 2.
    assert before.text == textwrap.dedent(
        """\
        z = AddBackward0 (+)  value [19]
        ├─ PowBackward0 (^)  value [16]
        │  └─ AddBackward0 (+)  value [4]
        │     ├─ x  leaf  value [2]
        │     └─ 2  constant
        └─ 3  constant"""
    )
    z.backward()
    after = torch.draw(z)
    assert after.text == textwrap.dedent(
        """\
        z = AddBackward0 (+)  value [19]  grad [1]
        ├─ PowBackward0 (^)  value [16]  grad [1]  saved values freed  ← [1]
        │  └─ AddBackward0 (+)  value [4]  grad [8]  ← [8]
        │     ├─ x  leaf  value [2]  grad [8]  ← [8]
        │     └─ 2  constant
        └─ 3  constant"""
    )
    assert str(after) == repr(after) == after.text


def test_text_tree_shared_input_and_two_outputs():
    a = torch.tensor(3.0, requires_grad=True)
    sq = a * a
    twice = a * 2
    sq.backward()
    # d(a*a)/d(first) = a = 3 on both edges; a.grad = 6.  twice never saw backward.
    assert torch.draw([sq, twice]).text == textwrap.dedent(
        """\
        sq = MulBackward0 (×)  value 9  grad 1  saved values freed
        ├─ a  leaf  value 3  grad 6  ← 3
        └─ a (shown above)  ← 3
        twice = MulBackward0 (×)  value 6
        ├─ a (shown above)
        └─ 2  constant"""
    )
    dot = Dot(torch.draw([sq, twice]).to_dot())
    assert dot.by_title("sq = MulBackward0 (×)").kind == "output"
    assert dot.by_title("twice = MulBackward0 (×)").kind == "output"
    leaf, mul = dot.by_title("a"), dot.by_title("sq = MulBackward0 (×)")
    assert dot.edge(leaf, mul) == ["← 3", "← 3"]


def test_direction_sets_rankdir_and_grad_arrow():
    x, z = z_graph()
    z.backward()
    for direction, arrow in (("LR", "←"), ("TB", "↑"), ("RL", "→"), ("BT", "↓")):
        dot = Dot(torch.draw(z, direction=direction).to_dot())
        assert f"rankdir={direction} " in dot.source
        labels = [label for _, _, label in dot.edges if label]
        assert labels and all(label.startswith(arrow + " ") for label in labels)


# -- names --------------------------------------------------------------------------

module_weight = torch.tensor([0.5, -1.0], requires_grad=True)


def test_names_from_locals_globals_and_intermediates():
    bias = torch.tensor(1.0, requires_grad=True)
    inputs = torch.tensor([2.0, 4.0])  # a constant tensor with a name
    hidden = module_weight * inputs
    out = hidden.sum() + bias
    dot = Dot(torch.draw(out).to_dot())
    assert dot.by_title("module_weight").kind == "leaf"  # a global
    assert dot.by_title("bias").kind == "leaf"
    constant = dot.by_title("inputs")
    assert constant.kind == "constant" and constant.rows == ["inputs", "[2, 4]"]
    hidden_box = dot.by_title("hidden = MulBackward0 (×)")
    assert dot.by_title("out = AddBackward0 (+)").kind == "output"
    assert dot.by_title("SumBackward0 (Σ)").kind == "op"  # nobody named the sum
    assert dot.edge(constant, hidden_box) == [None]
    assert not any(node.title.startswith("leaf ") for node in dot.nodes.values())


def test_names_of_list_items():
    params = [torch.tensor(2.0, requires_grad=True), torch.tensor(5.0, requires_grad=True)]
    outs = [params[0] * params[1], params[0] + 1]
    dot = Dot(torch.draw(outs).to_dot())
    assert dot.by_title("params[0]").rows[1] == "2"
    assert dot.by_title("params[1]").rows[1] == "5"
    assert dot.by_title("outs[0] = MulBackward0 (×)").kind == "output"
    assert dot.by_title("outs[1] = AddBackward0 (+)").kind == "output"


def _hidden_leaves():
    first = torch.tensor(1.0, requires_grad=True)
    second = torch.tensor(7.0, requires_grad=True)
    return first * second + first


def test_fallback_leaf_names_number_leaves_in_order():
    out = _hidden_leaves()  # the leaves' names live in a frame that is gone
    dot = Dot(torch.draw(out).to_dot())
    assert dot.by_title("leaf 1").rows[1] == "1"
    assert dot.by_title("leaf 2").rows[1] == "7"
    assert "out = AddBackward0 (+)" in torch.draw(out).text
    # With an empty mapping even the output has no name.
    assert torch.draw(out, names={}).text.splitlines()[0] == "AddBackward0 (+)  value 8"


def test_names_mapping_replaces_the_callers_namespace():
    x = torch.tensor(1.0, requires_grad=True)
    y = x * 3
    dot = Dot(torch.draw(y, names={"alpha": x, "_private": y, "n": 3}).to_dot())
    assert dot.by_title("alpha").kind == "leaf"
    assert dot.by_title("MulBackward0 (×)").kind == "output"  # "y" is not in names; "_private" is skipped
    assert "x" not in {node.title for node in dot.nodes.values()}


# -- styles, legend -----------------------------------------------------------------


def test_styles_are_distinct_per_kind():
    fills = {kind: STYLES[kind][0] for kind in ("leaf", "constant", "op", "output", "current")}
    assert len(set(fills.values())) == len(fills)


def test_output_freed_current_styles_and_legend():
    x = torch.tensor([1.0, -2.0], requires_grad=True)
    h = x.exp()
    out = (h * 2).sum()
    out.backward()
    current = h.grad_fn
    dot = Dot(torch.draw(out, current=current).to_dot())
    exp_box = dot.by_title("h = ExpBackward0 (exp)")
    assert exp_box.kind == "current" and exp_box.attrs["penwidth"] == "3"
    assert "dashed" in exp_box.attrs["style"]  # exp saved its result, freed by backward
    out_box = dot.by_title("out = SumBackward0 (Σ)")
    assert out_box.kind == "output" and out_box.attrs["penwidth"] == "2"
    assert dot.by_title("x").attrs["penwidth"] == "1"
    assert "dashed" in dot.by_title("MulBackward0 (×)").attrs["style"]
    assert "dashed" not in out_box.attrs["style"]  # sum saves no values
    assert dot.legend == [
        "leaf (requires grad)",
        "constant",
        "operation",
        "output",
        "saved values freed",
        "current step",
        "numbers: float32 unless marked, 4 significant figures",
    ]
    assert "h = ExpBackward0 (exp)  value" in torch.draw(out, current=current).text
    assert "◀ current step" in torch.draw(out, current=current).text.splitlines()[2]


def test_the_legend_packs_short_entries_in_columns_and_gives_long_ones_a_row():
    x = torch.tensor([1.0, -2.0], requires_grad=True)
    h = x.exp()
    out = (h * 2).sum()
    out.backward()
    source = torch.draw(out, current=h.grad_fn).to_dot()
    rows = Dot(source).legend_rows
    short = [row for row in rows if not any(entry.startswith("numbers:") for entry in row)]
    # Six styles side by side, the same number to each row but the last; the numbers' line alone.
    assert sum(map(len, short)) == 6 and len(short) < 6
    assert len({len(row) for row in short[:-1]}) <= 1 and len(short[0]) - len(short[-1]) in (
        0,
        1,
    )  # 3 + 3, not 4 + 2
    assert [row for row in rows if row not in short] == [
        ["numbers: float32 unless marked, 4 significant figures"]
    ]
    # Every style's swatch keeps its size however wide its column is.
    label = next(line for line in source.splitlines() if line.startswith("  label=<"))
    assert label.count('FIXEDSIZE="TRUE"') == 6


def test_current_leaf_and_legend_only_lists_styles_present():
    x = torch.tensor(2.0, requires_grad=True)
    y = x * 3
    y.backward(retain_graph=True)
    accumulator = y.grad_fn.next_functions[0][0]
    assert type(accumulator) is AccumulateGrad
    dot = Dot(torch.draw(y, current=accumulator).to_dot())
    assert dot.by_title("x").kind == "current"
    # retain_graph: nothing freed, so no dashed box and no "freed" legend entry.
    assert "dashed" not in dot.source and "saved values freed" not in dot.legend
    plain = Dot(torch.draw(y).to_dot())
    assert "current step" not in plain.legend and plain.by_title("x").kind == "leaf"
    assert Dot(torch.draw(y, legend=False).to_dot()).legend is None


# -- CopySlices ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("write", "where"),
    [
        (lambda buf, w: buf.__setitem__((0, slice(1, 3)), w), "buf[0, 1:3]"),
        (lambda buf, w: buf.__setitem__((slice(1, None), 0), w), "buf[1:, 0]"),
    ],
)
def test_copy_slices_says_which_op_it_wrapped_and_where(write, where):
    w = torch.tensor([5.0, 6.0], requires_grad=True)
    buf = torch.zeros(3, 4)
    write(buf, w)
    assert type(buf.grad_fn).__name__ == "CopySlices"
    dot = Dot(torch.draw(buf).to_dot())
    box = dot.by_title(f"buf = CopySlices (CopyBackwards on {where})")
    assert dot.edge(dot.by_title("w"), box) == [None]
    assert torch.draw(buf).text.startswith(f"buf = CopySlices (CopyBackwards on {where})  value")
    assert any(entry.startswith("CopySlices: an in-place change of a view") for entry in dot.legend)


def test_copy_slices_of_an_in_place_op_on_a_view():
    x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
    y = x * 1
    y[1:3].mul_(5)
    out = y.sum()
    out.backward()
    text = torch.draw(out).text
    assert "y = CopySlices (MulBackward0 on y[1:3])  value [1, 10, 15, 4]  grad [1, 1, 1, 1]" in text
    assert x.grad.tolist() == [1.0, 5.0, 5.0, 1.0]
    read = x[0:1] * 2
    assert "CopySlices" not in torch.draw(read).to_dot()


def test_a_stale_view_made_again_says_so():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * 1
    z = y[:1]
    y.mul_(5)
    out = z.sum()
    assert type(z.grad_fn).__name__ == "AsStridedBackward0"
    dot = Dot(torch.draw(out).to_dot())
    box = dot.by_title("z = AsStridedBackward0 (view)")
    assert box.rows[1] == "view [:1] made again: its base changed in place"
    assert any(entry.startswith("AsStridedBackward0: a view's node made again") for entry in dot.legend)


def test_a_saved_value_changed_in_place_is_shown_with_its_versions():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x.exp()
    out = (y * y).sum()
    y.add_(1)  # exp saved its result, which is y: version 0, now 1
    dot = Dot(torch.draw(out).to_dot())
    box = dot.by_title("MulBackward0 (×)")
    assert box.rows[1] == "a value it saved (b) was changed in place: version 1, saved at 0"
    assert "a saved value changed in place since: backward() will fail there" in dot.legend
    with pytest.raises(RuntimeError, match="is at version 1; expected version 0"):
        out.backward()


# -- values and heat maps -----------------------------------------------------------


def test_small_values_in_full_and_large_as_shape_and_heat_map():
    square = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    grid = torch.tensor((np.arange(600.0) ** 2 / 1000).astype(np.float32).reshape(20, 30), requires_grad=True)
    out = (square * square).sum() + grid.sum()
    out.backward()
    dot = Dot(torch.draw(out).to_dot())
    # Small: in full, no tensor(...) around it, rows aligned; value and gradient side by side.
    assert dot.by_title("square").rows[1:] == ["[[1, 2],\n [3, 4]]", "grad [[2, 4],\n      [6, 8]]"]
    # Large: the shape once, written [20, 30], then "value" and "grad" over a heat map each,
    # each map with its colour scale (a square of each colour, and its number): i**2 / 1000
    # for i < 600 is >= 0, so no blue; 8 x 16 block means, the largest of rows 18-19 and column 29:
    # (569**2 + 599**2) / 2 / 1000 = 341.28 (four figures).  The gradient is all ones.
    assert dot.by_title("grid").rows == ["grid", "[20, 30]", "value", "grad", "□ 0  ■ 341.3", "□ 0  ■ 1"]
    text = torch.draw(out).text
    # In words: shape, then min, mean and max, four significant figures; float32 goes without saying.
    assert (
        "grid  leaf  value [20, 30]  min 0  mean 119.7  max 358.8  grad [20, 30]  min 1  mean 1  max 1"
        in text
    )
    assert "square  leaf  value [[1, 2], [3, 4]]  grad [[2, 4], [6, 8]]" in text


def test_heat_maps_for_large_float_values_only():
    top_positive = np.where(np.arange(16)[:, None] < 8, 2.0, -1.0) * np.ones((16, 16))
    big = torch.tensor(top_positive.astype(np.float32), requires_grad=True)
    small = torch.tensor([[1.0, -1.0], [2.0, 0.5]], requires_grad=True)
    long = torch.tensor(np.linspace(-1, 1, 100, dtype=np.float32), requires_grad=True)
    out = (big * 2).sum() + (small * 1).sum() + long.sum()
    out.backward()
    dot = Dot(torch.draw(out).to_dot())
    with_heat = sorted(node.title for node in dot.nodes.values() if node.heat)
    assert with_heat == ["MulBackward0 (×)", "big", "long"]  # not small * 1, not the sums
    big_box = dot.by_title("big")
    # 8 x 16 block means (2 rows each): the top half +2, the largest, so pure red; the bottom
    # half -1, half as strong: 255 * (1 - 0.5) = 127.5 -> 128 = 0x80.  The gradient (2
    # everywhere, from big * 2) is all red.
    assert big_box.heat == ["#ff0000"] * 64 + ["#8080ff"] * 64 + ["#ff0000"] * 128
    # The scale under the value's map: blue is -2, white 0, red 2; the gradient's: white 0, red 2.
    assert [row for row in big_box.rows if "□" in row] == ["■ -2  □ 0  ■ 2", "□ 0  ■ 2"]
    doubled = next(n for n in dot.nodes.values() if n.heat and n.title == "MulBackward0 (×)")
    assert doubled.heat[:128] == big_box.heat[:128]  # the same picture, on its own scale
    assert "■ -4  □ 0  ■ 4" in doubled.rows
    # A 1-D value is a strip: one row of cells (100 values in 16 blocks).
    assert len(dot.by_title("long").heat) == 16 * 2  # value and gradient
    assert dot.by_title("small").heat == []
    assert not any(
        node.heat
        for node in Dot(torch.draw(out, show_values=False, show_grads=False).to_dot()).nodes.values()
    )


def test_an_all_zero_value_says_so():
    bias = torch.zeros(16, requires_grad=True)
    weights = torch.tensor(np.linspace(-1, 1, 16, dtype=np.float32), requires_grad=True)
    out = (weights * 3 + bias).sum()
    out.backward()
    dot = Dot(torch.draw(out).to_dot())
    bias_box = dot.by_title("bias")
    assert bias_box.rows[1:5] == ["[16]", "value", "grad", "all 0"]  # not an empty white strip
    assert "bias  leaf  value [16] all 0  grad [16]  min 1  mean 1  max 1" in torch.draw(out).text


def test_dtypes_are_written_once_where_they_matter():
    labels = torch.tensor([0, 1, 1, 0])
    scores = torch.tensor([0.5, -0.5, 1.0, 2.0], requires_grad=True)
    loss = (scores * labels).sum()
    loss.backward()
    dot = Dot(torch.draw(loss).to_dot())
    # float32 goes without saying on each node; the legend says it once; int64 is marked.
    assert "numbers: float32 unless marked, 4 significant figures" in dot.legend
    assert "float32" not in " ".join(row for node in dot.nodes.values() for row in node.rows)
    assert dot.by_title("labels").rows[1] == "[0, 1, 1, 0] int64"
    double = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
    assert "double  leaf  value [1, 2] float64" in torch.draw(double * 1).text
    pixels = torch.tensor([0, 255], dtype=torch.uint8)  # the smaller dtypes say their own name
    counts = torch.tensor([1, 2], dtype=torch.int32)
    text = torch.draw((double * pixels * counts).sum()).text
    assert "pixels  constant  value [0, 255] uint8" in text and "counts  constant  value [1, 2] int32" in text


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (2.0, "2"),
        (1 / 3, "0.3333"),
        (-2 / 3, "-0.6667"),
        (12345.678, "1.235e+04"),
        (1.5e-5, "1.5e-05"),
        (-0.0, "0"),
        (float("nan"), "nan"),
        (float("-inf"), "-inf"),
    ],
)
def test_numbers_have_four_significant_figures_and_no_wrapper(value, written):
    x = torch.tensor(value, requires_grad=True)
    dot = Dot(torch.draw(x * 1).to_dot())
    assert dot.by_title("x").rows[1] == written
    assert torch.draw(x * 1, names={"x": x}).text.endswith(f"x  leaf  value {written}\n└─ 1  constant")


def test_edges_carry_small_gradients_in_full_and_large_ones_as_shape_and_norm():
    small = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    big = torch.ones(200, 16, requires_grad=True)
    out = (small * 2).sum() + (big * 0.5).sum()
    out.backward()
    dot = Dot(torch.draw(out, direction="LR").to_dot())
    assert [label for s, _, label in dot.edges if s == dot.by_title("small").id] == ["← [2, 2, 2]"]
    # 3,200 gradients of 0.5: norm sqrt(3200 * 0.25) = 28.28.
    big_edges = [label for s, _, label in dot.edges if s == dot.by_title("big").id]
    assert big_edges == ["← [200, 16], norm 28.28"]


# -- odd values ---------------------------------------------------------------------


def _odd_graphs():
    nan = torch.tensor(float("nan"), requires_grad=True)
    inf = torch.tensor(float("inf"), requires_grad=True)
    zero_d = torch.tensor(3.0, requires_grad=True)
    empty = torch.zeros(0, requires_grad=True)
    empty_2d = torch.zeros(0, 5, requires_grad=True)
    holes = np.ones((20, 20), dtype=np.float32)
    holes[0, :3] = np.nan
    holes[5, 5] = np.inf
    holes[6, 6] = -np.inf
    holey = torch.tensor(holes, requires_grad=True)
    all_nan = torch.full((20, 20), float("nan"), requires_grad=True)
    return {
        "nan": (nan * 2, ["value nan"]),
        "inf": (inf - 1, ["value inf"]),
        "0-d": (zero_d * zero_d, ["value 9", "value 3"]),
        "empty": (empty.sum(), ["value []", "value 0"]),
        "empty 2-d": (empty_2d * 2, ["value [0, 5] empty"]),
        "nan and inf in a big one": (
            holey * 1,
            ["value [20, 20]  min 1  mean 1  max 1  3 nan  2 inf"],
        ),
        "all nan": (all_nan + 0, ["value [20, 20]  400 nan"]),
    }


@pytest.mark.parametrize("case", list(_odd_graphs()))
def test_odd_values_render_as_text(case):
    out, expected = _odd_graphs()[case]
    if out.numel() == 1:
        out.backward()
    text = torch.draw(out).text
    for piece in expected:
        assert piece in text, text
    Dot(torch.draw(out).to_dot())  # well-formed labels


@pytest.mark.parametrize("engine", ENGINES)
def test_odd_values_render_as_svg(engine):
    for case, (out, expected) in _odd_graphs().items():
        texts = " ".join(svg_texts(torch.draw(out, engine=engine).svg()))
        value = expected[0].removeprefix("value ")
        assert value.split("  ")[0] in texts, case


# -- determinism --------------------------------------------------------------------

PROGRAM = """
import autograd_lab as torch
weight = torch.tensor([[0.5, -1.0], [2.0, 0.25]], requires_grad=True)
data = torch.tensor([1.0, 3.0])
hidden = (weight @ data).tanh()
loss = (hidden ** 2).sum() + 1
loss.backward()
graph = torch.draw(loss, engine=ENGINE)
"""


def _run_program(engine: str) -> Graph:
    namespace: dict = {"ENGINE": engine}
    exec(PROGRAM, namespace)  # draw() reads the names from this namespace
    return namespace["graph"]


def test_same_program_gives_identical_dot_and_text():
    first, second = _run_program("auto"), _run_program("auto")
    assert first.to_dot() == second.to_dot()
    assert first.text == second.text
    dot = Dot(first.to_dot())
    assert dot.by_title("weight").kind == "leaf" and dot.by_title("data").kind == "constant"
    assert dot.by_title("hidden = TanhBackward0 (tanh)").grad_rows


@pytest.mark.parametrize("engine", ENGINES)
def test_same_program_gives_identical_svg_bytes(engine):
    first, second = _run_program(engine), _run_program(engine)
    assert first.svg().encode() == second.svg().encode()
    assert first.svg() is first.svg()  # laid out once
    assert "weight" in svg_texts(first.svg())


@needs_engine
def test_fresh_interpreters_give_identical_dot_text_and_svg():
    engines_here = [name for name in ("dot", "graphviz-pure") if find_engine(name)]
    script = PROGRAM.replace("graph = torch.draw(loss, engine=ENGINE)\n", "") + textwrap.dedent(
        f"""
        import json, sys
        result = {{}}
        for name in {engines_here!r}:
            graph = torch.draw(loss, engine=name)
            result[name] = [graph.to_dot(), graph.text, graph.svg()]
        sys.stdout.write(json.dumps(result))
        """
    )
    runs = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert done.returncode == 0, done.stderr
        runs.append(json.loads(done.stdout))
    assert runs[0] == runs[1]
    for name in engines_here:
        here = _run_program(name)
        assert runs[0][name] == [here.to_dot(), here.text, here.svg()]


# -- escaping -----------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    "say \"hi\" & 'bye'",
    "{braces} | <port>",
    r"C:\New\Graph\\end\\",
    "two\nlines\ttab",
    "]]> &amp; &#60;",
]
# How each name must read: the same text, with control characters written as escapes.
SHOWN = [name.replace("\n", "\\n").replace("\t", "\\t") for name in HOSTILE]


def _hostile_graph():
    leaves = [torch.tensor(float(i), requires_grad=True) for i in range(len(HOSTILE))]
    out = leaves[0]
    for leaf in leaves[1:]:
        out = out + leaf
    return leaves, out, dict(zip(HOSTILE, leaves, strict=True))


def test_hostile_names_are_escaped_in_dot_and_text():
    leaves, out, names = _hostile_graph()
    names["out<b>\\N"] = out
    graph = torch.draw(out, names=names)
    source = graph.to_dot()
    assert "<script" not in source and "&lt;script&gt;" in source
    assert "\t" not in source
    dot = Dot(source)  # every line is a node, an edge or ours (no label broke a line); labels parse
    titles = {node.title for node in dot.nodes.values()}
    # In DOT, a backslash is doubled (Graphviz reads \N, \G, \\ even in HTML labels).
    for shown in SHOWN:
        assert shown.replace("\\", "\\\\") in titles
    # The text tree keeps one line per node: a newline in a name does not break it.
    lines = graph.text.splitlines()
    assert len(lines) == len(dot.nodes)
    for shown in SHOWN:
        assert sum(line.count(shown) for line in lines) >= 1, shown
    assert lines[0].startswith("out<b>\\N = AddBackward0 (+)")


@pytest.mark.parametrize("engine", ENGINES)
def test_hostile_names_are_literal_text_in_svg(engine):
    leaves, out, names = _hostile_graph()
    names["out<b>\\N"] = out
    svg = torch.draw(out, names=names, engine=engine).svg()
    texts = svg_texts(svg)
    for shown in SHOWN:
        assert shown in texts, (shown, texts)
    assert "out<b>\\N = AddBackward0 (+)" in texts
    root = ET.fromstring(svg)
    assert not [el for el in root.iter() if el.tag.rsplit("}", 1)[-1].lower() in ("script", "b")]
    assert "<script" not in svg.lower()


@pytest.mark.parametrize("engine", ENGINES)
def test_hostile_namespace_key_is_literal_text(engine):
    namespace = {"torch": torch, "ENGINE": engine, "<script>alert(1)</script>": None}
    exec(
        textwrap.dedent(
            """
            globals()["<script>alert(1)</script>"] = torch.tensor([1.0, 2.0], requires_grad=True)
            result = globals()["<script>alert(1)</script>"] * 2
            graph = torch.draw(result, engine=ENGINE)
            """
        ),
        namespace,
    )
    graph = namespace["graph"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in graph.to_dot() and "<script" not in graph.to_dot()
    assert "<script>alert(1)</script>  leaf" in graph.text
    bundle = graph._repr_mimebundle_()
    assert set(bundle) == {"text/html", "image/svg+xml", "text/plain"} and bundle["text/plain"] == graph.text
    assert "<script>alert(1)</script>" in svg_texts(bundle["image/svg+xml"])
    assert "<script" not in bundle["image/svg+xml"] and "<script" not in bundle["text/html"]
    assert embedded_svg(bundle["text/html"]) == bundle["image/svg+xml"]


@pytest.mark.parametrize("engine", ENGINES)
def test_characters_xml_cannot_hold_still_render(engine):
    x = torch.tensor(1.0, requires_grad=True)
    name = "a\x00b\uffffc\ud800d\x7f"
    svg = torch.draw(x * 2, names={name: x}, engine=engine).svg()
    assert "a\\x00b\\uffffc\\ud800d\\x7f" in svg_texts(svg)


# -- engines: none, crashing, hanging, garbage ---------------------------------------


@pytest.fixture
def no_engine(monkeypatch, tmp_path):
    """No system dot on PATH and no graphviz-pure next to Python."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(engines, "_graphviz_pure", lambda: None)
    assert find_engine() is None
    return empty


def _fake_engine(folder: Path, name: str, body: str) -> Path:
    script = folder / name
    script.write_text(f"#!{sys.executable}\nimport sys, time\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return script


def _fallback_line(graph: Graph) -> str:
    """The display path without a picture: only text/plain, the tree plus one line."""
    bundle = graph._repr_mimebundle_()
    assert set(bundle) == {"text/plain"}
    plain = bundle["text/plain"]
    assert plain.startswith(graph.text + "\n")
    extra = plain[len(graph.text) + 1 :]
    assert extra and "\n" not in extra
    assert engines.HOW_TO_GET_PICTURES in extra
    return extra


def test_no_engine_gives_text_and_how_to_get_pictures(no_engine, tmp_path):
    x, z = z_graph()
    graph = torch.draw(z)
    line = _fallback_line(graph)
    assert line.startswith("(no picture: no Graphviz engine found")
    assert "pip install graphviz-pure" in line
    with pytest.raises(RenderError, match="no Graphviz engine"):
        graph.svg()
    with pytest.raises(RenderError):
        graph.save(tmp_path / "z.svg")
    assert not (tmp_path / "z.svg").exists()
    assert graph.save(tmp_path / "z.dot").read_text(encoding="utf-8") == graph.to_dot()
    with pytest.raises(RenderError):
        torch.draw(z, engine="dot").svg()


def test_crashing_engine_never_raises_from_display(no_engine):
    _fake_engine(no_engine, "dot", 'sys.stderr.write("Error: fake crash\\nsecond line\\n"); sys.exit(1)')
    assert find_engine() == ("dot", str(no_engine / "dot"))
    x, z = z_graph()
    graph = torch.draw(z)
    assert "dot failed (exit code 1): Error: fake crash" in _fallback_line(graph)
    with pytest.raises(RenderError, match="exit code 1"):
        graph.svg()


def test_crashing_graphviz_pure_is_named(no_engine, monkeypatch, tmp_path):
    folder = tmp_path / "scripts"
    folder.mkdir()
    fake = _fake_engine(folder, "graphviz-pure", "sys.exit(3)")
    monkeypatch.setattr(engines, "_graphviz_pure", lambda: str(fake))
    x, z = z_graph()
    assert "graphviz-pure failed (exit code 3): no message" in _fallback_line(torch.draw(z))


def test_engine_that_cannot_start_never_raises(no_engine, monkeypatch, tmp_path):
    not_a_program = tmp_path / "graphviz-pure"
    not_a_program.write_text("not executable", encoding="utf-8")
    monkeypatch.setattr(engines, "_graphviz_pure", lambda: str(not_a_program))
    x, z = z_graph()
    assert "graphviz-pure could not be started" in _fallback_line(torch.draw(z))


def test_hanging_engine_is_stopped_at_the_timeout(no_engine):
    _fake_engine(no_engine, "dot", "time.sleep(30)")
    x, z = z_graph()
    graph = torch.draw(z, timeout=0.5)
    # Had the timeout not worked, the fake would have returned no SVG after 30 s instead.
    assert "dot took longer than 0.5 s and was stopped" in _fallback_line(graph)


@pytest.mark.parametrize(
    ("output", "reason"),
    [
        ('sys.stdout.write("this is not a picture")', "dot returned something that is not SVG"),
        ('sys.stdout.write("<svg")', "dot returned something that is not SVG"),
        ('sys.stdout.buffer.write(b"<svg>\\xff\\xfe</svg>")', "returned text that is not UTF-8"),
    ],
)
def test_engine_returning_garbage_never_raises(no_engine, output, reason):
    _fake_engine(no_engine, "dot", output)
    x, z = z_graph()
    assert reason in _fallback_line(torch.draw(z))


# -- the system dot measures text with Graphviz's own font metrics ----------------------------

needs_dot = pytest.mark.skipif(find_engine("dot") is None, reason="no system Graphviz dot")


@needs_dot
def test_dot_runs_with_only_its_layout_and_core_plugins():
    dot = find_engine("dot")[1]
    environment = engines.lean_environment(dot)
    assert environment is not None
    (config,) = Path(environment["GVBINDIR"]).iterdir()
    plugins = re.findall(r"^(\S+) (\S+) \{$", config.read_text(encoding="utf-8"), re.M)
    assert sorted(plugin for _, plugin in plugins) == ["core", "dot_layout"]
    assert all(Path(library).is_absolute() and Path(library).exists() for library, _ in plugins)
    told = subprocess.run(
        [dot, "-v", "-Tsvg"],
        input=b'digraph { a [label="x" fontname="Helvetica"] }',
        capture_output=True,
        env=environment,
        check=True,
    )
    assert b"resolved to: [internal" in told.stderr and b"pango" not in told.stderr.lower()


@needs_dot
def test_the_plugin_folder_is_made_again_when_it_was_cleaned_away():
    dot = find_engine("dot")[1]
    first = engines.lean_environment(dot)["GVBINDIR"]
    for entry in Path(first).iterdir():
        entry.unlink()
    Path(first).rmdir()
    again = engines.lean_environment(dot)
    assert again is not None and again["GVBINDIR"] != first and Path(again["GVBINDIR"]).is_dir()


def test_a_plugin_configuration_without_the_layout_plugin_is_not_used(tmp_path):
    core = "libgvplugin_core.so.6 core {\n\trender {\n\t\tsvg 1\n\t}\n}\n"
    pango = "libgvplugin_pango.so.6 cairo {\n\ttextlayout {\n\t\ttextlayout 0\n\t}\n}\n"
    layout = "/opt/gv/libgvplugin_dot_layout.so.6 dot_layout {\n\tlayout {\n\t\tdot 0\n\t}\n}\n"
    assert engines._lean_config(core + pango, tmp_path) is None
    lean = engines._lean_config(core + pango + layout, tmp_path)
    assert "pango" not in lean and "textlayout" not in lean
    assert f"{tmp_path / 'libgvplugin_core.so.6'} core {{" in lean  # a relative library made absolute
    assert "\n/opt/gv/libgvplugin_dot_layout.so.6 dot_layout {" in lean


def test_a_dot_that_does_not_name_its_plugins_is_run_as_installed(no_engine):
    # It prints nothing for -v, and its picture is only right when it gets no GVBINDIR.
    _fake_engine(
        no_engine,
        "dot",
        'import os\nsys.stdin.read()\nassert "GVBINDIR" not in os.environ\n'
        'sys.stdout.write(\'<svg width="10pt" height="10pt"></svg>\')',
    )
    x, z = z_graph()
    assert torch.draw(z).svg().startswith("<svg")


@needs_dot
def test_a_steady_picture_is_as_wide_whatever_its_numbers():
    # interact re-uses one layout: a short number takes the room a long one needs (spaces, one
    # character each to Graphviz's metrics; "&#160;" would count two).
    widths = []
    for value in (2.0, -0.1234):
        x = torch.tensor(value, requires_grad=True)
        y = x * 3
        y.backward()
        widths.append(
            float(re.search(r'<svg width="([\d.]+)pt"', torch.draw(y, steady=True, engine="dot").svg())[1])
        )
    assert widths[0] == widths[1]


def test_spaces_are_written_as_graphviz_keeps_them():
    from autograd_lab.render.dot import spaced

    assert spaced("     [3,  4]]") == "&#160;    [3,  4]]"  # dot keeps the rest of the run
    assert spaced("grad 2   ") == "grad 2   "


def test_retext_writes_runs_of_spaces_as_a_browser_keeps_them():
    from autograd_lab.render.frames import retext

    def source(text: str) -> str:
        return f'  n1 [id="n1" label=<<TABLE><TR><TD>{text}</TD></TR></TABLE>> style="filled"];\n'

    svg = '<svg>\n<g id="g1_n1" class="node">\n<title>n1</title>\n<text x="0">1 &#160;2 </text>\n</g>\n</svg>'
    assert '<text x="0">3 &#160;4 </text>' in retext(svg, source("1  2 "), source("3  4 "))


# -- a large graph writes a gradient on an edge only where the box does not ------------------


def _tanh_chain(x, steps: int):
    h = x
    for _ in range(steps):
        h = (h * 1.01 + 0.1).tanh()
    return h


def _edge_grads(source: str) -> dict[str, list[str]]:
    """Each edge's source node id -> the gradients written on its edges."""
    found: dict[str, list[str]] = {}
    for match in re.finditer(r"^  (n\d+)(?:_at\d+)? -> n\d+ \[(.*)\];$", source, re.M):
        grad = re.search(r'COLOR="#b03a2e">([^<]*)<', match[2])
        found.setdefault(match[1], []).append(html.unescape(grad[1]).strip() if grad else "")
    return found


def test_a_large_graph_leaves_out_the_edge_numbers_that_repeat_a_box():
    x = torch.tensor(0.5, requires_grad=True)
    h = _tanh_chain(x, 12)  # 36 operations and 24 constants: edge labels placed after the layout
    h.backward()
    source = torch.draw(h).source
    assert set().union(*_edge_grads(source).values()) == {""}
    assert "numbers on edges: left out where they repeat the grad in the box" in source
    h = _tanh_chain(x, 2)
    h.backward()
    small = torch.draw(h).source  # a student follows this one edge by edge
    written = _edge_grads(small)
    assert all(
        grads[0].startswith("↑") or grads[0].startswith("←")
        for node, grads in written.items()
        if grads != [""]
    )
    assert sum(grads != [""] for grads in written.values()) == 6  # out of x and the operations but the last
    assert "left out" not in small


def test_a_large_graph_keeps_the_edge_numbers_a_gradient_adds_up_from():
    x = torch.tensor(0.5, requires_grad=True)
    y = _tanh_chain(x, 12) * x  # x is used twice: its two edges carry the two parts of its grad
    y.backward()
    graph = torch.draw(y)
    leaf = re.search(r'^  (n\d+) \[id="n\d+" label=<<TABLE[^>]*><TR><TD[^>]*><B>x</B>', graph.source, re.M)[1]
    parts = _edge_grads(graph.source)[leaf]
    assert len(parts) == 2 and all(parts)
    total = sum(float(part.split()[-1]) for part in parts)
    assert total == pytest.approx(x.grad.item(), rel=1e-3)


def test_a_leaf_gradient_accumulated_over_two_backward_calls_keeps_its_edge_number():
    x = torch.tensor(0.5, requires_grad=True)
    h = _tanh_chain(x, 12)
    h.backward(retain_graph=True)
    h.backward()  # x.grad is twice what its one edge carried this time
    graph = torch.draw(h)
    leaf = re.search(r'^  (n\d+) \[id="n\d+" label=<<TABLE[^>]*><TR><TD[^>]*><B>x</B>', graph.source, re.M)[1]
    (part,) = _edge_grads(graph.source)[leaf]
    assert float(part.split()[-1]) == pytest.approx(x.grad.item() / 2, rel=1e-3)


# -- fitting: the ways to draw a graph, and their estimates --------------------------------


def test_compact_ways_only_where_compact_values_change_something():
    from autograd_lab.render import fit

    def ways(y):
        ladder = fit.Ladder(torch.draw(y).model, "auto", None, lambda: None, True, True)
        return [(rung.direction, rung.compact) for index in range(8) if (rung := ladder.rung(index))]

    x = torch.tensor(0.5, requires_grad=True)
    assert ways(x * 2) == [("LR", False), ("TB", False)]  # numbers alone are never compacted
    m = torch.tensor(np.linspace(0.1234, 0.9876, 9).reshape(3, 3), requires_grad=True)
    assert ways(m * 2) == [("LR", False), ("LR", True), ("TB", False), ("TB", True)]


def test_each_way_is_estimated_with_its_own_box_widths():
    from autograd_lab.render import fit
    from autograd_lab.render import values as V

    m = torch.tensor(np.linspace(0.1234, 0.9876, 9).reshape(3, 3), requires_grad=True)
    y = (m * 2).sum()
    y.backward()
    ladder = fit.Ladder(torch.draw(y).model, "auto", None, lambda: None, True, True)
    for index in range(4):
        rung = ladder.rung(index)
        with V.compact_values(rung.compact):
            fresh = fit.estimate(rung.model, True, True)["LR" if rung.direction == "LR" else "TB"]
        assert ladder.estimate(index) == fresh
    assert ladder.estimate(0) > ladder.estimate(1)  # written in full, then as heat maps


@needs_engine
def test_working_engine_gives_svg_and_text():
    x, z = z_graph()
    z.backward()
    graph = torch.draw(z)
    bundle = graph._repr_mimebundle_()
    assert set(bundle) == {"text/html", "image/svg+xml", "text/plain"}
    assert bundle["text/plain"] == graph.text
    # The HTML is what JupyterLab shows, trusted or not: an <img> that shrinks to its area.
    assert embedded_svg(bundle["text/html"]) == bundle["image/svg+xml"]
    texts = svg_texts(bundle["image/svg+xml"])
    for expected in ("x", "z = AddBackward0 (+)", "[19]", "grad [8]", "← [8]"):
        assert expected in texts, (expected, texts)
    # The SVG's edges run forwards, as in the DOT source.
    dot = Dot(graph.to_dot())
    assert sorted(svg_edge_titles(bundle["image/svg+xml"])) == sorted(f"{s}->{t}" for s, t, _ in dot.edges)
    assert dot.by_title("x").id + "->" + dot.by_title("AddBackward0 (+)").id in svg_edge_titles(
        bundle["image/svg+xml"]
    )


# -- condensation -------------------------------------------------------------------


def _scalar_mlp(sizes: list[int], samples: int, seed: int = 0):
    """A tiny MLP unrolled on scalars, micrograd style: thousands of nodes."""
    rng = random.Random(seed)
    params, layers = [], []
    for fan_in, fan_out in zip(sizes, sizes[1:], strict=False):
        layer = []
        for _ in range(fan_out):
            weights = [torch.tensor(rng.uniform(-1, 1), requires_grad=True) for _ in range(fan_in)]
            bias = torch.tensor(0.0, requires_grad=True)
            params += [*weights, bias]
            layer.append((weights, bias))
        layers.append(layer)
    loss = torch.tensor(0.0)
    for _ in range(samples):
        acts = [torch.tensor(rng.uniform(-1, 1)) for _ in range(sizes[0])]
        for depth, layer in enumerate(layers):
            new = []
            for weights, bias in layer:
                total = bias
                for weight, act in zip(weights, acts, strict=True):
                    total = total + weight * act
                new.append(total.tanh() if depth < len(layers) - 1 else total)
            acts = new
        loss = loss + (acts[0] - 1.0) ** 2
    loss.backward()
    return params, loss


def _walk(loss) -> tuple[int, int]:
    """Operations and leaves behind ``loss``, counted by walking grad_fn ourselves."""
    seen, stack = set(), [loss.grad_fn]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        stack.extend(child for child, _ in node.next_functions if child is not None)
    leaves = sum(type(node) is AccumulateGrad for node in seen)
    return len(seen) - leaves, leaves


@pytest.fixture(scope="module")
def big_mlp():
    params, loss = _scalar_mlp([4, 16, 16, 1], samples=4)
    ops, leaves = _walk(loss)
    assert leaves == len(params) == 16 * 5 + 16 * 17 + 17
    assert ops + leaves > 3000
    return params, loss, ops, leaves


@pytest.mark.parametrize("max_nodes", [150, 40])
def test_big_graph_is_condensed_to_max_nodes(big_mlp, max_nodes):
    params, loss, ops, leaves = big_mlp
    # Explicit names: the fixture's tuple in this frame would name loss "big_mlp[1]".
    graph = torch.draw(loss, max_nodes=max_nodes, names={"loss": loss, "params": params})
    dot = Dot(graph.to_dot())
    assert len(dot.nodes) <= max_nodes
    note = re.fullmatch(
        r"condensed: ([\d,]+) nodes shown as ([\d,]+); draw\(\.\.\., max_nodes=None\) shows every node",
        dot.note,
    )
    assert note, dot.note
    total, shown = (int(group.replace(",", "")) for group in note.groups())
    assert shown == len(dot.nodes)
    assert total >= ops + leaves  # plus the constants
    assert graph.text.splitlines()[0] == dot.note
    # The output keeps its own box and name; the rest became groups like "TanhBackward0 ×128".
    out = dot.by_title("loss = AddBackward0 (+)")
    assert out.kind == "output"
    groups = [node for node in dot.nodes.values() if node.kind == "group"]
    assert groups and all(re.search(r" ×\d+", node.title) for node in groups)
    # Each group names its op, or lists the ops it holds with their counts.
    assert any("TanhBackward0 ×" in " ".join(node.rows) for node in groups)
    for node in groups:
        if len(node.rows) > 1 and " ×" in node.rows[1]:
            listed = [int(n) for n in re.findall(r" ×(\d+)", node.rows[1])]
            assert sum(listed) == int(node.title.rsplit("×", 1)[1]), node.rows
            assert "chain ×" not in node.rows[1]  # a chain's own ops are listed, not "chain"
    assert "condensed group" in dot.legend
    assert any(label and label.startswith("×") for _, _, label in dot.edges)  # merged edges are counted


def _assert_acyclic(dot: Dot) -> None:
    # Kahn's algorithm empties a graph only if it has no cycle.
    waiting = dict.fromkeys(dot.nodes, 0)
    consumers: dict[str, list[str]] = {node: [] for node in dot.nodes}
    for source, target, _ in dot.edges:
        waiting[target] += 1
        consumers[source].append(target)
    ready = [node for node, count in waiting.items() if count == 0]
    placed = 0
    while ready:
        placed += 1
        for consumer in consumers[ready.pop()]:
            waiting[consumer] -= 1
            if waiting[consumer] == 0:
                ready.append(consumer)
    assert placed == len(dot.nodes), "the condensed picture has a cycle"


@pytest.mark.parametrize("max_nodes", [150, 60, 40, 20])
def test_condensed_groups_never_feed_each_other_in_a_circle(big_mlp, max_nodes):
    params, loss, ops, leaves = big_mlp
    dot = Dot(torch.draw(loss, max_nodes=max_nodes).to_dot())
    assert dot.note and len(dot.nodes) <= max_nodes
    _assert_acyclic(dot)


@pytest.mark.parametrize("max_nodes", [3, 5, 10, 20])
def test_nodes_kept_alone_split_the_groups_around_them(max_nodes):
    # Outputs and the step-through widget's current node are never grouped; a
    # group on both sides of one would feed it and be fed by it.
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    h = x
    for _ in range(12):
        h = (h * 2.0).tanh() + x
    middle = h
    for _ in range(12):
        h = (h * 3.0).tanh() + x
    z = h.sum()
    z.backward()
    dot = Dot(torch.draw([middle, z], max_nodes=max_nodes).to_dot())
    assert dot.note
    _assert_acyclic(dot)
    current = middle.grad_fn.next_functions[0][0]  # an op in the middle of the first loop
    dot = Dot(torch.draw(z, max_nodes=max_nodes, current=current).to_dot())
    assert any(node.kind == "current" for node in dot.nodes.values())
    _assert_acyclic(dot)


@needs_engine
def test_condensed_big_graph_renders(big_mlp):
    params, loss, ops, leaves = big_mlp
    texts = svg_texts(torch.draw(loss).svg())
    assert any(text.startswith("condensed: ") for text in texts)


def _unrolled(steps: int) -> tuple:
    """x and w used at every step of a loop, as in an RNN unrolled: (x, w, y), backward run."""
    x = torch.tensor([[0.5, -1.0], [2.0, 0.25]], requires_grad=True)
    w = torch.tensor([[0.1, 0.2], [-0.3, 0.4]], requires_grad=True)
    h = x
    for _ in range(steps):
        h = (h @ w).tanh() * x
    y = h.sum()
    y.backward()
    return x, w, y


def test_far_uses_of_an_input_start_from_a_copy_of_its_name():
    x, w, y = _unrolled(12)
    dot = Dot(torch.draw(y, names={"x": x, "w": w, "y": y}).to_dot())
    for name, leaf, uses in (("x", x, 13), ("w", w, 12)):
        box = dot.by_title(name)  # one full box per leaf, with its value and .grad
        assert box.kind == "leaf" and box.grad_rows
        first_row = leaf.grad.numpy()[0]  # written in full (2 x 2), four significant figures
        assert box.grad_rows[0].splitlines()[0].split() == [
            "grad",
            f"[[{first_row[0]:.4g},",
            f"{first_row[1]:.4g}],",
        ]
        edges = [edge for edge in dot.edges if edge[0] == box.id]
        assert len(edges) == uses
        # The uses next to the box get a direct edge, the far ones start from a copy of its name.
        far = [edge for edge in dot.reference_edges if edge[0] == box.id]
        assert 0 < len(far) < uses
        copies = [ref for ref, node in dot.references.items() if node == box.id]
        assert len(copies) == len(far)
        assert {dot.reference_titles[ref] for ref in copies} == {name}
        # Every edge, copied or not, still shows the gradient it sent back.
        assert all(label and label[2:].startswith("[[") for _, _, label in edges)  # 2 x 2: in full
    assert "the same input again, near its use" in dot.legend
    # The line of operations from the output back is kept straight.
    assert dot.by_title("y = SumBackward0 (Σ)").id in dot.spine
    assert len(dot.spine) == 3 * 12 + 2  # y, the three ops of each of the 12 steps, and x
    assert dot.by_title("x").id in dot.spine


def test_small_graphs_draw_every_edge_directly():
    x = torch.tensor(2.0, requires_grad=True)
    y = x * x + x
    y.backward()
    dot = Dot(torch.draw(y).to_dot())
    assert not dot.references
    assert "the same input again, near its use" not in dot.legend
    # The longest path back from the output is kept straight: y, x * x, x.
    assert {dot.nodes[node].title for node in dot.spine} == {"y = AddBackward0 (+)", "MulBackward0 (×)", "x"}


@pytest.mark.parametrize("engine", ENGINES)
def test_copies_of_an_input_render_escaped_and_the_same_each_time(engine):
    x, w, y = _unrolled(12)
    names = {"<b>x</b>": x, "w": w, "y": y}
    first, second = (torch.draw(y, names=names, engine=engine) for _ in range(2))
    assert first.svg().encode() == second.svg().encode()
    copies = Dot(first.to_dot()).references
    assert copies and set(copies) == set(Dot(second.to_dot()).references)
    texts = svg_texts(first.svg())
    assert texts.count("<b>x</b>") + texts.count("w") == 2 + len(copies)  # the boxes and their copies
    assert "<b>" not in first.svg()


def test_copies_of_the_current_input_are_highlighted_too():
    x, w, y = _unrolled(12)
    current = y.grad_fn.next_functions[0][0].next_functions[1][0]  # x's AccumulateGrad
    assert type(current).__name__ == "AccumulateGrad" and current.variable is x
    source = torch.draw(y, names={"x": x, "w": w, "y": y}, current=current).to_dot()
    dot = Dot(source)
    x_id = dot.by_title("x").id
    assert dot.by_title("x").kind == "current"
    copies = [ref for ref, node in dot.references.items() if node == x_id]
    fill = STYLES["current"][0]
    assert copies and all(re.search(rf'^  {ref} \[.*fillcolor="{fill}"', source, re.M) for ref in copies)
    others = [ref for ref, node in dot.references.items() if node != x_id]
    assert others and not any(re.search(rf'^  {ref} \[.*fillcolor="{fill}"', source, re.M) for ref in others)


def test_a_value_computed_from_inputs_alone_is_copied_too():
    # h @ w.T at every step: the transpose is computed once, from the leaf alone.
    w = torch.tensor([[0.1, 0.2], [-0.3, 0.4]], requires_grad=True)
    h = torch.tensor([[1.0, -1.0]])
    wt = w.T
    for _ in range(40):
        h = (h @ wt).tanh()
    y = h.sum()
    y.backward()
    dot = Dot(torch.draw(y, names={"w": w, "wt": wt, "y": y}).to_dot())
    assert dot.note is None  # drawn in full: its long edges start from copies
    (box,) = [node for node in dot.nodes.values() if node.title.startswith("wt = PermuteBackward0")]
    assert box.grad_rows  # the value and gradient stay on the one full box
    copies = [ref for ref, node in dot.references.items() if node == box.id]
    assert len(copies) >= 30 and {dot.reference_titles[ref] for ref in copies} == {
        "wt = PermuteBackward0 (permute)"
    }
    # An operation fed by another operation is never copied: its edges are the computation.
    assert all(dot.nodes[node].title.split(" = ")[0] in ("w", "wt") for node in dot.references.values())


def test_a_sum_over_many_products_is_laid_out_without_long_edges():
    # A micrograd neuron: each w_i * x_i is computed before the sum reaches it,
    # but dot draws it next to the add that uses it: no long edges to count.
    from autograd_lab.render.model import Names, build

    inputs = [torch.tensor(float(i), requires_grad=True) for i in range(99)]
    weights = [torch.tensor(0.5, requires_grad=True) for _ in range(99)]
    total = torch.tensor(0.0, requires_grad=True)
    for w, x in zip(weights, inputs, strict=True):
        total = total + w * x
    total.backward()
    model = build([total], Names([{}]), None, None)
    assert model.hidden_nodes() == 0
    assert len(Dot(torch.draw(total, max_nodes=len(model.nodes)).to_dot()).nodes) == len(model.nodes)


def _residual(steps: int) -> torch.Tensor:
    """An operation's output added back at every step: long edges between operations."""
    x = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
    w = torch.tensor([[0.1, 0.2, 0.0], [-0.3, 0.4, 0.1], [0.2, 0.0, -0.1]], requires_grad=True)
    start = x.tanh() * 2  # computed from an operation: its long edges cannot start from copies
    h = start
    for _ in range(steps):
        h = (h @ w).tanh() + start
    y = h.sum()
    y.backward()
    return y


def test_long_edges_between_operations_count_towards_condensing():
    from autograd_lab.render.condense import HIDDEN_PER_NODE
    from autograd_lab.render.model import Names, build

    y = _residual(28)
    model = build([y], Names([{}]), None, None)
    assert len(model.nodes) < 150  # few enough nodes ...
    assert model.hidden_nodes() > HIDDEN_PER_NODE * 150  # ... but dot would be slow
    dot = Dot(torch.draw(y).to_dot())
    assert dot.note and dot.note.startswith(f"condensed: {len(model.nodes)} nodes shown as ")
    assert len(dot.nodes) < len(model.nodes)
    assert len(Dot(torch.draw(y, max_nodes=None).to_dot()).nodes) == len(model.nodes)
    # A shorter loop has edges short enough: drawn in full.
    assert Dot(torch.draw(_residual(10)).to_dot()).note is None


def test_max_nodes_none_keeps_every_node():
    params, loss = _scalar_mlp([3, 8, 1], samples=3)
    ops, leaves = _walk(loss)
    assert ops + leaves > 150
    condensed = Dot(torch.draw(loss).to_dot())
    assert condensed.note and len(condensed.nodes) <= 150
    full_graph = torch.draw(loss, max_nodes=None)
    full = Dot(full_graph.to_dot())
    assert full.note is None and not full_graph.text.startswith("condensed")
    kinds = [node.kind for node in full.nodes.values()]
    assert "group" not in kinds
    assert kinds.count("leaf") == leaves == len(params)
    op_boxes = [node for node in full.nodes.values() if re.search(r"Backward0 \(", node.title)]
    assert len(op_boxes) == ops
    # A limit above the graph's size keeps it whole too (laid out as it comes: fitting could condense it).
    whole = torch.draw(loss, max_nodes=len(full.nodes), width=None)
    assert Dot(whole.to_dot()).nodes.keys() == full.nodes.keys()


def test_long_chain_becomes_one_group():
    x = torch.tensor(0.5, requires_grad=True)
    y = x
    for _ in range(300):
        y = y.sin()
    graph = torch.draw(y, max_nodes=20, show_values=False)
    # The 300th sin is the output and x a leaf: both stay; the 299 between are one chain.
    assert graph.text == textwrap.dedent(
        """\
        condensed: 301 nodes shown as 3; draw(..., max_nodes=None) shows every node
        y = SinBackward0 (sin)
        └─ [chain ×299]  SinBackward0 ×299
           └─ x  leaf"""
    )
    assert len(Dot(graph.to_dot()).nodes) == 3


def test_condensation_keeps_the_current_node():
    x = torch.tensor(0.5, requires_grad=True)
    y = x
    nodes = []
    for _ in range(300):
        y = y.sin()
        nodes.append(y.grad_fn)
    dot = Dot(torch.draw(y, max_nodes=20, current=nodes[149]).to_dot())
    current = [node for node in dot.nodes.values() if node.kind == "current"]
    assert [node.title for node in current] == ["SinBackward0 (sin)"]
    chains = sorted(node.title for node in dot.nodes.values() if node.kind == "group")
    assert chains == ["chain ×149", "chain ×149"]  # sins 1-149 and 151-299
    assert len(dot.nodes) <= 20


# -- save() -------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_save_svg_and_png(engine, tmp_path):
    x, z = z_graph()
    graph = torch.draw(z, engine=engine)
    saved = graph.save(tmp_path / "graph.svg")
    assert saved == tmp_path / "graph.svg"
    assert saved.read_text(encoding="utf-8") == graph.svg()
    assert "z = AddBackward0 (+)" in svg_texts(saved.read_text(encoding="utf-8"))
    assert graph.save(tmp_path / "graph.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert graph.save(str(tmp_path / "upper.SVG")).read_text(encoding="utf-8") == graph.svg()


@pytest.mark.parametrize(
    "engine",
    [
        ENGINES[0],
        pytest.param(
            "graphviz-pure",
            marks=[
                *ENGINES[1].marks,
                pytest.mark.xfail(raises=RenderError, strict=True, reason="graphviz-pure 0.2.2 has no PDF"),
            ],
        ),
    ],
)
def test_save_pdf(engine, tmp_path):
    x, z = z_graph()
    assert torch.draw(z, engine=engine).save(tmp_path / "graph.pdf").read_bytes().startswith(b"%PDF-")


def test_save_dot_needs_no_engine(tmp_path):
    x, z = z_graph()
    graph = torch.draw(z)
    for name in ("graph.dot", "graph.gv"):
        assert graph.save(tmp_path / name).read_text(encoding="utf-8") == graph.to_dot()


@pytest.mark.parametrize("name", ["graph.jpg", "graph", "graph.svg.txt"])
def test_save_with_a_bad_extension_says_which_work(name, tmp_path):
    x, z = z_graph()
    with pytest.raises(ValueError, match=r"\.svg, \.png, \.pdf or \.dot"):
        torch.draw(z).save(tmp_path / name)
    assert not (tmp_path / name).exists()


# -- bad arguments ------------------------------------------------------------------


@pytest.mark.parametrize("bad", [3, "z", [], None, np.ones(2), "tensor list".split()])
def test_draw_needs_tensors(bad):
    with pytest.raises(TypeError, match=r"draw\(\) expects a tensor or a list of tensors"):
        torch.draw(bad)


def test_draw_rejects_a_list_with_a_non_tensor():
    x = torch.tensor(1.0, requires_grad=True)
    with pytest.raises(TypeError, match="got list"):
        torch.draw([x * 2, 3])


@pytest.mark.parametrize("direction", ["lr", "up", "", None])
def test_bad_direction(direction):
    x = torch.tensor(1.0, requires_grad=True)
    with pytest.raises(ValueError, match="direction must be one of auto, LR, TB, RL, BT"):
        torch.draw(x * 2, direction=direction)


@pytest.mark.parametrize("max_nodes", [0, -5, 2.5, "100", True, math.inf])
def test_bad_max_nodes(max_nodes):
    x = torch.tensor(1.0, requires_grad=True)
    with pytest.raises(ValueError, match="max_nodes must be a positive whole number or None"):
        torch.draw(x * 2, max_nodes=max_nodes)


def test_bad_engine_name():
    x = torch.tensor(1.0, requires_grad=True)
    with pytest.raises(ValueError, match="engine must be 'auto', 'dot' or 'graphviz-pure'"):
        torch.draw(x * 2, engine="cairo")


def test_html_escape_roundtrip_helper_is_sound():
    # The DOT reader above must see through the escaping, or the name tests prove nothing.
    node = DotNode("n1", f"<TABLE><TR><TD>{html.escape('<a & b>')}&#160;c</TD></TR></TABLE>", "")
    assert node.rows == ["<a & b> c"]


def test_auto_falls_back_to_graphviz_pure_when_dot_crashes(monkeypatch, tmp_path):
    real = engines._graphviz_pure()
    if real is None:
        pytest.skip("graphviz-pure is not installed")
    folder = tmp_path / "bin"
    folder.mkdir()
    _fake_engine(folder, "dot", "sys.exit(3)")
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.setattr(engines, "_graphviz_pure", lambda: real)
    x, z = z_graph()
    bundle = torch.draw(z)._repr_mimebundle_()
    assert "<svg" in bundle["image/svg+xml"]
    with pytest.raises(RenderError, match="dot failed \\(exit code 3\\)"):
        torch.draw(z, engine="dot").svg()


# -- modules ---------------------------------------------------------------------------


class StandInLinear:
    """A stand-in for nn.Linear: parameters, named_parameters(), and a scope around its forward."""

    def __init__(self, n_in: int, n_out: int, seed: int) -> None:
        rng = np.random.default_rng(seed)
        self.in_features, self.out_features = n_in, n_out
        self.weight = torch.tensor(rng.standard_normal((n_in, n_out)).astype(np.float32), requires_grad=True)
        self.bias = torch.zeros(n_out, requires_grad=True)
        self.name = ""

    def named_parameters(self):
        yield "weight", self.weight
        yield "bias", self.bias

    def __call__(self, x):
        from autograd_lab.autograd import scope

        with scope.entered(self.name, self):
            return x @ self.weight + self.bias


class StandInNet:
    """Two layers and a tanh, called as a model: its children are named by attribute, as nn.Module does."""

    def __init__(self) -> None:
        self.fc1, self.fc2 = StandInLinear(2, 3, 0), StandInLinear(3, 2, 1)
        self.fc1.name, self.fc2.name = "fc1", "fc2"

    def named_parameters(self):
        for name, layer in (("fc1", self.fc1), ("fc2", self.fc2)):
            for path, parameter in layer.named_parameters():
                yield f"{name}.{path}", parameter

    def extra_repr(self) -> str:
        return ""

    def __call__(self, x):
        from autograd_lab.autograd import scope

        with scope.entered("", self):
            return self.fc2(self.fc1(x).tanh())


def _model_graph():
    model = StandInNet()
    inputs = torch.tensor([[1.0, -1.0], [0.5, 2.0]])
    loss = model(inputs).sum()
    loss.backward()
    return model, inputs, loss


def test_modules_are_boxes_named_by_their_path_and_size():
    model, inputs, loss = _model_graph()
    dot = Dot(torch.draw(loss, names={"model": model, "inputs": inputs, "loss": loss}).to_dot())
    labels = sorted(dot.clusters.values())
    assert labels == ["StandInNet", "fc1: StandInLinear(2 → 3)", "fc2: StandInLinear(3 → 2)"]
    by_label = {label: cluster for cluster, label in dot.clusters.items()}
    fc1, fc2 = by_label["fc1: StandInLinear(2 → 3)"], by_label["fc2: StandInLinear(3 → 2)"]
    # Parameters are named by their path, without names=, and drawn in their module's box.
    assert dot.by_title("fc1.weight").clusters[-1] == fc1 and dot.by_title("fc2.bias").clusters[-1] == fc2
    # x @ W + b: an MmBackward0 and an AddBackward0 in each layer; the tanh between them is the model's.
    in_fc1 = sorted(node.title for node in dot.nodes.values() if node.clusters[-1:] == (fc1,))
    assert in_fc1 == ["AddBackward0 (+)", "MmBackward0 (@)", "fc1.bias", "fc1.weight"]
    tanh = dot.by_title("TanhBackward0 (tanh)")
    assert tanh.clusters == (by_label["StandInNet"],)
    assert dot.by_title("inputs").clusters == () and dot.by_title("loss = SumBackward0 (Σ)").clusters == ()
    assert "made inside this module's forward()" in dot.legend


def test_a_parameter_is_named_by_its_path_even_when_a_variable_holds_it():
    model, inputs, loss = _model_graph()
    for _, p in model.named_parameters():  # noqa: B007 - a loop leaves p on the last parameter
        pass
    W1 = model.fc1.weight  # noqa: N806
    dot = Dot(torch.draw(loss, names={"model": model, "p": p, "W1": W1, "loss": loss}).to_dot())
    titles = {node.title for node in dot.nodes.values()}
    assert {"fc1.weight", "fc2.bias"} <= titles and not {"p", "W1"} & titles


def test_the_text_tree_marks_where_a_module_begins():
    model, inputs, loss = _model_graph()
    text = torch.draw(loss, names={"model": model, "inputs": inputs, "loss": loss}).text
    lines = text.splitlines()
    assert lines[1].startswith("└─ AddBackward0 (+)") and "  ▸ fc2: StandInLinear(3 → 2)  ←" in lines[1]
    marked = [line.split("▸ ")[1].split("  ←")[0] for line in lines if "▸" in line]
    assert marked == ["fc2: StandInLinear(3 → 2)", "StandInNet", "fc1: StandInLinear(2 → 3)"]


def test_each_module_as_one_node():
    model, inputs, loss = _model_graph()
    names = {"model": model, "inputs": inputs, "loss": loss}
    dot = Dot(torch.draw(loss, names=names, modules="node").to_dot())
    fc1, fc2 = dot.by_title("fc1: StandInLinear(2 → 3)"), dot.by_title("fc2: StandInLinear(3 → 2)")
    assert fc1.kind == fc2.kind == "module"
    # fc1's node shows what fc1 returned (x @ W + b) and the gradient that came back to it.
    fc1_out = model.fc1(inputs)
    assert fc1.rows[1] == "MmBackward0 → AddBackward0"  # what it did, in order
    assert fc1.rows[2].startswith("[[" + f"{fc1_out.detach().numpy()[0, 0]:.4g}")
    tanh = dot.by_title("TanhBackward0 (tanh)")
    assert dot.edge(fc1, tanh) and dot.edge(tanh, fc2)
    assert list(dot.clusters.values()) == ["StandInNet"]  # the model's box: fc1, its tanh, fc2
    assert fc1.clusters == tanh.clusters == fc2.clusters != ()
    assert "a module, drawn as one node" in dot.legend
    none = Dot(torch.draw(loss, names=names, modules="none").to_dot())
    assert not none.clusters and len(none.nodes) == len(Dot(torch.draw(loss, names=names).to_dot()).nodes)


# -- detach(): a cut ----------------------------------------------------------------------


def test_detach_is_drawn_as_a_cut_not_as_the_tensor_it_came_from():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * 3
    z = (y.detach() * x).sum()
    z.backward()
    dot = Dot(torch.draw(z, direction="LR").to_dot())
    detached = dot.by_title("y.detach()")
    assert detached.kind == "constant" and detached.rows[1] == "[3, 6]"
    ghost = dot.by_title("y = MulBackward0 (×)")
    assert ghost.kind == "ghost" and "dashed" in ghost.attrs["style"] and not ghost.grad_rows
    assert (ghost.id, detached.id, "detach(): backward() stops here") in dot.cuts
    assert (dot.by_title("x").id, ghost.id, None) in dot.cuts  # x fed y: drawn, but not followed
    assert "cut: backward() does not follow it" in dot.legend
    assert torch.draw(z).text == textwrap.dedent(
        """\
        z = SumBackward0 (Σ)  value 15  grad 1
        └─ MulBackward0 (×)  value [3, 12]  grad [1, 1]  saved values freed  ← [1, 1]
           ├─ x  leaf  value [3, 6]  grad [3, 6]  ← [3, 6]
           └─ y.detach()  constant  value [3, 6]
              └─ y = MulBackward0 (×)  not in this graph  value [3, 6]  ✂ detach(): backward() stops here
                 └─ x (shown above)"""
    ).replace("x  leaf  value [3, 6]", "x  leaf  value [1, 2]")


def test_a_named_detached_tensor_keeps_its_own_name():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * 3
    d = y.detach()
    z = (d * x).sum()
    text = torch.draw(z, names={"x": x, "y": y, "d": d, "z": z}).text
    assert "└─ d  constant  value [3, 6]" in text and "y = MulBackward0 (×)  not in this graph" in text


# -- statistics of tensor-valued nodes ------------------------------------------------------


def test_a_mean_that_is_only_rounding_noise_reads_0():
    from autograd_lab.render import values

    # The gradient of a mean cross-entropy sums to 0 in each row: its mean is noise from the last bits.
    rng = np.random.default_rng(0)
    rows = rng.standard_normal((200, 2)).astype(np.float32)
    noisy = np.concatenate([rows[:, :1], -rows[:, :1]], axis=1) * np.float32(0.005) + np.float32(1e-12)
    assert values.statistics(noisy).split("  ")[1] == "mean 0"
    assert values.statistics(noisy[:2]).split("  ")[1] == "mean 0"  # the short path for a few numbers too
    # A small mean that is not noise is shown: 1e-3 beside values of 1.
    assert values.statistics(np.array([1.0, -1.0, 0.003], np.float32)).split("  ")[1] == "mean 0.001"


# -- no_grad: a cut ----------------------------------------------------------------------


def test_a_value_computed_under_no_grad_is_drawn_cut_from_what_it_came_from():
    x = torch.tensor(2.0, requires_grad=True)
    with torch.no_grad():
        c = x * 3
    y = x * c
    y.backward()
    dot = Dot(torch.draw(y, names={"x": x, "c": c, "y": y}, direction="LR").to_dot())
    constant = dot.by_title("c")
    assert constant.kind == "constant" and constant.rows[1] == "computed by mul under no_grad()"
    assert (dot.by_title("x").id, constant.id, "no_grad(): backward() stops here") in dot.cuts
    assert "cut: backward() does not follow it" in dot.legend
    text = torch.draw(y, names={"x": x, "c": c, "y": y}, language="zh").text
    assert "└─ c  常量  在 no_grad() 下由 mul 算出  值 6" in text
    assert "x（见上文）  ✂ no_grad()：反向传播到此为止" in text


def test_a_chain_under_no_grad_is_cut_from_the_tensors_that_require_grad():
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    h = w * 2
    with torch.no_grad():
        k = (h + w).sum()  # `sum` sees no input that requires grad: the cut goes back through `+`
    z = torch.tensor(5.0, requires_grad=True)
    out = z * k
    out.backward()
    text = torch.draw(out, names={"w": w, "h": h, "k": k, "z": z, "out": out}).text
    assert "└─ k  constant  computed by sum under no_grad()  value 9" in text
    assert "h = MulBackward0 (×)  not in this graph  value [2, 4]  ✂ no_grad(): backward() stops here" in text
    assert "w  leaf  not in this graph  value [1, 2]  ✂ no_grad(): backward() stops here" in text


def test_values_from_plain_constants_or_from_enabled_grad_are_not_cut():
    x = torch.tensor(2.0, requires_grad=True)
    with torch.no_grad():
        plain = torch.tensor(3.0) * 2  # nothing that requires grad went in
        back_on = x.detach() * 2  # made from detach(): nothing that requires grad went in
    y = x * plain * back_on
    y.backward()
    text = torch.draw(y, names={"x": x, "plain": plain, "y": y}).text
    assert "no_grad()" not in text


def test_the_record_of_a_no_grad_result_goes_with_it():
    from autograd_lab import _grad_mode

    x = torch.tensor(2.0, requires_grad=True)
    before = len(_grad_mode.made_without_grad)
    with torch.no_grad():
        c = x * 3
    assert len(_grad_mode.made_without_grad) == before + 1
    del c
    assert len(_grad_mode.made_without_grad) == before


# -- the language ---------------------------------------------------------------------------


def test_pictures_in_chinese_when_asked():
    x, z = z_graph()
    z.backward()
    chinese = torch.draw(z, language="zh")
    assert chinese.text.splitlines()[3] == "│     ├─ x  叶子  值 [2]  梯度 [8]  ← [8]"
    dot = Dot(chinese.to_dot())
    assert dot.legend[:4] == ["叶子（需要梯度）", "常量", "运算", "输出"]
    assert dot.by_title("x").grad_rows == [] and dot.by_title("x").rows[2] == "梯度 [8]"
    # The language in use is left as it was; the next picture is in English again.
    assert torch.draw(z).text.splitlines()[3] == "│     ├─ x  leaf  value [2]  grad [8]  ← [8]"
    from autograd_lab import messages

    with messages.speaking("zh"):
        assert "叶子" in torch.draw(z).text
    with pytest.raises(ValueError, match="language must be one of en, zh, not 'fr'"):
        torch.draw(z, language="fr")


# -- fitting the output area --------------------------------------------------------------


def _lesson_10_mlp():
    """Lesson 10's network: 200 points, 2 -> 16 -> 2, tanh, cross-entropy; backward run."""
    rng = np.random.default_rng(0)
    X = torch.tensor(rng.standard_normal((200, 2)).astype(np.float32))  # noqa: N806 - the lesson's names
    y = torch.tensor(rng.integers(0, 2, 200))
    W1 = torch.tensor(rng.standard_normal((2, 16)).astype(np.float32), requires_grad=True)  # noqa: N806
    b1 = torch.zeros(16, requires_grad=True)
    W2 = torch.tensor(rng.standard_normal((16, 2)).astype(np.float32), requires_grad=True)  # noqa: N806
    b2 = torch.zeros(2, requires_grad=True)
    h = torch.tanh(X @ W1 + b1)
    logits = h @ W2 + b2
    loss = torch.nn.functional.cross_entropy(logits, y)
    loss.backward()
    return loss, locals()


def _smallest_font(svg: str) -> float:
    return min(float(size) for size in re.findall(r'font-size="([\d.]+)"', svg))


@needs_engine
def test_the_lesson_10_mlp_fits_900_pixels_with_readable_text():
    from autograd_lab.render.fit import budget, svg_size

    loss, names = _lesson_10_mlp()
    svg = torch.draw(loss, names=names).svg()
    width, _ = svg_size(svg)
    # Shrunk into 900 CSS px, the smallest text (pt -> px is 4/3) stays at 9 px or more.
    assert width <= budget(900) == 900
    assert _smallest_font(svg) * 4 / 3 * min(1.0, 900 / (width * 4 / 3)) >= 9
    assert "rankdir=TB" in torch.draw(loss, names=names).to_dot()  # a chain this long goes down


@needs_engine
def test_a_picture_too_wide_is_laid_out_again_narrower():
    from autograd_lab.render.fit import budget, svg_size

    h = torch.tensor(0.5, requires_grad=True)
    x = h
    for _ in range(25):
        x = torch.tanh(x * 1.01 + 0.1)
    x.backward()
    wide = torch.draw(x, direction="LR", width=None)
    assert svg_size(wide.svg())[0] > budget(900)  # left to right, as it comes: too wide
    fitted = torch.draw(x)
    assert svg_size(fitted.svg())[0] <= budget(900)
    assert fitted.text == wide.text  # the text tree never depends on the layout


def _svg_texts(svg: str) -> list[str]:
    """Every text of an SVG, as a reader sees it."""
    return ["".join(text.itertext()).replace("\xa0", " ") for text in ET.fromstring(svg).iter(f"{SVG}text")]


def _module_mlp(sizes: tuple[int, int, int], samples: int, loss_name: str):
    """An ``nn.Sequential`` MLP, Linear -> Tanh -> Linear, on ``samples`` points, backward run."""
    torch.manual_seed(0)
    model = torch.nn.Sequential(
        torch.nn.Linear(sizes[0], sizes[1]), torch.nn.Tanh(), torch.nn.Linear(sizes[1], sizes[2])
    )
    x = torch.randn(samples, sizes[0])
    if loss_name == "mse":
        loss = torch.nn.functional.mse_loss(model(x), torch.randn(samples, sizes[2]))
    else:
        loss = torch.nn.functional.cross_entropy(model(x), torch.randint(0, sizes[2], (samples,)))
    loss.backward()
    return model, loss


@needs_engine
@pytest.mark.parametrize("max_nodes", [150, None])
@pytest.mark.parametrize(
    ("sizes", "samples", "loss_name"),
    [((2, 8, 1), 4, "mse"), ((2, 16, 2), 200, "cross_entropy")],
    ids=["xor-sized", "lesson-10-sized"],
)
def test_a_small_model_is_drawn_whole_named_and_boxed(sizes, samples, loss_name, max_nodes):
    """A 12-node network fits by compact values and direction, never by condensing it."""
    from autograd_lab.render.fit import svg_size

    model, loss = _module_mlp(sizes, samples, loss_name)
    graph = torch.draw(loss, max_nodes=max_nodes)
    svg = graph.svg()
    texts = _svg_texts(svg)
    names = [name for name, _ in model.named_parameters()]
    assert names == ["0.weight", "0.bias", "2.weight", "2.bias"]
    for name in names:
        assert name in texts, f"{name} is not in the picture: {texts}"
    boxes = [
        "Sequential",
        f"0: Linear({sizes[0]} → {sizes[1]})",
        "1: Tanh",
        f"2: Linear({sizes[1]} → {sizes[2]})",
    ]
    for box in boxes:
        assert box in texts, f"no module box {box!r}"
    assert not any("condensed" in text for text in texts) and not graph.model.condensed
    assert svg_size(svg)[0] <= 900
    assert _smallest_font(svg) >= 9
    assert graph.text == torch.draw(loss, width=None, max_nodes=max_nodes).text  # the tree never changes


def _wide_grid(chains: int, length: int):
    """``chains`` leaves, each through ``length`` sines, stacked and summed: too wide either way."""
    leaves = [torch.tensor(0.1 * i, requires_grad=True) for i in range(chains)]
    ends = []
    for leaf in leaves:
        y = leaf
        for _ in range(length):
            y = y.sin()
        ends.append(y)
    total = torch.stack(ends).sum()
    total.backward()
    return total, {f"x{i}": leaf for i, leaf in enumerate(leaves)}


@needs_engine
def test_fitting_condenses_only_a_big_graph_and_never_with_max_nodes_none():
    from autograd_lab.render.fit import CONDENSE_FROM, svg_size

    big, names = _wide_grid(10, 10)  # 112 nodes
    whole = torch.draw(big, names=names, width=None)
    assert svg_size(whole.svg())[0] > 900 and len(whole.model.nodes) >= CONDENSE_FROM
    fitted = torch.draw(big, names=names)
    fitted.svg()
    assert fitted.model.condensed and svg_size(fitted.svg())[0] < svg_size(whole.svg())[0]
    assert "condensed: 112 nodes shown as" in "".join(_svg_texts(fitted.svg()))
    kept = torch.draw(big, names=names, max_nodes=None)
    assert svg_size(kept.svg())[0] > 900  # too wide, and still whole: max_nodes=None says so
    assert not kept.model.condensed and "condensed" not in kept.to_dot()
    assert len(kept.model.nodes) == 112

    small, names = _wide_grid(6, 4)  # 32 nodes: never condensed, though too wide
    fitted = torch.draw(small, names=names)
    fitted.svg()
    assert len(fitted.model.nodes) == fitted.model.total == 32 < CONDENSE_FROM


def test_small_graphs_stay_left_to_right():
    x, z = z_graph()
    assert "rankdir=LR" in torch.draw(z).to_dot()


# -- the text tree grows linearly --------------------------------------------------------


def _chain(steps: int):
    x = torch.tensor(1.0, requires_grad=True)
    h = x
    for _ in range(steps):
        h = h * 1.0
    return h


def test_the_text_tree_grows_linearly_with_depth():
    from autograd_lab.render.text import MAX_DEPTH

    short, long = (torch.draw(_chain(n), max_nodes=None).text for n in (1000, 4000))
    assert len(long) < 4.2 * len(short) and len(long) < 1_000_000  # 48 MB before
    # 4,000 multiplications: the first at depth 3,999 under the output, its leaf under it.
    (deepest,) = [line for line in long.splitlines() if "⟨depth 4000⟩ leaf 1" in line]
    assert deepest == "│  " * MAX_DEPTH + "├─ ⟨depth 4000⟩ leaf 1  leaf  value 1"


def test_a_notebook_stores_at_most_400_lines_of_the_tree():
    from autograd_lab.render.graph import SHOWN_LINES, shown_text

    graph = torch.draw(_chain(3000), max_nodes=None)
    shown = shown_text(graph.text)  # what _repr_mimebundle_ stores as text/plain
    lines = shown.splitlines()
    assert len(lines) == SHOWN_LINES + 1 and lines[:-1] == graph.text.splitlines()[:SHOWN_LINES]
    total = len(graph.text.splitlines())
    assert lines[-1] == f"... {total - SHOWN_LINES:,} more lines: print(draw(...)) shows them all"


@needs_engine
def test_heat_maps_are_painted_into_the_rectangles_dot_kept_for_them():
    from autograd_lab.render.dot import HEAT_CELL

    big = torch.tensor(np.linspace(-1, 1, 40, dtype=np.float32).reshape(4, 10), requires_grad=True)
    out = (big * 3).sum()
    out.backward()
    graph = torch.draw(out)
    assert graph.source.count('BGCOLOR="#fd0') == 4  # laid out: one placeholder cell a map
    assert 'BGCOLOR="#fd0' not in graph.to_dot()  # the DOT handed out draws every cell itself
    svg = graph.svg()
    assert 'fill="#fd0' not in svg
    cells = re.findall(
        r'<rect x="[\d.-]+" y="[\d.-]+" width="([\d.]+)" height="([\d.]+)" fill="(#[0-9a-f]{6})"', svg
    )
    assert len(cells) == 4 * 40  # big and big * 3, value and gradient: 4 x 10 cells each
    assert {(float(w), float(h)) for w, h, _ in cells} == {(HEAT_CELL, HEAT_CELL)}
    assert cells[0][2] == "#0000ff" and cells[39][2] == "#ff0000"  # -1 is all blue, 1 all red
