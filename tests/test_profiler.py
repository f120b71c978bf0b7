"""``torch.autograd.profiler.profile`` and ``torch.profiler``: the ops counted as PyTorch counts them.

Times differ by nature; the counts of the ops both libraries name alike,
the table's columns, the warning of ``use_cuda`` and what happens outside a
block are compared with PyTorch.
"""

from __future__ import annotations

import warnings
from types import ModuleType

import pytest

import autograd_lab as lab
from autograd_lab.ops import _core, elementwise

torch = pytest.importorskip("torch")


def counts(m: ModuleType, steps: int) -> dict[str, int]:
    x = m.randn(2, 3, requires_grad=True)
    y = m.rand(2, 3, requires_grad=True)
    z = m.ones(2, 3, requires_grad=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with m.autograd.profiler.profile(use_cuda=False) as prof:
            for _ in range(steps):
                z = (z / x) * y
            z.exp().sum()
    return {event.key.removeprefix("aten::"): event.count for event in prof.key_averages()}


@pytest.mark.parametrize("steps", [1, 7])
def test_the_ops_are_counted_as_pytorch_counts_them(steps: int) -> None:
    ours, theirs = counts(lab, steps), counts(torch, steps)
    assert ours == {name: theirs[name] for name in ours}
    assert set(ours) == {"div", "mul", "exp", "sum"}


def test_the_table_has_pytorchs_columns_and_total_line() -> None:
    with lab.autograd.profiler.profile() as prof:
        lab.ones(3).exp()
    table = prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=5)
    header = table.splitlines()[1].split()
    assert " ".join(header) == "Name Self CPU % Self CPU CPU total % CPU total CPU time avg # of Calls"
    assert table.splitlines()[-1].startswith("Self CPU time total: ")
    assert [line.split()[0] for line in table.splitlines()[3:-2]] == ["exp"]


def test_use_cuda_warns_as_pytorch_and_profiles_the_cpu() -> None:
    for m in (lab, torch):
        with pytest.warns(FutureWarning, match="`use_cuda` will be deprecated soon"):
            m.autograd.profiler.profile(use_cuda=True)


def test_nothing_is_measured_outside_a_block_and_blocks_nest() -> None:
    plain = _core.apply
    with lab.autograd.profiler.profile() as outer:
        assert elementwise.apply is not plain
        with lab.profiler.profile(activities=[lab.profiler.ProfilerActivity.CPU]) as inner:
            with lab.profiler.record_function("step"):
                lab.ones(2) * 2
        lab.ones(2) + 1
    assert _core.apply is plain and elementwise.apply is plain
    assert [(e.key, e.count) for e in inner.key_averages()] == [("step", 1), ("mul", 1)]
    step, mul = inner.key_averages()
    assert step.cpu_time_total >= mul.cpu_time_total and step.self_cpu_time_total <= step.cpu_time_total
    assert [(e.key, e.count) for e in outer.key_averages()] == [("add", 1)]
