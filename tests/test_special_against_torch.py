"""``torch.special`` (branch s10_special): every function of PyTorch 2.13's module, run in both libraries.

For each function, on float32 and float64 inputs that include the edges
(0, −0, negatives, the branch points of the algorithms, ±inf, NaN): the
values (to a tolerance: our kernels compute in float64 where PyTorch uses
the input's dtype, so the last bits may differ), the dtype, the printed
``repr`` character for character, the ``grad_fn`` name, and the gradients;
then the module itself (names, lazy import, ``dir``, the AttributeError) and
the errors (type and PyTorch's sentence; ours add a hint).  Random inputs
for the differentiable ops, first and second derivatives, are in
``factories_special.py``.
"""

from __future__ import annotations

import math
import subprocess
import sys
import warnings
from typing import Any

import numpy as np
import pytest

torch_ref = pytest.importorskip("torch")

import autograd_lab as lab  # noqa: E402

INF, NAN = math.inf, math.nan
DTYPES = ("float32", "float64")
TOLERANCE = {"float32": {"rtol": 2e-6, "atol": 1e-7}, "float64": {"rtol": 1e-12, "atol": 1e-15}}

# Inputs of one-argument functions: 0 and −0, both signs, the points where the algorithms change branch
# (2.09 for Airy, 5 for Bessel J and Y, 8 for I, 2 for K, 26.7, 50 for erfcx ...), large values, ±inf, NaN.
EDGES = [
    0.0, -0.0, 1e-8, -1e-8, 0.25, -0.25, 0.5, -0.5, 1.0, -1.0, 1.5, -1.7, 2.0, 2.09, -2.09, 3.0, -3.5, 5.0,
    -5.0, 6.5, 8.0, -8.0, 8.5, -9.25, 12.0, 20.0, -27.0, 30.0, 60.0, -60.0, 90.0, 1e3, INF, -INF, NAN,
]  # fmt: skip
PROBABILITIES = [
    0.0,
    1e-20,
    1e-10,
    0.01,
    0.1,
    0.135,
    0.3,
    0.5,
    0.7,
    0.9,
    0.99,
    1 - 1e-10,
    1.0,
    -0.1,
    1.5,
    NAN,
]

UNARY = {
    "airy_ai": EDGES, "bessel_j0": EDGES, "bessel_j1": EDGES, "bessel_y0": EDGES, "bessel_y1": EDGES,
    "digamma": EDGES, "psi": EDGES, "entr": EDGES, "erf": EDGES, "erfc": EDGES, "erfcx": EDGES,
    "erfinv": [-1.0, -0.99, -0.5, -0.0, 0.0, 0.3, 0.9, 0.999, 1.0, 1.5, -2.0, NAN], "exp2": EDGES,
    "expit": EDGES, "expm1": EDGES, "gammaln": EDGES, "i0": EDGES, "i0e": EDGES, "i1": EDGES, "i1e": EDGES,
    "log1p": EDGES, "log_ndtr": EDGES, "logit": PROBABILITIES, "modified_bessel_i0": EDGES,
    "modified_bessel_i1": EDGES, "modified_bessel_k0": EDGES, "modified_bessel_k1": EDGES, "ndtr": EDGES,
    "ndtri": PROBABILITIES, "round": EDGES, "scaled_modified_bessel_k0": EDGES,
    "scaled_modified_bessel_k1": EDGES, "sinc": EDGES, "spherical_bessel_j0": EDGES,
}  # fmt: skip
# What PyTorch computes in float32 with another algorithm or fewer terms than float64 (its float32 tables
# for I₁, the float32 recurrences of digamma, lgamma and erfinv), compared to a few float32 rounding steps.
LOOSER_FLOAT32 = {"i1", "i1e", "i0e", "digamma", "psi", "gammaln", "erfinv", "airy_ai", "bessel_y0", "bessel_y1",
                  "bessel_j0", "bessel_j1", "ndtri", "log_ndtr", "erfcx"}  # fmt: skip
