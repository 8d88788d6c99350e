"""Columns with a growth line on a secondary axis. python-pptx has no API for it (#141): the
chart is written as columns with every series (so the embedded workbook and the formulas are
right), then the line series move into a ``c:lineChart`` on a second axis pair."""

from __future__ import annotations

from typing import Any

from pptx.oxml.ns import qn

from xzbrief.render.chart_parts import c_el


def move_lines_to_secondary(plot_area: Any, line_indices: set[int]) -> Any:
    """The series with these c:idx leave the bar chart for a line chart on axes 2 / 3 (the
    axes themselves are written with the others); returns the new c:lineChart."""
    bar_chart = plot_area.find(qn("c:barChart"))
    line_chart = c_el("c:lineChart")
    line_chart.append(c_el("c:grouping", "standard"))
    line_chart.append(c_el("c:varyColors", "0"))
    for ser in bar_chart.findall(qn("c:ser")):
        if int(ser.find(qn("c:idx")).get("val")) not in line_indices:
            continue
        bar_chart.remove(ser)
        for tag in ("c:invertIfNegative", "c:pictureOptions", "c:shape"):
            for e in ser.findall(qn(tag)):
                ser.remove(e)
        ser.find(qn("c:val")).addnext(c_el("c:smooth", "0"))
        line_chart.append(ser)
    line_chart.append(c_el("c:marker", "1"))
    line_chart.append(c_el("c:axId", "2"))
    line_chart.append(c_el("c:axId", "3"))
    bar_chart.addnext(line_chart)
    return line_chart
