"""Business rules for intake and case records. Views and admin actions call these."""

import functools
import hashlib
import hmac
import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Concat, Replace
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from welfare_portal import text

from .models import (
    Case,
    ConcernReport,
    ConsultationRequest,
    Household,
    IntakeStatus,
    MeetingCaseReview,
    Person,
    PlanGoal,
    PlanRole,
    SupportPlan,
    Topic,
)

logger = logging.getLogger(__name__)

# Submissions allowed per network address and window, across both public forms.
RATE_LIMIT = 5
RATE_LIMIT_WINDOW = 60 * 60


SAVE_FAILED_MESSAGE = _("Sorry, we could not save what you sent. Please try again in a moment, or call us.")


class IntakeError(Exception):
    """A domain error the caller shows to the user as a message."""

    message = _("Something went wrong.")

    def __str__(self):
        return str(self.message)


class RateLimited(IntakeError):
    message = _("Many forms have been sent from this connection. Please wait a while, or call us.")


class AlreadyConverted(IntakeError):
    message = _("This intake has already been made into a case.")


def topics_ensure():
    """Make sure the fixed topic rows exist (the migration creates them; tests may flush)."""
    for order, (code, _label) in enumerate(Topic.Code.choices, start=1):
        Topic.objects.get_or_create(code=code, defaults={"order": order})


def new_submission_token():
    return secrets.token_urlsafe(32)


