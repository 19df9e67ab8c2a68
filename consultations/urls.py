from django.urls import path

from . import views

app_name = "consultations"

urlpatterns = [
    path("", views.request_create, name="request-create"),
    path("thanks/", views.request_done, name="request-done"),
    path("concern/", views.concern_create, name="concern-create"),
    path("concern/thanks/", views.concern_done, name="concern-done"),
]
