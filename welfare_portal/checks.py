from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", ""}


def site_url_is_local():
    return urlsplit(settings.SITE_URL).hostname in LOCAL_HOSTS or urlsplit(settings.SITE_URL).hostname is None


@register(Tags.security, deploy=True)
def check_site_url(app_configs, **kwargs):
    """Emails and QR codes carry SITE_URL: in production it must be the public https address."""
    parts = urlsplit(settings.SITE_URL)
    if parts.scheme != "https" or site_url_is_local():
        return [
            Warning(
                f"SITE_URL is {settings.SITE_URL!r}: links in emails and QR codes would not reach residents.",
                hint="Set SITE_URL to the portal's public address, e.g. https://portal.example.jp",
                id="welfare_portal.W001",
            )
        ]
    return []
