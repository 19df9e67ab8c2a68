"""The monthly figures checked against a fixture with a known count for every number on the page.

Today is 20 March 2026 (Tokyo), so the default period is fiscal year 2025
(April 2025 to March 2026). The fixture puts records on both sides of the
fiscal year's ends and of month ends in Tokyo time (23:59 on the last day
counts in that month, 00:00 on the first in the next, whatever UTC says).
"""

import datetime
import decimal
import html
import re
from html.parser import HTMLParser

import pytest
import time_machine
from django.urls import reverse

from consultations.models import Agency
from welfare_portal.statistics import RATE, Period, format_value, period_from_query
from welfare_portal.statistics_views import statistics_sections

from .statistics_data import TOKYO

pytestmark = pytest.mark.django_db


# Every table and every row on the page, in order, with the months (0 = April 2025,
# 11 = March 2026) that are not zero and the total where it is not the sum.
ALL_MONTHS = range(12)
EXPECTED = {
    "consultations-cases": {
        "new": {0: 1, 4: 2, 11: 1},
        "continuing": {0: 2, 1: 2, 2: 2, 3: 1, 4: 1, **dict.fromkeys(range(5, 12), 3), "total": 2},
        "closed": {0: 1, 2: 1},
    },
    "consultations-contacts": {
        "phone": {0: 1},
        "office": {1: 1},
        "home_visit": {},
        "online": {},
        "meeting": {},
        "other": {},
        "total": {0: 1, 1: 1},
    },
    "consultations-new-by-channel": {
        "phone": {0: 1, 4: 1},
        "office": {4: 1},
        "online": {},
        "home_visit": {},
        "agency": {},
        "concern_sheet": {11: 1},
        "total": {0: 1, 4: 2, 11: 1},
    },
    "consultations-new-by-topic": {
        "housing": {0: 1, 4: 1},
        "work": {0: 1},
        "finances": {},
        "debt": {},
        "isolation": {11: 1},
        "health": {},
        "family_care": {},
        "other": {},
        "none": {4: 1},
    },
    "consultations-new-by-age": {
        "under_20": {},
        "20s": {},
        "30s": {0: 1, 4: 1},
        "40s": {},
        "50s": {},
        "60s": {4: 1},
        "70_plus": {11: 1},
        "unknown": {},
        "total": {0: 1, 4: 2, 11: 1},
    },
    "consultations-requests": {"self": {2: 1}, "family": {1: 1}, "related": {}, "total": {1: 1, 2: 1}},
    "consultations-concern-reports": {
        "neighbour": {3: 1},
        "minsei_iin": {},
        "shop": {},
        "relative": {},
        "other": {},
        "none": {3: 1},
        "total": {3: 2},
    },
    "consultations-closed-by-reason": {
        "resolved": {2: 1},
        "referred": {},
        "moved": {0: 1},
        "no_contact": {},
        "declined": {},
        "died": {},
        "other": {},
        "total": {0: 1, 2: 1},
    },
    "consultations-referrals-by-kind": {
        **{kind: {} for kind in Agency.Kind.values},
        "community_care": {1: 1},
        "hello_work": {5: 1},
        "total": {1: 1, 5: 1},
    },
    "consultations-referrals-by-status": {
        "planned": {},
        "referred": {5: 1},
        "accepted": {1: 1},
        "declined": {},
        "completed": {},
        "total": {1: 1, 5: 1},
    },
    "consultations-assessments-plans": {"assessments": {0: 1}, "plans-new": {0: 1}, "plans-revised": {1: 1}},
    "consultations-meetings": {
        "meetings-multi_layered": {6: 1},
        "meetings-support": {8: 1},
        "reviews-multi_layered": {6: 1},
        "reviews-support": {8: 1},
    },
    "consultations-outreach": {
        "met": {3: 1},
        "met_family": {},
        "not_home": {11: 1},
        "left_note": {},
        "refused": {},
        "total": {3: 1, 11: 1},
    },
    "ibasho-gatherings": {"held": {2: 1}, "cancelled": {5: 1}, "places": {2: 3}},
    "ibasho-bookings": {
        "received": {2: 5},
        "confirmed": {2: 3},
        "attended": {2: 2},
        "first-timers": {2: 1},
        "promoted": {2: 1},
        "cancelled": {2: 1},
    },
    "participation-people": {
        "participants": {**dict.fromkeys(range(1, 12), 1), "total": 1},
        "placements": {**dict.fromkeys(range(1, 12), 1), "total": 2},
    },
    "participation-stages": {
        "visits": {0: 1, 4: 1, 11: 1},
        "trials": {1: 1, 5: 1},
        "ongoing": {6: 1},
        "ended": {4: 1},
    },
    "participation-days": {
        "attended": {1: 1, 5: 2},
        "absent": {1: 1},
        "hours": {1: decimal.Decimal("2.0"), 5: decimal.Decimal("1.5")},
    },
    "food-households": {
        "distributions": {0: 1, 11: 1},
        "rostered": {0: 3, 11: 2},
        "picked-up": {0: 2},
        "no-shows": {0: 1},
        "pick-up-rate": {0: 2 / 3, "total": 2 / 3},
    },
    "food-people": {"people": {0: 4}, "children": {0: 1}, "by-proxy": {0: 1}},
    "food-parcels": {"parcel-S": {0: 1}, "parcel-M": {0: 1}, "parcel-L": {}, "total": {0: 2}},
    "food-registrations": {"applications": {3: 1, 4: 1}, "registrations": {0: 2}},
    # Meetings on 30 April (layer 1), 1 May (layer 2) and 31 March 2026 (layer 3); the one on
    # 31 March 2025 falls before the fiscal year.
    "community-meetings": {"1": {0: 1}, "2": {1: 1}, "3": {11: 1}, "total": {0: 1, 1: 1, 11: 1}},
    # A need raised at the April meeting, an idea at the March one (settled that day), and a need
    # raised outside any meeting, set aside in September.
    "community-needs": {
        "need": {0: 1},
        "resource_idea": {11: 1},
        "settled-done": {11: 1},
        "settled-dropped": {5: 1},
    },
}


