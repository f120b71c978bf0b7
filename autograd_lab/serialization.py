"""``torch.save`` and ``torch.load``: tensors, state_dicts and models to a file and back.

The file is a pickle (not PyTorch's zip format: a file saved here loads
here).  A tensor is saved as its values, dtype and ``requires_grad``; its
graph is not saved, so a loaded tensor is a leaf, as in PyTorch.  As in
PyTorch 2.6 and later, ``load`` reads only tensors, numbers, strings and
containers unless ``weights_only=False``: unpickling anything else can run
code.

``load`` also reads the files PyTorch itself saves (a zip archive holding a
pickle and each storage's bytes), so a course's checkpoints made with
PyTorch load here: state_dicts, tensors, optimizer states, and (with
``weights_only=False``) whole models, PyTorch's classes read as
autograd_lab's.  So are the files of PyTorch before 1.6 (and of
``_use_new_zipfile_serialization=False``), which many course repositories
still hold: a few pickles, then each storage's bytes.
"""

from __future__ import annotations

import collections
import io
import os
import pickle
import struct
import threading
import zipfile
from typing import IO, Any, NamedTuple

import numpy as np

from . import messages
from ._device import device as _Device
from ._dtype import dtype
from ._storage import Pickled, place_in_memory, view_into
from .nn.parameter import is_lazy
from .tensor import Tensor, from_pickled

__all__ = ["save", "load", "add_safe_globals", "get_safe_globals", "clear_safe_globals", "safe_globals"]


def _rebuild_tensor(array: np.ndarray, requires_grad: bool, cls: type) -> Tensor:
    """How a saved tensor comes back: a leaf holding the values, of its class (Parameter too)."""
    if _loading.to_cuda:
        raise messages.error("load_to_cuda")
    tensor = Tensor._wrap(array, cls=cls)
    tensor._requires_grad = requires_grad
    return tensor


def reduce_tensor(tensor: Tensor, memories: dict | None = None) -> tuple:
    """A tensor as its memory and its place in it, as PyTorch saves a storage once and each tensor as a view
    of it: tensors saved together that share memory (``x`` and ``x[1::2]``) load sharing it (``memories``:
    one :class:`Pickled` per memory in one save), and a view saves its whole memory (the reason PyTorch's
    notes say to ``clone()`` a slice before saving it).  The memory is written as bytes, not as a NumPy
    array: ``load`` reads no NumPy object unless ``weights_only=False``, as PyTorch's refuses them."""
    array = tensor._array
    if type(array) is not np.ndarray:  # (a meta tensor: as it is)
        return _rebuild_tensor, (array, tensor.requires_grad, type(tensor))
    found = place_in_memory(array)
    if found is None:  # (a stride PyTorch's views do not have: the values alone, row by row)
        array = np.ascontiguousarray(array)
        found = array, 0
    memory, offset = found
    pickled = Pickled(memory) if memories is None else memories.setdefault(id(memory), Pickled(memory))
    place = (offset, array.shape, array.strides, array.dtype.str)
    return _rebuild_view, (pickled, place, tensor.requires_grad, type(tensor))


def _rebuild_view(memory: Pickled, place: tuple, requires_grad: bool, cls: type) -> Tensor:
    """A saved tensor back as a view of its memory (which pickle loads once for all the tensors saved with it)."""
    if _loading.to_cuda:
        raise messages.error("load_to_cuda")
    return from_pickled(memory, place, requires_grad, cls)


# What weights_only=True lets load read: containers and the tensors' own parts.
_SAFE = {
    ("collections", "OrderedDict"),
    ("builtins", "set"),
    ("builtins", "frozenset"),
    ("builtins", "slice"),
    ("builtins", "complex"),
    (__name__, "_rebuild_tensor"),
    (__name__, "_rebuild_view"),
    ("autograd_lab.tensor", "Tensor"),
    ("autograd_lab.nn.parameter", "Parameter"),
    ("autograd_lab._device", "device"),
    *(("autograd_lab._dtype", name) for name in ("float32", "float64", "int64", "bool")),
    ("autograd_lab._storage", "Pickled.from_bytes"),
    ("builtins", "bytearray"),
}


_ALLOWED: list = []  # add_safe_globals(): what the user trusts besides, in the order given


def _key(item: Any) -> tuple[str, str]:
    """(module, name) of a class or function, or of the ``(object, "module.name")`` pair PyTorch also takes."""
    if isinstance(item, tuple):
        module, _, name = item[1].rpartition(".")
        return module, name
    return item.__module__, item.__qualname__


