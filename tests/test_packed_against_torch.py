"""Packed sequences (``nn.utils.rnn``) and the recurrent layers on them, run in autograd_lab and in PyTorch.

Each case is one expression evaluated in both libraries with ``m`` the library
and ``R`` its ``nn.utils.rnn``: the printed results must be PyTorch's (packing
only moves numbers, so the values are exact), and each error case must raise
PyTorch's exception type and sentence (ours adds a hint).  The layers are
built after ``manual_seed(0)`` in both and run on the same packed batch; their
outputs, final states and every gradient are compared with a tight tolerance.
Skipped without PyTorch.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest

torch_ref = pytest.importorskip("torch")

import autograd_lab as lab  # noqa: E402

_VALUES = np.random.default_rng(7).standard_normal((5, 4, 3)).round(4).tolist()
_SCOPE_CODE = {
    # a padded batch (T=5, B=4, 3 features), and the same batch first
    "x": "m.tensor(values, requires_grad=True)",
    "xb": "m.tensor(values).transpose(0, 1).contiguous().requires_grad_()",
}


def scope(m: Any) -> dict[str, Any]:
    names = {"m": m, "nn": m.nn, "R": m.nn.utils.rnn, "values": _VALUES}
    for name, code in _SCOPE_CODE.items():
        names[name] = eval(code, names)  # noqa: S307 - our own code strings
    return names


def outcome(m: Any, code: str) -> str:
    """``repr`` of what ``code`` gives in ``m``, or its exception's type and first sentence (our hint cut off)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return repr(eval(code, scope(m)))  # noqa: S307
    except Exception as error:
        text = str(error)
        if m is lab:
            # raised by Python itself in both libraries, with no hint
            python_own = isinstance(error, AttributeError) or text.startswith("zip()")
            assert " Hint: " in text or python_own, f"no hint: {text}"
            text = text.split(" Hint: ")[0]
        return f"{type(error).__name__}: {text}"


# -- packing, padding back, and their printed results ----------------------------------------------------

