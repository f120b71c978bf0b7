"""Session 14's fixes, each held against PyTorch.

- ``nn.Linear``'s product ``x @ w.T`` adds in MKL's order where its kernel is
  known, and a layer with one input adds its bias in the same rounding
  (tests/test_product_order.py holds the products themselves): a Linear
  layer's output and its loss print PyTorch's digits, as in yunjey's
  pytorch_basics (``loss:  1.308319330215454``).
- ``abs`` refuses bool tensors, as PyTorch's kernel does.
"""

from __future__ import annotations

import numpy as np
import pytest
from mkl_order import pytorch_adds_as_followed
from twins import outcome

import autograd_lab as lab

torch = pytest.importorskip("torch")


@pytest.mark.parametrize(
    ("batch", "features", "outputs"), [(10, 3, 2), (64, 20, 10), (16, 1, 8), (8, 5, 4), (3, 2, 3)], ids=str
)
def test_a_linear_layer_and_its_loss_print_pytorchs_digits(batch: int, features: int, outputs: int) -> None:
    printed, values = [], []
    for m in (torch, lab):
        m.manual_seed(0)
        x, y = m.randn(batch, features), m.randn(batch, outputs)
        layer = m.nn.Linear(features, outputs)
        prediction = layer(x)
        loss = m.nn.MSELoss()(prediction, y)
        loss.backward()
        bits = prediction.detach().numpy().tobytes()
        printed.append((repr(prediction), loss.item(), repr(layer.weight.grad), repr(layer.bias.grad), bits))
        values.append([prediction.detach().numpy(), layer.weight.grad.numpy(), layer.bias.grad.numpy()])
    if pytorch_adds_as_followed(torch):
        assert printed[1] == printed[0]
        return
    # PyTorch adds in another order on this CPU: the numbers agree within rounding, and ours print
    # as PyTorch prints the same numbers
    for ours, theirs in zip(values[1], values[0], strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-6 * np.abs(theirs).max())
    as_pytorch_prints = repr(torch.from_numpy(values[1][0]).requires_grad_())
    assert printed[1][0] == as_pytorch_prints.replace("requires_grad=True", "grad_fn=<AddmmBackward0>")


@pytest.mark.parametrize(
    "code", ["m.abs(b)", "b.abs()", "abs(b)", "m.absolute(b)", "b.abs_()", "m.abs(b.int())"]
)
def test_abs_refuses_bool_tensors_as_pytorch_does(code: str) -> None:
    results = [outcome(m, code, {"b": m.tensor([True, False])}) for m in (lab, torch)]
    assert results[0] == results[1]


# Tensor.is_xpu ... (pytorch/examples' dcgan asks is_xpu to pick its device)
IS_PROPERTIES = [
    "is_cpu", "is_cuda", "is_xpu", "is_mps", "is_ipu", "is_xla", "is_mtia", "is_maia", "is_vulkan", "is_mkldnn",
    "is_sparse", "is_sparse_csr", "is_quantized", "is_nested", "is_meta", "is_leaf",
]  # fmt: skip
IS_METHODS = [
    "is_conj",
    "is_neg",
    "is_shared",
    "is_floating_point",
    "is_complex",
    "is_contiguous",
    "is_pinned",
]


@pytest.mark.parametrize("make", ["m.ones(2, 3)", "m.ones(2, 3, requires_grad=True).t()", "m.arange(3)"])
def test_a_tensors_is_properties_are_pytorchs(make: str) -> None:
    found = []
    for m in (lab, torch):
        tensor = eval(make, {"m": m})  # noqa: S307 - the test's own table
        found.append(
            [getattr(tensor, name) for name in IS_PROPERTIES]
            + [getattr(tensor, name)() for name in IS_METHODS]
        )
    assert found[0] == found[1]


def test_torch_onnx_imports_and_its_export_says_it_is_not_here(tmp_path: object) -> None:
    """pytorch/examples' word_language_model imports torch.onnx at the top; it exports only when asked to."""
    import autograd_lab.onnx

    assert autograd_lab.onnx.is_in_onnx_export() is torch.onnx.is_in_onnx_export() is False
    assert issubclass(lab.onnx.OnnxExporterError, RuntimeError)
    assert issubclass(torch.onnx.OnnxExporterError, RuntimeError)
    with pytest.raises(lab.onnx.OnnxExporterError, match="not available in autograd_lab. Hint: "):
        lab.onnx.export(lab.nn.Linear(2, 1), (lab.ones(1, 2),), tmp_path / "model.onnx")


