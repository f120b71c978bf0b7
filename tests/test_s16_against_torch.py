"""Session 16's fixes, each held against PyTorch.

- ``F.grid_sample`` of a volume (N, C, D, H, W) at a grid of (x, y, z) points:
  trilinear between the eight voxels around each point, or the nearest voxel,
  with PyTorch's corner order and weights, so the values are PyTorch's bit for
  bit; recorded as ``GridSampler3DBackward0``.  Deep Learning with PyTorch's
  lung-nodule augmentation (part 2) samples CT volumes this way.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from twins import outcome

import autograd_lab as lab

torch = pytest.importorskip("torch")


def _sampled(m, x: np.ndarray, grid: np.ndarray, upstream: np.ndarray, **options) -> tuple:
    """grid_sample's output, its node's name and the input's and grid's gradients, under ``m``."""
    inputs, points = m.tensor(x, requires_grad=True), m.tensor(grid, requires_grad=True)
    out = m.nn.functional.grid_sample(inputs, points, **options)
    (out * m.tensor(upstream)).sum().backward()
    return out.detach().numpy(), type(out.grad_fn).__name__, inputs.grad.numpy(), points.grad.numpy()


@pytest.mark.parametrize("mode", ["bilinear", "nearest"])
@pytest.mark.parametrize("padding_mode", ["zeros", "border", "reflection"])
@pytest.mark.parametrize("align_corners", [False, True])
def test_grid_sample_of_a_volume_is_pytorchs(mode: str, padding_mode: str, align_corners: bool) -> None:
    rng = np.random.default_rng(len(mode) + len(padding_mode) + align_corners)
    x = rng.standard_normal((2, 3, 4, 5, 6)).astype(np.float32)
    grid = rng.uniform(-1.3, 1.3, (2, 3, 2, 4, 3)).astype(np.float32)  # some points outside the volume
    upstream = rng.standard_normal((2, 3, 3, 2, 4)).astype(np.float32)
    options = {"mode": mode, "padding_mode": padding_mode, "align_corners": align_corners}
    ours, theirs = _sampled(lab, x, grid, upstream, **options), _sampled(torch, x, grid, upstream, **options)
    np.testing.assert_array_equal(
        ours[0], theirs[0]
    )  # the corners, weights and order of adding are PyTorch's
    assert ours[1] == theirs[1] == "GridSampler3DBackward0"
    np.testing.assert_allclose(ours[2], theirs[2], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(ours[3], theirs[3], rtol=1e-5, atol=1e-5)


def test_grid_sample_of_a_volume_has_pytorchs_second_derivatives() -> None:
    rng = np.random.default_rng(3)
    x, grid = rng.standard_normal((1, 2, 3, 3, 3)), rng.uniform(-0.9, 0.9, (1, 2, 2, 2, 3))
    found = []
    for m in (lab, torch):
        inputs, points = m.tensor(x, requires_grad=True), m.tensor(grid, requires_grad=True)
        out = m.nn.functional.grid_sample(inputs, points, align_corners=False)
        by_input, by_grid = m.autograd.grad((out**2).sum(), (inputs, points), create_graph=True)
        ((by_input**2).sum() + (by_grid**2).sum()).backward()
        found.append((inputs.grad.numpy(), points.grad.numpy()))
    for ours, theirs in zip(*found, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-10, atol=1e-12)


GRID_SAMPLE_ERRORS = {
    "bicubic on a volume": "m.nn.functional.grid_sample(m.ones(1, 1, 2, 2, 2), m.zeros(1, 1, 1, 1, 3), "
    "mode='bicubic', align_corners=True)",
    "a 3-d input": "m.nn.functional.grid_sample(m.ones(1, 1, 2), m.zeros(1, 1, 1), align_corners=True)",
    "a 6-d input": "m.nn.functional.grid_sample(m.ones(1, 1, 2, 2, 2, 2), m.zeros(1, 1, 1, 1, 1, 4), "
    "align_corners=True)",
    "an image and a 3-d grid": "m.nn.functional.grid_sample(m.ones(1, 1, 2, 2), m.zeros(1, 1, 2), "
    "align_corners=True)",
    "a volume and an image's grid": "m.nn.functional.grid_sample(m.ones(1, 1, 2, 2, 2), m.zeros(1, 1, 1, 2), "
    "align_corners=True)",
    "an image and a volume's grid": "m.nn.functional.grid_sample(m.ones(1, 1, 2, 2), m.zeros(1, 1, 1, 1, 3), "
    "align_corners=True)",
    "a volume at its centre": "m.nn.functional.grid_sample(m.arange(8.).view(1, 1, 2, 2, 2), "
    "m.zeros(1, 1, 1, 1, 3), align_corners=True)",
}


@pytest.mark.parametrize("code", list(GRID_SAMPLE_ERRORS.values()), ids=list(GRID_SAMPLE_ERRORS))
def test_grid_sample_of_the_wrong_shapes_says_what_pytorch_says(code: str) -> None:
    assert outcome(lab, code) == outcome(torch, code)


# -- the LU factorization -------------------------------------------------------------------------------------


def _lu_everything(m, a: np.ndarray) -> list:
    """lu_factor's LU and pivots, lu's P, L and U, their nodes, and A's gradient through all of them."""
    inputs = m.tensor(a, requires_grad=True)
    packed, pivots = m.linalg.lu_factor(inputs)
    p, lower, upper = m.linalg.lu(inputs)
    weights = [
        np.random.default_rng(k).standard_normal(tuple(t.shape)).astype(a.dtype)
        for k, t in enumerate((packed, lower, upper))
    ]
    total = sum((t * m.tensor(w)).sum() for t, w in zip((packed, lower, upper), weights, strict=True))
    total.backward()
    nodes = [type(t.grad_fn).__name__ for t in (packed, lower, upper)] + [p.grad_fn]
    values = [t.detach().numpy() for t in (packed, pivots, p, lower, upper, inputs.grad)]
    return [*values, nodes]


