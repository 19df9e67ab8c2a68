"""地域づくり: areas (圏域), community meetings, and the local needs and ideas followed up after them."""

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from welfare_portal.staff_admin import StaffHistoryAdmin

from .. import services
from ..models import Area, CommunityMeeting, CommunityMeetingAttendee, CommunityNeed, CommunityNeedFollowUp
from .base import ServiceAdminMixin, area_filter, date_column, formset_rows, user_name


@admin.register(Area)
class AreaAdmin(ServiceAdminMixin, StaffHistoryAdmin):
    list_display = ["name", "layer", "parent", "order", "is_active", "summary_link"]
    list_select_related = ["parent"]
    list_filter = ["layer", "is_active"]
    search_fields = ["name", "parent__name"]
    autocomplete_fields = ["parent"]
    ordering = ["layer", "parent__name", "order", "name"]
    fields = ["name", "layer", "parent", "order", "is_active"]

    def save_with_service(self, request, form, formsets, change):
        services.area_save(area=form.instance, by=request.user)

    @admin.display(description=_("needs and figures"))
    def summary_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("consultations_staff:area-detail", args=[obj.pk]), _("open")
        )


class AttendeeInline(admin.TabularInline):
    model = CommunityMeetingAttendee
    extra = 2
    fields = ["kind", "name", "headcount"]


class NeedInline(admin.StackedInline):
    model = CommunityNeed
    fk_name = "meeting"
    extra = 1
    fields = [("title", "kind"), "description", ("area", "follow_up_on"), "status"]
    readonly_fields = ["status"]
    autocomplete_fields = ["area"]
    show_change_link = True
    verbose_name_plural = _("needs and ideas that came out of the meeting")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "description" and field is not None:
            field.widget.attrs["rows"] = 2
        if db_field.name == "area" and field is not None:
            field.required = False
            field.help_text = _("Empty: the meeting's area.")
        return field


@admin.register(CommunityMeeting)
class CommunityMeetingAdmin(ServiceAdminMixin, StaffHistoryAdmin):
    list_display = ["held_column", "title", "area", "layer_column", "place"]
    list_select_related = ["area"]
    list_filter = ["area__layer", area_filter("area")]
    search_fields = ["title", "place", "topics", "area__name"]
    date_hierarchy = "held_on"
    autocomplete_fields = ["area"]
    inlines = [AttendeeInline, NeedInline]
    fields = ["area", "title", ("held_on", "place"), "topics", "notes", "recorded_by"]
    readonly_fields = ["recorded_by"]

    def get_changeform_initial_data(self, request):
        return {"held_on": timezone.localdate(), **super().get_changeform_initial_data(request)}

    def save_with_service(self, request, form, formsets, change):
        attendees, gone_attendees = formset_rows(formsets, CommunityMeetingAttendee)
        needs, gone_needs = formset_rows(formsets, CommunityNeed)
        services.community_meeting_save(
            meeting=form.instance,
            attendees=attendees,
            needs=needs,
            deleted=[*gone_attendees, *gone_needs],
            by=request.user,
        )

    @admin.display(description=_("held on"), ordering="held_on")
    def held_column(self, obj):
        return date_column(obj.held_on)

    @admin.display(description=_("layer"), ordering="area__layer")
    def layer_column(self, obj):
        return obj.area.get_layer_display()


class FollowUpInline(admin.TabularInline):
    model = CommunityNeedFollowUp
    extra = 1
    fields = ["followed_up_on", "status", "note", "by_name"]
    readonly_fields = ["by_name"]
    verbose_name_plural = _("follow-ups (add one to change the status)")

    def has_change_permission(self, request, obj=None):
        return False  # a follow-up is a record of what was done: added, not rewritten

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("by"))
    def by_name(self, obj):
        return user_name(obj.by) if obj and obj.pk else "—"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "followed_up_on" and field is not None:
            field.initial = timezone.localdate()
        if db_field.name == "note" and field is not None:
            field.widget.attrs.update(rows=2, cols=40)
        return field


class FollowUpDueFilter(admin.SimpleListFilter):
    title = _("follow-up")
    parameter_name = "follow_up"

    def lookups(self, request, model_admin):
        return [("due", _("Follow-up date reached"))]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.follow_up_due(today=timezone.localdate())
        return queryset


class OpenNeedFilter(admin.SimpleListFilter):
    title = _("open")
    parameter_name = "open"

    def lookups(self, request, model_admin):
        return [("yes", _("Not started or being worked on"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.open()
        return queryset


@admin.register(CommunityNeed)
class CommunityNeedAdmin(ServiceAdminMixin, StaffHistoryAdmin):
    list_display = ["title", "kind", "area", "status", "follow_up_column", "meeting"]
    list_select_related = ["area", "meeting"]
    list_filter = [FollowUpDueFilter, OpenNeedFilter, "status", "kind", "area__layer", area_filter("area")]
    search_fields = ["title", "description", "area__name"]
    autocomplete_fields = ["area"]
    raw_id_fields = ["meeting"]
    inlines = [FollowUpInline]
    fields = ["title", "kind", "area", "meeting", "description", ("status", "closed_on"), "follow_up_on"]
    readonly_fields = ["status", "closed_on"]

    def save_with_service(self, request, form, formsets, change):
        need = services.community_need_save(need=form.instance, by=request.user)
        follow_ups, _gone = formset_rows(formsets, CommunityNeedFollowUp)
        for follow_up in follow_ups:
            if follow_up.pk is None:
                services.community_need_follow_up(
                    need=need,
                    status=follow_up.status,
                    note=follow_up.note,
                    on=follow_up.followed_up_on,
                    follow_up_on=form.cleaned_data.get("follow_up_on"),
                    by=request.user,
                )

    @admin.display(description=_("follow up by"), ordering="follow_up_on")
    def follow_up_column(self, obj):
        if obj.follow_up_on and obj.is_open and obj.follow_up_on <= timezone.localdate():
            return format_html(
                '<strong class="overdue">{} ({})</strong>', date_column(obj.follow_up_on), _("due")
            )
        return date_column(obj.follow_up_on)
