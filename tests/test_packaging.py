"""The package as a user gets it from PyPI, built here.

``python -m build`` makes an sdist and a wheel that ``twine check`` accepts;
the wheel carries the lessons of both languages with their sources; and the
wheel alone, installed with no extras into a fresh virtual environment,
imports, computes a gradient, copies the Chinese lessons out with
``autograd-lab lessons DIR --lang zh`` and names the extra to install when a
widget package is missing.  Slow (about 30 s: a build and an install) but
part of the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

import autograd_lab

pytestmark = pytest.mark.slow
pytest.importorskip("build")

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "lessons"
NAMES = sorted(path.stem for path in (LESSONS / "source").glob("[0-9][0-9]_*.py"))
VERSION = autograd_lab.version.release


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sdist and the wheel, built as a release would be (the wheel from the sdist)."""
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return {
        "sdist": out / f"autograd_lab-{VERSION}.tar.gz",
        "wheel": out / f"autograd_lab-{VERSION}-py3-none-any.whl",
    }


def test_twine_accepts_the_sdist_and_the_wheel(dist):
    pytest.importorskip("twine")
    done = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", str(dist["sdist"]), str(dist["wheel"])],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("PASSED") == 2, done.stdout


def test_the_wheel_carries_the_lessons_of_both_languages_with_their_sources(dist):
    names = set(zipfile.ZipFile(dist["wheel"]).namelist())
    inside = "autograd_lab/lessons/"
    for language in ("en", "zh"):
        assert {n for n in names if n.startswith(f"{inside}{language}/")} == {
            f"{inside}{language}/{name}.ipynb" for name in NAMES
        }
    assert {n for n in names if n.startswith(f"{inside}source/")} == {
        f"{inside}source/{name}.py" for name in NAMES
    }
    assert {f"{inside}README.md", f"{inside}build.py", "autograd_lab/cli.py"} <= names
    assert not [n for n in names if "__pycache__" in n or ".ipynb_checkpoints" in n]
    metadata = zipfile.ZipFile(dist["wheel"]).read(f"autograd_lab-{VERSION}.dist-info/METADATA").decode()
    assert f"\nVersion: {VERSION}\n" in metadata
    entry_points = zipfile.ZipFile(dist["wheel"]).read(f"autograd_lab-{VERSION}.dist-info/entry_points.txt")
    assert b"autograd-lab = autograd_lab.cli:main" in entry_points


def test_the_wheel_alone_works_in_a_fresh_environment(dist, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)  # pip from this environment installs into it: faster
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    install = [sys.executable, "-m", "pip", "--python", str(python), "install", "--disable-pip-version-check"]
    # No extras: the wheel and NumPy, its one dependency.
    subprocess.run([*install, "--no-deps", str(dist["wheel"]), "numpy"], check=True, timeout=300)
    # Nothing of this checkout may leak in: its own folder, a clean PYTHONPATH.
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
    env["PATH"] = os.pathsep.join([str(bin_dir), env.get("PATH", "")])

    def run(*command: str) -> subprocess.CompletedProcess:
        return subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)

    imported = run(
        str(python),
        "-c",
        "import autograd_lab as torch\n"
        "x = torch.tensor([2.0], requires_grad=True)\n"
        "((x + 2) ** 2 + 3).backward()\n"
        "print(torch.__version__, torch.__file__, x.grad)",
    )
    assert imported.returncode == 0, imported.stderr
    version, where, grad = imported.stdout.split(" ", 2)
    assert (
        version == autograd_lab.__version__
        and Path(where).is_relative_to(env_dir)
        and grad.strip() == "tensor([8.])"
    )

    copied = run(str(bin_dir / "autograd-lab"), "lessons", "class", "--lang", "zh")
    assert copied.returncode == 0, copied.stderr
    assert f"Copied {len(NAMES)} lesson notebooks" in copied.stdout
    got = sorted((tmp_path / "class").iterdir())
    assert [path.name for path in got] == [f"{name}.ipynb" for name in NAMES]
    assert all(path.read_bytes() == (LESSONS / "zh" / path.name).read_bytes() for path in got)

    assert run(str(python), "-m", "autograd_lab", "--version").stdout.strip() == f"autograd_lab {VERSION}"

    widgets = run(str(python), "-c", "from autograd_lab._optional import require\nrequire('ipywidgets')")
    assert widgets.returncode == 1
    assert widgets.stderr.strip().splitlines()[-1] == (
        "ModuleNotFoundError: No module named 'ipywidgets' Hint: it comes with autograd_lab's lab extra: "
        'pip install "autograd_lab[lab]".'
    )
