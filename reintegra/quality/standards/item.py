"""One item of the standards catalogue: a point of the guidebook's checklists, in our words.

The code is the guidebook's stable identifier (AREA-KIND-nn, see the domain notes): ratings are
stored against it, so a code is never reused or renumbered. An item that is withdrawn stays in
the catalogue with `withdrawn=True`, so that the ratings given to it can still be read."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Item:
    code: str
    title: str | Promise
    text: str | Promise
    withdrawn: bool = False

    @property
    def area(self) -> str:
        return self.code.split("-")[0]

    @property
    def kind(self) -> str:
        return self.code.split("-")[1]
