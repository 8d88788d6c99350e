"""``xzbrief``: check workbooks, write templates, build decks — exit 0 ok, 1 data problems,
2 usage or file errors."""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence

from xzbrief import __version__
from xzbrief.cli import build_cmd, dataset_cmd, diff_cmd, refresh_cmd
from xzbrief.cli.common import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, LANGS, default_lang
from xzbrief.cli.console import prepare_console


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"xzbrief: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="xzbrief", description="徐州产业体系汇报材料生成器 / briefing decks "
                     "from an Excel indicator workbook")
    parser.add_argument("--version", action="version", version=f"xzbrief {__version__}")
    parser.add_argument("--lang", choices=LANGS, default=default_lang(),
                        help="message language (default zh; or set XZBRIEF_LANG)")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    dataset_cmd.register(sub)
    build_cmd.register(sub)
    diff_cmd.register(sub)
    refresh_cmd.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    prepare_console()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        code: int = args.func(args)
    except KeyboardInterrupt:
        print("xzbrief: 已中断 / interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception:  # a bug: say so plainly, never as a data problem (exit 1)
        print("xzbrief: 内部错误(程序缺陷),请将以下信息反馈给维护人员 / internal error, please "
              "report:", file=sys.stderr)
        traceback.print_exc()
        return EXIT_INTERNAL
    return code
