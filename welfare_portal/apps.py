from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WelfarePortalConfig(AppConfig):
    name = "welfare_portal"
    verbose_name = _("Portal")

    def ready(self):
        from django.contrib.auth import get_user_model

        from . import checks  # noqa: F401  (registers the deploy checks)

        # Staff appear by their names, family name first, wherever a user is shown: lists,
        # filters, dropdowns, the change history. Login names only where there is no name.
        get_user_model().__str__ = staff_display_name
        get_user_model().get_full_name = staff_display_name


def staff_display_name(user):
    return f"{user.last_name} {user.first_name}".strip() or user.get_username()
