from decimal import Decimal

from babel.numbers import format_currency
from django import template
from django.utils.translation import get_language, to_locale
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


@register.filter
def money(amount: Decimal | None, currency: str) -> str:
    """An amount with its currency's own decimals, grouped for the reader's language, and the ISO
    code after it (unambiguous across borders): "150,000,000 VND", "1,200.00 THB"."""
    if amount is None:
        return ""
    try:
        return format_currency(
            amount, currency, format="#,##0.00 ¤¤", currency_digits=True, locale=to_locale(get_language() or "en")
        )
    except (ValueError, LookupError):  # a code babel does not know: the number as stored
        return f"{amount} {currency}"
