"""What this CPU is and can do, where what PyTorch does depends on it.

PyTorch picks some of its kernels by the CPU it runs on, and a few of its
messages follow the kernel it picked: a float16 convolution goes to oneDNN
only on a CPU with half-precision instructions, and oneDNN words its refusal
of mixed dtypes differently from PyTorch's own kernel.  The CPU's entry is
read once, from ``/proc/cpuinfo``; where there is none (macOS, Windows), it
is empty, and PyTorch's own kernels are followed.
"""

from __future__ import annotations

import functools


@functools.cache
def _first_processor() -> dict[str, str]:
    """The fields of the first processor in ``/proc/cpuinfo`` (``vendor_id``, ``model name``, ``flags`` ...)."""
    fields: dict[str, str] = {}
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as cpuinfo:
            for line in cpuinfo:
                if not line.strip():
                    break  # (the first processor's entry ends at the first empty line)
                name, _, value = line.partition(":")
                fields[name.strip()] = value.strip()
    except OSError:
        pass
    return fields


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
