"""The yardstick for bench_deck.py: plain python-pptx, no xzbrief code, writing the same slides.

``write(spec)`` takes plain data — one dict per slide with its title, text boxes, rectangles,
charts (type name, categories, series values) and tables — and writes a 16:9 deck the way a
straightforward python-pptx script would: one slide per spec on the default template's
"Title Only" layout, a text box per text, a rectangle per shape, a native chart per chart, a
table per table, speaker notes. It does none of xzbrief's work (no East-Asian fonts on every
run, no estimate styling, no secondary axis, no provenance), so the ratio shows what that work
costs on top of python-pptx itself.
"""

from __future__ import annotations

import io
from typing import Any

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu, Pt

CHART_TYPES = {
    "bar": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "bar_line": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "stacked": XL_CHART_TYPE.COLUMN_STACKED,
    "hbar": XL_CHART_TYPE.BAR_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "doughnut": XL_CHART_TYPE.DOUGHNUT,
}


def _pt(v: float) -> Emu:
    return Emu(round(v * 12700))


def write(spec: list[dict[str, Any]]) -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    layout = prs.slide_layouts[5]  # Title Only
    for item in spec:
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = item["title"]
        for x, y, w, h in item["shapes"]:
            slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, _pt(x), _pt(y), _pt(w), _pt(h))
        for (x, y, w, h), paragraphs, size in item["texts"]:
            tf = slide.shapes.add_textbox(_pt(x), _pt(y), _pt(w), _pt(h)).text_frame
            tf.word_wrap = True
            for i, text in enumerate(paragraphs):
                p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
                run = p.add_run()
                run.text = text
                run.font.size = Pt(size)
                run.font.name = "微软雅黑"
        for (x, y, w, h), kind, categories, series in item["charts"]:
            data = CategoryChartData()
            data.categories = categories
            for name, values in series:
                data.add_series(name, values)
            gf = slide.shapes.add_chart(CHART_TYPES[kind], _pt(x), _pt(y), _pt(w), _pt(h), data)
            chart = gf.chart
            chart.has_legend = len(series) > 1
            plot = chart.plots[0]
            plot.has_data_labels = True
            plot.data_labels.font.size = Pt(12)
        for (x, y, w, h), rows in item["tables"]:
            table = slide.shapes.add_table(len(rows), len(rows[0]), _pt(x), _pt(y), _pt(w),
                                           _pt(h)).table
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = text
                    cell.text_frame.paragraphs[0].runs[0].font.size = Pt(12)
        if item["notes"]:
            slide.notes_slide.notes_text_frame.text = item["notes"]
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
