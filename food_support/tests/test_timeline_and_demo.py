import datetime
import io

import pytest

from food_support import demo, services
from food_support.models import Distribution, FoodRegistration, PickupPlace, RosterEntry
from food_support.selectors import household_timeline, person_timeline

from .factories import DistributionFactory, FoodRegistrationFactory

pytestmark = pytest.mark.django_db


def test_timelines_show_registration_and_pick_ups(coordinator):
    distribution = DistributionFactory(date=datetime.date(2026, 12, 12))
    registration = FoodRegistrationFactory(pickup_place=distribution.place)
    other = FoodRegistrationFactory(pickup_place=distribution.place)
    services.roster_generate(distribution=distribution)
    services.pickup_record(
        entry=registration.roster_entries.get(), user=coordinator.user, by_proxy=True, proxy_name="山田 花"
    )

    entries = person_timeline(registration.person)
    assert [e.programme for e in entries] == ["食料支援", "食料支援"]
    titles = [e.title for e in entries]
    assert "食料支援に登録(利用中)" in titles
    assert f"{distribution.place.name}で食料を受け取り" in titles
    assert any("山田 花" in e.detail for e in entries)
    assert all(e.admin_url.startswith("/") for e in entries)
    assert len(household_timeline(registration.household)) == 2
    # Someone else's pick-up is not in this person's timeline.
    assert len(person_timeline(other.person)) == 1


def test_demo_is_idempotent_and_current():
    demo.load(stdout=io.StringIO())
    counts = [m.objects.count() for m in (PickupPlace, FoodRegistration, Distribution, RosterEntry)]
    demo.load(stdout=io.StringIO())
    assert [m.objects.count() for m in (PickupPlace, FoodRegistration, Distribution, RosterEntry)] == counts
    assert counts[0] == 2 and counts[1] == 5 and counts[2] == 4
    months = set(Distribution.objects.values_list("month", flat=True))
    assert len(months) == 2
    # One registration is past its review and so waits for renewal instead of being on the rosters.
    assert FoodRegistration.objects.filter(review_due_on__lt=datetime.date.today()).count() == 1
