"""Branch s5_en's additions (what real English lessons needed) run in autograd_lab and in PyTorch.

Each case is one expression (``m`` the module, ``nn`` its ``nn``); its
``repr``, or its exception's type and sentence, must be PyTorch's (ours adds
a hint).  ``lazy(m, make, *shape)`` makes a layer after ``manual_seed(0)``,
calls it on seeded input of ``shape`` and returns what a lesson sees before
and after: the printed layer, its parameters and buffers.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

import numpy as np
import pytest

torch_ref = pytest.importorskip("torch")

import autograd_lab as lab  # noqa: E402


def lazy(m: Any, make: Any, *shape: int) -> tuple:
    """A lazy layer before and after its first call (on ``rand(*shape)``), with its state and next random draw."""
    m.manual_seed(0)
    layer = make()
    before = (repr(layer), [repr(value) for value in layer.state_dict().values()])
    out = layer(m.rand(*shape))
    # Values to 2 decimals: a batch norm's last bits differ with PyTorch's thread count (its
    # statistics are summed in chunks), and 4 printed digits can fall on either side of a rounding.
    state = {name: coarse(value) for name, value in layer.state_dict().items()}
    return (
        before,
        repr(layer),
        type(layer).__name__,
        type(out.grad_fn).__name__,
        coarse(out),
        state,
        m.rand(1),
    )


def coarse(tensor: Any) -> Any:
    """A tensor's values rounded to 2 decimals (integers as they are)."""
    values = tensor.detach()
    return values if not values.is_floating_point() else (values * 100).round() / 100


CASES = {
    # -- lazy convolutions and batch norms: printing, the draws after the first call, the state
    "LazyConv2d": "lazy(m, lambda: nn.LazyConv2d(2, kernel_size=3, padding=1), 1, 3, 4, 4)",
    "LazyConv2d no bias, groups, stride": "lazy(m, lambda: nn.LazyConv2d(4, 2, stride=2, groups=2, bias=False), 2, 4, 4, 4)",
    "LazyConv2d unbatched": "lazy(m, lambda: nn.LazyConv2d(2, (1, 2)), 3, 4, 4)",
    "LazyConv1d": "lazy(m, lambda: nn.LazyConv1d(3, 2, padding=1), 2, 2, 5)",
    "LazyBatchNorm1d": "lazy(m, lambda: nn.LazyBatchNorm1d(), 4, 3)",
    "LazyBatchNorm2d": "lazy(m, lambda: nn.LazyBatchNorm2d(momentum=0.2), 2, 3, 2, 2)",
    "LazyBatchNorm2d no stats": "lazy(m, lambda: nn.LazyBatchNorm2d(affine=False, track_running_stats=False), 2, 3, 2, 2)",
    "lazy net": "lazy(m, lambda: nn.Sequential(nn.LazyConv2d(2, 3), nn.LazyBatchNorm2d(), nn.Flatten(), nn.LazyLinear(2)), 2, 1, 5, 5)",
    "lazy .data is empty": "(lambda l: (l.weight.data.normal_(0, 0.01), l.bias.data.fill_(0), m.manual_seed(0) and None, l(m.ones(2, 3)), l.weight))(nn.LazyLinear(1))",
    "UninitializedBuffer": "nn.parameter.UninitializedBuffer()",
    "LazyConv2d wrong dims": "nn.LazyConv2d(2, 3)(m.zeros(2, 3))",
    "LazyConv2d groups": "nn.LazyConv2d(4, 1, groups=2)(m.zeros(1, 3, 2, 2))",
    "LazyBatchNorm2d wrong dims": "nn.LazyBatchNorm2d()(m.zeros(2, 3))",
}  # fmt: skip


def outcome(m: Any, code: str) -> str:
    scope = {"m": m, "nn": m.nn, "np": np, "lazy": lazy}
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


