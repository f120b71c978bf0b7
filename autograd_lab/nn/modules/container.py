"""Containers: ``Sequential``, ``ModuleList``, ``ModuleDict``, ``ParameterList``, ``ParameterDict``."""

from __future__ import annotations

import operator
import warnings
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ... import messages
from ...tensor import Tensor
from ..parameter import Parameter
from .module import Module, _addindent, typename


def _position(index: Any, length: int) -> int:
    """``index`` as a position in ``0 .. length-1`` (negative counts from the end), or PyTorch's IndexError."""
    index = operator.index(index)
    if not -length <= index < length:
        raise messages.error("nn_index_out_of_range", index=index, length=length, last=length - 1)
    return index % length


def _renumbered(modules: dict) -> dict:
    """Submodules keyed ``"0", "1", ...`` again after one was deleted."""
    return OrderedDict(zip((str(i) for i in range(len(modules))), modules.values(), strict=True))


class Container(Module, torch_module="torch.nn.modules.container"):
    """Old PyTorch's module of named submodules, deprecated (with its FutureWarning): subclass Module instead."""

    def __init__(self, **kwargs: Module) -> None:
        warnings.warn(messages.text("nn_container_deprecated"), FutureWarning, stacklevel=2)
        super().__init__()
        for key, value in kwargs.items():
            self.add_module(key, value)


class Sequential(Module, torch_module="torch.nn.modules.container"):
    """Modules run one after another: each one's output is the next one's input.

    Examples
    --------
    >>> from autograd_lab import nn
    >>> model = nn.Sequential(nn.Linear(3, 2), nn.ReLU())
    >>> model
    Sequential(
      (0): Linear(in_features=3, out_features=2, bias=True)
      (1): ReLU()
    )
    >>> model[0]
    Linear(in_features=3, out_features=2, bias=True)
    """

    def __init__(self, *args: Module) -> None:
        super().__init__()
        if len(args) == 1 and isinstance(args[0], OrderedDict):
            for name, module in args[0].items():
                self.add_module(name, module)
        else:
            for index, module in enumerate(args):
                self.add_module(str(index), module)

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return type(self)(OrderedDict(list(self._modules.items())[index]))
        return list(self._modules.values())[_position(index, len(self))]

    def __setitem__(self, index: int, module: Module) -> None:
        setattr(self, list(self._modules)[_position(index, len(self))], module)

    def __delitem__(self, index: int | slice) -> None:
        keys = list(self._modules)
        for key in keys[index] if isinstance(index, slice) else [keys[_position(index, len(self))]]:
            delattr(self, key)
        self._modules = _renumbered(self._modules)

    def __len__(self) -> int:
        return len(self._modules)

    def __iter__(self) -> Iterator[Module]:
        return iter(self._modules.values())

    def append(self, module: Module) -> Sequential:
        """Add a module at the end."""
        self.add_module(str(len(self)), module)
        return self

    def extend(self, modules: Iterable[Module]) -> Sequential:
        """Add several modules at the end."""
        for module in modules:
            self.append(module)
        return self

    def insert(self, index: int, module: Module) -> Sequential:
        """Put ``module`` at position ``index``, moving the ones after it along."""
        modules = list(self._modules.values())
        modules.insert(_position(index, len(self) + 1), module)
        self._modules = _renumbered(dict(enumerate(modules)))
        return self

    def forward(self, input: Any) -> Any:
        for module in self:
            input = module(input)
        return input


