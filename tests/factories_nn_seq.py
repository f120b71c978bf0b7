"""Hypothesis factories for the ops of branch nn_e: 1-d convolution and upsampling (see factories.py)."""

from __future__ import annotations

from typing import Any

from factories import Case, array, factory, one_of
from hypothesis import strategies as st


def _convolution_case(draw: Any, op: str, function: str, inputs: dict, out: int, options: str) -> Case:
    """A call of ``F.<function>(x, w[, b]<options>)``, on the batch or on its first example (unbatched)."""
    if draw(st.booleans()):
        inputs["b"] = array(draw, (out,))
    bias = ", b" if "b" in inputs else ""
    image = one_of(draw, "x", "x[0]")
    return Case(op, f"F.{function}({image}, w{bias}{options})", inputs)


@factory("conv1d")
def _conv1d(draw: Any, op: str) -> Case:
    groups = draw(st.sampled_from([1, 1, 2]))
    n, c, out = draw(st.integers(1, 2)), groups * draw(st.integers(1, 2)), groups * draw(st.integers(1, 2))
    length = draw(st.integers(1, 6))
    kernel = draw(st.integers(1, length))
    options = ""
    if draw(st.booleans()):
        options += f", stride={draw(st.integers(1, 2))}"
    if kernel > 1 and draw(st.booleans()):
        options += f", padding={draw(st.integers(0, kernel // 2))}"
    if kernel > 1 and (kernel - 1) * 2 + 1 <= length and draw(st.booleans()):
        options += ", dilation=2"
    if "stride" not in options and draw(st.booleans()):
        options = one_of(draw, ", padding='same'", ", padding='valid'") + (
            ", dilation=2" if "dilation" in options else ""
        )
    inputs = {"x": array(draw, (n, c, length)), "w": array(draw, (out, c // groups, kernel))}
    return _convolution_case(draw, op, "conv1d", inputs, out, f"{options}, groups={groups}")


@factory(
    "upsample_nearest1d",
    "upsample_nearest2d",
    "upsample_nearest3d",
    "upsample_linear1d",
    "upsample_bilinear2d",
    "upsample_trilinear3d",
    "upsample_nearest_exact1d",
    "upsample_nearest_exact2d",
    "upsample_nearest_exact3d",
    "upsample_bicubic2d",
)
def _upsample(draw: Any, op: str) -> Case:
    spatial = int(op[-2])
    if "nearest" in op:
        mode = "nearest-exact" if "exact" in op else "nearest"
    else:
        mode = "bicubic" if "bicubic" in op else {1: "linear", 2: "bilinear", 3: "trilinear"}[spatial]
    shape = (
        draw(st.integers(1, 2)),
        draw(st.integers(1, 2)),
        *(draw(st.integers(1, 4)) for _ in range(spatial)),
    )
    if draw(st.booleans()):
        sizes = tuple(draw(st.integers(1, 6)) for _ in range(spatial))
        resize = f"size={sizes if draw(st.booleans()) else sizes[0]}"
    else:  # 0.75 of a side of 1 would be empty
        factor = draw(st.sampled_from([1.5, 2, 2.5, 3] if min(shape[2:]) == 1 else [0.75, 1.5, 2, 2.5, 3]))
        resize = f"scale_factor={factor}" + one_of(draw, "", ", recompute_scale_factor=True")
    corners = "" if "nearest" in mode else one_of(draw, "", ", align_corners=True", ", align_corners=False")
    code = f"F.interpolate(x, {resize}, mode={mode!r}{corners})"
    return Case(op, code, {"x": array(draw, shape)})


@factory("upsample_bilinear2d_aa", "upsample_bicubic2d_aa", "upsample_lanczos2d_aa")
def _upsample_antialiased(draw: Any, op: str) -> Case:
    mode = op.removeprefix("upsample_").removesuffix("2d_aa")
    shape = (
        draw(st.integers(1, 2)),
        draw(st.integers(1, 2)),
        draw(st.integers(2, 7)),
        draw(st.integers(2, 7)),
    )
    # (PyTorch's kernel gives every row the first row's value when the output is one column wide and
    # the height changes, a bug of its own: the factory leaves that case out)
    sizes = (draw(st.integers(1, 6)), draw(st.integers(2, 6)))
    corners = "" if mode == "lanczos" else one_of(draw, "", ", align_corners=True", ", align_corners=False")
    code = f"F.interpolate(x, size={sizes}, mode={mode!r}, antialias=True{corners})"
    return Case(op, code, {"x": array(draw, shape)})


@factory("conv_transpose2d")
def _conv_transpose2d(draw: Any, op: str) -> Case:
    groups = draw(st.sampled_from([1, 1, 2]))
    n, c, out = draw(st.integers(1, 2)), groups * draw(st.integers(1, 2)), groups * draw(st.integers(1, 2))
    size = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    kernel = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    stride = draw(st.integers(1, 2))
    dilation = draw(st.integers(1, 2))
    options = f", stride={stride}, dilation={dilation}"
    smallest = min((side - 1) * stride + dilation * (k - 1) + 1 for side, k in zip(size, kernel, strict=True))
    if smallest > 2 and draw(st.booleans()):  # padding 1 leaves at least one output pixel
        options += ", padding=1"
    if stride == 2 and draw(st.booleans()):
        options += ", output_padding=1"
    inputs = {"x": array(draw, (n, c, *size)), "w": array(draw, (c, out // groups, *kernel))}
    return _convolution_case(draw, op, "conv_transpose2d", inputs, out, f"{options}, groups={groups}")


@factory("adaptive_avg_pool1d")
def _adaptive_avg_pool1d(draw: Any, op: str) -> Case:
    length = draw(st.integers(1, 7))
    shape = draw(st.sampled_from([(draw(st.integers(1, 2)), 2, length), (2, length)]))
    size = draw(st.integers(1, 7))
    return Case(
        op, f"F.adaptive_avg_pool1d(x, {one_of(draw, str(size), f'({size},)')})", {"x": array(draw, shape)}
    )
