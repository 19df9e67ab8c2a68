import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from welfare_portal.roles import CASEWORKER, COORDINATOR, MANAGER, roles_sync

pytestmark = pytest.mark.django_db


def _codenames(role):
    return set(Group.objects.get(name=role).permissions.values_list("content_type__app_label", "codename"))


def test_roles_are_created_with_least_privilege():
    roles_sync()
    caseworker = _codenames(CASEWORKER)
    coordinator = _codenames(COORDINATOR)
    manager = _codenames(MANAGER)
    assert ("consultations", "change_person") in caseworker
    assert ("consultations", "view_person") in coordinator
    assert ("consultations", "delete_person") not in coordinator
    assert ("auth", "change_user") in manager
    assert ("auth", "change_user") not in caseworker
    assert ("auth", "change_user") not in coordinator


def test_roles_sync_is_idempotent():
    first = roles_sync()
    second = roles_sync()
    assert first == second
    assert Group.objects.filter(name__in=[CASEWORKER, COORDINATOR, MANAGER]).count() == 3


def test_load_demo_is_idempotent_and_prints_logins(capsys, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-for-test")
    call_command("load_demo")
    counts = {m: m.objects.count() for m in _all_models()}
    call_command("load_demo")
    assert {m: m.objects.count() for m in _all_models()} == counts
    out = capsys.readouterr().out
    assert "demo-caseworker" in out and "demo-password-for-test" in out
    user = get_user_model().objects.get(username="demo-coordinator")
    assert user.is_staff and user.check_password("demo-password-for-test")
    assert list(user.groups.values_list("name", flat=True)) == [COORDINATOR]


def _all_models():
    from django.apps import apps

    return [
        m
        for app in ["consultations", "ibasho", "participation", "food_support"]
        for m in apps.get_app_config(app).get_models()
    ]


def test_load_demo_refuses_a_real_deployment_without_force(settings):
    from django.core.management.base import CommandError

    settings.SITE_URL = "https://portal.example.jp"
    with pytest.raises(CommandError):
        call_command("load_demo")
    assert not get_user_model().objects.filter(username="demo-manager").exists()
