"""Datasets: ``Dataset``, ``TensorDataset``, ``StackDataset``, ``Subset`` and ``random_split``.

A (map-style) dataset is anything with ``len(dataset)`` and
``dataset[index]``: one sample per index.  The DataLoader asks it for the
samples of a batch and glues them together.
"""

from __future__ import annotations

import abc
import bisect
import itertools
import math
import warnings
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Generic, TypeVar

from ... import messages
from ..._classname import PyTorchName
from ...tensor import Tensor
from . import _draws

_T_co = TypeVar("_T_co", covariant=True)


def _object_repr(self: Any) -> str:
    """``<torch.utils.data.dataset.Subset object at 0x...>``: PyTorch's name for the library's own classes
    (a class defined in a lesson keeps its own module)."""
    cls = type(self)
    name = cls.__dict__.get("_torch_name") or f"{cls.__module__}.{cls.__qualname__}"
    return f"<{name} object at {id(self):#x}>"


class Dataset(Generic[_T_co], metaclass=PyTorchName, torch_module="torch.utils.data.dataset"):
    """The base class of datasets: subclasses give ``__getitem__`` (and usually ``__len__``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> class Squares(torch.utils.data.Dataset):
    ...     def __len__(self):
    ...         return 4
    ...     def __getitem__(self, index):
    ...         return torch.tensor([float(index)]), torch.tensor([float(index * index)])
    >>> x, y = Squares()[3]
    >>> y
    tensor([9.])
    """

    def __getitem__(self, index: Any) -> _T_co:
        raise messages.error("dataset_no_getitem")

    __repr__ = _object_repr

    def __add__(self, other: Any) -> ConcatDataset:
        return ConcatDataset([self, other])


class TensorDataset(Dataset[tuple[Tensor, ...]], torch_module="torch.utils.data.dataset"):
    """Samples from tensors that share their first dimension: ``dataset[i]`` is ``(x[i], y[i], ...)``.

    Parameters
    ----------
    *tensors : Tensor
        Tensors of the same length (size of dimension 0).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    >>> y = torch.tensor([0, 1, 0])
    >>> dataset = torch.utils.data.TensorDataset(x, y)
    >>> len(dataset), dataset[1]
    (3, (tensor([3., 4.]), tensor(1)))
    """

    def __init__(self, *tensors: Tensor) -> None:
        if any(tensors[0].size(0) != tensor.size(0) for tensor in tensors):
            lengths = ", ".join(str(tensor.size(0)) for tensor in tensors)
            raise messages.error("tensor_dataset_sizes", lengths=lengths)
        self.tensors = tensors

    def __getitem__(self, index: Any) -> tuple[Tensor, ...]:
        return tuple(tensor[index] for tensor in self.tensors)

    def __len__(self) -> int:
        return self.tensors[0].size(0)


class Subset(Dataset[_T_co], torch_module="torch.utils.data.dataset"):
    """The samples of ``dataset`` at ``indices``, in that order.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> subset = torch.utils.data.Subset(["a", "b", "c", "d"], [3, 0])
    >>> len(subset), subset[0]
    (2, 'd')
    """

    def __init__(self, dataset: Any, indices: Sequence[int]) -> None:
        self.dataset = dataset
        self.indices = indices

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, list):
            return self.dataset[[self.indices[i] for i in index]]
        return self.dataset[self.indices[index]]

    def __getitems__(self, indices: list[int]) -> list[Any]:
        if callable(getattr(self.dataset, "__getitems__", None)):
            return self.dataset.__getitems__([self.indices[index] for index in indices])
        return [self.dataset[self.indices[index]] for index in indices]

    def __len__(self) -> int:
        return len(self.indices)


