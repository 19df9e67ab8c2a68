from django.conf import settings
from django.http import HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
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
