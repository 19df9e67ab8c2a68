"""The text-size switch (標準・大・特大), kept in a cookie so it works without JavaScript."""

from django.utils.translation import gettext_lazy as _

COOKIE_NAME = "text_size"
TEXT_SIZES = [
    ("standard", _("Standard")),
    ("large", _("Large")),
    ("x-large", _("Extra large")),
]
_VALID = {key for key, _label in TEXT_SIZES}


def text_size_from_request(request):
    value = request.COOKIES.get(COOKIE_NAME, "standard")
    return value if value in _VALID else "standard"


def is_valid_text_size(value):
    return value in _VALID
