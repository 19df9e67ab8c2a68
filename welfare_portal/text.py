"""Japanese input normalisation and validation shared by every app.

People type phone numbers and postal codes with full-width digits and any of
several dash-like characters, and furigana in hiragana, katakana or half-width
katakana. Everything is folded to one form on the way in: half-width digits
with ASCII hyphens, and full-width katakana for furigana.
"""

import re
import unicodedata

import jaconv
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Dash-like characters people type in phone numbers and postal codes.
_DASHES = "-‐‑‒–—―−ー－ｰ~〜～"
_DASH_RE = re.compile(f"[{re.escape(_DASHES)}]")
_SPACE_RE = re.compile(r"\s+")
# Control characters other than tab and line breaks: nothing a person means to
# type, and they break spreadsheets (openpyxl refuses them) and emails. The
# bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069)
# go too: they can make a name or a note read differently from what is stored.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def normalize_text(value):
    """NFKC-fold, trim and collapse runs of spaces (full-width ones too)."""
    if value is None:
        return ""
    value = _CONTROL_RE.sub("", unicodedata.normalize("NFKC", str(value)))
    return _SPACE_RE.sub(" ", value).strip()


def normalize_multiline(value):
    """Like normalize_text but keeps line breaks in free text."""
    if value is None:
        return ""
    value = _CONTROL_RE.sub("", unicodedata.normalize("NFKC", str(value)).replace("\r\n", "\n"))
    lines = [_SPACE_RE.sub(" ", line).strip() for line in value.split("\n")]
    return "\n".join(lines).strip()


def normalize_kana(value):
    """Furigana as full-width katakana: ﾔﾏﾀﾞ, やまだ and ヤマダ all become ヤマダ."""
    if not value:
        return ""
    value = jaconv.h2z(str(value), kana=True, ascii=False, digit=False)
    value = jaconv.hira2kata(value)
    value = value.replace("\u3000", " ")
    return _SPACE_RE.sub(" ", value).strip()


def normalize_phone(value):
    """Half-width digits with ASCII hyphens; other separators dropped."""
    if not value:
        return ""
    value = unicodedata.normalize("NFKC", str(value))
    value = _DASH_RE.sub("-", value)
    value = re.sub(r"[\s()（）]", "", value)
    return value.strip("-")


def phone_digits(value):
    """Only the digits of a phone number, half-width: the key for "same number"."""
    if not value:
        return ""
    return re.sub(r"[^0-9]", "", unicodedata.normalize("NFKC", str(value)))


def normalize_email(value):
    """Full-width input from an IME (ｈａｎａ＠ｅｘａｍｐｌｅ．ｊｐ) folded, trimmed, lower-cased."""
    if not value:
        return ""
    return unicodedata.normalize("NFKC", str(value)).strip().lower()


def normalize_postal_code(value):
    """〒１２３ー４５６７ → 123-4567; seven bare digits get their hyphen."""
    if not value:
        return ""
    value = unicodedata.normalize("NFKC", str(value)).replace("〒", "")
    value = _DASH_RE.sub("-", value)
    value = re.sub(r"\s", "", value)
    if re.fullmatch(r"[0-9]{7}", value):
        value = f"{value[:3]}-{value[3:]}"
    return value


_KANA_RE = re.compile(r"^[ァ-ヶー・ 　]+$")
_PHONE_RE = re.compile(r"^0[0-9]{1,4}-?[0-9]{1,4}-?[0-9]{3,4}$")
_POSTAL_RE = re.compile(r"^[0-9]{3}-[0-9]{4}$")


def validate_kana(value):
    if value and not _KANA_RE.match(value):
        raise ValidationError(_("Please enter the reading in hiragana or katakana."), code="invalid_kana")


def validate_phone(value):
    if not value:
        return
    digits = value.replace("-", "")
    if not _PHONE_RE.match(value) or not 10 <= len(digits) <= 11:
        raise ValidationError(
            _("Please enter a phone number such as 042-373-5616 (10 or 11 digits starting with 0)."),
            code="invalid_phone",
        )


def validate_postal_code(value):
    if value and not _POSTAL_RE.match(value):
        raise ValidationError(
            _("Please enter a postal code of 7 digits, such as 206-0011."),
            code="invalid_postal_code",
        )
