"""What a DataLoader worker knows about itself, and the random state each simulated worker keeps.

PyTorch's workers are processes: each gets its own copy of the dataset and
seeds its generators with ``base_seed + worker_id`` (``torch.manual_seed``,
``random.seed``, and NumPy's global generator from a seed sequence of both)
before running ``worker_init_fn``.  Here the workers run in this process, one
task at a time: :class:`SimulatedWorker` holds a worker's copy of the dataset
and its three random states, and :meth:`SimulatedWorker.running` swaps them
in while the worker's code runs, so every draw a dataset, a transform or
``worker_init_fn`` makes is the draw PyTorch's worker makes, and the main
process's generators are left as PyTorch leaves them.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import io
import pickle
import random
import traceback
import types
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from .... import _random, messages
from ...._classname import PyTorchName
from ....tensor import Tensor

_worker_info: WorkerInfo | None = None


@dataclasses.dataclass(frozen=True)
class WorkerInfo(metaclass=PyTorchName, torch_module="torch.utils.data._utils.worker"):
    """Who the current worker is: what :func:`get_worker_info` returns inside one.

    Attributes
    ----------
    id : int
        This worker's number, ``0`` to ``num_workers - 1``.
    num_workers : int
        How many workers the loader has.
    seed : int
        The seed of this worker's generators: the loader's base seed plus ``id``.
    dataset : Dataset
        This worker's own copy of the dataset.

    Examples
    --------
    >>> from autograd_lab.utils.data._utils.worker import WorkerInfo
    >>> WorkerInfo(id=0, num_workers=2, seed=7, dataset=None)
    WorkerInfo(id=0, num_workers=2, seed=7, dataset=None, rng=None, worker_method='multiprocessing')
    """

    id: int
    num_workers: int
    seed: int
    dataset: Any
    rng: Any = None
    worker_method: str | None = "multiprocessing"


def get_worker_info() -> WorkerInfo | None:
    """Inside a DataLoader worker, who it is (its id, the number of workers, its seed, its dataset copy); else ``None``.

    A dataset's ``__iter__`` or the loader's ``worker_init_fn`` use it to give
    each worker its own share of an :class:`~autograd_lab.utils.data.IterableDataset`.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> print(torch.utils.data.get_worker_info())
    None
    >>> class Ids(torch.utils.data.IterableDataset):
    ...     def __iter__(self):
    ...         yield torch.utils.data.get_worker_info().id
    >>> list(torch.utils.data.DataLoader(Ids(), num_workers=2))
    [tensor([0]), tensor([1])]
    """
    return _worker_info


class SimulatedWorker:
    """One worker process, run inside this one: its dataset copy, its random states, and its failures.

    Parameters
    ----------
    dataset : Dataset
        The loader's dataset; the worker keeps a copy of its own.
    worker_id, num_workers : int
        Which worker this is, of how many.
    base_seed : int
        The seed the loader's iterator drew; this worker's seed is ``base_seed + worker_id``.
    """

    def __init__(self, dataset: Any, worker_id: int, num_workers: int, base_seed: int) -> None:
        seed = base_seed + worker_id
        self.info = WorkerInfo(id=worker_id, num_workers=num_workers, seed=seed, dataset=_copy_of(dataset))
        self._generator = _random.Generator().manual_seed(seed)
        self._python_state = random.Random(seed).getstate()
        numpy_seed = np.random.SeedSequence([worker_id, base_seed & 0xFFFFFFFF, base_seed >> 32, 0])
        self._numpy_state = np.random.RandomState(numpy_seed.generate_state(4)).get_state()
        self.failure: BaseException | None = (
            None  # an error met when starting, sent back with the first batch
        )
        self.fetcher: Any = None

    @contextlib.contextmanager
    def running(self) -> Iterator[None]:
        """Run a piece of the worker: its generators and worker info in place, the main process's put back after."""
        global _worker_info
        main_generator = _random.default_generator
        _swap_generators(main_generator, self._generator)
        main_python_state, main_numpy_state = random.getstate(), np.random.get_state()
        random.setstate(self._python_state)
        np.random.set_state(self._numpy_state)
        main_info, _worker_info = _worker_info, self.info
        try:
            yield
        finally:
            _worker_info = main_info
            self._python_state, self._numpy_state = random.getstate(), np.random.get_state()
            random.setstate(main_python_state)
            np.random.set_state(main_numpy_state)
            _swap_generators(main_generator, self._generator)

    def call(
        self, function: Callable[..., Any], *args: Any, passing: tuple[type[Exception], ...] = ()
    ) -> Any:
        """``function(*args)`` inside the worker; an error comes out as PyTorch re-raises a worker's error in
        the main process (except those in ``passing``, such as the StopIteration that ends a stream)."""
        try:
            with self.running():
                return function(*args)
        except passing:
            raise
        except Exception as error:  # noqa: BLE001 - PyTorch catches them all and re-raises in the main process
            raise _in_worker(error, self.info.id) from None

    def raise_failure(self) -> None:
        """Raise the error the worker met, as the main process receives it (once)."""
        failure, self.failure = self.failure, None
        if failure is not None:
            raise failure


