"""``autograd_lab.utils``: ``torch.utils`` (its ``data`` part: datasets and loaders)."""

from . import data

__all__ = ["data"]
