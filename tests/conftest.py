"""What every test run shares: the hypothesis profile, and what a skipped test group means.

Some tests need something outside the project's Python code: PyTorch (the
comparisons), Chromium (the browser tests in ``tests/e2e``) and a system
Graphviz ``dot`` (a few pictures).  Without it they skip, and the run ends
with one line per skipped group: why, and the one command that brings it.

On CI (the environment variable ``CI`` set, as ``.ci/run`` does) those groups
must run: a skip there fails the run instead, so a missing install step can
never pass as green.  CI also uses the ``ci`` hypothesis profile, whose
examples follow from each test's name alone (``derandomize``): a failure seen
there comes back on any machine with ``CI=1 python3 dev.py test -k NAME``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from hypothesis import settings

# --doctest-modules would import this file again as a module named "conftest", which
# lessons/conftest.py already is: it holds no doctests, so it is not collected.
collect_ignore = ["conftest.py"]

ON_CI = os.environ.get("CI", "").lower() not in ("", "0", "false", "no")

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if ON_CI:
    settings.load_profile("ci")


@dataclass(frozen=True)
class Group:
    """Tests that skip for one missing thing, and the command that brings it."""

    name: str
    needs: str  # a skip belongs to the group when its reason contains this (or its test lies in ``folder``)
    command: str  # "" when the skip reason names the command itself
    folder: str = ""

    def holds(self, nodeid: str, reason: str) -> bool:
        return (bool(self.folder) and nodeid.startswith(self.folder)) or (
            bool(self.needs) and self.needs in reason
        )


# Each of these must run on CI: .ci/run installs what they need.
GROUPS = (
    Group(
        "comparisons with PyTorch", "could not import 'torch'", "python3 dev.py test (it installs .[compare])"
    ),
    Group("browser tests (tests/e2e)", "", "", folder="tests/e2e/"),
    Group("pictures laid out by the system Graphviz", "no system Graphviz dot", "apt-get install graphviz"),
)


TEST_EXTRA = "python3 dev.py test (it installs .[test])"


def skip_reason(report: pytest.TestReport | pytest.CollectReport) -> str:
    """The reason a skipped report gives, without pytest's "Skipped: " prefix."""
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
    return reason.removeprefix("Skipped: ")


def group_of(nodeid: str, reason: str) -> Group | None:
    return next((group for group in GROUPS if group.holds(nodeid, reason)), None)


def _fail_if_required(report: pytest.TestReport | pytest.CollectReport) -> None:
    """On CI, a skip of a group that must run becomes a failure that says so."""
    if not (ON_CI and report.skipped) or hasattr(report, "wasxfail"):
        return
    reason = skip_reason(report)
    group = group_of(report.nodeid, reason)
    if group is None:
        return
    report.outcome = "failed"
    report.longrepr = f"{group.name} must run on CI, but skipped: {reason}"
    report.skipped_group = group.name


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    report = yield
    _fail_if_required(report)
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Iterator[None]:
    report = yield  # a module-level importorskip("torch") skips the whole file here
    _fail_if_required(report)
    return report


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    """One line per skipped group: how many, why, and the command that brings them."""
    stats = terminalreporter.stats
    skipped = [r for r in stats.get("skipped", []) if not hasattr(r, "wasxfail")]
    failed = [r for key in ("failed", "error") for r in stats.get(key, []) if hasattr(r, "skipped_group")]
    if not skipped and not failed:
        return
    counts: dict[str, list] = {}
    for report in skipped:
        reason = skip_reason(report)
        group = group_of(report.nodeid, reason)
        key = group.name if group else reason
        counts.setdefault(key, [0, reason, group.command if group else ""])[0] += 1
    terminalreporter.section("skipped test groups")
    for name, (count, reason, command) in counts.items():
        tests = f"{count} test{'s' if count != 1 else ''}"
        if name == reason:
            # A test tool missing: the test extra brings it.
            bring = f"; to run them: {TEST_EXTRA}" if reason.startswith("could not import") else ""
            terminalreporter.write_line(f"{tests} skipped: {reason}{bring}")
        else:
            bring = f"; to run them: {command}" if command else ""
            terminalreporter.write_line(f"{name}: {tests} skipped, {reason}{bring}")
    for name in sorted({r.skipped_group for r in failed}):
        terminalreporter.write_line(f"{name}: skipped on CI, where they must run: counted as failures")
