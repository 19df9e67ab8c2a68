"""Staff review: possible duplicates are suggested, and registering links the one record."""

import pytest
from django.urls import reverse

from consultations.models import Household, Person
from food_support import services
from food_support.models import FoodRegistration
from food_support.selectors import application_candidates

from .factories import FoodApplicationFactory, FoodRegistrationFactory, HouseholdFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_candidates_match_by_name_kana_phone_and_address():
    application = FoodApplicationFactory()
    by_name = PersonFactory(family_name="佐藤", given_name="花子", family_name_kana="", given_name_kana="")
    by_kana = PersonFactory(
        family_name="左藤", given_name="華子", family_name_kana="サトウ", given_name_kana="ハナコ"
    )
    by_phone = PersonFactory(family_name="別人", given_name="一", phone="090-1111-2222")
    household_by_address = HouseholdFactory(name="関戸の世帯", address="東京都多摩市関戸1-1")
    PersonFactory(family_name="無関係", given_name="二", phone="03-0000-0000")

    people, households = application_candidates(application=application)
    found = dict(people)
    assert set(found) == {by_name, by_kana, by_phone}
    assert "氏名が同じ" in found[by_name]
    assert "ふりがなが同じ" in found[by_kana]
    assert "電話番号が同じ" in found[by_phone]
    household_found = dict(households)
    assert household_by_address in household_found
    assert "住所が同じ" in household_found[household_by_address]
    assert by_name.household in household_found


def test_register_creates_person_household_and_active_registration(coordinator):
    application = FoodApplicationFactory(adults=2, children=1, allergies="えび")
    registration = services.application_register(application=application, user=coordinator.user)
    assert registration.status == "active"
    assert registration.person.family_name_kana == "サトウ"
    assert registration.person.household == registration.household
    assert (registration.adults, registration.children, registration.allergies) == (2, 1, "えび")
    assert (registration.review_due_on - registration.registered_on).days == 365
    application.refresh_from_db()
    assert application.status == "registered" and application.registration == registration


def test_register_links_an_existing_person_and_their_household(coordinator):
    person = PersonFactory()
    application = FoodApplicationFactory()
    registration = services.application_register(
        application=application, user=coordinator.user, person=person
    )
    assert registration.person == person
    assert registration.household == person.household
    assert Person.objects.count() == 1 and Household.objects.count() == 1


def test_a_household_is_never_registered_twice(coordinator):
    existing = FoodRegistrationFactory()
    application = FoodApplicationFactory()
    with pytest.raises(services.AlreadyRegistered):
        services.application_register(
            application=application, user=coordinator.user, household=existing.household
        )
    application.refresh_from_db()
    assert application.status == "new"
    assert FoodRegistration.objects.count() == 1


def test_an_application_is_registered_only_once(coordinator):
    application = FoodApplicationFactory()
    services.application_register(application=application, user=coordinator.user)
    with pytest.raises(services.ApplicationAlreadyReviewed):
        services.application_register(application=application, user=coordinator.user)


def test_review_page_shows_candidates_and_registers_with_the_chosen_person(coordinator):
    person = PersonFactory(family_name="佐藤", given_name="花子")
    application = FoodApplicationFactory()
    url = reverse("food_support_staff:application-review", args=[application.pk])
    page = coordinator.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "すでに関わりのある方ですか" in text and "氏名が同じ" in text
    response = coordinator.post(url, {"person": str(person.pk), "household": ""})
    registration = FoodRegistration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("food_support_staff:registration-detail", args=[registration.pk])
    assert registration.person == person


def test_decline_needs_a_reason(coordinator):
    application = FoodApplicationFactory()
    url = reverse("food_support_staff:application-review", args=[application.pk])
    coordinator.post(url, {"decline": "1", "reason": ""})
    application.refresh_from_db()
    assert application.status == "new"
    coordinator.post(url, {"decline": "1", "reason": "市外在住のため"})
    application.refresh_from_db()
    assert application.status == "declined" and application.decline_reason == "市外在住のため"


def test_status_change_page_requires_reason_for_pause(coordinator):
    registration = FoodRegistrationFactory()
    url = reverse("food_support_staff:registration-detail", args=[registration.pk])
    response = coordinator.post(url, {"status": "paused", "reason": ""})
    assert "休止・終了の理由を記入してください。" in response.content.decode()
    coordinator.post(url, {"status": "paused", "reason": "体調不良のため"})
    registration.refresh_from_db()
    assert registration.status == "paused" and registration.status_reason == "体調不良のため"


def test_a_person_is_not_registered_with_another_household(coordinator):
    # Both are offered on the review page: the person by name, the household by phone.
    person = PersonFactory(family_name="佐藤", given_name="花子")
    other = HouseholdFactory(phone="090-1111-2222")
    application = FoodApplicationFactory()
    with pytest.raises(services.PersonInAnotherHousehold):
        services.application_register(
            application=application, user=coordinator.user, person=person, household=other
        )
    url = reverse("food_support_staff:application-review", args=[application.pk])
    response = coordinator.post(url, {"person": str(person.pk), "household": str(other.pk)}, follow=True)
    assert "別の世帯" in response.content.decode()
    assert FoodRegistration.objects.count() == 0
    application.refresh_from_db()
    assert application.status == "new"


def test_an_application_with_details_the_record_refuses_is_a_message_not_an_error(coordinator):
    # An old or admin-edited application whose phone the person record does not accept.
    application = FoodApplicationFactory(phone="not-a-phone")
    with pytest.raises(services.FoodSupportError):
        services.application_register(application=application, user=coordinator.user)
    url = reverse("food_support_staff:application-review", args=[application.pk])
    response = coordinator.post(url, {"person": "", "household": ""}, follow=True)
    assert response.status_code == 200
    assert "登録できませんでした" in response.content.decode()
    assert FoodRegistration.objects.count() == 0 and Person.objects.count() == 0
    assert Household.objects.count() == 0


@pytest.mark.parametrize(("age", "warned"), [(18, False), (39, False), (40, True), (67, True)])
def test_review_page_warns_about_applicants_outside_the_target_age(coordinator, age, warned):
    application = FoodApplicationFactory(age=age)
    page = coordinator.get(reverse("food_support_staff:application-review", args=[application.pk]))
    html = page.content.decode()
    assert ("30代くらいまで" in html) is warned
    assert ("対象年齢外" in html) is warned
    # A warning only: registering still works.
    assert 'name="person"' in html
    if warned:
        services.application_register(application=application, user=coordinator.user)
        assert FoodRegistration.objects.count() == 1
