"""Build the lessons: one source per lesson, two notebooks (zh and en), outputs stored.

Each lesson is written once, in ``lessons/source/NN_name.py``, as a list of
cells: prose in both languages (``md(zh=..., en=...)``), code shared by both
(``code(...)``), and the exercises: the cell a student fills in
(``answer(...)``) and the check that grades it (``check(...)``).  Code is the
same in both languages but for its comments and the words it prints, written
in place as ``⟨中文‖English⟩``.  This script turns each source into
``lessons/zh/NN_name.ipynb`` and ``lessons/en/NN_name.ipynb`` and runs them
on a fresh kernel, so that the stored outputs are what the code prints and
nbval can compare them.

The exercises are nbgrader cells: an answer cell holds the solution between
``### BEGIN SOLUTION`` and ``### END SOLUTION``, a check cell is an
autograded test with points.  The notebooks here are the teacher's version,
solutions included; ``nbgrader generate_assignment`` (with
``lessons/nbgrader_config.py``) makes the students' version, where each
solution is gone and each check says what is missing.  A check prints its
confirmation to stdout and anything wrong or missing to stderr, which
nbgrader grades as zero points, so a student's notebook still runs from top
to bottom.

A lesson whose source says ``READY = False`` is written but not built or
tested (it waits for parts of the library, named in its ``WAITING_FOR``).

Usage::

    python lessons/build.py            # build and run every lesson
    python lessons/build.py 01 03      # only these
    python lessons/build.py --check    # exit 1 if a notebook's cells differ from its source
    python lessons/build.py --torch 12 # run a lesson's English code with PyTorch itself, print what it prints
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import nbformat

LESSONS = Path(__file__).resolve().parent
SOURCES = LESSONS / "source"
LANGUAGES = ("zh", "en")
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}

# ⟨中文‖English⟩ inside code: the comment or printed words of each language.
TRANSLATED = re.compile(r"⟨(.*?)‖(.*?)⟩", flags=re.S)
BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"


class Cell:
    """One cell of a lesson source."""

    def __init__(
        self, kind: str, text: dict[str, str], tags: tuple[str, ...] = (), nbgrader: dict | None = None
    ) -> None:
        self.kind = kind
        self.text = text
        self.tags = tags
        self.nbgrader = nbgrader
        self.wrong = ""  # for an answer: a typical wrong answer, in place of the solution (see answer())


def md(*, zh: str, en: str) -> Cell:
    """Prose, in both languages."""
    return Cell("markdown", {"zh": zh.strip("\n"), "en": en.strip("\n")})


def localized(source: str, language: str) -> str:
    """``source`` with each ``⟨中文‖English⟩`` replaced by the text of ``language``."""
    side = LANGUAGES.index(language) + 1
    return TRANSLATED.sub(lambda found: found.group(side), source)


def _code_text(source: str) -> dict[str, str]:
    source = source.strip("\n")
    return {language: localized(source, language) for language in LANGUAGES}


def code(source: str, *tags: str) -> Cell:
    """Code, the same in both languages but for ``⟨中文‖English⟩`` (``raises-exception`` for a cell that shows an error)."""
    return Cell("code", _code_text(source), tags)


def answer(source: str, grade_id: str, wrong: str = "") -> Cell:
    """The cell a student fills in: the solution sits between ``### BEGIN SOLUTION`` and ``### END SOLUTION``.

    ``wrong`` is a typical wrong answer (none: the students' version, for a
    fix-the-bug the buggy code), which the tests put in place of the solution
    to see that it loses the check's points.
    """
    if BEGIN_SOLUTION not in source or END_SOLUTION not in source:
        raise ValueError(f"answer {grade_id!r} has no {BEGIN_SOLUTION} ... {END_SOLUTION} region")
    metadata = {"grade": False, "grade_id": grade_id, "locked": False, "schema_version": 3, "solution": True, "task": False}
    cell = Cell("code", _code_text(source), nbgrader=metadata)
    cell.wrong = textwrap.dedent(wrong).strip("\n")
    return cell


def with_wrong_answer(source: str, wrong: str) -> str:
    """An answer cell's ``source`` with its solution region replaced by ``wrong``, indented like the region."""
    lines = source.splitlines()
    begin = next(i for i, line in enumerate(lines) if BEGIN_SOLUTION in line)
    end = next(i for i, line in enumerate(lines) if END_SOLUTION in line)
    indent = lines[begin][: len(lines[begin]) - len(lines[begin].lstrip())]
    replacement = [indent + line if line else line for line in wrong.splitlines()]
    return "\n".join(lines[:begin] + replacement + lines[end + 1 :])


