"""The op table: every operation with its derivative rules, and Tensor's methods.

Importing this package fills the table (see ``_core.py`` for how an op is
declared): ``OPS`` (every op), ``PUBLIC`` (what ``autograd_lab`` exports)
and ``METHODS`` (Tensor's methods, attached here).  An op is declared in
exactly one place, its ``defop`` row: a new elementwise op is that row and
its test factory, nothing else.

Where things go:

- ``elementwise.py``: arithmetic, functions of one number, comparisons;
- ``shape.py``: views, indexing, ``t[i] = v``, joining;
- ``reduction.py``: sums, means, max/min, softmax;
- ``sorting.py``: sort, topk, median, mode, unique, bincount, searchsorted;
- ``linalg.py``: matrix products;
- ``inplace.py``: in-place methods (``add_``, ``zero_`` ...), dtype and device conversions;
- ``norms.py``: vector norms (``norm``, ``linalg.vector_norm``);
- ``matrix_functions.py``: the matrix exponential (``matrix_exp``);
- ``weight_norm.py``: weight normalisation's op (``_weight_norm``, ``norm_except_dim``);
- ``sampling.py``: random draws (``normal``, ``bernoulli``, ``uniform_`` ...);
- ``special.py``: the special functions of ``torch.special`` (erfcx, i0, zeta, Bessel functions ...);
- ``nn.py``: the ops of neural-network layers and losses (``autograd_lab.nn.functional`` calls them);
- ``volumes.py``: 3-d windows (``F.conv3d``, ``F.conv_transpose3d``, ``F.max_pool3d``).

The last two are loaded on first use, with ``autograd_lab.nn`` or a function
that needs them (``torch.conv3d``): they are a tenth of ``import autograd_lab``.
So they export no name and attach no method (``torch.pixel_shuffle`` is a
twin in ``_layer_functions.py``), and ``OPS`` holds their rows once
:func:`load_all` (or ``nn``) has loaded them.

So are ``sorting``, ``sampling``, ``special``, ``linalg_composite``, ``lu``,
``matrix_functions`` and ``weight_norm`` (another tenth): :data:`ON_FIRST_USE`
lists the functions and methods each exports, and the first use of one
(``torch.sort``, ``x.normal_()``) loads its module (:func:`load`).
"""

from __future__ import annotations

import functools
import inspect
import sys
import types
from collections.abc import Iterable
from typing import Any

from .. import _views, messages
from ..autograd import engine
from ..messages import errors
from ..tensor import Tensor
from . import (  # noqa: F401 - importing them fills the table
    _core,
    elementwise,
    indexing,
    inplace,
    linalg,
    norms,
    reduction,
    shape,
)
from ._core import (
    METHODS,
    OPS,
    PUBLIC,
    OpDef,
    Rule,
    apply,
    by_keyword,
    defop,
    export,
    keyword_names,
    methods,
    pytorch_arity,
    rule,
)

__all__ = ["OPS", "PUBLIC", "METHODS", "OpDef", "Rule", "apply", "defop", "export", "methods", "rule", "load_all"]

_keyword_names = functools.cache(keyword_names)  # (asked for up to four times per op at import)

LOADED_ON_FIRST_USE = ("nn", "volumes")
"""The op modules of nn.functional's layers: left out of ``import autograd_lab``, and exporting nothing."""

