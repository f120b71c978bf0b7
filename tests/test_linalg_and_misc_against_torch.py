"""Helper C's functions run in autograd_lab and in PyTorch: operators, linear algebra, torch-level helpers.

Each case is one expression in PyTorch's API (``m`` is the module): its
``repr``, or its exception's type and sentence, must be PyTorch's; our
errors add a hint.  Skipped where PyTorch is not installed.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

torch_ref = pytest.importorskip("torch")

from test_edge_cases_against_torch import outcome  # noqa: E402 - run in both, errors without our hint

import autograd_lab as lab  # noqa: E402

INTS = "m.tensor([7, -7, 5, 0])"
DIVISORS = "m.tensor([2, 2, -3, 4])"
FLOATS = "m.tensor([7.5, -7.5, 5.0, 0.0, -0.0])"

OPERATORS = {
    "// of ints": f"{INTS} // {DIVISORS}",
    "// of ints by a number": f"({INTS} // 2, {INTS} // -3, {INTS} // 2.5)",
    "number // tensor": f"(7 // {DIVISORS}, 7.0 // {DIVISORS}, -7 // m.tensor([2.0, -2.0]))",
    "// of floats": f"({FLOATS} // 2, {FLOATS} // -2.0, {FLOATS} // m.tensor(0.0))",
    "floor_divide": f"(m.floor_divide({INTS}, {DIVISORS}), {INTS}.floor_divide(3))",
    "// by integer zero": f"{INTS} // m.tensor(0)",
    "div rounding modes": (
        f"[m.div({INTS}, {DIVISORS}, rounding_mode=r) for r in (None, 'trunc', 'floor')]"
        f" + [{FLOATS}.div(-2.0, rounding_mode=r) for r in ('trunc', 'floor')]"
    ),
    "div's rounding mode has no gradient": (
        "(lambda x: m.autograd.grad(m.div(x, 2, rounding_mode='floor').sum(), x))"
        "(m.tensor([1.5, -2.5], requires_grad=True))"
    ),
    "div with an unknown rounding mode": f"m.div({INTS}, 2, rounding_mode='round')",
    # (not -0.0 % 2: PyTorch keeps the sign, -0., where NumPy's and Python's % give 0.)
    "% of ints and floats": f"({INTS} % 3, {INTS} % -3, 7 % {DIVISORS}, 7.5 % {DIVISORS}, {FLOATS}[:4] % 2)",
    "remainder and fmod": f"(m.remainder({INTS}, {DIVISORS}), m.fmod({INTS}, {DIVISORS}), {FLOATS}.fmod(-2))",
    "lerp": "m.lerp(m.tensor([0., 1., 2.]), m.tensor([10., 10., 10.]), m.tensor([0., 0.5, 1.]))",
    "lerp of mixed dtypes": "m.lerp(m.tensor([0.]), m.tensor([1.], dtype=m.float64), 0.5)",
    "atan2, hypot, logaddexp of ints and floats": (
        f"(m.atan2({INTS}, {DIVISORS}), m.hypot(m.tensor([3.]), m.tensor([4.])),"
        " m.logaddexp(m.tensor([0., float('inf'), -float('inf')]), m.tensor([0., float('inf'), -float('inf')])))"
    ),
    "xlogy at 0 and nan": (
        "(m.xlogy(m.tensor([0., 0., 2.]), m.tensor([0., float('nan'), 3.])), m.xlogy(2, m.tensor([1., 2.])),"
        " m.xlogy(m.tensor([0., 2.]), 0))"
    ),
    "heaviside": "(m.heaviside(m.tensor([-1., 0., 2.]), m.tensor(0.5)), m.heaviside(m.tensor([-1, 0, 2]), m.tensor([7])))",
    "heaviside of mixed dtypes": "m.heaviside(m.tensor([1.]), m.tensor([1]))",
    "sinc, deg2rad, rad2deg": (
        "(m.sinc(m.tensor([0., 0.5, 1.5])), m.deg2rad(m.tensor([180., 90.])), m.tensor([3.14159]).rad2deg(),"
        " m.deg2rad(m.tensor([180])))"
    ),
    "isclose and allclose, functions and methods": (
        "(m.isclose(m.tensor([1., 2., float('nan')]), m.tensor([1., 2.1, float('nan')])),"
        " m.tensor([1., float('nan')]).isclose(m.tensor([1.0000001, float('nan')]), equal_nan=True),"
        " m.tensor([1.]).allclose(m.tensor([1.1]), rtol=0.2), m.isclose(m.tensor([1, 2]), m.tensor([1, 3])))"
    ),
    "isclose of a list": "m.isclose(m.tensor([1.]), [1.])",
}

CASES: dict[str, str] = {**OPERATORS}


@pytest.mark.parametrize("code", CASES.values(), ids=CASES.keys())
def test_as_pytorch(code: str) -> None:
    assert outcome(lab, code) == outcome(torch_ref, code)


PRODUCTS = {
    "outer and ger of vectors": "(m.outer(m.tensor([1., 2.]), m.tensor([3., 4., 5.])), m.tensor([1.]).outer(m.tensor([2.])))",
    "outer of a matrix": "m.outer(m.ones(2, 2), m.ones(2))",
    "tensordot with dims=-1": "m.tensordot(m.ones(2, 3), m.ones(3, 3), dims=-1)",
    "tensordot of mismatched sizes": "m.tensordot(m.ones(2, 3), m.ones(2, 3), dims=([-1], [0]))",
    "inner of mismatched sizes": "m.inner(m.ones(2, 3), m.ones(2, 2))",
    "cross of mismatched dimensions": "m.linalg.cross(m.ones(2, 3), m.ones(3))",
    "cross along a dimension of 4": "m.cross(m.ones(2, 4), m.ones(2, 4), dim=1)",
    "baddbmm of matrices": "m.baddbmm(m.ones(2, 2), m.ones(2, 2), m.ones(1, 2, 2))",
    "einsum of one operand": "[m.einsum(e, m.arange(6.).reshape(2, 3)) for e in ('ij->ji', 'ij->', 'ij->j', 'ij')]",
    "einsum with too few operands": "m.einsum('ij,jk', m.ones(2, 3))",
    "einsum diagonals and traces": "[m.einsum(e, x) for e, x in (('ii', m.arange(9.).reshape(3, 3)), ('ii->i', "
    "m.arange(9.).reshape(3, 3)), ('bii->b', m.arange(18.).reshape(2, 3, 3)), ('iji->j', m.arange(12.).reshape(2, 3, 2)), "
    "('...ii->...', m.arange(18.).reshape(2, 3, 3)), ('ii...->i...', m.arange(18.).reshape(3, 3, 2)))]",
    "einsum diagonal of a product": "m.einsum('ij,jj->i', m.ones(2, 3), m.arange(9.).reshape(3, 3))",
    "einsum trace's gradient": "(lambda a: (m.einsum('ii', a).backward(), a.grad)[1])(m.ones(3, 3, requires_grad=True))",
    "einsum diagonal of unequal sizes": "m.einsum('ii', m.ones(2, 3))",
    "einsum with too many operands": "m.einsum('ij', m.ones(2, 3), m.ones(2))",
    "einsum with mismatched sizes": "m.einsum('ij,jk->ik', m.ones(2, 3), m.ones(2, 2))",
    "einsum with an unknown output subscript": "m.einsum('ij->k', m.ones(2, 3))",
    "einsum with too few subscripts": "m.einsum('i->', m.ones(2, 3))",
    "einsum with a digit": "m.einsum('i1->', m.ones(2))",
    "dist with p = inf and 0": "(m.dist(m.tensor([1., 5.]), m.tensor([2., 2.]), float('inf')), m.dist(m.ones(2), m.zeros(2), 0))",
}
CASES.update(PRODUCTS)

# Products PyTorch builds from other ops: the same nodes, values and gradients.
COMPOSITES = {
    "outer": ("m.outer(x, y)", [(3,), (4,)]),
    "ger": ("m.ger(x, y)", [(3,), (4,)]),
    "inner of vectors": ("m.inner(x, y)", [(4,), (4,)]),
    "inner of matrices": ("m.inner(x, y)", [(3, 4), (2, 4)]),
    "inner of a batch and a vector": ("x.inner(y)", [(2, 3, 4), (4,)]),
    "tensordot dims=1": ("m.tensordot(x, y, dims=1)", [(3, 4), (4, 2)]),
    "tensordot dims=2": ("m.tensordot(x, y, dims=2)", [(2, 3, 4), (3, 4, 2)]),
    "tensordot dims=0": ("m.tensordot(x, y, dims=0)", [(3,), (2,)]),
    "tensordot of everything": ("m.tensordot(x, y, dims=2)", [(3, 4), (3, 4)]),
    "tensordot with lists": ("m.tensordot(x, y, dims=([1, 2], [0, 1]))", [(2, 3, 4), (3, 4)]),
    "tensordot with a size-1 dim": ("m.tensordot(x, y, dims=([1], [0]))", [(2, 1), (3, 2)]),
    "kron of matrices": ("m.kron(x, y)", [(3, 4), (2, 2)]),
    "kron of a vector and a matrix": ("x.kron(y)", [(3,), (2, 2)]),
    "einsum matrix product": ("m.einsum('ij,jk->ik', x, y)", [(3, 4), (4, 2)]),
    "einsum implicit output": ("m.einsum('ij,jk', x, y)", [(3, 4), (4, 2)]),
    "einsum batched": ("m.einsum('bij,bjk->bik', x, y)", [(2, 3, 4), (2, 4, 5)]),
    "einsum with an ellipsis": ("m.einsum('...ij,...jk->...ik', x, y)", [(2, 3, 4), (2, 4, 5)]),
    "einsum dot product": ("m.einsum('i,i->', x, y)", [(4,), (4,)]),
    "einsum outer product": ("m.einsum('i,j->ij', x, y)", [(4,), (3,)]),
    "einsum elementwise": ("m.einsum('ij,ij->ij', x, y)", [(3, 4), (3, 4)]),
    "einsum attention scores": ("m.einsum('bqd,bkd->bqk', x, y)", [(2, 3, 4), (2, 5, 4)]),
    "einsum summing a dim of one operand": ("m.einsum('bij,bjk->b', x, y)", [(2, 3, 4), (2, 4, 5)]),
    "einsum of three operands": ("m.einsum('ij,jk,kl->il', x, y, x)", [(3, 3), (3, 3)]),
    "einsum of a list": ("m.einsum('ij,j->i', [x, y])", [(3, 4), (4,)]),
}


def _graph(t: object) -> list:
    """The node names of ``t``'s graph, depth first."""
    names = []
    stack = [t.grad_fn]
    while stack:
        node = stack.pop()
        names.append(None if node is None else type(node).__name__)
        if node is not None and type(node).__name__ != "AccumulateGrad":
            stack.extend(child for child, _ in reversed(node.next_functions))
    return names


