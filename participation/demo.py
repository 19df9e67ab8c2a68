"""Demo data for participation support: the seed's activities (seed 000) and JOIN-style paid ones
(the Tokai seed), host organisations with a contact person, a dozen fictional participants with
different limits, interest messages waiting, and placements at every stage.

小林 翔太 is the consultations demo's person with a case (K-DEMO-0003); Space Shiori and food
support link a booking and a registration to him too, so his timeline shows all four programmes.
Dates are relative to today. Idempotent: rows are found by natural keys; placements and offers
are made once, through the services.
"""

import datetime
import decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone, translation

from consultations.models import Person

from . import services, slots
from .models import (
    Activity,
    Contact,
    District,
    Enquiry,
    Goal,
    HostOrganization,
    Interest,
    Load,
    Offer,
    Pace,
    Participant,
    Placement,
    Reward,
    RewardWanted,
    Setting,
    Travel,
    WorkReferral,
)

INTERESTS = ["手作業", "本・情報", "植物・自然", "人と話す", "体を動かす", "食べもの"]
DISTRICTS = ["関戸・一ノ宮", "聖ヶ丘", "落合", "永山", "鶴牧", "諏訪"]

# name, kind, address, contact person, role, phone, email
HOSTS = [
    (
        "多摩市社会福祉協議会",
        "社会福祉協議会",
        "多摩市関戸4-72 ヴィータ・コミューネ7階",
        "山田 一郎(デモ)",
        "まちづくり推進担当",
        "042-373-5616",
        "",
    ),
    (
        "特別養護老人ホーム(デモ)",
        "福祉施設",
        "多摩市聖ヶ丘(架空)",
        "佐々木 恵子(デモ)",
        "生活相談員",
        "042-000-3101",
        "",
    ),
    (
        "多摩市立中央図書館",
        "公共施設",
        "多摩市落合2-35",
        "森 由紀(デモ)",
        "司書",
        "",
        "library.demo@example.jp",
    ),
    ("NPO法人 たまのわ(デモ)", "NPO", "多摩市永山(架空)", "石田 誠(デモ)", "事務局長", "042-000-3102", ""),
]

MON, TUE, WED, THU, FRI, SAT = range(6)
AM, PM, EVE = range(3)


def _slots(*pairs):
    value = 0
    for day, period in pairs:
        value |= slots.bit(day, period)
    return value


