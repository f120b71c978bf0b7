"""``utils.data`` with worker processes, Generic classes and the data docs' examples, against PyTorch.

Each scenario is written once against a module ``t`` (autograd_lab or
PyTorch) and returns what a lesson would print; both must print the same.
PyTorch's workers are real processes; ours run in this process, so these
tests check that the batches, their order, every random draw made inside a
worker (``torch``, ``random`` and ``numpy``'s) and the main process's
generator afterwards are PyTorch's.  Skipped where PyTorch is not installed.
"""

from __future__ import annotations

import gc
import math
import random
import re
import warnings
from collections import namedtuple
from collections.abc import Callable
from types import ModuleType
from typing import Any

import numpy as np
import pytest
from misuse import caught, fails_like_pytorch

import autograd_lab as lab

torch_ref = pytest.importorskip("torch")

Point = namedtuple("Point", ["x", "y"])


def printed(scenario: Callable[[ModuleType], Any]) -> tuple[str, str]:
    """``repr`` of what ``scenario`` gives with autograd_lab and with PyTorch (warnings silenced)."""
    results = []
    for t in (lab, torch_ref):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            results.append(repr(scenario(t)))
    return results[0], results[1]


def same_as_pytorch(scenario: Callable[[ModuleType], Any]) -> str:
    ours, theirs = printed(scenario)
    assert ours == theirs
    return ours


# -- the data docs' IterableDataset examples ------------------------------------------------------------


def split_in_iter(t: ModuleType) -> Any:
    """Example 1 of IterableDataset's docstring: each worker takes its share in ``__iter__``."""

    class MyIterableDataset(t.utils.data.IterableDataset):
        def __init__(self, start: int, end: int) -> None:
            super(MyIterableDataset).__init__()
            self.start, self.end = start, end

        def __iter__(self) -> Any:
            worker_info = t.utils.data.get_worker_info()
            if worker_info is None:
                return iter(range(self.start, self.end))
            per_worker = int(math.ceil((self.end - self.start) / float(worker_info.num_workers)))
            iter_start = self.start + worker_info.id * per_worker
            return iter(range(iter_start, min(iter_start + per_worker, self.end)))

    ds = MyIterableDataset(start=3, end=7)
    return [list(t.utils.data.DataLoader(ds, num_workers=n)) for n in (0, 2, 5)]


def split_in_worker_init_fn(t: ModuleType) -> Any:
    """Example 2: without sharding every worker gives all; ``worker_init_fn`` shards each worker's copy."""

    class MyIterableDataset(t.utils.data.IterableDataset):
        def __init__(self, start: int, end: int) -> None:
            self.start, self.end = start, end

        def __iter__(self) -> Any:
            return iter(range(self.start, self.end))

    def worker_init_fn(worker_id: int) -> None:
        worker_info = t.utils.data.get_worker_info()
        dataset = worker_info.dataset
        overall_start, overall_end = dataset.start, dataset.end
        per_worker = int(math.ceil((overall_end - overall_start) / float(worker_info.num_workers)))
        dataset.start = overall_start + worker_info.id * per_worker
        dataset.end = min(dataset.start + per_worker, overall_end)

    ds = MyIterableDataset(start=3, end=7)
    loader = t.utils.data.DataLoader
    return (
        list(loader(ds, num_workers=0)),
        list(loader(ds, num_workers=2)),
        list(loader(ds, num_workers=2, worker_init_fn=worker_init_fn)),
        list(loader(ds, num_workers=5, worker_init_fn=worker_init_fn)),
        (ds.start, ds.end),  # the main process's dataset is untouched
    )


def uneven_workers(t: ModuleType) -> Any:
    """Workers whose streams end at different times: the loader goes round the ones still going."""

    class Uneven(t.utils.data.IterableDataset):
        def __iter__(self) -> Any:
            worker = t.utils.data.get_worker_info().id
            return iter(range(100 * worker, 100 * worker + 1 + 2 * worker))

    loader = t.utils.data.DataLoader
    return [
        list(loader(Uneven(), num_workers=3)),
        list(loader(Uneven(), num_workers=3, batch_size=2)),
        list(loader(Uneven(), num_workers=3, batch_size=2, drop_last=True)),
        list(loader(Uneven(), num_workers=3, batch_size=2, prefetch_factor=1)),
    ]


