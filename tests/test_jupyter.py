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


def test_running_the_notebook_again_from_the_top_draws_again(shell):
    # Lesson 1 turns drawing off near its end; Run All again in the same kernel runs its first
    # cell, %load_ext autograd_lab, which IPython does not load twice: drawing must come back.
    run(shell, "%autograd off")
    assert run(shell, FORWARD + "z.backward()").outputs == []
    run(shell, '%load_ext autograd_lab\n%config AutogradMagics.language = "en"\nimport autograd_lab as torch')
    assert len(run(shell, FORWARD + "z.backward()").outputs) == 1
    run(shell, "%autograd off")
    run(shell, "# %load_ext autograd_lab is only mentioned here\nx = 1")
    assert run(shell, FORWARD + "z.backward()").outputs == []
    run(shell, "%autograd on")


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


# -- the step-through text, exactly, for two small graphs -------------------------------------
# Written out by hand: the engine's order (the newest ready node first, a node only once every
# consumer has sent its gradient), each input's own rule, and its arithmetic with the numbers.


def test_stepper_text_of_a_product_then_a_double():
    x = torch.tensor(2.0, requires_grad=True)
    y = torch.tensor(7.0, requires_grad=True)
    z = x * y
    w = z * 2
    stepper = BackwardStepper(w, names={"x": x, "y": y, "z": z, "w": w}, start=0)
    assert [[step.title for step in group] for group in stepper.groups] == [
        ["w = MulBackward0"],
        ["z = MulBackward0"],
        ["x"],
        ["y"],
    ]
    assert [stepper.text(k) for k in range(5)] == [
        "Before backward(): 4 steps to go. Press next ▶ to send the first gradient back.",
        "Step 1 of 4.\n"
        "w = MulBackward0: the gradient arriving at its output is 1.\n"
        "It is where backward() starts: the gradient of the output with respect to itself.\n"
        "Chain rule: each input gets the incoming gradient times the local derivative.\n"
        "  to z = MulBackward0 (input a of the rule): ∂(a·b)/∂a = b\n"
        "    1 × 2 → 2",
        "Step 2 of 4.\n"
        "z = MulBackward0: the gradient arriving at its output is 2.\n"
        "Chain rule: each input gets the incoming gradient times the local derivative.\n"
        "  to x (input a of the rule): ∂(a·b)/∂a = b\n"
        "    2 × y (= 7) → 14\n"
        "  to y (input b of the rule): ∂(a·b)/∂b = a\n"
        "    2 × x (= 2) → 4",
        "Step 3 of 4.\n"
        "x is a leaf: the gradient that reached it is 14.\n"
        "backward() adds it into x.grad, which is now 14.",
        "Step 4 of 4.\n"
        "y is a leaf: the gradient that reached it is 4.\n"
        "backward() adds it into y.grad, which is now 4.\n"
        "Done: every .grad now holds what backward() gives.",
    ]


