"""Speed of ``draw()``: a computation graph to SVG, measured side by side in one run.

    python bench/bench_draw.py [--quick] [--stages]

Prints two tables of times (best and median of several rounds):

- draw-to-SVG of a 50-op graph: ``lab.draw(z).svg()``, a fresh ``draw()``
  each time so nothing is cached, against torchviz's
  ``make_dot(tz).pipe(format="svg")`` for the same computation built in
  PyTorch, backward run first in both.  Both run the system ``dot``; our time
  with ``graphviz-pure`` is shown too (goal: at most 1.00x torchviz's time
  on the same engine).  torchviz and PyTorch are optional.
- draw-to-SVG latency by graph size, 10 to 5000 nodes (counted before
  condensation, default ``max_nodes``), on tensor ops and on a scalar MLP
  unrolled as in micrograd (goal: every one under 0.5 s).

``--stages`` adds where the time of one draw-to-SVG goes (building the
model, condensing, writing DOT, the text tree, the layout); it calls
``autograd_lab.render``'s internal layers one by one.

Contenders run in turns (A B C A B C ...) so that a noisy neighbour slows
them all alike.  Ratios, not absolute times, are what carry over between
machines.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import autograd_lab as lab  # noqa: E402
from autograd_lab.render import find_engine  # noqa: E402


def _optional(name: str) -> Any:
    try:
        return __import__(name)
    except ImportError:  # torchviz imports distutils, gone in Python 3.12
        return None


torch = _optional("torch")
torchviz = _optional("torchviz") if torch is not None else None

ENGINES = [name for name in ("dot", "graphviz-pure") if find_engine(name) is not None]
GOAL_SECONDS = 0.5


# -- timing ---------------------------------------------------------------------------


def time_rounds(
    contenders: dict[str, Callable[[], object]], rounds: int, budget: float, min_rounds: int = 3
) -> dict[str, list[float]]:
    """Seconds of each call, contenders taking turns; fewer rounds when one call is slow.

    The first call of each (imports, caches) is a warm-up; its time sets how
    many rounds fit in ``budget`` seconds, never fewer than ``min_rounds``.
    """
    warm = 0.0
    for function in contenders.values():
        start = time.perf_counter()
        function()
        warm += time.perf_counter() - start
    rounds = max(min_rounds, min(rounds, int(budget / max(warm, 1e-9))))
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, function in contenders.items():
            start = time.perf_counter()
            function()
            times[name].append(time.perf_counter() - start)
    return times


# -- the graphs -----------------------------------------------------------------------


def tensor_net(module: Any, n_ops: int, seed: int = 0, backward: bool = True) -> Any:
    """``n_ops`` ops on 4x4 tensors, backward run: ``n_ops + 3`` nodes in our picture.

    Three leaves ``x`` (4x4), ``w`` (4x4), ``b`` (4); then ``h @ w``, ``+ b``,
    ``tanh``, ``* x`` in turn, starting from ``h = x``, and a final ``sum``: a
    recurrent net unrolled, every step reusing the same leaves.  ``module`` is
    ``autograd_lab`` or ``torch``; both get the same numbers.
    """
    rng = np.random.default_rng(seed)
    x = module.tensor(rng.standard_normal((4, 4)).astype(np.float32), requires_grad=True)
    w = module.tensor((rng.standard_normal((4, 4)) * 0.5).astype(np.float32), requires_grad=True)
    b = module.tensor(rng.standard_normal(4).astype(np.float32), requires_grad=True)
    h = x
    for step in range(n_ops - 1):
        kind = step % 4
        if kind == 0:
            h = h @ w
        elif kind == 1:
            h = h + b
        elif kind == 2:
            h = h.tanh()
        else:
            h = h * x
    z = h.sum()
    if backward:
        z.backward()
    return z


def scalar_mlp(n_in: int, widths: list[int], seed: int = 0) -> Any:
    """A micrograd-style MLP on 0-d tensors, backward run.

    Every weight and bias is a leaf of its own; a neuron is
    ``tanh(b + w1*x1 + w2*x2 + ...)`` unrolled, so a layer of ``n`` neurons
    on ``k`` inputs is ``n * (3k + 2)`` nodes; the ``n_in`` inputs are
    constants.  The last layer has one neuron, the output.
    """
    rng = np.random.default_rng(seed)
    activations = [lab.tensor(float(v)) for v in rng.standard_normal(n_in)]
    for width in widths:
        layer = []
        for _ in range(width):
            total = lab.tensor(0.0, requires_grad=True)
            for a in activations:
                total = total + lab.tensor(float(rng.uniform(-1, 1)), requires_grad=True) * a
            layer.append(total.tanh())
        activations = layer
    z = activations[0]
    z.backward()
    return z


def count_ops(z: Any) -> int:
    """Operations in the graph behind ``z`` (grad_fn nodes that are not leaves), for either library."""
    seen, stack = set(), [z.grad_fn]
    while stack:
        node = stack.pop()
        if node is None or node in seen:
            continue
        seen.add(node)
        stack.extend(child for child, _ in node.next_functions)
    return sum(1 for node in seen if not node.name().endswith("AccumulateGrad"))


_NODE_LINE = re.compile(r"^\s+n\d+ \[id=\"n\d+\" label=", re.M)
_EDGE_LINE = re.compile(r"^  n\d+(?:_at\d+)? -> n\d+", re.M)  # from a node or a copy of an input
_COPY_LINE = re.compile(r"^\s+n\d+_at\d+ \[", re.M)  # a small dashed copy of a far input
_CONDENSED = re.compile(r"condensed: ([\d,]+) nodes shown as ([\d,]+)")


def picture_size(graph: lab.render.Graph) -> tuple[int, int, int]:
    """``(nodes before condensation, nodes drawn, edges drawn)`` read from the DOT source."""
    drawn = len(_NODE_LINE.findall(graph.source))
    edges = len(_EDGE_LINE.findall(graph.source))
    match = _CONDENSED.search(graph.source)
    total = int(match.group(1).replace(",", "")) if match else drawn
    return total, drawn, edges


# What the tables measured, for bench/run_all.py's summary.
RESULTS: dict[str, Any] = {}


# -- 1. pictures against torchviz --------------------------------------------------------


def tanh_chain(module: Any, steps: int = 25) -> Any:
    """Issue 18's graph: ``h = tanh(h * 1.01 + 0.1)`` ``steps`` times from a scalar leaf, backward run.

    ``3 * steps`` operations and the leaf: 76 nodes for 25 steps, in our picture and torchviz's.
    """
    x = module.tensor(0.5, requires_grad=True)
    h = x
    for _ in range(steps):
        h = (h * 1.01 + 0.1).tanh()
    h.backward()
    return h


# (key in RESULTS, title, the graph for module, goal as a ratio to torchviz's time)
TORCHVIZ_CASES = [
    ("draw50", "50-op graph", lambda module: tensor_net(module, 50), 1.0),
    ("tanh25", "issue 18's graph, 25 x tanh(h*1.01 + 0.1)", tanh_chain, 1.5),
]


def versus_torchviz(rounds: int, budget: float, min_rounds: int) -> list[str]:
    """Draw-to-SVG against torchviz on the same graphs: ours with values and gradients, its without."""
    lines: list[str] = []
    for key, title, build, goal in TORCHVIZ_CASES:
        lines += [*_versus_torchviz_on(key, title, build, goal, rounds, budget, min_rounds), ""]
    return lines[:-1]


def _versus_torchviz_on(
    key: str,
    title: str,
    build: Callable[[Any], Any],
    goal: float,
    rounds: int,
    budget: float,
    min_rounds: int,
) -> list[str]:
    """One table: draw-to-SVG of one graph, ours and torchviz's (``RESULTS[key + "_vs_torchviz"]``)."""
    z = build(lab)
    contenders: dict[str, Callable[[], object]] = {}
    if "dot" in ENGINES:
        contenders["autograd_lab (dot)"] = lambda: lab.draw(z, engine="dot").svg()
    tz = None
    if torchviz is not None and "dot" in ENGINES:
        tz = build(torch)
        contenders["torchviz (dot)"] = lambda: torchviz.make_dot(tz).pipe(format="svg")
    if "graphviz-pure" in ENGINES:
        contenders["autograd_lab (graphviz-pure)"] = lambda: lab.draw(z, engine="graphviz-pure").svg()
    if "dot" in ENGINES:
        contenders["  no values/grads (dot)"] = lambda: lab.draw(
            z, engine="dot", show_values=False, show_grads=False
        ).svg()
    graph = lab.draw(z, engine=ENGINES[0] if ENGINES else "auto")
    _, drawn, edges = picture_size(graph)
    copies = len(_COPY_LINE.findall(graph.source))
    RESULTS[f"{key}_nodes"] = drawn + copies
    ops = f"{count_ops(z)} ops in autograd_lab" + (f", {count_ops(tz)} in PyTorch" if tz is not None else "")
    lines = [
        f"Draw to SVG, {title} ({ops}; our picture {drawn} nodes and {copies} copies of inputs, "
        f"{edges} edges; fresh draw each call)"
    ]
    if not contenders:
        return [*lines, "  skipped: no Graphviz engine (dot or graphviz-pure) found"]
    times = time_rounds(contenders, rounds, budget, min_rounds)
    baseline = "torchviz (dot)" if "torchviz (dot)" in times else next(iter(times))
    base = statistics.median(times[baseline])
    lines.append(f"  {'':<32}{'best ms':>10}{'median ms':>11}{'ratio':>9}")
    for name, samples in times.items():
        median = statistics.median(samples)
        lines.append(f"  {name:<32}{min(samples) * 1e3:>10.1f}{median * 1e3:>11.1f}{median / base:>8.2f}x")
    lines.append(f"  ({len(next(iter(times.values())))} rounds; ratio of medians, to {baseline})")
    if baseline == "torchviz (dot)":
        ratio = statistics.median(times["autograd_lab (dot)"]) / base
        RESULTS[f"{key}_vs_torchviz"] = ratio
        lines.append(f"  goal: autograd_lab <= {goal:.2f}x torchviz, both on dot -> {ratio:.2f}x")
    else:
        lines.append(
            "  torchviz column skipped: " + ("no system dot" if torchviz else "torch/torchviz not installed")
        )
    return lines