FUNCTION_FORMS = {
    # -- torch.sin_(x) ...: the in-place methods as torch functions; torch.functional's names
    "sin_": "(lambda x: (m.sin_(x), x))(m.tensor([0.0, 1.0]))",
    "relu_ grad": "(lambda x: (m.relu_(x * 1), ))(m.tensor([-1.0, 1.0], requires_grad=True))",
    "clamp_": "(lambda x: (m.clamp_(x, min=0.5), x))(m.tensor([0.0, 1.0]))",
    "zero_": "m.zero_(m.ones(2))",
    "sin_ not a tensor": "m.sin_(1.0)",
    "sin_ on a leaf": "m.sin_(m.ones(2, requires_grad=True))",
    "dtype attributes": "[(d.is_complex, d.is_signed, d.itemsize, d.is_floating_point) for d in (m.float32, m.float64, m.float16, m.int64, m.int32, m.int16, m.int8, m.uint8, m.bool)]",
    "orthogonal_ wide": "(m.manual_seed(0), nn.init.orthogonal_(m.empty(3, 5), gain=2.0))[1]",
    "orthogonal_ tall": "(m.manual_seed(0), nn.init.orthogonal_(m.empty(5, 3)))[1]",
    "orthogonal_ conv weight": "(m.manual_seed(0), nn.init.orthogonal_(m.empty(2, 3, 2)))[1]",
    "orthogonal_ parameter": "(m.manual_seed(0), nn.init.orthogonal_(nn.Parameter(m.empty(2, 2))))[1]",
    "orthogonal_ vector": "nn.init.orthogonal_(m.empty(3))",
    "skip_init draws nothing": "(m.manual_seed(0), nn.utils.skip_init(nn.Linear, 5, 3), m.rand(2))[1:]",
    "skip_init not a module": "nn.utils.skip_init(int, 3)",
    "skip_init no device": "nn.utils.skip_init(nn.ReLU)",
    "rand half": "(m.manual_seed(0), m.rand(5, dtype=m.float16), m.rand(1))[1:]",
    "uniform_ half": "(m.manual_seed(0), m.empty(6, dtype=m.half).uniform_(-0.4472, 0.4472))[1]",
    "Linear half": "(m.manual_seed(0), nn.Linear(5, 3, dtype=m.half).weight)[1]",
    "addmm broadcast error": "m.addmm(m.ones(3), m.ones(2, 2), m.ones(2, 2))",
    "addmm shapes": "m.addmm(m.ones(4), m.ones(2, 3), m.ones(2, 4))",
    "addmm vector": "m.addmm(m.ones(4), m.ones(3), m.ones(3, 4))",
    "addmm 3-d input": "m.addmm(m.ones(1, 4, 1), m.ones(2, 3), m.ones(3, 4))",
    "addmm dtypes": "m.addmm(m.ones(2, 4, dtype=m.long), m.ones(2, 3), m.ones(3, 4))",
    "addmm beta 0 ignores nan": "m.addmm(m.full((4,), float('nan')), m.ones(2, 3), m.ones(3, 4), beta=0)",
    "addmm saved factors": "(lambda y: (y, y.grad_fn._saved_alpha, y.grad_fn._saved_beta))(m.addmm(m.ones(4), m.ones(2, 3, requires_grad=True), m.ones(3, 4), beta=0.5, alpha=2))",
    "expand too few sizes": "m.ones(1, 4, 1).expand(2, 4)",
    "setitem drops leading ones": "(lambda x, w: (x.__setitem__(3, w @ m.ones(2, 1)), x, [type(f).__name__ for f, _ in x.grad_fn.next_functions]))(m.zeros(5), m.ones(1, 2, requires_grad=True))[1:]",
    "setitem (1, 3) into a row": "(lambda x: (x.__setitem__(0, m.ones(1, 1, 3)), x)[1])(m.zeros(2, 3))",
    "setitem (2, 3) into a row": "(lambda x: x.__setitem__(0, m.ones(2, 3)))(m.zeros(2, 3))",
    "setitem (2,) into a row": "(lambda x: x.__setitem__(0, m.ones(2)))(m.zeros(2, 3))",
    "setitem (1, 2, 3) into a row": "(lambda x: x.__setitem__(0, m.ones(1, 2, 3)))(m.zeros(2, 3))",
    "copy_ more dims": "m.zeros(2, 3).copy_(m.ones(2, 2, 3))",
    "cdist p values": "(m.manual_seed(0), [m.cdist(m.randn(3, 2), m.randn(4, 2), p=p) for p in (0.0, 0.5, 1.0, 2.0, 3.0, float('inf'))])[1]",
    "cdist mm path node": "(m.manual_seed(0), (lambda y: (y[:2], y.grad_fn.name()))(m.cdist(m.randn(30, 3, requires_grad=True), m.randn(5, 3))))[1]",
    "cdist batches": "(m.manual_seed(0), m.cdist(m.randn(2, 1, 3, 4), m.randn(5, 4), compute_mode='use_mm_for_euclid_dist').shape, m.cdist(m.randn(2, 3, 4), m.randn(1, 5, 4)).shape)[1:]",
    "cdist batch mismatch": "m.cdist(m.randn(2, 3, 4), m.randn(3, 5, 4))",
    "cdist 1-d": "m.cdist(m.randn(3), m.randn(3))",
    "cdist columns": "m.cdist(m.randn(3, 4), m.randn(3, 5))",
    "cdist negative p": "m.cdist(m.randn(3, 4), m.randn(3, 4), p=-1)",
    "cdist mode": "m.cdist(m.randn(3, 4), m.randn(3, 4), compute_mode='x')",
    "cdist long": "m.cdist(m.ones(3, 4, dtype=m.long), m.ones(3, 4))",
    "cdist zero distance gradient": "(lambda x: (m.cdist(x, x).sum().backward(), x.grad)[1])(m.tensor([[0.0, 0.0], [1.0, 1.0]], requires_grad=True))",
    "torch.functional": "(lambda F: (F.split(m.arange(5), 2), F.einsum('ij->j', m.eye(2))))(__import__(m.__name__ + '.functional', fromlist=['x']))",
}  # fmt: skip


