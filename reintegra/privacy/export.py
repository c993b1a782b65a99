"""Subject access: everything held about a person, as data (JSON) and as a document they can
read (PDF). Built from privacy.holdings, so every record type that holds something of the person
is in it; each record is given with its fields' own labels and readable values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from reintegra.accounts.models import User
from reintegra.audit.models import AuditRecord
from reintegra.cases import vocabularies
from reintegra.cases.models import Case, Person
from reintegra.plans.printable import render_pdf
from reintegra.privacy.anonymise import family_persons
from reintegra.privacy.holdings import Holding, clinical_observations, holdings, records_of

# Columns that only link records together or are kept for the software's own use.
SKIPPED_FIELDS = frozenset({"id", "person", "case", "organisation", "seal", "previous_seal"})
# Records about the staff's own work rather than the person, which name others: the supervisor's
# notes, the legal holds (they may reveal an investigation) and emergency openings. The document
# says they are left out; whoever exports decides what else to give.
NOT_EXPORTED = frozenset({"supervision.supervisionnote", "privacy.legalhold", "cases.emergencyaccess"})
# Large values that belong in the data but not on paper: a scan's bytes.
NOT_PRINTED = frozenset({("documents.attachment", "content")})


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return (
            timezone.localtime(value).isoformat(timespec="minutes") if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        name = getattr(value, "display_name", None)
        return name() if callable(name) else str(value)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


# Codes stored in lists (or free text fields) that a reader knows by their labels.
_VOCABULARY_OF: dict[str, Any] = {
    "gender": vocabularies.Gender,
    "marital_status": vocabularies.MaritalStatus,
    "exploitation_types": vocabularies.ExploitationType,
    "recruitment_methods": vocabularies.RecruitmentMethod,
    "recruitment_apps": vocabularies.WebsiteOrApp,
    "exploitation_apps": vocabularies.WebsiteOrApp,
    "control_methods": vocabularies.ControlMethod,
    "labour_industry": vocabularies.LabourIndustry,
    "sexual_exploitation_forms": vocabularies.SexualExploitationForm,
    "vulnerabilities": vocabularies.Vulnerability,
}
_COUNTRY_FIELDS = frozenset({"nationalities", "origin_countries", "exploitation_countries"})


def _labelled(name: str, value: Any) -> Any:
    if name in _COUNTRY_FIELDS and isinstance(value, list):
        return [str(countries.name(code)) or code for code in value]
    vocabulary = _VOCABULARY_OF.get(name)
    if vocabulary is None:
        return value
    labels = dict(vocabulary.choices)
    if isinstance(value, list):
        return [str(labels.get(code, code)) for code in value]
    return str(labels.get(value, value))


def _fields_of(row: models.Model) -> list[dict[str, Any]]:
    out = []
    for field in row._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS or (field.is_relation and field.related_model in (Case, Person, User)):
            continue  # links, and staff names: who wrote what is the organisation's, not the person's
        if field.choices:
            value: Any = (
                getattr(row, f"get_{field.name}_display")() if getattr(row, field.attname) not in (None, "") else ""
            )
        elif field.is_relation:
            value = getattr(row, field.name)
        else:
            value = getattr(row, field.attname)
        if value in (None, "", [], {}):
            continue
        out.append(
            {"field": field.name, "label": str(field.verbose_name), "value": _plain(_labelled(field.name, value))}
        )
    return out


def _group(holding: Holding, rows: list[models.Model]) -> dict[str, Any]:
    return {
        "type": holding.label,
        "title": str(holding.model._meta.verbose_name_plural).capitalize(),
        "records": [{"id": row.pk, "fields": _fields_of(row)} for row in rows],
    }


def subject_access(person: Person, *, with_clinical: bool) -> dict[str, Any]:
    cases = list(Case.objects.filter(person=person).select_related("organisation").order_by("opened_on", "pk"))
    groups = []
    for holding in holdings():
        if holding.model is Person or holding.label in NOT_EXPORTED:
            continue
        rows = list(records_of(holding, person))
        if with_clinical and holding.label == "assessments.observation":
            rows += list(clinical_observations(person))
        if rows:
            groups.append(_group(holding, rows))
    reads = (
        AuditRecord.objects.filter(case__person=person)
        .select_related("organisation")
        .order_by("at")
        .only("at", "action", "organisation__name")
    )
    left_out = [
        _(
            "The staff's own records about their work (supervision notes, legal holds, emergency "
            "openings) and the names of staff: ask the organisation if you need them."
        )
    ]
    if not with_clinical and clinical_observations(person).exists():
        left_out.append(_("Clinical assessments: a clinician of the team adds them."))
    return {
        "made_at": _plain(timezone.now()),
        "organisation": cases[0].organisation.name if cases else "",
        "person": _fields_of(person),
        "family_members": [{"id": member.pk, "fields": _fields_of(member)} for member in family_persons(person)],
        "cases": [
            {
                "number": case.number,
                "fields": [entry for entry in _fields_of(case) if entry["field"] not in {"created_by", "number"}],
            }
            for case in cases
        ],
        "records": groups,
        "access_log": [
            {
                "at": _plain(read.at),
                "what": read.get_action_display(),
                "organisation": read.organisation.name if read.organisation else "",
            }
            for read in reads
        ],
        "left_out": left_out,
    }


def _text(value: Any) -> str:
    """A value as a line of the printed document."""
    if isinstance(value, list):
        return "; ".join(_text(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {_text(item)}" for key, item in value.items())
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    return str(value)


def _printed(entries: list[dict[str, Any]], kind: str = "") -> list[dict[str, Any]]:
    return [{**entry, "value": _text(entry["value"])} for entry in entries if (kind, entry["field"]) not in NOT_PRINTED]


def subject_access_pdf(document: dict[str, Any]) -> bytes:
    printable = {
        **document,
        "person": _printed(document["person"]),
        "family_members": [{**m, "fields": _printed(m["fields"])} for m in document["family_members"]],
        "cases": [{**c, "fields": _printed(c["fields"])} for c in document["cases"]],
        "records": [
            {
                **group,
                "records": [{**r, "fields": _printed(r["fields"], group["type"])} for r in group["records"]],
            }
            for group in document["records"]
        ],
    }
    return render_pdf(render_to_string("privacy/subject_access.html", {"document": printable}))
