import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from consultations.models import Household, Person
from participation import services as participation_services
from participation.tests.factories import ActivityFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def household_with_placements():
    household = Household.objects.create(name="多摩家")
    mother = Person.objects.create(family_name="多摩", given_name="春子", household=household)
    son = Person.objects.create(family_name="多摩", given_name="一郎", household=household)
    for person, title in [(mother, "花壇の手入れ"), (son, "袋づくり")]:
        placement = participation_services.placement_arrange_visit(
            participant=ParticipantFactory(person=person),
            activity=ActivityFactory(title=title),
            visit_date=datetime.date(2026, 11, 2),
        )
        participation_services.placement_log_add(
            placement=placement, date=datetime.date(2026, 11, 2), attended=True, their_words="落ち着いて参加"
        )
    return household, mother, son


@pytest.mark.parametrize("role", ["caseworker", "coordinator", "manager"])
def test_person_timeline_gathers_across_programmes(request, role, household_with_placements):
    client = request.getfixturevalue(role)
    _household, mother, _son = household_with_placements
    response = client.get(reverse("staff-person-timeline", args=[mother.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "花壇の手入れ" in html and "落ち着いて参加" in html
    assert "袋づくり" not in html


def test_household_timeline_shows_every_member(caseworker, household_with_placements):
    household, _mother, _son = household_with_placements
    html = caseworker.get(reverse("staff-household-timeline", args=[household.pk])).content.decode()
    assert "花壇の手入れ" in html and "袋づくり" in html
    assert "多摩 春子" in html and "多摩 一郎" in html


def test_timeline_is_staff_only(resident, household_with_placements):
    _household, mother, _son = household_with_placements
    response = resident.get(reverse("staff-person-timeline", args=[mother.pk]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_staff_without_person_permission_gets_403(household_with_placements):
    _household, mother, _son = household_with_placements
    user = get_user_model().objects.create_user("volunteer-staff", password="x-password-123", is_staff=True)
    client = Client()
    client.force_login(user)
    assert client.get(reverse("staff-person-timeline", args=[mother.pk])).status_code == 403


def test_person_timeline_query_count_does_not_grow_with_records(caseworker):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    person = Person.objects.create(family_name="多摩", given_name="夏子")
    participant = ParticipantFactory(person=person)
    url = reverse("staff-person-timeline", args=[person.pk])

    def add_placements(n):
        for _ in range(n):
            placement = participation_services.placement_arrange_visit(
                participant=participant, activity=ActivityFactory(), visit_date=datetime.date(2026, 11, 2)
            )
            participation_services.placement_log_add(
                placement=placement, date=datetime.date(2026, 11, 2), attended=True
            )

    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            response = caseworker.get(url)
        assert response.status_code == 200
        return len(ctx.captured_queries), response.content.decode().count("<tr>")

    add_placements(2)
    few_queries, few_rows = count_queries()
    add_placements(28)
    many_queries, many_rows = count_queries()
    assert many_rows - few_rows == 56
    assert many_queries == few_queries


def test_a_date_sorts_as_the_start_of_that_day_in_tokyo():
    from django.utils import timezone

    from welfare_portal.timeline import TimelineEntry

    late_on_the_first = TimelineEntry(
        when=datetime.datetime(2026, 12, 1, 8, 30, tzinfo=timezone.get_current_timezone()),
        programme="",
        title="",
    )
    the_first = TimelineEntry(when=datetime.date(2026, 12, 1), programme="", title="")
    # 08:30 in Tokyo is after midnight in Tokyo (it is before midnight UTC).
    assert the_first.sort_key < late_on_the_first.sort_key


def test_person_and_household_admin_link_to_their_timelines(caseworker, household_with_placements):
    household, mother, _son = household_with_placements
    html = caseworker.get(reverse("admin:consultations_person_change", args=[mother.pk])).content.decode()
    assert reverse("staff-person-timeline", args=[mother.pk]) in html
    html = caseworker.get(
        reverse("admin:consultations_household_change", args=[household.pk])
    ).content.decode()
    assert reverse("staff-household-timeline", args=[household.pk]) in html


def test_coordinator_timeline_leaves_out_case_records(coordinator, caseworker, household_with_placements):
    from consultations.models import Case

    _household, mother, _son = household_with_placements
    Case.objects.create(reference="K-TEST-0001", person=mother, worker=caseworker.user, summary="家賃の滞納")
    url = reverse("staff-person-timeline", args=[mother.pk])
    assert "K-TEST-0001" in caseworker.get(url).content.decode()
    html = coordinator.get(url).content.decode()
    assert "花壇の手入れ" in html
    assert "K-TEST-0001" not in html and "家賃の滞納" not in html


def test_staff_pages_offer_the_log_out_button(caseworker, household_with_placements):
    _household, mother, _son = household_with_placements
    html = caseworker.get(reverse("staff-person-timeline", args=[mother.pk])).content.decode()
    assert 'id="logout-form"' in html


def test_timeline_title_appears_once(caseworker, household_with_placements):
    _household, mother, _son = household_with_placements
    html = caseworker.get(reverse("staff-person-timeline", args=[mother.pk])).content.decode()
    assert html.count("<h1>") == 1
