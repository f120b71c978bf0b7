"""``torch.autograd.graph`` in session 13: multi-grad hooks, saved-tensor hooks switched off, mutation of
saved tensors, gradient edges, ``increment_version`` and ``Node``, each script run in autograd_lab and in
PyTorch.

A script prints what a lesson would show; its transcript (what it printed, then its exception's type and
first line, our hint cut off) must be PyTorch's.  Skipped where PyTorch is not installed.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
import warnings
from types import ModuleType

import pytest
import twins

torch_ref = pytest.importorskip("torch")

import autograd_lab as lab  # noqa: E402
from autograd_lab.autograd import engine  # noqa: E402

MUTATION = """
with torch.autograd.graph.allow_mutation_on_saved_tensors() as ctx:
    a = torch.ones(2, 3, requires_grad=True)
    b = a.clone() * torch.tensor([[1., 2., 3.], [4., 5., 6.]])
    out = (b**2).sum() + b.exp().sum()
    {change}
    print(len(ctx.cloned), len(ctx.original))
    out.backward()
    print(a.grad)
    print(b)
print(len(ctx.cloned), len(ctx.original))
"""

SCRIPTS = {
    # -- register_multi_grad_hook --------------------------------------------------------------------
    "multi-grad hook: PyTorch's docstring example": """
a = torch.rand(2, 3, requires_grad=True)
b = torch.rand(2, 3, requires_grad=True)
c = a * b
d = a * b
def fn(grads):
    print([g is not None for g in grads])
handle = torch.autograd.graph.register_multi_grad_hook((a, b, c, d), fn)
print(type(handle))
c.sum().backward(retain_graph=True)
c.sum().backward(inputs=(a,), retain_graph=True)
(c + d).sum().backward(retain_graph=True)
handle.remove()
c.sum().backward(retain_graph=True)
print("removed")
""",
    "multi-grad hook: the gradients themselves": """
a = torch.tensor([1., 2.], requires_grad=True)
b = a * 3
c = b.exp()
torch.autograd.graph.register_multi_grad_hook((b, a), lambda grads: print(grads))
c.sum().backward()
""",
    "multi-grad hook: autograd.grad of a non-leaf, and backward(inputs=)": """
a = torch.tensor([1., 2.], requires_grad=True)
b = a * 2
c = b.exp()
d = a * 3
torch.autograd.graph.register_multi_grad_hook((c, b, d), lambda grads: print("all", grads))
print(torch.autograd.grad(c.sum(), b, retain_graph=True))
print(torch.autograd.grad(c.sum() + d.sum(), a, retain_graph=True))
(c.sum() + d.sum()).backward(inputs=[b])
""",
    "multi-grad hook: autograd.grad of a watched leaf": """
a = torch.tensor([1., 2.], requires_grad=True)
torch.autograd.graph.register_multi_grad_hook((a,), print)
torch.autograd.grad((a * a).sum(), a)
""",
    "multi-grad hook: one tensor twice, two outputs": """
a = torch.tensor([1., 2.], requires_grad=True)
torch.autograd.graph.register_multi_grad_hook((a, a), lambda grads: print("all", grads))
(a * 2).sum().backward()
torch.autograd.backward([(a * 2).sum(), (a * a).sum()])
""",
    "multi-grad hook: mode any": """
a = torch.tensor([1., 2.], requires_grad=True)
b = torch.tensor([3., 4.], requires_grad=True)
c = torch.tensor([3., 4.])
handle = torch.autograd.graph.register_multi_grad_hook((a, b, c), lambda g: print("any", g), mode="any")
(a * b).sum().backward()
(a * 2).sum().backward()
handle.remove()
(a * 2).sum().backward()
x = a * 2
y = x.exp()
torch.autograd.graph.register_multi_grad_hook((y, x), lambda g: print("first", g), mode="any")
print(torch.autograd.grad(y.sum(), a))
""",
    "multi-grad hook: a hook that runs a backward pass of its own": """
a = torch.tensor([1., 2.], requires_grad=True)
b = a * 2
def fn(grads):
    x = torch.tensor([3.], requires_grad=True)
    (x * x).sum().backward()
