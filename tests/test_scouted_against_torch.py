"""What other people's lessons met in session 11, each case run in autograd_lab and in PyTorch.

Found by running tutorials, recipes and textbook chapters under both libraries
(the spatial transformer tutorial, the former-Torchies tutorials, PyTorch's
recipes on saving and loading, "PyTorch 深度学习入门与实践" chapter 6 ...).  Each
case is an expression (``m`` is the module): its ``repr``, or its exception's
type and first line, and the warnings it gives must be PyTorch's; our errors
and warnings add a hint.  Skipped where PyTorch is not installed.
"""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from twins import outcome

torch_ref = pytest.importorskip("torch")

import autograd_lab as lab  # noqa: E402

THETA = "m.tensor([[[0.9, -0.2, 0.1], [0.3, 1.1, -0.4]], [[1.0, 0.5, 0.0], [-0.5, 1.0, 0.2]]])"
CASES = {
    # F.affine_grid, the first half of a spatial transformer
    "affine_grid": f"m.nn.functional.affine_grid({THETA}, (2, 1, 3, 4), align_corners=False)",
    "affine_grid, corners aligned": f"m.nn.functional.affine_grid({THETA}, [2, 3, 2, 2], align_corners=True)",
    "affine_grid of a volume": "m.nn.functional.affine_grid(m.ones(1, 3, 4), (1, 1, 2, 1, 2), align_corners=False)",
    "affine_grid without align_corners": f"m.nn.functional.affine_grid({THETA}, (2, 1, 2, 2))",
    "affine_grid, a unit size aligned": f"m.nn.functional.affine_grid({THETA}, (2, 1, 1, 3), align_corners=True)",
    "affine_grid's node": f"m.nn.functional.affine_grid({THETA}.requires_grad_(), (2, 1, 2, 2), align_corners=False)",
    "affine_grid of 3x3 matrices": "m.nn.functional.affine_grid(m.ones(2, 3, 3), (2, 1, 3, 4), align_corners=False)",
    "affine_grid, batch sizes differ": f"m.nn.functional.affine_grid({THETA}, (3, 1, 3, 4), align_corners=False)",
    "affine_grid of a 3-d size": f"m.nn.functional.affine_grid({THETA}, (2, 1, 3), align_corners=False)",
    "affine_grid of integers": "m.nn.functional.affine_grid(m.ones(2, 2, 3).long(), (2, 1, 3, 4), align_corners=False)",
    "affine_grid of an empty size": f"m.nn.functional.affine_grid({THETA}, (2, 1, 0, 4), align_corners=False)",
    # small things
    "cat of 0-d tensors": "m.cat([m.tensor(1.), m.tensor(2.)])",
    "cat of a vector and a 0-d tensor": "m.cat([m.tensor([1.]), m.tensor(2.)])",
    "load_state_dict of a path": "m.nn.Linear(2, 2).load_state_dict('model.pt')",
    "to(requires_grad=True)": "m.ones(2).to(requires_grad=True)",
    "to('cpu', requires_grad=True)": "m.ones(2).to('cpu', requires_grad=True)",
    "to with two unknown keywords": "m.ones(2).to(foo=1, bar=2)",
    "to(non_blocking=True)": "m.ones(2).to(m.float64, non_blocking=True)",
    "float() of a detached tensor": "float((m.ones((), requires_grad=True) * 2).detach())",
    "int() of a tensor that requires grad": "int(m.ones((), requires_grad=True) * 2)",
    "a list holding None as an index": "m.arange(6.).view(3, 2)[[0, None]]",
    "a list holding a slice as an index": "m.arange(6.).view(3, 2)[[0, slice(None)]]",
    "a list holding lists as an index": "m.arange(6.).view(3, 2)[[[0, 1], [1, 0]]]",
    "a list of numbers as an index": "m.arange(6.).view(3, 2)[[0, 2]]",
    "expand to the same shape": "(lambda z: (z.expand(2, 3), z.expand_as(z), m.broadcast_to(z, (2, 3))))"
    "(m.ones(2, 3, requires_grad=True))",
    "atanh, asinh, acosh and their aliases": (
        "(lambda x: (m.atanh(x), m.arctanh(x), x.asinh(), m.arcsinh(x), m.acosh(x + 2), m.arccosh(x + 2)))"
        "(m.tensor([0.5, -0.25], requires_grad=True))"
    ),
    "atanh at ±1 and of integers": "(m.atanh(m.tensor([1., -1., 2.])), m.atanh(m.tensor([1, 0])))",
    "index tensors that do not broadcast": "m.zeros(3, 4)[m.arange(3), m.arange(2)]",
    "index lists that do not broadcast": "m.zeros(3, 4, 5)[:, [0, 1, 2], [0, 1]]",
    "nll_loss of a 0-d target": "m.nn.functional.nll_loss(m.zeros(1, 3), m.tensor(1))",
    "cross_entropy of a 0-d target": "m.nn.functional.cross_entropy(m.zeros(2, 3), m.tensor(1))",
    "a DataLoader with more workers than CPUs": (
        "len(m.utils.data.DataLoader(m.utils.data.TensorDataset(m.ones(4)), batch_size=2, num_workers=64))"
    ),
    "a DataLoader with one worker": (
        "len(m.utils.data.DataLoader(m.utils.data.TensorDataset(m.ones(4)), batch_size=2, num_workers=1))"
    ),
    # PyTorch's keyword names (Dive into DL 3.9's ReLU: torch.max(input=X, other=torch.tensor(0.0)))
    "max(input=, other=)": "m.max(input=m.tensor([-1., 2.]), other=m.tensor(0.))",
    "min(input=, other=)": "m.min(input=m.tensor([-1., 2.]), other=m.tensor(0.))",
    "mul(input=, other=)": "m.mul(input=m.tensor([1., 2.]), other=m.tensor([3., 4.]))",
    "eq(input=, other=)": "m.eq(input=m.tensor([1., 2.]), other=m.tensor([1., 4.]))",
    "maximum(input=, other=)": "m.maximum(input=m.tensor([1., 5.]), other=m.tensor([3., 4.]))",
    # torch.histogram (Karpathy's makemore, part 3)
    "histogram": "m.histogram(m.tensor([0., 1., 1., 2.]), bins=2, density=True)",
    "histogram with a range and weights": (
        "m.histogram(m.tensor([1., 2, 1, -1, 9]), bins=4, range=(0., 3.), weight=m.tensor([1., 2., 4., 8., 16.]))"
    ),
    "histogram with edges": "m.histogram(m.tensor([0., 1., 5.]), bins=m.tensor([0., 2., 6.]))",
    "histogram of equal values": "m.histogram(m.tensor([1., 1.]), bins=2)",
    "histogram of nothing": "m.histogram(m.tensor([]), bins=2)",
    "histogram's 100 bins by default": "m.histogram(m.arange(10.0), density=True).hist.shape",
    "Tensor.histogram, float64": "m.tensor([0., 1., 2.], dtype=m.float64).histogram(2, density=True)",
    "histogram of integers": "m.histogram(m.tensor([1, 2]), 2)",
    "histogram with no bins": "m.histogram(m.tensor([0., 1.]), bins=0)",
    "histogram of a reversed range": "m.histogram(m.tensor([0., 1.]), bins=2, range=(2., 1.))",
    # which results are laid out row by row (on which .view works), as PyTorch's kernels make them
    "layouts of results of a transposed input": (
        "(lambda x, q: [tuple(r.stride()) for r in (m.softmax(x, -1), m.log_softmax(x, 1), x.exp(), x + 1,"
        " m.nn.functional.layer_norm(x, (5,)), x.masked_fill(x > 0.5, 0.), m.cat([x, x]), m.stack([x, x]),"
        " m.where(x > 0.5, x, 0.), m.nn.functional.scaled_dot_product_attention(q, q, q), m.softmax(q, -1))])"
        "(m.rand(2, 5, 4).transpose(1, 2), m.rand(2, 5, 4, 8).transpose(1, 2))"
    ),
    "the SDPA tutorial's view after transpose": (
        "(lambda q: m.nn.functional.scaled_dot_product_attention(q, q, q).transpose(1, 2).view(2, 5, 32).shape)"
        "(m.rand(2, 5, 4, 8).transpose(1, 2))"
    ),
    # memory formats (PyTorch's "Channels Last Memory Format" tutorial)
    "the formats": "(m.channels_last, m.contiguous_format, m.preserve_format, m.channels_last_3d)",
    "to(channels_last)": "m.empty(2, 3, 4, 5).to(memory_format=m.channels_last).stride()",
    "to(channels_last) and back": "m.empty(2, 3, 4, 5).to(memory_format=m.channels_last).contiguous().stride()",
    "to(channels_last) of one channel": "m.empty(4, 1, 4, 4).to(memory_format=m.channels_last).stride()",
    "contiguous(channels_last) of one channel": "m.empty(4, 1, 4, 4).contiguous(memory_format=m.channels_last).stride()",
    "is_contiguous(channels_last)": "[m.empty(4, c, 4, 4).is_contiguous(memory_format=m.channels_last) for c in (1, 3)]",
    "empty(memory_format=)": "m.empty(2, 3, 4, 5, memory_format=m.channels_last).stride()",
    "empty(preserve_format)": "m.empty(2, 3, 4, 5, memory_format=m.preserve_format)",
    "clone, empty_like, + keep the layout": (
        "(lambda x: (x.clone().stride(), m.empty_like(x).stride(), (x + x).stride(), x.relu().stride()))"
        "(m.ones(2, 3, 4, 5).to(memory_format=m.channels_last))"
    ),
    "clone(memory_format=)": "m.ones(2, 3, 4, 5, requires_grad=True).clone(memory_format=m.channels_last).stride()",
    "zeros_like(memory_format=)": "m.zeros_like(m.ones(2, 3, 4, 5), memory_format=m.channels_last).stride()",
    "to(dtype, memory_format=)": "m.ones(2, 3, 4, 5).to(m.float64, memory_format=m.channels_last).stride()",
    "to(memory_format=) records a copy": "m.ones(1, 2, 2, 2, requires_grad=True).to(memory_format=m.channels_last)",
    "channels_last of a matrix": "m.ones(2, 3).to(memory_format=m.channels_last)",
    "contiguous(channels_last) of a matrix": "m.ones(2, 3).contiguous(memory_format=m.channels_last)",
    "channels_last_3d": "m.ones(1, 2, 3, 4, 5).to(memory_format=m.channels_last_3d).stride()",
    "a conv on channels_last": (
        "(lambda c: (c.weight.stride(), c(m.ones(2, 8, 4, 4).to(memory_format=m.channels_last)).stride()))"
        "(m.nn.Conv2d(8, 4, 3).to(memory_format=m.channels_last))"
    ),
    "a channels_last weight's gradient": (
        "(lambda c: (c(m.ones(2, 8, 4, 4)).sum().backward(), c.weight.grad.stride(), c.bias.grad.stride())[1:])"
        "(m.nn.Conv2d(8, 4, 3).to(memory_format=m.channels_last))"
    ),
}


