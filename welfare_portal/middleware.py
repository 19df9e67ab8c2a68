from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import add_never_cache_headers

HEALTH_CHECK_PATH = "/healthz"


class HealthCheckMiddleware:
    """Answer /healthz before host checks and the HTTPS redirect.

    A load balancer asks each app server directly, over plain HTTP and often
    with the server's IP address as the host, so the check must not depend on
    ALLOWED_HOSTS or SECURE_SSL_REDIRECT. 200 when the database answers, 503
    when not. Placed first in MIDDLEWARE.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != HEALTH_CHECK_PATH or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except DatabaseError:
            response = JsonResponse({"status": "error", "database": "unreachable"}, status=503)
        else:
            response = JsonResponse({"status": "ok", "database": "ok"})
        add_never_cache_headers(response)
        return response


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Japanese unless the reader picked another language with the switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a
    phone set to English would get English pages nobody asked for; here only
    the language cookie that the switch sets counts.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
