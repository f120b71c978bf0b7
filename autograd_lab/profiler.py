"""``torch.profiler``: the newer spelling of ``torch.autograd.profiler.profile``, on the CPU.

``profile(activities=[ProfilerActivity.CPU])`` counts and times the ops run
in its block as :mod:`autograd_lab.autograd.profiler` does; ``record_function``
gives a part of the code its own row. Schedules and trace files are
PyTorch's tools for long runs and are not here.

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
from typing import Any

from .autograd.profiler import EventList, FunctionEventAvg, record_function
from .autograd.profiler import profile as _autograd_profile

__all__ = ["profile", "record_function", "ProfilerActivity", "EventList", "FunctionEventAvg"]


class ProfilerActivity(enum.Enum):
    """What a profile watches: the CPU (CUDA is accepted by name; there is no GPU here)."""

    CPU = 0
    CUDA = 2

    def __repr__(self) -> str:
        return f"ProfilerActivity.{self.name}"

    __str__ = __repr__


class profile(_autograd_profile):  # noqa: N801 - PyTorch's name
    """``torch.profiler.profile``: ``activities`` picks CPU and/or CUDA; only the CPU exists here."""

    def __init__(self, *, activities: Any = None, **options: Any) -> None:
        super().__init__(enabled=options.get("enabled", True))

    def step(self) -> None:
        """The end of one step of a schedule: nothing to do without schedules."""
