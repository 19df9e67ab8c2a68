"""Addresses nobody means (a NUL byte) get a 400, never a 500, public or staff."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/ibasho/booking/%00/",
        "/ibasho/booking/abc%00def/cancel/",
        "/consultation/?x=%00",
        "/admin/consultations/person/?q=%00",
        "/admin/consultations/case/?status__exact=%00",
        "/admin/autocomplete/?app_label=ibasho&model_name=booking&field_name=person&term=%00",
    ],
)
def test_nul_bytes_answer_400(caseworker, path):
    response = caseworker.get(path)
    assert response.status_code == 400
    assert "このリクエストは処理できませんでした" in response.content.decode()
