"""参加支援: a menu of small activities and the people placed in them at their own pace.

A participant's profile says what suits them (days and times, indoors or out,
physical limits, how much contact with people feels OK, reward, goal); matching
(`participation.matching`) ranks activities for a profile and profiles for an
activity. Offers (提案) record what was suggested and how the person answered;
a placement (参加) moves 見学 → 体験 → 継続 → 終了 only through the services.
"""

import datetime
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from welfare_portal import text
from welfare_portal.constraints import FieldCheckConstraint, FieldUniqueConstraint

from . import slots
from .slots import SlotsField


class Setting(models.TextChoices):
    INDOOR = "indoor", _("indoors")
    OUTDOOR = "outdoor", _("outdoors")


class Pace(models.TextChoices):
    """How often; matching never suggests a heavier pace than the person's."""

    ONCE = "once", _("once, to try")
    MONTHLY = "monthly", _("about once a month")
    WEEKLY = "weekly", _("about once a week")


class Contact(models.TextChoices):
    """How much an activity involves dealing with people: the lower, the gentler."""

    ALONE = "alone", _("mostly on your own, quietly")
    SMALL_GROUP = "small_group", _("with a few people")
    PEOPLE = "people", _("meeting and talking with people")


class Load(models.TextChoices):
    """体への負担: how physically demanding an activity is (or the most a person can manage)."""

    LIGHT = "light", _("light (mostly sitting, little walking)")
    MODERATE = "moderate", _("moderate (standing and walking)")
    HEAVY = "heavy", _("heavy (carrying, working outside)")


class Reward(models.TextChoices):
    """謝礼: whether an activity gives something back (JOIN: small paid steps towards work)."""

    NONE = "none", _("no reward (volunteering)")
    SMALL = "small", _("a small thank-you")
    PAID = "paid", _("paid (JOIN)")


class RewardWanted(models.TextChoices):
    ANY = "any", _("does not matter")
    WANTED = "wanted", _("would like some")
    NEEDED = "needed", _("needs an income")


class Goal(models.TextChoices):
    """Where a person is heading; activities say which step they suit."""

    FIRST_STEP = "first_step", _("a first step out from the ibasho")
    SOCIAL = "social", _("taking part in the community")
    WORK = "work", _("getting ready for work")


class Travel(models.TextChoices):
    NEAR = "near", _("near home only")
    CITY = "city", _("anywhere in the city")
    ANY = "any", _("further is fine too")


PACE_ORDER = [Pace.ONCE, Pace.MONTHLY, Pace.WEEKLY]
CONTACT_ORDER = [Contact.ALONE, Contact.SMALL_GROUP, Contact.PEOPLE]
LOAD_ORDER = [Load.LIGHT, Load.MODERATE, Load.HEAVY]
GOAL_ORDER = [Goal.FIRST_STEP, Goal.SOCIAL, Goal.WORK]


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


