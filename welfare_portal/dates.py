"""One date style on staff pages: 2026年12月4日(金), with the year. Files use ISO dates."""

import datetime

from django.utils import formats, timezone
from django.utils.translation import get_language

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
