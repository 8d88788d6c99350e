"""The workbook problems' catalogue (messages/problems.py): every code used by the code and
every code the data layer can emit shown by at least one test (both languages and the same
placeholders: tests/test_catalogue.py, over the whole catalogue)."""

from __future__ import annotations

import re
import string
from pathlib import Path

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
