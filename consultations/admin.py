"""The staff's main tool: intake queue, people, households and case records."""

import datetime

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import linebreaksbr
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from welfare_portal.staff_admin import StaffHistoryAdmin, StaffModelAdmin

from . import selectors, services
from .forms import CaseOpenForm
from .models import (
    Agency,
    Assessment,
    Case,
    ConcernReport,
    ConsultationRequest,
    ContactLog,
    Household,
    IntakeStatus,
    Meeting,
    MeetingCaseReview,
    OutreachVisit,
    Person,
    PlanGoal,
    PlanRole,
    Referral,
    SupportPlan,
)


def _sees_case_records(request):
    return request.user.has_perm("consultations.view_case")


class LinkOnlyForCoordinatorsMixin:
    """Person and household pages for staff who may link people but not read their cases.

    Coordinators look people up to link a booking or a food registration. They
    must not learn who has a case, nor read the case workers' notes or the
    household's sensitive flags: not in the form, the list, the filters or the
    history (and StaffAdminMixin refuses any filter a role is not shown).
    """

    case_worker_fields = [
        "notes",
        "flag_8050",
        "flag_young_carer",
        "flag_single_parent",
        "flag_disability",
        "flag_financial_hardship",
        "flag_withdrawal",
    ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "sees_case_records": _sees_case_records(request)}
        return super().change_view(request, object_id, form_url, extra_context)

    def has_history_permission(self, request, obj=None):
        # Past versions show every field, notes and flags included.
        return _sees_case_records(request) and super().has_history_permission(request, obj)

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        if _sees_case_records(request):
            return filters
        return [f for f in filters if not any(flag in str(f) for flag in HOUSEHOLD_FLAGS)]

    def get_list_display(self, request):
        display = super().get_list_display(request)
        if _sees_case_records(request):
            return display
        return [f for f in display if f not in HOUSEHOLD_FLAGS]

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        if not _sees_case_records(request):
            exclude += [f for f in self.case_worker_fields if f not in exclude]
        return exclude

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if _sees_case_records(request):
            return fieldsets
        hidden = set(self.case_worker_fields)
        cleaned = []
        for name, options in fieldsets:
            fields = []
            for item in options.get("fields", []):
                if isinstance(item, (list, tuple)):
                    item = tuple(f for f in item if f not in hidden)
                    if item:
                        fields.append(item)
                elif item not in hidden:
                    fields.append(item)
            if fields:
                cleaned.append((name, {**options, "fields": fields}))
        return cleaned


HOUSEHOLD_FLAGS = [
    "flag_8050",
    "flag_young_carer",
    "flag_single_parent",
    "flag_disability",
    "flag_financial_hardship",
    "flag_withdrawal",
]


def _checkbox_topics(db_field, kwargs):
    if db_field.name == "topics":
        kwargs["widget"] = forms.CheckboxSelectMultiple
    return kwargs


# --- People and households ---------------------------------------------------------


class PersonInline(admin.TabularInline):
    model = Person
    fields = [
        "family_name",
        "given_name",
        "family_name_kana",
        "given_name_kana",
        "relationship",
        "birth_date",
    ]
    extra = 0
    show_change_link = True


class PersonCaseInline(admin.TabularInline):
    """The person's cases; shown only to roles that may see case records."""

    model = Case
    fk_name = "person"
    fields = ["reference", "status", "channel", "worker", "opened_on", "closed_on"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False
    verbose_name_plural = _("cases")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Household)
class HouseholdAdmin(LinkOnlyForCoordinatorsMixin, StaffHistoryAdmin):
    list_display = ["name", "address", *HOUSEHOLD_FLAGS[:2], "flag_single_parent", "flag_financial_hardship"]
    list_filter = HOUSEHOLD_FLAGS
    search_fields = ["name", "address", "phone", "members__family_name", "members__family_name_kana"]
    inlines = [PersonInline]
    readonly_fields = ["whole_record"]

    @admin.display(description=_("Everything about this household"))
    def whole_record(self, obj):
        if obj.pk is None:
            return "-"
        # The timeline page lives in welfare_portal (it gathers every app); linked by path name.
        return format_html(
            '<a href="{}">{}</a>', reverse("staff-household-timeline", args=[obj.pk]), _("Open the timeline")
        )


