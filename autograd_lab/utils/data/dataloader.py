"""``DataLoader``: a dataset in (shuffled) mini-batches, and how samples are glued into a batch.

A loader asks its batch sampler for the indices of each batch, fetches those
samples from the dataset, and glues them together with ``collate_fn``:
:func:`default_collate` stacks tensors along a new first dimension and goes
into tuples, lists and dicts, so a batch of ``(x, y)`` samples becomes
``[x_batch, y_batch]``.  ``num_workers`` is accepted and ignored: the batches
are the ones PyTorch's worker processes would give, in the same order.
"""

from __future__ import annotations

import collections.abc
import copy
import itertools
import math
import os
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy as np

import autograd_lab

from ... import messages
from ..._classname import PyTorchName
from ...tensor import Tensor
from . import _draws
from .dataset import IterableDataset
from .sampler import BatchSampler, RandomSampler, Sampler, SequentialSampler

_STRING_OR_OBJECT = re.compile(r"[SaUO]")  # NumPy dtypes that cannot become a tensor


# -- gluing samples into a batch ---------------------------------------------------------


def default_convert(data: Any) -> Any:
    """A sample with its NumPy arrays made tensors (what a loader with ``batch_size=None`` gives).

    Examples
    --------
    >>> import numpy as np
    >>> from autograd_lab.utils.data import default_convert
    >>> default_convert((np.array([1, 2]), 3))
    [tensor([1, 2]), 3]
    """
    if isinstance(data, Tensor):
        return data
    kind = type(data)
    if kind.__module__ == "numpy" and kind.__name__ not in ("str_", "string_"):
        if isinstance(data, np.ndarray) and _STRING_OR_OBJECT.search(data.dtype.str):
            return data
        return autograd_lab.as_tensor(data)
    if isinstance(data, collections.abc.Mapping):
        return _rebuild_mapping(data, {key: default_convert(data[key]) for key in data})
    if isinstance(data, tuple) and hasattr(data, "_fields"):  # a namedtuple keeps its type
        return kind(*(default_convert(item) for item in data))
    if isinstance(data, tuple):
        return [default_convert(item) for item in data]  # a tuple becomes a list, as in PyTorch
    if isinstance(data, collections.abc.Sequence) and not isinstance(data, (str, bytes)):
        return _rebuild_sequence(data, [default_convert(item) for item in data])
    return data


def default_collate(batch: list[Any]) -> Any:
    """Glue a list of samples into a batch, as PyTorch's default ``collate_fn`` does.

    Tensors are stacked along a new first dimension; NumPy arrays become
    tensors first; Python floats become a float64 tensor and ints an int64
    one; strings stay a list; tuples, lists and dicts are glued item by item
    (a tuple comes out as a list).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.utils.data import default_collate
    >>> default_collate([(torch.tensor([1.0, 2.0]), 0), (torch.tensor([3.0, 4.0]), 1)])
    [tensor([[1., 2.],
            [3., 4.]]), tensor([0, 1])]
    >>> default_collate([{"x": 0.5}, {"x": 1.5}])
    {'x': tensor([0.5000, 1.5000], dtype=torch.float64)}
    """
    first = batch[0]
    kind = type(first)
    for types, glue in _COLLATE_BY_TYPE:
        if kind is types:
            return glue(batch)
    for types, glue in _COLLATE_BY_TYPE:
        if isinstance(first, types):
            return glue(batch)
    if isinstance(first, collections.abc.Mapping):
        return _rebuild_mapping(
            first, {key: default_collate([sample[key] for sample in batch]) for key in first}
        )
    if isinstance(first, tuple) and hasattr(first, "_fields"):
        return kind(*(default_collate(list(items)) for items in zip(*batch, strict=False)))
    if isinstance(first, collections.abc.Sequence):
        size = len(first)
        if not all(len(sample) == size for sample in batch):
            raise messages.error("collate_sizes")
        columns = [default_collate(list(items)) for items in zip(*batch, strict=False)]
        return columns if isinstance(first, tuple) else _rebuild_sequence(first, columns)
    raise messages.error("collate_type", found=kind)


def _collate_numpy_array(batch: list[np.ndarray]) -> Tensor:
    if _STRING_OR_OBJECT.search(batch[0].dtype.str):
        raise messages.error("collate_type", found=batch[0].dtype)
    return default_collate([autograd_lab.as_tensor(array) for array in batch])


_COLLATE_BY_TYPE: list[tuple[Any, Callable[[list[Any]], Any]]] = [
    (Tensor, lambda batch: autograd_lab.stack(batch, 0)),
    (np.ndarray, _collate_numpy_array),
    ((np.bool_, np.number, np.object_), lambda batch: autograd_lab.as_tensor(batch)),
    (float, lambda batch: autograd_lab.tensor(batch, dtype=autograd_lab.float64)),
    (int, lambda batch: autograd_lab.tensor(batch)),
    (str, lambda batch: batch),
    (bytes, lambda batch: batch),
]