torch.autograd.graph.register_multi_grad_hook((a, b), fn)
torch.autograd.graph.register_multi_grad_hook((b,), lambda g: print("first", g), mode="any")
(b * b).sum().backward()
""",
    "multi-grad hook: an unknown mode": """
a = torch.tensor([1., 2.], requires_grad=True)
torch.autograd.graph.register_multi_grad_hook((a,), print, mode="some")
""",
    "multi-grad hook: a tensor without grad in mode all": """
a = torch.tensor([1., 2.], requires_grad=True)
torch.autograd.graph.register_multi_grad_hook((a, torch.tensor([1., 2.])), print)
""",
    # -- disable_saved_tensors_hooks -----------------------------------------------------------------
    "disable_saved_tensors_hooks: PyTorch's docstring example": """
message = "saved tensors default hooks are disabled"
with torch.autograd.graph.disable_saved_tensors_hooks(message):
    with torch.autograd.graph.save_on_cpu():
        pass
""",
    "disable_saved_tensors_hooks: nested, restored, as a decorator": """
with torch.autograd.graph.disable_saved_tensors_hooks("outer"):
    with torch.autograd.graph.disable_saved_tensors_hooks("inner"):
        try:
            with torch.autograd.graph.saved_tensors_hooks(lambda x: x, lambda x: x):
                pass
        except RuntimeError as error:
            print(str(error).split(" Hint: ")[0])
    try:
        with torch.autograd.graph.saved_tensors_hooks(lambda x: x, lambda x: x):
            pass
    except RuntimeError as error:
        print(str(error).split(" Hint: ")[0])
with torch.autograd.graph.saved_tensors_hooks(lambda x: x, lambda x: x):
    print("hooks again")
@torch.autograd.graph.disable_saved_tensors_hooks("decorated")
def f():
    with torch.autograd.graph.saved_tensors_hooks(lambda x: x, lambda x: x):
        pass
f()
""",
    "disable_saved_tensors_hooks: entered while hooks are set": """
with torch.autograd.graph.saved_tensors_hooks(lambda x: x, lambda x: x):
    try:
        with torch.autograd.graph.disable_saved_tensors_hooks("inside"):
            print("entered")
    except RuntimeError as error:
        print(str(error).split(" Hint: ")[0])
    a = torch.tensor([1.], requires_grad=True)
    b = a * a
b.backward()
print(a.grad)
with torch.autograd.graph.saved_tensors_hooks(lambda x: x, lambda x: x):
    print("not disabled after")
""",
    # -- allow_mutation_on_saved_tensors -------------------------------------------------------------
    "allow_mutation_on_saved_tensors: PyTorch's docstring example": """
with torch.autograd.graph.allow_mutation_on_saved_tensors():
    a = torch.ones(2, 3, requires_grad=True)
    b = a.clone()
    out = (b**2).sum()
    print(b.sin_())
    out.sum().backward()
print(a.grad)
""",
    "allow_mutation_on_saved_tensors: the context": """
with torch.autograd.graph.allow_mutation_on_saved_tensors() as ctx:
    print(type(ctx))
    a = torch.ones(3, requires_grad=True)
    b = a * 2
    c = b * b
    print(c.grad_fn._saved_self)
    b.add_(1)
    print(c.grad_fn._saved_self, c.grad_fn._saved_other, len(ctx.cloned), len(ctx.original))
print(len(ctx.cloned), len(ctx.original), len(ctx.sid_to_tid))
print(c.grad_fn._saved_self)
""",
    "allow_mutation_on_saved_tensors: backward after the block": """
with torch.autograd.graph.allow_mutation_on_saved_tensors():
    a = torch.ones(2, 3, requires_grad=True)
    b = a.clone()
    out = (b**2).sum()
    b.sin_()
out.backward()
""",
    "allow_mutation_on_saved_tensors: backward after the block, nothing changed": """
with torch.autograd.graph.allow_mutation_on_saved_tensors():
    a = torch.ones(2, 3, requires_grad=True)
    out = (a.clone() ** 2).sum()