# title, summary, setting, load, contact, pace, goal, slots, places, reward (+ note), interests,
# host index, district index, place, time needed
ACTIVITIES = [
    (
        "新聞紙リサイクル袋づくり",
        "新聞紙を折って、リサイクル袋を作るお手伝いです。作り方はその場でお伝えします。",
        Setting.INDOOR,
        Load.LIGHT,
        Contact.ALONE,
        Pace.MONTHLY,
        Goal.FIRST_STEP,
        _slots((TUE, AM), (THU, PM)),
        4,
        (Reward.NONE, ""),
        ["手作業"],
        0,
        0,
        "社協の作業室",
        "1回1〜2時間",
    ),
    (
        "チラシの配架",
        "地域の施設にチラシを並べたり、入れ替えたりするお手伝いです。",
        Setting.INDOOR,
        Load.MODERATE,
        Contact.ALONE,
        Pace.MONTHLY,
        Goal.SOCIAL,
        0,
        None,
        (Reward.SMALL, "交通費程度の謝礼"),
        ["本・情報", "体を動かす"],
        0,
        0,
        "市内の公共施設",
        "1回1時間程度",
    ),
    (
        "地域の居場所運営のお手伝い",
        "地域住民の居場所で、お茶の用意や受付、片付けなどを手伝います。",
        Setting.INDOOR,
        Load.LIGHT,
        Contact.PEOPLE,
        Pace.MONTHLY,
        Goal.SOCIAL,
        _slots((SAT, PM)),
        3,
        (Reward.NONE, ""),
        ["人と話す", "食べもの"],
        0,
        3,
        "市内の居場所",
        "1回2〜3時間",
    ),
    (
        "福祉施設でのお手伝い",
        "高齢者施設で、レクリエーションの準備や中庭の環境整備を手伝います。",
        Setting.OUTDOOR,
        Load.MODERATE,
        Contact.SMALL_GROUP,
        Pace.WEEKLY,
        Goal.WORK,
        _slots((WED, AM), (FRI, AM)),
        2,
        (Reward.PAID, "1回1,000円(JOIN)"),
        ["人と話す", "体を動かす"],
        1,
        1,
        "",
        "1回2時間程度",
    ),
    (
        "花壇・プランターの手入れ",
        "公共施設の花壇やプランターに水やりをしたり、草取りをしたりします。",
        Setting.OUTDOOR,
        Load.MODERATE,
        Contact.ALONE,
        Pace.MONTHLY,
        Goal.FIRST_STEP,
        _slots((MON, AM), (THU, AM)),
        3,
        (Reward.NONE, ""),
        ["植物・自然", "体を動かす"],
        2,
        2,
        "多摩市立中央図書館",
        "1回1時間程度",
    ),
    (
        "配布食料の仕分け・運搬",
        "生活に困っている方へお配りする食料を、種類ごとに仕分けたり運んだりします。",
        Setting.OUTDOOR,
        Load.HEAVY,
        Contact.SMALL_GROUP,
        Pace.ONCE,
        Goal.SOCIAL,
        _slots((SAT, AM)),
        6,
        (Reward.NONE, ""),
        ["食べもの", "体を動かす"],
        0,
        0,
        "社協の倉庫",
        "1回2時間程度",
    ),
    (
        "図書館の本の修理",
        "傷んだ本の表紙や背を、道具を使って直します。静かな部屋で、自分のペースでできます。",
        Setting.INDOOR,
        Load.LIGHT,
        Contact.ALONE,
        Pace.WEEKLY,
        Goal.SOCIAL,
        _slots((WED, PM)),
        2,
        (Reward.SMALL, "図書カード"),
        ["本・情報", "手作業"],
        2,
        2,
        "多摩市立中央図書館 作業室",
        "1回2時間程度",
    ),
    (
        "封入・発送作業(JOIN)",
        "会報やお知らせを封筒に入れ、宛名シールを貼ります。少人数で、時間給の謝礼があります。",
        Setting.INDOOR,
        Load.LIGHT,
        Contact.SMALL_GROUP,
        Pace.WEEKLY,
        Goal.WORK,
        _slots((TUE, PM), (FRI, PM)),
        4,
        (Reward.PAID, "1時間500円"),
        ["手作業"],
        0,
        0,
        "社協の作業室",
        "1回2時間",
    ),
    (
        "子ども食堂の準備",
        "子ども食堂で、食材の下ごしらえや配膳、片付けを手伝います。",
        Setting.INDOOR,
        Load.MODERATE,
        Contact.PEOPLE,
        Pace.MONTHLY,
        Goal.SOCIAL,
        _slots((WED, EVE)),
        2,
        (Reward.NONE, ""),
        ["食べもの", "人と話す"],
        3,
        3,
        "永山の地域会館(架空)",
        "1回3時間",
    ),
]

