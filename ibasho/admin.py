from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from welfare_portal.dates import staff_date
from welfare_portal.staff_admin import StaffHistoryAdmin, StaffModelAdmin

from . import services
from .forms import BookingAdminForm, GatheringAdminForm, SeasonForm
from .models import Booking, Gathering, Venue


@admin.register(Venue)
class VenueAdmin(StaffModelAdmin):
    list_display = ["name", "address", "room", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "address", "room"]


class BookingInline(admin.TabularInline):
    model = Booking
    fields = ["name", "name_kana", "phone", "email", "status", "attendance", "first_time", "person"]
    readonly_fields = ["name", "name_kana", "phone", "email", "status", "attendance", "first_time", "person"]
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ["status", "created_at"]

    def has_add_permission(self, request, obj=None):
        # Bookings are made through the booking form so capacity and the waitlist hold.
        return False


@admin.register(Gathering)
class GatheringAdmin(StaffHistoryAdmin):
    # What a coordinator scans for, all visible at 1280 px: when, where, and how full.
    list_display = ["when", "venue", "status", "places", "roster_link"]
    list_display_links = ["when"]
    list_select_related = ["venue"]
    list_filter = ["status", "venue"]
    search_fields = ["title", "venue__name"]
    date_hierarchy = "date"
    readonly_fields = ["cancelled_at", "created_at", "updated_at", "public_links"]
    fieldsets = [
        (None, {"fields": ["title", "venue", "date", "start_time", "end_time", "status"]}),
        (_("Booking"), {"fields": ["capacity", "min_age", "max_age", "deadline"]}),
        (_("For residents"), {"fields": ["description", "rules", "flyer", "public_links"]}),
        (_("Record"), {"fields": ["cancelled_at", "created_at", "updated_at"]}),
    ]
    form = GatheringAdminForm
    inlines = [BookingInline]
    actions = ["publish", "cancel_gatherings"]
    change_list_template = "admin/ibasho/gathering/change_list.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_confirmed=Count("bookings", filter=Q(bookings__status=Booking.Status.CONFIRMED)),
                n_waitlisted=Count("bookings", filter=Q(bookings__status=Booking.Status.WAITLISTED)),
            )
        )

    @admin.display(description=_("date and time"), ordering="date")
    def when(self, obj):
        return f"{staff_date(obj.date)} {obj.start_time:%H:%M}"

    @admin.display(description=_("booked places"), ordering="n_confirmed")
    def places(self, obj):
        booked = _("%(confirmed)d of %(capacity)d booked") % {
            "confirmed": obj.n_confirmed,
            "capacity": obj.capacity,
        }
        if obj.n_confirmed > obj.capacity:
            booked = format_html('<strong class="overdue">{} {}</strong>', _("Over capacity:"), booked)
        if obj.n_waitlisted:
            return format_html("{}<br>{}", booked, _("%(count)d waiting") % {"count": obj.n_waitlisted})
        return booked

    @admin.display(description=_("roster"))
    def roster_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("ibasho_staff:gathering-roster", args=[obj.pk]), _("Roster")
        )

    @admin.display(description=_("public page"))
    def public_links(self, obj):
        if not obj.pk:
            return "-"
        return format_html(
            '<a href="{}">{}</a> ・ <a href="{}">{}</a> ・ <a href="{}">QR (SVG)</a> ・ <a href="{}">QR (PNG)</a>',
            obj.get_absolute_url(),
            _("public page"),
            reverse("ibasho:gathering-poster", args=[obj.pk]),
            _("poster"),
            reverse("ibasho:gathering-qr-svg", args=[obj.pk]),
            reverse("ibasho:gathering-qr-png", args=[obj.pk]),
        )

    def save_model(self, request, obj, form, change):
        # Cancelling notifies everyone booked; raising the capacity moves people off the waitlist.
        cancelling = change and "status" in form.changed_data and obj.status == Gathering.Status.CANCELLED
        if cancelling:
            obj.status = form.initial["status"]
            services.gathering_save(gathering=obj)
            services.gathering_cancel(gathering=obj)
            messages.info(request, _("The gathering is cancelled and everyone booked has been emailed."))
            return
        try:
            promoted = services.gathering_save(gathering=obj)
        except services.CapacityBelowBookings as error:
            # A booking came in after the form was checked: nothing was saved.
            messages.error(request, error.message)
            return
        if promoted:
            messages.info(
                request,
                ngettext(
                    "%(count)d person moved from the waiting list to a place.",
                    "%(count)d people moved from the waiting list to a place.",
                    len(promoted),
                )
                % {"count": len(promoted)},
            )

    @admin.action(description=_("Publish the selected gatherings"), permissions=["change"])
    def publish(self, request, queryset):
        count = sum(services.gathering_publish(gathering=gathering) for gathering in queryset)
        self.message_user(request, _("%(count)d gatherings published.") % {"count": count})

    @admin.action(
        description=_("Cancel the selected gatherings and notify everyone booked"), permissions=["change"]
    )
    def cancel_gatherings(self, request, queryset):
        for gathering in queryset:
            services.gathering_cancel(gathering=gathering)
        self.message_user(request, _("%(count)d gatherings cancelled.") % {"count": queryset.count()})

    def get_urls(self):
        return [
            path("season/", self.admin_site.admin_view(self.season_view), name="ibasho_gathering_season"),
            *super().get_urls(),
        ]

    def season_view(self, request):
        """A season of monthly gatherings alternating the two venues, off public holidays."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = SeasonForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            venues = [v for v in (data["first_venue"], data["second_venue"]) if v]
            created = services.season_generate(
                venues=venues,
                year=data["start_month"].year,
                month=data["start_month"].month,
                months=data["months"],
                weekday=data["weekday"],
                week=data["week"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                capacity=data["capacity"],
                title=data["title"],
                status=Gathering.Status.PUBLISHED if data["publish"] else Gathering.Status.DRAFT,
            )
            self.message_user(
                request,
                ngettext("%(count)d gathering created.", "%(count)d gatherings created.", len(created))
                % {"count": len(created)},
                messages.SUCCESS,
            )
            return redirect("admin:ibasho_gathering_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": _("Create a season of gatherings"),
        }
        return TemplateResponse(request, "admin/ibasho/gathering/season.html", context)


@admin.register(Booking)
class BookingAdmin(StaffHistoryAdmin):
    list_display = ["name", "name_kana", "gathering_day", "status", "attendance", "first_time", "person"]
    list_select_related = ["gathering__venue", "person"]
    list_filter = ["status", "attendance", "first_time", "gathering__venue"]
    search_fields = ["name", "name_kana", "email", "phone", "person__family_name", "person__family_name_kana"]
    date_hierarchy = "gathering__date"
    autocomplete_fields = ["person"]
    readonly_fields = [
        "gathering",
        "status",
        "attendance",
        "created_at",
        "promoted_at",
        "cancelled_at",
        "reminder_sent_at",
        "agreed_to_rules",
    ]
    fields = [
        "gathering",
        "status",
        "attendance",
        "person",
        "name",
        "name_kana",
        "phone",
        "email",
        "first_time",
        "needs",
        "agreed_to_rules",
        "created_at",
        "promoted_at",
        "cancelled_at",
        "reminder_sent_at",
    ]
    actions = ["cancel_bookings", "mark_attended", "mark_absent"]
    form = BookingAdminForm

    def has_add_permission(self, request):
        # Bookings are made through the booking form so capacity and the waitlist hold.
        return False

    @admin.display(description=_("gathering"), ordering="gathering__date")
    def gathering_day(self, obj):
        return f"{staff_date(obj.gathering.date)} {obj.gathering.venue.name}"

    def save_model(self, request, obj, form, change):
        # The form has already reported a contact that another booking holds.
        obj._history_user = request.user
        services.booking_contact_update(booking=obj)

    @admin.action(
        description=_("Cancel the selected bookings (the waitlist moves up)"), permissions=["change"]
    )
    def cancel_bookings(self, request, queryset):
        done = 0
        for booking in queryset.exclude(status=Booking.Status.CANCELLED):
            try:
                services.booking_cancel(booking=booking)
            except services.BookingError as error:
                self.message_user(request, f"{booking}: {error}", messages.WARNING)
            else:
                done += 1
        self.message_user(request, _("%(count)d bookings cancelled.") % {"count": done})

    def _mark(self, request, queryset, attendance):
        done = 0
        for booking in queryset.filter(status=Booking.Status.CONFIRMED):
            services.booking_mark_attendance(booking=booking, attendance=attendance)
            done += 1
        self.message_user(request, _("%(count)d bookings updated.") % {"count": done})

    @admin.action(description=_("Mark as attended"), permissions=["change"])
    def mark_attended(self, request, queryset):
        self._mark(request, queryset, Booking.Attendance.ATTENDED)

    @admin.action(description=_("Mark as absent"), permissions=["change"])
    def mark_absent(self, request, queryset):
        self._mark(request, queryset, Booking.Attendance.ABSENT)
