"""Ticking pick-ups on the roster page, no-shows and the monthly figures."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from food_support import services
from food_support.models import RosterEntry
from food_support.selectors import monthly_figures

from .factories import DistributionFactory, FoodRegistrationFactory

pytestmark = pytest.mark.django_db

DEC_20 = datetime.datetime(2026, 12, 20, 1, tzinfo=datetime.UTC)


@pytest.fixture
def distribution():
    distribution = DistributionFactory(date=datetime.date(2026, 12, 12))
    FoodRegistrationFactory(pickup_place=distribution.place, adults=2, children=2)
    FoodRegistrationFactory(pickup_place=distribution.place, adults=1, children=0)
    FoodRegistrationFactory(pickup_place=distribution.place, adults=1, children=1)
    services.roster_generate(distribution=distribution)
    return distribution


def test_coordinator_ticks_in_person_and_by_proxy(coordinator, distribution):
    first, second, _third = RosterEntry.objects.order_by("pk")
    response = coordinator.post(reverse("food_support_staff:pickup-record", args=[first.pk]))
    assert response.status_code == 302
    assert response["Location"].endswith(f"#entry-{first.pk}")
    coordinator.post(
        reverse("food_support_staff:pickup-record", args=[second.pk]),
        {"by_proxy": "on", "proxy_name": "田中 姉"},
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.picked_up and not first.by_proxy and first.checked_by == coordinator.user
    assert first.picked_up_at is not None
    assert second.picked_up and second.by_proxy and second.proxy_name == "田中 姉"

    page = coordinator.get(reverse("food_support_staff:distribution-detail", args=[distribution.pk]))
    html = page.content.decode()

    def row(entry):
        return re.search(rf'<tr id="entry-{entry.pk}"(.*?)</tr>', html, re.S).group(0)

    first_row, second_row, third_row = row(first), row(second), row(_third)
    assert 'class="is-picked"' in first_row and "代理" not in first_row
    assert 'class="is-picked"' in second_row and "代理受け取り: 田中 姉" in second_row
    assert 'class="is-picked"' not in third_row and "田中 姉" not in third_row


def test_proxy_without_a_name_is_refused(coordinator, distribution):
    entry = RosterEntry.objects.first()
    response = coordinator.post(
        reverse("food_support_staff:pickup-record", args=[entry.pk]),
        {"by_proxy": "on", "proxy_name": ""},
        follow=True,
    )
    assert "受け取った方のお名前を記入してください。" in response.content.decode()
    entry.refresh_from_db()
    assert not entry.picked_up


def test_undo_clears_the_tick(coordinator, distribution):
    entry = RosterEntry.objects.first()
    services.pickup_record(entry=entry, user=coordinator.user)
    coordinator.post(reverse("food_support_staff:pickup-undo", args=[entry.pk]))
    entry.refresh_from_db()
    assert not entry.picked_up and entry.picked_up_at is None


def test_ticks_need_post(coordinator, distribution):
    entry = RosterEntry.objects.first()
    assert coordinator.get(reverse("food_support_staff:pickup-record", args=[entry.pk])).status_code == 405


def test_no_shows_stay_on_the_roster_and_count_in_the_figures(coordinator, distribution):
    big, single, _pair = RosterEntry.objects.order_by("pk")
    services.pickup_record(entry=big, user=coordinator.user)
    services.pickup_record(entry=single, user=coordinator.user, by_proxy=True, proxy_name="代理 人")
    # Generating again later does not drop the one who did not come.
    services.roster_generate(distribution=distribution)
    assert RosterEntry.objects.filter(distribution=distribution).count() == 3

    # The week after the distribution: the one who did not come is a no-show.
    with time_machine.travel(DEC_20):
        figures = monthly_figures(month=datetime.date(2026, 12, 1))
        assert figures.distributions == 1
        assert figures.households == 2
        assert figures.people == 5
        assert figures.children == 2
        assert figures.no_shows == 1
        assert monthly_figures(month=datetime.date(2026, 11, 1)).households == 0

        coordinator.force_login(coordinator.user)  # a session lasts hours, not weeks
        page = coordinator.get(reverse("food_support_staff:figures"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "来なかった世帯" in html
    december = re.search(r'<th scope="row">2026年12月</th>(.*?)</tr>', html).group(1)
    assert re.findall(r"<td>(\d+)</td>", december) == ["1", "2", "5", "2", "1"]


def test_rows_of_a_distribution_not_yet_held_are_not_no_shows(coordinator, distribution):
    entry = RosterEntry.objects.first()
    services.pickup_record(entry=entry, user=coordinator.user)
    december = datetime.date(2026, 12, 1)
    with time_machine.travel(datetime.datetime(2026, 12, 1, 1, tzinfo=datetime.UTC)):
        assert monthly_figures(month=december).no_shows == 0
    with time_machine.travel(datetime.datetime(2026, 12, 12, 5, tzinfo=datetime.UTC)):  # the day itself
        assert monthly_figures(month=december).no_shows == 0
    with time_machine.travel(datetime.datetime(2026, 12, 13, 1, tzinfo=datetime.UTC)):
        figures = monthly_figures(month=december)
    assert (figures.households, figures.no_shows) == (1, 2)


def test_distribution_list_is_newest_first_with_counts(coordinator, distribution):
    older = DistributionFactory(date=datetime.date(2026, 11, 14))
    entry = RosterEntry.objects.first()
    services.pickup_record(entry=entry, user=coordinator.user)
    page = coordinator.get(reverse("food_support_staff:distribution-list"))
    listed = list(page.context["distributions"])
    assert listed == [distribution, older]
    assert (listed[0].entry_count, listed[0].picked_up_count) == (3, 1)


def test_enter_in_the_proxy_box_still_records_the_proxy(coordinator, distribution):
    """Enter submits the form with its first button, which sends no by_proxy."""
    entry = RosterEntry.objects.first()
    coordinator.post(
        reverse("food_support_staff:pickup-record", args=[entry.pk]), {"proxy_name": "佐藤 叔母"}
    )
    entry.refresh_from_db()
    assert entry.picked_up and entry.by_proxy and entry.proxy_name == "佐藤 叔母"


def test_pickup_form_sets_by_proxy_when_a_name_is_written():
    from food_support.forms import PickupForm

    form = PickupForm({"proxy_name": "佐藤 叔母"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["by_proxy"] is True
    empty = PickupForm({})
    assert empty.is_valid() and empty.cleaned_data["by_proxy"] is False


def test_a_second_tick_does_not_overwrite_the_first(coordinator, manager, distribution):
    entry = RosterEntry.objects.first()
    first_time = datetime.datetime(2026, 12, 12, 1, 0, tzinfo=datetime.UTC)
    services.pickup_record(
        entry=entry, user=coordinator.user, by_proxy=True, proxy_name="田中 姉", when=first_time
    )
    with pytest.raises(services.AlreadyPickedUp):
        services.pickup_record(entry=entry, user=manager.user)
    # The second tablet's press is refused with a message, and the first tick stands.
    response = manager.post(reverse("food_support_staff:pickup-record", args=[entry.pk]), follow=True)
    assert "既に記録されています" in response.content.decode()
    entry.refresh_from_db()
    assert entry.picked_up_at == first_time
    assert entry.by_proxy and entry.proxy_name == "田中 姉"
    assert entry.checked_by == coordinator.user


def test_staff_action_forms_ignore_a_second_press(coordinator, distribution):
    detail = coordinator.get(reverse("food_support_staff:distribution-detail", args=[distribution.pk]))
    html = detail.content.decode()
    assert html.count('class="pickup-form" data-submit-once') == 3
    generate_url = reverse("food_support_staff:roster-generate", args=[distribution.pk])
    assert f'action="{generate_url}" data-submit-once' in html
    listing = coordinator.get(reverse("food_support_staff:distribution-list")).content.decode()
    assert f'action="{reverse("food_support_staff:month-rollover")}" data-submit-once' in listing
    rollover = coordinator.get(reverse("food_support_staff:distribution-rollover")).content.decode()
    assert 'class="food-form" data-submit-once' in rollover