@pytest.mark.parametrize(("code", "shapes"), COMPOSITES.values(), ids=COMPOSITES.keys())
def test_products_built_as_pytorch_builds_them(code: str, shapes: list) -> None:
    rng = np.random.default_rng(len(code))
    arrays = [rng.normal(size=shape) for shape in shapes]
    results = []
    for m in (lab, torch_ref):
        x, y = (m.tensor(a, requires_grad=True) for a in arrays)
        out = eval(code, {"m": m, "x": x, "y": y})  # noqa: S307 - our own table
        out.backward(m.ones_like(out))
        results.append((out, _graph(out), x.grad.numpy(), y.grad.numpy()))
    (ours, our_graph, *our_grads), (theirs, their_graph, *their_grads) = results
    assert our_graph == their_graph
    np.testing.assert_allclose(ours.detach().numpy(), theirs.detach().numpy(), rtol=1e-12)
    for a, b in zip(our_grads, their_grads, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-12)


SPD = "m.tensor([[4., 1.], [1., 3.]], requires_grad=True)"
LINALG = {
    "inv, det, logdet of a matrix that requires grad": f"(m.linalg.inv({SPD}), m.det({SPD}), {SPD}.logdet())",
    "slogdet's named tuples": f"(m.slogdet({SPD}), m.linalg.slogdet(-{SPD}))",
    "logdet of negative and zero determinants": "(m.logdet(m.tensor([[-1., 0.], [0., 1.]])), m.logdet(m.zeros(2, 2)))",
    "solve with a vector, a matrix, from the right": (
        f"(m.linalg.solve({SPD}, m.tensor([1., 2.])), m.linalg.solve({SPD}, m.eye(2)),"
        f" m.linalg.solve({SPD}, m.tensor([[1., 2.]]), left=False))"
    ),
    "cholesky, lower and upper": f"(m.linalg.cholesky({SPD}), m.linalg.cholesky({SPD}, upper=True))",
    "eigvalsh and eigh of a diagonal matrix": (
        f"(m.linalg.eigvalsh({SPD}), m.linalg.eigh(m.tensor([[2., 0.], [0., 1.]], requires_grad=True)))"
    ),
    "singular values": f"(m.linalg.svdvals({SPD}).detach(), m.linalg.svd({SPD}).S.detach(), m.svd({SPD}).S.detach())",
    "matrix_rank, with tolerances": (
        "(m.linalg.matrix_rank(m.tensor([[1., 2.], [2., 4.]])), m.linalg.matrix_rank(m.eye(3) * 1e-3, atol=0.01),"
        " m.linalg.matrix_rank(m.ones(2, 3, 3)))"
    ),
    "matrix_power": f"[m.linalg.matrix_power({SPD}, n) for n in (1, 2, 3, 5, -1, -2)]",
    "matrix_power 0": "m.matrix_power(m.tensor([[4., 1.], [1., 3.]]), 0)",
    "pinv of a rank-1 matrix": "m.linalg.pinv(m.tensor([[1., 2.], [2., 4.]]))",
    "lstsq's named tuple": "m.linalg.lstsq(m.tensor([[1., 0.], [1., 1.], [1., 2.]]), m.tensor([[1.], [2.], [4.]]))",
    "LinAlgError is a RuntimeError": "issubclass(m.linalg.LinAlgError, RuntimeError)",
    # errors
    "inv of a vector": "m.linalg.inv(m.ones(3))",
    "inv of a rectangle": "m.linalg.inv(m.ones(2, 3))",
    "inv of integers": "m.linalg.inv(m.ones(2, 2, dtype=m.long))",
    "inv of a singular matrix": "m.linalg.inv(m.ones(2, 2))",
    "inv of a batch with a singular matrix": "m.linalg.inv(m.stack([m.eye(2), m.zeros(2, 2)]))",
    "det of a rectangle": "m.det(m.ones(2, 3))",
    "solve of a singular matrix": "m.linalg.solve(m.ones(2, 2), m.ones(2))",
    "solve of mixed dtypes": "m.linalg.solve(m.eye(2), m.ones(2, dtype=m.float64))",
    "solve of mismatched shapes": "m.linalg.solve(m.eye(2), m.ones(3))",
    "solve from the right with a vector": "m.linalg.solve(m.eye(2), m.ones(2), left=False)",
    "solve from the right with a batch of vectors": "m.linalg.solve(m.ones(2, 1, 1), m.ones(2, 1), left=False)",
    "cholesky of an indefinite matrix": "m.linalg.cholesky(m.tensor([[1., 2.], [2., 1.]]))",
    "eigh with a wrong UPLO": "m.linalg.eigh(m.eye(2), UPLO='X')",
    "qr with a wrong mode": "m.linalg.qr(m.eye(2), mode='x')",
    "svd of a vector": "m.linalg.svd(m.ones(2))",
    "matrix_power of a rectangle": "m.matrix_power(m.ones(2, 3), 2)",
}
CASES.update(LINALG)


