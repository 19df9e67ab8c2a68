"""Participation support's write path: profiles, offers, placements and their logs, referrals, interest.

Every function runs in one transaction, validates with full_clean(), and
raises a `ParticipationError` whose message the caller shows to staff (or the
resident) as it is. A placement moves 見学 → 体験 → 継続 → 終了 only here, each
step checking the stage it starts from.
"""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultations import services as consultation_services
from consultations.models import Person
from welfare_portal.errors import DomainError

from . import matching
from .models import Activity, Enquiry, Offer, Participant, Placement, PlacementLog, WorkReferral


class ParticipationError(DomainError):
    """A rule of participation support; the message is for the person using the page."""

    message = _("Something went wrong.")


class AlreadyPlaced(ParticipationError):
    message = _("This person already takes part in that activity.")


class WrongStage(ParticipationError):
    """A placement asked to move from a stage it is not in."""


class ActivityFull(ParticipationError):
    message = _("The activity has no places left. End another placement first, or raise its places.")


class BadDate(ParticipationError):
    pass


class NotSuitable(ParticipationError):
    """The activity no longer passes the person's hard filters (it may have filled up since)."""


class OfferAlreadyWaiting(ParticipationError):
    message = _("An offer of this activity is already waiting for their answer.")


class OfferAlreadyAnswered(ParticipationError):
    message = _("This offer has already been answered.")


class EnquiryNotOpen(ParticipationError):
    message = _("This message has already been dealt with.")


class ProfileExists(ParticipationError):
    message = _("This person already has a participation profile.")


# --- profiles ------------------------------------------------------------------


def _touch(participant, on):
    """Remember the latest day staff were in touch (never moves backwards)."""
    Participant.objects.filter(pk=participant.pk).filter(
        Q(last_contacted_on__isnull=True) | Q(last_contacted_on__lt=on)
    ).update(last_contacted_on=on)
    if participant.last_contacted_on is None or participant.last_contacted_on < on:
        participant.last_contacted_on = on


@transaction.atomic
def participant_create(*, person, by=None, interests=(), **fields):
    """A participation profile for a person (one per person)."""
    if Participant.objects.filter(person=person).exists():
        raise ProfileExists()
    participant = Participant(person=person, coordinator=fields.pop("coordinator", by), **fields)
    participant.full_clean()
    participant.save()
    participant.interests.set(interests)
    return participant


# --- offers ---------------------------------------------------------------------


@transaction.atomic
def offer_record(*, participant, activity, by=None, kind=Offer.Kind.OFFER, on=None):
    """Record that an activity was suggested to someone (or they were invited), with why.

    The activity must still pass their hard filters: it may have filled up, or
    their profile changed, since the page was shown.
    """
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    activity = Activity.objects.with_taken().select_related("district").get(pk=activity.pk)
    if participant.offers.filter(activity=activity, response=Offer.Response.WAITING).exists():
        raise OfferAlreadyWaiting()
    result = matching.activities_match(participant=participant, activities=[activity])
    if not result.suggested:
        raise NotSuitable(
            _("%(activity)s no longer suits them: %(why)s")
            % {"activity": activity.title, "why": "・".join(result.left_out[0].blockers)}
        )
    on = on or timezone.localdate()
    offer = Offer(
        participant=participant,
        activity=activity,
        kind=kind,
        offered_on=on,
        offered_by=by,
        reasons=result.suggested[0].reasons_text,
    )
    offer.full_clean()
    offer.save()
    _touch(participant, on)
    return offer


@transaction.atomic
def offer_respond(*, offer, response, note="", on=None):
    """They said no, or did not answer. (Yes is `placement_arrange_visit`.)"""
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    if offer.response != Offer.Response.WAITING:
        raise OfferAlreadyAnswered()
    if response not in (Offer.Response.DECLINED, Offer.Response.NO_ANSWER):
        raise ParticipationError(_("To say yes, arrange a visit."))
    offer.response = response
    offer.responded_on = on or timezone.localdate()
    offer.response_note = note
    offer.full_clean()
    offer.save()
    _touch(offer.participant, offer.responded_on)
    return offer


# --- placements -------------------------------------------------------------------


def _stage_name(stage):
    return Placement.Stage(stage).label


def _require_stage(placement, *stages):
    if placement.stage not in stages:
        raise WrongStage(
            _("This placement is at “%(stage)s”; that step is for a placement at “%(expected)s”.")
            % {
                "stage": _stage_name(placement.stage),
                "expected": "・".join(str(_stage_name(s)) for s in stages),
            }
        )


