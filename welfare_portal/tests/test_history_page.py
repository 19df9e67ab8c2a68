"""The change history reads in Japanese and says, field by field, what changed and who changed it."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from consultations.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_history_shows_the_changed_fields_in_japanese(caseworker):
    person = PersonFactory(phone="042-111-2222")
    caseworker.user.last_name, caseworker.user.first_name = "相談", "花子"
    caseworker.user.save()
    response = caseworker.post(
        reverse("admin:consultations_person_change", args=[person.pk]),
        {
            "family_name": person.family_name,
            "given_name": person.given_name,
            "family_name_kana": person.family_name_kana,
            "given_name_kana": person.given_name_kana,
            "birth_date": "1980-04-01",
            "phone": "042-333-4444",
            "cases-TOTAL_FORMS": "0",
            "cases-INITIAL_FORMS": "0",
            "consents-TOTAL_FORMS": "0",
            "consents-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    html = caseworker.get(reverse("admin:consultations_person_history", args=[person.pk])).content.decode()
    assert "変更履歴" in html
    assert (
        '<strong>電話番号</strong>: <span class="history-old">042-111-2222</span> → <span class="history-new">042-333-4444</span>'
        in html
    )
    assert "相談 花子" in html  # by name, not login name
    assert caseworker.user.username not in html.split('id="change-history"')[1]
    assert "作成" in html and "変更" in html
    for english in ("Changed by", "Date/time", "Change reason", "Object", "revert"):
        assert english not in html


def test_history_does_not_link_to_the_user_admin(caseworker):
    person = PersonFactory()
    html = caseworker.get(reverse("admin:consultations_person_history", args=[person.pk])).content.decode()
    assert "/admin/auth/user/" not in html


def test_staff_appear_by_name_in_dropdowns_and_filters(caseworker):
    User = get_user_model()
    User.objects.create_user("demo-worker", first_name="一郎", last_name="相談", is_staff=True)
    html = caseworker.get(reverse("admin:consultations_case_add")).content.decode()
    assert ">相談 一郎<" in html
    assert ">demo-worker<" not in html
