"""What depends on the CPU: read from the machine, and PyTorch's behaviour followed on each kind."""

from __future__ import annotations

import builtins
import platform
from pathlib import Path

import numpy as np
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
    _cpu._processors.cache_clear()
    try:
        assert (_cpu.vendor(), _cpu.flags(), _cpu.onednn_takes_float16()) == ("", frozenset(), False)
    finally:
        monkeypatch.undo()
        _cpu._processors.cache_clear()
    assert _cpu.vendor() or not Path("/proc/cpuinfo").exists()


# -- a big sum, split between PyTorch's threads ---------------------------------------------------


@pytest.fixture
def threads():
    """Set the thread count of autograd_lab and PyTorch alike; both are put back afterwards."""
    torch = pytest.importorskip("torch")
    before = (lab.get_num_threads(), torch.get_num_threads())

    def use(count: int) -> None:
        lab.set_num_threads(count)
        torch.set_num_threads(count)

    yield use
    lab.set_num_threads(before[0])
    torch.set_num_threads(before[1])


def _layouts(values: np.ndarray) -> dict[str, np.ndarray]:
    images = values[: values.size // 48 * 48].reshape(-1, 3, 4, 4)
    return {
        "contiguous": values,
        "transposed": values[: values.size // 6 * 6].reshape(6, -1).T,
        "channels last": images.transpose(0, 2, 3, 1).copy().transpose(0, 3, 1, 2),
        "a slice": values[: values.size // 2 * 2].reshape(-1, 2)[:, :1],
    }


@pytest.mark.parametrize("count", [1, 2, 3, 4])
@pytest.mark.parametrize("size", [32767, 32768, 32769, 50176, 98305, 200000])
@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.float16])
def test_a_big_sum_is_added_as_pytorchs_threads_add_it(threads, count: int, size: int, dtype: type) -> None:
    """torch.rand(64, 1, 28, 28).sum() printed other last digits on a machine with two cores."""
    torch = pytest.importorskip("torch")
    threads(count)
    scale = 0.01 if dtype == np.float16 else 100.0
    values = (np.random.default_rng(size + count).random(size) * scale).astype(dtype)
    for name, x in _layouts(values).items():
        if x.size < 32768 and name != "contiguous":
            continue
        every_dim = tuple(range(x.ndim))
        for call in (
            lambda x: x.sum(),
            lambda x: x.mean(),
            lambda x, dims=every_dim: x.sum(dim=dims, keepdim=True),
        ):
            ours, theirs = call(lab.from_numpy(x)).numpy(), call(torch.from_numpy(x)).numpy()
            assert ours.dtype == theirs.dtype and ours.shape == theirs.shape
            assert ours.tobytes() == theirs.tobytes(), (name, ours, theirs)


@pytest.mark.parametrize("count", [2, 4])
def test_the_mean_of_one_channel_of_a_batch_is_split_as_pytorch_splits_it(threads, count: int) -> None:
    """eat_pytorch_in_20_days 5-2 prints the mean of a channel of a BatchNorm2d's output: y[:, c].mean()."""
    torch = pytest.importorskip("torch")
    threads(count)
    batch = np.random.default_rng(count).standard_normal((32, 4, 64, 64)).astype(np.float32)
    for channel in range(4):
        for call in (lambda y, c=channel: y[:, c].mean(), lambda y, c=channel: y[:, c, :, ::2].sum()):
            ours, theirs = call(lab.from_numpy(batch)).numpy(), call(torch.from_numpy(batch)).numpy()
            assert ours.tobytes() == theirs.tobytes(), (channel, ours, theirs)


def test_a_big_sum_adds_one_run_per_thread_then_the_runs(threads) -> None:
    values = np.random.default_rng(3).random(100_003).astype(np.float32)  # (a seed whose order shows)
    threads(1)
    runs = [lab.from_numpy(values[start : start + 33_335]).sum() for start in (0, 33_335, 66_670)]
    assert lab.from_numpy(values).sum().item() != lab.stack(runs).sum().item()  # (the order shows)
    threads(3)
    assert lab.from_numpy(values).sum().item() == lab.stack(runs).sum().item()
    threads(5)  # (runs of at least 32768 elements: three threads work, the other two add 0)
    assert (
        lab.from_numpy(values).sum().item() == lab.stack([*runs, lab.zeros(()), lab.zeros(())]).sum().item()
    )


def test_pytorchs_default_thread_count(monkeypatch: pytest.MonkeyPatch, cpu) -> None:
    from autograd_lab import _cpu as cpu_module

    monkeypatch.setattr(cpu_module.threads, "count", None)
    for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        monkeypatch.delenv(name, raising=False)
    entries = tuple(
        {"processor": str(i), "physical id": "0", "core id": str(i // 2)} for i in range(8)
    )  # 4 cores, 2 hardware threads each
    monkeypatch.setattr(cpu_module, "_processors", lambda: entries)
    assert lab.get_num_threads() == 4  # one per physical core, as PyTorch's default
    monkeypatch.setattr(cpu_module.threads, "count", None)
    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    assert lab.get_num_threads() == 3
    monkeypatch.setattr(cpu_module.threads, "count", None)
    monkeypatch.setenv("MKL_NUM_THREADS", "6")  # (MKL's, where both are set)
    assert lab.get_num_threads() == 6
    lab.set_num_threads(2)
    assert lab.get_num_threads() == 2


def test_on_this_machine_the_default_thread_count_is_pytorchs() -> None:
    torch = pytest.importorskip("torch")
    code = "import {0}; print({0}.get_num_threads())"
    import subprocess
    import sys

    counts = [
        subprocess.run(
            [sys.executable, "-c", code.format(m)], capture_output=True, text=True, check=True
        ).stdout
        for m in ("autograd_lab", "torch")
    ]
    assert counts[0] == counts[1] and int(counts[0]) >= 1
    assert torch.get_num_threads() >= 1