def random_split(dataset: Any, lengths: Sequence[int | float], generator: Any = None) -> list[Subset]:
    """Shuffle ``dataset`` and cut it into pieces of the given lengths (or fractions of it).

    With fractions that add up to 1, each piece gets ``floor(n * fraction)``
    samples and what is left over goes one at a time to the pieces in turn,
    as in PyTorch.  The shuffle draws from ``generator`` (by default the
    global one that ``manual_seed`` seeds), so the pieces are PyTorch's.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> train, test = torch.utils.data.random_split(range(10), [0.8, 0.2])
    >>> len(train), len(test), sorted(list(train) + list(test)) == list(range(10))
    (8, 2, True)
    """
    if math.isclose(sum(lengths), 1) and sum(lengths) <= 1:
        counts = []
        for index, fraction in enumerate(lengths):
            if fraction < 0 or fraction > 1:
                raise messages.error("split_fraction", index=index)
            counts.append(math.floor(len(dataset) * fraction))
        for i in range(len(dataset) - sum(counts)):
            counts[i % len(counts)] += 1
        lengths = counts
        for index, length in enumerate(lengths):
            if length == 0:
                warnings.warn(messages.text("split_empty", index=index), UserWarning, stacklevel=2)
    if sum(lengths) != len(dataset):
        raise messages.error("split_lengths")
    indices = _draws.permutation(sum(lengths), generator)
    return [
        Subset(dataset, indices[offset - length : offset])
        for offset, length in zip(itertools.accumulate(lengths), lengths, strict=True)
    ]


# -- concatenated and iterable datasets (branch nn_e) -------------------------------------------------------


class IterableDataset(Dataset[_T_co], torch_module="torch.utils.data.dataset"):
    """The base class of datasets that are a stream of samples: subclasses give ``__iter__``.

    A DataLoader takes the samples in the order ``__iter__`` yields them
    (no ``shuffle``, no ``sampler``) and batches them; ``len(loader)`` asks
    the dataset's ``__len__`` if it has one.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> class Count(torch.utils.data.IterableDataset):
    ...     def __iter__(self):
    ...         return iter(range(5))
    >>> [batch for batch in torch.utils.data.DataLoader(Count(), batch_size=2)]
    [tensor([0, 1]), tensor([2, 3]), tensor([4])]
    """

    def __new__(cls, *args: Any, **kwargs: Any) -> IterableDataset:
        # PyTorch's IterableDataset is abstract (typing.Iterable's ABC); ours checks the same by hand,
        # since an ABC metaclass would slow every isinstance() check on tensors.
        if getattr(cls.__iter__, "__isabstractmethod__", False):
            raise TypeError(f"Can't instantiate abstract class {cls.__name__} with abstract method __iter__")
        return super().__new__(cls)

    @abc.abstractmethod
    def __iter__(self) -> Iterator:
        """The samples, one by one: a subclass gives it."""

    def __add__(self, other: Any) -> ChainDataset:
        return ChainDataset([self, other])


class ChainDataset(IterableDataset, torch_module="torch.utils.data.dataset"):
    """Iterable datasets one after the other (what ``a + b`` of two iterable datasets gives).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> class Count(torch.utils.data.IterableDataset):
    ...     def __init__(self, n):
    ...         self.n = n
    ...     def __iter__(self):
    ...         return iter(range(self.n))
    >>> list(Count(2) + Count(3))
    [0, 1, 0, 1, 2]
    """

    def __init__(self, datasets: Iterable[Any]) -> None:
        self.datasets = datasets

    def __iter__(self) -> Iterator[Any]:
        for dataset in self.datasets:
            if not isinstance(dataset, IterableDataset):
                raise messages.error("chain_dataset_not_iterable")
            yield from dataset

    def __len__(self) -> int:
        total = 0
        for dataset in self.datasets:
            if not isinstance(dataset, IterableDataset):
                raise messages.error("chain_dataset_not_iterable")
            total += len(dataset)
        return total


