"""A fixture with a known count for every figure on the monthly figures page.

Today is 20 March 2026 (Tokyo), so the default period is fiscal year 2025
(April 2025 to March 2026). Records sit on both sides of the fiscal year's
ends and of month ends in Tokyo time (23:59 on the last day counts in that
month, 00:00 on the first in the next, whatever UTC says). The expected
figures are in test_statistics_figures.EXPECTED.
"""

import datetime
import decimal

import pytest
import time_machine

from consultations.models import (
    Agency,
    Area,
    Assessment,
    Case,
    CommunityNeed,
    ConsultationRequest,
    ContactLog,
    Meeting,
    MeetingCaseReview,
    OutreachVisit,
    Referral,
    SupportPlan,
    Topic,
)
from consultations.tests.factories import (
    AgencyFactory,
    AreaFactory,
    CaseFactory,
    CommunityMeetingFactory,
    CommunityNeedFactory,
    ConcernReportFactory,
    ConsentFactory,
    ConsultationRequestFactory,
    PersonFactory,
)
from food_support.models import Distribution, FoodApplication, FoodRegistration, RosterEntry
from food_support.tests.factories import FoodApplicationFactory, FoodRegistrationFactory, PickupPlaceFactory
from ibasho.models import Booking, Gathering
from ibasho.tests.factories import BookingFactory, GatheringFactory, VenueFactory
from participation.models import Placement, PlacementLog
from participation.tests.factories import ActivityFactory, ParticipantFactory

TOKYO = datetime.timezone(datetime.timedelta(hours=9))
UTC = datetime.UTC
TODAY = datetime.datetime(2026, 3, 20, 10, 0, tzinfo=TOKYO)


@pytest.fixture
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def _jst(*args):
    return datetime.datetime(*args, tzinfo=TOKYO)


def _case(
    opened, *, channel=Case.Channel.PHONE, topics=(), birth=None, estimate=None, closed=None, reason=""
):
    person = PersonFactory(birth_date=birth, age_estimate=estimate)
    case = CaseFactory(
        person=person,
        channel=channel,
        opened_on=opened,
        status=Case.Status.CLOSED if closed else Case.Status.SUPPORT,
        closed_on=closed,
        closing_reason=reason,
    )
    case.topics.set(Topic.objects.filter(code__in=topics))
    return case


