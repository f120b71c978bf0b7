"""How the library's public classes print: ``<class 'torch.nn.parameter.Parameter'>``, as PyTorch's do.

A lesson that prints ``type(param)`` shows PyTorch's qualified name. The
class itself keeps its real ``__module__`` (``autograd_lab.nn.parameter``),
which pickling and ``torch.save``/``torch.load`` rely on: only
``repr(cls)`` changes, and only for a class that declares PyTorch's module
on its class line. Subclasses do not inherit the declaration, so a model
defined in a notebook still prints ``<class '__main__.MLP'>``.

Examples
--------
>>> import autograd_lab as torch
>>> type(torch.nn.Parameter(torch.ones(1)))
<class 'torch.nn.parameter.Parameter'>
>>> class MLP(torch.nn.Module):
...     pass
>>> MLP.__module__ == __name__, repr(MLP) == f"<class '{__name__}.MLP'>"
(True, True)
"""

from __future__ import annotations

from typing import Any


class PyTorchName(type):
    """The metaclass: ``class Linear(Module, torch_module="torch.nn.modules.linear")`` prints as PyTorch's Linear.

    The declaration is read when the class is made; printing a class costs
    one dictionary look-up, and instances are untouched.
    """

    def __new__(
        mcls, name: str, bases: tuple, namespace: dict, torch_module: str | None = None, **kwargs: Any
    ) -> PyTorchName:
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        if torch_module is not None:
            type.__setattr__(cls, "_torch_name", f"{torch_module}.{cls.__qualname__}")
        return cls

    def __init__(cls, name: str, bases: tuple, namespace: dict, **kwargs: Any) -> None:
        kwargs.pop("torch_module", None)
        super().__init__(name, bases, namespace, **kwargs)

    def __repr__(cls) -> str:
        declared = cls.__dict__.get("_torch_name")
        return super().__repr__() if declared is None else f"<class '{declared}'>"


def object_repr(self: object) -> str:
    """``<torch.optim.lr_scheduler.StepLR object at 0x...>``: Python's default repr of an instance, with the
    PyTorch name its class declares (an instance of a user's subclass keeps its own, as its class does).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    >>> repr(torch.optim.lr_scheduler.StepLR(optimizer, 1)).startswith("<torch.optim.lr_scheduler.StepLR object at 0x")
    True
    """
    cls = type(self)
    declared = cls.__dict__.get("_torch_name")
    return object.__repr__(self) if declared is None else f"<{declared} object at {id(self):#x}>"
