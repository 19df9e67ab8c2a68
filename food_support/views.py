"""Public food support page and the staff pages under /staff/food/."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from consultations.models import Household, Person
from welfare_portal.access_log import How, access_log_write, access_log_write_many
from welfare_portal.dates import staff_date
from welfare_portal.permissions import staff_required

from . import exports, selectors, services
from .forms import (
    DeclineForm,
    DistributionForm,
    FoodApplicationForm,
    PickupForm,
    RegisterForm,
    RegistrationStatusForm,
)
from .messaging import report_roster
from .models import Distribution, FoodApplication, FoodRegistration, PickupPlace, RosterEntry

SESSION_REFERENCE = "food_support_reference"

# --- public -----------------------------------------------------------------


def index(request):
    """/food/: who food support is for, how it works, and the application form."""
    if request.method == "POST":
        form = FoodApplicationForm(request.POST)
        if form.is_valid():
            if form.honeypot_tripped:
                # Looks like success to a bot; nothing is saved.
                request.session.pop(SESSION_REFERENCE, None)
                return redirect("food_support:thanks")
            try:
                application, _created = services.application_submit(
                    submission_token=form.cleaned_data["submission_token"], **form.application_data()
                )
            except ValidationError:
                messages.error(
                    request, _("Sorry, we could not save your application. Please check it and try again.")
                )
            else:
                # The reference goes in the session, never in the URL.
                request.session[SESSION_REFERENCE] = application.reference
                return redirect("food_support:thanks")
    else:
        form = FoodApplicationForm()
    return render(
        request,
        "food_support/index.html",
        {"form": form, "places": PickupPlace.objects.filter(is_active=True)},
    )


@never_cache
def thanks(request):
    return render(request, "food_support/thanks.html", {"reference": request.session.get(SESSION_REFERENCE)})


# --- staff --------------------------------------------------------------------


VIEW = "food_support.view_distribution"
VIEW_APPLICATIONS = "food_support.view_foodapplication"
VIEW_REGISTRATIONS = "food_support.view_foodregistration"
CHECK_OFF = "food_support.change_rosterentry"
EXPORT = "food_support.export_distribution"
REVIEW = "food_support.add_foodregistration"
ROLLOVER = "food_support.add_distribution"


def _distribution(pk):
    return get_object_or_404(Distribution.objects.select_related("place"), pk=pk)


def _log_roster(request, distribution, how, registration_ids=None):
    """Each registration on the roster goes in the access log, in one insert.

    One row per registration rather than one for the distribution: the question
    the log answers is "who saw this person's details", asked from the person's
    side, and a roster's rows change after the fact (regeneration, renewals).
    """
    if registration_ids is None:
        registration_ids = RosterEntry.objects.filter(distribution=distribution).values_list(
            "registration_id", flat=True
        )
    access_log_write_many(
        request=request, model="food_support.foodregistration", object_ids=list(registration_ids), how=how
    )


@staff_required(VIEW)
def distribution_list(request):
    today = timezone.localdate()
    return render(
        request,
        "food_support/staff/distribution_list.html",
        {
            "distributions": Distribution.objects.with_counts()[:36],
            "new_applications": FoodApplication.objects.filter(status=FoodApplication.Status.NEW).count(),
            "reviews_due": FoodRegistration.objects.review_due_by(
                today + datetime.timedelta(days=30)
            ).count(),
        },
    )


@staff_required(VIEW)
def distribution_detail(request, pk):
    distribution = _distribution(pk)
    roster = selectors.roster_page(distribution=distribution, group=request.GET.get("group"))
    entries = roster.entries
    due = list(FoodRegistration.objects.renewal_due_for(distribution))
    _log_roster(request, distribution, How.PAGE, [e.registration_id for e in entries] + [r.pk for r in due])
    return render(
        request,
        "food_support/staff/distribution_detail.html",
        {
            "distribution": distribution,
            "entries": entries,
            "roster": roster,
            "total_count": roster.total,
            "picked_count": roster.picked,
            "waiting_count": roster.total - roster.picked,
            "due_for_renewal": due,
            "can_check_off": request.user.has_perm(CHECK_OFF),
            "can_export": request.user.has_perm(EXPORT),
            "can_generate": request.user.has_perm(ROLLOVER),
        },
    )


@require_POST
@staff_required(ROLLOVER)
def roster_generate(request, pk):
    distribution = _distribution(pk)
    try:
        result = services.roster_generate(distribution=distribution)
    except services.FoodSupportError as error:
        messages.error(request, error.message)
        return redirect("food_support_staff:distribution-detail", pk=distribution.pk)
    report_roster(request, result)
    return redirect("food_support_staff:distribution-detail", pk=distribution.pk)


@require_POST
@staff_required(ROLLOVER)
def month_rollover(request):
    """The monthly step: next month's distributions and rosters for every place."""
    today = timezone.localdate()
    month = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    try:
        results = services.month_rollover(month=month)
    except services.FoodSupportError as error:
        messages.error(request, error.message)
        return redirect("food_support_staff:distribution-list")
    if not results:
        messages.warning(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _("No place has an earlier distribution to copy, so nothing was opened."),
                reverse("food_support_staff:distribution-rollover"),
                _("Open a place's first distribution"),
            ),
        )
    for result in results:
        report_roster(request, result)
    return redirect("food_support_staff:distribution-list")


