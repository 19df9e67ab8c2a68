"""Property-based: whatever the profile and the activity, a suggestion never breaks a hard filter
nor asks for more than the person is comfortable with, and the ranking is by score."""

from hypothesis import given, settings
from hypothesis import strategies as st

from participation import matching, slots
from participation.models import (
    CONTACT_ORDER,
    LOAD_ORDER,
    PACE_ORDER,
    Activity,
    Contact,
    Goal,
    Load,
    Pace,
    Participant,
    Reward,
    RewardWanted,
    Setting,
    Travel,
)

week = st.integers(min_value=0, max_value=slots.ALL)
interest_ids = st.frozensets(st.integers(min_value=1, max_value=8), max_size=4)

participants = st.builds(
    lambda pk, pace, contact, load, setting, available, reward, goal, district, travel: Participant(
        pk=pk,
        preferred_pace=pace,
        contact_comfort=contact,
        max_load=load,
        preferred_setting=setting,
        available_slots=available,
        reward_wanted=reward,
        goal=goal,
        district_id=district,
        travel=travel,
    ),
    st.integers(min_value=1, max_value=10_000),
    st.sampled_from(Pace.values),
    st.sampled_from(Contact.values),
    st.sampled_from(Load.values),
    st.sampled_from(["", *Setting.values]),
    week,
    st.sampled_from(RewardWanted.values),
    st.sampled_from(Goal.values),
    st.one_of(st.none(), st.integers(min_value=1, max_value=3)),
    st.sampled_from(Travel.values),
)

activities = st.builds(
    lambda pk, pace, contact, load, setting, when, places, reward, goal, order: Activity(
        pk=pk,
        title=f"活動{pk}",
        pace=pace,
        contact=contact,
        load=load,
        setting=setting,
        slots=when,
        places=places,
        reward=reward,
        goal=goal,
        order=order,
    ),
    st.integers(min_value=1, max_value=10_000),
    st.sampled_from(Pace.values),
    st.sampled_from(Contact.values),
    st.sampled_from(Load.values),
    st.sampled_from(Setting.values),
    week,
    st.one_of(st.none(), st.integers(min_value=0, max_value=5)),
    st.sampled_from(Reward.values),
    st.sampled_from(Goal.values),
    st.integers(min_value=0, max_value=3),
)


def _evaluate(participant, activity, taken, wanted, offered, placed):
    places_left = None if activity.places is None else activity.places - taken
    return matching.evaluate(
        participant=participant,
        activity=activity,
        wanted={pk: f"i{pk}" for pk in wanted},
        offered={pk: f"i{pk}" for pk in offered},
        placed_ids=frozenset({activity.pk}) if placed else frozenset(),
        places_left=places_left,
    )


@settings(max_examples=500, deadline=None)
@given(
    participants,
    activities,
    st.integers(min_value=0, max_value=6),
    interest_ids,
    interest_ids,
    st.booleans(),
)
def test_a_suggestion_never_breaks_a_hard_filter_nor_exceeds_comfort(
    participant, activity, taken, wanted, offered, placed
):
    evaluation = _evaluate(participant, activity, taken, wanted, offered, placed)
    if evaluation.fits:
        assert CONTACT_ORDER.index(activity.contact) <= CONTACT_ORDER.index(participant.contact_comfort)
        assert PACE_ORDER.index(activity.pace) <= PACE_ORDER.index(participant.preferred_pace)
        assert LOAD_ORDER.index(activity.load) <= LOAD_ORDER.index(participant.max_load)
        assert not participant.preferred_setting or activity.setting == participant.preferred_setting
        assert (
            not (activity.slots and participant.available_slots)
            or activity.slots & participant.available_slots
        )
        assert activity.places is None or activity.places > taken
        assert not placed
        assert evaluation.reasons and all(isinstance(r, str) and r for r in evaluation.reasons)
        assert not evaluation.blockers
    else:
        # Every refusal says why, once per broken filter.
        assert evaluation.blockers and len(evaluation.blockers) == len(evaluation.blocker_kinds)
        assert evaluation.score == 0 and not evaluation.reasons


@settings(max_examples=300, deadline=None)
@given(participants, activities, interest_ids, interest_ids)
def test_shared_interests_always_add_the_same_points(participant, activity, wanted, offered):
    base = _evaluate(participant, activity, 0, wanted, offered - wanted, False)
    more = _evaluate(participant, activity, 0, wanted, offered | wanted, False)
    if base.fits:
        assert more.fits
        assert more.score - base.score == matching.INTEREST_POINTS * len(wanted)


@settings(max_examples=200, deadline=None)
@given(participants, st.lists(activities, min_size=1, max_size=12, unique_by=lambda a: a.pk), interest_ids)
def test_the_ranking_is_by_score_and_only_holds_what_fits(participant, menu, wanted):
    for activity in menu:
        activity.taken = 0
        activity._prefetched_objects_cache = {"interests": _no_interests()}
    participant._prefetched_objects_cache = {"interests": _no_interests()}
    result = matching.activities_match(
        participant=participant, activities=menu, placed_ids=frozenset(), waiting={}
    )
    scores = [e.score for e in result.suggested]
    assert scores == sorted(scores, reverse=True)
    assert all(e.fits for e in result.suggested) and not any(e.fits for e in result.left_out)
    assert len(result.suggested) + len(result.left_out) == len(menu)


def _no_interests():
    from participation.models import Interest

    return Interest.objects.none()
