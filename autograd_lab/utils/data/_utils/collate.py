"""How samples are glued into a batch: :func:`default_collate`, and :func:`default_convert` for unbatched samples.

:func:`collate` goes into tuples, lists and dicts and hands each leaf type to
the function ``collate_fn_map`` names for it; ``default_collate_fn_map`` is
PyTorch's table (tensors are stacked, numbers become a tensor, strings stay a
list), and a lesson may extend it in place, as PyTorch's docs show.

Examples
--------
>>> import autograd_lab as torch
>>> from autograd_lab.utils.data._utils.collate import collate, default_collate_fn_map
>>> def halve_floats(batch, *, collate_fn_map=None):
...     return torch.tensor(batch) / 2
>>> collate([(1.0, 2), (3.0, 4)], collate_fn_map={**default_collate_fn_map, float: halve_floats})
[tensor([0.5000, 1.5000]), tensor([2, 4])]
"""

from __future__ import annotations

import collections.abc
import copy
import re
from collections.abc import Callable
from typing import Any

import numpy as np

import autograd_lab

from .... import messages
from ....tensor import Tensor

_STRING_OR_OBJECT = re.compile(r"[SaUO]")  # NumPy dtypes that cannot become a tensor

CollateMap = dict[Any, Callable[..., Any]]


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


def collate(batch: list[Any], *, collate_fn_map: CollateMap | None = None) -> Any:
    """Glue a list of samples into a batch: containers item by item, leaves by ``collate_fn_map``.

    A leaf's type is looked up in ``collate_fn_map`` first exactly, then by
    ``isinstance`` in the table's order; each function is called as
    ``fn(batch, collate_fn_map=collate_fn_map)``.

    Examples
    --------
    >>> from autograd_lab.utils.data._utils.collate import collate, default_collate_fn_map
    >>> collate([{"x": 1}, {"x": 2}], collate_fn_map=default_collate_fn_map)
    {'x': tensor([1, 2])}
    """
    first = batch[0]
    kind = type(first)
    if collate_fn_map is not None:
        if kind in collate_fn_map:
            return collate_fn_map[kind](batch, collate_fn_map=collate_fn_map)
        for types in collate_fn_map:
            if isinstance(first, types):
                return collate_fn_map[types](batch, collate_fn_map=collate_fn_map)

    def glue(
        items: Any,
    ) -> Any:  # (a column of a batch of tuples stays the tuple zip makes, as PyTorch's does)
        return collate(items, collate_fn_map=collate_fn_map)

    if isinstance(first, collections.abc.Mapping):
        return _rebuild_mapping(first, {key: glue([sample[key] for sample in batch]) for key in first})
    if isinstance(first, tuple) and hasattr(first, "_fields"):
        return kind(*(glue(items) for items in zip(*batch, strict=False)))
    if isinstance(first, collections.abc.Sequence):
        size = len(first)
        if not all(len(sample) == size for sample in batch):
            raise messages.error("collate_sizes")
        columns = [glue(items) for items in zip(*batch, strict=False)]
        return columns if isinstance(first, tuple) else _rebuild_sequence(first, columns)
    raise messages.error("collate_type", found=kind)


def collate_tensor_fn(batch: list[Tensor], *, collate_fn_map: CollateMap | None = None) -> Tensor:
    """Tensors stacked along a new first dimension."""
    return autograd_lab.stack(batch, 0)


def collate_numpy_array_fn(batch: list[np.ndarray], *, collate_fn_map: CollateMap | None = None) -> Any:
    """NumPy arrays made tensors, then stacked (arrays of strings or objects cannot be)."""
    if _STRING_OR_OBJECT.search(batch[0].dtype.str):
        raise messages.error("collate_type", found=batch[0].dtype)
    return collate([autograd_lab.as_tensor(array) for array in batch], collate_fn_map=collate_fn_map)


def collate_numpy_scalar_fn(batch: list[Any], *, collate_fn_map: CollateMap | None = None) -> Tensor:
    """NumPy scalars as one tensor of their dtype."""
    return autograd_lab.as_tensor(batch)


def collate_float_fn(batch: list[float], *, collate_fn_map: CollateMap | None = None) -> Tensor:
    """Python floats as a float64 tensor."""
    return autograd_lab.tensor(batch, dtype=autograd_lab.float64)


def collate_int_fn(batch: list[int], *, collate_fn_map: CollateMap | None = None) -> Tensor:
    """Python ints as an int64 tensor."""
    return autograd_lab.tensor(batch)


def collate_str_fn(batch: list[Any], *, collate_fn_map: CollateMap | None = None) -> list[Any]:
    """Strings and bytes stay a list."""
    return batch


default_collate_fn_map: CollateMap = {
    Tensor: collate_tensor_fn,
    np.ndarray: collate_numpy_array_fn,
    (np.bool_, np.number, np.object_): collate_numpy_scalar_fn,
    float: collate_float_fn,
    int: collate_int_fn,
    str: collate_str_fn,
    bytes: collate_str_fn,
}


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
    return collate(batch, collate_fn_map=default_collate_fn_map)


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


__all__ = ["collate", "default_collate", "default_collate_fn_map", "default_convert"]
