"""The one shape of a domain error: what a service refuses, in words the reader can act on.

Each app's services raise subclasses (ConsultationError, BookingError,
ParticipationError, FoodSupportError); views and admin actions show `message`
next to `field` when it names one, or as a message at the top of the page —
never as a 500.
"""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    message = _("This could not be done.")
    field = None  # the form field the error is about, if any

    def __init__(self, message=None, *, field=None):
        if message is not None:
            self.message = message
        if field is not None:
            self.field = field
        super().__init__(str(self.message))

    def __str__(self):
        return str(self.message)