def _not_before(day, earliest, what):
    if earliest is not None and day < earliest:
        raise BadDate(
            _("The date cannot be before %(what)s (%(date)s).")
            % {"what": what, "date": earliest.strftime("%Y/%m/%d")}
        )


@transaction.atomic
def placement_arrange_visit(*, participant, activity, visit_date, by=None, offer=None, on=None):
    """見学: they would like to see the activity; a placement starts at the visit.

    A waiting offer of the same activity is marked as accepted on the day they
    said yes (`on`, today unless given).
    """
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.placements.filter(activity=activity).exclude(stage=Placement.Stage.ENDED).exists():
        raise AlreadyPlaced()
    if offer is None:
        offer = participant.offers.filter(activity=activity, response=Offer.Response.WAITING).first()
    elif offer.participant_id != participant.pk or offer.activity_id != activity.pk:
        raise ParticipationError(_("That offer is for someone or something else."))
    today = on or timezone.localdate()
    if offer is not None:
        offer = Offer.objects.select_for_update().get(pk=offer.pk)
        if offer.response != Offer.Response.WAITING:
            raise OfferAlreadyAnswered()
        offer.response = Offer.Response.ACCEPTED
        offer.responded_on = today
        offer.full_clean()
        offer.save()
    placement = Placement(participant=participant, activity=activity, offer=offer, visit_date=visit_date)
    placement.full_clean()
    try:
        with transaction.atomic():
            placement.save()
    except IntegrityError as error:  # two coordinators arranged the same visit at once
        raise AlreadyPlaced() from error
    _touch(participant, today)
    return placement


def _locked(placement):
    return (
        Placement.objects.select_for_update().select_related("activity", "participant").get(pk=placement.pk)
    )


@transaction.atomic
def placement_start_trial(*, placement, on=None):
    """見学 → 体験: they try it out. Takes one of the activity's places."""
    placement = _locked(placement)
    _require_stage(placement, Placement.Stage.VISIT)
    on = on or timezone.localdate()
    _not_before(on, placement.visit_date, _("the visit"))
    activity = Activity.objects.select_for_update().get(pk=placement.activity_id)
    if activity.places is not None:
        taken = activity.placements.filter(stage__in=Placement.HOLDS_A_PLACE).count()
        if taken >= activity.places:
            raise ActivityFull()
    placement.stage = Placement.Stage.TRIAL
    placement.trial_start = on
    placement.full_clean()
    placement.save()
    _touch(placement.participant, on)
    return placement


@transaction.atomic
def placement_continue(*, placement, on=None):
    """体験 → 継続: they keep taking part."""
    placement = _locked(placement)
    _require_stage(placement, Placement.Stage.TRIAL)
    on = on or timezone.localdate()
    _not_before(on, placement.trial_start, _("the start of the trial"))
    placement.stage = Placement.Stage.ONGOING
    placement.ongoing_start = on
    placement.full_clean()
    placement.save()
    _touch(placement.participant, on)
    return placement


@transaction.atomic
def placement_end(*, placement, reason, note="", on=None):
    """Any open stage → 終了, with why it ended."""
    placement = _locked(placement)
    _require_stage(placement, Placement.Stage.VISIT, Placement.Stage.TRIAL, Placement.Stage.ONGOING)
    if reason not in Placement.EndReason.values:
        raise ParticipationError(_("Please choose why it ended."))
    on = on or timezone.localdate()
    _not_before(on, placement.stage_since(), _("the current stage began"))
    placement.stage = Placement.Stage.ENDED
    placement.end_date = on
    placement.end_reason = reason
    placement.end_note = note
    placement.full_clean()
    placement.save()
    _touch(placement.participant, on)
    return placement


def placement_log_check(*, placement, date, attended, hours=None):
    """Raise the error `placement_log_add` would, without saving (for forms)."""
    _not_before(date, placement.visit_date, _("the visit"))
    if date > timezone.localdate():
        raise BadDate(_("A day cannot be recorded before it has happened."))
    if placement.end_date is not None and date > placement.end_date:
        raise BadDate(
            _("The placement ended on %(date)s: days after that cannot be recorded.")
            % {"date": placement.end_date.strftime("%Y/%m/%d")}
        )
    if not attended and hours:
        raise ParticipationError(_("Hours are for a day they came."))


