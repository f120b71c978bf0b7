"""Branch ``losses`` run in autograd_lab and in PyTorch: values, nodes, gradients, printing, errors.

Each case is one expression, evaluated with ``outcome`` of
tests/test_nn_more_against_torch.py: its ``repr``, or its exception's type
and sentence, must be PyTorch's (ours adds a hint).  ``grads(m, f, *values)``
gives ``f``'s output, its node's name and each input's gradient after a
backward pass with an uneven upstream gradient.  The four op rows
(soft_margin_loss, multi_margin_loss, multilabel_margin_loss, ctc_loss) are
also checked by tests/factories_losses.py.
"""

from __future__ import annotations

import pytest

torch_ref = pytest.importorskip("torch")

from test_nn_more_against_torch import outcome  # noqa: E402

import autograd_lab as lab  # noqa: E402

X = [[-1.5, -0.2, 0.0, 0.3], [2.5, 1.0, -1.0, 0.7], [0.4, -0.6, 1.2, -2.0]]
COUNTS = [[0.0, 1.0, 2.0, 5.0], [0.5, 3.0, 1.0, 0.0], [-1.0, 1.0, 7.0, 2.0]]  # some ≤ 1, some > 1 (Stirling)
LABELS = [[1.0, -1.0, 1.0, -1.0], [-1.0, -1.0, 1.0, 1.0], [1.0, 1.0, -1.0, -1.0]]
VAR = [[0.5, 1.0, 2.0, 0.1], [1e-8, 0.3, 1.0, 1.0], [2.0, 2.0, 0.5, 0.7]]  # one below eps: clamped
REDUCTIONS = ["mean", "sum", "none"]

