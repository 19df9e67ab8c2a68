"""Staff sessions end after 30 idle minutes and a working day after sign-in, and say why."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from welfare_portal.middleware import LAST_SEEN_KEY, SIGNED_IN_AT_KEY

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=9)))


@pytest.fixture
def signed_in(caseworker):
    with time_machine.travel(START, tick=False):
        session = caseworker.session
        session[SIGNED_IN_AT_KEY] = session[LAST_SEEN_KEY] = START.timestamp()
        session.save()
    return caseworker


def _get(client, at, path="/staff/"):
    with time_machine.travel(at, tick=False):
        return client.get(path)


def test_29_idle_minutes_keep_the_session(signed_in):
    assert _get(signed_in, START + datetime.timedelta(minutes=29)).status_code == 200


def test_31_idle_minutes_end_it_and_the_login_page_says_why(signed_in):
    response = _get(signed_in, START + datetime.timedelta(minutes=31), "/admin/consultations/case/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert "next=/admin/consultations/case/" in response["Location"]
    with time_machine.travel(START + datetime.timedelta(minutes=31), tick=False):
        page = signed_in.get(response["Location"]).content.decode()
    assert "30分間操作がなかったため、ログアウトしました" in page
    assert "_auth_user_id" not in signed_in.session


def test_activity_moves_the_idle_limit(signed_in):
    for minutes in (20, 40, 60, 80):
        assert _get(signed_in, START + datetime.timedelta(minutes=minutes)).status_code == 200


def test_the_keep_alive_counts_as_activity(signed_in):
    url = reverse("staff-session-keepalive")
    assert _get(signed_in, START + datetime.timedelta(minutes=25), url).status_code == 204
    assert _get(signed_in, START + datetime.timedelta(minutes=50)).status_code == 200


def test_the_idle_limit_is_a_setting(signed_in, settings):
    settings.STAFF_IDLE_MINUTES = 10
    assert _get(signed_in, START + datetime.timedelta(minutes=11)).status_code == 302


def test_a_working_day_after_sign_in_the_session_ends_even_when_busy(signed_in, settings):
    at = START
    while at < START + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 600):
        at += datetime.timedelta(minutes=20)
        assert _get(signed_in, at).status_code == 200
    response = _get(signed_in, START + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE + 60))
    assert response.status_code == 302
    with time_machine.travel(
        START + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE + 60), tick=False
    ):
        page = signed_in.get(response["Location"]).content.decode()
    assert "ログインから8時間たったため、ログアウトしました" in page


def test_public_pages_are_not_touched(signed_in):
    """A resident-facing page neither ends nor extends a staff session."""
    assert _get(signed_in, START + datetime.timedelta(minutes=45), "/").status_code == 200
    assert "_auth_user_id" in signed_in.session


def test_staff_pages_carry_the_idle_warning_script(signed_in):
    html = _get(signed_in, START + datetime.timedelta(minutes=1)).content.decode()
    assert 'src="/static/js/staff-session.js"' in html
    assert 'data-idle-seconds="1800"' in html
