"""Safety workflows. Each runs in one transaction with its audit record; the risk assessment also
keeps the case's copy of its risk level, and a high level restricts the case in the same
transaction."""

from __future__ import annotations

from datetime import date

import phonenumbers
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from reintegra.access.sections import Section
from reintegra.accounts.models import User
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.cases.models import Case
from reintegra.cases.vocabularies import RiskLevel
from reintegra.core.dates import require_plausible
from reintegra.safety.models import (
    OVERALL_LEVELS,
    PersonOfConcern,
    ReassessmentTrigger,
    RiskAssessment,
    SafetyPlan,
    TriggerKind,
)
from reintegra.safety.reassessment import current_level


def record_risk_assessment(
    *,
    actor: User,
    case: Case,
    kind: str,
    assessed_on: date,
    assessed_by: str,
    traffickers: str,
    community: str,
    family: str,
    own_sense: str,
    level: str,
    next_review_on: date,
    notes: str = "",
) -> RiskAssessment:
    """Append a risk assessment and set the case's level from the latest of each kind. When that
    level is high, the case is restricted to its team and marked at risk in the same
    transaction. A lower level lifts nothing by itself: a person decides that on the case."""
    errors: dict[str, str] = {}
    if level not in OVERALL_LEVELS:
        errors["level"] = _("Choose the overall level: low, medium or high.")
    if not assessed_by.strip():
        errors["assessed_by"] = _("Say who made the assessment, e.g. the team or a police unit.")
    if next_review_on <= assessed_on:
        errors["next_review_on"] = _("The reassessment date comes after the assessment.")
    if errors:
        raise ValidationError(errors)
    require_plausible(past={"assessed_on": assessed_on}, ahead={"next_review_on": next_review_on})
    with transaction.atomic():
        # One at a time per case, so two assessments at once cannot leave the older level.
        locked = Case.objects.select_for_update().only("risk_level", "restricted", "at_risk").get(pk=case.pk)
        assessment = RiskAssessment.objects.create(
            case=case,
            kind=kind,
            assessed_on=assessed_on,
            assessed_by=assessed_by.strip(),
            traffickers=traffickers,
            community=community,
            family=family,
            own_sense=own_sense,
            level=level,
            notes=notes,
            next_review_on=next_review_on,
            recorded_by=actor,
        )
        new_level = current_level(RiskAssessment.objects.filter(case=case))
        changes: dict[str, tuple[object, object]] = {
            "risk_assessment": (None, assessment.pk),
            "kind": (None, kind),
            "assessed_on": (None, assessed_on.isoformat()),
            "level": (None, level),
            "next_review_on": (None, next_review_on.isoformat()),
        }
        updates: dict[str, object] = {"risk_level": new_level}
        if new_level == RiskLevel.HIGH:
            # High risk restricts the case and marks it at risk, by rule (issue 15).
            updates.update(restricted=True, at_risk=True)
        for name, value in updates.items():
            if getattr(locked, name) != value:
                changes[f"case_{name}"] = (getattr(locked, name), value)
            setattr(case, name, value)
        case.save(update_fields=[*updates, "updated_at"])
        log.log_change(
            actor=actor, case=case, action=AuditAction.RECORD_RISK_ASSESSMENT, section=Section.SAFETY, changes=changes
        )
    return assessment


def _contacts(contacts: list[dict[str, str]], region: str) -> list[dict[str, str]]:
    """Each contact with a name and a phone number that exists, written in international form.
    A number without a country code is read as the organisation's country's."""
    checked: list[dict[str, str]] = []
    for contact in contacts:
        name, phone = contact.get("name", "").strip(), contact.get("phone", "").strip()
        if not name or not phone:
            raise ValidationError({"emergency_contacts": _("Give each emergency contact a name and a phone number.")})
        try:
            number = phonenumbers.parse(phone, region or None)
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            raise ValidationError(
                {
                    "emergency_contacts": _(
                        "“%(phone)s” (for %(name)s) is not a phone number we recognise. Check it, or "
                        "write it with its country code, e.g. +84 …"
                    )
                    % {"phone": phone, "name": name}
                }
            )
        checked.append(
            {"name": name, "phone": phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)}
        )
    return checked


def update_safety_plan(
    *,
    actor: User,
    case: Case,
    measures: str = "",
    emergency_contacts: list[dict[str, str]] | None = None,
    code_words: str = "",
    person_agreed_to_police: bool = False,
    police_contact: str = "",
) -> SafetyPlan:
    """Append a version of the case's safety plan. Coordination with the police is recorded only
    when the person's agreement to it is recorded."""
    contacts = _contacts(emergency_contacts or [], str(case.organisation.country or ""))
    police = bool(police_contact.strip())
    if police and not person_agreed_to_police:
        raise ValidationError(
            {
                "person_agreed_to_police": _(
                    "Coordination with the police is recorded only when the person has agreed to it."
                )
            }
        )
    with transaction.atomic():
        # One at a time per case, so two changes at once get two versions, not one number twice.
        Case.objects.select_for_update().only("pk").get(pk=case.pk)
        latest = SafetyPlan.objects.filter(case=case).aggregate(latest=Max("version"))["latest"] or 0
        plan = SafetyPlan.objects.create(
            case=case,
            version=latest + 1,
            measures=measures.strip(),
            emergency_contacts=contacts,  # type: ignore[misc]
            code_words=code_words.strip(),
            police_coordination=police,
            person_agreed_to_police=person_agreed_to_police,
            police_contact=police_contact.strip(),
            recorded_by=actor,
        )
        log.log_change(
            actor=actor,
            case=case,
            action=AuditAction.UPDATE_SAFETY_PLAN,
            section=Section.SAFETY,
            changes={
                "safety_plan_version": (latest or None, plan.version),
                "emergency_contacts": (None, len(contacts)),
                "police_coordination": (None, police),
                "person_agreed_to_police": (None, person_agreed_to_police),
            },
        )
    return plan


def record_person_of_concern(
    *, actor: User, case: Case, name: str, relationship: str, description: str = "", whereabouts: str = ""
) -> PersonOfConcern:
    if not name.strip():
        raise ValidationError({"name": _("Give the name they are known by.")})
    with transaction.atomic():
        concern = PersonOfConcern.objects.create(
            case=case,
            name=name.strip(),
            relationship=relationship,
            description=description.strip(),
            whereabouts=whereabouts.strip(),
            recorded_by=actor,
        )
        log.log_change(
            actor=actor,
            case=case,
            action=AuditAction.RECORD_PERSON_OF_CONCERN,
            section=Section.SAFETY,
            changes={"person_of_concern": (None, concern.pk), "relationship": (None, relationship)},
        )
    return concern


def record_trigger(*, actor: User, case: Case, kind: str, on: date, note: str = "") -> ReassessmentTrigger:
    """Record an event that calls for a new risk assessment. A threat has happened; a return
    home or a court date may be set ahead, and the reassessment falls due on its day."""
    if kind == TriggerKind.THREAT:
        require_plausible(past={"on": on})
    else:
        require_plausible(ahead={"on": on})
    with transaction.atomic():
        trigger = ReassessmentTrigger.objects.create(case=case, kind=kind, on=on, note=note.strip(), recorded_by=actor)
        # No audit action of its own exists: a trigger is part of the case's safety planning.
        log.log_change(
            actor=actor,
            case=case,
            action=AuditAction.UPDATE_SAFETY_PLAN,
            section=Section.SAFETY,
            changes={"reassessment_trigger": (None, trigger.pk), "kind": (None, kind), "on": (None, on.isoformat())},
        )
    return trigger
