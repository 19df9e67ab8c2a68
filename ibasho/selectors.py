"""Reads for Space Shiori: the person and household timelines and the numbers."""

import datetime

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from welfare_portal.dates import staff_date
from welfare_portal.staff_home import Tile
from welfare_portal.statistics import Section, Table, count_many_by_month, count_row, series
from welfare_portal.timeline import TimelineEntry

from .models import Booking, Gathering

PROGRAMME = "居場所支援"


def _entries(bookings):
    entries = []
    for booking in bookings:
        gathering = booking.gathering
        detail = booking.get_status_display()
        if booking.attendance:
            detail = f"{detail}・{booking.get_attendance_display()}"
        entries.append(
            TimelineEntry(
                when=gathering.starts_at,
                programme=PROGRAMME,
                title=f"{gathering.title}({gathering.venue.name})",
                detail=detail,
                admin_url=reverse("admin:ibasho_booking_change", args=[booking.pk]),
            )
        )
    return entries


def person_timeline(person):
    """The person's Space Shiori bookings, newest gathering first."""
    bookings = (
        Booking.objects.filter(person=person)
        .select_related("gathering__venue")
        .order_by("-gathering__date", "-pk")
    )
    return _entries(bookings)


def household_timeline(household):
    bookings = (
        Booking.objects.filter(person__household=household)
        .select_related("gathering__venue", "person")
        .order_by("-gathering__date", "-pk")
    )
    return _entries(bookings)


def gathering_numbers(*, gatherings=None):
    """Per gathering: booked (confirmed), waitlisted, attended, first-timers."""
    qs = gatherings if gatherings is not None else Gathering.objects.all()
    return qs.with_counts().order_by("-date", "-start_time")


def monthly_numbers():
    """Per month: gatherings held, gatherings cancelled, and for the held ones booked
    (confirmed), attended and first-timers. A cancelled gathering's bookings count nowhere."""
    held = Q(status=Gathering.Status.PUBLISHED)
    confirmed = held & Q(bookings__status=Booking.Status.CONFIRMED)
    return (
        Gathering.objects.exclude(status=Gathering.Status.DRAFT)
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(
            gatherings=Count("pk", filter=held, distinct=True),
            cancelled=Count("pk", filter=Q(status=Gathering.Status.CANCELLED), distinct=True),
            booked=Count("bookings", filter=confirmed),
            attended=Count("bookings", filter=held & Q(bookings__attendance=Booking.Attendance.ATTENDED)),
            first_timers=Count("bookings", filter=confirmed & Q(bookings__first_time=True)),
        )
        .order_by("-month")
    )


def staff_home_tiles(*, user, today):
    """This week's gatherings with their bookings, and the pages for the day itself (for those who run them)."""
    if not user.has_perm("ibasho.change_booking"):
        return []
    section = _("Space Shiori")
    week = list(
        Gathering.objects.with_counts()
        .filter(date__gte=today, date__lte=today + datetime.timedelta(days=6))
        .exclude(status=Gathering.Status.CANCELLED)
        .order_by("date", "start_time")
    )
    tiles = []
    for gathering in week:
        links = [
            (_("Roster"), reverse("ibasho_staff:gathering-roster", args=[gathering.pk])),
            (_("Attendance"), reverse("ibasho_staff:gathering-attendance", args=[gathering.pk])),
        ]
        tiles.append(
            Tile(
                section,
                f"{staff_date(gathering.date)} {gathering.start_time:%H:%M} {gathering.venue.name}",
                reverse("admin:ibasho_gathering_change", args=[gathering.pk]),
                count=gathering.confirmed_count,
                note=_("%(confirmed)d of %(capacity)d places booked, %(waiting)d on the waiting list")
                % {
                    "confirmed": gathering.confirmed_count,
                    "capacity": gathering.capacity,
                    "waiting": gathering.waitlisted_count,
                },
                links=tuple(links),
            )
        )
    if not tiles:
        tiles.append(
            Tile(
                section,
                _("No gathering this week"),
                reverse("admin:ibasho_gathering_changelist")
                + f"?date__year={today.year}&date__month={today.month}",
                note=_("See this month's gatherings and their bookings."),
            )
        )
    return tiles


def statistics_sections(*, period, user):
    """居場所 (Space Shiori) for the monthly figures, by the month of the gathering.

    Bookings count for held gatherings only, as on the numbers page; a cancelled
    gathering is counted on its own line.
    """
    gatherings = count_many_by_month(
        Gathering.objects.exclude(status=Gathering.Status.DRAFT),
        "date",
        period,
        values={
            "held": Count("pk", filter=Q(status=Gathering.Status.PUBLISHED)),
            "cancelled": Count("pk", filter=Q(status=Gathering.Status.CANCELLED)),
            "places": Sum("capacity", filter=Q(status=Gathering.Status.PUBLISHED), default=0),
        },
    )
    bookings = count_many_by_month(
        Booking.objects.filter(gathering__status=Gathering.Status.PUBLISHED),
        "gathering__date",
        period,
        values={
            "received": Count("pk"),
            "confirmed": Count("pk", filter=Q(status=Booking.Status.CONFIRMED)),
            "attended": Count("pk", filter=Q(attendance=Booking.Attendance.ATTENDED)),
            "first_timers": Count("pk", filter=Q(status=Booking.Status.CONFIRMED, first_time=True)),
            "promoted": Count("pk", filter=Q(promoted_at__isnull=False)),
            "cancelled": Count("pk", filter=Q(status=Booking.Status.CANCELLED)),
        },
    )
    held = (
        count_row("held", _("Gatherings held"), series(gatherings["held"], period)),
        count_row("cancelled", _("Gatherings cancelled"), series(gatherings["cancelled"], period)),
        count_row("places", _("Places offered"), series(gatherings["places"], period)),
    )
    booked = (
        count_row("received", _("Bookings received"), series(bookings["received"], period)),
        count_row("confirmed", _("Booked (confirmed places)"), series(bookings["confirmed"], period)),
        count_row("attended", _("Attended"), series(bookings["attended"], period)),
        count_row("first-timers", _("First-timers"), series(bookings["first_timers"], period)),
        count_row("promoted", _("Moved up from the waiting list"), series(bookings["promoted"], period)),
        count_row("cancelled", _("Bookings cancelled"), series(bookings["cancelled"], period)),
    )
    links = []
    if user.has_perm("ibasho.view_gathering"):
        links.append((_("Space Shiori in numbers"), reverse("ibasho_staff:numbers")))
    tables = (
        Table(
            "ibasho-gatherings",
            _("Gatherings and places"),
            held,
            unit=pgettext("unit", "gatherings / places"),
        ),
        Table(
            "ibasho-bookings",
            _("Bookings and attendance"),
            booked,
            unit=pgettext("unit", "people"),
            note=_("Counted in the month of the gathering. First-timers are among the confirmed places."),
            chart=("confirmed", "attended", "first-timers"),
        ),
    )
    return [Section("ibasho", _("Space Shiori"), tables, tuple(links))]


def person_records(person):
    """{model label: ids} of the person's bookings, for the access log."""
    return {"ibasho.booking": Booking.objects.filter(person=person).values("pk")}
