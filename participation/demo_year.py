"""A year and more of participation support, so the monthly figures mean something.

Ten fictional participants, each placed in one or two activities of the demo
menu from some month since April of last fiscal year, with a dated log of the
days they came (and the hours). A fixed seed makes every run the same; people
who exist already are left as they are.
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from consultations.models import Person
from welfare_portal.statistics import add_months, fiscal_year_of

from .models import Activity, Contact, Pace, Participant, Placement, PlacementLog

PEOPLE = [
    ("参加デモ", "一郎", "サンカデモ", "イチロウ"),
    ("参加デモ", "二葉", "サンカデモ", "フタバ"),
    ("参加デモ", "三奈", "サンカデモ", "ミナ"),
    ("参加デモ", "四郎", "サンカデモ", "シロウ"),
    ("参加デモ", "五月", "サンカデモ", "サツキ"),
    ("参加デモ", "六花", "サンカデモ", "リッカ"),
    ("参加デモ", "七海", "サンカデモ", "ナナミ"),
    ("参加デモ", "八雲", "サンカデモ", "ヤクモ"),
    ("参加デモ", "九太", "サンカデモ", "キュウタ"),
    ("参加デモ", "十和", "サンカデモ", "トワ"),
]


def load(*, stdout):
    today = timezone.localdate()
    rng = random.Random("participation-demo-year")
    activities = list(Activity.objects.order_by("order", "pk"))
    if not activities:
        return
    coordinator = get_user_model().objects.filter(username="demo-coordinator").first()
    first = datetime.date(fiscal_year_of(today) - 1, 4, 1)
    span_months = (today.year - first.year) * 12 + today.month - first.month
    created = 0
    for family, given, family_kana, given_kana in PEOPLE:
        if Person.objects.filter(family_name=family, given_name=given).exists():
            continue
        person = Person.objects.create(
            family_name=family, given_name=given, family_name_kana=family_kana, given_name_kana=given_kana
        )
        participant = Participant.objects.create(
            person=person,
            preferred_pace=rng.choice([Pace.MONTHLY, Pace.WEEKLY]),
            contact_comfort=rng.choice(Contact.values),
            coordinator=coordinator,
        )
        for activity in rng.sample(activities, rng.randint(1, 2)):
            _placement(rng, participant, activity, first, span_months, today, coordinator)
        created += 1
    stdout.write(f"participation: {created} participants with a year of placements and logs")


def _placement(rng, participant, activity, first, span_months, today, coordinator):
    start = add_months(first, rng.randint(0, max(span_months - 1, 0))) + datetime.timedelta(
        days=rng.randint(0, 20)
    )
    if start >= today:
        start = today - datetime.timedelta(days=7)
    ended = None
    if (today - start).days > 120 and rng.random() < 0.4:
        ended = start + datetime.timedelta(days=rng.randint(60, (today - start).days))
    # A visit (見学) a couple of weeks before trying out; most go on to take part.
    visit = start - datetime.timedelta(days=rng.randint(7, 21))
    ongoing = start + datetime.timedelta(days=28) if rng.random() < 0.6 else None
    if ongoing and ongoing > (ended or today):
        ongoing = None
    stage = Placement.Stage.TRIAL
    if ongoing:
        stage = Placement.Stage.ONGOING
    if ended:
        stage = Placement.Stage.ENDED
    placement = Placement.objects.create(
        participant=participant,
        activity=activity,
        stage=stage,
        visit_date=visit,
        trial_start=start,
        ongoing_start=ongoing,
        end_date=ended,
        end_reason=Placement.EndReason.OWN_WISH if ended else "",
        end_note="(デモ)本人の希望で終了" if ended else "",
    )
    # auto_now_add: the placement was arranged on the day of the visit.
    Placement.objects.filter(pk=placement.pk).update(
        created_at=timezone.make_aware(datetime.datetime.combine(visit, datetime.time(10)))
    )
    step = 7 if participant.preferred_pace == Pace.WEEKLY else 28
    day, logs = start, []
    while day <= (ended or today):
        attended = rng.random() < 0.85
        logs.append(
            PlacementLog(
                placement=placement,
                date=day,
                attended=attended,
                hours=Decimal(rng.choice(["1.0", "1.5", "2.0", "2.5", "3.0"])) if attended else None,
                their_words="(デモ)落ち着いて参加できた" if attended else "",
                written_by=coordinator,
            )
        )
        day += datetime.timedelta(days=step + rng.randint(-1, 1))
    PlacementLog.objects.bulk_create(logs)
