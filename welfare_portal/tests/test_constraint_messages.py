"""A database rule never reaches staff raw: each has a Japanese message, shown on the form."""

import datetime

import pytest
from django.apps import apps
from django.db.models import BaseConstraint
from django.urls import reverse
from django.utils import translation

from food_support.tests.factories import DistributionFactory

OUR_APPS = ("consultations", "ibasho", "participation", "food_support", "welfare_portal")


def _constraints():
    for model in apps.get_models():
        if model._meta.app_label in OUR_APPS and not model.__name__.startswith("Historical"):
            for constraint in model._meta.constraints:
                yield model, constraint


def test_every_constraint_has_its_own_message_in_japanese():
    without = []
    with translation.override("ja"):
        default = str(BaseConstraint.default_violation_error_message)
        for model, constraint in _constraints():
            message = str(constraint.get_violation_error_message())
            if default.split("%")[0] in message or message.isascii():
                without.append(f"{model._meta.label}.{constraint.name}")
    assert not without, f"constraints without a Japanese message: {without}"


@pytest.mark.django_db
def test_a_second_distribution_in_a_month_is_refused_in_words(coordinator):
    first = DistributionFactory(date=datetime.date(2026, 12, 12))
    response = coordinator.post(
        reverse("admin:food_support_distribution_add"),
        {
            "place": first.place.pk,
            "date": "2026-12-19",
            "month": "2026-12-01",
            "starts_at": "10:00",
            "ends_at": "12:00",
            "notes": "",
            "roster_entries-TOTAL_FORMS": "0",
            "roster_entries-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "この受け取り場所には、その月の配布日がすでにあります。" in html
    assert "制約" not in html
