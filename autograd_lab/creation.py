"""Making tensors: from data, filled, ranges, and random draws.

Every factory takes PyTorch's keywords (``size=``, ``dtype=``, ``device=``,
``requires_grad=``, and ``generator=`` for random ones).  Floating tensors
get the default dtype (``float32`` unless :func:`set_default_dtype` changed
it).  The values are PyTorch's, bit for bit, where its algorithm is simple:
``linspace`` and ``arange`` compute as PyTorch's CPU kernels do, and random
draws come from PyTorch's generator (``autograd_lab._random``).
"""

from __future__ import annotations

import builtins
import math
import operator
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

import autograd_lab

from . import _random, messages
from ._device import META, MetaArray, as_device, on_meta
from ._dtype import (
    _BY_NUMPY,
    Size,
    default_float,
    dtype,
    float16,
    float32,
    float64,
    from_numpy_dtype,
    int8,
    int16,
    int32,
    int64,
    uint8,
)
from ._dtype import bool as bool_
from ._fused import fma32, fma64
from ._grad_mode import _grad_mode
from ._memory_format import laid_out, preserve_format
from ._random import Generator
from ._storage import TypedStorage
from .messages import errors
from .tensor import INFERENCE, Tensor, as_index

__all__ = [
    "tensor",
    "as_tensor",
    "from_numpy",
    "zeros",
    "ones",
    "empty",
    "full",
    "zeros_like",
    "ones_like",
    "full_like",
    "rand_like",
    "randn_like",
    "empty_like",
    "randint_like",
    "eye",
    "arange",
    "linspace",
    "rand",
    "randn",
    "randint",
    "randperm",
    "FloatTensor",
    "DoubleTensor",
    "LongTensor",
    "BoolTensor",
    "IntTensor",
    "ByteTensor",
    "ShortTensor",
    "CharTensor",
    "HalfTensor",
    "frombuffer",
    "asarray",
    "empty_strided",
    "hann_window",
    "hamming_window",
    "blackman_window",
    "bartlett_window",
    "kaiser_window",
    "range",
]


# -- from data --------------------------------------------------------------


def _warn_of_arrays(data: Any, kinds: set) -> None:
    """PyTorch's warning for a list of NumPy arrays (slow to read one number at a time)."""
    if np.ndarray in kinds:
        for _ in _arrays_in(data):  # (once per array under set_warn_always, as PyTorch's reader)
            messages.warn_once("list_of_arrays_slow", stacklevel=None)


def _python_data_to_array(data: Any, dtype_: dtype | None) -> np.ndarray:
    """Convert nested lists of numbers with PyTorch's rules for the element type."""
    if isinstance(data, Tensor):
        array = data._array.copy()
    elif isinstance(data, (np.ndarray, np.generic)):
        from_numpy_dtype(data.dtype)  # raises PyTorch's error for unsupported types
        if isinstance(data, np.ndarray):
            _check_numpy_layout(data)
        array = np.array(data)
    else:
        kinds = _leaf_kinds(data)
        if any(_other_sequence(kind) for kind in kinds):  # a range, a pandas Series: read item by item
            data = _as_lists(data)
            kinds = _leaf_kinds(data)
        _warn_of_arrays(data, kinds)
        if any(issubclass(kind, Tensor) for kind in kinds):
            data = _numbers_of_tensors(data)
            kinds = _leaf_kinds(data)
        _check_leaf_kinds(kinds, isinstance(data, (list, tuple)))
        floats = dtype_.is_floating_point if dtype_ is not None else any(_is_float_kind(k) for k in kinds)
        _check_nested(data, floats)
        array = np.array(data)
        if array.dtype == np.uint64 or (array.dtype == object and int in kinds):  # (beyond int64)
            raise messages.error("data_int_overflow")
        typed = _promoted_leaf_type(kinds, data) if dtype_ is None else None
        # NumPy scalars or tensors among the numbers: their types count, promoted (PyTorch's rule: a float64
        # among Python floats keeps float64); Python floats make the default float32, a float64 array in
        # the list float64; an explicit dtype is applied below, straight from the float64 values.
        if typed is not None:
            array = array.astype(typed)
        elif array.dtype.kind == "f":
            if dtype_ is None:
                wide = np.ndarray in kinds and _holds_float64(data)
                array = array.astype(np.float64 if wide else default_float().numpy)
        elif array.dtype.kind in "iu":
            array = array.astype(np.int64)
        elif array.size == 0 and array.dtype.kind not in "b":
            array = array.astype(default_float().numpy)
        elif array.dtype.kind == "c":
            raise messages.error("complex_data", type_name="complex")
        elif array.dtype.kind not in "b":
            raise errors.invalid_data_type(type(_first_leaf(data)).__name__)
        if dtype_ is not None and dtype_.numpy.kind in "iu" and array.size and array.dtype.kind in "iuf":
            _check_fits(array, dtype_.numpy)
    if dtype_ is not None:
        array = array.astype(dtype_.numpy, copy=False)
    elif array.dtype not in (np.float32, np.float64, np.int64, np.bool_):
        array = array.astype(from_numpy_dtype(array.dtype).numpy)
    return array


def _other_sequence(kind: type) -> bool:
    """Whether PyTorch reads values of this type as a sequence of values (``PySequence_Check``: it has
    ``__getitem__`` and is no dict): a ``range``, a pandas Series."""
    plain = (dict, str, bytes, list, tuple, np.ndarray, np.generic, Tensor)
    return hasattr(kind, "__getitem__") and hasattr(kind, "__len__") and not issubclass(kind, plain)


def _as_lists(data: Any) -> Any:
    """Nested lists with each sequence in them read as PyTorch reads it: ``data[0], data[1] ...`` give its shape
    and the numbers' types (a Series of int32 stays int32), iterating it gives the values in order (a Series
    labelled 2, 0, 1 gives its values as they stand); one without ``data[0]`` (a Series with string labels, a
    DataFrame) raises PyTorch's ValueError."""
    if isinstance(data, (list, tuple)):
        return [_as_lists(item) for item in data]
    if not _other_sequence(type(data)):
        return data
    try:
        items = [data[i] for i in builtins.range(len(data))]  # (this module's range is torch.range)
    except (KeyError, IndexError, TypeError, ValueError):
        raise messages.error("data_shape_unknown", type_name=type(data).__name__) from None
    values = list(data)
    return [
        _as_lists(item.dtype.type(value) if isinstance(item, np.generic) else value)
        for item, value in zip(items, values, strict=True)
    ]


def _numbers_of_tensors(data: Any) -> Any:
    """Nested lists with each tensor in them replaced by its one number, as PyTorch reads a tensor in a list.

    ``torch.tensor([torch.tensor([3]), torch.tensor([1])])`` is ``tensor([3, 1])``, not a (2, 1) stack;
    a tensor of more than one element is refused (``torch.stack`` joins tensors).
    """
    if isinstance(data, Tensor):
        array = data._array
        if array.size != 1 and array.dtype.kind in "iub":
            raise messages.error("tensor_in_list_integer")
        if array.size != 1:
            raise messages.error("tensor_in_list_float")
        if data.requires_grad:
            messages.warn_once("list_tensor_requires_grad", stacklevel=None)
        return array.reshape(-1)[0]  # (a NumPy scalar: its dtype counts)
    if isinstance(data, (list, tuple)) and any(isinstance(item, (Tensor, list, tuple)) for item in data):
        return [_numbers_of_tensors(item) for item in data]
    return data


def _leaf_kinds(data: Any) -> set:
    """The types of the numbers in nested lists (each list's items typed at C speed: a million numbers
    take milliseconds, where a Python test of each took a third of a second)."""
    if not isinstance(data, (list, tuple)):
        return {type(data)}
    kinds = set(map(type, data))
    if list in kinds or tuple in kinds:
        kinds -= {list, tuple}
        for item in data:
            if type(item) in (list, tuple):
                kinds |= _leaf_kinds(item)
    return kinds


