"""Monthly figures for the city (実績報告): periods, tables and the counting every app's part uses.

Each app offers, in its selectors.py, `statistics_sections(*, period, user)`
returning `Section` objects: tables of figures with one value per month of the
period, counted in the database with aggregate queries (one query per table,
however many rows there are). welfare_portal gathers them into the staff page,
the XLSX workbook and the CSV files (see statistics_views.py), the way it
gathers the timeline and the staff home.

Months start and end in the project's time zone (Asia/Tokyo): a concern report
sent at 23:59 on 30 April counts in April, one sent a minute later in May.
Counts are of rows, never of names, so records whose personal details have
been anonymised still count.

A leaf of welfare_portal: nothing here imports an app.
"""

import datetime
from dataclasses import dataclass, field

from django import forms
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# The longest period one page shows: three fiscal years.
MAX_MONTHS = 36
# Fiscal years (April-March) offered in the period form, counting back from this one.
FISCAL_YEARS_OFFERED = 6

COUNT = "count"
RATE = "rate"
HOURS = "hours"


def add_months(day, months):
    """The first day of the month `months` after (or before) the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def fiscal_year_of(day):
    """The fiscal year (年度) a day belongs to: April 2025 to March 2026 is 2025."""
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_label(year):
    """2025年度(令和7年度) in Japanese."""
    return gettext("FY%(year)d (Reiwa %(reiwa)d)") % {"year": year, "reiwa": year - 2018}


def month_label(month):
    """2025年4月 in Japanese, April 2025 in English."""
    return formats.date_format(month, "YEAR_MONTH_FORMAT")


@dataclass(frozen=True)
class Period:
    """Whole months from `first` to `last` (both the first day of their month), inclusive."""

    first: datetime.date
    last: datetime.date

    @classmethod
    def fiscal_year(cls, year):
        return cls(datetime.date(year, 4, 1), datetime.date(year + 1, 3, 1))

    @classmethod
    def month(cls, day):
        first = day.replace(day=1)
        return cls(first, first)

    @property
    def months(self):
        count = (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1
        return tuple(add_months(self.first, i) for i in range(count))

    @property
    def end(self):
        """The first day after the period."""
        return add_months(self.last, 1)

    @property
    def start_at(self):
        return _midnight(self.first)

    @property
    def end_at(self):
        return _midnight(self.end)

    @property
    def fiscal_year_number(self):
        """The fiscal year when the period is exactly one, else None."""
        if self.first.month == 4 and self.last == add_months(self.first, 11):
            return self.first.year
        return None

    @property
    def label(self):
        months = gettext("%(first)s to %(last)s") % {
            "first": month_label(self.first),
            "last": month_label(self.last),
        }
        if self.first == self.last:
            months = month_label(self.first)
        if self.fiscal_year_number is not None:
            return f"{fiscal_year_label(self.fiscal_year_number)} {months}"
        return months

    @property
    def slug(self):
        """For file names: 2025-04_2026-03."""
        return f"{self.first:%Y-%m}_{self.last:%Y-%m}"

    @property
    def query(self):
        """The query string that selects this period again."""
        if self.fiscal_year_number is not None:
            return f"fy={self.fiscal_year_number}"
        return f"start={self.first:%Y-%m}&end={self.last:%Y-%m}"

    def within(self, path, *, model):
        """A filter keeping rows whose `path` (a date or a date-time) falls in the period."""
        if _is_datetime(model, path):
            return Q(**{f"{path}__gte": self.start_at, f"{path}__lt": self.end_at})
        return Q(**{f"{path}__gte": self.first, f"{path}__lt": self.end})


def _midnight(day):
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_default_timezone())


def _is_datetime(model, path):
    """Whether a field path ("gathering__date", "meeting__held_at") ends at a date-time."""
    field_ = None
    for name in path.split("__"):
        field_ = model._meta.get_field(name)
        if field_.is_relation:
            model = field_.related_model
    return isinstance(field_, models.DateTimeField)


def _as_month(value):
    if isinstance(value, datetime.datetime):
        return (
            timezone.localtime(value, timezone.get_default_timezone()).date()
            if timezone.is_aware(value)
            else value.date()
        )
    return value


# --- Counting in the database ------------------------------------------------------


def _month_of(queryset, path):
    if _is_datetime(queryset.model, path):
        return TruncMonth(path, tzinfo=timezone.get_default_timezone())
    return TruncMonth(path)


def count_by_month(queryset, path, period, *, by=None, value=None):
    """{(month, group): number} for the rows of `queryset` whose `path` falls in the period.

    One query: the rows are grouped by month (in Tokyo time for date-times) and,
    with `by`, by a field or annotation; `value` is the aggregate (default: count rows).
    """
    return count_many_by_month(queryset, path, period, by=by, values={"n": value or Count("pk")})["n"]


def count_many_by_month(queryset, path, period, *, values, by=None):
    """Several aggregates at once: {name: {(month, group): number}} for `values` = {name: aggregate}."""
    groups = ["stat_month", by] if by else ["stat_month"]
    rows = (
        queryset.filter(period.within(path, model=queryset.model))
        .annotate(stat_month=_month_of(queryset, path))
        .values(*groups)
        .annotate(**{f"stat_{name}": aggregate for name, aggregate in values.items()})
        .order_by()
    )
    counts = {name: {} for name in values}
    for row in rows:
        key = (_as_month(row["stat_month"]), row[by] if by else None)
        for name in values:
            counts[name][key] = counts[name].get(key, 0) + (row[f"stat_{name}"] or 0)
    return counts


def count_active_by_month(
    queryset, period, *, start, end, count="pk", distinct=False, started_before=False, today=None
):
    """How many rows were active in each month: started by the month's end (or, with
    `started_before`, before the month began) and not ended before it began.

    One query with one conditional count per month, and one for the whole
    period (`total`: a stock is not a sum; with `distinct`, each counted once).
    Months that have not begun yet count nothing: a stock is not a forecast.
    Returns (values per month, total).
    """
    today = today or timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    aggregates = {}
    for index, month in enumerate(period.months):
        if month > today:
            continue
        opened = Q(**{f"{start}__lt": month if started_before else min(add_months(month, 1), tomorrow)})
        still_open = Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": month})
        aggregates[f"m{index}"] = Count(count, filter=opened & still_open, distinct=distinct)
    if period.first <= today:
        opened = Q(**{f"{start}__lt": period.first if started_before else min(period.end, tomorrow)})
        still_open = Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": period.first})
        aggregates["total"] = Count(count, filter=opened & still_open, distinct=distinct)
    result = queryset.aggregate(**aggregates) if aggregates else {}
    values = tuple(result.get(f"m{i}", 0) for i in range(len(period.months)))
    return values, result.get("total", 0)


# --- What a section holds ---------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One line of a table: a value per month and the period's total.

    `total` None means the row is not a sum (a stock such as "open cases") and
    shows as a dash; rates hold a fraction (0.85) or None where there is nothing
    to divide.
    """

    key: str
    label: str
    values: tuple
    total: object = None
    kind: str = COUNT

    @property
    def cells(self):
        return [*self.values, self.total]


