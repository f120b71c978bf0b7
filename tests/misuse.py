"""One check for a table of misuses: autograd_lab fails as PyTorch does, and adds a hint.

The misuse is written once, against a module ``t`` that is autograd_lab or
PyTorch.  autograd_lab's message must hold a plain-words hint; when PyTorch
is installed, the same code must fail there with the same exception type and
exactly the sentence before our ``Hint:``.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest

import autograd_lab


def caught(misuse: Callable[[ModuleType], Any], t: ModuleType) -> BaseException:
    """The exception ``misuse(t)`` raises (warnings on the way are silenced)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(Exception) as info:
            misuse(t)
    return info.value


def fails_like_pytorch(misuse: Callable[[ModuleType], Any]) -> None:
    """Assert the misuse fails with PyTorch's type and sentence, then a hint."""
    ours = caught(misuse, autograd_lab)
    text = ours.args[0]
    assert " Hint: " in text and not text.endswith("Hint: ")
    real = pytest.importorskip("torch")
    theirs = caught(misuse, real)
    assert type(ours) is type(theirs)
    assert text.split(" Hint: ")[0] == theirs.args[0]
