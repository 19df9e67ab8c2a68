"""Exports read back with the real libraries: openpyxl for XLSX, csv for the BOM'd CSV."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from food_support import services

from .factories import DistributionFactory, FoodRegistrationFactory, PersonFactory

pytestmark = pytest.mark.django_db

HEADERS = [
    "No.",
    "配布日",
    "場所",
    "氏名",
    "ふりがな",
    "世帯人数",
    "大人",
    "子ども",
    "食料の量",
    "アレルギー・食べられないもの",
    "受け取り済み",
    "受け取り日時",
    "代理で受け取った人",
]


@pytest.fixture
def roster(coordinator):
    distribution = DistributionFactory(date=datetime.date(2026, 12, 12))
    suzuki = FoodRegistrationFactory(
        pickup_place=distribution.place,
        person=PersonFactory(
            family_name="鈴木", given_name="美咲", family_name_kana="スズキ", given_name_kana="ミサキ"
        ),
        adults=2,
        children=2,
        allergies="卵(長男)・そば",
    )
    FoodRegistrationFactory(
        pickup_place=distribution.place,
        person=PersonFactory(
            family_name="佐藤", given_name="陽介", family_name_kana="サトウ", given_name_kana="ヨウスケ"
        ),
    )
    services.roster_generate(distribution=distribution)
    entry = suzuki.roster_entries.get()
    services.pickup_record(
        entry=entry,
        user=coordinator.user,
        by_proxy=True,
        proxy_name="鈴木 祖母",
        when=datetime.datetime(2026, 12, 12, 1, 30, tzinfo=datetime.UTC),
    )
    return distribution


def _body(response):
    if isinstance(response, StreamingHttpResponse) or response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_xlsx_has_japanese_headers_widths_frozen_header_and_real_dates(coordinator, roster):
    response = coordinator.get(reverse("food_support_staff:roster-export-xlsx", args=[roster.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(_body(response)))
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert len(rows) == 3
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["D"].width == 18
    assert sheet.column_dimensions["J"].width == 36
    by_name = {row[3]: row for row in rows[1:]}
    suzuki = by_name["鈴木 美咲"]
    assert suzuki[1] == datetime.datetime(2026, 12, 12)  # a real date cell, not text
    assert sheet.cell(row=2, column=2).is_date
    assert suzuki[4] == "スズキ ミサキ"
    assert suzuki[5] == 4 and suzuki[8] == "大(4人分以上)"
    assert suzuki[9] == "卵(長男)・そば"
    assert suzuki[10] == "はい"
    assert suzuki[11] == datetime.datetime(2026, 12, 12, 10, 30)  # Tokyo time
    assert suzuki[12] == "鈴木 祖母"
    assert by_name["佐藤 陽介"][10] == "いいえ"


def test_csv_is_utf8_with_bom_streamed_and_reads_back(coordinator, roster):
    response = coordinator.get(reverse("food_support_staff:roster-export-csv", args=[roster.pk]))
    assert response.status_code == 200
    assert response.streaming
    body = _body(response)
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == HEADERS
    assert len(rows) == 3
    suzuki = next(row for row in rows if row[3] == "鈴木 美咲")
    assert suzuki[1] == "2026-12-12"
    assert suzuki[9] == "卵(長男)・そば"
    assert suzuki[11] == "2026-12-12 10:30"
    assert suzuki[12] == "鈴木 祖母"


def test_sign_off_sheet_is_printable_a4_in_japanese(coordinator, roster):
    response = coordinator.get(reverse("food_support_staff:roster-signoff", args=[roster.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "食料支援 受領表" in html
    assert "鈴木 美咲" in html and "卵(長男)・そば" in html
    assert "css/food_support_print.css" in html
    assert "<script>" not in html and 'style="' not in html


def test_print_css_keeps_rows_whole_on_a4():
    from pathlib import Path

    from django.contrib.staticfiles import finders

    css = Path(finders.find("css/food_support_print.css")).read_text(encoding="utf-8")
    assert "size: A4" in css
    assert "break-inside: avoid" in css
    assert "table-header-group" in css


def test_big_roster_exports_every_row_across_chunks(coordinator):
    """More rows than one iterator chunk: nothing is lost between chunks."""
    from consultations.models import Person
    from food_support.exports import CHUNK
    from food_support.models import FoodRegistration, RosterEntry

    distribution = DistributionFactory(date=datetime.date(2026, 12, 12))
    total = CHUNK + 150
    people = Person.objects.bulk_create(
        Person(family_name="利用", given_name=f"者{i}", family_name_kana="リヨウ", given_name_kana="シャ")
        for i in range(total)
    )
    registrations = FoodRegistration.objects.bulk_create(
        FoodRegistration(
            person=person,
            pickup_place=distribution.place,
            status="active",
            registered_on=datetime.date(2026, 1, 1),
            review_due_on=datetime.date(2027, 1, 1),
        )
        for person in people
    )
    services.roster_generate(distribution=distribution)
    assert RosterEntry.objects.count() == len(registrations) == total

    csv_response = coordinator.get(reverse("food_support_staff:roster-export-csv", args=[distribution.pk]))
    rows = list(csv.reader(io.StringIO(_body(csv_response).decode("utf-8-sig"))))
    assert len(rows) == total + 1
    assert rows[-1][0] == str(total)

    xlsx_response = coordinator.get(reverse("food_support_staff:roster-export-xlsx", args=[distribution.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(_body(xlsx_response)), read_only=True).active
    assert sum(1 for _row in sheet.iter_rows(values_only=True)) == total + 1


@pytest.fixture
def hostile_roster(coordinator):
    """Text typed on the public form that a spreadsheet would run as a formula."""
    distribution = DistributionFactory(date=datetime.date(2026, 12, 12))
    registration = FoodRegistrationFactory(
        pickup_place=distribution.place,
        person=PersonFactory(
            family_name='=HYPERLINK("http://evil.example","x")',
            given_name="",
            family_name_kana="+1+1",
            given_name_kana="",
        ),
        allergies="@SUM(1)\x07卵",
    )
    services.roster_generate(distribution=distribution)
    services.pickup_record(
        entry=registration.roster_entries.get(), user=coordinator.user, by_proxy=True, proxy_name="-2+3"
    )
    return distribution


def test_xlsx_stores_formula_like_text_as_text(coordinator, hostile_roster):
    response = coordinator.get(reverse("food_support_staff:roster-export-xlsx", args=[hostile_roster.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(_body(response))).active
    name, kana, allergies, proxy = (sheet.cell(row=2, column=c) for c in (4, 5, 10, 13))
    assert name.value.startswith('=HYPERLINK("http://evil.example"')
    assert kana.value.startswith("+1+1")
    assert allergies.value == "@SUM(1)卵"  # the control character an old row held is dropped
    assert proxy.value == "-2+3"
    assert {cell.data_type for cell in (name, kana, allergies, proxy)} == {"s"}


def test_csv_prefixes_formula_like_text_with_a_quote(coordinator, hostile_roster):
    response = coordinator.get(reverse("food_support_staff:roster-export-csv", args=[hostile_roster.pk]))
    rows = list(csv.reader(io.StringIO(_body(response).decode("utf-8-sig"))))
    row = rows[1]
    assert row[3].startswith("'=HYPERLINK(")
    assert row[4].startswith("'+1+1")
    assert row[9] == "'@SUM(1)卵"
    assert row[12] == "'-2+3"
    assert row[2] == "ヴィータ・コミューネ"


def test_cell_text_quotes_every_formula_start():
    from food_support.exports import _csv_text

    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert _csv_text(f"{start}1") == f"'{start}1"
    assert _csv_text("鈴木") == "鈴木"
    assert _csv_text(None) == ""
