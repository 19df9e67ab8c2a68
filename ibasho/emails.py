"""Emails to residents. Each one carries the booking page link (settings.SITE_URL)."""

import functools
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def on_commit(send, booking):
    """Send after the transaction commits, so nobody is told of a booking that rolled back.

    A failing mail server must not turn a saved booking into an error page, nor
    stop the other emails queued in the same transaction: the failure is logged
    with the booking's id only (never an address or a name).
    """
    transaction.on_commit(functools.partial(send_safely, send, booking))


def send_safely(send, booking):
    try:
        return send(booking)
    except Exception as error:
        # The exception text may hold addresses (SMTPRecipientsRefused), so only its class is logged.
        logger.error(
            "Email %s for booking %s could not be sent (%s)", send.__name__, booking.pk, type(error).__name__
        )
        return 0


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