@pytest.mark.parametrize("shape", [(3, 3), (2, 4, 4), (3, 5), (5, 3), (1, 1)], ids=str)
@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["float64", "float32"])
def test_lu_factorization_is_pytorchs(shape: tuple, dtype: type) -> None:
    a = np.random.default_rng(sum(shape)).standard_normal(shape).astype(dtype)
    ours, theirs = _lu_everything(lab, a), _lu_everything(torch, a)
    assert ours[-1] == theirs[-1]  # LinalgLuFactorExBackward0, LinalgLuBackward0 twice, P has none
    np.testing.assert_array_equal(ours[1], theirs[1])  # the pivots: the same rows swapped
    np.testing.assert_array_equal(ours[2], theirs[2])
    tolerance = {"rtol": 1e-5, "atol": 1e-6} if dtype == np.float32 else {"rtol": 1e-10, "atol": 1e-12}
    for found, expected in zip(ours[:6], theirs[:6], strict=True):
        np.testing.assert_allclose(found, expected, **tolerance)


@pytest.mark.parametrize("left", [True, False])
@pytest.mark.parametrize("adjoint", [False, True])
def test_lu_solve_is_pytorchs(left: bool, adjoint: bool) -> None:
    rng = np.random.default_rng(int(left) + 2 * int(adjoint))
    a, b = rng.standard_normal((2, 3, 3)), rng.standard_normal((2, 3, 2) if left else (2, 2, 3))
    found = []
    for m in (lab, torch):
        matrices, sides = m.tensor(a, requires_grad=True), m.tensor(b, requires_grad=True)
        solution = m.linalg.lu_solve(*m.linalg.lu_factor(matrices), sides, left=left, adjoint=adjoint)
        (solution * m.arange(solution.numel(), dtype=m.float64).reshape(solution.shape)).sum().backward()
        found.append([type(solution.grad_fn).__name__, solution.detach().numpy(), matrices.grad, sides.grad])
    assert found[0][0] == found[1][0] == "LinalgLuSolveBackward0"
    for ours, theirs in zip(found[0][1:], found[1][1:], strict=True):
        np.testing.assert_allclose(np.asarray(ours), np.asarray(theirs), rtol=1e-10, atol=1e-12)


def test_lu_has_pytorchs_second_derivatives() -> None:
    a = np.random.default_rng(5).standard_normal((3, 3))
    found = []
    for m in (lab, torch):
        inputs = m.tensor(a, requires_grad=True)
        _, lower, upper = m.linalg.lu(inputs)
        (first,) = m.autograd.grad((lower**2).sum() + (upper**3).sum(), inputs, create_graph=True)
        (first**2).sum().backward()
        found.append(inputs.grad.numpy())
    np.testing.assert_allclose(found[0], found[1], rtol=1e-9, atol=1e-10)


