"""Branch s10_norms run in autograd_lab and in PyTorch: RMSNorm, instance norm, local response norm, Softmax2d,
Bilinear, Fold and Unfold.

Three kinds of checks, PyTorch the oracle each time:

- ``REPRS``: one expression (``m`` the module, ``nn`` its ``nn``, ``F`` its
  ``nn.functional``) whose ``repr``, or whose exception's type and
  sentence, must be PyTorch's (ours adds a hint): layers, seeded
  parameters, state_dict keys, grad_fn chains, errors and warnings;
- ``NUMERIC``: a layer or function run forward and backward (an uneven
  upstream gradient) in float32 and float64, in training and in eval mode:
  the output, every gradient and the running statistics, compared with a
  tight tolerance (the kernels' summation orders differ in the last bits);
- the ops' rows (``trilinear``, ``avg_pool3d_depth``) are also checked by
  tests/factories_s10_norms.py (finite differences, PyTorch, second derivatives).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest

torch_ref = pytest.importorskip("torch")

import autograd_lab as lab  # noqa: E402


def chain(fn: Any) -> Any:
    """A grad_fn and everything under it, as nested (node name, inputs) pairs."""
    if fn is None:
        return None
    return (type(fn).__name__, tuple(chain(n) for n, _ in fn.next_functions))


def seeded(m: Any, make: Any) -> Any:
    """``make()`` after ``manual_seed(0)``: a layer's initial parameters."""
    m.manual_seed(0)
    return make()


