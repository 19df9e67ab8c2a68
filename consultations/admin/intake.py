"""The intake queue: consultation requests and concern reports, read first, then made into a case."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from welfare_portal.staff_admin import StaffHistoryAdmin

from .. import services
from ..forms import CaseOpenForm, suggestions_for
from ..models import ConcernReport, ConsultationRequest, IntakeStatus
from .base import ObjectToolsMixin, ServiceAdminMixin, Tool, attach_error, date_column


class IntakeAdmin(ObjectToolsMixin, ServiceAdminMixin, StaffHistoryAdmin):
    """Shared by both kinds of intake: newest first, triage status, make into a case.

    The page reads in the order a worker needs: what the resident wrote, who
    may already be registered, then the staff's own fields.
    """

    list_filter = ["status"]
    list_select_related = ["case", "handled_by"]
    date_hierarchy = "submitted_at"
    ordering = ["-submitted_at", "-pk"]
    actions = ["open_case", "mark_in_progress", "mark_no_action"]
    list_per_page = 50
    staff_fields = ["status", "handled_by", "staff_notes"]

    def has_add_permission(self, request):
        return False  # intake comes from the public forms

    def get_readonly_fields(self, request, obj=None):
        editable = set(self.staff_fields)
        if obj is not None and obj.status == IntakeStatus.CONVERTED:
            editable.discard("status")
        return [
            "reference",
            "submitted_at",
            "case_link",
            "possible_matches",
            *[
                f.name
                for f in [*self.model._meta.fields, *self.model._meta.many_to_many]
                if f.name not in editable and f.editable and f.name != "id"
            ],
        ]

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status":
            # 「ケース化」 happens by opening the case, never by picking it here.
            kwargs["choices"] = [
                (value, label) for value, label in IntakeStatus.choices if value in services.TRIAGE_STATUSES
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_with_service(self, request, form, formsets, change):
        services.intake_triage_save(intake=form.instance, by=request.user)

    @admin.display(description=_("submitted at"), ordering="submitted_at")
    def submitted_column(self, obj):
        return date_column(obj.submitted_at)

    @admin.display(description=_("case"))
    def case_link(self, obj):
        if obj.case_id is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:consultations_case_change", args=[obj.case_id]),
            obj.case.reference,
        )

    @admin.display(description=_("People already registered who may be the same"))
    def possible_matches(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        details = services.intake_person_details(obj) or services.intake_requester_details(obj) or {}
        suggestions = suggestions_for(details)
        if not suggestions:
            return _("No one registered matches these details.")
        rows = format_html_join(
            "",
            '<li><a href="{}">{}</a>({}) — {}</li>',
            (
                (
                    reverse("admin:consultations_person_change", args=[person.pk]),
                    person.full_name,
                    person.full_name_kana or "—",
                    "・".join(str(r) for r in reasons),
                )
                for person, reasons in suggestions
            ),
        )
        note = ""
        if not services.intake_person_details(obj):
            note = format_html(
                '<p class="help">{}</p>',
                _("These match the person who sent it (not the person it is about)."),
            )
        return format_html('{}<ul class="possible-matches">{}</ul>', note, rows)

    def object_tools(self, request, obj):
        if obj.case_id:
            return [Tool(_("Open the case"), reverse("admin:consultations_case_change", args=[obj.case_id]))]
        if self.has_open_case_permission(request, obj):
            info = self.model._meta.app_label, self.model._meta.model_name
            return [
                Tool(
                    _("Make into a case"),
                    reverse("admin:{}_{}_open_case".format(*info), args=[obj.pk]),
                    primary=True,
                )
            ]
        return []

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
        """ケース化: the form (forms.CaseOpenForm) and the service (services.case_open_from_intake)."""
        # Permission first, so a 404 never tells someone without it that the intake exists.
        if not self.has_open_case_permission(request):
            raise PermissionDenied
        intake = get_object_or_404(self.model, pk=pk)
        if intake.case_id:
            self.message_user(request, services.AlreadyConverted.message, messages.WARNING)
            return redirect("admin:consultations_case_change", intake.case_id)
        form = CaseOpenForm(
            request.POST if request.method == "POST" else None, intake=intake, user=request.user
        )
        if request.method == "POST" and form.is_valid():
            try:
                case = services.case_open_from_intake(intake=intake, by=request.user, **form.service_kwargs())
            except (services.ConsultationError, ValidationError) as error:
                attach_error(form, error)
            else:
                self.message_user(request, _("Case %(reference)s opened.") % {"reference": case.reference})
                return redirect("admin:consultations_case_change", case.pk)
        adminform = helpers.AdminForm(form, form.fieldsets(), {})
        context = {
            **self.admin_site.each_context(request),
            "title": _("Make %(reference)s into a case") % {"reference": intake.reference},
            "opts": self.model._meta,
            "intake": intake,
            "is_request": isinstance(intake, ConsultationRequest),
            "form": form,
            "adminform": adminform,
            "media": self.media + form.media,
            "errors": helpers.AdminErrorList(form, []),
        }
        return TemplateResponse(request, "admin/consultations/open_case.html", context)


@admin.register(ConsultationRequest)
class ConsultationRequestAdmin(IntakeAdmin):
    list_display = [
        "reference",
        "submitted_column",
        "status",
        "requester",
        "name",
        "contact_method",
        "topic_list",
        "case_link",
    ]
    list_filter = ["status", "requester", "contact_method", "topics"]
    search_fields = ["reference", "name", "name_kana", "phone", "email"]
    fieldsets = [
        (_("Who is asking"), {"fields": ["requester", ("name", "name_kana"), "age_range", "postal_code"]}),
        (_("How to reply"), {"fields": ["contact_method", ("phone", "contact_times"), "email"]}),
        (_("What it is about"), {"fields": ["topics", "details"]}),
        (_("Possible duplicates"), {"fields": ["possible_matches"]}),
        (_("Staff"), {"fields": ["status", "handled_by", "staff_notes"]}),
        (_("Record"), {"fields": [("reference", "submitted_at"), "case_link", "consent"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("topics")

    @admin.display(description=_("topics"))
    def topic_list(self, obj):
        return "、".join(str(topic) for topic in obj.topics.all())


@admin.register(ConcernReport)
class ConcernReportAdmin(IntakeAdmin):
    list_display = [
        "reference",
        "submitted_column",
        "status",
        "urgency_column",
        "location",
        "reporter_type",
        "case_link",
    ]
    list_filter = ["status", "urgency", "reporter_type"]
    search_fields = ["reference", "location", "subject_name", "reporter_name"]
    fieldsets = [
        (
            _("The person they are worried about"),
            {
                "fields": [
                    "subject_name",
                    "subject_description",
                    "subject_age_range",
                    ("location", "location_postal_code"),
                ]
            },
        ),
        (_("What they noticed"), {"fields": ["urgency", "observations"]}),
        (
            _("Who reported it"),
            {"fields": ["reporter_type", "reporter_name", ("reporter_phone", "reporter_email")]},
        ),
        (_("Possible duplicates"), {"fields": ["possible_matches"]}),
        (_("Outreach"), {"fields": ["visit_list"]}),
        (_("Staff"), {"fields": ["status", "handled_by", "staff_notes"]}),
        (_("Record"), {"fields": [("reference", "submitted_at"), "case_link"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "visit_list"]

    @admin.display(description=_("how urgent"), ordering="urgency")
    def urgency_column(self, obj):
        label = obj.get_urgency_display()
        if obj.urgency == ConcernReport.Urgency.URGENT:
            return format_html('<strong class="urgent">{}</strong>', label)
        return label

    @admin.display(description=_("outreach visits"))
    def visit_list(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        visits = list(obj.visits.order_by("-visited_at")[:10])
        add = format_html(
            '<a href="{}?concern_report={}">{}</a>',
            reverse("admin:consultations_outreachvisit_add"),
            obj.pk,
            _("Record a visit"),
        )
        if not visits:
            return format_html("{} {}", _("No visits yet."), add)
        rows = format_html_join(
            "",
            '<li><a href="{}">{}</a> {}{}</li>',
            (
                (
                    reverse("admin:consultations_outreachvisit_change", args=[v.pk]),
                    date_column(v.visited_at),
                    v.get_outcome_display(),
                    format_html("({} {})", _("next visit"), date_column(v.next_visit_on))
                    if v.next_visit_on
                    else "",
                )
                for v in visits
            ),
        )
        return format_html('<ul class="visit-list">{}</ul>{}', rows, add)
