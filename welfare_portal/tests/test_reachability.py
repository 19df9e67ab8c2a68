"""Every staff page a role may open is a few clicks from where staff land, exports included.

A crawl from /staff/ and /admin/ follows the links on each page (GET only, as a
person clicking would) to a depth of three clicks and checks that every page the
permission matrix says the role may open was reached.
"""

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve

from .test_permission_matrix import ADMIN_MODELS, CO, CW, FIXTURE_FOR, MG, STAFF_URLS, world  # noqa: F401

pytestmark = pytest.mark.django_db

MAX_CLICKS = 3
VISITS_PER_PAGE_KIND = 4
# Not pages a person navigates to: sign-in steps, the keep-alive, the admin's own plumbing.
NOT_DESTINATIONS = {
    "admin:login",
    "admin:logout",
    "admin:jsi18n",
    "admin:password_change_done",
    "admin:autocomplete",
    "two-factor-verify",
    "staff-session-keepalive",
}


def _url_name(path):
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def crawl(client):
    """{url name: clicks} for every staff page reached from /staff/ and /admin/."""
    reached = {}
    visits = {}
    seen_paths = set()
    queue = deque([("/staff/", 0), ("/admin/", 0)])
    while queue:
        url, clicks = queue.popleft()
        path = urlsplit(url).path
        name = _url_name(path)
        if name is None:
            continue
        # A few visits per page kind (a list filtered ten ways is still the list; but one
        # record's page may offer what another's does not, e.g. reopening a closed case).
        if visits.get(name, 0) >= VISITS_PER_PAGE_KIND or url in seen_paths:
            continue
        seen_paths.add(url)
        visits[name] = visits.get(name, 0) + 1
        response = client.get(url)
        if response.status_code != 200:
            continue
        reached.setdefault(name, clicks)
        if clicks == MAX_CLICKS or not response.get("Content-Type", "").startswith("text/html"):
            continue
        for href in re.findall(r'href="([^"#]+)"', response.content.decode()):
            href = urljoin(url, href.replace("&amp;", "&"))
            if href.startswith(("/admin/", "/staff/")):
                queue.append((href, clicks + 1))
    return reached


def expected_destinations(role):
    names = set()
    for name, spec in STAFF_URLS.items():
        if name in NOT_DESTINATIONS or spec.method != "get" or spec.ok != 200:
            continue
        if role in spec.roles:
            names.add(name)
    for label, access in ADMIN_MODELS.items():
        app, model = label.split(".")
        if role in access.sees:
            names.add(f"admin:{app}_{model}_changelist")
            names.add(f"admin:{app}_{model}_change")
        if role in access.add:
            names.add(f"admin:{app}_{model}_add")
    return names


@pytest.mark.parametrize("role", [CW, CO, MG])
def test_every_page_a_role_may_open_is_within_three_clicks(request, world, role):  # noqa: F811
    client = request.getfixturevalue(FIXTURE_FOR[role])
    reached = crawl(client)
    missing = sorted(expected_destinations(role) - set(reached))
    assert not missing, f"{role} cannot reach within {MAX_CLICKS} clicks: {missing}"