def _swap_generators(first: _random.Generator, second: _random.Generator) -> None:
    """Exchange two generators' states, so that ``torch.rand`` draws from the worker's while it runs."""
    for slot in _random.Generator.__slots__:
        held = getattr(first, slot)
        setattr(first, slot, getattr(second, slot))
        setattr(second, slot, held)


# Shared with the workers rather than copied: tensors and arrays (PyTorch's workers share tensor memory), and what
# copy.deepcopy shares too (functions, classes, modules), so that a lambda transform or a class defined in a
# function does not stop the copy.
_SHARED_TYPES = (Tensor, np.ndarray, types.FunctionType, types.BuiltinFunctionType, type, types.ModuleType)


class _SharingPickler(pickle.Pickler):
    """Pickles a dataset for a worker, keeping aside (by reference) what the worker shares with the main process."""

    def __init__(self, file: Any, shared: list[Any]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.shared = shared

    def persistent_id(self, obj: Any) -> int | None:
        if isinstance(obj, _SHARED_TYPES):
            self.shared.append(obj)
            return len(self.shared) - 1
        return None


class _SharingUnpickler(pickle.Unpickler):
    """Unpickles what :class:`_SharingPickler` wrote, putting the shared objects back in place."""

    def __init__(self, file: Any, shared: list[Any]) -> None:
        super().__init__(file)
        self.shared = shared

    def persistent_load(self, pid: Any) -> Any:
        return self.shared[pid]


def _copy_of(dataset: Any) -> Any:
    """The worker's copy of the dataset, as PyTorch pickles it to the worker (with tensors shared).

    What cannot be pickled (an open file, a generator) is deep-copied instead, and what cannot be
    copied either is used as it is (a forked worker would have its own copy: the nearest here).
    """
    shared: list[Any] = []
    buffer = io.BytesIO()
    try:
        _SharingPickler(buffer, shared).dump(dataset)
        buffer.seek(0)
        return _SharingUnpickler(buffer, shared).load()
    except Exception:  # noqa: BLE001 - pickling can fail in many ways; a copy is the next best
        pass
    try:
        return copy.deepcopy(dataset)
    except Exception:  # noqa: BLE001
        return dataset


def _in_worker(error: Exception, worker_id: int) -> BaseException:
    """The error as PyTorch re-raises it in the main process: its type, ``Caught ... in DataLoader worker process
    N.`` and the worker's traceback (a RuntimeError if the type cannot be made from a message)."""
    kind = type(error)
    fields = {
        "name": kind.__name__,
        "where": f"in DataLoader worker process {worker_id}",
        "traceback": "".join(traceback.format_exception(kind, error, error.__traceback__)),
    }
    message = messages.text("loader_worker_error", **fields)
    if kind is KeyError:
        return KeyError(_KeyErrorMessage(message))
    try:
        return kind(message)
    except Exception:  # noqa: BLE001 - PyTorch's ExceptionWrapper falls back the same way
        return RuntimeError(message)


class _KeyErrorMessage(str):
    """A KeyError's message that prints as it is (a KeyError prints its argument's repr otherwise)."""

    def __repr__(self) -> str:
        return str(self)


__all__ = ["WorkerInfo", "get_worker_info"]
