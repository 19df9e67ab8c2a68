from django.conf import settings
from django.contrib import admin

from .text_size import TEXT_SIZES, text_size_from_request


def portal(request):
    """The council's details and the reader's text size, for every template."""
    context = {
        "council": settings.COUNCIL,
        "text_size": text_size_from_request(request),
        "text_sizes": TEXT_SIZES,
    }
    if request.path.startswith(("/staff/", "/admin/")):
        context["staff_idle_seconds"] = settings.STAFF_IDLE_MINUTES * 60
    if request.path.startswith("/staff/"):
        # Staff pages extend the admin's templates outside the admin site: its
        # context gives them the same header, user tools and side menu.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            context.update(admin.site.each_context(request))
    return context
