"""Space Shiori (スペース栞): venues, gatherings (開催回), bookings and attendance."""

import datetime
import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from welfare_portal import text
from welfare_portal.dates import PlausibleDateValidator, staff_date

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")


class Venue(models.Model):
    """会場: where a gathering is held."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    address = models.CharField(_("address"), max_length=255)
    room = models.CharField(_("room"), max_length=100, blank=True, help_text=_("e.g. 6階 創作室"))
    access = models.TextField(_("how to get there"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def location_text(self):
        """One line for calendars and emails: name (address) room."""
        parts = [f"{self.name}({self.address})"]
        if self.room:
            parts.append(self.room)
        return " ".join(parts)


def _token():
    return secrets.token_urlsafe(24)


class GatheringQuerySet(models.QuerySet):
    def with_counts(self):
        """Confirmed, waitlisted, attended and first-timer counts in one query."""
        return self.select_related("venue").annotate(
            confirmed_count=Count("bookings", filter=Q(bookings__status=Booking.Status.CONFIRMED)),
            waitlisted_count=Count("bookings", filter=Q(bookings__status=Booking.Status.WAITLISTED)),
            attended_count=Count("bookings", filter=Q(bookings__attendance=Booking.Attendance.ATTENDED)),
            first_timer_count=Count(
                "bookings",
                filter=Q(bookings__status=Booking.Status.CONFIRMED, bookings__first_time=True),
            ),
        )

    def public(self):
        """What residents may see: published and cancelled (so they learn of it), never drafts."""
        return self.exclude(status=Gathering.Status.DRAFT)

    def upcoming(self, *, now=None):
        """Not yet over: later days, and today's until the gathering ends."""
        local = timezone.localtime(now or timezone.now())
        return self.filter(Q(date__gt=local.date()) | Q(date=local.date(), end_time__gt=local.time()))

    def for_public_list(self, *, now=None):
        return self.public().upcoming(now=now).with_counts().order_by("date", "start_time")