@pytest.mark.parametrize("scenario", [split_in_iter, split_in_worker_init_fn, uneven_workers])
def test_iterable_datasets_with_workers_give_pytorchs_batches(scenario: Callable[[ModuleType], Any]) -> None:
    same_as_pytorch(scenario)


def test_the_docs_iterable_examples_print_what_the_docs_say() -> None:
    assert repr(split_in_worker_init_fn(lab)[1]) == repr([lab.tensor([v]) for v in (3, 3, 4, 4, 5, 5, 6, 6)])
    assert repr(split_in_worker_init_fn(lab)[2]) == repr([lab.tensor([v]) for v in (3, 5, 4, 6)])


# -- seeds and random draws in workers --------------------------------------------------------------------


def random_dataset(t: ModuleType) -> Any:
    class Draws(t.utils.data.Dataset):
        def __len__(self) -> int:
            return 6

        def __getitem__(self, index: int) -> Any:
            info = t.utils.data.get_worker_info()
            torch_draw = t.rand(1).item()
            return (
                index,
                torch_draw,
                random.random(),
                float(np.random.rand()),
                info.id,
                info.seed,
                t.initial_seed(),
            )

    return Draws()


def seeded_map_style(t: ModuleType) -> Any:
    t.manual_seed(0)
    epochs = [list(t.utils.data.DataLoader(random_dataset(t), batch_size=2, num_workers=2))]
    epochs.append(list(t.utils.data.DataLoader(random_dataset(t), batch_size=2, num_workers=3, shuffle=True)))
    return epochs, t.rand(2)


def persistent_workers(t: ModuleType) -> Any:
    t.manual_seed(0)
    loader = t.utils.data.DataLoader(
        random_dataset(t), batch_size=2, num_workers=2, shuffle=True, persistent_workers=True
    )
    first = iter(loader)
    epochs = [list(first)]
    second = iter(loader)
    epochs.append(list(second))
    getattr(second, "_shutdown_workers", lambda: None)()  # (PyTorch's persistent workers go now, not at exit)
    return epochs, first is second, type(second).__name__, t.rand(2)


def init_fn_and_generator(t: ModuleType) -> Any:
    """The reproducibility notes' ``seed_worker`` with a loader generator, and a draw in ``worker_init_fn``
    (kept on the worker's dataset copy: a worker's other changes stay in its process in PyTorch)."""

    def seed_worker(worker_id: int) -> None:
        worker_seed = t.initial_seed() % 2**32
        np.random.seed(worker_seed)
        random.seed(worker_seed)
        info = t.utils.data.get_worker_info()
        info.dataset.drawn = (worker_id, info.seed, t.rand(1).item())

    class Augmented(t.utils.data.Dataset):
        def __len__(self) -> int:
            return 8

        def __getitem__(self, index: int) -> Any:
            return index, t.randn(2), np.random.randint(100), random.randint(0, 100), self.drawn

    g = t.Generator()
    g.manual_seed(0)
    t.manual_seed(1)
    loader = t.utils.data.DataLoader(
        Augmented(), batch_size=4, num_workers=2, worker_init_fn=seed_worker, generator=g, shuffle=True
    )
    return list(loader), t.rand(2)


def iterable_draws(t: ModuleType) -> Any:
    class Noisy(t.utils.data.IterableDataset):
        def __iter__(self) -> Any:
            for _ in range(3):
                yield t.randint(1000, ()).item(), t.utils.data.get_worker_info().id

    t.manual_seed(3)
    loader = t.utils.data.DataLoader(Noisy(), num_workers=2, batch_size=2, persistent_workers=True)
    epochs = list(loader), list(loader)
    getattr(loader._iterator, "_shutdown_workers", lambda: None)()  # (PyTorch's persistent workers go now)
    return epochs, t.rand(1)


def draws_between_iter_and_next(t: ModuleType) -> Any:
    """With workers PyTorch asks the sampler for the first batches when the pass starts (prefetching)."""
    data = t.utils.data.TensorDataset(t.arange(10))
    t.manual_seed(0)
    passes = []
    for workers in (0, 2):
        batches = iter(t.utils.data.DataLoader(data, batch_size=3, shuffle=True, num_workers=workers))
        passes.append((t.rand(1), list(batches)))
    return passes


@pytest.mark.parametrize(
    "scenario",
    [
        seeded_map_style,
        persistent_workers,
        init_fn_and_generator,
        iterable_draws,
        draws_between_iter_and_next,
    ],
)
def test_draws_in_workers_and_after_are_pytorchs(scenario: Callable[[ModuleType], Any]) -> None:
    same_as_pytorch(scenario)