def _promoted_leaf_type(kinds: set, data: Any) -> np.dtype | None:
    """PyTorch's type for nested numbers among which are NumPy scalars or arrays (or tensors' numbers): every
    leaf's type promoted (a Python int counts as int64, a float as the default float; an array as its dtype:
    a list of int32 arrays gives int32), or None if none is NumPy's."""
    numpy_kinds = [np.dtype(kind) for kind in kinds if issubclass(kind, np.generic)]
    if np.ndarray in kinds:
        numpy_kinds += list({array.dtype for array in _arrays_in(data)})
        if any(kind not in _BY_NUMPY for kind in numpy_kinds):
            return None  # (a type PyTorch has and this library not: refused below)
    if not numpy_kinds:
        return None
    python = {bool: np.dtype(np.bool_), int: np.dtype(np.int64), float: default_float().numpy}
    from .ops._core import _promoted  # (PyTorch's promote_types)

    return _promoted(numpy_kinds + [python[kind] for kind in kinds if kind in python])


def _arrays_in(data: Any) -> Any:
    """The NumPy arrays nested lists hold, one by one."""
    if isinstance(data, np.ndarray):
        yield data
    elif isinstance(data, (list, tuple)):
        for item in data:
            yield from _arrays_in(item)


_NUMBER_KINDS = (bool, int, float, complex, np.generic, np.ndarray, Tensor)


def _check_fits(array: np.ndarray, integers: np.dtype, type_name: str | None = None) -> None:
    """PyTorch's check of each number against the integer dtype it goes into (c10's ``overflows``):
    NaN and infinities never fit; an integer may go below an unsigned dtype's 0 by up to its largest
    value (it wraps: -1 becomes 255 in uint8), a float may not.  ``type_name``: the dtype as the error
    names it (a kernel's C type, ``uint8_t``), else its name (``uint8``, as constructors say)."""
    limits = np.iinfo(integers)
    lowest = -limits.max if integers.kind == "u" and array.dtype.kind in "iu" else limits.min
    if (
        (array.dtype.kind == "f" and not np.isfinite(array).all())
        or array.min() < lowest
        or array.max() > limits.max
    ):
        raise messages.error("data_value_overflow", dtype=type_name or integers.name)


_C_TYPES = {"int32": "int"}  # (c10 names int32_t by the C type it is)


def number_into(value: Any, dtype: np.dtype, type_name: str | None = None) -> Any:
    """A number to write into a tensor of ``dtype`` (``x[0] = v``, ``fill_``, ``torch.full``), checked and
    converted as PyTorch's kernels convert it: into an integer dtype, -1 wraps to 255 in uint8 and 300 is
    refused; a float is cut to its whole part.  Anything else comes back as it is.  ``type_name``: the
    dtype as the error names it (a kernel's C type by default, ``uint8_t``).

    Examples
    --------
    >>> number_into(-1, np.dtype(np.uint8)), number_into(2.5, np.dtype(np.int64))
    (np.uint8(255), np.int64(2))
    """
    if dtype.kind not in "iu" or type(value) not in (int, float) and not isinstance(value, np.number):
        return value
    array = np.asarray(value)
    if array.dtype.kind not in "iuf":
        return value
    _check_fits(array, dtype, type_name or _C_TYPES.get(dtype.name, f"{dtype.name}_t"))
    return array.astype(dtype)[()]


def _check_leaf_kinds(kinds: set, in_lists: bool) -> None:
    """PyTorch's errors for leaves that are not numbers: a list of strings is one dimension too many
    (a string is a sequence to it), a string among numbers or alone is no number, anything else has no
    dtype."""
    others = [kind for kind in kinds if not issubclass(kind, _NUMBER_KINDS)]
    if not others:
        return
    if all(issubclass(kind, (str, bytes)) for kind in others):
        if in_lists and others == list(kinds):
            raise messages.error("data_strings", type_name=others[0].__name__)
        raise errors.invalid_data_type(others[0].__name__)
    raise messages.error(
        "data_no_dtype",
        type_name=messages.kind_name(next(k for k in others if not issubclass(k, (str, bytes)))),
    )


def _first_leaf(data: Any) -> Any:
    while isinstance(data, (list, tuple)) and data:
        data = data[0]
    return data


def _holds_float64(data: Any) -> bool:
    if isinstance(data, (list, tuple)):
        return any(_holds_float64(item) for item in data)
    if isinstance(data, Tensor):
        return data._array.dtype == np.float64
    return isinstance(data, (np.ndarray, np.generic)) and data.dtype == np.float64


def _check_nested(data: Any, floats: bool, leaf: Callable[[Any], None] | None = None) -> None:
    """PyTorch's reading of nested lists (``recursive_store``), for its messages instead of NumPy's.

    The sizes are those along the first elements (``data[0]``, ``data[0][0]`` ...); then the lists are
    read depth first, and the first place that does not fit is named: a list of another length, a
    number where a list belongs ("not a sequence"), or a list where a number belongs, refused as the
    dtype's reader refuses it (``floats``: "must be real number, not list"; integers: "'list' object
    cannot be interpreted as an integer").  ``leaf``: a check of each number as well (the legacy
    constructors read every one).  A NumPy array in a list counts as a sequence of its rows.
    """
    sizes = []
    first = data
    while (length := _sequence_length(first)) is not None:
        sizes.append(length)
        if isinstance(first, np.ndarray):  # (an array: its shape says the rest)
            sizes += first.shape[1:]
            break
        if not length:
            break
        first = first[0]
    _read_nested(data, 0, sizes, floats, leaf)


def _read_nested(
    data: Any, depth: int, sizes: list, floats: bool, leaf: Callable[[Any], None] | None
) -> None:
    if depth == len(sizes):  # a number's place
        if _sequence_length(data) is not None or isinstance(data, (list, tuple)):
            raise _not_a_number(data, floats, returned=False)
        if leaf is not None:
            leaf(data)
        return
    if isinstance(data, (str, bytes)):
        raise errors.invalid_data_type(type(data).__name__)
    got = _sequence_length(data)
    if got is None:
        raise errors.number_among_lists()
    if got != sizes[depth]:
        raise errors.ragged_sequence(sizes[depth], depth, got)
    if isinstance(data, np.ndarray):  # (rows of an array: its shape says it, without a walk)
        for axis, (expected, found) in enumerate(zip(sizes[depth:], data.shape, strict=False)):
            if expected != found:
                raise errors.ragged_sequence(expected, depth + axis, found)
        return
    if depth + 1 == len(sizes) and all(issubclass(kind, _PLAIN_NUMBERS) for kind in set(map(type, data))):
        return  # (a row of plain numbers, typed at C speed: nothing to read one by one)
    for item in data:
        _read_nested(item, depth + 1, sizes, floats, leaf)


_PLAIN_NUMBERS = (bool, int, float, np.number, np.bool_)


def _not_a_number(value: Any, floats: bool, returned: bool) -> Exception:
    """PyTorch's TypeError for something that is no number where a number of a float (or integer) dtype belongs."""
    name = messages.type_name(value)
    if returned:
        if floats:
            return messages.error("apply_result_not_real", type_name=name)
        return messages.error("apply_result_not_integer", type_name=name)
    return (
        messages.error("data_not_real", type_name=name)
        if floats
        else messages.error("data_not_integer", type_name=name)
    )


def _read_as(dtype_: np.dtype) -> Callable[[Any], None]:
    """A check of one number as a legacy constructor of ``dtype_`` reads it (see :func:`stored_number`)."""
    return lambda value: stored_number(value, dtype_)


def stored_number(value: Any, into: np.dtype, returned: bool = False) -> Any:
    """``value`` as PyTorch's ``store_scalar`` writes a Python object into one element of ``into`` (the numbers
    of a legacy constructor's list, what ``apply_``'s function returns).

    A float dtype takes anything with ``__float__`` or ``__index__`` (a one-element tensor too); an
    integer dtype a float (cut to its whole part, refused if it does not fit) or anything with
    ``__index__``; bool also a complex number's truth, and a tensor's.  ``returned``: the value is what a
    function returned (apply_), which the error's hint says.
    """
    kind = type(value)
    if into.kind == "f":
        if not (hasattr(kind, "__float__") or hasattr(kind, "__index__")):
            raise _not_a_number(value, True, returned)
        with np.errstate(over="ignore"):  # (too big for float32: inf, as PyTorch's cast gives)
            return np.asarray(float(value)).astype(into)[()]
    if into.kind == "b" and isinstance(value, Tensor):
        return bool(value._one_number())
    if isinstance(value, float) or (into.kind == "b" and isinstance(value, complex)):
        return bool(value) if into.kind == "b" else number_into(value, into, type_name=into.name)
    if not hasattr(kind, "__index__"):
        raise _not_a_number(value, False, returned)
    whole = operator.index(value)  # (a tensor: PyTorch's "only integer tensors of a single element ...")
    if into.kind == "b":
        return bool(whole)
    if not -(2**63) <= whole < 2**63:
        raise messages.error("data_int_overflow")
    return number_into(whole, into, type_name=into.name)


