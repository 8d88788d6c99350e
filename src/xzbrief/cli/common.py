"""What every subcommand shares: the exit codes the README promises and the --lang switch."""

from __future__ import annotations

import argparse
import os
import sys

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
LANGS = ("zh", "en")


def default_lang() -> str:
    """XZBRIEF_LANG when it names a language we have; otherwise Chinese, with a word why."""
    env = os.environ.get("XZBRIEF_LANG", "").strip().lower()
    if env and env not in LANGS:
        print(f"xzbrief: XZBRIEF_LANG={env} 不是可用的语言(zh、en),使用 zh / "
              f"not a language we have (zh, en); using zh", file=sys.stderr)
    return env if env in LANGS else "zh"


def add_lang(parser: argparse.ArgumentParser) -> None:
    """--lang after the subcommand too; SUPPRESS keeps a value given before it."""
    parser.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS,
                        help="message language / 提示语言 (zh, en)")
