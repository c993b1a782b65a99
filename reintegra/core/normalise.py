"""Normalisation of identifiers before they are hashed into blind indexes.

The aim is that the spellings a case worker is likely to type for the same person give the same
key: letter case, accents on Latin, Greek and Cyrillic letters, Arabic short-vowel marks,
punctuation, spacing, the order of name parts, and the digits of any script (Thai, Arabic-Indic,
Devanagari...). Marks that change meaning in other scripts (Thai tone marks, Devanagari vowel
signs) are kept, because dropping them would merge different names.
"""

from __future__ import annotations

import unicodedata
from datetime import date

# Combining marks are dropped only after base letters of these scripts.
_FOLDED_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC", "ARABIC")
_PHONE_DIGITS_KEPT = 9
# Latin letters that carry a stroke or ligature instead of a combining mark, so Unicode
# decomposition leaves them alone. Vietnamese Đ is by far the most common in our data.
_LATIN_STROKES = str.maketrans(
    {
        "Đ": "D",
        "đ": "d",
        "Ø": "O",
        "ø": "o",
        "Ł": "L",
        "ł": "l",
        "Ħ": "H",
        "ħ": "h",
        "Æ": "AE",
        "æ": "ae",
        "Œ": "OE",
        "œ": "oe",
        "\u0131": "i",  # dotless i
    }
)


def _script_of(char: str) -> str:
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0]


def fold_text(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value.translate(_LATIN_STROKES))
    kept: list[str] = []
    base_script = ""
    for char in decomposed:
        category = unicodedata.category(char)
        if category == "Mn":
            if base_script in _FOLDED_SCRIPTS:
                continue
            kept.append(char)
            continue
        if category.startswith(("P", "S", "C", "Z")):
            kept.append(" ")
            base_script = ""
            continue
        base_script = _script_of(char)
        kept.append(char)
    folded = unicodedata.normalize("NFKC", "".join(kept)).casefold()
    return " ".join(folded.split())


def name_key(*parts: str) -> str:
    """Tokens of all name parts, folded and sorted: "Nguyễn Thị Lan" == "lan nguyen thi"."""
    tokens = fold_text(" ".join(p for p in parts if p)).split()
    return " ".join(sorted(tokens))


def digits_of(value: str) -> str:
    return "".join(str(unicodedata.decimal(c)) for c in value if unicodedata.decimal(c, None) is not None)


def phone_key(value: str) -> str:
    """The last nine digits: the same number typed with or without a country code or trunk 0."""
    digits = digits_of(value)
    if len(digits) < 6:
        return ""
    return digits[-_PHONE_DIGITS_KEPT:]


def date_key(value: date) -> str:
    return value.isoformat()


def document_key(value: str) -> str:
    return "".join(fold_text(value).split())
