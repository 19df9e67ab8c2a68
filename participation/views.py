"""Public pages: the activity menu, one activity with its 「参加してみたい」 form, the thank-you page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from consultations import services as consultation_services
from welfare_portal.network import client_address

from . import services
from .forms import ActivityFilterForm, EnquiryForm
from .models import Activity

# The thank-you page reads the reference from the session: no personal data or id in a URL.
SESSION_KEY = "participation_enquiry_done"


def activity_list(request):
    form = ActivityFilterForm(request.GET or None)
    activities = Activity.objects.published().for_menu()
    if form.is_bound:
        activities = form.filter(activities)
    return render(
        request,
        "participation/activity_list.html",
        {"form": form, "activities": list(activities), "filtered": form.is_bound},
    )


@require_http_methods(["GET", "POST"])
def activity_detail(request, pk):
    activity = get_object_or_404(Activity.objects.published().for_menu(), pk=pk)
    if request.method == "POST":
        form = EnquiryForm(request.POST)
        if form.honeypot_tripped():
            # Looks like success to a bot; nothing is saved.
            request.session.pop(SESSION_KEY, None)
            return redirect("participation:enquiry-done")
        if form.is_valid():
            try:
                enquiry, _created = services.enquiry_submit(
                    fields={**form.model_fields(), "activity": activity},
                    submission_token=form.cleaned_data["submission_token"],
                    client_key=consultation_services.client_hash(client_address(request)),
                )
            except consultation_services.IntakeError as error:
                messages.error(request, str(error))
            except ValidationError as error:
                # A rule the form did not know of: shown on the form, never a server error.
                for field, field_errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, field_errors)
            except DatabaseError:
                # What they typed is still in the form.
                messages.error(request, consultation_services.SAVE_FAILED_MESSAGE)
            else:
                request.session[SESSION_KEY] = {"reference": enquiry.reference, "activity": activity.title}
                return redirect("participation:enquiry-done")
    else:
        form = EnquiryForm(initial={"submission_token": consultation_services.new_submission_token()})
    return render(
        request,
        "participation/activity_detail.html",
        {"activity": activity, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@never_cache
def enquiry_done(request):
    done = request.session.get(SESSION_KEY)
    return render(request, "participation/enquiry_done.html", {"done": done})