def _is_float_kind(kind: type) -> bool:
    return issubclass(kind, (float, np.floating)) or (kind is np.ndarray)


def _sequence_length(item: Any) -> int | None:
    """How many items PyTorch's reader sees in ``item``: a list's or tuple's length, an array's rows, or None."""
    if isinstance(item, (list, tuple)):
        return len(item)
    if isinstance(item, np.ndarray) and item.ndim:
        return item.shape[0]
    return None


def tensor(data: Any, dtype: dtype | None = None, device: Any = None, requires_grad: bool = False) -> Tensor:
    """Make a tensor holding a copy of ``data``.

    Parameters
    ----------
    data : number, nested list, NumPy array or Tensor
        The values. Python floats give ``float32`` (the default dtype), ints
        ``int64``, bools ``bool``; a NumPy array keeps its type (``float64``
        stays ``float64``).
    dtype : dtype, optional
        The element type to convert to.
    device : str or device, optional
        Only ``"cpu"`` exists here.
    requires_grad : bool
        Whether to record operations on this tensor for ``backward()``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    tensor([[1., 2.],
            [3., 4.]], requires_grad=True)
    """
    if isinstance(data, Tensor):
        warnings.warn(messages.text("tensor_copy_construct"), UserWarning, stacklevel=2)
    return _copied(data, dtype, device, requires_grad)


def _copied(data: Any, dtype: dtype | None, device: Any, requires_grad: bool = False) -> Tensor:
    """What :func:`tensor` makes (without its warning for a tensor given: ``as_tensor`` converts quietly)."""
    return _made(_python_data_to_array(data, dtype), requires_grad, as_device(device))


def as_tensor(data: Any, dtype: dtype | None = None, device: Any = None) -> Tensor:
    """Like :func:`tensor`, but a tensor of the right type is returned as it is."""
    place = as_device(device)
    if isinstance(data, Tensor) and (dtype is None or data.dtype is dtype) and data.device == place:
        return data
    if _shareable(data, dtype) and place == as_device(None):
        return from_numpy(data)  # a NumPy array of the same type: its memory, as in PyTorch
    _warn_if_not_writable(data)
    return _copied(data, dtype, place)


def _shareable(data: Any, dtype: dtype | None) -> bool:
    """Whether ``as_tensor`` can use a NumPy array's memory (a type PyTorch has, ``dtype`` if given)."""
    return (
        type(data) is np.ndarray
        and data.dtype in _BY_NUMPY
        and (dtype is None or dtype.numpy == data.dtype)
        and all(step >= 0 for step in data.strides)
    )


def from_numpy(array: np.ndarray) -> Tensor:
    """A tensor sharing memory with a NumPy array (changes show in both).

    Examples
    --------
    >>> import numpy as np
    >>> import autograd_lab as torch
    >>> torch.from_numpy(np.array([1.0, 2.0]))
    tensor([1., 2.], dtype=torch.float64)
    """
    if not isinstance(array, np.ndarray):
        raise messages.error("from_numpy_not_array", type_name=messages.type_name(array))
    from_numpy_dtype(array.dtype)
    _check_numpy_layout(array)
    if array.flags.writeable:
        return new_tensor(array)
    messages.warn_once("from_numpy_not_writable", stacklevel=None)
    writable = _writable_view(array)
    if writable is not None:
        return new_tensor(writable)
    tensor = new_tensor(array)
    tensor._copy_on_write = True  # (memory nobody may write: the first write goes to a copy of its own)
    return tensor


def _writable_view(array: np.ndarray) -> np.ndarray | None:
    """A writable view of a read-only array's memory, if the memory's owner allows writing; else None.

    PyTorch writes into the memory of a read-only array anyway (after its warning): pandas 3's
    ``df.values`` is such a read-only view of the DataFrame's writable block, and a lesson's
    ``x = torch.from_numpy(df.values); x -= x.mean(0)`` works, changing the DataFrame too.
    """
    view = array.view()
    try:
        view.flags.writeable = True
    except ValueError:  # the owner is read-only too: bytes, a memory map, or a.flags.writeable = False
        view = None
    if view is not None:
        return view
    owner = array
    while isinstance(owner.base, np.ndarray):
        owner = owner.base
    if not owner.flags.owndata:
        return None  # (memory NumPy did not allocate may really be read-only: writing could crash)
    # NumPy's own memory, locked by a flag only: the same memory, seen through a writable interface
    interface = dict(array.__array_interface__, data=(array.__array_interface__["data"][0], False))
    return np.asarray(_Interface(interface, array))


class _Interface:
    """An object NumPy reads an array from (``__array_interface__``), keeping the array it describes alive."""

    def __init__(self, interface: dict, base: np.ndarray) -> None:
        self.__array_interface__ = interface
        self.base = base


def _warn_if_not_writable(data: Any) -> None:
    """PyTorch's warning for a read-only NumPy array it reads, also where it then converts (copies) it."""
    if type(data) is np.ndarray and not data.flags.writeable:
        messages.warn_once("from_numpy_not_writable", stacklevel=None)


def _check_numpy_layout(array: np.ndarray) -> None:
    """PyTorch's refusals of an array it cannot take as it is: backwards in memory, or in the other byte order."""
    if any(step < 0 for step in array.strides):
        raise messages.error("numpy_negative_strides")
    if not array.dtype.isnative:
        raise messages.error("numpy_byte_order")


def legacy_array(args: tuple, default: dtype) -> np.ndarray:
    """``Tensor(...)``: a sequence gives the values, integers give a shape; a NumPy array of the dtype gives
    its own memory, as PyTorch shares it (``from_numpy``'s checks and all)."""
    if not args:
        return np.zeros(0, dtype=default.numpy)  # Tensor(): an empty tensor, as in PyTorch
    if len(args) == 1 and isinstance(args[0], Size):
        return np.zeros(args[0], dtype=default.numpy)  # Tensor(x.shape): a shape, not values
    # (a 0-d integer array is a size to PyTorch's parser, as np.int64 is: Tensor(np.array(3)) has 3 elements)
    size = isinstance(args[0], (int, np.integer)) or (
        isinstance(args[0], np.ndarray) and args[0].ndim == 0 and args[0].dtype.kind in "iu"
    )
    if len(args) == 1 and (not size or isinstance(args[0], bool)):
        data = args[0]
        if isinstance(data, Tensor):
            return data._array.astype(default.numpy)
        if isinstance(data, np.ndarray) and data.dtype == default.numpy:
            return from_numpy(data)._own()
        _warn_if_not_writable(data)
        if isinstance(data, TypedStorage):  # Tensor(x.storage()): the same memory, as PyTorch shares it
            return data._flat if data._flat.dtype == default.numpy else data._flat.astype(default.numpy)
        # (one number that is not a size: Tensor(2.5), Tensor(True); a sequence to Python has a length
        # and items, and is not a dict)
        if isinstance(data, dict) or not (
            hasattr(type(data), "__len__") and hasattr(type(data), "__getitem__")
        ):
            raise messages.error("legacy_data_not_sequence", type_name=messages.type_name(data))
        if isinstance(data, (str, bytes)):
            raise errors.invalid_data_type(type(data).__name__)  # (a sequence, of characters)
        # (FloatTensor([array, array]) warns as torch.tensor does; one array does not)
        kinds = _leaf_kinds(data)
        if not isinstance(data, np.ndarray):
            _warn_of_arrays(data, kinds)
        if any(_other_sequence(kind) for kind in kinds):  # a range, a pandas Series: item by item
            data = _as_lists(data)
            kinds = _leaf_kinds(data)
        if any(issubclass(kind, Tensor) for kind in kinds):
            data = _numbers_of_tensors(data)
            kinds = _leaf_kinds(data)
        if isinstance(_first_leaf(data), str):  # (PyTorch's reader takes a string for a sequence, of strings)
            raise messages.error("data_strings", type_name="str")
        numbers_only = all(issubclass(kind, _PLAIN_NUMBERS) for kind in kinds)
        leaf = None if numbers_only else _read_as(default.numpy)
        _check_nested(data, default.numpy.kind == "f", leaf)  # (a ragged list: PyTorch's words, not NumPy's)
        values = np.array(data)
        if default.numpy.kind in "iu" and values.size and values.dtype.kind in "iuf":
            _check_fits(values, default.numpy)  # (ByteTensor([-1]) wraps to 255; ByteTensor([256]) raises)
        return values.astype(default.numpy)
    return np.zeros(_shape(args), dtype=default.numpy)


