"""Staff accounts in the admin: roles, two-step sign-in and lockouts at a glance, with the fixes a 管理者 needs."""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import services
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
