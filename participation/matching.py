"""Matching people to activities, with reasons a coordinator can act on.

Two steps. Hard filters leave an activity out whatever else fits: days and
times, physical load, indoors/outdoors, places left, and never more contact
with people or a heavier pace than the person is comfortable with. The rest
are scored on shared interests, how close the contact and pace are to what
the person likes, reward, goal and distance; every point comes with a reason
in words ("火 午前に参加できる・屋内の希望に合う・関心: 園芸") and every
shortfall with a word about what did not fit. Activities left out keep their
reasons too, so "nothing suits" says why (full, wrong day …) and what to try.

`evaluate()` is pure (no database), so it can be tested on any values; the
functions below it load rows once and call it for each pair.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import slots
from .models import (
    CONTACT_ORDER,
    GOAL_ORDER,
    LOAD_ORDER,
    PACE_ORDER,
    Activity,
    Offer,
    Participant,
    Placement,
    Reward,
    RewardWanted,
    Travel,
)

# Points. Interests weigh most: a person goes back to what they like doing.
INTEREST_POINTS = 10
SAME_CONTACT_POINTS = 3
LESS_CONTACT_POINTS = 1
SAME_PACE_POINTS = 2
LIGHTER_PACE_POINTS = 1
SETTING_POINTS = 2
REWARD_POINTS = 5
REWARD_MISSING_PENALTY = 4  # only when they need an income
GOAL_POINTS = 4
GOAL_TOO_FAR_PENALTY = 3  # an activity a step beyond where they are heading
NEAR_POINTS = 3
FAR_PENALTY = 3  # they go near home only, and it is elsewhere


# What each hard filter is called in the "why nothing else was suggested" summary.
BLOCKER_LABELS = {
    "full": gettext_lazy("no places left"),
    "time": gettext_lazy("not on a day they can come"),
    "setting": gettext_lazy("indoors or outdoors"),
    "load": gettext_lazy("physically too demanding"),
    "contact": gettext_lazy("more contact with people than they are comfortable with"),
    "pace": gettext_lazy("a heavier pace than they want"),
    "placed": gettext_lazy("already taking part"),
}


@dataclass(frozen=True)
class Evaluation:
    """One participant × activity pair: does it fit, how well, and why in words."""

    participant: object
    activity: object
    fits: bool
    score: int = 0
    reasons: tuple = ()  # what fits, in words
    misfits: tuple = ()  # what fits less well (still suggested)
    blockers: tuple = ()  # why it is left out (hard filters), in words
    blocker_kinds: tuple = ()  # the same as codes: "full", "time", … (see BLOCKER_LABELS)
    waiting_offer: object = None  # an offer already waiting for an answer

    @property
    def reasons_text(self):
        return "・".join(self.reasons)


def _rank(order, value):
    return order.index(value)


def evaluate(*, participant, activity, wanted, offered, placed_ids=frozenset(), places_left=None):
    """How one activity suits one participant.

    `wanted`: {interest id: name} of the participant; `offered`: the same for
    the activity; `placed_ids`: activities the participant is already in (not
    ended); `places_left`: None for no limit.
    """
    blockers = []
    kinds = []
    # --- hard filters -----------------------------------------------------
    if activity.pk is not None and activity.pk in placed_ids:
        kinds.append("placed")
        blockers.append(_("already taking part"))
    if _rank(CONTACT_ORDER, activity.contact) > _rank(CONTACT_ORDER, participant.contact_comfort):
        kinds.append("contact")
        blockers.append(
            _("more contact with people than they are comfortable with (%(contact)s)")
            % {"contact": activity.get_contact_display()}
        )
    if _rank(PACE_ORDER, activity.pace) > _rank(PACE_ORDER, participant.preferred_pace):
        kinds.append("pace")
        blockers.append(_("a heavier pace than they want (%(pace)s)") % {"pace": activity.get_pace_display()})
    if _rank(LOAD_ORDER, activity.load) > _rank(LOAD_ORDER, participant.max_load):
        kinds.append("load")
        blockers.append(
            _("physically more than they can manage (%(load)s)") % {"load": activity.get_load_display()}
        )
    if participant.preferred_setting and activity.setting != participant.preferred_setting:
        kinds.append("setting")
        blockers.append(
            _("%(setting)s; they prefer %(preferred)s")
            % {
                "setting": activity.get_setting_display(),
                "preferred": participant.get_preferred_setting_display(),
            }
        )
    common_slots = activity.slots & participant.available_slots
    if activity.slots and participant.available_slots and not common_slots:
        kinds.append("time")
        blockers.append(
            _("not on a day they can come (it is on %(slots)s)") % {"slots": slots.describe(activity.slots)}
        )
    if places_left is not None and places_left <= 0:
        kinds.append("full")
        blockers.append(_("no places left (%(places)d of %(places)d taken)") % {"places": activity.places})
    if blockers:
        return Evaluation(
            participant, activity, fits=False, blockers=tuple(blockers), blocker_kinds=tuple(kinds)
        )

    # --- score ---------------------------------------------------------------
    score = 0
    reasons = []
    misfits = []
    if common_slots:
        reasons.append(_("can come on %(slots)s") % {"slots": slots.describe(common_slots)})
    elif not activity.slots:
        reasons.append(_("day and time arranged with them"))
    else:
        misfits.append(_("their days and times are not known yet"))

    if participant.preferred_setting:
        score += SETTING_POINTS
        reasons.append(_("%(setting)s, as they prefer") % {"setting": activity.get_setting_display()})

    shared = sorted((name for pk, name in offered.items() if pk in wanted), key=str)
    if shared:
        score += INTEREST_POINTS * len(shared)
        reasons.append(_("interests: %(names)s") % {"names": "・".join(shared)})
    elif wanted:
        misfits.append(_("none of their interests"))

    contact_gap = _rank(CONTACT_ORDER, participant.contact_comfort) - _rank(CONTACT_ORDER, activity.contact)
    if contact_gap == 0:
        score += SAME_CONTACT_POINTS
        reasons.append(_("contact with people as they like it"))
    else:
        score += LESS_CONTACT_POINTS
        reasons.append(_("less contact with people than they can manage"))

    pace_gap = _rank(PACE_ORDER, participant.preferred_pace) - _rank(PACE_ORDER, activity.pace)
    if pace_gap == 0:
        score += SAME_PACE_POINTS
        reasons.append(_("their pace (%(pace)s)") % {"pace": activity.get_pace_display()})
    else:
        score += LIGHTER_PACE_POINTS
        reasons.append(_("a lighter pace than theirs (%(pace)s)") % {"pace": activity.get_pace_display()})

    if participant.reward_wanted != RewardWanted.ANY:
        if activity.reward != Reward.NONE:
            score += REWARD_POINTS
            reasons.append(_("with a reward (%(reward)s)") % {"reward": activity.get_reward_display()})
        elif participant.reward_wanted == RewardWanted.NEEDED:
            score -= REWARD_MISSING_PENALTY
            misfits.append(_("no reward, and they need an income"))
        else:
            misfits.append(_("no reward, though they would like one"))

    goal_gap = _rank(GOAL_ORDER, activity.goal) - _rank(GOAL_ORDER, participant.goal)
    if goal_gap == 0:
        score += GOAL_POINTS
        reasons.append(_("suits their goal (%(goal)s)") % {"goal": activity.get_goal_display()})
    elif goal_gap > 0:
        score -= GOAL_TOO_FAR_PENALTY
        misfits.append(_("a step beyond their goal (%(goal)s)") % {"goal": activity.get_goal_display()})
    else:
        misfits.append(
            _("an earlier step than their goal (%(goal)s)") % {"goal": activity.get_goal_display()}
        )

    if activity.district_id and participant.district_id:
        if activity.district_id == participant.district_id:
            score += NEAR_POINTS
            reasons.append(_("near home (%(district)s)") % {"district": activity.district})
        elif participant.travel == Travel.NEAR:
            score -= FAR_PENALTY
            misfits.append(
                _("away from home (%(district)s); they go near home only") % {"district": activity.district}
            )

    return Evaluation(
        participant, activity, fits=True, score=score, reasons=tuple(reasons), misfits=tuple(misfits)
    )


@dataclass
class Suggestions:
    """A profile's ranked suggestions and the activities left out, each with reasons."""

    suggested: list = field(default_factory=list)
    left_out: list = field(default_factory=list)

    def left_out_summary(self):
        """[(what, how many activities)] of why activities were left out, most common first."""
        counts = {}
        for evaluation in self.left_out:
            for kind in evaluation.blocker_kinds:
                counts[kind] = counts.get(kind, 0) + 1
        ranked = sorted(counts.items(), key=lambda item: (-item[1], list(BLOCKER_LABELS).index(item[0])))
        return [(BLOCKER_LABELS[kind], count) for kind, count in ranked]


