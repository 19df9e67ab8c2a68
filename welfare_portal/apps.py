from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WelfarePortalConfig(AppConfig):
    name = "welfare_portal"
    verbose_name = _("Portal")

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy checks)