def warned(f: Any) -> list[str]:
    """The warnings ``f()`` gives, PyTorch's sentence only (ours adds a hint, PyTorch where it was triggered)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        f()
    return [re.split(r" Hint: | \(Triggered internally", str(w.message))[0] for w in caught]


X3 = "m.arange(24.0).reshape(2, 3, 4).sin()"
X4 = "m.arange(48.0).reshape(2, 3, 4, 2).cos()"
X5 = "m.arange(96.0).reshape(2, 3, 2, 4, 2).sin()"
XG3 = "m.arange(24.0).reshape(2, 3, 4).sin().requires_grad_()"

REPRS = {
    # -- printing: layers, their parameters and state_dict keys
    "RMSNorm": "nn.RMSNorm(3)",
    "RMSNorm shape": "nn.RMSNorm([3, 4], eps=1e-3, elementwise_affine=False)",
    "RMSNorm parameters": "list(nn.RMSNorm((2, 3)).named_parameters())",
    "RMSNorm no affine state": "(nn.RMSNorm(3, elementwise_affine=False).weight, list(nn.RMSNorm(3).state_dict()))",
    "RMSNorm float64": "nn.RMSNorm(2, dtype=m.float64).weight",
    "InstanceNorm1d": "nn.InstanceNorm1d(3)",
    "InstanceNorm2d affine": "nn.InstanceNorm2d(3, eps=1e-3, momentum=None, affine=True)",
    "InstanceNorm3d stats": "nn.InstanceNorm3d(4, track_running_stats=True)",
    "InstanceNorm no bias": "(nn.InstanceNorm1d(3, affine=True, bias=False), nn.InstanceNorm1d(3, affine=True, bias=False).bias)",
    "InstanceNorm state keys": "[list(nn.InstanceNorm1d(3, affine=a, track_running_stats=t).state_dict()) for a in (False, True) for t in (False, True)]",
    "InstanceNorm buffers": "list(nn.InstanceNorm2d(2, affine=True, track_running_stats=True).named_buffers())",
    "InstanceNorm parameters": "list(nn.InstanceNorm2d(2, affine=True).named_parameters())",
    "InstanceNorm no stats": "(nn.InstanceNorm1d(3).running_mean, nn.InstanceNorm1d(3).weight, nn.InstanceNorm1d(3).num_batches_tracked)",
    "LazyInstanceNorm1d": "(nn.LazyInstanceNorm1d(), nn.LazyInstanceNorm2d(affine=False), nn.LazyInstanceNorm3d(eps=0.1))",
    "LazyInstanceNorm uninitialized": "(lambda n: (n.weight, n.running_mean, list(n.state_dict())))(nn.LazyInstanceNorm1d())",
    "LazyInstanceNorm becomes": "(lambda n: (n(m.ones(2, 3, 4)).shape, n, n.running_mean, n.running_var, n.weight))(nn.LazyInstanceNorm1d())",
    "LazyInstanceNorm2d becomes": "(lambda n: (n(m.arange(32.0).reshape(2, 4, 2, 2)).shape, n, n.running_mean))(nn.LazyInstanceNorm2d(track_running_stats=False))",
    "LazyInstanceNorm unbatched": "nn.LazyInstanceNorm1d()(m.ones(3, 4))",
    "LocalResponseNorm": "nn.LocalResponseNorm(2)",
    "LocalResponseNorm args": "nn.LocalResponseNorm(3, alpha=0.5, beta=0.25, k=2.0)",
    "Softmax2d": "nn.Softmax2d()",
    "Bilinear": "nn.Bilinear(3, 4, 5)",
    "Bilinear no bias": "(nn.Bilinear(2, 2, 1, bias=False), nn.Bilinear(2, 2, 1, bias=False).bias)",
    "Bilinear seeded": "(lambda b: (b.weight, b.bias))(seeded(m, lambda: nn.Bilinear(3, 2, 4)))",
    "Bilinear seeded float64": "(lambda b: (b.weight, b.bias))(seeded(m, lambda: nn.Bilinear(2, 3, 2, dtype=m.float64)))",
    "Bilinear reset": "(lambda b: (m.manual_seed(1), b.reset_parameters(), b.weight)[2])(nn.Bilinear(1, 2, 2))",
    "Bilinear state keys": "list(nn.Bilinear(1, 2, 3).state_dict())",
    "Fold": "nn.Fold(output_size=(3, 3), kernel_size=2)",
    "Fold lists": "nn.Fold([4, 5], [2, 3], dilation=(1, 2), padding=1, stride=[1, 2])",
    "Unfold": "nn.Unfold(kernel_size=(2, 3), dilation=(1, 2), padding=1, stride=2)",
    # -- values printed: the examples a lesson shows
    "RMSNorm forward": f"nn.RMSNorm(4)({X3})",
    "RMSNorm eps": f"F.rms_norm({X3}, [3, 4], eps=0.5)",
    "InstanceNorm1d forward": f"nn.InstanceNorm1d(3)({X3})",
    "InstanceNorm1d affine forward": f"nn.InstanceNorm1d(3, affine=True)({X3})",
    "InstanceNorm2d forward": f"nn.InstanceNorm2d(3)({X4})",
    "Softmax2d forward": f"nn.Softmax2d()({X4})",
    "Softmax2d unbatched": f"nn.Softmax2d()({X3})",
    "LocalResponseNorm forward": f"nn.LocalResponseNorm(2, alpha=1.0)({X3})",
    "Unfold forward": "nn.Unfold(2)(m.arange(18.0).reshape(1, 2, 3, 3))",
    "Fold forward": "nn.Fold((3, 3), 2)(m.arange(32.0).reshape(1, 8, 4))",
    # -- the nodes recorded, from the output down to the leaves
    "RMSNorm chain": f"chain(nn.RMSNorm(4)({XG3}).grad_fn)",
    "RMSNorm chain no weight": f"chain(F.rms_norm({XG3}, (3, 4)).grad_fn)",
    "RMSNorm chain eps": f"chain(F.rms_norm({XG3}, (4,), eps=1e-3).grad_fn)",
    "InstanceNorm chain": f"chain(nn.InstanceNorm1d(3)({XG3}).grad_fn)",
    "InstanceNorm chain affine": f"chain(nn.InstanceNorm1d(3, affine=True, track_running_stats=True)({XG3}).grad_fn)",
    "InstanceNorm chain eval": f"chain(nn.InstanceNorm1d(3, affine=True, track_running_stats=True).eval()({XG3}).grad_fn)",
    "InstanceNorm chain unbatched": f"chain(nn.InstanceNorm1d(4, affine=True)({XG3}[0]).grad_fn)",
    "InstanceNorm chain parameters only": f"chain(nn.InstanceNorm1d(3, affine=True)({X3}).grad_fn)",
    "LocalResponseNorm chain 3d": f"chain(nn.LocalResponseNorm(3)({XG3}).grad_fn)",
    "LocalResponseNorm chain 4d": f"chain(nn.LocalResponseNorm(2)({X4}.requires_grad_()).grad_fn)",
    "Softmax2d chain": f"chain(nn.Softmax2d()({XG3}).grad_fn)",
    "Bilinear chain": "chain(seeded(m, lambda: nn.Bilinear(3, 4, 5))(m.ones(2, 3), m.ones(2, 4, requires_grad=True)).grad_fn)",
    "Bilinear chain no bias": "chain(F.bilinear(m.ones(3, requires_grad=True), m.ones(4), m.ones(5, 3, 4)).grad_fn)",
    "Bilinear chain batched": "chain(F.bilinear(m.ones(2, 2, 3, requires_grad=True), m.ones(2, 2, 4), m.ones(5, 3, 4, requires_grad=True), m.ones(5)).grad_fn)",
    "Unfold chain": "chain(nn.Unfold(2)(m.ones(1, 2, 3, 3, requires_grad=True)).grad_fn)",
    "Fold chain": "chain(nn.Fold((3, 3), 2)(m.ones(1, 8, 4, requires_grad=True)).grad_fn)",
    # -- running statistics: instance norm updates them (the mean over the batch of the updated copies);
    #    num_batches_tracked stays 0
    "InstanceNorm running stats": f"(lambda n: (n({X3}), n({X3}), n.running_mean, n.running_var, n.num_batches_tracked))(nn.InstanceNorm1d(3, track_running_stats=True))",
    "InstanceNorm running stats momentum None": f"(lambda n: (n({X4}), n.running_mean, n.running_var))(nn.InstanceNorm2d(3, momentum=None, track_running_stats=True))",
    "InstanceNorm eval uses running": f"(lambda n: (n({X3}), n.eval(), n({X3}), n.running_mean))(nn.InstanceNorm1d(3, track_running_stats=True))",
    "InstanceNorm eval without stats": f"nn.InstanceNorm1d(3).eval()({X3})",
    "F.instance_norm running": f"(lambda rm, rv: (F.instance_norm({X3}, rm, rv, momentum=0.5), rm, rv))(m.zeros(3), m.ones(3))",
    "F.instance_norm use running": f"F.instance_norm({X3}, m.tensor([0.5, -0.5, 0.0]), m.tensor([2.0, 1.0, 0.5]), use_input_stats=False)",
    "F.instance_norm long": "F.instance_norm(m.ones(2, 3, 4, dtype=m.long))",
    "F.instance_norm empty batch": "(lambda rm, rv: (F.instance_norm(m.ones(0, 3, 4), rm, rv), rm, rv))(m.zeros(3), m.ones(3))",
    "F.instance_norm empty batch chain": "chain(F.instance_norm(m.ones(0, 3, 4, requires_grad=True)).grad_fn)",
    "F.instance_norm empty batch weight": "F.instance_norm(m.ones(0, 3, 4), weight=m.ones(3))",
    "F.instance_norm no positions": "(lambda rm: (F.instance_norm(m.ones(2, 3, 0), rm, m.ones(3)), rm))(m.zeros(3))",
    "InstanceNorm float64 input": "nn.InstanceNorm1d(3, affine=True)(m.ones(2, 3, 4, dtype=m.float64))",
    "InstanceNorm float64 layer": "nn.InstanceNorm1d(3, affine=True, dtype=m.float64)(m.ones(2, 3, 4))",
    "InstanceNorm load_state_dict": "(lambda n: (n.load_state_dict({'running_mean': m.ones(2), 'running_var': m.ones(2)}), n.num_batches_tracked))(nn.InstanceNorm1d(2, track_running_stats=True))",
    # -- errors and warnings
    "F.rms_norm wrong shape": f"F.rms_norm({X3}, (3,))",
    "F.rms_norm longer shape": f"F.rms_norm({X3}, (5, 2, 3, 4))",
    "F.rms_norm empty shape": f"F.rms_norm({X3}, ())",
    "F.rms_norm int shape": f"F.rms_norm({X3}, 4)",
    "F.rms_norm weight shape": f"F.rms_norm({X3}, (4,), m.ones(3))",
    "F.rms_norm long": "F.rms_norm(m.ones(2, 3, dtype=m.long), (3,))",
    "F.rms_norm mixed dtypes result": f"F.rms_norm({X3}, (4,), m.ones(4, dtype=m.float64)).dtype",
    "InstanceNorm1d dims": "nn.InstanceNorm1d(3)(m.ones(2, 3, 4, 5))",
    "InstanceNorm2d dims": "nn.InstanceNorm2d(3)(m.ones(2, 3))",
    "InstanceNorm3d dims": "nn.InstanceNorm3d(3)(m.ones(2, 3, 4))",
    "InstanceNorm features affine": f"nn.InstanceNorm1d(5, affine=True)({X3})",
    "InstanceNorm features unbatched": f"nn.InstanceNorm1d(5, affine=True)({X3}[0])",
    "InstanceNorm features warning": f"warned(lambda: nn.InstanceNorm1d(5)({X3}))",
    "InstanceNorm one spatial element": "nn.InstanceNorm1d(3)(m.ones(2, 3, 1))",
    "InstanceNorm one spatial element eval": "nn.InstanceNorm2d(3, track_running_stats=True).eval()(m.ones(2, 3, 1, 1))",
    "F.instance_norm no running stats": f"F.instance_norm({X3}, use_input_stats=False)",
    "F.instance_norm 2d": "F.instance_norm(m.ones(2, 3))",
    "F.instance_norm running size": f"F.instance_norm({X3}, m.zeros(4), m.ones(4))",
    "F.instance_norm running_var size": f"F.instance_norm({X3}, m.zeros(3), m.ones(4))",
    "F.instance_norm weight size": f"F.instance_norm({X3}, weight=m.ones(4))",
    "F.instance_norm bias size": f"F.instance_norm({X3}, bias=m.ones(2))",
    "F.instance_norm weight dtype": f"F.instance_norm({X3}, weight=m.ones(3, dtype=m.float64))",
    "F.local_response_norm dims": "F.local_response_norm(m.ones(2, 3), 2)",
    "F.local_response_norm empty": "F.local_response_norm(m.ones(0, 3, 4), 2)",
    "F.local_response_norm size 0": f"F.local_response_norm({X3}, 0)",
    "F.local_response_norm size 0 4d": f"F.local_response_norm({X4}, 0)",
    "Softmax2d 2d": "nn.Softmax2d()(m.ones(2, 3))",
    "Softmax2d 5d": "nn.Softmax2d()(m.ones(1, 2, 3, 4, 5))",
    "F.bilinear dims": "F.bilinear(m.ones(2, 3), m.ones(2, 2, 4), m.ones(5, 3, 4))",
    "F.bilinear batch": "F.bilinear(m.ones(2, 3), m.ones(3, 4), m.ones(5, 3, 4))",
    "F.bilinear batch dim 1": "F.bilinear(m.ones(2, 2, 3), m.ones(2, 3, 4), m.ones(5, 3, 4))",
    "F.bilinear input1 size": "F.bilinear(m.ones(2, 2), m.ones(2, 4), m.ones(5, 3, 4))",
    "F.bilinear input2 size": "F.bilinear(m.ones(2, 3), m.ones(2, 5), m.ones(5, 3, 4))",
    "F.bilinear bias size": "F.bilinear(m.ones(2, 3), m.ones(2, 4), m.ones(5, 3, 4), m.ones(4))",
    "F.bilinear 2d weight": "F.bilinear(m.ones(2, 3), m.ones(2, 4), m.ones(5, 3))",
    "F.bilinear dtypes": "F.bilinear(m.ones(2, 3), m.ones(2, 4, dtype=m.float64), m.ones(5, 3, 4))",
    "F.bilinear dtypes bias": "F.bilinear(m.ones(2, 3), m.ones(2, 4), m.ones(5, 3, 4), m.ones(5, dtype=m.float64))",
    "Bilinear wrong input": "nn.Bilinear(3, 4, 5)(m.ones(2, 4), m.ones(2, 4))",
    "F.rms_norm mixed dtypes chain": f"chain(F.rms_norm({XG3}, (4,), m.ones(4, dtype=m.float64, requires_grad=True)).grad_fn)",
    "F.rms_norm transposed": f"chain(F.rms_norm({XG3}.transpose(1, 2), (3,)).grad_fn)",
    "F.rms_norm transposed weight": f"chain(F.rms_norm({XG3}.transpose(1, 2), (3,), m.ones(3, requires_grad=True)).grad_fn)",
    "F.rms_norm transposed float64 weight": f"chain(F.rms_norm({XG3}.transpose(1, 2), (3,), m.ones(3, dtype=m.float64, requires_grad=True)).grad_fn)",
    "F.rms_norm transposed values": f"(lambda y: (y, y.stride()))(F.rms_norm({X3}.transpose(1, 2), (3,)))",
    "F.rms_norm sliced": f"chain(F.rms_norm({XG3}[:, :, :2], (2,)).grad_fn)",
    "F.rms_norm float64 input float32 weight": f"F.rms_norm({X3}.double(), (4,), m.ones(4)).dtype",
    # -- fold and unfold: one image without a batch, an empty batch, and PyTorch's checks in its order
    "Unfold unbatched": "chain(nn.Unfold(2)(m.ones(3, 4, 5, requires_grad=True)).grad_fn)",
    "Unfold unbatched values": "nn.Unfold(2, stride=2)(m.arange(16.0).reshape(1, 4, 4))",
    "Fold unbatched": "(lambda y: (y, chain(y.grad_fn)))(nn.Fold((3, 3), 2)(m.arange(16.0).reshape(4, 4).requires_grad_()))",
    "Unfold empty batch": "nn.Unfold(2)(m.ones(0, 2, 3, 3)).shape",
    "Fold empty batch": "nn.Fold((3, 3), 2)(m.ones(0, 8, 4)).shape",
    "Unfold 2d input": "F.unfold(m.ones(2, 3), 2)",
    "Unfold 1d input": "F.unfold(m.ones(3), 2)",
    "Unfold 5d input": "F.unfold(m.ones(1, 2, 3, 4, 5), 2)",
    "Unfold no channels": "F.unfold(m.ones(2, 0, 3, 3), 2)",
    "Unfold kernel 0": "F.unfold(m.ones(2, 3, 4, 5), 0)",
    "Unfold dilation 0": "F.unfold(m.ones(2, 3, 4, 5), 2, dilation=0)",
    "Unfold padding -1": "F.unfold(m.ones(2, 3, 4, 5), 2, padding=-1)",
    "Unfold stride 0": "F.unfold(m.ones(2, 3, 4, 5), 2, stride=(1, 0))",
    "Unfold kernel and stride 0": "F.unfold(m.ones(2, 3, 4, 5), 0, stride=0)",
    "Unfold too small": "F.unfold(m.ones(2, 3, 2, 5), 3)",
    "Unfold too small width": "F.unfold(m.ones(2, 3, 5, 2), (2, 3), dilation=(1, 2), padding=(1, 0))",
    "Unfold three sizes": "F.unfold(m.ones(2, 3, 4, 5), (2, 3, 4))",
    "Unfold long": "F.unfold(m.ones(2, 3, 4, 5, dtype=m.long), 2)",
    "Fold 4d input": "F.fold(m.ones(2, 8, 4, 1), (3, 3), 2)",
    "Fold 1d input": "F.fold(m.ones(8), (3, 3), 2)",
    "Fold no columns": "F.fold(m.ones(2, 8, 0), (1, 1), 2)",
    "Fold kernel 0": "F.fold(m.ones(2, 8, 4), (3, 3), 0)",
    "Fold stride and dilation 0": "F.fold(m.ones(2, 8, 4), (3, 3), 2, dilation=0, stride=0)",
    "Fold padding -1": "F.fold(m.ones(2, 8, 4), (3, 3), 2, padding=-1)",
    "Fold not divisible": "F.fold(m.ones(2, 7, 4), (3, 3), 2)",
    "Fold wrong block count": "F.fold(m.ones(2, 8, 5), (3, 3), 2)",
    "Fold wrong block count args": "F.fold(m.ones(2, 12, 5), (4, 5), (2, 3), dilation=(2, 1), padding=1, stride=(1, 2))",
    "Fold too small": "F.fold(m.ones(9, 1), (1, 1), 3)",
    "Fold long": "F.fold(m.ones(2, 8, 4, dtype=m.long), (3, 3), 2)",
    "Fold module error": "nn.Fold((3, 3), (2, 3))(m.ones(2, 3, 5))",
}


def outcome(m: Any, code: str) -> str:
    scope = {"m": m, "nn": m.nn, "F": m.nn.functional, "np": np, "chain": chain, "seeded": seeded}
    scope["warned"] = warned
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return repr(eval(code, scope))  # noqa: S307 - our own table
    except Exception as error:
        text = str(error)
        if m is lab:
            assert re.search(r"[ \n]Hint: ", text), f"our error has no hint: {text}"
            text = re.split(r"[ \n]Hint: ", text)[0]
        return f"{type(error).__name__}: {text}"


@pytest.mark.parametrize("code", REPRS.values(), ids=REPRS.keys())
def test_same_as_torch(code: str) -> None:
    assert outcome(lab, code) == outcome(torch_ref, code)


DTYPES = [None, "m.float32", "m.float64"]


@pytest.mark.parametrize("input_dtype", DTYPES[1:])
@pytest.mark.parametrize("weight_dtype", DTYPES)
@pytest.mark.parametrize("bias_dtype", DTYPES)
@pytest.mark.parametrize("running_dtype", DTYPES)
def test_instance_norm_dtype_mixes_as_torch(
    input_dtype: str, weight_dtype: Any, bias_dtype: Any, running_dtype: Any
) -> None:
    # which mixes PyTorch's CPU batch norm takes (running statistics of another dtype), and its error for the others
    def one(dtype: Any, fill: str) -> str:
        return "None" if dtype is None else f"m.{fill}(3, dtype={dtype})"

    stats = f"{one(running_dtype, 'zeros')}, {one(running_dtype, 'ones')}"
    for training in (True, False) if running_dtype else (True,):
        code = (
            f"(lambda y: (y.dtype, y))(F.instance_norm(m.arange(24.0).reshape(2, 3, 4).to({input_dtype}), {stats}, "
            f"{one(weight_dtype, 'ones')}, {one(bias_dtype, 'ones')}, {training}))"
        )
        assert outcome(lab, code) == outcome(torch_ref, code)


def test_our_warnings_carry_a_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lab.nn.functional, "_rms_norm_mixed_warned", False)
    x = lab.ones(2, 3, 4)
    for f in (
        lambda: lab.nn.InstanceNorm1d(5)(x),
        lambda: lab.nn.functional.rms_norm(x, (4,), lab.ones(4).double()),
    ):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            f()
        assert [w.category for w in caught] == [UserWarning]
        assert " Hint: " in str(caught[0].message)


RMS_NORM_MIXED = """
import warnings
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    for _ in range(2):
        for weight_dtype in (m.float64, m.float32):
            m.nn.functional.rms_norm(m.ones(2, 3), (3,), m.ones(3, dtype=weight_dtype))
            m.nn.functional.rms_norm(m.ones(2, 3, dtype=m.float64), (3,), m.ones(3, dtype=weight_dtype))