def legacy_arguments(args: tuple, size: Any) -> tuple:
    """``Tensor(size=(2, 3))``: the ``size`` keyword of PyTorch's legacy constructors, as a shape by position."""
    if size is None:
        return args
    if args or not isinstance(size, (tuple, list)):
        raise errors.invalid_combination("new", args, {"size": size})
    return (Size(size),)  # (a Size is a shape, even an empty one: Tensor(size=()) is 0-d)


def check_legacy_device(device: Any, args: tuple) -> None:
    """``Tensor(data, device=...)``: PyTorch's legacy constructors take only the CPU, and no tensor with it."""
    from ._device import device as device_class

    place = device if isinstance(device, device_class) else device_class(device)
    if place.type != "cpu":
        raise messages.error("legacy_device_type", device_type=place.type)
    if len(args) == 1 and isinstance(args[0], Tensor):
        raise messages.error("legacy_tensor_device")


class _LegacyType(type):
    """The type of ``FloatTensor`` ...: ``isinstance(t, torch.FloatTensor)`` asks for t's dtype."""

    def __instancecheck__(cls, instance: Any) -> bool:
        return isinstance(instance, Tensor) and instance.dtype is cls.dtype

    def __repr__(cls) -> str:
        return f"<class 'torch.{cls.__name__}'>"


def _legacy_type(name: str, default: dtype) -> type:
    def __new__(cls: type, *args: Any, device: Any = None, size: Any = None, **keywords: Any) -> Tensor:
        if keywords:  # (FloatTensor([1.], requires_grad=True): no such form)
            raise errors.legacy_keywords(args, keywords)
        args = legacy_arguments(args, size)
        if device is not None:
            check_legacy_device(device, args)
        if len(args) == 1 and isinstance(
            args[0], Tensor
        ):  # an alias: the same memory and graph, as PyTorch's
            if args[0]._array.dtype != default.numpy:
                options = "device=cpu, layout=Strided, requires_grad=false (default), pinned_memory=false (default), "
                raise messages.error(
                    "legacy_tensor_dtype",
                    expected=errors.c_type_name(default.numpy),
                    got=errors.c_type_name(args[0]._array.dtype),
                    options=options + "memory_format=(nullopt)",
                )
            return autograd_lab.ops.shape.alias_op(args[0])
        return new_tensor(legacy_array(args, default))

    doc = f"Legacy constructor: ``{name}([1, 2])`` gives values, ``{name}(2, 3)`` a shape."
    return _LegacyType(name, (), {"__new__": __new__, "__doc__": doc, "dtype": default})


FloatTensor = _legacy_type("FloatTensor", float32)
DoubleTensor = _legacy_type("DoubleTensor", float64)
LongTensor = _legacy_type("LongTensor", int64)
BoolTensor = _legacy_type("BoolTensor", bool_)
IntTensor = _legacy_type("IntTensor", int32)
ByteTensor = _legacy_type("ByteTensor", uint8)
ShortTensor = _legacy_type("ShortTensor", int16)
CharTensor = _legacy_type("CharTensor", int8)
HalfTensor = _legacy_type("HalfTensor", float16)


# -- filled -----------------------------------------------------------------


def _shape(size: Sequence) -> tuple[int, ...]:
    """A shape given as ``2, 3`` or ``(2, 3)`` (``Tensor(...)``): whole numbers, as PyTorch's parser unpacks them."""
    if len(size) == 1 and isinstance(size[0], (tuple, list)):
        size = size[0]
    for position, n in enumerate(size, start=1):
        if not hasattr(type(n), "__index__"):  # (Tensor(2, 3.5): no size)
            raise errors.size_element("new", position, n)
    return tuple(operator.index(n) for n in size)


def _size_of(name: str, dims: tuple, size: Any) -> tuple[int, ...]:
    """The shape a factory was asked for: ``f(2, 3)``, ``f((2, 3))``, ``f([2, 3])`` or ``f(size=(2, 3))``."""
    if size is not None:
        if dims:
            raise errors.size_given_twice(name, dims)
        if not isinstance(size, (tuple, list)):
            raise errors.size_not_tuple(name, size, position=None)
        dims = tuple(size)
    elif not dims:
        raise errors.size_missing(name)
    elif len(dims) == 1 and isinstance(dims[0], (tuple, list)):
        dims = tuple(dims[0])
        if dims and not isinstance(dims[0], bool) and _not_an_index(dims[0]):
            # (PyTorch's parser reads a tuple's first element to choose the overload: nn.Linear(8, 8 / 2))
            raise messages.error("size_tuple_first", function=name, type_name=type(dims[0]).__name__)
    alone = len(dims) == 1 and not isinstance(dims[0], (tuple, list))  # (zeros(2.0), zeros(None) ...)
    if alone and isinstance(dims[0], bool):
        raise errors.size_not_tuple(name, dims[0], position=1)
    try:
        shape = whole_sizes(name, dims)
    except TypeError:
        if not alone:
            raise
        raise errors.size_not_tuple(name, dims[0], position=1) from None  # (one thing, not a size)
    if any(n < 0 for n in shape):
        raise errors.negative_dimension(shape, zeros=name == "zeros")
    return shape


def _not_an_index(value: Any) -> bool:
    try:
        operator.index(value)
    except TypeError:
        return True
    return False


def whole_sizes(function: str, sizes: Sequence[Any], argument: str = "size") -> tuple[int, ...]:
    """Sizes (or the dimensions ``argument`` names) as ints, as PyTorch's argument parser takes them:
    ``x.view(n / 2, 2)`` (a slip for ``n // 2``) is refused, where ``int()`` would have cut 3.0 to 3 and
    hidden it; a 0-d integer tensor counts as its number."""
    whole = []
    for position, n in enumerate(sizes, start=1):
        try:
            whole.append(operator.index(as_index(n)))
        except TypeError:
            raise errors.size_element(function, position, n, argument) from None
    return tuple(whole)


def _floating(dtype: dtype | None) -> dtype:
    return default_float() if dtype is None else dtype


def new_tensor(array: np.ndarray, cls: type | None = None) -> Tensor:
    """A new tensor holding ``array``: inside ``inference_mode()`` an inference tensor, as PyTorch makes."""
    result = Tensor._wrap(array, cls=cls)
    if _grad_mode.inference:
        result._version_counter = INFERENCE
    return result


def _made(array: np.ndarray, requires_grad: bool, device: Any = None) -> Tensor:
    """A factory's tensor: its values, on ``device`` (``META``: shapes only), perhaps requiring grad."""
    if device is META:
        array = on_meta(array)
    elif type(array) is MetaArray:  # (zeros_like of a meta tensor, on the CPU)
        array = array.view(np.ndarray)
    return _requiring_grad(new_tensor(array), requires_grad)


def _requiring_grad(result: Tensor, requires_grad: bool) -> Tensor:
    """A factory's result, made to require grad if asked (PyTorch's check, after the values are made)."""
    if requires_grad:
        # Factory functions use PyTorch's "Only ... and complex" wording, not the method's.
        if result._array.dtype.kind != "f":
            raise errors.requires_grad_not_float()
        result._requires_grad = True
    return result


def _filled(
    name: str, dims: tuple, size: Any, value: float, dtype: dtype | None, device: Any, requires_grad: bool
) -> Tensor:
    shape = _size_of(name, dims, size)
    return _made(np.full(shape, value, _floating(dtype).numpy), requires_grad, as_device(device))


