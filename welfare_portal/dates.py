"""One date style on staff pages: 2026年12月4日(金), with the year. Files use ISO dates."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

WEEKDAYS_JA = "月火水木金土日"


def staff_date(value):
    """2026年12月4日(金) in Japanese; Django's long date with the weekday otherwise."""
    if value in (None, ""):
        return "—"
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    if (get_language() or "ja").startswith("ja"):
        return f"{value.year}年{value.month}月{value.day}日({WEEKDAYS_JA[value.weekday()]})"
    return formats.date_format(value, "D j M Y")


def staff_datetime(value):
    """2026年12月4日(金) 14:05: the date as above and the time in Tokyo."""
    if value in (None, ""):
        return "—"
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{staff_date(local)} {local:%H:%M}"


@deconstructible
class PlausibleDateValidator:
    """A date staff plan with: from 2000 to `years_ahead` years after today.

    A typo such as 9999-12-31 would otherwise be stored and break every
    calculation of "next month" that meets it.
    """

    EARLIEST = datetime.date(2000, 1, 1)

    def __init__(self, years_ahead=5):
        self.years_ahead = years_ahead

    def __call__(self, value):
        today = timezone.localdate()
        latest = today + datetime.timedelta(days=366 * self.years_ahead)
        if not (self.EARLIEST <= value <= latest):
            raise ValidationError(
                _("Please enter a date between %(earliest)s and %(latest)s."),
                code="implausible_date",
                params={"earliest": staff_date(self.EARLIEST), "latest": staff_date(latest)},
            )

    def __eq__(self, other):
        return isinstance(other, PlausibleDateValidator) and other.years_ahead == self.years_ahead
