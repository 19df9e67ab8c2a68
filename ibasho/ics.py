"""The calendar file (.ics) for a booking: Asia/Tokyo times and the venue."""

from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone


def booking_ics(booking):
    gathering = booking.gathering
    venue = gathering.venue
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{settings.COUNCIL['name']}//Space Shiori//JA")
    cal.add("version", "2.0")
    event = icalendar.Event()
    event.add("uid", f"ibasho-{booking.token}@{urlsplit(settings.SITE_URL).hostname or 'localhost'}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", gathering.starts_at)
    event.add("dtend", gathering.ends_at)
    event.add("summary", gathering.title)
    event.add("location", venue.location_text)
    event.add("url", booking.public_url)
    event.add("description", f"{booking.public_url}\n{settings.COUNCIL['name']} {settings.COUNCIL['phone']}")
    cal.add_component(event)
    # Adds the VTIMEZONE for Asia/Tokyo so calendar apps read the times right.
    cal.add_missing_timezones()
    return cal.to_ical()