ON_FIRST_USE: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "sorting": (
        ("argsort", "bincount", "bucketize", "corrcoef", "cov", "cummax", "cummin", "cumulative_trapezoid", "histc",
         "histogram", "isin", "kthvalue", "logcumsumexp", "median", "mode", "msort", "nanmedian", "nanquantile",
         "quantile", "searchsorted", "sort", "topk", "trapezoid", "trapz", "unique", "unique_consecutive", "vander"),
        ("argsort", "bincount", "corrcoef", "cov", "cummax", "cummin", "histc", "histogram", "kthvalue",
         "logcumsumexp", "median", "mode", "msort", "nanmedian", "nanquantile", "quantile", "sort", "topk", "unique",
         "unique_consecutive"),
    ),
    "sampling": (
        ("bernoulli", "multinomial", "normal", "poisson"),
        ("bernoulli", "bernoulli_", "exponential_", "multinomial", "normal_", "random_", "uniform_"),
    ),
    "special": (
        ("erfc", "i0", "igamma", "igammac", "mvlgamma"),
        ("erfc", "erfc_", "i0", "i0_", "igamma", "igamma_", "igammac", "igammac_", "mvlgamma", "mvlgamma_"),
    ),
    "linalg_composite": (
        ("cholesky", "cholesky_inverse", "cholesky_solve", "conj_physical", "fix", "pinverse", "qr", "resolve_conj",
         "resolve_neg", "triangular_solve"),
        ("cholesky", "cholesky_inverse", "cholesky_solve", "fix", "fix_", "pinverse", "qr", "triangular_solve"),
    ),
    "lu": (("lu", "lu_solve", "lu_unpack"), ("lu", "lu_solve")),
    "matrix_functions": (("matrix_exp",), ("matrix_exp",)),
    "weight_norm": (("_weight_norm", "norm_except_dim"), ()),
}  # fmt: skip
"""The op modules left out of ``import autograd_lab`` for speed (a tenth of it), each with the functions it
exports (``autograd_lab.sort``) and the Tensor methods it adds (``x.sort()``).  The first use of one of
them loads the module (:func:`load`); tests check that these lists are what the modules export."""

_LOADED: set[str] = set()


def load(module: str) -> None:
    """Import an op module of :data:`ON_FIRST_USE`, and finish its functions and attach its methods as
    the others were at import (``autograd_lab`` puts the functions in its namespace, see its ``__getattr__``)."""
    if module in _LOADED:
        return
    import importlib

    importlib.import_module(f".{module}", __name__)
    _LOADED.add(module)
    functions, tensor_methods = ON_FIRST_USE[module]
    _finish(functions)
    attach_methods(tensor_methods)


class _MethodOnFirstUse:
    """A Tensor method of a module of :data:`ON_FIRST_USE`: the first look loads the module, whose method
    replaces this one on Tensor (``x.sort()``, ``Tensor.sort``, ``hasattr(x, "topk")``)."""

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = module, name

    def __get__(self, tensor: Any, cls: type) -> Any:
        load(self.module)
        method = Tensor.__dict__.get(self.name)
        if method is self:  # (a name the module does not add: a mistake in the table)
            raise AttributeError(f"'Tensor' object has no attribute {self.name!r}")
        # (Tensor's own method: a subclass's override that calls super() is the caller, not to run again)
        return method.__get__(tensor, cls)


def load_all() -> dict[str, OpDef]:
    """Load the op modules left for first use, and return the whole table ``OPS`` (tests iterate over it)."""
    import importlib

    for module in ON_FIRST_USE:
        load(module)
    for module in LOADED_ON_FIRST_USE:
        importlib.import_module(f".{module}", __name__)
    return OPS


_FLAGS = ("keepdim", "unbiased", "largest", "sorted", "descending")
"""Arguments PyTorch takes as ``bool`` only: ``x.sum(0, 1)``, a slip for summing over dims 0 and 1, is
refused (``keepdim`` would be 1) rather than summing over dim 0 and keeping it."""


