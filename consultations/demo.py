"""Demo data for consultations: agencies, areas, fictional people and households, consents, cases
with their stages, assessments, plans, meetings and visits, intake, and community work.

Everyone here is fictional. Agencies are the kinds the Tama area has, with
made-up contact details. Dates are relative to today so the demo never looks stale:
there is always a 重層的支援会議 next month whose agenda, when built, picks up the
8050 household's plan review and refuses the young carer's case (no consent) with
the reason. Idempotent: every row is found by a natural key and updated in place.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from . import services
from .models import (
    Agency,
    Area,
    Assessment,
    Case,
    CaseStatusChange,
    CommunityMeeting,
    CommunityMeetingAttendee,
    CommunityNeed,
    CommunityNeedFollowUp,
    ConcernReport,
    Consent,
    ConsultationRequest,
    ContactLog,
    Household,
    IntakeStatus,
    Meeting,
    MeetingCaseReview,
    OutreachVisit,
    Person,
    PlanGoal,
    PlanRole,
    Referral,
    SupportPlan,
    Topic,
    add_months,
)

AGENCIES = [
    (
        "多摩市自立相談支援機関(デモ)",
        Agency.Kind.SELF_RELIANCE,
        "042-000-1001",
        "東京都多摩市関戸6丁目(架空)",
    ),
    (
        "多摩市福祉事務所 生活福祉課(デモ)",
        Agency.Kind.WELFARE_OFFICE,
        "042-000-1002",
        "東京都多摩市関戸6丁目(架空)",
    ),
    (
        "多摩市地域包括支援センター 関戸(デモ)",
        Agency.Kind.COMMUNITY_CARE,
        "042-000-1003",
        "東京都多摩市関戸4丁目(架空)",
    ),
    ("障害者相談支援センター 多摩(デモ)", Agency.Kind.DISABILITY, "042-000-1004", "東京都多摩市落合(架空)"),
    ("ハローワーク府中 多摩窓口(デモ)", Agency.Kind.HELLO_WORK, "042-000-1005", "東京都府中市(架空)"),
    ("多摩市健康センター(デモ)", Agency.Kind.HEALTH_CENTRE, "042-000-1006", "東京都多摩市関戸(架空)"),
    ("多摩市立ひじり中学校(デモ)", Agency.Kind.SCHOOL, "042-000-1007", "東京都多摩市(架空)"),
    ("せいせき内科クリニック(デモ)", Agency.Kind.MEDICAL, "042-000-1008", "東京都多摩市(架空)"),
    ("NPO法人 たまのわ(デモ)", Agency.Kind.NPO, "042-000-1009", "東京都多摩市(架空)"),
    ("関戸地区 民生委員・児童委員(デモ)", Agency.Kind.MINSEI_IIN, "", "東京都多摩市関戸(架空)"),
]

HOUSEHOLDS = [
    # name, address, flags, members: (family, given, kana family, kana given, relationship, age, phone), area
    (
        "桜井家(デモ)",
        "東京都多摩市関戸9丁目 架空団地1-101",
        {"flag_8050": True, "flag_withdrawal": True, "flag_financial_hardship": True},
        [
            ("桜井", "トメ", "サクライ", "トメ", Person.Relationship.HEAD, 84, "042-000-2001"),
            ("桜井", "健一", "サクライ", "ケンイチ", Person.Relationship.CHILD, 53, ""),
        ],
        "関戸九丁目団地自治会(デモ)",
    ),
    (
        "青木家(デモ)",
        "東京都多摩市聖ヶ丘9丁目 架空ハイツ203",
        {"flag_young_carer": True, "flag_single_parent": True, "flag_disability": True},
        [
            ("青木", "由美", "アオキ", "ユミ", Person.Relationship.HEAD, 45, "042-000-2002"),
            ("青木", "陽向", "アオキ", "ヒナタ", Person.Relationship.CHILD, 16, ""),
            ("青木", "蓮", "アオキ", "レン", Person.Relationship.CHILD, 9, ""),
        ],
        "聖ヶ丘ハイツ自治会(デモ)",
    ),
    (
        "小林家(デモ)",
        "東京都多摩市落合9丁目 架空アパート2",
        {"flag_financial_hardship": True},
        [("小林", "翔太", "コバヤシ", "ショウタ", Person.Relationship.HEAD, 29, "090-0000-3003")],
        "落合九丁目自治会(デモ)",
    ),
]


def _upsert(model, defaults, **lookup):
    """update_or_create that saves only when something changed, so history does not grow."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **defaults), True
    changed = [name for name, value in defaults.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, defaults[name])
        obj.save()
    return obj, False


