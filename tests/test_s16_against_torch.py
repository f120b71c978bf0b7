"""Session 16's fixes, each held against PyTorch.

- ``F.grid_sample`` of a volume (N, C, D, H, W) at a grid of (x, y, z) points:
  trilinear between the eight voxels around each point, or the nearest voxel,
  with PyTorch's corner order and weights, so the values are PyTorch's bit for
  bit; recorded as ``GridSampler3DBackward0``.  Deep Learning with PyTorch's
  lung-nodule augmentation (part 2) samples CT volumes this way.
"""

from __future__ import annotations

import numpy as np
import pytest
from twins import outcome

import autograd_lab as lab

torch = pytest.importorskip("torch")


def _sampled(m, x: np.ndarray, grid: np.ndarray, upstream: np.ndarray, **options) -> tuple:
    """grid_sample's output, its node's name and the input's and grid's gradients, under ``m``."""
    inputs, points = m.tensor(x, requires_grad=True), m.tensor(grid, requires_grad=True)
    out = m.nn.functional.grid_sample(inputs, points, **options)
    (out * m.tensor(upstream)).sum().backward()
    return out.detach().numpy(), type(out.grad_fn).__name__, inputs.grad.numpy(), points.grad.numpy()


@pytest.mark.parametrize("mode", ["bilinear", "nearest"])
@pytest.mark.parametrize("padding_mode", ["zeros", "border", "reflection"])
@pytest.mark.parametrize("align_corners", [False, True])
def test_grid_sample_of_a_volume_is_pytorchs(mode: str, padding_mode: str, align_corners: bool) -> None:
    rng = np.random.default_rng(len(mode) + len(padding_mode) + align_corners)
    x = rng.standard_normal((2, 3, 4, 5, 6)).astype(np.float32)
    grid = rng.uniform(-1.3, 1.3, (2, 3, 2, 4, 3)).astype(np.float32)  # some points outside the volume
    upstream = rng.standard_normal((2, 3, 3, 2, 4)).astype(np.float32)
    options = {"mode": mode, "padding_mode": padding_mode, "align_corners": align_corners}
    ours, theirs = _sampled(lab, x, grid, upstream, **options), _sampled(torch, x, grid, upstream, **options)
    np.testing.assert_array_equal(
        ours[0], theirs[0]
    )  # the corners, weights and order of adding are PyTorch's
    assert ours[1] == theirs[1] == "GridSampler3DBackward0"
    np.testing.assert_allclose(ours[2], theirs[2], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(ours[3], theirs[3], rtol=1e-5, atol=1e-5)


def test_grid_sample_of_a_volume_has_pytorchs_second_derivatives() -> None:
    rng = np.random.default_rng(3)
    x, grid = rng.standard_normal((1, 2, 3, 3, 3)), rng.uniform(-0.9, 0.9, (1, 2, 2, 2, 3))
    found = []
    for m in (lab, torch):
        inputs, points = m.tensor(x, requires_grad=True), m.tensor(grid, requires_grad=True)
        out = m.nn.functional.grid_sample(inputs, points, align_corners=False)
        by_input, by_grid = m.autograd.grad((out**2).sum(), (inputs, points), create_graph=True)
        ((by_input**2).sum() + (by_grid**2).sum()).backward()
        found.append((inputs.grad.numpy(), points.grad.numpy()))
    for ours, theirs in zip(*found, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-10, atol=1e-12)


GRID_SAMPLE_ERRORS = {
    "bicubic on a volume": "m.nn.functional.grid_sample(m.ones(1, 1, 2, 2, 2), m.zeros(1, 1, 1, 1, 3), "
    "mode='bicubic', align_corners=True)",
    "a 3-d input": "m.nn.functional.grid_sample(m.ones(1, 1, 2), m.zeros(1, 1, 1), align_corners=True)",
    "a 6-d input": "m.nn.functional.grid_sample(m.ones(1, 1, 2, 2, 2, 2), m.zeros(1, 1, 1, 1, 1, 4), "
    "align_corners=True)",
    "an image and a 3-d grid": "m.nn.functional.grid_sample(m.ones(1, 1, 2, 2), m.zeros(1, 1, 2), "
    "align_corners=True)",
    "a volume and an image's grid": "m.nn.functional.grid_sample(m.ones(1, 1, 2, 2, 2), m.zeros(1, 1, 1, 2), "
    "align_corners=True)",
    "an image and a volume's grid": "m.nn.functional.grid_sample(m.ones(1, 1, 2, 2), m.zeros(1, 1, 1, 1, 3), "
    "align_corners=True)",
    "a volume at its centre": "m.nn.functional.grid_sample(m.arange(8.).view(1, 1, 2, 2, 2), "
    "m.zeros(1, 1, 1, 1, 3), align_corners=True)",
}


@pytest.mark.parametrize("code", list(GRID_SAMPLE_ERRORS.values()), ids=list(GRID_SAMPLE_ERRORS))
def test_grid_sample_of_the_wrong_shapes_says_what_pytorch_says(code: str) -> None:
    assert outcome(lab, code) == outcome(torch, code)
