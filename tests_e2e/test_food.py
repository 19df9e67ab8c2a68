"""Food support in a real browser: the public application and a coordinator's distribution day."""

import datetime
import re

import openpyxl
import pytest
from playwright.sync_api import expect

from food_support.models import FoodApplication, RosterEntry
from food_support.tests.factories import (
    DistributionFactory,
    FoodRegistrationFactory,
    PersonFactory,
    PickupPlaceFactory,
)

from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [360, 1280])
def test_food_page_passes_axe_and_fits_the_screen(page, base_url, width):
    PickupPlaceFactory()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base_url + "/food/")
    expect(page.locator("h1")).to_have_text("食料支援")
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_errors_are_shown_next_to_fields_and_pass_axe_on_a_phone(page, base_url):
    PickupPlaceFactory()
    page.set_viewport_size({"width": 360, "height": 900})
    page.goto(base_url + "/food/")
    page.locator("#id_family_name").fill("佐藤")
    page.get_by_role("button", name="申し込む").click()
    expect(page.locator("#error_1_id_consent")).to_contain_text("同意をお願いします")
    expect(page.locator("#id_family_name")).to_have_value("佐藤")
    assert FoodApplication.objects.count() == 0
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_resident_applies_with_the_keyboard(page, base_url):
    place = PickupPlaceFactory()
    page.set_default_timeout(10000)
    page.goto(base_url + "/food/")
    page.locator("#id_family_name").fill("佐藤")
    page.locator("#id_given_name").fill("花子")
    page.locator("#id_family_name_kana").fill("さとう")
    page.locator("#id_given_name_kana").fill("はなこ")
    page.get_by_label("年齢").fill("28")
    page.get_by_label("子ども(18歳未満)の人数").fill("2")
    page.get_by_label("アレルギー・食べられないもの").fill("卵(長女)")
    page.get_by_label(place.name).focus()
    page.keyboard.press("Space")
    page.get_by_label("電話番号").fill("０９０ー１２３４ー５６７８")
    consent = page.get_by_label(re.compile("個人情報の取り扱いに同意"))
    consent.focus()
    page.keyboard.press("Space")
    expect(consent).to_be_checked()
    page.get_by_role("button", name="申し込む").focus()
    page.keyboard.press("Enter")

    expect(page.locator("h1")).to_have_text("お申込みありがとうございました")
    application = FoodApplication.objects.get()
    expect(page.locator("#reference")).to_have_text(application.reference)
    # No personal data in the address: just the page (the form's #apply anchor may carry over).
    assert page.url.split("#")[0] == base_url + "/food/thanks/"
    assert application.phone == "090-1234-5678" and application.children == 2
    assert_accessible(page)


def test_coordinator_generates_december_roster_ticks_two_and_downloads_xlsx(page, base_url, coordinator):
    december = datetime.date(datetime.date.today().year, 12, 12)
    distribution = DistributionFactory(date=december)
    people = [
        ("鈴木", "美咲", "スズキ", "ミサキ", 2, 2, "卵(長男)・そば"),
        ("高橋", "翔太", "タカハシ", "ショウタ", 1, 0, ""),
        ("田中", "彩", "タナカ", "アヤ", 1, 3, "乳製品"),
    ]
    for family, given, family_kana, given_kana, adults, children, allergies in people:
        FoodRegistrationFactory(
            person=PersonFactory(
                family_name=family, given_name=given, family_name_kana=family_kana, given_name_kana=given_kana
            ),
            pickup_place=distribution.place,
            adults=adults,
            children=children,
            allergies=allergies,
            registered_on=datetime.date(december.year, 1, 10),
        )

    log_in(page, base_url, coordinator)
    page.goto(base_url + f"/staff/food/distributions/{distribution.pk}/")
    page.get_by_role("button", name="名簿を作成").click()
    expect(page.locator("#count-total")).to_have_text("3")
    expect(page.locator(".allergy").first).to_be_visible()

    suzuki = page.locator("tr[data-entry]", has_text="鈴木 美咲")
    suzuki.get_by_role("button", name="受け取り済み", exact=True).click()
    expect(page.locator("#count-picked")).to_have_text("1")

    tanaka = page.locator("tr[data-entry]", has_text="田中 彩")
    tanaka.locator("summary").click()
    tanaka.get_by_label("受け取った方のお名前").fill("田中 姉")
    tanaka.get_by_role("button", name="代理で受け取り済み").click()
    expect(page.locator("#count-picked")).to_have_text("2")
    expect(page.locator("tr[data-entry]", has_text="田中 彩")).to_contain_text("田中 姉")
    # The one who has not come stays listed.
    expect(page.locator("tr[data-entry]", has_text="高橋 翔太")).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Excel(XLSX)をダウンロード").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    # Playwright saves downloads without an extension; openpyxl wants a file object then.
    with open(download.path(), "rb") as xlsx:
        workbook = openpyxl.load_workbook(xlsx)
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][3] == "氏名" and rows[0][9] == "アレルギー・食べられないもの"
    assert len(rows) == 4
    by_name = {row[3]: row for row in rows[1:]}
    assert by_name["鈴木 美咲"][10] == "はい" and not by_name["鈴木 美咲"][12]
    assert by_name["田中 彩"][10] == "はい" and by_name["田中 彩"][12] == "田中 姉"
    assert by_name["高橋 翔太"][10] == "いいえ"
    assert by_name["鈴木 美咲"][1] == datetime.datetime(december.year, 12, 12)
    assert RosterEntry.objects.filter(picked_up=True).count() == 2


def test_enter_in_the_proxy_name_box_records_a_proxy_pickup(page, base_url, coordinator):
    distribution = DistributionFactory(date=datetime.date(datetime.date.today().year, 12, 12))
    FoodRegistrationFactory(
        person=PersonFactory(
            family_name="山本", given_name="葵", family_name_kana="ヤマモト", given_name_kana="アオイ"
        ),
        pickup_place=distribution.place,
        registered_on=datetime.date(distribution.date.year, 1, 10),
    )
    from food_support import services

    services.roster_generate(distribution=distribution)

    log_in(page, base_url, coordinator)
    page.goto(base_url + f"/staff/food/distributions/{distribution.pk}/")
    row = page.locator("tr[data-entry]", has_text="山本 葵")
    row.locator("summary").click()
    name_box = row.get_by_label("受け取った方のお名前")
    name_box.fill("山本 祖父")
    name_box.press("Enter")  # submits with the form's first button, "受け取り済み"
    expect(page.locator("#count-picked")).to_have_text("1")
    expect(page.locator("tr[data-entry]", has_text="山本 葵")).to_contain_text("代理受け取り: 山本 祖父")
    entry = RosterEntry.objects.get()
    assert entry.by_proxy and entry.proxy_name == "山本 祖父"
