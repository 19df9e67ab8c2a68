"""Two-factor sign-in for staff: an authenticator app (TOTP) and one-time backup codes.

Built on django-otp. A staff member signs in with a password, then gives a
six-digit code from the app (or one backup code). Who must do so is
`settings.TWO_FACTOR_REQUIRED_FOR`: everyone who can open case records by
default, or every staff user; anyone who has enrolled is always asked.
Enrolment is by QR code; a 管理者 resets a lost phone from the admin's user
list, and `manage.py two_factor_reset <login>` does it from the server when no
管理者 can sign in.
"""

import base64
import logging
import math
import unicodedata

import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

security_log = logging.getLogger("welfare_portal.security")

BACKUP_CODE_COUNT = 10
APP_DEVICE_NAME = "authenticator app"
BACKUP_DEVICE_NAME = "backup codes"
# Staff who can open case records: the permission that marks them.
CASE_RECORDS_PERMISSION = "consultations.view_case"


def has_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_required(user):
    """Must this staff user give a second factor before seeing any staff page?"""
    if settings.TWO_FACTOR_REQUIRED_FOR == "all" or user.is_superuser:
        return True
    if user.has_perm(CASE_RECORDS_PERMISSION):
        return True
    return has_device(user)


def is_satisfied(user):
    """True when this user may use the staff pages as far as the second factor goes."""
    if not (user.is_authenticated and user.is_staff):
        return True
    if user.is_verified():
        return True
    # Asked by the middleware and again by the admin site in one request.
    if not hasattr(user, "_two_factor_satisfied"):
        user._two_factor_satisfied = not is_required(user)
    return user._two_factor_satisfied


def normalize_code(code):
    """Codes typed with a Japanese IME: full-width digits folded, spaces and hyphens dropped."""
    code = unicodedata.normalize("NFKC", code or "")
    return "".join(ch for ch in code if ch.isalnum()).lower()


class TooSoon(Exception):
    """Wrong codes slow the next try down (1, 2, 4 … seconds): django-otp's throttling."""

    def __init__(self, seconds):
        super().__init__(seconds)
        self.seconds = max(1, math.ceil(seconds))


def _check_allowed(device):
    allowed, info = device.verify_is_allowed()
    if not allowed:
        locked_until = (info or {}).get("locked_until")
        raise TooSoon((locked_until - timezone.now()).total_seconds() if locked_until else 1)


def verify(user, code):
    """The device that accepts this code (app or backup), or None. Backup codes are used up.

    Raises TooSoon while the devices are throttled after wrong codes.
    """
    code = normalize_code(code)
    if not code:
        return None
    devices = [
        *TOTPDevice.objects.filter(user=user, confirmed=True),
        *StaticDevice.objects.filter(user=user, confirmed=True),
    ]
    waits = []
    for device in devices:
        try:
            _check_allowed(device)
        except TooSoon as too_soon:
            waits.append(too_soon.seconds)
            continue
        if device.verify_token(code):
            return device
    if waits and len(waits) == len(devices):
        raise TooSoon(max(waits))
    security_log.warning("Wrong second-factor code for user %s", user.pk)
    return None


@transaction.atomic
def app_device_for_setup(user):
    """An unconfirmed authenticator-app device to show as a QR code (one at a time)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def app_device_confirm(device, code):
    """Confirm a new app device with its first code; it replaces any earlier one. True if the code fits.

    Raises TooSoon right after a wrong code (throttling)."""
    _check_allowed(device)
    if not device.verify_token(normalize_code(code)):
        return False
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    security_log.info("Second factor enrolled for user %s", device.user_id)
    return True


@transaction.atomic
def backup_codes_new(user):
    """Ten new one-time backup codes; the earlier ones stop working. Shown once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def reset(*, user, by=None):
    """Forget every second factor of `user` (a lost phone): they enrol again at their next sign-in."""
    deleted = TOTPDevice.objects.filter(user=user).delete()[0]
    deleted += StaticDevice.objects.filter(user=user).delete()[0]
    security_log.warning(
        "Second factor reset for user %s by %s", user.pk, getattr(by, "pk", "the server command")
    )
    return deleted


def qr_code_data_uri(device):
    """The enrolment QR code as an SVG data URI (allowed by the CSP's img-src)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def secret_for_typing(device):
    """The secret in groups of four, for typing into an app that cannot scan."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
