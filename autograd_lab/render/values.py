"""How a value or a gradient is written on a picture and in the text tree.

The label rules, one function each, shared by the SVG and the text tree so
that they always agree:

- a number has four significant figures and no ``tensor(...)`` around it
  (:func:`number`): ``2``, ``0.3333``, ``-1.5e-05``;
- a small value is written in full, with brackets showing its shape
  (:func:`small_lines`): ``2`` (0-d), ``[2]``, ``[[1, 2], [3, 4]]``;
- a larger one is its shape, written ``[200, 16]`` (:func:`shape_text`), and on a
  picture a heat map (:func:`heat_map`) with a colour scale; in words, its
  min, mean and max (:func:`statistics`); all zeros says so;
- the dtype is written only where it differs from the picture's usual one
  (:func:`dtype_suffix`); the legend says once which that is;
- an edge carries the gradient itself when it is small, else its shape and
  norm (:func:`edge_text`).

A value is formatted once per picture, though the DOT source, the text tree
and the edges all show it (:class:`formatting_once`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

import numpy as np

from .._dtype import DTYPES
from ..messages import say

# Written in full: a vector of up to ROW_ELEMENTS, a matrix of up to FULL_ELEMENTS in rows of
# up to MATRIX_ROW (a 3 x 3 in numbers; a 4 x 4, side by side with its gradient, is too wide
# to read and goes as a heat map).
ROW_ELEMENTS = 8
FULL_ELEMENTS = 9
MATRIX_ROW = 4
# An edge label is one line, so it gets less room.
EDGE_ELEMENTS = 4
# A picture too wide to read is drawn again with compact values (fit.py): a value whose full text
# takes more lines, or longer ones, is then its shape and a heat map, as a large one always is.
COMPACT_LINES = 4
COMPACT_CHARS = 18
# A heat map has at most this many cells down and across (block means beyond).
HEAT_ROWS = 8
HEAT_COLUMNS = 16
# The dtype nobody needs to be told about, on every node; the legend names it once.
USUAL_DTYPE = "float32"

# dtype -> its name, looked up by the dtype itself (dtype.name is slow to compute).
_DTYPE_NAMES = {d.numpy: d.name for d in DTYPES}


def visible(text: str) -> str:
    r"""Text with control characters (and others XML cannot hold) written as escapes.

    A newline shows as ``\n``, so a name stays on one line of the text tree
    and of its box.

    >>> print(visible("a\nb\x00"))
    a\nb\x00
    """
    if text.isascii() and text.isprintable():
        return text  # most labels: nothing to show differently
    return _INVISIBLE.sub(lambda match: repr(match.group())[1:-1], text)


def text_width(text: str, size: float, per_char: float = 0.55) -> float:
    """Roughly how wide ``text`` is at ``size`` points: a Chinese character takes a whole em.

    ``per_char``: the average width of other characters, in ems (Helvetica
    about 0.55, bold 0.6, Courier exactly 0.6).

    >>> round(text_width("value", 10), 6), round(text_width("梯度", 10), 6)  # 5 x 0.55 x 10 is 27.500000000000004
    (27.5, 20.0)
    """
    if text.isascii():
        return len(text) * size * per_char
    wide = sum(1 for char in text if unicodedata.east_asian_width(char) in "WF")
    return (wide + (len(text) - wide) * per_char) * size


# Control characters, line and paragraph separators, non-characters, lone surrogates.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")


def as_array(value: Any) -> np.ndarray:
    """A NumPy array for a tensor's values, an array, or a Python number."""
    array = np.asarray(value)
    if array.dtype not in _DTYPE_NAMES:
        array = array.astype(np.float64 if array.dtype.kind in "fc" else np.int64)
    return array


def dtype_name(array: np.ndarray) -> str:
    return _DTYPE_NAMES[array.dtype]


# -- numbers ------------------------------------------------------------------------------


def number(x: Any) -> str:
    """One number, four significant figures, as a student would write it.

    >>> [number(v) for v in (2.0, 1 / 3, -0.0, 12345.678, 1.5e-5, float("nan"), True, 7)]
    ['2', '0.3333', '0', '1.235e+04', '1.5e-05', 'nan', 'True', '7']
    """
    if isinstance(x, (bool, np.bool_)):
        return str(bool(x))
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    x = float(x)
    if x == 0:
        return "0"  # -0 too: the sign of zero teaches nothing here
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return f"{x:.4g}"