# -- 2. latency by graph size -------------------------------------------------------------


def size_cases(quick: bool) -> list[tuple[str, Callable[[], Any]]]:
    """(description, builder) of each graph of the size table."""
    cases: list[tuple[str, Callable[[], Any]]] = [
        ("tensor ops, 4x4 RNN-like", lambda: tensor_net(lab, 7)),
        ("tensor ops, 4x4 RNN-like", lambda: tensor_net(lab, 47)),
        # Just under max_nodes, drawn in full: the leaves' long edges once cost dot seconds here.
        ("tensor ops, 4x4 RNN-like", lambda: tensor_net(lab, 97)),
        ("tensor ops, 4x4 RNN-like", lambda: tensor_net(lab, 144)),
        ("tensor ops, 4x4 RNN-like", lambda: tensor_net(lab, 197)),
        ("tensor ops, 4x4 RNN-like", lambda: tensor_net(lab, 997)),
        ("scalar MLP 3-16-16-1", lambda: scalar_mlp(3, [16, 16, 1])),
    ]
    if not quick:
        cases += [
            ("tensor ops, 4x4 RNN-like", lambda: tensor_net(lab, 4997)),
            ("scalar MLP 3-38-39-1", lambda: scalar_mlp(3, [38, 39, 1])),
        ]
    return cases


