"""A resident finds their way around the public shell with a real browser."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_language_switch_text_size_and_contact(page, base_url):
    page.goto(base_url + "/")
    expect(page.locator("h1")).to_have_text("あなたの不安・心配ごとを聞かせてください")
    assert_accessible(page)

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Tell us what is worrying you")
    page.get_by_role("button", name="日本語").click()
    expect(page.locator("html")).to_have_attribute("lang", "ja")

    page.get_by_role("button", name="特大").click()
    expect(page.locator("html")).to_have_class(re.compile("text-size-x-large"))
    large = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert large == pytest.approx(22.0)

    page.get_by_role("navigation", name="メインメニュー").get_by_role(
        "link", name="お問い合わせ・アクセス"
    ).click()
    expect(page).to_have_url(base_url + "/contact/")
    expect(page.locator("html")).to_have_class(re.compile("text-size-x-large"))
    expect(page.get_by_role("button", name="特大")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("main")).to_contain_text("042-373-5616")
    assert_accessible(page)


@pytest.mark.parametrize("path", ["/", "/contact/", "/privacy/", "/no-such-page/"])
@pytest.mark.parametrize("width", [360, 1280])
def test_public_pages_pass_axe(page, base_url, path, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(base_url + path)
    assert_accessible(page)
    # Nothing runs off the side of a phone screen.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_keyboard_only_skip_link_and_text_size(page, base_url):
    page.goto(base_url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="本文へ移動")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(base_url + "/#main")
    # Tab from the top reaches the "large" text button and Enter presses it.
    page.goto(base_url + "/")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.value") == "large":
            break
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_class(re.compile("text-size-large"))
