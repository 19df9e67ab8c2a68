from django.urls import path

from . import views

app_name = "food_support_staff"

# Staff pages beyond the admin, at /staff/food/; login and the food role required.
urlpatterns = [
    path("", views.distribution_list, name="distribution-list"),
    path("rollover/month/", views.month_rollover, name="month-rollover"),
    path("rollover/", views.distribution_rollover, name="distribution-rollover"),
    path("distributions/<int:pk>/", views.distribution_detail, name="distribution-detail"),
    path("distributions/<int:pk>/generate/", views.roster_generate, name="roster-generate"),
    path("distributions/<int:pk>/export.xlsx", views.roster_export_xlsx, name="roster-export-xlsx"),
    path("distributions/<int:pk>/export.csv", views.roster_export_csv, name="roster-export-csv"),
    path("distributions/<int:pk>/sign-off/", views.roster_signoff, name="roster-signoff"),
    path("roster/<int:pk>/pickup/", views.pickup_record, name="pickup-record"),
    path("roster/<int:pk>/undo/", views.pickup_undo, name="pickup-undo"),
    path("figures/", views.figures, name="figures"),
    path("applications/", views.application_list, name="application-list"),
    path("applications/<int:pk>/", views.application_review, name="application-review"),
    path("registrations/<int:pk>/", views.registration_detail, name="registration-detail"),
    path("registrations/<int:pk>/renew/", views.registration_renew, name="registration-renew"),
    path("reviews/", views.review_list, name="review-list"),
]
