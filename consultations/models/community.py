"""地域づくり: areas in three layers, community meetings, and the needs and ideas that come out of them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from welfare_portal.constraints import FieldCheckConstraint, FieldUniqueConstraint
from welfare_portal.dates import staff_date


class AreaQuerySet(models.QuerySet):
    def with_parents(self):
        return self.select_related("parent", "parent__parent")

    def within(self, area):
        """The area and every area inside it."""
        return self.filter(Area.subtree_q(area, "pk"))

    def in_tree_order(self):
        """Whole area first, then each school district followed by its neighbourhoods."""
        return sorted(self.with_parents(), key=lambda a: a.sort_key)


class Area(models.Model):
    """圏域: one tree of the places community work is organised by.

    第1層 the whole municipality, 第2層 primary-school districts (小学校区) inside
    it, 第3層 neighbourhood-association areas (自治会区) inside those. Cases,
    households, community meetings and (later) local resources point to an area;
    figures are counted per layer. `Area.subtree_q(area, "area")` filters any
    model with an `area` field to that area and everything inside it.
    """

    class Layer(models.IntegerChoices):
        CITY = 1, _("whole area (layer 1)")
        DISTRICT = 2, _("primary-school district (layer 2)")
        NEIGHBOURHOOD = 3, _("neighbourhood association area (layer 3)")

    name = models.CharField(_("name"), max_length=100)
    layer = models.PositiveSmallIntegerField(_("layer"), choices=Layer.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_(
            "The area one layer up: the whole area for a school district, a district for a neighbourhood."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["layer", "order", "name", "pk"]
        constraints = [
            FieldCheckConstraint(
                condition=(Q(layer=1) & Q(parent__isnull=True))
                | (Q(layer__in=[2, 3]) & Q(parent__isnull=False)),
                name="area_parent_unless_whole",
                field="parent",
                message=_("The whole area has no parent; a school district or neighbourhood has one."),
            ),
            FieldUniqueConstraint(
                fields=["parent", "name"],
                name="area_name_once_per_parent",
                field="name",
                message=_("There is already an area with this name here."),
            ),
            FieldUniqueConstraint(
                fields=["name"],
                condition=Q(parent__isnull=True),
                name="area_whole_name_once",
                field="name",
                message=_("There is already an area with this name here."),
            ),
        ]

    def __str__(self):
        return self.name

    @staticmethod
    def subtree_q(area, path="area"):
        """Q for rows whose `path` is `area` or an area inside it (the tree is three layers deep)."""
        if path == "pk":
            return Q(pk=area.pk) | Q(parent=area) | Q(parent__parent=area)
        return Q(**{path: area}) | Q(**{f"{path}__parent": area}) | Q(**{f"{path}__parent__parent": area})

    @property
    def sort_key(self):
        chain = [self]
        while chain[0].parent_id is not None:
            chain.insert(0, chain[0].parent)
        return tuple((a.order, a.name, a.pk) for a in chain)

    @property
    def label(self):
        """Name with its layer, e.g. 関戸小学校区(第2層); call with parents loaded."""
        return f"{self.name}({LAYER_SHORT[self.layer]})"

    @property
    def path_label(self):
        """多摩市 › 関戸小学校区 › 関戸四丁目自治会; call on a queryset `with_parents()`."""
        chain = [self.name]
        node = self
        while node.parent_id is not None:
            node = node.parent
            chain.insert(0, node.name)
        return " › ".join(chain)


LAYER_SHORT = {1: _("layer 1"), 2: _("layer 2"), 3: _("layer 3")}


class CommunityMeeting(models.Model):
    """地域づくりの会議 (絆まるっとプロジェクト style): organisations, residents' groups and the
    支え合いコーディネーター talk about one area, and what could be done there."""

    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="community_meetings"
    )
    title = models.CharField(
        _("name of the meeting"), max_length=200, help_text=_("e.g. 第3回 関戸地区支え合い会議")
    )
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    topics = models.TextField(_("what was talked about"))
    notes = models.TextField(_("record"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("community meeting")
        verbose_name_plural = _("community meetings")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.title}({staff_date(self.held_on)})"


class CommunityMeetingAttendee(models.Model):
    """Who took part in a community meeting: an organisation, a residents' group, a coordinator…"""

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("organisation or service provider")
        RESIDENTS_GROUP = "residents_group", _("residents' group or neighbourhood association")
        COORDINATOR = "coordinator", _("community support coordinator (sasaeai coordinator)")
        AGENCY = "agency", _("public agency")
        RESIDENT = "resident", _("resident")
        OTHER = "other", _("other")

    meeting = models.ForeignKey(
        CommunityMeeting,
        verbose_name=_("community meeting"),
        on_delete=models.CASCADE,
        related_name="attendees",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200, help_text=_("e.g. 関戸四丁目自治会, 民生委員"))
    headcount = models.PositiveSmallIntegerField(_("how many people"), default=1)

    class Meta:
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        ordering = ["meeting", "pk"]
        constraints = [
            FieldCheckConstraint(
                condition=Q(headcount__gte=1),
                name="community_meeting_attendee_at_least_one",
                field="headcount",
                message=_("At least one person."),
            )
        ]

    def __str__(self):
        return self.name


class CommunityNeedQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=CommunityNeed.OPEN_STATUSES)

    def follow_up_due(self, *, today):
        return self.open().filter(follow_up_on__lte=today)


class CommunityNeed(models.Model):
    """地域課題, or an idea for a local resource, that came out of a community meeting.

    No names of people: a coordinator reads the needs of an area, not case records.
    Followed up until it is realised or dropped; each follow-up is kept.
    """

    class Kind(models.TextChoices):
        NEED = "need", _("local need")
        RESOURCE_IDEA = "resource_idea", _("idea for a local resource")

    class Status(models.TextChoices):
        OPEN = "open", _("not started")
        IN_PROGRESS = "in_progress", _("being worked on")
        DONE = "done", _("realised or resolved")
        DROPPED = "dropped", _("set aside")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    meeting = models.ForeignKey(
        CommunityMeeting,
        verbose_name=_("raised at"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="needs",
    )
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="needs")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NEED)
    title = models.CharField(
        _("in a few words"), max_length=200, help_text=_("e.g. 団地の高齢者が買い物に行けない")
    )
    description = models.TextField(_("details"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    follow_up_on = models.DateField(_("follow up by"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = CommunityNeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("local need or idea")
        verbose_name_plural = _("local needs and ideas")
        ordering = ["area", "-pk"]
        constraints = [
            FieldCheckConstraint(
                condition=(Q(status__in=["done", "dropped"]) & Q(closed_on__isnull=False))
                | (Q(status__in=["open", "in_progress"]) & Q(closed_on__isnull=True)),
                name="community_need_closed_has_date",
                field="status",
                message=_("A need that is resolved or set aside has the date; an open one has none."),
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES


class CommunityNeedFollowUp(models.Model):
    """One follow-up of a local need: what was done and the status after it."""

    need = models.ForeignKey(
        CommunityNeed,
        verbose_name=_("local need or idea"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    followed_up_on = models.DateField(_("followed up on"))
    status = models.CharField(_("status after this"), max_length=20, choices=CommunityNeed.Status.choices)
    note = models.TextField(_("what was done"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["need", "followed_up_on", "pk"]

    def __str__(self):
        return f"{self.need} {staff_date(self.followed_up_on)}"
