"""``nn.Module``: the base class of layers and models.

A module keeps what is assigned to it in three dictionaries, as PyTorch
does: ``_parameters`` (each ``nn.Parameter``), ``_buffers`` (tensors it keeps
but does not learn, such as batch norm's running mean) and ``_modules``
(its submodules).  Everything else about a module (``parameters()``,
``state_dict()``, ``train()``, ``print(model)``) walks those three.

Calling a module runs its ``forward`` inside a *scope*
(``autograd_lab.autograd.scope``): every node recorded meanwhile remembers
the module and its name in the model (``fc1``, ``features.0``), so that the
pictures can box a layer's nodes together.
"""

from __future__ import annotations

import itertools
import warnings
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple, TypeVar

from ... import __future__ as future
from ... import _views, messages
from ..._classname import PyTorchName
from ..._device import as_device
from ..._dtype import dtype as _dtype
from ..._dtype import float16, float32, float64
from ..._grad_mode import no_grad
from ...autograd import engine as _engine
from ...autograd import scope
from ...ops.inplace import to_gpu
from ...tensor import Tensor
from ..parameter import Buffer, Parameter, is_lazy
from ._functions import BackwardHook


def typename(value: Any) -> str:
    """What PyTorch's ``torch.typename`` says: ``torch.FloatTensor``, ``torch.nn.modules.linear.Linear``, ``int``."""
    if isinstance(value, Tensor):
        return value.type()
    kind = type(value)
    module = kind.__module__.replace("autograd_lab", "torch", 1)
    return kind.__qualname__ if module == "builtins" else f"{module}.{kind.__qualname__}"


def _addindent(text: str, spaces: int) -> str:
    """Indent every line but the first by ``spaces`` (how a child's repr nests in its parent's)."""
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    return lines[0] + "\n" + "\n".join(" " * spaces + line for line in lines[1:])


class _IncompatibleKeys(NamedTuple):
    """What ``load_state_dict`` returns: the keys the model wanted but did not get, and the ones it did not know."""

    missing_keys: list[str]
    unexpected_keys: list[str]

    def __repr__(self) -> str:
        if not self.missing_keys and not self.unexpected_keys:
            return "<All keys matched successfully>"
        return f"_IncompatibleKeys(missing_keys={self.missing_keys}, unexpected_keys={self.unexpected_keys})"

    __str__ = __repr__


RemovableHandle = _engine.RemovableHandle


def _empty_like(tensor: Tensor, place: Any) -> Tensor:
    """An uninitialized tensor of ``tensor``'s shape and dtype on ``place`` (zeros here, as torch.empty)."""
    from ... import creation  # (nn is loaded after the package)

    return creation.empty(tuple(tensor.shape), dtype=tensor.dtype, device=place)


def _check_name(kind: str, name: str, owner: Module, table: dict) -> None:
    """PyTorch's checks of a new parameter's, buffer's or submodule's name."""
    if "." in name:
        detail = f", got: {name}" if kind == "module" else ""
        raise messages.error("nn_bad_name", what=f'{kind} name can\'t contain "."{detail}')
    if name == "":
        raise messages.error("nn_bad_name", what=f'{kind} name can\'t be empty string ""')
    if hasattr(owner, name) and name not in table:
        raise messages.error("nn_bad_name", what=f"attribute '{name}' already exists")


def _made_on_device(init: Callable) -> Callable:
    """A layer's ``__init__`` that honours its ``device=`` argument, as PyTorch's layers do.

    The parameters are made by the factory functions on the default device, so
    a device other than the CPU is made the default while the layer is built:
    ``"meta"`` gives shapes without data, and a GPU fails as PyTorch fails here.
    """

    def __init__(self: Module, *args: Any, **kwargs: Any) -> None:
        device = kwargs.get("device")
        place = None if device is None else as_device(device)
        if place is None or place.type == "cpu":
            init(self, *args, **kwargs)
            return
        with place:
            init(self, *args, **kwargs)

    __init__.__doc__, __init__.__wrapped__ = init.__doc__, init  # type: ignore[attr-defined]
    return __init__


def _fresh_state() -> tuple:
    """A new module's own attributes: its tables of parameters, buffers, submodules and hooks."""
    return (
        ("training", True),
        ("_parameters", {}),
        ("_buffers", {}),
        ("_non_persistent_buffers_set", set()),
        ("_modules", {}),
        # PyTorch's hook tables are OrderedDicts: print(module._forward_pre_hooks) shows one.
        ("_forward_hooks", OrderedDict()),
        # the ids of the hooks that take (module, args, kwargs, output), and of those run when forward raises
        ("_forward_hooks_with_kwargs", OrderedDict()),
        ("_forward_hooks_always_called", OrderedDict()),
        ("_forward_pre_hooks", OrderedDict()),
        ("_forward_pre_hooks_with_kwargs", OrderedDict()),
        ("_backward_hooks", OrderedDict()),
        ("_backward_pre_hooks", OrderedDict()),
        ("_state_dict_pre_hooks", OrderedDict()),
        ("_state_dict_hooks", OrderedDict()),
        ("_load_state_dict_pre_hooks", OrderedDict()),
        ("_load_state_dict_post_hooks", OrderedDict()),
    )


# Hooks for every module (PyTorch's "global" module hooks, meant for debugging and profiling): they run
# before each module's own.
_global_forward_pre_hooks: OrderedDict = OrderedDict()
_global_forward_hooks: OrderedDict = OrderedDict()
_global_forward_hooks_with_kwargs: OrderedDict = OrderedDict()
_global_forward_hooks_always_called: OrderedDict = OrderedDict()
_global_backward_pre_hooks: OrderedDict = OrderedDict()
_global_backward_hooks: OrderedDict = OrderedDict()
_global_is_full_backward_hook: bool | None = None  # True: full backward hooks; False: the old kind's


