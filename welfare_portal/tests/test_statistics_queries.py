"""The monthly figures: who may see them, and a query count that does not grow with the data."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultations.models import (
    Agency,
    Area,
    Assessment,
    Case,
    CommunityMeeting,
    CommunityNeed,
    ConcernReport,
    ConsultationRequest,
    ContactLog,
    Meeting,
    MeetingCaseReview,
    OutreachVisit,
    Person,
    Referral,
    SupportPlan,
    Topic,
)
from food_support.models import Distribution, FoodApplication, FoodRegistration, PickupPlace, RosterEntry
from ibasho.models import Booking, Gathering, Venue
from participation.models import Activity, Participant, Placement, PlacementLog
from welfare_portal.staff_home import staff_pages_for
from welfare_portal.statistics import add_months

pytestmark = pytest.mark.django_db

URLS = [
    reverse("staff-statistics"),
    reverse("staff-statistics-xlsx"),
    reverse("staff-statistics-csv", args=["food-households"]),
]


@pytest.mark.parametrize("url", URLS)
def test_anonymous_visitors_are_sent_to_sign_in(resident, url):
    response = resident.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("role", ["caseworker", "coordinator", "staff_without_role"])
@pytest.mark.parametrize("url", URLS)
def test_only_those_given_the_figures_see_them(request, role, url):
    assert request.getfixturevalue(role).get(url).status_code == 403


@pytest.mark.parametrize("url", URLS)
def test_managers_see_them(manager, url):
    assert manager.get(url).status_code == 200


def test_a_manager_can_give_the_figures_to_anyone(caseworker):
    url = reverse("staff-statistics")
    assert caseworker.get(url).status_code == 403
    caseworker.user.user_permissions.add(Permission.objects.get(codename="view_statistics"))
    caseworker.user = type(caseworker.user).objects.get(pk=caseworker.user.pk)  # fresh permission cache
    assert caseworker.get(url).status_code == 200
    assert any(url in dict(pages).values() for _section, pages in staff_pages_for(caseworker.user))


def test_the_staff_menu_offers_the_figures_and_the_access_log_to_managers(manager, coordinator):
    def urls(user):
        return {url for _section, pages in staff_pages_for(user) for _label, url in pages}

    wanted = {reverse("staff-statistics"), reverse("admin:welfare_portal_accesslog_changelist")}
    assert wanted <= urls(manager.user)
    assert not wanted & urls(coordinator.user)


def test_programme_pages_link_to_the_figures_for_those_who_may_see_them(manager, coordinator):
    for url in (reverse("ibasho_staff:numbers"), reverse("food_support_staff:figures")):
        assert reverse("staff-statistics") in manager.get(url).content.decode()
        assert reverse("staff-statistics") not in coordinator.get(url).content.decode()
    page = manager.get(reverse("staff-statistics")).content.decode()
    assert reverse("ibasho_staff:numbers") in page and reverse("food_support_staff:figures") in page


def _populate(n):
    """n rows of every kind the figures count, spread over fiscal year 2025, in bulk."""
    start = datetime.date(2025, 4, 1)

    def day(i):
        return add_months(start, i % 12) + datetime.timedelta(days=i % 27)

    def at(i):
        return datetime.datetime.combine(day(i), datetime.time(10), tzinfo=datetime.UTC)

    people = Person.objects.bulk_create(
        Person(family_name=f"人{i}", birth_date=datetime.date(1960, 1, 1) + datetime.timedelta(days=40 * i))
        for i in range(n)
    )
    cases = Case.objects.bulk_create(
        Case(
            reference=f"K-Q-{n}-{i:05d}",
            person=person,
            channel=Case.Channel.values[i % len(Case.Channel.values)],
            opened_on=day(i),
            status=Case.Status.CLOSED if i % 3 == 0 else Case.Status.SUPPORT,
            closed_on=day(i) + datetime.timedelta(days=20) if i % 3 == 0 else None,
            closing_reason=Case.ClosingReason.RESOLVED if i % 3 == 0 else "",
        )
        for i, person in enumerate(people)
    )
    topic = Topic.objects.first()
    Case.topics.through.objects.bulk_create(Case.topics.through(case=case, topic=topic) for case in cases)
    ContactLog.objects.bulk_create(
        ContactLog(case=case, contacted_at=at(i), method="phone", participants="-", summary="-")
        for i, case in enumerate(cases)
    )
    ConsultationRequest.objects.bulk_create(
        ConsultationRequest(
            reference=f"R-Q-{n}-{i}",
            submission_token=f"q-{n}-{i}",
            submitted_at=at(i),
            requester="self",
            contact_method="no_call",
            consent=True,
        )
        for i in range(n)
    )
    ConcernReport.objects.bulk_create(
        ConcernReport(
            reference=f"N-Q-{n}-{i}",
            submission_token=f"qc-{n}-{i}",
            submitted_at=at(i),
            location="-",
            observations="-",
            urgency="soon",
        )
        for i in range(n)
    )
    agency = Agency.objects.create(name=f"機関{n}", kind=Agency.Kind.NPO)
    Referral.objects.bulk_create(
        Referral(case=c, agency=agency, reason="-", referred_on=day(i)) for i, c in enumerate(cases)
    )
    Assessment.objects.bulk_create(
        Assessment(case=c, assessed_on=day(i), summary="-") for i, c in enumerate(cases)
    )
    SupportPlan.objects.bulk_create(
        SupportPlan(case=c, made_on=day(i), overall_goal="-") for i, c in enumerate(cases)
    )
    area = Area.objects.create(name=f"全域{n}", layer=Area.Layer.CITY)
    community = CommunityMeeting.objects.bulk_create(
        CommunityMeeting(area=area, title="-", held_on=day(i)) for i in range(max(n // 10, 1))
    )
    CommunityNeed.objects.bulk_create(
        CommunityNeed(area=area, meeting=community[i % len(community)], title="-") for i in range(n)
    )
    meetings = Meeting.objects.bulk_create(
        Meeting(kind=Meeting.Kind.SUPPORT, held_at=at(i), attendees="-") for i in range(max(n // 10, 1))
    )
    MeetingCaseReview.objects.bulk_create(
        MeetingCaseReview(meeting=meetings[i % len(meetings)], meeting_kind=Meeting.Kind.SUPPORT, case=c)
        for i, c in enumerate(cases)
    )
    OutreachVisit.objects.bulk_create(
        OutreachVisit(case=c, visited_at=at(i), location="-", visitors="-", outcome="met")
        for i, c in enumerate(cases)
    )
    venue = Venue.objects.create(name=f"会場{n}", address="-")
    gatherings = Gathering.objects.bulk_create(
        Gathering(venue=venue, date=day(i), status=Gathering.Status.PUBLISHED) for i in range(max(n // 10, 1))
    )
    Booking.objects.bulk_create(
        Booking(
            gathering=gatherings[i % len(gatherings)],
            name="-",
            email=f"q{n}-{i}@example.jp",
            first_time=i % 2 == 0,
            agreed_to_rules=True,
        )
        for i in range(n)
    )
    participants = Participant.objects.bulk_create(
        Participant(person=person, preferred_pace="weekly", contact_comfort="people") for person in people
    )
    activity = Activity.objects.create(
        title=f"活動{n}", summary="-", setting="indoor", pace="weekly", contact="alone"
    )
    placements = Placement.objects.bulk_create(
        Placement(
            participant=p,
            activity=activity,
            stage="ongoing",
            visit_date=day(i),
            trial_start=day(i),
            ongoing_start=day(i),
        )
        for i, p in enumerate(participants)
    )
    PlacementLog.objects.bulk_create(
        PlacementLog(placement=p, date=day(i), attended=True, hours=2) for i, p in enumerate(placements)
    )
    place = PickupPlace.objects.create(name=f"受け取り場所{n}")
    distributions = Distribution.objects.bulk_create(
        Distribution(
            place=place,
            date=add_months(start, m) + datetime.timedelta(days=10),
            month=add_months(start, m),
            starts_at=datetime.time(10),
            ends_at=datetime.time(12),
        )
        for m in range(12)
    )
    registrations = FoodRegistration.objects.bulk_create(
        FoodRegistration(
            person=people[i],
            pickup_place=place,
            status="active",
            registered_on=day(i),
            review_due_on=day(i) + datetime.timedelta(days=365),
        )
        for i in range(n)
    )
    RosterEntry.objects.bulk_create(
        RosterEntry(
            distribution=distributions[i % 12],
            registration=r,
            adults=1,
            children=i % 3,
            parcel_size="M",
            picked_up=i % 4 != 0,
            picked_up_at=at(i) if i % 4 != 0 else None,
        )
        for i, r in enumerate(registrations)
    )
    FoodApplication.objects.bulk_create(
        FoodApplication(family_name="-", given_name="-", age=30, preferred_place=place, consent=True)
        for _i in range(n)
    )


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


@pytest.mark.parametrize("url", URLS)
def test_query_count_is_the_same_for_10_and_1000_rows_per_programme(manager, url):
    url += "?fy=2025"
    manager.get(url)  # warm the session and permission caches
    _populate(10)
    few = _queries(manager, url)
    _populate(990)
    assert Case.objects.count() == 1000 and RosterEntry.objects.count() == 1000
    assert _queries(manager, url) == few
