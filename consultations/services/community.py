"""地域づくり: areas, community meetings and the local needs followed up after them."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Area, CommunityNeed, CommunityNeedFollowUp
from .errors import AreaRefused, ConsultationError


@transaction.atomic
def area_save(*, area, by=None):
    """An area sits one layer under its parent: a district in the whole area, a neighbourhood in a district."""
    if area.parent_id is not None:
        parent = Area.objects.get(pk=area.parent_id)
        if parent.layer != area.layer - 1:
            raise AreaRefused(
                _("An area of this layer sits inside an area of “%(layer)s”.")
                % {"layer": Area.Layer(area.layer - 1).label if area.layer > 1 else ""},
                field="parent",
            )
    if area.pk is not None:
        current = Area.objects.select_for_update().get(pk=area.pk)
        if current.layer != area.layer and current.children.exists():
            raise AreaRefused(_("This area has areas inside it, so its layer cannot change."), field="layer")
    area.full_clean()
    area.save()
    return area


@transaction.atomic
def community_meeting_save(*, meeting, attendees=(), needs=(), deleted=(), by=None):
    """A community meeting with who took part and the needs and ideas raised there.

    New needs belong to the meeting's area unless a smaller area inside it was chosen.
    """
    if meeting.pk is None and meeting.recorded_by_id is None:
        meeting.recorded_by = by
    meeting.full_clean()
    meeting.save()
    for row in deleted:
        if isinstance(row, CommunityNeed) and row.follow_ups.exists():
            raise ConsultationError(_("A need that has been followed up stays on record."))
        row.delete()
    for attendee in attendees:
        attendee.meeting = meeting
        attendee.full_clean()
        attendee.save()
    allowed = set(Area.objects.within(meeting.area).values_list("pk", flat=True))
    for need in needs:
        need.meeting = meeting
        if need.area_id is None:
            need.area = meeting.area
        if need.area_id not in allowed:
            raise ConsultationError(
                _("A need raised at this meeting belongs to %(area)s or an area inside it.")
                % {"area": meeting.area},
                field="area",
            )
        if need.pk is None:
            need.status = CommunityNeed.Status.OPEN
            need.closed_on = None
        need.full_clean()
        need.save()
    return meeting


@transaction.atomic
def community_need_save(*, need, by=None):
    """A need or idea entered on its own page; its status moves only by a follow-up."""
    if need.pk is None:
        need.status = CommunityNeed.Status.OPEN
        need.closed_on = None
    else:
        current = CommunityNeed.objects.select_for_update().get(pk=need.pk)
        need.status, need.closed_on = current.status, current.closed_on
    need.full_clean()
    need.save()
    return need


@transaction.atomic
def community_need_follow_up(*, need, status, note, on=None, follow_up_on=None, by=None):
    """Record what was done about a need and where it stands now (a need can be taken up again)."""
    need = CommunityNeed.objects.select_for_update().get(pk=need.pk)
    on = on or timezone.localdate()
    if not (note or "").strip():
        raise ConsultationError(_("Please write what was done."), field="note")
    follow_up = CommunityNeedFollowUp(need=need, followed_up_on=on, status=status, note=note.strip(), by=by)
    follow_up.full_clean()
    follow_up.save()
    need.status = status
    need.closed_on = None if status in CommunityNeed.OPEN_STATUSES else on
    need.follow_up_on = follow_up_on if status in CommunityNeed.OPEN_STATUSES else None
    need.full_clean()
    need.save(update_fields=["status", "closed_on", "follow_up_on"])
    return follow_up