def _at(day, hour):
    """A fixed time of day, so running the demo twice on one day changes nothing."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _birth_date(age, today):
    return datetime.date(today.year - age, 4, 1)


def _worker():
    User = get_user_model()
    return User.objects.filter(username="demo-caseworker").first()


AREAS = [
    # name, layer, parent name, order
    ("多摩市(デモ)", Area.Layer.CITY, None, 0),
    ("関戸小学校区(デモ)", Area.Layer.DISTRICT, "多摩市(デモ)", 1),
    ("聖ヶ丘小学校区(デモ)", Area.Layer.DISTRICT, "多摩市(デモ)", 2),
    ("落合小学校区(デモ)", Area.Layer.DISTRICT, "多摩市(デモ)", 3),
    ("関戸四丁目自治会(デモ)", Area.Layer.NEIGHBOURHOOD, "関戸小学校区(デモ)", 1),
    ("関戸九丁目団地自治会(デモ)", Area.Layer.NEIGHBOURHOOD, "関戸小学校区(デモ)", 2),
    ("聖ヶ丘ハイツ自治会(デモ)", Area.Layer.NEIGHBOURHOOD, "聖ヶ丘小学校区(デモ)", 1),
    ("落合九丁目自治会(デモ)", Area.Layer.NEIGHBOURHOOD, "落合小学校区(デモ)", 1),
]


def _next_month_meeting_day(today):
    """The second Tuesday of next month: the monthly 重層的支援会議."""
    first = add_months(today.replace(day=1), 1)
    first_tuesday = first + datetime.timedelta(days=(1 - first.weekday()) % 7)
    return first_tuesday + datetime.timedelta(days=7)


def load(*, stdout):
    services.topics_ensure()
    today = timezone.localdate()
    worker = _worker()
    topics = {t.code: t for t in Topic.objects.all()}

    agencies = {}
    for name, kind, phone, address in AGENCIES:
        agencies[kind], _created = _upsert(
            Agency, name=name, defaults={"kind": kind, "phone": phone, "address": address}
        )

    areas = {}
    for name, layer, parent, order in AREAS:
        areas[name], _created = _upsert(
            Area, name=name, defaults={"layer": layer, "parent": areas.get(parent), "order": order}
        )

    people = {}
    for name, address, flags, members, area in HOUSEHOLDS:
        household, _created = _upsert(
            Household,
            name=name,
            defaults={"address": address, "phone": members[0][6], "area": areas[area], **flags},
        )
        for family, given, kana_f, kana_g, relationship, age, phone in members:
            person, _created = _upsert(
                Person,
                family_name=family,
                given_name=given,
                household=household,
                defaults={
                    "family_name_kana": kana_f,
                    "given_name_kana": kana_g,
                    "relationship": relationship,
                    "birth_date": _birth_date(age, today),
                    "phone": phone,
                    "address": address,
                },
            )
            people[f"{family} {given}"] = person

    _load_consents(today=today, worker=worker, people=people, agencies=agencies)

    cases = [
        # reference, person, channel, status, topics, opened days ago, summary,
        # logs (days ago, method, who, what, next action, due in days from today, done), referrals,
        # stages reached (days ago, stage)
        (
            "K-DEMO-0001",
            "桜井 トメ",
            Case.Channel.AGENCY,
            Case.Status.SUPPORT,
            ["isolation", "family_care", "finances"],
            120,
            "地域包括支援センターから。80代の母と、20年近く自宅にひきこもる50代の息子の世帯(8050)。年金のみで家計が厳しい。",
            [
                (
                    110,
                    "home_visit",
                    "本人(母)、地域包括支援センター",
                    "自宅訪問。息子さんは自室から出てこなかったが、ドア越しにあいさつ。",
                    "手紙を書いて息子さんに渡す",
                    -100,
                    True,
                ),
                (
                    14,
                    "phone",
                    "本人(母)",
                    "息子さんが手紙を読んだとのこと。スペース栞のチラシに関心。",
                    "スペース栞の日程を電話で伝える",
                    -3,
                    False,
                ),
            ],
            [
                (
                    Agency.Kind.COMMUNITY_CARE,
                    "母の介護保険申請の相談",
                    Referral.Status.ACCEPTED,
                    100,
                    95,
                    "要支援1の認定",
                )
            ],
            [(115, Case.Status.ASSESSMENT), (95, Case.Status.PLANNING), (88, Case.Status.SUPPORT)],
        ),
        (
            "K-DEMO-0002",
            "青木 陽向",
            Case.Channel.CONCERN_SHEET,
            Case.Status.ASSESSMENT,
            ["family_care", "health"],
            45,
            "中学校の先生からのほっとけないシート。高校1年生。体調を崩しがちな母と小学生の弟の世話をしていて、遅刻が続いている(ヤングケアラー)。",
            [
                (
                    38,
                    "office",
                    "本人、学校の先生",
                    "放課後に来所。家事の大半を担っている。本人は「大丈夫」と話す。",
                    "母と面談の日程調整",
                    5,
                    False,
                ),
            ],
            [
                (
                    Agency.Kind.DISABILITY,
                    "母の障害福祉サービス利用の相談",
                    Referral.Status.REFERRED,
                    20,
                    None,
                    "",
                )
            ],
            [(40, Case.Status.ASSESSMENT)],
        ),
        (
            "K-DEMO-0003",
            "小林 翔太",
            Case.Channel.ONLINE,
            Case.Status.PLANNING,
            ["work", "housing", "debt"],
            45,
            "オンライン相談から。離職して家賃の支払いが難しい。カードローンの返済もある。",
            [
                (
                    40,
                    "office",
                    "本人",
                    "来所面談。住居確保給付金の要件を一緒に確認。",
                    "自立相談支援機関へ同行",
                    -35,
                    True,
                ),
                (
                    10,
                    "phone",
                    "本人",
                    "ハローワークで求職登録済み。面接が決まった。",
                    "面接の結果を確認",
                    2,
                    False,
                ),
            ],
            [
                (
                    Agency.Kind.SELF_RELIANCE,
                    "住居確保給付金の申請",
                    Referral.Status.COMPLETED,
                    35,
                    30,
                    "支給決定",
                ),
                (Agency.Kind.HELLO_WORK, "就労支援", Referral.Status.ACCEPTED, 20, 18, ""),
            ],
            [(42, Case.Status.ASSESSMENT), (38, Case.Status.PLANNING)],
        ),
    ]
    for (
        reference,
        person_key,
        channel,
        status,
        topic_codes,
        days_ago,
        summary,
        logs,
        referrals,
        stages,
    ) in cases:
        person = people[person_key]
        case, _created = _upsert(
            Case,
            reference=reference,
            defaults={
                "person": person,
                "household": person.household,
                "area": person.household.area,
                "channel": channel,
                "status": status,
                "worker": worker,
                "opened_on": today - datetime.timedelta(days=days_ago),
                "summary": summary,
            },
        )
        case.topics.set([topics[code] for code in topic_codes])
        previous = Case.Status.INTAKE
        for stage_days, stage in stages:
            _upsert(
                CaseStatusChange,
                case=case,
                to_status=stage,
                defaults={
                    "from_status": previous,
                    "changed_at": _at(today - datetime.timedelta(days=stage_days), 17),
                    "by": worker,
                },
            )
            previous = stage
        for days, method, who, what, next_action, due_in, done in logs:
            _upsert(
                ContactLog,
                case=case,
                summary=what,
                defaults={
                    "contacted_at": _at(today - datetime.timedelta(days=days), 10),
                    "method": method,
                    "participants": who,
                    "next_action": next_action,
                    "next_action_due": today + datetime.timedelta(days=due_in),
                    "next_action_done": done,
                    "worker": worker,
                },
            )
        for kind, reason, referral_status, days, answered, outcome in referrals:
            _upsert(
                Referral,
                case=case,
                agency=agencies[kind],
                defaults={
                    "reason": reason,
                    "status": referral_status,
                    "referred_on": today - datetime.timedelta(days=days),
                    "answered_on": today - datetime.timedelta(days=answered)
                    if answered is not None
                    else None,
                    "outcome": outcome,
                },
            )
    _load_closed_case(today=today, worker=worker, person=people["小林 翔太"], topics=topics)

    request, _created = _upsert(
        ConsultationRequest,
        submission_token="demo-request-1",
        defaults={
            "reference": "R-DEMO-0001",
            "submitted_at": _at(today, 9),
            "status": IntakeStatus.NEW,
            # A sister asks for her brother: opening the case must not make her the person.
            "requester": ConsultationRequest.Requester.FAMILY,
            "name": "森 さくら",
            "name_kana": "モリ サクラ",
            "contact_method": ConsultationRequest.ContactMethod.PHONE,
            "phone": "080-0000-4004",
            "contact_times": "平日の夕方17時以降",
            "age_range": "30s",
            "details": "弟が仕事を辞めてから部屋にこもりがちで、家族としてどう接したらよいか分かりません。",
            "consent": True,
        },
    )
    request.topics.set([topics["isolation"], topics["family_care"]])
    _upsert(
        ConsultationRequest,
        submission_token="demo-request-2",
        defaults={
            "reference": "R-DEMO-0002",
            "submitted_at": _at(today - datetime.timedelta(days=1), 21),
            "status": IntakeStatus.IN_PROGRESS,
            "requester": ConsultationRequest.Requester.SELF,
            "name": "",
            "contact_method": ConsultationRequest.ContactMethod.NO_CALL,
            "age_range": "20s",
            "details": "奨学金の返済とアルバイト代だけでは生活が苦しいです。まず話だけ聞いてほしいです。",
            "consent": True,
        },
    )[0].topics.set([topics["debt"], topics["finances"]])
    _upsert(
        ConcernReport,
        submission_token="demo-concern-1",
        defaults={
            "reference": "N-DEMO-0001",
            "submitted_at": _at(today - datetime.timedelta(days=2), 14),
            "status": IntakeStatus.NEW,
            "location": "多摩市関戸9丁目 架空団地3号棟付近",
            "subject_description": "一人暮らしと思われる70代くらいの男性",
            "subject_age_range": "70_plus",
            "observations": "郵便受けに郵便物がたまっていて、夜も電気がついていない日が続いています。",
            "urgency": ConcernReport.Urgency.SOON,
            "reporter_type": ConcernReport.Reporter.NEIGHBOUR,
        },
    )
    # Urgent, and about someone already registered: making it a case suggests 桜井 健一.
    _upsert(
        ConcernReport,
        submission_token="demo-concern-2",
        defaults={
            "reference": "N-DEMO-0002",
            "submitted_at": _at(today, 8),
            "status": IntakeStatus.NEW,
            "location": "多摩市関戸9丁目 架空団地1号棟",
            "subject_name": "桜井 健一",
            "subject_description": "50代くらいの男性。お母さんと二人暮らし",
            "subject_age_range": "50s",
            "observations": "お母さんが救急車で運ばれたと聞きました。息子さんが一人で家にいるようですが、ずっと雨戸が閉まったままです。",
            "urgency": ConcernReport.Urgency.URGENT,
            "reporter_type": ConcernReport.Reporter.MINSEI_IIN,
            "reporter_name": "関戸 民子",
            "reporter_phone": "042-000-5005",
        },
    )
    _load_plans_meetings_visits(today=today, worker=worker, agencies=agencies)
    _load_community(today=today, worker=worker, areas=areas)
    stdout.write(
        f"consultations: {Agency.objects.count()} agencies, {Area.objects.count()} areas, "
        f"{Person.objects.count()} people, {Case.objects.count()} cases, "
        f"{ConsultationRequest.objects.count() + ConcernReport.objects.count()} intake, "
        f"{CommunityMeeting.objects.count()} community meetings"
    )


def _load_consents(*, today, worker, people, agencies):
    """桜井 トメ gave written consent for the agencies around her; 小林 翔太 orally, for two kinds
    only; 青木 陽向 (a minor, with a mother not yet met) has given none."""
    days = datetime.timedelta
    sakurai, _created = _upsert(
        Consent,
        person=people["桜井 トメ"],
        given_on=today - days(100),
        defaults={
            "method": Consent.Method.WRITTEN,
            "agency_kinds": [
                Agency.Kind.COMMUNITY_CARE,
                Agency.Kind.SELF_RELIANCE,
                Agency.Kind.DISABILITY,
                Agency.Kind.WELFARE_OFFICE,
                Agency.Kind.MINSEI_IIN,
            ],
            "valid_until": today + days(265),
            "notes": "同意書に署名。重層的支援会議での共有について説明済み。",
            "recorded_by": worker,
        },
    )
    kobayashi, _created = _upsert(
        Consent,
        person=people["小林 翔太"],
        given_on=today - days(40),
        defaults={
            "method": Consent.Method.ORAL,
            "agency_kinds": [Agency.Kind.SELF_RELIANCE, Agency.Kind.HELLO_WORK],
            "valid_until": None,
            "notes": "面談時に口頭で確認。就労と住まいの機関に限る。",
            "recorded_by": worker,
        },
    )
    return sakurai, kobayashi


def _load_closed_case(*, today, worker, person, topics):
    """An earlier case of 小林 翔太, closed last year: closing and stages on the timeline."""
    days = datetime.timedelta
    case, _created = _upsert(
        Case,
        reference="K-DEMO-0000",
        defaults={
            "person": person,
            "household": person.household,
            "area": person.household.area,
            "channel": Case.Channel.PHONE,
            "status": Case.Status.CLOSED,
            "worker": worker,
            "opened_on": today - days(420),
            "closed_on": today - days(330),
            "closing_reason": Case.ClosingReason.RESOLVED,
            "summary": "電話相談。学生時代の奨学金の返済について。返還猶予の手続きで解決。",
        },
    )
    case.topics.set([topics["debt"]])
    for stage_days, from_status, to_status, reason in [
        (410, Case.Status.INTAKE, Case.Status.ASSESSMENT, ""),
        (330, Case.Status.ASSESSMENT, Case.Status.CLOSED, "返還猶予が認められた。"),
    ]:
        _upsert(
            CaseStatusChange,
            case=case,
            to_status=to_status,
            defaults={
                "from_status": from_status,
                "changed_at": _at(today - days(stage_days), 16),
                "reason": reason,
                "by": worker,
            },
        )


RATINGS_BEFORE = {"housing": 3, "finances": 2, "work": 1, "health": 2, "family": 1, "social": 1, "wishes": 2}
RATINGS_NOW = {"housing": 3, "finances": 2, "work": 1, "health": 3, "family": 2, "social": 2, "wishes": 3}


def _ratings(values):
    return {f"{key}_rating": value for key, value in values.items()}


def _load_plans_meetings_visits(*, today, worker, agencies):
    days = datetime.timedelta
    case_8050 = Case.objects.get(reference="K-DEMO-0001")
    case_carer = Case.objects.get(reference="K-DEMO-0002")
    case_work = Case.objects.get(reference="K-DEMO-0003")
    next_meeting_day = _next_month_meeting_day(today)

    _upsert(
        Assessment,
        case=case_8050,
        assessed_on=today - days(100),
        defaults={
            "assessor": worker,
            **_ratings(RATINGS_BEFORE),
            "living": "築40年の団地の1階。母は足腰が弱り、買い物は息子が夜間にコンビニで済ませている。",
            "health": "母は高血圧で通院中。息子は20年近く受診していない。",
            "finances": "母の年金(月約9万円)のみ。家賃の滞納はないが貯金はほぼない。",
            "work": "息子は30代で離職して以来、働いていない。",
            "family": "父は10年前に他界。息子は中学卒業後に就職したが30代で離職し、以降ひきこもり。",
            "social": "母は民生委員と顔なじみ。息子は外との接点がない。",
            "wishes": "母:息子が外に出られるようになってほしい。",
            "strengths": "母は地域の民生委員と顔なじみ。息子は本が好き。",
            "risks": "母の入院や死亡で息子が孤立する。",
            "summary": "母の介護と息子の社会参加を同時に支える必要がある8050世帯。",
        },
    )
    _upsert(
        Assessment,
        case=case_8050,
        assessed_on=today - days(20),
        defaults={
            "assessor": worker,
            **_ratings(RATINGS_NOW),
            "living": "住まいは変わらず。介護保険で手すりを付けた。",
            "health": "母はデイサービスで体調が安定。息子の受診はまだ。",
            "finances": "年金のみ。介護保険の自己負担が加わった。",
            "work": "変化なし。",
            "family": "息子が母の通院に付き添うようになった。",
            "social": "息子と手紙のやりとりが続いている。スペース栞に関心。",
            "wishes": "息子:「本の話なら人と話してもいい」。",
            "strengths": "息子が手紙に返事をくれる。",
            "risks": "母の体調が崩れたときの息子の生活。",
            "summary": "母の生活は安定。息子の社会参加の最初の一歩を支える段階。",
        },
    )
    _upsert(
        Assessment,
        case=case_work,
        assessed_on=today - days(40),
        defaults={
            "assessor": worker,
            **_ratings(
                {"housing": 2, "finances": 1, "work": 2, "health": 4, "family": 4, "social": 3, "wishes": 4}
            ),
            "living": "家賃6万円のアパートで一人暮らし。2か月分の滞納。",
            "finances": "カードローン約80万円。収入なし。",
            "work": "求職中。事務職の経験あり。",
            "summary": "住まいを守りながら就労につなげる。",
        },
    )

    first, _created = _upsert(
        SupportPlan,
        case=case_8050,
        version=1,
        defaults={
            "status": SupportPlan.Status.SUPERSEDED,
            "made_on": today - days(90),
            "review_on": today - days(30),
            "overall_goal": "母が安心して在宅生活を続けられるよう、介護保険サービスにつなぐ。",
            "person_agreed": True,
            "author": worker,
            "effective_from": today - days(88),
            "effective_until": today - days(30),
        },
    )
    # In effect, reviewed just after next month's meeting: building that meeting's agenda picks it up.
    plan, _created = _upsert(
        SupportPlan,
        case=case_8050,
        version=2,
        defaults={
            "status": SupportPlan.Status.ACTIVE,
            "made_on": today - days(30),
            "review_on": next_meeting_day + days(7),
            "overall_goal": "母が安心して在宅生活を続け、息子が少しずつ家の外とつながる。",
            "person_agreed": True,
            "author": worker,
            "effective_from": today - days(30),
            "effective_until": None,
        },
    )
    for version_plan in (first, plan):
        goals = [(PlanGoal.Term.SHORT, "母の介護保険サービスの利用を始める", PlanGoal.Progress.ACHIEVED)]
        if version_plan is plan:
            goals += [
                (PlanGoal.Term.SHORT, "息子と手紙でやりとりを続ける", PlanGoal.Progress.ONGOING),
                (PlanGoal.Term.LONG, "息子がスペース栞に参加する", PlanGoal.Progress.NOT_STARTED),
            ]
        for order, (term, goal, progress) in enumerate(goals, start=1):
            _upsert(
                PlanGoal,
                plan=version_plan,
                order=order,
                defaults={"term": term, "goal": goal, "progress": progress},
            )
        for who, agency_kind, task in [
            ("地域包括支援センター", Agency.Kind.COMMUNITY_CARE, "母の介護サービスの調整"),
            ("担当相談員", None, "月2回の訪問と息子への手紙"),
            ("民生委員", Agency.Kind.MINSEI_IIN, "日常の見守り"),
        ]:
            _upsert(
                PlanRole,
                plan=version_plan,
                who=who,
                defaults={"task": task, "agency": agencies.get(agency_kind)},
            )
    draft, _created = _upsert(
        SupportPlan,
        case=case_work,
        version=1,
        defaults={
            "status": SupportPlan.Status.DRAFT,
            "made_on": today - days(5),
            "review_on": add_months(today, 3),
            "overall_goal": "住まいを守りながら、3か月以内に仕事に就く。",
            "person_agreed": False,
            "author": worker,
        },
    )
    _upsert(
        PlanGoal,
        plan=draft,
        order=1,
        defaults={"term": PlanGoal.Term.SHORT, "goal": "住居確保給付金で家賃を払う"},
    )
    for who, agency_kind, task in [
        ("自立相談支援機関", Agency.Kind.SELF_RELIANCE, "住居確保給付金と家計の相談"),
        ("ハローワーク", Agency.Kind.HELLO_WORK, "求人の紹介と面接の練習"),
    ]:
        _upsert(PlanRole, plan=draft, who=who, defaults={"task": task, "agency": agencies[agency_kind]})

    place = "ヴィータ・コミューネ7階 会議室"
    members = [Agency.Kind.COMMUNITY_CARE, Agency.Kind.SELF_RELIANCE, Agency.Kind.DISABILITY]
    multi, _created = _upsert(
        Meeting,
        kind=Meeting.Kind.MULTI_LAYERED,
        held_at=_at(today - days(60), 14),
        defaults={
            "place": place,
            "attendees": "地域包括支援センター、自立相談支援機関、障害者相談支援センター、社協",
            "agenda": "8050世帯の支援方針と役割分担",
        },
    )
    multi.agencies.set([agencies[kind] for kind in members])
    sakurai_consent = Consent.objects.get(person=case_8050.person, given_on=today - days(100))
    _upsert(
        MeetingCaseReview,
        meeting=multi,
        case=case_8050,
        defaults={
            "meeting_kind": Meeting.Kind.MULTI_LAYERED,
            "consent": sakurai_consent,
            "agenda_reason": "プランの見直し",
            "evaluation": MeetingCaseReview.Evaluation.NEEDS_REVISION,
            "discussion": "母の介護と息子の支援を別々の窓口で進めていたため、情報を一本化する。",
            "decisions": "社協が全体の調整役。包括は母、社協は息子を担当。プランを改訂する。",
            "next_review_on": today - days(30),
            "reviewed_at": _at(today - days(60), 16),
            "reviewed_by": worker,
        },
    )
    support, _created = _upsert(
        Meeting,
        kind=Meeting.Kind.SUPPORT,
        held_at=_at(today - days(10), 15),
        defaults={
            "place": place,
            "attendees": "中学校、障害者相談支援センター、社協",
            "agenda": "ヤングケアラーと思われる生徒の状況共有",
        },
    )
    support.agencies.set([agencies[Agency.Kind.SCHOOL], agencies[Agency.Kind.DISABILITY]])
    _upsert(
        MeetingCaseReview,
        meeting=support,
        case=case_carer,
        defaults={
            "meeting_kind": Meeting.Kind.SUPPORT,
            "consent": None,
            "agenda_reason": "学校からの相談",
            "evaluation": MeetingCaseReview.Evaluation.APPROPRIATE,
            "discussion": "本人・母の同意はまだないため、支援会議として守秘義務のもとで共有。",
            "decisions": "学校は登校状況を見守り、社協が母との面談を調整する。",
            # Due again before next month's meeting is over: on that 重層的支援会議 it is refused (no consent).
            "next_review_on": next_meeting_day + days(3),
            "reviewed_at": _at(today - days(10), 17),
            "reviewed_by": worker,
        },
    )
    # Next month's meetings, agendas not built yet: try 「議題を作る」.
    upcoming_multi, _created = _upsert(
        Meeting,
        kind=Meeting.Kind.MULTI_LAYERED,
        held_at=_at(next_meeting_day, 14),
        defaults={
            "place": place,
            "attendees": "地域包括支援センター、自立相談支援機関、障害者相談支援センター、社協",
            "agenda": "見直し時期のケースの評価",
        },
    )
    upcoming_multi.agencies.set([agencies[kind] for kind in members])
    upcoming_support, _created = _upsert(
        Meeting,
        kind=Meeting.Kind.SUPPORT,
        held_at=_at(next_meeting_day + days(2), 15),
        defaults={
            "place": place,
            "attendees": "中学校、障害者相談支援センター、社協",
            "agenda": "本人同意のないケースの情報共有",
        },
    )
    upcoming_support.agencies.set([agencies[Agency.Kind.SCHOOL], agencies[Agency.Kind.DISABILITY]])

    _upsert(
        OutreachVisit,
        case=case_8050,
        visited_at=_at(today - days(20), 11),
        defaults={
            "location": "自宅",
            "visitors": "担当相談員",
            "outcome": OutreachVisit.Outcome.MET_FAMILY,
            "notes": "母と面会。息子はドア越しに「ありがとう」と返事。",
            "next_visit_on": today + days(5),
        },
    )
    concern = ConcernReport.objects.get(submission_token="demo-concern-1")
    _upsert(
        OutreachVisit,
        concern_report=concern,
        visited_at=_at(today - days(1), 16),
        defaults={
            "location": concern.location,
            "visitors": "相談員、民生委員",
            "outcome": OutreachVisit.Outcome.LEFT_NOTE,
            "notes": "不在。社協の案内と連絡先を郵便受けに入れた。",
            "next_visit_on": today + days(3),
        },
    )


def _load_community(*, today, worker, areas):
    """絆まるっとプロジェクト-style meetings on all three layers, with the needs and ideas they raised."""
    days = datetime.timedelta
    meetings = [
        (
            "多摩市(デモ)",
            "絆まるっとプロジェクト 全体会議(デモ)",
            60,
            "ヴィータ・コミューネ7階",
            "各地区の支え合い活動の報告。担い手の高齢化。",
            [
                (CommunityMeetingAttendee.Kind.COORDINATOR, "支え合いコーディネーター(社協)", 2),
                (CommunityMeetingAttendee.Kind.AGENCY, "地域包括支援センター", 3),
                (CommunityMeetingAttendee.Kind.ORGANISATION, "NPO法人 たまのわ", 1),
                (CommunityMeetingAttendee.Kind.RESIDENTS_GROUP, "各地区の自治会長", 6),
            ],
        ),
        (
            "関戸小学校区(デモ)",
            "関戸地区 支え合い会議(デモ)",
            30,
            "関戸公民館",
            "団地の高齢化と買い物。子どもの放課後の居場所。",
            [
                (CommunityMeetingAttendee.Kind.COORDINATOR, "支え合いコーディネーター(社協)", 1),
                (CommunityMeetingAttendee.Kind.RESIDENTS_GROUP, "関戸四丁目自治会", 2),
                (CommunityMeetingAttendee.Kind.RESIDENTS_GROUP, "関戸九丁目団地自治会", 2),
                (CommunityMeetingAttendee.Kind.ORGANISATION, "民生委員・児童委員", 3),
                (CommunityMeetingAttendee.Kind.ORGANISATION, "関戸小学校PTA", 1),
            ],
        ),
        (
            "関戸九丁目団地自治会(デモ)",
            "九丁目団地 ご近所座談会(デモ)",
            14,
            "団地集会所",
            "ゴミ出しが難しい人の見守り。空き店舗の使い道。",
            [
                (CommunityMeetingAttendee.Kind.COORDINATOR, "支え合いコーディネーター(社協)", 1),
                (CommunityMeetingAttendee.Kind.RESIDENTS_GROUP, "関戸九丁目団地自治会", 4),
                (CommunityMeetingAttendee.Kind.RESIDENT, "住民", 8),
            ],
        ),
    ]
    held = {}
    for area, title, days_ago, place, talked, attendees in meetings:
        meeting, _created = _upsert(
            CommunityMeeting,
            title=title,
            defaults={
                "area": areas[area],
                "held_on": today - days(days_ago),
                "place": place,
                "topics": talked,
                "recorded_by": worker,
            },
        )
        held[area] = meeting
        for kind, name, headcount in attendees:
            _upsert(
                CommunityMeetingAttendee,
                meeting=meeting,
                name=name,
                defaults={"kind": kind, "headcount": headcount},
            )

    needs = [
        # area, meeting area, kind, title, description, status, follow up in days, closed days ago, follow-ups
        (
            "関戸九丁目団地自治会(デモ)",
            "関戸小学校区(デモ)",
            CommunityNeed.Kind.NEED,
            "団地の高齢者が買い物に行けない(デモ)",
            "坂の上の団地でバスの本数が少なく、重い物を運べない。",
            CommunityNeed.Status.IN_PROGRESS,
            -2,
            None,
            [(25, CommunityNeed.Status.IN_PROGRESS, "移動販売の事業者に相談。月2回で調整中。")],
        ),
        (
            "関戸小学校区(デモ)",
            "関戸小学校区(デモ)",
            CommunityNeed.Kind.NEED,
            "放課後に子どもが過ごせる場所が足りない(デモ)",
            "共働き家庭が増え、公園で一人で過ごす子が多い。",
            CommunityNeed.Status.OPEN,
            20,
            None,
            [],
        ),
        (
            "関戸九丁目団地自治会(デモ)",
            "関戸九丁目団地自治会(デモ)",
            CommunityNeed.Kind.RESOURCE_IDEA,
            "空き店舗を使ったおしゃべりサロン(デモ)",
            "団地1階の空き店舗を週1回のサロンに。",
            CommunityNeed.Status.DONE,
            None,
            3,
            [
                (10, CommunityNeed.Status.IN_PROGRESS, "大家さんと自治会で使い方を相談。"),
                (3, CommunityNeed.Status.DONE, "毎週水曜午後にサロンを開くことに決定。"),
            ],
        ),
        (
            "関戸九丁目団地自治会(デモ)",
            "関戸九丁目団地自治会(デモ)",
            CommunityNeed.Kind.NEED,
            "ゴミ出しが難しい一人暮らしの見守り(デモ)",
            "階段の上り下りが難しい人がいる。",
            CommunityNeed.Status.OPEN,
            30,
            None,
            [],
        ),
        (
            "多摩市(デモ)",
            "多摩市(デモ)",
            CommunityNeed.Kind.NEED,
            "支え合い活動の担い手が高齢化している(デモ)",
            "若い世代が参加しやすい活動の形を考える。",
            CommunityNeed.Status.OPEN,
            45,
            None,
            [],
        ),
    ]
    for area, meeting_area, kind, title, description, status, follow_in, closed_ago, follow_ups in needs:
        need, _created = _upsert(
            CommunityNeed,
            title=title,
            defaults={
                "area": areas[area],
                "meeting": held[meeting_area],
                "kind": kind,
                "description": description,
                "status": status,
                "follow_up_on": today + days(follow_in) if follow_in is not None else None,
                "closed_on": today - days(closed_ago) if closed_ago is not None else None,
            },
        )
        for days_ago, after, note in follow_ups:
            _upsert(
                CommunityNeedFollowUp,
                need=need,
                note=note,
                defaults={"followed_up_on": today - days(days_ago), "status": after, "by": worker},
            )
