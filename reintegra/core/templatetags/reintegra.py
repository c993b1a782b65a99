from django import template
from django.conf.locale import LANG_INFO
from django_countries import countries

from reintegra.cases import vocabularies

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
    return ", ".join(LANG_INFO.get(code, {}).get("name", code) for code in codes or [])


@register.filter
def label(value: str | list[str], vocabulary: str) -> str:
    """Human label(s) for stored vocabulary code(s)."""
    choices = dict(_VOCABULARIES[vocabulary].choices)
    values = value if isinstance(value, list) else [value]
    return ", ".join(str(choices.get(v, v)) for v in values if v)
