"""Helper D's nn additions run in autograd_lab and in PyTorch: layers, their printing, init, gradients, errors.

Each case is one expression (``m`` the module, ``nn`` its ``nn``, ``F`` its
``nn.functional``); its ``repr``, or its exception's type and sentence,
must be PyTorch's (ours adds a hint).  ``grads(m, f, *values)`` gives
``f``'s output and the gradient of each input after a backward pass with a
fixed, uneven upstream gradient.  The ops' rows are also checked by
tests/factories_nn_more.py (finite differences, PyTorch, second derivatives).
"""

from __future__ import annotations

import re
import warnings
from typing import Any

import numpy as np
import pytest

torch_ref = pytest.importorskip("torch")

import autograd_lab as lab  # noqa: E402


def grads(m: Any, f: Any, *values: Any) -> tuple:
    """``f(*inputs)``, its grad_fn's name, and each input's gradient after backward with an uneven upstream gradient.

    The gradients' zeros are shown unsigned (``+ 0.0``): where PyTorch's kernels leave −0.0 (an ignored row
    of cross_entropy) is not behaviour a lesson can see.
    """
    inputs = [m.tensor(v, dtype=m.float64, requires_grad=True) for v in values]
    out = f(*inputs)
    upstream = m.linspace(-1.0, 2.0, out.numel(), dtype=out.dtype).reshape(out.shape)
    out.backward(upstream)
    return (
        out.detach(),
        type(out.grad_fn).__name__,
        [None if x.grad is None else x.grad + 0.0 for x in inputs],
    )


def seeded(m: Any, make: Any) -> Any:
    """``make()`` after ``manual_seed(0)``: a layer's initial parameters."""
    m.manual_seed(0)
    return make()


X = [[-1.5, -0.2, 0.0, 0.3, 2.5], [25.0, -30.0, 1.0, -1.0, 6.0]]

