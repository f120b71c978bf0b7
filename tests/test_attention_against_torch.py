"""Attention and the Transformer in autograd_lab and in PyTorch: F.scaled_dot_product_attention,
F.multi_head_attention_forward, nn.MultiheadAttention and the nn.Transformer family.

Each case is a function of the library (``m``) that builds its inputs after
``manual_seed``, so both libraries draw the same parameters, inputs and
dropout masks.  It returns tensors (or ``None``) in a nested structure;
the test runs a backward pass through every tensor result that has a graph
and compares values, dtypes, shapes, ``grad_fn`` names and every leaf's
gradient.  Values are compared to a tight tolerance, not bit for bit: the
matrix products round in the last bits as each library's BLAS does, and
PyTorch's flash kernel sums in another order.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest

torch_ref = pytest.importorskip("torch")

import autograd_lab as lab  # noqa: E402
from tests.twins import raises_like_torch  # noqa: E402

RTOL = {"float32": 2e-5, "float64": 1e-12}
ATOL = {"float32": 2e-6, "float64": 1e-13}


def leaves(m: Any, *shapes: tuple, dtype: str = "float32", seed: int = 0) -> list:
    """Random inputs that require grad, drawn after ``manual_seed(seed)``."""
    m.manual_seed(seed)
    return [m.randn(*shape, dtype=getattr(m, dtype), requires_grad=True) for shape in shapes]


def flatten(value: Any) -> list:
    if isinstance(value, (tuple, list)):
        return [x for item in value for x in flatten(item)]
    return [value]


def run(m: Any, case: Any) -> tuple[list, list]:
    """The case's results, then the gradients of its inputs and parameters after one backward pass."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        made = case(m)
    results, inputs = (
        made if isinstance(made, tuple) and len(made) == 2 and isinstance(made[1], list) else (made, [])
    )
    outs = flatten(results)
    with_graph = [o for o in outs if o is not None and o.grad_fn is not None]
    if with_graph:
        total = sum(
            (o * m.linspace(-1.0, 2.0, o.numel(), dtype=o.dtype).reshape(o.shape)).sum() for o in with_graph
        )
        total.backward()
    return outs, [None if x.grad is None else x.grad for x in inputs]


def compare(ours: Any, theirs: Any) -> None:
    if ours is None or theirs is None:
        assert ours is None and theirs is None
        return
    a, b = ours.detach().numpy(), theirs.detach().numpy()
    assert a.dtype == b.dtype and a.shape == b.shape, (a.dtype, b.dtype, a.shape, b.shape)
    assert type(ours.grad_fn).__name__ == type(theirs.grad_fn).__name__
    # (atol scaled by the largest value: a gradient that is 0 in exact arithmetic is rounding noise in both)
    rtol, atol = RTOL.get(a.dtype.name, 0), ATOL.get(a.dtype.name, 0)
    np.testing.assert_allclose(a, b, rtol=rtol, atol=atol + rtol * float(np.max(np.abs(b), initial=0.0)))


def with_params(module: Any, inputs: list) -> list:
    return inputs + list(module.parameters())


# -- scaled_dot_product_attention --------------------------------------------------------------------------


def sdpa(dtype: str = "float32", q=(2, 3, 4), k=(2, 5, 4), v=(2, 5, 6), **kwargs: Any) -> Any:
    def case(m: Any) -> tuple:
        inputs = leaves(m, q, k, v, dtype=dtype)
        extra = {key: value(m) if callable(value) else value for key, value in kwargs.items()}
        return m.nn.functional.scaled_dot_product_attention(*inputs, **extra), inputs

    return case


