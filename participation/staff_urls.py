from django.urls import path  # noqa: F401

app_name = "participation_staff"

# Staff pages beyond the admin, at /staff/<app>/; login and permissions required.
urlpatterns = []
