import datetime

import holidays
import pytest

from ibasho import services
from ibasho.models import Gathering

from .factories import VenueFactory

pytestmark = pytest.mark.django_db


def test_season_alternates_the_two_venues_monthly():
    plaza, library = VenueFactory(name="NSP"), VenueFactory(name="図書館")
    created = services.season_generate(
        venues=[plaza, library], year=2026, month=4, months=6, weekday=3, week=3, capacity=12
    )
    assert [g.date.month for g in created] == [4, 5, 6, 7, 8, 9]
    assert [g.venue for g in created] == [plaza, library] * 3
    assert all(g.date.weekday() == 3 for g in created)
    assert all(g.capacity == 12 and g.status == Gathering.Status.DRAFT for g in created)
    assert created[0].deadline.date() == created[0].date - datetime.timedelta(days=1)


def test_season_moves_a_gathering_off_a_japanese_public_holiday():
    # The 2nd Monday of January 2027 is 成人の日 (Coming of Age Day): it moves to the 3rd Monday.
    assert datetime.date(2027, 1, 11) in holidays.Japan(years=2027)
    dates = services.season_dates(year=2027, month=1, months=1, weekday=0, week=2)
    assert dates == [datetime.date(2027, 1, 18)]


def test_no_generated_date_is_a_holiday_over_two_years():
    jp = holidays.Japan(years=[2026, 2027, 2028])
    for weekday in range(7):
        for week in (1, 2, 3, 4):
            for day in services.season_dates(year=2026, month=1, months=24, weekday=weekday, week=week):
                assert day not in jp


def test_season_crosses_the_year_and_generating_twice_adds_nothing():
    venues = [VenueFactory(), VenueFactory()]
    first = services.season_generate(venues=venues, year=2026, month=11, months=4, weekday=5, week=2)
    assert [(g.date.year, g.date.month) for g in first] == [(2026, 11), (2026, 12), (2027, 1), (2027, 2)]
    again = services.season_generate(venues=venues, year=2026, month=11, months=4, weekday=5, week=2)
    assert again == []
    assert Gathering.objects.count() == 4