@transaction.atomic
def placement_log_add(
    *,
    placement,
    date,
    attended,
    hours=None,
    their_words="",
    staff_notes="",
    next_step="",
    written_by=None,
):
    """Record one day: whether they came, for how long, how it went in their words."""
    placement = _locked(placement)
    placement_log_check(placement=placement, date=date, attended=attended, hours=hours)
    log = PlacementLog(
        placement=placement,
        date=date,
        attended=attended,
        hours=hours,
        their_words=their_words,
        staff_notes=staff_notes,
        next_step=next_step,
        written_by=written_by,
    )
    log.full_clean()
    log.save()
    _touch(placement.participant, date)
    return log


# --- referrals towards work -------------------------------------------------------


@transaction.atomic
def work_referral_create(
    *, participant, kind, organisation, referred_on=None, note="", placement=None, by=None
):
    """A next step: employment support (就労支援) or work experience (就労体験)."""
    if placement is not None and placement.participant_id != participant.pk:
        raise ParticipationError(_("That placement is someone else's."))
    referral = WorkReferral(
        participant=participant,
        placement=placement,
        kind=kind,
        organisation=organisation,
        referred_on=referred_on or timezone.localdate(),
        note=note,
        referred_by=by,
    )
    referral.full_clean()
    referral.save()
    _touch(participant, referral.referred_on)
    return referral


@transaction.atomic
def work_referral_set_status(*, referral, status):
    referral = WorkReferral.objects.select_for_update().get(pk=referral.pk)
    if status not in WorkReferral.Status.values:
        raise ParticipationError(_("Unknown status."))
    referral.status = status
    referral.full_clean()
    referral.save()
    return referral


# --- interest from the public menu -------------------------------------------------


def _same_enquiry(enquiry, fields):
    return all(getattr(enquiry, name) == value for name, value in fields.items())


def enquiry_submit(*, fields, submission_token, client_key):
    """Save a resident's 「参加してみたい」 message. Returns (enquiry, created).

    The one-time token makes a second press return the first message; the
    per-address limit is the one the consultation forms use.
    """
    existing = Enquiry.objects.filter(submission_token=submission_token).first()
    if existing:
        if _same_enquiry(existing, fields):
            return existing, False
        # They went back, changed what they wrote and sent again: that is new.
        submission_token = consultation_services.new_submission_token()
    consultation_services.rate_limit_hit(client_key=client_key)
    for _attempt in range(5):
        enquiry = Enquiry(
            **fields,
            reference=Enquiry._meta.get_field("reference").default(),
            submission_token=submission_token,
            client_hash=client_key,
        )
        enquiry.full_clean(exclude=["reference", "submission_token"])
        try:
            with transaction.atomic():
                enquiry.save()
        except IntegrityError:
            existing = Enquiry.objects.filter(submission_token=submission_token).first()
            if existing and _same_enquiry(existing, fields):
                return existing, False
            if existing:
                submission_token = consultation_services.new_submission_token()
            continue  # the reference number collided: draw again
        return enquiry, True
    raise IntegrityError("could not allocate a reference number")


def _open_enquiry(enquiry):
    enquiry = Enquiry.objects.select_for_update().get(pk=enquiry.pk)
    if not enquiry.is_open:
        raise EnquiryNotOpen()
    return enquiry


@transaction.atomic
def enquiry_mark_contacted(*, enquiry, by):
    enquiry = _open_enquiry(enquiry)
    enquiry.status = Enquiry.Status.CONTACTED
    enquiry.handled_by = by
    enquiry.save(update_fields=["status", "handled_by"])
    return enquiry


@transaction.atomic
def enquiry_close(*, enquiry, reason, by):
    enquiry = _open_enquiry(enquiry)
    enquiry.status = Enquiry.Status.CLOSED
    enquiry.closed_reason = reason
    enquiry.handled_by = by
    enquiry.full_clean()
    enquiry.save()
    return enquiry


@transaction.atomic
def enquiry_link(*, enquiry, by, person=None, person_fields=None, profile_fields=None, interests=(), on=None):
    """Turn a message into a profile: link (or create) the person and their participation profile.

    A person who has a profile already keeps it as it is; otherwise
    `profile_fields` make a new one.
    """
    enquiry = _open_enquiry(enquiry)
    if person is None:
        person = Person(**(person_fields or {}), created_by=by)
        person.full_clean()
        person.save()
    participant = Participant.objects.filter(person=person).first()
    if participant is None:
        participant = participant_create(person=person, by=by, interests=interests, **(profile_fields or {}))
    enquiry.participant = participant
    enquiry.status = Enquiry.Status.LINKED
    enquiry.handled_by = by
    enquiry.full_clean()
    enquiry.save()
    _touch(participant, on or timezone.localdate())
    return participant
