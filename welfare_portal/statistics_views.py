"""/staff/statistics/: the monthly figures for the city (実績報告), gathered from every app.

Each app in STATISTICS_SOURCES offers `statistics_sections(*, period, user)` in
its selectors.py (see welfare_portal.statistics). A missing or broken app fails
loudly: its figures must not vanish from a report to the city. A new section
(地域づくり, say) is one more Section returned by its app's function.
"""

import importlib

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from . import charts, statistics, statistics_exports
from .permissions import staff_required

PERMISSION = "welfare_portal.view_statistics"

# Apps whose selectors offer statistics_sections(); in the order of the report.
STATISTICS_SOURCES = ["consultations", "ibasho", "participation", "food_support"]
LAST_SECTIONS = {"community"}


def statistics_sections(*, period, user):
    sections = []
    for app in STATISTICS_SOURCES:
        selectors = importlib.import_module(f"{app}.selectors")
        sections.extend(selectors.statistics_sections(period=period, user=user))
    # 地域づくり (from consultations) comes last, after the four programmes, as the city reads it.
    sections.sort(key=lambda section: section.key in LAST_SECTIONS)
    keys = [table.key for section in sections for table in section.tables]
    if len(keys) != len(set(keys)):
        raise ValueError(f"Two tables share a key: {sorted(k for k in keys if keys.count(k) > 1)}")
    return sections


def _period(request, today):
    return statistics.period_from_query(request.GET, today=today)


def _month_headers(period):
    """(month, with its year) for each month column: the year on the first month and each January."""
    return [(month, index == 0 or month.month == 1) for index, month in enumerate(period.months)]


@staff_required(PERMISSION)
def statistics_page(request):
    today = timezone.localdate()
    period, year_form, month_form = _period(request, today)
    sections = []
    if period is not None:
        for section in statistics_sections(period=period, user=request.user):
            blocks = []
            for table in section.tables:
                chart = None
                if table.chart:
                    chart = charts.bar_chart(
                        chart_id=f"chart-{table.key}",
                        title=table.title,
                        months=period.months,
                        rows=table.chart_rows,
                        unit=table.unit,
                    )
                patterns = {row.key: index for index, row in enumerate(table.chart_rows)}
                blocks.append({"table": table, "chart": chart, "patterns": patterns})
            sections.append({"section": section, "blocks": blocks})
    this_month = statistics.Period.month(today)
    last_month = statistics.Period.month(statistics.add_months(today, -1))
    return render(
        request,
        "staff/statistics.html",
        {
            "title": _("Monthly figures for the city"),
            "today": today,
            "period": period,
            "year_form": year_form,
            "month_form": month_form,
            "sections": sections,
            "month_headers": _month_headers(period) if period else [],
            "shortcuts": [
                (
                    _("This fiscal year"),
                    statistics.Period.fiscal_year(statistics.fiscal_year_of(today)).query,
                ),
                (_("This month"), this_month.query),
                (_("Last month"), last_month.query),
            ],
        },
    )


@staff_required(PERMISSION)
def statistics_xlsx(request):
    today = timezone.localdate()
    period, _years, _months = _period(request, today)
    if period is None:
        return HttpResponseBadRequest(_("Choose a valid period."))
    content = statistics_exports.statistics_xlsx(
        sections=statistics_sections(period=period, user=request.user), period=period, today=today
    )
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="monthly-figures-{period.slug}.xlsx"'
    return response


@staff_required(PERMISSION)
def statistics_csv(request, table):
    today = timezone.localdate()
    period, _years, _months = _period(request, today)
    if period is None:
        return HttpResponseBadRequest(_("Choose a valid period."))
    sections = statistics_sections(period=period, user=request.user)
    found = next((t for section in sections for t in section.tables if t.key == table), None)
    if found is None:
        raise Http404
    response = HttpResponse(
        statistics_exports.table_csv(table=found, period=period), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{found.key}-{period.slug}.csv"'
    return response
