"""Database rules that speak Japanese next to the field they are about.

A CheckConstraint or UniqueConstraint keeps the data right even when code
bypasses the forms and services. Django also checks constraints in
`full_clean()`, but reports a violation as a message about the whole form, in
the words of the constraint. These subclasses say which field the rule is about
and give the message staff read there:

    FieldCheckConstraint(
        condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("opened_on")),
        name="case_closed_after_opened",
        field="closed_on",
        message=_("The closing date cannot be before the opening date."),
    )

For migrations they are plain Django constraints (the field and message are
application-level), so rewording a message never needs a migration.
"""

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, models


class _FieldMessageMixin:
    def __init__(self, *args, field, message, **kwargs):
        super().__init__(*args, **kwargs)
        self.field = field
        self.message = message

    def get_violation_error_message(self):
        return self.message

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        try:
            super().validate(model, instance, exclude=exclude, using=using)
        except ValidationError:
            raise ValidationError({self.field: ValidationError(self.message, code=self.name)}) from None

    def deconstruct(self):
        _path, args, kwargs = super().deconstruct()
        return f"django.db.models.{self.django_class.__name__}", args, kwargs

    def clone(self):
        _path, args, kwargs = super().deconstruct()
        return type(self)(*args, field=self.field, message=self.message, **kwargs)


class FieldCheckConstraint(_FieldMessageMixin, models.CheckConstraint):
    django_class = models.CheckConstraint


class FieldUniqueConstraint(_FieldMessageMixin, models.UniqueConstraint):
    django_class = models.UniqueConstraint