# Those whose values PyTorch records no graph for (values only, in PyTorch as here).
VALUES_ONLY = {
    "airy_ai", "bessel_j0", "bessel_j1", "bessel_y0", "bessel_y1", "modified_bessel_i0", "modified_bessel_i1",
    "modified_bessel_k0", "modified_bessel_k1", "scaled_modified_bessel_k0", "scaled_modified_bessel_k1",
    "spherical_bessel_j0",
}  # fmt: skip
POLYNOMIALS = [
    "chebyshev_polynomial_t", "chebyshev_polynomial_u", "chebyshev_polynomial_v", "chebyshev_polynomial_w",
    "shifted_chebyshev_polynomial_t", "shifted_chebyshev_polynomial_u", "shifted_chebyshev_polynomial_v",
    "shifted_chebyshev_polynomial_w", "hermite_polynomial_h", "hermite_polynomial_he",
    "laguerre_polynomial_l", "legendre_polynomial_p",
]  # fmt: skip


# -- comparing --------------------------------------------------------------------------------------------------


def numpy_of(t: Any) -> np.ndarray:
    return t.detach().numpy()


def tolerance(dtype: str, name: str = "") -> dict[str, float]:
    if dtype == "float32" and name in LOOSER_FLOAT32:
        return {"rtol": 2e-5, "atol": 1e-6}
    return TOLERANCE[dtype]


def same_repr(ours: Any, theirs: Any) -> None:
    """``repr`` identical to PyTorch's; where the values differ in the last bits, our printer is given
    PyTorch's values (with our grad_fn), so that a rounding boundary of the 4 printed decimals is not
    reported as a printing difference (see tests/test_against_torch.py)."""
    values = numpy_of(theirs)
    if numpy_of(ours).tobytes() != values.tobytes():
        twin = lab.tensor(values.copy())
        twin._grad_fn = ours.grad_fn
        twin._requires_grad = ours.requires_grad
        ours = twin
    assert repr(ours) == repr(theirs)


def same_tensor(ours: Any, theirs: Any, tol: dict[str, float], what: str = "") -> None:
    """Dtype, shape, values (NaN where PyTorch has NaN, infinities alike), grad_fn name and repr."""
    assert str(ours.dtype) == str(theirs.dtype), what
    assert tuple(ours.shape) == tuple(theirs.shape), what
    assert ours.requires_grad == theirs.requires_grad, what
    assert (ours.grad_fn is None) == (theirs.grad_fn is None), what
    if ours.grad_fn is not None:
        assert type(ours.grad_fn).__name__ == type(theirs.grad_fn).__name__, what
    np.testing.assert_allclose(numpy_of(ours), numpy_of(theirs), equal_nan=True, err_msg=what, **tol)
    same_repr(ours, theirs)


def both(code: str, **inputs: Any) -> tuple[Any, Any]:
    """``code`` run with ``m`` each library, the inputs made tensors of each (``(values, dtype, grad)``)."""
    results = []
    for m in (lab, torch_ref):
        scope = {"m": m}
        for name, (values, dtype, grad) in inputs.items():
            scope[name] = m.tensor(values, dtype=getattr(m, dtype), requires_grad=grad)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            results.append((eval(code, scope), scope))  # noqa: S307 - our own table
    return results[0], results[1]


