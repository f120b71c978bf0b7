"""Python written out while the program runs: each op's backward step, each kind of sum.

Both are made once from tables (the op table's rules; the steps a sum takes
for one layout) and run many times.  ``define`` compiles such source and
registers it with ``linecache``, so that a traceback through it shows its
lines, as it shows a file's.
"""

from __future__ import annotations

import linecache
from collections.abc import Callable

_KEPT = 4096
"""Written-out sources kept for tracebacks, newest last (a program with ever new shapes makes new sums)."""

_kept: dict[str, None] = {}


def define(source: str, filename: str, namespace: dict, name: str) -> Callable:
    """The function ``name`` that ``source`` defines, run in ``namespace`` as the file ``filename``.

    Examples
    --------
    >>> twice = define("def twice(x):\\n    return 2 * x\\n", "<twice>", {}, "twice")
    >>> twice(21)
    42
    >>> import linecache
    >>> linecache.getline("<twice>", 2)
    '    return 2 * x\\n'
    """
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    _kept.pop(filename, None)
    _kept[filename] = None
    if len(_kept) > _KEPT:  # the oldest source goes: a traceback through it shows no line
        oldest = next(iter(_kept))
        del _kept[oldest]
        linecache.cache.pop(oldest, None)
    # (a module of the package's to the warnings filters: NumPy's overflow in a written-out sum stays
    # as quiet as in the package's own code, where PyTorch says nothing)
    namespace.setdefault("__name__", __name__)
    exec(compile(source, filename, "exec"), namespace)  # noqa: S102 - our own code, made from our tables
    return namespace[name]
