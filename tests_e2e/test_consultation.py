"""A resident asks for a consultation in a real browser; a case worker finds it in the admin."""

import re

import pytest
from playwright.sync_api import expect

from consultations.models import ConcernReport, ConsultationRequest
from consultations.services import topics_ensure

from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _topics():
    topics_ensure()


def test_request_with_a_mistake_then_sent_and_found_by_a_case_worker(page, base_url, caseworker):
    page.goto(base_url + "/consultation/")
    expect(page.locator("h1")).to_have_text("オンライン相談のお申込み")
    page.get_by_label("家族", exact=True).check()
    page.get_by_label("お名前").fill("多摩　花子")
    page.get_by_label("ふりがな").fill("たま　はなこ")
    page.get_by_label("電話", exact=True).check()
    page.get_by_label("電話番号").fill("０４２ー３７３")  # too short: a mistake
    page.get_by_label("ひきこもり・孤立").check()
    page.get_by_label("家族・介護(8050、ヤングケアラー)").check()
    page.get_by_label("ご相談の内容を少し教えてください").fill("弟が部屋から出てこなくなりました。")
    page.get_by_label("個人情報の取り扱いに同意します").check()
    page.get_by_role("button", name="送信する").click()

    expect(page.get_by_role("alert")).to_contain_text("確認していただきたい項目があります")
    expect(page.locator("#id_phone")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("0から始まる10桁か11桁")).to_be_visible()
    expect(page.get_by_label("お名前")).to_have_value("多摩　花子")  # exactly as typed
    expect(page.get_by_label("ひきこもり・孤立")).to_be_checked()
    assert_accessible(page)
    assert ConsultationRequest.objects.count() == 0

    page.get_by_label("電話番号").fill("０４２ー３７３ー５６１６")
    page.get_by_label("個人情報の取り扱いに同意します").check()
    page.get_by_role("button", name="送信する").click()

    expect(page.locator("h1")).to_have_text("ありがとうございます。受け付けました")
    expect(page).to_have_url(base_url + "/consultation/thanks/")
    reference = page.locator("#reference-number").inner_text().strip()
    assert re.fullmatch(r"R-\d{6}-\d{4}", reference)
    expect(page.locator("main")).to_contain_text("042-373-5616")
    assert_accessible(page)
    request = ConsultationRequest.objects.get()
    assert request.reference == reference
    assert request.phone == "042-373-5616" and request.name_kana == "タマ ハナコ"

    # A case worker signs in (password and code) and finds it by its reference number.
    log_in(page, base_url, caseworker)
    page.goto(base_url + "/admin/consultations/consultationrequest/")
    page.locator("#searchbar").fill(reference)
    page.locator("#changelist-search input[type=submit]").click()
    row = page.locator("#result_list tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("多摩 花子")
    expect(row).to_contain_text("新規")


def test_concern_report_by_keyboard(page, base_url):
    page.goto(base_url + "/consultation/concern/")
    page.get_by_label("場所", exact=False).first.focus()
    page.keyboard.type("関戸4丁目の団地")
    page.keyboard.press("Tab")  # to the postal code of the place
    page.keyboard.type("２０６００１１")
    page.keyboard.press("Tab")
    page.keyboard.type("")  # their name: unknown
    page.get_by_label("気になっていること").focus()
    page.keyboard.type("郵便物がたまっていて、夜も電気がつきません。")
    page.keyboard.press("Tab")  # to the urgency radio group
    page.keyboard.press("Space")
    expect(page.get_by_label("急ぎ(すぐに対応してほしい)")).to_be_checked()
    page.keyboard.press("Tab")  # to the "you are" radio group
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("民生委員・児童委員")).to_be_checked()
    page.get_by_role("button", name="送信する").focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("ありがとうございます。受け付けました")
    report = ConcernReport.objects.get()
    assert report.reporter_type == "minsei_iin" and report.urgency == "urgent"
    assert report.location_postal_code == "206-0011"
    expect(page.locator("#reference-number")).to_have_text(report.reference)


@pytest.mark.parametrize("path", ["/consultation/", "/consultation/concern/"])
@pytest.mark.parametrize("width", [360, 1280])
def test_intake_pages_pass_axe_and_fit_the_screen(page, base_url, path, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(base_url + path)
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    # Sending it empty shows the messages beside the fields, still accessible.
    page.get_by_role("button", name="送信する").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
