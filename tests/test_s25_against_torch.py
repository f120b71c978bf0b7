"""Session 25's finds (scouts Z12-Z13: L1aoXingyu's 深度学习入门之PyTorch, datawhale's 深入浅出PyTorch), held
against PyTorch: dims as separate arguments, methods called with the wrong number of arguments,
``torch.cuda.set_device`` on a machine without a GPU, what ``.data`` and ``requires_grad`` take, old
names PyTorch still has (and the new nn.Buffer), numbers too large for an integer dtype; and scout Z14's
(rasbt's LLMs-from-scratch): attention with a mask and is_causal, gelu's approximate, cat's ranks."""

from __future__ import annotations

import pytest
import twins

import autograd_lab as lab

torch = pytest.importorskip("torch")

X = "m.zeros(1, 3, 1)"
A = "m.arange(6.).reshape(1, 2, 3, 1)"

CASES = [
    # several dims as separate arguments: methods take them, functions do not
    f"{X}.squeeze(0, 2).shape",
    f"{X}.clone().squeeze_(0, 2).shape",
    f"{X}.squeeze((0, 2)).shape",
    f"{X}.squeeze(dim=(0, 2)).shape",
    f"{X}.squeeze(0).shape",
    f"{X}.squeeze().shape",
    f"{X}.squeeze(0, 5)",
    f"{A}.tile(1, 2).shape",
    f"{A}.tile((2,)).shape",
    f"{A}.count_nonzero(1, 2)",
    f"{A}.count_nonzero(1)",
    # a method called with too many or too few arguments: counted without the tensor, as PyTorch counts
    f"{X}.transpose(1, 2, 0)",
    f"{X}.transpose(1)",
    f"{X}.transpose()",
    f"{X}.unsqueeze(0, 1)",
    f"{X}.unsqueeze()",
    f"{X}.flatten(0, 1, 2)",
    f"{X}.permute()",
    f"{X}.softmax()",
    f"{X}.argmax(0, True, 1)",
    f"{X}.t(0)",
    f"{X}.relu(1)",
    f"{X}.exp(2)",
    f"{X}.sigmoid(1)",
    f"{X}.abs(1)",
    f"{X}.mul()",
    f"{X}.clone(1)",
    f"{X}.contiguous(1, 2)",
    f"{X}.contiguous(m.contiguous_format)",
    f"{X}.contiguous(memory_format=m.contiguous_format).shape",
    f"{X}.clone(memory_format=m.contiguous_format).shape",
    # ... and as functions, counted with it
    f"m.relu({X}, 1)",
    f"m.exp({X}, 2)",
    f"m.clone({X}, 1)",
    f"m.transpose({X}, 1, 2, 0)",
    f"m.transpose({X}, 1)",
    f"m.unsqueeze({X})",
    f"m.permute({X})",
    f"m.flatten({X}, 0, 1, 2)",
    # view needs a shape (or a dtype)
    f"{X}.view()",
    # choosing a GPU on a machine without one
    "m.cuda.set_device(0)",
    "m.cuda.set_device('cuda:0')",
    "m.cuda.set_device(m.device('cuda'))",
    "m.cuda.set_device('cpu')",
    "m.cuda.set_device(-1)",
    "m.cuda.set_device(None)",
    # methods PyTorch writes in Python keep Python's words; a ufunc's output is no positional argument
    "m.arange(6.).reshape(2, 3).split(1, 0, 2)",
    "m.arange(6.).reshape(2, 3).unflatten(0)",
    "(lambda x, y: (m.floor(x, y), y))(m.ones(2) / 2, m.arange(2.))",
    "(lambda x, y: (x.floor(y), y))(m.ones(2) / 2, m.arange(2.))",
    "(lambda x, y: (m.sqrt(x, y), y))(m.ones(2), m.arange(2.))",
    f"{X}.floor(1, 2, 3)",
    f"{X}.sqrt(1)",
    # .data takes a tensor, of a floating dtype where gradients are needed; requires_grad takes a bool
    "(lambda w: setattr(w, 'data', m.tensor([1, 2])))(m.randn(2, requires_grad=True))",
    "(lambda w: setattr(w, 'data', m.tensor([1, 2])) or w)(m.randn(2))",
    "(lambda w: setattr(w, 'data', m.zeros(3)) or w)(m.ones(2, requires_grad=True))",
    "(lambda w: setattr(w, 'data', m.ones(2, dtype=m.float64)) or w.dtype)(m.ones(2, requires_grad=True))",
    "setattr(m.ones(2), 'data', __import__('numpy').ones(2))",
    "setattr(m.ones(2), 'data', [1.0, 2.0])",
    "setattr(m.ones(2), 'data', 1.0)",
    "setattr(m.ones(2), 'requires_grad', 1)",
    "setattr(m.ones(2), 'requires_grad', None)",
    "(lambda t: setattr(t, 'requires_grad', True) or t)(m.ones(2))",
    "m.ones(2).requires_grad_(1)",
    "m.nn.Parameter(m.ones(2), requires_grad=1)",
    "m.nn.Parameter(m.ones(2), requires_grad=False)",
    # old names PyTorch still runs, with its warnings; nn.Buffer
    "m.nn.MSELoss(reduction='elementwise_mean')(m.ones(2), m.zeros(2))",
    "m.nn.functional.cross_entropy(m.ones(2, 3), m.tensor([0, 1]), reduction='elementwise_mean')",
    "m.nn.MSELoss(reduction='elementwise_mean').reduction",
    "m.nn.NLLLoss2d()(m.zeros(1, 3, 2, 2), m.zeros(1, 2, 2, dtype=m.long))",
    "m.nn.Container(a=m.nn.ReLU())",
    "m.nn.Buffer(m.zeros(2))",
    "m.nn.Buffer(m.ones(2, requires_grad=True))",
    "isinstance(m.nn.Buffer(m.zeros(2)), m.nn.Buffer), isinstance(m.zeros(2), m.nn.Buffer)",
    "m.autograd.variable(m.ones(2))",
    # a number into an integer dtype: wrapped below 0 (by up to the largest value), refused beyond
    "m.ByteTensor([-1])",
    "m.ByteTensor([-256])",
    "m.ByteTensor([256])",
    "m.ByteTensor([1.5])",
    "m.IntTensor([2**40])",
    "m.LongTensor([float('nan')])",
    "m.ShortTensor([40000])",
    "m.CharTensor([1, -1])",
    "m.HalfTensor([1.5])",
    "m.full((2,), -1, dtype=m.uint8)",
    "m.full((1,), 300, dtype=m.uint8)",
    "m.full((2,), 2.5, dtype=m.int64)",
    "m.zeros(2, dtype=m.uint8).fill_(-1)",
    "m.zeros(2, dtype=m.int8).fill_(200)",
    "m.zeros(2, dtype=m.int32).fill_(2**40)",
    "m.zeros(2, dtype=m.uint8).fill_(m.tensor(300))",
    "(lambda x: x.__setitem__(0, -1) or x)(m.zeros(2, dtype=m.uint8))",
    "(lambda x: x.__setitem__(0, 300) or x)(m.zeros(2, dtype=m.uint8))",
    "(lambda x: x.__setitem__(0, -1.0) or x)(m.zeros(2, dtype=m.uint8))",
    "(lambda x: x.__setitem__(0, 3.7) or x)(m.zeros(2, dtype=m.uint8))",
    "(lambda x: x.__setitem__(0, float('nan')) or x)(m.zeros(2, dtype=m.int64))",
    "(lambda x: x.__setitem__(slice(None), 40000) or x)(m.zeros(2, dtype=m.int16))",
    "m.zeros(2, dtype=m.uint8).masked_fill(m.tensor([True, False]), 300)",
    "m.zeros(2, dtype=m.uint8).masked_fill(m.tensor([True, False]), -1)",
    # gelu's approximate, cat's ranks, softmax's dim
    "m.nn.functional.gelu(m.ones(1), approximate='foo')",
    "m.nn.functional.gelu(m.ones(1), approximate='Tanh')",
    "m.cat((m.tensor([[1, 2]]), m.tensor([3])), dim=1)",
    "m.cat((m.tensor([3]), m.tensor([[1, 2]])))",
    "m.cat((m.ones(2, 2), m.ones(2)), dim=5)",
    "m.cat((m.ones(2, 2), m.ones(0)))",
    "m.softmax(m.ones(3))",
    "m.ones(3).softmax()",
    # -0. through relu, clamp and hardtanh at a bound of 0 (scout Z16: PyTorch-Tutorial-2nd)
    "m.relu(m.tensor([-0.0, 0.0, -1.0, 2.0, float('nan')]))",
    "m.tensor([-0.0]).relu_()",
    "m.nn.ReLU(inplace=True)(m.tensor([-0.0, 1.0]))",
    "m.nn.functional.relu6(m.tensor([-0.0, 7.0]))",
    "m.nn.functional.hardtanh(m.tensor([-1.0, -0.0]), -1.0, 1.0)",
    "m.tensor([-0.0, 0.0, -1.0, 2.0, 7.0, float('nan')]).clamp(0, 6)",
    "m.tensor([-0.0, 0.0, -1.0, 2.0]).clamp(max=0)",
    "m.tensor([-0.0, 2.0, 7.0]).clamp(3, 1)",
    "m.arange(5, dtype=m.uint8).clamp(1, 3)",
    # softshrink's zeros: +0. from PyTorch's vector loop, -0. from its scalar loop over the last partial vector
    "m.nn.functional.softshrink(m.full((15,), -0.3), 0.5)",
    "m.nn.functional.softshrink(m.full((17,), -0.3), 0.5)",
    "m.nn.functional.softshrink(m.full((2, 20), -0.3), 0.5)",
    "m.nn.functional.softshrink(m.full((9,), -0.3, dtype=m.float64), 0.5)",
    "m.nn.functional.softshrink(m.tensor(-0.3), 0.5)",
    "m.nn.Softshrink(0.5)(m.linspace(-1, 1, 20))",
    # MaxUnpool names the last index that does not fit, as PyTorch's kernel does
    "(lambda o: m.nn.MaxUnpool2d(2, 2)(*o))(m.nn.MaxPool2d(2, 2, return_indices=True)(m.arange(49.).reshape(1, 1, 7, 7)))",
]