def outcome(m: Any, code: str) -> str:
    """The repr of ``code``'s value, or its exception's type and first sentence (without our hint)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return repr(eval(code, {"m": m, "np": np}))  # noqa: S307 - our own table
    except Exception as error:  # noqa: BLE001 - the error is the outcome compared
        text = str(error)
        if m is lab:
            assert "Hint: " in text, f"our error has no hint: {text}"
            text = text.split(" Hint: ")[0]
        return f"{type(error).__name__}: {text.splitlines()[0]}"


# -- the module -------------------------------------------------------------------------------------------------


def test_every_name_of_torch_special() -> None:
    assert sorted(lab.special.__all__) == sorted(torch_ref.special.__all__)
    for name in torch_ref.special.__all__:
        assert callable(getattr(lab.special, name)), name
    assert "special" in lab.__all__ and "special" in dir(lab)
    ours = {name for name in dir(lab.special) if not name.startswith("_")}
    assert ours == {*torch_ref.special.__all__, "Tensor"}
    assert ours <= set(dir(torch_ref.special))


def test_import_forms() -> None:
    for root in ("autograd_lab", "torch"):
        scope: dict[str, Any] = {}
        exec(  # noqa: S102 - the lesson's own lines
            f"import {root} as torch\nimport {root}.special\nfrom {root}.special import erf, expit\n"
            f"from {root} import special\nsame = special is {root}.special is torch.special\n"
            "value = repr(expit(torch.tensor([0.0])) + erf(torch.tensor([0.0])))",
            scope,
        )
        assert scope["same"], root
        assert scope["value"] == "tensor([0.5000])", root


def test_special_is_loaded_lazily() -> None:
    code = (
        "import sys, autograd_lab as torch; before = 'autograd_lab.special' in sys.modules; "
        "torch.special.expit; print(before, 'autograd_lab.special' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "True"]


@pytest.mark.parametrize("code", ["m.special.nope", "m.special.sigmoid", "m.special.erfc_"])
def test_missing_attribute_as_pytorch(code: str) -> None:
    assert outcome(lab, code) == outcome(torch_ref, code)
    assert not hasattr(lab.special, code.rsplit(".", 1)[1])


# -- one argument -----------------------------------------------------------------------------------------------


# Functions that oscillate: their phase at a large argument (x − π/4 for J₀ at 1000, (2/3)|x|^(3/2) for Ai
# at −60) carries float32's rounding, 10⁻⁵ and more of the value, in PyTorch's float32 kernels; ours compute
# in float64, so in float32 they are compared where that rounding is small (|x| ≤ 20).
OSCILLATING = {"airy_ai", "bessel_j0", "bessel_j1", "bessel_y0", "bessel_y1", "spherical_bessel_j0", "sinc"}


def inputs_of(name: str, dtype: str) -> list[float]:
    values = UNARY[name]
    if dtype == "float32" and name in OSCILLATING:
        return [v for v in values if not abs(v) > 20 or math.isinf(v)]
    return values


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name", sorted(UNARY))
def test_values_as_pytorch(name: str, dtype: str) -> None:
    values = inputs_of(name, dtype)
    (ours, _), (theirs, _) = both(f"m.special.{name}(x)", x=(values, dtype, False))
    same_tensor(ours, theirs, tolerance(dtype, name), f"{name}({values})")


@pytest.mark.parametrize("name", sorted(set(UNARY) - {"round"}))
def test_integer_inputs_give_float32(name: str) -> None:
    (ours, _), (theirs, _) = both(f"m.special.{name}(x)", x=([0, 1, 2, 3, -1, 9], "int64", False))
    same_tensor(ours, theirs, tolerance("float32", name), name)


# Inside each function's smooth domain (no pole, no kink), with its branch points for the derivative too.
SMOOTH = {
    "digamma": [0.3, 1.0, 2.5, 12.0, -0.5, -1.3], "psi": [0.3, 1.0, 2.5, 12.0, -0.5, -1.3],
    "entr": [0.1, 0.5, 1.0, 2.5, 7.0], "erf": [-2.0, -0.3, 0.0, 0.7, 3.0], "erfc": [-2.0, -0.3, 0.0, 0.7, 3.0],
    "erfcx": [-5.0, -1.0, 0.0, 0.5, 3.0, 27.0, 55.0], "erfinv": [-0.9, -0.2, 0.0, 0.4, 0.95],
    "exp2": [-3.0, 0.0, 0.5, 4.0], "expit": [-6.0, -0.5, 0.0, 2.0], "expm1": [-3.0, 1e-5, 0.0, 2.0],
    "gammaln": [0.2, 1.0, 3.5, 15.0, -0.5, -2.5], "i0": [-9.0, -2.0, 0.0, 0.5, 8.0, 8.5, 20.0],
    "i0e": [-9.0, -2.0, 0.5, 8.0, 8.5, 20.0], "i1": [-9.0, -2.0, 0.0, 1e-20, 0.5, 8.0, 8.5, 20.0],
    "i1e": [-9.0, -2.0, 0.0, 0.5, 8.0, 8.5, 20.0], "log1p": [-0.5, 0.0, 1.0, 30.0],
    "log_ndtr": [-30.0, -5.0, -1.0, -0.5, 0.0, 2.0, 6.0], "logit": [0.1, 0.5, 0.9], "ndtr": [-4.0, -1.0, 0.0, 0.3, 2.5],
    "ndtri": [0.001, 0.1, 0.5, 0.8, 0.999], "round": [0.2, -1.3, 2.7], "sinc": [-1.5, -0.2, 0.0, 0.7, 3.3],
}  # fmt: skip


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name", sorted(SMOOTH))
def test_gradients_as_pytorch(name: str, dtype: str) -> None:
    values = SMOOTH[name]
    weights = [float(i + 1) for i in range(len(values))]
    code = f"(lambda y: (y, m.autograd.grad((y * m.tensor({weights}, dtype=y.dtype)).sum(), x)[0]))(m.special.{name}(x))"
    (ours, _), (theirs, _) = both(code, x=(values, dtype, True))
    same_tensor(ours[0], theirs[0], tolerance(dtype, name), f"{name}({values})")
    same_tensor(ours[1], theirs[1], tolerance(dtype, name), f"gradient of {name}({values})")


@pytest.mark.parametrize("name", ["entr", "erfcx", "i1", "i1e", "ndtri", "log_ndtr", "i0e"])
def test_gradients_at_the_edges_as_pytorch(name: str) -> None:
    values = [0.0, -0.0, 1.0, -1.0, INF, -INF, NAN, 1e-300]
    code = f"m.autograd.grad(m.special.{name}(x).sum(), x)[0]"
    (ours, _), (theirs, _) = both(code, x=(values, "float64", True))
    same_tensor(ours, theirs, TOLERANCE["float64"], name)


@pytest.mark.parametrize("name", sorted(VALUES_ONLY))
def test_values_only_functions_record_no_graph(name: str) -> None:
    (ours, _), (theirs, _) = both(f"m.special.{name}(x)", x=([0.5, 2.0, 7.0], "float64", True))
    assert ours.grad_fn is None and not ours.requires_grad
    same_tensor(ours, theirs, TOLERANCE["float64"], name)


# -- two arguments ----------------------------------------------------------------------------------------------

PAIRS = {  # (first, second) inputs of the same shape: the grid of both edges
    "xlogy": ([0.0, 0.0, 1.5, -2.0, 3.0, 0.0, 2.0, NAN, 1.0], [0.0, NAN, 2.0, 0.5, -1.0, -1.0, INF, 1.0, 0.0]),
    "xlog1py": ([0.0, 0.0, 1.5, -2.0, 3.0, 0.0, 2.0, NAN, 1.0], [-1.0, NAN, 2.0, 0.5, -1.0, -2.0, INF, 1.0, -1.5]),
    "zeta": ([2.0, 1.0, 0.5, 3.0, 4.5, 2.0, 2.0, 3.0, 2.5, 1.5, INF, NAN], [1.0, 1.0, 1.0, -2.0, 0.25, 0.0, -1.5, -1.5, 30.0, 1e3, 2.0, 1.0]),
    "gammainc": ([1.0, 0.5, 3.0, 10.0, 0.0, 0.0, 2.0, 2.0, -1.0, INF, 2.0, NAN, 25.0, 0.01], [1.0, 0.2, 8.0, 3.0, 1.0, 0.0, 0.0, INF, 1.0, 1.0, -1.0, 1.0, 30.0, 0.3]),
}  # fmt: skip
PAIRS["gammaincc"] = PAIRS["gammainc"]
# PyTorch's incomplete gamma for a around 20 and more takes Temme's asymptotic series; ours the series and
# continued fraction, which agree with it to 2·10⁻⁹.
PAIR_RTOL = {"gammainc": 1e-8, "gammaincc": 1e-8}


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name", sorted(PAIRS))
def test_two_argument_values_as_pytorch(name: str, dtype: str) -> None:
    first, second = PAIRS[name]
    (ours, _), (theirs, _) = both(
        f"m.special.{name}(a, b)", a=(first, dtype, False), b=(second, dtype, False)
    )
    tol = {**tolerance(dtype), "rtol": max(tolerance(dtype)["rtol"], PAIR_RTOL.get(name, 0))}
    if dtype == "float32":
        tol = {"rtol": 1e-5, "atol": 1e-7}
    same_tensor(ours, theirs, tol, f"{name}({first}, {second})")


TWO_ARGUMENT_GRADIENTS = {
    # (code, inputs: (values, requires_grad))
    "xlogy": ("m.special.xlogy(a, b)", ([1.0, 1.5, -2.0, 3.0], True), ([0.5, 2.0, 0.5, 1.0], True)),
    "xlogy at a = 0": ("m.special.xlogy(a, b)", ([0.0, 0.0, 0.0], True), ([0.5, 0.0, -1.0], True)),
    "xlog1py": ("m.special.xlog1py(a, b)", ([0.0, 0.0, 1.5, -2.0], True), ([-1.0, 0.5, 2.0, 0.5], True)),
    "xlog1py, number first": ("m.special.xlog1py(2.0, b)", None, ([-0.5, 0.5, 2.0], True)),
    "xlog1py, number second": ("m.special.xlog1py(a, 0.5)", ([0.0, 1.5, -2.0], True), None),
    "zeta in q": ("m.special.zeta(a, b)", ([2.0, 3.5, 5.0], False), ([0.5, 1.0, 3.0], True)),
    "zeta, number first": ("m.special.zeta(2.0, b)", None, ([0.5, 1.0, 3.0], True)),
    "gammainc in x": ("m.special.gammainc(a, b)", ([0.5, 2.0, 6.0], False), ([0.3, 1.0, 7.5], True)),
    "gammaincc in x": ("m.special.gammaincc(a, b)", ([0.5, 2.0, 6.0], False), ([0.3, 1.0, 7.5], True)),
}


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # NumPy's 0/0 in a rule at b = −1: NaN, as PyTorch's
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("case", sorted(TWO_ARGUMENT_GRADIENTS))
def test_two_argument_gradients_as_pytorch(case: str, dtype: str) -> None:
    code, first, second = TWO_ARGUMENT_GRADIENTS[case]
    inputs = {}
    if first is not None:
        inputs["a"] = (first[0], dtype, first[1])
    if second is not None:
        inputs["b"] = (second[0], dtype, second[1])
    (ours, our_scope), (theirs, their_scope) = both(code, **inputs)
    tol = tolerance(dtype) if dtype == "float64" else {"rtol": 1e-5, "atol": 1e-7}
    same_tensor(ours, theirs, tol, case)
    grads = [1.0 + i for i in range(ours.numel())]
    ours.backward(lab.tensor(grads, dtype=ours.dtype))
    theirs.backward(torch_ref.tensor(grads, dtype=theirs.dtype))
    for name in inputs:
        x, y = our_scope[name], their_scope[name]
        assert (x.grad is None) == (y.grad is None), f"{case}: gradient of {name}"
        if x.grad is not None:
            same_tensor(x.grad, y.grad, tol, f"{case}: gradient of {name}")


# -- polynomials ------------------------------------------------------------------------------------------------

POLYNOMIAL_X = [-2.0, -1.0, -0.7, -0.0, 0.0, 0.3, 0.5, 1.0, 1.5, 3.0, INF, NAN]
DEGREES = [-1, 0, 1, 2, 3, 5, 7, 9, 12, 25]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name", POLYNOMIALS)
def test_polynomials_as_pytorch(name: str, dtype: str) -> None:
    xs = [x for x in POLYNOMIAL_X for _ in DEGREES]
    ns = [float(n) for _ in POLYNOMIAL_X for n in DEGREES]
    (ours, _), (theirs, _) = both(f"m.special.{name}(x, n)", x=(xs, dtype, True), n=(ns, dtype, False))
    # (the recurrences reach 10¹⁸ and more: compared relatively, as PyTorch's float32 itself rounds)
    tol = {"rtol": 1e-10, "atol": 1e-12} if dtype == "float64" else {"rtol": 1e-4, "atol": 1e-5}
    same_tensor(ours, theirs, tol, name)


POLYNOMIAL_CALLS = [
    "m.special.{name}(m.tensor([0.25, 0.5, 2.0]), 3)",
    "m.special.{name}(m.tensor([0.25, 0.5, 2.0], dtype=m.float64), 4)",
    "m.special.{name}(m.tensor([0.25, -0.5]), m.tensor([3, 10]))",
    "m.special.{name}(0.75, m.tensor([0.0, 1.0, 2.0, 8.0]))",
    "m.special.{name}(m.tensor([[0.25], [0.5]]), m.tensor([1, 2, 3]))",
    "m.special.{name}(m.tensor([1, 2]), 2)",
    "m.special.{name}(m.tensor([0.25]), 2.7)",
    "m.special.{name}(2.0, 3)",
]
# A NaN or infinite degree: only Hermite's kernels guard the cast to a whole number (elsewhere it is
# undefined behaviour in PyTorch's C++, so there is nothing to compare).
HERMITE_CALLS = ["m.special.{name}(m.tensor([0.5, 0.5]), m.tensor([float('nan'), float('inf')]))"]


@pytest.mark.parametrize(
    "code",
    [
        code.format(name=name)
        for name in POLYNOMIALS
        for code in POLYNOMIAL_CALLS + (HERMITE_CALLS if name.startswith("hermite") else [])
    ],
)
def test_polynomial_calls_as_pytorch(code: str) -> None:
    same_outcome(code)


# -- the other functions: reductions, their options ------------------------------------------------------------

X = "m.tensor([[0.5, -1.0, 2.0], [3.0, 0.25, -0.5]], requires_grad=True)"
X64 = "m.tensor([[0.5, -1.0, 2.0], [3.0, 0.25, -0.5]], dtype=m.float64, requires_grad=True)"
P = "m.tensor([0.2, 0.5, 0.9], requires_grad=True)"
G = "m.tensor([1.5, 2.5, 4.0], requires_grad=True)"


def grad_of(code: str, x: str) -> str:
    """``(y, ∂ sum(y · weights)/∂x)`` for ``y = code`` at ``x``."""
    return (
        f"(lambda x: (lambda y: (y, m.autograd.grad(y, x, m.arange(1., y.numel() + 1).reshape(y.shape)"
        f".to(y.dtype))[0]))({code}))({x})"
    )


CASES = {
    "logsumexp": grad_of("m.special.logsumexp(x, 1)", X),
    "logsumexp over two dims, keepdim": grad_of("m.special.logsumexp(x, (0, 1), keepdim=True)", X64),
    "softmax": grad_of("m.special.softmax(x, 1)", X),
    "softmax with dtype": grad_of("m.special.softmax(x, 0, dtype=m.float64)", X),
    "log_softmax": grad_of("m.special.log_softmax(x, -1)", X64),
    "log_softmax with dtype": grad_of("m.special.log_softmax(x, 1, dtype=m.float64)", X),
    "logit with eps": grad_of("m.special.logit(x, eps=0.25)", P),
    "logit outside [0, 1]": "m.special.logit(m.tensor([-0.5, 0.0, 1.0, 1.5]))",
    "polygamma": grad_of("m.special.polygamma(2, x)", G),
    "polygamma 0 is digamma": grad_of("m.special.polygamma(0, x)", G),
    "multigammaln": grad_of("m.special.multigammaln(x, 3)", G),
    "multigammaln p=1 is lgamma": grad_of("m.special.multigammaln(x, 1)", G),
    "multigammaln below its domain": "m.special.multigammaln(m.tensor([0.5, 1.0, 2.0]), 3)",
    "mvlgamma and its method": f"(m.mvlgamma({G}, 2), {G}.mvlgamma(2), {G}.mvlgamma(p=4))",
    "round": grad_of("m.special.round(x)", X),
    "round to decimals": grad_of("m.special.round(x * 1.2345, decimals=2)", X64),
    "round to tens": "m.special.round(m.tensor([14.0, 15.0, 25.0, -35.0]), decimals=-1)",
    "ndtr's graph": f"(lambda y: [type(y.grad_fn).__name__, type(y.grad_fn.next_functions[0][0]).__name__])(m.special.ndtr({P}))",
    "ndtr of ints": "m.special.ndtr(m.tensor([0, 1, -2]))",
    "expit is sigmoid's node": grad_of("m.special.expit(x)", X),
    "gammaln is lgamma's node": grad_of("m.special.gammaln(x)", G),
    "erfc, i0 and their methods": f"(m.erfc({P}), {P}.erfc(), m.i0({P}), {P}.i0())",
    "erfc_ and i0_ in place": f"(lambda y: (y.erfc_(), y.i0_()))({P} * 1)",
    "igamma, igammac and their methods": f"(m.igamma({G}, {P}), {G}.igammac({P}), (lambda y: y.igamma_({P}))({G} * 1))",
    "xlog1py with 0-d tensors": "m.special.xlog1py(m.tensor(2.0, dtype=m.float64), m.tensor([0.5, 1.0]))",
    "zeta of ints": "m.special.zeta(m.tensor([2, 3]), m.tensor([1, 2]))",
    "zeta, number second": "m.special.zeta(m.tensor([2.0, 4.0]), 1.0)",
    "xlog1py of ints": "m.special.xlog1py(m.tensor([2, 0]), m.tensor([1, -1]))",
    "entr of ints": "m.special.entr(m.tensor([0, 1, 2]))",
}  # fmt: skip


@pytest.mark.parametrize("code", CASES.values(), ids=CASES.keys())
def test_as_pytorch(code: str) -> None:
    same_outcome(code)


def same_outcome(code: str) -> None:
    """The same repr (or error) as PyTorch; where a printed digit differs, the tensors compared to a
    tolerance (PyTorch's float32 kernels round differently, and a value may sit on a 4-digit boundary)."""
    ours, theirs = outcome(lab, code), outcome(torch_ref, code)
    if ours == theirs:
        return
    assert "Error" not in ours and "Error" not in theirs, (ours, theirs)
    our_value = eval(code, {"m": lab, "np": np})  # noqa: S307 - our own table
    their_value = eval(code, {"m": torch_ref, "np": np})  # noqa: S307
    for a, b in zip(_flat(our_value), _flat(their_value), strict=True):
        dtype = str(b.dtype).removeprefix("torch.")
        same_tensor(a, b, {"rtol": 1e-5, "atol": 1e-7} if dtype == "float32" else TOLERANCE[dtype], code)


def _flat(value: Any) -> list[Any]:
    if isinstance(value, (tuple, list)):
        return [t for v in value for t in _flat(v)]
    return [value]


# -- errors -----------------------------------------------------------------------------------------------------

ERRORS = {
    "gammainc's derivative in a": f"m.autograd.grad(m.special.gammainc({G}, {P}).sum(), {G})",
    "gammaincc's derivative in a": f"m.special.gammaincc({G}, {P}).sum().backward()",
    "igamma's derivative in a": f"m.igamma({G}, m.tensor([1.0, 2.0, 3.0])).sum().backward()",
    "zeta's derivative in x": f"m.special.zeta({G}, {P}).sum().backward()",
    "zeta's derivative in x, number q": f"m.special.zeta({G}, 2.0).sum().backward()",
    "zeta of two numbers": "m.special.zeta(2.0, 3.0)",
    "xlog1py of two numbers": "m.special.xlog1py(2.0, 3.0)",
    "gammainc of a number": f"m.special.gammainc(2.0, {P})",
    "gammainc of a number second": f"m.special.gammainc({P}, 2.0)",
    "gammainc of ints": "m.special.gammainc(m.tensor([2, 3]), m.tensor([1, 2]))",
    "multigammaln with p = 0": f"m.special.multigammaln({G}, 0)",
    "multigammaln with a float p": f"m.special.multigammaln({G}, 1.5)",
    "mvlgamma with a float p": f"m.mvlgamma({G}, 1.5)",
    "mvlgamma method with a float p": f"{G}.mvlgamma(2.0)",
    "polygamma with n < 0": f"m.special.polygamma(-1, {G})",
    "softmax without dim": f"m.special.softmax({G})",
    "polynomial of two numbers": "m.special.chebyshev_polynomial_t(0.5, 2)",
}


@pytest.mark.parametrize("code", ERRORS.values(), ids=ERRORS.keys())
def test_errors_as_pytorch(code: str) -> None:
    ours = outcome(lab, code)
    assert ours.split(":")[0].endswith(("Error", "Exception")), f"no error: {ours}"
    assert ours == outcome(torch_ref, code)


def test_derivative_in_q_works_while_that_in_x_is_refused() -> None:
    """PyTorch computes what it can: a gradient in q alone, though zeta has none in x."""
    results = []
    for m in (lab, torch_ref):
        x = m.tensor([2.0, 3.0])
        q = m.tensor([0.5, 2.0], requires_grad=True)
        y = m.special.zeta(x, q)
        y.sum().backward()
        results.append((type(y.grad_fn).__name__, q.grad.tolist()))
    assert results[0][0] == results[1][0] == "SpecialZetaBackward0"
    np.testing.assert_allclose(results[0][1], results[1][1], rtol=1e-6)
