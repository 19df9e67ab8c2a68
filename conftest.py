"""The fixed cast every test can use: a resident and one user per staff role."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client

from welfare_portal.roles import CASEWORKER, COORDINATOR, MANAGER, roles_sync


@pytest.fixture(autouse=True)
def _isolated_files_and_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def roles(db):
    roles_sync()


def _staff_user(username, role):
    user = get_user_model().objects.create_user(
        username=username, password="test-password-123", is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    return user


def _client_for(user):
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def resident():
    """An anonymous member of the public."""
    return Client()


@pytest.fixture
def caseworker(roles):
    return _client_for(_staff_user("caseworker", CASEWORKER))


@pytest.fixture
def other_caseworker(roles):
    return _client_for(_staff_user("other-caseworker", CASEWORKER))


@pytest.fixture
def coordinator(roles):
    return _client_for(_staff_user("coordinator", COORDINATOR))


@pytest.fixture
def manager(roles):
    return _client_for(_staff_user("manager", MANAGER))
