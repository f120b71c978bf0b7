"""``torch.onnx``: present so that a lesson importing it runs; exporting to ONNX is PyTorch's job.

ONNX export records a model's graph of ATen operators (TorchScript's, or
torch.export's); autograd_lab has neither, so :func:`export` says so, with
PyTorch's exception type for a failed export.  A lesson that only imports
``torch.onnx`` (pytorch/examples' word_language_model exports when asked
to, with ``--onnx-export``) runs as it is.

Examples
--------
>>> import autograd_lab as torch
>>> torch.onnx.is_in_onnx_export()
False
"""

from __future__ import annotations

from typing import Any

from . import messages

__all__ = ["export", "is_in_onnx_export", "OnnxExporterError"]


class OnnxExporterError(RuntimeError):
    """PyTorch's error for an export that failed."""


def export(model: Any, args: Any = (), f: Any = None, *more: Any, **options: Any) -> None:
    """``torch.onnx.export``: not available here; raises :class:`OnnxExporterError`.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.onnx.export(torch.nn.Linear(2, 1), (torch.ones(1, 2),), "model.onnx")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    autograd_lab.onnx.OnnxExporterError: Exporting to ONNX is not available in autograd_lab. ...
    """
    raise messages.error("onnx_export", cls=OnnxExporterError)


def is_in_onnx_export() -> bool:
    """Whether an ONNX export is running: never, here."""
    return False