SAME = [
    "R.pack_padded_sequence(x, [5, 3, 3, 1])",
    "R.pack_padded_sequence(x, [5, 5, 5, 5])",
    "R.pack_padded_sequence(x, [1, 1, 1, 1])",
    "R.pack_padded_sequence(x, m.tensor([4, 2, 2, 1]))",
    "R.pack_padded_sequence(x, m.tensor([4.0, 2.0, 2.0, 1.0]))",
    "R.pack_padded_sequence(x, m.tensor([4, 2, 2, 1], dtype=m.int32))",
    "R.pack_padded_sequence(x, [4.7, 2, 2, 1])",
    "R.pack_padded_sequence(x, [2, 5, 1, 3], enforce_sorted=False)",
    "R.pack_padded_sequence(x, [2, 3, 2, 3, 1][:4], enforce_sorted=False)",
    "R.pack_padded_sequence(xb, [2, 5, 1, 3], batch_first=True, enforce_sorted=False)",
    "R.pack_padded_sequence(xb, [5, 3, 2, 1], batch_first=True)",
    "R.pack_padded_sequence(x[:, :, 0], [5, 3, 2, 1])",
    "R.pack_padded_sequence(x[:, :1], [3])",
    "R.pack_padded_sequence(x, [7, 5, 5, 2])",  # longer than the input: ATen reads what there is
    "R.pack_padded_sequence(m.tensor([[1, 2, 0], [3, 0, 0], [4, 5, 6]]), [2, 1, 3], batch_first=True,"
    " enforce_sorted=False)",
    "R.pad_packed_sequence(R.pack_padded_sequence(x, [5, 3, 3, 1]))",
    "R.pad_packed_sequence(R.pack_padded_sequence(x, [5, 3, 2, 1]), batch_first=True)",
    "R.pad_packed_sequence(R.pack_padded_sequence(x, [3, 2, 2, 1]), padding_value=-1.5, total_length=6)",
    "R.pad_packed_sequence(R.pack_padded_sequence(x, [3, 2, 2, 1]), total_length=3)",
    "R.pad_packed_sequence(R.pack_padded_sequence(x, [2, 5, 1, 3], enforce_sorted=False), batch_first=True)",
    "R.pad_packed_sequence(R.pack_padded_sequence(x, [2, 5, 1, 3], enforce_sorted=False), total_length=7)",
    "R.pad_packed_sequence(R.pack_sequence([m.tensor([1, 2, 3]), m.tensor([4])]), padding_value=7.9)",
    "R.pack_sequence([m.tensor([1, 2, 3]), m.tensor([4, 5]), m.tensor([6])])",
    "R.pack_sequence([m.tensor([1.5]), m.tensor([4.0, 5]), m.tensor([6.0, 7, 8])], enforce_sorted=False)",
    "R.unpack_sequence(R.pack_sequence([m.tensor([1.5]), m.tensor([4.0, 5])], enforce_sorted=False))",
    "R.unpack_sequence(R.pack_padded_sequence(x, [2, 5, 1, 3], enforce_sorted=False))",
    "R.unpad_sequence(x * 1, m.tensor([2, 5, 1, 3]))",
    "R.unpad_sequence(x * 1, m.tensor([2, 5, 1, 3]))[1].grad_fn.next_functions[0][0].next_functions[0][0].name()",
    "(lambda p: (R.unpad_sequence(p, m.tensor([2, 5, 1, 3])), p.shape, p._version))(x.detach().clone())",
    "R.unpad_sequence(xb, m.tensor([2, 5, 1, 3]), batch_first=True)",
    "R.invert_permutation(m.tensor([2, 0, 3, 1]))",
    "R.invert_permutation(None)",
    # the PackedSequence itself
    "type(R.pack_padded_sequence(x, [5, 3, 3, 1]))",
    "R.PackedSequence._fields",
    "R.pack_padded_sequence(x, [5, 3, 3, 1]).float()",
    "R.pack_padded_sequence(x, [2, 5, 1, 3], enforce_sorted=False).double()",
    "R.pack_padded_sequence(x, [2, 5, 1, 3], enforce_sorted=False).to(m.float64).data.dtype",
    "(lambda p: p.to(m.float32) is p)(R.pack_padded_sequence(x, [5, 3, 3, 1]))",
    "(lambda p: p.cpu() is p)(R.pack_padded_sequence(x, [5, 3, 3, 1]))",
    "R.pack_sequence([m.tensor([1.5, -2.5]), m.tensor([4.0])]).long()",
    "R.pack_sequence([m.tensor([1.5, -2.5]), m.tensor([4.0])]).int().data.dtype",
    "R.pack_sequence([m.tensor([1.5, -2.5]), m.tensor([4.0])]).half().data.dtype",
    "R.pack_sequence([m.tensor([1, 2]), m.tensor([4])]).byte().data.dtype",
    "R.pack_sequence([m.tensor([1, 2]), m.tensor([4])]).char().data.dtype",
    "R.pack_sequence([m.tensor([1, 2]), m.tensor([4])]).short().data.dtype",
    "(lambda p: (p.is_cuda, p.is_pinned(), len(p), p[1], p.batch_sizes.dtype))(R.pack_sequence([m.tensor([1, 2])]))",
    "R.pack_sequence([m.tensor([1, 2]), m.tensor([4])])._asdict()",
    "R.PackedSequence(m.tensor([1.0, 2.0]), m.tensor([1, 1]))",
    "R.PackedSequence((m.tensor([1.0, 2.0]), m.tensor([1, 1])))",
    "R.PackedSequence(m.tensor([1.0, 2.0, 3.0]), m.tensor([2, 1]), m.tensor([1, 0]))",
    # grad_fn of the packed and padded results
    "R.pack_padded_sequence(x, [5, 3, 3, 1]).data.grad_fn.name()",
    "R.pack_padded_sequence(x, [2, 5, 1, 3], enforce_sorted=False).data.grad_fn.next_functions[0][0].name()",
    "R.pad_packed_sequence(R.pack_padded_sequence(x, [5, 3, 3, 1]))[0].grad_fn.name()",
    "R.pad_packed_sequence(R.pack_padded_sequence(x, [5, 3, 3, 1]), batch_first=True)[0].grad_fn.name()",
    "R.pad_packed_sequence(R.pack_padded_sequence(x, [2, 5, 1, 3], enforce_sorted=False))[0].grad_fn.name()",
    "R.unpack_sequence(R.pack_padded_sequence(x, [5, 3, 3, 1]))[0].grad_fn.name()",
    "(lambda y: (y.transpose_(0, 1), y.grad_fn.name(), y._version))(x * 1)",
]

