"""食料支援: applications, registrations, monthly distributions and their rosters."""

import datetime
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from consultations.models import Household, JapaneseNameMixin, Person
from welfare_portal import text
from welfare_portal.dates import PlausibleDateValidator, staff_date

REVIEW_INTERVAL_DAYS = 365
# Food support is for people "up to about their thirties": older applicants are not
# refused, but the reviewer is told so that they can check the circumstances.
TARGET_AGE_UP_TO = 39


def _new_reference():
    # Short enough to read out on the phone, random enough not to be guessed.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "F-" + "".join(secrets.choice(alphabet) for _ in range(8))


class PickupPlace(models.Model):
    """受け取り場所: where a monthly distribution is handed out."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    directions = models.CharField(_("directions"), max_length=255, blank=True)
    is_active = models.BooleanField(_("open for pick-ups"), default=True)

    class Meta:
        verbose_name = _("pick-up place")
        verbose_name_plural = _("pick-up places")
        ordering = ["name"]

    def __str__(self):
        return self.name


class FoodApplicationQuerySet(models.QuerySet):
    def for_review(self):
        return self.filter(status=FoodApplication.Status.NEW).select_related("preferred_place")


class FoodApplication(JapaneseNameMixin, models.Model):
    """食料支援の申込み: what a resident sends from /food/, reviewed by staff before registering."""

    class Status(models.TextChoices):
        NEW = "new", _("awaiting review")
        REGISTERED = "registered", _("registered")
        DECLINED = "declined", _("declined")

    reference = models.CharField(_("reference number"), max_length=12, unique=True, default=_new_reference)
    # The form's one-time token: pressing the button twice sends the same token
    # and finds the first record instead of making a second one.
    submission_token = models.UUIDField(
        _("submission token"), unique=True, default=uuid.uuid4, editable=False
    )
    family_name = models.CharField(_("family name"), max_length=50)
    given_name = models.CharField(_("given name"), max_length=50)
    family_name_kana = models.CharField(
        _("family name (furigana)"), max_length=50, validators=[text.validate_kana]
    )
    given_name_kana = models.CharField(
        _("given name (furigana)"), max_length=50, validators=[text.validate_kana]
    )
    age = models.PositiveSmallIntegerField(_("age"))
    adults = models.PositiveSmallIntegerField(_("adults (18 and over, including you)"), default=1)
    children = models.PositiveSmallIntegerField(_("children (under 18)"), default=0)
    allergies = models.TextField(_("allergies and foods to avoid"), blank=True)
    preferred_place = models.ForeignKey(
        PickupPlace, verbose_name=_("preferred pick-up place"), on_delete=models.PROTECT, related_name="+"
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[text.validate_phone])
    email = models.EmailField(_("email"), blank=True)
    postal_code = models.CharField(
        _("postal code"), max_length=8, blank=True, validators=[text.validate_postal_code]
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    message = models.TextField(_("anything else you want us to know"), blank=True)
    consent = models.BooleanField(_("agreed to the privacy policy"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    decline_reason = models.CharField(_("reason for declining"), max_length=255, blank=True)
    registration = models.OneToOneField(
        "FoodRegistration",
        verbose_name=_("registration"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="application",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = FoodApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("food support application")
        verbose_name_plural = _("food support applications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(consent=True),
                name="food_application_consent",
                violation_error_message=_("An application needs agreement to the privacy policy."),
            ),
            models.CheckConstraint(
                condition=Q(adults__gte=1),
                name="food_application_at_least_one_adult",
                violation_error_message=_("At least one adult must be in the household."),
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.full_name}"

    @property
    def household_size(self):
        return self.adults + self.children

    @property
    def is_outside_target_age(self):
        return self.age is not None and self.age > TARGET_AGE_UP_TO


class FoodRegistrationQuerySet(models.QuerySet):
    def with_people(self):
        return self.select_related("person", "household", "pickup_place")

    def eligible_on(self, day):
        """Registrations that get food on `day`: in use, started, and not past their yearly review."""
        return self.filter(
            status=FoodRegistration.Status.ACTIVE, registered_on__lte=day, review_due_on__gte=day
        )

    def review_overdue_on(self, day):
        """In use but past the yearly review: listed for renewal, never silently dropped."""
        return self.filter(status=FoodRegistration.Status.ACTIVE, review_due_on__lt=day)

    def renewal_due_for(self, distribution):
        """Registrations at the distribution's place kept off its roster because their review is overdue."""
        return (
            self.review_overdue_on(distribution.date)
            .filter(pickup_place=distribution.place_id, registered_on__lte=distribution.date)
            .exclude(roster_entries__distribution=distribution)
            .with_people()
            .order_by("review_due_on", "pk")
        )

    def review_due_by(self, day):
        return self.filter(
            status__in=[FoodRegistration.Status.ACTIVE, FoodRegistration.Status.PAUSED],
            review_due_on__lte=day,
        ).order_by("review_due_on", "pk")


