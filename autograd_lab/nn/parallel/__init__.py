"""``torch.nn.parallel``: running a module on several devices. Here there is one, the CPU."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ... import messages
from ..modules.module import Module


class DataParallel(Module, torch_module="torch.nn.parallel.data_parallel"):
    """Splits each batch across GPUs, runs a copy of ``module`` on each, and gathers the outputs.

    With no GPU, PyTorch's ``DataParallel`` keeps ``module``, sets
    ``device_ids`` to ``[]`` and runs ``module`` itself on every call; this one
    does exactly that (there is no GPU here). Its state dict names the
    wrapped module's parameters ``module.<name>``, as PyTorch's does.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> model = nn.DataParallel(nn.Identity())
    >>> model
    DataParallel(
      (module): Identity()
    )
    >>> model.device_ids, model(torch.tensor([1.0]))
    ([], tensor([1.]))
    """

    def __init__(
        self,
        module: Module,
        device_ids: Sequence[Any] | None = None,
        output_device: Any = None,
        dim: int = 0,
    ) -> None:
        super().__init__()
        self.module = module
        self.device_ids: list = []  # no GPU: PyTorch stops here too, before the other attributes

    def forward(self, *inputs: Any, **kwargs: Any) -> Any:
        return self.module(*inputs, **kwargs)


class DistributedDataParallel(Module, torch_module="torch.nn.parallel.distributed"):
    """One copy of ``module`` per process, their gradients averaged: it needs a process group.

    autograd_lab trains in one process, so there is never one: making it raises PyTorch's
    ``ValueError``, as PyTorch does before ``torch.distributed.init_process_group``.  Code that
    wraps the model only when it runs distributed (``if ddp: model = DDP(model)``) runs as written.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.nn.parallel.DistributedDataParallel(torch.nn.Linear(2, 1))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: Default process group has not been initialized, please make sure to call init_process_group...
    """

    def __init__(self, module: Module, *args: Any, **kwargs: Any) -> None:
        raise messages.error("distributed_not_initialized")


__all__ = ["DataParallel", "DistributedDataParallel"]
