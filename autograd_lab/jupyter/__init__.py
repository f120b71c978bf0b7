"""Jupyter integration: ``%load_ext autograd_lab``.

Loading registers the ``%autograd`` magics (``magics.py``) and a listener
that draws the graph after every ``backward()`` run in a cell.  The core
and the pictures know nothing of Jupyter; everything Jupyter-specific
lives here, and IPython and ipywidgets are imported only when the
extension is loaded or a widget is made.
"""

from __future__ import annotations

from typing import Any

from ..autograd.engine import add_backward_listener, remove_backward_listener

# The magics object of each shell the extension is loaded in.
_loaded: dict[int, Any] = {}


def load_ipython_extension(ipython: Any) -> None:
    """Register ``%autograd`` and the picture after every ``backward()`` (loading twice is harmless)."""
    if id(ipython) in _loaded:
        return
    from .._optional import require
    from . import tracebacks
    from .magics import AutogradMagics

    try:
        magics = AutogradMagics(shell=ipython, parent=ipython)
    except require("traitlets").TraitError:  # a bad %config value from before: drop it, keep the rest
        _drop_bad_config(ipython, AutogradMagics)
        magics = AutogradMagics(shell=ipython, parent=ipython)
    ipython.register_magics(magics)
    ipython.configurables.append(magics)  # so that %config AutogradMagics.x = ... reaches it
    ipython.events.register("pre_run_cell", magics.new_cell)
    add_backward_listener(magics.after_backward)
    if getattr(ipython, "custom_exceptions", ()) == ():  # never replace someone else's handler
        tracebacks.install(ipython, tracebacks.ShortTracebacks(lambda: magics.short_tracebacks))
        magics._own_tracebacks = True
    _loaded[id(ipython)] = magics


def _drop_bad_config(ipython: Any, cls: type) -> None:
    """Remove the values of ``%config cls.name = ...`` that ``cls`` refuses, saying which."""
    import sys

    from .._optional import require

    TraitError = require("traitlets").TraitError  # noqa: N806 - the class, under its own name

    section = ipython.config.get(cls.__name__, {})
    for name in list(section):
        try:
            cls(**{name: section[name]})
        except (TraitError, TypeError):
            print(f"autograd: ignored %config {cls.__name__}.{name} = {section[name]!r}", file=sys.stderr)
            del section[name]


def unload_ipython_extension(ipython: Any) -> None:
    """Undo :func:`load_ipython_extension`: no magics, no more pictures after backward()."""
    magics = _loaded.pop(id(ipython), None)
    if magics is None:
        return
    remove_backward_listener(magics.after_backward)
    ipython.events.unregister("pre_run_cell", magics.new_cell)
    if getattr(magics, "_own_tracebacks", False):
        from . import tracebacks

        tracebacks.uninstall(ipython)
    if magics in ipython.configurables:
        ipython.configurables.remove(magics)
    for kind in ("line", "cell"):
        ipython.magics_manager.magics[kind].pop("autograd", None)
