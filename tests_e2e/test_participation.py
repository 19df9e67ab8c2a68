"""Participation support in a real browser: a resident filters the menu and says they are
interested; a coordinator turns the message into a profile, sees ranked suggestions with
reasons, records an offer and a 見学 placement. axe-core on every page on the way."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from participation.models import Enquiry, Offer, Participant, Placement

from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


@pytest.mark.parametrize("width", [360, 1280])
def test_activity_menu_filters_by_keyboard(page, base_url, width):
    call_command("load_demo", stdout=io.StringIO())
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base_url + "/participation/")
    expect(page.locator(".activity-card")).to_have_count(9)
    assert_accessible(page)

    page.get_by_label("屋内・屋外").focus()
    page.get_by_label("屋内・屋外").select_option(label="屋外")
    page.get_by_label("人との関わり").select_option(label="ひとりで黙々と")
    page.get_by_role("button", name="この条件で表示").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".activity-card")).to_have_count(1)
    expect(page.locator(".activity-card h3")).to_have_text("花壇・プランターの手入れ")
    expect(page.get_by_label("屋内・屋外")).to_have_value("outdoor")
    assert_accessible(page)
    _fits(page)


def test_from_interest_to_a_visit(page, base_url, coordinator):
    call_command("load_demo", stdout=io.StringIO())
    page.set_default_timeout(10000)

    # A resident, on a phone: indoor and light activities only.
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(base_url + "/participation/")
    page.get_by_label("屋内・屋外").select_option(label="屋内")
    page.get_by_label("体への負担").select_option(label="軽いものだけ")
    page.get_by_role("button", name="この条件で表示").click()
    cards = page.locator(".activity-card h3")
    expect(cards).to_have_count(4)
    expect(cards).to_contain_text(
        ["新聞紙リサイクル袋づくり", "地域の居場所運営のお手伝い", "図書館の本の修理", "封入・発送作業(JOIN)"]
    )
    assert_accessible(page)
    _fits(page)

    page.get_by_role("link", name="図書館の本の修理", exact=True).click()
    expect(page.locator("h1")).to_have_text("図書館の本の修理")
    assert_accessible(page)
    _fits(page)
    page.get_by_label("お名前").fill("森 さくら")
    page.get_by_label("ふりがな").fill("もり さくら")
    page.get_by_label("電話で").check()
    page.get_by_label("電話番号").fill("０８０ー１１１１ー２２２２")
    page.get_by_label("初回は誰かに一緒に来てほしい").check()
    page.get_by_label("伝えておきたいこと").fill("本が好きです。静かなところがいいです。")
    page.get_by_label("個人情報の取り扱いに同意します").check()
    page.get_by_role("button", name="送信する").click()
    expect(page.locator("h1")).to_have_text("ありがとうございます。受け付けました")
    enquiry = Enquiry.objects.get(name="森 さくら")
    expect(page.locator("#reference-number")).to_have_text(enquiry.reference)
    assert page.url == base_url + "/participation/interest/thanks/"
    assert_accessible(page)

    # A coordinator, at a desk: the queue, the message, a profile.
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, base_url, coordinator)
    assert_accessible(page)
    page.locator(".staff-tile-main", has_text="返事が必要な参加希望").click()
    expect(page).to_have_url(re.compile(r"/staff/participation/interest/\?status=open"))
    assert_accessible(page)
    page.get_by_role("link", name=enquiry.reference).click()
    expect(page.get_by_text("本が好きです。静かなところがいいです。")).to_be_visible()
    assert_accessible(page)
    # Started from the activity they chose; the coordinator adds the days after a phone call.
    expect(page.locator("#id_person-family_name")).to_have_value("森")
    expect(page.get_by_label("本・情報")).to_be_checked()
    page.get_by_label("水 午後").check()
    page.get_by_label("木 午後").check()
    page.get_by_role("button", name="プロフィールを作って候補を見る").click()

    participant = Participant.objects.get(person__family_name="森", person__given_name="さくら")
    expect(page).to_have_url(re.compile(rf"/staff/participation/profiles/{participant.pk}/$"))
    suggestions = page.locator("li.suggestion")
    expect(suggestions).to_have_count(2)
    expect(suggestions.nth(0).locator("h3 a")).to_have_text("図書館の本の修理")
    expect(suggestions.nth(0)).to_contain_text("水 午後に参加できる")
    expect(suggestions.nth(0)).to_contain_text("関心: 手作業・本・情報")
    expect(suggestions.nth(1).locator("h3 a")).to_have_text("新聞紙リサイクル袋づくり")
    expect(suggestions.nth(1)).to_contain_text("合わない点")
    assert_accessible(page)

    page.get_by_role("button", name=re.compile("提案を記録.*図書館の本の修理")).click()
    expect(page.locator(".messagelist")).to_contain_text("提案を記録しました")
    offer = Offer.objects.get(participant=participant)
    visit_day = datetime.date.today() + datetime.timedelta(days=7)
    page.locator(f"#id_offer-{offer.pk}-visit_date").fill(visit_day.isoformat())
    page.get_by_role("button", name=re.compile("見学を記録.*図書館の本の修理")).click()
    expect(page.locator(".messagelist")).to_contain_text("見学を")
    placement = Placement.objects.get(participant=participant)
    assert (placement.stage, placement.visit_date) == ("visit", visit_day)
    expect(page.locator("#placements")).to_contain_text("見学")
    assert_accessible(page)

    # The placement, the activity with its suited participants, the lists.
    page.locator("#placements").get_by_role("link", name="図書館の本の修理").click()
    expect(page.locator(".stage-step.is-current")).to_have_text("見学")
    assert_accessible(page)
    page.get_by_role("link", name="図書館の本の修理").first.click()
    expect(page.locator("#suited")).to_be_visible()
    assert_accessible(page)
    for path in ["/staff/participation/", "/staff/participation/activities/"]:
        page.goto(base_url + path)
        assert_accessible(page)
    assert Enquiry.objects.get(pk=enquiry.pk).status == Enquiry.Status.LINKED


@pytest.mark.parametrize("width", [360, 1280])
def test_staff_pages_fit_a_phone_and_pass_axe(page, base_url, coordinator, width):
    call_command("load_demo", stdout=io.StringIO())
    shota = Participant.objects.get(person__family_name="小林", person__given_name="翔太")
    placement = shota.placements.get()
    enquiry = Enquiry.objects.get(reference="P-DEMO-0001")
    log_in(page, base_url, coordinator)
    page.set_viewport_size({"width": width, "height": 900})
    for path in [
        f"/staff/participation/profiles/{shota.pk}/",
        f"/staff/participation/placements/{placement.pk}/",
        f"/staff/participation/interest/{enquiry.pk}/",
        f"/staff/participation/activities/{placement.activity_id}/",
    ]:
        page.goto(base_url + path)
        assert_accessible(page)
