"""Due dates drive the agenda: building a meeting's agenda adds every case whose review falls due
before the next meeting, across month and year ends, under the consent rule."""

import datetime

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse

from consultations import selectors, services
from consultations.models import Meeting, MeetingCaseReview

from .factories import AssessmentFactory, CaseFactory, ConsentFactory, MeetingFactory, SupportPlanFactory

pytestmark = pytest.mark.django_db


def _at(day, hour=14):
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=datetime.timezone(datetime.timedelta(hours=9))
    )


def _meeting(day, kind=Meeting.Kind.MULTI_LAYERED):
    return MeetingFactory(kind=kind, held_at=_at(day))


def _case_with_plan_review(review_on, *, consent=True):
    case = CaseFactory(opened_on=datetime.date(2026, 1, 5))
    if consent:
        ConsentFactory(person=case.person, given_on=datetime.date(2026, 1, 5))
    plan = SupportPlanFactory(case=case, made_on=datetime.date(2026, 1, 5), review_on=review_on)
    services.support_plan_activate(plan=plan, on=datetime.date(2026, 1, 5))
    return case


def _agenda(meeting):
    return set(MeetingCaseReview.objects.filter(meeting=meeting).values_list("case__reference", flat=True))


@pytest.mark.parametrize(
    ("held_on", "last_in", "first_out"),
    [
        # No next meeting planned: the same day next month, or the month's last day.
        (datetime.date(2027, 1, 31), datetime.date(2027, 2, 27), datetime.date(2027, 2, 28)),
        (datetime.date(2028, 1, 31), datetime.date(2028, 2, 28), datetime.date(2028, 2, 29)),
        (datetime.date(2026, 12, 15), datetime.date(2027, 1, 14), datetime.date(2027, 1, 15)),
        (datetime.date(2027, 3, 31), datetime.date(2027, 4, 29), datetime.date(2027, 4, 30)),
    ],
)
def test_without_a_next_meeting_the_window_ends_a_month_later_across_month_ends(held_on, last_in, first_out):
    with time_machine.travel(_at(held_on - datetime.timedelta(days=20), 9)):
        due = _case_with_plan_review(last_in)
        not_yet = _case_with_plan_review(first_out)
        overdue = _case_with_plan_review(held_on - datetime.timedelta(days=40))
        meeting = _meeting(held_on)
        result = services.meeting_agenda_build(meeting=meeting)
    assert result.next_date == first_out
    assert _agenda(meeting) == {due.reference, overdue.reference}
    assert not_yet.reference not in _agenda(meeting)


def test_the_next_meeting_of_the_same_kind_ends_the_window_across_the_year_end():
    with time_machine.travel(_at(datetime.date(2026, 12, 1), 9)):
        december = _meeting(datetime.date(2026, 12, 15))
        _meeting(datetime.date(2026, 12, 22), kind=Meeting.Kind.SUPPORT)  # not the same kind
        _meeting(datetime.date(2027, 1, 12))
        in_time = _case_with_plan_review(datetime.date(2027, 1, 11))
        next_time = _case_with_plan_review(datetime.date(2027, 1, 12))
        result = services.meeting_agenda_build(meeting=december)
    assert result.next_date == datetime.date(2027, 1, 12)
    assert _agenda(december) == {in_time.reference}
    assert next_time.reference not in _agenda(december)


