"""Business rules for Space Shiori: booking, waitlist, cancellation, seasons, reminders.

Capacity holds under concurrent requests because every write that changes who
has a place first locks the gathering row (`SELECT ... FOR UPDATE` on
PostgreSQL; on SQLite the transaction is IMMEDIATE, see settings), so counting
the confirmed places and inserting the new booking happen one request at a time.
"""

import datetime
import logging

import holidays
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from welfare_portal import text
from welfare_portal.errors import DomainError

from . import emails
from .models import TOKYO, Booking, Gathering, Venue

logger = logging.getLogger(__name__)


class BookingError(DomainError):
    """A rule stopped the booking; the message is for the resident."""

    message = _("This booking could not be made.")


class BookingClosed(BookingError):
    message = _("Bookings for this gathering are closed.")


class AlreadyBooked(BookingError):
    message = _(
        "You have already booked this gathering with this contact. Please check the email we sent you."
    )


class NotCancellable(BookingError):
    message = _("This booking can no longer be cancelled.")


class CapacityBelowBookings(BookingError):
    """Staff tried to lower the capacity below the places already confirmed."""

    def __init__(self, confirmed):
        self.confirmed = confirmed
        self.message = _(
            "%(count)d places are already confirmed, so the capacity cannot be lower than that. "
            "Cancel bookings first (they are told by email) if fewer people can come."
        ) % {"count": confirmed}
        super().__init__(self.message)


def _lock_gathering(gathering):
    return Gathering.objects.select_for_update().select_related("venue").get(pk=gathering.pk)


def booking_create(
    *,
    gathering,
    name,
    email="",
    phone="",
    name_kana="",
    first_time=False,
    needs="",
    agreed_to_rules,
    now=None,
):
    """Book a place, or a place on the waitlist when the gathering is full.

    Raises BookingClosed after the deadline or when the gathering is not open,
    AlreadyBooked when the same email or phone number already holds a place or
    a waiting place for this gathering.
    """
    now = now or timezone.now()
    email = text.normalize_email(email)
    phone = phone or ""
    phone_key = text.phone_digits(phone)
    try:
        with transaction.atomic():
            gathering = _lock_gathering(gathering)
            if not gathering.is_open_for_booking(now=now):
                raise BookingClosed()
            same = gathering.bookings.active()
            if (email and same.filter(email=email).exists()) or (
                phone_key and same.filter(phone_key=phone_key).exists()
            ):
                raise AlreadyBooked()
            confirmed = gathering.bookings.confirmed().count()
            status = Booking.Status.CONFIRMED if confirmed < gathering.capacity else Booking.Status.WAITLISTED
            booking = Booking(
                gathering=gathering,
                name=name,
                name_kana=name_kana,
                email=email,
                phone=phone,
                phone_key=phone_key,
                first_time=first_time,
                needs=needs,
                agreed_to_rules=agreed_to_rules,
                status=status,
                created_at=now,
            )
            booking.full_clean(exclude=["gathering"])
            booking.save()
            if status == Booking.Status.CONFIRMED:
                emails.on_commit(emails.send_confirmation, booking)
            else:
                emails.on_commit(emails.send_waitlisted, booking)
    except IntegrityError as exc:
        # The partial unique constraints are the last line against duplicates; any
        # other integrity error is a bug and must surface as one.
        if _contact_taken(gathering=gathering, email=email, phone_key=phone_key):
            raise AlreadyBooked() from exc
        raise
    return booking


def _contact_taken(*, gathering, email, phone_key, exclude_pk=None):
    """Which of email / phone already hold an active booking for this gathering."""
    active = Booking.objects.active().filter(gathering_id=gathering.pk).exclude(pk=exclude_pk)
    taken = []
    if email and active.filter(email=email).exists():
        taken.append("email")
    if phone_key and active.filter(phone_key=phone_key).exists():
        taken.append("phone")
    return taken


def booking_contact_errors(*, booking, email, phone):
    """Field errors when staff change a booking's contact to one already booked for the gathering."""
    if booking.status == Booking.Status.CANCELLED:
        return {}
    taken = _contact_taken(
        gathering=booking.gathering,
        email=text.normalize_email(email),
        phone_key=text.phone_digits(phone),
        exclude_pk=booking.pk,
    )
    message = _("Another booking for this gathering already uses this contact.")
    return dict.fromkeys(taken, message)


