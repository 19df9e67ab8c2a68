"""The staff side in the Django admin: who sees what, the intake → case page, caseload filters."""

import datetime
import re

import pytest
from django.urls import reverse

from consultations import services
from consultations.models import Case, ConsultationRequest, IntakeStatus, Topic

from .factories import (
    AgencyFactory,
    CaseFactory,
    ConcernReportFactory,
    ConsultationRequestFactory,
    ContactLogFactory,
    HouseholdFactory,
    MeetingFactory,
    PersonFactory,
    ReferralFactory,
    SupportPlanFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    household = HouseholdFactory()
    person = PersonFactory(household=household)
    case = CaseFactory(person=person, household=household)
    return {
        "case": case,
        "person": person,
        "household": household,
        "request": ConsultationRequestFactory(),
        "report": ConcernReportFactory(),
        "referral": ReferralFactory(case=case),
        "plan": SupportPlanFactory(case=case),
        "meeting": MeetingFactory(),
    }


def test_coordinator_sees_the_person_but_not_their_cases(coordinator, caseworker, records):
    url = reverse("admin:consultations_person_change", args=[records["person"].pk])
    assert records["case"].reference not in coordinator.get(url).content.decode()
    assert records["case"].reference in caseworker.get(url).content.decode()


def test_coordinator_cannot_post_to_the_open_case_page(coordinator, records):
    url = reverse("admin:consultations_consultationrequest_open_case", args=[records["request"].pk])
    response = coordinator.post(url, {"person_choice": "new", "family_name": "山田"})
    assert response.status_code == 403
    assert Case.objects.count() == 1


def test_admin_action_leads_to_the_open_case_page_with_duplicate_suggestions(caseworker):
    existing = PersonFactory(
        family_name="山田", given_name="花子", family_name_kana="ヤマダ", given_name_kana="ハナコ"
    )
    intake = ConsultationRequestFactory(
        name="山田 花子", name_kana="ヤマダ ハナコ", contact_method="no_call", phone=""
    )
    changelist = reverse("admin:consultations_consultationrequest_changelist")
    response = caseworker.post(changelist, {"action": "open_case", "_selected_action": [intake.pk]})
    open_url = reverse("admin:consultations_consultationrequest_open_case", args=[intake.pk])
    assert response.status_code == 302 and response["Location"] == open_url
    page = caseworker.get(open_url).content.decode()
    assert intake.reference in page
    assert f'value="{existing.pk}"' in page
    assert "氏名が同じ" in page and "ふりがなが同じ" in page


def _shown(client, url):
    """The suggestions the open-case page showed (a hidden field the form checks on submit)."""
    html = client.get(url).content.decode()
    return re.search(r'name="shown"(?: value="([^"]*)")?', html).group(1) or ""


def test_open_case_page_links_the_chosen_person(caseworker):
    existing = PersonFactory(family_name="山田", given_name="花子")
    intake = ConsultationRequestFactory(name="山田 花子")
    intake.topics.set([Topic.objects.get(code="housing")])
    url = reverse("admin:consultations_consultationrequest_open_case", args=[intake.pk])
    response = caseworker.post(
        url,
        {
            "person_choice": str(existing.pk),
            "worker": caseworker.user.pk,
            "household_choice": "none",
            "topics": [Topic.objects.get(code="housing").pk],
            "shown": _shown(caseworker, url),
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:consultations_case_change", args=[case.pk])
    assert case.person == existing and case.worker == caseworker.user
    intake.refresh_from_db()
    assert intake.status == IntakeStatus.CONVERTED and intake.case == case


def test_open_case_page_creates_a_new_person_and_checks_the_fields(caseworker):
    intake = ConcernReportFactory(subject_name="")
    url = reverse("admin:consultations_concernreport_open_case", args=[intake.pk])
    base = {"person_choice": "new", "worker": caseworker.user.pk, "household_choice": "none", "shown": ""}
    response = caseworker.post(url, {**base, "family_name": ""})
    assert response.status_code == 200
    assert "少なくとも姓を入力してください" in response.content.decode()
    assert Case.objects.count() == 0
    response = caseworker.post(
        url,
        {**base, "family_name": "佐藤", "family_name_kana": "さとう", "phone": "０４２－１１１－２２２２"},
    )
    assert response.status_code == 302
    person = Case.objects.get().person
    assert (person.family_name, person.family_name_kana, person.phone) == ("佐藤", "サトウ", "042-111-2222")


def test_converted_intake_redirects_to_its_case(caseworker):
    case = CaseFactory()
    intake = ConsultationRequestFactory(case=case, status=IntakeStatus.CONVERTED)
    url = reverse("admin:consultations_consultationrequest_open_case", args=[intake.pk])
    response = caseworker.get(url)
    assert response["Location"] == reverse("admin:consultations_case_change", args=[case.pk])


def test_status_actions_leave_converted_intake_alone(caseworker):
    new = ConsultationRequestFactory()
    converted = ConsultationRequestFactory(case=CaseFactory(), status=IntakeStatus.CONVERTED)
    caseworker.post(
        reverse("admin:consultations_consultationrequest_changelist"),
        {"action": "mark_no_action", "_selected_action": [new.pk, converted.pk]},
    )
    new.refresh_from_db()
    converted.refresh_from_db()
    assert new.status == IntakeStatus.NO_ACTION and new.handled_by == caseworker.user
    assert converted.status == IntakeStatus.CONVERTED


def test_intake_queue_is_newest_first(caseworker):
    old = ConsultationRequestFactory(submitted_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    new = ConsultationRequestFactory(submitted_at=datetime.datetime(2026, 2, 1, tzinfo=datetime.UTC))
    html = caseworker.get(reverse("admin:consultations_consultationrequest_changelist")).content.decode()
    assert html.index(new.reference) < html.index(old.reference)


def test_caseload_filters_and_search(caseworker, other_caseworker):
    mine = CaseFactory(
        worker=caseworker.user, person=PersonFactory(family_name="青木", family_name_kana="アオキ")
    )
    mine_closed = CaseFactory(
        worker=caseworker.user,
        status=Case.Status.CLOSED,
        closed_on=datetime.date.today(),
        closing_reason=Case.ClosingReason.RESOLVED,
        opened_on=datetime.date.today(),
    )
    theirs = CaseFactory(worker=other_caseworker.user, household=HouseholdFactory(flag_8050=True))
    ContactLogFactory(
        case=theirs, next_action="訪問", next_action_due=datetime.date.today() - datetime.timedelta(days=1)
    )
    intake = ConsultationRequestFactory(case=mine, status=IntakeStatus.CONVERTED)
    url = reverse("admin:consultations_case_changelist")

    def refs(query):
        html = caseworker.get(url, query).content.decode()
        return {c.reference for c in (mine, mine_closed, theirs) if c.reference in html}

    assert refs({"mine": "open"}) == {mine.reference}
    assert refs({"mine": "all"}) == {mine.reference, mine_closed.reference}
    assert refs({"overdue": "yes"}) == {theirs.reference}
    assert refs({"household__flag_8050__exact": "1"}) == {theirs.reference}
    assert refs({"status__exact": "closed"}) == {mine_closed.reference}
    assert refs({"q": "アオキ"}) == {mine.reference}
    assert refs({"q": intake.reference}) == {mine.reference}
    assert refs({"q": theirs.reference}) == {theirs.reference}


def test_case_page_shows_the_timeline_and_keeps_history(caseworker):
    case = CaseFactory(worker=caseworker.user)
    ContactLogFactory(case=case, summary="初回の電話相談", next_action="来所の予約")
    ReferralFactory(case=case, agency=AgencyFactory(name="ハローワーク府中"))
    html = caseworker.get(reverse("admin:consultations_case_change", args=[case.pk])).content.decode()
    assert "初回の電話相談" in html and "ハローワーク府中 へのつなぎ" in html
    services.case_advance(case=case, by=caseworker.user)
    assert [h.status for h in case.history.order_by("history_date")] == ["intake", "assessment"]
    history = caseworker.get(reverse("admin:consultations_case_history", args=[case.pk])).content.decode()
    assert history.count("history/") >= 2


def test_case_add_through_the_admin_gets_a_case_number(caseworker):
    person = PersonFactory()
    response = caseworker.post(
        reverse("admin:consultations_case_add"),
        {
            "person": person.pk,
            "channel": "phone",
            "status": "intake",
            "worker": caseworker.user.pk,
            "opened_on": "2026-11-01",
            "contact_logs-TOTAL_FORMS": "0",
            "contact_logs-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert re.fullmatch(r"K-\d{4}-0001", Case.objects.get().reference)


def test_closing_without_reason_shows_a_message_in_the_admin(caseworker):
    case = CaseFactory(worker=caseworker.user, opened_on=datetime.date(2026, 11, 1))
    response = caseworker.post(
        reverse("admin:consultations_case_close", args=[case.pk]), {"closed_on": "2026-11-20"}
    )
    assert response.status_code == 200
    assert "この項目は必須です" in response.content.decode() or "必須" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Case.Status.INTAKE


def test_consultation_request_is_read_only_apart_from_triage(caseworker):
    intake = ConsultationRequestFactory(details="元の内容")
    url = reverse("admin:consultations_consultationrequest_change", args=[intake.pk])
    caseworker.post(url, {"status": "in_progress", "staff_notes": "折り返し済み", "details": "書き換え"})
    intake = ConsultationRequest.objects.get(pk=intake.pk)
    assert intake.status == "in_progress" and intake.staff_notes == "折り返し済み"
    assert intake.details == "元の内容"


def test_advance_action_moves_cases_on(caseworker):
    case = CaseFactory()
    response = caseworker.post(
        reverse("admin:consultations_case_changelist"),
        {"action": "advance", "_selected_action": [case.pk]},
        follow=True,
    )
    case.refresh_from_db()
    assert case.status == Case.Status.ASSESSMENT
    assert "1 件のケースを次の段階に進めました。" in response.content.decode()


def test_adding_a_person_by_hand_warns_about_a_likely_duplicate(coordinator):
    existing = PersonFactory(family_name="山田", given_name="花子", phone="042-373-5616")
    response = coordinator.post(
        reverse("admin:consultations_person_add"),
        {
            "family_name": "山田",
            "given_name": "花子",
            "phone": "042-373-5616",
            "cases-TOTAL_FORMS": "0",
            "cases-INITIAL_FORMS": "0",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "似た内容の方がすでに登録されています" in html
    assert reverse("admin:consultations_person_change", args=[existing.pk]) in html
