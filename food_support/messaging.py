"""What staff are told after a roster step: the right numbers and a link to where to look."""

from django.contrib import messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from welfare_portal.dates import staff_date


def report_roster(request, result):
    """Say what a roster step did, with the right numbers and a link to where to look."""
    distribution = result.distribution
    link = format_html(
        '<a href="{}">{} {}</a>',
        reverse("food_support_staff:distribution-detail", args=[distribution.pk]),
        staff_date(distribution.date),
        distribution.place,
    )
    numbers = {"added": len(result.added), "kept": result.kept}
    if result.created:
        text = _("opened, with %(added)d households on the roster.") % numbers
    elif result.added:
        text = (
            _("%(added)d households newly added to the roster, %(kept)d already on it left as they were.")
            % numbers
        )
    else:
        text = _("nothing new: the %(kept)d households on the roster are left as they were.") % numbers
    messages.success(request, format_html("{}: {}", link, text))
    if result.due_for_renewal:
        messages.warning(
            request,
            format_html(
                '{}: {} <a href="{}">{}</a>',
                link,
                _("%(count)d registrations are past their yearly review and were not added.")
                % {"count": len(result.due_for_renewal)},
                reverse("food_support_staff:review-list"),
                _("Renew them on the renewals page"),
            ),
        )