def zeros(
    *dims: int, size: Any = None, dtype: dtype | None = None, device: Any = None, requires_grad: bool = False
) -> Tensor:
    """A tensor of zeros with the given shape: ``zeros(2, 3)``, ``zeros((2, 3))`` or ``zeros(size=(2, 3))``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros(1, 2)
    tensor([[0., 0.]])
    """
    return _filled("zeros", dims, size, 0, dtype, device, requires_grad)


def ones(
    *dims: int, size: Any = None, dtype: dtype | None = None, device: Any = None, requires_grad: bool = False
) -> Tensor:
    """A tensor of ones with the given shape.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.ones(2)
    tensor([1., 1.])
    """
    return _filled("ones", dims, size, 1, dtype, device, requires_grad)


deterministic_fill = {"on": False}
"""Whether ``torch.use_deterministic_algorithms(True)`` is in force (it sets this): ``empty`` then fills."""


def _uninitialized(array: np.ndarray) -> np.ndarray:
    """What ``torch.empty`` holds: zeros here, or, with deterministic algorithms on (and
    ``torch.utils.deterministic.fill_uninitialized_memory``), PyTorch's fill: NaN in floats, the
    largest value in integers, True in booleans."""
    if not deterministic_fill["on"] or type(array) is not np.ndarray:  # (a meta array holds no memory)
        return array
    switch = sys.modules.get("autograd_lab.utils.deterministic")  # (read, not imported: True until loaded)
    if switch is not None and not switch.fill_uninitialized_memory:
        return array
    if array.dtype.kind == "f":
        array.fill(np.nan)
    elif array.dtype.kind in "iu":
        array.fill(np.iinfo(array.dtype).max)
    elif array.dtype.kind == "b":
        array.fill(True)
    return array


def empty(
    *dims: int,
    size: Any = None,
    dtype: dtype | None = None,
    device: Any = None,
    requires_grad: bool = False,
    memory_format: Any = None,
) -> Tensor:
    """A tensor with the given shape (filled with zeros here, for reproducibility).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.empty(2).shape
    torch.Size([2])
    """
    made = _filled("empty", dims, size, 0, dtype, device, requires_grad)
    made._array = _uninitialized(made._array)
    if memory_format is not None:
        if memory_format is preserve_format:
            raise messages.error("memory_format_preserve_empty")
        made._array = laid_out(made._array, memory_format)
    return made


def full(
    size: Sequence[int],
    fill_value: float,
    *,
    dtype: dtype | None = None,
    device: Any = None,
    requires_grad: bool = False,
) -> Tensor:
    """A tensor of the given shape filled with one value (its dtype follows the value's type).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.full((2,), 7.0)
    tensor([7., 7.])
    """
    place = as_device(device)
    if dtype is None:
        dtype = (
            bool_
            if isinstance(fill_value, bool)
            else int64
            if isinstance(fill_value, int)
            else default_float()
        )
    value = number_into(fill_value, dtype.numpy)
    return _made(np.full(_size_of("full", (size,), None), value, dtype.numpy), requires_grad, place)


def scalar_tensor(
    s: float, *, dtype: dtype | None = None, device: Any = None, requires_grad: bool = False
) -> Tensor:
    """A 0-d tensor holding ``s``, of the default float dtype unless ``dtype`` says otherwise.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.scalar_tensor(3)
    tensor(3.)
    >>> torch.scalar_tensor(True, dtype=torch.bool)
    tensor(True)
    """
    return full((), s, dtype=dtype or default_float(), device=device, requires_grad=requires_grad)


def _like(
    input: Tensor, fill: Any, dtype: dtype | None, device: Any, requires_grad: bool, memory_format: Any = None
) -> Tensor:
    place = input.device if device is None else as_device(device)  # (on the input's device by default)
    values = fill(input._array, dtype=dtype and dtype.numpy)  # (laid out as the input is: preserve_format)
    if memory_format is not None and memory_format is not preserve_format:
        values = laid_out(values, memory_format)
    return _made(values, requires_grad, place)


def zeros_like(
    input: Tensor,
    *,
    dtype: dtype | None = None,
    device: Any = None,
    requires_grad: bool = False,
    memory_format: Any = None,
) -> Tensor:
    """Zeros with the shape and dtype of ``input``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.zeros_like(torch.ones(2))
    tensor([0., 0.])
    """
    return _like(input, np.zeros_like, dtype, device, requires_grad, memory_format)


def ones_like(
    input: Tensor,
    *,
    dtype: dtype | None = None,
    device: Any = None,
    requires_grad: bool = False,
    memory_format: Any = None,
) -> Tensor:
    """Ones with the shape and dtype of ``input``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.ones_like(torch.zeros(1, 2))
    tensor([[1., 1.]])
    """
    return _like(input, np.ones_like, dtype, device, requires_grad, memory_format)


def empty_like(
    input: Tensor,
    *,
    dtype: dtype | None = None,
    device: Any = None,
    requires_grad: bool = False,
    memory_format: Any = None,
) -> Tensor:
    """A tensor with the shape and dtype of ``input`` (zeros here, for reproducibility).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.empty_like(torch.ones(2, 3)).shape
    torch.Size([2, 3])
    """
    made = _like(input, np.zeros_like, dtype, device, requires_grad, memory_format)
    made._array = _uninitialized(made._array)
    return made


def full_like(
    input: Tensor,
    fill_value: float,
    *,
    dtype: dtype | None = None,
    device: Any = None,
    requires_grad: bool = False,
) -> Tensor:
    """``fill_value`` with the shape and dtype of ``input``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.full_like(torch.zeros(2), 3.0)
    tensor([3., 3.])
    """
    return _like(
        input, lambda a, dtype: np.full_like(a, fill_value, dtype=dtype), dtype, device, requires_grad
    )


def eye(
    n: int,
    m: int | None = None,
    *,
    dtype: dtype | None = None,
    device: Any = None,
    requires_grad: bool = False,
) -> Tensor:
    """The identity matrix (``n`` by ``m``, square by default).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.eye(2)
    tensor([[1., 0.],
            [0., 1.]])
    """
    place = as_device(device)
    for name, value in (("n", n), ("m", m)):
        if value is not None and value < 0:
            raise messages.error("eye_negative", name=name, value=value)
    return _made(np.eye(n, m, dtype=_floating(dtype).numpy), requires_grad, place)


# -- ranges -----------------------------------------------------------------


def _number(value: Any) -> Any:
    return value.item() if isinstance(value, Tensor) else value


def _is_integral(value: Any) -> bool:
    return (
        isinstance(value, (int, np.integer))
        and not isinstance(value, bool)
        or (isinstance(value, Tensor) and value._array.dtype.kind in "iub")
    )


