"""Roster generation: who is eligible, idempotency, status changes between runs, parcel sizes."""

import datetime

import pytest
import time_machine
from django.db import IntegrityError, transaction

from food_support import services
from food_support.models import Distribution, FoodRegistration, RosterEntry, parcel_size_for

from .factories import DistributionFactory, FoodRegistrationFactory, PickupPlaceFactory

pytestmark = pytest.mark.django_db

DEC = datetime.date(2026, 12, 12)


@pytest.mark.parametrize(
    ("status", "registered_on", "review_due_on", "eligible"),
    [
        ("active", datetime.date(2026, 4, 1), datetime.date(2027, 4, 1), True),
        ("active", DEC, datetime.date(2027, 12, 12), True),  # registered on the day itself
        ("active", datetime.date(2026, 12, 13), datetime.date(2027, 12, 13), False),  # not yet started
        ("active", datetime.date(2025, 12, 1), DEC, True),  # review due that very day
        ("active", datetime.date(2025, 12, 1), datetime.date(2026, 12, 11), False),  # review overdue
        ("pending", datetime.date(2026, 4, 1), datetime.date(2027, 4, 1), False),
        ("paused", datetime.date(2026, 4, 1), datetime.date(2027, 4, 1), False),
        ("ended", datetime.date(2026, 4, 1), datetime.date(2027, 4, 1), False),
    ],
)
def test_eligibility_rule_and_queryset_agree(status, registered_on, review_due_on, eligible):
    registration = FoodRegistrationFactory(
        status=status, registered_on=registered_on, review_due_on=review_due_on
    )
    assert services.registration_is_eligible(registration=registration, day=DEC) is eligible
    assert FoodRegistration.objects.eligible_on(DEC).filter(pk=registration.pk).exists() is eligible


@pytest.mark.parametrize(("size", "parcel"), [(1, "S"), (2, "M"), (3, "M"), (4, "L"), (9, "L")])
def test_parcel_size_from_household_size(size, parcel):
    assert parcel_size_for(size) == parcel


def test_roster_takes_parcel_size_and_household_from_registration():
    distribution = DistributionFactory(date=DEC)
    FoodRegistrationFactory(pickup_place=distribution.place, adults=2, children=3)
    services.roster_generate(distribution=distribution)
    entry = RosterEntry.objects.get()
    assert (entry.adults, entry.children, entry.parcel_size) == (2, 3, "L")


def test_roster_only_takes_registrations_for_that_place():
    distribution = DistributionFactory(date=DEC)
    here = FoodRegistrationFactory(pickup_place=distribution.place)
    FoodRegistrationFactory(pickup_place=PickupPlaceFactory(name="二幸産業・NSP健幸福祉プラザ"))
    result = services.roster_generate(distribution=distribution)
    assert result.added == [here]
    assert list(RosterEntry.objects.values_list("registration", flat=True)) == [here.pk]


def test_generating_again_adds_newcomers_and_keeps_rows_and_ticks(coordinator):
    distribution = DistributionFactory(date=DEC)
    first = FoodRegistrationFactory(pickup_place=distribution.place)
    services.roster_generate(distribution=distribution)
    entry = RosterEntry.objects.get(registration=first)
    services.pickup_record(entry=entry, user=coordinator.user, by_proxy=True, proxy_name="山田 母")

    newcomer = FoodRegistrationFactory(pickup_place=distribution.place)
    result = services.roster_generate(distribution=distribution)
    assert result.added == [newcomer]
    assert RosterEntry.objects.count() == 2
    entry.refresh_from_db()
    assert entry.picked_up and entry.by_proxy and entry.proxy_name == "山田 母"

    again = services.roster_generate(distribution=distribution)
    assert again.added == []
    assert RosterEntry.objects.count() == 2


def test_status_changes_between_runs():
    distribution = DistributionFactory(date=DEC)
    staying = FoodRegistrationFactory(pickup_place=distribution.place)
    pausing = FoodRegistrationFactory(pickup_place=distribution.place)
    waiting = FoodRegistrationFactory(pickup_place=distribution.place, status=FoodRegistration.Status.PENDING)
    services.roster_generate(distribution=distribution)
    assert set(RosterEntry.objects.values_list("registration", flat=True)) == {staying.pk, pausing.pk}

    services.registration_change_status(registration=pausing, status="paused", reason="入院のため")
    services.registration_change_status(registration=waiting, status="active")
    result = services.roster_generate(distribution=distribution)

    assert result.added == [waiting]
    # The paused household's row stays so staff can follow up; it is not removed silently.
    assert set(RosterEntry.objects.values_list("registration", flat=True)) == {
        staying.pk,
        pausing.pk,
        waiting.pk,
    }


