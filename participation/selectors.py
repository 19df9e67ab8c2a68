from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from welfare_portal.staff_home import Tile
from welfare_portal.timeline import TimelineEntry

from .models import Placement, PlacementLog


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