CASES = {
    **{
        f"poisson_nll_loss {options} {reduction}": (
            f"grads(m, lambda x, t: F.poisson_nll_loss(x{options}, reduction={reduction!r}), {X}, {COUNTS})"
        )
        for options in [", t", ", t, log_input=False", ", t, full=True", ", t, False, True, eps=0.1"]
        for reduction in REDUCTIONS
    },
    **{
        f"gaussian_nll_loss {options} {reduction}": (
            f"grads(m, lambda x, t, v: F.gaussian_nll_loss(x, t, v{options}, reduction={reduction!r}), "
            f"{X}, {COUNTS}, {VAR})"
        )
        for options in ["", ", full=True", ", eps=0.4"]
        for reduction in REDUCTIONS
    },
    "gaussian_nll_loss var one per row": f"grads(m, lambda x, t, v: F.gaussian_nll_loss(x, t, v), {X}, {COUNTS}, "
    "[1.0, 0.5, 2.0])",
    "gaussian_nll_loss var (N, 1)": f"grads(m, lambda x, t, v: F.gaussian_nll_loss(x, t, v), {X}, {COUNTS}, "
    "[[1.0], [0.5], [2.0]])",
    "gaussian_nll_loss var a float": f"grads(m, lambda x, t: F.gaussian_nll_loss(x, t, 0.5), {X}, {COUNTS})",
    **{
        f"soft_margin_loss {reduction}": (
            f"grads(m, lambda x: F.soft_margin_loss(x, m.tensor({LABELS}, dtype=m.float64), "
            f"reduction={reduction!r}), {X})"
        )
        for reduction in REDUCTIONS
    },
    **{
        f"hinge_embedding_loss {margin} {reduction}": (
            f"grads(m, lambda x: F.hinge_embedding_loss(x, m.tensor({LABELS}){margin}, reduction={reduction!r}), {X})"
        )
        for margin in ["", ", margin=0.5", ", 2.0"]
        for reduction in REDUCTIONS
    },
    **{
        f"multi_margin_loss {options} {reduction}": (
            f"grads(m, lambda x: F.multi_margin_loss(x, m.tensor([0, 3, 1]){options}, reduction={reduction!r}), {X})"
        )
        for options in [
            "",
            ", p=2",
            ", margin=0.5",
            ", weight=m.tensor([1.0, 0.5, 2.0, 0.3], dtype=m.float64)",
        ]
        for reduction in REDUCTIONS
    },
    "multi_margin_loss one row": "grads(m, lambda x: F.multi_margin_loss(x, m.tensor(2), reduction='none'), "
    "[0.1, 0.5, -0.3])",
    **{
        f"multilabel_margin_loss {reduction}": (
            "grads(m, lambda x: F.multilabel_margin_loss(x, m.tensor([[3, 0, -1, 1], [1, 1, 2, -1], [-1, 0, 0, 0]]), "
            f"reduction={reduction!r}), {X})"
        )
        for reduction in REDUCTIONS
    },
    "multilabel_margin_loss one row": "grads(m, lambda x: F.multilabel_margin_loss(x, m.tensor([2, -1, 0]), "
    "reduction='none'), [0.1, 0.5, -0.3])",
    **{
        f"multilabel_soft_margin_loss {weight} {reduction}": (
            "grads(m, lambda x, t: F.multilabel_soft_margin_loss(x, t"
            f"{weight}, reduction={reduction!r}), {X}, [[1.0, 0.0, 0.0, 1.0], [0.0, 1.0, 1.0, 1.0], [0.2, 0.0, 1.0, 0.0]])"
        )
        for weight in ["", ", m.tensor([1.0, 2.0, 0.5, 1.0], dtype=m.float64)"]
        for reduction in REDUCTIONS
    },
    # -- modules: printing, and the float32 loss as a lesson prints it
    **{
        f"nn.{name}": f"(nn.{name}(), nn.{name}{args})"
        for name, args in [
            ("PoissonNLLLoss", "(log_input=False, full=True, reduction='sum')"),
            ("GaussianNLLLoss", "(full=True, eps=0.1)"),
            ("SoftMarginLoss", "(reduction='none')"),
            ("HingeEmbeddingLoss", "(margin=2.0)"),
            ("MultiMarginLoss", "(p=2, margin=0.5, weight=m.ones(3))"),
            ("MultiLabelMarginLoss", "(reduction='sum')"),
            ("MultiLabelSoftMarginLoss", "(weight=m.ones(3))"),
            ("CTCLoss", "(blank=1, zero_infinity=True)"),
        ]
    },
    "nn.MultiMarginLoss weight in state_dict": "nn.MultiMarginLoss(weight=m.ones(3)).state_dict()",
    "nn.PoissonNLLLoss printed": f"nn.PoissonNLLLoss()(m.tensor({X}, requires_grad=True), m.tensor({COUNTS}))",
    "nn.GaussianNLLLoss printed": f"nn.GaussianNLLLoss()(m.tensor({X}, requires_grad=True), m.tensor({COUNTS}), "
    f"m.tensor({VAR}))",
    "nn.SoftMarginLoss printed": "nn.SoftMarginLoss()(m.tensor([[0.3, 0.7], [0.5, 0.5]], requires_grad=True), "
    "m.tensor([[-1.0, 1.0], [1.0, -1.0]]))",
    "nn.HingeEmbeddingLoss printed": "nn.HingeEmbeddingLoss(reduction='none')("
    "m.tensor([[1.0, 0.8, 0.5]], requires_grad=True), m.tensor([[1, 1, -1]]))",
    "nn.MultiMarginLoss printed": "nn.MultiMarginLoss()(m.tensor([[0.3, 0.7], [0.5, 0.5]], requires_grad=True), "
    "m.tensor([0, 1]))",
    "nn.MultiLabelMarginLoss printed": "nn.MultiLabelMarginLoss(reduction='none')("
    "m.tensor([[0.9, 0.2, 0.4, 0.8]], requires_grad=True), m.tensor([[3, 0, -1, 1]]))",
    "nn.MultiLabelSoftMarginLoss printed": "nn.MultiLabelSoftMarginLoss(reduction='none')("
    "m.tensor([[0.9, 0.2], [0.4, 0.8]], requires_grad=True), m.tensor([[1.0, 0.0], [1.0, 1.0]]))",
    # -- errors
    "poisson_nll_loss bad reduction": "F.poisson_nll_loss(m.ones(2), m.ones(2), reduction='avg')",
    "poisson_nll_loss shapes": "F.poisson_nll_loss(m.ones(2, 3), m.ones(2, 4))",
    "gaussian_nll_loss var size": "F.gaussian_nll_loss(m.ones(2, 3), m.ones(2, 3), m.ones(4))",
    "gaussian_nll_loss var negative": "F.gaussian_nll_loss(m.ones(2, 3), m.ones(2, 3), -m.ones(2, 3))",
    "gaussian_nll_loss float var negative": "F.gaussian_nll_loss(m.ones(2, 3), m.ones(2, 3), -1.0)",
    "gaussian_nll_loss bad reduction": "F.gaussian_nll_loss(m.ones(2), m.ones(2), m.ones(2), reduction='avg')",
    "soft_margin_loss shapes": "F.soft_margin_loss(m.ones(2, 3), m.ones(2, 4))",
    "soft_margin_loss target requires grad": "F.soft_margin_loss(m.ones(3), m.ones(3, requires_grad=True))",
    "soft_margin_loss target requires grad, no_grad": "m.no_grad()(F.soft_margin_loss)(m.ones(3), "
    "m.ones(3, requires_grad=True))",
    "hinge_embedding_loss shapes": "F.hinge_embedding_loss(m.ones(2, 3), m.ones(2, 4))",
    "multi_margin_loss p": "F.multi_margin_loss(m.ones(2, 3), m.tensor([0, 1]), p=3)",
    "nn.MultiMarginLoss p": "nn.MultiMarginLoss(p=3)",
    "nn.MultiMarginLoss weight 2-d": "nn.MultiMarginLoss(weight=m.ones(2, 2))",
    "multi_margin_loss target size": "F.multi_margin_loss(m.ones(2, 3), m.tensor([0, 1, 2]))",
    "multi_margin_loss target range": "F.multi_margin_loss(m.ones(2, 3), m.tensor([0, 3]))",
    "multi_margin_loss weight size": "F.multi_margin_loss(m.ones(2, 3), m.tensor([0, 1]), weight=m.ones(4))",
    "multilabel_margin_loss target size": "F.multilabel_margin_loss(m.ones(2, 3), m.tensor([0, 1]))",
    "multilabel_margin_loss target range": "F.multilabel_margin_loss(m.ones(1, 3), m.tensor([[0, 3, -1]]))",
    "multilabel_soft_margin_loss bad reduction": "F.multilabel_soft_margin_loss(m.ones(2, 3), m.ones(2, 3), "
    "reduction='avg')",
}

