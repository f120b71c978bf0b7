"""``torch.testing``: ``assert_close``, with PyTorch's tolerances and PyTorch's messages.

Examples
--------
>>> import autograd_lab as torch
>>> torch.testing.assert_close(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.0 + 1e-7]))
>>> try:
...     torch.testing.assert_close(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.5]))
... except AssertionError as error:
...     print(error)
Tensor-likes are not close!
<BLANKLINE>
Mismatched elements: 1 / 2 (50.0%)
Greatest absolute difference: 0.5 at index (1,) (up to 1e-05 allowed)
Greatest relative difference: 0.20000000298023224 at index (1,) (up to 1.3e-06 allowed)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from . import messages
from .tensor import Tensor

_PRECISIONS = {  # (rtol, atol) by dtype, as torch.testing's _DTYPE_PRECISIONS
    np.dtype(np.float16): (0.001, 1e-5),
    np.dtype(np.float32): (1.3e-6, 1e-5),
    np.dtype(np.float64): (1e-7, 1e-7),
}


class _MismatchError(Exception):
    """A failed comparison: the exception type to raise, PyTorch's message, and the item it is about."""

    def __init__(self, kind: type[Exception], message: str, where: str = "") -> None:
        super().__init__(message)
        self.kind, self.message, self.where = kind, message, where

    def text(self) -> str:
        """The message, with the item it is about after PyTorch's sentence (before our hint, if any)."""
        if not self.where:
            return self.message
        return messages.before_hint(self.message, f"\n\nThe failure occurred for item {self.where}")


def assert_close(
    actual: Any,
    expected: Any,
    *,
    allow_subclasses: bool = True,
    rtol: float | None = None,
    atol: float | None = None,
    equal_nan: bool = False,
    check_device: bool = True,
    check_dtype: bool = True,
    check_layout: bool = True,
    check_stride: bool = False,
    msg: str | Callable[[str], str] | None = None,
) -> None:
    """Raise ``AssertionError`` unless ``actual`` and ``expected`` are close: ``|a − e| ≤ atol + rtol·|e|``.

    Tensors (same shape, dtype and device), Python numbers, and sequences or
    mappings of them, compared item by item. Without ``rtol`` and ``atol``
    the tolerances are PyTorch's for the dtype (float32: 1.3e-6 and 1e-5;
    integers: equal). ``msg`` replaces the message of a mismatch, or (a
    function) edits it.

    As in PyTorch, the inputs are paired first (a length, a key, a type or a
    tolerance wrong raises then, without ``msg``), then each pair is compared
    in order and the first mismatch raised.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.testing.assert_close(1.0, 1.0 + 1e-9)
    >>> torch.testing.assert_close([torch.ones(2)], [torch.ones(2)])
    """
    pairs: list = []
    try:
        _pair_up(actual, expected, (rtol, atol), pairs, "")
    except _MismatchError as mismatch:
        raise mismatch.kind(mismatch.text()) from None
    for a, e, tolerances, where in pairs:
        try:
            _compare(a, e, tolerances, equal_nan, check_dtype, check_stride)
        except _MismatchError as mismatch:
            mismatch.where = where
            text = mismatch.text()
            if msg is not None:
                text = msg if isinstance(msg, str) else msg(text)
            raise mismatch.kind(text) from None


def _pair_up(actual: Any, expected: Any, tolerances: tuple, pairs: list, where: str) -> None:
    """PyTorch's ``originate_pairs``: sequences and mappings item by item, each leaf with its tolerances."""
    if _is_sequence(actual) and _is_sequence(expected):
        if len(actual) != len(expected):
            text = f"The length of the sequences mismatch: {len(actual)} != {len(expected)}"
            raise _MismatchError(AssertionError, text, where)
        for index, (a, e) in enumerate(zip(actual, expected, strict=True)):
            _pair_up(a, e, tolerances, pairs, f"{where}[{index}]")
    elif isinstance(actual, Mapping) and isinstance(expected, Mapping):
        _compare_keys(actual, expected, where)
        for key in actual:
            _pair_up(actual[key], expected[key], tolerances, pairs, f"{where}[{key!r}]")
    elif type(actual) is bool and type(expected) is bool:
        pairs.append((actual, expected, tolerances, where))
    elif (_is_number(actual) and _is_number(expected)) or (
        isinstance(actual, Tensor) and isinstance(expected, Tensor)
    ):
        if (tolerances[0] is None) != (
            tolerances[1] is None
        ):  # (checked as each pair is made, as PyTorch does)
            missing = "atol" if tolerances[1] is None else "rtol"
            raise _MismatchError(ValueError, messages.text("assert_close_tolerances", missing=missing), where)
        pairs.append((actual, expected, tolerances, where))
    else:
        types = {"actual": str(type(actual)), "expected": str(type(expected))}
        raise _MismatchError(TypeError, messages.text("assert_close_types", **types), where)


