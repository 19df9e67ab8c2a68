import datetime
import io
import logging

from gunicorn.config import Config

from welfare_portal.gunicorn_logging import PrivacyLogger, mask


def test_booking_tokens_are_masked_in_paths():
    assert (
        mask("GET /ibasho/booking/AbC123-_xyz/cancel/ HTTP/1.1") == "GET /ibasho/booking/***/cancel/ HTTP/1.1"
    )
    assert mask("/ibasho/3/") == "/ibasho/3/"


class _Response:
    status = "200 OK"
    headers = []
    sent = 10
    response_length = 10


class _Request:
    headers = []
    method = "GET"
    path = "/ibasho/booking/SeCrEtToKeN/"
    query = ""
    version = (1, 1)
    uri = "/ibasho/booking/SeCrEtToKeN/"


def test_the_access_log_line_has_no_token():
    config = Config()
    config.set("accesslog", "-")
    logger = PrivacyLogger(config)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger.access_log.handlers = [handler]
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/ibasho/booking/SeCrEtToKeN/",
        "PATH_INFO": "/ibasho/booking/SeCrEtToKeN/",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
    }
    logger.access(_Response(), _Request(), environ, datetime.timedelta(seconds=0.01))
    line = stream.getvalue()
    assert "/ibasho/booking/***/" in line
    assert "SeCrEtToKeN" not in line


def test_staff_search_queries_are_masked():
    line = "GET /admin/consultations/person/?q=%E5%B1%B1%E7%94%B0&o=1 HTTP/1.1"
    assert mask(line) == "GET /admin/consultations/person/?*** HTTP/1.1"
    assert mask("/staff/food/?term=09012345678") == "/staff/food/?***"
    # Public filters are not personal and stay readable.
    assert mask("/participation/?setting=outdoor") == "/participation/?setting=outdoor"


def test_django_log_lines_mask_booking_tokens(client, caplog, capsys):
    """django.request's own "Not Found: …" line goes through the console handler's mask."""
    import logging

    from welfare_portal.log_privacy import MaskSecretsFilter

    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Not Found: %s",
        ("/ibasho/booking/abcSECRET123/",),
        None,
    )
    MaskSecretsFilter().filter(record)
    assert record.getMessage() == "Not Found: /ibasho/booking/***/"


def test_the_console_mail_backend_masks_booking_links(settings):
    import io

    from django.core.mail import EmailMessage

    from welfare_portal.log_privacy import MaskingConsoleEmailBackend

    stream = io.StringIO()
    backend = MaskingConsoleEmailBackend(stream=stream)
    backend.send_messages(
        [
            EmailMessage(
                "予約",
                "予約の確認: https://example.jp/ibasho/booking/SECRETtoken42/ です",
                to=["a@example.jp"],
            )
        ]
    )
    import base64
    import re

    printed = stream.getvalue()
    decoded = "".join(
        base64.b64decode(chunk).decode("utf-8", "ignore")
        for chunk in re.findall(r"^([A-Za-z0-9+/=]{20,})$", printed, re.M)
    )
    assert "SECRETtoken42" not in printed and "SECRETtoken42" not in decoded
    assert "/ibasho/booking/***/" in printed + decoded
