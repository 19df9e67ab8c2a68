"""The demo shows every feature: profiles with varied limits, messages waiting, every stage."""

import io

import pytest
from django.core.management import call_command

from consultations.models import Person
from participation import matching
from participation.models import Enquiry, Participant, Placement

pytestmark = pytest.mark.django_db


def test_demo_data_can_be_tried_right_away():
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())  # safe to run twice
    # A dozen profiles to try matching on (the year of activity behind the figures adds more).
    assert Participant.objects.count() >= 12
    assert set(Placement.objects.values_list("stage", flat=True)) == {"visit", "trial", "ongoing", "ended"}
    assert Enquiry.objects.filter(status__in=Enquiry.OPEN).count() == 3
    # Limits vary: some suggestions for most, nothing at all for one (evenings only).
    suggested = {
        p.person.full_name: len(matching.activities_match(participant=p).suggested)
        for p in Participant.objects.all()
    }
    assert suggested["石井 早紀"] == 0
    assert sum(1 for n in suggested.values() if n) >= 9
    # One person is seen whole: a case, a Space Shiori booking, food support and participation.
    shota = Person.objects.get(family_name="小林", given_name="翔太")
    assert shota.cases.exists() and shota.ibasho_bookings.exists() and shota.food_registrations.exists()
    assert (
        shota.participant.placements.filter(stage="trial").exists() and shota.participant.referrals.exists()
    )
