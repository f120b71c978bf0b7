"""``torch.nn.utils.parametrize``: a parameter or buffer computed by a module from the tensor(s) really stored.

``register_parametrization(layer, "weight", Symmetric())`` moves
``layer.weight`` to ``layer.parametrizations.weight.original`` and makes
``layer.weight`` a *property* that returns ``Symmetric()(original)`` each time
it is read.  A property belongs to a class, not to one object, so the layer's
class is swapped for a subclass made for it alone, ``ParametrizedLinear``, as
PyTorch does; removing the last parametrization swaps the class back.

Optimizers see ``original``: a gradient reaches it through the
parametrization, and a step changes it, so the next read of ``layer.weight``
is the parametrization of the new values.

Examples
--------
>>> import autograd_lab as torch
>>> from autograd_lab import nn
>>> import autograd_lab.nn.utils.parametrize as P
>>> class Symmetric(nn.Module):
...     def forward(self, X):
...         return X.triu() + X.triu(1).transpose(-1, -2)
>>> layer = P.register_parametrization(nn.Linear(3, 3), "weight", Symmetric())
>>> layer
ParametrizedLinear(
  in_features=3, out_features=3, bias=True
  (parametrizations): ModuleDict(
    (weight): ParametrizationList(
      (0): Symmetric()
    )
  )
)
>>> torch.equal(layer.weight, layer.weight.T)
True
>>> [name for name, _ in layer.named_parameters()]
['bias', 'parametrizations.weight.original']
"""

from __future__ import annotations

import collections.abc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from copy import deepcopy
from typing import Any

from ... import messages
from ..._grad_mode import no_grad
from ...tensor import Tensor
from ..modules.container import ModuleDict, ModuleList
from ..modules.module import Module
from ..parameter import Parameter

__all__ = [
    "cached", "ParametrizationList", "register_parametrization", "is_parametrized", "remove_parametrizations",
    "type_before_parametrizations", "transfer_parametrizations_and_params",
]  # fmt: skip

_cache_enabled = 0
_cache: dict[tuple[int, str], Tensor | None] = {}


@contextmanager
def cached() -> Iterator[None]:
    """Compute each parametrized tensor once inside the block, and reuse it (forgotten when the block ends).

    Without it, every read of ``layer.weight`` runs the parametrization again;
    an RNN reading its parametrized kernel at every time step wants it once.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> import autograd_lab.nn.utils.parametrize as P
    >>> class Noisy(nn.Module):
    ...     def forward(self, X):
    ...         print("computing")
    ...         return X
    >>> layer = P.register_parametrization(nn.Linear(2, 2), "weight", Noisy())
    computing
    >>> with P.cached():
    ...     same = layer.weight is layer.weight
    computing
    >>> same
    True
    """
    global _cache, _cache_enabled
    _cache_enabled += 1
    try:
        yield
    finally:
        _cache_enabled -= 1
        if not _cache_enabled:
            _cache = {}


def _register_parameter_or_buffer(module: Module, name: str, value: Tensor) -> None:
    if isinstance(value, Parameter):
        module.register_parameter(name, value)
    else:
        module.register_buffer(name, value)


def _maybe_set(dest: Tensor, src: Tensor) -> None:
    """``dest.set_(src)``: ``dest`` (the same object, so optimizers still hold it) now looks into ``src``'s memory."""
    dest.data = src
    dest._version_counter.bump()


def _type_name(value: Any) -> str:
    return type(value).__name__