def _expected_row(want, kind):
    nothing = None if kind == RATE else 0
    values = [want.get(month, nothing) for month in ALL_MONTHS]
    return values, want.get("total", nothing if kind == RATE else sum(values))


def test_every_figure_of_the_fiscal_year_matches_the_fixture(known, manager):
    sections = statistics_sections(period=Period.fiscal_year(2025), user=manager.user)
    assert [s.key for s in sections] == [
        "consultations",
        "ibasho",
        "participation",
        "food_support",
        "community",
    ]
    tables = {table.key: table for section in sections for table in section.tables}
    assert list(tables) == list(EXPECTED)
    for key, rows in EXPECTED.items():
        table = tables[key]
        assert [row.key for row in table.rows] == list(rows), key
        for row in table.rows:
            values, total = _expected_row(rows[row.key], row.kind)
            assert list(row.values) == pytest.approx(values), (key, row.key)
            assert row.total == pytest.approx(total), (key, row.key, "total")


class _Tables(HTMLParser):
    """The text of every cell of every figures table, by table key."""

    def __init__(self):
        super().__init__()
        self.tables, self.key, self.row, self.cell = {}, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and (attrs.get("id") or "").startswith("table-"):
            self.key = attrs["id"][len("table-") :]
            self.tables[self.key] = []
        elif tag == "tr" and self.key:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(re.sub(r"\s+", " ", "".join(self.cell)).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.tables[self.key].append(self.row)
            self.row = None
        elif tag == "table":
            self.key = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def test_the_page_shows_every_figure_in_its_table(known, manager):
    response = manager.get(reverse("staff-statistics"))
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "2025年度(令和7年度)" in page and "2025年4月〜2026年3月" in page
    parser = _Tables()
    parser.feed(response.content.decode())
    assert list(parser.tables) == list(EXPECTED)
    sections = statistics_sections(period=Period.fiscal_year(2025), user=manager.user)
    for table in (t for s in sections for t in s.tables):
        header, *body = parser.tables[table.key]
        assert header[0] == "項目" and header[-1] == "合計"
        assert header[1] == "2025年4月" and header[10] == "2026年1月" and header[12] == "3月"
        assert len(body) == len(table.rows)
        for cells, row in zip(body, table.rows, strict=True):
            assert cells[0] == row.label
            assert cells[1:] == [format_value(v, row.kind) for v in row.cells], (table.key, row.key)


def test_rates_and_stocks_read_as_people_expect(known, manager):
    page = _page_tables(manager)
    rate = page["food-households"][-1]
    assert rate[0] == "受け取り率" and rate[1] == "66.7%" and rate[12] == "—" and rate[13] == "66.7%"
    hours = page["participation-days"][-1]
    assert hours[2] == "2.0" and hours[6] == "1.5" and hours[13] == "3.5"
    continuing = page["consultations-cases"][2]
    assert continuing[0].startswith("継続") and continuing[13] == "2"


def _page_tables(client, query=""):
    parser = _Tables()
    parser.feed(client.get(reverse("staff-statistics") + query).content.decode())
    return parser.tables


def test_a_single_month_and_a_range_are_counted_alike(known, manager):
    may = _page_tables(manager, "?start=2025-05&end=2025-05")
    header = may["consultations-contacts"][0]
    assert header == ["項目", "2025年5月", "合計"]
    assert may["consultations-contacts"][2] == ["来所", "1", "1"]
    spring = _page_tables(manager, "?start=2025-03&end=2025-05")
    # March 2025 is before the fiscal year: the contact at 23:59 on 31 March counts there.
    assert spring["consultations-contacts"][1] == ["電話", "1", "1", "0", "2"]
    assert spring["consultations-new-by-channel"][3] == ["オンライン", "1", "0", "0", "1"]


def test_the_default_is_this_fiscal_year_and_next_year_shows_zeros(known, manager):
    response = manager.get(reverse("staff-statistics"))
    assert response.context["period"] == Period.fiscal_year(2025)
    assert period_from_query({}, today=datetime.date(2026, 3, 31))[0] == Period.fiscal_year(2025)
    assert period_from_query({}, today=datetime.date(2026, 4, 1))[0] == Period.fiscal_year(2026)
    with time_machine.travel(datetime.datetime(2026, 4, 1, 0, 0, tzinfo=TOKYO), tick=False):
        sections = statistics_sections(period=Period.fiscal_year(2026), user=manager.user)
    tables = {table.key: table for section in sections for table in section.tables}
    # The April 2026 gathering is the only thing in the new year; the rest are zeros.
    assert tables["ibasho-bookings"].row("received").values == (1,) + (0,) * 11
    assert tables["consultations-cases"].row("new").values == (0,) * 12
    # A stock is not a forecast: months that have not begun count nothing.
    assert tables["consultations-cases"].row("continuing").values == (4,) + (0,) * 11


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?start=2025-06&end=2025-05", "終了月は開始月と同じか、それより後の月を選んでください。"),
        ("?start=2022-04&end=2026-03", "一度に選べるのは36か月までです。"),
        ("?fy=1999", "正しく選択してください"),
    ],
)
def test_a_bad_period_is_explained_next_to_the_field(known, manager, query, message):
    response = manager.get(reverse("staff-statistics") + query)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page and response.context["period"] is None
    assert 'class="stat-table"' not in page
    if "start" in query:
        # What was chosen stays chosen.
        assert f'<option value="{query[7:14]}" selected>' in page
    assert manager.get(reverse("staff-statistics-xlsx") + query).status_code == 400
