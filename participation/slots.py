"""Days and times as one small number: seven days × morning, afternoon, evening.

Bit `day * 3 + period` is set when the activity takes place (or the person can
come) on that day and part of the day; 0 means "not fixed" (arranged with each
person) for an activity and "not known yet" for a person. Matching needs only
`a & b`, so 100,000 pairs cost nothing.
"""

from django import forms
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

DAYS = [
    pgettext_lazy("weekday", "Mon"),
    pgettext_lazy("weekday", "Tue"),
    pgettext_lazy("weekday", "Wed"),
    pgettext_lazy("weekday", "Thu"),
    pgettext_lazy("weekday", "Fri"),
    pgettext_lazy("weekday", "Sat"),
    pgettext_lazy("weekday", "Sun"),
]
PERIODS = [_("morning"), _("afternoon"), _("evening")]
ALL = (1 << (len(DAYS) * len(PERIODS))) - 1


def bit(day, period):
    return 1 << (day * len(PERIODS) + period)


def from_codes(codes):
    """["1-0", "3-1"] (day-period, as the form sends them) -> bitmask."""
    value = 0
    for code in codes:
        day, _sep, period = str(code).partition("-")
        value |= bit(int(day), int(period))
    return value


def to_codes(value):
    return [f"{d}-{p}" for d in range(len(DAYS)) for p in range(len(PERIODS)) if (value or 0) & bit(d, p)]


def label(day, period):
    return _("%(day)s %(period)s") % {"day": DAYS[day], "period": PERIODS[period]}


def describe(value):
    """ "火 午前・木 午後" for a bitmask; "" for 0."""
    return "・".join(
        str(label(d, p)) for d in range(len(DAYS)) for p in range(len(PERIODS)) if (value or 0) & bit(d, p)
    )


CHOICES = [(f"{d}-{p}", label(d, p)) for d in range(len(DAYS)) for p in range(len(PERIODS))]


class SlotsWidget(forms.CheckboxSelectMultiple):
    """Checkboxes laid out as a week: a row per day, a column per part of the day (CSS grid)."""

    template_name = "participation/widgets/slots.html"


class SlotsFormField(forms.TypedMultipleChoiceField):
    widget = SlotsWidget

    def __init__(self, **kwargs):
        for unused in ("max_length", "min_value", "max_value", "empty_value", "coerce"):
            kwargs.pop(unused, None)
        kwargs.setdefault("required", False)
        super().__init__(choices=CHOICES, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            return to_codes(value)
        return value

    def clean(self, value):
        return from_codes(super().clean(value) or [])

    def has_changed(self, initial, data):
        initial_codes = set(to_codes(initial) if isinstance(initial, int) else initial or [])
        return initial_codes != set(data or [])


class SlotsField(models.PositiveIntegerField):
    """A model field holding the bitmask; its form field is a week of checkboxes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", 0)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("validators", [MaxValueValidator(ALL)])
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("validators", None)
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        # The admin offers its number widget for integer fields: the week of checkboxes wins.
        widget = kwargs.pop("widget", None)
        if widget is not None and isinstance(widget, type) and issubclass(widget, SlotsWidget):
            kwargs["widget"] = widget
        return models.Field.formfield(self, form_class=SlotsFormField, **kwargs)
