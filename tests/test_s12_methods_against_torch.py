"""Session 12: PyTorch's keyword names, and the Tensor methods real lessons call, against PyTorch.

Two parts.

*Keyword names.*  For every public name that ``torch`` and ``autograd_lab``
both have (functions and Tensor methods), PyTorch's parameter names are read
from the first line of its docstring (``dot(input, tensor, *, out=None) ->
Tensor``).  Where small valid inputs can be built, each name is passed by
keyword in both libraries; where PyTorch accepts it, autograd_lab must too
and give what it gives for the positional call.  Where no inputs fit, the
names are compared with ``inspect.signature`` of ours, for the names
PyTorch really binds (its operator schemas, or its Python signature: a
docstring sometimes names a parameter otherwise, ``Tensor.mul(value)``).
What is left out on purpose is listed in ``KEYWORD_GAPS``, with why.

*Methods.*  Each case is an expression run in both libraries (``m`` is the
module): its ``repr``, node names, version counters, gradients, or its
exception's type and first line must be PyTorch's.  Skipped where PyTorch is
not installed.
"""

from __future__ import annotations

import inspect
import re
import warnings
from typing import Any

import pytest

torch_ref = pytest.importorskip("torch")

import autograd_lab as lab  # noqa: E402

# -- keyword names --------------------------------------------------------------------------------------


def _split_top_level(text: str) -> list[str]:
    """``text`` split at the commas outside brackets."""
    parts, depth, current = [], 0, ""
    for character in text:
        depth += character in "([{"
        depth -= character in ")]}"
        if character == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += character
    return [part.strip() for part in [*parts, current] if part.strip()]


def doc_parameters(function: Any, name: str, method: bool) -> list[tuple[str, bool]] | None:
    """PyTorch's parameters from the docstring's first line, as (name, required); None without one.

    ``*size`` and the like (any number of values) are left out.  Without a
    docstring: a Python function's signature, or the operator's first schema.
    """
    doc = getattr(function, "__doc__", None)
    line = doc.strip().splitlines()[0] if doc and doc.strip() else ""
    if "(" not in line:
        return _undocumented_parameters(function, name, method)
    start = line.find("(")
    if start < 0:
        return None
    depth = 0
    for end in range(start, len(line)):
        depth += line[end] == "("
        depth -= line[end] == ")"
        if depth == 0:
            break
    else:
        return None
    parameters = []
    for part in _split_top_level(line[start + 1 : end].replace("\\", "")):
        if part.startswith("*") or part == "/":
            continue
        name = re.split(r"[=:]", part)[0].strip().split()[-1] if part.strip() else ""
        if name.isidentifier():
            parameters.append((name, "=" not in part))
    return parameters


def _undocumented_parameters(function: Any, name: str, method: bool) -> list[tuple[str, bool]] | None:
    if inspect.isfunction(function):
        return [
            (p.name, p.default is p.empty)
            for p in inspect.signature(function).parameters.values()
            if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        ]
    schemas = torch_ref._C._jit_get_schemas_for_operator(f"aten::{name}")
    if not schemas:
        return None
    return [
        (
            "input" if a.name == "self" and not method else a.name,
            not a.has_default_value() and not a.kwarg_only,
        )
        for a in schemas[0].arguments
    ]


def bound_names(function: Any, name: str, method: bool) -> set[str] | None:
    """The names PyTorch binds: a Python function's own, else its operator schemas' (``self`` is ``input``)."""
    if inspect.isfunction(function):
        return set(inspect.signature(function).parameters)
    schemas = torch_ref._C._jit_get_schemas_for_operator(f"aten::{name}")
    if not schemas:
        return None
    return {"input" if a.name == "self" and not method else a.name for s in schemas for a in s.arguments}


