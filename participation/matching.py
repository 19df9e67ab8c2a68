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
from functools import cached_property

from django.utils.translation import gettext_lazy as _

from . import slots
from .models import (
    CONTACT_ORDER,
    GOAL_ORDER,
    LOAD_ORDER,
    PACE_ORDER,
    Activity,
    Contact,
    Goal,
    Load,
    Offer,
    Pace,
    Participant,
    Placement,
    Reward,
    RewardWanted,
    Setting,
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
    "full": _("no places left"),
    "time": _("not on a day they can come"),
    "setting": _("indoors or outdoors"),
    "load": _("physically too demanding"),
    "contact": _("more contact with people than they are comfortable with"),
    "pace": _("a heavier pace than they want"),
    "placed": _("already taking part"),
}

# The words. Ranking compares numbers only; these are put together when a page shows them,
# so matching hundreds of people against hundreds of activities stays quick.
PLACED = _("already taking part")
TOO_MUCH_CONTACT = _("more contact with people than they are comfortable with (%(contact)s)")
TOO_OFTEN = _("a heavier pace than they want (%(pace)s)")
TOO_HEAVY = _("physically more than they can manage (%(load)s)")
WRONG_SETTING = _("%(setting)s; they prefer %(preferred)s")
WRONG_TIME = _("not on a day they can come (it is on %(slots)s)")
FULL = _("no places left (%(places)d of %(places)d taken)")
CAN_COME = _("can come on %(slots)s")
ARRANGED = _("day and time arranged with them")
TIMES_UNKNOWN = _("their days and times are not known yet")
SETTING_FITS = _("%(setting)s, as they prefer")
INTERESTS = _("interests: %(names)s")
NO_INTERESTS = _("none of their interests")
SAME_CONTACT = _("contact with people as they like it")
LESS_CONTACT = _("less contact with people than they can manage")
SAME_PACE = _("their pace (%(pace)s)")
LIGHTER_PACE = _("a lighter pace than theirs (%(pace)s)")
REWARD = _("with a reward (%(reward)s)")
NO_REWARD_NEEDED = _("no reward, and they need an income")
NO_REWARD_WANTED = _("no reward, though they would like one")
GOAL = _("suits their goal (%(goal)s)")
GOAL_TOO_FAR = _("a step beyond their goal (%(goal)s)")
GOAL_EARLIER = _("an earlier step than their goal (%(goal)s)")
NEAR = _("near home (%(district)s)")
FAR = _("away from home (%(district)s); they go near home only")

CONTACT_RANK = {value: rank for rank, value in enumerate(CONTACT_ORDER)}
PACE_RANK = {value: rank for rank, value in enumerate(PACE_ORDER)}
LOAD_RANK = {value: rank for rank, value in enumerate(LOAD_ORDER)}
GOAL_RANK = {value: rank for rank, value in enumerate(GOAL_ORDER)}


def _sentence(code, extra, participant, activity):
    """One reason in words: `code` and its small `extra` from `evaluate`, in the current language."""
    a, p = activity, participant
    words = {
        # why it is left out
        "placed": lambda: PLACED,
        "contact": lambda: TOO_MUCH_CONTACT % {"contact": Contact(a.contact).label},
        "pace": lambda: TOO_OFTEN % {"pace": Pace(a.pace).label},
        "load": lambda: TOO_HEAVY % {"load": Load(a.load).label},
        "setting": lambda: (
            WRONG_SETTING
            % {"setting": Setting(a.setting).label, "preferred": Setting(p.preferred_setting).label}
        ),
        "time": lambda: WRONG_TIME % {"slots": slots.describe(a.slots)},
        "full": lambda: FULL % {"places": a.places},
        # what fits
        "can_come": lambda: CAN_COME % {"slots": slots.describe(extra)},
        "arranged": lambda: ARRANGED,
        "setting_fits": lambda: SETTING_FITS % {"setting": Setting(a.setting).label},
        "interests": lambda: INTERESTS % {"names": "・".join(sorted(extra, key=str))},
        "same_contact": lambda: SAME_CONTACT,
        "less_contact": lambda: LESS_CONTACT,
        "same_pace": lambda: SAME_PACE % {"pace": Pace(a.pace).label},
        "lighter_pace": lambda: LIGHTER_PACE % {"pace": Pace(a.pace).label},
        "reward": lambda: REWARD % {"reward": Reward(a.reward).label},
        "goal": lambda: GOAL % {"goal": Goal(a.goal).label},
        "near": lambda: NEAR % {"district": a.district},
        # what fits less well
        "times_unknown": lambda: TIMES_UNKNOWN,
        "no_interests": lambda: NO_INTERESTS,
        "no_reward_needed": lambda: NO_REWARD_NEEDED,
        "no_reward_wanted": lambda: NO_REWARD_WANTED,
        "goal_too_far": lambda: GOAL_TOO_FAR % {"goal": Goal(a.goal).label},
        "goal_earlier": lambda: GOAL_EARLIER % {"goal": Goal(a.goal).label},
        "far": lambda: FAR % {"district": a.district},
    }
    return str(words[code]())


