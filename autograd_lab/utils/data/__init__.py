"""``autograd_lab.utils.data``: datasets and mini-batch loading, as ``torch.utils.data``.

- ``dataset.py``: ``Dataset``, ``TensorDataset``, ``Subset``, ``random_split``;
- ``sampler.py``: the order of the indices, and batches of them;
- ``dataloader.py``: ``DataLoader``, with worker processes simulated in this one;
- ``_utils/collate.py``: ``default_collate``, ``default_convert`` and ``collate``;
- ``_utils/worker.py``: ``get_worker_info`` and each simulated worker's dataset copy and random state;
- ``_draws.py``: every random draw the shuffling makes, in PyTorch's order.

Examples
--------
>>> import autograd_lab as torch
>>> from autograd_lab.utils.data import DataLoader, TensorDataset
>>> x = torch.arange(12.0).reshape(6, 2)
>>> y = torch.arange(6)
>>> loader = DataLoader(TensorDataset(x, y), batch_size=4, shuffle=True)
>>> [tuple(xb.shape) for xb, yb in loader]
[(4, 2), (2, 2)]
"""

from .dataloader import DataLoader, default_collate, default_convert
from .dataset import Dataset, Subset, TensorDataset, random_split
from .sampler import BatchSampler, RandomSampler, Sampler, SequentialSampler

__all__ = [
    "BatchSampler",
    "DataLoader",
    "Dataset",
    "RandomSampler",
    "Sampler",
    "SequentialSampler",
    "Subset",
    "TensorDataset",
    "default_collate",
    "default_convert",
    "random_split",
]

# -- concatenated and iterable datasets, weighted sampling (branch nn_e) ------------------------------------
from .dataset import ChainDataset, ConcatDataset, IterableDataset  # noqa: E402
from .sampler import WeightedRandomSampler  # noqa: E402

__all__ += ["ChainDataset", "ConcatDataset", "IterableDataset", "WeightedRandomSampler"]

from .sampler import SubsetRandomSampler  # noqa: E402

__all__ += ["SubsetRandomSampler"]

# -- simulated workers, StackDataset (branch s13_data) ------------------------------------------------------
from ._utils.worker import get_worker_info  # noqa: E402
from .dataset import StackDataset  # noqa: E402

__all__ += ["StackDataset", "get_worker_info"]

from .distributed import DistributedSampler  # noqa: E402

__all__ += ["DistributedSampler"]
