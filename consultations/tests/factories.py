import datetime

import factory
from django.utils import timezone

from consultations.models import (
    Agency,
    Area,
    Assessment,
    Case,
    CommunityMeeting,
    CommunityNeed,
    ConcernReport,
    Consent,
    ConsultationRequest,
    ContactLog,
    Household,
    Meeting,
    Person,
    Referral,
    SupportPlan,
)


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    name = factory.Sequence(lambda n: f"世帯{n}")
    address = "東京都多摩市関戸4-72"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    family_name = factory.Sequence(lambda n: f"山田{n}")
    given_name = "花子"
    family_name_kana = "ヤマダ"
    given_name_kana = "ハナコ"
    birth_date = datetime.date(1980, 4, 1)


class ConsultationRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsultationRequest

    reference = factory.Sequence(lambda n: f"R-TEST-{n:05d}")
    submission_token = factory.Sequence(lambda n: f"token-request-{n}")
    requester = ConsultationRequest.Requester.SELF
    name = "山田 花子"
    name_kana = "ヤマダ ハナコ"
    contact_method = ConsultationRequest.ContactMethod.PHONE
    phone = "042-373-5616"
    details = "家賃が払えなくなりそうです。"
    consent = True


class ConcernReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConcernReport

    reference = factory.Sequence(lambda n: f"N-TEST-{n:05d}")
    submission_token = factory.Sequence(lambda n: f"token-concern-{n}")
    location = "関戸4丁目の団地"
    subject_name = "佐藤 一郎"
    observations = "郵便物がたまっています。"
    urgency = ConcernReport.Urgency.SOON
    reporter_type = ConcernReport.Reporter.NEIGHBOUR


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    reference = factory.Sequence(lambda n: f"K-TEST-{n:05d}")
    person = factory.SubFactory(PersonFactory)
    channel = Case.Channel.PHONE
    opened_on = factory.LazyFunction(timezone.localdate)


class ContactLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactLog

    case = factory.SubFactory(CaseFactory)
    method = ContactLog.Method.PHONE
    participants = "本人"
    summary = "電話で状況を伺った。"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"地域包括支援センター{n}")
    kind = Agency.Kind.COMMUNITY_CARE


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    case = factory.SubFactory(CaseFactory)
    agency = factory.SubFactory(AgencyFactory)
    reason = "介護保険の申請"


class SupportPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportPlan

    case = factory.SubFactory(CaseFactory)
    version = 1
    overall_goal = "安心して暮らせる住まいを確保する"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    kind = Meeting.Kind.MULTI_LAYERED
    held_at = factory.LazyFunction(timezone.now)
    attendees = "地域包括支援センター、自立相談支援機関"


class ConsentFactory(factory.django.DjangoModelFactory):
    """A written consent covering every kind of agency, from a year ago, with no end."""

    class Meta:
        model = Consent

    person = factory.SubFactory(PersonFactory)
    given_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=365))
    method = Consent.Method.WRITTEN
    agency_kinds = factory.LazyFunction(lambda: list(Agency.Kind.values))


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    case = factory.SubFactory(CaseFactory)
    assessed_on = factory.LazyFunction(timezone.localdate)
    summary = "生活全体を見た。"


class AreaFactory(factory.django.DjangoModelFactory):
    """The whole area by default; pass parent= and layer= for a district or neighbourhood."""

    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"地区{n}")
    layer = Area.Layer.CITY


class CommunityMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunityMeeting

    area = factory.SubFactory(AreaFactory)
    title = factory.Sequence(lambda n: f"支え合い会議{n}")
    held_on = factory.LazyFunction(timezone.localdate)
    topics = "買い物と見守り"


class CommunityNeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunityNeed

    area = factory.SubFactory(AreaFactory)
    title = factory.Sequence(lambda n: f"地域課題{n}")
