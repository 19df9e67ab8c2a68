"""Bar charts drawn on the server as SVG, for the monthly figures.

The geometry is computed here and drawn by templates/staff/_bar_chart.html:
no JavaScript, no inline style (the strict CSP forbids both), so the chart is
the same on screen, on paper and with scripts off. (pygal was considered: its
SVG carries its colours in an embedded <style> and its tooltips in scripts,
which the CSP blocks.) Series differ by fill pattern as well as colour (solid,
hatched, dotted) and every bar has an outline, so the chart reads in black and
white; the numbers are in the table beside it.
"""

import math
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

from .statistics import format_value

WIDTH = 640
HEIGHT = 280
LEFT, RIGHT, TOP, BOTTOM = 52, 8, 14, 46
TICKS = 5
# How many series one chart may draw: one pattern each.
PATTERNS = ("solid", "hatch", "dots")


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int
    title: str  # the bar's own tooltip: month, series and number


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class XLabel:
    x: float
    month: str
    year: str  # shown under the first month and under each January


@dataclass(frozen=True)
class Series:
    index: int
    label: str
    pattern: str


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    description: str
    bars: tuple
    ticks: tuple
    x_labels: tuple
    series: tuple
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    top: int = TOP

    @property
    def right(self):
        return self.width - RIGHT

    @property
    def bottom(self):
        return self.height - BOTTOM


def nice_step(maximum, ticks=TICKS):
    """A step of 1, 2 or 5 times a power of ten, whole for counts, giving at most `ticks` steps."""
    if maximum <= 0:
        return 1
    raw = maximum / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 5, 10):
        step = multiple * magnitude
        if raw <= step:
            break
    return max(step, 1)


def _r(value):
    return round(value, 1)


def bar_chart(*, chart_id, title, months, rows, unit=""):
    """Grouped bars: for each month, one bar per row (at most three rows)."""
    rows = list(rows)[: len(PATTERNS)]
    maximum = max((float(v) for row in rows for v in row.values if v is not None), default=0)
    step = nice_step(maximum)
    top_value = step * max(1, math.ceil(maximum / step))
    plot_left, plot_right = LEFT, WIDTH - RIGHT
    plot_top, plot_bottom = TOP, HEIGHT - BOTTOM
    plot_height = plot_bottom - plot_top
    group = (plot_right - plot_left) / max(len(months), 1)
    bar_width = group * 0.8 / max(len(rows), 1)

    def y_of(value):
        return plot_bottom - plot_height * float(value) / top_value

    bars = []
    for m, month in enumerate(months):
        for s, row in enumerate(rows):
            value = row.values[m] or 0
            if not value:
                continue
            x = plot_left + group * m + group * 0.1 + bar_width * s
            y = y_of(value)
            bars.append(
                Bar(
                    x=_r(x),
                    y=_r(y),
                    width=_r(bar_width),
                    height=_r(plot_bottom - y),
                    series=s,
                    title=f"{formats.date_format(month, 'YEAR_MONTH_FORMAT')} {row.label}: "
                    f"{format_value(value, row.kind)}{unit}",
                )
            )
    ticks = []
    value = 0
    while value <= top_value:
        ticks.append(Tick(y=_r(y_of(value)), label=format_value(value, "count")))
        value += step
    every = 1 if len(months) <= 12 else 3
    x_labels = []
    for m, month in enumerate(months):
        if m % every:
            continue
        year = str(month.year) if m == 0 or month.month == 1 else ""
        x_labels.append(
            XLabel(x=_r(plot_left + group * (m + 0.5)), month=formats.date_format(month, "M"), year=year)
        )
    series = tuple(Series(index=s, label=row.label, pattern=PATTERNS[s]) for s, row in enumerate(rows))
    description = _("Bar chart by month: %(series)s. The same numbers are in the table beside it.") % {
        "series": "、".join(row.label for row in rows)
    }
    return BarChart(
        id=chart_id,
        title=title,
        description=description,
        bars=tuple(bars),
        ticks=tuple(ticks),
        x_labels=tuple(x_labels),
        series=series,
    )