SDPA = {
    "3-d": sdpa(),
    "3-d float64": sdpa("float64"),
    "4-d heads": sdpa(q=(2, 2, 3, 4), k=(2, 2, 5, 4), v=(2, 2, 5, 4)),
    "2-d": sdpa(q=(3, 4), k=(5, 4), v=(5, 2)),
    "causal": sdpa(q=(2, 4, 4), k=(2, 4, 4), v=(2, 4, 3), is_causal=True),
    "causal, longer keys": sdpa(is_causal=True),
    "causal float64": sdpa("float64", is_causal=True),
    "scale": sdpa(scale=0.3),
    "negative scale": sdpa(scale=-0.7),
    "bool mask": sdpa(attn_mask=lambda m: m.tensor([[True, False, True, True, False]] * 3)),
    "bool mask, a row all False": sdpa(
        attn_mask=lambda m: m.tensor([[True] * 5, [False] * 5, [False, True, False, False, False]])
    ),
    "float mask": sdpa(attn_mask=lambda m: m.linspace(-2.0, 1.0, 15).reshape(3, 5)),
    "float mask with -inf": sdpa(attn_mask=lambda m: m.tensor([[0.0, float("-inf"), 0.0, 1.0, 0.0]])),
    "mask per batch": sdpa(attn_mask=lambda m: m.rand(2, 1, 5) > 0.3),
    "dropout": sdpa(dropout_p=0.4),
    "gqa": sdpa(q=(1, 4, 3, 2), k=(1, 2, 3, 2), v=(1, 2, 3, 2), enable_gqa=True),
}


@pytest.mark.parametrize("name", SDPA)
def test_scaled_dot_product_attention(name: str) -> None:
    (ours, our_grads), (theirs, their_grads) = run(lab, SDPA[name]), run(torch_ref, SDPA[name])
    for a, b in zip(ours + our_grads, theirs + their_grads, strict=True):
        compare(a, b)


def test_sdpa_without_grad_gives_plain_values() -> None:
    def case(m: Any) -> Any:
        m.manual_seed(1)
        return m.nn.functional.scaled_dot_product_attention(
            m.randn(2, 3, 4), m.randn(2, 5, 4), m.randn(2, 5, 4)
        )

    ours, theirs = case(lab), case(torch_ref)
    assert ours.grad_fn is None and theirs.grad_fn is None
    compare(ours, theirs)


SDPA_ERRORS = {
    "dtypes": lambda m: m.nn.functional.scaled_dot_product_attention(
        m.ones(2, 3), m.ones(2, 3, dtype=m.float64), m.ones(2, 3)
    ),
    "1-d": lambda m: m.nn.functional.scaled_dot_product_attention(m.ones(3), m.ones(3), m.ones(3)),
    "mask and causal": lambda m: m.nn.functional.scaled_dot_product_attention(
        m.ones(2, 3), m.ones(2, 3), m.ones(2, 3), attn_mask=m.zeros(2, 2), is_causal=True
    ),
    "integer mask": lambda m: m.nn.functional.scaled_dot_product_attention(
        m.ones(2, 3), m.ones(2, 3), m.ones(2, 3), attn_mask=m.zeros(2, 2, dtype=m.int64)
    ),
    "float64 mask": lambda m: m.nn.functional.scaled_dot_product_attention(
        m.ones(2, 3), m.ones(2, 3), m.ones(2, 3), attn_mask=m.zeros(2, 2, dtype=m.float64)
    ),
    "gqa heads": lambda m: m.nn.functional.scaled_dot_product_attention(
        m.ones(1, 4, 3, 2), m.ones(1, 3, 3, 2), m.ones(1, 3, 3, 2), enable_gqa=True
    ),
}


@pytest.mark.parametrize("name", SDPA_ERRORS)
def test_sdpa_errors(name: str) -> None:
    raises_like_torch(SDPA_ERRORS[name], torch_ref)


# -- MultiheadAttention -------------------------------------------------------------------------------------


