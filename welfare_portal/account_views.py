"""Staff sign-in beyond the password: the second factor, enrolment, backup codes, keep-alive."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from . import two_factor
from .permissions import staff_required


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false", "size": 12}
        ),
    )


def _next_url(request):
    url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME)
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return "staff-home"


def _too_soon_message(too_soon):
    return _("After a wrong code, please wait %(seconds)d seconds before trying again.") % {
        "seconds": too_soon.seconds
    }


def _render(request, template, context):
    return render(
        request,
        template,
        {**admin.site.each_context(request), "next": _next_url(request), **context},
    )


@require_http_methods(["GET", "POST"])
@staff_required()
def verify(request):
    """Second step of signing in: a code from the app, or a backup code."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if not two_factor.has_device(user):
        return redirect("two-factor-setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = two_factor.verify(user, form.cleaned_data["code"])
        except two_factor.TooSoon as too_soon:
            form.add_error("code", _too_soon_message(too_soon))
            device = False
        if device:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = two_factor.backup_codes_left(user)
                messages.warning(
                    request,
                    _("You signed in with a backup code. %(left)d backup codes are left.") % {"left": left},
                )
            return redirect(_next_url(request))
        elif device is None:
            form.add_error(
                "code", _("This code is not right, or it has expired. Please try the newest code.")
            )
    return _render(request, "staff/two_factor_verify.html", {"title": _("Two-step sign-in"), "form": form})


@require_http_methods(["GET", "POST"])
@staff_required()
def setup(request):
    """Enrol an authenticator app by QR code; shows ten backup codes once it works.

    Replacing an enrolled app needs the old one first (a verified session), so a
    stolen password alone cannot swap in the thief's phone.
    """
    user = request.user
    enrolled = two_factor.has_device(user)
    if enrolled and not user.is_verified():
        return redirect("two-factor-verify")
    if enrolled and request.method == "GET" and "replace" not in request.GET:
        return _render(
            request,
            "staff/two_factor_status.html",
            {"title": _("Two-step sign-in"), "backup_codes_left": two_factor.backup_codes_left(user)},
        )
    device = two_factor.app_device_for_setup(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            confirmed = two_factor.app_device_confirm(device, form.cleaned_data["code"])
        except two_factor.TooSoon as too_soon:
            form.add_error("code", _too_soon_message(too_soon))
            confirmed = None
        if confirmed:
            otp_login(request, device)
            codes = two_factor.backup_codes_new(user)
            return _render(
                request,
                "staff/two_factor_backup_codes.html",
                {"title": _("Your backup codes"), "codes": codes, "just_enrolled": True},
            )
        form.add_error(
            "code", _("This code does not match. Check the time on your phone and try the newest code.")
        )
    return _render(
        request,
        "staff/two_factor_setup.html",
        {
            "title": _("Set up two-step sign-in"),
            "form": form,
            "qr_code": two_factor.qr_code_data_uri(device),
            "secret": two_factor.secret_for_typing(device),
            "replacing": enrolled,
        },
    )


@require_POST
@staff_required()
def backup_codes(request):
    """New backup codes (the old ones stop working); needs a verified session."""
    if not request.user.is_verified():
        return redirect("two-factor-verify")
    codes = two_factor.backup_codes_new(request.user)
    return _render(
        request,
        "staff/two_factor_backup_codes.html",
        {"title": _("Your backup codes"), "codes": codes, "just_enrolled": False},
    )


@staff_required()
def keepalive(request):
    """Touched by staff-session.js while someone is typing: the session is in use."""
    return HttpResponse(status=204)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a login name with too many wrong passwords (AXES_LOCKOUT_CALLABLE)."""
    context = {
        **admin.site.each_context(request),
        "title": _("Sign-in locked"),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "admin/locked_out.html", context, status=429)
