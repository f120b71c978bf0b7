"""Reductions, sorting and counting (branch breadth_a), each expression run in both libraries.

Each case is one expression in PyTorch's API (``m`` is the module): its
``repr`` (values, dtype, grad_fn, the named tuples PyTorch prints), or its
exception's type and sentence, must be PyTorch's; our errors add a hint.
The factories in ``factories_reductions.py`` check the gradients of the
differentiable ones on random inputs; here are the fixed cases: ties, zeros,
NaN, integer dtypes, 0-d and empty tensors, the error each misuse raises.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest

torch_ref = pytest.importorskip("torch")

import autograd_lab as lab  # noqa: E402

X = "m.tensor([[1., 2., 2.], [4., 0., 4.]], requires_grad=True)"
NAN = "m.tensor([1., float('nan'), 2., float('inf'), -float('inf')], requires_grad=True)"
INTS = "m.tensor([[3, 1, 3], [0, 2, 2]])"


def grad_of(code: str, x: str = X) -> str:
    """The gradient of ``sum(code · weights)`` at ``x``: the rule's values, with weights so that no rule passes by chance."""
    return (
        f"(lambda x: (lambda y: m.autograd.grad(y, x, m.arange(1., y.numel() + 1).reshape(y.shape).to(y.dtype)))"
        f"({code}))({x})"
    )


