"""The meta device (shapes and dtypes without data), each case run in autograd_lab and in PyTorch.

Each case is one expression or a few statements in PyTorch's API (``m`` is the
module); its ``repr``, or its exception's type and sentence, must be
PyTorch's; our errors add a hint.  Skipped where PyTorch is not installed.
"""

from __future__ import annotations

import copy
import warnings
from typing import Any

import pytest

torch_ref = pytest.importorskip("torch")

import autograd_lab as lab  # noqa: E402

X = "m.randn(4, 3, device='meta')"
W = "m.randn(2, 3, requires_grad=True, device='meta')"

CASES = {
    # factories
    "randn": X,
    "zeros int": "m.zeros(2, 2, dtype=m.int64, device='meta')",
    "ones 0-d": "m.ones((), device='meta')",
    "empty": "m.empty(3, device='meta')",
    "full": "m.full((2,), 7.0, device='meta')",
    "arange": "m.arange(5, device='meta')",
    "linspace": "m.linspace(0, 1, 4, device='meta')",
    "eye": "m.eye(3, device='meta')",
    "tensor of a list": "m.tensor([1, 2], device='meta')",
    "tensor of a number": "m.tensor(3.0, device='meta')",
    "randint": "m.randint(10, (3,), device='meta')",
    "randperm": "m.randperm(4, device='meta')",
    "rand float64": "m.rand(2, dtype=m.float64, device='meta')",
    "requires_grad": W,
    "a device object": "m.zeros(1, device=m.device('meta'))",
    "device": f"{X}.device",
    "is_meta": f"({X}.is_meta, m.zeros(1).is_meta)",
    "zeros_like keeps the device": f"m.zeros_like({X})",
    "empty_like keeps the device": f"m.empty_like({X}, dtype=m.float64)",
    "ones_like to the CPU": f"m.ones_like({X}, device='cpu')",
    # ops work out the shape and the dtype
    "arithmetic": f"{X} * 2 + 1",
    "matmul": f"{X} @ {X}.T",
    "sum": f"{X}.sum()",
    "a tiny sum": "m.zeros(3, device='meta').sum()",
    "mean over a dim": f"{X}.mean(0, keepdim=True)",
    "relu": f"{X}.relu()",
    "softmax": f"m.softmax({X}, 1)",
    "view": f"{X}.view(12)",
    "slicing": f"{X}[1:3]",
    "one row": f"{X}[0]",
    "cat": f"m.cat([{X}, {X}])",
    "argmax": f"{X}.argmax(1)",
    "a comparison": f"{X}.sum() > 0",
    "recorded op": f"({W} * 2).sum()",
    "float64": f"{X}.double() * 2",
    # layers on the meta device
    "Linear(device='meta')": "m.nn.Linear(3, 5, device='meta').weight",
    "Linear on meta input": f"m.nn.Linear(3, 5, device='meta')({X})",
    "Conv2d on meta input": "m.nn.Conv2d(3, 5, 2, device='meta')(m.rand(2, 3, 10, 10, device='meta'))",
    "max_pool2d": "m.nn.functional.max_pool2d(m.rand(2, 3, 10, 10, device='meta'), 2)",
    "cross_entropy": f"m.nn.functional.cross_entropy({X}, m.tensor([0, 1, 2, 0], device='meta'))",
    "LSTM weight": "m.nn.LSTM(3, 4, device='meta').weight_ih_l0",
    "BatchNorm1d buffer": "m.nn.BatchNorm1d(3, device='meta').running_mean",
    "Embedding": "m.nn.Embedding(5, 2, device='meta')(m.tensor([1, 2]))",
    # moving
    "to('meta')": "m.tensor([1.0, 2.0]).to('meta')",
    "to('meta') records a copy": "m.tensor([1.0, 2.0], requires_grad=True).to('meta')",
    "to(meta device, dtype)": "m.tensor([1, 2]).to('meta', m.float32)",
    "meta to('meta')": f"{X}.to('meta')",
    # no data to read
    "item of many": f"{X}.item()",
    "item of one": f"{X}.sum().item()",
    "float": f"float({X}.sum())",
    "bool": f"bool({X}.sum())",
    "numpy": f"{X}.numpy()",
    "tolist": f"{X}.tolist()",
    "to the CPU": f"{X}.to('cpu')",
    # other devices still fail as on a machine without them
    "Linear(device='cuda')": "m.nn.Linear(2, 2, device='cuda')",
}