def _compare(
    actual: Any, expected: Any, tolerances: tuple, equal_nan: bool, check_dtype: bool, check_stride: bool
) -> None:
    """One pair: booleans, numbers or tensors."""
    if isinstance(actual, Tensor):
        _compare_tensors(actual, expected, tolerances, equal_nan, check_dtype, check_stride)
    elif type(actual) is bool:
        if actual is not expected:
            raise _MismatchError(AssertionError, f"Booleans mismatch: {actual} is not {expected}")
    else:
        _compare_numbers(actual, expected, tolerances, equal_nan, check_dtype)


def _compare_tensors(
    actual: Tensor,
    expected: Tensor,
    tolerances: tuple,
    equal_nan: bool,
    check_dtype: bool,
    check_stride: bool,
) -> None:
    for name, a, e in (("shape", actual.shape, expected.shape), ("dtype", actual.dtype, expected.dtype)):
        if a != e and (name != "dtype" or check_dtype):
            raise _MismatchError(
                AssertionError, f"The values for attribute '{name}' do not match: {a} != {e}."
            )
    if check_stride and actual.stride() != expected.stride():
        raise _MismatchError(
            AssertionError,
            f"The values for attribute 'stride()' do not match: {actual.stride()} != {expected.stride()}.",
        )
    a, e = actual._array, expected._array
    rtol, atol = tolerances if tolerances[0] is not None else _default_tolerances(a.dtype, e.dtype)
    common = np.result_type(a, e)
    a, e = a.astype(common), e.astype(common)
    matches = _isclose(a, e, rtol, atol, equal_nan)
    if matches.all():
        return
    if a.ndim == 0:
        raise _MismatchError(AssertionError, _scalar_message(a.item(), e.item(), rtol, atol))
    raise _MismatchError(AssertionError, _tensor_message(a, e, matches, rtol, atol))


def _compare_numbers(
    actual: Any, expected: Any, tolerances: tuple, equal_nan: bool, check_dtype: bool
) -> None:
    if check_dtype and type(actual) is not type(expected):
        raise _MismatchError(
            AssertionError, f"The (d)types do not match: {type(actual)} != {type(expected)}."
        )
    floating = isinstance(actual, float) or isinstance(expected, float)
    rtol, atol = tolerances if tolerances[0] is not None else ((1e-7, 1e-7) if floating else (0.0, 0.0))
    if not _isclose(np.asarray(float(actual)), np.asarray(float(expected)), rtol, atol, equal_nan).all():
        raise _MismatchError(AssertionError, _scalar_message(actual, expected, rtol, atol))


def _isclose(a: np.ndarray, e: np.ndarray, rtol: float, atol: float, equal_nan: bool) -> np.ndarray:
    """``torch.isclose``: equal, or ``|a − e| ≤ atol + rtol·|e|`` for floating values."""
    if a.dtype.kind not in "fc":
        return a == e
    with np.errstate(invalid="ignore", over="ignore"):
        close = (a == e) | (np.isfinite(e) & (np.abs(a - e) <= atol + rtol * np.abs(e)))
    return close | (np.isnan(a) & np.isnan(e)) if equal_nan else close


def _default_tolerances(*dtypes: np.dtype) -> tuple[float, float]:
    """The more lenient of the two dtypes' tolerances (0 and 0 for integers and bools)."""
    rtols, atols = zip(*(_PRECISIONS.get(np.dtype(d), (0.0, 0.0)) for d in dtypes), strict=True)
    return max(rtols), max(atols)


