import datetime

import factory
from django.utils import timezone

from ibasho.models import Booking, Gathering, Venue


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"会場{n}")
    address = "多摩市落合2-35"
    room = "2階 活動室"


class GatheringFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gathering

    venue = factory.SubFactory(VenueFactory)
    date = factory.Sequence(lambda n: timezone.localdate() + datetime.timedelta(days=14 + n))
    start_time = datetime.time(14, 0)
    end_time = datetime.time(16, 0)
    capacity = 10
    status = Gathering.Status.PUBLISHED
    rules = "お互いを大切にしましょう。"


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    gathering = factory.SubFactory(GatheringFactory)
    name = factory.Sequence(lambda n: f"参加者{n}")
    name_kana = "サンカシャ"
    email = factory.Sequence(lambda n: f"person{n}@example.jp")
    phone = ""
    phone_key = ""
    agreed_to_rules = True
    status = Booking.Status.CONFIRMED