def _rebuild_mapping(original: Any, values: dict[Any, Any]) -> Any:
    """A mapping of the original's type holding ``values`` (a plain dict if that type cannot)."""
    try:
        if isinstance(original, collections.abc.MutableMapping):
            clone = copy.copy(original)
            clone.update(values)
            return clone
        return type(original)(values)
    except TypeError:
        return values


def _rebuild_sequence(original: Any, items: list[Any]) -> Any:
    """A sequence of the original's type holding ``items`` (a plain list if that type cannot)."""
    try:
        if isinstance(original, collections.abc.MutableSequence):
            clone = copy.copy(original)
            for index, item in enumerate(items):
                clone[index] = item
            return clone
        return type(original)(items)
    except TypeError:
        return items


# -- the loader --------------------------------------------------------------------------


def _check_worker_count(num_workers: int) -> None:
    """PyTorch's warning when more workers are asked for than this machine's CPUs (the batches are made in
    this process here, but a lesson written for a bigger machine shows its reader the same warning)."""
    if not num_workers:
        return
    try:
        suggested = len(os.sched_getaffinity(0))
    except AttributeError:  # (not on Linux)
        suggested = os.cpu_count()
    if suggested is None or num_workers > suggested:
        warnings.warn(
            messages.text("data_many_workers", workers=num_workers, suggested=suggested), stacklevel=3
        )


class DataLoader(metaclass=PyTorchName, torch_module="torch.utils.data.dataloader"):
    """A dataset in mini-batches: ``for x, y in loader: ...``, as ``torch.utils.data.DataLoader``.

    Parameters
    ----------
    dataset : Dataset
        Anything with ``len()`` and ``[index]``.
    batch_size : int or None
        Samples per batch; ``None`` gives the samples one by one, unbatched.
    shuffle : bool
        A new random order every epoch (PyTorch's order after the same ``manual_seed``).
    sampler, batch_sampler : iterable, optional
        The order of the indices, or of whole batches of indices, instead.
    num_workers : int
        Accepted and ignored: the batches are the same, loaded in this process.
    collate_fn : callable, optional
        Glues a list of samples into a batch (default: :func:`default_collate`).
    drop_last : bool
        Leave out the last batch if it is smaller than ``batch_size``.
    generator : optional
        The generator to shuffle with (default: the global one).
    pin_memory, timeout, worker_init_fn, multiprocessing_context, prefetch_factor, persistent_workers, \
pin_memory_device, in_order
        Accepted and kept, for code written for PyTorch; they change nothing here.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.utils.data import DataLoader, TensorDataset
    >>> dataset = TensorDataset(torch.arange(5.0), torch.tensor([0, 1, 0, 1, 0]))
    >>> loader = DataLoader(dataset, batch_size=2)
    >>> len(loader)
    3
    >>> for x, y in loader:
    ...     print(x, y)
    tensor([0., 1.]) tensor([0, 1])
    tensor([2., 3.]) tensor([0, 1])
    tensor([4.]) tensor([0])
    """

    def __init__(
        self,
        dataset: Any,
        batch_size: int | None = 1,
        shuffle: bool | None = None,
        sampler: Iterable[Any] | None = None,
        batch_sampler: Iterable[list[Any]] | None = None,
        num_workers: int = 0,
        collate_fn: Callable[[list[Any]], Any] | None = None,
        pin_memory: bool = False,
        drop_last: bool = False,
        timeout: float = 0,
        worker_init_fn: Callable[[int], None] | None = None,
        multiprocessing_context: Any = None,
        generator: Any = None,
        *,
        prefetch_factor: int | None = None,
        persistent_workers: bool = False,
        pin_memory_device: str = "",
        in_order: bool = True,
    ) -> None:
        if num_workers < 0:
            raise messages.error("num_workers_negative")
        self.dataset = dataset
        self.num_workers = num_workers
        _check_worker_count(num_workers)
        self.prefetch_factor = prefetch_factor
        self.pin_memory = pin_memory
        self.pin_memory_device = pin_memory_device
        self.timeout = timeout
        self.worker_init_fn = worker_init_fn
        self.multiprocessing_context = multiprocessing_context
        self.in_order = in_order
        iterable = isinstance(dataset, IterableDataset)
        if iterable:  # a stream: no order to choose, and batches are taken as they come
            if shuffle not in (False, None):
                raise messages.error("loader_iterable_option", name="shuffle", value=shuffle)
            if sampler is not None:
                raise messages.error("loader_iterable_option", name="sampler", value=sampler)
            if batch_sampler is not None:
                raise messages.error("loader_iterable_option", name="batch_sampler", value=batch_sampler)
            sampler = _InfiniteConstantSampler()
        shuffle = bool(shuffle)
        if sampler is not None and shuffle:
            raise messages.error("sampler_and_shuffle")
        if batch_sampler is not None:
            if batch_size != 1 or shuffle or sampler is not None or drop_last:
                raise messages.error("batch_sampler_exclusive")
            batch_size, drop_last = None, False
        elif batch_size is None and drop_last:
            raise messages.error("batch_size_none_drop_last")
        if sampler is None:
            sampler = RandomSampler(dataset, generator=generator) if shuffle else SequentialSampler(dataset)
        if batch_size is not None and batch_sampler is None:
            batch_sampler = BatchSampler(sampler, batch_size, drop_last)
        self.batch_size = batch_size
        self.drop_last = drop_last
        self.sampler = sampler
        self.batch_sampler = batch_sampler
        self.generator = generator
        if collate_fn is None:
            collate_fn = default_collate if batch_sampler is not None else default_convert
        self.collate_fn = collate_fn
        self.persistent_workers = persistent_workers
        self.__initialized = True

    def __setattr__(self, name: str, value: Any) -> None:
        frozen = ("batch_size", "batch_sampler", "sampler", "drop_last", "dataset", "persistent_workers")
        if getattr(self, "_DataLoader__initialized", False) and name in frozen:
            raise messages.error("loader_frozen_attribute", name=name, loader=type(self).__name__)
        super().__setattr__(name, value)

    @property
    def _index_sampler(self) -> Iterable[Any]:
        return self.sampler if self.batch_sampler is None else self.batch_sampler

    def __iter__(self) -> _SingleProcessDataLoaderIter:
        return _SingleProcessDataLoaderIter(self)

    def __len__(self) -> int:
        if isinstance(self.dataset, IterableDataset):
            length = self._IterableDataset_len_called = len(self.dataset)
            if self.batch_size is not None:
                length = length // self.batch_size if self.drop_last else math.ceil(length / self.batch_size)
            return length
        return len(self._index_sampler)