def test_stepper_text_of_a_quotient_minus_its_divisor():
    a = torch.tensor(6.0, requires_grad=True)
    b = torch.tensor(2.0, requires_grad=True)
    q = a / b
    out = q - b
    stepper = BackwardStepper(out, names={"a": a, "b": b, "q": q, "out": out}, start=0)
    # b waits for both its consumers (out and q), so a leaf comes only after q.
    assert [[step.title for step in group] for group in stepper.groups] == [
        ["out = SubBackward0"],
        ["q = DivBackward0"],
        ["a"],
        ["b"],
    ]
    assert [stepper.text(k) for k in range(1, 5)] == [
        "Step 1 of 4.\n"
        "out = SubBackward0: the gradient arriving at its output is 1.\n"
        "It is where backward() starts: the gradient of the output with respect to itself.\n"
        "Chain rule: each input gets the incoming gradient times the local derivative.\n"
        "  to q = DivBackward0 (input a of the rule): ∂(a−b)/∂a = 1\n"
        "    1 × 1 → 1\n"
        "  to b (input b of the rule): ∂(a−b)/∂b = −1\n"
        "    1 × −1 → -1",
        "Step 2 of 4.\n"
        "q = DivBackward0: the gradient arriving at its output is 1.\n"
        "Chain rule: each input gets the incoming gradient times the local derivative.\n"
        "  to a (input a of the rule): ∂(a/b)/∂a = 1/b\n"
        "    1 × 1/b (= 0.5) → 0.5\n"
        "  to b (input b of the rule): ∂(a/b)/∂b = −a/b²\n"
        "    1 × −a/b² (= -1.5) → -1.5\n"
        "     (it has now received -2.5 in all, from its consumers so far)",
        "Step 3 of 4.\n"
        "a is a leaf: the gradient that reached it is 0.5.\n"
        "backward() adds it into a.grad, which is now 0.5.",
        "Step 4 of 4.\n"
        "b is a leaf: the gradient that reached it is -2.5.\n"
        "It came along 2 paths, and they add up: -1 + -1.5 = -2.5.\n"
        "backward() adds it into b.grad, which is now -2.5.\n"
        "Done: every .grad now holds what backward() gives.",
    ]
    assert a.grad.item() == 0.5 and b.grad.item() == -2.5  # 1/b, and -a/b² - 1


def test_stepper_speaks_chinese_when_asked():
    x = torch.tensor(2.0, requires_grad=True)
    z = x * 3
    stepper = BackwardStepper(z, names={"x": x, "z": z}, start=1, language="zh")
    assert stepper.text().splitlines()[:2] == [
        "第 1 步，共 2 步。",
        "z = MulBackward0：到达它输出端的梯度是 1。",
    ]
    assert stepper.text().splitlines()[-2:] == ["  传给 x（规则中的输入 a）：∂(a·b)/∂a = b", "    1 × 3 → 3"]
    assert (stepper.previous_button.description, stepper.next_button.description) == ("◀ 上一步", "下一步 ▶")
    assert "反向传播，第 1 步，共 2 步" in stepper.status.value


# -- one layout for every step; the stored state is a middle step -----------------------------


@needs_engine
def test_stepper_lays_the_graph_out_once_and_nodes_keep_their_places(monkeypatch):
    import re

    from autograd_lab.render import engines

    calls = []
    real = engines.run_engine
    monkeypatch.setattr(engines, "run_engine", lambda *a, **k: calls.append(1) or real(*a, **k))
    x, w, y, z = _program()
    stepper = BackwardStepper(z, names={"x": x, "w": w, "y": y, "z": z}, start=0)
    pictures = [stepper.picture_svg(step) for step in range(len(stepper.groups) + 1)]
    assert len(calls) == 1  # one layout serves all eight pictures
    place = re.compile(r'<g id="[^"]*_(n\d+)" class="node">\n<title>[^<]*</title>\n<path [^>]*?d="([^"]*)"')
    boxes = [place.findall(svg) for svg in pictures]
    assert len(boxes[-1]) == 7 and all(found == boxes[-1] for found in boxes)  # every node, same place
    # Step 0 shows no gradient; each step shows more; the last shows them all.
    grads = [svg.count('_grad"') for svg in pictures]
    assert grads[0] == 0 and grads == sorted(grads) and grads[-1] > grads[1]
    assert all(svg.count('fill="#fff29a"') >= (1 if step else 0) for step, svg in enumerate(pictures))


@needs_engine
def test_each_step_is_the_layout_with_places_overwritten_and_encoded_again_only_there():
    import base64
    import random

    x, w, y, z = _program()
    stepper = BackwardStepper(z, names={"x": x, "w": w, "y": y, "z": z}, start=0)
    frames = stepper._layout()
    nodes = [s.node for s in stepper._done(len(stepper.groups))]
    pictures = [stepper.picture_svg(step) for step in range(len(stepper.groups) + 1)]
    assert len({len(svg.encode()) for svg in pictures}) == 1  # every step as long as the layout
    assert pictures[-1] != frames.svg and len(set(pictures)) == len(pictures)
    shuffled = random.Random(0)
    cases = [stepper._frame_of(step) for step in range(len(stepper.groups) + 1)]
    cases += [
        (set(shuffled.sample(nodes, k)), shuffled.sample(nodes, 1))
        for k in range(len(nodes))
        for _ in range(3)
    ]
    for done, current in cases:
        encoded = frames.frame_base64(done, current)
        assert base64.b64decode(encoded) == frames.frame(done, current).encode()
        assert encoded == base64.b64encode(frames.frame(done, current).encode()).decode()
    assert stepper._pictures[0].startswith('<img src="data:image/svg+xml;base64,')


