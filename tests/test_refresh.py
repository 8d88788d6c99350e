"""``xzbrief refresh``: a deck built from a workbook, edited as an office edits it, refreshed from
the changed workbook — every generated figure is new, every edit is kept, the rest is reported."""

from __future__ import annotations

import copy
import io
import re
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.util import Pt

from realclients import needs_soffice, pdf_pages, seen, to_pdf, validate, validator
from workbooks import basic_sheets, write_workbook
from xzbrief.build import build_deck, default_recipe
from xzbrief.dataset.loader import load_dataset
from xzbrief.deck.nobreak import join_numbers
from xzbrief.deck.textfit import text_width
from xzbrief.refresh.numbers import quoted_numbers
from xzbrief.refresh_deck import prepare_refresh
from xzbrief.resources import shipped_dataset


def cli(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xzbrief", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", check=False)


def changed_sheets() -> dict[str, list[list[object]]]:
    """Next month's workbook: a value revised, a new period, one figure removed."""
    sheets = basic_sheets()
    data = sheets["数据"]
    data[5] = ["GY01", "徐州市", "2025年", 9100, "实际", None]  # 9000 (预计) -> 9100
    data.append(["GY01", "徐州市", "2026年", 9800, "预计", None])  # the latest rolls forward
    del data[10]  # SZ02 2024: the base of a change is gone
    return sheets


def chart_slide(prs):
    return next(s for s in prs.slides for sh in s.shapes if sh.has_chart)


def edit_like_an_office(path: Path) -> dict[str, object]:
    """Move and resize the chart, recolour a series and one bar, change the labels' number
    format, rewrite the chart slide's title, type a sentence quoting an old figure, delete a
    slide, add a slide with its own text and a shape."""
    prs = Presentation(str(path))
    slide = chart_slide(prs)
    frame = next(sh for sh in slide.shapes if sh.has_chart)
    frame.left, frame.top = frame.left + Pt(20), frame.top + Pt(10)
    frame.width, frame.height = frame.width - Pt(40), frame.height - Pt(20)
    series = frame.chart.plots[0].series[0]
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = RGBColor(0x00, 0x99, 0x33)
    bar = series.points[2].format  # 2023年
    bar.fill.solid()
    bar.fill.fore_color.rgb = RGBColor(0xAA, 0x00, 0xAA)
    labels = series.data_labels
    labels.number_format = '#,##0.0"亿"'
    labels.number_format_is_linked = False
    slide.shapes.title.text_frame.paragraphs[0].runs[0].text = "工业开票销售收入稳步增长"
    cards = prs.slides[2]
    box = cards.shapes.add_textbox(Pt(40), Pt(470), Pt(400), Pt(30))
    box.text_frame.text = "全市开票销售收入约0.9万亿元,再创新高。"
    box.name = "办公室补充"
    k = next(i for i, s in enumerate(prs.slides) if s.shapes.title is not None
             and "两化融合" in seen(s.shapes.title.text_frame.text))
    deleted = prs.slides[k]  # 数实融合: two cards, one of them loses its base
    deleted_title = seen(deleted.shapes.title.text_frame.text)
    extra = prs.slides.add_slide(prs.slide_layouts[-1])
    ids = prs.slides._sldIdLst
    prs.part.drop_rel(ids[k].rId)
    ids.remove(ids[k])
    own = extra.shapes.add_textbox(Pt(60), Pt(60), Pt(500), Pt(40))
    own.text_frame.text = "现场照片说明(办公室自加页)"
    star = slide.shapes.add_shape(1, Pt(10), Pt(10), Pt(30), Pt(30))
    star.name = "办公室的标注"
    chart_id = next(i for i in ids if prs.slides.get(int(i.get("id"))) is slide)
    ids.remove(chart_id)  # the chart page moves to the end, before the office's own page
    ids.insert(len(ids) - 1, chart_id)
    prs.save(str(path))
    return {"left": frame.left, "top": frame.top, "width": frame.width, "height": frame.height,
            "deleted_title": deleted_title}


def chart_cache(chart) -> tuple[list[str], list[list[float | None]]]:
    plot_cats = list(chart.plots[0].categories)
    values = [list(s.values) for p in chart.plots for s in p.series]
    return [str(c) for c in plot_cats], values


def point_fills(series, cats: list[str]) -> dict[str, str]:
    """Category -> fill colour of each point formatted on its own."""
    out = {}
    for d in series._element.findall(qn("c:dPt")):
        clr = d.find(".//" + qn("a:srgbClr"))
        out[cats[int(d.find(qn("c:idx")).get("val"))]] = clr.get("val") if clr is not None else ""
    return out


def embedded(chart) -> list[list[object]]:
    blob = chart.part.chart_workbook.xlsx_part.blob
    ws = openpyxl.load_workbook(io.BytesIO(blob)).worksheets[0]
    return [list(r) for r in ws.iter_rows(values_only=True)]


