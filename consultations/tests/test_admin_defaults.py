import re

import pytest
from django.urls import reverse

from .factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_a_new_contact_log_defaults_to_the_worker_writing_it(caseworker):
    case = CaseFactory()
    html = caseworker.get(reverse("admin:consultations_case_change", args=[case.pk])).content.decode()
    empty_form_select = re.search(r'<select name="contact_logs-__prefix__-worker".*?</select>', html, re.S)
    assert empty_form_select, "no contact log inline"
    assert re.search(rf'<option value="{caseworker.user.pk}" selected>', empty_form_select.group(0))