CASES = {
    # -- activations: values, node, gradients (the kinks at 0 and the bounds as PyTorch takes them)
    **{
        f"F.{name}": f"grads(m, lambda x: F.{name}(x), {X})"
        for name in [
            "elu",
            "selu",
            "celu",
            "silu",
            "mish",
            "softplus",
            "hardtanh",
            "relu6",
            "softsign",
            "tanhshrink",
            "logsigmoid",
            "gelu",
        ]
    },  # fmt: skip
    "F.elu alpha": f"grads(m, lambda x: F.elu(x, 0.5), {X})",
    "F.celu alpha": f"grads(m, lambda x: F.celu(x, alpha=2.0), {X})",
    "F.softplus beta threshold": f"grads(m, lambda x: F.softplus(x, beta=2, threshold=3), {X})",
    "F.hardtanh bounds": f"grads(m, lambda x: F.hardtanh(x, -0.2, 1.0), {X})",
    "F.threshold": f"grads(m, lambda x: F.threshold(x, 0.3, -7.0), {X})",
    "F.softmin": f"grads(m, lambda x: F.softmin(x, dim=1), {X})",
    "F.softmin dim 0": f"grads(m, lambda x: F.softmin(x, 0), {X})",
    "F.gelu tanh": f"grads(m, lambda x: F.gelu(x, approximate='tanh'), {X})",
    "F.prelu one weight": f"grads(m, lambda x, w: F.prelu(x, w), {X}, [0.25])",
    "F.prelu per channel": "grads(m, lambda x, w: F.prelu(x, w), [[[-1.0, 2.0], [0.0, -3.0]]], [0.1, 0.3])",
    "F.prelu of a vector": "grads(m, lambda x, w: F.prelu(x, w), [-1.0, 0.0, 2.0], [0.1])",
    "F.elu in place": "(lambda x: F.elu(x, inplace=True))(m.tensor([-1.0, 2.0]))",
    "F.hardtanh in place": "(lambda x: (F.hardtanh(x, inplace=True), x))(m.tensor([-3.0, 0.5]))",
    "F.relu6 of ints": "F.relu6(m.tensor([-1, 3, 9]))",
    "SELU's float32 values": "F.selu(m.tensor([-1.0, 0.5]))",
    "F.prelu wrong count": "F.prelu(m.ones(2, 3, 4), m.ones(2))",
    "F.hardtanh min > max": "F.hardtanh(m.ones(2), 2.0, 1.0)",
    # -- activation layers: printing, parameters
    "activation reprs": (
        "[nn.ELU(), nn.ELU(0.5, True), nn.ELU(1), nn.CELU(), nn.SELU(), nn.SELU(True), nn.SiLU(), nn.Mish(True), "
        "nn.Softplus(), nn.Softplus(2, 10), nn.Hardtanh(), nn.Hardtanh(-2, 2, True), nn.ReLU6(), nn.ReLU6(True), "
        "nn.Softsign(), nn.Tanhshrink(), nn.Threshold(0.1, 20), nn.Threshold(0.1, 20, True), nn.LogSigmoid(), "
        "nn.Softmin(), nn.Softmin(1), nn.GELU('tanh'), nn.PReLU(), nn.PReLU(3, 0.1)]"
    ),
    "PReLU's weight": "nn.PReLU(3, 0.1).weight",
    "PReLU's gradients": "grads(m, lambda x: nn.PReLU(2)(x).sum(1), [[[-1.0, 2.0], [0.0, -3.0]]])",
    "PReLU float64 gradients": "(lambda layer, x: (layer(x).sum().backward(), layer.weight.grad))(nn.PReLU(2).double(), m.tensor([[[-1.0, 2.0], [0.0, -3.0]]], dtype=m.float64))",
    "PReLU state_dict": "nn.PReLU().state_dict()",
    "Hardtanh wrong order": "nn.Hardtanh(2.0, 1.0)",
    "Hardtanh min_value": "nn.Hardtanh(min_value=-2.0)",
    "a model of new activations": (
        "seeded(m, lambda: nn.Sequential(nn.Linear(3, 4), nn.SiLU(), nn.Linear(4, 4), nn.ELU(), nn.PReLU(), "
        "nn.Linear(4, 2), nn.Mish()))"
    ),
    # -- layer norm and group norm
    "norm reprs": (
        "[nn.LayerNorm(4), nn.LayerNorm((3, 4), eps=1e-6, elementwise_affine=False), nn.LayerNorm([3, 4]), "
        "nn.LayerNorm(4, bias=False), nn.GroupNorm(2, 4), nn.GroupNorm(2, 4, affine=False, eps=1e-3), "
        "nn.GroupNorm(1, 3, bias=False)]"
    ),
    "LayerNorm's parameters": "(lambda n: (n.normalized_shape, n.weight, n.bias))(nn.LayerNorm([2, 3]))",
    "LayerNorm without affine": "(lambda n: (n.weight, n.bias, list(n.state_dict())))(nn.LayerNorm(3, elementwise_affine=False))",
    "LayerNorm without bias": "(lambda n: (n.bias, list(n.state_dict())))(nn.LayerNorm(3, bias=False))",
    "GroupNorm's state_dict": "nn.GroupNorm(2, 4).state_dict()",
    "LayerNorm forward and gradients": (
        "grads(m, lambda x, w, b: F.layer_norm(x, (3,), w, b), [[1.0, 2.0, 4.0], [0.5, -1.0, 3.0]], [1.0, 2.0, 0.5], "
        "[0.1, 0.2, 0.3])"
    ),
    "LayerNorm over two dims": "grads(m, lambda x: F.layer_norm(x, [2, 3], eps=0.1), [[[1.0, 2.0, 4.0], [0.5, -1.0, 3.0]]])",
    "LayerNorm layer": "seeded(m, lambda: nn.LayerNorm(3)(m.tensor([[1.0, 2.0, 4.0]])))",
    "GroupNorm forward and gradients": (
        "grads(m, lambda x, w, b: F.group_norm(x, 2, w, b), [[[1.0, 2.0], [4.0, 0.0], [0.5, -1.0], [3.0, 3.5]]], "
        "[1.0, 2.0, 0.5, -1.0], [0.1, 0.2, 0.3, 0.4])"
    ),
    "GroupNorm layer": "nn.GroupNorm(1, 2)(m.tensor([[[1.0, 2.0], [4.0, 0.0]]]))",
    "layer_norm wrong shape": "F.layer_norm(m.ones(2, 3, 5), (4,))",
    "layer_norm int shape": "F.layer_norm(m.ones(2, 3, 5), 5)",
    "layer_norm empty shape": "F.layer_norm(m.ones(2, 3, 5), [])",
    "layer_norm wrong weight": "F.layer_norm(m.ones(2, 3, 5), (5,), m.ones(4))",
    "layer_norm wrong bias": "F.layer_norm(m.ones(2, 3, 5), (5,), None, m.ones(4))",
    "layer_norm mixed dtypes": "F.layer_norm(m.ones(2, 3, 5), (5,), m.ones(5, dtype=m.float64))",
    "group_norm groups": "F.group_norm(m.ones(2, 3, 5), 2)",
    "group_norm of a vector": "F.group_norm(m.ones(3), 1)",
    "group_norm wrong weight": "F.group_norm(m.ones(2, 4, 5), 2, m.ones(2))",
    "group_norm wrong bias": "F.group_norm(m.ones(2, 4, 5), 2, None, m.ones(2))",
    "GroupNorm groups": "nn.GroupNorm(2, 3)",
    # -- embedding
    "Embedding's table after manual_seed": "seeded(m, lambda: nn.Embedding(4, 3).weight)",
    "Embedding with padding_idx": "seeded(m, lambda: (lambda e: (e, e.weight, e.padding_idx))(nn.Embedding(4, 3, padding_idx=-1)))",
    "Embedding reprs": (
        "[nn.Embedding(4, 3), nn.Embedding(4, 3, padding_idx=1), nn.Embedding(4, 3, max_norm=1.0, norm_type=1.0, "
        "scale_grad_by_freq=True, sparse=True), nn.Embedding(4, 3, norm_type=2)]"
    ),
    "Embedding's gradient with padding_idx": (
        "grads(m, lambda w: F.embedding(m.tensor([[0, 2], [2, 4]]), w, padding_idx=2), np.arange(15.0).reshape(5, 3))"
    ),
    "Embedding's gradient scaled by frequency": (
        "grads(m, lambda w: F.embedding(m.tensor([0, 2, 2, 2, 4]), w, scale_grad_by_freq=True, padding_idx=4), "
        "np.arange(15.0).reshape(5, 3))"
    ),
    "Embedding's second derivative": (
        "(lambda w, g: (lambda d: (d, m.autograd.grad((d * d).sum(), g)))(m.autograd.grad(F.embedding("
        "m.tensor([0, 2, 2]), w, padding_idx=0, scale_grad_by_freq=True), w, g, create_graph=True)[0]))"
        "(m.ones(3, 2, requires_grad=True), m.linspace(-1.0, 1.0, 6).reshape(3, 2).requires_grad_())"
    ),
    "Embedding of int32 indices and a 0-d index": "(lambda w: (F.embedding(m.tensor([1, 0], dtype=m.int32), w), F.embedding(m.tensor(1), w)))(m.eye(2))",
    "Embedding with max_norm renormalises the table": (
        "(lambda w: (F.embedding(m.tensor([0, 1]), w, max_norm=1.0), w))(m.tensor([[3.0, 4.0], [0.3, 0.4], [5.0, 0.0]]))"
    ),
    "Embedding.from_pretrained": (
        "(lambda p: (lambda e: (e, e.weight, e.weight.requires_grad))(nn.Embedding.from_pretrained(p)))(m.ones(2, 3))"
    ),
    "Embedding.from_pretrained shares memory": (
        "(lambda p: (nn.Embedding.from_pretrained(p, freeze=False, padding_idx=0).weight, p))(m.ones(2, 3))"
    ),
    "Embedding float indices": "F.embedding(m.tensor([0.0]), m.ones(3, 2))",
    "Embedding index too large": "F.embedding(m.tensor([3]), m.ones(3, 2))",
    "Embedding negative index": "F.embedding(m.tensor([-1]), m.ones(3, 2))",
    "Embedding 1-d weight": "F.embedding(m.tensor([0]), m.ones(3))",
    "Embedding padding_idx too large": "nn.Embedding(5, 3, padding_idx=5)",
    "Embedding padding_idx too small": "nn.Embedding(5, 3, padding_idx=-6)",
    "Embedding.from_pretrained of a vector": "nn.Embedding.from_pretrained(m.ones(3))",
    # -- padding
    "F.pad constant": "grads(m, lambda x: F.pad(x, (1, 2), value=2.5), [[1.0, 2.0], [3.0, 4.0]])",
    "F.pad crops": "grads(m, lambda x: F.pad(x, (1, -1, -1, 0)), [[1.0, 2.0, 3.0], [3.0, 4.0, 5.0]])",
    "F.pad reflect 2d": "grads(m, lambda x: F.pad(x, (2, 1, 1, 2), mode='reflect'), np.arange(12.0).reshape(1, 3, 4))",
    "F.pad replicate 1d": "grads(m, lambda x: F.pad(x, (3, 1), mode='replicate'), np.arange(6.0).reshape(2, 3))",
    "F.pad replicate 3d": "grads(m, lambda x: F.pad(x, (1, 1, 0, 1, 1, 0), 'replicate'), np.arange(8.0).reshape(1, 2, 2, 2))",
    "F.pad of ints": "F.pad(m.tensor([[1, 2]]), (1, 1), value=7)",
    "F.pad of nothing": "F.pad(m.tensor([[1.0, 2.0]]), ())",
    "F.pad a list": "F.pad(m.tensor([[1.0, 2.0]]), [1, 0])",
    "padding reprs": (
        "[nn.ZeroPad2d(2), nn.ZeroPad2d((1, 2, 3, 4)), nn.ConstantPad1d(2, 3.5), nn.ConstantPad2d((1, 0, 1, 0), 1), "
        "nn.ZeroPad1d(1), nn.ReflectionPad1d(2), nn.ReflectionPad2d((1, 2, 3, 4)), nn.ReplicationPad2d(1), "
        "nn.ConstantPad3d(1, 0.0), nn.ZeroPad3d(1), nn.ReplicationPad1d(3), nn.ReflectionPad3d(1), nn.ReplicationPad3d(1)]"
    ),
    "padding layers": (
        "(lambda x: [nn.ZeroPad2d((1, 0, 0, 1))(x), nn.ConstantPad2d(1, -1.0)(x), nn.ReflectionPad2d(1)(x), "
        "nn.ReplicationPad2d((0, 1, 1, 0))(x), nn.ConstantPad1d((0, 2), 5)(x)])(m.arange(4.0).reshape(1, 2, 2))"
    ),
    "padding attributes": "(lambda p: (p.padding, p.value))(nn.ZeroPad2d(2))",
    "F.pad odd length": "F.pad(m.ones(2, 3), (1,))",
    "F.pad too long": "F.pad(m.ones(2, 3), (1, 1, 1, 1, 1, 1))",
    "F.pad float width": "F.pad(m.ones(2, 3), (1.5, 1))",
    "F.pad cuts too much": "F.pad(m.ones(2, 3), (-3, -2))",
    "F.pad unknown mode": "F.pad(m.ones(2, 3), (1, 1), mode='foo')",
    "F.pad reflect with a value": "F.pad(m.ones(2, 3), (1, 1), mode='reflect', value=1.0)",
    "F.pad reflect of a vector": "F.pad(m.ones(3), (1, 1), mode='reflect')",
    "F.pad reflect too wide": "F.pad(m.ones(2, 3, 4, 5), (1, 1, 4, 1), mode='reflect')",
    "F.pad reflect too wide, last dim": "F.pad(m.ones(2, 3, 4), (4, 1), mode='reflect')",
    "F.pad replicate of an empty row": "F.pad(m.ones(2, 0), (1, 1), mode='replicate')",
    "F.pad reflect cuts everything": "F.pad(m.ones(1, 2), (-1, -1), mode='reflect')",
    # -- normalize and distances
    "F.normalize": "grads(m, lambda x: F.normalize(x), [[3.0, 4.0], [0.0, 0.0], [1.0, -2.0]])",
    "F.normalize p=1 dim=0": "grads(m, lambda x: F.normalize(x, p=1, dim=0), [[3.0, 4.0], [0.0, 0.0], [1.0, -2.0]])",
    "F.normalize eps": "grads(m, lambda x: F.normalize(x, dim=-1, eps=10.0), [[3.0, 4.0], [0.5, 0.5]])",
    "F.cosine_similarity": "grads(m, lambda a, b: F.cosine_similarity(a, b), [[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]], [1.0, -2.0, 0.5])",
    "F.cosine_similarity same shapes": "grads(m, lambda a, b: F.cosine_similarity(a, b, dim=0), [[1.0, 2.0], [0.5, -1.0]], [[0.0, 0.0], [1.0, 3.0]])",
    "F.cosine_similarity of vectors": "grads(m, lambda a, b: F.cosine_similarity(a, b, dim=0), [1.0, 2.0], [3.0, -1.0])",
    "F.pairwise_distance": "grads(m, lambda a, b: F.pairwise_distance(a, b), [[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]], [1.0, -2.0, 0.5])",
    "F.pairwise_distance p=1 keepdim": "grads(m, lambda a, b: F.pairwise_distance(a, b, p=1, keepdim=True), [[1.0, 2.0], [0.5, -1.0]], [[0.0, 0.0], [1.0, 3.0]])",
    "F.pairwise_distance of equal rows": "F.pairwise_distance(m.ones(3), m.ones(3))",
    "distance layers": "[nn.CosineSimilarity(), nn.CosineSimilarity(0, 1e-6), nn.PairwiseDistance(), nn.PairwiseDistance(1, 1e-3, True)]",
    "distance layers' values": "(lambda a, b: (nn.CosineSimilarity(dim=0)(a, b), nn.PairwiseDistance(p=1.0)(a, b)))(m.tensor([[1.0, 2.0], [3.0, 4.0]]), m.tensor([[0.0, 1.0], [1.0, 0.0]]))",
    "PairwiseDistance's attributes": "(lambda d: (d.norm, d.eps, d.keepdim))(nn.PairwiseDistance(3))",
    "F.cosine_similarity shapes differ": "F.cosine_similarity(m.ones(2, 3), m.ones(2, 4))",
    # -- losses
    "F.kl_div batchmean": "grads(m, lambda x: F.kl_div(x, m.tensor([[0.2, 0.8], [0.0, 1.0]], dtype=m.float64), reduction='batchmean'), [[-1.0, -0.5], [-2.0, -0.1]])",
    "F.kl_div mean": "grads(m, lambda x: F.kl_div(x, m.tensor([[0.2, 0.8], [0.0, 1.0]], dtype=m.float64)), [[-1.0, -0.5], [-2.0, -0.1]])",
    "F.kl_div none, target grad": "grads(m, lambda x, t: F.kl_div(x, t, reduction='none'), [[-1.0, -0.5], [-2.0, -0.1]], [[0.2, 0.8], [0.0, 1.0]])",
    "F.kl_div log_target": "grads(m, lambda x, t: F.kl_div(x, t, reduction='sum', log_target=True), [[-1.0, -0.5]], [[-0.2, -1.8]])",
    "F.kl_div of a 0-d input": "grads(m, lambda x: F.kl_div(x, m.tensor(0.5, dtype=m.float64), reduction='batchmean'), -0.3)",
    "F.kl_div bad reduction": "F.kl_div(m.zeros(2), m.ones(2), reduction='foo')",
    "F.kl_div legacy arguments": "F.kl_div(m.zeros(2), m.ones(2), size_average=False)",
    "F.margin_ranking_loss": "grads(m, lambda a, b: F.margin_ranking_loss(a, b, m.tensor([1, -1, 1]), margin=0.5), [1.0, 2.0, 0.2], [0.2, 1.0, 1.0])",
    "F.margin_ranking_loss sum": "grads(m, lambda a, b: F.margin_ranking_loss(a, b, m.tensor([1.0, -1.0]), reduction='sum'), [1.0, 2.0], [0.2, 1.0])",
    "F.margin_ranking_loss dims": "F.margin_ranking_loss(m.ones(3), m.ones(3), m.ones(2, 3))",
    "F.cosine_embedding_loss": "grads(m, lambda a, b: F.cosine_embedding_loss(a, b, m.tensor([1, -1, -1]), margin=0.1), [[1.0, 2.0], [0.5, -1.0], [1.0, 1.0]], [[0.0, 1.0], [1.0, 3.0], [-1.0, -1.0]])",
    "F.cosine_embedding_loss one pair": "grads(m, lambda a, b: F.cosine_embedding_loss(a, b, m.tensor(1)), [1.0, 2.0], [3.0, -1.0])",
    "F.cosine_embedding_loss target dims": "F.cosine_embedding_loss(m.ones(2, 3), m.ones(2, 3), m.ones(2, 2))",
    "F.cosine_embedding_loss input dims": "F.cosine_embedding_loss(m.ones(2, 3), m.ones(2, 3), m.tensor(1))",
    "F.triplet_margin_loss": "grads(m, lambda a, p, n: F.triplet_margin_loss(a, p, n, margin=2.0), [[0.0, 1.0], [1.0, 1.0]], [[0.5, 1.0], [3.0, 1.0]], [[1.0, 2.0], [1.0, 0.0]])",
    "F.triplet_margin_loss p=1 swap": "grads(m, lambda a, p, n: F.triplet_margin_loss(a, p, n, p=1, swap=True, reduction='none'), [[0.0, 1.0], [1.0, 1.0]], [[0.5, 1.0], [3.0, 1.0]], [[1.0, 2.0], [1.0, 0.0]])",
    "F.triplet_margin_loss dims": "F.triplet_margin_loss(m.ones(2, 3), m.ones(2, 3), m.ones(3))",
    "loss reprs": "[nn.KLDivLoss(reduction='batchmean', log_target=True), nn.TripletMarginLoss(margin=2.0, p=1), nn.MarginRankingLoss(0.5), nn.CosineEmbeddingLoss(0.1)]",
    "loss layers": (
        "(lambda a, b: (nn.KLDivLoss(reduction='batchmean')(a.log_softmax(1), b.softmax(1)), nn.MarginRankingLoss(0.2)(a[0], b[0], m.tensor([1, -1])), "
        "nn.CosineEmbeddingLoss()(a, b, m.tensor([1, -1])), nn.TripletMarginLoss()(a, b, a * 2)))(m.tensor([[1.0, 2.0], [0.5, -1.0]]), m.tensor([[0.0, 1.0], [1.0, 3.0]]))"
    ),
    "loss attributes": "(lambda k, t: (k.reduction, k.log_target, t.margin, t.p, t.eps, t.swap))(nn.KLDivLoss(reduction='sum'), nn.TripletMarginLoss())",
    # -- nll_loss / cross_entropy options, against PyTorch
    "cross_entropy weight": "grads(m, lambda x: F.cross_entropy(x, m.tensor([0, 1, 2, 1]), weight=m.tensor([0.5, 2.0, 1.0], dtype=m.float64)), [[0.2, -1.0, 0.5], [1.5, 0.3, -0.2], [0.0, 0.1, 0.2], [-1.0, 2.0, 0.5]])",
    "cross_entropy ignore_index": "grads(m, lambda x: F.cross_entropy(x, m.tensor([0, -100, 2, 1])), [[0.2, -1.0, 0.5], [1.5, 0.3, -0.2], [0.0, 0.1, 0.2], [-1.0, 2.0, 0.5]])",
    "cross_entropy ignore_index 1 and weight": "grads(m, lambda x: F.cross_entropy(x, m.tensor([0, 1, 2, 1]), weight=m.tensor([0.5, 2.0, 1.0], dtype=m.float64), ignore_index=1), [[0.2, -1.0, 0.5], [1.5, 0.3, -0.2], [0.0, 0.1, 0.2], [-1.0, 2.0, 0.5]])",
    "cross_entropy label_smoothing": "grads(m, lambda x: F.cross_entropy(x, m.tensor([0, 1, 2, 1]), label_smoothing=0.1), [[0.2, -1.0, 0.5], [1.5, 0.3, -0.2], [0.0, 0.1, 0.2], [-1.0, 2.0, 0.5]])",
    "cross_entropy label_smoothing weight ignore": "grads(m, lambda x: F.cross_entropy(x, m.tensor([0, 1, 2, 1]), weight=m.tensor([0.5, 2.0, 1.0], dtype=m.float64), ignore_index=2, label_smoothing=0.2), [[0.2, -1.0, 0.5], [1.5, 0.3, -0.2], [0.0, 0.1, 0.2], [-1.0, 2.0, 0.5]])",
    "cross_entropy label_smoothing sum none": "[grads(m, lambda x: F.cross_entropy(x, m.tensor([0, 1, 2, 1]), weight=m.tensor([0.5, 2.0, 1.0], dtype=m.float64), label_smoothing=0.3, reduction=r), [[0.2, -1.0, 0.5], [1.5, 0.3, -0.2], [0.0, 0.1, 0.2], [-1.0, 2.0, 0.5]]) for r in ('sum', 'none')]",
    "cross_entropy probabilities": "grads(m, lambda x: F.cross_entropy(x, m.tensor([[0.2, 0.3, 0.5], [0.0, 0.5, 0.5], [1.0, 0.0, 0.0], [0.25, 0.25, 0.5]], dtype=m.float64)), [[0.2, -1.0, 0.5], [1.5, 0.3, -0.2], [0.0, 0.1, 0.2], [-1.0, 2.0, 0.5]])",
    "cross_entropy probabilities weight smoothing": "grads(m, lambda x: F.cross_entropy(x, m.tensor([[0.2, 0.3, 0.5], [0.0, 0.5, 0.5], [1.0, 0.0, 0.0], [0.25, 0.25, 0.5]], dtype=m.float64), weight=m.tensor([0.5, 2.0, 1.0], dtype=m.float64), label_smoothing=0.2), [[0.2, -1.0, 0.5], [1.5, 0.3, -0.2], [0.0, 0.1, 0.2], [-1.0, 2.0, 0.5]])",
    "cross_entropy probabilities none": "grads(m, lambda x: F.cross_entropy(x, m.tensor([[0.2, 0.3, 0.5], [0.0, 0.5, 0.5], [1.0, 0.0, 0.0], [0.25, 0.25, 0.5]], dtype=m.float64), reduction='none'), [[0.2, -1.0, 0.5], [1.5, 0.3, -0.2], [0.0, 0.1, 0.2], [-1.0, 2.0, 0.5]])",
    "cross_entropy every target ignored": "grads(m, lambda x: F.cross_entropy(x, m.tensor([-100, -100, -100, -100])), [[0.2, -1.0, 0.5], [1.5, 0.3, -0.2], [0.0, 0.1, 0.2], [-1.0, 2.0, 0.5]])",
    "cross_entropy smoothing, every target ignored": "grads(m, lambda x: F.cross_entropy(x, m.tensor([-100, -100, -100, -100]), label_smoothing=0.1), [[0.2, -1.0, 0.5], [1.5, 0.3, -0.2], [0.0, 0.1, 0.2], [-1.0, 2.0, 0.5]])",
    "cross_entropy 3-d scores with options": "grads(m, lambda x: F.cross_entropy(x, m.tensor([[0, 2], [1, 1]]), weight=m.tensor([0.5, 2.0, 1.0], dtype=m.float64), ignore_index=2, label_smoothing=0.1), np.linspace(-1, 1, 12).reshape(2, 3, 2))",
    "nll_loss weight ignore sum": "grads(m, lambda x: F.nll_loss(x, m.tensor([0, 1, 2, 1]), weight=m.tensor([0.5, 2.0, 1.0], dtype=m.float64), ignore_index=0, reduction='sum'), [[0.2, -1.0, 0.5], [1.5, 0.3, -0.2], [0.0, 0.1, 0.2], [-1.0, 2.0, 0.5]])",
    "CrossEntropyLoss options": "grads(m, lambda x: nn.CrossEntropyLoss(weight=m.tensor([0.5, 2.0, 1.0], dtype=m.float64), ignore_index=1, label_smoothing=0.1)(x, m.tensor([0, 1, 2, 1])), [[0.2, -1.0, 0.5], [1.5, 0.3, -0.2], [0.0, 0.1, 0.2], [-1.0, 2.0, 0.5]])",
    "CrossEntropyLoss state_dict": "nn.CrossEntropyLoss(weight=m.tensor([1.0, 2.0])).state_dict()",
    "NLLLoss with weight": "grads(m, lambda x: nn.NLLLoss(weight=m.tensor([0.5, 2.0, 1.0], dtype=m.float64))(x.log_softmax(1), m.tensor([0, 1, 2, 1])), [[0.2, -1.0, 0.5], [1.5, 0.3, -0.2], [0.0, 0.1, 0.2], [-1.0, 2.0, 0.5]])",
    "cross_entropy label out of range": "F.cross_entropy(m.zeros(2, 3), m.tensor([0, 3]))",
    "cross_entropy float labels of another shape": "F.cross_entropy(m.zeros(2, 3), m.tensor([0.0, 1.0]))",
    # -- nn.utils
    "clip_grad_norm_": "(lambda model: (model(m.ones(2, 3)).sum().backward(), nn.utils.clip_grad_norm_(model.parameters(), 0.5), [p.grad for p in model.parameters()]))(seeded(m, lambda: nn.Linear(3, 2)))",
    "clip_grad_norm_ inf norm": "(lambda model: (model(m.ones(2, 3)).sum().backward(), nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0, norm_type='inf'), model.weight.grad))(seeded(m, lambda: nn.Linear(3, 2)))",
    "clip_grad_norm_ p=1 of one tensor, no clipping": "(lambda w: (setattr(w, 'grad', m.tensor([0.1, -0.2])), nn.utils.clip_grad_norm_(w, 5.0, 1), w.grad))(m.zeros(2, requires_grad=True))",
    "clip_grad_norm_ float64": "(lambda w: (setattr(w, 'grad', m.tensor([3.0, 4.0], dtype=m.float64)), nn.utils.clip_grad_norm_([w], 1.0), w.grad))(m.zeros(2, dtype=m.float64, requires_grad=True))",
    "clip_grad_norm_ without gradients": "nn.utils.clip_grad_norm_([m.zeros(2, requires_grad=True)], 1.0)",
    "clip_grad_norm_ of an empty generator": "nn.utils.clip_grad_norm_((p for p in []), 1.0)",
    "clip_grad_norm_ non-finite": "(lambda w: (setattr(w, 'grad', m.tensor([float('inf'), 1.0])), nn.utils.clip_grad_norm_([w], 1.0), w.grad))(m.zeros(2, requires_grad=True))",
    "clip_grad_norm_ error_if_nonfinite": "(lambda w: (setattr(w, 'grad', m.tensor([float('nan'), 1.0])), nn.utils.clip_grad_norm_([w], 1.0, error_if_nonfinite=True)))(m.zeros(2, requires_grad=True))",
    "clip_grad_norm (deprecated)": "(lambda w: (setattr(w, 'grad', m.tensor([3.0, 4.0])), nn.utils.clip_grad_norm([w], 1.0), w.grad))(m.zeros(2, requires_grad=True))",
    "get_total_norm": "nn.utils.get_total_norm([m.tensor([3.0]), m.tensor([[4.0, 12.0]])])",
    "clip_grad_value_": "(lambda model: (model(m.ones(2, 3)).sum().backward(), nn.utils.clip_grad_value_(model.parameters(), 0.5), [p.grad for p in model.parameters()]))(seeded(m, lambda: nn.Linear(3, 2)))",
    "parameters_to_vector": "(lambda model: (lambda v: (v, m.autograd.grad((v * v).sum(), model.weight)))(nn.utils.parameters_to_vector(model.parameters())))(seeded(m, lambda: nn.Linear(3, 2)))",
    "vector_to_parameters": "(lambda model: (nn.utils.vector_to_parameters(m.arange(8.0), model.parameters()), list(model.parameters())))(seeded(m, lambda: nn.Linear(3, 2)))",
    "vector_to_parameters of a list": "nn.utils.vector_to_parameters([1.0], [m.zeros(1)])",
    # -- Unflatten, Identity, Module methods
    "Unflatten": "grads(m, lambda x: nn.Unflatten(1, (2, 3))(x), np.arange(12.0).reshape(2, 6))",
    "Unflatten -1 and torch.Size": "[nn.Unflatten(-1, (2, -1))(m.ones(2, 6)).shape, nn.Unflatten(0, m.Size([2, 1])), nn.Unflatten(1, [3, 2])]",
    "Unflatten wrong product": "nn.Unflatten(-1, (2, 4))(m.ones(2, 6))",
    "Unflatten int size": "nn.Unflatten(1, 3)",
    "Unflatten float size": "nn.Unflatten(1, (2, 3.0))",
    "Unflatten dim out of range": "nn.Unflatten(3, (2, 3))(m.ones(2, 6))",
    "Identity with arguments": "(lambda i: (i, i(m.ones(2))))(nn.Identity(54, unused='x'))",
    "Module.half": "(lambda model: (model.half(), model.weight.dtype, model.running_mean.dtype if hasattr(model, 'running_mean') else None))(nn.Linear(2, 3))",
    "Module.half keeps int buffers": "(lambda bn: (bn.half().running_var.dtype, bn.num_batches_tracked.dtype))(nn.BatchNorm1d(2))",
    "Module.type": "(lambda bn: (bn.type(m.float64), bn.weight.dtype, bn.num_batches_tracked.dtype))(nn.BatchNorm1d(2))",
    "Module.type by name": "(lambda layer: (layer.type('torch.DoubleTensor').weight.dtype, layer.bias.dtype))(nn.Linear(2, 3))",
    "get_parameter": "(lambda model: (model.get_parameter('0.bias'), model.get_buffer('1.running_var')))(seeded(m, lambda: nn.Sequential(nn.Linear(2, 3), nn.BatchNorm1d(3))))",
    "get_parameter no attribute": "nn.Sequential(nn.Linear(2, 3)).get_parameter('0.foo')",
    "get_parameter of a buffer": "nn.Sequential(nn.BatchNorm1d(3)).get_parameter('0.running_mean')",
    "get_parameter no submodule": "nn.Sequential(nn.Linear(2, 3)).get_parameter('2.weight')",
    "get_buffer of a parameter": "nn.Sequential(nn.Linear(2, 3)).get_buffer('0.weight')",
    "get_buffer of an attribute": "nn.BatchNorm1d(3).get_buffer('training')",
}