def mha(
    shapes: tuple = ((3, 2, 4),),
    same: str = "qkv",
    train: bool = True,
    dtype: str = "float32",
    call: dict | None = None,
    **options: Any,
) -> Any:
    """A seeded MultiheadAttention(4 features, 2 heads) on seeded inputs; ``same`` says which inputs are one tensor."""

    def case(m: Any) -> tuple:
        m.manual_seed(0)
        layer = m.nn.MultiheadAttention(options.pop("embed_dim", 4), options.pop("num_heads", 2), **options)
        options.update(embed_dim=layer.embed_dim, num_heads=layer.num_heads)
        layer = layer.to(getattr(m, dtype)).train(train)
        inputs = leaves(m, *shapes, dtype=dtype, seed=1)
        if same == "qkv":
            q = k = v = inputs[0]
        elif same == "kv":
            q, k = inputs[:2]
            v = k
        else:
            q, k, v = inputs
        extra = {key: value(m) if callable(value) else value for key, value in (call or {}).items()}
        return layer(q, k, v, **extra), with_params(layer, inputs)

    return case


def padding(m: Any) -> Any:
    return m.tensor([[False, False, True], [False, True, True]])


def causal(m: Any) -> Any:
    return m.nn.Transformer.generate_square_subsequent_mask(3)


MHA = {
    "self-attention": mha(),
    "self-attention float64": mha(dtype="float64"),
    "batch first": mha(((2, 3, 4),), batch_first=True),
    "one sequence": mha(((3, 4),)),
    "one sequence, batch first": mha(((3, 4),), batch_first=True),
    "cross-attention": mha(((3, 2, 4), (5, 2, 4)), same="kv"),
    "cross-attention, batch first": mha(((2, 3, 4), (2, 5, 4)), same="kv", batch_first=True),
    "three tensors": mha(((3, 2, 4), (5, 2, 4), (5, 2, 4)), same="none"),
    "kdim and vdim": mha(((3, 2, 4), (5, 2, 3), (5, 2, 6)), same="none", kdim=3, vdim=6),
    "no bias": mha(bias=False),
    "bias_k and bias_v": mha(add_bias_kv=True),
    "zero attention": mha(add_zero_attn=True),
    "both extras with a padding mask": mha(
        add_bias_kv=True, add_zero_attn=True, call={"key_padding_mask": padding}
    ),
    "four heads": mha(((3, 2, 8),), embed_dim=8, num_heads=4),
    "weights per head": mha(call={"average_attn_weights": False}),
    "no weights": mha(call={"need_weights": False}),
    "no weights, batch first": mha(((2, 3, 4),), batch_first=True, call={"need_weights": False}),
    "padding mask": mha(call={"key_padding_mask": padding}),
    "padding mask, no weights": mha(call={"key_padding_mask": padding, "need_weights": False}),
    "float padding mask": mha(
        call={"key_padding_mask": lambda m: m.tensor([[0.0, -1.0, 0.5], [0.0, 0.0, -2.0]])}
    ),
    "causal mask": mha(call={"attn_mask": causal}),
    "causal mask and hint": mha(call={"attn_mask": causal, "is_causal": True}),
    "causal hint, no weights": mha(call={"attn_mask": causal, "is_causal": True, "need_weights": False}),
    "bool attention mask": mha(call={"attn_mask": lambda m: m.ones(3, 3, dtype=m.bool).triu(1)}),
    "3-d attention mask": mha(call={"attn_mask": lambda m: m.linspace(-1.0, 1.0, 36).reshape(4, 3, 3)}),
    "masks together": mha(call={"attn_mask": causal, "key_padding_mask": lambda m: padding(m).float() * -5}),
    "dropout": mha(dropout=0.5),
    "dropout in eval": mha(dropout=0.5, train=False),
    "eval": mha(train=False),
}


@pytest.mark.parametrize("name", MHA)
def test_multihead_attention(name: str) -> None:
    (ours, our_grads), (theirs, their_grads) = run(lab, MHA[name]), run(torch_ref, MHA[name])
    for a, b in zip(ours + our_grads, theirs + their_grads, strict=True):
        compare(a, b)


