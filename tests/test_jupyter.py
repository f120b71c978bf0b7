"""The Jupyter side: magics in a real IPython shell and in a real kernel, and the widgets' states."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("IPython")
pytest.importorskip("ipywidgets")

import IPython  # noqa: E402
from IPython.testing.globalipapp import start_ipython  # noqa: E402
from IPython.utils.capture import capture_output  # noqa: E402

import autograd_lab as torch  # noqa: E402
from autograd_lab.jupyter.steps import BackwardSteps  # noqa: E402
from autograd_lab.jupyter.widgets import BackwardStepper, interact  # noqa: E402
from autograd_lab.render import find_engine  # noqa: E402

needs_engine = pytest.mark.skipif(find_engine() is None, reason="no Graphviz engine installed")


@pytest.fixture()
def shell():
    ip = start_ipython() or IPython.get_ipython()  # the first call starts it, later ones return None
    ip.config.pop("AutogradMagics", None)  # each test starts from the defaults
    ip.run_cell("%load_ext autograd_lab")
    ip.run_cell("import autograd_lab as torch")
    yield ip
    ip.run_cell("%unload_ext autograd_lab")
    ip.config.pop("AutogradMagics", None)


def run(ip, code: str):
    with capture_output() as captured:
        result = ip.run_cell(code)
    assert result.error_in_exec is None and result.error_before_exec is None, code
    return captured


FORWARD = "x = torch.tensor([2.0], requires_grad=True)\nz = (x + 2) ** 2 + 3\n"


def test_every_backward_in_a_cell_shows_its_graph_in_order(shell):
    captured = run(shell, FORWARD + "z.backward()\ny = (x * 3).sum()\ny.backward()")
    texts = [output.data["text/plain"] for output in captured.outputs]
    assert len(texts) == 2
    assert texts[0].startswith("z = AddBackward0")
    assert "x  leaf  value [2]  grad [8]" in texts[0]
    assert texts[1].startswith("y = SumBackward0")
    assert "grad [11]" in texts[1]  # 8 + 3: .grad accumulates, and the picture says so


@needs_engine
def test_the_picture_is_svg(shell):
    captured = run(shell, FORWARD + "z.backward()")
    svg = captured.outputs[0].data["image/svg+xml"]
    assert svg.lstrip().startswith("<?xml") or "<svg" in svg[:500]
    assert "AddBackward0" in svg


def test_off_on_and_status(shell):
    assert "is off" in run(shell, "%autograd off").stdout
    assert run(shell, FORWARD + "z.backward()").outputs == []
    assert "is off" in run(shell, "%autograd status").stdout
    run(shell, "%autograd on")
    assert len(run(shell, FORWARD + "z.backward()").outputs) == 1


def test_a_training_loop_draws_a_few_graphs_and_says_so_once(shell):
    captured = run(
        shell, "x = torch.tensor(1.0, requires_grad=True)\nfor i in range(20):\n    (x * i).backward()"
    )
    assert len(captured.outputs) == 3
    assert captured.stderr.count("only the first 3") == 1


def test_show_with_options(shell):
    run(shell, FORWARD)
    shown = run(shell, "%autograd show z").outputs[0].data["text/plain"]
    assert "value [19]" in shown and "grad" not in shown  # no backward yet
    run(shell, "%autograd off")
    run(shell, "z.backward()")
    assert "grad [8]" in run(shell, "%autograd show z").outputs[0].data["text/plain"]
    bare = run(shell, "%autograd show z --no-values --no-grads").outputs[0].data["text/plain"]
    assert "value tensor" not in bare and "grad tensor" not in bare and "AddBackward0" in bare


def test_show_full_does_not_condense(shell):
    run(shell, "%config AutogradMagics.max_nodes = 10")
    run(shell, "x = torch.tensor(1.0, requires_grad=True)\ny = x\nfor _ in range(30):\n    y = y * 1.5")
    condensed = run(shell, "%autograd show y").outputs[0].data["text/plain"]
    full = run(shell, "%autograd show y --full").outputs[0].data["text/plain"]
    assert condensed.startswith("condensed:") and "chain ×" in condensed
    assert not full.startswith("condensed:") and full.count("MulBackward0") == 30


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("%autograd show nothere", "name 'nothere' is not defined"),
        ("%autograd show 3 +", "cannot read '3 +'"),
        ("%autograd show 3", "3 is an int, not a tensor"),
        ("%autograd frobnicate", "unknown command 'frobnicate'"),
        ("%autograd show z --sideways", "unrecognized arguments: --sideways"),
        ("%autograd show", "show needs an expression"),
        ("%autograd save z", "save needs an expression and a file name"),
        ("%autograd save z graph.bmp", "cannot save a graph as '.bmp'"),
        ("%autograd step 1.5", "1.5 is a float, not a tensor"),
        ("%autograd show undefined_function()", "name 'undefined_function' is not defined"),
    ],
)
def test_bad_input_is_one_clear_line(shell, line, message):
    run(shell, FORWARD)
    captured = run(shell, line)
    assert captured.outputs == []
    lines = captured.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("autograd: ")
    assert message in lines[0]
    assert "Traceback" not in captured.stdout + captured.stderr


def test_bad_config_value_is_refused(shell, caplog):
    run(shell, "%config AutogradMagics.engine = 'imaginary'")
    assert "engine must be 'auto', 'dot' or 'graphviz-pure', not 'imaginary'" in caplog.text
    assert "imaginary" not in run(shell, "%autograd status").stdout


def test_config_reaches_the_magics(shell):
    run(shell, "%config AutogradMagics.max_nodes = 300")
    run(shell, "%config AutogradMagics.max_per_cell = 1")
    status = run(shell, "%autograd status").stdout
    assert "max_nodes 300" in status and "at most 1 per cell" in status


def test_cell_magic_draws_the_last_assigned_tensor(shell):
    captured = run(
        shell, "%%autograd\nx = torch.tensor(2.0, requires_grad=True)\na = x * 2\nb = a + 1\nc = 5"
    )
    text = captured.outputs[-1].data["text/plain"]
    assert text.startswith("b = AddBackward0") and "a = MulBackward0" in text


def test_cell_magic_all(shell):
    captured = run(
        shell, "%%autograd --all\nx = torch.tensor(2.0, requires_grad=True)\na = x * 2\nb = x.exp()\nn = 3"
    )
    text = captured.outputs[-1].data["text/plain"]
    roots = [line for line in text.splitlines() if not line.startswith(("├", "└", "│", " "))]
    assert [root.split(" =")[0] for root in roots] == ["a", "b"]


def test_cell_magic_with_nothing_to_draw(shell):
    captured = run(shell, "%%autograd\nn = 3")
    assert "assigned no tensor that requires grad" in captured.stderr


@needs_engine
def test_save(shell, tmp_path):
    run(shell, FORWARD)
    target = tmp_path / "graph.svg"
    captured = run(shell, f"%autograd save z {target}")
    assert "saved" in captured.stdout
    assert "<svg" in target.read_text()


def test_step_magic_shows_the_stepper(shell):
    run(shell, FORWARD)
    captured = run(shell, "%autograd step z")
    data = captured.outputs[-1].data
    assert "application/vnd.jupyter.widget-view+json" in data
    assert data["text/plain"].count("\n") == 0 and "BackwardStepper" in data["text/plain"]
    assert np.array_equal(shell.user_ns["x"].grad.numpy(), [8.0])  # stepping ran backward()


def test_loading_twice_is_harmless_and_reload_works(shell):
    run(shell, "%load_ext autograd_lab")
    run(shell, "%reload_ext autograd_lab")
    assert len(run(shell, FORWARD + "z.backward()").outputs) == 1  # one listener, not two


def test_unload_stops_pictures(shell):
    run(shell, "%unload_ext autograd_lab")
    assert run(shell, FORWARD + "z.backward()").outputs == []
    run(shell, "%load_ext autograd_lab")


def test_a_failing_picture_never_breaks_the_cell(shell, monkeypatch):
    import autograd_lab.jupyter.magics as magics

    def broken(*args, **kwargs):
        raise MemoryError("out of crayons")

    monkeypatch.setattr(magics, "draw", broken)
    captured = run(shell, FORWARD + "z.backward()\nafter = 1")
    assert shell.user_ns["after"] == 1
    assert "no picture: MemoryError: out of crayons" in captured.stderr


# -- the step-through widget, without a browser -------------------------------------


def _program():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    w = torch.tensor([3.0, -1.0], requires_grad=True)
    y = x * w
    z = (y * x).sum() + w.sum()
    return x, w, y, z


def test_stepper_steps_in_the_engines_order_and_ends_at_backwards_grads():
    x, w, y, z = _program()
    stepper = BackwardStepper(z, names={"x": x, "w": w, "y": y, "z": z})
    x2, w2, _, z2 = _program()
    z2.backward()
    from autograd_lab.autograd.graph import trace_backward

    *_, z3 = _program()
    with trace_backward() as engine_steps:
        z3.backward()
    assert [step.node.name() for step in stepper.steps.steps] == [s["node"].name() for s in engine_steps]
    assert len(stepper.steps) == 7 and stepper.steps.steps[-1].is_leaf
    stepper.go(stepper.slider.max)
    leaf_steps = {step.title: step.grad for step in stepper.steps.steps if step.is_leaf}
    assert np.allclose(leaf_steps["x"], x2.grad.numpy()) and np.allclose(leaf_steps["w"], w2.grad.numpy())
    assert np.allclose(x.grad.numpy(), x2.grad.numpy())


def test_stepper_buttons_move_the_highlight_and_the_text():
    x, w, y, z = _program()
    stepper = BackwardStepper(z, names={"x": x, "w": w, "y": y, "z": z}, start=0)
    assert stepper.step == 0 and stepper.previous_button.disabled
    assert "Before backward()" in stepper.text()
    stepper.next_button.click()
    first_text, first_picture = stepper.text(), stepper.picture.value
    assert stepper.step == 1 and "z = AddBackward0" in first_text
    stepper.next_button.click()
    assert stepper.step == 2 and stepper.text() != first_text and stepper.picture.value != first_picture
    stepper.previous_button.click()
    assert stepper.step == 1 and stepper.text() == first_text
    stepper.slider.value = stepper.slider.max
    assert stepper.next_button.disabled and "Done: every .grad" in stepper.text()


def test_stepper_highlights_the_current_node_only():
    x, w, y, z = _program()
    stepper = BackwardStepper(z, names={"x": x, "w": w, "y": y, "z": z})
    for step in range(len(stepper.steps) + 1):
        text = stepper.graph(step).text
        assert text.count("current step") == (1 if step else 0)


def test_stepper_shows_gradients_only_of_nodes_already_processed():
    x, w, y, z = _program()
    stepper = BackwardStepper(z, names={"x": x, "w": w, "y": y, "z": z})
    assert "grad" not in stepper.graph(0).text
    after_one = stepper.graph(1).text
    assert after_one.splitlines()[0].startswith("z = AddBackward0") and "grad 1" in after_one.splitlines()[0]
    assert "x  leaf  value [1, 2]  grad" not in after_one


def test_running_sum_where_gradients_meet():
    x = torch.tensor(2.0, requires_grad=True)
    z = x * x + x
    steps = BackwardSteps(z, names={"x": x, "z": z})
    leaf = steps.steps[-1]
    assert leaf.title == "x" and len(leaf.received) == 3  # two from x*x, one from + x
    assert float(sum(leaf.received)) == pytest.approx(5.0) == x.grad.item()
    assert "3 paths, and they add up" in "\n".join(leaf.lines())


def test_stepper_refuses_what_cannot_be_stepped():
    with pytest.raises(TypeError, match="can only step through the backward pass of a tensor"):
        BackwardSteps(3.0)
    with pytest.raises(RuntimeError, match="does not require grad"):
        BackwardSteps(torch.tensor(1.0))
    x = torch.tensor(1.0, requires_grad=True)
    z = x.exp()
    z.backward()
    with pytest.raises(RuntimeError, match="Trying to backward through the graph a second time"):
        BackwardSteps(z)


def test_stepper_carries_a_static_picture():
    x, w, y, z = _program()
    data = BackwardStepper(z, names={"x": x})._repr_mimebundle_()
    assert data["text/plain"].startswith("BackwardStepper: 7 steps")
    if find_engine() is not None:
        assert "<svg" in data["image/svg+xml"]


# -- interact ------------------------------------------------------------------------


def test_interact_moves_gradients_with_the_slider():
    widget = interact(lambda x, w: (x * w - 1) ** 2, x=2.0, w=(0.5, -2, 2))
    assert widget.grads == {"x": 0.0, "w": 0.0}
    widget.sliders["w"].value = 1.0
    expected_x = 2 * (2.0 * 1.0 - 1) * 1.0
    expected_w = 2 * (2.0 * 1.0 - 1) * 2.0
    assert widget.grads == pytest.approx({"x": expected_x, "w": expected_w})
    assert f"∂output/∂w = {expected_w:.4g}" in widget.readout.value


def test_interact_shows_the_students_error_in_the_widget():
    widget = interact(lambda x: x.undefined_method(), x=1.0)
    assert "AttributeError" in widget.readout.value


@pytest.mark.parametrize(
    ("spec", "error"), [("two", TypeError), ((5.0, 0, 1), ValueError), ((1, 2), TypeError)]
)
def test_interact_bad_specs(spec, error):
    with pytest.raises(error):
        interact(lambda x: x * 2, x=spec)


# -- a real kernel -------------------------------------------------------------------


def test_magics_in_a_real_kernel():
    """The notebook path: a kernel runs the cells and the outputs are what gets saved."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    cells = [
        "%load_ext autograd_lab",
        "import autograd_lab as torch\nx = torch.tensor([2.0], requires_grad=True)\nz = (x + 2) ** 2 + 3\nz.backward()",
        "%autograd show nothere",
        "y = x * 3\n%autograd step y",
    ]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in cells])
    nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    graph, error, stepper = (notebook.cells[i].outputs for i in (1, 2, 3))
    assert [o["output_type"] for o in graph] == ["display_data"]
    assert graph[0]["data"]["text/plain"].startswith("z = AddBackward0")
    if find_engine() is not None:
        assert "<svg" in graph[0]["data"]["image/svg+xml"]
    assert [o.get("name") for o in error] == ["stderr"]
    assert error[0]["text"].strip() == "autograd: name 'nothere' is not defined"
    assert "application/vnd.jupyter.widget-view+json" in stepper[-1]["data"]
    assert stepper[-1]["data"]["text/plain"].startswith("BackwardStepper: 2 steps")


