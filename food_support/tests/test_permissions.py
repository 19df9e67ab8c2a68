"""Permission matrix: every staff URL × every role. Only the food role exports or ticks."""

import datetime

import pytest
from django.urls import reverse

from food_support import services
from food_support.models import Distribution, FoodApplication, FoodRegistration, RosterEntry

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
    ("month-rollover", None, "post", ("login", 403, 302, 302)),
    ("distribution-rollover", None, "post", ("login", 403, 302, 302)),
    ("application-review", "application", "post", ("login", 403, 302, 302)),
    ("registration-detail", "registration", "post", ("login", 403, 302, 302)),
]

# What the POSTs send: a real change each, so a refused role provably changed nothing.
POST_DATA = {
    "distribution-rollover": lambda o: {
        "place": o["place"],
        "date": "2027-01-09",
        "starts_at": "10:00",
        "ends_at": "12:00",
        "notes": "",
    },
    "application-review": lambda o: {"person": "", "household": ""},
    "registration-detail": lambda o: {"status": "paused", "reason": "入院のため"},
}

# POSTs that change the database on this fixture (the others are idempotent here).
CHANGES_SOMETHING = {"pickup-record", "registration-renew", *POST_DATA}


def _database_state():
    return (
        Distribution.objects.count(),
        RosterEntry.objects.filter(picked_up=True).count(),
        RosterEntry.objects.count(),
        list(FoodRegistration.objects.order_by("pk").values_list("status", "review_due_on")),
        list(FoodApplication.objects.order_by("pk").values_list("status", flat=True)),
    )


ROLES = ["resident", "caseworker", "coordinator", "manager"]


@pytest.mark.parametrize(
    ("name", "arg", "method", "expected"), MATRIX, ids=[f"{row[2]}-{row[0]}" for row in MATRIX]
)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(request, objects, name, arg, method, expected, role):
    client = request.getfixturevalue(role)
    url = reverse(f"food_support_staff:{name}", args=[objects[arg]] if arg else [])
    before = _database_state()
    if method == "post":
        response = client.post(url, POST_DATA.get(name, lambda o: {})(objects))
    else:
        response = client.get(url)
    want = expected[ROLES.index(role)]
    if want == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    else:
        assert response.status_code == want
    if want in ("login", 403):
        assert _database_state() == before
    elif method == "post" and name in CHANGES_SOMETHING:
        assert _database_state() != before  # the allowed POST really did something


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