ERRORS = [
    "R.pack_padded_sequence(x, [2, 5, 1, 3])",
    "R.pack_padded_sequence(x, [5, 3, 1, 0])",
    "R.pack_padded_sequence(x, [5, 0, 1, 3], enforce_sorted=False)",
    "R.pack_padded_sequence(x, [5, 3, 1, -1])",
    "R.pack_padded_sequence(x, [5, 3, 1])",
    "R.pack_padded_sequence(x, [5, 3, 1, 1, 1])",
    "R.pack_padded_sequence(x, [])",
    "R.pack_padded_sequence(x, m.tensor([[5, 3, 1, 1]]))",
    "R.pack_padded_sequence(x, m.tensor(5))",
    "R.pack_padded_sequence(x, [5, 3, 2, 1], batch_first=True)",
    "R.pack_padded_sequence(m.zeros(0, 3, 2), [1, 1, 1])",
    "R.pack_padded_sequence(m.zeros(0, 3), m.tensor([[1]]))",
    "R.pack_padded_sequence(m.zeros(4), m.tensor([[1]]))",
    "R.pack_padded_sequence(m.zeros(4), [4], batch_first=True)",
    "R.pad_packed_sequence(R.pack_padded_sequence(x, [5, 3, 3, 1]), total_length=4)",
    "R.pad_packed_sequence(R.pack_padded_sequence(x, [2, 1, 1, 1]), total_length=0)",
    "R.pad_packed_sequence(x)",
    "R.pack_sequence([])",
    "R.pack_sequence([m.tensor([1]), m.tensor([1, 2])])",
    "R.PackedSequence(m.tensor([1.0, 2.0]))",
    "R.unpad_sequence(x, m.tensor([2, 5, 1, 3]))",  # transposed in place: not a leaf that requires grad
    "R.unpad_sequence(x.detach(), m.tensor([2, 5, 1]))",
    # the layers on a packed batch
    "nn.GRU(3, 4)(R.pack_padded_sequence(x, [5, 3, 3, 1]), m.zeros(1, 3, 4))",
    "nn.RNN(3, 4)(R.pack_padded_sequence(x, [5, 3, 3, 1]), m.zeros(4, 4))",
    "nn.RNN(3, 4)(R.pack_padded_sequence(x, [5, 3, 3, 1]), m.zeros(1, 1, 4, 4))",
    "nn.GRU(2, 4)(R.pack_padded_sequence(x, [5, 3, 3, 1]))",
    "nn.GRU(3, 4).double()(R.pack_padded_sequence(x, [5, 3, 3, 1]))",
    "nn.GRU(3, 4)(R.pack_padded_sequence(m.zeros(5, 4, 3, 1), [5, 3, 3, 1]))",
    "nn.RNN(3, 4)(R.pack_padded_sequence(m.zeros(5, 4), [5, 3, 3, 1]))",
    "nn.LSTM(3, 4)(R.pack_padded_sequence(x, [5, 3, 3, 1]), (m.zeros(1, 3, 4), m.zeros(1, 3, 4)))",
]


@pytest.mark.parametrize("code", SAME)
def test_packing_prints_as_in_pytorch(code: str) -> None:
    eval(code, scope(torch_ref))  # noqa: S307 - no error in PyTorch: these cases must print something
    assert outcome(lab, code) == outcome(torch_ref, code)


@pytest.mark.parametrize("code", ERRORS)
def test_packing_errors_are_pytorchs(code: str) -> None:
    ours, theirs = outcome(lab, code), outcome(torch_ref, code)
    assert "Error" in theirs, theirs
    assert ours == theirs


# -- gradients through packing and padding back ------------------------------------------------------------

