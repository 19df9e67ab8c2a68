"""Ticking pick-ups on the roster page, no-shows and the monthly figures."""

import datetime

import pytest
from django.urls import reverse

from food_support import services
from food_support.models import RosterEntry
from food_support.selectors import monthly_figures

from .factories import DistributionFactory, FoodRegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def distribution():
    distribution = DistributionFactory(date=datetime.date(2026, 12, 12))
    FoodRegistrationFactory(pickup_place=distribution.place, adults=2, children=2)
    FoodRegistrationFactory(pickup_place=distribution.place, adults=1, children=0)
    FoodRegistrationFactory(pickup_place=distribution.place, adults=1, children=1)
    services.roster_generate(distribution=distribution)
    return distribution


def test_coordinator_ticks_in_person_and_by_proxy(coordinator, distribution):
    first, second, _third = RosterEntry.objects.order_by("pk")
    response = coordinator.post(reverse("food_support_staff:pickup-record", args=[first.pk]))
    assert response.status_code == 302
    assert response["Location"].endswith(f"#entry-{first.pk}")
    coordinator.post(
        reverse("food_support_staff:pickup-record", args=[second.pk]),
        {"by_proxy": "on", "proxy_name": "田中 姉"},
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.picked_up and not first.by_proxy and first.checked_by == coordinator.user
    assert first.picked_up_at is not None
    assert second.picked_up and second.by_proxy and second.proxy_name == "田中 姉"

    page = coordinator.get(reverse("food_support_staff:distribution-detail", args=[distribution.pk]))
    text = page.content.decode()
    assert "代理で受け取り" in text or "代理受け取り" in text
    assert "田中 姉" in text


def test_proxy_without_a_name_is_refused(coordinator, distribution):
    entry = RosterEntry.objects.first()
    response = coordinator.post(
        reverse("food_support_staff:pickup-record", args=[entry.pk]),
        {"by_proxy": "on", "proxy_name": ""},
        follow=True,
    )
    assert "受け取った方のお名前を記入してください。" in response.content.decode()
    entry.refresh_from_db()
    assert not entry.picked_up


def test_undo_clears_the_tick(coordinator, distribution):
    entry = RosterEntry.objects.first()
    services.pickup_record(entry=entry, user=coordinator.user)
    coordinator.post(reverse("food_support_staff:pickup-undo", args=[entry.pk]))
    entry.refresh_from_db()
    assert not entry.picked_up and entry.picked_up_at is None


def test_ticks_need_post(coordinator, distribution):
    entry = RosterEntry.objects.first()
    assert coordinator.get(reverse("food_support_staff:pickup-record", args=[entry.pk])).status_code == 405


def test_no_shows_stay_on_the_roster_and_count_in_the_figures(coordinator, distribution):
    big, single, _pair = RosterEntry.objects.order_by("pk")
    services.pickup_record(entry=big, user=coordinator.user)
    services.pickup_record(entry=single, user=coordinator.user, by_proxy=True, proxy_name="代理 人")
    # Generating again later does not drop the one who did not come.
    services.roster_generate(distribution=distribution)
    assert RosterEntry.objects.filter(distribution=distribution).count() == 3

    figures = monthly_figures(month=datetime.date(2026, 12, 1))
    assert figures.distributions == 1
    assert figures.households == 2
    assert figures.people == 5
    assert figures.children == 2
    assert figures.no_shows == 1
    assert monthly_figures(month=datetime.date(2026, 11, 1)).households == 0

    page = coordinator.get(reverse("food_support_staff:figures"))
    assert page.status_code == 200
    assert "来なかった世帯" in page.content.decode()


def test_distribution_list_is_newest_first_with_counts(coordinator, distribution):
    older = DistributionFactory(date=datetime.date(2026, 11, 14))
    entry = RosterEntry.objects.first()
    services.pickup_record(entry=entry, user=coordinator.user)
    page = coordinator.get(reverse("food_support_staff:distribution-list"))
    listed = list(page.context["distributions"])
    assert listed == [distribution, older]
    assert (listed[0].entry_count, listed[0].picked_up_count) == (3, 1)
