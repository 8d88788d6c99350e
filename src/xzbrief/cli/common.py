"""What every subcommand shares: the exit codes the README promises and the --lang switch."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from xzbrief.messages import pick_lang

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
LANGS = ("zh", "en")  # the --lang choices (xzbrief.messages.LANGS)


def help_lang(argv: Sequence[str]) -> str:
    """The language --help and argparse's errors speak, decided before the parser is built:
    the last usable --lang given (before the subcommand or after it), else XZBRIEF_LANG, else
    Chinese."""
    given: list[str] = []
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            given.append(argv[i + 1])
        elif arg.startswith("--lang="):
            given.append(arg.removeprefix("--lang="))
    usable = [g for g in given if g.strip().lower() in LANGS]
    return pick_lang(*reversed(usable), os.environ.get("XZBRIEF_LANG", ""))


Words = Callable[[str, str], str]


def words(lang: str) -> Words:
    """``t(zh, en)``: the help text in the language chosen for it."""
    return lambda zh, en: en if lang == "en" else zh


def default_lang() -> str:
    """XZBRIEF_LANG when it names a language we have; otherwise Chinese, with a word why."""
    env = os.environ.get("XZBRIEF_LANG", "").strip().lower()
    if env and env not in LANGS:
        print(f"xzbrief: XZBRIEF_LANG={env} 不是可用的语言(zh、en),使用 zh / "
              f"not a language we have (zh, en); using zh", file=sys.stderr)
    return pick_lang(env if env in LANGS else "")


def add_lang(parser: argparse.ArgumentParser, lang: str = "zh") -> None:
    """--lang after the subcommand too; SUPPRESS keeps a value given before it."""
    parser.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS,
                        help=words(lang)("提示语言(zh、en)", "message language (zh, en)"))
