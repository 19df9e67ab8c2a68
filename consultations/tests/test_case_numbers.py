"""Case numbers (K-2026-0001) come from a locked counter per fiscal year: never the same twice,
not even when workers open cases at the same moment.

The race uses real threads and connections: on PostgreSQL the counter row's lock
serialises them (and the first insert of a year's row is retried), on SQLite the
IMMEDIATE transaction does.
"""

import datetime
import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import close_old_connections, connection
from django.utils import timezone

from consultations import services
from consultations.models import Case, ReferenceCounter

from .factories import CaseFactory, ConsultationRequestFactory, PersonFactory


@pytest.mark.django_db
def test_numbers_count_up_per_fiscal_year_and_skip_numbers_in_use():
    CaseFactory(reference="K-2026-0002")  # entered before the counter existed
    numbers = [
        services.case_open(
            case=Case(person=PersonFactory(), channel="phone", opened_on=day), by=None
        ).reference
        for day in [
            datetime.date(2026, 4, 1),
            datetime.date(2026, 12, 1),
            datetime.date(2027, 3, 31),
            datetime.date(2027, 4, 1),
        ]
    ]
    assert numbers == ["K-2026-0001", "K-2026-0003", "K-2026-0004", "K-2027-0001"]
    assert dict(ReferenceCounter.objects.values_list("year", "last")) == {2026: 4, 2027: 1}


@pytest.mark.django_db
def test_a_closed_case_keeps_its_number_and_numbers_are_unique_in_the_database():
    from django.db import IntegrityError, transaction

    first = CaseFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseFactory(reference=first.reference)


WORKERS = 8


@pytest.mark.usefixtures("transactional_db")
def test_workers_opening_cases_at_once_get_different_numbers():
    from consultations.services import topics_ensure

    topics_ensure()
    worker = get_user_model().objects.create_user("w")
    intakes = [ConsultationRequestFactory() for _ in range(WORKERS)]
    people = [PersonFactory() for _ in range(WORKERS)]
    start = threading.Barrier(WORKERS)
    errors = []

    def open_case(i):
        try:
            start.wait(timeout=10)
            services.case_open_from_intake(intake=intakes[i], worker=worker, person=people[i])
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=open_case, args=(i,)) for i in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    close_old_connections()

    assert errors == []
    references = sorted(Case.objects.values_list("reference", flat=True))
    year = services.fiscal_year(timezone.localdate())
    assert references == [f"K-{year}-{n:04d}" for n in range(1, WORKERS + 1)]
