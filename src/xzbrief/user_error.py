"""An error a user can act on, carried as a catalogue note: one shape for every layer."""

from __future__ import annotations

from xzbrief.messages import Lang, Note


class UserError(Exception):
    """A problem the user can fix (a template, a deck to refresh); ``note`` names its words in
    the catalogue (xzbrief.messages), so it reads in the language the surface picked."""

    def __init__(self, said: Note) -> None:
        super().__init__(said.text("zh"))
        self.note = said

    def text(self, lang: Lang = "zh") -> str:
        return self.note.text(lang)
