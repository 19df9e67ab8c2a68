"""The database keeps the rules even when code bypasses the services (`.update()`), and a broken
rule reaches staff as a Japanese message next to the field it is about, never raw."""

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from consultations import services
from consultations.models import (
    Area,
    Assessment,
    Case,
    CaseStatusChange,
    CommunityMeetingAttendee,
    CommunityNeed,
    Consent,
    ContactLog,
    Meeting,
    MeetingCaseReview,
    OutreachVisit,
    Referral,
    SupportPlan,
)
from welfare_portal.constraints import FieldCheckConstraint, FieldUniqueConstraint

from .factories import (
    AgencyFactory,
    AreaFactory,
    AssessmentFactory,
    CaseFactory,
    CommunityMeetingFactory,
    CommunityNeedFactory,
    ConcernReportFactory,
    ConsentFactory,
    ContactLogFactory,
    MeetingFactory,
    ReferralFactory,
    SupportPlanFactory,
)

pytestmark = pytest.mark.django_db


def test_every_consultations_constraint_names_its_field_and_says_why_in_words():
    for model in apps.get_app_config("consultations").get_models():
        for constraint in model._meta.constraints:
            if model is apps.get_model("consultations", "ReferenceCounter"):
                continue  # internal: no form ever shows it
            assert isinstance(constraint, (FieldCheckConstraint, FieldUniqueConstraint)), constraint.name
            field_names = {f.name for f in model._meta.get_fields()}
            assert constraint.field in field_names, constraint.name
            assert str(constraint.message)


def _refused(queryset, **values):
    with pytest.raises(IntegrityError), transaction.atomic():
        queryset.update(**values)


def test_case_rules_hold_in_the_database():
    case = CaseFactory(opened_on=datetime.date(2026, 4, 1))
    cases = Case.objects.filter(pk=case.pk)
    _refused(cases, status="closed")  # closed without date and reason
    _refused(cases, closed_on=datetime.date(2026, 5, 1))  # an open case with a closing date
    _refused(cases, status="closed", closing_reason="resolved", closed_on=datetime.date(2026, 3, 1))
    _refused(cases, requester=case.person)
    change = CaseStatusChange.objects.create(case=case, from_status="intake", to_status="assessment")
    _refused(CaseStatusChange.objects.filter(pk=change.pk), to_status="intake")
    _refused(CaseStatusChange.objects.filter(pk=change.pk), from_status="closed", reason="")


def test_contact_log_and_referral_rules_hold_in_the_database():
    log = ContactLogFactory()
    _refused(ContactLog.objects.filter(pk=log.pk), next_action="", next_action_due=datetime.date(2026, 1, 1))
    referral = ReferralFactory(referred_on=datetime.date(2026, 4, 10))
    referrals = Referral.objects.filter(pk=referral.pk)
    _refused(referrals, status="accepted")  # answered without the date of the answer
    _refused(referrals, answered_on=datetime.date(2026, 4, 20))  # a date on an unanswered referral
    _refused(referrals, status="accepted", answered_on=datetime.date(2026, 4, 1))  # before the referral


def test_plan_rules_hold_in_the_database():
    case = CaseFactory()
    plan = SupportPlanFactory(case=case, made_on=datetime.date(2026, 4, 1))
    plans = SupportPlan.objects.filter(pk=plan.pk)
    _refused(plans, status="active")  # no review date, no start date
    _refused(plans, status="active", review_on=datetime.date(2026, 7, 1))  # no start date
    _refused(plans, review_on=datetime.date(2026, 3, 1))  # review before it was made
    _refused(plans, version=0)
    _refused(plans, status="ended", effective_from=datetime.date(2026, 4, 1))  # ended without an end date
    _refused(
        plans,
        status="ended",
        effective_from=datetime.date(2026, 4, 1),
        effective_until=datetime.date(2026, 3, 1),
    )
    plans.update(
        status="active", review_on=datetime.date(2026, 7, 1), effective_from=datetime.date(2026, 4, 1)
    )
    second = SupportPlanFactory(case=case, version=2)
    _refused(
        SupportPlan.objects.filter(pk=second.pk),
        status="active",
        review_on=datetime.date(2026, 8, 1),
        effective_from=datetime.date(2026, 5, 1),
    )
    _refused(SupportPlan.objects.filter(pk=second.pk), version=1)


def test_meeting_review_rules_hold_in_the_database():
    case = CaseFactory()
    consent = ConsentFactory(person=case.person)
    meeting = MeetingFactory(kind=Meeting.Kind.MULTI_LAYERED)
    review = services.meeting_case_review_add(meeting=meeting, case=case)
    assert review.consent == consent and review.meeting_kind == Meeting.Kind.MULTI_LAYERED
    reviews = MeetingCaseReview.objects.filter(pk=review.pk)
    _refused(reviews, consent=None)  # a 重層的支援会議 review without consent
    _refused(reviews, evaluation="appropriate")  # recorded without a next date or time
    _refused(reviews, evaluation="appropriate", next_review_on=datetime.date(2026, 9, 1))  # without the time
    _refused(reviews, reviewed_at=timezone.now())  # a time without an evaluation
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingCaseReview.objects.create(
            meeting=meeting, case=case, meeting_kind="multi_layered", consent=consent
        )


