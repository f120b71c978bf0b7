"""What the Chinese textbooks' lessons met (branch s5_zh): index writes, ``expand``, ``out=``,
``Tensor.new``, ``multinomial`` and the categorical distributions.

Each case is one expression in PyTorch's API (``m`` is the module) run in
both libraries: its ``repr`` (values, dtype, ``grad_fn``), or its exception's
type and first line, must be PyTorch's; our errors add a hint.  ``run(code)``
executes statements and gives the value of ``out`` afterwards.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest

torch_ref = pytest.importorskip("torch")

import autograd_lab as lab  # noqa: E402


def _run(m: Any) -> Any:
    def run(code: str) -> Any:
        scope = {"m": m, "np": np}
        exec(code, scope)  # noqa: S102 - our own table
        return scope["out"]

    return run


LONGS = "m.tensor([[[[-5, 2, 1, 3], [0, 0, -7, 1], [1, 2, 3, 4], [5, 6, 7, 8]]]])"

CASES = {
    # -- index writes drop the value's leading dimensions of size 1 (PyTorch's slicePrefix1sSize) --
    "x[0] = a 1x1 tensor": "run('out = m.zeros(3); out[0] = m.ones(1, 1)')",
    "x[:] = a 1x1x3 tensor": "run('out = m.zeros(3); out[:] = m.arange(3.).view(1, 1, 3)')",
    "x[[0, 1]] = a 1x1x2 tensor": "run('out = m.zeros(3); out[[0, 1]] = m.ones(1, 1, 2)')",
    "x[mask] = a 1x2 tensor": "run('out = m.zeros(3); out[m.tensor([True, False, True])] = m.tensor([[4., 5.]])')",
    "x[0] = a 1x1x3 row": "run('out = m.zeros(2, 3); out[0] = m.ones(1, 1, 3) * 2')",
    "gradient through a 1x1 value": (
        "run('w = m.ones(1, 1, requires_grad=True); x = m.zeros(3); x[1] = w * 2; "
        "x.sum().backward(); out = (x, w.grad)')"
    ),
    "x[0] = a 2x1 tensor": "run('out = m.zeros(3); out[0] = m.ones(2, 1)')",
    "x[:] = a 2x3 tensor": "run('out = m.zeros(3); out[:] = m.ones(2, 3)')",
    "x[[0, 1]] = a 2x2 long tensor": "run('out = m.zeros(3); out[[0, 1]] = m.ones(2, 2, dtype=m.long)')",
    "x[[0, 1]] = 3 values": "run('out = m.zeros(3); out[[0, 1]] = m.ones(3)')",
    "x[mask] = 3 values for 2 places": "run('out = m.zeros(3); out[m.tensor([True, False, True])] = m.ones(3)')",
    "x[[0, 1], 0] = 3 values": "run('out = m.zeros(3, 2); out[[0, 1], 0] = m.ones(3)')",
    # -- expand to fewer dimensions than the tensor has --
    "expand to fewer sizes": "m.ones(2, 1).expand(3)",
    "expand to no size": "m.ones(2, 1).expand([])",
    "expand of a long tensor to fewer sizes": "m.ones(2, 1, dtype=m.int64).expand(1)",
    "expand_as a smaller tensor": "m.ones(2, 3).expand_as(m.ones(3))",
    # -- out= of add and sub --
    "add out=": "run('r = m.empty(2, 3); out = (m.add(m.ones(2, 3), m.ones(2, 3), out=r) is r, r)')",
    "add out= the second input": "run('out = m.tensor([3, 4]); m.add(m.tensor([1, 2]), out, out=out)')",
    "add out= a float tensor, long inputs": "run('out = m.zeros(2, 3); m.add(m.ones(2, 3, dtype=m.long), 1, out=out)')",
    "add out= an empty tensor": "run('out = m.zeros(0); m.add(m.ones(2, 3), 1, out=out)')",
    "add out= a row of a matrix": "run('out = m.zeros(2, 2); m.add(m.ones(2), 1, out=out[0])')",
    "sub out= with alpha": "run('out = m.zeros(2, 3); m.sub(m.ones(2, 3), 1, alpha=2, out=out)')",
    "add out= a long tensor, float result": "run('out = m.zeros(2, dtype=m.long); m.add(m.ones(2), 1, out=out)')",
    "add out= with an input that requires grad": "run('out = m.zeros(2); m.add(m.ones(2, requires_grad=True), 1, out=out)')",
    "sub out= a tensor that requires grad": "run('out = m.zeros(2, requires_grad=True); m.sub(m.ones(2), 1, out=out)')",
    "add out= under no_grad": (
        "run('out = m.zeros(2)\\nwith m.no_grad(): m.add(m.ones(2, requires_grad=True), 1, out=out)')"
    ),
    # -- Tensor.new: the legacy constructor with this tensor's dtype --
    "new from a list keeps the dtype": "m.tensor([1, 2]).new([3.7, 4])",
    "new of a shape": "(lambda t: (t.shape, t.dtype))(m.zeros(1, dtype=m.float64).new(2, 3))",
    "new of nothing": "m.zeros(2).new()",
    "new of a Size": "m.zeros(2, dtype=m.int32).new(m.Size([2])).shape",
    "new of a tuple gives values": "m.zeros(2).new((2, 3))",
    "new does not require grad": "m.zeros(2, requires_grad=True).new([1.]).requires_grad",
    # -- x.storage(): the memory a tensor and its views share --
    "storage of a slice": "run('a = m.arange(6.); out = (a[2:].storage(), len(a[2:].storage()))')",
    "storage of a transposed int matrix": "run('out = m.tensor([[1, 2], [3, 4]]).t().storage()')",
    "storage of an empty tensor": "run('out = m.zeros(0).storage()')",
    "storage items and tolist": "run('s = m.arange(4.).view(2, 2).storage(); s[1] = 9.; out = (s[1], s.tolist(), s.size())')",
    "storage dtype and element_size": "run('s = m.ones(2, dtype=m.float64).storage(); out = (s.dtype, s.element_size(), s.nbytes())')",
    "Tensor(storage) shares the memory": (
        "run('a = m.arange(6.); c = a[2:]; d = m.Tensor(c.storage()); d[0] = 66.; "
        "out = (a, d, d.storage_offset(), c.storage_offset())')"
    ),
    "type of a storage": "run('out = type(m.zeros(1).storage())')",
    # -- torch.multinomial: PyTorch's draws after the same seed, then the generator's next draw --
    "multinomial with replacement": "run('m.manual_seed(0); out = (m.multinomial(m.tensor([.1, .2, .3, .4]), 20, True), m.rand(2))')",
    "multinomial without replacement": "run('m.manual_seed(1); out = (m.multinomial(m.tensor([.1, .2, .3, .4]), 3), m.rand(2))')",
    "multinomial of one sample": "run('m.manual_seed(2); out = (m.multinomial(m.tensor([.1, .2, .3, .4]), 1, True), m.rand(2))')",
    "multinomial of rows": "run('m.manual_seed(3); out = (m.multinomial(m.rand(3, 5), 7, True), m.multinomial(m.rand(3, 5), 4))')",
    "multinomial of float64 rows": (
        "run('m.manual_seed(4); w = m.rand(3, 5, dtype=m.float64); "
        "out = (m.multinomial(w, 6, True), m.multinomial(w, 2), m.rand(1))')"
    ),
    "multinomial of a fair die, counted": "run('m.manual_seed(5); out = m.multinomial(m.ones(6) / 6, 1000, True).bincount()')",
    "multinomial method": "run('m.manual_seed(6); out = m.ones(3).multinomial(2)')",
    "multinomial of a certain class": "m.multinomial(m.tensor([0., 1., 0.]), 5, True)",
    "multinomial of 3 dims": "m.multinomial(m.ones(2, 2, 2), 1)",
    "multinomial of ints": "m.multinomial(m.tensor([1, 2]), 1)",
    "multinomial of 0 samples": "m.multinomial(m.ones(3), 0)",
    "multinomial of too many without replacement": "m.multinomial(m.ones(3), 4)",
    "multinomial of a negative weight": "m.multinomial(m.tensor([1., -1.]), 1)",
    "multinomial of zero weights": "m.multinomial(m.tensor([0., 0.]), 2, True)",
    "multinomial of an infinite weight": "m.multinomial(m.tensor([1., float('inf')]), 2, True)",
    "multinomial of a float count": "m.multinomial(m.ones(3), 2.0)",
    # -- distributions.Categorical and Multinomial (d2l's probability chapter) --
    "Multinomial(1, fair).sample()": "run('m.manual_seed(0); out = m.distributions.multinomial.Multinomial(1, m.ones(6) / 6).sample()')",
    "Multinomial(1000, fair).sample() / 1000": "run('m.manual_seed(1); out = m.distributions.Multinomial(1000, m.ones(6) / 6).sample() / 1000')",
    "Multinomial(10, fair).sample((5,))": "run('m.manual_seed(2); out = m.distributions.Multinomial(10, m.ones(6) / 6).sample((5,))')",
    "Multinomial of rows": "run('m.manual_seed(3); out = m.distributions.Multinomial(3, m.tensor([[.2, .8], [.5, .5]])).sample((2,))')",
    "Multinomial of logits": "run('m.manual_seed(4); out = m.distributions.Multinomial(3, logits=m.tensor([0., 1., 2.])).sample()')",
    "Multinomial shapes, mean, variance": (
        "(lambda d: (d, d.mean, d.variance, d.event_shape, d.batch_shape))(m.distributions.Multinomial(10, m.ones(6) / 6))"
    ),
    "Multinomial log_prob": "m.distributions.Multinomial(4, m.tensor([.2, .3, .5])).log_prob(m.tensor([1., 1., 2.]))",
    "Multinomial of a float total_count": "m.distributions.Multinomial(2.0, m.ones(6) / 6)",
    "Categorical sample": "run('m.manual_seed(5); out = m.distributions.Categorical(m.tensor([1., 1., 2.])).sample((4,))')",
    "Categorical of rows": "run('m.manual_seed(6); out = m.distributions.Categorical(m.tensor([[.25, .75], [.5, .5]])).sample((3,))')",
    "Categorical normalises probs": "(lambda d: (d, d.probs, d.logits))(m.distributions.Categorical(m.tensor([1., 1., 2.])))",
    "Categorical of logits": "(lambda d: (d, d.probs))(m.distributions.Categorical(logits=m.tensor([1., 1., 2.])))",
    "Categorical log_prob, entropy, mode, mean": (
        "(lambda d: (d.log_prob(m.tensor([0, 1, 1])), d.entropy(), d.mode, d.mean))"
        "(m.distributions.categorical.Categorical(m.tensor([.25, .75])))"
    ),
    "Categorical log_prob records": (
        "m.distributions.Categorical(probs=m.tensor([.3, .7], requires_grad=True)).log_prob(m.tensor(1))"
    ),
    "Categorical of probs and logits": "m.distributions.Categorical(m.tensor([.25, .75]), logits=m.tensor([1., 2.]))",
    "Categorical of a number": "m.distributions.Categorical(m.tensor(.5))",
    "Categorical of a negative weight": "m.distributions.Categorical(m.tensor([-1., 2.]))",
    # -- average pooling of int64 images (pytorch-book ch4): integer means, rounded towards 0 --
    "avg_pool2d of longs": f"m.nn.functional.avg_pool2d({LONGS}, 2)",
    "avg_pool2d of longs, padded": f"m.nn.functional.avg_pool2d({LONGS}, 3, 1, 1)",
    "avg_pool2d of longs, pad not counted": f"m.nn.functional.avg_pool2d({LONGS}, 3, 1, 1, count_include_pad=False)",
    "avg_pool2d of longs, divisor_override": f"m.nn.functional.avg_pool2d({LONGS}, 2, divisor_override=3)",
    "AvgPool2d of longs": f"m.nn.AvgPool2d(2, 2)({LONGS})",
    "avg_pool1d of longs": f"m.nn.functional.avg_pool1d({LONGS}[0], 2)",
    "avg_pool2d of ints": f"m.nn.functional.avg_pool2d({LONGS}.int(), 2)",
    "avg_pool2d of bytes": f"m.nn.functional.avg_pool2d({LONGS}.abs().byte(), 2)",
    "avg_pool2d of bools": f"m.nn.functional.avg_pool2d({LONGS}.bool(), 2)",
    # -- nn.functional.grid_sample's checks (its values and gradients: tests/factories_s5_zh.py) --
    "grid_sample of a 200x200 image on a 400x400 grid, as pytorch-book": (
        "run('h = m.linspace(-1, 1, 8).view(-1, 1).repeat(1, 8); w = m.linspace(-1, 1, 8).repeat(8, 1); "
        "grid = m.cat((w.unsqueeze(2), h.unsqueeze(2)), dim=2).unsqueeze(0); "
        "out = m.nn.functional.grid_sample(m.arange(16.).view(1, 1, 4, 4), grid=grid, mode=\\'bilinear\\', "
        "align_corners=False)')"
    ),
    "grid_sample records GridSampler2DBackward0": (
        "m.nn.functional.grid_sample(m.ones(1, 1, 2, 2, requires_grad=True), m.zeros(1, 1, 1, 2), align_corners=True)"
    ),
    "grid_sample mode": "m.nn.functional.grid_sample(m.ones(1, 1, 2, 2), m.zeros(1, 1, 1, 2), mode='x')",
    "grid_sample padding_mode": "m.nn.functional.grid_sample(m.ones(1, 1, 2, 2), m.zeros(1, 1, 1, 2), padding_mode='x')",
    "grid_sample batch": "m.nn.functional.grid_sample(m.ones(1, 1, 2, 2), m.zeros(2, 1, 1, 2), align_corners=False)",
    "grid_sample last dim": "m.nn.functional.grid_sample(m.ones(1, 1, 2, 2), m.zeros(1, 1, 1, 3), align_corners=False)",
    "grid_sample dtypes": (
        "m.nn.functional.grid_sample(m.ones(1, 1, 2, 2), m.zeros(1, 1, 1, 2, dtype=m.float64), align_corners=False)"
    ),
    # -- a textbook's GPU cells, run on a machine without one --
    "is_pinned": "m.ones(2).is_pinned()",
    "pin_memory without a GPU": "m.ones(2).pin_memory()",
}


def outcome(m: Any, code: str) -> str:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # storage()'s deprecation warning: checked below
            return repr(eval(code, {"m": m, "np": np, "run": _run(m)}))  # noqa: S307 - our own table
    except Exception as error:
        text = str(error)
        if m is lab:
            assert " Hint: " in text, f"our error has no hint: {text}"
        text = text.split(" Hint: ")[0]
        return f"{type(error).__name__}: {text.splitlines()[0] if text else text}"


@pytest.mark.parametrize("code", CASES.values(), ids=CASES.keys())
def test_as_pytorch(code: str) -> None:
    assert outcome(lab, code) == outcome(torch_ref, code)


def test_out_of_another_shape_is_resized_with_pytorchs_warning() -> None:
    def said(m: Any) -> tuple:
        with pytest.warns(UserWarning) as caught:
            out = m.add(m.ones(2, 3), 1, out=m.zeros(2))
        return repr(out), str(caught[0].message).split(" Hint: ")[0].split(" (Triggered internally")[0]

    assert said(lab) == said(torch_ref)


def test_storage_warns_once_as_pytorch() -> None:
    import subprocess
    import sys

    code = (
        "import warnings, {m} as m\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    warnings.simplefilter('always')\n"
        "    m.zeros(2).storage(); m.zeros(2).storage()\n"
        "print(len(caught), caught[0].category.__name__, str(caught[0].message).split(' Hint: ')[0])"
    )

    def said(name: str) -> str:
        return subprocess.run(
            [sys.executable, "-c", code.format(m=name)], capture_output=True, text=True
        ).stdout

    assert said("autograd_lab") == said("torch")


def test_grid_sample_warns_about_align_corners_as_pytorch() -> None:
    def said(m: Any) -> str:
        with pytest.warns(UserWarning) as caught:
            m.nn.functional.grid_sample(m.ones(1, 1, 2, 2), m.zeros(1, 1, 1, 2))
        return str(caught[0].message).split(" Hint: ")[0]

    assert said(lab) == said(torch_ref)
