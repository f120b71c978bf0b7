"""Widgets (ipywidgets 8): step through a backward pass; move an input and watch gradients.

Both draw with :func:`autograd_lab.draw` and show the SVG in an ``HTML``
widget.  A picture that cannot be made shows the text tree and one line
why: a widget never raises into the user's cell.
"""

from __future__ import annotations

import contextlib
import html
import math
from collections.abc import Callable
from typing import Any

from .. import messages
from .._optional import require
from ..creation import tensor as make_tensor
from ..messages import say
from ..render import Graph, draw
from ..render.frames import StepFrames, retext
from ..render.graph import base64_image_html, image_html
from ..render.model import GROUP, MODULE, Names
from ..tensor import Tensor
from .steps import BackwardSteps, widget_backward

widgets = require("ipywidgets")  # missing, it says which extra to install


def picture_html(graph: Graph) -> str:
    """The graph as an image fitted to the widget, or its text tree and the reason there is no picture."""
    bundle = graph._repr_mimebundle_()
    if "text/html" in bundle:
        return bundle["text/html"]
    return f"<pre>{html.escape(bundle['text/plain'])}</pre>"


def _grouped(model: Any) -> bool:
    return any(node.kind in (GROUP, MODULE) for node in model.nodes)


def _no_picture(error: Exception) -> str:
    return f"<pre>({html.escape(messages.say('no_picture', reason=str(error)))})</pre>"


