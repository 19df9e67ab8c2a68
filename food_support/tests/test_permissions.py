"""Food support's own permissions (the whole URL × role matrix is welfare_portal/tests/test_permission_matrix.py)."""

import datetime

import pytest
from django.urls import reverse

from food_support import services
from food_support.models import RosterEntry

from .factories import DistributionFactory, FoodApplicationFactory, FoodRegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects():
    distribution = DistributionFactory(date=datetime.date(2026, 12, 12))
    registration = FoodRegistrationFactory(pickup_place=distribution.place)
    services.roster_generate(distribution=distribution)
    return {
        "distribution": distribution.pk,
        "entry": RosterEntry.objects.get().pk,
        "application": FoodApplicationFactory(preferred_place=distribution.place).pk,
        "registration": registration.pk,
        "place": distribution.place.pk,
    }


@pytest.mark.parametrize(
    ("name", "arg", "perm"),
    [
        ("application-list", None, "view_foodapplication"),
        ("registration-detail", "registration", "view_foodregistration"),
        ("review-list", None, "view_foodregistration"),
    ],
)
def test_application_and_registration_pages_need_their_own_view_permission(
    objects, django_user_model, client, name, arg, perm
):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("rota", password="x-password-123", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_distribution"))
    client.force_login(user)
    url = reverse(f"food_support_staff:{name}", args=[objects[arg]] if arg else [])
    assert client.get(url).status_code == 403
    user.user_permissions.add(Permission.objects.get(codename=perm))
    user = django_user_model.objects.get(pk=user.pk)  # fresh permission cache
    client.force_login(user)
    assert client.get(url).status_code == 200


def test_staff_without_any_role_is_refused(objects, django_user_model, client):
    user = django_user_model.objects.create_user("volunteer", password="x-password-123", is_staff=True)
    client.force_login(user)
    assert client.get(reverse("food_support_staff:distribution-list")).status_code == 403
    url = reverse("food_support_staff:roster-export-csv", args=[objects["distribution"]])
    assert client.get(url).status_code == 403


def test_caseworker_sees_the_roster_without_tick_or_export_buttons(caseworker, coordinator, objects):
    url = reverse("food_support_staff:distribution-detail", args=[objects["distribution"]])
    caseworker_page = caseworker.get(url).content.decode()
    coordinator_page = coordinator.get(url).content.decode()
    export_url = reverse("food_support_staff:roster-export-xlsx", args=[objects["distribution"]])
    tick_url = reverse("food_support_staff:pickup-record", args=[objects["entry"]])
    assert export_url not in caseworker_page and tick_url not in caseworker_page
    assert export_url in coordinator_page and tick_url in coordinator_page


def test_caseworker_cannot_tick(caseworker, objects):
    caseworker.post(reverse("food_support_staff:pickup-record", args=[objects["entry"]]))
    assert not RosterEntry.objects.get().picked_up


def test_nav_shows_only_the_pages_the_user_may_open(objects, django_user_model, client, coordinator):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("rota", password="x-password-123", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_distribution"))
    client.force_login(user)
    html = client.get(reverse("food_support_staff:distribution-list")).content.decode()
    assert reverse("food_support_staff:application-list") not in html
    assert reverse("food_support_staff:review-list") not in html
    full = coordinator.get(reverse("food_support_staff:distribution-list")).content.decode()
    assert reverse("food_support_staff:application-list") in full
    assert reverse("food_support_staff:review-list") in full
