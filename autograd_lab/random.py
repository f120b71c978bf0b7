"""``torch.random``: the default generator's seed and state, and ``fork_rng``.

The same functions as at the top level (``torch.manual_seed`` is
``torch.random.manual_seed``), and ``fork_rng``, which puts the generator
back as it was when its block ends, so that a block's draws do not change
the draws after it.

Examples
--------
>>> import autograd_lab as torch
>>> _ = torch.random.manual_seed(0)
>>> with torch.random.fork_rng():
...     _ = torch.rand(3)
>>> torch.rand(1)
tensor([0.4963])
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator

from ._random import (
    Generator,
    default_generator,
    get_rng_state,
    initial_seed,
    manual_seed,
    seed,
    set_rng_state,
)

__all__ = [
    "default_generator",
    "set_rng_state",
    "get_rng_state",
    "manual_seed",
    "seed",
    "initial_seed",
    "fork_rng",
    "Generator",
]


@contextlib.contextmanager
def fork_rng(
    devices: Iterable | None = None,
    enabled: bool = True,
    _caller: str = "fork_rng",
    _devices_kw: str = "devices",
    device_type: str | None = None,
) -> Iterator[None]:
    """Run a block, then put the random generator back as it was before the block.

    Parameters
    ----------
    devices : iterable of int, optional
        GPUs whose generators are forked too; there are none here.
    enabled : bool
        ``False`` runs the block without forking.
    device_type : str, optional
        The accelerator's type; ``"meta"`` forks nothing.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> _ = torch.manual_seed(1)
    >>> with torch.random.fork_rng():
    ...     inside = torch.rand(2)
    >>> torch.equal(torch.rand(2), inside)
    True
    """
    if device_type == "meta" or not enabled:
        yield
        return
    state = get_rng_state()
    try:
        yield
    finally:
        set_rng_state(state)
