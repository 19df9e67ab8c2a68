"""Demo data for consultations: agencies, a few fictional people, households, cases and intake.

Everyone here is fictional. Agencies are the kinds the Tama area has, with
made-up contact details. Dates are relative to today so the demo never looks stale.
Idempotent: every row is found by a natural key and updated in place.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from . import services
from .models import (
    Agency,
    Assessment,
    Case,
    ConcernReport,
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
    # name, address, flags, members: (family, given, kana family, kana given, relationship, age, phone)
    (
        "桜井家(デモ)",
        "東京都多摩市関戸9丁目 架空団地1-101",
        {"flag_8050": True, "flag_withdrawal": True, "flag_financial_hardship": True},
        [
            ("桜井", "トメ", "サクライ", "トメ", Person.Relationship.HEAD, 84, "042-000-2001"),
            ("桜井", "健一", "サクライ", "ケンイチ", Person.Relationship.CHILD, 53, ""),
        ],
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
    ),
    (
        "小林家(デモ)",
        "東京都多摩市落合9丁目 架空アパート2",
        {"flag_financial_hardship": True},
        [("小林", "翔太", "コバヤシ", "ショウタ", Person.Relationship.HEAD, 29, "090-0000-3003")],
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

    people = {}
    for name, address, flags, members in HOUSEHOLDS:
        household, _created = _upsert(
            Household, name=name, defaults={"address": address, "phone": members[0][6], **flags}
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

    cases = [
        # reference, person, channel, status, topics, opened days ago, summary,
        # logs (days ago, method, who, what, next action, due in days from today, done), referrals
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
                    "要支援1の認定",
                )
            ],
        ),
        (
            "K-DEMO-0002",
            "青木 陽向",
            Case.Channel.CONCERN_SHEET,
            Case.Status.ASSESSMENT,
            ["family_care", "health"],
            30,
            "中学校の先生からのほっとけないシート。高校1年生。体調を崩しがちな母と小学生の弟の世話をしていて、遅刻が続いている(ヤングケアラー)。",
            [
                (
                    25,
                    "office",
                    "本人、学校の先生",
                    "放課後に来所。家事の大半を担っている。本人は「大丈夫」と話す。",
                    "母と面談の日程調整",
                    5,
                    False,
                ),
            ],
            [(Agency.Kind.DISABILITY, "母の障害福祉サービス利用の相談", Referral.Status.REFERRED, 20, "")],
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
                    "支給決定",
                ),
                (Agency.Kind.HELLO_WORK, "就労支援", Referral.Status.ACCEPTED, 20, ""),
            ],
        ),
    ]
    for reference, person_key, channel, status, topic_codes, days_ago, summary, logs, referrals in cases:
        person = people[person_key]
        case, _created = _upsert(
            Case,
            reference=reference,
            defaults={
                "person": person,
                "household": person.household,
                "channel": channel,
                "status": status,
                "worker": worker,
                "opened_on": today - datetime.timedelta(days=days_ago),
                "summary": summary,
            },
        )
        case.topics.set([topics[code] for code in topic_codes])
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
        for kind, reason, referral_status, days, outcome in referrals:
            _upsert(
                Referral,
                case=case,
                agency=agencies[kind],
                defaults={
                    "reason": reason,
                    "status": referral_status,
                    "referred_on": today - datetime.timedelta(days=days),
                    "outcome": outcome,
                },
            )

    request, _created = _upsert(
        ConsultationRequest,
        submission_token="demo-request-1",
        defaults={
            "reference": "R-DEMO-0001",
            "submitted_at": _at(today, 9),
            "status": IntakeStatus.NEW,
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
    _load_plans_meetings_visits(today=today, worker=worker, agencies=agencies)
    stdout.write(
        f"consultations: {Agency.objects.count()} agencies, {Person.objects.count()} people, "
        f"{Case.objects.count()} cases, {ConsultationRequest.objects.count() + ConcernReport.objects.count()} intake"
    )


def _load_plans_meetings_visits(*, today, worker, agencies):
    days = datetime.timedelta
    case_8050 = Case.objects.get(reference="K-DEMO-0001")
    case_carer = Case.objects.get(reference="K-DEMO-0002")
    _upsert(
        Assessment,
        case=case_8050,
        assessed_on=today - days(100),
        defaults={
            "assessor": worker,
            "living": "築40年の団地の1階。母は足腰が弱り、買い物は息子が夜間にコンビニで済ませている。",
            "health": "母は高血圧で通院中。息子は20年近く受診していない。",
            "finances": "母の年金(月約9万円)のみ。家賃の滞納はないが貯金はほぼない。",
            "family": "父は10年前に他界。息子は中学卒業後に就職したが30代で離職し、以降ひきこもり。",
            "strengths": "母は地域の民生委員と顔なじみ。息子は本が好き。",
            "risks": "母の入院や死亡で息子が孤立する。",
            "wishes": "母:息子が外に出られるようになってほしい。",
            "summary": "母の介護と息子の社会参加を同時に支える必要がある8050世帯。",
        },
    )
    plan, _created = _upsert(
        SupportPlan,
        case=case_8050,
        version=1,
        defaults={
            "status": SupportPlan.Status.ACTIVE,
            "made_on": today - days(90),
            "review_on": today + days(30),
            "overall_goal": "母が安心して在宅生活を続け、息子が少しずつ家の外とつながる。",
            "person_agreed": True,
            "author": worker,
        },
    )
    for order, (term, goal, progress) in enumerate(
        [
            (PlanGoal.Term.SHORT, "母の介護保険サービスの利用を始める", PlanGoal.Progress.ACHIEVED),
            (PlanGoal.Term.SHORT, "息子と手紙でやりとりを続ける", PlanGoal.Progress.ONGOING),
            (PlanGoal.Term.LONG, "息子がスペース栞に参加する", PlanGoal.Progress.NOT_STARTED),
        ],
        start=1,
    ):
        _upsert(PlanGoal, plan=plan, order=order, defaults={"term": term, "goal": goal, "progress": progress})
    for who, agency_kind, task in [
        ("地域包括支援センター", Agency.Kind.COMMUNITY_CARE, "母の介護サービスの調整"),
        ("担当相談員", None, "月2回の訪問と息子への手紙"),
        ("民生委員", Agency.Kind.MINSEI_IIN, "日常の見守り"),
    ]:
        _upsert(PlanRole, plan=plan, who=who, defaults={"task": task, "agency": agencies.get(agency_kind)})

    multi, _created = _upsert(
        Meeting,
        kind=Meeting.Kind.MULTI_LAYERED,
        held_at=_at(today - days(60), 14),
        defaults={
            "place": "ヴィータ・コミューネ7階 会議室",
            "attendees": "地域包括支援センター、自立相談支援機関、障害者相談支援センター、社協",
            "agenda": "8050世帯の支援方針と役割分担",
        },
    )
    _upsert(
        MeetingCaseReview,
        meeting=multi,
        case=case_8050,
        defaults={
            "consent_obtained": True,
            "discussion": "母の介護と息子の支援を別々の窓口で進めていたため、情報を一本化する。",
            "decisions": "社協が全体の調整役。包括は母、社協は息子を担当。",
        },
    )
    support, _created = _upsert(
        Meeting,
        kind=Meeting.Kind.SUPPORT,
        held_at=_at(today - days(10), 15),
        defaults={
            "place": "ヴィータ・コミューネ7階 会議室",
            "attendees": "中学校、障害者相談支援センター、社協",
            "agenda": "ヤングケアラーと思われる生徒の状況共有",
        },
    )
    _upsert(
        MeetingCaseReview,
        meeting=support,
        case=case_carer,
        defaults={
            "consent_obtained": False,
            "discussion": "本人・母の同意はまだないため、支援会議として守秘義務のもとで共有。",
            "decisions": "学校は登校状況を見守り、社協が母との面談を調整する。",
        },
    )
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