print(repr([(w.category.__name__, str(w.message).split(" Hint: ")[0].split(" (Triggered")[0]) for w in caught]))
"""


def test_rms_norm_mixed_dtypes_warn_once_per_process_as_torch() -> None:
    # PyTorch warns once (TORCH_WARN_ONCE), at the first mismatch a process meets: each library in a fresh process
    seen = []
    for module in ("autograd_lab", "torch"):
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
        code = f"import {module} as m\n{RMS_NORM_MIXED}"
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        )
        seen.append(result.stdout)
    assert seen[0] == seen[1]
    assert "Mismatch dtype between input and weight: input dtype = float, weight dtype = double" in seen[0]


# -- numbers: forward and backward, float32 and float64, training and eval ----------------------------------------

RNG = np.random.default_rng(7)
SHAPES = [(2, 3, 5), (3, 5), (2, 3, 4, 3), (2, 4, 2, 3, 2), (3, 6), (2, 12, 16), (3, 4, 3), (12, 6)]
INPUTS = {shape: RNG.standard_normal(shape) for shape in SHAPES}
INPUTS[(3, 6)] = INPUTS[(3, 6)] + 0.5  # bilinear's second input: away from symmetric

LAYERS = {
    "RMSNorm": ("nn.RMSNorm(5, dtype=dtype)", (2, 3, 5)),
    "RMSNorm two dims eps": ("nn.RMSNorm((3, 5), eps=1e-2, dtype=dtype)", (2, 3, 5)),
    "RMSNorm no affine": ("nn.RMSNorm([4, 3], elementwise_affine=False, dtype=dtype)", (2, 3, 4, 3)),
    "InstanceNorm1d": ("nn.InstanceNorm1d(3, dtype=dtype)", (2, 3, 5)),
    "InstanceNorm1d affine": ("nn.InstanceNorm1d(3, affine=True, dtype=dtype)", (2, 3, 5)),
    "InstanceNorm1d stats": ("nn.InstanceNorm1d(3, track_running_stats=True, dtype=dtype)", (2, 3, 5)),
    "InstanceNorm1d affine stats": (
        "nn.InstanceNorm1d(3, affine=True, track_running_stats=True, momentum=0.3, dtype=dtype)",
        (2, 3, 5),
    ),
    "InstanceNorm1d unbatched": (
        "nn.InstanceNorm1d(3, affine=True, track_running_stats=True, dtype=dtype)",
        (3, 5),
    ),
    "InstanceNorm2d affine stats": (
        "nn.InstanceNorm2d(3, affine=True, track_running_stats=True, dtype=dtype)",
        (2, 3, 4, 3),
    ),
    "InstanceNorm2d no bias": ("nn.InstanceNorm2d(3, affine=True, bias=False, dtype=dtype)", (2, 3, 4, 3)),
    "InstanceNorm3d stats": (
        "nn.InstanceNorm3d(4, affine=True, track_running_stats=True, momentum=None, dtype=dtype)",
        (2, 4, 2, 3, 2),
    ),
    "LazyInstanceNorm2d": ("nn.LazyInstanceNorm2d(dtype=dtype)", (2, 3, 4, 3)),
    "LocalResponseNorm 3d": ("nn.LocalResponseNorm(2, alpha=0.5)", (2, 3, 5)),
    "LocalResponseNorm 3d wide": ("nn.LocalResponseNorm(5, alpha=1.0, beta=0.5, k=2.0)", (2, 3, 5)),
    "LocalResponseNorm 4d": ("nn.LocalResponseNorm(3, alpha=0.5, beta=1.5)", (2, 3, 4, 3)),
    "LocalResponseNorm 5d": ("nn.LocalResponseNorm(2, alpha=2.0)", (2, 4, 2, 3, 2)),
    "Softmax2d": ("nn.Softmax2d()", (2, 3, 4, 3)),
    "Softmax2d unbatched": ("nn.Softmax2d()", (2, 3, 5)),
    "Unfold": ("nn.Unfold((2, 3), padding=1, stride=(1, 2))", (2, 3, 4, 3)),
    "Unfold unbatched": ("nn.Unfold(2, dilation=(2, 1))", (3, 4, 3)),
    "Fold": ("nn.Fold((4, 4), (2, 3), dilation=(2, 1), padding=1)", (2, 12, 16)),
    "Fold unbatched": ("nn.Fold((3, 4), (3, 2), stride=(1, 2), padding=(1, 0))", (12, 6)),
}


def run(
    m: Any, make: str, shape: tuple, dtype_name: str, train: bool, passes: int = 2
) -> dict[str, np.ndarray]:
    """The layer (seeded) run ``passes`` times on the input, then backward: output, grads, buffers as arrays."""
    dtype = getattr(m, dtype_name)
    layer = seeded(m, lambda: eval(make, {"nn": m.nn, "dtype": dtype}))  # noqa: S307 - our own table
    layer.train(train)
    x = m.tensor(INPUTS[shape], dtype=dtype, requires_grad=True)
    for _ in range(passes):
        out = layer(x)
    upstream = m.linspace(-1.0, 2.0, out.numel(), dtype=dtype).reshape(out.shape)
    out.backward(upstream)
    found = {
        "out": out,
        "x.grad": x.grad,
        "dtype": m.tensor(0, dtype=out.dtype),
        "grad_fn": type(out.grad_fn).__name__,
    }
    found.update({f"{name}.grad": p.grad for name, p in layer.named_parameters()})
    found.update(dict(layer.named_buffers()))
    return {k: v if isinstance(v, str) else v.detach().numpy() for k, v in found.items()}


def compare(ours: dict, theirs: dict, dtype_name: str) -> None:
    assert ours.keys() == theirs.keys()
    tight = {"float32": (2e-5, 2e-6), "float64": (1e-11, 1e-12)}[dtype_name]
    for key in ours:
        if isinstance(ours[key], str):
            assert ours[key] == theirs[key], key
            continue
        assert ours[key].dtype == theirs[key].dtype, key
        if ours[key].dtype.kind == "i":
            np.testing.assert_array_equal(ours[key], theirs[key], err_msg=key)
        else:
            np.testing.assert_allclose(ours[key], theirs[key], rtol=tight[0], atol=tight[1], err_msg=key)


@pytest.mark.parametrize("dtype_name", ["float32", "float64"])
@pytest.mark.parametrize("train", [True, False], ids=["train", "eval"])
@pytest.mark.parametrize("case", LAYERS.values(), ids=LAYERS.keys())
def test_layer_numbers_as_torch(case: tuple, train: bool, dtype_name: str) -> None:
    make, shape = case
    compare(
        run(lab, make, shape, dtype_name, train), run(torch_ref, make, shape, dtype_name, train), dtype_name
    )


FUNCTIONS = {
    "F.rms_norm weight": ("lambda x, w: F.rms_norm(x, (5,), w)", [(2, 3, 5), (5,)]),
    "F.rms_norm eps": ("lambda x, w: F.rms_norm(x, [3, 5], w, eps=0.25)", [(2, 3, 5), (3, 5)]),
    "F.rms_norm of a vector": ("lambda x: F.rms_norm(x[0, 0], (5,))", [(2, 3, 5)]),
    "F.instance_norm weight bias": (
        "lambda x, w, b: F.instance_norm(x, weight=w, bias=b, eps=0.1)",
        [(2, 3, 5), (3,), (3,)],
    ),
    "F.instance_norm running": (
        "lambda x, w: F.instance_norm(x, m.zeros(3, dtype=x.dtype), m.ones(3, dtype=x.dtype), w, None, False)",
        [(2, 3, 5), (3,)],
    ),
    "F.local_response_norm": ("lambda x: F.local_response_norm(x, 4, 0.3, 0.6, 1.5)", [(2, 4, 2, 3, 2)]),
    "F.bilinear": ("lambda a, b, w, c: F.bilinear(a, b, w, c)", [(3, 5), (3, 6), (2, 5, 6), (2,)]),
    "F.bilinear no bias": ("lambda a, b, w: F.bilinear(a, b, w)", [(3, 5), (3, 6), (4, 5, 6)]),
    "F.bilinear batched": ("lambda a, b, w: F.bilinear(a, b, w)", [(2, 3, 5), (2, 3, 5), (2, 5, 5)]),
    "F.bilinear vectors": ("lambda a, b, w: F.bilinear(a[0], b[1], w)", [(3, 5), (3, 6), (2, 5, 6)]),
}


def run_function(m: Any, code: str, shapes: list, dtype_name: str) -> dict[str, np.ndarray]:
    dtype = getattr(m, dtype_name)
    inputs = []
    for k, shape in enumerate(shapes):
        values = (
            INPUTS[shape] if shape in INPUTS else np.cos(np.arange(np.prod(shape)) * 0.7 + k).reshape(shape)
        )
        inputs.append(m.tensor(values, dtype=dtype, requires_grad=True))
    out = eval(code, {"m": m, "F": m.nn.functional})(*inputs)  # noqa: S307 - our own table
    out.backward(m.linspace(-1.0, 2.0, out.numel(), dtype=dtype).reshape(out.shape))
    found = {"out": out.detach().numpy(), "grad_fn": type(out.grad_fn).__name__}
    found.update({f"grad {k}": x.grad.numpy() for k, x in enumerate(inputs)})
    return found


@pytest.mark.parametrize("dtype_name", ["float32", "float64"])
@pytest.mark.parametrize("case", FUNCTIONS.values(), ids=FUNCTIONS.keys())
def test_function_numbers_as_torch(case: tuple, dtype_name: str) -> None:
    code, shapes = case
    compare(
        run_function(lab, code, shapes, dtype_name),
        run_function(torch_ref, code, shapes, dtype_name),
        dtype_name,
    )


@pytest.mark.parametrize("dtype_name", ["float32", "float64"])
def test_rms_norm_forward_is_pytorch_op_for_op(dtype_name: str) -> None:
    # The same ops in the same order (x², mean, + eps, rsqrt, ×, × weight), each rounded once: the same numbers
    # to the last bit, with the default eps (the dtype's machine epsilon).
    values = np.random.default_rng(3).standard_normal((4, 7, 6))
    results = []
    for m in (lab, torch_ref):
        dtype = getattr(m, dtype_name)
        weight = m.tensor(np.linspace(-1.0, 1.5, 6), dtype=dtype)
        results.append(m.nn.functional.rms_norm(m.tensor(values, dtype=dtype), (6,), weight).numpy())
    np.testing.assert_array_equal(results[0], results[1])
