"""``torch.utils.data.distributed``: each process of a distributed run reads its own share of a dataset.

autograd_lab runs in one process, so there is no process group to ask for the number of processes
and this one's rank: without ``num_replicas`` and ``rank`` the sampler raises PyTorch's
``ValueError``, as PyTorch does before ``init_process_group``.  Given them, it hands out the same
indices as PyTorch's: a permutation drawn from a generator seeded ``seed + epoch``, padded (or cut)
to a multiple of the replicas, every ``num_replicas``-th index from ``rank``.

Examples
--------
>>> from autograd_lab.utils.data.distributed import DistributedSampler
>>> sampler = DistributedSampler(range(10), num_replicas=3, rank=1)
>>> list(sampler), len(sampler)
([1, 3, 8, 4], 4)
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sized

from ... import distributed, messages
from .sampler import Sampler

__all__ = ["DistributedSampler"]


class DistributedSampler(Sampler[int], torch_module="torch.utils.data.distributed"):
    """The indices of ``dataset`` one process of ``num_replicas`` reads (``rank``), reshuffled each epoch."""

    def __init__(
        self,
        dataset: Sized,
        num_replicas: int | None = None,
        rank: int | None = None,
        shuffle: bool = True,
        seed: int = 0,
        drop_last: bool = False,
    ) -> None:
        if num_replicas is None:
            num_replicas = distributed.get_world_size()  # (raises: there is no process group)
        if rank is None:
            rank = distributed.get_rank()
        if rank >= num_replicas or rank < 0:
            raise messages.error("distributed_sampler_rank", rank=rank, last=num_replicas - 1)
        self.dataset, self.num_replicas, self.rank = dataset, num_replicas, rank
        self.epoch, self.drop_last, self.shuffle, self.seed = 0, drop_last, shuffle, seed
        size = len(dataset)
        if drop_last and size % num_replicas:
            self.num_samples = math.ceil((size - num_replicas) / num_replicas)  # the remainder is left out
        else:
            self.num_samples = math.ceil(size / num_replicas)  # the last indices are read twice
        self.total_size = self.num_samples * num_replicas

    def __iter__(self) -> Iterator[int]:
        import autograd_lab

        size = len(self.dataset)
        if self.shuffle:
            generator = autograd_lab.Generator()
            generator.manual_seed(self.seed + self.epoch)
            indices = autograd_lab.randperm(size, generator=generator).tolist()
        else:
            indices = list(range(size))
        if self.drop_last:
            indices = indices[: self.total_size]
        else:
            missing = self.total_size - size
            indices += (
                (indices * math.ceil(missing / size))[:missing] if missing > size else indices[:missing]
            )
        return iter(indices[self.rank : self.total_size : self.num_replicas])

    def __len__(self) -> int:
        return self.num_samples

    def set_epoch(self, epoch: int) -> None:
        """Reshuffle for ``epoch`` (each process sets the same epoch, so that their shares stay apart)."""
        self.epoch = epoch
