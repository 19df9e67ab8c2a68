import pytest
from django.urls import reverse

from .factories import ActivityFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "role, changelist, change",
    [("coordinator", 200, 200), ("manager", 200, 200), ("caseworker", 200, 200)],
)
def test_staff_roles_on_participants(request, role, changelist, change):
    client = request.getfixturevalue(role)
    participant = ParticipantFactory()
    assert client.get(reverse("admin:participation_participant_changelist")).status_code == changelist
    assert (
        client.get(reverse("admin:participation_participant_change", args=[participant.pk])).status_code
        == change
    )


def test_caseworker_views_but_cannot_change_activities(caseworker):
    activity = ActivityFactory()
    url = reverse("admin:participation_activity_change", args=[activity.pk])
    response = caseworker.post(url, {"title": "変更"})
    assert response.status_code == 403
    activity.refresh_from_db()
    assert activity.title != "変更"


def test_coordinator_sees_suggested_activities_on_a_participant(coordinator):
    ActivityFactory(title="静かな作業")
    participant = ParticipantFactory()
    html = coordinator.get(reverse("admin:participation_participant_change", args=[participant.pk])).content
    assert "静かな作業" in html.decode()


def test_the_public_cannot_reach_the_admin(resident):
    response = resident.get(reverse("admin:participation_participant_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
