"""Browser tests: Playwright drives Debian's chromium against the live server."""

import re
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("chromium is not installed: run `make system-deps` (apt-get install chromium).")
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "ja-JP", "timezone_id": "Asia/Tokyo"}


@pytest.fixture(scope="session")
def base_url(live_server):
    return live_server.url


_axe = Axe()


def assert_accessible(page):
    """axe-core finds no violations on the page as it is now (once its scripts have run)."""
    # The admin builds some widgets after the page loads (select2 boxes, the two-box chooser) and
    # staff-a11y.js names them right after: let both finish, as they do long before a person looks.
    page.wait_for_load_state("load")
    page.evaluate("() => new Promise((done) => setTimeout(done, 150))")
    results = _axe.run(page)
    violations = results.response["violations"]
    summary = [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
    ]
    assert not violations, "axe-core violations:\n" + "\n".join(summary)


def current_code(user):
    """What the user's authenticator app shows now."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def log_in(page, base_url, client):
    """Sign in in the browser as the user behind a cast fixture (see conftest.py), with the
    second factor when the user has enrolled; lands on the staff home."""
    page.goto(base_url + "/admin/login/")
    page.get_by_label(re.compile("ユーザー名")).fill(client.user.username)
    page.get_by_label(re.compile("パスワード")).fill("test-password-123")
    page.get_by_role("button", name=re.compile("ログイン")).click()
    if TOTPDevice.objects.filter(user=client.user, confirmed=True).exists():
        expect(page).to_have_url(re.compile("/staff/two-factor/"))
        page.get_by_label("確認コード").fill(current_code(client.user))
        page.get_by_role("button", name="ログインする").click()
    expect(page).to_have_url(re.compile("/staff/$"))
