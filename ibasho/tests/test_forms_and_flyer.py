import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ibasho.forms import BookingForm, SeasonForm

from .factories import GatheringFactory, VenueFactory

pytestmark = pytest.mark.django_db


def _data(**overrides):
    data = {
        "name": " しおり ",
        "name_kana": "ｼｵﾘ",
        "email": "Shiori@Example.JP",
        "phone": "０９０ー１２３４ー５６７８",
        "age_confirmed": "on",
        "first_time": "no",
        "needs": "",
        "agreed_to_rules": "on",
    }
    data.update(overrides)
    return data


def test_booking_form_normalises_japanese_input():
    form = BookingForm(_data(), gathering=GatheringFactory())
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "しおり"
    assert form.cleaned_data["name_kana"] == "シオリ"
    assert form.cleaned_data["email"] == "shiori@example.jp"
    assert form.cleaned_data["phone"] == "090-1234-5678"
    assert form.cleaned_data["first_time"] is False


def test_booking_form_age_label_follows_the_gathering():
    form = BookingForm(gathering=GatheringFactory(min_age=20, max_age=39))
    assert form.fields["age_confirmed"].label == "20歳から39歳です"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"email": "", "phone": ""}, "email"),
        ({"email": "not-an-email"}, "email"),
        ({"phone": "123"}, "phone"),
        ({"name_kana": "shiori"}, "name_kana"),
        ({"age_confirmed": ""}, "age_confirmed"),
        ({"agreed_to_rules": ""}, "agreed_to_rules"),
        ({"first_time": "maybe"}, "first_time"),
        ({"name": "   "}, "name"),
        ({"needs": "あ" * 1001}, "needs"),
    ],
)
def test_booking_form_rules(overrides, field):
    form = BookingForm(_data(**overrides), gathering=GatheringFactory())
    assert not form.is_valid()
    assert field in form.errors


def test_booking_form_honeypot():
    form = BookingForm(_data(website="spam"), gathering=GatheringFactory())
    assert form.is_valid()
    assert form.honeypot_tripped()


def test_season_form_end_after_start():
    venue = VenueFactory()
    form = SeasonForm(
        {
            "first_venue": venue.pk,
            "start_month": "2027-01-01",
            "months": 3,
            "weekday": 3,
            "week": 3,
            "start_time": "16:00",
            "end_time": "14:00",
            "capacity": 10,
            "title": "スペース栞",
        }
    )
    assert not form.is_valid()
    assert "end_time" in form.errors


def test_flyer_must_be_a_pdf_and_shows_on_the_page(resident):
    gathering = GatheringFactory()
    gathering.flyer = SimpleUploadedFile("flyer.docx", b"not a pdf")
    with pytest.raises(ValidationError) as excinfo:
        gathering.full_clean()
    assert "flyer" in excinfo.value.message_dict
    gathering.flyer = SimpleUploadedFile("flyer.pdf", b"%PDF-1.4 demo", content_type="application/pdf")
    gathering.full_clean()
    gathering.save()
    html = resident.get(gathering.get_absolute_url()).content.decode()
    assert f'href="/ibasho/{gathering.pk}/flyer.pdf"' in html
    assert gathering.flyer.url not in html  # nothing serves MEDIA_URL in production
    assert "チラシ(PDF)" in html


def test_gathering_age_range_and_times_are_checked():
    with pytest.raises(ValidationError):
        GatheringFactory.build(venue=VenueFactory(), min_age=65, max_age=18).full_clean()
