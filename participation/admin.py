from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from welfare_portal.staff_admin import StaffHistoryAdmin, StaffModelAdmin

from . import services
from .models import Activity, HostOrganization, Interest, Participant, Placement, PlacementLog


@admin.register(Interest)
class InterestAdmin(StaffModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


@admin.register(HostOrganization)
class HostOrganizationAdmin(StaffModelAdmin):
    list_display = ["name", "kind", "contact_name", "phone"]
    search_fields = ["name", "contact_name", "address"]
    list_filter = ["kind"]


@admin.register(Activity)
class ActivityAdmin(StaffModelAdmin):
    list_display = ["title", "host", "setting", "pace", "contact", "is_published", "order"]
    list_select_related = ["host"]
    list_filter = ["is_published", "setting", "pace", "contact", "interests"]
    list_editable = ["is_published", "order"]
    search_fields = ["title", "summary", "host__name", "place"]
    filter_horizontal = ["interests"]
    autocomplete_fields = ["host"]


class PlacementInline(admin.TabularInline):
    """Placements at a glance; they are proposed, started and ended on the placement page."""

    model = Placement
    fields = ["activity", "status", "start_date", "end_date"]
    readonly_fields = fields
    extra = 0
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Participant)
class ParticipantAdmin(StaffHistoryAdmin):
    list_display = ["person", "preferred_pace", "contact_comfort", "preferred_setting", "coordinator"]
    list_select_related = ["person", "coordinator"]
    list_filter = ["preferred_pace", "contact_comfort", "preferred_setting", "interests"]
    search_fields = [
        "person__family_name",
        "person__given_name",
        "person__family_name_kana",
        "person__given_name_kana",
    ]
    autocomplete_fields = ["person"]
    filter_horizontal = ["interests"]
    inlines = [PlacementInline]
    readonly_fields = ["suggested_activities"]

    @admin.display(description=_("Activities that suit them"))
    def suggested_activities(self, obj):
        if obj.pk is None:
            return "-"
        matches = services.activities_match(participant=obj)[:5]
        return ", ".join(
            f"{m.activity.title}" + (f" ({'・'.join(m.shared_interests)})" if m.shared_interests else "")
            for m in matches
        ) or _("Nothing suits yet: consider a new activity.")


class PlacementLogInline(admin.TabularInline):
    model = PlacementLog
    fields = ["date", "attended", "hours", "progress", "next_step", "written_by"]
    readonly_fields = ["written_by"]
    extra = 1


@admin.register(Placement)
class PlacementAdmin(StaffHistoryAdmin):
    list_display = ["participant", "activity", "status", "start_date", "end_date"]
    list_select_related = ["participant__person", "activity"]
    list_filter = ["status", "activity"]
    search_fields = [
        "participant__person__family_name",
        "participant__person__family_name_kana",
        "activity__title",
    ]
    date_hierarchy = "start_date"
    autocomplete_fields = ["participant", "activity"]
    inlines = [PlacementLogInline]
    actions = ["start_trial", "mark_ongoing", "end_placements"]
    # Status and dates move through the actions, which call the services.
    readonly_fields = ["status", "start_date", "end_date", "end_reason"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return self.readonly_fields
        return [*self.readonly_fields, "participant", "activity"]

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
            return
        try:
            placement = services.placement_propose(participant=obj.participant, activity=obj.activity)
        except services.AlreadyPlaced:
            # The form's own unique check normally catches this first.
            self.message_user(request, _("This person already takes part in that activity."), messages.ERROR)
            raise
        obj.pk = placement.pk
        obj._state.adding = False

    @admin.action(description=_("Start a trial"), permissions=["change"])
    def start_trial(self, request, queryset):
        for placement in queryset.filter(status=Placement.Status.PROPOSED):
            services.placement_start(placement=placement, trial=True)

    @admin.action(description=_("Mark as taking part"), permissions=["change"])
    def mark_ongoing(self, request, queryset):
        for placement in queryset.exclude(status=Placement.Status.ENDED):
            services.placement_start(placement=placement, trial=False)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for obj in instances:
            if isinstance(obj, PlacementLog) and obj.pk is None:
                services.placement_log_add(
                    placement=obj.placement,
                    date=obj.date,
                    attended=obj.attended,
                    hours=obj.hours,
                    progress=obj.progress,
                    next_step=obj.next_step,
                    written_by=request.user,
                )
            else:
                obj.save()
        formset.save_m2m()

    @admin.action(description=_("End the selected placements"), permissions=["change"])
    def end_placements(self, request, queryset):
        ended = 0
        for placement in queryset.exclude(status=Placement.Status.ENDED):
            services.placement_end(placement=placement, reason=str(_("Ended by a coordinator")))
            ended += 1
        self.message_user(request, _("%(count)d placements ended.") % {"count": ended}, messages.SUCCESS)