def _row(values: Any) -> list[str]:
    return [number(v) for v in values]


def is_small(array: np.ndarray) -> bool:
    """Written in full: a number, a vector of at most 8, a matrix of at most 9 in rows of at most 4."""
    if array.ndim <= 1:
        return array.size <= ROW_ELEMENTS
    return array.size <= FULL_ELEMENTS and array.shape[-1] <= MATRIX_ROW


def same_values(first: Any, second: Any) -> bool:
    """Whether two values (tensors, arrays or numbers, or None) hold the same numbers, bit for bit, in the same shape."""
    if first is None or second is None:
        return False
    if first is second:
        return True
    a, b = as_array(first), as_array(second)
    return a.shape == b.shape and a.dtype == b.dtype and a.tobytes() == b.tobytes()


def compacting_changes(nodes: Any) -> bool:
    """Whether :class:`compact_values` could change what any of ``nodes`` writes.

    Only a small value of more than one number can be written otherwise
    (a larger one is a heat map either way).
    """
    for node in nodes:
        for value in (node.value, node.grad):
            if hasattr(value, "shape") and (array := as_array(value)).size > 1 and is_small(array):
                return True
    return False


def _shown_in_full(array: np.ndarray) -> bool:
    """Written in full on a picture: small, and with compact values (:class:`compact_values`) short too.

    Compact, a value is written in full in at most ``COMPACT_LINES`` lines of
    at most ``COMPACT_CHARS`` characters (``[1, 2, 3]``, ``[[0, 1], [1, 0]]``,
    a column of four numbers): no wider than its heat map and scale would be.
    """
    if not is_small(array):
        return False
    if not _compact or array.size <= 1:
        return True
    lines = small_lines(array)
    return len(lines) <= COMPACT_LINES and max(len(line) for line in lines) <= COMPACT_CHARS


def small_lines(array: np.ndarray) -> list[str]:
    """A small value in full: a number, ``[1, 2]``, or a matrix with one row per line, aligned.

    >>> small_lines(np.array(2.0))
    ['2']
    >>> small_lines(np.array([1.0, 0.5]))
    ['[1, 0.5]']
    >>> print("\\n".join(small_lines(np.array([[1.0, -2.5], [30.0, 4.0]]))))
    [[ 1, -2.5],
     [30,    4]]
    """
    if array.ndim == 0:
        return [number(array.item())]
    if array.ndim == 1:
        return ["[" + ", ".join(_row(array.tolist())) + "]"]
    if array.ndim == 2:
        rows = [_row(row) for row in array.tolist()]
        widths = [max(len(row[i]) for row in rows) for i in range(array.shape[1])]
        lines = [
            ", ".join(text.rjust(width) for text, width in zip(row, widths, strict=True)) for row in rows
        ]
        last = len(lines) - 1
        return [
            ("[[" if i == 0 else " [") + line + ("]]" if i == last else "],") for i, line in enumerate(lines)
        ]
    return [_nested(array.tolist())]


def _nested(items: Any) -> str:
    if isinstance(items, list):
        return "[" + ", ".join(_nested(item) for item in items) + "]"
    return number(items)


def one_line(array: np.ndarray) -> str:
    """A small value on one line: ``[[1, 2], [3, 4]]``."""
    return small_lines(array)[0] if array.ndim < 2 else _nested(array.tolist())


# -- shapes, dtypes and summaries -----------------------------------------------------------


def shape_text(array: np.ndarray) -> str:
    """``[200, 16]``: a shape as the student writes it (``[]`` for a 0-d value)."""
    return "[" + ", ".join(str(n) for n in array.shape) + "]"


def dtype_suffix(array: np.ndarray) -> str:
    """`` int64`` where the dtype is not the usual float32 (the legend names that one once)."""
    name = dtype_name(array)
    return "" if name == USUAL_DTYPE else f" {name}"


_NOISE = 2.0**-20
"""A mean this small beside the largest value is rounding noise (float32 keeps 24 bits)."""


def _signal(mean: float, low: float, high: float) -> float:
    """The mean, or 0 where it is only rounding noise (a gradient whose rows sum to 0, say).

    Such a mean comes from the last bits of the values, which change with the
    order of the additions that made them, and would make a picture's text
    differ from one CPU or version to the next.
    """
    return 0.0 if abs(mean) <= _NOISE * max(abs(low), abs(high)) else mean


