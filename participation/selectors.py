"""Reads for participation support: staff lists, totals, the person's timeline, the staff home tiles.

Every function here costs a fixed number of queries however many rows there are.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from welfare_portal.staff_home import Tile
from welfare_portal.statistics import (
    HOURS,
    Section,
    Table,
    count_active_by_month,
    count_by_month,
    count_many_by_month,
    count_row,
    series,
    stock_row,
)
from welfare_portal.timeline import TimelineEntry

from .models import Activity, Enquiry, Offer, Participant, Placement, PlacementLog, WorkReferral

# A message from a resident waiting longer than this is shown as urgent.
ENQUIRY_ANSWER_DAYS = 3

STAGE_COUNTS = {
    f"{stage}_count": Count("placements", filter=Q(placements__stage=stage), distinct=True)
    for stage in Placement.Stage.values
}


# --- totals -------------------------------------------------------------------------


@dataclass(frozen=True)
class Totals:
    visit: int = 0
    trial: int = 0
    ongoing: int = 0
    ended: int = 0
    days: int = 0
    hours: float = 0
    offers: int = 0
    offers_accepted: int = 0
    referrals: int = 0

    @property
    def taking_part(self):
        return self.trial + self.ongoing


def _log_totals(**filters):
    return PlacementLog.objects.filter(attended=True, **filters).aggregate(
        days=Count("pk"), hours=Sum("hours")
    )


def participant_totals(participant):
    """Placements by stage, days attended and hours, offers and referrals for one person."""
    stages = participant.placements.aggregate(
        **{stage: Count("pk", filter=Q(stage=stage)) for stage in Placement.Stage.values}
    )
    logs = _log_totals(placement__participant=participant)
    offers = participant.offers.aggregate(
        offers=Count("pk"), accepted=Count("pk", filter=Q(response=Offer.Response.ACCEPTED))
    )
    return Totals(
        **stages,
        days=logs["days"],
        hours=logs["hours"] or 0,
        offers=offers["offers"],
        offers_accepted=offers["accepted"],
        referrals=participant.referrals.count(),
    )


def activity_totals(activity):
    stages = activity.placements.aggregate(
        **{stage: Count("pk", filter=Q(stage=stage)) for stage in Placement.Stage.values}
    )
    logs = _log_totals(placement__activity=activity)
    offers = activity.offers.aggregate(
        offers=Count("pk"), accepted=Count("pk", filter=Q(response=Offer.Response.ACCEPTED))
    )
    return Totals(
        **stages,
        days=logs["days"],
        hours=logs["hours"] or 0,
        offers=offers["offers"],
        offers_accepted=offers["accepted"],
    )


def _hours_by(field, ids):
    rows = (
        PlacementLog.objects.filter(attended=True, **{f"{field}__in": ids})
        .values(field)
        .annotate(days=Count("pk"), hours=Sum("hours"))
    )
    return {row[field]: (row["days"], row["hours"] or 0) for row in rows}


def activity_rows():
    """Every activity with its places, people by stage, days and hours (three queries)."""
    activities = list(
        Activity.objects.with_taken()
        .annotate(**STAGE_COUNTS)
        .select_related("host")
        .order_by("order", "title")
    )
    hours = _hours_by("placement__activity", [a.pk for a in activities])
    open_enquiries = dict(
        Enquiry.objects.filter(status__in=Enquiry.OPEN, activity__isnull=False)
        .values("activity")
        .annotate(n=Count("pk"))
        .values_list("activity", "n")
    )
    for activity in activities:
        activity.days, activity.hours = hours.get(activity.pk, (0, 0))
        activity.open_enquiries = open_enquiries.get(activity.pk, 0)
    return activities


def profile_rows(*, active_only=True):
    """Profiles with people by stage, days and hours (two queries)."""
    participants = Participant.objects.select_related("person", "coordinator").annotate(**STAGE_COUNTS)
    if active_only:
        participants = participants.active()
    participants = list(participants)
    hours = _hours_by("placement__participant", [p.pk for p in participants])
    for participant in participants:
        participant.days, participant.hours = hours.get(participant.pk, (0, 0))
    return participants


def profile_history(participant):
    """What was offered, the placements and referrals: three queries."""
    return {
        "offers": list(participant.offers.select_related("activity").order_by("-offered_on", "-pk")),
        "placements": list(participant.placements.select_related("activity").order_by("-visit_date", "-pk")),
        "referrals": list(participant.referrals.order_by("-referred_on", "-pk")),
    }


def enquiry_queue(*, status):
    """Messages in the queue: `open` (new and in contact), or one status."""
    enquiries = Enquiry.objects.for_queue()
    if status == "open":
        return enquiries.filter(status__in=Enquiry.OPEN)
    if status in Enquiry.Status.values:
        return enquiries.filter(status=status)
    return enquiries


# --- the person's timeline --------------------------------------------------------


def _programme():
    return _("Participation support")


def _placement_entries(placement):
    url = reverse("participation_staff:placement-detail", args=[placement.pk])
    title = placement.activity.title
    steps = [
        (placement.visit_date, _("Visit (kengaku): %(activity)s") % {"activity": title}, ""),
        (placement.trial_start, _("Started trying out: %(activity)s") % {"activity": title}, ""),
        (placement.ongoing_start, _("Taking part: %(activity)s") % {"activity": title}, ""),
        (
            placement.end_date,
            _("Ended: %(activity)s (%(reason)s)")
            % {"activity": title, "reason": placement.get_end_reason_display()},
            placement.end_note,
        ),
    ]
    return [
        TimelineEntry(when=when, programme=_programme(), title=label, detail=detail, admin_url=url)
        for when, label, detail in steps
        if when is not None
    ]


def _log_entry(log):
    if log.attended:
        attended = _("came") if log.hours is None else _("came, %(hours)s hours") % {"hours": log.hours}
    else:
        attended = _("absent")
    detail = log.their_words
    if log.next_step:
        detail += ("\n" if detail else "") + _("Next: %(step)s") % {"step": log.next_step}
    return TimelineEntry(
        when=log.date,
        programme=_programme(),
        title=_("%(activity)s: %(attended)s")
        % {"activity": log.placement.activity.title, "attended": attended},
        detail=detail,
        admin_url=reverse("participation_staff:placement-detail", args=[log.placement_id]),
    )


def _offer_entry(offer):
    return TimelineEntry(
        when=offer.offered_on,
        programme=_programme(),
        title=_("Offered: %(activity)s (%(response)s)")
        % {"activity": offer.activity.title, "response": offer.get_response_display()},
        detail=offer.reasons,
        admin_url=reverse("participation_staff:profile-detail", args=[offer.participant_id]),
    )


def _referral_entry(referral):
    return TimelineEntry(
        when=referral.referred_on,
        programme=_programme(),
        title=_("%(kind)s: %(organisation)s (%(status)s)")
        % {
            "kind": referral.get_kind_display(),
            "organisation": referral.organisation,
            "status": referral.get_status_display(),
        },
        detail=referral.note,
        admin_url=reverse("participation_staff:profile-detail", args=[referral.participant_id]),
    )


def _enquiry_entry(enquiry):
    return TimelineEntry(
        when=enquiry.submitted_at,
        programme=_programme(),
        title=_("Interest message: %(activity)s")
        % {"activity": enquiry.activity.title if enquiry.activity else _("no activity chosen")},
        detail=enquiry.message,
        admin_url=reverse("participation_staff:enquiry-detail", args=[enquiry.pk]),
    )


def _entries(person_filter):
    def where(prefix):
        return {f"{prefix}{key}": value for key, value in person_filter.items()}

    entries = []
    for placement in Placement.objects.filter(**where("participant__")).select_related("activity"):
        entries += _placement_entries(placement)
    entries += [
        _log_entry(log)
        for log in PlacementLog.objects.filter(**where("placement__participant__")).select_related(
            "placement__activity"
        )
    ]
    entries += [
        _offer_entry(offer)
        for offer in Offer.objects.filter(**where("participant__")).select_related("activity")
    ]
    entries += [_referral_entry(r) for r in WorkReferral.objects.filter(**where("participant__"))]
    entries += [
        _enquiry_entry(enquiry)
        for enquiry in Enquiry.objects.filter(**where("participant__")).select_related("activity")
    ]
    return entries


def person_timeline(person):
    return _entries({"person": person})


def household_timeline(household):
    return _entries({"person__household": household})


# --- the staff home -------------------------------------------------------------------


def staff_home_tiles(*, user, today):
    """What a coordinator has to answer or move on today, each a count and a filtered list."""
    if not user.has_perm("participation.view_placement"):
        return []
    section = _("Participation support")
    enquiries = Enquiry.objects.aggregate(
        open=Count("pk", filter=Q(status__in=Enquiry.OPEN)),
        late=Count(
            "pk",
            filter=Q(
                status=Enquiry.Status.NEW,
                submitted_at__date__lt=today - datetime.timedelta(days=ENQUIRY_ANSWER_DAYS),
            ),
        ),
    )
    placements = reverse("admin:participation_placement_changelist")
    tiles = [
        Tile(
            section,
            _("Interest messages to answer"),
            reverse("participation_staff:enquiry-list") + "?status=open",
            count=enquiries["open"],
            urgent=enquiries["late"] > 0,
            note=_("%(count)d waiting more than %(days)d days")
            % {"count": enquiries["late"], "days": ENQUIRY_ANSWER_DAYS}
            if enquiries["late"]
            else "",
        ),
        Tile(
            section,
            _("Placements needing a next step"),
            f"{placements}?next_step=due",
            count=Placement.objects.needing_next_step(today=today).count(),
        ),
        Tile(
            section,
            _("Visits (kengaku) in the next 7 days"),
            f"{placements}?next_step=visit_soon",
            count=Placement.objects.visits_soon(today=today).count(),
        ),
        Tile(
            section,
            _("Offers with no answer for a week"),
            reverse("admin:participation_offer_changelist") + "?waiting=long",
            count=Offer.objects.waiting_long(today=today).count(),
        ),
        Tile(
            section,
            _("Active profiles with no placement"),
            reverse("admin:participation_participant_changelist") + "?is_active__exact=1&placed=none",
            count=Participant.objects.active()
            .exclude(pk__in=Placement.objects.open().values("participant_id"))
            .count(),
            links=((_("All profiles"), reverse("participation_staff:profile-list")),),
        ),
    ]
    return tiles


# --- the monthly figures and the access log ---------------------------------------------


def statistics_sections(*, period, user):
    """参加支援 for the monthly figures: people taking part, placements by stage, days and hours."""
    taking_part = Placement.objects.filter(trial_start__isnull=False)
    participants, participants_total = count_active_by_month(
        taking_part, period, start="trial_start", end="end_date", count="participant", distinct=True
    )
    placements, placements_total = count_active_by_month(
        taking_part, period, start="trial_start", end="end_date"
    )
    visits = count_by_month(Placement.objects.all(), "visit_date", period)
    trials = count_by_month(taking_part, "trial_start", period)
    ongoing = count_by_month(Placement.objects.filter(ongoing_start__isnull=False), "ongoing_start", period)
    ended = count_by_month(Placement.objects.filter(end_date__isnull=False), "end_date", period)
    days = count_many_by_month(
        PlacementLog.objects.all(),
        "date",
        period,
        values={
            "attended": Count("pk", filter=Q(attended=True)),
            "absent": Count("pk", filter=Q(attended=False)),
            "hours": Sum("hours", filter=Q(attended=True), default=Decimal(0)),
        },
    )
    links = []
    if user.has_perm("participation.view_placement"):
        links.append((_("All placements"), reverse("admin:participation_placement_changelist")))
    tables = (
        Table(
            "participation-people",
            _("People taking part"),
            (
                stock_row("participants", _("Participants taking part"), participants, participants_total),
                stock_row("placements", _("Placements under way"), placements, placements_total),
            ),
            unit=pgettext("unit", "people / placements"),
            note=_(
                "Taking part: trying out or taking part by the end of the month, and not ended before it "
                "began. The total counts each person or placement once over the period."
            ),
            chart=("participants", "placements"),
        ),
        Table(
            "participation-stages",
            _("Placements by stage"),
            (
                count_row("visits", _("Visits (kengaku)"), series(visits, period)),
                count_row("trials", _("Began trying out"), series(trials, period)),
                count_row("ongoing", _("Began taking part"), series(ongoing, period)),
                count_row("ended", _("Ended"), series(ended, period)),
            ),
            unit=pgettext("unit", "placements"),
        ),
        Table(
            "participation-days",
            _("Days of activity and hours"),
            (
                count_row("attended", _("Days attended"), series(days["attended"], period)),
                count_row("absent", _("Days absent"), series(days["absent"], period)),
                count_row("hours", _("Hours of activity"), series(days["hours"], period), kind=HOURS),
            ),
            note=_("Hours as recorded in the placement logs of days attended."),
            chart=("attended",),
        ),
    )
    return [Section("participation", _("Participation support"), tables, tuple(links))]


def person_records(person):
    """{model label: ids} of the person's participation records, for the access log."""
    return {
        "participation.participant": Participant.objects.filter(person=person).values("pk"),
        "participation.placement": Placement.objects.filter(participant__person=person).values("pk"),
        "participation.offer": Offer.objects.filter(participant__person=person).values("pk"),
        "participation.enquiry": Enquiry.objects.filter(participant__person=person).values("pk"),
        "participation.workreferral": WorkReferral.objects.filter(participant__person=person).values("pk"),
    }
