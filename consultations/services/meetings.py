"""Consent to sharing, meetings, their agendas and the review of each case at a meeting.

The consent rule: a 重層的支援会議 may discuss a case only under a consent of
the person that is valid on the meeting's date and covers every agency taking
part. A 支援会議 (社会福祉法 第106条の6) needs none. Every write that could
break the rule locks the meeting row first, and `MeetingCaseReview.meeting_kind`
(kept equal to the meeting's kind here) lets the database refuse a 重層的支援会議
review without a consent.
"""

import dataclasses
import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from .. import selectors
from ..models import Case, Consent, Meeting, MeetingCaseReview, SupportPlan
from .errors import CaseAlreadyClosed, ConsentRefused, ConsentRequired, ConsultationError, ReviewRefused
from .plans import support_plan_revise


def _lock_meeting(meeting):
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _day_start(day):
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


# --- Consent --------------------------------------------------------------------------------------


@transaction.atomic
def consent_record(*, consent, agencies=(), by):
    """Record a person's consent to sharing (or correct one no meeting has relied on yet)."""
    agencies = list(agencies)
    if consent.pk is not None:
        current = Consent.objects.select_for_update().get(pk=consent.pk)
        if current.withdrawn_on != consent.withdrawn_on:
            raise ConsentRefused(_("Withdraw a consent with the withdraw button."), field="withdrawn_on")
        relied_on = current.meeting_reviews.exists()
        changed = [
            name
            for name in ("person_id", "given_on", "method", "agency_kinds", "valid_until")
            if getattr(current, name) != getattr(consent, name)
        ]
        if relied_on and (changed or {a.pk for a in current.agencies.all()} != {a.pk for a in agencies}):
            raise ConsentRefused(
                _(
                    "A meeting has relied on this consent, so it stays as it was. If the person agreed to "
                    "something new, record a new consent."
                )
            )
    else:
        consent.withdrawn_on = None
        if consent.recorded_by_id is None:
            consent.recorded_by = by
    if not consent.agency_kinds and not agencies:
        raise ConsentRefused(
            _("Choose at least one kind of agency, or a named agency, it may be shared with."),
            field="agency_kinds",
        )
    consent.full_clean()
    consent.save()
    consent.agencies.set(agencies)
    return consent


@transaction.atomic
def consent_withdraw(*, consent, on=None, by=None):
    """本人が同意を撤回: from `on`, no 重層的支援会議 relies on it.

    A case on the agenda of a 重層的支援会議 on or after that day, not yet
    reviewed, keeps its place only if another consent covers it; otherwise it is
    taken off. Returns the meetings it was taken off.
    """
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_on is not None:
        raise ConsentRefused(_("This consent has already been withdrawn."))
    consent.withdrawn_on = on or timezone.localdate()
    consent.full_clean()
    consent.save(update_fields=["withdrawn_on"])
    removed = []
    affected = MeetingCaseReview.objects.filter(
        consent=consent, evaluation="", meeting__held_at__gte=_day_start(consent.withdrawn_on)
    ).select_related("meeting", "case__person")
    for review in affected:
        meeting = _lock_meeting(review.meeting)
        other, _reason = selectors.consent_for_meeting(person=review.case.person, meeting=meeting)
        if other is not None:
            review.consent = other
            review.save(update_fields=["consent"])
        else:
            removed.append(meeting)
            review.delete()
    return removed


# --- Meetings -------------------------------------------------------------------------------------


@transaction.atomic
def meeting_save(*, meeting, agencies=None, by=None):
    """A new meeting, or changes to one. A change of kind, date or agencies is checked
    against the consent of every case on its agenda."""
    changed_field = "kind"
    if meeting.pk is not None:
        current = _lock_meeting(meeting)
        if current.kind == meeting.kind:
            changed_field = "held_at" if current.held_at != meeting.held_at else "agencies"
    meeting.full_clean()
    meeting.save()
    if agencies is not None:
        meeting.agencies.set(agencies)
    _reviews_follow_meeting(meeting, field=changed_field)
    return meeting


def _reviews_follow_meeting(meeting, *, field):
    reviews = list(meeting.reviews.select_related("case__person"))
    if not reviews:
        return
    if meeting.needs_consent:
        agencies = list(meeting.agencies.all())
        consents = selectors.consents_by_person([r.case.person_id for r in reviews])
        refused = []
        for review in reviews:
            consent, reason = selectors.consent_for_meeting(
                person=review.case.person,
                meeting=meeting,
                agencies=agencies,
                consents=consents.get(review.case.person_id, []),
            )
            if consent is None:
                refused.append(f"{review.case.reference} {review.case.person.full_name}: {reason}")
            else:
                review.consent = consent
        if refused:
            raise ConsultationError(
                _(
                    "This would put cases on a multi-layered support meeting without the person's consent "
                    "for it: %(cases)s"
                )
                % {"cases": " / ".join(refused)},
                field=field,
            )
    for review in reviews:
        review.meeting_kind = meeting.kind
        review.save(update_fields=["meeting_kind", "consent"])


@transaction.atomic
def meeting_delete(*, meeting, by=None):
    """A meeting planned by mistake may go, with its agenda; one with recorded reviews stays."""
    meeting = _lock_meeting(meeting)
    if meeting.reviews.exclude(evaluation="").exists():
        raise ReviewRefused(_("Reviews were recorded at this meeting, so it stays on record."))
    meeting.delete()


