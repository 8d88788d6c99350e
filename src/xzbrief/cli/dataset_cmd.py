"""``xzbrief dataset check | template``: the data layer's command-line contract."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from xzbrief.cli.common import EXIT_DATA, EXIT_OK, EXIT_USAGE, add_lang, words
from xzbrief.cli.console import silence_stdout
from xzbrief.dataset.checks import with_preflight
from xzbrief.dataset.loader import LoadResult, load_dataset
from xzbrief.dataset.workbook_writer import template_content, write_workbook
from xzbrief.messages import Lang, note, pick_lang
from xzbrief.messages.problems import MESSAGES
from xzbrief.resources import shipped_dataset


def register(sub: Any, lang: str = "zh") -> None:
    t = words(lang)
    ds = sub.add_parser("dataset", help=t("help-dataset-dataset"))
    ds_sub = ds.add_subparsers(dest="dataset_command", required=True)
    check = ds_sub.add_parser("check", help=t("help-dataset-check"))
    check.add_argument("path", nargs="?", type=Path, help=t("help-dataset-path"))
    check.add_argument("--json", action="store_true",
                       help=t("help-dataset-json"))
    check.add_argument("--explain", action="store_true", help=t("help-dataset-explain"))
    add_lang(check, lang)
    check.set_defaults(func=run_check)
    tpl = ds_sub.add_parser("template", help=t("help-dataset-template"))
    tpl.add_argument("out", type=Path, help=t("help-dataset-out"))
    tpl.add_argument("--force", action="store_true",
                     help=t("help-dataset-force"))
    add_lang(tpl, lang)
    tpl.set_defaults(func=run_template)


def summary_line(result: LoadResult, lang: Lang) -> str:
    d = result.dataset
    if d is None:
        return note("cli-workbook-unreadable", path=str(result.path)).text(lang)
    return note("cli-summary", indicators=len(d.indicators), regions=len(d.regions),
                periods=len(d.periods), rows=len(d.observations), highlights=len(d.highlights),
                errors=len(result.errors), warnings=len(result.warnings)).text(lang)


def exit_code(result: LoadResult) -> int:
    if result.dataset is None:
        return EXIT_USAGE
    return EXIT_DATA if result.errors else EXIT_OK


def print_problems(result: LoadResult, lang: Lang) -> None:
    for problem in result.problems:
        print(problem.format(lang))


def run_check(args: argparse.Namespace) -> int:
    path: Path = args.path or shipped_dataset()
    result = with_preflight(load_dataset(path))
    lang: Lang = args.lang
    try:
        if args.json:
            print(json.dumps(_as_json(result, lang), ensure_ascii=False, indent=2))
        else:
            print_problems(result, lang)
            if getattr(args, "explain", False):
                for line in explain_lines(result, lang):
                    print(line)
            print(summary_line(result, lang))
        sys.stdout.flush()
    except BrokenPipeError:  # `xzbrief dataset check x.xlsx | head`
        silence_stdout()
    return exit_code(result)


def explain_lines(result: LoadResult, lang: Lang) -> list[str]:
    """What xzbrief decided for each indicator without being told: its kind (from unit and
    name, docs/dataset.md lists the rules) and which growth rate is written with which level."""
    d = result.dataset
    if d is None:
        return []
    out = []
    for ind in d.indicators:
        where = f"{ind.ref}: " if ind.ref else ""
        if ind.kind_reason:
            out.append(where + MESSAGES["kind-explain"].text(lang).format(
                name=ind.name, kind=ind.kind.value, reason=ind.kind_reason))
        rate = d.indicator_by_code.get(ind.growth_code) if ind.growth_code else None
        if rate is not None:
            out.append(where + note("cli-explain-growth", name=ind.name, rate=rate.name,
                                    code=rate.code, unit=ind.unit).text(lang))
    return out


def _as_json(result: LoadResult, lang: Lang) -> dict[str, Any]:
    d = result.dataset
    return {
        "file": str(result.path),
        "ok": result.ok,
        "summary": {
            "indicators": len(d.indicators) if d else 0,
            "regions": len(d.regions) if d else 0,
            "periods": len(d.periods) if d else 0,
            "rows": len(d.observations) if d else 0,
            "highlights": len(d.highlights) if d else 0,
            "errors": len(result.errors),
            "warnings": len(result.warnings),
        },
        "problems": [
            {"severity": p.severity.value, "location": p.location, "sheet": p.sheet,
             "cell": p.cell, "code": p.code, "message": p.message(lang), "hint": p.hint(lang)}
            for p in result.problems
        ],
    }


def run_template(args: argparse.Namespace) -> int:
    out: Path = args.out
    lang = pick_lang(args.lang)
    refused = (note("cli-template-suffix") if out.suffix.lower() != ".xlsx" else
               note("cli-template-exists", path=str(out)) if out.exists() and not args.force
               else note("cli-template-no-folder", path=str(out.parent))
               if not out.parent.is_dir() else None)
    if refused is None:
        try:
            write_workbook(template_content(), out)
        except OSError as exc:
            refused = note("cli-template-unwritable", path=str(out),
                           reason=str(exc.strerror or exc))
    if refused is not None:
        print(f"xzbrief: {refused.text(lang)}", file=sys.stderr)
        return EXIT_USAGE
    print(note("cli-template-written", path=str(out)).text(lang))
    return EXIT_OK
