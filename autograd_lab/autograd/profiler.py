"""``torch.autograd.profiler.profile``: how often each operation ran inside a block, and how long it took.

While the block runs, every call of an op of the op table (``mul``, ``div``,
``mm`` ...) is counted and timed with ``time.perf_counter``: the forward
computation and the recording of its node. ``key_averages().table()``
prints the counts and times in PyTorch's layout. The names are
autograd_lab's own ops, not PyTorch's ``aten::`` kernels, and the backward
pass's arithmetic (NumPy on arrays) is not counted unless it is recorded
(``create_graph=True``). Outside a block nothing is measured.

Examples
--------
>>> import autograd_lab as torch
>>> x = torch.ones(2, requires_grad=True)
>>> with torch.autograd.profiler.profile() as prof:
...     y = (x * 2) / 3
...     y = y * y
>>> [(event.key, event.count) for event in prof.key_averages()]
[('mul', 2), ('div', 1)]
"""

from __future__ import annotations

import sys
import time
import warnings
from collections.abc import Callable
from typing import Any

from .. import messages
from ..ops import _core

__all__ = ["profile", "record_function", "EventList", "FunctionEventAvg"]

_plain_apply = _core.apply
_open: list[profile] = []  # the profiles whose block is running, innermost last


class FunctionEventAvg:
    """One row of the table: an op's name, how many calls, and their time in microseconds."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.count = 0
        self.cpu_time_total = 0.0  # microseconds, ops called inside included
        self.self_cpu_time_total = 0.0  # microseconds, ops called inside left out

    @property
    def cpu_time(self) -> float:
        """The average time of one call (microseconds)."""
        return self.cpu_time_total / self.count if self.count else 0.0

    def __repr__(self) -> str:
        return (
            f"<FunctionEventAvg key={self.key} count={self.count} cpu_time_total={self.cpu_time_total:.3f}us>"
        )


def _microseconds(value: float) -> str:
    """PyTorch's way of writing a duration: ``105.048us``, ``1.234ms``, ``2.000s``."""
    if value >= 1e6:
        return f"{value / 1e6:.3f}s"
    if value >= 1e3:
        return f"{value / 1e3:.3f}ms"
    return f"{value:.3f}us"


_SORT_KEYS = {
    "cpu_time_total": "cpu_time_total",
    "self_cpu_time_total": "self_cpu_time_total",
    "cpu_time": "cpu_time",
    "count": "count",
}


class EventList(list):
    """What ``key_averages()`` returns: one :class:`FunctionEventAvg` per op, in the order first called."""

    def table(self, sort_by: str | None = None, row_limit: int = 100, **kwargs: Any) -> str:
        """The rows in PyTorch's layout (names, self and total CPU time, average, number of calls)."""
        rows = list(self)
        if sort_by is not None:
            key = _SORT_KEYS.get(sort_by, "cpu_time_total")
            rows.sort(key=lambda event: getattr(event, key), reverse=True)
        rows = rows[:row_limit] if row_limit > 0 else rows
        self_total = sum(event.self_cpu_time_total for event in self) or 1.0
        header = ("Name", "Self CPU %", "Self CPU", "CPU total %", "CPU total", "CPU time avg", "# of Calls")
        lines = [
            (
                event.key,
                f"{100 * event.self_cpu_time_total / self_total:.2f}%",
                _microseconds(event.self_cpu_time_total),
                f"{100 * event.cpu_time_total / self_total:.2f}%",
                _microseconds(event.cpu_time_total),
                _microseconds(event.cpu_time),
                str(event.count),
            )
            for event in rows
        ]
        widths = [max(len(row[i]) for row in [header, *lines]) for i in range(len(header))]
        rule = "  ".join("-" * (w + 1) for w in widths) + "  "
        text = [rule, "  ".join(h.rjust(w + 1) for h, w in zip(header, widths, strict=True)) + "  ", rule]
        text += ["  ".join(c.rjust(w + 1) for c, w in zip(row, widths, strict=True)) + "  " for row in lines]
        text += [rule, f"Self CPU time total: {_microseconds(sum(e.self_cpu_time_total for e in self))}", ""]
        return "\n".join(text)

    def __str__(self) -> str:
        return self.table()


