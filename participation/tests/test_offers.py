"""Offers: recorded with the reasons shown, only while the activity still suits; answers once."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from participation import services
from participation.models import Contact, Offer

from .factories import ActivityFactory, InterestFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def test_an_offer_keeps_the_reasons_and_touches_the_profile():
    plants = InterestFactory(name="植物・自然")
    participant = ParticipantFactory(interests=[plants])
    activity = ActivityFactory(interests=[plants])
    offer = services.offer_record(participant=participant, activity=activity, on=datetime.date(2026, 12, 1))
    assert "関心: 植物・自然" in offer.reasons
    participant.refresh_from_db()
    assert participant.last_contacted_on == datetime.date(2026, 12, 1)


def test_an_activity_that_no_longer_suits_is_refused_with_why():
    participant = ParticipantFactory(contact_comfort=Contact.ALONE)
    activity = ActivityFactory(contact=Contact.PEOPLE)
    with pytest.raises(services.NotSuitable) as refused:
        services.offer_record(participant=participant, activity=activity)
    assert activity.title in str(refused.value) and "人との関わり" in str(refused.value)
    assert not Offer.objects.exists()


def test_one_waiting_offer_per_activity_in_service_and_database():
    participant, activity = ParticipantFactory(), ActivityFactory()
    offer = services.offer_record(participant=participant, activity=activity)
    with pytest.raises(services.OfferAlreadyWaiting):
        services.offer_record(participant=participant, activity=activity, kind=Offer.Kind.INVITATION)
    with pytest.raises(IntegrityError), transaction.atomic():
        Offer.objects.create(participant=participant, activity=activity, offered_on=datetime.date.today())
    services.offer_respond(offer=offer, response=Offer.Response.DECLINED, note="今は休みたい")
    again = services.offer_record(participant=participant, activity=activity)
    assert again.pk != offer.pk


def test_an_answer_is_given_once_and_yes_is_a_visit():
    offer = services.offer_record(participant=ParticipantFactory(), activity=ActivityFactory())
    with pytest.raises(services.ParticipationError):
        services.offer_respond(offer=offer, response=Offer.Response.ACCEPTED)
    services.offer_respond(offer=offer, response=Offer.Response.NO_ANSWER)
    with pytest.raises(services.OfferAlreadyAnswered):
        services.offer_respond(offer=offer, response=Offer.Response.DECLINED)
    offer.refresh_from_db()
    assert offer.response == Offer.Response.NO_ANSWER and offer.responded_on is not None


def test_the_database_refuses_an_answer_without_a_date():
    offer = services.offer_record(participant=ParticipantFactory(), activity=ActivityFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        Offer.objects.filter(pk=offer.pk).update(response=Offer.Response.DECLINED)
