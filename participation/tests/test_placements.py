"""見学 → 体験 → 継続 → 終了 only through the services; each step checks the stage it starts from."""

import datetime
import decimal

import pytest
import time_machine
from django.db import IntegrityError, transaction

from participation import services
from participation.models import Offer, Participant, Placement, PlacementLog, WorkReferral

from .factories import ActivityFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 4)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(
        datetime.datetime(2026, 12, 4, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=9))),
        tick=False,
    ):
        yield


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def visit():
    return services.placement_arrange_visit(
        participant=ParticipantFactory(), activity=ActivityFactory(), visit_date=days(-10)
    )


def test_a_placement_walks_every_stage_with_its_dates(visit):
    assert visit.stage == Placement.Stage.VISIT and visit.visit_date == days(-10)
    trial = services.placement_start_trial(placement=visit, on=days(-7))
    assert (trial.stage, trial.trial_start) == (Placement.Stage.TRIAL, days(-7))
    ongoing = services.placement_continue(placement=trial, on=days(-1))
    assert (ongoing.stage, ongoing.ongoing_start) == (Placement.Stage.ONGOING, days(-1))
    ended = services.placement_end(placement=ongoing, reason="moved_on", note="就労支援へ")
    ended.refresh_from_db()
    assert (ended.stage, ended.end_date, ended.end_reason, ended.end_note) == (
        Placement.Stage.ENDED,
        TODAY,
        "moved_on",
        "就労支援へ",
    )
    assert ended.participant.__class__.objects.get(pk=ended.participant_id).last_contacted_on == TODAY


@pytest.mark.parametrize(
    "path, move",
    [
        ([], "continue"),  # 見学 → 継続 skips the trial
        (["trial"], "trial"),  # 体験 again
        (["trial", "continue"], "trial"),  # 継続 → 体験 goes back
        (["end"], "trial"),  # 終了 is the end
        (["end"], "continue"),
        (["end"], "end"),
    ],
)
def test_steps_from_the_wrong_stage_are_refused(visit, path, move):
    steps = {
        "trial": lambda p: services.placement_start_trial(placement=p, on=days(-5)),
        "continue": lambda p: services.placement_continue(placement=p, on=days(-3)),
        "end": lambda p: services.placement_end(placement=p, reason="own_wish", on=days(-2)),
    }
    placement = visit
    for step in path:
        placement = steps[step](placement)
    stage_before = Placement.objects.get(pk=placement.pk).stage
    with pytest.raises(services.WrongStage) as refused:
        steps[move](placement)
    assert "「" in str(refused.value) or "“" in str(refused.value)
    assert Placement.objects.get(pk=placement.pk).stage == stage_before


def test_a_stale_object_cannot_skip_the_check(visit):
    stale = Placement.objects.get(pk=visit.pk)
    services.placement_end(placement=visit, reason="health")
    with pytest.raises(services.WrongStage):
        services.placement_start_trial(placement=stale)
    assert Placement.objects.get(pk=visit.pk).stage == Placement.Stage.ENDED


def test_a_trial_cannot_start_before_the_visit(visit):
    with pytest.raises(services.BadDate):
        services.placement_start_trial(placement=visit, on=days(-11))


def test_ending_needs_a_known_reason(visit):
    with pytest.raises(services.ParticipationError):
        services.placement_end(placement=visit, reason="")
    assert Placement.objects.get(pk=visit.pk).stage == Placement.Stage.VISIT


def test_a_trial_takes_a_place_and_a_full_activity_refuses_the_next():
    activity = ActivityFactory(places=1)
    first, second = (
        services.placement_arrange_visit(
            participant=ParticipantFactory(), activity=activity, visit_date=days(-3)
        )
        for _ in range(2)
    )
    services.placement_start_trial(placement=first)
    with pytest.raises(services.ActivityFull):
        services.placement_start_trial(placement=second)
    services.placement_end(placement=first, reason="own_wish")
    assert services.placement_start_trial(placement=second).stage == Placement.Stage.TRIAL


