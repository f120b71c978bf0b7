"""The small rest of ``torch.func``: ``functionalize``, ``debug_unwrap``, ``replace_all_batch_norm_modules_``.

None of them has work to do here: the transforms give the function ordinary
tensors (no wrappers to unwrap), and in-place operations are recorded by
autograd as they are, so ``functionalize(f)`` computes what ``f`` computes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from .. import messages
from ..tensor import Tensor

__all__ = ["functionalize", "debug_unwrap", "replace_all_batch_norm_modules_"]


def functionalize(func: Callable, *, remove: str = "mutations") -> Callable:
    """``func`` without its in-place operations, as PyTorch rewrites it; here ``func`` itself (same values).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.func import functionalize
    >>> functionalize(lambda x: x.clone().add_(1))(torch.zeros(2))
    tensor([1., 1.])
    """
    if remove not in ("mutations", "mutations_and_views"):
        raise messages.error("func_functionalize_remove", remove=remove)

    @functools.wraps(func)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    return wrapped


def debug_unwrap(tensor: Tensor, *, recurse: bool = True) -> Tensor:
    """The tensor under a transform's wrapper; the transforms here use no wrappers, so ``tensor`` itself.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.ones(2)
    >>> torch.func.debug_unwrap(x) is x
    True
    """
    return tensor


def replace_all_batch_norm_modules_(root: Any) -> Any:
    """Stop every batch norm in ``root`` from keeping running statistics (in place), for use under ``vmap``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> net = torch.func.replace_all_batch_norm_modules_(torch.nn.Sequential(torch.nn.BatchNorm1d(3)))
    >>> net[0].running_mean is None, net[0].track_running_stats
    (True, False)
    """
    from ..nn.modules.batchnorm import _BatchNorm

    for module in [root, *root.modules()]:
        if isinstance(module, _BatchNorm) and module.track_running_stats:
            module.running_mean = None
            module.running_var = None
            module.num_batches_tracked = None
            module.track_running_stats = False
    return root
