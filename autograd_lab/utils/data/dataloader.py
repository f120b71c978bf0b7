"""``DataLoader``: a dataset in (shuffled) mini-batches, loaded in this process or by simulated workers.

A loader asks its batch sampler for the indices of each batch, fetches those
samples from the dataset, and glues them together with ``collate_fn``
(:func:`~autograd_lab.utils.data.default_collate` by default, in
``_utils/collate.py``).  With ``num_workers > 0`` PyTorch hands the batches
to worker processes in turn; here the workers are simulated in this process
(see "workers, simulated" below), and give PyTorch's batches, in PyTorch's
order, with PyTorch's random draws.
"""

from __future__ import annotations

import collections
import itertools
import math
import os
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Generic, TypeVar

from ... import messages
from ..._classname import PyTorchName
from . import _draws
from ._utils.collate import default_collate, default_convert
from ._utils.worker import SimulatedWorker
from .dataset import IterableDataset, _object_repr
from .sampler import BatchSampler, RandomSampler, Sampler, SequentialSampler

_T_co = TypeVar("_T_co", covariant=True)


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
        # (from the line that asked, in this file, as PyTorch's comes from its dataloader.py: making the loader,
        # then its first iterator; Python shows each once, not once per loader)
        warnings.warn(
            messages.text("data_many_workers", workers=num_workers, suggested=suggested), stacklevel=2
        )


def _check_worker_options(
    num_workers: int, timeout: float, prefetch_factor: int | None, persistent: bool
) -> None:
    """PyTorch's argument checks on the worker options, in its order."""
    if num_workers < 0:
        raise messages.error("num_workers_negative")
    if timeout < 0:
        raise messages.error("loader_timeout_negative")
    if num_workers == 0 and prefetch_factor is not None:
        raise messages.error("loader_prefetch_without_workers")
    if prefetch_factor is not None and prefetch_factor < 0:
        raise messages.error("loader_prefetch_negative")
    if persistent and num_workers == 0:
        raise messages.error("loader_persistent_without_workers")


