"""Reproduce PyTorch's ``repr(tensor)`` for NumPy arrays.

This is a port of the default-options path of ``torch/_tensor_str.py``
(precision=4, threshold=1000, edgeitems=3, linewidth=80, sci_mode=None) for
CPU, dense, strided tensors of dtype float32, float64, int64 and bool.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from ._dtype import default_float

__all__ = ["format_tensor", "format_meta", "set_printoptions"]

PRECISION = 4
THRESHOLD = 1000
EDGEITEMS = 3
LINEWIDTH = 80
SCI_MODE: bool | None = None  # None: chosen from the values, as PyTorch does

# PyTorch's named profiles: precision, threshold, edgeitems, linewidth.
_PROFILES = {"default": (4, 1000, 3, 80), "short": (2, 1000, 2, 80), "full": (4, math.inf, 3, 80)}


def set_printoptions(
    precision: int | None = None,
    threshold: float | None = None,
    edgeitems: int | None = None,
    linewidth: int | None = None,
    profile: str | None = None,
    sci_mode: bool | None = None,
) -> None:
    """How tensors print, as PyTorch's ``torch.set_printoptions``: digits, summarising, line width, notation.

    ``profile`` is ``"default"``, ``"short"`` or ``"full"`` (never summarise);
    the other options then change it.  ``sci_mode`` is always set: leaving it
    out returns to choosing the notation from the values.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.set_printoptions(precision=2)
    >>> torch.tensor([1.23456, 2.0])
    tensor([1.23, 2.00])
    >>> torch.set_printoptions(profile="default")
    """
    global PRECISION, THRESHOLD, EDGEITEMS, LINEWIDTH, SCI_MODE
    if profile in _PROFILES:  # (PyTorch ignores a name it does not know)
        PRECISION, THRESHOLD, EDGEITEMS, LINEWIDTH = _PROFILES[profile]
    if precision is not None:
        PRECISION = precision
    if threshold is not None:
        THRESHOLD = threshold
    if edgeitems is not None:
        EDGEITEMS = edgeitems
    if linewidth is not None:
        LINEWIDTH = linewidth
    SCI_MODE = sci_mode


_PREFIX = "tensor("
_INDENT = len(_PREFIX)
# torch omits the dtype for its default dtype (float32 unless set_default_dtype
# changed it) and for int64/bool, because those are what torch.tensor() infers
# from Python floats/ints/bools.
_IMPLIED_DTYPES = ("int64", "bool")


def format_tensor(
    values: np.ndarray, *, dtype: str, suffixes: Sequence[str] = (), prefix: str = _PREFIX
) -> str:
    """Format an array exactly as PyTorch's ``repr(tensor)`` would.

    Parameters
    ----------
    values : np.ndarray
        The tensor's data; its NumPy dtype should match `dtype`.
    dtype : {"float32", "float64", "int64", "bool"}
        The tensor dtype to show (and to decide whether a ``dtype=`` suffix
        is needed).
    suffixes : sequence of str, optional
        Extra ``key=value`` strings such as ``"requires_grad=True"`` or
        ``"grad_fn=<AddBackward0>"``. They are placed after torch's own
        ``size=``/``dtype=`` suffixes and wrapped onto new lines like torch.

    Returns
    -------
    str
        The same text as ``repr(t)`` / ``str(t)`` under torch's default
        print options.

    Examples
    --------
    >>> import numpy as np
    >>> format_tensor(np.array([2.0, 3.0], dtype=np.float32), dtype="float32")
    'tensor([2., 3.])'
    >>> format_tensor(np.array([0.1, -1.5]), dtype="float64",
    ...               suffixes=["requires_grad=True"])
    'tensor([ 0.1000, -1.5000], dtype=torch.float64, requires_grad=True)'
    >>> format_tensor(np.zeros((0, 3), dtype=np.int64), dtype="int64")
    'tensor([], size=(0, 3), dtype=torch.int64)'
    >>> print(format_tensor(np.array([[1, 20], [300, 4]]), dtype="int64"))
    tensor([[  1,  20],
            [300,   4]])
    """
    arr = np.asarray(values)
    own: list[str] = []
    if arr.size == 0:
        # Empty tensors: show the shape unless it is (0,), and the dtype unless
        # it is the default float dtype (no elements to infer int/bool from).
        if arr.ndim != 1:
            own.append(f"size={tuple(arr.shape)}")
        if dtype != default_float().name:
            own.append(f"dtype=torch.{dtype}")
        body = "[]"
    else:
        if dtype not in _IMPLIED_DTYPES and dtype != default_float().name:
            own.append(f"dtype=torch.{dtype}")
        summarize = arr.size > THRESHOLD
        # Like torch, column widths are computed from the visible items only.
        fmt = _Formatter(_visible(arr) if summarize else arr)
        body = _tensor_str(arr, len(prefix), summarize, fmt)
    return _add_suffixes(prefix + body, [*own, *suffixes], len(prefix))


def format_meta(values: np.ndarray, dtype: str, suffixes: Sequence[str] = ()) -> str:
    """A tensor on the meta device, as PyTorch prints one: its device, shape and dtype, no values.

    Examples
    --------
    >>> import numpy as np
    >>> format_meta(np.zeros((2, 3), np.float32), "float32")
    "tensor(..., device='meta', size=(2, 3))"
    >>> format_meta(np.zeros(2, np.int64), "int64", ["requires_grad=True"])
    "tensor(..., device='meta', size=(2,), dtype=torch.int64, requires_grad=True)"
    """
    own = ["device='meta'", f"size={tuple(values.shape)}"]
    if dtype != default_float().name:
        own.append(f"dtype=torch.{dtype}")
    return _add_suffixes(_PREFIX + "...", [*own, *suffixes])


def _visible(arr: np.ndarray) -> np.ndarray:
    """Items shown after summarisation (torch's ``get_summarized_data``)."""
    index = [np.r_[0:EDGEITEMS, n - EDGEITEMS : n] if n > 2 * EDGEITEMS else np.arange(n) for n in arr.shape]
    return arr[np.ix_(*index)]


_SMALL = 64  # up to this many elements, _Formatter works on Python floats


class _Formatter:
    """Choose one format and column width shared by every element."""

    def __init__(self, arr: np.ndarray) -> None:
        self.floating = arr.dtype.kind == "f"
        self.int_mode = True
        self.sci_mode = False
        self.width = 1
        self.spec = ""  # the format of one element, when not int_mode
        if not self.floating:
            # str(int) length grows with |v| (plus a sign), so the extremes
            # are the widest; for bools min/max pick "False" if present.
            self.width = max(len(str(v.item())) for v in (arr.min(), arr.max()))
            return
        if arr.size <= _SMALL:
            # A few values: Python floats are quicker than a dozen NumPy calls
            # (the graph pictures print hundreds of small tensors).
            vals = [v for v in arr.ravel().tolist() if v != 0 and math.isfinite(v)]
            if not vals:  # only zeros/nan/inf: print like integers, width 1
                return
            mags = [abs(v) for v in vals]
            lo, hi = min(mags), max(mags)
            self.int_mode = all(v == math.ceil(v) for v in vals)
            extremes = [
                f(part)
                for part in ([v for v in vals if v > 0], [v for v in vals if v < 0])
                if part
                for f in (min, max)
            ]
        else:
            flat = arr.ravel()
            vals = flat[np.isfinite(flat) & (flat != 0)]
            if vals.size == 0:
                return
            # torch does this arithmetic in float64, also for float32 tensors.
            mags = np.abs(vals).astype(np.float64)
            lo, hi = float(mags.min()), float(mags.max())
            self.int_mode = bool(np.all(vals == np.ceil(vals)))
            extremes = [
                float(f())
                for part in (vals[vals > 0], vals[vals < 0])
                if part.size
                for f in (part.min, part.max)
            ]
        # (Python floats: hi / lo may overflow to inf, which is fine.)
        self.sci_mode = bool(hi / lo > 1000.0 or hi > 1.0e8 or lo < 1.0e-4) if SCI_MODE is None else SCI_MODE
        if self.sci_mode:
            self.width = _widest(extremes, f".{PRECISION}e")
        elif self.int_mode:
            self.width = _widest(extremes, ".0f") + 1  # room for the trailing "."
        else:
            self.width = _widest(extremes, f".{PRECISION}f")
        self.spec = f">{self.width}.{PRECISION}{'e' if self.sci_mode else 'f'}"

    def format(self, value: float) -> str:  # also int/bool (numeric tower)
        if not self.floating:
            return str(value).rjust(self.width)
        if self.int_mode and not self.sci_mode:
            # A trailing "." marks integer-valued floats; nan/inf get none.
            text = f"{value:.0f}"
            return (text + "." if math.isfinite(value) else text).rjust(self.width)
        # One right-aligned format spec, built once per tensor: the hot case.
        return format(value, self.spec)


def _widest(extremes: list[float], spec: str) -> int:
    """Length of the longest ``format(v, spec)`` over the nonzero values.

    The formatted length only depends on the sign and on the magnitude
    monotonically (digits before the point grow with |v|; exponent digits grow
    towards both ends), so the extreme values of each sign suffice: this
    keeps the cost O(n) in NumPy instead of formatting every element.
    """
    return max(len(format(v, spec)) for v in extremes)


def _tensor_str(arr: np.ndarray, indent: int, summarize: bool, fmt: _Formatter) -> str:
    """Nested ``[...]`` text for `arr`; `indent` is the column of its ``[``."""
    if arr.ndim == 0:
        return fmt.format(arr.item())
    if not summarize:
        # Every element is shown: one tolist() is quicker than a view per row.
        return _rows_str(arr.tolist(), arr.ndim, indent, fmt)
    n = arr.shape[0]
    cut = n > 2 * EDGEITEMS
    if arr.ndim == 1:
        if cut:
            items = [fmt.format(v) for v in arr[:EDGEITEMS].tolist()]
            items += [" ..."]  # counts as an element when wrapping lines
            items += [fmt.format(v) for v in arr[-EDGEITEMS:].tolist()]
        else:
            items = [fmt.format(v) for v in arr.tolist()]
        return _line_str(items, indent, fmt)
    rows = range(EDGEITEMS) if cut else range(n)
    parts = [_tensor_str(arr[i], indent + 1, summarize, fmt) for i in rows]
    if cut:
        parts.append("...")
        parts += [_tensor_str(arr[i], indent + 1, summarize, fmt) for i in range(n - EDGEITEMS, n)]
    return _block_str(parts, arr.ndim, indent)


def _rows_str(rows: list, ndim: int, indent: int, fmt: _Formatter) -> str:
    """``_tensor_str`` of a tensor shown in full, given as nested lists."""
    if ndim == 1:
        return _line_str([fmt.format(v) for v in rows], indent, fmt)
    return _block_str([_rows_str(row, ndim - 1, indent + 1, fmt) for row in rows], ndim, indent)


def _line_str(items: list[str], indent: int, fmt: _Formatter) -> str:
    """One row of formatted elements, wrapped at the line width."""
    # Each element takes its width plus ", "; the indent is reserved.
    per_line = max(1, (LINEWIDTH - indent) // (fmt.width + 2))
    lines = [", ".join(items[i : i + per_line]) for i in range(0, len(items), per_line)]
    return "[" + (",\n" + " " * (indent + 1)).join(lines) + "]"


def _block_str(parts: list[str], ndim: int, indent: int) -> str:
    # Sub-blocks are separated by (ndim - 1) newlines: blank lines between
    # matrices of a 3-d tensor, two blank lines for 4-d, and so on.
    return "[" + ("," + "\n" * (ndim - 1) + " " * (indent + 1)).join(parts) + "]"


def _add_suffixes(text: str, suffixes: Sequence[str], indent: int = _INDENT) -> str:
    """Append ``, suffix`` items, moving one to a new line (indented as the values) if it would overflow."""
    out = [text]
    # torch's quirk: this is 2 more than the real length of the last line.
    last_len = len(text) - text.rfind("\n") + 1
    for suffix in suffixes:
        if last_len + len(suffix) + 2 > LINEWIDTH:
            out.append(",\n" + " " * indent + suffix)
            last_len = indent + len(suffix)
        else:
            out.append(", " + suffix)
            last_len += len(suffix) + 2
    out.append(")")
    return "".join(out)
