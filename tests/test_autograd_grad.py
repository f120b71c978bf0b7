"""autograd.grad: gradients returned, not stored in .grad; non-leaf inputs, allow_unused, grad_outputs.

Expected values are written out.
"""

from __future__ import annotations

import gc
import time

import pytest
from autograd_helpers import close, leaf

import autograd_lab as torch


def test_autograd_grad_leaves_dot_grad_untouched():
    x = leaf(1.0, 2.0)
    (g,) = torch.autograd.grad((x * x).sum(), x)
    close(g, [2, 4])
    assert x.grad is None
    (x * 3).sum().backward()
    before = x.grad
    torch.autograd.grad((x * x).sum(), x)
    assert x.grad is before
    close(x.grad, [3, 3])


def test_autograd_grad_of_non_leaf_inputs_and_allow_unused():
    x, unused = leaf(1.0, 2.0), leaf(5.0)
    y = x * 2
    z = (y**2).sum()
    gy, gx, gu = torch.autograd.grad(z, (y, x, unused), allow_unused=True)
    close(gy, [4, 8])  # dz/dy = 2y
    close(gx, [8, 16])  # dz/dx = 2y * 2
    assert gu is None
    assert x.grad is None


def test_autograd_grad_with_grad_outputs():
    x = leaf(1.0, 2.0)
    (g,) = torch.autograd.grad(x * x, x, grad_outputs=torch.tensor([1.0, 10.0]))
    close(g, [2, 40])


def test_autograd_grad_leaves_an_output_leaf_alone() -> None:
    c = torch.tensor(1.0, requires_grad=True)
    w = torch.tensor(2.0, requires_grad=True)
    (dw,) = torch.autograd.grad([c, w * 2], [w])
    assert dw.item() == 2.0
    assert c.grad is None and w.grad is None


def test_pruning_for_autograd_grad_is_linear() -> None:
    # Finding the nodes that lead to the inputs walks the graph once: a long
    # chain costs about what backward() costs, not the square of its length.
    # (The best of three, without the garbage collector: in a long test session one full collection
    # took 0.4 s inside the timed call, against the 0.015 s it measures.)
    x = torch.tensor(1.0, requires_grad=True)
    y = x
    for _ in range(4000):
        y = y * 1.0

    def best_of_three(call: object) -> float:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            call()
            times.append(time.perf_counter() - start)
        return min(times)

    gc.disable()
    try:
        with_pruning = best_of_three(lambda: torch.autograd.grad(y, x, retain_graph=True))
        plain = best_of_three(lambda: y.backward(retain_graph=True))
    finally:
        gc.enable()
    assert with_pruning < 20 * plain + 0.05


# -- PyTorch 2's further arguments, against PyTorch itself ----------------------------------------------

GRAD_CALLS = {
    "materialize_grads": "g.grad((a * 2).sum(), [a, b], materialize_grads=True)",
    "materialize_grads with create_graph": "[t.requires_grad for t in g.grad((a * 2).sum(), [a, b], materialize_grads=True, create_graph=True)]",
    "materialize_grads and allow_unused=False": "g.grad((a * 2).sum(), [a, b], materialize_grads=True, allow_unused=False)",
    "inputs as a dict": "g.grad((a * b).sum(), {'a': a, 'b': b})",
    "is_grads_batched": "g.grad(a * b, a, m.eye(2), is_grads_batched=True)",
    "is_grads_batched, two inputs, one unused": "g.grad(a * 3, [a, b], m.ones(4, 2), is_grads_batched=True, allow_unused=True)",
    "is_grads_batched, a Jacobian": "g.grad(m.stack([a.prod(), a.sum()]), a, m.eye(2), is_grads_batched=True)",
    "only_inputs=False": "g.grad((a * 2).sum(), a, only_inputs=False)",
}


def _grad_outcome(module: object, code: str) -> str:
    import warnings

    m = module
    a, b = m.tensor([1.0, 2.0], requires_grad=True), m.tensor([3.0, 5.0], requires_grad=True)
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        try:
            result = repr(eval(code, {"m": m, "g": m.autograd, "a": a, "b": b}))  # noqa: S307
        except Exception as error:  # noqa: BLE001 - the error is what is compared
            result = f"{type(error).__name__}: {str(error).split(' Hint:')[0]}"
    return result + "".join(f" [{w.category.__name__}: {str(w.message).split(' Hint:')[0]}]" for w in said)


@pytest.mark.parametrize("case", GRAD_CALLS)
def test_grad_arguments_as_torch(case: str) -> None:
    real = pytest.importorskip("torch")
    assert _grad_outcome(torch, GRAD_CALLS[case]) == _grad_outcome(real, GRAD_CALLS[case])
