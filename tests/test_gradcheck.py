"""gradcheck: it passes a right rule, catches a wrong one, and leaves its input as it was.

Expected values are written out.
"""

from __future__ import annotations

import numpy as np
import pytest
from autograd_helpers import close

import autograd_lab as torch
from autograd_lab.autograd import GradcheckError, gradcheck


def test_gradcheck_passes_for_a_correct_function():
    x = torch.tensor([0.5, 1.5, -2.0], dtype=torch.float64, requires_grad=True)
    w = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], dtype=torch.float64, requires_grad=True)
    assert gradcheck(lambda x, w: (x.sin() * x.exp()) @ w, (x, w))
    assert gradcheck(lambda x: (x**2).sum().sqrt(), x)
    # A non-contiguous input: the finite differences must still reach it.
    m = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], dtype=torch.float64).t().detach().requires_grad_()
    assert gradcheck(lambda m: m * m.sum(0), m)


def test_gradcheck_leaves_its_input_as_it_was_even_when_func_raises():
    x = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)

    def breaks_when_nudged(t):
        if t.tolist() != [1.0, 2.0]:
            raise ValueError("nudged")
        return t * 2

    with pytest.raises(ValueError, match="nudged"):
        gradcheck(breaks_when_nudged, (x,))
    assert x.tolist() == [1.0, 2.0]


@pytest.fixture
def wrong_square():
    """A throwaway op whose rule is wrong (3a instead of 2a), removed from OPS afterwards."""
    from autograd_lab.ops import OPS, defop, rule

    op = defop(
        "wrong_square",
        "WrongSquareBackward0",
        "²",
        np.square,
        a=rule("wrong: 3a", lambda grad, a: grad * 3 * a),
    )
    yield op
    del OPS["wrong_square"]


def test_gradcheck_catches_a_wrong_rule(wrong_square):
    x = torch.tensor([0.5, 1.5], dtype=torch.float64, requires_grad=True)
    assert type(wrong_square(x).grad_fn).__name__ == "WrongSquareBackward0"
    with pytest.raises(GradcheckError, match="Jacobian mismatch"):
        gradcheck(wrong_square, x)
    assert issubclass(GradcheckError, RuntimeError)
    assert gradcheck(wrong_square, x, raise_exception=False) is False
    close(x, [0.5, 1.5])  # the nudges were undone
