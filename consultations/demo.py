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
    Case,
    ConcernReport,
    ConsultationRequest,
    ContactLog,
    Household,
    IntakeStatus,
    Person,
    Referral,
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
    stdout.write(
        f"consultations: {Agency.objects.count()} agencies, {Person.objects.count()} people, "
        f"{Case.objects.count()} cases, {ConsultationRequest.objects.count() + ConcernReport.objects.count()} intake"
    )