LU_CASES = {
    "lu_factor of the docs": "m.linalg.lu_factor(m.tensor([[1.0, 2.0], [3.0, 4.0]]))",
    "lu_factor_ex of a singular matrix": "m.linalg.lu_factor_ex(m.tensor([[1.0, 2.0], [2.0, 4.0]]))",
    "lu of a singular matrix": "m.linalg.lu(m.tensor([[1.0, 2.0], [2.0, 4.0]]))",
    "lu_factor_ex of zeros": "m.linalg.lu_factor_ex(m.zeros(3, 3))",
    "lu_factor of a singular matrix": "m.linalg.lu_factor(m.tensor([[1.0, 2.0], [2.0, 4.0]]))",
    "lu_factor of a singular batch element": "m.linalg.lu_factor(m.stack([m.eye(2), m.ones(2, 2)]))",
    "lu_factor_ex checking errors": "m.linalg.lu_factor_ex(m.ones(2, 2), check_errors=True)",
    "torch.lu of a singular matrix": "m.lu(m.ones(2, 2))",
    "torch.lu with infos": "m.lu(m.tensor([[1.0, 2.0], [3.0, 4.0]]), get_infos=True)",
    "Tensor.lu": "m.tensor([[1.0, 2.0], [3.0, 4.0]]).lu()",
    "lu of a vector": "m.linalg.lu(m.ones(2))",
    "lu_factor of a vector": "m.linalg.lu_factor(m.ones(2))",
    "lu of integers": "m.linalg.lu(m.ones(2, 2, dtype=m.int32))",
    "lu without pivoting": "m.linalg.lu(m.eye(2), pivot=False)",
    "torch.lu without pivoting": "m.lu(m.eye(2), pivot=False)",
    "lu_unpack of int64 pivots": "m.lu_unpack(m.eye(2), m.ones(2, dtype=m.int64))",
    "lu_unpack without data": "m.lu_unpack(m.eye(2), m.tensor([2, 2], dtype=m.int32), unpack_data=False)",
    "lu_unpack of nothing": "m.lu_unpack(m.eye(2), m.tensor([1, 2], dtype=m.int32), False, False)",
    "lu_solve of a vector": "m.linalg.lu_solve(m.eye(2), m.tensor([1, 2], dtype=m.int32), m.ones(2))",
    "lu_solve, shapes": "m.linalg.lu_solve(m.eye(2), m.tensor([1, 2], dtype=m.int32), m.ones(1, 3), left=False)",
    "lu_solve, not square": "m.linalg.lu_solve(m.ones(2, 3), m.tensor([1, 2], dtype=m.int32), m.ones(2, 3))",
    "lu_solve, dtypes": "m.linalg.lu_solve(m.eye(2), m.tensor([1, 2], dtype=m.int32), m.ones(2, 1, dtype=m.float64))",
    "torch.lu_solve": "m.lu_solve(m.ones(2, 1), *m.linalg.lu_factor(m.tensor([[2.0, 1.0], [1.0, 3.0]])))",
}


@pytest.mark.parametrize("code", list(LU_CASES.values()), ids=list(LU_CASES))
def test_lu_says_what_pytorch_says(code: str) -> None:
    assert outcome(lab, code, warn_always=True) == outcome(torch, code, warn_always=True)


# -- what the lessons met: scout K (Deep Learning with PyTorch Step-by-Step) and PyTorch's docs pages -------------

API_CASES = {
    "RNN batch_first output node": "m.manual_seed(0) and None or type(m.nn.RNN(2, 3, batch_first=True)"
    "(m.ones(4, 5, 2))[0].grad_fn).__name__",
    "GRU batch_first output node": "type(m.nn.GRU(2, 3, batch_first=True)(m.ones(4, 5, 2))[0].grad_fn).__name__",
    "LSTM batch_first output node": "type(m.nn.LSTM(2, 3, batch_first=True)(m.ones(4, 5, 2))[0].grad_fn).__name__",
    "RNN batch_first output is no view": "m.nn.RNN(2, 3, batch_first=True)(m.ones(4, 5, 2))[0]._base is None",
    "BCE with logits: the target's dtype": "m.nn.BCEWithLogitsLoss()(m.tensor([2.1972, -1.3863], dtype=m.float64), "
    "m.tensor([1.0, 0.0]))",
    "BCE with logits: float64 target": "m.nn.functional.binary_cross_entropy_with_logits(m.tensor([0.5, -1.0]), "
    "m.tensor([1.0, 0.0], dtype=m.float64)).dtype",
    "linear of a vector with an int bias": "m.nn.functional.linear(m.arange(11, dtype=m.float32), "
    "weight=m.ones(11), bias=m.tensor(0))",
    "matrix @ vector of the wrong size": "m.ones(3, 4) @ m.ones(3)",
    "batch @ vector of the wrong size": "m.ones(2, 5, 4) @ m.ones(3)",
    "batch @ batch of the wrong size": "m.ones(2, 5, 4) @ m.ones(2, 3, 3)",
    "batches that do not broadcast": "m.ones(2, 5, 4) @ m.ones(3, 4, 3)",
    "a list of arrays warns once for each": "m.tensor([np.zeros(2), np.zeros(2), np.zeros(2)])",
    "an array and a list warns once": "m.as_tensor([np.zeros(2), [1.0, 2.0]])",
    "a hook's handle": "repr(m.nn.Linear(2, 2).register_forward_hook(print)).split(' object')[0]",
    "uint8 *= int": "(lambda x: (x.mul_(m.tensor([10, -5], dtype=m.int32)), x.dtype))(m.tensor([250, 3], dtype=m.uint8))",
    "int *= float": "m.ones(1, dtype=m.int32).mul_(m.ones(1))",
    "bool *= uint8": "m.ones(1, dtype=m.bool).mul_(m.ones(1, dtype=m.uint8))",
    "int16 += float64": "m.ones(1, dtype=m.int16).add_(m.ones(1, dtype=m.float64))",
    "can_cast int to uint8": "m.can_cast(m.int32, m.uint8), m.can_cast(m.int64, m.bool)",
    "an int view's base": "(lambda b: (b.t()._base is b, b[0, 1:]._base is b, b[[0, 1]]._base))(m.tensor([[0, 1], [2, 3]]))",
    "layouts": "m.ones(2).layout, m.strided, m.sparse_coo, m.ones(2).layout == m.strided",
    "dtype abbreviations": "m.float32.abbr, m.float64.abbr, m.int64.abbr, m.uint8.abbr, m.bool.abbr, m.int8.abbr",
    "tensordot(dims=1) of the wrong size": "m.tensordot(m.ones(3, 4, 5), m.ones(4, 3, 2), dims=1)",
    "backcompat switches": "m.utils.backcompat.broadcast_warning.enabled, m.utils.deterministic.fill_uninitialized_memory",
}