def test_multihead_attention_parameters_and_repr() -> None:
    def build(m: Any) -> Any:
        m.manual_seed(3)
        return [
            m.nn.MultiheadAttention(6, 3),
            m.nn.MultiheadAttention(6, 2, kdim=4, vdim=5, add_bias_kv=True, bias=False, batch_first=True),
        ]

    for ours, theirs in zip(build(lab), build(torch_ref), strict=True):
        assert repr(ours) == repr(theirs)
        our_state, their_state = ours.state_dict(), theirs.state_dict()
        assert list(our_state) == list(their_state)
        for key in our_state:
            np.testing.assert_array_equal(our_state[key].numpy(), their_state[key].numpy())
        for name in (
            "embed_dim",
            "kdim",
            "vdim",
            "num_heads",
            "head_dim",
            "batch_first",
            "dropout",
            "_qkv_same_embed_dim",
        ):
            assert getattr(ours, name) == getattr(theirs, name)


def test_multi_head_attention_forward_directly() -> None:
    def case(m: Any) -> tuple:
        q, k, w, w_out, b = leaves(m, (3, 2, 4), (5, 2, 4), (12, 4), (4, 4), (12,), seed=4)
        out = m.nn.functional.multi_head_attention_forward(
            q,
            k,
            k,
            4,
            2,
            w,
            b,
            None,
            None,
            False,
            0.0,
            w_out,
            None,
            key_padding_mask=m.zeros(2, 5, dtype=m.bool),
        )
        return out, [q, k, w, w_out, b]

    (ours, our_grads), (theirs, their_grads) = run(lab, case), run(torch_ref, case)
    for a, b in zip(ours + our_grads, theirs + their_grads, strict=True):
        compare(a, b)


def test_mismatched_masks_warn_as_pytorch_does() -> None:
    def case(m: Any) -> list:
        m.manual_seed(0)
        layer = m.nn.MultiheadAttention(4, 2)
        x = m.ones(3, 2, 4)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            layer(x, x, x, key_padding_mask=padding(m), attn_mask=m.zeros(3, 3))
        return [str(w.message) for w in caught if w.category is UserWarning]

    ours, theirs = case(lab), case(torch_ref)
    assert len(ours) == len(theirs) == 1
    assert ours[0].startswith(theirs[0]) and "Hint:" in ours[0]


MHA_ERRORS = {
    "embed_dim 0": lambda m: m.nn.MultiheadAttention(0, 2),
    "heads do not divide": lambda m: m.nn.MultiheadAttention(5, 2),
    "4-d query": lambda m: m.nn.MultiheadAttention(4, 2)(
        m.ones(1, 3, 2, 4), m.ones(1, 3, 2, 4), m.ones(1, 3, 2, 4)
    ),
    "2-d key for 3-d query": lambda m: m.nn.MultiheadAttention(4, 2)(
        m.ones(3, 2, 4), m.ones(3, 4), m.ones(3, 4)
    ),
    "wrong embed dim": lambda m: m.nn.MultiheadAttention(4, 2)(
        m.ones(3, 2, 6), m.ones(3, 2, 6), m.ones(3, 2, 6)
    ),
    "key and value shapes": lambda m: m.nn.MultiheadAttention(4, 2)(
        m.ones(3, 2, 4), m.ones(3, 2, 4), m.ones(5, 2, 4)
    ),
    "2-d mask shape": lambda m: m.nn.MultiheadAttention(4, 2)(
        m.ones(3, 2, 4), m.ones(3, 2, 4), m.ones(3, 2, 4), attn_mask=m.zeros(3, 4)
    ),
    "3-d mask shape": lambda m: m.nn.MultiheadAttention(4, 2)(
        m.ones(3, 2, 4), m.ones(3, 2, 4), m.ones(3, 2, 4), attn_mask=m.zeros(2, 3, 3)
    ),
    "integer mask": lambda m: m.nn.MultiheadAttention(4, 2)(
        m.ones(3, 2, 4), m.ones(3, 2, 4), m.ones(3, 2, 4), attn_mask=m.zeros(3, 3, dtype=m.int64)
    ),
    "padding mask dims": lambda m: m.nn.MultiheadAttention(4, 2)(
        m.ones(3, 2, 4), m.ones(3, 2, 4), m.ones(3, 2, 4), key_padding_mask=m.zeros(3, dtype=m.bool)
    ),
    "padding mask shape": lambda m: m.nn.MultiheadAttention(4, 2)(
        m.ones(3, 2, 4), m.ones(3, 2, 4), m.ones(3, 2, 4), key_padding_mask=m.zeros(2, 4, dtype=m.bool)
    ),
    "causal hint without mask": lambda m: m.nn.MultiheadAttention(4, 2)(
        m.ones(3, 2, 4), m.ones(3, 2, 4), m.ones(3, 2, 4), is_causal=True
    ),
}


