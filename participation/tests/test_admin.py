"""The admin: stages move only by actions that call the services; their errors are messages, never 500s."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from participation import services
from participation.models import Enquiry, Offer, Placement, PlacementLog, WorkReferral

from .factories import ActivityFactory, EnquiryFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:participation_placement_changelist"


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def visit():
    return services.placement_arrange_visit(
        participant=ParticipantFactory(), activity=ActivityFactory(), visit_date=datetime.date.today()
    )


# (role, url name, expected status)
MATRIX = [
    ("coordinator", "admin:participation_participant_changelist", 200),
    ("coordinator", "admin:participation_participant_add", 200),
    ("coordinator", "admin:participation_placement_add", 200),
    ("coordinator", "admin:participation_offer_changelist", 200),
    ("coordinator", "admin:participation_offer_add", 403),
    ("coordinator", "admin:participation_enquiry_changelist", 200),
    ("coordinator", "admin:participation_enquiry_add", 403),
    ("coordinator", "admin:participation_workreferral_changelist", 200),
    ("coordinator", "admin:participation_district_add", 200),
    ("manager", "admin:participation_participant_add", 200),
    ("caseworker", "admin:participation_participant_changelist", 200),
    ("caseworker", "admin:participation_enquiry_changelist", 200),
    ("caseworker", "admin:participation_participant_add", 403),
    ("caseworker", "admin:participation_placement_add", 403),
    ("caseworker", "admin:participation_activity_add", 403),
]


@pytest.mark.parametrize("role, url_name, expected", MATRIX)
def test_admin_pages_by_role(request, role, url_name, expected):
    client = request.getfixturevalue(role)
    assert client.get(reverse(url_name)).status_code == expected


def test_a_visit_is_arranged_in_the_admin_through_the_service(coordinator):
    participant, activity = ParticipantFactory(), ActivityFactory()
    offer = services.offer_record(participant=participant, activity=activity)
    response = coordinator.post(
        reverse("admin:participation_placement_add"),
        {"participant": participant.pk, "activity": activity.pk, "visit_date": "2026-12-10"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    placement = Placement.objects.get()
    assert (placement.stage, placement.visit_date, placement.offer) == (
        "visit",
        datetime.date(2026, 12, 10),
        offer,
    )
    offer.refresh_from_db()
    assert offer.response == Offer.Response.ACCEPTED


def test_a_second_open_placement_is_a_form_error_not_a_500(coordinator, visit):
    response = coordinator.post(
        reverse("admin:participation_placement_add"),
        {"participant": visit.participant_id, "activity": visit.activity_id, "visit_date": "2026-12-10"},
    )
    assert response.status_code == 200
    assert "すでにその活動に参加しています" in response.content.decode()
    assert Placement.objects.count() == 1


def test_actions_move_placements_and_refuse_wrong_steps_as_messages(coordinator, visit):
    url = reverse(CHANGELIST)
    response = coordinator.post(url, {"action": "mark_ongoing", "_selected_action": [visit.pk]})
    assert response.status_code == 302
    assert any("見学" in m and "体験" in m for m in messages_of(response))
    assert Placement.objects.get().stage == Placement.Stage.VISIT
    coordinator.post(url, {"action": "start_trial", "_selected_action": [visit.pk]})
    assert Placement.objects.get().stage == Placement.Stage.TRIAL
    response = coordinator.post(url, {"action": "start_trial", "_selected_action": [visit.pk]})
    assert response.status_code == 302 and Placement.objects.get().stage == Placement.Stage.TRIAL


def test_ending_in_the_admin_needs_a_reason(coordinator, visit):
    url = reverse(CHANGELIST)
    response = coordinator.post(
        url, {"action": "end_placements", "_selected_action": [visit.pk], "end_reason": ""}
    )
    assert any("終了の理由" in m for m in messages_of(response))
    assert Placement.objects.get().stage == Placement.Stage.VISIT
    coordinator.post(
        url, {"action": "end_placements", "_selected_action": [visit.pk], "end_reason": "lost_contact"}
    )
    placement = Placement.objects.get()
    assert (placement.stage, placement.end_reason) == ("ended", "lost_contact")


def test_a_trial_on_a_full_activity_is_a_message(coordinator):
    activity = ActivityFactory(places=1)
    first, second = (
        services.placement_arrange_visit(
            participant=ParticipantFactory(), activity=activity, visit_date=datetime.date.today()
        )
        for _ in range(2)
    )
    services.placement_start_trial(placement=first)
    response = coordinator.post(
        reverse(CHANGELIST), {"action": "start_trial", "_selected_action": [second.pk]}
    )
    assert response.status_code == 302
    assert any("空きがありません" in m for m in messages_of(response))


def _log_post(placement, date):
    return {
        "logs-TOTAL_FORMS": "1",
        "logs-INITIAL_FORMS": "0",
        "logs-0-date": date,
        "logs-0-attended": "on",
        "logs-0-hours": "2",
        "logs-0-their_words": "よかった",
    }


def test_a_day_added_in_the_admin_goes_through_the_service(coordinator, visit):
    url = reverse("admin:participation_placement_change", args=[visit.pk])
    response = coordinator.post(url, _log_post(visit, datetime.date.today().isoformat()))
    assert response.status_code == 302, response.content.decode()[:3000]
    log = PlacementLog.objects.get()
    assert log.written_by.username == "coordinator" and str(log.hours) == "2.0"


def test_an_impossible_day_in_the_admin_is_a_form_error(coordinator, visit):
    url = reverse("admin:participation_placement_change", args=[visit.pk])
    before = (visit.visit_date - datetime.timedelta(days=3)).isoformat()
    response = coordinator.post(url, _log_post(visit, before))
    assert response.status_code == 200
    assert "見学日" in response.content.decode() and "より前の日付にはできません" in response.content.decode()
    assert not PlacementLog.objects.exists()


def test_the_stage_is_not_a_free_field(coordinator, visit):
    url = reverse("admin:participation_placement_change", args=[visit.pk])
    coordinator.post(url, {"stage": "ongoing", "logs-TOTAL_FORMS": "0", "logs-INITIAL_FORMS": "0"})
    assert Placement.objects.get().stage == Placement.Stage.VISIT


def test_offers_without_answer_are_marked_by_action(coordinator):
    offer = services.offer_record(participant=ParticipantFactory(), activity=ActivityFactory())
    coordinator.post(
        reverse("admin:participation_offer_changelist"),
        {"action": "mark_no_answer", "_selected_action": [offer.pk]},
    )
    offer.refresh_from_db()
    assert offer.response == Offer.Response.NO_ANSWER
    response = coordinator.post(
        reverse("admin:participation_offer_changelist"),
        {"action": "mark_no_answer", "_selected_action": [offer.pk]},
    )
    assert any("すでに返事" in m for m in messages_of(response))


def test_referral_status_moves_by_action(coordinator, visit):
    referral = services.work_referral_create(
        participant=visit.participant, kind="work_support", organisation="ハローワーク"
    )
    coordinator.post(
        reverse("admin:participation_workreferral_changelist"),
        {"action": "mark_started", "_selected_action": [referral.pk]},
    )
    referral.refresh_from_db()
    assert referral.status == WorkReferral.Status.STARTED


def test_interest_messages_are_read_in_the_admin_and_answered_on_the_staff_page(coordinator):
    enquiry = EnquiryFactory()
    html = coordinator.get(reverse("admin:participation_enquiry_change", args=[enquiry.pk])).content.decode()
    assert reverse("participation_staff:enquiry-detail", args=[enquiry.pk]) in html
    coordinator.post(reverse("admin:participation_enquiry_change", args=[enquiry.pk]), {"status": "closed"})
    assert Enquiry.objects.get().status == Enquiry.Status.NEW


def test_host_organisation_shows_its_contact_and_activities(coordinator):
    activity = ActivityFactory(title="花壇の手入れ", host__name="図書館", host__contact_name="森")
    html = coordinator.get(
        reverse("admin:participation_hostorganization_change", args=[activity.host_id])
    ).content.decode()
    assert "花壇の手入れ" in html and 'value="森"' in html


def test_participant_page_links_to_the_suggestions(coordinator):
    participant = ParticipantFactory()
    html = coordinator.get(
        reverse("admin:participation_participant_change", args=[participant.pk])
    ).content.decode()
    assert reverse("participation_staff:profile-detail", args=[participant.pk]) in html
    assert 'class="slot-grid"' in html and 'value="1-0"' in html


def test_the_public_cannot_reach_the_admin(resident):
    response = resident.get(reverse("admin:participation_participant_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