class FoodRegistration(models.Model):
    """食料支援の登録: one household's registration for the monthly food distribution."""

    class Status(models.TextChoices):
        PENDING = "pending", _("under review")
        ACTIVE = "active", pgettext_lazy("food registration status", "in use")
        PAUSED = "paused", _("paused")
        ENDED = "ended", _("ended")

    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="food_registrations",
        null=True,
        blank=True,
    )
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="food_registrations",
        null=True,
        blank=True,
    )
    adults = models.PositiveSmallIntegerField(_("adults"), default=1)
    children = models.PositiveSmallIntegerField(_("children"), default=0)
    allergies = models.TextField(_("allergies and foods to avoid"), blank=True)
    pickup_place = models.ForeignKey(
        PickupPlace, verbose_name=_("pick-up place"), on_delete=models.PROTECT, related_name="registrations"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    status_reason = models.CharField(_("reason for the status"), max_length=255, blank=True)
    registered_on = models.DateField(_("registration date"), default=datetime.date.today)
    review_due_on = models.DateField(_("yearly review date"))
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    objects = FoodRegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("food support registration")
        verbose_name_plural = _("food support registrations")
        ordering = ["pickup_place", "person__family_name_kana", "person__given_name_kana", "pk"]
        constraints = [
            # One household is never registered twice while its registration is open.
            models.UniqueConstraint(
                fields=["household"],
                condition=~Q(status="ended"),
                name="food_one_open_registration_per_household",
                violation_error_message=_(
                    "This household already has a registration in use or under review."
                ),
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=~Q(status="ended"),
                name="food_one_open_registration_per_person",
                violation_error_message=_("This person already has a registration in use or under review."),
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(household__isnull=False),
                name="food_registration_has_person_or_household",
                violation_error_message=_("A registration needs a person or a household."),
            ),
            models.CheckConstraint(
                condition=Q(adults__gte=1),
                name="food_registration_at_least_one_adult",
                violation_error_message=_("At least one adult must be in the household."),
            ),
            models.CheckConstraint(
                condition=Q(review_due_on__gt=models.F("registered_on")),
                name="food_registration_review_after_registration",
                violation_error_message=_("The yearly review date must be after the registration date."),
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        if self.person_id:
            return self.person.full_name
        if self.household_id:
            return self.household.name
        return f"#{self.pk}"

    @property
    def household_size(self):
        return self.adults + self.children

    @property
    def review_overdue(self):
        return self.review_due_on < timezone.localdate()


class DistributionQuerySet(models.QuerySet):
    def with_counts(self):
        # Meta.ordering is not applied to aggregate queries, so order explicitly.
        return (
            self.select_related("place")
            .annotate(
                entry_count=Count("roster_entries"),
                picked_up_count=Count("roster_entries", filter=Q(roster_entries__picked_up=True)),
            )
            .order_by("-date", "place__name")
        )


class Distribution(models.Model):
    """配布日: one month's food hand-out at one place."""

    place = models.ForeignKey(
        PickupPlace, verbose_name=_("place"), on_delete=models.PROTECT, related_name="distributions"
    )
    date = models.DateField(_("date"), validators=[PlausibleDateValidator()])
    # The first day of the date's month: the key for "one per month per place".
    month = models.DateField(_("month"), editable=False)
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"))
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = DistributionQuerySet.as_manager()

    class Meta:
        verbose_name = _("distribution")
        verbose_name_plural = _("distributions")
        ordering = ["-date", "place__name"]
        permissions = [("export_distribution", _("Can export rosters and sign-off sheets"))]
        constraints = [
            models.UniqueConstraint(
                fields=["place", "month"],
                name="food_one_distribution_per_month_per_place",
                violation_error_message=_("This pick-up place already has a distribution in that month."),
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="food_distribution_ends_after_start",
                violation_error_message=_("The end time must be after the start time."),
            ),
            # `month` is the first of the date's month: on or before the date, at most 30 days before.
            models.CheckConstraint(
                condition=Q(month__lte=models.F("date"))
                & Q(date__lt=models.F("month") + datetime.timedelta(days=31)),
                name="food_distribution_month_matches_date",
                violation_error_message=_("The month must be the month of the distribution date."),
            ),
        ]

    def __str__(self):
        return f"{staff_date(self.date)} {self.place}"

    def clean(self):
        if self.date:
            self.month = self.date.replace(day=1)

    def validate_constraints(self, exclude=None):
        # `month` is derived from `date` in clean(), so check "one per month per
        # place" whenever the date is being validated, even in forms without `month`.
        if exclude and "month" in exclude and "date" not in exclude:
            exclude = set(exclude) - {"month"}
        super().validate_constraints(exclude=exclude)


class RosterEntryQuerySet(models.QuerySet):
    def for_roster(self):
        return self.select_related("registration__person", "registration__household", "checked_by").order_by(
            "registration__person__family_name_kana", "registration__person__given_name_kana", "pk"
        )


class RosterEntry(models.Model):
    """名簿の行: one registered household on one distribution's roster, and whether they came."""

    class ParcelSize(models.TextChoices):
        SMALL = "S", _("small (1 person)")
        MEDIUM = "M", _("medium (2-3 people)")
        LARGE = "L", _("large (4 or more)")

    distribution = models.ForeignKey(
        Distribution, verbose_name=_("distribution"), on_delete=models.CASCADE, related_name="roster_entries"
    )
    registration = models.ForeignKey(
        FoodRegistration,
        verbose_name=_("registration"),
        on_delete=models.PROTECT,
        related_name="roster_entries",
    )
    # Household size as it was when the roster was made, so past figures stay true.
    adults = models.PositiveSmallIntegerField(_("adults"))
    children = models.PositiveSmallIntegerField(_("children"))
    parcel_size = models.CharField(_("parcel size"), max_length=1, choices=ParcelSize.choices)
    picked_up = models.BooleanField(_("picked up"), default=False)
    picked_up_at = models.DateTimeField(_("picked up at"), null=True, blank=True)
    by_proxy = models.BooleanField(_("by proxy"), default=False)
    proxy_name = models.CharField(_("picked up by"), max_length=100, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = RosterEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("roster entry")
        verbose_name_plural = _("roster entries")
        constraints = [
            models.UniqueConstraint(
                fields=["distribution", "registration"],
                name="food_one_roster_entry_per_registration",
                violation_error_message=_("This registration is already on this distribution's roster."),
            ),
            models.CheckConstraint(
                condition=Q(picked_up=False, picked_up_at__isnull=True, by_proxy=False)
                | Q(picked_up=True, picked_up_at__isnull=False),
                name="food_roster_pickup_has_time",
                violation_error_message=_("A pick-up needs the time it was picked up."),
            ),
            models.CheckConstraint(
                condition=Q(by_proxy=False) | ~Q(proxy_name=""),
                name="food_roster_proxy_has_name",
                violation_error_message=_("A pick-up by someone else needs their name."),
            ),
        ]

    def __str__(self):
        return f"{self.distribution} {self.registration}"

    @property
    def household_size(self):
        return self.adults + self.children


def parcel_size_for(household_size):
    """Parcel size from the number of people the food is for."""
    if household_size <= 1:
        return RosterEntry.ParcelSize.SMALL
    if household_size <= 3:
        return RosterEntry.ParcelSize.MEDIUM
    return RosterEntry.ParcelSize.LARGE


def monthly_totals(entries, *, today):
    """Served households/people/children and no-shows over a RosterEntry queryset.

    Only distributions dated before `today` have no-shows: on the day and before it,
    an unticked row just has not come yet.
    """
    picked = Q(picked_up=True)
    return entries.aggregate(
        households=Count("pk", filter=picked),
        adults=Sum("adults", filter=picked, default=0),
        children=Sum("children", filter=picked, default=0),
        no_shows=Count("pk", filter=~picked & Q(distribution__date__lt=today)),
    )
