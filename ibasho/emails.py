"""Emails to residents. Each one carries the booking page link (settings.SITE_URL)."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string


def on_commit(send, booking):
    """Send after the transaction commits, so nobody is told of a booking that rolled back."""
    transaction.on_commit(lambda: send(booking))


def _send(template, booking, **extra):
    if not booking.email:
        return 0
    context = {
        "booking": booking,
        "gathering": booking.gathering,
        "venue": booking.gathering.venue,
        "booking_url": booking.public_url,
        "council": settings.COUNCIL,
        **extra,
    }
    subject = render_to_string(f"ibasho/email/{template}_subject.txt", context).strip()
    body = render_to_string(f"ibasho/email/{template}.txt", context)
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [booking.email])


def send_confirmation(booking):
    return _send("confirmed", booking)


def send_waitlisted(booking):
    return _send("waitlisted", booking, position=booking.waitlist_position())


def send_promoted(booking):
    return _send("promoted", booking)


def send_cancelled(booking):
    return _send("cancelled", booking)


def send_gathering_cancelled(booking):
    return _send("gathering_cancelled", booking)


def send_reminder(booking):
    return _send("reminder", booking)
