"""Versioned support plans, the consent rule for each kind of meeting, outreach visits."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from consultations import services
from consultations.models import Meeting, MeetingCaseReview, OutreachVisit, PlanGoal, PlanRole, SupportPlan

from .factories import AgencyFactory, CaseFactory, ConcernReportFactory, MeetingFactory, SupportPlanFactory

pytestmark = pytest.mark.django_db


def test_plans_are_numbered_per_case_and_revisions_keep_goals_and_roles(django_user_model):
    worker = django_user_model.objects.create_user("w")
    case = CaseFactory()
    first = services.support_plan_create(case=case, author=worker, overall_goal="家賃の滞納を解消する")
    PlanGoal.objects.create(plan=first, goal="住居確保給付金を申請する")
    PlanRole.objects.create(plan=first, who="自立相談支援機関", agency=AgencyFactory(), task="申請の支援")
    other_case_plan = services.support_plan_create(case=CaseFactory(), author=worker, overall_goal="x")
    second = services.support_plan_revise(plan=first, author=worker)

    assert (first.version, second.version, other_case_plan.version) == (1, 2, 1)
    assert second.status == SupportPlan.Status.DRAFT
    assert [g.goal for g in second.goals.all()] == ["住居確保給付金を申請する"]
    assert [(r.who, r.task) for r in second.roles.all()] == [("自立相談支援機関", "申請の支援")]
    assert first.goals.count() == 1  # the old version is kept as it was


def test_activating_a_plan_supersedes_the_one_in_effect():
    case = CaseFactory()
    first = SupportPlanFactory(case=case, version=1)
    second = SupportPlanFactory(case=case, version=2)
    services.support_plan_activate(plan=first)
    services.support_plan_activate(plan=second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == SupportPlan.Status.SUPERSEDED
    assert second.status == SupportPlan.Status.ACTIVE


def test_one_plan_in_effect_and_one_row_per_version_in_the_database():
    case = CaseFactory()
    SupportPlanFactory(case=case, version=1, status=SupportPlan.Status.ACTIVE)
    with pytest.raises(IntegrityError), transaction.atomic():
        SupportPlanFactory(case=case, version=2, status=SupportPlan.Status.ACTIVE)
    with pytest.raises(IntegrityError), transaction.atomic():
        SupportPlanFactory(case=case, version=1)


def test_multi_layered_meeting_needs_consent_but_a_support_meeting_does_not():
    case = CaseFactory()
    multi = MeetingFactory(kind=Meeting.Kind.MULTI_LAYERED)
    support = MeetingFactory(kind=Meeting.Kind.SUPPORT)
    with pytest.raises(services.ConsentRequired):
        services.meeting_case_review_add(meeting=multi, case=case, consent_obtained=False)
    assert services.meeting_case_review_add(meeting=multi, case=case, consent_obtained=True).pk
    assert services.meeting_case_review_add(meeting=support, case=case, consent_obtained=False).pk
    review = MeetingCaseReview(meeting=multi, case=CaseFactory(), consent_obtained=False)
    with pytest.raises(ValidationError) as error:
        review.full_clean()
    assert "本人の同意" in " ".join(error.value.message_dict["consent_obtained"])


def test_a_case_is_reviewed_once_per_meeting():
    meeting = MeetingFactory(kind=Meeting.Kind.SUPPORT)
    case = CaseFactory()
    services.meeting_case_review_add(meeting=meeting, case=case, consent_obtained=False)
    with pytest.raises(ValidationError):
        services.meeting_case_review_add(meeting=meeting, case=case, consent_obtained=False)


def _meeting_post(kind, case, consent):
    data = {
        "kind": kind,
        "held_at_0": "2026-11-20",
        "held_at_1": "14:00",
        "attendees": "包括、自立相談",
        "reviews-TOTAL_FORMS": "1",
        "reviews-INITIAL_FORMS": "0",
        "reviews-0-case": case.pk,
        "reviews-0-discussion": "役割分担を確認",
    }
    if consent:
        data["reviews-0-consent_obtained"] = "on"
    return data


def test_meeting_admin_applies_the_consent_rule_to_a_new_meeting(caseworker):
    case = CaseFactory()
    url = reverse("admin:consultations_meeting_add")
    response = caseworker.post(url, _meeting_post("multi_layered", case, consent=False))
    assert response.status_code == 200
    assert "本人の同意" in response.content.decode()
    assert Meeting.objects.count() == 0
    response = caseworker.post(url, _meeting_post("support", case, consent=False))
    assert response.status_code == 302
    assert MeetingCaseReview.objects.get().case == case


def test_plan_admin_add_numbers_the_version_and_revise_action(caseworker):
    case = CaseFactory()
    SupportPlanFactory(case=case, version=1)
    response = caseworker.post(
        reverse("admin:consultations_supportplan_add"),
        {
            "case": case.pk,
            "made_on": "2026-11-20",
            "overall_goal": "就労に向けて生活リズムを整える",
            "goals-TOTAL_FORMS": "1",
            "goals-INITIAL_FORMS": "0",
            "goals-0-order": "1",
            "goals-0-term": "short",
            "goals-0-goal": "週1回スペース栞に参加する",
            "goals-0-progress": "not_started",
            "roles-TOTAL_FORMS": "0",
            "roles-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    plan = SupportPlan.objects.get(case=case, version=2)
    assert plan.author == caseworker.user
    response = caseworker.post(
        reverse("admin:consultations_supportplan_changelist"),
        {"action": "revise", "_selected_action": [plan.pk]},
    )
    revised = SupportPlan.objects.get(case=case, version=3)
    assert response["Location"] == reverse("admin:consultations_supportplan_change", args=[revised.pk])
    assert revised.goals.get().goal == "週1回スペース栞に参加する"
    caseworker.post(
        reverse("admin:consultations_supportplan_changelist"),
        {"action": "activate", "_selected_action": [revised.pk]},
    )
    revised.refresh_from_db()
    assert revised.status == SupportPlan.Status.ACTIVE


def test_outreach_visit_is_about_a_case_or_a_concern_report():
    with pytest.raises(ValidationError):
        OutreachVisit(location="関戸", visitors="相談員", outcome="not_home").full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        OutreachVisit.objects.create(location="関戸", visitors="相談員", outcome="not_home")
    visit = OutreachVisit(
        location="関戸",
        visitors="相談員、民生委員",
        outcome="left_note",
        concern_report=ConcernReportFactory(),
    )
    visit.full_clean()
    visit.save()
    case = CaseFactory()
    OutreachVisit.objects.create(
        case=case,
        location="自宅",
        visitors="相談員",
        outcome="met",
        visited_at=datetime.datetime(2026, 7, 1, tzinfo=datetime.UTC),
    )
    from consultations.selectors import case_timeline

    assert any("訪問" in e.title for e in case_timeline(case))
