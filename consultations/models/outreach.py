"""Outreach (アウトリーチ): visits to people who have not, or cannot, come to us."""

import datetime

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from welfare_portal.constraints import FieldCheckConstraint
from welfare_portal.dates import staff_date

from .cases import Case
from .intake import ConcernReport, IntakeStatus


class OutreachVisitQuerySet(models.QuerySet):
    def latest_per_subject(self):
        """Only the latest visit of each case or concern report."""
        later_for_case = OutreachVisit.objects.filter(
            case=OuterRef("case"), case__isnull=False, visited_at__gt=OuterRef("visited_at")
        )
        later_for_report = OutreachVisit.objects.filter(
            concern_report=OuterRef("concern_report"),
            concern_report__isnull=False,
            visited_at__gt=OuterRef("visited_at"),
        )
        return self.exclude(Exists(later_for_case) | Exists(later_for_report))

    def still_open(self):
        """Visits about an open case, or a concern report not yet closed as needing nothing."""
        return self.exclude(case__status=Case.Status.CLOSED).exclude(
            case__isnull=True, concern_report__status=IntakeStatus.NO_ACTION
        )

    def next_visit_due(self, *, today=None):
        """Latest visits (none later for the same case or report) whose next visit falls by the end of this week."""
        today = today or timezone.localdate()
        week_end = today + datetime.timedelta(days=6 - today.weekday())
        return self.filter(next_visit_on__lte=week_end).latest_per_subject().still_open()

    def with_last_success(self):
        """Annotate `last_success_at`: when a visit about the same case or report last met someone."""
        success = OutreachVisit.objects.filter(outcome__in=OutreachVisit.SUCCESSFUL)
        same_case = success.filter(case=OuterRef("case"), case__isnull=False)
        same_report = success.filter(
            case__isnull=True, concern_report=OuterRef("concern_report"), concern_report__isnull=False
        )
        return self.annotate(
            last_case_success_at=models.Subquery(same_case.order_by("-visited_at").values("visited_at")[:1]),
            last_report_success_at=models.Subquery(
                same_report.order_by("-visited_at").values("visited_at")[:1]
            ),
        )


class OutreachVisit(models.Model):
    """訪問 (アウトリーチ): going to someone who has not, or cannot, come to us."""

    class Outcome(models.TextChoices):
        MET = "met", _("met the person")
        MET_FAMILY = "met_family", _("met a family member")
        NOT_HOME = "not_home", _("nobody answered")
        LEFT_NOTE = "left_note", _("left a letter or leaflet")
        REFUSED = "refused", _("contact refused")

    # A visit that met the person or their family is a contact; the others are attempts.
    SUCCESSFUL = (Outcome.MET, Outcome.MET_FAMILY)

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
            FieldCheckConstraint(
                condition=Q(case__isnull=False) | Q(concern_report__isnull=False),
                name="outreach_visit_has_subject",
                field="case",
                message=_("Choose the case or the concern report this visit is about."),
            )
        ]

    def __str__(self):
        return f"{self.location} {staff_date(self.visited_at)}"

    @property
    def was_successful(self):
        return self.outcome in self.SUCCESSFUL
