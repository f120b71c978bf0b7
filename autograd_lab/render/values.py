"""How a value or a gradient is written on a picture and in the text tree.

Small tensors are written in full, exactly as PyTorch prints them; larger
ones as their shape, dtype and min/mean/max, because a 256x128 matrix in
full helps nobody.  Both the SVG and the text tree use these functions, so
they always agree.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

import numpy as np

from .._printing import format_tensor

# Up to this many elements a value is printed in full.
FULL_ELEMENTS = 16
# An edge label is one line, so it gets less room.
EDGE_ELEMENTS = 4
# The heat map of a large 2-D value has at most this many cells a side.
HEAT_CELLS = 10

_PRINTABLE_DTYPES = ("float32", "float64", "int64", "bool")
# dtype -> its name, looked up by the dtype itself (dtype.name is slow to compute).
_DTYPE_NAMES = {np.dtype(name): name for name in _PRINTABLE_DTYPES}


def visible(text: str) -> str:
    r"""Text with control characters (and others XML cannot hold) written as escapes.

    A newline shows as ``\n``, so a name stays on one line of the text tree
    and of its box.

    >>> print(visible("a\nb\x00"))
    a\nb\x00
    """
    return _INVISIBLE.sub(lambda match: repr(match.group())[1:-1], text)


# Control characters, line and paragraph separators, non-characters, lone surrogates.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")


def as_array(value: Any) -> np.ndarray:
    """A NumPy array for a tensor's values, an array, or a Python number."""
    array = np.asarray(value)
    if array.dtype not in _DTYPE_NAMES:
        array = array.astype(np.float64 if array.dtype.kind in "fc" else np.int64)
    return array


def is_small(array: np.ndarray, limit: int = FULL_ELEMENTS) -> bool:
    return array.size <= limit


def pytorch_text(array: np.ndarray) -> str:
    """The value as PyTorch prints it, e.g. ``tensor([[1., 2.],\\n        [3., 4.]])``."""
    return format_tensor(array, dtype=_DTYPE_NAMES[array.dtype])


def one_line(text: str) -> str:
    """PyTorch's multi-line print on one line: ``tensor([[1., 2.], [3., 4.]])``."""
    return " ".join(part.strip() for part in text.splitlines())


def _number(x: float) -> str:
    return f"{x:.4g}"


def statistics(array: np.ndarray) -> str:
    """``min -1.2  mean 0.031  max 2.1`` (NaN counted apart, so one NaN hides nothing)."""
    if array.size == 0:
        return "empty"
    values = array.astype(np.float64, copy=False)
    finite = values[np.isfinite(values)]
    parts = []
    if finite.size:
        parts.append(
            f"min {_number(finite.min())}  mean {_number(finite.mean())}  max {_number(finite.max())}"
        )
    nans = int(np.isnan(values).sum())
    if nans:
        parts.append(f"{nans} nan")
    infinite = values.size - finite.size - nans
    if infinite:
        parts.append(f"{infinite} inf")
    return "  ".join(parts)


def shape_text(array: np.ndarray) -> str:
    """``[256, 128] float32``: what a large value is first described by."""
    return f"[{', '.join(str(n) for n in array.shape)}] {array.dtype.name}"


# While a picture is drawn, each value is formatted once, though the DOT
# source, the text tree and the edges all show it (see `formatting_once`).
_memo: dict | None = None


class formatting_once:
    """Within this block, format each value once (keyed by identity; values kept alive)."""

    def __enter__(self) -> None:
        global _memo
        self._outer = _memo
        _memo = {} if _memo is None else _memo

    def __exit__(self, *exc_info: object) -> None:
        global _memo
        _memo = self._outer


def _once(key: tuple, value: Any, compute: Any) -> Any:
    if _memo is None:
        return compute()
    hit = _memo.get(key)
    if hit is None:
        hit = _memo[key] = (value, compute())
    return hit[1]


def describe(value: Any) -> list[str]:
    """The lines that describe a value on a node: PyTorch's print, or a summary."""
    return list(_once(("describe", id(value)), value, lambda: _describe(value)))


def _describe(value: Any) -> list[str]:
    """The lines that describe a value on a node: PyTorch's print, or a summary."""
    array = as_array(value)
    if is_small(array):
        return _pytorch_text_of(value, array).splitlines()
    return [shape_text(array), statistics(array)]


def _pytorch_text_of(value: Any, array: np.ndarray) -> str:
    # Nodes show a value on several lines, the text tree on one: format it once.
    return _once(("pytorch", id(value)), value, lambda: pytorch_text(array))


def describe_one_line(value: Any, limit: int = FULL_ELEMENTS, *, statistics_too: bool = True) -> str:
    """One line for the text tree or an edge label (``statistics_too=False``: shape only)."""
    key = ("line", id(value), limit, statistics_too)
    return _once(key, value, lambda: _describe_one_line(value, limit, statistics_too))


def _describe_one_line(value: Any, limit: int, statistics_too: bool) -> str:
    array = as_array(value)
    if is_small(array, limit):
        return one_line(_pytorch_text_of(value, array))
    if array.dtype == np.bool_ or not statistics_too:
        return shape_text(array)
    return f"{shape_text(array)}  {statistics(array)}"


def heat_map(value: Any) -> list[list[float]] | None:
    """A coarse picture of a large 2-D value: block means scaled to [-1, 1].

    None when the value is not a large 2-D float array (small ones are shown
    in full instead).  Each cell is the mean of one block of the matrix.
    """
    array = as_array(value)
    if array.ndim != 2 or is_small(array) or array.dtype.kind != "f" or 0 in array.shape:
        return None
    rows = np.array_split(np.arange(array.shape[0]), min(HEAT_CELLS, array.shape[0]))
    cols = np.array_split(np.arange(array.shape[1]), min(HEAT_CELLS, array.shape[1]))
    with warnings.catch_warnings():  # an all-NaN block is "Mean of empty slice"
        warnings.simplefilter("ignore", RuntimeWarning)
        blocks = np.array(
            [[np.nanmean(array[r[0] : r[-1] + 1, c[0] : c[-1] + 1]) for c in cols] for r in rows]
        )
    blocks = np.nan_to_num(blocks, nan=0.0, posinf=0.0, neginf=0.0)
    scale = float(np.abs(blocks).max())
    if scale > 0:
        blocks = blocks / scale
    return blocks.tolist()


def heat_colour(x: float) -> str:
    """Blue for negative, white for zero, red for positive (``x`` in [-1, 1])."""
    x = max(-1.0, min(1.0, x))
    fade = int(round(255 * (1 - abs(x))))
    return f"#ff{fade:02x}{fade:02x}" if x > 0 else f"#{fade:02x}{fade:02x}ff"
