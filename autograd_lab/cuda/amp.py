"""``torch.cuda.amp``: the old names of ``torch.amp``'s autocast and GradScaler for CUDA.

PyTorch warns that they are deprecated, then (without a GPU) that CUDA is
not available; both warnings are given here too, and the block runs as it
is.

Examples
--------
>>> import warnings
>>> import autograd_lab as torch
>>> with warnings.catch_warnings():
...     warnings.simplefilter("ignore")
...     scaler = torch.cuda.amp.GradScaler()
>>> scaler.is_enabled()
False
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import amp, messages

__all__ = ["autocast", "GradScaler", "custom_fwd", "custom_bwd"]


autocast, GradScaler = amp.old_names("cuda")


def custom_fwd(fwd: Callable | None = None, *, cast_inputs: Any = None) -> Callable:
    """``torch.amp.custom_fwd(device_type="cuda")``, under its deprecated name."""
    amp.deprecated_name(messages.text("amp_old_decorator", device="cuda", name="custom_fwd"))
    return amp.custom_fwd(fwd, device_type="cuda", cast_inputs=cast_inputs)


def custom_bwd(bwd: Callable) -> Callable:
    """``torch.amp.custom_bwd(device_type="cuda")``, under its deprecated name."""
    amp.deprecated_name(messages.text("amp_old_decorator", device="cuda", name="custom_bwd"))
    return amp.custom_bwd(bwd, device_type="cuda")