CASES = {
    # sum and mean with dtype=
    "sum(dtype=float64) of float32": f"{X}.sum(dtype=m.float64)",
    "sum(dtype=) of bools": "m.tensor([True, True, False]).sum(dtype=m.float32)",
    "sum of uint8, int32 and bool gives int64": "[m.tensor([200, 100], dtype=t).sum() for t in (m.uint8, m.int32, m.bool)]",
    "sum(dim, dtype=)": f"m.sum({INTS}, 1, dtype=m.float64)",
    "mean(dtype=) of ints": f"{INTS}.mean(dtype=m.float32)",
    "mean(dim, keepdim, dtype=)": f"m.mean({X}, 0, True, dtype=m.float64)",
    "gradient through sum(dtype=)": grad_of("x.sum(dtype=m.float64)"),
    "mean of ints without dtype": f"{INTS}.mean()",
    "mean with an integer dtype": f"{X}.mean(dtype=m.int32)",
    "sum(dtype=int64) converts each element first": "m.tensor([1.5, 2.7, -0.5]).sum(dtype=m.int64)",
    "sum(dtype=) records no conversion node": f"{X}.sum(dtype=m.float64).grad_fn.next_functions[0][0].__class__.__name__",
    "gradient through mean(dim, dtype=) keeps float32": grad_of("x.mean(1, dtype=m.float64)"),
    # var, std, std_mean, var_mean
    "std and var": f"({X}.std(), {X}.var(1), m.var({X}, 0, keepdim=True), {X}.std(correction=0), m.std({X}, False))",
    "unbiased positional": f"({X}.std(1, False, True), m.var({X}, (0, 1), True))",
    "keepdim without dim": f"m.std({X}, keepdim=True)",
    "std_mean and var_mean": f"(m.std_mean({X}, 1), m.var_mean({X}), m.var_mean({X}, dim=0, correction=0))",
    "std's gradient": grad_of("x.std(1)"),
    "std's gradient where the spread is 0": grad_of(
        "x.std(0)", "m.tensor([[1., 2.], [1., 3.]], requires_grad=True)"
    ),
    "var's gradient with N = correction": grad_of("x.var()", "m.tensor([2.], requires_grad=True)"),
    "std of one element": "m.tensor([1.]).std()",
    "var with correction above N": "m.tensor([1., 2.]).var(correction=3)",
    "std of a 0-d tensor along 0": "m.tensor(2.).std(0)",
    "std_mean's gradients": f"(lambda x: m.autograd.grad(sum(t.sum() * (i + 1) for i, t in enumerate(m.std_mean(x, 1))), x))({X})",
    "std of ints": f"{INTS}.std()",
    "var of ints along a dim": f"m.var({INTS}, 1)",
    # prod, cumsum, cumprod
    "prod": f"({X}.prod(), {X}.prod(1), m.prod({X}, 0, True), {INTS}.prod(1), m.tensor([2, 3], dtype=m.uint8).prod())",
    "prod(dtype=)": f"{INTS}.prod(dtype=m.float32)",
    "prod's gradient with one zero": grad_of("x.prod()"),
    "prod's gradient with two zeros": grad_of("x.prod()", "m.tensor([0., 2., 0.], requires_grad=True)"),
    "prod's gradient along a dim with zeros": grad_of(
        "x.prod(1)", "m.tensor([[0., 2., 3.], [0., 0., 1.], [1., 2., 3.]], requires_grad=True)"
    ),
    "prod over a tuple of dims": f"{X}.prod((0, 1))",
    "cumsum and cumprod": f"({X}.cumsum(0), m.cumsum({X}, dim=1), {X}.cumprod(1), {INTS}.cumsum(0), m.tensor([True, True]).cumsum(0))",
    "cumsum(dtype=)": f"{INTS}.cumsum(1, dtype=m.float64)",
    "cumsum's gradient": grad_of("x.cumsum(1)"),
    "cumprod's gradient with zeros": grad_of(
        "x.cumprod(1)", "m.tensor([[2., 0., 3., 0.], [1., 2., 0., 4.]], requires_grad=True)"
    ),
    "cumprod's gradient without zeros": grad_of(
        "x.cumprod(0)", "m.tensor([[2., -1.], [0.5, 3.]], requires_grad=True)"
    ),
    "cumsum out of range": f"{X}.cumsum(2)",
    "cumsum of a 0-d tensor": "m.tensor(3.).cumsum(0)",
    # logsumexp, amax, amin, aminmax
    "logsumexp": f"({X}.logsumexp(1), m.logsumexp({X}, (0, 1), True), m.tensor([1, 2]).logsumexp(0))",
    "logsumexp of infinities": "(m.logsumexp(m.tensor([[-float('inf')] * 2]), 1), m.logsumexp(m.tensor([[float('inf')] * 2]), 1))",
    "logsumexp's gradient": grad_of("x.logsumexp(0)"),
    "amax and amin": f"({X}.amax(), {X}.amax(1), m.amin({X}, 0, True), {INTS}.amax(dim=(0, 1)))",
    "amax shares the gradient between ties": grad_of("x.amax(1)"),
    "amin shares the gradient between ties": grad_of("x.amin()"),
    "aminmax": f"(m.aminmax({X}), {X}.aminmax(dim=0), m.aminmax({X}, dim=-1, keepdim=True), m.aminmax(m.tensor(2.)))",
    "aminmax's gradients": f"(lambda x: m.autograd.grad((lambda r: r.min.sum() * 3 + r.max.sum() * 5)(m.aminmax(x)), x))({X})",
    "amax of an empty tensor": "m.ones(0).amax()",
    "aminmax of an empty tensor": "m.aminmax(m.ones(0))",
    # NaN and inf
    "isnan, isinf, isfinite": f"(m.isnan({NAN}), {NAN}.isinf(), m.isfinite({NAN}), m.isnan({INTS}), m.isfinite({INTS}))",
    "nan_to_num": f"(m.nan_to_num({NAN}), {NAN}.nan_to_num(1.5, 2., -3.), m.nan_to_num({INTS}))",
    "nan_to_num's gradient": grad_of("m.nan_to_num(x)", NAN),
    "nansum and nanmean": f"(m.nansum({NAN}[:3]), {NAN}[:3].nanmean(), m.nansum({INTS}), m.nanmean(m.tensor([[1., float('nan')], [2., 4.]]), 1))",
    "nansum's gradient": grad_of("x[:3].nansum()", NAN),
    "nanmean's gradient": grad_of("x[:3].nanmean()", NAN),
    "isnan of a list": "m.isnan([1.])",
    "nanmean of ints": f"m.nanmean({INTS})",
    # any, all, count_nonzero
    "any and all": f"({INTS}.any(), {INTS}.all(1), m.any({INTS}, dim=0, keepdim=True), m.tensor([0., 2.]).any(), m.tensor([1, 2], dtype=m.uint8).all())",
    "count_nonzero": f"(m.count_nonzero({INTS}, dim=1), {INTS}.count_nonzero(), {INTS}.count_nonzero((0, 1)))",
    "any along a dim out of range": "m.any(m.ones(2), dim=3)",
    # diff
    "diff": f"(m.diff(m.tensor([1, 3, 6]), n=2), m.diff(m.tensor([True, False, False])), {X}.diff(), {X}.diff(dim=0))",
    "diff with prepend and append": f"m.diff({X}, 2, prepend=m.ones(2, 1), append={X})",
    "diff's gradient": grad_of("x.diff(dim=1)"),
    "diff of a 0-d tensor": "m.diff(m.tensor(1.))",
    # sort, argsort, msort, topk
    "sort": f"({X}.sort(), m.sort({X}, 0, True), {X}.sort(dim=1, descending=True, stable=True))",
    "sort keeps ties in order": "m.tensor([[3., 1., 3., 1., 2.], [5., 5., 5., 0., 0.]]).sort(1, descending=True)",
    "sort with NaN": "(m.tensor([1., float('nan'), 2.]).sort(), m.tensor([1., float('nan'), 2.]).sort(descending=True))",
    "argsort and msort": f"({X}.argsort(1, True), m.argsort({X}, 0), m.msort({X}), m.tensor([True, False]).sort())",
    "sort's gradient": grad_of("x.sort(1).values"),
    "topk": f"({X}.topk(2), m.topk({X}, 1, dim=0, largest=False), m.tensor([3, 1]).topk(1), {X}.topk(0), m.tensor(3.).topk(1))",
    "topk's gradient": grad_of(
        "x.topk(2, largest=False).values", "m.tensor([[3., 1., 4.], [1.5, 9., 2.]], requires_grad=True)"
    ),
    "topk with k too large": f"{X}.topk(4)",
    "sort of a 0-d tensor along a dim out of range": "m.tensor(3.).sort(dim=5)",
    # median, kthvalue, mode
    "median": f"({X}.median(), m.tensor([[3., 1., 4.], [1.5, 9., 2.]]).median(1), m.median({INTS}, 0, True), m.tensor(3.).median(0))",
    "median of an even count is the lower one": "m.tensor([4., 1., 3., 2.]).median()",
    "median's gradient is shared between ties": grad_of("x.median()"),
    "median's gradient along a dim": grad_of(
        "x.median(1).values", "m.tensor([[3., 1., 4.], [1.5, 9., 2.]], requires_grad=True)"
    ),
    "median with NaN": "(m.tensor([1., float('nan'), 2.]).median(), m.tensor([[1., float('nan'), 2.]]).median(1))",
    "median of an empty tensor": "(m.ones(0).median(), m.tensor([], dtype=m.float64).median())",
    "median along an empty dim": "m.ones(2, 0).median(1)",
    "kthvalue": "m.tensor([[3., 1., 4.], [1.5, 9., 2.]]).kthvalue(2, 1, True)",
    "kthvalue's gradient": grad_of(
        "m.kthvalue(x, 2, 0).values", "m.tensor([[3., 1., 4.], [1.5, 9., 2.]], requires_grad=True)"
    ),
    "kthvalue with k out of range": f"{X}.kthvalue(4, 1)",
    "mode": f"({X}.mode(1), {INTS}.mode(0), m.tensor([[1, 2, 2, 1]]).mode(1), m.tensor([2, 2, 1, 1, 3]).mode())",
    "mode's gradient": grad_of("x.mode(1).values"),
    "mode of an empty tensor": "m.ones(0).mode()",
    # quantile, nanquantile
    "quantile": f"(m.quantile({X}, 0.3), {X}.quantile(0.3, dim=1), m.quantile({X}, 0.5, 0, keepdim=True), m.quantile({X}, 0.3, keepdim=True))",
    "quantile with a tensor q": f"(m.quantile({X}, m.tensor([0.25, 0.75]), dim=1, keepdim=True), {X}.quantile(m.tensor([0.1, 0.9])))",
    "quantile's interpolations": f"[m.quantile({X}, 0.3, dim=1, interpolation=i) for i in ('lower', 'higher', 'nearest', 'midpoint', 'linear')]",
    "nearest rounds half to even": "m.quantile(m.tensor([0., 1., 2., 3.]), m.tensor([0.125, 0.375, 0.5, 0.625]), interpolation='nearest')",
    "quantile and nanquantile with NaN": "(m.quantile(m.tensor([1., float('nan'), 3.]), 0.5), m.nanquantile(m.tensor([[1., float('nan'), 3.], [float('nan')] * 3]), 0.5, dim=1))",
    "quantile of a 0-d tensor": "(m.quantile(m.tensor(3.), 0.5), m.quantile(m.tensor(3.), 0.5, dim=0))",
    "quantile's gradient": grad_of(
        "m.quantile(x, m.tensor([0.3, 0.5]), dim=0)",
        "m.tensor([[3., 1., 4.], [1.5, 9., 2.]], requires_grad=True)",
    ),
    "quantile's gradient between ties": grad_of("x.quantile(0.5, 1, interpolation='midpoint')"),
    "quantile of ints": "m.quantile(m.tensor([1, 2]), 0.5)",
    "quantile with q above 1": f"m.quantile({X}, 1.5)",
    "quantile with a tensor q above 1": f"m.quantile({X}, m.tensor([0.5, 2.]))",
    "quantile with a float64 q": f"m.quantile({X}, m.tensor([0.5], dtype=m.float64))",
    "quantile with a 2-d q": f"m.quantile({X}, m.tensor([[0.5]]))",
    "quantile of an empty tensor": "m.quantile(m.ones(0), 0.5)",
    "quantile with an unknown interpolation": f"m.quantile({X}, 0.5, interpolation='median')",
    # unique, bincount, histc, searchsorted, bucketize
    "unique": f"(m.unique({INTS}), {INTS}.unique(return_inverse=True, return_counts=True), m.unique({INTS}, dim=1, return_counts=True))",
    "unique keeps each NaN": "m.unique(m.tensor([1., float('nan'), float('nan')]))",
    "bincount": "(m.bincount(m.tensor([0, 1, 1, 3])), m.tensor([2]).bincount(minlength=4), m.bincount(m.tensor([1, 1]), weights=m.tensor([0.5, 1.])), m.bincount(m.tensor([1, 1]), weights=m.tensor([1, 2])))",
    "bincount of negative numbers": "m.bincount(m.tensor([-1, 2]))",
    "bincount of floats": "m.bincount(m.tensor([1.]))",
    "histc": "(m.histc(m.tensor([1., 2., 2.5]), bins=3), m.histc(m.tensor([1., 1.]), bins=2), m.histc(m.tensor([0., 1., 5., 6., 7.]), bins=4, min=0, max=6))",
    "histc of ints": "m.histc(m.tensor([1, 2]))",
    "histc with min above max": "m.histc(m.tensor([1., 2.]), min=3, max=1)",
    "searchsorted": "(m.searchsorted(m.tensor([1, 3, 5, 7]), m.tensor([3, 6])), m.searchsorted(m.tensor([1, 3, 5]), 3, right=True), m.searchsorted(m.tensor([[1, 3, 5], [2, 4, 6]]), m.tensor([[3, 0], [4, 9]]), side='right', out_int32=True))",
    "searchsorted with rows that do not match": "m.searchsorted(m.tensor([[1, 2]]), m.tensor([[1], [2]]))",
    "bucketize": "(m.bucketize(m.tensor([[0.5, 2.0], [9.0, 1.0]]), m.tensor([1.0, 2.0, 5.0])), m.bucketize(3, m.tensor([1, 3]), right=True))",
    "bucketize with 2-d boundaries": "m.bucketize(m.tensor([1]), m.tensor([[1, 2]]))",
}


