"""Matching: hard filters, scores, reasons in words, ties, nothing suits, full activities, the reverse."""

import datetime

import pytest
from django.utils import translation

from participation import matching, services, slots
from participation.models import Contact, Goal, Load, Pace, Reward, RewardWanted, Setting, Travel

from .factories import ActivityFactory, DistrictFactory, InterestFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

TUE_AM = slots.bit(1, 0)
THU_PM = slots.bit(3, 1)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def titles(evaluations):
    return [e.activity.title for e in evaluations]


def test_never_more_contact_or_a_heavier_pace_than_is_comfortable():
    ActivityFactory(title="quiet", contact=Contact.ALONE, pace=Pace.MONTHLY)
    ActivityFactory(title="reception", contact=Contact.PEOPLE, pace=Pace.MONTHLY)
    ActivityFactory(title="weekly", contact=Contact.ALONE, pace=Pace.WEEKLY)
    shy = ParticipantFactory(contact_comfort=Contact.ALONE, preferred_pace=Pace.MONTHLY)
    result = matching.activities_match(participant=shy)
    assert titles(result.suggested) == ["quiet"]
    left_out = {e.activity.title: e.blockers for e in result.left_out}
    assert left_out["reception"] == (
        "more contact with people than they are comfortable with (meeting and talking with people)",
    )
    assert left_out["weekly"] == ("a heavier pace than they want (about once a week)",)


def test_physical_load_setting_and_days_are_hard_filters():
    ActivityFactory(title="heavy", load=Load.HEAVY)
    ActivityFactory(title="outdoors", setting=Setting.OUTDOOR)
    ActivityFactory(title="thursday", slots=THU_PM)
    ActivityFactory(title="tuesday", slots=TUE_AM)
    ActivityFactory(title="any day", slots=0)
    person = ParticipantFactory(
        max_load=Load.MODERATE, preferred_setting=Setting.INDOOR, available_slots=TUE_AM
    )
    result = matching.activities_match(participant=person)
    assert sorted(titles(result.suggested)) == ["any day", "tuesday"]
    why = {e.activity.title: e.blocker_kinds for e in result.left_out}
    assert why == {"heavy": ("load",), "outdoors": ("setting",), "thursday": ("time",)}
    tuesday = next(e for e in result.suggested if e.activity.title == "tuesday")
    assert "can come on Tue morning" in tuesday.reasons
    assert "indoors, as they prefer" in tuesday.reasons
    any_day = next(e for e in result.suggested if e.activity.title == "any day")
    assert "day and time arranged with them" in any_day.reasons


def test_unknown_availability_does_not_filter_but_says_so():
    ActivityFactory(title="tuesday", slots=TUE_AM)
    person = ParticipantFactory(available_slots=0)
    (suggestion,) = matching.activities_match(participant=person).suggested
    assert "their days and times are not known yet" in suggestion.misfits


def test_full_activity_is_left_out_with_the_numbers():
    full = ActivityFactory(title="full", places=1)
    services.placement_start_trial(
        placement=services.placement_arrange_visit(
            participant=ParticipantFactory(), activity=full, visit_date=datetime.date.today()
        )
    )
    ActivityFactory(title="open", places=1)
    result = matching.activities_match(participant=ParticipantFactory())
    assert titles(result.suggested) == ["open"]
    assert result.left_out[0].blockers == ("no places left (1 of 1 taken)",)


def test_a_visit_does_not_take_a_place():
    activity = ActivityFactory(places=1)
    services.placement_arrange_visit(
        participant=ParticipantFactory(), activity=activity, visit_date=datetime.date.today()
    )
    assert titles(matching.activities_match(participant=ParticipantFactory()).suggested) == [activity.title]


def test_interests_weigh_most_and_are_named():
    plants = InterestFactory(name="plants")
    books = InterestFactory(name="books")
    ActivityFactory(title="garden", interests=[plants, books])
    ActivityFactory(title="shelf", interests=[books])
    other = ActivityFactory(title="bags")
    person = ParticipantFactory(interests=[plants, books])
    result = matching.activities_match(participant=person)
    assert titles(result.suggested) == ["garden", "shelf", "bags"]
    assert "interests: books・plants" in result.suggested[0].reasons
    assert result.suggested[0].score - result.suggested[1].score == matching.INTEREST_POINTS
    assert result.suggested[2].activity == other
    assert "none of their interests" in other_misfits(result)


def other_misfits(result):
    return result.suggested[2].misfits


def test_same_contact_and_pace_beat_lighter_ones():
    same = ActivityFactory(title="same", contact=Contact.SMALL_GROUP, pace=Pace.WEEKLY)
    lighter = ActivityFactory(title="lighter", contact=Contact.ALONE, pace=Pace.MONTHLY)
    person = ParticipantFactory(contact_comfort=Contact.SMALL_GROUP, preferred_pace=Pace.WEEKLY)
    result = matching.activities_match(participant=person)
    assert [e.activity for e in result.suggested] == [same, lighter]
    assert "contact with people as they like it" in result.suggested[0].reasons
    assert "less contact with people than they can manage" in result.suggested[1].reasons
    assert "a lighter pace than theirs (about once a month)" in result.suggested[1].reasons


