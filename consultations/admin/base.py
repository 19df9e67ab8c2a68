"""What the consultations admins share: saving through services, buttons on the record, the case hub links."""

import dataclasses

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from welfare_portal.dates import staff_date

from ..models import Area, Case
from ..services import ConsultationError

CONCURRENT_CHANGE = _(
    "Someone else changed this record at the same moment, so nothing was saved. Check the page and save again."
)

HOUSEHOLD_FLAGS = [
    "flag_8050",
    "flag_young_carer",
    "flag_single_parent",
    "flag_disability",
    "flag_financial_hardship",
    "flag_withdrawal",
]

CASE_SEARCH = ["case__reference", "case__person__family_name", "case__person__family_name_kana"]


def sees_case_records(request):
    return request.user.has_perm("consultations.view_case")


def checkbox_topics(db_field, kwargs):
    if db_field.name == "topics":
        kwargs["widget"] = forms.CheckboxSelectMultiple
    return kwargs


def attach_error(form, error):
    """Put a service's refusal next to the field it is about (or above the form)."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    elif isinstance(error, ValidationError):
        form.add_error(None, error)
    elif isinstance(error, IntegrityError):
        form.add_error(None, CONCURRENT_CHANGE)
    else:
        field = getattr(error, "field", None)
        form.add_error(field if field in form.fields else None, str(error))


class _ServiceErrorForm:
    """Mixed into the admin's form on the second pass: the refusal appears next to its field."""

    service_error = None

    def clean(self):
        cleaned = super().clean()
        attach_error(self, self.service_error)
        return cleaned


class ServiceAdminMixin:
    """Saves go through a service (`save_with_service`), never through save_model.

    The service runs inside the admin's transaction. When it refuses (a domain
    error, a validation error, or a database rule a concurrent change tripped),
    everything is rolled back and the same form is shown again with what was
    typed and the message next to the field it is about: never a 500.
    """

    def save_with_service(self, request, form, formsets, change):
        raise NotImplementedError

    def save_model(self, request, obj, form, change):
        """Nothing here: the service saves the record with its inlines in save_related."""

    def save_related(self, request, form, formsets, change):
        self.save_with_service(request, form, formsets, change)

    def delete_model(self, request, obj):
        self.delete_with_service(request, obj)

    def delete_with_service(self, request, obj):
        obj.delete()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (ConsultationError, ValidationError, IntegrityError) as error:
            if request.method != "POST" or getattr(request, "_service_error", None) is not None:
                raise
            request._service_error = error
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        error = getattr(request, "_service_error", None)
        if error is None:
            return form_class
        return type(form_class.__name__, (_ServiceErrorForm, form_class), {"service_error": error})


def formset_rows(formsets, model):
    """(new and changed rows, deleted rows) of the inline formset for `model`."""
    for formset in formsets:
        if formset.model is model:
            rows = formset.save(commit=False)
            return rows, list(formset.deleted_objects)
    return [], []


def run_service(request, model_admin, function, **kwargs):
    """Call a service from an admin view or action; a refusal becomes an error message. Returns
    the result, or None when refused."""
    try:
        return function(**kwargs)
    except ConsultationError as error:
        model_admin.message_user(request, str(error), messages.ERROR)
    except ValidationError as error:
        model_admin.message_user(request, " ".join(error.messages), messages.ERROR)
    except IntegrityError:
        model_admin.message_user(request, CONCURRENT_CHANGE, messages.ERROR)
    return None


# --- Buttons on a record's page ------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Tool:
    """A button above a record: a link, or a small POST form for an action that changes something."""

    label: str
    url: str
    post: bool = False
    primary: bool = False


class ObjectToolsMixin:
    """`object_tools(request, obj)` lists the buttons shown above the record (see change_form.html)."""

    def object_tools(self, request, obj):
        return []

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, admin.utils.unquote(object_id)) if object_id else None
        tools = self.object_tools(request, obj) if obj is not None else []
        extra_context = {**(extra_context or {}), "object_tools": tools}
        return super().change_view(request, object_id, form_url, extra_context)


# --- Adding a record from its case ----------------------------------------------------------------


class FromCaseMixin:
    """Assessments, plans, referrals, reviews and visits are added from the case page.

    The case page links to the add page with ?case=<pk>: the case is then fixed
    (shown, not chosen with an autocomplete), and saving returns to the case.
    """

    case_field = "case"

    def _case_from_request(self, request):
        value = request.GET.get("case") or request.POST.get("_from_case")
        if not value or not str(value).isdigit():
            return None
        case = Case.objects.select_related("person").filter(pk=int(value)).first()
        if case is None or not request.user.has_perm("consultations.view_case"):
            return None
        return case

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        case = self._case_from_request(request)
        if case is not None:
            initial[self.case_field] = case.pk
        return initial

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == self.case_field and self._case_from_request(request) is not None:
            kwargs["widget"] = forms.HiddenInput
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_autocomplete_fields(self, request):
        fields = list(super().get_autocomplete_fields(request))
        if self._case_from_request(request) is not None and self.case_field in fields:
            fields.remove(self.case_field)
        return fields

    def add_view(self, request, form_url="", extra_context=None):
        case = self._case_from_request(request)
        extra_context = {**(extra_context or {}), "from_case": case}
        return super().add_view(request, form_url, extra_context)

    def response_add(self, request, obj, post_url_continue=None):
        case = self._case_from_request(request)
        if case is not None and "_addanother" not in request.POST and "_continue" not in request.POST:
            self.message_user(
                request,
                _("%(record)s was added to case %(reference)s.")
                % {"record": obj._meta.verbose_name, "reference": case.reference},
            )
            return redirect("admin:consultations_case_change", case.pk)
        return super().response_add(request, obj, post_url_continue)


def case_link(case):
    if case is None:
        return "—"
    return format_html(
        '<a href="{}">{} {}</a>',
        reverse("admin:consultations_case_change", args=[case.pk]),
        case.reference,
        case.person.full_name,
    )


def date_column(value):
    return staff_date(value) if value else "—"


def user_name(user):
    if user is None:
        return "—"
    return f"{user.last_name} {user.first_name}".strip() or user.get_username()


def require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def get_or_404(model_admin, request, pk):
    obj = model_admin.get_object(request, str(pk))
    if obj is None:
        get_object_or_404(model_admin.model, pk=-1)
    return obj


# --- Filters ------------------------------------------------------------------------------------


class AreaFilter(admin.SimpleListFilter):
    """By area, an area taking in everything inside it (a school district includes its neighbourhoods)."""

    title = _("area")
    parameter_name = "area"
    area_path = "area"

    def lookups(self, request, model_admin):
        return [
            (str(area.pk), ("\u3000" * (area.layer - 1)) + area.name)
            for area in Area.objects.filter(is_active=True).in_tree_order()
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if not value or not value.isdigit():
            return queryset
        area = Area.objects.filter(pk=int(value)).first()
        if area is None:
            return queryset.none()
        return queryset.filter(Area.subtree_q(area, self.area_path)).distinct()


def area_filter(path):
    """An AreaFilter for a model whose area is at `path` (e.g. "case__area")."""
    return type("AreaFilter", (AreaFilter,), {"area_path": path})