def test_stepper_opens_at_a_middle_step_and_its_static_copy_shows_it():
    x, w, y, z = _program()
    stepper = BackwardStepper(z, names={"x": x, "w": w, "y": y, "z": z})
    assert stepper.step == 7 // 2 and not stepper.previous_button.disabled
    data = stepper._repr_mimebundle_()
    if find_engine() is not None:
        assert "Backward pass, step 3 of 7 (run the cell to step through it):" in data["text/html"]
        assert "Step 3 of 7." in data["text/html"] and 'fill="#fff29a"' in data["image/svg+xml"]


def test_stepper_steps_a_module_at_a_time():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from test_render import StandInNet

    model = StandInNet()
    loss = model(torch.tensor([[1.0, -1.0]])).sum()
    stepper = BackwardStepper(loss, names={"model": model, "loss": loss}, by="module", start=0)
    titles = [[step.title for step in group] for group in stepper.groups]
    # loss; fc2 (its add, its bias as soon as it is ready, its matmul, its weight); the model's
    # tanh; fc1 the same way.
    assert titles == [
        ["loss = SumBackward0"],
        ["AddBackward0", "fc2.bias", "MmBackward0", "fc2.weight"],
        ["TanhBackward0"],
        ["AddBackward0", "fc1.bias", "MmBackward0", "fc1.weight"],
    ]
    assert ["TanhBackward0"] in titles
    assert "fc2: StandInLinear(3 → 2): " in stepper.text(2)


# -- interact re-uses its layout --------------------------------------------------------------


@needs_engine
def test_an_interact_move_reuses_the_layout(monkeypatch):
    from autograd_lab.render import engines

    widget = interact(lambda x, w: (x * w - 1) ** 2, x=2.0, w=(0.5, -2, 2))
    calls = []
    real = engines.run_engine
    monkeypatch.setattr(engines, "run_engine", lambda *a, **k: calls.append(1) or real(*a, **k))
    widget.sliders["w"].value = 0.75  # only numbers change, and the layout left room for them
    assert calls == [] and widget.grads == {"x": 0.75, "w": 2.0}
    import base64
    import html
    import re

    svg = base64.b64decode(re.search(r"base64,([^\"]+)", widget.picture.value)[1]).decode()
    texts = [
        html.unescape(t).replace("\xa0", " ").strip() for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    ]
    assert "grad 0.75" in texts and "0.75" in texts and "grad 2" in texts
    widget.sliders["w"].value = -1.25
    assert calls == [] and widget.grads == {"x": 8.75, "w": -14.0}  # 2(xw - 1)w, 2(xw - 1)x


# -- magics: options, words, one picture, short tracebacks --------------------------------------


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("engine = 'nope'", "engine must be 'auto', 'dot' or 'graphviz-pure', not 'nope'"),
        ("max_per_cell = -1", "max_per_cell must be 0 or more, not -1"),
        ("max_nodes = -3", "max_nodes must be 0 or more, not -3"),
        ("timeout = float('inf')", "timeout must be a number of seconds above 0, not inf"),
        ("timeout = float('nan')", "timeout must be a number of seconds above 0, not nan"),
        ("timeout = 0", "timeout must be a number of seconds above 0, not 0.0"),
        (
            "language = 'fr'",
            "The 'language' trait of an AutogradMagics instance expected any of ['en', 'zh']",
        ),
    ],
)
def test_bad_config_values_are_refused_and_reload_still_works(shell, setting, message):
    from traitlets import TraitError

    magics = shell.magics_manager.registry["AutogradMagics"]
    before = run(shell, "%autograd status").stdout
    name, _, value = setting.partition(" = ")
    with pytest.raises(TraitError, match=re.escape(message)):
        setattr(magics, name, eval(value))  # noqa: S307 - the test's own literal
    run(shell, f"%config AutogradMagics.{setting}")
    assert run(shell, "%autograd status").stdout == before  # the old value is kept
    captured = run(shell, "%unload_ext autograd_lab\n%load_ext autograd_lab")
    assert f"ignored %config AutogradMagics.{name}" in captured.stderr
    run(shell, FORWARD + "z.backward()")


