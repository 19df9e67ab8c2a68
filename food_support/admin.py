from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from welfare_portal.staff_admin import StaffHistoryAdmin, StaffModelAdmin

from . import services
from .messaging import report_roster
from .models import Distribution, FoodApplication, FoodRegistration, PickupPlace, RosterEntry


@admin.register(PickupPlace)
class PickupPlaceAdmin(StaffModelAdmin):
    list_display = ["name", "address", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "address"]


@admin.register(FoodApplication)
class FoodApplicationAdmin(StaffHistoryAdmin):
    list_display = [
        "reference",
        "full_name",
        "full_name_kana",
        "age",
        "household_size",
        "preferred_place",
        "status",
        "created_at",
    ]
    list_select_related = ["preferred_place"]
    list_filter = ["status", "preferred_place"]
    search_fields = [
        "reference",
        "family_name",
        "given_name",
        "family_name_kana",
        "given_name_kana",
        "phone",
        "email",
    ]
    date_hierarchy = "created_at"
    raw_id_fields = ["registration"]
    readonly_fields = ["reference", "status", "registration", "reviewed_by", "reviewed_at", "created_at"]
    # Registering goes through the review page, which searches for existing records first.
    exclude = ["submission_token"]


class RosterEntryInline(admin.TabularInline):
    model = RosterEntry
    fields = [
        "registration",
        "parcel_size",
        "adults",
        "children",
        "picked_up",
        "picked_up_at",
        "by_proxy",
        "proxy_name",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("registration__person", "registration__household")


@admin.register(FoodRegistration)
class FoodRegistrationAdmin(StaffHistoryAdmin):
    list_display = [
        "display_name",
        "household",
        "household_size",
        "pickup_place",
        "status",
        "registered_on",
        "review_due_on",
    ]
    list_select_related = ["person", "household", "pickup_place"]
    list_filter = ["status", "pickup_place"]
    search_fields = [
        "person__family_name",
        "person__given_name",
        "person__family_name_kana",
        "person__given_name_kana",
        "person__phone",
        "household__name",
        "household__address",
    ]
    date_hierarchy = "registered_on"
    autocomplete_fields = ["person", "household"]
    # Status changes need a reason and go through the service (staff page or actions).
    readonly_fields = ["status", "status_reason", "staff_page", "created_at", "updated_at"]
    actions = ["renew"]

    @admin.display(description=_("status, renewal and pick-ups"))
    def staff_page(self, obj):
        if obj.pk is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("food_support_staff:registration-detail", args=[obj.pk]),
            _("Open the registration page"),
        )

    @admin.action(description=_("Renew for another year from today"), permissions=["change"])
    def renew(self, request, queryset):
        for registration in queryset:
            services.registration_renew(registration=registration)
        count = queryset.count()
        self.message_user(
            request,
            ngettext("%(count)d registration renewed.", "%(count)d registrations renewed.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Distribution)
class DistributionAdmin(StaffModelAdmin):
    list_display = ["date", "place", "starts_at", "ends_at"]
    list_select_related = ["place"]
    list_filter = ["place"]
    date_hierarchy = "date"
    search_fields = ["place__name", "notes"]
    inlines = [RosterEntryInline]
    actions = ["generate_roster"]

    @admin.action(description=_("Generate roster (adds newcomers, keeps existing rows)"), permissions=["add"])
    def generate_roster(self, request, queryset):
        for distribution in queryset.select_related("place"):
            report_roster(request, services.roster_generate(distribution=distribution))


@admin.register(RosterEntry)
class RosterEntryAdmin(StaffHistoryAdmin):
    list_display = [
        "registration",
        "distribution",
        "parcel_size",
        "picked_up",
        "picked_up_at",
        "by_proxy",
        "proxy_name",
    ]
    list_select_related = ["registration__person", "registration__household", "distribution__place"]
    list_filter = ["picked_up", "by_proxy", "distribution__place"]
    search_fields = [
        "registration__person__family_name",
        "registration__person__family_name_kana",
        "proxy_name",
    ]
    date_hierarchy = "picked_up_at"
    # Rows come from roster generation and ticks from the roster page (both services,
    # which keep the counts, the parcel size and "one tick" right): here they are read only.
    fields = [
        "distribution",
        "registration",
        "parcel_size",
        "adults",
        "children",
        "picked_up",
        "picked_up_at",
        "by_proxy",
        "proxy_name",
        "checked_by",
        "created_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False
