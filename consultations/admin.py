from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Household, Person


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


@admin.register(Household)
class HouseholdAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "address",
        "flag_8050",
        "flag_young_carer",
        "flag_single_parent",
        "flag_financial_hardship",
    ]
    list_filter = [
        "flag_8050",
        "flag_young_carer",
        "flag_single_parent",
        "flag_disability",
        "flag_financial_hardship",
        "flag_withdrawal",
    ]
    search_fields = ["name", "address", "phone", "members__family_name", "members__family_name_kana"]
    inlines = [PersonInline]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "full_name_kana", "birth_date", "phone", "household"]
    list_select_related = ["household"]
    search_fields = ["family_name", "given_name", "family_name_kana", "given_name_kana", "phone", "email"]
    autocomplete_fields = ["household"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
