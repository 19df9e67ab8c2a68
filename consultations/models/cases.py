"""Cases, their stage changes, contact logs, agencies and referrals."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from welfare_portal import text
from welfare_portal.constraints import FieldCheckConstraint
from welfare_portal.dates import staff_datetime

from .people import Household, Person


def _day_start(day):
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


class CaseQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("person", "household", "worker", "area").prefetch_related("topics")

    def open(self):
        return self.exclude(status=Case.Status.CLOSED)

    def assigned_to(self, user):
        return self.filter(worker=user)

    def overdue(self, *, today=None):
        """Open cases with a next action whose date has passed and that is not done yet."""
        today = today or timezone.localdate()
        pending = ContactLog.objects.filter(
            case=OuterRef("pk"), next_action_due__lt=today, next_action_done=False
        )
        return self.open().filter(Exists(pending))

    def with_last_contact(self):
        """Annotate `last_contact_at`: the latest contact log or outreach visit that met someone."""
        from .outreach import OutreachVisit

        logs = ContactLog.objects.filter(case=OuterRef("pk")).order_by("-contacted_at").values("contacted_at")
        met = (
            OutreachVisit.objects.filter(case=OuterRef("pk"), outcome__in=OutreachVisit.SUCCESSFUL)
            .order_by("-visited_at")
            .values("visited_at")
        )
        return self.annotate(last_log_at=Subquery(logs[:1]), last_met_at=Subquery(met[:1])).annotate(
            # Greatest() is NULL on SQLite when either side is: compare each with the other's fallback.
            last_contact_at=Greatest(
                Coalesce("last_log_at", "last_met_at"), Coalesce("last_met_at", "last_log_at")
            )
        )

    def with_next_visit(self):
        """Annotate `next_visit_on`: the next visit planned at the latest outreach visit."""
        from .outreach import OutreachVisit

        latest = OutreachVisit.objects.filter(case=OuterRef("pk")).order_by("-visited_at", "-pk")
        return self.annotate(
            next_visit_on=Subquery(latest.values("next_visit_on")[:1]),
            has_visits=Exists(latest),
        )

    def stalled(self, *, today=None):
        """Open cases opened over STALLED_CASE_DAYS ago with no contact (a log, or a visit
        that met someone) in that many days."""
        today = today or timezone.localdate()
        since = today - datetime.timedelta(days=settings.STALLED_CASE_DAYS)
        return (
            self.open()
            .with_last_contact()
            .filter(opened_on__lt=since)
            .filter(Q(last_contact_at__isnull=True) | Q(last_contact_at__lt=_day_start(since)))
        )

    def assessment_due(self, *, today=None):
        """Open cases past intake whose latest assessment is over ASSESSMENT_DUE_DAYS old, or missing."""
        from .plans import Assessment

        today = today or timezone.localdate()
        since = today - datetime.timedelta(days=settings.ASSESSMENT_DUE_DAYS)
        recent = Assessment.objects.filter(case=OuterRef("pk"), assessed_on__gt=since)
        return self.open().exclude(status=Case.Status.INTAKE).exclude(Exists(recent))


class Case(models.Model):
    """ケース: one person's (and household's) support from intake to closing."""

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
    # Who asked, when it was not the person: a sister asking for her brother.
    requester = models.ForeignKey(
        Person,
        verbose_name=_("who asked (if not the person)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases_asked_for",
    )
    requester_relationship = models.CharField(
        _("their relationship to the person"), max_length=50, blank=True, help_text=_("e.g. 姉, 民生委員")
    )
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
    )
    area = models.ForeignKey(
        "Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    topics = models.ManyToManyField("Topic", verbose_name=_("topics"), blank=True, related_name="cases")
    status = models.CharField(_("stage"), max_length=20, choices=Status.choices, default=Status.INTAKE)
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
            FieldCheckConstraint(
                condition=(Q(status="closed", closed_on__isnull=False) & ~Q(closing_reason=""))
                | (~Q(status="closed") & Q(closed_on__isnull=True, closing_reason="")),
                name="case_closed_has_date_and_reason",
                field="closing_reason",
                message=_("A closed case has a closing date and reason; an open case has neither."),
            ),
            FieldCheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("opened_on")),
                name="case_closed_after_opened",
                field="closed_on",
                message=_("The closing date cannot be before the opening date."),
            ),
            FieldCheckConstraint(
                condition=~Q(requester=F("person")),
                name="case_requester_is_not_the_person",
                field="requester",
                message=_("Who asked is recorded only when it is someone other than the person."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "worker"]),
            # The case list's order (newest opened first), so a late page needs no full sort.
            models.Index(fields=["-opened_on", "-id"], name="case_newest"),
        ]

    def __str__(self):
        return f"{self.reference} {self.person}"

    @property
    def is_open(self):
        return self.status != self.Status.CLOSED


class CaseStatusChange(models.Model):
    """A move of a case from one stage to another (受付 → … → 終結, or reopening), with who and why."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="status_changes"
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    from_status = models.CharField(_("from stage"), max_length=20, choices=Case.Status.choices)
    to_status = models.CharField(_("to stage"), max_length=20, choices=Case.Status.choices)
    reason = models.TextField(_("reason"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["case", "changed_at", "pk"]
        constraints = [
            FieldCheckConstraint(
                condition=~Q(from_status=F("to_status")),
                name="case_status_change_changes",
                field="to_status",
                message=_("A stage change moves the case to another stage."),
            ),
            FieldCheckConstraint(
                condition=~Q(from_status="closed") | ~Q(reason=""),
                name="case_reopening_has_reason",
                field="reason",
                message=_("Please write why the case is reopened."),
            ),
        ]

    def __str__(self):
        return f"{self.case_id}: {self.from_status} → {self.to_status}"


class ReferenceCounter(models.Model):
    """The last number given out per kind and fiscal year: case numbers K-2026-0001, K-2026-0002, …

    Numbers come from this locked row, so two workers opening cases at the
    same moment get different numbers.
    """

    kind = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year"],
                name="reference_counter_once",
                violation_error_message=_("There is already a counter for these numbers and this year."),
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.year}: {self.last}"


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
        indexes = [
            models.Index(fields=["next_action_due", "next_action_done"]),
            # The list (newest first, a million rows in a big council) and a case's newest logs.
            models.Index(fields=["-contacted_at", "-id"], name="contact_log_newest"),
            models.Index(fields=["case", "-contacted_at"], name="contact_log_case_newest"),
        ]
        constraints = [
            FieldCheckConstraint(
                condition=Q(next_action_due__isnull=True) | ~Q(next_action=""),
                name="contact_log_due_date_has_action",
                field="next_action",
                message=_("Please write what the next action is, or clear its date."),
            ),
        ]

    def __str__(self):
        return f"{self.case.reference} {staff_datetime(self.contacted_at)}"


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
    """つなぎ: the case is handed to, or shared with, another agency.

    予定 → つないだ → 受け入れ / お断り, and 受け入れ → 完了; an answer has its date.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        REFERRED = "referred", _("referred")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        COMPLETED = "completed", _("completed")

    ANSWERED = (Status.ACCEPTED, Status.DECLINED, Status.COMPLETED)

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="referrals")
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="referrals"
    )
    reason = models.TextField(_("why"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    referred_on = models.DateField(_("referred on"), default=timezone.localdate)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-referred_on", "-pk"]
        constraints = [
            FieldCheckConstraint(
                condition=(Q(status__in=["accepted", "declined", "completed"]) & Q(answered_on__isnull=False))
                | (Q(status__in=["planned", "referred"]) & Q(answered_on__isnull=True)),
                name="referral_answer_has_date",
                field="answered_on",
                message=_("An answered referral has the date of the answer; one not yet answered has none."),
            ),
            FieldCheckConstraint(
                condition=Q(answered_on__isnull=True) | Q(answered_on__gte=F("referred_on")),
                name="referral_answered_after_referred",
                field="answered_on",
                message=_("The answer cannot come before the referral."),
            ),
        ]

    def __str__(self):
        return f"{self.case.reference} → {self.agency}"