@override_settings(ASSESSMENT_DUE_DAYS=180)
def test_other_due_dates_a_meeting_set_and_an_old_assessment():
    with time_machine.travel(_at(datetime.date(2026, 10, 1), 9)):
        meeting = _meeting(datetime.date(2026, 10, 13))
        earlier = _meeting(datetime.date(2026, 7, 14), kind=Meeting.Kind.SUPPORT)
        reviewed = CaseFactory()
        ConsentFactory(person=reviewed.person)
        review = services.meeting_case_review_add(meeting=earlier, case=reviewed)
        services.meeting_case_review_record(
            review=review, evaluation="appropriate", next_review_on=datetime.date(2026, 11, 1)
        )
        old_assessment = CaseFactory()
        ConsentFactory(person=old_assessment.person)
        AssessmentFactory(case=old_assessment, assessed_on=datetime.date(2026, 4, 1))
        fresh_assessment = CaseFactory()
        ConsentFactory(person=fresh_assessment.person)
        AssessmentFactory(case=fresh_assessment, assessed_on=datetime.date(2026, 9, 1))
        due = dict(selectors.cases_due_for_review(before=selectors.meeting_next_date(meeting)))
        services.meeting_agenda_build(meeting=meeting)
    assert _agenda(meeting) == {reviewed.reference, old_assessment.reference}
    assert "前回の会議で決めた見直し日 2026年11月1日(日)" in due[reviewed]
    assert any("前回のアセスメント 2026年4月1日(水)" in reason for reason in due[old_assessment])


def test_a_multi_layered_agenda_takes_only_cases_with_consent_and_says_why_for_the_others():
    with time_machine.travel(_at(datetime.date(2026, 11, 20), 9)):
        meeting = _meeting(datetime.date(2026, 12, 8))
        support = _meeting(datetime.date(2026, 12, 10), kind=Meeting.Kind.SUPPORT)
        consented = _case_with_plan_review(datetime.date(2026, 12, 20))
        without = _case_with_plan_review(datetime.date(2026, 12, 21), consent=False)
        result = services.meeting_agenda_build(meeting=meeting)
        assert _agenda(meeting) == {consented.reference}
        assert MeetingCaseReview.objects.get(meeting=meeting).consent is not None
        assert [(case, reason) for case, reason in result.refused] == [
            (without, f"{without.person.full_name}さんの本人同意の記録がありません。")
        ]
        candidates = selectors.agenda_candidates(meeting)
        assert [case for case, _reasons, _why in candidates.refused] == [without]
        # The support meeting takes the case without consent, and leaves the other to the 重層的支援会議.
        result = services.meeting_agenda_build(meeting=support)
        assert _agenda(support) == {without.reference}
        assert result.left_for_multi_layered == 0  # the consented case is already waiting on the agenda above


def test_building_again_adds_nothing_twice_and_leaves_out_cases_waiting_elsewhere_or_closed():
    with time_machine.travel(_at(datetime.date(2026, 11, 20), 9)):
        first = _meeting(datetime.date(2026, 12, 8))
        other = _meeting(datetime.date(2026, 12, 1), kind=Meeting.Kind.SUPPORT)
        waiting = _case_with_plan_review(datetime.date(2026, 12, 20))
        services.meeting_case_review_add(meeting=other, case=waiting)
        closed = _case_with_plan_review(datetime.date(2026, 12, 20))
        services.case_close(case=closed, reason="resolved", confirmed=True)
        due = _case_with_plan_review(datetime.date(2026, 12, 20))
        assert [r.case for r in services.meeting_agenda_build(meeting=first).added] == [due]
        assert services.meeting_agenda_build(meeting=first).added == []
    assert _agenda(first) == {due.reference}


def test_the_build_button_reports_what_it_did_and_the_page_shows_the_refusals(caseworker):
    with time_machine.travel(_at(datetime.date(2026, 11, 20), 9)):
        meeting = _meeting(datetime.date(2026, 12, 8))
        consented = _case_with_plan_review(datetime.date(2026, 12, 20))
        without = _case_with_plan_review(datetime.date(2026, 12, 21), consent=False)
        response = caseworker.post(
            reverse("admin:consultations_meeting_build_agenda", args=[meeting.pk]), follow=True
        )
    html = response.content.decode()
    assert "1件のケースを議題に加えました(2027年1月8日(金)より前に見直し時期が来るケース)" in html
    assert "1件はこの会議についての本人同意がないため加えていません" in html
    assert consented.reference in html
    refused = html[html.index('id="refused-heading"') :]
    assert without.reference in refused and "本人同意の記録がありません" in refused
    assert reverse("admin:consultations_meeting_add") + "?kind=support" in refused
