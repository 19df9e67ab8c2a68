"""Demo activity menu: the examples on the Tama council's page (seed 000)."""

from .models import Activity, Contact, HostOrganization, Interest, Pace, Setting

INTERESTS = ["手作業", "本・情報", "植物・自然", "人と話す", "体を動かす", "食べもの"]

HOSTS = [
    ("多摩市社会福祉協議会", "社会福祉協議会", "多摩市関戸4-72 ヴィータ・コミューネ7階"),
    ("特別養護老人ホーム(デモ)", "福祉施設", "多摩市内"),
    ("多摩市立中央図書館", "公共施設", "多摩市落合2-35"),
]

# title, summary, setting, pace, contact, interests, host index, place, time needed
ACTIVITIES = [
    (
        "新聞紙リサイクル袋づくり",
        "新聞紙を折って、リサイクル袋を作るお手伝いです。作り方はその場でお伝えします。",
        Setting.INDOOR,
        Pace.MONTHLY,
        Contact.ALONE,
        ["手作業"],
        0,
        "社協の作業室",
        "1回1〜2時間",
    ),
    (
        "チラシの配架",
        "地域の施設にチラシを並べたり、入れ替えたりするお手伝いです。",
        Setting.INDOOR,
        Pace.MONTHLY,
        Contact.ALONE,
        ["本・情報", "体を動かす"],
        0,
        "市内の公共施設",
        "1回1時間程度",
    ),
    (
        "地域の居場所運営のお手伝い",
        "地域住民の居場所で、お茶の用意や受付、片付けなどを手伝います。",
        Setting.INDOOR,
        Pace.MONTHLY,
        Contact.PEOPLE,
        ["人と話す", "食べもの"],
        0,
        "市内の居場所",
        "1回2〜3時間",
    ),
    (
        "福祉施設でのお手伝い",
        "高齢者施設で、レクリエーションの準備や環境整備を手伝います。",
        Setting.OUTDOOR,
        Pace.WEEKLY,
        Contact.SMALL_GROUP,
        ["人と話す", "体を動かす"],
        1,
        "",
        "1回2時間程度",
    ),
    (
        "花壇・プランターの手入れ",
        "公共施設の花壇やプランターに水やりをしたり、草取りをしたりします。",
        Setting.OUTDOOR,
        Pace.MONTHLY,
        Contact.ALONE,
        ["植物・自然", "体を動かす"],
        2,
        "多摩市立中央図書館",
        "1回1時間程度",
    ),
    (
        "配布食料の仕分け・運搬",
        "生活に困っている方へお配りする食料を、種類ごとに仕分けたり運んだりします。",
        Setting.OUTDOOR,
        Pace.ONCE,
        Contact.SMALL_GROUP,
        ["食べもの", "体を動かす"],
        0,
        "社協の倉庫",
        "1回2時間程度",
    ),
]


def load(*, stdout):
    interests = {}
    for order, name in enumerate(INTERESTS):
        interests[name], _ = Interest.objects.update_or_create(name=name, defaults={"order": order})
    hosts = []
    for name, kind, address in HOSTS:
        host, _ = HostOrganization.objects.update_or_create(
            name=name, defaults={"kind": kind, "address": address}
        )
        hosts.append(host)
    for order, (title, summary, setting, pace, contact, tags, host, place, time_needed) in enumerate(
        ACTIVITIES
    ):
        activity, _ = Activity.objects.update_or_create(
            title=title,
            defaults={
                "summary": summary,
                "setting": setting,
                "pace": pace,
                "contact": contact,
                "host": hosts[host],
                "place": place,
                "time_needed": time_needed,
                "order": order,
                "is_published": True,
            },
        )
        activity.interests.set([interests[t] for t in tags])
    stdout.write(f"participation: {len(ACTIVITIES)} activities")