def test_worker_info_prints_as_pytorchs() -> None:
    def info(t: ModuleType) -> Any:
        def collate(batch: list) -> Any:
            worker = t.utils.data.get_worker_info()
            return batch, repr(type(worker)), worker.id, worker.num_workers, worker.seed, worker.rng

        t.manual_seed(0)
        loader = t.utils.data.DataLoader(["a", "b"], num_workers=1, collate_fn=collate)
        return list(loader), t.utils.data.get_worker_info()

    same_as_pytorch(info)


# -- Generic classes, names, the docs' sampler examples ---------------------------------------------------


def docs_samplers(t: ModuleType) -> Any:
    from typing import List  # noqa: UP035 - as the docs write it

    class AccedingSequenceLengthSampler(t.utils.data.Sampler[int]):
        def __init__(self, data: List[str]) -> None:  # noqa: UP006
            self.data = data

        def __len__(self) -> int:
            return len(self.data)

        def __iter__(self) -> Any:
            sizes = t.tensor([len(x) for x in self.data])
            yield from t.argsort(sizes).tolist()

    class AccedingSequenceLengthBatchSampler(t.utils.data.Sampler[List[int]]):  # noqa: UP006
        def __init__(self, data: List[str], batch_size: int) -> None:  # noqa: UP006
            self.data = data
            self.batch_size = batch_size

        def __len__(self) -> int:
            return (len(self.data) + self.batch_size - 1) // self.batch_size

        def __iter__(self) -> Any:
            sizes = t.tensor([len(x) for x in self.data])
            for batch in t.chunk(t.argsort(sizes), len(self)):
                yield batch.tolist()

    class Squares(t.utils.data.Dataset[int]):
        def __len__(self) -> int:
            return 3

        def __getitem__(self, index: int) -> int:
            return index * index

    words = ["a", "abcd", "ab", "abcdef", "abc"]
    d = t.utils.data
    return (
        list(AccedingSequenceLengthSampler(words)),
        list(d.DataLoader(words, batch_sampler=AccedingSequenceLengthBatchSampler(words, 2))),
        list(d.DataLoader(words, sampler=AccedingSequenceLengthSampler(words), batch_size=2, num_workers=2)),
        list(d.DataLoader[int](Squares(), batch_size=2)),
        list(d.BatchSampler(d.SequentialSampler(range(10)), batch_size=3, drop_last=False)),
        list(d.BatchSampler(d.SequentialSampler(range(10)), batch_size=3, drop_last=True)),
        list(
            d.WeightedRandomSampler([0.1, 0.9, 0.4, 0.7, 3.0, 0.6], 5, generator=t.Generator().manual_seed(1))
        ),
        list(
            d.WeightedRandomSampler(
                [0.9, 0.4, 0.05, 0.2, 0.3, 0.1], 5, replacement=False, generator=t.Generator().manual_seed(1)
            )
        ),
    )


def docs_datasets(t: ModuleType) -> Any:
    d = t.utils.data
    x, y = d.TensorDataset(t.arange(4.0)), d.TensorDataset(t.arange(4))
    g1, g2 = t.Generator().manual_seed(42), t.Generator().manual_seed(42)
    return (
        d.StackDataset(x, y)[1],
        d.StackDataset(image=x, text=y)[2],
        list(d.DataLoader(d.StackDataset(image=x, text=y), batch_size=3)),
        list(d.DataLoader(d.StackDataset(x, y), batch_size=3, num_workers=2)),
        d.ConcatDataset([x, y])[5],
        len(x + y),
        d.Subset(x, [2, 0])[1],
        [list(s) for s in d.random_split(range(10), [3, 7], generator=g1)],
        [list(s) for s in d.random_split(range(30), [0.3, 0.3, 0.4], generator=g2)],
    )


