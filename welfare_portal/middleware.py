import time

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import SuspiciousOperation
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from . import two_factor

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


STAFF_PATH_PREFIXES = ("/admin/", "/staff/")


def is_staff_path(path):
    return path.startswith(STAFF_PATH_PREFIXES)


class StaffSessionMiddleware:
    """Staff sessions end after STAFF_IDLE_MINUTES without activity, and a working day after sign-in.

    Django's session expiry moves forward whenever the session is saved, so it
    cannot be the absolute limit by itself: the sign-in time is kept in the
    session and checked here. Activity is written at most once a minute (a
    session write costs a query). static/js/staff-session.js warns before the
    idle limit and counts typing as activity, so a long note is not lost.
    """

    TOUCH_EVERY_SECONDS = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_staff_path(request.path) and request.user.is_authenticated and request.user.is_staff:
            ended = self._ended(request)
            if ended is not None:
                return ended
        return self.get_response(request)

    def _ended(self, request):
        now = time.time()
        session = request.session
        signed_in_at = session.get(SIGNED_IN_AT_KEY)
        last_seen = session.get(LAST_SEEN_KEY)
        if last_seen is not None and now - last_seen > settings.STAFF_IDLE_MINUTES * 60:
            reason = _("You were signed out because nothing was done for %(minutes)d minutes.") % {
                "minutes": settings.STAFF_IDLE_MINUTES
            }
        elif signed_in_at is not None and now - signed_in_at > settings.SESSION_COOKIE_AGE:
            reason = _("You were signed out because %(hours)d hours have passed since you signed in.") % {
                "hours": settings.SESSION_COOKIE_AGE // 3600
            }
        else:
            if signed_in_at is None:
                session[SIGNED_IN_AT_KEY] = now
            if last_seen is None or now - last_seen >= self.TOUCH_EVERY_SECONDS:
                session[LAST_SEEN_KEY] = now
            return None
        auth.logout(request)
        messages.warning(request, reason)
        back_to = request.get_full_path() if request.method == "GET" else reverse("staff-home")
        return redirect_to_login(back_to)


SIGNED_IN_AT_KEY = "staff_signed_in_at"
LAST_SEEN_KEY = "staff_last_seen"


class StaffTwoFactorMiddleware:
    """Staff who need a second factor reach no staff page until they give it.

    Signed in with a password only, they are sent to the code page (or, with no
    device yet, to enrolment); those pages, logging out and the admin's
    translations are the only staff pages open to them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_staff_path(request.path) and request.path not in self._open_paths():
            user = request.user
            if user.is_authenticated and user.is_staff and not two_factor.is_satisfied(user):
                target = "two-factor-verify" if two_factor.has_device(user) else "two-factor-setup"
                return redirect_to_login(request.get_full_path(), reverse(target))
        return self.get_response(request)

    @staticmethod
    def _open_paths():
        return {
            reverse("two-factor-verify"),
            reverse("two-factor-setup"),
            reverse("staff-session-keepalive"),
            reverse("admin:logout"),
            reverse("admin:jsi18n"),
        }


class StaffNoStoreMiddleware:
    """Staff pages and files (records, rosters, exports) are never kept by a browser or proxy cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_staff_path(request.path):
            add_never_cache_headers(response)
        return response


class RejectNulMiddleware:
    """No one means a NUL byte in an address: 400 before it reaches a query.

    PostgreSQL refuses NUL in text, so /ibasho/booking/%00/ or ?q=%00 in an
    admin search would otherwise end in a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            raise SuspiciousOperation("NUL byte in the request address")
        return self.get_response(request)
