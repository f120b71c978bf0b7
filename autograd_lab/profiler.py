"""``torch.profiler``: the newer spelling of ``torch.autograd.profiler.profile``, on the CPU.

``profile(activities=[ProfilerActivity.CPU])`` counts and times the ops run
in its block as :mod:`autograd_lab.autograd.profiler` does; ``record_function``
gives a part of the code its own row. A ``schedule`` (``wait``, ``warmup``,
``active`` steps) picks the steps recorded, and ``on_trace_ready`` gets the
profile at the end of each active window, as in PyTorch; trace files are not
written.

Examples
--------
>>> import autograd_lab as torch
>>> from autograd_lab.profiler import ProfilerActivity, profile, record_function
>>> with profile(activities=[ProfilerActivity.CPU]) as prof:
...     with record_function("model_inference"):
...         y = torch.ones(3).exp()
>>> [event.key for event in prof.key_averages()]
['model_inference', 'exp']
"""

from __future__ import annotations

import enum
import warnings
from collections.abc import Callable
from typing import Any

from . import messages
from .autograd.profiler import EventList, FunctionEventAvg, _enter, _leave, record_function
from .autograd.profiler import profile as _autograd_profile

__all__ = [
    "profile", "record_function", "ProfilerActivity", "EventList", "FunctionEventAvg", "ProfilerAction", "schedule"
]  # fmt: skip


class ProfilerAction(enum.Enum):
    """What a profile does at a step of its schedule."""

    NONE = 0
    WARMUP = 1
    RECORD = 2
    RECORD_AND_SAVE = 3
    DEVICE_STOPPED = 4


ProfilerAction.__module__ = "torch.profiler.profiler"
_RECORDING = (ProfilerAction.RECORD, ProfilerAction.RECORD_AND_SAVE)


def schedule(
    *, wait: int, warmup: int, active: int, repeat: int = 0, skip_first: int = 0, skip_first_wait: int = 0
) -> Callable[[int], ProfilerAction]:
    """Which steps a profile records: after ``skip_first`` steps, cycles of ``wait`` idle, ``warmup`` and
    ``active`` recorded steps (the last one saved), ``repeat`` times (0: for ever), as PyTorch's.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> plan = torch.profiler.schedule(wait=1, warmup=1, active=2)
    >>> [plan(step).name for step in range(5)]
    ['NONE', 'WARMUP', 'RECORD', 'RECORD_AND_SAVE', 'NONE']
    """

    def schedule_fn(step: int) -> ProfilerAction:
        if step < 0:
            raise messages.error("profiler_negative_step", step=step)
        if step < skip_first:
            return ProfilerAction.NONE
        step -= skip_first
        if skip_first_wait != 0:
            step += wait
        num_steps = wait + warmup + active
        if repeat > 0 and step / num_steps >= repeat:
            return ProfilerAction.NONE
        mod_step = step % num_steps
        if mod_step < wait:
            return ProfilerAction.NONE
        if mod_step < wait + warmup:
            return ProfilerAction.WARMUP
        return ProfilerAction.RECORD if mod_step < num_steps - 1 else ProfilerAction.RECORD_AND_SAVE

    if wait < 0 or warmup < 0 or active <= 0 or repeat < 0 or skip_first < 0:
        raise messages.error(
            "profiler_schedule_arguments",
            wait=wait,
            warmup=warmup,
            active=active,
            repeat=repeat,
            skip_first=skip_first,
        )
    if warmup == 0:
        warnings.warn(messages.text("profiler_no_warmup"), UserWarning, stacklevel=2)
    return schedule_fn


class ProfilerActivity(enum.Enum):
    """What a profile watches: the CPU (CUDA is accepted by name; there is no GPU here)."""

    CPU = 0
    CUDA = 2

    def __repr__(self) -> str:
        return f"ProfilerActivity.{self.name}"

    __str__ = __repr__


class profile(_autograd_profile):  # noqa: N801 - PyTorch's name
    """``torch.profiler.profile``: ``activities`` picks CPU and/or CUDA; only the CPU exists here."""

    def __init__(
        self,
        *,
        activities: Any = None,
        schedule: Callable[[int], ProfilerAction] | None = None,
        on_trace_ready: Callable[[profile], Any] | None = None,
        **options: Any,
    ) -> None:
        super().__init__(enabled=options.get("enabled", True))
        self.schedule = schedule
        self.on_trace_ready = on_trace_ready
        self.step_num = 0
        self.current_action = ProfilerAction.RECORD
        self._step_frame: Any = None

    def __enter__(self) -> profile:
        super().__enter__()
        if self.schedule is not None:
            self.current_action = self.schedule(self.step_num)
            self._start_step()
        return self

    def __exit__(self, *exc: object) -> None:
        self._end_step()
        if (
            self.schedule is not None
            and self.current_action in _RECORDING
            and self.on_trace_ready is not None
        ):
            self.on_trace_ready(self)
        super().__exit__(*exc)

    def _start_step(self) -> None:
        if self.enabled and self.current_action in _RECORDING:  # (each step recorded has a row of its own)
            self._step_frame = _enter("ProfilerStep*")

    def _end_step(self) -> None:
        if self._step_frame is not None:
            _leave(self._step_frame)
            self._step_frame = None

    def step(self) -> None:
        """The end of one step: with a schedule, the next step's action, and ``on_trace_ready`` at the end of
        an active window; only the steps of a window are recorded."""
        if self.schedule is None:
            return
        self._end_step()
        before = self.current_action
        self.step_num += 1
        self.current_action = self.schedule(self.step_num)
        if before is ProfilerAction.RECORD_AND_SAVE and self.on_trace_ready is not None:
            self.on_trace_ready(self)
        if self.current_action in _RECORDING and before not in (ProfilerAction.RECORD,):
            self._events.clear()  # a new window: what the steps before it did is not in it
        self._start_step()
