"""Deployment as docs/deploy.md describes it, checked as far as this machine allows (no Docker).

Binder, and a JupyterHub serving the same image, build it with repo2docker
from binder/: repo2docker must accept the folder, and the Dockerfile it
writes must install the project and run binder/postBuild, which turns the
JupyterLab news pop-up off and trusts the lessons.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"


@pytest.fixture(scope="module")
def dockerfile() -> str:
    pytest.importorskip("repo2docker")
    done = subprocess.run(
        [sys.executable, "-m", "repo2docker", "--no-build", "--debug", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Python 3.11" in done.stderr or "python=3.11" in done.stderr, done.stderr[-3000:]  # runtime.txt
    return done.stdout


def test_repo2docker_installs_graphviz_the_project_and_runs_post_build(dockerfile):
    steps = [line.strip() for line in dockerfile.splitlines()]
    assert "apt-get install --yes --no-install-recommends graphviz && \\" in steps  # binder/apt.txt
    copy_repo = steps.index("COPY --chown=0:0 src/ ${REPO_DIR}/")
    install = steps.index(
        'RUN ${KERNEL_PYTHON_PREFIX}/bin/pip install --no-cache-dir -r "binder/requirements.txt"'
    )
    post_build = steps.index("RUN ./binder/postBuild")
    assert copy_repo < install < post_build  # the project is in the image when pip installs it


def test_binder_requirements_install_the_project_with_its_lab_extra():
    lines = [line.strip() for line in (BINDER / "requirements.txt").read_text().splitlines()]
    assert [line for line in lines if re.fullmatch(r"(-e )?\.\[lab\]", line)], lines


@pytest.mark.skipif(os.name == "nt" or shutil.which("bash") is None, reason="postBuild is a bash script")
def test_post_build_turns_the_news_off_and_trusts_every_lesson(tmp_path):
    sign = pytest.importorskip("nbformat.sign")
    nbformat = pytest.importorskip("nbformat")
    env = {
        **os.environ,
        "NB_PYTHON_PREFIX": str(tmp_path / "prefix"),
        "JUPYTER_DATA_DIR": str(tmp_path / "data"),  # where the signatures go: not this user's
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
    }
    done = subprocess.run(
        ["bash", "binder/postBuild"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    overrides = tmp_path / "prefix" / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert overrides.read_text() == (BINDER / "jupyterlab-overrides.json").read_text()
    notary = sign.NotebookNotary(data_dir=str(tmp_path / "data"))
    lessons = sorted((ROOT / "lessons").glob("*/*.ipynb"))
    assert len(lessons) >= 18
    untrusted = [p.name for p in lessons if not notary.check_signature(nbformat.read(p, as_version=4))]
    assert not untrusted


@pytest.mark.skipif(os.name == "nt" or shutil.which("bash") is None, reason="start is a bash script")
@pytest.mark.parametrize(
    ("files", "preset", "expected"),
    [
        ({"cpu.max": "100000 100000\n"}, None, ("1", "1")),  # cgroup v2, one CPU
        ({"cpu.max": "50000 100000\n"}, None, ("1", "1")),  # half a CPU: still one thread
        ({"cpu.max": "400000 100000\n"}, None, ("4", "4")),
        ({"cpu.max": "max 100000\n"}, None, ("None", "None")),  # no quota: BLAS's own choice
        ({"cpu/cpu.cfs_quota_us": "200000\n", "cpu/cpu.cfs_period_us": "100000\n"}, None, ("2", "2")),  # v1
        ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, None, ("None", "None")),
        ({"cpu.max": "100000 100000\n"}, "3", ("3", "1")),  # what the environment says stays
    ],
)
def test_start_gives_blas_one_thread_per_cpu_of_the_sessions_quota(tmp_path, files, preset, expected):
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    env = {key: value for key, value in os.environ.items() if not key.endswith("_NUM_THREADS")}
    env["CGROUP_ROOT"] = str(tmp_path)
    if preset is not None:
        env["OPENBLAS_NUM_THREADS"] = preset
    probe = "import os; print(os.environ.get('OPENBLAS_NUM_THREADS'), os.environ.get('OMP_NUM_THREADS'))"
    done = subprocess.run(
        ["bash", "binder/start", sys.executable, "-c", probe],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert tuple(done.stdout.split()) == expected