def register_module_forward_pre_hook(hook: Callable) -> RemovableHandle:
    """Run ``hook(module, args)`` before the forward of every module (before the module's own pre-hooks).

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> handle = nn.modules.module.register_module_forward_pre_hook(lambda m, args: print(type(m).__name__))
    >>> _ = nn.ReLU()(torch.zeros(1))
    ReLU
    >>> handle.remove()
    """
    handle = RemovableHandle(_global_forward_pre_hooks)
    _global_forward_pre_hooks[handle.id] = hook
    return handle


def register_module_forward_hook(
    hook: Callable, *, with_kwargs: bool = False, always_call: bool = False
) -> RemovableHandle:
    """Run ``hook(module, args, output)`` after the forward of every module (before the module's own hooks)."""
    handle = RemovableHandle(
        _global_forward_hooks,
        extra_dict=[_global_forward_hooks_with_kwargs, _global_forward_hooks_always_called],
    )
    _global_forward_hooks[handle.id] = hook
    if with_kwargs:
        _global_forward_hooks_with_kwargs[handle.id] = True
    if always_call:
        _global_forward_hooks_always_called[handle.id] = True
    return handle


def register_module_full_backward_pre_hook(hook: Callable) -> RemovableHandle:
    """Run ``hook(module, grad_output)`` when any module's output gradients arrive."""
    handle = RemovableHandle(_global_backward_pre_hooks)
    _global_backward_pre_hooks[handle.id] = hook
    return handle


def register_module_full_backward_hook(hook: Callable) -> RemovableHandle:
    """Run ``hook(module, grad_input, grad_output)`` when any module's input gradients are computed."""
    return _register_global_backward_hook(hook, full=True)


def register_module_backward_hook(hook: Callable) -> RemovableHandle:
    """The old kind of backward hook, for every module (see :meth:`Module.register_backward_hook`)."""
    return _register_global_backward_hook(hook, full=False)


def _register_global_backward_hook(hook: Callable, full: bool) -> RemovableHandle:
    global _global_is_full_backward_hook
    if _global_is_full_backward_hook is (not full):
        raise messages.error("nn_global_backward_hook_kinds")
    _global_is_full_backward_hook = full
    handle = RemovableHandle(_global_backward_hooks)
    _global_backward_hooks[handle.id] = hook
    return handle


