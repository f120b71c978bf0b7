"""NumPy's floating-point warnings inside autograd_lab, which PyTorch never gives.

NumPy warns on overflow, 0/0 and log(0) ("RuntimeWarning: overflow encountered in exp"); PyTorch gives
inf or nan silently.  A student should see what PyTorch shows, so a warnings filter ignores the
RuntimeWarnings raised in this package's files (the student's own NumPy code still warns).

A student's own ``warnings.simplefilter("error")`` (or ``"always"``, or ``catch_warnings`` with
``record=True``) goes in front of that filter, and ``torch.tensor([1e20]).norm()`` would raise or
warn where PyTorch prints ``tensor(inf)``.  So every op, and every backward pass, looks whether the
filter is still the first (:func:`still_first`: one comparison) and puts it back in front if not.
It only ever concerns warnings raised inside autograd_lab's own files.

It is put back into the list as it is, not through ``warnings.filterwarnings``: that would tell the
warnings machinery the filters changed, which forgets which warnings were already shown once (the
DataLoader's warning about its workers would show again).  An "ignore" filter for this package's
own RuntimeWarnings changes nothing that was shown or remembered.
"""

from __future__ import annotations

import warnings

_MODULES = r"autograd_lab(\.|$)"


class _Ignoring:
    filter: tuple | None = None  # the filter this module put first (the tuple warnings.filters holds)


_ignoring = _Ignoring()


def ignore_in_package() -> None:
    """Put the filter that ignores NumPy's RuntimeWarnings raised in autograd_lab's files first."""
    warnings.filterwarnings("ignore", category=RuntimeWarning, module=_MODULES)
    _ignoring.filter = warnings.filters[0]


def still_first() -> None:
    """Put the filter back in front if a filter of the student's went before it since (cheap when it did not)."""
    filters = warnings.filters
    if not filters or filters[0] is not _ignoring.filter:
        put_back(filters)


def put_back(filters: list) -> None:
    """The filter moved to the front of ``filters`` (``warnings.filters``), without a note that they changed."""
    ignoring = _ignoring.filter
    if ignoring in filters:
        filters.remove(ignoring)
    filters.insert(0, ignoring)
