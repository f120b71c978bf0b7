"""``torch.backends.cudnn``: the switches lessons set for reproducibility; they change nothing here.

``deterministic``, ``benchmark`` and ``enabled`` hold PyTorch's defaults and
may be set, as seeding code in lessons does; autograd_lab's CPU results are
deterministic anyway.
"""

from __future__ import annotations

enabled = True
deterministic = False
benchmark = False


def is_available() -> bool:
    """Whether cuDNN can be used: never here."""
    return False
