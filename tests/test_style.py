"""The code stays as ruff wants it (lint and format), and the public API documented."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import autograd_lab

ROOT = Path(__file__).resolve().parent.parent
PATHS = ["autograd_lab", "tests", "bench", "dev.py"]


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["lint", "format"])
def test_ruff(command: list[str]) -> None:
    pytest.importorskip("ruff")
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command, *PATHS], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_public_name_exists_and_has_a_docstring() -> None:
    missing = [name for name in autograd_lab.__all__ if not hasattr(autograd_lab, name)]
    assert not missing
    undocumented = [
        name
        for name in autograd_lab.__all__
        if callable(getattr(autograd_lab, name)) and not getattr(autograd_lab, name).__doc__
    ]
    assert not undocumented, undocumented
