"""Intake → case conversion, duplicate suggestions, closing, overdue next actions, rate limits."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import override_settings

from consultations import services
from consultations.models import Case, ConsultationRequest, IntakeStatus, Person, Topic

from .factories import (
    CaseFactory,
    ConcernReportFactory,
    ConsultationRequestFactory,
    ContactLogFactory,
    HouseholdFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def _fields(**overrides):
    fields = {
        "requester": "self",
        "name": "",
        "name_kana": "",
        "contact_method": "no_call",
        "phone": "",
        "contact_times": "",
        "email": "",
        "age_range": "",
        "details": "",
        "consent": True,
    }
    fields.update(overrides)
    return fields


def test_request_create_gives_a_reference_and_is_idempotent_per_token():
    topic = Topic.objects.get(code="work")
    first, created = services.consultation_request_create(
        fields=_fields(), topics=[topic], submission_token="tok", client_key="k"
    )
    again, created_again = services.consultation_request_create(
        fields=_fields(), topics=[topic], submission_token="tok", client_key="k"
    )
    assert created and not created_again
    assert again.pk == first.pk
    assert first.reference.startswith("R-")
    assert list(first.topics.all()) == [topic]
    assert ConsultationRequest.objects.count() == 1


def test_going_back_and_sending_something_different_is_saved_too():
    first, _created = services.consultation_request_create(
        fields=_fields(details="最初の内容"), topics=[], submission_token="tok", client_key="k"
    )
    second, created = services.consultation_request_create(
        fields=_fields(details="書き直した内容"), topics=[], submission_token="tok", client_key="k"
    )
    assert created and second.pk != first.pk and second.reference != first.reference
    assert second.submission_token != "tok"
    assert list(ConsultationRequest.objects.order_by("pk").values_list("details", flat=True)) == [
        "最初の内容",
        "書き直した内容",
    ]


def test_request_create_validates_with_full_clean():
    with pytest.raises(ValidationError):
        services.consultation_request_create(
            fields=_fields(contact_method="phone", phone="bad"),
            topics=[],
            submission_token="t",
            client_key="k",
        )
    assert ConsultationRequest.objects.count() == 0


def test_submission_token_is_unique_in_the_database():
    ConsultationRequestFactory(submission_token="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsultationRequestFactory(submission_token="same")


def test_consent_is_a_database_invariant():
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsultationRequestFactory(consent=False)


def test_rate_limit_counts_per_client_key():
    for _ in range(services.RATE_LIMIT):
        services.rate_limit_hit(client_key="a")
    with pytest.raises(services.RateLimited):
        services.rate_limit_hit(client_key="a")
    services.rate_limit_hit(client_key="b")


def test_client_hash_is_keyed_and_not_the_address(settings):
    digest = services.client_hash("203.0.113.5")
    import hashlib

    assert len(digest) == 64
    assert digest != hashlib.sha256(b"203.0.113.5").hexdigest()  # keyed, not a plain hash
    assert digest == services.client_hash("203.0.113.5")
    settings.SECRET_KEY = "another-secret-key-another-secret-key-0000"
    assert services.client_hash("203.0.113.5") != digest


def test_duplicate_suggestions_rank_by_number_of_matching_details():
    strong = PersonFactory(
        family_name="佐藤",
        given_name="健",
        family_name_kana="サトウ",
        given_name_kana="ケン",
        phone="042-111-2222",
        birth_date=datetime.date(1970, 1, 2),
    )
    phone_only = PersonFactory(
        family_name="鈴木",
        given_name="一",
        family_name_kana="スズキ",
        given_name_kana="ハジメ",
        phone="042-111-2222",
    )
    kana_only = PersonFactory(
        family_name="左藤", given_name="健", family_name_kana="サトウ", given_name_kana="ケン"
    )
    household_phone = PersonFactory(
        family_name="田中",
        given_name="",
        family_name_kana="タナカ",
        given_name_kana="",
        household=HouseholdFactory(phone="042-111-2222"),
    )
    PersonFactory(family_name="高橋", given_name="誠", family_name_kana="タカハシ", given_name_kana="マコト")

    suggestions = services.person_match_suggestions(
        family_name="佐藤",
        given_name="健",
        kana="サトウ ケン",
        phone="042-111-2222",
        birth_date=datetime.date(1970, 1, 2),
    )
    people = [person for person, _reasons in suggestions]
    assert people[0] == strong
    assert {str(r) for r in suggestions[0][1]} == {
        "氏名が同じ",
        "ふりがなが同じ",
        "電話番号が同じ",
        "生年月日が同じ",
    }
    assert set(people[1:]) == {phone_only, kana_only, household_phone}
    assert len(people) == 4


def test_no_details_no_suggestions():
    PersonFactory()
    assert services.person_match_suggestions() == []


def test_case_open_from_request_creates_the_person(django_user_model):
    worker = django_user_model.objects.create_user("w")
    request = ConsultationRequestFactory(name="山田 花子", name_kana="ヤマダ ハナコ", phone="042-373-5616")
    request.topics.set([Topic.objects.get(code="debt")])
    details = services.intake_person_details(request)
    case = services.case_open_from_intake(intake=request, worker=worker, person_fields=details)

    request.refresh_from_db()
    assert request.case == case
    assert request.status == IntakeStatus.CONVERTED
    assert request.handled_by == worker
    assert case.channel == Case.Channel.ONLINE
    assert case.status == Case.Status.INTAKE
    assert case.worker == worker
    assert case.reference.startswith("K-")
    assert [t.code for t in case.topics.all()] == ["debt"]
    person = case.person
    assert (person.family_name, person.given_name, person.family_name_kana) == ("山田", "花子", "ヤマダ")
    assert person.phone == "042-373-5616"
    assert person.created_by == worker


def test_case_open_links_an_existing_person_and_household(django_user_model):
    worker = django_user_model.objects.create_user("w")
    household = HouseholdFactory()
    person = PersonFactory(household=household)
    report = ConcernReportFactory()
    case = services.case_open_from_intake(intake=report, worker=worker, person=person)
    assert Person.objects.count() == 1
    assert case.person == person and case.household == household
    assert case.channel == Case.Channel.CONCERN_SHEET
    assert report.observations in case.summary


def test_an_intake_becomes_a_case_only_once(django_user_model):
    worker = django_user_model.objects.create_user("w")
    request = ConsultationRequestFactory()
    services.case_open_from_intake(intake=request, worker=worker, person=PersonFactory())
    with pytest.raises(services.AlreadyConverted):
        services.case_open_from_intake(intake=request, worker=worker, person=PersonFactory())
    assert Case.objects.count() == 1


def test_case_open_rolls_back_when_the_new_person_is_invalid(django_user_model):
    worker = django_user_model.objects.create_user("w")
    request = ConsultationRequestFactory()
    with pytest.raises(ValidationError):
        services.case_open_from_intake(
            intake=request, worker=worker, person_fields={"family_name": "", "phone": "bad"}
        )
    request.refresh_from_db()
    assert request.status == IntakeStatus.NEW and request.case is None
    assert Case.objects.count() == 0 and Person.objects.count() == 0


def test_case_close_needs_a_reason_and_is_enforced_by_the_database():
    case = CaseFactory(opened_on=datetime.date(2026, 4, 1))
    with pytest.raises(ValidationError) as error:
        services.case_close(case=case, reason="")
    assert "closing_reason" in error.value.message_dict
    services.case_close(case=case, reason=Case.ClosingReason.RESOLVED, closed_on=datetime.date(2026, 5, 1))
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED and case.closed_on == datetime.date(2026, 5, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(closing_reason="")


def test_open_case_with_closing_date_is_invalid():
    case = CaseFactory.build(person=PersonFactory(), closed_on=datetime.date(2026, 1, 1))
    with pytest.raises(ValidationError) as error:
        case.full_clean()
    assert "closed_on" in error.value.message_dict


def test_overdue_next_actions_follow_the_clock(django_user_model):
    worker = django_user_model.objects.create_user("w")
    with time_machine.travel(datetime.datetime(2026, 6, 10, 12, tzinfo=datetime.UTC)):
        due_case = CaseFactory(worker=worker)
        ContactLogFactory(case=due_case, next_action="電話する", next_action_due=datetime.date(2026, 6, 12))
        done_case = CaseFactory(worker=worker)
        ContactLogFactory(
            case=done_case, next_action="済", next_action_due=datetime.date(2026, 6, 1), next_action_done=True
        )
        assert list(Case.objects.overdue()) == []
    with time_machine.travel(datetime.datetime(2026, 6, 13, 12, tzinfo=datetime.UTC)):
        assert list(Case.objects.overdue()) == [due_case]
        assert list(Case.objects.assigned_to(worker).open().overdue()) == [due_case]


def test_household_create_for_person():
    person = PersonFactory(address="多摩市関戸", phone="042-000-0000")
    household = services.household_create_for(person=person, name="山田家")
    person.refresh_from_db()
    assert person.household == household
    assert person.relationship == Person.Relationship.HEAD
    assert household.phone == "042-000-0000"


def test_rate_limit_fails_open_when_the_cache_is_unavailable():
    broken = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "no_such_table"}
    }
    with override_settings(CACHES=broken):
        for _ in range(services.RATE_LIMIT + 1):
            services.rate_limit_hit(client_key="a")
        intake, created = services.consultation_request_create(
            fields=_fields(), topics=[], submission_token="t", client_key="a"
        )
    assert created and ConsultationRequest.objects.filter(pk=intake.pk).exists()


def test_going_back_and_changing_only_the_topics_is_saved_too():
    work, housing = Topic.objects.get(code="work"), Topic.objects.exclude(code="work").first()
    first, _created = services.consultation_request_create(
        fields=_fields(), topics=[work], submission_token="tok", client_key="k"
    )
    second, created = services.consultation_request_create(
        fields=_fields(), topics=[work, housing], submission_token="tok", client_key="k"
    )
    assert created and second.pk != first.pk
    assert set(second.topics.all()) == {work, housing}


def test_duplicate_suggestions_ignore_spaces_in_names_and_hyphens_in_phones():
    from consultations.models import Person

    known = Person.objects.create(
        family_name="山田",
        given_name="花子",
        family_name_kana="ヤマダ",
        given_name_kana="ハナコ",
        phone="042-373-5616",
    )
    suggestions = dict(services.person_match_suggestions(family_name="山田花子", kana="ヤマダハナコ"))
    assert known in suggestions and len(suggestions[known]) == 2
    suggestions = dict(services.person_match_suggestions(phone="0423735616"))
    assert known in suggestions


def test_intake_status_set_keeps_history_and_leaves_converted_ones(django_user_model):
    from consultations.models import ConsultationRequest, IntakeStatus

    from .factories import ConsultationRequestFactory

    worker = django_user_model.objects.create_user("triage-worker")
    new = ConsultationRequestFactory()
    converted = ConsultationRequestFactory(status=IntakeStatus.CONVERTED)
    count = services.intake_status_set(
        intakes=ConsultationRequest.objects.all(), status=IntakeStatus.IN_PROGRESS, user=worker
    )
    assert count == 1
    new.refresh_from_db()
    converted.refresh_from_db()
    assert new.status == IntakeStatus.IN_PROGRESS and new.handled_by == worker
    assert converted.status == IntakeStatus.CONVERTED
    assert new.history.first().status == IntakeStatus.IN_PROGRESS
