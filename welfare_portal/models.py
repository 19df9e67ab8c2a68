"""The project's own records: who opened which record (閲覧記録), and the figures' permission.

A leaf of the project: nothing here imports an app. Records are named by their
model label ("consultations.person") and id, never by what they hold.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccessLog(models.Model):
    """閲覧記録: one staff member opened one record about a person, at a time, from an address.

    Append-only: written by `welfare_portal.access_log`, shown to 管理者 read-only,
    never changed or deleted from the site. Together with the change history
    (simple-history) it answers "who saw or changed this person's record, and when".
    """

    class How(models.TextChoices):
        ADMIN = "admin", _("opened in the admin")
        HISTORY = "history", _("read its change history")
        TIMELINE = "timeline", _("opened the timeline")
        PAGE = "page", _("opened a staff page listing it")
        EXPORT = "export", _("downloaded in a file")
        PRINT = "print", _("opened a page for printing")

    at = models.DateTimeField(_("date and time"), default=timezone.now)
    # PROTECT: a staff login with a record of what it opened is deactivated, not deleted.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("staff member"), on_delete=models.PROTECT, related_name="+"
    )
    model = models.CharField(_("kind of record"), max_length=100)
    object_id = models.PositiveBigIntegerField(_("record number"))
    how = models.CharField(_("how it was opened"), max_length=10, choices=How.choices)
    client_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-pk"]
        # Only reading: no role can be given the right to add, change or delete entries.
        default_permissions = ("view",)
        indexes = [
            models.Index(fields=["model", "object_id", "-at"], name="access_log_record"),
            models.Index(fields=["user", "-at"], name="access_log_user"),
            models.Index(fields=["-at"], name="access_log_at"),
        ]

    def __str__(self):
        return f"{self.model} #{self.object_id}"


class Statistics(models.Model):
    """No table: the holder of the permission to see the monthly figures (実績報告).

    Counts only, no names; 管理者 have it, and a 管理者 may give it to anyone.
    """

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_statistics", _("Can see the monthly figures for the city"))]
        verbose_name = _("monthly figures")
        verbose_name_plural = _("monthly figures")

    def __str__(self):
        return str(self._meta.verbose_name)
