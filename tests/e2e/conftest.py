"""Fixtures for the browser tests: a JupyterLab server on a copy of the lessons, and headless Chromium.

The server runs on a temporary copy of ``lessons/en`` (outputs cleared, so
everything the tests see was made by this run) with its own settings,
workspaces and runtime folders: the tests never touch the repository's
notebooks or the user's JupyterLab state.
"""

from __future__ import annotations

import importlib.util
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LESSONS = ROOT / "lessons" / "en"
LESSONS_ZH = ROOT / "lessons" / "zh"
ZH_LESSON = "01_autograd_basics.ipynb"  # run with the pictures in Chinese, as the zh lessons will
SAVED_LESSON = "01_autograd_basics.ipynb"  # run by nbclient and saved: opened untrusted
AS_STORED = "as_stored"  # a folder of the lessons exactly as the repository stores them, outputs and all
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"
# The machine's closed network refuses Google's hosts: no update, sync or background calls.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_TIMEOUT = 60  # seconds

INTERACT_NOTEBOOK = "interact_slider.ipynb"
INTERACT_CELLS = [
    "%load_ext autograd_lab\nimport autograd_lab as torch",
    "w = torch.interact(lambda x, w: (x * w - 1) ** 2, x=2.0, w=(0.5, -2, 2))\nw",
]

# JupyterLab settings for the run: every cell in the page (no windowing), no news or update checks.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
        "doNotDisturbMode": True,
    },
}


def _why_not() -> str | None:
    """Why the browser tests cannot run here, if they cannot."""
    if not Path(CHROMIUM).is_file():
        return f"{CHROMIUM} is missing: the browser tests need Debian's chromium (apt-get install chromium)"
    for module in ("playwright", "jupyterlab", "ipywidgets"):
        if importlib.util.find_spec(module) is None:
            return f"{module} is not installed: the browser tests need it (pip install {module})"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip every test in this folder, with the reason, when Chromium or Playwright is missing."""
    reason = _why_not()
    if reason is None:
        return
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.skip(reason=reason))


@dataclass
class Lab:
    """A running JupyterLab: where it is, its token, and the folder it serves."""

    url: str
    token: str
    root: Path

    def notebook_url(self, name: str, workspace: str) -> str:
        # A workspace of its own per page: no tabs left open by another test.
        return f"{self.url}/lab/workspaces/{workspace}/tree/{name}?token={self.token}"

    def shut_down_kernel(self, name: str) -> None:
        """Shut down the kernel an earlier test left running for notebook ``name``, if any.

        JupyterLab gives a notebook the session (and kernel) already running for its path:
        without this, a second test of lesson 1 would run in the first one's kernel, where
        lesson 1's ``%autograd off`` still holds and ``%load_ext`` does nothing.
        """
        with urllib.request.urlopen(f"{self.url}/api/sessions?token={self.token}", timeout=10) as response:  # noqa: S310 - our own local server
            sessions = json.load(response)
        for session in sessions:
            if session.get("path") == name:
                _request(f"{self.url}/api/sessions/{session['id']}?token={self.token}", "DELETE", timeout=10)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _clear_outputs(path: Path) -> None:
    """Remove stored outputs and widget state, so that only this run's outputs are in the page."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    notebook.get("metadata", {}).pop("widgets", None)
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False), encoding="utf-8")


def _in_chinese(path: Path) -> None:
    """The zh lesson with its pictures in Chinese: %config AutogradMagics.language after %load_ext."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "code" and "%load_ext autograd_lab" in source:
            cell["source"] = source.replace(
                "%load_ext autograd_lab", '%load_ext autograd_lab\n%config AutogradMagics.language = "zh"', 1
            )
            break
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False), encoding="utf-8")


def _run_and_save(source: Path, target: Path, env: dict) -> None:
    """Run a lesson as lessons/build.py does (nbclient, a fresh kernel) and save it with its outputs."""
    import nbclient
    import nbformat

    notebook = nbformat.read(source, as_version=4)
    previous = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = env["PYTHONPATH"]  # the kernel imports this checkout
    try:
        nbclient.NotebookClient(
            notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(source.parent)}}
        ).execute()
    finally:
        if previous is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = previous
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)  # not signed: JupyterLab will not trust it


def _code_notebook(sources: list[str]) -> dict:
    cells = [
        {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}
        for source in sources
    ]
    kernelspec = {"display_name": "Python 3", "language": "python", "name": "python3"}
    return {"cells": cells, "metadata": {"kernelspec": kernelspec}, "nbformat": 4, "nbformat_minor": 5}


def _request(url: str, method: str = "GET", timeout: float = 2) -> int:
    request = urllib.request.Request(url, method=method)
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - our own local server
        return response.status


def _wait_until_up(process: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if _request(url) == 200:
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    raise RuntimeError(
        f"JupyterLab did not answer within {SERVER_START_TIMEOUT} s:\n{log.read_text()[-3000:]}"
    )


def _stop(process: subprocess.Popen, lab: Lab) -> None:
    """Ask the server to shut down (it stops its kernels), then make sure it has."""
    try:
        _request(f"{lab.url}/api/shutdown?token={lab.token}", method="POST", timeout=5)
        process.wait(timeout=20)
        return
    except (urllib.error.URLError, ConnectionError, TimeoutError, subprocess.TimeoutExpired):
        pass
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """JupyterLab serving a temporary copy of the English lessons, Chinese lesson 1, a saved lesson 1, and the interact notebook."""
    base = tmp_path_factory.mktemp("e2e")
    root = base / "lessons"
    shutil.copytree(LESSONS, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copytree(LESSONS, root / AS_STORED, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    for notebook in root.glob("*.ipynb"):
        _clear_outputs(notebook)
    (root / INTERACT_NOTEBOOK).write_text(json.dumps(_code_notebook(INTERACT_CELLS), indent=1))
    if (LESSONS_ZH / ZH_LESSON).exists():
        (root / "zh").mkdir()
        shutil.copy(LESSONS_ZH / ZH_LESSON, root / "zh" / ZH_LESSON)
        _clear_outputs(root / "zh" / ZH_LESSON)
        _in_chinese(root / "zh" / ZH_LESSON)

    settings = base / "lab-settings"
    for name, values in LAB_SETTINGS.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(json.dumps(values))
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(base / "config"),
        "JUPYTER_DATA_DIR": str(base / "data"),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTERLAB_WORKSPACES_DIR": str(base / "workspaces"),
        # The kernel imports this checkout's autograd_lab, installed or not.
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    _run_and_save(root / SAVED_LESSON, root / "saved" / SAVED_LESSON, env)
    port, token = _free_port(), secrets.token_hex(16)
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root}",
        f"--IdentityProvider.token={token}",
        "--LabApp.extension_manager=readonly",  # no PyPI requests
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and CI run as root
    log = base / "jupyterlab.log"
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=root, env=env, stdout=output, stderr=subprocess.STDOUT)
    server = Lab(url=f"http://127.0.0.1:{port}", token=token, root=root)
    try:
        _wait_until_up(process, f"{server.url}/api/status?token={token}", log)
        yield server
    finally:
        _stop(process, server)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """Keep each phase's report on the test, so that ``page`` knows whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture()
def page(browser, request: pytest.FixtureRequest) -> Iterator[object]:
    """A fresh page (own cookies and storage), 1280 x 800, as a student's laptop.

    A failed test leaves a screenshot of the page, ``FAILED_<test>.png``, in the artifacts folder.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        yield page
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"FAILED_{request.node.name}.png"), full_page=True)
    finally:
        context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where the screenshots go (ignored by git)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
