"""``draw()`` and the :class:`Graph` it returns."""

from __future__ import annotations

import base64
import html
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from .. import messages
from ..tensor import Tensor
from . import engines, fit
from . import values as V
from .condense import arrange_modules, condense
from .dot import paint_heat_maps, to_dot
from .model import GraphModel, Names, build
from .text import to_text

DIRECTIONS = ("auto", "LR", "TB", "RL", "BT")
DEFAULT_MAX_NODES = 150


class Graph:
    """A picture of a computation graph, as it was when :func:`draw` was called.

    In Jupyter it shows as an image fitted to the output area (HTML with the
    SVG inside, which JupyterLab shows even in a notebook it does not trust,
    as on Binder), with the SVG itself and, as ``text/plain``, an indented
    text tree with the same names, operations, values and gradients.  The
    DOT source and the text are made at once (so later changes to the
    tensors do not change the picture); the SVG is laid out on first use,
    and laid out again, narrower, if it is too wide to read (``fit.py``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor(2.0, requires_grad=True)
    >>> y = x * x
    >>> y.backward()
    >>> print(torch.draw(y))
    y = MulBackward0 (×)  value 4  grad 1  saved values freed
    ├─ x  leaf  value 2  grad 4  ← 2
    └─ x (shown above)  ← 2
    """

    def __init__(
        self,
        source: str,
        text: str,
        *,
        engine: str = "auto",
        timeout: float = 10.0,
        width: float | None = None,
        model: GraphModel | None = None,
        layout: Layout | None = None,
    ) -> None:
        self.source = source  # what is laid out (heat maps as placeholders, see dot.paint_heat_maps)
        self.model = model  # what the source draws: the step-through widget reads its ids
        self.text = text
        self.engine = engine
        self.timeout = timeout
        self.width = width  # the output area's width in CSS px, or None: laid out once, as it comes
        self._layout_plan = layout
        self._svg: str | None = None

    @property
    def direction(self) -> str:
        """The direction of the source laid out (``"LR"``, ``"TB"``...): after fitting, the one that fit."""
        if self._layout_plan is None:
            match = re.search(r"rankdir=(\w+)", self.source)
            return match[1] if match else "auto"
        return self._layout_plan.chosen.direction

    def to_dot(self) -> str:
        """The DOT source (Graphviz's input language), every heat-map cell in it."""
        if self._layout_plan is None:
            return self.source
        return self._layout_plan.write(self._layout_plan.chosen, None)

    def _layout(self, source: str, heat_maps: dict | None = None) -> str:
        data = engines.run_engine(source, "svg", engine=self.engine, timeout=self.timeout)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise engines.RenderError("the layout engine returned text that is not UTF-8") from None
        return paint_heat_maps(engines.clean_svg(text, source), heat_maps or {})

    def svg(self) -> str:
        """The picture as SVG text; raises :class:`RenderError` if no engine can draw it."""
        if self._svg is None:
            plan = self._layout_plan
            svg = self._layout(self.source, plan.heat_maps if plan else None)
            limit = fit.budget(self.width) if self.width is not None else float("inf")
            if plan is not None and fit.svg_size(svg)[0] > limit:
                svg = self._fit(plan, svg, limit)
            self._svg = svg
        return self._svg

    def _fit(self, plan: Layout, svg: str, limit: float) -> str:
        """Lay the graph out again, the next ways of the ladder (``fit.py``), until it fits ``limit``."""
        width, layouts = fit.svg_size(svg)[0], 1
        for rung, estimate in plan.rungs(after=plan.chosen):
            if width <= limit or layouts >= fit.MAX_LAYOUTS:
                break
            if estimate >= width:
                continue  # not worth a layout: it would come out wider still
            heat_maps: dict = {}
            source = plan.write(rung, heat_maps)
            candidate = self._layout(source, heat_maps)
            layouts += 1
            if fit.svg_size(candidate)[0] < width:
                svg, width, self.source, self.model = (
                    candidate,
                    fit.svg_size(candidate)[0],
                    source,
                    rung.model,
                )
                plan.chosen, plan.heat_maps = rung, heat_maps
        self.model.number()  # the ids of the source laid out (a later rung may have numbered them anew)
        return svg

    def html(self) -> str:
        """The picture as an ``<img>`` that shrinks to its area, the SVG inside as a data: URI."""
        return image_html(self.svg(), self.text.partition("\n")[0])

    def save(self, path: str | Path) -> Path:
        """Write the picture to ``path``: ``.svg``, ``.png``, ``.pdf``, or ``.dot`` (the source).

        Examples
        --------
        >>> import autograd_lab as torch, tempfile, pathlib
        >>> x = torch.tensor(1.0, requires_grad=True)
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     saved = torch.draw(x * 2).save(pathlib.Path(folder) / "graph.dot")
        ...     saved.read_text().startswith("digraph")
        True
        """
        path = Path(path)
        kind = path.suffix.lower().lstrip(".")
        if kind == "dot" or kind == "gv":
            path.write_text(self.to_dot(), encoding="utf-8")
        elif kind == "svg":
            path.write_text(self.svg(), encoding="utf-8")
        elif kind in engines.FORMATS:
            self.svg()  # the layout that fits
            path.write_bytes(
                engines.run_engine(self.to_dot(), kind, engine=self.engine, timeout=self.timeout)
            )
        else:
            raise messages.error("save_extension", what=repr(path.suffix or "a file without extension"))
        return path

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        """The fitted image, the SVG and the text tree; never raises (a failed picture leaves the text and one line why)."""
        text = shown_text(self.text)
        try:
            return {"text/html": self.html(), "image/svg+xml": self.svg(), "text/plain": text}
        except Exception as error:  # noqa: BLE001 - the display path must never break a cell
            reason = (
                str(error) if isinstance(error, engines.RenderError) else f"{type(error).__name__}: {error}"
            )
            if engines.HOW_TO_GET_PICTURES not in reason:
                reason += f"; {engines.HOW_TO_GET_PICTURES}"
            return {"text/plain": f"{text}\n({messages.say('no_picture', reason=reason)})"}

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__


