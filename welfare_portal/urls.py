from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from . import account_views, staff_views, statistics_views, views

admin.site.site_header = format_lazy(_("{council} staff site"), council=settings.COUNCIL["name"])
admin.site.site_title = settings.COUNCIL["name"]
admin.site.index_title = _("Case records and services")

urlpatterns = [
    path("", views.home, name="home"),
    path("contact/", views.contact, name="contact"),
    path("privacy/", views.privacy, name="privacy"),
    path("text-size/", views.text_size, name="text-size"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("consultation/", include("consultations.urls")),
    path("ibasho/", include("ibasho.urls")),
    path("participation/", include("participation.urls")),
    path("food/", include("food_support.urls")),
    path("staff/", staff_views.home, name="staff-home"),
    path("staff/two-factor/", account_views.verify, name="two-factor-verify"),
    path("staff/two-factor/setup/", account_views.setup, name="two-factor-setup"),
    path("staff/two-factor/backup-codes/", account_views.backup_codes, name="two-factor-backup-codes"),
    path("staff/session/keepalive/", account_views.keepalive, name="staff-session-keepalive"),
    path("staff/people/<int:pk>/", staff_views.person_timeline, name="staff-person-timeline"),
    path("staff/households/<int:pk>/", staff_views.household_timeline, name="staff-household-timeline"),
    path("staff/statistics/", statistics_views.statistics_page, name="staff-statistics"),
    path("staff/statistics/figures.xlsx", statistics_views.statistics_xlsx, name="staff-statistics-xlsx"),
    path("staff/statistics/<slug:table>.csv", statistics_views.statistics_csv, name="staff-statistics-csv"),
    path("staff/consultations/", include("consultations.staff_urls")),
    path("staff/ibasho/", include("ibasho.staff_urls")),
    path("staff/participation/", include("participation.staff_urls")),
    path("staff/food/", include("food_support.staff_urls")),
    path("admin/", admin.site.urls),
]

handler400 = "welfare_portal.views.bad_request"
handler403 = "welfare_portal.views.permission_denied"
handler500 = "welfare_portal.views.server_error"