@staff_required(ROLLOVER)
def distribution_rollover(request):
    """One step for the month: open the distribution and fill its roster."""
    if request.method == "POST":
        form = DistributionForm(request.POST)
        if form.is_valid():
            try:
                result = services.distribution_rollover(**form.cleaned_data)
            except services.FoodSupportError as error:
                form.add_error("date", error.message)
            else:
                report_roster(request, result)
                return redirect("food_support_staff:distribution-detail", pk=result.distribution.pk)
    else:
        form = DistributionForm(initial=_rollover_initial())
    return render(request, "food_support/staff/rollover.html", {"form": form})


def _rollover_initial():
    """Next month, same week and weekday and hours as the latest distribution."""
    latest = Distribution.objects.select_related("place").order_by("-date").first()
    if latest is None:
        return {}
    return {
        "place": latest.place,
        "date": services.next_month_date(latest.date),
        "starts_at": latest.starts_at,
        "ends_at": latest.ends_at,
    }


def _entry_redirect(entry):
    """Back to the row just ticked: on a long roster, in its kana row (あ行, か行 …)."""
    url = reverse("food_support_staff:distribution-detail", args=[entry.distribution_id])
    person = entry.registration.person
    group = selectors.kana_group_of(person.family_name_kana if person else "")
    return redirect(f"{url}?group={group}#entry-{entry.pk}")


@require_POST
@staff_required(CHECK_OFF)
def pickup_record(request, pk):
    entry = get_object_or_404(RosterEntry.objects.select_related("registration__person"), pk=pk)
    form = PickupForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _entry_redirect(entry)
    try:
        services.pickup_record(entry=entry, user=request.user, **form.cleaned_data)
    except services.FoodSupportError as error:
        messages.warning(request, error.message)
    else:
        messages.success(request, _("Pick-up recorded."))
    return _entry_redirect(entry)


@require_POST
@staff_required(CHECK_OFF)
def pickup_undo(request, pk):
    entry = get_object_or_404(RosterEntry.objects.select_related("registration__person"), pk=pk)
    services.pickup_undo(entry=entry, user=request.user)
    messages.success(request, _("Pick-up cleared."))
    return _entry_redirect(entry)


