"""403, 400 and an expired form answer in Japanese, inside the site's own layout."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_staff_403_is_japanese_with_the_staff_menu(coordinator):
    response = coordinator.get(reverse("admin:consultations_case_changelist"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "このページは表示できません" in html
    assert "管理者に相談してください" in html
    assert 'id="site-name"' in html and reverse("staff-home") in html
    assert "403 Forbidden" not in html


def test_staff_403_outside_the_admin_too(caseworker):
    response = caseworker.get(reverse("food_support_staff:distribution-rollover"))
    assert response.status_code == 403
    assert "このページは表示できません" in response.content.decode()


def test_refused_filter_gives_a_japanese_400(coordinator):
    response = coordinator.get(reverse("admin:consultations_person_changelist") + "?notes__regex=a")
    assert response.status_code == 400
    assert "このリクエストは処理できませんでした" in response.content.decode()


def test_public_csrf_failure_is_japanese_in_the_public_layout():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("consultations:request-create"), {"name": "山田"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "フォームの有効期限が切れていました" in html
    assert "まだ何も送信されていません" in html
    assert "042-373-5616" in html  # the council's phone, as on every public page
    assert "CSRF" not in html
