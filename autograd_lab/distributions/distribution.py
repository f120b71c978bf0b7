"""The base of every distribution: shapes, argument checks, and how it prints (as PyTorch's)."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from .. import messages
from .._dtype import Size
from .._grad_mode import no_grad
from ..tensor import Tensor
from . import constraints
from .utils import broadcast_all, lazy_property, sum_rightmost


class Distribution:
    """What every distribution shares: ``batch_shape``, ``event_shape``, checks, ``sample`` without gradient, ``repr``.

    ``validate_args`` (on unless ``Distribution.set_default_validate_args(False)``,
    as in PyTorch) checks each parameter against its entry of ``arg_constraints``
    when the distribution is made, and each value given to ``log_prob``
    against its ``support``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.distributions import Normal
    >>> Normal(torch.zeros(3), 1.0).batch_shape
    torch.Size([3])
    """

    has_rsample = False
    has_enumerate_support = False
    _validate_args = True

    @staticmethod
    def set_default_validate_args(value: bool) -> None:
        """Turn the checks of parameters and values on or off for every distribution made from now on."""
        if value not in [True, False]:
            raise ValueError
        Distribution._validate_args = value

    def __init__(
        self, batch_shape: Any = (), event_shape: Any = (), validate_args: bool | None = None
    ) -> None:
        self._batch_shape = Size(batch_shape)
        self._event_shape = Size(event_shape)
        if validate_args is not None:
            self._validate_args = validate_args
        if not self._validate_args:
            return
        try:
            arg_constraints = self.arg_constraints
        except NotImplementedError:
            arg_constraints = {}
            warnings.warn(
                messages.text("distribution_no_arg_constraints", kind=self.__class__),
                UserWarning,
                stacklevel=2,
            )
        for name, constraint in arg_constraints.items():
            if constraints.is_dependent(constraint):
                continue  # e.g. Uniform's bounds in older PyTorch: cannot be checked alone
            if name not in self.__dict__ and _is_lazy(type(self), name):
                continue  # a parameter given the other way (logits for probs): computed when needed
            value = getattr(self, name)
            if not bool(np.all(constraint.check(value)._array)):
                raise messages.error(
                    "distribution_constraint",
                    ValueError,
                    name=name,
                    shape=tuple(value.shape),
                    distribution=repr(self),
                    constraint=repr(constraint),
                    values=f"{value}",
                )

    def expand(self, batch_shape: Any, _instance: Any = None) -> Distribution:
        """A distribution with the batch shape widened to ``batch_shape`` (parameters are expanded, not copied)."""
        raise messages.error("distribution_not_implemented")

    def _expanded(self, batch_shape: Any, names: tuple[str, ...]) -> Distribution:
        """``expand`` for distributions whose parameters all have the batch shape: each parameter expanded."""
        new = type(self).__new__(type(self))
        batch_shape = Size(batch_shape)
        for name in names:
            if name in self.__dict__:
                setattr(new, name, self.__dict__[name].expand(*batch_shape))
        Distribution.__init__(new, batch_shape, self._event_shape, validate_args=False)
        new._validate_args = self._validate_args
        return new

    @property
    def arg_constraints(self) -> dict[str, constraints.Constraint]:
        """Each parameter's constraint (a subclass sets this class attribute)."""
        raise messages.error("distribution_not_implemented")

    @property
    def batch_shape(self) -> Size:
        return self._batch_shape

    @property
    def event_shape(self) -> Size:
        return self._event_shape

    @property
    def support(self) -> Any:
        raise messages.error("distribution_not_implemented")

    @property
    def mean(self) -> Tensor:
        raise messages.error("distribution_not_implemented")

    @property
    def mode(self) -> Tensor:
        raise messages.error("distribution_no_moment", kind=type(self), what="mode")

    @property
    def variance(self) -> Tensor:
        raise messages.error("distribution_not_implemented")

    @property
    def stddev(self) -> Tensor:
        return self.variance.sqrt()

    def _extended_shape(self, sample_shape: Any = ()) -> Size:
        return Size(tuple(sample_shape) + tuple(self._batch_shape) + tuple(self._event_shape))

    def sample(self, sample_shape: Any = ()) -> Tensor:
        """A draw with no gradient: ``rsample`` under ``no_grad`` (subclasses draw as PyTorch does)."""
        with no_grad():
            return self.rsample(sample_shape)

    def rsample(self, sample_shape: Any = ()) -> Tensor:
        """A differentiable draw (the reparameterisation trick), for distributions with ``has_rsample``."""
        raise messages.error("distribution_no_rsample")

    def sample_n(self, n: int) -> Tensor:
        """``n`` draws: ``sample((n,))``."""
        return self.sample(Size((n,)))

    def log_prob(self, value: Tensor) -> Tensor:
        raise messages.error("distribution_not_implemented")

    def cdf(self, value: Tensor) -> Tensor:
        raise messages.error("distribution_not_implemented")

    def icdf(self, value: Tensor) -> Tensor:
        raise messages.error("distribution_not_implemented")

    def entropy(self) -> Tensor:
        raise messages.error("distribution_not_implemented")

    def perplexity(self) -> Tensor:
        """``exp(entropy())``."""
        return self.entropy().exp()

    def _validate_sample(self, value: Any) -> None:
        """PyTorch's check of a value given to ``log_prob``: its shape, then whether it lies in the support."""
        if not isinstance(value, Tensor):
            raise messages.error("distribution_value_not_tensor")
        event_dims = len(self._event_shape)
        shape = value.size()
        if tuple(shape[len(shape) - event_dims :]) != tuple(self._event_shape):
            raise messages.error("distribution_value_event_shape", shape=shape, event_shape=self._event_shape)
        expected = Size(tuple(self._batch_shape) + tuple(self._event_shape))
        for i, j in zip(reversed(shape), reversed(expected), strict=False):  # the rightmost dims only
            if i != 1 and j != 1 and i != j:
                raise messages.error("distribution_value_broadcast", shape=shape, expected=expected)
        try:
            support = self.support
        except NotImplementedError:
            warnings.warn(
                messages.text("distribution_no_support", kind=self.__class__), UserWarning, stacklevel=2
            )
            return
        if not bool(np.all(support.check(value)._array)):
            raise messages.error(
                "distribution_support",
                type_name=type(value).__name__,
                shape=tuple(value.shape),
                support=repr(support),
                distribution=repr(self),
                values=f"{value}",
            )

    def __repr__(self) -> str:
        names = [name for name in self.arg_constraints if name in self.__dict__]
        shown = [
            f"{name}: {self.__dict__[name] if self.__dict__[name].numel() == 1 else self.__dict__[name].size()}"
            for name in names
        ]
        return f"{type(self).__name__}({', '.join(shown)})"


def _is_lazy(cls: type, name: str) -> bool:
    """Whether ``name`` is computed when first asked for (a ``lazy_property``), as ``logits`` given ``probs``."""
    return isinstance(getattr(cls, name, None), lazy_property)


__all__ = ["Distribution", "broadcast_all", "lazy_property", "sum_rightmost"]


class LocScale:
    """What the distributions given by a location and a scale share (Normal, Laplace, Cauchy): the two
    parameters broadcast together, their constraints, and ``expand``. Put before the distribution base."""

    arg_constraints = {"loc": constraints.real, "scale": constraints.positive}
    support = constraints.real
    has_rsample = True

    def __init__(self, loc: Any, scale: Any, validate_args: bool | None = None) -> None:
        self.loc, self.scale = broadcast_all(loc, scale)
        super().__init__(self.loc.shape, validate_args=validate_args)  # type: ignore[call-arg]

    def expand(self, batch_shape: Any, _instance: Any = None) -> Distribution:
        return self._expanded(batch_shape, ("loc", "scale"))  # type: ignore[attr-defined]