@transaction.atomic
def booking_contact_update(*, booking):
    """Save staff edits to a booking: contact normalised, the phone key kept in step, no duplicates."""
    booking.email = text.normalize_email(booking.email)
    booking.phone_key = text.phone_digits(booking.phone)
    errors = booking_contact_errors(booking=booking, email=booking.email, phone=booking.phone)
    if errors:
        raise ValidationError(errors)
    booking.full_clean(exclude=["gathering", "person"])
    booking.save()
    return booking


def waitlist_promote(*, gathering, now=None):
    """Give free places to the first on the waitlist; returns the promoted bookings.

    Call inside a transaction that holds the gathering's row lock.
    """
    now = now or timezone.now()
    promoted = []
    # Once the gathering has started nobody can still come: no more promotions.
    if gathering.status != Gathering.Status.PUBLISHED or now >= gathering.starts_at:
        return promoted
    free = gathering.capacity - gathering.bookings.confirmed().count()
    for booking in gathering.bookings.waitlisted()[: max(free, 0)]:
        booking.status = Booking.Status.CONFIRMED
        booking.promoted_at = now
        booking.save(update_fields=["status", "promoted_at"])
        emails.on_commit(emails.send_promoted, booking)
        promoted.append(booking)
    return promoted


@transaction.atomic
def booking_cancel(*, booking, now=None, notify=True):
    """Cancel a place or leave the waitlist; a freed place goes to the first waiting.

    Only before the gathering starts, only while it is published, and never once
    staff have recorded attendance (that record is kept).
    """
    now = now or timezone.now()
    gathering = _lock_gathering(booking.gathering)
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    booking.gathering = gathering
    if not booking_is_cancellable(booking=booking, now=now):
        raise NotCancellable()
    was_confirmed = booking.status == Booking.Status.CONFIRMED
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = now
    booking.save(update_fields=["status", "cancelled_at"])
    if notify:
        emails.on_commit(emails.send_cancelled, booking)
    if was_confirmed:
        waitlist_promote(gathering=gathering, now=now)
    return booking


def booking_is_cancellable(*, booking, now=None):
    now = now or timezone.now()
    gathering = booking.gathering
    return (
        booking.status != Booking.Status.CANCELLED
        and booking.attendance == Booking.Attendance.UNKNOWN
        and gathering.status == Gathering.Status.PUBLISHED
        and now < gathering.starts_at
    )


@transaction.atomic
def booking_mark_attendance(*, booking, attendance):
    """参加・欠席 on the day; only confirmed bookings have attendance."""
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status != Booking.Status.CONFIRMED:
        raise BookingError()
    booking.attendance = attendance
    booking.full_clean(exclude=["gathering", "person"])
    booking.save(update_fields=["attendance"])
    return booking


@transaction.atomic
def booking_link_person(*, booking, person):
    """Staff know who this is: the booking shows on the person's record."""
    booking.person = person
    booking.save(update_fields=["person"])
    return booking


@transaction.atomic
def gathering_publish(*, gathering, now=None):
    """Publish a draft: residents see it, and anyone already waiting gets a free place."""
    gathering = _lock_gathering(gathering)
    if gathering.status != Gathering.Status.DRAFT:
        return False
    gathering.status = Gathering.Status.PUBLISHED
    gathering.full_clean()
    gathering.save()
    waitlist_promote(gathering=gathering, now=now)
    return True


@transaction.atomic
def gathering_cancel(*, gathering, now=None):
    """中止: close the gathering and tell everyone booked or waiting."""
    now = now or timezone.now()
    gathering = _lock_gathering(gathering)
    if gathering.status == Gathering.Status.CANCELLED:
        return gathering
    gathering.status = Gathering.Status.CANCELLED
    gathering.cancelled_at = now
    gathering.save(update_fields=["status", "cancelled_at", "updated_at"])
    for booking in gathering.bookings.active().select_related("gathering__venue"):
        emails.on_commit(emails.send_gathering_cancelled, booking)
    return gathering


def _nth_weekday(year, month, weekday, week):
    first = datetime.date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + datetime.timedelta(days=offset + 7 * (week - 1))


