"""The monthly step for every place at once, from the views, the service and the command."""

import datetime
import io
import threading

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from food_support import services
from food_support.models import Distribution, RosterEntry

from .factories import DistributionFactory, FoodRegistrationFactory, PickupPlaceFactory

pytestmark = pytest.mark.django_db

NOV_20 = datetime.datetime(2026, 11, 20, 1, tzinfo=datetime.UTC)


@pytest.fixture
def november():
    vita = PickupPlaceFactory(name="ヴィータ・コミューネ")
    plaza = PickupPlaceFactory(name="健幸福祉プラザ")
    PickupPlaceFactory(name="新しい場所")  # never had a distribution: left for a person to set up
    DistributionFactory(
        place=vita, date=datetime.date(2026, 11, 14), starts_at=datetime.time(10), ends_at=datetime.time(12)
    )
    DistributionFactory(
        place=plaza, date=datetime.date(2026, 11, 21), starts_at=datetime.time(13), ends_at=datetime.time(15)
    )
    FoodRegistrationFactory(pickup_place=vita)
    FoodRegistrationFactory(pickup_place=plaza)
    FoodRegistrationFactory(
        pickup_place=plaza,
        registered_on=datetime.date(2025, 11, 1),
        review_due_on=datetime.date(2026, 11, 30),
    )
    return vita, plaza


def test_month_rollover_copies_week_weekday_and_hours(november):
    vita, plaza = november
    results = services.month_rollover(month=datetime.date(2026, 12, 1))
    assert len(results) == 2
    december = {d.place: d for d in Distribution.objects.filter(month=datetime.date(2026, 12, 1))}
    assert december[vita].date == datetime.date(2026, 12, 12)  # 2nd Saturday
    assert december[plaza].date == datetime.date(2026, 12, 19)  # 3rd Saturday
    assert december[plaza].starts_at == datetime.time(13)
    assert RosterEntry.objects.filter(distribution=december[vita]).count() == 1
    assert RosterEntry.objects.filter(distribution=december[plaza]).count() == 1
    plaza_result = next(r for r in results if r.distribution.place == plaza)
    assert len(plaza_result.due_for_renewal) == 1


def test_month_rollover_twice_changes_nothing(november):
    services.month_rollover(month=datetime.date(2026, 12, 1))
    counts = (Distribution.objects.count(), RosterEntry.objects.count())
    services.month_rollover(month=datetime.date(2026, 12, 1))
    assert (Distribution.objects.count(), RosterEntry.objects.count()) == counts


def test_rollover_button_opens_next_month_from_today(coordinator, november):
    with time_machine.travel(NOV_20):
        response = coordinator.post(reverse("food_support_staff:month-rollover"), follow=True)
    assert Distribution.objects.filter(month=datetime.date(2026, 12, 1)).count() == 2
    text = response.content.decode()
    assert "2026年12月12日(土) ヴィータ・コミューネ</a>: 配布日を開き、1世帯を名簿に載せました。" in text
    assert "年1回の見直しの期限が過ぎているため名簿に載せていない登録が" in text
    assert reverse("food_support_staff:review-list") in text

    # A second press opens nothing and says so, with the numbers as they are.
    with time_machine.travel(NOV_20):
        again = coordinator.post(reverse("food_support_staff:month-rollover"), follow=True).content.decode()
    assert Distribution.objects.filter(month=datetime.date(2026, 12, 1)).count() == 2
    assert "ヴィータ・コミューネ</a>: 新しく追加した世帯はありません。名簿の1世帯はそのままです。" in again
    assert "配布日を開き" not in again


def test_rollover_form_opens_one_distribution_with_its_roster(coordinator, november):
    vita, _plaza = november
    with time_machine.travel(NOV_20):
        page = coordinator.get(reverse("food_support_staff:distribution-rollover"))
        assert page.status_code == 200
        response = coordinator.post(
            reverse("food_support_staff:distribution-rollover"),
            {"place": vita.pk, "date": "2026-12-05", "starts_at": "10:00", "ends_at": "11:30", "notes": ""},
        )
        # Still on the 20th: the session (and its messages) lasts hours, not days.
        again = coordinator.post(
            reverse("food_support_staff:distribution-rollover"),
            {"place": vita.pk, "date": "2026-12-19", "starts_at": "10:00", "ends_at": "11:30", "notes": ""},
        )
    distribution = Distribution.objects.get(place=vita, month=datetime.date(2026, 12, 1))
    assert response["Location"] == reverse("food_support_staff:distribution-detail", args=[distribution.pk])
    assert distribution.roster_entries.count() == 1
    assert "その月の配布日がすでに登録されています" in again.content.decode()


def test_rollover_form_needs_end_after_start(coordinator, november):
    vita, _plaza = november
    response = coordinator.post(
        reverse("food_support_staff:distribution-rollover"),
        {"place": vita.pk, "date": "2026-12-05", "starts_at": "12:00", "ends_at": "10:00"},
    )
    assert "終了時刻は開始時刻より後にしてください。" in response.content.decode()


def test_command_rolls_over_and_logs_no_names(november):
    out = io.StringIO()
    with time_machine.travel(NOV_20):
        call_command("food_month_rollover", stdout=out)
    assert Distribution.objects.filter(month=datetime.date(2026, 12, 1)).count() == 2
    assert "2026-12-12" in out.getvalue()
    assert "山田" not in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_two_rollovers_at_once_open_each_distribution_once(november):
    """Two coordinators press the monthly button together (or one presses twice).

    On PostgreSQL the two run truly at once in two connections; before the places were
    locked, the second one's insert hit the unique rule and gave a 500. SQLite has one
    writer at a time, so there the two run one after the other.
    """
    from django.db import connection, connections

    errors = []
    months = [datetime.date(2026 + (11 + i) // 12, (11 + i) % 12 + 1, 1) for i in range(6)]  # Dec-May

    def rollover(barrier, month):
        try:
            barrier.wait(timeout=10)
            services.month_rollover(month=month)
        except Exception as error:  # reported to the test below
            errors.append(error)
        finally:
            connections.close_all()

    for month in months:
        if connection.vendor == "postgresql":
            barrier = threading.Barrier(2)
            threads = [threading.Thread(target=rollover, args=(barrier, month)) for _i in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=30)
        else:
            rollover(threading.Barrier(1), month)
            rollover(threading.Barrier(1), month)
    assert errors == []
    assert [Distribution.objects.filter(month=month).count() for month in months] == [2] * len(months)
    assert RosterEntry.objects.filter(distribution__month=months[0]).count() == 2
