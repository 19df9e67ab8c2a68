"""Staff date inputs are bounded: a typo like 9999-12-31 is refused with a message, not stored."""

import pytest
import time_machine
from django.urls import reverse

from food_support.models import Distribution
from food_support.tests.factories import PickupPlaceFactory
from ibasho.models import Gathering
from ibasho.tests.factories import VenueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2026-11-20 10:00 +0900", tick=False):
        yield


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1999-12-31", "2032-01-01"])
def test_a_distribution_far_from_today_is_refused(coordinator, day):
    response = coordinator.post(
        reverse("food_support_staff:distribution-rollover"),
        {"place": PickupPlaceFactory().pk, "date": day, "starts_at": "10:00", "ends_at": "12:00"},
    )
    assert response.status_code == 200
    assert "の間の日付を入力してください" in response.content.decode()
    assert not Distribution.objects.exists()
    # …and the month rollover still works for everyone.
    assert coordinator.post(reverse("food_support_staff:month-rollover")).status_code == 302


def test_a_distribution_next_month_is_fine(coordinator):
    response = coordinator.post(
        reverse("food_support_staff:distribution-rollover"),
        {"place": PickupPlaceFactory().pk, "date": "2026-12-12", "starts_at": "10:00", "ends_at": "12:00"},
    )
    assert response.status_code == 302


@pytest.mark.parametrize("start", ["0001-01-01", "9999-12-01"])
def test_a_season_from_year_1_or_9999_is_refused(coordinator, start):
    venue = VenueFactory()
    response = coordinator.post(
        reverse("admin:ibasho_gathering_season"),
        {
            "first_venue": venue.pk,
            "start_month": start,
            "months": 12,
            "weekday": 3,
            "week": 3,
            "start_time": "14:00",
            "end_time": "16:00",
            "capacity": 20,
            "title": "スペース栞",
        },
    )
    assert response.status_code == 200
    assert "の間の日付を入力してください" in response.content.decode()
    assert not Gathering.objects.exists()
