"""Small display helpers for the consultations staff pages."""

import datetime

from django import template

from welfare_portal.dates import staff_date, staff_datetime

register = template.Library()


@register.filter
def when(value):
    """A timeline moment: with the time when it has one, the date alone otherwise."""
    if isinstance(value, datetime.datetime):
        return staff_datetime(value)
    return staff_date(value)


@register.filter
def rating_word(direction):
    """How a life area's rating moved, in words (not only an arrow or a colour)."""
    from django.utils.translation import gettext as _

    return {"better": _("better"), "worse": _("worse"), "same": _("no change")}.get(direction, "")
