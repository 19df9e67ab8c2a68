"""Cases: opening, editing, moving through the stages, closing and reopening; contact logs; referrals."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import (
    Case,
    CaseStatusChange,
    Household,
    MeetingCaseReview,
    Person,
    ReferenceCounter,
    Referral,
    SupportPlan,
)
from .errors import CaseAlreadyClosed, CaseNotClosed, CloseNeedsConfirmation, ReferralRefused, StageRefused

# 受付 → アセスメント → プラン → 支援中; 終結 and reopening are their own services.
CASE_FLOW = [Case.Status.INTAKE, Case.Status.ASSESSMENT, Case.Status.PLANNING, Case.Status.SUPPORT]


def fiscal_year(day):
    """年度: April to March, named after the year it starts in."""
    return day.year if day.month >= 4 else day.year - 1


def case_reference_new(*, day=None):
    """The next case number of the fiscal year, K-2026-0001, from a locked counter row.

    Call inside the transaction that saves the case: the lock is held until it
    commits, so two workers opening cases at once get different numbers.
    """
    year = fiscal_year(day or timezone.localdate())
    with transaction.atomic():
        counter = ReferenceCounter.objects.select_for_update().filter(kind="case", year=year).first()
        if counter is None:
            try:
                with transaction.atomic():
                    counter = ReferenceCounter.objects.create(kind="case", year=year)
            except IntegrityError:  # someone else made this year's row just now
                counter = ReferenceCounter.objects.select_for_update().get(kind="case", year=year)
        while True:
            counter.last += 1
            reference = f"K-{year}-{counter.last:04d}"
            if not Case.objects.filter(reference=reference).exists():
                break
        counter.save(update_fields=["last"])
    return reference


def _lock(case):
    """Lock the case row and read its current state into `case`."""
    Case.objects.select_for_update().filter(pk=case.pk).first()
    case.refresh_from_db()
    return case


def _status_change(case, to_status, *, by, reason=""):
    change = CaseStatusChange(case=case, from_status=case.status, to_status=to_status, reason=reason, by=by)
    change.full_clean()
    change.save()
    case.status = to_status
    case.full_clean()
    case.save()
    return change


@transaction.atomic
def case_open(*, case, topics=(), by):
    """A new case in the first stage (受付), with the next case number.

    The household and area default to the person's household and its area.
    """
    case.reference = case_reference_new(day=case.opened_on)
    case.status = Case.Status.INTAKE
    case.closed_on = None
    case.closing_reason = ""
    if case.household_id is None and case.person_id is not None:
        case.household = case.person.household
    if case.area_id is None and case.household_id is not None:
        case.area = case.household.area
    if not case.requester_id:
        case.requester_relationship = ""
    case.full_clean()
    case.save()
    case.topics.set(topics)
    return case


@transaction.atomic
def case_update(*, case, topics=None, by):
    """Save edits to a case's details. The stage is not among them: it moves by the stage services."""
    current = Case.objects.select_for_update().get(pk=case.pk)
    for name in ("status", "closed_on", "closing_reason", "reference"):
        if getattr(case, name) != getattr(current, name):
            raise StageRefused(
                _("The stage changes only with the buttons: next stage, close, reopen."), field=name
            )
    if not case.requester_id:
        case.requester_relationship = ""
    case.full_clean()
    case.save()
    if topics is not None:
        case.topics.set(topics)
    return case


def next_stage(case):
    """The stage after the case's current one, or None at 支援中 and for a closed case."""
    if case.status not in CASE_FLOW or case.status == CASE_FLOW[-1]:
        return None
    return CASE_FLOW[CASE_FLOW.index(case.status) + 1]


@transaction.atomic
def case_advance(*, case, by=None):
    """Move a case one stage on: アセスメント needs nothing, プラン needs an assessment,
    支援中 needs a plan in effect. Closing has its own service (it needs a reason)."""
    case = _lock(case)
    if case.status == Case.Status.CLOSED:
        raise CaseAlreadyClosed()
    to_status = next_stage(case)
    if to_status is None:
        raise StageRefused(_("The case is already in support. To end it, close the case."))
    if to_status == Case.Status.PLANNING and not case.assessments.exists():
        raise StageRefused(_("Record an assessment before moving on to planning."))
    if to_status == Case.Status.SUPPORT and not case.plans.filter(status=SupportPlan.Status.ACTIVE).exists():
        raise StageRefused(_("Put a support plan in effect before moving on to support."))
    _status_change(case, to_status, by=by)
    return case


def case_closing_warnings(case, *, today=None):
    """What a worker should know before closing: open next actions, a plan in effect, meetings ahead."""
    from welfare_portal.dates import staff_date

    today = today or timezone.localdate()
    warnings = []
    pending = list(
        case.contact_logs.filter(next_action_done=False).exclude(next_action="").order_by("next_action_due")
    )
    if pending:
        items = "、".join(
            f"{log.next_action}({staff_date(log.next_action_due)})"
            if log.next_action_due
            else log.next_action
            for log in pending
        )
        warnings.append(_("Next actions not yet done: %(items)s") % {"items": items})
    plan = case.plans.filter(status=SupportPlan.Status.ACTIVE).first()
    if plan is not None:
        warnings.append(
            _("Support plan version %(version)s is in effect: closing the case ends it.")
            % {"version": plan.version}
        )
    upcoming = MeetingCaseReview.objects.filter(
        case=case, evaluation="", meeting__held_at__gte=timezone.now()
    )
    for review in upcoming.select_related("meeting"):
        warnings.append(
            _("The case is on the agenda of the %(meeting)s on %(day)s: closing takes it off.")
            % {"meeting": review.meeting.get_kind_display(), "day": staff_date(review.meeting.held_at)}
        )
    return warnings


