"""「参加してみたい」: the public form on each activity, with the project's public-form protections."""

import pytest
from django.urls import reverse

from participation.models import Enquiry

from .factories import ActivityFactory

pytestmark = pytest.mark.django_db


def _post(client, activity, **overrides):
    page = client.get(reverse("participation:activity-detail", args=[activity.pk]))
    token = page.context["form"].initial["submission_token"]
    data = {
        "submission_token": token,
        "website": "",
        "name": "やまだ",
        "name_kana": "やまだ",
        "contact_method": "phone",
        "phone": "０９０ー１２３４ー５６７８",
        "contact_times": "平日の午後",
        "wants_company": "on",
        "message": "見学だけでもいいですか。",
        "consent": "on",
        **overrides,
    }
    return client.post(reverse("participation:activity-detail", args=[activity.pk]), data)


def test_interest_reaches_the_queue_and_the_reference_is_shown_without_personal_data_in_the_url(resident):
    activity = ActivityFactory(title="花壇の手入れ")
    response = _post(resident, activity)
    assert response.status_code == 302
    assert response["Location"] == reverse("participation:enquiry-done")
    enquiry = Enquiry.objects.get()
    assert (enquiry.activity, enquiry.status, enquiry.phone, enquiry.name_kana) == (
        activity,
        Enquiry.Status.NEW,
        "090-1234-5678",
        "ヤマダ",
    )
    assert enquiry.wants_company and enquiry.client_hash
    done = resident.get(response["Location"]).content.decode()
    assert enquiry.reference in done and "見学" in done


def test_a_double_press_saves_one_message(resident):
    activity = ActivityFactory()
    page = resident.get(reverse("participation:activity-detail", args=[activity.pk]))
    token = page.context["form"].initial["submission_token"]
    for _ in range(2):
        _post(resident, activity, submission_token=token)
    assert Enquiry.objects.count() == 1


def test_the_honeypot_looks_like_success_and_saves_nothing(resident):
    response = _post(resident, ActivityFactory(), website="http://spam.example")
    assert response.status_code == 302
    assert not Enquiry.objects.exists()
    assert "受付番号" not in resident.get(response["Location"]).content.decode()


def test_the_per_address_limit_of_the_public_forms_applies(resident):
    activity = ActivityFactory()
    for _ in range(5):
        assert _post(resident, activity).status_code == 302
    response = _post(resident, activity, name="もう一度")
    assert response.status_code == 400
    assert "しばらく" in response.content.decode()
    assert Enquiry.objects.count() == 5
    assert 'value="もう一度"' in response.content.decode()


def test_a_reply_by_phone_needs_a_phone_number_and_nothing_typed_is_lost(resident):
    response = _post(resident, ActivityFactory(), phone="", message="日曜は無理です")
    html = response.content.decode()
    assert response.status_code == 400
    assert "電話番号を入力してください" in html
    assert "日曜は無理です" in html
    assert not Enquiry.objects.exists()


def test_consent_is_required(resident):
    response = _post(resident, ActivityFactory(), consent="")
    assert response.status_code == 400
    assert "同意" in response.content.decode()
    assert not Enquiry.objects.exists()


def test_unpublished_activities_have_no_public_page(resident):
    activity = ActivityFactory(is_published=False)
    assert resident.get(reverse("participation:activity-detail", args=[activity.pk])).status_code == 404


def test_the_database_refuses_a_message_without_consent_or_a_way_to_reply():
    from django.db import IntegrityError, transaction

    from .factories import EnquiryFactory

    enquiry = EnquiryFactory()
    for change in ({"consent": False}, {"phone": ""}, {"status": "linked"}, {"status": "closed"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Enquiry.objects.filter(pk=enquiry.pk).update(**change)