# (family, given, kana family, kana given, age) for new demo people; existing consultations people
# are found by name. Then: goal, setting, max load, physical notes, contact, pace, reward wanted,
# slots, interests, district index (None), travel, notes.
PEOPLE = [
    (
        ("小林", "翔太", None, None, None),
        Goal.WORK,
        "",
        Load.MODERATE,
        "",
        Contact.SMALL_GROUP,
        Pace.WEEKLY,
        RewardWanted.NEEDED,
        _slots((MON, AM), (TUE, PM), (WED, AM), (FRI, AM), (FRI, PM)),
        ["手作業", "体を動かす"],
        0,
        Travel.CITY,
        "相談支援のケースあり(K-DEMO-0003)。家賃と返済のため、収入につながる活動を希望。",
    ),
    (
        ("桜井", "健一", None, None, None),
        Goal.FIRST_STEP,
        Setting.INDOOR,
        Load.LIGHT,
        "長く外出していないため、短時間から。",
        Contact.ALONE,
        Pace.MONTHLY,
        RewardWanted.ANY,
        _slots((WED, PM), (THU, PM)),
        ["本・情報", "手作業"],
        0,
        Travel.CITY,
        "本が好き。担当相談員の手紙でやりとり中。",
    ),
    (
        ("松本", "彩花", "マツモト", "アヤカ", 24),
        Goal.FIRST_STEP,
        Setting.INDOOR,
        Load.MODERATE,
        "",
        Contact.ALONE,
        Pace.MONTHLY,
        RewardWanted.ANY,
        _slots((TUE, AM), (THU, PM)),
        ["手作業", "本・情報"],
        0,
        Travel.NEAR,
        "",
    ),
    (
        ("井上", "拓也", "イノウエ", "タクヤ", 35),
        Goal.WORK,
        "",
        Load.HEAVY,
        "",
        Contact.SMALL_GROUP,
        Pace.WEEKLY,
        RewardWanted.NEEDED,
        _slots((MON, AM), (WED, AM), (FRI, AM), (SAT, AM)),
        ["体を動かす", "食べもの"],
        1,
        Travel.ANY,
        "",
    ),
    (
        ("山口", "恵", "ヤマグチ", "メグミ", 42),
        Goal.SOCIAL,
        Setting.INDOOR,
        Load.LIGHT,
        "腰痛があり、長時間は立っていられない。",
        Contact.PEOPLE,
        Pace.MONTHLY,
        RewardWanted.ANY,
        _slots((SAT, PM), (WED, EVE)),
        ["人と話す", "食べもの"],
        3,
        Travel.CITY,
        "",
    ),
    (
        ("中村", "大地", "ナカムラ", "ダイチ", 19),
        Goal.FIRST_STEP,
        "",
        Load.MODERATE,
        "",
        Contact.ALONE,
        Pace.MONTHLY,
        RewardWanted.ANY,
        _slots((MON, AM), (THU, AM), (THU, PM)),
        ["植物・自然"],
        2,
        Travel.NEAR,
        "",
    ),
    (
        ("小川", "真由美", "オガワ", "マユミ", 51),
        Goal.SOCIAL,
        Setting.INDOOR,
        Load.LIGHT,
        "",
        Contact.SMALL_GROUP,
        Pace.WEEKLY,
        RewardWanted.WANTED,
        _slots((TUE, AM), (WED, PM), (THU, PM), (FRI, PM)),
        ["手作業", "本・情報"],
        2,
        Travel.CITY,
        "",
    ),
    (
        ("林", "健太", "ハヤシ", "ケンタ", 28),
        Goal.WORK,
        "",
        Load.HEAVY,
        "",
        Contact.SMALL_GROUP,
        Pace.WEEKLY,
        RewardWanted.WANTED,
        _slots((WED, AM), (FRI, AM), (TUE, PM), (SAT, AM)),
        ["体を動かす", "人と話す"],
        1,
        Travel.ANY,
        "",
    ),
    (
        ("清水", "ひかり", "シミズ", "ヒカリ", 22),
        Goal.FIRST_STEP,
        Setting.INDOOR,
        Load.LIGHT,
        "",
        Contact.ALONE,
        Pace.MONTHLY,
        RewardWanted.ANY,
        0,
        ["本・情報"],
        None,
        Travel.CITY,
        "参加できる曜日はまだ聞けていない。まずは月1回程度から。",
    ),
    (
        ("森田", "修", "モリタ", "オサム", 60),
        Goal.SOCIAL,
        "",
        Load.HEAVY,
        "",
        Contact.SMALL_GROUP,
        Pace.MONTHLY,
        RewardWanted.ANY,
        _slots((SAT, AM), (THU, AM)),
        ["食べもの", "体を動かす"],
        0,
        Travel.NEAR,
        "",
    ),
    (
        ("石井", "早紀", "イシイ", "サキ", 31),
        Goal.SOCIAL,
        Setting.INDOOR,
        Load.LIGHT,
        "",
        Contact.ALONE,
        Pace.WEEKLY,
        RewardWanted.ANY,
        _slots((MON, EVE), (TUE, EVE)),
        ["手作業"],
        4,
        Travel.NEAR,
        "日中は家族の介護があり、夕方以降のみ。",
    ),
    (
        ("岡本", "陸", "オカモト", "リク", 26),
        Goal.WORK,
        Setting.INDOOR,
        Load.LIGHT,
        "",
        Contact.SMALL_GROUP,
        Pace.WEEKLY,
        RewardWanted.NEEDED,
        _slots((TUE, PM), (THU, PM), (FRI, PM)),
        ["手作業"],
        0,
        Travel.CITY,
        "",
    ),
]