def _interest_map(obj):
    return {interest.pk: interest.name for interest in obj.interests.all()}


def activities_match(*, participant, activities=None, placed_ids=None, waiting=None):
    """Activities for one participant: suited ones best first, then those left out.

    Ties are broken by the menu's own order, then the title, so the list is stable.
    Pass `activities` (from `Activity.objects.for_matching()`), `placed_ids` and
    `waiting` when matching many people at once.
    """
    if activities is None:
        activities = Activity.objects.for_matching()
    if placed_ids is None:
        placed_ids = frozenset(
            participant.placements.exclude(stage=Placement.Stage.ENDED).values_list("activity_id", flat=True)
        )
    if waiting is None:
        waiting = {
            offer.activity_id: offer for offer in participant.offers.filter(response=Offer.Response.WAITING)
        }
    wanted = _interest_map(participant)
    result = Suggestions()
    for activity in activities:
        evaluation = evaluate(
            participant=participant,
            activity=activity,
            wanted=wanted,
            offered=_interest_map(activity),
            placed_ids=placed_ids,
            places_left=activity.places_left(),
        )
        if activity.pk in waiting:
            evaluation = _with_offer(evaluation, waiting[activity.pk])
        (result.suggested if evaluation.fits else result.left_out).append(evaluation)
    result.suggested.sort(key=lambda e: (-e.score, e.activity.order, e.activity.title, e.activity.pk))
    result.left_out.sort(key=lambda e: (e.activity.order, e.activity.title, e.activity.pk))
    return result


