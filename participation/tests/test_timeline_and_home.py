"""The person's timeline and the staff home: what participation support adds to each."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from participation import selectors, services
from participation.models import Enquiry

from .factories import ActivityFactory, EnquiryFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

TOKYO = datetime.timezone(datetime.timedelta(hours=9))


def test_the_timeline_shows_offers_stages_days_referrals_and_interest(coordinator):
    participant = ParticipantFactory()
    activity = ActivityFactory(title="花壇の手入れ")
    services.offer_record(participant=participant, activity=activity, on=datetime.date(2026, 11, 1))
    placement = services.placement_arrange_visit(
        participant=participant, activity=activity, visit_date=datetime.date(2026, 11, 5)
    )
    services.placement_start_trial(placement=placement, on=datetime.date(2026, 11, 12))
    services.placement_log_add(
        placement=placement,
        date=datetime.date(2026, 11, 12),
        attended=True,
        hours=2,
        their_words="土の匂いがよかった",
    )
    services.placement_end(placement=placement, reason="moved_on", on=datetime.date(2026, 11, 30))
    services.work_referral_create(
        participant=participant,
        kind="work_support",
        organisation="ハローワーク府中",
        referred_on=datetime.date(2026, 11, 30),
    )
    enquiry = EnquiryFactory(activity=activity)
    services.enquiry_link(enquiry=enquiry, by=None, person=participant.person)
    html = coordinator.get(reverse("staff-person-timeline", args=[participant.person.pk])).content.decode()
    for text in [
        "提案:花壇の手入れ",
        "見学:花壇の手入れ",
        "体験開始:花壇の手入れ",
        "花壇の手入れ:参加・2.0時間",
        "土の匂いがよかった",
        "終了:花壇の手入れ(就労・就労支援へ進んだ)",
        "就労支援:ハローワーク府中",
        "参加希望:花壇の手入れ",
    ]:
        assert text in html, text


@pytest.fixture
def today():
    with time_machine.travel(datetime.datetime(2026, 12, 4, 10, tzinfo=TOKYO), tick=False):
        yield datetime.date(2026, 12, 4)


def _tiles(client, today):
    return {t.title: t for t in selectors.staff_home_tiles(user=client.user, today=today)}


def test_tiles_count_what_needs_doing(coordinator, today):
    late = EnquiryFactory(submitted_at=timezone.now() - datetime.timedelta(days=5))
    EnquiryFactory()
    EnquiryFactory(status=Enquiry.Status.CLOSED, closed_reason="重複")
    visited = services.placement_arrange_visit(
        participant=ParticipantFactory(),
        activity=ActivityFactory(),
        visit_date=today - datetime.timedelta(days=2),
    )
    services.placement_arrange_visit(
        participant=ParticipantFactory(),
        activity=ActivityFactory(),
        visit_date=today + datetime.timedelta(days=3),
    )
    services.offer_record(
        participant=ParticipantFactory(), activity=ActivityFactory(), on=today - datetime.timedelta(days=8)
    )
    tiles = _tiles(coordinator, today)
    queue = tiles["返事が必要な参加希望"]
    assert queue.count == 2 and queue.urgent and "1件" in queue.note
    assert tiles["次の一歩が必要な参加"].count == 1
    assert tiles["7日以内の見学"].count == 1
    assert tiles["1週間返事のない提案"].count == 1
    # The offered person and the two visitors have something; nobody else was made.
    assert tiles["参加先がまだない支援中の方"].count == 1
    assert late.pk and visited.pk


def test_trials_past_four_weeks_and_quiet_placements_need_a_next_step(today):
    old_trial = services.placement_arrange_visit(
        participant=ParticipantFactory(),
        activity=ActivityFactory(),
        visit_date=today - datetime.timedelta(days=40),
    )
    services.placement_start_trial(placement=old_trial, on=today - datetime.timedelta(days=30))
    quiet = services.placement_arrange_visit(
        participant=ParticipantFactory(),
        activity=ActivityFactory(),
        visit_date=today - datetime.timedelta(days=100),
    )
    services.placement_start_trial(placement=quiet, on=today - datetime.timedelta(days=90))
    services.placement_continue(placement=quiet, on=today - datetime.timedelta(days=80))
    lively = services.placement_arrange_visit(
        participant=ParticipantFactory(),
        activity=ActivityFactory(),
        visit_date=today - datetime.timedelta(days=100),
    )
    services.placement_start_trial(placement=lively, on=today - datetime.timedelta(days=90))
    services.placement_continue(placement=lively, on=today - datetime.timedelta(days=80))
    services.placement_log_add(placement=lively, date=today - datetime.timedelta(days=10), attended=True)
    from participation.models import Placement

    due = set(Placement.objects.needing_next_step(today=today))
    assert due == {old_trial, quiet}


@pytest.mark.parametrize("role", ["coordinator", "manager", "caseworker"])
def test_every_tile_opens_its_filtered_list(request, role, today):
    client = request.getfixturevalue(role)
    tiles = selectors.staff_home_tiles(user=client.user, today=today)
    assert len(tiles) == 5
    for tile in tiles:
        response = client.get(tile.url)
        assert response.status_code == 200, tile.url


def test_the_staff_home_lists_participation_pages(coordinator):
    html = coordinator.get(reverse("staff-home")).content.decode()
    for name in [
        "participation_staff:enquiry-list",
        "participation_staff:profile-list",
        "participation_staff:activity-list",
    ]:
        assert reverse(name) in html
    assert "返事が必要な参加希望" in html


def test_staff_without_participation_see_no_tiles(staff_without_role, today):
    assert selectors.staff_home_tiles(user=staff_without_role.user, today=today) == []


@pytest.mark.parametrize("rows", [2, 20])
def test_tiles_cost_the_same_queries_however_much_there_is(
    coordinator, django_assert_num_queries, today, rows
):
    for _ in range(rows):
        EnquiryFactory()
        services.placement_arrange_visit(
            participant=ParticipantFactory(),
            activity=ActivityFactory(),
            visit_date=today - datetime.timedelta(days=2),
        )
    # the user's permissions (2), messages, placements due, visits soon, offers waiting, profiles with none
    with django_assert_num_queries(7):
        tiles = selectors.staff_home_tiles(user=coordinator.user, today=today)
    assert tiles[0].count == rows