@pytest.mark.parametrize("code", list(API_CASES.values()), ids=list(API_CASES))
def test_what_the_lessons_met_is_pytorchs(code: str) -> None:
    names = {"np": np}
    assert outcome(lab, code, names, warn_always=True) == outcome(torch, code, names, warn_always=True)


RAGGED_ARRAYS = {
    "arrays of different lengths": "m.as_tensor([np.zeros((4, 2)), np.zeros((2, 2))])",
    "an array beside a list": "m.tensor([np.zeros((4, 2)), [[0.0, 1.0]]])",
    "arrays of different widths": "m.tensor([np.zeros((2, 2)), np.zeros((2, 3))])",
}


@pytest.mark.parametrize("code", list(RAGGED_ARRAYS.values()), ids=list(RAGGED_ARRAYS))
def test_ragged_arrays_get_pytorchs_error(code: str) -> None:
    """Arrays of different shapes in a list: PyTorch's ValueError naming the dimension (its count of the
    slowness warnings on the way is its reader's internals, and is not compared)."""
    names = {"np": np}
    assert outcome(lab, code, names)[0] == outcome(torch, code, names)[0]


def _node_chain(tensor) -> list[str]:
    """The names of the nodes from ``tensor`` back along each node's first recorded edge."""
    names, node = [], tensor.grad_fn
    while node is not None:
        names.append(type(node).__name__)
        node = next(
            (n for n, _ in node.next_functions if n is not None and "Accumulate" not in type(n).__name__),
            None,
        )
    return names


@pytest.mark.parametrize(
    ("shape_a", "shape_b", "grad_a", "grad_b"),
    [
        ((2, 5, 4), (4, 3), False, True),  # folded into one mm: a batch of rows times a weight
        ((2, 5, 4), (4, 3), True, False),
        ((3, 2, 5, 4), (4, 3), True, True),
        ((2, 5, 4), (4,), True, False),  # one mv
        ((4,), (2, 4, 3), True, False),
        ((5, 4), (2, 4, 3), True, False),  # (Bᵀ Aᵀ)ᵀ, copied
        ((5, 4), (2, 4, 3), False, True),  # bmm of the expanded matrix
        ((2, 5, 4), (2, 4, 3), True, True),
        ((2, 1, 5, 4), (3, 4, 2), True, True),  # broadcast batches: expanded, copied, bmm
        ((4,), (4, 3), True, False),  # a vector @ a matrix: mm, then squeeze_ in place
    ],
    ids=str,
)
def test_matmul_records_pytorchs_nodes(shape_a: tuple, shape_b: tuple, grad_a: bool, grad_b: bool) -> None:
    rng = np.random.default_rng(0)
    a, b = rng.standard_normal(shape_a), rng.standard_normal(shape_b)
    found = []
    for m in (lab, torch):
        product = m.tensor(a, requires_grad=grad_a) @ m.tensor(b, requires_grad=grad_b)
        found.append((_node_chain(product), product._base is None, product.detach().numpy()))
    assert found[0][:2] == found[1][:2]
    np.testing.assert_allclose(found[0][2], found[1][2], rtol=1e-12, atol=1e-12)


def test_a_function_may_take_its_gradients_in_one_list() -> None:
    """``boxed_grads_call`` (PyTorch's extending page): backward(ctx, grads) gets a list it may empty."""
    found = []
    for m in (lab, torch):

        class Projections(m.autograd.Function):
            boxed_grads_call = True

            @staticmethod
            def forward(ctx, x, w_q, w_k):
                ctx.save_for_backward(x, w_q, w_k)
                return x.mm(w_q), x.mm(w_k)

            @staticmethod
            def backward(ctx, grads):
                x, w_q, w_k = ctx.saved_tensors
                assert isinstance(grads, list)
                grad_q, grad_k = grads
                grads[0] = grads[1] = None
                return grad_q.mm(w_q.t()) + grad_k.mm(w_k.t()), x.t().mm(grad_q), x.t().mm(grad_k)

        m.manual_seed(0)
        x = m.randn(3, 4, requires_grad=True)
        weights = [m.randn(4, 2, requires_grad=True) for _ in range(2)]
        q, k = Projections.apply(x, *weights)
        (q.sum() + 2 * k.sum()).backward()
        found.append([x.grad.numpy(), weights[1].grad.numpy()])
    for ours, theirs in zip(*found, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-6)


# -- scout L (NYU Deep Learning, UvA tutorials) --------------------------------------------------------------------

