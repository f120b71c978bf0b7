"""Session 15's fixes, each held against PyTorch.

- Batch norm's backward pass in training is PyTorch's CPU kernel: two sums per channel
  (Σg and Σ(x − μ)g) and one pass over the batch, from the statistics the forward pass
  saved, instead of the statistics worked out again with six more sums.  A batch of
  rows (BatchNorm1d on (N, C)) gets PyTorch's gradients bit for bit; a batch of images
  differs from PyTorch only where its planes' float sums round (PyTorch adds each plane
  in float32 vectors, here in double).
- API that PyTorch's documentation examples use (scout F ran 483 of them):
  ``torch.Size`` slices, ``as_tensor`` sharing a NumPy array's memory, ``squeeze``
  of several dimensions, ``clamp`` with tensor bounds, ``F.relu_`` and the other
  in-place activations, ``conj``/``mH``/``H``/``adjoint``, and the TF32 switches
  course code sets.
- ``torch.load`` reads the files PyTorch itself saves (its zip archive): a
  course's checkpoints, made with PyTorch, resume training here.
- Lists, numbers and bools where PyTorch wants tensors or ints get PyTorch's
  errors (students pass lists); a tensor inside a list is its one number
  (leedl HW4's collate); ``out=`` for more functions; ``torch.linalg``'s
  composites and PyTorch's older linear-algebra names; ``view(dtype)``;
  einsum's sublists; ``remainder``'s sign of zero.
- Optimizer hooks; a post-accumulate-grad hook returning its leaf; ``x.T``'s
  deprecation warning; the conv weight gradient added a few images at a time.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from twins import outcome

import autograd_lab as lab
from autograd_lab.ops import nn as nn_ops

torch = pytest.importorskip("torch")


def _batch_norm_grads(m, x: np.ndarray, g: np.ndarray, affine: bool) -> list[np.ndarray]:
    """The input's, weight's and bias's gradients of a BatchNorm layer in training, under ``m``."""
    m.manual_seed(0)
    layer = (m.nn.BatchNorm2d if x.ndim == 4 else m.nn.BatchNorm1d)(x.shape[1], affine=affine)
    if x.dtype == np.float64:
        layer = layer.double()
    if affine:
        rng = np.random.default_rng(1)
        with m.no_grad():
            layer.weight.copy_(m.tensor(rng.standard_normal(x.shape[1]).astype(x.dtype)))
            layer.bias.copy_(m.tensor(rng.standard_normal(x.shape[1]).astype(x.dtype)))
    inputs = m.tensor(x, requires_grad=True)
    layer(inputs).backward(m.tensor(g))
    found = [inputs.grad.numpy()]
    return found + ([layer.weight.grad.numpy(), layer.bias.grad.numpy()] if affine else [])


