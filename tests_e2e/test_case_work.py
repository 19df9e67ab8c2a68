"""Case work in a real browser: from an urgent concern report to a case, and a case through
assessment, plan, next month's agenda and its review; consent refused with the reason shown."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consultations.models import (
    Agency,
    Case,
    ConcernReport,
    Consent,
    Meeting,
    MeetingCaseReview,
    SupportPlan,
    add_months,
)
from consultations.services import topics_ensure
from consultations.tests.factories import (
    AgencyFactory,
    CaseFactory,
    ConcernReportFactory,
    MeetingFactory,
    PersonFactory,
    SupportPlanFactory,
)

from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _topics():
    topics_ensure()


def _at(day, hour=14):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _choose_autocomplete(page, container, text):
    """Pick `text` in a Django admin autocomplete (select2) inside `container`."""
    container.locator(".select2-selection").click()
    page.locator(".select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_a_case_worker_makes_an_urgent_concern_report_into_a_case_from_the_home_page(
    page, base_url, caseworker
):
    report = ConcernReportFactory(
        urgency=ConcernReport.Urgency.URGENT,
        subject_name="",
        location="関戸9丁目の団地",
        observations="お母さんが救急車で運ばれ、息子さんが一人で残っています。",
    )
    ConcernReportFactory(urgency=ConcernReport.Urgency.SOON)
    page.set_default_timeout(10000)
    log_in(page, base_url, caseworker)
    tile = page.locator(".staff-tile", has_text="未対応の急ぎのほっとけないシート")
    expect(tile.locator(".staff-tile-count")).to_have_text("1")
    tile.locator("a.staff-tile-main").click()
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    page.get_by_role("link", name=report.reference).click()
    expect(page.locator("#content")).to_contain_text("お母さんが救急車で運ばれ")
    assert_accessible(page)
    page.get_by_role("link", name="ケース化").click()
    expect(page.locator("h1")).to_contain_text(f"{report.reference} をケース化する")
    assert_accessible(page)
    page.get_by_label("登録されていない方:下の内容で新しく登録する").check()
    page.locator("#id_family_name").fill("桜井")
    page.locator("#id_given_name").fill("健一")
    page.locator("#id_family_name_kana").fill("さくらい")
    page.get_by_label("新しい世帯を作る").check()
    page.locator("#id_household_name").fill("桜井家")
    page.locator("#id_relationship").select_option("child")
    page.get_by_role("button", name="ケースを開始する").click()

    expect(page.locator(".messagelist")).to_contain_text("を開始しました")
    case = Case.objects.get()
    expect(page).to_have_url(re.compile(f"/admin/consultations/case/{case.pk}/change/"))
    assert (case.person.full_name, case.person.family_name_kana) == ("桜井 健一", "サクライ")
    assert case.household.name == "桜井家" and case.channel == Case.Channel.CONCERN_SHEET
    report.refresh_from_db()
    assert report.case == case and report.status == "converted"
    assert_accessible(page)


def test_assessment_plan_next_months_agenda_review_and_the_next_review_date(page, base_url, caseworker):
    today = timezone.localdate()
    care = AgencyFactory(name="地域包括支援センター関戸", kind=Agency.Kind.COMMUNITY_CARE)
    self_reliance = AgencyFactory(name="自立相談支援機関", kind=Agency.Kind.SELF_RELIANCE)
    case = CaseFactory(worker=caseworker.user, person=PersonFactory(family_name="桜井", given_name="トメ"))
    Consent.objects.create(
        person=case.person,
        given_on=today - datetime.timedelta(days=7),
        method=Consent.Method.WRITTEN,
        agency_kinds=[Agency.Kind.COMMUNITY_CARE, Agency.Kind.SELF_RELIANCE],
    )
    meeting_day = add_months(today, 1)
    meeting = MeetingFactory(kind=Meeting.Kind.MULTI_LAYERED, held_at=_at(meeting_day), place="会議室")
    meeting.agencies.set([care, self_reliance])
    review_on = meeting_day + datetime.timedelta(days=7)
    page.set_default_timeout(10000)
    log_in(page, base_url, caseworker)

    page.goto(f"{base_url}/admin/consultations/case/{case.pk}/change/")
    page.get_by_role("button", name="「アセスメント」に進める").click()
    expect(page.locator(".messagelist")).to_contain_text("「アセスメント」になりました")
    assert_accessible(page)

    page.get_by_role("link", name="アセスメントを記録する").click()
    expect(page.locator(".from-case")).to_contain_text(case.reference)
    assert_accessible(page)
    page.locator("#id_housing_rating_3").check()
    page.locator("#id_work_rating_1").check()
    page.locator("#id_living").fill("団地の1階。家賃の滞納はない。")
    page.locator("#id_summary").fill("母の介護と息子の社会参加を同時に支える。")
    page.get_by_role("button", name="保存", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text(
        f"ケース {case.reference} にアセスメントを追加しました"
    )
    expect(page.locator(".case-hub")).to_contain_text("住まい: 3")
    page.get_by_role("button", name="「プラン」に進める").click()
    expect(page.locator(".messagelist")).to_contain_text("「プラン」になりました")

    page.get_by_role("link", name="支援プランを作る").click()
    expect(page.locator(".from-case")).to_contain_text(case.reference)
    page.locator("#id_overall_goal").fill("母が安心して在宅生活を続け、息子が外とつながる。")
    page.locator("#id_review_on").fill(review_on.isoformat())
    page.locator("#id_goals-0-goal").fill("母の介護保険サービスの利用を始める")
    roles = page.locator("#roles-group")
    page.locator("#id_roles-0-who").fill("地域包括支援センター")
    page.locator("#id_roles-0-task").fill("母の介護サービスの調整")
    _choose_autocomplete(page, roles.locator("#roles-0 .field-agency"), "地域包括支援センター関戸")
    roles.locator(".add-row a").click()
    page.locator("#id_roles-1-who").fill("自立相談支援機関")
    page.locator("#id_roles-1-task").fill("家計の相談")
    _choose_autocomplete(page, roles.locator("#roles-1 .field-agency"), "自立相談支援機関")
    assert_accessible(page)
    page.get_by_role("button", name="保存", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("支援プランを追加しました")
    plan = SupportPlan.objects.get(case=case)
    assert sorted(plan.roles.values_list("agency__name", flat=True)) == [
        "地域包括支援センター関戸",
        "自立相談支援機関",
    ]
    page.get_by_role("link", name="作成中の第1版を編集する").click()
    page.get_by_role("button", name="この版を実施する").click()
    expect(page.locator(".messagelist")).to_contain_text("を実施中にしました")

    page.goto(f"{base_url}/admin/consultations/meeting/{meeting.pk}/change/")
    expect(page.locator(".meeting-candidates")).to_contain_text(case.reference)
    page.get_by_role("button", name="議題を作る").click()
    expect(page.locator(".messagelist")).to_contain_text("1件のケースを議題に加えました")
    agenda = page.locator(".meeting-agenda")
    expect(agenda).to_contain_text(case.reference)
    expect(agenda).to_contain_text("プランの見直し日")
    assert_accessible(page)

    agenda.get_by_role("link", name="検討を記録する").click()
    expect(page.locator(".field-plan_display")).to_contain_text("第1版")
    assert_accessible(page)
    next_review = review_on + datetime.timedelta(days=90)
    page.get_by_label("妥当(プランを続ける)").check()
    page.locator("#id_decisions").fill("包括は母、社協は息子を担当する。")
    page.locator("#id_next_review_on").fill(next_review.isoformat())
    page.get_by_role("button", name="保存", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("次回の見直しは")
    expect(page).to_have_url(re.compile(f"/admin/consultations/meeting/{meeting.pk}/change/"))
    review = MeetingCaseReview.objects.get()
    assert (review.evaluation, review.next_review_on) == ("appropriate", next_review)

    page.get_by_role("link", name="次第・記録(印刷用)").click()
    expect(page.locator(".agenda-case")).to_contain_text("包括は母、社協は息子を担当する。")
    assert_accessible(page)

    page.goto(f"{base_url}/admin/consultations/case/{case.pk}/change/")
    weekday = "月火水木金土日"[next_review.weekday()]
    expected = f"{next_review.year}年{next_review.month}月{next_review.day}日({weekday})"
    expect(page.locator(".case-hub")).to_contain_text(f"見直し予定日: {expected}")
    expect(page.locator(".case-timeline")).to_contain_text("重層的支援会議:妥当(プランを続ける)")


def test_a_case_without_consent_is_refused_on_a_multi_layered_meeting_with_the_reason(
    page, base_url, caseworker
):
    today = timezone.localdate()
    case = CaseFactory(worker=caseworker.user, person=PersonFactory(family_name="青木", given_name="陽向"))
    plan = SupportPlanFactory(case=case, review_on=today + datetime.timedelta(days=20))
    from consultations import services

    services.support_plan_activate(plan=plan)
    multi = MeetingFactory(kind=Meeting.Kind.MULTI_LAYERED, held_at=_at(today + datetime.timedelta(days=10)))
    support = MeetingFactory(kind=Meeting.Kind.SUPPORT, held_at=_at(today + datetime.timedelta(days=12)))
    page.set_default_timeout(10000)
    log_in(page, base_url, caseworker)

    page.goto(f"{base_url}/admin/consultations/meeting/{multi.pk}/change/")
    page.get_by_role("button", name="議題を作る").click()
    expect(page.locator(".messagelist")).to_contain_text("本人同意がないため加えていません")
    refused = page.locator(".meeting-refused")
    expect(refused).to_contain_text(case.reference)
    expect(refused.locator(".refusal-reason")).to_have_text("青木 陽向さんの本人同意の記録がありません。")
    assert_accessible(page)
    assert not MeetingCaseReview.objects.filter(meeting=multi).exists()

    # Trying by hand from the case page gives the same reason and the way forward.
    page.goto(f"{base_url}/admin/consultations/case/{case.pk}/change/")
    expect(page.locator(".case-hub")).to_contain_text("有効な本人同意がありません")
    page.get_by_role("link", name="会議の議題に入れる").click()
    page.locator("#id_meeting").select_option(str(multi.pk))
    page.get_by_role("button", name="保存", exact=True).click()
    expect(page.locator(".errorlist")).to_contain_text("本人同意の記録がありません")
    expect(page.locator(".errorlist")).to_contain_text("支援会議")
    assert_accessible(page)
    page.locator(".errorlist").get_by_role("link", name=re.compile("の支援会議に加える")).click()
    page.get_by_role("button", name="保存", exact=True).click()
    expect(page).to_have_url(re.compile(f"/admin/consultations/case/{case.pk}/change/"))
    assert MeetingCaseReview.objects.get().meeting == support
