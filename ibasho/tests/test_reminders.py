import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from ibasho.models import TOKYO, Booking, Gathering

from .factories import BookingFactory, GatheringFactory

pytestmark = pytest.mark.django_db


def test_reminders_go_the_day_before_once_even_when_run_twice(settings):
    settings.SITE_URL = "https://portal.example.jp"
    tomorrow = GatheringFactory(date=datetime.date(2026, 12, 19))
    later = GatheringFactory(date=datetime.date(2026, 12, 20))
    cancelled_gathering = GatheringFactory(
        date=datetime.date(2026, 12, 19), status=Gathering.Status.CANCELLED
    )
    going = BookingFactory(gathering=tomorrow, email="going@example.jp")
    BookingFactory(gathering=tomorrow, email="waiting@example.jp", status=Booking.Status.WAITLISTED)
    BookingFactory(gathering=tomorrow, email="", phone="090-1111-2222", phone_key="09011112222")
    BookingFactory(gathering=later, email="later@example.jp")
    BookingFactory(gathering=cancelled_gathering, email="off@example.jp")
    # Today in Tokyo, but "tomorrow" for anyone who reads the date in UTC.
    BookingFactory(gathering=GatheringFactory(date=datetime.date(2026, 12, 18)), email="today@example.jp")

    # 08:00 in Tokyo is 23:00 the day before in UTC: a UTC date would pick the wrong gatherings.
    with time_machine.travel(datetime.datetime(2026, 12, 18, 8, 0, tzinfo=TOKYO), tick=False):
        call_command("send_gathering_reminders")
        call_command("send_gathering_reminders")

    assert [m.to for m in mail.outbox] == [["going@example.jp"]]
    assert "明日" in mail.outbox[0].subject
    assert f"https://portal.example.jp/ibasho/booking/{going.token}/" in mail.outbox[0].body
    going.refresh_from_db()
    assert going.reminder_sent_at == datetime.datetime(2026, 12, 18, 8, 0, tzinfo=TOKYO)