def _with_numpy_names(function: Any, method: bool = False) -> Any:
    """Let a function that takes ``dim``/``keepdim`` also take NumPy's ``axis``/``keepdims``, as PyTorch does,
    and refuse a flag (:data:`_FLAGS`) that is not a bool, as PyTorch's argument parser does (``method``:
    ``self`` is not counted in the positions the error names)."""
    code = getattr(function, "__code__", None)
    names = code.co_varnames[: code.co_argcount + code.co_kwonlyargcount] if code else ()
    if "dim" not in names and "keepdim" not in names:
        return function
    name = function.__name__
    flags = [(names.index(flag), flag) for flag in _FLAGS if flag in names]
    positional = [(index, flag) for index, flag in flags if index < code.co_argcount]

    def accepting_numpy_names(*args: Any, **kwargs: Any) -> Any:
        if kwargs:
            if "axis" in kwargs:
                kwargs["dim"] = kwargs.pop("axis")
            if "keepdims" in kwargs:
                kwargs["keepdim"] = kwargs.pop("keepdims")
            for _, flag in flags:
                if flag in kwargs and type(kwargs[flag]) is not bool:
                    raise errors.flag_not_bool(name, flag, kwargs[flag], None)
        for index, flag in positional:
            if index < len(args) and type(args[index]) is not bool:
                raise errors.flag_not_bool(name, flag, args[index], index if method else index + 1)
        return function(*args, **kwargs)

    _CALLERS.add(accepting_numpy_names.__code__)
    return _wrapping(accepting_numpy_names, function, name)


def _wrapping(wrapper: Any, function: Any, name: str) -> Any:
    """``wrapper`` named and documented as ``function`` (``functools.wraps``, by hand: over the few
    hundred functions wrapped here, ``wraps`` cost half a millisecond of ``import autograd_lab``)."""
    wrapper.__name__ = getattr(function, "__name__", name)
    wrapper.__qualname__ = getattr(function, "__qualname__", wrapper.__name__)
    wrapper.__doc__, wrapper.__wrapped__ = function.__doc__, function
    wrapper.__module__ = getattr(function, "__module__", __name__)
    attributes = getattr(function, "__dict__", None)
    if attributes:  # (what the function carries: wraps copies it too)
        wrapper.__dict__.update(attributes)
        wrapper.__wrapped__ = function  # (not the function's own __wrapped__, if it had one)
    return wrapper


