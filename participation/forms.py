import datetime

from crispy_forms.layout import HTML, Fieldset, Layout
from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from consultations.forms import IntakeFormMixin
from consultations.models import Person
from welfare_portal.forms import (
    HoneypotField,
    JapaneseEmailField,
    JapaneseTextareaField,
    JapaneseTextField,
    KanaField,
    PhoneField,
)

from .models import (
    LOAD_ORDER,
    Contact,
    Enquiry,
    Interest,
    Load,
    Pace,
    Participant,
    Placement,
    Setting,
    WorkReferral,
)


class ActivityFilterForm(forms.Form):
    """The public menu's filters: all optional, combined with AND."""

    setting = forms.ChoiceField(
        label=_("Indoors or outdoors"),
        choices=[("", _("Either"))] + Setting.choices,
        required=False,
    )
    load = forms.ChoiceField(
        label=_("Physical load"),
        choices=[("", _("Any"))] + [(Load.LIGHT, _("light only")), (Load.MODERATE, _("light or moderate"))],
        required=False,
    )
    pace = forms.ChoiceField(label=_("How often"), choices=[("", _("Any"))] + Pace.choices, required=False)
    contact = forms.ChoiceField(
        label=_("Contact with people"), choices=[("", _("Any"))] + Contact.choices, required=False
    )
    interest = forms.ModelChoiceField(
        label=_("Interest"), queryset=Interest.objects.all(), required=False, empty_label=_("Any")
    )

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["setting"]:
            queryset = queryset.filter(setting=data["setting"])
        if data["load"]:
            # "Light or moderate" means up to that load: a light activity suits too.
            queryset = queryset.filter(load__in=LOAD_ORDER[: LOAD_ORDER.index(data["load"]) + 1])
        if data["pace"]:
            queryset = queryset.filter(pace=data["pace"])
        if data["contact"]:
            queryset = queryset.filter(contact=data["contact"])
        if data["interest"]:
            queryset = queryset.filter(interests=data["interest"])
        return queryset