class ParametrizationList(ModuleList, torch_module="torch.nn.utils.parametrize"):
    """The parametrizations of one tensor, in order, and the tensor(s) they start from.

    ``module.parametrizations.weight`` is one.  It holds the stored tensor as
    ``original``, or as ``original0``, ``original1``, ... when the first
    parametrization's ``right_inverse`` returns several tensors; calling it
    runs the parametrizations one after another on them.  It is made by
    :func:`register_parametrization`, not by hand.

    Examples
    --------
    >>> from autograd_lab import nn
    >>> import autograd_lab.nn.utils.parametrize as P
    >>> layer = P.register_parametrization(nn.Linear(2, 2), "weight", nn.Identity())
    >>> layer.parametrizations.weight
    ParametrizationList(
      (0): Identity()
    )
    >>> layer.parametrizations.weight.original.shape
    torch.Size([2, 2])
    """

    original: Tensor
    unsafe: bool

    def __init__(self, modules: Sequence[Module], original: Tensor, unsafe: bool = False) -> None:
        if len(modules) == 0:
            raise messages.error("parametrize_list_empty")
        super().__init__(modules)
        self.unsafe = unsafe

        original_shape, original_dtype = original.shape, original.dtype
        # What is stored: the right inverses, last parametrization first (a missing one is the identity).
        with no_grad():
            new = original
            for module in reversed(self):
                if hasattr(module, "right_inverse"):
                    try:
                        new = module.right_inverse(new)
                    except NotImplementedError:
                        pass
        if not isinstance(new, (Tensor, Sequence)):
            raise messages.error("parametrize_right_inverse_type", type_name=_type_name(new))

        self.is_tensor = isinstance(new, Tensor)
        self.ntensors = 1 if self.is_tensor else len(new)
        if self.is_tensor:
            if original.dtype != new.dtype:
                raise messages.error(
                    "parametrize_right_inverse_dtype", original=original.dtype, new=new.dtype
                )
            # `original` keeps its identity (an optimizer may hold it) and takes the new values.
            with no_grad():
                _maybe_set(original, new)
            _register_parameter_or_buffer(self, "original", original)
        else:
            for i, value in enumerate(new):
                if not isinstance(value, Tensor):
                    raise messages.error(
                        "parametrize_right_inverse_element", index=i, type_name=_type_name(value)
                    )
                if isinstance(original, Parameter):
                    value = Parameter(value, original.requires_grad)
                value.requires_grad_(original.requires_grad)
                _register_parameter_or_buffer(self, f"original{i}", value)

        if not self.unsafe:
            result = self()
            if not isinstance(result, Tensor):
                raise messages.error("parametrize_not_tensor", type_name=_type_name(result))
            if result.dtype != original_dtype:
                raise messages.error("parametrize_list_dtype", original=original_dtype, new=result.dtype)
            if result.shape != original_shape:
                raise messages.error("parametrize_list_shape", original=original_shape, new=result.shape)

    def right_inverse(self, value: Tensor) -> None:
        """Store what gives ``value``: the right inverses, last parametrization first, into ``original``.

        Assigning ``module.weight = value`` calls this.
        """
        with no_grad():
            for module in reversed(self):
                if not hasattr(module, "right_inverse"):
                    raise messages.error("parametrize_no_right_inverse", name=_type_name(module))
                value = module.right_inverse(value)
            if self.is_tensor:
                if not isinstance(value, Tensor):
                    raise messages.error("parametrize_right_inverse_not_tensor", type_name=_type_name(value))
                if value.dtype != self.original.dtype:
                    raise messages.error(
                        "parametrize_assign_dtype", new=value.dtype, original=self.original.dtype
                    )
                _maybe_set(self.original, value)
            else:
                if not isinstance(value, collections.abc.Sequence):
                    raise messages.error("parametrize_right_inverse_sequence", type_name=_type_name(value))
                if len(value) != self.ntensors:
                    raise messages.error(
                        "parametrize_right_inverse_length", expected=self.ntensors, got=len(value)
                    )
                for i, tensor in enumerate(value):
                    original_i = getattr(self, f"original{i}")
                    if not isinstance(tensor, Tensor):
                        raise messages.error(
                            "parametrize_assign_element", index=i, type_name=_type_name(tensor)
                        )
                    if original_i.dtype != tensor.dtype:
                        raise messages.error(
                            "parametrize_assign_element_dtype",
                            index=i,
                            new=tensor.dtype,
                            original=original_i.dtype,
                        )
                    _maybe_set(original_i, tensor)

    def forward(self) -> Tensor:
        """The parametrized tensor: the first parametrization on the original(s), each next one on the result."""
        if self.is_tensor:
            x = self[0](self.original)
        else:
            x = self[0](*(getattr(self, f"original{i}") for i in range(self.ntensors)))
        index = 1
        while hasattr(self, str(index)):
            x = self[index](x)
            index += 1
        return x


