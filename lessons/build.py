"""Build the lessons: one source per lesson, two notebooks (zh and en), outputs stored.

Each lesson is written once, in ``lessons/source/NN_name.py``, as a list of
cells: prose in both languages (``md(zh=..., en=...)``) and code shared by
both (``code(...)``).  This script turns each source into
``lessons/zh/NN_name.ipynb`` and ``lessons/en/NN_name.ipynb`` and runs them
on a fresh kernel, so that the stored outputs are what the code prints and
nbval can compare them.  The two languages cannot drift apart: their code
cells come from the same strings.

Usage::

    python lessons/build.py            # build and run every lesson
    python lessons/build.py 01 03      # only these
    python lessons/build.py --check    # exit 1 if a notebook's cells differ from its source
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path
from typing import Any

import nbformat

LESSONS = Path(__file__).resolve().parent
SOURCES = LESSONS / "source"
LANGUAGES = ("zh", "en")
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


class Cell:
    """One cell of a lesson source."""

    def __init__(self, kind: str, text: dict[str, str], tags: tuple[str, ...] = ()) -> None:
        self.kind = kind
        self.text = text
        self.tags = tags


def md(*, zh: str, en: str) -> Cell:
    """Prose, in both languages."""
    return Cell("markdown", {"zh": zh.strip("\n"), "en": en.strip("\n")})


def code(source: str, *tags: str) -> Cell:
    """Code, the same in both languages (``raises-exception`` for a cell that shows an error)."""
    source = source.strip("\n")
    return Cell("code", {"zh": source, "en": source}, tags)


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
        else:
            new = nbformat.v4.new_code_cell(cell.text[language])
            if cell.tags:
                new.metadata["tags"] = list(cell.tags)
            made.append(new)
    nb = nbformat.v4.new_notebook(cells=made)
    # What JupyterLab writes when it opens a notebook, so that opening a lesson changes nothing.
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def target(path: Path, language: str) -> Path:
    return LESSONS / language / f"{path.stem}.ipynb"


def run(nb: nbformat.NotebookNode) -> float:
    """Execute on a fresh kernel in lessons/; returns the seconds it took."""
    from nbclient import NotebookClient

    started = time.perf_counter()
    NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(LESSONS)}},
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


def _cell_texts(nb: nbformat.NotebookNode) -> list[tuple[str, str]]:
    return [(cell.cell_type, cell.source) for cell in nb.cells]


def sources(selected: list[str]) -> list[Path]:
    paths = sorted(SOURCES.glob("[0-9][0-9]_*.py"))
    return [p for p in paths if not selected or p.stem[:2] in selected]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lessons", nargs="*", help="lesson numbers, e.g. 01 03 (default: all)")
    parser.add_argument("--check", action="store_true", help="only check that notebooks match their sources")
    args = parser.parse_args()
    stale = []
    for path in sources(args.lessons):
        cells = load_source(path).CELLS
        for language in LANGUAGES:
            fresh = notebook(cells, language)
            out = target(path, language)
            if args.check:
                stored = nbformat.read(out, as_version=4) if out.exists() else None
                if stored is None or _cell_texts(stored) != _cell_texts(fresh):
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