class ConcatDataset(Dataset[_T_co], torch_module="torch.utils.data.dataset"):
    """Several datasets one after the other: index ``len(a)`` is the first sample of the second.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> a = torch.utils.data.TensorDataset(torch.arange(3))
    >>> b = torch.utils.data.TensorDataset(torch.arange(10, 12))
    >>> both = torch.utils.data.ConcatDataset([a, b])
    >>> len(both), both[3], both.cumulative_sizes
    (5, (tensor(10),), [3, 5])
    """

    @staticmethod
    def cumsum(sequence: Iterable[Any]) -> list[int]:
        """The running totals of the datasets' lengths."""
        return list(itertools.accumulate(len(item) for item in sequence))

    def __init__(self, datasets: Iterable[Any]) -> None:
        self.datasets = list(datasets)
        if not self.datasets:
            raise messages.error("concat_dataset_empty")
        if any(isinstance(dataset, IterableDataset) for dataset in self.datasets):
            raise messages.error("concat_dataset_iterable")
        self.cumulative_sizes = self.cumsum(self.datasets)

    def __len__(self) -> int:
        return self.cumulative_sizes[-1]

    def __getitem__(self, idx: int) -> Any:
        if idx < 0:
            if -idx > len(self):
                raise messages.error("concat_dataset_index")
            idx = len(self) + idx
        dataset_idx = bisect.bisect_right(self.cumulative_sizes, idx)
        sample_idx = idx if dataset_idx == 0 else idx - self.cumulative_sizes[dataset_idx - 1]
        return self.datasets[dataset_idx][sample_idx]

    @property
    def cummulative_sizes(self) -> list[int]:
        """The old, misspelt name of :attr:`cumulative_sizes` (PyTorch warns that it was renamed)."""
        warnings.warn(messages.text("concat_cummulative_sizes"), FutureWarning, stacklevel=2)
        return self.cumulative_sizes


class StackDataset(Dataset, torch_module="torch.utils.data.dataset"):
    """Datasets side by side: sample ``i`` is the tuple (or dict) of each dataset's sample ``i``.

    Parameters
    ----------
    *args : Dataset
        Datasets of one length, whose samples come as a tuple.
    **kwargs : Dataset
        Or named datasets, whose samples come as a dict.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> images = torch.utils.data.TensorDataset(torch.arange(3.0))
    >>> labels = [10, 11, 12]
    >>> torch.utils.data.StackDataset(images, labels)[1]
    ((tensor(1.),), 11)
    >>> torch.utils.data.StackDataset(image=images, label=labels)[2]
    {'image': (tensor(2.),), 'label': 12}
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if args and kwargs:
            raise messages.error("stack_dataset_both")
        if not args and not kwargs:
            raise messages.error("stack_dataset_none")
        datasets = list(args or kwargs.values())
        self._length = len(datasets[0])
        if any(self._length != len(dataset) for dataset in datasets):
            raise messages.error("stack_dataset_sizes")
        self.datasets: tuple | dict = args or kwargs

    def __getitem__(self, index: Any) -> Any:
        if isinstance(self.datasets, dict):
            return {key: dataset[index] for key, dataset in self.datasets.items()}
        return tuple(dataset[index] for dataset in self.datasets)

    def __getitems__(self, indices: list) -> list:
        named = isinstance(self.datasets, dict)
        parts = self.datasets.items() if named else enumerate(self.datasets)
        columns = {key: self._samples_of(dataset, indices) for key, dataset in parts}
        if named:
            return [{key: column[i] for key, column in columns.items()} for i in range(len(indices))]
        return [tuple(column[i] for column in columns.values()) for i in range(len(indices))]

    @staticmethod
    def _samples_of(dataset: Any, indices: list) -> list:
        """A dataset's samples at ``indices``, through its ``__getitems__`` when it has one."""
        if not callable(getattr(dataset, "__getitems__", None)):
            return [dataset[index] for index in indices]
        items = dataset.__getitems__(indices)
        if len(items) != len(indices):
            raise messages.error("stack_dataset_items", expected=len(indices), got=len(items))
        return items

    def __len__(self) -> int:
        return self._length


__all__ = [
    "Dataset", "TensorDataset", "Subset", "random_split", "IterableDataset", "ChainDataset", "ConcatDataset",
    "StackDataset",
]  # fmt: skip
