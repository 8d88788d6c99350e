"""The one catalogue of user-facing words, Chinese and English: notes (``Note``: a code and
its parameters, for warnings, errors a user can fix and the CLI's lines), the workbook
problems (``messages.problems``), a refresh's words (``messages.refresh``) and the app's UI
table (``messages.ui``); one ``Lang`` and the one function that picks it. Below every other
layer (stdlib only), so dataset, deck, render, refresh, the CLI and the app all use it.
"""

from xzbrief.messages.lang import LANGS, Lang, pick_lang
from xzbrief.messages.notes import NOTES, Note, Param, Run, Words, join, note

__all__ = ["LANGS", "NOTES", "Lang", "Note", "Param", "Run", "Words", "join", "note",
           "pick_lang"]