class _SingleProcessDataLoaderIter:
    """One pass over a DataLoader: what ``iter(loader)`` returns."""

    def __init__(self, loader: DataLoader) -> None:
        self._dataset = loader.dataset
        self._auto_collation = loader.batch_sampler is not None
        self._index_sampler = loader._index_sampler
        self._collate_fn = loader.collate_fn
        self._sampler_iter = iter(self._index_sampler)  # a shuffling sampler draws at the first next()
        self._base_seed = _draws.seed_from(
            loader.generator
        )  # for workers: PyTorch draws it even without them
        self._num_yielded = 0
        self._stream = _Stream(loader) if isinstance(self._dataset, IterableDataset) else None

    def __iter__(self) -> _SingleProcessDataLoaderIter:
        return self

    def __next__(self) -> Any:
        if self._stream is not None:
            return self._stream.next(self)
        index = next(self._sampler_iter)
        dataset = self._dataset
        if not self._auto_collation:
            data = dataset[index]
        elif callable(getattr(dataset, "__getitems__", None)):
            data = dataset.__getitems__(index)
        else:
            data = [dataset[i] for i in index]
        self._num_yielded += 1
        return self._collate_fn(data)

    def __len__(self) -> int:
        return len(self._index_sampler)


# -- iterable datasets (branch nn_e) ----------------------------------------------------------------------------


class _InfiniteConstantSampler(Sampler):
    """The sampler of a loader over an IterableDataset: ``None`` forever (the dataset decides the order)."""

    def __iter__(self) -> Iterator[None]:
        while True:
            yield None


class _Stream:
    """One pass over an IterableDataset: its samples taken in order, ``batch_size`` at a time (PyTorch's fetcher)."""

    def __init__(self, loader: DataLoader) -> None:
        self.samples = iter(loader.dataset)
        self.ended = False
        self.drop_last = loader.drop_last
        self.reported = getattr(loader, "_IterableDataset_len_called", None)

    def next(self, owner: _SingleProcessDataLoaderIter) -> Any:
        index = next(owner._sampler_iter)
        if self.ended:
            raise StopIteration
        if owner._auto_collation:
            data = list(itertools.islice(self.samples, len(index)))
            self.ended = len(data) < len(index)
            if not data or (self.drop_last and len(data) < len(index)):
                raise StopIteration
        else:
            data = next(self.samples)
        owner._num_yielded += 1
        if self.reported is not None and owner._num_yielded > self.reported:
            warnings.warn(
                messages.text(
                    "loader_iterable_length",
                    dataset=owner._dataset,
                    length=self.reported,
                    count=owner._num_yielded,
                ),
                UserWarning,
                stacklevel=3,
            )
        return owner._collate_fn(data)
