from django.conf import settings
from django.contrib import admin
from django.http import HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .text_size import COOKIE_NAME, is_valid_text_size


def home(request):
    return render(request, "welfare_portal/home.html")


def contact(request):
    return render(request, "welfare_portal/contact.html")


def privacy(request):
    return render(request, "welfare_portal/privacy.html")


def _safe_next(request, fallback="/"):
    next_url = request.POST.get("next") or request.META.get("HTTP_REFERER") or fallback
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return fallback


@require_POST
def text_size(request):
    """Remember the chosen text size for a year and go back to the page."""
    response = HttpResponseRedirect(_safe_next(request))
    size = request.POST.get("size", "")
    if is_valid_text_size(size):
        response.set_cookie(
            COOKIE_NAME,
            size,
            max_age=365 * 24 * 60 * 60,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    return response


def server_error(request):
    """The 500 page, with the council's phone number but nothing that needs the database."""
    body = loader.get_template("500.html").render({"council": settings.COUNCIL})
    return HttpResponseServerError(body)


# --- error pages: in Japanese and in the site's own layout, staff or public ----------

ERRORS = {
    400: (
        gettext_lazy("This request could not be handled"),
        gettext_lazy(
            "Something in the address or the form was not as expected. Please go back and try again."
        ),
    ),
    403: (
        gettext_lazy("This page is not open to you"),
        gettext_lazy(
            "Your role does not include this page. If you need it for your work, ask a manager (管理者)."
        ),
    ),
    "csrf": (
        gettext_lazy("The form had expired"),
        gettext_lazy(
            "For your safety, a form is only accepted for a while after it was opened. Please go back, "
            "reload the page and send it again. Nothing has been sent yet."
        ),
    ),
}


def _error_page(request, key, status):
    title, explanation = ERRORS[key]
    staff = request.path.startswith(("/admin/", "/staff/"))
    template = "staff/error.html" if staff else "error.html"
    context = {"title": title, "explanation": explanation, "status": status}
    if staff and getattr(request, "user", None) is not None and request.user.is_authenticated:
        context.update(admin.site.each_context(request))
    return render(request, template, context, status=status)


def bad_request(request, exception):
    return _error_page(request, 400, 400)


def permission_denied(request, exception):
    return _error_page(request, 403, 403)


def csrf_failure(request, reason=""):
    return _error_page(request, "csrf", 403)
