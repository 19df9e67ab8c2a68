from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
    path("", views.activity_list, name="activity-list"),
]
