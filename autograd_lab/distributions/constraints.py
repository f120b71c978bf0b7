"""``torch.distributions.constraints``: the sets a parameter or a value must lie in, named as PyTorch names them.

A constraint's ``check(value)`` is a bool tensor, one entry per event;
its ``repr`` is PyTorch's (``GreaterThan(lower_bound=0.0)``), which is
what a distribution's ``ValueError`` prints.

Examples
--------
>>> import autograd_lab as torch
>>> from autograd_lab.distributions import constraints
>>> constraints.positive
GreaterThan(lower_bound=0.0)
>>> constraints.positive.check(torch.tensor([1.0, 0.0]))
tensor([ True, False])
>>> constraints.simplex.check(torch.tensor([0.25, 0.75]))
tensor(True)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..tensor import Tensor

__all__ = [
    "Constraint", "boolean", "dependent", "dependent_property", "greater_than", "greater_than_eq",
    "half_open_interval", "independent", "integer_interval", "interval", "is_dependent", "less_than",
    "lower_cholesky", "corr_cholesky", "lower_triangular", "multinomial", "nonnegative", "nonnegative_integer", "one_hot", "positive",
    "positive_definite", "positive_integer", "positive_semidefinite", "real", "real_vector", "simplex",
    "square", "symmetric", "unit_interval",
]  # fmt: skip


def _plain(bound: Any) -> Any:
    """A bound as NumPy compares it: a tensor's array, or the number itself."""
    return bound._array if isinstance(bound, Tensor) else bound


class Constraint:
    """A set of valid values: ``check`` says, per event, whether a value lies in it.

    ``is_discrete`` tells integer-valued sets apart; ``event_dim`` is how many
    rightmost dimensions make one event (1 for a vector, 2 for a matrix).
    """

    is_discrete = False
    event_dim = 0

    def check(self, value: Tensor) -> Tensor:
        """A bool tensor of ``value``'s shape without its ``event_dim`` last dimensions."""
        return Tensor._wrap(np.asarray(self._valid(np.asarray(value._array))))

    def _valid(self, value: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def __repr__(self) -> str:
        return type(self).__name__[1:] + "()"


class _Bounded(Constraint):
    """A constraint with bounds, printed as ``Name(lower_bound=..., upper_bound=...)``."""

    _bounds: tuple[str, ...] = ()

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)}" for name in self._bounds)
        return f"{type(self).__name__[1:]}({shown})"


class _Dependent(Constraint):
    """A set that depends on other parameters (``Uniform``'s bounds): not checked."""

    def __init__(self, *, is_discrete: Any = NotImplemented, event_dim: Any = NotImplemented) -> None:
        self._is_discrete, self._event_dim = is_discrete, event_dim

    def __call__(self, *, is_discrete: Any = NotImplemented, event_dim: Any = NotImplemented) -> _Dependent:
        return _Dependent(is_discrete=is_discrete, event_dim=event_dim)

    def check(self, value: Tensor) -> Tensor:
        raise ValueError("Cannot determine validity of dependent constraint")


class _DependentProperty(property, _Dependent):
    """``constraints.dependent_property``: a property whose value is a constraint built from parameters."""

    def __init__(
        self, fn: Any = None, *, is_discrete: Any = NotImplemented, event_dim: Any = NotImplemented
    ) -> None:
        property.__init__(self, fn)
        _Dependent.__init__(self, is_discrete=is_discrete, event_dim=event_dim)

    def __call__(self, fn: Any) -> _DependentProperty:  # type: ignore[override]
        return _DependentProperty(fn, is_discrete=self._is_discrete, event_dim=self._event_dim)


def is_dependent(constraint: Any) -> bool:
    """Whether ``constraint`` is ``dependent`` (and so cannot be checked)."""
    return isinstance(constraint, _Dependent)


