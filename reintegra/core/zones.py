"""Time zones: the main zone of a country, for an organisation's default, and the list to choose
from. Country data is CLDR's, through babel."""

from __future__ import annotations

import zoneinfo
from functools import cache

from babel.core import get_global

# Where a country spans several zones, the one most offices of the field work in. CLDR lists a
# country's zones without saying which is the main one.
MAIN_ZONE_OF_MULTI_ZONE_COUNTRIES = {
    "CN": "Asia/Shanghai",
    "ID": "Asia/Jakarta",
    "MY": "Asia/Kuala_Lumpur",
    "MN": "Asia/Ulaanbaatar",
    "KZ": "Asia/Almaty",
    "RU": "Europe/Moscow",
    "US": "America/New_York",
    "AU": "Australia/Sydney",
    "BR": "America/Sao_Paulo",
    "MX": "America/Mexico_City",
    "CA": "America/Toronto",
}


@cache
def available_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def zone_choices() -> list[tuple[str, str]]:
    return sorted((name, name.replace("_", " ")) for name in available_zones() if "/" in name or name == "UTC")


def main_time_zone(country: str) -> str:
    """The time zone an organisation in `country` most likely works in; UTC if none is known."""
    code = str(country).upper()
    if code in MAIN_ZONE_OF_MULTI_ZONE_COUNTRIES:
        return MAIN_ZONE_OF_MULTI_ZONE_COUNTRIES[code]
    zones = [zone for zone in get_global("territory_zones").get(code, []) if zone in available_zones()]
    return zones[0] if zones else "UTC"
