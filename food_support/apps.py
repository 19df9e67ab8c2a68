from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FoodSupportConfig(AppConfig):
    name = "food_support"
    verbose_name = _("Food support")
