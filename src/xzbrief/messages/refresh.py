"""The words of a refresh plan, Chinese and English: why a change is listed as it is, and the
names of the places on a slide. Part of the one catalogue (tests/test_catalogue.py checks them)."""

from __future__ import annotations

# refresh.plan.Action's value -> what the plan does with a change
ACTIONS: dict[str, tuple[str, str]] = {
    "update": ("更新", "update"), "eye": ("请核对", "needs your eye"), "kept": ("保留", "kept"),
    "unplaced": ("无法放置", "not placed"),
}

REASONS: dict[str, tuple[str, str]] = {
    "page_gone": ("新数据不再生成这一页(指标已删除或不再入选),未改动",
                  "the new data no longer makes this page (indicator removed or not chosen); "
                  "left as it is"),
    "new_content": ("新数据在第{page}页多出的内容,xzbrief 不在已编辑的页面上添加形状;"
                    "需要时请重新生成",
                    "the new data has more on page {page}; xzbrief adds no shapes to an edited "
                    "page — build a fresh deck if you need it"),
    "new_page": ("新数据多出的一页,重新生成时是第{fresh}页,在本汇报中应在第{after}页之后;"
                 "xzbrief 不在已编辑的汇报中加页,需要时请重新生成后把这一页复制过来",
                 "the new data makes one more page: page {fresh} of a fresh build, after page "
                 "{after} of this deck; xzbrief adds no pages to an edited deck — build a fresh "
                 "deck and copy the page over if you need it"),
    "no_longer": ("新数据下这里不再生成(如「预计」标记、变化幅度),请自行删除或保留",
                  "the new data puts nothing here any more (an estimate tag, a change); "
                  "delete or keep it yourself"),
    "slide_deleted": ("这一页已被删除", "the slide was deleted"),
    "shape_deleted": ("这个形状已被删除", "the shape was deleted"),
    "chart_deleted": ("图表已被删除", "the chart was deleted"),
    "notes_deleted": ("备注页已被删除", "the speaker notes were deleted"),
    "edited_count": ("这段文字已被改过,新数据多出或少了一句,未改动",
                     "this text was edited and the new data has a sentence more or less; "
                     "left as it is"),
    "rewritten": ("已被改写为「{text}」,不改动", "rewritten as \"{text}\"; left as it is"),
    "cell_edited": ("单元格已被改为「{text}」,不改动",
                    "the cell now reads \"{text}\"; left as it is"),
    "table_rows": ("表格行数变了:只更新已有单元格,请重新生成核对",
                   "the table has a different number of rows: only existing cells are "
                   "updated; check against a fresh build"),
    "chart_type": ("图表类型已被改变,不知道数字该放在哪里,未改动",
                   "the chart was changed into another type; where its numbers go is unknown, "
                   "so it is left as it is"),
    "series_removed": ("图表中没有系列「{names}」(被删除或改了名),其数字未放入",
                       "the chart has no series {names} (deleted or renamed); its numbers are "
                       "not placed"),
    "resized": ("字号由 {old} 磅调为 {new} 磅,新文字才放得下(与重新生成时的排法相同)",
                "set at {new} pt instead of {old} pt so that the new text fits (as a fresh "
                "build sets it)"),
    "resized_with_page": ("字号由 {old} 磅调为 {new} 磅,与本页调小的指标卡数字一致"
                          "(重新生成时同一页的数字用同一个字号)",
                          "set at {new} pt instead of {old} pt, as the card number on this page "
                          "that had to be set smaller (a fresh build sets a page's numbers at one "
                          "size)"),
    "then": ("{a};{b}", "{a}; {b}"),  # a reason, then how the text was fitted
    "no_room": ("新文字在原来的文本框里放不下:需要 {lines} 行,只放得下 {room} 行,字号已不能再小;"
                "文字照样更新,请看一眼,调整文本框或删减文字",
                "the new text does not fit its box: it needs {lines} lines and the box holds "
                "{room}, and a smaller size would not be legible; the text is updated all the "
                "same — please look, and enlarge the box or shorten the text"),
    "still_quotes": (",其中仍引用旧数字", "; it still quotes an old number"),
    "user_quotes": ("您自己写的文字引用了将要改变的数字 {values}",
                    "your own text quotes numbers that change: {values}"),
}

