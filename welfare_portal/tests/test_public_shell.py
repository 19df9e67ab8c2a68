import io

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_explains_the_four_supports_in_japanese(resident):
    response = resident.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    for word in ["相談支援", "スペース栞", "参加支援", "食料支援"]:
        assert word in html
    for name in [
        "consultations:request-create",
        "ibasho:gathering-list",
        "participation:activity-list",
        "food_support:index",
    ]:
        assert f'href="{reverse(name)}"' in html


def test_every_page_shows_the_council_contact_details(resident, settings):
    settings.COUNCIL = {**settings.COUNCIL, "name": "東海村社会福祉協議会", "phone": "029-282-2591"}
    for url in ["/", "/contact/", "/privacy/"]:
        html = resident.get(url).content.decode()
        assert "東海村社会福祉協議会" in html
        assert 'href="tel:029-282-2591"' in html


def test_pages_have_skip_link_and_lang(resident):
    html = resident.get("/contact/").content.decode()
    assert '<html lang="ja"' in html
    assert 'href="#main"' in html and "本文へ移動" in html
    assert 'id="main"' in html


def test_language_switch_to_english_and_back(resident):
    response = resident.post("/i18n/setlang/", {"language": "en", "next": "/contact/"})
    assert response.status_code == 302
    assert response["Location"] == "/contact/"
    html = resident.get("/contact/").content.decode()
    assert '<html lang="en"' in html
    assert "Contact and access" in html
    resident.post("/i18n/setlang/", {"language": "ja", "next": "/"})
    assert "お問い合わせ" in resident.get("/contact/").content.decode()


@pytest.mark.parametrize("size", ["large", "x-large", "standard"])
def test_text_size_persists_in_a_cookie(resident, size):
    response = resident.post("/text-size/", {"size": size, "next": "/privacy/"})
    assert response.status_code == 302
    assert response["Location"] == "/privacy/"
    html = resident.get("/contact/").content.decode()
    assert f'class="text-size-{size}"' in html
    assert f'value="{size}" class="tool-button tool-button--{size}" aria-pressed="true"' in html


def test_text_size_ignores_unknown_values_and_foreign_redirects(resident):
    response = resident.post("/text-size/", {"size": "huge", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert "text_size" not in response.cookies
    assert 'class="text-size-standard"' in resident.get("/").content.decode()


def test_text_size_needs_post(resident):
    assert resident.get("/text-size/").status_code == 405


def test_404_page_is_japanese_with_phone(resident):
    response = resident.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "ページが見つかりません" in html
    assert "042-373-5616" in html


def test_500_page_renders_without_the_database(rf, settings):
    from welfare_portal.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "042-373-5616" in html
    assert "問題が発生しました" in html


def test_security_headers_and_strict_csp(resident):
    response = resident.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_public_pages_have_no_inline_script_or_style(resident):
    import re

    from django.core.management import call_command

    call_command("load_demo", stdout=io.StringIO())
    from ibasho.models import Gathering

    gathering = Gathering.objects.filter(status="published").first()
    urls = [
        "/",
        "/contact/",
        "/privacy/",
        "/consultation/",
        "/consultation/concern/",
        "/ibasho/",
        f"/ibasho/{gathering.pk}/",
        f"/ibasho/{gathering.pk}/poster/",
        "/participation/",
        "/food/",
        "/no-such-page/",
    ]
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
    for url in urls:
        html = resident.get(url).content.decode()
        assert not inline_script.search(html), url
        assert not re.search(r"\sstyle=", html), url
        assert not re.search(r"\son[a-z]+=", html), url  # no inline event handlers


def test_japanese_by_default_even_for_an_english_browser(resident):
    html = resident.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="ja"' in html
    resident.cookies["django_language"] = "en"
    assert '<html lang="en"' in resident.get("/").content.decode()


def test_messages_are_not_kept_in_a_cookie(manager):
    # The admin's "added" message names the record; it must not travel in a cookie.
    response = manager.post("/admin/auth/group/add/", {"name": "ボランティア 山田花子"})
    assert response.status_code == 302
    assert "messages" not in response.cookies
    assert "山田花子" in manager.get(response["Location"]).content.decode()
