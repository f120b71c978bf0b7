"""Samplers: the order in which a DataLoader visits a dataset's indices, and how it batches them."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence, Sized
from typing import Any, Generic, TypeVar

import autograd_lab

from ... import messages
from ..._classname import PyTorchName
from . import _draws
from .dataset import _object_repr

_T_co = TypeVar("_T_co", covariant=True)


class Sampler(Generic[_T_co], metaclass=PyTorchName, torch_module="torch.utils.data.sampler"):
    """The base class of samplers: an iterable of indices (``Sampler[int]``) or of batches (``Sampler[list[int]]``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> class Backwards(torch.utils.data.Sampler[int]):
    ...     def __init__(self, data):
    ...         self.data = data
    ...     def __len__(self):
    ...         return len(self.data)
    ...     def __iter__(self):
    ...         return iter(range(len(self.data) - 1, -1, -1))
    >>> list(torch.utils.data.DataLoader(["a", "b", "c"], sampler=Backwards(["a", "b", "c"])))
    [['c'], ['b'], ['a']]
    """

    __repr__ = _object_repr

    def __init__(self, data_source: Sized | None = None) -> None:
        pass

    def __iter__(self) -> Iterator[_T_co]:
        raise NotImplementedError


class SequentialSampler(Sampler[int], torch_module="torch.utils.data.sampler"):
    """The indices ``0, 1, ..., len(data_source) - 1``, in order.

    Examples
    --------
    >>> from autograd_lab.utils.data import SequentialSampler
    >>> list(SequentialSampler(range(4)))
    [0, 1, 2, 3]
    """

    def __init__(self, data_source: Sized) -> None:
        self.data_source = data_source

    def __iter__(self) -> Iterator[int]:
        return iter(range(len(self.data_source)))

    def __len__(self) -> int:
        return len(self.data_source)


class RandomSampler(Sampler[int], torch_module="torch.utils.data.sampler"):
    """The indices in a new random order each time it is iterated, as PyTorch shuffles them.

    Without a ``generator``, each pass draws a seed from the global
    generator and shuffles with a generator of its own seeded from it; with
    one, it shuffles with that generator directly.  Either way the order
    follows PyTorch's after the same ``manual_seed``.

    Parameters
    ----------
    data_source : sized
        What to sample from (only its length is used).
    replacement : bool
        Draw each index independently (repeats allowed) instead of shuffling.
    num_samples : int, optional
        How many indices a pass gives (default: the length of ``data_source``).
    generator : optional
        The generator to shuffle with.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> sorted(torch.utils.data.RandomSampler(range(5)))
    [0, 1, 2, 3, 4]
    """

    def __init__(
        self,
        data_source: Sized,
        replacement: bool = False,
        num_samples: int | None = None,
        generator: Any = None,
    ) -> None:
        self.data_source = data_source
        self.replacement = replacement
        self._num_samples = num_samples
        self.generator = generator
        if not isinstance(self.replacement, bool):
            raise messages.error("sampler_replacement", value=self.replacement)
        if not isinstance(self.num_samples, int) or self.num_samples <= 0:
            raise messages.error("sampler_num_samples", value=self.num_samples)

    @property
    def num_samples(self) -> int:
        """How many indices one pass gives."""
        return len(self.data_source) if self._num_samples is None else self._num_samples

    def __iter__(self) -> Iterator[int]:
        n = len(self.data_source)
        generator = self.generator
        if generator is None:
            generator = _draws.new_generator(_draws.seed_from(None))
        if self.replacement:
            for _ in range(self.num_samples // 32):
                yield from _draws.integers(n, 32, generator)
            yield from _draws.integers(n, self.num_samples % 32, generator)
        else:
            for _ in range(self.num_samples // n):
                yield from _draws.permutation(n, generator)
            yield from _draws.permutation(n, generator)[: self.num_samples % n]

    def __len__(self) -> int:
        return self.num_samples


class SubsetRandomSampler(Sampler[int], torch_module="torch.utils.data.sampler"):
    """The given indices, in a new random order each time it is iterated (a train/validation split).

    Each pass draws ``torch.randperm(len(indices))`` from ``generator`` (the
    global one by default) when it starts, as PyTorch's does, so the order
    follows PyTorch's after the same ``manual_seed``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.utils.data import SubsetRandomSampler
    >>> sorted(SubsetRandomSampler([10, 20, 30]))
    [10, 20, 30]
    """

    def __init__(self, indices: Sequence[int], generator: Any = None) -> None:
        self.indices = indices
        self.generator = generator

    def __iter__(self) -> Iterator[int]:
        for i in _draws.permutation(len(self.indices), self.generator):
            yield self.indices[i]

    def __len__(self) -> int:
        return len(self.indices)


class BatchSampler(Sampler[list[int]], torch_module="torch.utils.data.sampler"):
    """Groups the indices of ``sampler`` into lists of ``batch_size`` (the last may be shorter).

    Examples
    --------
    >>> from autograd_lab.utils.data import BatchSampler, SequentialSampler
    >>> list(BatchSampler(SequentialSampler(range(7)), batch_size=3, drop_last=False))
    [[0, 1, 2], [3, 4, 5], [6]]
    >>> list(BatchSampler(SequentialSampler(range(7)), batch_size=3, drop_last=True))
    [[0, 1, 2], [3, 4, 5]]
    """

    def __init__(self, sampler: Iterable[int], batch_size: int, drop_last: bool) -> None:
        if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size <= 0:
            raise messages.error("batch_size_invalid", value=batch_size)
        if not isinstance(drop_last, bool):
            raise messages.error("drop_last_invalid", value=drop_last)
        self.sampler = sampler
        self.batch_size = batch_size
        self.drop_last = drop_last

    def __iter__(self) -> Iterator[list[int]]:
        indices = iter(self.sampler)
        while batch := list(itertools.islice(indices, self.batch_size)):
            if self.drop_last and len(batch) < self.batch_size:
                return
            yield batch

    def __len__(self) -> int:
        if self.drop_last:
            return len(self.sampler) // self.batch_size
        return (len(self.sampler) + self.batch_size - 1) // self.batch_size


# -- weighted sampling (branch nn_e) --------------------------------------------------------------------------


class WeightedRandomSampler(Sampler[int], torch_module="torch.utils.data.sampler"):
    """``num_samples`` indices drawn with probabilities proportional to ``weights`` (with replacement by default).

    The draws are ``torch.multinomial``'s, so after the same ``manual_seed``
    (or with the same ``generator``) the indices are PyTorch's.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> sampler = torch.utils.data.WeightedRandomSampler([0.0, 1.0, 0.0], 4)
    >>> list(sampler)
    [1, 1, 1, 1]
    """

    def __init__(
        self, weights: Sequence[float], num_samples: int, replacement: bool = True, generator: Any = None
    ) -> None:
        if not isinstance(num_samples, int) or isinstance(num_samples, bool) or num_samples <= 0:
            raise messages.error("sampler_num_samples", value=num_samples)
        if not isinstance(replacement, bool):
            raise messages.error("sampler_replacement", ValueError, value=replacement)
        weights_tensor = autograd_lab.as_tensor(weights, dtype=autograd_lab.float64)
        if weights_tensor.dim() != 1:
            raise messages.error("sampler_weights_1d", shape=tuple(weights_tensor.shape))
        self.weights = weights_tensor
        self.num_samples = num_samples
        self.replacement = replacement
        self.generator = generator

    def __iter__(self) -> Iterator[int]:
        yield from _draws.multinomial(self.weights._array, self.num_samples, self.replacement, self.generator)

    def __len__(self) -> int:
        return self.num_samples


__all__ = ["Sampler", "SequentialSampler", "RandomSampler", "BatchSampler", "WeightedRandomSampler"]
