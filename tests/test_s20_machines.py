"""What depends on the CPU: read from the machine, and PyTorch's behaviour followed on each kind."""

from __future__ import annotations

import builtins
import platform
from pathlib import Path

import pytest
from twins import error_of

import autograd_lab as lab
from autograd_lab import _cpu


@pytest.fixture
def cpu(monkeypatch: pytest.MonkeyPatch):
    """Pretend to be another CPU: ``cpu("flags: avx2 avx512_fp16")`` sets /proc/cpuinfo's first entry."""

    def pretend(entry: str) -> None:
        fields = dict(line.split(": ", 1) for line in entry.splitlines())
        monkeypatch.setattr(_cpu, "_first_processor", lambda: fields)

    return pretend


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ("fpu avx2 avx512f avx512_bf16", "expected scalar type Half but found Float"),  # an AMD EPYC (Zen 4)
        (
            "fpu avx2 avx512f avx512_fp16 amx_tile",
            "Input type (torch.HalfTensor) and weight type",
        ),  # Sapphire Rapids
        ("fpu avx2 avx_vnni avx_ne_convert", "Input type (torch.HalfTensor) and weight type"),
    ],
)
def test_a_float16_input_to_a_float32_convolution_is_refused_as_pytorch_refuses_it_on_that_cpu(
    cpu, flags: str, expected: str
) -> None:
    cpu(f"vendor_id: GenuineIntel\nflags: {flags}")
    conv = lab.nn.Conv2d(3, 2, 3, bias=False)
    error = error_of(lambda m: conv(m.zeros(1, 3, 5, 5, dtype=m.float16)), lab)
    assert isinstance(error, RuntimeError)
    assert str(error).startswith(expected)
    weights_half = error_of(lambda m: conv.half()(m.zeros(1, 3, 5, 5)), lab)
    assert str(weights_half).startswith(
        "Input type (torch.FloatTensor)"
        if "Input type" in expected
        else "expected scalar type Float but found Half"
    )


def test_on_this_machine_the_refusal_is_pytorchs() -> None:
    torch = pytest.importorskip("torch")
    for make in (lambda m: m.zeros(1, 3, 5, 5, dtype=m.float16), lambda m: m.zeros(1, 3, 5, 5)):
        errors = []
        for m in (lab, torch):
            m.manual_seed(0)
            conv = m.nn.Conv2d(3, 2, 3, bias=False)
            if make(m).dtype == m.float32:
                conv = conv.half()
            errors.append(error_of(lambda m, conv=conv, make=make: conv(make(m)), m))
        assert type(errors[0]) is type(errors[1])
        assert str(errors[0]).startswith(str(errors[1]).split(" (Triggered")[0])


def test_the_cpu_is_read_from_proc_cpuinfo() -> None:
    cpuinfo = Path("/proc/cpuinfo")
    if not cpuinfo.exists():
        assert _cpu.vendor() == "" and _cpu.flags() == frozenset()
        return
    first = cpuinfo.read_text().split("\n\n")[0]
    fields = {
        name.strip(): value.strip() for name, _, value in (line.partition(":") for line in first.splitlines())
    }
    assert _cpu.vendor() == fields.get("vendor_id", "")
    assert _cpu.flags() == frozenset(fields.get("flags", "").split())
    if platform.machine() == "x86_64":
        assert _cpu.vendor() in ("GenuineIntel", "AuthenticAMD", "HygonGenuine", "CentaurHauls")
        assert "sse2" in _cpu.flags()  # (every x86-64 CPU has it)


def test_without_proc_cpuinfo_the_cpu_is_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_cpuinfo(path, *args, **kwargs):
        if str(path) == "/proc/cpuinfo":
            raise FileNotFoundError(path)
        return builtins_open(path, *args, **kwargs)

    builtins_open = builtins.open
    monkeypatch.setattr(builtins, "open", no_cpuinfo)
    _cpu._first_processor.cache_clear()
    try:
        assert (_cpu.vendor(), _cpu.flags(), _cpu.onednn_takes_float16()) == ("", frozenset(), False)
    finally:
        monkeypatch.undo()
        _cpu._first_processor.cache_clear()
    assert _cpu.vendor() or not Path("/proc/cpuinfo").exists()
