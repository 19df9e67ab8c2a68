from django.urls import path

from . import staff_views

app_name = "consultations_staff"

# Staff pages beyond the admin, at /staff/consultations/; login and permissions required.
urlpatterns = [
    path("meetings/<int:pk>/agenda/", staff_views.meeting_agenda, name="meeting-agenda"),
    path("areas/", staff_views.area_list, name="area-list"),
    path("areas/<int:pk>/", staff_views.area_detail, name="area-detail"),
]
