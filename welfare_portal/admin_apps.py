from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    """django.contrib.admin with the portal's own site (see admin_site.py)."""

    default_site = "welfare_portal.admin_site.StaffAdminSite"
