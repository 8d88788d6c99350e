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
    Words,
    default_lang,
    help_lang,
    words,
)
from xzbrief.cli.console import prepare_console
from xzbrief.messages import pick_lang

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


def _localise(parser: argparse.ArgumentParser, t: Words, chinese: bool) -> None:
    """argparse's own words (usage, the group titles, -h) in the help's language, for the
    parser and every subcommand's."""
    parser._positionals.title = t("位置参数", "positional arguments")
    parser._optionals.title = t("选项", "options")
    if chinese:
        parser.formatter_class = _ChineseHelp
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = t("显示本帮助并退出", "show this help message and exit")
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                _localise(child, t, chinese)


def build_parser(lang: str = "zh") -> argparse.ArgumentParser:
    """The parser, its help in ``lang`` (messages follow --lang as parsed)."""
    t = words(lang)
    parser = _Parser(prog="xzbrief", description=t(
        "徐州产业体系汇报材料生成器:从 Excel 指标库生成汇报 PPT 和 Word 汇报材料",
        "briefing decks and documents from an Excel indicator workbook"))
    parser.add_argument("--version", action="version", version=f"xzbrief {__version__}",
                        help=t("显示版本号并退出", "show the version and exit"))
    parser.add_argument("--lang", choices=LANGS, default=default_lang(),
                        help=t("提示语言(默认 zh;也可设置环境变量 XZBRIEF_LANG)",
                               "message language (default zh; or set XZBRIEF_LANG)"))
    sub = parser.add_subparsers(dest="command", parser_class=_Parser,
                                title=t("命令", "commands"))
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
    t = words(pick_lang(getattr(args, "lang", None)))
    try:
        code: int = args.func(args)
    except KeyboardInterrupt:
        print(f"xzbrief: {t('已中断', 'interrupted')}", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception:  # a bug: say so plainly, never as a data problem (exit 1)
        print("xzbrief: " + t("内部错误(程序缺陷),请将以下信息反馈给维护人员:",
                              "internal error (a bug), please report this to the maintainers:"),
              file=sys.stderr)
        traceback.print_exc()
        return EXIT_INTERNAL
    return code
