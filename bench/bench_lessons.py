"""What the Jupyter extension costs the lessons: each picture cell with and without it.

    python bench/bench_lessons.py [--rounds N] [--lessons 01 02 ...]

Runs every lesson of ``lessons/en`` in a Jupyter kernel (nbclient) twice
per round, in turns: as it is, and with the extension taken out (the lines
``%load_ext autograd_lab``, ``%config AutogradMagics...`` and ``%autograd ...``
removed, nothing else changed).  Each cell's time is the kernel's own
(from the kernel's ``execute_input`` message to its reply), so starting
the kernel is not counted.  A *picture cell* is a code cell whose output,
with the extension, holds an SVG picture.  Goal: each picture cell at most
0.3 s slower than the same cell without the extension (median over rounds).
"""

from __future__ import annotations

import argparse
import copy
import os
import re
import statistics
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "lessons" / "en"
GOAL_SECONDS = 0.3

# The lines that load or steer the extension; a cell without them runs as plain Python.
_EXTENSION_LINE = re.compile(r"^\s*%(load_ext autograd_lab|config AutogradMagics\b|autograd\b).*$", re.M)


def without_extension(notebook):  # noqa: ANN001, ANN201 - nbformat's NotebookNode
    """The same notebook with the extension's lines taken out of every code cell."""
    plain = copy.deepcopy(notebook)
    for cell in plain.cells:
        if cell.cell_type == "code":
            cell.source = _EXTENSION_LINE.sub("pass  # (extension line removed)", cell.source)
    return plain


def _seconds(cell) -> float | None:  # noqa: ANN001
    timing = cell.metadata.get("execution", {})
    started, done = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
    if not started or not done:
        return None
    parse = datetime.fromisoformat
    return (parse(done.replace("Z", "+00:00")) - parse(started.replace("Z", "+00:00"))).total_seconds()


def _shows_picture(cell) -> bool:  # noqa: ANN001
    for output in cell.get("outputs", ()):
        data = output.get("data", {})
        if "image/svg+xml" in data or "<svg" in str(data.get("text/html", "")):
            return True
    return False


def run_notebook(notebook) -> list[tuple[float | None, bool]]:  # noqa: ANN001
    """Execute a copy of ``notebook``; (seconds, shows a picture) for each code cell."""
    from nbclient import NotebookClient

    ran = copy.deepcopy(notebook)
    NotebookClient(
        ran,
        timeout=600,
        kernel_name="python3",
        record_timing=True,
        resources={"metadata": {"path": str(LESSONS)}},
    ).execute()
    return [(_seconds(cell), _shows_picture(cell)) for cell in ran.cells if cell.cell_type == "code"]


def measure(paths: list[Path], rounds: int) -> list[dict]:
    """For each lesson: its picture cells, each with the median extra seconds the extension costs."""
    import nbformat

    # The kernels import autograd_lab from this checkout.
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    results = []
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        plain = without_extension(notebook)
        extra: dict[int, list[float]] = {}
        for _ in range(rounds):
            with_ext = run_notebook(notebook)
            without = run_notebook(plain)
            for index, ((seconds, picture), (plain_seconds, _)) in enumerate(
                zip(with_ext, without, strict=True)
            ):
                if picture and seconds is not None and plain_seconds is not None:
                    extra.setdefault(index, []).append(seconds - plain_seconds)
        cells = {index: statistics.median(values) for index, values in extra.items()}
        results.append({"lesson": path.stem, "cells": cells})
    return results


def table(results: list[dict]) -> tuple[list[str], float, int]:
    """Lines of the table, the worst extra seconds of any picture cell, and how many cells miss the goal."""
    lines = [
        f"Lessons' picture cells: extra seconds with the extension (goal: each <= {GOAL_SECONDS} s)",
        f"  {'lesson':<36}{'picture cells':>14}{'median extra':>14}{'worst extra':>13}{'over goal':>11}",
    ]
    worst_all, misses = float("-inf"), 0
    for result in results:
        values = list(result["cells"].values())
        if not values:
            lines.append(f"  {result['lesson']:<36}{0:>14}{'-':>14}{'-':>13}{0:>11}")
            continue
        worst = max(values)
        over = sum(v > GOAL_SECONDS for v in values)
        worst_all, misses = max(worst_all, worst), misses + over
        lines.append(
            f"  {result['lesson']:<36}{len(values):>14}{statistics.median(values):>13.3f}s{worst:>12.3f}s{over:>11}"
        )
    lines.append(
        f"  goal: every picture cell <= {GOAL_SECONDS} s slower -> worst {worst_all:.3f} s, {misses} over"
    )
    return lines, worst_all, misses


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=1, help="runs of each lesson, each way (median)")
    parser.add_argument("--lessons", nargs="*", help="lesson numbers to run (default: all)")
    args = parser.parse_args()
    paths = sorted(LESSONS.glob("*.ipynb"))
    if args.lessons:
        paths = [p for p in paths if p.name[:2] in args.lessons]
    lines, _, _ = table(measure(paths, args.rounds))
    print("\n".join(lines))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
