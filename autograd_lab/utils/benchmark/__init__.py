"""``torch.utils.benchmark``: ``Timer`` and the ``Measurement`` it returns, printed as PyTorch prints them.

Tutorials time their code with it (``Timer(stmt, globals=globals()).timeit(100)``).
Python statements only; the numbers are this machine's, of course.

Examples
--------
>>> import autograd_lab as torch
>>> from autograd_lab.utils.benchmark import Timer
>>> m = Timer("x * 2", setup="x = torch.ones(3)").timeit(100)
>>> m.number_per_run, len(m.times), m.title
(100, 1, 'x * 2')
"""

from __future__ import annotations

import dataclasses
import enum
import math
import textwrap
import timeit
from collections.abc import Callable
from typing import Any

import numpy as np

import autograd_lab

from ... import messages
from ..._classname import PyTorchName

__all__ = ["Timer", "Measurement", "TaskSpec", "Compare", "select_unit", "Language"]


class Language(enum.Enum):
    """The language of a timed statement: Python here (C++ statements need PyTorch's compiler)."""

    PYTHON = 0
    CPP = 1


Language.__module__ = "torch.utils.benchmark.utils.timer"

_IQR_WARN_THRESHOLD = 0.1
_IQR_GROSS_WARN_THRESHOLD = 0.25


@dataclasses.dataclass(frozen=True)
class TaskSpec(metaclass=PyTorchName, torch_module="torch.utils.benchmark.utils.common"):
    """What is timed: the statement, its setup, and the labels a measurement prints."""

    stmt: str
    setup: str
    global_setup: str = ""
    label: str | None = None
    sub_label: str | None = None
    description: str | None = None
    env: str | None = None
    num_threads: int = 1

    @property
    def title(self) -> str:
        """The label (and sub-label), or the statement."""
        if self.label is not None:
            return self.label + (f": {self.sub_label}" if self.sub_label else "")
        if "\n" not in self.stmt:
            return self.stmt + (f": {self.sub_label}" if self.sub_label else "")
        return f"stmt:{f' ({self.sub_label})' if self.sub_label else ''}\n{textwrap.indent(self.stmt, '  ')}"

    def setup_str(self) -> str:
        """The setup as a measurement prints it ('' for none)."""
        if self.setup == "pass" or not self.setup:
            return ""
        if "\n" in self.setup:
            return f"setup:\n{textwrap.indent(self.setup, '  ')}"
        return f"setup: {self.setup}"

    def summarize(self) -> str:
        """The title, description and setup lines of a measurement's printout."""
        sections = [self.title, self.description or "", self.setup_str()]
        return "\n".join(f"{s}\n" if "\n" in s else s for s in sections if s)


