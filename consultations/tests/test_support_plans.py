"""Versioned support plans that cannot be broken: only the newest draft is edited, activation and
revision keep exactly one plan in effect per case, and no admin path ends in a 500."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations import services
from consultations.models import PlanGoal, PlanRole, SupportPlan

from .factories import AgencyFactory, CaseFactory, SupportPlanFactory

pytestmark = pytest.mark.django_db

REVIEW = datetime.date(2027, 3, 1)


def _new(case, **fields):
    return services.support_plan_create(
        plan=SupportPlan(case=case, overall_goal="家賃の滞納を解消する", review_on=REVIEW, **fields), by=None
    )


def test_create_numbers_versions_and_refuses_a_second_draft_or_a_closed_case(django_user_model):
    worker = django_user_model.objects.create_user("w")
    case = CaseFactory()
    first = services.support_plan_create(
        plan=SupportPlan(case=case, overall_goal="住まいを守る", review_on=REVIEW),
        goals=[PlanGoal(goal="住居確保給付金を申請する")],
        roles=[PlanRole(who="自立相談支援機関", agency=AgencyFactory(), task="申請の支援")],
        by=worker,
    )
    assert (first.version, first.status, first.author) == (1, SupportPlan.Status.DRAFT, worker)
    assert first.goals.count() == 1 and first.roles.count() == 1
    with pytest.raises(services.PlanRefused, match="作成中"):
        _new(case)
    closed = CaseFactory()
    services.case_close(case=closed, reason="resolved")
    with pytest.raises(services.CaseAlreadyClosed):
        _new(closed)


def test_activate_keeps_exactly_one_plan_in_effect():
    case = CaseFactory()
    first = _new(case)
    services.support_plan_activate(plan=first, on=datetime.date(2026, 5, 1))
    second = services.support_plan_revise(plan=first, by=None)
    services.support_plan_activate(plan=second, on=datetime.date(2026, 8, 1))
    first.refresh_from_db()
    assert (first.status, first.effective_from, first.effective_until) == (
        SupportPlan.Status.SUPERSEDED,
        datetime.date(2026, 5, 1),
        datetime.date(2026, 8, 1),
    )
    assert (second.status, second.effective_from) == (SupportPlan.Status.ACTIVE, datetime.date(2026, 8, 1))
    assert SupportPlan.objects.filter(case=case, status="active").count() == 1
    with pytest.raises(services.PlanRefused, match="作成中ではありません"):
        services.support_plan_activate(plan=first)
    with pytest.raises(services.PlanRefused):
        services.support_plan_activate(plan=second)


def test_activation_needs_a_review_date_and_the_newest_version():
    case = CaseFactory()
    plan = SupportPlanFactory(case=case, review_on=None)
    with pytest.raises(services.PlanRefused) as error:
        services.support_plan_activate(plan=plan)
    assert error.value.field == "review_on"
    older_draft = SupportPlanFactory(case=CaseFactory(), version=1, review_on=REVIEW)
    SupportPlanFactory(case=older_draft.case, version=2, review_on=REVIEW)
    with pytest.raises(services.PlanRefused, match="最新の版"):
        services.support_plan_activate(plan=older_draft)


def test_revise_copies_goals_and_roles_from_the_newest_version_only():
    case = CaseFactory()
    first = _new(case)
    PlanGoal.objects.create(plan=first, goal="就労に向けて生活リズムを整える")
    PlanRole.objects.create(plan=first, who="ハローワーク", agency=AgencyFactory(), task="求人の紹介")
    with pytest.raises(services.PlanRefused, match="作成中"):
        services.support_plan_revise(plan=first, by=None)  # a draft is edited, not revised
    services.support_plan_activate(plan=first)
    second = services.support_plan_revise(plan=first, by=None)
    assert second.version == 2 and second.status == SupportPlan.Status.DRAFT
    assert [g.goal for g in second.goals.all()] == ["就労に向けて生活リズムを整える"]
    assert [(r.who, r.task) for r in second.roles.all()] == [("ハローワーク", "求人の紹介")]
    services.support_plan_activate(plan=second)
    with pytest.raises(services.PlanRefused, match="第2版"):
        services.support_plan_revise(plan=first, by=None)


def test_update_and_delete_only_the_newest_draft():
    case = CaseFactory()
    first = _new(case)
    first.overall_goal = "書き直した目標"
    services.support_plan_update(plan=first, by=None)
    services.support_plan_activate(plan=first)
    first.overall_goal = "実施中に書き換え"
    with pytest.raises(services.PlanRefused, match="改訂版"):
        services.support_plan_update(plan=first, by=None)
    first.refresh_from_db()
    assert first.overall_goal == "書き直した目標"
    with pytest.raises(services.PlanRefused):
        services.support_plan_delete(plan=first)
    draft = services.support_plan_revise(plan=first, by=None)
    draft.case = CaseFactory()
    with pytest.raises(services.PlanRefused, match="別のケース"):
        services.support_plan_update(plan=draft, by=None)
    services.support_plan_delete(plan=SupportPlan.objects.get(pk=draft.pk))
    assert list(SupportPlan.objects.filter(case=case).values_list("version", flat=True)) == [1]


def _plan_post(case_pk, **extra):
    return {
        "case": case_pk,
        "made_on": "2026-11-20",
        "review_on": "2027-02-20",
        "overall_goal": "就労に向けて生活リズムを整える",
        "goals-TOTAL_FORMS": "1",
        "goals-INITIAL_FORMS": "0",
        "goals-0-order": "1",
        "goals-0-term": "short",
        "goals-0-goal": "週1回スペース栞に参加する",
        "goals-0-progress": "not_started",
        "roles-TOTAL_FORMS": "0",
        "roles-INITIAL_FORMS": "0",
        **extra,
    }


def test_plan_added_from_the_case_page_returns_to_the_case(caseworker):
    case = CaseFactory()
    url = reverse("admin:consultations_supportplan_add") + f"?case={case.pk}"
    html = caseworker.get(url).content.decode()
    assert f'type="hidden" name="case" value="{case.pk}"' in html and case.reference in html
    response = caseworker.post(url, _plan_post(case.pk))
    assert response["Location"] == reverse("admin:consultations_case_change", args=[case.pk])
    plan = SupportPlan.objects.get(case=case)
    assert (plan.version, plan.author) == (1, caseworker.user)
    assert plan.goals.get().goal == "週1回スペース栞に参加する"
    response = caseworker.post(url, _plan_post(case.pk))
    assert response.status_code == 200 and "作成中のプラン(第1版)があります" in response.content.decode()


def test_the_three_admin_paths_that_ended_in_a_500(caseworker):
    """Changing a plan's case, moving the plan in effect, reverting an old version."""
    other = CaseFactory()
    SupportPlanFactory(case=other, version=1)
    case = CaseFactory()
    draft = _new(case)
    change = reverse("admin:consultations_supportplan_change", args=[draft.pk])
    response = caseworker.post(change, _plan_post(other.pk, **{"overall_goal": "目標を直した"}))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.case == case and draft.overall_goal == "目標を直した"  # the case field is not editable

    services.support_plan_activate(plan=draft)
    response = caseworker.post(change, _plan_post(other.pk))
    assert response.status_code == 403  # a plan in effect is read only
    draft.refresh_from_db()
    assert draft.case == case and draft.status == SupportPlan.Status.ACTIVE

    version = draft.history.earliest()
    history = reverse("admin:consultations_supportplan_simple_history", args=[draft.pk, version.history_id])
    assert caseworker.post(history, _plan_post(case.pk)).status_code == 403
    draft.refresh_from_db()
    assert draft.status == SupportPlan.Status.ACTIVE