def client_hash(address):
    """A keyed hash of the client's network address: we rate-limit without storing it."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, (address or "").encode(), hashlib.sha256).hexdigest()


def rate_limit_hit(*, client_key):
    """Count one submission for this client; raise RateLimited past the limit.

    The counter is in the cache, which is shared between app servers in production.
    """
    key = f"consultations:submit:{client_key}"
    try:
        # A savepoint: with the database cache a failed query must not spoil
        # the caller's transaction.
        with transaction.atomic():
            cache.add(key, 0, timeout=RATE_LIMIT_WINDOW)
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout=RATE_LIMIT_WINDOW)
                count = 1
    except Exception:
        # Fail open: a resident's request matters more than spam protection.
        logger.warning("Rate-limit cache unavailable; submission allowed", exc_info=True)
        return
    if count > RATE_LIMIT:
        raise RateLimited()


def _existing(model, token):
    return model.objects.filter(submission_token=token).first()


def _same_submission(intake, fields, topics):
    if topics is not None and {t.pk for t in topics} != set(intake.topics.values_list("pk", flat=True)):
        return False
    return all(getattr(intake, name) == value for name, value in fields.items())


def _intake_create(*, model, fields, topics, submission_token, client_key):
    """Save one submission, or return the one already saved with this token.

    Returns (intake, created). The unique submission token makes a second press
    of the button, even a simultaneous one, find the first row. A resident who
    goes back, changes what they wrote and sends again has written something
    new: that is saved too, under a fresh token.
    """
    existing = _existing(model, submission_token)
    if existing:
        if _same_submission(existing, fields, topics):
            return existing, False
        submission_token = new_submission_token()
    rate_limit_hit(client_key=client_key)
    for _attempt in range(5):
        intake = model(
            **fields,
            reference=model.new_reference(),
            submission_token=submission_token,
            client_hash=client_key,
        )
        intake.full_clean(exclude=["reference", "submission_token"])
        try:
            with transaction.atomic():
                intake.save()
                if topics is not None:
                    intake.topics.set(topics)
        except IntegrityError:
            existing = _existing(model, submission_token)
            if existing and _same_submission(existing, fields, topics):
                return existing, False
            if existing:
                submission_token = new_submission_token()
            continue  # a reference (or a changed resend) collided: draw again
        transaction.on_commit(functools.partial(intake_acknowledge, intake=intake))
        return intake, True
    raise IntegrityError("could not allocate a reference number")


def consultation_request_create(*, fields, topics, submission_token, client_key):
    return _intake_create(
        model=ConsultationRequest,
        fields=fields,
        topics=topics,
        submission_token=submission_token,
        client_key=client_key,
    )


def concern_report_create(*, fields, submission_token, client_key):
    return _intake_create(
        model=ConcernReport,
        fields=fields,
        topics=None,
        submission_token=submission_token,
        client_key=client_key,
    )


def intake_acknowledge(*, intake):
    """Email an acknowledgement with the reference number, if an address was given.

    The submission is already saved; a mail failure is logged (without the
    address) and does not lose it.
    """
    address = intake.email
    if not address:
        return False
    context = {
        "intake": intake,
        "is_concern": isinstance(intake, ConcernReport),
        "council": settings.COUNCIL,
        "site_url": settings.SITE_URL,
    }
    subject = render_to_string("consultations/email/acknowledgement_subject.txt", context).strip()
    body = render_to_string("consultations/email/acknowledgement_body.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    except Exception as exc:
        # No traceback: an SMTP refusal's text carries the recipient's address.
        logger.error("Acknowledgement for %s could not be sent: %s", intake.reference, type(exc).__name__)
        return False
    return True


# --- Staff side ------------------------------------------------------------------


@transaction.atomic
def intake_status_set(*, intakes, status, user):
    """Triage: mark intakes 対応中 or 対応不要; ones already made into a case are left as they are.

    Row by row rather than update(), so each change goes into the history with
    who made it. Returns how many changed.
    """
    count = 0
    for intake in intakes.exclude(status=IntakeStatus.CONVERTED):
        intake.status = status
        intake.handled_by = user
        intake.save(update_fields=["status", "handled_by"])
        count += 1
    return count


def person_match_suggestions(*, family_name="", given_name="", kana="", phone="", birth_date=None, limit=10):
    """People who may already be this person, best match first, with the reasons.

    Matches on family name + given name, on furigana, on phone and on birth
    date; one shared detail is a hint, several are a likely duplicate.
    """
    family_kana, _sp, given_kana = (kana or "").partition(" ")
    # People type names with or without a space between family and given name,
    # and phone numbers with or without hyphens: compare without either.
    name_key = f"{family_name}{given_name or ''}".replace(" ", "")
    kana_key = (kana or "").replace(" ", "")
    digits = text.phone_digits(phone)
    tests = []
    if name_key:
        tests.append(("name", _("same name"), Q(name_key=name_key)))
    if kana_key:
        kana_q = Q(kana_key=kana_key)
        if not given_kana:
            kana_q |= Q(family_name_kana=family_kana)
        tests.append(("kana", _("same furigana"), kana_q))
    if digits:
        tests.append(("phone", _("same phone"), Q(phone_key=digits) | Q(household_phone_key=digits)))
    if birth_date:
        tests.append(("birth_date", _("same birth date"), Q(birth_date=birth_date)))
    if not tests:
        return []
    any_q = Q()
    for _key, _label, q in tests:
        any_q |= q
    people = Person.objects.annotate(
        name_key=Concat("family_name", "given_name", output_field=CharField()),
        kana_key=Concat("family_name_kana", "given_name_kana", output_field=CharField()),
        phone_key=Replace("phone", Value("-"), Value("")),
        household_phone_key=Replace("household__phone", Value("-"), Value("")),
    )
    candidates = list(people.filter(any_q).select_related("household")[:200])
    by_pk = {p.pk: [] for p in candidates}
    for _key, label, q in tests:
        for pk in people.filter(q, pk__in=by_pk).values_list("pk", flat=True):
            by_pk[pk].append(label)
    ranked = sorted(candidates, key=lambda p: (-len(by_pk[p.pk]), p.family_name_kana, p.pk))
    return [(p, by_pk[p.pk]) for p in ranked[:limit]]


def intake_person_details(intake):
    """What the intake tells us about the person, as Person field values."""
    if isinstance(intake, ConsultationRequest):
        family, _sp, given = intake.name.partition(" ")
        family_kana, _sp, given_kana = intake.name_kana.partition(" ")
        return {
            "family_name": family,
            "given_name": given,
            "family_name_kana": family_kana,
            "given_name_kana": given_kana,
            "phone": intake.phone,
            "email": intake.email,
            "postal_code": intake.postal_code,
        }
    family, _sp, given = intake.subject_name.partition(" ")
    return {
        "family_name": family,
        "given_name": given,
        "address": intake.location,
        "postal_code": intake.location_postal_code,
    }


@transaction.atomic
def case_open_from_intake(*, intake, worker, person=None, person_fields=None, household=None, topics=None):
    """Turn a consultation request or concern report into a case.

    Either link an existing `person` or create one from `person_fields`. The
    intake is marked as made into a case and points to it.
    """
    intake = type(intake).objects.select_for_update().get(pk=intake.pk)
    if intake.case_id is not None or intake.status == IntakeStatus.CONVERTED:
        raise AlreadyConverted()
    if person is None:
        person = Person(**(person_fields or {}), created_by=worker)
        if household is not None:
            person.household = household
        person.full_clean()
        person.save()
    if household is None:
        household = person.household
    case = Case(
        reference=case_reference_new(),
        person=person,
        household=household,
        channel=intake.channel,
        worker=worker,
        opened_on=timezone.localdate(),
        summary=_intake_summary(intake),
    )
    case.full_clean()
    case.save()
    if topics is None:
        topics = list(intake.topics.all()) if isinstance(intake, ConsultationRequest) else []
    case.topics.set(topics)
    intake.case = case
    intake.status = IntakeStatus.CONVERTED
    intake.handled_by = worker
    intake.save(update_fields=["case", "status", "handled_by"])
    return case


def case_reference_new():
    """A case number not yet used (K-YYMMDD-NNNN)."""
    for _attempt in range(20):
        reference = Case.new_reference()
        if not Case.objects.filter(reference=reference).exists():
            return reference
    raise IntegrityError("could not allocate a case number")


def _intake_summary(intake):
    if isinstance(intake, ConsultationRequest):
        return f"[{intake.reference}] {intake.details}".strip()
    return f"[{intake.reference}] {intake.location}\n{intake.observations}".strip()


class CaseAlreadyClosed(IntakeError):
    message = _("A closed case cannot move on. Reopen it first by changing its status.")


CASE_FLOW = [Case.Status.INTAKE, Case.Status.ASSESSMENT, Case.Status.PLANNING, Case.Status.SUPPORT]


@transaction.atomic
def case_advance(*, case):
    """受付 → アセスメント → プラン → 支援中. Closing needs a reason: see case_close."""
    if case.status == Case.Status.CLOSED:
        raise CaseAlreadyClosed()
    position = CASE_FLOW.index(case.status)
    if position < len(CASE_FLOW) - 1:
        case.status = CASE_FLOW[position + 1]
        case.full_clean()
        case.save(update_fields=["status", "updated_at"])
    return case


@transaction.atomic
def case_close(*, case, reason, closed_on=None):
    """終結: close a case with its reason."""
    case.status = Case.Status.CLOSED
    case.closing_reason = reason
    case.closed_on = closed_on or timezone.localdate()
    case.full_clean()
    case.save()
    return case


@transaction.atomic
def household_create_for(*, person, name, relationship=Person.Relationship.HEAD):
    """Give a person a new household (世帯) and record their place in it."""
    household = Household(
        name=name, address=person.address, postal_code=person.postal_code, phone=person.phone
    )
    household.full_clean()
    household.save()
    person.household = household
    person.relationship = relationship
    person.full_clean()
    person.save()
    return household


# --- Plans and meetings -----------------------------------------------------------------


class ConsentRequired(IntakeError):
    message = _(
        "A multi-layered support meeting may discuss a case only with the person's consent. "
        "Without consent, use a support meeting (Art. 106-6)."
    )


def support_plan_next_version(case):
    """The next version number for a case's plans; call with the case row locked."""
    latest = (
        SupportPlan.objects.filter(case=case).order_by("-version").values_list("version", flat=True).first()
    )
    return (latest or 0) + 1