ROUND_TRIPS = [
    ("x", "R.pad_packed_sequence(R.pack_padded_sequence(x, [5, 3, 3, 1]))[0]"),
    (
        "x",
        "R.pad_packed_sequence(R.pack_padded_sequence(x, [2, 5, 1, 3], enforce_sorted=False), total_length=6)[0]",
    ),
    (
        "xb",
        "R.pad_packed_sequence(R.pack_padded_sequence(xb, [2, 5, 1, 3], True, False), batch_first=True)[0]",
    ),
    ("xb", "R.pad_packed_sequence(R.pack_padded_sequence(xb, [5, 4, 2, 2], True), batch_first=True)[0]"),
    ("x", "R.pad_packed_sequence(R.pack_padded_sequence(x, [3, 5, 1, 2], enforce_sorted=False), True)[0]"),
    ("x", "R.pack_padded_sequence(x, [3, 5, 1, 2], enforce_sorted=False).data"),
    ("xb", "R.pack_padded_sequence(xb, [5, 4, 2, 2], batch_first=True).data"),
    ("x", "m.cat(R.unpack_sequence(R.pack_padded_sequence(x, [3, 5, 1, 2], enforce_sorted=False)))"),
    ("x", "R.pack_sequence([x[:, 0], x[:3, 1], x[:4, 2]], enforce_sorted=False).data"),
]


@pytest.mark.parametrize(("leaf", "code"), ROUND_TRIPS)
def test_gradients_flow_back_through_packing_as_in_pytorch(leaf: str, code: str) -> None:
    results = {}
    for m in (lab, torch_ref):
        names = scope(m)
        out = eval(code, names)  # noqa: S307
        weights = m.arange(out.numel(), dtype=out.dtype).reshape(out.shape) / 7.0
        (out * weights).sum().backward()
        results[m] = (out.detach().numpy(), names[leaf].grad.numpy())
    np.testing.assert_array_equal(results[lab][0], results[torch_ref][0])
    np.testing.assert_array_equal(results[lab][1], results[torch_ref][1])


def test_a_round_trip_gives_the_padded_batch_back_with_zeros_at_the_padding() -> None:
    lengths = [2, 5, 1, 3]
    x = lab.tensor(_VALUES)
    padded, back = lab.nn.utils.rnn.pad_packed_sequence(
        lab.nn.utils.rnn.pack_padded_sequence(x, lengths, enforce_sorted=False)
    )
    assert back.tolist() == lengths
    for b, length in enumerate(lengths):
        np.testing.assert_array_equal(padded[:length, b].numpy(), x[:length, b].numpy())
        assert not padded[length:, b].numpy().any()


# -- recurrent layers on packed batches ---------------------------------------------------------------------

LAYERS = [
    ("nn.RNN(3, 4)", [5, 3, 3, 1], True, False),
    ("nn.RNN(3, 4, nonlinearity='relu', num_layers=2)", [2, 5, 1, 3], False, True),
    ("nn.RNN(3, 4, bidirectional=True)", [2, 5, 1, 3], False, False),
    ("nn.GRU(3, 4)", [5, 4, 2, 2], True, True),
    ("nn.GRU(3, 4, num_layers=2, bidirectional=True)", [2, 5, 1, 3], False, True),
    ("nn.GRU(3, 4, bias=False, batch_first=True)", [3, 3, 3, 3], True, False),
    ("nn.LSTM(3, 4)", [5, 3, 3, 1], True, False),
    ("nn.LSTM(3, 4)", [2, 5, 1, 3], False, True),
    ("nn.LSTM(3, 4, num_layers=2, bidirectional=True)", [2, 5, 1, 3], False, True),
    ("nn.LSTM(3, 5, proj_size=2, bidirectional=True)", [4, 1, 5, 1], False, True),
    ("nn.LSTM(3, 4, num_layers=3, bias=False)", [5, 5, 1, 1], True, False),
    ("nn.LSTM(3, 4, num_layers=2, dropout=0.5)", [2, 5, 1, 3], False, False),  # training: dropout on the data
    ("nn.GRU(3, 4, num_layers=3, dropout=0.3, bidirectional=True)", [5, 4, 2, 2], True, True),
]