@pytest.mark.parametrize("code", CASES.values(), ids=CASES.keys())
def test_as_in_pytorch(code: str) -> None:
    assert outcome(lab, code) == outcome(torch_ref, code)


def test_affine_grid_gradient_as_in_pytorch() -> None:
    """θ's gradient through grid_sample, the spatial transformer's whole path."""

    def run(m: Any) -> list:
        m.manual_seed(0)
        theta = m.randn(2, 2, 3, requires_grad=True)
        image = m.randn(2, 3, 5, 4)
        grid = m.nn.functional.affine_grid(theta, image.size(), align_corners=False)
        m.nn.functional.grid_sample(image, grid, align_corners=False).pow(2).sum().backward()
        return theta.grad.numpy().round(4).tolist()

    assert run(lab) == run(torch_ref)


def test_the_old_register_backward_hook_as_in_pytorch() -> None:
    """The former-Torchies tutorial's hook: ``grad_input`` is the last node's (a conv's: input, weight, bias)."""

    def run(m: Any) -> list:
        m.manual_seed(0)
        seen: list = []

        def hook(module: Any, grad_input: tuple, grad_output: tuple) -> None:
            sizes = [None if g is None else tuple(g.size()) for g in grad_input]
            seen.append(
                (
                    type(module).__name__,
                    sizes,
                    tuple(grad_output[0].size()),
                    round(grad_input[0].norm().item(), 4),
                )
            )

        conv = m.nn.Conv2d(1, 2, 3)
        relu = m.nn.ReLU()
        conv.register_backward_hook(hook)
        handle = relu.register_backward_hook(hook)
        x = m.randn(1, 1, 5, 5, requires_grad=True)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            relu(conv(x)).sum().backward()
        seen.append([f"{w.category.__name__}: {str(w.message).split(' Hint: ')[0]}" for w in caught])
        handle.remove()
        relu(conv(x)).sum().backward()
        try:
            conv.register_full_backward_hook(hook)
        except RuntimeError as error:
            seen.append(str(error).split(" Hint: ")[0])
        return seen

    assert run(lab) == run(torch_ref)


