"""Session 21: losses that PyTorch refuses but autograd_lab computed (class-target shapes and dtypes, integer
scores in regression losses), and the valid cases next to them, which must keep PyTorch's values."""

from __future__ import annotations

import warnings

import pytest
from twins import raises_like_torch, same_bits

import autograd_lab as lab
from autograd_lab.messages.catalogue import ERRORS

torch = pytest.importorskip("torch")

LOGITS = [[2.0, 0.5, 0.1], [0.3, 1.2, 0.4]]


def _logits(m):
    return m.tensor(LOGITS)


REFUSED = {
    # bug 1: a column of labels, or a target of another rank
    "CrossEntropyLoss, (N, 1) target": lambda m: m.nn.CrossEntropyLoss()(_logits(m), m.tensor([[0], [1]])),
    "NLLLoss, (N, 1) target": lambda m: m.nn.NLLLoss()(_logits(m), m.tensor([[0], [1]])),
    "nll_loss, (N, 1) target": lambda m: m.nn.functional.nll_loss(
        m.nn.functional.log_softmax(_logits(m), 1), m.tensor([[0], [1]])
    ),
    "cross_entropy, (N, 1) int32 target": lambda m: m.nn.functional.cross_entropy(
        _logits(m), m.tensor([[0], [1]], dtype=m.int32)
    ),
    "cross_entropy, label smoothing, (N, 1) target": lambda m: m.nn.functional.cross_entropy(
        _logits(m), m.tensor([[0], [1]]), label_smoothing=0.1
    ),
    "cross_entropy, float target of another shape": lambda m: m.nn.functional.cross_entropy(
        _logits(m), m.ones(2, 4) / 4
    ),
    "cross_entropy, (N, C, 1) float target": lambda m: m.nn.functional.cross_entropy(
        _logits(m), m.ones(2, 3, 1) / 4
    ),
    "cross_entropy, (C,) scores, (1, 1) target": lambda m: m.nn.functional.cross_entropy(
        m.zeros(3), m.tensor([[1]])
    ),
    "nll_loss, (C,) scores, 4 targets": lambda m: m.nn.functional.nll_loss(
        m.zeros(3), m.zeros(4, dtype=m.long)
    ),
    "cross_entropy, (N, C, H, W), (N, H) target": lambda m: m.nn.functional.cross_entropy(
        m.zeros(2, 3, 4, 5), m.zeros(2, 4, dtype=m.long)
    ),
    "nll_loss, (N, C, H, W), (N, H, W, 1) target": lambda m: m.nn.functional.nll_loss(
        m.zeros(2, 3, 4, 5), m.zeros(2, 4, 5, 1, dtype=m.long)
    ),
    "nll_loss, (N, C, H, W), other H, W": lambda m: m.nn.functional.nll_loss(
        m.zeros(2, 3, 4, 5), m.zeros(2, 4, 6, dtype=m.long)
    ),
    # bug 2: labels of another dtype than int64 or uint8
    "CrossEntropyLoss, int32 target": lambda m: m.nn.CrossEntropyLoss()(
        m.zeros(2, 3), m.tensor([0, 2], dtype=m.int32)
    ),
    "cross_entropy, int16 target": lambda m: m.nn.functional.cross_entropy(
        m.zeros(2, 3), m.tensor([0, 1], dtype=m.int16)
    ),
    "cross_entropy, int8 target": lambda m: m.nn.functional.cross_entropy(
        m.zeros(2, 3), m.tensor([0, 1], dtype=m.int8)
    ),
    "cross_entropy, label smoothing, int32 target": lambda m: m.nn.functional.cross_entropy(
        _logits(m), m.tensor([0, 1], dtype=m.int32), label_smoothing=0.1
    ),
    "nll_loss, int32 target": lambda m: m.nn.functional.nll_loss(
        m.zeros(2, 3), m.tensor([0, 1], dtype=m.int32)
    ),
    "nll_loss, int32 target out of range": lambda m: m.nn.functional.nll_loss(
        m.zeros(2, 3), m.tensor([0, 5], dtype=m.int32)
    ),
    "nll_loss, (N, C, d) int32 target": lambda m: m.nn.functional.nll_loss(
        m.zeros(2, 3, 4), m.zeros(2, 4, dtype=m.int32)
    ),
    "nll_loss, (N, C, H, W) uint8 target": lambda m: m.nn.functional.nll_loss(
        m.zeros(2, 3, 4, 5), m.zeros(2, 4, 5, dtype=m.uint8)
    ),
    "cross_entropy, (N, C, d) uint8 target": lambda m: m.nn.functional.cross_entropy(
        m.zeros(2, 3, 4), m.zeros(2, 4, dtype=m.uint8)
    ),
    "nll_loss, integer scores": lambda m: m.nn.functional.nll_loss(m.tensor([[1, 2, 3]]), m.tensor([0])),
    "nll_loss, (N, C, d) integer scores": lambda m: m.nn.functional.nll_loss(
        m.zeros(2, 3, 4, dtype=m.long), m.zeros(2, 4, dtype=m.long)
    ),
    "cross_entropy, 0-d scores and label": lambda m: m.nn.functional.cross_entropy(m.tensor(1), m.tensor(0)),
    # bug 3: integer scores in regression losses
    "mse_loss, int64": lambda m: m.nn.functional.mse_loss(m.tensor([1, 2]), m.tensor([1, 4])),
    "mse_loss, int32": lambda m: m.nn.functional.mse_loss(
        m.tensor([1, 2], dtype=m.int32), m.tensor([1, 4], dtype=m.int32)
    ),
    "mse_loss, bool": lambda m: m.nn.functional.mse_loss(m.tensor([True]), m.tensor([False])),
    "mse_loss, int64 and int32": lambda m: m.nn.functional.mse_loss(
        m.tensor([1, 2]), m.tensor([1, 4], dtype=m.int32)
    ),
    "MSELoss, int64, sum": lambda m: m.nn.MSELoss(reduction="sum")(m.tensor([1, 2]), m.tensor([1, 4])),
    "smooth_l1_loss, int64": lambda m: m.nn.functional.smooth_l1_loss(m.tensor([1, 2]), m.tensor([1, 4])),
    "huber_loss, int64": lambda m: m.nn.functional.huber_loss(m.tensor([1, 2]), m.tensor([1, 4])),
    "huber_loss, int64 scores, float targets": lambda m: m.nn.functional.huber_loss(
        m.tensor([1, 2]), m.tensor([1.0, 4.0])
    ),
    "huber_loss, int64 scores, float64 targets": lambda m: m.nn.functional.huber_loss(
        m.tensor([1, 2]), m.tensor([1.0, 4.0], dtype=m.float64)
    ),
    "binary_cross_entropy, int64": lambda m: m.nn.functional.binary_cross_entropy(
        m.tensor([1, 0]), m.tensor([1, 0])
    ),
    "binary_cross_entropy_with_logits, int64 scores": lambda m: (
        m.nn.functional.binary_cross_entropy_with_logits(m.tensor([1, 2]), m.tensor([1.0, 0.0]))
    ),
    "binary_cross_entropy_with_logits, float64 and int64": lambda m: (
        m.nn.functional.binary_cross_entropy_with_logits(
            m.tensor([1.0, 2.0], dtype=m.float64), m.tensor([1, 0])
        )
    ),
    "soft_margin_loss, int64": lambda m: m.nn.functional.soft_margin_loss(
        m.tensor([1, 2]), m.tensor([1, -1])
    ),
    "soft_margin_loss, bool scores": lambda m: m.nn.functional.soft_margin_loss(
        m.tensor([True, False]), m.tensor([1.0, -1.0])
    ),
    "hinge_embedding_loss, bool scores": lambda m: m.nn.functional.hinge_embedding_loss(
        m.tensor([True, False]), m.tensor([1, -1])
    ),
    "hinge_embedding_loss, int64 scores": lambda m: m.nn.functional.hinge_embedding_loss(
        m.tensor([1, 2]), m.tensor([1.0, -1.0])
    ),
    "multilabel_soft_margin_loss, int64 scores": lambda m: m.nn.functional.multilabel_soft_margin_loss(
        m.tensor([[1, 2]]), m.tensor([[1.0, 0.0]])
    ),
    "margin_ranking_loss, bool scores": lambda m: m.nn.functional.margin_ranking_loss(
        m.tensor([True]), m.tensor([False]), m.tensor([True])
    ),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_refused_as_pytorch_refuses(case: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        raises_like_torch(REFUSED[case], torch)


@pytest.mark.parametrize(
    ("case", "entry"),
    [("CrossEntropyLoss, (N, 1) target", "nn_multi_target"), ("mse_loss, int64", "nn_loss_not_floating")],
)
def test_the_hint_says_what_to_do(case: str, entry: str) -> None:
    text = raises_like_torch(REFUSED[case], torch)
    assert text.partition(" Hint: ")[2] == ERRORS[entry].en
    if entry == "nn_multi_target":
        assert "(N,)" in ERRORS[entry].en and "y.view(-1)" in ERRORS[entry].en


ACCEPTED = {
    "cross_entropy, (N,) int64": lambda m: m.nn.functional.cross_entropy(_logits(m), m.tensor([0, 2])),
    "cross_entropy, (N,) uint8": lambda m: m.nn.functional.cross_entropy(
        _logits(m), m.tensor([0, 1], dtype=m.uint8)
    ),
    "cross_entropy, label smoothing, uint8": lambda m: m.nn.functional.cross_entropy(
        _logits(m), m.tensor([0, 1], dtype=m.uint8), label_smoothing=0.1
    ),
    "cross_entropy, probabilities": lambda m: m.nn.functional.cross_entropy(_logits(m), m.ones(2, 3) / 3),
    "cross_entropy, (N, C, d), (N, d)": lambda m: m.nn.functional.cross_entropy(
        m.arange(24.0).view(2, 3, 4) / 10, m.tensor([[0, 1, 2, 0], [2, 2, 1, 0]])
    ),
    "cross_entropy, (N, C, H, W), (N, H, W)": lambda m: m.nn.functional.cross_entropy(
        m.arange(120.0).view(2, 3, 4, 5) / 100, m.zeros(2, 4, 5, dtype=m.long)
    ),
    "cross_entropy, (C,) scores, 0-d target": lambda m: m.nn.functional.cross_entropy(
        m.tensor([1.0, 2.0, 3.0]), m.tensor(1)
    ),
    "cross_entropy, (C,) scores, (1,) target": lambda m: m.nn.functional.cross_entropy(
        m.tensor([1.0, 2.0, 3.0]), m.tensor([1])
    ),
    "nll_loss, (C,) scores, (1,) target, none": lambda m: m.nn.functional.nll_loss(
        m.zeros(3), m.tensor([1]), reduction="none"
    ),
    "nll_loss, (N,) uint8": lambda m: m.nn.functional.nll_loss(_logits(m), m.tensor([0, 1], dtype=m.uint8)),
    "nll_loss, float16 scores": lambda m: m.nn.functional.nll_loss(
        m.tensor(LOGITS, dtype=m.float16), m.tensor([0, 1])
    ),
    "mse_loss, float32": lambda m: m.nn.functional.mse_loss(m.tensor([1.0, 2.0]), m.tensor([1.0, 4.5])),
    "mse_loss, int64 scores, float targets": lambda m: m.nn.functional.mse_loss(
        m.tensor([1, 2]), m.tensor([1.0, 4.0])
    ),
    "mse_loss, float scores, int64 targets": lambda m: m.nn.functional.mse_loss(
        m.tensor([1.0, 2.0]), m.tensor([1, 4])
    ),
    "mse_loss, bool scores, float targets": lambda m: m.nn.functional.mse_loss(
        m.tensor([True, False]), m.tensor([1.0, 4.0])
    ),
    "mse_loss, int64 scores, float64 targets": lambda m: m.nn.functional.mse_loss(
        m.tensor([1, 2]), m.tensor([1.0, 4.0], dtype=m.float64)
    ),
    "smooth_l1_loss, int32 scores, float targets": lambda m: m.nn.functional.smooth_l1_loss(
        m.tensor([1, 2], dtype=m.int32), m.tensor([1.0, 4.0])
    ),
    "huber_loss, float scores, int64 targets": lambda m: m.nn.functional.huber_loss(
        m.tensor([1.0, 2.0]), m.tensor([1, 4])
    ),
    "l1_loss, int64, none": lambda m: m.nn.functional.l1_loss(
        m.tensor([1, 2]), m.tensor([1, 4]), reduction="none"
    ),
    "margin_ranking_loss, int64": lambda m: m.nn.functional.margin_ranking_loss(
        m.tensor([1, 2]), m.tensor([2, 0]), m.tensor([1, 1])
    ),
    "hinge_embedding_loss, int64, sum": lambda m: m.nn.functional.hinge_embedding_loss(
        m.tensor([1, 2]), m.tensor([1, -1]), reduction="sum"
    ),
}


def test_valid_cases_keep_pytorchs_values() -> None:
    """One test over all of them: the (C,) none, integer margin ranking and hinge cases were wrong before."""
    for case, call in ACCEPTED.items():
        with warnings.catch_warnings(record=True) as ours_warned:
            warnings.simplefilter("always")
            ours = call(lab)
        with warnings.catch_warnings(record=True) as theirs_warned:
            warnings.simplefilter("always")
            theirs = call(torch)
        assert [str(w.message) for w in ours_warned] == [str(w.message) for w in theirs_warned], case
        if ours.dtype.is_floating_point and ours.dtype != lab.float16:
            assert str(ours.dtype) == str(theirs.dtype), case
            assert tuple(ours.shape) == tuple(theirs.shape), case
            assert abs(float(ours.sum()) - float(theirs.sum())) <= 1e-6 * max(
                1.0, abs(float(theirs.sum()))
            ), case
        else:
            same_bits(ours, theirs)
