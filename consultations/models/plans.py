"""Assessments, versioned support plans, and the meetings that review cases."""

import calendar
import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from welfare_portal.constraints import FieldCheckConstraint, FieldUniqueConstraint
from welfare_portal.dates import staff_date

from .cases import Agency, Case
from .people import Consent


class Rating(models.IntegerChoices):
    """How things stand in one life area, from 1 (serious) to 5 (stable)."""

    SERIOUS = 1, _("1: serious difficulty")
    DIFFICULT = 2, _("2: major difficulty")
    SOME = 3, _("3: some difficulty")
    MOSTLY_STABLE = 4, _("4: mostly stable")
    STABLE = 5, _("5: stable")


# The life areas an assessment rates: (key, rating field, notes field, label).
LIFE_AREAS = [
    ("housing", "housing_rating", "living", _("housing")),
    ("finances", "finances_rating", "finances", _("household finances")),
    ("work", "work_rating", "work", _("work and employment")),
    ("health", "health_rating", "health", _("health")),
    ("family", "family_rating", "family", _("family and care")),
    ("social", "social_rating", "social", _("social participation and connections")),
    ("wishes", "wishes_rating", "wishes", _("the person's wishes")),
]


def _rating_field(label):
    return models.PositiveSmallIntegerField(label, choices=Rating.choices, null=True, blank=True)


class Assessment(models.Model):
    """アセスメント: how things stand in each life area, seen whole, before a plan is made.

    Each life area has a rating and notes, so the next assessment shows what changed.
    """

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
    housing_rating = _rating_field(_("housing"))
    living = models.TextField(_("housing: notes"), blank=True)
    finances_rating = _rating_field(_("household finances"))
    finances = models.TextField(_("household finances: notes"), blank=True)
    work_rating = _rating_field(_("work and employment"))
    work = models.TextField(_("work and employment: notes"), blank=True)
    health_rating = _rating_field(_("health"))
    health = models.TextField(_("health: notes"), blank=True)
    family_rating = _rating_field(_("family and care"))
    family = models.TextField(_("family and care: notes"), blank=True)
    social_rating = _rating_field(_("social participation and connections"))
    social = models.TextField(_("social participation and connections: notes"), blank=True)
    wishes_rating = _rating_field(_("the person's wishes"))
    wishes = models.TextField(_("the person's wishes: notes"), blank=True)
    strengths = models.TextField(_("strengths and resources"), blank=True)
    risks = models.TextField(_("risks"), blank=True)
    summary = models.TextField(_("overall view"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-assessed_on", "-pk"]
        constraints = [
            FieldCheckConstraint(
                condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 1, f"{field}__lte": 5}),
                name=f"assessment_{key}_rating_1_to_5",
                field=field,
                message=_("Choose a rating from 1 to 5."),
            )
            for key, field, _notes, _label in LIFE_AREAS
        ]

    def __str__(self):
        return f"{self.case.reference} {staff_date(self.assessed_on)}"

    def ratings(self):
        """[(key, label, rating or None, notes)] for each life area."""
        return [
            (key, label, getattr(self, field), getattr(self, notes))
            for key, field, notes, label in LIFE_AREAS
        ]


class SupportPlanQuerySet(models.QuerySet):
    def review_due(self, *, today=None, within_days=7):
        """Plans in effect on open cases whose review date falls within a week (or has passed)."""
        today = today or timezone.localdate()
        return self.filter(
            status=SupportPlan.Status.ACTIVE,
            review_on__lte=today + datetime.timedelta(days=within_days),
        ).exclude(case__status=Case.Status.CLOSED)


