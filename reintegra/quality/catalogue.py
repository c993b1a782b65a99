"""The standards catalogue: every checklist item of the guidebook's ten service areas and of its
general checklist, in our own words (quality/standards/), and the live indicators that measure
some of them (quality/indicators.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from reintegra.assessments.catalogue import AREAS
from reintegra.quality.standards import adm, cas, eco, edu, fam, gen, hou, leg, med, psy, saf
from reintegra.quality.standards.item import Item

__all__ = ["AREA_LABELS", "CATALOGUE", "ITEMS_BY_CODE", "KIND_LABELS", "Item", "items_of_area"]

AREA_LABELS: dict[str, object] = {
    **{area.code: area.label for area in AREAS},
    "GEN": _("Across all services"),
}
KIND_LABELS: dict[str, object] = {
    "P": _("Programming"),
    "C": _("Children"),
    "A": _("Policy and advocacy"),
}

CATALOGUE: tuple[Item, ...] = (
    *hou.ITEMS,
    *med.ITEMS,
    *psy.ITEMS,
    *edu.ITEMS,
    *eco.ITEMS,
    *adm.ITEMS,
    *leg.ITEMS,
    *saf.ITEMS,
    *fam.ITEMS,
    *cas.ITEMS,
    *gen.ITEMS,
)
ITEMS_BY_CODE: dict[str, Item] = {item.code: item for item in CATALOGUE}


def items_of_area(area: str) -> tuple[Item, ...]:
    return tuple(item for item in CATALOGUE if item.area == area)
