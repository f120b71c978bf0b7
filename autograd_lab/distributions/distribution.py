"""The base of every distribution: shapes, argument checks, and how it prints (as PyTorch's)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import messages
from .._dtype import Size, default_float
from ..tensor import Tensor


def broadcast_all(*values: Any) -> tuple[Tensor, ...]:
    """Parameters as tensors of one shape: numbers become tensors of the tensors' dtype (or the default)."""
    tensors = [v for v in values if isinstance(v, Tensor)]
    dtype = tensors[0]._array.dtype if tensors else default_float().numpy
    as_tensors = [v if isinstance(v, Tensor) else Tensor._wrap(np.asarray(v, dtype=dtype)) for v in values]
    shape = np.broadcast_shapes(*(t._array.shape for t in as_tensors))
    return tuple(t if t._array.shape == shape else t.expand(shape) for t in as_tensors)


class Distribution:
    """What every distribution shares: ``batch_shape``, ``sample`` without gradient, checks, ``repr``."""

    arg_constraints: dict[str, tuple[str, Any]] = {}  # parameter -> (constraint's name, test of valid values)

    def __init__(
        self, batch_shape: tuple = (), validate_args: bool | None = None, event_shape: tuple = ()
    ) -> None:
        self._batch_shape = Size(batch_shape)
        self._event_shape = Size(event_shape)
        if validate_args is not False:
            for name, (constraint, valid) in self.arg_constraints.items():
                if name not in self.__dict__:
                    continue  # a parameter given the other way (logits for probs): computed when needed
                value = self.__dict__[name]
                if not np.all(valid(value._array)):
                    raise messages.error(
                        "distribution_constraint",
                        ValueError,
                        name=name,
                        shape=tuple(value._array.shape),
                        distribution=repr(self),
                        constraint=constraint,
                        values=f"{value}",
                    )

    @property
    def batch_shape(self) -> Size:
        return self._batch_shape

    @property
    def event_shape(self) -> Size:
        return self._event_shape

    def _extended_shape(self, sample_shape: Any = ()) -> Size:
        return Size(tuple(sample_shape) + tuple(self._batch_shape) + tuple(self._event_shape))

    def sample(self, sample_shape: Any = ()) -> Tensor:
        """A draw with no gradient: ``rsample`` under ``no_grad`` (subclasses draw as PyTorch does)."""
        from .._grad_mode import no_grad

        with no_grad():
            return self.rsample(sample_shape)

    @property
    def stddev(self) -> Tensor:
        return self.variance.sqrt()

    def __repr__(self) -> str:
        names = [name for name in self.arg_constraints if name in self.__dict__]
        shown = [
            f"{name}: {self.__dict__[name] if self.__dict__[name].numel() == 1 else self.__dict__[name].size()}"
            for name in names
        ]
        return f"{type(self).__name__}({', '.join(shown)})"
