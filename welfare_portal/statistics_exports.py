"""The monthly figures as files: one XLSX workbook (a sheet per programme) and a CSV per table.

Months are columns, as the city's forms have them; headers are in the reader's
language (Japanese by default). Text is always written as text, never as a
formula. A leaf of welfare_portal: it works on the Sections the apps return.
"""

import csv
import io
import re

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .dates import staff_date
from .statistics import HOURS, RATE, month_label

# Text starting with these is read as a formula by Excel and LibreOffice.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER_FORMATS = {RATE: "0.0%", HOURS: "#,##0.0"}
COUNT_FORMAT = "#,##0"


def _clean(value):
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _sheet_title(title, used):
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = re.sub(r"[\[\]:*?/\\]", "", title)[:31] or "Sheet"
    name, number = base, 2
    while name in used:
        suffix = f" ({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    used.add(name)
    return name


def _put_text(sheet, row, column, value, *, font=None, fill=None):
    cell = sheet.cell(row=row, column=column)
    cell.value = _clean(value)
    cell.data_type = "s"  # text, even if it starts with "="
    if font:
        cell.font = font
    if fill:
        cell.fill = fill
    return cell


def _put_value(sheet, row, column, value, kind):
    if value is None:
        return _put_text(sheet, row, column, "—")
    cell = sheet.cell(row=row, column=column, value=value)
    cell.number_format = NUMBER_FORMATS.get(kind, COUNT_FORMAT)
    return cell


def table_heading(table):
    if table.unit:
        return _("%(title)s (unit: %(unit)s)") % {"title": table.title, "unit": table.unit}
    return table.title


def statistics_xlsx(*, sections, period, today):
    """The workbook as bytes: one sheet per section, each table a block with months as columns."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    title_font = Font(bold=True, size=13)
    header_fill = PatternFill("solid", start_color="DDE5EE", end_color="DDE5EE")
    note_font = Font(italic=True, size=9)
    months = period.months
    used = set()
    for section in sections:
        sheet = workbook.create_sheet(title=_sheet_title(section.title, used))
        sheet.column_dimensions["A"].width = 46
        for index in range(2, len(months) + 3):
            sheet.column_dimensions[get_column_letter(index)].width = 12
        sheet.freeze_panes = "B1"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        heading = _("%(council)s monthly figures: %(section)s, %(period)s") % {
            "council": settings.COUNCIL["name"],
            "section": section.title,
            "period": period.label,
        }
        _put_text(sheet, 1, 1, heading, font=title_font)
        _put_text(sheet, 2, 1, _("As of %(date)s") % {"date": staff_date(today)})
        row = 4
        for table in section.tables:
            _put_text(sheet, row, 1, table_heading(table), font=bold)
            row += 1
            _put_text(sheet, row, 1, _("Item"), font=bold, fill=header_fill)
            for index, month in enumerate(months, start=2):
                _put_text(sheet, row, index, month_label(month), font=bold, fill=header_fill)
            _put_text(sheet, row, len(months) + 2, _("Total"), font=bold, fill=header_fill)
            row += 1
            for line in table.rows:
                _put_text(sheet, row, 1, line.label).alignment = Alignment(wrap_text=True)
                for index, value in enumerate(line.cells, start=2):
                    _put_value(sheet, row, index, value, line.kind)
                row += 1
            if table.note:
                _put_text(sheet, row, 1, table.note, font=note_font)
                row += 1
            row += 1
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _csv_text(value):
    value = _clean(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _csv_value(value, kind):
    if value is None:
        return ""
    if kind == RATE:
        return f"{value * 100:.1f}%"
    if kind == HOURS:
        return f"{value:.1f}"
    return str(value)


def table_csv(*, table, period):
    """One table as CSV text for Japanese Excel: a BOM first, CRLF line ends, months as columns."""
    out = io.StringIO()
    writer = csv.writer(out)
    out.write("\ufeff")
    writer.writerow([_("Item"), *[month_label(month) for month in period.months], _("Total")])
    for line in table.rows:
        writer.writerow([_csv_text(line.label), *[_csv_value(value, line.kind) for value in line.cells]])
    return out.getvalue()
