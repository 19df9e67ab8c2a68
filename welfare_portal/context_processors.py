from django.conf import settings

from .text_size import TEXT_SIZES, text_size_from_request


def portal(request):
    """The council's details and the reader's text size, for every template."""
    context = {
        "council": settings.COUNCIL,
        "text_size": text_size_from_request(request),
        "text_sizes": TEXT_SIZES,
    }
    if request.path.startswith("/staff/"):
        # Staff pages extend the admin's templates outside the admin site: this
        # is what shows its user tools (the log-out button) there too.
        user = getattr(request, "user", None)
        context["has_permission"] = bool(user and user.is_active and user.is_staff)
    return context