# Small inputs, in families that fit together; the first family whose values PyTorch accepts for a
# call's required parameters (by position) is the one the names are tried with.
def _families(m: Any) -> list[dict[str, Any]]:
    x = m.tensor([[0.25, 0.5, 0.75], [0.125, 0.375, 0.625]])
    y = m.tensor([[0.5, 0.25, 0.5], [0.75, 0.5, 0.25]])
    v, w = m.tensor([0.25, 0.5, 0.75]), m.tensor([0.5, 0.25, 0.125])
    square = m.tensor([[2.0, 0.5], [0.5, 1.0]])
    integers = m.tensor([[6, 3, 4], [1, 2, 5]])
    common = {"alpha": 2, "value": 0.5, "keepdim": True, "rtol": 1e-3, "atol": 1e-3, "equal_nan": True}
    elementwise = {
        "input": x,
        "other": y,
        "tensor": y,
        "end": y,
        "values": y,
        "exponent": y,
        "weight": 0.5,
        "tensor1": y,
        "tensor2": y,
        "min": 0.3,
        "max": 0.6,
        "dim": 1,
        "k": 2,
        "chunks": 2,
        "dim0": 0,
        "dim1": 1,
        "start": 0,
        "length": 2,
        "p": 2,
        "diagonal": 0,
        "descending": True,
        "mask": x > 0.3,
        "source": y,
        "src": y,
        "eps": 0.1,
        "decimals": 1,
        "dims": (1, 0),
        "shifts": 1,
        "repeats": 2,
        "sections": 3,
        "split_size": 1,
        "correction": 0,
        "unbiased": False,
        "largest": False,
        "sorted": True,
        "stable": True,
        "nan": 0.0,
        "posinf": 1.0,
        "neginf": -1.0,
        "q": 0.5,
        "offset": 0,
        "divisor": y,
        "rounding_mode": "floor",
        "fill_value": 1.5,
        "n": 1,
        "size": (2, 3),
        **common,
    }
    vectors = {
        "input": v,
        "other": w,
        "tensor": w,
        "vec": w,
        "vec1": v,
        "vec2": w,
        "end": w,
        "weight": 0.5,
        "dim": 0,
        "k": 1,
        "bins": 2,
        "n": 2,
        "diagonal": 0,
        "minlength": 0,
        "size": (3,),
        **common,
    }
    matrices = {
        "input": x,
        "mat2": y.T,
        "other": y.T,
        "vec": v,
        "mat1": x,
        "mat": x,
        "tensor2": y.T,
        "dim": 0,
        "k": 1,
        **common,
    }
    batches = {"input": x[None], "mat2": y.T[None], "batch1": x[None], "batch2": y.T[None], **common}
    linear_algebra = {"input": square, "A": square, "other": square, "B": square, "upper": False, **common}
    integer = {"input": integers, "other": m.tensor([[2, 3, 1], [3, 4, 2]]), "dim": 1, "k": 1, **common}
    return [elementwise, vectors, matrices, batches, linear_algebra, integer]


_OUTSIDE = (
    "out",
    "layout",
    "pin_memory",
    "generator",
    "memory_format",
)  # keywords checked elsewhere or not kept

# (kind, name) -> the PyTorch keywords autograd_lab leaves out, and why.
KEYWORD_GAPS: dict[tuple[str, str], set[str]] = {
    # `from` is a word of Python's own: x.uniform_(from=0) cannot be written, only **{"from": 0}
    ("method", "random_"): {"from"},
    ("method", "uniform_"): {"from"},
    # scatter_'s reduce="add"/"multiply", deprecated in PyTorch for scatter_reduce_
    ("method", "scatter_"): {"reduce"},
}


def _outcome(call: Any) -> str:
    """``repr`` of what ``call()`` gives, or its exception's type and first line (without our hint)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return repr(call())
        except Exception as error:
            first = str(error).split(" Hint: ")[0].splitlines()
            return f"{type(error).__name__}: {first[0] if first else ''}"


def _invoke(m: Any, kind: str, name: str, family: int, positional: list[str], keywords: list[str]) -> Any:
    """``m.name(...)`` or ``x.name(...)`` with the family's values, the ``positional`` ones by position."""
    values = _families(m)[family]
    m.manual_seed(0)  # (bernoulli, rand_like ...: the same draws by position and by keyword)
    args = [values[p] for p in positional]
    kwargs = {p: values[p] for p in keywords}
    if kind == "method":
        return getattr(values["input"], name)(*args, **kwargs)
    return getattr(m, name)(*args, **kwargs)


def _called(m: Any, attempt: tuple) -> str:
    """The outcome of ``_invoke(m, *attempt)``."""
    return _outcome(lambda: _invoke(m, *attempt))


