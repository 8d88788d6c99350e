"""The workbook problems' catalogue (messages/problems.py): both languages, the same
placeholders, and every code the data layer can emit shown by at least one test."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from xzbrief.messages.problems import MESSAGES

ROOT = Path(__file__).resolve().parents[1]
DATASET_SRC = ROOT / "src" / "xzbrief" / "dataset"
CATALOGUE = ROOT / "src" / "xzbrief" / "messages" / "problems.py"
TESTS = Path(__file__).resolve().parent


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def emitted_codes() -> set[str]:
    """Codes written as string literals in the data layer's code (not the catalogue)."""
    found: set[str] = set()
    for path in DATASET_SRC.glob("*.py"):
        for literal in re.findall(r'"([a-z0-9]+(?:-[a-z0-9]+)+)"', path.read_text("utf-8")):
            if literal in MESSAGES:
                found.add(literal)
    return found


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_both_languages_and_same_placeholders(code: str) -> None:
    msg = MESSAGES[code]
    assert msg.zh
    assert msg.en
    assert bool(msg.hint_zh) == bool(msg.hint_en)
    assert placeholders(msg.zh + msg.hint_zh) == placeholders(msg.en + msg.hint_en)
    assert re.search(r"[\u4e00-\u9fff]", msg.zh), "Chinese first"


def test_every_catalogue_code_is_used_by_the_code() -> None:
    src = "\n".join(p.read_text("utf-8") for p in (ROOT / "src" / "xzbrief").rglob("*.py")
                    if p != CATALOGUE)
    unused = [code for code in MESSAGES if f'"{code}"' not in src]
    assert unused == []


def test_every_emitted_code_is_shown_by_a_test() -> None:
    corpus = "\n".join(p.read_text("utf-8") for p in TESTS.glob("test_*.py")
                       if p.name != Path(__file__).name)
    missing = []
    for code in sorted(emitted_codes()):
        fragments = [f for f in re.split(r"\{[^}]*\}", MESSAGES[code].zh) if len(f) >= 4]
        fragment = max(fragments, key=len) if fragments else MESSAGES[code].zh
        if f'"{code}"' not in corpus and fragment not in corpus:
            missing.append(code)
    assert missing == []
    assert len(emitted_codes()) > 60
