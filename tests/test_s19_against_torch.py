"""What session 19's lessons showed apart from PyTorch, each checked against PyTorch itself.

- ``x.cuda(device)`` and ``x.xpu(device)`` with a device that is not that GPU (Practical_DL's autoencoder);
- ``rand_like``/``randn_like``/``randint_like`` of a tensor laid out otherwise (its transposed images);
- ``x.grad`` after ``backward(create_graph=True)`` (the NLP book's first chapter) and PyTorch's warning;
- pooling, batch norm and padding keep a channels-last input's layout (Practical_DL's GAN).
"""

from __future__ import annotations

import math
import subprocess
import sys
import warnings

import numpy as np
import pytest

import autograd_lab as lab

torch = pytest.importorskip("torch")


def outcome(library: object, code: str) -> str:
    """What ``code`` gives, or the type and first sentence of what it raises (autograd_lab's hint cut off)."""
    try:
        return repr(eval(code, {"torch": library, "np": np}))  # noqa: S307 - the code below
    except Exception as error:  # noqa: BLE001 - any error is the outcome
        return f"{type(error).__name__}: {str(error).split(' Hint:')[0]}"


# -- .cuda(device) / .xpu(device) -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "code",
    [
        "torch.zeros(2).cuda('cpu')",
        "torch.zeros(2).cuda(torch.device('cpu'), non_blocking=True)",
        "torch.zeros(2).cuda(device=torch.device('cpu'))",
        "torch.zeros(2).cuda('cpu:0')",
        "torch.zeros(2).cuda('meta')",
        "torch.zeros(2).cuda('cuda:1')",
        "torch.zeros(2).cuda()",
        "torch.zeros(2).cuda(0)",
        "torch.zeros(2).cuda(-1)",
        "torch.zeros(2).xpu('cpu')",
        "torch.zeros(2).xpu()",
        "torch.nn.Linear(2, 2).cuda('cpu')",
        "torch.nn.BatchNorm1d(2).cuda('cpu')",
        "torch.nn.Linear(2, 2).xpu('cpu')",
        "torch.nn.Linear(2, 2).cuda()",
        "torch.nn.ReLU().cuda('cpu')",
        "torch.nn.ReLU().cuda()",
        "torch.nn.ReLU().xpu('cpu')",
    ],
)
def test_moving_to_a_gpu_fails_as_in_pytorch(code: str) -> None:
    assert outcome(lab, code) == outcome(torch, code)


# -- random *_like of a tensor laid out otherwise ---------------------------------------------------------


def laid_out_inputs(library: object) -> dict[str, object]:
    images = np.zeros((2, 4, 4, 3), np.float32).transpose(0, 3, 1, 2)  # (transposed images, from NumPy)
    return {
        "channels_last": library.from_numpy(images),
        "transposed": library.zeros(4, 3).t(),
        "every_other_column": library.zeros(4, 6)[:, ::2],
        "row_by_row": library.zeros(2, 17),
        "float64": library.zeros(3, dtype=library.float64),
    }