class Evaluation:
    """One participant × activity pair: does it fit, how well, and why in words.

    `evaluate` records codes (cheap to compare and count); `reasons`, `misfits`
    and `blockers` turn them into sentences when a page shows them.
    """

    def __init__(
        self, participant, activity, fits, score=0, reason_codes=(), misfit_codes=(), blocker_kinds=()
    ):
        self.participant = participant
        self.activity = activity
        self.fits = fits
        self.score = score
        self.reason_codes = reason_codes  # what fits: (code, extra)
        self.misfit_codes = misfit_codes  # what fits less well (still suggested): (code, extra)
        self.blocker_kinds = blocker_kinds  # why it is left out: "full", "time", … (see BLOCKER_LABELS)
        self.waiting_offer = None  # an offer already waiting for an answer

    def __repr__(self):
        return f"<Evaluation {self.activity} for {self.participant}: {self.score if self.fits else self.blocker_kinds}>"

    def _say(self, codes):
        return tuple(_sentence(code, extra, self.participant, self.activity) for code, extra in codes)

    @cached_property
    def reasons(self):
        return self._say(self.reason_codes)

    @cached_property
    def misfits(self):
        return self._say(self.misfit_codes)

    @cached_property
    def blockers(self):
        return self._say((kind, None) for kind in self.blocker_kinds)

    @property
    def reasons_text(self):
        return "・".join(self.reasons)


def evaluate(*, participant, activity, wanted, offered, placed_ids=frozenset(), places_left=None):
    """How one activity suits one participant.

    `wanted`: {interest id: name} of the participant; `offered`: the same for
    the activity; `placed_ids`: activities the participant is already in (not
    ended); `places_left`: None for no limit.
    """
    # --- hard filters -----------------------------------------------------
    kinds = []
    if activity.id in placed_ids:
        kinds.append("placed")
    if CONTACT_RANK[activity.contact] > CONTACT_RANK[participant.contact_comfort]:
        kinds.append("contact")
    if PACE_RANK[activity.pace] > PACE_RANK[participant.preferred_pace]:
        kinds.append("pace")
    if LOAD_RANK[activity.load] > LOAD_RANK[participant.max_load]:
        kinds.append("load")
    if participant.preferred_setting and activity.setting != participant.preferred_setting:
        kinds.append("setting")
    common_slots = activity.slots & participant.available_slots
    if activity.slots and participant.available_slots and not common_slots:
        kinds.append("time")
    if places_left is not None and places_left <= 0:
        kinds.append("full")
    if kinds:
        return Evaluation(participant, activity, False, blocker_kinds=tuple(kinds))

    # --- score ---------------------------------------------------------------
    score = 0
    reasons = []
    misfits = []
    if common_slots:
        reasons.append(("can_come", common_slots))
    elif not activity.slots:
        reasons.append(("arranged", None))
    else:
        misfits.append(("times_unknown", None))

    if participant.preferred_setting:
        score += SETTING_POINTS
        reasons.append(("setting_fits", None))

    shared = [name for pk, name in offered.items() if pk in wanted]
    if shared:
        score += INTEREST_POINTS * len(shared)
        reasons.append(("interests", shared))
    elif wanted:
        misfits.append(("no_interests", None))

    if activity.contact == participant.contact_comfort:
        score += SAME_CONTACT_POINTS
        reasons.append(("same_contact", None))
    else:
        score += LESS_CONTACT_POINTS
        reasons.append(("less_contact", None))

    if activity.pace == participant.preferred_pace:
        score += SAME_PACE_POINTS
        reasons.append(("same_pace", None))
    else:
        score += LIGHTER_PACE_POINTS
        reasons.append(("lighter_pace", None))

    if participant.reward_wanted != RewardWanted.ANY:
        if activity.reward != Reward.NONE:
            score += REWARD_POINTS
            reasons.append(("reward", None))
        elif participant.reward_wanted == RewardWanted.NEEDED:
            score -= REWARD_MISSING_PENALTY
            misfits.append(("no_reward_needed", None))
        else:
            misfits.append(("no_reward_wanted", None))

    goal_gap = GOAL_RANK[activity.goal] - GOAL_RANK[participant.goal]
    if goal_gap == 0:
        score += GOAL_POINTS
        reasons.append(("goal", None))
    elif goal_gap > 0:
        score -= GOAL_TOO_FAR_PENALTY
        misfits.append(("goal_too_far", None))
    else:
        misfits.append(("goal_earlier", None))

    if activity.district_id and participant.district_id:
        if activity.district_id == participant.district_id:
            score += NEAR_POINTS
            reasons.append(("near", None))
        elif participant.travel == Travel.NEAR:
            score -= FAR_PENALTY
            misfits.append(("far", None))

    return Evaluation(participant, activity, True, score, tuple(reasons), tuple(misfits))


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
    """{id: name} of an activity's or a person's interests, worked out once per object."""
    cached = obj.__dict__.get("_interest_map")
    if cached is None:
        cached = obj.__dict__["_interest_map"] = {
            interest.pk: interest.name for interest in obj.interests.all()
        }
    return cached


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
        if activity.id in waiting:
            evaluation = _with_offer(evaluation, waiting[activity.id])
        (result.suggested if evaluation.fits else result.left_out).append(evaluation)
    result.suggested.sort(key=lambda e: (-e.score, e.activity.order, e.activity.title, e.activity.id))
    result.left_out.sort(key=lambda e: (e.activity.order, e.activity.title, e.activity.id))
    return result


def _with_offer(evaluation, offer):
    evaluation.waiting_offer = offer
    return evaluation


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