@admin.register(Person)
class PersonAdmin(LinkOnlyForCoordinatorsMixin, StaffHistoryAdmin):
    list_display = ["full_name", "full_name_kana", "birth_date", "phone", "household", "relationship"]
    list_select_related = ["household"]
    list_filter = [f"household__{flag}" for flag in HOUSEHOLD_FLAGS]
    search_fields = ["family_name", "given_name", "family_name_kana", "given_name_kana", "phone", "email"]
    autocomplete_fields = ["household"]
    readonly_fields = ["whole_record", "created_by", "created_at", "updated_at"]
    inlines = [PersonCaseInline]
    fieldsets = [
        (None, {"fields": [("family_name", "given_name"), ("family_name_kana", "given_name_kana")]}),
        (_("Age"), {"fields": [("birth_date", "age_estimate")]}),
        (_("Contact"), {"fields": [("phone", "email"), "postal_code", "address"]}),
        (_("household"), {"fields": [("household", "relationship")]}),
        (None, {"fields": ["notes", ("created_by", "created_at", "updated_at")]}),
        (_("Everything about this person"), {"fields": ["whole_record"]}),
    ]

    @admin.display(description=_("Across all programmes"))
    def whole_record(self, obj):
        if obj.pk is None:
            return "-"
        return format_html(
            '<a href="{}">{}</a>', reverse("staff-person-timeline", args=[obj.pk]), _("Open the timeline")
        )

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if not change:
            self._warn_about_possible_duplicates(request, obj)

    def _warn_about_possible_duplicates(self, request, person):
        """People are entered by hand too: point at likely duplicates so they can be merged."""
        similar = [
            p
            for p, _reasons in services.person_match_suggestions(
                family_name=person.family_name,
                given_name=person.given_name,
                kana=f"{person.family_name_kana} {person.given_name_kana}".strip(),
                phone=person.phone,
                birth_date=person.birth_date,
            )
            if p.pk != person.pk
        ]
        if similar:
            links = format_html_join(
                "、",
                '<a href="{}">{}</a>',
                (
                    (reverse("admin:consultations_person_change", args=[p.pk]), p.full_name)
                    for p in similar[:5]
                ),
            )
            self.message_user(
                request,
                format_html("{} {}", _("Someone with similar details is already registered:"), links),
                messages.WARNING,
            )


def _suggestions_for(details):
    kana = " ".join(filter(None, [details.get("family_name_kana"), details.get("given_name_kana")]))
    return services.person_match_suggestions(
        family_name=details.get("family_name", ""),
        given_name=details.get("given_name", ""),
        kana=kana,
        phone=details.get("phone", ""),
        birth_date=_date_or_none(details.get("birth_date")),
    )


def _date_or_none(value):
    if not value or isinstance(value, datetime.date):
        return value or None
    try:
        return parse_date(value)
    except ValueError:
        return None


# --- Intake queue --------------------------------------------------------------------


