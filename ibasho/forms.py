from django import forms
from django.utils.translation import gettext_lazy as _

from welfare_portal.dates import PlausibleDateValidator
from welfare_portal.forms import (
    HoneypotField,
    JapaneseEmailField,
    JapaneseTextareaField,
    JapaneseTextField,
    KanaField,
    PhoneField,
)

from . import services
from .models import Booking, Gathering, Venue


class BookingForm(forms.Form):
    """The resident's booking form on a gathering's page."""

    name = JapaneseTextField(
        label=_("Name or the nickname you would like to be called"),
        max_length=100,
        help_text=_("A nickname is fine."),
        error_messages={"required": _("Please enter your name or nickname.")},
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    name_kana = KanaField(
        label=_("Furigana"),
        max_length=100,
        required=False,
        help_text=_("In hiragana or katakana, so we can read your name correctly."),
    )
    email = JapaneseEmailField(
        label=_("Email"),
        required=False,
        help_text=_("We send your booking confirmation and booking page link here."),
    )
    phone = PhoneField(
        label=_("Phone"), required=False, help_text=_("If you have no email, give a phone number.")
    )
    age_confirmed = forms.BooleanField(
        label=_("I am within the age range"),
        error_messages={"required": _("Please tick this box if you are within the age range.")},
    )
    first_time = forms.TypedChoiceField(
        label=_("Is this your first time at Space Shiori?"),
        choices=[("yes", _("Yes, first time")), ("no", _("No, I have come before"))],
        coerce=lambda value: value == "yes",
        error_messages={"required": _("Please choose whether this is your first time.")},
        widget=forms.RadioSelect,
    )
    needs = JapaneseTextareaField(
        label=_("Anything you would like us to take into account"),
        required=False,
        max_length=1000,
        help_text=_("e.g. I find noise hard; I would like a seat near the door. Optional."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    agreed_to_rules = forms.BooleanField(
        label=_("I have read the house rules and agree to them"),
        error_messages={"required": _("Please tick this box if you agree to the house rules.")},
    )
    website = HoneypotField()

    def __init__(self, *args, gathering, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["age_confirmed"].label = _("I am between %(min)s and %(max)s years old") % {
            "min": gathering.min_age,
            "max": gathering.max_age,
        }

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("email")
            and not cleaned.get("phone")
            and "email" not in self.errors
            and "phone" not in self.errors
        ):
            self.add_error(
                "email", _("Please give an email address or a phone number so we can contact you.")
            )
        return cleaned

    def honeypot_tripped(self):
        return bool(self.cleaned_data.get("website"))


class BookingAdminForm(forms.ModelForm):
    """Staff edits to a booking: contact normalised, and one already booked is a field error."""

    email = JapaneseEmailField(label=_("Email"), required=False)
    phone = PhoneField(label=_("Phone"), required=False)

    class Meta:
        model = Booking
        fields = ["person", "name", "name_kana", "phone", "email", "first_time", "needs"]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and not self.errors.keys() & {"email", "phone"}:
            errors = services.booking_contact_errors(
                booking=self.instance, email=cleaned.get("email", ""), phone=cleaned.get("phone", "")
            )
            for field, message in errors.items():
                self.add_error(field, message)
        if (
            not cleaned.get("email")
            and not cleaned.get("phone")
            and not self.errors.keys() & {"email", "phone"}
        ):
            self.add_error(
                "email", _("Please give an email address or a phone number so we can contact you.")
            )
        return cleaned


class SeasonForm(forms.Form):
    """Staff: a season of monthly gatherings alternating between two venues."""

    first_venue = forms.ModelChoiceField(
        label=_("Venue in the first month"), queryset=Venue.objects.filter(is_active=True)
    )
    second_venue = forms.ModelChoiceField(
        label=_("Venue in the second month"), queryset=Venue.objects.filter(is_active=True), required=False
    )
    start_month = forms.DateField(
        label=_("First month"),
        validators=[PlausibleDateValidator()],
        help_text=_("Any day in the first month, e.g. 2026-12-01."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    months = forms.IntegerField(label=_("Number of months"), min_value=1, max_value=24, initial=12)
    weekday = forms.TypedChoiceField(
        label=_("Weekday"),
        coerce=int,
        choices=[
            (0, _("Monday")),
            (1, _("Tuesday")),
            (2, _("Wednesday")),
            (3, _("Thursday")),
            (4, _("Friday")),
            (5, _("Saturday")),
            (6, _("Sunday")),
        ],
        initial=3,
    )
    week = forms.TypedChoiceField(
        label=_("Week of the month"),
        coerce=int,
        choices=[(1, _("1st")), (2, _("2nd")), (3, _("3rd")), (4, _("4th"))],
        initial=3,
        help_text=_("A public holiday moves the gathering a week later (or earlier) in the same month."),
    )
    start_time = forms.TimeField(
        label=_("Start time"), initial="14:00", widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = forms.TimeField(
        label=_("End time"), initial="16:00", widget=forms.TimeInput(attrs={"type": "time"})
    )
    capacity = forms.IntegerField(label=_("Capacity"), min_value=0, max_value=500, initial=10)
    title = forms.CharField(label=_("Title"), max_length=150, initial="スペース栞")
    publish = forms.BooleanField(label=_("Publish at once"), required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The gathering must end after it starts."))
        return cleaned


class GatheringAdminForm(forms.ModelForm):
    """Staff's gathering form: the capacity may not drop below the places already confirmed."""

    class Meta:
        model = Gathering
        fields = [
            "title", "venue", "date", "start_time", "end_time", "status",
            "capacity", "min_age", "max_age", "deadline", "description", "rules", "flyer",
        ]  # fmt: skip

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if self.instance.pk is not None and capacity is not None:
            confirmed = self.instance.bookings.confirmed().count()
            if capacity < confirmed:
                raise forms.ValidationError(services.CapacityBelowBookings(confirmed).message)
        return capacity
