"""``functional_call`` and ``stack_module_state``: a module used as a function of its parameters.

``functional_call(model, params, x)`` runs ``model(x)`` with the tensors in
``params`` (by name, ``"fc1.weight"``) standing in for the model's own
parameters and buffers, then puts the model's own back, even if the call
raised.  Since the tensors come in as arguments, ``grad`` and ``vmap`` can
transform over them: per-sample gradients, model ensembles.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

from .. import messages
from ..ops.shape import stack
from ..tensor import Tensor

__all__ = ["functional_call", "stack_module_state"]

_MISSING: Any = object()  # "the module had no such attribute": deleted again afterwards


class _Accessor:
    """A module's submodules and tensors by dotted name (PyTorch's ``NamedMemberAccessor``)."""

    def __init__(self, module: Any) -> None:
        self.module = module
        self.memo: dict[str, Any] = {}

    def submodule(self, name: str) -> Any:
        if not name:
            return self.module
        if name not in self.memo:
            prefix, dot, attr = name.rpartition(".")
            owner = self.submodule(prefix) if dot else self.module
            try:
                found = getattr(owner, attr)
            except AttributeError as caught:
                raise messages.error(
                    "func_call_no_attribute", module=owner._get_name(), name=attr
                ) from caught
            if not hasattr(found, "_parameters"):
                raise messages.error("func_call_not_module", name=name, value=found)
            self.memo[name] = found
        return self.memo[name]

    def swap(self, name: str, tensor: Any) -> Any:
        """Put ``tensor`` at ``name`` (``_MISSING``: remove it); returns what was there."""
        prefix, _, attr = name.rpartition(".")
        module = self.submodule(prefix)
        if tensor is not _MISSING and tensor is not None and not isinstance(tensor, Tensor):
            raise messages.error("func_call_not_tensor", value=tensor)
        for table in (module._parameters, module._buffers):
            if attr in table:
                original = table[attr]
                if tensor is _MISSING:
                    del table[attr]
                else:
                    table[attr] = tensor
                return original
        original = getattr(module, attr) if hasattr(module, attr) else _MISSING
        if tensor is not _MISSING:
            setattr(module, attr, tensor)
        elif hasattr(module, attr):
            delattr(module, attr)
        return original

    def swap_all(self, named: dict[str, Any]) -> dict[str, Any]:
        originals: dict[str, Any] = {}
        try:
            for name, tensor in named.items():
                originals[name] = self.swap(name, tensor)
        except Exception:
            for name, original in originals.items():
                self.swap(name, original)
            raise
        return originals

    def tensor_names(self) -> list[str]:
        names = [name for name, _ in self.module.named_parameters(remove_duplicate=False)]
        return names + [name for name, _ in self.module.named_buffers(remove_duplicate=False)]


def _untied(module: Any, given: dict[str, Any]) -> dict[str, Any]:
    """``given`` with a value for every name tied to a given name (the same tensor under two names)."""
    everything = dict(module.named_parameters(remove_duplicate=False))
    everything.update(module.named_buffers(remove_duplicate=False))
    names_of: dict[int, set[str]] = {}
    for name, tensor in everything.items():
        names_of.setdefault(id(tensor), set()).add(name)
    tied = {name: names for names in names_of.values() if len(names) > 1 for name in names}
    given_tied = {name for name in given if name in tied}
    for name in given_tied:
        names = tied[name]
        if len(names & given_tied) > 1 and len({id(given[other]) for other in names & given_tied}) != 1:
            raise messages.error("func_call_tied", keys=sorted(names))
    untied = dict(given)
    for name in given_tied:
        for other in tied[name]:
            untied[other] = given[name]
    return untied


@contextlib.contextmanager
def _reparametrized(module: Any, named: dict[str, Any], tie_weights: bool, strict: bool) -> Iterator[None]:
    untied = _untied(module, named) if tie_weights else named
    accessor = _Accessor(module)
    if strict:
        valid = set(accessor.tensor_names())
        missing, unexpected = sorted(valid - set(untied)), sorted(set(untied) - valid)
        problems = []
        if unexpected:
            problems.append(f"Unexpected key(s): {', '.join(map(repr, unexpected))}.")
        if missing:
            problems.append(f"Missing key(s): {', '.join(map(repr, missing))}.")
        if problems:
            raise messages.error("func_call_strict", name=module._get_name(), problems="\n\t".join(problems))
    originals: dict[str, Any] = {}
    try:
        originals = accessor.swap_all(untied)
        yield
    finally:
        now = accessor.swap_all(originals)
        # what the call assigned in place of a given tensor goes back to the caller's dict, as in PyTorch
        named.update({name: now[name] for name in named if name in now})


def functional_call(
    module: Any,
    parameter_and_buffer_dicts: dict[str, Tensor] | Sequence[dict[str, Tensor]],
    args: Any = None,
    kwargs: dict[str, Any] | None = None,
    *,
    tie_weights: bool = True,
    strict: bool = False,
) -> Any:
    """``module(*args, **kwargs)`` with the given tensors in place of its parameters and buffers.

    The module's own tensors are put back afterwards, also when the call
    raises.

    Parameters
    ----------
    module : nn.Module
        The module to call.
    parameter_and_buffer_dicts : dict or sequence of dicts
        Tensors by their names in ``module.named_parameters()`` /
        ``named_buffers()`` (``"0.weight"``, ``"fc1.bias"``); several dicts
        must not share a name.  Names left out keep the module's tensor.
    args : tuple or object, optional
        The positional arguments (one that is not a tuple is the only one).
    kwargs : dict, optional
        The keyword arguments.
    tie_weights : bool
        A tensor the module holds under two names (tied weights) is replaced
        under both.
    strict : bool
        Every parameter and buffer must be given, and nothing else.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.func import functional_call
    >>> layer = torch.nn.Linear(2, 1)
    >>> params = {"weight": torch.tensor([[1.0, 2.0]]), "bias": torch.tensor([0.5])}
    >>> functional_call(layer, params, (torch.tensor([3.0, 4.0]),))
    tensor([11.5000])
    >>> layer.weight is params["weight"]
    False
    """
    if isinstance(parameter_and_buffer_dicts, dict):
        named = parameter_and_buffer_dicts
    elif isinstance(parameter_and_buffer_dicts, Sequence):
        if not all(isinstance(d, dict) for d in parameter_and_buffer_dicts):
            raise messages.error("func_call_dicts")
        counts: dict[str, int] = {}
        for d in parameter_and_buffer_dicts:
            for key in d:
                counts[key] = counts.get(key, 0) + 1
        repeated = [key for key, count in counts.items() if count > 1]
        if repeated:
            raise messages.error("func_call_repeated", keys=repeated)
        named = {k: v for d in parameter_and_buffer_dicts for k, v in d.items()}
    else:
        raise messages.error("func_call_type", type_repr=type(parameter_and_buffer_dicts))
    if kwargs is None:
        kwargs = {}
    if args is None:
        args = ()
    elif not isinstance(args, tuple):
        args = (args,)
    with _reparametrized(module, named, tie_weights=tie_weights, strict=strict):
        return module(*args, **kwargs)


def _stacked_leaf(tensors: list[Tensor], name: str) -> Tensor:
    requiring = [t.requires_grad for t in tensors]
    if any(requiring) and not all(requiring):
        raise messages.error("func_stack_requires_grad", name=name)
    result = stack(tensors)
    return result.detach().requires_grad_() if all(requiring) else result


def stack_module_state(models: Sequence[Any]) -> tuple[dict[str, Tensor], dict[str, Tensor]]:
    """The parameters and buffers of several models of one class, stacked by name: ``(params, buffers)``.

    Each entry has a new first dimension, one per model; stacked parameters
    are new leaves that require grad (an optimizer can train them).  With
    ``functional_call`` and ``vmap`` this runs an ensemble as one function.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.func import stack_module_state
    >>> models = [torch.nn.Linear(3, 2) for _ in range(4)]
    >>> params, buffers = stack_module_state(models)
    >>> {name: tuple(p.shape) for name, p in params.items()}, buffers
    ({'weight': (4, 2, 3), 'bias': (4, 2)}, {})
    """
    if len(models) == 0:
        raise messages.error("func_stack_no_models")
    if not (all(m.training for m in models) or all(not m.training for m in models)):
        raise messages.error("func_stack_mode")
    if not all(type(m) is type(models[0]) for m in models):
        raise messages.error("func_stack_class")
    all_params = [dict(model.named_parameters()) for model in models]
    params = {k: _stacked_leaf([p[k] for p in all_params], k) for k in all_params[0]}
    all_buffers = [dict(model.named_buffers()) for model in models]
    buffers = {k: _stacked_leaf([b[k] for b in all_buffers], k) for k in all_buffers[0]}
    return params, buffers