def _batch_jacobians(m: object) -> bytes:
    """The tutorial's two batch Jacobians (checked to agree), and the bits of ``vmap(linear)``."""
    m.manual_seed(0)
    weight, bias, x = m.randn(33, 31), m.randn(33), m.randn(64, 31)
    linear = m.nn.functional.linear
    mapped = m.func.vmap(lambda row: linear(row, weight, bias))(x)
    assert m.equal(mapped, linear(x, weight, bias))

    def predict(weight: object, bias: object, x: object) -> object:
        return linear(x, weight, bias).tanh()

    per_row = m.func.vmap(m.func.jacrev(predict, argnums=2), in_dims=(None, None, 0))(weight, bias, x)
    summed = m.func.jacrev(lambda weight, bias, x: predict(weight, bias, x).sum(0), argnums=2)
    assert m.allclose(per_row, summed(weight, bias, x).movedim(1, 0))
    return mapped.numpy().tobytes()


def test_vmap_of_a_linear_layer_gives_the_batched_bits() -> None:
    """PyTorch's jacobians_hessians tutorial checks ``allclose`` of two batch Jacobians: vmap's per-slice
    loop now multiplies each row as a row of the batched product (its kernel, its order of adding)."""
    if not torch.backends.mkl.is_available():
        pytest.skip("the order followed is that of PyTorch's x86-64 build, with Intel MKL")
    assert _batch_jacobians(lab) == _batch_jacobians(torch)


BCE_WEIGHTS = {
    "bce_with_logits, int64 weight": "F.binary_cross_entropy_with_logits(p, y, weight=mask, reduction='none')",
    "bce_with_logits, int64 pos_weight": "F.binary_cross_entropy_with_logits(p, y, pos_weight=m.tensor([1, 2, 1, 1]))",
    "bce_with_logits, bool weight": "F.binary_cross_entropy_with_logits(p, y, weight=mask.bool())",
    "bce_with_logits, float64 weight": "F.binary_cross_entropy_with_logits(p, y, weight=mask.double())",
    "bce, int64 weight": "F.binary_cross_entropy(p.sigmoid(), y, weight=mask)",
    "BCEWithLogitsLoss, int64 weight": "m.nn.BCEWithLogitsLoss(weight=mask)(p, y)",
    "its gradient": "m.autograd.grad(F.binary_cross_entropy_with_logits(p, y, weight=mask), p)",
}


@pytest.mark.parametrize("case", BCE_WEIGHTS)
def test_binary_cross_entropy_with_integer_weights_stays_float32(case: str) -> None:
    """d2l's word2vec SigmoidBCELoss passes an int64 mask as ``weight``."""
    results = []
    for m in (lab, torch):
        names = {
            "m": m,
            "F": m.nn.functional,
            "p": m.tensor([[1.1, -2.2, 3.3, -4.4]] * 2, requires_grad=True),
            "y": m.tensor([[1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0]]),
            "mask": m.tensor([[1, 1, 1, 1], [1, 1, 0, 0]]),
        }
        results.append(outcome(m, BCE_WEIGHTS[case], names))
    assert results[0] == results[1]


@pytest.mark.parametrize("row", [-0.25, -1e-6, 0.0, 0.5, 2.25])
@pytest.mark.parametrize("padding_mode", ["zeros", "border", "reflection"])
def test_grid_samples_gradient_at_a_row_that_rounds_across_the_border(row: float, padding_mode: str) -> None:
    """The spatial transformer tutorial's identity grid puts its top row at pixel -3e-8: the gradient is
    measured from the corners the forward read (it was 0 across, where PyTorch has 1.5)."""
    found = []
    for m in (lab, torch):
        image = m.arange(1.0, 10.0).view(1, 1, 3, 3)
        grid = m.tensor([[[[0.0, (2 * row + 1) / 3 - 1]]]], requires_grad=True)
        out = m.nn.functional.grid_sample(image, grid, padding_mode=padding_mode, align_corners=False)
        out.sum().backward()
        found.append([out.item(), *grid.grad.flatten().tolist()])
    assert found[0] == pytest.approx(found[1], abs=1e-6)