def test_one_open_placement_per_activity_in_service_and_database(visit):
    with pytest.raises(services.AlreadyPlaced):
        services.placement_arrange_visit(
            participant=visit.participant, activity=visit.activity, visit_date=TODAY
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Placement.objects.create(participant=visit.participant, activity=visit.activity, visit_date=TODAY)
    services.placement_end(placement=visit, reason="own_wish")
    again = services.placement_arrange_visit(
        participant=visit.participant, activity=visit.activity, visit_date=TODAY
    )
    assert again.pk != visit.pk


def test_a_visit_accepts_the_waiting_offer():
    participant, activity = ParticipantFactory(), ActivityFactory()
    offer = services.offer_record(participant=participant, activity=activity)
    placement = services.placement_arrange_visit(
        participant=participant, activity=activity, visit_date=days(3)
    )
    offer.refresh_from_db()
    assert placement.offer == offer
    assert (offer.response, offer.responded_on) == (Offer.Response.ACCEPTED, TODAY)


@pytest.mark.parametrize(
    "change, constraint",
    [
        ({"stage": "ended"}, "placement_ended_has_date_and_reason"),
        ({"stage": "ended", "end_date": TODAY}, "placement_ended_has_date_and_reason"),
        ({"end_reason": "health"}, "placement_ended_has_date_and_reason"),
        ({"stage": "trial"}, "placement_trial_has_start"),
        ({"stage": "ongoing", "trial_start": TODAY}, "placement_ongoing_has_start"),
        ({"trial_start": datetime.date(2026, 1, 1)}, "placement_dates_in_order"),
    ],
)
def test_the_database_refuses_stages_without_their_dates(visit, change, constraint):
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        Placement.objects.filter(pk=visit.pk).update(**change)
    assert constraint in str(refused.value) or "CHECK" in str(refused.value).upper()


# --- logs ------------------------------------------------------------------------------


def test_a_day_is_recorded_with_hours_and_their_words(visit):
    log = services.placement_log_add(
        placement=visit,
        date=days(-10),
        attended=True,
        hours=decimal.Decimal("1.5"),
        their_words="緊張したけど楽しかった",
    )
    assert PlacementLog.objects.get(pk=log.pk).hours == decimal.Decimal("1.5")
    assert Participant.objects.get(pk=visit.participant_id).last_contacted_on == TODAY  # the visit itself


@pytest.mark.parametrize(
    "date, attended, hours, error",
    [
        (days(-11), True, None, services.BadDate),  # before the visit
        (days(1), True, None, services.BadDate),  # has not happened yet
        (days(-5), False, decimal.Decimal("2"), services.ParticipationError),  # hours on a day absent
    ],
)
def test_impossible_days_are_refused(visit, date, attended, hours, error):
    with pytest.raises(error):
        services.placement_log_add(placement=visit, date=date, attended=attended, hours=hours)
    assert not PlacementLog.objects.exists()


def test_no_day_after_the_end(visit):
    services.placement_end(placement=visit, reason="own_wish", on=days(-5))
    services.placement_log_add(placement=visit, date=days(-6), attended=True)
    with pytest.raises(services.BadDate):
        services.placement_log_add(placement=visit, date=days(-4), attended=True)


def test_the_database_refuses_impossible_hours(visit):
    log = services.placement_log_add(placement=visit, date=days(-2), attended=True, hours=2)
    for hours in (decimal.Decimal("13"), decimal.Decimal("-1")):
        with pytest.raises(IntegrityError), transaction.atomic():
            PlacementLog.objects.filter(pk=log.pk).update(hours=hours)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlacementLog.objects.filter(pk=log.pk).update(attended=False)


# --- referrals -------------------------------------------------------------------------


def test_a_referral_towards_work_from_a_placement(visit):
    referral = services.work_referral_create(
        participant=visit.participant,
        placement=visit,
        kind="work_experience",
        organisation="就労体験の事業所",
    )
    assert referral.referred_on == TODAY and referral.status == WorkReferral.Status.REFERRED
    services.work_referral_set_status(referral=referral, status="started")
    referral.refresh_from_db()
    assert referral.status == WorkReferral.Status.STARTED


def test_a_referral_cannot_point_at_someone_elses_placement(visit):
    with pytest.raises(services.ParticipationError):
        services.work_referral_create(
            participant=ParticipantFactory(),
            placement=visit,
            kind="work_support",
            organisation="ハローワーク",
        )
    assert not WorkReferral.objects.exists()
