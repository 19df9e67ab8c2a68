"""Permission matrix: every staff URL × every role. Only the food role exports or ticks."""

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
    }


# (url name, arg key, method) -> expected status for resident, caseworker, coordinator, manager.
# "login" means a redirect to the admin login page.
MATRIX = [
    ("distribution-list", None, "get", ("login", 200, 200, 200)),
    ("distribution-detail", "distribution", "get", ("login", 200, 200, 200)),
    ("figures", None, "get", ("login", 200, 200, 200)),
    ("application-list", None, "get", ("login", 200, 200, 200)),
    ("review-list", None, "get", ("login", 200, 200, 200)),
    ("registration-detail", "registration", "get", ("login", 200, 200, 200)),
    ("application-review", "application", "get", ("login", 403, 200, 200)),
    ("distribution-rollover", None, "get", ("login", 403, 200, 200)),
    ("roster-generate", "distribution", "post", ("login", 403, 302, 302)),
    ("pickup-record", "entry", "post", ("login", 403, 302, 302)),
    ("pickup-undo", "entry", "post", ("login", 403, 302, 302)),
    ("registration-renew", "registration", "post", ("login", 403, 302, 302)),
    ("roster-export-xlsx", "distribution", "get", ("login", 403, 200, 200)),
    ("roster-export-csv", "distribution", "get", ("login", 403, 200, 200)),
    ("roster-signoff", "distribution", "get", ("login", 403, 200, 200)),
]
ROLES = ["resident", "caseworker", "coordinator", "manager"]


@pytest.mark.parametrize(("name", "arg", "method", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(request, objects, name, arg, method, expected, role):
    client = request.getfixturevalue(role)
    url = reverse(f"food_support_staff:{name}", args=[objects[arg]] if arg else [])
    response = getattr(client, method)(url)
    want = expected[ROLES.index(role)]
    if want == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    else:
        assert response.status_code == want


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
