"""The research extract: one anonymised row per person who agreed to it, in the style of the
Counter-Trafficking Data Collaborative's global dataset. docs/research-extract.md says what is in it,
what it protects against and what it does not; this module is the one place that builds it.

What a row holds: the year the case opened, the age band at opening, a coarse gender, the first
citizenship, the first country of exploitation, the identification status, and one yes/no column
per form of exploitation. No name, no id or case number, no free text, no exact date, and no
organisation. Rows come out in a random order, so that their order says nothing either.

The first five columns are the quasi-identifiers: what someone who knows the person (a neighbour,
an employer, a trafficker) could know and look for. `suppress` generalises them until every
combination of them in the extract is shared by at least k rows (REINTEGRA_REPORT_MIN_CELL), and
drops the rows it cannot hide. Who may download the extract is decided by reports.access."""

from __future__ import annotations

import csv
import io
import secrets
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from django.conf import settings
from django_countries import countries

from reintegra.cases.vocabularies import ExploitationType, Gender, IdentificationStatus
from reintegra.consents.models import ConsentScope, latest_decision_stands
from reintegra.reports.exports import neutralise
from reintegra.reports.models import CaseStatistics, ReportAgeBand

CHUNK = 2000

# Column names and values are a fixed vocabulary in English, not translated: an extract is pooled
# with other organisations' and other installations' extracts, and read by programs. The
# vocabularies are listed in docs/research-extract.md.
QUASI_IDENTIFIERS = ("year", "age_band", "gender", "citizenship", "country_of_exploitation")
EXPLOITATION_COLUMNS = tuple(f"exploitation_{code}" for code in ExploitationType.values)
HEADER = (*QUASI_IDENTIFIERS, "identification", *EXPLOITATION_COLUMNS)

UNKNOWN = "unknown"
SUPPRESSED = "suppressed"
YES, NO = "1", "0"
# The age bands' first generalisation: child or adult at the opening of the case, as the CTDC's
# "majority status".
CHILD, ADULT = "0-17", "18+"
_CHILD_BANDS = frozenset({ReportAgeBand.UNDER_12.value, ReportAgeBand.FROM_12.value})
_ADULT_BANDS = frozenset(
    {ReportAgeBand.FROM_18.value, ReportAgeBand.FROM_25.value, ReportAgeBand.FROM_35.value, ReportAgeBand.FROM_50.value}
)
# Gender as the person identifies, in three values and unknown. Whether a person is transgender is
# not written: it is about very few people, and would single them out where nothing else does.
GENDERS = {
    Gender.FEMININE.value: "female",
    Gender.TRANSGENDER_FEMININE.value: "female",
    Gender.MASCULINE.value: "male",
    Gender.TRANSGENDER_MASCULINE.value: "male",
    Gender.NON_CONFORMING.value: "other",
}
GENDER_VALUES = frozenset({*GENDERS.values(), UNKNOWN})

# The ladder of `suppress`: a row at level n has had steps 1 to n applied.
#   1: the rarer of its citizenship and its country of exploitation is suppressed (the value fewer
#      rows of the extract share; citizenship on a tie);
#   2: the other one too;
#   3: the age band becomes child or adult ("0-17", "18+"; "unknown" stays);
#   4: the age band is suppressed;
#   5: the year is suppressed;
#   6: the row is dropped.
# Gender is never generalised: a row whose gender alone is shared by fewer than k rows is dropped.
DROPPED = 6


class QuasiIdentifiers(NamedTuple):
    year: str
    age_band: str
    gender: str
    citizenship: str
    country_of_exploitation: str


def _generalised(row: QuasiIdentifiers, level: int, *, citizenship_first: bool) -> QuasiIdentifiers:
    citizenship, country, age_band, year = row.citizenship, row.country_of_exploitation, row.age_band, row.year
    if level >= 2 or (level == 1 and citizenship_first):
        citizenship = SUPPRESSED
    if level >= 2 or (level == 1 and not citizenship_first):
        country = SUPPRESSED
    if level == 3:
        age_band = CHILD if age_band in _CHILD_BANDS else ADULT if age_band in _ADULT_BANDS else age_band
    if level >= 4:
        age_band = SUPPRESSED
    if level >= 5:
        year = SUPPRESSED
    return QuasiIdentifiers(year, age_band, row.gender, citizenship, country)