@pytest.mark.parametrize("trusted", [False, True], ids=["refused", "weights_only=False"])
def test_loading_a_whole_model_with_weights_only_as_in_pytorch(trusted: bool) -> None:
    """PyTorch's whole message, and the way out it gives first."""
    import io

    def run(m: Any) -> str:
        model = m.nn.Sequential(m.nn.Linear(2, 2))
        buffer = io.BytesIO()
        m.save(model, buffer)
        buffer.seek(0)
        try:
            return repr(m.load(buffer, weights_only=False) if trusted else m.load(buffer))
        except Exception as error:
            return f"{type(error).__name__}: {str(error).split(' Hint: ')[0]}"

    assert run(lab) == run(torch_ref)


def test_safe_globals_let_weights_only_load_what_the_user_trusts() -> None:
    model = lab.nn.Sequential(lab.nn.Linear(2, 2), lab.nn.ReLU())
    buffer = __import__("io").BytesIO()
    lab.save(model, buffer)
    trusted = [lab.nn.Sequential, lab.nn.Linear, lab.nn.ReLU, set]
    with lab.serialization.safe_globals(trusted):
        buffer.seek(0)
        loaded = lab.load(buffer)
        assert lab.serialization.get_safe_globals() == trusted
    assert repr(loaded) == repr(model)
    assert lab.equal(loaded[0].weight, model[0].weight)
    assert lab.serialization.get_safe_globals() == []  # the block's allowance ends with it
    buffer.seek(0)
    with pytest.raises(__import__("pickle").UnpicklingError, match="Weights only load failed"):
        lab.load(buffer)