@pytest.mark.parametrize(
    "code", ["m.solve(A, A)", "m.eig(A)", "m.eig(A, eigenvectors=True)", "m.symeig(A)", "m.lstsq(A, A)"]
)
def test_functions_removed_from_pytorch_raise_its_error(code: str) -> None:
    """Old lessons (the parametrizations tutorial's torch.solve) meet PyTorch's message and its replacement."""
    results = []
    for m in (lab, torch):
        try:
            eval(code, {"m": m, "A": m.eye(2)})  # noqa: S307 - the test's own table
        except RuntimeError as error:
            results.append(str(error).split(" Hint: ")[0])
    assert len(results) == 2
    assert results[0] == results[1]


@pytest.mark.parametrize(
    "name",
    [
        "max_memory_allocated", "memory_reserved", "max_memory_reserved", "memory_stats",
        "reset_peak_memory_stats", "reset_accumulated_memory_stats",
    ],
)  # fmt: skip
def test_cuda_memory_statistics_on_a_cpu_as_in_pytorchs_cpu_build(name: str) -> None:
    """The custom_function_conv_bn tutorial measures GPU memory; on a CPU, PyTorch says 0 or raises."""
    if torch.cuda.is_available():
        pytest.skip("PyTorch has a GPU here")
    results = [outcome(m, f"m.cuda.{name}()") for m in (lab, torch)]
    assert results[0] == results[1]


@pytest.mark.parametrize(
    "code", ["m.relu(x, inplace=True)", "m.sigmoid(x, inplace=True)", "m.exp(x, foo=1)", "m.tanh(x, dim=0)"]
)
def test_an_unexpected_keyword_is_named_with_the_function(code: str) -> None:
    """A lesson's slip (``torch.relu(x, inplace=True)``) names PyTorch's function, not our forward."""
    results = [outcome(m, code, {"x": m.ones(2)}) for m in (lab, torch)]
    assert results[0] == results[1]


SAVED_NAMES = [
    "x * x",
    "x * 3",
    "x / 2",
    "x.exp()",
    "x.relu()",
    "x ** 2",
    "x.log()",
    "x.sigmoid()",
    "x.softmax(0)",
]


@pytest.mark.parametrize("code", SAVED_NAMES)
def test_dir_of_a_node_lists_the_saved_names_pytorch_lists(code: str) -> None:
    """torchviz draws every ``_saved_*`` attribute ``dir(grad_fn)`` lists: only what the node keeps."""
    listed = []
    for m in (lab, torch):
        y = eval(code, {"x": m.ones(2, 2, requires_grad=True)})  # noqa: S307 - the test's own table
        before = [name for name in dir(y.grad_fn) if name.startswith("_saved_")]
        y.sum().backward()  # (freed: still listed, as in PyTorch)
        assert [name for name in dir(y.grad_fn) if name.startswith("_saved_")] == before
        listed.append(before)
    assert listed[0] == listed[1]


@pytest.mark.parametrize("factor", ["second", "first"])
def test_a_product_s_gradient_is_laid_out_as_its_factor(factor: str) -> None:
    """mm's rules give a factor stored column by column (``w.t()``) a gradient laid out the same way, as
    PyTorch's mm_mat1/mat2_backward do: a Linear layer's weight gets its gradient without a copy."""
    found = []
    for m in (lab, torch):
        m.manual_seed(0)
        x, weight = m.randn(6, 4, requires_grad=True), m.randn(3, 4, requires_grad=True)
        transposed = weight.t()  # (4, 3), column by column
        out = x @ transposed if factor == "second" else transposed @ m.randn(3, 5)
        grad = m.autograd.grad(out.sum(), transposed, retain_graph=True)[0]
        out.sum().backward()
        found.append((grad.stride(), weight.grad.stride(), weight.grad.is_contiguous(), repr(weight.grad)))
    assert found[0] == found[1]


RESIZE = [
    "x.resize_(2, 3)", "x.resize_((3, 2))", "x.resize_(m.Size([3, 2]))", "x.resize_(2, 2)", "x.resize_(6)",
    "x.reshape(2, 3).t().resize_(3, 2)", "x.reshape(2, 3).t().resize_(6)", "x[:4].resize_(2, 2)",
    "x.resize_as_(m.ones(3, 2))", "x.requires_grad_().resize_(2, 3)", "x.resize_(2, -3)",
]  # fmt: skip


@pytest.mark.parametrize("code", RESIZE)
def test_resize_as_pytorch_resizes(code: str) -> None:
    """Udacity's intro-to-pytorch flattens a batch with ``images.resize_(64, 784)``."""
    results = []
    for m in (lab, torch):
        x = m.arange(6.0)
        found = outcome(m, f"[{code}, x.shape]", {"x": x})
        results.append(found)
    assert results[0] == results[1]


