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

import ipywidgets as widgets

from .. import messages
from ..creation import tensor as make_tensor
from ..render import Graph, draw
from ..render.model import Names
from ..tensor import Tensor
from .steps import BackwardSteps, widget_backward


def picture_html(graph: Graph) -> str:
    """The graph's SVG for an HTML widget, or its text tree and the reason there is no picture."""
    bundle = graph._repr_mimebundle_()
    if "image/svg+xml" in bundle:
        return f'<div style="overflow:auto">{bundle["image/svg+xml"]}</div>'
    return f"<pre>{html.escape(bundle['text/plain'])}</pre>"


class BackwardStepper(widgets.VBox):
    """Step through ``output.backward()`` node by node, in the engine's real order.

    Buttons and a slider move between steps; at each step the node being
    processed is highlighted, and the panel shows the gradient that arrived,
    the local derivative rule, and what was sent to each input (with running
    sums where gradients from several consumers meet).  Step 0 is before
    the pass; the last step leaves every ``.grad`` as ``backward()`` does.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor(2.0, requires_grad=True)
    >>> z = x * x
    >>> stepper = BackwardStepper(z, names={"x": x, "z": z})
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
    ) -> None:
        # The names as they are now: later cells may reassign x, and the
        # pictures, drawn when first shown, must still call this x "x".
        names = Names([names or {}])  # holds the tensors themselves, not the namespace
        self.steps = BackwardSteps(output, gradient, names)
        self._draw_options = {"names": names, "max_nodes": max_nodes, "engine": engine}
        self._pictures: dict[int, str] = {}
        count = len(self.steps)
        self.previous_button = widgets.Button(description="◀ previous", layout=widgets.Layout(width="110px"))
        self.next_button = widgets.Button(description="next ▶", layout=widgets.Layout(width="110px"))
        self.slider = widgets.IntSlider(value=0, min=0, max=count, description="step", continuous_update=True)
        self.status = widgets.HTML()
        self.picture = widgets.HTML()
        self.explanation = widgets.HTML()
        self.previous_button.on_click(lambda _: self.previous())
        self.next_button.on_click(lambda _: self.next())
        self.slider.observe(lambda change: self._show(change["new"]), names="value")
        controls = widgets.HBox([self.previous_button, self.slider, self.next_button])
        super().__init__([self.status, controls, self.picture, self.explanation])
        self._show(0)

    @property
    def step(self) -> int:
        return self.slider.value

    @property
    def current_node(self) -> Any:
        """The node processed at the current step (None at step 0)."""
        return self.steps.steps[self.step - 1].node if self.step else None

    def next(self) -> None:
        self.slider.value = min(self.step + 1, self.slider.max)

    def previous(self) -> None:
        self.slider.value = max(self.step - 1, 0)

    def go(self, step: int) -> None:
        self.slider.value = max(0, min(step, self.slider.max))

    def graph(self, step: int | None = None) -> Graph:
        """The picture at ``step`` (default: the current one)."""
        step = self.step if step is None else step
        current = self.steps.steps[step - 1].node if step else None
        return draw(
            self.steps.output, current=current, progress=self.steps.progress(step), **self._draw_options
        )

    def text(self, step: int | None = None) -> str:
        """The panel's words at ``step``."""
        step = self.step if step is None else step
        total = len(self.steps)
        if step == 0:
            return f"Before backward(): {total} steps to go. Press next ▶ to send the first gradient back."
        lines = [f"Step {step} of {total}."] + self.steps.steps[step - 1].lines()
        if step == total:
            lines.append("Done: every .grad now holds what backward() gives.")
        return "\n".join(lines)

    def _show(self, step: int) -> None:
        total = len(self.steps)
        self.previous_button.disabled = step == 0
        self.next_button.disabled = step == total
        title = self.steps.steps[step - 1].title if step else "before backward()"
        self.status.value = f"<b>Backward pass, step {step} of {total}</b>: {html.escape(title)}"
        if step not in self._pictures:
            try:
                self._pictures[step] = picture_html(self.graph(step))
            except Exception as error:  # noqa: BLE001 - a widget never breaks the cell
                self._pictures[step] = f"<pre>(no picture: {html.escape(str(error))})</pre>"
        self.picture.value = self._pictures[step]
        self.explanation.value = f'<pre style="white-space:pre-wrap">{html.escape(self.text(step))}</pre>'

    def _repr_mimebundle_(self, **kwargs: Any) -> dict:
        """The live widget, plus a static SVG of the final state for nbconvert and nbval."""
        data = super()._repr_mimebundle_(**kwargs) or {}
        with contextlib.suppress(Exception):  # the widget still shows without its static copy
            bundle = self.graph(len(self.steps))._repr_mimebundle_()
            if "image/svg+xml" in bundle:
                data["image/svg+xml"] = bundle["image/svg+xml"]
        data["text/plain"] = (
            f"BackwardStepper: {len(self.steps)} steps of backward() from {self.steps.steps[0].title}"
        )
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
        self, fn: Callable[..., Tensor], leaf_values: dict[str, Any], *, engine: str = "auto"
    ) -> None:
        if not callable(fn):
            raise TypeError(f"interact() needs a function, not {type(fn).__name__}")
        if not leaf_values:
            raise TypeError("interact() needs at least one input, e.g. interact(f, x=2.0)")
        self.fn = fn
        self.engine = engine
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
        lines = [f"output = {output.item():.4g}"] + [
            f"∂output/∂{name} = {grad:.4g}" if grad is not None else f"∂output/∂{name}: no gradient (unused)"
            for name, grad in self.grads.items()
        ]
        self.readout.value = "<pre>" + html.escape("\n".join(lines)) + "</pre>"
        names = {**self.leaves, "output": output}
        try:
            self.picture.value = picture_html(draw(output, names=names, engine=self.engine, legend=False))
        except Exception as error:  # noqa: BLE001 - a widget never breaks the cell
            self.picture.value = f"<pre>(no picture: {html.escape(str(error))})</pre>"

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
