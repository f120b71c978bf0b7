"""The lessons in a real browser: JupyterLab in headless Chromium, driven by Playwright.

Each test opens a notebook from a temporary copy of the lessons, runs all
its cells from the Run menu, and checks what a student sees: the graph
pictures, the step-through widget's buttons and slider, and an interact
slider.  At 1280 x 800 with the file browser open, lessons 1, 2, 6 and 10
in English and lesson 1 in Chinese run without any output area scrolling
sideways, every picture's smallest text at 9 px or more; a lesson saved
with its outputs shows its pictures when opened again before it is run
(JupyterLab does not trust it, as on Binder).  How many pictures and which
errors a lesson shows is read from the stored lesson (``lessons/en``,
``lessons/zh``), so the tests follow the lessons.  Each run starts in a
fresh kernel.  Screenshots of each step go to ``tests/e2e/artifacts/``.
``conftest.py`` starts the server and the browser, and skips these tests
when Chromium or Playwright is missing.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from .conftest import AS_STORED  # the lessons exactly as stored, in the served folder

LESSON_1 = "01_autograd_basics.ipynb"
LESSON_2 = "02_graphs_and_chain_rule.ipynb"
LESSON_6 = "06_retain_graph_and_accumulation.ipynb"  # errors on purpose: tracebacks as a student sees them
LESSON_10 = "10_mlp_classifier.ipynb"
LESSON_1_ZH = "zh/01_autograd_basics.ipynb"  # written by conftest.py, in Chinese pictures too
SAVED = "saved/01_autograd_basics.ipynb"  # lesson 1 run by nbclient and saved, never trusted
INTERACT = "interact_slider.ipynb"  # written by conftest.py into the temporary folder
RUN_TIMEOUT = 120_000  # ms for "Run All Cells" to finish
CURRENT_FILL = "#fff29a"  # the step-through widget's current node
LEAF_FILL = "#d8f0d2"
DONE = "Done: every .grad now holds what backward() gives."
STORED = Path(__file__).resolve().parents[2] / "lessons"  # the lessons as built, with their outputs

# Every graph in an element, as lists of nodes {title, fill, texts}: inline <svg>, and <img>
# whose source is an SVG data: URI (base64 from our text/html, or %-encoded from JupyterLab's
# own image/svg+xml renderer).
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
        if (!img.complete || img.naturalWidth === 0) continue;
        let source = null;
        if (img.src.startsWith('data:image/svg+xml;base64,')) {
            const bytes = Uint8Array.from(atob(img.src.split(',')[1]), (c) => c.charCodeAt(0));
            source = new TextDecoder().decode(bytes);
        } else if (img.src.startsWith('data:image/svg+xml,')) {
            source = decodeURIComponent(img.src.slice('data:image/svg+xml,'.length));
        }
        if (source) graphs.push(nodes(new DOMParser().parseFromString(source, 'image/svg+xml')));
    }
    return graphs;
}
"""