PLACES: dict[str, tuple[str, str]] = {
    "title": ("标题", "title"),
    "page": ("整页", "whole page"),
    "notes": ("备注页", "speaker notes"),
    "notes_generated": ("备注页(生成的部分)", "speaker notes (generated part)"),
    "para": ("{base} 第{n}段", "{base} paragraph {n}"),
    "cell": ("{base} 第{r}行第{c}列", "{base} row {r} column {c}"),
    "chart": ("图表「{name}」", "chart \"{name}\""),
    "categories": ("{n} 个类别", "{n} categories"),
    "rows": ("{n} 行", "{n} rows"),
    "new_page": ("新页(第{after}页之后)", "new page (after page {after})"),
    "more_lines": ("(另有 {n} 行变化)", " ({n} more lines change)"),
}

DETAILS: dict[str, tuple[str, str]] = {
    "cat_added": ("新增类别 {cat}", "new category {cat}"),
    "cat_removed": ("移出类别 {cat}", "category {cat} leaves"),
    "series_added": ("新增系列 {name}", "new series {name}"),
    "restyled": ("{name} {cats}:点的样式随新数据更新(如预计数的浅色)",
                 "{name} {cats}: point styles follow the new data (an estimate's lighter fill)"),
    "point": ("{name} {cat}:{old} → {new}", "{name} {cat}: {old} -> {new}"),
    "point_new": ("{name} {cat}:{new}", "{name} {cat}: {new}"),
    "figure": ("指标「{label}」 地区 {region} 期间 {period} 数值 {value}",
               "indicator \"{label}\", region {region}, period {period}, value {value}"),
    "more_figures": ("另有 {n} 个数字", "{n} more figures"),
}


# the app's refresh dialog (gui/widgets/refresh_dialog.py)
DIALOG: dict[str, tuple[str, str]] = {
    "menu": ("更新已有汇报…", "Refresh an existing deck…"),
    "choose": ("选择要更新的汇报", "Choose the deck to refresh"),
    "filter": ("PowerPoint 汇报 (*.pptx)", "PowerPoint decks (*.pptx)"),
    "title": ("更新已有汇报", "Refresh an existing deck"),
    "intro": ("「{deck}」将用「{data}」的新数据更新。勾选的变化会写入新文件;您改过的文字、"
              "移动或改色的形状都保留。",
              "{deck} will get the new figures of {data}. Ticked changes are written to a new "
              "file; text you rewrote and shapes you moved or recoloured are kept."),
    "save_to": ("保存为:", "Save as:"),
    "browse": ("浏览…", "Browse…"),
    "write": ("写入", "Write"),
    "nothing": ("数字和文字均无变化,无需更新。", "Nothing changed; nothing to refresh."),
    "done": ("已写入 {path}({n} 处更新)", "Written {path} ({n} updates)"),
    "failed": ("无法更新", "Cannot refresh"),
    "deleted": ("已删除", "deleted"),
    "fitting_head": ("字号与排版({n} 处):新文字调小了字号,或在原来的文本框里放不下",
                     "Text sizes ({n}): new text set smaller, or too long for its box"),
    "fitting_item": ("第{page}页 {place}:{text}", "slide {page}, {place}: {text}"),
    "reason": ("说明:{reason}", "Note: {reason}"),
    "data_problems": ("工作簿有错误,请先在「数据」页查看并修正。",
                      "The workbook has errors; see the Data tab and fix them first."),
}

DIALOG_COLUMNS: tuple[tuple[str, ...], tuple[str, ...]] = (
    ("", "页", "位置", "原文", "新文", "出处", "处理"),
    ("", "Slide", "Place", "Old", "New", "Source", "Action"))


def words(table: dict[str, tuple[str, str]], key: str, **params: object) -> tuple[str, str]:
    """(Chinese, English) for a key of one of the tables, with its parameters filled in."""
    zh, en = table[key]
    return zh.format(**params), en.format(**params)
