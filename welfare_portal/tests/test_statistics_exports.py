"""The monthly figures as files: the XLSX workbook read back with openpyxl, and a CSV per table."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from welfare_portal.statistics import Period, Section, Table, count_row
from welfare_portal.statistics_exports import statistics_xlsx, table_csv
from welfare_portal.statistics_views import statistics_sections

pytestmark = pytest.mark.django_db

MONTHS = [f"{y}年{m}月" for y, m in [(2025, m) for m in range(4, 13)] + [(2026, m) for m in range(1, 4)]]


def _workbook(client, query="?fy=2025"):
    response = client.get(reverse("staff-statistics-xlsx") + query)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="monthly-figures-2025-04_2026-03.xlsx"' in response["Content-Disposition"]
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _blocks(sheet):
    """{table heading: {row label: [cells after the label]}} with the month headers checked."""
    blocks, heading, rows = {}, None, None
    for values in sheet.iter_rows(min_row=4, values_only=True):
        first = values[0]
        if first is None:
            heading = None
            continue
        if heading is None:
            heading, rows = first, {}
            blocks[heading] = rows
        elif first == "項目":
            assert list(values[1:]) == [*MONTHS, "合計"]
        elif all(v is None for v in values[1:]):
            pass  # the table's note
        else:
            rows[first] = list(values[1:])
    return blocks


def test_one_sheet_per_programme_with_months_as_columns(known, manager):
    workbook = _workbook(manager)
    assert workbook.sheetnames == ["相談支援", "スペース栞", "参加支援", "食料支援", "地域づくり"]
    sheet = workbook["相談支援"]
    assert (
        sheet["A1"].value
        == "多摩市社会福祉協議会 月ごとの実績:相談支援 2025年度(令和7年度) 2025年4月〜2026年3月"
    )
    assert sheet["A2"].value == "2026年3月20日(金)時点"
    blocks = _blocks(sheet)
    cases = blocks["相談の件数:新規・継続・終結(単位:件)"]
    assert cases["新規相談(ケース開始)"] == [1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 1, 4]
    assert cases["継続(前月以前から続いている相談)"] == [2, 2, 2, 1, 1, 3, 3, 3, 3, 3, 3, 3, 2]
    food = _blocks(workbook["食料支援"])["配布日と世帯(単位:回・世帯)"]
    # Numbers are numbers, a rate is a fraction shown as a percentage, nothing to divide is a dash.
    assert food["受け取り率"][0] == pytest.approx(2 / 3)
    assert food["受け取り率"][11] == "—"
    rate_cell = next(row for row in workbook["食料支援"].iter_rows() if row[0].value == "受け取り率")[1]
    assert rate_cell.number_format == "0.0%"
    hours = _blocks(workbook["参加支援"])["活動日数と時間"]["活動時間"]
    assert float(hours[1]) == 2.0 and float(hours[-1]) == 3.5


def test_every_table_of_the_page_is_in_the_workbook_with_the_same_numbers(known, manager):
    workbook = _workbook(manager)
    sections = statistics_sections(period=Period.fiscal_year(2025), user=manager.user)
    for section in sections:
        blocks = _blocks(workbook[section.title])
        assert len(blocks) == len(section.tables)
        for table, (_heading, rows) in zip(section.tables, blocks.items(), strict=True):
            assert list(rows) == [row.label for row in table.rows]
            for row in table.rows:
                expected = ["—" if v is None else v for v in row.cells]
                assert rows[row.label] == pytest.approx(expected), (table.key, row.key)


def test_text_never_becomes_a_formula():
    """Labels may one day be staff-typed text (an area's name): they stay text in both files."""
    period = Period.month(datetime.date(2025, 4, 1))
    table = Table("areas", "=SUM(A1)", (count_row("x", '=HYPERLINK("http://x")', [3]),))
    content = statistics_xlsx(
        sections=[Section("community", "地域づくり", (table,))],
        period=period,
        today=datetime.date(2025, 4, 2),
    )
    sheet = openpyxl.load_workbook(io.BytesIO(content))["地域づくり"]
    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row if cell.value is not None}
    assert cells['=HYPERLINK("http://x")'].data_type == "s"
    assert cells["=SUM(A1)"].data_type == "s"
    rows = list(csv.reader(io.StringIO(table_csv(table=table, period=period).lstrip("\ufeff"))))
    assert rows[1] == ['\'=HYPERLINK("http://x")', "3", "3"]


def test_a_csv_per_table(known, manager):
    url = reverse("staff-statistics-csv", args=["food-households"]) + "?fy=2025"
    response = manager.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="food-households-2025-04_2026-03.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff") and "\r\n" in text
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["項目", *MONTHS, "合計"]
    assert rows[2] == ["名簿の世帯", "3", *["0"] * 10, "2", "5"]
    assert rows[5] == ["受け取り率", "66.7%", *[""] * 11, "66.7%"]


def test_a_csv_for_a_range_of_months(known, manager):
    url = reverse("staff-statistics-csv", args=["consultations-contacts"]) + "?start=2025-04&end=2025-05"
    rows = list(csv.reader(io.StringIO(manager.get(url).content.decode("utf-8").lstrip("\ufeff"))))
    assert rows[0] == ["項目", "2025年4月", "2025年5月", "合計"]
    assert rows[1] == ["電話", "1", "0", "1"] and rows[2] == ["来所", "0", "1", "1"]


def test_an_unknown_table_is_not_found(known, manager):
    assert manager.get(reverse("staff-statistics-csv", args=["no-such-table"])).status_code == 404
