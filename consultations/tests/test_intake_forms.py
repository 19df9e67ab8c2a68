"""Every validation rule and normalisation on the two public forms, in the Japanese the resident sees."""

import pytest

from consultations.forms import ConcernReportForm, ConsultationRequestForm
from consultations.models import Topic

pytestmark = pytest.mark.django_db


def _request_data(**overrides):
    data = {
        "submission_token": "token-1",
        "requester": "self",
        "name": "山田 花子",
        "name_kana": "やまだ はなこ",
        "contact_method": "phone",
        "phone": "042-373-5616",
        "contact_times": "",
        "email": "",
        "age_range": "30s",
        "topics": [Topic.objects.get(code="housing").pk],
        "details": "家賃のことで相談したいです。",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _concern_data(**overrides):
    data = {
        "submission_token": "token-2",
        "location": "関戸4丁目の団地",
        "subject_name": "",
        "subject_description": "一人暮らしの高齢の男性",
        "subject_age_range": "70_plus",
        "observations": "郵便物がたまっています。",
        "urgency": "soon",
        "reporter_type": "neighbour",
        "reporter_name": "",
        "reporter_phone": "",
        "reporter_email": "",
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_valid_request_is_normalised():
    form = ConsultationRequestForm(
        _request_data(
            name="山田　　花子 ",
            name_kana="ﾔﾏﾀﾞ　はなこ",
            phone="０４２ー３７３ー５６１６",
            email="",
            details="  一行目　\r\n二行目  ",
        )
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "山田 花子"
    assert form.cleaned_data["name_kana"] == "ヤマダ ハナコ"
    assert form.cleaned_data["phone"] == "042-373-5616"
    assert form.cleaned_data["details"] == "一行目\n二行目"


def test_full_width_email_is_folded():
    form = ConsultationRequestForm(
        _request_data(contact_method="email", phone="", email="ｈａｎａｋｏ＠example.jp")
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["email"] == "hanako@example.jp"


def test_anonymous_request_without_name_is_allowed():
    form = ConsultationRequestForm(_request_data(name="", name_kana="", contact_method="no_call", phone=""))
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"requester": None}, "requester", "この項目は入力が必要です。"),
        ({"contact_method": None}, "contact_method", "この項目は入力が必要です。"),
        ({"topics": None}, "topics", "1つ以上選んでください。"),
        ({"consent": None}, "consent", "個人情報の取り扱いをお読みのうえ"),
        ({"name_kana": "yamada"}, "name_kana", "ひらがなかカタカナ"),
        ({"phone": "12345"}, "phone", "042-373-5616"),
        ({"phone": ""}, "phone", "電話番号を入力してください"),
        ({"contact_method": "email", "phone": ""}, "email", "メールアドレスを入力してください"),
        ({"contact_method": "email", "email": "not-an-email"}, "email", "有効なメールアドレス"),
        ({"contact_method": "email", "email": "a" * 250 + "@example.jp"}, "email", "254"),
        ({"age_range": "teen"}, "age_range", "正しく選択してください"),
        ({"requester": "robot"}, "requester", "正しく選択してください"),
        ({"details": "あ" * 4001}, "details", "4000"),
    ],
)
def test_request_rules_give_japanese_messages_beside_the_field(overrides, field, message):
    form = ConsultationRequestForm(_request_data(**overrides))
    assert not form.is_valid()
    assert list(form.errors) == [field]
    assert message in " ".join(form.errors[field])


def test_a_bad_field_keeps_everything_else_typed():
    form = ConsultationRequestForm(_request_data(phone="0120"))
    assert not form.is_valid()
    html = form.as_div()
    assert 'value="山田 花子"' in html
    assert "家賃のことで相談したいです。" in html


def test_honeypot_is_noticed():
    assert ConsultationRequestForm(_request_data(website="http://spam.example")).honeypot_tripped()
    assert not ConsultationRequestForm(_request_data()).honeypot_tripped()


def test_anonymous_concern_report_needs_nothing_about_the_reporter():
    form = ConcernReportForm(_concern_data(reporter_type=None))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["reporter_type"] == ""


def test_valid_concern_report_is_normalised():
    form = ConcernReportForm(
        _concern_data(reporter_phone="０９０－１２３４－５６７８", location="関戸４丁目　団地")
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["reporter_phone"] == "090-1234-5678"
    assert form.cleaned_data["location"] == "関戸4丁目 団地"
    assert "website" not in form.model_fields()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"location": ""}, "location", "この項目は入力が必要です。"),
        ({"observations": "  "}, "observations", "この項目は入力が必要です。"),
        ({"urgency": None}, "urgency", "この項目は入力が必要です。"),
        ({"reporter_type": "robot"}, "reporter_type", "正しく選択してください"),
        ({"reporter_phone": "03-12"}, "reporter_phone", "042-373-5616"),
        ({"reporter_email": "a@"}, "reporter_email", "有効なメールアドレス"),
    ],
)
def test_concern_rules_give_japanese_messages(overrides, field, message):
    form = ConcernReportForm(_concern_data(**overrides))
    assert not form.is_valid()
    assert list(form.errors) == [field]
    assert message in " ".join(form.errors[field])


def test_postal_codes_are_normalised_on_both_forms():
    form = ConsultationRequestForm(data=_request_data(postal_code="〒２０６ー００１１"))
    assert form.is_valid(), form.errors
    assert form.model_fields()["postal_code"] == "206-0011"
    form = ConcernReportForm(data=_concern_data(location_postal_code="2060011"))
    assert form.is_valid(), form.errors
    assert form.model_fields()["location_postal_code"] == "206-0011"


def test_a_bad_postal_code_is_explained_beside_the_field_and_the_rest_kept():
    form = ConcernReportForm(data=_concern_data(location_postal_code="206-001"))
    assert not form.is_valid()
    assert "7桁" in form.errors["location_postal_code"][0]
    assert form["observations"].value() == _concern_data()["observations"]
    form = ConsultationRequestForm(data=_request_data(postal_code="abc"))
    assert not form.is_valid()
    assert "郵便番号" in form.errors["postal_code"][0]
