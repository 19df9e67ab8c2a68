"""Public intake (consultation requests and concern reports), triage, and opening a case from intake."""

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
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from welfare_portal import text

from ..models import (
    Case,
    ConcernReport,
    ConsultationRequest,
    Household,
    IntakeStatus,
    Person,
    Topic,
)
from .errors import AlreadyConverted, ConsultationError, RateLimited

logger = logging.getLogger(__name__)

# Submissions allowed per network address and window, across both public forms.
RATE_LIMIT = 5
RATE_LIMIT_WINDOW = 60 * 60


SAVE_FAILED_MESSAGE = _("Sorry, we could not save what you sent. Please try again in a moment, or call us.")


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


def _split_name(name):
    family, _sp, given = (name or "").strip().partition(" ")
    return family, given


def intake_person_details(intake):
    """What the intake tells us about the person the consultation is about, as Person fields.

    A request sent by a family member or a professional names the sender, not the
    person: then nothing is known of the person yet (see intake_requester_details).
    """
    if isinstance(intake, ConsultationRequest):
        if intake.requester != ConsultationRequest.Requester.SELF:
            return {}
        family, given = _split_name(intake.name)
        family_kana, given_kana = _split_name(intake.name_kana)
        return {
            "family_name": family,
            "given_name": given,
            "family_name_kana": family_kana,
            "given_name_kana": given_kana,
            "phone": intake.phone,
            "email": intake.email,
            "postal_code": intake.postal_code,
        }
    family, given = _split_name(intake.subject_name)
    return {
        "family_name": family,
        "given_name": given,
        "address": intake.location,
        "postal_code": intake.location_postal_code,
    }


def intake_requester_details(intake):
    """The person who asked, when it is not the person themself, as Person fields (or None)."""
    if isinstance(intake, ConsultationRequest):
        if intake.requester == ConsultationRequest.Requester.SELF:
            return None
        family, given = _split_name(intake.name)
        family_kana, given_kana = _split_name(intake.name_kana)
        return {
            "family_name": family,
            "given_name": given,
            "family_name_kana": family_kana,
            "given_name_kana": given_kana,
            "phone": intake.phone,
            "email": intake.email,
            "postal_code": intake.postal_code,
        }
    if not (intake.reporter_name or intake.reporter_phone or intake.reporter_email):
        return None
    family, given = _split_name(intake.reporter_name)
    return {
        "family_name": family,
        "given_name": given,
        "phone": intake.reporter_phone,
        "email": intake.reporter_email,
    }


def intake_requester_relationship(intake):
    """A first guess at how the sender relates to the person (the worker corrects it)."""
    if isinstance(intake, ConcernReport) and intake.reporter_type:
        return str(intake.get_reporter_type_display())
    return ""


TRIAGE_STATUSES = (IntakeStatus.NEW, IntakeStatus.IN_PROGRESS, IntakeStatus.NO_ACTION)


@transaction.atomic
def intake_triage_save(*, intake, by):
    """Save a worker's triage of one intake (status, notes, who handles it).

    Only 新規・対応中・対応不要 are set here; 「ケース化」 happens by opening a case.
    """
    current = type(intake).objects.select_for_update().get(pk=intake.pk)
    if current.status == IntakeStatus.CONVERTED and intake.status != IntakeStatus.CONVERTED:
        raise AlreadyConverted(field="status")
    if intake.status not in TRIAGE_STATUSES and intake.status != current.status:
        raise ConsultationError(
            _("An intake becomes “made into a case” by opening the case with the button."), field="status"
        )
    if intake.handled_by_id is None and intake.status != IntakeStatus.NEW:
        intake.handled_by = by
    intake.full_clean(exclude=["reference", "submission_token"])
    intake.save(update_fields=["status", "staff_notes", "handled_by"])
    return intake


def _person_new(fields, *, by):
    person = Person(**fields, created_by=by)
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def case_open_from_intake(
    *,
    intake,
    worker,
    person=None,
    person_fields=None,
    household=None,
    household_name="",
    relationship="",
    requester=None,
    requester_fields=None,
    requester_relationship="",
    area=None,
    topics=None,
    by=None,
):
    """ケース化: turn a consultation request or concern report into a case.

    The person the consultation is about is an existing `person` (chosen from the
    duplicate suggestions) or a new one from `person_fields`. Whoever asked for
    them, when it was not the person, is kept apart as the case's `requester`
    (an existing person or one from `requester_fields`), never as the person.
    The person joins `household`, or a new household called `household_name`.
    The intake is marked as made into a case and points to it.
    """
    from .cases import case_open, household_create_for

    by = by or worker
    intake = type(intake).objects.select_for_update().get(pk=intake.pk)
    if intake.case_id is not None or intake.status == IntakeStatus.CONVERTED:
        raise AlreadyConverted()
    if person is None:
        person = _person_new(person_fields or {}, by=by)
    if household_name and person.household_id is None:
        household = household_create_for(
            person=person,
            name=household_name,
            relationship=relationship or Person.Relationship.HEAD,
            area=area,
        )
    elif household_name:
        household = Household(name=household_name)  # refused just below: they already have one
    if household is not None and person.household_id not in (None, household.pk):
        raise ConsultationError(
            _(
                "%(name)s already belongs to the household “%(household)s”. Choose that household, or "
                "move them on the person's page first."
            )
            % {"name": person.full_name, "household": person.household},
            field="household",
        )
    if household is not None and person.household_id is None:
        person.household = household
        person.relationship = relationship or person.relationship
        person.full_clean()
        person.save(update_fields=["household", "relationship", "updated_at"])
    household = household or person.household
    if requester is None and requester_fields:
        requester = _person_new(requester_fields, by=by)
    if requester is not None and requester.pk == person.pk:
        raise ConsultationError(
            _("Who asked is recorded only when it is someone other than the person."),
            field="requester_choice",
        )
    if topics is None:
        topics = list(intake.topics.all()) if isinstance(intake, ConsultationRequest) else []
    case = case_open(
        case=Case(
            person=person,
            household=household,
            area=area or (household.area if household else None),
            requester=requester,
            requester_relationship=requester_relationship if requester else "",
            channel=intake.channel,
            worker=worker,
            opened_on=timezone.localdate(),
            summary=_intake_summary(intake),
        ),
        topics=topics,
        by=by,
    )
    intake.case = case
    intake.status = IntakeStatus.CONVERTED
    intake.handled_by = worker
    intake.save(update_fields=["case", "status", "handled_by"])
    return case


def _intake_summary(intake):
    if isinstance(intake, ConsultationRequest):
        asked = ""
        if intake.requester != ConsultationRequest.Requester.SELF:
            asked = _g("Asked by: %(who)s %(name)s") % {
                "who": intake.get_requester_display(),
                "name": intake.name,
            }
        return "\n".join(filter(None, [f"[{intake.reference}] {intake.details}".strip(), asked]))
    return f"[{intake.reference}] {intake.location}\n{intake.observations}".strip()