def _default_deepcopy(self: Module, memo: dict) -> Module:
    """``copy.deepcopy`` of a parametrized module (its class refuses pickling, which deepcopy would use)."""
    replica = memo.get(id(self))
    if replica is not None:
        return replica
    replica = self.__new__(self.__class__)
    memo[id(self)] = replica
    replica.__dict__ = deepcopy(self.__dict__, memo)
    return replica


def _refuse_pickling(self: Module) -> None:
    raise messages.error("parametrize_pickle")


def _inject_new_class(module: Module) -> None:
    """Give ``module`` a class of its own, ``Parametrized<its class>``, that properties can be added to."""
    cls = module.__class__
    namespace: dict[str, Any] = {"__getstate__": _refuse_pickling}
    if not hasattr(cls, "__deepcopy__"):
        namespace["__deepcopy__"] = _default_deepcopy
    # The metaclass of every Module prints the class with PyTorch's module path.
    param_cls = type(cls)(
        f"Parametrized{cls.__name__}", (cls,), namespace, torch_module="torch.nn.utils.parametrize"
    )
    module.__class__ = param_cls


def _inject_property(module: Module, tensor_name: str) -> None:
    """Make ``module.<tensor_name>`` a property: reading runs the parametrizations, assigning their right inverses."""

    def get_cached_parametrization(parametrization: ParametrizationList) -> Tensor:
        key = (id(module), tensor_name)
        tensor = _cache.get(key)
        if tensor is None:
            tensor = parametrization()
            _cache[key] = tensor
        return tensor

    def get_parametrized(self: Module) -> Tensor:
        parametrization = self.parametrizations[tensor_name]
        if _cache_enabled:
            return get_cached_parametrization(parametrization)
        return parametrization()

    def set_original(self: Module, value: Tensor) -> None:
        self.parametrizations[tensor_name].right_inverse(value)

    setattr(module.__class__, tensor_name, property(get_parametrized, set_original))