@pytest.mark.parametrize("shape", [(3, 3), (4, 2), (2, 4), (2, 3, 3)])
def test_decompositions_reconstruct_the_matrix_as_pytorchs_do(shape: tuple) -> None:
    """Vectors' signs vary with the LAPACK build: compare what they rebuild, and the values, not the vectors."""
    a = np.random.default_rng(sum(shape)).normal(size=shape)
    for m in (lab, torch_ref):
        x = m.tensor(a)
        u, s, vh = m.linalg.svd(x, full_matrices=False)
        np.testing.assert_allclose(((u * s.unsqueeze(-2)) @ vh).numpy(), a, atol=1e-12)
        q, r = m.linalg.qr(x)
        np.testing.assert_allclose((q @ r).numpy(), a, atol=1e-12)
        assert np.allclose(np.tril(r.numpy(), -1), 0)
        np.testing.assert_allclose((x @ m.linalg.pinv(x) @ x).numpy(), a, atol=1e-10)
        if shape[-1] == shape[-2]:
            sym = x + x.mT
            values, vectors = m.linalg.eigh(sym)
            np.testing.assert_allclose(
                (vectors * values.unsqueeze(-2) @ vectors.mT).numpy(), sym.numpy(), atol=1e-12
            )
    ours, theirs = lab.linalg.svdvals(lab.tensor(a)), torch_ref.linalg.svdvals(torch_ref.tensor(a))
    np.testing.assert_allclose(ours.numpy(), theirs.numpy(), rtol=1e-12)
    ours = lab.linalg.lstsq(lab.tensor(a), lab.tensor(a[..., :1])).solution
    theirs = torch_ref.linalg.lstsq(torch_ref.tensor(a), torch_ref.tensor(a[..., :1])).solution
    if shape[-2] >= shape[-1]:  # full column rank: one least-squares solution
        np.testing.assert_allclose(ours.numpy(), theirs.numpy(), atol=1e-10)