def by_size(rounds: int, budget: float, min_rounds: int, quick: bool) -> list[str]:
    """The second table: draw-to-SVG time of graphs of 10 to 5000 nodes, on each engine."""
    lines = [
        f"Draw to SVG by graph size (default max_nodes; goal: each under {GOAL_SECONDS:g} s on engine='auto')",
        "  nodes = before condensation, drawn/edges = in the picture; ms = best / median",
    ]
    if not ENGINES:
        return [*lines, "  skipped: no Graphviz engine (dot or graphviz-pure) found"]
    header = f"  {'graph':<26}{'nodes':>6}{'drawn':>6}{'edges':>6}"
    header += "".join(f"{name + ' ms':>22}" for name in ENGINES) + "  goal"
    lines.append(header)
    misses = 0
    for description, builder in size_cases(quick):
        z = builder()
        total, drawn, edges = picture_size(lab.draw(z))
        contenders = {name: (lambda name=name, z=z: lab.draw(z, engine=name).svg()) for name in ENGINES}
        times = time_rounds(contenders, rounds, budget, min_rounds)
        row = f"  {description:<26}{total:>6}{drawn:>6}{edges:>6}"
        for name in ENGINES:
            row += f"{min(times[name]) * 1e3:>13.0f} /{statistics.median(times[name]) * 1e3:>7.0f}"
        auto = statistics.median(times[ENGINES[0]])  # "auto" picks dot first when present
        RESULTS.setdefault("by_size", []).append((description, total, drawn, auto))
        met = auto < GOAL_SECONDS
        misses += not met
        lines.append(row + ("  met" if met else "  MISSED"))
    lines.append(f"  goal: every graph under {GOAL_SECONDS:g} s on {ENGINES[0]} -> {misses} missed")
    return lines


