"""Staff sign in to the Japanese admin; nothing there breaks under the strict CSP."""

import base64
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.oath import TOTP
from playwright.sync_api import expect

from welfare_portal.roles import MANAGER, roles_sync

from .conftest import assert_accessible, log_in


def code_for(secret):
    """What an authenticator app shows for a key typed from the set-up page."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{TOTP(key).token():06d}"


pytestmark = pytest.mark.django_db(transaction=True)


def test_manager_signs_in_and_admin_pages_raise_no_csp_errors(page, base_url):
    roles_sync()
    user = get_user_model().objects.create_user("kanri", password="kanri-password-123", is_staff=True)
    user.groups.add(Group.objects.get(name=MANAGER))
    csp_errors = []
    page.on(
        "console", lambda msg: csp_errors.append(msg.text) if "Content Security Policy" in msg.text else None
    )

    page.goto(base_url + "/admin/")
    expect(page.locator("#site-name")).to_contain_text("多摩市社会福祉協議会")
    page.get_by_label("ユーザー名").fill("kanri")
    page.get_by_label("パスワード").fill("kanri-password-123")
    page.get_by_role("button", name="ログイン").click()

    # First sign-in: the manager must set up two-step sign-in before anything else.
    expect(page).to_have_url(re.compile("/staff/two-factor/setup/"))
    expect(page.locator("img.two-factor-qr")).to_be_visible()
    assert_accessible(page)
    secret = page.locator(".two-factor-secret").inner_text().replace(" ", "")
    page.get_by_label("確認コード").fill("000000" if code_for(secret) != "000000" else "111111")
    page.get_by_role("button", name="確認する").click()
    expect(page.locator(".errorlist")).to_contain_text("コードが一致しません")
    page.get_by_label("確認コード").fill(code_for(secret))
    page.get_by_role("button", name="確認する").click()
    # Straight after a wrong code the next try waits a moment (throttling), and says so.
    expect(page.locator(".errorlist")).to_contain_text("秒待ってから")
    page.wait_for_timeout(2100)
    page.get_by_label("確認コード").fill(code_for(secret))
    page.get_by_role("button", name="確認する").click()
    expect(page.locator(".two-factor-done")).to_contain_text("2段階認証を設定しました")
    expect(page.locator(".backup-codes li")).to_have_count(10)
    page.get_by_role("link", name="職員ホームへ進む").click()
    expect(page).to_have_url(re.compile("/staff/$"))
    expect(page.locator("#content h1")).to_contain_text("職員ホーム")
    assert_accessible(page)

    page.goto(base_url + "/admin/")
    expect(page.locator("#content h1")).to_contain_text("相談記録と事業の管理")

    for path in [
        "/admin/consultations/person/add/",
        "/admin/consultations/household/",
        "/admin/participation/participant/add/",
        "/admin/auth/user/",
    ]:
        page.goto(base_url + path)
        expect(page.locator("#content")).to_be_visible()
    assert csp_errors == []


ADMIN_PAGES_TO_READ = [
    "/admin/",
    "/admin/ibasho/gathering/",
    "/admin/ibasho/gathering/add/",
    "/admin/ibasho/booking/",
    "/admin/food_support/foodregistration/",
    "/admin/food_support/foodregistration/add/",
    "/admin/food_support/distribution/add/",
    "/admin/participation/activity/add/",
    "/admin/participation/participant/",
    "/admin/consultations/person/",
    "/admin/consultations/case/",
    "/admin/auth/user/",
    "/staff/food/",
    "/staff/ibasho/",
]


def test_admin_pages_of_every_app_pass_axe(page, base_url, manager):
    """The staff side is a workplace too: the admin's own lists and forms, not only our pages."""
    from ibasho.tests.factories import GatheringFactory

    GatheringFactory()
    log_in(page, base_url, manager)
    failures = []
    for path in ADMIN_PAGES_TO_READ:
        page.goto(base_url + path)
        expect(page.locator("#content")).to_be_visible()
        try:
            assert_accessible(page)
        except AssertionError as error:
            failures.append(f"{path}: {error}")
    assert not failures, "\n".join(failures)
