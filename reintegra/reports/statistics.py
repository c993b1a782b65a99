"""Keeps CaseStatistics current: one row of coarse counting categories per case.

`refresh(case_ids)` is the one way in. Saves of a case or a person call it through the signal
receivers connected by ReportsApp.ready(); paths that write without signals (bulk imports,
`QuerySet.update`) call it themselves with the cases they touched. It reads the cases in chunks,
decrypts only the person fields it needs, and writes each chunk with one upsert."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models.signals import post_save

from reintegra.cases.models import Case, Person
from reintegra.cases.vocabularies import AgeBand, Gender
from reintegra.reports.models import CaseStatistics, ReportAgeBand

CHUNK = 1000
# The bands a person may have been given instead of a date of birth, in the reports' bands.
_FROM_GIVEN_BAND = {
    AgeBand.UNDER_12: ReportAgeBand.UNDER_12,
    AgeBand.FROM_12: ReportAgeBand.FROM_12,
    AgeBand.FROM_15: ReportAgeBand.FROM_12,
    AgeBand.FROM_18: ReportAgeBand.FROM_18,
    AgeBand.FROM_25: ReportAgeBand.FROM_25,
    AgeBand.FROM_35: ReportAgeBand.FROM_35,
    AgeBand.FROM_50: ReportAgeBand.FROM_50,
}
PERSON_FIELDS = (
    "birth_date",
    "estimated_birth_year",
    "age_band",
    "age_band_on",
    "age_disputed",
    "gender",
    "nationalities",
)
UPDATED = ["organisation", "opened_month", "sex", "age_band", "nationality", "child"]


def age_band(age: int | None) -> ReportAgeBand:
    if age is None or age < 0:
        return ReportAgeBand.UNKNOWN
    for limit, band in (
        (12, ReportAgeBand.UNDER_12),
        (18, ReportAgeBand.FROM_12),
        (25, ReportAgeBand.FROM_18),
        (35, ReportAgeBand.FROM_25),
        (50, ReportAgeBand.FROM_35),
    ):
        if age < limit:
            return band
    return ReportAgeBand.FROM_50


def categories(case: Case, person: Person) -> CaseStatistics:
    opened: date = case.opened_on
    age = person.age_on(opened)
    band = age_band(age) if age is not None else _FROM_GIVEN_BAND.get(person.age_band, ReportAgeBand.UNKNOWN)  # type: ignore[call-overload]
    nationalities = [n for n in (person.nationalities or []) if isinstance(n, str)]
    first = nationalities[0].strip().upper() if nationalities else ""
    return CaseStatistics(
        case_id=case.pk,
        organisation_id=case.organisation_id,
        opened_month=opened.replace(day=1),
        sex=person.gender if person.gender in Gender.values else Gender.UNKNOWN,
        age_band=band,
        nationality=first if len(first) == 2 and first.isascii() and first.isalpha() else "",
        child=person.is_child_on(opened),
    )


def refresh(case_ids: Iterable[int]) -> None:
    """Recompute the counting categories of these cases. Safe to call for any ids: cases that no
    longer exist are skipped (their rows went with them)."""
    ids = sorted(set(case_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        cases = (
            # An anonymised person's categories stay as they were counted: their emptied record
            # would count them again as of unknown sex, age and nationality.
            Case.objects.filter(pk__in=chunk, person__anonymisation__isnull=True)
            .select_related("person")
            .only("pk", "organisation", "opened_on", "person", *(f"person__{name}" for name in PERSON_FIELDS))
        )
        rows = [categories(case, case.person) for case in cases]
        CaseStatistics.objects.bulk_create(rows, update_conflicts=True, unique_fields=["case"], update_fields=UPDATED)


def add_written(cases: Iterable[Case]) -> None:
    """The categories of cases just written in bulk, from the objects in memory (each with its
    person): the same rows as `refresh`, without reading back and decrypting what was just
    encrypted."""
    rows = [categories(case, case.person) for case in cases]
    CaseStatistics.objects.bulk_create(rows, update_conflicts=True, unique_fields=["case"], update_fields=UPDATED)


def rebuild_all() -> int:
    """Every case's row again, for `manage.py rebuild_statistics`."""
    ids = list(Case.objects.order_by("pk").values_list("pk", flat=True))
    refresh(ids)
    return len(ids)


# Fields of a case that the categories depend on: a save naming none of them changes nothing here.
_CASE_FIELDS = frozenset({"opened_on", "organisation", "organisation_id", "person", "person_id"})


def _case_saved(
    sender: type[Case], instance: Case, update_fields: Any = None, raw: bool = False, **kwargs: Any
) -> None:
    if raw or (update_fields is not None and not _CASE_FIELDS.intersection(update_fields)):
        return
    refresh([instance.pk])


def _person_saved(
    sender: type[Person], instance: Person, update_fields: Any = None, raw: bool = False, **kwargs: Any
) -> None:
    if raw or (update_fields is not None and not set(PERSON_FIELDS).intersection(update_fields)):
        return
    refresh(Case.objects.filter(person_id=instance.pk).values_list("pk", flat=True))


def connect() -> None:
    post_save.connect(_case_saved, sender=Case, dispatch_uid="reports.case_saved")
    post_save.connect(_person_saved, sender=Person, dispatch_uid="reports.person_saved")
