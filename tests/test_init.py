"""``nn.init`` and the layers' default initialisation: PyTorch's numbers, bit for bit, after ``manual_seed``."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

import autograd_lab as lab
from autograd_lab import nn
from autograd_lab.nn import init

torch = pytest.importorskip("torch")


def both(code: str, seed: int = 0) -> tuple[Any, Any]:
    """``code`` run in autograd_lab and in PyTorch after the same seed, and one draw after it in each."""
    results = []
    for m in (lab, torch):
        m.manual_seed(seed)
        made = eval(code, {"m": m, "nn": m.nn, "math": math})  # noqa: S307 - our own code
        results.append((made, m.rand(4).numpy()))
    (ours, after_ours), (theirs, after_theirs) = results
    np.testing.assert_array_equal(after_ours, after_theirs, err_msg=f"draws taken by {code}")
    return ours, theirs


def bits(t: Any) -> np.ndarray:
    return t.detach().numpy()


@pytest.mark.parametrize(
    "code",
    [
        "nn.Linear(3, 2)",
        "nn.Linear(784, 128)",
        "nn.Linear(3, 2, bias=False)",
        "nn.Linear(5, 4, dtype=m.float64)",
        "nn.Conv2d(1, 6, 5)",
        "nn.Conv2d(4, 6, 3, groups=2, bias=False)",
        "nn.Sequential(nn.Linear(4, 3), nn.BatchNorm1d(3), nn.Conv2d(3, 2, 2), nn.Linear(2, 1))",
    ],
)
@pytest.mark.parametrize("seed", [0, 1, 2**40 + 7])
def test_default_initialisation_draws_pytorchs_weights(code: str, seed: int) -> None:
    ours, theirs = both(code, seed)
    for (name, a), b in zip(ours.named_parameters(), theirs.parameters(), strict=True):
        assert a.dtype.name == str(b.dtype).removeprefix("torch."), name
        np.testing.assert_array_equal(bits(a), bits(b), err_msg=name)


EXACT = [
    "nn.init.uniform_(m.empty(shape, dtype=dtype))",
    "nn.init.uniform_(m.empty(shape, dtype=dtype), -0.408, 0.408)",
    "nn.init.uniform_(m.empty(shape, dtype=dtype), a=-3.0, b=7.5)",
    "nn.init.xavier_uniform_(m.empty(shape, dtype=dtype))",
    "nn.init.xavier_uniform_(m.empty(shape, dtype=dtype), gain=nn.init.calculate_gain('tanh'))",
    "nn.init.kaiming_uniform_(m.empty(shape, dtype=dtype))",
    "nn.init.kaiming_uniform_(m.empty(shape, dtype=dtype), a=math.sqrt(5))",
    "nn.init.kaiming_uniform_(m.empty(shape, dtype=dtype), mode='fan_out', nonlinearity='relu')",
    "nn.init.kaiming_uniform_(m.empty(shape, dtype=dtype), a=0.2)",
    "nn.init.uniform_(m.empty(shape, dtype=dtype).transpose(0, 1), -1.0, 2.0)",
]


@pytest.mark.parametrize("code", EXACT)
@pytest.mark.parametrize("shape", [(3, 2), (64, 128), (16, 3, 3, 3), (5, 4, 1, 7)])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_uniform_initialisers_are_exact(code: str, shape: tuple, dtype: str) -> None:
    ours, theirs = both(code.replace("shape", str(shape)).replace("dtype=dtype", f"dtype=m.{dtype}"))
    np.testing.assert_array_equal(bits(ours), bits(theirs))


@pytest.mark.parametrize(
    "code",
    [
        "nn.init.normal_(m.empty(shape, dtype=dtype))",
        "nn.init.normal_(m.empty(shape, dtype=dtype), 0.1, 0.05)",
        "nn.init.normal_(m.empty(shape, dtype=dtype).t(), 0.5, 2.0)",
        "nn.init.xavier_normal_(m.empty(shape, dtype=dtype))",
        "nn.init.kaiming_normal_(m.empty(shape, dtype=dtype), mode='fan_out')",
        # trunc_normal_ by rejection: normal draws drawn again, then uniform proposals accepted by the pdf
        "nn.init.trunc_normal_(m.empty(shape, dtype=dtype))",
        "nn.init.trunc_normal_(m.empty(shape, dtype=dtype), std=0.02, a=-0.04, b=0.04)",
        "nn.init.trunc_normal_(m.empty(shape, dtype=dtype), mean=1.0, std=2.0, a=0.5, b=0.6)",
        "nn.init.trunc_normal_(m.empty(shape, dtype=dtype), a=2.0, b=3.0)",
    ],
)
@pytest.mark.parametrize("shape", [(3, 2), (5, 3), (1, 1), (4, 4), (17, 3), (40, 50)])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_normal_initialisers_are_exact(code: str, shape: tuple, dtype: str) -> None:
    # Below 16 elements (or not contiguous) PyTorch draws one Box-Muller pair at a time, else blocks of 16.
    ours, theirs = both(code.replace("shape", str(shape)).replace("dtype=dtype", f"dtype=m.{dtype}"))
    np.testing.assert_array_equal(bits(ours), bits(theirs))


def test_constant_ones_zeros_eye() -> None:
    for code in [
        "nn.init.constant_(m.empty(3, 4), 0.3)",
        "nn.init.ones_(m.empty(2, 2, dtype=m.float64))",
        "nn.init.zeros_(m.ones(3))",
        "nn.init.eye_(m.empty(2, 3))",
        "nn.init.eye_(m.empty(3, 2))",
    ]:
        ours, theirs = both(code)
        assert repr(ours) == repr(theirs), code


def test_initialisers_change_parameters_in_place_outside_autograd() -> None:
    weight = nn.Parameter(lab.zeros(3, 2))
    version = weight._version
    assert init.kaiming_uniform_(weight) is weight
    assert weight.is_leaf and weight.grad_fn is None and weight.requires_grad
    assert weight._version == version + 1
    assert repr(weight).startswith("Parameter containing:")


@pytest.mark.parametrize(
    "call",
    [
        "calculate_gain('linear')", "calculate_gain('conv2d')", "calculate_gain('sigmoid')",
        "calculate_gain('tanh')", "calculate_gain('relu')", "calculate_gain('leaky_relu')",
        "calculate_gain('leaky_relu', 0.2)", "calculate_gain('leaky_relu', math.sqrt(5))",
        "calculate_gain('leaky_relu', 1)", "calculate_gain('selu')",
        "_calculate_fan_in_and_fan_out(m.empty(4, 3))", "_calculate_fan_in_and_fan_out(m.empty(6, 2, 5, 3))",
    ],
)  # fmt: skip
def test_gains_and_fans_match_torch(call: str) -> None:
    ours = eval(f"nn.init.{call}", {"nn": nn, "m": lab, "math": math})  # noqa: S307 - our own code
    theirs = eval(f"nn.init.{call}", {"nn": torch.nn, "m": torch, "math": math})  # noqa: S307
    assert ours == theirs and type(ours) is type(theirs)


@pytest.mark.parametrize(
    "call",
    [
        "nn.init.calculate_gain('foo')",
        "nn.init.calculate_gain('leaky_relu', 'x')",
        "nn.init.xavier_uniform_(m.zeros(3))",
        "nn.init.kaiming_uniform_(m.zeros(2, 3), mode='fan')",
        "nn.init.eye_(m.zeros(2, 3, 4))",
    ],
)
def test_errors_match_torch(call: str) -> None:
    with pytest.raises(Exception) as theirs:
        eval(call, {"nn": torch.nn, "m": torch})  # noqa: S307 - our own code
    with pytest.raises(type(theirs.value)) as ours:
        eval(call, {"nn": nn, "m": lab})  # noqa: S307
    assert str(ours.value).startswith(str(theirs.value) + " Hint: ")


def test_a_tensor_with_no_elements_is_left_alone_with_a_warning() -> None:
    lab.manual_seed(0)
    with pytest.warns(UserWarning, match="Initializing zero-element tensors is a no-op"):
        init.kaiming_uniform_(lab.zeros(0, 3))
    lab.manual_seed(0)
    first = lab.rand(1).item()
    lab.manual_seed(0)
    with pytest.warns(UserWarning):
        init.kaiming_normal_(lab.zeros(0, 3))
    assert lab.rand(1).item() == first  # nothing drawn


def test_trunc_normal_warns_as_pytorch_when_the_interval_is_far_from_the_mean() -> None:
    said = []
    for m in (lab, torch):
        with pytest.warns(UserWarning) as caught:
            m.nn.init.trunc_normal_(m.empty(3), mean=5.0)
        said.append(str(caught[0].message).split(" Hint:")[0])
    assert said[0] == said[1]


@pytest.mark.parametrize(
    "code",
    [
        "nn.init.dirac_(m.empty(4, 2, 3))",
        "nn.init.dirac_(m.empty(4, 2, 3, 3), groups=2)",
        "nn.init.dirac_(m.empty(2, 3, 1, 2, 3))",
        "nn.init.sparse_(m.empty(5, 4), sparsity=0.4)",
        "nn.init.sparse_(m.empty(6, 3), sparsity=0.1, std=1.0, generator=m.Generator().manual_seed(3))",
    ],
)
def test_dirac_and_sparse_are_pytorchs(code: str) -> None:
    ours, theirs = both(code)  # (sparse_ places its zeros with the global generator, as PyTorch does)
    np.testing.assert_array_equal(bits(ours), bits(theirs))


def test_the_old_names_warn_and_do_what_the_new_ones_do() -> None:
    calls = [
        "uniform",
        "normal",
        "xavier_uniform",
        "xavier_normal",
        "kaiming_uniform",
        "kaiming_normal",
        "orthogonal",
    ]
    for name in calls:
        ours, theirs = both(f"nn.init.{name}(m.empty(3, 4))")
        if name == "orthogonal":  # (a QR decomposition: LAPACK's last bits are not PyTorch's)
            np.testing.assert_allclose(bits(ours), bits(theirs), rtol=1e-5, atol=1e-6)
        else:
            np.testing.assert_array_equal(bits(ours), bits(theirs))
        with pytest.warns(FutureWarning) as caught:
            getattr(lab.nn.init, name)(lab.empty(3, 4))
        with pytest.warns(FutureWarning) as expected:
            getattr(torch.nn.init, name)(torch.empty(3, 4))
        assert str(caught[0].message).split(" Hint:")[0] == str(expected[0].message)
    assert lab.nn.init.constant.__name__ == torch.nn.init.constant.__name__ == "constant"
