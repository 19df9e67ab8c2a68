"""Public intake forms and the staff form for opening a case from an intake."""

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset, Layout
from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminDateWidget, AutocompleteSelect
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from welfare_portal.dates import staff_date
from welfare_portal.forms import (
    HoneypotField,
    JapaneseEmailField,
    JapaneseTextareaField,
    JapaneseTextField,
    KanaField,
    PhoneField,
    PostalCodeField,
)

from . import services
from .models import AgeRange, Area, Case, ConcernReport, ConsultationRequest, Household, Person, Topic


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


# --- Staff: open a case from an intake (ケース化) ------------------------------------


def _date_or_none(value):
    if not value or isinstance(value, datetime.date):
        return value or None
    try:
        return parse_date(value)
    except ValueError:
        return None


def suggestions_for(details):
    """People who may already be the person these details describe, with the reasons."""
    kana = " ".join(filter(None, [details.get("family_name_kana"), details.get("given_name_kana")]))
    return services.person_match_suggestions(
        family_name=details.get("family_name", ""),
        given_name=details.get("given_name", ""),
        kana=kana,
        phone=details.get("phone", ""),
        birth_date=_date_or_none(details.get("birth_date")),
    )


def _suggestion_label(person, reasons):
    facts = [person.full_name_kana or "—"]
    if person.birth_date:
        facts.append(_("born %(day)s") % {"day": staff_date(person.birth_date)})
    if person.household_id:
        facts.append(_("household: %(name)s") % {"name": person.household.name})
    return format_html(
        '<span class="suggestion-name">{}</span>({}) — <span class="suggestion-reasons">{}</span> '
        '<a href="{}" target="_blank" rel="noopener">{}</a>',
        person.full_name,
        "、".join(str(f) for f in facts),
        "・".join(str(r) for r in reasons),
        reverse("admin:consultations_person_change", args=[person.pk]),
        _("see the record (new tab)"),
    )


class WorkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        # Family name first, as names are written in Japanese.
        return f"{obj.last_name} {obj.first_name}".strip() or obj.get_username()


def case_workers():
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(Q(groups__permissions__codename="change_case") | Q(is_superuser=True))
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


PERSON_FIELDS = [
    "family_name",
    "given_name",
    "family_name_kana",
    "given_name_kana",
    "birth_date",
    "phone",
    "email",
    "postal_code",
    "address",
]


