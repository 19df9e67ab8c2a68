"""Consent (本人同意) as a record, checked at the meeting's date against every agency taking part;
cases on a meeting's agenda and what the meeting decided about them."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection
from django.urls import reverse
from django.utils import timezone

from consultations import selectors, services
from consultations.models import Agency, Consent, Meeting, MeetingCaseReview, SupportPlan

from .factories import AgencyFactory, CaseFactory, ConsentFactory, MeetingFactory, SupportPlanFactory

TOKYO = timezone.get_fixed_timezone(9 * 60)


def _meeting(day, kind=Meeting.Kind.MULTI_LAYERED, agencies=()):
    meeting = MeetingFactory(
        kind=kind, held_at=datetime.datetime(day.year, day.month, day.day, 14, tzinfo=TOKYO)
    )
    meeting.agencies.set(agencies)
    return meeting


@pytest.mark.django_db
def test_consent_is_checked_at_the_meetings_date_and_for_every_agency():
    hello_work = AgencyFactory(name="ハローワーク府中", kind=Agency.Kind.HELLO_WORK)
    care = AgencyFactory(name="地域包括支援センター", kind=Agency.Kind.COMMUNITY_CARE)
    meeting = _meeting(datetime.date(2026, 12, 8), agencies=[hello_work, care])
    case = CaseFactory()

    def why():
        consent, reason = selectors.consent_for_meeting(person=case.person, meeting=meeting)
        return consent, reason

    assert why() == (None, f"{case.person.full_name}さんの本人同意の記録がありません。")
    later = ConsentFactory(person=case.person, given_on=datetime.date(2026, 12, 9))
    assert "会議の日より後" in why()[1]
    Consent.objects.filter(pk=later.pk).update(
        given_on=datetime.date(2026, 1, 1), valid_until=datetime.date(2026, 12, 1)
    )
    assert "2026年12月1日(火)で、会議の日より前に切れています" in why()[1]
    Consent.objects.filter(pk=later.pk).update(valid_until=None, withdrawn_on=datetime.date(2026, 12, 8))
    assert "2026年12月8日(火)に同意が撤回されています" in why()[1]
    Consent.objects.filter(pk=later.pk).update(withdrawn_on=None, agency_kinds=[Agency.Kind.COMMUNITY_CARE])
    assert why() == (None, "同意の範囲に次の機関が入っていません:ハローワーク府中。")
    later.agencies.add(hello_work)  # named, though its kind is not in the list
    assert why() == (later, "")


@pytest.mark.django_db
def test_a_case_goes_on_a_multi_layered_meeting_only_under_a_consent_and_is_offered_a_support_meeting():
    today = timezone.localdate()
    case = CaseFactory()
    multi = _meeting(today + datetime.timedelta(days=7))
    support = _meeting(today + datetime.timedelta(days=9), kind=Meeting.Kind.SUPPORT)
    with pytest.raises(services.ConsentRequired) as error:
        services.meeting_case_review_add(meeting=multi, case=case)
    assert "本人同意の記録がありません" in str(error.value) and "支援会議" in str(error.value)
    assert error.value.support_meetings == [support]
    review = services.meeting_case_review_add(meeting=support, case=case)
    assert (review.meeting_kind, review.consent) == (Meeting.Kind.SUPPORT, None)
    consent = ConsentFactory(person=case.person)
    review = services.meeting_case_review_add(meeting=multi, case=case, agenda_reason="見直し")
    assert (review.meeting_kind, review.consent) == (Meeting.Kind.MULTI_LAYERED, consent)
    with pytest.raises(ValidationError) as twice:
        services.meeting_case_review_add(meeting=multi, case=case)
    assert "すでにこの会議の議題" in str(twice.value)
    closed = CaseFactory()
    services.case_close(case=closed, reason="resolved")
    with pytest.raises(services.CaseAlreadyClosed):
        services.meeting_case_review_add(meeting=support, case=closed)


@pytest.mark.django_db
def test_changing_a_meeting_is_checked_against_the_consent_of_every_case_on_it():
    today = timezone.localdate()
    case = CaseFactory()
    support = _meeting(today + datetime.timedelta(days=7), kind=Meeting.Kind.SUPPORT)
    services.meeting_case_review_add(meeting=support, case=case)
    support.kind = Meeting.Kind.MULTI_LAYERED
    with pytest.raises(services.ConsultationError) as error:
        services.meeting_save(meeting=support)
    assert error.value.field == "kind" and case.reference in str(error.value)
    consent = ConsentFactory(person=case.person, valid_until=today + datetime.timedelta(days=10))
    services.meeting_save(meeting=support)
    review = MeetingCaseReview.objects.get()
    assert (review.meeting_kind, review.consent) == (Meeting.Kind.MULTI_LAYERED, consent)
    support.held_at += datetime.timedelta(days=30)  # after the consent ends
    with pytest.raises(services.ConsultationError) as error:
        services.meeting_save(meeting=support)
    assert error.value.field == "held_at"
    support.refresh_from_db()
    hello_work = AgencyFactory(kind=Agency.Kind.HELLO_WORK)
    Consent.objects.filter(pk=consent.pk).update(agency_kinds=[Agency.Kind.COMMUNITY_CARE])
    with pytest.raises(services.ConsultationError) as error:
        services.meeting_save(meeting=support, agencies=[hello_work])
    assert error.value.field == "agencies"
    assert list(support.agencies.all()) == []  # rolled back


@pytest.mark.django_db
def test_consent_records_need_a_scope_and_are_not_rewritten_once_relied_on():
    case = CaseFactory()
    with pytest.raises(services.ConsentRefused) as error:
        services.consent_record(
            consent=Consent(person=case.person, given_on=timezone.localdate(), method="oral"), by=None
        )
    assert error.value.field == "agency_kinds"
    consent = services.consent_record(
        consent=Consent(
            person=case.person, given_on=timezone.localdate(), method="oral", agency_kinds=["community_care"]
        ),
        by=None,
    )
    consent.notes = "ご本人の言葉で確認"
    services.consent_record(consent=consent, by=None)
    services.meeting_case_review_add(
        meeting=_meeting(timezone.localdate() + datetime.timedelta(days=3), agencies=[AgencyFactory()]),
        case=case,
    )
    consent.agency_kinds = ["community_care", "school"]
    with pytest.raises(services.ConsentRefused, match="新しい同意"):
        services.consent_record(consent=consent, by=None)


@pytest.mark.django_db
def test_withdrawing_consent_takes_the_case_off_multi_layered_agendas_ahead():
    today = timezone.localdate()
    case = CaseFactory()
    consent = ConsentFactory(person=case.person)
    past = _meeting(today - datetime.timedelta(days=20))
    review = services.meeting_case_review_add(meeting=past, case=case)
    services.meeting_case_review_record(
        review=review, evaluation="appropriate", next_review_on=today + datetime.timedelta(days=30)
    )
    ahead = _meeting(today + datetime.timedelta(days=10))
    services.meeting_case_review_add(meeting=ahead, case=case)
    removed = services.consent_withdraw(consent=consent, on=today)
    assert removed == [ahead]
    assert list(MeetingCaseReview.objects.values_list("meeting", flat=True)) == [past.pk]  # the record stays
    with pytest.raises(services.ConsentRefused):
        services.consent_withdraw(consent=consent, on=today)


@pytest.mark.django_db
def test_recording_a_review_sets_the_plans_next_review_and_a_revision_when_it_needs_one():
    today = timezone.localdate()
    case = CaseFactory()
    ConsentFactory(person=case.person)
    plan = SupportPlanFactory(case=case, review_on=today + datetime.timedelta(days=5))
    services.support_plan_activate(plan=plan)
    meeting = _meeting(today)
    review = services.meeting_case_review_add(meeting=meeting, case=case)
    with pytest.raises(services.ReviewRefused) as error:
        services.meeting_case_review_record(review=review, evaluation="", next_review_on=today)
    assert error.value.field == "evaluation"
    with pytest.raises(services.ReviewRefused) as error:
        services.meeting_case_review_record(review=review, evaluation="appropriate", next_review_on=None)
    assert error.value.field == "next_review_on"
    with pytest.raises(services.ReviewRefused, match="会議の日より後"):
        services.meeting_case_review_record(review=review, evaluation="appropriate", next_review_on=today)
    next_review = today + datetime.timedelta(days=90)
    review, revised = services.meeting_case_review_record(
        review=review, evaluation="needs_revision", next_review_on=next_review, decisions="就労支援を加える"
    )
    plan.refresh_from_db()
    assert plan.review_on == next_review and review.reviewed_at is not None
    assert revised.version == 2 and revised.status == SupportPlan.Status.DRAFT
    assert selectors.case_timeline(case)[0].title == "重層的支援会議:要修正"


@pytest.mark.django_db
def test_recording_a_review_rechecks_the_consent():
    today = timezone.localdate()
    case = CaseFactory()
    consent = ConsentFactory(person=case.person)
    meeting = _meeting(today)
    review = services.meeting_case_review_add(meeting=meeting, case=case)
    Consent.objects.filter(pk=consent.pk).update(withdrawn_on=today - datetime.timedelta(days=1))
    with pytest.raises(services.ConsentRequired, match="撤回"):
        services.meeting_case_review_record(
            review=review, evaluation="appropriate", next_review_on=today + datetime.timedelta(days=30)
        )


def _race_kind_change_against_adding_a_case():
    meeting = _meeting(timezone.localdate() + datetime.timedelta(days=7), kind=Meeting.Kind.SUPPORT)
    case = CaseFactory()
    start = threading.Barrier(2)
    outcomes = []

    def to_multi():
        try:
            start.wait(timeout=10)
            changed = Meeting.objects.get(pk=meeting.pk)
            changed.kind = Meeting.Kind.MULTI_LAYERED
            services.meeting_save(meeting=changed)
            outcomes.append("kind changed")
        except services.ConsultationError:
            outcomes.append("kind refused")
        finally:
            connection.close()

    def add_case():
        try:
            start.wait(timeout=10)
            services.meeting_case_review_add(meeting=Meeting.objects.get(pk=meeting.pk), case=case)
            outcomes.append("case added")
        except services.ConsentRequired:
            outcomes.append("case refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=to_multi), threading.Thread(target=add_case)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    close_old_connections()
    meeting.refresh_from_db()
    return meeting, sorted(outcomes), list(MeetingCaseReview.objects.filter(meeting=meeting))


@pytest.mark.usefixtures("transactional_db")
def test_turning_a_meeting_multi_layered_while_a_case_without_consent_is_added():
    """The kind and the agenda change at once: one waits for the other's lock on the meeting,
    and the meeting never ends up a 重層的支援会議 with a case nobody consented for."""
    from consultations.services import topics_ensure

    topics_ensure()
    for _round in range(3):
        meeting, outcomes, reviews = _race_kind_change_against_adding_a_case()
        assert outcomes in (["case added", "kind refused"], ["case refused", "kind changed"])
        assert all(r.meeting_kind == meeting.kind for r in reviews)
        assert not (meeting.kind == Meeting.Kind.MULTI_LAYERED and any(r.consent_id is None for r in reviews))


@pytest.mark.django_db
def test_adding_a_case_without_consent_from_the_admin_says_why_and_offers_the_support_meeting(caseworker):
    today = timezone.localdate()
    case = CaseFactory()
    multi = _meeting(today + datetime.timedelta(days=7))
    support = _meeting(today + datetime.timedelta(days=9), kind=Meeting.Kind.SUPPORT)
    url = reverse("admin:consultations_meetingcasereview_add") + f"?meeting={multi.pk}"
    response = caseworker.post(url, {"meeting": multi.pk, "case": case.pk, "agenda_reason": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "本人同意の記録がありません" in html
    assert f"?case={case.pk}&amp;meeting={support.pk}" in html
    assert not MeetingCaseReview.objects.exists()
    response = caseworker.post(
        reverse("admin:consultations_meetingcasereview_add") + f"?case={case.pk}",
        {"meeting": support.pk, "case": case.pk},
    )
    assert response["Location"] == reverse("admin:consultations_case_change", args=[case.pk])
    assert MeetingCaseReview.objects.get().meeting == support


@pytest.mark.django_db
def test_the_review_form_records_the_evaluation_decisions_and_next_date_in_one_go(caseworker):
    today = timezone.localdate()
    case = CaseFactory()
    plan = SupportPlanFactory(case=case, review_on=today)
    services.support_plan_activate(plan=plan)
    meeting = _meeting(today, kind=Meeting.Kind.SUPPORT)
    review = services.meeting_case_review_add(meeting=meeting, case=case)
    url = reverse("admin:consultations_meetingcasereview_change", args=[review.pk])
    response = caseworker.post(
        url, {"evaluation": "appropriate", "decisions": "", "discussion": "", "next_review_on": ""}
    )
    assert "次回の見直し日を入力してください。" in response.content.decode()
    next_review = today + datetime.timedelta(days=60)
    response = caseworker.post(
        url,
        {
            "evaluation": "appropriate",
            "decisions": "見守りを続ける",
            "discussion": "",
            "next_review_on": next_review.isoformat(),
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("admin:consultations_meeting_change", args=[meeting.pk])
    plan.refresh_from_db()
    review.refresh_from_db()
    assert plan.review_on == next_review and review.reviewed_by == caseworker.user
    assert "次回の見直しは" in response.content.decode()


@pytest.mark.django_db
def test_a_meeting_with_recorded_reviews_stays(caseworker):
    today = timezone.localdate()
    meeting = _meeting(today, kind=Meeting.Kind.SUPPORT)
    review = services.meeting_case_review_add(meeting=meeting, case=CaseFactory())
    services.meeting_case_review_record(
        review=review, evaluation="appropriate", next_review_on=today + datetime.timedelta(days=30)
    )
    with pytest.raises(services.ReviewRefused):
        services.meeting_delete(meeting=meeting)
    assert caseworker.get(reverse("admin:consultations_meeting_delete", args=[meeting.pk])).status_code == 403
    planned = _meeting(today + datetime.timedelta(days=5), kind=Meeting.Kind.SUPPORT)
    services.meeting_case_review_add(meeting=planned, case=CaseFactory())
    response = caseworker.post(
        reverse("admin:consultations_meeting_delete", args=[planned.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert list(Meeting.objects.all()) == [meeting]
