from django.urls import path

from . import views

app_name = "ibasho"

urlpatterns = [
    path("", views.gathering_list, name="gathering-list"),
    path("<int:pk>/", views.gathering_detail, name="gathering-detail"),
    path("<int:pk>/qr.svg", views.gathering_qr, {"kind": "svg"}, name="gathering-qr-svg"),
    path("<int:pk>/qr.png", views.gathering_qr, {"kind": "png"}, name="gathering-qr-png"),
    path("<int:pk>/flyer.pdf", views.gathering_flyer, name="gathering-flyer"),
    path("<int:pk>/poster/", views.gathering_poster, name="gathering-poster"),
    path("booking/<str:token>/", views.booking_detail, name="booking-detail"),
    path("booking/<str:token>/cancel/", views.booking_cancel, name="booking-cancel"),
    path("booking/<str:token>/calendar.ics", views.booking_calendar, name="booking-calendar"),
]
