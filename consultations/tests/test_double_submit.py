"""Two presses of the button at the same moment still make one record."""

import threading
import time

import pytest
from django.db import OperationalError, connection

from consultations import services
from consultations.models import ConsultationRequest

FIELDS = {
    "requester": "self",
    "name": "",
    "name_kana": "",
    "contact_method": "no_call",
    "phone": "",
    "contact_times": "",
    "email": "",
    "age_range": "",
    "details": "同時に2回押しました",
    "consent": True,
}


@pytest.mark.django_db(transaction=True)
def test_simultaneous_double_submit_makes_one_record():
    barrier = threading.Barrier(2)
    results, errors = [], []

    def create():
        # The in-memory SQLite test database (shared cache) reports a table lock
        # at once instead of waiting as a file database with a busy timeout does;
        # trying again is what a waiting writer would do.
        for _attempt in range(50):
            try:
                return services.consultation_request_create(
                    fields=FIELDS, topics=[], submission_token="same-token", client_key="k"
                )
            except OperationalError as error:
                if "locked" not in str(error):
                    raise
                time.sleep(0.05)
        raise AssertionError("still locked")

    def press():
        try:
            barrier.wait()
            results.append(create())
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=press) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert ConsultationRequest.objects.count() == 1
    assert sorted(created for _intake, created in results) == [False, True]
    assert len({intake.reference for intake, _created in results}) == 1
