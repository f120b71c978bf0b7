"""What this CPU is and can do, where what PyTorch does depends on it.

PyTorch picks some of its kernels by the CPU it runs on, and a few of its
messages follow the kernel it picked: a float16 convolution goes to oneDNN
only on a CPU with half-precision instructions, and oneDNN words its refusal
of mixed dtypes differently from PyTorch's own kernel; and a big sum is
split between as many threads as PyTorch runs on (one per physical core),
which changes its last bits.  The CPU's entries are read once, from
``/proc/cpuinfo``; where there is none (macOS, Windows), they are empty, and
PyTorch's own kernels are followed.
"""

from __future__ import annotations

import functools
import os


@functools.cache
def _processors() -> tuple[dict[str, str], ...]:
    """The fields of each processor in ``/proc/cpuinfo`` (``vendor_id``, ``flags``, ``core id`` ...)."""
    entries: list[dict[str, str]] = []
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as cpuinfo:
            fields: dict[str, str] = {}
            for line in cpuinfo:
                if not line.strip():  # (an empty line ends a processor's entry)
                    if fields:
                        entries.append(fields)
                    fields = {}
                    continue
                name, _, value = line.partition(":")
                fields[name.strip()] = value.strip()
            if fields:
                entries.append(fields)
    except OSError:  # (no /proc/cpuinfo: macOS, Windows)
        return ()
    return tuple(entries)


def _first_processor() -> dict[str, str]:
    return _processors()[0] if _processors() else {}


def vendor() -> str:
    """The CPU's maker as the CPU names it: ``GenuineIntel``, ``AuthenticAMD``; ``""`` where unknown."""
    return _first_processor().get("vendor_id", "")


def flags() -> frozenset[str]:
    """The CPU's feature flags, as Linux lists them (``avx2``, ``avx512f``, ``avx512_fp16`` ...)."""
    return frozenset(_first_processor().get("flags", "").split())


def onednn_takes_float16() -> bool:
    """Whether PyTorch's oneDNN computes in float16 on this CPU (ideep's ``has_fp16_type_support``):
    AVX-512 FP16 or AVX-NE-CONVERT instructions."""
    return not flags().isdisjoint({"avx512_fp16", "avx_ne_convert"})


def physical_cores() -> int:
    """The CPU's cores, each counted once however many hardware threads it runs (cpuinfo's count)."""
    cores = {(entry.get("physical id"), entry.get("core id")) for entry in _processors()}
    if len(cores) > 1 or (cores and None not in next(iter(cores))):
        return len(cores)
    return os.cpu_count() or 1


def _threads_from_environment() -> int:
    """``MKL_NUM_THREADS``, else ``OMP_NUM_THREADS``, where set to a positive number (PyTorch reads them)."""
    for name in ("MKL_NUM_THREADS", "OMP_NUM_THREADS"):
        value = os.environ.get(name, "")
        if value.isdigit() and int(value) > 0:
            return int(value)
    return 0


class _Threads:
    count: int | None = None  # set by torch.set_num_threads


threads = _Threads()


def intraop_threads() -> int:
    """How many threads PyTorch runs one operation on: ``set_num_threads``'s number, else its default
    (the environment's ``MKL_NUM_THREADS``/``OMP_NUM_THREADS``, else one per physical core)."""
    if threads.count is None:
        threads.count = _threads_from_environment() or physical_cores()
    return threads.count
