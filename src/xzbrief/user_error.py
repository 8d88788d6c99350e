"""An error a user can act on, said in Chinese and English: one shape for every layer."""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix (a template, a deck to refresh, a PDF export); ``zh`` and
    ``en`` say what is wrong and what to do, ``text(lang)`` picks one."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en

    def text(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en