def register_parametrization(
    module: Module, tensor_name: str, parametrization: Module, *, unsafe: bool = False
) -> Module:
    """Make ``module.<tensor_name>`` the output of ``parametrization`` applied to the tensor really stored.

    The first time, the parameter or buffer moves to
    ``module.parametrizations.<tensor_name>.original`` (after the
    parametrization's ``right_inverse``, when it has one) and the module's
    class becomes ``Parametrized<class>``.  Registering again on the same name
    appends to the list: the new parametrization is applied to the previous
    one's output.  ``unsafe=True`` lets the parametrization change the shape
    or dtype, and skips the checks that call it once.

    Parameters
    ----------
    module : nn.Module
        The module holding the tensor.
    tensor_name : str
        The name of its parameter or buffer.
    parametrization : nn.Module
        Its ``forward`` computes the tensor; an optional ``right_inverse``
        computes what to store so that ``forward`` gives a value assigned to it.
    unsafe : bool
        Allow a change of shape or dtype, without checks.

    Returns
    -------
    nn.Module
        ``module`` (now of the class ``Parametrized<class>``).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> import autograd_lab.nn.utils.parametrize as P
    >>> class Skew(nn.Module):
    ...     def forward(self, X):
    ...         A = X.triu(1)
    ...         return A - A.transpose(-1, -2)
    ...
    ...     def right_inverse(self, A):
    ...         return A.triu(1)
    >>> layer = P.register_parametrization(nn.Linear(2, 2), "weight", Skew())
    >>> layer.weight = torch.tensor([[0.0, 2.0], [-2.0, 0.0]])
    >>> layer.weight
    tensor([[ 0.,  2.],
            [-2.,  0.]], grad_fn=<SubBackward0>)
    >>> layer.parametrizations.weight.original
    Parameter containing:
    tensor([[0., 2.],
            [0., 0.]], requires_grad=True)
    """
    parametrization.train(module.training)
    if is_parametrized(module, tensor_name):
        if not unsafe:
            current = getattr(module, tensor_name)
            result = parametrization(current)
            if not isinstance(result, Tensor):
                raise messages.error("parametrize_not_tensor", type_name=_type_name(result))
            if result.dtype != current.dtype:
                raise messages.error(
                    "parametrize_append_dtype", name=tensor_name, original=current.dtype, new=result.dtype
                )
            if result.shape != current.shape:
                raise messages.error(
                    "parametrize_append_shape", name=tensor_name, original=current.shape, new=result.shape
                )
            if hasattr(parametrization, "right_inverse"):
                try:
                    inverse = parametrization.right_inverse(result)
                except NotImplementedError:
                    pass
                else:
                    if not isinstance(inverse, Tensor):
                        raise messages.error("parametrize_append_inverse_type", type_name=_type_name(inverse))
                    if inverse.dtype != current.dtype:
                        raise messages.error(
                            "parametrize_append_inverse_dtype",
                            name=tensor_name,
                            original=current.dtype,
                            new=inverse.dtype,
                        )
                    if inverse.shape != current.shape:
                        raise messages.error(
                            "parametrize_append_inverse_shape",
                            name=tensor_name,
                            original=current.shape,
                            new=inverse.shape,
                        )
        parametrizations = module.parametrizations[tensor_name]
        parametrizations.append(parametrization)
        parametrizations.unsafe |= unsafe  # once unsafe, the list stays unsafe
    elif tensor_name in module._buffers or tensor_name in module._parameters:
        original = getattr(module, tensor_name)
        # Made first: it raises if the parametrization does not fit, leaving the module as it was.
        parametrizations = ParametrizationList([parametrization], original, unsafe=unsafe)
        delattr(module, tensor_name)
        if not is_parametrized(module):
            _inject_new_class(module)
            module.parametrizations = ModuleDict()
        _inject_property(module, tensor_name)
        module.parametrizations[tensor_name] = parametrizations
    else:
        raise messages.error("parametrize_no_tensor", module=module, name=tensor_name)
    return module


def is_parametrized(module: Module, tensor_name: str | None = None) -> bool:
    """Whether ``module`` has a parametrization on ``tensor_name`` (on any tensor when it is ``None``).

    Examples
    --------
    >>> from autograd_lab import nn
    >>> import autograd_lab.nn.utils.parametrize as P
    >>> layer = P.register_parametrization(nn.Linear(2, 2), "bias", nn.Identity())
    >>> P.is_parametrized(layer), P.is_parametrized(layer, "weight"), P.is_parametrized(layer, "bias")
    (True, False, True)
    """
    parametrizations = getattr(module, "parametrizations", None)
    if parametrizations is None or not isinstance(parametrizations, ModuleDict):
        return False
    if tensor_name is None:
        return len(parametrizations) > 0
    return tensor_name in parametrizations