def arange(
    start: float | None = None,
    end: float | None = None,
    step: float = 1,
    *,
    dtype: dtype | None = None,
    device: Any = None,
    requires_grad: bool = False,
) -> Tensor:
    """Evenly spaced values in ``[start, end)``; integers unless a bound or the step is a float.

    Floats are computed as PyTorch's CPU kernel computes them (in double,
    in blocks of one vector register), so they match PyTorch's bit for bit.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.arange(4)
    tensor([0, 1, 2, 3])
    >>> torch.arange(0, 1, 0.25)
    tensor([0.0000, 0.2500, 0.5000, 0.7500])
    """
    place = as_device(device)
    if end is None:
        if start is None:  # torch.arange(): PyTorch needs at least the end
            raise errors.invalid_combination("arange", (), {})
        start, end = 0, start
    elif start is None:  # torch.arange(end=5)
        start = 0
    integral = all(_is_integral(v) for v in (start, end, step))
    start, end, step = _number(start), _number(end), _number(step)
    if dtype is None:
        dtype = int64 if integral else default_float()
    if step == 0:
        raise messages.error("arange_step_zero")
    if (end - start) * step < 0:
        raise messages.error("arange_step_sign")
    if integral:
        count = max(0, -(-(end - start) // step))
    else:
        count = max(0, math.ceil((float(end) - float(start)) / float(step)))
    return _made(_arange_values(start, step, count, dtype.numpy), requires_grad, place)


_GRAIN_SIZE = 32768  # PyTorch splits a range among its threads only above this many elements


def _threads() -> int:
    """The threads PyTorch's CPU kernels would use here: one per available core."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _arange_values(start: float, step: float, count: int, np_dtype: np.dtype) -> np.ndarray:
    """PyTorch's ``arange`` kernel: vector registers of 32 bytes, each started from ``start + step*i``.

    In each register, element ``k`` is ``base + k*step`` in double, ``base``
    the register's first value rounded to the dtype; the last ``count % (2
    registers)`` values are computed one by one as ``start + step*i``.  Above
    32768 values each thread does this on its own share of the range.
    """
    index = np.arange(count, dtype=np.int64)
    if np_dtype.kind != "f":
        return (int(start) + int(step) * index).astype(np_dtype)
    start, step = float(start), float(step)
    lanes = 32 // np_dtype.itemsize
    threads = min(_threads(), -(-count // _GRAIN_SIZE)) if count > _GRAIN_SIZE else 1
    share = -(-count // threads) if count else 0
    first = index - index % share if share else index  # where each thread's share begins
    within = index - first
    length = np.minimum(share, count - first)
    offset = (within % lanes).astype(np.float64)
    base = fma64(step, (index - within % lanes).astype(np.float64), start).astype(np_dtype)
    values = fma64(offset, step, base.astype(np.float64)).astype(np_dtype)
    one_by_one = within >= length - length % (2 * lanes)
    values[one_by_one] = fma64(step, index[one_by_one].astype(np.float64), start).astype(np_dtype)
    return values


def linspace(
    start: float,
    end: float,
    steps: int | None = None,
    *,
    dtype: dtype | None = None,
    device: Any = None,
    requires_grad: bool = False,
) -> Tensor:
    """``steps`` evenly spaced values from ``start`` to ``end``, both included.

    Computed as PyTorch's CPU kernel computes them, so they match bit for
    bit: a step in the dtype's own precision; the first half counts up from
    ``start``, the second half down from ``end``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.linspace(0, 1, 5)
    tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000])
    """
    if steps is None:  # (PyTorch's parser has no default for it)
        keywords = {"dtype": dtype, "device": device, "requires_grad": requires_grad}
        raise errors.range_without_steps("linspace", (start, end), keywords)
    place = as_device(device)
    if steps < 0:
        raise messages.error("linspace_negative_steps")
    np_dtype = _floating(dtype).numpy
    start, end = _number(start), _number(end)
    return _made(_linspace_values(start, end, int(steps), np_dtype), requires_grad, place)


def _linspace_values(start: float, end: float, steps: int, np_dtype: np.dtype) -> np.ndarray:
    """``start + step*i`` for the first half, ``end - step*(steps-1-i)`` for the rest (each one FMA)."""
    if steps <= 1:
        return np.full(steps, start, dtype=np_dtype)
    index = np.arange(steps)
    first = index < steps // 2
    counts = np.where(first, index, steps - 1 - index)
    if np_dtype.kind != "f":  # integers: bounds truncated, a double step, values truncated toward zero
        low, high = float(int(start)), float(int(end))
        step = (high - low) / (steps - 1)
        return np.trunc(fma64(np.where(first, step, -step), counts, np.where(first, low, high))).astype(
            np_dtype
        )
    kind = np_dtype.type
    low, high = kind(start), kind(end)
    step = (high - low) / kind(steps - 1)
    fma = fma32 if np_dtype == np.float32 else fma64
    values = fma(
        np.where(first, step, -step).astype(np_dtype), counts.astype(np_dtype), np.where(first, low, high)
    )
    return np.asarray(values, dtype=np_dtype)


# -- random -----------------------------------------------------------------


def _random_floats(
    name: str,
    draw: Any,
    dims: tuple,
    size: Any,
    generator: Generator | None,
    dtype: dtype | None,
    device: Any,
    requires_grad: bool,
) -> Tensor:
    place = as_device(device)
    shape = _size_of(name, dims, size)
    dtype = _floating(dtype)
    if not dtype.is_floating_point:
        raise errors.random_not_floating(_KERNELS[draw], dtype.numpy)
    if place is META:  # shapes only: nothing is drawn, so the generator does not move (as in PyTorch)
        return _made(np.zeros(shape, dtype.numpy), requires_grad, place)
    return _made(draw(math.prod(shape), dtype.numpy, generator).reshape(shape), requires_grad)


def _uniform01(count: int, np_dtype: np.dtype, generator: Generator | None) -> np.ndarray:
    return _random.uniform(count, 0, 1, np_dtype, generator)


def _standard_normal(count: int, np_dtype: np.dtype, generator: Generator | None) -> np.ndarray:
    return _random.normal(count, 0.0, 1.0, np_dtype, generator)


# The name of PyTorch's kernel that refuses an integer dtype, as its error message says it.
_KERNELS = {_uniform01: "check_uniform_bounds", _standard_normal: "normal_kernel_cpu"}


def rand(
    *dims: int,
    size: Any = None,
    generator: Generator | None = None,
    dtype: dtype | None = None,
    device: Any = None,
    requires_grad: bool = False,
) -> Tensor:
    """Uniform random numbers in ``[0, 1)``: PyTorch's, after the same ``manual_seed``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> _ = torch.manual_seed(0)
    >>> torch.rand(2)
    tensor([0.4963, 0.7682])
    """
    return _random_floats("rand", _uniform01, dims, size, generator, dtype, device, requires_grad)


def randn(
    *dims: int,
    size: Any = None,
    generator: Generator | None = None,
    dtype: dtype | None = None,
    device: Any = None,
    requires_grad: bool = False,
) -> Tensor:
    """Standard normal random numbers (mean 0, standard deviation 1): PyTorch's, bit for bit.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> _ = torch.manual_seed(0)
    >>> torch.randn(3)
    tensor([ 1.5410, -0.2934, -2.1788])
    """
    return _random_floats("randn", _standard_normal, dims, size, generator, dtype, device, requires_grad)


def _random_like(
    input: Tensor,
    fill: str,
    args: tuple,
    generator: Generator | None,
    dtype: dtype | None,
    device: Any,
    requires_grad: bool,
    memory_format: Any,
) -> Tensor:
    """PyTorch's random ``*_like``: ``empty_like(input)``, laid out as ``input``, filled in place by the
    method ``fill`` (so the numbers go in the order of memory, and the same draws as that method)."""
    made = empty_like(input, dtype=dtype, device=device, memory_format=memory_format)
    getattr(made, fill)(*args, generator=generator)
    return _requiring_grad(made, requires_grad)


def rand_like(
    input: Tensor,
    *,
    generator: Generator | None = None,
    dtype: dtype | None = None,
    device: Any = None,
    requires_grad: bool = False,
    memory_format: Any = None,
) -> Tensor:
    """Uniform random numbers in ``[0, 1)`` with the shape (and dtype) of ``input``.

    As PyTorch's: ``empty_like(input)`` (laid out as ``input``) filled by ``uniform_``,
    so the numbers are drawn in the order of memory.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> _ = torch.manual_seed(0)
    >>> torch.rand_like(torch.zeros(3))
    tensor([0.4963, 0.7682, 0.0885])
    """
    return _random_like(input, "uniform_", (0, 1), generator, dtype, device, requires_grad, memory_format)


def randn_like(
    input: Tensor,
    *,
    generator: Generator | None = None,
    dtype: dtype | None = None,
    device: Any = None,
    requires_grad: bool = False,
    memory_format: Any = None,
) -> Tensor:
    """Normal random numbers (mean 0, standard deviation 1) with the shape (and dtype) of ``input``.

    As PyTorch's: ``empty_like(input)`` (laid out as ``input``) filled by ``normal_``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> _ = torch.manual_seed(0)
    >>> torch.randn_like(torch.zeros(3))
    tensor([ 1.5410, -0.2934, -2.1788])
    """
    return _random_like(input, "normal_", (0, 1), generator, dtype, device, requires_grad, memory_format)


def randint(
    *args: Any,
    low: int | None = None,
    high: int | None = None,
    size: Sequence[int] | None = None,
    generator: Generator | None = None,
    dtype: dtype | None = None,
    device: Any = None,
    requires_grad: bool = False,
) -> Tensor:
    """Random integers in ``[low, high)``: ``randint(high, size)`` or ``randint(low, high, size)``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> _ = torch.manual_seed(0)
    >>> torch.randint(0, 10, (5,))
    tensor([4, 9, 3, 0, 3])
    """
    place = as_device(device)
    positional = list(args)
    if size is None:
        if not positional:
            raise errors.size_missing("randint")
        size = positional.pop()
        if not isinstance(size, (tuple, list)):
            raise errors.size_not_tuple("randint", size, position=len(positional) + 1)
    if high is None and positional:
        high = positional.pop()
    if low is None:
        low = positional.pop() if positional else 0
    if high is None or positional:
        raise errors.size_missing("randint")
    shape = _size_of("randint", (size,), None)
    np_dtype = (dtype or int64).numpy
    if place is META:
        return _made(np.zeros(shape, np_dtype), requires_grad, place)
    values = _random.integers(math.prod(shape), _number(low), _number(high), np_dtype, generator)
    return _made(values.reshape(shape), requires_grad)


def randint_like(
    input: Tensor,
    low: int = 0,
    high: int | None = None,
    *,
    generator: Generator | None = None,
    dtype: dtype | None = None,
    device: Any = None,
    requires_grad: bool = False,
    memory_format: Any = None,
) -> Tensor:
    """Random integers in ``[low, high)`` with the shape (and dtype) of ``input``.

    As PyTorch's: ``empty_like(input)`` (laid out as ``input``) filled by ``random_``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.randint_like(torch.zeros(2), 5).shape
    torch.Size([2])
    """
    if high is None:
        low, high = 0, low
    return _random_like(input, "random_", (low, high), generator, dtype, device, requires_grad, memory_format)


def randperm(
    n: int,
    *,
    generator: Generator | None = None,
    dtype: dtype | None = None,
    device: Any = None,
    requires_grad: bool = False,
) -> Tensor:
    """A random permutation of ``0 .. n-1``: PyTorch's shuffle, so the same one after ``manual_seed``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> _ = torch.manual_seed(0)
    >>> torch.randperm(5)
    tensor([4, 0, 1, 3, 2])
    """
    place = as_device(device)
    if isinstance(n, bool) or not isinstance(n, (int, np.integer, Tensor)):
        raise errors.argument_not_int("randperm", "n", n)
    if place is META:
        return _made(np.zeros(operator.index(n), (dtype or int64).numpy), requires_grad, place)
    permutation = _random.permutation(operator.index(n), generator)
    return _made(permutation.astype((dtype or int64).numpy, copy=False), requires_grad)


# -- shared memory: asarray, frombuffer, empty_strided (branch s12_fn) --------------------------------------


def frombuffer(
    buffer: Any, *, dtype: dtype, count: int = -1, offset: int = 0, requires_grad: bool = False
) -> Tensor:
    """A 1-D tensor over the bytes of ``buffer`` (a ``bytearray``, ``array.array`` ...), sharing its memory.

    ``offset`` bytes are skipped, then ``count`` elements read (-1: all that
    are left).  An object whose bytes cannot change (``bytes``) gives
    PyTorch's warning, once; the tensor then holds a copy.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> data = bytearray([1, 2, 3, 4])
    >>> t = torch.frombuffer(data, dtype=torch.uint8)
    >>> t[0] = 9
    >>> data[0], t
    (9, tensor([9, 2, 3, 4], dtype=torch.uint8))
    """
    try:
        view = memoryview(buffer)
    except TypeError:
        raise messages.error("frombuffer_not_buffer") from None
    length, size = view.nbytes, dtype.numpy.itemsize
    if length <= 0 or count == 0:
        raise messages.error("frombuffer_empty", length=length, count=count)
    if not 0 <= offset < length:
        raise messages.error("frombuffer_offset", offset=offset, length=length)
    if count < 0 and (length - offset) % size:
        raise messages.error("frombuffer_multiple", length=length - offset, offset=offset, size=size)
    if count < 0:
        count = (length - offset) // size
    if offset + count * size > length:
        raise messages.error("frombuffer_count", count=count, size=size, offset=offset, length=length)
    array = np.frombuffer(view.cast("B"), dtype=dtype.numpy, count=count, offset=offset)
    if view.readonly:
        messages.warn_once("frombuffer_not_writable", stacklevel=3)
        array = array.copy()
    return _made(array, requires_grad)


_UNSPECIFIED: Any = None  # asarray's requires_grad, when the caller leaves it out


def asarray(
    obj: Any,
    *,
    dtype: dtype | None = None,
    device: Any = None,
    copy: bool | None = None,
    requires_grad: bool | None = _UNSPECIFIED,
) -> Tensor:
    """``obj`` as a tensor, sharing its memory when it can: a tensor, a NumPy array, a buffer.

    As PyTorch's: a tensor of the right dtype is returned itself; a NumPy
    array or a ``bytearray`` is shared (``torch.from_numpy``,
    ``torch.frombuffer``); lists and numbers are copied as ``torch.tensor``
    copies them.  ``copy=True`` always copies (recorded as ``CloneBackward0``
    or ``ToCopyBackward0``), ``copy=False`` never does (an error where it
    would have to).  ``requires_grad`` left out keeps the tensor's own, with
    PyTorch's warning if that is True; ``False`` cuts it from its graph.

    Examples
    --------
    >>> import numpy as np
    >>> import autograd_lab as torch
    >>> a = np.array([1.0, 2.0])
    >>> t = torch.asarray(a)
    >>> a[0] = 5.0
    >>> t
    tensor([5., 2.], dtype=torch.float64)
    >>> torch.asarray([1, 2], dtype=torch.float32)
    tensor([1., 2.])
    """
    as_device(device)
    if isinstance(obj, Tensor):
        source = obj
    elif isinstance(obj, (np.ndarray, np.generic)):
        source = from_numpy(np.asarray(obj) if isinstance(obj, np.ndarray) else np.array(obj))
    elif not isinstance(obj, (str, list, tuple)) and _is_buffer(obj):
        source = frombuffer(obj, dtype=_floating(dtype))
    else:
        if copy is False:
            raise messages.error("asarray_alias_sequence")
        return tensor(obj, dtype=dtype, requires_grad=bool(requires_grad))
    result = source
    converts = dtype is not None and dtype.numpy != source._array.dtype
    if copy or converts:
        if copy is False:
            raise messages.error(
                "asarray_alias_dtype",
                source=errors.scalar_type_name(source._array.dtype),
                target=errors.scalar_type_name(dtype.numpy),
            )
        result = source.to(dtype=dtype, copy=True) if converts else source.clone()
    if requires_grad is _UNSPECIFIED:
        if source.requires_grad:
            messages.warn_once("asarray_requires_grad_default", stacklevel=3)
        return result
    if requires_grad and not result.requires_grad:
        if result._array.dtype.kind != "f":
            raise errors.requires_grad_not_float()  # (the factories' wording, as PyTorch's asarray gives it)
        result.requires_grad_()
    elif not requires_grad and result.requires_grad:  # a leaf is switched off; a computed tensor is cut off
        result = result.requires_grad_(False) if result.is_leaf else result.detach()
    return result


def _is_buffer(obj: Any) -> bool:
    try:
        memoryview(obj)
    except TypeError:
        return False
    return True


def empty_strided(
    size: Sequence[int],
    stride: Sequence[int],
    *,
    dtype: dtype | None = None,
    device: Any = None,
    requires_grad: bool = False,
) -> Tensor:
    """A tensor of shape ``size`` laid out in memory with the given ``stride`` (filled with zeros here).

    ``stride[i]`` elements separate neighbours along dimension ``i``; the
    memory holds as many elements as the farthest one needs.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> x = torch.empty_strided((2, 3), (1, 2))
    >>> x.stride(), x.is_contiguous()
    ((1, 2), False)
    """
    if not isinstance(size, (tuple, list)):
        raise errors.size_not_tuple("empty_strided", size, position=1)
    shape, steps = tuple(operator.index(n) for n in size), tuple(operator.index(n) for n in stride)
    if len(shape) != len(steps):
        raise messages.error("empty_strided_dims", sizes=len(shape), strides=len(steps))
    if any(n < 0 for n in shape):
        raise errors.negative_dimension(shape)
    if any(step < 0 for step in steps):
        raise messages.error("empty_strided_negative", sizes=list(shape), strides=list(steps))
    np_dtype = _floating(dtype).numpy
    count = 1 + sum((n - 1) * step for n, step in zip(shape, steps, strict=True)) if all(shape) else 0
    memory = _uninitialized(np.zeros(count, np_dtype))
    array = np.lib.stride_tricks.as_strided(memory, shape, tuple(step * np_dtype.itemsize for step in steps))
    return _made(array, requires_grad, as_device(device))


# -- windows for signal processing (branch s12_fn) ------------------------------------------------------------


def _window(
    name: str,
    window_length: int,
    periodic: bool,
    dtype: dtype | None,
    device: Any,
    requires_grad: bool,
    values: Any,
) -> Tensor:
    """A window as PyTorch's kernels make it: ``values(n, np_dtype)`` of length n, one more if ``periodic``
    (then the last value dropped); 0 values for length 0, a single 1 for length 1."""
    place = as_device(device)
    if isinstance(window_length, bool) or not isinstance(window_length, (int, np.integer)):
        raise messages.error(
            "count_not_int",
            function=name,
            name="window_length",
            position=1,
            type_name=type(window_length).__name__,
        )
    kind = _floating(dtype)
    if kind.numpy.kind != "f":
        raise messages.error("window_dtype", name=name, dtype=errors.c_type_name(kind.numpy))
    if window_length < 0:
        raise messages.error("window_negative_length", name=name, length=window_length)
    if window_length <= 1:
        return _made(np.ones(window_length, kind.numpy), requires_grad, place)
    n = int(window_length) + 1 if periodic else int(window_length)
    return _made(values(n, kind.numpy)[:window_length], requires_grad, place)


def _cosine_sum(n: int, np_dtype: np.dtype, alpha: float, beta: float) -> np.ndarray:
    """``alpha − beta·cos(2πk/(n−1))``, op by op in the dtype as PyTorch's hamming_window computes it."""
    kind = np_dtype.type
    angles = np.arange(n, dtype=np_dtype) * kind(math.pi * 2.0 / (n - 1))
    return np.cos(angles) * kind(-beta) + kind(alpha)