class BackwardStepper(widgets.VBox):
    """Step through ``output.backward()`` node by node, in the engine's real order.

    Buttons and a slider move between steps; at each step the node being
    processed is highlighted, and the panel shows the gradient that arrived,
    each input's own derivative rule with its numbers (``14 × x (= 2) → 28``),
    and what was sent to each input (with running sums where gradients from
    several consumers meet).  Step 0 is before the pass; the last step leaves
    every ``.grad`` as ``backward()`` does.  ``by="module"`` steps a whole
    module at a time.

    It opens at a middle step, so that a notebook saved with it shows a
    step in the middle of the pass with its narration (◀ previous goes back).
    The graph is laid out once, as it is after the pass; each step's
    picture is that layout with the gradients still to come taken out, so
    nodes keep their places from step to step.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor(2.0, requires_grad=True)
    >>> z = x * x
    >>> stepper = BackwardStepper(z, names={"x": x, "z": z}, start=0)
    >>> stepper.slider.max, stepper.step
    (2, 0)
    >>> stepper.next()
    >>> stepper.step, stepper.current_node.name()
    (1, 'MulBackward0')
    """

    def __init__(
        self,
        output: Tensor,
        gradient: Tensor | None = None,
        *,
        names: dict | None = None,
        max_nodes: int | None = 150,
        engine: str = "auto",
        language: str | None = None,
        by: str = "node",
        start: int | None = None,
    ) -> None:
        # The names as they are now: later cells may reassign x, and the
        # pictures, drawn when first shown, must still call this x "x".
        names = Names([names or {}])  # holds the tensors themselves, not the namespace
        self.language = language or messages.language()
        self.steps = BackwardSteps(output, gradient, names)
        self.groups = self.steps.groups(by)
        self._draw_options = {
            "names": names,
            "max_nodes": max_nodes,
            "engine": engine,
            "language": self.language,
        }
        self._frames: StepFrames | None | bool = None  # None: not laid out yet; False: no picture
        self._pictures: dict[int, str] = {}
        count = len(self.groups)
        with messages.speaking(self.language):
            previous, following, label = say("button_previous"), say("button_next"), say("slider_step")
        self.previous_button = widgets.Button(description=previous, layout=widgets.Layout(width="110px"))
        self.next_button = widgets.Button(description=following, layout=widgets.Layout(width="110px"))
        start = count // 2 if start is None else max(0, min(start, count))
        self.slider = widgets.IntSlider(
            value=start, min=0, max=count, description=label, continuous_update=True
        )
        self.status = widgets.HTML()
        self.picture = widgets.HTML()
        self.explanation = widgets.HTML()
        self.previous_button.on_click(lambda _: self.previous())
        self.next_button.on_click(lambda _: self.next())
        self.slider.observe(lambda change: self._show(change["new"]), names="value")
        controls = widgets.HBox([self.previous_button, self.slider, self.next_button])
        super().__init__([self.status, controls, self.picture, self.explanation])
        self._show(start)

    @property
    def step(self) -> int:
        return self.slider.value

    def _done(self, step: int) -> list:
        return [s for group in self.groups[:step] for s in group]

    @property
    def current_node(self) -> Any:
        """The node processed at the current step (the last of a module's; None at step 0)."""
        return self.groups[self.step - 1][-1].node if self.step else None

    def next(self) -> None:
        self.slider.value = min(self.step + 1, self.slider.max)

    def previous(self) -> None:
        self.slider.value = max(self.step - 1, 0)

    def go(self, step: int) -> None:
        self.slider.value = max(0, min(step, self.slider.max))

    def graph(self, step: int | None = None) -> Graph:
        """The picture at ``step`` (default: the current one), laid out on its own."""
        step = self.step if step is None else step
        done = self._done(step)
        current = done[-1].node if step else None
        progress = {s.node: (s.grad, s.input_grads) for s in done}
        return draw(self.steps.output, current=current, progress=progress, **self._draw_options)

    def _layout(self) -> StepFrames | None:
        """The one layout every step is made from: the graph after the whole pass."""
        if self._frames is None:
            self._frames = False
            progress = self.steps.progress(len(self.steps))
            graph = draw(self.steps.output, progress=progress, **self._draw_options)
            # A group's node (condensed, or a module as one node) changes with the current step:
            # those pictures are laid out one by one.  Fitting may draw such a model (graph.model).
            svg = graph.svg() if not _grouped(graph.model) else ""
            if svg and not _grouped(graph.model):
                parts = {node.id: node.source for node in graph.model.nodes if node.source is not None}
                edges = {f"e{i}": edge.target.source for i, edge in enumerate(graph.model.edges, 1)}
                freed = frozenset(node.id for node in graph.model.nodes if node.freed)
                self._frames = StepFrames(svg, parts, edges, freed)
        return self._frames or None

    def _frame_of(self, step: int) -> tuple[set, list]:
        """What ``StepFrames`` needs for ``step``: the nodes done, and those current."""
        return {s.node for s in self._done(step)}, [s.node for s in self.groups[step - 1]] if step else []

    def picture_svg(self, step: int) -> str | None:
        """The SVG at ``step`` from the one layout, or None when each step needs its own."""
        frames = self._layout()
        return frames.frame(*self._frame_of(step)) if frames is not None else None

    def text(self, step: int | None = None) -> str:
        """The panel's words at ``step``."""
        step = self.step if step is None else step
        total = len(self.groups)
        with messages.speaking(self.language):
            if step == 0:
                return say("stepper_before", total=total)
            lines = [say("stepper_step", step=step, total=total)]
            group = self.groups[step - 1]
            if len(group) > 1:
                lines.append(
                    say("stepper_module", module=group[0].module or group[0].title, count=len(group))
                )
            for item in group:
                lines += item.lines()
            if step == total:
                lines.append(say("stepper_done"))
        return "\n".join(lines)

    def _picture(self, step: int) -> str:
        if step not in self._pictures:
            try:
                frames = self._layout()
                self._pictures[step] = (
                    base64_image_html(frames.frame_base64(*self._frame_of(step)))
                    if frames is not None
                    else picture_html(self.graph(step))
                )
            except Exception as error:  # noqa: BLE001 - a widget never breaks the cell
                self._pictures[step] = _no_picture(error)
        return self._pictures[step]

    def _status(self, step: int) -> str:
        total = len(self.groups)
        with messages.speaking(self.language):
            title = self.groups[step - 1][-1].title if step else say("stepper_status_before")
            if step and len(self.groups[step - 1]) > 1:
                title = self.groups[step - 1][0].module or title
            return (
                f"<b>{html.escape(say('stepper_status', step=step, total=total))}</b>: {html.escape(title)}"
            )

    def _show(self, step: int) -> None:
        total = len(self.groups)
        self.previous_button.disabled = step == 0
        self.next_button.disabled = step == total
        self.status.value = self._status(step)
        self.picture.value = self._picture(step)
        self.explanation.value = f'<pre style="white-space:pre-wrap">{html.escape(self.text(step))}</pre>'

    def _repr_mimebundle_(self, **kwargs: Any) -> dict:
        """The live widget, and for a reader without a kernel its middle step: picture and narration."""
        data = super()._repr_mimebundle_(**kwargs) or {}
        middle = len(self.groups) // 2
        with contextlib.suppress(Exception):  # the widget still shows without its static copy
            svg = self.picture_svg(middle)
            if svg is None:
                svg = self.graph(middle).svg()
            data["image/svg+xml"] = svg
            with messages.speaking(self.language):
                note = say("stepper_static", step=middle, total=len(self.groups))
            data["text/html"] = (
                f"<div><b>{html.escape(note)}</b>{image_html(svg)}"
                f'<pre style="white-space:pre-wrap">{html.escape(self.text(middle))}</pre></div>'
            )
        with messages.speaking(self.language):
            data["text/plain"] = say("stepper_plain", count=len(self.groups), title=self.steps.steps[0].title)
        return data


def _round_step(span: float) -> float:
    """A round step of about a hundredth of the range (0.01, 0.1, ...): the start value stays on the grid."""
    return 10.0 ** math.floor(math.log10(span / 100)) if span > 0 else 0.1