class IntakeAdmin(StaffHistoryAdmin):
    """Shared by both kinds of intake: newest first, triage status, make into a case."""

    list_filter = ["status"]
    list_select_related = ["case", "handled_by"]
    date_hierarchy = "submitted_at"
    ordering = ["-submitted_at", "-pk"]
    actions = ["open_case", "mark_in_progress", "mark_no_action"]
    list_per_page = 50

    def has_add_permission(self, request):
        return False  # intake comes from the public forms

    def get_readonly_fields(self, request, obj=None):
        editable = {"status", "staff_notes", "handled_by"}
        return [
            "reference",
            "submitted_at",
            *[
                f.name
                for f in [*self.model._meta.fields, *self.model._meta.many_to_many]
                if f.name not in editable and f.editable and f.name != "id"
            ],
        ]

    @admin.display(description=_("case"))
    def case_link(self, obj):
        if obj.case_id is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:consultations_case_change", args=[obj.case_id]),
            obj.case.reference,
        )

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            path(
                "<int:pk>/open-case/",
                self.admin_site.admin_view(self.open_case_view),
                name="{}_{}_open_case".format(*info),
            ),
            *super().get_urls(),
        ]

    @admin.action(description=_("Make the selected intake into a case"), permissions=["open_case"])
    def open_case(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(
                request, _("Please choose exactly one intake to make into a case."), messages.WARNING
            )
            return None
        intake = queryset.get()
        info = self.model._meta.app_label, self.model._meta.model_name
        return redirect("admin:{}_{}_open_case".format(*info), pk=intake.pk)

    def has_open_case_permission(self, request, obj=None):
        return request.user.has_perm("consultations.add_case") and self.has_change_permission(request, obj)

    def _set_status(self, request, queryset, status):
        count = services.intake_status_set(intakes=queryset, status=status, user=request.user)
        self.message_user(request, ngettext("%d intake updated.", "%d intakes updated.", count) % count)

    @admin.action(description=_("Mark as in progress"), permissions=["change"])
    def mark_in_progress(self, request, queryset):
        self._set_status(request, queryset, IntakeStatus.IN_PROGRESS)

    @admin.action(description=_("Mark as no action needed"), permissions=["change"])
    def mark_no_action(self, request, queryset):
        self._set_status(request, queryset, IntakeStatus.NO_ACTION)

    def open_case_view(self, request, pk):
        # Permission first, so a 404 never tells someone without it that the intake exists.
        if not self.has_open_case_permission(request):
            raise PermissionDenied
        intake = get_object_or_404(self.model, pk=pk)
        if intake.case_id:
            self.message_user(request, services.AlreadyConverted.message, messages.WARNING)
            return redirect("admin:consultations_case_change", intake.case_id)
        details = services.intake_person_details(intake)
        source = request.POST if request.method == "POST" else None
        # Suggestions from what the intake says and from what the worker typed.
        suggestions = _suggestions_for(details)
        if source:
            seen = {person.pk for person, _reasons in suggestions}
            suggestions += [s for s in _suggestions_for(source) if s[0].pk not in seen]
        initial = {
            **details,
            "worker": request.user.pk,
            "person_choice": CaseOpenForm.NEW,
            "topics": list(intake.topics.all()) if isinstance(intake, ConsultationRequest) else [],
        }
        form = CaseOpenForm(source, initial=initial, suggestions=suggestions)
        if request.method == "POST" and form.is_valid():
            person = form.chosen_person()
            try:
                case = services.case_open_from_intake(
                    intake=intake,
                    worker=form.cleaned_data["worker"],
                    person=person,
                    person_fields=None if person else form.person_fields(),
                    household=form.cleaned_data["household"],
                    topics=form.cleaned_data["topics"],
                )
            except services.IntakeError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(request, _("Case %(reference)s opened.") % {"reference": case.reference})
                return redirect("admin:consultations_case_change", case.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Make %(reference)s into a case") % {"reference": intake.reference},
            "opts": self.model._meta,
            "intake": intake,
            "is_request": isinstance(intake, ConsultationRequest),
            "form": form,
            "suggestions": suggestions,
        }
        return TemplateResponse(request, "admin/consultations/open_case.html", context)


@admin.register(ConsultationRequest)
class ConsultationRequestAdmin(IntakeAdmin):
    list_display = [
        "reference",
        "submitted_at",
        "status",
        "requester",
        "name",
        "contact_method",
        "topic_list",
        "case_link",
    ]
    list_filter = ["status", "requester", "contact_method", "topics"]
    search_fields = ["reference", "name", "name_kana", "phone", "email"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("topics")

    @admin.display(description=_("topics"))
    def topic_list(self, obj):
        return "、".join(str(topic) for topic in obj.topics.all())


@admin.register(ConcernReport)
class ConcernReportAdmin(IntakeAdmin):
    list_display = [
        "reference",
        "submitted_at",
        "status",
        "urgency",
        "location",
        "reporter_type",
        "case_link",
    ]
    list_filter = ["status", "urgency", "reporter_type"]
    search_fields = ["reference", "location", "subject_name", "reporter_name"]


# --- Cases -----------------------------------------------------------------------------


class MyCasesFilter(admin.SimpleListFilter):
    title = _("my cases")
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("open", _("My open cases")), ("all", _("All my cases"))]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.assigned_to(request.user).open()
        if self.value() == "all":
            return queryset.assigned_to(request.user)
        return queryset


class OverdueFilter(admin.SimpleListFilter):
    title = _("next action")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue next action"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.overdue()
        return queryset


class StalledFilter(admin.SimpleListFilter):
    title = _("contact")
    parameter_name = "stalled"

    def lookups(self, request, model_admin):
        return [("yes", _("No contact for %(days)d days") % {"days": settings.STALLED_CASE_DAYS})]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.stalled()
        return queryset


class ContactLogInline(admin.StackedInline):
    model = ContactLog
    extra = 0
    fields = [
        ("contacted_at", "method", "worker"),
        "participants",
        "summary",
        ("next_action", "next_action_due", "next_action_done"),
    ]
    autocomplete_fields = []
    ordering = ["-contacted_at", "-pk"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("worker")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "worker":
            kwargs.setdefault("initial", request.user.pk)  # who writes the log usually spoke to them
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ReferralInline(admin.TabularInline):
    model = Referral
    extra = 0
    fields = ["agency", "referred_on", "status", "reason", "outcome"]
    autocomplete_fields = ["agency"]


@admin.register(Case)
class CaseAdmin(StaffHistoryAdmin):
    list_display = [
        "reference",
        "person_name",
        "person_kana",
        "status",
        "channel",
        "topic_list",
        "worker_name",
        "opened_on",
        "next_action_due",
    ]
    list_display_links = ["reference", "person_name"]
    list_filter = [
        MyCasesFilter,
        OverdueFilter,
        StalledFilter,
        "status",
        "topics",
        ("worker", admin.RelatedOnlyFieldListFilter),
        "channel",
        *[f"household__{flag}" for flag in HOUSEHOLD_FLAGS],
    ]
    search_fields = [
        "reference",
        "person__family_name",
        "person__given_name",
        "person__family_name_kana",
        "person__given_name_kana",
        "consultation_requests__reference",
        "concern_reports__reference",
    ]
    date_hierarchy = "opened_on"
    autocomplete_fields = ["person", "household"]
    readonly_fields = ["reference", "timeline", "created_at", "updated_at"]
    inlines = [ContactLogInline, ReferralInline]
    list_per_page = 50
    actions = ["advance"]
    fieldsets = [
        (
            None,
            {"fields": ["reference", ("person", "household"), ("channel", "worker"), "topics", "summary"]},
        ),
        (_("Status"), {"fields": ["status", ("opened_on", "closed_on"), "closing_reason"]}),
        (_("Timeline"), {"fields": ["timeline"]}),
        (None, {"fields": [("created_at", "updated_at")]}),
    ]

    def get_queryset(self, request):
        pending = (
            ContactLog.objects.filter(
                case=OuterRef("pk"), next_action_done=False, next_action_due__isnull=False
            )
            .order_by("next_action_due")
            .values("next_action_due")[:1]
        )
        return Case.objects.for_list().annotate(next_due=Subquery(pending))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(db_field, request, **_checkbox_topics(db_field, kwargs))

    @admin.action(description=_("Move the selected cases to the next stage"), permissions=["change"])
    def advance(self, request, queryset):
        moved = 0
        for case in queryset:
            try:
                services.case_advance(case=case)
                moved += 1
            except services.IntakeError as error:
                self.message_user(request, f"{case.reference}: {error}", messages.WARNING)
        self.message_user(request, ngettext("%d case moved on.", "%d cases moved on.", moved) % moved)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "worker":
            kwargs["initial"] = request.user.pk
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not obj.reference:
            obj.reference = services.case_reference_new()
        super().save_model(request, obj, form, change)

    @admin.display(description=_("person"), ordering="person__family_name_kana")
    def person_name(self, obj):
        return obj.person.full_name

    @admin.display(description=_("furigana"))
    def person_kana(self, obj):
        return obj.person.full_name_kana

    @admin.display(description=_("responsible worker"), ordering="worker__last_name")
    def worker_name(self, obj):
        if obj.worker is None:
            return "—"
        return f"{obj.worker.last_name} {obj.worker.first_name}".strip() or obj.worker.get_username()

    @admin.display(description=_("topics"))
    def topic_list(self, obj):
        return "、".join(str(topic) for topic in obj.topics.all())

    @admin.display(description=_("next action by"), ordering="next_due")
    def next_action_due(self, obj):
        if obj.next_due is None:
            return "—"
        if obj.next_due < timezone.localdate():
            return format_html('<strong class="overdue">{} ({})</strong>', obj.next_due, _("overdue"))
        return obj.next_due

    @admin.display(description=_("Timeline"))
    def timeline(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        entries = selectors.case_timeline(obj)
        if not entries:
            return "—"
        rows = format_html_join(
            "",
            "<li><strong>{}</strong> {}<br>{}</li>",
            (
                (
                    timezone.localtime(e.when).strftime("%Y-%m-%d %H:%M")
                    if hasattr(e.when, "hour")
                    else e.when.isoformat(),
                    e.title,
                    linebreaksbr(e.detail),
                )
                for e in entries
            ),
        )
        return format_html('<ol class="case-timeline">{}</ol>', rows)


@admin.register(ContactLog)
class ContactLogAdmin(StaffHistoryAdmin):
    list_display = [
        "contacted_at",
        "case",
        "method",
        "participants",
        "next_action",
        "next_action_due",
        "next_action_done",
    ]
    list_select_related = ["case", "case__person"]
    list_filter = ["method", "next_action_done"]
    search_fields = ["case__reference", "case__person__family_name", "case__person__family_name_kana"]
    date_hierarchy = "contacted_at"
    raw_id_fields = ["case"]


@admin.register(Agency)
class AgencyAdmin(StaffModelAdmin):
    list_display = ["name", "kind", "phone", "contact_person", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "contact_person", "address"]


@admin.register(Referral)
class ReferralAdmin(StaffHistoryAdmin):
    list_display = ["referred_on", "case", "agency", "status"]
    list_select_related = ["case", "case__person", "agency"]
    list_filter = ["status", "agency__kind", "agency"]
    search_fields = [
        "case__reference",
        "case__person__family_name",
        "case__person__family_name_kana",
        "agency__name",
    ]
    date_hierarchy = "referred_on"
    autocomplete_fields = ["agency"]
    raw_id_fields = ["case"]


# --- Assessment, plans, meetings and outreach ----------------------------------------------


CASE_SEARCH = ["case__reference", "case__person__family_name", "case__person__family_name_kana"]


@admin.register(Assessment)
class AssessmentAdmin(StaffHistoryAdmin):
    list_display = ["assessed_on", "case", "assessor"]
    list_select_related = ["case", "case__person", "assessor"]
    search_fields = CASE_SEARCH
    date_hierarchy = "assessed_on"
    autocomplete_fields = ["case"]

    def get_changeform_initial_data(self, request):
        return {"assessor": request.user.pk, **super().get_changeform_initial_data(request)}


class PlanGoalInline(admin.TabularInline):
    model = PlanGoal
    extra = 1
    fields = ["order", "term", "goal", "progress"]


class PlanRoleInline(admin.TabularInline):
    model = PlanRole
    extra = 1
    fields = ["who", "agency", "task"]
    autocomplete_fields = ["agency"]


class PlanReviewDueFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", _("Plans in effect due for review within a week"))]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.review_due()
        return queryset


@admin.register(SupportPlan)
class SupportPlanAdmin(StaffHistoryAdmin):
    list_display = ["case", "version", "status", "made_on", "review_on", "person_agreed"]
    list_select_related = ["case", "case__person"]
    list_filter = [PlanReviewDueFilter, "status", "person_agreed"]
    search_fields = CASE_SEARCH
    date_hierarchy = "made_on"
    autocomplete_fields = ["case"]
    # Status changes only through the actions, which keep one plan in effect per case.
    readonly_fields = ["version", "status", "author"]
    inlines = [PlanGoalInline, PlanRoleInline]
    actions = ["activate", "revise"]

    def save_model(self, request, obj, form, change):
        if not change:
            Case.objects.select_for_update().get(pk=obj.case_id)
            obj.version = services.support_plan_next_version(obj.case_id)
            obj.author = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Put the selected plan in effect"), permissions=["change"])
    def activate(self, request, queryset):
        for plan in queryset:
            services.support_plan_activate(plan=plan)
            self.message_user(request, _("%(plan)s is now in effect.") % {"plan": plan})

    @admin.action(description=_("Revise: make a new version of the selected plan"), permissions=["add"])
    def revise(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Please choose exactly one plan to revise."), messages.WARNING)
            return None
        revised = services.support_plan_revise(plan=queryset.get(), author=request.user)
        return redirect("admin:consultations_supportplan_change", revised.pk)


class MeetingCaseReviewInline(admin.StackedInline):
    model = MeetingCaseReview
    extra = 1
    fields = [("case", "consent_obtained"), "discussion", "decisions"]
    autocomplete_fields = ["case"]


@admin.register(Meeting)
class MeetingAdmin(StaffHistoryAdmin):
    list_display = ["held_at", "kind", "place", "case_count"]
    list_filter = ["kind"]
    search_fields = ["place", "attendees", "agenda", "reviews__case__reference"]
    date_hierarchy = "held_at"
    inlines = [MeetingCaseReviewInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(case_total=Count("reviews"))

    @admin.display(description=_("cases"), ordering="case_total")
    def case_count(self, obj):
        return obj.case_total


class NextVisitFilter(admin.SimpleListFilter):
    title = _("next visit")
    parameter_name = "next_visit"

    def lookups(self, request, model_admin):
        return [("due", _("Next visit due by the end of this week (latest visits)"))]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.next_visit_due()
        return queryset


@admin.register(OutreachVisit)
class OutreachVisitAdmin(StaffHistoryAdmin):
    list_display = ["visited_at", "location", "outcome", "case", "concern_report", "next_visit_on"]
    list_select_related = ["case", "case__person", "concern_report"]
    list_filter = [NextVisitFilter, "outcome"]
    search_fields = ["location", "visitors", *CASE_SEARCH, "concern_report__reference"]
    date_hierarchy = "visited_at"
    autocomplete_fields = ["case"]
    raw_id_fields = ["concern_report"]
