"""The lessons in a real browser: JupyterLab in headless Chromium, driven by Playwright.

Each test opens a notebook from a temporary copy of the lessons, runs all
its cells from the Run menu, and checks what a student sees: the graph
pictures, the step-through widget's buttons and slider, and an interact
slider.  Screenshots of each step go to ``tests/e2e/artifacts/``.
``conftest.py`` starts the server and the browser, and skips these tests
when Chromium or Playwright is missing.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

LESSON_1 = "01_autograd_basics.ipynb"
LESSON_2 = "02_graphs_and_chain_rule.ipynb"
INTERACT = "interact_slider.ipynb"  # written by conftest.py into the temporary folder
RUN_TIMEOUT = 120_000  # ms for "Run All Cells" to finish
CURRENT_FILL = "#fff29a"  # the step-through widget's current node
LEAF_FILL = "#d8f0d2"
DONE = "Done: every .grad now holds what backward() gives."

# Every graph in an element, as lists of nodes {title, fill, texts}: inline <svg> (widgets)
# and <img src="data:image/svg+xml,..."> (JupyterLab shows an image/svg+xml output so).
GRAPHS_JS = """
(root) => {
    const nodes = (svg) => [...svg.querySelectorAll('g.node')].map((g) => ({
        title: g.querySelector('title')?.textContent ?? '',
        fill: (g.querySelector('path, polygon, ellipse')?.getAttribute('fill') ?? '').toLowerCase(),
        texts: [...g.querySelectorAll('text')].map((t) => t.textContent.replace(/\\u00a0/g, ' ').trim()),
    }));
    const graphs = [];
    for (const svg of root.querySelectorAll('svg')) {
        if (svg.querySelector('g.graph')) graphs.push(nodes(svg));
    }
    for (const img of root.querySelectorAll('img')) {
        const prefix = 'data:image/svg+xml,';
        if (!img.src.startsWith(prefix) || !img.complete || img.naturalWidth === 0) continue;
        const source = decodeURIComponent(img.src.slice(prefix.length));
        graphs.push(nodes(new DOMParser().parseFromString(source, 'image/svg+xml')));
    }
    return graphs;
}
"""

# True once every code cell has run: a number in each prompt, none waiting ("[*]").
ALL_RAN_JS = """
() => {
    const prompts = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')];
    return prompts.length > 0 && prompts.every((p) => /\\[\\d+\\]/.test(p.textContent));
}
"""


# -- helpers ---------------------------------------------------------------------------


def expect(*args, **kwargs):
    """Playwright's ``expect`` (imported here: without Playwright, conftest.py skips these tests)."""
    from playwright.sync_api import expect

    return expect(*args, **kwargs)


def open_and_run_all(page, lab, notebook: str, workspace: str) -> None:
    """Open ``notebook`` in JupyterLab, wait for its kernel, then Run > Run All Cells and wait."""
    page.goto(lab.notebook_url(notebook, workspace))
    page.locator(".jp-Notebook").first.wait_for(timeout=60_000)
    page.locator(".jp-StatusBar-Widget").get_by_text(re.compile(r"\| Idle")).wait_for(timeout=60_000)
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(
        ".lm-Menu-item", has=page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Run All Cells$"))
    ).click()
    page.wait_for_function(ALL_RAN_JS, timeout=RUN_TIMEOUT)
    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for(timeout=RUN_TIMEOUT)


def code_cell(page, code: str):
    """The first code cell whose source contains ``code``."""
    cells = page.locator(".jp-Notebook .jp-CodeCell")
    for index in range(cells.count()):
        cell = cells.nth(index)
        if code in cell.locator(".jp-InputArea-editor").inner_text():
            return cell
    raise AssertionError(f"no code cell contains {code!r}")


def graphs_in(locator) -> list[list[dict]]:
    return locator.evaluate(GRAPHS_JS)


def current_node(graph: list[dict]) -> str | None:
    """The first line of the highlighted node (the step being processed), if any."""
    found = [node["texts"][0] for node in graph if node["fill"] == CURRENT_FILL and node["title"] != "legend"]
    assert len(found) <= 1, f"more than one highlighted node: {found}"
    return found[0] if found else None


def leaf_readouts(graph: list[dict], explanation: str) -> dict[str, str | None]:
    """{name: "tensor(...)"}: each leaf's gradient readout in a picture.

    A leaf is green, or highlighted when it is the current step (the panel then says it is a leaf).
    """
    readouts = {}
    for node in graph:
        if node["title"] == "legend" or not node["texts"]:
            continue
        name = node["texts"][0]
        current_leaf = node["fill"] == CURRENT_FILL and f"{name} is a leaf" in explanation
        if node["fill"] == LEAF_FILL or current_leaf:
            grads = [text.removeprefix("grad ") for text in node["texts"] if text.startswith("grad ")]
            readouts[name] = grads[0] if grads else None
    return readouts


