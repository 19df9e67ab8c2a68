"""Outreach visits (アウトリーチ): days since someone was last met, and the next visit planned."""

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from welfare_portal.staff_admin import StaffHistoryAdmin

from .. import services
from ..models import OutreachVisit
from .base import CASE_SEARCH, FromCaseMixin, ServiceAdminMixin, case_link, date_column


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
class OutreachVisitAdmin(FromCaseMixin, ServiceAdminMixin, StaffHistoryAdmin):
    list_display = ["visited_column", "subject", "outcome", "since_met", "next_visit_column"]
    list_select_related = ["case", "case__person", "concern_report"]
    list_filter = [NextVisitFilter, "outcome"]
    search_fields = ["location", "visitors", *CASE_SEARCH, "concern_report__reference"]
    date_hierarchy = "visited_at"
    autocomplete_fields = ["case"]
    raw_id_fields = ["concern_report"]
    fields = [
        "case",
        "concern_report",
        "visited_at",
        "location",
        "visitors",
        "outcome",
        "notes",
        "next_visit_on",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_last_success()

    def save_with_service(self, request, form, formsets, change):
        services.outreach_visit_save(visit=form.instance, by=request.user)

    @admin.display(description=_("visited at"), ordering="visited_at")
    def visited_column(self, obj):
        return date_column(obj.visited_at)

    @admin.display(description=_("about"))
    def subject(self, obj):
        if obj.case_id:
            return case_link(obj.case)
        return obj.concern_report.reference if obj.concern_report_id else "—"

    @admin.display(description=_("since someone was last met"))
    def since_met(self, obj):
        last = obj.last_case_success_at or obj.last_report_success_at
        if last is None:
            return format_html('<strong class="stalled">{}</strong>', _("not met yet"))
        days = (timezone.localdate() - timezone.localtime(last).date()).days
        return ngettext("%(days)d day", "%(days)d days", days) % {"days": days}

    @admin.display(description=_("next visit"), ordering="next_visit_on")
    def next_visit_column(self, obj):
        if obj.next_visit_on and obj.next_visit_on < timezone.localdate():
            return format_html(
                '<strong class="overdue">{} ({})</strong>', date_column(obj.next_visit_on), _("overdue")
            )
        return date_column(obj.next_visit_on)
