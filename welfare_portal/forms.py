"""Form fields that normalise Japanese input before validating it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import text


class JapaneseTextField(forms.CharField):
    """A one-line text field folded with NFKC and with stray spaces removed."""

    def to_python(self, value):
        return text.normalize_text(super().to_python(value))


class JapaneseTextareaField(forms.CharField):
    widget = forms.Textarea

    def to_python(self, value):
        return text.normalize_multiline(super().to_python(value))


class KanaField(forms.CharField):
    """Furigana: any kana in, full-width katakana out."""

    default_validators = [text.validate_kana]

    def to_python(self, value):
        return text.normalize_kana(super().to_python(value))


class PhoneField(forms.CharField):
    default_validators = [text.validate_phone]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def to_python(self, value):
        return text.normalize_phone(super().to_python(value))

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "tel", "autocomplete": "tel"})
        return attrs


class JapaneseEmailField(forms.EmailField):
    """An email address typed with a Japanese IME: full-width letters and ＠ folded first."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 254)  # what EmailField in the models stores
        super().__init__(**kwargs)

    def to_python(self, value):
        return text.normalize_email(super().to_python(value))

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"autocomplete": "email", "inputmode": "email"})
        return attrs


class PostalCodeField(forms.CharField):
    default_validators = [text.validate_postal_code]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("help_text", _("e.g. 206-0011"))
        super().__init__(**kwargs)

    def to_python(self, value):
        return text.normalize_postal_code(super().to_python(value))

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "numeric", "autocomplete": "postal-code"})
        return attrs


class HoneypotField(forms.CharField):
    """A field people never see; bots fill it in. See `honeypot_tripped`."""

    widget = forms.TextInput(
        attrs={"tabindex": "-1", "autocomplete": "off", "class": "hp-field", "aria-hidden": "true"}
    )

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Leave this field empty"))
        super().__init__(**kwargs)
