"""The message catalogue: one place for every message, each used, each in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import autograd_lab as torch
from autograd_lab import messages
from autograd_lab.messages.catalogue import ERRORS, WARNINGS, WORDS

PACKAGE = Path(torch.__file__).parent
SOURCES = {
    path: path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.py") if "messages" not in path.parts
}
BUILDERS = (PACKAGE / "messages" / "errors.py").read_text(encoding="utf-8")
USED = re.compile(r"""(?:error|say|text|warn_once|warn)\(\s*["']([a-z_0-9]+)["']""")


def used_ids() -> set[str]:
    found = set()
    for source in [*SOURCES.values(), BUILDERS]:
        found.update(USED.findall(source))
    return found


def test_no_message_is_written_outside_the_catalogue() -> None:
    inline = [str(path.relative_to(PACKAGE)) for path, source in SOURCES.items() if "Hint:" in source]
    assert not inline, f"hints written inline instead of in messages/catalogue.py: {inline}"


def test_every_id_used_is_in_the_catalogue_and_every_entry_is_used() -> None:
    known = set(ERRORS) | set(WARNINGS) | set(WORDS)
    used = used_ids()
    assert used - known == set(), "ids used but not in the catalogue"
    assert known - used == set(), "catalogue entries nothing uses"


@pytest.mark.parametrize("error_id", sorted({**ERRORS, **WARNINGS}))
def test_every_hint_is_also_in_chinese(error_id: str) -> None:
    entry = {**ERRORS, **WARNINGS}[error_id]
    assert re.search(r"[\u4e00-\u9fff]", entry.zh), f"{error_id} has no Chinese hint"


@pytest.mark.parametrize("word_id", sorted(WORDS))
def test_every_word_is_also_in_chinese(word_id: str) -> None:
    assert re.search(r"[\u4e00-\u9fff]", WORDS[word_id].get("zh", "")), f"{word_id} has no Chinese text"


def test_hints_follow_the_language_and_pytorch_sentences_do_not() -> None:
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = (x * x).sum()
    y.backward()
    sentence = ERRORS["backward_twice"].torch
    with messages.speaking("zh"), pytest.raises(RuntimeError) as caught:
        y.backward()
    assert str(caught.value) == f"{sentence} Hint: {ERRORS['backward_twice'].zh}"
    with pytest.raises(RuntimeError) as caught:
        y.backward()
    assert str(caught.value) == f"{sentence} Hint: {ERRORS['backward_twice'].en}"
    assert messages.language() == "en"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="language must be one of en, zh"):
        messages.set_language("fr")