def run_layer(m: Any, make: str, lengths: list[int], enforce_sorted: bool, with_h0: bool, dtype: str) -> dict:
    """Seeded layer on the packed batch; a weighted loss of the output and final states, and every gradient."""
    m.manual_seed(0)
    layer = eval(make, {"nn": m.nn}).to(getattr(m, dtype))  # noqa: S307
    x = m.tensor(_VALUES, dtype=getattr(m, dtype), requires_grad=True)
    packed = m.nn.utils.rnn.pack_padded_sequence(x, lengths, enforce_sorted=enforce_sorted)
    leaves = [x]
    hx = None
    if with_h0:
        rng = np.random.default_rng(3)
        directions = 2 if layer.bidirectional else 1
        size = layer.proj_size or layer.hidden_size
        shapes = [(layer.num_layers * directions, 4, size)]
        if isinstance(layer, m.nn.LSTM):
            shapes.append((layer.num_layers * directions, 4, layer.hidden_size))
        made = [m.tensor(rng.standard_normal(s), dtype=getattr(m, dtype), requires_grad=True) for s in shapes]
        leaves += made
        hx = tuple(made) if len(made) == 2 else made[0]
    output, hidden = layer(packed, hx)
    finals = list(hidden) if isinstance(hidden, tuple) else [hidden]
    padded, back = m.nn.utils.rnn.pad_packed_sequence(output)
    loss = (padded * padded).sum() + sum(((h * (i + 2.0)) ** 2).sum() for i, h in enumerate(finals))
    loss.backward()
    return {
        "type": type(output).__name__,
        "batch_sizes": output.batch_sizes.tolist(),
        "indices": [None if t is None else t.tolist() for t in output[2:]],
        "lengths": back.tolist(),
        "grad_fns": [type(output.data.grad_fn).__name__] + [type(h.grad_fn).__name__ for h in finals],
        "values": [output.data.detach().numpy(), padded.detach().numpy()]
        + [h.detach().numpy() for h in finals],
        "grads": [t.grad.numpy() for t in leaves] + [p.grad.numpy() for p in layer.parameters()],
    }


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize(("make", "lengths", "enforce_sorted", "with_h0"), LAYERS)
def test_recurrent_layers_on_packed_batches_are_pytorchs(
    make: str, lengths: list[int], enforce_sorted: bool, with_h0: bool, dtype: str
) -> None:
    if enforce_sorted:
        lengths = sorted(lengths, reverse=True)
    ours = run_layer(lab, make, lengths, enforce_sorted, with_h0, dtype)
    theirs = run_layer(torch_ref, make, lengths, enforce_sorted, with_h0, dtype)
    for key in ("type", "batch_sizes", "indices", "lengths", "grad_fns"):
        assert ours[key] == theirs[key], key
    tolerance = {"rtol": 1e-5, "atol": 1e-6} if dtype == "float32" else {"rtol": 1e-11, "atol": 1e-12}
    for key in ("values", "grads"):
        assert len(ours[key]) == len(theirs[key])
        for a, b in zip(ours[key], theirs[key], strict=True):
            np.testing.assert_allclose(a, b, **tolerance)


def test_each_final_state_is_the_state_at_that_sequences_own_last_step() -> None:
    lab.manual_seed(0)
    gru = lab.nn.GRU(3, 4)
    x = lab.tensor(_VALUES)
    lengths = [2, 5, 1, 3]
    output, h_n = gru(lab.nn.utils.rnn.pack_padded_sequence(x, lengths, enforce_sorted=False))
    padded, _ = lab.nn.utils.rnn.pad_packed_sequence(output)
    for b, length in enumerate(lengths):
        alone, h_alone = gru(x[:length, b : b + 1])
        np.testing.assert_allclose(
            padded[:length, b].detach().numpy(), alone[:, 0].detach().numpy(), rtol=1e-6
        )
        np.testing.assert_allclose(h_n[0, b].detach().numpy(), h_alone[0, 0].detach().numpy(), rtol=1e-6)