def outcome(m: Any, code: str) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return repr(eval(code, {"m": m, "np": np}))  # noqa: S307 - our own table
        except Exception as error:  # noqa: BLE001 - the error is the outcome compared
            text = str(error)
            if m is lab:
                assert "Hint: " in text, f"our error has no hint: {text}"
                text = text.split("Hint: ")[0].removesuffix(" ")
            return f"{type(error).__name__}: {text}"


@pytest.mark.parametrize("code", CASES.values(), ids=CASES.keys())
def test_as_pytorch(code: str) -> None:
    assert outcome(lab, code) == outcome(torch_ref, code)


@pytest.mark.parametrize(
    "code", ["m.tensor([1.]).std()", "m.std_mean(m.tensor([1.]))", "m.ones(2).var(correction=2)"]
)
def test_no_degrees_of_freedom_warns_as_pytorch(code: str) -> None:
    sentences = []
    for m in (lab, torch_ref):
        with pytest.warns(UserWarning) as caught:
            eval(code, {"m": m})  # noqa: S307 - our own table
        sentences.append(str(caught[0].message).split(" (Triggered internally")[0].split(" Hint: ")[0])
    assert sentences[0] == sentences[1]


def test_std_rejects_unbiased_with_correction() -> None:
    with pytest.raises(TypeError, match="received an invalid combination of arguments") as caught:
        lab.tensor([1.0, 2.0]).std(unbiased=True, correction=1)
    assert "Hint: " in str(caught.value)
    with pytest.raises(TypeError):
        torch_ref.tensor([1.0, 2.0]).std(unbiased=True, correction=1)
