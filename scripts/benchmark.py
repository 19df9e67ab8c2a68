"""Speed and memory figures for the README: `make bench` (DATABASE_URL picks the database).

Builds a throwaway test database (like the test suite), fills it with a
council-sized year of data, and measures what staff and residents wait for.
Figures vary by machine; the README records one run on the CI machine kind
(2 cores). Nothing here is asserted: the tests assert query counts instead.
"""

import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "welfare_portal.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("DJANGO_READ_DOT_ENV", "0")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage")
os.environ.setdefault("ALLOWED_HOSTS", "*")
os.environ.setdefault("CACHE_URL", "locmemcache://")
os.environ.setdefault("PASSWORD_HASHERS", "django.contrib.auth.hashers.MD5PasswordHasher")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

RESULTS = []


def timed(label, func, *, repeat=5, unit="ms"):
    """Median wall time of func() over `repeat` runs, and its query count."""
    times = []
    queries = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            func()
            times.append(time.perf_counter() - start)
        queries = len(ctx.captured_queries)
    median = statistics.median(times)
    value = median * 1000 if unit == "ms" else median
    RESULTS.append((label, f"{value:,.1f} {unit}", queries, ""))
    print(f"{label}: {value:,.1f} {unit}, {queries} queries", flush=True)


def peak_memory(label, func):
    """Peak Python memory allocated while func() runs (tracemalloc)."""
    tracemalloc.start()
    start = time.perf_counter()
    func()
    elapsed = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    RESULTS.append((label, f"{elapsed * 1000:,.0f} ms", "", f"{peak / 1024 / 1024:,.1f} MiB"))
    print(f"{label}: {elapsed * 1000:,.0f} ms, peak {peak / 1024 / 1024:,.1f} MiB", flush=True)


def staff_client(role):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from welfare_portal.roles import roles_sync

    roles_sync()
    user, _ = get_user_model().objects.get_or_create(username=f"bench-{role}", defaults={"is_staff": True})
    user.groups.set([Group.objects.get(name=role)])
    client = Client()
    client.force_login(user)
    return client


def bench_public_pages():
    from participation.models import Activity, Contact, Interest, Pace, Setting

    interests = [Interest.objects.create(name=f"興味{i}") for i in range(10)]
    for i in range(300):
        activity = Activity.objects.create(
            title=f"活動{i}", summary="内容", setting=Setting.INDOOR, pace=Pace.MONTHLY, contact=Contact.ALONE
        )
        activity.interests.set(interests[i % 10 : i % 10 + 3])
    client = Client()
    timed("GET / (home)", lambda: client.get("/"), repeat=20)
    timed("GET /participation/ (300 activities)", lambda: client.get("/participation/"), repeat=20)


def bench_person_timeline():
    import datetime

    from consultations.models import Person
    from participation import services
    from participation.models import Activity, Contact, Pace, Participant, Setting

    person = Person.objects.create(family_name="多摩", given_name="太郎")
    participant = Participant.objects.create(
        person=person, preferred_pace=Pace.WEEKLY, contact_comfort=Contact.PEOPLE
    )
    for i in range(200):
        activity = Activity.objects.create(
            title=f"参加{i}", summary="-", setting=Setting.INDOOR, pace=Pace.ONCE, contact=Contact.ALONE
        )
        placement = services.placement_arrange_visit(
            participant=participant, activity=activity, visit_date=datetime.date(2026, 1, 1)
        )
        services.placement_log_add(placement=placement, date=datetime.date(2026, 1, 1), attended=True)
    client = staff_client("相談員")
    url = f"/staff/people/{person.pk}/"
    timed("GET person timeline (400 entries)", lambda: client.get(url), repeat=10)


