"""Encoding of the printing golden cases, shared by the test and its generator.

Values are nested lists with nan/inf as strings; big tensors are stored as a
recipe (arange, mod, scale, offset, patches) instead of every value.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

DTYPES = {
    "float32": np.float32,
    "float64": np.float64,
    "int64": np.int64,
    "bool": np.bool_,
}
SPECIALS = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}


# ---------------------------------------------------------------- encoding
def encode(x: Any) -> Any:
    """Nested lists from ``ndarray.tolist()`` with nan/inf as strings."""
    if isinstance(x, list):
        return [encode(v) for v in x]
    if isinstance(x, float) and not math.isfinite(x):
        return "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")
    return x


def decode(x: Any) -> Any:
    if isinstance(x, list):
        return [decode(v) for v in x]
    return SPECIALS.get(x, x) if isinstance(x, str) else x


def decode_values(case: dict[str, Any]) -> np.ndarray:
    """Rebuild the array of a case."""
    dtype = DTYPES[case["dtype"]]
    recipe = case.get("recipe")
    if recipe is None:
        return np.array(decode(case["values"]), dtype=dtype).reshape(case["shape"])
    base = np.arange(recipe["arange"], dtype=np.float64)
    if "mod" in recipe:
        base %= recipe["mod"]
    base = base * recipe.get("scale", 1.0) + recipe.get("offset", 0.0)
    for index, value in recipe.get("patch", []):
        base[index] = decode(value)
    return base.astype(dtype).reshape(case["shape"])
