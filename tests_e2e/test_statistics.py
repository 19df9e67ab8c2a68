"""A 管理者 opens the monthly figures for the fiscal year, reads a chart and its table, downloads the XLSX;
the access log and "who opened this record" read well too."""

import datetime
import re

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consultations.tests.factories import CaseFactory, PersonFactory
from ibasho.models import Booking
from ibasho.tests.factories import BookingFactory, GatheringFactory
from welfare_portal.statistics import fiscal_year_of

from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def this_year():
    """A few cases and a gathering in April of this fiscal year."""
    april = datetime.date(fiscal_year_of(timezone.localdate()), 4, 1)
    for day in (3, 10, 17):
        CaseFactory(opened_on=april.replace(day=day))
    gathering = GatheringFactory(date=april.replace(day=16))
    BookingFactory.create_batch(2, gathering=gathering, attendance=Booking.Attendance.ATTENDED)
    return april


def _csp_errors(page):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    return errors


def test_manager_reads_a_chart_and_its_table_and_downloads_the_xlsx(page, base_url, manager, this_year):
    errors = _csp_errors(page)
    log_in(page, base_url, manager)
    page.get_by_role("link", name="月ごとの実績(市への報告)").first.click()
    expect(page.locator("h1")).to_have_text("月ごとの実績(市への報告)")
    year = this_year.year
    expect(page.locator("h2.stat-period")).to_contain_text(f"{year}年度(令和{year - 2018}年度)")

    chart = page.get_by_role("img", name="相談の件数:新規・継続・終結")
    expect(chart).to_be_visible()
    expect(chart.locator("rect title").first).to_contain_text(f"{year}年4月 新規相談(ケース開始): 3件")
    table = page.locator("#table-consultations-cases table")
    new_cases = table.get_by_role("row", name=re.compile("新規相談"))
    expect(new_cases.locator("td").first).to_have_text("3")
    expect(new_cases.locator("td").last).to_have_text("3")
    attended = page.locator("#table-ibasho-bookings").get_by_role("row", name=re.compile("^参加"))
    expect(attended.locator("td").first).to_have_text("2")
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="すべての実績をダウンロード(Excel形式)").click()
    download = download_info.value
    assert download.suggested_filename == f"monthly-figures-{year}-04_{year + 1}-03.xlsx"
    with open(download.path(), "rb") as xlsx:
        workbook = openpyxl.load_workbook(xlsx)
    assert workbook.sheetnames == ["相談支援", "スペース栞", "参加支援", "食料支援", "地域づくり"]
    rows = {row[0]: row for row in workbook["相談支援"].iter_rows(values_only=True) if row[0]}
    assert rows["新規相談(ケース開始)"][1] == 3 and rows["項目"][1] == f"{year}年4月"
    assert not errors


def test_choosing_one_month_without_javascript(browser, base_url, manager, this_year):
    context = browser.new_context(java_script_enabled=False, locale="ja-JP", timezone_id="Asia/Tokyo")
    page = context.new_page()
    from .conftest import current_code

    page.goto(base_url + "/admin/login/")
    page.get_by_label(re.compile("ユーザー名")).fill(manager.user.username)
    page.get_by_label(re.compile("パスワード")).fill("test-password-123")
    page.get_by_role("button", name=re.compile("ログイン")).click()
    page.get_by_label("確認コード").fill(current_code(manager.user))
    page.get_by_role("button", name="ログインする").click()
    page.goto(base_url + "/staff/statistics/")
    page.get_by_label("開始月").select_option(f"{this_year:%Y-%m}")
    page.get_by_label("終了月(この月まで)").select_option(f"{this_year:%Y-%m}")
    page.locator("form", has_text="月・期間で見る").get_by_role("button", name="表示する").click()
    expect(page.locator("h2.stat-period")).to_have_text(re.compile(f"{this_year.year}年4月$"))
    row = page.locator("#table-consultations-cases").get_by_role("row", name=re.compile("新規相談"))
    expect(row.locator("td")).to_have_text(["3", "3"])
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_figures_access_log_and_timeline_pass_axe(page, base_url, manager, caseworker, this_year, width):
    person = PersonFactory(family_name="閲覧", given_name="花子")
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, base_url, manager)
    page.goto(base_url + "/staff/statistics/")
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    page.goto(base_url + f"/staff/people/{person.pk}/")
    expect(page.get_by_role("heading", name="この記録を開いた人(閲覧記録)")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="この記録の閲覧記録を管理画面で見る").click()
    expect(page.locator("#result_list")).to_contain_text(f"本人 #{person.pk}")
    assert_accessible(page)
