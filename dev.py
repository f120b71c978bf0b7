#!/usr/bin/env python3
"""Set up and run autograd_lab from a fresh checkout: ``python3 dev.py lab`` or ``python3 dev.py test``.

Each command makes the virtual environment ``.venv`` if it is missing,
installs the project with what the command needs (pip skips what is already
there), then runs.  Nothing else has to be installed first.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
EXTRAS = {"lab": "lab", "test": "test"}


def python_in_venv() -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    return VENV / scripts / ("python.exe" if os.name == "nt" else "python")


def run(*command: object) -> None:
    print("+", " ".join(str(c) for c in command), flush=True)
    subprocess.run([str(c) for c in command], cwd=ROOT, check=True)


def set_up(extra: str) -> Path:
    python = python_in_venv()
    if not python.exists():
        print(f"Creating the virtual environment {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", f".[{extra}]")
    return python


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in EXTRAS:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    python = set_up(EXTRAS[command])
    if command == "lab":
        # JupyterLab shows the lessons (en/ and zh/), with lesson 1 in English open.
        as_root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []  # containers
        lessons = [
            "--ServerApp.root_dir=lessons",
            "--LabApp.default_url=/lab/tree/en/01_autograd_basics.ipynb",
        ]
        run(python, "-m", "jupyter", "lab", *lessons, *as_root, *rest)
    else:
        run(python, "-m", "pytest", *rest)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode)