TORCH_LEVEL = {
    "finfo and iinfo printed": (
        "(m.finfo(), m.finfo(m.float64), m.finfo(m.float16), m.iinfo(m.int64), m.iinfo(m.uint8), m.iinfo(m.int32))"
    ),
    "finfo's numbers": "[(f.bits, f.eps, f.max, f.min, f.tiny, f.resolution, f.dtype) for f in [m.finfo(m.float32)]]",
    "iinfo's numbers": "[(i.bits, i.max, i.min, i.dtype) for i in [m.iinfo(m.int64), m.iinfo(m.int8)]]",
    "finfo of an integer dtype": "m.finfo(m.int64)",
    "iinfo of a float dtype": "m.iinfo(m.float32)",
    "finfo of a number": "m.finfo(3)",
    "promote_types": (
        "(m.promote_types(m.int64, m.float32), m.promote_types(m.uint8, m.int8), m.promote_types(m.bool, m.int32),"
        " m.promote_types(m.float16, m.float64))"
    ),
    "promote_types of a string": "m.promote_types(m.int64, 'float')",
    "result_type": (
        "(m.result_type(m.tensor([1, 2]), 1.0), m.result_type(m.tensor([1.]), m.tensor(1., dtype=m.float64)),"
        " m.result_type(2, 3.0), m.result_type(1, 2), m.result_type(m.tensor(1, dtype=m.int32), 5),"
        " m.result_type(m.tensor([True]), 5), m.result_type(m.tensor([1], dtype=m.uint8), -1),"
        " m.result_type(m.tensor(1.), m.tensor([1, 2])), m.result_type(True, m.tensor([1], dtype=m.int8)))"
    ),
    "can_cast": (
        "(m.can_cast(m.float64, m.int64), m.can_cast(m.int64, m.float32), m.can_cast(m.float64, m.float16),"
        " m.can_cast(m.bool, m.uint8), m.can_cast(m.int8, m.bool))"
    ),
    "can_cast to a number": "m.can_cast(m.float32, 3)",
    "is_tensor, numel, is_floating_point": (
        "(m.is_tensor(m.ones(1)), m.is_tensor([1]), m.numel(m.ones(2, 3)), m.is_floating_point(m.ones(1)),"
        " m.is_floating_point(m.ones(1).long()), m.ones(2, dtype=m.float64).is_floating_point())"
    ),
    "numel of a list": "m.numel([1, 2])",
    "is_floating_point of a list": "m.is_floating_point([1.0])",
    "set_num_threads(0)": "m.set_num_threads(0)",
    "set_num_threads(1.5)": "m.set_num_threads(1.5)",
    "deterministic algorithms, off by default": "m.are_deterministic_algorithms_enabled()",
    "cudnn flags": "(m.backends.cudnn.enabled, m.backends.cudnn.benchmark, m.backends.cudnn.deterministic)",
}
CASES.update(TORCH_LEVEL)

