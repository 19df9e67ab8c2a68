"""People and households: the one record (丸ごと) every programme points to."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from welfare_portal import text


class Household(models.Model):
    """世帯: the people who live together, seen as one unit of support."""

    name = models.CharField(_("household name"), max_length=100, help_text=_("e.g. 山田家"))
    postal_code = models.CharField(
        _("postal code"), max_length=8, blank=True, validators=[text.validate_postal_code]
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[text.validate_phone])
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


class Person(models.Model):
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
    def full_name(self):
        return f"{self.family_name} {self.given_name}".strip()

    @property
    def full_name_kana(self):
        return f"{self.family_name_kana} {self.given_name_kana}".strip()