def test_running_sums_are_per_send_when_one_node_feeds_an_input_twice():
    x = torch.tensor(3.0, requires_grad=True)
    z = x * x + x
    steps = BackwardSteps(z, names={"x": x, "z": z})
    mul = next(step for step in steps.steps if step.node.name() == "MulBackward0")
    assert [float(total) for total in mul.running] == [4.0, 7.0]  # 1 from "+ x", then + 3, then + 3
    text = "\n".join(mul.lines())
    assert "received 4 in all" in text and "received 7 in all" in text


def test_widgets_backward_passes_draw_no_pictures_of_their_own(shell):
    captured = run(
        shell, "from IPython.display import display\ndisplay(torch.interact(lambda x: x * x, x=2.0))"
    )
    assert [sorted(o.data) for o in captured.outputs] == [
        ["application/vnd.jupyter.widget-view+json", "text/plain"]
    ]
    captured = run(shell, "x = torch.tensor(1.0, requires_grad=True)\ny = x.exp()\n%autograd step y")
    assert len(captured.outputs) == 1 and "BackwardStepper" in captured.outputs[0].data["text/plain"]


def test_stepper_pictures_keep_the_names_of_when_it_was_made():
    x = torch.tensor(2.0, requires_grad=True)
    z = x * x
    namespace = {"x": x, "z": z}
    stepper = BackwardStepper(z, names=namespace)
    namespace["x"] = 5  # a later cell reuses the name; pictures are drawn when first shown
    text = stepper.graph(2).text
    assert "x  leaf" in text and "leaf 1" not in text


def test_interact_slider_steps_keep_the_start_value_on_the_grid():
    widget = interact(lambda w: w * 2, w=(0.5, -2, 2))
    slider = widget.sliders["w"]
    assert slider.step == 0.01 and round((slider.value - slider.min) / slider.step, 9).is_integer()