def _as_method(function: object, name: str) -> object:
    """``function`` as Tensor's method ``name``, counting its arguments in PyTorch's way when they do not fit."""
    if isinstance(function, OpDef):
        return _op_as_method(function)
    if isinstance(function, property):
        return function if function.fset is not None else read_only(function, name)
    if type(function) is not types.FunctionType:
        return function
    method = _with_numpy_names(function, method=True)
    if name in _DIMS_AS_ARGUMENTS:
        method = _dims_as_arguments(method)
    code = function.__code__
    no_arguments = code.co_argcount == 1 and not code.co_kwonlyargcount and not code.co_flags & _ANY_ARGUMENTS
    in_python = name in _WRITTEN_IN_PYTHON

    def counted(*args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        except TypeError as error:
            if _raised_calling(error):
                said = pytorch_arity(str(error), name, method=True, no_arguments=no_arguments, python=in_python)
                if said is not None:
                    raise messages.error("arguments_count", sentence=said, where=f"torch.Tensor.{name}") from None
            raise

    _CALLERS.add(counted.__code__)
    wrapped = _wrapping(counted, method, name)
    wrapped.__name__ = name  # (the Tensor's name for it: torch.Tensor.resize_.__name__ is 'resize_', as there)
    return wrapped


_ANY_ARGUMENTS = inspect.CO_VARARGS | inspect.CO_VARKEYWORDS

_WRITTEN_IN_PYTHON = frozenset({
    "__floordiv__", "__pow__", "__rfloordiv__", "__rlshift__", "__rmatmul__", "__rmod__", "__rpow__", "__rrshift__",
    "__rsub__", "__rtruediv__", "is_shared", "lu", "norm", "resize", "share_memory_", "split", "storage",
    "to_sparse_coo", "unflatten", "unique", "unique_consecutive",
})  # fmt: skip
"""The methods PyTorch writes in Python (torch/_tensor.py): a wrong count is Python's own message there,
``Tensor.split() takes from 2 to 3 positional arguments but 4 were given``, the tensor counted."""

_CALLERS: set = set()
"""The code of the wrappers that only call on (see _raised_calling)."""


def _raised_calling(error: TypeError) -> bool:
    """Whether ``error`` was raised by the call of the function a method wraps, not inside it: Python's
    TypeError for a call with the wrong number of arguments (not one of ours, already in PyTorch's words,
    from a wrapper within: ``x.addmm_()`` calls ``x.addmm``'s)."""
    traceback = error.__traceback__
    while traceback.tb_next is not None:
        traceback = traceback.tb_next
    said = str(error)
    return traceback.tb_frame.f_code in _CALLERS and messages.without_hint(said) == said


_DIMS_AS_ARGUMENTS = frozenset({"squeeze", "squeeze_", "tile", "count_nonzero"})
"""Methods that take their dims as separate arguments too, as PyTorch's do: ``x.squeeze(0, 2)`` is
``x.squeeze((0, 2))`` (the functions do not: ``torch.squeeze(x, 0, 2)`` is a TypeError in both)."""


def _dims_as_arguments(method: Any) -> Any:
    """``method`` taking several dims as separate arguments, as one tuple."""

    def with_dims(self: Tensor, *dims: Any, **params: Any) -> Any:
        return method(self, dims, **params) if len(dims) > 1 else method(self, *dims, **params)

    _CALLERS.add(with_dims.__code__)
    return _wrapping(with_dims, method, method.__name__)


def _op_as_method(op: OpDef) -> Any:
    """An op as a Tensor method (an OpDef is a callable object, not a function, so it would not bind ``self``)."""
    names = _keyword_names(op)
    # x.dot(tensor=y), x.mm(mat2=y): PyTorch's names of the other inputs
    function = by_keyword(op, names) if len(names) > 1 else op
    code = getattr(op.forward, "__code__", None)
    no_arguments = (code is not None and code.co_argcount == 1 and not code.co_kwonlyargcount) or getattr(
        op.forward, "nin", None
    ) == 1

    def method(self: Tensor, *args: object, **params: object) -> Tensor:
        try:
            return function(self, *args, **params)
        except TypeError as error:  # (apply words a forward's count of inputs as PyTorch's function does)
            said = messages.without_hint(str(error))
            if said.startswith(f"{op.name}() takes "):
                said = pytorch_arity(said, op.name, method=True, no_arguments=no_arguments)
                raise messages.error("arguments_count", sentence=said, where=f"torch.Tensor.{op.name}") from None
            raise

    method.__name__ = op.name
    method.__doc__ = f"``{op.name}`` of this tensor (see autograd_lab.{op.name})."
    return method


OPERANDS = elementwise.OPERANDS

OPERATORS = frozenset(
    f"__{kind}{name}__"
    for name in ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "matmul", "and", "or", "xor", "lshift", "rshift")
    for kind in ("", "r", "i")
) | {"__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"}


def _refusing_other_operands(name: str, function: Any, method: Any) -> Any:
    """The operator ``name`` that gives ``NotImplemented`` for an operand PyTorch's operators do not take.

    Python then tries the other operand's own operator, or gives its TypeError, as with PyTorch:
    ``x + None`` is "unsupported operand type(s) for +: 'Tensor' and 'NoneType'", ``x + [1, 2]`` too
    (NumPy would add the list), and ``x == None`` is False.
    """
    op = getattr(function, "binary_op", None)  # (x + y, the hottest operators: straight to apply)
    if op is not None:

        def operator(self: Tensor, other: Any) -> Any:
            if type(other) is not Tensor and not isinstance(other, OPERANDS):
                return NotImplemented
            return apply(op, (self, other))

    else:

        def operator(self: Tensor, other: Any, *args: Any) -> Any:
            if type(other) is not Tensor and not isinstance(other, OPERANDS):
                return NotImplemented
            return method(self, other, *args)

    operator.__name__ = operator.__qualname__ = name
    operator.__doc__ = getattr(method, "__doc__", None)
    return operator


