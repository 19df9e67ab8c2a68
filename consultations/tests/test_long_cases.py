"""A case worked on for years: its page stays quick and light, the rest is a link away."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consultations.models import ContactLog
from consultations.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def _logs(case, n, start=0):
    now = timezone.now()
    ContactLog.objects.bulk_create(
        ContactLog(
            case=case,
            contacted_at=now - datetime.timedelta(days=i),
            method=ContactLog.Method.PHONE,
            participants="本人",
            summary=f"記録{i}",
        )
        for i in range(start, start + n)
    )


def _page(client, case):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:consultations_case_change", args=[case.pk]))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_the_case_page_costs_the_same_with_3_or_300_logs(caseworker):
    case = CaseFactory(worker=caseworker.user)
    _logs(case, 3)
    _page(caseworker, case)  # warms Django's content-type cache, as any running server has
    _html, few = _page(caseworker, case)
    _logs(case, 297, start=3)
    html, many = _page(caseworker, case)
    assert many == few
    # The ten newest logs to edit, the newest fifty entries on the timeline.
    assert len(re.findall(r'name="contact_logs-\d+-summary"', html)) == 10
    assert "記録0</textarea>" in html and "記録9</textarea>" in html and "記録10</textarea>" not in html
    assert html.count("<li><strong>") <= 50


def test_all_logs_are_a_click_away(caseworker):
    case = CaseFactory(worker=caseworker.user)
    other = CaseFactory()
    _logs(case, 30)
    _logs(other, 5)
    html, _queries = _page(caseworker, case)
    link = reverse("admin:consultations_contactlog_changelist") + f"?case={case.pk}"
    assert link in html and "このケースの相談記録30件すべて" in html
    listing = caseworker.get(link).content.decode()
    assert re.search(r'<p class="paginator">\s*30', listing)