class ModuleList(Module, torch_module="torch.nn.modules.container"):
    """A list of modules, registered so that their parameters belong to the model (it has no forward).

    Examples
    --------
    >>> from autograd_lab import nn
    >>> nn.ModuleList([nn.Linear(2, 2) for _ in range(3)])
    ModuleList(
      (0-2): 3 x Linear(in_features=2, out_features=2, bias=True)
    )
    """

    def __init__(self, modules: Iterable[Module] | None = None) -> None:
        super().__init__()
        if modules is not None:
            self.extend(modules)

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return type(self)(list(self._modules.values())[index])
        return self._modules[str(_position(index, len(self)))]

    def __setitem__(self, index: int, module: Module) -> None:
        setattr(self, str(_position(index, len(self))), module)

    def __delitem__(self, index: int | slice) -> None:
        positions = range(len(self))[index] if isinstance(index, slice) else [_position(index, len(self))]
        for position in positions:
            delattr(self, str(position))
        self._modules = _renumbered(self._modules)

    def __len__(self) -> int:
        return len(self._modules)

    def __iter__(self) -> Iterator[Module]:
        return iter(self._modules.values())

    def __iadd__(self, modules: Iterable[Module]) -> ModuleList:
        return self.extend(modules)

    def __add__(self, other: Iterable[Module]) -> ModuleList:
        return ModuleList([*self, *other])

    def append(self, module: Module) -> ModuleList:
        """Add a module at the end."""
        self.add_module(str(len(self)), module)
        return self

    def extend(self, modules: Iterable[Module]) -> ModuleList:
        """Add several modules at the end."""
        for module in modules:
            self.append(module)
        return self

    def insert(self, index: int, module: Module) -> None:
        """Put ``module`` at position ``index``, moving the ones after it along."""
        modules = list(self._modules.values())
        modules.insert(index, module)
        self._modules = _renumbered(dict(enumerate(modules)))

    def __repr__(self) -> str:
        # PyTorch prints a run of identical modules once: "(0-2): 3 x Linear(...)".
        reprs = [repr(module) for module in self]
        if not reprs:
            return self._get_name() + "()"
        runs: list[list] = []  # [first index, last index, repr]
        for index, text in enumerate(reprs):
            if runs and runs[-1][2] == text:
                runs[-1][1] = index
            else:
                runs.append([index, index, text])
        lines = [
            _addindent(
                f"({first}): {text}" if first == last else f"({first}-{last}): {last - first + 1} x {text}", 2
            )
            for first, last, text in runs
        ]
        return self._get_name() + "(\n  " + "\n  ".join(lines) + "\n)"


class ModuleDict(Module, torch_module="torch.nn.modules.container"):
    """A dictionary of modules, registered so that their parameters belong to the model.

    Examples
    --------
    >>> from autograd_lab import nn
    >>> layers = nn.ModuleDict({"lin": nn.Linear(2, 2), "act": nn.ReLU()})
    >>> list(layers)
    ['lin', 'act']
    """

    def __init__(self, modules: Mapping[str, Module] | None = None) -> None:
        super().__init__()
        if modules is not None:
            self.update(modules)

    def __getitem__(self, key: str) -> Module:
        return self._modules[key]

    def __setitem__(self, key: str, module: Module) -> None:
        self.add_module(key, module)

    def __delitem__(self, key: str) -> None:
        del self._modules[key]

    def __len__(self) -> int:
        return len(self._modules)

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __contains__(self, key: str) -> bool:
        return key in self._modules

    def keys(self) -> Any:
        """The names."""
        return self._modules.keys()

    def items(self) -> Any:
        """(name, module) pairs."""
        return self._modules.items()

    def values(self) -> Any:
        """The modules."""
        return self._modules.values()

    def pop(self, key: str) -> Module:
        """Remove and return the module called ``key``."""
        module = self[key]
        del self[key]
        return module

    def clear(self) -> None:
        """Remove every module."""
        self._modules.clear()

    def update(self, modules: Mapping[str, Module] | Iterable[tuple[str, Module]]) -> None:
        """Add modules from a mapping or from (name, module) pairs."""
        pairs = modules.items() if isinstance(modules, Mapping) else modules
        for key, module in pairs:
            self[key] = module


def _describe(value: Any, type_text: str) -> str:
    """How ParameterList and ParameterDict print an entry: its kind, type and size."""
    if not isinstance(value, Tensor):
        return f"Object of type: {type(value).__name__}"
    kind = "Parameter" if isinstance(value, Parameter) else "Tensor"
    size = "x".join(str(n) for n in value.shape)
    return f"{kind} containing: [{type_text} of size {size}]"


