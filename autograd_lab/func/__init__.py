"""``torch.func``: function transforms (grad, vmap, jacrev, jacfwd, hessian ...) and ``functional_call``.

A transform takes a function and returns a new one: ``grad(f)`` computes
``f``'s gradient, ``vmap(f)`` maps ``f`` over a batch dimension, and they
compose (``vmap(grad(loss))`` gives per-sample gradients, ``jacfwd(jacrev(f))``
the Hessian).  PyTorch implements them with its functorch machinery; here

- ``grad``, ``vjp``, ``jacrev`` run ``autograd.grad`` on the function's graph
  (recording it when an enclosing transform needs to differentiate again);
- ``jvp``, ``jacfwd``, ``linearize`` use the double-vjp trick, exact as
  forward mode is;
- ``vmap`` is a loop over the slices, stacking the results.

So values agree with PyTorch's up to rounding; the loop is what is slower.
See ``eager_transforms.py`` and ``vmap.py`` for how.

Examples
--------
>>> import autograd_lab as torch
>>> from autograd_lab.func import grad, vmap
>>> def loss(w, x):
...     return (w * x).sum() ** 2
>>> w = torch.tensor([1.0, -1.0])
>>> xs = torch.tensor([[1.0, 2.0], [3.0, 1.0]])
>>> vmap(grad(loss), in_dims=(None, 0))(w, xs)
tensor([[-2., -4.],
        [12.,  4.]])
"""

from __future__ import annotations

from ._extras import debug_unwrap, functionalize, replace_all_batch_norm_modules_
from .eager_transforms import grad, grad_and_value, hessian, jacfwd, jacrev, jvp, linearize, vjp
from .functional_call import functional_call, stack_module_state
from .vmap import vmap

__all__ = [
    "grad",
    "grad_and_value",
    "vmap",
    "replace_all_batch_norm_modules_",
    "functionalize",
    "hessian",
    "jacfwd",
    "jacrev",
    "jvp",
    "linearize",
    "vjp",
    "functional_call",
    "stack_module_state",
    "debug_unwrap",
]
