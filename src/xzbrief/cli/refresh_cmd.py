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
from xzbrief.messages import Lang, note, pick_lang
from xzbrief.messages.refresh import ACTIONS
from xzbrief.refresh.plan import Change, RefreshPlan
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
    said = pick_lang(lang)
    out = [note("refresh-table-head").text(said)]
    for c in plan.changes:
        out.append(" | ".join(_cells(c, said)))
        for d in c.detail_lines(said):
            out.append(f"    · {d}")
        if c.reason:
            out.append(note("refresh-reason", reason=c.text("reason", said)).text(said))
    out += [n.text(said) for n in plan.summary()]
    return out


def _short(text: str, n: int = 40) -> str:
    text = text.replace("\n", "⏎").replace("\t", " ")
    return text if len(text) <= n else text[:n - 1] + "…"


# how the planner found a place (refresh.record's words) -> its catalogue entry
FOUND_BY = {"形状名": "refresh-found-name", "占位符": "refresh-found-placeholder",
            "备注页": "refresh-found-notes"}


def _cells(c: Change, lang: Lang) -> list[str]:
    slide = str(c.slide) if c.slide is not None else note("refresh-slide-deleted").text(lang)
    action = ACTIONS[c.action][0 if lang == "zh" else 1]
    if c.found_by:  # how the place was found: by the tag in a shape's name, a placeholder …
        how = note(FOUND_BY[c.found_by]) if c.found_by in FOUND_BY else c.found_by
        action += note("refresh-found-by", how=how).text(lang)
    return [slide, c.text("place", lang), _short(c.text("old", lang)),
            _short(c.text("new", lang)), _short(c.where) or "—", action]


def run_refresh(args: argparse.Namespace) -> int:
    lang = pick_lang(args.lang)
    if not args.deck.is_file():
        print("xzbrief: " + note("cli-file-missing", path=str(args.deck)).text(lang),
              file=sys.stderr)
        return EXIT_USAGE
    try:
        job = prepare_refresh(args.deck, args.data)
    except RefreshError as exc:
        print(f"xzbrief: {exc.text(args.lang)}", file=sys.stderr)
        return EXIT_USAGE
    except DataProblems as exc:
        print_problems(exc.result, lang)
        return EXIT_DATA
    except TemplateError as exc:
        print(f"xzbrief: {exc.text(args.lang)}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"xzbrief: {exc}", file=sys.stderr)
        return EXIT_USAGE
    plan = job.plan
    rec = plan.old
    print(note("refresh-head", deck=args.deck.name, found_in=rec.found_in,
               data=job.data.name).text(lang))
    if plan.nothing_to_do:
        print(note("refresh-nothing-changed").text(lang))
        return EXIT_OK
    for line in plan_lines(plan, args.lang):
        print(line)
    if args.plan_only:
        return EXIT_OK
    if not plan.updates:
        print(note("refresh-nothing-updatable").text(lang))
        return EXIT_OK
    out = args.output or default_output(args.deck)
    if not args.yes:
        try:
            answer = input(note("refresh-confirm", path=str(out)).text(lang))
        except EOFError:  # nobody to ask (a script): say how to agree in advance
            print("\nxzbrief: " + note("refresh-not-confirmed").text(lang), file=sys.stderr)
            return EXIT_USAGE
        if answer.strip().lower() not in ("y", "yes", "是"):
            print(note("refresh-not-written").text(lang))
            return EXIT_OK
    try:
        write_refresh(job, out, overwrite_input=args.output is not None)
    except SaveBlocked as exc:
        print(f"xzbrief: {exc.text(args.lang)}", file=sys.stderr)
        return EXIT_USAGE
    for p in job.problems:
        print(f"xzbrief: {p.text(args.lang)}", file=sys.stderr)
    print(note("refresh-written", path=str(out), n=len(plan.updates)).text(lang))
    return EXIT_OK