def suppress(rows: Sequence[QuasiIdentifiers], k: int) -> list[QuasiIdentifiers | None]:
    """k-suppression, a pure function. Returns a list as long as `rows`: each row as published
    (generalised where it had to be), or None where it is dropped. Afterwards every combination
    of quasi-identifiers in the list occurs at least k times.

    Each round, every row whose combination occurs fewer than k times climbs one step of the
    ladder above; rows in combinations of k or more are left as they are. All rows of one
    combination climb together, so a combination of k or more only ever gains rows, and a row
    climbs at most six times: the loop ends, and deterministically (no ordering, no randomness)."""
    citizenships = Counter(row.citizenship for row in rows)
    countries_of_exploitation = Counter(row.country_of_exploitation for row in rows)
    citizenship_first = [
        citizenships[row.citizenship] <= countries_of_exploitation[row.country_of_exploitation] for row in rows
    ]
    levels = [0] * len(rows)
    published: list[QuasiIdentifiers | None] = list(rows)
    while True:
        counts = Counter(row for row in published if row is not None)
        rare = [index for index, row in enumerate(published) if row is not None and counts[row] < k]
        if not rare:
            return published
        for index in rare:
            levels[index] += 1
            published[index] = (
                None
                if levels[index] >= DROPPED
                else _generalised(rows[index], levels[index], citizenship_first=citizenship_first[index])
            )


@dataclass(frozen=True)
class Extract:
    rows: list[list[str]]  # in HEADER's order, in a random order, without the header
    contributors: int  # organisations with at least one row in the extract
    dropped: int  # rows that suppression could not hide
    min_cell: int


def _country(code: object) -> str:
    """An ISO 3166-1 alpha-2 code, or "unknown": a value typed or imported that is not a country's
    code never reaches the file."""
    text = code.strip().upper() if isinstance(code, str) else ""
    return text if text in countries.countries else UNKNOWN


def _first_country(codes: object) -> str:
    return _country(codes[0]) if isinstance(codes, list) and codes else UNKNOWN


def _exploitation(types: object) -> list[str]:
    """One column per form: "1" or "0"; all empty when no form is recorded, which is not "none"."""
    recorded = {value for value in types if isinstance(value, str)} if isinstance(types, list) else set()
    recorded &= set(ExploitationType.values)
    if not recorded:
        return [""] * len(EXPLOITATION_COLUMNS)
    return [YES if code in recorded else NO for code in ExploitationType.values]


def build(organisation_ids: Iterable[int], *, on: date) -> Extract:
    """The extract over these organisations (reports.access chose them): persons whose latest
    decision about research, on one of their cases, is a consent in force on `on`. One query,
    read in chunks; a person with several such cases counts once, with the first opened."""
    k = settings.REINTEGRA_REPORT_MIN_CELL
    records = (
        CaseStatistics.objects.filter(organisation_id__in=list(organisation_ids))
        .filter(latest_decision_stands(ConsentScope.RESEARCH, on, case_ref="case"))
        .order_by("case__person_id", "case__opened_on", "case_id")
        .values_list(
            "organisation_id",
            "case__person_id",
            "opened_month",
            "age_band",
            "sex",
            "nationality",
            "case__identification_status",
            "case__exploitation_types",
            "case__exploitation_countries",
        )
    )
    seen: set[int] = set()
    organisations: list[int] = []
    quasi: list[QuasiIdentifiers] = []
    others: list[list[str]] = []
    for organisation, person, month, band, sex, nationality, identification, types, where in records.iterator(
        chunk_size=CHUNK
    ):
        if person in seen:
            continue
        seen.add(person)
        organisations.append(organisation)
        quasi.append(
            QuasiIdentifiers(
                year=str(month.year),
                age_band=band if band in ReportAgeBand.values else UNKNOWN,
                gender=GENDERS.get(sex, UNKNOWN),
                citizenship=_country(nationality),
                country_of_exploitation=_first_country(where),
            )
        )
        status = identification if identification in IdentificationStatus.values else UNKNOWN
        others.append([status, *_exploitation(types)])
    published = suppress(quasi, k)
    rows = [[*row, *rest] for row, rest in zip(published, others, strict=True) if row is not None]
    # The order the database gave (by person, so by registration) must not survive.
    secrets.SystemRandom().shuffle(rows)
    kept = {organisation for organisation, row in zip(organisations, published, strict=True) if row is not None}
    return Extract(rows=rows, contributors=len(kept), dropped=len(quasi) - len(rows), min_cell=k)


def as_csv(rows: Iterable[Sequence[str]], *, bom: bool = True) -> bytes:
    """The header and the rows, every cell neutralised for spreadsheets (the values all come from
    fixed vocabularies; this is the second line of defence). The download starts with a
    byte-order mark, so that spreadsheet programs read it as UTF-8; the API's text does not."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")
