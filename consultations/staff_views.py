"""Staff pages beyond the admin: a meeting's printable agenda and minutes, and areas (地域づくり)."""

from django.contrib import admin
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from welfare_portal.permissions import staff_required

from . import selectors
from .models import Area, Meeting


@staff_required("consultations.view_meeting", "consultations.view_case")
def meeting_agenda(request, pk):
    """次第・記録: one page to print (A4) for a meeting: what each attendee needs about each case,
    and, once recorded, what was decided. No addresses, phone numbers, notes or contact logs."""
    meeting = get_object_or_404(Meeting.objects.prefetch_related("agencies"), pk=pk)
    return render(
        request,
        "consultations/staff/meeting_agenda.html",
        {
            **admin.site.each_context(request),
            "title": _("Agenda and minutes: %(meeting)s") % {"meeting": meeting},
            "meeting": meeting,
            "reviews": selectors.meeting_agenda(meeting),
        },
    )


@staff_required("consultations.view_area", "consultations.view_communityneed")
def area_list(request):
    """Every area with its open needs, community meetings this year and open cases (counts only)."""
    return render(
        request,
        "consultations/staff/area_list.html",
        {
            **admin.site.each_context(request),
            "title": _("Areas: needs and community meetings"),
            "rows": selectors.area_overview(),
        },
    )


@staff_required("consultations.view_area", "consultations.view_communityneed")
def area_detail(request, pk):
    """One area for a coordinator, without names."""
    area = get_object_or_404(Area.objects.with_parents(), pk=pk)
    return render(
        request,
        "consultations/staff/area_detail.html",
        {**admin.site.each_context(request), "title": area.path_label, **selectors.area_detail(area)},
    )
