"""The autograd-lab command (autograd_lab/cli.py), run from this checkout: what it copies, and when it refuses.

tests/test_packaging.py runs it from an installed wheel.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from autograd_lab.cli import lessons_folder, main

LESSONS = Path(__file__).resolve().parent.parent / "lessons"
NAMES = sorted(path.stem for path in (LESSONS / "source").glob("[0-9][0-9]_*.py"))


def test_in_a_checkout_the_lessons_are_the_projects():
    assert lessons_folder() == LESSONS


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_one_language_copies_its_notebooks_side_by_side(tmp_path, capsys, lang):
    assert main(["lessons", str(tmp_path / "class"), "--lang", lang]) == 0
    copied = sorted((tmp_path / "class").iterdir())
    assert [path.name for path in copied] == [f"{name}.ipynb" for name in NAMES]
    assert all(path.read_bytes() == (LESSONS / lang / path.name).read_bytes() for path in copied)
    out = capsys.readouterr().out
    assert out.startswith(
        f"Copied {len(NAMES)} lesson notebooks ({len(NAMES)} files) into {tmp_path / 'class'}\n"
    )
    assert 'jupyter lab "' in out


def test_english_is_the_default(tmp_path):
    assert main(["lessons", str(tmp_path), "--quiet"]) == 0
    first = tmp_path / f"{NAMES[0]}.ipynb"
    assert first.read_bytes() == (LESSONS / "en" / first.name).read_bytes()


def test_all_copies_both_languages_and_the_sources(tmp_path):
    assert main(["lessons", str(tmp_path), "--lang", "all", "--quiet"]) == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == ["README.md", "build.py", "en", "source", "zh"]
    assert sorted(path.stem for path in (tmp_path / "source").glob("*.py")) == NAMES
    assert not list(tmp_path.rglob("__pycache__"))


def test_files_already_there_are_kept_unless_forced(tmp_path, capsys):
    target = tmp_path / f"{NAMES[0]}.ipynb"
    target.write_text("my own notes")
    assert main(["lessons", str(tmp_path), "--quiet"]) == 1
    assert f"autograd-lab: {target} exists" in capsys.readouterr().err
    assert target.read_text() == "my own notes"
    assert main(["lessons", str(tmp_path), "--force", "--quiet"]) == 0
    assert target.read_bytes() == (LESSONS / "en" / target.name).read_bytes()


def test_an_unknown_language_is_refused_by_the_parser(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["lessons", "somewhere", "--lang", "fr"])
    assert stopped.value.code == 2
    assert "invalid choice: 'fr'" in capsys.readouterr().err
