"""Personal pages are never cached; browsers are told which features no page uses."""

import datetime

import pytest
from django.urls import reverse

from food_support import services as food_services
from food_support.tests.factories import DistributionFactory, FoodRegistrationFactory

pytestmark = pytest.mark.django_db


def _no_store(response):
    return "no-store" in response.get("Cache-Control", "")


@pytest.fixture
def distribution():
    distribution = DistributionFactory(date=datetime.date(2026, 12, 12))
    FoodRegistrationFactory(pickup_place=distribution.place)
    food_services.roster_generate(distribution=distribution)
    return distribution


@pytest.mark.parametrize(
    "name", ["roster-export-xlsx", "roster-export-csv", "roster-signoff", "distribution-detail"]
)
def test_rosters_and_exports_are_never_stored(coordinator, distribution, name):
    response = coordinator.get(reverse(f"food_support_staff:{name}", args=[distribution.pk]))
    assert response.status_code == 200
    assert _no_store(response)


@pytest.mark.parametrize("path", ["/staff/", "/staff/ibasho/", "/admin/", "/admin/consultations/person/"])
def test_staff_pages_are_never_stored(manager, path):
    assert _no_store(manager.get(path))


def test_the_thanks_page_of_a_consultation_request_is_never_stored(resident):
    session = resident.session
    session["consultations_done"] = {"kind": "request", "reference": "R-261201-0001"}
    session.save()
    response = resident.get(reverse("consultations:request-done"))
    assert response.status_code == 200 and "R-261201-0001" in response.content.decode()
    assert _no_store(response)


def test_the_thanks_page_of_a_food_application_is_never_stored(resident):
    assert _no_store(resident.get(reverse("food_support:thanks")))


def test_public_pages_without_personal_data_may_be_cached(resident):
    assert not _no_store(resident.get("/"))


@pytest.mark.parametrize("path", ["/", "/consultation/", "/staff/", "/admin/login/"])
def test_permissions_policy_turns_off_unused_features(client, path):
    policy = client.get(path)["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy
