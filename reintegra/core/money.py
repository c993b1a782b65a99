"""Money: an amount is a Decimal beside an ISO 4217 code. Which currency an organisation counts in
follows from its country, as babel's CLDR data knows it, so a worker in Laos is offered LAK."""

from __future__ import annotations

from babel.numbers import get_territory_currencies

FALLBACK_CURRENCY = "USD"


def main_currency(country_code: str) -> str:
    """The legal tender of a country today; USD for a country CLDR knows no currency for."""
    currencies = get_territory_currencies(country_code.upper(), tender=True) if country_code else []
    return currencies[0] if currencies else FALLBACK_CURRENCY
