"""The app's current language, as a Qt object widgets listen to; the words themselves are in
the catalogue (xzbrief.messages.ui).

Widgets read ``texts().open_workbook`` and re-read when ``LANGUAGE.changed`` fires.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from xzbrief.messages import Lang, pick_lang
from xzbrief.messages.ui import UiText, ui_words


class Language(QObject):
    """The current UI language; widgets retranslate on ``changed``."""

    changed = Signal(str)

    def __init__(self, code: str = "zh") -> None:
        super().__init__()
        self.code: Lang = pick_lang(code)

    def set(self, code: str) -> None:
        lang = pick_lang(code)
        if lang != self.code:
            self.code = lang
            self.changed.emit(lang)


LANGUAGE = Language()


def ui_lang() -> Lang:
    """The app's language, for everything it shows from the core (notes, problems)."""
    return LANGUAGE.code


def texts() -> UiText:
    """The UI's words in the app's language."""
    return ui_words(LANGUAGE.code)
