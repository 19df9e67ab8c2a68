import datetime

import factory

from consultations.models import Household, Person
from food_support.models import Distribution, FoodApplication, FoodRegistration, PickupPlace, RosterEntry


class PickupPlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PickupPlace
        django_get_or_create = ["name"]

    name = "ヴィータ・コミューネ"
    address = "東京都多摩市関戸4-72"


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    name = factory.Sequence(lambda n: f"世帯{n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    family_name = "山田"
    given_name = factory.Sequence(lambda n: f"太郎{n}")
    family_name_kana = "ヤマダ"
    given_name_kana = "タロウ"
    household = factory.SubFactory(HouseholdFactory)


class FoodApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FoodApplication

    family_name = "佐藤"
    given_name = "花子"
    family_name_kana = "サトウ"
    given_name_kana = "ハナコ"
    age = 28
    adults = 1
    children = 1
    allergies = "卵"
    preferred_place = factory.SubFactory(PickupPlaceFactory)
    phone = "090-1111-2222"
    address = "東京都多摩市関戸1-1"
    consent = True


class FoodRegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FoodRegistration

    person = factory.SubFactory(PersonFactory)
    household = factory.SelfAttribute("person.household")
    adults = 1
    children = 0
    pickup_place = factory.SubFactory(PickupPlaceFactory)
    status = FoodRegistration.Status.ACTIVE
    registered_on = datetime.date(2026, 4, 1)
    review_due_on = factory.LazyAttribute(lambda o: o.registered_on + datetime.timedelta(days=365))


class DistributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Distribution

    place = factory.SubFactory(PickupPlaceFactory)
    date = datetime.date(2026, 12, 12)
    month = factory.LazyAttribute(lambda o: o.date.replace(day=1))
    starts_at = datetime.time(10, 0)
    ends_at = datetime.time(12, 0)


class RosterEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RosterEntry

    distribution = factory.SubFactory(DistributionFactory)
    registration = factory.SubFactory(
        FoodRegistrationFactory, pickup_place=factory.SelfAttribute("..distribution.place")
    )
    adults = factory.SelfAttribute("registration.adults")
    children = factory.SelfAttribute("registration.children")
    parcel_size = "S"