OUT = {
    # -- out=: the result written into an existing tensor, which is returned; dtypes, resizing, autograd
    "add out": "(lambda r: (m.add(m.ones(2, 2), m.ones(2, 2), out=r) is r, r, r._version))(m.zeros(2, 2))",
    "add alpha out": "(lambda r: (m.add(m.ones(2), m.ones(2), alpha=3, out=r), r))(m.zeros(2))",
    "mul out int into float": "(lambda r: (m.mul(m.tensor([1, 2]), 3, out=r), r))(m.zeros(2))",
    "div out into long": "m.div(m.tensor([1, 2]), 2, out=m.zeros(2, dtype=m.long))",
    "sub out into double": "m.sub(m.ones(2), 0.5, out=m.zeros(2, dtype=m.float64))",
    "exp out": "m.exp(m.zeros(3), out=m.empty(3))",
    "matmul out": "(lambda r: (m.matmul(m.ones(2, 3), m.ones(3, 2), out=r), r))(m.zeros(2, 2))",
    "matmul out dtype": "m.matmul(m.ones(2, 2), m.ones(2, 2), out=m.zeros(2, 2, dtype=m.float64))",
    "mm out long dtype": "m.mm(m.ones(2, 2, dtype=m.long), m.ones(2, 2, dtype=m.long), out=m.zeros(2, 2))",
    "out resized from empty": "(lambda r: (m.add(m.ones(2, 2), 1, out=r), r.shape))(m.empty(0))",
    "out resized with a warning": "m.matmul(m.ones(3), m.ones(3), out=m.zeros(2))",
    "out into a view": "(lambda b: (m.add(m.ones(2), 1, out=b[:2]), b))(m.zeros(4))",
    "out requires grad input": "m.mul(m.ones(2, requires_grad=True), 2, out=m.zeros(2))",
    "out requires grad out": "m.matmul(m.ones(1, 2), m.ones(2, 1), out=m.zeros(1, 1, requires_grad=True))",
    "out under no_grad": "(lambda r: (m.no_grad().__enter__(), m.mul(m.ones(2, requires_grad=True), 2, out=r), m.set_grad_enabled(True)))(m.zeros(2))",
    "rand out": "(m.manual_seed(0), (lambda c: (m.rand(2, 2, out=c) is c, c))(m.zeros(2, 2)))[1]",
    "randn out double": "(m.manual_seed(0), m.randn(3, out=m.zeros(3, dtype=m.float64)))[1]",
    "zeros out resized": "m.zeros(2, 3, out=m.ones(6))",
    "rand out grad": "m.rand(2, out=m.zeros(2, requires_grad=True))",
    "ones out long": "m.ones(3, out=m.zeros(1, dtype=m.long))",
}  # fmt: skip


