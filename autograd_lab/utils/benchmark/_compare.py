"""``torch.utils.benchmark.Compare``: many measurements as one table, laid out as PyTorch lays it out.

One table per ``label``; a row per statement (its ``sub_label``), grouped by
thread count; a column per ``description``; every time in the unit that suits
the fastest, each column with one number of decimals (or, after
``trim_significant_figures()``, the digits the measurements can vouch for).
"""

from __future__ import annotations

import math
from typing import Any

_ENGLISH_UNIT = {"ns": "nanosecond", "us": "microsecond", "ms": "millisecond", "s": "second"}
_COLOURS = {
    "best": "\033[92m\033[1m",
    "good": "\033[34m\033[1m",
    "bad": "\033[2m\033[91m",
    "worst": "\033[31m\033[1m",
}
_END = "\033[0m"


def _unique(items: list) -> list:
    return list(dict.fromkeys(items))


def _trimmed(value: float, figures: int) -> float:
    """``value`` kept to ``figures`` significant figures (3.14159, 2 → 3.1)."""
    magnitude = math.ceil(math.log10(abs(value)))
    scale = 10.0 ** (magnitude - figures)
    return round(value / scale) * scale


class Compare:
    """A table of :class:`Measurement` results: ``print(compare)`` or ``compare.print()``.

    Examples
    --------
    >>> from autograd_lab.utils.benchmark import Compare, Measurement, TaskSpec
    >>> results = [Measurement(1, [t], TaskSpec(s, "", label="add", sub_label=s, description="8x8"))
    ...            for s, t in (("x + x", 2e-6), ("x + 1", 3e-6))]
    >>> Compare(results).print()
    [------ add ------]
                 |  8x8
    1 threads: --------
          x + x  |  2.0
          x + 1  |  3.0
    <BLANKLINE>
    Times are in microseconds (us).
    <BLANKLINE>
    """

    def __init__(self, results: list) -> None:
        self._results: list = []
        self.extend_results(results)
        self._trim = False
        self._colorize: str | None = None  # None, "columnwise" or "rowwise"
        self._highlight = False

    def extend_results(self, results: list) -> None:
        """Add more measurements to the table."""
        from . import Measurement

        for result in results:
            if not isinstance(result, Measurement):
                raise ValueError(f"Expected an instance of `Measurement`, got {type(result)} instead.")
        self._results.extend(results)

    def trim_significant_figures(self) -> None:
        """Show only the digits each measurement's spread vouches for."""
        self._trim = True

    def colorize(self, rowwise: bool = False) -> None:
        """Colour each time by how it compares with the best of its column (or its row)."""
        self._colorize = "rowwise" if rowwise else "columnwise"

    def highlight_warnings(self) -> None:
        """Mark the times whose spread is large, with their interquartile range in per cent."""
        self._highlight = True

    def print(self) -> None:
        print(str(self))

    def __str__(self) -> str:
        from . import Measurement

        merged = Measurement.merge(self._results)
        labels = _unique([m.label for m in merged])
        return "\n".join(self._table([m for m in merged if m.label == label]) for label in labels)

    # -- one label's table ----------------------------------------------------------------------------

    def _table(self, results: list) -> str:
        from . import select_unit

        unit, scale = select_unit(min(m.median for m in results))
        row_keys = sorted(
            _unique([(m.num_threads, m.env, m.as_row_name) for m in results]), key=lambda k: k[:2]
        )
        columns = _unique([m.description for m in results])
        cell = {((m.num_threads, m.env, m.as_row_name), m.description): m for m in results}
        envs = {m.env for m in results}
        show_env, env_width = len(envs) > 1, max((len(e or "") for e in envs), default=0)
        highlight = self._highlight and any(m.has_warnings for m in results)
        formats = [
            self._column_format([cell.get((row, c)) for row in row_keys], scale, highlight) for c in columns
        ]

        text_rows, previous_env = [], None
        for row in row_keys:
            env = f"({row[1]})" if show_env and row[1] != previous_env else ""
            previous_env = row[1]
            name = "  " + env.ljust(env_width + 4) + row[2]
            text_rows.append(
                [name]
                + [
                    self._number(cell.get((row, c)), fmt, scale, highlight)
                    for c, fmt in zip(columns, formats, strict=True)
                ]
            )
        header = [""] + [c or "" for c in columns]
        widths = [max(len(r[i]) for r in [header, *text_rows]) for i in range(len(header))]
        lines = ["  |  ".join(text.center(width) for text, width in zip(header, widths, strict=True))]
        overall = len(lines[0])
        previous_threads = None
        for row, texts in zip(row_keys, text_rows, strict=True):
            if row[0] != previous_threads:
                previous_threads = row[0]
                lines.append(f"{row[0]} threads: ".ljust(overall, "-"))
            cells = [texts[0].ljust(widths[0])]
            for i, column in enumerate(columns, start=1):
                text = texts[i].center(widths[i])
                m = cell.get((row, column))
                if self._colorize and m is not None:
                    text = self._coloured(text, m, row, column, row_keys, columns, cell)
                cells.append(text)
            lines.append("  |  ".join(cells))
        title = f" {results[0].label or ''} ".center(overall - 2, "-")
        note = (
            "(! XX%) Measurement has high variance, where XX is the IQR / median * 100.\n"
            if highlight
            else ""
        )
        return (
            f"[{title}]\n" + "\n".join(lines) + f"\n\nTimes are in {_ENGLISH_UNIT[unit]}s ({unit}).\n{note}"
        )

    def _column_format(self, measurements: list, scale: float, highlight: bool) -> str:
        present = [m for m in measurements if m is not None]
        leading = [math.ceil(math.log10(m.median / scale)) for m in present]
        decimals = 1
        if self._trim:
            decimals = min(max(m.significant_figures - d, 0) for d, m in zip(leading, present, strict=True))
        width = max(leading) + decimals + (1 if decimals else 0)
        return f"{{:>{width}.{decimals}f}}{{:>{7 if highlight else 0}}}"

    def _number(self, m: Any, fmt: str, scale: float, highlight: bool) -> str:
        if m is None:
            return " " * len(fmt.format(1.0, ""))
        value = m.median / scale
        if self._trim:
            value = _trimmed(value, m.significant_figures)
        spread = f" (! {m.iqr / m.median * 100:.0f}%)" if highlight and m.has_warnings else ""
        return fmt.format(value, spread)

    def _coloured(
        self, text: str, m: Any, row: tuple, column: Any, row_keys: list, columns: list, cell: dict
    ) -> str:
        if self._colorize == "rowwise":
            best = min(cell[(row, c)].median for c in columns if (row, c) in cell)
        else:
            best = min(cell[(r, column)].median for r in row_keys if (r, column) in cell and r[0] == row[0])
        value = m.median
        if value <= best * 1.01 or value <= best + 100e-9:
            return _COLOURS["best"] + text + _END * 2
        if value <= best * 1.1:
            return _COLOURS["good"] + text + _END * 2
        if value >= best * 5:
            return _COLOURS["worst"] + text + _END * 2
        if value >= best * 2:
            return _COLOURS["bad"] + text + _END * 2
        return text
