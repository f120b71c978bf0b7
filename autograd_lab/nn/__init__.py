"""``autograd_lab.nn``: the functional part of ``torch.nn``."""

from . import functional

__all__ = ["functional"]
