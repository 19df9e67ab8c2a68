"""People and households (the one record, 丸ごと), intake, cases, contact logs and referrals."""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from welfare_portal import text


class Household(models.Model):
    """世帯: the people who live together, seen as one unit of support."""

    name = models.CharField(_("household name"), max_length=100, help_text=_("e.g. 山田家"))
    postal_code = models.CharField(
        _("postal code"), max_length=8, blank=True, validators=[text.validate_postal_code]
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[text.validate_phone])
    # Flags that matter in 重層的支援: situations that cut across programmes.
    flag_8050 = models.BooleanField(_("8050 (elderly parent and withdrawn adult child)"), default=False)
    flag_young_carer = models.BooleanField(_("young carer"), default=False)
    flag_single_parent = models.BooleanField(_("single parent"), default=False)
    flag_disability = models.BooleanField(_("disability"), default=False)
    flag_financial_hardship = models.BooleanField(_("financial hardship"), default=False)
    flag_withdrawal = models.BooleanField(_("social withdrawal (hikikomori)"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class JapaneseNameMixin:
    """Full name and reading from family_name/given_name and their furigana fields.

    Written family name first, as in Japanese, with one space between.
    """

    @property
    def full_name(self):
        return f"{self.family_name} {self.given_name}".strip()

    @property
    def full_name_kana(self):
        return f"{self.family_name_kana} {self.given_name_kana}".strip()


class Person(JapaneseNameMixin, models.Model):
    """本人・相談者: anyone the council supports, whether or not they have a case."""

    class Relationship(models.TextChoices):
        HEAD = "head", _("head of household")
        SPOUSE = "spouse", _("spouse or partner")
        CHILD = "child", _("child")
        PARENT = "parent", _("parent")
        SIBLING = "sibling", _("sibling")
        GRANDPARENT = "grandparent", _("grandparent")
        GRANDCHILD = "grandchild", _("grandchild")
        OTHER_RELATIVE = "other_relative", _("other relative")
        OTHER = "other", _("other")

    family_name = models.CharField(_("family name"), max_length=50)
    given_name = models.CharField(_("given name"), max_length=50, blank=True)
    family_name_kana = models.CharField(
        _("family name (furigana)"), max_length=50, blank=True, validators=[text.validate_kana]
    )
    given_name_kana = models.CharField(
        _("given name (furigana)"), max_length=50, blank=True, validators=[text.validate_kana]
    )
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    age_estimate = models.PositiveSmallIntegerField(_("age (if birth date unknown)"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[text.validate_phone])
    email = models.EmailField(_("email"), blank=True)
    postal_code = models.CharField(
        _("postal code"), max_length=8, blank=True, validators=[text.validate_postal_code]
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        related_name="members",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    relationship = models.CharField(
        _("relationship (zokugara)"), max_length=20, choices=Relationship.choices, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["family_name_kana", "given_name_kana", "pk"]
        indexes = [
            models.Index(fields=["family_name_kana", "given_name_kana"]),
            models.Index(fields=["phone"]),
        ]

    def __str__(self):
        return self.full_name


# --- Shared vocabulary -------------------------------------------------------


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
            models.CheckConstraint(condition=models.Q(consent=True), name="consultation_request_consent"),
            models.CheckConstraint(
                condition=~models.Q(contact_method="phone") | ~models.Q(phone=""),
                name="consultation_request_phone_if_phone",
            ),
            models.CheckConstraint(
                condition=~models.Q(contact_method="email") | ~models.Q(email=""),
                name="consultation_request_email_if_email",
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


# --- Cases ---------------------------------------------------------------------


class CaseQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("person", "household", "worker").prefetch_related("topics")

    def open(self):
        return self.exclude(status=Case.Status.CLOSED)

    def assigned_to(self, user):
        return self.filter(worker=user)

    def overdue(self, *, today=None):
        """Cases with a next action whose date has passed and that is not done yet."""
        today = today or timezone.localdate()
        pending = ContactLog.objects.filter(
            case=models.OuterRef("pk"), next_action_due__lt=today, next_action_done=False
        )
        return self.filter(models.Exists(pending))

    def stalled(self, *, today=None):
        """Open cases with no contact for STALLED_CASE_DAYS days (and opened before that)."""
        today = today or timezone.localdate()
        since = today - datetime.timedelta(days=settings.STALLED_CASE_DAYS)
        since_start = datetime.datetime.combine(
            since, datetime.time.min, tzinfo=timezone.get_current_timezone()
        )
        recent = ContactLog.objects.filter(case=models.OuterRef("pk"), contacted_at__gte=since_start)
        return self.open().filter(opened_on__lt=since).exclude(models.Exists(recent))


class Case(models.Model):
    """ケース: one person's (and household's) support from intake to closing."""

    REFERENCE_PREFIX = "K"

    class Status(models.TextChoices):
        INTAKE = "intake", _("intake")
        ASSESSMENT = "assessment", _("assessment")
        PLANNING = "planning", _("planning")
        SUPPORT = "support", _("in support")
        CLOSED = "closed", _("closed")

    class Channel(models.TextChoices):
        PHONE = "phone", pgettext_lazy("contact method", "by phone")
        VISIT_OFFICE = "office", _("visit to the office")
        ONLINE = "online", _("online")
        HOME_VISIT = "home_visit", _("home visit")
        AGENCY = "agency", _("from another agency")
        CONCERN_SHEET = "concern_sheet", _("concern report (hottokenai sheet)")

    class ClosingReason(models.TextChoices):
        RESOLVED = "resolved", _("resolved")
        REFERRED = "referred", _("handed over to another agency")
        MOVED = "moved", _("moved away")
        NO_CONTACT = "no_contact", _("no contact possible")
        DECLINED = "declined", _("declined support")
        DIED = "died", _("died")
        OTHER = "other", _("other")

    reference = models.CharField(_("case number"), max_length=20, unique=True, editable=False)
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="cases"
    )
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="cases")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.INTAKE)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible worker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    opened_on = models.DateField(_("opened on"), default=timezone.localdate)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closing_reason = models.CharField(
        _("closing reason"), max_length=20, choices=ClosingReason.choices, blank=True
    )
    summary = models.TextField(_("summary"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_on", "-pk"]
        constraints = [
            # A closed case has its date and reason; an open one has neither.
            models.CheckConstraint(
                condition=(models.Q(status="closed", closed_on__isnull=False) & ~models.Q(closing_reason=""))
                | (~models.Q(status="closed") & models.Q(closed_on__isnull=True, closing_reason="")),
                name="case_closed_has_date_and_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True) | models.Q(closed_on__gte=models.F("opened_on")),
                name="case_closed_after_opened",
            ),
        ]
        indexes = [models.Index(fields=["status", "worker"])]

    def __str__(self):
        return f"{self.reference} {self.person}"

    @classmethod
    def new_reference(cls):
        return _new_reference(cls.REFERENCE_PREFIX)

    def clean(self):
        errors = {}
        if self.status == self.Status.CLOSED:
            if not self.closing_reason:
                errors["closing_reason"] = _("Please choose why the case is closed.")
            if not self.closed_on:
                errors["closed_on"] = _("Please enter the date the case was closed.")
        else:
            if self.closing_reason:
                errors["closing_reason"] = _("Only a closed case has a closing reason.")
            if self.closed_on:
                errors["closed_on"] = _("Only a closed case has a closing date.")
        if self.closed_on and self.opened_on and self.closed_on < self.opened_on:
            errors["closed_on"] = _("The closing date cannot be before the opening date.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self):
        return self.status != self.Status.CLOSED


class ContactLog(models.Model):
    """相談記録: one contact with or about the person, and what happens next."""

    class Method(models.TextChoices):
        PHONE = "phone", pgettext_lazy("contact method", "by phone")
        OFFICE = "office", _("at the office")
        HOME_VISIT = "home_visit", _("home visit")
        ONLINE = "online", _("online or email")
        MEETING = "meeting", _("meeting with agencies")
        OTHER = "other", _("other")

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="contact_logs"
    )
    contacted_at = models.DateTimeField(_("date and time"), default=timezone.now)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    participants = models.CharField(
        _("who"), max_length=200, help_text=_("e.g. 本人, 母, 地域包括支援センター")
    )
    summary = models.TextField(_("what was discussed"))
    next_action = models.CharField(_("next action"), max_length=255, blank=True)
    next_action_due = models.DateField(_("next action by"), null=True, blank=True)
    next_action_done = models.BooleanField(_("next action done"), default=False)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("worker"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact log")
        verbose_name_plural = _("contact logs")
        ordering = ["-contacted_at", "-pk"]
        indexes = [models.Index(fields=["next_action_due", "next_action_done"])]

    def __str__(self):
        return f"{self.case.reference} {timezone.localtime(self.contacted_at):%Y-%m-%d %H:%M}"


class Agency(models.Model):
    """関係機関: an organisation we work with and refer people to."""

    class Kind(models.TextChoices):
        SELF_RELIANCE = "self_reliance", _("self-reliance support centre")
        WELFARE_OFFICE = "welfare_office", _("welfare office / public assistance")
        COMMUNITY_CARE = "community_care", _("community comprehensive support centre")
        DISABILITY = "disability", _("disability consultation support")
        HELLO_WORK = "hello_work", _("Hello Work (public employment office)")
        HEALTH_CENTRE = "health_centre", _("health centre")
        SCHOOL = "school", _("school")
        MEDICAL = "medical", _("medical institution")
        NPO = "npo", _("NPO")
        MINSEI_IIN = "minsei_iin", _("welfare commissioner (minsei-iin)")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[text.validate_phone])
    address = models.CharField(_("address"), max_length=255, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=100, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class Referral(models.Model):
    """つなぎ: the case is handed to, or shared with, another agency."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        REFERRED = "referred", _("referred")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        COMPLETED = "completed", _("completed")

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="referrals")
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="referrals"
    )
    reason = models.TextField(_("why"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    referred_on = models.DateField(_("referred on"), default=timezone.localdate)
    outcome = models.TextField(_("outcome"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-referred_on", "-pk"]

    def __str__(self):
        return f"{self.case.reference} → {self.agency}"


# --- Assessment, plans, meetings and outreach ------------------------------------


class Assessment(models.Model):
    """アセスメント: what the situation is, seen whole, before a plan is made."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="assessments"
    )
    assessed_on = models.DateField(_("assessed on"), default=timezone.localdate)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    living = models.TextField(_("daily life and housing"), blank=True)
    health = models.TextField(_("physical and mental health"), blank=True)
    finances = models.TextField(_("income, debts and finances"), blank=True)
    family = models.TextField(_("family and relationships"), blank=True)
    strengths = models.TextField(_("strengths and resources"), blank=True)
    risks = models.TextField(_("risks"), blank=True)
    wishes = models.TextField(_("what the person wants"), blank=True)
    summary = models.TextField(_("overall view"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-assessed_on", "-pk"]

    def __str__(self):
        return f"{self.case.reference} {self.assessed_on:%Y-%m-%d}"


class SupportPlanQuerySet(models.QuerySet):
    def review_due(self, *, today=None, within_days=7):
        """Plans in effect whose review date falls within a week (or has passed)."""
        today = today or timezone.localdate()
        return self.filter(
            status=SupportPlan.Status.ACTIVE,
            review_on__lte=today + datetime.timedelta(days=within_days),
        )


class SupportPlan(models.Model):
    """支援プラン: goals and who does what. A revision is a new version; old ones are kept."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("support plan", "draft")
        ACTIVE = "active", _("in effect")
        SUPERSEDED = "superseded", _("superseded")

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="plans")
    version = models.PositiveSmallIntegerField(_("version"), default=1, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    made_on = models.DateField(_("made on"), default=timezone.localdate)
    review_on = models.DateField(_("review on"), null=True, blank=True)
    overall_goal = models.TextField(_("overall goal"))
    person_agreed = models.BooleanField(_("the person agreed to this plan"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = SupportPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("support plan")
        verbose_name_plural = _("support plans")
        ordering = ["case", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="support_plan_one_per_version"),
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(status="active"), name="support_plan_one_active_per_case"
            ),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="support_plan_version_positive"),
        ]

    def __str__(self):
        return f"{self.case.reference} v{self.version}"


class PlanGoal(models.Model):
    """目標: one goal in a plan."""

    class Term(models.TextChoices):
        SHORT = "short", _("short term")
        LONG = "long", _("long term")

    class Progress(models.TextChoices):
        NOT_STARTED = "not_started", _("not started")
        ONGOING = "ongoing", _("ongoing")
        ACHIEVED = "achieved", _("achieved")
        DROPPED = "dropped", _("dropped")

    plan = models.ForeignKey(
        SupportPlan, verbose_name=_("support plan"), on_delete=models.CASCADE, related_name="goals"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    term = models.CharField(_("term"), max_length=10, choices=Term.choices, default=Term.SHORT)
    goal = models.CharField(_("goal"), max_length=255)
    progress = models.CharField(
        _("progress"), max_length=20, choices=Progress.choices, default=Progress.NOT_STARTED
    )

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["plan", "order", "pk"]

    def __str__(self):
        return self.goal


class PlanRole(models.Model):
    """役割分担: who (the person, family, an agency, us) does what under the plan."""

    plan = models.ForeignKey(
        SupportPlan, verbose_name=_("support plan"), on_delete=models.CASCADE, related_name="roles"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    who = models.CharField(_("who"), max_length=100, help_text=_("e.g. 本人, 母, 担当相談員"))
    task = models.CharField(_("what they do"), max_length=255)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["plan", "pk"]

    def __str__(self):
        return f"{self.who}: {self.task}"


class Meeting(models.Model):
    """重層的支援会議 or 支援会議.

    A 重層的支援会議 shares a person's information only with their consent. A
    支援会議 (社会福祉法 第106条の6) may discuss someone who has not consented,
    because its members are bound to confidentiality by law.
    """

    class Kind(models.TextChoices):
        MULTI_LAYERED = "multi_layered", _("multi-layered support meeting (jūsōteki shien kaigi)")
        SUPPORT = "support", _("support meeting (shien kaigi, Art. 106-6)")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    held_at = models.DateTimeField(_("held at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    attendees = models.TextField(_("attendees"), help_text=_("Agencies and people who took part"))
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {timezone.localtime(self.held_at):%Y-%m-%d}"

    @property
    def needs_consent(self):
        return self.kind == self.Kind.MULTI_LAYERED


class MeetingCaseReview(models.Model):
    """One case discussed at a meeting, and what was decided."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="reviews"
    )
    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="meeting_reviews"
    )
    consent_obtained = models.BooleanField(_("the person consented to sharing"), default=False)
    discussion = models.TextField(_("discussion"), blank=True)
    decisions = models.TextField(_("decisions and roles"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("case reviewed at a meeting")
        verbose_name_plural = _("cases reviewed at meetings")
        ordering = ["meeting", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "case"], name="meeting_case_review_once")]

    def __str__(self):
        return f"{self.meeting} / {self.case.reference}"

    def clean(self):
        try:
            meeting = self.meeting  # may be a meeting being added in the same form
        except Meeting.DoesNotExist:
            meeting = None
        if meeting is not None and meeting.needs_consent and not self.consent_obtained:
            raise ValidationError(
                {
                    "consent_obtained": _(
                        "A multi-layered support meeting may discuss a case only with the person's consent. "
                        "Without consent, use a support meeting (Art. 106-6)."
                    )
                }
            )


class OutreachVisitQuerySet(models.QuerySet):
    def next_visit_due(self, *, today=None):
        """Latest visits (none later for the same case or report) whose next visit falls by the end of this week."""
        today = today or timezone.localdate()
        week_end = today + datetime.timedelta(days=6 - today.weekday())
        later_for_case = OutreachVisit.objects.filter(
            case=models.OuterRef("case"), case__isnull=False, visited_at__gt=models.OuterRef("visited_at")
        )
        later_for_report = OutreachVisit.objects.filter(
            concern_report=models.OuterRef("concern_report"),
            concern_report__isnull=False,
            visited_at__gt=models.OuterRef("visited_at"),
        )
        return self.filter(next_visit_on__lte=week_end).exclude(
            models.Exists(later_for_case) | models.Exists(later_for_report)
        )


class OutreachVisit(models.Model):
    """訪問 (アウトリーチ): going to someone who has not, or cannot, come to us."""

    class Outcome(models.TextChoices):
        MET = "met", _("met the person")
        MET_FAMILY = "met_family", _("met a family member")
        NOT_HOME = "not_home", _("nobody answered")
        LEFT_NOTE = "left_note", _("left a letter or leaflet")
        REFUSED = "refused", _("contact refused")

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, null=True, blank=True, related_name="visits"
    )
    concern_report = models.ForeignKey(
        ConcernReport,
        verbose_name=_("concern report"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visits",
    )
    visited_at = models.DateTimeField(_("visited at"), default=timezone.now)
    location = models.CharField(_("where"), max_length=255)
    visitors = models.CharField(_("who went"), max_length=200, help_text=_("e.g. 相談員, 民生委員"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    notes = models.TextField(_("notes"), blank=True)
    next_visit_on = models.DateField(_("next visit"), null=True, blank=True)
    history = HistoricalRecords()

    objects = OutreachVisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("outreach visit")
        verbose_name_plural = _("outreach visits")
        ordering = ["-visited_at", "-pk"]
        constraints = [
            # A visit is always about someone: a case, or a concern report not yet a case.
            models.CheckConstraint(
                condition=models.Q(case__isnull=False) | models.Q(concern_report__isnull=False),
                name="outreach_visit_has_subject",
            )
        ]

    def __str__(self):
        return f"{self.location} {timezone.localtime(self.visited_at):%Y-%m-%d}"

    def clean(self):
        if self.case_id is None and self.concern_report_id is None:
            raise ValidationError(_("Choose the case or the concern report this visit is about."))
