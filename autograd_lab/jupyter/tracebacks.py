"""Errors without noise: a traceback that stops at the student's own line.

An error that the engine raises deep inside autograd_lab (a second
``backward()``, a shape mismatch) would show the student ~45 lines of the
library's frames before PyTorch's message and the hint.  With the
extension loaded, IPython hands such errors to :func:`short_traceback`,
which drops the frames of files inside the package and shows the rest as
IPython would: the student's cells and modules, then the message.  An
error raised in the student's own code is shown untouched, and
``%config AutogradMagics.short_tracebacks = False`` turns this off.

One error of the student's own code gets a hint too: ``import
matplotlib`` (or tqdm, ipywidgets ...) where the lessons' packages were
not installed says which extra brings it, as our own imports do.
"""

from __future__ import annotations

import types
from pathlib import Path
from typing import Any

PACKAGE = str(Path(__file__).resolve().parents[1])

# What the lab extra brings that a lesson imports itself (pyproject.toml's [lab] and what comes with it).
LAB_PACKAGES = {"matplotlib", "tqdm", "ipywidgets", "graphviz", "IPython", "traitlets", "jupyterlab"}


def inside_library(filename: str) -> bool:
    """A frame of autograd_lab's own code (not a test, not the student's)."""
    try:
        return str(Path(filename).resolve()).startswith(PACKAGE)
    except (OSError, ValueError):
        return False


def with_install_hint(value: BaseException) -> BaseException:
    """A ModuleNotFoundError for a package of the lab extra, as one line naming the extra; others unchanged."""
    from .. import messages

    name = getattr(value, "name", None) or ""
    if type(value) is not ModuleNotFoundError or name.split(".")[0] not in LAB_PACKAGES:
        return value
    hinted = messages.text("missing_extra", module=name, extra="lab")
    if str(value) == hinted:  # already ours (raised by require())
        return value
    return ModuleNotFoundError(hinted, name=name).with_traceback(value.__traceback__)


def user_frames(tb: types.TracebackType | None) -> types.TracebackType | None:
    """The traceback without autograd_lab's frames; unchanged if it did not end inside the library."""
    frames = []
    while tb is not None:
        frames.append(tb)
        tb = tb.tb_next
    if not frames or not inside_library(frames[-1].tb_frame.f_code.co_filename):
        return frames[0] if frames else None
    kept = None
    for frame in reversed(frames):
        if not inside_library(frame.tb_frame.f_code.co_filename):
            kept = types.TracebackType(kept, frame.tb_frame, frame.tb_lasti, frame.tb_lineno)
    return kept


class ShortTracebacks:
    """IPython's custom exception handler for ``Exception``: short when the error came from inside."""

    def __init__(self, enabled: Any) -> None:
        self.enabled = enabled  # a callable: is it on now?
        self._showing = False

    def __call__(self, shell: Any, etype: type, value: BaseException, tb: Any, tb_offset: Any = None) -> None:
        if self._showing:  # showtraceback called us again (an error of type Exception itself)
            return shell.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)
        self._showing = True
        try:
            value = with_install_hint(value)
            if self.enabled():
                tb = user_frames(tb)
                value = value.with_traceback(tb)
            shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
        finally:
            self._showing = False
        return None


def install(shell: Any, handler: ShortTracebacks) -> None:
    shell.set_custom_exc((Exception,), handler)


def uninstall(shell: Any) -> None:
    shell.set_custom_exc((), None)
