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

from .models import Participant, Placement, PlacementLog


def _entries(person_filter):
    programme = _("Participation support")
    entries = []
    placements = Placement.objects.filter(**{f"participant__{k}": v for k, v in person_filter.items()})
    for placement in placements.select_related("activity", "participant__person"):
        entries.append(
            TimelineEntry(
                when=placement.created_at,
                programme=programme,
                title=_("Placement: %(activity)s") % {"activity": placement.activity.title},
                detail=f"{placement.participant.person} / {placement.get_status_display()}",
                admin_url=reverse("admin:participation_placement_change", args=[placement.pk]),
            )
        )
    logs = PlacementLog.objects.filter(
        **{f"placement__participant__{k}": v for k, v in person_filter.items()}
    ).select_related("placement__activity")
    for log in logs:
        entries.append(
            TimelineEntry(
                when=log.date,
                programme=programme,
                title=_("%(activity)s: %(attended)s")
                % {
                    "activity": log.placement.activity.title,
                    "attended": _("attended") if log.attended else _("absent"),
                },
                detail=log.progress,
                admin_url=reverse("admin:participation_placement_change", args=[log.placement_id]),
            )
        )
    return entries


def person_timeline(person):
    return _entries({"person": person})


def household_timeline(household):
    return _entries({"person__household": household})


def staff_home_tiles(*, user, today):
    """Participation's part of the staff home (the interest queue comes with the interest form)."""
    if not user.has_perm("participation.change_placement"):
        return []
    section = _("Participation support")
    placements = Placement.objects.exclude(status=Placement.Status.ENDED).aggregate(
        proposed=Count("pk", filter=Q(status=Placement.Status.PROPOSED)),
    )
    return [
        Tile(
            section,
            _("Placements proposed, not started yet"),
            reverse("admin:participation_placement_changelist")
            + f"?status__exact={Placement.Status.PROPOSED}",
            count=placements["proposed"],
        )
    ]


def statistics_sections(*, period, user):
    """参加支援 for the monthly figures: people taking part, placements by stage, days and hours."""
    started = Placement.objects.filter(start_date__isnull=False)
    participants, participants_total = count_active_by_month(
        started, period, start="start_date", end="end_date", count="participant", distinct=True
    )
    placements, placements_total = count_active_by_month(started, period, start="start_date", end="end_date")
    proposed = count_by_month(Placement.objects.all(), "created_at", period)
    begun = count_by_month(Placement.objects.all(), "start_date", period)
    ended = count_by_month(Placement.objects.all(), "end_date", period)
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
                "Taking part: a placement started by the end of the month and not ended before it began. "
                "The total counts each person or placement once over the period."
            ),
            chart=("participants", "placements"),
        ),
        Table(
            "participation-stages",
            _("Placements by stage"),
            (
                count_row("proposed", _("Proposed"), series(proposed, period)),
                count_row("started", _("Started (trial or taking part)"), series(begun, period)),
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
    }