def _update(obj, values):
    """Save only what changed, so running the demo again adds no history."""
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        obj.save()
    return obj


def _person(family, given, kana_f, kana_g, age, today):
    person = Person.objects.filter(family_name=family, given_name=given).order_by("pk").first()
    if person is None:
        person = Person.objects.create(
            family_name=family,
            given_name=given,
            family_name_kana=kana_f or "",
            given_name_kana=kana_g or "",
            birth_date=datetime.date(today.year - age, 6, 1) if age else None,
            notes="参加支援のデモ",
        )
    return person


def load(*, stdout):
    # Offers keep the reasons in words as staff saw them: write them in the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        _load(stdout=stdout)


def _load(*, stdout):
    today = timezone.localdate()
    coordinator = get_user_model().objects.filter(username="demo-coordinator").first()
    interests = {}
    for order, name in enumerate(INTERESTS):
        interests[name], _ = Interest.objects.update_or_create(name=name, defaults={"order": order})
    districts = []
    for order, name in enumerate(DISTRICTS):
        district, _ = District.objects.update_or_create(name=name, defaults={"order": order})
        districts.append(district)
    hosts = []
    for name, kind, address, contact, role, phone, email in HOSTS:
        host, _ = HostOrganization.objects.get_or_create(name=name)
        hosts.append(
            _update(
                host,
                {
                    "kind": kind,
                    "address": address,
                    "contact_name": contact,
                    "contact_role": role,
                    "phone": phone,
                    "email": email,
                },
            )
        )
    activities = {}
    for order, row in enumerate(ACTIVITIES):
        (title, summary, setting, load_, contact, pace, goal, when, places, reward, tags, host, district) = (
            row[:13]
        )
        place, time_needed = row[13:]
        activity = Activity.objects.filter(title=title).first() or Activity(title=title)
        values = {
            "summary": summary,
            "setting": setting,
            "load": load_,
            "contact": contact,
            "pace": pace,
            "goal": goal,
            "slots": when,
            "places": places,
            "reward": reward[0],
            "reward_note": reward[1],
            "host": hosts[host],
            "district": districts[district],
            "place": place,
            "time_needed": time_needed,
            "order": order,
            "is_published": True,
        }
        if activity.pk is None:
            for name, value in values.items():
                setattr(activity, name, value)
            activity.save()
        else:
            _update(activity, values)
        activity.interests.set([interests[t] for t in tags])
        activities[title] = activity

    people = {}
    for row in PEOPLE:
        (family, given, kana_f, kana_g, age), goal, setting, max_load, physical, contact, pace = row[:7]
        reward_wanted, available, tags, district, travel, notes = row[7:]
        person = _person(family, given, kana_f, kana_g, age, today)
        fields = {
            "goal": goal,
            "preferred_setting": setting,
            "max_load": max_load,
            "physical_notes": physical,
            "contact_comfort": contact,
            "preferred_pace": pace,
            "reward_wanted": reward_wanted,
            "available_slots": available,
            "district": districts[district] if district is not None else None,
            "travel": travel,
            "notes": notes,
        }
        participant = Participant.objects.filter(person=person).first()
        if participant is None:
            participant = services.participant_create(
                person=person, by=coordinator, interests=[interests[t] for t in tags], **fields
            )
        else:
            _update(participant, fields)
        people[f"{family} {given}"] = participant

    _placements(today=today, people=people, activities=activities, by=coordinator)
    _enquiries(today=today, people=people, activities=activities, by=coordinator)
    stdout.write(
        f"participation: {len(ACTIVITIES)} activities, {len(HOSTS)} hosts, {len(PEOPLE)} participant profiles, "
        f"{Placement.objects.count()} placements, {Enquiry.objects.filter(status__in=Enquiry.OPEN).count()} "
        "interest messages waiting"
    )


def _ago(today, days):
    return today - datetime.timedelta(days=days)


