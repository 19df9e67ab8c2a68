import datetime

import pytest
from django.urls import reverse

from ibasho.models import Booking

from .factories import BookingFactory, GatheringFactory

pytestmark = pytest.mark.django_db


def _grow(gatherings, bookings_each):
    for i in range(gatherings):
        g = GatheringFactory(date=datetime.date.today() + datetime.timedelta(days=10 + i))
        for j in range(bookings_each):
            BookingFactory(
                gathering=g, status=Booking.Status.WAITLISTED if j % 3 == 0 else Booking.Status.CONFIRMED
            )


@pytest.mark.parametrize(("gatherings", "bookings_each"), [(2, 1), (20, 8)])
def test_public_list_query_count_is_flat(resident, django_assert_num_queries, gatherings, bookings_each):
    _grow(gatherings, bookings_each)
    with django_assert_num_queries(1):
        response = resident.get(reverse("ibasho:gathering-list"))
    assert response.status_code == 200
    assert len(response.context["gatherings"]) == gatherings


@pytest.mark.parametrize("bookings", [2, 30])
def test_roster_query_count_is_flat(coordinator, django_assert_num_queries, bookings):
    from consultations.models import Person

    gathering = GatheringFactory(capacity=10)
    for i in range(bookings):
        status = Booking.Status.CONFIRMED if i < 10 else Booking.Status.WAITLISTED
        BookingFactory(gathering=gathering, status=status, person=Person.objects.create(family_name=f"人{i}"))
    url = reverse("ibasho_staff:gathering-roster", args=[gathering.pk])
    coordinator.get(url)  # warm the session and permission caches
    # One of them is the access log's single insert for all the bookings shown.
    with django_assert_num_queries(8):
        response = coordinator.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("months", [1, 12])
def test_numbers_query_count_is_flat(coordinator, django_assert_num_queries, months):
    _grow(months, 3)
    url = reverse("ibasho_staff:numbers")
    coordinator.get(url)
    with django_assert_num_queries(7):
        response = coordinator.get(url)
    assert response.status_code == 200
    assert len(response.context["gatherings"]) == months


@pytest.mark.parametrize("bookings", [1, 25])
def test_gathering_detail_query_count_is_flat(resident, django_assert_num_queries, bookings):
    gathering = GatheringFactory(capacity=10)
    for i in range(bookings):
        BookingFactory(
            gathering=gathering, status=Booking.Status.CONFIRMED if i < 10 else Booking.Status.WAITLISTED
        )
    with django_assert_num_queries(1):
        response = resident.get(gathering.get_absolute_url())
    assert response.status_code == 200
