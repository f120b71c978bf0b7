"""``torch.nn.utils.skip_init``: make a module without drawing its initial weights."""

from __future__ import annotations

import inspect
from typing import Any

from ... import _random, messages
from ..modules.module import Module


def skip_init(module_cls: type, *args: Any, **kwargs: Any) -> Module:
    """Make ``module_cls(*args, **kwargs)`` without drawing its weights (no random numbers are used).

    PyTorch leaves the values uninitialised, to be filled by the caller
    (``nn.init.orthogonal_(m.weight)``); here they hold the draws that were
    taken back, and the random generator is where it was before the call.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> _ = torch.manual_seed(0)
    >>> layer = nn.utils.skip_init(nn.Linear, 5, 3)
    >>> layer, torch.rand(1)  # the same number as right after manual_seed(0)
    (Linear(in_features=5, out_features=3, bias=True), tensor([0.4963]))
    """
    if not (isinstance(module_cls, type) and issubclass(module_cls, Module)):
        raise messages.error("nn_skip_init_not_module", got=module_cls)
    if "device" not in inspect.signature(module_cls).parameters:
        raise messages.error("nn_skip_init_no_device")
    state = _random.get_rng_state()
    module = module_cls(*args, **kwargs)
    _random.set_rng_state(state)
    return module
