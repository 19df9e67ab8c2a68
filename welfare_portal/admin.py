"""Staff accounts in the admin: roles, two-step sign-in and lockouts at a glance, with the fixes a 管理者 needs."""

import csv

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.apps import apps
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import StreamingHttpResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import services
from .access_log import LOGGED_MODELS
from .models import AccessLog
from .staff_admin import StaffAdminMixin

User = get_user_model()

# Device secrets have no business in a list page: devices are managed through
# the user actions below and the staff's own enrolment page.
for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


def _locked_out_attempts():
    return AccessAttempt.objects.filter(
        username=OuterRef("username"),
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME,
    )


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(StaffAdminMixin, UserAdmin):
    list_display = [
        "username",
        "full_name",
        "role_list",
        "is_active",
        "is_staff",
        "two_factor_enrolled",
        "locked_out",
        "last_login",
    ]
    list_filter = ["is_staff", "is_active", "groups"]
    actions = ["reset_two_factor", "unlock_login"]

    def get_queryset(self, request):
        enrolled = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return (
            super()
            .get_queryset(request)
            .prefetch_related("groups")
            .annotate(has_two_factor=Exists(enrolled), is_locked_out=Exists(_locked_out_attempts()))
        )

    @admin.display(description=_("staff name"), ordering="last_name")
    def full_name(self, obj):
        return f"{obj.last_name} {obj.first_name}".strip() or "—"

    @admin.display(description=_("staff role"))
    def role_list(self, obj):
        return "、".join(group.name for group in obj.groups.all()) or "—"

    @admin.display(description=_("two-step sign-in"), boolean=True, ordering="has_two_factor")
    def two_factor_enrolled(self, obj):
        return obj.has_two_factor

    @admin.display(description=_("locked out"), boolean=True, ordering="is_locked_out")
    def locked_out(self, obj):
        return obj.is_locked_out

    @admin.action(
        description=_("Reset two-step sign-in (lost phone): they set it up again at next sign-in"),
        permissions=["change"],
    )
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            services.staff_two_factor_reset(user=user, by=request.user)
        count = queryset.count()
        self.message_user(
            request,
            ngettext(
                "Two-step sign-in was reset for %(count)d user. They set it up again when they next sign in.",
                "Two-step sign-in was reset for %(count)d users. They set it up again when they next sign in.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Unlock sign-in (too many wrong passwords)"), permissions=["change"])
    def unlock_login(self, request, queryset):
        unlocked = [
            user for user in queryset if services.staff_login_unlock(username=user.username, by=request.user)
        ]
        self.message_user(
            request,
            ngettext("%(count)d login name unlocked.", "%(count)d login names unlocked.", len(unlocked))
            % {"count": len(unlocked)},
            messages.SUCCESS,
        )


admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class LoginAttemptAdmin(StaffAdminMixin, AccessAttemptAdmin):
    """Wrong passwords per login name (django-axes); unlocking removes them."""

    actions = ["unlock"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Unlock the selected login names"), permissions=["delete"])
    def unlock(self, request, queryset):
        names = set(queryset.values_list("username", flat=True))
        for username in names:
            services.staff_login_unlock(username=username, by=request.user)
        self.message_user(
            request,
            ngettext("%(count)d login name unlocked.", "%(count)d login names unlocked.", len(names))
            % {"count": len(names)},
            messages.SUCCESS,
        )


# --- 閲覧記録: who opened which record ---------------------------------------------


def _record_kind(label):
    try:
        return apps.get_model(label)._meta.verbose_name
    except (LookupError, ValueError):
        return label


class RecordKindFilter(admin.SimpleListFilter):
    title = _("kind of record")
    parameter_name = "model"

    def lookups(self, request, model_admin):
        return sorted(((label, _record_kind(label)) for label in LOGGED_MODELS), key=lambda c: str(c[1]))

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(model=self.value())
        return queryset


class RecordNumberFilter(admin.SimpleListFilter):
    """One record's entries (with the kind filter), reached from a person's timeline; shown when set."""

    title = _("record number")
    parameter_name = "record"

    def lookups(self, request, model_admin):
        value = self.value()
        return [(value, f"#{value}")] if value else []

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if not value.isdigit():
            return queryset.none()
        return queryset.filter(object_id=int(value))


@admin.register(AccessLog)
class AccessLogAdmin(StaffAdminMixin, admin.ModelAdmin):
    """Read-only for every role, 管理者 included: nobody adds, changes or deletes entries here."""

    list_display = ["at", "staff_member", "record", "how", "client_address"]
    list_select_related = ["user"]
    list_filter = ["user", RecordKindFilter, RecordNumberFilter, "how"]
    date_hierarchy = "at"
    list_per_page = 100
    show_full_result_count = False
    change_list_template = "admin/welfare_portal/accesslog/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_history_permission(self, request, obj=None):
        return False

    @admin.display(description=_("staff member"), ordering="user__username")
    def staff_member(self, obj):
        name = f"{obj.user.last_name} {obj.user.first_name}".strip()
        return f"{name} ({obj.user.username})" if name else obj.user.username

    @admin.display(description=_("record"))
    def record(self, obj):
        kind = _record_kind(obj.model)
        app_label, _dot, model_name = obj.model.partition(".")
        try:
            url = reverse(f"admin:{app_label}_{model_name}_change", args=[obj.object_id])
        except NoReverseMatch:
            return f"{kind} #{obj.object_id}"
        return format_html('<a href="{}">{} #{}</a>', url, kind, obj.object_id)

    def get_urls(self):
        return [
            path(
                "export.csv",
                self.admin_site.admin_view(self.export_view),
                name="welfare_portal_accesslog_export",
            ),
            *super().get_urls(),
        ]

    def export_view(self, request):
        """The entries the list shows now (same filters), as CSV for Japanese Excel."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        changelist = self.get_changelist_instance(request)
        entries = changelist.get_queryset(request).select_related("user").iterator(chunk_size=2000)
        response = StreamingHttpResponse(_access_log_csv(entries), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="access-log-{timezone.localdate():%Y-%m-%d}.csv"'
        )
        return response


class _Echo:
    def write(self, value):
        return value


def _access_log_csv(entries):
    writer = csv.writer(_Echo())
    yield "\ufeff"
    yield writer.writerow(
        [
            gettext("When"),
            gettext("Login name"),
            gettext("Staff member"),
            gettext("Kind of record"),
            gettext("Record label"),
            gettext("Record number"),
            gettext("How"),
            gettext("From address"),
        ]
    )
    for entry in entries:
        yield writer.writerow(
            [
                timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S"),
                entry.user.username,
                f"{entry.user.last_name} {entry.user.first_name}".strip(),
                str(_record_kind(entry.model)),
                entry.model,
                entry.object_id,
                entry.get_how_display(),
                entry.client_address or "",
            ]
        )