def hann_window(
    window_length: int,
    periodic: bool = True,
    *,
    dtype: dtype | None = None,
    device: Any = None,
    requires_grad: bool = False,
) -> Tensor:
    """The Hann window: ``0.5 − 0.5·cos(2πk/(N−1))`` (N one more than the length when ``periodic``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.hann_window(4, periodic=False)
    tensor([0.0000, 0.7500, 0.7500, 0.0000])
    """
    return _window(
        "hann_window", window_length, periodic, dtype, device, requires_grad,
        lambda n, np_dtype: _cosine_sum(n, np_dtype, 0.5, 0.5),
    )  # fmt: skip


def hamming_window(
    window_length: int,
    periodic: bool = True,
    alpha: float = 0.54,
    beta: float = 0.46,
    *,
    dtype: dtype | None = None,
    device: Any = None,
    requires_grad: bool = False,
) -> Tensor:
    """The Hamming window: ``alpha − beta·cos(2πk/(N−1))`` (N one more than the length when ``periodic``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.hamming_window(5, periodic=False)
    tensor([0.0800, 0.5400, 1.0000, 0.5400, 0.0800])
    """
    return _window(
        "hamming_window", window_length, periodic, dtype, device, requires_grad,
        lambda n, np_dtype: _cosine_sum(n, np_dtype, alpha, beta),
    )  # fmt: skip


