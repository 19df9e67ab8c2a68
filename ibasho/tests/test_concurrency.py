"""Capacity holds when many people book the last places at the same moment.

Real threads, real database connections, no mocks: on PostgreSQL the gathering
row lock serialises them, on SQLite the IMMEDIATE transaction does.
"""

import threading

import pytest
from django.db import close_old_connections, connection

from ibasho import services
from ibasho.models import Booking

from .factories import GatheringFactory

pytestmark = pytest.mark.usefixtures("shared_database")

PEOPLE = 12
CAPACITY = 5


def test_many_bookings_at_once_confirm_exactly_capacity(mailoutbox):
    gathering = GatheringFactory(capacity=CAPACITY)
    start = threading.Barrier(PEOPLE)
    errors = []

    def book(i):
        try:
            start.wait()
            services.booking_create(
                gathering=gathering, name=f"人{i}", email=f"p{i}@example.jp", agreed_to_rules=True
            )
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(i,)) for i in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    close_old_connections()

    assert errors == []
    statuses = list(Booking.objects.filter(gathering=gathering).values_list("status", flat=True))
    assert len(statuses) == PEOPLE
    assert statuses.count(Booking.Status.CONFIRMED) == CAPACITY
    assert statuses.count(Booking.Status.WAITLISTED) == PEOPLE - CAPACITY


def test_the_same_person_twice_at_once_gets_one_booking():
    gathering = GatheringFactory(capacity=CAPACITY)
    start = threading.Barrier(6)
    outcomes = []

    def book():
        try:
            start.wait()
            services.booking_create(
                gathering=gathering, name="同じ人", phone="090-0000-1111", agreed_to_rules=True
            )
            outcomes.append("booked")
        except services.AlreadyBooked:
            outcomes.append("duplicate")
        except Exception as exc:
            outcomes.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=book) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes, key=str) == ["booked"] + ["duplicate"] * 5
    assert Booking.objects.filter(gathering=gathering).count() == 1