# Each output area: does it scroll sideways, and each picture in it, whatever its form (an <img>
# of an SVG data: URI, from our text/html or JupyterLab's image/svg+xml renderer, or an inline
# <svg> graph): its width as shown, the width it was drawn at, and its smallest text as shown (CSS px).
LAYOUT_JS = """
(root) => {
    const source = (img) => img.src.startsWith('data:image/svg+xml;base64,')
        ? new TextDecoder().decode(Uint8Array.from(atob(img.src.split(',')[1]), (c) => c.charCodeAt(0)))
        : decodeURIComponent(img.src.split(',').slice(1).join(','));
    const measure = (svg, element) => {
        const drawn = parseFloat(svg.getAttribute('width')) * 4 / 3;  // pt -> CSS px
        const shown = element.getBoundingClientRect().width;
        const sizes = [...svg.querySelectorAll('text')].map((t) => parseFloat(t.getAttribute('font-size')));
        return {shown, drawn, smallest: Math.min(...sizes) * 4 / 3 * shown / drawn};
    };
    return [...root.querySelectorAll('.jp-OutputArea-output')].map((output) => ({
        scrolls: output.scrollWidth > output.clientWidth + 1,
        width: output.clientWidth,
        pictures: [
            ...[...output.querySelectorAll('img')].filter((img) => img.src.startsWith('data:image/svg+xml'))
                .map((img) => measure(
                    new DOMParser().parseFromString(source(img), 'image/svg+xml').documentElement, img)),
            ...[...output.querySelectorAll('svg')].filter((svg) => svg.querySelector('g.graph'))
                .map((svg) => measure(svg, svg)),
        ],
    }));
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


def stored_lesson(notebook: str) -> dict:
    """The lesson as stored, with the outputs lessons/build.py made: ``notebook`` as served
    ("01_x.ipynb", "zh/01_x.ipynb", or "saved/01_x.ipynb", lesson 1 run and saved)."""
    folder, _, name = notebook.rpartition("/")
    return json.loads((STORED / ("zh" if folder == "zh" else "en") / name).read_text(encoding="utf-8"))


def stored_pictures(notebook: str) -> int:
    """How many outputs of the stored lesson hold a picture of a graph (an SVG, as such or in HTML)."""
    count = 0
    for cell in stored_lesson(notebook)["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            html = data.get("text/html", "")
            html = "".join(html) if isinstance(html, list) else html
            count += "image/svg+xml" in data or "data:image/svg+xml" in html
    return count


def stored_errors(notebook: str) -> list[tuple[str, bool]]:
    """The first line of each error the stored lesson shows, and whether it is a traceback (not stderr)."""
    errors = []
    for cell in stored_lesson(notebook)["cells"]:
        for output in cell.get("outputs", []):
            if output["output_type"] == "error":
                errors.append((output["evalue"].split(" Hint: ")[0].splitlines()[0], True))
            elif output.get("name") == "stderr":
                text = output["text"]
                errors.append((("".join(text) if isinstance(text, list) else text).splitlines()[0], False))
    return errors


def assert_errors_as_stored(page, notebook: str) -> None:
    """Only the cells meant to fail failed, each showing the student's line and the hint, not the library's frames."""
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    texts = errors.all_inner_texts()
    expected = stored_errors(notebook)
    assert len(texts) == len(expected), (expected, texts)
    for text, (first_line, traceback) in zip(texts, expected, strict=True):
        assert first_line in text, (first_line, text)
        if traceback:
            assert "autograd_lab/" not in text and " Hint: " in text, text


def expect(*args, **kwargs):
    """Playwright's ``expect`` (imported here: without Playwright, conftest.py skips these tests)."""
    from playwright.sync_api import expect

    return expect(*args, **kwargs)


def open_and_run_all(page, lab, notebook: str, workspace: str) -> None:
    """Open ``notebook`` in JupyterLab in a fresh kernel, wait for it, then Run > Run All Cells and wait."""
    lab.shut_down_kernel(notebook)
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


def numbers(text: str) -> list[float]:
    """The numbers in a readout, whatever their form: tensor([8.]), [8], 8."""
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d*)?(?:e[-+]?\d+)?", text.replace("tensor", ""))]


def leaf_readouts(graph: list[dict], explanation: str) -> dict[str, list[float] | None]:
    """{name: [numbers]}: each leaf's gradient readout in a picture.

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
            readouts[name] = numbers(grads[0]) if grads else None
    return readouts


def assert_fits(locator, what: str) -> list[dict]:
    """No output area scrolls sideways, and every picture's smallest text shows at 9 px or more."""
    areas = locator.evaluate(LAYOUT_JS)
    assert areas, f"{what}: no outputs"
    for area in areas:
        assert not area["scrolls"], f"{what}: an output area scrolls sideways: {area}"
        for picture in area["pictures"]:
            assert picture["shown"] <= area["width"] + 1, (what, picture, area["width"])
            assert picture["smallest"] >= 9 - 1e-6, f"{what}: text shown at {picture['smallest']:.1f} px"
    return areas


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
    assert "grad [8]" in x[0]["texts"], x[0]
    assert any("AddBackward0 (+)" in node["texts"][0] for node in nodes if node["texts"])
    assert "tensor([8.])" in output.inner_text()  # the print(x.grad) under the picture
    shoot(output, artifacts, "lesson1_graph_x_grad_8")

    # Every other backward() in the lesson drew its picture too, and only the cells meant to fail failed.
    pictures = graphs_in(page.locator(".jp-Notebook"))
    assert len(pictures) == stored_pictures(LESSON_1), f"{len(pictures)} pictures after Run All"
    assert_errors_as_stored(page, LESSON_1)