def test_reward_counts_when_wanted_and_its_absence_is_said():
    ActivityFactory(title="paid", reward=Reward.PAID)
    ActivityFactory(title="volunteer", reward=Reward.NONE)
    needs = ParticipantFactory(reward_wanted=RewardWanted.NEEDED)
    result = matching.activities_match(participant=needs)
    assert titles(result.suggested) == ["paid", "volunteer"]
    assert "with a reward (paid (JOIN))" in result.suggested[0].reasons
    assert "no reward, and they need an income" in result.suggested[1].misfits
    indifferent = matching.activities_match(participant=ParticipantFactory(reward_wanted=RewardWanted.ANY))
    assert indifferent.suggested[0].score == indifferent.suggested[1].score


def test_goal_a_step_beyond_is_ranked_lower_and_said():
    ActivityFactory(title="work", goal=Goal.WORK)
    ActivityFactory(title="first", goal=Goal.FIRST_STEP)
    person = ParticipantFactory(goal=Goal.FIRST_STEP)
    result = matching.activities_match(participant=person)
    assert titles(result.suggested) == ["first", "work"]
    assert "suits their goal (a first step out from the ibasho)" in result.suggested[0].reasons
    assert "a step beyond their goal (getting ready for work)" in result.suggested[1].misfits


def test_distance_near_home_scores_and_far_is_said_for_those_who_stay_near():
    home, elsewhere = DistrictFactory(name="Sekido"), DistrictFactory(name="Ochiai")
    ActivityFactory(title="near", district=home)
    ActivityFactory(title="far", district=elsewhere)
    person = ParticipantFactory(district=home, travel=Travel.NEAR)
    result = matching.activities_match(participant=person)
    assert titles(result.suggested) == ["near", "far"]
    assert "near home (Sekido)" in result.suggested[0].reasons
    assert "away from home (Ochiai); they go near home only" in result.suggested[1].misfits
    anywhere = matching.activities_match(participant=ParticipantFactory(district=home, travel=Travel.ANY))
    far = next(e for e in anywhere.suggested if e.activity.title == "far")
    assert not any("away" in misfit for misfit in far.misfits)
    assert far.score == result.suggested[1].score + matching.FAR_PENALTY


def test_ties_follow_the_menu_order_then_the_title():
    ActivityFactory(title="b", order=1)
    ActivityFactory(title="c", order=0)
    ActivityFactory(title="a", order=1)
    result = matching.activities_match(participant=ParticipantFactory())
    assert len({e.score for e in result.suggested}) == 1
    assert titles(result.suggested) == ["c", "a", "b"]


def test_nothing_suits_says_why_in_a_summary():
    ActivityFactory(title="people", contact=Contact.PEOPLE)
    ActivityFactory(title="people too", contact=Contact.PEOPLE, load=Load.HEAVY)
    person = ParticipantFactory(contact_comfort=Contact.ALONE, max_load=Load.LIGHT)
    result = matching.activities_match(participant=person)
    assert result.suggested == []
    assert [(str(label), count) for label, count in result.left_out_summary()] == [
        ("more contact with people than they are comfortable with", 2),
        ("physically too demanding", 1),
    ]


def test_already_placed_and_unpublished_are_not_suggested():
    placed = ActivityFactory(title="placed")
    ActivityFactory(title="hidden", is_published=False)
    person = ParticipantFactory()
    services.placement_arrange_visit(participant=person, activity=placed, visit_date=datetime.date.today())
    result = matching.activities_match(participant=person)
    assert result.suggested == []
    assert result.left_out[0].blockers == ("already taking part",)


def test_reverse_lists_suited_people_least_recently_contacted_first():
    activity = ActivityFactory(contact=Contact.SMALL_GROUP)
    never = ParticipantFactory(person__family_name_kana="ワタナベ")
    long_ago = ParticipantFactory(last_contacted_on=datetime.date(2026, 1, 5))
    lately = ParticipantFactory(last_contacted_on=datetime.date(2026, 11, 5))
    ParticipantFactory(contact_comfort=Contact.ALONE)  # would be too much contact
    ParticipantFactory(is_active=False)
    placed = ParticipantFactory()
    services.placement_arrange_visit(participant=placed, activity=activity, visit_date=datetime.date.today())
    suited = matching.participants_match(activity=activity)
    assert [e.participant for e in suited] == [never, long_ago, lately]


def test_reverse_marks_people_with_an_offer_waiting():
    activity = ActivityFactory()
    person = ParticipantFactory()
    offer = services.offer_record(participant=person, activity=activity)
    (evaluation,) = matching.participants_match(activity=activity)
    assert evaluation.waiting_offer == offer


def test_reverse_on_a_full_activity_suits_nobody():
    activity = ActivityFactory(places=1)
    placement = services.placement_arrange_visit(
        participant=ParticipantFactory(), activity=activity, visit_date=datetime.date.today()
    )
    services.placement_start_trial(placement=placement)
    ParticipantFactory()
    assert matching.participants_match(activity=activity) == []