@dataclass(frozen=True)
class Table:
    key: str  # unique on the page; names the CSV file
    title: str
    rows: tuple
    unit: str = ""
    note: str = ""
    # Keys of up to three rows drawn as a bar chart beside the table.
    chart: tuple = ()

    def row(self, key):
        return next(row for row in self.rows if row.key == key)

    @property
    def chart_rows(self):
        return [self.row(key) for key in self.chart]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    tables: tuple
    # The programme's own pages, as (label, url), for those who may open them.
    links: tuple = field(default_factory=tuple)


# --- Building rows ------------------------------------------------------------------


def series(counts, period, group=None):
    """The values of one group across the period's months (zero where nothing was counted)."""
    return tuple(counts.get((month, group), 0) for month in period.months)


def count_row(key, label, values, *, kind=COUNT):
    """A row whose total is the sum of its months."""
    values = tuple(values)
    return Row(key=key, label=str(label), values=values, total=sum(values), kind=kind)


def stock_row(key, label, values, total=None):
    """A row of stocks (open on the day): its total is not a sum."""
    return Row(key=key, label=str(label), values=tuple(values), total=total)


def rows_by_choice(counts, period, choices, *, blank_label=None):
    """One row per choice, in the choices' order; with `blank_label`, one more row for
    the rows that have none of them (always shown, so the table keeps its shape)."""
    rows = [count_row(str(value), label, series(counts, period, value)) for value, label in choices]
    if blank_label is not None:
        known = {str(value) for value, _label in choices}
        values = [0] * len(period.months)
        for (month, group), number in counts.items():
            if group in (None, "") or str(group) not in known:
                values[period.months.index(month)] += number
        rows.append(count_row("none", blank_label, values))
    return rows