class CaseOpenForm(forms.Form):
    """ケース化: who the case is for, who asked, the household, and the case itself.

    The person the consultation is about is one of the people already registered
    (the duplicate suggestions) or a new person; a new person while suggestions
    are shown needs an explicit "none of these". Whoever asked, when not the
    person (a sister for her brother, a neighbour), is kept apart.
    """

    NEW = "new"
    NONE = "none"
    EXISTING = "existing"

    person_choice = forms.ChoiceField(
        label=_("The person"), widget=forms.RadioSelect(attrs={"class": "radiolist"})
    )
    confirm_new = forms.BooleanField(
        label=_("I have checked: the new person is none of the people listed above."), required=False
    )
    family_name = JapaneseTextField(label=_("family name"), required=False, max_length=50)
    given_name = JapaneseTextField(label=_("given name"), required=False, max_length=50)
    family_name_kana = KanaField(label=_("family name (furigana)"), required=False, max_length=50)
    given_name_kana = KanaField(label=_("given name (furigana)"), required=False, max_length=50)
    birth_date = forms.DateField(label=_("date of birth"), required=False, widget=AdminDateWidget())
    phone = PhoneField(label=_("phone"), required=False)
    email = JapaneseEmailField(label=_("email"), required=False)
    postal_code = PostalCodeField(label=_("postal code"), required=False)
    address = JapaneseTextField(label=_("address"), required=False, max_length=255)
    requester_choice = forms.ChoiceField(
        label=_("Who asked"), required=False, widget=forms.RadioSelect(attrs={"class": "radiolist"})
    )
    requester_relationship = JapaneseTextField(
        label=_("their relationship to the person"),
        required=False,
        max_length=50,
        help_text=_("e.g. 姉, 民生委員"),
    )
    household_choice = forms.ChoiceField(
        label=_("Household"),
        widget=forms.RadioSelect(attrs={"class": "radiolist"}),
        choices=[
            (NONE, _("Leave as it is (someone already registered keeps their household)")),
            (EXISTING, _("Join a registered household")),
            (NEW, _("Make a new household")),
        ],
        initial=NONE,
    )
    household = forms.ModelChoiceField(
        label=_("registered household"),
        queryset=Household.objects.all(),
        required=False,
        widget=AutocompleteSelect(Case._meta.get_field("household"), admin.site),
        help_text=_("Type part of the household name, an address or a member's name."),
    )
    household_name = JapaneseTextField(
        label=_("name of the new household"), required=False, max_length=100, help_text=_("e.g. 山田家")
    )
    relationship = forms.ChoiceField(
        label=_("relationship (zokugara)"),
        choices=[("", "—"), *Person.Relationship.choices],
        required=False,
    )
    worker = WorkerChoiceField(label=_("responsible worker"), queryset=get_user_model().objects.none())
    area = forms.ModelChoiceField(
        label=_("area"),
        queryset=Area.objects.filter(is_active=True),
        required=False,
        widget=AutocompleteSelect(Case._meta.get_field("area"), admin.site),
        help_text=_("If empty, the household's area."),
    )
    topics = TopicChoiceField(label=_("topics"), queryset=Topic.objects.all(), required=False)
    shown = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, data=None, *, intake, user, **kwargs):
        self.intake = intake
        details = services.intake_person_details(intake)
        self.requester_details = services.intake_requester_details(intake)
        suggestions = suggestions_for(details) if details else []
        if data is not None:
            # What the worker typed may match someone the intake's details did not.
            seen = {person.pk for person, _reasons in suggestions}
            suggestions += [s for s in suggestions_for(data) if s[0].pk not in seen]
        self.suggestions = suggestions
        self.requester_suggestions = suggestions_for(self.requester_details) if self.requester_details else []
        family = details.get("family_name", "")
        initial = {
            **details,
            "worker": user.pk,
            "topics": list(intake.topics.all()) if isinstance(intake, ConsultationRequest) else [],
            "person_choice": self.NEW if not suggestions else None,
            "household_name": _("%(family)s household") % {"family": family} if family else "",
            "requester_relationship": services.intake_requester_relationship(intake),
            "requester_choice": self.NEW
            if self.requester_details and not self.requester_suggestions
            else None,
        }
        self.posted_shown = None
        if data is not None:
            data = data.copy()
            self.posted_shown = data.get("shown", "")
            data["shown"] = self._shown_value()
        super().__init__(data, initial=initial, **kwargs)
        self.fields["shown"].initial = self._shown_value()
        self.fields["person_choice"].choices = [
            *((str(person.pk), _suggestion_label(person, reasons)) for person, reasons in self.suggestions),
            (self.NEW, _("Someone not yet registered: create them from the details below")),
        ]
        if self.requester_details is None:
            del self.fields["requester_choice"]
            del self.fields["requester_relationship"]
        else:
            name = " ".join(
                filter(
                    None,
                    [self.requester_details.get("family_name"), self.requester_details.get("given_name")],
                )
            )
            self.fields["requester_choice"].choices = [
                *(
                    (str(person.pk), _suggestion_label(person, reasons))
                    for person, reasons in self.requester_suggestions
                ),
                (self.NEW, _("Register %(name)s from what they wrote") % {"name": name or _("the sender")}),
                (self.NONE, _("Do not record who asked")),
            ]
        self.fields["worker"].queryset = case_workers()
        self.fields["topics"].queryset = Topic.objects.all()

    def _shown_value(self):
        return ",".join(str(person.pk) for person, _reasons in self.suggestions)

    @property
    def asked_by_someone_else(self):
        return (
            isinstance(self.intake, ConsultationRequest)
            and self.intake.requester != ConsultationRequest.Requester.SELF
        )

    def fieldsets(self):
        person_description = ""
        if self.asked_by_someone_else:
            person_description = _(
                "This request was sent by %(who)s (%(name)s), not by the person it is about. "
                "Enter the details of the person the consultation is about; the sender is recorded below."
            ) % {"who": self.intake.get_requester_display(), "name": self.intake.name or "—"}
        elif self.suggestions:
            person_description = _(
                "These people share some details. Choose one if it is the same person, so that nobody is recorded twice."
            )
        fieldsets = [
            (
                _("Who is this case for?"),
                {
                    "fields": ["person_choice", "confirm_new"] if self.suggestions else ["person_choice"],
                    "description": person_description,
                },
            ),
            (
                _("New person"),
                {
                    "fields": [
                        ("family_name", "given_name"),
                        ("family_name_kana", "given_name_kana"),
                        "birth_date",
                        ("phone", "email"),
                        "postal_code",
                        "address",
                    ],
                    "description": _("Used only when creating a new person."),
                },
            ),
        ]
        if "requester_choice" in self.fields:
            fieldsets.append(
                (
                    _("Who asked for them"),
                    {
                        "fields": ["requester_choice", "requester_relationship"],
                        "description": _("Kept apart from the person: they are the contact, not the case."),
                    },
                )
            )
        fieldsets += [
            (
                _("Household"),
                {"fields": ["household_choice", "household", ("household_name", "relationship")]},
            ),
            (_("Case"), {"fields": ["worker", "area", "topics", "shown"]}),
        ]
        return fieldsets

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("person_choice") == self.NEW:
            if not cleaned.get("family_name"):
                self.add_error("family_name", _("Enter at least a family name for the new person."))
            current = {str(person.pk) for person, _reasons in self.suggestions}
            shown = set(filter(None, (self.posted_shown or "").split(",")))
            if current - shown:
                self.add_error(
                    "person_choice",
                    _(
                        "Someone already registered matches the details you typed: they are now in the list. "
                        "Check them before creating a new person."
                    ),
                )
            elif current and not cleaned.get("confirm_new"):
                self.add_error(
                    "confirm_new",
                    _(
                        "People with similar details are registered. Choose one of them if it is the same person; "
                        "otherwise tick this box."
                    ),
                )
        household_choice = cleaned.get("household_choice")
        if household_choice == self.EXISTING and not cleaned.get("household"):
            self.add_error("household", _("Choose the household, or choose another option above."))
        if household_choice == self.NEW and not cleaned.get("household_name"):
            self.add_error("household_name", _("Enter a name for the new household."))
        if "requester_choice" in self.fields and not cleaned.get("requester_choice"):
            self.add_error("requester_choice", _("Choose whether and how to record who asked."))
        return cleaned

    def chosen_person(self):
        choice = self.cleaned_data["person_choice"]
        if choice == self.NEW:
            return None
        return Person.objects.get(pk=int(choice))

    def person_fields(self):
        return {
            key: self.cleaned_data[key] for key in PERSON_FIELDS if self.cleaned_data.get(key) is not None
        }

    def _requester(self):
        choice = self.cleaned_data.get("requester_choice")
        if not choice or choice == self.NONE:
            return None, None
        if choice == self.NEW:
            return None, {k: v for k, v in self.requester_details.items() if v}
        return Person.objects.get(pk=int(choice)), None

    def service_kwargs(self):
        data = self.cleaned_data
        person = self.chosen_person()
        requester, requester_fields = self._requester()
        household_choice = data["household_choice"]
        return {
            "worker": data["worker"],
            "person": person,
            "person_fields": None if person else self.person_fields(),
            "household": data["household"] if household_choice == self.EXISTING else None,
            "household_name": data["household_name"] if household_choice == self.NEW else "",
            "relationship": data["relationship"],
            "requester": requester,
            "requester_fields": requester_fields,
            "requester_relationship": data.get("requester_relationship", ""),
            "area": data["area"],
            "topics": data["topics"],
        }


