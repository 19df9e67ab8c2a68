import datetime

import pytest
import time_machine
from django.core import mail

from ibasho import services
from ibasho.models import TOKYO, Booking, Gathering

from .factories import BookingFactory, GatheringFactory

pytestmark = pytest.mark.django_db


def test_cancelling_a_place_promotes_the_first_waiting_and_emails_them(django_capture_on_commit_callbacks):
    gathering = GatheringFactory(capacity=1)
    confirmed = services.booking_create(
        gathering=gathering, name="一人目", email="one@example.jp", agreed_to_rules=True
    )
    first_waiting = services.booking_create(
        gathering=gathering, name="二人目", email="two@example.jp", agreed_to_rules=True
    )
    second_waiting = services.booking_create(
        gathering=gathering, name="三人目", email="three@example.jp", agreed_to_rules=True
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=confirmed)

    confirmed.refresh_from_db()
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert confirmed.status == Booking.Status.CANCELLED
    assert confirmed.cancelled_at is not None
    assert first_waiting.status == Booking.Status.CONFIRMED
    assert first_waiting.promoted_at is not None
    assert second_waiting.status == Booking.Status.WAITLISTED
    assert second_waiting.waitlist_position() == 1
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"one@example.jp", "two@example.jp"}
    assert "キャンセル" in by_address["one@example.jp"].subject
    assert first_waiting.public_url in by_address["two@example.jp"].body
    assert "確定" in by_address["two@example.jp"].body


def test_leaving_the_waitlist_promotes_nobody():
    gathering = GatheringFactory(capacity=1)
    BookingFactory(gathering=gathering)
    waiting = services.booking_create(
        gathering=gathering, name="待ち", email="w@example.jp", agreed_to_rules=True
    )
    behind = services.booking_create(
        gathering=gathering, name="後ろ", email="b@example.jp", agreed_to_rules=True
    )
    services.booking_cancel(booking=waiting)
    behind.refresh_from_db()
    assert behind.status == Booking.Status.WAITLISTED
    assert behind.waitlist_position() == 1
    assert gathering.bookings.confirmed().count() == 1


def test_a_cancelled_booking_cannot_be_cancelled_again():
    booking = BookingFactory()
    services.booking_cancel(booking=booking)
    with pytest.raises(services.NotCancellable):
        services.booking_cancel(booking=booking)


def test_no_cancelling_after_the_gathering_has_ended():
    gathering = GatheringFactory(date=datetime.date(2026, 12, 19))
    booking = BookingFactory(gathering=gathering)
    with (
        time_machine.travel(datetime.datetime(2026, 12, 19, 16, 0, tzinfo=TOKYO), tick=False),
        pytest.raises(services.NotCancellable),
    ):
        services.booking_cancel(booking=booking)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_raising_the_capacity_fills_places_from_the_waitlist():
    gathering = GatheringFactory(capacity=1)
    BookingFactory(gathering=gathering)
    waiting = [
        services.booking_create(
            gathering=gathering, name=f"待ち{i}", email=f"w{i}@example.jp", agreed_to_rules=True
        )
        for i in range(3)
    ]
    gathering.capacity = 3
    gathering.save()
    promoted = services.gathering_fill_places(gathering=gathering)
    assert [b.pk for b in promoted] == [waiting[0].pk, waiting[1].pk]
    assert gathering.bookings.waitlisted().get().pk == waiting[2].pk


def test_cancelling_a_gathering_notifies_everyone_booked_or_waiting(django_capture_on_commit_callbacks):
    gathering = GatheringFactory(capacity=1)
    services.booking_create(gathering=gathering, name="確定", email="c@example.jp", agreed_to_rules=True)
    services.booking_create(gathering=gathering, name="待ち", email="w@example.jp", agreed_to_rules=True)
    gone = services.booking_create(
        gathering=GatheringFactory(), name="別", email="x@example.jp", agreed_to_rules=True
    )
    cancelled = BookingFactory(gathering=gathering, email="gone@example.jp", status=Booking.Status.CANCELLED)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.gathering_cancel(gathering=gathering)
    gathering.refresh_from_db()
    assert gathering.status == Gathering.Status.CANCELLED
    assert sorted(m.to[0] for m in mail.outbox) == ["c@example.jp", "w@example.jp"]
    assert all("中止" in m.subject for m in mail.outbox)
    assert cancelled.email not in [m.to[0] for m in mail.outbox]
    assert gone.email not in [m.to[0] for m in mail.outbox]


def test_attendance_is_recorded_for_confirmed_bookings_only():
    booking = BookingFactory()
    services.booking_mark_attendance(booking=booking, attendance=Booking.Attendance.ATTENDED)
    booking.refresh_from_db()
    assert booking.attendance == Booking.Attendance.ATTENDED
    waiting = BookingFactory(status=Booking.Status.WAITLISTED)
    with pytest.raises(services.BookingError):
        services.booking_mark_attendance(booking=waiting, attendance=Booking.Attendance.ATTENDED)
