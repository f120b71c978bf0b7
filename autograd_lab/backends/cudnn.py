"""``torch.backends.cudnn``: the switches lessons set for reproducibility; they change nothing here.

``deterministic``, ``benchmark``, ``enabled`` and ``allow_tf32`` hold PyTorch's defaults and
may be set, as seeding code in lessons does; autograd_lab's CPU results are
deterministic anyway.
"""

from __future__ import annotations

enabled = True
deterministic = False
benchmark = False
allow_tf32 = True
fp32_precision = "none"


def version() -> None:
    """cuDNN's version: None, as in PyTorch's CPU build."""
    return None


def is_available() -> bool:
    """Whether cuDNN can be used: never here."""
    return False
