"""Assessments, support plans, meetings and the cases on their agendas."""

import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from welfare_portal.staff_admin import StaffHistoryAdmin

from .. import selectors, services
from ..models import (
    LIFE_AREAS,
    Agency,
    Assessment,
    Case,
    Meeting,
    MeetingCaseReview,
    PlanGoal,
    PlanRole,
    SupportPlan,
    add_months,
)
from .base import (
    CASE_SEARCH,
    FromCaseMixin,
    ObjectToolsMixin,
    ServiceAdminMixin,
    Tool,
    case_link,
    date_column,
    formset_rows,
    get_or_404,
    run_service,
    user_name,
)

# --- Assessments -----------------------------------------------------------------------------------


@admin.register(Assessment)
class AssessmentAdmin(FromCaseMixin, ServiceAdminMixin, StaffHistoryAdmin):
    list_display = ["assessed_column", "case_column", "assessor_column", "ratings_column"]
    list_select_related = ["case", "case__person", "assessor"]
    search_fields = CASE_SEARCH
    date_hierarchy = "assessed_on"
    autocomplete_fields = ["case"]
    readonly_fields = ["assessor"]
    radio_fields = {field: admin.HORIZONTAL for _key, field, _notes, _label in LIFE_AREAS}
    fieldsets = [
        (None, {"fields": ["case", ("assessed_on", "assessor")]}),
        *[
            (label, {"fields": [field, notes], "classes": ["life-area"]})
            for _key, field, notes, label in LIFE_AREAS
        ],
        (_("Strengths, risks and the overall view"), {"fields": ["strengths", "risks", "summary"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(db_field, models.TextField) and field is not None:
            field.widget.attrs["rows"] = 3
        return field

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        field = super().formfield_for_choice_field(db_field, request, **kwargs)
        if db_field.name.endswith("_rating"):
            field.choices = [("", _("not assessed")), *list(field.choices)[1:]]
        return field

    def save_with_service(self, request, form, formsets, change):
        services.assessment_save(assessment=form.instance, by=request.user)

    def _comparison(self, request, assessment):
        if assessment is None:
            case = self._case_from_request(request)
            if case is None:
                return None
            assessment = Assessment(case=case, assessed_on=timezone.localdate())
        previous = selectors.assessment_previous(assessment)
        if previous is None:
            return None
        return {"previous": previous, "changes": selectors.assessment_changes(assessment, previous)}

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "comparison": self._comparison(request, None)}
        return super().add_view(request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        assessment = self.get_object(request, object_id)
        extra_context = {**(extra_context or {}), "comparison": self._comparison(request, assessment)}
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("assessed on"), ordering="assessed_on")
    def assessed_column(self, obj):
        return date_column(obj.assessed_on)

    @admin.display(description=_("case"), ordering="case__reference")
    def case_column(self, obj):
        return case_link(obj.case)

    @admin.display(description=_("assessed by"))
    def assessor_column(self, obj):
        return user_name(obj.assessor)

    @admin.display(description=_("ratings (1 serious – 5 stable)"))
    def ratings_column(self, obj):
        return " ".join(f"{label}{rating or '-'}" for _key, label, rating, _notes in obj.ratings())


# --- Support plans -----------------------------------------------------------------------------------


class _PlanPartInline(admin.StackedInline):
    extra = 1

    def _editable(self, obj):
        return obj is None or services.support_plan_is_editable(obj)

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


class PlanGoalInline(_PlanPartInline):
    model = PlanGoal
    fields = [("goal", "term"), ("order", "progress")]


class PlanRoleInline(_PlanPartInline):
    model = PlanRole
    fields = [("who", "agency"), "task"]
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
class SupportPlanAdmin(ObjectToolsMixin, FromCaseMixin, ServiceAdminMixin, StaffHistoryAdmin):
    list_display = ["case_column", "version", "status", "made_column", "review_column", "person_agreed"]
    list_select_related = ["case", "case__person"]
    list_filter = [PlanReviewDueFilter, "status", "person_agreed"]
    search_fields = CASE_SEARCH
    date_hierarchy = "made_on"
    autocomplete_fields = ["case"]
    inlines = [PlanGoalInline, PlanRoleInline]
    actions = ["activate", "revise"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "case",
                    ("version", "status"),
                    ("made_on", "review_on"),
                    "overall_goal",
                    "person_agreed",
                ]
            },
        ),
        (None, {"fields": [("author", "effective_from", "effective_until")]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        # The status moves only by the actions, which keep one plan in effect per case;
        # a plan never moves to another case.
        readonly = ["version", "status", "author", "effective_from", "effective_until"]
        return readonly if obj is None else ["case", *readonly]

    def has_change_permission(self, request, obj=None):
        # Only the newest draft is edited; every other version is shown read only.
        return super().has_change_permission(request, obj) and (
            obj is None or services.support_plan_is_editable(obj)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or services.support_plan_is_editable(obj)
        )

    def delete_with_service(self, request, obj):
        services.support_plan_delete(plan=obj, by=request.user)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        today = timezone.localdate()
        initial.setdefault("made_on", today)
        initial.setdefault("review_on", add_months(today, 3))
        return initial

    def save_with_service(self, request, form, formsets, change):
        goals, deleted_goals = formset_rows(formsets, PlanGoal)
        roles, deleted_roles = formset_rows(formsets, PlanRole)
        if change:
            services.support_plan_update(
                plan=form.instance,
                goals=goals,
                roles=roles,
                deleted=[*deleted_goals, *deleted_roles],
                by=request.user,
            )
        else:
            services.support_plan_create(plan=form.instance, goals=goals, roles=roles, by=request.user)

    @admin.display(description=_("case"), ordering="case__reference")
    def case_column(self, obj):
        return case_link(obj.case)

    @admin.display(description=_("made on"), ordering="made_on")
    def made_column(self, obj):
        return date_column(obj.made_on)

    @admin.display(description=_("review on"), ordering="review_on")
    def review_column(self, obj):
        if obj.review_on is None:
            return "—"
        if obj.status == SupportPlan.Status.ACTIVE and obj.review_on <= timezone.localdate():
            return format_html(
                '<strong class="overdue">{} ({})</strong>', date_column(obj.review_on), _("due")
            )
        return date_column(obj.review_on)

    def object_tools(self, request, obj):
        if not request.user.has_perm("consultations.change_supportplan"):
            return []
        tools = []
        newest = SupportPlan.objects.filter(case_id=obj.case_id).order_by("-version").first()
        if services.support_plan_is_editable(obj):
            tools.append(
                Tool(
                    _("Put this version in effect"),
                    reverse("admin:consultations_supportplan_activate", args=[obj.pk]),
                    post=True,
                    primary=True,
                )
            )
        elif newest.status == SupportPlan.Status.DRAFT:
            tools.append(
                Tool(
                    _("Open the draft (version %(version)s)") % {"version": newest.version},
                    reverse("admin:consultations_supportplan_change", args=[newest.pk]),
                )
            )
        elif newest.pk == obj.pk and obj.case.is_open:
            tools.append(
                Tool(
                    _("Revise: make the next version"),
                    reverse("admin:consultations_supportplan_revise", args=[obj.pk]),
                    post=True,
                )
            )
        tools.append(
            Tool(_("Back to the case"), reverse("admin:consultations_case_change", args=[obj.case_id]))
        )
        return tools

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/activate/",
                view(require_POST(self.activate_view)),
                name="consultations_supportplan_activate",
            ),
            path(
                "<int:pk>/revise/",
                view(require_POST(self.revise_view)),
                name="consultations_supportplan_revise",
            ),
            *super().get_urls(),
        ]

    def _plan(self, request, pk):
        if not super().has_change_permission(request):
            raise PermissionDenied
        return get_or_404(self, request, pk)

    def activate_view(self, request, pk):
        plan = self._plan(request, pk)
        if run_service(request, self, services.support_plan_activate, plan=plan, by=request.user) is not None:
            self.message_user(request, _("%(plan)s is now in effect.") % {"plan": plan})
        return redirect("admin:consultations_supportplan_change", plan.pk)

    def revise_view(self, request, pk):
        plan = self._plan(request, pk)
        revised = run_service(request, self, services.support_plan_revise, plan=plan, by=request.user)
        if revised is None:
            return redirect("admin:consultations_supportplan_change", plan.pk)
        self.message_user(
            request,
            _("Version %(version)s is a new draft: edit it, then put it in effect.")
            % {"version": revised.version},
        )
        return redirect("admin:consultations_supportplan_change", revised.pk)

    @admin.action(description=_("Put the selected plan in effect"), permissions=["change"])
    def activate(self, request, queryset):
        plans = list(queryset.select_related("case"))
        cases = [plan.case_id for plan in plans]
        if len(cases) != len(set(cases)):
            self.message_user(
                request, _("Choose one version per case: only one plan can be in effect."), messages.ERROR
            )
            return
        for plan in plans:
            if (
                run_service(request, self, services.support_plan_activate, plan=plan, by=request.user)
                is not None
            ):
                self.message_user(request, _("%(plan)s is now in effect.") % {"plan": plan})

    @admin.action(description=_("Revise: make a new version of the selected plan"), permissions=["add"])
    def revise(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Please choose exactly one plan to revise."), messages.WARNING)
            return None
        revised = run_service(
            request, self, services.support_plan_revise, plan=queryset.get(), by=request.user
        )
        if revised is None:
            return None
        return redirect("admin:consultations_supportplan_change", revised.pk)


# --- Meetings --------------------------------------------------------------------------------------


class WhenFilter(admin.SimpleListFilter):
    title = _("when")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", _("From today on")), ("past", _("Past"))]

    def queryset(self, request, queryset):
        upcoming = Meeting.objects.upcoming().values("pk")
        if self.value() == "upcoming":
            return queryset.filter(pk__in=upcoming)
        if self.value() == "past":
            return queryset.exclude(pk__in=upcoming)
        return queryset


@admin.register(Meeting)
class MeetingAdmin(ObjectToolsMixin, ServiceAdminMixin, StaffHistoryAdmin):
    list_display = ["held_column", "kind", "place", "agenda_count"]
    list_filter = [WhenFilter, "kind"]
    search_fields = ["place", "attendees", "agenda", "reviews__case__reference"]
    date_hierarchy = "held_at"
    fields = ["kind", "held_at", "place", "agencies", "attendees", "agenda", "minutes"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "agencies":
            # Check boxes: a list a screen reader reads, unlike the multiple autocomplete.
            kwargs["widget"] = forms.CheckboxSelectMultiple
            kwargs["queryset"] = Agency.objects.filter(is_active=True).order_by("kind", "name")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_queryset(self, request):
        from django.db.models import Count, Q

        return (
            super()
            .get_queryset(request)
            .annotate(
                case_total=Count("reviews"), case_recorded=Count("reviews", filter=~Q(reviews__evaluation=""))
            )
        )

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        held_on = request.GET.get("held_on", "")
        try:
            day = datetime.date.fromisoformat(held_on)
        except ValueError:
            day = None
        if day is not None:
            initial["held_at"] = timezone.make_aware(datetime.datetime.combine(day, datetime.time(14)))
        return initial

    def save_with_service(self, request, form, formsets, change):
        services.meeting_save(meeting=form.instance, agencies=form.cleaned_data["agencies"], by=request.user)

    def has_delete_permission(self, request, obj=None):
        # A meeting whose reviews are recorded is part of the cases' record.
        return super().has_delete_permission(request, obj) and (
            obj is None or not obj.reviews.exclude(evaluation="").exists()
        )

    def delete_with_service(self, request, obj):
        services.meeting_delete(meeting=obj, by=request.user)

    @admin.display(description=_("held at"), ordering="held_at")
    def held_column(self, obj):
        return date_column(obj.held_at)

    @admin.display(description=_("cases (recorded / on the agenda)"), ordering="case_total")
    def agenda_count(self, obj):
        return f"{obj.case_recorded} / {obj.case_total}"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        meeting = self.get_object(request, object_id)
        extra_context = {**(extra_context or {})}
        if meeting is not None:
            extra_context["agenda"] = selectors.meeting_agenda(meeting)
            extra_context["candidates"] = selectors.agenda_candidates(meeting)
            extra_context["support_meetings"] = selectors.support_meetings_ahead(meeting)
        return super().change_view(request, object_id, form_url, extra_context)

    def object_tools(self, request, obj):
        tools = []
        if self.has_change_permission(request, obj):
            tools.append(
                Tool(
                    _("Build the agenda"),
                    reverse("admin:consultations_meeting_build_agenda", args=[obj.pk]),
                    post=True,
                    primary=True,
                )
            )
            tools.append(
                Tool(
                    _("Add a case"),
                    reverse("admin:consultations_meetingcasereview_add") + f"?meeting={obj.pk}",
                )
            )
        tools.append(
            Tool(
                _("Agenda and minutes (print)"), reverse("consultations_staff:meeting-agenda", args=[obj.pk])
            )
        )
        return tools

    def get_urls(self):
        return [
            path(
                "<int:pk>/build-agenda/",
                self.admin_site.admin_view(require_POST(self.build_agenda_view)),
                name="consultations_meeting_build_agenda",
            ),
            *super().get_urls(),
        ]

    def build_agenda_view(self, request, pk):
        if not self.has_change_permission(request):
            raise PermissionDenied
        meeting = get_or_404(self, request, pk)
        result = run_service(request, self, services.meeting_agenda_build, meeting=meeting, by=request.user)
        if result is not None:
            self._report(request, result)
        return redirect("admin:consultations_meeting_change", meeting.pk)

    def _report(self, request, result):
        added = len(result.added)
        self.message_user(
            request,
            ngettext(
                "%(count)d case added to the agenda (reviews falling due before %(day)s).",
                "%(count)d cases added to the agenda (reviews falling due before %(day)s).",
                added,
            )
            % {"count": added, "day": date_column(result.next_date)},
            messages.SUCCESS if added else messages.INFO,
        )
        if result.refused:
            self.message_user(
                request,
                ngettext(
                    "%(count)d case was not added: there is no consent for this meeting. See why below.",
                    "%(count)d cases were not added: there is no consent for this meeting. See why below.",
                    len(result.refused),
                )
                % {"count": len(result.refused)},
                messages.WARNING,
            )
        if result.left_for_multi_layered:
            self.message_user(
                request,
                ngettext(
                    "%(count)d due case has consent, so it goes to the multi-layered support meeting.",
                    "%(count)d due cases have consent, so they go to the multi-layered support meeting.",
                    result.left_for_multi_layered,
                )
                % {"count": result.left_for_multi_layered},
            )


# --- The cases on a meeting's agenda ---------------------------------------------------------------


class ReviewAddForm(forms.ModelForm):
    class Meta:
        model = MeetingCaseReview
        fields = ["meeting", "case", "agenda_reason"]


class ReviewRecordForm(forms.ModelForm):
    class Meta:
        model = MeetingCaseReview
        fields = ["evaluation", "decisions", "discussion", "next_review_on"]
        widgets = {
            "evaluation": forms.RadioSelect(attrs={"class": "radiolist"}),
            "next_review_on": AdminDateWidget(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluation"].choices = MeetingCaseReview.Evaluation.choices
        self.fields["evaluation"].required = True
        self.fields["next_review_on"].required = True
        self.fields["next_review_on"].error_messages["required"] = _(
            "Please enter when the case is reviewed next."
        )
        self.fields["evaluation"].error_messages["required"] = _("Choose the evaluation.")


class MeetingKindFilter(admin.SimpleListFilter):
    title = _("kind of meeting")
    parameter_name = "meeting_kind"

    def lookups(self, request, model_admin):
        return Meeting.Kind.choices

    def queryset(self, request, queryset):
        if self.value() in Meeting.Kind.values:
            return queryset.filter(meeting_kind=self.value())
        return queryset


@admin.register(MeetingCaseReview)
class MeetingCaseReviewAdmin(FromCaseMixin, ServiceAdminMixin, StaffHistoryAdmin):
    list_display = ["meeting_column", "case_column", "evaluation", "next_review_column"]
    list_select_related = ["meeting", "case", "case__person"]
    list_filter = ["evaluation", MeetingKindFilter]
    search_fields = CASE_SEARCH
    autocomplete_fields = ["case"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = ReviewRecordForm if obj is not None else ReviewAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": ["meeting", "case", "agenda_reason"]})]
        return [
            (
                None,
                {
                    "fields": [
                        ("meeting", "case_link_display"),
                        "agenda_reason",
                        "consent_display",
                        "plan_display",
                    ]
                },
            ),
            (
                _("What the meeting decided"),
                {"fields": ["evaluation", "decisions", "discussion", "next_review_on"]},
            ),
            (None, {"fields": [("reviewed_at", "reviewed_by")]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return [
            "meeting",
            "case_link_display",
            "agenda_reason",
            "consent_display",
            "plan_display",
            "reviewed_at",
            "reviewed_by",
        ]

    def _meeting_from_request(self, request):
        value = request.GET.get("meeting", "")
        return Meeting.objects.filter(pk=int(value)).first() if value.isdigit() else None

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "meeting":
            if self._meeting_from_request(request) is not None:
                kwargs["widget"] = forms.HiddenInput
            else:
                since = timezone.now() - datetime.timedelta(days=14)
                kwargs["queryset"] = Meeting.objects.filter(held_at__gte=since).order_by("held_at")
        if db_field.name == "case":
            kwargs["queryset"] = Case.objects.open().select_related("person")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        meeting = self._meeting_from_request(request)
        if meeting is not None:
            initial["meeting"] = meeting.pk
        return initial

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "from_meeting": self._meeting_from_request(request)}
        return super().add_view(request, form_url, extra_context)

    def save_with_service(self, request, form, formsets, change):
        review = form.instance
        if change:
            data = form.cleaned_data
            services.meeting_case_review_record(
                review=review,
                evaluation=data["evaluation"],
                next_review_on=data["next_review_on"],
                discussion=data["discussion"],
                decisions=data["decisions"],
                by=request.user,
            )
            return
        try:
            saved = services.meeting_case_review_add(
                meeting=review.meeting, case=review.case, agenda_reason=review.agenda_reason, by=request.user
            )
        except services.ConsentRequired as error:
            raise services.ConsultationError(consent_refusal(error, review.case), field="meeting") from error
        # The service saved its own row; the admin's log, message and redirect use the form's.
        review.pk, review.meeting_kind, review.consent = saved.pk, saved.meeting_kind, saved.consent
        review._state.adding = False

    def response_add(self, request, obj, post_url_continue=None):
        # Back where the worker came from: the case page (FromCaseMixin) or the meeting page.
        if self._case_from_request(request) is None and self._meeting_from_request(request) is not None:
            self.message_user(
                request, _("%(reference)s is on the agenda.") % {"reference": obj.case.reference}
            )
            return redirect("admin:consultations_meeting_change", obj.meeting_id)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if "_continue" in request.POST:
            return super().response_change(request, obj)
        plan = obj.case.plans.filter(status=SupportPlan.Status.DRAFT).order_by("-version").first()
        self.message_user(
            request,
            _("Recorded: %(reference)s is reviewed next by %(day)s.")
            % {"reference": obj.case.reference, "day": date_column(obj.next_review_on)},
        )
        if obj.evaluation == MeetingCaseReview.Evaluation.NEEDS_REVISION and plan is not None:
            self.message_user(
                request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("The plan needs revising:"),
                    reverse("admin:consultations_supportplan_change", args=[plan.pk]),
                    _("open the draft (version %(version)s)") % {"version": plan.version},
                ),
                messages.WARNING,
            )
        return redirect("admin:consultations_meeting_change", obj.meeting_id)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or not obj.is_recorded)

    def delete_with_service(self, request, obj):
        services.meeting_case_review_remove(review=obj, by=request.user)

    @admin.display(description=_("meeting"), ordering="meeting__held_at")
    def meeting_column(self, obj):
        return format_html(
            '<a href="{}">{} {}</a>',
            reverse("admin:consultations_meeting_change", args=[obj.meeting_id]),
            obj.meeting.get_kind_display(),
            date_column(obj.meeting.held_at),
        )

    @admin.display(description=_("case"), ordering="case__reference")
    def case_column(self, obj):
        return case_link(obj.case)

    @admin.display(description=_("case"))
    def case_link_display(self, obj):
        return case_link(obj.case)

    @admin.display(description=_("next review on"), ordering="next_review_on")
    def next_review_column(self, obj):
        return date_column(obj.next_review_on)

    @admin.display(description=_("consent"))
    def consent_display(self, obj):
        if obj.consent_id is None:
            if obj.meeting_kind == Meeting.Kind.SUPPORT:
                return _("Not needed at a support meeting (Art. 106-6).")
            return "—"
        consent = obj.consent
        return _("Given on %(day)s (%(method)s)") % {
            "day": date_column(consent.given_on),
            "method": consent.get_method_display(),
        }

    @admin.display(description=_("plan in effect"))
    def plan_display(self, obj):
        plan = obj.case.plans.filter(status=SupportPlan.Status.ACTIVE).prefetch_related("goals").first()
        if plan is None:
            return _("No plan in effect.")
        goals = format_html_join("", "<li>{}</li>", ((goal.goal,) for goal in plan.goals.all()))
        return format_html(
            '<a href="{}">{}</a> — {}<ul class="plan-goals">{}</ul>',
            reverse("admin:consultations_supportplan_change", args=[plan.pk]),
            _("version %(version)s, review on %(day)s")
            % {"version": plan.version, "day": date_column(plan.review_on)},
            plan.overall_goal,
            goals,
        )


def consent_refusal(error, case):
    """The refusal with the way forward: the support meetings ahead, or making one."""
    links = [
        format_html(
            '<a href="{}?case={}&amp;meeting={}">{}</a>',
            reverse("admin:consultations_meetingcasereview_add"),
            case.pk,
            meeting.pk,
            _("Add to the support meeting on %(day)s") % {"day": date_column(meeting.held_at)},
        )
        for meeting in error.support_meetings
    ]
    links.append(
        format_html(
            '<a href="{}?kind={}">{}</a>',
            reverse("admin:consultations_meeting_add"),
            Meeting.Kind.SUPPORT,
            _("Plan a support meeting"),
        )
    )
    return format_html("{} {}", str(error), format_html_join(" ・ ", "{}", ((link,) for link in links)))
