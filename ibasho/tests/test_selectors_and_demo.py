import io

import pytest

from consultations.models import Household, Person
from ibasho import demo, selectors
from ibasho.models import Booking, Gathering, Venue

from .factories import BookingFactory

pytestmark = pytest.mark.django_db


def test_person_and_household_timelines_show_linked_bookings():
    household = Household.objects.create(name="山田家")
    person = Person.objects.create(family_name="山田", household=household)
    booking = BookingFactory(person=person, attendance=Booking.Attendance.ATTENDED)
    BookingFactory()  # someone else
    (entry,) = selectors.person_timeline(person)
    assert entry.programme == "居場所支援"
    assert entry.when == booking.gathering.starts_at
    assert booking.gathering.venue.name in entry.title
    assert entry.admin_url.endswith(f"/ibasho/booking/{booking.pk}/change/")
    assert [e.admin_url for e in selectors.household_timeline(household)] == [entry.admin_url]


def test_demo_is_idempotent_and_uses_the_seed_venues():
    demo.load(stdout=io.StringIO())
    counts = (
        Venue.objects.count(),
        Gathering.objects.count(),
        Booking.objects.count(),
        Booking.history.count(),
    )
    demo.load(stdout=io.StringIO())
    assert (
        Venue.objects.count(),
        Gathering.objects.count(),
        Booking.objects.count(),
        Booking.history.count(),
    ) == counts
    names = set(Venue.objects.values_list("name", flat=True))
    assert "多摩市立中央図書館" in names
    assert "二幸産業・NSP健幸福祉プラザ(多摩市総合福祉センター)" in names
    venues = list(Gathering.objects.order_by("date").values_list("venue__name", flat=True))
    assert venues[0] != venues[1] and venues[0] == venues[2]