BIG = "m.arange(2000, dtype=m.float32).reshape(40, 50) / 7"
PRINT_OPTIONS = {
    "precision=2": ("dict(precision=2)", "m.tensor([1.23456, -2.0, 3.5])"),
    "precision=6, float64": ("dict(precision=6)", "m.tensor([1 / 3, 2.0], dtype=m.float64)"),
    "precision=0": ("dict(precision=0)", "m.tensor([1.6, 2.4])"),
    "sci_mode=True": (
        "dict(sci_mode=True)",
        "(m.tensor([1.5, 200.0]), m.tensor([1.0, 2.0]), m.tensor([0.0]))",
    ),
    "sci_mode=False on tiny values": ("dict(sci_mode=False)", "m.tensor([1e-8, 1.0, 12345678.0])"),
    "threshold and edgeitems": ("dict(threshold=5, edgeitems=1)", "(m.arange(10), m.ones(3, 4))"),
    "linewidth": ("dict(linewidth=30)", "m.arange(20.0) / 3"),
    "linewidth with grad_fn": ("dict(linewidth=40)", "m.ones(6, requires_grad=True) * 2"),
    "profile short": ("dict(profile='short')", BIG),
    "profile full": ("dict(profile='full', linewidth=200)", "m.arange(1200).reshape(2, 600)[:, :3]"),
    "profile full, long": ("dict(profile='full')", "m.arange(1100)"),
    "profile then precision": ("dict(profile='short', precision=5)", BIG),
    "unknown profile is ignored": ("dict(profile='huge')", "m.tensor([1.23456])"),
}