@pytest.fixture
def edited(tmp_path: Path) -> dict[str, object]:
    book = write_workbook(tmp_path / "指标库.xlsx", basic_sheets())
    recipe = default_recipe(load_dataset(book))  # with the headline cards these edits touch
    recipe = replace(recipe, options=replace(recipe.options, key_figures=True, summary=False,
                                             indicator_table=False))  # slides by position
    deck = build_deck(recipe, book, tmp_path / "汇报.pptx").pptx
    edits = edit_like_an_office(deck)
    write_workbook(book, changed_sheets())
    return {"deck": deck, "book": book, **edits}


def test_refresh_keeps_every_edit_and_writes_every_new_figure(edited, tmp_path):
    deck = edited["deck"]
    proc = cli("refresh", deck, "--yes")
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "汇报（更新）.pptx"
    assert out.exists() and "已写入" in proc.stdout
    plan = proc.stdout
    # the user's sentence quoting the old 9000亿元 (as 0.9万亿元) is listed, not changed
    eye = [ln for ln in plan.splitlines() if "0.9万亿元" in ln]
    assert eye and eye[0].endswith("请核对"), plan
    # the deleted slide's changes are reported as having nowhere to go
    assert "已删除 |" in plan and "这一页已被删除" in plan
    prs = Presentation(str(out))
    slide = chart_slide(prs)
    frame = next(sh for sh in slide.shapes if sh.has_chart)
    # moved / resized chart and the rewritten title are untouched
    assert (frame.left, frame.top, frame.width, frame.height) == (
        edited["left"], edited["top"], edited["width"], edited["height"])
    assert seen(slide.shapes.title.text_frame.text) == "工业开票销售收入稳步增长"
    # every generated figure equals its new cell: chart caches, read independently
    wb = openpyxl.load_workbook(edited["book"])
    rows = [r for r in wb["数据"].iter_rows(values_only=True) if r[0] == "GY01"]
    want = {period: float(value) for _, _, period, value, *_ in rows}
    cats, values = chart_cache(frame.chart)
    assert [c.split("\n")[0] for c in cats] == sorted(want)  # 2026年 appended
    assert values[0] == [want[c.split("\n")[0]] for c in cats]
    # the embedded workbook agrees with the caches, cell for cell
    sheet = embedded(frame.chart)
    assert [r[0] for r in sheet[1:len(cats) + 1]] == cats
    assert [r[1] for r in sheet[1:len(cats) + 1]] == values[0]
    assert all(r[2] == v or (r[2] is None and v is None)
               for r, v in zip(sheet[1:], values[1], strict=False))
    # the recoloured series and bar (kept with 2023年), the number format survive
    ser = frame.chart.plots[0].series[0]
    assert ser.format.fill.fore_color.rgb == RGBColor(0x00, 0x99, 0x33)
    assert ser.data_labels.number_format == '#,##0.0"亿"'
    # the generator's own point styles follow the data: 2025年 is now actual, 2026年 the
    # estimate — as a fresh build from the new workbook draws them
    fresh = build_deck(default_recipe(load_dataset(edited["book"])), edited["book"],
                       tmp_path / "新.pptx").pptx
    fresh_frame = next(sh for sh in chart_slide(Presentation(str(fresh))).shapes if sh.has_chart)
    fresh_cats, _ = chart_cache(fresh_frame.chart)
    want_fills = point_fills(fresh_frame.chart.plots[0].series[0], fresh_cats)
    want_fills["2023年"] = "AA00AA"
    assert point_fills(ser, cats) == want_fills
    # the card on the key-figures page shows the new latest value, in the run it had
    cards = prs.slides[2]
    numbers = [sh for sh in cards.shapes if sh.name.startswith("数值")]
    assert numbers[0].text_frame.paragraphs[0].runs[0].text == "9800"
    assert any("0.9万亿元" in seen(sh.text_frame.text) for sh in cards.shapes if sh.has_text_frame)
    # the office's own slide and shape are still there; the deleted slide stays deleted
    texts = [seen(sh.text_frame.text) for s in prs.slides for sh in s.shapes if sh.has_text_frame]
    assert "现场照片说明(办公室自加页)" in texts
    assert any(sh.name == "办公室的标注" for sh in slide.shapes)
    titles = [seen(s.shapes.title.text_frame.text) for s in prs.slides if s.shapes.title is not None]
    assert edited["deleted_title"] not in titles
    # a second refresh with the same workbook changes nothing
    again = cli("refresh", out, "--plan-only")
    assert again.returncode == 0, again.stderr
    assert "无需更新" in again.stdout, again.stdout


