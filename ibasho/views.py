"""Public Space Shiori pages: the list, a gathering and its booking form, a booking's own page."""

import io

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import ics, services
from .forms import BookingForm
from .models import Booking, Gathering


def _public_gathering(pk):
    """A gathering residents may see (404 for drafts and unknown ids)."""
    queryset = Gathering.objects.public().with_counts()
    return get_object_or_404(queryset, pk=pk)


def _booking(token):
    return get_object_or_404(Booking.objects.select_related("gathering__venue"), token=token)


def gathering_list(request):
    gatherings = Gathering.objects.for_public_list()
    return render(request, "ibasho/gathering_list.html", {"gatherings": gatherings})


@require_http_methods(["GET", "POST"])
def gathering_detail(request, pk):
    gathering = _public_gathering(pk)
    is_open = gathering.is_open_for_booking()
    form = BookingForm(request.POST or None, gathering=gathering)
    if request.method == "POST" and is_open and form.is_valid():
        if form.honeypot_tripped():
            # Bots get a page that looks like success and nothing is stored.
            return redirect("ibasho:gathering-list")
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("website", "age_confirmed")}
        try:
            booking = services.booking_create(gathering=gathering, **data)
        except services.BookingError as error:
            messages.error(request, str(error))
        except ValidationError as error:
            # A rule the form did not know of: shown at its field, never a server error.
            _add_errors(form, error)
        else:
            if booking.status == Booking.Status.CONFIRMED:
                messages.success(request, _("Your place is booked. Please keep the address of this page."))
            else:
                messages.warning(
                    request,
                    _("The gathering is full, so you are on the waiting list (number %(position)s).")
                    % {"position": booking.waitlist_position()},
                )
            return redirect(booking)
    elif request.method == "POST" and not is_open:
        messages.error(request, str(services.BookingClosed.message))
    return render(
        request,
        "ibasho/gathering_detail.html",
        {"gathering": gathering, "form": form, "is_open": is_open},
        status=400 if request.method == "POST" else 200,
    )


def _add_errors(form, error):
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, field_errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, field_errors)


def gathering_flyer(request, pk):
    """The flyer PDF of a published gathering, served by the app (nothing serves MEDIA_URL)."""
    gathering = get_object_or_404(Gathering.objects.filter(status=Gathering.Status.PUBLISHED), pk=pk)
    if not gathering.flyer or not default_storage.exists(gathering.flyer.name):
        raise Http404
    return FileResponse(
        default_storage.open(gathering.flyer.name, "rb"),
        content_type="application/pdf",
        filename=f"space-shiori-{gathering.pk}.pdf",
    )


def gathering_qr(request, pk, kind):
    gathering = _public_gathering(pk)
    qr = segno.make(gathering.public_url, error="m")
    buffer = io.BytesIO()
    if kind == "svg":
        qr.save(buffer, kind="svg", scale=8, border=4, title=gathering.title)
        content_type = "image/svg+xml"
    else:
        qr.save(buffer, kind="png", scale=10, border=4)
        content_type = "image/png"
    response = HttpResponse(buffer.getvalue(), content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="space-shiori-{gathering.pk}.{kind}"'
    return response


def gathering_poster(request, pk):
    gathering = _public_gathering(pk)
    return render(request, "ibasho/gathering_poster.html", {"gathering": gathering})


@never_cache
def booking_detail(request, token):
    booking = _booking(token)
    return render(
        request,
        "ibasho/booking_detail.html",
        {
            "booking": booking,
            "gathering": booking.gathering,
            "position": booking.waitlist_position(),
            "can_cancel": _can_cancel(booking),
        },
    )


def _can_cancel(booking):
    return services.booking_is_cancellable(booking=booking)


@never_cache
@require_http_methods(["GET", "POST"])
def booking_cancel(request, token):
    """GET asks "are you sure?"; POST cancels the place or leaves the waitlist."""
    booking = _booking(token)
    if request.method == "POST":
        was_waiting = booking.status == Booking.Status.WAITLISTED
        try:
            services.booking_cancel(booking=booking)
        except services.BookingError as error:
            messages.error(request, str(error))
        else:
            if was_waiting:
                messages.success(request, _("You have left the waiting list."))
            else:
                messages.success(request, _("Your booking is cancelled."))
        return redirect(booking)
    if not _can_cancel(booking):
        return redirect(booking)
    return render(request, "ibasho/booking_cancel.html", {"booking": booking, "gathering": booking.gathering})


@never_cache
def booking_calendar(request, token):
    booking = _booking(token)
    if booking.status == Booking.Status.CANCELLED:
        raise Http404
    response = HttpResponse(ics.booking_ics(booking), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="space-shiori.ics"'
    return response
