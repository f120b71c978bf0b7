"""gather, scatter, masks, nonzero and the ops that move elements, run in both libraries (branch breadth_b).

Each case is one expression in PyTorch's API (``m`` is the module): its
``repr``, or its exception's type and sentence, must be PyTorch's; our
errors add a hint.  Gradients are checked by the factories in
tests/factories_shape.py; here are the values, views, node names, results
without gradients, and errors.  Skipped where PyTorch is not installed.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest

torch_ref = pytest.importorskip("torch")

import autograd_lab as lab  # noqa: E402

X = "m.tensor([[1., -2., 3.], [-4., 5., -6.]], requires_grad=True)"
I = "m.tensor([[0, 1, 1], [1, 0, 0]])"  # noqa: E741 - an index, as in the docs
M = "m.tensor([[True, False, True], [False, False, True]])"


def view_facts(expression: str) -> str:
    """Whether the result is a view of its input (``_base``), and its node: a view shares memory, a copy not."""
    return f"(lambda x: (lambda y: (y, y._base is x, y._is_view(), y.grad_fn.name() if y.grad_fn else None))({expression}))"


CASES = {
    # gather
    "gather": f"{X}.gather(1, {I})",
    "torch.gather": f"m.gather({X}, 0, {I}[:, :2])",
    "gather's gradient": f"(lambda x: m.autograd.grad(x.gather(1, {I}).sum(), x))({X})",
    "gather of an int tensor": "m.arange(6).view(2, 3).gather(1, m.tensor([[2], [0]]))",
    "gather with a float index": f"{X}.gather(1, m.tensor([[0.]]))",
    "gather with an index of other dims": f"{X}.gather(1, m.tensor([0]))",
    "gather out of range": f"{X}.gather(1, m.tensor([[3]]))",
    "gather with a negative index": f"{X}.gather(1, m.tensor([[-1]]))",
    "gather with an index too wide": f"{X}.gather(0, m.tensor([[0, 0, 0, 0]]))",
    # scatter, scatter_, scatter_add, scatter_add_
    "scatter a tensor": f"m.zeros(2, 3).scatter(1, {I}[:, :1], m.tensor([[5.], [6.]]))",
    "scatter a number": f"m.zeros(3, 3).scatter(0, {I}, 1.5)",
    "scatter value=": f"m.zeros(3, 3).scatter(0, {I}, value=2.0)",
    "scatter_ in place": f"(lambda z: (z.scatter_(0, {I}, 7.0), z))(m.zeros(2, 3))",
    "scatter_ of a leaf that requires grad": f"{X}.scatter_(0, {I}, 1.0)",
    "scatter_'s node": f"({X} * 1).scatter_(0, {I}, {X} * 2)",
    "scatter's gradients": (
        f"(lambda x, s: m.autograd.grad((x.scatter(1, m.tensor([[2], [0]]), s) * x).sum(), [x, s]))"
        f"({X}, m.tensor([[1.], [2.]], requires_grad=True))"
    ),
    "scatter an int tensor": "m.zeros(3, dtype=m.long).scatter(0, m.tensor([0]), 1.5)",
    "scatter src of another dtype": f"m.zeros(2, 3).scatter(1, {I}, m.ones(2, 3, dtype=m.float64))",
    "scatter src too small": "m.zeros(3, 4).scatter(0, m.tensor([[0, 1]]), m.ones(1, 1))",
    "scatter_add": "m.zeros(3).scatter_add(0, m.tensor([0, 2, 0]), m.tensor([1., 2., 3.]))",
    "scatter_add_ in place": "(lambda z: (z.scatter_add_(0, m.tensor([1, 1]), m.tensor([1., 2.])), z))(m.ones(3))",
    "scatter_add of a number": "m.zeros(3).scatter_add(0, m.tensor([0]), 1.0)",
    "scatter_add_ of a number": "m.zeros(3).scatter_add_(0, m.tensor([0]), 1.0)",
    "scatter_add out of range": "m.zeros(3).scatter_add(0, m.tensor([3]), m.ones(1))",
    # index_add
    "index_add": "m.zeros(3, 2).index_add(0, m.tensor([0, 0, 2]), m.ones(3, 2), alpha=2)",
    "index_add_": "(lambda z: (z.index_add_(1, m.tensor([1]), m.ones(2, 1)), z))(m.zeros(2, 3))",
    "index_add's gradients": (
        "(lambda x, s: m.autograd.grad((x.index_add(0, m.tensor([1, 1]), s, alpha=3) ** 2).sum(), [x, s]))"
        f"({X}, m.ones(2, 3, requires_grad=True))"
    ),
    "index_add with a float index": "m.zeros(3, 2).index_add(0, m.tensor([0.]), m.ones(1, 2))",
    "index_add of another dtype": "m.zeros(3, 2).index_add(0, m.tensor([0]), m.ones(1, 2, dtype=m.float64))",
    "index_add, source of another shape": "m.zeros(3, 2).index_add(0, m.tensor([0]), m.ones(1, 3))",
    "index_add, too few indices": "m.zeros(3, 2).index_add(0, m.tensor([0]), m.ones(2, 2))",
    # masked_fill, masked_fill_, masked_select
    "masked_fill": f"{X}.masked_fill({M}, 0.)",
    "masked_fill with -inf": f"{X}.masked_fill(~{M}, float('-inf')).softmax(dim=1)",
    "masked_fill with a 0-d tensor": f"(lambda v: ({X}.masked_fill({M}, v), m.autograd.grad({X}.masked_fill({M}, v).sum(), v)))(m.tensor(2., requires_grad=True))",
    "masked_fill broadcasts the mask": f"{X}.masked_fill(m.tensor([True, False, False]), -1.)",
    "masked_fill broadcasts the tensor": "m.zeros(3).masked_fill(m.ones(2, 3, dtype=m.bool), 1.)",
    "masked_fill of ints": "m.tensor([1, 2]).masked_fill(m.tensor([True, False]), 3.7)",
    "masked_fill_": "(lambda z: (z.masked_fill_(z > 0, 0.), z))(m.tensor([1., -1., 2.]))",
    "masked_fill_'s node": f"({X} * 1).masked_fill_({M}, 1.)",
    "masked_fill with a float mask": "m.zeros(3).masked_fill(m.tensor([1., 0., 1.]), 1.)",
    "masked_fill with an int mask": "m.zeros(3).masked_fill(m.tensor([1, 0, 1]), 1.)",
    "masked_fill with a 1-d value": f"{X}.masked_fill({M}, m.tensor([1., 2.]))",
    "masked_fill with a mask that does not fit": "m.zeros(3).masked_fill(m.ones(2, dtype=m.bool), 1.)",
    "masked_fill_ with a larger mask": "m.zeros(3).masked_fill_(m.ones(2, 3, dtype=m.bool), 1.)",
    "masked_select": f"{X}.masked_select({M})",
    "torch.masked_select broadcasts": f"m.masked_select({X}, m.tensor([True, False, True]))",
    "masked_select's gradient": f"(lambda x: m.autograd.grad(x.masked_select(x > 0).sum() * 2, x))({X})",
    "masked_select with a float mask": f"{X}.masked_select({X})",
    "masked_scatter": f"{X}.masked_scatter({M}, m.arange(1., 8.))",
    "masked_scatter's gradients": (
        f"(lambda x, s: m.autograd.grad((x.masked_scatter({M}, s) * m.arange(6.).view(2, 3)).sum(), [x, s]))"
        f"({X}, m.arange(1., 8., requires_grad=True))"
    ),
    "masked_scatter broadcasts": "(m.zeros(3).masked_scatter(m.ones(2, 3, dtype=m.bool), m.ones(6)), m.zeros(2, 3).masked_scatter(m.tensor([True, False, True]), m.arange(6.)))",
    "masked_scatter_": f"(lambda z: (z.masked_scatter_({M}, m.tensor([7., 8., 9.])), z))(m.zeros(2, 3))",
    "masked_scatter with an int mask": f"m.zeros(2, 3).masked_scatter({M}.long(), m.ones(3))",
    "masked_scatter, source too small": f"m.zeros(2, 3).masked_scatter({M}, m.ones(2))",
    "masked_scatter, source of another dtype": f"m.zeros(2, 3).masked_scatter({M}, m.ones(3, dtype=m.float64))",
    "masked_scatter of a number": f"m.zeros(2, 3).masked_scatter({M}, 1.0)",
    # nonzero, where(condition), argwhere
    "nonzero": "m.tensor([[0, 1], [2, 0]]).nonzero()",
    "torch.nonzero of floats": "m.nonzero(m.tensor([0., 1.5, 0., -2.]))",
    "nonzero(as_tuple=True)": "m.tensor([[0, 1], [2, 0]]).nonzero(as_tuple=True)",
    "nonzero of a 0-d tensor": "(m.nonzero(m.tensor(3.)), m.nonzero(m.tensor(0.), as_tuple=True))",
    "nonzero of nothing": "m.zeros(2, 3).nonzero()",
    "torch.where(condition)": f"m.where({X} > 0)",
    "torch.where(condition) indexes": f"(lambda x: x[m.where(x > 0)])({X})",
    "argwhere": "m.argwhere(m.tensor([0., 3., 1.]))",
    # take, take_along_dim
    "take": f"{X}.take(m.tensor([[0, -1], [2, 3]]))",
    "take's gradient": f"(lambda x: m.autograd.grad(m.take(x, m.tensor([0, 0, 5])).sum(), x))({X})",
    "take out of range": f"{X}.take(m.tensor([6]))",
    "take with a float index": f"{X}.take(m.tensor([0.]))",
    "take_along_dim": f"(lambda x: x.take_along_dim(x.argmax(dim=1, keepdim=True), dim=1))({X})",
    "take_along_dim flattened": f"m.take_along_dim({X}, m.tensor([5, 0]))",
    "take_along_dim broadcasts": f"{X}.take_along_dim(m.tensor([[2, 0]]), dim=1)",
    "take_along_dim of other dims": f"{X}.take_along_dim(m.tensor([0]), dim=1)",
    # repeat, tile, repeat_interleave
    "repeat": f"{X}.repeat(2, 1)",
    "repeat with a new dim": f"{X}.repeat((2, 1, 2)).shape",
    "repeat is a copy": view_facts("x.repeat(1, 1)") + f"({X})",
    "repeat of a 0-d tensor": "m.tensor(1.).repeat(3)",
    "repeat zero times": f"{X}.repeat(0, 1)",
    "repeat's gradient": f"(lambda x: m.autograd.grad((x.repeat(2, 3) ** 2).sum(), x))({X})",
    "repeat with too few counts": f"{X}.repeat(2)",
    "repeat a negative number of times": f"{X}.repeat(-1, 1)",
    "tile": f"(m.tile({X}, (2,)), {X}.tile((2, 1, 1)).shape)",
    "repeat_interleave": "m.tensor([1, 2, 3]).repeat_interleave(2)",
    "repeat_interleave's node": f"{X}.repeat_interleave(2, dim=1)",
    "repeat_interleave flattens": f"{X}.repeat_interleave(2)",
    "repeat_interleave with counts": f"{X}.repeat_interleave(m.tensor([1, 2]), dim=0)",
    "repeat_interleave with a 0-d count": f"m.repeat_interleave({X}, m.tensor(2), dim=1)",
    "repeat_interleave's gradient": f"(lambda x: m.autograd.grad(x.repeat_interleave(3, dim=0).sum(), x))({X})",
    "repeat_interleave of counts alone": "m.repeat_interleave(m.tensor([1, 0, 2]))",
    "repeat_interleave, negative": f"{X}.repeat_interleave(-1)",
    "repeat_interleave, negative counts": f"{X}.repeat_interleave(m.tensor([-1, 1]), dim=0)",
    "repeat_interleave, counts of another size": f"{X}.repeat_interleave(m.tensor([1, 2]), dim=1)",
    # flip, fliplr, flipud, roll, rot90
    "flip": f"({X}.flip(0), {X}.flip((0, 1)), m.flip({X}, [1]))",
    "flip is a copy": view_facts("x.flip(0)") + f"({X})",
    "flip of a 0-d tensor": "m.tensor(1.).flip(0)",
    "fliplr and flipud": f"({X}.fliplr(), m.flipud({X}))",
    "flip without dims": f"{X}.flip()",
    "flip of a dim twice": f"{X}.flip(0, 0)",
    "flip out of range": f"{X}.flip(2)",
    "fliplr of a vector": "m.ones(3).fliplr()",
    "flipud of a 0-d tensor": "m.tensor(1.).flipud()",
    "roll": f"({X}.roll(1), {X}.roll(-1, 1), {X}.roll((1, 1), (0, 1)), m.roll({X}, shifts=1, dims=0))",
    "roll's gradient": f"(lambda x: m.autograd.grad((x.roll(1, 1) * m.arange(3.)).sum(), x))({X})",
    "roll, shifts and dims of other lengths": f"{X}.roll((1, 2))",
    "roll, one shift for two dims": f"m.roll({X}, (1,), (0, 1))",
    "rot90": f"({X}.rot90(), {X}.rot90(2), {X}.rot90(-1, [1, 0]), {X}.rot90(4))",
    "rot90's gradient": f"(lambda x: m.autograd.grad((x.rot90() * m.arange(6.).view(3, 2)).sum(), x))({X})",
    "rot90 of a vector": "m.ones(3).rot90()",
    "rot90 with three dims": f"{X}.rot90(1, (0, 1, 1))",
    "rot90 in one dim": f"{X}.rot90(1, (0, 0))",
    # tril, triu, tril_, triu_
    "tril and triu": f"({X}.tril(), {X}.triu(1), m.tril({X}, diagonal=-1), {X}.triu(5))",
    "tril of a batch": "m.ones(2, 2, 3).tril()",
    "tril of ints and bools": "(m.tensor([[1, 2], [3, 4]]).tril(), m.ones(2, 2, dtype=m.bool).triu())",
    "tril_ and triu_": "(lambda z: (z.tril_(), z.triu_(1), z))(m.ones(3, 3))",
    "tril_'s node": f"({X} * 1).tril_()",
    "tril_ of a leaf that requires grad": f"{X}.tril_()",
    "tril of a vector": "m.ones(3).tril()",
    "triu with a float diagonal": f"{X}.triu(0.5)",
    "causal mask": "m.ones(3, 3).tril() == 0",
    "tril_indices and triu_indices": "(m.tril_indices(3, 3), m.triu_indices(3, 4, 1), m.tril_indices(2, 3, -1), m.triu_indices(3, 2, 0))",
    "tril_indices pick a triangle": "(lambda x: x[m.tril_indices(3, 3)[0], m.tril_indices(3, 3)[1]])(m.arange(9.).view(3, 3))",
    "flip(dims=...)": "(m.arange(4).flip(dims=[0]), m.flip(m.arange(6).view(2, 3), dims=(0, 1)))",
    # diag, diagonal, diag_embed, trace
    "diag of a vector": "(m.diag(m.tensor([1., 2.])), m.tensor([1, 2]).diag(1), m.diag(m.tensor([1., 2.]), -1))",
    "diag of a matrix": f"({X}.diag(), {X}.diag(1), m.diag({X}, -1), {X}.diag(5))",
    "diag is a copy": view_facts("x.diag()") + f"({X})",
    "diag of a 0-d tensor": "m.tensor(1.).diag()",
    "diag of 3 dims": "m.zeros(2, 2, 2).diag()",
    "diagonal": f"({X}.diagonal(), {X}.diagonal(1), {X}.diagonal(0, 1, 0), m.diagonal({X}, offset=-1))",
    "diagonal is a view": view_facts("x.diagonal()") + f"({X})",
    "diagonal of 3 dims": "m.arange(24.).view(2, 3, 4).diagonal(1, 0, 2)",
    "diagonal written through": "(lambda z: (z.diagonal().fill_(0), z))(m.ones(3, 3))",
    "diagonal changed in place": f"(lambda d: (d.mul_(10), d._base))(({X} * 1).diagonal())",
    "diagonal of one dim twice": f"{X}.diagonal(0, 0, 0)",
    "diag_embed": "(m.tensor([[1., 2.], [3., 4.]]).diag_embed(), m.diag_embed(m.tensor([1., 2.]), 1, 0, 1))",
    "diag_embed of one dim twice": "m.zeros(2, 3).diag_embed(0, 0, 0)",
    "trace": f"({X}.trace(), m.trace(m.tensor([[1, 2], [3, 4]])), m.ones(2, 3, dtype=m.int32).trace())",
    "trace's gradient": f"(lambda x: m.autograd.grad(x.trace() * 2, x))({X})",
    "trace of a vector": "m.ones(3).trace()",
    "trace of bools": "m.tensor([[True]]).trace()",
    # contiguous, is_contiguous, stride, storage_offset, element_size, nelement
    "contiguous of a contiguous tensor": f"(lambda x: x.contiguous() is x)({X})",
    "contiguous of a transpose": f"(lambda y: (y, y.is_contiguous(), y.stride()))({X}.t().contiguous())",
    "is_contiguous": (
        f"(lambda x: (x.is_contiguous(), x.t().is_contiguous(), x[:, 1:].is_contiguous(), x[:, :1].is_contiguous(), "
        "x[1:].is_contiguous(), x.expand(2, 2, 3).is_contiguous(), m.zeros(3, 1).t().is_contiguous(), "
        f"x.diagonal().is_contiguous(), x.unfold(1, 2, 1).is_contiguous()))({X})"
    ),
    "stride": f"(lambda x: (x.stride(), x.t().stride(), x.stride(0), x.t().stride(-1), x[:, 1].stride()))({X})",
    "stride of views": f"(lambda x: (x.diagonal().stride(), x.unfold(1, 2, 1).stride(), x.expand(2, 2, 3).stride()))({X})",
    "stride of a 0-d tensor": "m.tensor(1.).stride()",
    "stride, storage_offset, is_contiguous of many views": (
        "(lambda x: [(y.stride(), y.storage_offset(), y.is_contiguous()) for y in (x, x.transpose(0, 2), "
        "x.unsqueeze(0), x.transpose(0, 2).unsqueeze(1), x[:, 1], x[..., ::2], x[:, :1], x.permute(2, 0, 1), "
        "x[0].t(), x.expand(3, 2, 3, 4), x[:, None], x[:, :1].squeeze(1), x.unfold(2, 2, 1), "
        "x.diagonal(0, 1, 2), x.movedim(0, -1), x.transpose(0, 1).reshape(3, 8), x.narrow(2, 1, 2), "
        "x[1:].unflatten(2, (2, 2)), x.select(1, 2))])(m.arange(24.).view(2, 3, 4))"
    ),
    "stride of empty tensors": "(m.zeros(0, 3).stride(), m.zeros(2, 0, 3).stride(), m.ones(0).stride())",
    "stride out of range": f"{X}.stride(2)",
    "storage_offset": f"(lambda x: (x.storage_offset(), x[1].storage_offset(), x[:, 1:].storage_offset(), x.diagonal(1).storage_offset(), x.t()[2].storage_offset()))({X})",
    "element_size and nelement": "[(m.zeros(2, 3, dtype=d).element_size(), m.zeros(2, 3, dtype=d).nelement()) for d in (m.float32, m.float64, m.int64, m.bool, m.uint8)]",
    # t_
    "t_": "(lambda z: (z.t_(), z.shape, z._version))(m.tensor([[1, 2, 3]]))",
    "t_'s node": f"({X} * 1).t_()",
    "t_'s gradient": f"(lambda x: m.autograd.grad(((x * 1).t_() * m.arange(6.).view(3, 2)).sum(), x))({X})",
    "t_ of a leaf that requires grad": "m.ones(2, 3, requires_grad=True).t_()",
    "t_ of 3 dims": "m.zeros(2, 3, 4).t_()",
    "t_ of a view stays a view": (
        f"(lambda x: (lambda y: (lambda v: (v.t_(), v._base is y, v.grad_fn.name(), y.mul_(2), v.grad_fn.name(), "
        "m.autograd.grad((v * m.arange(3.).view(3, 1)).sum(), x)))(y[:1]))(x * 1))"
        f"({X})"
    ),
    # unfold
    "unfold": "(m.arange(5.).unfold(0, 2, 1), m.arange(5.).unfold(0, 2, 2), m.arange(5.).unfold(0, 0, 1).shape)",
    "unfold is a view": view_facts("x.unfold(1, 2, 1)") + f"({X})",
    "unfold of a 0-d tensor": "m.tensor(3.).unfold(0, 1, 1)",
    "unfold's gradient, overlapping windows": f"(lambda x: m.autograd.grad(x.unfold(1, 2, 1).sum(), x))({X})",
    "unfold written through": "(lambda z: (z.unfold(0, 2, 2).fill_(7.), z))(m.zeros(5))",
    "unfold too large": f"{X}.unfold(1, 4, 1)",
    "unfold with step 0": f"{X}.unfold(1, 2, 0)",
    "unfold with a negative size": "m.arange(5.).unfold(0, -1, 1)",
    "unfold out of range": f"{X}.unfold(2, 1, 1)",
    # new_zeros, new_ones, new_full, new_empty, new_tensor
    "new_zeros and new_ones": f"({X}.new_zeros(2, 3), {X}.new_zeros((2,)), m.tensor([1, 2]).new_ones([2]), {X}.new_ones(2, dtype=m.int64))",
    "new_full": f"({X}.new_full((2,), 3), m.tensor([1, 2]).new_full((2,), 3.7), {X}.new_full([1], 2.5, dtype=m.float64))",
    "new_empty": f"({X}.new_empty(2, 3).shape, {X}.new_empty(2).dtype, m.tensor([1]).new_empty(1).dtype)",
    "new_tensor": f"({X}.new_tensor([1, 2]), m.tensor([1]).new_tensor([1.5]), {X}.new_tensor([1.]).requires_grad)",
    "new_tensor of a tensor": f"{X}.new_tensor(m.tensor([1, 2]))",
    "new_ones that requires grad": f"{X}.new_ones(2, requires_grad=True)",
    "new_full with a number for size": f"{X}.new_full(2, 3)",
    # meshgrid, cartesian_prod, block_diag
    "meshgrid ij": "m.meshgrid(m.tensor([1., 2., 3.]), m.tensor([4., 5.]), indexing='ij')",
    "meshgrid xy": "m.meshgrid(m.tensor([1, 2, 3]), m.tensor([4, 5]), m.tensor([6]), indexing='xy')",
    "meshgrid of a list": "[g.shape for g in m.meshgrid([m.arange(2), m.arange(3)], indexing='ij')]",
    "meshgrid without indexing warns": "m.meshgrid(m.tensor([1, 2]), m.tensor([3]))",
    "meshgrid's nodes and views": f"(lambda v: [(g.grad_fn.name(), g._is_view()) for g in m.meshgrid(v, v, indexing='xy')])({X}[0])",
    "meshgrid's gradient": f"(lambda v: m.autograd.grad(sum(g.sum() for g in m.meshgrid(v, v[:2], indexing='ij')), v))({X}[0])",
    "meshgrid of a 0-d tensor": "m.meshgrid(m.tensor(1.), m.tensor([5., 6.]), indexing='ij')",
    "meshgrid of one tensor": f"m.meshgrid({X}[0], indexing='ij')",
    "meshgrid with other indexing": "m.meshgrid(m.arange(2), indexing='ab')",
    "meshgrid of other dtypes": "m.meshgrid(m.tensor([1, 2]), m.tensor([4., 5.]), indexing='ij')",
    "cartesian_prod": "m.cartesian_prod(m.tensor([1, 2]), m.tensor([3, 4]), m.tensor([5]))",
    "cartesian_prod's node": f"m.cartesian_prod({X}[0], {X}[1])",
    "cartesian_prod of one tensor": f"(lambda v: m.cartesian_prod(v) is v)({X}[0])",
    "cartesian_prod of a matrix": f"m.cartesian_prod({X})",
    "block_diag": f"m.block_diag({X}, m.tensor(3.), m.tensor([4, 5]))",
    "block_diag of ints": "m.block_diag(m.tensor([[1, 2]]), m.tensor(3))",
    "block_diag of nothing": "m.block_diag()",
    "block_diag of 3 dims": "m.block_diag(m.zeros(2, 2, 2))",
    # movedim, moveaxis, swapaxes, swapdims, unflatten
    "movedim": f"({X}.movedim(0, 1), m.movedim({X}, (0, 1), (1, 0)), {X}.movedim(-1, 0).shape, m.zeros(2, 3, 4).movedim((0, 2), (2, 0)).shape)",
    "movedim is a view": view_facts("x.movedim(0, 1)") + f"({X})",
    "movedim to where it is": view_facts("x.movedim(0, 0)") + f"({X})",
    "moveaxis": f"(m.zeros(2, 3, 4).moveaxis(0, -1).shape, m.moveaxis({X}, 1, 0))",
    "movedim, counts differ": f"{X}.movedim((0, 1), (1,))",
    "movedim, a dim twice": f"{X}.movedim((0, 0), (1, 0))",
    "movedim out of range": f"{X}.movedim(0, 2)",
    "swapaxes and swapdims": f"({X}.swapaxes(0, 1), m.swapdims({X}, 0, 1), m.swapaxes({X}, 1, 0)._is_view())",
    "swapaxes out of range": f"{X}.swapaxes(0, 2)",
    "unflatten": f"({X}.unflatten(1, (3, 1)), m.unflatten({X}, 0, (1, 2)).shape, {X}.unflatten(-1, (-1, 1)).shape)",
    "unflatten of a transpose is a view": view_facts("x.t().unflatten(0, (3, 1))") + f"({X})",
    "unflatten to sizes that do not fit": f"{X}.unflatten(1, (3, 2))",
    "unflatten to no sizes": f"{X}.unflatten(1, ())",
    # gradients of gradients (create_graph): values and the nodes PyTorch records
    **{
        f"recorded backward of {name}": (
            f"(lambda x: (lambda g: (g, g.grad_fn.name(), m.autograd.grad((g * g).sum(), x)))"
            f"(m.autograd.grad(({expression} ** 2).sum(), x, create_graph=True)[0]))({X})"
        )
        for name, expression in {
            "gather": "x.gather(1, m.tensor([[0, 0], [2, 1]]))",
            "diagonal": "x.diagonal()",
            "unfold": "x.unfold(1, 2, 1)",
            "repeat": "x.repeat(2, 1)",
            "masked_fill": "x.masked_fill(x > 0, 0.)",
            "flip": "x.flip(0)",
            "trace": "x.trace()",
            "tril": "x.tril()",
            "take": "x.take(m.tensor([0, 4, 4]))",
            "masked_select": "x.masked_select(x > 0)",
            "index_add": "x.index_add(0, m.tensor([1, 1]), x)",
            "scatter": "x.scatter(1, m.tensor([[2], [0]]), x)",
        }.items()
    },
    "in-place changes of views": (
        f"(lambda x: (lambda y: (y[:, 0].masked_fill_(y[:, 0] > 0, 0.), y[0].scatter_(0, m.tensor([2]), 9.), "
        "y[1].index_add_(0, m.tensor([0, 0]), m.ones(2)), y.t().tril_(), y, m.autograd.grad((y * y).sum(), x)))"
        f"(x * 1))({X})"
    ),
}


def outcome(m: Any, code: str) -> str:
    """``repr`` of what ``code`` gives in ``m``, or its exception's type and PyTorch's sentence."""
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = repr(eval(code, {"m": m, "np": np}))  # noqa: S307 - our own table
    except Exception as error:
        text = str(error)
        if m is lab:
            assert " Hint: " in text, f"our error has no hint: {text}"
            text = text.split(" Hint: ")[0]
        return f"{type(error).__name__}: {text}"
    # PyTorch's warnings from C++ end with where they were raised: " (Triggered internally at ...)"
    said = [str(w.message).split(" Hint: ")[0].split(" (Triggered internally")[0] for w in caught]
    return result + "".join(f"\nwarning: {w}" for w in said)


@pytest.mark.parametrize("code", CASES.values(), ids=CASES.keys())
def test_as_pytorch(code: str) -> None:
    assert outcome(lab, code) == outcome(torch_ref, code)
