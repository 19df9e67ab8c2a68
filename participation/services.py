"""Matching people to activities, and placements through their life."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .models import CONTACT_ORDER, PACE_ORDER, Activity, Participant, Placement, PlacementLog


class PlacementError(Exception):
    pass


class AlreadyPlaced(PlacementError):
    """The participant already has an open placement in this activity."""


@dataclass(frozen=True)
class Match:
    activity: Activity
    score: int
    shared_interests: tuple[str, ...]


def activities_match(*, participant, activities=None):
    """Activities that suit the participant, best first.

    An activity is left out if it asks for more contact with people or a
    heavier pace than the participant is comfortable with: going gently
    matters more than variety. The rest are ranked by shared interests,
    then by whether the setting (indoors/outdoors) is the one they prefer.
    """
    if activities is None:
        activities = Activity.objects.published().for_menu()
    wanted = {i.pk: i.name for i in participant.interests.all()}
    max_contact = CONTACT_ORDER.index(participant.contact_comfort)
    max_pace = PACE_ORDER.index(participant.preferred_pace)
    matches = []
    for activity in activities:
        if CONTACT_ORDER.index(activity.contact) > max_contact:
            continue
        if PACE_ORDER.index(activity.pace) > max_pace:
            continue
        shared = tuple(sorted(wanted[i.pk] for i in activity.interests.all() if i.pk in wanted))
        score = 10 * len(shared)
        if participant.preferred_setting and activity.setting == participant.preferred_setting:
            score += 3
        if activity.pace == participant.preferred_pace:
            score += 1
        matches.append(Match(activity=activity, score=score, shared_interests=shared))
    matches.sort(key=lambda m: (-m.score, m.activity.order, m.activity.title))
    return matches


@transaction.atomic
def placement_propose(*, participant: Participant, activity: Activity) -> Placement:
    if participant.placements.filter(activity=activity).exclude(status=Placement.Status.ENDED).exists():
        raise AlreadyPlaced(activity.title)
    placement = Placement(participant=participant, activity=activity)
    placement.full_clean()
    placement.save()
    return placement


@transaction.atomic
def placement_start(*, placement: Placement, trial=True, start_date=None) -> Placement:
    placement.status = Placement.Status.TRIAL if trial else Placement.Status.ONGOING
    placement.start_date = placement.start_date or start_date or timezone.localdate()
    placement.full_clean()
    placement.save()
    return placement


@transaction.atomic
def placement_end(*, placement: Placement, reason: str, end_date=None) -> Placement:
    placement.status = Placement.Status.ENDED
    placement.end_date = end_date or timezone.localdate()
    placement.end_reason = reason
    placement.full_clean()
    placement.save()
    return placement


@transaction.atomic
def placement_log_add(*, placement, date, attended, hours=None, progress="", next_step="", written_by=None):
    """Record a day; the first attended day of a proposed placement starts it as a trial."""
    log = PlacementLog(
        placement=placement,
        date=date,
        attended=attended,
        hours=hours,
        progress=progress,
        next_step=next_step,
        written_by=written_by,
    )
    log.full_clean()
    log.save()
    if attended and placement.status == Placement.Status.PROPOSED:
        placement_start(placement=placement, start_date=date)
    return log