def _as_parameter(value: Any) -> Any:
    """A plain tensor put into a ParameterList or ParameterDict becomes a Parameter."""
    return Parameter(value) if isinstance(value, Tensor) and not isinstance(value, Parameter) else value


class ParameterList(Module, torch_module="torch.nn.modules.container"):
    """A list of parameters, registered so that they belong to the model.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> nn.ParameterList([nn.Parameter(torch.zeros(2, 3)), nn.Parameter(torch.zeros(4))])
    ParameterList(
        (0): Parameter containing: [torch.float32 of size 2x3]
        (1): Parameter containing: [torch.float32 of size 4]
    )
    """

    def __init__(self, values: Iterable[Any] | None = None) -> None:
        super().__init__()
        self._size = 0
        if values is not None:
            self.extend(values)

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return ParameterList([self[i] for i in range(len(self))[index]])
        return getattr(self, str(_position(index, len(self))))

    def __setitem__(self, index: int, value: Any) -> None:
        setattr(self, str(_position(index, len(self))), _as_parameter(value))

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[Any]:
        return (self[i] for i in range(len(self)))

    def __iadd__(self, values: Iterable[Any]) -> ParameterList:
        return self.extend(values)

    def append(self, value: Any) -> ParameterList:
        """Add a parameter at the end (a tensor becomes a Parameter)."""
        self._size += 1
        self[self._size - 1] = value
        return self

    def extend(self, values: Iterable[Any]) -> ParameterList:
        """Add several parameters at the end."""
        for value in values:
            self.append(value)
        return self

    def extra_repr(self) -> str:
        return "\n".join(
            f"  ({i}): {_describe(value, repr(getattr(value, 'dtype', '')))}" for i, value in enumerate(self)
        )

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        raise messages.error("nn_container_called", name="ParameterList")


class ParameterDict(Module, torch_module="torch.nn.modules.container"):
    """A dictionary of parameters, registered so that they belong to the model.

    A plain ``dict`` given to it is taken in sorted key order, as in PyTorch.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab import nn
    >>> nn.ParameterDict({"b": nn.Parameter(torch.zeros(1, 3)), "a": nn.Parameter(torch.zeros(2))})
    ParameterDict(
        (a): Parameter containing: [torch.FloatTensor of size 2]
        (b): Parameter containing: [torch.FloatTensor of size 1x3]
    )
    """

    def __init__(self, parameters: Any = None) -> None:
        super().__init__()
        self._keys: dict[str, None] = {}
        if parameters is not None:
            self.update(parameters)

    def __getitem__(self, key: str) -> Any:
        return getattr(self, key)

    def __setitem__(self, key: str, value: Any) -> None:
        self._keys[key] = None
        setattr(self, key, _as_parameter(value))

    def __delitem__(self, key: str) -> None:
        del self._keys[key]
        delattr(self, key)

    def __len__(self) -> int:
        return len(self._keys)

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __contains__(self, key: str) -> bool:
        return key in self._keys

    def keys(self) -> Any:
        """The names."""
        return self._keys.keys()

    def items(self) -> Iterator[tuple[str, Any]]:
        """(name, parameter) pairs."""
        return ((key, self[key]) for key in self._keys)

    def values(self) -> Iterator[Any]:
        """The parameters."""
        return (self[key] for key in self._keys)

    def pop(self, key: str) -> Any:
        """Remove and return the parameter called ``key``."""
        value = self[key]
        del self[key]
        return value

    def update(self, parameters: Any) -> None:
        """Add parameters from a mapping (a plain dict in sorted key order) or from (name, value) pairs."""
        if isinstance(parameters, (OrderedDict, ParameterDict)):
            pairs = parameters.items()
        elif isinstance(parameters, Mapping):
            pairs = sorted(parameters.items())
        else:
            pairs = parameters
        for key, value in pairs:
            self[key] = value

    def extra_repr(self) -> str:
        return "\n".join(f"  ({key}): {_describe(value, typename(value))}" for key, value in self.items())

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        raise messages.error("nn_container_called", name="ParameterDict")
