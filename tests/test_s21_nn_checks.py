"""Session 21, scout R's finds in nn: inputs PyTorch refuses (or computes) where autograd_lab computed
(or crashed). Each case runs under both libraries: the same repr, or the same exception type and first
sentence (ours then adds a hint)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import twins

import autograd_lab as lab

torch = pytest.importorskip("torch")


def outcome(m, code: str) -> tuple:
    return twins.outcome(m, code, {"np": np})


CASES = [
    # BCELoss: targets outside [0, 1] (class labels 1..K), and a NaN probability
    "m.nn.BCELoss()(m.sigmoid(m.tensor([0.5, -1.0, 2.0])), m.tensor([1.0, 2.0, 3.0]))",
    "m.nn.BCELoss()(m.tensor([0.5, 0.5]), m.tensor([1.0, -0.5]))",
    "m.nn.functional.binary_cross_entropy(m.tensor([0.5, 0.5]), m.tensor([1.0, 2.0]), reduction='none')",
    "m.nn.functional.binary_cross_entropy(m.tensor([0.5, 0.5]), m.tensor([1.0, float('nan')]))",
    "m.nn.functional.binary_cross_entropy(m.tensor([0.5, float('nan')]), m.tensor([1.0, 1.0]))",
    # max pooling integer tensors (padding with the dtype's smallest value)
    "m.nn.MaxPool2d(2)(m.arange(16).view(1, 1, 4, 4))",
    "m.nn.MaxPool2d(2)(m.arange(16, dtype=m.int32).view(1, 1, 4, 4))",
    "m.nn.MaxPool2d(2)(m.arange(16, dtype=m.uint8).view(1, 1, 4, 4))",
    "m.nn.MaxPool2d(3, stride=2, padding=1)(m.arange(16, dtype=m.uint8).view(1, 4, 4))",
    "m.nn.MaxPool2d(3, stride=2, padding=1)(m.arange(16).view(1, 1, 4, 4) - 20)",
    "m.nn.MaxPool2d(2, ceil_mode=True)(m.arange(25, dtype=m.int8).view(1, 1, 5, 5) - 30)",
    "m.nn.MaxPool2d(2, return_indices=True)(m.arange(16).view(1, 1, 4, 4))",
    "m.nn.functional.max_pool1d(m.arange(8).view(1, 2, 4), 2, return_indices=True)",
    # ties with the padding: the first position inside the input, as PyTorch's kernel keeps it
    "m.nn.functional.max_pool2d(m.full((1, 1, 2, 2), -128, dtype=m.int8), 2, padding=1, return_indices=True)",
    "m.nn.functional.max_pool2d(m.full((1, 1, 3, 3), -128, dtype=m.int8), 2, 2, 1, 2, return_indices=True)",
    "m.nn.functional.max_pool2d(m.full((1, 1, 2, 2), float('-inf')), 2, padding=1, return_indices=True)",
    "m.nn.functional.max_pool1d(m.full((1, 1, 3), float('-inf')), 2, padding=1, return_indices=True)",
    "m.nn.functional.max_pool2d(m.tensor([[[[float('-inf'), float('nan')], [1.0, 2.0]]]]), 2, padding=1,"
    " return_indices=True)",
    # ... and the dtypes PyTorch's pooling kernels refuse
    "m.nn.MaxPool1d(2)(m.arange(8).view(1, 2, 4))",
    "m.nn.functional.max_pool1d(m.arange(8, dtype=m.uint8).view(1, 2, 4), 2)",
    "m.nn.functional.max_pool1d(m.arange(8).view(1, 2, 4), 0)",
    "m.nn.MaxPool2d(2)(m.ones(1, 1, 4, 4, dtype=m.bool))",
    "m.nn.functional.max_pool3d(m.ones(1, 1, 4, 4, 4, dtype=m.bool), 2)",
    "m.nn.AdaptiveAvgPool2d(2)(m.arange(16).view(1, 1, 4, 4))",
    "m.nn.AdaptiveAvgPool1d(2)(m.arange(8).view(1, 2, 4))",
    "m.nn.AdaptiveAvgPool1d(1)(m.arange(8).view(1, 2, 4))",
    # Linear: a 0-d input, and a bias that does not fit
    "m.nn.Linear(1, 2)(m.tensor(3.0))",
    "m.nn.functional.linear(m.tensor(1.0), m.ones(2, 1))",
    "m.nn.functional.linear(m.ones(1), m.tensor(1.0), m.tensor(1.0))",
    "m.nn.functional.linear(m.ones(1, 2), m.ones(3, 2), m.ones(2))",
    "m.nn.functional.linear(m.ones(4, 1, 2), m.ones(3, 2), m.ones(2))",
    "m.nn.functional.linear(m.ones(1, 2), m.ones(3, 2), m.ones(2, 3))",
    # Embedding of a list or a number, an LSTMCell given h without c
    "m.nn.Embedding(5, 2)([1, 2])",
    "m.nn.Embedding(5, 2)(3)",
    "m.nn.functional.embedding(m.tensor([1, 2]), [[1.0, 2.0]])",
    "m.nn.LSTMCell(4, 3)(m.ones(2, 4), m.ones(2, 3))",
    "m.nn.LSTMCell(4, 3)(m.ones(2, 4), (m.ones(2, 3),))",
    # norms: an input of another dtype than the parameters
    "m.nn.BatchNorm1d(2)(m.tensor([[1.0, 2.0], [3.0, 5.0]], dtype=m.float64))",
    "m.nn.BatchNorm2d(2).eval()(m.ones(2, 2, 2, 2, dtype=m.float64))",
    "m.nn.BatchNorm2d(2).double()(m.ones(2, 2, 2, 2))",
    "m.nn.BatchNorm2d(2)(m.ones(2, 2, 2, 2, dtype=m.long))",
    "m.nn.functional.batch_norm(m.ones(2, 2), m.zeros(2), m.ones(2, dtype=m.float64))",
    "m.nn.functional.batch_norm(m.ones(2, 2, dtype=m.float64), None, None, m.ones(2, dtype=m.float64),"
    " m.ones(2), training=True)",
    "m.nn.LayerNorm(2)(m.ones(2, 2, dtype=m.float64))",
    "m.nn.GroupNorm(1, 2)(m.ones(2, 2, dtype=m.float64))",
    "m.nn.functional.layer_norm(m.ones(2, 3), (3,), m.ones(3), m.ones(3, dtype=m.float64))",
    # activations of integer and bool tensors
    "m.nn.functional.leaky_relu(m.tensor([-1, 2]))",
    "m.nn.LeakyReLU(inplace=True)(m.tensor([-1, 2]))",
    "m.nn.GELU()(m.tensor([-1, 2], dtype=m.int32))",
    "m.nn.functional.silu(m.tensor([-1, 2]))",
    "m.nn.functional.softplus(m.tensor([True, False]))",
    "m.nn.functional.mish(m.tensor([-1, 2]))",
    "m.nn.functional.logsigmoid(m.tensor([-1, 2]))",
    "m.nn.functional.glu(m.tensor([-1, 2]))",
    "m.nn.functional.hardtanh(m.tensor([True, False]))",
    "m.nn.ReLU6()(m.tensor([True, False]))",
    # modules: integer dtypes for .to, arguments for layers without settings
    "m.nn.Linear(2, 1).to(m.long)",
    "m.nn.Linear(2, 1).to('cpu', m.bool)",
    "m.nn.Linear(2, 1).to(m.ones(1, dtype=m.int32))",
    "m.nn.Sigmoid(0.5)",
    "m.nn.Tanh(1)",
    "m.nn.Softmax2d(1)",
    "m.nn.Sigmoid(inplace=True)",
    # convolutions: PyTorch's checks, when the layer is made and when it runs
    "m.nn.Conv2d(1, 1, 3, stride=2, padding='same')",
    "m.nn.Conv2d(1, 1, 3, padding='same', stride=(1, 2))",
    "m.nn.Conv1d(1, 1, 3, padding='full')",
    "m.nn.Conv3d(1, 1, 3, padding='full')",
    "m.nn.Conv2d(1, 1, 3, groups=0)",
    "m.nn.Conv2d(1, 1, 3, stride=0)(m.ones(1, 1, 5, 5))",
    "m.nn.functional.conv2d(m.ones(1, 1, 5, 5), m.ones(1, 1, 3, 3), stride=-1)",
    "m.nn.functional.conv2d(m.ones(1, 1, 5, 5), m.ones(1, 1, 3, 3), padding='full')",
]


@pytest.mark.parametrize("code", CASES)
def test_as_torch(code: str) -> None:
    assert outcome(lab, code) == outcome(torch, code)


def test_pooling_uint8_says_nothing() -> None:
    """NumPy's "invalid value encountered in cast" (from padding with −∞) is not PyTorch's to say."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = lab.nn.MaxPool2d(3, stride=1, padding=1)(lab.arange(16, dtype=lab.uint8).view(1, 1, 4, 4))
    assert not caught
    assert out.dtype == lab.uint8
