"""Public intake pages: the consultation request and the concern report (ほっとけないシート)."""

from django.contrib import messages
from django.db import DatabaseError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from welfare_portal.network import client_address

from . import services
from .forms import ConcernReportForm, ConsultationRequestForm

# The done page reads the reference from the session, so no personal data or
# record id is ever in a URL.
SESSION_KEY = "consultations_done"


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
                    client_key=services.client_hash(client_address(request)),
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


@never_cache
def request_done(request):
    return _done(request, "request")


@never_cache
def concern_done(request):
    return _done(request, "concern")
