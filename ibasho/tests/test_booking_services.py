import datetime

import pytest
import time_machine
from django.core import mail

from ibasho import services
from ibasho.models import TOKYO, Booking, Gathering

from .factories import BookingFactory, GatheringFactory

pytestmark = pytest.mark.django_db


def _book(gathering, **kwargs):
    kwargs.setdefault("name", "しおり")
    kwargs.setdefault("email", "shiori@example.jp")
    kwargs.setdefault("agreed_to_rules", True)
    return services.booking_create(gathering=gathering, **kwargs)


def test_booking_within_capacity_is_confirmed_and_emailed(django_capture_on_commit_callbacks, settings):
    settings.SITE_URL = "https://portal.example.jp"
    gathering = GatheringFactory(capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        booking = _book(gathering, email="Shiori@Example.JP")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.email == "shiori@example.jp"
    assert len(booking.token) >= 32
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["shiori@example.jp"]
    assert "申込み" in message.subject
    assert f"https://portal.example.jp/ibasho/booking/{booking.token}/" in message.body


def test_booking_when_full_goes_on_the_waitlist_with_its_position(django_capture_on_commit_callbacks):
    gathering = GatheringFactory(capacity=1)
    BookingFactory(gathering=gathering)
    first = _book(gathering, email="a@example.jp")
    with django_capture_on_commit_callbacks(execute=True):
        second = _book(gathering, email="b@example.jp")
    assert first.status == Booking.Status.WAITLISTED
    assert second.status == Booking.Status.WAITLISTED
    assert first.waitlist_position() == 1
    assert second.waitlist_position() == 2
    assert "キャンセル待ち" in mail.outbox[-1].subject
    assert "2番目" in mail.outbox[-1].body
    assert second.public_url in mail.outbox[-1].body


def test_zero_capacity_waitlists_everyone():
    gathering = GatheringFactory(capacity=0)
    assert _book(gathering).status == Booking.Status.WAITLISTED


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"email": "shiori@example.jp"}, {"email": "SHIORI@example.jp "}),
        ({"email": "", "phone": "042-373-5616"}, {"email": "", "phone": "0423735616"}),
        (
            {"email": "a@example.jp", "phone": "090-1111-2222"},
            {"email": "b@example.jp", "phone": "09011112222"},
        ),
    ],
)
def test_the_same_contact_cannot_book_the_same_gathering_twice(first, second):
    gathering = GatheringFactory()
    _book(gathering, **first)
    with pytest.raises(services.AlreadyBooked):
        _book(gathering, **second)
    assert gathering.bookings.count() == 1


def test_the_same_contact_may_book_another_gathering_and_rebook_after_cancelling():
    gathering, other = GatheringFactory(), GatheringFactory()
    booking = _book(gathering)
    _book(other)
    services.booking_cancel(booking=booking)
    again = _book(gathering)
    assert again.status == Booking.Status.CONFIRMED
    assert gathering.bookings.count() == 2


def test_database_refuses_a_duplicate_that_slips_past_the_service():
    from django.db import IntegrityError, transaction

    gathering = GatheringFactory()
    BookingFactory(gathering=gathering, email="x@example.jp")
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(gathering=gathering, email="x@example.jp")


def test_a_booking_needs_an_email_or_a_phone_in_the_database():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(email="", phone_key="")


def test_bookings_close_at_the_deadline():
    gathering = GatheringFactory(
        date=datetime.date(2026, 12, 19),
        deadline=datetime.datetime(2026, 12, 18, 17, 0, tzinfo=TOKYO),
    )
    with time_machine.travel(datetime.datetime(2026, 12, 18, 16, 59, tzinfo=TOKYO), tick=False):
        assert _book(gathering, email="early@example.jp").status == Booking.Status.CONFIRMED
    with (
        time_machine.travel(datetime.datetime(2026, 12, 18, 17, 0, tzinfo=TOKYO), tick=False),
        pytest.raises(services.BookingClosed),
    ):
        _book(gathering, email="late@example.jp")


def test_without_a_deadline_bookings_close_when_the_gathering_starts():
    gathering = GatheringFactory(date=datetime.date(2026, 12, 19), deadline=None)
    with time_machine.travel(datetime.datetime(2026, 12, 19, 13, 59, tzinfo=TOKYO), tick=False):
        _book(gathering, email="a@example.jp")
    with (
        time_machine.travel(datetime.datetime(2026, 12, 19, 14, 0, tzinfo=TOKYO), tick=False),
        pytest.raises(services.BookingClosed),
    ):
        _book(gathering, email="b@example.jp")


@pytest.mark.parametrize("status", [Gathering.Status.DRAFT, Gathering.Status.CANCELLED])
def test_drafts_and_cancelled_gatherings_take_no_bookings(status):
    gathering = GatheringFactory(status=status)
    with pytest.raises(services.BookingClosed):
        _book(gathering)
    assert not gathering.bookings.exists()


def test_invalid_furigana_is_refused_by_full_clean():
    from django.core.exceptions import ValidationError

    gathering = GatheringFactory()
    with pytest.raises(ValidationError):
        _book(gathering, name_kana="shiori")
    assert not gathering.bookings.exists()
