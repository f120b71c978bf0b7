"""Python written out at run time (autograd_lab/_written.py): tracebacks show it, and only so much is kept."""

from __future__ import annotations

import linecache

import pytest

from autograd_lab import _written


def test_a_traceback_through_written_code_shows_its_line() -> None:
    halve = _written.define("def halve(x):\n    return x / 2\n", "<halve>", {}, "halve")
    with pytest.raises(TypeError) as caught:
        halve("a")
    assert str(caught.traceback[-1].path) == "<halve>"
    assert str(caught.traceback[-1].statement).strip() == "return x / 2"


def test_the_oldest_sources_go_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_written, "_KEPT", 3)
    monkeypatch.setattr(_written, "_kept", {})
    for n in range(5):
        _written.define(f"def f():\n    return {n}\n", f"<kept {n}>", {}, "f")
    _written.define("def f():\n    return 2\n", "<kept 2>", {}, "f")  # made again: the newest now
    _written.define("def f():\n    return 5\n", "<kept 5>", {}, "f")
    assert [linecache.getline(f"<kept {n}>", 2).strip() for n in range(6)] == [
        "", "", "return 2", "", "return 4", "return 5"
    ]  # fmt: skip
