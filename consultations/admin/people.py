"""People and households, and the person's consent to sharing (本人同意)."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from welfare_portal.staff_admin import StaffHistoryAdmin

from .. import services
from ..models import Agency, Case, Consent, Household, Person
from .base import (
    HOUSEHOLD_FLAGS,
    ObjectToolsMixin,
    ServiceAdminMixin,
    Tool,
    attach_error,
    date_column,
    get_or_404,
    sees_case_records,
)


class LinkOnlyForCoordinatorsMixin:
    """Person and household pages for staff who may link people but not read their cases.

    Coordinators look people up to link a booking or a food registration. They
    must not learn who has a case, nor read the case workers' notes or the
    household's sensitive flags: not in the form, the list, the filters or the
    history (and StaffAdminMixin refuses any filter a role is not shown).
    """

    case_worker_fields = ["notes", *HOUSEHOLD_FLAGS]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "sees_case_records": sees_case_records(request)}
        return super().change_view(request, object_id, form_url, extra_context)

    def has_history_permission(self, request, obj=None):
        # Past versions show every field, notes and flags included.
        return sees_case_records(request) and super().has_history_permission(request, obj)

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        if sees_case_records(request):
            return filters
        return [f for f in filters if not any(flag in str(f) for flag in HOUSEHOLD_FLAGS)]

    def get_list_display(self, request):
        display = super().get_list_display(request)
        if sees_case_records(request):
            return display
        return [f for f in display if f not in HOUSEHOLD_FLAGS]

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        if not sees_case_records(request):
            exclude += [f for f in self.case_worker_fields if f not in exclude]
        return exclude

    def get_inlines(self, request, obj):
        inlines = super().get_inlines(request, obj)
        if sees_case_records(request):
            return inlines
        return [inline for inline in inlines if not getattr(inline, "case_workers_only", False)]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if sees_case_records(request):
            return fieldsets
        hidden = set(self.case_worker_fields) | {"consent_status"}
        cleaned = []
        for name, options in fieldsets:
            fields = []
            for item in options.get("fields", []):
                if isinstance(item, (list, tuple)):
                    item = tuple(f for f in item if f not in hidden)
                    if item:
                        fields.append(item)
                elif item not in hidden:
                    fields.append(item)
            if fields:
                cleaned.append((name, {**options, "fields": fields}))
        return cleaned


class PersonInline(admin.TabularInline):
    model = Person
    fields = [
        "family_name",
        "given_name",
        "family_name_kana",
        "given_name_kana",
        "relationship",
        "birth_date",
    ]
    extra = 0
    show_change_link = True


class PersonCaseInline(admin.TabularInline):
    """The person's cases; shown only to roles that may see case records."""

    model = Case
    fk_name = "person"
    fields = ["reference", "status", "channel", "worker", "opened_on", "closed_on"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False
    verbose_name_plural = _("cases")
    case_workers_only = True

    def has_add_permission(self, request, obj=None):
        return False


class ConsentInline(admin.TabularInline):
    """The person's consents, read only here: they are recorded and withdrawn on their own page."""

    model = Consent
    fields = ["given_on", "method", "scope", "valid_until", "withdrawn_on"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False
    case_workers_only = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("agencies")

    @admin.display(description=_("may be shared with"))
    def scope(self, obj):
        return consent_scope(obj)


def consent_scope(consent):
    kinds = [
        str(Agency.Kind(kind).label) for kind in consent.agency_kinds or [] if kind in Agency.Kind.values
    ]
    return "、".join(kinds + [agency.name for agency in consent.agencies.all()]) or "—"


@admin.register(Household)
class HouseholdAdmin(LinkOnlyForCoordinatorsMixin, StaffHistoryAdmin):
    list_display = [
        "name",
        "address",
        "area",
        *HOUSEHOLD_FLAGS[:2],
        "flag_single_parent",
        "flag_financial_hardship",
    ]
    list_select_related = ["area"]
    list_filter = HOUSEHOLD_FLAGS
    search_fields = ["name", "address", "phone", "members__family_name", "members__family_name_kana"]
    autocomplete_fields = ["area"]
    inlines = [PersonInline]
    readonly_fields = ["whole_record"]

    @admin.display(description=_("Everything about this household"))
    def whole_record(self, obj):
        if obj.pk is None:
            return "-"
        # The timeline page lives in welfare_portal (it gathers every app); linked by path name.
        return format_html(
            '<a href="{}">{}</a>', reverse("staff-household-timeline", args=[obj.pk]), _("Open the timeline")
        )


@admin.register(Person)
class PersonAdmin(LinkOnlyForCoordinatorsMixin, StaffHistoryAdmin):
    list_display = ["full_name", "full_name_kana", "birth_date", "phone", "household", "relationship"]
    list_select_related = ["household"]
    list_filter = [f"household__{flag}" for flag in HOUSEHOLD_FLAGS]
    search_fields = ["family_name", "given_name", "family_name_kana", "given_name_kana", "phone", "email"]
    autocomplete_fields = ["household"]
    readonly_fields = ["whole_record", "consent_status", "created_by", "created_at", "updated_at"]
    inlines = [ConsentInline, PersonCaseInline]
    fieldsets = [
        (None, {"fields": [("family_name", "given_name"), ("family_name_kana", "given_name_kana")]}),
        (_("Age"), {"fields": [("birth_date", "age_estimate")]}),
        (_("Contact"), {"fields": [("phone", "email"), "postal_code", "address"]}),
        (_("household"), {"fields": [("household", "relationship")]}),
        (_("Consent to sharing"), {"fields": ["consent_status"]}),
        (None, {"fields": ["notes", ("created_by", "created_at", "updated_at")]}),
        (_("Everything about this person"), {"fields": ["whole_record"]}),
    ]

    @admin.display(description=_("Across all programmes"))
    def whole_record(self, obj):
        if obj.pk is None:
            return "-"
        return format_html(
            '<a href="{}">{}</a>', reverse("staff-person-timeline", args=[obj.pk]), _("Open the timeline")
        )

    @admin.display(description=_("Consent today"))
    def consent_status(self, obj):
        if obj.pk is None:
            return "—"
        today = timezone.localdate()
        valid = obj.consents.valid_on(today).order_by("-given_on").first()
        add_url = reverse("admin:consultations_consent_add") + f"?person={obj.pk}"
        if valid is None:
            text = format_html(
                '<strong class="consent-missing">{}</strong>', _("No valid consent to sharing.")
            )
        else:
            text = format_html(
                '<span class="consent-valid">{}</span>',
                _("Given on %(day)s (%(method)s)")
                % {"day": date_column(valid.given_on), "method": valid.get_method_display()},
            )
        return format_html('{} <a href="{}">{}</a>', text, add_url, _("Record a consent"))

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if not change:
            self._warn_about_possible_duplicates(request, obj)

    def _warn_about_possible_duplicates(self, request, person):
        """People are entered by hand too: point at likely duplicates so they can be merged."""
        similar = [
            p
            for p, _reasons in services.person_match_suggestions(
                family_name=person.family_name,
                given_name=person.given_name,
                kana=f"{person.family_name_kana} {person.given_name_kana}".strip(),
                phone=person.phone,
                birth_date=person.birth_date,
            )
            if p.pk != person.pk
        ]
        if similar:
            links = format_html_join(
                "、",
                '<a href="{}">{}</a>',
                (
                    (reverse("admin:consultations_person_change", args=[p.pk]), p.full_name)
                    for p in similar[:5]
                ),
            )
            self.message_user(
                request,
                format_html("{} {}", _("Someone with similar details is already registered:"), links),
                messages.WARNING,
            )


# --- Consent ---------------------------------------------------------------------------------------


class ConsentForm(forms.ModelForm):
    agency_kinds = forms.MultipleChoiceField(
        label=_("kinds of agency it may be shared with"),
        choices=Agency.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Consent
        fields = ["person", "given_on", "method", "agency_kinds", "agencies", "valid_until", "notes"]


class ConsentStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("valid", _("valid today")), ("ended", _("ended or withdrawn"))]

    def queryset(self, request, queryset):
        valid = Consent.objects.valid_on(timezone.localdate()).values("pk")
        if self.value() == "valid":
            return queryset.filter(pk__in=valid)
        if self.value() == "ended":
            return queryset.exclude(pk__in=valid)
        return queryset


@admin.register(Consent)
class ConsentAdmin(ObjectToolsMixin, ServiceAdminMixin, StaffHistoryAdmin):
    form = ConsentForm
    list_display = ["person", "given_column", "method", "scope", "until_column", "withdrawn_column"]
    list_select_related = ["person"]
    list_filter = [ConsentStateFilter, "method"]
    search_fields = ["person__family_name", "person__given_name", "person__family_name_kana"]
    autocomplete_fields = ["person"]
    readonly_fields = ["withdrawn_on", "recorded_by"]
    fieldsets = [
        (None, {"fields": ["person", ("given_on", "method")]}),
        (
            _("With whom it may be shared"),
            {
                "fields": ["agency_kinds", "agencies"],
                "description": _(
                    "A multi-layered support meeting may discuss the case only if every agency taking part "
                    "is covered here, by its kind or by name."
                ),
            },
        ),
        (_("How long"), {"fields": [("valid_until", "withdrawn_on")]}),
        (None, {"fields": ["notes", "recorded_by"]}),
    ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "agencies":
            # Check boxes: a list a screen reader reads, unlike the multiple autocomplete.
            kwargs["widget"] = forms.CheckboxSelectMultiple
            kwargs["queryset"] = Agency.objects.filter(is_active=True).order_by("kind", "name")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("agencies")

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("given_on", timezone.localdate())
        return initial

    def has_delete_permission(self, request, obj=None):
        return False  # a consent is withdrawn, never deleted

    @admin.display(description=_("given on"), ordering="given_on")
    def given_column(self, obj):
        return date_column(obj.given_on)

    @admin.display(description=_("valid until"), ordering="valid_until")
    def until_column(self, obj):
        return date_column(obj.valid_until)

    @admin.display(description=_("withdrawn on"), ordering="withdrawn_on")
    def withdrawn_column(self, obj):
        return date_column(obj.withdrawn_on)

    @admin.display(description=_("may be shared with"))
    def scope(self, obj):
        return consent_scope(obj)

    def save_with_service(self, request, form, formsets, change):
        services.consent_record(
            consent=form.instance, agencies=form.cleaned_data["agencies"], by=request.user
        )

    def object_tools(self, request, obj):
        if obj.withdrawn_on is None and self.has_change_permission(request, obj):
            return [
                Tool(
                    _("Record that consent was withdrawn"),
                    reverse("admin:consultations_consent_withdraw", args=[obj.pk]),
                )
            ]
        return []

    def get_urls(self):
        return [
            path(
                "<int:pk>/withdraw/",
                self.admin_site.admin_view(self.withdraw_view),
                name="consultations_consent_withdraw",
            ),
            *super().get_urls(),
        ]

    def withdraw_view(self, request, pk):
        if not self.has_change_permission(request):
            raise PermissionDenied
        consent = get_or_404(self, request, pk)
        form = WithdrawForm(request.POST or None, initial={"withdrawn_on": timezone.localdate()})
        if request.method == "POST" and form.is_valid():
            try:
                removed = services.consent_withdraw(
                    consent=consent, on=form.cleaned_data["withdrawn_on"], by=request.user
                )
            except (services.ConsultationError, ValidationError) as error:
                attach_error(form, error)
            else:
                self.message_user(request, _("The consent is recorded as withdrawn."))
                for meeting in removed:
                    self.message_user(
                        request,
                        _("The case was taken off the agenda of the %(meeting)s on %(day)s.")
                        % {"meeting": meeting.get_kind_display(), "day": date_column(meeting.held_at)},
                        messages.WARNING,
                    )
                return redirect("admin:consultations_person_change", consent.person_id)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Withdrawal of consent: %(name)s") % {"name": consent.person.full_name},
            "opts": self.model._meta,
            "original": consent,
            "adminform": helpers.AdminForm(form, [(None, {"fields": ["withdrawn_on"]})], {}),
            "errors": helpers.AdminErrorList(form, []),
            "submit_label": _("Record the withdrawal"),
            "cancel_url": reverse("admin:consultations_consent_change", args=[consent.pk]),
        }
        return TemplateResponse(request, "admin/consultations/form_page.html", context)


class WithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(label=_("withdrawn on"), widget=AdminDateWidget())
