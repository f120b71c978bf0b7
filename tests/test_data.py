"""``autograd_lab.utils.data`` against ``torch.utils.data``: the same batches, printed the same way.

Unshuffled loading must give PyTorch's batches exactly.  Shuffled loading
must give PyTorch's order after the same ``manual_seed``, epoch after epoch,
and leave the global generator where PyTorch leaves it (the draws come from
``autograd_lab._random``, PyTorch's generator), with or without an explicit
``generator=``.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable
from types import ModuleType
from typing import Any

import numpy as np
import pytest
from misuse import fails_like_pytorch

import autograd_lab as lab
from autograd_lab.utils.data import DataLoader, TensorDataset

Point = namedtuple("Point", ["x", "y"])


def dataset(t: ModuleType, n: int) -> Any:
    """``n`` samples: a float feature row and an integer label each."""
    features = t.arange(float(3 * n)).reshape(n, 3)
    labels = t.tensor([i % 3 for i in range(n)])
    return t.utils.data.TensorDataset(features, labels)


def printed_batches(loader: Any) -> list[str]:
    return [repr(batch) for batch in loader]


# -- datasets -------------------------------------------------------------------------------


def test_tensor_dataset_gives_tuples_of_rows_as_pytorch() -> None:
    real = pytest.importorskip("torch")
    ours, theirs = dataset(lab, 5), dataset(real, 5)
    assert len(ours) == len(theirs) == 5
    for index in (0, 4, -1, slice(1, 3)):
        assert repr(ours[index]) == repr(theirs[index])


def test_a_dataset_subclass_and_a_subset_load_like_any_dataset() -> None:
    class Squares(lab.utils.data.Dataset):
        def __len__(self) -> int:
            return 5

        def __getitem__(self, index: int) -> dict[str, Any]:
            return {"x": float(index), "y": index * index}

    subset = lab.utils.data.Subset(Squares(), [4, 0, 2])
    assert len(subset) == 3 and subset[0] == {"x": 4.0, "y": 16}
    batches = list(DataLoader(subset, batch_size=2))
    assert [batch["y"].tolist() for batch in batches] == [[16, 0], [4]]
    assert batches[0]["x"].dtype == lab.float64


def test_random_split_lengths_and_fractions() -> None:
    lengths = [len(part) for part in lab.utils.data.random_split(range(11), [0.3, 0.3, 0.4])]
    assert lengths == [4, 3, 4]  # floor(3.3), floor(3.3), floor(4.4), and the 1 left over goes to the first
    parts = lab.utils.data.random_split(range(10), [7, 3])
    assert sorted(list(parts[0]) + list(parts[1])) == list(range(10))
    with pytest.warns(UserWarning, match="Length of split at index 1 is 0"):
        lab.utils.data.random_split(range(2), [0.9, 0.1])


# -- loading without shuffling: exactly PyTorch's batches ----------------------------------------


@pytest.mark.parametrize(
    ("n", "batch_size", "drop_last"), [(10, 3, False), (10, 3, True), (8, 4, True), (7, 10, False)]
)
def test_batches_are_pytorchs(n: int, batch_size: int, drop_last: bool) -> None:
    real = pytest.importorskip("torch")
    ours = DataLoader(dataset(lab, n), batch_size=batch_size, drop_last=drop_last)
    theirs = real.utils.data.DataLoader(dataset(real, n), batch_size=batch_size, drop_last=drop_last)
    assert len(ours) == len(theirs)
    assert printed_batches(ours) == printed_batches(theirs)
    assert [tuple(x.shape) for x, _ in ours] == [tuple(x.shape) for x, _ in theirs]
    assert printed_batches(ours) == printed_batches(ours)  # a second epoch, the same


def test_workers_are_accepted_and_give_the_same_batches() -> None:
    plain = printed_batches(DataLoader(dataset(lab, 9), batch_size=4))
    assert printed_batches(DataLoader(dataset(lab, 9), batch_size=4, num_workers=2, pin_memory=True)) == plain


def test_batch_size_none_gives_the_samples_one_by_one() -> None:
    real = pytest.importorskip("torch")
    ours = DataLoader(dataset(lab, 3), batch_size=None)
    theirs = real.utils.data.DataLoader(dataset(real, 3), batch_size=None)
    assert printed_batches(ours) == printed_batches(theirs) and len(ours) == 3


def test_a_custom_collate_fn_and_sampler() -> None:
    loader = DataLoader(list(range(6)), batch_size=4, sampler=[5, 4, 3, 2, 1, 0], collate_fn=sum)
    assert list(loader) == [14, 1]


SAMPLES: list[tuple[str, Callable[[ModuleType], list[Any]]]] = [
    (
        "tuples of tensors",
        lambda t: [(t.tensor([1.0, 2.0]), t.tensor(0)), (t.tensor([3.0, 4.0]), t.tensor(1))],
    ),
    ("floats and ints", lambda t: [(0.5, 1, True), (1.5, 2, False)]),
    ("dicts", lambda t: [{"x": t.ones(2), "name": "a"}, {"x": t.zeros(2), "name": "b"}]),
    ("lists", lambda t: [[1, 2.5], [3, 4.5]]),
    ("namedtuples", lambda t: [Point(1.0, 2), Point(3.0, 4)]),
    ("numpy arrays", lambda t: [np.array([1, 2]), np.array([3, 4])]),
    ("numpy floats", lambda t: [np.float32(1.5), np.float32(2.5)]),
    ("numpy scalars in tuples", lambda t: [(np.float64(0.25), np.int64(3)), (np.float64(1.0), np.int64(4))]),
    ("nested", lambda t: [{"a": (t.ones(1), [2, 3])}, {"a": (t.zeros(1), [4, 5])}]),
]


@pytest.mark.parametrize("samples", [s for _, s in SAMPLES], ids=[name for name, _ in SAMPLES])
def test_default_collate_glues_as_pytorch(samples: Callable[[ModuleType], list[Any]]) -> None:
    real = pytest.importorskip("torch")
    from torch.utils.data import default_collate, default_convert

    assert repr(lab.utils.data.default_collate(samples(lab))) == repr(default_collate(samples(real)))
    assert repr(lab.utils.data.default_convert(samples(lab)[0])) == repr(default_convert(samples(real)[0]))


# -- shuffling: PyTorch's order after the same manual_seed -----------------------------------------


def shuffled_epochs(
    t: ModuleType, n: int, batch_size: int, drop_last: bool
) -> tuple[list[list[str]], list, str]:
    t.manual_seed(5)
    loader = t.utils.data.DataLoader(dataset(t, n), batch_size=batch_size, shuffle=True, drop_last=drop_last)
    epochs, seeds = [], []
    for _ in range(3):
        iterator = iter(loader)
        seeds.append(iterator._base_seed)
        epochs.append([repr(batch) for batch in iterator])
    return epochs, seeds, repr(t.rand(3))  # where the global generator is afterwards


@pytest.mark.parametrize(("n", "batch_size", "drop_last"), [(10, 3, False), (100, 16, True), (7, 7, False)])
def test_shuffled_epochs_are_pytorchs(n: int, batch_size: int, drop_last: bool) -> None:
    real = pytest.importorskip("torch")
    assert shuffled_epochs(lab, n, batch_size, drop_last) == shuffled_epochs(real, n, batch_size, drop_last)


def test_every_epoch_is_a_new_order_of_all_the_samples() -> None:
    loader = DataLoader(TensorDataset(lab.arange(20)), batch_size=6, shuffle=True)
    first, second = ([i for (batch,) in loader for i in batch.tolist()] for _ in range(2))
    assert sorted(first) == sorted(second) == list(range(20)) and first != second


def draws_around_an_epoch(t: ModuleType) -> tuple[str, str, int]:
    """The sampler draws its seed at the first next(), after the base seed that iter() draws."""
    t.manual_seed(11)
    iterator = iter(t.utils.data.DataLoader(dataset(t, 20), batch_size=5, shuffle=True))
    between = t.rand(1)
    return repr(between), repr(next(iterator)), iterator._base_seed


def test_draws_happen_in_pytorchs_order() -> None:
    real = pytest.importorskip("torch")
    assert draws_around_an_epoch(lab) == draws_around_an_epoch(real)


def samplers(t: ModuleType) -> list[list[int]]:
    t.manual_seed(4)
    data = range(30)
    return [
        list(t.utils.data.RandomSampler(data)),
        list(t.utils.data.RandomSampler(data, num_samples=45)),
        list(t.utils.data.RandomSampler(data, replacement=True, num_samples=70)),
        [list(part) for part in t.utils.data.random_split(range(25), [10, 10, 5])],
        [list(part) for part in t.utils.data.random_split(range(11), [0.3, 0.3, 0.4])],
        list(t.utils.data.SubsetRandomSampler([3, 5, 8, 13, 21])),
        list(t.utils.data.SubsetRandomSampler(range(20, 30), generator=t.Generator().manual_seed(7))),
        # a train/validation split, as older courses make it
        [
            yb.tolist()
            for _, yb in t.utils.data.DataLoader(
                dataset(t, 10),
                batch_size=3,
                sampler=t.utils.data.sampler.SubsetRandomSampler([0, 2, 4, 6, 8]),
            )
        ],
        t.rand(2).tolist(),
    ]


def test_samplers_and_random_split_are_pytorchs() -> None:
    real = pytest.importorskip("torch")
    assert samplers(lab) == samplers(real)


def with_generators(t: ModuleType) -> list[Any]:
    t.manual_seed(0)
    loader = t.utils.data.DataLoader(
        dataset(t, 12), batch_size=5, shuffle=True, generator=t.Generator().manual_seed(3)
    )
    parts = t.utils.data.random_split(range(9), [5, 4], generator=t.Generator().manual_seed(42))
    return [printed_batches(loader), printed_batches(loader), [list(p) for p in parts], repr(t.rand(2))]


def test_an_explicit_generator_shuffles_as_pytorchs() -> None:
    real = pytest.importorskip("torch")
    assert with_generators(lab) == with_generators(real)


# -- a training loop, as a lesson writes it ---------------------------------------------------------


def fit_a_line(t: ModuleType, shuffle: bool) -> list[float]:
    """Linear regression by mini-batch SGD with momentum: the weights after 3 epochs."""
    t.manual_seed(0)
    x = t.tensor(np.linspace(-1, 1, 40, dtype=np.float32).reshape(20, 2))
    y = x @ t.tensor([[2.0], [-1.0]]) + 0.5
    w = t.zeros(2, 1, requires_grad=True)
    b = t.zeros(1, requires_grad=True)
    optimizer = t.optim.SGD([w, b], lr=0.1, momentum=0.9)
    loader = t.utils.data.DataLoader(t.utils.data.TensorDataset(x, y), batch_size=8, shuffle=shuffle)
    for _ in range(3):
        for xb, yb in loader:
            optimizer.zero_grad()
            loss = ((xb @ w + b - yb) ** 2).mean()
            loss.backward()
            optimizer.step()
    return [*w.detach().numpy().ravel().tolist(), *b.tolist()]


def test_a_training_loop_ends_where_pytorchs_does() -> None:
    real = pytest.importorskip("torch")
    np.testing.assert_allclose(fit_a_line(lab, shuffle=False), fit_a_line(real, shuffle=False), rtol=1e-5)


def test_a_shuffled_training_loop_ends_where_pytorchs_does() -> None:
    real = pytest.importorskip("torch")
    np.testing.assert_allclose(fit_a_line(lab, shuffle=True), fit_a_line(real, shuffle=True), rtol=1e-5)


# -- errors -----------------------------------------------------------------------------------------


def _frozen(t: ModuleType) -> None:
    loader = t.utils.data.DataLoader(range(4))
    loader.batch_size = 2


MISUSES: list[tuple[str, Callable[[ModuleType], Any]]] = [
    ("lengths differ", lambda t: t.utils.data.TensorDataset(t.ones(3, 2), t.ones(4))),
    ("no __getitem__", lambda t: t.utils.data.Dataset()[0]),
    ("batch_size 0", lambda t: t.utils.data.DataLoader(range(4), batch_size=0)),
    ("batch_size float", lambda t: t.utils.data.DataLoader(range(4), batch_size=2.0)),
    ("drop_last not bool", lambda t: t.utils.data.DataLoader(range(4), batch_size=2, drop_last="yes")),
    ("sampler and shuffle", lambda t: t.utils.data.DataLoader(range(4), sampler=[0, 1], shuffle=True)),
    (
        "batch_sampler and batch_size",
        lambda t: t.utils.data.DataLoader(range(4), batch_size=2, batch_sampler=[[0]]),
    ),
    (
        "batch_size None and drop_last",
        lambda t: t.utils.data.DataLoader(range(4), batch_size=None, drop_last=True),
    ),
    ("negative workers", lambda t: t.utils.data.DataLoader(range(4), num_workers=-1)),
    ("set batch_size later", _frozen),
    ("num_samples 0", lambda t: t.utils.data.RandomSampler(range(4), num_samples=0)),
    ("empty dataset shuffled", lambda t: t.utils.data.DataLoader([], shuffle=True)),
    ("replacement not bool", lambda t: t.utils.data.RandomSampler(range(4), replacement=1)),
    ("split sum", lambda t: t.utils.data.random_split(range(10), [3, 3])),
    ("split fraction", lambda t: t.utils.data.random_split(range(10), [1.5, -0.5])),
    ("collate sizes", lambda t: t.utils.data.default_collate([(1, 2), (3,)])),
    ("collate type", lambda t: t.utils.data.default_collate([object(), object()])),
    ("collate strings array", lambda t: t.utils.data.default_collate([np.array(["a"]), np.array(["b"])])),
]


@pytest.mark.parametrize("misuse", [m for _, m in MISUSES], ids=[name for name, _ in MISUSES])
def test_misuses_fail_as_in_pytorch_with_a_hint(misuse: Callable[[ModuleType], Any]) -> None:
    fails_like_pytorch(misuse)
