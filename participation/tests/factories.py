import factory

from consultations.tests.factories import PersonFactory
from participation.models import Activity, Contact, HostOrganization, Interest, Pace, Participant, Setting


class InterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interest
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"興味{n}")


class HostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HostOrganization

    name = factory.Sequence(lambda n: f"受入先{n}")


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"活動{n}")
    summary = "お手伝いの内容"
    host = factory.SubFactory(HostFactory)
    setting = Setting.INDOOR
    pace = Pace.MONTHLY
    contact = Contact.ALONE

    @factory.post_generation
    def interests(self, create, extracted, **kwargs):
        if create and extracted:
            self.interests.set(extracted)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    preferred_pace = Pace.WEEKLY
    contact_comfort = Contact.PEOPLE

    @factory.post_generation
    def interests(self, create, extracted, **kwargs):
        if create and extracted:
            self.interests.set(extracted)
