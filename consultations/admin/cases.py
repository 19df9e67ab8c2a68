"""Cases (the hub of the work), contact logs, agencies and referrals."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.forms.models import BaseInlineFormSet
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from welfare_portal.staff_admin import StaffHistoryAdmin, StaffModelAdmin

from .. import selectors, services
from ..forms import CaseCloseForm, CaseReopenForm
from ..models import Agency, Case, ContactLog, Referral
from .base import (
    HOUSEHOLD_FLAGS,
    AreaFilter,
    FromCaseMixin,
    ObjectToolsMixin,
    ServiceAdminMixin,
    Tool,
    attach_error,
    case_link,
    checkbox_topics,
    date_column,
    formset_rows,
    get_or_404,
    run_service,
    user_name,
)

# --- Filters the staff home links to -----------------------------------------------------------


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


class AssessmentDueFilter(admin.SimpleListFilter):
    title = _("assessment")
    parameter_name = "assessment"

    def lookups(self, request, model_admin):
        return [("due", _("Assessment due (none in %(days)d days)") % {"days": settings.ASSESSMENT_DUE_DAYS})]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.assessment_due()
        return queryset


class OutreachFilter(admin.SimpleListFilter):
    title = _("outreach")
    parameter_name = "outreach"

    def lookups(self, request, model_admin):
        return [("yes", _("Cases with outreach visits"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(visits__isnull=False).distinct()
        return queryset


class LatestContactLogsFormSet(BaseInlineFormSet):
    """The newest contact logs only (a long-running case has hundreds): the rest are a link away.

    The worker dropdown's choices are read once for all the forms, not once per form.
    """

    def get_queryset(self):
        if not hasattr(self, "_latest"):
            logs = super().get_queryset()
            latest = list(logs.order_by("-contacted_at", "-pk").values_list("pk", flat=True)[:LATEST_LOGS])
            self._latest = logs.filter(pk__in=latest).order_by("-contacted_at", "-pk")
        return self._latest

    @cached_property
    def forms(self):
        forms = super().forms
        if forms and "worker" in forms[0].fields:
            choices = list(forms[0].fields["worker"].choices)
            for form in forms[1:]:
                form.fields["worker"].choices = choices
        return forms


# How many contact logs the case page shows for editing; the rest are listed on their own page.
LATEST_LOGS = 10


class ContactLogInline(admin.StackedInline):
    model = ContactLog
    formset = LatestContactLogsFormSet
    extra = 0
    fields = [
        ("contacted_at", "method", "worker"),
        "participants",
        "summary",
        ("next_action", "next_action_due", "next_action_done"),
    ]
    ordering = ["-contacted_at", "-pk"]

    def get_queryset(self, request):
        # The case too: a log's name (its heading on the page) reads the case's number.
        return super().get_queryset(request).select_related("worker", "case")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "worker":
            kwargs.setdefault("initial", request.user.pk)  # who writes the log usually spoke to them
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def _days_ago(moment, today):
    days = (today - timezone.localtime(moment).date()).days
    return ngettext("%(days)d day ago", "%(days)d days ago", days) % {"days": days}


# The case page's timeline: the newest entries; the person's timeline has them all.
TIMELINE_ENTRIES = 50


@admin.register(Case)
class CaseAdmin(ObjectToolsMixin, ServiceAdminMixin, StaffHistoryAdmin):
    list_display = [
        "reference",
        "person_column",
        "stage_and_topics",
        "worker_name",
        "last_contact",
        "next_action_due",
    ]
    list_display_links = ["reference", "person_column"]
    list_filter = [
        MyCasesFilter,
        OverdueFilter,
        StalledFilter,
        AssessmentDueFilter,
        OutreachFilter,
        "status",
        "topics",
        ("worker", admin.RelatedOnlyFieldListFilter),
        AreaFilter,
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
    autocomplete_fields = ["person", "requester", "household", "area"]
    readonly_fields = [
        "reference",
        "status",
        "closed_on",
        "closing_reason",
        "contact_state",
        "created_at",
        "updated_at",
    ]
    inlines = [ContactLogInline]
    list_per_page = 50
    actions = ["advance"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "reference",
                    ("person", "household"),
                    ("requester", "requester_relationship"),
                    ("channel", "worker"),
                    "area",
                    "topics",
                    "summary",
                ]
            },
        ),
        (_("Stage"), {"fields": ["status", ("opened_on", "closed_on"), "closing_reason"]}),
        (_("Contact so far"), {"fields": ["contact_state"]}),
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
        return (
            Case.objects.for_list().with_last_contact().with_next_visit().annotate(next_due=Subquery(pending))
        )

    def has_delete_permission(self, request, obj=None):
        return False  # a case is closed, never deleted: its record stays

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(db_field, request, **checkbox_topics(db_field, kwargs))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "worker":
            kwargs["initial"] = request.user.pk
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_with_service(self, request, form, formsets, change):
        case = form.instance
        topics = form.cleaned_data.get("topics")
        if change:
            services.case_update(case=case, topics=topics, by=request.user)
        else:
            services.case_open(case=case, topics=topics or [], by=request.user)
        logs, deleted = formset_rows(formsets, ContactLog)
        services.contact_logs_save(case=case, logs=logs, deleted=deleted, by=request.user)

    @admin.action(description=_("Move the selected cases to the next stage"), permissions=["change"])
    def advance(self, request, queryset):
        moved = 0
        for case in queryset:
            try:
                services.case_advance(case=case, by=request.user)
                moved += 1
            except services.ConsultationError as error:
                self.message_user(request, f"{case.reference}: {error}", messages.WARNING)
        self.message_user(request, ngettext("%d case moved on.", "%d cases moved on.", moved) % moved)

    # --- columns ---

    @admin.display(description=_("person"), ordering="person__family_name_kana")
    def person_column(self, obj):
        return format_html(
            '{}<br><span class="kana">{}</span>', obj.person.full_name, obj.person.full_name_kana or ""
        )

    @admin.display(description=_("responsible worker"), ordering="worker__last_name")
    def worker_name(self, obj):
        return user_name(obj.worker)

    @admin.display(description=_("stage and topics"), ordering="status")
    def stage_and_topics(self, obj):
        # One column for both, so the next action stays in view on a 1280 px screen.
        return format_html(
            '{}<br><span class="topics">{}</span>', obj.get_status_display(), self.topic_list(obj)
        )

    @admin.display(description=_("topics"))
    def topic_list(self, obj):
        return "、".join(str(topic) for topic in obj.topics.all())

    @admin.display(description=_("last contact"), ordering="last_contact_at")
    def last_contact(self, obj):
        today = timezone.localdate()
        text = _("none yet") if obj.last_contact_at is None else _days_ago(obj.last_contact_at, today)
        stalled = obj.is_open and (
            (obj.last_contact_at is None and (today - obj.opened_on).days > settings.STALLED_CASE_DAYS)
            or (
                obj.last_contact_at is not None
                and (today - timezone.localtime(obj.last_contact_at).date()).days > settings.STALLED_CASE_DAYS
            )
        )
        visit = ""
        if obj.has_visits and obj.next_visit_on:
            visit = format_html(
                '<br><span class="next-visit">{} {}</span>', _("next visit"), date_column(obj.next_visit_on)
            )
        if stalled:
            return format_html('<strong class="stalled">{} ({})</strong>{}', text, _("stalled"), visit)
        return format_html("{}{}", text, visit)

    @admin.display(description=_("next action by"), ordering="next_due")
    def next_action_due(self, obj):
        if obj.next_due is None:
            return "—"
        if obj.is_open and obj.next_due < timezone.localdate():
            return format_html(
                '<strong class="overdue">{} ({})</strong>', date_column(obj.next_due), _("overdue")
            )
        return date_column(obj.next_due)

    @admin.display(description=_("Contact so far"))
    def contact_state(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        annotated = Case.objects.with_last_contact().with_next_visit().get(pk=obj.pk)
        obj.last_contact_at, obj.next_visit_on, obj.has_visits = (
            annotated.last_contact_at,
            annotated.next_visit_on,
            annotated.has_visits,
        )
        parts = [
            format_html(
                "{}: {}",
                _("last contact (a contact log, or a visit that met someone)"),
                date_column(obj.last_contact_at) if obj.last_contact_at else _("none yet"),
            ),
            self.last_contact(obj),
        ]
        return format_html("{} — {}", *parts)

    # --- the case page as the hub ---

    def change_view(self, request, object_id, form_url="", extra_context=None):
        case = self.get_object(request, object_id)
        extra_context = {**(extra_context or {})}
        if case is not None:
            extra_context["hub"] = selectors.case_hub(case)
            extra_context["timeline"] = selectors.case_timeline(case, limit=TIMELINE_ENTRIES)
            extra_context["timeline_is_cut"] = len(extra_context["timeline"]) == TIMELINE_ENTRIES
            extra_context["contact_log_count"] = case.contact_logs.count()
            extra_context["contact_log_list"] = (
                reverse("admin:consultations_contactlog_changelist") + f"?case={case.pk}"
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def object_tools(self, request, obj):
        if not self.has_change_permission(request, obj):
            return []
        if obj.status == Case.Status.CLOSED:
            return [Tool(_("Reopen the case"), reverse("admin:consultations_case_reopen", args=[obj.pk]))]
        tools = []
        stage = services.next_stage(obj)
        if stage is not None:
            tools.append(
                Tool(
                    _("Move on to “%(stage)s”") % {"stage": Case.Status(stage).label},
                    reverse("admin:consultations_case_advance", args=[obj.pk]),
                    post=True,
                    primary=True,
                )
            )
        tools.append(Tool(_("Close the case"), reverse("admin:consultations_case_close", args=[obj.pk])))
        return tools

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/advance/", view(require_POST(self.advance_view)), name="consultations_case_advance"
            ),
            path("<int:pk>/close/", view(self.close_view), name="consultations_case_close"),
            path("<int:pk>/reopen/", view(self.reopen_view), name="consultations_case_reopen"),
            *super().get_urls(),
        ]

    def _case_for_change(self, request, pk):
        if not self.has_change_permission(request):
            raise PermissionDenied
        return get_or_404(self, request, pk)

    def advance_view(self, request, pk):
        case = self._case_for_change(request, pk)
        if run_service(request, self, services.case_advance, case=case, by=request.user) is not None:
            self.message_user(
                request,
                _("%(reference)s is now at “%(stage)s”.")
                % {"reference": case.reference, "stage": case.get_status_display()},
            )
        return redirect("admin:consultations_case_change", case.pk)

    def _form_page(self, request, case, form, *, title, submit, warnings=()):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "original": case,
            "adminform": helpers.AdminForm(form, form.fieldsets(), {}),
            "errors": helpers.AdminErrorList(form, []),
            "form": form,
            "warnings": warnings,
            "submit_label": submit,
            "cancel_url": reverse("admin:consultations_case_change", args=[case.pk]),
        }
        return TemplateResponse(request, "admin/consultations/form_page.html", context)

    def close_view(self, request, pk):
        case = self._case_for_change(request, pk)
        if not case.is_open:
            self.message_user(request, _("This case is already closed."), messages.WARNING)
            return redirect("admin:consultations_case_change", case.pk)
        warnings = services.case_closing_warnings(case)
        form = CaseCloseForm(request.POST or None, warnings=warnings)
        if request.method == "POST" and form.is_valid():
            try:
                services.case_close(
                    case=case,
                    reason=form.cleaned_data["closing_reason"],
                    closed_on=form.cleaned_data["closed_on"],
                    note=form.cleaned_data["note"],
                    confirmed=form.cleaned_data.get("confirm", False),
                    by=request.user,
                )
            except (services.ConsultationError, ValidationError) as error:
                attach_error(form, error)
            else:
                self.message_user(request, _("%(reference)s is closed.") % {"reference": case.reference})
                return redirect("admin:consultations_case_change", case.pk)
        return self._form_page(
            request,
            case,
            form,
            title=_("Close case %(reference)s (%(name)s)")
            % {"reference": case.reference, "name": case.person.full_name},
            submit=_("Close the case"),
            warnings=warnings,
        )

    def reopen_view(self, request, pk):
        case = self._case_for_change(request, pk)
        if case.is_open:
            self.message_user(request, services.CaseNotClosed.message, messages.WARNING)
            return redirect("admin:consultations_case_change", case.pk)
        closing = (
            case.status_changes.filter(to_status=Case.Status.CLOSED).order_by("-changed_at", "-pk").first()
        )
        form = CaseReopenForm(
            request.POST or None, stage=closing.from_status if closing else Case.Status.INTAKE
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.case_reopen(
                    case=case,
                    reason=form.cleaned_data["reason"],
                    status=form.cleaned_data["status"],
                    by=request.user,
                )
            except (services.ConsultationError, ValidationError) as error:
                attach_error(form, error)
            else:
                self.message_user(
                    request,
                    _("%(reference)s is open again, at “%(stage)s”.")
                    % {"reference": case.reference, "stage": case.get_status_display()},
                )
                return redirect("admin:consultations_case_change", case.pk)
        return self._form_page(
            request,
            case,
            form,
            title=_("Reopen case %(reference)s (%(name)s)")
            % {"reference": case.reference, "name": case.person.full_name},
            submit=_("Reopen the case"),
        )


class OneCaseFilter(admin.SimpleListFilter):
    """The logs of one case (the case page links here with ?case=<pk>); offers only that case."""

    title = _("case")
    parameter_name = "case"

    def lookups(self, request, model_admin):
        value = self.value()
        if not value or not value.isdigit():
            return []
        case = Case.objects.filter(pk=value).only("reference").first()
        return [(str(case.pk), case.reference)] if case else []

    def queryset(self, request, queryset):
        value = self.value()
        if value:
            if not value.isdigit():
                return queryset.none()
            return queryset.filter(case_id=int(value))
        return queryset


@admin.register(ContactLog)
class ContactLogAdmin(ServiceAdminMixin, StaffHistoryAdmin):
    list_display = [
        "contacted_column",
        "case_column",
        "method",
        "participants",
        "next_action",
        "due_column",
        "next_action_done",
    ]
    list_select_related = ["case", "case__person"]
    list_filter = [OneCaseFilter, "method", "next_action_done"]
    search_fields = ["case__reference", "case__person__family_name", "case__person__family_name_kana"]
    date_hierarchy = "contacted_at"
    raw_id_fields = ["case"]

    def save_with_service(self, request, form, formsets, change):
        services.contact_log_save(log=form.instance, by=request.user)

    @admin.display(description=_("date and time"), ordering="contacted_at")
    def contacted_column(self, obj):
        return date_column(obj.contacted_at)

    @admin.display(description=_("case"), ordering="case__reference")
    def case_column(self, obj):
        return case_link(obj.case)

    @admin.display(description=_("next action by"), ordering="next_action_due")
    def due_column(self, obj):
        return date_column(obj.next_action_due)


@admin.register(Agency)
class AgencyAdmin(StaffModelAdmin):
    list_display = ["name", "kind", "phone", "contact_person", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "contact_person", "address"]


REFERRAL_ACTIONS = {
    Referral.Status.REFERRED: _("Mark as referred (sent to the agency)"),
    Referral.Status.ACCEPTED: _("Mark as accepted by the agency"),
    Referral.Status.DECLINED: _("Mark as declined by the agency"),
    Referral.Status.COMPLETED: _("Mark as completed"),
}


@admin.register(Referral)
class ReferralAdmin(ObjectToolsMixin, FromCaseMixin, ServiceAdminMixin, StaffHistoryAdmin):
    list_display = ["referred_column", "case_column", "agency", "status", "answered_column"]
    list_select_related = ["case", "case__person", "agency"]
    list_filter = ["status", "agency__kind", "agency"]
    search_fields = [
        "case__reference",
        "case__person__family_name",
        "case__person__family_name_kana",
        "agency__name",
    ]
    date_hierarchy = "referred_on"
    autocomplete_fields = ["agency", "case"]
    fields = ["case", "agency", "reason", "status", "referred_on", "answered_on", "outcome"]
    actions = ["mark_referred", "mark_accepted", "mark_declined", "mark_completed"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["case", "status"]

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status":
            kwargs["choices"] = [
                (s.value, s.label) for s in (Referral.Status.PLANNED, Referral.Status.REFERRED)
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_with_service(self, request, form, formsets, change):
        services.referral_save(referral=form.instance, by=request.user)

    @admin.display(description=_("referred on"), ordering="referred_on")
    def referred_column(self, obj):
        return date_column(obj.referred_on)

    @admin.display(description=_("answered on"), ordering="answered_on")
    def answered_column(self, obj):
        return date_column(obj.answered_on)

    @admin.display(description=_("case"), ordering="case__reference")
    def case_column(self, obj):
        return case_link(obj.case)

    def object_tools(self, request, obj):
        if not self.has_change_permission(request, obj):
            return []
        return [
            Tool(
                REFERRAL_ACTIONS[status],
                reverse("admin:consultations_referral_status", args=[obj.pk, status]),
                post=True,
            )
            for status in services.REFERRAL_FLOW[obj.status]
        ]

    def get_urls(self):
        return [
            path(
                "<int:pk>/status/<str:status>/",
                self.admin_site.admin_view(require_POST(self.status_view)),
                name="consultations_referral_status",
            ),
            *super().get_urls(),
        ]

    def status_view(self, request, pk, status):
        if not self.has_change_permission(request) or status not in Referral.Status.values:
            raise PermissionDenied
        referral = get_or_404(self, request, pk)
        done = run_service(
            request, self, services.referral_status_set, referral=referral, status=status, by=request.user
        )
        if done is not None:
            self.message_user(
                request, _("The referral is now “%(status)s”.") % {"status": done.get_status_display()}
            )
        return redirect("admin:consultations_referral_change", referral.pk)

    def _mark(self, request, queryset, status):
        changed = 0
        for referral in queryset:
            if run_service(
                request, self, services.referral_status_set, referral=referral, status=status, by=request.user
            ):
                changed += 1
        self.message_user(
            request, ngettext("%d referral updated.", "%d referrals updated.", changed) % changed
        )

    @admin.action(description=REFERRAL_ACTIONS[Referral.Status.REFERRED], permissions=["change"])
    def mark_referred(self, request, queryset):
        self._mark(request, queryset, Referral.Status.REFERRED)

    @admin.action(description=REFERRAL_ACTIONS[Referral.Status.ACCEPTED], permissions=["change"])
    def mark_accepted(self, request, queryset):
        self._mark(request, queryset, Referral.Status.ACCEPTED)

    @admin.action(description=REFERRAL_ACTIONS[Referral.Status.DECLINED], permissions=["change"])
    def mark_declined(self, request, queryset):
        self._mark(request, queryset, Referral.Status.DECLINED)

    @admin.action(description=REFERRAL_ACTIONS[Referral.Status.COMPLETED], permissions=["change"])
    def mark_completed(self, request, queryset):
        self._mark(request, queryset, Referral.Status.COMPLETED)
