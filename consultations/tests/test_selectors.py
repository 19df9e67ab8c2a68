"""Timelines the lead's staff page composes: a case, a person, a household."""

import datetime

import pytest

from consultations import selectors
from consultations.models import Case

from .factories import CaseFactory, ContactLogFactory, HouseholdFactory, PersonFactory, ReferralFactory

pytestmark = pytest.mark.django_db


def test_person_timeline_gathers_cases_logs_and_referrals_newest_first():
    person = PersonFactory()
    case = CaseFactory(
        person=person,
        opened_on=datetime.date(2026, 4, 1),
        status=Case.Status.CLOSED,
        closed_on=datetime.date(2026, 9, 1),
        closing_reason=Case.ClosingReason.RESOLVED,
    )
    ContactLogFactory(
        case=case, contacted_at=datetime.datetime(2026, 5, 1, 10, tzinfo=datetime.UTC), summary="初回面談"
    )
    ReferralFactory(case=case, referred_on=datetime.date(2026, 6, 1))
    CaseFactory()  # someone else's case is not included

    entries = selectors.person_timeline(person)
    assert [e.when for e in entries] == [
        datetime.date(2026, 9, 1),
        datetime.date(2026, 6, 1),
        datetime.datetime(2026, 5, 1, 10, tzinfo=datetime.UTC),
        datetime.date(2026, 4, 1),
    ]
    assert all(e.programme == "相談支援" for e in entries)
    assert "終結" in entries[0].title and "課題の解決" in entries[0].title
    assert entries[2].detail == "初回面談"
    assert entries[3].admin_url == f"/admin/consultations/case/{case.pk}/change/"


def test_household_timeline_includes_members_cases(django_assert_num_queries):
    household = HouseholdFactory()
    parent = PersonFactory(household=household)
    child = PersonFactory(household=household)
    CaseFactory(person=parent, household=household)
    child_case = CaseFactory(person=child)  # household not set on the case itself
    ContactLogFactory(case=child_case)
    with django_assert_num_queries(8):
        entries = selectors.household_timeline(household)
    assert len(entries) == 3


def test_empty_timeline():
    assert selectors.person_timeline(PersonFactory()) == []