def test_diff_shows_the_numbers_the_plan_changed(edited, tmp_path):
    deck = edited["deck"]
    job = prepare_refresh(deck)
    applied = list(job.plan.updates)
    assert cli("refresh", deck, "--yes").returncode == 0
    proc = cli("diff", deck, tmp_path / "汇报（更新）.pptx")
    assert proc.returncode == 0, proc.stderr
    numbers = [ln for ln in proc.stdout.splitlines() if ln.strip().startswith("数字 改变")]
    assert numbers
    planned = set(quoted_numbers(" ".join(c.new + " " + " ".join(c.details)
                                          for c in applied)))
    for line in numbers:  # every number diff sees is a number the plan wrote
        new = line.split("→")[-1].split("(")[0]
        assert set(quoted_numbers(new)) <= planned, (line, planned)
    assert "9800亿元" in proc.stdout and "9100亿元" in proc.stdout
    # the title the office rewrote was not changed, so diff does not say it was; the
    # sentences that were rewritten by the refresh are
    lines = [ln.strip() for ln in proc.stdout.splitlines()]
    kept = [c for c in job.plan.changes if c.action.value in ("kept", "eye") and c.old]
    assert any(c.place == "标题" for c in kept)
    for c in kept:
        assert not any(ln.startswith(f"文字 改变:{c.old} →") for ln in lines), c.old
    bullets = [c for c in applied if c.place.startswith("要点")]
    assert bullets
    for c in bullets:
        # the slide breaks long lines itself; the record's sentences are whole
        old, new = (t.split("\t", 1)[1].replace("\n", "") for t in (c.old, c.new))
        assert f"文字 改变:{old} → {new}" in lines, (old, new)


def test_a_deck_without_a_record_is_refused(tmp_path):
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "手工做的汇报"
    path = tmp_path / "手工.pptx"
    prs.save(str(path))
    proc = cli("refresh", path, "--plan-only")
    assert proc.returncode == 2
    assert "没有 xzbrief 的生成记录" in proc.stderr


def test_nothing_changed_exits_zero_and_writes_nothing(tmp_path):
    book = write_workbook(tmp_path / "指标库.xlsx", basic_sheets())
    deck = build_deck(default_recipe(load_dataset(book)), book, tmp_path / "汇报.pptx").pptx
    proc = cli("refresh", deck, "--yes")
    assert proc.returncode == 0 and "无需更新" in proc.stdout
    assert not (tmp_path / "汇报（更新）.pptx").exists()


def test_the_shipped_deck_finds_the_shipped_workbook_from_any_folder(tmp_path):
    """The README's first command builds from the shipped workbook; refreshing that deck from
    another folder needs no --data (a deck records the workbook's name, never its folder)."""
    made = subprocess.run([sys.executable, "-m", "xzbrief", "build", "-o", str(tmp_path / "汇报.pptx"),
                           "--quiet"], cwd=tmp_path, capture_output=True, text=True,
                          encoding="utf-8", check=False)
    assert made.returncode == 0, made.stderr
    proc = subprocess.run([sys.executable, "-m", "xzbrief", "refresh", "汇报.pptx", "--plan-only"],
                          cwd=tmp_path, capture_output=True, text=True, encoding="utf-8",
                          check=False)
    assert proc.returncode == 0, proc.stderr
    assert "xuzhou.xlsx" in proc.stdout and "无需更新" in proc.stdout


def test_quoted_numbers_in_every_form():
    for text in ("9000亿元", "9,000亿", "０.９万亿元", "约0.9万亿"):
        assert 9e11 in quoted_numbers(text), text
    assert quoted_numbers("2025年10月") == []


@needs_soffice
def test_refreshed_deck_opens_in_libreoffice_and_validates(edited, tmp_path):
    assert cli("refresh", edited["deck"], "--yes").returncode == 0
    out = tmp_path / "汇报（更新）.pptx"
    pdf = to_pdf(out, tmp_path)
    assert pdf_pages(pdf) == len(Presentation(str(out)).slides)
    if validator() is not None:
        report = validate(out)
        assert report["errors"] == [], report["errors"][:5]


@needs_soffice
def test_refresh_after_a_libreoffice_resave(edited, tmp_path):
    """LibreOffice keeps the record and the tagged shape names (it renames placeholders:
    titles are found again by placeholder type)."""
    exe = __import__("realclients").soffice()
    resaved = tmp_path / "lo"
    import tempfile
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([exe, "--headless", f"-env:UserInstallation={Path(profile).as_uri()}",
                        "--convert-to", "pptx", "--outdir", str(resaved), str(edited["deck"])],
                       capture_output=True, timeout=240, check=True)
    deck = resaved / "汇报.pptx"
    job = prepare_refresh(deck, edited["book"])
    found = {c.found_by for c in job.plan.changes}
    assert "形状名" in found and "占位符" in found, found
    proc = cli("refresh", deck, "--data", edited["book"], "--yes")
    assert proc.returncode == 0, proc.stderr
    prs = Presentation(str(resaved / "汇报（更新）.pptx"))
    frame = next(sh for sh in chart_slide(prs).shapes if sh.has_chart)
    assert chart_cache(frame.chart)[1][0][-1] == 9800.0



def zip_edit(path: Path, change) -> None:
    """Rewrite a deck's zip members through ``change(name, data) -> data | None`` (None drops)."""
    import zipfile
    src = zipfile.ZipFile(path)
    members = [(i, src.read(i.filename)) for i in src.infolist()]
    src.close()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in members:
            changed = change(info.filename, data)
            if changed is not None:
                dst.writestr(info, changed)


def built(tmp_path: Path) -> tuple[Path, Path]:
    book = write_workbook(tmp_path / "指标库.xlsx", basic_sheets())
    deck = build_deck(default_recipe(load_dataset(book)), book, tmp_path / "汇报.pptx").pptx
    sheets = basic_sheets()
    sheets["数据"][5][3] = 9100
    write_workbook(book, sheets)
    return deck, book


