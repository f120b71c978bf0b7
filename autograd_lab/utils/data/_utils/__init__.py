"""``torch.utils.data._utils``: how samples are glued into a batch (``collate``) and what a worker knows
about itself (``worker``), under PyTorch's names, for code that reaches in there."""

from . import collate, worker

__all__ = ["collate", "worker"]