out.backward()
""",
    "allow_mutation_on_saved_tensors: nested": """
with torch.autograd.graph.allow_mutation_on_saved_tensors() as ctx:
    a = torch.ones(3, requires_grad=True)
    b = a * 2
    out = (b * b).sum()
    try:
        with torch.autograd.graph.allow_mutation_on_saved_tensors():
            pass
    except RuntimeError as error:
        print(str(error).split(" Hint: ")[0])
    b.add_(1)
    out.backward()
""",
    "allow_mutation_on_saved_tensors: hooks switched off": """
with torch.autograd.graph.disable_saved_tensors_hooks("no hooks here"):
    with torch.autograd.graph.allow_mutation_on_saved_tensors():
        pass
""",
    "allow_mutation_on_saved_tensors: the usual error again after the block": """
with torch.autograd.graph.allow_mutation_on_saved_tensors():
    pass
a = torch.ones(3, requires_grad=True)
b = a * 2
out = (b * b).sum()
b.add_(1)
out.backward()
""",
    "allow_mutation_on_saved_tensors: backward twice, changed between": """
with torch.autograd.graph.allow_mutation_on_saved_tensors():
    a = torch.ones(3, requires_grad=True)
    b = a * 2
    out = (b * b).sum()
    b.mul_(10)
    out.backward(retain_graph=True)
    b.mul_(10)
    out.backward()
    print(a.grad, b)
""",
    "allow_mutation_on_saved_tensors: a leaf changed under no_grad": """
with torch.autograd.graph.allow_mutation_on_saved_tensors():
    w = torch.ones(3, requires_grad=True)
    out = (w * w).sum()
    with torch.no_grad():
        w.sub_(0.5)
    out.backward()
    print(w.grad, w)
""",
    **{
        f"allow_mutation_on_saved_tensors: {change}": MUTATION.format(change=change)
        for change in (
            "b.zero_()",
            "b[0] = 3",
            "b.copy_(torch.full((2, 3), 7.))",
            "b += 1",
            "b[1].mul_(5)",  # PyTorch matches memory by its first element: this view's change is not seen
            "b[:, 1].mul_(5)",
            "b.view(-1).add_(1)",
            "b.clamp_(max=0.5)",
            "b.data.add_(1)",
            "b.detach().add_(1)",
            "b.exp_()",
            "torch.nn.init.zeros_(b)",
            "b.mul_(b)",
        )
    },
    # -- gradient edges, increment_version, Node ---------------------------------------------------
    "get_gradient_edge": """
a = torch.tensor([1., 2.], requires_grad=True)
b = a * 2
c = (b * b).sum()
e = torch.autograd.graph.get_gradient_edge(b)
print(type(e).__name__, e.node.name(), e.output_nr, e.ownership_token, e._fields)
print(torch.autograd.grad(c, e, retain_graph=True))
print(torch.autograd.grad(c, [e, a], retain_graph=True))
ea = torch.autograd.graph.get_gradient_edge(a)
print(ea.node.name(), ea.node is torch.autograd.graph.get_gradient_edge(a).node)
x, y = (a * 1).unbind()
print(torch.autograd.graph.get_gradient_edge(y).output_nr, torch.autograd.graph.get_gradient_edge(y).node.name())
torch.autograd.graph.get_gradient_edge(torch.ones(1))
""",
    "get_gradient_edge in backward(inputs=)": """
a = torch.tensor([1., 2.], requires_grad=True)
b = a * 2
c = (b * b).sum()
c.backward(inputs=[torch.autograd.graph.get_gradient_edge(a)], retain_graph=True)
print(a.grad)
c.backward(inputs=torch.autograd.graph.get_gradient_edge(b), retain_graph=True)
print(a.grad, b.retains_grad)
""",
    "increment_version": """
a = torch.tensor([1., 2.], requires_grad=True)
b = a * 1
torch.autograd.graph.increment_version(b)
print(b._version)
torch.autograd.graph.increment_version([b, a])
print(b._version, a._version)
with torch.inference_mode():
    t = torch.ones(2)
