"""Reads across case records: timelines for a case, a person and a household."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from welfare_portal.timeline import TimelineEntry

from .models import Case, ContactLog, Referral

PROGRAMME = "相談支援"


def _case_entries(case):
    entries = [
        TimelineEntry(
            when=case.opened_on,
            programme=PROGRAMME,
            title=_("Case %(reference)s opened (%(channel)s)")
            % {"reference": case.reference, "channel": case.get_channel_display()},
            detail=case.summary[:200],
            admin_url=reverse("admin:consultations_case_change", args=[case.pk]),
        )
    ]
    if case.closed_on:
        entries.append(
            TimelineEntry(
                when=case.closed_on,
                programme=PROGRAMME,
                title=_("Case %(reference)s closed: %(reason)s")
                % {"reference": case.reference, "reason": case.get_closing_reason_display()},
                admin_url=reverse("admin:consultations_case_change", args=[case.pk]),
            )
        )
    return entries


def _log_entry(log):
    detail = log.summary
    if log.next_action:
        due = f" ({log.next_action_due:%Y-%m-%d})" if log.next_action_due else ""
        detail += "\n" + _("Next: %(action)s%(due)s") % {"action": log.next_action, "due": due}
    return TimelineEntry(
        when=log.contacted_at,
        programme=PROGRAMME,
        title=_("Contact (%(method)s) with %(who)s")
        % {"method": log.get_method_display(), "who": log.participants},
        detail=detail,
        admin_url=reverse("admin:consultations_case_change", args=[log.case_id]),
    )


def _referral_entry(referral):
    return TimelineEntry(
        when=referral.referred_on,
        programme=PROGRAMME,
        title=_("Referral to %(agency)s: %(status)s")
        % {"agency": referral.agency.name, "status": referral.get_status_display()},
        detail=referral.reason + (f"\n{referral.outcome}" if referral.outcome else ""),
        admin_url=reverse("admin:consultations_referral_change", args=[referral.pk]),
    )


def _timeline(case_filter):
    cases = list(Case.objects.filter(case_filter).order_by("pk"))
    case_ids = [case.pk for case in cases]
    entries = [entry for case in cases for entry in _case_entries(case)]
    entries += [_log_entry(log) for log in ContactLog.objects.filter(case_id__in=case_ids)]
    entries += [
        _referral_entry(referral)
        for referral in Referral.objects.filter(case_id__in=case_ids).select_related("agency")
    ]
    return sorted(entries, key=lambda entry: entry.sort_key, reverse=True)


def case_timeline(case):
    """Everything on one case, newest first."""
    return _timeline(Q(pk=case.pk))


def person_timeline(person):
    """Cases, contact logs and referrals about this person, newest first."""
    return _timeline(Q(person=person))


def household_timeline(household):
    """Cases of the household and of its members, with their logs and referrals."""
    return _timeline(Q(household=household) | Q(person__household=household))
