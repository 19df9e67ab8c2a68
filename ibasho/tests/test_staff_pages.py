import pytest
from django.urls import reverse

from ibasho.models import Booking, Gathering

from .factories import BookingFactory, GatheringFactory, VenueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def gathering():
    g = GatheringFactory(capacity=1)
    BookingFactory(
        gathering=g, name="確定さん", phone="090-1234-5678", phone_key="09012345678", needs="静かな席"
    )
    BookingFactory(gathering=g, name="待ちさん", status=Booking.Status.WAITLISTED)
    BookingFactory(gathering=g, name="取消さん", status=Booking.Status.CANCELLED)
    return g


def test_caseworkers_see_bookings_read_only(caseworker, gathering):
    booking = gathering.bookings.confirmed().get()
    html = caseworker.get(reverse("admin:ibasho_booking_change", args=[booking.pk])).content.decode()
    assert 'name="phone"' not in html
    assert "090-1234-5678" in html


def test_unknown_gathering_roster_is_404(coordinator):
    assert coordinator.get(reverse("ibasho_staff:gathering-roster", args=[999999])).status_code == 404


def test_roster_lists_the_three_groups_with_contact_details(coordinator, gathering):
    html = coordinator.get(reverse("ibasho_staff:gathering-roster", args=[gathering.pk])).content.decode()
    assert "確定さん" in html and "090-1234-5678" in html and "静かな席" in html
    assert html.index("確定さん") < html.index("待ちさん") < html.index("取消さん")
    assert "data-print" in html


def test_attendance_check_off_by_post(coordinator, gathering):
    booking = gathering.bookings.confirmed().get()
    url = reverse("ibasho_staff:booking-attendance", args=[booking.pk])
    assert coordinator.get(url).status_code == 405
    response = coordinator.post(url, {"attendance": "attended"})
    assert response["Location"].endswith(f"#booking-{booking.pk}")
    booking.refresh_from_db()
    assert booking.attendance == Booking.Attendance.ATTENDED
    assert coordinator.post(url, {"attendance": "maybe"}).status_code == 400
    page = coordinator.get(reverse("ibasho_staff:gathering-attendance", args=[gathering.pk])).content.decode()
    assert 'aria-pressed="true"' in page
    assert "待ちさん" not in page


def test_numbers_per_gathering_and_month(coordinator, gathering):
    booking = gathering.bookings.confirmed().get()
    booking.first_time = True
    booking.attendance = Booking.Attendance.ATTENDED
    booking.save()
    response = coordinator.get(reverse("ibasho_staff:numbers"))
    (month,) = list(response.context["months"])
    assert (month["gatherings"], month["booked"], month["attended"], month["first_timers"]) == (1, 1, 1, 1)
    (row,) = list(response.context["gatherings"])
    assert (row.confirmed_count, row.waitlisted_count, row.attended_count, row.first_timer_count) == (
        1,
        1,
        1,
        1,
    )


def test_season_form_creates_alternating_gatherings(coordinator):
    plaza, library = VenueFactory(name="NSP"), VenueFactory(name="図書館")
    response = coordinator.post(
        reverse("admin:ibasho_gathering_season"),
        {
            "first_venue": plaza.pk,
            "second_venue": library.pk,
            "start_month": "2027-01-01",
            "months": 3,
            "weekday": 0,
            "week": 2,
            "start_time": "14:00",
            "end_time": "16:00",
            "capacity": 10,
            "title": "スペース栞",
            "publish": "on",
        },
    )
    assert response.status_code == 302
    gatherings = list(Gathering.objects.order_by("date"))
    assert [str(g.date) for g in gatherings] == ["2027-01-18", "2027-02-08", "2027-03-08"]
    assert [g.venue for g in gatherings] == [plaza, library, plaza]
    assert all(g.status == Gathering.Status.PUBLISHED for g in gatherings)


