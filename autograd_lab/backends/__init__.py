"""``torch.backends``: which accelerators exist (none here) and the cuDNN switches lessons set.

Examples
--------
>>> import autograd_lab as torch
>>> torch.backends.mps.is_available()
False
>>> torch.backends.cudnn.deterministic = True  # the reproducibility line many lessons have
"""

from __future__ import annotations

from . import cuda, cudnn, mkldnn, mps

__all__ = ["cuda", "cudnn", "mkldnn", "mps"]
