"""/staff/: each role sees what needs doing today, counted right, and nothing it may not see."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consultations.models import ConcernReport, ContactLog, IntakeStatus, Referral, SupportPlan
from consultations.tests.factories import (
    CaseFactory,
    ConcernReportFactory,
    ConsultationRequestFactory,
    ContactLogFactory,
    ReferralFactory,
    SupportPlanFactory,
)
from food_support import services as food_services
from food_support.tests.factories import DistributionFactory, FoodApplicationFactory, FoodRegistrationFactory
from ibasho.models import Booking
from ibasho.tests.factories import BookingFactory, GatheringFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 3)  # a Thursday
NOW = datetime.datetime(2026, 12, 3, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=9)))


@pytest.fixture(autouse=True)
def _clock():
    """The whole test, sessions included, runs on a Thursday morning in Tokyo."""
    with time_machine.travel(NOW, tick=False):
        yield


def tiles(html):
    """{title: count} of the tiles on the page (count None when the tile has no number)."""
    found = {}
    for block in re.findall(r'<li class="staff-tile[^"]*">(.*?)</li>', html, re.S):
        title = re.search(r'class="staff-tile-title">([^<]*)<', block).group(1).strip()
        count = re.search(r'class="staff-tile-count">(\d+)<', block)
        found[title] = int(count.group(1)) if count else None
    return found


@pytest.fixture
def work(caseworker, other_caseworker):
    """Known numbers: 3 new requests (1 handled), 2 new concern reports (1 urgent), my 2 overdue cases…"""
    with time_machine.travel(NOW, tick=False):
        for _ in range(3):
            ConsultationRequestFactory()
        ConsultationRequestFactory(status=IntakeStatus.IN_PROGRESS)
        ConcernReportFactory(urgency=ConcernReport.Urgency.URGENT)
        ConcernReportFactory(urgency=ConcernReport.Urgency.SOON)
        ConcernReportFactory(urgency=ConcernReport.Urgency.URGENT, status=IntakeStatus.NO_ACTION)
        me = caseworker.user
        for _ in range(2):
            ContactLogFactory(
                case=CaseFactory(worker=me, opened_on=TODAY - datetime.timedelta(days=5)),
                next_action="電話する",
                next_action_due=TODAY - datetime.timedelta(days=1),
            )
        # Someone else's overdue case is not mine.
        ContactLogFactory(
            case=CaseFactory(worker=other_caseworker.user),
            next_action="訪問",
            next_action_due=TODAY - datetime.timedelta(days=2),
        )
        # Stalled: my case opened 60 days ago with its last contact 45 days ago.
        stalled = CaseFactory(worker=me, opened_on=TODAY - datetime.timedelta(days=60))
        log = ContactLogFactory(case=stalled)
        ContactLog.objects.filter(pk=log.pk).update(contacted_at=NOW - datetime.timedelta(days=45))
        ReferralFactory(status=Referral.Status.REFERRED)
        ReferralFactory(status=Referral.Status.ACCEPTED, answered_on=TODAY)
        for review_in in (3, 30):  # one due within the week, one not
            SupportPlanFactory(
                status=SupportPlan.Status.ACTIVE,
                effective_from=TODAY - datetime.timedelta(days=60),
                review_on=TODAY + datetime.timedelta(days=review_in),
            )
        gathering = GatheringFactory(date=TODAY + datetime.timedelta(days=2), capacity=5)
        for _ in range(3):
            BookingFactory(gathering=gathering)
        BookingFactory(gathering=gathering, status=Booking.Status.WAITLISTED)
        GatheringFactory(date=TODAY + datetime.timedelta(days=20))  # not this week
        distribution = DistributionFactory(date=TODAY + datetime.timedelta(days=9))
        for _ in range(4):
            FoodRegistrationFactory(
                pickup_place=distribution.place, registered_on=TODAY - datetime.timedelta(days=30)
            )
        food_services.roster_generate(distribution=distribution)
        entry = distribution.roster_entries.first()
        food_services.pickup_record(entry=entry, user=me)
        FoodApplicationFactory.create_batch(2)
    return gathering, distribution


def _home(client):
    with time_machine.travel(NOW, tick=False):
        response = client.get(reverse("staff-home"))
    assert response.status_code == 200
    return response.content.decode()


def test_case_worker_sees_their_work_counted(caseworker, work):
    found = tiles(_home(caseworker))
    assert found["未対応の急ぎのほっとけないシート"] == 1
    assert found["新しい相談申込み"] == 3
    assert found["新しいほっとけないシート"] == 2
    assert found["次の対応の期限を過ぎた担当ケース"] == 2
    assert found["30日以上連絡がない担当ケース"] == 1
    assert found["見直し時期の支援プラン"] == 1
    assert found["返事待ちのつなぎ"] == 1


def test_urgent_tiles_say_so_in_words(caseworker, work):
    html = _home(caseworker)
    urgent = re.search(r'<li class="staff-tile is-urgent">(.*?)</li>', html, re.S).group(1)
    assert "急ぎ" in urgent and "未対応の急ぎのほっとけないシート" in urgent


def test_each_tile_leads_to_a_list_that_shows_the_same_number(caseworker, work):
    html = _home(caseworker)
    for href, title in re.findall(
        r'<a class="staff-tile-main" href="([^"]+)">.*?class="staff-tile-title">([^<]*)<', html, re.S
    ):
        if not href.startswith("/admin/") or "?" not in href:
            continue  # a single record, not a list
        with time_machine.travel(NOW, tick=False):
            response = caseworker.get(href.replace("&amp;", "&"))
        assert response.status_code == 200, (title, href)
        shown = tiles(html)[title.strip()]
        counted = re.search(r'<p class="paginator">\s*(\d+)', response.content.decode())
        assert counted and int(counted.group(1)) == shown, (title, href)


def test_coordinator_sees_the_week_and_the_month_but_no_case_work(coordinator, work):
    gathering, distribution = work
    html = _home(coordinator)
    found = tiles(html)
    assert "新しい相談申込み" not in found and "返事待ちのつなぎ" not in found
    assert "ほっとけない" not in html
    week = [t for t in found if "12月5日(土)" in t]
    assert len(week) == 1 and found[week[0]] == 3
    assert "定員5人のうち3人が申込み済み、キャンセル待ち1人" in html
    assert reverse("ibasho_staff:gathering-attendance", args=[gathering.pk]) in html
    month = [t for t in found if "12月12日(土)" in t]
    assert found[month[0]] == 1
    assert "4世帯のうち1世帯が受け取り済み" in html
    assert reverse("food_support_staff:roster-export-xlsx", args=[distribution.pk]) in html
    assert found["審査待ちの申込み"] == 2


def test_manager_sees_everything_and_the_users(manager, work):
    html = _home(manager)
    found = tiles(html)
    assert found["新しい相談申込み"] == 3
    assert "審査待ちの申込み" in found
    assert reverse("admin:auth_user_changelist") in html


def test_a_staff_login_without_a_role_is_told_so(staff_without_role):
    html = _home(staff_without_role)
    assert "まだ役割が割り当てられていない" in html
    assert not tiles(html)


def test_case_worker_does_not_get_exports(caseworker, work):
    _gathering, distribution = work
    html = _home(caseworker)
    assert reverse("food_support_staff:roster-export-xlsx", args=[distribution.pk]) not in html


@pytest.mark.parametrize("client_name", ["caseworker", "coordinator", "manager"])
def test_query_count_does_not_grow_with_the_work(request, client_name):
    client = request.getfixturevalue(client_name)

    def add(n):
        for _ in range(n):
            ConsultationRequestFactory()
            ConcernReportFactory(urgency=ConcernReport.Urgency.URGENT)
            ContactLogFactory(
                case=CaseFactory(worker=client.user),
                next_action="電話",
                next_action_due=TODAY - datetime.timedelta(days=1),
            )
            FoodApplicationFactory()

    def count():
        with time_machine.travel(NOW, tick=False), CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("staff-home")).status_code == 200
        return len(queries)

    with time_machine.travel(NOW, tick=False):
        add(5)
    few = count()
    with time_machine.travel(NOW, tick=False):
        add(95)
    assert count() == few


def test_login_lands_on_the_staff_home(roles):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    from welfare_portal.roles import COORDINATOR

    user = get_user_model().objects.create_user("landing", password="landing-password-123", is_staff=True)
    user.groups.add(Group.objects.get(name=COORDINATOR))
    response = Client().post("/admin/login/", {"username": "landing", "password": "landing-password-123"})
    assert response["Location"] == reverse("staff-home")


def test_the_admin_menu_links_every_staff_page(coordinator):
    html = coordinator.get(reverse("admin:index")).content.decode()
    for name in ("staff-home", "food_support_staff:distribution-list", "ibasho_staff:numbers"):
        assert f'href="{reverse(name)}"' in html


def test_timezone_is_tokyo():
    assert timezone.get_current_timezone_name() == "Asia/Tokyo"