def statistics(array: np.ndarray) -> str:
    """``min -1.2  mean 0.031  max 2.1`` (NaN counted apart, so one NaN hides nothing)."""
    if array.size == 0:
        return say("empty")
    if array.dtype == np.bool_:
        return say("true_count", count=int(array.sum()))
    if array.size <= _LISTED:  # a few numbers: Python is quicker than NumPy's calls
        listed = array.ravel().tolist()
        if all(math.isfinite(x) for x in listed):
            low, high = min(listed), max(listed)
            mean = _signal(math.fsum(listed) / len(listed), low, high)
            return f"{say('min')} {number(low)}  {say('mean')} {number(mean)}  {say('max')} {number(high)}"
    values = array.astype(np.float64, copy=False)
    finite_mask = np.isfinite(values)
    finite = values if finite_mask.all() else values[finite_mask]
    parts = []
    if finite.size:
        low, high = finite.min(), finite.max()
        parts.append(
            f"{say('min')} {number(low)}  {say('mean')} {number(_signal(finite.mean(), low, high))}  "
            f"{say('max')} {number(high)}"
        )
    if finite.size == values.size:
        return parts[0]
    nans = int(np.isnan(values).sum())
    if nans:
        parts.append(f"{nans} nan")
    infinite = values.size - finite.size - nans
    if infinite:
        parts.append(f"{infinite} inf")
    return "  ".join(parts)


_LISTED = 256  # up to this many elements, statistics are worked out in Python


def all_zero(array: np.ndarray) -> bool:
    return array.size > 0 and not array.any()


def norm(array: np.ndarray) -> float:
    with np.errstate(over="ignore", invalid="ignore"):
        return float(np.sqrt(np.sum(np.square(array.astype(np.float64)))))


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


# Within `compact_values`, a picture writes only a few numbers of a value in full (fit.py).
_compact = False


class compact_values:
    """Within this block, only a short value is written in full; others are their shape and a heat map.

    A picture too wide to read is drawn so (``fit.py``): a column of eight
    numbers, written out, is a node as tall as eight lines and as wide as
    the longest; its heat map is one narrow strip.  The text tree is never
    compact.

    >>> import numpy as np
    >>> column = np.arange(8, dtype=np.float32).reshape(8, 1)
    >>> node_lines(column)[0], len(node_lines(column))
    ('[[0],', 8)
    >>> with compact_values():
    ...     node_lines(column)
    ['[8, 1]']
    """

    def __init__(self, on: bool = True) -> None:
        self.on = on

    def __enter__(self) -> None:
        global _compact
        self._outer = _compact
        _compact = self.on

    def __exit__(self, *exc_info: object) -> None:
        global _compact
        _compact = self._outer


def _once(key: tuple, value: Any, compute: Any) -> Any:
    if _memo is None:
        return compute()
    hit = _memo.get(key)
    if hit is None:
        hit = _memo[key] = (value, compute())
    return hit[1]


# -- what a node, the text tree and an edge write -------------------------------------------


def node_lines(value: Any) -> list[str]:
    """The text lines of a value on a node: in full, or its shape (then a heat map shows it)."""
    return list(_once(("node", _compact, id(value)), value, lambda: _node_lines(value)))


def _empty(array: np.ndarray) -> str | None:
    """An empty value of 2 or more dimensions: its shape says what it is (``[0, 5] empty``)."""
    if array.size or array.ndim < 2:
        return None
    return f"{shape_text(array)}{dtype_suffix(array)} {say('empty')}"


def _node_lines(value: Any) -> list[str]:
    if not hasattr(value, "shape"):
        return [number(value) if isinstance(value, (int, float)) else repr(value)]
    array = as_array(value)
    if (empty := _empty(array)) is not None:
        return [empty]
    if _shown_in_full(array):
        lines = small_lines(array)
        suffix = dtype_suffix(array)
        return [*lines[:-1], lines[-1] + suffix] if suffix else lines
    first = shape_text(array) + dtype_suffix(array)
    if all_zero(array):
        return [f"{first}  {say('all_zero')}"]
    if heat_map(array) is None:  # bool, integer, empty or 1-element-wide: in words
        return [first, statistics(array)]
    return [first]


def tree_text(value: Any) -> str:
    """A value in one line of the text tree: in full, or shape and statistics."""
    return _once(("tree", id(value)), value, lambda: _tree_text(value))