def test_consent_assessment_visit_area_and_community_rules_hold_in_the_database():
    consent = ConsentFactory(given_on=datetime.date(2026, 4, 1))
    consents = Consent.objects.filter(pk=consent.pk)
    _refused(consents, valid_until=datetime.date(2026, 3, 1))
    _refused(consents, withdrawn_on=datetime.date(2026, 3, 1))
    assessment = AssessmentFactory()
    _refused(Assessment.objects.filter(pk=assessment.pk), housing_rating=6)
    _refused(Assessment.objects.filter(pk=assessment.pk), wishes_rating=0)
    visit = OutreachVisit.objects.create(
        concern_report=ConcernReportFactory(), location="関戸", visitors="相談員", outcome="met"
    )
    _refused(OutreachVisit.objects.filter(pk=visit.pk), concern_report=None)
    whole = AreaFactory(name="多摩市")
    district = AreaFactory(name="関戸小学校区", layer=Area.Layer.DISTRICT, parent=whole)
    _refused(Area.objects.filter(pk=district.pk), parent=None)
    _refused(Area.objects.filter(pk=whole.pk), layer=Area.Layer.DISTRICT)
    with pytest.raises(IntegrityError), transaction.atomic():
        Area.objects.create(name="関戸小学校区", layer=Area.Layer.DISTRICT, parent=whole)
    with pytest.raises(IntegrityError), transaction.atomic():
        Area.objects.create(name="多摩市", layer=Area.Layer.CITY)
    need = CommunityNeedFactory(area=whole)
    _refused(CommunityNeed.objects.filter(pk=need.pk), status="done")
    _refused(CommunityNeed.objects.filter(pk=need.pk), closed_on=datetime.date(2026, 4, 1))
    attendee = CommunityMeetingAttendee.objects.create(
        meeting=CommunityMeetingFactory(area=whole), kind="resident", name="住民"
    )
    _refused(CommunityMeetingAttendee.objects.filter(pk=attendee.pk), headcount=0)


@pytest.mark.parametrize(
    ("build", "field", "message"),
    [
        (
            lambda: OutreachVisit(location="関戸", visitors="相談員", outcome="met"),
            "case",
            "この訪問に関係するケースまたはほっとけないシートを選んでください。",
        ),
        (
            lambda: Referral(
                case=CaseFactory(),
                agency=AgencyFactory(),
                reason="相談",
                status="accepted",
                referred_on=datetime.date(2026, 4, 10),
                answered_on=datetime.date(2026, 4, 1),
            ),
            "answered_on",
            "返事の日はつないだ日より前にできません。",
        ),
        (
            lambda: Consent(
                person=CaseFactory().person,
                given_on=datetime.date(2026, 4, 1),
                method="oral",
                valid_until=datetime.date(2026, 3, 1),
            ),
            "valid_until",
            "有効期限は同意した日より前にできません。",
        ),
        (
            lambda: ContactLog(
                case=CaseFactory(),
                method="phone",
                participants="本人",
                summary="電話",
                next_action_due=datetime.date(2026, 4, 1),
            ),
            "next_action",
            "次の対応の内容を書くか、期日を消してください。",
        ),
    ],
)
def test_a_broken_rule_is_a_japanese_message_on_its_field(build, field, message):
    with pytest.raises(ValidationError) as error:
        build().full_clean()
    assert message in error.value.message_dict[field]


def test_outreach_visit_without_a_subject_shows_the_message_next_to_the_field(caseworker):
    """The message staff once saw raw: 制約 "outreach_visit_has_subject" に違反しています。"""
    response = caseworker.post(
        reverse("admin:consultations_outreachvisit_add"),
        {
            "visited_at_0": "2026-11-20",
            "visited_at_1": "10:00",
            "location": "関戸",
            "visitors": "相談員",
            "outcome": "met",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "outreach_visit_has_subject" not in html
    field_block = html[html.index('class="form-row') : html.index('name="concern_report"')]
    assert "この訪問に関係するケースまたはほっとけないシートを選んでください。" in field_block
    assert OutreachVisit.objects.count() == 0


def test_a_concurrent_change_tripping_a_database_rule_is_a_message_not_a_500(caseworker, monkeypatch):
    case = CaseFactory(worker=caseworker.user)
    url = reverse("admin:consultations_referral_add") + f"?case={case.pk}"
    agency = AgencyFactory()

    def racing_save(*, referral, by):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(services, "referral_save", racing_save)
    response = caseworker.post(
        url,
        {
            "case": case.pk,
            "agency": agency.pk,
            "reason": "就労の相談",
            "status": "planned",
            "referred_on": "2026-11-20",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "同じ時に別の人がこの記録を変更したため" in html
    assert 'value="就労の相談"' in html or "就労の相談</textarea>" in html  # what was typed is kept