def test_admin_cancel_action_notifies_everyone(
    coordinator, gathering, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(
            reverse("admin:ibasho_gathering_changelist"),
            {"action": "cancel_gatherings", "_selected_action": [gathering.pk]},
        )
    gathering.refresh_from_db()
    assert gathering.status == Gathering.Status.CANCELLED
    assert len(mailoutbox) == 2


def test_admin_pages_render(coordinator, gathering):
    booking = gathering.bookings.first()
    for url in [
        reverse("admin:ibasho_gathering_changelist"),
        reverse("admin:ibasho_gathering_change", args=[gathering.pk]),
        reverse("admin:ibasho_booking_changelist") + "?q=確定",
        reverse("admin:ibasho_booking_change", args=[booking.pk]),
        reverse("admin:ibasho_venue_changelist"),
    ]:
        assert coordinator.get(url).status_code == 200, url


def test_linking_a_booking_to_a_person_in_the_admin(coordinator, gathering):
    from consultations.models import Person

    person = Person.objects.create(family_name="山田", given_name="花子", family_name_kana="ヤマダ")
    booking = gathering.bookings.confirmed().get()
    autocomplete = coordinator.get(
        reverse("admin:autocomplete"),
        {"term": "ヤマダ", "app_label": "ibasho", "model_name": "booking", "field_name": "person"},
    )
    assert autocomplete.status_code == 200
    assert autocomplete.json()["results"][0]["id"] == str(person.pk)
    response = coordinator.post(
        reverse("admin:ibasho_booking_change", args=[booking.pk]),
        {
            "person": person.pk,
            "name": booking.name,
            "name_kana": booking.name_kana,
            "phone": booking.phone,
            "email": booking.email,
            "needs": booking.needs,
        },
    )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.person == person


def test_setting_a_gathering_to_cancelled_in_the_admin_form_notifies_everyone(
    coordinator, gathering, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("admin:ibasho_gathering_change", args=[gathering.pk])
    data = {
        "title": gathering.title,
        "venue": gathering.venue_id,
        "date": gathering.date.isoformat(),
        "start_time": "14:00",
        "end_time": "16:00",
        "status": "cancelled",
        "capacity": gathering.capacity,
        "min_age": 18,
        "max_age": 64,
        "deadline_0": "",
        "deadline_1": "",
        "description": "",
        "rules": "",
        "bookings-TOTAL_FORMS": "0",
        "bookings-INITIAL_FORMS": "0",
        "bookings-MIN_NUM_FORMS": "0",
        "bookings-MAX_NUM_FORMS": "1000",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    gathering.refresh_from_db()
    assert gathering.status == Gathering.Status.CANCELLED
    assert gathering.cancelled_at is not None
    assert len(mailoutbox) == 2
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        gathering.bookings.exclude(status=Booking.Status.CANCELLED).values_list("email", flat=True)
    )


def test_roster_empty_rows_span_each_tables_own_columns(coordinator):
    html = coordinator.get(
        reverse("ibasho_staff:gathering-roster", args=[GatheringFactory().pk])
    ).content.decode()
    tables = html.split('<table class="roster-table"')[1:]
    assert len(tables) == 3
    for table in tables:
        columns = table.split("</thead>")[0].count('<th scope="col">')
        assert f'colspan="{columns}"' in table
    assert [t.split("</thead>")[0].count("<th ") for t in tables] == [9, 8, 8]


def test_attendance_can_be_reset_to_not_recorded(coordinator, gathering):
    booking = gathering.bookings.confirmed().get()
    mark = reverse("ibasho_staff:booking-attendance", args=[booking.pk])
    page = reverse("ibasho_staff:gathering-attendance", args=[gathering.pk])
    assert "未記録に戻す" not in coordinator.get(page).content.decode()
    coordinator.post(mark, {"attendance": "attended"})
    assert "未記録に戻す" in coordinator.get(page).content.decode()
    coordinator.post(mark, {"attendance": ""})
    booking.refresh_from_db()
    assert booking.attendance == Booking.Attendance.UNKNOWN


def test_admin_wording_for_attendance_and_seasons(coordinator, gathering):
    bookings = coordinator.get(reverse("admin:ibasho_booking_changelist")).content.decode()
    assert "出席にする" in bookings and "参加にする" not in bookings
    season = coordinator.get(reverse("admin:ibasho_gathering_season")).content.decode()
    assert "複数月の開催回をまとめて作成" in season and "年間" not in season


def test_gathering_list_shows_how_full_each_gathering_is(coordinator):
    gathering = GatheringFactory(capacity=2)
    for _ in range(2):
        BookingFactory(gathering=gathering)
    BookingFactory(gathering=gathering, status=Booking.Status.WAITLISTED)
    html = coordinator.get(reverse("admin:ibasho_gathering_changelist")).content.decode()
    assert "定員2人中 2人確定" in html and "キャンセル待ち 1人" in html
    assert "定員超過" not in html
    # A capacity lowered below the bookings (possible today in the admin) is shown plainly.
    Gathering.objects.filter(pk=gathering.pk).update(capacity=1)
    html = coordinator.get(reverse("admin:ibasho_gathering_changelist")).content.decode()
    assert "定員超過:" in html and "定員1人中 2人確定" in html


def _gathering_form(gathering, **changes):
    return {
        "title": gathering.title,
        "venue": gathering.venue_id,
        "date": gathering.date.isoformat(),
        "start_time": "14:00",
        "end_time": "16:00",
        "status": gathering.status,
        "capacity": gathering.capacity,
        "min_age": 18,
        "max_age": 64,
        "deadline_0": "",
        "deadline_1": "",
        "description": "",
        "rules": "",
        "bookings-TOTAL_FORMS": "0",
        "bookings-INITIAL_FORMS": "0",
        "bookings-MIN_NUM_FORMS": "0",
        "bookings-MAX_NUM_FORMS": "1000",
        **changes,
    }


def test_capacity_cannot_drop_below_the_confirmed_places(coordinator):
    gathering = GatheringFactory(capacity=3)
    BookingFactory.create_batch(2, gathering=gathering)
    url = reverse("admin:ibasho_gathering_change", args=[gathering.pk])
    response = coordinator.post(url, _gathering_form(gathering, capacity=1, title="変更した題名"))
    assert response.status_code == 200
    assert "2人分の席がすでに確定しているため" in response.content.decode()
    gathering.refresh_from_db()
    assert gathering.capacity == 3 and gathering.title != "変更した題名"
    # Down to exactly the confirmed places is fine.
    assert coordinator.post(url, _gathering_form(gathering, capacity=2)).status_code == 302
    gathering.refresh_from_db()
    assert gathering.capacity == 2


def test_the_service_refuses_too_under_its_lock():
    from ibasho import services

    gathering = GatheringFactory(capacity=3)
    BookingFactory.create_batch(2, gathering=gathering)
    gathering.capacity = 1
    with pytest.raises(services.CapacityBelowBookings):
        services.gathering_save(gathering=gathering)
    gathering.refresh_from_db()
    assert gathering.capacity == 3
