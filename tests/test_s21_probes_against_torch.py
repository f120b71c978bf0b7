"""Session 21's probes of students' and teachers' mistakes (scouts R and S: nn.Module and training loops,
printing and conversion, d2l-zh, autograd's edge cases), held against PyTorch."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import twins

import autograd_lab as lab

torch = pytest.importorskip("torch")


def outcome(m, code: str) -> tuple:
    return twins.outcome(m, code, {"np": np})


# PyTorch's error (type and first sentence); ours adds a hint.
REFUSED = [
    # making tensors
    "m.tensor(None)",
    "m.tensor({1, 2})",
    "m.tensor({'a': 1})",
    "m.tensor(x for x in [1])",
    "m.tensor([1.0, None])",
    "m.tensor([object()])",
    "m.tensor(['1', '2'])",
    "m.tensor([2**64])",
    "m.tensor([2**63])",
    "m.tensor([-2**63 - 1])",
    "m.tensor([256], dtype=m.uint8)",
    "m.tensor([-256], dtype=m.uint8)",
    "m.tensor([-0.5], dtype=m.uint8)",
    "m.tensor([255.9], dtype=m.uint8)",
    "m.tensor([200], dtype=m.int8)",
    "m.tensor([[1, 2], [3, 2**40]], dtype=m.int32)",
    "m.tensor([float('nan')], dtype=m.int32)",
    "m.tensor(300, dtype=m.uint8)",
    "m.tensor(np.arange(3.0)[::-1])",
    "m.tensor(np.array([1.0, 2.0], dtype='>f8'))",
    "m.as_tensor(np.arange(3.0)[::-1])",
    "m.from_numpy(np.arange(3.0)[::-1])",
    "m.from_numpy(np.arange(6.0).reshape(2, 3)[:, ::-1])",
    "m.from_numpy(np.array([1.0, 2.0], dtype='>f8'))",
    "m.from_numpy(np.float64(2.5))",
    "m.from_numpy([1, 2])",
    # products and operators
    "m.bmm(m.ones(2, 3), m.ones(3, 2))",
    "m.bmm(m.ones(2, 3, 4), m.ones(3, 2))",
    "m.ones(2, 3).bmm(m.ones(2, 3, 4))",
    "~m.tensor([1.0])",
    "[1, 2] in m.tensor([1, 2])",
    # autograd
    "m.set_grad_enabled('no')",
    "m.set_grad_enabled(0)",
    "m.ones(2, requires_grad=True).sum().backward(inputs=[])",
    "(m.ones(2, requires_grad=True) * 2).backward([1.0, 1.0])",
    "m.autograd.backward([(m.ones(2, requires_grad=True) * 2).sum()], [1.0])",
    "m.autograd.grad([x.sum(), (x * x).sum()], x, grad_outputs=[m.tensor(1.0)])",
    "m.autograd.grad((x * 2).sum(), [x, 1.0])",
    "m.autograd.grad((x * 2).sum(), [x, None])",
    "hooked(x, lambda g: g.double())",
    "hooked(m.tensor([1.0, 2.0], requires_grad=True), lambda g: g.long())",
]


def _x(m):
    return m.tensor([1.0, 2.0], requires_grad=True)


def _hooked(m):
    def hooked(leaf, hook):
        y = leaf * 2
        y.register_hook(hook)
        y.sum().backward()
        return leaf.grad

    return hooked


def _outcome_with(m, code: str) -> tuple:
    return twins.outcome(m, code, {"np": np, "x": _x(m), "hooked": _hooked(m)})


@pytest.mark.parametrize("code", REFUSED)
def test_refused_as_pytorch_refuses_it(code: str) -> None:
    assert _outcome_with(lab, code) == _outcome_with(torch, code)


# PyTorch's results (autograd_lab refused, or computed another).
COMPUTED = [
    "m.tensor([-1], dtype=m.uint8)",  # (an integer wraps into an unsigned dtype, down to minus its largest)
    "m.tensor([-255, 255], dtype=m.uint8)",
    "m.tensor([1, 2.5], dtype=m.int8)",
    "m.tensor([2**63 - 1, -2**63])",
    "m.tensor(np.array([256]), dtype=m.uint8)",  # (an array is cast without the check)
    "m.tensor([1e40], dtype=m.float32)",
    "m.tensor([3], dtype=m.int32) + 2**40",  # a Python int wraps into the tensor's integer dtype
    "m.tensor([3], dtype=m.uint8) + 300",
    "m.tensor([3], dtype=m.int32) + 2**31",
    "m.tensor([3]) * 2**63",
    "m.tensor([3]) + 2**62",
    "m.bmm(m.ones(2, 1, 3), m.ones(2, 3, 1))",
    "m.ones(1, 1, 3).bmm(mat2=m.ones(1, 3, 1))",
    "~m.tensor([1, 0])",
    "~m.tensor([True, False])",
    "m.tensor([1, 2]) in m.tensor([[1, 2], [3, 4]])",
    "m.tensor([1, 3]) in m.tensor([[1, 2], [3, 4]])",
    "2 in m.tensor([[1, 2], [3, 4]])",
    "2.5 in m.tensor([[1, 2], [3, 4]])",
    "np.int64(3) in m.tensor([[1, 2], [3, 4]])",
    "m.tensor([1.5], requires_grad=True).numpy(force=True)",
    # autograd
    "m.autograd.grad(x * 2, x, grad_outputs=m.ones(2, dtype=m.long))",
    "m.autograd.grad(x * 2, x, grad_outputs=m.ones(2, dtype=m.int32))",
    "m.autograd.grad(x * 2, x, grad_outputs=m.ones(2, dtype=m.bool))",
    "m.autograd.grad(x.sum(), x, grad_outputs=[m.tensor(1.0), m.tensor(1.0)])",
    "m.autograd.grad(m.autograd.grad(m.relu(x - 1.5).sum(), x, create_graph=True)[0].sum(), x)",
    "m.autograd.grad(m.relu(x - 1.5).sum(), x, create_graph=True)",
    "m.autograd.functional.hessian(lambda z: m.relu(z).sum(), m.tensor([0.3, -0.2]), strict=True)",
    "m.autograd.grad(m.autograd.grad((m.relu(x * 3) ** 2).sum(), x, create_graph=True)[0].sum(), x)",
]


@pytest.mark.parametrize("code", COMPUTED)
def test_computed_as_pytorch_computes_it(code: str) -> None:
    assert _outcome_with(lab, code) == _outcome_with(torch, code)


# Python's own errors, or the text of a format: no hint, compared whole.
PYTHON = [
    "f'{m.tensor([0.91234]):.2f}'",
    "f'{m.tensor([3]):d}'",
    "f'{m.tensor(0.91234):.2f}'",
    "f'{m.tensor([0.91234])}'",
    "f'{m.nn.Parameter(m.tensor(2.0)):.1f}'",
    "f'{m.tensor(1.5, requires_grad=True):.3f}'",
    "(m.ones(2) * 2).sum().backward(1.0)",
]


@pytest.mark.parametrize("code", PYTHON)
def test_pythons_own_text_as_with_pytorch(code: str) -> None:
    assert twins.plain_outcome(lab, code, {"np": np}) == twins.plain_outcome(torch, code, {"np": np})


SETITEM = ["x[:] = [3.0, 4.0]", "x[0] = [3.0]", "x[:] = (3.0, 4.0)", "x[0] = np.float64(3.0)"]


@pytest.mark.parametrize("code", SETITEM)
def test_assigning_a_list_into_a_tensor_is_refused_as_in_pytorch(code: str) -> None:
    def run(m) -> str:
        x = m.ones(2)
        try:
            exec(code, {"x": x, "np": np})  # noqa: S102 - the table above
        except Exception as error:
            return f"{type(error).__name__}: {str(error).split(' Hint: ')[0]}"
        return repr(x)

    assert run(lab) == run(torch)


def _grad_modes(m) -> list:
    """The decorators and switches of grad mode, as a training loop and a data generator use them."""
    w = m.ones(2, requires_grad=True)
    seen = []

    @m.no_grad
    def evaluate(x):
        return x * 2

    @m.enable_grad
    def train(x):
        return x * 2

    @m.inference_mode
    def infer(x):
        return x * 2

    @m.no_grad()
    def batches():
        for i in range(2):
            yield w * i

    @m.no_grad
    def conversation():
        sent = yield 1
        yield sent, m.is_grad_enabled()
        return 5

    seen.append((evaluate(w).requires_grad, evaluate.__name__))
    with m.no_grad():
        seen.append(train(w).requires_grad)
    seen.append(infer(m.ones(1)).is_inference())
    seen.append([b.requires_grad for b in batches()])
    talk = conversation()
    seen.append((next(talk), talk.send(7), m.is_grad_enabled()))
    with m.inference_mode(), m.enable_grad():
        y = w * 2
        seen.append(m.is_grad_enabled())
    seen.append((y.requires_grad, y.is_inference()))
    with m.no_grad(), m.inference_mode(False):
        seen.append(((w * 2).requires_grad, m.is_grad_enabled()))
    with m.inference_mode(), m.inference_mode(False):
        z = w * 2
        seen.append((z.requires_grad, z.is_inference()))
    seen.append((m.is_grad_enabled(), m.is_inference_mode_enabled()))
    return seen


def test_grad_mode_switches_and_decorators_as_pytorchs() -> None:
    """@no_grad without parentheses (PyTorch 2), a decorated generator (each step switched),
    enable_grad inside inference_mode (no graph), inference_mode(False) (grad mode on)."""
    assert _grad_modes(lab) == _grad_modes(torch)


def test_deprecated_assert_allclose_warns_and_checks_as_pytorchs() -> None:
    for m in (lab, torch):
        with pytest.warns(FutureWarning, match="assert_allclose"):
            m.testing.assert_allclose(m.tensor([1.0]), [1.00005])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with pytest.raises(AssertionError, match="Tensor-likes are not close"):
                m.testing.assert_allclose(m.tensor([1.0]), [1.001])


def test_a_read_only_array_is_shared_with_pytorchs_warning() -> None:
    array = np.arange(3.0)
    array.setflags(write=False)
    caught = []
    for m in (lab, torch):
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            lab.messages._warned.discard("from_numpy_not_writable")
            m.from_numpy(array)
        caught.append([str(w.message).split(" Hint: ")[0].split(" (Triggered")[0] for w in seen])
    assert caught[0] == caught[1] and len(caught[0]) == 1
