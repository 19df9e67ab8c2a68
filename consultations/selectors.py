"""Reads across case records: timelines for a case, a person and a household."""

from django.conf import settings
from django.db import models as db
from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce, ExtractDay, ExtractMonth, ExtractYear
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from welfare_portal.staff_home import Tile
from welfare_portal.statistics import (
    Section,
    Table,
    count_active_by_month,
    count_by_month,
    count_row,
    rows_by_choice,
    series,
    stock_row,
    total_row,
)
from welfare_portal.timeline import TimelineEntry

from .models import (
    Agency,
    AgeRange,
    Assessment,
    Case,
    ConcernReport,
    ConsultationRequest,
    ContactLog,
    IntakeStatus,
    Meeting,
    MeetingCaseReview,
    OutreachVisit,
    Referral,
    SupportPlan,
    Topic,
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


# --- Monthly figures for the city (実績報告) ----------------------------------------


def _age_range_at_opening():
    """The person's age range on the day the case opened: from the birth date, else the estimate."""
    before_birthday = Q(stat_opened_month__lt=F("stat_birth_month")) | Q(
        stat_opened_month=F("stat_birth_month"), stat_opened_day__lt=F("stat_birth_day")
    )
    age = (
        ExtractYear("opened_on")
        - ExtractYear("person__birth_date")
        - db.Case(db.When(before_birthday, then=db.Value(1)), default=db.Value(0))
    )
    bands = [(20, AgeRange.UNDER_20), (30, AgeRange.TWENTIES), (40, AgeRange.THIRTIES)]
    bands += [(50, AgeRange.FORTIES), (60, AgeRange.FIFTIES), (70, AgeRange.SIXTIES)]
    return {
        "stat_opened_month": ExtractMonth("opened_on"),
        "stat_opened_day": ExtractDay("opened_on"),
        "stat_birth_month": ExtractMonth("person__birth_date"),
        "stat_birth_day": ExtractDay("person__birth_date"),
        "stat_age": Coalesce(age, "person__age_estimate", output_field=db.IntegerField()),
        "stat_age_range": db.Case(
            db.When(stat_age__isnull=True, then=db.Value(AgeRange.UNKNOWN.value)),
            *[db.When(stat_age__lt=limit, then=db.Value(band.value)) for limit, band in bands],
            default=db.Value(AgeRange.SEVENTIES_PLUS.value),
        ),
    }


def statistics_sections(*, period, user):
    """相談支援 for the monthly figures: one aggregate query per table, months in Tokyo time."""
    new_cases = count_by_month(Case.objects.all(), "opened_on", period)
    closed = count_by_month(Case.objects.all(), "closed_on", period, by="closing_reason")
    continuing, carried_over = count_active_by_month(
        Case.objects.all(), period, start="opened_on", end="closed_on", started_before=True
    )
    closing_reasons = rows_by_choice(closed, period, Case.ClosingReason.choices)
    cases = (
        count_row("new", _("New consultations (cases opened)"), series(new_cases, period)),
        stock_row("continuing", _("Continuing (open from earlier months)"), continuing, carried_over),
        total_row(closing_reasons, _("Cases closed"), key="closed"),
    )
    contacts = rows_by_choice(
        count_by_month(ContactLog.objects.all(), "contacted_at", period, by="method"),
        period,
        ContactLog.Method.choices,
    )
    by_channel = rows_by_choice(
        count_by_month(Case.objects.all(), "opened_on", period, by="channel"), period, Case.Channel.choices
    )
    by_topic = rows_by_choice(
        count_by_month(Case.objects.all(), "opened_on", period, by="topics__code"),
        period,
        Topic.Code.choices,
        blank_label=_("no topic recorded"),
    )
    by_age = rows_by_choice(
        count_by_month(
            Case.objects.annotate(**_age_range_at_opening()), "opened_on", period, by="stat_age_range"
        ),
        period,
        AgeRange.choices,
    )
    requests = rows_by_choice(
        count_by_month(ConsultationRequest.objects.all(), "submitted_at", period, by="requester"),
        period,
        ConsultationRequest.Requester.choices,
    )
    concerns = rows_by_choice(
        count_by_month(ConcernReport.objects.all(), "submitted_at", period, by="reporter_type"),
        period,
        ConcernReport.Reporter.choices,
        blank_label=_("not given"),
    )
    referral_kinds = rows_by_choice(
        count_by_month(Referral.objects.all(), "referred_on", period, by="agency__kind"),
        period,
        Agency.Kind.choices,
    )
    referral_status = rows_by_choice(
        count_by_month(Referral.objects.all(), "referred_on", period, by="status"),
        period,
        Referral.Status.choices,
    )
    plans = count_by_month(
        SupportPlan.objects.annotate(
            stat_kind=db.Case(db.When(version=1, then=db.Value("new")), default=db.Value("revised"))
        ),
        "made_on",
        period,
        by="stat_kind",
    )
    meetings = count_by_month(Meeting.objects.all(), "held_at", period, by="kind")
    reviews = count_by_month(MeetingCaseReview.objects.all(), "meeting__held_at", period, by="meeting__kind")
    visits = rows_by_choice(
        count_by_month(OutreachVisit.objects.all(), "visited_at", period, by="outcome"),
        period,
        OutreachVisit.Outcome.choices,
    )
    section_title = _("Consultation support")
    tables = (
        Table(
            "consultations-cases",
            _("Consultations: new, continuing and closed"),
            cases,
            unit=pgettext("unit", "cases"),
            note=_(
                "Continuing: cases opened in an earlier month and not yet closed when the month began. "
                "Its total is the number carried into the period."
            ),
            chart=("new", "continuing", "closed"),
        ),
        Table(
            "consultations-contacts",
            _("Contacts recorded (all consultations), by method"),
            (*contacts, total_row(contacts)),
            unit=pgettext("unit", "contacts"),
            chart=("total",),
        ),
        Table(
            "consultations-new-by-channel",
            _("New consultations by how they came"),
            (*by_channel, total_row(by_channel)),
            unit=pgettext("unit", "cases"),
        ),
        Table(
            "consultations-new-by-topic",
            _("New consultations by topic"),
            tuple(by_topic),
            unit=pgettext("unit", "cases"),
            note=_("A case may have several topics, so the rows add up to more than the new cases."),
        ),
        Table(
            "consultations-new-by-age",
            _("New consultations by age of the person when the case opened"),
            (*by_age, total_row(by_age)),
            unit=pgettext("unit", "cases"),
        ),
        Table(
            "consultations-requests",
            _("Online consultation requests by who is asking"),
            (*requests, total_row(requests)),
            unit=pgettext("unit", "requests"),
        ),
        Table(
            "consultations-concern-reports",
            _("Concern reports (hottokenai sheet) by who sent them"),
            (*concerns, total_row(concerns)),
            unit=pgettext("unit", "reports"),
        ),
        Table(
            "consultations-closed-by-reason",
            _("Cases closed by reason"),
            (*closing_reasons, total_row(closing_reasons)),
            unit=pgettext("unit", "cases"),
        ),
        Table(
            "consultations-referrals-by-kind",
            _("Referrals to other agencies by kind of agency"),
            (*referral_kinds, total_row(referral_kinds)),
            unit=pgettext("unit", "referrals"),
        ),
        Table(
            "consultations-referrals-by-status",
            _("Referrals made in the month by where they stand now"),
            (*referral_status, total_row(referral_status)),
            unit=pgettext("unit", "referrals"),
        ),
        Table(
            "consultations-assessments-plans",
            _("Assessments and support plans"),
            (
                count_row(
                    "assessments",
                    _("Assessments"),
                    series(count_by_month(Assessment.objects.all(), "assessed_on", period), period),
                ),
                count_row("plans-new", _("Support plans made (first version)"), series(plans, period, "new")),
                count_row("plans-revised", _("Support plans revised"), series(plans, period, "revised")),
            ),
            unit=pgettext("unit", "records"),
        ),
        Table(
            "consultations-meetings",
            _("Meetings held and cases reviewed"),
            (
                *[
                    count_row(
                        f"meetings-{kind}",
                        _("Meetings held: %(kind)s") % {"kind": label},
                        series(meetings, period, kind),
                    )
                    for kind, label in Meeting.Kind.choices
                ],
                *[
                    count_row(
                        f"reviews-{kind}",
                        _("Cases reviewed: %(kind)s") % {"kind": label},
                        series(reviews, period, kind),
                    )
                    for kind, label in Meeting.Kind.choices
                ],
            ),
        ),
        Table(
            "consultations-outreach",
            _("Outreach visits by outcome"),
            (*visits, total_row(visits)),
            unit=pgettext("unit", "visits"),
        ),
    )
    links = []
    if user.has_perm("consultations.view_case"):
        links.append((_("All cases"), reverse("admin:consultations_case_changelist")))
    return [Section("consultations", str(section_title), tables, tuple(links))]


def person_records(person):
    """{model label: ids} of this app's records about the person, for the access log.

    Querysets of ids, used as subqueries: the caller's one query reads them all.
    """
    about = {"case__person": person}
    return {
        "consultations.person": [person.pk],
        "consultations.case": Case.objects.filter(person=person).values("pk"),
        "consultations.contactlog": ContactLog.objects.filter(**about).values("pk"),
        "consultations.referral": Referral.objects.filter(**about).values("pk"),
        "consultations.assessment": Assessment.objects.filter(**about).values("pk"),
        "consultations.supportplan": SupportPlan.objects.filter(**about).values("pk"),
        "consultations.outreachvisit": OutreachVisit.objects.filter(**about).values("pk"),
        "consultations.consultationrequest": ConsultationRequest.objects.filter(**about).values("pk"),
        "consultations.concernreport": ConcernReport.objects.filter(**about).values("pk"),
        "consultations.meeting": Meeting.objects.filter(reviews__case__person=person).values("pk"),
    }
