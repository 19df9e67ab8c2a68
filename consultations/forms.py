"""Public intake forms and the staff form for opening a case from an intake."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset, Layout
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from welfare_portal.forms import (
    HoneypotField,
    JapaneseEmailField,
    JapaneseTextareaField,
    JapaneseTextField,
    KanaField,
    PhoneField,
    PostalCodeField,
)

from .models import AgeRange, ConcernReport, ConsultationRequest, Household, Person, Topic


class TopicChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.get_code_display()


_DJANGO_REQUIRED = forms.Field.default_error_messages["required"]


class IntakeFormMixin:
    """The honeypot, the one-time token, and Japanese error messages for required fields."""

    def _setup(self):
        for field in self.fields.values():
            # Kinder than Django's generic wording; fields with their own message keep it.
            if field.error_messages.get("required") is _DJANGO_REQUIRED:
                field.error_messages["required"] = _("Please fill in this field.")
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def honeypot_tripped(self):
        return bool(self.data.get("website"))

    @staticmethod
    def _honeypot_layout():
        return Div("website", css_class="hp-field-wrapper", aria_hidden="true")


class ConsultationRequestForm(IntakeFormMixin, forms.Form):
    submission_token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    website = HoneypotField()
    requester = forms.ChoiceField(
        label=_("Who is asking?"),
        choices=ConsultationRequest.Requester.choices,
        widget=forms.RadioSelect,
    )
    name = JapaneseTextField(
        label=pgettext_lazy("form label", "Name"),
        required=False,
        max_length=100,
        help_text=_("You may leave this empty if you would rather not say."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    name_kana = KanaField(
        label=_("Name in furigana"),
        required=False,
        max_length=100,
        help_text=_("Hiragana or katakana, e.g. やまだ はなこ"),
    )
    contact_method = forms.ChoiceField(
        label=_("How should we reply?"),
        choices=ConsultationRequest.ContactMethod.choices,
        widget=forms.RadioSelect,
    )
    phone = PhoneField(label=_("Phone number"), required=False, help_text=_("e.g. 042-373-5616"))
    contact_times = JapaneseTextField(
        label=_("Times when a call is convenient"),
        required=False,
        max_length=200,
        help_text=_("e.g. weekdays after 3 pm"),
    )
    email = JapaneseEmailField(label=_("Email address"), required=False)
    age_range = forms.ChoiceField(
        label=_("Age of the person the consultation is about"),
        choices=[("", _("Choose"))] + list(AgeRange.choices),
        required=False,
    )
    topics = TopicChoiceField(
        label=_("What is it about? (choose all that apply)"),
        queryset=Topic.objects.all(),
    )
    details = JapaneseTextareaField(
        label=_("Tell us a little about it"),
        required=False,
        max_length=4000,
        help_text=_("Only as much as you want to write. We will listen to the rest when we talk."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    postal_code = PostalCodeField(
        label=_("Your postal code (optional)"),
        required=False,
        help_text=_("It tells us which area you live in. e.g. 206-0011"),
    )
    consent = forms.BooleanField(label=_("I agree to the privacy policy"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup()
        self.fields["topics"].error_messages["required"] = _(
            "Please choose at least one. If none fits, choose “other”."
        )
        self.fields["consent"].error_messages["required"] = _(
            "Please read the privacy policy and tick the box to agree."
        )
        self.helper.layout = Layout(
            "submission_token",
            self._honeypot_layout(),
            Fieldset(
                pgettext_lazy("consultation request", "About you"),
                "requester",
                "name",
                "name_kana",
                "age_range",
                "postal_code",
            ),
            Fieldset(_("How we reply"), "contact_method", "phone", "contact_times", "email"),
            Fieldset(_("What you would like to talk about"), "topics", "details"),
            Fieldset(
                _("Personal information"),
                HTML(
                    format_html(
                        '<p>{} <a href="{}">{}</a></p>',
                        _(
                            "What you write is seen only by our consultation staff and used only to support you."
                        ),
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
        if (
            method == ConsultationRequest.ContactMethod.PHONE
            and not cleaned.get("phone")
            and "phone" not in self.errors
        ):
            self.add_error("phone", _("Please enter a phone number so that we can call you."))
        if (
            method == ConsultationRequest.ContactMethod.EMAIL
            and not cleaned.get("email")
            and "email" not in self.errors
        ):
            self.add_error("email", _("Please enter an email address so that we can reply."))
        return cleaned

    def model_fields(self):
        data = self.cleaned_data
        return {
            key: data[key]
            for key in [
                "requester",
                "name",
                "name_kana",
                "contact_method",
                "phone",
                "contact_times",
                "email",
                "postal_code",
                "age_range",
                "details",
                "consent",
            ]
        }


class ConcernReportForm(IntakeFormMixin, forms.Form):
    submission_token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    website = HoneypotField()
    location = JapaneseTextField(
        label=_("Where is this?"),
        max_length=255,
        help_text=_("An address, a block of flats or a landmark, e.g. 関戸4丁目の団地"),
    )
    location_postal_code = PostalCodeField(
        label=_("Postal code of the place, if you know it"), required=False
    )
    subject_name = JapaneseTextField(label=_("Their name, if you know it"), required=False, max_length=100)
    subject_description = JapaneseTextField(
        label=_("Who are they, as far as you know?"),
        required=False,
        max_length=255,
        help_text=_("e.g. an older man who lives alone"),
    )
    subject_age_range = forms.ChoiceField(
        label=_("Approximate age"),
        choices=[("", _("Choose"))] + list(AgeRange.choices),
        required=False,
    )
    observations = JapaneseTextareaField(
        label=_("What have you noticed?"),
        max_length=4000,
        help_text=_("e.g. post piling up, the same clothes every day, shouting, no lights at night"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    urgency = forms.ChoiceField(
        label=_("How urgent does it seem?"),
        choices=ConcernReport.Urgency.choices,
        widget=forms.RadioSelect,
    )
    reporter_type = forms.ChoiceField(
        label=_("You are"),
        choices=ConcernReport.Reporter.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    reporter_name = JapaneseTextField(
        label=_("Your name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    reporter_phone = PhoneField(label=_("Your phone number"), required=False)
    reporter_email = JapaneseEmailField(label=_("Your email address"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup()
        self.helper.layout = Layout(
            "submission_token",
            self._honeypot_layout(),
            Fieldset(
                _("The person you are worried about"),
                "location",
                "location_postal_code",
                "subject_name",
                "subject_description",
                "subject_age_range",
            ),
            Fieldset(_("What you noticed"), "observations", "urgency"),
            Fieldset(
                _("About you (optional)"),
                HTML(
                    format_html(
                        "<p>{}</p>",
                        _(
                            "You do not have to give your name. If you leave a phone number or email, "
                            "we may contact you to ask more."
                        ),
                    )
                ),
                "reporter_type",
                "reporter_name",
                "reporter_phone",
                "reporter_email",
            ),
        )

    def model_fields(self):
        data = self.cleaned_data
        return {key: data[key] for key in self.fields if key not in {"submission_token", "website"}}


# --- Staff: open a case from an intake -----------------------------------------


class WorkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        # Family name first, as names are written in Japanese.
        return f"{obj.last_name} {obj.first_name}".strip() or obj.get_username()


class CaseOpenForm(forms.Form):
    """Link an existing person (one of the suggestions) or create a new one."""

    NEW = "new"

    person_choice = forms.ChoiceField(label=_("Person"), widget=forms.RadioSelect)
    family_name = JapaneseTextField(label=_("family name"), required=False, max_length=50)
    given_name = JapaneseTextField(label=_("given name"), required=False, max_length=50)
    family_name_kana = KanaField(label=_("family name (furigana)"), required=False, max_length=50)
    given_name_kana = KanaField(label=_("given name (furigana)"), required=False, max_length=50)
    birth_date = forms.DateField(
        label=_("date of birth"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    phone = PhoneField(label=_("phone"), required=False)
    email = JapaneseEmailField(label=_("email"), required=False)
    address = JapaneseTextField(label=_("address"), required=False, max_length=255)
    household = forms.ModelChoiceField(label=_("household"), queryset=Household.objects.all(), required=False)
    worker = WorkerChoiceField(label=_("responsible worker"), queryset=get_user_model().objects.none())
    topics = TopicChoiceField(label=_("topics"), queryset=Topic.objects.all(), required=False)

    def __init__(self, *args, suggestions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.suggestions = list(suggestions)
        choices = [
            (str(person.pk), f"{person.full_name}({person.full_name_kana}) — {', '.join(map(str, reasons))}")
            for person, reasons in self.suggestions
        ]
        choices.append((self.NEW, _("Create a new person from the details below")))
        self.fields["person_choice"].choices = choices
        self.fields["worker"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, is_staff=True)
            .filter(Q(groups__permissions__codename="change_case") | Q(is_superuser=True))
            .distinct()
            .order_by("last_name", "first_name", "username")
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("person_choice") == self.NEW and not cleaned.get("family_name"):
            self.add_error("family_name", _("Enter at least a family name for the new person."))
        return cleaned

    def chosen_person(self):
        choice = self.cleaned_data["person_choice"]
        if choice == self.NEW:
            return None
        return Person.objects.get(pk=int(choice))

    def person_fields(self):
        keys = [
            "family_name",
            "given_name",
            "family_name_kana",
            "given_name_kana",
            "birth_date",
            "phone",
            "email",
            "address",
        ]
        return {key: self.cleaned_data[key] for key in keys}