@pytest.mark.parametrize(
    ("notebook", "name"),
    [
        (LESSON_1, "lesson1"),
        (LESSON_2, "lesson2"),
        (LESSON_6, "lesson6"),
        (LESSON_10, "lesson10"),
        (LESSON_1_ZH, "lesson1_zh"),
    ],
)
def test_every_output_fits_without_scrolling_sideways(page, lab, artifacts, notebook, name):
    page.set_viewport_size({"width": 1280, "height": 800})
    assert (lab.root / notebook).exists(), f"{notebook} is not in the lessons: renamed? update this list"
    open_and_run_all(page, lab, notebook, f"fit_{name}")
    browser = page.locator(".jp-FileBrowser").first
    assert browser.is_visible(), "the file browser is open beside the notebook"
    areas = assert_fits(page.locator(".jp-Notebook"), notebook)
    # Each stored picture is drawn again (a step-through widget's picture counts too, as a saved one does not).
    assert sum(len(area["pictures"]) for area in areas) >= max(1, stored_pictures(notebook))
    assert_errors_as_stored(page, notebook)
    page.screenshot(path=str(artifacts / f"fit_{name}.png"), full_page=False)
    for index, picture in enumerate(page.locator(".jp-OutputArea-output img").all()[:6]):
        picture.scroll_into_view_if_needed()
        shoot(picture, artifacts, f"fit_{name}_picture{index}")
    if notebook == LESSON_1_ZH:
        words = " ".join(
            " ".join(node["texts"]) for graph in graphs_in(page.locator(".jp-Notebook")) for node in graph
        )
        assert "梯度" in words and "叶子（需要梯度）" in page.locator(".jp-Notebook").evaluate(
            "(root) => [...root.querySelectorAll('img')].map((img) => img.src.includes('base64') ? "
            "new TextDecoder().decode(Uint8Array.from(atob(img.src.split(',')[1]), (c) => c.charCodeAt(0))) : '').join(' ')"
        )


