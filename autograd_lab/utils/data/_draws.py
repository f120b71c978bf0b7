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

The draws themselves are ``autograd_lab._random``'s, PyTorch's generator
and algorithms, so they match PyTorch's bit for bit.
"""

from __future__ import annotations

import numpy as np

from ... import _random
from ..._random import Generator


def seed_from(generator: Generator | None = None) -> int:
    """``int(torch.empty((), dtype=torch.int64).random_(generator=generator))``: 2 draws, 63 bits."""
    return int(_random.random_bits(1, np.int64, generator)[0])


def new_generator(seed: int) -> Generator:
    """``torch.Generator().manual_seed(seed)``: a generator of its own (no draw)."""
    return Generator().manual_seed(seed)


def permutation(n: int, generator: Generator | None = None) -> list[int]:
    """``torch.randperm(n, generator=generator).tolist()``: n - 1 draws (swap i with a later place)."""
    return _random.permutation(n, generator).tolist()


def integers(high: int, count: int, generator: Generator | None) -> list[int]:
    """``torch.randint(high, (count,), generator=generator).tolist()``."""
    return _random.integers(count, 0, high, np.int64, generator).tolist()


def multinomial(weights: np.ndarray, count: int, replacement: bool, generator: Generator | None) -> list[int]:
    """``torch.multinomial(weights, count, replacement, generator=generator).tolist()`` for 1-d float64 weights."""
    return _random.multinomial(weights[None], count, replacement, generator)[0].tolist()
