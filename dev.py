#!/usr/bin/env python3
"""Set up and run autograd_lab from a fresh checkout: ``python3 dev.py lab`` or ``python3 dev.py test``.

Each command makes the virtual environment ``.venv`` if it is missing and
installs the project into it with what the command needs (pip shows each
package as it goes; a second run skips pip while pyproject.toml is
unchanged), then runs:

- ``lab``: JupyterLab on the lessons, trusted so their stored pictures show
  at once, with no pop-up asking about Jupyter news;
- ``test``: the whole test suite, comparisons with PyTorch included
  (arguments after ``test`` go to pytest: ``python3 dev.py test -k seed``).
  It ends with the test groups that were skipped, why, and the command that
  brings them.

Nothing else has to be installed first.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
# What each command installs: the project's extras (pyproject.toml says what they hold).
EXTRAS = {"lab": "lab", "test": "test,compare"}
# JupyterLab settings the lessons want, for this checkout's JupyterLab and Binder's alike.
LAB_OVERRIDES = ROOT / "binder" / "jupyterlab-overrides.json"


def python_in_venv() -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    return VENV / scripts / ("python.exe" if os.name == "nt" else "python")


def say(step: int, steps: int, text: str) -> None:
    print(f"\n[dev.py {step}/{steps}] {text}", flush=True)


def run(*command: object) -> None:
    print("+", " ".join(str(c) for c in command), flush=True)
    subprocess.run([str(c) for c in command], cwd=ROOT, check=True)


def make_venv(step: int, steps: int) -> Path:
    python = python_in_venv()
    if python.exists():
        say(step, steps, f"Using the virtual environment {VENV}")
    else:
        say(step, steps, f"Creating the virtual environment {VENV} (a few seconds)")
        venv.EnvBuilder(with_pip=True).create(VENV)
    return python


def install(python: Path, extras: str, step: int, steps: int) -> None:
    """pip install -e .[extras], unless this exact pyproject.toml was installed with them already."""
    stamp = VENV / f".dev-py-installed-{extras.replace(',', '-')}"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        say(step, steps, f"autograd_lab[{extras}] is installed and pyproject.toml is unchanged: no pip run")
        print(f"  (delete {os.path.relpath(stamp, ROOT)} to run pip again)", flush=True)
        return
    say(
        step,
        steps,
        f"Installing autograd_lab[{extras}] and what it needs: a line per package "
        "(the first time takes a few minutes)",
    )
    stamp.unlink(missing_ok=True)
    run(
        python,
        "-m",
        "pip",
        "install",
        "--disable-pip-version-check",
        "--progress-bar",
        "on",
        "-e",
        f".[{extras}]",
    )
    stamp.write_text(wanted)


def write_lab_settings(prefix: Path) -> Path:
    """Put the lessons' JupyterLab settings (no news pop-up) into the overrides of the JupyterLab at ``prefix``.

    Settings already in that overrides.json are kept, but for the ones the lessons set.
    """
    overrides = prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    settings = json.loads(overrides.read_text(encoding="utf-8")) if overrides.exists() else {}
    for plugin, values in json.loads(LAB_OVERRIDES.read_text(encoding="utf-8")).items():
        settings.setdefault(plugin, {}).update(values)
    overrides.parent.mkdir(parents=True, exist_ok=True)
    overrides.write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
    return overrides


def lessons() -> list[Path]:
    return sorted((ROOT / "lessons").glob("*/*.ipynb"))


def lab(python: Path, rest: list[str]) -> None:
    say(3, 5, "JupyterLab settings: no pop-up asking about Jupyter news")
    print(f"  wrote {os.path.relpath(write_lab_settings(VENV), ROOT)}", flush=True)
    say(4, 5, f"Trusting the {len(lessons())} lesson notebooks, so that their stored pictures show at once")
    run(python, "-m", "jupyter", "trust", *(path.relative_to(ROOT) for path in lessons()))
    say(5, 5, "Starting JupyterLab on the lessons (en/ and zh/), lesson 1 in English open; Ctrl+C stops it")
    as_root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []  # containers
    where = [
        "--ServerApp.root_dir=lessons",
        "--LabApp.default_url=/lab/tree/en/01_autograd_basics.ipynb",
    ]
    run(python, "-m", "jupyter", "lab", *where, *as_root, *rest)


def test(python: Path, rest: list[str]) -> None:
    say(3, 3, "Running the tests (pytest; the last lines name any test group that was skipped)")
    run(python, "-m", "pytest", *rest)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in EXTRAS:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    steps = 5 if command == "lab" else 3
    python = make_venv(1, steps)
    install(python, EXTRAS[command], 2, steps)
    (lab if command == "lab" else test)(python, rest)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode)
    except KeyboardInterrupt:
        sys.exit(130)