class SupportPlan(models.Model):
    """支援プラン: goals and who does what. A revision is a new version; old ones are kept.

    Only the newest version, while it is a draft, can be edited. Putting a
    version in effect supersedes the one before it; closing the case ends it.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("support plan", "draft")
        ACTIVE = "active", _("in effect")
        SUPERSEDED = "superseded", _("superseded")
        ENDED = "ended", _("ended")

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="plans")
    version = models.PositiveSmallIntegerField(_("version"), default=1, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    made_on = models.DateField(_("made on"), default=timezone.localdate)
    review_on = models.DateField(
        _("review on"),
        null=True,
        blank=True,
        help_text=_("The case goes on the agenda of the meeting before this date."),
    )
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
    effective_from = models.DateField(_("in effect from"), null=True, blank=True, editable=False)
    effective_until = models.DateField(_("in effect until"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = SupportPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("support plan")
        verbose_name_plural = _("support plans")
        ordering = ["case", "-version"]
        constraints = [
            FieldUniqueConstraint(
                fields=["case", "version"],
                name="support_plan_one_per_version",
                field="case",
                message=_("This case already has a plan with this version number."),
            ),
            FieldUniqueConstraint(
                fields=["case"],
                condition=Q(status="active"),
                name="support_plan_one_active_per_case",
                field="case",
                message=_("This case already has a plan in effect."),
            ),
            FieldCheckConstraint(
                condition=Q(version__gte=1),
                name="support_plan_version_positive",
                field="case",
                message=_("A plan's version number starts at 1."),
            ),
            FieldCheckConstraint(
                condition=~Q(status="active") | Q(review_on__isnull=False),
                name="support_plan_in_effect_has_review_date",
                field="review_on",
                message=_("A plan in effect needs a review date."),
            ),
            FieldCheckConstraint(
                condition=Q(status="draft") | Q(effective_from__isnull=False),
                name="support_plan_started_has_start_date",
                field="review_on",
                message=_("A plan that has been in effect has the date it started."),
            ),
            FieldCheckConstraint(
                condition=(Q(status__in=["superseded", "ended"]) & Q(effective_until__isnull=False))
                | (Q(status__in=["draft", "active"]) & Q(effective_until__isnull=True)),
                name="support_plan_ended_has_end_date",
                field="review_on",
                message=_("A superseded or ended plan has the date it stopped; other plans have none."),
            ),
            FieldCheckConstraint(
                condition=Q(effective_until__isnull=True) | Q(effective_until__gte=F("effective_from")),
                name="support_plan_ends_after_it_starts",
                field="review_on",
                message=_("A plan cannot stop before it started."),
            ),
            FieldCheckConstraint(
                condition=Q(review_on__isnull=True) | Q(review_on__gte=F("made_on")),
                name="support_plan_review_after_made",
                field="review_on",
                message=_("The review date cannot be before the plan was made."),
            ),
        ]

    def __str__(self):
        return _("%(reference)s plan v%(version)s") % {
            "reference": self.case.reference,
            "version": self.version,
        }


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


def add_months(day, months):
    """The same day `months` later, or the month's last day if it is shorter (1月31日 → 2月28日)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, *, today=None):
        today = today or timezone.localdate()
        return self.filter(
            held_at__gte=datetime.datetime.combine(
                today, datetime.time.min, tzinfo=timezone.get_current_timezone()
            )
        )


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
    agencies = models.ManyToManyField(
        Agency,
        verbose_name=_("agencies taking part"),
        blank=True,
        related_name="meetings",
        help_text=_(
            "A 重層的支援会議 may discuss a case only if the person's consent covers every one of them."
        ),
    )
    attendees = models.TextField(_("attendees"), help_text=_("Agencies and people who took part"))
    agenda = models.TextField(_("agenda notes"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    history = HistoricalRecords(m2m_fields=[agencies])

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {staff_date(self.held_at)}"

    @property
    def needs_consent(self):
        return self.kind == self.Kind.MULTI_LAYERED

    @property
    def held_on(self):
        return timezone.localtime(self.held_at).date()


class MeetingCaseReview(models.Model):
    """One case on a meeting's agenda, and what the meeting decided about it.

    `meeting_kind` copies the meeting's kind, so the database itself refuses a
    case without consent on a 重層的支援会議 (the services keep the copy in step
    under a lock on the meeting).
    """

    class Evaluation(models.TextChoices):
        APPROPRIATE = "appropriate", _("appropriate: continue the plan")
        NEEDS_REVISION = "needs_revision", _("needs revision")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="reviews"
    )
    meeting_kind = models.CharField(_("kind of meeting"), max_length=20, choices=Meeting.Kind.choices)
    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="meeting_reviews"
    )
    consent = models.ForeignKey(
        Consent,
        verbose_name=_("consent relied on"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_reviews",
    )
    agenda_reason = models.CharField(_("why it is on the agenda"), max_length=255, blank=True)
    evaluation = models.CharField(_("evaluation"), max_length=20, choices=Evaluation.choices, blank=True)
    discussion = models.TextField(_("discussion"), blank=True)
    decisions = models.TextField(_("decisions and roles"), blank=True)
    next_review_on = models.DateField(_("next review on"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("recorded at"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("case on a meeting's agenda")
        verbose_name_plural = _("cases on meetings' agendas")
        ordering = ["meeting", "pk"]
        constraints = [
            FieldUniqueConstraint(
                fields=["meeting", "case"],
                name="meeting_case_review_once",
                field="case",
                message=_("This case is already on this meeting's agenda."),
            ),
            FieldCheckConstraint(
                condition=Q(meeting_kind="support") | Q(consent__isnull=False),
                name="meeting_case_review_consent_for_multi_layered",
                field="case",
                message=_(
                    "A multi-layered support meeting may discuss a case only with the person's consent. "
                    "Without consent, use a support meeting (Art. 106-6)."
                ),
            ),
            FieldCheckConstraint(
                condition=Q(evaluation="") | Q(next_review_on__isnull=False),
                name="meeting_case_review_evaluated_has_next_date",
                field="next_review_on",
                message=_("Please enter when the case is reviewed next."),
            ),
            FieldCheckConstraint(
                condition=(Q(evaluation="") & Q(reviewed_at__isnull=True))
                | (~Q(evaluation="") & Q(reviewed_at__isnull=False)),
                name="meeting_case_review_evaluated_has_time",
                field="evaluation",
                message=_("A recorded review has its evaluation and the time it was recorded."),
            ),
        ]

    def __str__(self):
        return f"{self.meeting} / {self.case.reference}"

    @property
    def is_recorded(self):
        return bool(self.evaluation)
