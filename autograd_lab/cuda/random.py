"""``torch.cuda.random``: the GPUs' random generators, on a machine without a GPU.

Seeding and setting a state are queued in PyTorch until CUDA starts, which it
never does here: they do nothing.  Reading a seed or a state needs CUDA, and
raises PyTorch's ``AssertionError``.

Examples
--------
>>> import autograd_lab as torch
>>> torch.cuda.random.manual_seed(12345)  # nothing happens, as in PyTorch without a GPU
>>> torch.cuda.get_rng_state_all()
[]
"""

from __future__ import annotations

from typing import Any

from .. import messages

__all__ = [
    "get_rng_state", "get_rng_state_all", "set_rng_state", "set_rng_state_all", "manual_seed", "manual_seed_all",
    "seed", "seed_all", "initial_seed",
]  # fmt: skip


def manual_seed(seed: int) -> None:
    """Seed the GPUs' generators: there are none, so nothing happens (as in PyTorch)."""


def manual_seed_all(seed: int) -> None:
    """Seed every GPU's generator: there are none, so nothing happens (as in PyTorch)."""


def seed() -> None:
    """Seed the current GPU's generator with a random number: nothing happens here (as in PyTorch)."""


def seed_all() -> None:
    """Seed every GPU's generator with a random number: nothing happens here (as in PyTorch)."""


def set_rng_state(new_state: Any, device: Any = "cuda") -> None:
    """Set the GPU generator's state: PyTorch waits for CUDA to start, which it never does here."""


def set_rng_state_all(new_states: Any) -> None:
    """Set every GPU generator's state: there are none."""


def get_rng_state_all() -> list:
    """The states of every GPU's generator: an empty list, as there are no GPUs."""
    return []


def get_rng_state(device: Any = "cuda") -> Any:
    """The GPU generator's state: needs CUDA, so PyTorch's ``AssertionError``."""
    raise messages.error("device_not_compiled", name="CUDA")


def initial_seed() -> int:
    """The GPU generator's seed: needs CUDA, so PyTorch's ``AssertionError``."""
    raise messages.error("device_not_compiled", name="CUDA")