def test_a_stripped_custom_xml_record_is_found_in_the_document_properties(tmp_path):
    deck, _ = built(tmp_path)
    zip_edit(deck, lambda name, data: None if name.startswith("customXml/") else data)
    job = prepare_refresh(deck)
    assert job.record.found_in == "docProps"
    assert any(c.new == "9100" for c in job.plan.updates)  # the 主要指标完成情况 table cell
    proc = cli("refresh", deck, "--plan-only")
    assert "记录位于 docProps" in proc.stdout


def test_a_deck_whose_every_record_was_stripped_is_refused(tmp_path):
    deck, _ = built(tmp_path)
    zip_edit(deck, lambda name, data: None if name.startswith("customXml/") else
             data.replace(b'name="xzbrief.record"', b'name="other"'))
    proc = cli("refresh", deck, "--plan-only")
    assert proc.returncode == 2 and "没有 xzbrief 的生成记录" in proc.stderr


def test_a_chart_turned_into_another_type_is_reported_not_guessed(tmp_path):
    deck, _ = built(tmp_path)
    zip_edit(deck, lambda name, data: data.replace(b"c:barChart>", b"c:areaChart>")
             if name.startswith("ppt/charts/chart") else data)
    job = prepare_refresh(deck)
    chart = [c for c in job.plan.changes if c.place.startswith("图表")]
    assert chart and chart[0].action.value == "unplaced" and "类型" in chart[0].reason
    assert chart[0].details  # the numbers that could not be placed are still listed


def test_a_chart_linked_to_an_outside_workbook_is_a_clear_error(tmp_path):
    deck, _ = built(tmp_path)

    def link(name: str, data: bytes) -> bytes:
        if name.startswith("ppt/charts/_rels/"):
            return (data.replace(b'Target="../embeddings/', b'TargetMode="External" '
                                 b'Target="file:///C:/data/')
                    .replace(b"relationships/package", b"relationships/oleObject"))
        return data

    zip_edit(deck, link)
    proc = cli("refresh", deck, "--plan-only")
    assert proc.returncode == 2 and "链接到外部工作簿" in proc.stderr


def test_the_plan_in_english(tmp_path):
    deck, _ = built(tmp_path)
    proc = cli("--lang", "en", "refresh", deck, "--plan-only")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[1] == "slide | place | old | new | source | action"
    assert "| 9000 | 9100 | 数据!D6 | update (shape name)" in proc.stdout  # the table's cell
    assert "updates" in proc.stdout.splitlines()[-1]


def test_a_number_the_user_made_bold_gets_the_new_number_and_stays_bold(tmp_path):
    deck, _ = built(tmp_path)
    prs = Presentation(str(deck))
    slide = chart_slide(prs)
    bullets = next(sh for sh in slide.shapes if sh.name.startswith("要点"))
    para = bullets.text_frame.paragraphs[0]
    # the run holding the number (drawn with invisible joiners that keep it with its unit)
    run = next(r for r in para.runs if "9000亿元" in seen(r.text))
    before, number, after = run.text.partition(join_numbers("9000亿元"))
    assert number
    run.text = before  # split it: ... | 9000亿元 (bold) | ...
    bold = copy.deepcopy(run._r)
    run._r.addnext(bold)
    tail = copy.deepcopy(run._r)
    bold.addnext(tail)
    bold.find(qn("a:t")).text = number
    bold.find(qn("a:rPr")).set("b", "1")
    tail.find(qn("a:t")).text = after
    prs.save(str(deck))
    assert cli("refresh", deck, "--yes").returncode == 0
    out = Presentation(str(tmp_path / "汇报（更新）.pptx"))
    para = next(sh for sh in chart_slide(out).shapes
                if sh.name.startswith("要点")).text_frame.paragraphs[0]
    runs = [(seen(r.text), r.font.bold) for r in para.runs]
    assert ("9100亿元", True) in runs, runs
    assert "".join(t for t, _ in runs).endswith("9100亿元，比上年增长11.0%。"), runs


def test_the_cli_asks_before_writing(tmp_path):
    deck, _ = built(tmp_path)
    original = deck.read_bytes()
    out = tmp_path / "汇报（更新）.pptx"
    no = subprocess.run([sys.executable, "-m", "xzbrief", "refresh", str(deck)], input="n\n",
                        capture_output=True, text=True, encoding="utf-8", check=False)
    assert no.returncode == 0 and "未写入" in no.stdout and not out.exists()
    silent = subprocess.run([sys.executable, "-m", "xzbrief", "refresh", str(deck)],
                            stdin=subprocess.DEVNULL, capture_output=True, text=True,
                            encoding="utf-8", check=False)
    assert silent.returncode == 2 and "--yes" in silent.stderr and not out.exists()
    yes = subprocess.run([sys.executable, "-m", "xzbrief", "refresh", str(deck)], input="y\n",
                         capture_output=True, text=True, encoding="utf-8", check=False)
    assert yes.returncode == 0 and out.exists()
    assert deck.read_bytes() == original  # the edited deck itself is never written