@pytest.mark.parametrize("name", MHA_ERRORS)
def test_multihead_attention_errors(name: str) -> None:
    raises_like_torch(MHA_ERRORS[name], torch_ref)


# -- the Transformer ----------------------------------------------------------------------------------------


def transformer_case(kind: str, train: bool = True, call: dict | None = None, **options: Any) -> Any:
    """A seeded layer or model on seeded inputs (sequence first unless ``batch_first``)."""

    def case(m: Any) -> tuple:
        nn = m.nn
        m.manual_seed(0)
        settings = {"dim_feedforward": 8, "dropout": 0.0, **options}
        if kind == "encoder layer":
            model = nn.TransformerEncoderLayer(4, 2, **settings)
        elif kind == "decoder layer":
            model = nn.TransformerDecoderLayer(4, 2, **settings)
        elif kind == "encoder":
            model = nn.TransformerEncoder(nn.TransformerEncoderLayer(4, 2, **settings), 2, nn.LayerNorm(4))
        elif kind == "decoder":
            model = nn.TransformerDecoder(nn.TransformerDecoderLayer(4, 2, **settings), 2)
        else:
            model = nn.Transformer(4, 2, 2, 1, **settings)
        model.train(train)
        first = (2, 3, 4) if settings.get("batch_first") else (3, 2, 4)
        second = (2, 5, 4) if settings.get("batch_first") else (5, 2, 4)
        inputs = leaves(m, first, second, seed=1)
        extra = {key: value(m) if callable(value) else value for key, value in (call or {}).items()}
        if kind in ("encoder layer", "encoder"):
            return model(inputs[0], **extra), with_params(model, inputs[:1])
        if kind in ("decoder layer", "decoder"):
            return model(inputs[0], inputs[1], **extra), with_params(model, inputs)
        return model(inputs[1], inputs[0], **extra), with_params(model, inputs)

    return case


def src_padding(m: Any) -> Any:
    return m.tensor([[False, False, False, True, True], [False, False, False, False, True]])


TRANSFORMER = {
    "encoder layer": transformer_case("encoder layer"),
    "encoder layer, batch first": transformer_case("encoder layer", batch_first=True),
    "encoder layer, norm first": transformer_case("encoder layer", norm_first=True),
    "encoder layer, gelu": transformer_case("encoder layer", activation="gelu"),
    "encoder layer, a function": transformer_case("encoder layer", activation=lambda x: x.sigmoid()),
    "encoder layer, dropout": transformer_case("encoder layer", dropout=0.3),
    "encoder layer, eval": transformer_case("encoder layer", train=False, batch_first=True),
    "encoder layer, no bias": transformer_case("encoder layer", bias=False),
    "encoder layer, causal": transformer_case("encoder layer", call={"src_mask": causal, "is_causal": True}),
    "decoder layer": transformer_case("decoder layer"),
    "decoder layer, norm first, dropout": transformer_case("decoder layer", norm_first=True, dropout=0.2),
    "decoder layer, causal": transformer_case(
        "decoder layer", call={"tgt_mask": causal, "tgt_is_causal": True}
    ),
    "encoder": transformer_case("encoder"),
    "encoder, causal mask detected": transformer_case("encoder", call={"mask": causal}),
    "decoder": transformer_case("decoder", dropout=0.1),
    "transformer": transformer_case("transformer"),
    "transformer, dropout": transformer_case("transformer", dropout=0.1),
    "transformer, batch first, masks": transformer_case(
        "transformer",
        batch_first=True,
        call={
            "tgt_mask": causal,
            "src_key_padding_mask": src_padding,
            "memory_key_padding_mask": src_padding,
        },
    ),
    "transformer, eval": transformer_case("transformer", train=False),
}


