"""``nn.Parameter``: a tensor that a module registers as one of its learnable weights."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..tensor import Tensor


class Parameter(Tensor):
    """A tensor that is a module's parameter: assigned to a module, it joins ``parameters()``.

    It shares memory with the tensor it wraps and requires grad unless told
    otherwise.  Results computed from it are plain tensors.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> nn.Parameter(torch.tensor([1.0, 2.0]))
    Parameter containing:
    tensor([1., 2.], requires_grad=True)
    """

    __slots__ = ()

    def __new__(cls, data: Tensor | None = None, requires_grad: bool = True) -> Parameter:
        array = np.zeros(0, np.float32) if data is None else data._own()
        parameter = Tensor._wrap(array, cls=cls)
        if data is not None:
            parameter._version_counter = data._version_counter  # the same memory: one count of changes
        parameter.requires_grad = requires_grad
        return parameter

    def __repr__(self) -> str:
        return "Parameter containing:\n" + super().__repr__()

    __str__ = __repr__

    def __reduce_ex__(self, protocol: Any) -> Any:
        return (Parameter, (Tensor._wrap(self._array.copy()), self._requires_grad))

    def __deepcopy__(self, memo: dict) -> Parameter:
        if id(self) not in memo:
            memo[id(self)] = Parameter(Tensor._wrap(self._array.copy()), self._requires_grad)
        return memo[id(self)]
