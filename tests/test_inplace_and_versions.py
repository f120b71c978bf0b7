"""In-place operations: version counters, dtypes, and in-place changes of views that rewrite their base's history.

Expected values are written out; where PyTorch is installed the same code
also runs in PyTorch and must agree.
"""

from __future__ import annotations

import pytest

import autograd_lab as torch


def test_version_counter_counts_inplace_changes_and_is_shared_by_views():
    x = torch.zeros(3)
    view, row, alias = x.view(3), x[0], x.detach()
    assert x._version == 0
    x.add_(1)
    assert (x._version, view._version, row._version, alias._version) == (1, 1, 1, 1)
    x[1] = 5.0
    assert x._version == 2
    x += 1
    x.mul_(2)
    x.zero_()
    assert x._version == 5
    view.add_(1)  # through a view: the base's counter moves
    assert x._version == 6 and int(x._version) == 6
    x + 1  # noqa: B018 - out of place: no change
    x.data.add_(1)  # .data is not tracked
    assert x._version == 6
    m = torch.ones(2, 3)
    m.t().add_(1)
    assert m._version == 1 and m.T._version == 1


def test_version_counter_matches_pytorch():
    real = pytest.importorskip("torch")

    def versions(t):
        x = t.zeros(3)
        view = x.view(3)
        x.add_(1)
        x[1] = 5.0
        x += 1
        view.mul_(2)
        x.data.add_(1)
        return x._version, view._version

    assert versions(torch) == versions(real)


def test_inplace_keeps_the_dtype() -> None:
    i = torch.tensor([1, 2])
    with pytest.raises(RuntimeError, match="result type Float can't be cast to the desired output type Long"):
        i.add_(torch.tensor([0.5, 0.5], requires_grad=True))


def test_inplace_on_a_view_with_a_graph_argument_gives_the_base_its_history() -> None:
    base = torch.zeros(3)
    view = base[0:2]
    w = torch.ones(2, requires_grad=True)
    view.add_(w)
    assert base.requires_grad and type(base.grad_fn).__name__ == "CopySlices"
    (base * base).sum().backward()
    assert w.grad.tolist() == [2.0, 2.0]


def test_augmented_assignment_into_an_element_of_a_graph_tensor() -> None:
    # y[0] += 1 is y.__setitem__(0, y[0].__iadd__(1)): an in-place change of a view.
    x = torch.tensor([1.0, 1.0, 1.0], requires_grad=True)
    y = x * 2
    y[0] += 1
    assert y.tolist() == [3.0, 2.0, 2.0]
    assert type(y.grad_fn).__name__ == "CopySlices"
    y.sum().backward()
    assert x.grad.tolist() == [2.0, 2.0, 2.0]


def test_augmented_assignment_of_a_graph_value_into_a_plain_tensor() -> None:
    x = torch.tensor([1.0, 1.0, 1.0], requires_grad=True)
    n = torch.zeros(3)
    n[0] += x[0] * 3
    assert n.tolist() == [3.0, 0.0, 0.0]
    n.sum().backward()
    assert x.grad.tolist() == [3.0, 0.0, 0.0]


def test_inplace_on_a_view_rewrites_the_base_history() -> None:
    x = torch.tensor([1.0, 1.0, 1.0], requires_grad=True)
    m = x.reshape(3, 1) * 1
    v = m[1:]
    v.mul_(5)
    assert m.tolist() == [[1.0], [5.0], [5.0]]
    (m.sum() + v.sum()).backward()
    assert x.grad.tolist() == [1.0, 10.0, 10.0]  # PyTorch gives the same


def test_inplace_on_a_transposed_view_rewrites_the_base_history() -> None:
    # As in PyTorch: any view can be changed in place; the base records a CopySlices.
    x = torch.ones(2, 2, requires_grad=True)
    y = x * 1
    y.t().mul_(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
    assert type(y.grad_fn).__name__ == "CopySlices"
    y.sum().backward()
    assert x.grad.tolist() == [[1.0, 3.0], [2.0, 4.0]]
