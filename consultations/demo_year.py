"""A year and more of past consultation work, so the monthly figures mean something after `make run`.

From April of last fiscal year to today: cases opened and closed, contacts,
referrals, assessments, plans, meetings, outreach visits and intake, all
fictional, drawn with a fixed seed so every run makes the same records. Rows
are found by their demo reference: a second run adds nothing. Also a few weeks
of the access log (閲覧記録), so a manager sees who opened which record.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from welfare_portal.models import AccessLog
from welfare_portal.statistics import add_months, fiscal_year_of

from .models import (
    Agency,
    AgeRange,
    Area,
    Assessment,
    Case,
    CommunityMeeting,
    CommunityNeed,
    ConcernReport,
    Consent,
    ConsultationRequest,
    ContactLog,
    IntakeStatus,
    Meeting,
    MeetingCaseReview,
    OutreachVisit,
    Person,
    Referral,
    SupportPlan,
    Topic,
)

PREFIX = "K-DEMO-Y"
FAMILY = [
    ("佐々木", "ササキ"),
    ("山本", "ヤマモト"),
    ("中村", "ナカムラ"),
    ("小川", "オガワ"),
    ("石井", "イシイ"),
    ("松本", "マツモト"),
    ("井上", "イノウエ"),
    ("木村", "キムラ"),
    ("林", "ハヤシ"),
    ("清水", "シミズ"),
    ("山口", "ヤマグチ"),
    ("池田", "イケダ"),
    ("橋本", "ハシモト"),
    ("阿部", "アベ"),
    ("石川", "イシカワ"),
    ("藤田", "フジタ"),
]
GIVEN = [
    ("健太", "ケンタ"),
    ("美穂", "ミホ"),
    ("大輔", "ダイスケ"),
    ("由紀", "ユキ"),
    ("拓也", "タクヤ"),
    ("恵子", "ケイコ"),
    ("翔", "ショウ"),
    ("明美", "アケミ"),
    ("誠", "マコト"),
    ("真由美", "マユミ"),
    ("隆", "タカシ"),
    ("千尋", "チヒロ"),
]
SUMMARIES = [
    "仕事を失い、家賃の支払いが心配。",
    "親の介護と仕事の両立が難しくなっている。",
    "長く家にこもりがちで、家族が心配している。",
    "借金の返済が重く、生活費が足りない。",
    "体調を崩してから外出が減り、相談できる人がいない。",
    "子育てと家計の悩みが重なっている。",
]
CHANNELS = [
    (Case.Channel.PHONE, 5),
    (Case.Channel.VISIT_OFFICE, 3),
    (Case.Channel.ONLINE, 3),
    (Case.Channel.AGENCY, 3),
    (Case.Channel.CONCERN_SHEET, 2),
    (Case.Channel.HOME_VISIT, 1),
]
CLOSING = [
    (Case.ClosingReason.RESOLVED, 6),
    (Case.ClosingReason.REFERRED, 4),
    (Case.ClosingReason.NO_CONTACT, 2),
    (Case.ClosingReason.MOVED, 1),
    (Case.ClosingReason.DECLINED, 1),
    (Case.ClosingReason.OTHER, 1),
]
DEMO_ADDRESSES = ["192.0.2.10", "192.0.2.11", "192.0.2.25"]


def _pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _day_in(rng, month, today):
    last = (add_months(month, 1) - datetime.timedelta(days=1)).day
    day = month.replace(day=rng.randint(1, last))
    return min(day, today)


def _months(today):
    month = datetime.date(fiscal_year_of(today) - 1, 4, 1)
    while month <= today:
        yield month
        month = add_months(month, 1)


def _birth_date(rng, opened):
    age = rng.choice([17, 19, 24, 28, 33, 37, 42, 46, 51, 55, 58, 63, 67, 72, 79, 84])
    return opened.replace(day=1) - datetime.timedelta(days=365 * age + rng.randint(0, 360))


def load(*, stdout):
    today = timezone.localdate()
    if Case.objects.filter(reference__startswith=PREFIX).exists():
        stdout.write("consultations: the year of demo activity is there already")
        return
    rng = random.Random("consultations-demo-year")
    worker = get_user_model().objects.filter(username="demo-caseworker").first()
    topics = list(Topic.objects.all())
    agencies = list(Agency.objects.all())
    cases = []
    for month in _months(today):
        for number in range(rng.randint(4, 8)):
            opened = _day_in(rng, month, today)
            family, family_kana = rng.choice(FAMILY)
            given, given_kana = rng.choice(GIVEN)
            person = Person.objects.create(
                family_name=family,
                given_name=given,
                family_name_kana=family_kana,
                given_name_kana=given_kana,
                birth_date=_birth_date(rng, opened) if rng.random() < 0.8 else None,
                age_estimate=rng.choice([None, 35, 60]) if rng.random() < 0.5 else None,
                address="東京都多摩市(デモ・架空)",
            )
            closed = None
            if (today - opened).days > 45 and rng.random() < 0.8:
                closed = opened + datetime.timedelta(days=rng.randint(20, 200))
                closed = closed if closed <= today else None
            case = Case.objects.create(
                reference=f"{PREFIX}{month:%y%m}-{number + 1:02d}",
                person=person,
                channel=_pick(rng, CHANNELS),
                status=Case.Status.CLOSED
                if closed
                else rng.choice([Case.Status.INTAKE, Case.Status.ASSESSMENT, Case.Status.SUPPORT]),
                worker=worker,
                opened_on=opened,
                closed_on=closed,
                closing_reason=_pick(rng, CLOSING) if closed else "",
                summary=rng.choice(SUMMARIES),
            )
            case.topics.set(rng.sample(topics, rng.randint(1, 3)))
            cases.append(case)
    _case_work(rng, cases, agencies, worker, today)
    _meetings(rng, cases, today)
    _community(rng, today)
    _intake(rng, today)
    _access_log(rng, today)
    stdout.write(f"consultations: {len(cases)} cases of past activity for the monthly figures")


def _case_work(rng, cases, agencies, worker, today):
    logs, referrals, assessments, plans, visits = [], [], [], [], []
    for case in cases:
        end = case.closed_on or today
        span = max((end - case.opened_on).days, 0)
        # A contact every few weeks while the case is open.
        day = case.opened_on
        while day <= end:
            logs.append(
                ContactLog(
                    case=case,
                    contacted_at=_at(day, rng.randint(9, 16)),
                    method=rng.choice(ContactLog.Method.values),
                    participants="本人",
                    summary="状況の確認と今後の相談。",
                    worker=worker,
                )
            )
            day += datetime.timedelta(days=rng.randint(10, 40))
        if rng.random() < 0.45 and agencies:
            day = case.opened_on + datetime.timedelta(days=rng.randint(0, span))
            old = (today - day).days > 45
            status = rng.choice(
                [Referral.Status.ACCEPTED, Referral.Status.COMPLETED, Referral.Status.DECLINED]
                if old
                else [Referral.Status.PLANNED, Referral.Status.ACCEPTED]
            )
            answered = status in (
                Referral.Status.ACCEPTED,
                Referral.Status.COMPLETED,
                Referral.Status.DECLINED,
            )
            referrals.append(
                Referral(
                    case=case,
                    agency=rng.choice(agencies),
                    reason="専門の窓口での支援のため。",
                    status=status,
                    referred_on=day,
                    answered_on=min(day + datetime.timedelta(days=rng.randint(3, 14)), today)
                    if answered
                    else None,
                )
            )
        assessed = case.opened_on + datetime.timedelta(days=rng.randint(5, 20))
        if assessed <= end and rng.random() < 0.65:
            assessments.append(
                Assessment(
                    case=case, assessed_on=assessed, assessor=worker, summary="生活全体の状況を確認した。"
                )
            )
            made = assessed + datetime.timedelta(days=rng.randint(5, 25))
            if made <= end and rng.random() < 0.7:
                revised = made + datetime.timedelta(days=rng.randint(60, 120))
                versions = [made] + ([revised] if revised <= end else [])
                for version, started in enumerate(versions, start=1):
                    last = version == len(versions)
                    if not last:
                        status, until = SupportPlan.Status.SUPERSEDED, versions[version]
                    elif case.is_open:
                        status, until = SupportPlan.Status.ACTIVE, None
                    else:
                        status, until = SupportPlan.Status.ENDED, max(case.closed_on, started)
                    plans.append(
                        SupportPlan(
                            case=case,
                            version=version,
                            status=status,
                            made_on=started,
                            effective_from=started,
                            effective_until=until,
                            review_on=today + datetime.timedelta(days=rng.randint(20, 90))
                            if status == SupportPlan.Status.ACTIVE
                            else None,
                            overall_goal="暮らしを立て直す。"
                            if version == 1
                            else "暮らしを立て直し、地域とつながる。",
                            person_agreed=True,
                            author=worker,
                        )
                    )
        if case.channel in (Case.Channel.CONCERN_SHEET, Case.Channel.HOME_VISIT) or rng.random() < 0.2:
            for _i in range(rng.randint(1, 3)):
                day = case.opened_on + datetime.timedelta(days=rng.randint(0, span))
                visits.append(
                    OutreachVisit(
                        case=case,
                        visited_at=_at(day, rng.randint(10, 16)),
                        location="自宅",
                        visitors="相談員",
                        outcome=rng.choice(OutreachVisit.Outcome.values),
                    )
                )
    ContactLog.objects.bulk_create(logs)
    Referral.objects.bulk_create(referrals)
    Assessment.objects.bulk_create(assessments)
    SupportPlan.objects.bulk_create(plans)
    OutreachVisit.objects.bulk_create(visits)


def _second_wednesday(month):
    first = month + datetime.timedelta(days=(2 - month.weekday()) % 7)
    return first + datetime.timedelta(days=7)


def _community(rng, today):
    """地域づくり: a community meeting most months, at each layer in turn, some raising a need."""
    areas = list(Area.objects.order_by("layer", "name"))
    if not areas:
        return
    for index, month in enumerate(_months(today)):
        day = _second_wednesday(month) + datetime.timedelta(days=8)
        if day >= today or rng.random() < 0.2:
            continue
        area = areas[index % len(areas)]
        meeting = CommunityMeeting.objects.create(
            area=area,
            title=f"{area.name} 支え合い会議",
            held_on=day,
            topics="見守り・買い物・居場所(デモ)",
        )
        if rng.random() < 0.6:
            closed = day + datetime.timedelta(days=rng.randint(20, 80))
            done = closed < today and rng.random() < 0.5
            CommunityNeed.objects.create(
                area=area,
                meeting=meeting,
                kind=rng.choice(CommunityNeed.Kind.values),
                title=rng.choice(["買い物に行けない高齢者", "子どもの居場所が足りない", "ゴミ出しの手伝い"]),
                status=CommunityNeed.Status.DONE if done else CommunityNeed.Status.IN_PROGRESS,
                closed_on=closed if done else None,
            )


def _meetings(rng, cases, today):
    """A 重層的支援会議 every month and a 支援会議 every other month, each reviewing a few cases."""
    reviews = []
    for index, month in enumerate(_months(today)):
        day = _second_wednesday(month)
        if day >= today:
            continue
        kinds = [Meeting.Kind.MULTI_LAYERED] + ([Meeting.Kind.SUPPORT] if index % 2 else [])
        for kind in kinds:
            meeting = Meeting.objects.create(
                kind=kind,
                held_at=_at(day, 14 if kind == Meeting.Kind.MULTI_LAYERED else 16),
                place="ヴィータ・コミューネ7階 会議室",
                attendees="地域包括支援センター、自立相談支援機関、社協(デモ)",
                agenda="継続ケースの検討",
            )
            open_then = [
                c for c in cases if c.opened_on < day and (c.closed_on is None or c.closed_on >= day)
            ]
            for case in rng.sample(open_then, min(len(open_then), rng.randint(2, 4))):
                consent = None
                if kind == Meeting.Kind.MULTI_LAYERED:
                    # Written consent at the first interview, for every kind of agency.
                    consent, _created = Consent.objects.get_or_create(
                        person=case.person,
                        given_on=case.opened_on,
                        defaults={"method": Consent.Method.WRITTEN, "agency_kinds": list(Agency.Kind.values)},
                    )
                reviews.append(
                    MeetingCaseReview(
                        meeting=meeting,
                        meeting_kind=kind,
                        case=case,
                        consent=consent,
                        decisions="役割分担を確認した。",
                    )
                )
    MeetingCaseReview.objects.bulk_create(reviews)


def _intake(rng, today):
    requests, concerns = [], []
    for month in _months(today):
        for number in range(rng.randint(2, 6)):
            day = _day_in(rng, month, today)
            requests.append(
                ConsultationRequest(
                    reference=f"R-DEMO-Y{month:%y%m}-{number + 1:02d}",
                    submission_token=f"demo-year-request-{month:%y%m}-{number}",
                    submitted_at=_at(day, rng.randint(8, 22), rng.choice([0, 15, 30, 45])),
                    status=IntakeStatus.CONVERTED if rng.random() < 0.6 else IntakeStatus.NO_ACTION,
                    requester=rng.choice(ConsultationRequest.Requester.values),
                    contact_method=ConsultationRequest.ContactMethod.NO_CALL,
                    age_range=rng.choice(AgeRange.values),
                    details="(デモ)相談の内容",
                    consent=True,
                )
            )
        for number in range(rng.randint(0, 3)):
            day = _day_in(rng, month, today)
            concerns.append(
                ConcernReport(
                    reference=f"N-DEMO-Y{month:%y%m}-{number + 1:02d}",
                    submission_token=f"demo-year-concern-{month:%y%m}-{number}",
                    submitted_at=_at(day, rng.randint(8, 20)),
                    status=IntakeStatus.CONVERTED if rng.random() < 0.5 else IntakeStatus.NO_ACTION,
                    location="多摩市内(デモ・架空)",
                    subject_age_range=rng.choice(AgeRange.values),
                    observations="(デモ)気になる様子",
                    urgency=rng.choice(ConcernReport.Urgency.values),
                    reporter_type=rng.choice(["", *ConcernReport.Reporter.values]),
                )
            )
    ConsultationRequest.objects.bulk_create(requests)
    ConcernReport.objects.bulk_create(concerns)


def _office_hours(rng, now):
    """A moment in the last four weeks, on a weekday in office hours, never in the future."""
    while True:
        day = timezone.localdate(now) - datetime.timedelta(days=rng.randint(0, 28))
        at = _at(day, rng.randint(9, 16), rng.randint(0, 59))
        if day.weekday() < 5 and at < now:
            return at


def _access_log(rng, today):
    """A few weeks of staff opening the demo records, so 管理者 have something to look through."""
    users = list(get_user_model().objects.filter(username__in=["demo-caseworker", "demo-manager"]))
    cases = Case.objects.filter(reference__startswith="K-DEMO-").order_by("reference")
    # The first three are the demo's own households (桜井, 青木, 小林): they get most of the openings.
    people = list(cases.values_list("person_id", flat=True)[:30])
    case_ids = list(cases.values_list("pk", flat=True)[:30])
    if not users or not people:
        return
    now = timezone.now()
    rows = []
    for index in range(80):
        pick = index % 3 if index % 2 else rng.randrange(len(people))
        model, object_id = rng.choice(
            [("consultations.person", people[pick]), ("consultations.case", case_ids[pick])]
        )
        rows.append(
            AccessLog(
                at=_office_hours(rng, now),
                user=rng.choice(users),
                model=model,
                object_id=object_id,
                how=rng.choice([AccessLog.How.ADMIN, AccessLog.How.ADMIN, AccessLog.How.TIMELINE]),
                client_address=rng.choice(DEMO_ADDRESSES),
            )
        )
    AccessLog.objects.bulk_create(rows)
