"""Rating a standard of the catalogue: a new record in the organisation's history of ratings,
written with its audit record."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.core.dates import plausibility_error
from reintegra.quality.access import manages_quality
from reintegra.quality.catalogue import ITEMS_BY_CODE
from reintegra.quality.models import LEVELS_NEEDING_EVIDENCE, LEVELS_NEEDING_IMPROVEMENT, Level, Rating

MAX_TEXT = 4000


def rate_standard(
    *,
    actor: User,
    code: str,
    level: str,
    evidence: str = "",
    improvement: str = "",
    improve_by: date | None = None,
) -> Rating:
    if not manages_quality(actor):
        raise ValidationError(_("Only the organisation's supervisors and administrators rate its standards."))
    item = ITEMS_BY_CODE.get(code)
    if item is None or item.withdrawn:
        raise ValidationError({"code": [_("There is no such standard in the catalogue.")]})
    if level not in Level.values:
        raise ValidationError({"level": [_("Choose one of the ratings.")]})
    evidence, improvement = evidence.strip(), improvement.strip()
    errors: dict[str, list[str]] = {}
    if level in LEVELS_NEEDING_EVIDENCE and not evidence:
        if level == Level.NOT_APPLICABLE:
            errors["evidence"] = [_("Say why this standard does not apply to your organisation.")]
        elif level == Level.PARTLY:
            errors["evidence"] = [_("Say what is in place so far, and what shows it.")]
        else:
            errors["evidence"] = [_("Say what shows that it is in place: a procedure, a record, a practice.")]
    if level in LEVELS_NEEDING_IMPROVEMENT and not improvement:
        errors["improvement"] = [_("Say what you will do to meet this standard.")]
    for field, value in (("evidence", evidence), ("improvement", improvement)):
        if len(value) > MAX_TEXT:
            errors[field] = [_("Keep it under %(count)d characters.") % {"count": MAX_TEXT}]
    if improve_by is not None:
        if level not in LEVELS_NEEDING_IMPROVEMENT:
            errors["improve_by"] = [_("A date to improve by goes with a rating of partly or not yet.")]
        elif improve_by < timezone.localdate():
            errors["improve_by"] = [_("This date has passed: choose today or a later day.")]
        elif problem := plausibility_error(improve_by):
            errors["improve_by"] = [problem]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        rating = Rating.objects.create(
            organisation_id=actor.organisation_pk,
            code=code,
            level=level,
            evidence=evidence,
            improvement=improvement,
            improve_by=improve_by,
            rated_by=actor,
        )
        log.log_change(
            actor=actor,
            case=None,
            action=AuditAction.RATE_STANDARD,
            changes={"code": (None, code), "level": (None, level)},
        )
    return rating