@pytest.mark.parametrize("code", CASES)
def test_as_pytorch(code: str) -> None:
    assert twins.outcome(lab, code) == twins.outcome(torch, code)


def test_a_methods_own_error_inside_it_is_not_reworded() -> None:
    """Only the call with the wrong number of arguments is reworded; a TypeError from inside is the function's own."""
    from autograd_lab.ops import shape

    errors = []
    for call in (lab.zeros(2).unsqueeze, lambda dim: shape.unsqueeze(lab.zeros(2), dim)):
        with pytest.raises(TypeError) as caught:
            call("a")
        errors.append(str(caught.value))
    assert errors[0] == errors[1]


def changed_data_then_backward(m) -> str:
    """A tensor's .data changed shape between forward and backward: PyTorch's broadcast error, from backward."""
    w = m.ones(2, requires_grad=True)
    y = w * w
    w.data = m.zeros(3)
    return twins.outcome(m, "y.sum().backward()", {"y": y})


def test_backward_after_data_changed_shape_as_pytorch() -> None:
    assert changed_data_then_backward(lab) == changed_data_then_backward(torch)


def buffers(m) -> list:
    """nn.Buffer assigned to a module registers it, persistent or not; a plain tensor later takes its place."""
    nn = m.nn

    class Model(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.running = nn.Buffer(m.zeros(2))
            self.scratch = nn.Buffer(m.ones(1), persistent=False)

    model = Model()
    found = [[name for name, _ in model.named_buffers()], list(model.state_dict())]
    model.running = m.ones(2)
    found += [[repr(b) for b in model.buffers()], list(model.state_dict())]
    return found


def test_buffers_register_themselves_as_pytorch() -> None:
    assert buffers(lab) == buffers(torch)


def test_a_subclass_override_of_a_method_loaded_on_first_use_runs_once() -> None:
    """The first x.normal_() loads ops.sampling; a subclass's normal_ that calls super() is not run again."""
    calls = []

    class Noisy(lab.Tensor):
        def normal_(self, *args, **kwargs):
            calls.append(1)
            return super().normal_(*args, **kwargs)

    lab.zeros(2).as_subclass(Noisy).normal_()
    assert calls == [1]


def test_torch_special_checks_its_input_whatever_was_used_first() -> None:
    """torch.special's erfc is the finished function, as torch.erfc is, even when torch.special comes first."""
    import subprocess
    import sys

    probe = (
        "import autograd_lab as torch\n"
        "try:\n    torch.special.erfc(0.5)\nexcept TypeError as error:\n    print(str(error).split(' Hint:')[0])\n"
    )
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert shown.strip() == "erfc(): argument 'input' (position 1) must be Tensor, not float"


@pytest.mark.parametrize("call", ["x.addmm_(x)", "x.addmm_()", "x.lerp_()"])
def test_an_in_place_method_names_the_missing_arguments(call: str) -> None:
    """An error already in PyTorch's words, from a method within, is not worded again (and so lost)."""
    with pytest.raises(TypeError, match=r'missing \d required positional arguments?: "\w+"'):
        eval(call, {"x": lab.ones(2, 2)})  # noqa: S307 - the test's own calls


def attention_with_mask_and_causal(m) -> list:
    """PyTorch's one CPU kernel applies a mask and is_causal together; its math path (the value's head size
    differing from the query's) refuses them."""
    m.manual_seed(0)
    q, k, v = m.randn(3, 1, 1, 3, 2).unbind(0)
    names = {
        "F": m.nn.functional, "q": q, "k": k, "v": v, "wide": m.randn(1, 1, 3, 3),
        "bool_mask": m.tensor([[True, True, True], [False, True, True], [False, True, True]]),
        "float_mask": m.tensor([[0.0, 1.0, 2.0], [0.5, 0.0, -1.0], [0.0, 0.0, 0.0]]),
    }  # fmt: skip
    calls = (
        "F.scaled_dot_product_attention(q, k, v, attn_mask=bool_mask, is_causal=True)",
        "F.scaled_dot_product_attention(q, k, v, attn_mask=float_mask, is_causal=True)",
        "F.scaled_dot_product_attention(q, k, wide, attn_mask=bool_mask, is_causal=True)",
    )
    return [twins.outcome(m, call, names) for call in calls]


def test_attention_with_a_mask_and_is_causal_as_pytorch() -> None:
    assert attention_with_mask_and_causal(lab) == attention_with_mask_and_causal(torch)


WARNED_IN_METHODS = [
    "m.arange(3.).where(m.tensor([1, 0, 1], dtype=m.uint8), 0.)",
    "m.ones(3).resize(3)",
    "m.ones(3).cross(m.ones(3))",
    "m.ones(1).std()",
    "m.arange(3.)[m.tensor([1, 0, 1], dtype=m.uint8)]",
    "m.arange(4.).reshape(2, 2)[[0, slice(None)]]",
    "m.ones(2).new_tensor(m.ones(2))",
    "m.ones(2, 1).cov()",
]


@pytest.mark.parametrize("code", WARNED_IN_METHODS)
def test_a_warning_from_a_method_points_at_the_students_line(code: str) -> None:
    """The wrapper that counts a method's arguments is one more frame: warnings still name the student's line."""
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        exec(compile(code, "<student>", "exec"), {"m": lab})  # noqa: S102 - the test's own lines
    assert caught and {w.filename for w in caught} == {"<student>"}, [
        (w.filename, str(w.message)) for w in caught
    ]


def test_an_overflowing_sum_is_as_quiet_as_pytorchs() -> None:
    """NumPy's overflow warning inside a written-out sum stays quiet, as in the package's own code (Z16)."""
    import subprocess
    import sys

    probe = "import autograd_lab as torch\nprint((torch.ones(16, 256) * 3e37).sum())\n"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert (done.stdout, done.stderr) == ("tensor(inf)\n", "")