def outcome(m: Any, code: str) -> str:
    scope = {"m": m, "nn": m.nn, "F": m.nn.functional, "np": np, "grads": grads, "seeded": seeded}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return repr(eval(code, scope))  # noqa: S307 - our own table
    except Exception as error:
        text = str(error)
        if m is lab:
            assert re.search(r"[ \n]Hint: ", text), f"our error has no hint: {text}"
            text = re.split(r"[ \n]Hint: ", text)[0]  # (a sentence that ends a block ends its line)
        return f"{type(error).__name__}: {text}"


@pytest.mark.parametrize("code", CASES.values(), ids=CASES.keys())
def test_same_as_torch(code: str) -> None:
    assert outcome(lab, code) == outcome(torch_ref, code)


def backward_hooks(m: Any) -> list:
    """What full backward hooks see and do in ``m``: grad_input, grad_output, replacements, pre-hooks, errors."""
    nn = m.nn
    seen: list = []
    m.manual_seed(0)
    layer = nn.Linear(3, 2)
    handle = layer.register_full_backward_hook(lambda mod, gi, go: seen.append((type(mod).__name__, gi, go)))
    x = m.tensor([[1.0, 2.0, 3.0]], requires_grad=True)
    y = layer(x)
    seen.append((type(y.grad_fn).__name__, x.grad_fn))
    y.sum().backward()
    seen.append(x.grad)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        y = layer(
            m.ones(1, 3)
        )  # no input requires grad: the hook fires with grad_input (None,), and a warning
        y.sum().backward()
    seen.append([str(w.message).split(" Hint: ")[0] for w in caught])
    handle.remove()
    seen.append(type(layer(x).grad_fn).__name__)
    tanh = nn.Tanh()
    tanh.register_full_backward_hook(lambda mod, gi, go: (gi[0] * 10,))
    x2 = m.tensor([0.0, 1.0], requires_grad=True)
    tanh(x2).sum().backward()
    seen.append(x2.grad)
    model = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 1))
    for i, mod in enumerate(model):
        mod.register_full_backward_hook(
            lambda mod, gi, go, i=i: seen.append(
                (i, [None if g is None else tuple(g.shape) for g in gi], [tuple(g.shape) for g in go])
            )
        )
    model(m.ones(3, 2)).sum().backward()
    sigmoid = nn.Sigmoid()
    sigmoid.register_full_backward_pre_hook(lambda mod, go: (go[0] * 0,))
    x3 = m.tensor([0.5], requires_grad=True)
    sigmoid(x3).backward()
    seen.append(x3.grad)
    twice = nn.Tanh()
    twice.register_full_backward_hook(lambda mod, gi, go: (gi[0], gi[0]))
    try:
        twice(x3).backward()
    except RuntimeError as error:
        seen.append(str(error).split(" Hint: ")[0])
    return seen


def test_full_backward_hooks_as_torch() -> None:
    assert repr(backward_hooks(lab)) == repr(backward_hooks(torch_ref))