def add_safe_globals(safe_globals: list) -> None:
    """Let ``torch.load(..., weights_only=True)`` read these classes and functions too (trust them first).

    Examples
    --------
    >>> import io, collections
    >>> import autograd_lab as torch
    >>> Point = collections.namedtuple("Point", "x y")
    >>> torch.serialization.add_safe_globals([Point])
    >>> torch.serialization.get_safe_globals() == [Point]
    True
    >>> torch.serialization.clear_safe_globals()
    """
    _ALLOWED.extend(safe_globals)


def get_safe_globals() -> list:
    """What :func:`add_safe_globals` allowed."""
    return list(_ALLOWED)


def clear_safe_globals() -> None:
    """Forget what :func:`add_safe_globals` allowed."""
    _ALLOWED.clear()


class safe_globals:  # noqa: N801 - PyTorch's name
    """``with torch.serialization.safe_globals([...]):`` allows them for the loads inside the block only."""

    def __init__(self, safe_globals: list) -> None:
        self.safe_globals = list(safe_globals)

    def __enter__(self) -> None:
        self._before = len(_ALLOWED)
        _ALLOWED.extend(self.safe_globals)

    def __exit__(self, *exc_info: object) -> None:
        del _ALLOWED[self._before :]


class _WeightsOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        allowed = (module, name) in _SAFE or any(_key(item) == (module, name) for item in _ALLOWED)
        if allowed or module.startswith("numpy.dtypes"):
            return super().find_class(module, name)
        # (named as PyTorch names it: the torch module a class of ours stands for; a builtin by its name alone)
        shown = name if module == "builtins" else f"{module.replace('autograd_lab', 'torch', 1)}.{name}"
        raise pickle.UnpicklingError(messages.text("load_weights_only", what=shown))


class _Pickler(pickle.Pickler):
    def __init__(self, file: IO[bytes], protocol: int) -> None:
        super().__init__(file, protocol=protocol)
        self.memories: dict = {}  # one Pickled per memory: the tensors that share it load sharing it

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, Tensor):
            return obj.__reduce_ex__(4) if is_lazy(obj) else reduce_tensor(obj, self.memories)
        return NotImplemented


def save(obj: Any, f: str | os.PathLike | IO[bytes], pickle_protocol: int = 2, **kwargs: Any) -> None:
    """Save ``obj`` (a tensor, a state_dict, a model, any picklable object) to a file.

    Examples
    --------
    >>> import io
    >>> import autograd_lab as torch
    >>> buffer = io.BytesIO()
    >>> torch.save({"w": torch.tensor([1.0, 2.0])}, buffer)
    >>> _ = buffer.seek(0)
    >>> torch.load(buffer)
    {'w': tensor([1., 2.])}
    """
    if isinstance(f, (str, os.PathLike)):
        folder = os.path.dirname(os.fspath(f))
        if folder and not os.path.isdir(folder):
            raise messages.error("save_missing_directory", folder=folder)
        with open(f, "wb") as file:
            _Pickler(file, protocol=max(pickle_protocol, 4)).dump(obj)
    else:
        _Pickler(f, protocol=max(pickle_protocol, 4)).dump(obj)


def load(
    f: str | os.PathLike | IO[bytes], map_location: Any = None, weights_only: bool = True, **kwargs: Any
) -> Any:
    """Load what :func:`save` wrote.  ``weights_only=False`` also loads whole models (trust the file first).

    Examples
    --------
    >>> import io
    >>> import autograd_lab as torch
    >>> buffer = io.BytesIO()
    >>> torch.save(torch.ones(2), buffer)
    >>> _ = buffer.seek(0)
    >>> torch.load(buffer)
    tensor([1., 1.])
    """
    if isinstance(f, (str, os.PathLike)):
        with open(f, "rb") as file:
            return load(io.BytesIO(file.read()), map_location, weights_only)
    # (PyTorch raises when a tensor's storage is read, so it is checked there)
    _loading.to_cuda, _loading.map_location = _to_cuda(map_location), map_location
    try:
        if f.read(2) == b"PK":  # PyTorch's own format: a zip archive
            f.seek(-2, io.SEEK_CUR)
            with zipfile.ZipFile(f) as archive:
                return _load_archive(archive, weights_only)
        f.seek(-2, io.SEEK_CUR)
        unpickler = _WeightsOnly(f) if weights_only else pickle.Unpickler(f)
        loaded = unpickler.load()
        if type(loaded) is int and loaded == _LEGACY_MAGIC:  # (PyTorch's file begins with this number)
            return _load_legacy(f, weights_only)
        return loaded
    finally:
        _loading.to_cuda, _loading.map_location = False, None


class _Loading(threading.local):
    to_cuda = False  # map_location asked for a GPU: reading a tensor raises, as in PyTorch without CUDA
    unfilled: list | None = None  # a legacy file's tensors, made before their storages' bytes are read
    map_location: Any = None


