"""``torch.distributed.rpc``: the remote-reference type ``RRef`` (no tensor here is one)."""

from __future__ import annotations

from . import api
from .api import RRef

__all__ = ["RRef", "api"]