def test_resize_gives_back_the_same_tensor() -> None:
    x = lab.arange(6.0)
    assert x.resize_(2, 3) is x
    assert x.shape == (2, 3)


DTYPE_SLIPS = {
    "conv2d, uint8 image, bias": "m.nn.Conv2d(3, 2, 3)(m.zeros(1, 3, 5, 5, dtype=m.uint8))",
    "conv2d, float64 input, no bias": "m.nn.Conv2d(3, 2, 3, bias=False)(m.zeros(1, 3, 5, 5, dtype=m.float64))",
    "conv2d, float16 input, no bias": "m.nn.Conv2d(3, 2, 3, bias=False)(m.zeros(1, 3, 5, 5, dtype=m.float16))",
    "conv1d, int64 input, bias": "m.nn.Conv1d(3, 2, 3)(m.zeros(1, 3, 5, dtype=m.int64))",
    "linear, uint8 input, bias": "m.nn.Linear(4, 2)(m.ones(1, 4, dtype=m.uint8))",
    "addmm, float64 bias": "m.addmm(m.zeros(2, dtype=m.float64), m.ones(1, 4), m.ones(4, 2))",
    "addmm, float64 mat2": "m.addmm(m.zeros(2), m.ones(1, 4), m.ones(4, 2, dtype=m.float64))",
    "assigning a float64 grad": "setattr(m.zeros(3, requires_grad=True), 'grad', m.zeros(3, dtype=m.float64))",
    "lazy parameter's device": "next(m.nn.LazyLinear(10).parameters()).device",
}


@pytest.mark.parametrize("case", DTYPE_SLIPS)
def test_dtype_slips_of_real_lessons_as_in_pytorch(case: str) -> None:
    """Zero to Mastery's custom-dataset lesson feeds read_image's uint8 straight to a Conv2d."""
    results = []
    for m in (lab, torch):
        m.manual_seed(0)
        results.append(outcome(m, DTYPE_SLIPS[case]))
    assert results[0] == results[1]


@pytest.mark.parametrize("groups", [1, 2])
def test_a_convolutions_weight_gradient_on_small_maps_matches_pytorch(groups: int) -> None:
    """dragen1860's ResNet-18 ends on 2x2 maps of 512 channels: the weight gradient is made in one product
    over the batch there (per image it was gigabytes), and stays PyTorch's."""
    from autograd_lab.ops import nn as ops_nn

    assert ops_nn._few_positions((8, 32, 2, 2), (32, 64 // groups, 3, 3))
    grads = []
    for m in (lab, torch):
        m.manual_seed(0)
        conv = m.nn.Conv2d(64, 32, 3, padding=1, groups=groups)
        x = m.randn(8, 64, 2, 2, requires_grad=True)
        (conv(x) * m.arange(128.0).reshape(1, 32, 2, 2)).sum().backward()
        grads.append([conv.weight.grad.numpy(), conv.bias.grad.numpy(), x.grad.numpy()])
    for ours, theirs in zip(*grads, strict=True):
        assert ours.shape == theirs.shape
        np.testing.assert_allclose(ours, theirs, rtol=1e-4, atol=1e-4)


def test_the_weight_gradient_made_at_once_passes_gradcheck() -> None:
    conv_input = lab.randn(2, 8, 1, 1, dtype=lab.float64, requires_grad=True)
    weight = lab.randn(8, 8, 3, 3, dtype=lab.float64, requires_grad=True)
    assert lab.autograd.gradcheck(
        lambda x, w: lab.nn.functional.conv2d(x, w, padding=1), (conv_input, weight)
    )


def test_an_lstm_cell_takes_its_state_as_a_list() -> None:
    """dragen1860's RNN lesson writes ``cell(xt, [h, c])``."""
    found = []
    for m in (lab, torch):
        m.manual_seed(0)
        cell = m.nn.LSTMCell(4, 3)
        h, c = cell(m.randn(2, 4), [m.zeros(2, 3), m.zeros(2, 3)])
        found.append(repr(h))
    assert found[0] == found[1]


def test_jit_is_scripting_and_is_tracing_as_in_eager_pytorch() -> None:
    """ViT and timm code asks ``not torch.jit.is_scripting()``."""
    assert (lab.jit.is_scripting(), lab.jit.is_tracing()) == (
        torch.jit.is_scripting(),
        torch.jit.is_tracing(),
    )