def grown_workbook(tmp_path: Path) -> tuple[Path, Path]:
    """A deck built before two figures existed, and the workbook that now has them: SZ02's
    2024 value (its card gains a change) and GY02's 2023–2024 values (a chart page appears)."""
    sheets = basic_sheets()
    del sheets["数据"][9]  # SZ02 2024
    book = write_workbook(tmp_path / "指标库.xlsx", sheets)
    recipe = default_recipe(load_dataset(book))
    recipe = replace(recipe, options=replace(recipe.options, key_figures=True, summary=False,
                                             indicator_table=False))
    deck = build_deck(recipe, book, tmp_path / "汇报.pptx").pptx
    sheets = basic_sheets()
    sheets["数据"] += [["GY02", "徐州市", "2023年", 3500, "实际", None],
                     ["GY02", "徐州市", "2024年", 3800, "实际", None]]
    write_workbook(book, sheets)
    return deck, book


def page_of(deck: Path, words: str) -> int:
    prs = Presentation(str(deck))
    return next(n for n, s in enumerate(prs.slides, start=1)
                if s.shapes.title is not None
                and words in seen(s.shapes.title.text_frame.text))


def test_what_the_new_data_adds_is_listed_with_indicator_region_period_value_and_page(tmp_path):
    deck, _book = grown_workbook(tmp_path)
    cards = page_of(deck, "两化融合")
    chart = page_of(deck, "2025年工业开票销售收入")
    proc = cli("refresh", deck, "--plan-only")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.replace("\xa0", " ").splitlines()  # ▲ and its words: a no-break space
    # the card's new change: on its page, with what it is
    k = next(i for i, ln in enumerate(lines) if ln.startswith(f"{cards} | 变化(徐州市数字经济"))
    assert lines[k].endswith("| 无法放置") and "▲ 比上年提高1.3个百分点" in lines[k]
    assert ("    · 指标「数字经济核心产业增加值占比变化」 地区 徐州市 期间 2025年 "
            "数值 比上年提高1.3个百分点") in lines[k + 1:k + 4]
    assert f"    说明:新数据在第{cards}页多出的内容" in "\n".join(lines[k + 1:k + 4])
    # the new chart page: where it would stand, and every figure it would show
    k = next(i for i, ln in enumerate(lines) if f"新页(第{chart}页之后)" in ln)
    assert lines[k].startswith(f"{chart} | ") and lines[k].endswith("| 无法放置")
    block = "\n".join(lines[k + 1:k + 12])
    for period, value in (("2023年", "3500家"), ("2024年", "3800家"), ("2025年", "4000家")):
        assert f"· 指标「规上工业企业数量」 地区 徐州市 期间 {period} 数值 {value}" in block
    assert f"在本汇报中应在第{chart}页之后" in block
    english = cli("--lang", "en", "refresh", deck, "--plan-only").stdout
    assert ('· indicator "规上工业企业数量", region 徐州市, period 2024年, value 3800家'
            in english), english
    # listed once: after the refresh is written, the next refresh has nothing to say
    assert cli("refresh", deck, "--yes").returncode == 0
    again = cli("refresh", tmp_path / "汇报（更新）.pptx", "--plan-only")
    assert "无需更新" in again.stdout, again.stdout


def cards_deck(tmp_path: Path) -> tuple[Path, Path]:
    book = write_workbook(tmp_path / "指标库.xlsx", basic_sheets())
    recipe = default_recipe(load_dataset(book))
    recipe = replace(recipe, options=replace(recipe.options, key_figures=True, summary=False,
                                             indicator_table=False))
    return build_deck(recipe, book, tmp_path / "汇报.pptx").pptx, book


def card_number(path: Path):
    """The first card's number box on the headline page (its runs: number, unit)."""
    prs = Presentation(str(path))
    return next(sh for sh in prs.slides[2].shapes if sh.name.startswith("数值"))


def test_a_longer_number_is_set_at_the_size_a_fresh_build_gives_it(tmp_path):
    deck, book = cards_deck(tmp_path)
    before = [r.font.size.pt for r in card_number(deck).text_frame.paragraphs[0].runs]
    sheets = basic_sheets()
    sheets["数据"][5][3] = 123456789.5  # 9000 -> a number four times as long
    write_workbook(book, sheets)
    proc = cli("refresh", deck, "--yes")
    assert proc.returncode == 0, proc.stderr
    assert "字号由 54 磅调为" in proc.stdout, proc.stdout
    runs = card_number(tmp_path / "汇报（更新）.pptx").text_frame.paragraphs[0].runs
    assert "".join(r.text for r in runs) == "123456789.5亿元"
    recipe = default_recipe(load_dataset(book))
    recipe = replace(recipe, options=replace(recipe.options, key_figures=True, summary=False,
                                             indicator_table=False))
    fresh = build_deck(recipe, book, tmp_path / "新.pptx").pptx
    want = [r.font.size.pt for r in card_number(fresh).text_frame.paragraphs[0].runs]
    assert want[0] < before[0]  # the builder itself sets it smaller
    assert [r.font.size.pt for r in runs] == want  # the unit stays half the number


