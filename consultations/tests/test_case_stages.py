"""A case moves 受付 → アセスメント → プラン → 支援中 → 終結 only through the services, forward only;
reopening is its own step with a reason; every move is on the timeline."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from consultations import selectors, services
from consultations.models import Case, CaseStatusChange, MeetingCaseReview, SupportPlan

from .factories import (
    AssessmentFactory,
    CaseFactory,
    ConsentFactory,
    ContactLogFactory,
    MeetingFactory,
    SupportPlanFactory,
)

pytestmark = pytest.mark.django_db


def _plan_in_effect(case):
    plan = SupportPlanFactory(case=case, review_on=timezone.localdate() + datetime.timedelta(days=30))
    return services.support_plan_activate(plan=plan)


def test_the_stages_go_forward_one_by_one_each_needing_its_record(django_user_model):
    worker = django_user_model.objects.create_user("w")
    case = CaseFactory()
    services.case_advance(case=case, by=worker)
    assert case.status == Case.Status.ASSESSMENT
    with pytest.raises(services.StageRefused, match="アセスメントを記録"):
        services.case_advance(case=case, by=worker)
    AssessmentFactory(case=case)
    services.case_advance(case=case, by=worker)
    assert case.status == Case.Status.PLANNING
    with pytest.raises(services.StageRefused, match="支援プランを実施中"):
        services.case_advance(case=case, by=worker)
    _plan_in_effect(case)
    services.case_advance(case=case, by=worker)
    assert case.status == Case.Status.SUPPORT
    with pytest.raises(services.StageRefused, match="終結"):
        services.case_advance(case=case, by=worker)
    changes = list(CaseStatusChange.objects.filter(case=case).values_list("from_status", "to_status", "by"))
    assert changes == [
        ("intake", "assessment", worker.pk),
        ("assessment", "planning", worker.pk),
        ("planning", "support", worker.pk),
    ]
    case.refresh_from_db()
    assert case.status == Case.Status.SUPPORT


def test_a_closed_case_does_not_move_on_until_reopened_with_a_reason():
    case = CaseFactory()
    services.case_close(case=case, reason=Case.ClosingReason.MOVED)
    with pytest.raises(services.CaseAlreadyClosed):
        services.case_advance(case=case)
    with pytest.raises(services.CaseAlreadyClosed):
        services.case_close(case=case, reason=Case.ClosingReason.MOVED)
    with pytest.raises(services.StageRefused) as error:
        services.case_reopen(case=case, reason="  ")
    assert error.value.field == "reason"
    services.case_reopen(case=case, reason="転居先から再び相談があった")
    case.refresh_from_db()
    assert case.status == Case.Status.INTAKE and case.closed_on is None and case.closing_reason == ""
    with pytest.raises(services.CaseNotClosed):
        services.case_reopen(case=case, reason="もう一度")


def test_reopening_returns_to_the_stage_the_case_was_closed_from():
    case = CaseFactory()
    services.case_advance(case=case)
    services.case_close(case=case, reason=Case.ClosingReason.NO_CONTACT)
    services.case_reopen(case=case, reason="連絡が取れた")
    assert case.status == Case.Status.ASSESSMENT
    services.case_close(case=case, reason=Case.ClosingReason.RESOLVED)
    services.case_reopen(case=case, reason="再相談", status=Case.Status.INTAKE)
    assert case.status == Case.Status.INTAKE
    with pytest.raises(services.CaseNotClosed):
        services.case_reopen(case=case, reason="x", status=Case.Status.CLOSED)


def test_closing_warns_about_open_next_actions_a_plan_in_effect_and_meetings_ahead():
    case = CaseFactory()
    ContactLogFactory(case=case, next_action="電話する", next_action_due=timezone.localdate())
    plan = _plan_in_effect(case)
    ConsentFactory(person=case.person)
    meeting = MeetingFactory(held_at=timezone.now() + datetime.timedelta(days=7))
    services.meeting_case_review_add(meeting=meeting, case=case)
    with pytest.raises(services.CloseNeedsConfirmation) as error:
        services.case_close(case=case, reason=Case.ClosingReason.RESOLVED)
    text = " ".join(str(w) for w in error.value.warnings)
    assert "電話する" in text and "第1版" in text and "重層的支援会議" in text
    case.refresh_from_db()
    assert case.status == Case.Status.INTAKE
    services.case_close(case=case, reason=Case.ClosingReason.RESOLVED, confirmed=True)
    plan.refresh_from_db()
    assert plan.status == SupportPlan.Status.ENDED and plan.effective_until == timezone.localdate()
    assert not MeetingCaseReview.objects.filter(case=case).exists()


def test_closed_cases_leave_the_overdue_stalled_and_review_lists():
    with time_machine.travel(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)):
        case = CaseFactory(opened_on=datetime.date(2026, 3, 1))
        ContactLogFactory(
            case=case,
            contacted_at=datetime.datetime(2026, 3, 2, tzinfo=datetime.UTC),
            next_action="訪問",
            next_action_due=datetime.date(2026, 4, 1),
        )
        plan = SupportPlanFactory(
            case=case, review_on=datetime.date(2026, 5, 1), made_on=datetime.date(2026, 3, 1)
        )
        services.support_plan_activate(plan=plan, on=datetime.date(2026, 3, 1))
        assert list(Case.objects.overdue()) == [case]
        assert list(Case.objects.stalled()) == [case]
        assert list(SupportPlan.objects.review_due()) == [plan]
        services.case_close(case=case, reason=Case.ClosingReason.RESOLVED, confirmed=True)
        assert list(Case.objects.overdue()) == []
        assert list(Case.objects.stalled()) == []
        assert list(SupportPlan.objects.review_due()) == []


def test_stage_changes_closing_and_reopening_are_on_the_timeline():
    case = CaseFactory()
    services.case_advance(case=case)
    services.case_close(case=case, reason=Case.ClosingReason.RESOLVED, note="解決した")
    services.case_reopen(case=case, reason="再び相談")
    titles = [entry.title for entry in selectors.case_timeline(case)]
    assert any("受付 → アセスメント" in title for title in titles)
    assert any("終結 → アセスメント" in title for title in titles)
    assert any(entry.detail == "再び相談" for entry in selectors.case_timeline(case))


def test_the_stage_is_not_a_field_of_the_change_form(caseworker):
    case = CaseFactory(worker=caseworker.user, opened_on=datetime.date(2026, 11, 1))
    url = reverse("admin:consultations_case_change", args=[case.pk])
    html = caseworker.get(url).content.decode()
    assert 'name="status"' not in html and 'name="closing_reason"' not in html
    response = caseworker.post(
        url,
        {
            "person": case.person.pk,
            "channel": "phone",
            "status": "closed",
            "closing_reason": "resolved",
            "closed_on": "2026-11-20",
            "worker": caseworker.user.pk,
            "opened_on": "2026-11-01",
            "contact_logs-TOTAL_FORMS": "0",
            "contact_logs-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.INTAKE and case.closed_on is None


def test_stage_buttons_on_the_case_page(caseworker):
    case = CaseFactory(worker=caseworker.user)
    url = reverse("admin:consultations_case_change", args=[case.pk])
    html = caseworker.get(url).content.decode()
    assert (
        "「アセスメント」に進める" in html
        and reverse("admin:consultations_case_close", args=[case.pk]) in html
    )
    response = caseworker.post(reverse("admin:consultations_case_advance", args=[case.pk]), follow=True)
    assert "「アセスメント」になりました" in response.content.decode()
    response = caseworker.post(reverse("admin:consultations_case_advance", args=[case.pk]), follow=True)
    assert "アセスメントを記録してください" in response.content.decode()  # refused: a message, not a 500
    case.refresh_from_db()
    assert case.status == Case.Status.ASSESSMENT


def test_closing_and_reopening_pages(caseworker):
    case = CaseFactory(worker=caseworker.user, opened_on=datetime.date(2026, 11, 1))
    ContactLogFactory(case=case, next_action="書類を送る", next_action_due=datetime.date(2026, 11, 10))
    close_url = reverse("admin:consultations_case_close", args=[case.pk])
    html = caseworker.get(close_url).content.decode()
    assert "書類を送る" in html and 'name="confirm"' in html
    data = {"closing_reason": "resolved", "closed_on": "2026-10-01"}
    response = caseworker.post(close_url, data)
    assert "チェックを入れて" in response.content.decode()  # the warnings must be confirmed
    response = caseworker.post(close_url, {**data, "confirm": "on"})
    assert "終結日は開始日より前にはできません" in response.content.decode()  # next to the date, not a 500
    response = caseworker.post(close_url, {**data, "closed_on": "2026-11-20", "confirm": "on"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED and case.closed_on == datetime.date(2026, 11, 20)

    reopen_url = reverse("admin:consultations_case_reopen", args=[case.pk])
    response = caseworker.post(reopen_url, {"reason": "", "status": "intake"})
    assert "再開する理由を書いてください" in response.content.decode()
    response = caseworker.post(reopen_url, {"reason": "転居先から連絡", "status": "assessment"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.ASSESSMENT
    assert case.status_changes.last().reason == "転居先から連絡"


def test_coordinators_cannot_use_the_stage_pages(coordinator):
    case = CaseFactory()
    assert coordinator.post(reverse("admin:consultations_case_advance", args=[case.pk])).status_code == 403
    assert coordinator.get(reverse("admin:consultations_case_close", args=[case.pk])).status_code == 403
    case.refresh_from_db()
    assert case.status == Case.Status.INTAKE
