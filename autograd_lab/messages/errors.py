"""One builder per error: it works out the fields the catalogue's text needs.

Call sites raise ``errors.<id>(...)``; the words live in ``catalogue.py``.
Tests (tests/test_errors.py) hold each case to its full message and, when
PyTorch is installed, to PyTorch's own type and sentence.
"""

from __future__ import annotations

from typing import Any

from . import error, text


def shape_text(shape: tuple) -> str:
    """A shape as PyTorch writes it in messages: ``[2, 3]``."""
    return "[" + ", ".join(str(n) for n in shape) + "]"


def short_node_name(name: str) -> str:
    """A node as PyTorch names it in messages: its last ``Backward`` and a final 0 dropped (``Slice``, ``Fill2``,
    ``BackwardHookFunction``)."""
    start = name.rfind("Backward")
    return (name if start < 0 else name[:start] + name[start + 8 :]).removesuffix("0")


def _type_word(np_dtype: object) -> str:
    return {"f": "Float", "i": "Long", "b": "Bool"}.get(getattr(np_dtype, "kind", ""), str(np_dtype))


# -- the backward pass ----------------------------------------------------------------------


def backward_twice() -> Exception:
    return error("backward_twice")


def implicit_grad_non_scalar() -> Exception:
    return error("implicit_grad_non_scalar")


def no_grad_fn(index: int) -> Exception:
    return error("no_grad_fn", index=index)


def grad_shape_mismatch(grad_shape: tuple, out_shape: tuple) -> Exception:
    return error("grad_shape_mismatch", grad_shape=shape_text(grad_shape), out_shape=shape_text(out_shape))


def grad_not_used(index: int) -> Exception:
    return error("grad_not_used", index=index)


def grad_input_no_grad() -> Exception:
    return error("grad_input_no_grad")


def modified_by_inplace(description: str, found: int, expected: int, anomaly: bool) -> Exception:
    """PyTorch's error for a saved tensor changed in place; its own hint differs in anomaly mode."""
    if anomaly:
        return error(
            "modified_by_inplace_in_anomaly_mode", description=description, found=found, expected=expected
        )
    return error("modified_by_inplace", description=description, found=found, expected=expected)


# -- requires_grad, leaves and in-place changes -----------------------------------------------


def requires_grad_not_float(method: bool = False) -> Exception:
    if method:  # PyTorch words it differently for x.requires_grad = True
        return error("requires_grad_not_float_method")
    return error("requires_grad_not_float")


def requires_grad_non_leaf(requires_grad: bool = False) -> Exception:
    advice = (
        ""  # PyTorch adds the advice only when switching it off
        if requires_grad
        else " If you want to use a computed variable in a subgraph that doesn't require differentiation "
        "use var_no_grad = var.detach()."
    )
    return error("requires_grad_non_leaf", advice=advice)


def leaf_inplace(view: bool = False) -> Exception:
    return error("leaf_inplace", what="a view of a leaf Variable" if view else "a leaf Variable")


def view_modified_inplace(info: Any, grad_fn: Any, indirect: bool) -> Exception:
    """PyTorch's refusal to change in place a view made under no_grad, or by split/chunk/unbind.

    Put together as PyTorch's handle_view_on_rebase does: who the view is,
    what happened to it, then the rule it breaks.
    """
    from .catalogue import VIEW_REBASE  # (the catalogue loads when first needed)

    pieces = VIEW_REBASE

    modified = pieces["modified_indirect" if indirect else "modified_direct"]
    multi_output = info.creation == "multi_output_node"
    node = short_node_name(grad_fn.name()) if grad_fn is not None else ""
    if info.creation == "in_custom_function":
        sentence = pieces["plain"].format(output_nr=info.output_nr, node=node, modified=modified)
        return error(
            "view_modified_inplace_custom_function", sentence=sentence + pieces["custom_function_rule"]
        )
    if not multi_output or grad_fn is None:
        who = pieces["view_of_view" if grad_fn is not None else "view"].format(
            output_nr=info.output_nr, node=node
        )
        sentence = pieces["no_grad"].format(prefix=who, modified=modified)
    else:
        sentence = pieces["plain"].format(output_nr=info.output_nr, node=node, modified=modified)
    if multi_output:
        return error("view_modified_inplace_multi_output", sentence=sentence + pieces["multi_output_rule"])
    return error("view_modified_inplace_no_grad", sentence=sentence + pieces["no_grad_rule"])


def inplace_cast(result_dtype: object, tensor_dtype: object) -> Exception:
    return error("inplace_cast", result=scalar_type_name(result_dtype), target=scalar_type_name(tensor_dtype))


