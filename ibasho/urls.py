from django.urls import path

from . import views

app_name = "ibasho"

urlpatterns = [
    path("", views.gathering_list, name="gathering-list"),
]
