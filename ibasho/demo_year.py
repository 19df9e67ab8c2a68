"""A year and more of past Space Shiori gatherings, so the monthly figures mean something.

Two gatherings a month from April of last fiscal year until today (third
Thursday and first Tuesday, alternating venues, one cancelled for a typhoon),
with bookings, waiting lists, promotions, cancellations and attendance. A fixed
seed makes every run the same; gatherings that exist are left as they are.
"""

import datetime
import random

from django.utils import timezone

from welfare_portal.statistics import fiscal_year_of

from .models import TOKYO, Booking, Gathering, Venue
from .services import season_dates, venue_defaults

NICKNAMES = [
    "あお",
    "みどり",
    "そら",
    "はる",
    "なつ",
    "ゆき",
    "たろう",
    "さくら",
    "りん",
    "かい",
    "もも",
    "けい",
]


def _at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=TOKYO)


def load(*, stdout):
    today = timezone.localdate()
    rng = random.Random("ibasho-demo-year")
    venues = list(Venue.objects.filter(name__in=[v["name"] for v in venue_defaults()]).order_by("name"))
    if len(venues) < 2:
        return
    first = datetime.date(fiscal_year_of(today) - 1, 4, 1)
    months = (today.year - first.year) * 12 + today.month - first.month + 1
    thursdays = season_dates(year=first.year, month=first.month, months=months, weekday=3, week=3)
    tuesdays = season_dates(year=first.year, month=first.month, months=months, weekday=1, week=1)
    created = 0
    for index, day in enumerate(sorted(thursdays + tuesdays)):
        if day >= today:
            continue
        venue = venues[index % 2]
        if Gathering.objects.filter(venue=venue, date=day, start_time=datetime.time(14, 0)).exists():
            continue
        typhoon = day.month == 9 and day.day >= 15 and day.year == first.year
        gathering = Gathering.objects.create(
            venue=venue,
            date=day,
            start_time=datetime.time(14, 0),
            end_time=datetime.time(16, 0),
            capacity=8,
            status=Gathering.Status.CANCELLED if typhoon else Gathering.Status.PUBLISHED,
            cancelled_at=_at(day - datetime.timedelta(days=1), 12) if typhoon else None,
            description="(デモ)過去の開催回",
        )
        _bookings(rng, gathering, cancelled=typhoon)
        created += 1
    stdout.write(f"ibasho: {created} past gatherings with bookings and attendance")


def _bookings(rng, gathering, *, cancelled):
    bookings = []
    wanted = rng.randint(4, 11)
    confirmed = 0
    for number in range(wanted):
        booked_at = _at(gathering.date - datetime.timedelta(days=rng.randint(2, 20)), rng.randint(8, 22))
        booking = Booking(
            gathering=gathering,
            name=rng.choice(NICKNAMES),
            email=f"demo-{gathering.date:%y%m%d}-{number}@example.jp",
            first_time=rng.random() < 0.3,
            agreed_to_rules=True,
            created_at=booked_at,
        )
        if cancelled:
            booking.status, booking.cancelled_at = Booking.Status.CANCELLED, _at(gathering.date, 9)
        elif rng.random() < 0.12:
            booking.status = Booking.Status.CANCELLED
            booking.cancelled_at = booked_at + datetime.timedelta(days=1)
        elif confirmed < gathering.capacity:
            confirmed += 1
            booking.attendance = (
                Booking.Attendance.ATTENDED if rng.random() < 0.82 else Booking.Attendance.ABSENT
            )
        elif rng.random() < 0.5:
            # Someone cancelled late, so the first on the waiting list moved up.
            booking.promoted_at = _at(gathering.date - datetime.timedelta(days=1), 10)
            booking.attendance = Booking.Attendance.ATTENDED
        else:
            booking.status = Booking.Status.WAITLISTED
        bookings.append(booking)
    Booking.objects.bulk_create(bookings)
