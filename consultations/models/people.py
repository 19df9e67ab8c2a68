"""People and households (the one record, 丸ごと) and the person's consent to sharing."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from welfare_portal import text
from welfare_portal.constraints import FieldCheckConstraint


class Household(models.Model):
    """世帯: the people who live together, seen as one unit of support."""

    name = models.CharField(_("household name"), max_length=100, help_text=_("e.g. 山田家"))
    postal_code = models.CharField(
        _("postal code"), max_length=8, blank=True, validators=[text.validate_postal_code]
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[text.validate_phone])
    area = models.ForeignKey(
        "Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="households",
        help_text=_("The neighbourhood (layer 3) or school district (layer 2) the household lives in."),
    )
    # Flags that matter in 重層的支援: situations that cut across programmes.
    flag_8050 = models.BooleanField(_("8050 (elderly parent and withdrawn adult child)"), default=False)
    flag_young_carer = models.BooleanField(_("young carer"), default=False)
    flag_single_parent = models.BooleanField(_("single parent"), default=False)
    flag_disability = models.BooleanField(_("disability"), default=False)
    flag_financial_hardship = models.BooleanField(_("financial hardship"), default=False)
    flag_withdrawal = models.BooleanField(_("social withdrawal (hikikomori)"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class JapaneseNameMixin:
    """Full name and reading from family_name/given_name and their furigana fields.

    Written family name first, as in Japanese, with one space between.
    """

    @property
    def full_name(self):
        return f"{self.family_name} {self.given_name}".strip()

    @property
    def full_name_kana(self):
        return f"{self.family_name_kana} {self.given_name_kana}".strip()


class Person(JapaneseNameMixin, models.Model):
    """本人・相談者: anyone the council supports, whether or not they have a case."""

    class Relationship(models.TextChoices):
        HEAD = "head", _("head of household")
        SPOUSE = "spouse", _("spouse or partner")
        CHILD = "child", _("child")
        PARENT = "parent", _("parent")
        SIBLING = "sibling", _("sibling")
        GRANDPARENT = "grandparent", _("grandparent")
        GRANDCHILD = "grandchild", _("grandchild")
        OTHER_RELATIVE = "other_relative", _("other relative")
        OTHER = "other", _("other")

    family_name = models.CharField(_("family name"), max_length=50)
    given_name = models.CharField(_("given name"), max_length=50, blank=True)
    family_name_kana = models.CharField(
        _("family name (furigana)"), max_length=50, blank=True, validators=[text.validate_kana]
    )
    given_name_kana = models.CharField(
        _("given name (furigana)"), max_length=50, blank=True, validators=[text.validate_kana]
    )
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    age_estimate = models.PositiveSmallIntegerField(_("age (if birth date unknown)"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[text.validate_phone])
    email = models.EmailField(_("email"), blank=True)
    postal_code = models.CharField(
        _("postal code"), max_length=8, blank=True, validators=[text.validate_postal_code]
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        related_name="members",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    relationship = models.CharField(
        _("relationship (zokugara)"), max_length=20, choices=Relationship.choices, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["family_name_kana", "given_name_kana", "pk"]
        indexes = [
            models.Index(fields=["family_name_kana", "given_name_kana"]),
            models.Index(fields=["phone"]),
        ]

    def __str__(self):
        return self.full_name

    @property
    def age(self):
        """Age today from the birth date, else the estimate (None if neither is known)."""
        if self.birth_date is None:
            return self.age_estimate
        today = timezone.localdate()
        born = self.birth_date
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


class ConsentQuerySet(models.QuerySet):
    def valid_on(self, day):
        """Consents given by `day`, not expired and not withdrawn on that day."""
        return self.filter(
            Q(given_on__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
            Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day),
        )


class Consent(models.Model):
    """本人同意: the person agreed that their information may be shared, with whom and until when.

    A 重層的支援会議 may discuss a case only under a consent that is valid on the
    meeting's date and covers every agency taking part (by kind or by name).
    A consent is never deleted: it is withdrawn on a date.
    """

    class Method(models.TextChoices):
        WRITTEN = "written", _("in writing (signed form)")
        ORAL = "oral", _("orally (noted by the worker)")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="consents"
    )
    given_on = models.DateField(_("given on"))
    method = models.CharField(_("how"), max_length=20, choices=Method.choices)
    # Agency.Kind values; a JSON list works the same on SQLite and PostgreSQL.
    agency_kinds = models.JSONField(_("kinds of agency it may be shared with"), default=list, blank=True)
    agencies = models.ManyToManyField(
        "Agency",
        verbose_name=_("named agencies it may be shared with"),
        blank=True,
        related_name="+",
    )
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Leave empty if no end was agreed.")
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[agencies])

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent to sharing")
        verbose_name_plural = _("consents to sharing")
        ordering = ["person", "-given_on", "-pk"]
        constraints = [
            FieldCheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("given_on")),
                name="consent_valid_until_after_given",
                field="valid_until",
                message=_("The end of the consent cannot be before the day it was given."),
            ),
            FieldCheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=F("given_on")),
                name="consent_withdrawn_after_given",
                field="withdrawn_on",
                message=_("A consent cannot be withdrawn before the day it was given."),
            ),
        ]

    def __str__(self):
        return _("Consent of %(name)s (%(day)s)") % {"name": self.person, "day": self.given_on}

    def is_valid_on(self, day):
        return (
            self.given_on <= day
            and (self.valid_until is None or day <= self.valid_until)
            and (self.withdrawn_on is None or day < self.withdrawn_on)
        )

    def covers(self, agency):
        """Whether information may be shared with this agency (call with agencies prefetched)."""
        return agency.kind in (self.agency_kinds or []) or agency.pk in {a.pk for a in self.agencies.all()}
