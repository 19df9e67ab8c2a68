"""Demo data for food support: places from the seed area, a few registrations, this and next month's days."""

import datetime

from django.utils import timezone

from consultations.models import Household, Person

from . import services
from .models import Distribution, FoodRegistration, PickupPlace

PLACES = [
    {
        "name": "ヴィータ・コミューネ(多摩社協)",
        "address": "東京都多摩市関戸4-72 7階",
        "directions": "京王線・聖蹟桜ヶ丘駅から徒歩約3分",
    },
    {
        "name": "二幸産業・NSP健幸福祉プラザ",
        "address": "東京都多摩市南野3-15-1",
        "directions": "多摩市総合福祉センター 1階 入口付近",
    },
]

# (household, person (family, given, kana family, kana given, age), adults, children, allergies, place index)
FAMILIES = [
    ("食料デモ 佐藤家", ("佐藤", "陽介", "サトウ", "ヨウスケ", 27), 1, 0, "", 0),
    ("食料デモ 鈴木家", ("鈴木", "美咲", "スズキ", "ミサキ", 31), 2, 2, "卵(長男)・そば", 0),
    ("食料デモ 高橋家", ("高橋", "翔太", "タカハシ", "ショウタ", 24), 3, 0, "豚肉(宗教上の理由)", 0),
    ("食料デモ 田中家", ("田中", "彩", "タナカ", "アヤ", 35), 1, 3, "乳製品", 1),
    ("食料デモ 伊藤家", ("伊藤", "大輝", "イトウ", "ダイキ", 29), 2, 0, "", 1),
]


def _upsert(model, defaults, **lookup):
    """update_or_create that saves only when something changed, so history stays quiet on reruns."""
    obj, created = model.objects.get_or_create(**lookup, defaults=defaults)
    if not created:
        changed = [name for name, value in defaults.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, defaults[name])
            obj.save()
    return obj


def _second_saturday(month_start):
    offset = (5 - month_start.weekday()) % 7
    return month_start + datetime.timedelta(days=offset + 7)


def load(*, stdout):
    today = timezone.localdate()
    places = []
    for data in PLACES:
        place = _upsert(PickupPlace, data, name=data["name"])
        places.append(place)

    registered_on = today - datetime.timedelta(days=120)
    for index, (household_name, person_data, adults, children, allergies, place_index) in enumerate(FAMILIES):
        family, given, family_kana, given_kana, age = person_data
        household = _upsert(
            Household, {"address": f"東京都多摩市関戸{index + 1}-{index + 10}"}, name=household_name
        )
        person = _upsert(
            Person,
            family_name=family,
            given_name=given,
            household=household,
            defaults={
                "family_name_kana": family_kana,
                "given_name_kana": given_kana,
                "age_estimate": age,
                "relationship": Person.Relationship.HEAD,
            },
        )
        # The last family's yearly review is overdue, so the renewal list has someone on it.
        start = registered_on - datetime.timedelta(days=400) if index == len(FAMILIES) - 1 else registered_on
        _upsert(
            FoodRegistration,
            person=person,
            household=household,
            defaults={
                "adults": adults,
                "children": children,
                "allergies": allergies,
                "pickup_place": places[place_index],
                "status": FoodRegistration.Status.ACTIVE,
                "registered_on": start,
                "review_due_on": start + datetime.timedelta(days=365),
            },
        )

    # 小林 翔太 of the consultations demo (a case, a Space Shiori booking, a participation
    # profile) is registered too, so one person's timeline shows all four programmes.
    shota = Person.objects.filter(family_name="小林", given_name="翔太").order_by("pk").first()
    if shota is not None and shota.household is not None:
        _upsert(
            FoodRegistration,
            person=shota,
            household=shota.household,
            defaults={
                "adults": 1,
                "children": 0,
                "allergies": "",
                "pickup_place": places[0],
                "status": FoodRegistration.Status.ACTIVE,
                "registered_on": registered_on,
                "review_due_on": registered_on + datetime.timedelta(days=365),
            },
        )

    this_month = today.replace(day=1)
    next_month = (this_month + datetime.timedelta(days=32)).replace(day=1)
    for month in (this_month, next_month):
        for place in places:
            distribution = Distribution.objects.filter(place=place, month=month).first()
            if distribution is None:
                distribution = services.distribution_create(
                    place=place,
                    date=_second_saturday(month),
                    starts_at=datetime.time(10, 0),
                    ends_at=datetime.time(12, 0),
                    notes="保冷バッグがあればお持ちください。",
                )
            services.roster_generate(distribution=distribution)
    stdout.write(
        f"food_support: {len(places)} pick-up places, {FoodRegistration.objects.count()} registrations, "
        "distributions for this and next month."
    )
