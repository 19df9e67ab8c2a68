"""Coordinators may look people up to link them, and learn nothing of their case records."""

import pytest
from django.urls import reverse

from consultations.models import Case, Household, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(caseworker):
    household = Household.objects.create(name="多摩家", flag_disability=True, notes="家族関係の秘密のメモ")
    with_case = Person.objects.create(
        family_name="多摩", given_name="一郎", household=household, notes="相談員のメモ"
    )
    without_case = Person.objects.create(family_name="関戸", given_name="二郎")
    Case.objects.create(person=with_case, worker=caseworker.user)
    return household, with_case, without_case


@pytest.mark.parametrize(
    "url",
    [
        "/admin/consultations/person/?cases__isnull=False",
        "/admin/consultations/person/?cases__isnull=True",
        "/admin/consultations/person/?cases__gt=0",
        "/admin/consultations/household/?cases__isnull=False",
    ],
)
def test_coordinator_cannot_filter_people_by_their_cases(coordinator, caseworker, people, url):
    # Not a filter anyone is shown: refused for every role.
    assert coordinator.get(url).status_code == 400
    assert caseworker.get(url).status_code == 400


def test_household_flag_filter_is_a_case_workers_only(coordinator, caseworker, people):
    url = "/admin/consultations/person/?household__flag_8050__exact=1"
    assert caseworker.get(url).status_code == 200
    assert coordinator.get(url).status_code == 400


def test_coordinator_does_not_see_notes_or_sensitive_flags(coordinator, caseworker, people):
    household, with_case, _without = people
    person_url = reverse("admin:consultations_person_change", args=[with_case.pk])
    household_url = reverse("admin:consultations_household_change", args=[household.pk])
    html = coordinator.get(person_url).content.decode()
    assert "相談員のメモ" not in html and 'name="notes"' not in html
    html = coordinator.get(household_url).content.decode()
    assert "家族関係の秘密のメモ" not in html and 'name="flag_disability"' not in html
    changelist = coordinator.get("/admin/consultations/household/").content.decode()
    assert "flag_disability" not in changelist
    # Case workers still see all of it.
    assert "相談員のメモ" in caseworker.get(person_url).content.decode()
    assert 'name="flag_disability"' in caseworker.get(household_url).content.decode()


def test_coordinator_saving_a_person_keeps_the_hidden_notes(coordinator, people):
    _household, with_case, _without = people
    url = reverse("admin:consultations_person_change", args=[with_case.pk])
    response = coordinator.post(
        url,
        {
            "family_name": "多摩",
            "given_name": "一郎",
            "family_name_kana": "タマ",
            "given_name_kana": "イチロウ",
            "relationship": "",
            "household": with_case.household_id,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    with_case.refresh_from_db()
    assert with_case.notes == "相談員のメモ"
    assert with_case.family_name_kana == "タマ"


def test_coordinator_cannot_read_person_history(coordinator, caseworker, people):
    _household, with_case, _without = people
    url = reverse("admin:consultations_person_history", args=[with_case.pk])
    assert coordinator.get(url).status_code == 403
    change = reverse("admin:consultations_person_change", args=[with_case.pk])
    assert url not in coordinator.get(change).content.decode()  # no button leading to a 403
    assert url in caseworker.get(change).content.decode()
