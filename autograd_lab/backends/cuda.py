"""``torch.backends.cuda``: autograd_lab is not built with CUDA."""

from __future__ import annotations


def is_built() -> bool:
    """Whether this build supports CUDA: no."""
    return False
