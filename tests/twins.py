"""The same call in autograd_lab and in PyTorch, for tests that hold one against the other.

``call`` is a function of a module (``lambda t: t.zeros(2, device="cuda")``),
run once with ``autograd_lab`` and once with ``torch``.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from types import ModuleType
from typing import Any

import numpy as np
import pytest

import autograd_lab as lab


def error_of(call: Callable[[ModuleType], Any], module: ModuleType) -> BaseException:
    """The exception ``call(module)`` raises (warnings silenced)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(Exception) as caught:  # noqa: PT011 - the type is compared below
            call(module)
    return caught.value


def raises_like_torch(call: Callable[[ModuleType], Any], torch: ModuleType) -> str:
    """Both raise the same type; ours is PyTorch's message up to our hint, then ``Hint: ``. Returns ours."""
    ours, theirs = error_of(call, lab), error_of(call, torch)
    assert type(ours) is type(theirs), f"{type(ours).__name__}: {ours} vs {type(theirs).__name__}: {theirs}"
    text = str(ours)
    torch_part, _, hint = text.partition(" Hint: ")
    assert hint, f"no hint in {text!r}"
    assert str(theirs).startswith(torch_part), f"{torch_part!r} is not how {str(theirs)!r} starts"
    return text


def same_bits(ours: lab.Tensor, theirs: Any) -> int:
    """Assert both hold the same values bit for bit, with the same dtype and shape; returns how many."""
    mine, reference = ours.detach().numpy(), theirs.detach().numpy()
    assert mine.dtype == reference.dtype and mine.shape == reference.shape, (mine.dtype, reference.dtype)
    np.testing.assert_array_equal(mine, reference)
    assert mine.tobytes() == reference.tobytes()  # -0.0 and 0.0 count as different too
    return mine.size


def same_repr(ours: Any, theirs: Any) -> None:
    """``repr`` character for character (tensors, devices, dtypes, grad_fn names)."""
    assert repr(ours) == repr(theirs)


def both(scenario: Callable[[ModuleType], dict]) -> tuple[dict, dict]:
    """``scenario(lab)`` and ``scenario(torch)``, each after ``manual_seed(0)``, warnings silenced."""
    torch = pytest.importorskip("torch")
    results = []
    for m in (lab, torch):
        m.manual_seed(0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            results.append(scenario(m))
    return results[0], results[1]


def numbers(value: Any) -> np.ndarray:
    """A tensor's values, as a NumPy array of their own."""
    return value.detach().numpy().copy()


def assert_same(ours: dict, theirs: dict, rtol: float = 1e-6, atol: float = 1e-7) -> None:
    """Every entry equal: strings, lists and booleans exactly, arrays (of one shape and dtype) to
    ``rtol``/``atol``."""
    assert ours.keys() == theirs.keys()
    for key in ours:
        a, b = ours[key], theirs[key]
        if isinstance(a, np.ndarray):
            assert a.shape == b.shape and a.dtype == b.dtype, key
            np.testing.assert_allclose(a, b, rtol=rtol, atol=atol, err_msg=key)
        else:
            assert a == b, f"{key}: {a!r} != {b!r}"


def error_line(m: ModuleType, error: BaseException) -> str:
    """``Type: first line`` of an error; ours must carry a hint, which is cut off to compare with PyTorch's."""
    text = str(error)
    if m is lab:
        assert " Hint: " in text, f"our error has no hint: {text}"
        text = text.split(" Hint: ")[0]
    return f"{type(error).__name__}: {text.splitlines()[0]}"


def plain_outcome(m: ModuleType, code: str, names: dict | None = None) -> str:
    """``code``'s repr, or its exception's type and whole text without our hint: for Python's own errors
    (an operator that returned NotImplemented, a format spec), which carry no hint of ours."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return repr(eval(code, {"m": m, **(names or {})}))  # noqa: S307 - the tests' own tables
    except Exception as error:
        return f"{type(error).__name__}: {str(error).split(' Hint: ')[0]}"


def outcome(m: ModuleType, code: str, names: dict | None = None, warn_always: bool = False) -> tuple:
    """``code``'s repr (or its exception's type and first line) and its warnings, run with ``m`` as ``m``.

    Ours must add a hint to every error and warning; it is cut off, so that the rest compares with PyTorch's
    text.  ``names`` are more globals for ``code``; with ``warn_always``, warnings PyTorch gives once per
    process are asked for every time (``set_warn_always``), in both.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # (as the package does for its users: NumPy's "divide by zero" inside it is not PyTorch's to say)
        warnings.filterwarnings("ignore", category=RuntimeWarning, module=r"autograd_lab(\.|$)")
        if warn_always:
            m.set_warn_always(True)
        try:
            found = repr(eval(code, {"m": m, **(names or {})}))  # noqa: S307 - the tests' own tables
        except Exception as error:
            found = error_line(m, error)
        finally:
            if warn_always:
                m.set_warn_always(False)
    said = []
    for warning in caught:
        text = str(warning.message)
        if m is lab:
            assert " Hint: " in text, f"our warning has no hint: {text}"
        said.append(
            f"{warning.category.__name__}: {text.split(' Hint: ')[0].split(' (Triggered internally')[0]}"
        )
    return found, said


def worker_warnings(
    monkeypatch: pytest.MonkeyPatch, use_loaders: Callable[[ModuleType, Any], None]
) -> list[list[str]]:
    """The warnings (without our hints) ``use_loaders(m, dataset)`` gives in each library, on a 2-CPU machine
    asked for 4 workers, under Python's "default" filter (each place's warning once)."""
    import os

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    counts = []
    for m in (lab, pytest.importorskip("torch")):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("default")
            use_loaders(m, m.utils.data.TensorDataset(m.arange(8.0)))
        counts.append([str(w.message).split(" Hint: ")[0] for w in caught])
    return counts