@staff_required(EXPORT)
def roster_export_xlsx(request, pk):
    distribution = _distribution(pk)
    _log_roster(request, distribution, How.EXPORT)
    return FileResponse(
        exports.roster_xlsx(distribution),
        as_attachment=True,
        filename=exports.export_filename(distribution, "xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@staff_required(EXPORT)
def roster_export_csv(request, pk):
    distribution = _distribution(pk)
    _log_roster(request, distribution, How.EXPORT)
    response = StreamingHttpResponse(
        exports.roster_csv_lines(distribution), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{exports.export_filename(distribution, "csv")}"'
    return response


@staff_required(EXPORT)
def roster_signoff(request, pk):
    distribution = _distribution(pk)
    _log_roster(request, distribution, How.PRINT)
    entries = (
        RosterEntry.objects.filter(distribution=distribution).for_roster().iterator(chunk_size=exports.CHUNK)
    )
    return render(
        request,
        "food_support/staff/signoff.html",
        {"distribution": distribution, "entries": entries},
    )


@staff_required(VIEW)
def figures(request):
    today = timezone.localdate()
    months = []
    month = today.replace(day=1)
    for _i in range(12):
        months.append(selectors.monthly_figures(month=month))
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return render(request, "food_support/staff/figures.html", {"months": months})


# --- applications and registrations --------------------------------------------


@staff_required(VIEW_APPLICATIONS)
def application_list(request):
    return render(
        request,
        "food_support/staff/application_list.html",
        {"applications": FoodApplication.objects.for_review()},
    )


@staff_required(REVIEW)
def application_review(request, pk):
    application = get_object_or_404(FoodApplication.objects.select_related("preferred_place"), pk=pk)
    access_log_write(request=request, obj=application, how=How.PAGE)
    people, households = selectors.application_candidates(application=application)
    if request.method == "POST" and "decline" in request.POST:
        decline_form = DeclineForm(request.POST)
        register_form = RegisterForm(people=people, households=households)
        if decline_form.is_valid():
            try:
                services.application_decline(
                    application=application, user=request.user, reason=decline_form.cleaned_data["reason"]
                )
            except services.FoodSupportError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Application declined."))
            return redirect("food_support_staff:application-list")
    elif request.method == "POST":
        decline_form = DeclineForm()
        register_form = RegisterForm(request.POST, people=people, households=households)
        if register_form.is_valid():
            person_pk = register_form.cleaned_data["person"]
            household_pk = register_form.cleaned_data["household"]
            try:
                registration = services.application_register(
                    application=application,
                    user=request.user,
                    person=Person.objects.get(pk=person_pk) if person_pk else None,
                    household=Household.objects.get(pk=household_pk) if household_pk else None,
                )
            except services.FoodSupportError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Registered: %(name)s") % {"name": registration.display_name})
                return redirect("food_support_staff:registration-detail", pk=registration.pk)
    else:
        decline_form = DeclineForm()
        register_form = RegisterForm(people=people, households=households)
    return render(
        request,
        "food_support/staff/application_review.html",
        {
            "application": application,
            "people": people,
            "households": households,
            "register_form": register_form,
            "decline_form": decline_form,
        },
    )


@staff_required(VIEW_REGISTRATIONS)
def registration_detail(request, pk):
    registration = get_object_or_404(FoodRegistration.objects.with_people(), pk=pk)
    access_log_write(request=request, obj=registration, how=How.PAGE)
    status_form = RegistrationStatusForm(initial={"status": registration.status})
    if request.method == "POST":
        if not request.user.has_perm("food_support.change_foodregistration"):
            raise PermissionDenied
        status_form = RegistrationStatusForm(request.POST)
        if status_form.is_valid():
            try:
                services.registration_change_status(registration=registration, **status_form.cleaned_data)
            except services.FoodSupportError as error:
                status_form.add_error("reason", error.message)
            else:
                messages.success(request, _("Status changed."))
                return redirect("food_support_staff:registration-detail", pk=registration.pk)
    recent = (
        RosterEntry.objects.filter(registration=registration)
        .select_related("distribution__place")
        .order_by("-distribution__date")[:12]
    )
    return render(
        request,
        "food_support/staff/registration_detail.html",
        {
            "registration": registration,
            "status_form": status_form,
            "recent": recent,
            "can_change": request.user.has_perm("food_support.change_foodregistration"),
        },
    )


@staff_required(VIEW_REGISTRATIONS)
def review_list(request):
    today = timezone.localdate()
    return render(
        request,
        "food_support/staff/review_list.html",
        {
            "registrations": FoodRegistration.objects.review_due_by(
                today + datetime.timedelta(days=30)
            ).with_people(),
            "today": today,
            "can_change": request.user.has_perm("food_support.change_foodregistration"),
        },
    )


@require_POST
@staff_required("food_support.change_foodregistration")
def registration_renew(request, pk):
    registration = get_object_or_404(FoodRegistration, pk=pk)
    registration = services.registration_renew(registration=registration)
    messages.success(
        request,
        _("Renewed until %(date)s.") % {"date": staff_date(registration.review_due_on)},
    )
    next_url = request.POST.get("next", "")
    if next_url.startswith("/staff/food/"):
        return redirect(next_url)
    return redirect("food_support_staff:review-list")
