"""Staff pages that gather from every app: the one record of a person or household."""

import importlib
from functools import reduce
from operator import or_

from django.apps import apps
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.models import Household, Person

from .access_log import How, access_log_write
from .models import AccessLog
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


# Apps whose selectors offer person_records(person): {model label: ids} for the access log.
PERSON_RECORD_SOURCES = ["consultations", "ibasho", "participation", "food_support"]
ACCESS_HISTORY_LIMIT = 100


def _access_history(user, records):
    """Who opened these records ({label: ids or a queryset of ids}), newest first, in one query.

    Only for those who may read the access log (管理者); None for everyone else.
    """
    if not user.has_perm("welfare_portal.view_accesslog"):
        return None
    condition = reduce(or_, (Q(model=label, object_id__in=ids) for label, ids in records.items()))
    entries = list(AccessLog.objects.filter(condition).select_related("user")[:ACCESS_HISTORY_LIMIT])
    for entry in entries:
        try:
            entry.kind = apps.get_model(entry.model)._meta.verbose_name
        except LookupError:
            entry.kind = entry.model
    return entries


def _person_records(person):
    records = {}
    for app in PERSON_RECORD_SOURCES:
        records.update(importlib.import_module(f"{app}.selectors").person_records(person))
    return records


@staff_required("consultations.view_person")
def person_timeline(request, pk):
    person = get_object_or_404(Person.objects.select_related("household"), pk=pk)
    access_log_write(request=request, obj=person, how=How.TIMELINE)
    return render(
        request,
        "staff/person_timeline.html",
        {
            "title": _("Timeline: %(name)s") % {"name": person.full_name},
            "person": person,
            "entries": _timeline(request.user, "person_timeline", person),
            "access_history": _access_history(request.user, _person_records(person)),
            "access_log_url": _access_log_url("consultations.person", person.pk),
            "change_history_url": reverse("admin:consultations_person_history", args=[person.pk]),
            "access_history_limit": ACCESS_HISTORY_LIMIT,
        },
    )


@staff_required("consultations.view_household")
def household_timeline(request, pk):
    household = get_object_or_404(Household.objects.prefetch_related("members"), pk=pk)
    access_log_write(request=request, obj=household, how=How.TIMELINE)
    members = [member.pk for member in household.members.all()]
    return render(
        request,
        "staff/household_timeline.html",
        {
            "title": _("Timeline: %(name)s") % {"name": household.name},
            "household": household,
            "entries": _timeline(request.user, "household_timeline", household),
            "access_history": _access_history(
                request.user, {"consultations.household": [household.pk], "consultations.person": members}
            ),
            "access_log_url": _access_log_url("consultations.household", household.pk),
            "change_history_url": reverse("admin:consultations_household_history", args=[household.pk]),
            "access_history_limit": ACCESS_HISTORY_LIMIT,
        },
    )


def _access_log_url(model, pk):
    return reverse("admin:welfare_portal_accesslog_changelist") + f"?model={model}&record={pk}"
