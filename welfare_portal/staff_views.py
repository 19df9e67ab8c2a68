"""Staff pages that gather from every app: the one record of a person or household."""

import importlib

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.models import Household, Person

from .permissions import staff_required
from .staff_home import staff_pages_for

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


# Apps whose selectors offer staff_home_tiles(); in the order of the page.
HOME_SOURCES = ["consultations", "ibasho", "participation", "food_support"]


@staff_required()
def home(request):
    """/staff/: what needs doing today for this user's role, each a count and a link."""
    today = timezone.localdate()
    sections = {}
    for app in HOME_SOURCES:
        # A missing or broken app fails loudly: it must not vanish from the page.
        selectors = importlib.import_module(f"{app}.selectors")
        for tile in selectors.staff_home_tiles(user=request.user, today=today):
            sections.setdefault(tile.section, []).append(tile)
    return render(
        request,
        "staff/home.html",
        {
            "title": _("Staff home"),
            "today": today,
            "tile_sections": list(sections.items()),
            "staff_pages": staff_pages_for(request.user),
            "has_role": request.user.is_superuser or bool(request.user.get_all_permissions()),
        },
    )


@staff_required("consultations.view_person")
def person_timeline(request, pk):
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


@staff_required("consultations.view_household")
def household_timeline(request, pk):
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
