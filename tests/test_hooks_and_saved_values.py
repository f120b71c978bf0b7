"""Hooks, saved values by PyTorch's names, inference mode, save/load and small Tensor methods.

Most cases run the same code in PyTorch and here and compare what it prints
(skipped where PyTorch is not installed); the order hooks run in is also
written out by hand, so that it is checked without PyTorch too.
"""

from __future__ import annotations

import io
import textwrap
from contextlib import redirect_stdout
from typing import Any

import pytest

import autograd_lab as lab

HOOK_ORDER = """
x = m.tensor([1., 2.], requires_grad=True)
y = x * 2
y.register_hook(lambda g: print('y hook', g) or g * 10)
x.register_hook(lambda g: print('x hook', g))
y.retain_grad()
y.grad_fn.register_prehook(lambda go: print('pre', go))
y.grad_fn.register_hook(lambda gi, go: print('post', gi, go))
y.sum().backward()
print(x.grad, y.grad)
"""

PROGRAMS = {
    "hook order": HOOK_ORDER,
    "a removed hook": """
        x = m.tensor([1., 2.], requires_grad=True)
        h = x.register_hook(lambda g: g * 100)
        h.remove()
        (x * x).sum().backward()
        print(x.grad)
    """,
    "hooks on two leaves run in PyTorch's order": """
        a = m.tensor(1., requires_grad=True)
        b = m.tensor(2., requires_grad=True)
        a.register_hook(lambda g: print('a', g))
        b.register_hook(lambda g: print('b', g))
        (a * b + b * 3).backward()
    """,
    "a hook's result must keep the shape": """
        x = m.tensor([1., 2.], requires_grad=True)
        (x * 2).register_hook(lambda g: m.ones(3))
        try:
            (x * 2).sum().backward()
            y = x * 2
            y.register_hook(lambda g: m.ones(3))
            y.sum().backward()
        except RuntimeError as error:
            print(str(error).split(' Hint:')[0])
    """,
    "no hook on a tensor without grad": """
        try:
            m.ones(2).register_hook(lambda g: g)
        except RuntimeError as error:
            print(str(error).split(' Hint:')[0])
    """,
    "saved values": """
        x = m.tensor([1., 2.], requires_grad=True)
        z = x.pow(2)
        print(z.grad_fn._saved_self is x, z.grad_fn._saved_exponent)
        e = x.exp()
        print(e.grad_fn._saved_result)
        w = m.ones(2, 2, requires_grad=True)
        print((w @ w).grad_fn._saved_mat2, (x * x).grad_fn._saved_other is x)
        print(type(z.grad_fn).__name__, type((x * 2).grad_fn.next_functions[0][0]))
    """,
    "a saved input no needed gradient reads is None; a saved result is always there": """
        w = m.tensor([[1., 2.], [3., 4.]], requires_grad=True)
        c = m.tensor([[2., 3.], [1., 2.]])
        for y in (w * c, c * w, w / c, c / w, c @ w, w @ c, w.pow(c), c.pow(w), m.atan2(w, c)):
            node = y.grad_fn
            names = [n for n in ('self', 'other', 'mat2', 'exponent', 'result') if hasattr(node, '_saved_' + n)]
            print(type(node).__name__, [(n, getattr(node, '_saved_' + n) is None) for n in names])
        y = w.pow(c)
        y.add_(1)
        try:
            y.sum().backward()
        except RuntimeError as error:
            print(str(error).split(' Hint:')[0])
    """,
    "post-accumulate-grad hooks run after .grad is updated, on leaves only": """
        x = m.ones(2, requires_grad=True)
        for t in (m.ones(2), x * 2):
            try:
                t.register_post_accumulate_grad_hook(lambda p: None)
            except RuntimeError as error:
                print(str(error).split(' Hint:')[0])
        for result in (5, x * 2):
            handle = x.register_post_accumulate_grad_hook(lambda p, r=result: r)
            try:
                (x * 3).sum().backward()
            except (TypeError, RuntimeError) as error:
                print(type(error).__name__, str(error).split(' Hint:')[0], x.grad)
            handle.remove()
        x.grad = None
        order = []
        x.register_hook(lambda g: order.append('tensor hook'))
        x.register_post_accumulate_grad_hook(lambda p: order.append(('after', p.grad.tolist())))
        (x * 3).sum().backward()
        m.autograd.grad((x * 2).sum(), x)
        (x * 2).sum().backward(inputs=[x])
        print(order)
        w = m.tensor([1.0, -2.0], requires_grad=True)
        sgd = m.optim.SGD([w], lr=0.1)
        w.register_post_accumulate_grad_hook(lambda p: (sgd.step(), sgd.zero_grad()) and None)
        for _ in range(3):
            (w * w).sum().backward()
        print(w, w.grad)
    """,
    "inference mode": """
        with m.inference_mode():
            j = m.tensor([1., 2.]) * 2
        print(j.is_inference(), j.requires_grad, (j * 2).is_inference(), m.is_inference_mode_enabled())
        for attempt in (lambda: j.add_(1), lambda: j._version, lambda: (j * m.ones(2, requires_grad=True)).sum().backward()):
            try:
                attempt()
            except RuntimeError as error:
                print(str(error).split(' Hint:')[0])
    """,
    "type, retains_grad, detach_": """
        print(m.tensor([1, 2]).type(), m.tensor([1, 2]).type(m.FloatTensor), m.ones(2).type('torch.DoubleTensor'))
        y = m.ones(2, requires_grad=True) * 2
        print(y.retains_grad)
        y.retain_grad()
        print(y.retains_grad)
        print(y.detach_(), y.requires_grad, y.is_leaf)
    """,
    "save and load": """
        import io
        x = m.tensor([1., 2.], requires_grad=True)
        buffer = io.BytesIO()
        m.save({'y': x * 2, 'n': 3, 'p': m.nn.Parameter(m.ones(2))}, buffer)
        buffer.seek(0)
        loaded = m.load(buffer)
        print(loaded, loaded['y'].is_leaf)
    """,
    "save and load a device, a dtype and the generator's state": """
        import io
        buffer = io.BytesIO()
        m.save({'device': m.device('cpu'), 'dtype': m.float64, 'rng': m.get_rng_state()}, buffer)
        buffer.seek(0)
        loaded = m.load(buffer)
        m.set_rng_state(loaded['rng'])
        print(loaded['device'], loaded['dtype'], m.get_rng_state().equal(loaded['rng']))
    """,
}


def run(m: Any, program: str) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        exec(textwrap.dedent(program), {"m": m})  # noqa: S102 - our own programs
    return out.getvalue()


def test_hooks_run_in_pytorchs_order() -> None:
    # Written out by hand (PyTorch 2.13 prints the same): tensor hooks when the
    # gradient arrives, before retain_grad stores it; then the node's pre-hook,
    # the node, its post-hook; then the leaf's hook.
    assert run(lab, HOOK_ORDER).splitlines() == [
        "y hook tensor([1., 1.])",
        "pre (tensor([10., 10.]),)",
        "post (tensor([20., 20.]), None) (tensor([10., 10.]),)",
        "x hook tensor([20., 20.])",
        "tensor([20., 20.]) tensor([10., 10.])",
    ]


@pytest.mark.parametrize("program", PROGRAMS.values(), ids=PROGRAMS.keys())
def test_prints_what_pytorch_prints(program: str) -> None:
    torch_ref = pytest.importorskip("torch")
    assert run(lab, program) == run(torch_ref, program)
