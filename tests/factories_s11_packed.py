"""Factories for branch s11_packed's ops: packing a padded batch (``pack_padded_sequence``) and ``transpose_``.

Registered into ``factories.FACTORIES`` (factories.py imports this module at
its end); tests/test_gradients.py and tests/test_against_torch.py then check
each against finite differences and PyTorch.
"""

from __future__ import annotations

from typing import Any

from factories import Case, array, dim_of, factory, shapes
from hypothesis import strategies as st


@factory("pack_padded_sequence")
def _pack_padded_sequence(draw: Any, op: str) -> Case:
    steps, batch = draw(st.integers(1, 4)), draw(st.integers(1, 3))
    lengths = draw(st.lists(st.integers(1, steps), min_size=batch, max_size=batch))
    batch_first = draw(st.booleans())
    features = draw(st.sampled_from([(), (2,)]))
    shape = (batch, steps, *features) if batch_first else (steps, batch, *features)
    enforce_sorted = draw(st.booleans())
    if enforce_sorted:
        lengths = sorted(lengths, reverse=True)
    code = f"m.nn.utils.rnn.pack_padded_sequence(x, {lengths}, {batch_first}, {enforce_sorted}).data"
    return Case(op, code, {"x": array(draw, shape)})


@factory("transpose_")
def _transpose_inplace(draw: Any, op: str) -> Case:
    shape = draw(shapes(0, 3))
    ndim = len(shape)
    return Case(
        op, f"(x * 1.0).transpose_({dim_of(draw, ndim)}, {dim_of(draw, ndim)})", {"x": array(draw, shape)}
    )
