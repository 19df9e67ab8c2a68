"""Intake from the public forms: consultation requests and concern reports (ほっとけないシート)."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from welfare_portal import text
from welfare_portal.constraints import FieldCheckConstraint

from .cases import Case


class Topic(models.Model):
    """相談内容: what a consultation is about. Rows are fixed (created by a migration)."""

    class Code(models.TextChoices):
        HOUSING = "housing", _("housing")
        WORK = "work", _("work")
        FINANCES = "finances", _("household finances")
        DEBT = "debt", _("debt and loans")
        ISOLATION = "isolation", _("withdrawal and isolation")
        HEALTH = "health", _("physical and mental health")
        FAMILY_CARE = "family_care", _("family and care (8050, young carers)")
        OTHER = "other", _("other")

    code = models.CharField(_("code"), max_length=20, choices=Code.choices, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["order", "pk"]

    def __str__(self):
        return str(self.get_code_display())


def _new_reference(prefix):
    """受付番号: short enough to read out on the phone, e.g. R-261123-4821."""
    today = timezone.localdate()
    return f"{prefix}-{today:%y%m%d}-{secrets.randbelow(10000):04d}"


class IntakeStatus(models.TextChoices):
    NEW = "new", _("new")
    IN_PROGRESS = "in_progress", _("in progress")
    CONVERTED = "converted", _("made into a case")
    NO_ACTION = "no_action", _("no action needed")


class AgeRange(models.TextChoices):
    UNDER_20 = "under_20", _("under 20")
    TWENTIES = "20s", _("20s")
    THIRTIES = "30s", _("30s")
    FORTIES = "40s", _("40s")
    FIFTIES = "50s", _("50s")
    SIXTIES = "60s", _("60s")
    SEVENTIES_PLUS = "70_plus", _("70 or over")
    UNKNOWN = "unknown", _("prefer not to say / not known")


class Intake(models.Model):
    """What every public submission has: a reference, a one-time token and a triage status."""

    REFERENCE_PREFIX = "X"

    reference = models.CharField(_("reference number"), max_length=20, unique=True, editable=False)
    # One-time token from the form: a second press of the button finds this row
    # instead of making another one.
    submission_token = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=IntakeStatus.choices, default=IntakeStatus.NEW
    )
    # HMAC of the sender's network address for rate limiting; never the address itself.
    client_hash = models.CharField(max_length=64, blank=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, editable=False)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    staff_notes = models.TextField(_("staff notes"), blank=True)

    class Meta:
        abstract = True
        ordering = ["-submitted_at", "-pk"]

    def __str__(self):
        return self.reference

    @classmethod
    def new_reference(cls):
        return _new_reference(cls.REFERENCE_PREFIX)


class ConsultationRequest(Intake):
    """相談申込み: a resident asks for a consultation through the public form."""

    REFERENCE_PREFIX = "R"

    class Requester(models.TextChoices):
        SELF = "self", _("myself")
        FAMILY = "family", _("a family member")
        RELATED = "related", _("someone I know or support (professional, neighbour)")

    class ContactMethod(models.TextChoices):
        PHONE = "phone", pgettext_lazy("contact method", "by phone")
        EMAIL = "email", pgettext_lazy("contact method", "by email")
        NO_CALL = "no_call", _("please do not contact me; I will contact you")

    requester = models.CharField(_("who is asking"), max_length=20, choices=Requester.choices)
    name = models.CharField(pgettext_lazy("person", "name"), max_length=100, blank=True)
    name_kana = models.CharField(
        _("name (furigana)"), max_length=100, blank=True, validators=[text.validate_kana]
    )
    contact_method = models.CharField(_("how to contact you"), max_length=20, choices=ContactMethod.choices)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[text.validate_phone])
    contact_times = models.CharField(_("convenient times to call"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    postal_code = models.CharField(
        _("postal code"), max_length=8, blank=True, validators=[text.validate_postal_code]
    )
    age_range = models.CharField(
        pgettext_lazy("age range", "age"), max_length=20, choices=AgeRange.choices, blank=True
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="+")
    details = models.TextField(_("what you would like to talk about"), blank=True)
    consent = models.BooleanField(_("agreed to the privacy policy"), default=False)
    case = models.ForeignKey(
        "Case",
        verbose_name=_("case"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultation_requests",
    )
    history = HistoricalRecords()

    class Meta(Intake.Meta):
        verbose_name = _("consultation request")
        verbose_name_plural = _("consultation requests")
        constraints = [
            FieldCheckConstraint(
                condition=Q(consent=True),
                name="consultation_request_consent",
                field="consent",
                message=_("Please read the privacy policy and tick the box to agree."),
            ),
            FieldCheckConstraint(
                condition=~Q(contact_method="phone") | ~Q(phone=""),
                name="consultation_request_phone_if_phone",
                field="phone",
                message=_("Please enter a phone number so that we can call you."),
            ),
            FieldCheckConstraint(
                condition=~Q(contact_method="email") | ~Q(email=""),
                name="consultation_request_email_if_email",
                field="email",
                message=_("Please enter an email address so that we can reply."),
            ),
        ]
        indexes = [models.Index(fields=["status", "-submitted_at"])]

    @property
    def channel(self):
        return Case.Channel.ONLINE


class ConcernReport(Intake):
    """ほっとけないシート: a neighbour's report about someone who cannot ask for help."""

    REFERENCE_PREFIX = "N"

    class Reporter(models.TextChoices):
        NEIGHBOUR = "neighbour", _("neighbour")
        MINSEI_IIN = "minsei_iin", _("welfare commissioner (minsei-iin)")
        SHOP = "shop", _("shop or business")
        RELATIVE = "relative", _("relative or friend")
        OTHER = "other", _("other")

    class Urgency(models.TextChoices):
        URGENT = "urgent", _("urgent: please act soon")
        SOON = "soon", _("within the next few days")
        WATCH = "watch", _("not urgent, but worrying")

    location = models.CharField(_("where"), max_length=255)
    location_postal_code = models.CharField(
        _("postal code of the place"), max_length=8, blank=True, validators=[text.validate_postal_code]
    )
    subject_name = models.CharField(_("name of the person (if known)"), max_length=100, blank=True)
    subject_description = models.CharField(_("who (as far as you know)"), max_length=255, blank=True)
    subject_age_range = models.CharField(
        _("approximate age"), max_length=20, choices=AgeRange.choices, blank=True
    )
    observations = models.TextField(_("what you noticed"))
    urgency = models.CharField(_("how urgent"), max_length=20, choices=Urgency.choices)
    reporter_type = models.CharField(_("you are"), max_length=20, choices=Reporter.choices, blank=True)
    reporter_name = models.CharField(_("your name"), max_length=100, blank=True)
    reporter_phone = models.CharField(
        _("your phone"), max_length=20, blank=True, validators=[text.validate_phone]
    )
    reporter_email = models.EmailField(_("your email"), blank=True)
    case = models.ForeignKey(
        "Case",
        verbose_name=_("case"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="concern_reports",
    )
    history = HistoricalRecords()

    class Meta(Intake.Meta):
        verbose_name = _("concern report")
        verbose_name_plural = _("concern reports")
        indexes = [models.Index(fields=["status", "-submitted_at"])]

    @property
    def channel(self):
        return Case.Channel.CONCERN_SHEET

    @property
    def email(self):
        return self.reporter_email