def test_old_versions_are_read_only_and_two_versions_cannot_go_into_effect_together(caseworker):
    case = CaseFactory()
    first = _new(case)
    services.support_plan_activate(plan=first)
    second = services.support_plan_revise(plan=first, by=caseworker.user)
    html = caseworker.get(reverse("admin:consultations_supportplan_change", args=[first.pk])).content.decode()
    assert 'name="overall_goal"' not in html and "作成中の第2版を開く" in html
    html = caseworker.get(
        reverse("admin:consultations_supportplan_change", args=[second.pk])
    ).content.decode()
    assert 'name="overall_goal"' in html and "この版を実施する" in html
    response = caseworker.post(
        reverse("admin:consultations_supportplan_changelist"),
        {"action": "activate", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )
    assert "1ケースにつき1つの版だけ" in response.content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (SupportPlan.Status.ACTIVE, SupportPlan.Status.DRAFT)
    response = caseworker.post(
        reverse("admin:consultations_supportplan_activate", args=[second.pk]), follow=True
    )
    assert "第2版 を実施中にしました" in response.content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (SupportPlan.Status.SUPERSEDED, SupportPlan.Status.ACTIVE)


def test_plan_review_dates_feed_the_review_due_list():
    today = timezone.localdate()
    due = SupportPlanFactory(case=CaseFactory(), review_on=today + datetime.timedelta(days=3))
    services.support_plan_activate(plan=due)
    later = SupportPlanFactory(case=CaseFactory(), review_on=today + datetime.timedelta(days=30))
    services.support_plan_activate(plan=later)
    assert list(SupportPlan.objects.review_due()) == [due]