def _placement(*, participant, activity, by, visit, trial=None, ongoing=None, end=None, logs=()):
    """Make a placement once, through the services, and walk it to its stage."""
    if Placement.objects.filter(participant=participant, activity=activity).exists():
        return None
    offered_on = min(visit, timezone.localdate()) - datetime.timedelta(days=7)
    if not participant.offers.filter(activity=activity).exists():
        services.offer_record(participant=participant, activity=activity, by=by, on=offered_on)
    # They said yes two days after the offer.
    placement = services.placement_arrange_visit(
        participant=participant,
        activity=activity,
        visit_date=visit,
        by=by,
        on=offered_on + datetime.timedelta(days=2),
    )
    if trial:
        placement = services.placement_start_trial(placement=placement, on=trial)
    if ongoing:
        placement = services.placement_continue(placement=placement, on=ongoing)
    for day, attended, hours, words in logs:
        services.placement_log_add(
            placement=placement,
            date=day,
            attended=attended,
            hours=decimal.Decimal(hours) if hours else None,
            their_words=words,
            written_by=by,
        )
    if end:
        on, reason, note = end
        placement = services.placement_end(placement=placement, reason=reason, note=note, on=on)
    return placement


def _placements(*, today, people, activities, by):
    ago = lambda days: _ago(today, days)  # noqa: E731
    # 継続: taking part for a month, with days in her words.
    _placement(
        participant=people["松本 彩花"],
        activity=activities["新聞紙リサイクル袋づくり"],
        by=by,
        visit=ago(60),
        trial=ago(50),
        ongoing=ago(30),
        logs=[
            (ago(60), True, "1", "見学だけのつもりが、少し折ってみた。"),
            (ago(50), True, "1.5", "思ったより集中できた。"),
            (ago(36), False, None, ""),
            (ago(30), True, "2", "次も来たい。袋の折り方を人に教えられた。"),
            (ago(9), True, "2", "少し疲れたけど、楽しかった。"),
        ],
    )
    # 体験: 小林 翔太 tries the paid envelope work (JOIN); a referral to work experience follows.
    placement = _placement(
        participant=people["小林 翔太"],
        activity=activities["封入・発送作業(JOIN)"],
        by=by,
        visit=ago(20),
        trial=ago(10),
        logs=[(ago(10), True, "2", "時間どおりに来られた。謝礼がうれしい。"), (ago(3), True, "2", "")],
    )
    if placement is not None:
        services.work_referral_create(
            participant=people["小林 翔太"],
            placement=placement,
            kind=WorkReferral.Kind.WORK_EXPERIENCE,
            organisation="NPO法人 たまのわ 就労体験(デモ)",
            referred_on=ago(2),
            note="体験が続けば、次は週2回の就労体験へ。",
            by=by,
        )
    # 見学 coming up (on the staff home: visits in the next 7 days).
    _placement(
        participant=people["中村 大地"], activity=activities["花壇・プランターの手入れ"], by=by, visit=ago(-3)
    )
    # 見学 done five days ago, no next step yet (placements needing a next step).
    _placement(
        participant=people["井上 拓也"], activity=activities["福祉施設でのお手伝い"], by=by, visit=ago(5)
    )
    # 体験 for five weeks: time to decide (needs a next step).
    _placement(
        participant=people["小川 真由美"],
        activity=activities["図書館の本の修理"],
        by=by,
        visit=ago(45),
        trial=ago(35),
        logs=[(ago(35), True, "2", "静かで落ち着く。"), (ago(28), True, "2", "")],
    )
    # 継続 but nothing recorded for two months (needs a next step).
    _placement(
        participant=people["森田 修"],
        activity=activities["配布食料の仕分け・運搬"],
        by=by,
        visit=ago(120),
        trial=ago(110),
        ongoing=ago(100),
        logs=[(ago(100), True, "2", "力仕事は得意。"), (ago(70), True, "2", "")],
    )
    # 終了 with why it ended.
    _placement(
        participant=people["山口 恵"],
        activity=activities["地域の居場所運営のお手伝い"],
        by=by,
        visit=ago(90),
        trial=ago(80),
        logs=[(ago(80), True, "2.5", "人と話せてよかった。でも立ちっぱなしはつらい。")],
        end=(ago(60), "health", "腰痛が悪化し、しばらく休みたいとのこと。座ってできる活動を探す。"),
    )
    placement = _placement(
        participant=people["林 健太"],
        activity=activities["配布食料の仕分け・運搬"],
        by=by,
        visit=ago(150),
        trial=ago(140),
        ongoing=ago(130),
        logs=[(ago(130), True, "2", ""), (ago(100), True, "2", "リーダー役を頼まれた。")],
        end=(ago(40), "moved_on", "ハローワークの就労支援へ。"),
    )
    if placement is not None:
        services.work_referral_create(
            participant=people["林 健太"],
            placement=placement,
            kind=WorkReferral.Kind.WORK_SUPPORT,
            organisation="ハローワーク府中 多摩窓口(デモ)",
            referred_on=ago(45),
            by=by,
        )
        referral = people["林 健太"].referrals.first()
        services.work_referral_set_status(referral=referral, status=WorkReferral.Status.STARTED)
    # Offers: one waiting for over a week, one waiting since today, one declined.
    if not people["桜井 健一"].offers.exists():
        services.offer_record(
            participant=people["桜井 健一"], activity=activities["新聞紙リサイクル袋づくり"], by=by, on=ago(9)
        )
    if not people["岡本 陸"].offers.exists():
        services.offer_record(
            participant=people["岡本 陸"], activity=activities["封入・発送作業(JOIN)"], by=by
        )
    if not people["林 健太"].offers.filter(activity=activities["福祉施設でのお手伝い"]).exists():
        offer = services.offer_record(
            participant=people["林 健太"],
            activity=activities["福祉施設でのお手伝い"],
            by=by,
            kind=Offer.Kind.INVITATION,
            on=ago(20),
        )
        services.offer_respond(
            offer=offer, response=Offer.Response.DECLINED, note="就労支援に集中したい。", on=ago(18)
        )