SCOUT_L_CASES = {
    "Tensor(t) is an alias": "(lambda t: (lambda r: (r.resize_(3, 2).zero_(), t, r.data_ptr() == t.data_ptr(), "
    "r._base is t))(m.Tensor(t)))(m.ones(2, 3))[1:]",
    "Tensor(t) of a tensor that requires grad": "(lambda g: (type(m.Tensor(g).grad_fn).__name__, m.Tensor(g)._base is g))"
    "(m.ones(2, requires_grad=True))",
    "Tensor(t) keeps t's dtype": "m.Tensor(m.ones(2, dtype=m.int64))",
    "np.cos of a tensor that requires grad": "np.cos(m.ones(2, requires_grad=True))",
    "cuda.Event": "m.cuda.Event(enable_timing=True)",
    "cuda.Stream": "m.cuda.Stream()",
    "Module.set_submodule": "(lambda s: (s.set_submodule('0', m.nn.ReLU()), s)[1])(m.nn.Sequential(m.nn.Linear(2, 2)))",
    "Module.set_submodule of nothing": "m.nn.Linear(2, 2).set_submodule('', m.nn.ReLU())",
    "Module.get_extra_state by default": "m.nn.Linear(2, 2).get_extra_state()",
    "Module.xpu": "m.nn.Linear(2, 2).xpu()",
    "Module's names": "[n for n in dir(m.nn.Module) if not n.startswith('_') and n != 'bfloat16']",
}


@pytest.mark.parametrize("code", list(SCOUT_L_CASES.values()), ids=list(SCOUT_L_CASES))
def test_what_scout_l_met_is_pytorchs(code: str) -> None:
    assert outcome(lab, code, {"np": np}) == outcome(torch, code, {"np": np})


NUMPY_ON_TENSORS = {
    "np.hypot of tensors (plt.arrow)": "np.hypot(m.tensor(3.0), m.tensor(4.0))",
    "np.isfinite of a tensor (plt.axis)": "np.isfinite(m.tensor([1.0, float('inf')]))",
    "np.round of a tensor": "np.round(m.tensor([0.123456, 2.5]), 4)",
    "np.clip of a tensor": "np.clip(m.tensor([0.5, 1.0]), 0, 0.7)",
    "np.argmax of a tensor": "np.argmax(m.tensor([0.5, 1.0]))",
    "np.sqrt of an int tensor": "np.sqrt(m.tensor([4, 9]))",
}


@pytest.mark.parametrize("code", list(NUMPY_ON_TENSORS.values()), ids=list(NUMPY_ON_TENSORS))
def test_numpy_functions_on_tensors_give_pytorchs_tensors(code: str) -> None:
    """(PyTorch's __array_wrap__ also makes NumPy 2 give a DeprecationWarning for its signature: not copied.)"""
    assert outcome(lab, code, {"np": np})[0] == outcome(torch, code, {"np": np})[0]


