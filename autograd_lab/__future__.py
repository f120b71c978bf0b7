"""``torch.__future__``: switches for behaviour PyTorch plans to change (how a module converts its parameters).

``set_overwrite_module_params_on_conversion(True)``: ``model.double()`` (and
the other conversions) give the module new parameter objects instead of
changing the old ones in place, so an optimizer made before keeps the old
ones.  ``set_swap_module_params_on_conversion(True)``: the conversion swaps
the new values into the old objects (:func:`autograd_lab.utils.swap_tensors`),
keeping each parameter's identity, which is what changing them in place
does here too.
"""

from __future__ import annotations

__all__ = [
    "set_overwrite_module_params_on_conversion",
    "get_overwrite_module_params_on_conversion",
    "set_swap_module_params_on_conversion",
    "get_swap_module_params_on_conversion",
]

_overwrite_module_params_on_conversion = False
_swap_module_params_on_conversion = False


def set_overwrite_module_params_on_conversion(value: bool) -> None:
    """Whether converting a module (``.double()``, ``.to(...)``) gives it new parameter objects.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.__future__.set_overwrite_module_params_on_conversion(True)
    >>> m = torch.nn.Linear(1, 1)
    >>> before = m.weight
    >>> m.double().weight is before
    False
    >>> torch.__future__.set_overwrite_module_params_on_conversion(False)
    """
    global _overwrite_module_params_on_conversion
    _overwrite_module_params_on_conversion = value


def get_overwrite_module_params_on_conversion() -> bool:
    """What :func:`set_overwrite_module_params_on_conversion` set: ``False`` by default."""
    return _overwrite_module_params_on_conversion


def set_swap_module_params_on_conversion(value: bool) -> None:
    """Whether converting a module swaps the new values into its parameter objects (their identity kept).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> torch.__future__.set_swap_module_params_on_conversion(True)
    >>> m = torch.nn.Linear(1, 1)
    >>> before = m.weight
    >>> m.double().weight is before, m.weight.dtype
    (True, torch.float64)
    >>> torch.__future__.set_swap_module_params_on_conversion(False)
    """
    global _swap_module_params_on_conversion
    _swap_module_params_on_conversion = value


def get_swap_module_params_on_conversion() -> bool:
    """What :func:`set_swap_module_params_on_conversion` set: ``False`` by default."""
    return _swap_module_params_on_conversion
