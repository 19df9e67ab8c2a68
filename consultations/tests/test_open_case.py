"""The intake page reads in the order a worker needs, and ケース化 keeps the person, whoever asked
for them, and the household apart and checked for duplicates."""

import re

import pytest
from django.urls import reverse

from consultations.models import Case, ConsultationRequest, Household, IntakeStatus, Person, Topic

from .factories import (
    AreaFactory,
    ConcernReportFactory,
    ConsultationRequestFactory,
    HouseholdFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def _shown(client, url):
    html = client.get(url).content.decode()
    return re.search(r'name="shown"(?: value="([^"]*)")?', html).group(1) or ""


def _post(client, url, **data):
    return client.post(
        url, {"worker": client.user.pk, "household_choice": "none", "shown": _shown(client, url), **data}
    )


def test_the_intake_page_puts_the_residents_words_first_then_matches_then_staff_fields(caseworker):
    PersonFactory(family_name="山田", given_name="花子", family_name_kana="ヤマダ", given_name_kana="ハナコ")
    intake = ConsultationRequestFactory(details="家賃が払えなくなりそうです。")
    intake.topics.set([Topic.objects.get(code="housing")])
    html = caseworker.get(
        reverse("admin:consultations_consultationrequest_change", args=[intake.pk])
    ).content.decode()
    positions = [
        html.index("山田 花子"),  # who
        html.index("042-373-5616"),  # how to reply
        html.index("家賃が払えなくなりそうです。"),  # what they wrote
        html.index("同じ方かもしれない登録済みの方"),  # duplicate suggestions
        html.index('name="status"'),  # staff fields
    ]
    assert positions == sorted(positions)
    assert html.count("相談内容:") == 1  # topics once; the text has its own label
    assert "申込みに書かれた内容" in html
    open_url = reverse("admin:consultations_consultationrequest_open_case", args=[intake.pk])
    assert f'href="{open_url}"' in html and "ケース化" in html


def test_triage_cannot_mark_an_intake_made_into_a_case_by_hand(caseworker):
    intake = ConsultationRequestFactory()
    url = reverse("admin:consultations_consultationrequest_change", args=[intake.pk])
    html = caseworker.get(url).content.decode()
    assert 'value="converted"' not in html
    response = caseworker.post(url, {"status": "converted", "staff_notes": "メモ"})
    assert response.status_code == 200
    intake.refresh_from_db()
    assert intake.status == IntakeStatus.NEW and intake.staff_notes == ""
    caseworker.post(url, {"status": "in_progress", "staff_notes": "折り返し済み"})
    intake.refresh_from_db()
    assert (intake.status, intake.staff_notes, intake.handled_by) == (
        "in_progress",
        "折り返し済み",
        caseworker.user,
    )


def test_a_sister_asking_for_her_brother_is_not_made_the_person(caseworker):
    intake = ConsultationRequestFactory(
        requester=ConsultationRequest.Requester.FAMILY,
        name="森 さくら",
        name_kana="モリ サクラ",
        phone="080-0000-4004",
    )
    url = reverse("admin:consultations_consultationrequest_open_case", args=[intake.pk])
    html = caseworker.get(url).content.decode()
    assert not re.search(
        r'name="family_name"[^>]*value="森"', html
    )  # the sister is not pre-filled as the person
    assert "相談の対象の方本人からではありません" in html
    assert "申込みの内容から森 さくらさんを登録する" in html
    response = _post(
        caseworker,
        url,
        person_choice="new",
        family_name="森",
        given_name="大輔",
        requester_choice="new",
        requester_relationship="姉",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    case = Case.objects.get()
    assert case.person.full_name == "森 大輔" and case.person.phone == ""
    assert case.requester.full_name == "森 さくら" and case.requester.phone == "080-0000-4004"
    assert case.requester_relationship == "姉"
    assert "家族 森 さくら" in case.summary or "森 さくら" in case.summary


def test_a_concern_reports_subject_gets_duplicate_suggestions_and_a_new_person_needs_a_confirmation(
    caseworker,
):
    existing = PersonFactory(
        family_name="桜井", given_name="健一", family_name_kana="サクライ", given_name_kana="ケンイチ"
    )
    report = ConcernReportFactory(subject_name="桜井 健一")
    change = caseworker.get(
        reverse("admin:consultations_concernreport_change", args=[report.pk])
    ).content.decode()
    assert reverse("admin:consultations_person_change", args=[existing.pk]) in change
    url = reverse("admin:consultations_concernreport_open_case", args=[report.pk])
    html = caseworker.get(url).content.decode()
    assert f'value="{existing.pk}"' in html and "氏名が同じ" in html
    response = _post(caseworker, url, person_choice="new", family_name="桜井", given_name="健一")
    assert response.status_code == 200
    assert "似た内容の方が登録されています" in response.content.decode()
    assert Person.objects.count() == 1
    response = _post(caseworker, url, person_choice=str(existing.pk))
    assert response.status_code == 302
    assert Case.objects.get().person == existing and Person.objects.count() == 1


def test_details_typed_on_the_form_are_checked_for_duplicates_too(caseworker):
    existing = PersonFactory(family_name="佐藤", given_name="一郎", phone="042-111-2222")
    report = ConcernReportFactory(subject_name="")
    url = reverse("admin:consultations_concernreport_open_case", args=[report.pk])
    data = {"person_choice": "new", "family_name": "佐藤", "given_name": "一郎", "confirm_new": "on"}
    response = _post(caseworker, url, **data)  # confirmed, but the match was never shown
    html = response.content.decode()
    assert response.status_code == 200 and "上の一覧に加えました" in html
    assert f'value="{existing.pk}"' in html
    shown = re.search(r'name="shown"(?: value="([^"]*)")?', html).group(1) or ""
    response = caseworker.post(
        url, {"worker": caseworker.user.pk, "household_choice": "none", "shown": shown, **data}
    )
    assert response.status_code == 302  # seen and confirmed: a different 佐藤 一郎
    assert Person.objects.filter(family_name="佐藤").count() == 2


def test_the_household_is_chosen_or_created_on_the_same_form(caseworker):
    area = AreaFactory()
    household = HouseholdFactory(name="森家", area=area)
    intake = ConsultationRequestFactory(
        name="森 大輔", name_kana="モリ ダイスケ", phone="", contact_method="no_call"
    )
    url = reverse("admin:consultations_consultationrequest_open_case", args=[intake.pk])
    html = caseworker.get(url).content.decode()
    assert 'data-model-name="household"' in html or "admin-autocomplete" in html  # the autocomplete
    response = _post(
        caseworker,
        url,
        person_choice="new",
        family_name="森",
        given_name="大輔",
        household_choice="existing",
        household=household.pk,
        relationship="child",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    case = Case.objects.get()
    assert (case.household, case.area) == (household, area)
    assert (case.person.household, case.person.relationship) == (household, Person.Relationship.CHILD)


def test_a_new_household_and_a_person_already_in_another_one(caseworker):
    intake = ConsultationRequestFactory(
        name="青木 由美", name_kana="アオキ ユミ", phone="", contact_method="no_call"
    )
    url = reverse("admin:consultations_consultationrequest_open_case", args=[intake.pk])
    response = _post(
        caseworker,
        url,
        person_choice="new",
        family_name="青木",
        given_name="由美",
        household_choice="new",
        household_name="",
    )
    assert "新しい世帯の名前を入力してください。" in response.content.decode()
    response = _post(
        caseworker,
        url,
        person_choice="new",
        family_name="青木",
        given_name="由美",
        household_choice="new",
        household_name="青木家",
        relationship="head",
    )
    assert response.status_code == 302
    person = Case.objects.get().person
    assert person.household.name == "青木家" and person.relationship == Person.Relationship.HEAD

    other = ConsultationRequestFactory(name="", name_kana="", phone="", contact_method="no_call")
    url = reverse("admin:consultations_consultationrequest_open_case", args=[other.pk])
    response = _post(
        caseworker,
        url,
        person_choice="new",
        family_name="x",
        household_choice="existing",
        household=HouseholdFactory().pk,
    )
    assert response.status_code == 302  # a new person joins any household
    in_one = PersonFactory(household=HouseholdFactory(name="山田家"))
    third = ConsultationRequestFactory(
        name=in_one.full_name, name_kana="", phone="", contact_method="no_call"
    )
    url = reverse("admin:consultations_consultationrequest_open_case", args=[third.pk])
    response = _post(
        caseworker,
        url,
        person_choice=str(in_one.pk),
        household_choice="existing",
        household=Household.objects.first().pk,
    )
    html = response.content.decode()
    assert response.status_code == 200 and "すでに「山田家」の世帯員です" in html
    field = html[html.index("field-household") :]
    assert field.index("すでに「山田家」の世帯員です") < field.index("</fieldset>")  # next to the field
    third.refresh_from_db()
    assert third.status == IntakeStatus.NEW