def test_a_saved_lesson_shows_its_pictures_before_it_is_run(page, lab, artifacts):
    """As on Binder: the notebook's stored outputs, not trusted by JupyterLab, and no kernel run."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(lab.notebook_url(SAVED, "saved"))
    page.locator(".jp-Notebook").first.wait_for(timeout=60_000)
    page.locator(".jp-OutputArea-output img").first.wait_for(timeout=30_000)
    prompts = page.locator(".jp-Notebook .jp-CodeCell .jp-InputPrompt").all_inner_texts()
    assert any(re.search(r"\[\d+\]", prompt) for prompt in prompts)  # stored, not re-run
    pictures = graphs_in(page.locator(".jp-Notebook"))
    assert len(pictures) == stored_pictures(SAVED), f"{len(pictures)} pictures in the saved lesson"
    assert_fits(page.locator(".jp-Notebook"), SAVED)
    shoot(page.locator(".jp-OutputArea-output img").first, artifacts, "saved_lesson1_first_picture")
    page.screenshot(path=str(artifacts / "saved_lesson1.png"))


def test_opening_and_closing_a_lesson_leaves_its_file_as_it_was(page, lab, artifacts):
    """A student who opens a lesson and closes it without running anything changes nothing.

    JupyterLab starts the lesson's kernel (from its kernelspec, without asking which), reads its
    language_info, and shows the stored pictures; the notebook is never marked changed, so
    nothing is saved: the file keeps every byte (metadata, outputs, no trust signature added).
    """
    name = f"{AS_STORED}/{LESSON_1}"
    before = (lab.root / name).read_bytes()
    assert before == (STORED / "en" / LESSON_1).read_bytes()
    lab.shut_down_kernel(name)
    page.goto(lab.notebook_url(name, "open_close"))
    page.locator(".jp-Notebook").first.wait_for(timeout=60_000)
    page.locator(".jp-StatusBar-Widget").get_by_text(re.compile(r"\| Idle")).wait_for(timeout=60_000)
    page.locator(".jp-OutputArea-output img").first.wait_for(timeout=30_000)
    page.wait_for_timeout(2_000)  # kernel info and any metadata update have come in
    tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text=Path(LESSON_1).name)
    assert "jp-mod-dirty" not in (tab.get_attribute("class") or ""), "opening the lesson changed it"
    shoot(page, artifacts, "opened_unchanged")
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^File$")).click()
    page.locator(
        ".lm-Menu-item", has=page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Close Tab$"))
    ).click()
    expect(tab).to_have_count(0)  # closed without a "save your changes?" dialog
    assert page.locator(".jp-Dialog").count() == 0
    lab.shut_down_kernel(name)
    assert (lab.root / name).read_bytes() == before, "the lesson's file changed on disk"
    assert not (lab.root / Path(name).parent / ".ipynb_checkpoints").exists() or all(
        checkpoint.read_bytes() == before
        for checkpoint in (lab.root / Path(name).parent / ".ipynb_checkpoints").glob("*.ipynb")
    )


def test_the_notebooks_the_tests_write_carry_a_kernelspec(lab):
    """Without one, JupyterLab asks which kernel to start and writes the answer into the file."""
    notebooks = sorted(lab.root.rglob("*.ipynb"))
    assert {INTERACT, SAVED, LESSON_1_ZH, LESSON_1} <= {str(path.relative_to(lab.root)) for path in notebooks}
    for path in notebooks:
        kernelspec = json.loads(path.read_text(encoding="utf-8"))["metadata"].get("kernelspec", {})
        assert kernelspec.get("name") == "python3" and kernelspec.get("display_name"), (path, kernelspec)


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


def printed_grads(page, stepper_cell_index: int) -> dict[str, list[float]]:
    """{name: [numbers]} from the lesson's print(a.grad, b.grad, ...) cell after the stepper."""
    cells = page.locator(".jp-Notebook .jp-CodeCell")
    following = cells.nth(stepper_cell_index + 1)
    source = following.locator(".jp-InputArea-editor").inner_text()
    names = re.findall(r"(\w+)\.grad\b", source)
    values = re.findall(r"tensor\([^)]*\)", following.locator(".jp-OutputArea").inner_text())
    assert names and len(names) == len(values), (source, values)
    return {name: numbers(value) for name, value in zip(names, values, strict=True)}


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

    # The first stepper opens at a middle step (what a saved lesson shows), with its narration.
    first = cells.nth(stepper_cells[0]).locator(".widget-vbox").first
    opened = stepper_state(first)
    total = int(re.search(r"of (\d+)", opened["status"]).group(1))
    assert total >= 3
    assert f"Backward pass, step {total // 2} of {total}" in opened["status"], opened["status"]
    assert opened["current"] is not None and f"Step {total // 2} of {total}." in opened["explanation"]
    shoot(first, artifacts, "lesson2_opened_at_a_middle_step")
    assert_fits(cells.nth(stepper_cells[0]), "the stepper")

    # Back to the start with the slider (Home), then the buttons move the highlight from node to node.
    first.locator(".noUi-handle").first.press("Home")
    expect(first.locator(".widget-html").nth(0)).to_contain_text(f"step 0 of {total}")
    before = stepper_state(first)
    assert before["current"] is None
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
        said.update(
            (name, numbers(value))
            for name, value in re.findall(r"adds it into (\w+)\.grad, which is now (.+)\.", text)
        )
    last = stepper_state(first)
    assert DONE in last["explanation"], last["explanation"]
    assert first.get_by_role("button", name="next ▶").is_disabled()
    shoot(first, artifacts, "lesson2_last_step")
    printed = printed_grads(page, stepper_cells[0])
    assert said == printed, f"the panel said {said}, the lesson printed {printed}"
    pictured = leaf_readouts(last["graph"], last["explanation"])
    assert sorted(map(str, pictured.values())) == sorted(map(str, printed.values())), (
        f"the picture: {pictured}, printed: {printed}"
    )
    # Where the picture names a leaf, it is the right one ("leaf 1", "leaf 2": names it lost).
    named = {name: grad for name, grad in pictured.items() if not re.fullmatch(r"leaf \d+", name)}
    assert named == {name: printed[name] for name in named}, (named, printed)

    # The last stepper: the slider, moved from the keyboard (End), goes to the last step.
    stepper = cells.nth(stepper_cells[-1]).locator(".widget-vbox").first
    total = int(re.search(r"of (\d+)", stepper_state(stepper)["status"]).group(1))
    handle = stepper.locator(".noUi-handle").first
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
