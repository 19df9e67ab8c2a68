"""The meeting page, its printable agenda, the case page and the lists keep the same number of
queries as the cases on the agenda grow (3 → 30)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consultations import services
from consultations.models import Agency, Meeting, MeetingCaseReview, PlanGoal, PlanRole

from .factories import (
    AgencyFactory,
    AssessmentFactory,
    CaseFactory,
    ConsentFactory,
    MeetingFactory,
    SupportPlanFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    meeting = MeetingFactory(
        kind=Meeting.Kind.MULTI_LAYERED, held_at=timezone.now() + datetime.timedelta(days=7)
    )
    meeting.agencies.set(
        [AgencyFactory(kind=Agency.Kind.COMMUNITY_CARE), AgencyFactory(kind=Agency.Kind.NPO)]
    )
    return meeting


def _add_cases(meeting, count, *, due=False):
    agency = AgencyFactory()
    for _ in range(count):
        case = CaseFactory()
        ConsentFactory(person=case.person)
        AssessmentFactory(case=case, housing_rating=3)
        plan = SupportPlanFactory(case=case, review_on=timezone.localdate() + datetime.timedelta(days=10))
        PlanGoal.objects.create(plan=plan, goal="生活を整える")
        PlanRole.objects.create(plan=plan, who="包括", agency=agency, task="見守り")
        services.support_plan_activate(plan=plan)
        if not due:
            review = services.meeting_case_review_add(meeting=meeting, case=case, agenda_reason="見直し")
            if MeetingCaseReview.objects.count() % 2:
                services.meeting_case_review_record(
                    review=review,
                    evaluation="appropriate",
                    next_review_on=timezone.localdate() + datetime.timedelta(days=90),
                )


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["admin:consultations_meeting_change", "consultations_staff:meeting-agenda"])
def test_meeting_pages_do_not_grow_with_the_agenda(caseworker, meeting, django_assert_num_queries, page):
    url = reverse(page, args=[meeting.pk])
    _add_cases(meeting, 3)
    _add_cases(meeting, 2, due=True)  # due and not yet on it: the page lists them too
    caseworker.get(url)  # warm up caches (content types, permissions)
    few = _queries(caseworker, url)
    _add_cases(meeting, 27)
    _add_cases(meeting, 10, due=True)
    with django_assert_num_queries(few):
        response = caseworker.get(url)
    assert response.content.decode().count("生活を整える") in (0, 30)  # the print page shows the goals
    assert MeetingCaseReview.objects.filter(meeting=meeting).count() == 30


def test_building_the_agenda_does_not_grow_with_the_cases(meeting, django_assert_max_num_queries):
    _add_cases(meeting, 3, due=True)
    with CaptureQueriesContext(connection) as ctx:
        services.meeting_agenda_build(meeting=meeting)
    few = len(ctx.captured_queries)
    MeetingCaseReview.objects.all().delete()
    _add_cases(meeting, 27, due=True)
    with django_assert_max_num_queries(few + 2):  # bulk inserts may come in more than one batch
        result = services.meeting_agenda_build(meeting=meeting)
    assert len(result.added) == 30


@pytest.mark.parametrize(
    "url",
    [
        reverse("admin:consultations_meeting_changelist"),
        reverse("admin:consultations_meetingcasereview_changelist"),
        reverse("admin:consultations_supportplan_changelist") + "?review=due",
        reverse("admin:consultations_assessment_changelist"),
    ],
)
def test_lists_do_not_grow(caseworker, meeting, django_assert_num_queries, url):
    _add_cases(meeting, 3)
    caseworker.get(url)
    few = _queries(caseworker, url)
    _add_cases(meeting, 27)
    with django_assert_num_queries(few):
        caseworker.get(url)


def test_the_case_page_does_not_grow_with_its_records(caseworker, django_assert_num_queries):
    case = CaseFactory(worker=caseworker.user)
    url = reverse("admin:consultations_case_change", args=[case.pk])
    caseworker.get(url)
    few = _queries(caseworker, url)
    for _ in range(10):
        AssessmentFactory(case=case)
        meeting = MeetingFactory(kind=Meeting.Kind.SUPPORT)
        services.meeting_case_review_add(meeting=meeting, case=case)
    with django_assert_num_queries(few + 0):
        caseworker.get(url)
