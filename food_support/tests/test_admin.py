"""The admin pages staff use every day load, search by kana, and run actions through services."""

import datetime

import pytest
from django.urls import reverse

from food_support.models import Distribution, RosterEntry

from .factories import (
    DistributionFactory,
    FoodApplicationFactory,
    FoodRegistrationFactory,
    PersonFactory,
    PickupPlaceFactory,
    RosterEntryFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model", ["pickupplace", "foodapplication", "foodregistration", "distribution", "rosterentry"]
)
def test_admin_changelists_load_for_coordinator(coordinator, model):
    PickupPlaceFactory()
    FoodApplicationFactory()
    RosterEntryFactory()
    response = coordinator.get(reverse(f"admin:food_support_{model}_changelist"))
    assert response.status_code == 200


def test_registration_search_by_kana(manager):
    FoodRegistrationFactory(person=PersonFactory(family_name="鈴木", family_name_kana="スズキ"))
    FoodRegistrationFactory(person=PersonFactory(family_name="田中", family_name_kana="タナカ"))
    response = manager.get(reverse("admin:food_support_foodregistration_changelist"), {"q": "スズキ"})
    assert "鈴木" in response.content.decode() and "田中" not in response.content.decode()


def test_generate_roster_admin_action_uses_the_service(coordinator):
    distribution = DistributionFactory(date=datetime.date(2026, 12, 12))
    FoodRegistrationFactory(pickup_place=distribution.place, adults=2)
    coordinator.post(
        reverse("admin:food_support_distribution_changelist"),
        {"action": "generate_roster", "_selected_action": [distribution.pk]},
    )
    coordinator.post(
        reverse("admin:food_support_distribution_changelist"),
        {"action": "generate_roster", "_selected_action": [distribution.pk]},
    )
    assert RosterEntry.objects.get().parcel_size == "M"


def test_admin_add_sets_the_month_and_refuses_a_second_one_that_month(manager):
    place = PickupPlaceFactory()
    url = reverse("admin:food_support_distribution_add")
    data = {
        "place": place.pk,
        "date": "2026-12-12",
        "starts_at": "10:00",
        "ends_at": "12:00",
        "notes": "",
        "roster_entries-TOTAL_FORMS": "0",
        "roster_entries-INITIAL_FORMS": "0",
    }
    assert manager.post(url, data).status_code == 302
    response = manager.post(url, {**data, "date": "2026-12-26"})
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert list(Distribution.objects.values_list("month", flat=True)) == [datetime.date(2026, 12, 1)]


def test_roster_rows_cannot_be_added_or_changed_in_the_admin(manager):
    entry = RosterEntryFactory(adults=1, children=0)
    assert manager.get(reverse("admin:food_support_rosterentry_add")).status_code == 403
    change_url = reverse("admin:food_support_rosterentry_change", args=[entry.pk])
    page = manager.get(change_url)
    assert page.status_code == 200
    assert 'name="picked_up"' not in page.content.decode()
    manager.post(
        change_url,
        {
            "distribution": entry.distribution_id,
            "registration": entry.registration_id,
            "parcel_size": "L",
            "adults": "5",
            "children": "3",
            "picked_up": "on",
            "proxy_name": "誰か",
        },
    )
    entry.refresh_from_db()
    assert (entry.adults, entry.children, entry.parcel_size, entry.picked_up) == (1, 0, "S", False)
    assert RosterEntry.objects.count() == 1
