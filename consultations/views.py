"""Public intake pages: the consultation request and the concern report (ほっとけないシート)."""

from django.conf import settings
from django.contrib import messages
from django.db import DatabaseError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from . import services
from .forms import ConcernReportForm, ConsultationRequestForm

# The done page reads the reference from the session, so no personal data or
# record id is ever in a URL.
SESSION_KEY = "consultations_done"


def _client_address(request):
    """The resident's address for rate limiting, behind as many proxies as settings trust.

    With TRUSTED_PROXY_COUNT = N (the load balancer and any proxies in front of
    the app), the Nth address from the right of X-Forwarded-For is the client;
    anything further left could be forged by the client and is ignored.
    """
    trusted = settings.TRUSTED_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if trusted and len(forwarded) >= trusted:
        return forwarded[-trusted]
    return request.META.get("REMOTE_ADDR", "")


def _intake_view(request, *, form_class, create, kind, template):
    if request.method == "POST":
        form = form_class(request.POST)
        if form.honeypot_tripped():
            # Looks like success to a bot; nothing is saved.
            return render(request, "consultations/done.html", {"kind": kind, "reference": None})
        if form.is_valid():
            try:
                intake, _created = create(
                    form,
                    submission_token=form.cleaned_data["submission_token"],
                    client_key=services.client_hash(_client_address(request)),
                )
            except services.IntakeError as error:
                messages.error(request, str(error))
            except DatabaseError:
                # Tell the resident; what they typed is still in the form.
                messages.error(request, services.SAVE_FAILED_MESSAGE)
            else:
                request.session[SESSION_KEY] = {"kind": kind, "reference": intake.reference}
                return redirect(f"consultations:{kind}-done")
    else:
        form = form_class(initial={"submission_token": services.new_submission_token()})
    return render(request, template, {"form": form})


@require_http_methods(["GET", "POST"])
def request_create(request):
    return _intake_view(
        request,
        form_class=ConsultationRequestForm,
        create=lambda form, **kw: services.consultation_request_create(
            fields=form.model_fields(), topics=form.cleaned_data["topics"], **kw
        ),
        kind="request",
        template="consultations/request_form.html",
    )


@require_http_methods(["GET", "POST"])
def concern_create(request):
    return _intake_view(
        request,
        form_class=ConcernReportForm,
        create=lambda form, **kw: services.concern_report_create(fields=form.model_fields(), **kw),
        kind="concern",
        template="consultations/concern_form.html",
    )


def _done(request, kind):
    done = request.session.get(SESSION_KEY) or {}
    if done.get("kind") != kind:
        return redirect(f"consultations:{kind}-create")
    return render(request, "consultations/done.html", {"kind": kind, "reference": done["reference"]})


def request_done(request):
    return _done(request, "request")


def concern_done(request):
    return _done(request, "concern")
