"""Session 20's finds in other people's lessons (NYU DLSP, Udacity's intro, eat_pytorch_in_20_days, nn-zero-to-hero)."""

from __future__ import annotations

import pytest
from twins import raises_like_torch

from autograd_lab.messages.catalogue import ERRORS

torch = pytest.importorskip("torch")


@pytest.mark.parametrize(
    ("case", "load"),
    [
        ("a size mismatch", lambda m: m.nn.Linear(4, 2).load_state_dict(m.nn.Linear(3, 2).state_dict())),
        (
            "a size mismatch and a missing key",
            lambda m: m.nn.Linear(4, 2).load_state_dict({"weight": m.nn.Linear(3, 2).weight}),
        ),
        ("a missing key", lambda m: m.nn.Linear(3, 2).load_state_dict({"weight": m.nn.Linear(3, 2).weight})),
    ],
)
def test_load_state_dicts_hint_fits_what_went_wrong(case: str, load) -> None:
    """Udacity's checkpoint lesson loads a state into a model of other sizes: strict=False does not help there."""
    text = raises_like_torch(load, torch)
    hint = text.partition(" Hint: ")[2]
    expected = "nn_load_state_dict" if case == "a missing key" else "nn_load_state_dict_sizes"
    assert hint == ERRORS[expected].en


def test_strict_false_does_not_skip_a_size_mismatch() -> None:
    text = raises_like_torch(
        lambda m: m.nn.Linear(4, 2).load_state_dict(m.nn.Linear(3, 2).state_dict(), strict=False), torch
    )
    assert text.partition(" Hint: ")[2] == ERRORS["nn_load_state_dict_sizes"].en


def test_pythons_did_you_mean_follows_an_attribute_errors_hint_with_one_full_stop() -> None:
    """eat_pytorch_in_20_days 4-2 asks for torch.linalg.eig: the hint, then Python's suggestion."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    shown = (
        subprocess.run(
            [sys.executable, "-c", "import autograd_lab as torch; torch.linalg.eig"],
            capture_output=True,
            text=True,
            cwd=root,
        )
        .stderr.strip()
        .splitlines()[-1]
    )
    assert shown.startswith("AttributeError: module 'autograd_lab.linalg' has no attribute 'eig' Hint: ")
    assert shown.endswith("as real numbers. Did you mean: 'eigh'?"), shown


def test_too_many_workers_are_warned_of_once_as_pytorch_warns(monkeypatch: pytest.MonkeyPatch) -> None:
    """eat_pytorch_in_20_days 6-2 builds two loaders with 4 workers on a 2-CPU machine: one warning."""
    import twins

    def two_loaders(m, data):
        m.utils.data.DataLoader(data, batch_size=4, num_workers=4)  # (two loaders, on two lines)
        m.utils.data.DataLoader(data, batch_size=4, num_workers=4)

    counts = twins.worker_warnings(monkeypatch, two_loaders)
    assert counts[0] == counts[1] and len(counts[0]) == 1


@pytest.mark.parametrize("driver", [None, "gels", "gelsy"])
def test_lstsq_solves_by_qr_in_float32_as_pytorchs_default_driver(driver) -> None:
    """dataflowr's linear regression fits exact data: PyTorch's float32 QR gives 2.0000 (1.9999999), not 2."""
    import numpy as np

    import autograd_lab as lab

    x = np.random.default_rng(0).random((30, 2))
    design = np.concatenate([x, np.ones((30, 1))], axis=1).astype(np.float32)
    target = (x @ [2.0, -3.0] + 1.0).astype(np.float32)[:, None]
    ours = lab.linalg.lstsq(lab.from_numpy(design), lab.from_numpy(target), driver=driver).solution.numpy()
    theirs = torch.linalg.lstsq(
        torch.from_numpy(design), torch.from_numpy(target), driver=driver
    ).solution.numpy()
    q, r = np.linalg.qr(design)
    np.testing.assert_array_equal(ours, np.linalg.solve(r, q.T @ target))
    assert ours.dtype == theirs.dtype == np.float32
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-5)


@pytest.mark.parametrize(
    "code",
    [
        "counts[i, j] += 1",  # makemore's bigram counts
        "counts[i] += 1",
        "counts[i, j] *= 2",
        "counts[i, -1] += counts[j, 0]",
        "counts[i, j] = counts[i, j]",
        "counts[j, i] = counts[i, j]",  # (another place: a real copy)
        "counts.t()[i, j] += 1",
        "counts[i][j] += 1",
    ],
)
def test_a_count_added_in_place_through_an_index_is_pytorchs(code: str) -> None:
    """makemore part 1 counts 228,146 bigrams with N[ix1, ix2] += 1: the same counts and version counts."""
    import autograd_lab as lab

    results = []
    for m in (lab, torch):
        counts = m.arange(25, dtype=m.int32).reshape(5, 5)
        for i, j in [(0, 1), (2, 3), (0, 1), (4, 0), (1, 1)]:
            exec(code, {"counts": counts, "i": i, "j": j})
        results.append((counts.numpy().tolist(), counts._version))
    assert results[0] == results[1]
    assert results[0][1] >= 5  # (each line changed the counts in place at least once)


def test_writing_a_view_back_still_records_and_refuses_as_pytorch() -> None:
    import autograd_lab as lab

    for m in (lab, torch):
        leaf = m.zeros(3, 2, requires_grad=True)
        x = leaf * 1
        x[1, 0] += 1  # (recorded: the view written back through CopySlices)
        assert type(x.grad_fn).__name__ == "CopySlices"
    with lab.inference_mode():
        ours = lab.zeros(3)
    with torch.inference_mode():
        theirs = torch.zeros(3)
    text = raises_like_torch(
        lambda m: (ours if m is lab else theirs).__setitem__(0, (ours if m is lab else theirs)[0]), torch
    )
    assert "Inplace update to inference tensor outside InferenceMode" in text