def _with_offer(evaluation, offer):
    return Evaluation(**{**evaluation.__dict__, "waiting_offer": offer})


def participants_match(*, activity, participants=None):
    """Active participants this activity suits, least recently contacted first.

    Someone never contacted comes first; then the score, then the name. People
    already in the activity are left out; those with an offer waiting are
    marked (`waiting_offer`) so they are not invited twice.
    """
    if not hasattr(activity, "taken"):
        activity = (
            Activity.objects.with_taken()
            .select_related("district")
            .prefetch_related("interests")
            .get(pk=activity.pk)
        )
    if participants is None:
        participants = Participant.objects.active().for_matching()
    placed = set(
        Placement.objects.filter(activity=activity)
        .exclude(stage=Placement.Stage.ENDED)
        .values_list("participant_id", flat=True)
    )
    waiting = {
        offer.participant_id: offer
        for offer in Offer.objects.filter(activity=activity, response=Offer.Response.WAITING)
    }
    offered = _interest_map(activity)
    places_left = activity.places_left()
    suited = []
    for participant in participants:
        evaluation = evaluate(
            participant=participant,
            activity=activity,
            wanted=_interest_map(participant),
            offered=offered,
            placed_ids={activity.pk} if participant.pk in placed else frozenset(),
            places_left=places_left,
        )
        if not evaluation.fits:
            continue
        if participant.pk in waiting:
            evaluation = _with_offer(evaluation, waiting[participant.pk])
        suited.append(evaluation)
    suited.sort(
        key=lambda e: (
            e.participant.last_contacted_on is not None,
            e.participant.last_contacted_on or 0,
            -e.score,
            e.participant.person.family_name_kana,
            e.participant.pk,
        )
    )
    return suited
