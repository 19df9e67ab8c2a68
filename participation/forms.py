from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Contact, Interest, Pace, Setting


class ActivityFilterForm(forms.Form):
    """The public menu's filters: all optional, combined with AND."""

    setting = forms.ChoiceField(
        label=_("Indoors or outdoors"),
        choices=[("", _("Either"))] + Setting.choices,
        required=False,
    )
    pace = forms.ChoiceField(label=_("How often"), choices=[("", _("Any"))] + Pace.choices, required=False)
    contact = forms.ChoiceField(
        label=_("Contact with people"), choices=[("", _("Any"))] + Contact.choices, required=False
    )
    interest = forms.ModelChoiceField(
        label=_("Interest"), queryset=Interest.objects.all(), required=False, empty_label=_("Any")
    )

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["setting"]:
            queryset = queryset.filter(setting=data["setting"])
        if data["pace"]:
            queryset = queryset.filter(pace=data["pace"])
        if data["contact"]:
            queryset = queryset.filter(contact=data["contact"])
        if data["interest"]:
            queryset = queryset.filter(interests=data["interest"])
        return queryset
