"""The one way a surface picks its language: the CLI's --lang, XZBRIEF_LANG, the app's setting.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


def pick_lang(*choices: str | None) -> Lang:
    """The first choice that names a language we have (``zh``, ``en``, also ``zh_CN``,
    ``en-GB`` …), else Chinese: the product is Chinese first."""
    for choice in choices:
        code = (choice or "").strip().lower().replace("-", "_").split("_")[0]
        if code == "en":
            return "en"
        if code == "zh":
            return "zh"
    return "zh"
