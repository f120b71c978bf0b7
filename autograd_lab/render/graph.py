"""``draw()`` and the :class:`Graph` it returns."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .. import messages
from ..tensor import Tensor
from . import engines
from . import values as V
from .condense import condense
from .dot import to_dot
from .model import Names, build
from .text import to_text

DIRECTIONS = ("LR", "TB", "RL", "BT")
DEFAULT_MAX_NODES = 150


class Graph:
    """A picture of a computation graph, as it was when :func:`draw` was called.

    In Jupyter it shows as SVG; its ``text/plain`` form is an indented text
    tree with the same names, operations, values and gradients.  The DOT
    source and the text are made at once (so later changes to the tensors
    do not change the picture); the SVG is laid out on first use.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor(2.0, requires_grad=True)
    >>> y = x * x
    >>> y.backward()
    >>> print(torch.draw(y))
    y = MulBackward0 (×)  value tensor(4.)  grad tensor(1.)  saved values freed
    ├─ x  leaf  value tensor(2.)  grad tensor(4.)  ← tensor(2.)
    └─ x (shown above)  ← tensor(2.)
    """

    def __init__(self, source: str, text: str, *, engine: str = "auto", timeout: float = 10.0) -> None:
        self.source = source
        self.text = text
        self.engine = engine
        self.timeout = timeout
        self._svg: str | None = None

    def to_dot(self) -> str:
        """The DOT source (Graphviz's input language)."""
        return self.source

    def svg(self) -> str:
        """The picture as SVG text; raises :class:`RenderError` if no engine can draw it."""
        if self._svg is None:
            data = engines.run_engine(self.source, "svg", engine=self.engine, timeout=self.timeout)
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                raise engines.RenderError("the layout engine returned text that is not UTF-8") from None
            self._svg = engines.clean_svg(text, self.source)
        return self._svg

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
            path.write_text(self.source, encoding="utf-8")
        elif kind == "svg":
            path.write_text(self.svg(), encoding="utf-8")
        elif kind in engines.FORMATS:
            path.write_bytes(engines.run_engine(self.source, kind, engine=self.engine, timeout=self.timeout))
        else:
            raise messages.error("save_extension", what=repr(path.suffix or "a file without extension"))
        return path

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        """SVG and the text tree; never raises (a failed picture leaves the text and one line why)."""
        try:
            return {"image/svg+xml": self.svg(), "text/plain": self.text}
        except Exception as error:  # noqa: BLE001 - the display path must never break a cell
            reason = (
                str(error) if isinstance(error, engines.RenderError) else f"{type(error).__name__}: {error}"
            )
            if engines.HOW_TO_GET_PICTURES not in reason:
                reason += f"; {engines.HOW_TO_GET_PICTURES}"
            return {"text/plain": f"{self.text}\n({messages.say('no_picture', reason=reason)})"}

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__


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
    direction: str = "LR",
    names: Mapping[str, Any] | Names | None = None,
    current: Any = None,
    progress: Mapping | None = None,
    legend: bool = True,
    engine: str = "auto",
    timeout: float = 10.0,
) -> Graph:
    """Draw the computation graph that produced a tensor, with values and gradients.

    Parameters
    ----------
    tensor_or_tensors : Tensor or sequence of Tensor
        The output(s) whose graph to draw.
    show_values : bool
        Write each node's value (small tensors in full, larger ones as
        shape, dtype, min/mean/max and a heat map for 2-D).
    show_grads : bool
        After ``backward()``, write each node's gradient, and on each edge
        the gradient that was sent back along it.
    max_nodes : int or None
        Above this many nodes, long chains and repeated structure are
        condensed into group nodes; ``None`` draws every node.
    direction : {"LR", "TB", "RL", "BT"}
        Graphviz's ``rankdir``: left to right (inputs on the left), top to bottom...
    names : mapping, optional
        Where to look for variable names; by default the caller's local and
        global variables.
    current : Node, optional
        A node to highlight (the step-through widget's current step).
    progress : mapping, optional
        A backward pass part way through: node -> ``(grad, input_grads)``
        for the nodes processed so far; the others show no gradient.
    legend : bool
        Add a small legend of the node styles.
    engine : {"auto", "dot", "graphviz-pure"}
        The layout program; ``"auto"`` uses the system ``dot`` if present.
    timeout : float
        Seconds the layout may take before it is stopped.

    Returns
    -------
    Graph
        Shows as SVG in Jupyter; ``print()`` gives the text tree.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor([2.0], requires_grad=True)
    >>> z = (x + 2) ** 2
    >>> z.backward()
    >>> print(torch.draw(z))
    z = PowBackward0 (^)  value tensor([16.])  grad tensor([1.])  saved values freed
    └─ AddBackward0 (+)  value tensor([4.])  grad tensor([8.])  ← tensor([8.])
       ├─ x  leaf  value tensor([2.])  grad tensor([8.])  ← tensor([8.])
       └─ 2  constant
    """
    tensors = _as_tensors(tensor_or_tensors)
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")
    if max_nodes is not None and (
        not isinstance(max_nodes, int) or isinstance(max_nodes, bool) or max_nodes < 1
    ):
        raise ValueError(f"max_nodes must be a positive whole number or None, not {max_nodes!r}")
    engines.find_engine(engine) if engine != "auto" else None  # checks the name
    if isinstance(names, Names):
        found = names  # already looked up (the stepper keeps the names of when it was made)
    else:
        caller = sys._getframe(1)
        found = Names([names] if names is not None else [caller.f_locals, caller.f_globals])
    model = build(tensors, found, current, progress)
    note = ""
    if max_nodes is not None:
        model = condense(model, max_nodes)  # the model itself when it is small enough
    if model.condensed:
        note = messages.say("condensed", total=model.total, shown=len(model.nodes))
    with V.formatting_once():  # the DOT source and the text tree show the same values
        source = to_dot(
            model,
            show_values=show_values,
            show_grads=show_grads,
            direction=direction,
            legend=legend,
            note=note,
        )
        text = to_text(model, show_values=show_values, show_grads=show_grads, note=note)
    return Graph(source, text, engine=engine, timeout=timeout)
