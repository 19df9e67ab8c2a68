"""Staff pages that gather from every app: the one record of a person or household."""

import importlib

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from consultations.models import Household, Person

# (app, permission needed to see that app's part of the timeline)
TIMELINE_SOURCES = [
    ("consultations", "consultations.view_case"),
    ("ibasho", "ibasho.view_booking"),
    ("participation", "participation.view_placement"),
    ("food_support", "food_support.view_foodregistration"),
]


def _timeline(user, function_name, obj):
    entries = []
    for app, permission in TIMELINE_SOURCES:
        if not user.has_perm(permission):
            continue
        try:
            selectors = importlib.import_module(f"{app}.selectors")
        except ModuleNotFoundError:
            continue
        entries.extend(getattr(selectors, function_name)(obj))
    return sorted(entries, key=lambda e: e.sort_key, reverse=True)


@staff_member_required
def person_timeline(request, pk):
    if not request.user.has_perm("consultations.view_person"):
        raise PermissionDenied
    person = get_object_or_404(Person.objects.select_related("household"), pk=pk)
    return render(
        request,
        "staff/person_timeline.html",
        {
            "title": _("Timeline: %(name)s") % {"name": person.full_name},
            "person": person,
            "entries": _timeline(request.user, "person_timeline", person),
        },
    )


@staff_member_required
def household_timeline(request, pk):
    if not request.user.has_perm("consultations.view_household"):
        raise PermissionDenied
    household = get_object_or_404(Household.objects.prefetch_related("members"), pk=pk)
    return render(
        request,
        "staff/household_timeline.html",
        {
            "title": _("Timeline: %(name)s") % {"name": household.name},
            "household": household,
            "entries": _timeline(request.user, "household_timeline", household),
        },
    )