@pytest.fixture
def print_options_restored() -> Any:
    yield
    for m in (lab, torch_ref):
        m.set_printoptions(profile="default")


@pytest.mark.parametrize(("options", "code"), PRINT_OPTIONS.values(), ids=PRINT_OPTIONS.keys())
def test_set_printoptions_prints_as_pytorch(options: str, code: str, print_options_restored: None) -> None:
    printed = []
    for m in (lab, torch_ref):
        m.set_printoptions(**eval(options))  # noqa: S307 - our own table
        printed.append(repr(eval(code, {"m": m})))  # noqa: S307
        m.set_printoptions(profile="default")
    assert printed[0] == printed[1]


def test_threads_and_switches_are_stored() -> None:
    before = lab.get_num_threads()
    assert isinstance(before, int) and before >= 1
    lab.set_num_threads(1)
    assert lab.get_num_threads() == 1
    lab.set_num_threads(before)
    lab.use_deterministic_algorithms(True, warn_only=True)
    assert lab.are_deterministic_algorithms_enabled() and lab.is_deterministic_algorithms_warn_only_enabled()
    lab.use_deterministic_algorithms(False)
    assert not lab.are_deterministic_algorithms_enabled()
    lab.backends.cudnn.benchmark = True
    assert lab.backends.cudnn.benchmark
    lab.backends.cudnn.benchmark = False


