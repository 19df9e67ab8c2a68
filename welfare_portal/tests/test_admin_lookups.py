"""Only the filters a role is shown may be used: hidden fields cannot be read back through the URL."""

import logging
import re

import pytest
from django.urls import reverse

from consultations.tests.factories import HouseholdFactory, PersonFactory

pytestmark = pytest.mark.django_db

SECRET_NOTE = "父親からの暴力について相談あり"


@pytest.fixture
def household():
    household = HouseholdFactory(flag_8050=True, notes="家計の事情")
    PersonFactory(household=household, notes=SECRET_NOTE)
    return household


@pytest.mark.parametrize(
    "query",
    [
        "notes__regex=^父",
        "notes__startswith=父",
        "notes__contains=暴力",
        "notes__exact=" + SECRET_NOTE,
        "household__notes__startswith=家",
        "household__flag_8050__exact=1",
        "cases__isnull=False",
    ],
)
def test_coordinator_cannot_probe_a_persons_hidden_fields(coordinator, household, query):
    response = coordinator.get(reverse("admin:consultations_person_changelist") + "?" + query)
    assert response.status_code == 400
    assert SECRET_NOTE not in response.content.decode()


@pytest.mark.parametrize("flag", ["flag_8050", "flag_young_carer", "flag_disability", "flag_withdrawal"])
def test_coordinator_cannot_filter_households_by_sensitive_flags(coordinator, household, flag):
    url = reverse("admin:consultations_household_changelist") + f"?{flag}__exact=1"
    assert coordinator.get(url).status_code == 400


def test_household_notes_cannot_be_probed(coordinator, household):
    url = reverse("admin:consultations_household_changelist") + "?notes__regex=^家"
    assert coordinator.get(url).status_code == 400


def test_the_probe_answers_the_same_whether_or_not_it_matches(coordinator, household):
    """A row count that differed by guess would leak the note letter by letter."""
    base = reverse("admin:consultations_person_changelist")
    right = coordinator.get(base + "?notes__startswith=父")
    wrong = coordinator.get(base + "?notes__startswith=母")
    assert right.status_code == wrong.status_code == 400

    def page(response):  # the per-request CSRF token of the log-out button aside
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())

    assert page(right) == page(wrong)
    assert "このリクエストは処理できませんでした" in page(right)


def test_case_worker_may_use_the_filters_they_are_shown(caseworker, household):
    url = reverse("admin:consultations_person_changelist") + "?household__flag_8050__exact=1"
    response = caseworker.get(url)
    assert response.status_code == 200
    assert household.members.get().family_name in response.content.decode()
    # …but not a lookup of their own making on a text field.
    assert caseworker.get(url + "&notes__regex=^父").status_code == 400


def test_date_hierarchy_and_simple_filters_still_work(caseworker, household):
    url = reverse("admin:consultations_case_changelist") + "?opened_on__year=2026&mine=open&overdue=yes"
    assert caseworker.get(url).status_code == 200


def test_refused_lookup_is_logged_without_its_value(coordinator, household, caplog):
    with caplog.at_level(logging.WARNING, logger="welfare_portal.security"):
        coordinator.get(reverse("admin:consultations_person_changelist") + "?notes__regex=^父親")
    records = [r for r in caplog.records if r.name == "welfare_portal.security"]
    assert len(records) == 1
    message = records[0].getMessage()
    assert "notes__regex" in message and "consultations.person" in message
    assert str(coordinator.user.pk) in message
    assert "父親" not in message


def test_third_party_admins_are_covered_too(manager):
    """The user list of django.contrib.auth: password hashes cannot be probed either."""
    url = reverse("admin:auth_user_changelist") + "?password__startswith=md5"
    assert manager.get(url).status_code == 400
    assert manager.get(reverse("admin:auth_user_changelist") + "?is_staff__exact=1").status_code == 200
