"""閲覧記録: every staff view of a record about a person is written, and nobody can change the log."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from consultations.tests.factories import (
    CaseFactory,
    ConcernReportFactory,
    ConsultationRequestFactory,
    HouseholdFactory,
    PersonFactory,
)
from food_support.tests.factories import (
    DistributionFactory,
    FoodApplicationFactory,
    FoodRegistrationFactory,
    RosterEntryFactory,
)
from ibasho.models import Booking
from ibasho.tests.factories import BookingFactory, GatheringFactory
from participation import services as participation_services
from participation.tests.factories import ActivityFactory, ParticipantFactory
from welfare_portal.access_log import LOGGED_MODELS
from welfare_portal.models import AccessLog

pytestmark = pytest.mark.django_db

NAME = "閲覧 記録子"


@pytest.fixture
def person():
    return PersonFactory(family_name="閲覧", given_name="記録子", household=HouseholdFactory(name="閲覧家"))


def _placement(person):
    return participation_services.placement_arrange_visit(
        participant=ParticipantFactory(person=person),
        activity=ActivityFactory(),
        visit_date=timezone.localdate(),
    )


# model label -> how to make one record about `person`
RECORDS = {
    "consultations.person": lambda person: person,
    "consultations.household": lambda person: person.household,
    "consultations.case": lambda person: CaseFactory(person=person),
    "consultations.consultationrequest": lambda person: ConsultationRequestFactory(),
    "consultations.concernreport": lambda person: ConcernReportFactory(),
    "ibasho.booking": lambda person: BookingFactory(person=person),
    "participation.participant": lambda person: ParticipantFactory(person=person),
    "participation.placement": _placement,
    "food_support.foodregistration": lambda person: FoodRegistrationFactory(
        person=person, household=person.household
    ),
    "food_support.foodapplication": lambda person: FoodApplicationFactory(),
    "food_support.rosterentry": lambda person: RosterEntryFactory(),
}


def _change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def _only_entry():
    entry = AccessLog.objects.get()
    # Nothing about the person is copied in: the row is labels, numbers and an address.
    assert NAME.split()[0] not in str([getattr(entry, f.attname) for f in AccessLog._meta.fields])
    return entry


@pytest.mark.parametrize("label", sorted(RECORDS))
def test_opening_a_record_in_the_admin_is_written(manager, person, label):
    obj = RECORDS[label](person)
    assert label in LOGGED_MODELS
    AccessLog.objects.all().delete()
    response = manager.get(_change_url(obj))
    assert response.status_code == 200
    entry = _only_entry()
    assert (entry.model, entry.object_id, entry.user, entry.how) == (label, obj.pk, manager.user, "admin")
    assert entry.client_address == "127.0.0.1"


def test_its_change_history_and_a_past_version_are_written_too(manager, person):
    opts = person._meta
    manager.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[person.pk]))
    version = person.history.first()
    manager.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[person.pk, version.pk])
    )
    assert list(AccessLog.objects.values_list("how", flat=True)) == ["history", "history"]


def test_a_refused_or_missing_record_writes_nothing(coordinator, manager, person):
    case = CaseFactory(person=person)
    assert coordinator.get(_change_url(case)).status_code == 403
    response = manager.get(reverse("admin:consultations_person_change", args=[999999]))
    assert response.status_code == 302
    assert not AccessLog.objects.exists()


def test_a_gathering_page_writes_each_booking_it_lists(manager):
    gathering = GatheringFactory()
    bookings = BookingFactory.create_batch(2, gathering=gathering)
    assert manager.get(_change_url(gathering)).status_code == 200
    assert sorted(AccessLog.objects.values_list("model", "object_id", "how")) == sorted(
        ("ibasho.booking", b.pk, "admin") for b in bookings
    )


def test_records_that_are_not_about_a_person_are_not_written(manager):
    gathering = GatheringFactory()
    assert manager.get(_change_url(gathering.venue)).status_code == 200
    assert not AccessLog.objects.exists()


@pytest.mark.parametrize("kind", ["person", "household"])
def test_timelines_are_written(manager, person, kind):
    obj = person if kind == "person" else person.household
    manager.get(reverse(f"staff-{kind}-timeline", args=[obj.pk]))
    entry = _only_entry()
    assert (entry.model, entry.object_id, entry.how) == (f"consultations.{kind}", obj.pk, "timeline")


def test_the_gathering_roster_and_check_off_write_each_booking(coordinator):
    gathering = GatheringFactory()
    confirmed = BookingFactory.create_batch(2, gathering=gathering)
    waiting = BookingFactory(gathering=gathering, status=Booking.Status.WAITLISTED)
    coordinator.get(reverse("ibasho_staff:gathering-roster", args=[gathering.pk]))
    assert sorted(AccessLog.objects.values_list("object_id", flat=True)) == sorted(
        b.pk for b in [*confirmed, waiting]
    )
    assert set(AccessLog.objects.values_list("model", "how")) == {("ibasho.booking", "page")}
    AccessLog.objects.all().delete()
    coordinator.get(reverse("ibasho_staff:gathering-attendance", args=[gathering.pk]))
    assert sorted(AccessLog.objects.values_list("object_id", flat=True)) == sorted(b.pk for b in confirmed)


@pytest.mark.parametrize(
    ("name", "how"),
    [
        ("distribution-detail", "page"),
        ("roster-export-xlsx", "export"),
        ("roster-export-csv", "export"),
        ("roster-signoff", "print"),
    ],
)
def test_food_rosters_exports_and_the_sign_off_sheet_write_each_registration(coordinator, name, how):
    distribution = DistributionFactory()
    entries = RosterEntryFactory.create_batch(3, distribution=distribution)
    response = coordinator.get(reverse(f"food_support_staff:{name}", args=[distribution.pk]))
    assert response.status_code == 200
    b"".join(getattr(response, "streaming_content", [b""]))  # a streamed file is read to the end
    rows = AccessLog.objects.all()
    assert sorted(r.object_id for r in rows) == sorted(e.registration_id for e in entries)
    assert {(r.model, r.how, r.user_id) for r in rows} == {
        ("food_support.foodregistration", how, coordinator.user.pk)
    }


def test_a_registration_and_an_application_page_are_written(coordinator):
    registration = FoodRegistrationFactory()
    application = FoodApplicationFactory()
    coordinator.get(reverse("food_support_staff:registration-detail", args=[registration.pk]))
    coordinator.get(reverse("food_support_staff:application-review", args=[application.pk]))
    assert set(AccessLog.objects.values_list("model", "object_id", "how")) == {
        ("food_support.foodregistration", registration.pk, "page"),
        ("food_support.foodapplication", application.pk, "page"),
    }


def test_the_address_is_the_one_the_load_balancer_saw(manager, person, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    url = _change_url(person)
    manager.get(url, HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7")
    manager.get(url, HTTP_X_FORWARDED_FOR="not-an-address")
    assert list(AccessLog.objects.order_by("pk").values_list("client_address", flat=True)) == [
        "198.51.100.7",
        None,
    ]


# --- Nobody changes the log --------------------------------------------------------------


@pytest.fixture
def superuser(roles):
    from conftest import _client_for

    user = get_user_model().objects.create_superuser("root", password="test-password-123")
    return _client_for(user)


ROLES = ["caseworker", "coordinator", "manager", "staff_without_role", "superuser"]


def test_the_log_has_no_permission_to_add_change_or_delete():
    codenames = Permission.objects.filter(
        content_type__app_label="welfare_portal", content_type__model="accesslog"
    )
    assert list(codenames.values_list("codename", flat=True)) == ["view_accesslog"]


@pytest.mark.parametrize("role", ROLES)
def test_no_role_may_add_change_or_delete_an_entry(request, role, person):
    client = request.getfixturevalue(role)
    entry = AccessLog.objects.create(
        user=client.user, model="consultations.person", object_id=person.pk, how="admin"
    )
    before = list(AccessLog.objects.values())
    change = reverse("admin:welfare_portal_accesslog_change", args=[entry.pk])
    delete = reverse("admin:welfare_portal_accesslog_delete", args=[entry.pk])
    add = reverse("admin:welfare_portal_accesslog_add")
    changelist = reverse("admin:welfare_portal_accesslog_changelist")
    tampered = {"user": client.user.pk, "model": "x.y", "object_id": 1, "how": "admin", "at_0": "2020-01-01"}
    assert client.get(add).status_code == 403
    assert client.post(add, tampered).status_code == 403
    assert client.post(change, tampered).status_code == 403
    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    client.post(changelist, {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"})
    assert list(AccessLog.objects.values()) == before


@pytest.mark.parametrize("role", ["caseworker", "coordinator", "staff_without_role"])
def test_only_managers_read_the_log(request, role):
    client = request.getfixturevalue(role)
    assert client.get(reverse("admin:welfare_portal_accesslog_changelist")).status_code == 403
    assert client.get(reverse("admin:welfare_portal_accesslog_export")).status_code == 403


def test_managers_filter_by_user_record_and_date_and_export(manager, caseworker, person):
    other = PersonFactory()
    caseworker.get(_change_url(person))
    caseworker.get(_change_url(other))
    manager.get(_change_url(person))
    changelist = reverse("admin:welfare_portal_accesslog_changelist")
    by_user = manager.get(changelist + f"?user__id__exact={caseworker.user.pk}")
    assert by_user.status_code == 200 and by_user.context["cl"].result_count == 2
    by_record = manager.get(changelist + f"?model=consultations.person&record={person.pk}")
    assert by_record.context["cl"].result_count == 2
    entry = AccessLog.objects.first()
    by_day = manager.get(changelist + f"?at__year={entry.at.year}&at__month={entry.at.month}")
    assert by_day.context["cl"].result_count == 3
    assert manager.get(changelist + "?model=consultations.person&record=abc").context["cl"].result_count == 0
    # Filters the role is not shown are refused (StaffAdminMixin).
    assert manager.get(changelist + "?object_id__gte=0").status_code == 400
    export = manager.get(
        reverse("admin:welfare_portal_accesslog_export") + f"?user__id__exact={caseworker.user.pk}"
    )
    text = b"".join(export.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == [
        "日時",
        "ログイン名",
        "職員",
        "記録の種類",
        "記録の種類(コード)",
        "記録の番号",
        "開き方",
        "接続元アドレス",
    ]
    assert sorted(int(row[5]) for row in rows[1:]) == sorted([person.pk, other.pk])
    assert {row[1] for row in rows[1:]} == {"caseworker"}
    assert NAME.split()[0] not in text


def test_the_timeline_shows_managers_who_opened_the_persons_records(manager, caseworker, person):
    booking = BookingFactory(person=person)
    caseworker.get(_change_url(booking))
    caseworker.get(_change_url(PersonFactory()))  # someone else's record: not shown
    page = manager.get(reverse("staff-person-timeline", args=[person.pk])).content.decode()
    assert "この記録を開いた人(閲覧記録)" in page
    section = page[page.index("access-history-title") :]
    assert f"申込み #{booking.pk}" in section and "caseworker" in section
    assert f"本人 #{person.pk}" in section  # the manager's own opening of the timeline, just now
    assert section.count("<tr>") == 1 + 2
    assert reverse("admin:consultations_person_history", args=[person.pk]) in section
    assert (
        "この記録を開いた人"
        not in caseworker.get(reverse("staff-person-timeline", args=[person.pk])).content.decode()
    )
