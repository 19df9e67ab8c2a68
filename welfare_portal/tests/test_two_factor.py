"""Staff who can open case records give a second factor (TOTP or a backup code) after the password."""

import base64
import re
import time

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from welfare_portal import two_factor
from welfare_portal.roles import CASEWORKER, COORDINATOR

pytestmark = pytest.mark.django_db


def code(device, at=None):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if at is not None:
        totp.time = at
    return f"{totp.token():06d}"


def _user(name, role):
    user = get_user_model().objects.create_user(name, password="right-password-123", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def _password_only(user):
    client = Client()
    response = client.post(
        "/admin/login/", {"username": user.username, "password": "right-password-123", "next": "/staff/"}
    )
    assert response.status_code == 302
    return client


@pytest.fixture
def enrolled_worker(roles):
    user = _user("sato", CASEWORKER)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user, device


@pytest.mark.parametrize(
    "url",
    [
        "/staff/",
        "/admin/",
        "/admin/consultations/case/",
        "/admin/consultations/person/",
        "/staff/food/",
        "/staff/session/keepalive/",
    ],
)
def test_password_alone_opens_no_staff_page(enrolled_worker, url):
    user, _device = enrolled_worker
    client = _password_only(user)
    response = client.get(url)
    if url == "/staff/session/keepalive/":
        assert response.status_code == 204  # no content, nothing to read
        return
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two-factor-verify"))


def test_the_code_completes_the_sign_in(enrolled_worker):
    user, device = enrolled_worker
    client = _password_only(user)
    response = client.post(
        reverse("two-factor-verify"), {"code": code(device), "next": "/admin/consultations/case/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/consultations/case/"
    assert client.get("/admin/consultations/case/").status_code == 200


def test_full_width_digits_and_spaces_in_the_code_are_accepted(enrolled_worker):
    user, device = enrolled_worker
    client = _password_only(user)
    typed = code(device).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    typed = typed[:3] + " " + typed[3:]
    assert client.post(reverse("two-factor-verify"), {"code": typed}).status_code == 302
    assert client.get("/staff/").status_code == 200


def test_a_wrong_code_says_so_in_japanese_and_signs_nobody_in(enrolled_worker):
    user, device = enrolled_worker
    client = _password_only(user)
    wrong = "000000" if code(device) != "000000" else "111111"
    response = client.post(reverse("two-factor-verify"), {"code": wrong})
    assert response.status_code == 200
    assert "コードが違うか、有効期限が切れています" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_after_a_wrong_code_the_next_try_must_wait(enrolled_worker):
    user, device = enrolled_worker
    client = _password_only(user)
    with time_machine.travel("2026-12-01 10:00:00 +0900", tick=False):
        client.post(
            reverse("two-factor-verify"), {"code": "000000" if code(device) != "000000" else "111111"}
        )
        response = client.post(reverse("two-factor-verify"), {"code": code(device)})
        assert "秒待ってから" in response.content.decode()
    with time_machine.travel("2026-12-01 10:00:05 +0900", tick=False):
        device.refresh_from_db()
        assert client.post(reverse("two-factor-verify"), {"code": code(device)}).status_code == 302


def test_a_code_from_an_old_time_window_is_refused(enrolled_worker):
    user, device = enrolled_worker
    client = _password_only(user)
    old = code(device, at=time.time() - 300)
    response = client.post(reverse("two-factor-verify"), {"code": old})
    assert response.status_code == 200


def test_a_backup_code_works_once(enrolled_worker):
    user, _device = enrolled_worker
    codes = two_factor.backup_codes_new(user)
    client = _password_only(user)
    response = client.post(reverse("two-factor-verify"), {"code": codes[0]}, follow=True)
    assert "予備コードでログインしました。予備コードは残り9個です。" in response.content.decode()
    again = _password_only(user)
    response = again.post(reverse("two-factor-verify"), {"code": codes[0]})
    assert response.status_code == 200
    assert StaticToken.objects.filter(device__user=user).count() == 9


def test_first_sign_in_enrols_with_a_qr_code_and_shows_backup_codes(roles):
    user = _user("new-worker", CASEWORKER)
    client = _password_only(user)
    response = client.get("/staff/")
    assert response["Location"].startswith(reverse("two-factor-setup"))
    page = client.get(reverse("two-factor-setup")).content.decode()
    assert 'src="data:image/svg+xml' in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in page
    response = client.post(reverse("two-factor-setup"), {"code": code(device)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2段階認証を設定しました" in html
    assert StaticToken.objects.filter(device__user=user).count() == 10
    for token in StaticToken.objects.filter(device__user=user):
        assert token.token in html
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/consultations/case/").status_code == 200


def test_enrolment_does_not_replace_an_existing_phone_without_it(enrolled_worker):
    """A stolen password alone must not swap in the thief's phone."""
    user, device = enrolled_worker
    client = _password_only(user)
    response = client.get(reverse("two-factor-setup") + "?replace=1")
    assert response["Location"] == reverse("two-factor-verify")
    client.post(reverse("two-factor-setup"), {"code": "123456"})
    assert list(TOTPDevice.objects.filter(user=user)) == [device]


def test_moving_to_a_new_phone_replaces_the_old_one(caseworker):
    old = TOTPDevice.objects.get(user=caseworker.user)
    page = caseworker.get(reverse("two-factor-setup") + "?replace=1").content.decode()
    assert "新しいスマートフォン" in page
    new = TOTPDevice.objects.get(user=caseworker.user, confirmed=False)
    caseworker.post(reverse("two-factor-setup"), {"code": code(new)})
    assert list(TOTPDevice.objects.filter(user=caseworker.user)) == [new]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()


def test_coordinators_sign_in_without_a_second_factor_by_default(roles):
    user = _user("suzuki", COORDINATOR)
    client = _password_only(user)
    assert client.get("/staff/food/").status_code == 200


def test_everyone_is_asked_when_the_setting_says_all(roles, settings):
    settings.TWO_FACTOR_REQUIRED_FOR = "all"
    client = _password_only(_user("suzuki", COORDINATOR))
    assert client.get("/staff/food/")["Location"].startswith(reverse("two-factor-setup"))


def test_a_coordinator_who_enrolled_is_always_asked(roles):
    user = _user("suzuki", COORDINATOR)
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = _password_only(user)
    assert client.get("/staff/food/")["Location"].startswith(reverse("two-factor-verify"))


def test_manager_resets_a_lost_phone(manager, enrolled_worker):
    user, _device = enrolled_worker
    two_factor.backup_codes_new(user)
    response = manager.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [user.pk]},
        follow=True,
    )
    assert "1人の2段階認証をリセットしました" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticToken.objects.filter(device__user=user).exists()
    client = _password_only(user)
    assert client.get("/staff/")["Location"].startswith(reverse("two-factor-setup"))


def test_case_worker_cannot_reset_anyone(caseworker, enrolled_worker):
    user, _device = enrolled_worker
    response = caseworker.post(
        reverse("admin:auth_user_changelist"), {"action": "reset_two_factor", "_selected_action": [user.pk]}
    )
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=user).exists()


def test_server_command_resets_when_no_manager_can_sign_in(enrolled_worker):
    user, _device = enrolled_worker
    call_command("two_factor_reset", "sato")
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_the_user_list_shows_who_has_enrolled(manager, enrolled_worker):
    _user("not-yet", CASEWORKER)
    html = manager.get(reverse("admin:auth_user_changelist")).content.decode()

    def enrolled_cell(username):
        row = re.search(rf"<tr>(?:(?!</tr>).)*>{username}</a>(?:(?!</tr>).)*</tr>", html, re.S).group(0)
        return re.search(r'class="field-two_factor_enrolled"><img src="[^"]*icon-(yes|no)', row).group(1)

    assert enrolled_cell("sato") == "yes"
    assert enrolled_cell("not-yet") == "no"
