"""Space Shiori in a real browser: booking the last place, the waitlist, cancelling, promotion."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from ibasho.models import Booking
from ibasho.tests.factories import BookingFactory, GatheringFactory, VenueFactory

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


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


def test_last_place_waitlist_cancel_and_promotion(page, base_url, gathering):
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


@pytest.mark.parametrize("width", [360, 1280])
def test_public_ibasho_pages_pass_axe_and_fit_the_screen(page, base_url, gathering, width):
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


def test_form_errors_show_next_to_the_field_and_keep_input(page, base_url, gathering):
    page.goto(base_url + gathering.get_absolute_url())
    page.get_by_label("お名前(呼ばれたいニックネームでも構いません)").fill("しおり")
    page.get_by_role("button", name="申し込む").click()
    expect(page.get_by_label("お名前(呼ばれたいニックネームでも構いません)")).to_have_value("しおり")
    expect(page.locator("main")).to_contain_text("メールアドレスか電話番号のどちらかを入力してください")
    assert_accessible(page)