_loading = _Loading()


def _to_cuda(map_location: Any) -> bool:
    """Whether ``map_location`` asks for a GPU (``"cuda:0"``, a cuda device, or a dict mapping to one)."""
    places = map_location.values() if isinstance(map_location, dict) else (map_location,)
    return any(isinstance(place, (str, _Device)) and str(place).startswith("cuda") for place in places)


def _check_restored_here(location: str | bytes) -> None:
    """PyTorch's ``default_restore_location`` for a storage saved at ``location`` (``"cpu"``, ``"cuda:0"``):
    where ``map_location`` puts it; on a GPU, there being none, PyTorch's error."""
    location = location.decode("ascii") if isinstance(location, bytes) else location
    map_location = _loading.map_location
    if map_location is None:
        target = location
    elif isinstance(map_location, dict):
        target = map_location.get(location, location)
    elif isinstance(map_location, (str, _Device)):
        target = map_location
    else:
        return  # a function decides (lessons pass ``lambda storage, loc: storage``, which keeps it here)
    if str(target).startswith("cuda"):
        if location.startswith("cuda"):
            raise messages.error("load_saved_on_cuda")
        raise messages.error("load_to_cuda")


# -- files saved by PyTorch ------------------------------------------------------------------------------------


class _StorageType(NamedTuple):
    """``torch.FloatStorage`` ... in PyTorch's pickle: which dtype a storage's bytes hold."""

    dtype: np.dtype


_STORAGE_TYPES = {
    f"{name}Storage": _StorageType(np.dtype(dtype))
    for name, dtype in (
        ("Float", np.float32), ("Double", np.float64), ("Half", np.float16), ("Long", np.int64),
        ("Int", np.int32), ("Short", np.int16), ("Char", np.int8), ("Byte", np.uint8), ("Bool", np.bool_),
    )
}  # fmt: skip


def _rebuild_from_storage(
    storage: np.ndarray,
    offset: int,
    size: tuple,
    stride: tuple,
    requires_grad: bool,
    *hooks_and_metadata: Any,
) -> Tensor:
    """PyTorch's ``_rebuild_tensor_v2``: the tensor's elements read out of its storage (a leaf)."""
    if _loading.unfilled is not None:  # (a legacy file: the storage's bytes come after the pickle)
        array = np.empty(tuple(size), storage.dtype)
        _loading.unfilled.append((array, storage, offset, stride))
    else:
        array = _elements(storage, offset, tuple(size), stride)
    return _rebuild_tensor(array, requires_grad, Tensor)


def _elements(storage: np.ndarray, offset: int, size: tuple, stride: tuple) -> np.ndarray:
    """The elements a tensor of ``size`` and ``stride`` (in elements) reads from ``storage`` at ``offset``: a view,
    so that tensors saved from one storage share it again (read-only where a stride is 0, as expand's views)."""
    strides = tuple(step * storage.itemsize for step in stride)
    buffer = storage if storage.flags.c_contiguous else storage.copy()
    return view_into(buffer, storage.dtype, offset * storage.itemsize, tuple(size), strides)


def _rebuild_parameter(
    data: Tensor, requires_grad: bool, backward_hooks: Any, state: dict | None = None
) -> Any:
    """PyTorch's ``_rebuild_parameter`` (and ``_with_state``): a Parameter around the loaded tensor."""
    from .nn.parameter import Parameter

    parameter = Parameter(data, requires_grad)
    for name, value in (state or {}).items():  # (attributes set on it in Python)
        setattr(parameter, name, value)
    return parameter


def _rebuild_from_type(function: Any, new_type: type, args: tuple, state: dict) -> Any:
    """PyTorch's ``_rebuild_from_type_v2``: a tensor rebuilt, then made the subclass it was saved as."""
    tensor = function(*args)
    if new_type is not type(tensor) and isinstance(new_type, type) and issubclass(new_type, Tensor):
        tensor = _rebuild_tensor(tensor._array, tensor.requires_grad, new_type)
    for name, value in (state or {}).items():
        setattr(tensor, name, value)
    return tensor


# PyTorch's names for what its files hold, read as ours (weights_only allows these, as PyTorch's does)
_PYTORCH_GLOBALS = {
    ("torch._utils", "_rebuild_tensor_v2"): _rebuild_from_storage,
    ("torch._utils", "_rebuild_parameter"): _rebuild_parameter,
    ("torch._utils", "_rebuild_parameter_with_state"): _rebuild_parameter,
    ("torch._tensor", "_rebuild_from_type_v2"): _rebuild_from_type,
    ("collections", "OrderedDict"): collections.OrderedDict,
    **{("torch", name): storage for name, storage in _STORAGE_TYPES.items()},
}


