"""Roster exports: XLSX and CSV, written row by row so big rosters never sit in memory."""

import csv
import tempfile

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .models import RosterEntry

CHUNK = 2000

# Text starting with these is read as a formula by Excel and LibreOffice.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Indexes of the columns that hold text (names, allergies, proxy names...).
TEXT_COLUMNS = (2, 3, 4, 8, 9, 10, 12)


def _cell_text(value):
    """Text from the database made safe for a spreadsheet: no control characters openpyxl refuses."""
    return ILLEGAL_CHARACTERS_RE.sub("", value or "")


def _csv_text(value):
    """Text for a CSV cell: a leading ' keeps a spreadsheet from running it as a formula."""
    value = _cell_text(value)
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _xlsx_text(sheet, value):
    """Text for an XLSX cell, always text and never a formula (a plain string is fastest: only
    text openpyxl would read as a formula needs a cell of its own)."""
    value = _cell_text(value)
    if not value.startswith("="):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def _columns():
    # (header, width in characters)
    return [
        (_("No."), 6),
        (_("Distribution date"), 12),
        (_("Place"), 24),
        (pgettext("roster column", "Name"), 18),
        (_("Furigana"), 20),
        (_("Household size"), 10),
        (_("Adults"), 8),
        (_("Children"), 8),
        (_("Parcel"), 10),
        (_("Allergies and foods to avoid"), 36),
        (_("Picked up"), 10),
        (_("Picked up at"), 18),
        (_("Collected by (proxy)"), 18),
    ]


def headers():
    return [header for header, _width in _columns()]


def _rows(distribution):
    """The roster as plain rows, read as tuples (no model objects: 50,000 rows take seconds)."""
    entries = (
        RosterEntry.objects.filter(distribution=distribution)
        .for_roster()
        .values_list(
            "registration__person__family_name",
            "registration__person__given_name",
            "registration__person__family_name_kana",
            "registration__person__given_name_kana",
            "registration__household__name",
            "registration_id",
            "adults",
            "children",
            "parcel_size",
            "registration__allergies",
            "picked_up",
            "picked_up_at",
            "by_proxy",
            "proxy_name",
        )
        .iterator(chunk_size=CHUNK)
    )
    yes, no = _("Yes"), _("No")
    parcel_names = dict(RosterEntry.ParcelSize.choices)
    parcel_names = {value: str(label) for value, label in parcel_names.items()}
    place, day = distribution.place.name, distribution.date
    tz = timezone.get_current_timezone()
    for number, (
        family,
        given,
        family_kana,
        given_kana,
        household,
        registration_id,
        adults,
        children,
        parcel,
        allergies,
        picked_up,
        picked_up_at,
        by_proxy,
        proxy_name,
    ) in enumerate(entries, start=1):
        if family is not None:
            name, kana = f"{family} {given}".strip(), f"{family_kana} {given_kana}".strip()
        else:
            name, kana = household or f"#{registration_id}", ""
        yield [
            number,
            day,
            place,
            name,
            kana,
            adults + children,
            adults,
            children,
            parcel_names.get(parcel, parcel),
            allergies,
            yes if picked_up else no,
            picked_up_at.astimezone(tz).replace(tzinfo=None) if picked_up_at else None,
            proxy_name if by_proxy else "",
        ]


def roster_xlsx(distribution):
    """Write the roster to a temporary file in openpyxl's write-only mode; returns the open file."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=f"{distribution.date:%Y-%m}")
    sheet.freeze_panes = "A2"
    columns = _columns()
    for index, (_header, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    header_cells = []
    for header, _width in columns:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in _rows(distribution):
        date_cell = WriteOnlyCell(sheet, value=row[1])
        date_cell.number_format = "yyyy/mm/dd"
        row[1] = date_cell
        if row[11] is not None:
            time_cell = WriteOnlyCell(sheet, value=row[11])
            time_cell.number_format = "yyyy/mm/dd hh:mm"
            row[11] = time_cell
        for index in TEXT_COLUMNS:
            row[index] = _xlsx_text(sheet, row[index])
        if row[9]:
            # Allergies can be long: they wrap in their column.
            if isinstance(row[9], str):
                row[9] = WriteOnlyCell(sheet, value=row[9])
            row[9].alignment = wrap
        sheet.append(row)
    out = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it after streaming
    workbook.save(out)
    out.seek(0)
    return out


class _Echo:
    def write(self, value):
        return value


def roster_csv_lines(distribution):
    """CSV lines for Japanese Excel: UTF-8 with a BOM first, CRLF line ends."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    yield writer.writerow(headers())
    for row in _rows(distribution):
        row[1] = row[1].isoformat()
        row[11] = row[11].strftime("%Y-%m-%d %H:%M") if row[11] else ""
        for index in TEXT_COLUMNS:
            row[index] = _csv_text(row[index])
        yield writer.writerow(row)


def export_filename(distribution, extension):
    return f"food-roster-{distribution.date:%Y-%m-%d}-{distribution.pk}.{extension}"
