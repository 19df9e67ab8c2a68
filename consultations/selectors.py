"""Reads across case records: timelines, the staff home's tiles, meeting agendas, areas."""

import dataclasses
import datetime

from django.conf import settings
from django.db import models as db
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce, ExtractDay, ExtractMonth, ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from welfare_portal.dates import staff_date
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
    LIFE_AREAS,
    Agency,
    AgeRange,
    Area,
    Assessment,
    Case,
    CaseStatusChange,
    CommunityMeeting,
    CommunityNeed,
    ConcernReport,
    Consent,
    ConsultationRequest,
    ContactLog,
    Household,
    IntakeStatus,
    Meeting,
    MeetingCaseReview,
    OutreachVisit,
    PlanRole,
    Referral,
    SupportPlan,
    Topic,
    add_months,
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
        due = f"({staff_date(log.next_action_due)})" if log.next_action_due else ""
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


def _review_entry(review):
    title = review.meeting.get_kind_display()
    detail = review.decisions
    if review.is_recorded:
        title = _("%(meeting)s: %(evaluation)s") % {
            "meeting": title,
            "evaluation": review.get_evaluation_display(),
        }
        detail = "\n".join(
            filter(None, [detail, _("Next review: %(day)s") % {"day": staff_date(review.next_review_on)}])
        )
    else:
        detail = review.agenda_reason
    return _entry(
        review.meeting.held_at,
        title,
        reverse("admin:consultations_meeting_change", args=[review.meeting_id]),
        detail,
    )


def _status_entry(change):
    return _entry(
        change.changed_at,
        _("Case %(reference)s: %(from)s → %(to)s")
        % {
            "reference": change.case.reference,
            "from": change.get_from_status_display(),
            "to": change.get_to_status_display(),
        },
        reverse("admin:consultations_case_change", args=[change.case_id]),
        change.reason,
    )


def _entry(when, title, admin_url, detail=""):
    return TimelineEntry(when=when, programme=_programme(), title=title, detail=detail, admin_url=admin_url)


def _timeline(case_filter, limit=None):
    # With `limit`, each kind of entry is read newest first and cut at `limit` (the newest
    # `limit` of all kinds are among them): a case with 2,000 logs reads 50, not 2,000.
    def newest(queryset, field):
        return queryset.order_by(f"-{field}", "-pk")[:limit] if limit else queryset

    cases = list(Case.objects.filter(case_filter).order_by("pk"))
    case_ids = [case.pk for case in cases]
    entries = [entry for case in cases for entry in _case_entries(case)]
    entries += [
        _log_entry(log) for log in newest(ContactLog.objects.filter(case_id__in=case_ids), "contacted_at")
    ]
    entries += [
        _referral_entry(referral)
        for referral in newest(
            Referral.objects.filter(case_id__in=case_ids).select_related("agency"), "referred_on"
        )
    ]
    entries += [
        _entry(
            a.assessed_on,
            _("Assessment"),
            reverse("admin:consultations_assessment_change", args=[a.pk]),
            a.summary,
        )
        for a in newest(Assessment.objects.filter(case_id__in=case_ids), "assessed_on")
    ]
    entries += [
        _entry(
            p.made_on,
            _("Support plan version %(version)s (%(status)s)")
            % {"version": p.version, "status": p.get_status_display()},
            reverse("admin:consultations_supportplan_change", args=[p.pk]),
            p.overall_goal,
        )
        for p in newest(SupportPlan.objects.filter(case_id__in=case_ids), "made_on")
    ]
    entries += [
        _review_entry(r)
        for r in newest(
            MeetingCaseReview.objects.filter(case_id__in=case_ids).select_related("meeting"),
            "meeting__held_at",
        )
    ]
    entries += [
        _status_entry(change)
        for change in newest(
            CaseStatusChange.objects.filter(case_id__in=case_ids).select_related("case"), "changed_at"
        )
        if change.to_status != Case.Status.CLOSED  # the closing has its own entry
    ]
    entries += [
        _entry(
            v.visited_at,
            _("Outreach visit: %(outcome)s") % {"outcome": v.get_outcome_display()},
            reverse("admin:consultations_outreachvisit_change", args=[v.pk]),
            v.notes,
        )
        for v in newest(OutreachVisit.objects.filter(case_id__in=case_ids), "visited_at")
    ]
    entries = sorted(entries, key=lambda entry: entry.sort_key, reverse=True)
    return entries[:limit] if limit else entries


