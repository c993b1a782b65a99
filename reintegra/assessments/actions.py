"""Assessment workflows: one transaction each, with the audit record inside it."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.assessments.access import visible_fields
from reintegra.assessments.catalogue import AREAS_BY_CODE
from reintegra.assessments.models import Assessment, Observation, is_warning, section_of
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.cases.models import Case
from reintegra.followups.actions import refresh_schedule


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def start_assessment(*, actor: User, case: Case, assessed_on: date, reason: str) -> Assessment:
    """Open a new version. It starts with the previous version's answers, which keep their dates,
    so the worker records only what changed."""
    with transaction.atomic():
        Case.objects.select_for_update().filter(pk=case.pk).first()  # one new version at a time
        previous_version = case.assessments.aggregate(last=Max("version"))["last"] or 0
        assessment = Assessment.objects.create(
            case=case, version=previous_version + 1, assessed_on=assessed_on, reason=reason, created_by=actor
        )
        if previous_version:
            previous = Assessment.objects.get(case=case, version=previous_version)
            assessment.person_priorities = previous.person_priorities
            assessment.person_words = previous.person_words
            assessment.worker_view = previous.worker_view
            assessment.save(update_fields=["person_priorities", "person_words", "worker_view"])
            Observation.objects.bulk_create(
                [
                    Observation(
                        assessment=assessment,
                        area=old.area,
                        field=old.field,
                        value=old.value,
                        observed_on=old.observed_on,
                        source=old.source,
                        section=old.section,
                        recorded_by_id=old.recorded_by_id,
                        recorded_at=old.recorded_at,
                        carried_over=True,
                        warning=old.warning,
                    )
                    for old in previous.observations.all()
                ]
            )
        log.log_change(
            actor=actor,
            case=case,
            action=AuditAction.START_ASSESSMENT,
            changes={"version": (previous_version or None, assessment.version), "reason": (None, reason)},
        )
    return assessment


def _require_latest(assessment: Assessment) -> None:
    if not assessment.is_latest():
        raise ValidationError(_("Only the latest assessment can be changed; earlier ones are kept as they were."))


def record_area(
    *,
    actor: User,
    assessment: Assessment,
    area_code: str,
    values: dict[str, Any],
    observed_on: date,
    source: str,
) -> list[str]:
    """Record the answers of one area. Only fields the actor may see are touched; a value left
    empty removes the answer (the audit trail keeps what it was)."""
    _require_latest(assessment)
    area = AREAS_BY_CODE[area_code]
    case = assessment.case
    allowed = visible_fields(case.visible_sections, area, child=case.person.is_child_on(assessment.assessed_on))
    current = {obs.field: obs for obs in assessment.observations.filter(area=area_code)}
    now = timezone.now()
    changes: dict[str, tuple[Any, Any]] = {}
    with transaction.atomic():
        for spec in allowed:
            new = values.get(spec.name)
            existing = current.get(spec.name)
            old = existing.value if existing else None
            if (_empty(new) and existing is None) or (existing is not None and old == new):
                continue
            changes[f"{area_code}.{spec.name}"] = (old, None if _empty(new) else new)
            if _empty(new):
                existing.delete()  # type: ignore[union-attr]
            elif existing is None:
                Observation.objects.create(
                    assessment=assessment,
                    area=area_code,
                    field=spec.name,
                    value=new,  # type: ignore[misc]  # any JSON value; the stubs see a text column
                    observed_on=observed_on,
                    source=source,
                    section=section_of(area, spec),
                    recorded_by=actor,
                    recorded_at=now,
                    warning=is_warning(area_code, spec.name, new),
                )
            else:
                existing.value, existing.observed_on, existing.source = new, observed_on, source
                existing.warning = is_warning(area_code, spec.name, new)
                existing.recorded_by, existing.recorded_at, existing.carried_over = actor, now, False
                existing.save()
        if changes:
            log.log_change(
                actor=actor, case=case, action=AuditAction.RECORD_AREA, section=area.section, changes=changes
            )
            if "CAS.intensity" in changes:
                refresh_schedule(case=case)  # the assessed intensity is an input of the schedule
    return list(changes)


def record_views(
    *, actor: User, assessment: Assessment, person_priorities: str, person_words: str, worker_view: str
) -> list[str]:
    """The person's own priorities and words, beside the worker's view."""
    _require_latest(assessment)
    new = {"person_priorities": person_priorities, "person_words": person_words, "worker_view": worker_view}
    changes = {
        name: (getattr(assessment, name), value) for name, value in new.items() if getattr(assessment, name) != value
    }
    if not changes:
        return []
    with transaction.atomic():
        for name, (_old, value) in changes.items():
            setattr(assessment, name, value)
        assessment.save(update_fields=list(changes))
        log.log_change(actor=actor, case=assessment.case, action=AuditAction.RECORD_VIEWS, changes=changes)
    return list(changes)
