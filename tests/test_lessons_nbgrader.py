"""The lessons' exercises through nbgrader, as a teacher uses them.

- Every lesson's students' version (nbgrader's ClearSolutions with
  ``lessons/nbgrader_config.py``) runs from top to bottom, and each check in it
  says what is missing instead of confirming anything.
- Every lesson's typical wrong answers (``answer(..., wrong=...)`` in its
  source) fail their checks, and the other checks still pass.
- For two representative lessons, the whole round trip with nbgrader's own
  commands: ``generate_assignment`` makes the students' version, and
  ``autograde`` gives the solution full marks, an empty notebook none, and a
  notebook with one wrong answer the points of the other exercise only.
"""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("nbgrader")
nbclient = pytest.importorskip("nbclient")

from test_lessons import BUILD, LESSONS, NAMES, ROOT, nbgrader_cells, read  # noqa: E402

# Lesson 1 (the beginners': a number by hand, a missing requires_grad) and lesson 7 (a dictionary
# of answers, an in-place error raised inside the student's function) for the full round trip.
ROUND_TRIP = ["01_autograd_basics", "07_inplace_and_detach"]


def course_config():
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader("nbgrader_config.py", path=str(LESSONS)).load_config()


def students_version(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    from nbgrader.preprocessors import ClearOutput, ClearSolutions

    student = copy.deepcopy(nb)
    for preprocessor in (ClearSolutions(config=course_config()), ClearOutput()):
        student, _ = preprocessor.preprocess(student, {})
    return student


def with_wrong_answers(name: str, nb: nbformat.NotebookNode, wrong_ids: set[str]) -> nbformat.NotebookNode:
    """The teacher's notebook with the answers ``wrong_ids`` replaced by their typical wrong answer."""
    sources = {
        cell.nbgrader["grade_id"]: cell.wrong
        for cell in BUILD.load_source(LESSONS / "source" / f"{name}.py").CELLS
        if cell.nbgrader and cell.nbgrader.get("solution")
    }
    changed = copy.deepcopy(nb)
    for cell in nbgrader_cells(changed, "solution"):
        grade_id = cell.metadata.nbgrader.grade_id
        if grade_id in wrong_ids:
            cell.source = BUILD.with_wrong_answer(cell.source, BUILD.localized(sources[grade_id], "en"))
    return changed


def environment() -> dict[str, str]:
    """autograd_lab importable in the kernels, and nbgrader's helper programs (alembic) on the PATH."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def execute(nb: nbformat.NotebookNode, path: Path) -> nbformat.NotebookNode:
    """Run on a fresh kernel; only cells tagged raises-exception may fail (nbclient raises otherwise)."""
    nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path)}}
    ).execute()
    return nb


def check_outputs(nb: nbformat.NotebookNode) -> list[dict[str, str]]:
    """What each check printed, ``{"stdout": ..., "stderr": ...}`` (a stream may arrive in several chunks)."""
    printed = []
    for cell in nbgrader_cells(nb, "grade"):
        streams: dict[str, str] = {}
        for output in cell.outputs:
            if output.output_type == "stream":
                streams[output.name] = streams.get(output.name, "") + output.text
        printed.append(streams)
    return printed


@pytest.fixture(autouse=True)
def kernels_find_autograd_lab(monkeypatch):
    monkeypatch.setenv("PYTHONPATH", environment()["PYTHONPATH"])


@pytest.mark.parametrize("name", NAMES)
def test_the_students_version_runs_from_top_to_bottom_and_says_what_is_missing(name, tmp_path):
    student = students_version(read("en", name))
    assert not any(BUILD.BEGIN_SOLUTION in cell.source for cell in student.cells), "no solution is handed out"
    execute(student, LESSONS)
    for outputs in check_outputs(student):
        assert "✔" not in outputs.get("stdout", ""), "nothing is confirmed before the student answers"
        assert outputs.get("stderr"), "each check says what is missing or wrong"


@pytest.mark.parametrize("name", NAMES)
def test_typical_wrong_answers_fail_their_checks_with_a_hint(name):
    teacher = read("en", name)
    fill_ins = [
        cell.nbgrader["grade_id"]
        for cell in BUILD.load_source(LESSONS / "source" / f"{name}.py").CELLS
        if cell.nbgrader and cell.nbgrader.get("solution") and cell.wrong
    ]
    assert fill_ins, "each lesson gives at least one typical wrong answer"
    nb = execute(with_wrong_answers(name, teacher, set(fill_ins)), LESSONS)
    answers = [cell.metadata.nbgrader.grade_id for cell in nbgrader_cells(nb, "solution")]
    for grade_id, outputs in zip(answers, check_outputs(nb), strict=True):
        if grade_id in fill_ins:
            assert "Hint" in outputs.get("stderr", "") and "✔" not in outputs.get("stdout", ""), grade_id
        else:
            assert outputs.get("stdout", "").startswith("✔") and "stderr" not in outputs, grade_id


def nbgrader(*args: str, course: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args, "--force", f"--CourseDirectory.root={course}"],
        cwd=course,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_nbgrader_round_trip_generate_then_autograde(name, tmp_path):
    from nbgrader.api import Gradebook

    course = tmp_path / "course"
    assignment = "lesson"
    (course / "source" / assignment).mkdir(parents=True)
    shutil.copy(LESSONS / "nbgrader_config.py", course / "nbgrader_config.py")
    teacher = read("en", name)
    nbformat.write(teacher, course / "source" / assignment / f"{name}.ipynb")
    nbgrader("generate_assignment", assignment, course=course)
    released = nbformat.read(course / "release" / assignment / f"{name}.ipynb", as_version=4)
    assert [c.source for c in released.cells] == [c.source for c in students_version(teacher).cells]

    answers = [cell.metadata.nbgrader.grade_id for cell in nbgrader_cells(teacher, "solution")]
    points = {
        answer: check.metadata.nbgrader.points
        for answer, check in zip(answers, nbgrader_cells(teacher, "grade"), strict=True)
    }
    submissions = {"solution": teacher, "blank": released}
    for answer in answers:  # every answer wrong but this one
        submissions[f"only-{answer}"] = with_wrong_answers(name, teacher, set(answers) - {answer})
    for student, nb in submissions.items():
        folder = course / "submitted" / student / assignment
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{name}.ipynb")
    nbgrader("autograde", assignment, "--create", course=course)

    total = sum(points.values())
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        scores = {student: gradebook.find_submission(assignment, student).score for student in submissions}
    assert scores["solution"] == total
    assert scores["blank"] == 0
    for answer in answers:
        assert scores[f"only-{answer}"] == points[answer], (answer, scores)
