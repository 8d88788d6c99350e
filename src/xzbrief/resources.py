"""Where the shipped dataset, recipe, templates and logos are, installed or in a checkout.

A wheel carries copies under ``xzbrief/_shipped`` (see pyproject's force-include); a source
checkout (editable install, tests) uses the top-level folders, which are the source of truth.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def shipped_root() -> Path:
    bundled = _PACKAGE / "_shipped"
    if (bundled / "data").is_dir():
        return bundled
    checkout = _PACKAGE.parents[1]
    if (checkout / "data").is_dir() and (checkout / "templates").is_dir():
        return checkout
    raise FileNotFoundError("xzbrief's shipped files are missing; reinstall xzbrief")


def shipped_dataset() -> Path:
    return shipped_root() / "data" / "xuzhou.xlsx"


def shipped_recipe() -> Path:
    return shipped_root() / "data" / "xuzhou.brief.toml"


def templates_dir() -> Path:
    return shipped_root() / "templates"

