"""The lessons as files: both languages alike, built from their sources, well formed, exportable, graded.

nbval (run on ``lessons/`` by the same test command) checks that their
stored outputs are what the code prints; these tests check the rest,
including that the outputs do not depend on the CPU's SIMD path (a second
nbval run with NumPy and OpenBLAS held to their baseline code) and that
every notebook carries nbgrader exercises.  ``tests/test_lessons_nbgrader.py``
runs the nbgrader round trip.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import re
import subprocess
import sys
import tokenize
import venv
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "lessons"


def builder():
    spec = importlib.util.spec_from_file_location("lesson_build", LESSONS / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["lesson_build"] = module
    spec.loader.exec_module(module)
    return module


BUILD = builder()
ALL = [path.stem for path in BUILD.all_sources()]
NAMES = [path.stem for path in BUILD.sources()]  # the lessons that are built (READY)
CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def read(language: str, name: str) -> nbformat.NotebookNode:
    return nbformat.read(LESSONS / language / f"{name}.ipynb", as_version=4)


def code_cells(nb: nbformat.NotebookNode) -> list:
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def nbgrader_cells(nb: nbformat.NotebookNode, kind: str) -> list:
    """The answer cells (``solution``) or check cells (``grade``) of a notebook, in order."""
    return [cell for cell in nb.cells if cell.metadata.get("nbgrader", {}).get(kind)]


# -- the set of lessons ---------------------------------------------------------------------


def test_there_are_twelve_lessons_and_the_ready_ones_are_built_in_both_languages():
    assert len(ALL) == 12, ALL
    assert [name[:2] for name in ALL] == [f"{n:02d}" for n in range(1, 13)]
    waiting = [name for name in ALL if name not in NAMES]
    for name in waiting:  # a lesson not built yet says what it waits for
        assert BUILD.load_source(LESSONS / "source" / f"{name}.py").WAITING_FOR
    for language in ("zh", "en"):
        assert sorted(p.stem for p in (LESSONS / language).glob("*.ipynb")) == NAMES


def test_the_readme_gives_each_lesson_its_duration_and_run_time():
    readme = (LESSONS / "README.md").read_text(encoding="utf-8")
    for name in ALL:
        row = next((line for line in readme.splitlines() if line.startswith(f"| {int(name[:2])} |")), None)
        assert row, f"lessons/README.md has no row for lesson {name}"
        minutes = [int(m) for m in re.findall(r"(\d+) min", row)]
        assert minutes and max(minutes) <= 45, f"lesson {name} must fit a 45-minute class: {row}"


# -- both languages alike -------------------------------------------------------------------


def code_shape(source: str) -> list[tuple[int, str]]:
    """The tokens of a code cell but for its comments and the words of its strings (they are translated)."""
    tokens = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type in (tokenize.COMMENT, tokenize.NL):
            continue
        tokens.append((token.type, "<string>" if token.type == tokenize.STRING else token.string))
    return tokens


NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[+-]?\d+)?")


def output_numbers(output: nbformat.NotebookNode) -> list[str]:
    text = output.get("text") or output.get("data", {}).get("text/plain") or output.get("evalue", "")
    return NUMBER.findall(text)


@pytest.mark.parametrize("name", NAMES)
def test_both_languages_have_the_same_code_headings_and_outputs(name):
    zh, en = read("zh", name), read("en", name)
    assert [c.cell_type for c in zh.cells] == [c.cell_type for c in en.cells]
    for a, b in zip(zh.cells, en.cells, strict=True):
        if a.cell_type == "code":
            assert code_shape(a.source) == code_shape(b.source), b.source[:80]
            assert a.metadata == b.metadata
            assert [o.output_type for o in a.outputs] == [o.output_type for o in b.outputs], b.source[:80]
            # Pictures, hints and checks speak the lesson's language: the numbers they show are the same.
            numbers = [[output_numbers(o) for o in cell.outputs] for cell in (a, b)]
            assert numbers[0] == numbers[1], b.source[:80]
        else:
            assert a.source != b.source, "the prose of each language is its own"
            headings = [re.findall(r"^(#+) ", cell.source, flags=re.M) for cell in (a, b)]
            assert headings[0] == headings[1], f"headings differ in {name}: {b.source[:80]}"


@pytest.mark.parametrize("name", NAMES)
def test_english_notebooks_contain_no_chinese(name):
    nb = read("en", name)
    for cell in nb.cells:
        text = json.dumps(cell, ensure_ascii=False)
        found = CHINESE.findall(text)
        assert not found, f"Chinese in lessons/en/{name}.ipynb: {''.join(found[:20])} in {cell.source[:80]!r}"
    assert not CHINESE.search(json.dumps(nb.metadata, ensure_ascii=False)), "Chinese in the widget state"


@pytest.mark.parametrize("name", NAMES)
def test_chinese_prose_is_chinese_and_uses_one_term_per_idea(name):
    nb = read("zh", name)
    variants = {
        "海森矩阵": ("Hessian 矩阵", "Hessian矩阵", "黑塞矩阵"),
        "雅可比矩阵": ("Jacobian 矩阵", "雅克比"),
    }
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            assert CHINESE.search(cell.source), (
                f"a markdown cell of lessons/zh/{name} has no Chinese: {cell.source[:80]}"
            )
        for term, others in variants.items():
            for other in others:
                assert other not in cell.source, f"lessons/zh/{name} writes {other!r}; the lessons say {term}"


# -- built, run, shaped ---------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_notebooks_are_built_from_their_sources(name):
    cells = BUILD.load_source(LESSONS / "source" / f"{name}.py").CELLS
    for language in ("zh", "en"):
        fresh = BUILD.notebook(cells, language)
        assert BUILD.cell_texts(read(language, name)) == BUILD.cell_texts(fresh), (
            f"lessons/{language}/{name}.ipynb is out of date: run python lessons/build.py {name[:2]}"
        )


def test_code_is_translated_in_place():
    source = 'print("⟨对了‖Right⟩")  # ⟨检查‖check⟩'
    assert BUILD.localized(source, "zh") == 'print("对了")  # 检查'
    assert BUILD.localized(source, "en") == 'print("Right")  # check'


# What JupyterLab 4 writes into a notebook it opens with the python3 kernel.
JUPYTERLAB_KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def test_the_builder_writes_the_kernelspec_jupyterlab_writes():
    assert builder().notebook([], "en").metadata.kernelspec == JUPYTERLAB_KERNELSPEC


def test_every_lesson_stores_the_kernelspec_jupyterlab_writes():
    """Opening a lesson in JupyterLab then changes nothing in the file (issue 19)."""
    stale = [
        f"{language}/{name}"
        for language in ("zh", "en")
        for name in NAMES
        if read(language, name).metadata.get("kernelspec") != JUPYTERLAB_KERNELSPEC
    ]
    assert not stale, f"kernelspec not JupyterLab's in {stale}"


@pytest.mark.parametrize("name", NAMES)
def test_each_lesson_is_run_and_shaped_as_a_lesson(name):
    for language in ("zh", "en"):
        nb = read(language, name)
        code = code_cells(nb)
        assert all(c.execution_count for c in code), "outputs are stored: every cell was run"
        for cell in code:
            errors = [o for o in cell.outputs if o.output_type == "error"]
            if "raises-exception" in cell.metadata.get("tags", []):
                assert errors, f"a cell tagged raises-exception must show its error: {cell.source[:60]}"
            else:
                assert not errors, f"unexpected error in {language}/{name}: {cell.source[:60]}"
        first, last = nb.cells[0].source, nb.cells[-1].source
        assert first.startswith("# ")
        goals = re.findall(r"^- ", first, flags=re.M)
        assert 1 <= len(goals) <= 3
        assert len(re.findall(r"^- ", last, flags=re.M)) == 3, "the summary has three bullets"


@pytest.mark.parametrize("name", NAMES)
def test_every_random_draw_follows_a_seed(name):
    seeded = False
    for cell in code_cells(read("en", name)):
        seeded = seeded or "manual_seed" in cell.source
        if re.search(r"\b(randn|rand|randint|randperm)\(", cell.source.split("manual_seed")[-1]):
            assert seeded, f"random draw before any manual_seed: {cell.source[:60]}"


# -- exercises ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL)
def test_every_lesson_has_nbgrader_exercises_one_of_them_a_fix_the_bug(name):
    """Checked on the source, so that the lesson waiting for the library is checked too."""
    nb = BUILD.notebook(BUILD.load_source(LESSONS / "source" / f"{name}.py").CELLS, "en")
    answers, checks = nbgrader_cells(nb, "solution"), nbgrader_cells(nb, "grade")
    assert len(answers) >= 2 and len(checks) >= 2, "at least two exercises"
    assert any(cell.metadata.nbgrader.grade_id.startswith("fix-") for cell in answers), "one is a fix-the-bug"
    ids = [cell.metadata.nbgrader.grade_id for cell in nb.cells if "nbgrader" in cell.metadata]
    assert len(ids) == len(set(ids)), "grade ids are unique"
    for answer in answers:
        assert answer.source.count(BUILD.BEGIN_SOLUTION) == 1 and answer.source.count(BUILD.END_SOLUTION) == 1
        following = nb.cells[nb.cells.index(answer) + 1]
        assert following.metadata.get("nbgrader", {}).get("grade"), "each answer is followed by its check"
    for check in checks:
        assert check.metadata.nbgrader.points > 0 and check.metadata.nbgrader.locked
        assert BUILD.BEGIN_SOLUTION not in check.source
        # A check survives a failed answer cell: it looks the names up instead of using them bare.
        assert "missing = [name for name in" in check.source


@pytest.mark.parametrize("name", NAMES)
def test_the_stored_solutions_pass_their_checks_and_show_no_answer_early(name):
    for language in ("zh", "en"):
        nb = read(language, name)
        for answer in nbgrader_cells(nb, "solution"):
            assert not answer.outputs, "an answer cell prints nothing that gives the answer away"
        for check in nbgrader_cells(nb, "grade"):
            streams = {o.name: o.text for o in check.outputs if o.output_type == "stream"}
            assert "stderr" not in streams and streams.get("stdout", "").startswith("✔"), check.source[:80]


# -- on any CPU -----------------------------------------------------------------------------


def baseline_environment() -> dict[str, str] | None:
    """NumPy's dispatch limited to its baseline and OpenBLAS to an SSE kernel; None if there is nothing to limit."""
    from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__

    found = [feature for feature in __cpu_dispatch__ if __cpu_features__.get(feature)]
    if not found:
        return None
    return {**os.environ, "NPY_DISABLE_CPU_FEATURES": " ".join(found), "OPENBLAS_CORETYPE": "Nehalem"}


