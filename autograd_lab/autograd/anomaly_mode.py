"""Anomaly mode, as ``torch.autograd.detect_anomaly``: find the forward line behind a NaN gradient.

While it is on, every node remembers the call stack of the operation that
made it, and ``backward()`` checks what each node sends back for NaN.  When
a node's backward step fails (or makes a NaN), a warning shows the forward
line that made the node, then the error is raised, as in PyTorch.  The mode
is global, as PyTorch's is.

Examples
--------
>>> import warnings
>>> import autograd_lab as torch
>>> x = torch.tensor([0.0], requires_grad=True)
>>> with warnings.catch_warnings():
...     warnings.simplefilter("ignore")
...     with torch.autograd.detect_anomaly():
...         y = x.sqrt() * 0
...         try:
...             y.backward()
...         except RuntimeError as error:
...             print(str(error).partition(" Hint")[0])
Function 'SqrtBackward0' returned nan values in its 0th output.
"""

from __future__ import annotations

import warnings
from typing import Any

from .. import messages
from .._classname import PyTorchName
from .engine import anomaly


def is_anomaly_enabled() -> bool:
    """Whether anomaly mode is on (``torch.is_anomaly_enabled``)."""
    return anomaly.enabled


def is_anomaly_check_nan_enabled() -> bool:
    """Whether anomaly mode checks the gradients for NaN (``torch.is_anomaly_check_nan_enabled``)."""
    return anomaly.check_nan


def set_anomaly_enabled(enabled: bool, check_nan: bool = True) -> None:
    """Turn anomaly mode on or off (``torch.set_anomaly_enabled``)."""
    anomaly.enabled = bool(enabled)
    anomaly.check_nan = bool(check_nan)


class detect_anomaly(metaclass=PyTorchName, torch_module="torch.autograd.anomaly_mode"):  # noqa: N801
    """Anomaly mode inside the block (it warns that it is on, as PyTorch does).

    Parameters
    ----------
    check_nan : bool
        Raise when a node's backward step makes NaN (the usual reason to use it).

    Examples
    --------
    >>> import warnings
    >>> import autograd_lab as torch
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     with torch.autograd.detect_anomaly():
    ...         print(torch.is_anomaly_enabled())
    True
    >>> torch.is_anomaly_enabled()
    False
    """

    def __init__(self, check_nan: bool = True) -> None:
        self.previous = (anomaly.enabled, anomaly.check_nan)
        self.check_nan = check_nan
        warnings.warn(messages.text("anomaly_enabled"), UserWarning, stacklevel=2)

    def __enter__(self) -> None:
        set_anomaly_enabled(True, self.check_nan)

    def __exit__(self, *exc: Any) -> None:
        set_anomaly_enabled(*self.previous)


class set_detect_anomaly(metaclass=PyTorchName, torch_module="torch.autograd.anomaly_mode"):  # noqa: N801
    """Turn anomaly mode on or off now; as a ``with`` block, until the block ends.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> with torch.autograd.set_detect_anomaly(True):
    ...     print(torch.is_anomaly_enabled())
    True
    >>> torch.is_anomaly_enabled()
    False
    """

    def __init__(self, mode: bool, check_nan: bool = True) -> None:
        self.previous = (anomaly.enabled, anomaly.check_nan)
        set_anomaly_enabled(mode, check_nan)

    def __enter__(self) -> None:
        pass

    def __exit__(self, *exc: Any) -> None:
        set_anomaly_enabled(*self.previous)


__all__ = [
    "detect_anomaly", "set_detect_anomaly", "is_anomaly_enabled", "is_anomaly_check_nan_enabled", "set_anomaly_enabled",
]  # fmt: skip
