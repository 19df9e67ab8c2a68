from django.conf import settings

from .text_size import TEXT_SIZES, text_size_from_request


def portal(request):
    """The council's details and the reader's text size, for every template."""
    return {
        "council": settings.COUNCIL,
        "text_size": text_size_from_request(request),
        "text_sizes": TEXT_SIZES,
    }
