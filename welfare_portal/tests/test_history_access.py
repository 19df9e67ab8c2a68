"""Past versions follow the record's permission, on every history page, and are never written back."""

import pytest
from django.urls import reverse

from consultations.models import Person
from consultations.tests.factories import HouseholdFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    person = PersonFactory(notes="以前の住所と電話")
    person.phone = "042-111-2222"
    person.save()
    return person


def _version_url(obj, model="person"):
    version = obj.history.earliest()
    return reverse(f"admin:consultations_{model}_simple_history", args=[obj.pk, version.history_id])


def test_coordinator_cannot_open_a_past_version_by_its_id(coordinator, person):
    assert coordinator.get(reverse("admin:consultations_person_history", args=[person.pk])).status_code == 403
    assert coordinator.get(_version_url(person)).status_code == 403


def test_coordinator_cannot_open_a_households_past_version(coordinator):
    household = HouseholdFactory(notes="秘密")
    assert coordinator.get(_version_url(household, "household")).status_code == 403


def test_case_worker_reads_a_past_version(caseworker, person):
    response = caseworker.get(_version_url(person))
    assert response.status_code == 200
    assert "以前の住所と電話" in response.content.decode()


def test_nobody_can_revert_to_a_past_version(manager, person):
    data = {"family_name": "書き換え", "given_name": "", "_save": "1"}
    response = manager.post(_version_url(person), data)
    assert response.status_code == 403
    person.refresh_from_db()
    assert person.family_name != "書き換え"
    assert person.phone == "042-111-2222"
    assert "書き換え" not in manager.get(_version_url(person)).content.decode()


def test_the_revert_button_is_not_offered(manager, person):
    html = manager.get(_version_url(person)).content.decode()
    assert 'name="_save"' not in html


def test_history_of_a_person_is_kept_for_every_change(caseworker, person):
    assert Person.history.filter(id=person.pk).count() == 2