def inplace_on_expanded() -> Exception:
    return error("inplace_on_expanded")


def retain_grad_no_grad() -> Exception:
    return error("retain_grad_no_grad")


def hook_no_grad() -> Exception:
    return error("hook_no_grad")


def post_accumulate_hook_non_leaf() -> Exception:
    return error("post_accumulate_hook_non_leaf")


def post_accumulate_hook_result() -> Exception:
    return error("post_accumulate_hook_result")


def hook_result_type(type_name: str) -> Exception:
    return error("hook_result_type", type_name=type_name)


def hook_changed_size(name: str) -> Exception:
    return error("hook_changed_size", name=name)


def numpy_requires_grad() -> Exception:
    return error("numpy_requires_grad")


def assign_grad_shape(grad_shape: tuple, shape: tuple) -> Exception:
    return error("assign_grad_shape", grad_shape=shape_text(grad_shape), shape=shape_text(shape))


# -- shapes and broadcasting ---------------------------------------------------------------------


def broadcast_mismatch(size_a: int, size_b: int, dim: int) -> Exception:
    return error("broadcast_mismatch", size_a=size_a, size_b=size_b, dim=dim)


def broadcast_shapes(shape_a: tuple, shape_b: tuple) -> Exception:
    """The broadcast error, naming the dimension PyTorch names and, in the hint, both shapes."""
    dims = max(len(shape_a), len(shape_b))
    padded_a = (1,) * (dims - len(shape_a)) + tuple(shape_a)
    padded_b = (1,) * (dims - len(shape_b)) + tuple(shape_b)
    for dim in range(dims - 1, -1, -1):
        a, b = padded_a[dim], padded_b[dim]
        if a != b and a != 1 and b != 1:
            return error(
                "broadcast_shapes",
                size_a=a,
                size_b=b,
                dim=dim,
                shape_a=shape_text(shape_a),
                shape_b=shape_text(shape_b),
            )
    raise AssertionError("shapes broadcast")  # pragma: no cover - caller checked


def from_numpy_broadcast(said: str) -> Exception | None:
    """PyTorch's broadcast error for NumPy's ``said`` ("operands could not be broadcast together with shapes
    (2,) (3,)"), or None for another ValueError: a rule meeting a tensor whose ``.data`` changed shape."""
    import ast
    import re

    found = re.match(
        r"operands could not be broadcast together with shapes (\([\d, ]*\)) (\([\d, ]*\))", said
    )
    if found is None:
        return None
    return broadcast_shapes(ast.literal_eval(found[1]), ast.literal_eval(found[2]))


def matmul_mismatch(shape_a: tuple, shape_b: tuple) -> Exception:
    return error("matmul_mismatch", a="x".join(map(str, shape_a)), b="x".join(map(str, shape_b)))


def dot_mismatch(size_a: int, size_b: int) -> Exception:
    return error("dot_mismatch", size_a=size_a, size_b=size_b)


def invalid_shape(shape: tuple, numel: int) -> Exception:
    return error("invalid_shape", shape=shape_text(shape), numel=numel)


def view_not_contiguous() -> Exception:
    return error("view_not_contiguous")


def expand_mismatch(target: int, size: int, dim: int, target_shape: tuple, shape: tuple) -> Exception:
    return error(
        "expand_mismatch",
        target=target,
        size=size,
        dim=dim,
        target_shape=shape_text(target_shape),
        shape=shape_text(shape),
    )


def expand_too_few_sizes(legacy_type: str, shape: tuple, sizes: tuple) -> Exception:
    """PyTorch's error for ``expand`` to fewer dimensions than the tensor has."""
    return error(
        "expand_too_few_sizes",
        legacy=legacy_type,
        shape=shape_text(shape),
        sizes=shape_text(sizes),
        count=len(sizes),
        ndim=len(shape),
    )


def t_too_many_dims(ndim: int) -> Exception:
    return error("t_too_many_dims", ndim=ndim)


def permute_mismatch(ndim: int, given: int) -> Exception:
    return error("permute_mismatch", ndim=ndim, given=given)


def cat_mismatch(dim: int, expected: int, got: int, index: int) -> Exception:
    return error("cat_mismatch", dim=dim, expected=expected, got=got, index=index)


def stack_mismatch(shape_a: tuple, shape_b: tuple, index: int) -> Exception:
    return error("stack_mismatch", shape_a=shape_text(shape_a), shape_b=shape_text(shape_b), index=index)


def dim_out_of_range(dim: int, ndim: int) -> Exception:
    low, high = (-ndim, ndim - 1) if ndim else (-1, 0)
    return error("dim_out_of_range", low=low, high=high, dim=dim, ndim=ndim, plural="s" if ndim != 1 else "")


