"""A resident browses the activity menu and filters it by keyboard."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [360, 1280])
def test_activity_menu_filters_by_keyboard(page, base_url, width):
    call_command("load_demo", stdout=io.StringIO())
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base_url + "/participation/")
    expect(page.locator(".activity-card")).to_have_count(6)
    assert_accessible(page)

    page.get_by_label("屋内・屋外").focus()
    page.get_by_label("屋内・屋外").select_option(label="屋外")
    page.get_by_label("人との関わり").select_option(label="ひとりで黙々と")
    page.get_by_role("button", name="この条件で表示").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".activity-card")).to_have_count(1)
    expect(page.locator(".activity-card h3")).to_have_text("花壇・プランターの手入れ")
    expect(page.get_by_label("屋内・屋外")).to_have_value("outdoor")
    assert_accessible(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