def warned(m: Any, code: str) -> list:
    """The warnings ``code`` gives (their first sentence): PyTorch's resize warning."""
    scope = {"m": m}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            eval(code, scope)  # noqa: S307 - our own table
        except Exception:  # noqa: S110 - only the warnings matter here
            pass
    return [str(w.message).split(" Hint: ")[0].split(" (Triggered internally")[0] for w in caught]


@pytest.mark.parametrize("code", OUT.values(), ids=OUT.keys())
def test_out_same_as_torch(code: str) -> None:
    assert outcome(lab, code) == outcome(torch_ref, code)
    assert warned(lab, code) == warned(torch_ref, code)


SHAPE_IN_PLACE = {
    # -- unsqueeze_ and squeeze_: the same tensor, new shape, version, node; views and leaves
    "unsqueeze_": "(lambda a: (a.unsqueeze_(0) is a, a.shape, a._version))(m.rand(3))",
    "unsqueeze_ negative": "(lambda a: (a.unsqueeze_(-1), a.shape))(m.zeros(2, 3))",
    "unsqueeze_ node": "(lambda y: (y.unsqueeze_(0).grad_fn.name(), y))((m.arange(3.0, requires_grad=True) * 2))",
    "squeeze_ all": "(lambda y: (y.squeeze_().grad_fn.name(), y.shape))(m.ones(1, 3, 1, requires_grad=True) * 1)",
    "squeeze_ dim": "(lambda y: (y.squeeze_(0).grad_fn.name(), y.squeeze_(1).shape))(m.ones(1, 3, 1, requires_grad=True) * 1)",
    "squeeze_ dims": "(lambda y: (y.squeeze_((0, 2)).grad_fn.name(), y.shape))(m.ones(1, 3, 1, requires_grad=True) * 1)",
    "squeeze_ 0-d": "(lambda s: (s.squeeze_(0), s.unsqueeze_(0)))(m.tensor(5.0))",
    "unsqueeze_ on a view": "(lambda v: (lambda w: (w.unsqueeze_(0).shape, w.fill_(1), v))(v[0]))(m.zeros(2, 3))",
    "unsqueeze_ on a leaf": "m.rand(3, requires_grad=True).unsqueeze_(0)",
    "unsqueeze_ on a view of a leaf": "m.rand(3, requires_grad=True)[:2].unsqueeze_(0)",
    "unsqueeze_ dim out of range": "m.rand(3).unsqueeze_(5)",
    "squeeze_ dim out of range": "m.rand(3).squeeze_(2)",
}  # fmt: skip


ALL_CASES = {**CASES, **FUNCTION_FORMS, **SHAPE_IN_PLACE}


@pytest.mark.parametrize("code", ALL_CASES.values(), ids=ALL_CASES.keys())
def test_same_as_torch(code: str) -> None:
    assert outcome(lab, code) == outcome(torch_ref, code)
