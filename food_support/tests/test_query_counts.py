"""The roster page costs the same number of queries for 3 rows and for 30."""

import datetime

import pytest
from django.urls import reverse

from food_support import selectors, services

from .factories import DistributionFactory, FoodRegistrationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _roster(rows):
    distribution = DistributionFactory(date=datetime.date(2026, 12, 12))
    FoodRegistrationFactory.create_batch(rows, pickup_place=distribution.place, allergies="卵")
    services.roster_generate(distribution=distribution)
    return distribution


def _count(client, django_assert_num_queries, distribution, queries, name="distribution-detail"):
    url = reverse(f"food_support_staff:{name}", args=[distribution.pk])
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("rows", [3, 30])
def test_roster_page_queries_do_not_grow_with_rows(coordinator, django_assert_num_queries, rows):
    distribution = _roster(rows)
    # One of them is the access log's single insert for every registration shown.
    response = _count(coordinator, django_assert_num_queries, distribution, 10)
    assert response.content.decode().count("data-entry") == rows


@pytest.mark.parametrize("rows", [3, 30])
def test_sign_off_sheet_queries_do_not_grow_with_rows(coordinator, django_assert_num_queries, rows):
    distribution = _roster(rows)
    # Two of them log the sheet: the registrations' ids, then one insert for them all.
    _count(coordinator, django_assert_num_queries, distribution, 9, name="roster-signoff")


@pytest.mark.parametrize("rows", [3, 30])
def test_distribution_list_queries_do_not_grow(coordinator, django_assert_num_queries, rows):
    for i in range(rows):
        distribution = DistributionFactory(date=datetime.date(2024 + i // 12, i % 12 + 1, 10))
        FoodRegistrationFactory(pickup_place=distribution.place, registered_on=datetime.date(2024, 1, 1))
        services.roster_generate(distribution=distribution)
    with django_assert_num_queries(8):
        response = coordinator.get(reverse("food_support_staff:distribution-list"))
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [3, 30])
def test_review_list_queries_do_not_grow(coordinator, django_assert_num_queries, rows):
    FoodRegistrationFactory.create_batch(rows, registered_on=datetime.date(2025, 11, 1))
    with django_assert_num_queries(6):
        response = coordinator.get(reverse("food_support_staff:review-list"))
    assert response.status_code == 200


def _long_roster(n):
    distribution = DistributionFactory(date=datetime.date(2026, 12, 12))
    readings = [
        "アオキ",
        "カトウ",
        "サトウ",
        "タナカ",
        "ナカノ",
        "ハヤシ",
        "マツダ",
        "ヤマダ",
        "ワダ",
        "Smith",
    ]
    for i in range(n):
        FoodRegistrationFactory(
            pickup_place=distribution.place,
            registered_on=datetime.date(2026, 1, 1),
            person=PersonFactory(family_name=f"利用者{i}", family_name_kana=readings[i % len(readings)]),
        )
    services.roster_generate(distribution=distribution)
    return distribution


def test_a_long_roster_is_shown_a_kana_row_at_a_time(coordinator):
    distribution = _long_roster(selectors.ROSTER_PAGE_ROWS + 10)
    url = reverse("food_support_staff:distribution-detail", args=[distribution.pk])
    response = coordinator.get(url + "?group=ka")
    html = response.content.decode()
    # Every tenth household reads カトウ: only they are on the か page.
    assert html.count("data-entry") == len(range(1, selectors.ROSTER_PAGE_ROWS + 10, 10))
    assert f'<strong id="count-total">{selectors.ROSTER_PAGE_ROWS + 10}</strong>' in html
    assert 'aria-current="page" class="is-current">か' in html
    assert len(response.content) < 1024 * 1024
    # Ticking a row brings the coordinator back to that row's kana group.
    entry = distribution.roster_entries.filter(registration__person__family_name_kana="タナカ").first()
    response = coordinator.post(reverse("food_support_staff:pickup-record", args=[entry.pk]))
    assert response["Location"].endswith(f"?group=ta#entry-{entry.pk}")


@pytest.mark.parametrize("rows", [200, 400])
def test_a_long_roster_costs_the_same_queries_at_any_length(coordinator, django_assert_num_queries, rows):
    distribution = _long_roster(rows)
    # The same as a short roster's page, and one more: the counts per kana row.
    with django_assert_num_queries(10):
        response = coordinator.get(reverse("food_support_staff:distribution-detail", args=[distribution.pk]))
    assert response.status_code == 200
