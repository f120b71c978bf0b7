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

from typing import Any

from .. import amp, messages

__all__ = ["autocast", "GradScaler"]


class autocast(amp.autocast, torch_module="torch.cpu.amp.autocast_mode"):  # noqa: N801 - PyTorch's name
    """``torch.amp.autocast("cpu", ...)``, under its deprecated name."""

    def __init__(self, enabled: bool = True, dtype: Any = None, cache_enabled: bool = True) -> None:
        amp.deprecated_name(messages.text("amp_old_name", device="cpu", name="autocast"))
        super().__init__("cpu", dtype=dtype, enabled=enabled, cache_enabled=cache_enabled)


class GradScaler(amp.GradScaler, torch_module="torch.cpu.amp.grad_scaler"):
    """``torch.amp.GradScaler("cpu", ...)``, under its deprecated name."""

    def __init__(
        self,
        init_scale: float = 2.0**16,
        growth_factor: float = 2.0,
        backoff_factor: float = 0.5,
        growth_interval: int = 2000,
        enabled: bool = True,
    ) -> None:
        amp.deprecated_name(messages.text("amp_old_name", device="cpu", name="GradScaler"))
        super().__init__("cpu", init_scale, growth_factor, backoff_factor, growth_interval, enabled)
