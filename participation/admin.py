from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from welfare_portal.staff_admin import StaffHistoryAdmin, StaffModelAdmin

from . import services
from .models import (
    Activity,
    District,
    Enquiry,
    HostOrganization,
    Interest,
    Offer,
    Participant,
    Placement,
    PlacementLog,
    WorkReferral,
)


@admin.register(Interest)
class InterestAdmin(StaffModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


@admin.register(District)
class DistrictAdmin(StaffModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


class HostedActivityInline(admin.TabularInline):
    """The activities a host organisation offers; each is edited on its own page."""

    model = Activity
    fields = ["title", "setting", "load", "places", "is_published"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    verbose_name_plural = _("activities they host")

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(HostOrganization)
class HostOrganizationAdmin(StaffModelAdmin):
    list_display = ["name", "kind", "contact_name", "contact_role", "phone", "email"]
    search_fields = ["name", "contact_name", "address"]
    list_filter = ["kind"]
    fieldsets = [
        (None, {"fields": ["name", "kind", "address", "notes"]}),
        (_("Contact person"), {"fields": ["contact_name", "contact_role", "phone", "email"]}),
    ]
    inlines = [HostedActivityInline]


class WeekGridMedia:
    """The days-and-times checkboxes laid out as a week."""

    css = {"all": ["css/participation_staff.css"]}


def _staff_link(url, label):
    return format_html('<a href="{}">{}</a>', url, label)


@admin.register(Activity)
class ActivityAdmin(StaffModelAdmin):
    list_display = [
        "title",
        "host",
        "setting",
        "load",
        "contact",
        "pace",
        "places",
        "reward",
        "is_published",
        "order",
        "suited_link",
    ]
    list_select_related = ["host"]
    list_filter = [
        "is_published",
        "setting",
        "load",
        "pace",
        "contact",
        "reward",
        "goal",
        "district",
        "interests",
    ]
    list_editable = ["is_published", "order"]
    search_fields = ["title", "summary", "host__name", "place"]
    filter_horizontal = ["interests"]
    autocomplete_fields = ["host"]
    readonly_fields = ["suited_link"]
    Media = WeekGridMedia
    fieldsets = [
        (None, {"fields": ["title", "summary", "host", "place", "district", "time_needed", "interests"]}),
        (_("Who it suits"), {"fields": ["setting", "load", "contact", "pace", "goal", "slots"]}),
        (_("Places and reward"), {"fields": ["places", "reward", "reward_note"]}),
        (_("Menu"), {"fields": ["is_published", "order", "suited_link"]}),
    ]

    @admin.display(description=_("Suited participants"))
    def suited_link(self, obj):
        if obj.pk is None:
            return "—"
        return _staff_link(reverse("participation_staff:activity-detail", args=[obj.pk]), _("Open"))


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    show_change_link = True

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PlacementInline(ReadOnlyInline):
    """Placements at a glance; they move on the staff pages or with the placement list's actions."""

    model = Placement
    fields = ["activity", "stage", "visit_date", "trial_start", "ongoing_start", "end_date", "end_reason"]


class OfferInline(ReadOnlyInline):
    """What was offered and how they answered."""

    model = Offer
    fields = ["activity", "kind", "offered_on", "reasons", "response", "responded_on", "response_note"]
    show_change_link = False


class PlacedFilter(admin.SimpleListFilter):
    title = _("placements")
    parameter_name = "placed"

    def lookups(self, request, model_admin):
        return [("none", _("no open placement")), ("open", _("with an open placement"))]

    def queryset(self, request, queryset):
        open_placements = Placement.objects.open().values("participant_id")
        if self.value() == "none":
            return queryset.exclude(pk__in=open_placements)
        if self.value() == "open":
            return queryset.filter(pk__in=open_placements)
        return queryset


@admin.register(Participant)
class ParticipantAdmin(StaffHistoryAdmin):
    list_display = [
        "person",
        "goal",
        "contact_comfort",
        "preferred_pace",
        "max_load",
        "is_active",
        "last_contacted_on",
        "suggestions_link",
    ]
    list_select_related = ["person"]
    list_filter = [
        "is_active",
        PlacedFilter,
        "goal",
        "contact_comfort",
        "preferred_pace",
        "max_load",
        "preferred_setting",
        "reward_wanted",
        "district",
        "interests",
    ]
    search_fields = [
        "person__family_name",
        "person__given_name",
        "person__family_name_kana",
        "person__given_name_kana",
    ]
    autocomplete_fields = ["person"]
    filter_horizontal = ["interests"]
    inlines = [PlacementInline, OfferInline]
    readonly_fields = ["suggestions_link", "last_contacted_on"]
    Media = WeekGridMedia
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "person",
                    "is_active",
                    "coordinator",
                    "goal",
                    "suggestions_link",
                    "last_contacted_on",
                ]
            },
        ),
        (_("What they like"), {"fields": ["interests", "reward_wanted"]}),
        (
            _("What suits them"),
            {
                "fields": [
                    "available_slots",
                    "preferred_setting",
                    "max_load",
                    "physical_notes",
                    "contact_comfort",
                    "preferred_pace",
                    "district",
                    "travel",
                ]
            },
        ),
        (None, {"fields": ["notes"]}),
    ]

    @admin.display(description=_("Suggestions and offers"))
    def suggestions_link(self, obj):
        if obj.pk is None:
            return "—"
        return _staff_link(reverse("participation_staff:profile-detail", args=[obj.pk]), _("Open"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "coordinator":
            kwargs["initial"] = request.user.pk
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class WaitingFilter(admin.SimpleListFilter):
    title = _("waiting")
    parameter_name = "waiting"

    def lookups(self, request, model_admin):
        return [("long", _("no answer for a week or more"))]

    def queryset(self, request, queryset):
        if self.value() == "long":
            return queryset.waiting_long(today=timezone.localdate())
        return queryset


@admin.register(Offer)
class OfferAdmin(StaffHistoryAdmin):
    """Offers are recorded from a profile's suggestions or an activity's suited participants."""

    list_display = [
        "participant",
        "activity",
        "kind",
        "offered_on",
        "response",
        "responded_on",
        "profile_link",
    ]
    list_select_related = ["participant__person", "activity"]
    list_filter = [WaitingFilter, "response", "kind", "activity"]
    search_fields = [
        "participant__person__family_name",
        "participant__person__family_name_kana",
        "activity__title",
    ]
    date_hierarchy = "offered_on"
    fields = [
        "participant",
        "activity",
        "kind",
        "offered_on",
        "offered_by",
        "reasons",
        "response",
        "responded_on",
        "response_note",
        "profile_link",
    ]
    readonly_fields = fields
    actions = ["mark_no_answer"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("Profile"))
    def profile_link(self, obj):
        return _staff_link(
            reverse("participation_staff:profile-detail", args=[obj.participant_id]), _("Open")
        )

    @admin.action(description=_("Record: no answer"), permissions=["change"])
    def mark_no_answer(self, request, queryset):
        done = 0
        for offer in queryset:
            try:
                services.offer_respond(offer=offer, response=Offer.Response.NO_ANSWER)
            except services.ParticipationError as error:
                self.message_user(request, f"{offer}: {error}", messages.WARNING)
            else:
                done += 1
        self.message_user(request, ngettext("%d offer updated.", "%d offers updated.", done) % done)


class NextStepFilter(admin.SimpleListFilter):
    title = _("next step")
    parameter_name = "next_step"

    def lookups(self, request, model_admin):
        return [("due", _("needs a next step")), ("visit_soon", _("visit within a week"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "due":
            return queryset.needing_next_step(today=today)
        if self.value() == "visit_soon":
            return queryset.visits_soon(today=today)
        return queryset


class PlacementLogForm(forms.ModelForm):
    """A day's log is checked by the same rule as on the staff page (not before the visit …)."""

    class Meta:
        model = PlacementLog
        fields = ["date", "attended", "hours", "their_words", "staff_notes", "next_step"]

    def clean(self):
        cleaned = super().clean()
        placement = self.instance.placement if self.instance.placement_id else None
        if placement is not None and cleaned.get("date") and not self.errors:
            try:
                services.placement_log_check(
                    placement=placement,
                    date=cleaned["date"],
                    attended=cleaned.get("attended", True),
                    hours=cleaned.get("hours"),
                )
            except services.ParticipationError as error:
                raise ValidationError(str(error)) from error
        return cleaned


class PlacementLogInline(admin.TabularInline):
    model = PlacementLog
    form = PlacementLogForm
    fields = ["date", "attended", "hours", "their_words", "staff_notes", "next_step", "written_by"]
    readonly_fields = ["written_by"]
    extra = 1
    can_delete = False


class PlacementAddForm(forms.ModelForm):
    """見学 arranged from the admin: the same checks as the service that saves it."""

    class Meta:
        model = Placement
        fields = ["participant", "activity", "visit_date"]

    def clean(self):
        cleaned = super().clean()
        participant, activity = cleaned.get("participant"), cleaned.get("activity")
        if participant and activity and participant.placements.filter(activity=activity).open().exists():
            raise ValidationError(str(services.AlreadyPlaced.message))
        return cleaned

    def validate_unique(self):
        # The open-placement rule is checked (in words) in clean().
        pass


class PlacementActionForm(ActionForm):
    end_reason = forms.ChoiceField(
        label=_("Why it ended"), choices=[("", "---------")] + Placement.EndReason.choices, required=False
    )


@admin.register(Placement)
class PlacementAdmin(StaffHistoryAdmin):
    list_display = [
        "participant",
        "activity",
        "stage",
        "visit_date",
        "stage_since",
        "end_reason",
        "staff_page_link",
    ]
    list_select_related = ["participant__person", "activity"]
    list_filter = [NextStepFilter, "stage", "end_reason", "activity"]
    search_fields = [
        "participant__person__family_name",
        "participant__person__family_name_kana",
        "activity__title",
    ]
    date_hierarchy = "visit_date"
    autocomplete_fields = ["participant", "activity"]
    inlines = [PlacementLogInline]
    action_form = PlacementActionForm
    actions = ["start_trial", "mark_ongoing", "end_placements"]
    # The stage and its dates move through the actions and the staff page, which call the services.
    readonly_fields = [
        "participant",
        "activity",
        "stage",
        "visit_date",
        "trial_start",
        "ongoing_start",
        "end_date",
        "end_reason",
        "end_note",
        "staff_page_link",
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = PlacementAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return self.readonly_fields

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["participant", "activity", "visit_date"]
        return self.readonly_fields

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    @admin.display(description=_("Since"))
    def stage_since(self, obj):
        return obj.stage_since()

    @admin.display(description=_("Staff page"))
    def staff_page_link(self, obj):
        return _staff_link(reverse("participation_staff:placement-detail", args=[obj.pk]), _("Open"))

    def save_model(self, request, obj, form, change):
        if change:
            return  # nothing on the placement itself is edited here; logs are saved in save_formset
        placement = services.placement_arrange_visit(
            participant=obj.participant, activity=obj.activity, visit_date=obj.visit_date, by=request.user
        )
        obj.pk = placement.pk
        obj._state.adding = False

    def save_formset(self, request, form, formset, change):
        for log in formset.save(commit=False):
            if log.pk is None:
                try:
                    services.placement_log_add(
                        placement=log.placement,
                        date=log.date,
                        attended=log.attended,
                        hours=log.hours,
                        their_words=log.their_words,
                        staff_notes=log.staff_notes,
                        next_step=log.next_step,
                        written_by=request.user,
                    )
                except services.ParticipationError as error:
                    self.message_user(request, str(error), messages.ERROR)
            else:
                log.save()

    def _move(self, request, queryset, move, done_message):
        done = 0
        for placement in queryset.select_related("participant__person", "activity"):
            try:
                move(placement)
            except services.ParticipationError as error:
                self.message_user(request, f"{placement}: {error}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Visit done: start a trial (体験)"), permissions=["change"])
    def start_trial(self, request, queryset):
        self._move(
            request,
            queryset,
            lambda p: services.placement_start_trial(placement=p),
            _("%(count)d placements moved to trying out."),
        )

    @admin.action(description=_("Trial done: taking part (継続)"), permissions=["change"])
    def mark_ongoing(self, request, queryset):
        self._move(
            request,
            queryset,
            lambda p: services.placement_continue(placement=p),
            _("%(count)d placements moved to taking part."),
        )

    @admin.action(description=_("End the selected placements (choose why)"), permissions=["change"])
    def end_placements(self, request, queryset):
        reason = request.POST.get("end_reason", "")
        if reason not in Placement.EndReason.values:
            self.message_user(request, _("Please choose why they ended, next to the action."), messages.ERROR)
            return
        self._move(
            request,
            queryset,
            lambda p: services.placement_end(placement=p, reason=reason),
            _("%(count)d placements ended."),
        )


@admin.register(WorkReferral)
class WorkReferralAdmin(StaffHistoryAdmin):
    """Referrals are made from a profile or a placement page; their status moves with the actions."""

    list_display = ["participant", "kind", "organisation", "referred_on", "status"]
    list_select_related = ["participant__person"]
    list_filter = ["kind", "status"]
    search_fields = [
        "participant__person__family_name",
        "participant__person__family_name_kana",
        "organisation",
    ]
    date_hierarchy = "referred_on"
    fields = [
        "participant",
        "placement",
        "kind",
        "organisation",
        "referred_on",
        "note",
        "status",
        "referred_by",
    ]
    readonly_fields = fields
    actions = ["mark_started", "mark_not_proceeded"]

    def has_add_permission(self, request):
        return False

    def _set(self, request, queryset, status):
        for referral in queryset:
            services.work_referral_set_status(referral=referral, status=status)
        self.message_user(request, _("%(count)d referrals updated.") % {"count": queryset.count()})

    @admin.action(description=_("Mark as started there"), permissions=["change"])
    def mark_started(self, request, queryset):
        self._set(request, queryset, WorkReferral.Status.STARTED)

    @admin.action(description=_("Mark as did not go ahead"), permissions=["change"])
    def mark_not_proceeded(self, request, queryset):
        self._set(request, queryset, WorkReferral.Status.NOT_PROCEEDED)


@admin.register(Enquiry)
class EnquiryAdmin(StaffHistoryAdmin):
    """Messages from the public menu. They are answered on the staff page (link, contact, close)."""

    list_display = ["reference", "submitted_at", "activity", "name", "status", "answer_link"]
    list_select_related = ["activity"]
    list_filter = ["status", "activity"]
    search_fields = ["reference", "name", "name_kana", "phone", "email"]
    date_hierarchy = "submitted_at"
    fields = [
        "reference",
        "submitted_at",
        "activity",
        "name",
        "name_kana",
        "contact_method",
        "phone",
        "email",
        "contact_times",
        "wants_company",
        "message",
        "status",
        "handled_by",
        "participant",
        "closed_reason",
        "answer_link",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("Answer"))
    def answer_link(self, obj):
        return _staff_link(reverse("participation_staff:enquiry-detail", args=[obj.pk]), _("Open"))