torch.autograd.graph.increment_version(t)
c = b * b
torch.autograd.graph.increment_version(b)
c.sum().backward()
""",
    "Node: isinstance, name, hooks, metadata": """
a = torch.tensor([0., 0., 0.], requires_grad=True)
b = a.clone()
print(isinstance(b.grad_fn, torch.autograd.graph.Node), b.grad_fn.name())
leaf_node = b.grad_fn.next_functions[0][0]
print(isinstance(leaf_node, torch.autograd.graph.Node), leaf_node.name(), leaf_node.metadata)
print(isinstance(a, torch.autograd.graph.Node), isinstance(None, torch.autograd.graph.Node))
handle = b.grad_fn.register_hook(lambda gI, gO: (gO[0] * 2,))
b.sum().backward(retain_graph=True)
print(a.grad)
handle.remove()
a.grad = None
b.sum().backward(retain_graph=True)
print(a.grad)
b.grad_fn.metadata["note"] = 1
print(b.grad_fn.metadata, b.grad_fn.metadata is b.grad_fn.metadata)
""",
}


def transcript(m: ModuleType, script: str) -> tuple[str, str | None]:
    """What ``script`` printed (``torch`` being ``m``), and its exception's type and first line, or None.

    Our errors must carry a hint, cut off here so that the rest compares with PyTorch's.
    """
    printed = io.StringIO()
    error_line = None
    with warnings.catch_warnings(), contextlib.redirect_stdout(printed):
        warnings.simplefilter("ignore")
        m.manual_seed(0)
        try:
            exec(script, {"torch": m})  # noqa: S102 - the scripts of this file
        except Exception as error:
            error_line = twins.error_line(m, error)
    return printed.getvalue(), error_line


@pytest.mark.parametrize("name", SCRIPTS)
def test_script_runs_as_in_pytorch(name: str) -> None:
    ours, theirs = transcript(lab, SCRIPTS[name]), transcript(torch_ref, SCRIPTS[name])
    assert ours[0] == theirs[0]
    if theirs[1] is None or ours[1] is None:
        assert ours[1] == theirs[1]
    else:  # our first sentence, then PyTorch may say more on that line
        assert theirs[1].startswith(ours[1]), (ours[1], theirs[1])


def test_graph_has_pytorchs_public_names() -> None:
    cuda_or_compile_only = {
        "region_activation_memory_budget",
        "set_warn_on_accumulate_grad_stream_mismatch",
        "set_override_stale_capture_stream",
    }
    missing = set(torch_ref.autograd.graph.__all__) - set(lab.autograd.graph.__all__)
    assert missing == cuda_or_compile_only
    assert set(lab.autograd.graph.__all__) <= set(dir(lab.autograd.graph))
    for name in lab.autograd.graph.__all__:
        assert getattr(lab.autograd.graph, name) is not None
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        lab.autograd.graph.nothing_here  # noqa: B018


def test_the_names_loaded_on_use_are_not_imported_with_the_package() -> None:
    code = (
        "import sys, autograd_lab\n"
        "late = ('multi_grad_hook', 'mutation_on_saved', 'gradient_edges')\n"
        "print([n for n in late if f'autograd_lab.autograd.{n}' in sys.modules])\n"
        "autograd_lab.autograd.graph.get_gradient_edge\n"
        "print([n for n in late if f'autograd_lab.autograd.{n}' in sys.modules])\n"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.split("\n")[:2] == ["[]", "['gradient_edges']"]


def test_a_pass_is_known_to_its_hooks_only_while_it_runs() -> None:
    a = lab.tensor([1.0, 2.0], requires_grad=True)
    seen = []
    a.register_hook(lambda grad: seen.append(engine.current_graph_task()))
    (a * 2).sum().backward()
    (a * 3).sum().backward()
    assert engine.current_graph_task() is None
    assert len(seen) == 2 and seen[0].id != seen[1].id


def test_allow_mutation_leaves_the_writes_as_they_were() -> None:
    from autograd_lab import _views

    plain = _views._keep_records
    with lab.autograd.graph.allow_mutation_on_saved_tensors():
        assert _views._keep_records is not plain
    assert _views._keep_records is plain
