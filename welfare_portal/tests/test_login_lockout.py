"""Too many wrong passwords lock the login name (django-axes); a 管理者 can unlock it."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from welfare_portal.roles import CASEWORKER

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture
def worker(roles):
    user = get_user_model().objects.create_user("tanaka", password="right-password-123", is_staff=True)
    user.groups.add(Group.objects.get(name=CASEWORKER))
    return user


def _try(client, password, **extra):
    return client.post(LOGIN, {"username": "tanaka", "password": password, "next": "/staff/"}, **extra)


def test_five_wrong_passwords_lock_the_login_name(worker, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _try(client, "wrong")
        assert response.status_code == 200  # the login form again, with its error
    response = _try(client, "wrong")
    assert response.status_code == 429
    html = response.content.decode()
    assert "ログインを一時停止しています" in html
    assert "30分たってから" in html
    # Even the right password is refused while locked, from another browser too.
    response = _try(Client(), "right-password-123")
    assert response.status_code == 429
    assert "_auth_user_id" not in Client().session


def test_a_right_password_before_the_limit_resets_the_count(worker, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _try(client, "wrong")
    response = _try(client, "right-password-123")
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="tanaka", failures_since_start__gt=0).exists()


def test_lockout_records_the_address_behind_the_load_balancer(worker, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    _try(Client(), "wrong", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7", REMOTE_ADDR="10.0.0.2")
    attempt = AccessAttempt.objects.get(username="tanaka")
    assert attempt.ip_address == "198.51.100.7"


def test_manager_unlocks_from_the_user_list(worker, manager, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(Client(), "wrong")
    assert _try(Client(), "right-password-123").status_code == 429
    changelist = reverse("admin:auth_user_changelist")
    assert "ロック中" in manager.get(changelist).content.decode()
    response = manager.post(
        changelist, {"action": "unlock_login", "_selected_action": [worker.pk]}, follow=True
    )
    assert "1件のログイン名のロックを解除しました" in response.content.decode()
    assert _try(Client(), "right-password-123").status_code == 302


def test_manager_unlocks_from_the_lockout_list(worker, manager, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(Client(), "wrong")
    attempt = AccessAttempt.objects.get(username="tanaka")
    manager.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "unlock", "_selected_action": [attempt.pk]},
    )
    assert _try(Client(), "right-password-123").status_code == 302


def test_case_workers_cannot_see_or_lift_lockouts(caseworker, worker, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(Client(), "wrong")
    assert caseworker.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403
    response = caseworker.post(
        reverse("admin:auth_user_changelist"), {"action": "unlock_login", "_selected_action": [worker.pk]}
    )
    assert response.status_code == 403
    assert _try(Client(), "right-password-123").status_code == 429
