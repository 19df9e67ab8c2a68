import pytest
from django.core.exceptions import ValidationError

from welfare_portal import text
from welfare_portal.forms import KanaField, PhoneField, PostalCodeField


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("０４２－３７３－５６１６", "042-373-5616"),
        ("042ー373ー5616", "042-373-5616"),
        ("042‐373−5616", "042-373-5616"),
        (" 042 373 5616 ", "0423735616"),
        ("(042)373-5616", "042373-5616"),
        ("090–1234—5678", "090-1234-5678"),
    ],
)
def test_phone_is_folded_to_half_width_with_hyphens(raw, expected):
    assert text.normalize_phone(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [("〒２０６－００１１", "206-0011"), ("2060011", "206-0011"), ("206ー0011", "206-0011")],
)
def test_postal_code_is_folded(raw, expected):
    assert text.normalize_postal_code(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [("やまだ　はなこ", "ヤマダ ハナコ"), ("ﾔﾏﾀﾞ", "ヤマダ"), ("ヤマダ", "ヤマダ")],
)
def test_kana_becomes_full_width_katakana(raw, expected):
    assert text.normalize_kana(raw) == expected


def test_text_is_nfkc_folded_and_spaces_collapsed():
    assert text.normalize_text("　ＡＢＣ　　１２３ ") == "ABC 123"
    assert text.normalize_multiline("一行目　　です\r\n\r\n ２行目 ") == "一行目 です\n\n2行目"


@pytest.mark.parametrize("value", ["042-373-5616", "0423735616", "090-1234-5678"])
def test_valid_phone_numbers(value):
    text.validate_phone(value)


@pytest.mark.parametrize("value", ["12345", "042-373-561", "abc", "1423735616", "042-373-56161-1"])
def test_invalid_phone_numbers_have_a_japanese_message(value, settings):
    settings.LANGUAGE_CODE = "ja"
    with pytest.raises(ValidationError) as excinfo:
        text.validate_phone(value)
    assert "電話番号" in str(excinfo.value.messages[0])


def test_form_fields_clean_and_validate():
    assert PhoneField().clean("０９０ー１２３４ー５６７８") == "090-1234-5678"
    assert PostalCodeField().clean("２０６００１１") == "206-0011"
    assert KanaField().clean("たなか") == "タナカ"
    with pytest.raises(ValidationError):
        KanaField().clean("田中")
    with pytest.raises(ValidationError):
        PostalCodeField().clean("206-001")


def test_phone_digits_fold_full_width():
    assert text.phone_digits("０９０ー１２３４ー５６７８") == "09012345678"
    assert text.phone_digits("090-1234-5678") == "09012345678"


def test_other_unicode_digits_are_not_phone_digits():
    # Arabic-Indic digits are \\d in Python regexes but not a Japanese phone number.
    with pytest.raises(ValidationError):
        text.validate_phone("٠٩٠-١٢٣٤-٥٦٧٨")


def test_email_typed_full_width_is_folded():
    from welfare_portal.forms import JapaneseEmailField

    assert JapaneseEmailField().clean("ｈａｎａ＠ｅｘａｍｐｌｅ．ｊｐ") == "hana@example.jp"
    assert JapaneseEmailField().clean(" Hana@Example.JP ") == "hana@example.jp"
    with pytest.raises(ValidationError):
        JapaneseEmailField().clean("a" * 250 + "@example.jp")


def test_control_characters_are_dropped_but_line_breaks_kept():
    assert text.normalize_text("卵\x1bアレルギー\x00") == "卵アレルギー"
    assert text.normalize_multiline("卵\x07\n小麦") == "卵\n小麦"


@pytest.mark.parametrize(
    "mark", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
)
def test_bidirectional_controls_are_dropped(mark):
    assert text.normalize_text(f"山田{mark}花子") == "山田花子"
    assert text.normalize_multiline(f"一行目{mark}\n二行目") == "一行目\n二行目"
