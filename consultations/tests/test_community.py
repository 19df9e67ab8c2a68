"""地域づくり: areas in three layers, community meetings per area, local needs followed up with a
status, and a coordinator's view of an area without names."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations import selectors, services
from consultations.models import Area, CommunityMeeting, CommunityMeetingAttendee, CommunityNeed, Topic

from .factories import (
    AreaFactory,
    CaseFactory,
    CommunityMeetingFactory,
    CommunityNeedFactory,
    HouseholdFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    city = AreaFactory(name="多摩市")
    sekido = AreaFactory(name="関戸小学校区", layer=Area.Layer.DISTRICT, parent=city, order=1)
    ochiai = AreaFactory(name="落合小学校区", layer=Area.Layer.DISTRICT, parent=city, order=2)
    danchi = AreaFactory(name="関戸九丁目団地自治会", layer=Area.Layer.NEIGHBOURHOOD, parent=sekido)
    return {"city": city, "sekido": sekido, "ochiai": ochiai, "danchi": danchi}


def test_an_area_sits_one_layer_under_its_parent(tree):
    with pytest.raises(services.AreaRefused) as error:
        services.area_save(area=Area(name="九丁目", layer=Area.Layer.NEIGHBOURHOOD, parent=tree["city"]))
    assert error.value.field == "parent" and "小学校区" in str(error.value)
    district = tree["sekido"]
    district.layer = Area.Layer.NEIGHBOURHOOD
    with pytest.raises(services.AreaRefused, match="小学校区"):
        services.area_save(area=district)  # a neighbourhood cannot sit in the whole area
    city = tree["city"]
    city.layer = Area.Layer.DISTRICT
    with pytest.raises(services.AreaRefused, match="層は変えられません"):
        services.area_save(area=city)
    area = services.area_save(
        area=Area(name="関戸四丁目自治会", layer=Area.Layer.NEIGHBOURHOOD, parent=tree["sekido"])
    )
    assert set(Area.objects.within(tree["sekido"])) == {tree["sekido"], tree["danchi"], area}
    assert [a.name for a in Area.objects.all().in_tree_order()] == [
        "多摩市",
        "関戸小学校区",
        "関戸九丁目団地自治会",
        "関戸四丁目自治会",
        "落合小学校区",
    ]


def test_other_records_filter_by_an_area_and_everything_inside_it(tree, caseworker):
    in_danchi = CaseFactory(area=tree["danchi"])
    in_ochiai = CaseFactory(area=tree["ochiai"])
    assert list(Case_in(tree["sekido"])) == [in_danchi]
    assert set(Case_in(tree["city"])) == {in_danchi, in_ochiai}
    html = caseworker.get(
        reverse("admin:consultations_case_changelist") + f"?area={tree['sekido'].pk}"
    ).content.decode()
    assert in_danchi.reference in html and in_ochiai.reference not in html


def Case_in(area):
    from consultations.models import Case

    return Case.objects.filter(Area.subtree_q(area)).order_by("pk")


def test_a_community_meeting_records_attendees_and_the_needs_raised(tree, django_user_model):
    coordinator = django_user_model.objects.create_user("c")
    meeting = CommunityMeeting(
        area=tree["sekido"], title="関戸地区支え合い会議", held_on=timezone.localdate(), topics="買い物"
    )
    services.community_meeting_save(
        meeting=meeting,
        attendees=[
            CommunityMeetingAttendee(kind="coordinator", name="支え合いコーディネーター"),
            CommunityMeetingAttendee(kind="residents_group", name="関戸九丁目団地自治会", headcount=3),
        ],
        needs=[
            CommunityNeed(title="団地の高齢者が買い物に行けない"),
            CommunityNeed(title="ゴミ出しの見守り", area=tree["danchi"]),
        ],
        by=coordinator,
    )
    assert meeting.recorded_by == coordinator and meeting.attendees.count() == 2
    assert dict(meeting.needs.values_list("title", "area")) == {
        "団地の高齢者が買い物に行けない": tree["sekido"].pk,
        "ゴミ出しの見守り": tree["danchi"].pk,
    }
    with pytest.raises(services.ConsultationError) as error:
        services.community_meeting_save(
            meeting=meeting, needs=[CommunityNeed(title="x", area=tree["ochiai"])]
        )
    assert error.value.field == "area"


def test_a_need_is_followed_up_with_a_status_until_it_is_done(tree):
    need = CommunityNeedFactory(area=tree["danchi"])
    today = timezone.localdate()
    services.community_need_follow_up(
        need=need,
        status="in_progress",
        note="移動販売の事業者に相談",
        follow_up_on=today + datetime.timedelta(days=14),
    )
    need.refresh_from_db()
    assert (need.status, need.closed_on, need.follow_up_on) == (
        "in_progress",
        None,
        today + datetime.timedelta(days=14),
    )
    with pytest.raises(services.ConsultationError) as error:
        services.community_need_follow_up(need=need, status="done", note=" ")
    assert error.value.field == "note"
    services.community_need_follow_up(need=need, status="done", note="月2回の移動販売が始まった", on=today)
    need.refresh_from_db()
    assert (need.status, need.closed_on, need.follow_up_on) == ("done", today, None)
    assert [f.status for f in need.follow_ups.all()] == ["in_progress", "done"]
    need.status = "open"  # the status is not edited directly
    services.community_need_save(need=need)
    need.refresh_from_db()
    assert need.status == "done"


def test_a_coordinator_follows_up_a_need_in_the_admin(coordinator, tree):
    need = CommunityNeedFactory(area=tree["danchi"], follow_up_on=timezone.localdate())
    url = reverse("admin:consultations_communityneed_change", args=[need.pk])
    html = coordinator.get(url).content.decode()
    assert 'name="status"' not in html
    response = coordinator.post(
        url,
        {
            "title": need.title,
            "kind": "need",
            "area": tree["danchi"].pk,
            "description": "",
            "follow_up_on": "",
            "follow_ups-TOTAL_FORMS": "1",
            "follow_ups-INITIAL_FORMS": "0",
            "follow_ups-0-followed_up_on": timezone.localdate().isoformat(),
            "follow_ups-0-status": "dropped",
            "follow_ups-0-note": "自治会で対応することになった",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    need.refresh_from_db()
    assert need.status == "dropped" and need.closed_on == timezone.localdate()
    assert need.follow_ups.get().by == coordinator.user


def test_a_coordinator_sees_an_areas_needs_and_counts_without_names(coordinator, caseworker, tree):
    household = HouseholdFactory(area=tree["danchi"])
    for i in range(3):
        case = CaseFactory(area=tree["danchi"], household=household if i == 0 else None)
        case.topics.set([Topic.objects.get(code="isolation")])
    lonely = CaseFactory(area=tree["danchi"])
    lonely.topics.set([Topic.objects.get(code="debt")])
    CommunityNeedFactory(area=tree["danchi"], title="団地の高齢者が買い物に行けない")
    CommunityMeetingFactory(area=tree["sekido"], title="関戸地区支え合い会議")
    html = coordinator.get(
        reverse("consultations_staff:area-detail", args=[tree["sekido"].pk])
    ).content.decode()
    assert "団地の高齢者が買い物に行けない" in html and "関戸地区支え合い会議" in html
    assert "ひきこもり・孤立" in html and "3件未満" in html  # the one debt case is hidden in words
    assert lonely.person.family_name not in html and lonely.reference not in html
    rows = {row.area.name: row for row in selectors.area_overview()}
    assert (
        rows["多摩市"].open_cases,
        rows["関戸小学校区"].open_needs,
        rows["関戸小学校区"].meetings_this_year,
    ) == (4, 1, 1)
    assert rows["落合小学校区"].open_cases_shown == "0"
    html = coordinator.get(reverse("consultations_staff:area-list")).content.decode()
    assert "関戸九丁目団地自治会" in html
    assert coordinator.get(reverse("admin:consultations_case_changelist")).status_code == 403
    assert coordinator.get(reverse("admin:consultations_communitymeeting_add")).status_code == 200
    assert (
        coordinator.get(reverse("admin:consultations_area_add")).status_code == 403
    )  # areas are set up by managers


def test_area_pages_need_their_permissions(resident, staff_without_role, tree):
    url = reverse("consultations_staff:area-list")
    assert resident.get(url).status_code == 302
    assert staff_without_role.get(url).status_code == 403


def test_community_meetings_are_counted_per_area_layer(tree, django_assert_num_queries):
    day = datetime.date(2026, 11, 10)
    CommunityMeetingFactory(area=tree["city"], held_on=day)
    CommunityMeetingFactory(area=tree["danchi"], held_on=day)
    CommunityMeetingFactory(area=tree["danchi"], held_on=datetime.date(2026, 11, 30))
    CommunityMeetingFactory(area=tree["sekido"], held_on=datetime.date(2026, 12, 1))  # outside
    with django_assert_num_queries(1):
        counts = selectors.community_meetings_by_layer(
            since=datetime.date(2026, 11, 1), until=datetime.date(2026, 11, 30)
        )
    assert counts == {1: 1, 2: 0, 3: 2}
