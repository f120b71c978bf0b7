"""Small helpers the autograd tests share: a leaf, a comparison, a custom Function."""

from __future__ import annotations

import numpy as np

import autograd_lab as torch


def leaf(*values, dtype=None):
    return torch.tensor(list(values), dtype=dtype, requires_grad=True)


def close(values, expected, **tolerance):
    """Compare a tensor (or a node's recorded array) with expected numbers."""
    array = values.detach().numpy() if isinstance(values, torch.Tensor) else values
    np.testing.assert_allclose(array, np.asarray(expected, dtype=np.float64), **tolerance)


def identity_function_in(m, backward):
    """A custom autograd.Function of module ``m`` computing x * 1, with the given backward(ctx, grad)."""
    return type(
        "Custom",
        (m.autograd.Function,),
        {"forward": staticmethod(lambda ctx, x: x * 1), "backward": staticmethod(backward)},
    )


def identity_function(backward):
    """A custom autograd.Function computing x * 1, with the given backward(ctx, grad)."""
    return identity_function_in(torch, backward)