def check(number: int, points: int, *, grade_id: str, needs: tuple[str, ...], trial: str, right: str, hint: str) -> Cell:
    """The autograded check of exercise ``number``, read-only and worth ``points``.

    Every check has the same shape, so that a student learns to read it once:
    the names in ``needs`` must exist and not be ``None`` (else it says which
    are missing); ``trial`` is code that sets ``right`` (and may set
    ``problem``, a line to show); an exception in it is shown as the problem.
    Then the confirmation ``right`` goes to stdout, or the problem and the
    ``hint`` to stderr, which nbgrader grades as zero points.  ``right`` and
    ``hint`` are the arguments of ``print`` (f-strings welcome).
    """
    trial = textwrap.indent(textwrap.dedent(trial).strip("\n"), " " * 8)
    source = f"""
# ⟨检查练习 {number}({points} 分)‖Check exercise {number} ({points} points)⟩
import sys
missing = [name for name in {needs!r} if globals().get(name) is None]
if missing:
    print(f"⟨还缺少 {{', '.join(missing)}}:在上面的单元格里写好,再运行它。‖Missing: {{', '.join(missing)}}. Complete the cell above, then run it.⟩", file=sys.stderr)
else:
    problem = ""
    try:
{trial}
    except Exception as error:
        right, problem = False, f"{{type(error).__name__}}: {{error}}"
    if right:
        print({right})
    else:
        if problem:
            print(problem, file=sys.stderr)
        print({hint}, file=sys.stderr)
"""
    metadata = {
        "grade": True,
        "grade_id": grade_id,
        "locked": True,
        "points": points,
        "schema_version": 3,
        "solution": False,
        "task": False,
    }
    return Cell("code", _code_text(source), nbgrader=metadata)


def setup(extra: str = "") -> Cell:
    """The first code cell: pictures on, ``autograd_lab`` as ``torch``, the lesson's language, then ``extra``."""
    lines = '%load_ext autograd_lab\n%config AutogradMagics.language = "⟨zh‖en⟩"\nimport autograd_lab as torch\n'
    return code(lines + textwrap.dedent(extra).strip("\n"))


def exercises_heading(pictures_on: bool = True) -> list[Cell]:
    """The heading of the exercises; the checks run the students' code, so pictures go off if they are on."""
    if not pictures_on:
        return [md(zh="## 练习", en="## Exercises")]
    return [
        md(
            zh="## 练习\n下面的检查会运行你的代码,所以我们先关掉画图。每个检查都会告诉你答对了没有;答错时,它会给出一个提示。",
            en="## Exercises\nThe checks below run your code, so we turn the pictures off first. Each check tells you whether you "
            "are right; if not, it gives you a hint.",
        ),
        code("%autograd off"),
    ]


def load_source(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(f"lesson_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("lesson_build", sys.modules[__name__])
    spec.loader.exec_module(module)
    return module


def notebook(cells: list[Cell], language: str) -> nbformat.NotebookNode:
    """The notebook of one language, without outputs."""
    made = []
    for cell in cells:
        if cell.kind == "markdown":
            made.append(nbformat.v4.new_markdown_cell(cell.text[language]))
            continue
        new = nbformat.v4.new_code_cell(cell.text[language])
        if cell.tags:
            new.metadata["tags"] = list(cell.tags)
        if cell.nbgrader:
            new.metadata["nbgrader"] = dict(cell.nbgrader)
        made.append(new)
    for index, cell in enumerate(made):
        cell.id = f"cell-{index}"  # the same on every build, so that a rebuild changes only what changed
    nb = nbformat.v4.new_notebook(cells=made)
    # What JupyterLab writes when it opens a notebook, so that opening a lesson changes nothing.
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def target(path: Path, language: str) -> Path:
    return LESSONS / language / f"{path.stem}.ipynb"


def run(nb: nbformat.NotebookNode, path: Path = LESSONS) -> float:
    """Execute on a fresh kernel in ``path``; returns the seconds it took."""
    from nbclient import NotebookClient

    started = time.perf_counter()
    NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(path)}},
        record_timing=False,
    ).execute()
    _merge_streams(nb)
    return time.perf_counter() - started