@transaction.atomic
def meeting_case_review_add(*, meeting, case, agenda_reason="", by=None):
    """Put one case on a meeting's agenda, under the consent rule of the meeting's kind."""
    meeting = _lock_meeting(meeting)
    case = Case.objects.select_related("person").get(pk=case.pk)
    if case.status == Case.Status.CLOSED:
        raise CaseAlreadyClosed(field="case")
    consent = None
    if meeting.needs_consent:
        consent, reason = selectors.consent_for_meeting(person=case.person, meeting=meeting)
        if consent is None:
            raise ConsentRequired(reason, support_meetings=selectors.support_meetings_ahead(meeting))
    review = MeetingCaseReview(
        meeting=meeting,
        meeting_kind=meeting.kind,
        case=case,
        consent=consent,
        agenda_reason=agenda_reason,
    )
    review.full_clean()
    review.save()
    return review


@transaction.atomic
def meeting_case_review_remove(*, review, by=None):
    """Take a case off an agenda; a review already recorded stays."""
    _lock_meeting(review.meeting)
    review = MeetingCaseReview.objects.get(pk=review.pk)
    if review.is_recorded:
        raise ReviewRefused(_("This review has been recorded, so it stays on the meeting's record."))
    review.delete()


@dataclasses.dataclass
class AgendaResult:
    next_date: datetime.date
    added: list = dataclasses.field(default_factory=list)  # MeetingCaseReview rows
    refused: list = dataclasses.field(default_factory=list)  # (case, reason)
    left_for_multi_layered: int = 0  # due cases with consent, left off a 支援会議


@transaction.atomic
def meeting_agenda_build(*, meeting, by=None, today=None):
    """議題づくり: add every open case whose review falls due before the next meeting.

    A case is due when its plan in effect has its review date, or (without a plan)
    the date the last meeting set comes, or its latest assessment grows older than
    ASSESSMENT_DUE_DAYS — before the next meeting of the same kind (or, if none is
    planned yet, the same day a month later). Cases already on this agenda, or
    waiting on the agenda of another meeting, are left out.

    A 重層的支援会議 takes the cases whose consent covers it; the others are
    listed with the reason, for a 支援会議. A 支援会議 takes the due cases that
    have no consent valid on its date (those with consent go to the 重層的支援会議).
    """
    meeting = _lock_meeting(meeting)
    before = selectors.meeting_next_date(meeting)
    result = AgendaResult(next_date=before)
    due = selectors.cases_due_for_review(before=before, meeting=meeting, today=today)
    if not due:
        return result
    agencies = list(meeting.agencies.all())
    consents = selectors.consents_by_person([case.person_id for case, _reasons in due])
    new = []
    for case, reasons in due:
        consent, why = selectors.consent_for_meeting(
            person=case.person, meeting=meeting, agencies=agencies, consents=consents.get(case.person_id, [])
        )
        if meeting.needs_consent and consent is None:
            result.refused.append((case, why))
            continue
        if not meeting.needs_consent:
            any_valid = any(c.is_valid_on(meeting.held_on) for c in consents.get(case.person_id, []))
            if any_valid:
                result.left_for_multi_layered += 1
                continue
            consent = None
        new.append(
            MeetingCaseReview(
                meeting=meeting,
                meeting_kind=meeting.kind,
                case=case,
                consent=consent,
                agenda_reason="、".join(str(r) for r in reasons)[:255],
            )
        )
    # The rows are built from rows just read under the meeting's lock; the database's own rules
    # (one review per case and meeting, consent on a 重層的支援会議) still hold for them.
    result.added = bulk_create_with_history(new, MeetingCaseReview, default_user=by)
    return result


@transaction.atomic
def meeting_case_review_record(
    *, review, evaluation, next_review_on, discussion="", decisions="", by=None, now=None
):
    """Record what the meeting made of a case: 妥当 or 要修正, decisions, the next review date.

    The next review date becomes the review date of the plan in effect. 要修正
    starts a revision of the plan (a new draft with the same goals and roles),
    unless a draft exists already. Returns (review, revised plan or None).
    """
    meeting = _lock_meeting(review.meeting)
    current = MeetingCaseReview.objects.select_related("case__person").get(pk=review.pk)
    if current.case.status == Case.Status.CLOSED:
        raise CaseAlreadyClosed(_("The case has been closed since: reopen it to record a review."))
    if meeting.needs_consent:
        consent, reason = selectors.consent_for_meeting(person=current.case.person, meeting=meeting)
        if consent is None:
            raise ConsentRequired(reason, field="evaluation")
        review.consent = consent
    if evaluation not in MeetingCaseReview.Evaluation.values:
        raise ReviewRefused(_("Choose the evaluation."), field="evaluation")
    if next_review_on is None:
        raise ReviewRefused(_("Please enter when the case is reviewed next."), field="next_review_on")
    if next_review_on <= meeting.held_on:
        raise ReviewRefused(_("The next review comes after this meeting."), field="next_review_on")
    review.evaluation = evaluation
    review.next_review_on = next_review_on
    review.discussion = discussion
    review.decisions = decisions
    review.meeting_kind = meeting.kind
    review.reviewed_at = now or timezone.now()
    review.reviewed_by = by
    review.full_clean()
    review.save()
    plan = current.case.plans.filter(status=SupportPlan.Status.ACTIVE).first()
    revised = None
    if plan is not None:
        plan.review_on = next_review_on
        plan.full_clean()
        plan.save(update_fields=["review_on"])
        drafts = current.case.plans.filter(status=SupportPlan.Status.DRAFT)
        if evaluation == MeetingCaseReview.Evaluation.NEEDS_REVISION and not drafts.exists():
            newest = current.case.plans.order_by("-version").first()
            if newest.pk == plan.pk:
                revised = support_plan_revise(plan=plan, by=by)
    return review, revised