# -- indexing ---------------------------------------------------------------------------------------


def index_out_of_bounds(index: int, dim: int, size: int, cls: type[Exception] | None = None) -> Exception:
    """PyTorch's IndexError for ``x[index]`` (``gather`` raises it as a RuntimeError: ``cls``)."""
    low = 0 if cls is RuntimeError else -size  # gather takes no negative index
    return error("index_out_of_bounds", cls=cls, index=index, dim=dim, size=size, low=low, high=size - 1)


def mask_shape_mismatch(mask_shape: tuple, shape: tuple, index: int) -> Exception:
    return error(
        "mask_shape_mismatch", mask_shape=shape_text(mask_shape), shape=shape_text(shape), index=index
    )


# -- making tensors ---------------------------------------------------------------------------------


def ragged_sequence(length: int, dim: int, got: int) -> Exception:
    return error("ragged_sequence", length=length, dim=dim, got=got)


def number_among_lists() -> Exception:
    return error("number_among_lists")


def invalid_data_type(type_name: str) -> Exception:
    return error("invalid_data_type", type_name=type_name)


def item_not_scalar(numel: int) -> Exception:
    return error("item_not_scalar", numel=numel)


def mean_not_float(dtype_name: str) -> Exception:
    return error("mean_not_float", dtype_name=dtype_name)


def target_out_of_bounds(target: int) -> Exception:
    return error("target_out_of_bounds", target=target)


# -- devices, the default dtype (branch random) ------------------------------------------------------


def device_not_available(device_type: str, factory: bool = False) -> Exception:
    """PyTorch's error on a machine without ``device_type`` (``factory``: raised by zeros, rand ...)."""
    if device_type in ("cuda", "xpu"):
        return error("device_not_compiled", name=device_type.upper())
    if factory and device_type == "mps":
        return error("device_mps_factory")
    return error("device_not_linked", device_type=device_type)


def device_unknown_type(text: str, known: tuple[str, ...]) -> Exception:
    return error("device_unknown_type", known=", ".join(known), text=text)


def device_invalid_combination(values: tuple) -> Exception:
    return error("device_invalid_combination", types=_type_names(values, {}))


def unknown_tensor_type(name: str) -> Exception:
    """``set_default_tensor_type(name)`` for a name that is not a CPU tensor type."""
    module, _, attribute = name.rpartition(".")
    if module == "torch.cuda":
        return error("tensor_type_no_cuda", name=name)
    if module == "torch":
        return error("tensor_type_no_attribute", attribute=attribute)
    return error("tensor_type_no_module", module=module or name)


# -- random numbers (branch random) -------------------------------------------------------------------


def _number(value: float) -> str:
    """A number as C++ streams print it in PyTorch's messages: 1 for 1.0, 2.5 for 2.5."""
    return f"{value:g}"


def generator_device(device_type: str) -> Exception:
    return error("generator_device", name=device_type.upper(), device_type=device_type)


def uniform_range(low: float, high: float) -> Exception:
    return error("uniform_range", low=_number(low), high=_number(high))


def normal_std(std: float) -> Exception:
    return error("normal_std", std=_number(std))


def bernoulli_p(p: float) -> Exception:
    return error("bernoulli_p", p=_number(p))


def exponential_rate(rate: float) -> Exception:
    return error("exponential_rate", rate=_number(rate))


def random_not_floating(kernel: str, np_dtype: object) -> Exception:
    return error("random_not_floating", kernel=kernel, type_word=scalar_type_name(np_dtype))


# -- factory arguments (branch random) ----------------------------------------------------------------

# Factories whose arguments PyTorch parses with several signatures: a mistake is "an invalid combination".
_OVERLOADED = ("rand", "randn", "randint", "randperm")


def _type_names(values: tuple, keywords: dict) -> str:
    """The argument types as PyTorch lists them: ``(int, size=tuple)``."""

    def name(value: object) -> str:
        kind = type(value).__name__
        return f"torch.{kind}" if kind in ("dtype", "device") else kind  # (as PyTorch's parser names them)

    return ", ".join([name(v) for v in values] + [f"{k}={name(v)}" for k, v in keywords.items()])


def invalid_combination(function: str, values: tuple, keywords: dict) -> Exception:
    return error("invalid_combination", function=function, types=_type_names(values, keywords))


def legacy_keywords(values: tuple, keywords: dict) -> Exception:
    """``torch.Tensor([1.], requires_grad=True)``: a legacy constructor takes device= alone."""
    return error("legacy_keywords", types=_type_names(values, keywords))