def docs_collate(t: ModuleType) -> Any:
    d = t.utils.data
    collate = t.utils.data._utils.collate

    def collate_tensor_fn(batch: list, *, collate_fn_map: Any = None) -> Any:
        return t.stack(batch, 0) * 10

    custom = collate.collate([t.ones(2), t.zeros(2)], collate_fn_map={t.Tensor: collate_tensor_fn})
    return (
        d.default_convert(0),
        d.default_convert(np.array([0, 1])),
        d.default_convert(Point(np.array(0), np.array(0))),
        d.default_convert([np.array([0, 1]), np.array([2, 3])]),
        d.default_collate([0, 1, 2, 3]),
        d.default_collate(["a", "b", "c"]),
        d.default_collate([{"A": 0, "B": 1}, {"A": 100, "B": 100}]),
        d.default_collate([Point(0, 0), Point(1, 1)]),
        d.default_collate([(0, 1), (2, 3)]),
        d.default_collate([[0, 1], [2, 3]]),
        custom,
        [getattr(fn, "__name__", fn) for fn in collate.default_collate_fn_map.values()],
    )


def printed_names(t: ModuleType) -> Any:
    d = t.utils.data
    loader = d.DataLoader([1, 2, 3])
    single, multi = iter(loader), iter(d.DataLoader([1, 2, 3], num_workers=1))
    names = [repr(type(single)), repr(type(multi)), repr(d.Dataset), repr(d.Sampler), repr(d.DataLoader)]
    names += [repr(d.SequentialSampler), repr(d.StackDataset), repr(d.TensorDataset)]
    objects = [loader, d.Subset([1], [0]), d.SequentialSampler([1]), d.TensorDataset(t.ones(1))]
    names += [repr(item).split(" at ")[0] for item in objects]
    names += [caught(lambda _, it=it: it.next(), t).args[0] for it in (single, multi)]
    names.append(repr(d.Sampler[int]).split(".")[-1])
    names.append(list(multi))  # (PyTorch's workers go when the pass ends)
    return names


@pytest.mark.parametrize("scenario", [docs_samplers, docs_datasets, docs_collate, printed_names])
def test_the_data_docs_examples_give_pytorchs_results(scenario: Callable[[ModuleType], Any]) -> None:
    same_as_pytorch(scenario)


def test_the_generic_classes_take_type_arguments_as_pytorchs() -> None:
    d = lab.utils.data
    for generic in (d.Dataset[int], d.IterableDataset[int], d.Sampler[list[int]], d.DataLoader[tuple]):
        assert generic.__origin__ in (d.Dataset, d.IterableDataset, d.Sampler, d.DataLoader)
    assert d.BatchSampler.__orig_bases__ == (d.Sampler[list[int]],)


# -- errors: from workers, and PyTorch's argument checks --------------------------------------------------


def failing_dataset(t: ModuleType, error: type[Exception]) -> Any:
    class Failing(t.utils.data.Dataset):
        def __len__(self) -> int:
            return 4

        def __getitem__(self, index: int) -> Any:
            if index == 2:
                raise error("sample 2")
            return index

    return Failing()


def every_batch(loader: Any) -> list[Any]:
    """``list(loader)``, with PyTorch's worker processes shut down even when a batch fails (else each takes
    seconds to go when the failed pass is collected)."""
    batches = iter(loader)
    try:
        return list(batches)
    finally:
        getattr(batches, "_shutdown_workers", lambda: None)()


def first_line_of_the_error(misuse: Callable[[ModuleType], Any]) -> tuple[Any, Any]:
    ours, theirs = caught(misuse, lab), caught(misuse, torch_ref)
    assert type(ours) is type(theirs)
    return str(ours).splitlines()[0], str(theirs).splitlines()[0]


@pytest.mark.parametrize("error", [IndexError, KeyError, ValueError])
def test_an_error_in_a_worker_comes_back_as_pytorchs(error: type[Exception]) -> None:
    def misuse(t: ModuleType) -> Any:
        return every_batch(t.utils.data.DataLoader(failing_dataset(t, error), batch_size=1, num_workers=2))

    ours, theirs = first_line_of_the_error(misuse)
    assert ours == theirs == f"Caught {error.__name__} in DataLoader worker process 0."
    assert "Hint: " in str(caught(misuse, lab))


def test_an_error_in_worker_init_fn_comes_with_that_workers_first_batch() -> None:
    def init(worker_id: int) -> None:
        if worker_id == 1:
            raise ValueError("worker 1 cannot start")

    def misuse(t: ModuleType) -> Any:
        return every_batch(t.utils.data.DataLoader(list(range(6)), num_workers=2, worker_init_fn=init))

    ours, theirs = first_line_of_the_error(misuse)
    assert ours == theirs == "Caught ValueError in DataLoader worker process 1."