# -- CTC: padded and concatenated targets, repeats, an impossible alignment, zero_infinity, unbatched
LOG_PROBS = "m.linspace(-2.0, 1.0, 60, dtype=m.float64).sin().reshape(5, 3, 4).log_softmax(2)"
CTC_INPUTS = [
    ("padded", "m.tensor([[1, 2, 2], [3, 3, 0], [1, 0, 0]])", "m.tensor([5, 4, 5])", "m.tensor([3, 2, 1])"),
    ("concatenated", "m.tensor([1, 2, 2, 3, 3, 1])", "m.tensor([5, 4, 5])", "m.tensor([3, 2, 1])"),
    ("lists", "m.tensor([[1, 2, 2], [3, 3, 0], [1, 0, 0]])", "[5, 4, 5]", "[3, 2, 1]"),
    (
        "impossible",
        "m.tensor([[1, 1, 1], [2, 0, 0], [3, 0, 0]])",
        "m.tensor([4, 5, 5])",
        "m.tensor([3, 1, 0])",
    ),
]
CASES.update(
    {
        f"ctc_loss {name} {reduction}{options}": (
            f"grads(m, lambda x: F.ctc_loss(x.log_softmax(2), {targets}, {lengths}, {labels}, "
            f"reduction={reduction!r}{options}), {LOG_PROBS}.tolist())"
        )
        for name, targets, lengths, labels in CTC_INPUTS
        for reduction in REDUCTIONS
        for options in ["", ", zero_infinity=True"]
        if name != "impossible" or options
    }
)
CASES.update(
    {
        # PyTorch's gradient for log_probs themselves (a leaf): it assumes they came from log_softmax
        "ctc_loss leaf gradient": f"grads(m, lambda x: F.ctc_loss(x, *{CTC_INPUTS[0][1:]!r}), {LOG_PROBS}.tolist())".replace(
            "'", ""
        ),
        "ctc_loss impossible": f"F.ctc_loss({LOG_PROBS}, {CTC_INPUTS[3][1]}, {CTC_INPUTS[3][2]}, {CTC_INPUTS[3][3]}, "
        "reduction='none')",
        "ctc_loss blank": f"F.ctc_loss({LOG_PROBS}, m.tensor([[0, 2], [3, 3], [2, 0]]), [5, 5, 5], [2, 2, 1], blank=1)",
        "ctc_loss unbatched": f"F.ctc_loss({LOG_PROBS}[:, 0], m.tensor([1, 2]), m.tensor(5), m.tensor(2))",
        "nn.CTCLoss printed": "nn.CTCLoss()(m.linspace(-2.0, 1.0, 60).sin().reshape(5, 3, 4).log_softmax(2)"
        ".detach().requires_grad_(), m.tensor([[1, 2], [3, 3], [1, 0]]), [5, 5, 5], [2, 2, 1])",
        "ctc_loss input length": f"F.ctc_loss({LOG_PROBS}, m.tensor([[1], [1], [1]]), [5, 6, 5], [1, 1, 1])",
        "ctc_loss target size": f"F.ctc_loss({LOG_PROBS}, m.tensor([[1], [1], [1]]), [5, 5, 5], [1, 2, 1])",
    }
)


@pytest.mark.parametrize("code", CASES.values(), ids=CASES.keys())
def test_same_as_torch(code: str) -> None:
    assert outcome(lab, code) == outcome(torch_ref, code)