def _batch(shape: tuple, dtype: str = "float32", seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return (rng.standard_normal(shape) * 3 + 1).astype(dtype), rng.standard_normal(shape).astype(dtype)


@pytest.mark.parametrize(
    "shape",
    # (1x1 maps and length-1 sequences are added as rows; 8 or more channels take the fused path: fast.ai's
    # ResNet crashed there before session 16)
    [
        (64, 20),
        (256, 120),
        (7, 5),
        (64, 12),
        (33, 40),
        (2, 3, 1, 1),
        (1024, 8, 1, 1),
        (33, 12, 1, 1),
        (20, 9, 1),
    ],
    ids=str,
)
@pytest.mark.parametrize("affine", [True, False], ids=["affine", "plain"])
def test_batch_norm_of_rows_has_pytorchs_gradients_bit_for_bit(shape: tuple, affine: bool) -> None:
    """Σg row after row, Σ(x − μ)g fused, and (g − Σg/N) − (x − μ)k fused in the full vectors of 8."""
    if not torch.backends.mkl.is_available():
        pytest.skip("the order followed is that of PyTorch's x86-64 build")
    x, g = _batch(shape)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # (the kernel splits the rows between threads)
    try:
        ours, theirs = _batch_norm_grads(lab, x, g, affine), _batch_norm_grads(torch, x, g, affine)
    finally:
        torch.set_num_threads(threads)
    for found, expected in zip(ours, theirs, strict=True):
        assert found.dtype == expected.dtype
        assert found.tobytes() == expected.tobytes()


@pytest.mark.parametrize("shape", [(32, 16, 32, 32), (8, 3, 5, 5), (4, 6, 10)], ids=str)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_batch_norm_of_images_has_pytorchs_gradients(shape: tuple, dtype: str) -> None:
    x, g = _batch(shape, dtype)
    ours, theirs = _batch_norm_grads(lab, x, g, True), _batch_norm_grads(torch, x, g, True)
    tolerance = 1e-5 if dtype == "float32" else 1e-12
    for found, expected in zip(ours, theirs, strict=True):
        assert found.dtype == expected.dtype
        np.testing.assert_allclose(found, expected, rtol=tolerance, atol=tolerance * np.abs(expected).max())


def test_batch_norm_backward_takes_the_kernels_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """A plain backward pass in training adds two sums per channel, not the statistics again."""
    calls = []
    real = nn_ops._kernel_input_grad
    monkeypatch.setattr(nn_ops, "_kernel_input_grad", lambda *args: calls.append(1) or real(*args))
    x, g = _batch((4, 3, 5, 5))
    _batch_norm_grads(lab, x, g, True)
    assert calls == [1]


def test_batch_norm_double_backward_still_differentiates_its_statistics() -> None:
    """create_graph records the rule in tensor ops (the kernel's path is for plain arrays only)."""
    x, _ = _batch((6, 3, 4, 4), "float64")
    outs = []
    for m in (lab, torch):
        layer = m.nn.BatchNorm2d(3).double()
        inputs = m.tensor(x, requires_grad=True)
        (grad,) = m.autograd.grad((layer(inputs) ** 3).sum(), inputs, create_graph=True)
        (second,) = m.autograd.grad((grad * grad).sum(), inputs)
        outs.append(second.detach().numpy())
    np.testing.assert_allclose(outs[0], outs[1], rtol=1e-9, atol=1e-9)


API_CASES = {
    "Size slice": "m.zeros(2, 3, 4).shape[1:]",
    "Size plus a tuple": "(m.zeros(2, 3).shape + (5,), (1,) + m.zeros(2).shape, m.zeros(2).shape * 2)",
    "Size item": "type(m.zeros(2, 3).shape[0]).__name__",
    "squeeze of a tuple": "m.zeros(2, 1, 2, 1, 2).squeeze((1, 3)).shape",
    "squeeze of a list, function": "m.squeeze(m.zeros(2, 1, 2, 1, 2), [1, 2, 3]).shape",
    "squeeze of a tuple, node": "m.zeros(2, 1, requires_grad=True).squeeze((1,)).grad_fn.name()",
    "squeeze of a repeated dim": "m.zeros(2, 1, 3).squeeze((1, 1))",
    "squeeze_ of a repeated dim": "m.zeros(2, 1, 3).squeeze_((1, -2))",
    "squeeze of a dim out of range": "m.zeros(2, 1, 3).squeeze((1, 7))",
    "clamp, tensor bounds": "m.clamp(m.tensor([1.5, -0.3, 0.2, 2.0]), min=m.linspace(-1, 1, 4))",
    "clamp, both tensor bounds": "m.tensor([1, 5, 9]).clamp(m.tensor([2, 3, 4]), m.tensor([0, 9, 9]))",
    "clamp, tensor upper bound, node": "m.ones(2, requires_grad=True).clamp(max=m.zeros(2)).grad_fn.name()",
    "clamp, a tensor and a number": "m.clamp(m.ones(2), m.zeros(2), 1.0)",
    "conj of a real tensor": "(lambda x: (x.conj() is x, m.conj(x) is x, x.resolve_conj() is x))(m.ones(2))",
    "mH, H and adjoint": "(lambda x: (x.mH.shape, x.H.shape, m.adjoint(x).grad_fn.name()))(m.ones(2, 3, requires_grad=True))",
    "mH of a batch": "m.ones(4, 2, 3).mH.shape",
    "H of a vector": "m.ones(3).H",
    "H of a batch": "m.ones(2, 2, 3).H",
    "mT of a vector": "m.ones(3).mT",
    "TF32 switches": "(m.backends.cuda.matmul.allow_tf32, m.backends.cudnn.allow_tf32, m.backends.cuda.matmul.fp32_precision)",
}


@pytest.mark.parametrize("code", list(API_CASES.values()), ids=list(API_CASES))
def test_api_the_docs_examples_use_is_pytorchs(code: str) -> None:
    assert outcome(lab, code) == outcome(torch, code)


def test_clamp_with_tensor_bounds_has_pytorchs_gradients() -> None:
    grads = []
    for m in (lab, torch):
        x = m.tensor([1.0, 5.0, 9.0, 3.0, 0.0], requires_grad=True)
        lo = m.tensor([2.0, 3.0, 4.0, 1.0, 0.0], requires_grad=True)
        hi = m.tensor([0.0, 9.0, 9.0, 2.0, 0.0], requires_grad=True)
        (m.clamp(x, lo, hi) * m.arange(1.0, 6.0)).sum().backward()
        grads.append([t.grad.tolist() for t in (x, lo, hi)])
    assert grads[0] == grads[1]


@pytest.mark.parametrize(
    ("name", "args"),
    [("relu_", ()), ("leaky_relu_", (0.2,)), ("elu_", ()), ("hardtanh_", (-0.5, 0.5)), ("threshold_", (0.1, 20.0)),
     ("selu_", ()), ("celu_", (2.0,)), ("rrelu_", ())],
)  # fmt: skip
def test_in_place_activations_write_into_their_input(name: str, args: tuple) -> None:
    found = []
    for m in (lab, torch):
        x = m.tensor([-1.0, 0.05, 2.0])
        y = getattr(m.nn.functional, name)(x, *args)
        found.append((y is x, repr(x)))
    assert found[0] == found[1]


def test_as_tensor_shares_a_numpy_arrays_memory_as_pytorch_does() -> None:
    seen = []
    for m in (lab, torch):
        same_type, other_type = np.array([1, 2, 3]), np.array([1.0, 2.0])
        m.as_tensor(same_type)[0] = -1
        m.as_tensor(other_type, dtype=m.float32)[0] = 5
        seen.append((same_type.tolist(), other_type.tolist()))
    assert seen[0] == seen[1] == ([-1, 2, 3], [1.0, 2.0])


# -- files PyTorch saved --------------------------------------------------------------------------------------

_SAVED_BY_PYTORCH = """
import torch
torch.manual_seed(0)
net = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU(), torch.nn.Linear(3, 1), torch.nn.BatchNorm1d(1))
optimizer = torch.optim.Adam(net.parameters())
net(torch.randn(4, 2)).sum().backward()
optimizer.step()
torch.save({"epoch": 3, "model": net.state_dict(), "optimizer": optimizer.state_dict()}, "checkpoint.pt")
x = torch.arange(12.0).reshape(3, 4)
torch.save([x, x[:, 1], x.t(), torch.tensor(True), torch.tensor([1, 2], dtype=torch.int32),
            torch.nn.Parameter(torch.ones(2)), torch.tensor([1.0], dtype=torch.float64)], "tensors.pt")
torch.save(net, "model.pt")
"""


@pytest.fixture(scope="module")
def saved_by_pytorch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Files written by PyTorch's own torch.save (in a process of its own, as a course would ship them)."""
    folder = tmp_path_factory.mktemp("pytorch_files")
    subprocess.run([sys.executable, "-c", textwrap.dedent(_SAVED_BY_PYTORCH)], cwd=folder, check=True)
    return folder


def _resumed(m, folder: Path) -> list:
    """Training resumed from PyTorch's checkpoint under ``m``: the losses and the weights after two steps."""
    m.manual_seed(0)
    net = m.nn.Sequential(m.nn.Linear(2, 3), m.nn.ReLU(), m.nn.Linear(3, 1), m.nn.BatchNorm1d(1))
    optimizer = m.optim.Adam(net.parameters())
    checkpoint = m.load(folder / "checkpoint.pt")
    net.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    x = m.arange(8.0).reshape(4, 2)
    losses = []
    for _ in range(2):
        optimizer.zero_grad()
        loss = net(x).pow(2).sum()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return [
        checkpoint["epoch"],
        np.array(losses),
        np.array(net[0].weight.tolist()),
        net[3].running_var.tolist(),
    ]


def test_a_checkpoint_saved_by_pytorch_resumes_training_here(saved_by_pytorch: Path) -> None:
    """(Adam's square roots are PyTorch's only to about one part in 10⁷: see optim/_kernels.)"""
    ours, theirs = _resumed(lab, saved_by_pytorch), _resumed(torch, saved_by_pytorch)
    assert ours[0] == theirs[0] == 3
    np.testing.assert_allclose(ours[1], theirs[1], rtol=1e-6)
    np.testing.assert_allclose(ours[2], theirs[2], rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(ours[3], theirs[3], rtol=1e-6)


def test_tensors_saved_by_pytorch_load_with_their_values_and_types(saved_by_pytorch: Path) -> None:
    ours, theirs = (m.load(saved_by_pytorch / "tensors.pt") for m in (lab, torch))
    assert repr(ours) == repr(theirs)
    assert [type(t).__name__ for t in ours] == [type(t).__name__ for t in theirs]


def test_a_whole_model_saved_by_pytorch_loads_only_when_trusted(saved_by_pytorch: Path) -> None:
    for m in (lab, torch):
        with pytest.raises(Exception, match="Weights only load failed") as refused:
            m.load(saved_by_pytorch / "model.pt")
        assert refused.type.__name__ == "UnpicklingError"
    ours, theirs = (m.load(saved_by_pytorch / "model.pt", weights_only=False) for m in (lab, torch))
    assert isinstance(ours, lab.nn.Sequential)
    assert repr(ours) == repr(theirs)
    assert repr(ours(lab.ones(2, 2))) == repr(theirs(torch.ones(2, 2)))


MORE_CASES = {
    "add of two numbers": "(m.add(5, 5), m.mul(2.0, 3), m.div(1, 2), m.floor_divide(7, 2), m.multiply(2, 3))",
    "exp of a number": "m.exp(2.0)",
    "sum of a list": "m.sum([1.0, 2.0])",
    "mean of a list, by keyword": "m.mean(input=[1.0])",
    "matmul of lists": "m.matmul([1.0], [1.0])",
    "pow with a number first": "m.pow(2, m.tensor(3))",
    "remainder with a number first": "m.remainder(5, m.tensor(3))",
    "remainder keeps fmod's zero": "(m.remainder(m.tensor([-3.0, -2, -1, 1, 2, 3]), 2), m.remainder(m.tensor([1, 2, 3]), -1.5))",
    "remainder of tensors": "m.tensor([5.5, -5.5, 0.0, -0.0]) % m.tensor([2.0, 2.0, -1.0, 1.0])",
    "keepdim by position": "m.ones(2, 3).sum(1, True).shape",
    "tensor of one-element tensors": "m.tensor([m.tensor([3]), m.tensor([1])])",
    "FloatTensor of one-element tensors": "m.FloatTensor((m.tensor([3]), m.tensor([1])))",
    "tensor of mixed tensors": "m.tensor([m.tensor(1, dtype=m.int32), 2.5])",
    "tensor of int32 tensors": "m.tensor([m.tensor(1, dtype=m.int32), m.tensor(2, dtype=m.int32)])",
    "tensor of NumPy scalars": "(m.tensor([np.int32(1), np.int32(2)]), m.tensor([np.float16(1), np.float16(2)]), m.tensor([np.uint8(3), 4]))",
    "tensor of a number and a tensor": "m.tensor([1.0, m.tensor([2.0])])",
    "tensor of float vectors": "m.tensor([m.ones(2), m.ones(2)])",
    "tensor of integer vectors": "m.tensor([m.tensor([1, 2]), m.tensor([3, 4])])",
    "out= of a comparison": "m.eq(m.ones(2), m.ones(2), out=m.empty(2))",
    "out= of logical_not into int16": "m.logical_not(m.tensor([0.0, 1.0, -10.0]), out=m.empty(3, dtype=m.int16))",
    "out= of a sum in out's dtype": "m.sum(m.tensor([1.5, 2.5]), 0, out=m.empty(0, dtype=m.long))",
    "out= of a mean into long": "m.mean(m.ones(2, 2), 0, out=m.empty(2, dtype=m.int64))",
    "out= of max along a dim": "m.max(m.tensor([[1.0, 5.0], [7.0, 2.0]]), 1, out=(m.zeros(0), m.zeros(0, dtype=m.long)))",
    "out= of topk": "m.topk(m.tensor([3.0, 1.0]), 1, out=(m.empty(0), m.empty(0, dtype=m.long)))",
    "out= of max, recorded": "m.max(m.ones(2, requires_grad=True), 0, out=(m.empty(0), m.empty(0, dtype=m.long)))",
    "out= of a comparison, recorded": "m.logical_not(m.ones(2, requires_grad=True), out=m.empty(2, dtype=m.bool))",
    "view as another dtype": "(lambda x: (x.view(m.int32), x.view(m.float16), x.view(m.uint8).shape))(m.tensor([1.0, -2.0]))",
    "view as a wider dtype": "m.arange(4, dtype=m.int16).view(m.int32)",
    "view as a dtype, odd length": "m.ones(3, dtype=m.int16).view(m.int32)",
    "view as a dtype, strided": "m.ones(2, 3).t().view(m.int16)",
    "view as a dtype, 0-d": "m.tensor(1.0).view(m.int16)",
    "einsum of sublists": "m.einsum(m.ones(2, 3), [0, 1], m.ones(3, 4), [1, 2], [0, 2])",
    "einsum of sublists, implicit output": "m.einsum(m.arange(6.0).reshape(2, 3), [1, 0])",
    "vander": "(m.linalg.vander(m.tensor([1.0, 2.0, 3.0])), m.linalg.vander(m.tensor([2, 3]), N=4))",
    "vander with no columns": "m.linalg.vander(m.ones(3), N=0)",
    "cond": "(lambda a: [m.linalg.cond(a, p) for p in (None, 'fro', 1, -2, float('inf'))])(m.tensor([[4.0, 2.0], [2.0, 3.0]]))",
    "vecdot": "m.linalg.vecdot(m.tensor([[1.0, 2.0], [3.0, 4.0]]), m.tensor([[1.0, 0.5], [2.0, 1.0]]), dim=0)",
    "inv_ex": "(m.linalg.inv_ex(m.tensor([[4.0, 2.0], [2.0, 3.0]])), m.linalg.inv_ex(m.zeros(2, 2)).info)",
    "cholesky_ex": "(m.linalg.cholesky_ex(m.tensor([[4.0, 2.0], [2.0, 3.0]])), m.linalg.cholesky_ex(m.tensor([[1.0, 2.0], [2.0, 1.0]])).info)",
    "solve_ex": "m.linalg.solve_ex(m.tensor([[4.0, 2.0], [2.0, 3.0]]), m.ones(2))",
    "tensorinv": "m.linalg.tensorinv(2 * m.eye(6).reshape(2, 3, 6), ind=2)",
    "tensorinv of a non-square split": "m.linalg.tensorinv(m.ones(2, 3, 5), ind=2)",
    "tensorsolve": "m.linalg.tensorsolve(2 * m.eye(6).reshape(2, 3, 6), m.arange(6.0).reshape(2, 3))",
    "linalg.diagonal and matmul": "(m.linalg.diagonal(m.arange(9.0).reshape(3, 3)), m.linalg.matmul(m.eye(2), m.ones(2, 2)))",
    "cholesky, deprecated": "(m.cholesky(m.tensor([[4.0, 2.0], [2.0, 3.0]])), m.tensor([[4.0, 2.0], [2.0, 3.0]]).cholesky(upper=True))",
    "qr, deprecated": "m.qr(m.tensor([[4.0, 2.0], [2.0, 3.0]]))",
    "triangular_solve, deprecated": "m.triangular_solve(m.ones(2, 1), m.tensor([[2.0, 1.0], [0.0, 4.0]]), transpose=True)",
    "cholesky_solve and inverse": "(lambda L: (m.cholesky_solve(m.ones(2, 1), L), m.cholesky_inverse(L), m.cholesky_solve(m.ones(2, 1), L.mT, upper=True)))(m.linalg.cholesky(m.tensor([[4.0, 2.0], [2.0, 3.0]])))",
    "pinverse, fix, resolve_neg": "(m.pinverse(m.tensor([[2.0, 0.0], [0.0, 4.0]])), m.fix(m.tensor([-1.5, 2.7])), m.resolve_neg(m.ones(2)))",
    "svdvals records a node": "m.linalg.svdvals(m.tensor([[4.0, 2.0], [2.0, 3.0]], requires_grad=True)).grad_fn.name()",
    "xpu and cudnn.version": "(m.xpu.is_available(), m.xpu.device_count(), m.backends.cudnn.version())",
    "cuda.device without CUDA": "m.cuda.device(0).__enter__()",
    "load onto a GPU": "(lambda b: (m.save({'w': m.ones(1)}, b), b.seek(0), m.load(b, map_location='cuda:0')))(io.BytesIO())",
    "load without tensors onto a GPU": "(lambda b: (m.save({'epoch': 3}, b), b.seek(0), m.load(b, map_location='cuda')))(io.BytesIO())[2]",
    "save into a missing folder": "m.save({}, '/nonexistent/folder/x.pt')",
    "antialiased shrink": "m.nn.functional.interpolate(m.arange(32.0).reshape(1, 1, 4, 8), size=(2, 3), mode='bilinear', antialias=True)",
    "antialias on a sequence": "m.nn.functional.interpolate(m.ones(1, 1, 4), size=2, mode='linear', antialias=True)",
    "resize of the same elements": "m.arange(6.0).resize(2, 3)",
    "resize to fewer elements": "m.arange(6.0).resize(4)",
    "tensor of an object array": "m.tensor(np.array([1, 'a'], dtype=object))",
    "matrix norms from singular values": "(lambda a: [m.linalg.matrix_norm(a, o) for o in (2, -2, 'nuc')] + [m.linalg.norm(a, 2), m.norm(a, p='nuc')])(m.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.5]]))",
    "matrix norms over other dims": "(lambda b: (m.linalg.matrix_norm(b, 2), m.linalg.matrix_norm(b, 'nuc', dim=(0, 2)), m.linalg.matrix_norm(b, -2, dim=(2, 1), keepdim=True).shape))(m.arange(24.0).reshape(2, 3, 4))",
    "matrix_rank, hermitian, not square": "m.linalg.matrix_rank(m.ones(2, 3), hermitian=True)",
    "pinv, hermitian, not square": "m.linalg.pinv(m.ones(2, 3), hermitian=True)",
}


@pytest.mark.parametrize("code", list(MORE_CASES.values()), ids=list(MORE_CASES))
def test_more_of_pytorchs_api_and_errors(code: str) -> None:
    import io

    names = {"np": np, "io": io}
    assert outcome(lab, code, names) == outcome(torch, code, names)


def test_cond_and_svdvals_have_pytorchs_gradients() -> None:
    grads = []
    for m in (lab, torch):
        a = m.tensor([[4.0, 2.0], [2.0, 3.0], [1.0, -1.0]], dtype=m.float64, requires_grad=True)
        b = m.tensor([[4.0, 2.0], [2.0, 3.0]], dtype=m.float64, requires_grad=True)
        (m.linalg.svdvals(a) * m.tensor([1.0, 2.0], dtype=m.float64)).sum().backward()
        (
            m.linalg.cond(b) + m.cholesky_inverse(m.linalg.cholesky(b)).sum() + m.linalg.matrix_norm(b, -2)
        ).backward()
        grads.append((a.grad.numpy(), b.grad.numpy()))
    for ours, theirs in zip(*grads, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize(
    "code",
    [
        "m.max(x, True)",
        "x.sum(True)",
        "x.mean(True)",
        "x.unsqueeze(True)",
        "x.softmax(True)",
        "x.argmax(True)",
    ],
)
def test_a_bool_is_not_a_dim(code: str) -> None:
    """PyTorch's TypeError (its wording differs by function: an invalid combination, or 'must be int')."""
    errors = []
    for m in (lab, torch):
        with pytest.raises(TypeError) as caught:
            eval(code, {"m": m, "x": m.ones(2, 3)})  # noqa: S307 - the test's own table
        errors.append(str(caught.value))
    assert "bool" in errors[0] and "bool" in errors[1]


def _hooked_steps(m) -> list:
    """An optimizer's step and state_dict hooks (and a lesson's own optimizer's), as they are called."""
    calls = []
    p = m.nn.Parameter(m.tensor(2.0))
    optimizer = m.optim.SGD([p], lr=0.1)
    pre = optimizer.register_step_pre_hook(lambda o, args, kwargs: calls.append(("pre", len(args), kwargs)))
    optimizer.register_step_post_hook(lambda o, args, kwargs: calls.append(("post", p.item())))
    optimizer.register_state_dict_pre_hook(lambda o: calls.append("state_dict pre"))
    optimizer.register_state_dict_post_hook(lambda o, state: calls.append(("state_dict post", sorted(state))))
    optimizer.register_load_state_dict_pre_hook(lambda o, state: calls.append("load pre"))
    optimizer.register_load_state_dict_post_hook(lambda o: calls.append("load post"), prepend=True)
    p.grad = m.tensor(1.0)
    optimizer.step()
    optimizer.load_state_dict(optimizer.state_dict())
    pre.remove()
    optimizer.step()
    module = __import__(f"{m.__name__}.optim.optimizer", fromlist=["x"])
    handle = module.register_optimizer_step_post_hook(lambda o, args, kwargs: calls.append("global post"))
    optimizer.step()
    handle.remove()

    class Halving(m.optim.Optimizer):
        def __init__(self, params):
            super().__init__(params, {"lr": 0.5})

        def step(self, closure=None):
            for group in self.param_groups:
                for q in group["params"]:
                    q.data -= group["lr"] * q.grad

    own = Halving([p])
    own.register_step_post_hook(lambda o, args, kwargs: calls.append(("own post", p.item())))
    own.step()
    return calls


def test_optimizer_hooks_are_called_as_pytorch_calls_them() -> None:
    assert _hooked_steps(lab) == _hooked_steps(torch)


@pytest.mark.parametrize("returned", ["leaf", "None", "new tensor", "number"])
def test_a_post_accumulate_grad_hook_may_return_its_leaf(returned: str) -> None:
    results = []
    for m in (lab, torch):
        v = m.tensor([0.0, 1.0], requires_grad=True)
        hook = {
            "leaf": lambda p: p.add_(p.grad, alpha=-0.01),
            "None": lambda p: None,
            "new tensor": lambda p: p * 2,
            "number": lambda p: 5,
        }[returned]
        v.register_post_accumulate_grad_hook(hook)
        try:
            v.sum().backward()
            results.append(("ok", v.tolist()))
        except (RuntimeError, TypeError) as error:
            results.append((type(error).__name__, str(error).split(" Hint: ")[0]))
    assert results[0] == results[1]


@pytest.mark.parametrize(("n", "c", "o", "k", "h"), [(8, 24, 64, 5, 6), (6, 3, 8, 3, 9), (3, 2, 4, 3, 5)])
def test_the_conv_weight_gradient_in_either_path_is_pytorchs(
    n: int, c: int, o: int, k: int, h: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Few positions: one product over the batch; else per-image products, a few images at a time."""
    monkeypatch.setattr(nn_ops, "_CHUNK_FLOATS", 1)  # (one image per chunk: the chunks are added in turn)
    grads = []
    for m in (lab, torch):
        m.manual_seed(0)
        conv = m.nn.Conv2d(c, o, k, padding=k // 2).double()
        x = m.randn(n, c, h, h, dtype=m.float64)
        conv(x).backward(m.randn(n, o, h, h, dtype=m.float64))
        grads.append(conv.weight.grad.numpy())
    np.testing.assert_allclose(grads[0], grads[1], rtol=1e-10, atol=1e-10)
    assert nn_ops._few_positions((n, o, h, h), (o, c, k, k)) == (o * c * k * k > h * h * (o + c * k * k))


WARNED_ONCE = {
    "x.T of a 3-d tensor": "m.ones(2, 3, 4).T.shape",
    "x.T of a number": "m.tensor(1.0).T.shape",
    "mT of a number": "m.tensor(2.0).mT",
    "tensor of tensors that require grad": "(lambda w: m.tensor([w * 1, w * 2]))(m.tensor(2.0, requires_grad=True))",
}


@pytest.mark.parametrize("code", list(WARNED_ONCE.values()), ids=list(WARNED_ONCE))
def test_warnings_pytorch_gives_once_per_process(code: str) -> None:
    """(Asked for every time, in both: another test may have had the one already.)"""
    assert outcome(lab, code, warn_always=True) == outcome(torch, code, warn_always=True)


def test_the_import_leaves_garbage_collection_on_and_its_objects_frozen() -> None:
    """autograd_lab pauses the collector while it imports (its objects all last), then freezes them."""
    code = (
        "import gc; import numpy; before = gc.get_freeze_count(); import autograd_lab; "
        "print(gc.isenabled(), gc.get_freeze_count() > before + 10000)"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert shown.split() == ["True", "True"]
    code = "import gc; gc.disable(); import autograd_lab; print(gc.isenabled())"  # (a collector switched off stays off)
    assert (
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.strip()
        == "False"
    )


def _averaged_training(m) -> list:
    """A short training run averaged by SWA and EMA (both kinds of averaging function), with SWALR."""
    swa_utils = __import__(f"{m.__name__}.optim.swa_utils", fromlist=["x"])
    m.manual_seed(0)
    model = m.nn.Sequential(m.nn.Linear(3, 4), m.nn.BatchNorm1d(4), m.nn.ReLU(), m.nn.Linear(4, 1))
    optimizer = m.optim.SGD(model.parameters(), lr=0.1)
    swa = swa_utils.AveragedModel(model)
    ema = swa_utils.AveragedModel(model, multi_avg_fn=swa_utils.get_ema_multi_avg_fn(0.9))
    ema_one = swa_utils.AveragedModel(model, avg_fn=swa_utils.get_ema_avg_fn(0.8))
    schedule = m.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=10)
    swa_schedule = swa_utils.SWALR(optimizer, swa_lr=0.05, anneal_epochs=3)
    x, y = m.randn(16, 3), m.randn(16, 1)
    lrs = []
    for epoch in range(8):
        optimizer.zero_grad()
        m.nn.functional.mse_loss(model(x), y).backward()
        optimizer.step()
        if epoch > 3:
            for averaged in (swa, ema, ema_one):
                averaged.update_parameters(model)
            swa_schedule.step()
        else:
            schedule.step()
        lrs.append(optimizer.param_groups[0]["lr"])
    swa_utils.update_bn([x[:8], x[8:]], swa)
    outputs = [averaged(x[:2]).detach().numpy() for averaged in (swa, ema, ema_one)]
    return [np.array(lrs), int(swa.n_averaged), swa.module[1].running_mean.numpy(), *outputs, repr(swa)]


def test_weight_averaging_is_pytorchs() -> None:
    ours, theirs = _averaged_training(lab), _averaged_training(torch)
    for found, expected in zip(ours, theirs, strict=True):
        if isinstance(found, np.ndarray):
            np.testing.assert_allclose(found, expected, rtol=1e-5, atol=1e-7)
        else:
            assert found == expected


def test_a_convolutions_input_gradient_is_laid_out_row_by_row() -> None:
    """A WGAN-GP's penalty views the input gradient (``gradients.view(batch, -1)``): col2im's result is contiguous."""
    found = []
    for m in (lab, torch):
        m.manual_seed(0)
        critic = m.nn.Sequential(
            m.nn.Conv2d(1, 4, 4, 2, 1, bias=False), m.nn.LeakyReLU(0.2), m.nn.Conv2d(4, 1, 3, 1, 1)
        )
        x = m.rand(3, 1, 8, 8, requires_grad=True)
        out = critic(x)
        (grad,) = m.autograd.grad(out, x, m.ones(out.size()), create_graph=True)
        found.append((grad.is_contiguous(), grad.stride(), grad.view(3, -1).norm(2, dim=1).detach().numpy()))
    assert found[0][:2] == found[1][:2]
    np.testing.assert_allclose(found[0][2], found[1][2], rtol=1e-5)


@pytest.mark.parametrize(
    ("size", "align_corners"), [((40, 60), False), ((33, 47), False), ((100, 150), False), ((21, 37), True)]
)
def test_antialiased_bilinear_resizing_is_pytorchs(size: tuple, align_corners: bool) -> None:
    """torchvision's Resize of a tensor shrinks with antialias=True: PIL's triangle filter, values and gradients."""
    found = []
    for m in (lab, torch):
        m.manual_seed(0)
        x = m.rand(2, 3, 80, 120, dtype=m.float64, requires_grad=True)
        out = m.nn.functional.interpolate(
            x, size=size, mode="bilinear", antialias=True, align_corners=align_corners
        )
        (out**2).sum().backward()
        found.append((out.grad_fn.name(), out.detach().numpy(), x.grad.numpy()))
    assert found[0][0] == found[1][0]
    np.testing.assert_allclose(found[0][1], found[1][1], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(found[0][2], found[1][2], rtol=1e-12, atol=1e-12)
