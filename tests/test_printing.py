"""Tests for ``autograd_lab._printing.format_tensor`` against PyTorch's repr.

The golden cases come from ``tests/data/make_printing_golden.py`` (run with
real torch) and need no torch; the hypothesis test compares with live torch
and is skipped when torch is not installed.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from printing_cases import DTYPES, decode_values

from autograd_lab._printing import format_tensor

GOLDEN = Path(__file__).parent / "data" / "printing_golden.json"
CASES = json.loads(GOLDEN.read_text())["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_matches_golden(case: dict[str, Any]) -> None:
    values = decode_values(case)
    assert values.shape == tuple(case["shape"])
    got = format_tensor(values, dtype=case["dtype"], suffixes=case["suffixes"])
    assert got == case["expected"]


def test_golden_covers_the_edge_cases() -> None:
    texts = [c["expected"] for c in CASES]
    for needle in (
        "...",
        "e+",
        "e-",
        "nan",
        "-inf",
        "-0.",
        "size=(",
        "dtype=torch.bool",
    ):
        assert any(needle in t for t in texts), needle
    assert any(",\n       grad_fn=" in t for t in texts)  # wrapped suffix
    assert {len(c["shape"]) for c in CASES} >= {0, 1, 2, 3, 4, 5}


def test_does_not_mutate_or_need_contiguous_input() -> None:
    values = np.arange(12.0, dtype=np.float32).reshape(3, 4)
    before = values.copy()
    assert format_tensor(values.T, dtype="float32") == format_tensor(
        np.ascontiguousarray(values.T), dtype="float32"
    )
    np.testing.assert_array_equal(values, before)


# ----------------------------------------------------------- live torch
SPECIAL_FLOATS = st.sampled_from([math.nan, math.inf, -math.inf, 0.0, -0.0])


@st.composite
def tensors(draw: st.DrawFn) -> tuple[np.ndarray, str, str]:
    """A small array (0-4 dims), its dtype name and an autograd setting."""
    dtype = draw(st.sampled_from(list(DTYPES)))
    shape = draw(
        st.one_of(
            hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=6),
            # A few shapes above the 1000-element threshold, for "...".
            st.sampled_from([(1001,), (7, 150), (2, 3, 7, 25), (1, 1100)]),
        )
    )
    if dtype == "bool":
        elements: st.SearchStrategy[Any] = st.booleans()
    elif dtype == "int64":
        elements = st.one_of(st.integers(-100, 100), st.integers(-(2**63), 2**63 - 1))
    else:
        width = 32 if dtype == "float32" else 64
        # One value family per tensor, so each print mode gets exercised.
        elements = draw(
            st.sampled_from(
                [
                    st.floats(width=width),  # anything: huge, tiny, subnormal
                    st.floats(-10, 10, width=width),
                    st.integers(-(10**6), 10**6).map(float),  # integer-valued
                    st.floats(-(2.0**-10), 2.0**-10, width=width),  # small
                ]
            )
        )
        if draw(st.booleans()):
            elements = st.one_of(elements, SPECIAL_FLOATS)
    values = draw(hnp.arrays(DTYPES[dtype], shape, elements=elements))
    autograd = "none"
    if dtype.startswith("float"):
        autograd = draw(st.sampled_from(["none", "requires_grad", "clone"]))
    return values, dtype, autograd


def test_matches_live_torch() -> None:
    torch = pytest.importorskip("torch")

    @settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(tensors())
    def check(example: tuple[np.ndarray, str, str]) -> None:
        values, dtype, autograd = example
        t = torch.from_numpy(values.copy())
        suffixes = []
        if autograd == "requires_grad":
            t.requires_grad_()
            suffixes = ["requires_grad=True"]
        elif autograd == "clone":
            t = t.requires_grad_().clone()
            suffixes = ["grad_fn=<CloneBackward0>"]
        assert format_tensor(values, dtype=dtype, suffixes=suffixes) == repr(t)

    check()
