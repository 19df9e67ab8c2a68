from django.urls import path

from . import views

app_name = "consultations"

urlpatterns = [
    path("", views.request_create, name="request-create"),
    path("concern/", views.concern_create, name="concern-create"),
]
