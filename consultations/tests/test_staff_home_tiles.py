"""The case worker's and coordinator's tiles on /staff/: known counts, and every link opens a list
filtered by filters that list shows (a hidden filter would answer 400)."""

import datetime

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from consultations import selectors, services
from consultations.models import Meeting, OutreachVisit

from .factories import (
    AssessmentFactory,
    CaseFactory,
    CommunityNeedFactory,
    ConcernReportFactory,
    ConsultationRequestFactory,
    ContactLogFactory,
    MeetingFactory,
    ReferralFactory,
)

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 18, 1, tzinfo=datetime.UTC)  # a Wednesday in Tokyo


@override_settings(STALLED_CASE_DAYS=30, ASSESSMENT_DUE_DAYS=180)
def test_case_worker_tiles_count_what_is_waiting_and_link_to_it(caseworker, other_caseworker):
    with time_machine.travel(NOW):
        today = timezone.localdate()
        me = caseworker.user
        ConsultationRequestFactory()
        ConcernReportFactory(urgency="urgent")
        ConcernReportFactory(urgency="soon")
        ConcernReportFactory(urgency="urgent", status="no_action")
        stalled = CaseFactory(worker=me, opened_on=today - datetime.timedelta(days=60))
        ContactLogFactory(case=stalled, contacted_at=NOW - datetime.timedelta(days=45))
        met_lately = CaseFactory(worker=me, opened_on=today - datetime.timedelta(days=60))
        OutreachVisit.objects.create(
            case=met_lately,
            visited_at=NOW - datetime.timedelta(days=3),
            location="自宅",
            visitors="相談員",
            outcome="met",
            next_visit_on=today + datetime.timedelta(days=2),
        )
        services.case_advance(case=met_lately)  # assessment stage, no assessment: due
        assessed = CaseFactory(worker=me)
        services.case_advance(case=assessed)
        AssessmentFactory(case=assessed, assessed_on=today - datetime.timedelta(days=10))
        overdue = CaseFactory(worker=me)
        ContactLogFactory(
            case=overdue, next_action="電話", next_action_due=today - datetime.timedelta(days=1)
        )
        theirs = CaseFactory(worker=other_caseworker.user, opened_on=today - datetime.timedelta(days=90))
        ContactLogFactory(case=theirs, next_action="訪問", next_action_due=today - datetime.timedelta(days=5))
        ReferralFactory(status="referred")
        MeetingFactory(kind=Meeting.Kind.MULTI_LAYERED, held_at=NOW + datetime.timedelta(days=6))
        tiles = {tile.title: tile for tile in selectors.staff_home_tiles(user=me, today=today)}
        counts = {title: tile.count for title, tile in tiles.items()}
        assert counts == {
            "未対応の急ぎのほっとけないシート": 1,
            "新しい相談申込み": 1,
            "新しいほっとけないシート": 2,
            "次の対応の期限を過ぎた担当ケース": 1,
            "30日以上連絡がない担当ケース": 1,
            "アセスメントの時期が来た担当ケース": 1,
            "今週の訪問予定": 1,
            "見直し時期の支援プラン": 0,
            "これからの会議": 1,
            "返事待ちのつなぎ": 1,
            "フォローの期日が来た地域課題": 0,
            "取り組み中の地域課題・アイデア": 0,
        }
        assert "2026年11月24日(火)の重層的支援会議" in tiles["これからの会議"].note
        for tile in tiles.values():
            response = caseworker.get(tile.url)
            assert response.status_code == 200, (tile.title, tile.url)
        html = caseworker.get(tiles["30日以上連絡がない担当ケース"].url).content.decode()
        assert stalled.reference in html and met_lately.reference not in html and theirs.reference not in html
        html = caseworker.get(tiles["アセスメントの時期が来た担当ケース"].url).content.decode()
        assert met_lately.reference in html and assessed.reference not in html


def test_community_tiles_for_a_coordinator(coordinator):
    today = timezone.localdate()
    CommunityNeedFactory(follow_up_on=today - datetime.timedelta(days=1))
    CommunityNeedFactory(follow_up_on=today + datetime.timedelta(days=10))
    CommunityNeedFactory(status="done", closed_on=today)
    tiles = selectors.staff_home_tiles(user=coordinator.user, today=today)
    assert [(t.title, t.count) for t in tiles] == [
        ("フォローの期日が来た地域課題", 1),
        ("取り組み中の地域課題・アイデア", 2),
    ]
    for tile in tiles:
        assert coordinator.get(tile.url).status_code == 200
    html = coordinator.get(reverse("staff-home")).content.decode()
    assert reverse("consultations_staff:area-list") in html  # the staff menu links the area pages