def case_timeline(case, limit=None):
    """Everything on one case, newest first (the newest `limit` entries, if given)."""
    return _timeline(Q(pk=case.pk), limit=limit)


def person_timeline(person):
    """Cases, contact logs and referrals about this person, newest first."""
    return _timeline(Q(person=person))


def household_timeline(household):
    """Cases of the household and of its members, with their logs and referrals."""
    return _timeline(Q(household=household) | Q(person__household=household))


# --- The staff home --------------------------------------------------------------------------------


def staff_home_tiles(*, user, today):
    """What a case worker has waiting today: intake, their own cases, visits, plans, meetings, referrals;
    and, for whoever works on 地域づくり, the local needs to follow up. Each tile links to a list
    filtered by filters that list shows."""
    tiles = []
    if user.has_perm("consultations.view_case"):
        tiles += _case_work_tiles(user=user, today=today)
    if user.has_perm("consultations.view_communityneed"):
        tiles += _community_tiles(today=today)
    return tiles


def _case_work_tiles(*, user, today):
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
    meetings = Meeting.objects.upcoming(today=today).aggregate(
        count=Count("pk"), waiting=Count("reviews", filter=Q(reviews__evaluation=""))
    )
    next_meeting = Meeting.objects.upcoming(today=today).order_by("held_at").first()
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
            note=_("A contact log, or a visit that met the person or family"),
        ),
        Tile(
            section,
            _("My cases due for an assessment"),
            f"{case_list}?mine=open&assessment=due",
            count=mine.assessment_due(today=today).count(),
            note=_("No assessment in the last %(days)d days") % {"days": settings.ASSESSMENT_DUE_DAYS},
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
            _("Meetings ahead"),
            reverse("admin:consultations_meeting_changelist") + "?when=upcoming",
            count=meetings["count"],
            note=(
                _("Next: %(kind)s on %(day)s, %(cases)d cases on the agenda")
                % {
                    "kind": next_meeting.get_kind_display(),
                    "day": staff_date(next_meeting.held_at),
                    "cases": meetings["waiting"],
                }
                if next_meeting
                else ""
            ),
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
    return [
        Section("consultations", str(section_title), tables, tuple(links)),
        _community_section(period=period, user=user),
    ]


def _community_section(*, period, user):
    """地域づくり: community meetings per area layer, and the needs and ideas they raised and settled."""
    meetings = count_by_month(CommunityMeeting.objects.all(), "held_on", period, by="area__layer")
    meeting_rows = rows_by_choice(meetings, period, Area.Layer.choices)
    raised = count_by_month(
        CommunityNeed.objects.filter(meeting__isnull=False), "meeting__held_on", period, by="kind"
    )
    raised_rows = rows_by_choice(raised, period, CommunityNeed.Kind.choices)
    settled = count_by_month(
        CommunityNeed.objects.filter(closed_on__isnull=False), "closed_on", period, by="status"
    )
    settled_rows = [
        count_row(f"settled-{status}", label, series(settled, period, status))
        for status, label in CommunityNeed.Status.choices
        if status not in CommunityNeed.OPEN_STATUSES
    ]
    tables = (
        Table(
            "community-meetings",
            _("Community meetings by area layer"),
            (*meeting_rows, total_row(meeting_rows)),
            unit=pgettext("unit", "meetings"),
            chart=("total",),
        ),
        Table(
            "community-needs",
            _("Local needs and ideas raised at meetings, and those settled"),
            (*raised_rows, *settled_rows),
            unit=pgettext("unit", "needs"),
            note=_("Raised: counted in the month of the meeting. Settled: in the month they were closed."),
        ),
    )
    links = []
    if user.has_perm("consultations.view_communitymeeting"):
        links.append((_("Areas and their needs"), reverse("consultations_staff:area-list")))
    return Section("community", _("Community development"), tables, tuple(links))


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


def _community_tiles(*, today):
    section = _("Community development")
    needs = CommunityNeed.objects.aggregate(
        open=Count("pk", filter=Q(status__in=CommunityNeed.OPEN_STATUSES)),
        due=Count("pk", filter=Q(status__in=CommunityNeed.OPEN_STATUSES, follow_up_on__lte=today)),
    )
    need_list = reverse("admin:consultations_communityneed_changelist")
    return [
        Tile(
            section,
            _("Local needs to follow up now"),
            f"{need_list}?follow_up=due",
            count=needs["due"],
            urgent=True,
        ),
        Tile(section, _("Local needs and ideas still open"), f"{need_list}?open=yes", count=needs["open"]),
    ]


# --- Consent and meetings --------------------------------------------------------------------------


def consents_by_person(person_ids):
    """{person id: [consent, ...] newest first}, with the named agencies loaded."""
    result = {}
    consents = Consent.objects.filter(person_id__in=set(person_ids)).prefetch_related("agencies")
    for consent in consents.order_by("-given_on", "-pk"):
        result.setdefault(consent.person_id, []).append(consent)
    return result


def consent_for_meeting(*, person, meeting, agencies=None, consents=None):
    """(the consent that lets this meeting discuss the person, "") or (None, why not).

    It must be given by the meeting's date, not expired or withdrawn then, and
    cover every agency taking part, by kind or by name.
    """
    day = meeting.held_on
    if agencies is None:
        agencies = list(meeting.agencies.all())
    if consents is None:
        consents = consents_by_person([person.pk]).get(person.pk, [])
    if not consents:
        return None, _("No consent to sharing is recorded for %(name)s.") % {"name": person.full_name}
    reasons = []
    for consent in consents:
        if consent.given_on > day:
            reason = _("The consent was given on %(day)s, after the meeting.") % {
                "day": staff_date(consent.given_on)
            }
        elif consent.withdrawn_on and consent.withdrawn_on <= day:
            reason = _("The consent was withdrawn on %(day)s.") % {"day": staff_date(consent.withdrawn_on)}
        elif consent.valid_until and consent.valid_until < day:
            reason = _("The consent ended on %(day)s, before the meeting.") % {
                "day": staff_date(consent.valid_until)
            }
        else:
            missing = [agency.name for agency in agencies if not consent.covers(agency)]
            if not missing:
                return consent, ""
            reason = _("The consent does not cover: %(agencies)s.") % {"agencies": "、".join(missing)}
        reasons.append(reason)
    return None, reasons[0]


def support_meetings_ahead(meeting=None, *, today=None):
    """支援会議 from today on: where a case without consent can go instead."""
    upcoming = Meeting.objects.upcoming(today=today).filter(kind=Meeting.Kind.SUPPORT)
    if meeting is not None:
        upcoming = upcoming.exclude(pk=meeting.pk)
    return list(upcoming.order_by("held_at")[:5])


def meeting_next_date(meeting):
    """The date of the next meeting of the same kind, or the same day a month later if none is planned."""
    later = (
        Meeting.objects.filter(kind=meeting.kind, held_at__gt=meeting.held_at)
        .exclude(pk=meeting.pk)
        .order_by("held_at")
        .values_list("held_at", flat=True)
        .first()
    )
    if later is not None:
        later_day = timezone.localtime(later).date()
        if later_day > meeting.held_on:
            return later_day
    return add_months(meeting.held_on, 1)


@dataclasses.dataclass
class DueCase:
    case: Case
    reasons: list
    due_on: datetime.date


def _day_start(day):
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def cases_due_for_review(*, before, meeting=None, today=None):
    """[(case, [reasons])] of open cases whose review falls due before `before`, earliest first.

    Due: the review date of the plan in effect; without a plan, the next review
    date the last meeting set; or the latest assessment being over
    ASSESSMENT_DUE_DAYS old. With `meeting`, cases already on its agenda, or
    waiting on the agenda of another meeting from today on, are left out.
    """
    today = today or timezone.localdate()
    assessed_before = before - datetime.timedelta(days=settings.ASSESSMENT_DUE_DAYS)
    plan_review = SupportPlan.objects.filter(case=OuterRef("pk"), status=SupportPlan.Status.ACTIVE)
    last_review = (
        MeetingCaseReview.objects.filter(case=OuterRef("pk"))
        .exclude(evaluation="")
        .order_by("-meeting__held_at", "-pk")
    )
    last_assessment = Assessment.objects.filter(case=OuterRef("pk")).order_by("-assessed_on", "-pk")
    cases = (
        Case.objects.open()
        .annotate(
            plan_review_on=Subquery(plan_review.values("review_on")[:1]),
            last_next_review_on=Subquery(last_review.values("next_review_on")[:1]),
            last_assessed_on=Subquery(last_assessment.values("assessed_on")[:1]),
        )
        .filter(
            Q(plan_review_on__lt=before)
            | Q(plan_review_on__isnull=True, last_next_review_on__lt=before)
            | Q(last_assessed_on__lt=assessed_before)
        )
        .select_related("person", "worker")
    )
    if meeting is not None:
        waiting = MeetingCaseReview.objects.filter(
            case=OuterRef("pk"), evaluation="", meeting__held_at__gte=_day_start(today)
        )
        cases = cases.exclude(Exists(MeetingCaseReview.objects.filter(case=OuterRef("pk"), meeting=meeting)))
        cases = cases.exclude(Exists(waiting))
    due = []
    for case in cases:
        reasons, dates = [], []
        if case.plan_review_on and case.plan_review_on < before:
            reasons.append(_("plan review date %(day)s") % {"day": staff_date(case.plan_review_on)})
            dates.append(case.plan_review_on)
        elif case.plan_review_on is None and case.last_next_review_on and case.last_next_review_on < before:
            reasons.append(
                _("review date set at the last meeting, %(day)s")
                % {"day": staff_date(case.last_next_review_on)}
            )
            dates.append(case.last_next_review_on)
        if case.last_assessed_on and case.last_assessed_on < assessed_before:
            falls_due = case.last_assessed_on + datetime.timedelta(days=settings.ASSESSMENT_DUE_DAYS)
            reasons.append(
                _("last assessment %(day)s, over %(days)d days before")
                % {"day": staff_date(case.last_assessed_on), "days": settings.ASSESSMENT_DUE_DAYS}
            )
            dates.append(falls_due)
        due.append(DueCase(case=case, reasons=reasons, due_on=min(dates)))
    due.sort(key=lambda d: (d.due_on, d.case.reference))
    return [(d.case, d.reasons) for d in due]


def meeting_agenda(meeting):
    """The cases on a meeting's agenda with what attendees need: the plan in effect on the meeting's
    date (goals, roles), the latest assessment, topics. A fixed number of queries however many cases."""
    plans = (
        SupportPlan.objects.exclude(status=SupportPlan.Status.DRAFT)
        .prefetch_related("goals", Prefetch("roles", queryset=PlanRole.objects.select_related("agency")))
        .order_by("-version")
    )
    reviews = list(
        meeting.reviews.select_related("case__person", "case__worker", "case__area", "consent", "reviewed_by")
        .prefetch_related(
            "case__topics",
            Prefetch("case__plans", queryset=plans, to_attr="started_plans"),
            Prefetch(
                "case__assessments",
                queryset=Assessment.objects.order_by("-assessed_on", "-pk"),
                to_attr="assessments_newest_first",
            ),
        )
        .order_by("pk")
    )
    day = meeting.held_on
    for review in reviews:
        started = review.case.started_plans
        review.plan = next(
            (
                p
                for p in started
                if p.effective_from
                and p.effective_from <= day
                and (p.effective_until is None or day < p.effective_until)
            ),
            next((p for p in started if p.status == SupportPlan.Status.ACTIVE), None),
        )
        review.assessment = next(
            (a for a in review.case.assessments_newest_first if a.assessed_on <= day), None
        )
    return reviews


@dataclasses.dataclass
class AgendaCandidates:
    next_date: datetime.date
    addable: list  # [(case, reasons)] due and allowed at this meeting, not yet on it
    refused: list  # [(case, reasons, why not)] due but without the consent this meeting needs


def agenda_candidates(meeting, *, today=None):
    """What building the agenda would do now: the meeting page shows it, refusals with the reason."""
    next_date = meeting_next_date(meeting)
    due = cases_due_for_review(before=next_date, meeting=meeting, today=today)
    consents = consents_by_person([case.person_id for case, _reasons in due])
    agencies = list(meeting.agencies.all())
    addable, refused = [], []
    for case, reasons in due:
        person_consents = consents.get(case.person_id, [])
        if meeting.needs_consent:
            consent, why = consent_for_meeting(
                person=case.person, meeting=meeting, agencies=agencies, consents=person_consents
            )
            if consent is None:
                refused.append((case, reasons, why))
                continue
        elif any(c.is_valid_on(meeting.held_on) for c in person_consents):
            continue
        addable.append((case, reasons))
    return AgendaCandidates(next_date=next_date, addable=addable, refused=refused)


# --- Assessments -----------------------------------------------------------------------------------


def assessment_previous(assessment):
    """The assessment of the same case just before this one (None for the first)."""
    if assessment.case_id is None:
        return None
    earlier = Assessment.objects.filter(case_id=assessment.case_id)
    if assessment.pk:
        earlier = earlier.exclude(pk=assessment.pk)
    if assessment.assessed_on:
        earlier = earlier.filter(assessed_on__lte=assessment.assessed_on)
    return earlier.order_by("-assessed_on", "-pk").first()


@dataclasses.dataclass
class RatingChange:
    label: str
    before: int | None
    after: int | None

    @property
    def direction(self):
        if self.before is None or self.after is None:
            return ""
        return "better" if self.after > self.before else "worse" if self.after < self.before else "same"


def assessment_changes(assessment, previous):
    """Each life area's rating before and now."""
    return [
        RatingChange(label=str(label), before=getattr(previous, field), after=getattr(assessment, field))
        for _key, field, _notes, label in LIFE_AREAS
    ]


# --- Areas (地域づくり) ------------------------------------------------------------------------------

# Counts of cases smaller than this are shown as "fewer than N": in a small area a
# count of 1 can name a family.
SMALL_COUNT = 3


@dataclasses.dataclass
class AreaRow:
    area: Area
    depth: int
    open_needs: int
    meetings_this_year: int
    open_cases: int

    @property
    def open_cases_shown(self):
        return _shown_count(self.open_cases)


def _shown_count(count):
    if 0 < count < SMALL_COUNT:
        return _("fewer than %(n)d") % {"n": SMALL_COUNT}
    return str(count)


def _fiscal_year_start(today):
    return datetime.date(today.year if today.month >= 4 else today.year - 1, 4, 1)


def _per_area(queryset):
    return dict(queryset.values_list("area_id").annotate(n=Count("pk", distinct=True)).order_by())


def _roll_up(areas, counts):
    """Each area's count plus everything inside it."""
    total = dict.fromkeys((a.pk for a in areas), 0)
    for area in areas:
        node, seen = area, 0
        while node is not None and seen < 3:
            if node.pk in total:
                total[node.pk] += counts.get(area.pk, 0)
            node = node.parent if node.parent_id else None
            seen += 1
    return total


def area_overview(*, today=None):
    """Every area in tree order with open needs, community meetings this fiscal year and open cases
    (counts only, inner areas included)."""
    today = today or timezone.localdate()
    areas = Area.objects.filter(is_active=True).in_tree_order()
    needs = _roll_up(areas, _per_area(CommunityNeed.objects.open()))
    meetings = _roll_up(
        areas, _per_area(CommunityMeeting.objects.filter(held_on__gte=_fiscal_year_start(today)))
    )
    cases = _roll_up(areas, _per_area(Case.objects.open()))
    return [
        AreaRow(
            area=area,
            depth=area.layer - 1,
            open_needs=needs[area.pk],
            meetings_this_year=meetings[area.pk],
            open_cases=cases[area.pk],
        )
        for area in areas
    ]


def area_detail(area):
    """One area for a coordinator, without names: its needs and ideas with their follow-ups, its
    community meetings, and open cases in it counted by topic (small counts hidden)."""
    within = Area.subtree_q(area)
    needs = list(
        CommunityNeed.objects.filter(within)
        .select_related("area", "meeting")
        .prefetch_related("follow_ups")
        .order_by("-pk")
    )
    # Open ones first, the next follow-up first among them.
    needs.sort(key=lambda n: (not n.is_open, n.follow_up_on or datetime.date.max))
    for need in needs:
        follow_ups = list(need.follow_ups.all())
        need.latest_follow_up = follow_ups[-1] if follow_ups else None
    meetings = list(
        CommunityMeeting.objects.filter(within)
        .select_related("area")
        .prefetch_related("attendees")
        .order_by("-held_on", "-pk")[:20]
    )
    open_cases = Case.objects.open().filter(within)
    by_topic = (
        open_cases.filter(topics__isnull=False)
        .values("topics__code")
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n", "topics__code")
    )
    labels = dict(Topic.Code.choices)
    return {
        "area": area,
        "children": list(area.children.filter(is_active=True).order_by("order", "name")),
        "needs": needs,
        "meetings": meetings,
        "open_cases": _shown_count(open_cases.count()),
        "households": _shown_count(Household.objects.filter(within).count()),
        "cases_by_topic": [
            (labels.get(row["topics__code"], row["topics__code"]), _shown_count(row["n"])) for row in by_topic
        ],
    }


# --- The case page (the hub) -----------------------------------------------------------------------


def case_hub(case, *, today=None):
    """What the case page shows around the form: latest assessments, plans, meetings, referrals,
    visits and the person's consent, each with the way to add the next one."""
    today = today or timezone.localdate()
    assessments = list(case.assessments.select_related("assessor").order_by("-assessed_on", "-pk")[:2])
    plans = list(case.plans.order_by("-version"))
    consents = consents_by_person([case.person_id]).get(case.person_id, [])
    latest = assessments[0] if assessments else None
    assessment_due = (
        case.is_open
        and case.status != Case.Status.INTAKE
        and (latest is None or (today - latest.assessed_on).days >= settings.ASSESSMENT_DUE_DAYS)
    )
    return {
        "assessment": latest,
        "assessment_changes": assessment_changes(latest, assessments[1]) if len(assessments) > 1 else [],
        "previous_assessment": assessments[1] if len(assessments) > 1 else None,
        "assessment_due": assessment_due,
        "plan_in_effect": next((p for p in plans if p.status == SupportPlan.Status.ACTIVE), None),
        "draft": next((p for p in plans if p.status == SupportPlan.Status.DRAFT), None),
        "newest_plan": plans[0] if plans else None,
        "reviews": list(
            case.meeting_reviews.select_related("meeting").order_by("-meeting__held_at", "-pk")[:5]
        ),
        "referrals": list(case.referrals.select_related("agency").order_by("-referred_on", "-pk")),
        "visits": list(case.visits.order_by("-visited_at", "-pk")[:3]),
        "consent": next((c for c in consents if c.is_valid_on(today)), None),
        "consents": consents,
        "today": today,
    }


# --- Figures (for the monthly statistics) ------------------------------------------------------------


def community_meetings_by_layer(*, since, until):
    """{layer: number of community meetings held from `since` to `until` (both included)}, every layer
    present, counted in one query."""
    counts = dict(
        CommunityMeeting.objects.filter(held_on__gte=since, held_on__lte=until)
        .values_list("area__layer")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {layer: counts.get(layer, 0) for layer in Area.Layer.values}