def select_unit(t: float) -> tuple[str, float]:
    """The unit that shows ``t`` seconds as a number of order 1: ``('us', 1e-06)`` for 2.4e-06."""
    unit = {-3: "ns", -2: "us", -1: "ms"}.get(int(np.log10(t) // 3), "s")
    return unit, {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1}[unit]


@dataclasses.dataclass(repr=False)
class Measurement(metaclass=PyTorchName, torch_module="torch.utils.benchmark.utils.common"):
    """One or more timings of a statement: ``times`` (seconds per run), ``median``, ``mean``, ``iqr``."""

    number_per_run: int
    raw_times: list[float]
    task_spec: TaskSpec
    metadata: dict | None = None

    def __getattr__(self, name: str) -> Any:
        if name in {f.name for f in dataclasses.fields(TaskSpec)}:
            return getattr(self.task_spec, name)
        raise AttributeError(f"'Measurement' object has no attribute '{name}'")

    @property
    def times(self) -> list[float]:
        """Seconds per run, one entry per measurement."""
        return [t / self.number_per_run for t in self.raw_times]

    def _quantile(self, q: float) -> float:
        return float(np.quantile(np.asarray(self.times, dtype=np.float64), q))

    @property
    def median(self) -> float:
        return self._quantile(0.5)

    @property
    def mean(self) -> float:
        return float(np.mean(self.times))

    @property
    def iqr(self) -> float:
        return self._quantile(0.75) - self._quantile(0.25)

    @property
    def title(self) -> str:
        return self.task_spec.title

    @property
    def significant_figures(self) -> int:
        """How many digits of the median the spread of the middle half of the times vouches for (1 to 4)."""
        times = sorted(self.times)
        middle = times[len(times) // 4 : math.ceil(3 * len(times) / 4)]
        interval = max(1.645 * float(np.std(middle)) / math.sqrt(len(middle)), 25e-9)
        return min(max(math.floor(math.log10(self.median / interval)), 1), 4)

    @staticmethod
    def merge(measurements: list) -> list:
        """Measurements of the same task as one, each time per single run (``number_per_run`` 1)."""
        groups: dict = {}
        for m in measurements:
            groups.setdefault(m.task_spec, []).extend(m.times)
        return [Measurement(1, times, spec) for spec, times in groups.items()]

    @property
    def as_row_name(self) -> str:
        return self.task_spec.sub_label or self.task_spec.stmt or "[Unknown]"

    def meets_confidence(self, threshold: float = _IQR_WARN_THRESHOLD) -> bool:
        """Whether the interquartile range is below ``threshold`` of the median."""
        return self.iqr / self.median < threshold

    @property
    def has_warnings(self) -> bool:
        return bool(self._warnings())

    def _warnings(self) -> list[str]:
        if not self.raw_times or self.meets_confidence(_IQR_WARN_THRESHOLD):
            return []
        gross = not self.meets_confidence(_IQR_GROSS_WARN_THRESHOLD)
        why = (
            "This suggests significant environmental influence."
            if gross
            else "This could indicate system fluctuation."
        )
        return [
            f"  WARNING: Interquartile range is {self.iqr / self.median * 100:.1f}% of the median measurement.\n           {why}"
        ]

    def __repr__(self) -> str:
        n = len(self.raw_times)
        unit, scale = select_unit(self.median)
        lines = [
            f"<torch.utils.benchmark.utils.common.Measurement object at {id(self):#x}>",
            self.task_spec.summarize(),
            f"  {'Median: ' if n > 1 else ''}{self.median / scale:.2f} {unit}",
        ]
        if n >= 4:
            low, high = self._quantile(0.25), self._quantile(0.75)
            lines.append(f"  IQR:    {self.iqr / scale:.2f} {unit} ({low / scale:.2f} to {high / scale:.2f})")
        threads = self.task_spec.num_threads
        lines.append(
            f"  {n} measurement{'s' if n > 1 else ''}, {self.number_per_run} runs "
            f"{'per measurement,' if n > 1 else ','} {threads} thread{'s' if threads > 1 else ''}"
        )
        lines += self._warnings()
        return "\n".join(lines).strip()


class Timer(metaclass=PyTorchName, torch_module="torch.utils.benchmark.utils.timer"):
    """Time a Python statement: ``timeit(number)``, ``blocked_autorange()``, ``adaptive_autorange()``.

    ``torch`` is defined for the statement (as autograd_lab), next to ``globals``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.utils.benchmark import Timer
    >>> timer = Timer("torch.ones(3).sum()", label="sum", sub_label="3 elements")
    >>> timer.timeit(10).title
    'sum: 3 elements'
    """

    def __init__(
        self,
        stmt: str = "pass",
        setup: str = "pass",
        global_setup: str = "",
        timer: Callable[[], float] = timeit.default_timer,
        globals: dict | None = None,
        label: str | None = None,
        sub_label: str | None = None,
        description: str | None = None,
        env: str | None = None,
        num_threads: int = 1,
        language: str = "python",
    ) -> None:
        if not isinstance(stmt, str):
            raise messages.error("benchmark_stmt_not_str")
        if str(getattr(language, "value", language)).lower() not in ("py", "python"):
            raise messages.error("benchmark_language", language=language)
        if global_setup:
            raise messages.error("benchmark_global_setup", global_setup=global_setup)
        self._globals = dict(globals or {})
        self._globals.setdefault("torch", autograd_lab)
        stmt, setup = (_clean(text) for text in (stmt, setup))
        self._timer = timeit.Timer(stmt=stmt, setup=setup, timer=timer, globals=self._globals)
        self._task_spec = TaskSpec(stmt, setup, global_setup, label, sub_label, description, env, num_threads)

    def repeat(self, repeat: int = -1, number: int = -1) -> None:
        """Not PyTorch's (it points to ``blocked_autorange``)."""
        raise messages.error("benchmark_see_blocked_autorange")

    def autorange(self, callback: Callable | None = None) -> None:
        """Not PyTorch's (it points to ``blocked_autorange``)."""
        raise messages.error("benchmark_see_blocked_autorange")

    def _timeit(self, number: int) -> float:
        return max(self._timer.timeit(number), 1e-9)

    def timeit(self, number: int = 1000000) -> Measurement:
        """Run the statement ``number`` times (after a warm-up of a hundredth of that): one measurement."""
        self._timeit(max(number // 100, 2))
        return Measurement(number, [self._timeit(number)], self._task_spec)

    def _block_size(self, min_run_time: float) -> int:
        """How many runs one measurement takes: the overhead of timing below 0.01%, as PyTorch picks it."""
        overhead = float(np.median([self._timeit(0) for _ in range(5)]))
        number = 1
        while True:
            taken = self._timeit(number)
            if (overhead / taken <= 1e-4 and taken >= min_run_time / 1000) or taken > min_run_time:
                return number
            if number * 10 > 2147483647:
                return number
            number *= 10

    def _measure(self, number: int, stop: Callable[[list], bool], min_run_time: float, max_run_time: float | None,
                 callback: Callable | None) -> Measurement:  # fmt: skip
        times: list[float] = []
        total, can_stop = 0.0, False
        while total < min_run_time or not can_stop:
            spent = self._timeit(number)
            times.append(spent)
            total += spent
            if callback:
                callback(number, spent)
            can_stop = stop(times)
            if max_run_time and total > max_run_time:
                break
        return Measurement(number, times, self._task_spec)

    def blocked_autorange(self, callback: Callable | None = None, min_run_time: float = 0.2) -> Measurement:
        """Measurements of a fixed block of runs until ``min_run_time`` seconds have passed."""
        number = self._block_size(min_run_time)
        return self._measure(number, lambda times: True, min_run_time, None, callback)

    def adaptive_autorange(
        self,
        threshold: float = 0.1,
        *,
        min_run_time: float = 0.01,
        max_run_time: float = 10.0,
        callback: Callable | None = None,
    ) -> Measurement:
        """Measurements until their interquartile range is below ``threshold`` of the median (or time is up)."""
        number = self._block_size(0.05)

        def confident(times: list) -> bool:
            return len(times) > 3 and Measurement(number, times, self._task_spec).meets_confidence(threshold)

        return self._measure(number, confident, min_run_time, max_run_time, callback)


def _clean(code: str) -> str:
    """Dedented, without the first empty line and trailing space, as PyTorch reads a statement."""
    code = textwrap.dedent(code)
    return (code[1:] if code and code[0] == "\n" else code).rstrip()


from ._compare import Compare  # noqa: E402 (it reads Measurement and select_unit from here)