def read_only(attribute: property, name: str) -> property:
    """``attribute`` refusing to be set or deleted in PyTorch's words (``x.shape = (3,)``), not Python's."""

    def refuse(self: Tensor, *value: Any) -> None:
        raise messages.error("attribute_not_writable", name=name)

    return property(attribute.fget, refuse, refuse, attribute.__doc__)


def attach_methods(names: Iterable[str] | None = None) -> None:
    """Attach the methods in ``METHODS`` to Tensor: every one, or only ``names`` (a module's own, added later)."""
    for name in METHODS if names is None else names:
        method = _as_method(METHODS[name], name)
        if name in OPERATORS:
            method = _refusing_other_operands(name, METHODS[name], method)
        setattr(Tensor, name, method)


# (the deprecated number-first forms of addmm & co., as methods and in place)
METHODS.update({name: linalg.beta_first(METHODS[name], name, method=True) for base in linalg.BETA_FIRST for name in (base, f"{base}_")})
_CALLERS.add(METHODS["addmm"].__code__)  # (a wrapper: a wrong count of arguments is the call's, worded as PyTorch's)
attach_methods()
for _name, _member in list(vars(Tensor).items()):  # (the class's own: x.shape, x.dtype, x.is_leaf ...)
    if isinstance(_member, property) and _member.fset is None:
        setattr(Tensor, _name, read_only(_member, _name))
for _module, (_, _tensor_methods) in ON_FIRST_USE.items():
    for _name in _tensor_methods:
        setattr(Tensor, _name, _MethodOnFirstUse(_module, _name))

_NUMBERS_AS_TENSORS = frozenset(
    {"add", "sub", "subtract", "mul", "multiply", "div", "divide", "true_divide", "floor_divide"}
)
"""The functions PyTorch's argument parser lets take Python numbers for tensors: ``torch.add(5, 5)`` is ``tensor(10)``."""


def _takes_a_tensor_first(function: Any) -> bool:
    """Whether a public function's first argument is PyTorch's ``Tensor input`` (an op, or annotated so)."""
    target = getattr(function, "__wrapped__", function)
    if isinstance(target, OpDef):
        return _keyword_names(target)[:1] == ("input",)
    code = getattr(target, "__code__", None)
    if code is None or not code.co_argcount or code.co_varnames[0] != "input":
        return False
    return getattr(target, "__annotations__", {}).get("input") in ("Tensor", Tensor)


def checking_input(name: str, function: Any, argument: str = "input", numbers_elsewhere: bool = True) -> Any:
    """``function`` with PyTorch's check of its first argument: a tensor, not a list or a number.

    Students pass lists (``torch.mean([1.0, 2.0])``); PyTorch's TypeError names the
    argument, where the function would otherwise fail deep inside, or give a NumPy number.
    Where any argument is a tensor, the call goes through as it is (``torch.pow(2, x)``), unless
    not ``numbers_elsewhere``: ``nn.functional`` checks its functions that way (``argument``:
    ``x1`` for ``F.cosine_similarity``, ``query`` for attention).
    """

    def checked(*args: Any, **kwargs: Any) -> Any:
        given = args[0] if args else kwargs.get(argument, Tensor)
        if isinstance(given, Tensor) or given is Tensor:
            try:
                return function(*args, **kwargs)
            except TypeError as error:
                if _raised_calling(error):  # (too many or too few arguments: in PyTorch's words)
                    said = pytorch_arity(str(error), name)
                    if said is not None:
                        raise messages.error("arguments_count", sentence=said, where=f"torch.{name}") from None
                if not numbers_elsewhere or not _overloaded(args, kwargs):
                    raise
                return _dispatched(name, _overloaded(args, kwargs), args, kwargs)  # torch.add(x, my_object)
        if numbers_elsewhere and _overloaded(args, kwargs):  # (not nn.functional's: the top level's functions)
            return _dispatched(name, _overloaded(args, kwargs), args, kwargs)
        if numbers_elsewhere and any(isinstance(x, Tensor) for x in (*args, *kwargs.values())):
            return function(*args, **kwargs)
        if name in _NUMBERS_AS_TENSORS and all(isinstance(x, (int, float, bool)) for x in args[:2]):
            from ..creation import tensor  # (0-d tensors, as PyTorch wraps the numbers)

            return function(*(tensor(x) for x in args[:2]), *args[2:], **kwargs)
        if args:
            raise messages.error("argument_not_tensor", function=name, argument=argument, type_name=messages.type_name(given))
        raise messages.error(
            "argument_not_tensor_keyword", function=name, argument=argument, type_name=messages.type_name(given)
        )

    _CALLERS.add(checked.__code__)
    return _wrapping(checked, function, name)


