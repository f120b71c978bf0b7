"""Every message a student reads, in one place, in English and Chinese.

- ``catalogue.py``: the texts, by id: errors (PyTorch's sentence, then a hint
  in plain words per language), warnings, and the words of pictures, the
  text tree, magics and widgets.
- ``errors.py``: one builder per error, which works out the fields a text
  needs (a shape written ``[2, 3]``, a dimension's valid range ...).
- here: the language in use and the two ways to read the catalogue,
  :func:`say` (words) and :func:`error` (an exception ready to raise).

An error reads ``<PyTorch's sentence> Hint: <one sentence>``: the first part
is PyTorch's own, word for word and never translated, so that a web search
finds PyTorch's answers; the hint follows the language in use.

Examples
--------
>>> from autograd_lab import messages
>>> messages.say("leaf")
'leaf'
>>> with messages.speaking("zh"):
...     messages.say("leaf")
'叶子'
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
import warnings
from collections.abc import Iterator
from types import ModuleType
from typing import Any

LANGUAGES = ("en", "zh")

_language = "en"


def language() -> str:
    """The language hints and pictures use now: ``"en"`` or ``"zh"``."""
    return _language


def set_language(name: str) -> None:
    """Use ``name`` (``"en"`` or ``"zh"``) for hints, pictures and widgets from now on."""
    global _language
    if name not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {name!r}")
    _language = name


@contextlib.contextmanager
def speaking(name: str | None) -> Iterator[None]:
    """Use ``name`` inside the block (``None``: keep the current language)."""
    previous = _language
    if name is not None:
        set_language(name)
    try:
        yield
    finally:
        set_language(previous)


_loaded: ModuleType | None = None


def _catalogue() -> ModuleType:
    """The catalogue, loaded when a text is first asked for: it is a tenth of ``import autograd_lab``."""
    global _loaded
    if _loaded is None:  # (kept here: a picture asks for hundreds of words)
        _loaded = importlib.import_module(".catalogue", __name__)
    return _loaded


def __getattr__(name: str) -> Any:
    # messages.ERRORS, messages.WORDS ... read the catalogue as if it had been imported here
    if name in ("ERRORS", "WARNINGS", "WORDS", "ErrorText"):
        return getattr(_catalogue(), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _in_language(texts: Any) -> str:
    if isinstance(texts, _catalogue().ErrorText):
        return (texts.zh if _language == "zh" else "") or texts.en
    return texts.get(_language) or texts["en"]


def say(word_id: str, **fields: object) -> str:
    """A word or sentence of the pictures, magics or widgets, in the language in use."""
    return _in_language(_catalogue().WORDS[word_id]).format(**fields)


def text(error_id: str, **fields: object) -> str:
    """An error's message: PyTorch's sentence, then ``Hint:`` and the hint in the language in use."""
    catalogue = _catalogue()
    entry = catalogue.ERRORS.get(error_id) or catalogue.WARNINGS[error_id]
    sentence = entry.torch.format(**fields)
    space = "" if sentence.endswith("\n") else " "  # a sentence that ends a block (gradcheck's) ends its line
    return f"{sentence}{space}Hint: {_in_language(entry).format(**fields)}"


def without_hint(message: str) -> str:
    """PyTorch's sentence of one of these messages: ``message`` without its hint.

    Examples
    --------
    >>> without_hint("Bad input. Hint: fix it.")
    'Bad input.'
    """
    return message.rpartition(" Hint: ")[0] or message


def before_hint(message: str, addition: str) -> str:
    """``message`` with ``addition`` after PyTorch's sentence, before the hint (where PyTorch would put it).

    Examples
    --------
    >>> before_hint("Bad input. Hint: fix it.", " (item 0)")
    'Bad input. (item 0) Hint: fix it.'
    """
    sentence, separator, hint = message.rpartition(" Hint: ")  # (the last: PyTorch's sentence may hold one)
    if not separator:
        return f"{message}{addition}"
    return f"{sentence}{addition}{separator}{hint}"


_warned: set = set()  # the warnings PyTorch gives once per process (TORCH_WARN_ONCE), once given
_always = {"on": False}  # torch.set_warn_always(True): those warnings are given every time


def set_warn_always(on: bool) -> None:
    """Give the once-per-process warnings every time (``True``) or once (``False``): ``torch.set_warn_always``."""
    _always["on"] = bool(on)


def warn_always() -> bool:
    """Whether the once-per-process warnings are given every time: ``torch.is_warn_always_enabled``."""
    return _always["on"]


def warn(warning_id: str, **fields: object) -> None:
    """Give the catalogue's warning ``warning_id``, pointing at the first caller outside the package (the
    user's line, however many of the package's frames lie between: a checked function wraps another)."""
    warnings.warn(
        text(warning_id, **fields), _catalogue().WARNINGS[warning_id].type, stacklevel=_user_level()
    )


def warn_once(warning_id: str, stacklevel: int | None = 3, **fields: object) -> None:
    """Give the catalogue's warning ``warning_id`` the first time only, as PyTorch's TORCH_WARN_ONCE does
    (every time after ``torch.set_warn_always(True)``).  ``stacklevel=None``: the first caller outside
    the package (for warnings given at a varying depth)."""
    if warning_id in _warned and not _always["on"]:
        return
    _warned.add(warning_id)
    level = _user_level() if stacklevel is None else stacklevel
    warnings.warn(text(warning_id, **fields), _catalogue().WARNINGS[warning_id].type, stacklevel=level)


_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _user_level() -> int:
    """The ``stacklevel`` of the first frame outside autograd_lab, counted from ``warnings.warn``'s caller."""
    frame, level = sys._getframe(2), 2
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE):
        frame, level = frame.f_back, level + 1
    return level


def error(error_id: str, cls: type[Exception] | None = None, **fields: object) -> Exception:
    """The exception for ``error_id`` (of PyTorch's type, or ``cls``), ready to raise.

    An AttributeError's message ends without its full stop: Python adds ". Did you mean: 'eigh'?"
    to it where a name is near the one asked for.
    """
    kind = cls or _catalogue().ERRORS[error_id].type
    message = text(error_id, **fields)
    return kind(message.removesuffix(".") if issubclass(kind, AttributeError) else message)


_HEAP_TYPE = 1 << 9  # Py_TPFLAGS_HEAPTYPE: a class written in Python


def type_name(value: object) -> str:
    """The name of ``value``'s type as PyTorch's messages give it (CPython's ``tp_name``): a class
    written in Python by its name, a compiled one with its module (``numpy.ndarray``, not ``ndarray``)."""
    return kind_name(type(value))


def kind_name(kind: type) -> str:
    """The name of the type ``kind`` as PyTorch's messages give it (see :func:`type_name`)."""
    if kind.__flags__ & _HEAP_TYPE or kind.__module__ == "builtins":
        return kind.__name__
    return f"{kind.__module__}.{kind.__name__}"


__all__ = [
    "type_name",
    "kind_name",
    "LANGUAGES",
    "language",
    "set_language",
    "speaking",
    "say",
    "text",
    "error",
    "before_hint",
    "warn_once",
    "set_warn_always",
    "warn_always",
]
