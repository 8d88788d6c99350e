"""``xzbrief diff OLD.pptx NEW.pptx``: the numbers and sentences that changed between decks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from xzbrief.cli.common import EXIT_OK, EXIT_USAGE, add_lang, words
from xzbrief.diff import NotAnXzbriefDeck, diff_files
from xzbrief.messages import note, pick_lang


def register(sub: Any, lang: str = "zh") -> None:
    t = words(lang)
    diff = sub.add_parser("diff", help=t("help-diff-diff"))
    diff.add_argument("old", type=Path, help=t("help-diff-old"))
    diff.add_argument("new", type=Path, help=t("help-diff-new"))
    add_lang(diff, lang)
    diff.set_defaults(func=run_diff)


def run_diff(args: argparse.Namespace) -> int:
    lang = pick_lang(args.lang)
    for path in (args.old, args.new):
        if not path.is_file():
            print("xzbrief: " + note("cli-file-missing", path=str(path)).text(lang),
                  file=sys.stderr)
            return EXIT_USAGE
    try:
        changes = diff_files(args.old, args.new)
    except NotAnXzbriefDeck as exc:
        said = note("cli-diff-not-xzbrief", name=Path(str(exc)).name)
        print(f"xzbrief: {said.text(lang)}", file=sys.stderr)
        return EXIT_USAGE
    if not changes.same_data:
        old, new = changes.old, changes.new
        print(note("cli-diff-data", old=old.dataset_file, old_sha=old.dataset_sha256[:12],
                   new=new.dataset_file, new_sha=new.dataset_sha256[:12]).text(lang))
    for line in changes.lines(args.lang):
        print(line)
    return EXIT_OK