# --- Staff: close and reopen a case ----------------------------------------------------


class CaseCloseForm(forms.Form):
    closing_reason = forms.ChoiceField(
        label=_("closing reason"),
        choices=Case.ClosingReason.choices,
        widget=forms.RadioSelect(attrs={"class": "radiolist"}),
    )
    closed_on = forms.DateField(label=_("closed on"), widget=AdminDateWidget())
    note = JapaneseTextareaField(
        label=_("note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    confirm = forms.BooleanField(label=_("I have read the points above; close the case."), required=False)

    def __init__(self, *args, warnings=(), **kwargs):
        kwargs.setdefault("initial", {"closed_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.warnings = list(warnings)
        if not self.warnings:
            del self.fields["confirm"]

    def fieldsets(self):
        fields = ["closing_reason", "closed_on", "note"]
        if "confirm" in self.fields:
            fields.append("confirm")
        return [(None, {"fields": fields})]


class CaseReopenForm(forms.Form):
    reason = JapaneseTextareaField(
        label=_("why the case is reopened"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    status = forms.ChoiceField(
        label=_("reopen at the stage"), widget=forms.RadioSelect(attrs={"class": "radiolist"})
    )

    def __init__(self, *args, stage=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (value, label) for value, label in Case.Status.choices if value in services.CASE_FLOW
        ]
        self.fields["status"].initial = stage
        self.fields["reason"].error_messages["required"] = _("Please write why the case is reopened.")

    def fieldsets(self):
        return [(None, {"fields": ["reason", "status"]})]
