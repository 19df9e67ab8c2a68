"""The intake queue and the caseload keep the same number of queries as rows grow (5 → 500)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultations.models import Case, ConcernReport, ConsultationRequest, ContactLog, Person, Topic

pytestmark = pytest.mark.django_db


def _make_requests(start, stop, user):
    ConsultationRequest.objects.bulk_create(
        ConsultationRequest(
            reference=f"R-Q-{i:05d}",
            submission_token=f"q-{i}",
            requester="self",
            name=f"山田 {i}",
            contact_method="no_call",
            consent=True,
        )
        for i in range(start, stop)
    )
    topic = Topic.objects.first()
    through = ConsultationRequest.topics.through
    through.objects.bulk_create(
        through(consultationrequest_id=pk, topic_id=topic.pk)
        for pk in ConsultationRequest.objects.filter(topics=None).values_list("pk", flat=True)
    )


def _make_concerns(start, stop, user):
    ConcernReport.objects.bulk_create(
        ConcernReport(
            reference=f"N-Q-{i:05d}",
            submission_token=f"qc-{i}",
            location="関戸",
            observations="気になる",
            urgency="soon",
            reporter_type="neighbour",
        )
        for i in range(start, stop)
    )


def _make_cases(start, stop, user):
    people = Person.objects.bulk_create(
        Person(family_name=f"佐藤{i}", family_name_kana="サトウ") for i in range(start, stop)
    )
    cases = Case.objects.bulk_create(
        Case(reference=f"K-Q-{i:05d}", person=person, channel="phone", worker=user)
        for i, person in zip(range(start, stop), people, strict=True)
    )
    topics = list(Topic.objects.all()[:2])
    through = Case.topics.through
    through.objects.bulk_create(through(case_id=c.pk, topic_id=t.pk) for c in cases for t in topics)
    ContactLog.objects.bulk_create(
        ContactLog(
            case=c,
            method="phone",
            participants="本人",
            summary="s",
            next_action="a",
            next_action_due="2026-01-01",
        )
        for c in cases
    )


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("url", "make"),
    [
        (reverse("admin:consultations_consultationrequest_changelist"), _make_requests),
        (reverse("admin:consultations_concernreport_changelist"), _make_concerns),
        (reverse("admin:consultations_case_changelist"), _make_cases),
        (reverse("admin:consultations_case_changelist") + "?mine=open&overdue=yes", _make_cases),
    ],
)
def test_changelist_queries_do_not_grow_with_rows(caseworker, django_assert_num_queries, url, make):
    make(0, 5, caseworker.user)
    caseworker.get(url)  # warm up caches (content types, permissions)
    few = _queries(caseworker, url)
    make(5, 500, caseworker.user)
    with django_assert_num_queries(few):
        response = caseworker.get(url)
    assert "500" in response.content.decode()  # the admin's count of all rows
