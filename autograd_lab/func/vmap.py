"""``vmap``: a function mapped over a dimension of its inputs, written as a loop.

PyTorch's ``vmap`` runs the function once, on tensors that carry a hidden
batch dimension, and each operation handles the whole batch.  Here it is the
loop that definition describes: for each index ``i`` of the mapped
dimension, the function runs on the slices ``x.select(in_dim, i)`` (inputs
with ``in_dim=None`` are passed whole), and each output's results are
stacked along its ``out_dim``.  For per-sample code (no communication
between samples) the values are the same (a one-row product in the loop
follows the order of PyTorch's product of the whole batch: see
``ops._product_order.in_vmap``); what differs is speed, and that
code PyTorch refuses inside ``vmap`` (``.item()``, branching on a value)
runs here.

The checks of ``in_dims``, ``out_dims`` and ``randomness`` are PyTorch's,
with its errors.  Two places where the loop has to decide what PyTorch knows
from its batched tensors: an output with ``out_dims=None`` must not depend on
the mapped inputs, which here means every slice gave the same values; and
with a batch of size 0 the function runs once on zeros shaped like a slice,
to learn the shapes of the (empty) outputs.  ``randomness``: ``'error'`` refuses random operations in
the function; ``'same'`` gives every slice the same random numbers (the
generator is rewound before each slice); ``'different'`` lets each slice
draw its own, one slice after another.  PyTorch draws each random
operation once for the whole batch; for a function with one random
operation whose draw PyTorch takes number by number (uniform numbers,
dropout masks, fewer than 16 normal numbers in all) that gives PyTorch's
numbers.  With several random operations, or a bigger normal draw (PyTorch
makes those in blocks of 16), the numbers differ from PyTorch's.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np

from .. import messages
from .._grad_mode import _grad_mode
from .._random import get_rng_state, set_rng_state
from ..ops._product_order import in_vmap
from ..ops.shape import stack
from ..tensor import Tensor
from ._pytree import broadcast_to_and_flatten, tree_flatten, tree_leaves, tree_unflatten

__all__ = ["vmap"]


def _get_name(func: Any) -> str:
    if hasattr(func, "__name__"):
        return func.__name__
    if isinstance(func, functools.partial):
        return f"functools.partial({_get_name(func.func)}, ...)"
    return repr(func)


def _check_randomness_arg(randomness: str) -> None:
    if randomness not in ("error", "different", "same"):
        raise messages.error("func_vmap_randomness", randomness=randomness)


def _random_error_check(randomness: str) -> Callable[[], None]:
    """For ``randomness='error'``: a check, to call afterwards, that nothing drew random numbers."""
    if randomness != "error":
        return lambda: None
    before = get_rng_state()

    def check() -> None:
        if not np.array_equal(get_rng_state().numpy(), before.numpy()):
            set_rng_state(before)
            raise messages.error("func_vmap_random")

    return check


def _check_out_dims(out_dims: Any, func: Callable) -> None:
    if isinstance(out_dims, int):
        return
    for leaf in tree_leaves(out_dims):
        if leaf is not None and not isinstance(leaf, int):
            raise messages.error("func_vmap_out_dims_type", name=_get_name(func), out_dims=out_dims)


def _batched_inputs(in_dims: Any, args: tuple, func: Callable) -> tuple[int, list, list, Any]:
    """``(batch size, flat in_dims, flat args, args' structure)``, after PyTorch's checks."""
    name = _get_name(func)
    if not isinstance(in_dims, (int, tuple)):
        raise messages.error("func_vmap_in_dims_type", name=name, in_dims=in_dims, type_repr=type(in_dims))
    if not args:
        raise messages.error("func_vmap_no_inputs", name=name)
    flat_args, args_spec = tree_flatten(args)
    flat_in_dims = broadcast_to_and_flatten(in_dims, args_spec)
    if flat_in_dims is None:
        raise messages.error(
            "func_vmap_in_dims_structure",
            name=name,
            in_dims=in_dims,
            in_dims_spec=tree_flatten(in_dims)[1],
            args_spec=args_spec,
        )
    for index, (arg, in_dim) in enumerate(zip(flat_args, flat_in_dims, strict=True)):
        if not isinstance(in_dim, int) and in_dim is not None:
            raise messages.error("func_vmap_in_dim_type", name=name, in_dims=in_dims, in_dim=in_dim)
        if isinstance(in_dim, int) and not isinstance(arg, Tensor):
            raise messages.error(
                "func_vmap_in_dim_not_tensor", name=name, in_dims=in_dims, in_dim=in_dim, type_repr=type(arg)
            )
        if in_dim is not None and not -arg.dim() <= in_dim < arg.dim():
            raise messages.error(
                "func_vmap_in_dim_range", name=name, in_dims=in_dims, in_dim=in_dim, dim=arg.dim()
            )
        if in_dim is not None and in_dim < 0:
            flat_in_dims[index] = in_dim % arg.dim()
    sizes = [
        arg.size(in_dim) for arg, in_dim in zip(flat_args, flat_in_dims, strict=True) if in_dim is not None
    ]
    if not sizes:
        raise messages.error("func_vmap_no_tensor")
    if any(size != sizes[0] for size in sizes):
        raise messages.error("func_vmap_sizes", sizes=sizes)
    return sizes[0], flat_in_dims, flat_args, args_spec


def _same_values(first: Tensor, other: Any) -> bool:
    if other is first:
        return True
    if not isinstance(other, Tensor) or other.shape != first.shape:
        return False
    return bool(np.array_equal(first.detach().numpy(), other.detach().numpy(), equal_nan=True))


def _stacked_outputs(results: list, out_dims: Any, func: Callable, empty: bool) -> Any:
    """The outputs of every slice, each stacked along its out_dim (``empty``: the batch had no slices)."""
    name = _get_name(func)
    first_flat, spec = tree_flatten(results[0])
    if spec.is_leaf():
        if isinstance(out_dims, int) or out_dims is None:
            flat_out_dims = [out_dims]
        elif isinstance(out_dims, tuple) and len(out_dims) == 1:
            flat_out_dims = list(out_dims)
        else:
            flat_out_dims = None
    else:
        flat_out_dims = broadcast_to_and_flatten(out_dims, spec)
    if flat_out_dims is None:
        raise messages.error(
            "func_vmap_out_dims_structure",
            name=name,
            out_dims=out_dims,
            out_dims_spec=tree_flatten(out_dims)[1],
            outputs_spec=spec,
        )
    per_slice = [first_flat] + [tree_flatten(result)[0] for result in results[1:]]
    outputs = []
    for index, out_dim in enumerate(flat_out_dims):
        values = [flat[index] for flat in per_slice]
        first = values[0]
        if out_dim is None:
            if (
                isinstance(first, Tensor)
                and not empty
                and not all(_same_values(first, v) for v in values[1:])
            ):
                raise messages.error("func_vmap_batched_out_dim_none", name=name)
            outputs.append(first)
            continue
        if not isinstance(first, Tensor):
            raise messages.error("func_vmap_returns_non_tensor", name=name, type_repr=type(first))
        stacked = stack(values, dim=out_dim)
        outputs.append(stacked.narrow(out_dim % stacked.dim(), 0, 0) if empty else stacked)
    return tree_unflatten(outputs, spec)


def _vmap_loop(
    func: Callable, in_dims: Any, out_dims: Any, randomness: str, args: tuple, kwargs: dict
) -> Any:
    _check_out_dims(out_dims, func)
    batch_size, flat_in_dims, flat_args, args_spec = _batched_inputs(in_dims, args, func)
    start = get_rng_state() if randomness == "same" else None
    check = _random_error_check(randomness)
    results = []
    for index in range(max(batch_size, 1)):
        if start is not None:
            set_rng_state(start)  # 'same': every slice draws what the first drew
        if batch_size == 0:  # no slices: one run on zeros tells the outputs' shapes
            sliced = [
                arg if d is None else arg.new_zeros(arg.shape[:d] + arg.shape[d + 1 :])
                for arg, d in zip(flat_args, flat_in_dims, strict=True)
            ]
        else:
            sliced = [
                arg if d is None else arg.select(d, index)
                for arg, d in zip(flat_args, flat_in_dims, strict=True)
            ]
        outer_rows = in_vmap.rows
        in_vmap.rows = outer_rows * max(batch_size, 1)  # (a one-row product: a row of PyTorch's batched one)
        _grad_mode.transforms += 1
        try:
            results.append(func(*tree_unflatten(sliced, args_spec), **kwargs))
        finally:
            _grad_mode.transforms -= 1
            in_vmap.rows = outer_rows
        check()
    return _stacked_outputs(results, out_dims, func, empty=batch_size == 0)


def vmap(
    func: Callable,
    in_dims: int | tuple = 0,
    out_dims: int | tuple | None = 0,
    randomness: str = "error",
    *,
    chunk_size: int | None = None,
) -> Callable:
    """``func`` mapped over a dimension of its inputs: ``vmap(f)(x)`` is ``stack([f(x[0]), f(x[1]), ...])``.

    Here it runs as that loop (see the module's notes); PyTorch's runs
    ``func`` once on batched tensors.  For per-sample code the values are
    the same.

    Parameters
    ----------
    func : callable
        Takes tensors (or pytrees of them) and returns a tensor or a pytree of tensors.
    in_dims : int or tuple
        The dimension of each input to map over, ``None`` for an input passed
        whole to every call; a tuple (possibly nested, like the inputs)
        gives one per input.
    out_dims : int, None or tuple
        Where the mapped dimension goes in each output (``None``: the output
        does not depend on the mapped inputs and is returned once).
    randomness : {'error', 'different', 'same'}
        What random operations inside ``func`` do.
    chunk_size : int, optional
        How many slices PyTorch computes at a time; checked, and changes
        nothing here.

    Examples
    --------
    >>> import autograd_lab as torch
    >>> from autograd_lab.func import vmap
    >>> x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    >>> vmap(torch.dot)(x, x)
    tensor([ 5., 25.])
    >>> vmap(lambda row, w: row * w, in_dims=(1, None))(x, torch.tensor(10.0))
    tensor([[10., 30.],
            [20., 40.]])
    """
    _check_randomness_arg(randomness)
    if not (chunk_size is None or chunk_size > 0):
        raise messages.error("func_vmap_chunk", chunk_size=chunk_size)

    @functools.wraps(func)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        return _vmap_loop(func, in_dims, out_dims, randomness, args, kwargs)

    return wrapped
