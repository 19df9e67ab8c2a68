"""Domain errors: what a service refuses, in words staff (or a resident) can act on."""

from django.utils.translation import gettext_lazy as _

from welfare_portal.errors import DomainError


class ConsultationError(DomainError):
    """A domain error of case work; `field` names the form field it is about."""

    message = _("Something went wrong.")


# The public intake forms' errors were the first ones; the old name stays for their callers.
IntakeError = ConsultationError


class RateLimited(ConsultationError):
    message = _("Many forms have been sent from this connection. Please wait a while, or call us.")


class AlreadyConverted(ConsultationError):
    message = _("This intake has already been made into a case.")


class CaseAlreadyClosed(ConsultationError):
    message = _("This case is closed. Reopen it first.")


class CaseNotClosed(ConsultationError):
    message = _("This case is not closed.")


class StageRefused(ConsultationError):
    """The case cannot move to that stage now."""


class CloseNeedsConfirmation(ConsultationError):
    field = "confirm"

    def __init__(self, warnings):
        self.warnings = list(warnings)
        super().__init__(_("Please read the points below and tick the box to close the case anyway."))


class PlanRefused(ConsultationError):
    """A support plan cannot be changed that way (only the newest draft is editable)."""


class ConsentRequired(ConsultationError):
    """A 重層的支援会議 may not discuss the case: the person's consent does not cover it."""

    message = _(
        "A multi-layered support meeting may discuss a case only with the person's consent. "
        "Without consent, use a support meeting (Art. 106-6)."
    )

    def __init__(self, reason=None, *, field="case", support_meetings=()):
        self.reason = reason
        self.support_meetings = list(support_meetings)
        message = self.message
        if reason:
            message = _(
                "%(reason)s Without the person's consent, the case can go to a support meeting "
                "(Art. 106-6) instead."
            ) % {"reason": reason}
        super().__init__(message, field=field)


class ReviewRefused(ConsultationError):
    """A case on a meeting's agenda cannot be changed that way."""


class ReferralRefused(ConsultationError):
    """A referral cannot move to that status from where it is."""


class AreaRefused(ConsultationError):
    """An area cannot sit there in the tree."""


class ConsentRefused(ConsultationError):
    """A consent record cannot be changed that way."""