@pytest.mark.parametrize(
    "name", ["channels_last", "transposed", "every_other_column", "row_by_row", "float64"]
)
@pytest.mark.parametrize(
    "call", ["rand_like(x)", "randn_like(x)", "randint_like(x, 10)", "randint_like(x, 3, 7)"]
)
def test_random_like_is_laid_out_and_drawn_as_in_pytorch(name: str, call: str) -> None:
    found = {}
    for library in (lab, torch):
        x = laid_out_inputs(library)[name]
        library.manual_seed(0)
        made = eval(f"library.{call}", {"library": library, "x": x})  # noqa: S307 - the calls above
        found[library] = (made, library.rand(3))  # (and the generator moved on as far)
    (ours, ours_next), (theirs, theirs_next) = found[lab], found[torch]
    assert ours.stride() == theirs.stride() and ours.dtype.__repr__() == repr(theirs.dtype)
    np.testing.assert_allclose(ours.numpy(), theirs.numpy(), rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(ours_next.numpy(), theirs_next.numpy(), rtol=1e-6)


@pytest.mark.parametrize(
    "code",
    [
        "torch.randn_like(torch.zeros(2, dtype=torch.long))",
        "torch.rand_like(torch.zeros(2, dtype=torch.long))",
        "torch.randint_like(torch.zeros(2, dtype=torch.long), 5, requires_grad=True)",
        "torch.randn_like(torch.zeros(2), requires_grad=True).requires_grad",
        "torch.rand_like(torch.zeros(2, 3, 4, 5).contiguous(memory_format=torch.channels_last), "
        "memory_format=torch.contiguous_format).stride()",
        "torch.rand_like(torch.zeros(2), generator=torch.Generator().manual_seed(3)).shape",
        "torch.randn_like(torch.zeros(2, device='meta')).shape",
    ],
)
def test_random_like_options_and_errors_as_in_pytorch(code: str) -> None:
    assert outcome(lab, code) == outcome(torch, code)


# -- x.grad after backward(create_graph=True) -----------------------------------------------------------


def grads_after_create_graph(library: object) -> list[str]:
    shown = []
    x = library.ones(2, 2, requires_grad=True)
    z = ((x + 2) * (x + 5) + 3).mean()
    z.backward(create_graph=True)
    first = x.grad
    shown += [repr(first), type(first.grad_fn).__name__, str(first.stride())]
    shown += [str([type(n).__name__ if n else None for n, _ in first.grad_fn.next_functions])]
    z.backward(create_graph=True)  # (a second pass adds, recorded)
    shown += [repr(x.grad)]
    w = library.ones(3, requires_grad=True)
    (w * w).sum().backward(create_graph=True)
    w.grad.sum().backward()  # (a plain pass adds into it in place: the node stays)
    shown += [repr(w.grad)]
    for leaf in (library.ones(3, 4).t().requires_grad_(), library.ones(4, 6)[:, ::2].requires_grad_()):
        (leaf * leaf).sum().backward(create_graph=True)  # (a clone where the leaf is not dense)
        shown += [type(leaf.grad.grad_fn).__name__, str(leaf.grad.stride())]
    return shown


def test_a_gradient_kept_with_its_graph_is_copied_as_in_pytorch() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (PyTorch's warning of the reference cycle: tested below)
        ours = grads_after_create_graph(lab)
        theirs = grads_after_create_graph(torch)
    assert ours == theirs
    assert ours[1] == "CopyBackwards"


def test_backward_with_create_graph_warns_once_as_in_pytorch() -> None:
    code = (
        "import warnings, {module} as torch\n"
        "warnings.simplefilter('always')\n"
        "with warnings.catch_warnings(record=True) as seen:\n"
        "    x = torch.ones(2, requires_grad=True)\n"
        "    (x * x).sum().backward(create_graph=True)\n"
        "    (x * x).sum().backward(create_graph=True)\n"
        "    torch.autograd.grad((x * x).sum(), x, create_graph=True)\n"
        "print(len(seen)); print(str(seen[0].message).split(' (Triggered')[0].split(' Hint:')[0])\n"
    )
    shown = {
        module: subprocess.run(
            [sys.executable, "-c", code.format(module=module)], capture_output=True, text=True, check=True
        ).stdout
        for module in ("autograd_lab", "torch")
    }
    assert shown["autograd_lab"] == shown["torch"]
    assert shown["torch"].startswith("1\nUsing backward() with create_graph=True")


# -- channels-last layout through pooling, batch norm, padding --------------------------------------------

LAYERS = [
    "torch.nn.MaxPool2d(2)(t)",
    "torch.nn.AvgPool2d(2)(t)",
    "torch.nn.functional.max_pool2d(t, 2, return_indices=True)[1]",
    "torch.nn.functional.adaptive_avg_pool2d(t, 2)",
    "torch.nn.functional.adaptive_max_pool2d(t, 2)",
    "torch.nn.BatchNorm2d(3)(t)",
    "torch.nn.BatchNorm2d(3).double()(t.double())",
    "torch.nn.functional.pad(t, (1, 1))",
    "torch.nn.functional.pad(t, (1, 1, 2, 0))",
    "t + 0",
    "torch.nn.functional.interpolate(t, scale_factor=2)",
    "torch.nn.functional.interpolate(t, size=(9, 5), mode='bilinear')",
    "torch.nn.Upsample(scale_factor=2)(t)",
    "torch.nn.Conv2d(3, 4, 3)(t)",
]


def channels_last_input(library: object, how: str) -> object:
    images = np.zeros((2, 6, 6, 3), np.float32)
    if how == "from_numpy":  # (NumPy images, transposed: what Practical_DL's seminars feed in)
        return library.tensor(images.transpose(0, 3, 1, 2))
    return library.zeros(2, 3, 6, 6).contiguous(memory_format=library.channels_last)


@pytest.mark.parametrize("how", ["from_numpy", "contiguous"])
@pytest.mark.parametrize("layer", LAYERS)
def test_a_channels_last_input_keeps_its_layout_as_in_pytorch(how: str, layer: str) -> None:
    strides = {}
    for library in (lab, torch):
        library.manual_seed(0)
        t = channels_last_input(library, how)
        strides[library] = eval(layer, {"torch": library, "t": t}).stride()  # noqa: S307 - the calls above
    assert strides[lab] == strides[torch]


def test_a_pooled_channels_last_batch_cannot_be_viewed_flat_as_in_pytorch() -> None:
    shown = {}
    for library in (lab, torch):
        pooled = library.nn.MaxPool2d(2)(channels_last_input(library, "from_numpy"))
        try:
            pooled.view(pooled.shape[0], -1)
            shown[library] = "viewed"
        except RuntimeError as error:
            shown[library] = str(error).split(" Hint:")[0]
    assert shown[lab] == shown[torch]
    assert shown[torch].startswith("view size is not compatible")


# -- random draws one at a time, and multinomial's keys ----------------------------------------------------


def serial_normals(library: object) -> list[np.ndarray]:
    """Normal draws PyTorch makes one pair at a time (fewer than 16, or a tensor not laid out row by
    row), an odd count among them: the unfinished pair's second normal is the next draw's first."""
    library.manual_seed(1)
    drawn = [library.empty(7, 3).t().normal_(), library.randn(5), library.empty(4, 5).t().normal_(2.0, 3.0)]
    drawn.append(library.randn(3, dtype=library.float64))
    return [x.double().numpy() for x in drawn]


def test_normals_drawn_one_pair_at_a_time_are_pytorchs() -> None:
    for ours, theirs in zip(serial_normals(lab), serial_normals(torch), strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-6, atol=1e-7)


def test_one_sample_of_multinomial_is_pytorchs() -> None:
    picks, draws = {}, {}
    for library in (lab, torch):
        library.manual_seed(0)
        probs = library.softmax(library.randn(64, 400), dim=1)
        picks[library] = np.concatenate([library.multinomial(probs, 1).numpy() for _ in range(20)])
        draws[library] = library.empty(5000).exponential_().numpy()
    np.testing.assert_allclose(draws[lab], draws[torch], rtol=1e-6)
    # (the argmax of weight / draw: a key a last bit from another's could pick differently; none did here)
    assert np.mean(picks[lab] != picks[torch]) <= 0.01


# -- smaller things: PyTorch's own hint in the in-place error, Tensor(size=...), torch.cuda.device -------


def changed_in_place(library: object, anomaly: bool) -> str:
    x = library.ones(3, requires_grad=True)
    with library.autograd.set_detect_anomaly(anomaly):
        y = library.relu(x * 2)
        z = (y * y).sum()
        y.mul_(2)
        try:
            z.backward()
        except RuntimeError as error:
            return str(error)
    return "no error"


@pytest.mark.parametrize("anomaly", [False, True])
def test_the_in_place_error_keeps_pytorchs_own_hint_before_ours(anomaly: bool) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (anomaly mode warns that it slows things down, in both)
        ours, theirs = changed_in_place(lab, True), changed_in_place(torch, True)
        if not anomaly:
            ours, theirs = changed_in_place(lab, False), changed_in_place(torch, False)
    assert ours.startswith(theirs + " Hint: "), (ours, theirs)
    assert ours.count(" Hint: ") == 2


@pytest.mark.parametrize(
    "code",
    [
        "torch.Tensor(size=(2, 3)).shape",
        "torch.Tensor(size=[2]).shape",
        "torch.Tensor(size=()).shape",
        "torch.Tensor(size=torch.Size([4])).shape",
        "torch.Tensor(size=(2,), device='cpu').shape",
        "torch.FloatTensor(size=(2,)).dtype",
        "torch.LongTensor(size=(2, 1)).dtype",
    ],
)
def test_legacy_constructors_take_size_as_in_pytorch(code: str) -> None:
    assert outcome(lab, code) == outcome(torch, code)


def test_size_with_a_shape_by_position_is_pytorchs_type_error() -> None:
    code = "torch.Tensor(2, size=(3,))"
    first_line = outcome(torch, code).splitlines()[0]  # (PyTorch goes on to list its signatures)
    assert first_line.startswith("TypeError: new() received an invalid combination of arguments")
    assert outcome(lab, code) == first_line


@pytest.mark.parametrize(
    "code",
    [
        "repr(torch.cuda.device('cuda')).split(' at ')[0]",
        "repr(torch.cuda.device(0)).split(' at ')[0]",
        "torch.cuda.device('cpu')",
        "torch.cuda.device(torch.device('cpu'))",
        "torch.cuda.Event",
        "torch.cuda.Stream",
    ],
)
def test_torch_cuda_device_prints_and_refuses_as_in_pytorch(code: str) -> None:
    assert outcome(lab, code) == outcome(torch, code)


# -- old and mistaken calls of the lessons of 2017-18 (PyTorchZeroToAll, practical-pytorch) ---------------


@pytest.mark.parametrize(
    "code",
    [
        "torch.zeros(6, 4).narrow(0, 6, 1)",
        "torch.zeros(6, 4).narrow(0, 5, 2)",
        "torch.zeros(6, 4).narrow(0, 7, 0)",
        "torch.zeros(6, 4).narrow(0, -7, 1)",
        "torch.zeros(6, 4).narrow(0, 1, -1)",
        "torch.tensor(1.0).narrow(0, 0, 1)",
        "torch.zeros(6, 4).narrow(0, -2, 2).shape",
        "torch.zeros(6, 4).narrow(0, 6, 0).shape",
        "torch.narrow_copy(torch.zeros(6, 4), 0, 7, 0)",
        "torch.narrow_copy(torch.zeros(6, 4), 0, 1, -1)",
        "torch.nn.GRU(4, 3)(torch.nn.utils.rnn.pack_padded_sequence(torch.zeros(6, 1, 4), [7]))",
        "torch.nn.GRU(4, 3, bidirectional=True)(torch.nn.utils.rnn.pack_padded_sequence(torch.zeros(6, 1, 4), [9]))",
    ],
)
def test_narrow_checks_its_piece_as_in_pytorch(code: str) -> None:
    assert outcome(lab, code) == outcome(torch, code)


@pytest.mark.parametrize(
    "code",
    [
        "x.sum(0, 1)",
        "torch.sum(x, 0, 1)",
        "x.sum(dim=0, keepdim=1)",
        "x.sum(0, np.True_)",
        "x.sum(0, None)",
        "x.mean(dim=0, keepdim=0)",
        "x.max(0, 1)",
        "x.argmax(0, 1)",
        "x.amax(0, 1)",
        "x.median(0, 1)",
        "x.logsumexp(0, 1)",
        "x.topk(1, 0, 1)",
        "x.sum(0, True).shape",
        "x.mean(0, keepdims=True).shape",
        "x.sum(axis=1).shape",
    ],
)
def test_a_flag_that_is_not_a_bool_is_refused_as_in_pytorch(code: str) -> None:
    found = {}
    for library in (lab, torch):
        found[library] = outcome(
            library, code.replace("x.", "library.rand(2, 3).").replace("(x,", "(library.rand(2, 3),")
        )
    assert found[lab] == found[torch].replace("torch.", "library.")  # (the code names the library)


@pytest.mark.parametrize(
    "code",
    [
        "torch.rand(2, 3).view(3, 2.0)",
        "torch.rand(2, 3).view(3 / 1, 2)",
        "torch.rand(2, 3).reshape(3.0, 2)",
        "torch.rand(2, 3).reshape([6.0])",
        "torch.rand(2, 3).repeat(2.0, 1)",
        "torch.rand(1, 3).expand(2.0, 3)",
        "torch.rand(2, 3).view(torch.tensor(3), 2).shape",
        "torch.rand(2, 3).view(np.int64(3), -1).shape",
        "torch.rand(1, 3).expand(torch.tensor(4), 3).shape",
    ],
)
def test_a_size_that_is_not_whole_is_refused_as_in_pytorch(code: str) -> None:
    ours, theirs = outcome(lab, code), outcome(torch, code)
    assert (
        ours.split(":")[0] == theirs.split(":")[0]
    )  # (the type; PyTorch words it by the overloads it tried)
    assert ours.startswith("TypeError") or ours == theirs


VARIABLE_CALLS = [
    "Variable([1.0])",
    "Variable()",
    "Variable(t, volatile=False)",
    "Variable(t, volatile=True)",
    "Variable(t, requires_grad=True, volatile=True)",
    "t.volatile",
    "setattr(t, 'volatile', True)",
    "(isinstance(t, Variable), isinstance(3, Variable), repr(Variable))",
]


def variable_outcomes(library: object) -> list:
    names = {"Variable": library.autograd.Variable, "t": library.ones(2)}
    seen = []
    for code in VARIABLE_CALLS:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                result = repr(eval(code, names))  # noqa: S307 - the calls above
            except Exception as error:  # noqa: BLE001 - the outcome
                result = f"{type(error).__name__}: {str(error).split(' Hint:')[0]}"
        seen.append((result, [str(w.message).split(" Hint:")[0] for w in caught]))
    return seen


def test_variable_is_a_class_every_tensor_belongs_to_and_volatile_warns_as_in_pytorch() -> None:
    assert variable_outcomes(lab) == variable_outcomes(torch)


@pytest.mark.parametrize("code", ["torch.arange()", "torch.arange(end=3)", "torch.arange(start=1, end=3)"])
def test_arange_needs_its_end_as_in_pytorch(code: str) -> None:
    assert outcome(lab, code).splitlines()[0] == outcome(torch, code).splitlines()[0]


# -- erf and GELU a piece at a time -------------------------------------------------------------------------


def test_erf_in_pieces_is_erf_of_each_element() -> None:
    from autograd_lab.ops.elementwise import _ERF_PIECE, _erf64

    rng = np.random.default_rng(0)
    special = [0.0, -0.0, np.nan, np.inf, -np.inf, 0.84375, 1.25, 1 / 0.35, 6.0, -6.0, 2.0**-28, 1e-300, -3.0]
    x = np.concatenate([rng.standard_normal(_ERF_PIECE) * s for s in (0.3, 1, 4)] + [np.array(special)])
    rng.shuffle(x)
    together = _erf64(x)
    each = np.array([_erf64(np.array([v]))[0] for v in x[:: len(x) // 3000]] + [float(_erf64(x[-1:])[0])])
    np.testing.assert_array_equal(together[:: len(x) // 3000], each[:-1])
    np.testing.assert_allclose(
        together[~np.isnan(x)], [math.erf(v) for v in x[~np.isnan(x)]], rtol=4e-16, atol=1e-300
    )


def test_gelu_of_many_activations_is_pytorchs() -> None:
    values = np.random.default_rng(1).standard_normal((4, 70_000)).astype(np.float32) * 2
    for approximate in ("none", "tanh"):
        ours = lab.nn.functional.gelu(lab.tensor(values), approximate=approximate).numpy()
        theirs = torch.nn.functional.gelu(torch.tensor(values), approximate=approximate).numpy()
        np.testing.assert_allclose(ours, theirs, rtol=2e-6, atol=2e-6)  # (oneDNN's tails differ by ~1e-6)