def test_compile_and_jit_run_the_model_eagerly_and_say_so_once() -> None:
    from autograd_lab import _info, jit

    _info._warned["compile"] = False
    jit._warned.clear()
    model = lab.nn.Linear(2, 1)
    with pytest.warns(UserWarning, match="runs the model eagerly") as caught:
        assert lab.compile(model)._orig_mod is model  # (PyTorch's OptimizedModule around it)
        assert lab.compile(model)._orig_mod is model
        assert lab.jit.script(model) is model
        assert lab.jit.trace(model, lab.ones(1, 2)) is model
    assert len(caught) == 3  # once per function
    assert all("Hint: " in str(w.message) for w in caught)


def test_jit_save_pickles_the_module_and_jit_load_reads_it_back(tmp_path: object) -> None:
    from autograd_lab import jit

    jit._warned.clear()
    model = lab.nn.Sequential(lab.nn.Linear(2, 3), lab.nn.ReLU(), lab.nn.Linear(3, 1))
    with pytest.warns(UserWarning, match="runs the model eagerly"):
        scripted = lab.jit.script(model)
    with pytest.warns(UserWarning, match="the module itself is saved"):
        scripted.save(tmp_path / "net")  # (d2l's hybridize chapter: net.save('my_mlp'))
    loaded = lab.jit.load(tmp_path / "net")
    assert repr(loaded) == repr(model)
    x = lab.ones(4, 2)
    assert lab.equal(loaded(x), model(x))
    lab.save(model.state_dict(), tmp_path / "weights")  # not a file jit.save wrote
    with pytest.raises(NotImplementedError, match="no TorchScript"):
        lab.jit.load(tmp_path / "weights")


CASES.update(
    {
        "logspace": (
            "(m.logspace(0, 3, 4), m.logspace(0, 4, 3, base=2), m.logspace(-2, 2, 5, dtype=m.float64),"
            " m.logspace(0, 5, 6, dtype=m.int64), m.logspace(1, 2, 0), m.logspace(1, 2, 1),"
            " m.logspace(0, 2, 3, requires_grad=True))"
        ),
    }
)


@pytest.mark.parametrize(
    ("start", "end", "steps", "base"), [(0.1, 1.7, 13, 10.0), (0, 1, 1000, 10.0), (-1, 1, 7, 2.5)]
)
def test_logspace_values_as_pytorchs(start: float, end: float, steps: int, base: float) -> None:
    # within a rounding of PyTorch's: its exponents and powers may differ in the last bit
    ours, theirs = lab.logspace(start, end, steps, base), torch_ref.logspace(start, end, steps, base)
    assert ours.dtype == lab.float32 and tuple(ours.shape) == tuple(theirs.shape)
    np.testing.assert_allclose(ours.numpy(), theirs.numpy(), rtol=1e-6)


