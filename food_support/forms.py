import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from welfare_portal.dates import PlausibleDateValidator
from welfare_portal.forms import (
    HoneypotField,
    JapaneseTextareaField,
    JapaneseTextField,
    KanaField,
    PhoneField,
    PostalCodeField,
)

from .models import FoodRegistration, PickupPlace


class FoodApplicationForm(forms.Form):
    """The resident's application from /food/."""

    family_name = JapaneseTextField(label=_("Family name"), max_length=50)
    given_name = JapaneseTextField(label=_("Given name"), max_length=50)
    family_name_kana = KanaField(label=_("Family name (furigana)"), max_length=50)
    given_name_kana = KanaField(label=_("Given name (furigana)"), max_length=50)
    age = forms.IntegerField(label=_("Age"), min_value=0, max_value=120)
    adults = forms.IntegerField(
        label=_("Adults (18 and over, including you)"), min_value=1, max_value=20, initial=1
    )
    children = forms.IntegerField(label=_("Children (under 18)"), min_value=0, max_value=20, initial=0)
    allergies = JapaneseTextareaField(
        label=_("Allergies and foods you cannot eat"),
        required=False,
        help_text=_("For everyone in the household, e.g. eggs (child), pork (religion)."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    preferred_place = forms.ModelChoiceField(
        label=_("Where would you like to collect the food?"),
        queryset=PickupPlace.objects.filter(is_active=True),
        empty_label=None,
        widget=forms.RadioSelect,
    )
    phone = PhoneField(label=_("Phone"), required=False, help_text=_("e.g. 090-1234-5678"))
    email = forms.EmailField(
        label=_("Email"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    postal_code = PostalCodeField(label=_("Postal code"), required=False)
    address = JapaneseTextField(
        label=_("Address"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    message = JapaneseTextareaField(
        label=_("Anything else you want us to know"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    consent = forms.BooleanField(
        label=_("I agree to my answers being used for food support as the privacy policy describes"),
        error_messages={"required": _("Please agree so that we can use your answers to help you.")},
    )
    submission_token = forms.UUIDField(widget=forms.HiddenInput)
    website = HoneypotField()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("submission_token", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.fields["family_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["given_name"].widget.attrs["autocomplete"] = "given-name"

    @property
    def honeypot_tripped(self):
        return bool(self.cleaned_data.get("website"))

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("phone") and not cleaned.get("email"):
            self.add_error(
                "phone", _("Please give a phone number or an email address so that we can contact you.")
            )
        return cleaned

    def application_data(self):
        data = dict(self.cleaned_data)
        data.pop("website", None)
        data.pop("submission_token", None)
        return data


class RegisterForm(forms.Form):
    """Review an application: pick the matching person and household, or create new ones."""

    person = forms.TypedChoiceField(label=_("Person"), coerce=int, required=False, widget=forms.RadioSelect)
    household = forms.TypedChoiceField(
        label=_("Household"), coerce=int, required=False, widget=forms.RadioSelect
    )

    def __init__(self, *args, people=(), households=(), **kwargs):
        super().__init__(*args, **kwargs)
        new = [("", _("Create a new record"))]
        self.fields["person"].choices = new + [(p.pk, str(p)) for p, _r in people]
        self.fields["household"].choices = new + [(h.pk, str(h)) for h, _r in households]
        self.fields["person"].empty_value = None
        self.fields["household"].empty_value = None


class DeclineForm(forms.Form):
    reason = JapaneseTextField(label=_("Reason"), max_length=255)


class RegistrationStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=FoodRegistration.Status.choices)
    reason = JapaneseTextField(label=_("Reason"), max_length=255, required=False)


class DistributionForm(forms.Form):
    """Open a month's distribution (and its roster) at one place."""

    place = forms.ModelChoiceField(label=_("Place"), queryset=PickupPlace.objects.filter(is_active=True))
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}), validators=[PlausibleDateValidator()]
    )
    starts_at = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends_at = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}))
    notes = JapaneseTextareaField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("starts_at") and cleaned.get("ends_at") and cleaned["ends_at"] <= cleaned["starts_at"]:
            self.add_error("ends_at", _("The end time must be after the start time."))
        return cleaned


class PickupForm(forms.Form):
    by_proxy = forms.BooleanField(label=_("Collected by someone else"), required=False)
    proxy_name = JapaneseTextField(label=_("Who collected it"), max_length=100, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("proxy_name"):
            # Enter in the name box submits the form with its first button ("Picked up"):
            # a written name still means someone else collected it.
            cleaned["by_proxy"] = True
        if cleaned.get("by_proxy") and not cleaned.get("proxy_name"):
            self.add_error("proxy_name", _("Please write who collected the food."))
        return cleaned