@transaction.atomic
def case_close(*, case, reason, closed_on=None, note="", confirmed=False, by=None):
    """終結: close a case with its reason and date.

    Refused (CloseNeedsConfirmation) while there is something the worker should
    see first, unless `confirmed`: next actions not done, a plan in effect
    (which ends), a meeting ahead (which drops the case from its agenda).
    """
    case = _lock(case)
    if case.status == Case.Status.CLOSED:
        raise CaseAlreadyClosed(_("This case is already closed."))
    warnings = case_closing_warnings(case)
    if warnings and not confirmed:
        raise CloseNeedsConfirmation(warnings)
    closed_on = closed_on or timezone.localdate()
    case.closing_reason = reason
    case.closed_on = closed_on
    for plan in case.plans.filter(status=SupportPlan.Status.ACTIVE):
        plan.status = SupportPlan.Status.ENDED
        plan.effective_until = max(closed_on, plan.effective_from or closed_on)
        plan.full_clean()
        plan.save(update_fields=["status", "effective_until"])
    MeetingCaseReview.objects.filter(case=case, evaluation="", meeting__held_at__gte=timezone.now()).delete()
    _status_change(case, Case.Status.CLOSED, by=by, reason=note)
    return case


@transaction.atomic
def case_reopen(*, case, reason, status=None, by=None):
    """再開: a closed case opens again, with why; by default at the stage it was closed from."""
    case = _lock(case)
    if case.status != Case.Status.CLOSED:
        raise CaseNotClosed()
    if not (reason or "").strip():
        raise StageRefused(_("Please write why the case is reopened."), field="reason")
    if status is None:
        closing = (
            case.status_changes.filter(to_status=Case.Status.CLOSED).order_by("-changed_at", "-pk").first()
        )
        status = closing.from_status if closing else Case.Status.INTAKE
    if status not in CASE_FLOW:
        raise StageRefused(_("Choose the stage the case reopens at."), field="status")
    case.closed_on = None
    case.closing_reason = ""
    _status_change(case, status, by=by, reason=reason.strip())
    return case


# --- Contact logs ----------------------------------------------------------------------------


@transaction.atomic
def contact_logs_save(*, case, logs=(), deleted=(), by):
    """Save the contact logs written or changed on the case page (and delete the removed ones)."""
    for log in deleted:
        if log.case_id != case.pk:
            raise ValueError("log of another case")
        log.delete()
    for log in logs:
        log.case = case
        if log.pk is None and log.worker_id is None:
            log.worker = by
        log.full_clean()
        log.save()
    return list(logs)


@transaction.atomic
def contact_log_save(*, log, by):
    """One contact log from its own page."""
    if log.pk is None and log.worker_id is None:
        log.worker = by
    log.full_clean()
    log.save()
    return log


# --- Referrals ------------------------------------------------------------------------------

REFERRAL_FLOW = {
    Referral.Status.PLANNED: {Referral.Status.REFERRED},
    Referral.Status.REFERRED: {Referral.Status.ACCEPTED, Referral.Status.DECLINED},
    Referral.Status.ACCEPTED: {Referral.Status.COMPLETED},
    Referral.Status.DECLINED: set(),
    Referral.Status.COMPLETED: set(),
}


@transaction.atomic
def referral_save(*, referral, by):
    """A new referral (つなぎ) or edits to one; its status moves only by referral_status_set."""
    if referral.pk is None:
        if referral.status not in (Referral.Status.PLANNED, Referral.Status.REFERRED):
            raise ReferralRefused(_("A new referral is planned or already made."), field="status")
    else:
        current = Referral.objects.select_for_update().get(pk=referral.pk)
        if current.status != referral.status:
            raise ReferralRefused(_("The status changes only with the buttons."), field="status")
        if current.case_id != referral.case_id:
            raise ReferralRefused(_("A referral stays with its case."), field="case")
    referral.full_clean()
    referral.save()
    return referral


@transaction.atomic
def referral_status_set(*, referral, status, on=None, outcome=None, by=None):
    """予定 → つないだ → 受け入れ / お断り → (受け入れなら) 完了. An answer gets its date."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if status not in REFERRAL_FLOW[referral.status]:
        raise ReferralRefused(
            _("A referral that is “%(from)s” cannot become “%(to)s”.")
            % {"from": referral.get_status_display(), "to": Referral.Status(status).label}
        )
    on = on or timezone.localdate()
    if status == Referral.Status.REFERRED:
        referral.referred_on = on
    elif status in (Referral.Status.ACCEPTED, Referral.Status.DECLINED):
        referral.answered_on = on
    referral.status = status
    if outcome is not None:
        referral.outcome = outcome
    referral.full_clean()
    referral.save()
    return referral


# --- Households -------------------------------------------------------------------------------


@transaction.atomic
def household_create_for(*, person, name, relationship=Person.Relationship.HEAD, area=None):
    """Give a person a new household (世帯) and record their place in it."""
    household = Household(
        name=name, address=person.address, postal_code=person.postal_code, phone=person.phone, area=area
    )
    household.full_clean()
    household.save()
    person.household = household
    person.relationship = relationship
    person.full_clean()
    person.save()
    return household