def test_stored_outputs_do_not_depend_on_the_cpus_simd_path():
    """nbval again, with NumPy's SIMD dispatch (AVX2, AVX-512...) off and OpenBLAS on its SSE kernel.

    Another CPU takes other SIMD paths, whose results differ in the last
    bits; the stored outputs must not show those bits.  The English
    notebooks suffice: the Chinese ones run the same code and print the same
    numbers (test_both_languages_have_the_same_code_headings_and_outputs).
    """
    env = baseline_environment()
    if env is None:
        pytest.skip("this CPU has no SIMD features beyond NumPy's baseline to turn off")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "lessons/en"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-4000:]


# -- exports --------------------------------------------------------------------------------


def _embedded_svgs(html: str) -> list[str]:
    """The SVG pictures a page carries itself: inline <svg>, or data: URIs (nbconvert 7's way)."""
    import base64

    inline = re.findall(r"<svg\b.*?</svg>", html, flags=re.S)
    encoded = re.findall(r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', html)
    return inline + [base64.b64decode(data).decode("utf-8") for data in encoded]


@pytest.mark.parametrize("name", NAMES)
def test_html_export_carries_the_graphs_as_svg(name):
    exporter = pytest.importorskip("nbconvert").HTMLExporter()
    nb = read("en", name)
    pictures = [
        output["data"]["image/svg+xml"]
        for cell in nb.cells
        for output in cell.get("outputs", [])
        if "image/svg+xml" in output.get("data", {})
        and "application/vnd.jupyter.widget-view+json" not in output.get("data", {})
    ]
    html, _ = exporter.from_notebook_node(nb)
    embedded = _embedded_svgs(html)
    for picture in pictures:
        assert picture.strip() in [svg.strip() for svg in embedded], "every graph is in the page itself"
    if name.startswith("01"):
        assert len(pictures) >= 3 and any("AddBackward0" in svg for svg in embedded)


def test_binder_requirements_install_into_a_fresh_environment_and_run_lesson_1(tmp_path):
    env = tmp_path / "binder-venv"
    venv.create(env, with_pip=True)
    python = env / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "-r", "binder/requirements.txt", "nbclient"],
        cwd=ROOT,
        check=True,
        timeout=900,
    )
    script = (
        "import nbformat, nbclient\n"
        "nb = nbformat.read('lessons/en/01_autograd_basics.ipynb', as_version=4)\n"
        "nbclient.NotebookClient(nb, timeout=120, kernel_name='python3',"
        " resources={'metadata': {'path': 'lessons'}}).execute()\n"
        "texts = [o.get('text', '') + o.get('data', {}).get('text/plain', '')"
        " for c in nb.cells for o in c.get('outputs', [])]\n"
        "print('x.grad', any('tensor([8.])' in t for t in texts))\n"
        "print('svg', any('image/svg+xml' in o.get('data', {}) for c in nb.cells for o in c.get('outputs', [])))\n"
    )
    done = subprocess.run([python, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "x.grad True" in done.stdout and "svg True" in done.stdout


def test_html_export_of_a_stepper_carries_its_picture_in_the_widget_state():
    """The stepper's pictures travel in the saved widget state, which nbconvert's page renders with ipywidgets' embed script."""
    exporter = pytest.importorskip("nbconvert").HTMLExporter()
    nb = read("en", "02_graphs_and_chain_rule")
    assert "application/vnd.jupyter.widget-state+json" in nb.metadata.get("widgets", {})
    html, _ = exporter.from_notebook_node(nb)
    state = re.search(
        r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', html, flags=re.S
    )
    # the picture as an <img> of the SVG (what untrusted notebooks show), and the narration
    saved = state.group(1).replace("\\/", "/") if state else ""  # JSON in a page escapes its slashes
    assert "data:image/svg+xml" in saved and "Backward pass, step" in saved
    assert "@jupyter-widgets/html-manager" in html  # the script that draws widgets in a static page


# -- the seed lesson lives on ---------------------------------------------------------------

# Where the seed's cells went: lesson 1 the scalar example, lesson 4 the vector example and the
# Jacobian exercise, lesson 6 the retain_graph example.  Its random matrix demo (the FIXME cell and
# the three prints after it) became lesson 1's small matrix example.
SEED_HOMES = ("01_autograd_basics", "04_vector_outputs", "06_retain_graph_and_accumulation")


def without_comments(source: str) -> list[str]:
    """The code's lines, comments and spaces left out (the seed's comments are translated in the lessons)."""
    lines = source.splitlines()
    try:
        comments = [
            t.start
            for t in tokenize.generate_tokens(io.StringIO(source).readline)
            if t.type == tokenize.COMMENT
        ]
    except (tokenize.TokenError, SyntaxError):
        comments = []
    for row, column in reversed(comments):
        lines[row - 1] = lines[row - 1][:column]
    return [re.sub(r"\s+", "", line) for line in lines if line.strip()]


def test_the_seed_lessons_code_lives_on_in_lessons_1_4_and_6():
    """Every seed code cell but its imports and the FIXME demo, comments aside; in seed order within each lesson."""
    seed = nbformat.read(ROOT / "tests" / "data" / "autograd_lesson_seed.ipynb", as_version=4)
    seed_code = [c.source.strip() for c in seed.cells if c.cell_type == "code"]
    fixme = next(i for i, code in enumerate(seed_code) if "FIXME" in code)
    assert "print(y.grad)" in seed_code[fixme + 2] and "print(w.grad)" in seed_code[fixme + 3]
    kept = [
        without_comments(code) for i, code in enumerate(seed_code) if i != 0 and not fixme <= i <= fixme + 3
    ]
    kept = [code for code in kept if code]  # the seed's all-comment cell became a live one in lesson 4
    for language in ("zh", "en"):
        homes = {
            name: [without_comments(c.source) for c in code_cells(read(language, name))]
            for name in SEED_HOMES
        }
        # The last seed cell found in each lesson: the next one there must come after it.
        reached = dict.fromkeys(SEED_HOMES, -1)
        missing = []
        for code in kept:
            home = next((name for name in SEED_HOMES if code in homes[name][reached[name] + 1 :]), None)
            if home is None:
                missing.append(code)
            else:
                reached[home] = homes[home].index(code, reached[home] + 1)
        assert not missing, (
            f"seed cells missing (or out of order) in lessons 1, 4, 6 ({language}): {missing[:1]}"
        )
