"""Every random draw ``utils.data`` makes, in one place.

PyTorch's data loading draws from a generator at three moments, and copying
them draw for draw is what makes a shuffled epoch come out in PyTorch's
order after the same ``manual_seed``:

- each ``iter(loader)`` draws a 63-bit ``_base_seed`` (for worker
  processes, drawn even when there are none): :func:`seed_from`;
- a ``RandomSampler`` without a generator draws one more such seed and
  shuffles with a fresh generator seeded from it: :func:`seed_from`,
  :func:`new_generator`, :func:`permutation`;
- ``random_split`` shuffles with the global generator: :func:`permutation`.

MERGE(random): the branch ``random`` brings ``autograd_lab._random`` with
PyTorch's ``Generator`` and ``randperm(n, generator=)``.  When it is merged,
point these four functions at it (one line each, as their docstrings say)
and remove the xfail marks of the shuffled-order tests in
``tests/test_data.py``.  Until then they run on ``creation``'s generator
(its ``raw32``: one 32-bit MT19937 output per draw) and shuffle as
``creation.randperm`` does.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ... import creation


def _generator_or_global(generator: Any) -> Any:
    return creation._generator if generator is None else generator


def seed_from(generator: Any = None) -> int:
    """``int(torch.empty((), dtype=torch.int64).random_(generator=generator))``: 2 draws, 63 bits."""
    high, low = (int(draw) for draw in _generator_or_global(generator).raw32(2))
    return ((high << 32) | low) & (2**63 - 1)


def new_generator(seed: int) -> Any:
    """``torch.Generator().manual_seed(seed)``: a generator of its own (no draw)."""
    return creation._Generator(seed)


def permutation(n: int, generator: Any = None) -> list[int]:
    """``torch.randperm(n, generator=generator).tolist()``: n - 1 draws (swap i with a later place)."""
    order = list(range(n))
    draws = _generator_or_global(generator).raw32(max(n - 1, 0))
    for i, draw in enumerate(draws.tolist()):
        j = i + draw % (n - i)
        order[i], order[j] = order[j], order[i]
    return order


def integers(high: int, count: int, generator: Any) -> list[int]:
    """``torch.randint(high, (count,), generator=generator).tolist()`` for ``high < 2**28``: 1 draw each."""
    draws = _generator_or_global(generator).raw32(count)
    return (draws % np.uint64(high)).astype(np.int64).tolist()