def _refused(outcome: str) -> bool:
    return outcome.startswith(
        ("TypeError", "RuntimeError", "IndexError", "ValueError", "NotImplementedError")
    )


def keyword_check(kind: str, name: str) -> tuple[set[str], set[str]] | None:
    """(the names checked by calling, the names autograd_lab does not take as PyTorch does); None where
    no family of inputs fits the call."""
    function = getattr(torch_ref.Tensor if kind == "method" else torch_ref, name)
    parameters = doc_parameters(function, name, kind == "method")
    if parameters is None:
        return None
    parameters = [(p, required) for p, required in parameters if p not in (*_OUTSIDE, "self")]
    if kind == "method" and any(p == "input" for p, _ in parameters):
        return None  # (a method documented with its tensor as a parameter: torch.Tensor.cummax's doc)
    required = [p for p, is_required in parameters if is_required]
    families = _families(torch_ref)
    for family, values in enumerate(families):
        if all(p in values for p in required):
            if not _refused(_called(torch_ref, (kind, name, family, required, []))):
                break
    else:
        return None
    checked, refused = set(), set()
    names = [p for p, _ in parameters]
    for position, parameter in enumerate(names):
        if parameter not in families[family]:
            continue
        # the parameters before it by position (the required ones), it and the ones after it by keyword
        before = [p for p in names[:position] if p in required]
        after = [p for p in names[position + 1 :] if p in required]
        attempt = (kind, name, family, before, [parameter, *after])
        expected = _called(torch_ref, attempt)
        if expected.startswith("TypeError"):
            continue  # PyTorch itself does not take it by that name
        checked.add(parameter)
        ours = _called(lab, attempt)
        if parameter in required:  # the same as by position
            positional = _called(lab, (kind, name, family, [*before, parameter, *after], []))
            if ours != positional:
                refused.add(parameter)
        elif ours.startswith("TypeError"):  # (no positional form to compare with: taken at all)
            refused.add(parameter)
    return checked, refused


def signature_check(kind: str, name: str) -> set[str] | None:
    """The names PyTorch binds (docstring and schema agreeing) that our signature does not have; None where
    ours cannot be inspected or takes any keyword."""
    function = getattr(torch_ref.Tensor if kind == "method" else torch_ref, name)
    parameters = doc_parameters(function, name, kind == "method")
    bound = bound_names(function, name, kind == "method")
    if parameters is None or bound is None:
        return None
    ours = getattr(lab.Tensor if kind == "method" else lab, name)
    try:
        signature = inspect.signature(ours)
    except (TypeError, ValueError):
        return None
    kinds = {p.kind for p in signature.parameters.values()}
    if inspect.Parameter.VAR_KEYWORD in kinds:
        return None
    names = set(signature.parameters)
    return {p for p, _ in parameters if p in bound and p not in (*_OUTSIDE, "self") and p not in names}


def _shared(kind: str) -> list[str]:
    """The public names both have: functions of the two modules, or Tensor methods."""
    if kind == "method":
        return sorted(
            n
            for n in dir(lab.Tensor)
            if not n.startswith("_")
            and callable(getattr(torch_ref.Tensor, n, None))
            and callable(getattr(lab.Tensor, n))
        )
    return sorted(
        n
        for n in dir(lab)
        if not n.startswith("_")
        and callable(getattr(torch_ref, n, None))
        and not isinstance(getattr(torch_ref, n), type)
        and callable(getattr(lab, n))
        and not isinstance(getattr(lab, n), type)
    )


@pytest.mark.parametrize(
    ("kind", "name"), [(k, n) for k in ("function", "method") for n in _shared(k)], ids=lambda v: v
)
def test_keyword_names_as_in_pytorch(kind: str, name: str) -> None:
    called = keyword_check(kind, name)
    checked, refused = called if called is not None else (set(), set())
    unseen = signature_check(kind, name)  # the names no call could check, in our signature
    if called is None and unseen is None:
        pytest.skip("no inputs fit, and our signature cannot be inspected")
    missing = refused | ((unseen or set()) - checked)
    assert missing == KEYWORD_GAPS.get((kind, name), set())
