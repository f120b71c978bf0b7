"""``torch.backends.mps``: Apple's GPU backend, which autograd_lab does not have."""

from __future__ import annotations


def is_available() -> bool:
    """Whether Apple's Metal GPU can be used: never here."""
    return False


def is_built() -> bool:
    """Whether this build supports Metal: no."""
    return False
