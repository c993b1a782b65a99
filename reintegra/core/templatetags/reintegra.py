from django import template
from django_countries import countries

from reintegra.cases import vocabularies
from reintegra.cases.forms import LANGUAGE_CHOICES

register = template.Library()

_VOCABULARIES = {
    "gender": vocabularies.Gender,
    "age_band": vocabularies.AgeBand,
    "document": vocabularies.DocumentType,
    "exploitation": vocabularies.ExploitationType,
    "recruitment": vocabularies.RecruitmentMethod,
    "identification": vocabularies.IdentificationStatus,
    "authority": vocabularies.IdentifyingAuthorityType,
}


@register.filter
def country_names(codes: list[str]) -> str:
    return ", ".join(countries.name(code) or code for code in codes or [])


@register.filter
def language_names(codes: list[str]) -> str:
    names = dict(LANGUAGE_CHOICES)
    return ", ".join(str(names.get(code, code)) for code in codes or [])


@register.filter
def label(value: str | list[str], vocabulary: str) -> str:
    """Human label(s) for stored vocabulary code(s)."""
    choices = dict(_VOCABULARIES[vocabulary].choices)
    values = value if isinstance(value, list) else [value]
    return ", ".join(str(choices.get(v, v)) for v in values if v)