def card_numbers(path: Path, page: int = 3) -> dict[str, list[tuple[str, float]]]:
    """Every card number of a page: its runs' (text, size), by the card's indicator."""
    prs = Presentation(str(path))
    return {seen(sh.text_frame.text): [(seen(r.text), r.font.size.pt)
                                       for r in sh.text_frame.paragraphs[0].runs]
            for sh in prs.slides[page - 1].shapes if sh.name.startswith("数值")}


def test_a_grown_card_number_takes_the_other_numbers_of_its_page_down_with_it(tmp_path):
    """A fresh build sets a page's card numbers at one size; so does refresh when one number
    grew and had to be set smaller: the other card keeps its number, at the new size."""
    deck, book = cards_deck(tmp_path)
    assert card_numbers(deck) == {"9000亿元": [("9000", 54), ("亿元", 27)],
                                  "69.3": [("69.3", 54)]}
    sheets = basic_sheets()
    sheets["数据"][5][3] = 123456789.5
    write_workbook(book, sheets)
    proc = cli("refresh", deck, "--yes")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    k = lines.index("3 | 数值(徐州市两化融合发展水平) | 69.3 | 69.3 | 数据!D9 | 更新(形状名)")
    assert lines[k + 1] == ("    说明:字号由 54 磅调为 46 磅,与本页调小的指标卡数字一致"
                            "(重新生成时同一页的数字用同一个字号)")
    # one number had to shrink; the other only follows it (counted apart, not as shrunk)
    assert "其中 1 处调小了字号才放得下新文字,0 处放不下(请看一眼)。" in lines
    assert "另有 1 处指标卡数字随本页调小的数字调为同一字号。" in lines
    out = tmp_path / "汇报（更新）.pptx"
    recipe = default_recipe(load_dataset(book))
    recipe = replace(recipe, options=replace(recipe.options, key_figures=True, summary=False,
                                             indicator_table=False))
    fresh = card_numbers(build_deck(recipe, book, tmp_path / "新.pptx").pptx)
    assert card_numbers(out) == fresh == {"123456789.5亿元": [("123456789.5", 46), ("亿元", 23)],
                                          "69.3": [("69.3", 46)]}
    again = cli("refresh", out, "--plan-only")
    assert "无需更新" in again.stdout, again.stdout


def test_a_longer_number_the_builder_still_sets_at_full_size_is_not_shrunk(tmp_path):
    """「1234567.8亿元」 fits the card at 54 pt, its unit at 27 (a fresh build sets it so):
    refresh leaves the size, and says nothing about fitting."""
    deck, book = cards_deck(tmp_path)
    sheets = basic_sheets()
    sheets["数据"][5][3] = 1234567.8
    write_workbook(book, sheets)
    job = prepare_refresh(deck)
    assert any(c.new == "1234567.8亿元" for c in job.plan.updates)
    assert job.plan.fitted == []
    from xzbrief.refresh_deck import write_refresh
    write_refresh(job, tmp_path / "out.pptx")
    recipe = default_recipe(load_dataset(book))
    recipe = replace(recipe, options=replace(recipe.options, key_figures=True, summary=False,
                                             indicator_table=False))
    fresh = card_numbers(build_deck(recipe, book, tmp_path / "新.pptx").pptx)
    assert card_numbers(tmp_path / "out.pptx") == fresh == {
        "1234567.8亿元": [("1234567.8", 54), ("亿元", 27)], "69.3": [("69.3", 54)]}


def test_a_declined_grown_number_leaves_its_page_as_it_was(tmp_path):
    """Each card's new size is its own change: declined, the card keeps its size."""
    deck, book = cards_deck(tmp_path)
    sheets = basic_sheets()
    sheets["数据"][5][3] = 123456789.5
    write_workbook(book, sheets)
    job = prepare_refresh(deck)
    sibling = next(c for c in job.plan.updates if c.place == "数值(徐州市两化融合发展水平)")
    assert sibling.old == sibling.new == "69.3" and sibling.fitting
    from xzbrief.refresh_deck import write_refresh
    write_refresh(job, tmp_path / "out.pptx", [c.id for c in job.plan.updates
                                               if c.id != sibling.id])
    assert card_numbers(tmp_path / "out.pptx")["69.3"] == [("69.3", 54)]