class Gathering(models.Model):
    """開催回: one Space Shiori gathering at one venue on one day."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        CANCELLED = "cancelled", pgettext_lazy("gathering status", "cancelled")

    title = models.CharField(_("title"), max_length=150, default="スペース栞")
    venue = models.ForeignKey(
        Venue, verbose_name=_("venue"), on_delete=models.PROTECT, related_name="gatherings"
    )
    date = models.DateField(pgettext_lazy("gathering", "date"), validators=[PlausibleDateValidator()])
    start_time = models.TimeField(_("start time"), default=datetime.time(14, 0))
    end_time = models.TimeField(_("end time"), default=datetime.time(16, 0))
    capacity = models.PositiveSmallIntegerField(_("capacity"), default=10)
    min_age = models.PositiveSmallIntegerField(
        _("minimum age"), default=18, validators=[MaxValueValidator(120)]
    )
    max_age = models.PositiveSmallIntegerField(
        _("maximum age"), default=64, validators=[MaxValueValidator(120)]
    )
    deadline = models.DateTimeField(
        _("application deadline"),
        null=True,
        blank=True,
        help_text=_("Leave empty to take bookings until the gathering starts."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    description = models.TextField(_("description"), blank=True)
    rules = models.TextField(_("house rules"), blank=True)
    flyer = models.FileField(
        _("flyer (PDF)"),
        upload_to="ibasho/flyers/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"])],
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    objects = GatheringQuerySet.as_manager()

    class Meta:
        verbose_name = _("gathering")
        verbose_name_plural = _("gatherings")
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=0),
                name="ibasho_gathering_capacity_gte_0",
                violation_error_message=_("The capacity cannot be below zero."),
            ),
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")),
                name="ibasho_gathering_ends_after_start",
                violation_error_message=_("The end time must be after the start time."),
            ),
            models.CheckConstraint(
                condition=Q(min_age__lte=models.F("max_age")),
                name="ibasho_gathering_age_range",
                violation_error_message=_("The lowest age must not be above the highest age."),
            ),
            models.UniqueConstraint(
                fields=["venue", "date", "start_time"],
                name="ibasho_gathering_one_per_venue_slot",
                violation_error_message=_("There is already a gathering at this venue on that day and time."),
            ),
        ]
        indexes = [models.Index(fields=["status", "date"])]

    def __str__(self):
        return f"{self.title} {staff_date(self.date)} {self.venue.name}"

    def get_absolute_url(self):
        return reverse("ibasho:gathering-detail", args=[self.pk])

    def clean(self):
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("The gathering must end after it starts.")})
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise ValidationError({"max_age": _("The maximum age must not be below the minimum age.")})

    @property
    def public_url(self):
        """The absolute address residents reach by QR code and email."""
        return settings.SITE_URL + self.get_absolute_url()

    @property
    def starts_at(self):
        return datetime.datetime.combine(self.date, self.start_time, tzinfo=TOKYO)

    @property
    def ends_at(self):
        return datetime.datetime.combine(self.date, self.end_time, tzinfo=TOKYO)

    @property
    def effective_deadline(self):
        return self.deadline or self.starts_at

    def is_open_for_booking(self, *, now=None):
        now = now or timezone.now()
        return self.status == self.Status.PUBLISHED and now < self.effective_deadline

    def places_left(self, confirmed_count=None):
        if confirmed_count is None:
            confirmed_count = getattr(self, "confirmed_count", None)
        if confirmed_count is None:
            confirmed_count = self.bookings.filter(status=Booking.Status.CONFIRMED).count()
        return max(self.capacity - confirmed_count, 0)


class BookingQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Booking.Status.CANCELLED)

    def confirmed(self):
        return self.filter(status=Booking.Status.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=Booking.Status.WAITLISTED).order_by("created_at", "pk")

    def for_roster(self):
        return self.select_related("person").order_by("created_at", "pk")


class Booking(models.Model):
    """申込み: one person's place (or waiting place) at one gathering."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITLISTED = "waitlisted", _("waitlisted")
        CANCELLED = "cancelled", _("cancelled")

    class Attendance(models.TextChoices):
        UNKNOWN = "", _("not recorded")
        ATTENDED = "attended", _("attended")
        ABSENT = "absent", _("absent")

    gathering = models.ForeignKey(
        Gathering, verbose_name=_("gathering"), on_delete=models.PROTECT, related_name="bookings"
    )
    token = models.CharField(_("booking token"), max_length=64, unique=True, default=_token, editable=False)
    name = models.CharField(_("name or nickname"), max_length=100)
    name_kana = models.CharField(_("furigana"), max_length=100, blank=True, validators=[text.validate_kana])
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[text.validate_phone])
    # Digits only, so 042-373-5616 and 0423735616 are the same person.
    phone_key = models.CharField(_("phone (digits)"), max_length=20, blank=True, editable=False)
    first_time = models.BooleanField(_("first time"), default=False)
    needs = models.TextField(_("anything staff should know"), blank=True)
    agreed_to_rules = models.BooleanField(_("agreed to the house rules"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.UNKNOWN, blank=True
    )
    person = models.ForeignKey(
        "consultations.Person",
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ibasho_bookings",
    )
    created_at = models.DateTimeField(_("booked at"), default=timezone.now)
    promoted_at = models.DateTimeField(_("promoted from the waitlist at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["gathering", "created_at", "pk"]
        constraints = [
            # The booking form asks for it; a row without it was not made by a resident.
            models.CheckConstraint(
                condition=Q(agreed_to_rules=True),
                name="ibasho_booking_agreed_to_rules",
                violation_error_message=_("A booking needs agreement to the house rules."),
            ),
            models.UniqueConstraint(
                fields=["gathering", "email"],
                condition=~Q(email="") & ~Q(status="cancelled"),
                name="ibasho_booking_one_per_email",
                violation_error_message=_(
                    "There is already a booking for this gathering with this email address."
                ),
            ),
            models.UniqueConstraint(
                fields=["gathering", "phone_key"],
                condition=~Q(phone_key="") & ~Q(status="cancelled"),
                name="ibasho_booking_one_per_phone",
                violation_error_message=_(
                    "There is already a booking for this gathering with this phone number."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone_key=""),
                name="ibasho_booking_has_contact",
                violation_error_message=_("Please enter a phone number or an email address."),
            ),
            models.CheckConstraint(
                condition=Q(attendance="") | Q(status="confirmed"),
                name="ibasho_booking_attendance_only_confirmed",
                violation_error_message=_("Attendance can only be recorded for a confirmed place."),
            ),
        ]
        indexes = [models.Index(fields=["gathering", "status", "created_at"])]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("ibasho:booking-detail", args=[self.token])

    @property
    def public_url(self):
        return settings.SITE_URL + self.get_absolute_url()

    @property
    def contact(self):
        return " / ".join(v for v in (self.phone, self.email) if v)

    def waitlist_position(self):
        """1 for the first in line; None when not waiting."""
        if self.status != self.Status.WAITLISTED:
            return None
        ahead = Booking.objects.filter(gathering_id=self.gathering_id, status=self.Status.WAITLISTED).filter(
            Q(created_at__lt=self.created_at) | Q(created_at=self.created_at, pk__lt=self.pk)
        )
        return ahead.count() + 1
