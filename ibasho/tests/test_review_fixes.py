"""Rules added after review: mail failures, long emails, cancelling during the gathering,
admin contact edits, private caching, the numbers, closed gatherings, publishing, seasons, flyers."""

import datetime
import logging
import smtplib

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError
from django.urls import reverse

from ibasho import selectors, services
from ibasho.models import TOKYO, Booking, Gathering

from .factories import BookingFactory, GatheringFactory, VenueFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 12, 19)


def _at(hour, minute=0, day=DAY):
    return time_machine.travel(
        datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=TOKYO), tick=False
    )


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


class FailingBackend(BaseEmailBackend):
    """A mail server that is down: every send raises, and each address tried is noted."""

    tried = []

    def send_messages(self, messages):
        for message in messages:
            FailingBackend.tried.extend(message.to)
        raise smtplib.SMTPRecipientsRefused({messages[0].to[0]: (550, b"no such user")})


@pytest.fixture
def mail_server_down(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    FailingBackend.tried = []
    return FailingBackend


# 1. A mail failure after the commit never turns a saved booking into a server error.


@pytest.mark.django_db(transaction=True)
def test_booking_is_kept_and_shown_when_the_confirmation_email_fails(resident, mail_server_down, caplog):
    gathering = GatheringFactory()
    with caplog.at_level(logging.ERROR, logger="ibasho.emails"):
        response = resident.post(gathering.get_absolute_url(), _form())
    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response["Location"] == booking.get_absolute_url()
    assert mail_server_down.tried == ["shiori@example.jp"]
    assert f"booking {booking.pk}" in caplog.text
    assert "shiori@example.jp" not in caplog.text and "しおり" not in caplog.text


def test_one_failed_email_does_not_stop_the_others_when_a_gathering_is_cancelled(
    mail_server_down, django_capture_on_commit_callbacks
):
    gathering = GatheringFactory(capacity=1)
    BookingFactory(gathering=gathering, email="a@example.jp")
    BookingFactory(gathering=gathering, email="b@example.jp", status=Booking.Status.WAITLISTED)
    BookingFactory(gathering=gathering, email="c@example.jp", status=Booking.Status.WAITLISTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.gathering_cancel(gathering=gathering)
    assert sorted(mail_server_down.tried) == ["a@example.jp", "b@example.jp", "c@example.jp"]
    gathering.refresh_from_db()
    assert gathering.status == Gathering.Status.CANCELLED


# 2. Long emails are a field error; a rule the service enforces becomes a form error.


def test_an_email_longer_than_the_database_holds_is_a_field_error(resident):
    gathering = GatheringFactory()
    long_email = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".jp"
    assert 254 < len(long_email) <= 320
    response = resident.post(gathering.get_absolute_url(), _form(email=long_email))
    assert response.status_code == 400
    assert "email" in response.context["form"].errors
    assert not Booking.objects.exists()


def test_full_width_email_from_an_ime_is_folded(resident):
    gathering = GatheringFactory()
    resident.post(gathering.get_absolute_url(), _form(email="ｓｈｉｏｒｉ＠ｅｘａｍｐｌｅ．ｊｐ"))
    assert Booking.objects.get().email == "shiori@example.jp"


def test_a_validation_error_from_the_service_is_shown_at_the_field(resident, monkeypatch):
    def refuse(**kwargs):
        raise ValidationError({"name": ["この名前では申し込めません。"], "gathering": ["別の理由"]})

    monkeypatch.setattr(services, "booking_create", refuse)
    gathering = GatheringFactory()
    response = resident.post(gathering.get_absolute_url(), _form())
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["name"] == ["この名前では申し込めません。"]
    assert "別の理由" in form.non_field_errors()


# 3. and 8. Cancelling: before the start only, not after attendance, not for a cancelled gathering.


def test_residents_cannot_cancel_once_the_gathering_has_started():
    booking = BookingFactory(gathering=GatheringFactory(date=DAY))
    with _at(14, 0), pytest.raises(services.NotCancellable):
        services.booking_cancel(booking=booking)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
    with _at(13, 59):
        services.booking_cancel(booking=booking)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_cancel_page_during_the_gathering_goes_back_to_the_booking(resident):
    booking = BookingFactory(gathering=GatheringFactory(date=DAY))
    url = reverse("ibasho:booking-cancel", args=[booking.token])
    with _at(14, 30):
        assert resident.get(url)["Location"] == booking.get_absolute_url()
        assert "申込みをキャンセルする" not in resident.get(booking.get_absolute_url()).content.decode()
        resident.post(url)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_recorded_attendance_is_never_wiped_by_a_cancel():
    booking = BookingFactory(gathering=GatheringFactory(date=DAY))
    services.booking_mark_attendance(booking=booking, attendance=Booking.Attendance.ABSENT)
    with _at(10, 0), pytest.raises(services.NotCancellable):
        services.booking_cancel(booking=booking)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.attendance == Booking.Attendance.ABSENT


def test_nobody_is_promoted_once_the_gathering_has_started():
    gathering = GatheringFactory(date=DAY, capacity=1)
    waiting = BookingFactory(gathering=gathering, status=Booking.Status.WAITLISTED)
    gathering.capacity = 2
    gathering.save()
    with _at(14, 0):
        assert services.gathering_fill_places(gathering=gathering) == []
    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.WAITLISTED
    with _at(13, 59):
        assert services.gathering_fill_places(gathering=gathering) == [waiting]


def test_a_booking_for_a_cancelled_gathering_cannot_be_cancelled(resident):
    gathering = GatheringFactory(date=DAY)
    booking = BookingFactory(gathering=gathering)
    services.gathering_cancel(gathering=gathering)
    url = reverse("ibasho:booking-cancel", args=[booking.token])
    with _at(10, 0, day=DAY - datetime.timedelta(days=3)):
        assert resident.get(url).status_code == 302
        resident.post(url)
        with pytest.raises(services.NotCancellable):
            services.booking_cancel(booking=booking)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


# 4. Admin: a contact already booked for the gathering is a field error, not a crash.


def _admin_post(client, booking, **overrides):
    data = {
        "person": "",
        "name": booking.name,
        "name_kana": booking.name_kana,
        "phone": booking.phone,
        "email": booking.email,
        "first_time": "",
        "needs": booking.needs,
    }
    data.update(overrides)
    return client.post(reverse("admin:ibasho_booking_change", args=[booking.pk]), data)


@pytest.mark.parametrize(
    ("field", "value"),
    [("phone", "０９０ー１２３４ー５６７８"), ("email", "First@Example.JP")],
)
def test_admin_contact_already_booked_is_a_field_error(coordinator, field, value):
    gathering = GatheringFactory()
    BookingFactory(
        gathering=gathering, email="first@example.jp", phone="090-1234-5678", phone_key="09012345678"
    )
    second = BookingFactory(gathering=gathering, email="second@example.jp")
    response = _admin_post(coordinator, second, **{field: value})
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert "同じ連絡先の申込みがすでにあります" in response.content.decode()
    second.refresh_from_db()
    assert second.email == "second@example.jp" and second.phone == ""


def test_admin_contact_edit_is_normalised_and_keeps_the_phone_key(coordinator):
    booking = BookingFactory(email="old@example.jp")
    response = _admin_post(coordinator, booking, phone="０４２（３７３）５６１６", email="ＮＥＷ＠example.jp")
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.phone == "0423735616"
    assert booking.phone_key == "0423735616"
    assert booking.email == "new@example.jp"
    assert booking.history.first().history_user == coordinator.user


def test_booking_contact_update_refuses_a_duplicate():
    gathering = GatheringFactory()
    BookingFactory(gathering=gathering, email="first@example.jp")
    second = BookingFactory(gathering=gathering, email="second@example.jp")
    second.email = "FIRST@example.jp"
    with pytest.raises(ValidationError) as excinfo:
        services.booking_contact_update(booking=second)
    assert set(excinfo.value.message_dict) == {"email"}


# 5. Pages that hold a resident's booking are never cached.


def test_booking_pages_are_private_and_not_stored(resident):
    booking = BookingFactory()
    for name in ["ibasho:booking-detail", "ibasho:booking-cancel", "ibasho:booking-calendar"]:
        response = resident.get(reverse(name, args=[booking.token]))
        cache_control = response["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, name


# 6. The numbers count held gatherings; cancelled ones are counted on their own.


def test_monthly_numbers_leave_cancelled_gatherings_out_of_the_counts():
    held = GatheringFactory(date=DAY)
    BookingFactory(gathering=held, attendance=Booking.Attendance.ATTENDED, first_time=True)
    BookingFactory(gathering=held)
    called_off = GatheringFactory(date=DAY + datetime.timedelta(days=7))
    for _i in range(3):
        BookingFactory(gathering=called_off, first_time=True)
    services.gathering_cancel(gathering=called_off)
    (row,) = selectors.monthly_numbers()
    assert (row["gatherings"], row["cancelled"], row["booked"], row["attended"], row["first_timers"]) == (
        1,
        1,
        2,
        1,
        1,
    )


# 7. After the deadline the list and the page say bookings are closed, not "N places left".


def test_after_the_deadline_places_left_gives_way_to_closed(resident):
    gathering = GatheringFactory(date=DAY, deadline=datetime.datetime(2026, 12, 18, 17, 0, tzinfo=TOKYO))
    with _at(17, 0, day=datetime.date(2026, 12, 18)):
        listing = resident.get(reverse("ibasho:gathering-list")).content.decode()
        detail = resident.get(gathering.get_absolute_url()).content.decode()
    for html in (listing, detail):
        assert "受付終了" in html
        assert "残り10席" not in html
    with _at(16, 59, day=datetime.date(2026, 12, 18)):
        assert "残り10席" in resident.get(reverse("ibasho:gathering-list")).content.decode()


# 9. booking_create: agreeing is the caller's to say; only duplicate contacts are "already booked".


def test_booking_create_needs_agreed_to_rules_said_explicitly():
    with pytest.raises(TypeError):
        services.booking_create(gathering=GatheringFactory(), name="しおり", email="s@example.jp")


def test_an_integrity_error_that_is_not_a_duplicate_is_not_reported_as_one(monkeypatch):
    # Skip the model validation so the database's own contact check is what refuses the row.
    monkeypatch.setattr(Booking, "full_clean", lambda self, **kwargs: None)
    with pytest.raises(IntegrityError):
        services.booking_create(gathering=GatheringFactory(), name="しおり", agreed_to_rules=True)


# 10. Publishing goes through a service: history is kept.


def test_admin_publish_action_keeps_history(coordinator):
    draft = GatheringFactory(status=Gathering.Status.DRAFT)
    already = GatheringFactory(status=Gathering.Status.CANCELLED)
    before = draft.history.count()
    response = coordinator.post(
        reverse("admin:ibasho_gathering_changelist"),
        {"action": "publish", "_selected_action": [draft.pk, already.pk]},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    already.refresh_from_db()
    assert draft.status == Gathering.Status.PUBLISHED
    assert already.status == Gathering.Status.CANCELLED
    assert draft.history.count() == before + 1
    assert draft.history.first().history_user == coordinator.user


def test_gathering_publish_only_publishes_drafts():
    draft = GatheringFactory(status=Gathering.Status.DRAFT)
    assert services.gathering_publish(gathering=draft) is True
    assert services.gathering_publish(gathering=draft) is False
    draft.refresh_from_db()
    assert draft.status == Gathering.Status.PUBLISHED


# 11. A season never puts two gatherings on one day, even with the venues swapped.


def test_season_with_venues_swapped_creates_nothing_new():
    plaza, library = VenueFactory(name="プラザ"), VenueFactory(name="図書館")
    first = services.season_generate(venues=[plaza, library], year=2027, month=1, months=4, weekday=3, week=3)
    again = services.season_generate(venues=[library, plaza], year=2027, month=1, months=4, weekday=3, week=3)
    assert len(first) == 4
    assert again == []
    assert Gathering.objects.count() == 4


def test_season_validates_before_saving():
    with pytest.raises(ValidationError):
        services.season_generate(
            venues=[VenueFactory()],
            year=2027,
            month=1,
            months=2,
            weekday=3,
            week=3,
            start_time=datetime.time(16, 0),
            end_time=datetime.time(14, 0),
        )
    assert not Gathering.objects.exists()


# 12. The flyer is served by the app for published gatherings only.


def test_flyer_is_served_as_pdf_for_a_published_gathering(resident):
    gathering = GatheringFactory()
    gathering.flyer.save("flyer.pdf", ContentFile(b"%PDF-1.4 demo flyer"))
    url = reverse("ibasho:gathering-flyer", args=[gathering.pk])
    assert url == f"/ibasho/{gathering.pk}/flyer.pdf"
    response = resident.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 demo flyer"
    assert url in resident.get(reverse("ibasho:gathering-poster", args=[gathering.pk])).content.decode()


def test_flyer_is_404_for_drafts_no_flyer_and_a_missing_file(resident):
    draft = GatheringFactory(status=Gathering.Status.DRAFT)
    draft.flyer.save("draft.pdf", ContentFile(b"%PDF-1.4"))
    none = GatheringFactory()
    gone = GatheringFactory()
    gone.flyer.save("gone.pdf", ContentFile(b"%PDF-1.4"))
    default_storage.delete(gone.flyer.name)
    for gathering in (draft, none, gone):
        assert resident.get(reverse("ibasho:gathering-flyer", args=[gathering.pk])).status_code == 404


# 16. Copy: the confirmation email says 申込み.


def test_confirmation_email_subject_says_moushikomi(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_create(
            gathering=GatheringFactory(), name="しおり", email="s@example.jp", agreed_to_rules=True
        )
    (message,) = mail.outbox
    assert "申込み" in message.subject
    assert "予約" not in message.subject