class District(models.Model):
    """地区: the part of the city an activity is in, or a participant lives in (for distance)."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class HostOrganization(models.Model):
    """受入先: a care home, public facility or group that hosts an activity."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=50, blank=True, help_text=_("e.g. care home, library"))
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_role = models.CharField(_("contact person's role"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[text.validate_phone])
    email = models.EmailField(_("email"), blank=True)
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
        return (
            self.select_related("host", "district").prefetch_related("interests").order_by("order", "title")
        )

    def with_taken(self):
        """`taken`: people in 体験 or 継続 now, who hold a place (a 見学 does not)."""
        return self.annotate(
            taken=Count("placements", filter=Q(placements__stage__in=Placement.HOLDS_A_PLACE), distinct=True)
        )

    def for_matching(self):
        return self.published().for_menu().with_taken()


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
    load = models.CharField(_("physical load"), max_length=10, choices=Load.choices, default=Load.LIGHT)
    slots = SlotsField(
        _("days and times"),
        help_text=_(
            "When it takes place. Leave all empty if the day and time are arranged with each person."
        ),
    )
    places = models.PositiveSmallIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_(
            "How many people can take part at the same time (trying out or taking part). Empty: no limit."
        ),
    )
    reward = models.CharField(_("reward"), max_length=10, choices=Reward.choices, default=Reward.NONE)
    reward_note = models.CharField(
        _("about the reward"), max_length=100, blank=True, help_text=_("e.g. 500 yen per session")
    )
    goal = models.CharField(
        _("suits people aiming at"), max_length=15, choices=Goal.choices, default=Goal.SOCIAL
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
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

    def slots_display(self):
        return slots.describe(self.slots)

    def places_left(self):
        """Places free now (None: no limit); needs `taken` from `with_taken()`."""
        if self.places is None:
            return None
        return max(self.places - self.taken, 0)


class ParticipantQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_matching(self):
        return self.select_related("person", "district").prefetch_related("interests")


class Participant(models.Model):
    """参加者: a person taking part, with what suits them (the participant profile)."""

    person = models.OneToOneField(
        "consultations.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="participant",
    )
    is_active = models.BooleanField(
        _("being supported now"),
        default=True,
        help_text=_("Only active profiles are suggested for activities."),
    )
    goal = models.CharField(_("goal"), max_length=15, choices=Goal.choices, default=Goal.FIRST_STEP)
    interests = models.ManyToManyField(Interest, verbose_name=_("interests"), blank=True)
    available_slots = SlotsField(
        _("days and times they can come"), help_text=_("Leave all empty if not known yet.")
    )
    preferred_setting = models.CharField(
        _("indoors or outdoors"),
        max_length=10,
        choices=Setting.choices,
        blank=True,
        help_text=_("Empty: either is fine."),
    )
    max_load = models.CharField(
        _("the most physical load they can manage"),
        max_length=10,
        choices=Load.choices,
        default=Load.MODERATE,
    )
    physical_notes = models.CharField(
        _("physical limits"), max_length=200, blank=True, help_text=_("e.g. cannot lift heavy things")
    )
    contact_comfort = models.CharField(
        _("contact with people they are comfortable with"), max_length=15, choices=Contact.choices
    )
    preferred_pace = models.CharField(_("preferred pace"), max_length=10, choices=Pace.choices)
    reward_wanted = models.CharField(
        _("reward wanted"), max_length=10, choices=RewardWanted.choices, default=RewardWanted.ANY
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("district they live in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    travel = models.CharField(
        _("how far they can go"), max_length=10, choices=Travel.choices, default=Travel.CITY
    )
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
    # Set by the services whenever staff are in touch (offer, invitation, visit, a day's log):
    # an activity's suited participants are listed least recently contacted first.
    last_contacted_on = models.DateField(_("last contacted"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["person__family_name_kana", "person__given_name_kana", "pk"]
        indexes = [models.Index(fields=["is_active", "last_contacted_on"])]

    def __str__(self):
        return str(self.person)

    def available_slots_display(self):
        return slots.describe(self.available_slots)


# An offer with no answer after a week needs a call.
OFFER_ANSWER_DAYS = 7


class OfferQuerySet(models.QuerySet):
    def waiting_long(self, *, today):
        return self.filter(
            response=Offer.Response.WAITING,
            offered_on__lte=today - datetime.timedelta(days=OFFER_ANSWER_DAYS),
        )


class Offer(models.Model):
    """提案: an activity suggested to a participant (or an invitation from the activity), and the answer."""

    class Kind(models.TextChoices):
        OFFER = "offer", _("suggested to them")
        INVITATION = "invitation", _("invited from the activity")

    class Response(models.TextChoices):
        WAITING = "waiting", _("waiting for an answer")
        ACCEPTED = "accepted", _("would like to visit")
        DECLINED = "declined", _("declined")
        NO_ANSWER = "no_answer", _("no answer")

    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="offers"
    )
    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.PROTECT, related_name="offers"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.OFFER)
    offered_on = models.DateField(_("offered on"))
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("offered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reasons = models.TextField(_("why it was suggested"), blank=True)
    response = models.CharField(
        _("answer"), max_length=12, choices=Response.choices, default=Response.WAITING
    )
    responded_on = models.DateField(_("answered on"), null=True, blank=True)
    response_note = models.CharField(_("about the answer"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["-offered_on", "-pk"]
        constraints = [
            FieldUniqueConstraint(
                fields=["participant", "activity"],
                condition=Q(response="waiting"),
                name="one_waiting_offer_per_activity",
                field="activity",
                message=_("This person already has an offer of this activity waiting for an answer."),
            ),
            FieldCheckConstraint(
                condition=Q(response="waiting", responded_on__isnull=True)
                | (~Q(response="waiting") & Q(responded_on__isnull=False)),
                name="offer_answered_has_a_date",
                field="responded_on",
                message=_("An answered offer has the date of the answer; one still waiting has none."),
            ),
        ]

    def __str__(self):
        return f"{self.participant} / {self.activity}"


# A trial is looked at again after four weeks; someone taking part with no day
# recorded for two months may have drifted away.
TRIAL_REVIEW_DAYS = 28
QUIET_DAYS = 60
VISIT_SOON_DAYS = 7


class PlacementQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(stage=Placement.Stage.ENDED)

    def needing_next_step(self, *, today):
        """Visited but not moved on, trials four weeks old, and quiet ongoing placements."""
        quiet_since = today - datetime.timedelta(days=QUIET_DAYS)
        recent_log = PlacementLog.objects.filter(placement=models.OuterRef("pk"), date__gt=quiet_since)
        return self.filter(
            Q(stage=Placement.Stage.VISIT, visit_date__lt=today)
            | Q(
                stage=Placement.Stage.TRIAL,
                trial_start__lte=today - datetime.timedelta(days=TRIAL_REVIEW_DAYS),
            )
            | (Q(stage=Placement.Stage.ONGOING, ongoing_start__lte=quiet_since) & ~models.Exists(recent_log))
        )

    def visits_soon(self, *, today):
        return self.filter(
            stage=Placement.Stage.VISIT,
            visit_date__gte=today,
            visit_date__lte=today + datetime.timedelta(days=VISIT_SOON_DAYS),
        )

    def for_lists(self):
        return self.select_related("participant__person", "activity")


class Placement(models.Model):
    """参加: a participant in one activity, 見学 → 体験 → 継続 → 終了. Moves only through the services."""

    class Stage(models.TextChoices):
        VISIT = "visit", pgettext_lazy("placement stage", "visit (kengaku)")
        TRIAL = "trial", pgettext_lazy("placement stage", "trying out")
        ONGOING = "ongoing", pgettext_lazy("placement stage", "taking part")
        ENDED = "ended", pgettext_lazy("placement stage", "ended")

    class EndReason(models.TextChoices):
        MOVED_ON = "moved_on", _("moved on to work or work support")
        OTHER_ACTIVITY = "other_activity", _("moved to another activity")
        GOAL_REACHED = "goal_reached", _("reached what they wanted")
        HEALTH = "health", _("health or circumstances")
        NOT_A_FIT = "not_a_fit", _("the activity did not suit them")
        OWN_WISH = "own_wish", _("their own wish")
        LOST_CONTACT = "lost_contact", _("lost touch")
        ACTIVITY_ENDED = "activity_ended", _("the activity ended")

    HOLDS_A_PLACE = ("trial", "ongoing")

    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="placements"
    )
    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.PROTECT, related_name="placements"
    )
    offer = models.OneToOneField(
        Offer,
        verbose_name=_("offer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placement",
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices, default=Stage.VISIT)
    visit_date = models.DateField(_("visit date"))
    trial_start = models.DateField(_("trial from"), null=True, blank=True)
    ongoing_start = models.DateField(_("taking part from"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=20, choices=EndReason.choices, blank=True)
    end_note = models.CharField(_("about the ending"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = PlacementQuerySet.as_manager()

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-created_at"]
        constraints = [
            FieldUniqueConstraint(
                fields=["participant", "activity"],
                condition=~Q(stage="ended"),
                name="one_open_placement_per_activity",
                field="activity",
                message=_("This person already takes part in this activity."),
            ),
            FieldCheckConstraint(
                condition=(Q(stage="ended") & Q(end_date__isnull=False) & ~Q(end_reason=""))
                | (~Q(stage="ended") & Q(end_date__isnull=True) & Q(end_reason="")),
                name="placement_ended_has_date_and_reason",
                field="end_date",
                message=_(
                    "An ended placement has its end date and why it ended; one still going has neither."
                ),
            ),
            FieldCheckConstraint(
                condition=~Q(stage__in=["trial", "ongoing"]) | Q(trial_start__isnull=False),
                name="placement_trial_has_start",
                field="trial_start",
                message=_("A placement trying out or taking part has the date the trial began."),
            ),
            FieldCheckConstraint(
                condition=~Q(stage="ongoing") | Q(ongoing_start__isnull=False),
                name="placement_ongoing_has_start",
                field="ongoing_start",
                message=_("A placement taking part has the date it began."),
            ),
            FieldCheckConstraint(
                condition=(Q(trial_start__isnull=True) | Q(trial_start__gte=models.F("visit_date")))
                & (Q(ongoing_start__isnull=True) | Q(ongoing_start__gte=models.F("trial_start")))
                & (Q(end_date__isnull=True) | Q(end_date__gte=models.F("visit_date"))),
                name="placement_dates_in_order",
                field="trial_start",
                message=_(
                    "The dates must follow each other: the visit, then the trial, then taking part; the end not before the visit."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.participant} / {self.activity}"

    @property
    def is_open(self):
        return self.stage != self.Stage.ENDED

    def stage_since(self):
        return {
            self.Stage.VISIT: self.visit_date,
            self.Stage.TRIAL: self.trial_start,
            self.Stage.ONGOING: self.ongoing_start,
            self.Stage.ENDED: self.end_date,
        }[self.stage]


class PlacementLog(models.Model):
    """One day of a placement: did they come, for how long, how it went in their words, what next."""

    placement = models.ForeignKey(
        Placement, verbose_name=_("placement"), on_delete=models.CASCADE, related_name="logs"
    )
    date = models.DateField(_("date"))
    attended = models.BooleanField(_("attended"), default=True)
    hours = models.DecimalField(
        _("hours"),
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(12)],
    )
    their_words = models.TextField(_("how it went, in their words"), blank=True)
    staff_notes = models.TextField(_("staff notes"), blank=True)
    next_step = models.CharField(_("next step"), max_length=200, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("placement log")
        verbose_name_plural = _("placement logs")
        ordering = ["-date", "-pk"]
        constraints = [
            FieldCheckConstraint(
                condition=Q(hours__isnull=True) | (Q(hours__gte=0) & Q(hours__lte=12)),
                name="placement_log_hours_in_a_day",
                field="hours",
                message=_("Hours must be between 0 and 12."),
            ),
            FieldCheckConstraint(
                condition=Q(attended=True) | Q(hours__isnull=True) | Q(hours=0),
                name="placement_log_absent_has_no_hours",
                field="hours",
                message=_("A day they did not come has no hours."),
            ),
        ]

    def __str__(self):
        return f"{self.placement} {self.date}"


class WorkReferral(models.Model):
    """就労へのつなぎ: a next step to employment support (就労支援) or work experience (就労体験)."""

    class Kind(models.TextChoices):
        WORK_SUPPORT = "work_support", _("employment support (shuro shien)")
        WORK_EXPERIENCE = "work_experience", _("work experience (shuro taiken)")

    class Status(models.TextChoices):
        REFERRED = "referred", _("referred")
        STARTED = "started", _("started there")
        NOT_PROCEEDED = "not_proceeded", _("did not go ahead")

    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="referrals"
    )
    placement = models.ForeignKey(
        Placement,
        verbose_name=_("from the placement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    organisation = models.CharField(
        _("to whom"), max_length=100, help_text=_("e.g. Hello Work, a support station")
    )
    referred_on = models.DateField(_("referred on"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.REFERRED)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referred by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("referral towards work")
        verbose_name_plural = _("referrals towards work")
        ordering = ["-referred_on", "-pk"]

    def __str__(self):
        return f"{self.participant} → {self.organisation}"


def _new_enquiry_reference():
    """受付番号 to read out on the phone: P-YYMMDD-NNNN."""
    return f"P-{timezone.localdate():%y%m%d}-{secrets.randbelow(10000):04d}"


class EnquiryQuerySet(models.QuerySet):
    def for_queue(self):
        return self.select_related("activity", "participant__person", "handled_by").order_by(
            "submitted_at", "pk"
        )


class Enquiry(models.Model):
    """「参加してみたい」: a resident's message from an activity's public page, answered by a coordinator."""

    class ContactMethod(models.TextChoices):
        PHONE = "phone", _("by phone")
        EMAIL = "email", _("by email")

    class Status(models.TextChoices):
        NEW = "new", _("new")
        CONTACTED = "contacted", _("in contact")
        LINKED = "linked", _("made into a profile")
        CLOSED = "closed", pgettext_lazy("interest message", "closed")

    OPEN = ("new", "contacted")

    reference = models.CharField(
        _("reference number"), max_length=20, unique=True, default=_new_enquiry_reference
    )
    submission_token = models.CharField(max_length=64, unique=True, editable=False)
    client_hash = models.CharField(max_length=64, blank=True, editable=False)
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enquiries",
    )
    submitted_at = models.DateTimeField(_("sent at"), default=timezone.now)
    name = models.CharField(_("name"), max_length=100)
    name_kana = models.CharField(
        _("name in furigana"), max_length=100, blank=True, validators=[text.validate_kana]
    )
    contact_method = models.CharField(_("how to reply"), max_length=10, choices=ContactMethod.choices)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[text.validate_phone])
    email = models.EmailField(_("email"), blank=True)
    contact_times = models.CharField(_("times when a call is convenient"), max_length=200, blank=True)
    wants_company = models.BooleanField(_("would like someone to come along the first time"), default=False)
    message = models.TextField(_("message"), max_length=2000, blank=True)
    consent = models.BooleanField(_("agreed to the privacy policy"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enquiries",
    )
    closed_reason = models.CharField(_("why it was closed"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = EnquiryQuerySet.as_manager()

    class Meta:
        verbose_name = _("interest message")
        verbose_name_plural = _("interest messages")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["status", "submitted_at"])]
        constraints = [
            FieldCheckConstraint(
                condition=Q(consent=True),
                name="enquiry_has_consent",
                field="consent",
                message=_("A message needs agreement to the privacy policy."),
            ),
            FieldCheckConstraint(
                condition=~Q(contact_method="phone") | ~Q(phone=""),
                name="enquiry_phone_reply_has_phone",
                field="phone",
                message=_("To be answered by phone, a phone number is needed."),
            ),
            FieldCheckConstraint(
                condition=~Q(contact_method="email") | ~Q(email=""),
                name="enquiry_email_reply_has_email",
                field="email",
                message=_("To be answered by email, an email address is needed."),
            ),
            FieldCheckConstraint(
                condition=~Q(status="linked") | Q(participant__isnull=False),
                name="enquiry_linked_has_participant",
                field="participant",
                message=_("A message linked to a profile names the profile."),
            ),
            FieldCheckConstraint(
                condition=~Q(status="closed") | ~Q(closed_reason=""),
                name="enquiry_closed_has_reason",
                field="closed_reason",
                message=_("A closed message says why it was closed."),
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_open(self):
        return self.status in self.OPEN
