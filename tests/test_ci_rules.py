"""tests/conftest.py's rules, run in a pytest of their own on a small sample project.

Without ``CI``, skipped groups are skipped and summed up with the command that
brings them.  With ``CI=1``, a skipped comparison with PyTorch, browser test
or system-``dot`` picture fails the run, while other skips stay skips, and
hypothesis uses the fixed ``ci`` profile.  PyTorch is hidden from the sample
by a stand-in ``torch`` package that fails to import, so this holds whether or
not torch is installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SAMPLE = {
    "pytest.ini": "[pytest]\n",
    "no_torch/torch/__init__.py": "raise ModuleNotFoundError(\"No module named 'torch'\")\n",
    "tests/test_sample.py": (
        "import os\n"
        "import pytest\n"
        "from hypothesis import settings\n\n"
        "def test_compares_with_torch():\n"
        "    pytest.importorskip('torch')\n\n"
        "@pytest.mark.skipif(True, reason='no system Graphviz dot')\n"
        "def test_picture_by_dot():\n"
        "    pass\n\n"
        "def test_needs_something_else():\n"
        "    pytest.skip('something optional is missing')\n\n"
        "def test_needs_a_test_tool():\n"
        "    pytest.importorskip('no_such_test_tool')\n\n"
        "def test_hypothesis_profile():\n"
        "    assert settings.default.derandomize is (os.environ.get('CI') == '1')\n"
    ),
    "tests/test_module_of_comparisons.py": (
        "import pytest\ntorch = pytest.importorskip('torch')\n\ndef test_one():\n    pass\n"
    ),
    "tests/e2e/test_browser.py": (
        "import pytest\n"
        "pytestmark = pytest.mark.skip(reason='/usr/bin/chromium is missing (apt-get install chromium)')\n\n"
        "def test_lesson_in_the_browser():\n"
        "    pass\n"
    ),
}


def run_sample(tmp_path: Path, ci: bool, skip_a_whole_module: bool = True) -> subprocess.CompletedProcess:
    for name, text in SAMPLE.items():
        if name == "tests/test_module_of_comparisons.py" and not skip_a_whole_module:
            continue
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    shutil.copy(ROOT / "tests" / "conftest.py", tmp_path / "tests" / "conftest.py")
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTEST_ADDOPTS")}
    env["PYTHONPATH"] = str(tmp_path / "no_torch")
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # nbval and the rest: seconds of start-up, not needed here
    if ci:
        env["CI"] = "1"
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rs", "tests"]
    return subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)


def test_without_ci_the_run_sums_up_each_skipped_group_with_its_command(tmp_path):
    done = run_sample(tmp_path, ci=False)
    out = done.stdout
    assert done.returncode == 0, out
    assert "skipped test groups" in out
    assert (
        "comparisons with PyTorch: 2 tests skipped, could not import 'torch': No module named 'torch'; "
        "to run them: python3 dev.py test (it installs .[compare])"
    ) in out
    assert (
        "browser tests (tests/e2e): 1 test skipped, /usr/bin/chromium is missing (apt-get install chromium)\n"
        in out
    )
    assert (
        "pictures laid out by the system Graphviz: 1 test skipped, no system Graphviz dot; "
        "to run them: apt-get install graphviz"
    ) in out
    assert "1 test skipped: something optional is missing\n" in out
    assert (
        "1 test skipped: could not import 'no_such_test_tool': No module named 'no_such_test_tool'; "
        "to run them: python3 dev.py test (it installs .[test])"
    ) in out
    assert "1 passed, 6 skipped" in out.splitlines()[-1]


def test_on_ci_a_skipped_group_that_must_run_fails_the_run(tmp_path):
    done = run_sample(tmp_path, ci=True, skip_a_whole_module=False)
    out = done.stdout
    assert done.returncode == 1, out
    assert "comparisons with PyTorch must run on CI, but skipped: could not import 'torch'" in out
    assert "browser tests (tests/e2e) must run on CI, but skipped: /usr/bin/chromium is missing" in out
    assert (
        "pictures laid out by the system Graphviz must run on CI, but skipped: no system Graphviz dot" in out
    )
    assert "1 test skipped: something optional is missing" in out  # other skips stay skips
    # The comparison fails where it skipped (the test's call), the others in their set-up.
    last = out.splitlines()[-1]
    assert "1 failed, 1 passed, 2 skipped, 2 errors" in last, last  # the passed one: the ci profile is on


def test_on_ci_a_module_of_comparisons_that_skips_stops_the_run(tmp_path):
    done = run_sample(tmp_path, ci=True)
    assert done.returncode == 2, done.stdout
    assert "ERROR collecting tests/test_module_of_comparisons.py" in done.stdout
    assert "Interrupted: 1 error during collection" in done.stdout
