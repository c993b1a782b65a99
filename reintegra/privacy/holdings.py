"""Everything held about a person, found from the models themselves: each model with encrypted
fields that leads, by its foreign keys, to the person or to one of their cases. Subject access
reads it; anonymisation empties it. Found rather than listed, so that a record type added later is
exported and anonymised without anyone remembering to add it here (privacy/tests check that the
walk reaches every model with encrypted fields except those named in NOT_A_PERSONS)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models

from reintegra.access.sections import Section
from reintegra.cases.models import Case, Person
from reintegra.core.fields import encrypted_fields

# Models with encrypted fields that hold nothing of one person: organisations' keys, staff
# authenticators, complaints (which name no case; their own retention rule clears them), import
# reports (cleared by theirs), referrals from partner installations until accepted (no case of
# ours), and the audit trail (its details are erased separately, see anonymise.erase_audit_details).
NOT_A_PERSONS = frozenset(
    {
        "exchange.organisationkeys",
        "exchange.incomingreferral",
        "exchange.importbatch",
        "complaints.complaint",
        "complaints.complaintevent",
        "mfa.authenticator",
        "audit.auditrecord",
    }
)
MAX_HOPS = 4


@dataclass(frozen=True)
class Holding:
    model: type[models.Model]
    # The lookup from the model to the person's id, e.g. "assessment__case__person".
    path: str
    fields: tuple[Any, ...]

    @property
    def label(self) -> str:
        return self.model._meta.label_lower


def _path_to_person(model: type[models.Model]) -> str | None:
    if model is Person:
        return "pk"
    queue: list[tuple[type[models.Model], str]] = [(model, "")]
    seen = {model}
    while queue:
        current, prefix = queue.pop(0)
        for field in current._meta.get_fields():
            if not (field.concrete and field.is_relation and (field.many_to_one or field.one_to_one)):
                continue
            target = field.related_model
            path = f"{prefix}{field.name}"
            if target is Person:
                return path
            if target is Case:
                return f"{path}__person"
            if target not in seen and path.count("__") < MAX_HOPS - 1 and encrypted_fields(target):  # type: ignore[arg-type]
                seen.add(target)  # type: ignore[arg-type]
                queue.append((target, f"{path}__"))  # type: ignore[arg-type]
    return None


@functools.cache
def holdings() -> tuple[Holding, ...]:
    found = []
    for model in apps.get_models():
        fields = encrypted_fields(model)
        if not fields or model._meta.label_lower in NOT_A_PERSONS:
            continue
        path = _path_to_person(model)
        if path is not None:
            found.append(Holding(model=model, path=path, fields=tuple(fields)))
    return tuple(found)


def unreached() -> list[str]:
    """Models with encrypted fields that the walk does not reach and nobody has excused."""
    reached = {holding.label for holding in holdings()}
    return sorted(
        model._meta.label_lower
        for model in apps.get_models()
        if encrypted_fields(model) and model._meta.label_lower not in reached | NOT_A_PERSONS
    )


def records_of(holding: Holding, person: Person) -> models.QuerySet[Any]:
    rows = holding.model._default_manager.filter(**{holding.path: person.pk}).order_by("pk")
    if holding.label == "assessments.observation":
        rows = rows.exclude(section=Section.CLINICAL)
    return rows


def clinical_observations(person: Person) -> models.QuerySet[Any]:
    from reintegra.assessments.models import Observation

    return Observation.objects.filter(assessment__case__person=person, section=Section.CLINICAL)
