"""参加支援: a menu of small activities and the people placed in them at their own pace."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from welfare_portal import text


class Setting(models.TextChoices):
    INDOOR = "indoor", _("indoors")
    OUTDOOR = "outdoor", _("outdoors")


class Pace(models.TextChoices):
    """How often; matching prefers the same or a lighter pace."""

    ONCE = "once", _("once, to try")
    MONTHLY = "monthly", _("about once a month")
    WEEKLY = "weekly", _("about once a week")


class Contact(models.TextChoices):
    """How much an activity involves dealing with people: the lower, the gentler."""

    ALONE = "alone", _("mostly on your own, quietly")
    SMALL_GROUP = "small_group", _("with a few people")
    PEOPLE = "people", _("meeting and talking with people")


PACE_ORDER = [Pace.ONCE, Pace.MONTHLY, Pace.WEEKLY]
CONTACT_ORDER = [Contact.ALONE, Contact.SMALL_GROUP, Contact.PEOPLE]


class Interest(models.Model):
    """A kind of thing someone may like doing: 手作業, 植物, 本 …"""

    name = models.CharField(_("name"), max_length=50, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class HostOrganization(models.Model):
    """受入先: a care home, public facility or group that hosts an activity."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=50, blank=True, help_text=_("e.g. care home, library"))
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[text.validate_phone])
    address = models.CharField(_("address"), max_length=255, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("host organisation")
        verbose_name_plural = _("host organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ActivityQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def for_menu(self):
        return self.select_related("host").prefetch_related("interests").order_by("order", "title")


class Activity(models.Model):
    """活動メニュー: one activity someone can take part in."""

    title = models.CharField(pgettext_lazy("activity", "title"), max_length=100)
    summary = models.TextField(_("what you do"))
    host = models.ForeignKey(
        HostOrganization,
        verbose_name=_("host organisation"),
        on_delete=models.PROTECT,
        related_name="activities",
        null=True,
        blank=True,
    )
    setting = models.CharField(_("indoors or outdoors"), max_length=10, choices=Setting.choices)
    pace = models.CharField(_("pace"), max_length=10, choices=Pace.choices)
    contact = models.CharField(_("contact with people"), max_length=15, choices=Contact.choices)
    interests = models.ManyToManyField(Interest, verbose_name=_("interests"), blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    time_needed = models.CharField(_("time needed"), max_length=100, blank=True, help_text=_("e.g. 2 hours"))
    is_published = models.BooleanField(_("shown on the public menu"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["order", "title"]

    def __str__(self):
        return self.title


class Participant(models.Model):
    """参加者: a person taking part, with what suits them."""

    person = models.OneToOneField(
        "consultations.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="participant",
    )
    preferred_pace = models.CharField(_("preferred pace"), max_length=10, choices=Pace.choices)
    contact_comfort = models.CharField(
        _("contact with people they are comfortable with"), max_length=15, choices=Contact.choices
    )
    preferred_setting = models.CharField(
        _("indoors or outdoors"), max_length=10, choices=Setting.choices, blank=True
    )
    interests = models.ManyToManyField(Interest, verbose_name=_("interests"), blank=True)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self):
        return str(self.person)


class Placement(models.Model):
    """参加: a participant taking part in one activity, from trial to end."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        TRIAL = "trial", _("trying out")
        ONGOING = "ongoing", _("taking part")
        ENDED = "ended", _("ended")

    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="placements"
    )
    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.PROTECT, related_name="placements"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_reason = models.CharField(_("reason for ending"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "activity"],
                condition=~models.Q(status="ended"),
                name="one_open_placement_per_activity",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="placement_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.participant} / {self.activity}"


class PlacementLog(models.Model):
    """One day of a placement: did they come, how it went, what next."""

    placement = models.ForeignKey(
        Placement, verbose_name=_("placement"), on_delete=models.CASCADE, related_name="logs"
    )
    date = models.DateField(_("date"))
    attended = models.BooleanField(_("attended"), default=True)
    # Time spent on the activity that day, for the monthly figures (参加支援の活動時間).
    hours = models.DecimalField(
        _("hours"),
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
        help_text=_("e.g. 1.5"),
    )
    progress = models.TextField(_("how it went"), blank=True)
    next_step = models.CharField(_("next step"), max_length=200, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("placement log")
        verbose_name_plural = _("placement logs")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__isnull=True) | models.Q(hours__gte=0, hours__lte=24),
                name="placement_log_hours_in_a_day",
            )
        ]

    def __str__(self):
        return f"{self.placement} {self.date}"
