"""``xzbrief``: check workbooks, write templates, build decks — exit 0 ok, 1 data problems,
2 usage or file errors."""

from __future__ import annotations

import argparse
import re
import sys
import traceback
from collections.abc import Sequence
from typing import Any

from xzbrief import __version__
from xzbrief.cli import build_cmd, dataset_cmd, diff_cmd, refresh_cmd
from xzbrief.cli.common import (
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_USAGE,
    LANGS,
    Said,
    default_lang,
    help_lang,
    words,
)
from xzbrief.cli.console import prepare_console
from xzbrief.messages import note, pick_lang

# argparse's own error messages (Python 3.11 wording) -> Chinese; English is argparse's.
_ARGPARSE_ZH: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), zh) for pattern, zh in (
        (r"^the following arguments are required: (.*)$", r"缺少必需的参数:\1"),
        (r"^argument (.*?): invalid choice: (.*) \(choose from (.*)\)$",
         r"参数 \1 的取值 \2 无效(可选:\3)"),
        (r"^argument (.*?): invalid (\w+) value: (.*)$", r"参数 \1 的取值 \3 无效(须为 \2)"),
        (r"^argument (.*?): expected one argument$", r"参数 \1 需要一个值"),
        (r"^argument (.*?): expected at least one argument$", r"参数 \1 至少需要一个值"),
        (r"^argument (.*?): not allowed with argument (.*)$", r"参数 \1 不能与 \2 同时使用"),
        (r"^argument (.*?): ignored explicit argument (.*)$", r"参数 \1 不接受取值 \2"),
        (r"^unrecognized arguments: (.*)$", r"无法识别的参数:\1"),
        (r"^ambiguous option: (.*?) could match (.*)$", r"选项 \1 有歧义,可能是:\2"),
    ))


def argparse_message(message: str, lang: str) -> str:
    """argparse's words for a usage error, with its ``error:`` prefix, in ``lang``."""
    if pick_lang(lang) == "en":
        return f"error: {message}"
    for pattern, zh in _ARGPARSE_ZH:
        if pattern.match(message):
            said = pattern.sub(zh, message)
            return "错误:" + said.replace("须为 int)", "须为整数)").replace("须为 float)",
                                                                          "须为数字)")
    return f"错误:{message}"


class _Parser(argparse.ArgumentParser):
    lang = "zh"  # set by build_parser for the parser and every subcommand's

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"xzbrief: {argparse_message(message, self.lang)}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


class _ChineseHelp(argparse.HelpFormatter):
    def add_usage(self, usage: str | None, actions: Any, groups: Any,
                  prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法: " if prefix is None else prefix)


def _localise(parser: argparse.ArgumentParser, t: Said, chinese: bool) -> None:
    """argparse's own words (usage, the group titles, -h) in the help's language, for the
    parser and every subcommand's."""
    parser._positionals.title = t("help-positionals")
    parser._optionals.title = t("help-optionals")
    if chinese:
        parser.formatter_class = _ChineseHelp
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = t("help-help")
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                _localise(child, t, chinese)


def build_parser(lang: str = "zh") -> argparse.ArgumentParser:
    """The parser, its help in ``lang`` (messages follow --lang as parsed)."""
    t = words(lang)
    parser = _Parser(prog="xzbrief", description=t("help-main-about"))
    parser.add_argument("--version", action="version", version=f"xzbrief {__version__}",
                        help=t("help-main-version"))
    parser.add_argument("--lang", choices=LANGS, default=default_lang(),
                        help=t("help-main-lang"))
    sub = parser.add_subparsers(dest="command", parser_class=_Parser,
                                title=t("help-main-title"))
    dataset_cmd.register(sub, lang)
    build_cmd.register(sub, lang)
    diff_cmd.register(sub, lang)
    refresh_cmd.register(sub, lang)
    _localise(parser, t, lang != "en")
    _Parser.lang = lang
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    prepare_console()
    parser = build_parser(help_lang(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    lang = pick_lang(getattr(args, "lang", None))
    try:
        code: int = args.func(args)
    except KeyboardInterrupt:
        print("xzbrief: " + note("cli-interrupted").text(lang), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception:  # a bug: say so plainly, never as a data problem (exit 1)
        print("xzbrief: " + note("cli-internal-error").text(lang), file=sys.stderr)
        traceback.print_exc()
        return EXIT_INTERNAL
    return code