class _ArchiveUnpickler(_WeightsOnly):
    """Reads the pickle inside PyTorch's archive: its storages from the archive's other entries."""

    def __init__(self, file: IO[bytes], archive: zipfile.ZipFile, prefix: str, weights_only: bool) -> None:
        super().__init__(file)
        self.archive, self.prefix, self.weights_only = archive, prefix, weights_only
        self.storages: dict[str, np.ndarray] = {}  # (tensors of one storage are read from the same bytes)

    def persistent_load(self, pid: tuple) -> np.ndarray:
        _, storage_type, key, location, _numel = pid  # ("storage", torch.FloatStorage, "0", "cpu", numel)
        _check_restored_here(location)
        if key not in self.storages:
            raw = self.archive.read(f"{self.prefix}data/{key}")
            self.storages[key] = np.frombuffer(raw, storage_type.dtype.newbyteorder("<")).astype(
                storage_type.dtype
            )
        return self.storages[key]

    def find_class(self, module: str, name: str) -> Any:
        found = _PYTORCH_GLOBALS.get((module, name))
        if found is not None:
            return found
        if module == "torch" and (
            name in ("Size", "device") or isinstance(getattr(_package(), name, None), dtype)
        ):
            return getattr(_package(), name)
        if module == "torch" or module.startswith("torch."):  # torch.nn.modules.linear.Linear ...: ours
            module = "autograd_lab" + module[len("torch") :]
        if self.weights_only:
            return super().find_class(module, name)
        return pickle.Unpickler.find_class(self, module, name)


_LEGACY_MAGIC = 0x1950A86A20F9469CFC6C
_LEGACY_PROTOCOL = 1001


class _LegacyUnpickler(_ArchiveUnpickler):
    """Reads the pickle of PyTorch's legacy file: each storage is made empty, and filled once the pickle is read."""

    def __init__(self, file: IO[bytes], weights_only: bool) -> None:
        _WeightsOnly.__init__(self, file)
        self.weights_only = weights_only
        self.storages = {}
        self.views: dict[str, np.ndarray] = {}

    def persistent_load(self, pid: tuple) -> Any:
        kind = pid[0].decode("ascii") if isinstance(pid[0], bytes) else pid[0]
        if kind == "module":  # ("module", class, source file, source): a whole model's class
            return pid[1]
        storage_type, key, location, numel, view = pid[1:]
        _check_restored_here(location)
        if key not in self.storages:
            self.storages[key] = np.empty(numel, storage_type.dtype)
        storage = self.storages[key]
        if view is not None:  # (view key, offset, size): a part of the storage, as old PyTorch saved one
            view_key, offset, view_size = view
            storage = self.views.setdefault(view_key, storage[offset : offset + view_size])
        return storage


def _load_legacy(f: IO[bytes], weights_only: bool) -> Any:
    """PyTorch's file before 1.6: after the magic number, pickles of the protocol (1001), of the system's
    byte order and sizes, of the object, of its storages' keys; then each storage as its element count
    (int64) and its bytes, little-endian, as every machine PyTorch runs on writes them."""
    protocol = _WeightsOnly(f).load()
    if protocol != _LEGACY_PROTOCOL:
        raise messages.error("load_legacy_protocol", protocol=protocol)
    _WeightsOnly(f).load()  # (the system's information: little-endian, long = 8 bytes)
    unpickler = _LegacyUnpickler(f, weights_only)
    _loading.unfilled = []
    try:
        loaded = unpickler.load()
        unfilled, _loading.unfilled = _loading.unfilled, None
        for key in _WeightsOnly(f).load():
            storage = unpickler.storages[key]
            (count,) = struct.unpack("<q", f.read(8))
            storage[:count] = np.frombuffer(f.read(count * storage.itemsize), storage.dtype.newbyteorder("<"))
        for array, storage, offset, stride in unfilled:
            array[...] = _elements(storage, offset, array.shape, stride)
    finally:
        _loading.unfilled = None
    return loaded


def _package() -> Any:
    import autograd_lab

    return autograd_lab


def _load_archive(archive: zipfile.ZipFile, weights_only: bool) -> Any:
    """What PyTorch's ``torch.save`` wrote: the pickle ``<name>/data.pkl``, each storage's bytes in
    ``<name>/data/<key>`` (little-endian, as every machine PyTorch runs on writes them)."""
    pickled = next(name for name in archive.namelist() if name.endswith("/data.pkl"))
    prefix = pickled[: -len("data.pkl")]
    return _ArchiveUnpickler(io.BytesIO(archive.read(pickled)), archive, prefix, weights_only).load()