class DataLoader(Generic[_T_co], metaclass=PyTorchName, torch_module="torch.utils.data.dataloader"):
    """A dataset in mini-batches: ``for x, y in loader: ...``, as ``torch.utils.data.DataLoader``.

    Parameters
    ----------
    dataset : Dataset
        Anything with ``len()`` and ``[index]``, or an ``IterableDataset``.
    batch_size : int or None
        Samples per batch; ``None`` gives the samples one by one, unbatched.
    shuffle : bool
        A new random order every epoch (PyTorch's order after the same ``manual_seed``).
    sampler, batch_sampler : iterable, optional
        The order of the indices, or of whole batches of indices, instead.
    num_workers : int
        How many worker processes load the batches in PyTorch; here simulated in this process, with
        PyTorch's batches, order and random draws (each worker its own dataset copy and seed).
    collate_fn : callable, optional
        Glues a list of samples into a batch (default: :func:`default_collate`).
    drop_last : bool
        Leave out the last batch if it is smaller than ``batch_size``.
    worker_init_fn : callable, optional
        Called with the worker's id inside each worker when it starts.
    generator : optional
        The generator to shuffle with and to draw the workers' base seed from (default: the global one).
    prefetch_factor : int, optional
        Batches each worker loads ahead (2 with workers); it decides when the sampler is asked.
    persistent_workers : bool
        Keep the workers (their dataset copies and generators) from one epoch to the next.
    pin_memory, timeout, multiprocessing_context, pin_memory_device, in_order
        Checked and kept, for code written for PyTorch (there is no GPU memory to pin here).

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
    >>> [x for x, y in DataLoader(dataset, batch_size=2, num_workers=2)]
    [tensor([0., 1.]), tensor([2., 3.]), tensor([4.])]
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
        _check_worker_options(num_workers, timeout, prefetch_factor, persistent_workers)
        if num_workers > 0 and prefetch_factor is None:
            prefetch_factor = 2
        self.dataset = dataset
        self.num_workers = num_workers
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
        self._IterableDataset_len_called: int | None = None
        self._iterator: _MultiProcessingDataLoaderIter | None = None  # kept with persistent workers
        _check_worker_count(num_workers)

    __repr__ = _object_repr

    @property
    def multiprocessing_context(self) -> Any:
        """How PyTorch starts worker processes (a start method's context); checked and kept here."""
        return self.__multiprocessing_context

    @multiprocessing_context.setter
    def multiprocessing_context(self, context: Any) -> None:
        if context is not None:
            if not self.num_workers:
                raise messages.error("loader_context_without_workers", workers=self.num_workers)
            import multiprocessing
            import multiprocessing.context

            if isinstance(context, str):
                methods = multiprocessing.get_all_start_methods()
                if context not in methods:
                    raise messages.error("loader_context_method", methods=methods, context=context)
                context = multiprocessing.get_context(context)
            if not isinstance(context, multiprocessing.context.BaseContext):
                raise messages.error("loader_context_type", context=context)
        self.__multiprocessing_context = context

    def __setattr__(self, name: str, value: Any) -> None:
        frozen = ("batch_size", "batch_sampler", "sampler", "drop_last", "dataset", "persistent_workers")
        if getattr(self, "_DataLoader__initialized", False) and name in frozen:
            raise messages.error("loader_frozen_attribute", name=name, loader=type(self).__name__)
        super().__setattr__(name, value)

    @property
    def _auto_collation(self) -> bool:
        return self.batch_sampler is not None

    @property
    def _index_sampler(self) -> Iterable[Any]:
        return self.sampler if self.batch_sampler is None else self.batch_sampler

    def _get_iterator(self) -> _BaseDataLoaderIter:
        if self.num_workers == 0:
            return _SingleProcessDataLoaderIter(self)
        _check_worker_count(self.num_workers)
        return _MultiProcessingDataLoaderIter(self)

    def __iter__(self) -> _BaseDataLoaderIter:
        if self.persistent_workers and self.num_workers > 0:  # the same workers, epoch after epoch
            if self._iterator is None:
                self._iterator = self._get_iterator()
            else:
                self._iterator._reset(self)
            return self._iterator
        return self._get_iterator()

    def __len__(self) -> int:
        if isinstance(self.dataset, IterableDataset):
            length = self._IterableDataset_len_called = len(self.dataset)
            if self.batch_size is not None:
                length = length // self.batch_size if self.drop_last else math.ceil(length / self.batch_size)
            return length
        return len(self._index_sampler)


# -- one pass over a loader ------------------------------------------------------------------------------


class _InfiniteConstantSampler(Sampler):
    """The sampler of a loader over an IterableDataset: ``None`` forever (the dataset decides the order)."""

    def __iter__(self) -> Iterator[None]:
        while True:
            yield None


class _Fetcher:
    """The batch for one entry of the index sampler (PyTorch's dataset fetchers): the samples at those
    indices, or the next ones of an IterableDataset's stream (StopIteration when the stream is done)."""

    def __init__(self, dataset: Any, auto_collation: bool, collate_fn: Callable, drop_last: bool) -> None:
        self.dataset = dataset
        self.auto_collation = auto_collation
        self.collate_fn = collate_fn
        self.drop_last = drop_last
        self.stream = iter(dataset) if isinstance(dataset, IterableDataset) else None
        self.ended = False

    def fetch(self, index: Any) -> Any:
        if self.stream is not None:
            return self.collate_fn(self._next_samples(index))
        dataset = self.dataset
        if not self.auto_collation:
            data = dataset[index]
        elif getattr(dataset, "__getitems__", None):
            data = dataset.__getitems__(index)
        else:
            data = [dataset[i] for i in index]
        return self.collate_fn(data)

    def _next_samples(self, index: Any) -> Any:
        if self.ended:
            raise StopIteration
        if not self.auto_collation:
            return next(self.stream)
        data = list(itertools.islice(self.stream, len(index)))
        self.ended = len(data) < len(index)
        if not data or (self.drop_last and len(data) < len(index)):
            raise StopIteration
        return data


class _BaseDataLoaderIter(metaclass=PyTorchName, torch_module="torch.utils.data.dataloader"):
    """One pass over a DataLoader: what ``iter(loader)`` returns (PyTorch's draws at its start included)."""

    def __init__(self, loader: DataLoader) -> None:
        self._dataset = loader.dataset
        self._iterable = isinstance(self._dataset, IterableDataset)
        self._IterableDataset_len_called = loader._IterableDataset_len_called
        self._auto_collation = loader._auto_collation
        self._drop_last = loader.drop_last
        self._index_sampler = loader._index_sampler
        self._num_workers = loader.num_workers
        if loader.pin_memory and loader.pin_memory_device:
            warnings.warn(
                messages.text("loader_pin_memory_device", device=loader.pin_memory_device), stacklevel=4
            )
        if loader.pin_memory:
            warnings.warn(messages.text("loader_pin_memory_cpu"), stacklevel=4)
        self._pin_memory = False  # no accelerator here: nothing to pin to
        self._timeout = loader.timeout
        self._collate_fn = loader.collate_fn
        self._sampler_iter = iter(self._index_sampler)  # a shuffling sampler draws at its first next()
        self._base_seed = _draws.seed_from(loader.generator)  # the workers' seeds; drawn even without workers
        self._persistent_workers = loader.persistent_workers
        self._num_yielded = 0

    def __iter__(self) -> _BaseDataLoaderIter:
        return self

    def _reset(self, loader: DataLoader) -> None:
        self._sampler_iter = iter(self._index_sampler)
        self._num_yielded = 0
        self._IterableDataset_len_called = loader._IterableDataset_len_called

    def _next_data(self) -> Any:
        raise NotImplementedError

    def __next__(self) -> Any:
        data = self._next_data()
        self._num_yielded += 1
        reported = self._IterableDataset_len_called
        if self._iterable and reported is not None and self._num_yielded > reported:
            fields = {"dataset": self._dataset, "length": reported, "count": self._num_yielded}
            if self._num_workers:
                message = messages.text("loader_iterable_length_workers", **fields)
            else:
                message = messages.text("loader_iterable_length", **fields)
            warnings.warn(message, UserWarning, stacklevel=2)
        return data

    def __len__(self) -> int:
        return len(self._index_sampler)


class _SingleProcessDataLoaderIter(_BaseDataLoaderIter, torch_module="torch.utils.data.dataloader"):
    """One pass over a loader without workers: each batch fetched when it is asked for."""

    def __init__(self, loader: DataLoader) -> None:
        super().__init__(loader)
        if self._timeout != 0:
            raise messages.error("loader_timeout_single_process")
        self._fetcher = _Fetcher(self._dataset, self._auto_collation, self._collate_fn, self._drop_last)

    def _next_data(self) -> Any:
        return self._fetcher.fetch(next(self._sampler_iter))


# -- workers, simulated ----------------------------------------------------------------------------------
# PyTorch starts num_workers processes, each with a copy of the dataset and generators seeded with
# base_seed + worker_id, primes them with prefetch_factor * num_workers batches of indices (worker k gets
# batch k, k + num_workers, ...), then hands out the next indices as batches come back, in order, skipping a
# worker whose IterableDataset copy has run out.  Here each worker is a SimulatedWorker (_utils/worker.py) and
# a batch is fetched inside its worker when the loop asks for it: same batches, same order, same draws.


class _MultiProcessingDataLoaderIter(_BaseDataLoaderIter, torch_module="torch.utils.data.dataloader"):
    """One pass over a loader with workers (simulated in this process; see above)."""

    def __init__(self, loader: DataLoader) -> None:
        super().__init__(loader)
        self._prefetch_factor = loader.prefetch_factor
        if self._prefetch_factor <= 0:
            raise messages.error("loader_prefetch_zero")
        self._workers = [
            SimulatedWorker(self._dataset, worker_id, self._num_workers, self._base_seed)
            for worker_id in range(self._num_workers)
        ]
        for worker in self._workers:  # a worker starts: worker_init_fn, then its fetcher (iter() of its copy)
            try:
                if loader.worker_init_fn is not None:
                    worker.call(loader.worker_init_fn, worker.info.id)
                self._start_fetcher(worker)
            except Exception as error:  # noqa: BLE001 - PyTorch sends it back with the worker's first batch
                worker.failure = error
        self._reset(loader, first_iter=True)

    def _start_fetcher(self, worker: SimulatedWorker) -> None:
        arguments = (worker.info.dataset, self._auto_collation, self._collate_fn, self._drop_last)
        worker.fetcher = worker.call(_Fetcher, *arguments)

    def _reset(self, loader: DataLoader, first_iter: bool = False) -> None:
        super()._reset(loader)
        self._workers_status = [True] * self._num_workers  # False once its IterableDataset copy has run out
        self._worker_queue_idx_cycle = itertools.cycle(range(self._num_workers))
        self._tasks: collections.deque[tuple[int, Any]] = (
            collections.deque()
        )  # (worker id, indices) handed out
        if not first_iter:  # persistent workers resume: the same copies and generators, fresh fetchers
            for worker in self._workers:
                self._start_fetcher(worker)
        for _ in range(self._prefetch_factor * self._num_workers):
            self._try_put_index()

    def _try_put_index(self) -> None:
        """Hand the next indices to the next worker that has not run out (PyTorch's ``_try_put_index``)."""
        try:
            index = next(self._sampler_iter)
        except StopIteration:
            return
        for _ in range(self._num_workers):
            worker_id = next(self._worker_queue_idx_cycle)
            if self._workers_status[worker_id]:
                self._tasks.append((worker_id, index))
                return

    def _next_data(self) -> Any:
        while self._tasks:
            worker_id, index = self._tasks.popleft()
            if not self._workers_status[worker_id]:
                continue  # handed out before its worker was known to have run out: nothing comes back
            worker = self._workers[worker_id]
            try:
                worker.raise_failure()
                data = worker.call(worker.fetcher.fetch, index, passing=(StopIteration,))
            except StopIteration:
                if not self._iterable:
                    raise  # (a map-style dataset raised it: the loop ends, as in PyTorch)
                self._workers_status[worker_id] = False  # its stream has run out
                self._try_put_index()
                continue
            except Exception:
                self._try_put_index()
                raise
            self._try_put_index()
            return data
        raise StopIteration