# -- --stages: where the time goes ----------------------------------------------------------


def _width(column: str) -> int:
    return 22 if column.startswith("layout") else 10


def stages(quick: bool, repeats: int = 3) -> list[str]:
    """Best time of each layer of one draw-to-SVG, run one by one (internal API)."""
    from autograd_lab.render import engines
    from autograd_lab.render.condense import condense
    from autograd_lab.render.dot import to_dot
    from autograd_lab.render.graph import DEFAULT_MAX_NODES
    from autograd_lab.render.model import Names, build
    from autograd_lab.render.text import to_text

    names = ["build", "condense", "DOT", "text"] + [f"layout {name}" for name in ENGINES]
    lines = [
        "Stages of one draw-to-SVG, best of a few runs (ms)",
        f"  {'graph':<26}{'nodes':>6}" + "".join(f"{name:>{_width(name)}}" for name in names),
    ]
    cases = [("50-op graph of table 1", lambda: tensor_net(lab, 50)), *size_cases(quick)]
    for description, builder in cases:
        z = builder()
        best = dict.fromkeys(names, float("inf"))
        total = 0
        for _ in range(repeats):
            t0 = time.perf_counter()
            model = build([z], Names([{"z": z}]))
            t1 = time.perf_counter()
            total = len(model.nodes)
            model = condense(model, DEFAULT_MAX_NODES)
            note = (
                f"condensed: {model.total:,} nodes shown as {len(model.nodes):,}" if model.condensed else ""
            )
            t2 = time.perf_counter()
            source = to_dot(model, note=note, heat_maps={})
            t3 = time.perf_counter()
            to_text(model, note=note)
            t4 = time.perf_counter()
            for name, seconds in zip(names[:4], (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
                best[name] = min(best[name], seconds)
            for name in ENGINES:
                start = time.perf_counter()
                engines.run_engine(source, "svg", engine=name)
                best[f"layout {name}"] = min(best[f"layout {name}"], time.perf_counter() - start)
        row = f"  {description:<26}{total:>6}"
        row += "".join(f"{best[name] * 1e3:>{_width(name)}.1f}" for name in names)
        lines.append(row)
    return lines


# -- 3. the widgets: every step of a stepper, an interact move --------------------------------


def widgets_table(rounds: int, budget: float, min_rounds: int) -> list[str]:
    """All steps of the step-through widget, and one interact slider move, against one picture.

    Goals (issue 18): all the steps of a 50-node graph in at most 3x one picture (one layout
    serves every step); a slider move on a lesson-sized graph in at most 1x one picture.
    """
    lines = ["Widgets against one picture of the same graph (fresh widget / fresh draw each call)"]
    try:
        from autograd_lab.jupyter.widgets import BackwardStepper, Interact
    except ImportError:
        return [*lines, "  skipped: ipywidgets is not installed"]
    if not ENGINES:
        return [*lines, "  skipped: no Graphviz engine (dot or graphviz-pure) found"]

    def stepper_all_steps() -> None:
        stepper = BackwardStepper(tensor_net(lab, 50, backward=False), start=0)
        for step in range(len(stepper.groups) + 1):
            stepper.go(step)

    def one_picture_50() -> None:
        lab.draw(tensor_net(lab, 50)).svg()

    move = Interact(lambda x, w: (x * w - 1) ** 2 + (x - w).tanh(), {"x": 2.0, "w": (0.5, -2, 2)})
    values = iter([0.6, 0.7, 0.8, 0.9, 0.65, 0.75, 0.85, 0.95] * 1000)

    def slider_move() -> None:
        move.sliders["w"].value = next(values)

    def one_picture_lesson() -> None:
        x, w = lab.tensor(2.0, requires_grad=True), lab.tensor(0.7, requires_grad=True)
        out = (x * w - 1) ** 2 + (x - w).tanh()
        out.backward()
        lab.draw(out, legend=False, steady=True).svg()

    times = time_rounds(
        {
            "one picture, 50 nodes": one_picture_50,
            "stepper, every step": stepper_all_steps,
            "one picture, lesson-sized": one_picture_lesson,
            "interact, one slider move": slider_move,
        },
        rounds,
        budget,
        min_rounds,
    )
    median = {name: statistics.median(samples) for name, samples in times.items()}
    lines.append(f"  {'':<32}{'best ms':>10}{'median ms':>11}")
    for name, samples in times.items():
        lines.append(f"  {name:<32}{min(samples) * 1e3:>10.1f}{median[name] * 1e3:>11.1f}")
    steps = median["stepper, every step"] / median["one picture, 50 nodes"]
    move_ratio = median["interact, one slider move"] / median["one picture, lesson-sized"]
    RESULTS["stepper_vs_picture"], RESULTS["move_vs_picture"] = steps, move_ratio
    lines.append(f"  goal: every step of the stepper <= 3x one picture -> {steps:.2f}x")
    lines.append(f"  goal: an interact move <= 1x one picture -> {move_ratio:.2f}x")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="fewer rounds, no 5000-node graphs (a smoke test)"
    )
    parser.add_argument("--stages", action="store_true", help="also time each layer of draw() alone")
    args = parser.parse_args()
    rounds, budget, min_rounds = (3, 2.0, 1) if args.quick else (9, 8.0, 3)  # budget: seconds a row, roughly

    versions = [f"Python {sys.version.split()[0]}", f"NumPy {np.__version__}"]
    versions.append(f"PyTorch {torch.__version__}" if torch else "PyTorch not installed")
    versions.append("torchviz installed" if torchviz else "torchviz not installed")
    versions.append("engines: " + (", ".join(ENGINES) or "none"))
    print(", ".join(versions))
    print()
    print("\n".join(versus_torchviz(rounds, budget, min_rounds)))
    print()
    print("\n".join(by_size(rounds, budget, min_rounds, args.quick)))
    print()
    print("\n".join(widgets_table(rounds, budget, min_rounds)))
    if args.stages:
        print()
        print("\n".join(stages(args.quick, repeats=1 if args.quick else 3)))


if __name__ == "__main__":
    main()
