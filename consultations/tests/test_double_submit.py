"""Two presses of the button at the same moment still make one record."""

import threading

import pytest
from django.db import connection

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

    def press():
        try:
            barrier.wait()
            results.append(
                services.consultation_request_create(
                    fields=FIELDS, topics=[], submission_token="same-token", client_key="k"
                )
            )
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
