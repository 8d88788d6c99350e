"""``xzbrief diff OLD.pptx NEW.pptx``: the numbers and sentences that changed between decks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from xzbrief.cli.common import EXIT_OK, EXIT_USAGE, add_lang, words
from xzbrief.diff import NotAnXzbriefDeck, diff_files


def register(sub: Any, lang: str = "zh") -> None:
    t = words(lang)
    diff = sub.add_parser("diff", help=t("比较两份汇报的数字和文字",
                                         "what changed between two decks"))
    diff.add_argument("old", type=Path, help=t("上一次的汇报 .pptx", "the earlier deck .pptx"))
    diff.add_argument("new", type=Path, help=t("这一次的汇报 .pptx", "the new deck .pptx"))
    add_lang(diff, lang)
    diff.set_defaults(func=run_diff)


def run_diff(args: argparse.Namespace) -> int:
    zh = args.lang == "zh"
    for path in (args.old, args.new):
        if not path.is_file():
            print(f"xzbrief: {'找不到文件' if zh else 'file not found:'} {path}", file=sys.stderr)
            return EXIT_USAGE
    try:
        changes = diff_files(args.old, args.new)
    except NotAnXzbriefDeck as exc:
        name = Path(str(exc)).name
        print(f"xzbrief: {name} 不是由 xzbrief 生成的汇报(其中没有数字出处记录),无法比较;"
              "请用 xzbrief 重新生成后再比较" if zh else
              f"xzbrief: {name} was not made by xzbrief (it carries no provenance record) and "
              "cannot be compared", file=sys.stderr)
        return EXIT_USAGE
    if not changes.same_data:
        old, new = changes.old, changes.new
        print(f"数据:{old.dataset_file} ({old.dataset_sha256[:12]}) → {new.dataset_file} "
              f"({new.dataset_sha256[:12]})" if zh else
              f"data: {old.dataset_file} ({old.dataset_sha256[:12]}) -> {new.dataset_file} "
              f"({new.dataset_sha256[:12]})")
    for line in changes.lines(args.lang):
        print(line)
    return EXIT_OK
