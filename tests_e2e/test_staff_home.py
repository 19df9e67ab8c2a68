"""Staff land on their home page and reach the day's work from its tiles."""

import datetime
import re

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consultations.tests.factories import PersonFactory
from food_support import services as food_services
from food_support.tests.factories import DistributionFactory, FoodRegistrationFactory

from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_lands_on_the_home_and_downloads_this_months_roster(page, base_url, coordinator):
    today = timezone.localdate()
    distribution = DistributionFactory(date=today.replace(day=min(today.day + 1, 28)))
    FoodRegistrationFactory(
        person=PersonFactory(
            family_name="鈴木", given_name="美咲", family_name_kana="スズキ", given_name_kana="ミサキ"
        ),
        pickup_place=distribution.place,
        registered_on=today - datetime.timedelta(days=30),
    )
    food_services.roster_generate(distribution=distribution)
    csp_errors = []
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)

    log_in(page, base_url, coordinator)  # lands on /staff/
    expect(page.locator("#content h1")).to_have_text("職員ホーム")
    assert_accessible(page)
    tile = page.locator(".staff-tile", has_text=distribution.place.name)
    expect(tile).to_contain_text("1世帯のうち0世帯が受け取り済み")
    # Nothing about case work on a coordinator's home.
    expect(page.locator("#content")).not_to_contain_text("相談申込み")

    tile.locator(".staff-tile-main").click()
    expect(page).to_have_url(re.compile(f"/staff/food/distributions/{distribution.pk}/$"))
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Excel(XLSX)をダウンロード").click()
    with open(download_info.value.path(), "rb") as xlsx:
        rows = list(openpyxl.load_workbook(xlsx).active.iter_rows(values_only=True))
    assert [row[3] for row in rows[1:]] == ["鈴木 美咲"]
    assert csp_errors == []


def test_the_home_page_reads_on_a_phone(page, base_url, caseworker):
    page.set_viewport_size({"width": 360, "height": 800})
    log_in(page, base_url, caseworker)
    expect(page.locator(".staff-tile").first).to_be_visible()
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the home page scrolls sideways on a phone ({width}px)"