class _IndependentConstraint(Constraint):
    """``base_constraint`` on each element, its last ``reinterpreted_batch_ndims`` dimensions making one event."""

    def __init__(self, base_constraint: Constraint, reinterpreted_batch_ndims: int) -> None:
        self.base_constraint = base_constraint
        self.reinterpreted_batch_ndims = reinterpreted_batch_ndims

    @property
    def is_discrete(self) -> bool:  # type: ignore[override]
        return self.base_constraint.is_discrete

    @property
    def event_dim(self) -> int:  # type: ignore[override]
        return self.base_constraint.event_dim + self.reinterpreted_batch_ndims

    def _valid(self, value: np.ndarray) -> np.ndarray:
        result = np.asarray(self.base_constraint._valid(value))
        if result.ndim < self.reinterpreted_batch_ndims:
            raise ValueError(f"Expected value.dim() >= {self.event_dim} but got {value.ndim}")
        kept = result.shape[: result.ndim - self.reinterpreted_batch_ndims]
        return result.reshape(*kept, -1).all(-1)

    def __repr__(self) -> str:
        return f"{type(self).__name__[1:]}({self.base_constraint!r}, {self.reinterpreted_batch_ndims})"


class MixtureSameFamilyConstraint(Constraint):
    """A component's constraint checked on a mixture's value: the component dimension put back first."""

    def __init__(self, base_constraint: Constraint) -> None:
        self.base_constraint = base_constraint

    @property
    def is_discrete(self) -> bool:  # type: ignore[override]
        return self.base_constraint.is_discrete

    @property
    def event_dim(self) -> int:  # type: ignore[override]
        return self.base_constraint.event_dim

    def _valid(self, value: np.ndarray) -> np.ndarray:
        result = np.asarray(self.base_constraint._valid(np.expand_dims(value, -1 - self.event_dim)))
        if value.ndim < self.event_dim:
            raise ValueError(f"Expected value.dim() >= {self.event_dim} but got {value.ndim}")
        kept = value.ndim - self.event_dim
        return result.reshape(*result.shape[:kept], -1).all(-1)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.base_constraint!r})"


class _Boolean(Constraint):
    is_discrete = True

    def _valid(self, value: np.ndarray) -> np.ndarray:
        return (value == 0) | (value == 1)


class _OneHot(Constraint):
    is_discrete = True
    event_dim = 1

    def _valid(self, value: np.ndarray) -> np.ndarray:
        return ((value == 0) | (value == 1)).all(-1) & (value.sum(-1) == 1)


class _IntegerInterval(_Bounded):
    is_discrete = True
    _bounds = ("lower_bound", "upper_bound")

    def __init__(self, lower_bound: Any, upper_bound: Any) -> None:
        self.lower_bound, self.upper_bound = lower_bound, upper_bound

    def _valid(self, value: np.ndarray) -> np.ndarray:
        return (value % 1 == 0) & (_plain(self.lower_bound) <= value) & (value <= _plain(self.upper_bound))


class _IntegerGreaterThan(_Bounded):
    is_discrete = True
    _bounds = ("lower_bound",)

    def __init__(self, lower_bound: Any) -> None:
        self.lower_bound = lower_bound

    def _valid(self, value: np.ndarray) -> np.ndarray:
        return (value % 1 == 0) & (value >= _plain(self.lower_bound))


class _Real(Constraint):
    def _valid(self, value: np.ndarray) -> np.ndarray:
        return value == value  # False for NaN


class _GreaterThan(_Bounded):
    _bounds = ("lower_bound",)

    def __init__(self, lower_bound: Any) -> None:
        self.lower_bound = lower_bound

    def _valid(self, value: np.ndarray) -> np.ndarray:
        return _plain(self.lower_bound) < value


class _GreaterThanEq(_Bounded):
    _bounds = ("lower_bound",)

    def __init__(self, lower_bound: Any) -> None:
        self.lower_bound = lower_bound

    def _valid(self, value: np.ndarray) -> np.ndarray:
        return _plain(self.lower_bound) <= value


class _LessThan(_Bounded):
    _bounds = ("upper_bound",)

    def __init__(self, upper_bound: Any) -> None:
        self.upper_bound = upper_bound

    def _valid(self, value: np.ndarray) -> np.ndarray:
        return value < _plain(self.upper_bound)


class _Interval(_Bounded):
    _bounds = ("lower_bound", "upper_bound")

    def __init__(self, lower_bound: Any, upper_bound: Any) -> None:
        self.lower_bound, self.upper_bound = lower_bound, upper_bound

    def _valid(self, value: np.ndarray) -> np.ndarray:
        return (_plain(self.lower_bound) <= value) & (value <= _plain(self.upper_bound))


class _HalfOpenInterval(_Interval):
    def _valid(self, value: np.ndarray) -> np.ndarray:
        return (_plain(self.lower_bound) <= value) & (value < _plain(self.upper_bound))


