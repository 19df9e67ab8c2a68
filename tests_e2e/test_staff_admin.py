"""Staff sign in to the Japanese admin; nothing there breaks under the strict CSP."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from welfare_portal.roles import MANAGER, roles_sync

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