def test_text_no_legible_size_fits_is_updated_unshrunk_and_listed_for_the_users_eye(tmp_path):
    """The office cut the chart page's footnote box down to its two lines; next month's
    footnote needs a third, and 10 pt footnotes are not shrunk further."""
    from xzbrief.deck.textfit import text_width, wrap

    deck, book = cards_deck(tmp_path)
    prs = Presentation(str(deck))
    page = page_of(deck, "2025年工业开票销售收入")
    foot = next(sh for sh in prs.slides[page - 1].shapes if sh.name.startswith("脚注"))
    first = foot.text_frame.paragraphs[0].text
    assert seen(first) == "注：2025年数据为预计数。"  # joiners hold 2025年
    foot.width = Pt(text_width(first, 10) + 4)
    foot.height = Pt(24)  # two lines of 10 pt
    prs.save(str(deck))
    sheets = basic_sheets()
    sheets["数据"].append(["GY01", "徐州市", "2026年", 9800, "预计", None])
    write_workbook(book, sheets)
    longer = "注：2025年、2026年数据为预计数。"
    assert len(wrap(longer, 10, foot.width.pt)) == 2  # it would need a third line
    proc = cli("refresh", deck, "--yes")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    k = next(i for i, ln in enumerate(lines)
             if ln.startswith(f"{page} | 脚注 |") and "| 请核对" in ln)
    assert "放不下:需要 3 行,只放得下 2 行" in lines[k + 1], lines[k:k + 2]
    out = Presentation(str(tmp_path / "汇报（更新）.pptx"))
    foot = next(sh for sh in out.slides[page - 1].shapes if sh.name.startswith("脚注"))
    para = foot.text_frame.paragraphs[0]
    assert seen(para.text) == longer  # updated all the same
    assert {r.font.size.pt for r in para.runs} == {10}  # not shrunk past the footnote size


def one_more_highlight(tmp_path: Path) -> tuple[Path, Path, int]:
    """The shipped deck, and its workbook with a tenth highlight for 区域实践: the highlights
    page, nine bullets at 20 pt, gets one more (a fresh build sets the ten at 19 pt)."""
    book = tmp_path / "xuzhou.xlsx"
    book.write_bytes(shipped_dataset().read_bytes())
    deck = build_deck(default_recipe(load_dataset(book)), book, tmp_path / "汇报.pptx").pptx
    wb = openpyxl.load_workbook(book)
    sheet = wb["要点"]
    row = next(r for r in sheet.iter_rows() if r[1].value == "徐州高新区"
               and r[0].value == "区域实践")
    values = [c.value for c in row]
    sheet.append([*values[:3], "智能制造示范工厂建设加快推进", *values[4:]])
    wb.save(book)
    return deck, book, page_of(deck, "区域实践主要亮点")


def bullet_sizes(path: Path, page: int) -> list[float]:
    prs = Presentation(str(path))
    box = next(sh for sh in prs.slides[page - 1].shapes if sh.name.startswith("要点"))
    return [p.runs[-1].font.size.pt for p in box.text_frame.paragraphs]


def test_a_bullet_list_that_grows_a_paragraph_is_measured_with_its_gaps(tmp_path):
    """Nine bullets became ten: with the space between the bullets counted (as the layout
    counts it) they need 19 pt, as a fresh build sets them."""
    deck, book, page = one_more_highlight(tmp_path)
    assert set(bullet_sizes(deck, page)) == {20}
    proc = cli("refresh", deck, "--yes")
    assert proc.returncode == 0, proc.stderr
    assert f"{page} | 要点 | " in proc.stdout and "字号由 20 磅调为 19 磅" in proc.stdout
    out = tmp_path / "汇报（更新）.pptx"
    fresh = build_deck(default_recipe(load_dataset(book)), book, tmp_path / "新.pptx").pptx
    assert bullet_sizes(out, page) == bullet_sizes(fresh, page) == [19] * 10


@pytest.mark.libreoffice
@needs_soffice
def test_libreoffice_draws_the_grown_bullet_list_inside_its_box(tmp_path):
    """The refreshed list as LibreOffice draws it: every bullet above the page's source line."""
    from test_nobreak import line_text, pdf_lines

    deck, _book, page = one_more_highlight(tmp_path)
    assert cli("refresh", deck, "--yes").returncode == 0
    pdf = to_pdf(tmp_path / "汇报（更新）.pptx", tmp_path)
    lines = [ln for n, block in pdf_lines(pdf) if n == page for ln in block]
    source = next(ln for ln in lines if line_text(ln).startswith("数据来源"))
    bullets = [ln for ln in lines if "智能制造示范工厂" in line_text(ln)
               or "中国安全谷" in line_text(ln)]
    assert len(bullets) == 2  # the new bullet, and the last of the old ones
    assert all(float(b.get("yMax")) < float(source.get("yMin")) for b in bullets)


def crowded(tmp_path: Path) -> tuple[Path, Path]:
    """A deck whose next month needs both kinds of fitting: the office cut the chart page's
    footnote box to its two lines, and the workbook adds a 2026 estimate nine digits long (the
    headline card's number is set smaller, the page's other card with it; the footnote needs a
    third line)."""
    deck, book = cards_deck(tmp_path)
    prs = Presentation(str(deck))
    page = page_of(deck, "2025年工业开票销售收入")
    foot = next(sh for sh in prs.slides[page - 1].shapes if sh.name.startswith("脚注"))
    foot.width = Pt(text_width(foot.text_frame.paragraphs[0].text, 10) + 4)
    foot.height = Pt(24)  # two lines of 10 pt
    prs.save(str(deck))
    sheets = basic_sheets()
    sheets["数据"].append(["GY01", "徐州市", "2026年", 123456789.5, "预计", None])
    write_workbook(book, sheets)
    return deck, book


