"""The staff admin site: every ModelAdmin gets the project's rules, staff need their second factor."""

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.contenttypes import views as contenttype_views
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse

from . import two_factor
from .staff_admin import StaffAdminMixin
from .staff_home import staff_pages_for

CASE_WORK_ORDER = [
    "consultations",
    "ibasho",
    "participation",
    "food_support",
    "welfare_portal",
    "auth",
    "axes",
]
PROGRAMME_ORDER = [
    "ibasho",
    "food_support",
    "participation",
    "consultations",
    "welfare_portal",
    "auth",
    "axes",
]


class StaffAdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        # Third-party admins (auth, axes, django-otp) get the same filter and
        # history rules as ours: the mixin goes in front of whatever is registered.
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, StaffAdminMixin):
            admin_class = type(
                admin_class.__name__,
                (StaffAdminMixin, admin_class),
                {"__module__": admin_class.__module__, "__qualname__": admin_class.__qualname__},
            )
        return super().register(model_or_iterable, admin_class, **options)

    def each_context(self, request):
        context = super().each_context(request)
        user = request.user
        if user.is_authenticated and user.is_staff:
            context["staff_pages"] = staff_pages_for(user)
        return context

    def get_app_list(self, request, app_label=None):
        """Each role's own work first: case records for case workers, the programmes for coordinators."""
        apps = super().get_app_list(request, app_label)
        order = CASE_WORK_ORDER if request.user.has_perm("consultations.view_case") else PROGRAMME_ORDER
        return sorted(
            apps, key=lambda app: order.index(app["app_label"]) if app["app_label"] in order else len(order)
        )

    def has_permission(self, request):
        # StaffTwoFactorMiddleware sends such users to the code page first; this
        # is the second lock on the same door.
        return super().has_permission(request) and two_factor.is_satisfied(request.user)

    def login(self, request, extra_context=None):
        # Staff land on their home page, not on the list of models.
        if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
            extra_context = {**(extra_context or {}), REDIRECT_FIELD_NAME: reverse("staff-home")}
        return super().login(request, extra_context)

    def get_urls(self):
        urls = super().get_urls()
        return [
            path(
                "r/<int:content_type_id>/<path:object_id>/",
                self.admin_view(self.view_on_site),
                name="view_on_site",
            )
            if getattr(pattern, "name", None) == "view_on_site"
            else pattern
            for pattern in urls
        ]

    def view_on_site(self, request, content_type_id, object_id):
        """Django's "view on site" redirect, only for staff who may view that kind of record.

        Django's own answers any staff member, and a booking's public address
        carries its secret token.
        """
        content_type = get_object_or_404(ContentType, pk=content_type_id)
        if not request.user.has_perm(f"{content_type.app_label}.view_{content_type.model}"):
            raise PermissionDenied
        return contenttype_views.shortcut(request, content_type_id, object_id)
