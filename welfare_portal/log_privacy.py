"""Secrets and personal data kept out of logs and of the console mail backend.

The token in /ibasho/booking/<token>/ lets anyone see and cancel that booking,
and staff searches put names and phone numbers in the query string of /admin/
and /staff/ pages (?q=山田, ?term=090...). `mask()` hides both; the gunicorn
access log, Django's own log lines (django.request, django.security) and the
console mail backend all go through it.
"""

import logging
import re

from django.core.mail.backends.console import EmailBackend as ConsoleEmailBackend

_SECRET_PATH = re.compile(r"(/ibasho/booking/)[^/\s?\"']+")
_STAFF_QUERY = re.compile(r"(/(?:admin|staff)/[^?\s\"]*)\?[^\s\"]*")


def mask(text):
    if not isinstance(text, str):
        return text
    return _STAFF_QUERY.sub(r"\1?***", _SECRET_PATH.sub(r"\1***", text))


class MaskSecretsFilter(logging.Filter):
    """A logging filter (on the console handler) that masks every record's message."""

    def filter(self, record):
        message = record.getMessage()
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


class MaskingConsoleEmailBackend(ConsoleEmailBackend):
    """The console backend (development, demo) without booking tokens in what it prints."""

    def write_message(self, message):
        # Masked before encoding: a Japanese body is printed base64-encoded.
        message.body = mask(message.body)
        alternatives = getattr(message, "alternatives", None) or []
        for i, alternative in enumerate(alternatives):
            alternatives[i] = type(alternative)(mask(alternative[0]), *alternative[1:])
        super().write_message(message)
