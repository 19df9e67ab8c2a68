import datetime

import pytest
from django.db import IntegrityError

from participation import services
from participation.models import Contact, Pace, Placement, Setting

from .factories import ActivityFactory, InterestFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def test_matching_never_asks_for_more_contact_or_pace_than_is_comfortable():
    quiet = ActivityFactory(title="ひとりで作業", contact=Contact.ALONE, pace=Pace.MONTHLY)
    ActivityFactory(title="受付", contact=Contact.PEOPLE, pace=Pace.MONTHLY)
    ActivityFactory(title="毎週の作業", contact=Contact.ALONE, pace=Pace.WEEKLY)
    shy = ParticipantFactory(contact_comfort=Contact.ALONE, preferred_pace=Pace.MONTHLY)
    assert [m.activity for m in services.activities_match(participant=shy)] == [quiet]


def test_matching_ranks_shared_interests_then_setting():
    plants = InterestFactory(name="植物・自然")
    books = InterestFactory(name="本・情報")
    garden = ActivityFactory(title="花壇", setting=Setting.OUTDOOR, interests=[plants])
    shelf = ActivityFactory(title="配架", setting=Setting.INDOOR, interests=[books])
    other = ActivityFactory(title="袋づくり", setting=Setting.INDOOR)
    person = ParticipantFactory(interests=[plants], preferred_setting=Setting.INDOOR)
    matches = services.activities_match(participant=person)
    assert matches[0].activity == garden
    assert {m.activity for m in matches[1:]} == {shelf, other}
    assert matches[0].shared_interests == ("植物・自然",)
    assert matches[0].score > matches[1].score


def test_unpublished_activities_are_not_suggested():
    ActivityFactory(is_published=False)
    assert services.activities_match(participant=ParticipantFactory()) == []


def test_first_attended_day_starts_a_proposed_placement_as_a_trial():
    placement = services.placement_propose(participant=ParticipantFactory(), activity=ActivityFactory())
    assert placement.status == Placement.Status.PROPOSED
    services.placement_log_add(placement=placement, date=datetime.date(2026, 12, 3), attended=False)
    placement.refresh_from_db()
    assert placement.status == Placement.Status.PROPOSED
    services.placement_log_add(placement=placement, date=datetime.date(2026, 12, 10), attended=True)
    placement.refresh_from_db()
    assert placement.status == Placement.Status.TRIAL
    assert placement.start_date == datetime.date(2026, 12, 10)


def test_one_open_placement_per_activity_in_service_and_database():
    participant, activity = ParticipantFactory(), ActivityFactory()
    services.placement_propose(participant=participant, activity=activity)
    with pytest.raises(services.AlreadyPlaced):
        services.placement_propose(participant=participant, activity=activity)
    with pytest.raises(IntegrityError):
        Placement.objects.create(participant=participant, activity=activity)


def test_ended_placement_can_be_proposed_again():
    participant, activity = ParticipantFactory(), ActivityFactory()
    first = services.placement_propose(participant=participant, activity=activity)
    services.placement_end(placement=first, reason="体調のため")
    again = services.placement_propose(participant=participant, activity=activity)
    assert again.pk != first.pk
    first.refresh_from_db()
    assert first.end_reason == "体調のため" and first.end_date is not None