def assert_not_blank(path: Path) -> None:
    """The PNG exists and shows something: more than one colour, and no colour fills it all."""
    from PIL import Image  # Pillow comes with matplotlib, which the lab extra installs

    with Image.open(path) as image:
        pixels = image.convert("RGB")
        width, height = pixels.size
        colours = pixels.getcolors(maxcolors=width * height)
    assert width > 10 and height > 10, f"{path}: {width}x{height}"
    most = max(count for count, _ in colours)
    assert len(colours) > 1 and most < 0.995 * width * height, f"{path} is blank ({len(colours)} colours)"


def shoot(locator, artifacts: Path, name: str) -> Path:
    path = artifacts / f"{name}.png"
    locator.screenshot(path=str(path))
    assert_not_blank(path)
    return path


# -- the tests ---------------------------------------------------------------------------


def test_lesson_1_run_all_draws_the_graph_with_the_gradient(page, lab, artifacts):
    open_and_run_all(page, lab, LESSON_1, "lesson1")
    shoot(page, artifacts, "lesson1_after_run_all")

    # The first backward() of the lesson: z = (x + 2) ** 2 + 3 at x = 2, so x.grad is 8.
    cell = code_cell(page, "z.backward()")
    output = cell.locator(".jp-OutputArea")
    output.locator("img").first.wait_for()
    graphs = graphs_in(output)
    assert len(graphs) == 1, f"expected one picture under z.backward(), found {len(graphs)}"
    nodes = graphs[0]
    x = [node for node in nodes if node["texts"][:1] == ["x"]]
    assert x, f"no node named x in {[n['texts'] for n in nodes]}"
    assert "grad tensor([8.])" in x[0]["texts"], x[0]
    assert any("AddBackward0" in node["texts"][0] for node in nodes if node["texts"])
    assert "tensor([8.])" in output.inner_text()  # the print(x.grad) under the picture
    shoot(output, artifacts, "lesson1_graph_x_grad_8")

    # Every other backward() in the lesson drew its picture too, and only the cell meant to fail failed.
    pictures = graphs_in(page.locator(".jp-Notebook"))
    assert len(pictures) >= 5, f"only {len(pictures)} pictures after Run All"
    stderr = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    texts = stderr.all_inner_texts()
    assert len(texts) == 1 and "backward through the graph a second time" in texts[0], texts


def stepper_state(stepper) -> dict:
    """What the step-through widget shows now: status line, explanation and picture."""
    graphs = graphs_in(stepper.locator(".widget-html").nth(1))
    assert len(graphs) == 1, "the stepper should show one picture"
    return {
        "status": stepper.locator(".widget-html").nth(0).inner_text().strip(),
        "explanation": stepper.locator(".widget-html pre").last.inner_text().strip(),
        "graph": graphs[0],
        "current": current_node(graphs[0]),
    }


def wait_for_step(stepper, step: int, total: int) -> None:
    """Wait until the widget shows ``step``: its status line, then its explanation, which comes last."""
    html = stepper.locator(".widget-html")
    expect(html.nth(0)).to_contain_text(f"Backward pass, step {step} of {total}", timeout=15_000)
    expect(html.locator("pre").last).to_contain_text(f"Step {step} of {total}.", timeout=15_000)


def printed_grads(page, stepper_cell_index: int) -> dict[str, str]:
    """{name: "tensor(...)"} from the lesson's print(a.grad, b.grad, ...) cell after the stepper."""
    cells = page.locator(".jp-Notebook .jp-CodeCell")
    following = cells.nth(stepper_cell_index + 1)
    source = following.locator(".jp-InputArea-editor").inner_text()
    names = re.findall(r"(\w+)\.grad\b", source)
    values = re.findall(r"tensor\([^)]*\)", following.locator(".jp-OutputArea").inner_text())
    assert names and len(names) == len(values), (source, values)
    return dict(zip(names, values, strict=True))


