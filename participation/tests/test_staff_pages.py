"""Coordinators' pages: suggestions with one-click offers, suited participants with invite,
the interest queue into a profile, placements moving on; roles, errors as messages, flat queries."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from consultations.models import Person
from participation import services
from participation.models import Contact, Enquiry, Load, Offer, Participant, Placement, PlacementLog, Setting

from .factories import ActivityFactory, EnquiryFactory, InterestFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- a profile's suggestions ------------------------------------------------------------


def test_suggestions_are_ranked_with_reasons_and_what_did_not_fit(coordinator):
    books = InterestFactory(name="本・情報")
    participant = ParticipantFactory(interests=[books], contact_comfort=Contact.ALONE)
    ActivityFactory(title="本の修理", interests=[books])
    ActivityFactory(title="袋づくり")
    ActivityFactory(title="受付", contact=Contact.PEOPLE)
    html = coordinator.get(
        reverse("participation_staff:profile-detail", args=[participant.pk])
    ).content.decode()
    assert html.index("本の修理") < html.index("袋づくり")
    assert "関心: 本・情報" in html
    assert "関心の重なりがない" in html
    assert "受付" in html and "人との関わりが本人の希望より多い" in html


def test_one_click_records_an_offer_then_a_visit(coordinator):
    participant, activity = ParticipantFactory(), ActivityFactory(title="花壇")
    url = reverse("participation_staff:offer-create", args=[participant.pk])
    response = coordinator.post(url, {"activity": activity.pk})
    assert response.status_code == 302
    offer = Offer.objects.get()
    assert (offer.participant, offer.activity, offer.offered_by.username) == (
        participant,
        activity,
        "coordinator",
    )
    page = coordinator.get(
        reverse("participation_staff:profile-detail", args=[participant.pk])
    ).content.decode()
    assert "返事待ち" in page
    visit_date = datetime.date.today() + datetime.timedelta(days=3)
    response = coordinator.post(
        reverse("participation_staff:offer-visit", args=[offer.pk]),
        {f"offer-{offer.pk}-visit_date": visit_date},
    )
    assert response.status_code == 302
    placement = Placement.objects.get()
    assert (placement.stage, placement.visit_date, placement.offer) == (
        Placement.Stage.VISIT,
        visit_date,
        offer,
    )


def test_a_second_offer_becomes_a_message_not_an_error(coordinator):
    participant, activity = ParticipantFactory(), ActivityFactory()
    url = reverse("participation_staff:offer-create", args=[participant.pk])
    coordinator.post(url, {"activity": activity.pk})
    response = coordinator.post(url, {"activity": activity.pk})
    assert response.status_code == 302
    assert any("すでに" in m for m in messages_of(response))
    assert Offer.objects.count() == 1


def test_a_bad_visit_date_is_shown_next_to_the_field(coordinator):
    offer = services.offer_record(participant=ParticipantFactory(), activity=ActivityFactory())
    response = coordinator.post(
        reverse("participation_staff:offer-visit", args=[offer.pk]),
        {f"offer-{offer.pk}-visit_date": "2099-01-01"},
    )
    assert response.status_code == 400
    assert "日付を確認してください" in response.content.decode()
    assert not Placement.objects.exists()


def test_an_answer_of_no_is_recorded(coordinator):
    offer = services.offer_record(participant=ParticipantFactory(), activity=ActivityFactory())
    coordinator.post(
        reverse("participation_staff:offer-respond", args=[offer.pk]),
        {f"answer-{offer.pk}-response": "declined", f"answer-{offer.pk}-note": "今は休みたい"},
    )
    offer.refresh_from_db()
    assert (offer.response, offer.response_note) == (Offer.Response.DECLINED, "今は休みたい")


@pytest.mark.parametrize("activities", [3, 30])
def test_suggestions_page_query_count_is_flat(coordinator, django_assert_num_queries, activities):
    books = InterestFactory(name="本")
    participant = ParticipantFactory(interests=[books], contact_comfort=Contact.SMALL_GROUP)
    for n in range(activities):
        ActivityFactory(interests=[books], contact=Contact.PEOPLE if n % 3 == 0 else Contact.ALONE)
    services.offer_record(participant=participant, activity=ActivityFactory())
    url = reverse("participation_staff:profile-detail", args=[participant.pk])
    coordinator.get(url)  # warm the session
    with django_assert_num_queries(19):
        response = coordinator.get(url)
    suited = sum(1 for n in range(activities) if n % 3) + 1  # every third asks for more contact
    assert response.content.decode().count('class="suggestion"') == suited


# --- an activity's suited participants ----------------------------------------------------


def test_activity_page_lists_suited_people_and_invite_records_an_invitation(coordinator):
    activity = ActivityFactory(title="封入作業", contact=Contact.SMALL_GROUP)
    suited = ParticipantFactory(person__family_name="向井")
    ParticipantFactory(person__family_name="静香", contact_comfort=Contact.ALONE)
    html = coordinator.get(
        reverse("participation_staff:activity-detail", args=[activity.pk])
    ).content.decode()
    assert "向井" in html and "静香" not in html
    response = coordinator.post(
        reverse("participation_staff:activity-invite", args=[activity.pk]), {"participant": suited.pk}
    )
    assert response.status_code == 302
    invitation = Offer.objects.get()
    assert (invitation.participant, invitation.kind) == (suited, Offer.Kind.INVITATION)
    suited.refresh_from_db()
    assert suited.last_contacted_on == datetime.date.today()


def test_inviting_someone_it_does_not_suit_is_refused_as_a_message(coordinator):
    activity = ActivityFactory(load=Load.HEAVY)
    person = ParticipantFactory(max_load=Load.LIGHT)
    response = coordinator.post(
        reverse("participation_staff:activity-invite", args=[activity.pk]), {"participant": person.pk}
    )
    assert response.status_code == 302
    assert any("体への負担" in m for m in messages_of(response))
    assert not Offer.objects.exists()


@pytest.mark.parametrize("people", [3, 30])
def test_activity_page_query_count_is_flat(coordinator, django_assert_num_queries, people):
    books = InterestFactory(name="本")
    activity = ActivityFactory(interests=[books])
    for _ in range(people):
        ParticipantFactory(interests=[books])
    url = reverse("participation_staff:activity-detail", args=[activity.pk])
    coordinator.get(url)
    with django_assert_num_queries(15):
        response = coordinator.get(url)
    assert response.content.decode().count('name="participant"') == people


# --- the interest queue -----------------------------------------------------------------


@pytest.mark.parametrize("rows", [3, 30])
def test_interest_queue_query_count_is_flat_and_oldest_first(coordinator, django_assert_num_queries, rows):
    for n in range(rows):
        EnquiryFactory(reference=f"P-TEST-{n:04d}")
    EnquiryFactory(reference="P-DONE-0001", status=Enquiry.Status.CLOSED, closed_reason="連絡がつかない")
    url = reverse("participation_staff:enquiry-list") + "?status=open"
    coordinator.get(url)
    with django_assert_num_queries(6):
        response = coordinator.get(url)
    html = response.content.decode()
    assert html.count("P-TEST-") == rows and "P-DONE-0001" not in html


def test_a_message_becomes_a_new_person_and_profile_starting_from_the_activity(coordinator):
    plants = InterestFactory(name="植物・自然")
    activity = ActivityFactory(title="花壇", setting=Setting.OUTDOOR, load=Load.MODERATE, interests=[plants])
    enquiry = EnquiryFactory(
        activity=activity, name="森 さくら", name_kana="モリ サクラ", phone="080-0000-1111"
    )
    url = reverse("participation_staff:enquiry-detail", args=[enquiry.pk])
    page = coordinator.get(url)
    profile_initial = page.context["profile_form"].initial
    assert profile_initial["preferred_setting"] == Setting.OUTDOOR and profile_initial["interests"] == [
        plants.pk
    ]
    response = coordinator.post(
        url,
        {
            "person": "",
            "person-family_name": "森",
            "person-given_name": "さくら",
            "person-family_name_kana": "もり",
            "person-given_name_kana": "さくら",
            "person-phone": "080-0000-1111",
            "profile-goal": "first_step",
            "profile-interests": [plants.pk],
            "profile-available_slots": ["0-0", "3-0"],
            "profile-preferred_setting": "outdoor",
            "profile-max_load": "moderate",
            "profile-contact_comfort": "alone",
            "profile-preferred_pace": "monthly",
            "profile-reward_wanted": "any",
            "profile-travel": "city",
        },
    )
    participant = Participant.objects.get(person__family_name="森")
    assert response.status_code == 302
    assert response["Location"] == reverse("participation_staff:profile-detail", args=[participant.pk])
    assert participant.person.family_name_kana == "モリ"
    assert participant.available_slots_display() == "月 午前・木 午前"
    enquiry.refresh_from_db()
    assert (enquiry.status, enquiry.participant) == (Enquiry.Status.LINKED, participant)
    suggestions = coordinator.get(response["Location"]).content.decode()
    assert "花壇" in suggestions and "関心: 植物・自然" in suggestions


def test_a_message_from_someone_known_links_to_their_profile(coordinator):
    known = ParticipantFactory(
        person__family_name="森", person__given_name="さくら", person__phone="080-0000-1111"
    )
    enquiry = EnquiryFactory(name="森 さくら", phone="080-0000-1111")
    url = reverse("participation_staff:enquiry-detail", args=[enquiry.pk])
    html = coordinator.get(url).content.decode()
    assert "電話番号が同じ" in html
    response = coordinator.post(url, {"person": known.person.pk})
    assert response["Location"] == reverse("participation_staff:profile-detail", args=[known.pk])
    assert Participant.objects.count() == 1 and Person.objects.count() == 1


def test_profile_errors_stay_next_to_the_fields(coordinator):
    enquiry = EnquiryFactory()
    url = reverse("participation_staff:enquiry-detail", args=[enquiry.pk])
    response = coordinator.post(url, {"person": "", "person-family_name": "森", "profile-notes": "朝が苦手"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "朝が苦手" in html and 'value="森"' in html
    assert not Participant.objects.exists()


def test_closing_a_message_needs_a_reason_and_a_closed_one_cannot_be_linked(coordinator):
    enquiry = EnquiryFactory()
    coordinator.post(reverse("participation_staff:enquiry-close", args=[enquiry.pk]), {"reason": ""})
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.NEW
    coordinator.post(
        reverse("participation_staff:enquiry-close", args=[enquiry.pk]), {"reason": "連絡がつかない"}
    )
    enquiry.refresh_from_db()
    assert (enquiry.status, enquiry.closed_reason) == (Enquiry.Status.CLOSED, "連絡がつかない")
    with pytest.raises(services.EnquiryNotOpen):
        services.enquiry_link(enquiry=enquiry, by=None, person=ParticipantFactory().person)


# --- placements --------------------------------------------------------------------------


def test_placement_page_moves_stages_and_refuses_a_wrong_step_as_a_message(coordinator):
    placement = services.placement_arrange_visit(
        participant=ParticipantFactory(), activity=ActivityFactory(), visit_date=datetime.date.today()
    )
    move = lambda step, data: coordinator.post(  # noqa: E731
        reverse("participation_staff:placement-move", args=[placement.pk, step]), data
    )
    today = datetime.date.today().isoformat()
    response = move("ongoing", {"ongoing-on": today})
    assert response.status_code == 302 and any("体験" in m for m in messages_of(response))
    assert Placement.objects.get().stage == Placement.Stage.VISIT
    move("trial", {"trial-on": today})
    assert Placement.objects.get().stage == Placement.Stage.TRIAL
    response = move("end", {"end-on": today, "end-reason": ""})
    assert response.status_code == 400
    assert 'id="id_end-reason_error"><li>終了の理由を選んでください。' in response.content.decode()
    move("end", {"end-on": today, "end-reason": "health", "end-note": "体調のため休む"})
    placement.refresh_from_db()
    assert (placement.stage, placement.end_reason, placement.end_note) == (
        "ended",
        "health",
        "体調のため休む",
    )


def test_a_day_is_logged_and_a_future_day_is_refused_next_to_the_date(coordinator):
    placement = services.placement_arrange_visit(
        participant=ParticipantFactory(), activity=ActivityFactory(), visit_date=datetime.date.today()
    )
    url = reverse("participation_staff:placement-log", args=[placement.pk])
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    response = coordinator.post(
        url, {"log-date": tomorrow, "log-attended": "on", "log-their_words": "楽しかった"}
    )
    assert response.status_code == 400
    assert "まだ来ていない日" in response.content.decode() and "楽しかった" in response.content.decode()
    coordinator.post(
        url,
        {
            "log-date": datetime.date.today().isoformat(),
            "log-attended": "on",
            "log-hours": "1.5",
            "log-their_words": "楽しかった",
        },
    )
    log = PlacementLog.objects.get()
    assert str(log.hours) == "1.5" and log.written_by.username == "coordinator"


def test_a_referral_towards_work_from_the_placement_page(coordinator):
    placement = services.placement_arrange_visit(
        participant=ParticipantFactory(), activity=ActivityFactory(), visit_date=datetime.date.today()
    )
    coordinator.post(
        reverse("participation_staff:referral-create", args=[placement.participant_id]),
        {
            "placement": placement.pk,
            "kind": "work_experience",
            "organisation": "就労体験の事業所",
            "referred_on": datetime.date.today().isoformat(),
        },
    )
    referral = placement.referrals.get()
    assert referral.participant == placement.participant and referral.kind == "work_experience"


# --- who may do what -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["caseworker", "coordinator", "manager"])
def test_staff_with_participation_view_open_every_page(request, role):
    client = request.getfixturevalue(role)
    participant = ParticipantFactory()
    activity = ActivityFactory()
    placement = services.placement_arrange_visit(
        participant=participant, activity=activity, visit_date=datetime.date.today()
    )
    enquiry = EnquiryFactory(activity=activity)
    for url in [
        reverse("participation_staff:profile-list"),
        reverse("participation_staff:profile-detail", args=[participant.pk]),
        reverse("participation_staff:activity-list"),
        reverse("participation_staff:activity-detail", args=[activity.pk]),
        reverse("participation_staff:placement-detail", args=[placement.pk]),
        reverse("participation_staff:enquiry-list"),
        reverse("participation_staff:enquiry-detail", args=[enquiry.pk]),
    ]:
        assert client.get(url).status_code == 200, url


def test_a_caseworker_sees_but_cannot_offer_invite_or_link(caseworker):
    participant, activity = ParticipantFactory(), ActivityFactory()
    enquiry = EnquiryFactory(activity=activity)
    html = caseworker.get(
        reverse("participation_staff:profile-detail", args=[participant.pk])
    ).content.decode()
    assert "提案を記録" not in html
    assert (
        caseworker.post(
            reverse("participation_staff:offer-create", args=[participant.pk]), {"activity": activity.pk}
        ).status_code
        == 403
    )
    assert (
        caseworker.post(
            reverse("participation_staff:activity-invite", args=[activity.pk]),
            {"participant": participant.pk},
        ).status_code
        == 403
    )
    assert (
        caseworker.post(
            reverse("participation_staff:enquiry-detail", args=[enquiry.pk]),
            {"person": participant.person.pk},
        ).status_code
        == 403
    )
    assert not Offer.objects.exists() and Enquiry.objects.get().status == Enquiry.Status.NEW


def test_the_public_and_roleless_staff_cannot_open_staff_pages(resident, staff_without_role):
    url = reverse("participation_staff:profile-list")
    response = resident.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert staff_without_role.get(url).status_code == 403


def test_a_tampered_button_is_a_404_not_a_server_error(coordinator):
    participant, activity = ParticipantFactory(), ActivityFactory()
    assert (
        coordinator.post(
            reverse("participation_staff:offer-create", args=[participant.pk]), {"activity": "x"}
        ).status_code
        == 404
    )
    assert (
        coordinator.post(
            reverse("participation_staff:activity-invite", args=[activity.pk]), {"participant": "1 OR 1=1"}
        ).status_code
        == 404
    )
    assert (
        coordinator.post(
            reverse("participation_staff:placement-move", args=[999999, "trial"]), {"trial-on": "2026-12-01"}
        ).status_code
        == 404
    )
    assert not Offer.objects.exists()
