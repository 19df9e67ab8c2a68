import pytest
from django.urls import reverse

from participation.models import Placement

from .factories import ActivityFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def test_caseworker_views_but_cannot_change_activities(caseworker):
    activity = ActivityFactory()
    url = reverse("admin:participation_activity_change", args=[activity.pk])
    assert caseworker.get(url).status_code == 200
    response = caseworker.post(url, {"title": "変更"})
    assert response.status_code == 403
    activity.refresh_from_db()
    assert activity.title != "変更"


def test_coordinator_sees_suggested_activities_on_a_participant(coordinator):
    ActivityFactory(title="静かな作業")
    participant = ParticipantFactory()
    html = coordinator.get(reverse("admin:participation_participant_change", args=[participant.pk])).content
    assert "静かな作業" in html.decode()


def test_adding_a_placement_in_the_admin_proposes_it(coordinator):
    participant, activity = ParticipantFactory(), ActivityFactory()
    response = coordinator.post(
        reverse("admin:participation_placement_add"),
        {
            "participant": participant.pk,
            "activity": activity.pk,
            "logs-TOTAL_FORMS": "0",
            "logs-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    placement = Placement.objects.get()
    assert placement.status == Placement.Status.PROPOSED


def test_admin_actions_move_a_placement_through_the_services(coordinator):
    participant, activity = ParticipantFactory(), ActivityFactory()
    placement = Placement.objects.create(participant=participant, activity=activity)
    url = reverse("admin:participation_placement_changelist")
    coordinator.post(url, {"action": "start_trial", "_selected_action": [placement.pk]})
    placement.refresh_from_db()
    assert placement.status == Placement.Status.TRIAL and placement.start_date is not None
    coordinator.post(url, {"action": "end_placements", "_selected_action": [placement.pk]})
    placement.refresh_from_db()
    assert placement.status == Placement.Status.ENDED and placement.end_date is not None


def test_the_public_cannot_reach_the_admin(resident):
    response = resident.get(reverse("admin:participation_participant_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