def range_without_steps(function: str, values: tuple, keywords: dict) -> Exception:
    """``torch.linspace(0, 1)``; PyTorch lists the keywords given (here: those not at their defaults)."""
    given = {key: value for key, value in keywords.items() if value is not None and value is not False}
    return error("range_without_steps", function=function, types=_type_names(values, given))


def to_invalid_combination(values: tuple, keywords: dict) -> Exception:
    """``x.to(requires_grad=True)``: PyTorch lists the keywords sorted, and ends a list of keywords alone
    with ``, `` (``got (requires_grad=bool, )``)."""
    types = _type_names(values, dict(sorted(keywords.items())))
    return error("to_invalid_combination", types=types if values else types + ", ")


def normal_invalid_combination(values: tuple, keywords: dict) -> Exception:
    return error("normal_invalid_combination", types=_type_names(values, keywords))


def negative_dimension(shape: tuple, zeros: bool = False) -> Exception:
    if zeros:
        return error("zeros_negative_dimension")
    return error("negative_dimension", negative=next(n for n in shape if n < 0), shape=list(shape))


def size_given_twice(function: str, dims: tuple) -> Exception:
    if function in _OVERLOADED:
        return invalid_combination(function, dims, {"size": ()})
    return error("size_given_twice", function=function)


def size_missing(function: str) -> Exception:
    if function in _OVERLOADED:
        return invalid_combination(function, (), {})
    return error("size_missing", function=function)


def size_not_tuple(function: str, value: object, position: int | None) -> Exception:
    where = "" if position is None else f" (position {position})"
    return error("size_not_tuple", function=function, where=where, type_name=type(value).__name__)


def size_element(function: str, position: int, value: object, argument: str = "size") -> Exception:
    """A size (or dimension, ``argument``) that is not a whole number, as PyTorch's argument parser says it."""
    if argument == "size":
        return error("size_element", function=function, position=position, type_name=type(value).__name__)
    return error(
        "dim_element", function=function, argument=argument, position=position, type_name=type(value).__name__
    )


def flag_not_bool(function: str, argument: str, value: object, position: int | None) -> Exception:
    """PyTorch's error for a flag (``keepdim`` ...) that is not a bool, given at ``position`` or by keyword."""
    kind = type(value)
    type_name = f"numpy.{kind.__name__}" if kind.__module__ == "numpy" else kind.__name__
    if position is None:
        return error("flag_not_bool_keyword", function=function, argument=argument, type_name=type_name)
    return error(
        "flag_not_bool", function=function, argument=argument, position=position, type_name=type_name
    )


def argument_not_int(function: str, argument: str, value: object) -> Exception:
    return error("argument_not_int", function=function, argument=argument, type_name=type(value).__name__)


# -- norms (branch random) -----------------------------------------------------------------------------


def norm_not_float(np_dtype: object, function: str = "linalg.vector_norm") -> Exception:
    return error("norm_not_float", function=function, type_word=_type_word(np_dtype))


def vector_norm_string_ord(ord: str) -> Exception:
    return error("vector_norm_string_ord", ord=repr(ord))


# -- reductions, sorting and counting (branch breadth_a) ------------------------------------------

_SCALAR_TYPES = {
    "float64": "Double",
    "float32": "Float",
    "float16": "Half",
    "int64": "Long",
    "int32": "Int",
    "int16": "Short",
    "int8": "Char",
    "uint8": "Byte",
    "bool": "Bool",
    "uint16": "UInt16",
    "uint32": "UInt32",
    "uint64": "UInt64",
}


def scalar_type_name(np_dtype: Any) -> str:
    """PyTorch's C++ name of a dtype, as its kernels' errors print it: 'Long', 'Float', 'Byte' ..."""
    name = getattr(np_dtype, "name", str(np_dtype))
    return _SCALAR_TYPES.get(name, name)


_C_TYPES = {
    "float32": "float",
    "float64": "double",
    "int64": "long int",
    "int32": "int",
    "float16": "c10::Half",
    "int16": "short int",
    "int8": "signed char",
    "uint8": "unsigned char",
    "bool": "bool",
}


def c_type_name(np_dtype: Any) -> str:
    """A dtype as C++ names it, as some of PyTorch's errors print it: 'float', 'double', 'long int' ..."""
    name = getattr(np_dtype, "name", str(np_dtype))
    return _C_TYPES.get(name, name)


def anomaly_nan(name: str, index: int) -> Exception:
    return error("anomaly_nan", name=name, index=index)


def anomaly_stack_text(name: str, stack: str) -> str:
    return text("anomaly_forward_call", name=name, stack=stack)


def anomaly_no_stack_text(name: str) -> str:
    return text("anomaly_no_forward_call", name=name)