DISTRIBUTIONS = {
    "printed": (
        "(D.Normal(0., 1.), D.Normal(m.zeros(2), 1.), D.Bernoulli(0.3), D.Bernoulli(probs=m.tensor([0.2, 0.8])),"
        " D.Uniform(0., 2.), D.Bernoulli(logits=m.tensor(0.5)))"
    ),
    "Normal draws as PyTorch's": (
        "[m.manual_seed(0) and None, D.Normal(0., 1.).sample((3,)), D.Normal(m.zeros(2), m.ones(2) * 2).sample(),"
        " D.Normal(1., 2.).rsample((2, 2))]"
    ),
    "Bernoulli and Uniform draws as PyTorch's": (
        "[m.manual_seed(0) and None, D.Bernoulli(m.tensor([0.2, 0.8, 0.5])).sample(), D.Bernoulli(0.3).sample((4,)),"
        " D.Uniform(0., 2.).sample((3,)), D.Uniform(m.tensor([0., 1.]), 3.).rsample()]"
    ),
    "Normal's rsample, log_prob, entropy record PyTorch's nodes": (
        "(lambda s: (D.Normal(s, s * 2).rsample((2,)), D.Normal(s, 1.).log_prob(m.tensor([0.5, 1.])),"
        " D.Normal(s, 2.).entropy()))(m.tensor([0.5, 1.5], requires_grad=True))"
    ),
    "Normal's numbers": (
        "(D.Normal(0., 1.).log_prob(m.tensor([0.5])), D.Normal(0., 1.).entropy(), D.Normal(0., 2.).stddev,"
        " D.Normal(1., 2.).mean, D.Normal(1., 2.).variance, D.Normal(0., 1.).cdf(m.tensor([0., 1.])))"
    ),
    "Bernoulli's numbers": (
        "(lambda p: (D.Bernoulli(p).log_prob(m.tensor([1., 0.])), D.Bernoulli(p).entropy(), D.Bernoulli(p).mean,"
        " D.Bernoulli(p).variance, D.Bernoulli(p).logits, D.Bernoulli(logits=p).probs))"
        "(m.tensor([0.25, 0.5], requires_grad=True))"
    ),
    "Uniform's numbers": (
        "(lambda lo: (D.Uniform(lo, 3.).log_prob(m.tensor([2.5, 2.9, 2.0])), D.Uniform(lo, 3.).entropy(),"
        " D.Uniform(lo, 3.).mean, D.Uniform(lo, 3.).stddev, D.Uniform(lo, 3.).variance))"
        "(m.tensor([0., 1., 2.], requires_grad=True))"
    ),
    "shapes": "(lambda d: (d.batch_shape, d.event_shape, d.sample((2, 3)).shape))(D.Normal(m.zeros(4), 1.))",
    "logits computed when asked": "(lambda d: (d, d.logits, d))(D.Bernoulli(0.25))",
    "Normal with a negative scale": "D.Normal(0., -1.)",
    "Normal with a negative scale in a tensor": "D.Normal(m.zeros(2), m.tensor([1., -1.]))",
    "Bernoulli with a probability above 1": "D.Bernoulli(1.5)",
    "Bernoulli with neither probs nor logits": "D.Bernoulli()",
}


@pytest.mark.parametrize("code", DISTRIBUTIONS.values(), ids=DISTRIBUTIONS.keys())
def test_distributions_as_pytorch(code: str) -> None:
    code = code.replace("D.", "m.distributions.")
    assert outcome(lab, code) == outcome(torch_ref, code)


@pytest.mark.parametrize(
    "code",
    [
        "D.Normal(a, b.exp()).log_prob(m.tensor([0.3, -1.0, 2.0])).sum() + D.Normal(a, b.exp()).entropy().sum()",
        "(m.manual_seed(3) and 0) or D.Normal(a, b.exp()).rsample((4,)).pow(2).sum()",
        "D.Bernoulli(logits=a).log_prob(m.tensor([1.0, 0.0, 1.0])).sum() + D.Bernoulli(logits=b).entropy().sum()",
        "(m.manual_seed(3) and 0) or D.Uniform(a, a + b.exp()).rsample((2,)).sum() + D.Uniform(a, a + 3).entropy().sum()",
    ],
)
def test_distribution_gradients_as_pytorchs(code: str) -> None:
    grads = []
    for m in (lab, torch_ref):
        a = m.tensor([0.5, -0.2, 1.0], requires_grad=True)
        b = m.tensor([0.1, 0.3, -0.4], requires_grad=True)
        eval(code.replace("D.", "m.distributions."), {"m": m, "a": a, "b": b}).backward()  # noqa: S307
        grads.append([a.grad.numpy(), b.grad.numpy() if b.grad is not None else None])
    for ours, theirs in zip(*grads, strict=True):
        assert (ours is None) == (theirs is None)
        if ours is not None:
            np.testing.assert_allclose(ours, theirs, rtol=1e-6)