def _slider_for(name: str, spec: Any) -> widgets.FloatSlider:
    """A slider from ``2.0`` (around it) or ``(value, low, high)`` / ``(value, low, high, step)``."""
    if isinstance(spec, (int, float)) and not isinstance(spec, bool):
        value = float(spec)
        span = max(abs(value), 1.0) * 2
        low, high, step = value - span, value + span, _round_step(2 * span)
    elif isinstance(spec, (tuple, list)) and len(spec) in (3, 4):
        value, low, high = (float(x) for x in spec[:3])
        step = float(spec[3]) if len(spec) == 4 else _round_step(high - low)
        if not low <= value <= high:
            raise ValueError(f"interact(): {name}={value} is outside its range [{low}, {high}]")
    else:
        raise messages.error("interact_bad_spec", name=name, spec=repr(spec))
    return widgets.FloatSlider(
        value=value, min=low, max=high, step=step, description=name, continuous_update=False
    )


class Interact(widgets.VBox):
    """Sliders for the inputs of ``fn``; each change runs forward and backward again."""

    def __init__(
        self,
        fn: Callable[..., Tensor],
        leaf_values: dict[str, Any],
        *,
        engine: str = "auto",
        language: str | None = None,
    ) -> None:
        if not callable(fn):
            raise TypeError(f"interact() needs a function, not {type(fn).__name__}")
        if not leaf_values:
            raise TypeError("interact() needs at least one input, e.g. interact(f, x=2.0)")
        self.fn = fn
        self.engine = engine
        self.language = language or messages.language()
        self._laid_out: Graph | None = None  # the layout slider moves re-use (see frames.retext)
        self.sliders = {name: _slider_for(name, spec) for name, spec in leaf_values.items()}
        self.readout = widgets.HTML()
        self.picture = widgets.HTML()
        for slider in self.sliders.values():
            slider.observe(lambda _: self.update(), names="value")
        super().__init__([widgets.VBox(list(self.sliders.values())), self.readout, self.picture])
        self.leaves: dict[str, Tensor] = {}
        self.output: Tensor | None = None
        self.update()

    @property
    def grads(self) -> dict[str, float | None]:
        """Each input's gradient after the last run."""
        return {name: (None if t.grad is None else float(t.grad.item())) for name, t in self.leaves.items()}

    def update(self) -> None:
        """Run ``fn`` on the sliders' values, then backward, then redraw."""
        self.leaves = {name: make_tensor(s.value, requires_grad=True) for name, s in self.sliders.items()}
        try:
            output = self.fn(**self.leaves)
            if not isinstance(output, Tensor) or output.numel() != 1:
                raise TypeError("the function must return a tensor with one element (e.g. a loss)")
            with widget_backward():
                output.backward()
        except Exception as error:  # noqa: BLE001 - show the student's error in the widget
            self.output = None
            self.readout.value = f"<pre>{html.escape(f'{type(error).__name__}: {error}')}</pre>"
            self.picture.value = ""
            return
        self.output = output
        with messages.speaking(self.language):
            lines = [say("interact_output", value=f"{output.item():.4g}")] + [
                say("interact_grad", name=name, grad=f"{grad:.4g}")
                if grad is not None
                else say("interact_unused", name=name)
                for name, grad in self.grads.items()
            ]
        self.readout.value = "<pre>" + html.escape("\n".join(lines)) + "</pre>"
        try:
            self.picture.value = image_html(self._svg(output))
        except Exception as error:  # noqa: BLE001 - a widget never breaks the cell
            self.picture.value = _no_picture(error)

    def _svg(self, output: Tensor) -> str:
        """The picture after a move: the numbers put into the last layout, or a new layout."""
        names = {**self.leaves, "output": output}
        base = self._laid_out
        graph = draw(
            output,
            names=names,
            engine=self.engine,
            legend=False,
            language=self.language,
            steady=True,
            direction=base.direction if base is not None else "auto",  # the way the last layout came out
        )
        if base is not None:
            svg = retext(base.svg(), base.source, graph.source)
            if svg is not None:
                return svg
        self._laid_out = graph
        return graph.svg()

    def _repr_mimebundle_(self, **kwargs: Any) -> dict:
        data = super()._repr_mimebundle_(**kwargs) or {}
        text = ", ".join(f"{name}={s.value:.4g}" for name, s in self.sliders.items())
        data["text/plain"] = f"interact: {text}"
        return data


def interact(fn: Callable[..., Tensor], **leaf_values: Any) -> Interact:
    """Sliders for the inputs of ``fn``: move one, and the graph and gradients follow.

    Parameters
    ----------
    fn : callable
        Takes the inputs as keyword arguments (scalar tensors with
        ``requires_grad=True``) and returns a one-element tensor.
    **leaf_values : float or tuple
        For each input, its starting value, or ``(value, low, high)`` or
        ``(value, low, high, step)``.

    Returns
    -------
    Interact
        The widget; its ``grads`` are the inputs' gradients now.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> w = torch.interact(lambda x, w: (x * w - 1) ** 2, x=2.0, w=(0.5, -2, 2))
    >>> w.grads
    {'x': 0.0, 'w': 0.0}
    >>> w.sliders["w"].value = 1.0
    >>> w.grads
    {'x': 2.0, 'w': 4.0}
    """
    return Interact(fn, leaf_values)