@pytest.mark.parametrize("name", TRANSFORMER)
def test_transformer(name: str) -> None:
    (ours, our_grads), (theirs, their_grads) = run(lab, TRANSFORMER[name]), run(torch_ref, TRANSFORMER[name])
    for a, b in zip(ours + our_grads, theirs + their_grads, strict=True):
        compare(a, b)


def test_transformer_parameters_repr_and_mask() -> None:
    def build(m: Any) -> Any:
        m.manual_seed(5)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return m.nn.Transformer(
                d_model=8, nhead=2, num_encoder_layers=2, num_decoder_layers=1, dim_feedforward=6
            )

    ours, theirs = build(lab), build(torch_ref)
    assert repr(ours) == repr(theirs)
    our_state, their_state = ours.state_dict(), theirs.state_dict()
    assert list(our_state) == list(their_state)
    for key in our_state:
        np.testing.assert_array_equal(our_state[key].numpy(), their_state[key].numpy())
    for size in (1, 4):
        assert repr(lab.nn.Transformer.generate_square_subsequent_mask(size)) == repr(
            torch_ref.nn.Transformer.generate_square_subsequent_mask(size)
        )


def test_training_steps_follow_pytorch() -> None:
    def train(m: Any) -> list:
        m.manual_seed(0)
        model = m.nn.Transformer(4, 2, 1, 1, dim_feedforward=8, dropout=0.1, batch_first=True)
        # (SGD: Adam would magnify the key bias's gradient, 0 in exact arithmetic, into steps of ±lr)
        optimizer = m.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
        src, tgt = m.randn(2, 5, 4), m.randn(2, 3, 4)
        losses = []
        for _ in range(3):
            optimizer.zero_grad()
            loss = (model(src, tgt, tgt_mask=causal(m)) - tgt).pow(2).mean()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        return losses + [p.detach().numpy().copy() for p in model.parameters()]

    ours, theirs = train(lab), train(torch_ref)
    np.testing.assert_allclose(ours[:3], theirs[:3], rtol=1e-5)
    for a, b in zip(ours[3:], theirs[3:], strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("batch_first", [False, True])
@pytest.mark.parametrize("norm_first", [False, True])
def test_nested_tensor_warning(batch_first: bool, norm_first: bool) -> None:
    def case(m: Any) -> list:
        layer = m.nn.TransformerEncoderLayer(4, 2, batch_first=batch_first, norm_first=norm_first)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            m.nn.TransformerEncoder(layer, 1)
            m.nn.TransformerEncoder(layer, 1, enable_nested_tensor=False)
        return [str(w.message) for w in caught if w.category is UserWarning]

    ours, theirs = case(lab), case(torch_ref)
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs, strict=True):
        assert a.startswith(b)


TRANSFORMER_ERRORS = {
    "activation name": lambda m: m.nn.TransformerEncoderLayer(4, 2, activation="tanh"),
    "batch sizes": lambda m: m.nn.Transformer(4, 2, 1, 1, dim_feedforward=4)(
        m.ones(5, 2, 4), m.ones(3, 3, 4)
    ),
    "features": lambda m: m.nn.Transformer(4, 2, 1, 1, dim_feedforward=4)(m.ones(5, 2, 4), m.ones(3, 2, 6)),
}


@pytest.mark.parametrize("name", TRANSFORMER_ERRORS)
def test_transformer_errors(name: str) -> None:
    raises_like_torch(TRANSFORMER_ERRORS[name], torch_ref)
