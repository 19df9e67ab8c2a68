"""Demo data for Space Shiori: the two venues of seed 000 and the next months' gatherings."""

import datetime

from django.utils import timezone

from consultations.models import Person
from welfare_portal.text import phone_digits

from .models import TOKYO, Booking, Gathering, Venue
from .services import season_dates, venue_defaults

RULES = """\
・ここでは、誰かを否定したり、無理に話をさせたりしません。
・話したくないときは、話さなくても大丈夫です。本を読んだり、ぼんやり過ごしたりしてください。
・ここで聞いたほかの参加者のお話は、外で話さないようにしましょう。
・途中の参加・途中の退出も自由です。
・体調がすぐれないときは、近くのスタッフに声をかけてください。"""

DESCRIPTION = """\
読みかけの本に栞をはさむように、人生にも立ち止まって一息つく時間が必要です。
雑談をしたり、お気に入りの本を見つけたり、ゆったりした時間を一緒に過ごしましょう。
参加費は無料です。"""

BOOKINGS = [
    # (name, kana, email, phone, first_time, needs)
    (
        "しおり",
        "シオリ",
        "shiori.demo@example.jp",
        "",
        True,
        "人が多いと疲れやすいので、端の席だと助かります。",
    ),
    ("たなか", "タナカ", "", "090-1234-5678", False, ""),
    ("ゆう", "ユウ", "yu.demo@example.jp", "", True, ""),
]


def _upsert(model, defaults, **lookup):
    """update_or_create that saves only when something differs, so a second run adds no history."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**{**defaults, **lookup})
    changed = [field for field, value in defaults.items() if getattr(obj, field) != value]
    if changed:
        for field in changed:
            setattr(obj, field, defaults[field])
        obj.save()
    return obj


def load(*, stdout):
    venues = [_upsert(Venue, data, name=data["name"]) for data in venue_defaults()]
    today = timezone.localdate()
    # Third Thursday each month from next month, moved off public holidays.
    first = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    dates = season_dates(year=first.year, month=first.month, months=4, weekday=3, week=3)
    gatherings = []
    for i, day in enumerate(dates):
        venue = venues[i % 2]
        gathering = _upsert(
            Gathering,
            venue=venue,
            date=day,
            start_time=datetime.time(14, 0),
            defaults={
                "title": "スペース栞",
                "end_time": datetime.time(16, 0),
                "capacity": 3 if i == 0 else 10,
                "min_age": 18,
                "max_age": 64,
                "deadline": datetime.datetime.combine(
                    day - datetime.timedelta(days=1), datetime.time(17, 0), tzinfo=TOKYO
                ),
                "status": Gathering.Status.PUBLISHED,
                "description": DESCRIPTION,
                "rules": RULES,
            },
        )
        gatherings.append(gathering)
    # The first gathering is full, so the list shows places left and キャンセル待ち.
    for name, kana, email, phone, first_time, needs in BOOKINGS:
        _upsert(
            Booking,
            gathering=gatherings[0],
            name=name,
            defaults={
                "name_kana": kana,
                "email": email,
                "phone": phone,
                "phone_key": phone_digits(phone),
                "first_time": first_time,
                "needs": needs,
                "agreed_to_rules": True,
                "status": Booking.Status.CONFIRMED,
            },
        )
    _upsert(
        Booking,
        gathering=gatherings[1],
        name="みどり",
        defaults={
            "name_kana": "ミドリ",
            "email": "midori.demo@example.jp",
            "first_time": False,
            "agreed_to_rules": True,
            "status": Booking.Status.CONFIRMED,
        },
    )
    # 小林 翔太 of the consultations demo (a case, a participation profile, food support) books too,
    # so one person's timeline shows all four programmes.
    shota = Person.objects.filter(family_name="小林", given_name="翔太").order_by("pk").first()
    if shota is not None:
        _upsert(
            Booking,
            gathering=gatherings[1],
            name="しょうた",
            defaults={
                "name_kana": "ショウタ",
                "email": "shota.demo@example.jp",
                "first_time": True,
                "agreed_to_rules": True,
                "status": Booking.Status.CONFIRMED,
                "person": shota,
            },
        )
    stdout.write(f"ibasho: {len(venues)} venues, {len(gatherings)} upcoming gatherings, demo bookings")