def _overloaded(args: tuple, kwargs: dict) -> list:
    """The arguments that take part in PyTorch's ``__torch_function__`` protocol: objects of the user's (not
    tensors) whose class defines it (PyTorch's notes, "Extending torch with a Tensor-like type")."""
    return [
        x for x in (*args, *kwargs.values()) if not isinstance(x, Tensor) and hasattr(type(x), "__torch_function__")
    ]


def _dispatched(name: str, overloaded: list, args: tuple, kwargs: dict) -> Any:
    """``torch.<name>(*args, **kwargs)`` handed to the arguments' ``__torch_function__``, each type once in
    order, until one gives something other than ``NotImplemented``."""
    public = getattr(sys.modules["autograd_lab"], name)  # (what the user's code compares ``func`` with)
    types = tuple(dict.fromkeys(type(x) for x in overloaded))
    for kind in types:
        handler = next(x for x in overloaded if type(x) is kind).__torch_function__
        result = handler(public, types, args, kwargs)
        if result is not NotImplemented:
            return result
    kinds = "\n".join(f"  - tensor subclass {kind!r}" for kind in types)
    raise messages.error("torch_function_not_implemented", name=name, kinds=kinds)


def _finish(names: Iterable[str]) -> None:
    """Give the functions ``names`` of ``PUBLIC`` PyTorch's ways of being called: NumPy's ``axis``/``keepdims``
    and bool-only flags, inputs by PyTorch's keyword names (``torch.dot(a, tensor=b)``, ``torch.mul(x,
    other=2)``: an op of one input is called by keyword through OpDef.__call__ itself), and the check that the
    first argument is a tensor."""
    for name in names:
        function = PUBLIC[name]
        if not isinstance(function, OpDef):
            function = _with_numpy_names(function)
        elif len(_keyword_names(function)) > 1:
            function = by_keyword(function, _keyword_names(function))
        if name in _NUMBERS_AS_TENSORS or _takes_a_tensor_first(function):
            function = checking_input(name, function)
        PUBLIC[name] = function


_finish(list(PUBLIC))
PUBLIC.update({name: linalg.beta_first(PUBLIC[name], name, method=False) for name in linalg.BETA_FIRST})  # (after the
# input check: torch.addmm(beta, M, m1, m2) has a number first)

# What the engine and the views borrow from the table (they import no op themselves).
engine.lend(
    sum_to_size=reduction.sum_to_size,
    clone=elementwise.clone,
    copy_like=shape.copy_like,
    output_of=_core._output_of,
)
norms.lend(svdvals=linalg.svdvals)
_views.lend(
    as_strided=shape._as_strided_node,
    view_scatter=shape.view_scatter_op,
    copy_slices=shape.copy_slices_op,
    sum_to_size=reduction.sum_to_size,
)


_PYTORCH_OPERATOR_NAMESPACES = frozenset({"aten", "prims", "quantized", "higher_order", "torchvision", "_c10d_functional"})


def __getattr__(name: str) -> Any:
    """``torch.ops.aten.add.default`` and the like: PyTorch's registry of ATen operators, which this library has
    not (its ops are this package's table); refused in words, not with a bare AttributeError."""
    if name in _PYTORCH_OPERATOR_NAMESPACES:
        raise messages.error("torch_ops_namespace", name=name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
