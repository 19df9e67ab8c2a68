"""Referrals move 予定 → つないだ → 受け入れ/見送り → 完了 by service; outreach visits show days
since someone was last met; assessments rate each life area so the next one shows what changed;
each is added from the case page."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from consultations import selectors, services
from consultations.models import Assessment, Case, OutreachVisit, Referral

from .factories import (
    AgencyFactory,
    AssessmentFactory,
    CaseFactory,
    ConcernReportFactory,
    ContactLogFactory,
    ReferralFactory,
)

pytestmark = pytest.mark.django_db


def test_referral_statuses_move_only_forward_and_answers_get_a_date():
    referral = ReferralFactory(referred_on=datetime.date(2026, 11, 1))
    with pytest.raises(services.ReferralRefused, match="「予定」のつなぎを「受け入れ」にはできません"):
        services.referral_status_set(referral=referral, status=Referral.Status.ACCEPTED)
    services.referral_status_set(
        referral=referral, status=Referral.Status.REFERRED, on=datetime.date(2026, 11, 5)
    )
    referral = services.referral_status_set(
        referral=referral, status=Referral.Status.DECLINED, on=datetime.date(2026, 11, 9)
    )
    assert (referral.referred_on, referral.answered_on) == (
        datetime.date(2026, 11, 5),
        datetime.date(2026, 11, 9),
    )
    with pytest.raises(services.ReferralRefused):
        services.referral_status_set(referral=referral, status=Referral.Status.COMPLETED)
    other = ReferralFactory(status=Referral.Status.REFERRED, referred_on=datetime.date(2026, 11, 10))
    with pytest.raises(ValidationError):
        services.referral_status_set(
            referral=other, status=Referral.Status.ACCEPTED, on=datetime.date(2026, 11, 1)
        )
    services.referral_status_set(
        referral=other, status=Referral.Status.ACCEPTED, on=datetime.date(2026, 11, 12)
    )
    services.referral_status_set(referral=other, status=Referral.Status.COMPLETED)
    other.refresh_from_db()
    assert (other.status, other.answered_on) == (Referral.Status.COMPLETED, datetime.date(2026, 11, 12))


def test_the_status_is_not_a_field_and_the_buttons_move_it(caseworker):
    case = CaseFactory()
    url = reverse("admin:consultations_referral_add") + f"?case={case.pk}"
    response = caseworker.post(
        url,
        {
            "case": case.pk,
            "agency": AgencyFactory().pk,
            "reason": "介護保険の申請",
            "status": "completed",
            "referred_on": "2026-11-20",
        },
    )
    assert response.status_code == 200 and not Referral.objects.exists()  # not a choice when adding
    response = caseworker.post(
        url,
        {
            "case": case.pk,
            "agency": AgencyFactory().pk,
            "reason": "介護保険の申請",
            "status": "referred",
            "referred_on": "2026-11-20",
        },
    )
    assert response["Location"] == reverse("admin:consultations_case_change", args=[case.pk])
    referral = Referral.objects.get()
    change = reverse("admin:consultations_referral_change", args=[referral.pk])
    html = caseworker.get(change).content.decode()
    assert 'name="status"' not in html and "「受け入れ」にする" in html
    response = caseworker.post(
        reverse("admin:consultations_referral_status", args=[referral.pk, "completed"]), follow=True
    )
    assert "「つないだ」のつなぎを「完了」にはできません" in response.content.decode()
    caseworker.post(reverse("admin:consultations_referral_status", args=[referral.pk, "accepted"]))
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED and referral.answered_on == timezone.localdate()


def test_outreach_shows_days_since_someone_was_last_met_and_the_next_visit(caseworker):
    with time_machine.travel(datetime.datetime(2026, 11, 20, 3, tzinfo=datetime.UTC)):
        case = CaseFactory(worker=caseworker.user, opened_on=datetime.date(2026, 8, 1))
        for days, outcome, next_visit in [(40, "met", None), (10, "not_home", datetime.date(2026, 11, 25))]:
            services.outreach_visit_save(
                visit=OutreachVisit(
                    case=case,
                    visited_at=timezone.now() - datetime.timedelta(days=days),
                    location="自宅",
                    visitors="相談員",
                    outcome=outcome,
                    next_visit_on=next_visit,
                )
            )
        annotated = Case.objects.with_last_contact().with_next_visit().get()
        assert timezone.localtime(annotated.last_contact_at).date() == datetime.date(2026, 10, 11)
        assert annotated.next_visit_on == datetime.date(2026, 11, 25)
        assert list(Case.objects.stalled()) == [case]  # a visit nobody answered is not a contact
        html = caseworker.get(reverse("admin:consultations_outreachvisit_changelist")).content.decode()
        assert "40日" in html
        html = caseworker.get(
            reverse("admin:consultations_case_changelist") + "?outreach=yes"
        ).content.decode()
        assert "40日前" in html and "連絡が途絶えています" in html and "2026年11月25日(水)" in html
        ContactLogFactory(case=case, contacted_at=timezone.now())
        assert list(Case.objects.stalled()) == []


def test_a_visit_is_about_an_open_case_or_a_concern_report():
    closed = CaseFactory()
    services.case_close(case=closed, reason="resolved")
    with pytest.raises(services.CaseAlreadyClosed):
        services.outreach_visit_save(
            visit=OutreachVisit(case=closed, location="自宅", visitors="相談員", outcome="met")
        )
    with pytest.raises(services.ConsultationError):
        services.outreach_visit_save(visit=OutreachVisit(location="自宅", visitors="相談員", outcome="met"))
    visit = services.outreach_visit_save(
        visit=OutreachVisit(
            concern_report=ConcernReportFactory(), location="団地", visitors="相談員", outcome="left_note"
        )
    )
    assert visit.pk


def test_the_next_assessment_shows_what_changed(caseworker):
    case = CaseFactory(worker=caseworker.user)
    AssessmentFactory(
        case=case, assessed_on=datetime.date(2026, 5, 1), work_rating=1, health_rating=3, family_rating=2
    )
    url = reverse("admin:consultations_assessment_add") + f"?case={case.pk}"
    html = caseworker.get(url).content.decode()
    assert "2026年5月1日(金)のアセスメントとの比較" in html
    data = {
        "case": case.pk,
        "assessed_on": "2026-11-01",
        "work_rating": "2",
        "health_rating": "3",
        "family_rating": "1",
        "summary": "就労に向けて一歩進んだ。",
    }
    response = caseworker.post(url, data)
    assert response["Location"] == reverse("admin:consultations_case_change", args=[case.pk])
    latest = Assessment.objects.order_by("-assessed_on").first()
    assert latest.assessor == caseworker.user
    changes = {
        c.label: c.direction
        for c in selectors.assessment_changes(latest, selectors.assessment_previous(latest))
    }
    assert (changes["仕事・就労"], changes["健康"], changes["家族・介護"]) == ("better", "same", "worse")
    html = caseworker.get(reverse("admin:consultations_case_change", args=[case.pk])).content.decode()
    assert "仕事・就労: 2" in html and "良くなった" in html and "悪くなった" in html
    response = caseworker.post(url, {**data, "work_rating": "9"})
    assert response.status_code == 200 and Assessment.objects.count() == 2


def test_the_case_page_links_to_adding_each_record_for_that_case(caseworker):
    case = CaseFactory(worker=caseworker.user)
    html = caseworker.get(reverse("admin:consultations_case_change", args=[case.pk])).content.decode()
    for name in ["assessment", "supportplan", "referral", "meetingcasereview", "outreachvisit"]:
        assert f"{reverse(f'admin:consultations_{name}_add')}?case={case.pk}" in html
    assert f"{reverse('admin:consultations_consent_add')}?person={case.person_id}" in html
    assert "有効な本人同意がありません" in html
    services.case_close(case=case, reason="resolved")
    html = caseworker.get(reverse("admin:consultations_case_change", args=[case.pk])).content.decode()
    assert f"{reverse('admin:consultations_assessment_add')}?case={case.pk}" not in html
    assert "ケースを再開する" in html
