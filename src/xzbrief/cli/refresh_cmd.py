"""``xzbrief refresh EDITED.pptx``: new numbers from the workbook into an edited deck, every
change shown first; the edits the office made are kept."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from xzbrief.atomic import SaveBlocked
from xzbrief.build import DataProblems
from xzbrief.cli.common import EXIT_DATA, EXIT_OK, EXIT_USAGE, add_lang, words
from xzbrief.cli.dataset_cmd import print_problems
from xzbrief.refresh.plan import ACTION_WORDS, Action, Change, RefreshPlan
from xzbrief.refresh_deck import RefreshError, default_output, prepare_refresh, write_refresh
from xzbrief.render.template_file import TemplateError


def register(sub: argparse._SubParsersAction, lang: str = "zh") -> None:  # type: ignore[type-arg]
    t = words(lang)
    p = sub.add_parser("refresh", help=t("help-refresh-refresh"),
                       description=t("help-refresh-refresh-about"))
    p.add_argument("deck", type=Path, help=t("help-refresh-deck"))
    p.add_argument("--data", type=Path, help=t("help-refresh-data"))
    p.add_argument("-o", "--output", type=Path, help=t("help-refresh-output"))
    p.add_argument("--yes", action="store_true",
                   help=t("help-refresh-yes"))
    p.add_argument("--plan-only", action="store_true",
                   help=t("help-refresh-plan-only"))
    add_lang(p, lang)
    p.set_defaults(func=run_refresh)


def plan_lines(plan: RefreshPlan, lang: str = "zh") -> list[str]:
    """The plan as a table: one line per change (slide, place, old -> new, cell, action)."""
    zh = lang == "zh"
    head = ("页", "位置", "原文", "新文", "出处", "处理") if zh else \
        ("slide", "place", "old", "new", "source", "action")
    out = [" | ".join(head)]
    for c in plan.changes:
        out.append(" | ".join(_cells(c, zh)))
        for d in c.detail_lines(lang):
            out.append(f"    · {d}")
        if c.reason:
            out.append(f"    说明:{c.reason}" if zh else f"    note: {c.text('reason', lang)}")
    counts = {a: len(plan.by_action(a)) for a in Action}
    out.append((f"共 {len(plan.changes)} 项:更新 {counts[Action.UPDATE]},请核对 "
                f"{counts[Action.EYE]},保留 {counts[Action.KEPT]},无法放置 "
                f"{counts[Action.UNPLACED]}。") if zh else
               (f"{len(plan.changes)} items: {counts[Action.UPDATE]} updates, "
                f"{counts[Action.EYE]} need your eye, {counts[Action.KEPT]} kept, "
                f"{counts[Action.UNPLACED]} not placed."))
    return out


def _short(text: str, n: int = 40) -> str:
    text = text.replace("\n", "⏎").replace("\t", " ")
    return text if len(text) <= n else text[:n - 1] + "…"


def _cells(c: Change, zh: bool) -> list[str]:
    slide = str(c.slide) if c.slide is not None else ("已删除" if zh else "deleted")
    action = ACTION_WORDS[c.action][0 if zh else 1]
    if c.found_by:  # how the place was found: by the tag in a shape's name, a placeholder …
        found = c.found_by if zh else {"形状名": "shape name", "占位符": "placeholder",
                                       "备注页": "notes"}.get(c.found_by, c.found_by)
        action += f"({found})" if zh else f" ({found})"
    lang = "zh" if zh else "en"
    return [slide, c.text("place", lang), _short(c.text("old", lang)),
            _short(c.text("new", lang)), _short(c.where) or "—", action]


def run_refresh(args: argparse.Namespace) -> int:
    zh = args.lang == "zh"
    if not args.deck.is_file():
        print(f"xzbrief: {'找不到文件' if zh else 'file not found:'} {args.deck}", file=sys.stderr)
        return EXIT_USAGE
    try:
        job = prepare_refresh(args.deck, args.data)
    except RefreshError as exc:
        print(f"xzbrief: {exc.text(args.lang)}", file=sys.stderr)
        return EXIT_USAGE
    except DataProblems as exc:
        print_problems(exc.result, "zh" if zh else "en")
        return EXIT_DATA
    except TemplateError as exc:
        print(f"xzbrief: {exc.text(args.lang)}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"xzbrief: {exc}", file=sys.stderr)
        return EXIT_USAGE
    plan = job.plan
    rec = plan.old
    print((f"汇报:{args.deck.name}(记录位于 {rec.found_in});数据:{job.data.name}") if zh else
          f"deck: {args.deck.name} (record in {rec.found_in}); data: {job.data.name}")
    if plan.nothing_to_do:
        print("数字和文字均无变化,无需更新。" if zh else "Nothing changed; nothing to refresh.")
        return EXIT_OK
    for line in plan_lines(plan, args.lang):
        print(line)
    if args.plan_only:
        return EXIT_OK
    if not plan.updates:
        print("没有可以自动更新的内容,未写文件。" if zh else
              "Nothing can be updated; no file written.")
        return EXIT_OK
    out = args.output or default_output(args.deck)
    if not args.yes:
        try:
            answer = input(f"写入 {out}?[y/N] " if zh else f"write {out}? [y/N] ")
        except EOFError:  # nobody to ask (a script): say how to agree in advance
            print("\nxzbrief: " + ("未确认,未写入;不询问直接写入请加 --yes" if zh else
                                   "not confirmed, nothing written; add --yes to write "
                                   "without asking"), file=sys.stderr)
            return EXIT_USAGE
        if answer.strip().lower() not in ("y", "yes", "是"):
            print("未写入。" if zh else "Not written.")
            return EXIT_OK
    try:
        write_refresh(job, out, overwrite_input=args.output is not None)
    except SaveBlocked as exc:
        print(f"xzbrief: {exc.text(args.lang)}", file=sys.stderr)
        return EXIT_USAGE
    for p in job.problems:
        print(f"xzbrief: {p}", file=sys.stderr)
    print(f"已写入 {out}({len(plan.updates)} 处更新)" if zh else
          f"written {out} ({len(plan.updates)} updates)")
    return EXIT_OK