# A notebook shows at most this many lines of a text tree (print() shows them all).
SHOWN_LINES = 400


def shown_text(text: str) -> str:
    """The text tree as a notebook stores it: at most ``SHOWN_LINES`` lines, then how many more."""
    lines = text.split("\n", SHOWN_LINES)
    if len(lines) <= SHOWN_LINES:
        return text
    more = lines[SHOWN_LINES].count("\n") + 1
    return "\n".join([*lines[:SHOWN_LINES], messages.say("more_lines", count=more)])


def image_html(svg: str, description: str = "") -> str:
    """An ``<img>`` of ``svg`` that shrinks to fit its area (never wider than the SVG itself)."""
    return base64_image_html(base64.b64encode(svg.encode("utf-8")).decode("ascii"), description)


def base64_image_html(data: str, description: str = "") -> str:
    """:func:`image_html` of an SVG already in base64 (``data``)."""
    alt = html.escape(description, quote=True)
    return f'<img src="data:image/svg+xml;base64,{data}" alt="{alt}" style="max-width:100%;height:auto">'


def _as_tensors(tensor_or_tensors: Any) -> list[Tensor]:
    items = [tensor_or_tensors] if isinstance(tensor_or_tensors, Tensor) else tensor_or_tensors
    if isinstance(items, Sequence) and not isinstance(items, str) and items:
        if all(isinstance(item, Tensor) for item in items):
            return list(items)
    raise messages.error("draw_not_tensor", type_name=type(tensor_or_tensors).__name__)