import re  # noqa: E402


@pytest.mark.parametrize("line", ["%autograd on off", "%autograd status extra", "%%autograd bogus\nq = 1"])
def test_extra_words_give_a_one_line_usage(shell, line):
    captured = run(shell, line)
    lines = captured.stderr.strip().splitlines()
    assert len(lines) == 1 and "usage: %autograd on | off | status" in lines[0]
    assert captured.outputs == []


def test_cell_magic_on_a_cell_that_calls_backward_draws_once(shell):
    captured = run(shell, "%%autograd\n" + FORWARD + "z.backward()")
    assert len(captured.outputs) == 1
    assert "x  leaf  value [2]  grad [8]" in captured.outputs[0].data["text/plain"]


def test_the_language_option_switches_pictures_and_hints(shell):
    from autograd_lab import messages

    try:
        run(shell, "%config AutogradMagics.language = 'zh'")
        captured = run(shell, FORWARD + "z.backward()")
        assert "x  叶子  值 [2]  梯度 [8]" in captured.outputs[0].data["text/plain"]
        with capture_output() as shown:
            shell.run_cell("z.backward()")
        assert "Hint: 第一次 backward() 已经释放了计算图保存的中间值" in shown.stdout
    finally:
        run(shell, "%config AutogradMagics.language = 'en'")
    assert messages.language() == "en"


def test_an_engine_error_shows_the_students_lines_only(shell):
    run(shell, FORWARD + "z.backward()")
    with capture_output() as shown:
        result = shell.run_cell("def twice():\n    z.backward()\n\ntwice()")
    assert isinstance(result.error_in_exec, RuntimeError)
    text = re.sub(r"\x1b\[[0-9;]*m", "", shown.stdout)
    assert "twice()" in text and "z.backward()" in text  # the student's two frames
    assert "autograd_lab" not in text and "engine.py" not in text and "tensor.py" not in text
    assert text.rstrip().endswith("pass retain_graph=True to the first backward() to keep them.")
    run(shell, "%config AutogradMagics.short_tracebacks = False")
    with capture_output() as shown:
        shell.run_cell("z.backward()")
    assert "engine.py" in shown.stdout
    run(shell, "%config AutogradMagics.short_tracebacks = True")


def test_a_students_own_error_is_shown_untouched(shell):
    with capture_output() as shown:
        result = shell.run_cell("def broken():\n    return 1 / 0\n\nbroken()")
    assert isinstance(result.error_in_exec, ZeroDivisionError)
    assert "return 1 / 0" in re.sub(r"\x1b\[[0-9;]*m", "", shown.stdout)


@needs_engine
def test_a_node_looks_freed_only_once_its_step_has_freed_it():
    x = torch.tensor(2.0, requires_grad=True)
    y = x * x  # saves x: freed at its step
    z = y + 1
    stepper = BackwardStepper(z, names={"x": x, "y": y, "z": z}, start=0)
    mul = next(i for i, group in enumerate(stepper.groups, 1) if group[0].title == "y = MulBackward0")
    before, after = stepper.picture_svg(mul - 1), stepper.picture_svg(mul)
    # The legend shows a dashed swatch and its words throughout; the node, only from its step on.
    assert after.count("stroke-dasharray") == before.count("stroke-dasharray") + 1
    assert after.count("saved values freed") == before.count("saved values freed") + 1
