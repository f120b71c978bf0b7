"""Optional dependencies: a missing one is named in one line, with the command that installs it.

The core needs NumPy alone.  Widgets (``%autograd step``, ``interact``),
pictures and the lessons' plots need the ``lab`` extra; code that uses one
of those packages imports it through :func:`require`, so that a plain
``pip install autograd_lab`` fails with what to install, not a bare
``ModuleNotFoundError``.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from . import messages


def require(module: str, extra: str = "lab") -> ModuleType:
    """Import ``module``, or raise ModuleNotFoundError naming the extra of autograd_lab that brings it.

    Parameters
    ----------
    module : str
        The module to import, e.g. ``"ipywidgets"``.
    extra : str
        The extra of autograd_lab that installs it (``"lab"``: Jupyter, widgets, pictures, plots).

    Returns
    -------
    ModuleType
        The imported module.

    Examples
    --------
    >>> from autograd_lab._optional import require
    >>> require("math").floor(2.5)
    2
    >>> require("no_such_module", "lab")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ModuleNotFoundError: No module named 'no_such_module' ... pip install "autograd_lab[lab]".
    """
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as error:
        if error.name is None or module.split(".")[0] != error.name.split(".")[0]:
            raise  # the module is there, but something it imports is not: its own message says what
        raise ModuleNotFoundError(
            messages.text("missing_extra", module=module, extra=extra), name=module
        ) from None
