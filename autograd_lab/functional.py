"""``torch.functional``: the tensor functions PyTorch writes in Python, the same as ``autograd_lab.<name>``.

Lessons reach it as ``import torch.functional as F`` (often meaning
``torch.nn.functional``); the names it holds are the ones PyTorch's has and
autograd_lab defines.

Examples
--------
>>> import autograd_lab as torch
>>> import autograd_lab.functional as F
>>> F.einsum("i,i->", torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0]))
tensor(11.)
>>> F.split is torch.split
True
"""

from __future__ import annotations

from . import (
    atleast_1d,
    atleast_2d,
    atleast_3d,
    block_diag,
    broadcast_shapes,
    broadcast_tensors,
    cartesian_prod,
    einsum,
    meshgrid,
    norm,
    split,
    tensordot,
    unique,
)

__all__ = [
    "atleast_1d", "atleast_2d", "atleast_3d", "broadcast_shapes", "broadcast_tensors", "cartesian_prod",
    "block_diag", "einsum", "norm", "meshgrid", "split", "tensordot", "unique",
]  # fmt: skip
