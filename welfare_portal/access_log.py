"""閲覧記録: who opened which record about a person, written cheaply from views and the admin.

One insert per page (a list page or a file: one bulk insert for all the records
it shows), with no personal data copied: the model label and id, the staff
member, the time and the client address (behind TRUSTED_PROXY_COUNT proxies).
Never changed or deleted from the site; 管理者 read it in the admin.

A leaf of welfare_portal: records are named by label, this module imports no app.
"""

import ipaddress

from django.contrib.admin.utils import unquote

from .models import AccessLog
from .network import client_address

How = AccessLog.How

# Records about a person: opening one in the admin (its page, its change history,
# a past version) is logged. A new model that holds a person's details gets a line here.
LOGGED_MODELS = frozenset(
    {
        "consultations.person",
        "consultations.household",
        "consultations.consultationrequest",
        "consultations.concernreport",
        "consultations.case",
        "consultations.contactlog",
        "consultations.referral",
        "consultations.assessment",
        "consultations.supportplan",
        "consultations.meeting",
        "consultations.outreachvisit",
        "ibasho.booking",
        "participation.participant",
        "participation.placement",
        "participation.offer",
        "participation.enquiry",
        "participation.workreferral",
        "food_support.foodapplication",
        "food_support.foodregistration",
        "food_support.rosterentry",
    }
)


def _address(request):
    """The client address if it is one; a forged or missing header stores nothing."""
    try:
        return str(ipaddress.ip_address(client_address(request).strip()))
    except ValueError:
        return None


def access_log_write(*, request, obj=None, model="", object_id=None, how):
    """Record that the signed-in staff member opened one record (`obj`, or `model` label and id)."""
    if obj is not None:
        model, object_id = obj._meta.label_lower, obj.pk
    return AccessLog.objects.create(
        user=request.user, model=model, object_id=object_id, how=how, client_address=_address(request)
    )


def access_log_write_many(*, request, model, object_ids, how):
    """Record every record a list page or a file shows, in one bulk insert."""
    address = _address(request)
    rows = [
        AccessLog(user=request.user, model=model, object_id=pk, how=how, client_address=address)
        for pk in dict.fromkeys(object_ids)  # each record once, in the order shown
    ]
    AccessLog.objects.bulk_create(rows)
    return len(rows)


class AccessLogAdminMixin:
    """Opening a record about a person in the admin is logged (see LOGGED_MODELS).

    A ModelAdmin may set `access_logged = True` or `False` to decide for itself.
    A record that is not about a person but lists such records inline (a
    gathering and its bookings) writes each one listed. Only pages that were
    shown count: a refused or missing record, or a redirect after a save (which
    the change history records), writes nothing.
    """

    @property
    def access_logged(self):
        return self.opts.label_lower in LOGGED_MODELS

    def _log_opened(self, request, object_id, response, how):
        if response.status_code != 200:
            return
        if self.access_logged:
            pk = self.opts.pk.to_python(unquote(object_id))
            access_log_write(request=request, model=self.opts.label_lower, object_id=pk, how=how)
        elif how == How.ADMIN:
            self._log_inlines(request, response)

    def _log_inlines(self, request, response):
        """A record not about a person that lists people's records inline (a gathering's
        bookings, a distribution's roster): each one shown is written, in one insert."""
        context = getattr(response, "context_data", None) or {}
        for inline in context.get("inline_admin_formsets", []):
            label = inline.formset.model._meta.label_lower
            if label in LOGGED_MODELS:
                ids = [form.instance.pk for form in inline.formset.initial_forms]
                access_log_write_many(request=request, model=label, object_ids=ids, how=How.ADMIN)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        self._log_opened(request, object_id, response, How.ADMIN)
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        self._log_opened(request, object_id, response, How.HISTORY)
        return response

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        response = super().history_form_view(request, object_id, version_id, extra_context)
        self._log_opened(request, object_id, response, How.HISTORY)
        return response
