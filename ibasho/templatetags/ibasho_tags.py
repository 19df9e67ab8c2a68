from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import pgettext

register = template.Library()


@register.filter
def gathering_date(value):
    """12月19日(木) in Japanese, "Thu 19 December" in English."""
    if not value:
        return ""
    return date_format(value, pgettext("gathering date with weekday", "D j F"))


@register.filter
def gathering_date_year(value):
    """2026年12月19日(木): the poster and calendar pages show the year too."""
    if not value:
        return ""
    return date_format(value, pgettext("gathering date with weekday and year", "D j F Y"))


@register.filter
def deadline(value):
    """Deadline as 12月18日(水) 17:00, in local time."""
    if not value:
        return ""
    return date_format(timezone.localtime(value), pgettext("deadline with weekday and time", "D j F H:i"))
