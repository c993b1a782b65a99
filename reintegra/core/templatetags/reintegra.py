from django import template
from django_countries import countries

from reintegra.core.forms import LANGUAGE_CHOICES

register = template.Library()


@register.filter
def country_names(codes: list[str]) -> str:
    return ", ".join(countries.name(code) or code for code in codes or [])


@register.filter
def language_names(codes: list[str]) -> str:
    names = dict(LANGUAGE_CHOICES)
    return ", ".join(str(names.get(code, code)) for code in codes or [])