def _blackman(n: int, np_dtype: np.dtype) -> np.ndarray:
    kind = np_dtype.type
    angles = np.arange(n, dtype=np_dtype) * kind(math.pi / (n - 1))
    return np.cos(angles * kind(4)) * kind(0.08) - np.cos(angles * kind(2)) * kind(0.5) + kind(0.42)


def blackman_window(
    window_length: int,
    periodic: bool = True,
    *,
    dtype: dtype | None = None,
    device: Any = None,
    requires_grad: bool = False,
) -> Tensor:
    """The Blackman window: ``0.42 − 0.5·cos(2πk/(N−1)) + 0.08·cos(4πk/(N−1))``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.blackman_window(5, periodic=False)[1:4]  # (its ends are 0 up to the float's rounding)
    tensor([0.3400, 1.0000, 0.3400])
    """
    return _window("blackman_window", window_length, periodic, dtype, device, requires_grad, _blackman)


def _bartlett(n: int, np_dtype: np.dtype) -> np.ndarray:
    kind = np_dtype.type
    values = np.arange(n, dtype=np_dtype) * kind(2.0 / (n - 1))
    half = ((n - 1) >> 1) + 1
    values[half:] = values[half:] * kind(-1) + kind(2)
    return values


def bartlett_window(
    window_length: int,
    periodic: bool = True,
    *,
    dtype: dtype | None = None,
    device: Any = None,
    requires_grad: bool = False,
) -> Tensor:
    """The Bartlett (triangular) window: up from 0 to 1 at the middle and down again.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.bartlett_window(5, periodic=False)
    tensor([0.0000, 0.5000, 1.0000, 0.5000, 0.0000])
    """
    return _window("bartlett_window", window_length, periodic, dtype, device, requires_grad, _bartlett)


def kaiser_window(
    window_length: int,
    periodic: bool = True,
    beta: float = 12.0,
    *,
    dtype: dtype | None = None,
    device: Any = None,
    requires_grad: bool = False,
) -> Tensor:
    """The Kaiser window: ``I₀(beta·√(1 − ((k − a)/a)²)) / I₀(beta)`` with ``a = (N − 1)/2``.

    Computed in double precision, then rounded to the dtype (PyTorch's float32
    kernel rounds on the way: the values agree to a few units in the last place).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.kaiser_window(5, periodic=False, beta=5.0)
    tensor([0.0367, 0.5529, 1.0000, 0.5529, 0.0367])
    """
    from .ops._special_kernels import i0_64

    def values(n: int, np_dtype: np.dtype) -> np.ndarray:
        middle = (n - 1) / 2.0
        ratios = (np.arange(n, dtype=np.float64) - middle) / middle
        return (i0_64(beta * np.sqrt(np.abs(1 - ratios**2))) / i0_64(np.float64(beta))).astype(np_dtype)

    return _window("kaiser_window", window_length, periodic, dtype, device, requires_grad, values)


# -- torch.range: arange with its end included, deprecated (branch s12_fn) -------------------------------------


def range(  # noqa: A001 - PyTorch's name (nothing in this module uses the builtin)
    start: float,
    end: float,
    step: float = 1,
    *,
    dtype: dtype | None = None,
    device: Any = None,
    requires_grad: bool = False,
) -> Tensor:
    """``start, start + step, ...`` up to ``end`` included, in the default float dtype unless ``dtype`` says.

    Deprecated in PyTorch, with its warning: ``torch.arange`` stops before ``end``.

    Examples
    --------
    >>> import warnings
    >>> import autograd_lab as torch
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     torch.range(1, 4)
    tensor([1., 2., 3., 4.])
    """
    messages.warn("range_deprecated")
    place = as_device(device)
    np_dtype = _floating(dtype).numpy
    start, end, step = _number(start), _number(end), _number(step)
    if np_dtype.kind != "f":  # PyTorch's integer kernel: the bounds and the step as integers
        start, end, step = int(start), int(end), int(step)
    if step == 0:
        raise messages.error("arange_step_zero")
    if not (step > 0 and end >= start) and not (step < 0 and end <= start):
        raise messages.error("arange_step_sign")
    if np_dtype.kind == "f":
        count = int((float(end) - float(start)) / float(step) + 1)
        values = float(start) + np.arange(count, dtype=np.float64) * float(
            step
        )  # in double, as PyTorch's kernel
    else:
        count = (end - start) // step + 1  # (a quotient of one sign: C's truncation is Python's floor)
        values = start + np.arange(count, dtype=np.int64) * step
    return _made(values.astype(np_dtype), requires_grad, place)
