"""The fixed cast every test can use: a resident and one user per staff role."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from welfare_portal.middleware import LAST_SEEN_KEY, SIGNED_IN_AT_KEY
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


def _client_for(user, *, two_factor=True):
    """A client signed in as `user`; with `two_factor`, enrolled and past the code step too."""
    client = Client()
    client.force_login(user)
    client.user = user
    session = client.session
    # Signed in just now: the staff middleware has nothing to write for a minute,
    # so query counts compare like with like.
    session[SIGNED_IN_AT_KEY] = session[LAST_SEEN_KEY] = time.time()
    session.save()
    if two_factor:
        device = TOTPDevice.objects.create(user=user, name="test phone", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
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
    """Coordinators don't open case records: by default they sign in without a second factor."""
    return _client_for(_staff_user("coordinator", COORDINATOR), two_factor=False)


@pytest.fixture
def manager(roles):
    return _client_for(_staff_user("manager", MANAGER))


@pytest.fixture
def staff_without_role(roles):
    """A staff login nobody has given a role (group) yet."""
    user = get_user_model().objects.create_user(
        username="no-role", password="test-password-123", is_staff=True
    )
    return _client_for(user, two_factor=False)


@pytest.fixture
def caseworker_password_only(roles):
    """A case worker who has given the password but not yet the second factor."""
    return _client_for(_staff_user("caseworker-pw-only", CASEWORKER), two_factor=False)