class _Frame:
    """A call being timed: its row, when it started, and the time its inner calls took."""

    __slots__ = ("event", "start", "inner")

    def __init__(self, event: FunctionEventAvg) -> None:
        self.event = event
        self.start = time.perf_counter()
        self.inner = 0.0


def _enter(name: str) -> _Frame | None:
    profiler = _open[-1] if _open else None
    if profiler is None:
        return None
    event = profiler._events.get(name)
    if event is None:
        event = profiler._events[name] = FunctionEventAvg(name)
    frame = _Frame(event)
    profiler._stack.append(frame)
    return frame


def _leave(frame: _Frame | None) -> None:
    if frame is None:
        return
    elapsed = (time.perf_counter() - frame.start) * 1e6
    profiler = _open[-1]
    profiler._stack.pop()
    frame.event.count += 1
    frame.event.cpu_time_total += elapsed
    frame.event.self_cpu_time_total += elapsed - frame.inner
    if profiler._stack:
        profiler._stack[-1].inner += elapsed


def _timed_apply(op: Any, inputs: tuple, params: dict = _core._NO_PARAMS) -> Any:
    """``_core.apply`` while a profile is open: the op's call, counted and timed."""
    frame = _enter(op.name)
    try:
        return _plain_apply(op, inputs, params)
    finally:
        _leave(frame)


def _swap_apply(old: Callable, new: Callable) -> None:
    """Put ``new`` wherever the library holds ``old`` (``_core.apply``; the operators keep their own name)."""
    for module in list(sys.modules.values()):
        if (
            getattr(module, "__name__", "").startswith("autograd_lab.")
            and getattr(module, "apply", None) is old
        ):
            module.apply = new


class profile:  # noqa: N801 - PyTorch's name
    """Count and time the operations run inside the block; ``key_averages().table()`` shows them.

    ``use_cuda=True`` gives PyTorch's FutureWarning; there is no GPU, so the CPU is timed as usual.
    """

    def __init__(
        self, enabled: bool = True, *, use_cuda: bool = False, use_device: Any = None, **options: Any
    ) -> None:
        if use_cuda:  # PyTorch warns, then profiles the CPU as usual
            warnings.warn(messages.text("profiler_use_cuda"), FutureWarning, stacklevel=2)
        self.enabled = enabled
        self._events: dict[str, FunctionEventAvg] = {}
        self._stack: list[_Frame] = []

    def __enter__(self) -> profile:
        if self.enabled:
            _open.append(self)
            _swap_apply(_plain_apply, _timed_apply)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            _open.remove(self)
            if not _open:
                _swap_apply(_timed_apply, _plain_apply)

    def key_averages(self, group_by_input_shape: bool = False, **options: Any) -> EventList:
        """One row per op (and per ``record_function`` label): calls, total and self time."""
        return EventList(self._events.values())

    def table(self, sort_by: str | None = None, row_limit: int = 100, **options: Any) -> str:
        """The same as ``key_averages().table(...)``."""
        return self.key_averages().table(sort_by=sort_by, row_limit=row_limit)

    def __str__(self) -> str:
        return self.table()


class record_function:  # noqa: N801 - PyTorch's name
    """Give a part of the code its own row in the profile's table (a block, or a decorated function)."""

    def __init__(self, name: str, args: str | None = None) -> None:
        self.name = name
        self._frame: _Frame | None = None

    def __enter__(self) -> record_function:
        self._frame = _enter(self.name)
        return self

    def __exit__(self, *exc: object) -> None:
        _leave(self._frame)

    def __call__(self, function: Callable) -> Callable:
        def timed(*args: Any, **kwargs: Any) -> Any:
            with record_function(self.name):
                return function(*args, **kwargs)

        return timed