# reference, days ago, activity, name, kana, method, phone, email, times, company, message, status
ENQUIRIES = [
    (
        "P-DEMO-0001",
        0,
        "花壇・プランターの手入れ",
        "たなか みき",
        "タナカ ミキ",
        Enquiry.ContactMethod.PHONE,
        "090-0000-5101",
        "",
        "平日の午後",
        True,
        "外で体を動かしたいです。人と話すのは少し苦手です。",
        Enquiry.Status.NEW,
    ),
    (
        "P-DEMO-0002",
        4,
        "新聞紙リサイクル袋づくり",
        "あおい",
        "",
        Enquiry.ContactMethod.EMAIL,
        "",
        "aoi.demo@example.jp",
        "",
        True,
        "長く家にいたので、まずは見学だけでもいいですか。",
        Enquiry.Status.NEW,
    ),
    (
        "P-DEMO-0003",
        2,
        "子ども食堂の準備",
        "佐藤 悠",
        "サトウ ユウ",
        Enquiry.ContactMethod.PHONE,
        "080-0000-5103",
        "",
        "夕方",
        False,
        "料理が好きです。",
        Enquiry.Status.CONTACTED,
    ),
]


def _enquiries(*, today, people, activities, by):
    for (
        reference,
        days,
        title,
        name,
        kana,
        method,
        phone,
        email,
        times,
        company,
        message,
        status,
    ) in ENQUIRIES:
        enquiry = Enquiry.objects.filter(reference=reference).first()
        if enquiry is None:
            Enquiry.objects.create(
                reference=reference,
                submission_token=f"demo-{reference}",
                submitted_at=timezone.make_aware(
                    datetime.datetime.combine(_ago(today, days), datetime.time(10 + days))
                ),
                activity=activities[title],
                name=name,
                name_kana=kana,
                contact_method=method,
                phone=phone,
                email=email,
                contact_times=times,
                wants_company=company,
                message=message,
                consent=True,
                status=status,
                handled_by=by if status != Enquiry.Status.NEW else None,
            )
    # One message already made into a profile, so the link shows on her timeline.
    if not Enquiry.objects.filter(reference="P-DEMO-0004").exists():
        enquiry = Enquiry.objects.create(
            reference="P-DEMO-0004",
            submission_token="demo-P-DEMO-0004",
            submitted_at=timezone.make_aware(datetime.datetime.combine(_ago(today, 70), datetime.time(20))),
            activity=activities["新聞紙リサイクル袋づくり"],
            name="まつもと",
            contact_method=Enquiry.ContactMethod.EMAIL,
            email="matsumoto.demo@example.jp",
            message="手を動かす作業なら、できるかもしれません。",
            consent=True,
        )
        services.enquiry_link(enquiry=enquiry, by=by, person=people["松本 彩花"].person, on=_ago(today, 68))
