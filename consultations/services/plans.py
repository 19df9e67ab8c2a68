"""Assessments and versioned support plans: only the newest draft is edited; one plan in effect per case."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Case, PlanGoal, PlanRole, SupportPlan
from .errors import CaseAlreadyClosed, PlanRefused


def _lock_case(case_id):
    """Serialise everything about one case's plans (version numbers, the one in effect)."""
    return Case.objects.select_for_update().get(pk=case_id)


def _refuse_closed(case, field="case"):
    if case.status == Case.Status.CLOSED:
        raise CaseAlreadyClosed(field=field)


# --- Assessments -------------------------------------------------------------------------------


@transaction.atomic
def assessment_save(*, assessment, by):
    """A new assessment, or edits to one, on an open case; the assessor defaults to the writer."""
    case = _lock_case(assessment.case_id)
    if assessment.pk is None:
        _refuse_closed(case)
        if assessment.assessor_id is None:
            assessment.assessor = by
    assessment.full_clean()
    assessment.save()
    return assessment


# --- Support plans ------------------------------------------------------------------------------


def support_plan_next_version(case_id):
    """The next version number for a case's plans; call with the case row locked."""
    latest = (
        SupportPlan.objects.filter(case_id=case_id)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    return (latest or 0) + 1


def support_plan_is_editable(plan):
    """Only the newest version, while it is a draft, may be changed."""
    if plan.pk is None:
        return True
    if plan.status != SupportPlan.Status.DRAFT:
        return False
    return not SupportPlan.objects.filter(case_id=plan.case_id, version__gt=plan.version).exists()


def _draft_of(case_id, exclude=None):
    drafts = SupportPlan.objects.filter(case_id=case_id, status=SupportPlan.Status.DRAFT)
    if exclude is not None:
        drafts = drafts.exclude(pk=exclude)
    return drafts.first()


def _parts_save(plan, goals, roles, deleted):
    for part in deleted:
        if part.plan_id != plan.pk:
            raise ValueError("part of another plan")
        part.delete()
    for part in [*goals, *roles]:
        part.plan = plan
        part.full_clean()
        part.save()


@transaction.atomic
def support_plan_create(*, plan, goals=(), roles=(), by):
    """A new draft plan for the case, numbered after the plans it already has.

    Refused while the case already has a draft: that one is the plan to edit.
    """
    case = _lock_case(plan.case_id)
    _refuse_closed(case)
    draft = _draft_of(case.pk)
    if draft is not None:
        raise PlanRefused(
            _("This case already has a draft (version %(version)s): edit that one.")
            % {"version": draft.version},
            field="case",
        )
    plan.version = support_plan_next_version(case.pk)
    plan.status = SupportPlan.Status.DRAFT
    plan.effective_from = plan.effective_until = None
    if plan.author_id is None:
        plan.author = by
    plan.full_clean()
    plan.save()
    _parts_save(plan, goals, roles, ())
    return plan


@transaction.atomic
def support_plan_update(*, plan, goals=(), roles=(), deleted=(), by):
    """Save edits to the newest draft, its goals and its roles. Earlier versions stay as they were."""
    current = SupportPlan.objects.get(pk=plan.pk)
    _lock_case(current.case_id)
    current.refresh_from_db()
    if plan.case_id != current.case_id:
        raise PlanRefused(_("A plan stays with the case it was made for."), field="case")
    if not support_plan_is_editable(current):
        raise PlanRefused(
            _("Only the newest version, while it is a draft, can be changed. Make a revision instead.")
        )
    plan.status, plan.version = current.status, current.version
    plan.effective_from, plan.effective_until = current.effective_from, current.effective_until
    plan.full_clean()
    plan.save()
    _parts_save(plan, goals, roles, deleted)
    return plan


@transaction.atomic
def support_plan_revise(*, plan, by):
    """見直し: a new draft version with the same goals and roles, to be edited; the old one stays."""
    case = _lock_case(plan.case_id)
    _refuse_closed(case, field=None)
    draft = _draft_of(case.pk)
    if draft is not None:
        raise PlanRefused(
            _("This case already has a draft (version %(version)s): edit that one.")
            % {"version": draft.version}
        )
    newest = SupportPlan.objects.filter(case=case).order_by("-version").first()
    if newest.pk != plan.pk:
        raise PlanRefused(_("Revise the newest version (version %(version)s).") % {"version": newest.version})
    revised = SupportPlan(
        case_id=plan.case_id,
        version=support_plan_next_version(plan.case_id),
        author=by,
        overall_goal=plan.overall_goal,
        review_on=plan.review_on,
        made_on=timezone.localdate(),
    )
    if revised.review_on and revised.review_on < revised.made_on:
        revised.review_on = None
    revised.full_clean()
    revised.save()
    PlanGoal.objects.bulk_create(
        PlanGoal(plan=revised, order=g.order, term=g.term, goal=g.goal, progress=g.progress)
        for g in plan.goals.all()
    )
    PlanRole.objects.bulk_create(
        PlanRole(plan=revised, agency_id=r.agency_id, who=r.who, task=r.task) for r in plan.roles.all()
    )
    return revised


@transaction.atomic
def support_plan_activate(*, plan, on=None, by=None):
    """Put the newest draft in effect; the plan in effect before it is kept as superseded."""
    case = _lock_case(plan.case_id)
    plan.refresh_from_db()
    _refuse_closed(case, field=None)
    if plan.status != SupportPlan.Status.DRAFT:
        raise PlanRefused(
            _("Version %(version)s is not a draft: only a draft can be put in effect.")
            % {"version": plan.version}
        )
    if not support_plan_is_editable(plan):
        raise PlanRefused(_("Only the newest version can be put in effect."))
    if plan.review_on is None:
        raise PlanRefused(_("Enter a review date before putting the plan in effect."), field="review_on")
    on = on or timezone.localdate()
    for previous in SupportPlan.objects.filter(case=case, status=SupportPlan.Status.ACTIVE):
        previous.status = SupportPlan.Status.SUPERSEDED
        previous.effective_until = max(on, previous.effective_from or on)
        previous.full_clean()
        previous.save(update_fields=["status", "effective_until"])
    plan.status = SupportPlan.Status.ACTIVE
    plan.effective_from = on
    plan.full_clean()
    plan.save(update_fields=["status", "effective_from"])
    return plan


@transaction.atomic
def support_plan_delete(*, plan, by=None):
    """A draft that is the newest version may be thrown away; any other version is kept."""
    _lock_case(plan.case_id)
    if not support_plan_is_editable(SupportPlan.objects.get(pk=plan.pk)):
        raise PlanRefused(_("Only a draft that is the newest version can be deleted."))
    plan.delete()