class _Simplex(Constraint):
    event_dim = 1

    def _valid(self, value: np.ndarray) -> np.ndarray:
        return np.all(value >= 0, axis=-1) & (np.abs(value.sum(-1) - 1) < 1e-6)


class _Multinomial(Constraint):
    """Counts at least 0 that add up to at most ``upper_bound`` (PyTorch checks no more)."""

    is_discrete = True
    event_dim = 1

    def __init__(self, upper_bound: int) -> None:
        self.upper_bound = upper_bound

    def _valid(self, value: np.ndarray) -> np.ndarray:
        return (value >= 0).all(-1) & (value.sum(-1) <= _plain(self.upper_bound))


class _LowerTriangular(Constraint):
    event_dim = 2

    def _valid(self, value: np.ndarray) -> np.ndarray:
        return (np.tril(value) == value).reshape(*value.shape[:-2], -1).min(-1)


class _LowerCholesky(Constraint):
    event_dim = 2

    def _valid(self, value: np.ndarray) -> np.ndarray:
        lower = (np.tril(value) == value).reshape(*value.shape[:-2], -1).min(-1)
        return lower & (np.diagonal(value, axis1=-2, axis2=-1) > 0).min(-1)


class _CorrCholesky(_LowerCholesky):
    """Lower triangular with a positive diagonal and rows of length 1: a correlation matrix's Cholesky factor."""

    def _valid(self, value: np.ndarray) -> np.ndarray:
        tolerance = np.finfo(value.dtype).eps * value.shape[-1] * 10  # (PyTorch's fudge factor, 10)
        unit_rows = (np.abs(np.linalg.norm(value, axis=-1) - 1.0) <= tolerance).all(-1)
        return super()._valid(value) & unit_rows


class _Square(Constraint):
    event_dim = 2

    def _valid(self, value: np.ndarray) -> np.ndarray:
        return np.full(value.shape[:-2], value.shape[-2] == value.shape[-1])


class _Symmetric(_Square):
    def _valid(self, value: np.ndarray) -> np.ndarray:
        square = super()._valid(value)
        if not square.all():
            return square
        transposed = np.swapaxes(value, -1, -2)
        return np.isclose(value, transposed, rtol=1e-5, atol=1e-6).all(-2).all(-1)  # torch.isclose's defaults


class _PositiveSemidefinite(_Symmetric):
    def _valid(self, value: np.ndarray) -> np.ndarray:
        symmetric = super()._valid(value)
        if not symmetric.all():
            return symmetric
        return (np.linalg.eigvalsh(value) >= 0).all(-1)


class _PositiveDefinite(_Symmetric):
    def _valid(self, value: np.ndarray) -> np.ndarray:
        symmetric = super()._valid(value)
        if not symmetric.all():
            return symmetric
        matrices = value.reshape(-1, *value.shape[-2:])
        return np.array([_has_cholesky(matrix) for matrix in matrices]).reshape(value.shape[:-2])


def _has_cholesky(matrix: np.ndarray) -> bool:
    """Whether the Cholesky factorisation (of the lower triangle, as LAPACK reads it) succeeds."""
    try:
        np.linalg.cholesky(matrix)
    except np.linalg.LinAlgError:
        return False
    return True


dependent = _Dependent()
dependent_property = _DependentProperty
independent = _IndependentConstraint
boolean = _Boolean()
one_hot = _OneHot()
nonnegative_integer = _IntegerGreaterThan(0)
positive_integer = _IntegerGreaterThan(1)
integer_interval = _IntegerInterval
real = _Real()
real_vector = independent(real, 1)
positive = _GreaterThan(0.0)
nonnegative = _GreaterThanEq(0.0)
greater_than = _GreaterThan
greater_than_eq = _GreaterThanEq
less_than = _LessThan
multinomial = _Multinomial
unit_interval = _Interval(0.0, 1.0)
interval = _Interval
half_open_interval = _HalfOpenInterval
simplex = _Simplex()
lower_triangular = _LowerTriangular()
lower_cholesky = _LowerCholesky()
corr_cholesky = _CorrCholesky()
square = _Square()
symmetric = _Symmetric()
positive_semidefinite = _PositiveSemidefinite()
positive_definite = _PositiveDefinite()
