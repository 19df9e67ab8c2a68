from django.urls import path

from . import staff_views

app_name = "ibasho_staff"

# Staff pages beyond the admin, at /staff/ibasho/; login and permissions required.
urlpatterns = [
    path("", staff_views.numbers, name="numbers"),
    path("<int:pk>/roster/", staff_views.gathering_roster, name="gathering-roster"),
    path("<int:pk>/attendance/", staff_views.gathering_attendance, name="gathering-attendance"),
    path("booking/<int:pk>/attendance/", staff_views.booking_attendance, name="booking-attendance"),
]
