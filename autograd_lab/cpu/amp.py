"""``torch.cpu.amp``: the old names of ``torch.amp``'s autocast and GradScaler for the CPU.

Examples
--------
>>> import warnings
>>> import autograd_lab as torch
>>> with warnings.catch_warnings():
...     warnings.simplefilter("ignore")
...     scaler = torch.cpu.amp.GradScaler()
>>> scaler.get_scale()
65536.0
"""

from __future__ import annotations

from .. import amp

__all__ = ["autocast", "GradScaler"]

autocast, GradScaler = amp.old_names("cpu")
