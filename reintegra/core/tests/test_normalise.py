import pytest

from reintegra.core.normalise import fold_text, name_key, phone_key


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Nguyễn Thị Lan", "nguyen thi lan"),
        ("Đặng Thị Lan", "Dang Thi Lan"),  # Đ has no decomposition
        ("Łukasz Søren", "lukasz soren"),
        ("Lan NGUYEN-Thi", "Nguyễn Thị Lan"),  # order, case, punctuation
        ("José  Müller", "jose muller"),
        ("Ёлкина", "елкина"),
        ("مُحَمَّد", "محمد"),  # Arabic short vowels are optional in writing
    ],
)
def test_equivalent_names_share_a_key(one, other):
    assert name_key(one) == name_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("ใจ", "ไจ"),  # different Thai vowels stay different
        ("मीना", "मना"),  # Devanagari vowel signs are kept
        ("Lan", "Lanh"),
    ],
)
def test_different_names_stay_different(one, other):
    assert name_key(one) != name_key(other)


def test_thai_tone_marks_are_kept():
    assert fold_text("ป่า") != fold_text("ปา")


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("+84 912 345 678", "0912345678"),
        ("0084-912-345-678", "(091) 234 5678"),
        ("+66 ๘๑ ๒๓๔ ๕๖๗๘", "081 234 5678"),  # Thai digits
    ],
)
def test_phone_numbers_match_across_formats(one, other):
    assert phone_key(one) == phone_key(other)


def test_too_short_phone_gives_no_key():
    assert phone_key("12-34") == ""