def remove_parametrizations(module: Module, tensor_name: str, leave_parametrized: bool = True) -> Module:
    """Take the parametrizations off ``module.<tensor_name>``: it is a plain parameter or buffer again.

    With ``leave_parametrized=True`` it keeps its current (parametrized)
    value; with ``False`` it is the stored ``original`` again (possible only
    when there is one original tensor).  The parameter object is the same one
    either way, so an optimizer holding it keeps working.

    Parameters
    ----------
    module : nn.Module
        The parametrized module.
    tensor_name : str
        The name of the parametrized tensor.
    leave_parametrized : bool
        Keep the parametrized value (default) rather than the stored one.

    Returns
    -------
    nn.Module
        ``module``, of its class before parametrization once none is left.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> import autograd_lab.nn.utils.parametrize as P
    >>> class Double(nn.Module):
    ...     def forward(self, X):
    ...         return 2 * X
    >>> layer = P.register_parametrization(nn.Linear(1, 1), "bias", Double())
    >>> with torch.no_grad():
    ...     layer.parametrizations.bias.original.fill_(0.25)
    Parameter containing:
    tensor([0.2500], requires_grad=True)
    >>> layer = P.remove_parametrizations(layer, "bias")
    >>> type(layer).__name__, [name for name, _ in layer.named_parameters()]
    ('Linear', ['weight', 'bias'])
    >>> layer.bias
    Parameter containing:
    tensor([0.5000], requires_grad=True)
    """
    if not is_parametrized(module, tensor_name):
        raise messages.error("parametrize_remove_missing", module=module, name=tensor_name)
    parametrizations = module.parametrizations[tensor_name]
    if parametrizations.is_tensor:
        original = parametrizations.original
        if leave_parametrized:
            with no_grad():
                value = getattr(module, tensor_name)
            with no_grad():
                _maybe_set(original, value)
    else:
        if not leave_parametrized:
            raise messages.error("parametrize_remove_sequence")
        value = getattr(module, tensor_name)  # not under no_grad: whether an original requires grad matters
        original = Parameter(value) if value.requires_grad else value
    delattr(module.__class__, tensor_name)
    del module.parametrizations[tensor_name]
    _register_parameter_or_buffer(module, tensor_name, original)
    if not is_parametrized(module):
        delattr(module, "parametrizations")
        module.__class__ = module.__class__.__bases__[0]
    return module


def type_before_parametrizations(module: Module) -> type:
    """The module's class before it was parametrized (its class, when it is not).

    Examples
    --------
    >>> from autograd_lab import nn
    >>> import autograd_lab.nn.utils.parametrize as P
    >>> layer = P.register_parametrization(nn.Linear(2, 2), "weight", nn.Identity())
    >>> type(layer).__name__, P.type_before_parametrizations(layer).__name__
    ('ParametrizedLinear', 'Linear')
    """
    if is_parametrized(module):
        return module.__class__.__bases__[0]
    return type(module)


def transfer_parametrizations_and_params(
    from_module: Module, to_module: Module, tensor_name: str | None = None
) -> Module:
    """Register ``from_module``'s parametrizations (of ``tensor_name``, or all) on ``to_module``, with their originals.

    A tensor ``to_module`` lacks is first made a parameter holding
    ``from_module``'s parametrized value.

    Examples
    --------
    >>> from autograd_lab import nn
    >>> import autograd_lab.nn.utils.parametrize as P
    >>> source = P.register_parametrization(nn.Linear(2, 2), "weight", nn.Identity())
    >>> target = P.transfer_parametrizations_and_params(source, nn.Linear(2, 2))
    >>> target.parametrizations.weight.original is source.parametrizations.weight.original
    True
    """
    if is_parametrized(from_module):
        names = list(from_module.parametrizations) if tensor_name is None else [tensor_name]
        for name in names:
            if not hasattr(to_module, name):
                setattr(to_module, name, Parameter(getattr(from_module, name)))
            source = from_module.parametrizations[name]
            for parametrization in source:
                register_parametrization(to_module, name, parametrization)
            target = to_module.parametrizations[name]
            if hasattr(source, "original"):
                target.original = source.original
            else:
                index = 0
                while hasattr(source, f"original{index}"):
                    setattr(target, f"original{index}", getattr(source, f"original{index}"))
                    index += 1
    return to_module
