import datetime

import factory
from django.utils import timezone

from consultations.tests.factories import PersonFactory
from participation.models import (
    Activity,
    Contact,
    District,
    Enquiry,
    HostOrganization,
    Interest,
    Load,
    Pace,
    Participant,
    Setting,
)


class InterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interest
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"興味{n}")


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"地区{n}")


class HostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HostOrganization

    name = factory.Sequence(lambda n: f"受入先{n}")


class ActivityFactory(factory.django.DjangoModelFactory):
    """A gentle activity: indoors, light, alone, monthly, any day, no limit on places."""

    class Meta:
        model = Activity
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"活動{n}")
    summary = "お手伝いの内容"
    host = factory.SubFactory(HostFactory)
    setting = Setting.INDOOR
    pace = Pace.MONTHLY
    contact = Contact.ALONE
    load = Load.LIGHT

    @factory.post_generation
    def interests(self, create, extracted, **kwargs):
        if create and extracted:
            self.interests.set(extracted)


class ParticipantFactory(factory.django.DjangoModelFactory):
    """Someone comfortable with everything: weekly, meeting people, heavy work, any day."""

    class Meta:
        model = Participant
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    preferred_pace = Pace.WEEKLY
    contact_comfort = Contact.PEOPLE
    max_load = Load.HEAVY

    @factory.post_generation
    def interests(self, create, extracted, **kwargs):
        if create and extracted:
            self.interests.set(extracted)


class EnquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enquiry

    submission_token = factory.Sequence(lambda n: f"token-{n}")
    activity = factory.SubFactory(ActivityFactory)
    name = "山田 花子"
    name_kana = "ヤマダ ハナコ"
    contact_method = Enquiry.ContactMethod.PHONE
    phone = "090-1234-5678"
    consent = True
    submitted_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