def _tensor_message(a: np.ndarray, e: np.ndarray, matches: np.ndarray, rtol: float, atol: float) -> str:
    """PyTorch's ``make_tensor_mismatch_msg``: the count of mismatches, and the greatest differences and where."""
    total, mismatched = matches.size, int(matches.size - matches.sum())
    flat_a, flat_e, flat_matches = a.reshape(-1), e.reshape(-1), matches.reshape(-1)
    if a.dtype.kind not in "fc":  # integers are compared in int64, as PyTorch does
        flat_a, flat_e = flat_a.astype(np.int64), flat_e.astype(np.int64)
    with np.errstate(all="ignore"):
        absolute = np.abs(flat_a - flat_e)
        absolute[flat_matches] = 0
        # (integers: a true division, in the default float32, as PyTorch's int64 division gives)
        wide = np.dtype(np.float32) if a.dtype.kind not in "fc" else None
        relative = np.divide(absolute, np.abs(flat_e), dtype=wide)
        relative[flat_matches] = 0
    where_abs, where_rel = _argmax(absolute), _argmax(relative)
    extra = f"Mismatched elements: {mismatched} / {total} ({mismatched / total:.1%})"
    return _mismatch_message(
        "Tensor-likes", extra, absolute[where_abs].item(), np.unravel_index(where_abs, a.shape), atol,
        relative[where_rel].item(), np.unravel_index(where_rel, a.shape), rtol,
    )  # fmt: skip


def _argmax(values: np.ndarray) -> int:
    """``torch.max``'s index: the first NaN if there is one, else the first greatest value."""
    nans = np.flatnonzero(np.isnan(values)) if values.dtype.kind == "f" else ()
    return int(nans[0]) if len(nans) else int(np.argmax(values))


def _scalar_message(actual: Any, expected: Any, rtol: float, atol: float) -> str:
    absolute = abs(actual - expected)
    relative = float("inf") if expected == 0 else absolute / abs(expected)
    return _mismatch_message(
        "Scalars", f"Expected {expected} but got {actual}.", absolute, None, atol, relative, None, rtol
    )


def _mismatch_message(
    kind: str,
    extra: str,
    absolute: Any,
    where_abs: Any,
    atol: float,
    relative: Any,
    where_rel: Any,
    rtol: float,
) -> str:
    """PyTorch's ``_make_mismatch_msg``."""
    equality = rtol == 0 and atol == 0

    def line(name: str, diff: Any, where: Any, tolerance: float) -> str:
        text = (
            f"{name.title()} difference: {diff}"
            if where is None
            else f"Greatest {name} difference: {diff} at index {tuple(int(i) for i in where)}"
        )
        return text + ("" if equality else f" (up to {tolerance} allowed)") + "\n"

    text = f"{kind} are not {'equal' if equality else 'close'}!\n\n{extra.strip()}\n"
    text += line("absolute", absolute, where_abs, atol) + line("relative", relative, where_rel, rtol)
    return text.strip()


def _compare_keys(actual: Mapping, expected: Mapping, where: str) -> None:
    missing, extra = [k for k in expected if k not in actual], [k for k in actual if k not in expected]
    if missing or extra:
        raise _MismatchError(
            AssertionError,
            f"The keys of the mappings do not match:\nMissing keys in the actual mapping: {sorted(missing)}\n"
            f"Additional keys in the actual mapping: {sorted(extra)}",
            where,
        )


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, complex)) and not isinstance(value, bool)


def _is_sequence(value: Any) -> bool:
    return isinstance(value, Sequence) and not isinstance(value, str)


_ALLCLOSE_PRECISIONS = {  # (rtol, atol) by dtype, as the deprecated assert_allclose's
    np.dtype(np.float16): (1e-3, 1e-3),
    np.dtype(np.float32): (1e-4, 1e-5),
    np.dtype(np.float64): (1e-5, 1e-8),
}


def assert_allclose(
    actual: Any,
    expected: Any,
    rtol: float | None = None,
    atol: float | None = None,
    equal_nan: bool = True,
    msg: str = "",
) -> None:
    """The deprecated form of :func:`assert_close` (with PyTorch's FutureWarning): NaNs equal, any dtypes.

    Examples
    --------
    >>> import warnings
    >>> import autograd_lab as torch
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     torch.testing.assert_allclose(torch.tensor([1.0]), [1.00001])
    """
    messages.warn("assert_allclose_deprecated")
    from .creation import tensor

    if not isinstance(actual, Tensor):
        actual = tensor(actual)
    if not isinstance(expected, Tensor):
        expected = tensor(expected, dtype=actual.dtype)
    if rtol is None and atol is None:
        dtypes = (actual._array.dtype, expected._array.dtype)
        pairs = [_ALLCLOSE_PRECISIONS.get(d, (0.0, 0.0)) for d in dtypes]
        rtol, atol = max(p[0] for p in pairs), max(p[1] for p in pairs)
    assert_close(
        actual,
        expected,
        rtol=rtol,
        atol=atol,
        equal_nan=equal_nan,
        check_dtype=False,
        check_stride=False,
        msg=msg or None,
    )


__all__ = ["assert_close", "assert_allclose"]