def total_row(rows, label=None, key="total"):
    values = [sum(row.values[i] for row in rows) for i in range(len(rows[0].values))] if rows else []
    return count_row(key, label or _("Total"), values)


def rate_row(key, label, numerator, denominator):
    """numerator / denominator per month and for the period; None where there is nothing to divide."""

    def divide(top, bottom):
        return top / bottom if bottom else None

    return Row(
        key=key,
        label=str(label),
        values=tuple(divide(n, d) for n, d in zip(numerator.values, denominator.values, strict=True)),
        total=divide(numerator.total or 0, denominator.total or 0),
        kind=RATE,
    )


def format_value(value, kind):
    """How a cell reads on the page and in CSV files."""
    if value is None:
        return "—"
    if kind == RATE:
        return f"{value * 100:.1f}%"
    if kind == HOURS:
        return f"{value:.1f}"
    return f"{value:,}"


# --- The period form ------------------------------------------------------------------


def _month_choices(today):
    current = fiscal_year_of(today)
    first = datetime.date(current - FISCAL_YEARS_OFFERED + 1, 4, 1)
    last = datetime.date(current + 1, 3, 1)
    choices = []
    month = first
    while month <= last:
        choices.append((f"{month:%Y-%m}", month_label(month)))
        month = add_months(month, 1)
    return choices


class FiscalYearForm(forms.Form):
    fy = forms.TypedChoiceField(label=_("Fiscal year"), coerce=int)

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        current = fiscal_year_of(today)
        self.fields["fy"].choices = [
            (year, fiscal_year_label(year)) for year in range(current, current - FISCAL_YEARS_OFFERED, -1)
        ]
        self.fields["fy"].initial = current

    def period(self):
        return Period.fiscal_year(self.cleaned_data["fy"])


class MonthRangeForm(forms.Form):
    start = forms.ChoiceField(label=_("First month"))
    end = forms.ChoiceField(label=_("Up to and including"))

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        choices = _month_choices(today)
        self.fields["start"].choices = self.fields["end"].choices = choices
        this_month = f"{today:%Y-%m}"
        self.fields["start"].initial = self.fields["end"].initial = this_month

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        start = datetime.date.fromisoformat(cleaned["start"] + "-01")
        end = datetime.date.fromisoformat(cleaned["end"] + "-01")
        if end < start:
            self.add_error("end", _("The last month must not be before the first month."))
        elif len(Period(start, end).months) > MAX_MONTHS:
            self.add_error("end", _("Choose at most %(months)d months at a time.") % {"months": MAX_MONTHS})
        else:
            cleaned["period"] = Period(start, end)
        return cleaned

    def period(self):
        return self.cleaned_data["period"]


def period_from_query(query, *, today):
    """(period or None, fiscal-year form, month-range form) from the page's query string.

    `start`/`end` choose months; otherwise `fy` a fiscal year; nothing: this fiscal year.
    """
    if "start" in query or "end" in query:
        months = MonthRangeForm(query, today=today)
        years = FiscalYearForm(today=today)
        return (months.period() if months.is_valid() else None), years, months
    years = FiscalYearForm(query if "fy" in query else {"fy": fiscal_year_of(today)}, today=today)
    months = MonthRangeForm(today=today)
    return (years.period() if years.is_valid() else None), years, months
