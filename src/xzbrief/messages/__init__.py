"""User-facing words outside the workbook checks: warnings as data (``Note``: a code and its
parameters) rendered by one catalogue in Chinese or English, and the one function that picks
the language. Below every other layer (stdlib only), so dataset, deck, render, the CLI and the
app all use it. The workbook problems' own catalogue (``dataset.messages``) has the same shape.
"""

from xzbrief.messages.lang import LANGS, Lang, pick_lang
from xzbrief.messages.notes import NOTES, Note, Param, Words, join, note

__all__ = ["LANGS", "NOTES", "Lang", "Note", "Param", "Words", "join", "note", "pick_lang"]