def _users_words(*paths: Path) -> str:
    """Every string the user's own files hold (the deck's text, charts and notes, the
    workbook's cells) and their names: what a refresh may quote in any language."""
    said = [p.name for p in paths]
    for p in paths:
        with zipfile.ZipFile(p) as z:
            xml = [z.read(n).decode("utf-8", "replace") for n in z.namelist()
                   if n.endswith(".xml")]
            said += xml + [re.sub(r"<[^>]+>", "", x) for x in xml]  # and runs joined, as shown
    return seen("\n".join(said))


def test_refresh_in_english_says_nothing_in_chinese_but_the_users_own_words(edited, tmp_path):
    """`xzbrief refresh --lang en`: the plan, the chart problems (here a chart whose embedded
    workbook another office program dropped) and the outcome in English; Chinese only where
    it quotes the deck's text (as it was and as refreshed), the workbook or a file name."""
    deck, book = edited["deck"], edited["book"]
    prs = Presentation(str(deck))
    chart = next(sh for sh in chart_slide(prs).shapes if sh.has_chart).chart_part._element
    chart.remove(chart.find(qn("c:externalData")))
    prs.save(str(deck))
    before = _users_words(deck, book)
    proc = cli("--lang", "en", "refresh", deck, "--yes", "-o", tmp_path / "out.pptx")
    users = before + _users_words(tmp_path / "out.pptx")  # the deck's text, old and new
    assert proc.returncode == 0, proc.stderr
    assert "the chart has no embedded workbook" in proc.stderr, proc.stderr
    assert proc.stdout.splitlines()[-1].startswith(f"written {tmp_path / 'out.pptx'} (")
    han = re.findall(r"[\u4e00-\u9fff]+", proc.stdout + proc.stderr)
    assert han, "the user's names are quoted as written"
    assert [run for run in han if run not in users] == [], proc.stdout
    zh = cli("refresh", deck, "--yes", "-o", tmp_path / "out2.pptx")
    assert "图表没有内嵌工作簿" in zh.stderr and "已写入" in zh.stdout


def test_two_cards_of_one_indicator_on_a_page_keep_their_own_figures(tmp_path):
    """The bureau deck has a 2025年4月当月 card and a 2024年 card of 规上工业增加值增速 on
    one page. Keyed alike, refresh planned the 2024 card's figure onto the 当月 card with
    unchanged data (8.8% gone, 8.5% shown twice). With a new 当月 figure only that card
    changes."""
    from workbooks import bureau_sheets

    sheets = bureau_sheets()
    book = write_workbook(tmp_path / "指标库.xlsx", sheets)
    deck = build_deck(default_recipe(load_dataset(book)), book, tmp_path / "汇报.pptx").pptx
    same = cli("refresh", deck, "--plan-only")
    assert same.returncode == 0 and "无需更新" in same.stdout, same.stdout

    def cards(path):
        for slide in Presentation(str(path)).slides:
            texts = [seen(sh.text_frame.text) for sh in slide.shapes if sh.has_text_frame]
            if any("4月当月" in t for t in texts) and any(t.startswith("8.") for t in texts):
                return [t for t in texts if re.fullmatch(r"[\d.]+%?", t)]
        raise AssertionError("no page with the 当月 card")

    assert cards(deck)[:2] == ["8.8%", "8.5%"]
    for row in sheets["数据"]:
        if row[:3] == ["IND01", "徐州市", "2025年4月当月"]:
            row[3] = 9.4
    write_workbook(book, sheets)
    proc = cli("refresh", deck, "--yes")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert cards(tmp_path / "汇报（更新）.pptx")[:2] == ["9.4%", "8.5%"]


@pytest.mark.parametrize("odd", [(rb'<a:spcPts val="(\d+)"', rb'<a:spcPts val="\1.5"'),
                                 (rb'marL="(\d+)"', rb'marL="\1.0"'),
                                 (rb' sz="(\d+)"', rb' sz="abc"')])
def test_an_odd_number_in_an_edited_deck_is_no_internal_error(tmp_path, odd):
    """An office program may write 「2900.5」 or junk where the schema wants an integer;
    refresh read such a deck and stopped with an internal error (exit 3)."""
    book = write_workbook(tmp_path / "指标库.xlsx", basic_sheets())
    deck = build_deck(default_recipe(load_dataset(book)), book, tmp_path / "汇报.pptx").pptx
    with zipfile.ZipFile(deck) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    pattern, replacement = odd
    changed = 0
    for name, data in parts.items():
        if re.fullmatch(r"ppt/slides/slide\d+\.xml", name):
            parts[name] = re.sub(pattern, replacement, data)
            changed += parts[name] != data
    assert changed
    with zipfile.ZipFile(deck, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    sheets = basic_sheets()
    sheets["数据"][4][3] = 8300.0  # 2024年工业开票销售收入: 8200 -> 8300
    write_workbook(book, sheets)
    proc = cli("refresh", deck, "--yes")
    assert proc.returncode == 0, proc.stdout[-300:] + proc.stderr[-800:]
    prs = Presentation(str(tmp_path / "汇报（更新）.pptx"))
    text = "\n".join(seen(sh.text_frame.text) for s in prs.slides for sh in s.shapes
                     if sh.has_text_frame)
    assert "比上年增长8.4%" in text and "比上年增长9.8%" not in text  # 9000 against 8300
