"""Staff pages for Space Shiori: roster, attendance on the day, numbers."""

from django.contrib import admin, messages
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from welfare_portal.access_log import How, access_log_write_many
from welfare_portal.permissions import staff_required

from . import selectors, services
from .models import Booking, Gathering


def _gathering(pk):
    return get_object_or_404(Gathering.objects.with_counts(), pk=pk)


def _roster_groups(gathering):
    bookings = list(gathering.bookings.for_roster())
    return {
        "confirmed": [b for b in bookings if b.status == Booking.Status.CONFIRMED],
        "waitlisted": [b for b in bookings if b.status == Booking.Status.WAITLISTED],
        "cancelled": [b for b in bookings if b.status == Booking.Status.CANCELLED],
    }


@staff_required("ibasho.change_booking")
def gathering_roster(request, pk):
    gathering = _gathering(pk)
    groups = _roster_groups(gathering)
    _log_shown(request, [booking for bookings in groups.values() for booking in bookings])
    return render(
        request,
        "ibasho/staff/roster.html",
        {**admin.site.each_context(request), "gathering": gathering, **groups},
    )


def _log_shown(request, bookings):
    """The roster and the check-off page show contacts and needs: each booking goes in the access log."""
    access_log_write_many(
        request=request, model="ibasho.booking", object_ids=[b.pk for b in bookings], how=How.PAGE
    )


@staff_required("ibasho.change_booking")
def gathering_attendance(request, pk):
    gathering = _gathering(pk)
    confirmed = list(gathering.bookings.confirmed().for_roster())
    _log_shown(request, confirmed)
    return render(
        request,
        "ibasho/staff/attendance.html",
        {**admin.site.each_context(request), "gathering": gathering, "bookings": confirmed},
    )


@require_POST
@staff_required("ibasho.change_booking")
def booking_attendance(request, pk):
    booking = get_object_or_404(Booking.objects.select_related("gathering"), pk=pk)
    attendance = request.POST.get("attendance", "")
    if attendance not in Booking.Attendance.values:
        return HttpResponseBadRequest()
    try:
        services.booking_mark_attendance(booking=booking, attendance=attendance)
    except services.BookingError as error:
        messages.error(request, str(error))
    return redirect(f"{_attendance_url(booking)}#booking-{booking.pk}")


def _attendance_url(booking):
    return reverse("ibasho_staff:gathering-attendance", args=[booking.gathering_id])


@staff_required("ibasho.view_gathering")
def numbers(request):
    return render(
        request,
        "ibasho/staff/numbers.html",
        {
            **admin.site.each_context(request),
            "gatherings": selectors.gathering_numbers(),
            "months": selectors.monthly_numbers(),
        },
    )
