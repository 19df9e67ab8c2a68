"""What every admin page in the project shares, whichever app registers it.

- Only the filters a role is shown may be used. Django's admin accepts a
  lookup on any of a model's own fields in the query string (``?notes__regex=^a``)
  even when the field is hidden from that role; counting the rows that match
  reads a hidden note back letter by letter. Here a lookup is allowed only
  when it is what one of the role's list filters (or the date hierarchy)
  sends; anything else answers 400 and is logged as a security event.
- Past versions (simple-history) follow the record's own permission, on the
  history list and on each version's page alike, and are never written back:
  a revert would write around the services and their rules.
- Opening a record about a person (its page, its history, a past version) is
  written to the access log (閲覧記録): see `welfare_portal.access_log`.

`StaffAdminSite.register` (welfare_portal.admin_site) mixes `StaffAdminMixin`
into every ModelAdmin, the third-party ones included, so no admin can forget it.
"""

import logging

from django.contrib import admin
from django.contrib.admin import widgets
from django.contrib.admin.filters import ListFilter, SimpleListFilter
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from .access_log import AccessLogAdminMixin

security_log = logging.getLogger("welfare_portal.security")

# What Django's own list filters put in the query string after the field path:
# Boolean/Choices (`__exact`, `__isnull`), Related (`__<pk>__exact`), Date
# (`__gte`, `__lt`), AllValues (the bare path), Empty (`__isempty`).
FILTER_SUFFIXES = ("", "__exact", "__isnull", "__id__exact", "__pk__exact", "__gte", "__lt", "__isempty")
DATE_HIERARCHY_SUFFIXES = ("__year", "__month", "__day")


def allowed_filter_parameters(model_admin, request):
    """Every query-string key the role's shown filters and date hierarchy may send."""
    allowed = set()
    for item in model_admin.get_list_filter(request):
        if isinstance(item, type) and issubclass(item, SimpleListFilter):
            allowed.add(item.parameter_name)
            continue
        if isinstance(item, type) and issubclass(item, ListFilter):
            # A custom ListFilter declares its own parameters; it must name them.
            allowed.update(getattr(item, "allowed_parameters", ()))
            continue
        path = item[0] if isinstance(item, (list, tuple)) else item
        allowed.update(f"{path}{suffix}" for suffix in FILTER_SUFFIXES)
    if model_admin.date_hierarchy:
        allowed.update(f"{model_admin.date_hierarchy}{suffix}" for suffix in DATE_HIERARCHY_SUFFIXES)
    return allowed


class StaffAdminMixin(AccessLogAdminMixin):
    """Role-limited filters, history and the access log for a ModelAdmin; see the module docstring."""

    def lookup_allowed(self, lookup, value, request=None):
        if self._fk_popup_lookup(lookup, value):
            return True
        if request is not None and lookup in allowed_filter_parameters(self, request):
            return True
        opts = self.model._meta
        user = getattr(request, "user", None)
        # The key only: the value may be someone's note or name.
        security_log.warning(
            "Refused admin lookup %r on %s.%s by user %s",
            lookup,
            opts.app_label,
            opts.model_name,
            getattr(user, "pk", None),
        )
        return False

    def _fk_popup_lookup(self, lookup, value):
        """The raw-id popup sends a ForeignKey's limit_choices_to as lookups (Django allows these)."""
        for fk_lookup in self.model._meta.related_fkey_lookups:
            if callable(fk_lookup):
                fk_lookup = fk_lookup()
            if (lookup, value) in widgets.url_params_from_lookup_dict(fk_lookup).items():
                return True
        return False

    # --- history (simple-history) ---------------------------------------------

    def has_history_permission(self, request, obj=None):
        """Who may read the past versions of a record: whoever may view the record itself.

        An admin that hides fields from a role must refuse that role here too,
        since a past version shows every field.
        """
        return self.has_view_or_change_permission(request, obj)

    def has_view_history_or_change_history_permission(self, request, obj=None):
        return self.has_history_permission(request, obj)

    def has_view_history_permission(self, request, obj=None):
        return self.has_history_permission(request, obj)

    def has_change_history_permission(self, request, obj=None):
        return False

    def history_view_title(self, request, obj):
        return _("Change history: %(record)s") % {"record": obj}

    def history_form_view_title(self, request, obj):
        return _("Past version: %(record)s") % {"record": obj}

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A past version is for reading; saving it would write around the services.
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class StaffModelAdmin(StaffAdminMixin, admin.ModelAdmin):
    pass


class StaffHistoryAdmin(StaffAdminMixin, SimpleHistoryAdmin):
    """An admin whose records keep their change history (simple-history)."""
