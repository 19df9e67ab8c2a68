"""The public /food/ page and its application form."""

import re
import uuid

import pytest
from django.urls import reverse

from food_support.forms import FoodApplicationForm
from food_support.models import FoodApplication

from .factories import PickupPlaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def place():
    return PickupPlaceFactory()


def _data(place, **changes):
    data = {
        "family_name": "佐藤",
        "given_name": "花子",
        "family_name_kana": "さとう",
        "given_name_kana": "ﾊﾅｺ",
        "age": "28",
        "adults": "1",
        "children": "2",
        "allergies": "卵(長女)",
        "preferred_place": str(place.pk),
        "phone": "０９０ー１２３４ー５６７８",
        "email": "",
        "postal_code": "",
        "address": "",
        "message": "",
        "consent": "on",
        "submission_token": str(uuid.uuid4()),
        "website": "",
    }
    data.update(changes)
    return data


def test_page_explains_who_it_is_for_and_how_it_works(resident, place):
    response = resident.get(reverse("food_support:index"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "<h1>食料支援</h1>" in text
    assert "概ね30代まで" in text
    assert "利用の流れ" in text
    assert place.name in text
    assert 'href="/privacy/"' in text
    assert "data-submit-once" in text
    assert 'name="submission_token"' in text


def test_application_is_saved_normalised_and_thanks_page_has_reference(resident, place):
    response = resident.post(reverse("food_support:index"), _data(place))
    assert response.status_code == 302
    assert response["Location"] == reverse("food_support:thanks")
    application = FoodApplication.objects.get()
    assert application.family_name_kana == "サトウ"
    assert application.given_name_kana == "ハナコ"
    assert application.phone == "090-1234-5678"
    assert (application.adults, application.children) == (1, 2)
    assert application.status == "new"
    thanks = resident.get(response["Location"])
    text = thanks.content.decode()
    assert application.reference in text
    assert "お申込みありがとうございました" in text
    # Nothing personal in the page or its URL.
    assert "佐藤" not in text and "090-1234-5678" not in text


def test_pressing_the_button_twice_saves_one_application(resident, place):
    data = _data(place)
    first = resident.post(reverse("food_support:index"), data)
    second = resident.post(reverse("food_support:index"), data)
    assert first.status_code == second.status_code == 302
    assert FoodApplication.objects.count() == 1


def test_honeypot_saves_nothing(resident, place):
    response = resident.post(reverse("food_support:index"), _data(place, website="http://spam.example"))
    assert response.status_code == 302
    assert FoodApplication.objects.count() == 0
    assert "受付番号" not in resident.get(response["Location"]).content.decode()


def test_errors_are_in_japanese_next_to_the_field_and_input_is_kept(resident, place):
    response = resident.post(
        reverse("food_support:index"), _data(place, family_name_kana="sato", consent="", phone="", email="")
    )
    assert response.status_code == 200
    text = response.content.decode()
    kana_error = re.search(r'<div id="id_family_name_kana_error"[^>]*>(.*?)</div>', text, re.S).group(1)
    assert "ふりがなは、ひらがなかカタカナで入力してください。" in kana_error
    assert 'aria-describedby="id_family_name_kana_error"' in text
    assert '<div id="id_given_name_kana_error"' not in text
    assert "同意をお願いします" in text
    assert "電話番号かメールアドレス" in text
    assert 'value="佐藤"' in text
    assert FoodApplication.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"family_name": ""}, "family_name"),
        ({"given_name_kana": "hanako"}, "given_name_kana"),
        ({"age": "-1"}, "age"),
        ({"adults": "0"}, "adults"),
        ({"children": "-1"}, "children"),
        ({"preferred_place": ""}, "preferred_place"),
        ({"phone": "12345"}, "phone"),
        ({"phone": "", "email": ""}, "phone"),
        ({"email": "not-an-email"}, "email"),
        ({"postal_code": "12-34"}, "postal_code"),
        ({"consent": ""}, "consent"),
    ],
)
def test_form_validation_rules(place, changes, field):
    form = FoodApplicationForm(_data(place, **changes))
    assert not form.is_valid()
    assert field in form.errors


def test_form_accepts_email_instead_of_phone(place):
    form = FoodApplicationForm(_data(place, phone="", email="hanako@example.jp"))
    assert form.is_valid(), form.errors