def _set_context_later(t: ModuleType) -> Any:
    loader = t.utils.data.DataLoader([1], num_workers=1)
    loader.multiprocessing_context = "threads"


MISUSES = [
    ("prefetch_factor without workers", lambda t: t.utils.data.DataLoader([1], prefetch_factor=2)),
    ("persistent_workers without workers", lambda t: t.utils.data.DataLoader([1], persistent_workers=True)),
    ("negative timeout", lambda t: t.utils.data.DataLoader([1], timeout=-1)),
    ("negative num_workers", lambda t: t.utils.data.DataLoader([1], num_workers=-1)),
    ("negative prefetch_factor", lambda t: t.utils.data.DataLoader([1], num_workers=1, prefetch_factor=-1)),
    ("timeout without workers", lambda t: iter(t.utils.data.DataLoader([1], timeout=1))),
    ("context without workers", lambda t: t.utils.data.DataLoader([1], multiprocessing_context="spawn")),
    (
        "unknown start method",
        lambda t: t.utils.data.DataLoader([1], num_workers=1, multiprocessing_context="x"),
    ),
    ("context of a number", lambda t: t.utils.data.DataLoader([1], num_workers=1, multiprocessing_context=3)),
    ("context set later", _set_context_later),
    ("StackDataset of both kinds", lambda t: t.utils.data.StackDataset([1], a=[1])),
    ("StackDataset of nothing", lambda t: t.utils.data.StackDataset()),
    ("StackDataset of two lengths", lambda t: t.utils.data.StackDataset([1], [1, 2])),
]


@pytest.mark.parametrize("misuse", [m for _, m in MISUSES], ids=[name for name, _ in MISUSES])
def test_worker_options_are_checked_as_pytorch_does(misuse: Callable[[ModuleType], Any]) -> None:
    fails_like_pytorch(misuse)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_prefetch_factor_0_fails_when_the_pass_starts_as_in_pytorch() -> None:
    # (PyTorch's half-made iterator then fails in __del__: collected here, where that is expected)
    fails_like_pytorch(lambda t: iter(t.utils.data.DataLoader([1], num_workers=1, prefetch_factor=0)))
    gc.collect()


def test_the_options_are_kept_as_pytorch_keeps_them() -> None:
    def options(t: ModuleType) -> Any:
        d = t.utils.data
        without, with_workers = (
            d.DataLoader([1]),
            d.DataLoader([1], num_workers=1, multiprocessing_context="spawn"),
        )
        return (
            [
                without.prefetch_factor,
                without.persistent_workers,
                without.timeout,
                without.multiprocessing_context,
            ],
            [with_workers.prefetch_factor, type(with_workers.multiprocessing_context).__name__],
            list(d.DataLoader([1, 2], num_workers=1, timeout=5, in_order=False)),
        )

    same_as_pytorch(options)


def warnings_given(t: ModuleType, make: Callable[[ModuleType], Any]) -> list[str]:
    """The warnings ``make(t)`` gives, up to our hint, addresses left out (the CPU count's warning aside)."""
    with warnings.catch_warnings(record=True) as given:
        warnings.simplefilter("always")
        make(t)
    texts = [str(w.message).split(" Hint: ")[0] for w in given]
    return [re.sub("0x[0-9a-f]+", "0x...", text) for text in texts if "worker processes in total" not in text]


def counted_stream(t: ModuleType) -> Any:
    class Counted(t.utils.data.IterableDataset):
        def __len__(self) -> int:
            return 3

        def __iter__(self) -> Any:
            return iter(range(3))

    loader = t.utils.data.DataLoader(Counted(), num_workers=2)
    len(loader)
    return list(loader)


WARNED = {
    "pin_memory on the CPU": lambda t: list(t.utils.data.DataLoader([1], pin_memory=True)),
    "pin_memory_device": lambda t: list(
        t.utils.data.DataLoader([1], pin_memory=True, pin_memory_device="cuda")
    ),
    "a stream longer than its len, with workers": counted_stream,
    "cummulative_sizes": lambda t: t.utils.data.ConcatDataset([[1], [2, 3]]).cummulative_sizes,
}


@pytest.mark.parametrize("make", list(WARNED.values()), ids=list(WARNED))
def test_warnings_are_pytorchs(make: Callable[[ModuleType], Any]) -> None:
    ours = warnings_given(lab, make)
    assert ours and ours == warnings_given(torch_ref, make)