class Module(metaclass=PyTorchName, torch_module="torch.nn.modules.module"):
    """Base class for all layers and models: subclass it, assign layers in ``__init__``, write ``forward``.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> class Net(nn.Module):
    ...     def __init__(self):
    ...         super().__init__()
    ...         self.fc1 = nn.Linear(2, 3)
    ...         self.fc2 = nn.Linear(3, 1)
    ...
    ...     def forward(self, x):
    ...         return self.fc2(torch.relu(self.fc1(x)))
    >>> net = Net()
    >>> net
    Net(
      (fc1): Linear(in_features=2, out_features=3, bias=True)
      (fc2): Linear(in_features=3, out_features=1, bias=True)
    )
    >>> [name for name, _ in net.named_parameters()]
    ['fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias']
    """

    training: bool
    _parameters: dict[str, Parameter | None]
    _buffers: dict[str, Tensor | None]
    _modules: dict[str, Module | None]

    T_destination = TypeVar("T_destination", bound=dict)
    dump_patches = False
    call_super_init = False
    _version = 1  # (what state_dict's hooks get as local_metadata["version"])

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        init = cls.__dict__.get("__init__")
        code = getattr(init, "__code__", None)
        names = () if code is None else code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]
        if cls.__module__.startswith("autograd_lab.") and "device" in names:
            cls.__init__ = _made_on_device(init)  # a layer's device= (see _made_on_device)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if (
            self.call_super_init is False and kwargs
        ):  # (PyTorch's checks: a layer without parameters of its own)
            raise messages.error(
                "nn_module_init_keyword", name=type(self).__name__, keyword=next(iter(kwargs))
            )
        if self.call_super_init is False and args:
            raise messages.error("nn_module_init_positional", name=type(self).__name__, given=len(args) + 1)
        for name, value in _fresh_state():
            object.__setattr__(self, name, value)

    def __setstate__(self, state: dict) -> None:
        """A pickled module's attributes, and those an older PyTorch's pickle lacks (``_backward_pre_hooks``
        ...), as PyTorch's ``Module.__setstate__`` fills them in: a whole model saved by torch 1.x runs."""
        self.__dict__.update(state)
        for name, value in _fresh_state():
            self.__dict__.setdefault(name, value)

    def forward(self, *args: Any, **kwargs: Any) -> Any:
        """What the module computes; every subclass defines it."""
        raise messages.error("nn_no_forward", name=self._get_name())

    # -- calling ---------------------------------------------------------------------------------------

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        with scope.entered(self._scope_name(), self):
            if not (
                self._forward_pre_hooks
                or self._forward_hooks
                or self._backward_hooks
                or self._backward_pre_hooks
                or _global_forward_pre_hooks
                or _global_forward_hooks
                or _global_backward_hooks
                or _global_backward_pre_hooks
            ):
                return self.forward(*args, **kwargs)
            return self._call_with_hooks(args, kwargs)

    def _call_with_hooks(self, args: tuple, kwargs: dict) -> Any:
        """``forward`` between the hooks, the global ones first, as PyTorch's ``_call_impl`` runs them; the
        ``always_call`` forward hooks run even when forward raises."""
        called: set = set()  # the always_call hooks that have run
        out = None
        try:
            for hook_id, hook in (*_global_forward_pre_hooks.items(), *self._forward_pre_hooks.items()):
                if hook_id in self._forward_pre_hooks_with_kwargs:
                    result = hook(self, args, kwargs)
                    if result is not None:
                        if not (isinstance(result, tuple) and len(result) == 2):
                            raise messages.error("nn_pre_hook_with_kwargs_result", result=result)
                        args, kwargs = result
                else:
                    result = hook(self, args)
                    if result is not None:
                        args = result if isinstance(result, tuple) else (result,)
            full_hooks, legacy_hooks = self._backward_hooks_by_kind()
            backward_hook = None
            pre_hooks = [*_global_backward_pre_hooks.values(), *self._backward_pre_hooks.values()]
            if full_hooks or pre_hooks:
                backward_hook = BackwardHook(self, full_hooks, pre_hooks)
                args = backward_hook.setup_input_hook(args)
            out = self.forward(*args, **kwargs)
            for hook_id, hook in (*_global_forward_hooks.items(), *self._forward_hooks.items()):
                if (
                    hook_id in self._forward_hooks_always_called
                    or hook_id in _global_forward_hooks_always_called
                ):
                    called.add(hook_id)
                if hook_id in self._forward_hooks_with_kwargs or hook_id in _global_forward_hooks_with_kwargs:
                    result = hook(self, args, kwargs, out)
                else:
                    result = hook(self, args, out)
                if result is not None:
                    out = result
            if backward_hook is not None:
                out = backward_hook.setup_output_hook(out)
            if legacy_hooks:
                self._hook_last_node(args, out, legacy_hooks)
            return out
        except Exception:
            for hook_id, hook in (*_global_forward_hooks.items(), *self._forward_hooks.items()):
                is_global = hook_id in _global_forward_hooks_always_called
                if hook_id in called or not (is_global or hook_id in self._forward_hooks_always_called):
                    continue
                try:
                    if hook_id in self._forward_hooks_with_kwargs:
                        result = hook(self, args, kwargs, out)
                    else:
                        result = hook(self, args, out)
                    if result is not None:
                        out = result
                except Exception as error:
                    if is_global:
                        said = messages.text("nn_global_always_call_hook_raised", error=error)
                    else:
                        said = messages.text("nn_always_call_hook_raised", error=error)
                    warnings.warn(said, UserWarning, stacklevel=3)
            raise

    def _backward_hooks_by_kind(self) -> tuple[list, list]:
        """The full backward hooks and the old kind's (``register_backward_hook``), global ones first."""
        full: list = []
        legacy: list = []
        if _global_backward_hooks:
            (full if _global_is_full_backward_hook else legacy).extend(_global_backward_hooks.values())
        kind = self.__dict__.get("_is_full_backward_hook")
        if kind is not None and self._backward_hooks:
            (full if kind else legacy).extend(self._backward_hooks.values())
        return full, legacy

    def _hook_last_node(self, args: tuple, out: Any, hooks: list) -> None:
        """The old ``register_backward_hook``: its hooks go on the node that made the (first) output, so
        ``grad_input`` is that node's inputs' gradients, as in PyTorch (with its warnings when they are not
        the module's inputs')."""
        first = out
        while not isinstance(first, Tensor):
            first = (
                next(v for v in first.values() if isinstance(v, Tensor))
                if isinstance(first, dict)
                else first[0]
            )
        node = first.grad_fn
        if node is None:
            return
        for hook in hooks:
            node.register_hook(lambda grad_input, grad_output, hook=hook: hook(self, grad_input, grad_output))
        outputs = (out,) if isinstance(out, Tensor) else out
        if not (isinstance(outputs, tuple) and all(isinstance(o, Tensor) for o in outputs)):
            warnings.warn(messages.text("nn_old_backward_hook_outputs"), FutureWarning, stacklevel=3)
            return
        if not all(isinstance(a, Tensor) for a in args):
            warnings.warn(messages.text("nn_old_backward_hook_inputs"), FutureWarning, stacklevel=3)
            return
        made_by = {o.grad_fn for o in outputs if o.grad_fn is not None}
        if len(made_by) > 1:
            warnings.warn(messages.text("nn_old_backward_hook_nodes"), FutureWarning, stacklevel=3)
        elif node not in made_by:
            warnings.warn(messages.text("nn_old_backward_hook_nested"), FutureWarning, stacklevel=3)
        elif {a.grad_fn for a in args if a.grad_fn is not None} != {edge for edge, _ in node.next_functions}:
            warnings.warn(messages.text("nn_old_backward_hook_inner"), FutureWarning, stacklevel=3)

    def register_backward_hook(self, hook: Callable) -> RemovableHandle:
        """The old backward hook: ``hook(module, grad_input, grad_output)`` on the node of the module's output.

        ``grad_input`` holds the gradients of that last operation's inputs (for a
        layer with weights, the weight's and bias's too), not necessarily the
        module's; PyTorch keeps it for old code and warns. Prefer
        :meth:`register_full_backward_hook`.
        """
        if self.__dict__.get("_is_full_backward_hook") is True:
            raise messages.error("nn_backward_hook_kinds")
        self.__dict__["_is_full_backward_hook"] = False
        handle = RemovableHandle(self._backward_hooks)
        self._backward_hooks[handle.id] = hook
        return handle

    def _scope_name(self) -> str:
        """This module's path in the module whose forward is calling it (``fc1``, ``features.0``); ``""`` for a root."""
        stack = scope.current()
        if not stack or not isinstance(stack[-1][1], Module):
            return ""
        parent_name, parent = stack[-1]
        found = next((name for name, child in parent._modules.items() if child is self), None)
        if found is None:  # a grandchild called by its grandparent, or a module no one registered
            found = next((name for name, m in parent.named_modules() if m is self and name), "")
            if not found:
                return ""
        return f"{parent_name}.{found}" if parent_name else found

    def register_forward_hook(
        self, hook: Callable, *, prepend: bool = False, with_kwargs: bool = False, always_call: bool = False
    ) -> RemovableHandle:
        """Run ``hook(module, args, output)`` after every forward; a value it returns replaces the output.

        ``with_kwargs=True``: ``hook(module, args, kwargs, output)``; ``always_call=True``: run it also when
        forward raises; ``prepend=True``: before the hooks registered so far.

        Examples
        --------
        >>> import autograd_lab as torch
        >>> from autograd_lab import nn
        >>> layer = nn.Linear(2, 1)
        >>> handle = layer.register_forward_hook(lambda m, args, out: print(tuple(out.shape)))
        >>> _ = layer(torch.zeros(3, 2))
        (3, 1)
        >>> handle.remove()
        """
        handle = RemovableHandle(
            self._forward_hooks,
            extra_dict=[self._forward_hooks_with_kwargs, self._forward_hooks_always_called],
        )
        self._forward_hooks[handle.id] = hook
        if with_kwargs:
            self._forward_hooks_with_kwargs[handle.id] = True
        if always_call:
            self._forward_hooks_always_called[handle.id] = True
        if prepend:
            self._forward_hooks.move_to_end(handle.id, last=False)
        return handle

    def register_full_backward_hook(self, hook: Callable, prepend: bool = False) -> RemovableHandle:
        """Run ``hook(module, grad_input, grad_output)`` when the gradients for the module's inputs are computed.

        ``grad_input`` holds one gradient per positional input (None for one
        that is not a tensor or needs none), ``grad_output`` one per output; a
        tuple the hook returns replaces ``grad_input``.

        Examples
        --------
        >>> import autograd_lab as torch
        >>> from autograd_lab import nn
        >>> layer = nn.Tanh()
        >>> _ = layer.register_full_backward_hook(lambda m, gi, go: print(gi, go))
        >>> layer(torch.zeros(2, requires_grad=True)).sum().backward()
        (tensor([1., 1.]),) (tensor([1., 1.]),)
        """
        if self.__dict__.get("_is_full_backward_hook") is False:
            raise messages.error("nn_backward_hook_kinds")
        self.__dict__["_is_full_backward_hook"] = True
        return self._add_hook(self._backward_hooks, hook, prepend)

    def register_full_backward_pre_hook(self, hook: Callable, prepend: bool = False) -> RemovableHandle:
        """Run ``hook(module, grad_output)`` when the gradients for the module's outputs arrive; may replace them."""
        return self._add_hook(self._backward_pre_hooks, hook, prepend)

    def _add_hook(self, table: dict, hook: Callable, prepend: bool) -> RemovableHandle:
        handle = RemovableHandle(table)
        table[handle.id] = hook
        if prepend:
            table.update({k: table.pop(k) for k in [k for k in table if k != handle.id]})
        return handle

    def register_forward_pre_hook(
        self, hook: Callable, *, prepend: bool = False, with_kwargs: bool = False
    ) -> RemovableHandle:
        """Run ``hook(module, args)`` before every forward; a value it returns replaces the arguments.

        ``with_kwargs=True``: ``hook(module, args, kwargs)``, which may return ``(args, kwargs)``;
        ``prepend=True``: before the hooks registered so far.
        """
        handle = RemovableHandle(self._forward_pre_hooks, extra_dict=self._forward_pre_hooks_with_kwargs)
        self._forward_pre_hooks[handle.id] = hook
        if with_kwargs:
            self._forward_pre_hooks_with_kwargs[handle.id] = True
        if prepend:
            self._forward_pre_hooks.move_to_end(handle.id, last=False)
        return handle

    # -- attributes ------------------------------------------------------------------------------------

    def __getattr__(self, name: str) -> Any:
        state = self.__dict__
        for table in ("_parameters", "_buffers", "_modules"):
            if table in state and name in state[table]:
                return state[table][name]
        raise messages.error("nn_no_attribute", type_name=type(self).__name__, name=name)

    def __setattr__(self, name: str, value: Any) -> None:
        state = self.__dict__
        parameters = state.get("_parameters")
        if isinstance(value, Parameter):
            if parameters is None:
                raise messages.error("nn_assign_before_init", what="parameters")
            self._forget(name, "_buffers", "_modules")
            self.register_parameter(name, value)
        elif parameters is not None and name in parameters:
            if value is not None:
                raise messages.error("nn_assign_parameter", type_name=typename(value), name=name)
            self.register_parameter(name, value)
        elif isinstance(value, Module):
            if state.get("_modules") is None:
                raise messages.error("nn_assign_before_init", what="module")
            self._forget(name, "_parameters", "_buffers")
            self._modules[name] = value
        elif name in state.get("_modules", ()):
            if value is not None:
                raise messages.error("nn_assign_module", type_name=typename(value), name=name)
            self._modules[name] = value
        elif isinstance(value, Buffer):  # (self.running = nn.Buffer(t): registered, persistent or not)
            self.register_buffer(name, value, value.persistent)
        elif name in state.get("_buffers", ()):
            if value is not None and not isinstance(value, Tensor):
                raise messages.error("nn_assign_buffer", type_name=typename(value), name=name)
            self._buffers[name] = value
        else:
            object.__setattr__(self, name, value)

    def _forget(self, name: str, *tables: str) -> None:
        """Remove ``name`` from the instance and from ``tables``: it is about to be registered elsewhere."""
        self.__dict__.pop(name, None)
        for table in tables:
            self.__dict__[table].pop(name, None)
        self._non_persistent_buffers_set.discard(name)

    def __delattr__(self, name: str) -> None:
        for table in ("_parameters", "_buffers", "_modules"):
            if name in self.__dict__.get(table, ()):
                del self.__dict__[table][name]
                self._non_persistent_buffers_set.discard(name)
                return
        object.__delattr__(self, name)

    def __dir__(self) -> list[str]:
        names = set(super().__dir__())
        for table in ("_parameters", "_buffers", "_modules"):
            names.update(self.__dict__.get(table, ()))
        return sorted(n for n in names if not n[:1].isdigit())

    # -- registering -----------------------------------------------------------------------------------

    def register_parameter(self, name: str, param: Parameter | None) -> None:
        """Add a parameter (``self.name = nn.Parameter(...)`` calls this)."""
        if "_parameters" not in self.__dict__:
            raise messages.error("nn_assign_before_init", what="parameter")
        _check_name("parameter", name, self, self._parameters)
        if param is not None and not isinstance(param, Parameter):
            raise messages.error("nn_register_parameter_type", type_name=typename(param), name=name)
        self._parameters[name] = param

    def register_buffer(self, name: str, tensor: Tensor | None, persistent: bool = True) -> None:
        """Add a buffer: a tensor the module keeps (and saves in ``state_dict`` when ``persistent``), not learnt."""
        if "_buffers" not in self.__dict__:
            raise messages.error("nn_assign_before_init", what="buffer")
        _check_name("buffer", name, self, self._buffers)
        if tensor is not None and not isinstance(tensor, Tensor):
            raise messages.error("nn_register_buffer_type", type_name=typename(tensor), name=name)
        self._buffers[name] = tensor
        if persistent:
            self._non_persistent_buffers_set.discard(name)
        else:
            self._non_persistent_buffers_set.add(name)

    def add_module(self, name: str, module: Module | None) -> None:
        """Add a submodule under ``name`` (``self.name = module`` does the same)."""
        if module is not None and not isinstance(module, Module):
            raise messages.error("nn_not_a_module", type_name=typename(module))
        _check_name("module", name, self, self._modules)
        self._modules[name] = module

    register_module = add_module

    def get_submodule(self, target: str) -> Module:
        """The submodule at a dotted path, e.g. ``"features.0"``."""
        module = self
        for item in target.split(".") if target else ():
            if not hasattr(module, item):
                raise messages.error("nn_no_submodule", owner=module._get_name(), name=item)
            module = getattr(module, item)
        return module

    def set_submodule(self, target: str, module: Module, strict: bool = False) -> None:
        """Put ``module`` at a dotted path, e.g. ``"features.0"`` (its parent must exist)."""
        if target == "":
            raise messages.error("nn_set_submodule_empty")
        *path, name = target.split(".")
        parent = self.get_submodule(".".join(path))
        if strict and not hasattr(parent, name):
            raise messages.error("nn_no_submodule", owner=parent._get_name(), name=name)
        setattr(parent, name, module)

    def get_parameter(self, target: str) -> Parameter:
        """The parameter at a dotted path, e.g. ``"fc1.weight"``."""
        module, name = self._owner_of(target)
        if not isinstance(getattr(module, name), Parameter):
            raise messages.error("nn_not_a_parameter", name=name)
        return getattr(module, name)

    def get_buffer(self, target: str) -> Tensor:
        """The buffer at a dotted path, e.g. ``"bn.running_mean"``."""
        module, name = self._owner_of(target)
        if name not in module._buffers:
            raise messages.error("nn_not_a_buffer", name=name)
        return module._buffers[name]

    def _owner_of(self, target: str) -> tuple[Module, str]:
        """The module holding the attribute at a dotted path, and the attribute's name (which it has)."""
        module_path, _, name = target.rpartition(".")
        module = self.get_submodule(module_path)
        if not hasattr(module, name):
            raise messages.error("nn_no_submodule", owner=module._get_name(), name=name)
        return module, name

    # -- walking the tree ------------------------------------------------------------------------------

    def named_modules(
        self, memo: set | None = None, prefix: str = "", remove_duplicate: bool = True
    ) -> Iterator[tuple[str, Module]]:
        """This module and every module below it, with its dotted name (this one's is ``""``), each once."""
        memo = set() if memo is None else memo
        if self in memo:
            return
        if remove_duplicate:
            memo.add(self)
        yield prefix, self
        for name, module in self._modules.items():
            if module is not None:
                yield from module.named_modules(
                    memo, f"{prefix}.{name}" if prefix else name, remove_duplicate
                )

    def modules(self) -> Iterator[Module]:
        """This module and every module below it."""
        for _, module in self.named_modules():
            yield module

    def named_children(self) -> Iterator[tuple[str, Module]]:
        """The direct submodules, with their names."""
        seen = set()
        for name, module in self._modules.items():
            if module is not None and module not in seen:
                seen.add(module)
                yield name, module

    def children(self) -> Iterator[Module]:
        """The direct submodules."""
        for _, module in self.named_children():
            yield module

    def _named_members(
        self, members: Callable[[Module], Any], prefix: str, recurse: bool, remove_duplicate: bool
    ) -> Iterator[tuple[str, Any]]:
        seen: set = set()
        modules = (
            self.named_modules(prefix=prefix, remove_duplicate=remove_duplicate)
            if recurse
            else [(prefix, self)]
        )
        for module_prefix, module in modules:
            for name, value in members(module):
                if value is None or value in seen:
                    continue
                if remove_duplicate:
                    seen.add(value)
                yield (f"{module_prefix}.{name}" if module_prefix else name), value

    def named_parameters(
        self, prefix: str = "", recurse: bool = True, remove_duplicate: bool = True
    ) -> Iterator[tuple[str, Parameter]]:
        """Every parameter with its dotted name (``fc1.weight``), each shared one once."""
        # (yield from, not return: the generator is then named Module.named_parameters, as a REPL shows it)
        yield from self._named_members(lambda m: m._parameters.items(), prefix, recurse, remove_duplicate)

    def parameters(self, recurse: bool = True) -> Iterator[Parameter]:
        """Every parameter: what an optimizer updates."""
        for _, parameter in self.named_parameters(recurse=recurse):
            yield parameter

    def named_buffers(
        self, prefix: str = "", recurse: bool = True, remove_duplicate: bool = True
    ) -> Iterator[tuple[str, Tensor]]:
        """Every buffer with its dotted name (``bn.running_mean``)."""
        yield from self._named_members(lambda m: m._buffers.items(), prefix, recurse, remove_duplicate)

    def buffers(self, recurse: bool = True) -> Iterator[Tensor]:
        """Every buffer."""
        for _, buffer in self.named_buffers(recurse=recurse):
            yield buffer

    def apply(self, fn: Callable[[Module], Any]) -> Module:
        """Call ``fn`` on every submodule (children first) and on this module; returns this module."""
        for module in self.children():
            module.apply(fn)
        fn(self)
        return self

    # -- modes and gradients ---------------------------------------------------------------------------

    def train(self, mode: bool = True) -> Module:
        """Training mode (``mode=True``) or evaluation mode, here and in every submodule: Dropout and BatchNorm differ."""
        if not isinstance(mode, bool):
            raise messages.error("nn_train_mode")
        self.training = mode
        for module in self.children():
            module.train(mode)
        return self

    def eval(self) -> Module:
        """Evaluation mode: ``train(False)``."""
        return self.train(False)

    def requires_grad_(self, requires_grad: bool = True) -> Module:
        """Set ``requires_grad`` on every parameter (``False`` freezes the module)."""
        for parameter in self.parameters():
            parameter.requires_grad_(requires_grad)
        return self

    def zero_grad(self, set_to_none: bool = True) -> None:
        """Clear the gradients of every parameter: ``None``, or zeros with ``set_to_none=False``."""
        for parameter in self.parameters():
            if parameter.grad is None:
                continue
            if set_to_none:
                parameter.grad = None
            else:
                grad = parameter.grad.detach()
                _views.write(grad, grad._array * 0)
                parameter.grad = grad

    # -- types and devices ------------------------------------------------------------------------------

    def _convert(self, target: _dtype) -> Module:
        """Every floating-point parameter and buffer (and gradient) converted to ``target``, in place."""
        # (torch.__future__: new parameter objects instead, unless the swap, which keeps them, is asked for)
        overwrite = future.get_overwrite_module_params_on_conversion() and not (
            future.get_swap_module_params_on_conversion()
        )
        for module in self.modules():
            for table in (module._parameters, module._buffers):
                for key, tensor in table.items():
                    if tensor is None or not tensor.is_floating_point():
                        continue
                    if is_lazy(tensor):
                        tensor._retype(target)
                        continue
                    grad = None if tensor._grad is None else tensor._grad.to(target)
                    if overwrite and table is module._parameters:
                        tensor = table[key] = Parameter(tensor.data.to(target), tensor.requires_grad)
                    else:
                        tensor.data = tensor.data.to(target)
                    tensor._grad = grad
        return self

    def _to_meta(self) -> Module:
        """Every parameter and buffer (and gradient) moved to the meta device: shapes kept, data gone."""
        for tensor in self._parameters_and_buffers():
            if not tensor.is_meta:
                tensor.data = tensor.data.to("meta")
                if tensor._grad is not None:
                    tensor._grad = tensor._grad.to("meta")
        return self

    def to(self, *args: Any, **kwargs: Any) -> Module:
        """Convert parameters and buffers to a dtype (``to(torch.float64)``) or to the shapes-only ``"meta"``
        device; the only other device is the CPU, where they are already."""
        target = kwargs.get("dtype")
        place = None
        for arg in (*args, kwargs.get("device")):
            if isinstance(arg, _dtype):
                target = arg
            elif isinstance(arg, Tensor):
                target = arg.dtype
            elif arg is not None and not isinstance(arg, bool):  # a device (a bool is non_blocking)
                place = as_device(arg, factory=False)
        if target is not None:
            if not target.is_floating_point:  # (this library has no complex dtypes)
                raise messages.error("nn_module_to_dtype", dtype=target)
            self._convert(target)
        layout = kwargs.get("memory_format")
        if (
            layout is not None
        ):  # (4-d and 5-d parameters and buffers only, as in PyTorch: the images' weights)
            for tensor in self._parameters_and_buffers():
                if tensor._array.ndim in (4, 5):
                    tensor.data = tensor.data.to(memory_format=layout)
        return self._to_meta() if place is not None and place.type == "meta" else self

    def _parameters_and_buffers(self) -> Iterator[Tensor]:
        for module in self.modules():
            for table in (module._parameters, module._buffers):
                yield from (tensor for tensor in table.values() if tensor is not None and not is_lazy(tensor))

    def cpu(self) -> Module:
        """This module: everything is on the CPU already."""
        return self

    def cuda(self, device: Any = None) -> Module:
        """Raises, as PyTorch does on a machine without CUDA, if the module has a tensor to move."""
        for tensor in self._parameters_and_buffers():
            to_gpu(tensor, "cuda", device)  # (raises: PyTorch moves each tensor, and the first one fails)
        return self

    def xpu(self, device: Any = None) -> Module:
        """Raises, as PyTorch does on a machine without an Intel GPU, if the module has a tensor to move."""
        for tensor in self._parameters_and_buffers():
            to_gpu(tensor, "xpu", device)
        return self

    def ipu(self, device: Any = None) -> Module:
        """Raises, as PyTorch does without Graphcore IPUs."""
        as_device("ipu" if device is None else device, factory=False)
        return self  # not reached

    def mtia(self, device: Any = None) -> Module:
        """Raises, as PyTorch does without MTIA devices."""
        as_device("mtia" if device is None else device, factory=False)
        return self  # not reached

    def share_memory(self) -> Module:
        """Move the parameters and buffers (and gradients) into memory that processes share, so that processes
        given this module train it together (a Hogwild lesson); returns the module.

        Examples
        --------
        >>> from autograd_lab import nn
        >>> nn.Linear(2, 1).share_memory().weight.is_shared()
        True
        """
        for tensor in (*self.parameters(), *self.buffers()):
            tensor.share_memory_()
            if tensor.grad is not None:
                tensor.grad.share_memory_()
        return self

    def compile(self, *args: Any, **kwargs: Any) -> None:
        """``torch.compile`` in place: here the module runs as written (nothing to compile)."""

    def to_empty(self, *, device: Any, recurse: bool = True) -> Module:
        """Every parameter and buffer replaced by an uninitialized one of its shape on ``device`` (made on
        ``meta``, a model gets real memory this way, to be initialized or loaded afterwards)."""
        place = as_device(device, factory=False)
        modules = self.modules() if recurse else [self]
        with no_grad():
            for module in modules:
                for table in (module._parameters, module._buffers):
                    for tensor in table.values():
                        if tensor is not None:
                            tensor.data = _empty_like(tensor, place)
        return self

    def get_extra_state(self) -> Any:
        """State a module keeps beyond its tensors, saved in ``state_dict`` as ``_extra_state``: override
        it (with ``set_extra_state``) to use it; the default is not called."""
        raise messages.error("nn_extra_state", method="get_extra_state")

    def set_extra_state(self, state: Any) -> None:
        """Take back what ``get_extra_state`` gave (from ``load_state_dict``)."""
        raise messages.error("nn_extra_state", method="set_extra_state")

    def _has_extra_state(self) -> bool:
        return type(self).get_extra_state is not Module.get_extra_state

    def register_state_dict_pre_hook(self, hook: Callable) -> RemovableHandle:
        """Run ``hook(module, prefix, keep_vars)`` before ``state_dict`` collects this module's tensors."""
        return self._add_hook(self._state_dict_pre_hooks, hook, False)

    def register_state_dict_post_hook(self, hook: Callable) -> RemovableHandle:
        """Run ``hook(module, state_dict, prefix, local_metadata)`` after this module's tensors are collected."""
        return self._add_hook(self._state_dict_hooks, hook, False)

    def register_load_state_dict_pre_hook(self, hook: Callable) -> RemovableHandle:
        """Run ``hook(module, state_dict, prefix, local_metadata, strict, missing_keys, unexpected_keys,
        error_msgs)`` before this module's tensors are loaded (it may change ``state_dict``)."""
        return self._add_hook(self._load_state_dict_pre_hooks, hook, False)

    def register_load_state_dict_post_hook(self, hook: Callable) -> RemovableHandle:
        """Run ``hook(module, incompatible_keys)`` after ``load_state_dict`` (it may clear the key lists)."""
        return self._add_hook(self._load_state_dict_post_hooks, hook, False)

    def float(self) -> Module:
        """Floating-point parameters and buffers as float32."""
        return self._convert(float32)

    def double(self) -> Module:
        """Floating-point parameters and buffers as float64."""
        return self._convert(float64)

    def half(self) -> Module:
        """Floating-point parameters and buffers as float16."""
        return self._convert(float16)

    def bfloat16(self) -> Module:
        """Raises: NumPy, and so this library, has no bfloat16 (float16 and float32 are here)."""
        raise messages.error("dtype_no_values", name="bfloat16")

    def type(self, dst_type: Any) -> Module:
        """Every parameter and buffer (integer ones too) as ``dst_type``: a dtype or a name like ``'torch.DoubleTensor'``."""
        for module in self.modules():
            for table in (module._parameters, module._buffers):
                for tensor in table.values():
                    if tensor is not None:
                        tensor.data = tensor.data.type(dst_type)
                        if tensor._grad is not None:
                            tensor._grad = tensor._grad.type(dst_type)
        return self

    # -- saving and loading ------------------------------------------------------------------------------

    def _own_state(self) -> dict[str, Tensor]:
        """This module's parameters and persistent buffers (not its children's), by name."""
        buffers = ((k, v) for k, v in self._buffers.items() if k not in self._non_persistent_buffers_set)
        return {k: v for k, v in itertools.chain(self._parameters.items(), buffers) if v is not None}

    def state_dict(
        self, *args: Any, destination: dict | None = None, prefix: str = "", keep_vars: bool = False
    ) -> OrderedDict:
        """Every parameter and persistent buffer by dotted name, detached: what ``torch.save`` stores.

        Examples
        --------
        >>> from autograd_lab import nn
        >>> list(nn.BatchNorm1d(2).state_dict())
        ['weight', 'bias', 'running_mean', 'running_var', 'num_batches_tracked']
        """
        if destination is None:
            destination = OrderedDict()
            destination._metadata = OrderedDict()  # each module's version, by prefix (PyTorch's too)
        local_metadata = {"version": self._version}
        if hasattr(destination, "_metadata"):
            destination._metadata[prefix[:-1]] = local_metadata
        for hook in self.__dict__.get("_state_dict_pre_hooks", {}).values():
            hook(self, prefix, keep_vars)
        self._save_to_state_dict(destination, prefix, keep_vars)
        for name, module in self._modules.items():
            if module is not None:
                module.state_dict(destination=destination, prefix=f"{prefix}{name}.", keep_vars=keep_vars)
        for hook in self.__dict__.get("_state_dict_hooks", {}).values():
            hook(self, destination, prefix, local_metadata)
        return destination

    def _save_to_state_dict(self, destination: dict, prefix: str, keep_vars: bool) -> None:
        """Put this module's own tensors (not its children's) into ``destination``; a layer may override it."""
        for name, tensor in self._own_state().items():
            destination[prefix + name] = tensor if keep_vars or is_lazy(tensor) else tensor.detach()
        if self._has_extra_state():
            destination[prefix + "_extra_state"] = self.get_extra_state()

    def _load_from_state_dict(
        self,
        state_dict: Mapping[str, Any],
        prefix: str,
        local_metadata: dict,
        strict: bool,
        missing_keys: list,
        unexpected_keys: list,
        error_msgs: list,
    ) -> None:
        """Load this module's own tensors (not its children's) from ``state_dict``; a layer may override it.

        ``local_metadata`` is what ``state_dict()`` noted for this module (its ``version``), and
        ``assign_to_params_buffers`` once a ``load_state_dict(..., assign=True)`` loaded the same dict.
        """
        for hook in self.__dict__.get("_load_state_dict_pre_hooks", {}).values():
            hook(self, state_dict, prefix, local_metadata, strict, missing_keys, unexpected_keys, error_msgs)
        assign = local_metadata.get("assign_to_params_buffers", False)
        self._load_own_state(state_dict, prefix, missing_keys, unexpected_keys, error_msgs, assign)

    def _load_own_state(
        self,
        state_dict: Mapping[str, Any],
        prefix: str,
        missing: list,
        unexpected: list,
        problems: list,
        assign: bool = False,
    ) -> None:
        own = self._own_state()
        if self._has_extra_state():
            if prefix + "_extra_state" in state_dict:
                self.set_extra_state(state_dict[prefix + "_extra_state"])
            else:
                missing.append(prefix + "_extra_state")
            own = {**own, "_extra_state": None}  # (its key is expected, not unexpected)
        for name, tensor in own.items():
            if tensor is None:
                continue
            key = prefix + name
            if key not in state_dict:
                missing.append(key)
                continue
            value = state_dict[key]
            if value.shape != tensor.shape:
                problems.append(
                    f"size mismatch for {key}: copying a param with shape {value.shape} from checkpoint, "
                    f"the shape in current model is {tensor.shape}."
                )
                continue
            if assign:  # the module takes the state_dict's tensor itself (a parameter stays a parameter)
                if name in self._parameters and not isinstance(value, Parameter):
                    value = Parameter(value, requires_grad=tensor.requires_grad)
                setattr(self, name, value)
                continue
            if tensor.is_meta and not value.is_meta:  # nothing to copy into, as in PyTorch
                warnings.warn(messages.text("meta_load_no_op", name=name), UserWarning, stacklevel=3)
                continue
            with no_grad():
                _views.write(tensor, value._array)
        for key in state_dict:
            if not key.startswith(prefix):
                continue
            head, *rest = key[len(prefix) :].split(".", 1)
            if (rest and head not in self._modules) or (not rest and head not in own):
                unexpected.append(key)

    def load_state_dict(
        self, state_dict: Mapping[str, Any], strict: bool = True, assign: bool = False
    ) -> Any:
        """Copy the values of a ``state_dict`` into this module's parameters and buffers.

        With ``strict`` (the default), keys that do not match raise, as in PyTorch.
        With ``assign``, the module takes the state_dict's tensors themselves
        instead of copying their values (a model made on the ``meta`` device
        gets real weights that way).
        """
        if not isinstance(state_dict, Mapping):
            raise messages.error("nn_state_dict_not_mapping", type_repr=repr(type(state_dict)))
        missing: list[str] = []
        unexpected: list[str] = []
        problems: list[str] = []
        metadata = getattr(state_dict, "_metadata", None)
        state_dict = OrderedDict(state_dict)
        if metadata is not None:
            state_dict._metadata = metadata  # (the same notes: assign=True stays noted in the caller's dict)

        def load(module: Module, local_state_dict: dict, prefix: str) -> None:
            local_metadata = {} if metadata is None else metadata.get(prefix[:-1], {})
            if assign:
                local_metadata["assign_to_params_buffers"] = assign
            module._load_from_state_dict(
                local_state_dict, prefix, local_metadata, True, missing, unexpected, problems
            )
            for name, child in module._modules.items():
                if child is not None:
                    child_prefix = f"{prefix}{name}."
                    child_state_dict = {
                        k: v for k, v in local_state_dict.items() if k.startswith(child_prefix)
                    }
                    load(child, child_state_dict, child_prefix)
            for hook in module.__dict__.get("_load_state_dict_post_hooks", {}).values():
                hook(
                    module, _IncompatibleKeys(missing, unexpected)
                )  # (it may empty the lists: strict then passes)

        load(self, state_dict, "")
        if strict:
            if unexpected:
                problems.insert(
                    0, "Unexpected key(s) in state_dict: {}. ".format(", ".join(f'"{k}"' for k in unexpected))
                )
            if missing:
                problems.insert(
                    0, "Missing key(s) in state_dict: {}. ".format(", ".join(f'"{k}"' for k in missing))
                )
        if any(problem.startswith("size mismatch") for problem in problems):  # (strict=False would not help)
            raise messages.error(
                "nn_load_state_dict_sizes", name=type(self).__name__, problems="\n\t".join(problems)
            )
        if problems:
            raise messages.error(
                "nn_load_state_dict", name=type(self).__name__, problems="\n\t".join(problems)
            )
        return _IncompatibleKeys(missing, unexpected)

    # -- printing ------------------------------------------------------------------------------------------

    def _get_name(self) -> str:
        return type(self).__name__

    def extra_repr(self) -> str:
        """The layer's settings, shown inside its parentheses by ``print(model)``; ``""`` by default."""
        return ""

    def _child_lines(self) -> list[str]:
        return [f"({name}): {_addindent(repr(module), 2)}" for name, module in self._modules.items()]

    def __repr__(self) -> str:
        extra = self.extra_repr()
        extra_lines = extra.split("\n") if extra else []
        child_lines = self._child_lines()
        lines = extra_lines + child_lines
        text = self._get_name() + "("
        if lines:
            if len(extra_lines) == 1 and not child_lines:
                text += extra_lines[0]
            else:
                text += "\n  " + "\n  ".join(lines) + "\n"
        return text + ")"
