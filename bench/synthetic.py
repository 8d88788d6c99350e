"""Large synthetic indicator workbooks for tests and benchmarks — 模拟数据,仅供测试.

Every sheet's first row says 「模拟数据,仅供测试」; themes are 模拟专题01…, regions 模拟地区01…,
indicators M0001…, and the numbers are pseudo-random (seeded, so a size always gives the same
file). Nothing here describes a real place; never copy it into ``data/``.

    python bench/synthetic.py --rows 100000 --form long out.xlsx
    python bench/synthetic.py --themes 50 --indicators 20 --regions 20 --years 12 out.xlsx

The full grid (default 50 themes x 20 indicators x 20 regions x 12 years = 240,000 values) is
offered; ``--rows`` stops after that many data rows (long form: one value per row; wide form: one
indicator and region per row with a column per year). Written with openpyxl's write-only mode.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook

LABEL = "模拟数据,仅供测试"
UNITS = ("亿元", "%", "家", "个", "万人", "万吨")
FIRST_YEAR = 2014


@dataclass(frozen=True)
class Spec:
    themes: int = 50
    indicators: int = 20  # per theme
    regions: int = 20
    years: int = 12
    form: str = "long"  # or "wide"
    rows: int | None = None  # stop after this many data rows
    seed: int = 20251217

    @property
    def year_list(self) -> list[int]:
        return list(range(FIRST_YEAR, FIRST_YEAR + self.years))

    def theme_name(self, t: int) -> str:
        return f"模拟专题{t + 1:02d}"

    def region_name(self, r: int) -> str:
        return f"模拟地区{r + 1:02d}"

    def code(self, t: int, i: int) -> str:
        return f"M{t * self.indicators + i + 1:04d}"


def _indicator_rows(spec: Spec) -> Iterator[list[Any]]:
    for t in range(spec.themes):
        for i in range(spec.indicators):
            yield [spec.code(t, i), f"{spec.theme_name(t)}指标{i + 1:02d}",
                   UNITS[(t + i) % len(UNITS)], spec.theme_name(t), "模拟来源(非真实数据)"]


def _series(rng: random.Random, years: int) -> list[float]:
    level = rng.uniform(10, 5000)
    out = []
    for _ in range(years):
        level *= 1 + rng.uniform(-0.05, 0.15)
        out.append(round(level, 2))
    return out


def _grid(spec: Spec) -> Iterator[tuple[str, str, list[float]]]:
    """(code, region, values by year) for every indicator x region, seeded."""
    rng = random.Random(spec.seed)
    for t in range(spec.themes):
        for i in range(spec.indicators):
            for r in range(spec.regions):
                yield spec.code(t, i), spec.region_name(r), _series(rng, spec.years)


def long_rows(spec: Spec) -> Iterator[list[Any]]:
    years = spec.year_list
    n = 0
    for code, region, values in _grid(spec):
        for year, value in zip(years, values, strict=True):
            if spec.rows is not None and n >= spec.rows:
                return
            status = "预计" if year == years[-1] else "实际"
            yield [code, region, f"{year}年", value, status, None]
            n += 1


def wide_rows(spec: Spec) -> Iterator[list[Any]]:
    for n, (code, region, values) in enumerate(_grid(spec)):
        if spec.rows is not None and n >= spec.rows:
            return
        yield [code, region, *values]


def grid_size(spec: Spec) -> int:
    """Data rows of the full grid in the chosen form."""
    pairs = spec.themes * spec.indicators * spec.regions
    return pairs * spec.years if spec.form == "long" else pairs


def fit(rows: int, form: str = "long", years: int = 12) -> Spec:
    """The smallest grid (20 indicators x 20 regions per theme) holding ``rows`` data rows."""
    per_theme = 20 * 20 * (years if form == "long" else 1)
    themes = max(1, -(-rows // per_theme))
    return Spec(themes=themes, years=years, form=form, rows=rows)


def write(spec: Spec, path: Path) -> Path:
    """Write the workbook (write-only mode: constant memory) and return its path."""
    wb = Workbook(write_only=True)
    info = wb.create_sheet("说明")
    info.append([LABEL])
    info.append(["本工作簿由 bench/synthetic.py 生成,所有专题、地区和数字都是模拟的,"
                 "不代表任何真实情况。"])

    themes = wb.create_sheet("专题")
    themes.append([LABEL])
    themes.append(["专题", "顺序", "导语"])
    for t in range(spec.themes):
        themes.append([spec.theme_name(t), t + 1, f"{LABEL}:{spec.theme_name(t)}"])

    regions = wb.create_sheet("地区")
    regions.append([LABEL])
    regions.append(["地区", "上级", "类型", "顺序"])
    for r in range(spec.regions):
        regions.append([spec.region_name(r), None, "模拟", r + 1])

    indicators = wb.create_sheet("指标")
    indicators.append([LABEL])
    indicators.append(["指标编码", "指标名称", "单位", "专题", "来源"])
    for row in _indicator_rows(spec):
        indicators.append(row)

    data = wb.create_sheet("数据")
    data.append([LABEL])
    if spec.form == "long":
        data.append(["指标编码", "地区", "期间", "数值", "状态", "备注"])
        for row in long_rows(spec):
            data.append(row)
    elif spec.form == "wide":
        years = spec.year_list
        heads = [f"{y}年" for y in years[:-1]] + [f"{years[-1]}年(预计)"]
        data.append(["指标编码", "地区", *heads])
        for row in wide_rows(spec):
            data.append(row)
    else:
        raise ValueError(f"form must be long or wide, not {spec.form!r}")
    wb.save(path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--form", choices=("long", "wide"), default="long")
    parser.add_argument("--rows", type=int, help="stop after this many data rows")
    parser.add_argument("--themes", type=int)
    parser.add_argument("--indicators", type=int, default=20, help="per theme")
    parser.add_argument("--regions", type=int, default=20)
    parser.add_argument("--years", type=int, default=12)
    args = parser.parse_args(argv)
    if args.themes is None and args.rows is not None:
        per_theme = args.indicators * args.regions * (args.years if args.form == "long" else 1)
        themes = max(1, -(-args.rows // per_theme))
    else:
        themes = args.themes or 50
    spec = Spec(themes=themes, indicators=args.indicators, regions=args.regions,
                years=args.years, form=args.form, rows=args.rows)
    write(spec, args.out)
    rows = min(grid_size(spec), spec.rows) if spec.rows is not None else grid_size(spec)
    print(f"{args.out}: {LABEL}; {spec.form} form, {rows} data rows, {spec.themes} themes x "
          f"{spec.indicators} indicators x {spec.regions} regions x {spec.years} years")
    return 0


if __name__ == "__main__":
    sys.exit(main())
