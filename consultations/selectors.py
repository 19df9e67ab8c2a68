"""Reads across case records: timelines for a case, a person and a household."""

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from welfare_portal.staff_home import Tile
from welfare_portal.timeline import TimelineEntry

from .models import (
    Assessment,
    Case,
    ConcernReport,
    ConsultationRequest,
    ContactLog,
    IntakeStatus,
    MeetingCaseReview,
    OutreachVisit,
    Referral,
    SupportPlan,
)


def _programme():
    return _("Consultation support")


def _case_entries(case):
    entries = [
        TimelineEntry(
            when=case.opened_on,
            programme=_programme(),
            title=_("Case %(reference)s opened (%(channel)s)")
            % {"reference": case.reference, "channel": case.get_channel_display()},
            detail=case.summary[:200],
            admin_url=reverse("admin:consultations_case_change", args=[case.pk]),
        )
    ]
    if case.closed_on:
        entries.append(
            TimelineEntry(
                when=case.closed_on,
                programme=_programme(),
                title=_("Case %(reference)s closed: %(reason)s")
                % {"reference": case.reference, "reason": case.get_closing_reason_display()},
                admin_url=reverse("admin:consultations_case_change", args=[case.pk]),
            )
        )
    return entries


def _log_entry(log):
    detail = log.summary
    if log.next_action:
        due = f" ({log.next_action_due:%Y-%m-%d})" if log.next_action_due else ""
        detail += "\n" + _("Next: %(action)s%(due)s") % {"action": log.next_action, "due": due}
    return TimelineEntry(
        when=log.contacted_at,
        programme=_programme(),
        title=_("Contact (%(method)s) with %(who)s")
        % {"method": log.get_method_display(), "who": log.participants},
        detail=detail,
        admin_url=reverse("admin:consultations_case_change", args=[log.case_id]),
    )


def _referral_entry(referral):
    return TimelineEntry(
        when=referral.referred_on,
        programme=_programme(),
        title=_("Referral to %(agency)s: %(status)s")
        % {"agency": referral.agency.name, "status": referral.get_status_display()},
        detail=referral.reason + (f"\n{referral.outcome}" if referral.outcome else ""),
        admin_url=reverse("admin:consultations_referral_change", args=[referral.pk]),
    )


def _entry(when, title, admin_url, detail=""):
    return TimelineEntry(when=when, programme=_programme(), title=title, detail=detail, admin_url=admin_url)


def _timeline(case_filter):
    cases = list(Case.objects.filter(case_filter).order_by("pk"))
    case_ids = [case.pk for case in cases]
    entries = [entry for case in cases for entry in _case_entries(case)]
    entries += [_log_entry(log) for log in ContactLog.objects.filter(case_id__in=case_ids)]
    entries += [
        _referral_entry(referral)
        for referral in Referral.objects.filter(case_id__in=case_ids).select_related("agency")
    ]
    entries += [
        _entry(
            a.assessed_on,
            _("Assessment"),
            reverse("admin:consultations_assessment_change", args=[a.pk]),
            a.summary,
        )
        for a in Assessment.objects.filter(case_id__in=case_ids)
    ]
    entries += [
        _entry(
            p.made_on,
            _("Support plan version %(version)s (%(status)s)")
            % {"version": p.version, "status": p.get_status_display()},
            reverse("admin:consultations_supportplan_change", args=[p.pk]),
            p.overall_goal,
        )
        for p in SupportPlan.objects.filter(case_id__in=case_ids)
    ]
    entries += [
        _entry(
            r.meeting.held_at,
            r.meeting.get_kind_display(),
            reverse("admin:consultations_meeting_change", args=[r.meeting_id]),
            r.decisions,
        )
        for r in MeetingCaseReview.objects.filter(case_id__in=case_ids).select_related("meeting")
    ]
    entries += [
        _entry(
            v.visited_at,
            _("Outreach visit: %(outcome)s") % {"outcome": v.get_outcome_display()},
            reverse("admin:consultations_outreachvisit_change", args=[v.pk]),
            v.notes,
        )
        for v in OutreachVisit.objects.filter(case_id__in=case_ids)
    ]
    return sorted(entries, key=lambda entry: entry.sort_key, reverse=True)


def case_timeline(case):
    """Everything on one case, newest first."""
    return _timeline(Q(pk=case.pk))


def person_timeline(person):
    """Cases, contact logs and referrals about this person, newest first."""
    return _timeline(Q(person=person))


def household_timeline(household):
    """Cases of the household and of its members, with their logs and referrals."""
    return _timeline(Q(household=household) | Q(person__household=household))


def staff_home_tiles(*, user, today):
    """What a case worker has waiting today: intake, their own cases, visits, plans, referrals."""
    if not user.has_perm("consultations.view_case"):
        return []
    section = _("Consultation support")
    requests = ConsultationRequest.objects.aggregate(new=Count("pk", filter=Q(status=IntakeStatus.NEW)))
    concerns = ConcernReport.objects.aggregate(
        new=Count("pk", filter=Q(status=IntakeStatus.NEW)),
        urgent=Count("pk", filter=Q(status=IntakeStatus.NEW, urgency=ConcernReport.Urgency.URGENT)),
    )
    mine = Case.objects.open().assigned_to(user)
    request_list = reverse("admin:consultations_consultationrequest_changelist")
    concern_list = reverse("admin:consultations_concernreport_changelist")
    case_list = reverse("admin:consultations_case_changelist")
    return [
        Tile(
            section,
            _("Urgent concern reports waiting"),
            f"{concern_list}?status__exact=new&urgency__exact=urgent",
            count=concerns["urgent"],
            urgent=True,
        ),
        Tile(
            section,
            _("New consultation requests"),
            f"{request_list}?status__exact=new",
            count=requests["new"],
        ),
        Tile(section, _("New concern reports"), f"{concern_list}?status__exact=new", count=concerns["new"]),
        Tile(
            section,
            _("My cases with an overdue next action"),
            f"{case_list}?mine=open&overdue=yes",
            count=mine.overdue(today=today).count(),
            urgent=True,
        ),
        Tile(
            section,
            _("My cases with no contact for %(days)d days") % {"days": settings.STALLED_CASE_DAYS},
            f"{case_list}?mine=open&stalled=yes",
            count=mine.stalled(today=today).count(),
        ),
        Tile(
            section,
            _("Outreach visits due this week"),
            reverse("admin:consultations_outreachvisit_changelist") + "?next_visit=due",
            count=OutreachVisit.objects.next_visit_due(today=today).count(),
        ),
        Tile(
            section,
            _("Support plans due for review"),
            reverse("admin:consultations_supportplan_changelist") + "?review=due",
            count=SupportPlan.objects.review_due(today=today).count(),
        ),
        Tile(
            section,
            _("Referrals waiting for an answer"),
            reverse("admin:consultations_referral_changelist") + "?status__exact=referred",
            count=Referral.objects.filter(status=Referral.Status.REFERRED).count(),
        ),
    ]