def bench_ibasho():
    import datetime
    import threading

    from django.db import close_old_connections
    from django.utils import timezone

    from ibasho import services
    from ibasho.models import Booking, Gathering, Venue

    venue = Venue.objects.create(name="ベンチ会場", address="多摩市", room="活動室")
    today = timezone.localdate()
    gatherings = [
        Gathering.objects.create(
            venue=venue,
            date=today + datetime.timedelta(days=7 + i),
            start_time=datetime.time(14),
            end_time=datetime.time(16),
            capacity=150,
            status=Gathering.Status.PUBLISHED,
        )
        for i in range(60)
    ]
    client = Client()
    timed("GET /ibasho/ (60 upcoming gatherings)", lambda: client.get("/ibasho/"), repeat=20)

    target = gatherings[0]
    counter = iter(range(10_000))

    def book_one():
        n = next(counter)
        services.booking_create(
            gathering=target, name=f"参加者{n}", email=f"p{n}@example.jp", agreed_to_rules=True
        )

    timed("booking_create, one at a time", book_one, repeat=100)

    # 40 residents press "book" at the same moment for the last 10 places.
    last = gatherings[1]
    last.capacity = 10
    last.save()

    def book_at_once():
        def worker(n):
            try:
                services.booking_create(
                    gathering=last, name=f"同時{n}", email=f"c{n}-{last.pk}@example.jp", agreed_to_rules=True
                )
            finally:
                close_old_connections()

        threads = [threading.Thread(target=worker, args=(n,)) for n in range(40)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    start = time.perf_counter()
    book_at_once()
    elapsed = time.perf_counter() - start
    confirmed = Booking.objects.filter(gathering=last, status=Booking.Status.CONFIRMED).count()
    RESULTS.append(("40 concurrent bookings for 10 places", f"{elapsed * 1000:,.0f} ms", "", ""))
    print(f"40 concurrent bookings: {elapsed * 1000:,.0f} ms, {confirmed} confirmed", flush=True)

    staff = staff_client("コーディネーター")
    url = f"/staff/ibasho/{target.pk}/roster/"
    timed("GET gathering roster (100 bookings)", lambda: staff.get(url), repeat=10)


def bench_food_support(rows=20_000):
    import datetime

    from django.utils import timezone

    from consultations.models import Household, Person
    from food_support import services
    from food_support.models import Distribution, FoodRegistration, PickupPlace

    place = PickupPlace.objects.create(name="ベンチ配布所", address="多摩市関戸4-72")
    today = timezone.localdate()
    households = Household.objects.bulk_create(
        [Household(name=f"世帯{i}") for i in range(rows)], batch_size=2000
    )
    people = Person.objects.bulk_create(
        [
            Person(family_name=f"多摩{i}", given_name="花子", family_name_kana="タマ", household=h)
            for i, h in enumerate(households)
        ],
        batch_size=2000,
    )
    FoodRegistration.objects.bulk_create(
        [
            FoodRegistration(
                person=p,
                household=p.household,
                adults=2,
                children=i % 3,
                allergies="卵" if i % 10 == 0 else "",
                pickup_place=place,
                status=FoodRegistration.Status.ACTIVE,
                registered_on=today - datetime.timedelta(days=30),
                review_due_on=today + datetime.timedelta(days=300),
            )
            for i, p in enumerate(people)
        ],
        batch_size=2000,
    )
    distribution = Distribution.objects.create(
        place=place,
        date=today + datetime.timedelta(days=3),
        month=(today + datetime.timedelta(days=3)).replace(day=1),
        starts_at=datetime.time(10),
        ends_at=datetime.time(12),
    )
    peak_memory(
        f"roster_generate ({rows:,} registrations)",
        lambda: services.roster_generate(distribution=distribution),
    )
    peak_memory(
        "roster_generate again (nothing new)", lambda: services.roster_generate(distribution=distribution)
    )

    staff = staff_client("コーディネーター")

    def download(url):
        def run():
            response = staff.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert response.status_code == 200 and len(body) > rows * 10

        return run

    peak_memory(
        f"CSV export ({rows:,} rows, streamed)",
        download(f"/staff/food/distributions/{distribution.pk}/export.csv"),
    )
    peak_memory(
        f"XLSX export ({rows:,} rows)", download(f"/staff/food/distributions/{distribution.pk}/export.xlsx")
    )


def bench_matching(participants=500, activities=200):
    """Suggestions for every participant against every activity, as a coordinator's morning would need."""
    import random

    from consultations.models import Person
    from participation import matching, slots
    from participation.models import (
        Activity,
        Contact,
        District,
        Goal,
        Interest,
        Load,
        Pace,
        Participant,
        Reward,
        RewardWanted,
        Setting,
        Travel,
    )

    rng = random.Random(14)
    interests = [Interest.objects.create(name=f"関心{i}") for i in range(12)]
    districts = [District.objects.create(name=f"地区{i}") for i in range(8)]
    created = Activity.objects.bulk_create(
        [
            Activity(
                title=f"マッチ活動{i}",
                summary="-",
                setting=rng.choice(Setting.values),
                pace=rng.choice(Pace.values),
                contact=rng.choice(Contact.values),
                load=rng.choice(Load.values),
                slots=rng.randrange(0, slots.ALL + 1) if i % 4 else 0,
                places=rng.choice([None, 2, 4, 8]),
                reward=rng.choice(Reward.values),
                goal=rng.choice(Goal.values),
                district=rng.choice(districts),
            )
            for i in range(activities)
        ]
    )
    for activity in created:
        activity.interests.set(rng.sample(interests, 2))
    people = Person.objects.bulk_create(
        [Person(family_name=f"参加{i}", given_name="花子") for i in range(participants)]
    )
    profiles = Participant.objects.bulk_create(
        [
            Participant(
                person=person,
                preferred_pace=rng.choice(Pace.values),
                contact_comfort=rng.choice(Contact.values),
                max_load=rng.choice(Load.values),
                preferred_setting=rng.choice(["", *Setting.values]),
                available_slots=rng.randrange(0, slots.ALL + 1),
                reward_wanted=rng.choice(RewardWanted.values),
                goal=rng.choice(Goal.values),
                district=rng.choice(districts),
                travel=rng.choice(Travel.values),
            )
            for person in people
        ]
    )
    for profile in profiles:
        profile.interests.set(rng.sample(interests, 3))
    suggested = []

    def match_all():
        menu = list(Activity.objects.for_matching())
        suggested.clear()
        for participant in Participant.objects.active().for_matching():
            result = matching.activities_match(
                participant=participant, activities=menu, placed_ids=frozenset(), waiting={}
            )
            suggested.append(len(result.suggested))

    timed(f"matching {participants} participants × {activities} activities", match_all, repeat=3)
    print(f"  suggestions per participant: median {statistics.median(suggested)}", flush=True)
    staff = staff_client("コーディネーター")
    url = f"/staff/participation/profiles/{profiles[0].pk}/"
    timed(f"GET a profile's suggestions ({activities} activities)", lambda: staff.get(url), repeat=10)
    url = f"/staff/participation/activities/{created[0].pk}/"
    timed(
        f"GET an activity's suited participants ({participants} profiles)", lambda: staff.get(url), repeat=10
    )


BENCHMARKS = [bench_public_pages, bench_person_timeline, bench_ibasho, bench_food_support, bench_matching]


def main():
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        for bench in BENCHMARKS:
            bench()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print("\n| what | time | queries | peak memory |\n| --- | --- | --- | --- |")
    for label, value, queries, memory in RESULTS:
        print(f"| {label} | {value} | {queries} | {memory} |")


if __name__ == "__main__":
    main()
