"""A year and more of food support, so the monthly figures mean something.

Thirty more fictional households registered at different times since April of
last fiscal year (a few ended), a distribution at each place every month until
today with its roster, and who picked up (some by proxy). Applications come in
each month. A fixed seed makes every run the same; months that have a
distribution already are left as they are.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from consultations.models import Household, Person
from welfare_portal.statistics import add_months, fiscal_year_of

from . import services
from .models import Distribution, FoodApplication, FoodRegistration, PickupPlace, RosterEntry, parcel_size_for

FAMILIES = ["岡本", "村上", "近藤", "坂本", "遠藤", "青山", "西村", "福田", "太田", "三浦", "藤原", "岡崎"]
GIVEN = ["涼", "舞", "悠斗", "葵", "蒼", "結衣"]


def _second_saturday(month_start):
    offset = (5 - month_start.weekday()) % 7
    return month_start + datetime.timedelta(days=offset + 7)


def load(*, stdout):
    today = timezone.localdate()
    rng = random.Random("food-demo-year")
    places = list(PickupPlace.objects.filter(is_active=True).order_by("name"))
    if not places:
        return
    first = datetime.date(fiscal_year_of(today) - 1, 4, 1)
    _registrations(rng, places, first, today)
    coordinator = get_user_model().objects.filter(username="demo-coordinator").first()
    month, made = first, 0
    while month <= today:
        day = _second_saturday(month)
        for place in places:
            if day >= today or Distribution.objects.filter(place=place, month=month).exists():
                continue
            distribution = Distribution.objects.create(
                place=place, date=day, month=month, starts_at=datetime.time(10), ends_at=datetime.time(12)
            )
            _roster(rng, distribution, coordinator)
            made += 1
        _applications(rng, month, today)
        month = add_months(month, 1)
    # This and next month's distributions (food_support.demo) take the new households too.
    for distribution in Distribution.objects.filter(month__gte=today.replace(day=1)):
        services.roster_generate(distribution=distribution)
    stdout.write(f"food_support: {made} past distributions with rosters and pick-ups")


def _registrations(rng, places, first, today):
    if Household.objects.filter(name__startswith="食料デモ年間").exists():
        return
    days = (today - first).days
    for number in range(30):
        household = Household.objects.create(
            name=f"食料デモ年間 {FAMILIES[number % len(FAMILIES)]}家{number + 1}"
        )
        person = Person.objects.create(
            family_name=FAMILIES[number % len(FAMILIES)],
            given_name=GIVEN[number % len(GIVEN)],
            household=household,
            relationship=Person.Relationship.HEAD,
            age_estimate=rng.randint(20, 39),
        )
        registered = first + datetime.timedelta(days=rng.randint(0, max(days - 30, 0)))
        ended = number % 6 == 5
        FoodRegistration.objects.create(
            person=person,
            household=household,
            adults=rng.randint(1, 2),
            children=rng.choice([0, 0, 1, 2, 3]),
            pickup_place=places[number % len(places)],
            status=FoodRegistration.Status.ENDED if ended else FoodRegistration.Status.ACTIVE,
            status_reason="(デモ)就職が決まったため" if ended else "",
            registered_on=registered,
            # Renewed once where a year has passed, so they stay on the rosters.
            review_due_on=registered
            + datetime.timedelta(days=365 if (today - registered).days < 300 else 730),
        )


def _roster(rng, distribution, coordinator):
    registrations = FoodRegistration.objects.filter(
        pickup_place=distribution.place,
        registered_on__lte=distribution.date,
        review_due_on__gte=distribution.date,
    ).exclude(status=FoodRegistration.Status.PENDING)
    entries = []
    for registration in registrations:
        if registration.status == FoodRegistration.Status.ENDED and rng.random() < 0.5:
            continue
        picked = rng.random() < 0.86
        proxy = picked and rng.random() < 0.12
        entries.append(
            RosterEntry(
                distribution=distribution,
                registration=registration,
                adults=registration.adults,
                children=registration.children,
                parcel_size=parcel_size_for(registration.household_size),
                picked_up=picked,
                picked_up_at=datetime.datetime.combine(
                    distribution.date,
                    datetime.time(10, rng.randint(0, 59)),
                    tzinfo=timezone.get_default_timezone(),
                )
                if picked
                else None,
                by_proxy=proxy,
                proxy_name="家族(デモ)" if proxy else "",
                checked_by=coordinator if picked else None,
            )
        )
    RosterEntry.objects.bulk_create(entries)


def _applications(rng, month, today):
    if FoodApplication.objects.filter(reference__startswith=f"F-DEMO{month:%y%m}").exists():
        return
    place = PickupPlace.objects.order_by("name").first()
    for number in range(rng.randint(1, 3)):
        day = min(month + datetime.timedelta(days=rng.randint(0, 27)), today)
        application = FoodApplication.objects.create(
            reference=f"F-DEMO{month:%y%m}{number}",
            family_name=rng.choice(FAMILIES),
            given_name=rng.choice(GIVEN),
            family_name_kana="デモ",
            given_name_kana="デモ",
            age=rng.randint(19, 39),
            preferred_place=place,
            consent=True,
            status=FoodApplication.Status.REGISTERED
            if rng.random() < 0.7
            else FoodApplication.Status.DECLINED,
            decline_reason="",
        )
        FoodApplication.objects.filter(pk=application.pk).update(
            created_at=datetime.datetime.combine(
                day, datetime.time(15), tzinfo=timezone.get_default_timezone()
            )
        )
