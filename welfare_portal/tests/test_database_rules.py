"""Rules one row can tell are held by the database too: bypassing the services with .update() fails."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from food_support import services as food_services
from food_support.models import FoodApplication, FoodRegistration, RosterEntry
from food_support.tests.factories import DistributionFactory, FoodApplicationFactory, FoodRegistrationFactory
from ibasho.models import Booking
from ibasho.tests.factories import BookingFactory

pytestmark = pytest.mark.django_db


def _refused(queryset, **changes):
    with pytest.raises(IntegrityError), transaction.atomic():
        queryset.update(**changes)


def test_a_booking_agreed_to_the_rules():
    booking = BookingFactory()
    _refused(Booking.objects.filter(pk=booking.pk), agreed_to_rules=False)


def test_a_food_application_gave_consent():
    application = FoodApplicationFactory()
    _refused(FoodApplication.objects.filter(pk=application.pk), consent=False)


def test_a_food_registration_has_a_person_or_a_household():
    registration = FoodRegistrationFactory()
    _refused(FoodRegistration.objects.filter(pk=registration.pk), person=None, household=None)


def test_a_pickup_by_proxy_has_the_proxy_name():
    distribution = DistributionFactory(date=datetime.date(2026, 12, 12))
    FoodRegistrationFactory(pickup_place=distribution.place, registered_on=datetime.date(2026, 1, 1))
    food_services.roster_generate(distribution=distribution)
    entry = RosterEntry.objects.get()
    food_services.pickup_record(entry=entry, user=None, by_proxy=True, proxy_name="山田 祖母")
    _refused(RosterEntry.objects.filter(pk=entry.pk), proxy_name="")