def _merge_streams(nb: nbformat.NotebookNode) -> None:
    """One output per run of stdout (or stderr) text: how it arrived in chunks is timing."""
    for cell in nb.cells:
        merged: list = []
        for output in cell.get("outputs", []):
            previous = merged[-1] if merged else None
            if (
                output.output_type == "stream"
                and previous is not None
                and previous.output_type == "stream"
                and previous.name == output.name
            ):
                previous.text += output.text
            else:
                merged.append(output)
        if "outputs" in cell:
            cell.outputs = merged


def cell_texts(nb: nbformat.NotebookNode) -> list[tuple]:
    """What a source decides about each cell: its type, text, tags and nbgrader metadata."""
    return [
        (cell.cell_type, cell.source, cell.metadata.get("tags", []), cell.metadata.get("nbgrader"))
        for cell in nb.cells
    ]


def all_sources() -> list[Path]:
    """Every lesson source, ready or not."""
    return sorted(SOURCES.glob("[0-9][0-9]_*.py"))


def is_ready(path: Path) -> bool:
    """Whether a lesson is built and tested (``READY = False`` in its source: not yet)."""
    return getattr(load_source(path), "READY", True)


def sources(selected: list[str] | tuple[str, ...] = ()) -> list[Path]:
    """The ready lessons, or those of them numbered in ``selected``."""
    return [p for p in all_sources() if is_ready(p) and (not selected or p.stem[:2] in selected)]


# The lines that make a lesson run on autograd_lab, and what PyTorch itself needs instead ("" drops the line).
TO_PYTORCH = {
    "import autograd_lab as torch": "import torch",
    "%load_ext autograd_lab": "",
    "%config AutogradMagics": "",
    "%autograd": "",
    "from autograd_lab.autograd import": "from torch.autograd import",
    "import autograd_lab.nn.functional as F": "import torch.nn.functional as F",
    "from autograd_lab import nn, optim": "from torch import nn, optim",
    "from autograd_lab.utils.data import": "from torch.utils.data import",
}


def with_pytorch(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook with its imports swapped for PyTorch's and autograd_lab's magics left out."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        lines = []
        for line in cell.source.splitlines():
            start = next((old for old in TO_PYTORCH if line.lstrip().startswith(old)), None)
            if start is None:
                lines.append(line)
            elif TO_PYTORCH[start]:
                lines.append(line.replace(start, TO_PYTORCH[start], 1))
        cell.source = "\n".join(lines)
    return nb


def run_with_pytorch(path: Path) -> None:
    """Run the English notebook of ``path`` on PyTorch and print each code cell's text outputs."""
    nb = with_pytorch(notebook(load_source(path).CELLS, "en"))
    seconds = run(nb)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        print(f"--- {cell.source.splitlines()[0] if cell.source else ''}")
        for output in cell.outputs:
            text = output.get("text") or output.get("data", {}).get("text/plain") or output.get("evalue", "")
            print(f"[{output.get('name', output.output_type)}] {text.rstrip()}")
    print(f"{path.stem} with PyTorch: ran in {seconds:.1f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lessons", nargs="*", help="lesson numbers, e.g. 01 03 (default: all)")
    parser.add_argument("--check", action="store_true", help="only check that notebooks match their sources")
    parser.add_argument("--torch", action="store_true", help="run the lessons' English code with PyTorch, store nothing")
    args = parser.parse_args()
    if args.torch:
        for path in all_sources():
            if not args.lessons or path.stem[:2] in args.lessons:
                run_with_pytorch(path)
        return 0
    stale = []
    for path in sources(args.lessons):
        cells = load_source(path).CELLS
        for language in LANGUAGES:
            fresh = notebook(cells, language)
            out = target(path, language)
            if args.check:
                stored = nbformat.read(out, as_version=4) if out.exists() else None
                if stored is None or cell_texts(stored) != cell_texts(fresh):
                    stale.append(out)
                continue
            seconds = run(fresh)
            out.parent.mkdir(exist_ok=True)
            nbformat.write(fresh, out)
            print(f"{out.relative_to(LESSONS.parent)}: ran in {seconds:.1f} s")
    for out in stale:
        print(f"{out.relative_to(LESSONS.parent)} is out of date: python lessons/build.py {out.stem[:2]}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
