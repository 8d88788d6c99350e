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
from xzbrief.messages import Lang
from xzbrief.messages.problems import MESSAGES
from xzbrief.resources import shipped_dataset


def register(sub: Any, lang: str = "zh") -> None:
    t = words(lang)
    ds = sub.add_parser("dataset", help=t("检查工作簿、生成模板",
                                          "check a workbook, write a template"))
    ds_sub = ds.add_subparsers(dest="dataset_command", required=True)
    check = ds_sub.add_parser("check", help=t("检查工作簿并列出全部问题",
                                              "check a workbook and list every problem"))
    check.add_argument("path", nargs="?", type=Path, help=t(
        "工作簿 .xlsx(默认:随附的徐州数据集)", "workbook .xlsx (default: the shipped Xuzhou one)"))
    check.add_argument("--json", action="store_true",
                       help=t("机器可读的 JSON 输出", "machine-readable JSON output"))
    check.add_argument("--explain", action="store_true", help=t(
        "列出按单位和名称推断的指标类型、增速与总量的连写",
        "show inferred indicator kinds and level–growth links"))
    add_lang(check, lang)
    check.set_defaults(func=run_check)
    tpl = ds_sub.add_parser("template", help=t("生成空白工作簿模板", "write a blank workbook"))
    tpl.add_argument("out", type=Path, help=t("输出的 .xlsx 路径", "the .xlsx to write"))
    tpl.add_argument("--force", action="store_true",
                     help=t("覆盖已存在的文件", "overwrite an existing file"))
    add_lang(tpl, lang)
    tpl.set_defaults(func=run_template)


def summary_line(result: LoadResult, lang: Lang) -> str:
    d = result.dataset
    counts = (len(d.indicators), len(d.regions), len(d.periods), len(d.observations),
              len(d.highlights)) if d else (0, 0, 0, 0, 0)
    errors, warnings = len(result.errors), len(result.warnings)
    if result.dataset is None:
        return (f"cannot read {result.path}" if lang == "en" else f"无法读取 {result.path}")
    if lang == "en":
        def n(count: int, word: str) -> str:
            return f"{count} {word}" + ("" if count == 1 else "s")
        return (f"summary: {n(counts[0], 'indicator')}, {n(counts[1], 'region')}, "
                f"{n(counts[2], 'period')}, {n(counts[3], 'row')}, "
                f"{n(counts[4], 'highlight')}; {n(errors, 'error')}, {n(warnings, 'warning')}")
    return (f"汇总:指标 {counts[0]} 个,地区 {counts[1]} 个,期间 {counts[2]} 个,数据 {counts[3]} 行,"
            f"要点 {counts[4]} 条;错误 {errors} 个,警告 {warnings} 个")


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
            out.append(where + (f"{ind.name}:与增速指标「{rate.name}」({rate.code})同期连写,"
                                f"如「{ind.name}X{ind.unit},增长Y%」" if lang == "zh" else
                                f"{ind.name}: written with its growth rate {rate.code}"))
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
    if out.suffix.lower() != ".xlsx":
        print("xzbrief: 模板须保存为 .xlsx / the template must end in .xlsx", file=sys.stderr)
        return EXIT_USAGE
    if out.exists() and not args.force:
        print(f"xzbrief: {out} 已存在;如需覆盖请加 --force / exists, use --force",
              file=sys.stderr)
        return EXIT_USAGE
    if not out.parent.is_dir():
        print(f"xzbrief: 文件夹不存在 / no such folder: {out.parent}", file=sys.stderr)
        return EXIT_USAGE
    try:
        write_workbook(template_content(), out)
    except OSError as exc:
        print(f"xzbrief: 无法写入 {out}:{exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"已生成模板 / template written: {out}")
    return EXIT_OK