@pytest.fixture
def known(frozen):
    """One of each thing the page counts, placed so that every number is known."""
    d = datetime.date
    # 相談支援 ---------------------------------------------------------------------
    a = _case(
        d(2025, 4, 1),
        topics=["housing", "work"],
        birth=d(1990, 6, 15),
        closed=d(2025, 6, 10),
        reason="resolved",
    )
    _case(d(2025, 3, 31), channel=Case.Channel.ONLINE)  # the day before the fiscal year: continuing only
    _case(d(2025, 3, 1), estimate=45, closed=d(2025, 4, 15), reason="moved")  # carried in, closed in April
    c = _case(d(2026, 3, 31), channel=Case.Channel.CONCERN_SHEET, topics=["isolation"], birth=d(1955, 3, 31))
    e = _case(d(2025, 8, 20), topics=["housing"], birth=d(1985, 8, 21))  # 39: the birthday is tomorrow
    f = _case(d(2025, 8, 5), channel=Case.Channel.VISIT_OFFICE, estimate=62)  # no birth date, no topic
    for when, method in [
        (_jst(2025, 3, 31, 23, 59), ContactLog.Method.PHONE),  # before the fiscal year
        (_jst(2025, 4, 30, 23, 59), ContactLog.Method.PHONE),  # April in Tokyo
        (datetime.datetime(2025, 4, 30, 15, 0, tzinfo=UTC), ContactLog.Method.OFFICE),  # 1 May 00:00 in Tokyo
    ]:
        ContactLog.objects.create(case=a, contacted_at=when, method=method, participants="本人", summary="-")
    ConsultationRequestFactory(
        submitted_at=_jst(2025, 5, 31, 23, 30), requester=ConsultationRequest.Requester.FAMILY
    )
    ConsultationRequestFactory(submitted_at=datetime.datetime(2025, 5, 31, 15, 30, tzinfo=UTC))  # 1 June JST
    report = ConcernReportFactory(submitted_at=_jst(2025, 7, 10, 9))
    ConcernReportFactory(submitted_at=_jst(2025, 7, 11, 9), reporter_type="")
    Referral.objects.create(
        case=a,
        agency=AgencyFactory(kind=Agency.Kind.COMMUNITY_CARE),
        reason="-",
        status=Referral.Status.ACCEPTED,
        referred_on=d(2025, 5, 10),
        answered_on=d(2025, 5, 20),
    )
    Referral.objects.create(
        case=e,
        agency=AgencyFactory(kind=Agency.Kind.HELLO_WORK),
        reason="-",
        status=Referral.Status.REFERRED,
        referred_on=d(2025, 9, 1),
    )
    Assessment.objects.create(case=a, assessed_on=d(2025, 4, 20), summary="-")
    SupportPlan.objects.create(
        case=a,
        version=1,
        status=SupportPlan.Status.SUPERSEDED,
        made_on=d(2025, 4, 25),
        effective_from=d(2025, 4, 25),
        effective_until=d(2025, 5, 30),
        overall_goal="-",
    )
    SupportPlan.objects.create(
        case=a,
        version=2,
        status=SupportPlan.Status.ACTIVE,
        made_on=d(2025, 5, 30),
        effective_from=d(2025, 5, 30),
        review_on=d(2025, 11, 30),
        overall_goal="-",
    )
    multi = Meeting.objects.create(
        kind=Meeting.Kind.MULTI_LAYERED, held_at=_jst(2025, 10, 8, 14), attendees="-"
    )
    MeetingCaseReview.objects.create(
        meeting=multi,
        meeting_kind=multi.kind,
        case=e,
        consent=ConsentFactory(person=e.person, given_on=d(2025, 9, 1)),
    )
    support = Meeting.objects.create(
        kind=Meeting.Kind.SUPPORT, held_at=datetime.datetime(2025, 11, 30, 15, 30, tzinfo=UTC), attendees="-"
    )  # 1 December in Tokyo
    MeetingCaseReview.objects.create(meeting=support, meeting_kind=support.kind, case=f)
    OutreachVisit.objects.create(
        case=c,
        visited_at=_jst(2026, 3, 31, 10),
        location="-",
        visitors="-",
        outcome=OutreachVisit.Outcome.NOT_HOME,
    )
    OutreachVisit.objects.create(
        concern_report=report,
        visited_at=_jst(2025, 7, 12, 10),
        location="-",
        visitors="-",
        outcome=OutreachVisit.Outcome.MET,
    )
    # 居場所 -------------------------------------------------------------------------
    venue = VenueFactory()
    held = GatheringFactory(venue=venue, date=d(2025, 6, 19), capacity=3)
    BookingFactory(gathering=held, first_time=True, attendance=Booking.Attendance.ATTENDED)
    BookingFactory(gathering=held, attendance=Booking.Attendance.ABSENT)
    BookingFactory(gathering=held, promoted_at=_jst(2025, 6, 18, 9), attendance=Booking.Attendance.ATTENDED)
    BookingFactory(gathering=held, status=Booking.Status.WAITLISTED, first_time=True)
    BookingFactory(gathering=held, status=Booking.Status.CANCELLED, cancelled_at=_jst(2025, 6, 1, 9))
    called_off = GatheringFactory(venue=venue, date=d(2025, 9, 18), status=Gathering.Status.CANCELLED)
    BookingFactory(gathering=called_off, status=Booking.Status.CANCELLED)
    GatheringFactory(venue=venue, date=d(2025, 10, 16), status=Gathering.Status.DRAFT)
    BookingFactory(gathering=GatheringFactory(venue=venue, date=d(2026, 4, 16)))  # next fiscal year
    # 地域づくり ---------------------------------------------------------------------
    city = AreaFactory(name="多摩市全域")
    district = AreaFactory(name="関戸小学校区", layer=Area.Layer.DISTRICT, parent=city)
    street = AreaFactory(name="関戸四丁目自治会", layer=Area.Layer.NEIGHBOURHOOD, parent=district)
    CommunityMeetingFactory(area=city, held_on=d(2025, 3, 31))  # the day before the fiscal year
    at_city = CommunityMeetingFactory(area=city, held_on=d(2025, 4, 30))
    CommunityMeetingFactory(area=district, held_on=d(2025, 5, 1))
    at_street = CommunityMeetingFactory(area=street, held_on=d(2026, 3, 31))
    CommunityNeedFactory(area=city, meeting=at_city, kind=CommunityNeed.Kind.NEED)
    CommunityNeedFactory(
        area=street,
        meeting=at_street,
        kind=CommunityNeed.Kind.RESOURCE_IDEA,
        status=CommunityNeed.Status.DONE,
        closed_on=d(2026, 3, 31),
    )
    CommunityNeedFactory(
        area=district, status=CommunityNeed.Status.DROPPED, closed_on=d(2025, 9, 1)
    )  # no meeting
    # 参加支援 -----------------------------------------------------------------------
    first, second = ParticipantFactory(), ParticipantFactory()
    garden, bags = ActivityFactory(), ActivityFactory()
    # Each placement's stage dates: a visit (見学), then trying out, taking part, an ending.
    ended = Placement.objects.create(
        participant=first,
        activity=garden,
        stage=Placement.Stage.ENDED,
        visit_date=d(2025, 4, 20),
        trial_start=d(2025, 5, 1),
        end_date=d(2025, 8, 31),
        end_reason=Placement.EndReason.OWN_WISH,
    )
    ongoing = Placement.objects.create(
        participant=first,
        activity=bags,
        stage=Placement.Stage.ONGOING,
        visit_date=d(2025, 8, 1),
        trial_start=d(2025, 9, 15),
        ongoing_start=d(2025, 10, 15),
    )
    Placement.objects.create(participant=second, activity=garden, visit_date=d(2026, 3, 1))
    PlacementLog.objects.create(
        placement=ended, date=d(2025, 5, 8), attended=True, hours=decimal.Decimal("2.0")
    )
    PlacementLog.objects.create(placement=ended, date=d(2025, 5, 15), attended=False)
    PlacementLog.objects.create(
        placement=ongoing, date=d(2025, 9, 20), attended=True, hours=decimal.Decimal("1.5")
    )
    PlacementLog.objects.create(placement=ongoing, date=d(2025, 9, 27), attended=True)
    # 食料支援 -----------------------------------------------------------------------
    place = PickupPlaceFactory()
    r1 = FoodRegistrationFactory(pickup_place=place, adults=2, children=1, registered_on=d(2025, 4, 1))
    r2 = FoodRegistrationFactory(pickup_place=place, adults=1, children=0, registered_on=d(2025, 3, 15))
    r3 = FoodRegistrationFactory(pickup_place=place, adults=2, children=3, registered_on=d(2025, 4, 5))
    FoodRegistrationFactory(
        pickup_place=place, registered_on=d(2025, 6, 1), status=FoodRegistration.Status.PENDING
    )
    april = Distribution.objects.create(
        place=place,
        date=d(2025, 4, 12),
        month=d(2025, 4, 1),
        starts_at=datetime.time(10),
        ends_at=datetime.time(12),
    )
    march = Distribution.objects.create(
        place=place,
        date=d(2026, 3, 28),
        month=d(2026, 3, 1),
        starts_at=datetime.time(10),
        ends_at=datetime.time(12),
    )  # after today: nobody is a no-show yet
    picked_at = _jst(2025, 4, 12, 10, 30)
    for registration, size, picked, proxy in [
        (r1, "M", True, False),
        (r2, "S", True, True),
        (r3, "L", False, False),
    ]:
        RosterEntry.objects.create(
            distribution=april,
            registration=registration,
            adults=registration.adults,
            children=registration.children,
            parcel_size=size,
            picked_up=picked,
            picked_up_at=picked_at if picked else None,
            by_proxy=proxy,
            proxy_name="母" if proxy else "",
        )
    for registration in (r1, r2):
        RosterEntry.objects.create(
            distribution=march, registration=registration, adults=1, children=0, parcel_size="S"
        )
    for created in (_jst(2025, 7, 31, 23, 59), datetime.datetime(2025, 7, 31, 15, 0, tzinfo=UTC)):
        application = FoodApplicationFactory(preferred_place=place)
        FoodApplication.objects.filter(pk=application.pk).update(created_at=created)