@transaction.atomic
def support_plan_create(*, case, author, overall_goal, review_on=None):
    """A new draft plan for the case, numbered after the plans it already has."""
    Case.objects.select_for_update().get(pk=case.pk)  # serialise version numbers per case
    plan = SupportPlan(
        case=case,
        version=support_plan_next_version(case),
        author=author,
        overall_goal=overall_goal,
        review_on=review_on,
    )
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def support_plan_revise(*, plan, author):
    """見直し: a new draft version with the same goals and roles, to be edited; the old one stays."""
    Case.objects.select_for_update().get(pk=plan.case_id)
    revised = SupportPlan(
        case_id=plan.case_id,
        version=support_plan_next_version(plan.case_id),
        author=author,
        overall_goal=plan.overall_goal,
        review_on=plan.review_on,
    )
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
def support_plan_activate(*, plan):
    """Put a plan in effect; the one in effect before it is kept as superseded."""
    Case.objects.select_for_update().get(pk=plan.case_id)
    for previous in SupportPlan.objects.filter(
        case_id=plan.case_id, status=SupportPlan.Status.ACTIVE
    ).exclude(pk=plan.pk):
        previous.status = SupportPlan.Status.SUPERSEDED
        previous.save(update_fields=["status"])
    plan.status = SupportPlan.Status.ACTIVE
    plan.full_clean()
    plan.save(update_fields=["status"])
    return plan


@transaction.atomic
def meeting_case_review_add(*, meeting, case, consent_obtained, discussion="", decisions=""):
    """Put a case on a meeting's agenda, applying the consent rule of the meeting's kind."""
    if meeting.needs_consent and not consent_obtained:
        raise ConsentRequired()
    review = MeetingCaseReview(
        meeting=meeting,
        case=case,
        consent_obtained=consent_obtained,
        discussion=discussion,
        decisions=decisions,
    )
    review.full_clean()
    review.save()
    return review
