"""``torch.distributed.rpc.api``: ``RRef``, a reference to a value on another process."""

from __future__ import annotations

from typing import Any

from ... import messages
from ..._classname import PyTorchName

__all__ = ["RRef"]


class RRef(metaclass=PyTorchName, torch_module="torch.distributed.rpc.api"):
    """A remote reference (PyTorch's RPC framework): the type exists for ``isinstance`` checks, which are False."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise messages.error("distributed_not_here")
