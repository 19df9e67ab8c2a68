import datetime
import io

import icalendar
import pytest
import time_machine
import zxingcpp
from django.urls import reverse
from PIL import Image

from ibasho.models import TOKYO, Booking, Gathering

from .factories import BookingFactory, GatheringFactory, VenueFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=TOKYO)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _form(**overrides):
    data = {
        "name": "しおり",
        "name_kana": "しおり",
        "email": "shiori@example.jp",
        "phone": "",
        "age_confirmed": "on",
        "first_time": "yes",
        "needs": "",
        "agreed_to_rules": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def test_list_shows_upcoming_with_weekday_places_and_waitlist_and_hides_past_and_drafts(resident, frozen):
    plaza = VenueFactory(name="二幸産業・NSP健幸福祉プラザ", address="多摩市南野3-15-1", room="6階 創作室")
    GatheringFactory(venue=plaza, date=datetime.date(2026, 12, 19), capacity=3)
    full = GatheringFactory(date=datetime.date(2027, 1, 9), capacity=1)
    BookingFactory(gathering=full)
    GatheringFactory(date=datetime.date(2026, 11, 20))  # past
    GatheringFactory(date=datetime.date(2027, 2, 1), status=Gathering.Status.DRAFT)

    response = resident.get(reverse("ibasho:gathering-list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "12月19日(土)" in html
    assert "1月9日(土)" in html
    assert "14:00〜16:00" in html
    assert "多摩市南野3-15-1 6階 創作室" in html
    assert "残り3席" in html
    assert "キャンセル待ち" in html
    assert "11月20日" not in html
    assert "2月1日" not in html


def test_detail_shows_rules_flyer_link_and_form(resident, frozen):
    gathering = GatheringFactory(date=datetime.date(2026, 12, 19), rules="ここで聞いた話は外で話さない")
    response = resident.get(gathering.get_absolute_url())
    html = response.content.decode()
    assert "ここで聞いた話は外で話さない" in html
    assert "18歳から64歳" in html
    assert 'name="agreed_to_rules"' in html


def test_draft_gathering_is_404(resident):
    gathering = GatheringFactory(status=Gathering.Status.DRAFT)
    assert resident.get(gathering.get_absolute_url()).status_code == 404
    assert resident.get(reverse("ibasho:gathering-qr-png", args=[gathering.pk])).status_code == 404


def test_booking_through_the_form_redirects_to_the_booking_page(resident, frozen):
    gathering = GatheringFactory(date=datetime.date(2026, 12, 19))
    response = resident.post(gathering.get_absolute_url(), _form(name="ｼｵﾘ", name_kana="ｼｵﾘ"), follow=True)
    booking = Booking.objects.get()
    assert booking.name == "シオリ"
    assert booking.name_kana == "シオリ"
    assert booking.first_time is True
    assert response.redirect_chain[-1][0] == booking.get_absolute_url()
    assert "参加が確定しました" in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"email": "", "phone": ""}, "email", "メールアドレスか電話番号"),
        # The shared validators' own words are translated with welfare_portal; check their codes.
        ({"phone": "12345", "email": ""}, "phone", "invalid_phone"),
        ({"name_kana": "shiori"}, "name_kana", "invalid_kana"),
        # Each required field says what is missing, not Django's generic "この項目は必須です".
        ({"age_confirmed": ""}, "age_confirmed", "対象の年齢に当てはまる場合はチェックを入れてください"),
        ({"agreed_to_rules": ""}, "agreed_to_rules", "お約束に同意いただける場合はチェックを入れてください"),
        ({"first_time": ""}, "first_time", "初めての参加かどうかを選んでください"),
        ({"name": ""}, "name", "お名前を入力してください"),
    ],
)
def test_form_rules_keep_what_was_typed(resident, frozen, overrides, field, message):
    gathering = GatheringFactory(date=datetime.date(2026, 12, 19))
    response = resident.post(gathering.get_absolute_url(), _form(needs="静かな席がいいです", **overrides))
    assert response.status_code == 400
    errors = response.context["form"].errors.as_data()[field]
    assert any(message in str(e.message) or message == e.code for e in errors)
    html = response.content.decode()
    assert "静かな席がいいです" in html
    assert "この項目は必須です" not in html
    assert not Booking.objects.exists()


def test_duplicate_booking_is_told_not_stored(resident, frozen):
    gathering = GatheringFactory(date=datetime.date(2026, 12, 19))
    resident.post(gathering.get_absolute_url(), _form())
    response = resident.post(gathering.get_absolute_url(), _form(email="SHIORI@example.jp"))
    assert response.status_code == 400
    assert "すでに申し込まれています" in response.content.decode()
    assert Booking.objects.count() == 1


def test_after_the_deadline_the_form_is_gone_and_posts_are_refused(resident):
    gathering = GatheringFactory(
        date=datetime.date(2026, 12, 19), deadline=datetime.datetime(2026, 12, 18, 17, 0, tzinfo=TOKYO)
    )
    with time_machine.travel(datetime.datetime(2026, 12, 18, 17, 1, tzinfo=TOKYO), tick=False):
        page = resident.get(gathering.get_absolute_url()).content.decode()
        assert 'name="agreed_to_rules"' not in page
        assert "受付を終了しました" in page
        response = resident.post(gathering.get_absolute_url(), _form())
    assert response.status_code == 400
    assert not Booking.objects.exists()