class EnquiryForm(IntakeFormMixin, forms.Form):
    """「参加してみたい」 on an activity's page: enough for a coordinator to reply, nothing more."""

    submission_token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    website = HoneypotField()
    name = JapaneseTextField(
        label=pgettext_lazy("form label", "Name"),
        max_length=100,
        help_text=_("A nickname is fine."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    name_kana = KanaField(
        label=_("Name in furigana"),
        required=False,
        max_length=100,
        help_text=_("Hiragana or katakana, e.g. やまだ はなこ"),
    )
    contact_method = forms.ChoiceField(
        label=_("How should we reply?"), choices=Enquiry.ContactMethod.choices, widget=forms.RadioSelect
    )
    phone = PhoneField(label=_("Phone number"), required=False, help_text=_("e.g. 042-373-5616"))
    contact_times = JapaneseTextField(
        label=_("Times when a call is convenient"),
        required=False,
        max_length=200,
        help_text=_("e.g. weekdays after 3 pm"),
    )
    email = JapaneseEmailField(label=_("Email address"), required=False)
    wants_company = forms.BooleanField(
        label=_("I would like someone to come with me the first time"), required=False
    )
    message = JapaneseTextareaField(
        label=_("Anything you would like us to know"),
        required=False,
        max_length=2000,
        help_text=_("e.g. what worries you, days that suit you, things that are hard for you."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    consent = forms.BooleanField(label=_("I agree to the privacy policy"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup()
        self.fields["consent"].error_messages["required"] = _(
            "Please read the privacy policy and tick the box to agree."
        )
        self.helper.layout = Layout(
            "submission_token",
            self._honeypot_layout(),
            Fieldset(pgettext_lazy("participation interest", "About you"), "name", "name_kana"),
            Fieldset(_("How we reply"), "contact_method", "phone", "contact_times", "email"),
            Fieldset(_("Anything else"), "wants_company", "message"),
            Fieldset(
                _("Personal information"),
                HTML(
                    format_html(
                        '<p>{} <a href="{}">{}</a></p>',
                        _("What you write is seen only by our participation support staff."),
                        reverse("privacy"),
                        _("Read the privacy policy"),
                    )
                ),
                "consent",
            ),
        )

    def clean(self):
        cleaned = super().clean()
        method = cleaned.get("contact_method")
        if method == Enquiry.ContactMethod.PHONE and not cleaned.get("phone") and "phone" not in self.errors:
            self.add_error("phone", _("Please give a phone number, or choose a reply by email."))
        if method == Enquiry.ContactMethod.EMAIL and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", _("Please give an email address, or choose a reply by phone."))
        return cleaned

    def model_fields(self):
        return {
            name: self.cleaned_data[name]
            for name in (
                "name",
                "name_kana",
                "contact_method",
                "phone",
                "email",
                "contact_times",
                "wants_company",
                "message",
                "consent",
            )
        }


# --- staff forms ---------------------------------------------------------------------


class StaffDateField(forms.DateField):
    """A date a coordinator types: within a sane range, so a slip of the year is caught."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        today = timezone.localdate()
        if not (today - datetime.timedelta(days=5 * 366) <= value <= today + datetime.timedelta(days=366)):
            raise forms.ValidationError(
                _("Please check the date: it is more than a year ahead or years ago.")
            )


class VisitForm(forms.Form):
    visit_date = StaffDateField(label=_("Visit date"))


class StageForm(forms.Form):
    on = StaffDateField(label=_("Starting on"))


class EndForm(forms.Form):
    on = StaffDateField(label=_("Ended on"))
    reason = forms.ChoiceField(
        label=_("Why it ended"),
        choices=[("", "---------")] + Placement.EndReason.choices,
        error_messages={"required": _("Please choose why it ended.")},
    )
    note = JapaneseTextField(label=_("About the ending"), max_length=200, required=False)


class OfferResponseForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Answer"),
        choices=[("declined", _("declined")), ("no_answer", _("no answer"))],
        widget=forms.RadioSelect,
    )
    note = JapaneseTextField(label=_("About the answer"), max_length=200, required=False)


class LogForm(forms.Form):
    date = StaffDateField(label=_("Date"))
    attended = forms.BooleanField(label=_("Came"), required=False, initial=True)
    hours = forms.DecimalField(
        label=_("Hours spent"), max_digits=3, decimal_places=1, min_value=0, max_value=12, required=False
    )
    their_words = JapaneseTextareaField(
        label=_("How it went, in their words"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    staff_notes = JapaneseTextareaField(
        label=_("Staff notes"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    next_step = JapaneseTextField(label=_("Next step"), max_length=200, required=False)


class ReferralForm(forms.ModelForm):
    referred_on = StaffDateField(label=_("Referred on"))

    class Meta:
        model = WorkReferral
        fields = ["kind", "organisation", "referred_on", "note"]
        field_classes = {"organisation": JapaneseTextField, "note": JapaneseTextField}


class EnquiryCloseForm(forms.Form):
    reason = JapaneseTextField(label=_("Why it is closed"), max_length=200)


class PersonChoiceForm(forms.Form):
    """Who the message is from: someone we know already, or a new person."""

    person = forms.TypedChoiceField(label=_("Person"), coerce=int, required=False, widget=forms.RadioSelect)

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", _("A new person"))] + [
            (person.pk, person.full_name) for person, _reasons in candidates
        ]
        self.fields["person"].empty_value = None


class NewPersonForm(forms.ModelForm):
    """The few details a new person record needs; the rest is added on their record later."""

    family_name = JapaneseTextField(label=_("Family name"), max_length=50)
    given_name = JapaneseTextField(label=_("Given name"), max_length=50, required=False)
    family_name_kana = KanaField(label=_("Family name (furigana)"), max_length=50, required=False)
    given_name_kana = KanaField(label=_("Given name (furigana)"), max_length=50, required=False)
    phone = PhoneField(label=_("Phone"), required=False)
    email = JapaneseEmailField(label=_("Email"), required=False)

    class Meta:
        model = Person
        fields = ["family_name", "given_name", "family_name_kana", "given_name_kana", "phone", "email"]


class ProfileForm(forms.ModelForm):
    """What suits them: the profile matching works from."""

    class Meta:
        model = Participant
        fields = [
            "goal",
            "interests",
            "available_slots",
            "preferred_setting",
            "max_load",
            "physical_notes",
            "contact_comfort",
            "preferred_pace",
            "reward_wanted",
            "district",
            "travel",
            "notes",
        ]
        widgets = {
            "interests": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_setting"].choices = [("", _("Either"))] + Setting.choices