def in_fresh_processes(script: str) -> list[str]:
    """What ``script`` prints with ``m`` as autograd_lab, then as torch, each in a new Python: PyTorch gives
    some warnings once per process (TORCH_WARN_ONCE), so a test run that gave them already would hide them."""
    import subprocess
    import sys

    header = "import warnings; warnings.simplefilter('always')\nimport {name} as m\n"
    return [
        subprocess.run(
            [sys.executable, "-c", header.format(name=name) + script],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for name in ("autograd_lab", "torch")
    ]


WARNINGS_SEEN = "print([str(w.message).split(' Hint: ')[0].split(' (Triggered')[0] for w in caught])\n"


def test_float_of_a_tensor_that_requires_grad_warns_once_as_pytorch_does() -> None:
    """PyTorch warns once per process, and not under no_grad."""
    script = (
        "x = m.ones((), requires_grad=True) * 2\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    warnings.simplefilter('always')\n"
        "    with m.no_grad():\n"
        "        float(x)\n"
        "    float(x); float(x); float(m.ones((), requires_grad=True) * 3)\n"
    ) + WARNINGS_SEEN
    ours, theirs = in_fresh_processes(script)
    assert ours == theirs
    assert "Converting a tensor with requires_grad=True" in ours


@pytest.mark.parametrize(
    "call",
    ["x.add_(-0.5, y)", "m.add(x, 2, y)", "x.sub(2, y)", "x.addcmul_(2, y, y)", "m.addcdiv(x, 0.5, y, y)"],
)
def test_the_old_number_first_overloads_as_in_pytorch(call: str) -> None:
    """Old lessons write ``p.data.add_(-lr, p.grad.data)``: the value, and PyTorch's warning, once."""
    script = (
        "x, y = m.ones(2), m.full((2,), 2.0)\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    warnings.simplefilter('always')\n"
        f"    print({call}, {call})\n"
    ) + WARNINGS_SEEN
    ours, theirs = in_fresh_processes(script)
    assert ours == theirs
    assert "is deprecated" in ours


def test_swap_tensors_and_the_future_switches_as_in_pytorch() -> None:
    """PyTorch's swap_tensors recipe, its first part: what each object holds after the swap, and module
    conversion under torch.__future__'s switches (which parameter objects the module ends with)."""

    def run(m: Any) -> list:
        seen = []
        t1, t2 = m.arange(2), m.ones(3, requires_grad=True) * 2
        m.utils.swap_tensors(t1, t2)
        seen += [repr(t1), repr(t2), t1.requires_grad]
        p = m.nn.Parameter(m.zeros(2))
        q = m.ones(1)
        m.utils.swap_tensors(p, q)
        seen += [type(p).__name__, repr(p), type(q).__name__, repr(q)]
        for overwrite, swap in ((False, False), (True, False), (True, True), (False, True)):
            m.__future__.set_overwrite_module_params_on_conversion(overwrite)
            m.__future__.set_swap_module_params_on_conversion(swap)
            layer = m.nn.Linear(2, 1)
            weight = layer.weight
            optimizer = m.optim.SGD(layer.parameters(), lr=0.1)
            layer.double()
            seen += [
                layer.weight is weight,
                str(layer.weight.dtype),
                optimizer.param_groups[0]["params"][0] is weight,
            ]
        m.__future__.set_overwrite_module_params_on_conversion(False)
        m.__future__.set_swap_module_params_on_conversion(False)
        seen.append(
            (
                m.__future__.get_overwrite_module_params_on_conversion(),
                m.__future__.get_swap_module_params_on_conversion(),
            )
        )
        return seen

    assert run(lab) == run(torch_ref)


def test_backward_kernels_round_as_pytorchs_do() -> None:
    """Karpathy's "backprop ninja" lesson checks hand-written gradients against autograd's with ``==``:
    PyTorch's pow backward is grad · (n · xⁿ⁻¹), its sigmoid backward (grad · (1 − s)) · s, and its tanh
    backward grad · (1 − y²) with one fused multiply-add (so comparing with ``(1 - y**2) * g`` is False)."""

    def run(m: Any) -> list:
        m.manual_seed(0)
        g = m.rand(1000)
        found = []
        x = (m.rand(1000) * 30 + 1).requires_grad_()
        (x**-1).backward(g)
        found.append(m.all(x.grad == (-(x.detach() ** -2)) * g).item())
        x = m.randn(1000, requires_grad=True)
        s = m.sigmoid(x)
        s.backward(g)
        found.append(m.all(x.grad == g * (1 - s.detach()) * s.detach()).item())
        x = m.randn(1000, requires_grad=True)
        y = m.tanh(x)
        y.backward(g)
        found.append(m.all(x.grad == (1 - y.detach() ** 2) * g).item())
        return found

    assert run(lab) == run(torch_ref) == [True, True, False]


def test_sdpa_kernel_chooses_as_pytorch_does() -> None:
    """The SDPA tutorial's ``sdpa_kernel``: the node of each allowed kernel, and PyTorch's refusals."""

    def run(m: Any) -> list:
        attention = __import__(f"{m.__name__}.nn.attention", fromlist=["SDPBackend"])
        backend, kernel = attention.SDPBackend, attention.sdpa_kernel
        q = m.rand(2, 3, 4, 8, requires_grad=True)
        found: list = [str(backend.MATH), repr(backend.FLASH_ATTENTION), list(backend.__members__)]
        for allowed, kwargs in [
            (backend.MATH, {}),
            (backend.FLASH_ATTENTION, {}),
            ([backend.FLASH_ATTENTION, backend.MATH], {"dropout_p": 0.0}),
            ([backend.FLASH_ATTENTION, backend.MATH], {"dropout_p": 0.5}),
            (backend.EFFICIENT_ATTENTION, {}),
            (backend.FLASH_ATTENTION, {"dropout_p": 0.5}),
        ]:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                try:
                    with kernel(allowed):
                        found.append(
                            m.nn.functional.scaled_dot_product_attention(q, q, q, **kwargs).grad_fn.name()
                        )
                except RuntimeError as error:
                    found.append(str(error).split(" Hint: ")[0])
            found.append([str(w.message).split(" (Trig")[0].split(" Hint: ")[0] for w in caught])
        return found

    assert run(lab) == run(torch_ref)


@pytest.mark.parametrize("shape", [(4, 3), (4, 3, 2, 2), (4, 2, 3)])
def test_batch_norm_running_statistics_round_as_pytorchs(shape: tuple) -> None:
    """update_stats: m·mean + (1 − m)·running in float, the variance's in double. Whole-number inputs over
    4 (or 16, 12) samples make the batch's mean and variance exact, so the update alone decides the bits."""

    def run(m: Any) -> list:
        m.manual_seed(0)
        layer = m.nn.BatchNorm1d(shape[1]) if len(shape) < 4 else m.nn.BatchNorm2d(shape[1])
        layer.running_mean.uniform_(-1, 1)
        layer.running_var.uniform_(0.5, 2)
        for _ in range(3):
            layer(m.randint(-8, 8, shape).float())
        return layer.running_mean.tolist() + layer.running_var.tolist()

    assert run(lab) == run(torch_ref)


def test_causal_biases_as_in_pytorch() -> None:
    """The SDPA tutorial's ``torch.nn.attention.bias``: the two kinds of causal mask, and attention with them."""

    def run(m: Any) -> list:
        bias = __import__(f"{m.__name__}.nn.attention.bias", fromlist=["CausalBias"])
        upper, lower = bias.causal_upper_left(2, 4), bias.causal_lower_right(2, 4)
        attention = m.nn.functional.scaled_dot_product_attention
        q, k, v = m.rand(1, 2, 2, 8, requires_grad=True), m.rand(1, 2, 4, 8), m.rand(1, 2, 4, 8)
        found = [repr(upper), repr(lower), isinstance(upper, m.Tensor), upper.seq_len_kv, int(lower.variant)]
        a, b, c = attention(q, k, v, upper), attention(q, k, v, lower), attention(q, k, v, is_causal=True)
        found += [m.allclose(a, c), m.allclose(a, b), a.grad_fn.name(), b.grad_fn.name()]
        found.append(m.allclose(b, attention(q, k, v, attn_mask=lower._materialize())))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            bias.causal_lower_right(4, 2)
        found.append([str(w.message).split(" Hint: ")[0] for w in caught if w.category is UserWarning])
        for call in (lambda: attention(q, k, v, upper, is_causal=True), lambda: bias.causal_upper_left(2)):
            try:
                call()
            except (ValueError, AssertionError) as error:
                found.append(f"{type(error).__name__}: {str(error).split(' Hint: ')[0]}")
        return found

    m_lab, m_torch = run(lab), run(torch_ref)
    assert m_lab == m_torch