def test_lesson_2_backward_stepper_buttons_and_slider(page, lab, artifacts):
    if not (lab.root / LESSON_2).exists():
        pytest.skip(f"{LESSON_2} is not in lessons/en yet")
    open_and_run_all(page, lab, LESSON_2, "lesson2")

    next_buttons = page.get_by_role("button", name="next ▶")
    next_buttons.first.wait_for()
    cells = page.locator(".jp-Notebook .jp-CodeCell")
    stepper_cells = [
        index
        for index in range(cells.count())
        if cells.nth(index).get_by_role("button", name="next ▶").count()
    ]
    assert stepper_cells, "no BackwardStepper after Run All"

    # The first stepper: the buttons move the highlight from node to node.
    first = cells.nth(stepper_cells[0]).locator(".widget-vbox").first
    before = stepper_state(first)
    assert re.search(r"Backward pass, step 0 of \d+", before["status"]), before["status"]
    assert before["current"] is None
    total = int(re.search(r"of (\d+)", before["status"]).group(1))
    assert total >= 3
    shoot(first, artifacts, "lesson2_step0")

    first.get_by_role("button", name="next ▶").click()
    wait_for_step(first, 1, total)
    step1 = stepper_state(first)
    assert step1["current"] is not None, "step 1 highlights no node"
    assert step1["explanation"] != before["explanation"]
    shoot(first, artifacts, "lesson2_step1")

    first.get_by_role("button", name="next ▶").click()
    wait_for_step(first, 2, total)
    step2 = stepper_state(first)
    assert step2["current"] not in (None, step1["current"]), (step1["current"], step2["current"])
    assert step2["status"] != step1["status"] and step2["explanation"] != step1["explanation"]
    shoot(first, artifacts, "lesson2_step2")

    # Clicking next ▶ to the end: each leaf's step says what its .grad now is.
    said: dict[str, str] = {}
    for step in range(3, total + 1):
        first.get_by_role("button", name="next ▶").click()
        wait_for_step(first, step, total)
        text = stepper_state(first)["explanation"]
        said.update(re.findall(r"adds it into (\w+)\.grad, which is now (tensor\([^)]*\))", text))
    last = stepper_state(first)
    assert DONE in last["explanation"], last["explanation"]
    assert first.get_by_role("button", name="next ▶").is_disabled()
    shoot(first, artifacts, "lesson2_last_step")
    printed = printed_grads(page, stepper_cells[0])
    assert said == printed, f"the panel said {said}, the lesson printed {printed}"
    pictured = leaf_readouts(last["graph"], last["explanation"])
    assert sorted(pictured.values()) == sorted(printed.values()), (
        f"the picture: {pictured}, printed: {printed}"
    )
    # Where the picture names a leaf, it is the right one ("leaf 1", "leaf 2": names it lost).
    named = {name: grad for name, grad in pictured.items() if not re.fullmatch(r"leaf \d+", name)}
    assert named == {name: printed[name] for name in named}, (named, printed)

    # The last stepper: the slider, moved from the keyboard (End), goes to the last step.
    stepper = cells.nth(stepper_cells[-1]).locator(".widget-vbox").first
    total = int(re.search(r"of (\d+)", stepper_state(stepper)["status"]).group(1))
    handle = stepper.locator(".noUi-handle").first
    if len(stepper_cells) == 1:  # the same stepper as above, at its end already: back to the start
        handle.press("Home")
        expect(stepper.locator(".widget-html").nth(0)).to_contain_text(f"step 0 of {total}")
    handle.press("End")
    wait_for_step(stepper, total, total)
    end = stepper_state(stepper)
    assert DONE in end["explanation"], end["explanation"]
    assert stepper.locator(".widget-readout").first.inner_text().strip() == str(total)
    shoot(stepper, artifacts, "lesson2_slider_end")
    printed = printed_grads(page, stepper_cells[-1])
    pictured = leaf_readouts(end["graph"], end["explanation"])
    assert pictured == printed, f"the picture shows {pictured}, the lesson printed {printed}"


def readout_values(readout) -> dict[str, float]:
    """{"output": ..., "x": ..., "w": ...} from the interact widget's readout lines."""
    text = readout.inner_text()
    values = dict(re.findall(r"∂output/∂(\w+) = (\S+)", text))
    values["output"] = re.search(r"^output = (\S+)", text, re.MULTILINE).group(1)
    return {name: float(value) for name, value in values.items()}


def test_interact_slider_moves_the_gradient_readout(page, lab, artifacts):
    open_and_run_all(page, lab, INTERACT, "interact")
    widget = page.locator(".jp-OutputArea-output .widget-vbox").first
    readout = widget.locator(".widget-html").filter(has_text="∂output/∂w").first
    readout.wait_for()
    before = readout_values(readout)
    assert before == {"output": 0.0, "x": 0.0, "w": 0.0}, before  # (2 * 0.5 - 1) ** 2 at its minimum
    shoot(widget, artifacts, "interact_before")

    label = page.locator(".widget-label", has_text=re.compile(r"^w$"))
    slider = widget.locator(".widget-slider").filter(has=label)
    for _ in range(5):
        slider.locator(".noUi-handle").press("ArrowRight")
    w = float(slider.locator(".widget-readout").inner_text())
    assert w > 0.5, f"the w slider did not move: {w}"
    # The kernel runs forward and backward again for each move: the readout follows the slider.
    expected = {"output": (2 * w - 1) ** 2, "x": 2 * (2 * w - 1) * w, "w": 2 * (2 * w - 1) * 2}
    deadline = time.monotonic() + 15
    while (after := readout_values(readout)) != pytest.approx(expected, rel=2e-3):
        assert time.monotonic() < deadline, f"the readout shows {after} for w = {w}, not {expected}"
        page.wait_for_timeout(100)
    shoot(widget, artifacts, "interact_after")
