from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
    path("", views.activity_list, name="activity-list"),
    path("<int:pk>/", views.activity_detail, name="activity-detail"),
    path("interest/thanks/", views.enquiry_done, name="enquiry-done"),
]