def outcome(m: Any, code: str) -> str:
    try:
        return repr(eval(code, {"m": m}))  # noqa: S307 - our own table
    except Exception as error:
        text = str(error)
        if m is lab:
            assert " Hint: " in text, f"our error has no hint: {text}"
            text = text.split(" Hint: ")[0]
        return f"{type(error).__name__}: {text.splitlines()[0]}"


@pytest.mark.parametrize("code", CASES.values(), ids=CASES.keys())
def test_as_in_pytorch(code: str) -> None:
    assert outcome(lab, code) == outcome(torch_ref, code)


def run(m: Any, statements: str) -> dict:
    """Run ``statements`` with ``m`` as torch; what they leave in ``out`` (reprs), or their error."""
    space: dict = {"m": m, "copy": copy, "warnings": warnings, "out": {}}
    try:
        exec(statements, space)  # noqa: S102 - our own statements
    except Exception as error:
        return {"error": f"{type(error).__name__}: {str(error).split(' Hint: ')[0]}"}
    return {key: repr(value) for key, value in space["out"].items()}


SCRIPTS = {
    "backward on meta": """
w = m.randn(2, 3, requires_grad=True, device='meta')
(w * w).sum().backward()
out['grad'] = w.grad
""",
    "a meta model draws no random numbers": """
m.manual_seed(0)
a = m.randn(3, device='meta')
with m.device('meta'):
    net = m.nn.Sequential(m.nn.Linear(3, 4), m.nn.ReLU(), m.nn.Linear(4, 1))
    out['inside'] = m.get_default_device()
b = m.nn.Linear(2, 2, device='meta')
out['weight'] = net[0].weight
out['after'] = m.randn(3)
out['outside'] = m.get_default_device()
""",
    "nested device blocks": """
with m.device('meta'):
    with m.device('cpu'):
        out['inner'] = m.zeros(1)
    out['outer'] = m.zeros(1)
out['after'] = m.zeros(1)
""",
    "Module.to('meta')": """
m.manual_seed(0)
net = m.nn.Linear(3, 2)
net(m.ones(1, 3)).sum().backward()
meta = copy.deepcopy(net).to('meta')
out['weight'] = meta.weight
out['grad'] = meta.weight.grad
out['kind'] = type(meta.weight).__name__
out['original'] = net.weight.device
out['repr'] = meta
""",
    "load_state_dict(assign=True) gives a meta model real weights": """
m.manual_seed(0)
real = m.nn.Sequential(m.nn.Linear(2, 2), m.nn.BatchNorm1d(2))
with m.device('meta'):
    model = m.nn.Sequential(m.nn.Linear(2, 2), m.nn.BatchNorm1d(2))
state = real.state_dict()
out['result'] = model.load_state_dict(state, assign=True)
out['weight'] = model[0].weight
out['kind'] = type(model[0].weight).__name__
out['grad'] = model[0].weight.requires_grad
out['buffer'] = model[1].running_var
out['forward'] = model.eval()(m.ones(1, 2))
""",
    "load_state_dict without assign leaves a meta model on meta": """
real = m.nn.Linear(2, 1)
with m.device('meta'):
    model = m.nn.Linear(2, 1)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter('always')
    model.load_state_dict(real.state_dict())
out['weight'] = model.weight
out['warnings'] = [f"{w.category.__name__}: {str(w.message).split(' Hint: ')[0]}" for w in caught]
""",
}


@pytest.mark.parametrize("statements", SCRIPTS.values(), ids=SCRIPTS.keys())
def test_scripts_as_in_pytorch(statements: str) -> None:
    assert run(lab, statements) == run(torch_ref, statements)
