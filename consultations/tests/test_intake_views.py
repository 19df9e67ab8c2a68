"""The public forms end to end through the Django test client."""

import pytest
from django.core import mail
from django.urls import reverse

from consultations import services
from consultations.models import ConcernReport, ConsultationRequest, IntakeStatus, Topic

pytestmark = pytest.mark.django_db

REQUEST_URL = reverse("consultations:request-create")
CONCERN_URL = reverse("consultations:concern-create")


def _request_post(**overrides):
    data = {
        "submission_token": "tok-abc",
        "requester": "family",
        "name": "山田 花子",
        "name_kana": "やまだ はなこ",
        "contact_method": "email",
        "email": "hanako@example.jp",
        "phone": "",
        "age_range": "50s",
        "topics": [Topic.objects.get(code="isolation").pk, Topic.objects.get(code="family_care").pk],
        "details": "息子が部屋から出てきません。",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def _concern_post(**overrides):
    data = {
        "submission_token": "tok-concern",
        "location": "関戸4丁目の団地",
        "observations": "郵便物がたまっています。",
        "urgency": "urgent",
        "reporter_type": "minsei_iin",
        "reporter_email": "",
        "website": "",
    }
    data.update(overrides)
    return data


def test_form_page_shows_the_urgent_phone_number_and_a_fresh_token(resident, settings):
    response = resident.get(REQUEST_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "オンライン相談のお申込み" in html
    assert settings.COUNCIL["phone"] in html
    assert 'name="submission_token"' in html
    assert 'name="website"' in html  # the honeypot
    assert "data-submit-once" in html


def test_request_is_saved_and_the_reference_shown_without_personal_data_in_the_url(resident):
    response = resident.post(REQUEST_URL, _request_post())
    assert response.status_code == 302
    assert response["Location"] == reverse("consultations:request-done")
    request = ConsultationRequest.objects.get()
    assert request.status == IntakeStatus.NEW
    assert request.name_kana == "ヤマダ ハナコ"
    assert {t.code for t in request.topics.all()} == {"isolation", "family_care"}
    # The keyed hash of the sender's address is stored, never the address.
    assert request.client_hash == services.client_hash("127.0.0.1")
    done = resident.get(response["Location"])
    html = done.content.decode()
    assert request.reference in html
    assert "受付番号" in html
    assert "このあとの流れ" in html


def test_acknowledgement_email_has_the_reference_and_no_details(resident, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        resident.post(REQUEST_URL, _request_post())
    request = ConsultationRequest.objects.get()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hanako@example.jp"]
    assert request.reference in message.subject
    assert request.reference in message.body
    assert "息子" not in message.body


def test_no_email_when_no_address_was_given(resident, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        resident.post(REQUEST_URL, _request_post(contact_method="phone", email="", phone="042-373-5616"))
    assert ConsultationRequest.objects.count() == 1
    assert mail.outbox == []


def test_pressing_send_twice_makes_one_record_and_the_same_reference(resident):
    first = resident.post(REQUEST_URL, _request_post())
    second = resident.post(REQUEST_URL, _request_post())
    assert first.status_code == second.status_code == 302
    assert ConsultationRequest.objects.count() == 1
    reference = ConsultationRequest.objects.get().reference
    assert reference in resident.get(second["Location"]).content.decode()


def test_a_mistake_shows_a_japanese_message_and_keeps_what_was_typed(resident):
    response = resident.post(REQUEST_URL, _request_post(contact_method="phone", phone="042-373"))
    html = response.content.decode()
    assert response.status_code == 200
    assert ConsultationRequest.objects.count() == 0
    assert "確認していただきたい項目があります" in html
    assert "0から始まる10桁か11桁" in html
    assert 'value="山田 花子"' in html
    assert "息子が部屋から出てきません。" in html


def test_honeypot_saves_nothing_but_looks_like_success(resident):
    response = resident.post(REQUEST_URL, _request_post(website="http://spam.example"))
    assert response.status_code == 200
    assert "受け付けました" in response.content.decode()
    assert ConsultationRequest.objects.count() == 0


def test_rate_limit_per_address_across_both_forms(resident):
    for n in range(services.RATE_LIMIT):
        response = resident.post(REQUEST_URL, _request_post(submission_token=f"t{n}"))
        assert response.status_code == 302
    response = resident.post(CONCERN_URL, _concern_post(submission_token="one-more"))
    assert response.status_code == 200
    assert "しばらく時間をおいて" in response.content.decode()
    assert ConsultationRequest.objects.count() == services.RATE_LIMIT
    assert ConcernReport.objects.count() == 0
    # Another address is not affected.
    other = resident.post(CONCERN_URL, _concern_post(submission_token="other"), REMOTE_ADDR="192.0.2.10")
    assert other.status_code == 302


def test_done_page_without_a_submission_goes_back_to_the_form(resident):
    response = resident.get(reverse("consultations:request-done"))
    assert response.status_code == 302
    assert response["Location"] == REQUEST_URL
    response = resident.get(reverse("consultations:concern-done"))
    assert response["Location"] == CONCERN_URL


def test_concern_report_is_saved_with_its_own_reference(resident):
    page = resident.get(CONCERN_URL)
    assert "ほっとけないシート" in page.content.decode()
    response = resident.post(CONCERN_URL, _concern_post())
    assert response.status_code == 302
    report = ConcernReport.objects.get()
    assert report.reference.startswith("N-")
    assert report.urgency == ConcernReport.Urgency.URGENT
    html = resident.get(response["Location"]).content.decode()
    assert report.reference in html
    assert "どなたからのお知らせかを、ご本人に伝えることはありません" in html
    # The request done page does not show the concern report's reference.
    assert resident.get(reverse("consultations:request-done")).status_code == 302


def test_database_failure_tells_the_resident(resident, monkeypatch):
    from django.db import DatabaseError

    def broken(**kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(services, "consultation_request_create", broken)
    response = resident.post(REQUEST_URL, _request_post())
    html = response.content.decode()
    assert response.status_code == 200
    assert "保存できませんでした" in html
    assert 'value="山田 花子"' in html


def test_rate_limit_behind_a_load_balancer_uses_the_forwarded_address(resident, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(services.RATE_LIMIT):
        # The client may put anything on the left; only the address the proxy added counts.
        response = resident.post(
            REQUEST_URL,
            _request_post(submission_token=f"p{n}"),
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.7",
        )
        assert response.status_code == 302
    blocked = resident.post(
        REQUEST_URL,
        _request_post(submission_token="p-last"),
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert blocked.status_code == 200
    other = resident.post(
        REQUEST_URL,
        _request_post(submission_token="p-other"),
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.8",
    )
    assert other.status_code == 302


def test_concern_reporter_gets_an_acknowledgement_that_fits(resident, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        resident.post(CONCERN_URL, _concern_post(reporter_email="minsei@example.jp"))
    report = ConcernReport.objects.get()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["minsei@example.jp"]
    assert report.reference in mail.outbox[0].body
    assert "どなたからのお知らせかを、ご本人に伝えることはありません" in mail.outbox[0].body
    assert "郵便物" not in mail.outbox[0].body
