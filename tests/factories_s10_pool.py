"""Factories for the ops of branch s10_pool: pixel and channel shuffles, adaptive max pooling, max unpooling,
the 1-d transposed convolution and embedding bags.

Registered into ``factories.FACTORIES`` on import (``tests/factories.py``
imports this module at its end), so ``test_gradients.py`` and
``test_against_torch.py`` check them like every other op.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from factories import Case, array, distinct, factory, one_of
from hypothesis import strategies as st


@factory("pixel_shuffle", "pixel_unshuffle")
def _pixel_shuffle(draw: Any, op: str) -> Case:
    r = draw(st.integers(1, 2))
    batch = draw(st.sampled_from([(), (2,), (1, 2)]))
    channels, height, width = draw(st.integers(1, 2)), draw(st.integers(1, 3)), draw(st.integers(1, 3))
    if op == "pixel_shuffle":
        shape = (*batch, channels * r * r, height, width)
        code = one_of(
            draw, f"F.pixel_shuffle(x, {r})", f"m.pixel_shuffle(x, {r})", f"m.nn.PixelShuffle({r})(x)"
        )
    else:
        shape = (*batch, channels, height * r, width * r)
        code = one_of(
            draw, f"F.pixel_unshuffle(x, {r})", f"m.pixel_unshuffle(x, {r})", f"m.nn.PixelUnshuffle({r})(x)"
        )
    return Case(op, code, {"x": array(draw, shape)})


@factory("channel_shuffle")
def _channel_shuffle(draw: Any, op: str) -> Case:
    groups, per_group = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    rest = tuple(draw(st.integers(1, 3)) for _ in range(draw(st.integers(1, 2))))
    shape = (draw(st.integers(1, 2)), groups * per_group, *rest)
    code = one_of(
        draw,
        f"F.channel_shuffle(x, {groups})",
        f"m.channel_shuffle(x, {groups})",
        f"m.nn.ChannelShuffle({groups})(x)",
    )
    return Case(op, code, {"x": array(draw, shape)})


@factory("adaptive_max_pool2d")
def _adaptive_max_pool2d(draw: Any, op: str) -> Case:
    # Distinct values (no ties); outputs smaller and larger than the input (overlapping windows).
    if draw(st.booleans()):
        length = draw(st.integers(1, 6))
        shape = draw(st.sampled_from([(draw(st.integers(1, 2)), 2, length), (2, length)]))
        size = draw(st.integers(1, 6))
        code = one_of(
            draw,
            f"F.adaptive_max_pool1d(x, {size})",
            f"m.nn.AdaptiveMaxPool1d({size}, return_indices=True)(x)[0]",
        )
        return Case(op, code, {"x": distinct(draw, shape)})
    size = (draw(st.integers(1, 5)), draw(st.integers(1, 5)))
    out = draw(st.tuples(st.sampled_from([None, 1, 2, 3, 4]), st.integers(1, 4)))
    shape = draw(st.sampled_from([(draw(st.integers(1, 2)), 2, *size), (2, *size)]))
    code = one_of(
        draw,
        f"F.adaptive_max_pool2d(x, {out})",
        f"F.adaptive_max_pool2d(x, {out}, return_indices=True)[0]",
        f"m.nn.AdaptiveMaxPool2d({out})(x)",
    )
    return Case(op, code, {"x": distinct(draw, shape)})


def _positions(draw: Any, planes: int, count: int, plane: int) -> list:
    """``count`` different positions in a plane of ``plane`` elements, for each of ``planes`` planes."""
    return [draw(st.permutations(range(plane)))[:count] for _ in range(planes)]


@factory("max_unpool2d")
def _max_unpool2d(draw: Any, op: str) -> Case:
    # Indices as max pooling gives them: different positions in each plane (two values written at one
    # position would make the gradient PyTorch's, not a derivative).
    n, c = draw(st.integers(1, 2)), draw(st.integers(1, 2))
    if draw(st.booleans()):  # 1-d: (N, C, L) into (N, C, 2L)
        length = draw(st.integers(1, 3))
        picks = np.array(_positions(draw, n * c, length, 2 * length)).reshape(n, c, length)
        code = one_of(draw, "F.max_unpool1d(x, m.tensor({}), 2)", "m.nn.MaxUnpool1d(2)(x, m.tensor({}))")
        return Case(op, code.format(picks.tolist()), {"x": array(draw, (n, c, length))})
    height, width = draw(st.integers(1, 2)), draw(st.integers(1, 3))
    extra = draw(st.integers(0, 1))  # output_size one larger than the default, a size pooling could come from
    size = (2 * height + extra, 2 * width)
    picks = np.array(_positions(draw, n * c, height * width, size[0] * size[1])).reshape(n, c, height, width)
    batched = draw(st.booleans())
    x, picks = (
        (array(draw, (n, c, height, width)), picks)
        if batched
        else (array(draw, (c, height, width)), picks[0])
    )
    code = one_of(
        draw,
        f"F.max_unpool2d(x, m.tensor({picks.tolist()}), 2, output_size={size})",
        f"m.nn.MaxUnpool2d(2)(x, m.tensor({picks.tolist()}), output_size={list(size)})",
    )
    return Case(op, code, {"x": x})


@factory("conv_transpose1d")
def _conv_transpose1d(draw: Any, op: str) -> Case:
    groups = draw(st.sampled_from([1, 1, 2]))
    n, c, out = draw(st.integers(1, 2)), groups * draw(st.integers(1, 2)), groups * draw(st.integers(1, 2))
    length, kernel = draw(st.integers(1, 4)), draw(st.integers(1, 3))
    stride, dilation = draw(st.integers(1, 2)), draw(st.integers(1, 2))
    options = f", stride={stride}, dilation={dilation}"
    if (length - 1) * stride + dilation * (kernel - 1) + 1 > 2 and draw(st.booleans()):
        options += ", padding=1"
    if stride == 2 and draw(st.booleans()):
        options += ", output_padding=1"
    inputs = {"x": array(draw, (n, c, length)), "w": array(draw, (c, out // groups, kernel))}
    if draw(st.booleans()):
        inputs["b"] = array(draw, (out,))
    bias = ", b" if "b" in inputs else ""
    image = one_of(draw, "x", "x[0]")
    return Case(op, f"F.conv_transpose1d({image}, w{bias}{options}, groups={groups})", inputs)


@factory("embedding_bag")
def _embedding_bag(draw: Any, op: str) -> Case:
    # No scale_grad_by_freq: its gradient is not a derivative (tests/test_pool_more_against_torch.py holds it
    # against PyTorch).  Distinct table values: a max has no ties.
    rows, dim = draw(st.integers(1, 5)), draw(st.integers(1, 3))
    mode = draw(st.sampled_from(["sum", "mean", "max"]))
    inputs = {"w": distinct(draw, (rows, dim))}
    options = f", mode={mode!r}"
    if rows > 1 and draw(st.booleans()):
        options += f", padding_idx={draw(st.integers(-rows, rows - 1))}"
    if draw(st.booleans()):  # bags of equal length, one per row
        bags, size = draw(st.integers(1, 3)), draw(st.integers(1, 3))
        indices = draw(st.lists(st.integers(0, rows - 1), min_size=bags * size, max_size=bags * size))
        shape = (bags, size)
        call = f"F.embedding_bag(m.tensor({np.reshape(indices, shape).tolist()}), w{options}"
    else:  # bags one after another, some maybe empty
        indices = draw(st.lists(st.integers(0, rows - 1), min_size=0, max_size=6))
        cuts = sorted(draw(st.lists(st.integers(0, len(indices)), min_size=0, max_size=3)))
        offsets, last = [0, *cuts], ""
        if draw(st.booleans()):
            offsets, last = [*offsets, len(indices)], ", include_last_offset=True"
        shape = (len(indices),)
        call = f"F.embedding_bag(m.tensor({indices}, dtype=m.long), w, m.tensor({offsets}){options}{last}"
    if mode == "sum" and draw(st.booleans()):
        inputs["p"] = array(draw, shape)
        call += ", per_sample_weights=p"
    return Case(op, call + ")", inputs)