def test_honeypot_stores_nothing(resident, frozen):
    gathering = GatheringFactory(date=datetime.date(2026, 12, 19))
    response = resident.post(gathering.get_absolute_url(), _form(website="http://spam"))
    assert response.status_code == 302
    assert not Booking.objects.exists()


def test_booking_page_unknown_token_is_404(resident):
    assert resident.get(reverse("ibasho:booking-detail", args=["no-such-token"])).status_code == 404
    assert resident.get(reverse("ibasho:booking-calendar", args=["no-such-token"])).status_code == 404


def test_cancel_asks_first_then_cancels_on_post(resident, frozen):
    booking = BookingFactory(gathering=GatheringFactory(date=datetime.date(2026, 12, 19)))
    url = reverse("ibasho:booking-cancel", args=[booking.token])
    page = resident.get(url)
    assert "キャンセルしますか" in page.content.decode()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
    response = resident.post(url, follow=True)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert "キャンセルしました" in response.content.decode()


def test_waitlisted_booking_page_shows_position_and_leave_button(resident, frozen):
    gathering = GatheringFactory(date=datetime.date(2026, 12, 19), capacity=0)
    BookingFactory(gathering=gathering, status=Booking.Status.WAITLISTED)
    booking = BookingFactory(gathering=gathering, status=Booking.Status.WAITLISTED)
    html = resident.get(booking.get_absolute_url()).content.decode()
    assert "2番目" in html
    assert "キャンセル待ちをやめる" in html


def test_calendar_file_reads_back_with_icalendar(resident, settings):
    settings.SITE_URL = "https://portal.example.jp"
    venue = VenueFactory(name="多摩市立中央図書館", address="多摩市落合2-35", room="2階 活動室")
    booking = BookingFactory(gathering=GatheringFactory(venue=venue, date=datetime.date(2026, 12, 19)))
    response = resident.get(reverse("ibasho:booking-calendar", args=[booking.token]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == datetime.datetime(2026, 12, 19, 14, 0, tzinfo=TOKYO)
    assert event.decoded("dtend") == datetime.datetime(2026, 12, 19, 16, 0, tzinfo=TOKYO)
    assert str(event["dtstart"].params["TZID"]) == "Asia/Tokyo"
    assert "多摩市立中央図書館" in str(event["location"])
    assert "多摩市落合2-35" in str(event["location"])
    assert "2階 活動室" in str(event["location"])
    assert str(event["url"]) == f"https://portal.example.jp/ibasho/booking/{booking.token}/"
    assert calendar.walk("VTIMEZONE")


def test_qr_png_decodes_to_the_gathering_url_and_svg_is_svg(resident, settings):
    settings.SITE_URL = "https://portal.example.jp"
    gathering = GatheringFactory()
    png = resident.get(reverse("ibasho:gathering-qr-png", args=[gathering.pk]))
    assert png["Content-Type"] == "image/png"
    (result,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(png.content)))
    assert result.text == f"https://portal.example.jp/ibasho/{gathering.pk}/"
    svg = resident.get(reverse("ibasho:gathering-qr-svg", args=[gathering.pk]))
    assert svg["Content-Type"] == "image/svg+xml"
    assert svg.content.lstrip().startswith(b"<?xml") or b"<svg" in svg.content[:200]


def test_poster_has_details_and_qr(resident, frozen):
    gathering = GatheringFactory(date=datetime.date(2026, 12, 19))
    html = resident.get(reverse("ibasho:gathering-poster", args=[gathering.pk])).content.decode()
    assert "2026年12月19日(土)" in html
    assert reverse("ibasho:gathering-qr-svg", args=[gathering.pk]) in html
    assert "data-print" in html


def test_todays_gathering_leaves_the_list_when_it_ends(resident):
    GatheringFactory(date=datetime.date(2026, 12, 19))
    url = reverse("ibasho:gathering-list")
    with time_machine.travel(datetime.datetime(2026, 12, 19, 15, 59, tzinfo=TOKYO), tick=False):
        assert "12月19日(土)" in resident.get(url).content.decode()
    with time_machine.travel(datetime.datetime(2026, 12, 19, 16, 0, tzinfo=TOKYO), tick=False):
        assert "12月19日(土)" not in resident.get(url).content.decode()


def test_a_failed_booking_shows_an_error_summary_linking_each_field(resident, frozen):
    gathering = GatheringFactory(date=datetime.date(2026, 12, 19))
    response = resident.post(gathering.get_absolute_url(), _form(name="", first_time="", agreed_to_rules=""))
    html = response.content.decode()
    summary = html.split('id="error-summary"')[1].split("</div>")[0]
    assert 'role="alert"' in html.split('id="error-summary"')[0].rsplit("<div", 1)[1] + summary
    assert '<a href="#id_name">お名前を入力してください' in summary
    assert '<a href="#id_first_time_0">' in summary
    assert '<a href="#id_agreed_to_rules">お約束に同意いただける場合はチェックを入れてください' in summary
    assert 'href="#id_email"' not in summary
    assert "js/ibasho-form.js" in html
    # Each input points at its own error message.
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'id="id_name_error"' in html


def test_no_error_summary_on_a_fresh_form(resident, frozen):
    gathering = GatheringFactory(date=datetime.date(2026, 12, 19))
    assert 'id="error-summary"' not in resident.get(gathering.get_absolute_url()).content.decode()