class _Counted:
    """A module with state of its own besides tensors (get_extra_state / set_extra_state)."""

    @staticmethod
    def build(m):
        class Counted(m.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.linear = m.nn.Linear(2, 2)
                self.count = 3

            def get_extra_state(self):
                return {"count": self.count}

            def set_extra_state(self, state) -> None:
                self.count = state["count"]

        return m.nn.Sequential(Counted(), m.nn.ReLU())


def _state_dict_story(m) -> list:
    """Extra state saved and loaded, and the four state-dict hooks, in the order they run."""
    m.manual_seed(0)
    model = _Counted.build(m)
    told = [list(model.state_dict())]
    saved = model.state_dict()
    saved["0._extra_state"] = {"count": 7}
    told.append(repr(model.load_state_dict(saved)))
    told.append(model[0].count)
    model.register_state_dict_pre_hook(
        lambda module, prefix, keep_vars: told.append(("pre", prefix, keep_vars))
    )
    model[0].register_state_dict_post_hook(
        lambda module, state, prefix, metadata: told.append(("post", prefix, sorted(state), metadata))
    )
    model.register_load_state_dict_pre_hook(
        lambda module, state, prefix, *rest: told.append(("load pre", prefix))
    )

    def forgive(module, keys) -> None:
        told.append(("load post", list(keys.missing_keys), list(keys.unexpected_keys)))
        keys.unexpected_keys.clear()

    model.register_load_state_dict_post_hook(forgive)
    saved = model.state_dict()
    saved["extra"] = m.ones(1)
    told.append(repr(model.load_state_dict(saved)))
    return told


def test_state_dicts_keep_extra_state_and_run_their_hooks_as_pytorchs() -> None:
    assert _state_dict_story(lab) == _state_dict_story(torch)


def test_to_empty_gives_a_meta_model_memory_as_pytorch() -> None:
    found = []
    for m in (lab, torch):
        layer = m.nn.Linear(2, 3, device="meta").to_empty(device="cpu")
        found.append((tuple(layer.weight.shape), str(layer.weight.device), layer.weight.requires_grad))
    assert found[0] == found[1]


# -- max pooling: read from the strided windows (GoogLeNet's 3x3 stride-1 pools were slow) --------------------


@pytest.mark.parametrize(
    ("kernel", "stride", "padding", "dilation", "ceil_mode"),
    [(3, 1, 1, 1, False), (2, 2, 0, 1, True), (3, 2, 1, 2, False), (2, 1, 0, 1, True)],
    ids=str,
)
def test_max_pool_picks_pytorchs_maxima_among_ties_and_nans(
    kernel, stride, padding, dilation, ceil_mode
) -> None:
    """Equal values: the first in the window; NaNs: the last (PyTorch's `val > max || isnan(val)`)."""
    rng = np.random.default_rng(kernel + stride)
    x = rng.standard_normal((2, 3, 7, 6)).astype(np.float32)
    x[rng.random(x.shape) < 0.2] = 1.0
    x[rng.random(x.shape) < 0.1] = np.nan
    found = []
    for m in (lab, torch):
        inputs = m.tensor(x, requires_grad=True)
        out, indices = m.nn.functional.max_pool2d(
            inputs, kernel, stride, padding, dilation, ceil_mode=ceil_mode, return_indices=True
        )
        weights = m.arange(out.numel(), dtype=m.float32).reshape(out.shape)
        (out * weights).nansum().backward()
        found.append([out.detach().numpy(), indices.numpy(), inputs.grad.numpy()])
    for ours, theirs in zip(*found, strict=True):
        np.testing.assert_array_equal(ours, theirs)


# -- distributions built from transforms (PyTorch's docs examples) ----------------------------------------------


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("Weibull", ([1.0], [1.0])),
        ("Weibull", ([2.0, 0.5], [1.5, 3.0])),
        ("Pareto", ([1.0], [1.0])),
        ("Pareto", ([2.0], [3.0])),
        ("InverseGamma", ([2.0], [3.0])),
        ("InverseGamma", ([3.5], [1.5])),
        ("Kumaraswamy", ([1.0], [1.0])),
        ("Kumaraswamy", ([2.0, 0.5], [3.0, 1.5])),
    ],
    ids=str,
)
def test_transformed_distributions_draw_and_score_as_pytorchs(name: str, args: tuple) -> None:
    """The same draws after the same seed, log densities, moments, entropy, and rsample's gradients."""
    found = []
    for m in (lab, torch):
        m.manual_seed(0)
        distribution = getattr(m.distributions, name)(*(m.tensor(a) for a in args))
        draws = distribution.sample((3,))
        told = [draws, distribution.log_prob(draws), distribution.mean, distribution.variance]
        told += [distribution.entropy(), distribution.expand((2, len(args[0]))).sample()]
        parameters = [m.tensor(a, requires_grad=True) for a in args]
        if distribution.has_rsample:
            getattr(m.distributions, name)(*parameters).rsample().sum().backward()
            told.append(parameters[0].grad)
        found.append([np.asarray(t.detach().numpy()) for t in told])
    for ours, theirs in zip(
        *found, strict=True
    ):  # (float32: log densities through pow and log differ in the last bit)
        np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("LogisticNormal", ([0.0, 0.0, 0.0], [1.0, 1.0, 1.0])),
        ("LogisticNormal", ([0.5, -1.0], [0.3, 2.0])),
        ("FisherSnedecor", ([1.0], [2.0])),
        ("FisherSnedecor", ([3.0, 5.0], [6.0, 9.0])),
        ("GeneralizedPareto", ([1.0], [1.0], [0.0])),
        ("GeneralizedPareto", ([0.0, 1.0], [2.0, 0.5], [0.5, -0.5])),
    ],
    ids=str,
)
def test_stick_breaking_and_gamma_ratios_draw_as_pytorchs(name: str, args: tuple) -> None:
    found = []
    for m in (lab, torch):
        m.manual_seed(1)
        distribution = getattr(m.distributions, name)(*(m.tensor(a) for a in args))
        draws = distribution.sample((3,))
        parameters = [m.tensor(a, requires_grad=True) for a in args]
        again = getattr(m.distributions, name)(*parameters).rsample()
        (again * m.arange(float(again.numel())).reshape(again.shape)).sum().backward()
        told = [draws, distribution.log_prob(draws), parameters[0].grad]
        told.append(distribution.expand((2, *distribution.batch_shape)).sample())
        found.append([t.detach().numpy() for t in told])
    for ours, theirs in zip(*found, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize(
    ("loc", "concentration"), [([1.0], [1.0]), ([0.0, 2.0], [0.5, 10.0]), ([-3.0], [1e-6])]
)
def test_von_mises_draws_pytorchs_angles(loc: list, concentration: list) -> None:
    """Best and Fisher's rejection rounds, three float64 uniforms per value and round, as PyTorch's."""
    found = []
    for m in (lab, torch):
        m.manual_seed(0)
        distribution = m.distributions.VonMises(m.tensor(loc), m.tensor(concentration))
        draws = distribution.sample((4,))
        found.append([draws.numpy(), distribution.log_prob(draws).numpy(), distribution.variance.numpy()])
    for ours, theirs in zip(*found, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("driver", [None, "gelsy", "gelsd", "gelss", "gels"])
@pytest.mark.parametrize(
    ("shape_a", "shape_b"), [((5, 3), (5, 2)), ((5, 3), (5,)), ((2, 5, 3), (2, 5, 2)), ((3, 5), (3, 2))]
)
def test_lstsq_gives_what_each_driver_gives_in_pytorch(driver, shape_a: tuple, shape_b: tuple) -> None:
    """Residuals only where PyTorch computes them (not gelsy; gelsd and gelss at full rank), singular values
    from the SVD drivers, no rank from gels."""
    rng = np.random.default_rng(len(shape_a) + len(shape_b))
    a, b = rng.standard_normal(shape_a), rng.standard_normal(shape_b)
    found = []
    for m in (lab, torch):
        result = m.linalg.lstsq(m.tensor(a), m.tensor(b), driver=driver)
        found.append([np.asarray(part.numpy()) for part in result])
    for ours, theirs in zip(*found, strict=True):
        assert ours.shape == theirs.shape and ours.dtype == theirs.dtype
        np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-10)


def test_lstsq_names_its_drivers_as_pytorch() -> None:
    code = "m.linalg.lstsq(m.ones(3, 2), m.ones(3), driver='qr')"
    assert outcome(lab, code) == outcome(torch, code)


def test_low_rank_multivariate_normal_is_pytorchs() -> None:
    """Draws (W's noise, then D's), log density and entropy by the capacitance matrix, the covariance's
    forms, and the gradient of W through rsample and log_prob."""
    rng = np.random.default_rng(4)
    loc, factor, diagonal = rng.standard_normal((3, 4)), rng.standard_normal((3, 4, 2)), rng.random(4) + 0.5
    found = []
    for m in (lab, torch):
        m.manual_seed(0)
        w = m.tensor(factor, requires_grad=True)
        distribution = m.distributions.LowRankMultivariateNormal(m.tensor(loc), w, m.tensor(diagonal))
        draws = distribution.rsample((2,))
        (draws.sum() + distribution.log_prob(draws).sum()).backward()
        told = [draws, distribution.log_prob(draws), distribution.entropy(), distribution.variance]
        told += [
            distribution.scale_tril,
            distribution.covariance_matrix,
            distribution.precision_matrix,
            w.grad,
        ]
        found.append([t.detach().numpy() for t in told])
    for ours, theirs in zip(*found, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-10)


@pytest.mark.parametrize("given", ["probs", "logits"])
def test_continuous_bernoulli_is_pytorchs(given: str) -> None:
    """Draws through the inverse cdf, and the Taylor forms inside (0.499, 0.501) where 0/0 threatens."""
    values = [0.3, 0.5, 0.9, 0.4995] if given == "probs" else [-1.0, 0.0, 2.0, 0.001]
    found = []
    for m in (lab, torch):
        m.manual_seed(0)
        parameter = m.tensor(values, dtype=m.float64, requires_grad=True)
        distribution = m.distributions.ContinuousBernoulli(**{given: parameter})
        draws = distribution.rsample((2,))
        draws.sum().backward()
        at = m.tensor(0.2, dtype=m.float64)
        other = m.distributions.ContinuousBernoulli(probs=m.tensor([0.6] * 4, dtype=m.float64))
        told = [draws, distribution.log_prob(draws), distribution.mean, distribution.variance]
        told += [distribution.entropy(), distribution.cdf(at), distribution.icdf(at), parameter.grad]
        told.append(m.distributions.kl_divergence(distribution, other))
        found.append([t.detach().numpy() for t in told])
    for ours, theirs in zip(*found, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize(("dim", "concentration"), [(3, 0.5), (2, 1.0), (4, [1.0, 2.0])], ids=str)
def test_lkj_cholesky_draws_pytorchs_factors(dim: int, concentration) -> None:
    """The onion method: Beta draws per row, normal draws on the sphere; and the log density."""
    found = []
    for m in (lab, torch):
        m.manual_seed(0)
        given = m.tensor(concentration) if isinstance(concentration, list) else concentration
        distribution = m.distributions.LKJCholesky(dim, given)
        draws = distribution.sample((2,))
        told = [draws, distribution.log_prob(draws), distribution.log_prob(m.eye(dim))]
        told.append(m.distributions.constraints.corr_cholesky.check(draws))
        found.append([t.numpy() for t in told])
    for ours, theirs in zip(*found, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-6)


# -- scout N (fast.ai part 2, from scratch) ---------------------------------------------------------------------

SCOUT_N_CASES = {
    "a tensor takes the user's attributes": "(lambda t: (setattr(t, 'g', m.ones(2)), t.g)[1])(m.ones(3) * 1)",
    "a parameter takes the user's attributes": "(lambda p: (setattr(p, 'grad_avg', m.zeros(2)), p.grad_avg)[1])"
    "(m.nn.Parameter(m.zeros(2)))",
    "a numpy.float32 into an element": "(lambda t: t.__setitem__(0, np.float32(1.5)))(m.zeros(3))",
    "a numpy.bool_ into an element": "(lambda t: t.__setitem__(0, np.bool_(True)))(m.zeros(3))",
    "a numpy.float64 into an element": "(lambda t: (t.__setitem__(0, np.float64(1.5)), t)[1])(m.zeros(3))",
    "a numpy.int32 into an element": "(lambda t: (t.__setitem__(0, np.int32(2)), t)[1])(m.zeros(3, dtype=m.int64))",
    "an array into a slice": "(lambda t: t.__setitem__(slice(1, None), np.ones(2)))(m.zeros(3))",
    "torch.multiprocessing": "(m.multiprocessing.get_start_method(), sorted(m.multiprocessing.get_all_sharing_strategies()))",
}


@pytest.mark.parametrize("code", list(SCOUT_N_CASES.values()), ids=list(SCOUT_N_CASES))
def test_what_scout_n_met_is_pytorchs(code: str) -> None:
    assert outcome(lab, code, {"np": np}) == outcome(torch, code, {"np": np})


def test_an_optimizer_lists_pytorchs_names() -> None:
    """fast.ai prints an optimizer's public names: PyTorch's hook types and profile_hook_step among them."""
    found = []
    for m in (lab, torch):
        optimizer = m.optim.SGD([m.zeros(1, requires_grad=True)], lr=0.1)
        found.append({name for name in dir(optimizer) if not name.startswith("_")})
    assert found[0] == found[1]


def _adafactor_run(m) -> list:
    m.manual_seed(0)
    model = m.nn.Sequential(m.nn.Linear(4, 8), m.nn.Tanh(), m.nn.Linear(8, 2))
    x, y = m.randn(16, 4), m.randn(16, 2)
    optimizer = m.optim.Adafactor(model.parameters(), lr=0.05, weight_decay=0.01)
    losses = []
    for _ in range(30):
        optimizer.zero_grad()
        loss = m.nn.functional.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return [np.array(losses), *(p.detach().numpy() for p in model.parameters()), repr(optimizer)]


def test_adafactor_trains_as_pytorchs() -> None:
    """Row and column second moments for matrices, a full one for vectors, relative steps and clipping."""
    ours, theirs = _adafactor_run(lab), _adafactor_run(torch)
    assert ours[-1] == theirs[-1]  # the groups, printed
    for found, expected in zip(ours[:-1], theirs[:-1], strict=True):
        np.testing.assert_allclose(found, expected, rtol=1e-4, atol=1e-6)


def test_torch_optim_lists_pytorchs_names() -> None:
    """The classes, lr_scheduler and swa_utils; the optimizers' modules are not left in the namespace."""
    not_here = {"Muon", "swap_in_optimizer_params_and_state"}  # (see the session notes: not implemented)
    ours = {name for name in dir(lab.optim) if not name.startswith("_")}
    theirs = {name for name in dir(torch.optim) if not name.startswith("_")} - not_here
    assert ours == theirs


def _wishart_story(m) -> list:
    m.manual_seed(0)
    told = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        first = m.distributions.Wishart(m.tensor([3.0]), covariance_matrix=m.eye(2))
        draw = first.sample()
        told += [
            draw,
            first.log_prob(draw),
            first.entropy(),
            first.mean,
            first.variance,
            first.precision_matrix,
        ]
        second = m.distributions.Wishart(m.tensor([4.0, 5.0]), scale_tril=m.tensor([[1.0, 0.0], [0.5, 2.0]]))
        draws = second.rsample((3,))
        told += [draws, second.log_prob(draws)]
    return [t.numpy() for t in told] + [[str(w.message) for w in caught]]


def test_wishart_draws_pytorchs_matrices() -> None:
    """Bartlett's decomposition, chi-squared then normal draws, PyTorch's retries and warnings included."""
    ours, theirs = _wishart_story(lab), _wishart_story(torch)
    assert ours[-1] == theirs[-1]
    for found, expected in zip(ours[:-1], theirs[:-1], strict=True):
        np.testing.assert_allclose(found, expected, rtol=1e-5, atol=1e-5)


# -- scout O (Raschka's deeplearning-models) ------------------------------------------------------------------

DISTRIBUTED_CASES = {
    "an RRef check on every batch": "isinstance(m.zeros(2, 3), m.distributed.rpc.api.RRef)",
    "is distributed available": "(m.distributed.is_available(), m.distributed.is_initialized())",
    "a rank without a process group": "m.distributed.get_rank()",
    "RRef's name": "m.distributed.rpc.RRef",
}


@pytest.mark.parametrize("code", list(DISTRIBUTED_CASES.values()), ids=list(DISTRIBUTED_CASES))
def test_distributed_answers_as_pytorch_without_a_process_group(code: str) -> None:
    assert outcome(lab, code) == outcome(torch, code)


def test_an_in_place_relu_keeps_pytorchs_gradients() -> None:
    """relu_ keeps no copy of the values it overwrites (its rule reads its result): the gradients stay PyTorch's."""
    rng = np.random.default_rng(6)
    x = rng.standard_normal((4, 5))
    found = []
    for m in (lab, torch):
        inputs = m.tensor(x, requires_grad=True)
        hidden = inputs * 2.0
        view = hidden[1:3]
        m.nn.functional.relu(hidden, inplace=True)
        (hidden.sum() + (view * view).sum()).backward()
        found.append([inputs.grad.numpy(), hidden.detach().numpy(), type(hidden.grad_fn).__name__])
    np.testing.assert_array_equal(found[0][0], found[1][0])
    np.testing.assert_array_equal(found[0][1], found[1][1])
    assert found[0][2] == found[1][2]