def draw(
    tensor_or_tensors: Tensor | Sequence[Tensor],
    *,
    show_values: bool = True,
    show_grads: bool = True,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    direction: str = "auto",
    names: Mapping[str, Any] | Names | None = None,
    current: Any = None,
    progress: Mapping | None = None,
    legend: bool = True,
    engine: str = "auto",
    timeout: float = 10.0,
    language: str | None = None,
    width: float | None = fit.DEFAULT_WIDTH,
    modules: str = "box",
    steady: bool = False,
) -> Graph:
    """Draw the computation graph that produced a tensor, with values and gradients.

    Parameters
    ----------
    tensor_or_tensors : Tensor or sequence of Tensor
        The output(s) whose graph to draw.
    show_values : bool
        Write each node's value (small tensors in full, larger ones as
        their shape and a heat map with its colour scale).
    show_grads : bool
        After ``backward()``, write each node's gradient beside its value,
        and on each edge the gradient that was sent back along it.
    max_nodes : int or None
        Above this many nodes, long chains and repeated structure are
        condensed into group nodes; ``None`` draws every node.
    direction : {"auto", "LR", "TB", "RL", "BT"}
        Graphviz's ``rankdir``: ``"auto"`` lays a graph out left to right
        when that fits ``width``, else top to bottom.
    names : mapping, optional
        Where to look for variable names; by default the caller's local and
        global variables.  Modules found there name their parameters
        (``fc1.weight``).
    current : Node, optional
        A node to highlight (the step-through widget's current step).
    progress : mapping, optional
        A backward pass part way through: node -> ``(grad, input_grads)``
        for the nodes processed so far; the others show no gradient.
    legend : bool
        Add a small legend of what the picture shows.
    engine : {"auto", "dot", "graphviz-pure"}
        The layout program; ``"auto"`` uses the system ``dot`` if present.
    timeout : float
        Seconds the layout may take before it is stopped.
    language : {"en", "zh"}, optional
        The language of the legend, notes and text tree; by default the one
        in use (``autograd_lab.messages.set_language``).
    width : float or None
        The output area's width in CSS pixels: a picture too wide to read
        when shrunk into it is laid out again, narrower.  ``None``: as it comes.
    modules : {"box", "node", "none"}
        Nodes made inside a module's ``forward`` are boxed together
        (``"box"``), or each module is drawn as one node (``"node"``).
    steady : bool
        Leave room for every number to grow to ``-0.1234``: a picture whose
        numbers change (``interact``) can keep its layout.

    Returns
    -------
    Graph
        Shows as a picture in Jupyter; ``print()`` gives the text tree.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor([2.0], requires_grad=True)
    >>> z = (x + 2) ** 2
    >>> z.backward()
    >>> print(torch.draw(z))
    z = PowBackward0 (^)  value [16]  grad [1]  saved values freed
    └─ AddBackward0 (+)  value [4]  grad [8]  ← [8]
       ├─ x  leaf  value [2]  grad [8]  ← [8]
       └─ 2  constant
    >>> print(torch.draw(z, language="zh"))
    z = PowBackward0 (^)  值 [16]  梯度 [1]  保存的值已释放
    └─ AddBackward0 (+)  值 [4]  梯度 [8]  ← [8]
       ├─ x  叶子  值 [2]  梯度 [8]  ← [8]
       └─ 2  常量
    """
    tensors = _as_tensors(tensor_or_tensors)
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")
    if max_nodes is not None and (
        not isinstance(max_nodes, int) or isinstance(max_nodes, bool) or max_nodes < 1
    ):
        raise ValueError(f"max_nodes must be a positive whole number or None, not {max_nodes!r}")
    if modules not in MODULE_STYLES:
        raise ValueError(f"modules must be one of {', '.join(MODULE_STYLES)}, not {modules!r}")
    if width is not None and (not isinstance(width, (int, float)) or not width > 0):
        raise ValueError(f"width must be a positive number of pixels or None, not {width!r}")
    engines.find_engine(engine) if engine != "auto" else None  # checks the name
    if isinstance(names, Names):
        found = names  # already looked up (the stepper keeps the names of when it was made)
    else:
        caller = sys._getframe(1)
        found = Names([names] if names is not None else [caller.f_locals, caller.f_globals])
    with messages.speaking(language):
        language = messages.language()
        built = build(tensors, found, current, progress)
        model = arrange_modules(built, modules)
        if max_nodes is not None:
            model = condense(model, max_nodes)  # the model itself when it is small enough
        options: dict[str, Any] = {"show_values": show_values, "show_grads": show_grads, "legend": legend}
        if steady:
            options["pad"] = STEADY_WIDTH
        if progress is not None:  # a step of a backward pass: its legend explains the highlight
            options["legend_extra"] = frozenset({"current"})
        with V.formatting_once():  # the DOT source and the text tree show the same values
            text = to_text(model, show_values=show_values, show_grads=show_grads, note=_note(model))
            limit = fit.budget(width) if width is not None else float("inf")
            ways = fit.Ladder(
                model,
                direction,
                max_nodes,
                lambda: arrange_modules(built, "node") if modules == "box" else None,
                show_values,
                show_grads,
            )
            plan = Layout(ways, language, options)
            plan.chosen = ways.first(limit)
            source = plan.write(plan.chosen, plan.heat_maps)
    return Graph(
        source, text, engine=engine, timeout=timeout, width=width, model=plan.chosen.model, layout=plan
    )


class Layout:
    """How a graph's DOT source is written, and the other ways to draw it if it comes out too wide."""

    def __init__(self, ladder: fit.Ladder, language: str, options: dict) -> None:
        self.ladder = ladder
        self.language = language
        self.options = options
        self.chosen: fit.Rung = ladder.rung(0)  # the way drawn now
        self.heat_maps: dict = {}  # of the source being laid out

    def write(self, rung: fit.Rung, heat_maps: dict | None) -> str:
        """The DOT source; with ``heat_maps``, each map one placeholder cell, collected there."""
        model = rung.model
        model.number()  # its nodes may be shared with another way, numbered since
        with messages.speaking(self.language), V.formatting_once(), V.compact_values(rung.compact):
            return to_dot(
                model,
                direction=rung.direction,
                note=_note(model),
                heat_maps=heat_maps,
                legend_width=max(self.ladder.width(rung), MIN_LEGEND_WIDTH),
                **self.options,
            )

    def rungs(self, after: fit.Rung) -> Iterator[tuple[fit.Rung, float]]:
        """The ways after ``after`` on the ladder, with their estimated widths."""
        return self.ladder.after(after)


MODULE_STYLES = ("box", "node", "none")
MIN_LEGEND_WIDTH = 320  # points: the legend of a narrow picture may be a little wider than its graph
STEADY_WIDTH = len("-0.1234")  # room kept for a number (longer ones are laid out again)


def _note(model: GraphModel) -> str:
    if not model.condensed:
        return ""
    return messages.say("condensed", total=model.total, shown=len(model.nodes))