def test_registrations_past_review_are_listed_for_renewal_then_added():
    distribution = DistributionFactory(date=DEC)
    overdue = FoodRegistrationFactory(
        pickup_place=distribution.place,
        registered_on=datetime.date(2025, 11, 1),
        review_due_on=datetime.date(2026, 11, 1),
    )
    result = services.roster_generate(distribution=distribution)
    assert result.added == []
    assert result.due_for_renewal == [overdue]

    with time_machine.travel(datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.UTC)):
        services.registration_renew(registration=overdue)
    overdue.refresh_from_db()
    assert overdue.review_due_on == datetime.date(2027, 12, 1)
    result = services.roster_generate(distribution=distribution)
    assert result.added == [overdue]
    assert result.due_for_renewal == []


def test_review_overdue_flag_follows_the_clock():
    registration = FoodRegistrationFactory(
        registered_on=datetime.date(2025, 12, 1), review_due_on=datetime.date(2026, 12, 1)
    )
    with time_machine.travel(datetime.datetime(2026, 12, 1, 3, tzinfo=datetime.UTC)):
        assert not registration.review_overdue
    with time_machine.travel(datetime.datetime(2026, 12, 2, 3, tzinfo=datetime.UTC)):
        assert registration.review_overdue
    with time_machine.travel(datetime.datetime(2026, 11, 15, 3, tzinfo=datetime.UTC)):
        due = FoodRegistration.objects.review_due_by(
            datetime.date(2026, 11, 15) + datetime.timedelta(days=30)
        )
        assert list(due) == [registration]


def test_rollover_opens_the_distribution_and_its_roster_in_one_step():
    place = PickupPlaceFactory()
    active = FoodRegistrationFactory(pickup_place=place, adults=1, children=1)
    overdue = FoodRegistrationFactory(
        pickup_place=place, registered_on=datetime.date(2025, 1, 1), review_due_on=datetime.date(2026, 1, 1)
    )
    result = services.distribution_rollover(
        place=place, date=DEC, starts_at=datetime.time(10), ends_at=datetime.time(12), notes="保冷バッグ持参"
    )
    assert result.distribution.month == datetime.date(2026, 12, 1)
    assert result.added == [active]
    assert result.due_for_renewal == [overdue]
    assert RosterEntry.objects.get().parcel_size == "M"

    with pytest.raises(services.DistributionExists):
        services.distribution_rollover(
            place=place,
            date=datetime.date(2026, 12, 26),
            starts_at=datetime.time(10),
            ends_at=datetime.time(12),
        )
    assert Distribution.objects.count() == 1


def test_one_distribution_per_month_per_place_is_a_database_rule():
    first = DistributionFactory(date=DEC)
    with pytest.raises(IntegrityError), transaction.atomic():
        Distribution.objects.create(
            place=first.place,
            date=datetime.date(2026, 12, 19),
            month=datetime.date(2026, 12, 1),
            starts_at=datetime.time(10),
            ends_at=datetime.time(12),
        )
    # Another place in the same month is fine.
    DistributionFactory(date=DEC, place=PickupPlaceFactory(name="別の場所"))
    assert Distribution.objects.count() == 2


def test_month_must_match_the_date_in_the_database():
    place = PickupPlaceFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Distribution.objects.create(
            place=place,
            date=DEC,
            month=datetime.date(2026, 11, 1),
            starts_at=datetime.time(10),
            ends_at=datetime.time(12),
        )


def test_one_roster_row_per_registration_is_a_database_rule():
    distribution = DistributionFactory(date=DEC)
    registration = FoodRegistrationFactory(pickup_place=distribution.place)
    services.roster_generate(distribution=distribution)
    with pytest.raises(IntegrityError), transaction.atomic():
        RosterEntry.objects.create(
            distribution=distribution, registration=registration, adults=1, children=0, parcel_size="S"
        )


def test_one_open_registration_per_household_is_a_database_rule():
    registration = FoodRegistrationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        FoodRegistrationFactory(person=None, household=registration.household)
    services.registration_change_status(registration=registration, status="ended", reason="転居")
    FoodRegistrationFactory(person=None, household=registration.household)


def test_pausing_or_ending_needs_a_reason():
    registration = FoodRegistrationFactory()
    with pytest.raises(services.ReasonRequired):
        services.registration_change_status(registration=registration, status="paused", reason=" ")
    registration.refresh_from_db()
    assert registration.status == "active"


def test_next_month_date_keeps_the_week_and_weekday():
    assert services.next_month_date(datetime.date(2026, 11, 14)) == datetime.date(
        2026, 12, 12
    )  # 2nd Saturday
    assert services.next_month_date(datetime.date(2026, 10, 31)) == datetime.date(
        2026, 11, 28
    )  # 5th → last Saturday


def test_reopening_an_ended_registration_when_the_household_has_another_is_refused():
    old = FoodRegistrationFactory()
    services.registration_change_status(registration=old, status="ended", reason="転居")
    FoodRegistrationFactory(person=None, household=old.household)
    with pytest.raises(services.AlreadyRegistered):
        services.registration_change_status(registration=old, status="active")
    old.refresh_from_db()
    assert old.status == "ended"
