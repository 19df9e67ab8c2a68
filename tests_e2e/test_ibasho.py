"""Space Shiori in a real browser: booking the last place, the waitlist, cancelling, promotion,
the staff pages, and never a Content Security Policy error on the way."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from ibasho.models import Booking, Gathering
from ibasho.tests.factories import BookingFactory, GatheringFactory, VenueFactory

from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def csp_errors(page):
    """Console messages about the Content Security Policy, collected while the test runs."""
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)
    return errors


@pytest.fixture
def gathering():
    venue = VenueFactory(name="多摩市立中央図書館", address="多摩市落合2-35", room="2階 活動室")
    g = GatheringFactory(venue=venue, capacity=2, date=timezone.localdate() + datetime.timedelta(days=20))
    BookingFactory(gathering=g, name="先に申し込んだ人")
    return g


def _book_by_keyboard(page, *, name, email):
    """Fill the form with the keyboard only: Tab between fields, Space for boxes, Enter to send."""
    page.get_by_label("お名前(呼ばれたいニックネームでも構いません)").focus()
    page.keyboard.type(name)
    page.keyboard.press("Tab")
    page.keyboard.type("しおり")
    page.keyboard.press("Tab")
    page.keyboard.type(email)
    page.keyboard.press("Tab")  # phone: left empty
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # age range
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # first time: yes
    page.keyboard.press("Tab")  # needs
    page.keyboard.type("静かな席だと助かります")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # house rules
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")


def test_last_place_waitlist_cancel_and_promotion(page, base_url, gathering, csp_errors):
    # The first resident books the last place.
    page.goto(base_url + "/ibasho/")
    expect(page.locator("main")).to_contain_text("残り1席")
    page.get_by_role("link", name=f"{gathering.date.month}月{gathering.date.day}日").click()
    expect(page.locator("h1")).to_contain_text(f"{gathering.date.month}月{gathering.date.day}日(")
    _book_by_keyboard(page, name="一人目", email="first@example.jp")
    expect(page.locator(".booking-status")).to_contain_text("参加が確定しています")
    first_url = page.url
    assert_accessible(page)

    # The second resident finds the gathering full and goes on the waiting list.
    page.goto(base_url + "/ibasho/")
    expect(page.locator("main")).to_contain_text("キャンセル待ち")
    page.goto(base_url + gathering.get_absolute_url())
    expect(page.get_by_role("button", name="キャンセル待ちで申し込む")).to_be_visible()
    _book_by_keyboard(page, name="二人目", email="second@example.jp")
    expect(page.locator(".booking-status")).to_contain_text("キャンセル待ちです(1番目)")
    second_url = page.url
    assert_accessible(page)

    # The first cancels from their booking page, after a confirmation step.
    page.goto(first_url)
    page.get_by_role("link", name="申込みをキャンセルする").click()
    expect(page.locator("h1")).to_have_text("申込みをキャンセルしますか")
    assert_accessible(page)
    assert Booking.objects.get(email="first@example.jp").status == Booking.Status.CONFIRMED
    page.get_by_role("button", name="はい、キャンセルします").click()
    expect(page.locator(".booking-status")).to_contain_text("この申込みはキャンセル済みです")

    # The second is promoted and told by email, with their booking page link.
    page.goto(second_url)
    expect(page.locator(".booking-status")).to_contain_text("参加が確定しています")
    expect(page.locator(".booking-status")).to_contain_text("キャンセル待ちから参加確定になりました")
    promoted = [m for m in mail.outbox if m.to == ["second@example.jp"] and "参加が確定しました" in m.subject]
    assert len(promoted) == 1
    assert second_url.split("/ibasho/")[1] in promoted[0].body
    assert csp_errors == []


@pytest.mark.parametrize("width", [360, 1280])
def test_public_ibasho_pages_pass_axe_and_fit_the_screen(page, base_url, gathering, width, csp_errors):
    booking = gathering.bookings.get()
    page.set_viewport_size({"width": width, "height": 900})
    for path in [
        "/ibasho/",
        gathering.get_absolute_url(),
        f"/ibasho/{gathering.pk}/poster/",
        booking.get_absolute_url(),
        f"/ibasho/booking/{booking.token}/cancel/",
    ]:
        page.goto(base_url + path)
        assert_accessible(page)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, path
    assert csp_errors == []


def _described_by_text(page, locator):
    """The text of the elements an input's aria-describedby points at."""
    ids = locator.get_attribute("aria-describedby") or ""
    return " ".join(page.locator(f"#{id_}").inner_text() for id_ in ids.split())


@pytest.mark.parametrize("width", [360, 1280])
def test_form_errors_are_summarised_focused_and_tied_to_their_fields(
    page, base_url, gathering, width, csp_errors
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base_url + gathering.get_absolute_url())
    name = page.get_by_label("お名前(呼ばれたいニックネームでも構いません)")
    name.fill("しおり")
    page.get_by_role("button", name="申し込む").click()

    # The summary at the top of the form has the focus and links to each field to fix.
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary.get_by_role("link", name=re.compile("メールアドレスか電話番号"))).to_be_visible()
    summary.get_by_role("link", name=re.compile("お約束に同意いただける場合")).click()
    expect(page.get_by_label("お約束(ルール)を読み、同意します")).to_be_in_viewport()

    # Each error is the input's own description, not just somewhere on the page.
    expect(name).to_have_value("しおり")
    email = page.get_by_label("メールアドレス", exact=True)
    expect(email).to_have_attribute("aria-invalid", "true")
    assert "メールアドレスか電話番号のどちらかを入力してください" in _described_by_text(page, email)
    rules = page.get_by_label("お約束(ルール)を読み、同意します")
    assert "お約束に同意いただける場合はチェックを入れてください" in _described_by_text(page, rules)
    assert_accessible(page)
    assert csp_errors == []


def test_coordinator_staff_pages_work_without_csp_errors(page, base_url, gathering, coordinator, csp_errors):
    booking = gathering.bookings.get()
    BookingFactory(gathering=gathering, name="二番目の人")
    BookingFactory(gathering=gathering, name="待っている人", status=Booking.Status.WAITLISTED)
    log_in(page, base_url, coordinator)

    page.goto(base_url + f"/staff/ibasho/{gathering.pk}/roster/")
    expect(page.locator("h1")).to_contain_text("名簿")
    expect(page.locator("main, #content").first).to_contain_text("待っている人")

    page.goto(base_url + f"/staff/ibasho/{gathering.pk}/attendance/")
    row = page.locator(f"#booking-{booking.pk}")
    row.get_by_role("button", name="参加", exact=True).click()
    expect(page.locator(f"#booking-{booking.pk}")).to_contain_text("未記録に戻す")
    page.locator(f"#booking-{booking.pk}").get_by_role("button", name="未記録に戻す").click()
    expect(page.locator(f"#booking-{booking.pk}").get_by_role("button", name="未記録に戻す")).to_have_count(0)
    booking.refresh_from_db()
    assert booking.attendance == Booking.Attendance.UNKNOWN

    page.goto(base_url + "/staff/ibasho/")
    expect(page.locator("h1")).to_be_visible()
    page.goto(base_url + "/admin/ibasho/gathering/season/")
    expect(page.locator("#content")).to_contain_text("複数月の開催回をまとめて作成")
    page.goto(base_url + f"/admin/ibasho/gathering/{gathering.pk}/change/")
    expect(page.locator("#content")).to_be_visible()
    expect(page.get_by_label("状態")).to_have_value(Gathering.Status.PUBLISHED)
    assert csp_errors == []