def _tree_text(value: Any) -> str:
    if not hasattr(value, "shape"):
        return number(value) if isinstance(value, (int, float)) else repr(value)
    array = as_array(value)
    if (empty := _empty(array)) is not None:
        return empty
    if is_small(array):
        return one_line(array) + dtype_suffix(array)
    first = shape_text(array) + dtype_suffix(array)
    if all_zero(array):
        return f"{first} {say('all_zero')}"
    return f"{first}  {statistics(array)}"


def edge_text(value: Any) -> str:
    """A gradient on an edge: itself when small, else its shape and norm."""
    return _once(("edge", id(value)), value, lambda: _edge_text(value))


def _edge_text(value: Any) -> str:
    array = as_array(value)
    if array.size <= EDGE_ELEMENTS:
        return one_line(array)
    if all_zero(array):
        return f"{shape_text(array)} {say('all_zero')}"
    return say("shape_and_norm", shape=shape_text(array), norm=number(norm(array)))


# -- heat maps ---------------------------------------------------------------------------------


def heat_map(value: Any) -> tuple[np.ndarray, float] | None:
    """A coarse picture of a large float value: cells in [-1, 1] and the scale they are relative to.

    Each cell is the mean of one block of the value (one element, when it
    fits); a cell is NaN where the block holds only NaN or inf.  The scale
    is the largest absolute cell: -1 is ``-scale``, 0 is zero, 1 is ``scale``.
    None for small values (written in full), integers, bools, empty or
    all-zero values (said in words).
    """
    return _once(("heat", _compact, id(value)), value, lambda: _heat_map(as_array(value)))


def _heat_map(array: np.ndarray) -> tuple[np.ndarray, float] | None:
    if _shown_in_full(array) or array.dtype.kind != "f" or array.size == 0 or all_zero(array):
        return None
    matrix = array.reshape(1, -1) if array.ndim <= 1 else array.reshape(-1, array.shape[-1])
    finite = np.isfinite(matrix)
    if matrix.shape[0] <= HEAT_ROWS and matrix.shape[1] <= HEAT_COLUMNS:
        blocks = np.where(finite, matrix, np.nan).astype(np.float64)  # one cell per element
    else:  # block means, NaN and inf left out; a block of nothing but those is NaN
        rows = [r[0] for r in np.array_split(np.arange(matrix.shape[0]), min(HEAT_ROWS, matrix.shape[0]))]
        cols = [c[0] for c in np.array_split(np.arange(matrix.shape[1]), min(HEAT_COLUMNS, matrix.shape[1]))]

        def block_sums(values: np.ndarray) -> np.ndarray:
            return np.add.reduceat(np.add.reduceat(values, rows, axis=0), cols, axis=1)

        with np.errstate(invalid="ignore", divide="ignore"):
            totals = block_sums(np.where(finite, matrix, 0).astype(np.float64))
            blocks = totals / block_sums(finite.astype(np.float64))
    magnitudes = np.abs(blocks)
    scale = float(np.nanmax(magnitudes)) if not np.isnan(magnitudes).all() else 0.0
    return (blocks / scale if scale > 0 else blocks), scale


NAN_COLOUR = "#9a9a9a"
# The 256 shades of each side, so that a map is coloured by looking them up.
_REDS = [f"#ff{fade:02x}{fade:02x}" for fade in range(256)]
_BLUES = [f"#{fade:02x}{fade:02x}ff" for fade in range(256)]


def heat_colours(cells: np.ndarray) -> list[list[str]]:
    """Each cell's colour (see :func:`heat_colour`), for a whole map."""
    return [[_shade(x) for x in row] for row in cells.tolist()]


def _shade(x: float) -> str:
    if x != x:  # NaN
        return NAN_COLOUR
    if x > 0:
        return _REDS[int(255 * (1 - x) + 0.5) if x < 1 else 0]
    return _BLUES[int(255 * (1 + x) + 0.5) if x > -1 else 0]


def signs(cells: np.ndarray) -> tuple[bool, bool, bool]:
    """Whether a map has cells below zero, above zero, and NaN: what its scale must explain."""
    flat = cells.ravel().tolist()
    return any(x < 0 for x in flat), any(x > 0 for x in flat), any(x != x for x in flat)


def heat_colour(x: float | None) -> str:
    """Blue for negative, white for zero, red for positive (``x`` in [-1, 1]); grey for NaN."""
    if x is None:
        return NAN_COLOUR
    x = max(-1.0, min(1.0, x))
    fade = int(round(255 * (1 - abs(x))))
    return f"#ff{fade:02x}{fade:02x}" if x > 0 else f"#{fade:02x}{fade:02x}ff"
