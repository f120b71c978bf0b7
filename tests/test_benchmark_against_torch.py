"""``torch.utils.benchmark`` in autograd_lab and in PyTorch: the same statements, timed by the same fake clock.

A ``timer`` that advances by a fixed step at every call makes each timing a
known number, so a measurement's printout, its statistics and the number of
runs ``blocked_autorange`` picks can be compared with PyTorch's to the
character (only the object's address differs).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

torch_ref = pytest.importorskip("torch")
from torch.utils import benchmark as torch_benchmark  # noqa: E402

import autograd_lab as lab  # noqa: E402
from autograd_lab.utils import benchmark as lab_benchmark  # noqa: E402
from tests.twins import raises_like_torch  # noqa: E402

BENCHMARKS = {lab: lab_benchmark, torch_ref: torch_benchmark}


def ticking(steps: list[float]) -> Any:
    """A clock whose readings advance by each of ``steps`` in turn (then by the last one)."""
    state = {"now": 0.0, "i": 0}

    def clock() -> float:
        step = steps[min(state["i"], len(steps) - 1)]
        state["i"] += 1
        state["now"] += step
        return state["now"]

    return clock


OVERHEAD = [1e-9] * 10


def shown(measurement: Any) -> str:
    return re.sub(r"object at 0x[0-9a-f]+", "object at 0x?", repr(measurement))


CASES = {
    "timeit": lambda b: b.Timer("x * 2", setup="x = torch.ones(3)", timer=ticking([2e-6])).timeit(100),
    "labels": lambda b: b.Timer(
        "x * 2", setup="x = 1", timer=ticking([3e-3]), label="mul", sub_label="small", description="a number"
    ).timeit(10),
    "two-line statement and setup": lambda b: b.Timer(
        "\n    y = x * 2\n    y = y + 1\n", setup="x = 1\nz = 2", timer=ticking([5e-9])
    ).timeit(1000),
    "seconds": lambda b: b.Timer("pass", timer=ticking([2.5])).timeit(1),
    # (the first 10 readings time nothing 5 times, the overhead; then one run already takes long
    # enough, so no timing runs the statement more than once)
    "blocked_autorange": lambda b: b.Timer(
        "pass", timer=ticking(OVERHEAD + [1e-4, 2e-4, 3e-4])
    ).blocked_autorange(min_run_time=0.01),
    "adaptive_autorange": lambda b: b.Timer("pass", timer=ticking(OVERHEAD + [1e-3])).adaptive_autorange(
        min_run_time=0.01
    ),
    "several threads": lambda b: b.Timer("pass", timer=ticking([1e-3]), num_threads=2).timeit(5),
}


@pytest.mark.parametrize("name", CASES)
def test_measurements_print_and_count_as_pytorch(name: str) -> None:
    ours, theirs = (CASES[name](BENCHMARKS[m]) for m in (lab, torch_ref))
    assert shown(ours) == shown(theirs)
    for attribute in (
        "number_per_run",
        "times",
        "raw_times",
        "median",
        "mean",
        "iqr",
        "title",
        "env",
        "as_row_name",
    ):
        assert getattr(ours, attribute) == pytest.approx(getattr(theirs, attribute)), attribute
    assert ours.meets_confidence() == theirs.meets_confidence()
    assert ours.has_warnings == theirs.has_warnings


def test_a_noisy_measurement_warns_as_pytorch() -> None:
    def noisy(b: Any) -> Any:
        steps = OVERHEAD + [1e-4, 1e-4, 1e-4, 3e-4, 1e-4, 5e-4, 1e-4, 2e-4] * 3
        return b.Timer("pass", timer=ticking(steps)).blocked_autorange(min_run_time=0.002)

    ours, theirs = noisy(lab_benchmark), noisy(torch_benchmark)
    assert shown(ours) == shown(theirs)
    assert "WARNING" in shown(ours)


@pytest.mark.parametrize("seconds", [3e-10, 2.37e-6, 4.1e-5, 0.012, 7.0])
def test_units(seconds: float) -> None:
    assert lab_benchmark.select_unit(seconds) == torch_benchmark.utils.common.select_unit(seconds)


def test_the_statement_sees_torch_and_globals() -> None:
    found = []
    lab_benchmark.Timer(
        "found.append(torch.ones(2).sum().item() + k)", globals={"found": found, "k": 1}
    ).timeit(2)
    assert found[-1] == 3.0
    assert repr(lab_benchmark.Timer) == repr(torch_benchmark.Timer)
    assert repr(lab_benchmark.Measurement) == repr(torch_benchmark.Measurement)
    assert lab.utils.benchmark is lab_benchmark


ERRORS = {
    "statement not text": lambda m: m.utils.benchmark.Timer(lambda: None),
    "another language": lambda m: m.utils.benchmark.Timer("pass", language="java"),
    "global_setup in Python": lambda m: m.utils.benchmark.Timer("pass", global_setup="int x = 1;"),
}


@pytest.mark.parametrize("name", ERRORS)
def test_errors(name: str) -> None:
    raises_like_torch(ERRORS[name], torch_ref)