def season_dates(*, year, month, months, weekday, week):
    """One date per month: the `week`-th `weekday`, moved a week on (or back) off a public holiday."""
    jp_holidays = holidays.Japan(years=range(year, year + months // 12 + 2))
    dates = []
    for i in range(months):
        y, m = year + (month - 1 + i) // 12, (month - 1 + i) % 12 + 1
        preferred = _nth_weekday(y, m, weekday, week)
        candidates = [preferred + datetime.timedelta(days=7 * k) for k in range(0, 5)]
        candidates += [preferred - datetime.timedelta(days=7 * k) for k in range(1, 5)]
        chosen = next(
            (d for d in candidates if d.month == m and d.year == y and d not in jp_holidays),
            None,
        )
        if chosen is not None:
            dates.append(chosen)
    return dates


@transaction.atomic
def season_generate(
    *,
    venues,
    year,
    month,
    months,
    weekday,
    week,
    start_time=datetime.time(14, 0),
    end_time=datetime.time(16, 0),
    capacity=10,
    title="スペース栞",
    status=Gathering.Status.DRAFT,
    rules="",
):
    """A season of monthly gatherings alternating between `venues`, off public holidays.

    Dates that already have a gathering at that start time (at either venue) are
    kept as they are, so generating the same season twice, even with the venues
    swapped, creates nothing new. Returns the gatherings created.
    """
    venues = list(venues)
    if not venues:
        raise ValueError("season_generate needs at least one venue")
    created = []
    for i, day in enumerate(season_dates(year=year, month=month, months=months, weekday=weekday, week=week)):
        venue = venues[i % len(venues)]
        deadline = datetime.datetime.combine(
            day - datetime.timedelta(days=1), datetime.time(17, 0), tzinfo=TOKYO
        )
        if Gathering.objects.filter(date=day, start_time=start_time).exists():
            continue
        gathering = Gathering(
            venue=venue,
            date=day,
            start_time=start_time,
            title=title,
            end_time=end_time,
            capacity=capacity,
            deadline=deadline,
            status=status,
            rules=rules,
        )
        gathering.full_clean()
        gathering.save()
        created.append(gathering)
    return created


def reminders_send(*, now=None):
    """Email the day-before reminder to confirmed bookings; returns how many were sent.

    Each booking is claimed with a conditional UPDATE before its email goes out,
    so running the command twice (or twice at once) sends each reminder once.
    """
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    candidates = (
        Booking.objects.confirmed()
        .filter(
            gathering__date=tomorrow,
            gathering__status=Gathering.Status.PUBLISHED,
            reminder_sent_at__isnull=True,
        )
        .exclude(email="")
        .select_related("gathering__venue")
    )
    sent = 0
    for booking in candidates:
        claimed = Booking.objects.filter(pk=booking.pk, reminder_sent_at__isnull=True).update(
            reminder_sent_at=now
        )
        if not claimed:
            continue
        try:
            emails.send_reminder(booking)
        except Exception:
            # Release the claim so the next run tries again; no personal data in the log.
            Booking.objects.filter(pk=booking.pk).update(reminder_sent_at=None)
            logger.exception("Reminder for booking %s could not be sent", booking.pk)
            continue
        sent += 1
    return sent


def venue_defaults():
    """The two venues of seed 000 (used by the demo and the first migration of data)."""
    return [
        {
            "name": "二幸産業・NSP健幸福祉プラザ(多摩市総合福祉センター)",
            "address": "多摩市南野3-15-1",
            "room": "6階 創作室",
        },
        {
            "name": "多摩市立中央図書館",
            "address": "多摩市落合2-35",
            "room": "2階 活動室",
        },
    ]


def venues_ensure():
    """Create or update the seed venues; returns them in alternation order."""
    result = []
    for data in venue_defaults():
        venue, _created = Venue.objects.update_or_create(name=data["name"], defaults=data)
        result.append(venue)
    return result


@transaction.atomic
@transaction.atomic
def gathering_save(*, gathering, now=None):
    """Staff's edits to a gathering (not its cancelling: see gathering_cancel).

    Under the gathering's row lock, so no booking slips in between: the capacity
    may not drop below the places already confirmed (CapacityBelowBookings); a
    raised capacity gives the new places to those waiting. Returns the promoted
    bookings.
    """
    if gathering.pk is not None:
        confirmed = _lock_gathering(gathering).bookings.confirmed().count()
        if gathering.capacity < confirmed:
            raise CapacityBelowBookings(confirmed)
    gathering.full_clean()
    gathering.save()
    return waitlist_promote(gathering=gathering, now=now)


def gathering_fill_places(*, gathering, now=None):
    """After staff raise the capacity (or reopen), give the new places to those waiting."""
    gathering = _lock_gathering(gathering)
    return waitlist_promote(gathering=gathering, now=now)
